//! The traffic engine behind the tests' live load and `examples/load.rs` (the benchmarks'
//! load): an independent cluster-aware client (the `redis` crate's async cluster client, which
//! follows MOVED and ASK) writes unique keys and INCRs shared counters on a runtime of its own,
//! and records what the servers acknowledged, what they did not, and when every operation ended
//! and how long it took.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use redis::AsyncCommands;
use redis::cluster::ClusterClient;

const COUNTERS: usize = 16;

/// What to write.
#[derive(Debug, Clone)]
pub struct Options {
    /// Keys are `PREFIX:W:I` and counters `PREFIX:counter:N`: each run writes its own.
    pub prefix: String,
    pub workers: usize,
    /// Pause between a worker's operations (zero: as fast as the servers answer).
    pub pause: Duration,
    /// Every other key goes to the slot of this hash tag (a slot being moved).
    pub tag: Option<String>,
}

/// Traffic running in the background until `stop`.
pub struct Traffic {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<Tally>>,
    pub started: Instant,
}

/// What the servers acknowledged, and what they did not.
#[derive(Debug, Default)]
pub struct Tally {
    /// Keys whose SET was acknowledged, with their values.
    pub acked: Vec<(String, String)>,
    /// Keys whose SET was not acknowledged (an error or a timeout): it may or may not have applied.
    pub unacked_keys: Vec<String>,
    /// Per counter: acknowledged INCRs and unacknowledged attempts.
    pub counters: BTreeMap<String, (u64, u64)>,
    /// Error replies and failures by their first word, for the report.
    pub errors: BTreeMap<String, u64>,
    /// Every operation: when it ended (since `Traffic::started`) and how long it took.
    pub ops: Vec<(Duration, Duration)>,
    pub elapsed: Duration,
}

impl Traffic {
    /// Starts writing through the cluster that `entry` (HOST:PORT) belongs to.
    pub fn start(entry: &str, options: Options) -> Traffic {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let url = format!("redis://{entry}/");
        let started = Instant::now();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            runtime.block_on(run(url, options, started, flag))
        });
        Traffic { stop, thread: Some(thread), started }
    }

    /// Stops the writers and returns what they recorded.
    pub fn stop(mut self) -> Tally {
        self.stop.store(true, Ordering::SeqCst);
        self.thread.take().unwrap().join().expect("the traffic generator panicked")
    }
}

impl Drop for Traffic {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A cluster client that never gives up on a reply: it would retry a timed-out command, and an
/// INCR applied twice could not be told from a phantom write. Stalls show as latency instead.
pub async fn cluster_connection(url: String) -> redis::cluster_async::ClusterConnection {
    let client = ClusterClient::builder(vec![url])
        .connection_timeout(Duration::from_secs(2))
        .response_timeout(Duration::from_secs(30))
        .retries(8)
        .build()
        .unwrap();
    client.get_async_connection().await.expect("the traffic generator reaches the cluster")
}

async fn run(url: String, options: Options, started: Instant, stop: Arc<AtomicBool>) -> Tally {
    let conn = cluster_connection(url).await;
    let workers: Vec<_> =
        (0..options.workers).map(|w| tokio::spawn(worker(w, options.clone(), started, conn.clone(), stop.clone()))).collect();
    let mut tally = Tally::default();
    for worker in workers {
        let part = worker.await.unwrap();
        tally.acked.extend(part.acked);
        tally.unacked_keys.extend(part.unacked_keys);
        for (name, (acked, unacked)) in part.counters {
            let entry = tally.counters.entry(name).or_default();
            entry.0 += acked;
            entry.1 += unacked;
        }
        for (kind, n) in part.errors {
            *tally.errors.entry(kind).or_default() += n;
        }
        tally.ops.extend(part.ops);
    }
    tally.ops.sort_unstable();
    tally.elapsed = started.elapsed();
    tally
}

/// One writer: `PREFIX:W:I` keys (every other one with the hash tag, if any), and INCRs spread
/// over the prefix's counters.
async fn worker(
    w: usize,
    options: Options,
    started: Instant,
    mut conn: redis::cluster_async::ClusterConnection,
    stop: Arc<AtomicBool>,
) -> Tally {
    let mut tally = Tally::default();
    let prefix = &options.prefix;
    let mut i = 0u64;
    while !stop.load(Ordering::SeqCst) {
        let key = match &options.tag {
            Some(tag) if i.is_multiple_of(2) => format!("{prefix}:{w}:{{{tag}}}:{i}"),
            _ => format!("{prefix}:{w}:{i}"),
        };
        let value = format!("v{i}");
        let begun = Instant::now();
        let set: redis::RedisResult<()> = conn.set(&key, &value).await;
        tally.record(started, begun);
        match set {
            Ok(()) => tally.acked.push((key, value)),
            Err(e) => {
                tally.unacked_keys.push(key);
                *tally.errors.entry(kind(&e)).or_default() += 1;
            }
        }
        let counter = format!("{prefix}:counter:{}", i as usize % COUNTERS);
        let begun = Instant::now();
        let incr: redis::RedisResult<i64> = conn.incr(&counter, 1).await;
        tally.record(started, begun);
        let entry = tally.counters.entry(counter).or_default();
        match incr {
            Ok(_) => entry.0 += 1,
            Err(e) => {
                entry.1 += 1;
                *tally.errors.entry(kind(&e)).or_default() += 1;
            }
        }
        i += 1;
        if !options.pause.is_zero() {
            tokio::time::sleep(options.pause).await;
        }
    }
    tally
}

fn kind(e: &redis::RedisError) -> String {
    if e.is_timeout() {
        return "timeout".to_owned();
    }
    e.code().map_or_else(|| e.to_string().split(':').next().unwrap_or("error").to_owned(), str::to_owned)
}

impl Tally {
    fn record(&mut self, started: Instant, begun: Instant) {
        let took = begun.elapsed();
        self.ops.push((begun - started + took, took));
    }

    pub fn writes(&self) -> u64 {
        self.acked.len() as u64 + self.counters.values().map(|c| c.0).sum::<u64>()
    }

    pub fn unacked(&self) -> u64 {
        self.unacked_keys.len() as u64 + self.counters.values().map(|c| c.1).sum::<u64>()
    }

    pub fn longest(&self) -> Duration {
        self.ops.iter().map(|(_, took)| *took).max().unwrap_or_default()
    }

    /// Counters whose value is outside [acknowledged, acknowledged + unacknowledged], given a
    /// way to read a counter: (name, value, acknowledged, attempted).
    pub fn counters_out_of_bounds(&self, mut read: impl FnMut(&str) -> u64) -> Vec<(String, u64, u64, u64)> {
        let mut bad = Vec::new();
        for (name, (acked, unacked)) in &self.counters {
            let value = read(name);
            if !(*acked..=acked + unacked).contains(&value) {
                bad.push((name.clone(), value, *acked, *unacked));
            }
        }
        bad
    }
}
