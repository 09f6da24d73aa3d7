//! Planned failovers of cluster shards: one shard (`failover`), or every master off one host
//! before it is drained (`drain-node`). Graceful by default: the server's CLUSTER FAILOVER, in
//! which the master hands over once the replica has all its writes. FORCE and TAKEOVER promote a
//! replica without its master, losing what it had not replicated: only for a master that no
//! longer answers.

use super::placement::SiteMap;
use super::{Plan, Step, node_ref};
use crate::error::{Error, Result};
use crate::redis::topology::{Member, Role, Topology};

/// How the replica takes over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// CLUSTER FAILOVER: the master agrees and hands over its last writes.
    Graceful,
    /// CLUSTER FAILOVER FORCE: without the master, with the other masters' votes.
    Force,
    /// CLUSTER FAILOVER TAKEOVER: without the master and without a vote.
    Takeover,
}

/// One shard's failover: named by any member of it, or by the replica to promote.
#[derive(Debug, Clone)]
pub struct ShardRequest<'a> {
    pub shard: Option<&'a str>,
    pub to: Option<&'a str>,
    pub max_lag: u64,
    pub mode: Mode,
}

pub fn plan_shard(topology: &Topology, request: &ShardRequest) -> Result<Plan> {
    let master = shard_master(topology, request)?;
    let answers = master.state.is_some();
    match request.mode {
        Mode::Graceful if !answers => {
            return Err(Error::refused(format!(
                "{} does not answer: the graceful failover needs it to hand over",
                master.label()
            ))
            .hint("if it is gone for good, --force promotes a replica without it (writes it had not replicated are lost)"));
        }
        Mode::Force | Mode::Takeover if answers => {
            return Err(Error::refused(format!(
                "{} still answers: --force and --takeover are for a dead master",
                master.label()
            ))
            .hint("leave them out: the graceful failover loses no write"));
        }
        _ => {}
    }
    let replica = match request.to {
        Some(to) => topology.find(to)?,
        None => best_replica(topology, master, request.mode, |_| true).ok_or_else(|| {
            Error::refused(format!("{} has no replica that can take over", master.label()))
                .hint("`kubectl redis check` shows its replicas and their links")
        })?,
    };
    let step = takeover_step(master, replica, request)?;
    let how = match request.mode {
        Mode::Graceful => "hands over to",
        Mode::Force => "is replaced (FORCE) by",
        Mode::Takeover => "is replaced (TAKEOVER) by",
    };
    Ok(Plan {
        action: "fail a shard over",
        summary: vec![format!("{} {how} {}{}", master.label(), replica.label(), lag_note(master, replica))],
        placement: None,
        steps: vec![step],
    })
}

/// The master of the shard the request names.
fn shard_master<'t>(topology: &'t Topology, request: &ShardRequest) -> Result<&'t Member> {
    let of = |m: &'t Member| -> Result<&'t Member> {
        if m.role == Role::Master {
            return Ok(m);
        }
        m.master_id.as_deref().and_then(|id| topology.member(id)).ok_or_else(|| {
            Error::refused(format!("the master of {} is unknown", m.label())).hint("`kubectl redis check` shows the shard")
        })
    };
    let by_to = match request.to {
        Some(to) => {
            let replica = topology.find(to)?;
            if replica.role != Role::Replica {
                return Err(Error::usage(format!("{} is a master", replica.label())).hint("name one of its replicas with --to"));
            }
            Some(of(replica)?)
        }
        None => None,
    };
    let by_shard = request.shard.map(|s| topology.find(s).and_then(of)).transpose()?;
    match (by_shard, by_to) {
        (Some(a), Some(b)) if a.id != b.id => {
            Err(Error::usage(format!("--to names a replica of {}, not of the shard of {}", b.label(), a.label()))
                .hint("leave out --to, or name a replica of that shard"))
        }
        (Some(m), _) | (None, Some(m)) => Ok(m),
        (None, None) => Err(Error::usage("name the shard (--shard MEMBER) or the replica to promote (--to REPLICA)")
            .hint("e.g. kubectl redis failover redis-cluster --shard redis-cluster-0")),
    }
}

/// The step that makes `replica` the master of `master`'s shard, after the checks its mode needs.
fn takeover_step(master: &Member, replica: &Member, request: &ShardRequest) -> Result<Step> {
    let refuse = |why: String| {
        Err(Error::refused(format!("{} cannot take over: {why}", replica.label())).hint("`kubectl redis check` shows the shard"))
    };
    if replica.master_id.as_deref() != Some(master.id.as_str()) {
        return refuse(format!("it is no replica of {}", master.label()));
    }
    let Some(state) = &replica.state else { return refuse("it does not answer".to_owned()) };
    if request.mode == Mode::Graceful {
        if state.info.master_link_up != Some(true) {
            return refuse("its link to the master is down".to_owned());
        }
        let lag = lag(master, replica).unwrap_or(0);
        if lag > request.max_lag {
            return refuse(format!("it is {lag} byte(s) behind (more than --max-lag {})", request.max_lag));
        }
    }
    let (Some(node), Some(master_ref)) = (node_ref(replica), node_ref(master)) else {
        return refuse("it or its master has no address".to_owned());
    };
    Ok(match request.mode {
        Mode::Graceful => Step::Failover { node, master: master_ref },
        mode => Step::ForcedFailover { node, master: master_ref, takeover: mode == Mode::Takeover },
    })
}

/// The replica of `master` that should take over: answering and accepted by `allowed`; for a
/// graceful failover linked, with the least lag; otherwise the one with the most data.
fn best_replica<'t>(
    topology: &'t Topology,
    master: &Member,
    mode: Mode,
    allowed: impl Fn(&Member) -> bool,
) -> Option<&'t Member> {
    let replicas = topology.members.iter().filter(|m| {
        m.role == Role::Replica && m.master_id.as_deref() == Some(master.id.as_str()) && m.state.is_some() && allowed(m)
    });
    match mode {
        Mode::Graceful => replicas
            .filter(|m| m.state.as_ref().is_some_and(|s| s.info.master_link_up == Some(true)))
            .min_by_key(|m| lag(master, m).unwrap_or(u64::MAX)),
        _ => replicas.max_by_key(|m| m.state.as_ref().map_or(0, |s| s.info.repl_offset)),
    }
}

fn lag(master: &Member, replica: &Member) -> Option<u64> {
    let (m, r) = (master.state.as_ref()?, replica.state.as_ref()?);
    Some(m.info.repl_offset.saturating_sub(r.info.repl_offset))
}

fn lag_note(master: &Member, replica: &Member) -> String {
    lag(master, replica).map(|l| format!(" ({l} byte(s) behind)")).unwrap_or_default()
}

/// Every master on `host` hands over to its best replica elsewhere, so that draining the host
/// stops no shard's writes; refused when a master there has none. The summary names the shards
/// that keep no replica while the host is away.
pub fn plan_drain(topology: &Topology, sites: &SiteMap, host: &str, max_lag: u64) -> Result<Plan> {
    let on_host = |m: &Member| sites.site(m.addr.as_ref()).host == host;
    if !topology.members.iter().any(on_host) {
        let mut hosts: Vec<String> = topology.members.iter().map(|m| sites.site(m.addr.as_ref()).host).collect();
        hosts.sort();
        hosts.dedup();
        return Err(Error::usage(format!("no member of the cluster runs on {host}"))
            .hint(format!("its members run on: {}", hosts.join(", "))));
    }
    let mut steps = Vec::new();
    let mut summary = Vec::new();
    let mut stuck = Vec::new();
    for master in topology.masters().filter(|m| on_host(m)) {
        let elsewhere = |m: &Member| !on_host(m) && lag(master, m).is_some_and(|l| l <= max_lag);
        match best_replica(topology, master, Mode::Graceful, elsewhere) {
            Some(replica) => {
                let request = ShardRequest { shard: None, to: None, max_lag, mode: Mode::Graceful };
                steps.push(takeover_step(master, replica, &request)?);
                summary.push(format!("{} hands over to {}{}", master.label(), replica.label(), lag_note(master, replica)));
            }
            None => stuck.push(master.label()),
        }
    }
    if !stuck.is_empty() {
        return Err(Error::refused(format!("{} on {host} has no linked replica elsewhere to take over", stuck.join(", ")))
            .hint("add a replica on another node first (kubectl redis add-node … --replica-of …), or accept the outage"));
    }
    for master in topology.masters() {
        let replicas_elsewhere = topology
            .members
            .iter()
            .filter(|m| m.master_id.as_deref() == Some(master.id.as_str()) || (m.id == master.id))
            .filter(|m| !on_host(m))
            .count();
        // After the drain the shard's master runs elsewhere; it needs one more copy off the host.
        if replicas_elsewhere < 2 {
            summary.push(format!("warning: the shard of {} keeps no replica while {host} is drained", master.label()));
        }
    }
    if steps.is_empty() {
        summary.insert(0, format!("no master runs on {host}: nothing to fail over"));
    }
    Ok(Plan { action: "fail every master off a node before it is drained", summary, placement: None, steps })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Node, addr, cluster, id};
    use super::super::placement::Site;
    use super::*;

    /// Masters 0 (host h1) and 1 (h2); 2 replicates 0 from h2, 3 replicates 1 from h1. The nodes
    /// in `down` do not answer.
    fn two_shards(down: &[usize]) -> (Topology, SiteMap) {
        let replica = |of| Node::Replica { of, linked: true };
        let topology = cluster(&[Node::Master("0-8191"), Node::Master("8192-16383"), replica(0), replica(1)], down);
        let mut sites = SiteMap::default();
        for (i, host) in [(0, "h1"), (1, "h2"), (2, "h2"), (3, "h1")] {
            sites.0.insert(addr(i), Site::new(host, None));
        }
        (topology, sites)
    }

    fn plan_for(topology: &Topology, shard: usize, to: Option<usize>, mode: Mode) -> Result<Plan> {
        let (shard, to) = (addr(shard).to_string(), to.map(|t| addr(t).to_string()));
        plan_shard(topology, &ShardRequest { shard: Some(&shard), to: to.as_deref(), max_lag: 1 << 20, mode })
    }

    fn promotes(plan: &Plan) -> Option<&str> {
        match &plan.steps[..] {
            [Step::Failover { node, .. } | Step::ForcedFailover { node, .. }] => Some(&node.id),
            _ => None,
        }
    }

    #[test]
    fn a_shard_named_by_any_member_hands_over_to_its_replica() {
        let (topology, _) = two_shards(&[]);
        for member in [0, 2] {
            let plan = plan_for(&topology, member, None, Mode::Graceful).unwrap();
            assert_eq!(promotes(&plan), Some(id(2).as_str()), "{:?}", plan.steps);
        }
        assert_eq!(plan_for(&topology, 0, Some(3), Mode::Graceful).unwrap_err().kind, crate::error::Kind::Usage);
    }

    #[test]
    fn force_and_takeover_only_replace_a_master_that_does_not_answer() {
        let (up, _) = two_shards(&[]);
        assert!(plan_for(&up, 0, None, Mode::Force).unwrap_err().message.contains("still answers"));
        let (down, _) = two_shards(&[0]);
        assert!(plan_for(&down, 2, None, Mode::Graceful).unwrap_err().message.contains("does not answer"));
        let plan = plan_for(&down, 2, None, Mode::Takeover).unwrap();
        assert!(matches!(&plan.steps[..], [Step::ForcedFailover { takeover: true, .. }]));
        assert_eq!(promotes(&plan), Some(id(2).as_str()));
    }

    #[test]
    fn draining_a_host_moves_its_masters_elsewhere_and_names_shards_left_without_a_replica() {
        let (topology, sites) = two_shards(&[]);
        let plan = plan_drain(&topology, &sites, "h1", 1 << 20).unwrap();
        assert_eq!(promotes(&plan), Some(id(2).as_str()), "{:?}", plan.steps);
        assert_eq!(plan.summary.iter().filter(|s| s.starts_with("warning")).count(), 2, "{:?}", plan.summary);
        assert_eq!(plan_drain(&topology, &sites, "h9", 1 << 20).unwrap_err().kind, crate::error::Kind::Usage);
        let (no_replica, sites) = two_shards(&[2]);
        assert!(plan_drain(&no_replica, &sites, "h1", 1 << 20).unwrap_err().message.contains("no linked replica elsewhere"));
    }
}
