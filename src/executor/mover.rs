//! Moves slots between masters, with two backends behind one interface.
//!
//! - *legacy* (every server): per round of slots, SETSLOT IMPORTING on the target and MIGRATING on
//!   the source, then GETKEYSINSLOT + `MIGRATE … KEYS` until the slots are empty, then SETSLOT NODE
//!   on the target, the source and every other master. Each of those is one pipelined round trip for
//!   the whole round of slots, not one per slot. Batches are sized by key count and by bytes; a key
//!   larger than the byte budget goes alone with a longer timeout. Measuring every key costs a
//!   MEMORY USAGE call per key, so it is done where it matters: when the source's average value is
//!   large enough for the byte budget to bind, and from the first MIGRATE that timed out on.
//! - *atomic* (Valkey ≥ 9): CLUSTER MIGRATESLOTS on the source, progress from GETSLOTMIGRATIONS,
//!   CANCELSLOTMIGRATIONS on abort or stall — only while the job is the source's only running
//!   export, since that command cancels every job the source runs.
//!
//! Each move is paced (see `pace`): how many keys or slots go per round trip, and how long the
//! nodes are then left to their clients.
//!
//! Moves from different sources run concurrently, up to `parallel` at once (a source serialises
//! and blocks while it migrates, so two moves from one source would only queue behind each other).
//! A stop request (Ctrl-C) lets every move finish the round in flight; nothing is left half-done
//! unless a node fails, and then the open slots are exactly what a re-run or `fix` completes.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::stream::{FuturesUnordered, StreamExt};
use redis::Value;
use serde::Serialize;

use super::pace::{Pace, Pacer, Probe, Turns, into_trips};
use crate::error::{Error, Kind, Result};
use crate::planner::NodeRef;
use crate::planner::moves::Move;
use crate::redis::conn::{Connector, NodeConn};
use crate::redis::slot_jobs::{self, SlotJob};
use crate::redis::slots::{SlotSet, format_ranges};
use crate::stop::Stop;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Legacy,
    Atomic,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub backend: Backend,
    pub parallel: usize,
    /// Keys per MIGRATE.
    pub batch_keys: usize,
    /// Bytes per MIGRATE (by MEMORY USAGE).
    pub batch_bytes: u64,
    /// Slots handled per pipelined round.
    pub slots_per_round: usize,
    /// Overwrite keys that exist on the target with other values.
    pub replace: bool,
    /// MIGRATE's own I/O timeout for a normal batch.
    pub migrate_timeout: Duration,
    /// Every master, so that all of them learn each slot's new owner.
    pub masters: Vec<NodeRef>,
    /// How hard each move presses on its nodes (see `pace`).
    pub pace: Pace,
    /// An atomic job whose progress does not change for this long is given up (`--wait-timeout`).
    pub stall: Duration,
}

/// What the mover tells the progress display.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    MoveStarted { source: String, target: String, slots: usize },
    Progress { source: String, target: String, slots_done: usize, keys_moved: u64 },
    MoveFinished { source: String, target: String, slots_done: usize, keys_moved: u64 },
}

pub type Reporter = Arc<dyn Fn(Event) + Send + Sync>;

#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub slots_moved: usize,
    pub keys_moved: u64,
    /// True when a stop request ended the run before every move was done.
    pub stopped: bool,
}

/// Moves every slot of `moves`; returns what was done, or the first error. A stop request (or
/// one move's failure) lets the other moves finish their round in flight. The caller waits first
/// until each move's nodes serve and know each other (see `Executor`).
pub async fn run(connector: &Connector, moves: &[Move], settings: &Settings, report: Reporter, stop: &Stop) -> Result<Summary> {
    // Requested by the run's stop and by a failed move alike.
    let stop = stop.within();
    let mut pending: Vec<&Move> = moves.iter().collect();
    let mut busy: HashSet<String> = HashSet::new();
    let mut running = FuturesUnordered::new();
    let mut summary = Summary::default();
    let mut first_error: Option<Error> = None;
    let turns = Turns::default();
    loop {
        while first_error.is_none() && !stop.is_requested() && running.len() < settings.parallel.max(1) {
            let Some(i) = pending.iter().position(|m| !busy.contains(&m.source.id)) else {
                break;
            };
            let m = pending.remove(i);
            busy.insert(m.source.id.clone());
            let (report, stop, turns) = (report.clone(), stop.clone(), turns.clone());
            running.push(async move { (m, move_pair(connector, m, settings, turns, report, stop).await) });
        }
        let Some((m, result)) = running.next().await else { break };
        busy.remove(&m.source.id);
        match result {
            Ok(done) => {
                summary.slots_moved += done.slots_moved;
                summary.keys_moved += done.keys_moved;
            }
            Err(e) => {
                // Let the other moves finish their round, then report the first failure.
                stop.request();
                first_error.get_or_insert(e);
            }
        }
    }
    if let Some(e) = first_error {
        return Err(e);
    }
    summary.stopped =
        !pending.is_empty() || stop.is_requested() && summary.slots_moved < moves.iter().map(Move::slot_count).sum();
    Ok(summary)
}

async fn move_pair(
    connector: &Connector,
    m: &Move,
    settings: &Settings,
    turns: Turns,
    report: Reporter,
    stop: Stop,
) -> Result<Summary> {
    let (source, target) = (m.source.addr.to_string(), m.target.addr.to_string());
    report(Event::MoveStarted { source: source.clone(), target: target.clone(), slots: m.slot_count() });
    let progress = |done: &Summary| {
        report(Event::Progress {
            source: source.clone(),
            target: target.clone(),
            slots_done: done.slots_moved,
            keys_moved: done.keys_moved,
        })
    };
    let done = match settings.backend {
        Backend::Legacy => Legacy::connect(connector, m, settings, turns).await?.run(&stop, progress).await?,
        Backend::Atomic => atomic_pair(connector, m, settings, turns, &stop, progress).await?,
    };
    report(Event::MoveFinished { source, target, slots_done: done.slots_moved, keys_moved: done.keys_moved });
    Ok(done)
}

/// Replies that mean "already so" or "this node just stopped being a master": safe to go on.
const BENIGN_ON_SOURCE: [&str; 4] = ["only with masters", "only with primaries", "UNBLOCKED", "NOREPLICAS"];

/// Replies of a node that has not heard of a node named in the command (Redis, Valkey wording).
const UNKNOWN_NODE: [&str; 2] = ["Unknown node", "I don't know about node"];

struct Legacy<'a> {
    m: &'a Move,
    settings: &'a Settings,
    source: NodeConn,
    target: NodeConn,
    others: Vec<NodeConn>,
    /// `AUTH pass` or `AUTH2 user pass` for MIGRATE; never printed.
    auth: Vec<String>,
    /// Whether keys are measured before batching (see the module doc).
    measure_keys: bool,
    pacer: Pacer,
}

impl<'a> Legacy<'a> {
    async fn connect(connector: &Connector, m: &'a Move, settings: &'a Settings, turns: Turns) -> Result<Legacy<'a>> {
        let mut source = connector.connect(&m.source.addr).await?;
        let target = connector.connect(&m.target.addr).await?;
        let mut others = Vec::new();
        for master in settings.masters.iter().filter(|n| n.id != m.source.id && n.id != m.target.id) {
            others.push(connector.connect(&master.addr).await?);
        }
        let creds = &connector.credentials;
        let auth = match (&creds.user, creds.password()) {
            (Some(user), Some(pass)) => vec!["AUTH2".into(), user.clone(), pass.expose().to_owned()],
            (None, Some(pass)) => vec!["AUTH".into(), pass.expose().to_owned()],
            _ => vec![],
        };
        let average = average_key_bytes(&mut source).await?;
        let measure_keys = average.saturating_mul(settings.batch_keys as u64) >= settings.batch_bytes / 2;
        let mut pacer = Pacer::new(settings.pace, average, probe(connector, m, settings.pace).await?, turns);
        pacer.begin().await;
        Ok(Legacy { m, settings, source, target, others, auth, measure_keys, pacer })
    }

    async fn run(mut self, stop: &Stop, progress: impl Fn(&Summary)) -> Result<Summary> {
        let slots: Vec<u16> = self.m.slots.iter().flat_map(|r| r.start..=r.end).collect();
        let mut done = Summary::default();
        for round in slots.chunks(self.settings.slots_per_round.max(1)) {
            if stop.is_requested() {
                done.stopped = true;
                break;
            }
            match self.move_round(round).await {
                Ok(keys) => done.keys_moved += keys,
                Err(e) => return Err(self.stopped(e, round).await),
            }
            done.slots_moved += round.len();
            progress(&done);
        }
        Ok(done)
    }

    /// The error a failed round ends the move with: what failed (naming the node), the slots that
    /// may be left open, the nodes the cluster counts as failing, and the way on.
    async fn stopped(&mut self, e: Error, round: &[u16]) -> Error {
        let mut set = SlotSet::default();
        round.iter().for_each(|slot| set.insert(*slot));
        let failing = self.failing_nodes().await;
        let failing =
            if failing.is_empty() { String::new() } else { format!("; the cluster counts {} as failing", failing.join(", ")) };
        // A hint about the data itself (keys differing on both nodes) stays; the others say what
        // the general one below says.
        let own_hint = e.hint.filter(|h| e.kind != Kind::Unreachable && !h.contains("re-run"));
        // The executor names the move (source, target, slots) around this message.
        let error = Error::failed(format!("{}{failing}; slots {} may be left open", e.message, format_ranges(&set.ranges())));
        error.hint(own_hint.unwrap_or_else(|| {
            "once every node is back (or a replica took over), run the same command again or `kubectl redis fix`; \
             a node restarted without persistence (no AOF or RDB) comes back empty, and its keys are lost"
                .into()
        }))
    }

    /// Nodes flagged `fail` or `fail?` in the view of whichever of the move's nodes still answers.
    async fn failing_nodes(&mut self) -> Vec<String> {
        for conn in [&mut self.source, &mut self.target] {
            let limit = conn.timeout().min(Duration::from_secs(2));
            if let Ok(text) = conn.call_within::<String>(redis::cmd("CLUSTER").arg("NODES"), limit).await {
                let (lines, _) = crate::redis::nodes::parse_cluster_nodes(&text);
                return lines
                    .into_iter()
                    .filter(|n| n.flags.fail || n.flags.pfail)
                    .map(|n| format!("{}:{}", n.addr.host, n.addr.port))
                    .collect();
            }
        }
        Vec::new()
    }

    /// The source is a replica now (it answered MOVED, or SETSLOT says it is no master): a
    /// failover promoted its replica, which owns the slot and the keys not moved yet.
    fn source_demoted(&self, slot: u16, reply: &str) -> Error {
        let owner = match reply.strip_prefix("Moved: ").or_else(|| reply.strip_prefix("MOVED ")) {
            Some(moved) => format!(", {} does (MOVED)", moved.rsplit(' ').next().unwrap_or("another node")),
            None => String::new(),
        };
        Error::failed(format!("slot {slot}: {} is no longer its master{owner}: a failover promoted a replica", self.m.source))
            .hint("run `kubectl redis fix` to finish the open slots from the new master, then run the command again naming it")
    }

    fn slot_error(&self, slot: u16, node: &NodeRef, reply: &str) -> Error {
        Error::failed(format!("slot {slot}: {node} replied: {reply}"))
            .hint("the slot is left open; re-run the same command to finish it, or `kubectl redis fix`")
    }

    /// One round: open the slots, drain their keys, hand them over. Returns the keys moved.
    async fn move_round(&mut self, round: &[u16]) -> Result<u64> {
        let limit = self.source.timeout();
        let mut pipe = redis::pipe();
        for slot in round {
            pipe.cmd("CLUSTER").arg("SETSLOT").arg(*slot).arg("IMPORTING").arg(&self.m.source.id);
        }
        let mut open = Vec::new();
        for (slot, reply) in round.iter().zip(self.target.pipeline_each(&mut pipe, limit).await?) {
            match reply {
                Ok(_) => open.push(*slot),
                // Resuming after an interruption: the target took the slot over already.
                Err(e) if e.contains("already the owner") => {}
                // Valkey's words for "the source you name is not a master".
                Err(e) if e.contains("Target node is not a") => return Err(self.source_demoted(*slot, &e)),
                Err(e) => return Err(self.slot_error(*slot, &self.m.target, &e)),
            }
        }
        if open.is_empty() {
            // Resuming a round whose slots the target owns already: only the hand-over is left.
            self.hand_over(round).await?;
            return Ok(0);
        }
        let mut pipe = redis::pipe();
        for slot in &open {
            pipe.cmd("CLUSTER").arg("SETSLOT").arg(*slot).arg("MIGRATING").arg(&self.m.target.id);
        }
        for (slot, reply) in open.iter().zip(self.source.pipeline_each(&mut pipe, limit).await?) {
            match reply {
                Ok(_) => {}
                Err(e) if e.contains("only with masters") || e.contains("only with primaries") => {
                    return Err(self.source_demoted(*slot, &e));
                }
                Err(e) => return Err(self.slot_error(*slot, &self.m.source, &e)),
            }
        }
        let keys = self.drain(&open).await?;
        self.hand_over(round).await?;
        Ok(keys)
    }

    /// GETKEYSINSLOT + MIGRATE for the open slots of the round until they are empty, in trips
    /// the pacer sizes (fast: every slot of the round per fetch, all batches in one pipeline).
    async fn drain(&mut self, open: &[u16]) -> Result<u64> {
        let mut pending: VecDeque<u16> = open.iter().copied().collect();
        let mut moved = 0;
        let mut retries = 0;
        while !pending.is_empty() {
            let per_trip = self.pacer.units_per_trip();
            let count = per_trip.unwrap_or(usize::MAX).min(self.settings.batch_keys);
            let asked: Vec<u16> = pending.iter().take(self.pacer.slots_per_fetch(pending.len())).copied().collect();
            let mut pipe = redis::pipe();
            for slot in &asked {
                pipe.cmd("CLUSTER").arg("GETKEYSINSLOT").arg(*slot).arg(count);
            }
            let limit = self.source.timeout();
            let keys: Vec<Vec<Vec<u8>>> = self.source.pipeline_within(&pipe, limit).await?;
            let with_keys: Vec<(u16, Vec<Vec<u8>>)> = asked.iter().copied().zip(keys).filter(|(_, k)| !k.is_empty()).collect();
            // A slot that listed no key is empty: MIGRATING sends new keys to the target.
            pending.retain(|slot| !asked.contains(slot) || with_keys.iter().any(|(s, _)| s == slot));
            if with_keys.is_empty() {
                continue;
            }
            self.pacer.observe_fetch(with_keys.iter().map(|(_, k)| k.len()).sum(), asked.len());
            let batches = if self.measure_keys { self.measured_batches(with_keys).await? } else { counted_batches(with_keys) };
            for trip in into_trips(batches, per_trip, |b| b.keys.len(), Batch::split) {
                let turn = self.pacer.turn().await;
                let started = Instant::now();
                let outcome = self.migrate(&trip).await?;
                self.pacer.after_trip(trip.iter().map(|b| b.keys.len()).sum(), started.elapsed()).await;
                drop(turn);
                match outcome {
                    MigrateOutcome::Moved(n) => {
                        moved += n;
                        retries = 0;
                    }
                    MigrateOutcome::TargetNotReady(n) if retries < 50 => {
                        moved += n;
                        retries += 1;
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        break;
                    }
                    MigrateOutcome::TargetNotReady(_) => {
                        return Err(Error::failed(format!("{} kept answering CLUSTERDOWN/TRYAGAIN to MIGRATE", self.m.target))
                            .hint("the slots are left open; re-run the same command once `kubectl redis check` is clean"));
                    }
                }
            }
        }
        Ok(moved)
    }

    /// Splits each slot's keys into MIGRATE batches by key count and bytes.
    async fn measured_batches(&mut self, slots: Vec<(u16, Vec<Vec<u8>>)>) -> Result<Vec<Batch>> {
        let mut pipe = redis::pipe();
        for (_, keys) in &slots {
            for key in keys {
                pipe.cmd("MEMORY").arg("USAGE").arg(key).arg("SAMPLES").arg(0);
            }
        }
        let limit = self.source.timeout();
        let sizes: Vec<Option<u64>> = self.source.pipeline_within(&pipe, limit).await?;
        let mut sizes = sizes.into_iter();
        let budget = self.settings.batch_bytes.max(1);
        let mut out = Vec::new();
        for (slot, keys) in slots {
            let mut batch = Batch { slot, keys: Vec::new(), bytes: 0 };
            for key in keys {
                let size = sizes.next().flatten().unwrap_or(0);
                if !batch.keys.is_empty() && (batch.bytes + size > budget || batch.keys.len() >= self.settings.batch_keys) {
                    out.push(std::mem::replace(&mut batch, Batch { slot, keys: Vec::new(), bytes: 0 }));
                }
                batch.keys.push(key);
                batch.bytes += size;
            }
            out.push(batch);
        }
        Ok(out)
    }

    /// MIGRATE's own timeout for a batch: larger values get longer (at 20 MB/s on top of the base).
    fn migrate_timeout(&self, batch: &Batch) -> Duration {
        self.settings.migrate_timeout + Duration::from_millis(batch.bytes / 20_000)
    }

    fn migrate_cmd(&self, batch: &Batch, replace: bool) -> redis::Cmd {
        let mut cmd = redis::cmd("MIGRATE");
        let timeout_ms = self.migrate_timeout(batch).as_millis() as u64;
        cmd.arg(&self.m.target.addr.host).arg(self.m.target.addr.port).arg("").arg(0).arg(timeout_ms);
        if replace {
            cmd.arg("REPLACE");
        }
        cmd.arg(&self.auth).arg("KEYS").arg(&batch.keys);
        cmd
    }

    /// One pipeline of MIGRATE commands; BUSYKEY is resolved per batch, other errors stop the move.
    async fn migrate(&mut self, batches: &[Batch]) -> Result<MigrateOutcome> {
        let mut pipe = redis::pipe();
        for batch in batches {
            pipe.add_command(self.migrate_cmd(batch, self.settings.replace));
        }
        let limit = batches.iter().map(|b| self.migrate_timeout(b)).sum::<Duration>() + self.source.timeout();
        let replies = self.source.pipeline_each(&mut pipe, limit).await?;
        let mut moved = 0;
        let mut not_ready = false;
        for (batch, reply) in batches.iter().zip(replies) {
            match reply {
                Ok(_) => moved += batch.keys.len() as u64,
                Err(e) if e.contains("BUSYKEY") => moved += self.resolve_busy(batch).await?,
                Err(e) if e.contains("CLUSTERDOWN") || e.contains("TRYAGAIN") => not_ready = true,
                // A batch too large for MIGRATE's timeout: measure keys from now on and try again,
                // so that a large key goes alone with a longer timeout. Unacknowledged keys stay on
                // the source; one the target did restore shows up as an identical BUSYKEY and is replaced.
                Err(e) if e.contains("IOERR") && e.contains("timeout") && !self.measure_keys => {
                    self.measure_keys = true;
                    not_ready = true;
                }
                Err(e) if e.starts_with("Moved") || e.starts_with("MOVED") => return Err(self.source_demoted(batch.slot, &e)),
                Err(e) => return Err(self.slot_error(batch.slot, &self.m.source, &e)),
            }
        }
        Ok(if not_ready { MigrateOutcome::TargetNotReady(moved) } else { MigrateOutcome::Moved(moved) })
    }

    /// Keys that exist on both nodes: identical values are replaced (nothing is lost), differing
    /// values stop the move unless --replace was given. Returns the batch's keys that moved: the
    /// ones MIGRATE moved before it met the busy one (gone from the source, on the target) and the
    /// ones replaced now.
    async fn resolve_busy(&mut self, batch: &Batch) -> Result<u64> {
        let limit = self.source.timeout();
        let mut pipe = redis::pipe();
        for key in &batch.keys {
            pipe.cmd("DUMP").arg(key);
        }
        // A key MIGRATE already moved is gone from the migrating source, which answers ASK for it.
        let mut here: Vec<Option<Vec<u8>>> = Vec::with_capacity(batch.keys.len());
        for reply in self.source.pipeline_each(&mut pipe, limit).await? {
            match reply {
                Ok(value) => here.push(
                    redis::from_redis_value(value).map_err(|e| self.slot_error(batch.slot, &self.m.source, &e.to_string()))?,
                ),
                Err(e) if e.starts_with("Ask") || e.starts_with("ASK") => here.push(None),
                Err(e) => return Err(self.slot_error(batch.slot, &self.m.source, &e)),
            }
        }
        let mut pipe = redis::pipe();
        for key in &batch.keys {
            pipe.cmd("ASKING").ignore().cmd("DUMP").arg(key);
        }
        let there: Vec<Option<Vec<u8>>> = self.target.pipeline_within(&pipe, limit).await?;
        let mut conflicts = Vec::new();
        let mut left = Vec::new();
        let mut arrived = 0;
        for ((key, a), b) in batch.keys.iter().zip(here).zip(there) {
            match (a, b) {
                (None, Some(_)) => arrived += 1,
                // Deleted (or expired) meanwhile: nothing to move.
                (None, None) => {}
                (Some(a), Some(b)) if a != b => conflicts.push(String::from_utf8_lossy(key).into_owned()),
                (Some(_), _) => left.push(key.clone()),
            }
        }
        if !conflicts.is_empty() {
            let shown: Vec<&str> = conflicts.iter().take(5).map(String::as_str).collect();
            return Err(Error::failed(format!(
                "slot {}: {} key(s) exist on both {} and {} with different values: {}",
                batch.slot,
                conflicts.len(),
                self.m.source,
                self.m.target,
                shown.join(", ")
            ))
            .hint("inspect them; --replace overwrites the target's copies with the source's"));
        }
        if left.is_empty() {
            return Ok(arrived);
        }
        let rest = Batch { slot: batch.slot, keys: left, bytes: batch.bytes };
        let limit = self.migrate_timeout(&rest) + self.source.timeout();
        let cmd = self.migrate_cmd(&rest, true);
        self.source
            .call_within::<Value>(&cmd, limit)
            .await
            .map_err(|e| self.slot_error(rest.slot, &self.m.source, &e.message))?;
        Ok(arrived + rest.keys.len() as u64)
    }

    /// SETSLOT NODE on the target first (so the slot always has an owner), then the source, then
    /// every other master.
    async fn hand_over(&mut self, round: &[u16]) -> Result<()> {
        let target_id = self.m.target.id.clone();
        let node_pipe = || {
            let mut pipe = redis::pipe();
            for slot in round {
                pipe.cmd("CLUSTER").arg("SETSLOT").arg(*slot).arg("NODE").arg(&target_id);
            }
            pipe
        };
        let limit = self.target.timeout();
        for (slot, reply) in round.iter().zip(self.target.pipeline_each(&mut node_pipe(), limit).await?) {
            if let Err(e) = reply {
                return Err(self.slot_error(*slot, &self.m.target, &e));
            }
        }
        for (slot, reply) in round.iter().zip(self.source.pipeline_each(&mut node_pipe(), limit).await?) {
            if let Err(e) = reply.as_ref().map(|_| ()).or_else(|e| tolerate_on_source(e)) {
                return Err(self.slot_error(*slot, &self.m.source, &e));
            }
        }
        let replies = futures::future::join_all(self.others.iter_mut().map(|c| {
            let mut pipe = node_pipe();
            async move { (c.addr.clone(), c.pipeline_each(&mut pipe, limit).await) }
        }))
        .await;
        for (addr, replies) in replies {
            // Gossip spreads the new owner anyway; a master that cannot be told now is reported.
            // One that has not heard of the target yet learns both from gossip.
            let benign = |e: &String| BENIGN_ON_SOURCE.iter().chain(&UNKNOWN_NODE).any(|b| e.contains(b));
            if let Some(e) = replies?.into_iter().find_map(|r| r.err()).filter(|e| !benign(e)) {
                return Err(Error::failed(format!(
                    "{addr} did not accept the new owner of slots {}: {e}",
                    format_ranges(&self.m.slots)
                )));
            }
        }
        Ok(())
    }
}

fn tolerate_on_source(error: &str) -> std::result::Result<(), String> {
    if BENIGN_ON_SOURCE.iter().any(|b| error.contains(b)) { Ok(()) } else { Err(error.to_owned()) }
}

/// Batches by key count alone, one per slot when its keys fit.
fn counted_batches(slots: Vec<(u16, Vec<Vec<u8>>)>) -> Vec<Batch> {
    slots.into_iter().map(|(slot, keys)| Batch { slot, keys, bytes: 0 }).collect()
}

struct Batch {
    slot: u16,
    keys: Vec<Vec<u8>>,
    bytes: u64,
}

impl Batch {
    /// Pieces of at most `limit` keys, sharing the bytes in proportion.
    fn split(self, limit: usize) -> Vec<Batch> {
        let (slot, total, bytes) = (self.slot, self.keys.len().max(1) as u64, self.bytes);
        self.keys
            .chunks(limit.max(1))
            .map(|keys| Batch { slot, keys: keys.to_vec(), bytes: bytes * keys.len() as u64 / total })
            .collect()
    }
}

/// The source's memory per key (from INFO), a stand-in for the size of its keys.
async fn average_key_bytes(source: &mut NodeConn) -> Result<u64> {
    let info: String = source.call(redis::cmd("INFO").arg("memory").arg("keyspace")).await?;
    let facts = crate::redis::info::InfoFacts::parse(&info);
    Ok(facts.used_memory / facts.keys.max(1))
}

/// `auto`'s latency probe on the move's source and target, over connections of its own.
async fn probe(connector: &Connector, m: &Move, pace: Pace) -> Result<Option<Probe>> {
    if pace != Pace::Auto {
        return Ok(None);
    }
    let conns = vec![connector.connect(&m.source.addr).await?, connector.connect(&m.target.addr).await?];
    Ok(Some(Probe::start(conns)))
}

enum MigrateOutcome {
    Moved(u64),
    /// The target answered CLUSTERDOWN or TRYAGAIN for some batch: try again shortly.
    TargetNotReady(u64),
}

/// How long the source may take to list the job MIGRATESLOTS started.
const JOB_LISTED_WITHIN: Duration = Duration::from_secs(10);

/// CLUSTER MIGRATESLOTS on the source, in jobs as large as the pacer allows (fast: one job for
/// the whole move); polls each until the server says it is done.
async fn atomic_pair(
    connector: &Connector,
    m: &Move,
    settings: &Settings,
    turns: Turns,
    stop: &Stop,
    progress: impl Fn(&Summary),
) -> Result<Summary> {
    let mut source = connector.connect(&m.source.addr).await?;
    let mut pacer = Pacer::for_slots(settings.pace, probe(connector, m, settings.pace).await?, turns);
    pacer.begin().await;
    let mut left: VecDeque<u16> = m.slots.iter().flat_map(|r| r.start..=r.end).collect();
    let mut done = Summary::default();
    while !left.is_empty() {
        if stop.is_requested() {
            done.stopped = true;
            break;
        }
        let take = pacer.units_per_trip().unwrap_or(usize::MAX).min(left.len());
        let job: Vec<u16> = left.drain(..take).collect();
        let turn = pacer.turn().await;
        let started = Instant::now();
        if !atomic_job(&mut source, m, &job, stop, settings.stall).await? {
            done.stopped = true;
            break;
        }
        done.slots_moved += job.len();
        progress(&done);
        pacer.after_trip(job.len(), started.elapsed()).await;
        drop(turn);
    }
    Ok(done)
}

/// One MIGRATESLOTS job for `slots`, polled until it ends; false when a stop request cancelled
/// it (the server rolls a cancelled job back). The source has no way to cancel one job: its
/// CANCELSLOTMIGRATIONS cancels every job it runs, so it is sent only while every running export
/// there is this one; otherwise the job is left to finish. A job whose progress does not change
/// for `stall` is given up (cancelled on the same condition).
async fn atomic_job(source: &mut NodeConn, m: &Move, slots: &[u16], stop: &Stop, stall: Duration) -> Result<bool> {
    let before: BTreeSet<String> = slot_jobs::list(source).await?.into_iter().map(|j| j.name).collect();
    let mut set = SlotSet::default();
    slots.iter().for_each(|slot| set.insert(*slot));
    let ranges = set.ranges();
    let mut cmd = redis::cmd("CLUSTER");
    cmd.arg("MIGRATESLOTS").arg("SLOTSRANGE");
    for range in &ranges {
        cmd.arg(range.start).arg(range.end);
    }
    cmd.arg("NODE").arg(&m.target.id);
    source.call::<()>(&cmd).await.map_err(|e| Error::failed(format!("CLUSTER MIGRATESLOTS: {}", e.message)))?;
    let mine = |j: &SlotJob| !before.contains(&j.name) && j.operation == "EXPORT" && j.target == m.target.id;
    let mut cancelled = false;
    let listed_by = Instant::now() + JOB_LISTED_WITHIN;
    let (mut seen, mut changed_at) = (String::new(), Instant::now());
    loop {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let all = slot_jobs::list(source).await?;
        let jobs: Vec<&SlotJob> = all.iter().filter(|j| mine(j)).collect();
        if jobs.is_empty() && Instant::now() > listed_by {
            return Err(Error::failed(format!("{} accepted MIGRATESLOTS but lists no migration job to {}", m.source, m.target))
                .hint("see CLUSTER GETSLOTMIGRATIONS on the source; re-run the same command, or use --migration legacy"));
        }
        if let Some(failed) = jobs.iter().find(|j| j.state == "failed" || (j.state == "cancelled" && !cancelled)) {
            return Err(Error::failed(format!(
                "atomic migration from {} to {} {}: {}",
                m.source, m.target, failed.state, failed.message
            ))
            .hint("nothing is half-moved: the server rolled the job back; re-run the same command"));
        }
        if !jobs.is_empty() && jobs.iter().all(|j| j.state == "success") {
            return Ok(true);
        }
        if cancelled && jobs.iter().all(|j| !j.is_running()) {
            return Ok(false);
        }
        let progress: String = jobs.iter().map(|j| j.progress.as_str()).collect();
        if progress != seen {
            (seen, changed_at) = (progress, Instant::now());
        }
        let only_mine_run = all.iter().filter(|j| j.operation == "EXPORT" && j.is_running()).all(mine);
        if changed_at.elapsed() > stall {
            if only_mine_run && !cancelled {
                source.call::<Value>(redis::cmd("CLUSTER").arg("CANCELSLOTMIGRATIONS")).await?;
            }
            let state = jobs.first().map_or("unlisted", |j| j.state.as_str());
            return Err(Error::failed(format!(
                "the atomic migration of slots {} from {} to {} made no progress for {} (state {state})",
                format_ranges(&ranges),
                m.source,
                m.target,
                crate::units::format(stall)
            ))
            .hint(if only_mine_run {
                "it was cancelled and the server rolls it back; once both nodes answer, run the same command again"
            } else {
                "other migrations run on the source, so it was not cancelled; see CLUSTER GETSLOTMIGRATIONS there"
            }));
        }
        if stop.is_requested() && !cancelled && only_mine_run {
            source.call::<Value>(redis::cmd("CLUSTER").arg("CANCELSLOTMIGRATIONS")).await?;
            cancelled = true;
        }
    }
}

/// Which backend `auto` picks: atomic when every involved node is Valkey 9 or newer.
pub fn auto_backend<'a>(servers: impl IntoIterator<Item = (&'a str, &'a str)>) -> Backend {
    let atomic = servers.into_iter().all(|(server, version)| {
        server == "valkey"
            && version.split('.').next().and_then(|major| major.parse::<u32>().ok()).is_some_and(|major| major >= 9)
    });
    if atomic { Backend::Atomic } else { Backend::Legacy }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_picks_atomic_only_when_every_node_is_valkey_9() {
        assert_eq!(auto_backend([("valkey", "9.1.2"), ("valkey", "9.0.0")]), Backend::Atomic);
        assert_eq!(auto_backend([("valkey", "9.1.2"), ("valkey", "8.1.0")]), Backend::Legacy);
        assert_eq!(auto_backend([("redis", "8.4.0")]), Backend::Legacy);
    }
}
