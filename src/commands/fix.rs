//! `fix` and `check --fix`: shows the repair plan for what check finds, applies it once confirmed,
//! and ends with the verdict `check` gives.

use super::verdict::{self, Verdict};
use super::{Outcome, Report};
use crate::cli::{MoveArgs, TargetArgs};
use crate::context::Context;
use crate::error::{ExitCode, Result};
use crate::executor::mover::Backend;
use crate::executor::{Executor, SlotMoving};
use crate::journal;
use crate::output;
use crate::planner::Step;
use crate::planner::repair::{self, UncoveredKeys};
use crate::platform::Platform;
use crate::progress;
use crate::redis::slot_keys;
use crate::redis::topology::Topology;

/// How long re-attached replicas and moved slots get to settle.
const SETTLE: std::time::Duration = std::time::Duration::from_secs(60);

pub async fn run(ctx: &Context, target: &TargetArgs, moving: &MoveArgs) -> Result<ExitCode> {
    let platform = ctx.platform(target).await?;
    let topology = super::gather(ctx, &platform).await?;
    super::moving::validate(moving, &topology)?;
    let uncovered = count_uncovered_keys(ctx, &topology).await?;
    let plan = repair::plan(&topology, &uncovered, platform.roster().as_ref());
    let moves: Vec<_> =
        plan.steps.iter().filter_map(|s| if let Step::MoveSlots(m) = s { Some(m.clone()) } else { None }).collect();
    crate::planner::guard::refuse_keys_outside_db0(&topology, &moves)?;
    let settings = super::moving::settings(moving, Backend::Legacy, &topology)?;
    let slots: usize = moves.iter().map(|m| m.slot_count()).sum();
    let mode = if ctx.json { progress::Mode::Silent } else { progress::Mode::Human };
    let (report, display) = progress::reporter(mode, slots);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let executor = Executor::new(&ctx.connector, SETTLE).with_slot_moving(SlotMoving { settings, report, stop });
    let outcome = super::carry_out(ctx, &plan, executor).await;
    display.close();
    let outcome = outcome?;
    if outcome != Outcome::DryRun {
        forget_stale_journal(&topology)?;
    }
    let verdict = match outcome {
        Outcome::DryRun => None,
        _ => Some(verdict_after(ctx, &platform).await?),
    };
    let code = verdict.as_ref().map_or(ExitCode::Success, Verdict::exit_code);
    if ctx.json {
        output::print_json(&Report { plan: &plan, outcome, check: verdict })?;
    } else if let Some(verdict) = &verdict {
        verdict::print(ctx, verdict);
    }
    Ok(code)
}

/// Once fix settled the open slots, a journal that can never be resumed is dropped: one whose
/// nodes are gone or replicas now, or one that is corrupt (the next run of the command plans afresh).
fn forget_stale_journal(topology: &Topology) -> Result<()> {
    let cluster = crate::planner::guard::cluster_key(topology);
    match journal::load(&cluster) {
        Ok(Some(j)) => {
            // A move whose source or target is gone, or no master any more since a failover,
            // can never be resumed as recorded.
            let unusable = |id: &str| !topology.member(id).is_some_and(|m| m.is_master());
            if j.moves.iter().any(|m| unusable(&m.source) || unusable(&m.target)) {
                journal::remove(&cluster)?;
            }
        }
        Ok(None) => {}
        Err(e) => {
            journal::remove(&cluster)?;
            eprintln!("warning: discarded an unusable journal ({}); the next run of that command plans afresh", e.message);
        }
    }
    Ok(())
}

/// Gossip needs a moment to spread what the repair changed; the verdict waits for it, bounded.
async fn verdict_after(ctx: &Context, platform: &Platform) -> Result<Verdict> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let verdict = verdict::execute(ctx, platform).await?;
        // A replica attached again resyncs: that settles within the wait too.
        let settled = verdict.problems == 0 && !verdict.findings.iter().any(|f| f.code == "replica-syncing");
        if settled || std::time::Instant::now() > deadline {
            return Ok(verdict);
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
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
