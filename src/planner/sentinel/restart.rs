//! A role-aware rolling restart of a Sentinel group: its replicas first, one at a time; then its
//! master, after the planned switchover (`failover`) has handed the group to a replica, so that
//! writes pause only for the switchover. Each restarted member is waited for until it is a linked
//! replica within `max_lag` again. A master without a replica that can take over is refused unless
//! `allow_unavailable`, when it restarts as master and the group takes no writes meanwhile.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use super::{GroupFacts, Named};
use crate::error::{Error, Result};
use crate::planner::PlanStep;
use crate::redis::addr::NodeAddr;

/// One step of a group's rolling restart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum RestartStep {
    /// The planned switchover away from `old`, planned when it is reached (the replicas have
    /// restarted by then, and their offsets moved on).
    Switchover { old: Named },
    /// Restart `member`, then wait until it serves again: a linked replica within the lag limit
    /// (`as_replica`), else the group's master.
    Restart { member: Named, as_replica: bool },
}

impl fmt::Display for RestartStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestartStep::Switchover { old } => write!(f, "switch over: a replica takes over from {old} (writes pause briefly)"),
            RestartStep::Restart { member, as_replica: true } => {
                write!(f, "restart {member} and wait until it is a synced replica again")
            }
            RestartStep::Restart { member, as_replica: false } => {
                write!(f, "restart {member} as master (the group takes no writes meanwhile) and wait until it serves")
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
    /// Members to restart; empty: all.
    pub members: BTreeSet<NodeAddr>,
    /// Members that already run the image being rolled out (left out), and that image.
    pub current: BTreeSet<NodeAddr>,
    pub image: Option<String>,
    pub allow_unavailable: bool,
    pub max_lag: u64,
    /// `kubectl redis check …` with the target's flags, for hints.
    pub check: String,
}

pub fn plan(facts: &GroupFacts, request: &RestartRequest) -> Result<crate::planner::Plan<RestartStep>> {
    let refuse = |message: String| Error::refused(message).hint(format!("`{}` shows what is wrong", request.check));
    if let Some((down, _)) = facts.members.iter().find(|(_, m)| m.is_err()) {
        return Err(Error::refused(format!("{} does not answer: a rolling restart needs every member up", facts.named(down)))
            .hint("a pod comes back by itself; a sandbox member a killed run left stopped starts with `kubectl redis sandbox up --name NAME`; then run restart again"));
    }
    let master = facts.majority_election().map_err(refuse)?.master;
    let todo = |a: &NodeAddr| (request.members.is_empty() || request.members.contains(a)) && !request.current.contains(a);
    let mut steps: Vec<RestartStep> = facts
        .live_members()
        .map(|(a, _)| a)
        .filter(|a| **a != master && todo(a))
        .map(|a| RestartStep::Restart { member: facts.named(a), as_replica: true })
        .collect();
    let mut summary = Vec::new();
    if let Some(image) = &request.image {
        summary.push(format!("members restart into {image} (the pod template's image; a sandbox's server binary)"));
    }
    if todo(&master) {
        if facts.replicas_of(&master).into_iter().any(|r| facts.not_promotable(r, request.max_lag).is_none()) {
            steps.push(RestartStep::Switchover { old: facts.named(&master) });
            steps.push(RestartStep::Restart { member: facts.named(&master), as_replica: true });
        } else if request.allow_unavailable {
            summary.push(format!("warning: {} restarts as master; the group takes no writes meanwhile", facts.named(&master)));
            steps.push(RestartStep::Restart { member: facts.named(&master), as_replica: false });
        } else {
            return Err(Error::refused(format!(
                "{} has no linked replica within --max-lag to hand the group to: restarting it stops the writes",
                facts.named(&master)
            ))
            .hint("add a replica first (kubectl redis add-node … --replica-of …), or pass --allow-unavailable"));
        }
    }
    let restarts = steps.iter().filter(|s| matches!(s, RestartStep::Restart { .. })).count();
    if restarts > 0 {
        summary.push(format!("{restarts} member(s) restart one at a time: replicas first, then the master after a switchover"));
    }
    if request.image.is_some() && !request.current.is_empty() {
        summary.push(format!("{} member(s) already run it and are left out", request.current.len()));
    }
    Ok(crate::planner::Plan { action: "restart the group's members, role-aware", summary, placement: None, steps })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{addr, healthy};
    use super::*;

    fn request() -> RestartRequest {
        RestartRequest { max_lag: 1 << 20, check: "kubectl redis check".into(), ..RestartRequest::default() }
    }

    fn kinds(plan: &crate::planner::Plan<RestartStep>) -> Vec<String> {
        plan.steps
            .iter()
            .map(|s| match s {
                RestartStep::Switchover { old } => format!("switchover {}", old.addr),
                RestartStep::Restart { member, as_replica } => format!("restart {} {as_replica}", member.addr),
            })
            .collect()
    }

    #[test]
    fn replicas_restart_first_then_the_master_after_a_switchover() {
        let facts = healthy(3, 3);
        let plan = plan(&facts, &request()).unwrap();
        let (m, r1, r2) = (addr(0), addr(1), addr(2));
        assert_eq!(
            kinds(&plan),
            [format!("restart {r1} true"), format!("restart {r2} true"), format!("switchover {m}"), format!("restart {m} true")]
        );
    }

    #[test]
    fn members_on_the_image_already_and_unchosen_members_are_left_out() {
        let facts = healthy(3, 3);
        let only = RestartRequest { current: [addr(1)].into(), image: Some("valkey:9".into()), ..request() };
        assert_eq!(kinds(&plan(&facts, &only).unwrap()).len(), 3, "r2, switchover, master");
        let chosen = RestartRequest { members: [addr(2)].into(), ..request() };
        assert_eq!(kinds(&plan(&facts, &chosen).unwrap()), [format!("restart {} true", addr(2))]);
    }

    #[test]
    fn a_master_without_a_replica_to_take_over_is_refused_unless_allowed() {
        let facts = healthy(1, 3);
        let refused = plan(&facts, &request()).unwrap_err();
        assert!(refused.message.contains("no linked replica"), "{}", refused.message);
        let allowed = plan(&facts, &RestartRequest { allow_unavailable: true, ..request() }).unwrap();
        assert_eq!(kinds(&allowed), [format!("restart {} false", addr(0))]);
        assert!(allowed.summary.iter().any(|s| s.starts_with("warning:")));
    }

    #[test]
    fn a_member_that_does_not_answer_stops_the_plan() {
        let mut facts = healthy(3, 3);
        facts.members.insert(addr(2), Err("connection refused".into()));
        assert!(plan(&facts, &request()).unwrap_err().message.contains("does not answer"));
    }
}
