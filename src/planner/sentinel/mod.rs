//! Sentinel-watched groups, the second kind of deployment beside Redis Cluster: one master name,
//! its redis members and its sentinels. This module holds the group as the tool sees it (assembled
//! from what sentinels and members said, pure) and the planning built on it: findings (`health`),
//! the planned switchover (`failover`), repairs (`repair`), forming a group (`create`) and rolling
//! restarts (`restart`).

pub mod create;
pub mod failover;
pub mod health;
pub mod membership;
pub mod repair;
pub mod restart;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::PlanStep;
use super::placement::{Site, SiteMap};
use crate::redis::addr::NodeAddr;
use crate::redis::sentinel::{Answers, MemberState, SentinelState, Settings, Watch};

/// A plan for a group.
pub type Plan = super::Plan<Step>;

/// One change to a group, or one wait for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum Step {
    /// REPLICAOF NO ONE: the member serves as the group's master.
    Promote { member: Named },
    /// REPLICAOF: the member replicates from `master` (dropping writes only it has).
    ReplicaOf { member: Named, master: Named },
    /// Waits until each replica has finished its first sync with the master.
    WaitSynced { master: Named, replicas: Vec<Named> },
    /// SENTINEL REMOVE (when it monitors the name elsewhere), MONITOR, then SET of the settings and
    /// of auth-pass (the group's password, never shown).
    Monitor { sentinel: Named, master: Named, settings: Settings, remove_first: bool },
    /// SENTINEL REMOVE on a sentinel that leaves.
    Unmonitor { sentinel: Named },
    /// SENTINEL SET of the settings on a sentinel whose settings drifted.
    SetSettings { sentinel: Named, settings: Settings },
    /// SENTINEL SET auth-pass: the group's password (never shown).
    SetAuthPass { sentinel: Named },
    /// SENTINEL RESET on one sentinel, then waits until it knows exactly these replicas and sentinels.
    Reset { sentinel: Named, replicas: Vec<Named>, sentinels: Vec<Named> },
    /// Waits until every sentinel names the master and knows every replica and every other sentinel.
    WaitAgreement { master: Named, replicas: Vec<Named>, sentinels: Vec<Named> },
    /// The switchover: steer the election (replica-priority, waited for until every sentinel has
    /// read it, restored afterwards whatever happens), pause writes on the old master (bounded),
    /// wait until the replicas that can be promoted have its offset, SENTINEL FAILOVER, wait until
    /// one of them answers as master, re-point the old master at it at once, lift the pause, wait
    /// until the sentinels agree.
    /// `replicas` are all of the old master's: the step ends when each follows the new master.
    Switchover { old: Named, candidates: Vec<Named>, replicas: Vec<Named>, steer: Vec<Steer>, sentinel: Named, pause_ms: u64 },
}

/// A temporary replica-priority that makes Sentinel promote the replica asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Steer {
    pub member: Named,
    pub priority: u64,
    pub restore: u64,
}

impl PlanStep for Step {
    fn changes_cluster(&self) -> bool {
        !matches!(self, Step::WaitSynced { .. } | Step::WaitAgreement { .. })
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |v: &[Named]| v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        match self {
            Step::Promote { member } => write!(f, "make {member} a master (REPLICAOF NO ONE)"),
            Step::ReplicaOf { member, master } => write!(f, "make {member} a replica of {master}"),
            Step::WaitSynced { master, replicas } => {
                write!(f, "wait until {} replica(s) have synced with {master}", replicas.len())
            }
            Step::Monitor { sentinel, master, settings, remove_first } => write!(
                f,
                "{}make sentinel {sentinel} monitor {master} (quorum {}, down-after {} ms, failover-timeout {} ms, parallel-syncs {}, auth-pass)",
                if *remove_first { "remove the group from and then " } else { "" },
                settings.quorum,
                settings.down_after_ms,
                settings.failover_timeout_ms,
                settings.parallel_syncs
            ),
            Step::SetSettings { sentinel, settings } => write!(
                f,
                "set quorum {}, down-after {} ms, failover-timeout {} ms, parallel-syncs {} on sentinel {sentinel}",
                settings.quorum, settings.down_after_ms, settings.failover_timeout_ms, settings.parallel_syncs
            ),
            Step::SetAuthPass { sentinel } => write!(f, "set the group's password as auth-pass on sentinel {sentinel}"),
            Step::Unmonitor { sentinel } => write!(f, "make sentinel {sentinel} stop monitoring the group"),
            Step::Reset { sentinel, replicas, sentinels } => write!(
                f,
                "reset sentinel {sentinel} and wait until it knows again {} replica(s) and {} other sentinel(s)",
                replicas.len(),
                sentinels.len().saturating_sub(1)
            ),
            Step::WaitAgreement { master, sentinels, .. } => {
                write!(f, "wait until all {} sentinels name {master} and know the group", sentinels.len())
            }
            Step::Switchover { old, candidates, steer, sentinel, pause_ms, .. } => {
                for s in steer {
                    write!(f, "set replica-priority {} on {} (restored to {} after), ", s.priority, s.member, s.restore)?;
                }
                write!(
                    f,
                    "pause writes on {old} (at most {pause_ms} ms), wait until {} caught up with it, fail over through sentinel {sentinel}, re-point {old} at the new master",
                    list(candidates)
                )
            }
        }
    }
}

/// Everything read from a group, with the platform's names and sites for its addresses.
#[derive(Debug, Clone)]
pub struct GroupFacts {
    pub name: String,
    pub members: Answers<MemberState>,
    pub sentinels: Answers<SentinelState>,
    pub names: BTreeMap<NodeAddr, String>,
    pub sites: SiteMap,
    /// Other host names of the platform's nodes (pod DNS names) and the address each stands for:
    /// what the sentinels' replies are read through, here and while a plan is carried out.
    pub aliases: BTreeMap<String, String>,
    /// The other name the group itself used for an address's host, where it used one (a chart
    /// that announces a Service's ClusterIP or a DNS name): what commands that hand an address
    /// to the group (REPLICAOF, SENTINEL MONITOR) say, so that it survives a pod's new IP.
    pub announced: BTreeMap<String, String>,
    /// Replica-priorities a switchover steered and a killed run left in place (its journal):
    /// each member with the priority to restore.
    pub steered: Vec<(NodeAddr, u64)>,
}

/// The master the sentinels name: the address named with the highest config epoch by most of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Election {
    pub master: NodeAddr,
    pub epoch: u64,
    /// Sentinels that name this master at this epoch.
    pub agreeing: usize,
    /// Sentinels the platform lists (answering or not).
    pub sentinels: usize,
}

impl Election {
    /// More than half of all sentinels name it.
    pub fn has_majority(&self) -> bool {
        self.agreeing * 2 > self.sentinels
    }
}

/// A group member or sentinel as plans and findings name it: the platform's name and address.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Named {
    pub addr: NodeAddr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl fmt::Display for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} ({})", self.addr),
            None => write!(f, "{}", self.addr),
        }
    }
}

/// The address a reported one stands for: its host mapped through `aliases` when it is one.
pub fn canonical(aliases: &BTreeMap<String, String>, addr: &NodeAddr) -> NodeAddr {
    match aliases.get(addr.host.trim_end_matches('.')) {
        Some(ip) => NodeAddr::new(ip.clone(), addr.port),
        None => addr.clone(),
    }
}

/// `addr` under the name the group used for its host, if it used another one.
pub fn announced_as(announced: &BTreeMap<String, String>, addr: &NodeAddr) -> NodeAddr {
    match announced.get(&addr.host) {
        Some(name) => NodeAddr::new(name.clone(), addr.port),
        None => addr.clone(),
    }
}

impl GroupFacts {
    /// Every address the sentinels and members reported under another name of the same host
    /// (a pod's DNS name) rewritten to the address the platform reaches it by, so that one
    /// member is one address throughout.
    pub fn with_aliases(mut self, aliases: BTreeMap<String, String>) -> GroupFacts {
        let mut announced = BTreeMap::new();
        let mut fix = |addr: &mut NodeAddr| {
            let plain = canonical(&aliases, addr);
            if plain.host != addr.host {
                announced.entry(plain.host.clone()).or_insert_with(|| addr.host.trim_end_matches('.').to_owned());
            }
            *addr = plain;
        };
        for state in self.sentinels.values_mut().flatten() {
            if let Some(watch) = &mut state.watch {
                fix(&mut watch.master);
                watch.replicas.iter_mut().chain(watch.sentinels.iter_mut()).for_each(|k| fix(&mut k.addr));
            }
        }
        for member in self.members.values_mut().flatten() {
            member.master.iter_mut().chain(member.replicas.iter_mut()).for_each(&mut fix);
        }
        self.aliases = aliases;
        self.announced = announced;
        self
    }

    /// How the group names `addr` (see `announced`): the address itself when it used no other name.
    pub fn announced_as(&self, addr: &NodeAddr) -> NodeAddr {
        announced_as(&self.announced, addr)
    }

    pub fn named(&self, addr: &NodeAddr) -> Named {
        Named { addr: addr.clone(), name: self.names.get(addr).cloned() }
    }

    pub fn site(&self, addr: &NodeAddr) -> Site {
        self.sites.site(Some(addr))
    }

    /// The answering sentinels that monitor the name, with their view of it.
    pub fn watches(&self) -> impl Iterator<Item = (&NodeAddr, &SentinelState, &Watch)> {
        self.sentinels.iter().filter_map(|(a, s)| {
            let state = s.as_ref().ok()?;
            Some((a, state, state.watch.as_ref()?))
        })
    }

    pub fn live_sentinels(&self) -> impl Iterator<Item = (&NodeAddr, &SentinelState)> {
        self.sentinels.iter().filter_map(|(a, s)| s.as_ref().ok().map(|s| (a, s)))
    }

    pub fn live_members(&self) -> impl Iterator<Item = (&NodeAddr, &MemberState)> {
        self.members.iter().filter_map(|(a, s)| s.as_ref().ok().map(|s| (a, s)))
    }

    pub fn member(&self, addr: &NodeAddr) -> Option<&MemberState> {
        self.members.get(addr)?.as_ref().ok()
    }

    /// Members that answer `role:master`.
    pub fn masters(&self) -> Vec<&NodeAddr> {
        self.live_members().filter(|(_, m)| m.info.role == "master").map(|(a, _)| a).collect()
    }

    /// Which master the sentinels name; `None` when no sentinel monitors the name.
    pub fn election(&self) -> Option<Election> {
        let top = self.watches().map(|(_, _, w)| w.config_epoch).max()?;
        let mut votes: BTreeMap<&NodeAddr, usize> = BTreeMap::new();
        for (_, _, w) in self.watches().filter(|(_, _, w)| w.config_epoch == top) {
            *votes.entry(&w.master).or_default() += 1;
        }
        let (master, _) = votes.iter().max_by_key(|(addr, n)| (**n, std::cmp::Reverse(**addr)))?;
        let agreeing = self.watches().filter(|(_, _, w)| &w.master == *master).count();
        Some(Election { master: (*master).clone(), epoch: top, agreeing, sentinels: self.sentinels.len() })
    }

    /// The master a majority of sentinels names, as a switchover needs it; otherwise why there is
    /// none (for a refusal).
    pub fn majority_election(&self) -> std::result::Result<Election, String> {
        let election = self.election().ok_or_else(|| format!("no sentinel monitors {}", self.name))?;
        if !election.has_majority() {
            return Err(format!(
                "only {} of {} sentinels name {} as master: there is no majority to fail over with",
                election.agreeing,
                election.sentinels,
                self.named(&election.master)
            ));
        }
        Ok(election)
    }

    /// Why the replica at `addr` cannot be promoted now — its link is down, its replica-priority
    /// is 0, or it is more than `max_lag` bytes behind — or `None` when it can.
    pub fn not_promotable(&self, addr: &NodeAddr, max_lag: u64) -> Option<String> {
        let Some(member) = self.member(addr) else { return Some("it does not answer".to_owned()) };
        let lag = self.lag(addr).unwrap_or(u64::MAX);
        if member.info.master_link_up != Some(true) {
            Some("its link to the master is down".to_owned())
        } else if member.priority == 0 {
            Some("its replica-priority is 0".to_owned())
        } else if lag > max_lag {
            Some(format!("it is {lag} byte(s) behind (more than --max-lag {max_lag})"))
        } else {
            None
        }
    }

    /// Sentinel entries as Redis counts voters: the most any sentinel knows, plus itself.
    pub fn voters(&self) -> usize {
        self.watches().map(|(_, _, w)| w.sentinels.len() + 1).max().unwrap_or(0)
    }

    /// Whether the address is a sentinel this group runs (one the platform lists and that answers).
    pub fn is_live_sentinel(&self, addr: &NodeAddr, run_id: &str) -> bool {
        self.sentinels.get(addr).is_some_and(|s| s.as_ref().is_ok_and(|s| run_id.is_empty() || s.myid == run_id))
    }

    /// Whether the address is a member that answers.
    pub fn is_live_member(&self, addr: &NodeAddr) -> bool {
        self.member(addr).is_some()
    }

    /// The replicas a member has, as each member says of itself (following `master`).
    pub fn replicas_of(&self, master: &NodeAddr) -> Vec<&NodeAddr> {
        self.live_members().filter(|(_, m)| m.master.as_ref() == Some(master)).map(|(a, _)| a).collect()
    }

    /// A replica's lag in bytes behind the master it follows.
    pub fn lag(&self, replica: &NodeAddr) -> Option<u64> {
        let me = self.member(replica)?;
        let master = self.member(me.master.as_ref()?)?;
        Some(master.info.repl_offset.saturating_sub(me.info.repl_offset))
    }
}

#[cfg(test)]
pub mod fixtures {
    //! Groups built by hand for the planner's tests.

    use super::*;
    use crate::redis::info::InfoFacts;
    use crate::redis::sentinel::{Known, Settings};

    pub fn addr(i: usize) -> NodeAddr {
        NodeAddr::new(format!("127.0.1.{i}"), 6379)
    }

    pub fn sentinel_addr(i: usize) -> NodeAddr {
        NodeAddr::new(format!("127.0.1.{i}"), 26379)
    }

    pub fn member(master: Option<usize>, offset: u64) -> MemberState {
        MemberState {
            info: InfoFacts {
                server: "redis".into(),
                role: if master.is_some() { "slave" } else { "master" }.into(),
                master_link_up: master.map(|_| true),
                repl_offset: offset,
                keys: 10,
                ..Default::default()
            },
            run_id: format!("run{offset}"),
            master: master.map(addr),
            priority: 100,
            min_replicas_to_write: 1,
            persistence: true,
            replicas: Vec::new(),
        }
    }

    pub fn known(addr: NodeAddr, run_id: &str) -> Known {
        Known { addr, run_id: run_id.into(), flags: vec![], link_ok: Some(true), priority: Some(100) }
    }

    /// A healthy group: member 0 master, members 1..n replicas, sentinels 0..s on the members' IPs.
    pub fn healthy(n: usize, s: usize) -> GroupFacts {
        let members = (0..n).map(|i| (addr(i), Ok(member((i > 0).then_some(0), 1000)))).collect();
        let sentinels = (0..s)
            .map(|i| {
                let watch = Watch {
                    master: addr(0),
                    master_flags: vec!["master".into()],
                    config_epoch: 0,
                    settings: Settings {
                        quorum: (s as u64 / 2) + 1,
                        down_after_ms: 5000,
                        failover_timeout_ms: 60000,
                        parallel_syncs: 1,
                    },
                    replicas: (1..n).map(|r| known(addr(r), &format!("run{r}"))).collect(),
                    sentinels: (0..s).filter(|o| *o != i).map(|o| known(sentinel_addr(o), &format!("s{o}"))).collect(),
                    ckquorum: Ok("OK".into()),
                };
                let state =
                    SentinelState { myid: format!("s{i}"), tilt: false, names: vec!["mymaster".into()], watch: Some(watch) };
                (sentinel_addr(i), Ok(state))
            })
            .collect();
        let sites = SiteMap(
            (0..n.max(s))
                .flat_map(|i| {
                    [(addr(i), Site::new(format!("host-{i}"), None)), (sentinel_addr(i), Site::new(format!("host-{i}"), None))]
                })
                .collect(),
        );
        GroupFacts {
            name: "mymaster".into(),
            members,
            sentinels,
            names: BTreeMap::new(),
            sites,
            aliases: BTreeMap::new(),
            announced: BTreeMap::new(),
            steered: Vec::new(),
        }
    }

    pub fn watch_mut(facts: &mut GroupFacts, i: usize) -> &mut Watch {
        facts.sentinels.get_mut(&sentinel_addr(i)).unwrap().as_mut().unwrap().watch.as_mut().unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    #[test]
    fn addresses_reported_by_dns_name_become_the_pods_addresses() {
        let mut facts = healthy(3, 3);
        let dns = |i: usize| NodeAddr::new(format!("redis-node-{i}.redis-headless.redis.svc.cluster.local"), 6379);
        for i in 0..3 {
            let w = watch_mut(&mut facts, i);
            w.master = dns(0);
            w.replicas = (1..3).map(|r| known(dns(r), &format!("run{r}"))).collect();
        }
        let aliases: BTreeMap<String, String> = (0..3).map(|i| (dns(i).host, addr(i).host)).collect();
        assert!(!crate::planner::sentinel::health::assess(&facts, &limits()).is_empty(), "unmapped names look stale");
        let facts = facts.with_aliases(aliases);
        assert_eq!(crate::planner::sentinel::health::assess(&facts, &limits()), Vec::new());
        assert_eq!(facts.election().unwrap().master, addr(0));
        assert_eq!(facts.announced_as(&addr(0)), dns(0), "commands name it as the group does");
        let unnamed = NodeAddr::new("127.9.9.9", 6379);
        assert_eq!(facts.announced_as(&unnamed), unnamed, "an address the group used as is stays");
    }

    fn limits() -> crate::planner::sentinel::health::Limits {
        crate::planner::sentinel::health::Limits { max_lag: 1 << 20, fix: "kubectl redis fix".into() }
    }
}
