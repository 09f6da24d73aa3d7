//! A writer that finds the master the way Sentinel-aware clients do (the `redis` crate's Sentinel
//! client: ask the sentinels, check the role), SETs unique keys at full speed and, after any
//! error, asks the sentinels again. Shared by the tests' group load and `examples/sentinel_load.rs`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use redis::sentinel::{SentinelClient, SentinelServerType};

/// What one writer saw.
#[derive(Debug, Default)]
pub struct Written {
    /// Keys whose SET was acknowledged (each key's value is the key).
    pub acked: Vec<String>,
    /// When each failed write ended, since `started`: it may or may not have applied.
    pub failures: Vec<Duration>,
    /// The longest time from one acknowledged write to the next: how long the writer could not
    /// write, whether its writes waited (a pause) or failed.
    pub longest_gap: Duration,
}

/// Writes `PREFIX:I` through the master the sentinels at `urls` name for `name` until `stop`.
pub fn write_until(stop: &AtomicBool, urls: Vec<String>, name: &str, prefix: &str, started: Instant) -> Written {
    let mut written = Written::default();
    let mut client = SentinelClient::build(urls, name.to_owned(), None, SentinelServerType::Master).expect("sentinel client");
    let mut i = 0u64;
    let mut last_ack = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        let Ok(mut conn) = client.get_connection() else {
            std::thread::sleep(Duration::from_millis(20));
            continue;
        };
        let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
        while !stop.load(Ordering::SeqCst) {
            let key = format!("{prefix}:{i}");
            i += 1;
            match redis::cmd("SET").arg(&key).arg(&key).query::<()>(&mut conn) {
                Ok(()) => {
                    written.longest_gap = written.longest_gap.max(last_ack.elapsed());
                    last_ack = Instant::now();
                    written.acked.push(key);
                }
                Err(_) => {
                    written.failures.push(started.elapsed());
                    break;
                }
            }
        }
    }
    written
}
