//! What `check` finds: every problem and warning in a gathered topology, each with one line of
//! explanation and the command that repairs it. Pure: it reads the model, it asks no node.

use serde::Serialize;

use super::placement::SiteMap;
use super::roster::Roster;
use crate::redis::slots::format_ranges;
use crate::redis::topology::{Member, Topology};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Problem,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable identifier for scripts, e.g. `open-slot`.
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    pub message: String,
    pub hint: String,
}

fn finding(severity: Severity, code: &'static str, node: Option<&Member>, message: String, hint: String) -> Finding {
    Finding { severity, code, node: node.map(Member::label), message, hint }
}

/// Every finding, problems first. With the platform's roster, nodes no member runs are ghosts
/// (not merely unreachable) and members outside the cluster are named.
pub fn assess(topology: &Topology, sites: &SiteMap, roster: Option<&Roster>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let ghosts: Vec<&str> = roster.map(|r| r.ghosts(topology)).unwrap_or_default().iter().map(|g| g.id.as_str()).collect();
    reachability(topology, &ghosts, &mut findings);
    if let Some(roster) = roster {
        platform_members(topology, roster, &mut findings);
    }
    addresses(topology, &mut findings);
    serving(topology, &mut findings);
    failure_flags(topology, &ghosts, &mut findings);
    coverage(topology, &mut findings);
    agreement(topology, &mut findings);
    open_slots(topology, &mut findings);
    replication(topology, sites, &mut findings);
    strangers(topology, &mut findings);
    findings.sort_by_key(|f| f.severity);
    findings
}

fn reachability(topology: &Topology, ghosts: &[&str], out: &mut Vec<Finding>) {
    for member in topology.members.iter().filter(|m| m.state.is_none() && !ghosts.contains(&m.id.as_str())) {
        let what = if member.is_master() { format!("master with {} slot(s)", member.slots.len()) } else { "replica".to_owned() };
        out.push(finding(
            Severity::Problem,
            "unreachable",
            Some(member),
            format!("{} ({what}) is unreachable: {}", member.label(), member.unreachable.as_deref().unwrap_or("no answer")),
            format!("bring the node back; if it is gone for good: kubectl redis del-node {}", member.short_id()),
        ));
    }
    for (addr, why) in &topology.unreachable_addrs {
        out.push(Finding {
            severity: Severity::Problem,
            code: "unreachable",
            node: Some(addr.to_string()),
            message: format!("{addr} is unreachable: {why}"),
            hint: "check the address, and that the server is running".to_owned(),
        });
    }
}

/// Ghosts (cluster nodes no member runs) and members that answer outside the cluster.
fn platform_members(topology: &Topology, roster: &Roster, out: &mut Vec<Finding>) {
    for ghost in roster.ghosts(topology) {
        let (severity, hint) = if ghost.slots.is_empty() {
            (Severity::Warning, format!("forget it on every node: kubectl redis fix {}", roster.target))
        } else {
            (
                Severity::Problem,
                format!(
                    "its {} slot(s) are down: bring its {} back with its storage; fix forgets a ghost only once it owns no slots",
                    ghost.slots.len(),
                    roster.noun
                ),
            )
        };
        out.push(finding(
            severity,
            "ghost",
            Some(ghost),
            format!("{} is in the cluster, but no {} of {} runs it any more", ghost.label(), roster.noun, roster.target),
            hint,
        ));
    }
    for (seat, spare) in roster.outside(topology) {
        out.push(Finding {
            severity: Severity::Warning,
            code: "not-in-cluster",
            node: Some(format!("{} {}", seat.name, spare.addr)),
            message: format!("{} {} ({}) is empty and not in the cluster", roster.noun, seat.name, spare.addr),
            hint: format!(
                "join it: kubectl redis add-node {name} {target} (add --replica for a replica), or let scale use it: kubectl redis scale {target} --masters M",
                name = seat.name,
                target = roster.target
            ),
        });
    }
}

/// Nodes that other nodes (or the node itself) know at an old address: after a restart under a
/// new IP, nobody reaches it there, and the cluster cannot heal by itself when every node moved.
fn addresses(topology: &Topology, out: &mut Vec<Finding>) {
    for member in topology.reachable() {
        let stale = topology.stale_views(member);
        if stale.is_empty() {
            continue;
        }
        let mut olds: Vec<String> = stale.iter().map(|(_, a)| a.to_string()).collect();
        olds.sort();
        olds.dedup();
        out.push(finding(
            Severity::Problem,
            "stale-address",
            Some(member),
            format!(
                "{} answers at {} but {} node(s) know it at {}",
                member.label(),
                member.addr.as_ref().map_or_else(String::new, ToString::to_string),
                stale.len(),
                olds.join(", ")
            ),
            "tell the nodes its current address: kubectl redis fix (CLUSTER MEET at the new address)".to_owned(),
        ));
    }
}

/// A node that answers but reports cluster_state:fail refuses every key command.
fn serving(topology: &Topology, out: &mut Vec<Finding>) {
    for m in topology.reachable().filter(|m| m.state.as_ref().is_some_and(|s| !s.serving)) {
        out.push(finding(
            Severity::Problem,
            "not-serving",
            Some(m),
            format!("{} reports cluster_state:fail and refuses key commands", m.label()),
            "see the other findings (uncovered slots, failed masters); a node that just started waits a few seconds before it serves".to_owned(),
        ));
    }
}

fn failure_flags(topology: &Topology, ghosts: &[&str], out: &mut Vec<Finding>) {
    for m in topology.members.iter().filter(|m| !ghosts.contains(&m.id.as_str())) {
        let flags = &m.seen_as;
        if flags.fail {
            out.push(finding(
                Severity::Problem,
                "fail",
                Some(m),
                format!("{} is marked failed (fail) by the cluster", m.label()),
                format!("restart the node; if it is gone for good: kubectl redis del-node {}", m.short_id()),
            ));
        } else if flags.pfail {
            out.push(finding(
                Severity::Warning,
                "pfail",
                Some(m),
                format!("{} is suspected down (fail?) by some nodes", m.label()),
                "wait a node timeout and check again; if it stays, look at the node and the network".to_owned(),
            ));
        }
        if flags.handshake {
            out.push(finding(
                Severity::Warning,
                "handshake",
                Some(m),
                format!("{} is still in handshake", m.label()),
                "check again in a few seconds; if it stays, the cluster bus port (port + 10000) is blocked".to_owned(),
            ));
        }
        if flags.noaddr {
            out.push(finding(
                Severity::Problem,
                "noaddr",
                Some(m),
                format!("{} has no known address", m.label()),
                format!("if the node is gone for good: kubectl redis del-node {}", m.short_id()),
            ));
        }
    }
}

fn coverage(topology: &Topology, out: &mut Vec<Finding>) {
    let missing = topology.covered_slots().complement();
    if !missing.is_empty() {
        out.push(Finding {
            severity: Severity::Problem,
            code: "uncovered-slots",
            node: None,
            message: format!("{} slot(s) have no owner: {}", missing.len(), format_ranges(&missing.ranges())),
            hint: "assign them to a master: kubectl redis fix".to_owned(),
        });
    }
}

fn agreement(topology: &Topology, out: &mut Vec<Finding>) {
    for d in &topology.disagreements {
        let member = topology.member(&d.node);
        out.push(finding(
            Severity::Problem,
            "slot-map-disagreement",
            member,
            format!(
                "{} sees a different slot map than {} other node(s)",
                member.map_or(d.node.clone(), Member::label),
                d.differs_from
            ),
            "usually gossip catches up within seconds; if it stays, an interrupted migration needs kubectl redis fix".to_owned(),
        ));
    }
}

fn open_slots(topology: &Topology, out: &mut Vec<Finding>) {
    for m in topology.reachable() {
        let keys = |slot: u16| m.state.as_ref().and_then(|s| s.open_slot_keys.get(&slot)).copied().unwrap_or(0);
        let peer = |id: &str| topology.member(id).map_or_else(|| format!("{id:.8}"), Member::label);
        for open in &m.migrating {
            out.push(finding(
                Severity::Problem,
                "open-slot",
                Some(m),
                format!(
                    "slot {} is migrating from {} to {} ({} key(s) left on it)",
                    open.slot,
                    m.label(),
                    peer(&open.peer),
                    keys(open.slot)
                ),
                "finish the migration: kubectl redis fix".to_owned(),
            ));
        }
        for open in &m.importing {
            out.push(finding(
                Severity::Problem,
                "open-slot",
                Some(m),
                format!(
                    "slot {} is importing into {} from {} ({} key(s) arrived)",
                    open.slot,
                    m.label(),
                    peer(&open.peer),
                    keys(open.slot)
                ),
                "finish the migration: kubectl redis fix".to_owned(),
            ));
        }
    }
}

fn replication(topology: &Topology, sites: &SiteMap, out: &mut Vec<Finding>) {
    // A cluster built without replicas is a choice; a master without one where others have them
    // lost it.
    let replicated = topology.members.iter().any(|m| !m.is_master());
    for master in topology.masters().filter(|m| replicated && !m.slots.is_empty()) {
        if topology.replicas_of(&master.id).next().is_none() {
            out.push(finding(
                Severity::Warning,
                "no-replica",
                Some(master),
                format!("master {} has no replica", master.label()),
                "add one: kubectl redis add-node HOST:PORT --replica-of ".to_owned() + master.short_id(),
            ));
        }
    }
    for replica in topology.members.iter().filter(|m| !m.is_master()) {
        let Some(master) = replica.master_id.as_deref().and_then(|id| topology.member(id)) else {
            continue;
        };
        let (r_site, m_site) = (sites.site(replica.addr.as_ref()), sites.site(master.addr.as_ref()));
        if r_site.host == m_site.host {
            out.push(finding(Severity::Warning, "replica-same-host", Some(replica),
                format!("replica {} runs on host {} like its master {}", replica.label(), r_site.host, master.label()),
                format!("move it under another master: redis-cli -h HOST -p PORT CLUSTER REPLICATE <master-id>, or del-node {} and add-node it with --replica", replica.short_id())));
        } else if r_site.same_zone(&m_site) {
            out.push(finding(
                Severity::Warning,
                "replica-same-zone",
                Some(replica),
                format!(
                    "replica {} runs in zone {} like its master {}",
                    replica.label(),
                    r_site.zone.as_deref().unwrap_or(""),
                    master.label()
                ),
                format!(
                    "del-node {} and add-node it again with --replica: placement picks a master in another zone",
                    replica.short_id()
                ),
            ));
        }
        let info = replica.state.as_ref().map(|s| &s.info);
        if info.is_some_and(|i| i.master_link_up == Some(false) && i.syncing) {
            out.push(finding(
                Severity::Warning,
                "replica-syncing",
                Some(replica),
                format!("replica {} is still syncing with its master {}", replica.label(), master.label()),
                "check again once the master's data set has been transferred; `create --wait synced` waits for it".to_owned(),
            ));
        } else if let Some(false) = info.and_then(|i| i.master_link_up) {
            out.push(finding(
                Severity::Problem,
                "replica-link-down",
                Some(replica),
                format!(
                    "replica {} has no working link to its master {} (master_link_status:down)",
                    replica.label(),
                    master.label()
                ),
                format!("look at the replica's log; re-attach it: redis-cli -h HOST -p PORT CLUSTER REPLICATE {}", master.id),
            ));
        }
    }
}

fn strangers(topology: &Topology, out: &mut Vec<Finding>) {
    for (addr, bad) in &topology.bad_lines {
        out.push(Finding {
            severity: Severity::Warning,
            code: "unreadable-line",
            node: Some(addr.to_string()),
            message: format!("{addr} sent a CLUSTER NODES line that could not be read ({}): {}", bad.why, bad.line),
            hint: "report this line with your server version".to_owned(),
        });
    }
    for s in topology.strangers.iter().filter(|s| !s.is_spare()) {
        let what = if s.cluster_enabled {
            format!("belongs to another cluster ({} node(s) known, {} slot(s))", s.known_nodes, s.slots)
        } else {
            "has cluster mode disabled".to_owned()
        };
        out.push(Finding {
            severity: Severity::Warning,
            code: "foreign-node",
            node: Some(s.addr.to_string()),
            message: format!("{} {what}", s.addr),
            hint: "leave it out of --nodes, or reset it if it is no longer used".to_owned(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redis::addr::NodeAddr;
    use crate::redis::info::InfoFacts;
    use crate::redis::topology::{NodeState, assemble};
    use std::collections::BTreeMap;

    const M: &str = "aaaa000000000000000000000000000000000000";
    const R: &str = "bbbb000000000000000000000000000000000000";

    fn cluster(master_slots: &str, replica_link_up: bool) -> Topology {
        let text = |me: &str| {
            let flag = |id: &str| if id == me { "myself," } else { "" };
            format!(
                "{M} 10.0.0.1:6379@16379 {}master - 0 0 1 connected {master_slots}\n{R} 10.0.0.2:6379@16379 {}slave {M} 0 0 1 connected\n",
                flag(M),
                flag(R)
            )
        };
        let state = |me: &str, role: &str, link: Option<bool>| {
            let info = InfoFacts { cluster_enabled: true, role: role.into(), master_link_up: link, ..Default::default() };
            Ok(NodeState::from_cluster_nodes(&text(me), info, true).unwrap())
        };
        let mut probes = BTreeMap::new();
        probes.insert(NodeAddr::new("10.0.0.1", 6379), state(M, "master", None));
        probes.insert(NodeAddr::new("10.0.0.2", 6379), state(R, "slave", Some(replica_link_up)));
        assemble(probes)
    }

    fn codes(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_healthy_cluster_has_no_findings() {
        assert!(assess(&cluster("0-16383", true), &SiteMap::default(), None).is_empty());
    }

    #[test]
    fn reports_uncovered_slots_and_a_broken_replica_link() {
        let findings = assess(&cluster("0-16000", false), &SiteMap::default(), None);
        assert_eq!(codes(&findings), ["uncovered-slots", "replica-link-down"]);
        assert!(findings[0].message.contains("16001-16383"));
    }

    #[test]
    fn a_node_that_does_not_serve_is_a_problem() {
        let mut topology = cluster("0-16383", true);
        topology.members[0].state.as_mut().unwrap().serving = false;
        let findings = assess(&topology, &SiteMap::default(), None);
        assert_eq!(codes(&findings), ["not-serving"]);
    }

    #[test]
    fn a_replica_on_its_masters_host_is_a_warning() {
        use super::super::placement::Site;
        let mut sites = SiteMap::default();
        sites.0.insert(NodeAddr::new("10.0.0.1", 6379), Site::new("h1", None));
        sites.0.insert(NodeAddr::new("10.0.0.2", 6379), Site::new("h1", None));
        let findings = assess(&cluster("0-16383", true), &sites, None);
        assert_eq!(codes(&findings), ["replica-same-host"]);
        assert_eq!(findings[0].severity, Severity::Warning);
    }
}
