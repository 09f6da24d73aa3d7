//! Views: what one node's CLUSTER NODES says about every node it knows. Nodes that see the
//! cluster alike share one parsed `View`, found by a key: a digest the node computes itself (a
//! read-only script, so that the client reads a few bytes per node instead of every node's view
//! of every node) or, from the full text, the text without what differs between equal views.

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

use super::nodes::{BadLine, NodeLine, parse_cluster_nodes};

/// The read-only script that digests a node's view on the node (see the script's comment).
pub const DIGEST_SCRIPT: &str = include_str!("view.lua");

/// How the nodes' views are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewMode {
    /// Every node's full CLUSTER NODES: least work for the servers, n² text for the client.
    Full,
    /// A digest from every node, the full text from one node per distinct digest.
    Digest,
    /// Digests through a port-forward, where bytes are dear; full views when dialling directly.
    Auto,
}

/// What one node says about every node, without what is only the node's own: the `myself` flag
/// and its open slots live in the node's own line (`NodeState::me`).
#[derive(Debug)]
pub struct View {
    pub lines: Vec<NodeLine>,
    pub bad_lines: Vec<BadLine>,
    by_id: HashMap<String, usize>,
}

impl View {
    pub fn parse(text: &str) -> View {
        let (mut lines, bad_lines) = parse_cluster_nodes(text);
        for line in &mut lines {
            line.flags.myself = false;
            line.migrating.clear();
            line.importing.clear();
        }
        let by_id = lines.iter().enumerate().map(|(i, l)| (l.id.clone(), i)).collect();
        View { lines, bad_lines, by_id }
    }

    /// The line for node `id`, when this view knows it.
    pub fn line(&self, id: &str) -> Option<&NodeLine> {
        self.by_id.get(id).map(|i| &self.lines[*i])
    }
}

/// Finds equal views: two nodes with the same key see the cluster alike.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ViewKey {
    /// The digest script's answer.
    Digest(String),
    /// A hash of each line without the fields that differ between equal views, in order: two
    /// different views share it only if two different lines share a 64-bit hash.
    Text(Vec<u64>),
}

impl ViewKey {
    /// The key of a full CLUSTER NODES text, computed here from the fields the script keeps;
    /// linear in the text, nothing copied.
    pub fn of_text(text: &str) -> ViewKey {
        let mut kept = Vec::with_capacity(256);
        let mut lines: Vec<u64> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|line| {
                kept.clear();
                comparable_fields(line, &mut kept);
                xxh3_64(&kept)
            })
            .collect();
        lines.sort_unstable();
        ViewKey::Text(lines)
    }
}

/// Writes to `kept` a line's ID, address, flags without `myself`, master, config epoch and owned
/// slots, each followed by a space; a line too short to read is kept whole. CLUSTER NODES
/// separates fields by one space, so splitting bytes on spaces is enough (and several times
/// faster than splitting on any whitespace).
fn comparable_fields(line: &str, kept: &mut Vec<u8>) {
    let fields = || line.as_bytes().split(|b| *b == b' ').filter(|f| !f.is_empty());
    if fields().nth(7).is_none() {
        kept.extend_from_slice(line.as_bytes());
        return;
    }
    for (i, field) in fields().enumerate() {
        if i == 2 {
            for flag in field.split(|b| *b == b',').filter(|f| *f != b"myself") {
                kept.extend_from_slice(flag);
                kept.push(b',');
            }
        } else if matches!(i, 0 | 1 | 3 | 6) || (i > 7 && field.first() != Some(&b'[')) {
            kept.extend_from_slice(field);
        } else {
            continue;
        }
        kept.push(b' ');
    }
}

/// The node's own line within a CLUSTER NODES text: the one whose flags hold `myself`.
pub fn own_line(text: &str) -> Option<&str> {
    let flagged =
        |line: &&str| line.split(' ').filter(|f| !f.is_empty()).nth(2).is_some_and(|f| f.split(',').any(|f| f == "myself"));
    text.lines().find(flagged)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "aaaa000000000000000000000000000000000000";
    const B: &str = "bbbb000000000000000000000000000000000000";

    fn text(me: &str, ping: u64, b_slots: &str, open: &str) -> String {
        let flags = |id: &str| if id == me { "myself,master" } else { "master" };
        format!(
            "{B} 10.0.0.2:6379@16379 {} - {ping} {ping} 2 connected {b_slots}\n{A} 10.0.0.1:6379@16379 {} - 0 {ping} 1 disconnected 0-100 {open}\n",
            flags(B),
            flags(A)
        )
    }

    #[test]
    fn views_that_differ_only_in_what_is_each_nodes_own_have_one_key() {
        let from_a = ViewKey::of_text(&text(A, 5, "101-16383", "[7->-bbbb000000000000000000000000000000000000]"));
        let from_b = ViewKey::of_text(&text(B, 9, "101-16383", ""));
        assert_eq!(from_a, from_b, "myself, ping/pong times, link state, line order and open slots do not count");
        assert_ne!(from_b, ViewKey::of_text(&text(B, 9, "102-16383", "")), "a slot owner counts");
    }

    #[test]
    fn a_view_holds_no_ones_own_flags_and_finds_lines_by_id() {
        let view = View::parse(&text(A, 5, "101-16383", "[7->-bbbb000000000000000000000000000000000000]"));
        let a = view.line(A).unwrap();
        assert!(!a.flags.myself && a.migrating.is_empty());
        assert_eq!(view.line(B).unwrap().slots.len(), 16384 - 101);
        assert!(view.line("cccc").is_none());
        assert!(own_line(&text(A, 5, "", "")).unwrap().starts_with(A));
    }
}
