//! `create --sentinel`: forms a Sentinel group from empty standalone members and blank sentinels,
//! then gives the same verdict `check` gives.

use crate::cli::CreateArgs;
use crate::context::Context;
use crate::error::{ExitCode, Result};
use crate::planner::sentinel::create::{self, CreateRequest, DEFAULT_SETTINGS};
use crate::platform::Platform;

pub async fn run(ctx: &Context, args: &CreateArgs, platform: &Platform) -> Result<ExitCode> {
    let wait = args.wait_timeout;
    let facts = super::gather(ctx, platform, &args.target, super::Reading::Forming).await?;
    let request = CreateRequest {
        order: platform.nodes(),
        quorum: args.quorum.map(|q| q as u64),
        settings: DEFAULT_SETTINGS,
        force: args.force,
    };
    let plan = create::plan(&facts, &request)?;
    let (outcome, _) = super::carry_out(ctx, &facts, &plan, wait).await?;
    super::finish(ctx, &args.target, platform, &plan, outcome).await
}
