//! The flow every slot-moving command shares (reshard, rebalance, fix): safety preconditions,
//! resuming a journal left by an interrupted run, choosing the migration backend, the plan, the
//! confirmation, the moves with progress and Ctrl-C, and the final agreement wait.

use std::time::{Duration, Instant};

use serde_json::json;

use super::Outcome;
use crate::cli::{self, Migration, MoveArgs};
use crate::context::Context;
use crate::error::{Error, ExitCode, Result};
use crate::executor::mover::{self, Backend, Settings, Summary};
use crate::executor::pace::Pace;
use crate::executor::{Executor, SlotMoving};
use crate::journal::{self, Journal};
use crate::planner::guard::{self, Recorded};
use crate::planner::moves::Move;
use crate::planner::{NodeRef, Plan, Step, node_ref};
use crate::platform::Platform;
use crate::progress;
use crate::redis::addr::NodeAddr;
use crate::redis::slot_jobs;
use crate::redis::topology::{Member, Topology};

/// Slots handled per pipelined round by the legacy mover.
const SLOTS_PER_ROUND: usize = 64;

/// What a slot-moving command asks for, in resolved form.
pub struct Request {
    pub verb: &'static str,
    /// The request as typed (never the masters it resolved to, which change as slots move):
    /// equal strings mean the same request.
    pub fingerprint: String,
    /// How the user can run it again, for hints.
    pub command_line: String,
}

/// What to move: a fresh plan, or nothing because the cluster already is where it should be.
pub enum Fresh {
    Moves { moves: Vec<Move>, summary: Vec<String> },
    NothingToDo(String),
}

/// The whole flow; `plan_fresh` runs only when no journal of the same request is waiting.
pub async fn run(
    ctx: &Context,
    topology: &Topology,
    args: &MoveArgs,
    request: Request,
    plan_fresh: impl FnOnce(&Topology) -> Result<Fresh>,
) -> Result<ExitCode> {
    validate(args, topology)?;
    guard::preconditions(topology)?;
    let (moves, summary) = match resume(ctx, topology, &request).await? {
        Some(moves) => {
            let summary = vec![format!("resuming the interrupted `{}`: {} slot(s) left", request.command_line, count(&moves))];
            (moves, summary)
        }
        None => match plan_fresh(topology)? {
            Fresh::Moves { moves, summary } => (moves, summary),
            Fresh::NothingToDo(why) => return nothing_to_do(ctx, request.verb, why),
        },
    };
    if moves.is_empty() {
        // `resume` removed a journal whose moves had all arrived.
        return nothing_to_do(ctx, request.verb, "every slot is where it should be".into());
    }
    let backend = prepare(topology, args, &moves)?;
    let mut summary = summary;
    summary.push(format!(
        "{} slot(s) in {} move(s), {} migration, {} pace",
        count(&moves),
        moves.len(),
        backend_name(backend),
        pace(args.pace).name()
    ));
    let plan =
        Plan { action: request.verb, summary, placement: None, steps: moves.iter().cloned().map(Step::MoveSlots).collect() };
    settings(args, backend, topology)?;
    if ctx.out.documents() {
        ctx.out.event(&json!({ "event": "plan", "plan": plan }));
    } else {
        print!("{plan}");
    }
    if ctx.dry_run {
        return finish(ctx, request.verb, Outcome::DryRun, &Summary::default(), None);
    }
    ctx.confirm(&format!("Move {} slot(s)?", count(&moves)))?;
    ctx.stop.on_ctrl_c(ctx.out.documents());
    let mode = if ctx.out.documents() { progress::Mode::Events(ctx.out) } else { progress::Mode::Human };
    let summary = move_slots(ctx, topology, args, backend, &moves, &request, mode).await?;
    if summary.stopped {
        let code = ctx.stop.ending()?;
        finish(ctx, request.verb, Outcome::Stopped, &summary, Some(&request.command_line))?;
        return Ok(code);
    }
    finish(ctx, request.verb, Outcome::Applied, &summary, None)
}

/// The cluster once no atomic slot migration runs on it: a job a killed run left (or someone
/// else started) is waited for, at most `--wait-timeout`, so that no move is planned over it.
pub async fn gather(ctx: &Context, platform: &Platform, args: &MoveArgs) -> Result<Topology> {
    let deadline = Instant::now() + args.wait_timeout;
    loop {
        let topology = super::gather(ctx, platform).await?;
        let atomic: Vec<NodeAddr> = topology
            .masters()
            .filter(|m| m.state.is_some() && atomic_supported(std::iter::once(*m)))
            .filter_map(|m| m.reached_at.clone())
            .collect();
        let running = slot_jobs::running(&ctx.connector, &atomic).await?;
        let Some((addr, job)) = running.first() else { return Ok(topology) };
        if Instant::now() >= deadline {
            return Err(Error::refused(format!(
                "an atomic slot migration still runs on {addr}: {} (and {} more)",
                job.describe(),
                running.len() - 1
            ))
            .hint("wait until it ends (CLUSTER GETSLOTMIGRATIONS on that node), then run the command again"));
        }
        if !ctx.out.documents() {
            eprintln!("waiting for the slot migration running on {addr} to end: {}", job.describe());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// The unfinished moves of an interrupted run of the same request (`None` when none waits).
/// Refuses when another request left moves unfinished, or a slot is open that no journal explains.
pub async fn resume(ctx: &Context, topology: &Topology, request: &Request) -> Result<Option<Vec<Move>>> {
    let store = ctx.journals();
    let Some(entry) = journal::find(store.as_ref(), journal::Kind::Move, &member_ids(topology)).await? else {
        return guard::refuse_foreign_open_slots(topology, &[]).map(|()| None);
    };
    let j = entry.journal?;
    let same_request = j.request == request.fingerprint;
    match guard::remaining(&recorded(&j), topology) {
        // Killed after its last slot arrived: nothing of it is left to finish, whichever
        // request this is.
        Ok(left) if left.is_empty() => {
            store.remove(entry.key.as_deref()).await?;
            if same_request { Ok(Some(left)) } else { guard::refuse_foreign_open_slots(topology, &[]).map(|()| None) }
        }
        left if same_request => left.map(Some),
        _ => Err(Error::refused(format!("an earlier move did not finish: `{}`", j.command_line))
            .hint("run that command again to finish it first (nothing was changed now)")),
    }
}

/// Every member's node ID, reachable or not: what a journal is found by.
pub fn member_ids(topology: &Topology) -> Vec<&str> {
    topology.members.iter().map(|m| m.id.as_str()).collect()
}

fn recorded(journal: &Journal) -> Vec<Recorded> {
    journal.moves.iter().map(|m| Recorded { source: m.source.clone(), target: m.target.clone(), slots: m.ranges() }).collect()
}

/// What must hold before these moves start; the backend they use.
pub fn prepare(topology: &Topology, args: &MoveArgs, moves: &[Move]) -> Result<Backend> {
    guard::refuse_foreign_open_slots(topology, moves)?;
    guard::refuse_overfilling(topology, moves)?;
    let backend = backend(args.migration, topology, moves)?;
    if backend == Backend::Legacy {
        guard::refuse_keys_outside_db0(topology, moves)?;
    }
    Ok(backend)
}

fn backend_name(backend: Backend) -> &'static str {
    match backend {
        Backend::Legacy => "legacy (MIGRATE)",
        Backend::Atomic => "atomic (MIGRATESLOTS)",
    }
}

fn pace(choice: cli::Pace) -> Pace {
    match choice {
        cli::Pace::Fast => Pace::Fast,
        cli::Pace::Gentle => Pace::Gentle,
        cli::Pace::Auto => Pace::Auto,
    }
}

fn count(moves: &[Move]) -> usize {
    moves.iter().map(Move::slot_count).sum()
}

fn nothing_to_do(ctx: &Context, verb: &str, why: String) -> Result<ExitCode> {
    if ctx.out.documents() {
        ctx.out.event(&json!({ "event": "result", "action": verb, "outcome": Outcome::NothingToDo, "reason": why }));
    } else {
        println!("{why}: nothing to do.");
    }
    Ok(ExitCode::Success)
}

/// Checks the slot-moving flags before anything else, so that a bad one is reported even when
/// there turns out to be nothing to move: the numbers, and `--migration atomic` on servers
/// without it.
pub fn validate(args: &MoveArgs, topology: &Topology) -> Result<()> {
    settings(args, Backend::Legacy, topology)?;
    if args.migration == Migration::Atomic && !atomic_supported(topology.masters()) {
        return Err(
            Error::usage("atomic migration needs Valkey 9 or newer on every master").hint("use --migration legacy (or auto)")
        );
    }
    Ok(())
}

/// True when every one of these members runs a server with atomic slot migration.
fn atomic_supported<'a>(members: impl Iterator<Item = &'a Member>) -> bool {
    let servers = members.filter_map(|m| m.state.as_ref()).map(|s| (s.info.server.as_str(), s.info.version.as_str()));
    mover::auto_backend(servers) == Backend::Atomic
}

/// Atomic only where every involved node runs Valkey 9 or newer and no legacy open slot waits.
pub fn backend(choice: Migration, topology: &Topology, moves: &[Move]) -> Result<Backend> {
    let involved: Vec<&Member> =
        moves.iter().flat_map(|m| [&m.source.id, &m.target.id]).filter_map(|id| topology.member(id)).collect();
    let supported = atomic_supported(involved.into_iter());
    let open_slots = topology.members.iter().any(|m| !m.migrating.is_empty() || !m.importing.is_empty());
    match choice {
        Migration::Legacy => Ok(Backend::Legacy),
        Migration::Auto if supported && !open_slots => Ok(Backend::Atomic),
        Migration::Auto => Ok(Backend::Legacy),
        Migration::Atomic if !supported => Err(Error::usage("atomic migration needs Valkey 9 or newer on every involved node")
            .hint("use --migration legacy (or auto)")),
        Migration::Atomic if open_slots => {
            Err(Error::refused("open slots from a legacy migration must be finished the legacy way")
                .hint("use --migration legacy (or auto) for this run"))
        }
        Migration::Atomic => Ok(Backend::Atomic),
    }
}

pub fn settings(args: &MoveArgs, backend: Backend, topology: &Topology) -> Result<Settings> {
    if args.batch_keys == 0 || args.parallel == 0 {
        return Err(Error::usage("--batch-keys and --parallel must be at least 1").hint("the defaults are 1000 and 4"));
    }
    Ok(Settings {
        backend,
        parallel: args.parallel,
        pace: pace(args.pace),
        batch_keys: args.batch_keys,
        batch_bytes: args.batch_bytes,
        slots_per_round: SLOTS_PER_ROUND,
        replace: args.replace,
        migrate_timeout: args.migrate_timeout,
        stall: args.wait_timeout,
        // Only masters that answer are told a slot's new owner: gossip tells the others, and a
        // dead one must not hold every move up.
        masters: topology.masters().filter(|m| m.state.is_some()).filter_map(node_ref).collect(),
    })
}

/// Saves the journal, moves with progress (Ctrl-C stops after the slots in flight), waits until
/// the masters agree, and removes the journal once every slot arrived.
pub async fn move_slots(
    ctx: &Context,
    topology: &Topology,
    args: &MoveArgs,
    backend: Backend,
    moves: &[Move],
    request: &Request,
    mode: progress::Mode,
) -> Result<Summary> {
    let settings = settings(args, backend, topology)?;
    let store = ctx.journals();
    // A resumed run keeps the journal where the interrupted one filed it (under its masters then:
    // a drained master may have turned replica since), so that one journal is kept and removed.
    let filed = journal::find(store.as_ref(), journal::Kind::Move, &member_ids(topology)).await?;
    let filed = filed.and_then(|e| e.journal.ok()).filter(|j| j.request == request.fingerprint).map(|j| j.masters);
    let masters = filed.unwrap_or_else(|| topology.masters().map(|m| m.id.clone()).collect());
    let journal = Journal::new(request.fingerprint.clone(), request.command_line.clone(), masters, moves);
    store.save(&journal).await?;
    let (report, display) = progress::reporter(mode, count(moves));
    let wait = args.wait_timeout;
    let mut executor = Executor::new(&ctx.connector, wait, &ctx.stop).with_slot_moving(SlotMoving { settings, report });
    let plan = Plan {
        action: request.verb,
        summary: vec![],
        placement: None,
        steps: moves.iter().cloned().map(Step::MoveSlots).collect(),
    };
    let started = std::time::Instant::now();
    let result = executor.apply(&plan, |_, _, _| {}).await;
    let moving_took = started.elapsed();
    display.close();
    let summary = result?;
    if summary.stopped {
        return Ok(summary);
    }
    let masters: Vec<NodeRef> = topology.reachable().filter_map(node_ref).collect();
    let settle =
        Plan { action: request.verb, summary: vec![], placement: None, steps: vec![Step::WaitForAgreement { nodes: masters }] };
    executor.apply(&settle, |_, _, _| {}).await?;
    if ctx.verbose > 0 {
        eprintln!("moving took {moving_took:.2?}, agreement {:.2?}", started.elapsed() - moving_took);
    }
    store.remove(journal.key().as_deref()).await?;
    Ok(summary)
}

/// The result line (JSON: the result event, with the command that continues after a stop).
fn finish(ctx: &Context, verb: &str, outcome: Outcome, summary: &Summary, resume: Option<&str>) -> Result<ExitCode> {
    if ctx.out.documents() {
        let mut doc = json!({ "event": "result", "action": verb, "outcome": outcome, "summary": summary });
        if let Some(resume) = resume {
            doc["resume"] = json!(resume);
        }
        ctx.out.event(&doc);
    } else if outcome == Outcome::DryRun {
        println!("Dry run: nothing was changed.");
    } else {
        println!("{}", ctx.style.good(&format!("moved {} slot(s) and {} key(s)", summary.slots_moved, summary.keys_moved)));
    }
    if let Some(resume) = resume {
        eprintln!("stopped after the slots in flight; run `{resume}` to continue");
    }
    Ok(ExitCode::Success)
}
