//! Applies a Sentinel group's plan step by step: REPLICAOF on members, SENTINEL MONITOR/SET/RESET
//! on sentinels, the waits that make each change visible before the next, and the switchover that
//! pauses writes so that a failover loses none. Stops between steps on Ctrl-C or a lost lease.
//!
//! A switchover pauses writes once, for `--pause-limit` (never renewed), and before Sentinel is
//! asked to fail over it also fences the old master: `min-replicas-to-write` above any number of
//! replicas, so that it refuses every write until it has been re-pointed, however long this
//! process is kept from running (descheduled, stopped) and whenever the pause lapses. A refused
//! write is never acknowledged, so none can be lost. The fence is journalled first and taken off
//! before the role is written to the configuration file; a run killed meanwhile leaves it to the
//! next changing run (`restore_steered`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::journal::{self, FencedWrites, Journal, SteeredPriority, Store};
use crate::planner::sentinel::{GroupFacts, Named, Plan, Steer, Step, announced_as, canonical};
use crate::redis::addr::NodeAddr;
use crate::redis::conn::{Connector, NodeConn};
use crate::redis::info::InfoFacts;
use crate::redis::sentinel::{self, Known};
use crate::redis::topology::Span;
use crate::stop::Stop;

const POLL: Duration = Duration::from_millis(100);

/// How often a switchover looks again while writes wait for it (Sentinel's promotion, its naming).
const PAUSED_POLL: Duration = Duration::from_millis(20);

/// `min-replicas-to-write` of a fenced master: more replicas than any group has.
const FENCE: &str = "2147483647";

/// The one write pause of a switchover: when it began and how long it lasts at most.
struct Pause {
    started: Instant,
    limit: Duration,
}

impl Pause {
    fn ends(&self) -> Instant {
        self.started + self.limit
    }
}

/// What became of a plan.
#[derive(Debug, Default)]
pub struct Summary {
    pub stopped: bool,
    /// After a switchover: the member that became master.
    pub new_master: Option<NodeAddr>,
    /// After a switchover: when each of its phases ended, counted from its start (`-vv`).
    pub phases: Vec<Span>,
}

pub struct GroupExecutor<'a> {
    connector: &'a Connector,
    /// The master name the sentinels monitor.
    name: String,
    /// The sentinels that answered when the plan was made: the ones every wait asks.
    sentinels: Vec<NodeAddr>,
    /// Host names the sentinels may report instead of the addresses plans use (see `GroupFacts`).
    aliases: BTreeMap<String, String>,
    /// The names the group uses for hosts (see `GroupFacts`): what addresses handed to it say.
    announced: BTreeMap<String, String>,
    conns: Mutex<HashMap<NodeAddr, NodeConn>>,
    /// Where a switchover records the priorities it steers until they are restored.
    journals: Arc<dyn Store>,
    /// The group's member addresses: what that record is found by.
    members: Vec<String>,
    wait_timeout: Duration,
    stop: Stop,
    phases: Mutex<Vec<Span>>,
}

impl<'a> GroupExecutor<'a> {
    pub fn new(
        connector: &'a Connector,
        facts: &GroupFacts,
        sentinels: Vec<NodeAddr>,
        journals: Arc<dyn Store>,
        wait_timeout: Duration,
        stop: &Stop,
    ) -> Self {
        let (name, aliases, announced) = (facts.name.clone(), facts.aliases.clone(), facts.announced.clone());
        let members = facts.members.keys().map(ToString::to_string).collect();
        GroupExecutor {
            connector,
            name,
            sentinels,
            aliases,
            announced,
            conns: Mutex::default(),
            journals,
            members,
            wait_timeout,
            stop: stop.clone(),
            phases: Mutex::default(),
        }
    }

    pub async fn apply(&mut self, plan: &Plan, mut on_step: impl FnMut(usize, usize, &Step)) -> Result<Summary> {
        let mut summary = Summary::default();
        for (n, step) in plan.steps.iter().enumerate() {
            if self.stop.before_step().await {
                summary.stopped = true;
                break;
            }
            on_step(n + 1, plan.steps.len(), step);
            if crate::planner::PlanStep::changes_cluster(step) {
                self.connector.changes.note();
            }
            if let Some(master) = self.apply_step(step).await? {
                summary.new_master = Some(master);
            }
        }
        summary.phases = std::mem::take(&mut *self.phases.lock().unwrap_or_else(|e| e.into_inner()));
        Ok(summary)
    }

    async fn apply_step(&self, step: &Step) -> Result<Option<NodeAddr>> {
        match step {
            Step::Promote { member } => {
                let mut conn = self.member(member).await?;
                conn.call::<()>(redis::cmd("REPLICAOF").arg("NO").arg("ONE")).await?;
                persist_role(&mut conn).await?;
            }
            Step::ReplicaOf { member, master } => {
                let mut conn = self.member(member).await?;
                let told = announced_as(&self.announced, &master.addr);
                let cmd = redis::cmd("REPLICAOF").arg(&told.host).arg(told.port).to_owned();
                conn.call::<()>(&cmd).await?;
                persist_role(&mut conn).await?;
            }
            Step::WaitSynced { master, replicas } => self.wait_synced(master, replicas).await?,
            Step::Unmonitor { sentinel } => {
                self.sentinel(sentinel).await?.call::<()>(redis::cmd("SENTINEL").arg("REMOVE").arg(&self.name)).await?;
            }
            Step::Monitor { sentinel, master, settings, remove_first } => {
                let mut conn = self.sentinel(sentinel).await?;
                if *remove_first
                    && let Err(e) = conn.call::<()>(redis::cmd("SENTINEL").arg("REMOVE").arg(&self.name)).await
                    && !e.message.contains("No such master")
                {
                    return Err(e);
                }
                let told = announced_as(&self.announced, &master.addr);
                let monitor = redis::cmd("SENTINEL")
                    .arg("MONITOR")
                    .arg(&self.name)
                    .arg(&told.host)
                    .arg(told.port)
                    .arg(settings.quorum)
                    .to_owned();
                conn.call::<()>(&monitor).await?;
                self.set_settings(&mut conn, settings).await?;
                self.set_auth_pass(&mut conn).await?;
            }
            Step::SetSettings { sentinel, settings } => self.set_settings(&mut self.sentinel(sentinel).await?, settings).await?,
            Step::SetAuthPass { sentinel } => self.set_auth_pass(&mut self.sentinel(sentinel).await?).await?,
            Step::Reset { sentinel, replicas, sentinels } => {
                let mut conn = self.sentinel(sentinel).await?;
                conn.call::<i64>(redis::cmd("SENTINEL").arg("RESET").arg(&self.name)).await?;
                let others: Vec<&Named> = sentinels.iter().filter(|s| s.addr != sentinel.addr).collect();
                self.until(&format!("sentinel {sentinel} to know the group again after its reset"), || async {
                    let (known_replicas, known_sentinels) = self.known_by(&sentinel.addr).await?;
                    Ok(same(&known_replicas, replicas.iter()) && same(&known_sentinels, others.iter().copied()))
                })
                .await?;
            }
            Step::WaitAgreement { master, replicas, sentinels } => {
                self.until(&format!("every sentinel to name {master} and know the group"), || async {
                    for s in sentinels {
                        if !self.names_master(&s.addr, &master.addr).await? {
                            return Ok(false);
                        }
                        let (known_replicas, known_sentinels) = self.known_by(&s.addr).await?;
                        let others = sentinels.iter().filter(|o| o.addr != s.addr);
                        if !covers(&known_replicas, replicas.iter()) || !covers(&known_sentinels, others) {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                })
                .await?;
            }
            Step::Switchover { old, candidates, replicas, steer, sentinel, pause_ms } => {
                let record = self.record_steering(steer).await?;
                self.steer(steer, |s| s.priority).await?;
                let switched = self.switchover(old, candidates, replicas, sentinel, *pause_ms, &record).await;
                let restored = self.steer(steer, |s| s.restore).await;
                let new_master = switched?;
                restored?;
                self.journals.remove(record.key().as_deref()).await?;
                return Ok(Some(new_master));
            }
        }
        Ok(None)
    }

    /// A fresh connection for a step's commands: Sentinel may have killed a kept one.
    async fn member(&self, member: &Named) -> Result<NodeConn> {
        self.connector.connect(&member.addr).await
    }

    /// A connection to a member for polling, kept for the next poll: waits poll every 100 ms, and
    /// through a port-forward every new connection is a new tunnel.
    async fn member_at(&self, addr: &NodeAddr) -> Result<NodeConn> {
        if let Some(conn) = self.kept(addr) {
            return Ok(conn);
        }
        let conn = self.connector.connect(addr).await?;
        Ok(self.keep(conn))
    }

    /// A fresh connection to a sentinel for a step's commands.
    async fn sentinel(&self, sentinel: &Named) -> Result<NodeConn> {
        sentinel::connect(self.connector, &sentinel.addr).await
    }

    /// A connection to a sentinel, kept like a member's.
    async fn sentinel_at(&self, addr: &NodeAddr) -> Result<NodeConn> {
        if let Some(conn) = self.kept(addr) {
            return Ok(conn);
        }
        let conn = sentinel::connect(self.connector, addr).await?;
        Ok(self.keep(conn))
    }

    fn kept(&self, addr: &NodeAddr) -> Option<NodeConn> {
        self.conns.lock().unwrap_or_else(|e| e.into_inner()).get(addr).cloned()
    }

    fn keep(&self, conn: NodeConn) -> NodeConn {
        self.conns.lock().unwrap_or_else(|e| e.into_inner()).insert(conn.addr.clone(), conn.clone());
        conn
    }

    /// Drops every kept connection: after a failed call one of them may be dead.
    fn forget_connections(&self) {
        self.conns.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    async fn set_settings(&self, conn: &mut NodeConn, s: &crate::redis::sentinel::Settings) -> Result<()> {
        let cmd = redis::cmd("SENTINEL")
            .arg("SET")
            .arg(&self.name)
            .arg("quorum")
            .arg(s.quorum)
            .arg("down-after-milliseconds")
            .arg(s.down_after_ms)
            .arg("failover-timeout")
            .arg(s.failover_timeout_ms)
            .arg("parallel-syncs")
            .arg(s.parallel_syncs)
            .to_owned();
        conn.call(&cmd).await
    }

    /// The group's password (and ACL user) as the sentinel's credentials for the members; an empty
    /// auth-pass when the group has none.
    async fn set_auth_pass(&self, conn: &mut NodeConn) -> Result<()> {
        let credentials = &self.connector.credentials;
        let password = credentials.password().map(|p| p.expose().to_owned()).unwrap_or_default();
        let mut cmd = redis::cmd("SENTINEL");
        cmd.arg("SET").arg(&self.name).arg("auth-pass").arg(password);
        if let Some(user) = &credentials.user {
            cmd.arg("auth-user").arg(user);
        }
        // The command carries the password: errors name the sentinel, never the command.
        conn.call::<()>(&cmd).await.map_err(|e| Error::failed(format!("SENTINEL SET auth-pass failed: {}", e.message)))
    }

    /// Saves the priorities about to be steered with the values to restore, before the first
    /// changes: a run killed before it restores them leaves the record for the next one.
    /// The switchover's journal, saved now when priorities are steered (a fence adds to it later).
    async fn record_steering(&self, steer: &[Steer]) -> Result<Journal> {
        let priorities =
            steer.iter().map(|s| SteeredPriority { member: s.member.addr.to_string(), restore: s.restore }).collect();
        let record = Journal::steering(&self.name, self.members.clone(), priorities);
        if !steer.is_empty() {
            self.journals.save(&record).await?;
        }
        Ok(record)
    }

    /// Makes the old master refuse writes (see the module's documentation); returns the value to
    /// put back. Journalled before it is set.
    async fn fence(&self, master: &mut NodeConn, old: &Named, record: &Journal) -> Result<FencedWrites> {
        let current: Vec<String> = master.call(redis::cmd("CONFIG").arg("GET").arg("min-replicas-to-write")).await?;
        let restore = current.get(1).cloned().unwrap_or_else(|| "0".to_owned());
        let fenced = FencedWrites { member: old.addr.to_string(), restore };
        self.journals.save(&Journal { fenced: Some(fenced.clone()), ..record.clone() }).await?;
        self.connector.changes.note();
        master.call::<()>(redis::cmd("CONFIG").arg("SET").arg("min-replicas-to-write").arg(FENCE)).await?;
        Ok(fenced)
    }

    /// Takes the fence off (on a fresh connection: Sentinel may have killed the kept one) and
    /// drops it from the journal.
    async fn unfence(&self, old: &Named, fenced: &FencedWrites, record: &Journal) -> Result<()> {
        let mut conn = self.member(old).await?;
        conn.call::<()>(redis::cmd("CONFIG").arg("SET").arg("min-replicas-to-write").arg(&fenced.restore)).await?;
        match record.priorities.is_empty() {
            true => self.journals.remove(record.key().as_deref()).await,
            false => self.journals.save(record).await,
        }
    }

    /// Sets the priorities `pick` chooses, then waits until every sentinel reports them (Sentinel
    /// reads a replica's priority from its INFO, every 10 s).
    async fn steer(&self, steer: &[Steer], pick: impl Fn(&Steer) -> u64) -> Result<()> {
        if steer.is_empty() {
            return Ok(());
        }
        for s in steer {
            set_priority(&mut self.member(&s.member).await?, pick(s)).await?;
        }
        self.until("every sentinel to read the replica priorities", || async {
            for addr in &self.sentinels {
                let replicas = self.listed(addr, "REPLICAS").await?;
                // A member the sentinel no longer lists as a replica (the promoted one) has nothing to read.
                let read =
                    |s: &Steer| replicas.iter().find(|k| k.addr == s.member.addr).is_none_or(|k| k.priority == Some(pick(s)));
                if !steer.iter().all(read) {
                    return Ok(false);
                }
            }
            Ok(true)
        })
        .await
    }

    /// Notes that a phase of the switchover paused at `pause.started` has ended.
    fn phase_done(&self, pause: &Pause, what: impl Into<String>) {
        let span = Span { what: what.into(), took: pause.started.elapsed() };
        self.phases.lock().unwrap_or_else(|e| e.into_inner()).push(span);
    }

    /// Pause, catch up, SENTINEL FAILOVER, re-point, wait until the sentinels name the new
    /// master (their failover ended), unpause: the new master's address. Writes that waited out
    /// the pause then fail once on the old master (a replica now), and a client that asks the
    /// sentinels again finds the new one at once.
    async fn switchover(
        &self,
        old: &Named,
        candidates: &[Named],
        replicas: &[Named],
        sentinel: &Named,
        pause_ms: u64,
        record: &Journal,
    ) -> Result<NodeAddr> {
        let candidate_refs: Vec<&Named> = candidates.iter().collect();
        self.until("the sentinels to see the candidates as replicas they can promote", || {
            self.sentinels_see_promotable(&candidate_refs)
        })
        .await?;
        let mut master = self.member(old).await?;
        let pause = Pause { started: Instant::now(), limit: Duration::from_millis(pause_ms) };
        master.call::<()>(redis::cmd("CLIENT").arg("PAUSE").arg(pause_ms).arg("WRITE")).await?;
        self.phase_done(&pause, format!("writes paused on {old}"));
        let result = self.fail_over_paused(&mut master, old, candidates, sentinel, &pause, record).await;
        if let Ok(promoted) = &result {
            let named = self.sentinels_name(promoted, pause.ends()).await;
            self.phase_done(&pause, format!("{named} of {} sentinel(s) name {promoted}", self.sentinels.len()));
        }
        // Lifted whatever happened: by now the old master is a replica, or nothing changed.
        let unpaused = master.call::<()>(redis::cmd("CLIENT").arg("UNPAUSE")).await;
        self.phase_done(&pause, "writes unpaused");
        let new_master = result?;
        unpaused?;
        self.until(&format!("every sentinel to name {new_master} and every other member to replicate from it"), || async {
            for addr in &self.sentinels {
                if !self.names_master(addr, &new_master).await? {
                    return Ok(false);
                }
            }
            let others: Vec<&Named> = replicas.iter().chain([old]).filter(|m| m.addr != new_master).collect();
            for member in &others {
                let text: String = self.member_at(&member.addr).await?.call(redis::cmd("INFO").arg("replication")).await?;
                if !follows(&text, &new_master, &self.aliases) {
                    return Ok(false);
                }
            }
            self.sentinels_see_promotable(&others).await
        })
        .await?;
        self.phase_done(&pause, "every sentinel settled and every member follows");
        Ok(new_master)
    }

    /// Waits, until `deadline` at the latest, for every sentinel to name `promoted` in both
    /// answers clients ask for (GET-MASTER-ADDR-BY-NAME, and SENTINEL MASTER(S), which redis-py
    /// reads and which still names the old master until the failover has ended); returns how
    /// many do. A sentinel that does not answer cannot send a client elsewhere either.
    async fn sentinels_name(&self, promoted: &NodeAddr, deadline: Instant) -> usize {
        loop {
            let asked = self.sentinels.iter().map(|addr| self.names_within(addr, promoted, deadline));
            let answers = futures::future::join_all(asked).await;
            let named = answers.iter().filter(|named| **named).count();
            if named == self.sentinels.len() || Instant::now() + PAUSED_POLL >= deadline {
                return named;
            }
            tokio::time::sleep(PAUSED_POLL).await;
        }
    }

    async fn fail_over_paused(
        &self,
        master: &mut NodeConn,
        old: &Named,
        candidates: &[Named],
        sentinel: &Named,
        pause: &Pause,
        record: &Journal,
    ) -> Result<NodeAddr> {
        let offset = InfoFacts::parse(&master.call::<String>(redis::cmd("INFO").arg("replication")).await?).repl_offset;
        self.until_before(pause.ends(), "the replicas to reach the paused master's offset", || async {
            for c in candidates {
                if self.info(&c.addr).await?.repl_offset < offset {
                    return Ok(None);
                }
            }
            Ok(Some(()))
        })
        .await?;
        self.phase_done(pause, "the replicas have every write");
        let mut conn = self.sentinel(sentinel).await?;
        let info: String = conn.call(redis::cmd("INFO").arg("sentinel")).await?;
        if info.lines().any(|l| l.trim_end() == "sentinel_tilt:1") {
            return Err(Error::failed(format!("sentinel {sentinel} is in TILT mode and would not act; nothing was changed"))
                .hint("run the command again in 30 s; a sentinel that keeps entering TILT is starved of CPU"));
        }
        let fenced = self.fence(master, old, record).await?;
        let asked = conn.call::<()>(redis::cmd("SENTINEL").arg("FAILOVER").arg(&self.name)).await;
        let promoted = match asked {
            Ok(()) => self.await_promotion(candidates, &mut conn, pause.limit).await,
            Err(e) => Err(e),
        };
        let promoted = match promoted {
            Ok(promoted) => {
                self.phase_done(pause, format!("Sentinel promoted {promoted}"));
                promoted
            }
            Err(e) => {
                let fields: Vec<String> =
                    conn.call(redis::cmd("SENTINEL").arg("MASTER").arg(&self.name)).await.unwrap_or_default();
                if sentinel::failover_in_progress(&fields) {
                    // Sentinel may still promote: writes taken now could be dropped by it.
                    return Err(e.hint("the old master refuses writes until Sentinel is done; then run `kubectl redis fix`"));
                }
                // Nothing changed: the old master takes writes again.
                self.unfence(old, &fenced, record).await?;
                return Err(e);
            }
        };
        let told = announced_as(&self.announced, &promoted);
        let cmd = redis::cmd("REPLICAOF").arg(&told.host).arg(told.port).to_owned();
        let mut repointed = self.member(old).await?;
        repointed
            .call::<()>(&cmd)
            .await
            .map_err(|e| Error::failed(format!("{old} could not be re-pointed at {promoted}: {}", e.message)))?;
        // Off before the role goes to the configuration file, so the fence never outlives the run.
        self.unfence(old, &fenced, record).await?;
        persist_role(&mut repointed).await?;
        self.phase_done(pause, format!("{old} replicates from {promoted}"));
        Ok(promoted)
    }

    /// Waits until Sentinel has promoted a candidate; the old master refuses writes meanwhile
    /// (fenced). Sentinel giving up is an error with nothing changed.
    async fn await_promotion(&self, candidates: &[Named], sentinel: &mut NodeConn, pause: Duration) -> Result<NodeAddr> {
        let deadline = Instant::now() + self.wait_timeout.max(pause);
        loop {
            // The sentinel first: a failover that ended before the candidates were asked shows there.
            let fields: Vec<String> = sentinel.call(redis::cmd("SENTINEL").arg("MASTER").arg(&self.name)).await?;
            for c in candidates {
                if self.info(&c.addr).await.is_ok_and(|i| i.role == "master") {
                    return Ok(c.addr.clone());
                }
            }
            // A failover that ended while this process was kept from running: the sentinel names
            // the new master (a candidate's kept connection may have been killed meanwhile).
            let named = sentinel::settled_master(&fields).map(|m| canonical(&self.aliases, &m));
            if let Some(c) = candidates.iter().find(|c| named.as_ref() == Some(&c.addr)) {
                return Ok(c.addr.clone());
            }
            if !sentinel::failover_in_progress(&fields) {
                return Err(Error::failed(format!(
                    "Sentinel did not promote {}; the master was not changed",
                    list_names(candidates)
                ))
                .hint("its log says why (often -failover-abort-no-good-slave); `kubectl redis check` shows the group"));
            }
            if Instant::now() >= deadline {
                return Err(Error::failed(
                    "Sentinel's failover is still under way after --wait-timeout; the old master refused writes until now",
                )
                .hint("`kubectl redis check` shows where the group stands"));
            }
            tokio::time::sleep(PAUSED_POLL).await;
        }
    }

    async fn wait_synced(&self, master: &Named, replicas: &[Named]) -> Result<()> {
        self.until(&format!("the replicas of {master} to finish their sync"), || async {
            for r in replicas {
                let text: String = self.member_at(&r.addr).await?.call(redis::cmd("INFO").arg("replication")).await?;
                if !follows(&text, &master.addr, &self.aliases) {
                    return Ok(false);
                }
            }
            Ok(true)
        })
        .await
    }

    async fn info(&self, addr: &NodeAddr) -> Result<InfoFacts> {
        // Sentinel kills a promoted or re-pointed member's clients: a failed call drops the kept one.
        let text: String = match self.member_at(addr).await?.call(redis::cmd("INFO").arg("replication")).await {
            Ok(text) => text,
            Err(e) => {
                self.conns.lock().unwrap_or_else(|e| e.into_inner()).remove(addr);
                return Err(e);
            }
        };
        Ok(InfoFacts::parse(&text))
    }

    /// The sentinel names `master`, sees it up and has no failover in progress (during one, SENTINEL MASTER
    /// still shows the old master while GET-MASTER-ADDR-BY-NAME already shows the promoted one).
    async fn names_master(&self, sentinel: &NodeAddr, master: &NodeAddr) -> Result<bool> {
        let mut conn = self.sentinel_at(sentinel).await?;
        let fields: Vec<String> = conn.call(redis::cmd("SENTINEL").arg("MASTER").arg(&self.name)).await?;
        Ok(sentinel::settled_master(&fields).is_some_and(|named| canonical(&self.aliases, &named) == *master))
    }

    /// Before `deadline`, the sentinel names `promoted` with its failover ended (see `names_master`).
    async fn names_within(&self, sentinel: &NodeAddr, promoted: &NodeAddr, deadline: Instant) -> bool {
        let named = tokio::time::timeout_at(tokio::time::Instant::from_std(deadline), self.names_master(sentinel, promoted));
        named.await.is_ok_and(|named| named.unwrap_or(false))
    }

    /// The replicas and sentinels a sentinel lists for the name.
    async fn known_by(&self, sentinel: &NodeAddr) -> Result<(BTreeSet<NodeAddr>, BTreeSet<NodeAddr>)> {
        let addresses = |known: Vec<Known>| known.into_iter().map(|k| k.addr).collect();
        Ok((addresses(self.listed(sentinel, "REPLICAS").await?), addresses(self.listed(sentinel, "SENTINELS").await?)))
    }

    /// The replicas (or sentinels) a sentinel lists for the name, as it sees them.
    async fn listed(&self, sentinel: &NodeAddr, what: &str) -> Result<Vec<Known>> {
        let mut conn = self.sentinel_at(sentinel).await?;
        let entries: Vec<Vec<String>> = conn.call(redis::cmd("SENTINEL").arg(what).arg(&self.name)).await?;
        let mut known = sentinel::known_list(&entries);
        known.iter_mut().for_each(|k| k.addr = canonical(&self.aliases, &k.addr));
        Ok(known)
    }

    /// Every sentinel sees each member as a promotable replica (so the next failover finds them).
    async fn sentinels_see_promotable(&self, members: &[&Named]) -> Result<bool> {
        for addr in &self.sentinels {
            let seen = self.listed(addr, "REPLICAS").await?;
            if !members.iter().all(|m| seen.iter().any(|k| k.addr == m.addr && (k.promotable() || k.priority == Some(0)))) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Polls `check` until it holds, within the wait timeout. A wait belongs to the step in flight:
    /// Ctrl-C lets it finish (or time out) and stops the run after it.
    async fn until<F, Fut>(&self, what: &str, check: F) -> Result<()>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<bool>>,
    {
        self.until_before(Instant::now() + self.wait_timeout, what, || async { Ok(check().await?.then_some(())) }).await
    }

    async fn until_before<T, F, Fut>(&self, deadline: Instant, what: &str, check: F) -> Result<T>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<Option<T>>>,
    {
        let mut last_error = None;
        loop {
            match check().await {
                Ok(Some(value)) => return Ok(value),
                Ok(None) => {}
                Err(e) => {
                    self.forget_connections();
                    last_error = Some(e.message);
                }
            }
            if Instant::now() >= deadline {
                let detail = last_error.map(|e| format!(" (last error: {e})")).unwrap_or_default();
                return Err(Error::failed(format!("gave up waiting for {what}{detail}"))
                    .hint("run `kubectl redis check` to see where the group stands; raise --wait-timeout if it is only slow"));
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

fn list_names(members: &[Named]) -> String {
    members.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// CONFIG REWRITE after a role change, as Sentinel does, so that a restarted member comes back in
/// the role it was given; a member without a configuration file keeps it until it restarts.
async fn persist_role(conn: &mut NodeConn) -> Result<()> {
    match conn.call::<()>(redis::cmd("CONFIG").arg("REWRITE")).await {
        Err(e) if e.message.contains("without a config file") => Ok(()),
        other => other,
    }
}

/// Sets a member's replica-priority and writes it to its configuration file: Sentinel rewrites
/// the file of every replica it reconfigures, so a steered value could otherwise come back on
/// restart.
async fn set_priority(conn: &mut NodeConn, priority: u64) -> Result<()> {
    conn.call::<()>(redis::cmd("CONFIG").arg("SET").arg("replica-priority").arg(priority)).await?;
    persist_role(conn).await
}

/// Puts back the priorities a killed switchover left steered and takes off the fence it left on
/// the old master (its record names them), on the members that answer; the record keeps the
/// others for a later run. Returns the members restored.
pub async fn restore_steered(connector: &Connector, journals: &dyn Store, members: &[NodeAddr]) -> Result<Vec<String>> {
    let names: Vec<String> = members.iter().map(ToString::to_string).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let Some(entry) = journal::find(journals, journal::Kind::Steering, &refs).await? else { return Ok(Vec::new()) };
    let Ok(mut record) = entry.journal else { return Ok(Vec::new()) };
    let mut restored = Vec::new();
    if let Some(fenced) = record.fenced.take() {
        match unfence_left(connector, &fenced).await {
            true => restored.push(fenced.member.clone()),
            false => record.fenced = Some(fenced),
        }
    }
    if record.priorities.is_empty() && restored.is_empty() && record.fenced.is_none() {
        return Ok(Vec::new());
    }
    let mut left = Vec::new();
    for steered in &record.priorities {
        let done = match steered.member.parse::<NodeAddr>() {
            Ok(addr) => match connector.connect(&addr).await {
                Ok(mut conn) => set_priority(&mut conn, steered.restore).await.is_ok(),
                Err(_) => false,
            },
            Err(_) => true,
        };
        if done {
            restored.push(steered.member.clone());
        } else {
            left.push(steered.clone());
        }
    }
    if !restored.is_empty() {
        connector.changes.note();
    }
    if left.is_empty() && record.fenced.is_none() {
        journals.remove(entry.key.as_deref()).await?;
    } else {
        journals.save(&Journal { priorities: left, ..record }).await?;
    }
    Ok(restored)
}

/// Takes off the fence a killed switchover left, in the configuration file too; false when the
/// member did not answer (the journal keeps it for a later run).
async fn unfence_left(connector: &Connector, fenced: &FencedWrites) -> bool {
    let Ok(addr) = fenced.member.parse::<NodeAddr>() else { return true };
    let Ok(mut conn) = connector.connect(&addr).await else { return false };
    let set = conn.call::<()>(redis::cmd("CONFIG").arg("SET").arg("min-replicas-to-write").arg(&fenced.restore)).await;
    set.is_ok() && persist_role(&mut conn).await.is_ok()
}

/// INFO replication of a replica whose link to `master` is up and whose sync is done.
fn follows(info: &str, master: &NodeAddr, aliases: &BTreeMap<String, String>) -> bool {
    let has = |line: String| info.lines().any(|l| l.trim_end() == line);
    let field = |name: &str| info.lines().find_map(|l| l.strip_prefix(name)?.strip_prefix(':')).map(str::trim_end);
    let named = match (field("master_host"), field("master_port").and_then(|p| p.parse().ok())) {
        (Some(host), Some(port)) => canonical(aliases, &NodeAddr::new(host, port)),
        _ => return false,
    };
    named == *master && has("master_link_status:up".to_owned()) && has("master_sync_in_progress:0".to_owned())
}

/// The addresses a SENTINEL REPLICAS/SENTINELS reply lists are exactly these.
fn same<'n>(known: &BTreeSet<NodeAddr>, expected: impl Iterator<Item = &'n Named>) -> bool {
    let expected: BTreeSet<NodeAddr> = expected.map(|n| n.addr.clone()).collect();
    *known == expected
}

/// The reply lists at least these addresses.
fn covers<'n>(known: &BTreeSet<NodeAddr>, mut expected: impl Iterator<Item = &'n Named>) -> bool {
    expected.all(|n| known.contains(&n.addr))
}
