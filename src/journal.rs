//! The journal of a slot-moving command: what it set out to move, saved before the first slot
//! moves and removed when the last one has. A re-run of the same command after an interruption
//! (even SIGKILL) reads it, finishes the open slots it left and moves what is still missing, so
//! it reaches the same end state instead of planning anew from a half-moved cluster.

use std::fs;
use std::path::PathBuf;

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
    pub moves: Vec<JournalMove>,
}

impl Journal {
    pub fn new(request: String, command_line: String, moves: &[Move]) -> Journal {
        let moves = moves
            .iter()
            .map(|m| JournalMove { source: m.source.id.clone(), target: m.target.id.clone(), slots: format_ranges(&m.slots) })
            .collect();
        Journal { request, command_line, moves }
    }
}

fn path(cluster: &str) -> PathBuf {
    crate::state::root().join("journals").join(format!("{cluster}.json"))
}

/// The journal of an unfinished move, if any. A journal that cannot be read or parsed is an
/// error, never taken for "no move under way": resuming without it could plan from a half-moved
/// cluster.
pub fn load(cluster: &str) -> Result<Option<Journal>> {
    let file = path(cluster);
    let text = match fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::refused(format!("the journal {} cannot be read: {e}", file.display()))
                .hint("give this user access to it, or run as the user who started the move"));
        }
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        Error::refused(format!("the journal {} is corrupt ({e}); nothing was changed", file.display()))
            .hint("run `kubectl redis fix` (it settles open slots and discards the journal), then the command again")
    })
}

/// Saves the journal whole (written aside and renamed), so a crash at any byte leaves the old
/// journal or the new one.
pub fn save(cluster: &str, journal: &Journal) -> Result<()> {
    let text = serde_json::to_string_pretty(journal).map_err(|e| Error::failed(e.to_string()))?;
    crate::state::write_private(&path(cluster), text.as_bytes())?;
    Ok(())
}

pub fn remove(cluster: &str) -> Result<()> {
    match fs::remove_file(path(cluster)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}
