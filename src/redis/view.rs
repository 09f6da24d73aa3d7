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
/// slots, each followed by a space; a line too short to read is kept whole. One pass over the
/// line: CLUSTER NODES separates fields by one space, found with `memchr` (several times faster
/// than splitting on any whitespace, or byte by byte).
fn comparable_fields(line: &str, kept: &mut Vec<u8>) {
    let mut count = 0;
    for (i, field) in fields(line.as_bytes()).enumerate() {
        count = i + 1;
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
    if count < 8 {
        kept.clear();
        kept.extend_from_slice(line.as_bytes());
    }
}

/// The non-empty space-separated fields of a line.
fn fields(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    memchr::memchr_iter(b' ', line).chain([line.len()]).filter_map(move |end| {
        let field = &line[start..end];
        start = end + 1;
        (!field.is_empty()).then_some(field)
    })
}

/// The node's own line within a CLUSTER NODES text: the one whose flags hold `myself`. Only
/// lines where the word occurs are split into fields.
pub fn own_line(text: &str) -> Option<&str> {
    let flagged = |line: &str| fields(line.as_bytes()).nth(2).is_some_and(|f| f.split(|b| *b == b',').any(|f| f == b"myself"));
    memchr::memmem::find_iter(text.as_bytes(), b"myself").map(|at| line_around(text, at)).find(|line| flagged(line))
}

/// The line of `text` that holds byte `at`, without its line ending.
fn line_around(text: &str, at: usize) -> &str {
    let start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i);
    text[start..end].trim_end_matches('\r')
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

    #[test]
    fn the_own_line_is_the_one_flagged_myself_whatever_else_says_the_word() {
        let named = format!(
            "{A} 10.0.0.1:6379@16379,myself master - 0 0 1 connected\r\n{B} 10.0.0.2:6379@16379 myself,slave {A} 0 0 1 connected\r\n"
        );
        assert_eq!(own_line(&named), Some(format!("{B} 10.0.0.2:6379@16379 myself,slave {A} 0 0 1 connected").as_str()));
        assert_eq!(own_line(&text(A, 5, "", "").replace("myself,", "")), None);
    }

    #[test]
    fn a_line_too_short_to_read_is_kept_whole_and_extra_spaces_do_not_count() {
        let mut kept = Vec::new();
        comparable_fields("garbage line", &mut kept);
        assert_eq!(kept, b"garbage line");
        let (mut single, mut double) = (Vec::new(), Vec::new());
        comparable_fields(&format!("{A} 10.0.0.1:6379@16379 myself,master - 0 5 1 connected 0-100"), &mut single);
        comparable_fields(&format!("{A}  10.0.0.1:6379@16379 master -  0 7 1 connected 0-100 "), &mut double);
        assert_eq!(single, double);
        assert_eq!(single, format!("{A} 10.0.0.1:6379@16379 master, - 1 0-100 ").as_bytes());
    }
}
