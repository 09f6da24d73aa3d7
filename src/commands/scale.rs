//! `scale`: the whole resize in one command — grow the platform, join the new members, fail over
//! where a leaving master has a staying replica, move only the slots that must move, re-home
//! replicas, make every node forget the leaving members, shrink the platform.
//!
//! The plan is shown and confirmed once. It is then carried out in rounds: each round gathers the
//! cluster, plans again from what it finds (finishing an interrupted run's moves first) and runs
//! the first phase that still has work. So a re-run after an interruption at any point, or a
//! member that took a new ID, converges to the same end state.

use std::time::Duration;

use serde::Serialize;

use super::verdict::{self, Verdict};
use super::{Outcome, moving};
use crate::cli::{MoveArgs, ScaleArgs, WaitUntil};
use crate::context::{Context, Kind, Target, shell_word};
use crate::error::{Error, ExitCode, Result};
use crate::executor::Executor;
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
    /// Wait for every replica's first sync before the final check (`--wait synced`).
    pub synced: bool,
    /// The command line's flags besides the shape (target, --force, …), for resume hints.
    pub rerun: String,
}

#[derive(Debug, Serialize)]
struct ScaleReport<'a> {
    plan: &'a ScalePlan,
    outcome: Outcome,
    #[serde(flatten)]
    effects: &'a Effects,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<Verdict>,
    /// How to continue after a stop.
    #[serde(skip_serializing_if = "Option::is_none")]
    resume: Option<&'a str>,
}

pub async fn run(ctx: &Context, args: &ScaleArgs) -> Result<ExitCode> {
    let Target { kind, mut platform } = ctx.target(&args.target).await?;
    if kind == Kind::Group {
        return super::sentinel::scale::run(ctx, args, &mut platform).await;
    }
    let Some(masters) = args.masters else {
        return Err(Error::usage("--masters is required for a cluster")
            .hint("say how many masters the cluster should have, e.g. --masters 4"));
    };
    if args.sentinel_count.is_some() {
        return Err(Error::usage("--sentinel-count is for Sentinel groups").hint("leave it out for a cluster"));
    }
    let request =
        ScaleRequest { masters, replicas: args.replicas, force: args.force, discard_data_on: args.discard_data_on.clone() };
    let mut rerun = String::new();
    for (flag, given) in [(" --force", args.force), (" --delete-storage", args.delete_storage)] {
        rerun += if given { flag } else { "" };
    }
    if !args.discard_data_on.is_empty() {
        rerun += &format!(" --discard-data-on {}", shell_word(&args.discard_data_on.join(",")));
    }
    let options = Options {
        moving: &args.moving,
        wait: args.moving.wait_timeout,
        delete_storage: args.delete_storage,
        synced: args.wait == WaitUntil::Synced,
        rerun: format!("{rerun} {}", ctx.rerun_words(&args.target)),
    };
    let Finished { plan, outcome, effects, resume } = execute(ctx, &mut platform, request, &options).await?;
    let verdict = match outcome {
        Outcome::Applied | Outcome::NothingToDo => Some(verdict::execute(ctx, &platform).await?),
        Outcome::DryRun | Outcome::Stopped => None,
    };
    let code = ExitCode::of_change(resume.is_some(), verdict.as_ref().map(Verdict::exit_code));
    if ctx.out.documents() {
        let report = ScaleReport { plan: &plan, outcome, effects: &effects, check: verdict, resume: resume.as_deref() };
        ctx.out.document(&report)?;
    } else if let Some(resume) = &resume {
        eprintln!("stopped; run `{resume}` to continue");
    } else if let Some(verdict) = &verdict {
        if outcome == Outcome::Applied {
            println!("{}", ctx.style.good(&effects.summary(&plan)));
        }
        verdict::print(ctx, verdict);
    }
    Ok(code)
}

/// How a resize ended: its plan as shown, what became of it, and (after a Ctrl-C, the work in
/// flight finished) the command that continues it.
pub struct Finished {
    pub plan: Box<ScalePlan>,
    pub outcome: Outcome,
    pub effects: Effects,
    pub resume: Option<String>,
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
    let first = plan_round(ctx, platform, &request, options).await?;
    moving::validate(options.moving, &first.topology)?;
    // Later rounds keep the replica count resolved now, whatever a half-done resize looks like.
    let request = ScaleRequest { replicas: Some(first.plan.to.replicas), ..request };
    if !ctx.out.documents() {
        print!("{}", first.plan);
    }
    let shown = Box::new(first.plan.clone());
    let finished = |outcome, effects, resume| Ok(Finished { plan: shown.clone(), outcome, effects, resume });
    let target = first.plan.to.members();
    if first.plan.is_noop() {
        if options.delete_storage && !ctx.dry_run && platform.resizable() {
            // What an interrupted shrink may have left: the storage of members already removed.
            platform.delete_storage_from(target).await?;
        }
        return finished(Outcome::NothingToDo, Effects::default(), None);
    }
    if ctx.dry_run {
        if !ctx.out.documents() {
            println!("Dry run: nothing was changed.");
        }
        return finished(Outcome::DryRun, Effects::default(), None);
    }
    ctx.confirm(&format!("Scale {} → {}?", first.plan.from, first.plan.to))?;
    ctx.stop.on_ctrl_c(ctx.out.documents());
    let mut effects = Effects::default();
    let mut confirmed_stale = first.plan.stale.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    let mut previous_work = String::new();
    let mut round = first;
    for _ in 0..MAX_ROUNDS {
        if ctx.stop.before_step().await {
            ctx.stop.ending()?;
            return finished(Outcome::Stopped, effects, Some(round.request.command_line));
        }
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
                    // Members that hold data are refused by the plan unless named; the ones
                    // found only now (after the platform grew) are confirmed like the first.
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
                    let mode = if ctx.out.documents() { progress::Mode::Silent } else { progress::Mode::Human };
                    let done =
                        moving::move_slots(ctx, &round.topology, options.moving, backend, &moves, &round.request, mode).await?;
                    effects.slots_moved += done.slots_moved;
                    effects.keys_moved += done.keys_moved;
                }
                Work::Shrink => {
                    apply(ctx, options.wait, scale::settle(&round.topology, options.synced)).await?;
                    if !ctx.stop.before_step().await {
                        if platform.resizable() && platform.size() > target {
                            say(ctx, &format!("shrinking the {} to {target} members", platform.describe()));
                            platform.shrink_to(target, options.wait).await?;
                        }
                        if options.delete_storage && platform.resizable() {
                            platform.delete_storage_from(target).await?;
                        }
                        return finished(Outcome::Applied, effects, None);
                    }
                }
            }
        }
        // A stop request ends the run at the top of the loop, without looking again.
        if !ctx.stop.is_requested() {
            round = plan_round(ctx, platform, &request, options).await?;
        }
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

async fn plan_round(ctx: &Context, platform: &Platform, request: &ScaleRequest, options: &Options<'_>) -> Result<Round> {
    let topology = moving::gather(ctx, platform, options.moving).await?;
    guard::preconditions(&topology)?;
    let shape = scale::target_shape(&topology, request)?;
    let move_request = moving::Request {
        verb: "scale",
        fingerprint: format!("scale masters={} replicas={}", shape.masters, shape.replicas),
        command_line: format!("kubectl redis scale --masters {} --replicas {}{}", shape.masters, shape.replicas, options.rerun),
    };
    let pinned = moving::resume(ctx, &topology, &move_request).await?.unwrap_or_default();
    let seats = platform.seats(shape.members());
    let plan = scale::plan(&topology, &seats, platform.resizable(), request, &pinned)?;
    Ok(Round { topology, plan, request: move_request })
}

/// Applies one phase's steps; a stop request shows at the top of the next round.
async fn apply(ctx: &Context, wait: Duration, steps: Vec<Step>) -> Result<()> {
    let plan = Plan { action: "scale", summary: vec![], placement: None, steps };
    let quiet = ctx.out.documents();
    Executor::new(&ctx.connector, wait, &ctx.stop)
        .apply(&plan, |n, total, step| {
            if !quiet {
                eprintln!("[{n}/{total}] {step}");
            }
        })
        .await
        .map(|_| ())
}

fn say(ctx: &Context, line: &str) {
    if !ctx.out.documents() {
        eprintln!("{line}");
    }
}
