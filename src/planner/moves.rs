//! Which slots move where, for `reshard` and `rebalance`: exact counts, contiguous ranges taken from
//! the top of each giver's holdings, every slot moved at most once, the fewest slots that reach the
//! target. Pure and property-tested.

use std::collections::BTreeMap;

use serde::Serialize;

use super::NodeRef;
use crate::error::{Error, Result};
use crate::redis::slots::{SLOT_COUNT, SlotRange, SlotSet, format_ranges};

/// Slots going from one master to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub source: NodeRef,
    pub target: NodeRef,
    pub slots: Vec<SlotRange>,
}

impl Move {
    pub fn slot_count(&self) -> usize {
        self.slots.iter().map(SlotRange::len).sum()
    }
}

impl std::fmt::Display for Move {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "move {} slot(s) {} from {} to {}", self.slot_count(), format_ranges(&self.slots), self.source, self.target)
    }
}

/// A master as the move planner sees it.
#[derive(Debug, Clone)]
pub struct Holder {
    pub node: NodeRef,
    pub slots: SlotSet,
    pub weight: f64,
}

/// Moves exactly `count` slots to `target`, taken from `sources` in proportion to what they own.
pub fn reshard(sources: &[Holder], target: &NodeRef, count: usize) -> Result<Vec<Move>> {
    if count == 0 || count > usize::from(SLOT_COUNT) {
        return Err(Error::usage(format!("--slots {count} is out of range")).hint("move 1 to 16384 slots"));
    }
    let owned: usize = sources.iter().map(|s| s.slots.len()).sum();
    if count > owned {
        return Err(Error::refused(format!("the sources own {owned} slot(s); {count} cannot be moved"))
            .hint("lower --slots or add sources to --from"));
    }
    let shares: Vec<f64> = sources.iter().map(|s| count as f64 * s.slots.len() as f64 / owned as f64).collect();
    let sizes: Vec<usize> = sources.iter().map(|s| s.slots.len()).collect();
    let quotas = round_preserving_sum(&shares, count, &sizes);
    let mut moves = Vec::new();
    for (source, quota) in sources.iter().zip(quotas) {
        if quota > 0 {
            moves.push(Move { source: source.node.clone(), target: target.clone(), slots: take_top(&source.slots, quota) });
        }
    }
    Ok(moves)
}

/// How many slots each holder should own: proportional to weight, each within one slot of ideal.
pub fn targets(holders: &[Holder]) -> Result<Vec<usize>> {
    let total_weight: f64 = holders.iter().map(|h| h.weight).sum();
    if holders.iter().any(|h| !h.weight.is_finite() || h.weight < 0.0) {
        return Err(Error::usage("weights must be zero or positive numbers").hint("write --weight NODE=1.5"));
    }
    if total_weight <= 0.0 {
        return Err(Error::refused("every master would get weight 0; the slots need an owner")
            .hint("give at least one master a positive weight"));
    }
    let ideal: Vec<f64> = holders.iter().map(|h| f64::from(SLOT_COUNT) * h.weight / total_weight).collect();
    let sizes: Vec<usize> = holders.iter().map(|h| h.slots.len()).collect();
    Ok(round_preserving_sum(&ideal, usize::from(SLOT_COUNT), &sizes))
}

/// Whether any holder is off its target by more than `threshold_pct` percent (a weight-0 holder
/// with slots always is). A threshold of 0 means "any difference counts".
pub fn needs_rebalance(holders: &[Holder], targets: &[usize], threshold_pct: f64) -> bool {
    holders.iter().zip(targets).any(|(h, &t)| {
        let have = h.slots.len();
        if have == t {
            return false;
        }
        if t == 0 {
            return true;
        }
        (have as f64 - t as f64).abs() * 100.0 / t as f64 > threshold_pct
    })
}

/// The fewest moves that bring every holder to its target; givers give from the top of their holdings.
pub fn rebalance(holders: &[Holder], targets: &[usize]) -> Vec<Move> {
    let mut givers: Vec<(usize, usize)> = Vec::new();
    let mut takers: Vec<(usize, usize)> = Vec::new();
    for (i, (h, &t)) in holders.iter().zip(targets).enumerate() {
        let have = h.slots.len();
        if have > t {
            givers.push((i, have - t));
        } else if t > have {
            takers.push((i, t - have));
        }
    }
    // Largest first, so big transfers stay in few contiguous ranges.
    givers.sort_by_key(|&(i, n)| (std::cmp::Reverse(n), i));
    takers.sort_by_key(|&(i, n)| (std::cmp::Reverse(n), i));
    let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let (mut g, mut t) = (0, 0);
    while g < givers.len() && t < takers.len() {
        let amount = givers[g].1.min(takers[t].1);
        *pairs.entry((givers[g].0, takers[t].0)).or_default() += amount;
        givers[g].1 -= amount;
        takers[t].1 -= amount;
        if givers[g].1 == 0 {
            g += 1;
        }
        if takers[t].1 == 0 {
            t += 1;
        }
    }
    let mut left: Vec<SlotSet> = holders.iter().map(|h| h.slots.clone()).collect();
    pairs
        .into_iter()
        .map(|((gi, ti), amount)| {
            let slots = take_top(&left[gi], amount);
            for range in &slots {
                for slot in range.start..=range.end {
                    left[gi].remove(slot);
                }
            }
            Move { source: holders[gi].node.clone(), target: holders[ti].node.clone(), slots }
        })
        .collect()
}

/// The `count` highest slots of a set, as ranges in ascending order.
fn take_top(slots: &SlotSet, count: usize) -> Vec<SlotRange> {
    let mut taken = Vec::new();
    let mut left = count;
    for range in slots.ranges().into_iter().rev() {
        if left == 0 {
            break;
        }
        let n = range.len().min(left);
        taken.push(SlotRange::new(range.end + 1 - n as u16, range.end));
        left -= n;
    }
    taken.reverse();
    taken
}

/// Rounds shares down, then gives the remaining units to the largest fractions (ties: larger holders),
/// so the result sums to `total` and each value is within one of its share.
fn round_preserving_sum(shares: &[f64], total: usize, sizes: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = shares.iter().map(|s| s.floor() as usize).collect();
    let assigned: usize = out.iter().sum();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (shares[a] - shares[a].floor(), shares[b] - shares[b].floor());
        fb.partial_cmp(&fa).unwrap_or(std::cmp::Ordering::Equal).then(sizes[b].cmp(&sizes[a])).then(a.cmp(&b))
    });
    for &i in order.iter().cycle().take(total.saturating_sub(assigned)) {
        out[i] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::create::slot_ranges;
    use crate::redis::addr::NodeAddr;
    use proptest::prelude::*;

    fn node(i: usize) -> NodeRef {
        NodeRef::new(format!("{i:040x}"), NodeAddr::new(format!("10.0.0.{i}"), 6379))
    }

    fn holders(counts: &[usize], weights: &[f64]) -> Vec<Holder> {
        let mut next = 0u16;
        counts
            .iter()
            .zip(weights)
            .enumerate()
            .map(|(i, (&n, &w))| {
                let mut slots = SlotSet::default();
                for s in next..next + n as u16 {
                    slots.insert(s);
                }
                next += n as u16;
                Holder { node: node(i), slots, weight: w }
            })
            .collect()
    }

    /// Applies the moves; fails if a slot is moved by someone who does not own it.
    fn apply(holders: &[Holder], moves: &[Move]) -> Vec<SlotSet> {
        let mut sets: Vec<SlotSet> = holders.iter().map(|h| h.slots.clone()).collect();
        let index = |n: &NodeRef| holders.iter().position(|h| h.node == *n).unwrap();
        for m in moves {
            for r in &m.slots {
                for s in r.start..=r.end {
                    assert!(sets[index(&m.source)].contains(s), "slot {s} moved twice or by a non-owner");
                    sets[index(&m.source)].remove(s);
                    sets[index(&m.target)].insert(s);
                }
            }
        }
        sets
    }

    #[test]
    fn three_to_four_moves_a_quarter_in_one_range_per_giver() {
        let mut hs = holders(&[5461, 5462, 5461, 0], &[1.0; 4]);
        hs[3].slots = SlotSet::default();
        let t = targets(&hs).unwrap();
        assert_eq!(t.iter().sum::<usize>(), 16384);
        let moves = rebalance(&hs, &t);
        assert_eq!(moves.len(), 3);
        assert!(moves.iter().all(|m| m.slots.len() == 1), "{moves:?}");
        assert_eq!(moves.iter().map(Move::slot_count).sum::<usize>(), 4096);
    }

    #[test]
    fn reshard_moves_exactly_the_asked_number() {
        // redis-cli moves 9 here (3 + 2 + 2 + 2).
        let hs = holders(&[4096, 4096, 4096, 4096], &[1.0; 4]);
        let moves = reshard(&hs[..4], &node(9), 10).unwrap();
        assert_eq!(moves.iter().map(Move::slot_count).sum::<usize>(), 10);
        assert!(reshard(&hs[..1], &node(9), 5000).is_err());
    }

    #[test]
    fn threshold_zero_still_rebalances_and_weight_zero_drains() {
        let hs = holders(&[8000, 8384], &[1.0, 1.0]);
        let t = targets(&hs).unwrap();
        assert!(needs_rebalance(&hs, &t, 0.0));
        assert!(!needs_rebalance(&hs, &t, 5.0));
        let hs = holders(&[100, 16284], &[0.0, 1.0]);
        let t = targets(&hs).unwrap();
        assert_eq!(t, [0, 16384]);
        assert!(needs_rebalance(&hs, &t, 50.0));
    }

    #[test]
    fn create_ranges_are_already_balanced() {
        let counts: Vec<usize> = slot_ranges(3).iter().map(SlotRange::len).collect();
        let hs = holders(&counts, &[1.0; 3]);
        assert!(rebalance(&hs, &targets(&hs).unwrap()).is_empty());
    }

    fn arbitrary_cluster() -> impl Strategy<Value = (Vec<usize>, Vec<f64>)> {
        (2usize..9)
            .prop_flat_map(|n| {
                (
                    proptest::collection::vec(0usize..100, n),
                    proptest::collection::vec(prop_oneof![Just(0.0), Just(1.0), Just(2.0), 0.1f64..5.0], n),
                )
            })
            .prop_filter_map("needs slots and weight", |(raw, weights)| {
                let sum: usize = raw.iter().sum();
                if sum == 0 || weights.iter().all(|w| *w == 0.0) {
                    return None;
                }
                let mut counts: Vec<usize> = raw.iter().map(|r| r * 16384 / sum).collect();
                let short = 16384 - counts.iter().sum::<usize>();
                counts[0] += short;
                Some((counts, weights))
            })
    }

    proptest! {
        #[test]
        fn rebalance_is_minimal_balanced_and_keeps_one_owner_per_slot((counts, weights) in arbitrary_cluster()) {
            let hs = holders(&counts, &weights);
            let t = targets(&hs).unwrap();
            let moves = rebalance(&hs, &t);
            let after = apply(&hs, &moves);
            let total_weight: f64 = weights.iter().sum();
            for (i, set) in after.iter().enumerate() {
                prop_assert_eq!(set.len(), t[i]);
                let ideal = 16384.0 * weights[i] / total_weight;
                prop_assert!((set.len() as f64 - ideal).abs() < 1.0 + 1e-9, "node {} has {} for ideal {}", i, set.len(), ideal);
            }
            let mut union = SlotSet::default();
            for set in &after { union.union_with(set); }
            prop_assert_eq!(union.len(), 16384);
            prop_assert_eq!(after.iter().map(SlotSet::len).sum::<usize>(), 16384);
            let moved: usize = moves.iter().map(Move::slot_count).sum();
            let minimal: usize = counts.iter().zip(&t).map(|(&c, &t)| c.saturating_sub(t)).sum();
            prop_assert_eq!(moved, minimal);
        }

        #[test]
        fn reshard_moves_exactly_n_in_proportion((counts, _) in arbitrary_cluster(), n in 1usize..16384) {
            let mut hs = holders(&counts, &vec![1.0; counts.len()]);
            let target = hs.pop().unwrap();
            let owned: usize = hs.iter().map(|h| h.slots.len()).sum();
            match reshard(&hs, &target.node, n) {
                Ok(moves) => {
                    prop_assert!(n <= owned);
                    prop_assert_eq!(moves.iter().map(Move::slot_count).sum::<usize>(), n);
                    for m in &moves {
                        let h = hs.iter().find(|h| h.node == m.source).unwrap();
                        let share = n as f64 * h.slots.len() as f64 / owned as f64;
                        prop_assert!((m.slot_count() as f64 - share).abs() < 1.0 + 1e-9);
                    }
                    let mut all = hs.clone();
                    all.push(target);
                    apply(&all, &moves);
                }
                Err(_) => prop_assert!(n > owned),
            }
        }
    }
}
