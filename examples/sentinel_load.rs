//! The Sentinel benchmark's client load (bench/sentinel.sh): writers that find the master the way
//! Sentinel-aware clients do (the `redis` crate's Sentinel client: ask the sentinels, check the
//! role), SET unique keys at full speed and, after any error, ask the sentinels again. On SIGTERM
//! it reads every acknowledged key back from the master the sentinels name and prints one JSON
//! report: acknowledged, failed and lost writes, the window in which writes failed, and the longest
//! time a writer went without an acknowledged write (waiting or failing).
//!
//! Usage: sentinel_load --sentinels HOST:PORT[,…] [--name mymaster] [--workers N] [--prefix P]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use redis::sentinel::{SentinelClient, SentinelServerType};
use serde_json::json;

#[path = "../tests/support/sentinel_writer.rs"]
mod sentinel_writer;

use sentinel_writer::{Written, write_until};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let Some(sentinels) = flag("--sentinels") else {
        eprintln!("usage: sentinel_load --sentinels HOST:PORT[,…] [--name mymaster] [--workers N] [--prefix P]");
        std::process::exit(2);
    };
    let urls: Vec<String> = sentinels.split(',').map(|s| format!("redis://{s}/")).collect();
    let name = flag("--name").unwrap_or_else(|| "mymaster".into());
    let workers: usize = flag("--workers").map_or(2, |n| n.parse().expect("--workers N"));
    let prefix = flag("--prefix").unwrap_or_else(|| "bench".into());
    let stop = Arc::new(AtomicBool::new(false));
    signal_hook_stop(stop.clone());
    let started = Instant::now();
    let threads: Vec<_> = (0..workers)
        .map(|w| {
            let (stop, urls, name, prefix) = (stop.clone(), urls.clone(), name.clone(), format!("{prefix}:{w}"));
            std::thread::spawn(move || write_until(&stop, urls, &name, &prefix, started))
        })
        .collect();
    let tallies: Vec<Written> = threads.into_iter().map(|t| t.join().expect("a writer panicked")).collect();
    let elapsed = started.elapsed();
    let acked: Vec<String> = tallies.iter().flat_map(|t| t.acked.iter().cloned()).collect();
    let mut failures: Vec<Duration> = tallies.iter().flat_map(|t| t.failures.iter().copied()).collect();
    failures.sort();
    let mut client = SentinelClient::build(urls, name, None, SentinelServerType::Master).expect("sentinel client");
    let mut conn = client.get_connection().expect("the master the sentinels name");
    let mut lost = 0usize;
    for chunk in acked.chunks(1000) {
        let values: Vec<Option<String>> = redis::cmd("MGET").arg(chunk).query(&mut conn).expect("MGET");
        lost += chunk.iter().zip(values).filter(|(k, v)| v.as_deref() != Some(k.as_str())).count();
    }
    let secs = |d: Option<&Duration>| d.map(|d| (d.as_secs_f64() * 1000.0).round() / 1000.0);
    let report = json!({
        "acked": acked.len(),
        "failed": failures.len(),
        "lost": lost,
        "first_failure_s": secs(failures.first()),
        "last_failure_s": secs(failures.last()),
        "failure_window_s": match (failures.first(), failures.last()) {
            (Some(a), Some(b)) => Some(((*b - *a).as_secs_f64() * 1000.0).round() / 1000.0),
            _ => None,
        },
        "longest_gap_s": secs(tallies.iter().map(|t| t.longest_gap).max().as_ref()),
        "elapsed_s": elapsed.as_secs_f64(),
    });
    println!("{report}");
}

/// SIGTERM or SIGINT sets `stop`.
fn signal_hook_stop(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            use tokio::signal::unix::{SignalKind, signal};
            let mut term = signal(SignalKind::terminate()).unwrap();
            let mut int = signal(SignalKind::interrupt()).unwrap();
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        });
        stop.store(true, Ordering::SeqCst);
    });
}
