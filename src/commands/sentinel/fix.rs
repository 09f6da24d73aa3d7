//! `fix` of a Sentinel group: the repair plan (see `planner::sentinel::repair`), confirmed and
//! applied, then the verdict `check` gives. It reads the group afresh each run, so a re-run after
//! an interruption does what is left.

use super::super::{Outcome, Report};
use super::check;
use crate::cli::{GroupRepairArgs, TargetArgs};
use crate::context::{Context, parse_duration};
use crate::error::{ExitCode, Result};
use crate::output;
use crate::planner::sentinel::repair::{self, RepairRequest};
use crate::platform::Platform;

pub async fn run(
    ctx: &Context,
    target: &TargetArgs,
    wait_timeout: &str,
    args: &GroupRepairArgs,
    platform: &Platform,
) -> Result<ExitCode> {
    let wait = parse_duration("--wait-timeout", wait_timeout)?;
    let facts = super::gather(ctx, platform, target, super::Reading::Existing).await?;
    let master = args.master.as_deref().map(|m| super::failover::member_addr(platform, &facts, m)).transpose()?;
    let discard_writes_on =
        args.discard_writes_on.iter().map(|m| super::failover::member_addr(platform, &facts, m)).collect::<Result<Vec<_>>>()?;
    let request = RepairRequest { master, discard_writes_on, force: args.force };
    let plan = repair::plan(&facts, &request)?;
    let (outcome, _) = super::carry_out(ctx, &facts, &plan, wait).await?;
    let verdict = match outcome {
        Outcome::DryRun | Outcome::Stopped => None,
        Outcome::Applied | Outcome::NothingToDo => {
            let facts = super::gather(ctx, platform, target, super::Reading::Existing).await?;
            Some(check::verdict(ctx, target, &facts, check::DEFAULT_MAX_LAG))
        }
    };
    let code = match (&verdict, outcome) {
        (_, Outcome::Stopped) => ExitCode::Interrupted,
        (Some(v), _) => v.exit_code(),
        _ => ExitCode::Success,
    };
    if ctx.json {
        output::print_json(&Report { plan: &plan, outcome, check: verdict })?;
    } else if let Some(verdict) = &verdict {
        check::print(ctx, verdict);
    }
    Ok(code)
}
