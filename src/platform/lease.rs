//! One change at a time: a changing command holds a `coordination.k8s.io` Lease named after its
//! target while it runs, renewed in the background and released at the end. A second run, from
//! anywhere, finds the holder and refuses.
//!
//! Expiry is judged as client-go's leader election judges it: by when this process last saw the
//! record change, never by comparing timestamps another machine wrote with the local clock. A run
//! that finds the lease held watches it; a renewal proves the holder alive (refused at once), and a
//! record that stays the same for its `leaseDurationSeconds` belongs to a run that died, whose
//! lease is then taken over.
//!
//! A holder that cannot renew for `RENEW_DEADLINE`, or finds another holder in the record, has
//! lost the lease: the run is told to stop after the work in flight (see `Stop`) and fails naming
//! who holds it now.
//!
//! A holder paused for longer than that (SIGSTOP, a descheduled process) must not carry on: before
//! every step the run proves the lease still its own (the `Fence` of `Record`): the record still
//! carries the resourceVersion this run last wrote, or at least still names it as holder with the
//! acquireTime it wrote. When the API server cannot be asked, only a write of ours less than
//! `RENEW_DEADLINE` ago proves it (others wait `DURATION` after the last change they saw).
//!
//! The Lease also keeps the target's move journal (an annotation), so that a run from another
//! machine resumes what an interrupted one left.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::MicroTime;
use k8s_openapi::jiff::Timestamp;
use kube::api::{Api, ObjectMeta, PostParams};

use crate::error::{Error, Result};
use crate::journal::{self, Entry, Journal};
use crate::stop::{Fence, Stop};

/// How long a lease this tool writes stays valid without renewal.
pub const DURATION: Duration = Duration::from_secs(30);
/// How often the holder renews: a run that watches a live lease sees it change this soon.
const RENEW_EVERY: Duration = Duration::from_secs(2);
/// Renewals that keep failing for this long mean the lease is as good as lost: others may take it
/// over once `DURATION` passes without a renewal they saw.
const RENEW_DEADLINE: Duration = Duration::from_secs(20);
/// How often a run that finds the lease held looks at it again.
const WATCH_EVERY: Duration = Duration::from_millis(500);
/// The annotation that keeps the target's journal of one kind (a move's is the bare name).
fn journal_annotation(kind: journal::Kind) -> String {
    match kind {
        journal::Kind::Move => "kubectl-redis.io/journal".to_owned(),
        kind => format!("kubectl-redis.io/journal-{}", kind.prefix().trim_end_matches('-')),
    }
}
/// Conflicting writes (another process changed the record meanwhile) are retried this often.
const WRITE_ATTEMPTS: usize = 5;

/// The Lease object of one target. Writes from this process (renewals, journal saves) take turns,
/// so that they never conflict with each other.
#[derive(Clone)]
pub struct Record {
    api: Api<Lease>,
    pub name: String,
    writes: Arc<tokio::sync::Mutex<()>>,
    /// What this run last wrote as the holder, once it holds the lease.
    holding: Arc<std::sync::Mutex<Option<Holding>>>,
}

/// The record as this run last wrote it while holding the lease.
#[derive(Clone)]
struct Holding {
    identity: String,
    acquired: Option<MicroTime>,
    version: Option<String>,
    written: Instant,
}

/// The lease's name for a target: `kubectl-redis-<statefulset>`.
pub fn name_for(target: &str) -> String {
    let clean: String = target.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("kubectl-redis-{}", clean.trim_matches('-'))
}

impl Record {
    pub fn new(api: Api<Lease>, target: &str) -> Record {
        Record { api, name: name_for(target), writes: Arc::default(), holding: Arc::default() }
    }

    fn holding(&self) -> Option<Holding> {
        self.holding.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Remembers a record this run wrote: if it names us as holder, that is our lease now.
    fn wrote(&self, identity: &str, written: &Lease) {
        let spec = written.spec.clone().unwrap_or_default();
        let mut holding = self.holding.lock().unwrap_or_else(|e| e.into_inner());
        *holding = (spec.holder_identity.as_deref() == Some(identity)).then(|| Holding {
            identity: identity.to_owned(),
            acquired: spec.acquire_time,
            version: written.metadata.resource_version.clone(),
            written: Instant::now(),
        });
    }

    /// Whether the lease is still this run's: `Err` says why not (see the module's documentation).
    async fn still_ours(&self) -> std::result::Result<(), String> {
        let Some(held) = self.holding() else { return Ok(()) };
        let lease = match self.get().await {
            Ok(lease) => lease,
            Err(_) if held.written.elapsed() < RENEW_DEADLINE => return Ok(()),
            Err(e) => {
                return Err(format!(
                    "lease {} could not be read, and this run last renewed it {} ago ({})",
                    self.name,
                    crate::units::format(Duration::from_secs(held.written.elapsed().as_secs())),
                    e.message
                ));
            }
        };
        let Some(lease) = lease else { return Err(format!("lease {} was deleted", self.name)) };
        if lease.metadata.resource_version.is_some() && lease.metadata.resource_version == held.version {
            return Ok(());
        }
        let spec = lease.spec.unwrap_or_default();
        match spec.holder_identity.filter(|h| !h.is_empty()) {
            Some(holder) if holder == held.identity && spec.acquire_time == held.acquired => Ok(()),
            Some(holder) => Err(format!("lease {} was taken over by {holder}", self.name)),
            None => Err(format!("lease {} was taken over and released by another run", self.name)),
        }
    }

    async fn get(&self) -> Result<Option<Lease>> {
        self.api.get_opt(&self.name).await.map_err(|e| lease_error(e, "read", &self.name))
    }

    /// Reads the lease, applies `change` and writes it back, again on a conflict; `None` when
    /// there is no lease (or `change` decided to leave it).
    async fn update(&self, mut change: impl FnMut(&mut Lease) -> bool) -> Result<Option<Lease>> {
        let _turn = self.writes.lock().await;
        for _ in 0..WRITE_ATTEMPTS {
            let Some(mut lease) = self.get().await? else { return Ok(None) };
            if !change(&mut lease) {
                return Ok(None);
            }
            match self.api.replace(&self.name, &PostParams::default(), &lease).await {
                Ok(written) => {
                    if let Some(held) = self.holding() {
                        self.wrote(&held.identity, &written);
                    }
                    return Ok(Some(written));
                }
                Err(kube::Error::Api(s)) if s.code == 409 => continue,
                Err(e) => return Err(lease_error(e, "update", &self.name)),
            }
        }
        Err(Error::failed(format!("lease {} kept changing under every write", self.name))
            .hint("another process writes it constantly; see `kubectl get lease` in this namespace"))
    }
}

/// A lease this process holds; renewed until `release`.
pub struct Held {
    record: Record,
    identity: String,
    renewer: tokio::task::JoinHandle<()>,
}

/// Who holds it: user, host, process and command, so that a refusal can say whom to ask.
fn identity(verb: &str) -> String {
    let user = std::env::var("USER").unwrap_or_else(|_| "someone".to_owned());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .or_else(|_| std::env::var("HOSTNAME"))
        .unwrap_or_else(|_| "an unknown host".to_owned());
    format!("{user}@{host} (pid {}, {verb})", std::process::id())
}

/// Takes the lease of `target`, or refuses naming its holder. A lease held by another run is
/// watched until it changes (refused) or stays the same for its whole duration (taken over).
/// Once held, it is renewed until released; losing it requests `stop`.
pub async fn acquire(record: Record, target: &str, verb: &str, stop: &Stop) -> Result<Held> {
    let identity = identity(verb);
    let mut watched: Option<(String, Instant)> = None;
    loop {
        let taken = match record.get().await? {
            None => create(&record, &identity).await?,
            Some(lease) => {
                let spec = lease.spec.clone().unwrap_or_default();
                let holder = spec.holder_identity.clone().filter(|h| !h.is_empty());
                match holder {
                    Some(holder) => {
                        let seen = format!("{:?} {:?}", lease.metadata.resource_version, spec);
                        let limit = Duration::from_secs(spec.lease_duration_seconds.unwrap_or(30).max(1) as u64);
                        match &watched {
                            None => {
                                eprintln!(
                                    "lease {} is held by {holder}; watching it for up to {} to see whether that run is alive",
                                    record.name,
                                    crate::units::format(limit)
                                );
                                watched = Some((seen, Instant::now()));
                                false
                            }
                            Some((before, _)) if *before != seen => return Err(busy(target, &holder, &spec)),
                            Some((_, since)) if since.elapsed() >= limit => take(&record, &identity, &lease).await?,
                            Some(_) => false,
                        }
                    }
                    None => take(&record, &identity, &lease).await?,
                }
            }
        };
        if taken {
            let renewer = tokio::spawn(renew(record.clone(), identity.clone(), stop.clone()));
            return Ok(Held { record, identity, renewer });
        }
        tokio::time::sleep(WATCH_EVERY).await;
    }
}

/// A fresh record naming `identity` as the holder from now on.
fn fresh(identity: &str, transitions: i32) -> LeaseSpec {
    let now = MicroTime(Timestamp::now());
    LeaseSpec {
        holder_identity: Some(identity.to_owned()),
        lease_duration_seconds: Some(DURATION.as_secs() as i32),
        acquire_time: Some(now.clone()),
        renew_time: Some(now),
        lease_transitions: Some(transitions),
        ..Default::default()
    }
}

/// Creates the lease; false when another run created it at the same moment.
async fn create(record: &Record, identity: &str) -> Result<bool> {
    let lease =
        Lease { metadata: ObjectMeta { name: Some(record.name.clone()), ..Default::default() }, spec: Some(fresh(identity, 0)) };
    match record.api.create(&PostParams::default(), &lease).await {
        Ok(written) => {
            record.wrote(identity, &written);
            Ok(true)
        }
        Err(kube::Error::Api(s)) if s.code == 409 => Ok(false),
        Err(e) => Err(lease_error(e, "take", &record.name)),
    }
}

/// Takes over the lease as read (its resourceVersion guards the write); false when it changed meanwhile.
async fn take(record: &Record, identity: &str, read: &Lease) -> Result<bool> {
    let _turn = record.writes.lock().await;
    let mut lease = read.clone();
    let transitions = lease.spec.as_ref().and_then(|s| s.lease_transitions).unwrap_or(0) + 1;
    lease.spec = Some(fresh(identity, transitions));
    match record.api.replace(&record.name, &PostParams::default(), &lease).await {
        Ok(written) => {
            record.wrote(identity, &written);
            Ok(true)
        }
        Err(kube::Error::Api(s)) if s.code == 409 => Ok(false),
        Err(e) => Err(lease_error(e, "take", &record.name)),
    }
}

impl Held {
    /// Stops renewing and clears the holder (the journal stays), so the next run need not wait.
    pub async fn release(self) {
        self.renewer.abort();
        let identity = self.identity.clone();
        let _ = self
            .record
            .update(|lease| {
                let spec = lease.spec.get_or_insert_with(Default::default);
                let ours = spec.holder_identity.as_deref() == Some(identity.as_str());
                if ours {
                    spec.holder_identity = None;
                }
                ours
            })
            .await;
    }
}

/// Renews every `RENEW_EVERY` until aborted. Another holder in the record, or renewals failing for
/// `RENEW_DEADLINE`, mean the lease is lost: `stop` is told who holds it, and renewing ends.
async fn renew(record: Record, identity: String, stop: Stop) {
    let mut renewed = Instant::now();
    loop {
        tokio::time::sleep(RENEW_EVERY).await;
        let mut other = None;
        let written = record
            .update(|lease| {
                let spec = lease.spec.get_or_insert_with(Default::default);
                if spec.holder_identity.as_deref() != Some(identity.as_str()) {
                    other = Some(spec.holder_identity.clone().unwrap_or_else(|| "nobody".to_owned()));
                    return false;
                }
                spec.renew_time = Some(MicroTime(Timestamp::now()));
                true
            })
            .await;
        let lost = match (written, other) {
            (_, Some(holder)) => Some(format!("lease {} was taken over by {holder}", record.name)),
            (Ok(Some(_)), None) => {
                renewed = Instant::now();
                None
            }
            (Ok(None), None) => Some(format!("lease {} was deleted", record.name)),
            (Err(e), None) if renewed.elapsed() >= RENEW_DEADLINE => Some(format!(
                "lease {} could not be renewed for {} ({})",
                record.name,
                crate::units::format(RENEW_DEADLINE),
                e.message
            )),
            (Err(_), None) => None,
        };
        if let Some(why) = lost {
            stop.lease_lost(why);
            return;
        }
    }
}

impl Fence for Record {
    fn confirm(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(self.still_ours())
    }
}

/// The journal kept on the lease: what a Kubernetes target's interrupted move left, wherever it ran.
impl journal::Store for Record {
    fn load_all(&self) -> BoxFuture<'_, Result<Vec<Entry>>> {
        Box::pin(async move {
            let annotations = self.get().await?.and_then(|l| l.metadata.annotations).unwrap_or_default();
            let entries = journal::Kind::ALL.into_iter().filter_map(|kind| {
                let name = journal_annotation(kind);
                let place = format!("the annotation {name} of lease {}", self.name);
                let entry = Entry::parse(None, annotations.get(&name)?, place);
                // One that cannot be read still says which kind it is by its key.
                Some(match entry.journal.is_err() {
                    true => Entry { key: Some(kind.prefix().to_owned()), ..entry },
                    false => entry,
                })
            });
            Ok(entries.collect())
        })
    }

    fn save<'a>(&'a self, journal: &'a Journal) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let text = journal.to_text()?;
            let held = self.holding();
            let mut taken_by = None;
            let written = self
                .update(|lease| {
                    // A journal is written by the holder only: never over another run's.
                    let holder = lease.spec.as_ref().and_then(|s| s.holder_identity.clone());
                    if held.as_ref().is_some_and(|h| holder.as_deref() != Some(h.identity.as_str())) {
                        taken_by = Some(holder.unwrap_or_else(|| "nobody".to_owned()));
                        return false;
                    }
                    lease
                        .metadata
                        .annotations
                        .get_or_insert_with(Default::default)
                        .insert(journal_annotation(journal.kind()), text.clone());
                    true
                })
                .await?;
            if let Some(holder) = taken_by {
                return Err(Error::failed(format!("lease {} was taken over by {holder}: the journal is not written", self.name))
                    .hint("another run is changing the cluster; once it is done, run this command again"));
            }
            written.map(|_| ()).ok_or_else(|| {
                Error::failed(format!("lease {} is gone: the move's journal cannot be kept", self.name))
                    .hint("run the command again; it takes a new lease")
            })
        })
    }

    fn remove<'a>(&'a self, key: Option<&'a str>) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let name = journal_annotation(key.map_or(journal::Kind::Move, |k| journal::Kind::of_key(k).0));
            self.update(|lease| lease.metadata.annotations.as_mut().and_then(|a| a.remove(&name)).is_some()).await?;
            Ok(())
        })
    }
}

fn busy(target: &str, holder: &str, spec: &LeaseSpec) -> Error {
    let since = spec.acquire_time.as_ref().map_or_else(|| "a moment ago".to_owned(), |t| t.0.to_string());
    Error::refused(format!("{target} is being changed by {holder} since {since}")).hint(format!(
        "wait until it finishes; a run that was killed loses its lease once it has gone {}s without renewal",
        spec.lease_duration_seconds.unwrap_or(DURATION.as_secs() as i32)
    ))
}

fn lease_error(e: kube::Error, doing: &str, name: &str) -> Error {
    match e {
        kube::Error::Api(s) if s.code == 403 => {
            Error::refused(format!("Kubernetes refused to {doing} lease {name}: {}", s.message))
                .hint("grant get, create and update on leases (coordination.k8s.io) in this namespace; see deploy/rbac.yaml")
        }
        kube::Error::Api(s) => Error::failed(format!("could not {doing} lease {name}: {} ({})", s.message, s.code)),
        e => Error::unreachable(format!("Kubernetes API: could not {doing} lease {name}: {e}"))
            .hint("check the API server address in your kubeconfig and your network"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lease_names_are_valid_object_names() {
        assert_eq!(name_for("redis-cluster"), "kubectl-redis-redis-cluster");
        assert_eq!(name_for("app=Redis,tier=cache"), "kubectl-redis-app-redis-tier-cache");
    }
}
