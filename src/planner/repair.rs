//! The repair plan for what `check` finds: nodes known at an old address are introduced at their
//! current one, half-done migrations are finished in their direction (or rolled back when the
//! target is gone), uncovered slots go to the node that holds their keys (or, when none does, to
//! the master with the fewest slots), ghost nodes are forgotten, and replicas whose link is down
//! are attached again. What cannot be repaired safely is said, not guessed: an open slot is
//! closed on one side only when its peer is gone (no member, or a ghost forgotten here), never
//! because the peer did not answer — it may still hold the keys that moved.

use std::collections::{BTreeMap, BTreeSet};

use super::moves::Move;
use super::roster::Roster;
use super::{NodeRef, Plan, Step, node_ref};
use crate::redis::slots::{SlotRange, SlotSet, format_ranges};
use crate::redis::topology::{Member, Topology};

/// Keys each reachable master holds in each uncovered slot, as counted by the caller.
pub type UncoveredKeys = BTreeMap<u16, BTreeMap<String, u64>>;

fn alive<'a>(topology: &'a Topology, id: &str) -> Option<&'a Member> {
    topology.member(id).filter(|m| m.state.is_some())
}

/// The repair plan, and the open slots it leaves open because a peer could not be asked.
#[derive(Debug)]
pub struct Repair {
    pub plan: Plan,
    /// One line per slot left open, naming the node that did not answer.
    pub left_open: Vec<String>,
}

pub fn plan(topology: &Topology, uncovered: &UncoveredKeys, roster: Option<&Roster>) -> Repair {
    let mut summary = Vec::new();
    let mut steps = Vec::new();
    // A ghost answers nobody: forgotten first, it holds up no wait and no move.
    ghosts(topology, roster, &mut summary, &mut steps);
    let forgetting = steps.len();
    // Nodes that cannot reach each other can agree on nothing else: addresses come next.
    stale_addresses(topology, &mut summary, &mut steps);
    // Covering comes next: while a slot has no owner the cluster serves nothing, and moves wait for it.
    uncovered_slots(topology, uncovered, &mut summary, &mut steps);
    if steps.len() > forgetting {
        let everyone: Vec<NodeRef> = topology.reachable().filter_map(node_ref).collect();
        steps.push(Step::WaitForAgreement { nodes: everyone.clone() });
        steps.push(Step::WaitForClusterOk { nodes: everyone });
    }
    let left_open = open_slots(topology, roster, &mut summary, &mut steps);
    replica_links(topology, &mut summary, &mut steps);
    summary.extend(left_open.iter().cloned());
    if summary.is_empty() {
        summary.push("nothing to repair".to_owned());
    }
    Repair { plan: Plan { action: "fix", summary, placement: None, steps }, left_open }
}

/// (source, target) of each open slot, from migrating and importing markers. A source that is a
/// replica now (a failover during the move) stands for the master that owns the slot today: its
/// replica took the keys that had not moved yet along.
fn open_slot_pairs(topology: &Topology) -> BTreeMap<u16, BTreeSet<(String, String)>> {
    let mut pairs: BTreeMap<u16, BTreeSet<(String, String)>> = BTreeMap::new();
    for m in &topology.members {
        for o in &m.migrating {
            pairs.entry(o.slot).or_default().insert((m.id.clone(), o.peer.clone()));
        }
        for o in &m.importing {
            let source = current_source(topology, o.slot, &o.peer, &m.id);
            pairs.entry(o.slot).or_default().insert((source, m.id.clone()));
        }
    }
    pairs
}

/// A node importing a slot from a master that a failover demoted ignores the gossip about the
/// slot's new owner (Redis skips slots it imports) and so counts the slot as unowned, which takes
/// it out of service (`cluster_state:fail`): it is told the owner before the move is finished.
fn tell_importers_the_new_owner(topology: &Topology, summary: &mut Vec<String>, steps: &mut Vec<Step>) {
    let mut told: BTreeMap<(String, String), SlotSet> = BTreeMap::new();
    for m in topology.reachable() {
        for o in &m.importing {
            let owner = current_source(topology, o.slot, &o.peer, &m.id);
            if owner == o.peer {
                continue;
            }
            let (Some(node), Some(owner)) = (node_ref(m), topology.member(&owner).and_then(node_ref)) else { continue };
            told.entry((node.to_string(), owner.to_string())).or_default().insert(o.slot);
            steps.push(Step::SetSlotOwner { node, slot: o.slot, owner });
        }
    }
    for ((node, owner), slots) in told {
        summary.push(format!(
            "slot(s) {}: their master failed over to {owner}; tell {node}, which imports them",
            format_ranges(&slots.ranges())
        ));
    }
}

fn current_source(topology: &Topology, slot: u16, source: &str, target: &str) -> String {
    let demoted = topology.member(source).is_some_and(|s| s.state.is_some() && !s.is_master());
    let owner = topology.masters().find(|m| m.id != target && m.slots.contains(slot));
    match owner {
        Some(owner) if demoted => owner.id.clone(),
        _ => source.to_owned(),
    }
}

/// Plans the open slots' repairs; returns the slots left open because a peer did not answer.
fn open_slots(topology: &Topology, roster: Option<&Roster>, summary: &mut Vec<String>, steps: &mut Vec<Step>) -> Vec<String> {
    tell_importers_the_new_owner(topology, summary, steps);
    let ghosts = ghost_ids(topology, roster);
    let gone = |id: &str| topology.member(id).is_none() || ghosts.contains(id);
    let mut left_open = Vec::new();
    let mut finish: BTreeMap<(String, String), SlotSet> = BTreeMap::new();
    for (slot, pairs) in open_slot_pairs(topology) {
        let pairs: Vec<(String, String)> = pairs.into_iter().collect();
        let [(source, target)] = &pairs[..] else {
            summary.push(format!(
                "slot {slot} is open between several node pairs: not repaired (settle it by hand with CLUSTER SETSLOT)"
            ));
            continue;
        };
        match (alive(topology, source), alive(topology, target)) {
            (Some(_), Some(_)) => finish.entry((source.clone(), target.clone())).or_default().insert(slot),
            (Some(_), None) | (None, Some(_)) if !gone(source) && !gone(target) => {
                let silent = topology.member(if alive(topology, source).is_some() { target } else { source });
                left_open.push(format!(
                    "slot {slot} left open: {} did not answer, so whether it still holds the slot's keys is unknown",
                    silent.map_or_else(|| "its peer".to_owned(), Member::label)
                ));
            }
            (Some(s), None) => {
                summary.push(format!(
                    "slot {slot}: the target {target:.8} is gone; it stays on {} (keys that reached the target are lost with it)",
                    s.label()
                ));
                if let Some(node) = node_ref(s) {
                    steps.push(Step::SetSlotStable { node, slot });
                }
            }
            (None, Some(t)) => {
                summary.push(format!("slot {slot}: the source {source:.8} is gone; {} stops importing it", t.label()));
                if let Some(node) = node_ref(t) {
                    steps.push(Step::SetSlotStable { node, slot });
                }
            }
            (None, None) => summary.push(format!("slot {slot} is open between two nodes that are both gone: not repaired")),
        }
    }
    left_open.sort();
    left_open.dedup();
    for ((source, target), slots) in finish {
        let (Some(s), Some(t)) = (topology.member(&source).and_then(node_ref), topology.member(&target).and_then(node_ref))
        else {
            continue;
        };
        summary.push(format!("finish moving slot(s) {} from {s} to {t}", format_ranges(&slots.ranges())));
        steps.push(Step::MoveSlots(Move { source: s, target: t, slots: slots.ranges() }));
    }
    left_open
}

fn uncovered_slots(topology: &Topology, uncovered: &UncoveredKeys, summary: &mut Vec<String>, steps: &mut Vec<Step>) {
    let masters: Vec<&Member> = topology.masters().filter(|m| m.state.is_some()).collect();
    let mut load: BTreeMap<&str, usize> = masters.iter().map(|m| (m.id.as_str(), m.slots.len())).collect();
    let mut assign: BTreeMap<String, SlotSet> = BTreeMap::new();
    for (&slot, holders) in uncovered {
        let with_keys: Vec<&String> = holders.iter().filter(|(_, n)| **n > 0).map(|(id, _)| id).collect();
        let owner = match with_keys.as_slice() {
            [one] => one.as_str(),
            [] => match load.iter().min_by_key(|(id, n)| (**n, **id)) {
                Some((id, _)) => id,
                None => continue,
            },
            many => {
                summary.push(format!(
                    "slot {slot} has no owner and keys on {} masters: not repaired (choose an owner and move the keys by hand)",
                    many.len()
                ));
                continue;
            }
        };
        let owner = owner.to_owned();
        *load.entry(masters.iter().find(|m| m.id == owner).map_or("", |m| m.id.as_str())).or_default() += 1;
        assign.entry(owner).or_default().insert(slot);
    }
    for (id, slots) in assign {
        let Some(node) = topology.member(&id).and_then(node_ref) else { continue };
        let ranges: Vec<SlotRange> = slots.ranges();
        summary.push(format!("give uncovered slot(s) {} to {node}", format_ranges(&ranges)));
        steps.push(Step::AddSlots { node: node.clone(), slots: ranges });
        steps.push(Step::BumpEpoch { node });
    }
}

/// Every node that knows a member at an old address meets it at its current one; a member that
/// has its own address wrong learns it from the first MEET it receives.
/// CLUSTER MEET from every node that knows a member at an old address (a pod back under a new
/// IP) to its new one, then the wait until they all know it there.
pub fn stale_addresses(topology: &Topology, summary: &mut Vec<String>, steps: &mut Vec<Step>) {
    let mut meets = Vec::new();
    for member in topology.reachable() {
        let stale = topology.stale_views(member);
        let Some(peer) = node_ref(member).filter(|_| !stale.is_empty()) else { continue };
        summary.push(format!("tell {} node(s) that {peer} is at {} now", stale.len(), peer.addr));
        let mut viewers: Vec<&Member> = stale.iter().filter_map(|(viewer, _)| *viewer).collect();
        if viewers.is_empty() {
            viewers.extend(topology.reachable().find(|m| m.id != member.id));
        }
        for viewer in viewers {
            let Some(node) = node_ref(viewer) else { continue };
            meets.push(Step::Meet { node, peer: peer.clone(), peer_bus_port: member.bus_port });
        }
    }
    if !meets.is_empty() {
        steps.extend(meets);
        steps.push(Step::WaitForAddresses { nodes: topology.reachable().filter_map(node_ref).collect() });
    }
}

/// Nodes the cluster marks failed (or without address), or that no member of the platform runs,
/// which own nothing and answer nobody.
/// Members that are gone for good: they answer nobody, own no slot and have no replica, and the
/// cluster marks them failed (or without address) or the platform has no member for them.
fn ghost_ids(topology: &Topology, roster: Option<&Roster>) -> BTreeSet<String> {
    let memberless: Vec<String> = roster.map(|r| r.ghosts(topology)).unwrap_or_default().iter().map(|g| g.id.clone()).collect();
    let is_ghost = |m: &&Member| {
        m.state.is_none()
            && m.slots.is_empty()
            && (m.seen_as.fail || m.seen_as.noaddr || memberless.contains(&m.id))
            && topology.replicas_of(&m.id).next().is_none()
    };
    topology.members.iter().filter(is_ghost).map(|m| m.id.clone()).collect()
}

fn ghosts(topology: &Topology, roster: Option<&Roster>, summary: &mut Vec<String>, steps: &mut Vec<Step>) {
    let ghosts = ghost_ids(topology, roster);
    for ghost in topology.members.iter().filter(|m| ghosts.contains(&m.id)) {
        summary.push(format!("forget the ghost node {}", ghost.label()));
        let forget = super::node_ref_even_unaddressed(ghost);
        for node in topology.reachable().filter_map(node_ref) {
            steps.push(Step::Forget { node, forget: forget.clone() });
        }
    }
}

fn replica_links(topology: &Topology, summary: &mut Vec<String>, steps: &mut Vec<Step>) {
    for replica in topology.reachable().filter(|m| !m.is_master()) {
        // A replica that is syncing has reached its master: attaching it again would restart the sync.
        let link_down = replica.state.as_ref().is_some_and(|s| s.info.master_link_up == Some(false) && !s.info.syncing);
        let master = replica.master_id.as_deref().and_then(|id| alive(topology, id));
        if let (true, Some(master)) = (link_down, master) {
            let (Some(node), Some(master_ref)) = (node_ref(replica), node_ref(master)) else { continue };
            summary.push(format!("attach replica {node} to {master_ref} again (its link is down)"));
            steps.push(Step::Replicate { node, master: master_ref });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redis::addr::NodeAddr;
    use crate::redis::info::InfoFacts;
    use crate::redis::topology::{NodeState, assemble};

    const A: &str = "aaaa000000000000000000000000000000000000";
    const B: &str = "bbbb000000000000000000000000000000000000";

    fn topology(a_extra: &str, b_extra: &str, b_slots: &str) -> Topology {
        let text = |me: &str| {
            let mine = |id: &str| if id == me { "myself," } else { "" };
            let extra = |id: &str, e: &str| if id == me { e.to_owned() } else { String::new() };
            format!(
                "{A} 10.0.0.1:6379@16379 {}master - 0 0 1 connected 0-8191 {}\n{B} 10.0.0.2:6379@16379 {}master - 0 0 2 connected {b_slots} {}\n",
                mine(A),
                extra(A, a_extra),
                mine(B),
                extra(B, b_extra)
            )
        };
        let state = |me: &str| {
            let info = InfoFacts { cluster_enabled: true, role: "master".into(), ..Default::default() };
            Ok(NodeState::from_cluster_nodes(&text(me), info, true).unwrap())
        };
        let mut probes = BTreeMap::new();
        probes.insert(NodeAddr::new("10.0.0.1", 6379), state(A));
        probes.insert(NodeAddr::new("10.0.0.2", 6379), state(B));
        assemble(probes)
    }

    #[test]
    fn a_half_done_migration_is_finished_in_its_direction() {
        let t = topology(&format!("[100->-{B}]"), &format!("[100-<-{A}]"), "8192-16383");
        let plan = plan(&t, &UncoveredKeys::new(), None).plan;
        assert!(
            matches!(&plan.steps[..], [Step::MoveSlots(m)] if m.source.id == A && m.target.id == B && m.slot_count() == 1),
            "{plan:?}"
        );
    }

    #[test]
    fn uncovered_slots_go_to_the_node_with_their_keys_else_the_emptiest_master() {
        let t = topology("", "", "8192-16000");
        let mut uncovered = UncoveredKeys::new();
        uncovered.insert(16001, BTreeMap::from([(A.to_owned(), 3), (B.to_owned(), 0)]));
        uncovered.insert(16002, BTreeMap::from([(A.to_owned(), 0), (B.to_owned(), 0)]));
        uncovered.insert(16003, BTreeMap::from([(A.to_owned(), 1), (B.to_owned(), 1)]));
        let plan = plan(&t, &uncovered, None).plan;
        let adds: Vec<(String, String)> = plan
            .steps
            .iter()
            .filter_map(
                |s| if let Step::AddSlots { node, slots } = s { Some((node.id.clone(), format_ranges(slots))) } else { None },
            )
            .collect();
        assert_eq!(adds, [(A.to_owned(), "16001".to_owned()), (B.to_owned(), "16002".to_owned())]);
        assert!(plan.summary.iter().any(|l| l.contains("slot 16003") && l.contains("not repaired")));
    }

    #[test]
    fn an_open_slot_whose_peer_did_not_answer_is_left_open_and_named() {
        let mut t = topology(&format!("[100->-{B}]"), &format!("[100-<-{A}]"), "8192-16383");
        // B timed out: known to the cluster, not failed, not asked.
        let b = t.members.iter_mut().find(|m| m.id == B).unwrap();
        b.state = None;
        let repair = plan(&t, &UncoveredKeys::new(), None);
        assert!(!repair.plan.steps.iter().any(|s| matches!(s, Step::SetSlotStable { .. })), "{:?}", repair.plan);
        assert_eq!(repair.left_open.len(), 1, "{:?}", repair.left_open);
        assert!(repair.left_open[0].contains("slot 100 left open") && repair.left_open[0].contains("10.0.0.2:6379"));
        // Once the cluster marks it failed (and it owns nothing) it is a ghost: forgotten, the slot settled.
        let b = t.members.iter_mut().find(|m| m.id == B).unwrap();
        b.seen_as.fail = true;
        b.slots = SlotSet::default();
        let repair = plan(&t, &UncoveredKeys::new(), None);
        assert!(repair.left_open.is_empty());
        assert!(repair.plan.steps.iter().any(|s| matches!(s, Step::SetSlotStable { slot: 100, .. })), "{:?}", repair.plan);
    }

    #[test]
    fn a_healthy_cluster_needs_no_repair() {
        let plan = plan(&topology("", "", "8192-16383"), &UncoveredKeys::new(), None).plan;
        assert!(plan.steps.is_empty());
    }
}
