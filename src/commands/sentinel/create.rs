//! `create --sentinel`: forms a Sentinel group from empty standalone members and blank sentinels,
//! then gives the same verdict `check` gives.

use super::super::{Outcome, Report};
use super::check::{self, GroupVerdict};
use crate::cli::CreateArgs;
use crate::context::{Context, parse_duration};
use crate::error::{ExitCode, Result};
use crate::output;
use crate::planner::sentinel::create::{self, CreateRequest, DEFAULT_SETTINGS};
use crate::platform::Platform;

pub async fn run(ctx: &Context, args: &CreateArgs, platform: &Platform) -> Result<ExitCode> {
    let wait = parse_duration("--wait-timeout", &args.wait_timeout)?;
    let facts = super::gather(ctx, platform, &args.target, super::Reading::Forming).await?;
    let request = CreateRequest {
        order: platform.nodes(),
        quorum: args.quorum.map(|q| q as u64),
        settings: DEFAULT_SETTINGS,
        force: args.force,
    };
    let plan = create::plan(&facts, &request)?;
    let (outcome, _) = super::carry_out(ctx, &facts, &plan, wait).await?;
    let verdict: Option<GroupVerdict> = match outcome {
        Outcome::DryRun | Outcome::Stopped => None,
        Outcome::Applied | Outcome::NothingToDo => {
            let facts = super::gather(ctx, platform, &args.target, super::Reading::Existing).await?;
            Some(check::verdict(ctx, &args.target, &facts, check::DEFAULT_MAX_LAG))
        }
    };
    let code = match (&verdict, outcome) {
        (_, Outcome::Stopped) => ExitCode::Interrupted,
        (Some(v), _) if v.exit_code() == ExitCode::CheckProblems => ExitCode::CheckProblems,
        _ => ExitCode::Success,
    };
    if ctx.json {
        output::print_json(&Report { plan: &plan, outcome, check: verdict })?;
    } else if let Some(verdict) = &verdict {
        check::print(ctx, verdict);
    }
    Ok(code)
}
