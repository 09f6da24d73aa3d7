//! The layout of a new cluster: which nodes become masters, their contiguous balanced slot ranges,
//! and which replica follows which master, keeping replicas off their master's host and zone.
//!
//! Planning compares the layout with what each node already has, so re-running `create` after an
//! interruption only plans the steps still missing.

use std::collections::{BTreeMap, BTreeSet};

use super::placement::{self, Site};
use super::{BusPeer, NodeRef, Plan, Step};
use crate::error::{Error, Result};
use crate::redis::slots::{SLOT_COUNT, SlotRange, SlotSet};

/// A node offered for the new cluster, with what it holds now.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub node: NodeRef,
    pub bus_port: Option<u16>,
    pub site: Site,
    pub slots: SlotSet,
    pub keys: u64,
    /// IDs of the other nodes this node knows.
    pub knows: BTreeSet<String>,
    pub config_epoch: u64,
    pub master_id: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct CreateRequest {
    pub replicas: usize,
    /// Allows fewer than three masters.
    pub force: bool,
    /// Waits until every replica has finished its first sync, not only until the cluster serves.
    pub wait_synced: bool,
}

/// The chosen shape, before it is compared with the nodes' current state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Indexes into the candidates, with each master's slot range.
    pub masters: Vec<(usize, SlotRange)>,
    /// (replica index, master index) pairs.
    pub replicas: Vec<(usize, usize)>,
}

pub fn plan(candidates: &[Candidate], request: CreateRequest) -> Result<Plan> {
    check_membership(candidates)?;
    let layout = layout(candidates, request)?;
    let steps = steps(candidates, &layout, request.wait_synced)?;
    let pairs: Vec<_> = layout
        .replicas
        .iter()
        .map(|&(r, m)| {
            (
                candidates[r].node.to_string(),
                candidates[r].site.clone(),
                candidates[m].node.to_string(),
                candidates[m].site.clone(),
            )
        })
        .collect();
    let sites: Vec<Site> = candidates.iter().map(|c| c.site.clone()).collect();
    let summary = layout
        .masters
        .iter()
        .map(|&(m, range)| {
            let replicas: Vec<String> =
                layout.replicas.iter().filter(|(_, rm)| *rm == m).map(|&(r, _)| candidates[r].node.addr.to_string()).collect();
            let replicas =
                if replicas.is_empty() { "no replicas".to_owned() } else { format!("replicas {}", replicas.join(", ")) };
            format!("master {} slots {range} ({}), {replicas}", candidates[m].node, range.len())
        })
        .collect();
    Ok(Plan { action: "create", summary, placement: Some(placement::report(&pairs, &sites)), steps })
}

/// Nodes must be empty and must not know nodes outside the set.
fn check_membership(candidates: &[Candidate]) -> Result<()> {
    let ids: BTreeSet<&str> = candidates.iter().map(|c| c.node.id.as_str()).collect();
    for c in candidates {
        if c.keys > 0 {
            return Err(Error::refused(format!("{} holds {} key(s); create needs empty nodes", c.node, c.keys))
                .hint("FLUSHALL it if its data is not needed, or leave it out of --nodes"));
        }
        if let Some(stranger) = c.knows.iter().find(|k| !ids.contains(k.as_str())) {
            return Err(Error::refused(format!("{} already belongs to another cluster (it knows node {stranger:.8})", c.node))
                .hint("run CLUSTER RESET on it if it is no longer used, or leave it out of --nodes"));
        }
    }
    Ok(())
}

/// Chooses masters spread across zones and hosts, ranges like redis-cli, and replicas by placement cost.
pub fn layout(candidates: &[Candidate], request: CreateRequest) -> Result<Layout> {
    let n = candidates.len();
    let masters_count = n / (request.replicas + 1);
    if masters_count == 0 || (masters_count < 3 && !request.force) {
        let needed = 3 * (request.replicas + 1);
        return Err(Error::refused(format!(
            "{n} node(s) with --replicas {} give {masters_count} master(s); a cluster needs at least 3 masters",
            request.replicas
        ))
        .hint(format!("give at least {needed} nodes, lower --replicas, or pass --force for a smaller cluster")));
    }
    let order = spread_order(candidates);
    let master_idx: Vec<usize> = order[..masters_count].to_vec();
    let masters = master_idx.iter().zip(slot_ranges(masters_count)).map(|(&m, r)| (m, r)).collect();
    let replica_idx: Vec<usize> = order[masters_count..].to_vec();
    let replicas = assign_replicas(candidates, &master_idx, &replica_idx);
    Ok(Layout { masters, replicas })
}

/// Round-robin over zones, and within each zone over hosts, so that consecutive nodes differ.
fn spread_order(candidates: &[Candidate]) -> Vec<usize> {
    let mut zones: BTreeMap<Option<&str>, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    let mut zone_order: Vec<Option<&str>> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let zone = c.site.zone.as_deref();
        if !zone_order.contains(&zone) {
            zone_order.push(zone);
        }
        zones.entry(zone).or_default().entry(&c.site.host).or_default().push(i);
    }
    let per_zone: Vec<Vec<usize>> = zone_order.iter().map(|z| interleave(zones[z].values().cloned().collect())).collect();
    interleave(per_zone)
}

fn interleave(mut lists: Vec<Vec<usize>>) -> Vec<usize> {
    lists.sort_by_key(|l| l.first().copied());
    let mut out = Vec::new();
    let longest = lists.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..longest {
        out.extend(lists.iter().filter_map(|l| l.get(i)));
    }
    out
}

/// Contiguous ranges of near-equal size, as redis-cli computes them (0-5460, 5461-10922, 10923-16383).
pub fn slot_ranges(masters: usize) -> Vec<SlotRange> {
    let per_master = f64::from(SLOT_COUNT) / masters as f64;
    let mut first = 0u16;
    let mut cursor = 0.0;
    (0..masters)
        .map(|i| {
            let last = if i + 1 == masters { SLOT_COUNT - 1 } else { (cursor + per_master - 1.0).round() as u16 };
            let range = SlotRange::new(first, last);
            first = last + 1;
            cursor += per_master;
            range
        })
        .collect()
}

/// Each master gets replicas in turn; each pick is the cheapest remaining node, then pairwise swaps
/// lower the total cost while they can.
fn assign_replicas(candidates: &[Candidate], masters: &[usize], replicas: &[usize]) -> Vec<(usize, usize)> {
    let mut left: Vec<usize> = replicas.to_vec();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut turn = 0;
    while !left.is_empty() {
        let master = masters[turn % masters.len()];
        turn += 1;
        let siblings: Vec<&Site> = pairs.iter().filter(|(_, m)| *m == master).map(|(r, _)| &candidates[*r].site).collect();
        let cost = |r: &usize| placement::replica_cost(&candidates[*r].site, &candidates[master].site, &siblings);
        let best = left.iter().enumerate().min_by_key(|(_, r)| cost(r)).map(|(i, _)| i).unwrap_or(0);
        pairs.push((left.remove(best), master));
    }
    improve_by_swaps(candidates, &mut pairs);
    pairs
}

fn total_cost(candidates: &[Candidate], pairs: &[(usize, usize)]) -> u32 {
    pairs
        .iter()
        .map(|&(r, m)| {
            let siblings: Vec<&Site> =
                pairs.iter().filter(|&&(r2, m2)| m2 == m && r2 != r).map(|(r2, _)| &candidates[*r2].site).collect();
            placement::replica_cost(&candidates[r].site, &candidates[m].site, &siblings)
        })
        .sum()
}

fn improve_by_swaps(candidates: &[Candidate], pairs: &mut [(usize, usize)]) {
    let mut best = total_cost(candidates, pairs);
    let mut improved = true;
    while improved && best > 0 {
        improved = false;
        for i in 0..pairs.len() {
            for j in i + 1..pairs.len() {
                if pairs[i].1 == pairs[j].1 {
                    continue;
                }
                let (mi, mj) = (pairs[i].1, pairs[j].1);
                pairs[i].1 = mj;
                pairs[j].1 = mi;
                let cost = total_cost(candidates, pairs);
                if cost < best {
                    best = cost;
                    improved = true;
                } else {
                    pairs[i].1 = mi;
                    pairs[j].1 = mj;
                }
            }
        }
    }
}

/// The steps still needed to get from the nodes' current state to the layout.
fn steps(candidates: &[Candidate], layout: &Layout, wait_synced: bool) -> Result<Vec<Step>> {
    let mut steps = Vec::new();
    let node = |i: usize| candidates[i].node.clone();
    for &(m, range) in &layout.masters {
        let c = &candidates[m];
        if c.master_id.is_some() {
            return Err(diverged(c, "is a replica but this layout makes it a master"));
        }
        let wanted = SlotSet::from_ranges(&[range]);
        if c.slots.is_empty() {
            steps.push(Step::AddSlots { node: node(m), slots: vec![range] });
        } else if c.slots != wanted {
            return Err(diverged(c, &format!("owns slots other than the planned {range}")));
        }
    }
    for &(r, _) in &layout.replicas {
        if !candidates[r].slots.is_empty() {
            return Err(diverged(&candidates[r], "owns slots but this layout makes it a replica"));
        }
    }
    let in_order: Vec<usize> = layout.masters.iter().map(|(m, _)| *m).chain(layout.replicas.iter().map(|(r, _)| *r)).collect();
    for (epoch, &i) in in_order.iter().enumerate() {
        if candidates[i].knows.is_empty() && candidates[i].config_epoch == 0 {
            steps.push(Step::SetConfigEpoch { node: node(i), epoch: epoch as u64 + 1 });
        }
    }
    // Replicas meet and follow their masters before the nodes meet each other: every node then
    // learns a replica's role from the replica itself at first contact. A role changed later
    // reaches a node only with the replica's next ping to it, seconds on a large cluster.
    let following: Vec<(usize, usize)> = layout
        .replicas
        .iter()
        .copied()
        .filter(|&(r, m)| candidates[r].master_id.as_deref() != Some(candidates[m].node.id.as_str()))
        .collect();
    for &(r, m) in following.iter().filter(|&&(r, m)| !candidates[r].knows.contains(&candidates[m].node.id)) {
        steps.push(Step::Meet { node: node(r), peer: node(m), peer_bus_port: candidates[m].bus_port });
    }
    for &(r, m) in &following {
        steps.push(Step::Replicate { node: node(r), master: node(m) });
    }
    // Every pair meets directly, at once, instead of everyone meeting one node and learning the
    // rest by gossip.
    let strangers = in_order
        .iter()
        .enumerate()
        .any(|(a, &i)| in_order[a + 1..].iter().any(|&j| !candidates[i].knows.contains(&candidates[j].node.id)));
    if strangers {
        let nodes = in_order.iter().map(|&i| BusPeer { node: node(i), bus_port: candidates[i].bus_port }).collect();
        steps.push(Step::MeetEachOther { nodes });
    }
    let everyone: Vec<NodeRef> = in_order.iter().map(|&i| node(i)).collect();
    steps.push(Step::WaitForAgreement { nodes: everyone.clone() });
    steps.push(Step::WaitForClusterOk { nodes: everyone });
    if wait_synced {
        steps.extend(following.iter().map(|&(r, _)| Step::WaitForReplicaLink { node: node(r) }));
    }
    Ok(steps)
}

fn diverged(c: &Candidate, what: &str) -> Error {
    Error::refused(format!("{} {what}; it was set up by something else", c.node))
        .hint("give the nodes in the same order as the first run, or reset the nodes (CLUSTER RESET HARD) and create again")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redis::addr::NodeAddr;
    use proptest::prelude::*;

    fn candidate(i: usize, host: &str, zone: Option<&str>) -> Candidate {
        Candidate {
            node: NodeRef::new(format!("{i:040x}"), NodeAddr::new(format!("10.0.0.{i}"), 6379)),
            bus_port: Some(16379),
            site: Site::new(host, zone.map(str::to_owned)),
            slots: SlotSet::default(),
            keys: 0,
            knows: BTreeSet::new(),
            config_epoch: 0,
            master_id: None,
        }
    }

    fn request(replicas: usize) -> CreateRequest {
        CreateRequest { replicas, force: false, wait_synced: false }
    }

    #[test]
    fn three_masters_get_redis_cli_ranges() {
        let ranges: Vec<String> = slot_ranges(3).iter().map(ToString::to_string).collect();
        assert_eq!(ranges, ["0-5460", "5461-10922", "10923-16383"]);
    }

    #[test]
    fn replicas_avoid_their_masters_host_and_zone_when_possible() {
        // Pairs of nodes share a host, and each host is its own zone: the natural bad layout is a replica next to its master.
        let nodes: Vec<Candidate> = (0..6).map(|i| candidate(i, &format!("h{}", i / 2), Some(&format!("z{}", i / 2)))).collect();
        let plan = plan(&nodes, request(1)).unwrap();
        assert_eq!(plan.placement.unwrap().status, placement::PlacementStatus::Optimal);
    }

    #[test]
    fn one_host_is_best_effort_with_a_reason() {
        let nodes: Vec<Candidate> = (0..6).map(|i| candidate(i, "127.0.0.1", None)).collect();
        let report = plan(&nodes, request(1)).unwrap().placement.unwrap();
        assert_eq!(report.status, placement::PlacementStatus::BestEffort);
        assert!(report.reasons[0].contains("6 node(s) on 1 host(s)"), "{report:?}");
    }

    #[test]
    fn refuses_fewer_than_three_masters_unless_forced() {
        let nodes: Vec<Candidate> = (0..4).map(|i| candidate(i, "h", None)).collect();
        assert_eq!(plan(&nodes, request(1)).unwrap_err().kind, crate::error::Kind::Refused);
        assert!(plan(&nodes, CreateRequest { replicas: 1, force: true, wait_synced: false }).is_ok());
    }

    #[test]
    fn refuses_nodes_with_keys_or_foreign_peers() {
        let mut nodes: Vec<Candidate> = (0..3).map(|i| candidate(i, "h", None)).collect();
        nodes[1].keys = 5;
        assert!(plan(&nodes, request(0)).unwrap_err().message.contains("5 key(s)"));
        nodes[1].keys = 0;
        nodes[2].knows.insert("ffff".into());
        assert!(plan(&nodes, request(0)).unwrap_err().message.contains("another cluster"));
    }

    #[test]
    fn a_finished_cluster_plans_no_changes() {
        let mut nodes: Vec<Candidate> = (0..6).map(|i| candidate(i, &format!("h{i}"), None)).collect();
        let layout = layout(&nodes, request(1)).unwrap();
        let ids: BTreeSet<String> = nodes.iter().map(|c| c.node.id.clone()).collect();
        for c in &mut nodes {
            c.knows = ids.iter().filter(|id| **id != c.node.id).cloned().collect();
            c.config_epoch = 1;
        }
        for &(m, range) in &layout.masters {
            nodes[m].slots = SlotSet::from_ranges(&[range]);
        }
        for &(r, m) in &layout.replicas {
            nodes[r].master_id = Some(nodes[m].node.id.clone());
        }
        assert!(plan(&nodes, request(1)).unwrap().is_noop());
    }

    proptest! {
        #[test]
        fn layout_covers_every_slot_once_and_uses_every_node(
            sites in proptest::collection::vec((0usize..4, 0usize..3), 3..24),
            replicas in 0usize..3,
        ) {
            let nodes: Vec<Candidate> = sites.iter().enumerate()
                .map(|(i, (h, z))| candidate(i, &format!("h{h}"), Some(&format!("z{z}")))).collect();
            let Ok(layout) = layout(&nodes, CreateRequest { replicas, force: true, wait_synced: false }) else { return Ok(()) };
            let mut covered = 0;
            let mut next = 0u16;
            for (_, range) in &layout.masters {
                prop_assert_eq!(range.start, next);
                next = range.end.wrapping_add(1);
                covered += range.len();
            }
            prop_assert_eq!(covered, 16384);
            let sizes: Vec<usize> = layout.masters.iter().map(|(_, r)| r.len()).collect();
            prop_assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1);
            let mut used: Vec<usize> = layout.masters.iter().map(|(m, _)| *m).chain(layout.replicas.iter().map(|(r, _)| *r)).collect();
            used.sort();
            prop_assert_eq!(used, (0..nodes.len()).collect::<Vec<_>>());
            let per_master = |m: usize| layout.replicas.iter().filter(|(_, rm)| *rm == m).count();
            for (m, _) in &layout.masters {
                prop_assert!(per_master(*m) >= replicas.min((nodes.len() - layout.masters.len()) / layout.masters.len()));
            }
        }

        #[test]
        fn optimal_is_reported_only_when_no_replica_shares_host_or_zone(
            sites in proptest::collection::vec((0usize..4, 0usize..3), 6..16),
        ) {
            let nodes: Vec<Candidate> = sites.iter().enumerate()
                .map(|(i, (h, z))| candidate(i, &format!("h{h}"), Some(&format!("z{z}")))).collect();
            let Ok(layout) = layout(&nodes, request(1)) else { return Ok(()) };
            let clean = layout.replicas.iter().all(|&(r, m)| nodes[r].site.host != nodes[m].site.host && !nodes[r].site.same_zone(&nodes[m].site));
            let report = plan(&nodes, request(1)).unwrap().placement.unwrap();
            prop_assert_eq!(report.status == placement::PlacementStatus::Optimal, clean);
        }
    }
}
