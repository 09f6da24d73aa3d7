//! Reading a Sentinel-watched group: what each sentinel says about the master name it monitors
//! (SENTINEL MASTER/REPLICAS/SENTINELS/CKQUORUM, its ID, TILT) and what each redis member says of
//! itself (INFO replication, keys, memory, persistence, min-replicas-to-write). Nothing is judged
//! here: `planner::sentinel` assembles and judges the facts.

use std::collections::{BTreeMap, BTreeSet};

use futures::future::join_all;
use serde::Serialize;

use super::addr::NodeAddr;
use super::conn::{Connector, Credentials, NodeConn};
use super::info::InfoFacts;
use crate::error::{Error, Result};

/// The settings that must match on every sentinel of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    pub quorum: u64,
    pub down_after_ms: u64,
    pub failover_timeout_ms: u64,
    pub parallel_syncs: u64,
}

/// A replica or sentinel as one sentinel remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Known {
    pub addr: NodeAddr,
    pub run_id: String,
    pub flags: Vec<String>,
    /// For a replica: its master link as the sentinel last read it (`master-link-status ok`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_ok: Option<bool>,
    /// For a replica: its replica-priority (0: never promoted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<u64>,
}

impl Known {
    /// Subjectively or objectively down, or disconnected, in this sentinel's eyes.
    pub fn down(&self) -> bool {
        self.flags.iter().any(|f| f == "s_down" || f == "o_down" || f == "disconnected")
    }

    /// A replica Sentinel would promote: seen up, its link to the master up, priority above 0.
    pub fn promotable(&self) -> bool {
        !self.down() && self.link_ok == Some(true) && self.priority != Some(0)
    }
}

/// What one sentinel says about the group it monitors under the master name.
#[derive(Debug, Clone, Serialize)]
pub struct Watch {
    pub master: NodeAddr,
    pub master_flags: Vec<String>,
    pub config_epoch: u64,
    pub settings: Settings,
    pub replicas: Vec<Known>,
    pub sentinels: Vec<Known>,
    /// CKQUORUM's answer: Ok(text) or Err(the NOQUORUM text).
    pub ckquorum: std::result::Result<String, String>,
}

impl Watch {
    /// The sentinel judges the master down (s_down/o_down). A link merely reconnecting (just
    /// after a failover) is not that.
    pub fn master_down(&self) -> bool {
        self.master_flags.iter().any(|f| f == "s_down" || f == "o_down")
    }
}

/// A sentinel's own facts.
#[derive(Debug, Clone, Serialize)]
pub struct SentinelState {
    pub myid: String,
    pub tilt: bool,
    /// Every master name it monitors.
    pub names: Vec<String>,
    /// Its view of the chosen master name; `None` when it does not monitor that name.
    pub watch: Option<Watch>,
}

/// A redis member's own facts.
#[derive(Debug, Clone, Serialize)]
pub struct MemberState {
    pub info: InfoFacts,
    pub run_id: String,
    /// The master it replicates from (INFO `master_host`/`master_port`).
    pub master: Option<NodeAddr>,
    pub priority: u64,
    pub min_replicas_to_write: u64,
    /// RDB snapshots (`save` not empty) or AOF.
    pub persistence: bool,
    /// Replicas connected to it, as it lists them.
    pub replicas: Vec<NodeAddr>,
}

/// Answers from every address, or why one did not answer.
pub type Answers<T> = BTreeMap<NodeAddr, std::result::Result<T, String>>;

/// The sentinels' first answers: IDs, TILT and the names they monitor. An address that answers
/// but is no sentinel is bad input: an error.
pub async fn ask_sentinels(connector: &Connector, addrs: &[NodeAddr]) -> Result<Answers<SentinelState>> {
    let asks = addrs.iter().map(|addr| async move { (addr.clone(), first_look(connector, addr).await) });
    collect(join_all(asks).await)
}

/// Answers by address; the first misuse (an address of the wrong kind) is the error.
fn collect<T>(answers: Vec<(NodeAddr, Result<T>)>) -> Result<Answers<T>> {
    let mut out = Answers::new();
    for (addr, answer) in answers {
        match answer {
            Err(e) if e.kind == crate::error::Kind::Usage => return Err(e),
            answer => out.insert(addr, answer.map_err(|e| e.to_string())),
        };
    }
    Ok(out)
}

/// Reads each answering sentinel's view of `name`.
pub async fn watch(connector: &Connector, sentinels: &mut Answers<SentinelState>, name: &str) {
    let asks = sentinels.iter().filter(|(_, s)| s.as_ref().is_ok_and(|s| s.names.iter().any(|n| n == name))).map(|(addr, _)| {
        let addr = addr.clone();
        async move { (addr.clone(), read_watch(connector, &addr, name).await) }
    });
    for (addr, watch) in join_all(asks).await {
        let entry = sentinels.get_mut(&addr).expect("asked only known sentinels");
        match watch {
            Ok(watch) => {
                if let Ok(state) = entry {
                    state.watch = Some(watch);
                }
            }
            Err(e) => *entry = Err(e.to_string()),
        }
    }
}

/// Every member's own facts. A cluster node or a sentinel among them is bad input: an error.
pub async fn ask_members(connector: &Connector, addrs: &[NodeAddr]) -> Result<Answers<MemberState>> {
    let asks = addrs.iter().map(|addr| async move { (addr.clone(), read_member(connector, addr).await) });
    collect(join_all(asks).await)
}

/// A connection to a sentinel: with the sentinels' own password when one was given; else with the
/// group's, or without one when the sentinel refuses it because it has none (sentinels often run
/// without requirepass while their members need one). A sentinel that wants another password
/// keeps the first error.
pub async fn connect(connector: &Connector, addr: &NodeAddr) -> Result<NodeConn> {
    if let Some(own) = connector.credentials.sentinel.get() {
        let mut with_own = connector.clone();
        with_own.credentials = Credentials { password: Some(own.clone()), ..Credentials::default() };
        return with_own.connect(addr).await.map_err(|e| match e.message.contains("authentication failed") {
            true => e.hint("the sentinels refuse their password: check --sentinel-password-file or --sentinel-password-secret"),
            false => e,
        });
    }
    let refused = match connector.connect(addr).await {
        Err(e) if e.message.contains("authentication failed") && connector.credentials.password().is_some() => e,
        other => return other,
    };
    let mut open = connector.clone();
    open.credentials = Credentials::default();
    let mut conn = open.connect(addr).await.map_err(|_| Error {
        message: refused.message.clone(),
        hint: refused.hint.clone(),
        kind: refused.kind,
    })?;
    match conn.call::<String>(&redis::cmd("PING")).await {
        Ok(_) => Ok(conn),
        Err(_) => Err(refused),
    }
}

async fn first_look(connector: &Connector, addr: &NodeAddr) -> Result<SentinelState> {
    let mut conn = connect(connector, addr).await?;
    let info: String = conn.call(redis::cmd("INFO").arg("server").arg("sentinel")).await?;
    let mode = field(&info, "redis_mode").or_else(|| field(&info, "server_mode")).unwrap_or_default();
    if mode != "sentinel" {
        return Err(Error::usage(format!(
            "{addr} is not a sentinel (it runs as {})",
            if mode.is_empty() { "unknown" } else { &mode }
        ))
        .hint("--sentinels lists sentinel addresses (port 26379 by default); redis members go to --nodes"));
    }
    let myid: String = conn.call(redis::cmd("SENTINEL").arg("MYID")).await?;
    let masters: Vec<Vec<String>> = conn.call(redis::cmd("SENTINEL").arg("MASTERS")).await?;
    let names = masters.iter().filter_map(|m| pairs(m).remove("name")).collect();
    Ok(SentinelState { myid, tilt: field(&info, "sentinel_tilt").as_deref() == Some("1"), names, watch: None })
}

async fn read_watch(connector: &Connector, addr: &NodeAddr, name: &str) -> Result<Watch> {
    let mut conn = connect(connector, addr).await?;
    let mut pipe = redis::pipe();
    for sub in ["MASTER", "REPLICAS", "SENTINELS", "CKQUORUM"] {
        pipe.cmd("SENTINEL").arg(sub).arg(name);
    }
    let limit = conn.timeout();
    let replies = conn.pipeline_each(&mut pipe, limit).await?;
    let value = |i: usize| replies[i].clone().map_err(|e| Error::failed(format!("{addr}: SENTINEL: {e}")));
    let master = pairs(&redis::from_redis_value::<Vec<String>>(value(0)?).map_err(|e| bad_reply(addr, &e))?);
    let replicas: Vec<Vec<String>> = redis::from_redis_value(value(1)?).map_err(|e| bad_reply(addr, &e))?;
    let sentinels: Vec<Vec<String>> = redis::from_redis_value(value(2)?).map_err(|e| bad_reply(addr, &e))?;
    let number = |map: &BTreeMap<String, String>, key: &str| map.get(key).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    Ok(Watch {
        master: known_addr(&master),
        master_flags: flags(&master),
        config_epoch: number(&master, "config-epoch"),
        settings: Settings {
            quorum: number(&master, "quorum"),
            down_after_ms: number(&master, "down-after-milliseconds"),
            failover_timeout_ms: number(&master, "failover-timeout"),
            parallel_syncs: number(&master, "parallel-syncs"),
        },
        replicas: known_list(&replicas),
        sentinels: known_list(&sentinels),
        ckquorum: match &replies[3] {
            Ok(v) => Ok(redis::from_redis_value::<String>(v.clone()).unwrap_or_default()),
            Err(e) => Err(e.trim_start_matches("NOQUORUM").trim().to_owned()),
        },
    })
}

async fn read_member(connector: &Connector, addr: &NodeAddr) -> Result<MemberState> {
    let mut conn = connector.connect(addr).await?;
    let mut pipe = redis::pipe();
    pipe.cmd("INFO").arg("server").arg("replication").arg("keyspace").arg("memory").arg("persistence").arg("cluster");
    pipe.cmd("CONFIG").arg("GET").arg("min-replicas-to-write");
    pipe.cmd("CONFIG").arg("GET").arg("save");
    let limit = conn.timeout();
    let replies = conn.pipeline_each(&mut pipe, limit).await?;
    let text: String = redis::from_redis_value(replies[0].clone().map_err(|e| Error::failed(format!("{addr}: INFO: {e}")))?)
        .map_err(|e| bad_reply(addr, &e))?;
    if field(&text, "redis_mode").or_else(|| field(&text, "server_mode")).as_deref() == Some("sentinel") {
        return Err(Error::usage(format!("{addr} is a sentinel, not a redis member"))
            .hint("redis members go to --nodes, sentinels to --sentinels"));
    }
    let info = InfoFacts::parse(&text);
    if info.cluster_enabled {
        return Err(Error::usage(format!(
            "{addr} runs in cluster mode: it is a Redis Cluster node, not a Sentinel group member"
        ))
        .hint("leave out --sentinels to work on the cluster"));
    }
    let config = |i: usize| -> Option<String> {
        let values: Vec<String> = redis::from_redis_value(replies[i].clone().ok()?).ok()?;
        values.get(1).cloned()
    };
    let master = match (field(&text, "master_host"), field(&text, "master_port").and_then(|p| p.parse().ok())) {
        (Some(host), Some(port)) if info.role == "slave" => Some(NodeAddr::new(host, port)),
        _ => None,
    };
    Ok(MemberState {
        run_id: field(&text, "run_id").unwrap_or_default(),
        master,
        priority: field(&text, "slave_priority")
            .or_else(|| field(&text, "replica_priority"))
            .and_then(|p| p.parse().ok())
            .unwrap_or(100),
        min_replicas_to_write: config(1).and_then(|v| v.parse().ok()).unwrap_or(0),
        persistence: field(&text, "aof_enabled").as_deref() == Some("1") || config(2).is_some_and(|s| !s.trim().is_empty()),
        replicas: connected_replicas(&text),
        info,
    })
}

/// The master a SENTINEL MASTER reply names, when it shows no failover in progress and sees it up.
pub fn settled_master(fields: &[String]) -> Option<NodeAddr> {
    let map = pairs(fields);
    let unsettled = flags(&map).iter().any(|f| f.starts_with("failover") || f == "s_down" || f == "o_down");
    (!unsettled).then(|| known_addr(&map))
}

/// The entries of a SENTINEL REPLICAS or SENTINELS reply.
pub fn known_list(entries: &[Vec<String>]) -> Vec<Known> {
    entries
        .iter()
        .map(|e| {
            let e = pairs(e);
            Known {
                addr: known_addr(&e),
                run_id: e.get("runid").cloned().unwrap_or_default(),
                flags: flags(&e),
                link_ok: e.get("master-link-status").map(|s| s == "ok"),
                priority: e.get("slave-priority").and_then(|p| p.parse().ok()),
            }
        })
        .collect()
}

/// A SENTINEL MASTER reply shows a failover under way.
pub fn failover_in_progress(fields: &[String]) -> bool {
    flags(&pairs(fields)).iter().any(|f| f.starts_with("failover"))
}

/// `slaveN:ip=…,port=…,…` lines of a master's INFO replication.
fn connected_replicas(info: &str) -> Vec<NodeAddr> {
    let mut out: BTreeSet<NodeAddr> = BTreeSet::new();
    for line in info.lines().filter(|l| l.starts_with("slave") && l.contains(":ip=")) {
        let fields: BTreeMap<&str, &str> =
            line.split_once(':').map(|(_, rest)| rest).unwrap_or("").split(',').filter_map(|kv| kv.split_once('=')).collect();
        if let (Some(ip), Some(port)) = (fields.get("ip"), fields.get("port").and_then(|p| p.trim().parse().ok())) {
            out.insert(NodeAddr::new(*ip, port));
        }
    }
    out.into_iter().collect()
}

fn field(info: &str, key: &str) -> Option<String> {
    info.lines().find_map(|l| l.trim_end_matches('\r').strip_prefix(key)?.strip_prefix(':').map(str::to_owned))
}

/// A flat field/value reply as a map.
fn pairs(flat: &[String]) -> BTreeMap<String, String> {
    flat.chunks(2).filter(|c| c.len() == 2).map(|c| (c[0].clone(), c[1].clone())).collect()
}

fn flags(map: &BTreeMap<String, String>) -> Vec<String> {
    map.get("flags").map(|f| f.split(',').map(str::to_owned).collect()).unwrap_or_default()
}

fn known_addr(map: &BTreeMap<String, String>) -> NodeAddr {
    NodeAddr::new(map.get("ip").cloned().unwrap_or_default(), map.get("port").and_then(|p| p.parse().ok()).unwrap_or(0))
}

fn bad_reply(addr: &NodeAddr, e: &impl std::fmt::Display) -> Error {
    Error::failed(format!("{addr}: unexpected SENTINEL reply: {e}"))
}
