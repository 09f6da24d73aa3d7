//! Sentinel sandboxes for the tests (standalone members and real sentinels, started through the
//! tool) and writers that follow the sentinels (`sentinel_writer`), recording which writes were
//! acknowledged.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use super::{Sandbox, Server, query};

/// Sentinels of a sandbox: addresses and pids.
pub struct Sentinels {
    pub addrs: Vec<String>,
    pub pids: Vec<u32>,
}

impl Sandbox {
    /// `sandbox up --sentinel` with `members` (and `separate` sentinels of their own, if any),
    /// then `create --sentinel`; returns the sandbox and its sentinels.
    pub fn start_group(server: Server, members: usize, separate: Option<usize>) -> (Sandbox, Sentinels) {
        let state = tempfile::tempdir().expect("temp dir");
        let mut sb = Sandbox { state, name: "g".to_owned(), server, addrs: Vec::new(), pids: Vec::new() };
        let (count, path) = (members.to_string(), server.path());
        let mut args = vec!["sandbox", "up", "--name", "g", "--sentinel", "--nodes", &count, "--server", path.to_str().unwrap()];
        let separate_count = separate.map(|s| s.to_string());
        if let Some(s) = &separate_count {
            args.extend(["--separate", "--sentinels", s]);
        }
        args.extend(["-o", "json"]);
        sb.run(&args).expect(0);
        let sentinels = sb.sentinels();
        let target = sb.target();
        let created = sb.run(&["create", "--sentinel", &target, "--yes", "-o", "json"]);
        assert_eq!(created.code, 0, "create --sentinel failed:\n{}\n{}", created.stdout, created.stderr);
        sb.refresh();
        (sb, sentinels)
    }

    /// The sandbox's sentinels as `sandbox status` lists them now.
    pub fn sentinels(&self) -> Sentinels {
        let doc = self.run(&["sandbox", "status", "--name", &self.name, "-o", "json"]).expect(0).json();
        let list = doc["sentinels"].as_array().unwrap();
        Sentinels {
            addrs: list.iter().map(|n| n["addr"].as_str().unwrap().to_owned()).collect(),
            pids: list.iter().map(|n| n["pid"].as_u64().unwrap() as u32).collect(),
        }
    }

    /// The member that answers `role:master`, if exactly one does.
    pub fn group_master(&self) -> Option<String> {
        master_of(&self.addrs)
    }
}

/// The one of `members` that answers `role:master`, if exactly one does.
pub fn master_of(members: &[String]) -> Option<String> {
    let masters: Vec<&String> = members
        .iter()
        .filter(|a| query::<String>(&mut super::connect(a), &["INFO", "replication"]).contains("role:master"))
        .collect();
    (masters.len() == 1).then(|| masters[0].clone())
}

/// Writers in the background until `stop`.
pub struct GroupLoad {
    stop: Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<GroupTally>>,
}

#[derive(Debug, Default)]
pub struct GroupTally {
    /// Keys whose SET was acknowledged (the value is the key).
    pub acked: Vec<String>,
    /// Writes that failed (not acknowledged): they may or may not have applied.
    pub failed: u64,
}

impl GroupLoad {
    /// `workers` threads writing `PREFIX:W:I` through the master the sentinels name.
    pub fn start(sentinels: &[String], name: &str, prefix: &str, workers: usize) -> GroupLoad {
        let stop = Arc::new(AtomicBool::new(false));
        let threads = (0..workers)
            .map(|w| {
                let (stop, urls, name, prefix) = (
                    stop.clone(),
                    sentinels.iter().map(|s| format!("redis://{s}/")).collect::<Vec<_>>(),
                    name.to_owned(),
                    prefix.to_owned(),
                );
                std::thread::spawn(move || {
                    let written =
                        super::sentinel_writer::write_until(&stop, urls, &name, &format!("{prefix}:{w}"), Instant::now());
                    GroupTally { acked: written.acked, failed: written.failures.len() as u64 }
                })
            })
            .collect();
        GroupLoad { stop, threads }
    }

    pub fn stop(self) -> GroupTally {
        self.stop.store(true, Ordering::SeqCst);
        let mut all = GroupTally::default();
        for t in self.threads {
            let tally = t.join().expect("a writer panicked");
            all.acked.extend(tally.acked);
            all.failed += tally.failed;
        }
        all
    }
}

/// Every acknowledged key, read from `master`: the ones missing.
pub fn missing_keys(master: &str, keys: &[String]) -> Vec<String> {
    let mut conn = super::connect(master);
    let mut missing = Vec::new();
    for chunk in keys.chunks(1000) {
        let values: Vec<Option<String>> = redis::cmd("MGET").arg(chunk).query(&mut conn).expect("MGET");
        missing.extend(chunk.iter().zip(values).filter(|(k, v)| v.as_deref() != Some(k.as_str())).map(|(k, _)| k.clone()));
    }
    missing
}
