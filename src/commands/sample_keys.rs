//! `sample-keys write|verify` (hidden): deterministic keys on their slot owners, so benchmarks and
//! demos can prove that every key survived a topology change.

use crate::cli::SampleKeysCommand;
use crate::context::Context;
use crate::error::{Error, ExitCode, Result};
use crate::redis::data;

pub async fn run(ctx: &Context, command: &SampleKeysCommand) -> Result<ExitCode> {
    let (args, write) = match command {
        SampleKeysCommand::Write(args) => (args, true),
        SampleKeysCommand::Verify(args) => (args, false),
    };
    let platform = ctx.platform(&args.target).await?;
    let topology = super::gather(ctx, &platform).await?;
    let keys = data::samples(args.count, args.size);
    if write {
        data::write(&ctx.connector, &topology, &keys).await?;
        println!("wrote {} key(s)", keys.len());
        return Ok(ExitCode::Success);
    }
    let missing = data::missing(&ctx.connector, &topology, &keys).await?;
    if !missing.is_empty() {
        let first = String::from_utf8_lossy(&missing[0]).into_owned();
        return Err(Error::failed(format!("{} of {} key(s) are missing or changed (first: {first})", missing.len(), keys.len())));
    }
    println!("all {} key(s) present", keys.len());
    Ok(ExitCode::Success)
}
