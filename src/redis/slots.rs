//! Hash slots: the 16384-slot space, slot ranges, sets of slots, and the key → slot function.

use std::fmt;

use serde::{Serialize, Serializer};

pub const SLOT_COUNT: u16 = 16384;

/// An inclusive range of slots, printed `start-end` (or `slot` when it holds one slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SlotRange {
    pub start: u16,
    pub end: u16,
}

impl SlotRange {
    pub fn new(start: u16, end: u16) -> Self {
        debug_assert!(start <= end && end < SLOT_COUNT);
        SlotRange { start, end }
    }

    /// A range holds at least one slot, so it has no `is_empty`.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        usize::from(self.end - self.start) + 1
    }

    /// Parses `N` or `A-B` with both ends inside the slot space.
    pub fn parse(text: &str) -> Option<SlotRange> {
        let (a, b) = text.split_once('-').unwrap_or((text, text));
        let (a, b): (u16, u16) = (a.parse().ok()?, b.parse().ok()?);
        (a <= b && b < SLOT_COUNT).then_some(SlotRange { start: a, end: b })
    }
}

impl fmt::Display for SlotRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end { write!(f, "{}", self.start) } else { write!(f, "{}-{}", self.start, self.end) }
    }
}

impl Serialize for SlotRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A set of slots as a bitmap.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SlotSet {
    bits: Box<[u64; 256]>,
}

impl Default for SlotSet {
    fn default() -> Self {
        SlotSet { bits: Box::new([0; 256]) }
    }
}

impl fmt::Debug for SlotSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SlotSet({})", format_ranges(&self.ranges()))
    }
}

impl SlotSet {
    pub fn from_ranges(ranges: &[SlotRange]) -> Self {
        let mut set = SlotSet::default();
        for r in ranges {
            set.insert_range(*r);
        }
        set
    }

    pub fn insert(&mut self, slot: u16) {
        self.bits[usize::from(slot / 64)] |= 1 << (slot % 64);
    }

    pub fn remove(&mut self, slot: u16) {
        self.bits[usize::from(slot / 64)] &= !(1 << (slot % 64));
    }

    /// Whole words at a time: a large map is built from thousands of ranges.
    pub fn insert_range(&mut self, range: SlotRange) {
        let (first, last) = (usize::from(range.start / 64), usize::from(range.end / 64));
        let from = |bit: u16| u64::MAX << (bit % 64);
        let upto = |bit: u16| u64::MAX >> (63 - bit % 64);
        if first == last {
            self.bits[first] |= from(range.start) & upto(range.end);
            return;
        }
        self.bits[first] |= from(range.start);
        self.bits[first + 1..last].fill(u64::MAX);
        self.bits[last] |= upto(range.end);
    }

    pub fn contains(&self, slot: u16) -> bool {
        self.bits[usize::from(slot / 64)] & (1 << (slot % 64)) != 0
    }

    pub fn len(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|w| *w == 0)
    }

    pub fn union_with(&mut self, other: &SlotSet) {
        for (a, b) in self.bits.iter_mut().zip(other.bits.iter()) {
            *a |= b;
        }
    }

    /// The slots not in this set, as a set.
    pub fn complement(&self) -> SlotSet {
        let mut out = SlotSet::default();
        for (o, w) in out.bits.iter_mut().zip(self.bits.iter()) {
            *o = !w;
        }
        out
    }

    /// The set as maximal contiguous ranges, in ascending order. Linear in words and ranges, not
    /// in slots: views of hundreds of nodes are compared through it.
    pub fn ranges(&self) -> Vec<SlotRange> {
        let mut ranges = Vec::new();
        let mut slot = self.next_with(true, 0);
        while let Some(start) = slot {
            let end = self.next_with(false, start).unwrap_or(SLOT_COUNT);
            ranges.push(SlotRange::new(start, end - 1));
            slot = self.next_with(true, end);
        }
        ranges
    }

    /// The first slot at or after `from` that is (or, with `present` false, is not) in the set.
    fn next_with(&self, present: bool, from: u16) -> Option<u16> {
        if from >= SLOT_COUNT {
            return None;
        }
        let mut index = usize::from(from / 64);
        let word = |i: usize| if present { self.bits[i] } else { !self.bits[i] };
        let mut bits = word(index) & (u64::MAX << (from % 64));
        loop {
            if bits != 0 {
                return u16::try_from(index * 64 + bits.trailing_zeros() as usize).ok();
            }
            index += 1;
            if index == self.bits.len() {
                return None;
            }
            bits = word(index);
        }
    }
}

/// `0-5460,5462` style text for a list of ranges; `-` when empty.
pub fn format_ranges(ranges: &[SlotRange]) -> String {
    if ranges.is_empty() {
        return "-".into();
    }
    ranges.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// The slot a key hashes to (CRC16/XMODEM of the key or of its `{hash tag}`, modulo 16384).
pub fn key_slot(key: &[u8]) -> u16 {
    let hashed = match key.iter().position(|&b| b == b'{') {
        Some(open) => match key[open + 1..].iter().position(|&b| b == b'}') {
            Some(len) if len > 0 => &key[open + 1..open + 1 + len],
            _ => key,
        },
        None => key,
    };
    crc16(hashed) % SLOT_COUNT
}

fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn key_slot_matches_the_cluster_spec_examples() {
        assert_eq!(crc16(b"123456789"), 0x31C3);
        assert_eq!(key_slot(b"foo"), 12182);
        assert_eq!(key_slot(b"{user1000}.following"), key_slot(b"user1000"));
        assert_eq!(key_slot(b"foo{}{bar}"), key_slot(b"foo{}{bar}"));
        assert_eq!(key_slot(b"{}foo"), crc16(b"{}foo") % SLOT_COUNT);
    }

    #[test]
    fn ranges_merge_adjacent_slots() {
        let set = SlotSet::from_ranges(&[SlotRange::new(0, 10), SlotRange::new(11, 20), SlotRange::new(30, 30)]);
        assert_eq!(format_ranges(&set.ranges()), "0-20,30");
        assert_eq!(set.len(), 22);
        assert_eq!(set.complement().len(), 16384 - 22);
    }

    proptest! {
        #[test]
        fn ranges_round_trip(slots in proptest::collection::btree_set(0u16..SLOT_COUNT, 0..200)) {
            let mut set = SlotSet::default();
            slots.iter().for_each(|s| set.insert(*s));
            let ranges = set.ranges();
            prop_assert!(ranges.windows(2).all(|w| w[0].end + 1 < w[1].start), "ranges are maximal and ordered");
            let back = SlotSet::from_ranges(&ranges);
            prop_assert_eq!(back.len(), slots.len());
            prop_assert!(slots.iter().all(|s| back.contains(*s)));
        }

        #[test]
        fn a_range_inserted_holds_exactly_its_slots(start in 0u16..SLOT_COUNT, len in 1u16..2000, other in 0u16..SLOT_COUNT) {
            let range = SlotRange::new(start, (start + len - 1).min(SLOT_COUNT - 1));
            let set = SlotSet::from_ranges(&[range]);
            prop_assert_eq!(set.len(), range.len());
            prop_assert_eq!(set.contains(other), (range.start..=range.end).contains(&other));
            prop_assert_eq!(set.ranges(), vec![range]);
        }
    }
}
