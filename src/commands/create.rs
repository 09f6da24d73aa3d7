//! `create`: checks every node, plans the layout, confirms, forms the cluster, then gives the same
//! verdict `check` gives.

use std::collections::{BTreeMap, BTreeSet};

use futures::future::join_all;

use super::Outcome;
use super::verdict::{self, Verdict};
use crate::cli::{CreateArgs, WaitUntil};
use crate::context::{Context, Kind, Target};
use crate::error::{Error, ExitCode, Result};
use crate::executor::Executor;
use crate::planner::create::{self, Candidate, CreateRequest};
use crate::planner::{NodeRef, Plan};
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;
use crate::redis::topology::{self, NodeState};

pub async fn run(ctx: &Context, args: &CreateArgs) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(&args.target).await?;
    match (args.sentinel, kind == Kind::Group) {
        (true, true) => return super::sentinel::create::run(ctx, args, &platform).await,
        (true, false) => {
            return Err(Error::usage("--sentinel forms a Sentinel group, but the target has no sentinels")
                .hint("list them with --sentinels HOST:PORT[,…], or start a sandbox with `sandbox up --sentinel`"));
        }
        (false, true) => {
            return Err(Error::refused(format!("{} is a Sentinel group, not a set of cluster nodes", platform.describe()))
                .hint("pass --sentinel to form the group"));
        }
        (false, false) if args.quorum.is_some() => {
            return Err(Error::usage("--quorum is for Sentinel groups").hint("add --sentinel and --sentinels"));
        }
        (false, false) => {}
    }
    let request = CreateRequest { replicas: args.replicas, force: args.force, wait_synced: args.wait == WaitUntil::Synced };
    let wait = args.wait_timeout;
    let (outcome, plan, verdict) = execute(ctx, &platform, request, wait).await?;
    let code = super::exit_code(outcome, verdict.as_ref());
    super::print_result(ctx, &plan, outcome, verdict)?;
    Ok(code)
}

/// Plans and (unless --dry-run) forms the cluster; the verdict is present when the cluster was checked.
pub async fn execute(
    ctx: &Context,
    platform: &Platform,
    request: CreateRequest,
    wait: std::time::Duration,
) -> Result<(Outcome, Plan, Option<Verdict>)> {
    let addrs = platform.nodes();
    let candidates = candidates(ctx, platform, &addrs).await?;
    let plan = create::plan(&candidates, request)?;
    let outcome = super::carry_out(ctx, &plan, Executor::new(&ctx.connector, wait, &ctx.stop)).await?;
    let verdict = match outcome {
        Outcome::DryRun | Outcome::Stopped => None,
        Outcome::Applied | Outcome::NothingToDo => Some(verdict::execute(ctx, platform).await?),
    };
    Ok((outcome, plan, verdict))
}

/// Asks every node in parallel; any node that cannot take part stops the command before anything changes.
async fn candidates(ctx: &Context, platform: &Platform, addrs: &[NodeAddr]) -> Result<Vec<Candidate>> {
    let unique: BTreeSet<&NodeAddr> = addrs.iter().collect();
    if unique.len() != addrs.len() {
        return Err(Error::usage("the same node is listed twice").hint("list every node once"));
    }
    let probes = join_all(addrs.iter().map(|a| topology::probe(&ctx.connector, a))).await;
    let sites = platform.sites();
    let mut seen: BTreeMap<String, NodeAddr> = BTreeMap::new();
    let mut out = Vec::new();
    for (addr, probe) in addrs.iter().zip(probes) {
        let state = probe.map_err(|e| Error { message: format!("cannot create: {}", e.message), ..e })?;
        if !state.info.cluster_enabled {
            return Err(Error::refused(format!("{addr} runs with cluster mode disabled"))
                .hint("start it with cluster-enabled yes (in redis.conf or as --cluster-enabled yes)"));
        }
        if let Some(other) = seen.insert(state.id.clone(), addr.clone()) {
            return Err(
                Error::usage(format!("{addr} and {other} are the same node ({:.8})", state.id)).hint("list every node once")
            );
        }
        out.push(candidate(addr, &state, sites.site(Some(addr))));
    }
    Ok(out)
}

fn candidate(addr: &NodeAddr, state: &NodeState, site: crate::planner::placement::Site) -> Candidate {
    let me = state.myself();
    Candidate {
        node: NodeRef::new(state.id.clone(), addr.clone()),
        bus_port: me.and_then(|m| m.addr.bus_port),
        site,
        slots: me.map(|m| m.slots.clone()).unwrap_or_default(),
        keys: state.info.keys,
        knows: state.view.lines.iter().filter(|l| l.id != state.id).map(|l| l.id.clone()).collect(),
        config_epoch: me.map_or(0, |m| m.config_epoch),
        master_id: me.and_then(|m| m.master_id.clone()),
    }
}
