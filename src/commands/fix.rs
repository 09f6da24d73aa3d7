//! `fix` and `check --fix`: shows the repair plan for what check finds, applies it once confirmed,
//! and ends with the verdict `check` gives. Slots it finishes move as every command moves them
//! (`--migration`, `--pace`, Ctrl-C); its record of unfinished work is the servers' own open-slot
//! markers, which a re-run finishes, so it keeps no journal of its own (and leaves another
//! command's journal for that command to resume).

use super::verdict;
use super::{Outcome, moving};
use crate::cli::{GroupRepairArgs, MoveArgs, TargetArgs};
use crate::context::{Context, Kind, Target};
use crate::error::{Error, ExitCode, Result};
use crate::executor::mover::Backend;
use crate::executor::{Executor, SlotMoving};
use crate::journal;
use crate::planner::Step;
use crate::planner::guard;
use crate::planner::moves::Move;
use crate::planner::repair::{self, UncoveredKeys};
use crate::progress;
use crate::redis::slot_keys;
use crate::redis::topology::Topology;

pub async fn run(ctx: &Context, target: &TargetArgs, moving: &MoveArgs, group: &GroupRepairArgs) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(target).await?;
    if kind == Kind::Group {
        return super::sentinel::fix::run(ctx, target, moving.wait_timeout, group, &platform).await;
    }
    let topology = moving::gather(ctx, &platform, moving).await?;
    moving::validate(moving, &topology)?;
    let uncovered = count_uncovered_keys(ctx, &topology).await?;
    let repair::Repair { plan, left_open } = repair::plan(&topology, &uncovered, platform.roster().as_ref());
    let moves: Vec<Move> =
        plan.steps.iter().filter_map(|s| if let Step::MoveSlots(m) = s { Some(m.clone()) } else { None }).collect();
    // Open slots of a legacy migration are finished the legacy way (`--migration atomic` is refused then).
    let backend = moving::backend(moving.migration, &topology, &moves)?;
    if backend == Backend::Legacy {
        guard::refuse_keys_outside_db0(&topology, &moves)?;
    }
    let settings = moving::settings(moving, backend, &topology)?;
    let wait = moving.wait_timeout;
    let slots: usize = moves.iter().map(Move::slot_count).sum();
    let mode = if ctx.out.documents() { progress::Mode::Silent } else { progress::Mode::Human };
    let (report, display) = progress::reporter(mode, slots);
    let executor = Executor::new(&ctx.connector, wait, &ctx.stop).with_slot_moving(SlotMoving { settings, report });
    let outcome = super::carry_out(ctx, &plan, executor).await;
    display.close();
    let outcome = outcome?;
    if matches!(outcome, Outcome::Applied | Outcome::NothingToDo) {
        forget_stale_journal(ctx, &topology).await?;
    }
    let verdict = match outcome {
        Outcome::Applied | Outcome::NothingToDo => Some(verdict::settled(ctx, &platform, wait).await?),
        Outcome::DryRun | Outcome::Stopped => None,
    };
    let code = super::exit_code(outcome, verdict.as_ref());
    super::print_result(ctx, &plan, outcome, verdict)?;
    if outcome == Outcome::Stopped {
        eprintln!("stopped after the work in flight; run `kubectl redis fix {}` to continue", ctx.rerun_words(target));
    }
    if let (Some(first), Outcome::Applied | Outcome::NothingToDo) = (left_open.first(), outcome) {
        return Err(Error::failed(format!("{first}{}", more(left_open.len() - 1))).hint(format!(
            "bring that node back and run `kubectl redis fix {0}` again; if it is gone for good, `kubectl redis del-node NODE {0}` first",
            ctx.rerun_words(target)
        )));
    }
    Ok(code)
}

/// "and N more", when there are.
fn more(n: usize) -> String {
    if n == 0 { String::new() } else { format!(" (and {n} more slot(s) left open)") }
}

/// Once fix settled the open slots, a journal that can never be resumed is dropped: one whose
/// nodes are gone or replicas now, or one that cannot be read (the next run of the command plans
/// afresh).
async fn forget_stale_journal(ctx: &Context, topology: &Topology) -> Result<()> {
    let store = ctx.journals();
    let Some(entry) = journal::find(store.as_ref(), journal::Kind::Move, &moving::member_ids(topology)).await? else {
        return Ok(());
    };
    match &entry.journal {
        Ok(j) => {
            // A move whose source or target is gone, or no master any more since a failover,
            // can never be resumed as recorded.
            let unusable = |id: &str| !topology.member(id).is_some_and(|m| m.is_master());
            if j.moves.iter().any(|m| unusable(&m.source) || unusable(&m.target)) {
                store.remove(entry.key.as_deref()).await?;
            }
        }
        Err(e) => {
            store.remove(entry.key.as_deref()).await?;
            eprintln!("warning: discarded an unusable journal ({}); the next run of that command plans afresh", e.message);
        }
    }
    Ok(())
}

/// COUNTKEYSINSLOT for every uncovered slot on every reachable master: one pipeline per master.
async fn count_uncovered_keys(ctx: &Context, topology: &Topology) -> Result<UncoveredKeys> {
    let uncovered: Vec<u16> = topology.covered_slots().complement().ranges().iter().flat_map(|r| r.start..=r.end).collect();
    let mut counts = UncoveredKeys::new();
    if uncovered.is_empty() {
        return Ok(counts);
    }
    for master in topology.masters().filter(|m| m.state.is_some()) {
        let Some(addr) = &master.addr else { continue };
        let keys = slot_keys::count(&mut ctx.connector.connect(addr).await?, &uncovered).await?;
        for (slot, n) in uncovered.iter().zip(keys) {
            counts.entry(*slot).or_default().insert(master.id.clone(), n);
        }
    }
    Ok(counts)
}
