//! `check`: gathers every finding before it decides the exit code (`--fix` is `fix`).

use super::verdict;
use crate::cli::CheckArgs;
use crate::context::Context;
use crate::error::{ExitCode, Result};
use crate::output;

pub async fn run(ctx: &Context, args: &CheckArgs) -> Result<ExitCode> {
    if args.fix {
        return super::fix::run(ctx, &args.target, &args.moving).await;
    }
    let platform = ctx.platform(&args.target).await?;
    let verdict = verdict::execute(ctx, &platform).await?;
    if ctx.json {
        output::print_json(&verdict)?;
    } else {
        verdict::print(ctx, &verdict);
    }
    Ok(verdict.exit_code())
}
