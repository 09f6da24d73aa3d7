//! `failover` of a Sentinel group: the planned switchover (see `planner::sentinel::failover`),
//! then the verdict `check` gives.

use super::super::{Outcome, Report};
use super::check;
use crate::cli::FailoverArgs;
use crate::context::Context;
use crate::error::{ExitCode, Result};
use crate::planner::sentinel::failover::{self, FailoverRequest};
use crate::platform::Platform;

pub async fn run(ctx: &Context, args: &FailoverArgs, platform: &Platform) -> Result<ExitCode> {
    let wait = args.wait_timeout;
    let pause = args.pause_limit;
    let max_lag = args.max_lag;
    let facts = super::gather(ctx, platform, &args.target, super::Reading::Existing).await?;
    let to = args.to.as_deref().map(|to| super::member_addr(platform, &facts, to)).transpose()?;
    let request = FailoverRequest {
        to,
        max_lag,
        pause_ms: pause.as_millis() as u64,
        check: super::command_for(ctx, "check", &args.target),
    };
    let plan = failover::plan(&facts, &request)?;
    let (outcome, summary) = super::carry_out(ctx, &facts, &plan, wait).await?;
    let verdict = match outcome {
        Outcome::Applied => {
            let facts = super::gather(ctx, platform, &args.target, super::Reading::Existing).await?;
            Some(check::verdict(ctx, &args.target, &facts, max_lag))
        }
        _ => None,
    };
    let code = ExitCode::of_change(outcome == Outcome::Stopped, verdict.as_ref().map(check::GroupVerdict::exit_code));
    if ctx.out.documents() {
        ctx.out.document(&Report { plan: &plan, outcome, check: verdict })?;
    } else {
        if let Some(master) = &summary.new_master {
            println!("{}", ctx.style.good(&format!("OK: {} is the master", facts.named(master))));
        }
        if let Some(verdict) = verdict.as_ref().filter(|v| !v.findings.is_empty()) {
            check::print(ctx, verdict);
        }
    }
    Ok(code)
}
