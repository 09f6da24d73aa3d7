//! `fix` of a Sentinel group: the repair plan (see `planner::sentinel::repair`), confirmed and
//! applied, then the verdict `check` gives. It reads the group afresh each run, so a re-run after
//! an interruption does what is left.

use crate::cli::{GroupRepairArgs, TargetArgs};
use crate::context::Context;
use crate::error::{ExitCode, Result};
use crate::planner::sentinel::repair::{self, RepairRequest};
use crate::platform::Platform;

pub async fn run(
    ctx: &Context,
    target: &TargetArgs,
    wait: std::time::Duration,
    args: &GroupRepairArgs,
    platform: &Platform,
) -> Result<ExitCode> {
    let facts = super::gather(ctx, platform, target, super::Reading::Existing).await?;
    let master = args.master.as_deref().map(|m| super::member_addr(platform, &facts, m)).transpose()?;
    let discard_writes_on =
        args.discard_writes_on.iter().map(|m| super::member_addr(platform, &facts, m)).collect::<Result<Vec<_>>>()?;
    let request = RepairRequest { master, discard_writes_on, force: args.force };
    let plan = repair::plan(&facts, &request)?;
    let (outcome, _) = super::carry_out(ctx, &facts, &plan, wait).await?;
    super::finish(ctx, target, platform, &plan, outcome).await
}
