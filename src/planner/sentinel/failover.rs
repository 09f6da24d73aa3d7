//! `failover` of a Sentinel group: a planned switchover that loses no acknowledged write. It is
//! refused unless a majority of sentinels names an answering master, the quorum can be reached,
//! and a linked replica within `--max-lag` can be promoted; `--to` steers Sentinel's choice.

use super::{GroupFacts, Plan, Steer, Step};
use crate::error::{Error, Result};
use crate::redis::addr::NodeAddr;

#[derive(Debug, Clone)]
pub struct FailoverRequest {
    pub to: Option<NodeAddr>,
    pub max_lag: u64,
    /// Longest time writes stay paused on the old master.
    pub pause_ms: u64,
    /// `kubectl redis check …` with the target's flags, for hints.
    pub check: String,
}

pub fn plan(facts: &GroupFacts, request: &FailoverRequest) -> Result<Plan> {
    let refuse = |message: String| Error::refused(message).hint(format!("`{}` shows what is wrong", request.check));
    let election = facts.majority_election().map_err(refuse)?;
    if let Some((addr, _, w)) = facts.watches().find(|(_, _, w)| w.ckquorum.is_err()) {
        return Err(refuse(format!(
            "sentinel {} cannot reach its quorum: {}",
            facts.named(addr),
            w.ckquorum.clone().unwrap_err()
        )));
    }
    let old = facts.named(&election.master);
    if facts.member(&election.master).is_none_or(|m| m.info.role != "master") {
        return Err(refuse(format!("the master the sentinels name, {old}, does not answer as master")));
    }
    let mut eligible = Vec::new();
    let mut reasons = Vec::new();
    for addr in facts.replicas_of(&election.master) {
        match facts.not_promotable(addr, request.max_lag) {
            Some(why) => reasons.push(format!("{}: {why}", facts.named(addr))),
            None => eligible.push((addr, facts.member(addr).expect("a live member").priority)),
        }
    }
    let steer = match &request.to {
        Some(to) => {
            if *to == election.master {
                return Err(Error::usage(format!("{} is the master already", facts.named(to))).hint("name a replica with --to"));
            }
            let Some(&(_, chosen)) = eligible.iter().find(|(a, _)| *a == to) else {
                let why = reasons.iter().find(|r| r.starts_with(&facts.named(to).to_string())).cloned();
                return Err(refuse(why.unwrap_or_else(|| format!("{} is no replica of {old}", facts.named(to)))));
            };
            steering(facts, to, chosen, &eligible)
        }
        None => Vec::new(),
    };
    let candidates: Vec<_> = match &request.to {
        Some(to) => vec![facts.named(to)],
        None => eligible.iter().map(|(a, _)| facts.named(a)).collect(),
    };
    if candidates.is_empty() {
        return Err(refuse(format!(
            "no replica of {old} can be promoted ({})",
            if reasons.is_empty() { "it has none".to_owned() } else { reasons.join("; ") }
        )));
    }
    let replicas = facts.replicas_of(&election.master).into_iter().map(|a| facts.named(a)).collect();
    let (sentinel, _, _) = facts.watches().find(|(_, _, w)| w.master == election.master).expect("the election has voters");
    let mut summary = vec![format!(
        "{} of {} sentinels name {old} (epoch {}); promoting {}",
        election.agreeing,
        election.sentinels,
        election.epoch,
        if request.to.is_some() { candidates[0].to_string() } else { "the replica Sentinel picks".to_owned() }
    )];
    summary.extend(reasons.iter().map(|r| format!("not a candidate: {r}")));
    Ok(Plan {
        action: "fail the group's master over",
        summary,
        placement: None,
        steps: vec![Step::Switchover {
            old,
            candidates,
            replicas,
            steer,
            sentinel: facts.named(sentinel),
            pause_ms: request.pause_ms,
        }],
    })
}

/// Priorities that make `to` Sentinel's first choice: lower wins, 0 never; ties go to the offset
/// (equal once writes are paused) and then the run ID, so `to` must be strictly lowest.
fn steering(facts: &GroupFacts, to: &NodeAddr, chosen: u64, eligible: &[(&NodeAddr, u64)]) -> Vec<Steer> {
    let rivals: Vec<_> = eligible.iter().filter(|(a, p)| *a != to && *p <= chosen).collect();
    if rivals.is_empty() {
        return Vec::new();
    }
    let mut steer = Vec::new();
    if chosen != 1 {
        steer.push(Steer { member: facts.named(to), priority: 1, restore: chosen });
    }
    for (addr, priority) in eligible.iter().filter(|(a, p)| *a != to && *p == 1) {
        steer.push(Steer { member: facts.named(addr), priority: 2, restore: *priority });
    }
    steer
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn request(to: Option<usize>) -> FailoverRequest {
        FailoverRequest { to: to.map(addr), max_lag: 1 << 20, pause_ms: 10_000, check: "kubectl redis check".into() }
    }

    #[test]
    fn without_to_every_linked_replica_is_a_candidate() {
        let plan = plan(&healthy(3, 3), &request(None)).unwrap();
        let Step::Switchover { candidates, steer, .. } = &plan.steps[0] else { panic!() };
        assert_eq!((candidates.len(), steer.len()), (2, 0));
    }

    #[test]
    fn to_steers_priorities_so_that_the_chosen_replica_wins_and_restores_them() {
        let plan = plan(&healthy(3, 3), &request(Some(2))).unwrap();
        let Step::Switchover { candidates, steer, .. } = &plan.steps[0] else { panic!() };
        assert_eq!(candidates[0].addr, addr(2));
        assert_eq!(steer, &vec![Steer { member: candidates[0].clone(), priority: 1, restore: 100 }]);
    }

    #[test]
    fn a_lagging_replica_or_a_split_majority_is_refused() {
        let mut facts = healthy(3, 3);
        facts.members.get_mut(&addr(2)).unwrap().as_mut().unwrap().info.repl_offset = 0;
        assert!(plan(&facts, &FailoverRequest { max_lag: 10, ..request(Some(2)) }).unwrap_err().message.contains("behind"));
        let mut split = healthy(3, 3);
        watch_mut(&mut split, 1).master = addr(1);
        watch_mut(&mut split, 2).master = addr(2);
        assert!(plan(&split, &request(None)).unwrap_err().message.contains("no majority"));
    }
}
