//! One file per subcommand, all the same shape: resolve the target, gather facts, plan (pure),
//! show the plan, confirm, apply, report. This module holds the steps they share.

pub mod add_node;
pub mod call;
pub mod check;
pub mod cli;
pub mod complete;
pub mod create;
pub mod del_node;
pub mod demo;
pub mod drain_node;
pub mod failover;
pub mod fix;
pub mod generate;
pub mod moving;
pub mod rebalance;
pub mod report;
pub mod reshard;
pub mod restart;
pub mod sample_keys;
pub mod sandbox;
pub mod scale;
pub mod sentinel;
pub mod status;
pub mod verdict;
pub mod watch;

use serde::Serialize;

use crate::context::{Context, Kind};
use crate::error::{ExitCode, Result};
use crate::executor::Executor;
use crate::planner::{Plan, PlanStep};
use crate::platform::Platform;
use crate::redis::topology::{self, Topology};

/// What became of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Applied,
    DryRun,
    NothingToDo,
    /// Ctrl-C: the work in flight finished and the rest was left; the same command continues.
    Stopped,
}

/// The JSON document of a changing command: its plan, what became of it, and the check after it.
#[derive(Debug, Serialize)]
pub struct Report<'a, S: Serialize = crate::planner::Step, V: Serialize = verdict::Verdict> {
    pub plan: &'a Plan<S>,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<V>,
}

/// Slots exist only in Redis Cluster: on a Sentinel group a slot-moving verb is refused.
pub fn refuse_slot_moves_on_a_group(kind: Kind, platform: &Platform, verb: &str) -> Result<()> {
    if kind == Kind::Group {
        return Err(crate::error::Error::refused(format!(
            "{} is a Sentinel group: it has no slots, so there is nothing to {verb}",
            platform.describe()
        ))
        .hint("slots belong to Redis Cluster; `kubectl redis status` shows the group"));
    }
    Ok(())
}

/// The cluster as seen from the platform's nodes; fails (exit 4) when no member answers.
pub async fn gather(ctx: &Context, platform: &Platform) -> Result<Topology> {
    let started = std::time::Instant::now();
    let mut topology = topology::gather(&ctx.connector, &platform.nodes(), ctx.gathering).await;
    let names = platform.names();
    topology.adopt_addresses(&names.keys().cloned().collect());
    topology.name_members(&names);
    if ctx.verbose > 0 {
        eprintln!(
            "asked {} node(s) in {:?}",
            topology.members.len() + topology.strangers.len() + topology.unreachable_addrs.len(),
            started.elapsed()
        );
        for m in &topology.members {
            eprintln!("  {}: {}", m.label(), m.unreachable.as_deref().unwrap_or("answered"));
        }
    }
    if ctx.verbose > 1 {
        print_spans(&topology.spans);
    }
    topology.require_reachable()?;
    Ok(topology)
}

/// Where the time went (`-vv`): each span's end, in milliseconds from its start.
pub fn print_spans(spans: &[crate::redis::topology::Span]) {
    for span in spans {
        eprintln!("  {:>9.3} ms  {}", span.took.as_secs_f64() * 1000.0, span.what);
    }
}

/// Shows the plan, stops there for --dry-run or when nothing is to change, asks, then applies it
/// with `executor` (which carries the wait limit, and the slot mover for plans that move slots).
pub async fn carry_out(ctx: &Context, plan: &Plan, mut executor: Executor<'_>) -> Result<Outcome> {
    if let Some(outcome) = present(ctx, plan)? {
        return Ok(outcome);
    }
    let quiet = ctx.out.documents();
    let timed = ctx.verbose > 1;
    let mut last = std::time::Instant::now();
    let summary = executor
        .apply(plan, |n, total, step| {
            if timed && n > 1 {
                eprintln!("  {:>9.3} ms", last.elapsed().as_secs_f64() * 1000.0);
            }
            last = std::time::Instant::now();
            if !quiet {
                eprintln!("[{n}/{total}] {step}");
            }
        })
        .await?;
    if timed {
        eprintln!("  {:>9.3} ms", last.elapsed().as_secs_f64() * 1000.0);
    }
    if summary.stopped {
        ctx.stop.ending()?;
        return Ok(Outcome::Stopped);
    }
    Ok(Outcome::Applied)
}

/// Prints the plan; stops there (with the outcome) for --dry-run or when nothing is to change;
/// otherwise asks, and from then on lets Ctrl-C stop the run between steps.
pub fn present<S: PlanStep>(ctx: &Context, plan: &Plan<S>) -> Result<Option<Outcome>> {
    if !ctx.out.documents() {
        print!("{plan}");
    }
    if plan.is_noop() {
        return Ok(Some(Outcome::NothingToDo));
    }
    if ctx.dry_run {
        if !ctx.out.documents() {
            println!("Dry run: nothing was changed.");
        }
        return Ok(Some(Outcome::DryRun));
    }
    ctx.confirm(&format!("Apply these {} steps?", plan.steps.len()))?;
    ctx.stop.on_ctrl_c(ctx.out.documents());
    Ok(None)
}

/// Carries out a plan of failovers (or other steps that move no slots), then prints the report
/// with the settled verdict: the shared end of `failover` and `drain-node`.
pub async fn apply_and_report(
    ctx: &Context,
    platform: &Platform,
    plan: &Plan,
    wait: std::time::Duration,
) -> Result<(Outcome, ExitCode)> {
    let outcome = carry_out(ctx, plan, Executor::new(&ctx.connector, wait, &ctx.stop)).await?;
    let verdict = match outcome {
        Outcome::Applied => Some(verdict::settled(ctx, platform, wait).await?),
        _ => None,
    };
    let code = exit_code(outcome, verdict.as_ref());
    print_result(ctx, plan, outcome, verdict)?;
    Ok((outcome, code))
}

/// Prints a changing command's result: its report as JSON, or the verdict it ends with.
pub fn print_result<S: Serialize>(
    ctx: &Context,
    plan: &Plan<S>,
    outcome: Outcome,
    verdict: Option<verdict::Verdict>,
) -> Result<()> {
    if ctx.out.documents() {
        ctx.out.document(&Report { plan, outcome, check: verdict })?;
    } else if let Some(verdict) = &verdict {
        verdict::print(ctx, verdict);
    }
    Ok(())
}

/// The exit code of a changing command (see `ExitCode::of_change`).
pub fn exit_code(outcome: Outcome, verdict: Option<&verdict::Verdict>) -> ExitCode {
    ExitCode::of_change(outcome == Outcome::Stopped, verdict.map(verdict::Verdict::exit_code))
}
