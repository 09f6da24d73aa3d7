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

pub fn load(cluster: &str) -> Result<Option<Journal>> {
    match fs::read_to_string(path(cluster)) {
        Ok(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
            Error::failed(format!("the journal {} is unreadable: {e}", path(cluster).display()))
                .hint("remove it if no move is under way")
        }),
        Err(_) => Ok(None),
    }
}

pub fn save(cluster: &str, journal: &Journal) -> Result<()> {
    let file = path(cluster);
    fs::create_dir_all(file.parent().expect("journal path has a parent"))?;
    let text = serde_json::to_string_pretty(journal).map_err(|e| Error::failed(e.to_string()))?;
    // Write then rename, so a kill never leaves half a journal.
    let partial = file.with_extension("json.partial");
    fs::write(&partial, text)?;
    fs::rename(partial, file)?;
    Ok(())
}

pub fn remove(cluster: &str) -> Result<()> {
    match fs::remove_file(path(cluster)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}
