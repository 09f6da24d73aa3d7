//! The tests' live load: `traffic` at a steady pace with its own keys per run, and the check
//! that every acknowledged key is there with its value and every counter lies between its
//! acknowledged INCRs and those plus the unacknowledged attempts (which may or may not have applied).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::traffic::{Options, Tally, Traffic};
use super::{assert_all_keys, connect, query, slot_owner};

/// Each load writes its own keys and counters, so that loads run one after another are told apart.
static RUNS: AtomicUsize = AtomicUsize::new(0);

/// A load running in the background until `stop`.
pub struct Load(Traffic);

impl Load {
    /// Starts writing through the cluster that `entry` belongs to.
    pub fn start(entry: &str) -> Load {
        Load::start_focused(entry, None)
    }

    /// Like `start`, with every other key in the slot of hash tag `tag` (a slot being moved).
    pub fn start_focused(entry: &str, tag: Option<&str>) -> Load {
        let options = Options {
            prefix: format!("load{}", RUNS.fetch_add(1, Ordering::SeqCst)),
            // A steady load that leaves the two cores to the tool and the servers (about 1,500
            // operations per second in all).
            workers: 4,
            pause: Duration::from_millis(2),
            tag: tag.map(str::to_owned),
        };
        let traffic = Traffic::start(entry, options);
        // Let the client find the slot map and write a little before the change starts.
        std::thread::sleep(Duration::from_millis(500));
        Load(traffic)
    }

    /// Stops the writers and returns what they recorded.
    pub fn stop(self) -> Tally {
        self.0.stop()
    }
}

/// Every acknowledged write is in the cluster; every counter within its bounds.
#[track_caller]
pub fn assert_nothing_lost(tally: &Tally, entry: &str) {
    let writes = tally.writes();
    eprintln!(
        "load: {writes} acknowledged writes in {:.1}s, {} unacknowledged, longest {:.0}ms, errors {:?}",
        tally.elapsed.as_secs_f64(),
        tally.unacked(),
        tally.longest().as_secs_f64() * 1000.0,
        tally.errors
    );
    assert!(writes >= 200, "the load barely ran ({writes} writes): the test would prove nothing");
    assert_all_keys(entry, &tally.acked);
    let bad = tally.counters_out_of_bounds(|name| {
        let value: Option<u64> = query(&mut connect(&slot_owner(entry, name)), &["GET", name]);
        value.unwrap_or(0)
    });
    assert!(bad.is_empty(), "counters out of [acknowledged, acknowledged + attempted]: {bad:?}");
}
