//! `status`: a summary line, then the shard tree — each master followed by its replicas; a
//! Sentinel group is shown by `sentinel::status`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cli::StatusArgs;
use crate::context::{Context, Kind, Target};
use crate::error::{ExitCode, Result};
use crate::output;
use crate::planner::placement::{Site, SiteMap};
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;
use crate::redis::info::Persistence;
use crate::redis::slots::{SlotRange, format_ranges};
use crate::redis::topology::{Member, Role, Stranger, Topology};
use crate::units::human_bytes;

#[derive(Debug, Serialize)]
pub struct NodeRow {
    pub id: String,
    /// The platform's name (sandbox member, pod), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub addr: Option<NodeAddr>,
    pub role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub master_id: Option<String>,
    pub site: Site,
    pub slots: Vec<SlotRange>,
    pub slot_count: usize,
    pub config_epoch: u64,
    pub reachable: bool,
    pub keys: Option<u64>,
    pub used_memory: Option<u64>,
    /// Its memory limit; 0 means none.
    pub maxmemory: Option<u64>,
    pub ops_per_sec: Option<u64>,
    pub persistence: Option<Persistence>,
    /// Container restarts of its pod (Kubernetes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restarts: Option<u32>,
    pub repl_offset: Option<u64>,
    /// Bytes a replica is behind its master.
    pub lag: Option<u64>,
    /// Gossip link state, or for a replica its replication link.
    pub link: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Status {
    /// What `check` would say: healthy, or how many problems and warnings.
    pub health: Health,
    pub masters: usize,
    pub replicas: usize,
    pub slots_covered: usize,
    pub keys: u64,
    pub unreachable: usize,
    pub nodes: Vec<NodeRow>,
    pub spare: Vec<Stranger>,
}

pub async fn run(ctx: &Context, args: &StatusArgs) -> Result<ExitCode> {
    if args.watch.watch {
        let interval = args.watch.interval;
        let ctx = &ctx.one_document_per_line();
        return super::watch::every(ctx, interval, "kubectl redis status", || once(ctx, args)).await;
    }
    once(ctx, args).await
}

/// One reading of the target, whatever its kind.
async fn once(ctx: &Context, args: &StatusArgs) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(&args.target).await?;
    match kind {
        Kind::Group => super::sentinel::status::run(ctx, &args.target, &platform).await,
        Kind::Cluster => run_on(ctx, &platform).await,
    }
}

/// Gathers and prints the status of a platform's cluster.
pub async fn run_on(ctx: &Context, platform: &Platform) -> Result<ExitCode> {
    let status = execute(ctx, platform).await?;
    if ctx.out.documents() {
        ctx.out.document(&status)?;
    } else {
        print_status(ctx, &status);
    }
    Ok(ExitCode::Success)
}

/// `check`'s verdict in short.
#[derive(Debug, Serialize)]
pub struct Health {
    pub healthy: bool,
    pub problems: usize,
    pub warnings: usize,
}

pub async fn execute(ctx: &Context, platform: &Platform) -> Result<Status> {
    let topology = super::gather(ctx, platform).await?;
    let verdict = super::verdict::judge(&topology, platform);
    let health = Health { healthy: verdict.healthy, problems: verdict.problems, warnings: verdict.warnings };
    Ok(build(&topology, &platform.sites(), &platform.restarts(), health))
}

fn build(topology: &Topology, sites: &SiteMap, restarts: &BTreeMap<NodeAddr, u32>, health: Health) -> Status {
    let nodes: Vec<NodeRow> = topology.members.iter().map(|m| row(topology, sites, restarts, m)).collect();
    Status {
        health,
        masters: topology.masters().count(),
        replicas: topology.members.len() - topology.masters().count(),
        slots_covered: topology.covered_slots().len(),
        keys: topology.masters().filter_map(Member::keys).sum(),
        unreachable: nodes.iter().filter(|n| !n.reachable).count(),
        spare: topology.strangers.iter().filter(|s| s.is_spare()).cloned().collect(),
        nodes,
    }
}

fn row(topology: &Topology, sites: &SiteMap, restarts: &BTreeMap<NodeAddr, u32>, m: &Member) -> NodeRow {
    let info = m.state.as_ref().map(|s| &s.info);
    let master_offset = m
        .master_id
        .as_deref()
        .and_then(|id| topology.member(id))
        .and_then(|master| master.state.as_ref())
        .map(|s| s.info.repl_offset);
    let link = match (info, m.role) {
        (None, _) => "unreachable",
        (Some(i), Role::Replica) if i.master_link_up == Some(true) => "up",
        (Some(_), Role::Replica) => "down",
        _ if m.seen_as.fail => "fail",
        _ if m.seen_as.pfail => "fail?",
        _ => "ok",
    };
    NodeRow {
        id: m.id.clone(),
        name: m.name.clone(),
        addr: m.addr.clone(),
        role: m.role,
        master_id: m.master_id.clone().filter(|_| m.role == Role::Replica),
        site: sites.site(m.addr.as_ref()),
        slots: m.slots.ranges(),
        slot_count: m.slots.len(),
        config_epoch: m.config_epoch,
        reachable: info.is_some(),
        keys: info.map(|i| i.keys),
        used_memory: info.map(|i| i.used_memory),
        maxmemory: info.map(|i| i.maxmemory),
        ops_per_sec: info.map(|i| i.ops_per_sec),
        persistence: info.map(|i| i.persistence),
        restarts: m.addr.as_ref().and_then(|a| restarts.get(a).copied()),
        repl_offset: info.map(|i| i.repl_offset),
        lag: match (m.role, info, master_offset) {
            (Role::Replica, Some(i), Some(master)) => Some(master.saturating_sub(i.repl_offset)),
            _ => None,
        },
        link,
        server: info.map(|i| format!("{} {}", i.server, i.version)),
    }
}

/// Memory in use, and its share of maxmemory when the node has a limit: `1.2MiB (30% of 4.0MiB)`.
fn memory(used: Option<u64>, limit: Option<u64>) -> String {
    match (used, limit) {
        (None, _) => "-".to_owned(),
        (Some(used), Some(limit)) if limit > 0 => {
            format!("{} ({}% of {})", human_bytes(used), used.saturating_mul(100) / limit, human_bytes(limit))
        }
        (Some(used), _) => human_bytes(used),
    }
}

fn print_status(ctx: &Context, status: &Status) {
    let wide = ctx.out.wide();
    let health = match (status.health.problems, status.health.warnings) {
        (0, 0) => ctx.style.good("healthy"),
        (0, w) => ctx.style.warn(&format!("{w} warning(s)")),
        (p, w) => ctx.style.bad(&format!("{p} problem(s), {w} warning(s)")),
    };
    println!(
        "{health}: {} master(s), {} replica(s), {}/16384 slots covered, {} key(s){}",
        status.masters,
        status.replicas,
        status.slots_covered,
        status.keys,
        if status.unreachable > 0 { format!(", {} node(s) unreachable", status.unreachable) } else { String::new() }
    );
    let on_pods = status.nodes.iter().any(|n| n.restarts.is_some());
    let mut header =
        vec!["NODE", "ID", "ROLE", "HOST/ZONE", "SLOTS", "KEYS", "MEMORY", "OPS/S", "PERSIST", "OFFSET", "LAG", "LINK"];
    if on_pods {
        header.push("RESTARTS");
    }
    if wide {
        header.extend(["EPOCH", "SERVER"]);
    }
    let mut table = output::table(&header);
    let dash = || "-".to_owned();
    for n in &status.nodes {
        let addr = n.addr.as_ref().map_or_else(|| "(no address)".to_owned(), ToString::to_string);
        let name = n.name.as_ref().map_or(addr.clone(), |name| format!("{name} {addr}"));
        let (name, role) = match n.role {
            Role::Master => (name, "master"),
            Role::Replica => (format!("└─ {name}"), "replica"),
        };
        let site = format!("{}/{}", n.site.host, n.site.zone.as_deref().unwrap_or("-"));
        let slots = if n.slot_count == 0 { dash() } else { format!("{} ({})", format_ranges(&n.slots), n.slot_count) };
        let id = if wide { n.id.clone() } else { n.id[..8.min(n.id.len())].to_owned() };
        let mut row = vec![
            name,
            id,
            role.to_owned(),
            site,
            slots,
            n.keys.map_or_else(dash, |k| k.to_string()),
            memory(n.used_memory, n.maxmemory),
            n.ops_per_sec.map_or_else(dash, |o| o.to_string()),
            n.persistence.map_or_else(dash, |p| p.as_str().to_owned()),
            n.repl_offset.map_or_else(dash, |o| o.to_string()),
            n.lag.map_or_else(dash, |l| l.to_string()),
            n.link.to_owned(),
        ];
        if on_pods {
            row.push(n.restarts.map_or_else(dash, |r| r.to_string()));
        }
        if wide {
            row.extend([n.config_epoch.to_string(), n.server.clone().unwrap_or_else(dash)]);
        }
        table.add_row(row);
    }
    println!("{table}");
    if !status.spare.is_empty() {
        let spare: Vec<String> = status.spare.iter().map(|s| s.addr.to_string()).collect();
        println!("spare (empty, not in the cluster): {}", spare.join(", "));
    }
}
