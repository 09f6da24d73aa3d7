//! Pure planning: topology + platform facts + request → `Plan`. No I/O lives here.
//!
//! A plan is an ordered list of typed steps that the executor applies one by one. Every plan can be
//! printed as text (for the operator to read before confirming) and as JSON (`-o json`).

pub mod create;
pub mod failover;
#[cfg(test)]
pub mod fixtures;
pub mod guard;
pub mod health;
pub mod membership;
pub mod moves;
pub mod placement;
pub mod repair;
pub mod restart;
pub mod roster;
pub mod scale;
pub mod sentinel;

use std::fmt;

use serde::Serialize;

use crate::redis::addr::NodeAddr;
use crate::redis::slots::{SlotRange, format_ranges};
use placement::PlacementReport;

/// A node as a plan names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeRef {
    pub id: String,
    pub addr: NodeAddr,
    /// The platform's name for the node (a sandbox member or pod name), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A node and its cluster bus port, when that is not the client port + 10000.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BusPeer {
    pub node: NodeRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bus_port: Option<u16>,
}

impl NodeRef {
    pub fn new(id: impl Into<String>, addr: NodeAddr) -> NodeRef {
        NodeRef { id: id.into(), addr, name: None }
    }
}

/// A member as plans name it; `None` for a node without an address.
pub fn node_ref(member: &crate::redis::topology::Member) -> Option<NodeRef> {
    member.addr.clone().map(|addr| NodeRef { id: member.id.clone(), addr, name: member.name.clone() })
}

/// A member as a plan names it even without an address (to forget it, an ID is enough).
pub fn node_ref_even_unaddressed(member: &crate::redis::topology::Member) -> NodeRef {
    node_ref(member).unwrap_or_else(|| NodeRef {
        id: member.id.clone(),
        addr: NodeAddr::new("unknown", 0),
        name: member.name.clone(),
    })
}

impl fmt::Display for NodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(name) = &self.name {
            write!(f, "{name} ")?;
        }
        write!(f, "{} ({})", self.addr, &self.id[..self.id.len().min(8)])
    }
}

/// One change to the cluster, or one wait for it to settle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum Step {
    /// CLUSTER ADDSLOTSRANGE on a master.
    AddSlots { node: NodeRef, slots: Vec<SlotRange> },
    /// CLUSTER SET-CONFIG-EPOCH on a fresh node, so that masters never start with equal epochs.
    SetConfigEpoch { node: NodeRef, epoch: u64 },
    /// CLUSTER MEET sent to `node`, naming `peer` by IP.
    Meet { node: NodeRef, peer: NodeRef, peer_bus_port: Option<u16> },
    /// CLUSTER MEET between every pair of the nodes, each pair once, all nodes at once.
    MeetEachOther { nodes: Vec<BusPeer> },
    /// Waits until every listed node knows the others and all agree on slots and roles.
    WaitForAgreement { nodes: Vec<NodeRef> },
    /// Waits until every listed node knows every other (and itself) at the address listed.
    WaitForAddresses { nodes: Vec<NodeRef> },
    /// Waits until every listed node reports `cluster_state:ok` and so serves its slots.
    WaitForClusterOk { nodes: Vec<NodeRef> },
    /// CLUSTER REPLICATE: `node` becomes a replica of `master`.
    Replicate { node: NodeRef, master: NodeRef },
    /// Waits until the replica's link to its master is up (INFO replication).
    WaitForReplicaLink { node: NodeRef },
    /// CLUSTER FORGET sent to `node`.
    Forget { node: NodeRef, forget: NodeRef },
    /// CLUSTER SETSLOT slot STABLE: drops a migrating or importing marker.
    SetSlotStable { node: NodeRef, slot: u16 },
    /// CLUSTER SETSLOT slot NODE owner on a node that is importing the slot: a node importing a
    /// slot ignores gossip about its owner, so it must be told who owns it after a failover.
    SetSlotOwner { node: NodeRef, slot: u16, owner: NodeRef },
    /// CLUSTER BUMPEPOCH, so slots a node just claimed win over stale claims.
    BumpEpoch { node: NodeRef },
    /// Moves slots with their keys; consecutive moves run concurrently where they do not overlap.
    MoveSlots(moves::Move),
    /// CLUSTER FAILOVER on a replica, which then waits until it is the master of its shard.
    Failover { node: NodeRef, master: NodeRef },
    /// CLUSTER FAILOVER FORCE (or TAKEOVER) on a replica whose master no longer answers.
    ForcedFailover { node: NodeRef, master: NodeRef, takeover: bool },
    /// FLUSHALL and CLUSTER RESET HARD on a node that remembers another cluster, so that it can join.
    Wipe { node: NodeRef },
    /// CLUSTER RESET HARD on a node that leaves: it forgets the cluster, so it cannot rejoin by
    /// itself, and takes a new ID, so it can be added again at once (the others ignore a forgotten
    /// ID for 60 seconds). Then SAVE, so that it comes back from its storage empty.
    ResetHard { node: NodeRef },
}

/// A step of a plan: shown to the operator, and either a change or a wait.
pub trait PlanStep: fmt::Display {
    /// Whether the step changes the cluster or group (as opposed to waiting for it).
    fn changes_cluster(&self) -> bool;
}

impl PlanStep for Step {
    fn changes_cluster(&self) -> bool {
        !matches!(
            self,
            Step::WaitForAgreement { .. }
                | Step::WaitForAddresses { .. }
                | Step::WaitForClusterOk { .. }
                | Step::WaitForReplicaLink { .. }
        )
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::AddSlots { node, slots } => {
                let count: usize = slots.iter().map(SlotRange::len).sum();
                write!(f, "assign slots {} ({count}) to {node}", format_ranges(slots))
            }
            Step::SetConfigEpoch { node, epoch } => write!(f, "set config epoch {epoch} on {node}"),
            Step::Meet { node, peer, .. } => write!(f, "introduce {node} to {peer}"),
            Step::MeetEachOther { nodes } => write!(f, "introduce the {} nodes to each other", nodes.len()),
            Step::WaitForAgreement { nodes } => write!(f, "wait until all {} nodes agree on the configuration", nodes.len()),
            Step::WaitForAddresses { nodes } => write!(f, "wait until all {} nodes know each other's addresses", nodes.len()),
            Step::WaitForClusterOk { nodes } => {
                write!(f, "wait until all {} nodes serve the cluster (cluster_state:ok)", nodes.len())
            }
            Step::Replicate { node, master } => write!(f, "make {node} a replica of {master}"),
            Step::WaitForReplicaLink { node } => write!(f, "wait until {node} is replicating"),
            Step::Forget { node, forget } => write!(f, "make {node} forget {forget}"),
            Step::ResetHard { node } => write!(f, "reset {node} so it leaves the cluster"),
            Step::Failover { node, master } => write!(f, "fail over: {node} takes over from its master {master}"),
            Step::ForcedFailover { node, master, takeover } => write!(
                f,
                "fail over without the master ({}): {node} replaces {master}",
                if *takeover { "TAKEOVER" } else { "FORCE" }
            ),
            Step::Wipe { node } => write!(f, "empty and reset {node}, which remembers another cluster"),
            Step::MoveSlots(m) => write!(f, "{m}"),
            Step::SetSlotStable { node, slot } => write!(f, "clear the open state of slot {slot} on {node}"),
            Step::SetSlotOwner { node, slot, owner } => write!(f, "tell {node} that {owner} owns slot {slot}"),
            Step::BumpEpoch { node } => write!(f, "bump the config epoch of {node}"),
        }
    }
}

/// What a command is about to do: steps on a cluster, or (`Plan<sentinel::Step>`) on a Sentinel group.
#[derive(Debug, Clone, Serialize)]
pub struct Plan<S = Step> {
    pub action: &'static str,
    /// One line per fact the operator should read before confirming.
    pub summary: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<PlacementReport>,
    pub steps: Vec<S>,
}

impl<S: PlanStep> Plan<S> {
    /// True when the cluster already is what was asked for.
    pub fn is_noop(&self) -> bool {
        !self.steps.iter().any(PlanStep::changes_cluster)
    }
}

impl<S: PlanStep> fmt::Display for Plan<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Plan: {}", self.action)?;
        for line in &self.summary {
            writeln!(f, "  {line}")?;
        }
        if let Some(placement) = &self.placement {
            writeln!(f, "  placement: {}", placement.status.as_str())?;
            for reason in &placement.reasons {
                writeln!(f, "    - {reason}")?;
            }
        }
        if self.is_noop() {
            return writeln!(f, "Nothing to change.");
        }
        writeln!(f, "Steps:")?;
        for (n, step) in self.steps.iter().enumerate() {
            writeln!(f, "  {:>2}. {step}", n + 1)?;
        }
        Ok(())
    }
}
