//! The benchmarks' client load (bench/liveload.sh, bench/chaos.sh): the tests' traffic engine
//! writing through a cluster until SIGTERM, with SIGUSR1 marking the boundaries between phases
//! (before, during, after a change). On SIGTERM it checks that every acknowledged write is in
//! the cluster and prints one JSON report: per phase the operations, throughput, p50/p99/max
//! latency and the longest stall (the longest time in which no operation ended), then what was
//! acknowledged, what was not, and what was lost.
//!
//! With --clean it then deletes every key it wrote, so that runs one after another move the same data.
//!
//! Usage: load --entry HOST:PORT [--workers N] [--pause-ms N] [--prefix P] [--clean]

#[path = "../tests/support/traffic.rs"]
mod traffic;

use std::time::{Duration, Instant};

use futures::stream::{self, StreamExt};
use redis::AsyncCommands;
use serde_json::json;
use tokio::signal::unix::{SignalKind, signal};

use traffic::{Options, Tally, Traffic};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let Some(entry) = flag("--entry") else {
        eprintln!("usage: load --entry HOST:PORT [--workers N] [--pause-ms N] [--prefix P] [--clean]");
        std::process::exit(2);
    };
    let options = Options {
        prefix: flag("--prefix").unwrap_or_else(|| "bench".into()),
        workers: flag("--workers").map_or(4, |n| n.parse().expect("--workers N")),
        pause: Duration::from_millis(flag("--pause-ms").map_or(0, |n| n.parse().expect("--pause-ms N"))),
        tag: None,
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let traffic = Traffic::start(&entry, options);
    let marks = runtime.block_on(phase_marks(traffic.started));
    let tally = traffic.stop();
    let lost = runtime.block_on(lost_writes(&entry, &tally));
    if args.iter().any(|a| a == "--clean") {
        runtime.block_on(delete_keys(&entry, &tally));
    }
    let report = json!({
        "phases": phases(&tally, &marks),
        "acknowledged": tally.writes(),
        "unacknowledged": tally.unacked(),
        "longest_ms": tally.longest().as_millis() as u64,
        "lost": lost,
        "errors": tally.errors,
    });
    println!("{report}");
    if lost > 0 {
        std::process::exit(1);
    }
}

/// Offsets of SIGUSR1s until SIGTERM (or SIGINT).
async fn phase_marks(started: Instant) -> Vec<Duration> {
    let mut usr1 = signal(SignalKind::user_defined1()).unwrap();
    let mut term = signal(SignalKind::terminate()).unwrap();
    let mut marks = Vec::new();
    loop {
        tokio::select! {
            _ = usr1.recv() => marks.push(started.elapsed()),
            _ = term.recv() => return marks,
            _ = tokio::signal::ctrl_c() => return marks,
        }
    }
}

/// Throughput, latency and the longest stall between consecutive marks.
fn phases(tally: &Tally, marks: &[Duration]) -> Vec<serde_json::Value> {
    let mut bounds = vec![Duration::ZERO];
    bounds.extend_from_slice(marks);
    bounds.push(tally.elapsed);
    bounds
        .windows(2)
        .map(|w| {
            let (from, to) = (w[0], w[1]);
            let ended: Vec<&(Duration, Duration)> = tally.ops.iter().filter(|(end, _)| *end >= from && *end < to).collect();
            let mut took: Vec<Duration> = ended.iter().map(|(_, t)| *t).collect();
            took.sort_unstable();
            let pct = |p: f64| took.get(((took.len() as f64 * p) as usize).min(took.len().saturating_sub(1))).copied();
            let ms = |d: Option<Duration>| d.map_or(0.0, |d| (d.as_secs_f64() * 1e5).round() / 100.0);
            let mut edges: Vec<Duration> = vec![from];
            edges.extend(ended.iter().map(|(end, _)| *end));
            edges.push(to);
            let stall = edges.windows(2).map(|e| e[1] - e[0]).max();
            let seconds = (to - from).as_secs_f64();
            json!({
                "seconds": (seconds * 100.0).round() / 100.0,
                "ops": took.len(),
                "ops_per_sec": (took.len() as f64 / seconds.max(1e-3)).round(),
                "p50_ms": ms(pct(0.50)),
                "p99_ms": ms(pct(0.99)),
                "max_ms": ms(took.last().copied()),
                "longest_stall_ms": ms(stall),
            })
        })
        .collect()
}

/// Acknowledged keys missing or changed, plus counters outside their bounds.
async fn lost_writes(entry: &str, tally: &Tally) -> u64 {
    let conn = traffic::cluster_connection(format!("redis://{entry}/")).await;
    let missing = stream::iter(tally.acked.iter())
        .map(|(key, value)| {
            let mut conn = conn.clone();
            async move {
                let got: Option<String> = conn.get(key).await.expect("reading back an acknowledged key");
                u64::from(got.as_deref() != Some(value.as_str()))
            }
        })
        .buffer_unordered(64)
        .fold(0, |sum, n| async move { sum + n })
        .await;
    let mut values = std::collections::HashMap::new();
    for name in tally.counters.keys() {
        let value: Option<u64> = conn.clone().get(name).await.expect("reading back a counter");
        values.insert(name.clone(), value.unwrap_or(0));
    }
    let bad = tally.counters_out_of_bounds(|name| values[name]);
    for (name, value, acked, attempted) in &bad {
        eprintln!("{name} is {value}: {acked} INCRs acknowledged, {attempted} more attempted");
    }
    missing + bad.len() as u64
}

/// Deletes every key and counter the load wrote (or tried to).
async fn delete_keys(entry: &str, tally: &Tally) {
    let conn = traffic::cluster_connection(format!("redis://{entry}/")).await;
    let keys = tally.acked.iter().map(|(k, _)| k).chain(&tally.unacked_keys).chain(tally.counters.keys());
    stream::iter(keys)
        .map(|key| {
            let mut conn = conn.clone();
            async move {
                let _: i64 = conn.del(key).await.expect("deleting a key the load wrote");
            }
        })
        .buffer_unordered(64)
        .collect::<Vec<()>>()
        .await;
}
