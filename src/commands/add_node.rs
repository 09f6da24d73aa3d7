//! `add-node`: joins an empty node as a master (by default) or as a replica, and waits until it
//! knows the whole slot map before reporting success.

use super::{Outcome, Report, verdict};
use crate::cli::{AddNodeArgs, WaitUntil};
use crate::context::{Context, Kind, Target};
use crate::error::{Error, ExitCode, Result};
use crate::executor::Executor;
use crate::planner::membership::{self, JoinAs, Joiner};
use crate::planner::{NodeRef, Plan};
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;
use crate::redis::topology::{self, Topology, resolve};

pub async fn run(ctx: &Context, args: &AddNodeArgs) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(&args.target).await?;
    if kind == Kind::Group {
        return super::sentinel::add_node::run(ctx, args, &platform).await;
    }
    if args.sentinel {
        return Err(Error::usage("--sentinel is for Sentinel groups: the target has no sentinels")
            .hint("name the group's sentinels with --sentinels"));
    }
    let wait = args.wait_timeout;
    let join_as = match (&args.replica_of, args.replica) {
        (Some(master), _) => JoinAs::Replica(Some(master.clone())),
        (None, true) => JoinAs::Replica(None),
        (None, false) => JoinAs::Master,
    };
    let synced = args.wait == WaitUntil::Synced;
    let (outcome, plan) = execute(ctx, &platform, &args.node, join_as, Waits { limit: wait, synced }).await?;
    if ctx.out.documents() {
        ctx.out.document(&Report::<_, verdict::Verdict> { plan: &plan, outcome, check: None })?;
    } else if outcome == Outcome::Applied {
        println!("{}", ctx.style.good("OK: the node joined and knows the whole slot map"));
    }
    Ok(super::exit_code(outcome, None))
}

/// How long and for what an added node is waited for.
pub struct Waits {
    pub limit: std::time::Duration,
    /// A replica until its first sync is done.
    pub synced: bool,
}

/// `join_as` may name the master by reference; it is resolved here against the cluster.
pub async fn execute(ctx: &Context, platform: &Platform, node: &str, join_as: JoinAs, wait: Waits) -> Result<(Outcome, Plan)> {
    let topology = super::gather(ctx, platform).await?;
    let addr = new_node_addr(&topology, &platform.address_for(node))?;
    let state = topology::probe(&ctx.connector, &addr)
        .await
        .map_err(|e| Error { message: format!("cannot add {addr}: {}", e.message), ..e })?;
    if !state.info.cluster_enabled {
        return Err(Error::refused(format!("{addr} runs with cluster mode disabled")).hint("start it with cluster-enabled yes"));
    }
    let join_as = match join_as {
        JoinAs::Replica(Some(reference)) => JoinAs::Replica(Some(topology.find(&reference)?.id.clone())),
        other => other,
    };
    let joiner = Joiner {
        node: NodeRef::new(state.id.clone(), addr),
        keys: state.info.keys,
        slots: state.myself().map_or(0, |m| m.slots.len()),
        knows: state.view.lines.iter().filter(|l| l.id != state.id).count(),
    };
    let plan = membership::plan_add(&topology, &platform.sites(), &joiner, &join_as, wait.synced)?;
    let outcome = super::carry_out(ctx, &plan, Executor::new(&ctx.connector, wait.limit, &ctx.stop)).await?;
    Ok((outcome, plan))
}

/// HOST:PORT (a member name already translated), or the address of a member or spare node whose ID starts with `node`.
fn new_node_addr(topology: &Topology, node: &str) -> Result<NodeAddr> {
    if let Ok(addr) = node.parse::<NodeAddr>() {
        return Ok(addr);
    }
    let mut known: Vec<(String, NodeAddr)> =
        topology.members.iter().filter_map(|m| m.addr.clone().map(|a| (m.id.clone(), a))).collect();
    known.extend(topology.strangers.iter().map(|s| (s.id.clone(), s.addr.clone())));
    resolve(node, &known, |k| &k.0, |k| Some(&k.1), |_| None).map(|k| k.1.clone())
}
