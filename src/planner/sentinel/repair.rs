//! `fix` of a Sentinel group: one master (the one the majority of sentinels names, or `--master`),
//! every other member its replica, every sentinel monitoring it with the majority's settings and
//! the group's password, and no stale entries. The plan is built from what is there now, so a
//! re-run after an interruption plans only what is left.

use std::collections::BTreeMap;

use super::{GroupFacts, Named, Plan, Step};
use crate::error::{Error, Result};
use crate::redis::addr::NodeAddr;
use crate::redis::sentinel::Settings;

#[derive(Debug, Clone, Default)]
pub struct RepairRequest {
    /// The master to keep when the sentinels have no majority.
    pub master: Option<NodeAddr>,
    /// Masters whose writes may be dropped by making them replicas.
    pub discard_writes_on: Vec<NodeAddr>,
    /// Repair without a reachable majority of sentinels.
    pub force: bool,
}

pub fn plan(facts: &GroupFacts, request: &RepairRequest) -> Result<Plan> {
    let live = facts.live_sentinels().count();
    let total = facts.sentinels.len();
    if live * 2 <= total && !request.force {
        return Err(Error::refused(format!("only {live} of {total} sentinels answer: no majority to repair with"))
            .hint("start the sentinels that are down, or pass --force to repair with those that answer"));
    }
    let master = choose_master(facts, request)?;
    let named_master = facts.named(&master);
    let mut steps = Vec::new();
    let mut summary = vec![format!("master: {named_master}")];
    let mut repointed = Vec::new();
    for (addr, member) in facts.live_members().filter(|(a, _)| **a != master) {
        let follows_master = member.info.role == "slave" && member.master.as_ref() == Some(&master);
        if follows_master {
            continue;
        }
        if member.info.role == "master" && member.info.keys > 0 {
            if !request.discard_writes_on.contains(addr) {
                return Err(Error::refused(format!(
                    "{} answers as a second master and holds {} key(s) (offset {}): making it a replica drops its writes",
                    facts.named(addr),
                    member.info.keys,
                    member.info.repl_offset
                ))
                .hint(format!("save what you need from it, then pass --discard-writes-on {}", facts.named(addr).addr)));
            }
            summary.push(format!(
                "discarding the writes of {} ({} key(s), offset {})",
                facts.named(addr),
                member.info.keys,
                member.info.repl_offset
            ));
        }
        steps.push(Step::ReplicaOf { member: facts.named(addr), master: named_master.clone() });
        repointed.push(facts.named(addr));
    }
    if !repointed.is_empty() {
        steps.push(Step::WaitSynced { master: named_master.clone(), replicas: repointed });
    }
    let settings = majority_settings(facts, &master);
    let mut monitored = Vec::new();
    for (addr, state) in facts.live_sentinels() {
        let sentinel = facts.named(addr);
        match &state.watch {
            Some(w) if w.master == master => {
                if w.settings != settings {
                    steps.push(Step::SetSettings { sentinel: sentinel.clone(), settings: settings.clone() });
                }
                if w.master_down() {
                    steps.push(Step::SetAuthPass { sentinel });
                }
            }
            watch => {
                steps.push(Step::Monitor {
                    sentinel: sentinel.clone(),
                    master: named_master.clone(),
                    settings: settings.clone(),
                    remove_first: watch.is_some(),
                });
                monitored.push(sentinel);
            }
        }
    }
    let replicas: Vec<Named> = facts.live_members().filter(|(a, _)| **a != master).map(|(a, _)| facts.named(a)).collect();
    let sentinels: Vec<Named> = facts.live_sentinels().map(|(a, _)| facts.named(a)).collect();
    for (addr, _, watch) in facts.watches().filter(|(a, _, _)| !monitored.iter().any(|m| &m.addr == *a)) {
        let stale_sentinel = watch.sentinels.iter().any(|k| !facts.is_live_sentinel(&k.addr, &k.run_id));
        let stale_replica = watch.replicas.iter().any(|k| !facts.members.contains_key(&k.addr));
        if stale_sentinel || stale_replica {
            steps.push(Step::Reset { sentinel: facts.named(addr), replicas: replicas.clone(), sentinels: sentinels.clone() });
        }
    }
    if steps.iter().any(|s| !matches!(s, Step::WaitSynced { .. })) {
        steps.push(Step::WaitAgreement { master: named_master, replicas, sentinels });
    }
    Ok(Plan { action: "repair the Sentinel group", summary, placement: None, steps })
}

/// The master to keep: `--master`, else the one a majority of sentinels names if it answers as master.
fn choose_master(facts: &GroupFacts, request: &RepairRequest) -> Result<NodeAddr> {
    let masters = facts.masters();
    if let Some(master) = &request.master {
        return match facts.member(master) {
            Some(_) => Ok(master.clone()),
            None => Err(Error::usage(format!("--master {master} is no answering member")).hint(candidates(facts, &masters))),
        };
    }
    match facts.election() {
        Some(e) if e.has_majority() && masters.contains(&&e.master) => Ok(e.master),
        Some(e) if e.has_majority() => Err(Error::refused(format!(
            "the sentinels name {} as master but it does not answer as master",
            facts.named(&e.master)
        ))
        .hint(candidates(facts, &masters))),
        _ => Err(Error::refused("no majority of sentinels names one master: say which member to keep")
            .hint(candidates(facts, &masters))),
    }
}

fn candidates(facts: &GroupFacts, masters: &[&NodeAddr]) -> String {
    let list: Vec<String> = masters
        .iter()
        .map(|a| {
            let m = facts.member(a).expect("a live member");
            format!("{} ({} key(s), offset {})", facts.named(a).addr, m.info.keys, m.info.repl_offset)
        })
        .collect();
    if list.is_empty() {
        "no member answers as master; pass --master MEMBER to promote one".to_owned()
    } else {
        format!("pass --master with one of: {}", list.join(", "))
    }
}

/// The settings most sentinels watching `master` have (the quorum no higher than the sentinels run).
pub fn majority_settings(facts: &GroupFacts, master: &NodeAddr) -> Settings {
    let mut counts: BTreeMap<(u64, u64, u64, u64), usize> = BTreeMap::new();
    for (_, _, w) in facts.watches().filter(|(_, _, w)| &w.master == master) {
        let s = &w.settings;
        *counts.entry((s.quorum, s.down_after_ms, s.failover_timeout_ms, s.parallel_syncs)).or_default() += 1;
    }
    let total = facts.sentinels.len() as u64;
    let majority = total / 2 + 1;
    match counts.into_iter().max_by_key(|(_, n)| *n) {
        Some(((quorum, down_after_ms, failover_timeout_ms, parallel_syncs), _)) => {
            Settings { quorum: quorum.clamp(1, total.max(1)), down_after_ms, failover_timeout_ms, parallel_syncs }
        }
        None => Settings { quorum: majority, ..super::create::DEFAULT_SETTINGS },
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn a_healthy_group_needs_nothing() {
        assert!(plan(&healthy(3, 3), &RepairRequest::default()).unwrap().is_noop());
    }

    #[test]
    fn a_second_master_with_data_is_demoted_only_when_named() {
        let mut facts = healthy(3, 3);
        *facts.members.get_mut(&addr(2)).unwrap() = Ok(member(None, 5));
        let refused = plan(&facts, &RepairRequest::default()).unwrap_err();
        assert!(refused.message.contains("10 key(s)"), "{}", refused.message);
        let plan = plan(&facts, &RepairRequest { discard_writes_on: vec![addr(2)], ..Default::default() }).unwrap();
        assert!(plan.steps.contains(&Step::ReplicaOf { member: facts.named(&addr(2)), master: facts.named(&addr(0)) }));
    }

    #[test]
    fn without_a_majority_the_master_must_be_named() {
        let mut facts = healthy(3, 3);
        for i in 0..3 {
            *facts.members.get_mut(&addr(i)).unwrap() = Ok(member(None, 0));
            watch_mut(&mut facts, i).master = addr(i);
        }
        assert!(plan(&facts, &RepairRequest::default()).unwrap_err().hint.unwrap().contains("--master"));
        let plan = plan(
            &facts,
            &RepairRequest { master: Some(addr(1)), discard_writes_on: vec![addr(0), addr(2)], ..Default::default() },
        )
        .unwrap();
        let monitors = plan.steps.iter().filter(|s| matches!(s, Step::Monitor { remove_first: true, .. })).count();
        assert_eq!(monitors, 2);
    }

    #[test]
    fn stale_entries_are_reset_one_sentinel_at_a_time_and_drift_is_set_back() {
        let mut facts = healthy(3, 3);
        watch_mut(&mut facts, 0).sentinels.push(known(NodeAddr::new("127.0.9.9", 26379), "gone"));
        watch_mut(&mut facts, 2).settings.down_after_ms = 1;
        let plan = plan(&facts, &RepairRequest::default()).unwrap();
        let resets = plan.steps.iter().filter(|s| matches!(s, Step::Reset { .. })).count();
        let sets = plan.steps.iter().filter(|s| matches!(s, Step::SetSettings { .. })).count();
        assert_eq!((resets, sets), (1, 1));
    }
}
