//! The verbs on a Sentinel group (the target has sentinels: `--sentinels`, a Sentinel sandbox):
//! each verb's file dispatches here when it finds one. This module reads the group — sentinels
//! first (which master name, what each says of it), then the members — and carries out group plans.

pub mod add_node;
pub mod check;
pub mod create;
pub mod del_node;
pub mod demo;
pub mod failover;
pub mod fix;
pub mod restart;
pub mod scale;
pub mod status;

use std::collections::{BTreeMap, BTreeSet};

use super::Outcome;
use crate::cli::TargetArgs;
use crate::context::Context;
use crate::error::{Error, ExitCode, Result};
use crate::executor::sentinel::{GroupExecutor, Summary, restore_steered};
use crate::planner::placement::SiteMap;
use crate::planner::sentinel::{GroupFacts, Plan};
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;
use crate::redis::sentinel;

/// The master name used when a new group is formed without `--master-name`.
pub const DEFAULT_MASTER_NAME: &str = "mymaster";

/// What the verbs may find when they read a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// An existing group: some sentinel must monitor the name.
    Existing,
    /// `create`: blank sentinels are expected.
    Forming,
}

/// Reads the group: exit 4 when neither a member nor a sentinel answers; bad input (a redis given
/// as a sentinel, a cluster node as a member, an unknown master name) is a usage error.
pub async fn gather(ctx: &Context, platform: &Platform, target: &TargetArgs, reading: Reading) -> Result<GroupFacts> {
    gather_with(ctx, platform, target, reading, Joining::Nobody).await
}

/// A node `add-node` brings into the group, read with it.
#[derive(Debug, Clone)]
pub enum Joining {
    Nobody,
    Member(NodeAddr),
    Sentinel(NodeAddr),
}

/// `gather`, with a node that is not part of the target yet.
pub async fn gather_with(
    ctx: &Context,
    platform: &Platform,
    target: &TargetArgs,
    reading: Reading,
    joining: Joining,
) -> Result<GroupFacts> {
    let mut sentinel_addrs = platform.sentinels();
    let mut member_addrs = platform.nodes();
    match joining {
        Joining::Member(addr) if !member_addrs.contains(&addr) => member_addrs.push(addr),
        Joining::Sentinel(addr) if !sentinel_addrs.contains(&addr) => sentinel_addrs.push(addr),
        _ => {}
    }
    if ctx.changing.is_some() && !ctx.dry_run {
        let restored = restore_steered(&ctx.connector, ctx.journals().as_ref(), &member_addrs).await?;
        if !restored.is_empty() && !ctx.out.documents() {
            eprintln!("restored the replica-priority a killed switchover had changed on {}", restored.join(", "));
        }
    }
    let (sentinels, members) = tokio::join!(
        sentinel::ask_sentinels(&ctx.connector, &sentinel_addrs),
        sentinel::ask_members(&ctx.connector, &member_addrs)
    );
    let (mut sentinels, members) = (sentinels?, members?);
    if sentinels.values().all(|s| s.is_err()) && members.values().all(|m| m.is_err()) {
        let detail = first_error(&sentinels).or_else(|| first_error(&members));
        return Err(Error::unreachable(format!("no member or sentinel of the group answered ({})", detail.unwrap_or_default()))
            .hint("check the addresses given with --nodes and --sentinels"));
    }
    let name = master_name(&sentinels, target.master_name.as_deref(), reading)?;
    sentinel::watch(&ctx.connector, &mut sentinels, &name).await;
    let mut names = platform.names();
    names.extend(platform.sentinel_names());
    let mut sites = platform.sites().0;
    sites.extend(platform.sentinel_sites().0);
    let steered = steered_priorities(ctx, &member_addrs).await;
    let facts = GroupFacts {
        name,
        members,
        sentinels,
        names,
        sites: SiteMap(sites),
        aliases: BTreeMap::new(),
        announced: BTreeMap::new(),
        steered,
    };
    Ok(facts.with_aliases(platform.host_aliases()))
}

/// The priorities a killed switchover left steered, by its journal (a changing run has restored
/// them already). A journal that cannot be read shows nothing here: the changing run reports it.
async fn steered_priorities(ctx: &Context, members: &[NodeAddr]) -> Vec<(NodeAddr, u64)> {
    let keys: Vec<String> = members.iter().map(ToString::to_string).collect();
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let Ok(Some(entry)) = crate::journal::find(ctx.journals().as_ref(), crate::journal::Kind::Steering, &refs).await else {
        return Vec::new();
    };
    let Ok(journal) = entry.journal else { return Vec::new() };
    journal.priorities.iter().filter_map(|p| Some((p.member.parse().ok()?, p.restore))).collect()
}

fn first_error<T>(answers: &sentinel::Answers<T>) -> Option<String> {
    answers.iter().find_map(|(a, r)| r.as_ref().err().map(|e| format!("{a}: {e}")))
}

/// The master name: given, or the only one the sentinels monitor.
fn master_name(sentinels: &sentinel::Answers<sentinel::SentinelState>, given: Option<&str>, reading: Reading) -> Result<String> {
    let monitored: BTreeSet<&str> = sentinels.values().flatten().flat_map(|s| s.names.iter().map(String::as_str)).collect();
    let list = || monitored.iter().copied().collect::<Vec<_>>().join(", ");
    match (given, reading) {
        (Some(name), Reading::Forming) => Ok(name.to_owned()),
        (None, Reading::Forming) => Ok(DEFAULT_MASTER_NAME.to_owned()),
        (Some(name), Reading::Existing) if monitored.contains(name) || monitored.is_empty() => Ok(name.to_owned()),
        (Some(name), Reading::Existing) => {
            Err(Error::usage(format!("no sentinel monitors a master named '{name}' (they monitor {})", list()))
                .hint(format!("pass --master-name with one of: {}", list())))
        }
        (None, Reading::Existing) => match monitored.len() {
            1 => Ok(monitored.first().expect("one name").to_string()),
            // Blank sentinels: the findings say so.
            0 => Ok(DEFAULT_MASTER_NAME.to_owned()),
            _ => Err(Error::usage(format!("the sentinels monitor several masters: {}", list()))
                .hint("pass --master-name NAME to pick the group")),
        },
    }
}

/// A node named by the platform's name for it (a pod, a sandbox member, with `sentinel` one of
/// their sentinels) or by HOST:PORT.
pub fn node_addr(platform: &Platform, reference: &str, sentinel: bool) -> Result<NodeAddr> {
    let names = if sentinel { platform.sentinel_names() } else { platform.names() };
    let given =
        names.into_iter().find(|(_, name)| name == reference).map_or_else(|| reference.to_owned(), |(a, _)| a.to_string());
    given.parse().map_err(|e| Error::usage(format!("{reference}: {e}")).hint("give the node as HOST:PORT or by its name"))
}

/// A member of the group, named as `node_addr` takes it.
pub fn member_addr(platform: &Platform, facts: &GroupFacts, reference: &str) -> Result<NodeAddr> {
    node_addr(platform, reference, false).ok().filter(|a| facts.members.contains_key(a)).ok_or_else(|| {
        let members: Vec<String> = facts.members.keys().map(|a| facts.named(a).to_string()).collect();
        Error::usage(format!("'{reference}' is no member of the group")).hint(format!("members: {}", members.join(", ")))
    })
}

/// The command that repairs the target, for hints: `kubectl redis fix <target flags>`.
pub fn command_for(ctx: &Context, verb: &str, target: &TargetArgs) -> String {
    format!("kubectl redis {verb} {}", ctx.rerun_words(target)).trim_end().to_owned()
}

/// Ends a changing command: reads the group again (unless nothing was applied), prints the plan's
/// report (JSON) or the verdict, and turns both into the exit code.
pub async fn finish<S: serde::Serialize>(
    ctx: &Context,
    target: &TargetArgs,
    platform: &Platform,
    plan: &crate::planner::Plan<S>,
    outcome: Outcome,
) -> Result<ExitCode> {
    let verdict = match outcome {
        Outcome::DryRun | Outcome::Stopped => None,
        Outcome::Applied | Outcome::NothingToDo => {
            let facts = gather(ctx, platform, target, Reading::Existing).await?;
            Some(check::verdict(ctx, target, &facts, check::DEFAULT_MAX_LAG))
        }
    };
    let code = ExitCode::of_change(outcome == Outcome::Stopped, verdict.as_ref().map(check::GroupVerdict::exit_code));
    if ctx.out.documents() {
        ctx.out.document(&super::Report { plan, outcome, check: verdict })?;
    } else if let Some(verdict) = &verdict {
        check::print(ctx, verdict);
    }
    Ok(code)
}

/// Waits until every answering sentinel names the elected master and knows every live member
/// and sentinel (after the platform changed, when the repair had nothing to do).
pub async fn wait_for_agreement(ctx: &Context, facts: &GroupFacts, wait: std::time::Duration) -> Result<()> {
    let Some(election) = facts.election() else { return Ok(()) };
    let replicas = facts.live_members().filter(|(a, _)| **a != election.master).map(|(a, _)| facts.named(a)).collect();
    let sentinels = facts.live_sentinels().map(|(a, _)| facts.named(a)).collect();
    let step = crate::planner::sentinel::Step::WaitAgreement { master: facts.named(&election.master), replicas, sentinels };
    let plan = Plan { action: "wait", summary: Vec::new(), placement: None, steps: vec![step] };
    apply_within(ctx, facts, &plan, wait).await
}

/// The group executor, asking the sentinels that answered when `facts` were read.
fn executor<'a>(ctx: &'a Context, facts: &GroupFacts, wait: std::time::Duration) -> GroupExecutor<'a> {
    let live = facts.live_sentinels().map(|(a, _)| a.clone()).collect();
    GroupExecutor::new(&ctx.connector, facts, live, ctx.journals(), wait, &ctx.stop)
}

/// Applies a plan that is one step of a larger run: shown and confirmed with that run, no
/// progress lines of its own.
pub async fn apply_within(ctx: &Context, facts: &GroupFacts, plan: &Plan, wait: std::time::Duration) -> Result<()> {
    executor(ctx, facts, wait).apply(plan, |_, _, _| {}).await.map(|_| ())
}

/// Shows the plan, asks, applies it with the group executor.
pub async fn carry_out(ctx: &Context, facts: &GroupFacts, plan: &Plan, wait: std::time::Duration) -> Result<(Outcome, Summary)> {
    if let Some(outcome) = super::present(ctx, plan)? {
        return Ok((outcome, Summary::default()));
    }
    let quiet = ctx.out.documents();
    let summary = executor(ctx, facts, wait)
        .apply(plan, |n, total, step| {
            if !quiet {
                eprintln!("[{n}/{total}] {step}");
            }
        })
        .await?;
    if ctx.verbose > 1 {
        super::print_spans(&summary.phases);
    }
    if summary.stopped {
        ctx.stop.ending()?;
        return Ok((Outcome::Stopped, summary));
    }
    Ok((Outcome::Applied, summary))
}
