//! The cluster as one model: every reachable node's own CLUSTER NODES and INFO, gathered in
//! parallel, merged into members (each node's own line is the authority for its slots and role),
//! with nodes that could not be reached, nodes outside the cluster, and views that disagree kept
//! apart so that reports can name them instead of silently merging them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::stream::{self, StreamExt};
use serde::Serialize;

use super::addr::NodeAddr;
use super::conn::Connector;
use super::info::{InfoFacts, cluster_state_ok, role_says_syncing};
use super::nodes::{BadLine, Flags, NodeLine, OpenSlot, parse_cluster_nodes};
use super::slots::{SlotRange, SlotSet};
use super::view::{DIGEST_SCRIPT, View, ViewKey, ViewMode, own_line};
use crate::error::{Error, Result};

/// What one reachable node says about itself and the cluster.
#[derive(Debug, Clone)]
pub struct NodeState {
    pub id: String,
    /// The node's own CLUSTER NODES line: the authority for its role, slots and open slots.
    /// Absent when cluster mode is disabled.
    pub me: Option<NodeLine>,
    /// Its view of every node, shared with the nodes that see the cluster alike.
    pub view: Arc<View>,
    pub info: InfoFacts,
    /// Keys in each slot this node has open (migrating or importing).
    pub open_slot_keys: BTreeMap<u16, u64>,
    /// CLUSTER INFO says `cluster_state:ok`: the node serves its slots.
    pub serving: bool,
}

impl NodeState {
    pub fn myself(&self) -> Option<&NodeLine> {
        self.me.as_ref()
    }

    /// The state of a node from its CLUSTER NODES text, its view its own (tests and benchmarks
    /// of what is built from states).
    pub fn from_cluster_nodes(text: &str, info: InfoFacts, serving: bool) -> Option<NodeState> {
        let me = parse_cluster_nodes(own_line(text)?).0.pop()?;
        Some(NodeState {
            id: me.id.clone(),
            me: Some(me),
            view: Arc::new(View::parse(text)),
            info,
            open_slot_keys: BTreeMap::new(),
            serving,
        })
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
    /// Where the gather's time went.
    pub spans: Vec<Span>,
}

/// How long a gather may spend following addresses learned from other nodes.
const MAX_DISCOVERY_ROUNDS: usize = 4;

/// How a gather reads the cluster.
#[derive(Debug, Clone, Copy)]
pub struct Gathering {
    pub views: ViewMode,
    /// Nodes asked at once.
    pub concurrency: usize,
}

impl Default for Gathering {
    fn default() -> Self {
        Gathering { views: ViewMode::Auto, concurrency: 256 }
    }
}

/// Where a gather's time went, for `-vv`.
#[derive(Debug, Clone)]
pub struct Span {
    pub what: String,
    pub took: Duration,
}

/// What a probe asks a node for besides INFO and CLUSTER INFO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ask {
    /// Its own line and the digest of its view.
    Digest,
    /// Its own line, the digest and the full text, read at one moment.
    DigestAndText,
    /// CLUSTER NODES.
    Text,
}

/// One node's answer, before its view is shared with the nodes that see the cluster alike.
struct Answer {
    info: InfoFacts,
    serving: bool,
    me: Option<NodeLine>,
    key: Option<ViewKey>,
    text: Option<String>,
    open_slot_keys: BTreeMap<u16, u64>,
}

/// Asks every seed, then every node they know, in parallel (at most `concurrency` at once); each
/// call bounded by the connector. A view is read in full once per distinct view (see `ViewMode`).
pub async fn gather(connector: &Connector, seeds: &[NodeAddr], how: Gathering) -> Topology {
    let digests = match how.views {
        ViewMode::Full => false,
        ViewMode::Digest => true,
        ViewMode::Auto => connector.is_routed(),
    };
    let mut spans = Vec::new();
    let mut answers: BTreeMap<NodeAddr, Result<Answer>> = BTreeMap::new();
    let mut views: HashMap<ViewKey, Arc<View>> = HashMap::new();
    let mut pending: BTreeSet<NodeAddr> = seeds.iter().cloned().collect();
    for round in 1..=MAX_DISCOVERY_ROUNDS {
        if pending.is_empty() {
            break;
        }
        let started = Instant::now();
        let asks: Vec<(NodeAddr, Ask)> = std::mem::take(&mut pending)
            .into_iter()
            .enumerate()
            .map(|(i, addr)| {
                let ask = match (digests, i == 0 && views.is_empty()) {
                    (false, _) => Ask::Text,
                    (true, true) => Ask::DigestAndText,
                    (true, false) => Ask::Digest,
                };
                (addr, ask)
            })
            .collect();
        let asked = asks.len();
        let before = views.len();
        let mut round_answers = ask_all(connector, asks, &mut views, how.concurrency).await;
        spans.push(Span { what: format!("round {round}: asked {asked} node(s)"), took: started.elapsed() });
        let started = Instant::now();
        let unmatched = unmatched_views(&round_answers, &views);
        if !unmatched.is_empty() {
            let count = unmatched.len();
            read_unmatched_views(connector, unmatched, &mut round_answers, &mut views, how.concurrency).await;
            let what = format!("round {round}: {count} node(s) answered a digest not seen before");
            spans.push(Span { what, took: started.elapsed() });
        }
        spans.push(Span {
            what: format!("round {round}: {} new distinct view(s) parsed", views.len() - before),
            took: started.elapsed(),
        });
        answers.append(&mut round_answers);
        // Only the cluster being worked on is followed: a node of another cluster among the
        // seeds (a pod of another StatefulSet, an old member) is asked, its view is not.
        let followed = component_views(&answers, &views, seeds.first());
        let known = followed.iter().flat_map(|v| v.lines.iter()).filter(|l| !l.flags.noaddr).filter_map(|l| l.addr.client_addr());
        pending.extend(known.filter(|addr| !answers.contains_key(addr)));
    }
    let started = Instant::now();
    let refusal = answers.values().find_map(|r| match r {
        Err(e) if e.kind == crate::error::Kind::Refused => Some((e.message.clone(), e.hint.clone())),
        _ => None,
    });
    let probes = answers.into_iter().map(|(addr, answer)| (addr, into_state(answer, &views))).collect();
    let topology = assemble(probes);
    spans.push(Span { what: format!("assembled {} member(s)", topology.members.len()), took: started.elapsed() });
    Topology { refusal, spans, ..topology }
}

/// The views held by the nodes of the main component among the answers so far.
fn component_views<'a>(
    answers: &'a BTreeMap<NodeAddr, Result<Answer>>,
    views: &'a HashMap<ViewKey, Arc<View>>,
    first_seed: Option<&NodeAddr>,
) -> Vec<&'a View> {
    let first = first_seed.and_then(|a| answers.get(a)?.as_ref().ok()?.me.as_ref()).map(|me| me.id.as_str());
    let sighted: Vec<(&str, usize, &View)> = answers
        .values()
        .filter_map(|a| a.as_ref().ok())
        .filter_map(|a| Some((a.me.as_ref()?, views.get(a.key.as_ref()?)?)))
        .map(|(me, view)| (me.id.as_str(), me.slots.len(), view.as_ref()))
        .collect();
    let seen = distinct_views(sighted.iter().map(|(id, _, view)| (*id, *view)));
    let owned: HashMap<&str, usize> = sighted.iter().map(|(id, slots, _)| (*id, *slots)).collect();
    let component = main_component(&seen, &owned, first);
    seen.into_iter().filter(|s| s.holders.iter().any(|h| component.contains(*h))).map(|s| s.view).collect()
}

/// Every ask, `concurrency` at a time. Each answer's view is shared as it arrives, so that a
/// text seen before is dropped at once instead of held until every node has answered.
async fn ask_all(
    connector: &Connector,
    asks: Vec<(NodeAddr, Ask)>,
    views: &mut HashMap<ViewKey, Arc<View>>,
    concurrency: usize,
) -> BTreeMap<NodeAddr, Result<Answer>> {
    let mut answers = BTreeMap::new();
    let mut arriving = stream::iter(asks)
        .map(|(addr, ask)| async move {
            let answer = ask_node(connector, &addr, ask).await;
            (addr, answer)
        })
        .buffer_unordered(concurrency.max(1));
    while let Some((addr, mut answer)) = arriving.next().await {
        if let Ok(answer) = &mut answer {
            share_view(answer, views);
        }
        answers.insert(addr, answer);
    }
    answers
}

/// Parses the answer's text when its view was not seen before; the text is not kept.
fn share_view(answer: &mut Answer, views: &mut HashMap<ViewKey, Arc<View>>) {
    if let (Some(key), Some(text)) = (&answer.key, answer.text.take()) {
        views.entry(key.clone()).or_insert_with(|| Arc::new(View::parse(&text)));
    }
}

/// The nodes whose digest matches no view read yet.
fn unmatched_views(answers: &BTreeMap<NodeAddr, Result<Answer>>, views: &HashMap<ViewKey, Arc<View>>) -> Vec<NodeAddr> {
    answers
        .iter()
        .filter_map(|(addr, a)| a.as_ref().ok().map(|a| (addr, a)))
        .filter(|(_, a)| a.key.as_ref().is_some_and(|k| !views.contains_key(k)))
        .map(|(addr, _)| addr.clone())
        .collect()
}

/// Reads the full view from one node per unknown digest; a node whose view changed meanwhile, or
/// that shares no digest with another, is read itself.
async fn read_unmatched_views(
    connector: &Connector,
    mut unmatched: Vec<NodeAddr>,
    answers: &mut BTreeMap<NodeAddr, Result<Answer>>,
    views: &mut HashMap<ViewKey, Arc<View>>,
    concurrency: usize,
) {
    let mut everyone = false;
    while !unmatched.is_empty() {
        let mut chosen: Vec<NodeAddr> = Vec::new();
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for addr in &unmatched {
            let key = answers.get(addr).and_then(|a| a.as_ref().ok()).and_then(|a| a.key.as_ref()).map(|k| format!("{k:?}"));
            if everyone || key.is_none_or(|k| keys.insert(k)) {
                chosen.push(addr.clone());
            }
        }
        let asks = chosen.into_iter().map(|addr| (addr, Ask::DigestAndText)).collect();
        let mut fresh = ask_all(connector, asks, views, concurrency).await;
        answers.append(&mut fresh);
        unmatched = unmatched_views(answers, views);
        // Second time round, each node that is still unmatched is read itself.
        if everyone {
            break;
        }
        everyone = true;
    }
}

fn into_state(answer: Result<Answer>, views: &HashMap<ViewKey, Arc<View>>) -> Result<NodeState, String> {
    let answer = answer.map_err(|e| e.to_string())?;
    let view = match &answer.key {
        Some(key) => views.get(key).cloned().ok_or_else(|| "its view of the cluster changed while it was read".to_owned())?,
        None => Arc::new(View::parse("")),
    };
    Ok(NodeState {
        id: answer.me.as_ref().map(|m| m.id.clone()).unwrap_or_default(),
        me: answer.me,
        view,
        info: answer.info,
        open_slot_keys: answer.open_slot_keys,
        serving: answer.serving,
    })
}

/// The INFO sections `InfoFacts` reads.
const INFO_SECTIONS: [&str; 7] = ["server", "memory", "replication", "cluster", "keyspace", "persistence", "stats"];

/// One round trip: INFO, ROLE, CLUSTER INFO and the view as asked; then the key count of each open slot.
async fn ask_node(connector: &Connector, addr: &NodeAddr, ask: Ask) -> Result<Answer> {
    let mut conn = connector.connect(addr).await?;
    let mut pipe = redis::pipe();
    pipe.cmd("INFO").arg(&INFO_SECTIONS[..]).cmd("ROLE").cmd("CLUSTER").arg("INFO");
    match ask {
        Ask::Text => pipe.cmd("CLUSTER").arg("NODES"),
        Ask::Digest => pipe.cmd("EVAL").arg(DIGEST_SCRIPT).arg(0),
        Ask::DigestAndText => pipe.cmd("EVAL").arg(DIGEST_SCRIPT).arg(0).arg("full"),
    };
    let limit = conn.timeout();
    let mut replies = conn.pipeline_results(&mut pipe, limit).await?.into_iter();
    let info: String = reply_as(addr, replies.next())?;
    let mut info = InfoFacts::parse(&info);
    let role: redis::Value = reply_as(addr, replies.next())?;
    info.syncing = info.master_link_up == Some(false) && role_says_syncing(&role);
    if !info.cluster_enabled {
        return Ok(Answer { info, serving: false, me: None, key: None, text: None, open_slot_keys: BTreeMap::new() });
    }
    let serving = cluster_state_ok(&reply_as::<String>(addr, replies.next())?);
    let (own, key, text) = match (ask, replies.next()) {
        (Ask::Text, reply) => text_sight(reply_as(addr, reply)?),
        (_, Some(Ok(value))) => digest_sight(addr, value)?,
        // No script allowed (ACL, a server without Lua): the full text instead.
        (_, _) => text_sight(conn.call(redis::cmd("CLUSTER").arg("NODES")).await?),
    };
    let me = parse_cluster_nodes(&own)
        .0
        .pop()
        .filter(|l| l.flags.myself)
        .ok_or_else(|| Error::failed(format!("{addr}: CLUSTER NODES has no readable line for the node itself")))?;
    let open: Vec<u16> = me.migrating.iter().chain(&me.importing).map(|o| o.slot).collect::<BTreeSet<_>>().into_iter().collect();
    let counts = super::slot_keys::count(&mut conn, &open).await?;
    let open_slot_keys = open.into_iter().zip(counts).collect();
    Ok(Answer { info, serving, me: Some(me), key: Some(key), text, open_slot_keys })
}

fn reply_as<T: redis::FromRedisValue>(addr: &NodeAddr, reply: Option<Result<redis::Value>>) -> Result<T> {
    let value = reply.ok_or_else(|| Error::failed(format!("{addr}: a reply is missing")))??;
    redis::from_redis_value(value).map_err(|e| Error::failed(format!("{addr}: unexpected reply: {e}")))
}

/// Own line, key and text from a full CLUSTER NODES text.
fn text_sight(text: String) -> (String, ViewKey, Option<String>) {
    let own = own_line(&text).unwrap_or_default().to_owned();
    (own, ViewKey::of_text(&text), Some(text))
}

/// Own line, key and (when asked) text from the digest script's reply.
fn digest_sight(addr: &NodeAddr, value: redis::Value) -> Result<(String, ViewKey, Option<String>)> {
    let mut parts: Vec<String> =
        redis::from_redis_value(value).map_err(|e| Error::failed(format!("{addr}: unexpected digest reply: {e}")))?;
    if parts.len() < 2 {
        return Err(Error::failed(format!("{addr}: unexpected digest reply")));
    }
    let text = (parts.len() > 2).then(|| parts.swap_remove(2));
    let digest = parts.swap_remove(1);
    Ok((parts.swap_remove(0), ViewKey::Digest(digest), text))
}

/// A single node's state, its full view read (for commands that look at one node).
pub async fn probe(connector: &Connector, addr: &NodeAddr) -> Result<NodeState> {
    let mut answer = ask_node(connector, addr, Ask::Text).await?;
    let mut views = HashMap::new();
    share_view(&mut answer, &mut views);
    into_state(Ok(answer), &views).map_err(Error::unreachable)
}

/// Pure: merges probe results into the model.
pub fn assemble(probes: BTreeMap<NodeAddr, Result<NodeState, String>>) -> Topology {
    let states: Vec<(&NodeAddr, &NodeState)> =
        probes.iter().filter_map(|(a, r)| r.as_ref().ok().map(|s| (a, s))).filter(|(_, s)| s.info.cluster_enabled).collect();
    let views = distinct_views(states.iter().map(|(_, s)| (s.id.as_str(), s.view.as_ref())));
    let owned: HashMap<&str, usize> =
        states.iter().filter_map(|(_, s)| s.myself().map(|m| (s.id.as_str(), m.slots.len()))).collect();
    let component = main_component(&views, &owned, None);
    let mut topology = Topology::default();

    for (addr, state) in &states {
        topology.bad_lines.extend(state.view.bad_lines.iter().map(|b| ((*addr).clone(), b.clone())));
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

    let self_views: HashMap<&str, (&NodeAddr, &NodeState)> =
        states.iter().filter(|(_, s)| component.contains(&s.id)).map(|(a, s)| (s.id.as_str(), (*a, *s))).collect();
    for id in &component {
        let member = match self_views.get(id.as_str()) {
            Some((addr, state)) => member_from_self(addr, state, &views),
            None => member_from_others(id, &views, &probes),
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
    topology.disagreements = disagreements(&self_views, &views);
    sort_members(&mut topology.members);
    topology
}

/// One distinct view and the IDs of the nodes that hold it.
struct Seen<'a> {
    view: &'a View,
    holders: Vec<&'a str>,
}

/// The nodes' views, each once (by identity: nodes that see the cluster alike share one), with
/// the IDs of the nodes that hold it.
fn distinct_views<'a>(held: impl Iterator<Item = (&'a str, &'a View)>) -> Vec<Seen<'a>> {
    let mut seen: Vec<Seen<'a>> = Vec::new();
    let mut index: HashMap<*const View, usize> = HashMap::new();
    for (id, view) in held {
        let at = *index.entry(view as *const View).or_insert_with(|| {
            seen.push(Seen { view, holders: Vec::new() });
            seen.len() - 1
        });
        seen[at].holders.push(id);
    }
    seen
}

/// The connected group of node IDs (by "knows") that owns the most slots, then holds `first`
/// (the first entry node's ID: the cluster the user named first wins a tie), then has the most
/// nodes; `owned` says how many slots a node that answered claims itself.
fn main_component(views: &[Seen], owned: &HashMap<&str, usize>, first: Option<&str>) -> BTreeSet<String> {
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for seen in views {
        let mut group: BTreeSet<String> = seen.view.lines.iter().filter(|l| !l.flags.handshake).map(|l| l.id.clone()).collect();
        group.extend(seen.holders.iter().map(|id| (*id).to_owned()));
        let (joined, rest): (Vec<_>, Vec<_>) = groups.into_iter().partition(|g| !g.is_disjoint(&group));
        for g in joined {
            group.extend(g);
        }
        groups = rest;
        groups.push(group);
    }
    let owned_slots = |group: &BTreeSet<String>| -> usize { group.iter().filter_map(|id| owned.get(id.as_str())).sum() };
    let holds_first = |group: &BTreeSet<String>| first.is_some_and(|id| group.contains(id));
    groups.into_iter().max_by_key(|g| (owned_slots(g), holds_first(g), g.len())).unwrap_or_default()
}

fn stranger(addr: &NodeAddr, state: &NodeState) -> Stranger {
    Stranger {
        addr: addr.clone(),
        id: state.id.clone(),
        known_nodes: state.view.lines.len(),
        slots: state.myself().map_or(0, |m| m.slots.len()),
        keys: state.info.keys,
        cluster_enabled: state.info.cluster_enabled,
    }
}

fn member_from_self(addr: &NodeAddr, state: &NodeState, views: &[Seen]) -> Option<Member> {
    let me = state.myself()?;
    let mut member = member_from_line(me, seen_as(&me.id, views));
    member.reached_at = Some(addr.clone());
    if member.addr.is_none() {
        // A node alone in its cluster does not know its own IP yet; the address we reached it on stands in.
        member.addr = member.reached_at.clone();
    }
    member.state = Some(state.clone());
    Some(member)
}

fn member_from_others(id: &str, views: &[Seen], probes: &BTreeMap<NodeAddr, Result<NodeState, String>>) -> Option<Member> {
    let line = views.iter().filter_map(|s| s.view.line(id)).max_by_key(|l| !l.flags.handshake)?;
    let mut member = member_from_line(line, seen_as(id, views));
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

/// The failure flags other nodes put on `id`: every view held by some node other than `id`.
fn seen_as(id: &str, views: &[Seen]) -> Flags {
    let mut flags = Flags::default();
    let by_others = views.iter().filter(|s| s.holders.iter().any(|h| *h != id));
    for line in by_others.filter_map(|s| s.view.line(id)) {
        flags.fail |= line.flags.fail;
        flags.pfail |= line.flags.pfail;
        flags.handshake |= line.flags.handshake;
        flags.noaddr |= line.flags.noaddr;
    }
    flags
}

/// Which node owns which slots, as one view has it.
type SlotMap<'a> = BTreeSet<(&'a str, Vec<SlotRange>)>;

fn slot_map_signature(view: &View) -> SlotMap<'_> {
    view.lines.iter().filter(|l| !l.slots.is_empty()).map(|l| (l.id.as_str(), l.slots.ranges())).collect()
}

/// The cluster members whose slot map differs from the one most members hold.
fn disagreements(self_views: &HashMap<&str, (&NodeAddr, &NodeState)>, views: &[Seen]) -> Vec<Disagreement> {
    let members = |s: &Seen| s.holders.iter().filter(|h| self_views.contains_key(**h)).count();
    let mut counts: BTreeMap<SlotMap, (usize, Vec<&str>)> = BTreeMap::new();
    for seen in views.iter().filter(|s| members(s) > 0) {
        let entry = counts.entry(slot_map_signature(seen.view)).or_default();
        entry.0 += members(seen);
        entry.1.extend(seen.holders.iter().filter(|h| self_views.contains_key(**h)));
    }
    let Some(majority) = counts.values().map(|(n, _)| *n).max() else {
        return Vec::new();
    };
    let Some(winner) = counts.iter().find(|(_, (n, _))| *n == majority).map(|(k, _)| k.clone()) else {
        return Vec::new();
    };
    let mut out: Vec<Disagreement> = counts
        .iter()
        .filter(|(signature, _)| **signature != winner)
        .flat_map(|(_, (_, holders))| holders.iter().map(|h| Disagreement { node: (*h).to_owned(), differs_from: majority }))
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
            let line = state.view.line(&member.id).filter(|l| !l.flags.handshake && !l.flags.noaddr);
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
        Err(err.hint("check the addresses, and that the servers run with cluster-enabled yes (members of a Sentinel group: name their sentinels with --sentinels)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(text: &str, keys: u64) -> NodeState {
        let info = InfoFacts { cluster_enabled: true, keys, ..Default::default() };
        NodeState::from_cluster_nodes(text, info, true).unwrap()
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
