//! `add-node` on a Sentinel group: a member joins as a replica of the master the sentinels name,
//! or a sentinel starts monitoring it with the majority's settings; either way the step ends when
//! every sentinel knows the group with it. A member that holds keys of its own is refused.

use super::repair::majority_settings;
use super::{GroupFacts, Named, Plan, Step};
use crate::error::{Error, Result};
use crate::redis::addr::NodeAddr;

/// What joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Joiner {
    Member(NodeAddr),
    Sentinel(NodeAddr),
}

pub fn plan(facts: &GroupFacts, joiner: &Joiner) -> Result<Plan> {
    let election = facts.election().filter(|e| e.has_majority()).ok_or_else(|| {
        Error::refused("no majority of sentinels names a master to join")
            .hint("`kubectl redis check` shows why; `fix` repairs it")
    })?;
    let master = facts.named(&election.master);
    if facts.member(&election.master).is_none_or(|m| m.info.role != "master") {
        return Err(Error::refused(format!("the master the sentinels name, {master}, does not answer as master"))
            .hint("`kubectl redis check` shows the group"));
    }
    let mut steps = Vec::new();
    let summary = match joiner {
        Joiner::Member(addr) => {
            let Some(member) = facts.member(addr) else {
                return Err(Error::unreachable(format!("{addr} does not answer")).hint("start it, then run add-node again"));
            };
            if member.master.as_ref() != Some(&election.master) {
                if member.info.role == "master" && member.info.keys > 0 {
                    return Err(Error::refused(format!(
                        "{} holds {} key(s): as a replica of {master} it would lose them",
                        facts.named(addr),
                        member.info.keys
                    ))
                    .hint("empty it yourself first, or, if it is a second master, use `fix --discard-writes-on`"));
                }
                steps.push(Step::ReplicaOf { member: facts.named(addr), master: master.clone() });
                steps.push(Step::WaitSynced { master: master.clone(), replicas: vec![facts.named(addr)] });
            }
            format!("{} joins as a replica of {master}", facts.named(addr))
        }
        Joiner::Sentinel(addr) => {
            let Some(sentinel) = facts.sentinels.get(addr).and_then(|s| s.as_ref().ok()) else {
                return Err(
                    Error::unreachable(format!("sentinel {addr} does not answer")).hint("start it, then run add-node again")
                );
            };
            let settings = majority_settings(facts, &election.master);
            if sentinel.watch.as_ref().is_none_or(|w| w.master != election.master) {
                steps.push(Step::Monitor {
                    sentinel: facts.named(addr),
                    master: master.clone(),
                    settings: settings.clone(),
                    remove_first: sentinel.watch.is_some(),
                });
            }
            let after = facts.live_sentinels().count();
            format!(
                "sentinel {} monitors {master}: {after} sentinel(s), majority {}, quorum {}",
                facts.named(addr),
                after / 2 + 1,
                settings.quorum
            )
        }
    };
    let replicas: Vec<Named> =
        facts.live_members().filter(|(a, _)| **a != election.master).map(|(a, _)| facts.named(a)).collect();
    let sentinels: Vec<Named> = facts.live_sentinels().map(|(a, _)| facts.named(a)).collect();
    steps.push(Step::WaitAgreement { master, replicas, sentinels });
    Ok(Plan { action: "add a node to the Sentinel group", summary: vec![summary], placement: None, steps })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::redis::sentinel::SentinelState;

    #[test]
    fn an_empty_member_joins_as_a_replica_and_one_with_keys_is_refused() {
        let mut facts = healthy(3, 3);
        let mut empty = member(None, 0);
        empty.info.keys = 0;
        facts.members.insert(addr(7), Ok(empty));
        let joined = plan(&facts, &Joiner::Member(addr(7))).unwrap();
        assert_eq!(joined.steps[0], Step::ReplicaOf { member: facts.named(&addr(7)), master: facts.named(&addr(0)) });
        facts.members.insert(addr(8), Ok(member(None, 5)));
        assert!(plan_err(&facts, &Joiner::Member(addr(8))).contains("10 key(s)"));
        assert!(plan(&facts, &Joiner::Member(addr(1))).unwrap().is_noop(), "a replica of the master is in already");
    }

    #[test]
    fn a_blank_sentinel_monitors_the_master_with_the_majoritys_settings() {
        let mut facts = healthy(3, 3);
        facts.sentinels.insert(sentinel_addr(9), Ok(SentinelState { myid: "n".into(), tilt: false, names: vec![], watch: None }));
        let joined = plan(&facts, &Joiner::Sentinel(sentinel_addr(9))).unwrap();
        let Step::Monitor { settings, remove_first, .. } = &joined.steps[0] else { panic!("{:?}", joined.steps) };
        assert_eq!((settings.quorum, settings.down_after_ms, *remove_first), (2, 5000, false));
    }

    fn plan_err(facts: &GroupFacts, joiner: &Joiner) -> String {
        plan(facts, joiner).unwrap_err().message
    }
}
