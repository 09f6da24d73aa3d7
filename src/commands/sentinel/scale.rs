//! `scale --replicas N` of a Sentinel group (and `--sentinel-count M` when the sentinels run
//! apart): the whole plan is shown and confirmed first; then a master among the leaving members
//! is failed over to a staying replica, the platform is resized, new members join as replicas,
//! new sentinels monitor the group and stale entries are cleared (see `fix`), and every sentinel
//! must know the group before the verdict.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use super::super::Outcome;
use super::check::{self, GroupVerdict};
use crate::cli::ScaleArgs;
use crate::context::Context;
use crate::error::{Error, ExitCode, Result};
use crate::planner::sentinel::failover::{self, FailoverRequest};
use crate::planner::sentinel::repair::{self, RepairRequest};
use crate::planner::sentinel::{GroupFacts, Plan, Step};
use crate::planner::{Plan as GroupPlan, PlanStep};
use crate::platform::Platform;

/// How long a grown platform gets to answer.
const GROW_WAIT: Duration = Duration::from_secs(120);

pub async fn run(ctx: &Context, args: &ScaleArgs, platform: &mut Platform) -> Result<ExitCode> {
    if args.masters.is_some_and(|m| m != 1) {
        return Err(Error::usage("a Sentinel group has one master").hint("leave out --masters and give --replicas"));
    }
    let Some(replicas) = args.replicas else {
        return Err(
            Error::usage("--replicas is required for a Sentinel group").hint("say how many replicas the master should have")
        );
    };
    if !platform.resizable() {
        return Err(Error::usage(format!("{} cannot be resized by the tool", platform.describe()))
            .hint("start or stop the members yourself; `kubectl redis fix` then joins new ones and clears stale entries"));
    }
    if args.sentinel_count.is_some() && !platform.separate_sentinels() {
        return Err(Error::usage("--sentinel-count is for sentinels that run apart from the members")
            .hint("in the one-workload layout each member carries a sentinel: they follow --replicas"));
    }
    if let Some(blocker) = args.sentinel_count.and_then(|_| platform.sentinel_resize_blocker()) {
        return Err(blocker);
    }
    let wait = args.moving.wait_timeout;
    let members = replicas + 1;
    let facts = super::gather(ctx, platform, &args.target, super::Reading::Existing).await?;
    let sentinels_after =
        if platform.separate_sentinels() { args.sentinel_count.unwrap_or(facts.sentinels.len()) } else { members };
    let shape = Shape::read(&facts, platform.size(), members, sentinels_after);
    shape.check(args.force)?;
    let leaving: Vec<_> = platform.seats(0).into_iter().filter(|s| s.ordinal.is_some_and(|o| o >= members)).collect();
    let master = facts.election().map(|e| e.master);
    let master_leaves = leaving.iter().any(|s| s.addr.is_some() && s.addr == master);
    let handover = if master_leaves { Some(handover(ctx, args, &facts, members, platform)?) } else { None };
    if shape.is_unchanged() {
        // The size is right: what is left is what fix does.
        return super::fix::run(ctx, &args.target, args.moving.wait_timeout, &Default::default(), platform).await;
    }
    let outline = outline(&shape, handover.as_ref());
    if let Some(outcome) = crate::commands::present(ctx, &outline)? {
        if ctx.out.documents() {
            ctx.out.document(&ScaleReport { plan: &outline, outcome, members, sentinels: sentinels_after, check: None })?;
        }
        return Ok(ExitCode::Success);
    }
    // The plan was confirmed as a whole: its parts are not asked for again.
    let confirmed = ctx.confirmed();
    if let Some(plan) = &handover {
        let (outcome, _) = super::carry_out(&confirmed, &facts, plan, wait).await?;
        if outcome == Outcome::Stopped {
            return Ok(ExitCode::Interrupted);
        }
    }
    if members > shape.members_before {
        platform.grow_to(members, GROW_WAIT).await?;
    } else if members < shape.members_before {
        platform.shrink_to(members, GROW_WAIT).await?;
    }
    if platform.separate_sentinels() && sentinels_after != facts.sentinels.len() {
        platform.resize_sentinels(sentinels_after, GROW_WAIT).await?;
    }
    let facts = super::gather(ctx, platform, &args.target, super::Reading::Existing).await?;
    let plan = repair::plan(&facts, &RepairRequest::default())?;
    let (outcome, _) = super::carry_out(&confirmed, &facts, &plan, wait).await?;
    if outcome == Outcome::Stopped {
        return Ok(ExitCode::Interrupted);
    }
    let facts = super::gather(ctx, platform, &args.target, super::Reading::Existing).await?;
    super::wait_for_agreement(ctx, &facts, wait).await?;
    let facts = super::gather(ctx, platform, &args.target, super::Reading::Existing).await?;
    let verdict = check::verdict(ctx, &args.target, &facts, check::DEFAULT_MAX_LAG);
    let code = ExitCode::of_change(false, Some(verdict.exit_code()));
    if ctx.out.documents() {
        let report =
            ScaleReport { plan: &outline, outcome: Outcome::Applied, members, sentinels: sentinels_after, check: Some(verdict) };
        ctx.out.document(&report)?;
    } else {
        check::print(ctx, &verdict);
    }
    Ok(code)
}

/// The group's size and voting arithmetic before and after.
struct Shape {
    members_before: usize,
    members_after: usize,
    sentinels_before: usize,
    sentinels_after: usize,
    quorum: usize,
}

impl Shape {
    fn read(facts: &GroupFacts, members_before: usize, members_after: usize, sentinels_after: usize) -> Shape {
        let quorum = facts.watches().map(|(_, _, w)| w.settings.quorum).max().unwrap_or(0) as usize;
        Shape { members_before, members_after, sentinels_before: facts.sentinels.len(), sentinels_after, quorum }
    }

    fn is_unchanged(&self) -> bool {
        self.members_before == self.members_after && self.sentinels_before == self.sentinels_after
    }

    /// Fewer than 3 sentinels, or a quorum they cannot reach, needs --force.
    fn check(&self, force: bool) -> Result<()> {
        if force {
            return Ok(());
        }
        if self.sentinels_after < 3 {
            return Err(Error::refused(format!(
                "{} sentinel(s) after the resize: with fewer than 3, losing one can leave no majority",
                self.sentinels_after
            ))
            .hint("keep at least 3 sentinels, or pass --force"));
        }
        if self.quorum > self.sentinels_after {
            return Err(Error::refused(format!(
                "the quorum {} is more than the {} sentinel(s) left",
                self.quorum, self.sentinels_after
            ))
            .hint("lower the quorum first (SENTINEL SET <name> quorum), or pass --force"));
        }
        Ok(())
    }
}

/// The switchover that moves the master off a leaving member to the staying replica with the
/// least lag.
fn handover(ctx: &Context, args: &ScaleArgs, facts: &GroupFacts, members: usize, platform: &Platform) -> Result<Plan> {
    let staying: Vec<_> =
        platform.seats(0).into_iter().filter(|s| s.ordinal.is_some_and(|o| o < members)).filter_map(|s| s.addr).collect();
    let best = staying
        .iter()
        .filter(|a| {
            facts.member(a).is_some_and(|m| m.info.role == "slave" && m.info.master_link_up == Some(true) && m.priority > 0)
        })
        .min_by_key(|a| facts.lag(a).unwrap_or(u64::MAX))
        .ok_or_else(|| {
            Error::refused("the master leaves and no staying member is a linked replica to take over")
                .hint("run `kubectl redis check` and repair the group first")
        })?;
    let request = FailoverRequest {
        to: Some(best.clone()),
        max_lag: u64::MAX,
        pause_ms: 10_000,
        check: super::command_for(ctx, "check", &args.target),
    };
    failover::plan(facts, &request)
}

/// A step of a resize, as the plan shows it: the handover's switchover, then the platform's
/// resize and the repair that brings new nodes in and clears removed ones.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum ScaleStep {
    Handover { step: Step },
    Resize { members: usize, sentinels: usize },
    Join,
    WaitAgreement,
}

impl fmt::Display for ScaleStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaleStep::Handover { step } => write!(f, "{step}"),
            ScaleStep::Resize { members, sentinels } => {
                write!(f, "resize the platform to {members} member(s) and {sentinels} sentinel(s)")
            }
            ScaleStep::Join => write!(
                f,
                "join new members as replicas, make new sentinels monitor the group, reset the sentinels that remember removed ones, one at a time"
            ),
            ScaleStep::WaitAgreement => write!(f, "wait until every sentinel names the master and knows the group"),
        }
    }
}

impl PlanStep for ScaleStep {
    fn changes_cluster(&self) -> bool {
        !matches!(self, ScaleStep::WaitAgreement)
    }
}

/// What `scale -o json` prints: the plan, what became of it, the sizes asked for, the verdict.
#[derive(Serialize)]
struct ScaleReport<'a> {
    plan: &'a GroupPlan<ScaleStep>,
    outcome: Outcome,
    members: usize,
    sentinels: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<GroupVerdict>,
}

/// The whole resize as one plan, with the voting arithmetic before and after.
fn outline(shape: &Shape, handover: Option<&Plan>) -> GroupPlan<ScaleStep> {
    let majority = |n: usize| n / 2 + 1;
    let summary = vec![
        format!(
            "members: {} -> {} (1 master, {} replica(s))",
            shape.members_before,
            shape.members_after,
            shape.members_after - 1
        ),
        format!(
            "sentinels: {} -> {}, majority {} -> {}, quorum {}",
            shape.sentinels_before,
            shape.sentinels_after,
            majority(shape.sentinels_before),
            majority(shape.sentinels_after),
            shape.quorum
        ),
    ];
    let mut steps: Vec<ScaleStep> =
        handover.iter().flat_map(|p| &p.steps).map(|step| ScaleStep::Handover { step: step.clone() }).collect();
    steps.push(ScaleStep::Resize { members: shape.members_after, sentinels: shape.sentinels_after });
    steps.extend([ScaleStep::Join, ScaleStep::WaitAgreement]);
    GroupPlan { action: "resize the Sentinel group", summary, placement: None, steps }
}
