//! Clusters for the planner's tests, built from what real nodes answer: each node's own CLUSTER
//! NODES view and INFO facts, assembled as a gather assembles them.

use std::collections::BTreeMap;

use crate::redis::addr::NodeAddr;
use crate::redis::info::InfoFacts;
use crate::redis::topology::{NodeState, Topology, assemble};

/// A node of a test cluster.
#[derive(Debug, Clone, Copy)]
pub enum Node {
    /// A master owning these slots (CLUSTER NODES form, e.g. "0-8191").
    Master(&'static str),
    /// A replica of node `of`, its link up or down.
    Replica { of: usize, linked: bool },
}

/// Node i's ID: `aaaa0…` for 0, `bbbb0…` for 1, and so on.
pub fn id(i: usize) -> String {
    let letter = char::from(b'a' + i as u8);
    format!("{}{}", letter.to_string().repeat(4), "0".repeat(36))
}

pub fn addr(i: usize) -> NodeAddr {
    NodeAddr::new(format!("127.0.8.{}", i + 1), 6379)
}

/// Every node shares one view; the nodes in `down` do not answer. Every offset is 100.
pub fn cluster(nodes: &[Node], down: &[usize]) -> Topology {
    let view = |me: usize| -> String {
        nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let flag = if i == me { "myself," } else { "" };
                let (role, slots) = match node {
                    Node::Master(slots) => ("master -".to_owned(), *slots),
                    Node::Replica { of, .. } => (format!("slave {}", id(*of)), ""),
                };
                format!("{} {}@16379 {flag}{role} 0 0 1 connected {slots}\n", id(i), addr(i))
            })
            .collect()
    };
    let mut probes = BTreeMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let linked = match node {
            Node::Master(_) => None,
            Node::Replica { linked, .. } => Some(*linked),
        };
        let info = InfoFacts {
            cluster_enabled: true,
            role: if linked.is_some() { "slave" } else { "master" }.into(),
            master_link_up: linked,
            repl_offset: 100,
            ..Default::default()
        };
        let answer = if down.contains(&i) {
            Err("timed out".to_owned())
        } else {
            Ok(NodeState::from_cluster_nodes(&view(i), info, true).unwrap())
        };
        probes.insert(addr(i), answer);
    }
    assemble(probes)
}
