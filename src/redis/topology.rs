//! The cluster as one model: every reachable node's own CLUSTER NODES and INFO, gathered in
//! parallel, merged into members (each node's own line is the authority for its slots and role),
//! with nodes that could not be reached, nodes outside the cluster, and views that disagree kept
//! apart so that reports can name them instead of silently merging them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use futures::future::join_all;
use serde::Serialize;

use super::addr::NodeAddr;
use super::conn::Connector;
use super::info::{InfoFacts, cluster_state_ok};
use super::nodes::{BadLine, Flags, NodeLine, OpenSlot, parse_cluster_nodes};
use super::slots::{SlotSet, format_ranges};
use crate::error::{Error, Result};

/// What one reachable node says about itself and the cluster.
#[derive(Debug, Clone)]
pub struct NodeState {
    pub id: String,
    pub lines: Vec<NodeLine>,
    pub bad_lines: Vec<BadLine>,
    pub info: InfoFacts,
    /// Keys in each slot this node has open (migrating or importing).
    pub open_slot_keys: BTreeMap<u16, u64>,
    /// CLUSTER INFO says `cluster_state:ok`: the node serves its slots.
    pub serving: bool,
}

impl NodeState {
    pub fn myself(&self) -> Option<&NodeLine> {
        self.lines.iter().find(|l| l.flags.myself)
    }

    /// Slot owner signature: which node owns which slots, as this node sees it.
    pub fn slot_map_signature(&self) -> BTreeSet<String> {
        self.lines
            .iter()
            .filter(|l| !l.slots.is_empty())
            .map(|l| format!("{}:{}", l.id, format_ranges(&l.slots.ranges())))
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Master,
    Replica,
}

/// One node of the cluster, reachable or not.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: String,
    /// The platform's name for the node (a sandbox member or pod name), when it has one.
    pub name: Option<String>,
    /// The announced client address, used for MEET and REPLICATE and to reach the node.
    pub addr: Option<NodeAddr>,
    /// Where the tool reached it, when it answered (it can differ from `addr` after the node
    /// moved and the cluster has not learned its new address).
    pub reached_at: Option<NodeAddr>,
    pub bus_port: Option<u16>,
    pub role: Role,
    pub master_id: Option<String>,
    pub slots: SlotSet,
    pub migrating: Vec<OpenSlot>,
    pub importing: Vec<OpenSlot>,
    pub config_epoch: u64,
    /// Failure flags as the other nodes see this one (fail, fail?, handshake, noaddr).
    pub seen_as: Flags,
    /// Present when the node answered.
    pub state: Option<NodeState>,
    /// Why the node could not be asked, when it could not.
    pub unreachable: Option<String>,
}

impl Member {
    pub fn is_master(&self) -> bool {
        self.role == Role::Master
    }

    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(8)]
    }

    /// `[name] addr (id…)` for messages.
    pub fn label(&self) -> String {
        let name = self.name.as_ref().map(|n| format!("{n} ")).unwrap_or_default();
        match &self.addr {
            Some(addr) => format!("{name}{addr} ({})", self.short_id()),
            None => format!("{name}{} (no address)", self.short_id()),
        }
    }

    pub fn keys(&self) -> Option<u64> {
        self.state.as_ref().map(|s| s.info.keys)
    }
}

/// A reachable node that is not part of the cluster found.
#[derive(Debug, Clone, Serialize)]
pub struct Stranger {
    pub addr: NodeAddr,
    pub id: String,
    pub known_nodes: usize,
    pub slots: usize,
    pub keys: u64,
    pub cluster_enabled: bool,
}

impl Stranger {
    /// Empty and alone: a node that can join as it is.
    pub fn is_spare(&self) -> bool {
        self.cluster_enabled && self.known_nodes <= 1 && self.slots == 0 && self.keys == 0
    }
}

/// A node whose slot map differs from what most nodes say.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub node: String,
    pub differs_from: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Topology {
    /// The cluster's nodes: masters ordered by their first slot, each followed by nothing (see `shards`).
    pub members: Vec<Member>,
    pub strangers: Vec<Stranger>,
    /// Addresses that were given or announced but could not be asked, and are not members.
    pub unreachable_addrs: Vec<(NodeAddr, String)>,
    pub disagreements: Vec<Disagreement>,
    pub bad_lines: Vec<(NodeAddr, BadLine)>,
    /// The first refusal a node answered with (authentication, ACL), message and hint: when no
    /// node answered, that is the error to report rather than "unreachable".
    pub refusal: Option<(String, Option<String>)>,
}

/// How long a gather may spend following addresses learned from other nodes.
const MAX_DISCOVERY_ROUNDS: usize = 4;

/// Asks every seed, then every node they know, in parallel; each call bounded by the connector.
pub async fn gather(connector: &Connector, seeds: &[NodeAddr]) -> Topology {
    let mut probes: BTreeMap<NodeAddr, Result<NodeState, String>> = BTreeMap::new();
    let mut pending: BTreeSet<NodeAddr> = seeds.iter().cloned().collect();
    let mut refusal = None;
    for _ in 0..MAX_DISCOVERY_ROUNDS {
        if pending.is_empty() {
            break;
        }
        let round: Vec<NodeAddr> = std::mem::take(&mut pending).into_iter().collect();
        let results = join_all(round.iter().map(|addr| probe(connector, addr))).await;
        for (addr, result) in round.into_iter().zip(results) {
            if let Ok(state) = &result {
                for line in &state.lines {
                    if let Some(learned) = line.addr.client_addr().filter(|_| !line.flags.noaddr)
                        && !probes.contains_key(&learned)
                        && learned != addr
                    {
                        pending.insert(learned);
                    }
                }
            }
            if let Err(e) = &result
                && e.kind == crate::error::Kind::Refused
                && refusal.is_none()
            {
                refusal = Some((e.message.clone(), e.hint.clone()));
            }
            probes.insert(addr, result.map_err(|e| e.to_string()));
        }
        pending.retain(|a| !probes.contains_key(a));
    }
    Topology { refusal, ..assemble(probes) }
}

/// INFO, CLUSTER NODES, CLUSTER INFO, and the key count of every open slot of one node.
pub async fn probe(connector: &Connector, addr: &NodeAddr) -> Result<NodeState> {
    let mut conn = connector.connect(addr).await?;
    let info: String = conn.call(&redis::cmd("INFO")).await?;
    let info = InfoFacts::parse(&info);
    if !info.cluster_enabled {
        return Ok(NodeState {
            id: String::new(),
            lines: Vec::new(),
            bad_lines: Vec::new(),
            info,
            open_slot_keys: BTreeMap::new(),
            serving: false,
        });
    }
    let mut pipe = redis::pipe();
    pipe.cmd("CLUSTER").arg("NODES").cmd("CLUSTER").arg("INFO");
    let (nodes, cluster_info): (String, String) = conn.pipeline(&pipe).await?;
    let (lines, bad_lines) = parse_cluster_nodes(&nodes);
    let serving = cluster_state_ok(&cluster_info);
    let Some(me) = lines.iter().find(|l| l.flags.myself) else {
        return Err(Error::failed(format!("{addr}: CLUSTER NODES has no line for the node itself")));
    };
    let id = me.id.clone();
    let open: Vec<u16> = me.migrating.iter().chain(&me.importing).map(|o| o.slot).collect::<BTreeSet<_>>().into_iter().collect();
    let counts = super::data::count_keys_in_slots(&mut conn, &open).await?;
    let open_slot_keys: BTreeMap<u16, u64> = open.into_iter().zip(counts).collect();
    Ok(NodeState { id, lines, bad_lines, info, open_slot_keys, serving })
}

/// Pure: merges probe results into the model.
pub fn assemble(probes: BTreeMap<NodeAddr, Result<NodeState, String>>) -> Topology {
    let states: Vec<(&NodeAddr, &NodeState)> =
        probes.iter().filter_map(|(a, r)| r.as_ref().ok().map(|s| (a, s))).filter(|(_, s)| s.info.cluster_enabled).collect();
    let component = main_component(&states);
    let mut topology = Topology::default();

    for (addr, state) in &states {
        topology.bad_lines.extend(state.bad_lines.iter().map(|b| ((*addr).clone(), b.clone())));
        if !component.contains(&state.id) {
            topology.strangers.push(stranger(addr, state));
        }
    }
    for (addr, result) in &probes {
        if let Ok(state) = result
            && !state.info.cluster_enabled
        {
            topology.strangers.push(stranger(addr, state));
        }
    }

    let self_views: HashMap<&str, &NodeState> =
        states.iter().filter(|(_, s)| component.contains(&s.id)).map(|(_, s)| (s.id.as_str(), *s)).collect();
    for id in &component {
        let member = match self_views.get(id.as_str()) {
            Some(state) => member_from_self(state, &states),
            None => member_from_others(id, &states, &probes),
        };
        if let Some(member) = member {
            topology.members.push(member);
        }
    }
    let member_addrs: BTreeSet<&NodeAddr> = topology.members.iter().filter_map(|m| m.addr.as_ref()).collect();
    topology.unreachable_addrs = probes
        .iter()
        .filter_map(|(a, r)| r.as_ref().err().map(|e| (a, e)))
        .filter(|(a, _)| !member_addrs.contains(a))
        .map(|(a, e)| (a.clone(), e.clone()))
        .collect();
    topology.disagreements = disagreements(&self_views);
    sort_members(&mut topology.members);
    topology
}

/// The connected group of node IDs (by "knows") that owns the most slots, then has the most nodes.
fn main_component(states: &[(&NodeAddr, &NodeState)]) -> BTreeSet<String> {
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for (_, state) in states {
        let mut group: BTreeSet<String> = state.lines.iter().filter(|l| !l.flags.handshake).map(|l| l.id.clone()).collect();
        group.insert(state.id.clone());
        let (joined, rest): (Vec<_>, Vec<_>) = groups.into_iter().partition(|g| !g.is_disjoint(&group));
        for g in joined {
            group.extend(g);
        }
        groups = rest;
        groups.push(group);
    }
    let owned_slots = |group: &BTreeSet<String>| -> usize {
        states.iter().filter(|(_, s)| group.contains(&s.id)).filter_map(|(_, s)| s.myself()).map(|m| m.slots.len()).sum()
    };
    groups.into_iter().max_by_key(|g| (owned_slots(g), g.len())).unwrap_or_default()
}

fn stranger(addr: &NodeAddr, state: &NodeState) -> Stranger {
    Stranger {
        addr: addr.clone(),
        id: state.id.clone(),
        known_nodes: state.lines.len(),
        slots: state.myself().map_or(0, |m| m.slots.len()),
        keys: state.info.keys,
        cluster_enabled: state.info.cluster_enabled,
    }
}

fn member_from_self(state: &NodeState, states: &[(&NodeAddr, &NodeState)]) -> Option<Member> {
    let me = state.myself()?;
    let mut member = member_from_line(me, seen_as(&me.id, states));
    member.reached_at = states.iter().find(|(_, s)| s.id == state.id).map(|(a, _)| (*a).clone());
    if member.addr.is_none() {
        // A node alone in its cluster does not know its own IP yet; the address we reached it on stands in.
        member.addr = member.reached_at.clone();
    }
    member.state = Some(state.clone());
    Some(member)
}

fn member_from_others(
    id: &str,
    states: &[(&NodeAddr, &NodeState)],
    probes: &BTreeMap<NodeAddr, Result<NodeState, String>>,
) -> Option<Member> {
    let line = states.iter().flat_map(|(_, s)| &s.lines).filter(|l| l.id == id).max_by_key(|l| !l.flags.handshake)?;
    let mut member = member_from_line(line, seen_as(id, states));
    let reason = match member.addr.as_ref().and_then(|a| probes.get(a)) {
        Some(Err(e)) => e.clone(),
        Some(Ok(_)) => "another node answers on its address".to_owned(),
        None if line.flags.noaddr => "no address is known for it".to_owned(),
        None => "not asked".to_owned(),
    };
    member.unreachable = Some(reason);
    Some(member)
}

fn member_from_line(line: &NodeLine, seen_as: Flags) -> Member {
    // A replica's open slots mirror its master's (Valkey 8+ replicates SETSLOT to replicas) and
    // are settled with the master's; only a master's are the cluster's open slots.
    let open = |slots: &Vec<OpenSlot>| if line.flags.replica { Vec::new() } else { slots.clone() };
    Member {
        id: line.id.clone(),
        name: None,
        addr: line.addr.client_addr(),
        reached_at: None,
        bus_port: line.addr.bus_port,
        role: if line.flags.replica { Role::Replica } else { Role::Master },
        master_id: line.master_id.clone(),
        slots: line.slots.clone(),
        migrating: open(&line.migrating),
        importing: open(&line.importing),
        config_epoch: line.config_epoch,
        seen_as,
        state: None,
        unreachable: None,
    }
}

/// The failure flags other nodes put on `id`.
fn seen_as(id: &str, states: &[(&NodeAddr, &NodeState)]) -> Flags {
    let mut flags = Flags::default();
    for line in states.iter().filter(|(_, s)| s.id != id).flat_map(|(_, s)| &s.lines).filter(|l| l.id == id) {
        flags.fail |= line.flags.fail;
        flags.pfail |= line.flags.pfail;
        flags.handshake |= line.flags.handshake;
        flags.noaddr |= line.flags.noaddr;
    }
    flags
}

fn disagreements(self_views: &HashMap<&str, &NodeState>) -> Vec<Disagreement> {
    let mut counts: BTreeMap<BTreeSet<String>, usize> = BTreeMap::new();
    for state in self_views.values() {
        *counts.entry(state.slot_map_signature()).or_default() += 1;
    }
    let Some((majority, _)) = counts.iter().max_by_key(|(_, n)| **n) else {
        return Vec::new();
    };
    let mut out: Vec<Disagreement> = self_views
        .values()
        .filter(|s| &s.slot_map_signature() != majority)
        .map(|s| Disagreement { node: s.id.clone(), differs_from: counts[majority] })
        .collect();
    out.sort_by(|a, b| a.node.cmp(&b.node));
    out
}

/// Masters by their first slot (empty masters last), replicas after their masters.
fn sort_members(members: &mut [Member]) {
    let first_slot = |m: &Member| m.slots.ranges().first().map_or(u32::MAX, |r| u32::from(r.start));
    let master_key: HashMap<String, (u32, String)> =
        members.iter().filter(|m| m.is_master()).map(|m| (m.id.clone(), (first_slot(m), m.id.clone()))).collect();
    members.sort_by_key(|m| {
        let shard = m.master_id.as_ref().filter(|_| !m.is_master()).unwrap_or(&m.id);
        let key = master_key.get(shard).cloned().unwrap_or((u32::MAX, shard.clone()));
        (key, !m.is_master(), m.addr.clone())
    });
}

/// How a command names a node: its platform name (a pod, a sandbox member), full ID, unique ID
/// prefix, or HOST:PORT.
pub fn resolve<'a, T>(
    reference: &str,
    candidates: &'a [T],
    id_of: impl Fn(&T) -> &str,
    addr_of: impl Fn(&T) -> Option<&NodeAddr>,
    name_of: impl Fn(&T) -> Option<&str>,
) -> Result<&'a T> {
    if let Some(named) = candidates.iter().find(|c| name_of(c) == Some(reference)) {
        return Ok(named);
    }
    if let Ok(addr) = reference.parse::<NodeAddr>() {
        return candidates.iter().find(|c| addr_of(c) == Some(&addr)).ok_or_else(|| {
            Error::usage(format!("no node at {addr} in this cluster")).hint("`kubectl redis status` lists the nodes")
        });
    }
    let wanted = reference.to_ascii_lowercase();
    if wanted.len() < 4 || !wanted.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::usage(format!("'{reference}' is no member's name, HOST:PORT or node ID"))
            .hint("give a pod name, a node ID (at least 4 hex digits of it) or HOST:PORT; `kubectl redis status` lists them"));
    }
    let matches: Vec<&T> = candidates.iter().filter(|c| id_of(c).starts_with(&wanted)).collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::usage(format!("no node ID starts with '{reference}'")).hint("`kubectl redis status` lists the nodes")),
        many => Err(Error::usage(format!("'{reference}' matches {} nodes", many.len())).hint("give more digits of the node ID")),
    }
}

impl Topology {
    pub fn masters(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.is_master())
    }

    pub fn replicas_of<'a>(&'a self, master_id: &'a str) -> impl Iterator<Item = &'a Member> {
        self.members.iter().filter(move |m| !m.is_master() && m.master_id.as_deref() == Some(master_id))
    }

    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// Resolves a node reference among the members.
    pub fn find(&self, reference: &str) -> Result<&Member> {
        resolve(reference, &self.members, |m| &m.id, |m| m.addr.as_ref(), |m| m.name.as_deref())
    }

    /// The slots some master owns.
    pub fn covered_slots(&self) -> SlotSet {
        let mut covered = SlotSet::default();
        for master in self.masters() {
            covered.union_with(&master.slots);
        }
        covered
    }

    /// Members the platform knows at another address than the cluster does (a pod restarted under
    /// a new IP) are addressed where they answered; their old addresses stop counting as unreachable.
    pub fn adopt_addresses(&mut self, platform_addrs: &BTreeSet<NodeAddr>) {
        let mut moved = BTreeSet::new();
        for member in &mut self.members {
            if let Some(at) =
                member.reached_at.clone().filter(|at| platform_addrs.contains(at) && member.addr.as_ref() != Some(at))
            {
                moved.extend(member.addr.replace(at));
            }
        }
        self.unreachable_addrs.retain(|(addr, _)| !moved.contains(addr));
    }

    /// Addresses other reachable nodes (and the node itself) give a member that differ from its
    /// address: (viewer, address it has), viewer `None` for the member's own line.
    pub fn stale_views(&self, member: &Member) -> Vec<(Option<&Member>, NodeAddr)> {
        let Some(addr) = &member.addr else { return Vec::new() };
        let mut stale = Vec::new();
        for viewer in self.reachable() {
            let Some(state) = &viewer.state else { continue };
            let line = state.lines.iter().find(|l| l.id == member.id && !l.flags.handshake && !l.flags.noaddr);
            if let Some(seen) = line.and_then(|l| l.addr.client_addr()).filter(|seen| seen != addr) {
                stale.push(((viewer.id != member.id).then_some(viewer), seen));
            }
        }
        stale
    }

    /// Gives members the names the platform knows their addresses by.
    pub fn name_members(&mut self, names: &BTreeMap<NodeAddr, String>) {
        for member in &mut self.members {
            member.name = member.addr.as_ref().and_then(|a| names.get(a)).cloned();
        }
    }

    pub fn reachable(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.state.is_some())
    }

    /// Fails with exit code 4 when no member answered at all.
    pub fn require_reachable(&self) -> Result<()> {
        if self.reachable().next().is_some() {
            return Ok(());
        }
        if let Some((message, hint)) = &self.refusal {
            let err = Error::refused(message.clone());
            return Err(match hint {
                Some(hint) => err.hint(hint.clone()),
                None => err,
            });
        }
        let detail = self.unreachable_addrs.iter().map(|(a, e)| format!("{a}: {e}")).next();
        let err = match detail {
            Some(detail) => Error::unreachable(format!("no cluster node answered ({detail})")),
            None if !self.strangers.is_empty() => Error::unreachable(format!(
                "no cluster found: the {} node(s) that answered belong to no cluster",
                self.strangers.len()
            )),
            None => Error::unreachable("no cluster node answered"),
        };
        Err(err.hint("check the addresses, and that the servers run with cluster-enabled yes"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(text: &str, keys: u64) -> NodeState {
        let (lines, bad_lines) = parse_cluster_nodes(text);
        let id = lines.iter().find(|l| l.flags.myself).unwrap().id.clone();
        let info = InfoFacts { cluster_enabled: true, keys, ..Default::default() };
        NodeState { id, lines, bad_lines, info, open_slot_keys: BTreeMap::new(), serving: true }
    }

    const A: &str = "aaaa000000000000000000000000000000000000";
    const B: &str = "bbbb000000000000000000000000000000000000";
    const C: &str = "cccc000000000000000000000000000000000000";

    fn view(me: &str, b_slots: &str) -> String {
        let line = |id: &str, port: u16, slots: &str| {
            let flags = if id == me { "myself,master" } else { "master" };
            format!("{id} 10.0.0.1:{port}@1{port} {flags} - 0 0 1 connected {slots}\n")
        };
        line(A, 7000, "0-8191") + &line(B, 7001, b_slots)
    }

    #[test]
    fn merges_views_and_reports_the_node_that_disagrees() {
        let mut probes = BTreeMap::new();
        probes.insert(NodeAddr::new("10.0.0.1", 7000), Ok(state(&view(A, "8192-16383"), 3)));
        probes.insert(NodeAddr::new("10.0.0.1", 7001), Ok(state(&view(B, "8192-16000"), 4)));
        let topology = assemble(probes);
        assert_eq!(topology.members.len(), 2);
        assert_eq!(topology.members[0].id, A);
        assert_eq!(topology.members[1].slots.len(), 16000 - 8192 + 1, "a node's own line decides its slots");
        assert_eq!(topology.disagreements.len(), 1);
    }

    #[test]
    fn an_unreachable_member_keeps_its_reason_and_slots_from_other_views() {
        let mut probes = BTreeMap::new();
        probes.insert(NodeAddr::new("10.0.0.1", 7000), Ok(state(&view(A, "8192-16383"), 0)));
        probes.insert(NodeAddr::new("10.0.0.1", 7001), Err("10.0.0.1:7001: connection refused".to_owned()));
        let topology = assemble(probes);
        let b = topology.member(B).unwrap();
        assert_eq!(b.unreachable.as_deref(), Some("10.0.0.1:7001: connection refused"));
        assert_eq!(b.slots.len(), 8192);
        assert!(topology.unreachable_addrs.is_empty());
    }

    #[test]
    fn a_lone_empty_node_is_a_spare_stranger() {
        let mut probes = BTreeMap::new();
        probes.insert(NodeAddr::new("10.0.0.1", 7000), Ok(state(&view(A, "8192-16383"), 0)));
        let lone = format!("{C} :7002@17002 myself,master - 0 0 0 connected\n");
        probes.insert(NodeAddr::new("10.0.0.2", 7002), Ok(state(&lone, 0)));
        let topology = assemble(probes);
        assert_eq!(topology.strangers.len(), 1);
        assert!(topology.strangers[0].is_spare());
    }

    #[test]
    fn resolves_names_ids_prefixes_and_addresses() {
        let ids = vec![(A.to_owned(), NodeAddr::new("10.0.0.1", 7000)), (B.to_owned(), NodeAddr::new("10.0.0.1", 7001))];
        let find = |r: &str| {
            resolve(r, &ids, |c| &c.0, |c| Some(&c.1), |c| (c.0 == A).then_some("redis-cluster-7")).map(|c| c.0.clone())
        };
        assert_eq!(find("redis-cluster-7").unwrap(), A);
        assert!(find("redis-cluster-8").is_err());
        assert_eq!(find("bbbb").unwrap(), B);
        assert_eq!(find("10.0.0.1:7000").unwrap(), A);
        assert!(find("dddd").is_err());
        assert!(find("10.0.0.9:1").is_err());
        assert!(find("ab").is_err());
    }
}
