//! `restart`: a role-aware rolling restart (see `planner::restart`; a Sentinel group's is in
//! `sentinel::restart`). Each restart is the
//! platform's (a sandbox server process; a pod the StatefulSet recreates), and each is waited for
//! until the member serves again before the next. The members done so far are journalled, so a
//! run stopped by Ctrl-C or killed is finished by running it again.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::Outcome;
use super::verdict;
use crate::cli::RestartArgs;
use crate::context::{Context, Kind, Target};
use crate::error::{Error, ExitCode, Result};
use crate::executor::Executor;
use crate::journal::{self, Journal};
use crate::planner::restart::{self, RestartRequest, RestartStep};
use crate::planner::{NodeRef, Plan, Step};
use crate::platform::Platform;
use crate::redis::topology::{Role, Topology};

const POLL: Duration = Duration::from_millis(250);

pub async fn run(ctx: &Context, args: &RestartArgs) -> Result<ExitCode> {
    let (target, names) = split_members(args);
    let Target { kind, mut platform } = ctx.target(&target).await?;
    if let Some(why) = platform.restart_blocker() {
        return Err(why);
    }
    let image = match &args.image {
        Some(image) => {
            if let Some(why) = platform.image_blocker() {
                return Err(why);
            }
            Some(platform.normalize_image(image)?)
        }
        None => None,
    };
    let wait = args.wait_timeout;
    let max_lag = args.max_lag;
    if kind == Kind::Group {
        let group = super::sentinel::restart::Restart { args, target: &target, names: &names, image, wait, max_lag };
        return super::sentinel::restart::run(ctx, &mut platform, group).await;
    }
    let mut topology = super::gather(ctx, &platform).await?;
    let store = ctx.journals();
    let interrupted = interrupted_restart(store.as_ref(), &topology).await?;
    if let Some(killed) = interrupted.as_ref().filter(|_| !ctx.dry_run) {
        let in_flight = killed.in_flight.as_deref();
        topology = bring_back_the_member_in_flight(ctx, &mut platform, &topology, in_flight, max_lag, wait).await?;
    }
    let mut members = BTreeSet::new();
    for name in &names {
        members.insert(topology.find(&platform.address_for(name))?.id.clone());
    }
    let masters: Vec<String> = topology.masters().map(|m| m.id.clone()).collect();
    let Interrupted { key: found_key, done, .. } = interrupted.unwrap_or_default();
    let current = match &image {
        Some(image) => topology
            .members
            .iter()
            .filter(|m| m.reached_at.as_ref().or(m.addr.as_ref()).is_some_and(|a| platform.runs_image(a, image)))
            .map(|m| m.id.clone())
            .collect(),
        None => BTreeSet::new(),
    };
    let request = RestartRequest {
        members,
        done: done.clone(),
        image: image.clone(),
        current,
        allow_unavailable: args.allow_unavailable,
        max_lag,
    };
    let plan = restart::plan(&topology, &request)?;
    if let Some(outcome) = super::present(ctx, &plan)? {
        super::print_result(ctx, &plan, outcome, None)?;
        return Ok(ExitCode::Success);
    }
    if let Some(image) = &image {
        platform.set_image(image).await?;
    }
    let mut restarted: Vec<String> = done.into_iter().collect();
    let command_line = format!("kubectl redis restart {}", ctx.rerun_words(&target));
    store.save(&Journal::restarting(command_line.clone(), masters.clone(), restarted.clone(), None)).await?;
    let total = plan.steps.len();
    for (n, step) in plan.steps.iter().enumerate() {
        if ctx.stop.before_step().await {
            ctx.stop.ending()?;
            super::print_result(ctx, &plan, Outcome::Stopped, None)?;
            eprintln!("stopped after the member in flight; run `{command_line}` to continue");
            return Ok(ExitCode::Interrupted);
        }
        if !ctx.out.documents() {
            eprintln!("[{}/{total}] {step}", n + 1);
        }
        ctx.connector.changes.note();
        let result = match step {
            RestartStep::Handover { node, master } => {
                let handover = Plan {
                    action: "hand over",
                    summary: vec![],
                    placement: None,
                    steps: vec![Step::Failover { node: node.clone(), master: master.clone() }],
                };
                // A fresh executor per step: connections kept across a restart would be dead.
                Executor::new(&ctx.connector, wait, &ctx.stop).apply(&handover, |_, _, _| {}).await.map(|_| ())
            }
            RestartStep::Restart { node, as_replica } => {
                let in_flight = Some(node.id.clone());
                store.save(&Journal::restarting(command_line.clone(), masters.clone(), restarted.clone(), in_flight)).await?;
                let name = node.name.clone().unwrap_or_else(|| node.addr.to_string());
                match platform.restart_member(&name, wait).await {
                    Ok(()) => match tell_new_address(ctx, &platform, wait).await {
                        Ok(()) => back_in_service(ctx, &platform, node, *as_replica, max_lag, wait).await,
                        Err(e) => Err(e),
                    },
                    Err(e) => Err(e),
                }
            }
        };
        result.map_err(|e| {
            Error::failed(format!("step {}/{total} ({step}) failed: {}", n + 1, e.message))
                .hint(format!("`kubectl redis check` shows the cluster; run `{command_line}` again to continue"))
        })?;
        if let RestartStep::Restart { node, .. } = step {
            restarted.push(node.id.clone());
            store.save(&Journal::restarting(command_line.clone(), masters.clone(), restarted.clone(), None)).await?;
        }
    }
    let key = journal::Kind::Restart.key(&sorted_first(&masters));
    store.remove(Some(&key)).await?;
    if let Some(key) = found_key.filter(|k| *k != key) {
        store.remove(Some(&key)).await?;
    }
    let verdict = verdict::settled(ctx, &platform, wait).await?;
    let code = super::exit_code(Outcome::Applied, Some(&verdict));
    super::print_result(ctx, &plan, Outcome::Applied, Some(verdict))?;
    Ok(code)
}

/// With `--sandbox` or `--nodes` every positional is a member (the first would otherwise be
/// taken for a StatefulSet's name).
fn split_members(args: &RestartArgs) -> (crate::cli::TargetArgs, Vec<String>) {
    let mut target = args.target.clone();
    let mut names = args.members.clone();
    if (target.sandbox.is_some() || !target.nodes.is_empty())
        && let Some(first) = target.statefulset.take()
    {
        names.insert(0, first);
    }
    (target, names)
}

fn sorted_first(masters: &[String]) -> String {
    masters.iter().min().cloned().unwrap_or_default()
}

/// What a killed restart left in its journal.
#[derive(Default)]
struct Interrupted {
    /// What the journal is filed under (the masters have changed since, so the next journal may
    /// be filed under another).
    key: Option<String>,
    /// The members it restarted.
    done: BTreeSet<String>,
    /// The member it was restarting.
    in_flight: Option<String>,
}

/// An interrupted restart of this cluster (`None`: none was); refuses while a slot move is
/// unfinished (its journal is there).
async fn interrupted_restart(store: &dyn journal::Store, topology: &Topology) -> Result<Option<Interrupted>> {
    let members = super::moving::member_ids(topology);
    if let Some(entry) = journal::find(store, journal::Kind::Move, &members).await? {
        let unfinished = entry.journal?;
        return Err(Error::refused(format!("an earlier move did not finish: `{}`", unfinished.command_line))
            .hint("run that command again to finish it first (nothing was changed now)"));
    }
    let Some(entry) = journal::find(store, journal::Kind::Restart, &members).await? else { return Ok(None) };
    let j = entry.journal?;
    let done = j.restarted.unwrap_or_default().into_iter().collect();
    Ok(Some(Interrupted { key: entry.key, done, in_flight: j.in_flight }))
}

/// A run killed in the middle of a restart may have left that member stopped or still stopping
/// (a sandbox's process; a pod comes back by itself): the member in flight and every member that
/// does not answer are restarted and waited for first. Returns the cluster as it is then.
async fn bring_back_the_member_in_flight(
    ctx: &Context,
    platform: &mut Platform,
    topology: &Topology,
    in_flight: Option<&str>,
    max_lag: u64,
    wait: Duration,
) -> Result<Topology> {
    let names = platform.names();
    for member in topology.members.iter().filter(|m| m.state.is_none() || Some(m.id.as_str()) == in_flight) {
        let Some(node) = crate::planner::node_ref(member) else { continue };
        let Some(name) = names.get(&node.addr) else { continue };
        if !ctx.out.documents() {
            eprintln!("{} was being restarted by the interrupted run: restarting it first", member.label());
        }
        platform.restart_member(name, wait).await?;
        back_in_service(ctx, platform, &node, member.role == Role::Replica, max_lag, wait).await?;
    }
    super::gather(ctx, platform).await
}

/// A pod comes back under a new IP, and a node the restarted one does not reach first keeps the
/// old one: every node that knows a member at an old address meets it at the new one.
async fn tell_new_address(ctx: &Context, platform: &Platform, wait: Duration) -> Result<()> {
    let topology = super::gather(ctx, platform).await?;
    let (mut summary, mut steps) = (Vec::new(), Vec::new());
    crate::planner::repair::stale_addresses(&topology, &mut summary, &mut steps);
    if steps.is_empty() {
        return Ok(());
    }
    let plan = Plan { action: "tell the new address", summary, placement: None, steps };
    Executor::new(&ctx.connector, wait, &ctx.stop).apply(&plan, |_, _, _| {}).await?;
    unless_lease_lost(ctx)
}

/// A Ctrl-C lets the member in flight come back; a lost lease ends the step at once (acting or
/// waiting on would be another run's business now).
fn unless_lease_lost(ctx: &Context) -> Result<()> {
    match ctx.stop.is_requested() {
        true => ctx.stop.ending().map(|_| ()),
        false => Ok(()),
    }
}

/// Polls the cluster until the restarted member serves again: answering under its ID, not
/// flagged failing by the others and known by all at its address (a pod comes back under a new
/// IP), and — when it rejoins as a replica — linked to its master and within `max_lag` of it;
/// as a master, serving its slots.
async fn back_in_service(
    ctx: &Context,
    platform: &Platform,
    node: &NodeRef,
    as_replica: bool,
    max_lag: u64,
    wait: Duration,
) -> Result<()> {
    let deadline = Instant::now() + wait;
    let mut last = String::from("it did not answer yet");
    loop {
        unless_lease_lost(ctx)?;
        if let Ok(topology) = super::gather(ctx, platform).await {
            match serving(&topology, &node.id, as_replica, max_lag) {
                Ok(()) => return Ok(()),
                Err(why) => last = why,
            }
        }
        if Instant::now() >= deadline {
            return Err(Error::failed(format!("{node} did not serve again within {}: {last}", crate::units::format(wait))));
        }
        tokio::time::sleep(POLL).await;
    }
}

fn serving(topology: &Topology, id: &str, as_replica: bool, max_lag: u64) -> std::result::Result<(), String> {
    let member = topology.member(id).ok_or("the cluster does not list it")?;
    let state = member.state.as_ref().ok_or("it does not answer")?;
    if member.seen_as.fail || member.seen_as.pfail {
        return Err("the other nodes still flag it as failing".into());
    }
    if !state.serving {
        return Err("it does not serve the cluster yet (cluster_state is not ok)".into());
    }
    let stale = topology.stale_views(member).len();
    if stale > 0 {
        return Err(format!("{stale} node(s) still know it at its old address"));
    }
    if !as_replica {
        return if member.role == Role::Master { Ok(()) } else { Err("it came back as a replica".into()) };
    }
    if member.role != Role::Replica {
        return Err("it is not a replica yet".into());
    }
    if state.info.master_link_up != Some(true) {
        return Err("its link to the master is not up yet".into());
    }
    let master = member.master_id.as_deref().and_then(|m| topology.member(m)).and_then(|m| m.state.as_ref());
    let lag = master.map(|m| m.info.repl_offset.saturating_sub(state.info.repl_offset)).ok_or("its master does not answer")?;
    if lag > max_lag { Err(format!("it is {lag} byte(s) behind its master")) } else { Ok(()) }
}
