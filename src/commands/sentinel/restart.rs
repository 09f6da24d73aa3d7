//! `restart` of a Sentinel group (see `planner::sentinel::restart`): each member restarted by the
//! platform (a pod deleted for its StatefulSet to recreate, with the sentinel beside it; a
//! sandbox's server process) and waited for until it is a synced replica again and every sentinel
//! monitors the group; the master's turn starts with the planned switchover. At the end, entries
//! the sentinels keep of old addresses (a pod back under a new IP) are cleared as `fix` does.
//! With `--image` a re-run after an interruption restarts only the members not on the image yet.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::super::Outcome;
use crate::cli::{RestartArgs, TargetArgs};
use crate::context::Context;
use crate::error::{Error, ExitCode, Result};
use crate::planner::sentinel::failover::{self, FailoverRequest};
use crate::planner::sentinel::repair::{self, RepairRequest};
use crate::planner::sentinel::restart::{self, RestartRequest, RestartStep};
use crate::planner::sentinel::{GroupFacts, Named};
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;

const POLL: Duration = Duration::from_millis(250);
/// Longest time writes stay paused on the old master during a restart's switchover.
const PAUSE_MS: u64 = 5000;

/// What the cluster's `restart` resolved before finding a group.
pub struct Restart<'a> {
    pub args: &'a RestartArgs,
    pub target: &'a TargetArgs,
    pub names: &'a [String],
    pub image: Option<String>,
    pub wait: Duration,
    pub max_lag: u64,
}

pub async fn run(ctx: &Context, platform: &mut Platform, r: Restart<'_>) -> Result<ExitCode> {
    let facts = super::gather(ctx, platform, r.target, super::Reading::Existing).await?;
    let members = r.names.iter().map(|n| super::member_addr(platform, &facts, n)).collect::<Result<BTreeSet<_>>>()?;
    let current = match &r.image {
        Some(image) => facts.live_members().map(|(a, _)| a).filter(|a| platform.runs_image(a, image)).cloned().collect(),
        None => BTreeSet::new(),
    };
    let check = super::command_for(ctx, "check", r.target);
    let request = RestartRequest {
        members,
        current,
        image: r.image.clone(),
        allow_unavailable: r.args.allow_unavailable,
        max_lag: r.max_lag,
        check: check.clone(),
    };
    let plan = restart::plan(&facts, &request)?;
    if let Some(outcome) = super::super::present(ctx, &plan)? {
        return super::finish(ctx, r.target, platform, &plan, outcome).await;
    }
    if let Some(image) = &r.image {
        platform.set_image(image).await?;
    }
    let again = format!("kubectl redis restart {}", ctx.rerun_words(r.target));
    let total = plan.steps.len();
    for (n, step) in plan.steps.iter().enumerate() {
        if ctx.stop.before_step().await {
            ctx.stop.ending()?;
            eprintln!("stopped after the member in flight; run `{again}` to continue");
            return super::finish(ctx, r.target, platform, &plan, Outcome::Stopped).await;
        }
        if !ctx.out.documents() {
            eprintln!("[{}/{total}] {step}", n + 1);
        }
        ctx.connector.changes.note();
        let result = match step {
            RestartStep::Switchover { .. } => switch_over(ctx, platform, &r, &check).await,
            RestartStep::Restart { member, as_replica } => restart_one(ctx, platform, &r, member, *as_replica).await,
        };
        result.map_err(|e| {
            Error::failed(format!("step {}/{total} ({step}) failed: {}", n + 1, e.message))
                .hint(format!("`{check}` shows the group; run `{again}` again to continue"))
        })?;
    }
    forget_old_addresses(ctx, platform, &r).await?;
    super::finish(ctx, r.target, platform, &plan, Outcome::Applied).await
}

/// The planned switchover away from the master, planned on the group as it is now.
async fn switch_over(ctx: &Context, platform: &Platform, r: &Restart<'_>, check: &str) -> Result<()> {
    let facts = super::gather(ctx, platform, r.target, super::Reading::Existing).await?;
    let request = FailoverRequest { to: None, max_lag: r.max_lag, pause_ms: PAUSE_MS, check: check.to_owned() };
    super::apply_within(ctx, &facts, &failover::plan(&facts, &request)?, r.wait).await
}

async fn restart_one(ctx: &Context, platform: &mut Platform, r: &Restart<'_>, member: &Named, as_replica: bool) -> Result<()> {
    let name = member.name.clone().ok_or_else(|| {
        Error::refused(format!("{member} is no member the platform runs")).hint("restart members of a sandbox or a StatefulSet")
    })?;
    platform.restart_member(&name, r.wait).await?;
    let deadline = Instant::now() + r.wait;
    let mut last = String::from("it did not answer yet");
    loop {
        // A pod comes back under a new IP: where the platform has it now.
        let addr = platform.names().into_iter().find(|(_, n)| *n == name).map(|(a, _)| a);
        if let (Some(addr), Ok(facts)) = (addr, super::gather(ctx, platform, r.target, super::Reading::Existing).await) {
            match serving(&facts, &addr, as_replica, r.max_lag) {
                Ok(()) => return Ok(()),
                Err(why) => last = why,
            }
        }
        if Instant::now() >= deadline {
            return Err(Error::failed(format!("{name} did not serve again within {}: {last}", crate::units::format(r.wait))));
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Whether the restarted member serves again: a replica of the master the sentinels name, linked
/// and within `max_lag` (or, restarted as master, that master), and every sentinel of the
/// platform answers and monitors the group (one restarted beside it included).
fn serving(facts: &GroupFacts, addr: &NodeAddr, as_replica: bool, max_lag: u64) -> std::result::Result<(), String> {
    let member = facts.member(addr).ok_or("it does not answer")?;
    let watching = facts.watches().count();
    if watching < facts.sentinels.len() {
        return Err(format!("{watching} of {} sentinels monitor the group", facts.sentinels.len()));
    }
    let election = facts.election().ok_or("no sentinel names a master")?;
    if !as_replica {
        return if election.master == *addr { Ok(()) } else { Err("the sentinels do not name it master yet".into()) };
    }
    if member.master.as_ref() != Some(&election.master) {
        return Err("it does not replicate from the master yet".into());
    }
    if member.info.master_link_up != Some(true) {
        return Err("its link to the master is not up yet".into());
    }
    match facts.lag(addr) {
        Some(lag) if lag <= max_lag => Ok(()),
        Some(lag) => Err(format!("it is {lag} byte(s) behind its master")),
        None => Err("its master does not answer".into()),
    }
}

/// A member back under a new address leaves the sentinels an entry of its old one: cleared (and
/// anything else `fix` would repair) once every member has restarted.
async fn forget_old_addresses(ctx: &Context, platform: &Platform, r: &Restart<'_>) -> Result<()> {
    let facts = super::gather(ctx, platform, r.target, super::Reading::Existing).await?;
    let plan = repair::plan(&facts, &RepairRequest { master: None, discard_writes_on: Vec::new(), force: false })?;
    if plan.steps.is_empty() {
        return Ok(());
    }
    if !ctx.out.documents() {
        eprintln!("clearing what the sentinels keep of old addresses");
    }
    super::apply_within(ctx, &facts, &plan, r.wait).await
}
