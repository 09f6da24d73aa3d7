//! A live-traffic load for the tests: an independent cluster-aware client (the `redis` crate's
//! async cluster client, which follows MOVED and ASK) writes unique keys and INCRs shared counters
//! while the tool changes the cluster, and records what the servers acknowledged. Afterwards every
//! acknowledged key must be there with its value, and every counter must lie between its
//! acknowledged INCRs and those plus the unacknowledged attempts (which may or may not have applied).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use redis::AsyncCommands;
use redis::cluster::ClusterClient;

use super::{assert_all_keys, connect, query, slot_owner};

const WORKERS: usize = 4;
/// Each load writes its own keys and counters, so that loads run one after another are told apart.
static RUNS: AtomicUsize = AtomicUsize::new(0);
const COUNTERS: usize = 16;
/// Pause between a worker's operations: a steady load that leaves the two cores to the tool and
/// the servers (about 1,500 operations per second in all).
const PAUSE: Duration = Duration::from_millis(2);

/// A load running in the background until `stop`.
pub struct Load {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<Tally>>,
}

/// What the servers acknowledged, and what they did not.
#[derive(Debug, Default)]
pub struct Tally {
    /// Keys whose SET was acknowledged, with their values.
    pub acked: Vec<(String, String)>,
    /// SETs not acknowledged (an error or a timeout): they may or may not have been applied.
    pub unacked_sets: u64,
    /// Per counter: acknowledged INCRs and unacknowledged attempts.
    pub counters: BTreeMap<String, (u64, u64)>,
    /// Error replies and failures by their first word, for the report.
    pub errors: BTreeMap<String, u64>,
    /// The longest time one operation took, acknowledged or not.
    pub longest: Duration,
    pub elapsed: Duration,
}

impl Load {
    /// Starts writing through the cluster that `entry` belongs to.
    pub fn start(entry: &str) -> Load {
        Load::start_focused(entry, None)
    }

    /// Like `start`, with every other key in the slot of hash tag `tag` (a slot being moved).
    pub fn start_focused(entry: &str, tag: Option<&str>) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let url = format!("redis://{entry}/");
        let prefix = format!("load{}", RUNS.fetch_add(1, Ordering::SeqCst));
        let tag = tag.map(str::to_owned);
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            runtime.block_on(run(url, prefix, tag, flag))
        });
        let load = Load { stop, thread: Some(thread) };
        // Let the client find the slot map and write a little before the change starts.
        std::thread::sleep(Duration::from_millis(500));
        load
    }

    /// Stops the writers and returns what they recorded.
    pub fn stop(mut self) -> Tally {
        self.stop.store(true, Ordering::SeqCst);
        self.thread.take().unwrap().join().expect("the load generator panicked")
    }
}

impl Drop for Load {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

async fn run(url: String, prefix: String, tag: Option<String>, stop: Arc<AtomicBool>) -> Tally {
    let client = ClusterClient::builder(vec![url])
        .connection_timeout(Duration::from_secs(2))
        // Long enough that no reply is given up on: the client retries a timed-out command, and
        // an INCR applied twice could not be told from a phantom write. Stalls show as latency.
        .response_timeout(Duration::from_secs(30))
        .retries(8)
        .build()
        .unwrap();
    let conn = client.get_async_connection().await.expect("the load generator reaches the cluster");
    let started = Instant::now();
    let workers: Vec<_> =
        (0..WORKERS).map(|w| tokio::spawn(worker(format!("{prefix}:{w}"), tag.clone(), conn.clone(), stop.clone()))).collect();
    let mut tally = Tally::default();
    for worker in workers {
        let part = worker.await.unwrap();
        tally.acked.extend(part.acked);
        tally.unacked_sets += part.unacked_sets;
        for (name, (acked, unacked)) in part.counters {
            let entry = tally.counters.entry(name).or_default();
            entry.0 += acked;
            entry.1 += unacked;
        }
        for (kind, n) in part.errors {
            *tally.errors.entry(kind).or_default() += n;
        }
        tally.longest = tally.longest.max(part.longest);
    }
    tally.elapsed = started.elapsed();
    tally
}

/// One writer: `PREFIX:W:I` keys (every other one with the hash tag, if any), and INCRs spread
/// over the prefix's counters.
async fn worker(
    name: String,
    tag: Option<String>,
    mut conn: redis::cluster_async::ClusterConnection,
    stop: Arc<AtomicBool>,
) -> Tally {
    let mut tally = Tally::default();
    let mut i = 0u64;
    while !stop.load(Ordering::SeqCst) {
        let key = match &tag {
            Some(tag) if i.is_multiple_of(2) => format!("{name}:{{{tag}}}:{i}"),
            _ => format!("{name}:{i}"),
        };
        let value = format!("v{i}");
        let started = Instant::now();
        let set: redis::RedisResult<()> = conn.set(&key, &value).await;
        tally.longest = tally.longest.max(started.elapsed());
        match set {
            Ok(()) => tally.acked.push((key, value)),
            Err(e) => {
                tally.unacked_sets += 1;
                *tally.errors.entry(kind(&e)).or_default() += 1;
            }
        }
        let prefix = name.rsplit_once(':').map_or(name.as_str(), |(p, _)| p);
        let counter = format!("{prefix}:counter:{}", i as usize % COUNTERS);
        let started = Instant::now();
        let incr: redis::RedisResult<i64> = conn.incr(&counter, 1).await;
        tally.longest = tally.longest.max(started.elapsed());
        let entry = tally.counters.entry(counter).or_default();
        match incr {
            Ok(_) => entry.0 += 1,
            Err(e) => {
                entry.1 += 1;
                *tally.errors.entry(kind(&e)).or_default() += 1;
            }
        }
        i += 1;
        tokio::time::sleep(PAUSE).await;
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
    /// Every acknowledged write is in the cluster; every counter within its bounds.
    #[track_caller]
    pub fn assert_nothing_lost(&self, entry: &str) {
        let writes = self.acked.len() as u64 + self.counters.values().map(|c| c.0).sum::<u64>();
        eprintln!(
            "load: {writes} acknowledged writes in {:.1}s, {} unacknowledged, longest {:.0}ms, errors {:?}",
            self.elapsed.as_secs_f64(),
            self.unacked_sets + self.counters.values().map(|c| c.1).sum::<u64>(),
            self.longest.as_secs_f64() * 1000.0,
            self.errors
        );
        assert!(writes >= 200, "the load barely ran ({writes} writes): the test would prove nothing");
        assert_all_keys(entry, &self.acked);
        for (name, (acked, unacked)) in &self.counters {
            let owner = slot_owner(entry, name);
            let value: Option<u64> = query(&mut connect(&owner), &["GET", name]);
            let value = value.unwrap_or(0);
            assert!(
                (*acked..=acked + unacked).contains(&value),
                "{name} is {value}: {acked} INCRs were acknowledged and {unacked} more attempted"
            );
        }
    }
}
