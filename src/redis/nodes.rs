//! The CLUSTER NODES text format: one node's view of every node it knows, parsed without panicking.

use serde::Serialize;

use super::addr::AnnouncedAddr;
use super::slots::{SlotRange, SlotSet};

/// Flags a node line can carry. Unknown flags are kept as text so nothing is silently lost.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    pub myself: bool,
    pub master: bool,
    pub replica: bool,
    pub fail: bool,
    pub pfail: bool,
    pub handshake: bool,
    pub noaddr: bool,
    pub nofailover: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
}

impl Flags {
    fn parse(field: &str) -> Flags {
        let mut flags = Flags::default();
        for flag in field.split(',') {
            match flag {
                "myself" => flags.myself = true,
                "master" | "primary" => flags.master = true,
                "slave" | "replica" => flags.replica = true,
                "fail" => flags.fail = true,
                "fail?" => flags.pfail = true,
                "handshake" => flags.handshake = true,
                "noaddr" => flags.noaddr = true,
                "nofailover" => flags.nofailover = true,
                "noflags" | "" => {}
                other => flags.other.push(other.to_owned()),
            }
        }
        flags
    }
}

/// A slot this node is moving out (`migrating`) or in (`importing`), with the peer's ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenSlot {
    pub slot: u16,
    pub peer: String,
}

/// One line of CLUSTER NODES.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeLine {
    pub id: String,
    pub addr: AnnouncedAddr,
    pub flags: Flags,
    /// The master's ID for a replica.
    pub master_id: Option<String>,
    pub config_epoch: u64,
    pub link_connected: bool,
    pub slots: SlotSet,
    pub migrating: Vec<OpenSlot>,
    pub importing: Vec<OpenSlot>,
}

/// A line that could not be read, kept for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: String,
    pub why: &'static str,
}

/// Parses the whole reply; good lines and bad lines are returned separately.
pub fn parse_cluster_nodes(text: &str) -> (Vec<NodeLine>, Vec<BadLine>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match parse_line(line) {
            Ok(node) => good.push(node),
            Err(why) => bad.push(BadLine { line: line.to_owned(), why }),
        }
    }
    (good, bad)
}

fn parse_line(line: &str) -> Result<NodeLine, &'static str> {
    let fields: Vec<&str> = line.split_ascii_whitespace().collect();
    if fields.len() < 8 {
        return Err("fewer than 8 fields");
    }
    let id = fields[0];
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("node ID is not hexadecimal");
    }
    let addr = AnnouncedAddr::parse(fields[1]).ok_or("unreadable address")?;
    let master_id = match fields[3] {
        "-" => None,
        m if m.bytes().all(|b| b.is_ascii_hexdigit()) => Some(m.to_owned()),
        _ => return Err("master ID is not hexadecimal"),
    };
    let config_epoch = fields[6].parse().map_err(|_| "config epoch is not a number")?;
    let link_connected = match fields[7] {
        "connected" => true,
        "disconnected" => false,
        _ => return Err("link state is neither connected nor disconnected"),
    };
    let mut node = NodeLine {
        id: id.to_owned(),
        addr,
        flags: Flags::parse(fields[2]),
        master_id,
        config_epoch,
        link_connected,
        slots: SlotSet::default(),
        migrating: Vec::new(),
        importing: Vec::new(),
    };
    for token in &fields[8..] {
        parse_slot_token(token, &mut node)?;
    }
    Ok(node)
}

/// `N`, `A-B`, `[N->-id]` (migrating to id) or `[N-<-id]` (importing from id).
fn parse_slot_token(token: &str, node: &mut NodeLine) -> Result<(), &'static str> {
    if let Some(inner) = token.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        let open = |sep: &str| {
            inner.split_once(sep).and_then(|(slot, peer)| {
                let slot = SlotRange::parse(slot).filter(|r| r.len() == 1)?.start;
                Some(OpenSlot { slot, peer: peer.to_owned() })
            })
        };
        if let Some(open) = open("->-") {
            node.migrating.push(open);
        } else if let Some(open) = open("-<-") {
            node.importing.push(open);
        } else {
            return Err("unreadable open-slot marker");
        }
        return Ok(());
    }
    let range = SlotRange::parse(token).ok_or("unreadable slot range")?;
    node.slots.insert_range(range);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = "\
07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,hostname4 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected
67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002,hostname2 master - 0 1426238316232 2 connected 5461-10922
e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001,hostname1 myself,master - 0 0 1 connected 0-5460 [5461-<-67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1] [93->-292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f]
6ec23923021cf3ffec47632106199cb7f496ce01 127.0.0.1:30005@31005 slave,fail 67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 0 1426238316232 5 disconnected
292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f :0@0 master,fail?,noaddr - 1426238318243 1426238318243 3 connected 10923-16383 12000
";

    #[test]
    fn parses_roles_flags_slots_and_open_slots() {
        let (nodes, bad) = parse_cluster_nodes(SAMPLE);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(nodes.len(), 5);
        let me = &nodes[2];
        assert!(me.flags.myself && me.flags.master);
        assert_eq!(me.slots.len(), 5461);
        assert_eq!(me.importing, vec![OpenSlot { slot: 5461, peer: "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1".into() }]);
        assert_eq!(me.migrating[0].slot, 93);
        let replica = &nodes[0];
        assert!(replica.flags.replica);
        assert_eq!(replica.master_id.as_deref(), Some("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca"));
        assert_eq!(replica.addr.hostname.as_deref(), Some("hostname4"));
        assert!(nodes[3].flags.fail && !nodes[3].link_connected);
        let ghost = &nodes[4];
        assert!(ghost.flags.pfail && ghost.flags.noaddr);
        assert_eq!(ghost.addr.client_addr(), None);
        assert_eq!(ghost.slots.len(), 16384 - 10923);
    }

    #[test]
    fn reports_bad_lines_instead_of_dropping_them() {
        let (good, bad) = parse_cluster_nodes("abc 1.2.3.4:1@2 master - 0 0 x connected\nnot a line\n");
        assert!(good.is_empty());
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].why, "config epoch is not a number");
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(text in "\\PC{0,300}") {
            let _ = parse_cluster_nodes(&text);
        }

        #[test]
        fn never_panics_on_line_shaped_noise(
            fields in proptest::collection::vec("[0-9a-f:@,\\[\\]<>?.-]{0,12}|master|myself,slave|connected|-", 0..14)
        ) {
            let _ = parse_cluster_nodes(&fields.join(" "));
        }
    }
}
