//! Resizing a cluster to M masters with R replicas each: which members stay, which shards keep
//! their slots, which replicas take over from a leaving master, which slots move where, who
//! replicates whom, and who leaves. Pure and property-tested: it reads the topology and the
//! platform's seats (members with names, ordinals and sites), never a pod.
//!
//! On a resizable platform the members that stay are the lowest ordinals (a StatefulSet removes
//! its highest); the shards with the most staying members keep their slots, a kept shard whose
//! master leaves fails over to a staying replica, and only the slots of dropped shards move. On a
//! fixed platform the shards with the fewest slots leave, replicas first, and empty nodes given by
//! the operator join.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde::Serialize;

use super::guard;
use super::moves::{self, Holder, Move};
use super::placement::{self, PlacementReport, Site};
use super::{NodeRef, Step, node_ref};
use crate::error::{Error, Result};
use crate::redis::addr::NodeAddr;
use crate::redis::slots::{SlotRange, SlotSet, format_ranges};
use crate::redis::topology::{Member, Stranger, Topology};

/// A member of the platform: a place a node runs or will run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub name: String,
    /// Position in a resizable platform (a StatefulSet ordinal); `None` on a fixed one.
    pub ordinal: Option<usize>,
    /// Where it answers; `None` while the platform has not started it yet.
    pub addr: Option<NodeAddr>,
    pub site: Site,
}

/// Masters × replicas per master.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Shape {
    pub masters: usize,
    pub replicas: usize,
}

impl Shape {
    pub fn members(&self) -> usize {
        self.masters * (1 + self.replicas)
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}×{}", self.masters, self.replicas)
    }
}

#[derive(Debug, Clone, Default)]
pub struct ScaleRequest {
    pub masters: usize,
    /// `None`: keep the current replication.
    pub replicas: Option<usize>,
    /// Allow fewer than 3 masters.
    pub force: bool,
    /// Members (name, HOST:PORT or ID prefix) whose data may be destroyed: a member that
    /// remembers another cluster and holds slots or keys is emptied only when named here.
    pub discard_data_on: Vec<String>,
}

/// The most replicas a master may be given.
pub const MAX_REPLICAS: usize = 10;
/// Below this many percent off its share a kept master is not rebalanced (as `rebalance`'s default).
const THRESHOLD_PCT: f64 = 2.0;
/// What moving an existing replica to another master costs in the placement search: a full resync.
const REHOME_COST: u32 = 5;

/// The shape the cluster has: masters that own slots, and the most common replica count among them.
pub fn current_shape(topology: &Topology) -> Shape {
    let owners: Vec<&Member> = topology.masters().filter(|m| !m.slots.is_empty()).collect();
    let mut replicas_of: HashMap<&str, usize> = HashMap::new();
    for replica in topology.members.iter().filter(|m| !m.is_master()) {
        *replicas_of.entry(replica.master_id.as_deref().unwrap_or("")).or_default() += 1;
    }
    let mut counts = std::collections::BTreeMap::<usize, usize>::new();
    for m in &owners {
        *counts.entry(replicas_of.get(m.id.as_str()).copied().unwrap_or(0)).or_default() += 1;
    }
    let replicas = counts.iter().max_by_key(|(r, n)| (**n, **r)).map_or(0, |(r, _)| *r);
    Shape { masters: owners.len(), replicas }
}

/// The shape asked for, or why it cannot be.
pub fn target_shape(topology: &Topology, request: &ScaleRequest) -> Result<Shape> {
    if request.masters == 0 || request.masters > 1000 {
        return Err(Error::usage(format!("--masters {} is out of range", request.masters)).hint("give 1 to 1000 masters"));
    }
    if request.masters < 3 && !request.force {
        return Err(Error::refused(format!("{} master(s) cannot fail over automatically", request.masters))
            .hint("a cluster needs at least 3 masters to elect a new master; pass --force to scale to fewer anyway"));
    }
    let replicas = request.replicas.unwrap_or_else(|| current_shape(topology).replicas);
    if replicas > MAX_REPLICAS {
        return Err(
            Error::usage(format!("--replicas {replicas} is out of range")).hint(format!("give 0 to {MAX_REPLICAS} replicas"))
        );
    }
    Ok(Shape { masters: request.masters, replicas })
}

/// What a seat holds now.
#[derive(Debug, Clone)]
enum Occupant<'t> {
    Member(&'t Member),
    /// Running, empty and alone: can join as it is.
    Spare(NodeRef),
    /// Running, outside this cluster, but remembering another one (nodes, slots or keys).
    Stale(NodeRef, Remembered),
    /// Not started yet (or not answering).
    Pending,
}

/// What a member that remembers another cluster holds.
#[derive(Debug, Clone)]
struct Remembered {
    nodes: usize,
    slots: usize,
    keys: u64,
}

impl Remembered {
    fn holds_data(&self) -> bool {
        self.slots > 0 || self.keys > 0
    }
}

impl fmt::Display for Remembered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "knows {} other node(s), owns {} slot(s), holds {} key(s)", self.nodes, self.slots, self.keys)
    }
}

/// A seat with what it holds: the planner's unit.
#[derive(Debug, Clone)]
struct Unit<'t> {
    seat: Seat,
    occupant: Occupant<'t>,
    /// Slots as they will be once the moves of an interrupted run are finished.
    slots: SlotSet,
}

impl Unit<'_> {
    fn member(&self) -> Option<&Member> {
        match self.occupant {
            Occupant::Member(m) => Some(m),
            _ => None,
        }
    }

    fn is_replica(&self) -> bool {
        self.member().is_some_and(|m| !m.is_master())
    }

    fn node(&self) -> Option<NodeRef> {
        // Only a platform with ordinals names its members; elsewhere the address is the name.
        let name = self.seat.ordinal.map(|_| self.seat.name.clone());
        match &self.occupant {
            Occupant::Member(m) => node_ref(m).map(|r| NodeRef { name, ..r }),
            Occupant::Spare(r) | Occupant::Stale(r, _) => Some(NodeRef { name, ..r.clone() }),
            Occupant::Pending => None,
        }
    }

    fn order(&self) -> (usize, String) {
        (self.seat.ordinal.unwrap_or(usize::MAX), self.seat.name.clone())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Resize {
    pub from: usize,
    pub to: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StaleMember {
    pub name: String,
    pub why: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failover {
    /// The replica that becomes master.
    pub promote: String,
    /// The master that leaves.
    pub demote: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShardLayout {
    pub master: String,
    pub replicas: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MoveOutline {
    pub source: String,
    pub target: String,
    pub slots: Vec<SlotRange>,
    pub slot_count: usize,
    /// Estimated from the source's keys and memory per slot.
    pub keys: u64,
    pub bytes: u64,
}

/// What `scale` will do, by member name; concrete steps come from `phases` once every member runs.
#[derive(Debug, Clone, Serialize)]
pub struct ScalePlan {
    pub from: Shape,
    pub to: Shape,
    /// Platform size change, on a resizable platform.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resize: Option<Resize>,
    /// Members that will be wiped (after confirmation) because they remember another cluster.
    pub stale: Vec<StaleMember>,
    /// Replicas that leave their shard and come back as new, empty masters.
    pub recycled: Vec<String>,
    pub joining: Vec<String>,
    pub failovers: Vec<Failover>,
    /// Replicas that get a (new) master: `(replica, master)`.
    pub replicate: Vec<(String, String)>,
    pub moves: Vec<MoveOutline>,
    pub slots_moving: usize,
    pub keys_moving: u64,
    pub bytes_moving: u64,
    /// Members that leave the cluster (forgotten by every other node and reset).
    pub leaving: Vec<String>,
    /// The layout once done.
    pub layout: Vec<ShardLayout>,
    pub placement: PlacementReport,
    #[serde(skip)]
    decisions: Decisions,
}

/// The plan's decisions with node references (absent for seats not started yet).
#[derive(Debug, Clone, Default)]
struct Decisions {
    refs: Vec<Option<NodeRef>>,
    stale: Vec<usize>,
    recycled: Vec<usize>,
    joining: Vec<usize>,
    /// (promote, demote)
    failovers: Vec<(usize, usize)>,
    /// (replica, master, after the moves)
    replicate: Vec<(usize, usize, bool)>,
    moves: Vec<(usize, usize, Vec<SlotRange>)>,
    leaving: Vec<usize>,
    /// Every member that stays: forgets the leaving ones.
    staying_members: Vec<usize>,
    entry: Option<usize>,
}

/// The concrete steps of a plan, in the order they run.
#[derive(Debug, Clone, Default)]
pub struct Phases {
    /// Resets of members that remember another cluster; they need their own confirmation.
    pub wipes: Vec<Step>,
    /// Recycling, joins, failovers and replicas that can change before slots move.
    pub before_moves: Vec<Step>,
    pub moves: Vec<Move>,
    /// Drained masters becoming replicas, then the leaving members are forgotten and reset.
    pub after_moves: Vec<Step>,
}

impl ScalePlan {
    /// True when the cluster already has the asked shape on the asked members.
    pub fn is_noop(&self) -> bool {
        self.resize.is_none()
            && self.stale.is_empty()
            && self.recycled.is_empty()
            && self.joining.is_empty()
            && self.failovers.is_empty()
            && self.replicate.is_empty()
            && self.moves.is_empty()
            && self.leaving.is_empty()
    }

    /// The steps, or `None` while a member they involve has not started yet.
    pub fn phases(&self) -> Option<Phases> {
        let d = &self.decisions;
        let r = |i: usize| d.refs[i].clone();
        let mut phases = Phases::default();
        for &i in &d.stale {
            phases.wipes.push(Step::Wipe { node: r(i)? });
        }
        let staying: Vec<NodeRef> = d.staying_members.iter().filter_map(|&i| r(i)).collect();
        let joining: Vec<NodeRef> = d.joining.iter().map(|&i| r(i)).collect::<Option<_>>()?;
        // Members that stay plus those that join: all of them must agree, and all of them forget
        // the leaving ones (a joined node learns of them by gossip).
        let everyone: Vec<NodeRef> = staying.iter().chain(&joining).cloned().collect();
        let leaving: Vec<NodeRef> = d.leaving.iter().map(|&i| r(i)).collect::<Option<_>>()?;
        if !d.recycled.is_empty() {
            // They take new IDs: everything else is planned again once they are spare nodes.
            let recycled: Vec<NodeRef> = d.recycled.iter().map(|&i| r(i)).collect::<Option<_>>()?;
            let members: Vec<NodeRef> = staying.iter().chain(&leaving).cloned().collect();
            phases.before_moves.extend(leave_in_turn(&members, &recycled));
            return Some(phases);
        }
        if !joining.is_empty() {
            let entry = r(d.entry?)?;
            for node in &joining {
                phases.before_moves.push(Step::Meet { node: node.clone(), peer: entry.clone(), peer_bus_port: None });
            }
            phases.before_moves.push(Step::WaitForAgreement { nodes: everyone.clone() });
            phases.before_moves.push(Step::WaitForClusterOk { nodes: joining.clone() });
        }
        for &(promote, demote) in &d.failovers {
            phases.before_moves.push(Step::Failover { node: r(promote)?, master: r(demote)? });
        }
        if !d.failovers.is_empty() {
            phases.before_moves.push(Step::WaitForAgreement { nodes: everyone.clone() });
        }
        for after in [false, true] {
            let list: Vec<(NodeRef, NodeRef)> = d
                .replicate
                .iter()
                .filter(|(_, _, a)| *a == after)
                .map(|&(node, master, _)| Some((r(node)?, r(master)?)))
                .collect::<Option<_>>()?;
            let steps = if after { &mut phases.after_moves } else { &mut phases.before_moves };
            replicate_steps(steps, &list);
        }
        for (source, target, slots) in &d.moves {
            phases.moves.push(Move { source: r(*source)?, target: r(*target)?, slots: slots.clone() });
        }
        phases.after_moves.extend(leave_in_turn(&everyone, &leaving));
        Some(phases)
    }
}

/// Each of `leaving` in turn is forgotten by every member of `remaining` and by the leaving ones
/// not reset yet, then reset. A member that still knew its old ID would gossip it back (once the
/// forget ban expires) and would make a re-run see a stranger at that address.
fn leave_in_turn(remaining: &[NodeRef], leaving: &[NodeRef]) -> Vec<Step> {
    let mut steps = Vec::new();
    for (k, node) in leaving.iter().enumerate() {
        let forgetters = remaining.iter().chain(&leaving[k + 1..]).filter(|s| s.id != node.id);
        steps.extend(forgetters.map(|s| Step::Forget { node: s.clone(), forget: node.clone() }));
        steps.push(Step::ResetHard { node: node.clone() });
    }
    steps
}

/// REPLICATE only: the first syncs run while slots move, and `settle` waits for them at the end.
fn replicate_steps(steps: &mut Vec<Step>, list: &[(NodeRef, NodeRef)]) {
    for (node, master) in list {
        steps.push(Step::Replicate { node: node.clone(), master: master.clone() });
    }
}

/// The waits that end a resize: every member agrees on the configuration and (`synced`) every
/// replica finished its first sync, so the check that follows sees the cluster as it stays.
pub fn settle(topology: &Topology, synced: bool) -> Vec<Step> {
    let members: Vec<NodeRef> = topology.reachable().filter_map(node_ref).collect();
    let mut steps = vec![Step::WaitForAgreement { nodes: members }];
    let replicas = topology.reachable().filter(|m| synced && !m.is_master()).filter_map(node_ref);
    steps.extend(replicas.map(|node| Step::WaitForReplicaLink { node }));
    steps
}

impl fmt::Display for ScalePlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Plan: scale {} → {} ({} members)", self.from, self.to, self.to.members())?;
        if let Some(resize) = &self.resize {
            let verb = if resize.to > resize.from { "grow" } else { "shrink" };
            writeln!(f, "  {verb} the platform from {} to {} members", resize.from, resize.to)?;
        }
        for s in &self.stale {
            writeln!(f, "  {} remembers another cluster ({}): it is reset and emptied after you confirm", s.name, s.why)?;
        }
        for name in &self.recycled {
            writeln!(f, "  {name} leaves its shard and comes back as a new master")?;
        }
        if !self.joining.is_empty() {
            writeln!(f, "  join: {}", self.joining.join(", "))?;
        }
        for fo in &self.failovers {
            writeln!(f, "  failover: {} takes over from {}, which leaves (no slots move)", fo.promote, fo.demote)?;
        }
        for (replica, master) in &self.replicate {
            writeln!(f, "  {replica} becomes a replica of {master}")?;
        }
        if !self.moves.is_empty() {
            writeln!(
                f,
                "  move {} slot(s), about {} key(s) and {}:",
                self.slots_moving,
                self.keys_moving,
                crate::units::human_bytes(self.bytes_moving)
            )?;
            for m in &self.moves {
                writeln!(f, "    {} slot(s) {} from {} to {}", m.slot_count, format_ranges(&m.slots), m.source, m.target)?;
            }
        }
        if !self.leaving.is_empty() {
            writeln!(f, "  leave the cluster (forgotten by every node, then reset): {}", self.leaving.join(", "))?;
        }
        writeln!(f, "  layout after:")?;
        for shard in &self.layout {
            let replicas = if shard.replicas.is_empty() { "no replicas".to_owned() } else { shard.replicas.join(", ") };
            writeln!(f, "    {} ← {replicas}", shard.master)?;
        }
        writeln!(f, "  placement: {}", self.placement.status.as_str())?;
        for reason in &self.placement.reasons {
            writeln!(f, "    - {reason}")?;
        }
        if self.is_noop() {
            writeln!(f, "Nothing to change: the cluster already is {}.", self.to)?;
        }
        Ok(())
    }
}

/// Plans the resize. `seats` are the platform's members (on a resizable platform ordinals
/// 0..max(now, target)); `pinned` are the unfinished moves of an interrupted run of the same
/// request, which are finished first and counted as done when choosing everything else.
pub fn plan(topology: &Topology, seats: &[Seat], resizable: bool, request: &ScaleRequest, pinned: &[Move]) -> Result<ScalePlan> {
    let from = current_shape(topology);
    if from.masters == 0 {
        return Err(Error::refused("no master of this cluster owns slots").hint("create the cluster first: kubectl redis create"));
    }
    let to = target_shape(topology, request)?;
    let mut units = units(topology, seats, resizable, pinned)?;
    if resizable && units.len() < to.members() {
        return Err(Error::failed(format!("the platform offers {} members, {} are needed", units.len(), to.members())));
    }
    let staying: Vec<bool> = match resizable {
        true => units.iter().map(|u| u.seat.ordinal.is_some_and(|o| o < to.members())).collect(),
        false => units.iter().map(|_| true).collect(),
    };
    let shard_of = Shards::new(&units);
    let shards = ranked_shards(&units, &shard_of, &staying, resizable);
    let kept: Vec<usize> = shards.iter().take(to.masters).copied().collect();
    let mut failovers = Vec::new();
    let mut masters = Vec::new();
    for &m in &kept {
        if staying[m] {
            masters.push(m);
        } else {
            let promote = shard_of.replicas(m).iter().copied().filter(|&r| staying[r]).min_by_key(|&r| units[r].order());
            let promote = promote.expect("a kept shard has a staying member");
            failovers.push((promote, m));
            masters.push(promote);
            // The replica takes over the slots: they do not move.
            units[promote].slots = std::mem::take(&mut units[m].slots);
        }
    }
    // Who may fill the layout: on a resizable platform every staying seat; on a fixed one the
    // kept shards' replicas and the empty nodes given (dropped shards leave whole).
    let usable = |i: usize| match &units[i].occupant {
        _ if resizable => true,
        Occupant::Spare(_) => true,
        Occupant::Member(m) => {
            let empty_master = m.is_master() && units[i].slots.is_empty() && shard_of.replicas(i).is_empty();
            empty_master || shard_of.master(i).is_some_and(|k| kept.contains(&k))
        }
        Occupant::Stale(..) | Occupant::Pending => false,
    };
    let mut free: Vec<usize> = (0..units.len()).filter(|&i| staying[i] && !masters.contains(&i) && usable(i)).collect();
    let mut recycled = Vec::new();
    while masters.len() < to.masters {
        let pick = pick_new_master(&units, &masters, &free).ok_or_else(|| short_of_members(to, &units, &masters, &free))?;
        if units[pick].is_replica() {
            recycled.push(pick);
        }
        free.retain(|&i| i != pick);
        masters.push(pick);
    }
    let layout = assign_replicas(&units, &shard_of, &masters, &free, to.replicas, resizable)?;
    let placed: BTreeSet<usize> = layout.iter().flat_map(|(m, rs)| std::iter::once(*m).chain(rs.iter().copied())).collect();

    let mut d = Decisions { refs: units.iter().map(Unit::node).collect(), recycled, ..Default::default() };
    d.failovers = failovers;
    for &i in &placed {
        match &units[i].occupant {
            Occupant::Stale(node, held) => {
                if held.holds_data() && !named(&request.discard_data_on, &units[i].seat, node) {
                    return Err(data_on_stale_member(&units[i].seat, node, held));
                }
                d.stale.push(i);
                d.joining.push(i);
            }
            Occupant::Spare(_) | Occupant::Pending => d.joining.push(i),
            Occupant::Member(_) => {}
        }
    }
    for (master, replicas) in &layout {
        for &r in replicas {
            let current = units[r].member().filter(|m| !m.is_master()).and_then(|m| m.master_id.clone());
            let master_id = units[*master].member().map(|m| m.id.clone());
            if current.is_none() || current != master_id || d.recycled.contains(&r) {
                let owns_slots = units[r].member().is_some_and(|m| m.is_master() && !m.slots.is_empty());
                d.replicate.push((r, *master, owns_slots));
            }
        }
    }
    // Current replicas first: a master changes role only after its replicas found another one.
    d.replicate.sort_by_key(|&(r, _, after)| (after, !units[r].is_replica(), units[r].order()));
    d.moves = slot_moves(&units, &masters, pinned)?;
    d.leaving = (0..units.len()).filter(|i| units[*i].member().is_some() && !placed.contains(i)).collect();
    d.leaving.sort_by_key(|&i| (!units[i].is_replica(), units[i].order()));
    d.staying_members = placed.iter().copied().filter(|i| units[*i].member().is_some() && !d.recycled.contains(i)).collect();
    d.entry = masters.iter().copied().find(|&m| units[m].member().is_some_and(|m| m.state.is_some()));
    refuse_overfilling(topology, &units, &d.moves)?;

    let name = |i: usize| units[i].seat.name.clone();
    let outlines: Vec<MoveOutline> = d.moves.iter().map(|(s, t, slots)| outline(&units, *s, *t, slots)).collect();
    let platform_size = units.iter().filter(|u| u.seat.addr.is_some()).count();
    let resize = (resizable && platform_size != to.members()).then_some(Resize { from: platform_size, to: to.members() });
    Ok(ScalePlan {
        from,
        to,
        resize,
        stale: d
            .stale
            .iter()
            .map(|&i| StaleMember {
                name: name(i),
                why: if let Occupant::Stale(_, held) = &units[i].occupant { held.to_string() } else { String::new() },
            })
            .collect(),
        recycled: d.recycled.iter().map(|&i| name(i)).collect(),
        joining: d.joining.iter().map(|&i| name(i)).collect(),
        failovers: d.failovers.iter().map(|&(p, m)| Failover { promote: name(p), demote: name(m) }).collect(),
        replicate: d.replicate.iter().map(|&(r, m, _)| (name(r), name(m))).collect(),
        slots_moving: outlines.iter().map(|m| m.slot_count).sum(),
        keys_moving: outlines.iter().map(|m| m.keys).sum(),
        bytes_moving: outlines.iter().map(|m| m.bytes).sum(),
        moves: outlines,
        leaving: d.leaving.iter().map(|&i| name(i)).collect(),
        placement: report_placement(&units, &layout),
        layout: layout
            .iter()
            .map(|(m, rs)| ShardLayout { master: name(*m), replicas: rs.iter().map(|&r| name(r)).collect() })
            .collect(),
        decisions: d,
    })
}

/// Whether one of `references` names the member: its name, HOST:PORT, or a prefix of its ID (4+).
fn named(references: &[String], seat: &Seat, node: &NodeRef) -> bool {
    references.iter().any(|r| {
        *r == seat.name || *r == node.addr.to_string() || (r.len() >= 4 && node.id.starts_with(r.to_ascii_lowercase().as_str()))
    })
}

/// Emptying a member that holds data of another cluster destroys that data: `--yes` does not
/// allow it, only a flag that names the member.
fn data_on_stale_member(seat: &Seat, node: &NodeRef, held: &Remembered) -> Error {
    Error::refused(format!(
        "{} ({}) remembers another cluster and holds data: it owns {} slot(s) and {} key(s), which joining would destroy",
        seat.name, node.addr, held.slots, held.keys
    ))
    .hint(format!(
        "if that data is not needed, run the command again with --discard-data-on {}; otherwise copy it off first",
        seat.name
    ))
}

/// Seats with what they hold; on a fixed platform also every member the seats do not list.
fn units<'t>(topology: &'t Topology, seats: &[Seat], resizable: bool, pinned: &[Move]) -> Result<Vec<Unit<'t>>> {
    // The first member and the first stranger at each address, found in one pass each.
    let mut members: HashMap<&NodeAddr, &Member> = HashMap::new();
    for m in &topology.members {
        if let Some(addr) = &m.addr {
            members.entry(addr).or_insert(m);
        }
    }
    let mut strangers: HashMap<&NodeAddr, &Stranger> = HashMap::new();
    for s in &topology.strangers {
        strangers.entry(&s.addr).or_insert(s);
    }
    let mut units: Vec<Unit<'t>> = seats
        .iter()
        .map(|seat| {
            let member: Option<&Member> = seat.addr.as_ref().and_then(|a| members.get(a).copied());
            let stranger: Option<&Stranger> = seat.addr.as_ref().and_then(|a| strangers.get(a).copied());
            let occupant = match (member, stranger) {
                (Some(m), _) => Occupant::Member(m),
                (None, Some(s)) if s.is_spare() => Occupant::Spare(NodeRef::new(s.id.clone(), s.addr.clone())),
                (None, Some(s)) if s.cluster_enabled => {
                    let held = Remembered { nodes: s.known_nodes.saturating_sub(1), slots: s.slots, keys: s.keys };
                    Occupant::Stale(NodeRef::new(s.id.clone(), s.addr.clone()), held)
                }
                (None, Some(s)) => {
                    return Err(Error::refused(format!("{} ({}) runs with cluster mode disabled", seat.name, s.addr))
                        .hint("start it with cluster-enabled yes"));
                }
                (None, None) => Occupant::Pending,
            };
            Ok(Unit { seat: seat.clone(), occupant, slots: SlotSet::default() })
        })
        .collect::<Result<_>>()?;
    let seated: BTreeSet<String> = units.iter().filter_map(|u| u.member()).map(|m| m.id.clone()).collect();
    for m in &topology.members {
        if seated.contains(&m.id) {
            continue;
        }
        if resizable {
            return Err(Error::refused(format!("{} is in the cluster but is not a member of the platform", m.label()))
                .hint("remove it with `kubectl redis del-node` (or `fix` for a ghost) first"));
        }
        let addr = m.addr.clone();
        let site = Site::new(addr.as_ref().map_or_else(|| "unknown".to_owned(), |a| a.host.clone()), None);
        let name = addr.as_ref().map_or_else(|| m.short_id().to_owned(), ToString::to_string);
        units.push(Unit {
            seat: Seat { name, ordinal: None, addr, site },
            occupant: Occupant::Member(m),
            slots: SlotSet::default(),
        });
    }
    for unit in &mut units {
        if let Some(m) = unit.member() {
            unit.slots = m.slots.clone();
        }
    }
    for mv in pinned {
        let index = |id: &str| units.iter().position(|u| u.member().is_some_and(|m| m.id == id));
        let (Some(s), Some(t)) = (index(&mv.source.id), index(&mv.target.id)) else { continue };
        for range in &mv.slots {
            for slot in range.start..=range.end {
                units[s].slots.remove(slot);
                units[t].slots.insert(slot);
            }
        }
    }
    Ok(units)
}

/// Units that replicate the master at `master`.
/// Which unit follows which master, found once: plans for a thousand masters ask it often.
struct Shards {
    replicas: Vec<Vec<usize>>,
    master: Vec<Option<usize>>,
}

impl Shards {
    fn new(units: &[Unit]) -> Shards {
        let by_id: HashMap<&str, usize> = units
            .iter()
            .enumerate()
            .filter_map(|(i, u)| u.member().filter(|m| m.is_master()).map(|m| (m.id.as_str(), i)))
            .collect();
        let master: Vec<Option<usize>> = units
            .iter()
            .map(|u| {
                u.member().filter(|m| !m.is_master()).and_then(|m| m.master_id.as_deref()).and_then(|id| by_id.get(id).copied())
            })
            .collect();
        let mut replicas = vec![Vec::new(); units.len()];
        for (r, m) in master.iter().enumerate() {
            if let Some(m) = m {
                replicas[*m].push(r);
            }
        }
        Shards { replicas, master }
    }

    /// The units that replicate the master unit `m`.
    fn replicas(&self, m: usize) -> &[usize] {
        &self.replicas[m]
    }

    /// The master unit that unit `r` replicates.
    fn master(&self, r: usize) -> Option<usize> {
        self.master[r]
    }
}

/// Masters that own slots or have replicas and keep at least one member, best first: on a
/// resizable platform the most staying members, then the most slots; on a fixed one the most slots.
fn ranked_shards(units: &[Unit], shard_of: &Shards, staying: &[bool], resizable: bool) -> Vec<usize> {
    let mut shards: Vec<(usize, usize, usize)> = (0..units.len())
        .filter(|&i| units[i].member().is_some_and(Member::is_master))
        .map(|i| {
            let replicas = shard_of.replicas(i);
            let survivors = usize::from(staying[i]) + replicas.iter().filter(|&&r| staying[r]).count();
            (i, survivors, replicas.len())
        })
        .filter(|&(i, survivors, replicas)| survivors > 0 && (!units[i].slots.is_empty() || replicas > 0))
        .collect();
    shards.sort_by_key(|&(i, survivors, _)| {
        let first = if resizable { survivors } else { 0 };
        (std::cmp::Reverse(first), std::cmp::Reverse(units[i].slots.len()), units[i].order())
    });
    shards.into_iter().map(|(i, _, _)| i).collect()
}

/// A new master among the free units: one that is no replica (a spare, a seat to start, an empty
/// master) before one that must be recycled; then the one whose host and zone the fewest masters
/// share (counted once per pick, not per candidate: a thousand masters make that matter).
fn pick_new_master(units: &[Unit], masters: &[usize], free: &[usize]) -> Option<usize> {
    let mut hosts: HashMap<&str, u32> = HashMap::new();
    let mut zones: HashMap<&str, u32> = HashMap::new();
    for site in masters.iter().map(|&m| &units[m].seat.site) {
        *hosts.entry(site.host.as_str()).or_default() += 1;
        if let Some(zone) = &site.zone {
            *zones.entry(zone.as_str()).or_default() += 1;
        }
    }
    free.iter().copied().min_by_key(|&i| {
        let site = &units[i].seat.site;
        let on_host = hosts.get(site.host.as_str()).copied().unwrap_or(0);
        let in_zone = site.zone.as_deref().and_then(|z| zones.get(z)).copied().unwrap_or(0);
        (units[i].is_replica(), on_host * 10 + in_zone, units[i].order())
    })
}

fn short_of_members(to: Shape, units: &[Unit], masters: &[usize], free: &[usize]) -> Error {
    let have = masters.len() + free.len();
    let spare = units.iter().filter(|u| matches!(u.occupant, Occupant::Spare(_))).count();
    Error::refused(format!("{} needs {} members; only {have} can take part ({spare} empty node(s) given)", to, to.members()))
        .hint("add empty cluster-enabled nodes to --nodes, or ask for fewer masters or replicas")
}

/// Gives every master `replicas` replicas: each keeps its own where it may, the rest are placed
/// where they share the least with their master, then swaps improve the placement.
fn assign_replicas(
    units: &[Unit],
    shard_of: &Shards,
    masters: &[usize],
    free: &[usize],
    replicas: usize,
    resizable: bool,
) -> Result<Vec<(usize, Vec<usize>)>> {
    let mut layout: Vec<(usize, Vec<usize>)> = masters.iter().map(|&m| (m, Vec::new())).collect();
    let mut pool: Vec<usize> = free.to_vec();
    let cost = |r: usize, m: usize, siblings: &[usize]| -> u32 {
        let sites: Vec<&Site> = siblings.iter().filter(|&&s| s != r).map(|&s| &units[s].seat.site).collect();
        placement::replica_cost(&units[r].seat.site, &units[m].seat.site, &sites)
    };
    for (m, assigned) in &mut layout {
        let mut own: Vec<usize> = pool.iter().copied().filter(|&r| shard_of.master(r) == Some(*m)).collect();
        own.sort_by_key(|&r| (cost(r, *m, &[]), units[r].order()));
        own.truncate(replicas);
        pool.retain(|r| !own.contains(r));
        assigned.extend(own);
    }
    while let Some((slot, r)) = layout
        .iter()
        .enumerate()
        .filter(|(_, (_, a))| a.len() < replicas)
        .flat_map(|(k, (m, a))| pool.iter().map(move |&r| ((k, r), (cost(r, *m, a), a.len(), units[r].order()))))
        .min_by(|a, b| a.1.cmp(&b.1))
        .map(|(pair, _)| pair)
    {
        layout[slot].1.push(r);
        pool.retain(|&p| p != r);
    }
    if let Some((m, a)) = layout.iter().find(|(_, a)| a.len() < replicas) {
        let missing: usize = layout.iter().map(|(_, a)| replicas - a.len()).sum();
        let err = Error::refused(format!(
            "{} would have {} replica(s) of {replicas}: {missing} more member(s) are needed",
            units[*m].seat.name,
            a.len()
        ));
        return Err(if resizable {
            err
        } else {
            err.hint("add empty cluster-enabled nodes to --nodes, or ask for fewer replicas")
        });
    }
    improve_by_swaps(units, shard_of, &mut layout, &cost);
    Ok(layout)
}

/// Swaps replicas between masters while that lowers the placement cost by more than the resyncs
/// cost. A swap changes the cost of its two shards only, and cannot lower two shards that cost
/// nothing: only those pairs are weighed.
fn improve_by_swaps(
    units: &[Unit],
    shard_of: &Shards,
    layout: &mut [(usize, Vec<usize>)],
    cost: &impl Fn(usize, usize, &[usize]) -> u32,
) {
    let rehome = |r: usize, m: usize| if units[r].is_replica() && shard_of.master(r) != Some(m) { REHOME_COST } else { 0 };
    let shard_cost = |(m, rs): &(usize, Vec<usize>)| -> u32 { rs.iter().map(|&r| cost(r, *m, rs) + rehome(r, *m)).sum() };
    for _ in 0..20 {
        let mut improved = false;
        let n = layout.len();
        let mut costs: Vec<u32> = layout.iter().map(shard_cost).collect();
        for a in 0..n {
            for b in a + 1..n {
                for i in 0..layout[a].1.len() {
                    for j in 0..layout[b].1.len() {
                        let before = costs[a] + costs[b];
                        if before == 0 {
                            continue;
                        }
                        let (ra, rb) = (layout[a].1[i], layout[b].1[j]);
                        // The resyncs the swap would cost alone may outweigh all it can save.
                        if rehome(ra, layout[b].0) + rehome(rb, layout[a].0) >= before {
                            continue;
                        }
                        layout[a].1[i] = rb;
                        layout[b].1[j] = ra;
                        let (after_a, after_b) = (shard_cost(&layout[a]), shard_cost(&layout[b]));
                        if after_a + after_b < before {
                            (costs[a], costs[b]) = (after_a, after_b);
                            improved = true;
                        } else {
                            layout[a].1[i] = ra;
                            layout[b].1[j] = rb;
                        }
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// The moves: the interrupted run's first, then the fewest that give every master its share
/// (dropped masters have weight 0), unless every kept master is within the threshold already.
fn slot_moves(units: &[Unit], masters: &[usize], pinned: &[Move]) -> Result<Vec<(usize, usize, Vec<SlotRange>)>> {
    let index = |id: &str| units.iter().position(|u| u.member().is_some_and(|m| m.id == id));
    let mut out: Vec<(usize, usize, Vec<SlotRange>)> =
        pinned.iter().filter_map(|mv| Some((index(&mv.source.id)?, index(&mv.target.id)?, mv.slots.clone()))).collect();
    let mut holders_at: Vec<usize> = masters.to_vec();
    holders_at.extend((0..units.len()).filter(|i| !masters.contains(i) && !units[*i].slots.is_empty()));
    let holders: Vec<Holder> = holders_at
        .iter()
        .map(|&i| Holder {
            node: NodeRef::new(i.to_string(), NodeAddr::new(units[i].seat.name.clone(), 0)),
            slots: units[i].slots.clone(),
            weight: if masters.contains(&i) { 1.0 } else { 0.0 },
        })
        .collect();
    let targets = moves::targets(&holders)?;
    if moves::needs_rebalance(&holders, &targets, THRESHOLD_PCT) {
        for mv in moves::rebalance(&holders, &targets) {
            let at = |r: &NodeRef| r.id.parse::<usize>().expect("holder ids are unit indices");
            out.push((at(&mv.source), at(&mv.target), mv.slots));
        }
    }
    Ok(out)
}

fn outline(units: &[Unit], source: usize, target: usize, slots: &[SlotRange]) -> MoveOutline {
    let count: usize = slots.iter().map(SlotRange::len).sum();
    let (keys, bytes) = units[source]
        .member()
        .and_then(|m| m.state.as_ref().map(|s| (s.info.keys, s.info.used_memory, m.slots.len().max(1))))
        .map_or((0, 0), |(k, b, owned)| (k * count as u64 / owned as u64, b * count as u64 / owned as u64));
    MoveOutline {
        source: units[source].seat.name.clone(),
        target: units[target].seat.name.clone(),
        slots: slots.to_vec(),
        slot_count: count,
        keys,
        bytes,
    }
}

/// The targets that are members already must have room (maxmemory) for what they receive.
fn refuse_overfilling(topology: &Topology, units: &[Unit], moves: &[(usize, usize, Vec<SlotRange>)]) -> Result<()> {
    let known: Vec<Move> = moves
        .iter()
        .filter_map(|(s, t, slots)| {
            let (s, t) = (node_ref(units[*s].member()?)?, node_ref(units[*t].member()?)?);
            Some(Move { source: s, target: t, slots: slots.clone() })
        })
        .collect();
    guard::refuse_overfilling(topology, &known)
}

fn report_placement(units: &[Unit], layout: &[(usize, Vec<usize>)]) -> PlacementReport {
    let pairs: Vec<(String, Site, String, Site)> = layout
        .iter()
        .flat_map(|(m, rs)| {
            rs.iter().map(move |&r| {
                (units[r].seat.name.clone(), units[r].seat.site.clone(), units[*m].seat.name.clone(), units[*m].seat.site.clone())
            })
        })
        .collect();
    let sites: Vec<Site> =
        layout.iter().flat_map(|(m, rs)| std::iter::once(m).chain(rs)).map(|&i| units[i].seat.site.clone()).collect();
    placement::report(&pairs, &sites)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::create::slot_ranges;
    use crate::redis::info::InfoFacts;
    use crate::redis::topology::{NodeState, assemble};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// A node of a test cluster: the master it follows (by index), or the slots it owns.
    #[derive(Debug, Clone)]
    enum Node {
        Master(Vec<SlotRange>),
        Replica(usize),
        Spare,
    }

    fn id(i: usize) -> String {
        format!("{:040x}", i + 1)
    }

    fn addr(i: usize) -> NodeAddr {
        NodeAddr::new(format!("127.0.9.{}", i + 1), 6379)
    }

    /// Every node answers with the same view of the cluster; spares know only themselves.
    fn cluster(nodes: &[Node]) -> Topology {
        let line = |i: usize, me: bool| -> Option<String> {
            let myself = if me { "myself," } else { "" };
            let (flags, master, slots) = match &nodes[i] {
                Node::Master(r) if r.is_empty() => ("master", "-".to_owned(), String::new()),
                Node::Master(r) => ("master", "-".to_owned(), format_ranges(r).replace(',', " ")),
                Node::Replica(m) => ("slave", id(*m), String::new()),
                Node::Spare if me => ("master", "-".to_owned(), String::new()),
                Node::Spare => return None,
            };
            Some(format!("{} {}@16379 {myself}{flags} {master} 0 0 {} connected {slots}\n", id(i), addr(i), i + 1))
        };
        let mut probes = BTreeMap::new();
        for (i, node) in nodes.iter().enumerate() {
            let text: String = match node {
                Node::Spare => line(i, true).unwrap(),
                _ => (0..nodes.len()).filter_map(|j| line(j, i == j)).collect(),
            };
            let owned: usize = match node {
                Node::Master(r) => r.iter().map(SlotRange::len).sum(),
                _ => 0,
            };
            let info = InfoFacts {
                cluster_enabled: true,
                keys: owned as u64 * 10,
                used_memory: owned as u64 * 1000,
                ..Default::default()
            };
            let state = NodeState::from_cluster_nodes(&text, info, true).unwrap();
            probes.insert(addr(i), Ok(state));
        }
        assemble(probes)
    }

    /// Seats 0..count: two per host, hosts over three zones (like the sandbox).
    fn seats(count: usize, existing: usize) -> Vec<Seat> {
        (0..count)
            .map(|i| Seat {
                name: format!("r-{i}"),
                ordinal: Some(i),
                addr: (i < existing).then(|| addr(i)),
                site: Site::new(format!("host-{}", i / 2), Some(["a", "b", "c"][(i / 2) % 3].to_owned())),
            })
            .collect()
    }

    /// Masters 0, 2, 4 own balanced slots (5461, 5462, 5461); replica 2k+1 follows master 2k+2 (mod 6), so
    /// no replica shares its master's host.
    fn three_by_one() -> Vec<Node> {
        let ranges = slot_ranges(3);
        vec![
            Node::Master(vec![ranges[0]]),
            Node::Replica(2),
            Node::Master(vec![ranges[1]]),
            Node::Replica(4),
            Node::Master(vec![ranges[2]]),
            Node::Replica(0),
        ]
    }

    fn request(masters: usize, replicas: Option<usize>) -> ScaleRequest {
        ScaleRequest { masters, replicas, force: true, ..Default::default() }
    }

    fn plan_for(nodes: &[Node], seats: &[Seat], masters: usize, replicas: Option<usize>) -> ScalePlan {
        plan(&cluster(nodes), seats, true, &request(masters, replicas), &[]).unwrap()
    }

    #[test]
    fn scaling_to_the_current_shape_changes_nothing() {
        let nodes = three_by_one();
        let p = plan_for(&nodes, &seats(6, 6), 3, None);
        assert!(p.is_noop(), "{p}");
        assert_eq!(p.from, Shape { masters: 3, replicas: 1 });
    }

    #[test]
    fn growing_joins_the_next_ordinals_and_moves_only_what_the_new_master_needs() {
        let p = plan_for(&three_by_one(), &seats(8, 6), 4, None);
        assert_eq!(p.resize.as_ref().map(|r| (r.from, r.to)), Some((6, 8)));
        assert_eq!(p.joining, ["r-6", "r-7"]);
        assert_eq!(p.slots_moving, 4096);
        assert!(p.moves.iter().all(|m| m.target == "r-6"), "{p}");
        assert_eq!(p.placement.status, placement::PlacementStatus::Optimal, "{p}");
        assert!(p.phases().is_none(), "steps wait until the new members run");
    }

    #[test]
    fn shrinking_drains_only_the_dropped_shard_and_removes_the_highest_ordinals() {
        let mut nodes = three_by_one();
        nodes.push(Node::Spare);
        nodes.push(Node::Spare);
        let grown = plan_for(&nodes, &seats(8, 8), 4, None);
        assert_eq!(grown.joining, ["r-6", "r-7"]);
        // Now a 4×1 cluster where r-6 and r-7 form the fourth shard.
        let ranges = slot_ranges(4);
        let four = vec![
            Node::Master(vec![ranges[0]]),
            Node::Replica(2),
            Node::Master(vec![ranges[1]]),
            Node::Replica(4),
            Node::Master(vec![ranges[2]]),
            Node::Replica(0),
            Node::Master(vec![ranges[3]]),
            Node::Replica(6),
        ];
        let p = plan_for(&four, &seats(8, 8), 3, None);
        assert_eq!(p.leaving, ["r-7", "r-6"], "replicas leave first");
        assert!(p.failovers.is_empty());
        assert_eq!(p.slots_moving, 4096);
        assert!(p.moves.iter().all(|m| m.source == "r-6"), "{p}");
        assert_eq!(p.resize.as_ref().map(|r| r.to), Some(6));
        // r-7 is forgotten by everyone still in the cluster, r-6 included, before it is reset.
        let after = p.phases().unwrap().after_moves;
        let forgetters = |name: &str| -> Vec<String> {
            after
                .iter()
                .filter_map(|s| match s {
                    Step::Forget { node, forget } if forget.name.as_deref() == Some(name) => node.name.clone(),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(forgetters("r-7").len(), 7);
        assert!(forgetters("r-7").contains(&"r-6".to_owned()));
        assert_eq!(forgetters("r-6").len(), 6);
    }

    #[test]
    fn after_the_drain_replicas_leave_before_the_empty_master() {
        let mut nodes = three_by_one();
        nodes.push(Node::Master(vec![]));
        nodes.push(Node::Replica(4));
        let p = plan_for(&nodes, &seats(8, 8), 3, None);
        assert_eq!(p.leaving, ["r-7", "r-6"], "{p}");
        let after = p.phases().unwrap().after_moves;
        let resets: Vec<_> =
            after.iter().filter_map(|s| if let Step::ResetHard { node } = s { node.name.clone() } else { None }).collect();
        assert_eq!(resets, ["r-7", "r-6"]);
    }

    #[test]
    fn a_leaving_master_whose_replica_stays_fails_over_and_no_slot_moves() {
        // Shard of master 3 with its replica 1: ordinal 3 leaves when shrinking to 3×0.
        let ranges = slot_ranges(3);
        let nodes = vec![
            Node::Master(vec![ranges[0]]),
            Node::Replica(3),
            Node::Master(vec![ranges[1]]),
            Node::Master(vec![ranges[2]]),
            Node::Replica(0),
            Node::Replica(2),
        ];
        let p = plan_for(&nodes, &seats(6, 6), 3, Some(0));
        assert_eq!(p.failovers.len(), 1);
        assert_eq!((p.failovers[0].promote.as_str(), p.failovers[0].demote.as_str()), ("r-1", "r-3"));
        assert_eq!(p.slots_moving, 0, "{p}");
        assert_eq!(p.leaving, ["r-4", "r-5", "r-3"]);
        let phases = p.phases().unwrap();
        assert!(phases.before_moves.iter().any(|s| matches!(s, Step::Failover { .. })));
        assert!(phases.moves.is_empty());
    }

    #[test]
    fn refuses_fewer_than_three_masters_without_force_and_zero_masters_always() {
        let t = cluster(&three_by_one());
        let no_force = ScaleRequest { masters: 2, ..Default::default() };
        assert_eq!(plan(&t, &seats(6, 6), true, &no_force, &[]).unwrap_err().kind, crate::error::Kind::Refused);
        assert_eq!(plan(&t, &seats(6, 6), true, &request(0, None), &[]).unwrap_err().kind, crate::error::Kind::Usage);
        assert_eq!(plan(&t, &seats(66, 6), true, &request(3, Some(11)), &[]).unwrap_err().kind, crate::error::Kind::Usage);
    }

    #[test]
    fn a_fixed_platform_grows_with_given_spares_and_refuses_without_enough() {
        let mut nodes = three_by_one();
        nodes.push(Node::Spare);
        let t = cluster(&nodes);
        let fixed: Vec<Seat> = (0..7).map(|i| Seat { ordinal: None, ..seats(7, 7)[i].clone() }).collect();
        let err = plan(&t, &fixed, false, &request(4, None), &[]).unwrap_err();
        assert!(err.message.contains("more member(s) are needed"), "{}", err.message);
        let p = plan(&t, &fixed, false, &request(4, Some(0)), &[]).unwrap();
        assert_eq!(p.joining, ["r-6"]);
        assert!(p.resize.is_none());
        // Shrinking removes a shard with the fewest slots (r-4's and r-0's tie; the later one goes),
        // replica first.
        let p = plan(&t, &fixed, false, &request(2, None), &[]).unwrap();
        assert_eq!(p.leaving, ["r-3", "r-4"], "{p}");
    }

    #[test]
    fn a_member_that_remembers_another_cluster_is_wiped_before_it_joins() {
        let mut nodes = three_by_one();
        nodes.push(Node::Spare);
        nodes.push(Node::Spare);
        let mut t = cluster(&nodes);
        t.strangers[1].known_nodes = 3;
        let p = plan(&t, &seats(8, 8), true, &request(4, None), &[]).unwrap();
        assert_eq!(p.stale.len(), 1);
        assert_eq!(p.phases().unwrap().wipes.len(), 1);
    }

    #[test]
    fn a_member_that_remembers_another_cluster_with_data_is_wiped_only_when_named() {
        let mut nodes = three_by_one();
        nodes.push(Node::Spare);
        nodes.push(Node::Spare);
        let mut t = cluster(&nodes);
        (t.strangers[0].known_nodes, t.strangers[0].slots, t.strangers[0].keys) = (1, 16384, 100);
        let err = plan(&t, &seats(8, 8), true, &request(4, None), &[]).unwrap_err();
        assert_eq!(err.kind, crate::error::Kind::Refused);
        assert!(err.message.contains("r-6") && err.message.contains("16384 slot(s) and 100 key(s)"), "{}", err.message);
        assert!(err.hint.as_deref().unwrap().contains("--discard-data-on r-6"));
        let id_prefix = t.strangers[0].id[..6].to_owned();
        for reference in ["r-6".to_owned(), addr(6).to_string(), id_prefix] {
            let named = ScaleRequest { discard_data_on: vec![reference.clone()], ..request(4, None) };
            let p = plan(&t, &seats(8, 8), true, &named, &[]).unwrap_or_else(|e| panic!("{reference}: {}", e.message));
            assert_eq!(p.stale.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["r-6"]);
        }
    }

    /// A random cluster on ordinals 0..n: `masters` shards of 1 + `replicas` members, slots balanced
    /// or not, and failovers that put masters on arbitrary ordinals.
    fn arbitrary_cluster() -> impl Strategy<Value = (Vec<Node>, bool)> {
        (1usize..6, 0usize..3, any::<bool>(), proptest::collection::vec(any::<u32>(), 24), Just(())).prop_map(
            |(masters, replicas, balanced, noise, ())| {
                let n = masters * (1 + replicas);
                // Seat order: a permutation of members, driven by the noise.
                let mut order: Vec<usize> = (0..n).collect();
                for i in (1..n).rev() {
                    order.swap(i, noise[i % noise.len()] as usize % (i + 1));
                }
                let ranges: Vec<Vec<SlotRange>> = if balanced {
                    slot_ranges(masters).into_iter().map(|r| vec![r]).collect()
                } else {
                    let mut cuts: Vec<u16> = (1..masters).map(|k| (noise[k] % 16383 + 1) as u16).collect();
                    cuts.sort();
                    cuts.dedup();
                    let mut bounds = vec![0u16];
                    bounds.extend(cuts);
                    bounds.push(16384);
                    let mut out: Vec<Vec<SlotRange>> = bounds.windows(2).map(|w| vec![SlotRange::new(w[0], w[1] - 1)]).collect();
                    out.resize(masters, vec![]);
                    out
                };
                let mut nodes = vec![Node::Spare; n];
                for shard in 0..masters {
                    let seat_of = |k: usize| order[shard * (1 + replicas) + k];
                    nodes[seat_of(0)] = Node::Master(ranges[shard].clone());
                    for k in 1..=replicas {
                        nodes[seat_of(k)] = Node::Replica(seat_of(0));
                    }
                }
                (nodes, balanced)
            },
        )
    }

    proptest! {
        #[test]
        fn any_resize_reaches_the_shape_with_the_fewest_slot_moves(
            (nodes, balanced) in arbitrary_cluster(), masters in 1usize..7, replicas in 0usize..3,
        ) {
            let t = cluster(&nodes);
            let from = current_shape(&t);
            prop_assume!(from.masters > 0);
            let to = Shape { masters, replicas };
            let n = nodes.len().max(to.members());
            let p = plan(&t, &seats(n, nodes.len()), true, &request(masters, Some(replicas)), &[]).unwrap();

            // The layout: M masters, R replicas each, exactly the ordinals below M×(1+R).
            prop_assert_eq!(p.layout.len(), masters);
            let mut placed: Vec<usize> = vec![];
            for shard in &p.layout {
                prop_assert_eq!(shard.replicas.len(), replicas);
                placed.push(shard.master[2..].parse().unwrap());
                placed.extend(shard.replicas.iter().map(|r| r[2..].parse::<usize>().unwrap()));
            }
            placed.sort();
            prop_assert_eq!(placed, (0..to.members()).collect::<Vec<_>>());
            let leaving: BTreeSet<usize> = p.leaving.iter().map(|r| r[2..].parse().unwrap()).collect();
            let expected: BTreeSet<usize> = (to.members()..nodes.len()).collect();
            prop_assert_eq!(leaving, expected);

            // Slots: failovers hand a shard over without moving; moves are made by owners only,
            // no slot moves twice, and every slot ends on a master of the layout.
            let mut owner: Vec<String> = vec![String::new(); 16384];
            for (i, node) in nodes.iter().enumerate() {
                if let Node::Master(ranges) = node {
                    for r in ranges { for s in r.start..=r.end { owner[usize::from(s)] = format!("r-{i}"); } }
                }
            }
            for f in &p.failovers {
                prop_assert!(f.demote[2..].parse::<usize>().unwrap() >= to.members());
                for o in owner.iter_mut().filter(|o| **o == f.demote) { *o = f.promote.clone(); }
            }
            let before: BTreeMap<String, usize> = owner.iter().fold(BTreeMap::new(), |mut m, o| { *m.entry(o.clone()).or_default() += 1; m });
            let mut moved = BTreeSet::new();
            for m in &p.moves {
                for r in &m.slots {
                    for s in r.start..=r.end {
                        prop_assert_eq!(&owner[usize::from(s)], &m.source, "slot {} moved by a non-owner", s);
                        prop_assert!(moved.insert(s), "slot {} moved twice", s);
                        owner[usize::from(s)] = m.target.clone();
                    }
                }
            }
            let layout_masters: BTreeSet<&String> = p.layout.iter().map(|s| &s.master).collect();
            prop_assert!(owner.iter().all(|o| layout_masters.contains(o)), "a slot is left on a node that is no master");
            // Minimal: what leaves a node is exactly its excess over the balanced share; when the
            // kept masters were balanced, only the slots of dropped shards (or the new masters' shares) move.
            let dropped: usize = before.iter().filter(|(o, _)| !layout_masters.contains(o)).map(|(_, n)| n).sum();
            if dropped > 0 || p.moves.iter().any(|_| true) {
                let share = 16384 / masters;
                let excess: usize = before.iter().map(|(o, n)| if layout_masters.contains(o) { n.saturating_sub(share + 1) } else { *n }).sum();
                prop_assert!(p.slots_moving >= excess);
                let mut after: BTreeMap<&String, usize> = BTreeMap::new();
                for o in &owner { *after.entry(o).or_default() += 1; }
                prop_assert!(after.values().all(|&n| n == share || n == share + 1), "not balanced: {:?}", after);
                let must_leave: usize = before.iter().map(|(o, n)| n.saturating_sub(*after.get(o).unwrap_or(&0))).sum();
                prop_assert_eq!(p.slots_moving, must_leave);
                if balanced && masters <= from.masters {
                    prop_assert_eq!(p.slots_moving, dropped, "{}", p);
                }
            }
        }
    }
}
