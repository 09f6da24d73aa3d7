//! What must hold before slots move, and what is left of an interrupted move. Pure: it reads the
//! gathered topology and the recorded plan, it asks no node.

use std::collections::BTreeMap;

use super::moves::Move;
use super::{NodeRef, node_ref};
use crate::error::{Error, Result};
use crate::redis::slots::{SlotRange, SlotSet};
use crate::redis::topology::{Member, Topology};

/// A move as the journal of an interrupted run recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub source: String,
    pub target: String,
    pub slots: Vec<SlotRange>,
}

/// A member that must have an address to take part.
pub fn required_ref(member: &Member) -> Result<NodeRef> {
    node_ref(member).ok_or_else(|| Error::refused(format!("{} has no address", member.label())))
}

/// Moving slots needs every node up: a failing node could lose a handed-over slot.
pub fn preconditions(topology: &Topology) -> Result<()> {
    for m in &topology.members {
        if let Some(why) = &m.unreachable {
            return Err(Error::refused(format!("{} is unreachable ({why})", m.label()))
                .hint("bring it back, or remove it with del-node, before moving slots"));
        }
        if m.seen_as.fail || m.seen_as.pfail {
            let flag = if m.seen_as.fail { "fail" } else { "fail?" };
            return Err(Error::refused(format!("{} is marked {flag} by the cluster", m.label()))
                .hint("wait until `kubectl redis check` is clean before moving slots"));
        }
    }
    Ok(())
}

/// The journal's moves that are not finished: slots the target does not own yet, or still open.
pub fn remaining(recorded: &[Recorded], topology: &Topology) -> Result<Vec<Move>> {
    let mut out = Vec::new();
    for jm in recorded {
        let find = |id: &str| {
            topology.member(id).ok_or_else(|| {
                Error::refused(format!("node {id:.8} of the interrupted move is no longer in the cluster"))
                    .hint("run `kubectl redis fix` to settle the open slots, then remove the journal by finishing with fix")
            })
        };
        let (source, target) = (find(&jm.source)?, find(&jm.target)?);
        // Open on either side: a kill between the target's and the source's SETSLOT NODE leaves
        // the source migrating a slot the target already owns.
        let open: Vec<u16> = target
            .importing
            .iter()
            .filter(|o| o.peer == source.id)
            .chain(source.migrating.iter().filter(|o| o.peer == target.id))
            .map(|o| o.slot)
            .collect();
        let mut left = SlotSet::default();
        for range in &jm.slots {
            for slot in range.start..=range.end {
                if !target.slots.contains(slot) || open.contains(&slot) {
                    left.insert(slot);
                }
            }
        }
        if !left.is_empty() {
            out.push(Move { source: required_ref(source)?, target: required_ref(target)?, slots: left.ranges() });
        }
    }
    Ok(out)
}

/// An open slot that none of `moves` accounts for belongs to someone else: refuse to touch it.
pub fn refuse_foreign_open_slots(topology: &Topology, moves: &[Move]) -> Result<()> {
    let covers = |source: &str, target: &str, slot: u16| {
        moves
            .iter()
            .any(|m| m.source.id == source && m.target.id == target && m.slots.iter().any(|r| (r.start..=r.end).contains(&slot)))
    };
    for m in &topology.members {
        let migrating = m.migrating.iter().map(|o| (o.slot, m.id.as_str(), o.peer.as_str(), "migrating from"));
        let importing = m.importing.iter().map(|o| (o.slot, o.peer.as_str(), m.id.as_str(), "importing into"));
        for (slot, source, target, how) in migrating.chain(importing) {
            if !covers(source, target, slot) {
                return Err(Error::refused(format!(
                    "slot {slot} is open ({how} {}) and no interrupted run of this command left it",
                    m.label()
                ))
                .hint("repair it first: kubectl redis fix"));
            }
        }
    }
    Ok(())
}

/// Estimates each target's incoming bytes from its sources' memory per slot; refuses to go past maxmemory.
pub fn refuse_overfilling(topology: &Topology, moves: &[Move]) -> Result<()> {
    let mut incoming: BTreeMap<&str, u64> = BTreeMap::new();
    for m in moves {
        let Some(source) = topology.member(&m.source.id) else { continue };
        let (used, owned) = (source.state.as_ref().map_or(0, |s| s.info.used_memory), source.slots.len().max(1));
        *incoming.entry(m.target.id.as_str()).or_default() += used * m.slot_count() as u64 / owned as u64;
    }
    for (id, bytes) in incoming {
        let Some(info) = topology.member(id).and_then(|t| t.state.as_ref()).map(|s| &s.info) else { continue };
        if info.maxmemory > 0 && info.used_memory + bytes > info.maxmemory {
            let label = topology.member(id).map_or_else(|| id.to_owned(), Member::label);
            return Err(Error::refused(format!(
                "{label} would hold about {} with maxmemory {}",
                crate::units::human_bytes(info.used_memory + bytes),
                crate::units::human_bytes(info.maxmemory)
            ))
            .hint("raise its maxmemory, move fewer slots to it, or give it a lower --weight"));
        }
    }
    Ok(())
}

/// The legacy path moves database 0 only (GETKEYSINSLOT and MIGRATE act on the selected database):
/// keys a source holds in other databases (Valkey 9 allows them in cluster mode) would stay behind.
pub fn refuse_keys_outside_db0(topology: &Topology, moves: &[Move]) -> Result<()> {
    for m in moves {
        let Some(source) = topology.member(&m.source.id) else { continue };
        let outside = source.state.as_ref().map_or(0, |s| s.info.keys_outside_db0);
        if outside > 0 {
            return Err(Error::refused(format!(
                "{} holds {outside} key(s) in databases other than 0, which the legacy migration would leave behind",
                source.label()
            ))
            .hint("use --migration atomic (Valkey 9), which moves every database"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redis::addr::NodeAddr;
    use crate::redis::info::InfoFacts;
    use crate::redis::topology::{NodeState, assemble};

    const A: &str = "aaaa000000000000000000000000000000000000";
    const B: &str = "bbbb000000000000000000000000000000000000";

    /// A owns 0-8191 and is moving slot 8000 to B, which owns the rest and imports it.
    fn half_moved(b_memory: (u64, u64)) -> Topology {
        let text = |me: &str| {
            let (a_flags, b_flags) = if me == A { ("myself,master", "master") } else { ("master", "myself,master") };
            let a_extra = if me == A { format!(" [8000->-{B}]") } else { String::new() };
            let b_extra = if me == B { format!(" [8000-<-{A}]") } else { String::new() };
            format!(
                "{A} 10.0.0.1:6379@16379 {a_flags} - 0 0 1 connected 0-8191{a_extra}\n{B} 10.0.0.2:6379@16379 {b_flags} - 0 0 2 connected 8192-16383{b_extra}\n"
            )
        };
        let state = |me: &str, (used, max): (u64, u64)| {
            let info = InfoFacts { cluster_enabled: true, used_memory: used, maxmemory: max, keys: 1, ..Default::default() };
            Ok(NodeState::from_cluster_nodes(&text(me), info, true).unwrap())
        };
        let mut probes = BTreeMap::new();
        probes.insert(NodeAddr::new("10.0.0.1", 6379), state(A, (8192 * 1000, 0)));
        probes.insert(NodeAddr::new("10.0.0.2", 6379), state(B, b_memory));
        assemble(probes)
    }

    fn recorded(slots: &[SlotRange]) -> Vec<Recorded> {
        vec![Recorded { source: A.into(), target: B.into(), slots: slots.to_vec() }]
    }

    #[test]
    fn an_open_slot_is_ours_only_when_the_recorded_move_covers_it() {
        let t = half_moved((0, 0));
        assert!(refuse_foreign_open_slots(&t, &[]).unwrap_err().message.contains("slot 8000 is open"));
        let left = remaining(&recorded(&[SlotRange::new(7990, 8191)]), &t).unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].slot_count(), 202);
        assert!(refuse_foreign_open_slots(&t, &left).is_ok());
    }

    #[test]
    fn slots_the_target_owns_already_are_done_unless_still_open() {
        let t = half_moved((0, 0));
        // B owns 8192-16383 already; slot 8000 is open, so it is left to finish.
        let left = remaining(&recorded(&[SlotRange::new(8000, 8000), SlotRange::new(8192, 8300)]), &t).unwrap();
        assert_eq!(left[0].slots, vec![SlotRange::new(8000, 8000)]);
    }

    #[test]
    fn legacy_moves_refuse_sources_with_keys_outside_db0() {
        let mut t = half_moved((0, 0));
        let moves = remaining(&recorded(&[SlotRange::new(0, 10)]), &t).unwrap();
        assert!(refuse_keys_outside_db0(&t, &moves).is_ok());
        t.members.iter_mut().find(|m| m.id == A).unwrap().state.as_mut().unwrap().info.keys_outside_db0 = 3;
        assert!(refuse_keys_outside_db0(&t, &moves).unwrap_err().message.contains("3 key(s) in databases other than 0"));
    }

    #[test]
    fn refuses_a_move_that_would_fill_the_target_past_maxmemory() {
        let moves = remaining(&recorded(&[SlotRange::new(0, 8191)]), &half_moved((0, 0))).unwrap();
        // A holds ~8 MB over 8192 slots; moving all of them to a target with 4 MB maxmemory is refused.
        let err = refuse_overfilling(&half_moved((1_000_000, 4_000_000)), &moves).unwrap_err();
        assert!(err.message.contains("maxmemory"), "{}", err.message);
        assert!(refuse_overfilling(&half_moved((1_000_000, 0)), &moves).is_ok(), "no maxmemory, no limit");
    }
}
