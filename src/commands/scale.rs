//! `scale`: the whole resize in one command — grow the platform, join the new members, fail over
//! where a leaving master has a staying replica, move only the slots that must move, re-home
//! replicas, make every node forget the leaving members, shrink the platform.
//!
//! The plan is shown and confirmed once. It is then carried out in rounds: each round gathers the
//! cluster, plans again from what it finds (finishing an interrupted run's moves first) and runs
//! the first phase that still has work. So a re-run after an interruption at any point, or a
//! member that took a new ID, converges to the same end state.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde::Serialize;

use super::verdict::{self, Verdict};
use super::{Outcome, moving};
use crate::cli::{MoveArgs, ScaleArgs};
use crate::context::{Context, parse_duration};
use crate::error::{Error, ExitCode, Result};
use crate::executor::Executor;
use crate::output;
use crate::planner::scale::{self, ScalePlan, ScaleRequest};
use crate::planner::{Plan, Step, guard};
use crate::platform::Platform;
use crate::progress;
use crate::redis::topology::Topology;

/// Rounds after which a resize that still finds work is reported instead of tried again.
const MAX_ROUNDS: usize = 12;

/// What the operator asked for, besides the shape.
pub struct Options<'a> {
    pub moving: &'a MoveArgs,
    pub wait: Duration,
    pub delete_storage: bool,
}

#[derive(Debug, Serialize)]
struct ScaleReport<'a> {
    plan: &'a ScalePlan,
    outcome: Outcome,
    #[serde(flatten)]
    effects: &'a Effects,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<Verdict>,
}

pub async fn run(ctx: &Context, args: &ScaleArgs) -> Result<ExitCode> {
    let mut platform = ctx.platform(&args.target).await?;
    let request = ScaleRequest { masters: args.masters, replicas: args.replicas, force: args.force };
    let options = Options {
        moving: &args.moving,
        wait: parse_duration("--wait-timeout", &args.wait_timeout)?,
        delete_storage: args.delete_storage,
    };
    let (plan, outcome, effects) = match execute(ctx, &mut platform, request, &options).await? {
        Finished::Done { plan, outcome, effects } => (plan, outcome, effects),
        Finished::Stopped { command_line } => {
            eprintln!("stopped; run `{command_line}` again to continue");
            return Ok(ExitCode::Interrupted);
        }
    };
    let verdict = match outcome {
        Outcome::DryRun => None,
        _ => Some(verdict::execute(ctx, &platform).await?),
    };
    let code = match verdict.as_ref().map(Verdict::exit_code) {
        Some(ExitCode::CheckProblems) => ExitCode::CheckProblems,
        _ => ExitCode::Success,
    };
    if ctx.json {
        let report = ScaleReport { plan: &plan, outcome, effects: &effects, check: verdict };
        output::print_json(&report)?;
    } else if let Some(verdict) = &verdict {
        if outcome == Outcome::Applied {
            println!("{}", ctx.style.good(&effects.summary(&plan)));
        }
        verdict::print(ctx, verdict);
    }
    Ok(code)
}

/// How a resize ended.
pub enum Finished {
    Done {
        plan: Box<ScalePlan>,
        outcome: Outcome,
        effects: Effects,
    },
    /// Ctrl-C: the work in flight finished; the same command continues.
    Stopped {
        command_line: String,
    },
}

/// What a resize did, beyond its plan.
#[derive(Debug, Default, Serialize)]
pub struct Effects {
    pub slots_moved: usize,
    pub keys_moved: u64,
    /// Members emptied and reset because they remembered another cluster.
    pub reset_stale: Vec<String>,
}

impl Effects {
    /// The line that says a resize is done.
    pub fn summary(&self, plan: &ScalePlan) -> String {
        format!("scaled to {} ({} slot(s) and {} key(s) moved)", plan.to, self.slots_moved, self.keys_moved)
    }
}

/// One look at the cluster: the topology, the plan from it, and the journal's name for the request.
struct Round {
    topology: Topology,
    plan: ScalePlan,
    request: moving::Request,
}

/// Shows the plan, confirms, then carries it out in rounds until nothing is left to do.
pub async fn execute(ctx: &Context, platform: &mut Platform, request: ScaleRequest, options: &Options<'_>) -> Result<Finished> {
    if let Some(refusal) = platform.resize_blocker() {
        return Err(refusal);
    }
    let first = plan_round(ctx, platform, &request).await?;
    moving::validate(options.moving, &first.topology)?;
    // Later rounds keep the replica count resolved now, whatever a half-done resize looks like.
    let request = ScaleRequest { replicas: Some(first.plan.to.replicas), ..request };
    if !ctx.json {
        print!("{}", first.plan);
    }
    if first.plan.is_noop() {
        return Ok(Finished::Done { plan: Box::new(first.plan), outcome: Outcome::NothingToDo, effects: Effects::default() });
    }
    if ctx.dry_run {
        if !ctx.json {
            println!("Dry run: nothing was changed.");
        }
        return Ok(Finished::Done { plan: Box::new(first.plan), outcome: Outcome::DryRun, effects: Effects::default() });
    }
    ctx.confirm(&format!("Scale {} → {}?", first.plan.from, first.plan.to))?;
    let stop = moving::stop_on_ctrl_c(ctx.json);
    let mut effects = Effects::default();
    let mut confirmed_stale = first.plan.stale.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    let mut previous_work = String::new();
    let mut round = first;
    let shown = round.plan.clone();
    for _ in 0..MAX_ROUNDS {
        if stop.load(Ordering::SeqCst) {
            return Ok(Finished::Stopped { command_line: round.request.command_line });
        }
        let target = round.plan.to.members();
        if platform.resizable() && platform.size() < target {
            say(ctx, &format!("growing the {} to {target} members", platform.describe()));
            platform.grow_to(target, options.wait).await?;
        } else {
            let work = next_work(&round.plan)?;
            let signature = format!("{work:?}");
            if signature == previous_work {
                return Err(Error::failed("scale found the same work to do twice; the cluster did not change as planned")
                    .hint("run `kubectl redis check` to see why, then run the same scale command again"));
            }
            previous_work = signature;
            match work {
                Work::Wipe(steps) => {
                    let new: Vec<&String> =
                        round.plan.stale.iter().map(|s| &s.name).filter(|n| !confirmed_stale.contains(n)).collect();
                    if !new.is_empty() {
                        for s in &round.plan.stale {
                            say(ctx, &format!("{} remembers another cluster ({})", s.name, s.why));
                        }
                        ctx.confirm("Empty and reset these members so they can join?")?;
                        confirmed_stale.extend(new.into_iter().cloned());
                    }
                    apply(ctx, options.wait, steps).await?;
                    effects.reset_stale.extend(round.plan.stale.iter().map(|s| s.name.clone()));
                }
                Work::Steps(steps) => apply(ctx, options.wait, steps).await?,
                Work::Moves(moves) => {
                    let backend = moving::prepare(&round.topology, options.moving, &moves)?;
                    let mode = if ctx.json { progress::Mode::Silent } else { progress::Mode::Human };
                    let done = moving::move_slots(
                        ctx,
                        &round.topology,
                        options.moving,
                        backend,
                        &moves,
                        &round.request,
                        moving::Watch { mode, stop: stop.clone() },
                    )
                    .await?;
                    effects.slots_moved += done.slots_moved;
                    effects.keys_moved += done.keys_moved;
                    if done.stopped {
                        return Ok(Finished::Stopped { command_line: round.request.command_line });
                    }
                }
                Work::Shrink => {
                    apply(ctx, options.wait, scale::settle(&round.topology)).await?;
                    if platform.resizable() && platform.size() > target {
                        say(ctx, &format!("shrinking the {} to {target} members", platform.describe()));
                        platform.shrink_to(target, options.delete_storage, options.wait).await?;
                    }
                    return Ok(Finished::Done { plan: Box::new(shown), outcome: Outcome::Applied, effects });
                }
            }
        }
        round = plan_round(ctx, platform, &request).await?;
    }
    Err(Error::failed(format!("scale did not finish within {MAX_ROUNDS} rounds"))
        .hint("run `kubectl redis check`, then run the same scale command again"))
}

/// The first phase that still has work.
#[derive(Debug)]
enum Work {
    Wipe(Vec<Step>),
    Steps(Vec<Step>),
    Moves(Vec<crate::planner::moves::Move>),
    /// Only the platform is left to change (or nothing).
    Shrink,
}

fn next_work(plan: &ScalePlan) -> Result<Work> {
    let phases = plan.phases().ok_or_else(|| {
        Error::failed("a member of the plan has not started")
            .hint("see the platform's members (`kubectl redis sandbox status`), then run the same command again")
    })?;
    Ok(if !phases.wipes.is_empty() {
        Work::Wipe(phases.wipes)
    } else if !phases.before_moves.is_empty() {
        Work::Steps(phases.before_moves)
    } else if !phases.moves.is_empty() {
        Work::Moves(phases.moves)
    } else if !phases.after_moves.is_empty() {
        Work::Steps(phases.after_moves)
    } else {
        Work::Shrink
    })
}

async fn plan_round(ctx: &Context, platform: &Platform, request: &ScaleRequest) -> Result<Round> {
    let topology = super::gather(ctx, platform).await?;
    guard::preconditions(&topology)?;
    let shape = scale::target_shape(&topology, request)?;
    let move_request = moving::Request {
        verb: "scale",
        fingerprint: format!("scale masters={} replicas={}", shape.masters, shape.replicas),
        command_line: format!("kubectl redis scale --masters {} --replicas {}", shape.masters, shape.replicas),
    };
    let pinned = moving::resume(&topology, &move_request)?.unwrap_or_default();
    let seats = platform.seats(shape.members());
    let plan = scale::plan(&topology, &seats, platform.resizable(), request, &pinned)?;
    Ok(Round { topology, plan, request: move_request })
}

async fn apply(ctx: &Context, wait: Duration, steps: Vec<Step>) -> Result<()> {
    let plan = Plan { action: "scale", summary: vec![], placement: None, steps };
    let quiet = ctx.json;
    Executor::new(&ctx.connector, wait)
        .apply(&plan, |n, total, step| {
            if !quiet {
                eprintln!("[{n}/{total}] {step}");
            }
        })
        .await
        .map(|_| ())
}

fn say(ctx: &Context, line: &str) {
    if !ctx.json {
        eprintln!("{line}");
    }
}
