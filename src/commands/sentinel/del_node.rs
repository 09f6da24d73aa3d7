//! `del-node` on a Sentinel group: a member that has stopped is forgotten, or (`--sentinel`) a
//! sentinel stops monitoring; the sentinels that remember it are reset one at a time (see
//! `planner::sentinel::membership`).

use super::Reading;
use crate::cli::DelNodeArgs;
use crate::context::Context;
use crate::error::{Error, ExitCode, Result};
use crate::planner::sentinel::membership::{self, Joiner};
use crate::platform::Platform;

/// How long each sentinel gets to know the group again after its reset.
const WAIT: std::time::Duration = std::time::Duration::from_secs(60);

pub async fn run(ctx: &Context, args: &DelNodeArgs, platform: &Platform) -> Result<ExitCode> {
    let addr = super::node_addr(platform, &args.node, args.sentinel)?;
    let facts = super::gather(ctx, platform, &args.target, Reading::Existing).await?;
    let listed = if args.sentinel { facts.sentinels.contains_key(&addr) } else { facts.members.contains_key(&addr) };
    if !listed {
        let kind = if args.sentinel { "sentinel" } else { "member" };
        return Err(Error::usage(format!("{} is no {kind} of the group", args.node)).hint(format!(
            "list the group's nodes with `kubectl redis status`{}",
            if args.sentinel { "" } else { " (a sentinel: add --sentinel)" }
        )));
    }
    let leaver = if args.sentinel { Joiner::Sentinel(addr) } else { Joiner::Member(addr) };
    let plan = membership::plan_leave(&facts, &leaver, args.force)?;
    let (outcome, _) = super::carry_out(ctx, &facts, &plan, WAIT).await?;
    if ctx.out.documents() || outcome != crate::commands::Outcome::Applied {
        return super::finish(ctx, &args.target, platform, &plan, outcome).await;
    }
    println!("{}", ctx.style.good("OK: the node left the group; take it out of the target now"));
    Ok(ExitCode::Success)
}
