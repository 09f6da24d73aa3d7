//! A role-aware rolling restart of a cluster: the replicas first, one at a time; then each master,
//! after it has handed over to an in-sync replica with the graceful CLUSTER FAILOVER, so that no
//! shard stops taking writes. Every restarted member is waited for until it serves again (a
//! replica: linked and caught up). A master without an in-sync replica is refused unless
//! `allow_unavailable`, when it restarts as master and its shard pauses meanwhile.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use super::{NodeRef, Plan, PlanStep, node_ref};
use crate::error::{Error, Result};
use crate::redis::topology::{Member, Role, Topology};

/// One step of a rolling restart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum RestartStep {
    /// The graceful handover that makes `node` the master of `master`'s shard.
    Handover { node: NodeRef, master: NodeRef },
    /// Restart `node`, then wait until it serves again: as a synced replica when it had one to
    /// follow, else as the master of its slots.
    Restart { node: NodeRef, as_replica: bool },
}

impl fmt::Display for RestartStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestartStep::Handover { node, master } => write!(f, "fail over: {node} takes over from {master}"),
            RestartStep::Restart { node, as_replica: true } => {
                write!(f, "restart {node} and wait until it is a synced replica again")
            }
            RestartStep::Restart { node, as_replica: false } => {
                write!(f, "restart {node} as master (its shard takes no writes meanwhile) and wait until it serves")
            }
        }
    }
}

impl PlanStep for RestartStep {
    fn changes_cluster(&self) -> bool {
        true
    }
}

#[derive(Debug, Clone, Default)]
pub struct RestartRequest {
    /// IDs of the members to restart; empty: all.
    pub members: BTreeSet<String>,
    /// IDs of the members an interrupted run already restarted.
    pub done: BTreeSet<String>,
    /// The image being rolled out, and the IDs of the members that already run it.
    pub image: Option<String>,
    pub current: BTreeSet<String>,
    pub allow_unavailable: bool,
    /// A replica further behind than this is not in sync.
    pub max_lag: u64,
}

pub fn plan(topology: &Topology, request: &RestartRequest) -> Result<Plan<RestartStep>> {
    if let Some(down) = topology.members.iter().find(|m| m.state.is_none()) {
        return Err(Error::refused(format!("{} does not answer: a rolling restart needs every member up", down.label()))
            .hint("`kubectl redis check` shows why; `kubectl redis fix` repairs what it can"));
    }
    let chosen = |m: &Member| request.members.is_empty() || request.members.contains(&m.id);
    let todo = |m: &&Member| chosen(m) && !request.done.contains(&m.id) && !request.current.contains(&m.id);
    let mut steps = Vec::new();
    for replica in topology.members.iter().filter(|m| m.role == Role::Replica).filter(todo) {
        steps.push(RestartStep::Restart { node: reference(replica)?, as_replica: true });
    }
    let mut unavailable = Vec::new();
    for master in topology.masters().filter(todo) {
        match in_sync_replica(topology, master, request.max_lag) {
            Some(replica) => {
                steps.push(RestartStep::Handover { node: reference(replica)?, master: reference(master)? });
                steps.push(RestartStep::Restart { node: reference(master)?, as_replica: true });
            }
            None if request.allow_unavailable => {
                unavailable.push(master.label());
                steps.push(RestartStep::Restart { node: reference(master)?, as_replica: false });
            }
            None => {
                return Err(Error::refused(format!(
                    "{} has no in-sync replica to hand over to: restarting it stops its shard's writes",
                    master.label()
                ))
                .hint("add a replica first (kubectl redis add-node … --replica-of …), or pass --allow-unavailable"));
            }
        }
    }
    let restarts = steps.iter().filter(|s| matches!(s, RestartStep::Restart { .. })).count();
    let mut summary = Vec::new();
    if restarts > 0 {
        summary.push(format!(
            "{restarts} member(s) restart one at a time: replicas first, then each master after a graceful failover"
        ));
    }
    if !request.done.is_empty() {
        summary.push(format!("{} member(s) were restarted by the interrupted run and are left out", request.done.len()));
    }
    if let Some(image) = &request.image {
        summary.insert(0, format!("members restart into {image} (the pod template's image; a sandbox's server binary)"));
        if !request.current.is_empty() {
            summary.push(format!("{} member(s) already run {image} and are left out", request.current.len()));
        }
    }
    summary.extend(unavailable.iter().map(|m| format!("warning: {m} restarts as master; its shard takes no writes meanwhile")));
    let action =
        if request.image.is_some() { "roll out a new image, role-aware" } else { "restart the cluster's members, role-aware" };
    Ok(Plan { action, summary, placement: None, steps })
}

fn reference(member: &Member) -> Result<NodeRef> {
    node_ref(member)
        .ok_or_else(|| Error::refused(format!("{} has no address", member.label())).hint("`kubectl redis fix` repairs its entry"))
}

/// The linked replica of `master` with the least lag, within `max_lag`.
fn in_sync_replica<'t>(topology: &'t Topology, master: &Member, max_lag: u64) -> Option<&'t Member> {
    let offset = master.state.as_ref()?.info.repl_offset;
    topology
        .members
        .iter()
        .filter(|m| m.role == Role::Replica && m.master_id.as_deref() == Some(master.id.as_str()))
        .filter_map(|m| {
            let info = &m.state.as_ref()?.info;
            let lag = offset.saturating_sub(info.repl_offset);
            (info.master_link_up == Some(true) && lag <= max_lag).then_some((m, lag))
        })
        .min_by_key(|(_, lag)| *lag)
        .map(|(m, _)| m)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Node, cluster, id};
    use super::*;

    /// Masters 0 and 1; 2 replicates 0 (its link up when `linked`); 1 has no replica.
    fn shards(linked: bool) -> Topology {
        cluster(&[Node::Master("0-8191"), Node::Master("8192-16383"), Node::Replica { of: 0, linked }], &[])
    }

    fn ids(steps: &[RestartStep]) -> Vec<String> {
        steps
            .iter()
            .map(|s| match s {
                RestartStep::Handover { node, .. } => format!("handover {}", &node.id[..4]),
                RestartStep::Restart { node, as_replica } => format!("restart {} {as_replica}", &node.id[..4]),
            })
            .collect()
    }

    fn of(members: &[usize]) -> BTreeSet<String> {
        members.iter().map(|i| id(*i)).collect()
    }

    #[test]
    fn replicas_go_first_and_a_master_only_after_handing_over() {
        let request = RestartRequest { members: of(&[0, 2]), max_lag: 1 << 20, ..Default::default() };
        let plan = plan(&shards(true), &request).unwrap();
        assert_eq!(ids(&plan.steps), ["restart cccc true", "handover cccc", "restart aaaa true"]);
    }

    #[test]
    fn a_master_without_an_in_sync_replica_is_refused_unless_allowed() {
        let all = RestartRequest { max_lag: 1 << 20, ..Default::default() };
        assert!(plan(&shards(true), &all).unwrap_err().message.contains("bbbb"));
        let unlinked = RestartRequest { members: of(&[0]), ..all.clone() };
        assert!(plan(&shards(false), &unlinked).is_err());
        let allowed = RestartRequest { allow_unavailable: true, ..all };
        let plan = plan(&shards(true), &allowed).unwrap();
        assert_eq!(ids(&plan.steps), ["restart cccc true", "handover cccc", "restart aaaa true", "restart bbbb false"]);
    }

    #[test]
    fn members_an_interrupted_run_restarted_are_left_out() {
        let request = RestartRequest { members: of(&[0, 2]), done: of(&[2]), max_lag: 1 << 20, ..Default::default() };
        assert_eq!(ids(&plan(&shards(true), &request).unwrap().steps), ["handover cccc", "restart aaaa true"]);
    }
}
