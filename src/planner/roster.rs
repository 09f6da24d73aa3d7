//! The platform's members judged against the cluster: cluster nodes that no member runs any more
//! (ghosts, e.g. after a StatefulSet was scaled down by hand) and members that answer but are not
//! in the cluster. The planner knows members only as seats (name, ordinal, address, site).

use std::collections::BTreeSet;

use super::scale::Seat;
use crate::redis::addr::NodeAddr;
use crate::redis::topology::{Member, Stranger, Topology};

/// Every member a platform has, as `check` and `fix` see them.
#[derive(Debug, Clone)]
pub struct Roster {
    pub seats: Vec<Seat>,
    /// The platform lists all its members (a StatefulSet's ordinals, a sandbox), not just what a
    /// label selector matches at the moment: only then can a node without a member be a ghost.
    pub authoritative: bool,
    /// What a member is called in messages: "pod", "sandbox member".
    pub noun: &'static str,
    /// How a command names the target in hints, e.g. `redis-cluster -n redis`.
    pub target: String,
}

impl Roster {
    /// Where some node answered: a member reached there, or a node outside the cluster.
    fn answered(topology: &Topology) -> BTreeSet<&NodeAddr> {
        let members = topology.members.iter().filter_map(|m| m.reached_at.as_ref());
        members.chain(topology.strangers.iter().map(|s| &s.addr)).collect()
    }

    /// Every seat has an address and a node answered there.
    fn complete(&self, topology: &Topology) -> bool {
        let answered = Self::answered(topology);
        self.authoritative && self.seats.iter().all(|s| s.addr.as_ref().is_some_and(|a| answered.contains(a)))
    }

    /// Cluster nodes no member runs: unreachable, and at no member's address or at one where
    /// another node answers now. Empty unless every member answered.
    pub fn ghosts<'a>(&self, topology: &'a Topology) -> Vec<&'a Member> {
        if !self.complete(topology) {
            return Vec::new();
        }
        let seat_addrs: BTreeSet<&NodeAddr> = self.seats.iter().filter_map(|s| s.addr.as_ref()).collect();
        let answered = Self::answered(topology);
        topology
            .members
            .iter()
            .filter(|m| m.state.is_none())
            .filter(|m| m.addr.as_ref().is_none_or(|a| !seat_addrs.contains(a) || answered.contains(a)))
            .collect()
    }

    /// Members that answer as empty nodes outside the cluster: ready to join.
    pub fn outside<'a>(&'a self, topology: &'a Topology) -> Vec<(&'a Seat, &'a Stranger)> {
        self.seats
            .iter()
            .filter_map(|seat| {
                let addr = seat.addr.as_ref()?;
                topology.strangers.iter().find(|s| &s.addr == addr && s.is_spare()).map(|s| (seat, s))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::placement::Site;
    use crate::redis::info::InfoFacts;
    use crate::redis::topology::{NodeState, assemble};
    use std::collections::BTreeMap;

    const A: &str = "aaaa000000000000000000000000000000000000";
    const B: &str = "bbbb000000000000000000000000000000000000";
    const G: &str = "cccc000000000000000000000000000000000000";

    fn addr(i: u8) -> NodeAddr {
        NodeAddr::new(format!("10.0.0.{i}"), 6379)
    }

    /// A and B own the slots; G, a replica of A at 10.0.0.3, does not answer.
    fn cluster(spare_at_3: bool) -> Topology {
        let text = |me: &str| {
            let mine = |id: &str| if id == me { "myself," } else { "" };
            format!(
                "{A} 10.0.0.1:6379@16379 {}master - 0 0 1 connected 0-8191\n{B} 10.0.0.2:6379@16379 {}master - 0 0 2 connected 8192-16383\n{G} 10.0.0.3:6379@16379 slave {A} 0 0 1 disconnected\n",
                mine(A),
                mine(B)
            )
        };
        let state = |me: &str| {
            let info = InfoFacts { cluster_enabled: true, role: "master".into(), ..Default::default() };
            Ok(NodeState::from_cluster_nodes(&text(me), info, true).unwrap())
        };
        let mut probes = BTreeMap::new();
        probes.insert(addr(1), state(A));
        probes.insert(addr(2), state(B));
        let third = if spare_at_3 {
            let text = format!("{} :6379@16379 myself,master - 0 0 0 connected\n", "d".repeat(40));
            let info = InfoFacts { cluster_enabled: true, role: "master".into(), ..Default::default() };
            Ok(NodeState::from_cluster_nodes(&text, info, false).unwrap())
        } else {
            Err("connection refused".to_owned())
        };
        probes.insert(addr(3), third);
        assemble(probes)
    }

    fn roster(members: u8, authoritative: bool) -> Roster {
        let seats = (1..=members)
            .map(|i| Seat {
                name: format!("r-{}", i - 1),
                ordinal: Some(usize::from(i - 1)),
                addr: Some(addr(i)),
                site: Site::new(format!("h{i}"), None),
            })
            .collect();
        Roster { seats, authoritative, noun: "pod", target: "r".into() }
    }

    #[test]
    fn a_node_whose_member_is_gone_is_a_ghost() {
        let topology = cluster(false);
        let ghosts = roster(2, true).ghosts(&topology);
        assert_eq!(ghosts.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), [G]);
    }

    #[test]
    fn a_member_that_does_not_answer_is_down_not_a_ghost() {
        assert!(roster(3, true).ghosts(&cluster(false)).is_empty());
    }

    #[test]
    fn a_selector_never_proves_a_node_is_a_ghost() {
        assert!(roster(2, false).ghosts(&cluster(false)).is_empty());
    }

    #[test]
    fn a_member_whose_node_was_replaced_leaves_a_ghost_and_a_spare() {
        let topology = cluster(true);
        let roster = roster(3, true);
        assert_eq!(roster.ghosts(&topology).len(), 1);
        let outside = roster.outside(&topology);
        assert_eq!(outside.iter().map(|(seat, _)| seat.name.as_str()).collect::<Vec<_>>(), ["r-2"]);
    }
}
