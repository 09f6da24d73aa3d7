//! Joining and removing nodes: which master a new replica follows, where orphaned replicas go, and
//! which nodes must forget a removed one.

use super::placement::{self, Site, SiteMap};
use super::{NodeRef, Plan, Step, node_ref};
use crate::error::{Error, Result};
use crate::redis::topology::{Member, Topology};

/// A node asked to join, as it is now.
#[derive(Debug, Clone)]
pub struct Joiner {
    pub node: NodeRef,
    pub keys: u64,
    pub slots: usize,
    /// Other nodes it knows.
    pub knows: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinAs {
    Master,
    /// A replica of the given master ID, or of the master placement picks.
    Replica(Option<String>),
}

fn reachable_refs(topology: &Topology) -> Vec<NodeRef> {
    topology.reachable().filter_map(node_ref).collect()
}

/// `synced`: a joining replica is waited for until its first sync is done (`--wait synced`).
pub fn plan_add(topology: &Topology, sites: &SiteMap, joiner: &Joiner, join_as: &JoinAs, synced: bool) -> Result<Plan> {
    if let Some(member) = topology.member(&joiner.node.id) {
        return already_member(member, join_as);
    }
    if joiner.keys > 0 || joiner.slots > 0 || joiner.knows > 0 {
        let what = if joiner.knows > 0 {
            format!("knows {} other node(s)", joiner.knows)
        } else {
            format!("holds {} key(s) and {} slot(s)", joiner.keys, joiner.slots)
        };
        return Err(Error::refused(format!("{} is not empty: it {what}", joiner.node))
            .hint("a joining node must be empty and alone; CLUSTER RESET HARD and FLUSHALL it if its data is not needed"));
    }
    let entry = topology
        .masters()
        .filter(|m| m.state.is_some())
        .find_map(node_ref)
        .ok_or_else(|| Error::unreachable("no master of the cluster answered").hint("run `kubectl redis check`"))?;
    let mut everyone = reachable_refs(topology);
    everyone.push(joiner.node.clone());
    let mut steps = vec![
        Step::Meet {
            node: joiner.node.clone(),
            peer: entry.clone(),
            peer_bus_port: topology.member(&entry.id).and_then(|m| m.bus_port),
        },
        Step::WaitForAgreement { nodes: everyone.clone() },
        Step::WaitForClusterOk { nodes: vec![joiner.node.clone()] },
    ];
    let mut summary = vec![];
    let mut placement = None;
    match join_as {
        JoinAs::Master => {
            summary.push(format!("{} joins as an empty master (move slots to it with reshard or rebalance)", joiner.node))
        }
        JoinAs::Replica(wanted) => {
            let master = choose_master(topology, sites, &sites.site(Some(&joiner.node.addr)), wanted.as_deref())?;
            let master_ref =
                node_ref(master).ok_or_else(|| Error::refused(format!("master {} has no address", master.label())))?;
            summary.push(format!("{} joins as a replica of {master_ref}", joiner.node));
            let pair = (
                joiner.node.to_string(),
                sites.site(Some(&joiner.node.addr)),
                master_ref.to_string(),
                sites.site(master.addr.as_ref()),
            );
            placement = Some(placement::report(std::slice::from_ref(&pair), &[pair.1.clone(), pair.3.clone()]));
            steps.push(Step::Replicate { node: joiner.node.clone(), master: master_ref });
            steps.push(Step::WaitForAgreement { nodes: everyone });
            if synced {
                steps.push(Step::WaitForReplicaLink { node: joiner.node.clone() });
            }
        }
    }
    Ok(Plan { action: "add-node", summary, placement, steps })
}

fn already_member(member: &Member, join_as: &JoinAs) -> Result<Plan> {
    let fits = match join_as {
        JoinAs::Master => member.is_master(),
        JoinAs::Replica(None) => !member.is_master(),
        JoinAs::Replica(Some(master)) => member.master_id.as_deref() == Some(master.as_str()),
    };
    if !fits {
        let role = if member.is_master() {
            "a master".to_owned()
        } else {
            format!("a replica of {:.8}", member.master_id.as_deref().unwrap_or("?"))
        };
        return Err(Error::refused(format!("{} is already in this cluster as {role}", member.label()))
            .hint("del-node it first to re-add it in another role"));
    }
    Ok(Plan {
        action: "add-node",
        summary: vec![format!("{} is already in the cluster as asked", member.label())],
        placement: None,
        steps: vec![],
    })
}

/// The master for a new replica: the one asked for, else the best placed, then the one with fewest replicas.
fn choose_master<'a>(topology: &'a Topology, sites: &SiteMap, replica_site: &Site, wanted: Option<&str>) -> Result<&'a Member> {
    if let Some(id) = wanted {
        let master = topology.member(id).ok_or_else(|| Error::usage(format!("no node {id:.8} in this cluster")))?;
        if !master.is_master() {
            return Err(
                Error::usage(format!("{} is a replica, not a master", master.label())).hint("--replica-of takes a master")
            );
        }
        return Ok(master);
    }
    topology
        .masters()
        .filter(|m| m.state.is_some() && !m.slots.is_empty())
        .min_by_key(|m| {
            let siblings: Vec<Site> = topology.replicas_of(&m.id).map(|r| sites.site(r.addr.as_ref())).collect();
            let cost = placement::replica_cost(replica_site, &sites.site(m.addr.as_ref()), &siblings.iter().collect::<Vec<_>>());
            (cost, topology.replicas_of(&m.id).count(), m.id.clone())
        })
        .ok_or_else(|| Error::refused("no reachable master owns slots").hint("run `kubectl redis check`"))
}

pub fn plan_remove(topology: &Topology, sites: &SiteMap, target: &Member, force: bool) -> Result<Plan> {
    if target.is_master() && !target.slots.is_empty() {
        return Err(Error::refused(format!("{} is a master that owns {} slot(s)", target.label(), target.slots.len()))
            .hint("move its slots away first (reshard or rebalance with weight 0), then run del-node again"));
    }
    if target.is_master() && target.keys().unwrap_or(0) > 0 {
        return Err(Error::refused(format!("{} owns no slots but holds {} key(s)", target.label(), target.keys().unwrap_or(0)))
            .hint("its keys would be lost: run `kubectl redis check` to find the open slots they belong to"));
    }
    let others: Vec<&Member> = topology.members.iter().filter(|m| m.id != target.id).collect();
    if let Some(down) = others.iter().find(|m| m.state.is_none())
        && !force
    {
        return Err(Error::refused(format!("{} is unreachable and could not forget the removed node", down.label()))
            .hint("bring it back first, or pass --force to remove anyway (it may re-learn the node from gossip)"));
    }
    let target_ref = super::node_ref_even_unaddressed(target);
    let mut steps = Vec::new();
    let mut summary =
        vec![format!("remove {} ({})", target.label(), if target.is_master() { "empty master" } else { "replica" })];
    let rehomed = rehome_replicas(topology, sites, target)?;
    for (replica, master) in &rehomed {
        summary.push(format!("replica {replica} moves to master {master}"));
        steps.push(Step::Replicate { node: replica.clone(), master: master.clone() });
    }
    for member in others.iter().filter(|m| m.state.is_some()) {
        if let Some(node) = node_ref(member) {
            steps.push(Step::Forget { node, forget: target_ref.clone() });
        }
    }
    if target.state.is_some() {
        steps.push(Step::ResetHard { node: target_ref });
    } else {
        summary.push(format!("{} is unreachable: it is forgotten, not reset", target.label()));
    }
    Ok(Plan { action: "del-node", summary, placement: None, steps })
}

/// Spreads the target's replicas over the other masters that own slots: best placed first, then fewest replicas.
fn rehome_replicas(topology: &Topology, sites: &SiteMap, target: &Member) -> Result<Vec<(NodeRef, NodeRef)>> {
    let orphans: Vec<&Member> = topology.replicas_of(&target.id).filter(|r| r.state.is_some()).collect();
    if orphans.is_empty() {
        return Ok(Vec::new());
    }
    let masters: Vec<&Member> =
        topology.masters().filter(|m| m.id != target.id && m.state.is_some() && !m.slots.is_empty()).collect();
    if masters.is_empty() {
        return Err(Error::refused(format!("{} has replicas and no other master can take them", target.label())));
    }
    let mut assigned: Vec<(String, Site)> = Vec::new();
    let mut out = Vec::new();
    for orphan in orphans {
        let site = sites.site(orphan.addr.as_ref());
        let best = masters
            .iter()
            .min_by_key(|m| {
                let mut siblings: Vec<Site> = topology.replicas_of(&m.id).map(|r| sites.site(r.addr.as_ref())).collect();
                siblings.extend(assigned.iter().filter(|(id, _)| *id == m.id).map(|(_, s)| s.clone()));
                let cost = placement::replica_cost(&site, &sites.site(m.addr.as_ref()), &siblings.iter().collect::<Vec<_>>());
                (cost, siblings.len(), m.id.clone())
            })
            .expect("masters is not empty");
        assigned.push((best.id.clone(), site));
        if let (Some(r), Some(m)) = (node_ref(orphan), node_ref(best)) {
            out.push((r, m));
        }
    }
    Ok(out)
}
