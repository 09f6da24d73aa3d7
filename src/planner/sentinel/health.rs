//! What `check` finds in a Sentinel group: quorum, agreement between sentinels, stale entries,
//! split brain, replication, and settings that lose data. Each finding names the command that
//! repairs it. Pure: it reads `GroupFacts`, it asks nothing.

use std::collections::{BTreeMap, BTreeSet};

use super::{GroupFacts, Named};
use crate::planner::health::{Finding, Severity};
use crate::redis::addr::NodeAddr;
use crate::redis::sentinel::Known;

/// What the check is asked to tolerate, and how hints name the target.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Bytes a replica may trail its master before it is a warning.
    pub max_lag: u64,
    /// `kubectl redis fix …` with the target's flags, for hints.
    pub fix: String,
}

/// Every finding, problems first.
pub fn assess(facts: &GroupFacts, limits: &Limits) -> Vec<Finding> {
    let mut out = Vec::new();
    reachability(facts, &mut out);
    quorum(facts, &mut out);
    agreement(facts, &limits.fix, &mut out);
    stale_entries(facts, &limits.fix, &mut out);
    sentinel_layout(facts, &mut out);
    masters(facts, &limits.fix, &mut out);
    replication(facts, limits, &mut out);
    data_safety(facts, &mut out);
    steered(facts, &limits.fix, &mut out);
    out.sort_by_key(|f| f.severity);
    out
}

fn push(out: &mut Vec<Finding>, severity: Severity, code: &'static str, node: Option<&Named>, message: String, hint: String) {
    out.push(Finding { severity, code, node: node.map(ToString::to_string), message, hint });
}

fn reachability(facts: &GroupFacts, out: &mut Vec<Finding>) {
    for (addr, answer) in &facts.members {
        if let Err(e) = answer {
            let code = if e.contains("authentication failed") { "member-rejects-password" } else { "member-unreachable" };
            let hint = if code == "member-rejects-password" {
                "give the group's password (REDISCLI_AUTH, --password-file or the Secret); every member needs the same requirepass and masterauth"
            } else {
                "start the member again, or remove it from the target"
            };
            push(
                out,
                Severity::Problem,
                code,
                Some(&facts.named(addr)),
                format!("{} does not answer: {e}", facts.named(addr)),
                hint.into(),
            );
        }
    }
    for (addr, answer) in &facts.sentinels {
        match answer {
            Err(e) => push(
                out,
                Severity::Problem,
                "sentinel-unreachable",
                Some(&facts.named(addr)),
                format!("sentinel {} does not answer: {e}", facts.named(addr)),
                "start it again; until then it cannot vote in a failover".into(),
            ),
            Ok(state) if state.watch.is_none() => push(
                out,
                Severity::Problem,
                "sentinel-not-monitoring",
                Some(&facts.named(addr)),
                match state.names.as_slice() {
                    [] => format!("sentinel {} monitors nothing", facts.named(addr)),
                    names => format!(
                        "sentinel {} does not monitor {} (it monitors {})",
                        facts.named(addr),
                        facts.name,
                        names.join(", ")
                    ),
                },
                format!("`kubectl redis fix` makes it monitor {}", facts.name),
            ),
            Ok(_) => {}
        }
        if let Ok(state) = answer
            && state.tilt
        {
            push(
                out,
                Severity::Warning,
                "sentinel-tilt",
                Some(&facts.named(addr)),
                format!("sentinel {} is in TILT mode: it acts on nothing until its clock settles", facts.named(addr)),
                "wait 30 s; a sentinel that keeps entering TILT is starved of CPU or its clock jumps".into(),
            );
        }
    }
}

fn quorum(facts: &GroupFacts, out: &mut Vec<Finding>) {
    let watches: Vec<_> = facts.watches().collect();
    if watches.is_empty() {
        push(
            out,
            Severity::Problem,
            "quorum-unreachable",
            None,
            format!("no answering sentinel monitors {}: nobody can fail the master over", facts.name),
            "start the sentinels, or form the group with `kubectl redis create --sentinel`".into(),
        );
        return;
    }
    let usable = facts.live_sentinels().count();
    let voters = facts.voters();
    let majority = voters / 2 + 1;
    let quorum = watches.iter().map(|(_, _, w)| w.settings.quorum).max().unwrap_or(0) as usize;
    let refusals: Vec<String> =
        watches.iter().filter_map(|(a, _, w)| w.ckquorum.as_ref().err().map(|e| format!("{}: {e}", facts.named(a)))).collect();
    if !refusals.is_empty() || usable < quorum || usable < majority {
        let mut why = format!(
            "{usable} sentinel(s) answer; a failover needs {quorum} (quorum) and {majority} (majority of {voters} known)"
        );
        if !refusals.is_empty() {
            why.push_str(&format!("; CKQUORUM refused on {}", refusals.join("; ")));
        }
        let hint = if voters > facts.sentinels.len() {
            "the sentinels remember more sentinels than run: `kubectl redis fix` clears the stale entries"
        } else {
            "start the missing sentinels"
        };
        push(out, Severity::Problem, "quorum-unreachable", None, why, hint.into());
    }
    if quorum > facts.sentinels.len() {
        push(
            out,
            Severity::Problem,
            "quorum-above-sentinels",
            None,
            format!("the quorum is {quorum} but only {} sentinel(s) run", facts.sentinels.len()),
            "lower the quorum in the sentinels' configuration (SENTINEL SET <name> quorum) or add sentinels".into(),
        );
    }
}

fn agreement(facts: &GroupFacts, fix: &str, out: &mut Vec<Finding>) {
    let Some(election) = facts.election() else { return };
    for (addr, _, watch) in facts.watches() {
        if watch.master != election.master || watch.config_epoch != election.epoch {
            push(
                out,
                Severity::Problem,
                "sentinels-disagree",
                Some(&facts.named(addr)),
                format!(
                    "sentinel {} names {} (epoch {}) as master; {} of {} name {} (epoch {})",
                    facts.named(addr),
                    facts.named(&watch.master),
                    watch.config_epoch,
                    election.agreeing,
                    election.sentinels,
                    facts.named(&election.master),
                    election.epoch
                ),
                format!("`{fix}` makes it monitor the master the majority names"),
            );
        }
    }
    let settings: BTreeMap<String, Vec<String>> = facts.watches().fold(BTreeMap::new(), |mut acc, (addr, _, w)| {
        let s = &w.settings;
        let key = format!(
            "quorum {}, down-after-milliseconds {}, failover-timeout {}, parallel-syncs {}",
            s.quorum, s.down_after_ms, s.failover_timeout_ms, s.parallel_syncs
        );
        acc.entry(key).or_default().push(facts.named(addr).to_string());
        acc
    });
    if settings.len() > 1 {
        let detail: Vec<String> = settings.iter().map(|(k, who)| format!("{} has {k}", who.join(", "))).collect();
        push(
            out,
            Severity::Warning,
            "sentinel-settings-differ",
            None,
            format!("the sentinels' settings differ: {}", detail.join("; ")),
            format!("`{fix}` sets the majority's settings on the others; change them in the chart's values too"),
        );
    }
    let live: Vec<(&NodeAddr, &str)> = facts.live_sentinels().map(|(a, s)| (a, s.myid.as_str())).collect();
    for (addr, _, watch) in facts.watches() {
        let unknown: Vec<String> = live
            .iter()
            .filter(|(other, id)| *other != addr && !watch.sentinels.iter().any(|k| &k.addr == *other && k.run_id == *id))
            .map(|(other, _)| facts.named(other).to_string())
            .collect();
        if !unknown.is_empty() {
            push(
                out,
                Severity::Warning,
                "sentinels-unaware",
                Some(&facts.named(addr)),
                format!("sentinel {} does not know {}", facts.named(addr), unknown.join(", ")),
                "sentinels find each other through the master's hello channel within seconds; if it lasts, check that they monitor the same master".into(),
            );
        }
    }
}

/// Entries a sentinel keeps for sentinels and replicas that no longer run (Redis never forgets them).
fn stale_entries(facts: &GroupFacts, fix: &str, out: &mut Vec<Finding>) {
    for (addr, _, watch) in facts.watches() {
        let stale_sentinels: Vec<&Known> =
            watch.sentinels.iter().filter(|k| !facts.is_live_sentinel(&k.addr, &k.run_id)).collect();
        if !stale_sentinels.is_empty() {
            push(
                out,
                Severity::Warning,
                "stale-sentinel-entry",
                Some(&facts.named(addr)),
                format!(
                    "sentinel {} remembers {} sentinel(s) that do not run ({}); they count as voters and raise the majority a failover needs",
                    facts.named(addr),
                    stale_sentinels.len(),
                    describe(&stale_sentinels)
                ),
                format!("`{fix}` resets the sentinels one at a time"),
            );
        }
        let stale_replicas: Vec<&Known> =
            watch.replicas.iter().filter(|k| !facts.is_live_member(&k.addr) && !facts.members.contains_key(&k.addr)).collect();
        if !stale_replicas.is_empty() {
            push(
                out,
                Severity::Warning,
                "stale-replica-entry",
                Some(&facts.named(addr)),
                format!("sentinel {} remembers replica(s) that are no member: {}", facts.named(addr), describe(&stale_replicas)),
                format!("`{fix}` resets the sentinels one at a time"),
            );
        }
    }
}

fn describe(known: &[&Known]) -> String {
    known
        .iter()
        .map(|k| if k.run_id.is_empty() { k.addr.to_string() } else { format!("{} {:.8}", k.addr, k.run_id) })
        .collect::<Vec<_>>()
        .join(", ")
}

fn sentinel_layout(facts: &GroupFacts, out: &mut Vec<Finding>) {
    let count = facts.sentinels.len();
    if count < 3 {
        push(
            out,
            Severity::Warning,
            "too-few-sentinels",
            None,
            format!("{count} sentinel(s): with fewer than 3, losing one can leave no majority to fail over"),
            "run at least 3 sentinels, on different Kubernetes nodes".into(),
        );
    }
    let mut by_host: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for addr in facts.sentinels.keys() {
        by_host.entry(facts.site(addr).host).or_default().push(facts.named(addr).to_string());
    }
    for (host, sentinels) in by_host.iter().filter(|(_, s)| s.len() > 1) {
        push(
            out,
            Severity::Warning,
            "sentinels-share-a-host",
            None,
            format!("sentinels {} run on one node ({host}): losing it loses them all", sentinels.join(", ")),
            "spread the sentinels with pod anti-affinity".into(),
        );
    }
}

fn masters(facts: &GroupFacts, fix: &str, out: &mut Vec<Finding>) {
    let masters = facts.masters();
    if masters.len() > 1 {
        let list: Vec<String> = masters
            .iter()
            .map(|a| {
                format!(
                    "{} ({} key(s), offset {})",
                    facts.named(a),
                    facts.member(a).map_or(0, |m| m.info.keys),
                    facts.member(a).map_or(0, |m| m.info.repl_offset)
                )
            })
            .collect();
        push(
            out,
            Severity::Problem,
            "several-masters",
            None,
            format!("{} members answer as master: {}; writes to all but one will be lost", masters.len(), list.join(", ")),
            format!("`{fix}` re-points the others; one that holds data is demoted only with --discard-writes-on MEMBER"),
        );
    }
    let Some(election) = facts.election() else { return };
    if let Some(elected) = facts.member(&election.master)
        && elected.info.role != "master"
    {
        push(
            out,
            Severity::Problem,
            "elected-master-is-replica",
            Some(&facts.named(&election.master)),
            format!("the sentinels name {} as master but it answers as a replica", facts.named(&election.master)),
            format!("`{fix}`"),
        );
    }
    for (addr, _, watch) in facts.watches() {
        if watch.master_down() && facts.member(&watch.master).is_some_and(|m| m.info.role == "master") {
            push(
                out,
                Severity::Problem,
                "sentinel-sees-master-down",
                Some(&facts.named(addr)),
                format!(
                    "sentinel {} sees master {} down ({}) although it answers here: most often a wrong auth-pass",
                    facts.named(addr),
                    facts.named(&watch.master),
                    watch.master_flags.join(",")
                ),
                format!("`{fix}` sets the group's password as the sentinel's auth-pass"),
            );
        }
    }
    let known: BTreeSet<&NodeAddr> =
        facts.watches().flat_map(|(_, _, w)| std::iter::once(&w.master).chain(w.replicas.iter().map(|k| &k.addr))).collect();
    for (addr, _) in facts.live_members().filter(|(a, _)| !known.contains(a)) {
        push(
            out,
            Severity::Problem,
            "member-unknown-to-sentinels",
            Some(&facts.named(addr)),
            format!("no sentinel knows {}: it will never be promoted, nor re-pointed after a failover", facts.named(addr)),
            format!("`{fix}` makes it a replica of the master"),
        );
    }
}

fn replication(facts: &GroupFacts, limits: &Limits, out: &mut Vec<Finding>) {
    let Some(election) = facts.election() else { return };
    let fix = &limits.fix;
    let mut promotable = 0;
    for (addr, member) in facts.live_members().filter(|(a, m)| **a != election.master && m.info.role == "slave") {
        let named = facts.named(addr);
        if member.master.as_ref() != Some(&election.master) {
            let follows = member.master.as_ref().map_or("nothing".to_owned(), |m| facts.named(m).to_string());
            push(
                out,
                Severity::Problem,
                "replica-wrong-master",
                Some(&named),
                format!("{named} replicates from {follows}, not from the master {}", facts.named(&election.master)),
                format!("`{fix}` re-points it"),
            );
            continue;
        }
        match (member.info.master_link_up, member.info.syncing) {
            (Some(false), true) => push(
                out,
                Severity::Warning,
                "replica-syncing",
                Some(&named),
                format!("{named} is syncing with its master"),
                "wait for the sync to finish".into(),
            ),
            (Some(false), false) => push(
                out,
                Severity::Problem,
                "replica-link-down",
                Some(&named),
                format!("{named} cannot reach its master {}", facts.named(&election.master)),
                "check the network and masterauth on the replica".into(),
            ),
            _ => {
                if member.priority > 0 {
                    promotable += 1;
                }
                if let Some(lag) = facts.lag(addr).filter(|l| *l > limits.max_lag) {
                    push(
                        out,
                        Severity::Warning,
                        "replica-lag",
                        Some(&named),
                        format!("{named} is {lag} byte(s) behind its master (more than --max-lag {})", limits.max_lag),
                        "a failover now would lose those writes; wait, or look for a slow replica".into(),
                    );
                }
            }
        }
    }
    if promotable == 0 && facts.member(&election.master).is_some() {
        push(
            out,
            Severity::Problem,
            "no-promotable-replica",
            None,
            "no replica is linked to the master with a replica-priority above 0: a failover has nobody to promote".into(),
            "add a replica, or raise replica-priority on one".into(),
        );
    }
}

/// A switchover steers Sentinel's choice with replica-priority and restores it; a run killed in
/// between leaves the steered value (and a journal saying what to restore).
fn steered(facts: &GroupFacts, fix: &str, out: &mut Vec<Finding>) {
    for (addr, restore) in &facts.steered {
        let named = facts.named(addr);
        let now = facts.member(addr).map_or_else(|| "?".to_owned(), |m| m.priority.to_string());
        push(
            out,
            Severity::Warning,
            "priority-steered",
            Some(&named),
            format!(
                "{named} has replica-priority {now}, steered by a switchover that did not finish (or runs now); it was {restore}"
            ),
            format!("`{fix}` (or any changing command) restores it"),
        );
    }
}

fn data_safety(facts: &GroupFacts, out: &mut Vec<Finding>) {
    let Some(election) = facts.election() else { return };
    let Some(master) = facts.member(&election.master).filter(|m| m.info.role == "master") else { return };
    let named = facts.named(&election.master);
    if master.min_replicas_to_write == 0 {
        push(
            out,
            Severity::Warning,
            "min-replicas-to-write-0",
            Some(&named),
            format!(
                "{named} has min-replicas-to-write 0: cut off from its replicas it keeps taking writes that a failover loses"
            ),
            "set min-replicas-to-write 1 (and min-replicas-max-lag 10) in the redis configuration".into(),
        );
    }
    if !master.persistence {
        push(
            out,
            Severity::Warning,
            "master-without-persistence",
            Some(&named),
            format!(
                "{named} neither snapshots nor logs: restarted before a failover it comes back empty and its replicas copy that"
            ),
            "enable save or appendonly, or make sure a restarted master cannot come back as master".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn codes(facts: &GroupFacts) -> Vec<&'static str> {
        assess(facts, &Limits { max_lag: 1 << 20, fix: "kubectl redis fix".into() }).iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_healthy_group_has_no_findings() {
        assert_eq!(codes(&healthy(3, 3)), Vec::<&str>::new());
    }

    #[test]
    fn a_priority_a_killed_switchover_left_steered_is_a_warning_naming_the_value_to_restore() {
        let mut facts = healthy(3, 3);
        facts.steered = vec![(addr(2), 100)];
        if let Ok(m) = facts.members.get_mut(&addr(2)).unwrap() {
            m.priority = 1;
        }
        let findings = assess(&facts, &Limits { max_lag: 1 << 20, fix: "kubectl redis fix".into() });
        let found = findings.iter().find(|f| f.code == "priority-steered").expect("a finding");
        assert_eq!(found.severity, Severity::Warning);
        assert!(found.message.contains("replica-priority 1") && found.message.contains("it was 100"), "{}", found.message);
    }

    #[test]
    fn a_sentinel_that_came_back_under_a_new_address_leaves_a_stale_entry_that_raises_the_majority() {
        let mut facts = healthy(3, 3);
        for i in 0..3 {
            watch_mut(&mut facts, i).sentinels.push(known(NodeAddr::new("127.0.9.9", 26379), "old"));
            watch_mut(&mut facts, i).sentinels.push(known(NodeAddr::new("127.0.9.8", 26379), "older"));
        }
        let found = codes(&facts);
        assert!(found.contains(&"stale-sentinel-entry"), "{found:?}");
        // 5 voters: majority 3 of 3 usable still holds; a fourth stale entry would break it.
        assert!(!found.contains(&"quorum-unreachable"), "{found:?}");
        watch_mut(&mut facts, 0).sentinels.push(known(NodeAddr::new("127.0.9.7", 26379), "oldest"));
        watch_mut(&mut facts, 0).sentinels.push(known(NodeAddr::new("127.0.9.6", 26379), "oldest2"));
        assert!(codes(&facts).contains(&"quorum-unreachable"));
    }

    #[test]
    fn two_masters_and_a_disagreeing_sentinel_are_problems() {
        let mut facts = healthy(3, 3);
        *facts.members.get_mut(&addr(2)).unwrap() = Ok(member(None, 5));
        watch_mut(&mut facts, 2).master = addr(2);
        let found = codes(&facts);
        assert!(found.contains(&"several-masters") && found.contains(&"sentinels-disagree"), "{found:?}");
    }

    #[test]
    fn a_sentinel_that_sees_an_answering_master_down_points_at_auth_pass() {
        let mut facts = healthy(3, 3);
        watch_mut(&mut facts, 1).master_flags = vec!["master".into(), "s_down".into()];
        assert!(codes(&facts).contains(&"sentinel-sees-master-down"));
    }

    #[test]
    fn drifted_settings_and_two_sentinels_are_warnings() {
        let mut facts = healthy(3, 2);
        watch_mut(&mut facts, 1).settings.down_after_ms = 10000;
        let found = codes(&facts);
        assert!(found.contains(&"sentinel-settings-differ") && found.contains(&"too-few-sentinels"), "{found:?}");
    }

    #[test]
    fn replicas_with_priority_zero_leave_nobody_to_promote() {
        let mut facts = healthy(2, 3);
        facts.members.get_mut(&addr(1)).unwrap().as_mut().unwrap().priority = 0;
        assert!(codes(&facts).contains(&"no-promotable-replica"));
    }
}
