//! The journal of a slot-moving command: what it set out to move, saved before the first slot
//! moves and removed when the last one has. A re-run of the same command after an interruption
//! (even SIGKILL) reads it, finishes the open slots it left and moves what is still missing, so
//! it reaches the same end state instead of planning anew from a half-moved cluster.
//!
//! A journal names its cluster by the IDs of the masters the cluster had when it was saved, and
//! is found again by any overlap with the cluster's members: a node forgotten since (del-node,
//! fix) does not lose it. It is kept in a `Store`: files in the tool's state directory, or on
//! Kubernetes the target's Lease, so that a re-run from another machine resumes it.
//!
//! Each kind of work (a slot move, a rolling restart, a Sentinel switchover's steered
//! priorities) keeps a journal of its own, filed apart: finishing one never removes another.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::planner::moves::Move;
use crate::redis::slots::{SlotRange, format_ranges};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalMove {
    pub source: String,
    pub target: String,
    pub slots: String,
}

impl JournalMove {
    pub fn ranges(&self) -> Vec<SlotRange> {
        self.slots.split(',').filter_map(SlotRange::parse).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// The request in resolved form (node IDs, numbers); a re-run resumes only the same request.
    pub request: String,
    /// How to re-run it, for messages.
    pub command_line: String,
    /// The cluster's masters when it was saved, sorted: what the journal is found by.
    #[serde(default)]
    pub masters: Vec<String>,
    pub moves: Vec<JournalMove>,
    /// Replica priorities a Sentinel switchover steered, with the values to put back: a run
    /// killed while they were steered leaves them here, and the next changing run restores them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<SteeredPriority>,
    /// The old master of a Sentinel switchover while it refuses writes: the next changing run
    /// puts its setting back when a run was killed with it fenced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fenced: Option<FencedWrites>,
    /// A rolling restart: the IDs of the members restarted so far, which a re-run leaves out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restarted: Option<Vec<String>>,
    /// A rolling restart: the member being restarted when it was saved. A run killed then may have
    /// left it stopping (it answers a moment longer), so a re-run restarts it again first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_flight: Option<String>,
}

/// The request of a rolling restart's journal.
pub const RESTART: &str = "restart";

/// The kinds of work that keep a journal, each filed apart from the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Slots being moved (reshard, rebalance, scale, del-node, fix).
    Move,
    /// A rolling restart.
    Restart,
    /// Replica priorities a Sentinel switchover steered.
    Steering,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Move, Kind::Restart, Kind::Steering];

    /// What starts the keys of its journals (a move's keys are bare, as they always were).
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Move => "",
            Kind::Restart => "restart-",
            Kind::Steering => "steering-",
        }
    }

    /// The key of this kind's journal for the cluster (or group) whose lowest member is `lowest`.
    pub fn key(self, lowest: &str) -> String {
        format!("{}{lowest}", self.prefix())
    }

    /// The kind of a key, and the member it names.
    pub fn of_key(key: &str) -> (Kind, &str) {
        Kind::ALL.into_iter().rev().find_map(|k| Some((k, key.strip_prefix(k.prefix())?))).unwrap_or((Kind::Move, key))
    }
}

/// What the request of a switchover's journal starts with.
const STEERING: &str = "sentinel switchover of ";

/// A member's replica-priority as it was before a switchover changed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SteeredPriority {
    /// The member's address.
    pub member: String,
    pub restore: u64,
}

/// A member made to refuse writes (`min-replicas-to-write` above any number of replicas), and the
/// value to put back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FencedWrites {
    /// The member's address.
    pub member: String,
    pub restore: String,
}

impl Journal {
    pub fn new(request: String, command_line: String, mut masters: Vec<String>, moves: &[Move]) -> Journal {
        masters.sort();
        let moves = moves
            .iter()
            .map(|m| JournalMove { source: m.source.id.clone(), target: m.target.id.clone(), slots: format_ranges(&m.slots) })
            .collect();
        Journal { request, command_line, masters, moves, priorities: Vec::new(), fenced: None, restarted: None, in_flight: None }
    }

    /// The journal of a rolling restart of the cluster whose masters are `masters`.
    pub fn restarting(
        command_line: String,
        mut masters: Vec<String>,
        restarted: Vec<String>,
        in_flight: Option<String>,
    ) -> Journal {
        masters.sort();
        Journal {
            request: RESTART.to_owned(),
            command_line,
            masters,
            moves: Vec::new(),
            priorities: Vec::new(),
            fenced: None,
            restarted: Some(restarted),
            in_flight,
        }
    }

    /// The journal of a Sentinel switchover that steers priorities: found by the group's member
    /// addresses (a group has no node IDs).
    pub fn steering(group: &str, mut members: Vec<String>, priorities: Vec<SteeredPriority>) -> Journal {
        members.sort();
        Journal {
            request: format!("{STEERING}{group}"),
            command_line: "kubectl redis fix".to_owned(),
            masters: members,
            moves: Vec::new(),
            priorities,
            fenced: None,
            restarted: None,
            in_flight: None,
        }
    }

    pub fn kind(&self) -> Kind {
        match self.request.as_str() {
            RESTART => Kind::Restart,
            r if r.starts_with(STEERING) => Kind::Steering,
            _ => Kind::Move,
        }
    }

    /// What a store files it under: its kind and lowest master (journals from before `masters`
    /// was recorded were filed under the cluster's lowest node ID).
    pub fn key(&self) -> Option<String> {
        self.masters.first().map(|lowest| self.kind().key(lowest))
    }

    pub fn to_text(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::failed(e.to_string()))
    }

    /// How many of `members` it names among its masters or moves.
    fn overlap(&self, members: &BTreeSet<&str>) -> usize {
        let named: BTreeSet<&str> = self
            .masters
            .iter()
            .map(String::as_str)
            .chain(self.moves.iter().flat_map(|m| [m.source.as_str(), m.target.as_str()]))
            .collect();
        named.intersection(members).count()
    }
}

/// One journal a store holds, read or not.
#[derive(Debug)]
pub struct Entry {
    /// What the store files it under (a file's name), when it has one of its own.
    pub key: Option<String>,
    /// The journal, or why it cannot be read (a refusal that says where it is).
    pub journal: Result<Journal>,
}

impl Entry {
    /// Parses a stored text; `place` says where it is kept, for messages.
    pub fn parse(key: Option<String>, text: &str, place: String) -> Entry {
        let journal = serde_json::from_str(text).map_err(|e| {
            Error::refused(format!("the journal in {place} is corrupt ({e}); nothing was changed"))
                .hint("run `kubectl redis fix` (it settles open slots and discards the journal), then the command again")
        });
        Entry { key, journal }
    }

    fn key(&self) -> Option<String> {
        self.key.clone().or_else(|| self.journal.as_ref().ok().and_then(Journal::key))
    }

    /// Its kind: the journal's, or for one that cannot be read, its key's.
    fn kind(&self) -> Kind {
        match (&self.journal, &self.key) {
            (Ok(journal), _) => journal.kind(),
            (Err(_), Some(key)) => Kind::of_key(key).0,
            (Err(_), None) => Kind::Move,
        }
    }
}

/// Where journals are kept.
pub trait Store: Send + Sync {
    /// Every journal kept here, each read or with the reason it cannot be.
    fn load_all(&self) -> BoxFuture<'_, Result<Vec<Entry>>>;
    /// Saves it whole, replacing the one filed under its key.
    fn save<'a>(&'a self, journal: &'a Journal) -> BoxFuture<'a, Result<()>>;
    /// Removes the journal filed under `key` (a store that keeps one journal removes it).
    fn remove<'a>(&'a self, key: Option<&'a str>) -> BoxFuture<'a, Result<()>>;
}

/// The journal of this kind of the cluster whose node IDs are `members`, if one is kept: the one
/// naming most of them, or one filed under a member's ID that cannot be read (taking that for
/// "no move under way" could plan from a half-moved cluster). Its key is filled in.
pub async fn find(store: &dyn Store, kind: Kind, members: &[&str]) -> Result<Option<Entry>> {
    let members: BTreeSet<&str> = members.iter().copied().collect();
    let mut best: Option<(usize, Entry)> = None;
    for entry in store.load_all().await?.into_iter().filter(|e| e.kind() == kind) {
        let overlap = match &entry.journal {
            Ok(journal) => journal.overlap(&members),
            Err(_) => usize::from(entry.key().is_some_and(|k| members.contains(Kind::of_key(&k).1))),
        };
        if overlap > 0 && best.as_ref().is_none_or(|(n, _)| overlap > *n) {
            best = Some((overlap, entry));
        }
    }
    Ok(best.map(|(_, entry)| Entry { key: entry.key(), ..entry }))
}

/// Journals as files in the tool's state directory, one per cluster.
#[derive(Debug, Clone, Default)]
pub struct Files;

fn dir() -> PathBuf {
    crate::state::root().join("journals")
}

fn path(key: &str) -> PathBuf {
    dir().join(format!("{key}.json"))
}

impl Store for Files {
    fn load_all(&self) -> BoxFuture<'_, Result<Vec<Entry>>> {
        Box::pin(async move {
            let listing = match fs::read_dir(dir()) {
                Ok(listing) => listing,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
                Err(e) => return Err(unreadable(&dir(), &e)),
            };
            let mut entries = Vec::new();
            for file in listing.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")) {
                let key = file.file_stem().map(|s| s.to_string_lossy().into_owned());
                let entry = match fs::read_to_string(&file) {
                    Ok(text) => Entry::parse(key, &text, file.display().to_string()),
                    Err(e) => Entry { key, journal: Err(unreadable(&file, &e)) },
                };
                entries.push(entry);
            }
            Ok(entries)
        })
    }

    /// Written aside and renamed, so a crash at any byte leaves the old journal or the new one.
    fn save<'a>(&'a self, journal: &'a Journal) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let key = journal.key().ok_or_else(|| Error::failed("a journal without masters cannot be filed"))?;
            crate::state::write_private(&path(&key), journal.to_text()?.as_bytes())?;
            Ok(())
        })
    }

    fn remove<'a>(&'a self, key: Option<&'a str>) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let Some(key) = key else { return Ok(()) };
            match fs::remove_file(path(key)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
                _ => Ok(()),
            }
        })
    }
}

fn unreadable(file: &std::path::Path, e: &std::io::Error) -> Error {
    Error::refused(format!("the journal {} cannot be read: {e}", file.display()))
        .hint("give this user access to it, or run as the user who started the move")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_filed_under_a_key_of_its_own_that_names_it() {
        let masters = vec!["b".to_owned(), "a".to_owned()];
        let moving = Journal::new("reshard".into(), "kubectl redis reshard".into(), masters.clone(), &[]);
        let restarting = Journal::restarting("kubectl redis restart".into(), masters.clone(), Vec::new(), None);
        let steering = Journal::steering("g", masters, Vec::new());
        let keys: Vec<String> = [&moving, &restarting, &steering].iter().filter_map(|j| j.key()).collect();
        assert_eq!(keys, ["a", "restart-a", "steering-a"]);
        assert_eq!(
            keys.iter().map(|k| Kind::of_key(k)).collect::<Vec<_>>(),
            [(Kind::Move, "a"), (Kind::Restart, "a"), (Kind::Steering, "a")]
        );
    }
}
