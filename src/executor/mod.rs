//! Applies a plan step by step over one connection per node, reporting each step before it runs.
//! Every call is bounded by the connector's timeout; waits are bounded by the join timeout and, when
//! it runs out, name the nodes that did not get there and why.

use std::collections::{BTreeMap, HashMap, HashSet};

use futures::future::join_all;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::stop::Stop;

use crate::planner::moves::Move;
use crate::planner::{BusPeer, NodeRef, Plan, PlanStep, Step};
use crate::redis::addr::NodeAddr;
use crate::redis::conn::{Connector, NodeConn};
use crate::redis::info::InfoFacts;
use crate::redis::nodes::{NodeLine, parse_cluster_nodes};
use crate::redis::slots::format_ranges;
use crate::redis::view::{View, ViewKey, own_line};

/// How often waits poll the nodes: gossip settles in steps of the servers' 100 ms cron.
const POLL_INTERVAL: Duration = Duration::from_millis(50);
/// How long a MEET may go unanswered before it is sent again (a handshake's own limit is the
/// node timeout, commonly 5 to 15 seconds).
const MEET_RETRY: Duration = Duration::from_secs(10);
/// How many nodes an error names before it counts the rest.
const FEW: usize = 5;
/// How often nodes may be asked to tell others their slots and role again (see `nudge_stale_views`).
const NUDGE_INTERVAL: Duration = Duration::from_millis(500);
/// A manual failover the server gives up on (it aborts after 5 s when the replica cannot catch
/// up or the vote is lost) is asked for again after this long.
const FAILOVER_ATTEMPT: Duration = Duration::from_secs(10);

pub mod mover;
pub mod pace;
pub mod sentinel;

pub struct Executor<'a> {
    connector: &'a Connector,
    conns: HashMap<NodeAddr, NodeConn>,
    /// Bound for every wait step.
    pub wait_timeout: Duration,
    /// How `MoveSlots` steps are carried out; plans without them need none.
    slot_moving: Option<SlotMoving>,
    /// Checked between steps (and by the slot mover between rounds).
    stop: Stop,
    /// The MEETs sent so far (node told, MEET command), and when they were last sent: a MEET whose
    /// handshake timed out is lost, so waiting for addresses sends the missing ones again.
    meets: Vec<(NodeRef, NodeRef, redis::Cmd)>,
    meets_sent: Option<Instant>,
    /// When nodes were last asked to send their slots and role to nodes with a stale view of them.
    nudged: Option<Instant>,
}

/// What the slot mover needs besides the moves.
pub struct SlotMoving {
    pub settings: mover::Settings,
    pub report: mover::Reporter,
}

impl<'a> Executor<'a> {
    /// `stop`: once requested, no further step starts (moves finish their round in flight).
    pub fn new(connector: &'a Connector, wait_timeout: Duration, stop: &Stop) -> Self {
        Executor {
            connector,
            conns: HashMap::new(),
            wait_timeout,
            slot_moving: None,
            stop: stop.clone(),
            meets: Vec::new(),
            meets_sent: None,
            nudged: None,
        }
    }

    /// CLUSTER REPLICATE, retried while the node has not heard of its new master yet: a master
    /// that joined moments ago (or whose MEET an interrupted run sent) reaches everyone by gossip.
    async fn replicate(&mut self, node: &NodeRef, master: &NodeRef) -> Result<()> {
        let deadline = Instant::now() + self.wait_timeout;
        loop {
            let cmd = redis::cmd("CLUSTER").arg("REPLICATE").arg(&master.id).clone();
            match self.conn(&node.addr).await?.call::<()>(&cmd).await {
                Err(e) if e.message.contains("Unknown node") && Instant::now() < deadline => {
                    tokio::time::sleep(POLL_INTERVAL).await;
                }
                reply => return reply,
            }
        }
    }

    pub fn with_slot_moving(mut self, slot_moving: SlotMoving) -> Self {
        self.slot_moving = Some(slot_moving);
        self
    }

    /// Runs every step in order; `on_step` hears about each one before it starts. Consecutive
    /// `MoveSlots` steps go to the slot mover together so that disjoint moves run concurrently.
    /// A stop request ends the run between steps (`stopped` in the summary).
    pub async fn apply(&mut self, plan: &Plan, mut on_step: impl FnMut(usize, usize, &Step)) -> Result<mover::Summary> {
        let total = plan.steps.len();
        let mut summary = mover::Summary::default();
        let mut n = 0;
        while n < total {
            if self.stop.before_step().await {
                summary.stopped = true;
                break;
            }
            let step = &plan.steps[n];
            on_step(n + 1, total, step);
            let moves: Vec<Move> =
                plan.steps[n..].iter().map_while(|s| if let Step::MoveSlots(m) = s { Some(m.clone()) } else { None }).collect();
            if step.changes_cluster() {
                self.connector.changes.note();
            }
            let result = if moves.is_empty() { self.apply_step(step).await } else { self.move_slots(&moves, &mut summary).await };
            result.map_err(|e| {
                // Once steps have run the cluster may have changed: that is a failed run (exit 1),
                // whatever the cause, and the way on is to run the command again or repair.
                let message = format!("step {}/{total} ({step}) failed: {}", n + 1, e.message);
                let hint = e.hint.unwrap_or_else(|| {
                    "when the node is back, run the same command again, or `kubectl redis fix`; `kubectl redis check` shows the state".to_owned()
                });
                Error::failed(message).hint(hint)
            })?;
            if summary.stopped {
                break;
            }
            n += moves.len().max(1);
        }
        Ok(summary)
    }

    /// A node that just joined answers MIGRATE with CLUSTERDOWN until it knows the slot map, a
    /// fresh master reports cluster_state:fail for a while, and a node that has not heard of its
    /// peer yet refuses SETSLOT naming it: each move waits until both its nodes serve and know
    /// each other, then the mover runs them.
    async fn move_slots(&mut self, moves: &[Move], summary: &mut mover::Summary) -> Result<()> {
        if self.slot_moving.is_none() {
            return Err(Error::failed("this command cannot move slots"));
        }
        for m in moves {
            self.wait(Wait::Acquainted(&[m.source.clone(), m.target.clone()])).await?;
        }
        let Some(m) = &self.slot_moving else { unreachable!("checked above") };
        let done = mover::run(self.connector, moves, &m.settings, m.report.clone(), &self.stop).await?;
        summary.slots_moved += done.slots_moved;
        summary.keys_moved += done.keys_moved;
        summary.stopped |= done.stopped;
        Ok(())
    }

    async fn conn(&mut self, addr: &NodeAddr) -> Result<&mut NodeConn> {
        if !self.conns.contains_key(addr) {
            let conn = self.connector.connect(addr).await?;
            self.conns.insert(addr.clone(), conn);
        }
        Ok(self.conns.get_mut(addr).expect("inserted above"))
    }

    /// Commands that touch all slots of a node may take longer than a plain call.
    fn slow_call_limit(&self) -> Duration {
        self.connector.timeout.max(Duration::from_secs(30))
    }

    async fn apply_step(&mut self, step: &Step) -> Result<()> {
        match step {
            Step::AddSlots { node, slots } => {
                let mut cmd = redis::cmd("CLUSTER");
                cmd.arg("ADDSLOTSRANGE");
                for range in slots {
                    cmd.arg(range.start).arg(range.end);
                }
                let limit = self.slow_call_limit();
                self.conn(&node.addr).await?.call_within::<()>(&cmd, limit).await
            }
            Step::SetConfigEpoch { node, epoch } => {
                let reply =
                    self.conn(&node.addr).await?.call::<()>(redis::cmd("CLUSTER").arg("SET-CONFIG-EPOCH").arg(*epoch)).await;
                // A node that met others already has an epoch from the cluster; that is what this step wanted.
                tolerate(reply, &["only when the node does not know any other node", "already set"])
            }
            Step::Meet { node, peer, peer_bus_port } => {
                let cmd = meet_cmd(&BusPeer { node: peer.clone(), bus_port: *peer_bus_port }, self.connector.timeout).await?;
                self.conn(&node.addr).await?.call::<()>(&cmd).await?;
                self.meets.push((node.clone(), peer.clone(), cmd));
                self.meets_sent = Some(Instant::now());
                Ok(())
            }
            Step::MeetEachOther { nodes } => self.meet_each_other(nodes).await,
            Step::WaitForAgreement { nodes } => self.wait(Wait::Agreement(nodes)).await,
            Step::WaitForAddresses { nodes } => self.wait(Wait::Addresses(nodes)).await,
            Step::WaitForClusterOk { nodes } => self.wait(Wait::ClusterOk(nodes)).await,
            Step::Replicate { node, master } => self.replicate(node, master).await,
            Step::WaitForReplicaLink { node } => self.wait(Wait::ReplicaLink(node)).await,
            Step::Forget { node, forget } => {
                let reply = self.conn(&node.addr).await?.call::<()>(redis::cmd("CLUSTER").arg("FORGET").arg(&forget.id)).await;
                // Forgetting a node that is already forgotten is what was wanted.
                tolerate(reply, &["Unknown node"])
            }
            Step::SetSlotStable { node, slot } => {
                self.conn(&node.addr).await?.call::<()>(redis::cmd("CLUSTER").arg("SETSLOT").arg(*slot).arg("STABLE")).await
            }
            Step::SetSlotOwner { node, slot, owner } => {
                let mut cmd = redis::cmd("CLUSTER");
                cmd.arg("SETSLOT").arg(*slot).arg("NODE").arg(&owner.id);
                self.conn(&node.addr).await?.call::<()>(&cmd).await
            }
            Step::BumpEpoch { node } => {
                self.conn(&node.addr).await?.call::<redis::Value>(redis::cmd("CLUSTER").arg("BUMPEPOCH")).await.map(|_| ())
            }
            Step::MoveSlots(_) => unreachable!("apply hands every MoveSlots step to the slot mover"),
            Step::ResetHard { node } => {
                let limit = self.slow_call_limit();
                let conn = self.conn(&node.addr).await?;
                conn.call_within::<()>(redis::cmd("CLUSTER").arg("RESET").arg("HARD"), limit).await?;
                // What it keeps on disk (a replica's copy of its master, written by its last full
                // sync even without `save`) would come back with it and claim slots: the emptied
                // state is written over it. A server that renamed SAVE away keeps its files.
                tolerate(conn.call_within::<()>(&redis::cmd("SAVE"), limit).await, &["unknown command"])
            }
            Step::Failover { node, .. } => self.fail_over(node).await,
            Step::ForcedFailover { node, takeover, .. } => {
                let mode = if *takeover { "TAKEOVER" } else { "FORCE" };
                self.conn(&node.addr).await?.call::<()>(redis::cmd("CLUSTER").arg("FAILOVER").arg(mode)).await?;
                self.wait(Wait::Promoted(node)).await
            }
            Step::Wipe { node } => {
                let limit = self.slow_call_limit();
                let conn = self.conn(&node.addr).await?;
                // A replica refuses FLUSHALL; its reset empties it anyway.
                tolerate(conn.call_within::<()>(&redis::cmd("FLUSHALL"), limit).await, &["READONLY"])?;
                conn.call_within::<()>(redis::cmd("CLUSTER").arg("RESET").arg("HARD"), limit).await
            }
        }
    }

    /// Each node sends one pipeline of MEETs, one to every node after it in the list; all nodes
    /// at once. A MEET refused because that pair's handshake already runs (the other side met
    /// this one first) is what was wanted.
    async fn meet_each_other(&mut self, nodes: &[BusPeer]) -> Result<()> {
        let mut cmds = Vec::with_capacity(nodes.len());
        for peer in nodes {
            cmds.push(meet_cmd(peer, self.connector.timeout).await?);
        }
        let mut sends = Vec::new();
        for (i, from) in nodes.iter().enumerate().take(nodes.len().saturating_sub(1)) {
            let mut conn = self.conn(&from.node.addr).await?.clone();
            let mut pipe = redis::pipe();
            for (to, cmd) in nodes[i + 1..].iter().zip(&cmds[i + 1..]) {
                pipe.add_command(cmd.clone());
                self.meets.push((from.node.clone(), to.node.clone(), cmd.clone()));
            }
            sends.push(async move {
                let limit = conn.timeout();
                let replies = conn.pipeline_each(&mut pipe, limit).await?;
                match replies.into_iter().find_map(|r| r.err().filter(|e| !e.contains("Invalid node address"))) {
                    Some(e) => Err(Error::failed(format!("{}: CLUSTER MEET failed: {e}", conn.addr))),
                    None => Ok(()),
                }
            });
        }
        self.meets_sent = Some(Instant::now());
        join_all(sends).await.into_iter().collect()
    }

    /// CLUSTER FAILOVER on a replica once its link is up, asked again until it is a master or
    /// the wait ends.
    async fn fail_over(&mut self, node: &NodeRef) -> Result<()> {
        self.wait(Wait::ReplicaLink(node)).await?;
        let deadline = Instant::now() + self.wait_timeout;
        loop {
            if self.not_master(node).await.is_empty() {
                return Ok(());
            }
            self.conn(&node.addr).await?.call::<()>(redis::cmd("CLUSTER").arg("FAILOVER")).await?;
            let attempt = FAILOVER_ATTEMPT.min(deadline.saturating_duration_since(Instant::now()));
            match self.wait_for(Wait::Promoted(node), attempt).await {
                Err(e) if Instant::now() >= deadline => {
                    let limit = crate::units::format(self.wait_timeout);
                    return Err(Error::failed(format!("the failover did not happen within {limit}: {node} is still a replica"))
                        .hint(e.hint.unwrap_or_default()));
                }
                Err(_) => continue,
                Ok(()) => return Ok(()),
            }
        }
    }

    /// Polls until nothing is pending any more, or fails naming what still is when the wait times out.
    async fn wait(&mut self, wait: Wait<'_>) -> Result<()> {
        self.wait_for(wait, self.wait_timeout).await
    }

    async fn wait_for(&mut self, wait: Wait<'_>, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let pending = match wait {
                Wait::Agreement(nodes) => self.agreement_problems(nodes).await,
                Wait::Addresses(nodes) => self.stale_addresses(nodes).await,
                Wait::ClusterOk(nodes) => self.not_serving(nodes).await,
                Wait::Acquainted(nodes) => self.not_acquainted(nodes).await,
                Wait::ReplicaLink(node) => self.not_replicating(node).await,
                Wait::Promoted(node) => self.not_master(node).await,
            };
            if pending.is_empty() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let limit = crate::units::format(timeout);
                let (what, hint) = match wait {
                    Wait::Agreement(_) => (
                        "the nodes did not agree",
                        "cluster bus ports (port + 10000) must be reachable between all nodes, and a node ID removed with CLUSTER FORGET is ignored for 60s; re-run the same command to continue",
                    ),
                    Wait::Addresses(_) => (
                        "the nodes did not learn the new addresses",
                        "cluster bus ports (port + 10000) must be reachable at the new addresses; re-run fix to continue",
                    ),
                    Wait::ClusterOk(_) => {
                        ("not serving the cluster (cluster_state is not ok)", "run `kubectl redis check` to see why")
                    }
                    Wait::Acquainted(_) => (
                        "the nodes of a move did not serve the cluster and know each other",
                        "run `kubectl redis check` to see why; raise --wait-timeout if the cluster is only slow to settle",
                    ),
                    Wait::ReplicaLink(_) => (
                        "the replica did not finish its first sync",
                        "see the replica's log; `kubectl redis check` shows the link state",
                    ),
                    Wait::Promoted(_) => (
                        "the failover did not happen",
                        "the replica must be in sync with a reachable master; `kubectl redis check` shows why, then re-run the same command",
                    ),
                };
                return Err(Error::failed(format!("{what} within {limit}: {}", few(pending.into_iter(), "; "))).hint(hint));
            }
            tokio::time::sleep(poll_interval(wait)).await;
        }
    }

    /// Why the nodes do not agree yet, one entry per node; empty when they agree.
    async fn agreement_problems(&mut self, nodes: &[NodeRef]) -> Vec<String> {
        let mut problems = Vec::new();
        let mut texts: Vec<(&NodeRef, String)> = Vec::new();
        for (node, reply) in nodes.iter().zip(self.ask_each(nodes, redis::cmd("CLUSTER").arg("NODES")).await) {
            match reply {
                Ok(text) => texts.push((node, text)),
                Err(e) => problems.push(format!("{node} did not answer ({})", e.message)),
            }
        }
        let sightings: Vec<Sighting> = texts.iter().map(|(node, text)| Sighting::read(node, text)).collect();
        let claims: HashMap<&str, (&NodeRef, &NodeLine)> =
            sightings.iter().filter_map(|s| s.me.as_ref().map(|me| (s.node.id.as_str(), (s.node, me)))).collect();
        let mut judged: HashMap<&ViewKey, Judgement> = HashMap::new();
        for ((_, text), sighting) in texts.iter().zip(&sightings) {
            judged.entry(&sighting.key).or_insert_with(|| Judgement::of(&View::parse(text), nodes, &claims));
        }
        self.nudge_stale_views(&sightings, &judged).await;
        let mut unknown: Vec<(String, String)> = Vec::new();
        let mut signatures: BTreeMap<&str, Vec<&NodeRef>> = BTreeMap::new();
        for sighting in &sightings {
            let judgement = &judged[&sighting.key];
            let node = sighting.node;
            if !judgement.missing.is_empty() {
                unknown.extend(judgement.missing.iter().map(|m| (node.id.clone(), m.id.clone())));
                let missing = few(judgement.missing.iter().map(|n| n.addr.to_string()), ", ");
                problems.push(format!("{node} does not know {missing} yet"));
                continue;
            }
            signatures.entry(judgement.signature.as_str()).or_default().push(node);
        }
        self.meet_again(&unknown).await;
        if signatures.len() > 1 {
            // Name the nodes outside the largest group: they are the ones still catching up.
            let largest = signatures.values().max_by_key(|g| g.len()).map(|g| g[0].id.clone());
            for group in signatures.values().filter(|g| Some(&g[0].id) != largest.as_ref()) {
                problems.extend(group.iter().map(|node| format!("{node} sees other slots or roles than the rest")));
            }
        }
        problems
    }

    /// A node learns another's slots and role from that node's own messages, but not from the
    /// one that ends their handshake: after nodes first meet, what they claim reaches the others
    /// only with their next ping, seconds later on a large cluster. A MEET from the node whose
    /// facts are stale makes it send them at once (the new handshake ends as soon as the other
    /// answers with an ID it knows). Sent at most every `NUDGE_INTERVAL`.
    async fn nudge_stale_views(&mut self, sightings: &[Sighting<'_>], judged: &HashMap<&ViewKey, Judgement<'_>>) {
        if self.nudged.is_some_and(|at| at.elapsed() < NUDGE_INTERVAL) {
            return;
        }
        let mut nudges: Vec<(NodeRef, NodeRef)> = Vec::new();
        for viewer in sightings {
            let stale = judged[&viewer.key].stale.iter().filter(|node| node.id != viewer.node.id);
            nudges.extend(stale.map(|node| ((*node).clone(), viewer.node.clone())));
        }
        if nudges.is_empty() {
            return;
        }
        self.nudged = Some(Instant::now());
        let mut sends: BTreeMap<NodeAddr, (NodeConn, redis::Pipeline)> = BTreeMap::new();
        for (node, viewer) in nudges {
            let (Ok(cmd), Ok(conn)) =
                (meet_cmd(&BusPeer { node: viewer, bus_port: None }, self.connector.timeout).await, self.conn(&node.addr).await)
            else {
                continue;
            };
            sends.entry(node.addr).or_insert_with(|| (conn.clone(), redis::pipe())).1.add_command(cmd);
        }
        // Best effort: a MEET refused now (a handshake under way) is sent again next time.
        join_all(sends.into_values().map(|(mut conn, mut pipe)| async move {
            let limit = conn.timeout();
            let _ = conn.pipeline_each(&mut pipe, limit).await;
        }))
        .await;
    }

    /// Which node still has which listed node at another address than listed (its own included).
    async fn stale_addresses(&mut self, nodes: &[NodeRef]) -> Vec<String> {
        let mut pending = Vec::new();
        let mut unknown = Vec::new();
        for node in nodes {
            let lines = match self.ask(node, redis::cmd("CLUSTER").arg("NODES")).await {
                Ok(text) => parse_cluster_nodes(&text).0,
                Err(e) => {
                    pending.push(format!("{node} did not answer ({})", e.message));
                    continue;
                }
            };
            for peer in nodes {
                let line = lines.iter().find(|l| l.id == peer.id && !l.flags.handshake);
                if line.and_then(|l| l.addr.client_addr()).as_ref() != Some(&peer.addr) {
                    pending.push(format!("{node} does not know {} at {} yet", peer.id.get(..8).unwrap_or(&peer.id), peer.addr));
                    unknown.push((node.id.clone(), peer.id.clone()));
                }
            }
        }
        self.meet_again(&unknown).await;
        pending
    }

    /// Sends again the MEETs of pairs that still do not know each other (either way round), once
    /// a handshake would have timed out (a node drops a handshake its peer did not answer in time:
    /// busy loading its data after a restart, or hundreds of handshakes at once on few cores).
    /// Best effort, one pipeline per node: a refused MEET is retried next round.
    async fn meet_again(&mut self, unknown: &[(String, String)]) {
        if unknown.is_empty() || self.meets_sent.is_none_or(|at| at.elapsed() < MEET_RETRY) {
            return;
        }
        self.meets_sent = Some(Instant::now());
        let pairs: HashSet<(&str, &str)> =
            unknown.iter().flat_map(|(n, p)| [(n.as_str(), p.as_str()), (p.as_str(), n.as_str())]).collect();
        let mut again: BTreeMap<NodeAddr, redis::Pipeline> = BTreeMap::new();
        for (node, _, cmd) in self.meets.iter().filter(|(node, peer, _)| pairs.contains(&(node.id.as_str(), peer.id.as_str()))) {
            again.entry(node.addr.clone()).or_insert_with(redis::pipe).add_command(cmd.clone());
        }
        let mut sends = Vec::new();
        for (addr, mut pipe) in again {
            let Ok(conn) = self.conn(&addr).await else { continue };
            let mut conn = conn.clone();
            sends.push(async move {
                let limit = conn.timeout();
                let _ = conn.pipeline_each(&mut pipe, limit).await;
            });
        }
        join_all(sends).await;
    }

    /// Nodes whose CLUSTER INFO does not say `cluster_state:ok` yet.
    async fn not_serving(&mut self, nodes: &[NodeRef]) -> Vec<String> {
        let mut pending = Vec::new();
        for (node, reply) in nodes.iter().zip(self.ask_each(nodes, redis::cmd("CLUSTER").arg("INFO")).await) {
            match reply {
                Ok(text) if crate::redis::info::cluster_state_ok(&text) => {}
                Ok(_) => pending.push(node.to_string()),
                Err(e) => pending.push(format!("{node} did not answer ({})", e.message)),
            }
        }
        pending
    }

    /// Nodes that do not serve the cluster yet, or do not know every other listed node.
    async fn not_acquainted(&mut self, nodes: &[NodeRef]) -> Vec<String> {
        let mut pending = self.not_serving(nodes).await;
        for (node, reply) in nodes.iter().zip(self.ask_each(nodes, redis::cmd("CLUSTER").arg("NODES")).await) {
            let Ok(text) = reply else { continue };
            for peer in nodes.iter().filter(|p| p.id != node.id && !text.lines().any(|l| l.starts_with(p.id.as_str()))) {
                pending.push(format!("{node} has not heard of {peer}"));
            }
        }
        pending
    }

    /// The replica, unless its link to the master is up.
    async fn not_replicating(&mut self, node: &NodeRef) -> Vec<String> {
        match self.ask(node, redis::cmd("INFO").arg("replication")).await {
            Ok(text) if InfoFacts::parse(&text).master_link_up == Some(true) => vec![],
            Ok(_) => vec![format!("{node} is still syncing")],
            Err(e) => vec![format!("{node} did not answer ({})", e.message)],
        }
    }

    /// The node, unless it says it is a master.
    async fn not_master(&mut self, node: &NodeRef) -> Vec<String> {
        match self.ask(node, redis::cmd("CLUSTER").arg("NODES")).await {
            Ok(text) if parse_cluster_nodes(&text).0.iter().any(|l| l.flags.myself && !l.flags.replica) => vec![],
            Ok(_) => vec![format!("{node} is still a replica")],
            Err(e) => vec![format!("{node} did not answer ({})", e.message)],
        }
    }

    /// One text reply from each node, asked at once.
    async fn ask_each(&mut self, nodes: &[NodeRef], cmd: &redis::Cmd) -> Vec<Result<String>> {
        let mut conns = Vec::with_capacity(nodes.len());
        for node in nodes {
            conns.push(self.conn(&node.addr).await.map(|c| c.clone()));
        }
        let replies = join_all(conns.into_iter().map(|conn| async move { conn?.call::<String>(cmd).await })).await;
        for (node, reply) in nodes.iter().zip(&replies) {
            if reply.is_err() {
                self.conns.remove(&node.addr);
            }
        }
        replies
    }

    /// One text reply; a failed connection is dropped so the next poll reconnects.
    async fn ask(&mut self, node: &NodeRef, cmd: &redis::Cmd) -> Result<String> {
        let reply = match self.conn(&node.addr).await {
            Ok(conn) => conn.call::<String>(cmd).await,
            Err(e) => Err(e),
        };
        if reply.is_err() {
            self.conns.remove(&node.addr);
        }
        reply
    }
}

/// One node's CLUSTER NODES as read by a wait: its own line and the key of its view.
struct Sighting<'n> {
    node: &'n NodeRef,
    me: Option<NodeLine>,
    key: ViewKey,
}

impl<'n> Sighting<'n> {
    fn read(node: &'n NodeRef, text: &str) -> Sighting<'n> {
        let me = own_line(text).and_then(|line| parse_cluster_nodes(line).0.pop());
        Sighting { node, me, key: ViewKey::of_text(text) }
    }
}

/// What a wait needs to know of one distinct view. Judged once per view and the view not kept:
/// while 250 nodes converge there are about as many views as nodes, each of 250 parsed lines.
struct Judgement<'a> {
    /// The listed nodes the view does not know yet (or only by a handshake or without an address).
    missing: Vec<&'a NodeRef>,
    /// What must be equal in two views that agree: every node's role, master and slots.
    signature: String,
    /// The nodes whose own claims (role, master, slots) the view holds otherwise.
    stale: Vec<&'a NodeRef>,
}

impl<'a> Judgement<'a> {
    fn of(view: &View, nodes: &'a [NodeRef], claims: &HashMap<&str, (&'a NodeRef, &NodeLine)>) -> Judgement<'a> {
        let lines = || view.lines.iter().filter(|l| !l.flags.handshake);
        let known: HashSet<&str> = lines().filter(|l| !l.flags.noaddr).map(|l| l.id.as_str()).collect();
        let mut signature: Vec<String> = lines()
            .map(|l| {
                format!(
                    "{}:{}:{}:{}",
                    l.id,
                    l.flags.replica,
                    l.master_id.as_deref().unwrap_or("-"),
                    format_ranges(&l.slots.ranges())
                )
            })
            .collect();
        signature.sort();
        let stale = lines().filter_map(|line| {
            let (node, own) = claims.get(line.id.as_str())?;
            let differs = line.flags.replica != own.flags.replica || line.master_id != own.master_id || line.slots != own.slots;
            differs.then_some(*node)
        });
        Judgement {
            missing: nodes.iter().filter(|n| !known.contains(n.id.as_str())).collect(),
            signature: signature.join("|"),
            stale: stale.collect(),
        }
    }
}

/// What a wait step waits for.
#[derive(Clone, Copy)]
enum Wait<'s> {
    Agreement(&'s [NodeRef]),
    Addresses(&'s [NodeRef]),
    ClusterOk(&'s [NodeRef]),
    /// Every listed node serves and knows every other one.
    Acquainted(&'s [NodeRef]),
    ReplicaLink(&'s NodeRef),
    Promoted(&'s NodeRef),
}

/// How long a wait sleeps between polls: every poll reads each listed node, so a large cluster
/// is polled less often (each CLUSTER NODES costs its node time in proportion to the cluster).
fn poll_interval(wait: Wait<'_>) -> Duration {
    let nodes = match wait {
        Wait::Agreement(nodes) | Wait::Addresses(nodes) | Wait::ClusterOk(nodes) | Wait::Acquainted(nodes) => nodes.len(),
        Wait::ReplicaLink(_) | Wait::Promoted(_) => 1,
    };
    POLL_INTERVAL + Duration::from_millis(2) * u32::try_from(nodes).unwrap_or(u32::MAX)
}

/// The first few items, and how many more: an error about 250 nodes stays readable.
fn few(items: impl Iterator<Item = String>, separator: &str) -> String {
    let items: Vec<String> = items.collect();
    match items.len() {
        n if n > FEW => format!("{} and {} more", items[..FEW].join(separator), n - FEW),
        _ => items.join(separator),
    }
}

/// CLUSTER MEET naming the peer by IP, with its bus port when that is not port + 10000.
async fn meet_cmd(peer: &BusPeer, limit: Duration) -> Result<redis::Cmd> {
    let addr = &peer.node.addr;
    let mut cmd = redis::cmd("CLUSTER");
    cmd.arg("MEET").arg(resolve_ip(addr, limit).await?).arg(addr.port);
    if let Some(bus) = peer.bus_port.filter(|b| u32::from(*b) != u32::from(addr.port) + 10000) {
        cmd.arg(bus);
    }
    Ok(cmd)
}

/// CLUSTER MEET needs an IP, not a hostname; the lookup is bounded like every network call.
async fn resolve_ip(addr: &NodeAddr, limit: Duration) -> Result<String> {
    if addr.host.parse::<std::net::IpAddr>().is_ok() {
        return Ok(addr.host.clone());
    }
    let mut found = tokio::time::timeout(limit, tokio::net::lookup_host((addr.host.as_str(), addr.port)))
        .await
        .map_err(|_| {
            Error::unreachable(format!("cannot resolve {}: no answer within {}", addr.host, crate::units::format(limit)))
                .hint("check the cluster's DNS, or raise --timeout")
        })?
        .map_err(|e| Error::unreachable(format!("cannot resolve {}: {e}", addr.host)))?;
    found.next().map(|a| a.ip().to_string()).ok_or_else(|| Error::unreachable(format!("{} resolves to no address", addr.host)))
}

/// Turns the listed benign server replies into success.
fn tolerate(reply: Result<()>, benign: &[&str]) -> Result<()> {
    match reply {
        Err(e) if benign.iter().any(|b| e.message.contains(b)) => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "aaaa000000000000000000000000000000000000";
    const B: &str = "bbbb000000000000000000000000000000000000";
    const C: &str = "cccc000000000000000000000000000000000000";

    fn node(id: &str, ip: &str) -> NodeRef {
        NodeRef { id: id.to_owned(), addr: format!("{ip}:6379").parse().unwrap(), name: None }
    }

    #[test]
    fn a_view_is_judged_for_the_nodes_it_lacks_and_the_claims_it_holds_otherwise() {
        let nodes = [node(A, "127.0.0.1"), node(B, "127.0.0.2"), node(C, "127.0.0.3")];
        // B says it is A's replica; A's view still has B as an empty master and has not met C.
        let from_a = format!(
            "{A} 127.0.0.1:6379@16379 myself,master - 0 0 1 connected 0-16383\n{B} 127.0.0.2:6379@16379 master - 0 0 0 connected\n"
        );
        let from_b = format!(
            "{B} 127.0.0.2:6379@16379 myself,slave {A} 0 0 1 connected\n{A} 127.0.0.1:6379@16379 master - 0 0 1 connected 0-16383\n"
        );
        let sightings = [Sighting::read(&nodes[0], &from_a), Sighting::read(&nodes[1], &from_b)];
        let claims: HashMap<&str, (&NodeRef, &NodeLine)> =
            sightings.iter().map(|s| (s.node.id.as_str(), (s.node, s.me.as_ref().unwrap()))).collect();
        let judged = Judgement::of(&View::parse(&from_a), &nodes, &claims);
        assert_eq!(judged.missing.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), [C]);
        assert_eq!(judged.stale.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), [B], "B's role is stale in A's view");
        let from_b_view = Judgement::of(&View::parse(&from_b), &nodes, &claims);
        assert!(from_b_view.stale.is_empty());
        assert_ne!(judged.signature, from_b_view.signature);
    }
}
