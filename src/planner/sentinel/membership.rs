//! `add-node` and `del-node` on a Sentinel group. Joining: a member becomes a replica of the
//! master the sentinels name, or a sentinel starts monitoring it with the majority's settings.
//! Leaving: a member that has stopped (Sentinel re-attaches a former replica that still runs), or
//! a sentinel, which stops monitoring; then every sentinel that remembers it is reset, one at a
//! time. Either way the plan ends when every
//! sentinel knows the group as it now is. The master never leaves (fail it over first), and a
//! member that holds keys of its own never joins.

use super::repair::majority_settings;
use super::{Election, GroupFacts, Named, Plan, Step};
use crate::error::{Error, Result};
use crate::redis::addr::NodeAddr;

/// The node that joins or leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Joiner {
    Member(NodeAddr),
    Sentinel(NodeAddr),
}

/// The master a majority of sentinels names, answering as master: membership changes need one.
fn settled(facts: &GroupFacts) -> Result<Election> {
    let election = facts.election().filter(|e| e.has_majority()).ok_or_else(|| {
        Error::refused("no majority of sentinels names a master").hint("`kubectl redis check` shows why; `fix` repairs it")
    })?;
    if facts.member(&election.master).is_none_or(|m| m.info.role != "master") {
        return Err(Error::refused(format!(
            "the master the sentinels name, {}, does not answer as master",
            facts.named(&election.master)
        ))
        .hint("`kubectl redis check` shows the group"));
    }
    Ok(election)
}

pub fn plan_join(facts: &GroupFacts, joiner: &Joiner) -> Result<Plan> {
    let election = settled(facts)?;
    let master = facts.named(&election.master);
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
    let (replicas, sentinels) = group_after(facts, &election, Some(joiner), None);
    steps.push(Step::WaitAgreement { master, replicas, sentinels });
    Ok(Plan { action: "add a node to the Sentinel group", summary: vec![summary], placement: None, steps })
}

/// The group the waits after a change expect every sentinel to know: the members that replicate
/// the master and the sentinels that monitor it, with the node that joins and without the one
/// that leaves. Nodes of the platform that are not in the group yet (a new pod's blank redis or
/// sentinel) are not waited for: they join with add-node of their own.
fn group_after(
    facts: &GroupFacts,
    election: &Election,
    joining: Option<&Joiner>,
    leaving: Option<&NodeAddr>,
) -> (Vec<Named>, Vec<Named>) {
    let master = &election.master;
    let mut replicas: Vec<&NodeAddr> =
        facts.live_members().filter(|(a, m)| *a != master && m.master.as_ref() == Some(master)).map(|(a, _)| a).collect();
    let mut sentinels: Vec<&NodeAddr> = facts.watches().filter(|(_, _, w)| w.master == *master).map(|(a, _, _)| a).collect();
    match joining {
        Some(Joiner::Member(addr)) => replicas.push(addr),
        Some(Joiner::Sentinel(addr)) => sentinels.push(addr),
        None => {}
    }
    let keep = |list: Vec<&NodeAddr>| -> Vec<Named> {
        let unique: std::collections::BTreeSet<&NodeAddr> = list.into_iter().filter(|a| Some(*a) != leaving).collect();
        unique.into_iter().map(|a| facts.named(a)).collect()
    };
    (keep(replicas), keep(sentinels))
}

/// The node leaves; `force` allows fewer than 3 sentinels, or fewer than the quorum, after.
pub fn plan_leave(facts: &GroupFacts, leaver: &Joiner, force: bool) -> Result<Plan> {
    let election = settled(facts)?;
    let master = facts.named(&election.master);
    let mut steps = Vec::new();
    let (gone, summary) = match leaver {
        Joiner::Member(addr) => {
            if *addr == election.master {
                return Err(Error::refused(format!("{master} is the master"))
                    .hint("fail it over first (`kubectl redis failover`), then remove it"));
            }
            if facts.member(addr).is_some() {
                // Sentinel re-attaches a former replica it still knows: it must be gone first.
                return Err(Error::refused(format!("{} still runs: Sentinel would make it a replica again", facts.named(addr)))
                    .hint("stop it (or `kubectl redis scale --replicas N`), then run del-node again to clear the sentinels' entries"));
            }
            (addr, format!("{} has stopped: the sentinels forget it", facts.named(addr)))
        }
        Joiner::Sentinel(addr) => {
            let watching: Vec<_> = facts.watches().filter(|(_, _, w)| w.master == election.master).map(|(a, _, _)| a).collect();
            let after = watching.iter().filter(|a| **a != addr).count();
            let quorum = facts.watches().map(|(_, _, w)| w.settings.quorum).max().unwrap_or(0) as usize;
            if (after < 3 || quorum > after) && !force {
                return Err(Error::refused(format!("{after} sentinel(s) would be left for a quorum of {quorum}"))
                    .hint("keep at least 3 sentinels and no fewer than the quorum, or pass --force"));
            }
            if facts.sentinels.get(addr).is_some_and(|s| s.as_ref().is_ok_and(|s| s.watch.is_some())) {
                steps.push(Step::Unmonitor { sentinel: facts.named(addr) });
            }
            (
                addr,
                format!(
                    "sentinel {} leaves: {after} sentinel(s), majority {}, quorum {quorum}",
                    facts.named(addr),
                    after / 2 + 1
                ),
            )
        }
    };
    let (replicas, sentinels) = group_after(facts, &election, None, Some(gone));
    for (addr, _, watch) in facts.watches().filter(|(a, _, _)| *a != gone) {
        if watch.replicas.iter().chain(&watch.sentinels).any(|k| &k.addr == gone) {
            steps.push(Step::Reset { sentinel: facts.named(addr), replicas: replicas.clone(), sentinels: sentinels.clone() });
        }
    }
    steps.push(Step::WaitAgreement { master, replicas, sentinels });
    Ok(Plan { action: "remove a node from the Sentinel group", summary: vec![summary], placement: None, steps })
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
        let joined = plan_join(&facts, &Joiner::Member(addr(7))).unwrap();
        assert_eq!(joined.steps[0], Step::ReplicaOf { member: facts.named(&addr(7)), master: facts.named(&addr(0)) });
        facts.members.insert(addr(8), Ok(member(None, 5)));
        assert!(plan_err(&facts, &Joiner::Member(addr(8))).contains("10 key(s)"));
        assert!(plan_join(&facts, &Joiner::Member(addr(1))).unwrap().is_noop(), "a replica of the master is in already");
    }

    #[test]
    fn a_blank_sentinel_monitors_the_master_with_the_majoritys_settings() {
        let mut facts = healthy(3, 3);
        facts.sentinels.insert(sentinel_addr(9), Ok(SentinelState { myid: "n".into(), tilt: false, names: vec![], watch: None }));
        let joined = plan_join(&facts, &Joiner::Sentinel(sentinel_addr(9))).unwrap();
        let Step::Monitor { settings, remove_first, .. } = &joined.steps[0] else { panic!("{:?}", joined.steps) };
        assert_eq!((settings.quorum, settings.down_after_ms, *remove_first), (2, 5000, false));
    }

    #[test]
    fn a_join_waits_only_for_the_group_not_for_a_new_pods_blank_redis_or_sentinel() {
        let mut facts = healthy(3, 3);
        let blank = SentinelState { myid: "n".into(), tilt: false, names: vec![], watch: None };
        facts.sentinels.insert(sentinel_addr(3), Ok(blank));
        let mut empty = member(None, 0);
        empty.info.keys = 0;
        facts.members.insert(addr(3), Ok(empty));
        let waited = |plan: &Plan| match plan.steps.last() {
            Some(Step::WaitAgreement { replicas, sentinels, .. }) => (replicas.len(), sentinels.len()),
            other => panic!("{other:?}"),
        };
        assert_eq!(waited(&plan_join(&facts, &Joiner::Member(addr(3))).unwrap()), (3, 3));
        assert_eq!(waited(&plan_join(&facts, &Joiner::Sentinel(sentinel_addr(3))).unwrap()), (2, 4));
    }

    #[test]
    fn a_stopped_replica_is_forgotten_by_every_sentinel_in_turn_a_running_one_and_the_master_stay() {
        let mut facts = healthy(3, 3);
        assert!(plan_leave(&facts, &Joiner::Member(addr(2)), false).unwrap_err().message.contains("still runs"));
        assert!(plan_leave(&facts, &Joiner::Member(addr(0)), false).unwrap_err().message.contains("is the master"));
        facts.members.insert(addr(2), Err("connection refused".into()));
        let left = plan_leave(&facts, &Joiner::Member(addr(2)), false).unwrap();
        assert_eq!(left.steps.iter().filter(|s| matches!(s, Step::Reset { .. })).count(), 3);
    }

    #[test]
    fn a_sentinel_leaves_only_when_three_stay_unless_forced() {
        let facts = healthy(3, 4);
        let left = plan_leave(&facts, &Joiner::Sentinel(sentinel_addr(3)), false).unwrap();
        assert_eq!(left.steps[0], Step::Unmonitor { sentinel: facts.named(&sentinel_addr(3)) });
        let three = healthy(3, 3);
        assert!(plan_leave(&three, &Joiner::Sentinel(sentinel_addr(2)), false).is_err());
        assert!(plan_leave(&three, &Joiner::Sentinel(sentinel_addr(2)), true).is_ok());
    }

    fn plan_err(facts: &GroupFacts, joiner: &Joiner) -> String {
        plan_join(facts, joiner).unwrap_err().message
    }
}
