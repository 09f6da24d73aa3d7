//! `del-node`: removes an empty master or a replica — also a dead one — re-homing its replicas
//! first, making every node forget it, and resetting it when it still answers.

use super::{Outcome, Report, verdict};
use crate::cli::DelNodeArgs;
use crate::context::{Context, Kind, Target};
use crate::error::{ExitCode, Result};
use crate::executor::Executor;
use crate::planner::Plan;
use crate::planner::membership;
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;
use crate::redis::topology::Topology;

/// How long re-homed replicas get to agree; FORGET itself needs no wait.
const REHOME_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

pub async fn run(ctx: &Context, args: &DelNodeArgs) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(&args.target).await?;
    if kind == Kind::Group {
        return super::sentinel::del_node::run(ctx, args, &platform).await;
    }
    if args.sentinel {
        return Err(crate::error::Error::usage("--sentinel is for Sentinel groups: the target has no sentinels")
            .hint("name the group's sentinels with --sentinels"));
    }
    let (outcome, plan) = execute(ctx, &platform, &args.node, args.force).await?;
    if ctx.out.documents() {
        ctx.out.document(&Report::<_, verdict::Verdict> { plan: &plan, outcome, check: None })?;
    } else if outcome == Outcome::Applied {
        println!("{}", ctx.style.good("OK: the node was removed from the cluster"));
    }
    Ok(super::exit_code(outcome, None))
}

pub async fn execute(ctx: &Context, platform: &Platform, node: &str, force: bool) -> Result<(Outcome, Plan)> {
    let topology = super::gather(ctx, platform).await?;
    let target = match topology.find(node) {
        Ok(target) => target,
        Err(err) => {
            let plan = already_gone(&topology, &platform.address_for(node)).ok_or(err)?;
            return Ok((super::carry_out(ctx, &plan, Executor::new(&ctx.connector, REHOME_WAIT, &ctx.stop)).await?, plan));
        }
    };
    let plan = membership::plan_remove(&topology, &platform.sites(), target, force)?;
    let outcome = super::carry_out(ctx, &plan, Executor::new(&ctx.connector, REHOME_WAIT, &ctx.stop)).await?;
    Ok((outcome, plan))
}

/// A re-run after the node was removed finds it alone and empty: nothing is left to do.
fn already_gone(topology: &Topology, node: &str) -> Option<Plan> {
    let addr: NodeAddr = node.parse().ok()?;
    let spare = topology.strangers.iter().find(|s| s.addr == addr && s.is_spare())?;
    let summary = vec![format!("{} is not part of the cluster (already removed)", spare.addr)];
    Some(Plan { action: "del-node", summary, placement: None, steps: vec![] })
}
