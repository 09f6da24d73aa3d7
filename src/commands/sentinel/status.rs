//! `status` of a Sentinel group: a verdict line (master, epoch, sentinels agreeing, quorum,
//! CKQUORUM, health), the member tree and the sentinel table.

use serde::Serialize;

use super::check::{self, GroupVerdict};
use crate::cli::TargetArgs;
use crate::context::Context;
use crate::error::{ExitCode, Result};
use crate::output;
use crate::planner::placement::Site;
use crate::planner::sentinel::{GroupFacts, Named};
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;
use crate::units::human_bytes;

#[derive(Debug, Serialize)]
pub struct MemberRow {
    #[serde(flatten)]
    pub member: Named,
    pub reachable: bool,
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub master: Option<NodeAddr>,
    pub offset: Option<u64>,
    pub lag: Option<u64>,
    /// up/down for a replica's link, "-" for a master, "unreachable".
    pub link: &'static str,
    pub priority: Option<u64>,
    pub site: Site,
    pub keys: Option<u64>,
    pub used_memory: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SentinelRow {
    #[serde(flatten)]
    pub sentinel: Named,
    pub reachable: bool,
    pub myid: Option<String>,
    /// The master it names for the group.
    pub master: Option<NodeAddr>,
    pub epoch: Option<u64>,
    pub known_sentinels: Option<usize>,
    pub known_replicas: Option<usize>,
    pub tilt: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct GroupStatus {
    pub kind: &'static str,
    pub name: String,
    pub master: Option<NodeAddr>,
    pub epoch: Option<u64>,
    pub sentinels_agreeing: usize,
    pub sentinels_total: usize,
    pub quorum: Option<u64>,
    pub ckquorum: Option<String>,
    pub verdict: GroupVerdict,
    pub members: Vec<MemberRow>,
    pub sentinels: Vec<SentinelRow>,
}

pub async fn run(ctx: &Context, target: &TargetArgs, platform: &Platform) -> Result<ExitCode> {
    let facts = super::gather(ctx, platform, target, super::Reading::Existing).await?;
    let status = build(&facts, check::verdict(ctx, target, &facts, check::DEFAULT_MAX_LAG));
    if ctx.out.documents() {
        ctx.out.document(&status)?;
    } else {
        print(ctx, &status);
    }
    Ok(ExitCode::Success)
}

pub fn build(facts: &GroupFacts, verdict: GroupVerdict) -> GroupStatus {
    let election = facts.election();
    let master = election.as_ref().map(|e| e.master.clone());
    let ckquorum = master.as_ref().and_then(|m| {
        facts.watches().find(|(_, _, w)| &w.master == m).map(|(_, _, w)| match &w.ckquorum {
            Ok(text) => text.clone(),
            Err(e) => format!("NOQUORUM {e}"),
        })
    });
    let mut members: Vec<MemberRow> = facts.members.keys().map(|a| member_row(facts, a)).collect();
    // The master first, then its replicas, then the rest.
    members
        .sort_by_key(|r| (Some(&r.member.addr) != master.as_ref(), r.master.as_ref() != master.as_ref(), r.member.addr.clone()));
    GroupStatus {
        kind: "sentinel",
        name: facts.name.clone(),
        epoch: election.as_ref().map(|e| e.epoch),
        sentinels_agreeing: election.as_ref().map_or(0, |e| e.agreeing),
        sentinels_total: facts.sentinels.len(),
        quorum: facts.watches().map(|(_, _, w)| w.settings.quorum).max(),
        ckquorum,
        verdict,
        members,
        sentinels: facts.sentinels.keys().map(|a| sentinel_row(facts, a)).collect(),
        master,
    }
}

fn member_row(facts: &GroupFacts, addr: &NodeAddr) -> MemberRow {
    let state = facts.member(addr);
    let info = state.map(|s| &s.info);
    MemberRow {
        member: facts.named(addr),
        reachable: state.is_some(),
        role: info.map(|i| if i.role == "slave" { "replica".to_owned() } else { i.role.clone() }),
        master: state.and_then(|s| s.master.clone()),
        offset: info.map(|i| i.repl_offset),
        lag: facts.lag(addr),
        link: match info.map(|i| i.master_link_up) {
            None => "unreachable",
            Some(None) => "-",
            Some(Some(true)) => "up",
            Some(Some(false)) => "down",
        },
        priority: state.map(|s| s.priority),
        site: facts.site(addr),
        keys: info.map(|i| i.keys),
        used_memory: info.map(|i| i.used_memory),
        error: facts.members.get(addr).and_then(|r| r.as_ref().err().cloned()),
    }
}

fn sentinel_row(facts: &GroupFacts, addr: &NodeAddr) -> SentinelRow {
    let state = facts.sentinels.get(addr).and_then(|s| s.as_ref().ok());
    let watch = state.and_then(|s| s.watch.as_ref());
    SentinelRow {
        sentinel: facts.named(addr),
        reachable: state.is_some(),
        myid: state.map(|s| s.myid.clone()),
        master: watch.map(|w| w.master.clone()),
        epoch: watch.map(|w| w.config_epoch),
        known_sentinels: watch.map(|w| w.sentinels.len()),
        known_replicas: watch.map(|w| w.replicas.len()),
        tilt: state.is_some_and(|s| s.tilt),
        error: facts.sentinels.get(addr).and_then(|r| r.as_ref().err().cloned()),
    }
}

fn print(ctx: &Context, status: &GroupStatus) {
    let health = match (status.verdict.problems, status.verdict.warnings) {
        (0, 0) => ctx.style.good("healthy"),
        (0, w) => ctx.style.warn(&format!("{w} warning(s)")),
        (p, w) => ctx.style.bad(&format!("{p} problem(s), {w} warning(s)")),
    };
    let master = status.master.as_ref().map_or("none".to_owned(), ToString::to_string);
    println!(
        "Sentinel group {}: master {master}, epoch {}, {}/{} sentinels agree, quorum {}, {}: {health}",
        status.name,
        status.epoch.map_or("-".to_owned(), |e| e.to_string()),
        status.sentinels_agreeing,
        status.sentinels_total,
        status.quorum.map_or("-".to_owned(), |q| q.to_string()),
        status.ckquorum.as_deref().map_or("no CKQUORUM answer", |c| if c.starts_with("OK") { "CKQUORUM OK" } else { c }),
    );
    let dash = || "-".to_owned();
    let mut members = output::table(&["MEMBER", "ROLE", "OFFSET", "LAG", "LINK", "PRIORITY", "HOST/ZONE", "KEYS", "MEMORY"]);
    for m in &status.members {
        let indent = if m.role.as_deref() == Some("replica") { "└─ " } else { "" };
        members.add_row(vec![
            format!("{indent}{}", m.member),
            m.role.clone().unwrap_or_else(|| "unreachable".to_owned()),
            m.offset.map_or_else(dash, |o| o.to_string()),
            m.lag.map_or_else(dash, |l| l.to_string()),
            m.link.to_owned(),
            m.priority.map_or_else(dash, |p| p.to_string()),
            format!("{}/{}", m.site.host, m.site.zone.as_deref().unwrap_or("-")),
            m.keys.map_or_else(dash, |k| k.to_string()),
            m.used_memory.map_or_else(dash, human_bytes),
        ]);
    }
    println!("{members}");
    let mut sentinels = output::table(&["SENTINEL", "MYID", "NAMES MASTER", "EPOCH", "SENTINELS", "REPLICAS", "TILT"]);
    for s in &status.sentinels {
        sentinels.add_row(vec![
            s.sentinel.to_string(),
            s.myid.as_deref().map_or_else(
                || s.error.clone().unwrap_or_else(dash),
                |id| if ctx.out.wide() { id.to_owned() } else { id[..id.len().min(8)].to_owned() },
            ),
            s.master.as_ref().map_or_else(dash, ToString::to_string),
            s.epoch.map_or_else(dash, |e| e.to_string()),
            s.known_sentinels.map_or_else(dash, |n| n.to_string()),
            s.known_replicas.map_or_else(dash, |n| n.to_string()),
            if s.tilt { "yes".to_owned() } else { "no".to_owned() },
        ]);
    }
    println!("{sentinels}");
}
