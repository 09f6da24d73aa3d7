//! Micro-benchmark of the pure layers at size (`cargo bench --bench planner`, or bench/planner.sh):
//! the topology built from 1,000 nodes' CLUSTER NODES replies, and rebalance and scale plans for a
//! cluster of 1,000 masters. Prints the median and slowest of several runs; asserts nothing (the
//! machine is noisy), but a plan that fails to build stops it.

use std::collections::{BTreeMap, HashMap};
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kubectl_redis::planner::create::slot_ranges;
use kubectl_redis::planner::moves::{self, Holder};
use kubectl_redis::planner::placement::Site;
use kubectl_redis::planner::scale::{self, ScaleRequest, Seat};
use kubectl_redis::planner::{NodeRef, node_ref};
use kubectl_redis::redis::addr::NodeAddr;
use kubectl_redis::redis::info::InfoFacts;
use kubectl_redis::redis::slots::SlotSet;
use kubectl_redis::redis::topology::{NodeState, Topology, assemble};
use kubectl_redis::redis::view::{View, ViewKey, own_line};

const RUNS: usize = 7;

fn main() {
    let replies = cluster_nodes_replies(500);
    report("topology from 1,000 nodes' replies (1,000 lines each)", || black_box(topology_from(&replies)).members.len());

    let big = topology_from(&cluster_nodes_replies(1000));
    assert_eq!(big.masters().count(), 1000);
    report("rebalance plan: 1,000 masters + 1 empty", || black_box(rebalance_onto_one_more(&big)).len());
    report("scale plan: 1,000 × 1 to 990 × 1", || black_box(scale_to(&big, 990)));
    // 1,000 masters is the most a scale may ask for.
    let smaller = topology_from(&cluster_nodes_replies(990));
    report("scale plan: 990 × 1 to 1,000 × 1", || black_box(scale_to(&smaller, 1000)));
}

/// Runs `work` RUNS times and prints the median and the slowest.
fn report(what: &str, mut work: impl FnMut() -> usize) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("{what}: median {:.1} ms, slowest {:.1} ms ({RUNS} runs)", ms(times[RUNS / 2]), ms(times[RUNS - 1]));
}

fn id(i: usize) -> String {
    format!("{:040x}", i + 1)
}

fn addr(i: usize) -> NodeAddr {
    NodeAddr::new(format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256), 6379)
}

/// Every node's CLUSTER NODES of a `masters` × 1 cluster, each listing every node (as from the
/// servers: the same view, each with its own `myself` and its own ping times).
fn cluster_nodes_replies(masters: usize) -> Vec<(NodeAddr, String)> {
    let ranges = slot_ranges(masters);
    let line = |i: usize, me: usize| {
        let myself = if i == me { "myself," } else { "" };
        let ping = 1_700_000_000_000u64 + (i * 7 + me * 13) as u64 % 1000;
        match i < masters {
            true => format!("{} {}@16379 {myself}master - 0 {ping} {} connected {}\n", id(i), addr(i), i + 1, ranges[i]),
            false => format!("{} {}@16379 {myself}slave {} 0 {ping} {} connected\n", id(i), addr(i), id(i - masters), i + 1),
        }
    };
    (0..masters * 2).map(|me| (addr(me), (0..masters * 2).map(|i| line(i, me)).collect())).collect()
}

/// What a gather does with the replies once they are in: a key per reply, one parse per distinct
/// view, the states, and the model.
fn topology_from(replies: &[(NodeAddr, String)]) -> Topology {
    let mut views: HashMap<ViewKey, Arc<View>> = HashMap::new();
    let mut probes = BTreeMap::new();
    for (addr, text) in replies {
        let view = views.entry(ViewKey::of_text(text)).or_insert_with(|| Arc::new(View::parse(text))).clone();
        let me_text = own_line(text).expect("every reply has its own line");
        let mut state = NodeState::from_cluster_nodes(me_text, InfoFacts { cluster_enabled: true, ..Default::default() }, true)
            .expect("own line parses");
        state.view = view;
        probes.insert(addr.clone(), Ok(state));
    }
    assemble(probes)
}

/// `rebalance --use-empty-masters` onto one new, empty master.
fn rebalance_onto_one_more(topology: &Topology) -> Vec<moves::Move> {
    let mut holders: Vec<Holder> = topology
        .masters()
        .map(|m| Holder { node: node_ref(m).expect("addressed"), slots: m.slots.clone(), weight: 1.0 })
        .collect();
    holders.push(Holder { node: NodeRef::new("f".repeat(40), addr(99_999)), slots: SlotSet::default(), weight: 1.0 });
    let targets = moves::targets(&holders).expect("weights are valid");
    moves::rebalance(&holders, &targets)
}

/// A StatefulSet-like scale of the masters × 1 cluster to `masters` × 1.
fn scale_to(topology: &Topology, masters: usize) -> usize {
    let members = masters * 2;
    let existing = topology.members.len();
    let seats: Vec<Seat> = (0..members.max(existing))
        .map(|i| Seat {
            name: format!("redis-{i}"),
            ordinal: Some(i),
            addr: (i < existing).then(|| addr(i)),
            site: Site::new(format!("host-{}", i / 2), Some(["a", "b", "c"][(i / 2) % 3].to_owned())),
        })
        .collect();
    let request = ScaleRequest { masters, replicas: Some(1), ..Default::default() };
    let plan = scale::plan(topology, &seats, true, &request, &[]).expect("the scale plan builds");
    plan.moves.len() + plan.replicate.len() + plan.failovers.len()
}
