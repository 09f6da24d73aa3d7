//! `create --sentinel`: forms a group from empty standalone members and blank sentinels — the
//! first member is the master, the others replicate from it, every sentinel monitors it with the
//! same settings. Run again on a group it formed, it plans nothing.

use super::{GroupFacts, Named, Plan, Step};
use crate::error::{Error, Result};
use crate::redis::addr::NodeAddr;
use crate::redis::sentinel::{Answers, Settings};

#[derive(Debug, Clone)]
pub struct CreateRequest {
    /// The members in the order given: the first is the master.
    pub order: Vec<NodeAddr>,
    pub quorum: Option<u64>,
    pub settings: Settings,
    /// Allow fewer than 3 sentinels.
    pub force: bool,
}

/// The settings a new group gets unless told otherwise (quorum is the sentinels' majority).
pub const DEFAULT_SETTINGS: Settings =
    Settings { quorum: 0, down_after_ms: 10_000, failover_timeout_ms: 180_000, parallel_syncs: 1 };

pub fn plan(facts: &GroupFacts, request: &CreateRequest) -> Result<Plan> {
    let Some(first) = request.order.first() else {
        return Err(Error::usage("no members given").hint("list the redis members with --nodes; the first becomes the master"));
    };
    if let Some((addr, e)) = first_error(&facts.members) {
        return Err(Error::unreachable(format!("cannot create: member {addr}: {e}")));
    }
    if let Some((addr, e)) = first_error(&facts.sentinels) {
        return Err(Error::unreachable(format!("cannot create: sentinel {addr}: {e}")));
    }
    let sentinels = facts.sentinels.len();
    let quorum = request.quorum.unwrap_or(sentinels as u64 / 2 + 1);
    if quorum == 0 || quorum as usize > sentinels {
        return Err(Error::usage(format!("--quorum {quorum} does not fit {sentinels} sentinel(s)"))
            .hint(format!("the quorum is 1 to {sentinels}; the majority ({}) is the usual choice", sentinels / 2 + 1)));
    }
    if sentinels < 3 && !request.force {
        return Err(Error::refused(format!("{sentinels} sentinel(s): with fewer than 3 a group cannot survive losing one"))
            .hint("give at least 3 sentinels, or pass --force for a test setup"));
    }
    let master = facts.named(first);
    let mut steps = Vec::new();
    let master_state = facts.member(first).expect("every member answered");
    if master_state.info.role != "master" {
        steps.push(Step::Promote { member: master.clone() });
    }
    let mut replicas = Vec::new();
    for addr in &request.order[1..] {
        let state = facts.member(addr).expect("every member answered");
        if state.master.as_ref() == Some(first) {
            replicas.push(facts.named(addr));
            continue;
        }
        if state.info.keys > 0 {
            return Err(Error::refused(format!(
                "{} holds {} key(s): as a replica of {master} it would lose them",
                facts.named(addr),
                state.info.keys
            ))
            .hint("list the member with the data first, or empty this one (FLUSHALL) yourself"));
        }
        steps.push(Step::ReplicaOf { member: facts.named(addr), master: master.clone() });
        replicas.push(facts.named(addr));
    }
    if !replicas.is_empty() {
        steps.push(Step::WaitSynced { master: master.clone(), replicas: replicas.clone() });
    }
    let settings = Settings { quorum, ..request.settings.clone() };
    for (addr, state) in facts.live_sentinels() {
        match &state.watch {
            Some(w) if &w.master == first => continue,
            Some(w) => {
                return Err(Error::refused(format!(
                    "sentinel {} already monitors {} at {}",
                    facts.named(addr),
                    facts.name,
                    facts.named(&w.master)
                ))
                .hint("this group exists already: use `kubectl redis check` and `fix` on it"));
            }
            None => steps.push(Step::Monitor {
                sentinel: facts.named(addr),
                master: master.clone(),
                settings: settings.clone(),
                remove_first: false,
            }),
        }
    }
    let sentinel_names: Vec<Named> = facts.sentinels.keys().map(|a| facts.named(a)).collect();
    steps.push(Step::WaitAgreement { master: master.clone(), replicas: replicas.clone(), sentinels: sentinel_names });
    Ok(Plan {
        action: "create a Sentinel group",
        summary: vec![
            format!("master name {}; master {master}; {} replica(s)", facts.name, replicas.len()),
            format!("{sentinels} sentinel(s), quorum {quorum}, majority {}", sentinels / 2 + 1),
        ],
        placement: None,
        steps,
    })
}

fn first_error<T>(answers: &Answers<T>) -> Option<(&NodeAddr, &String)> {
    answers.iter().find_map(|(a, r)| r.as_ref().err().map(|e| (a, e)))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::redis::sentinel::SentinelState;

    fn blank(n: usize, s: usize) -> GroupFacts {
        let mut facts = healthy(n, s);
        for (_, m) in facts.members.iter_mut() {
            let mut empty = member(None, 0);
            empty.info.keys = 0;
            *m = Ok(empty);
        }
        for (_, st) in facts.sentinels.iter_mut() {
            *st = Ok(SentinelState { myid: "x".into(), tilt: false, names: vec![], watch: None });
        }
        facts
    }

    fn request(n: usize) -> CreateRequest {
        CreateRequest { order: (0..n).map(addr).collect(), quorum: None, settings: DEFAULT_SETTINGS, force: false }
    }

    #[test]
    fn blank_nodes_become_a_master_two_replicas_and_three_sentinels_with_majority_quorum() {
        let plan = plan(&blank(3, 3), &request(3)).unwrap();
        let replicaofs = plan.steps.iter().filter(|s| matches!(s, Step::ReplicaOf { .. })).count();
        let monitors: Vec<u64> = plan
            .steps
            .iter()
            .filter_map(|s| if let Step::Monitor { settings, .. } = s { Some(settings.quorum) } else { None })
            .collect();
        assert_eq!((replicaofs, monitors), (2, vec![2, 2, 2]));
    }

    #[test]
    fn a_formed_group_plans_nothing() {
        assert!(plan(&healthy(3, 3), &request(3)).unwrap().is_noop());
    }

    #[test]
    fn a_replica_to_be_that_holds_keys_or_two_sentinels_are_refused() {
        let mut facts = blank(3, 3);
        facts.members.get_mut(&addr(2)).unwrap().as_mut().unwrap().info.keys = 5;
        assert!(plan(&facts, &request(3)).unwrap_err().message.contains("5 key(s)"));
        assert!(plan(&blank(3, 2), &request(3)).unwrap_err().message.contains("2 sentinel(s)"));
        assert!(plan(&blank(3, 2), &CreateRequest { force: true, ..request(3) }).is_ok());
    }
}
