//! The facts this tool reads from INFO: server kind and version, role, replication, memory, keys.

use std::collections::HashMap;

use serde::Serialize;

/// Parsed INFO fields that matter for cluster management.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InfoFacts {
    /// "redis" or "valkey".
    pub server: String,
    pub version: String,
    pub cluster_enabled: bool,
    /// "master" or "slave".
    pub role: String,
    /// For a replica: whether its link to the master is up (INFO replication `master_link_status`).
    pub master_link_up: Option<bool>,
    /// For a replica whose link is down: it reached its master and a sync is under way (ROLE
    /// says `handshake` or `sync`), as opposed to still trying to reach it.
    pub syncing: bool,
    /// The master's offset (on a master) or the processed offset (on a replica).
    pub repl_offset: u64,
    pub used_memory: u64,
    pub maxmemory: u64,
    /// Keys in every database.
    pub keys: u64,
    /// Keys in databases other than 0 (Valkey 9 allows them in cluster mode).
    pub keys_outside_db0: u64,
    /// Commands per second, as the server measures it (INFO stats).
    pub ops_per_sec: u64,
    pub persistence: Persistence,
}

/// What a node writes to disk, as INFO persistence tells it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Persistence {
    /// No append-only file, and no snapshot since it started.
    #[default]
    None,
    /// Snapshots taken since it started, the last one successful.
    Rdb,
    /// The append-only file, its last write successful.
    Aof,
    /// The last snapshot or append-only write failed: writes may be refused.
    Failing,
}

impl Persistence {
    pub fn as_str(self) -> &'static str {
        match self {
            Persistence::None => "none",
            Persistence::Rdb => "rdb",
            Persistence::Aof => "aof",
            Persistence::Failing => "FAILING",
        }
    }
}

impl InfoFacts {
    pub fn parse(text: &str) -> InfoFacts {
        let fields: HashMap<&str, &str> =
            text.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.trim_end_matches('\r').split_once(':')).collect();
        let number = |key: &str| fields.get(key).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        let keys_in = |db: &(&&str, &&str)| -> u64 {
            db.1.split(',').find_map(|kv| kv.strip_prefix("keys=")).and_then(|n| n.parse().ok()).unwrap_or(0)
        };
        let databases: Vec<(&&str, &&str)> = fields
            .iter()
            .filter(|(k, _)| k.starts_with("db") && k.len() > 2 && k[2..].bytes().all(|b| b.is_ascii_digit()))
            .collect();
        let (server, version) = match fields.get("valkey_version") {
            Some(v) => ("valkey", *v),
            None => (fields.get("server_name").copied().unwrap_or("redis"), fields.get("redis_version").copied().unwrap_or("")),
        };
        let role = fields.get("role").copied().unwrap_or("").to_owned();
        let is_replica = role == "slave";
        InfoFacts {
            server: server.to_owned(),
            version: version.to_owned(),
            cluster_enabled: fields.get("cluster_enabled") == Some(&"1"),
            master_link_up: is_replica.then(|| fields.get("master_link_status") == Some(&"up")),
            // Known from ROLE, not INFO.
            syncing: false,
            repl_offset: if is_replica { number("slave_repl_offset") } else { number("master_repl_offset") },
            used_memory: number("used_memory"),
            maxmemory: number("maxmemory"),
            keys: databases.iter().map(keys_in).sum(),
            keys_outside_db0: databases.iter().filter(|(k, _)| **k != "db0").map(keys_in).sum(),
            ops_per_sec: number("instantaneous_ops_per_sec"),
            persistence: persistence(&fields),
            role,
        }
    }
}

fn persistence(fields: &HashMap<&str, &str>) -> Persistence {
    let failed = |key: &str| fields.get(key).is_some_and(|v| *v != "ok");
    if failed("rdb_last_bgsave_status") || failed("aof_last_write_status") {
        Persistence::Failing
    } else if fields.get("aof_enabled") == Some(&"1") {
        Persistence::Aof
    } else if fields.get("rdb_saves").is_some_and(|n| *n != "0") {
        Persistence::Rdb
    } else {
        Persistence::None
    }
}

/// Whether a ROLE reply shows a replica that reached its master and is (re)syncing with it.
pub fn role_says_syncing(role: &redis::Value) -> bool {
    let redis::Value::Array(parts) = role else { return false };
    let text = |v: &redis::Value| match v {
        redis::Value::BulkString(b) => String::from_utf8_lossy(b).into_owned(),
        redis::Value::SimpleString(s) => s.clone(),
        _ => String::new(),
    };
    parts.first().map(text).as_deref() == Some("slave") && matches!(parts.get(3).map(text).as_deref(), Some("handshake" | "sync"))
}

/// Whether a CLUSTER INFO reply says the node serves its slots (`cluster_state:ok`).
pub fn cluster_state_ok(cluster_info: &str) -> bool {
    cluster_info.lines().any(|l| l.trim_end() == "cluster_state:ok")
}

/// Commands that tools and replication send rather than applications: the slot mover's own, the
/// probe's, and the server-to-server ones.
const NOT_CLIENT_COMMANDS: [&str; 14] = [
    "migrate",
    "restore-asking",
    "restore",
    "cluster",
    "memory",
    "info",
    "ping",
    "dump",
    "asking",
    "replconf",
    "auth",
    "hello",
    "client",
    "select",
];

/// The calls an `INFO commandstats` reply counts for application commands (everything but
/// `NOT_CLIENT_COMMANDS`): how much client traffic a node has served.
pub fn client_calls(commandstats: &str) -> u64 {
    commandstats
        .lines()
        .filter_map(|l| l.trim_end().strip_prefix("cmdstat_")?.split_once(':'))
        .filter(|(name, _)| !NOT_CLIENT_COMMANDS.iter().any(|c| name.split('|').next() == Some(*c)))
        .filter_map(|(_, stats)| stats.split(',').find_map(|kv| kv.strip_prefix("calls="))?.parse::<u64>().ok())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_calls_leave_out_the_movers_and_the_servers_own_commands() {
        let text = "# Commandstats\r\ncmdstat_set:calls=10,usec=5,usec_per_call=0.5,rejected_calls=0,failed_calls=0\r\n\
                    cmdstat_migrate:calls=99,usec=1\r\ncmdstat_cluster|setslot:calls=7,usec=1\r\n\
                    cmdstat_incr:calls=5,usec=1\r\ncmdstat_ping:calls=3,usec=1\r\n";
        assert_eq!(client_calls(text), 15);
    }

    #[test]
    fn persistence_is_what_the_node_writes_and_a_failed_write_wins() {
        let parse = |text: &str| InfoFacts::parse(text).persistence;
        assert_eq!(parse("aof_enabled:0\r\nrdb_saves:0\r\nrdb_last_bgsave_status:ok\r\n"), Persistence::None);
        assert_eq!(parse("aof_enabled:0\r\nrdb_saves:3\r\nrdb_last_bgsave_status:ok\r\n"), Persistence::Rdb);
        assert_eq!(parse("aof_enabled:1\r\naof_last_write_status:ok\r\n"), Persistence::Aof);
        assert_eq!(parse("aof_enabled:1\r\nrdb_last_bgsave_status:err\r\n"), Persistence::Failing);
        assert_eq!(InfoFacts::parse("instantaneous_ops_per_sec:1234\r\n").ops_per_sec, 1234);
    }

    #[test]
    fn reads_replica_link_keys_and_server_kind() {
        let text = "# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:9.1.2\r\n# Replication\r\nrole:slave\r\nmaster_link_status:down\r\nslave_repl_offset:42\r\n# Memory\r\nused_memory:1024\r\nmaxmemory:0\r\n# Cluster\r\ncluster_enabled:1\r\n# Keyspace\r\ndb0:keys=10,expires=0,avg_ttl=0\r\ndb3:keys=5,expires=0\r\n";
        let facts = InfoFacts::parse(text);
        assert_eq!((facts.server.as_str(), facts.version.as_str()), ("valkey", "9.1.2"));
        assert_eq!(facts.master_link_up, Some(false));
        assert_eq!((facts.repl_offset, facts.keys, facts.keys_outside_db0, facts.used_memory), (42, 15, 5, 1024));
        assert!(facts.cluster_enabled);
    }

    #[test]
    fn reads_cluster_state_from_cluster_info() {
        assert!(cluster_state_ok("cluster_state:ok\r\ncluster_slots_assigned:16384\r\n"));
        assert!(!cluster_state_ok("cluster_state:fail\r\n"));
    }

    #[test]
    fn a_master_has_no_link_status_and_plain_redis_has_no_server_name() {
        let facts = InfoFacts::parse("redis_version:7.0.15\nrole:master\nmaster_repl_offset:7\n");
        assert_eq!((facts.server.as_str(), facts.master_link_up, facts.repl_offset), ("redis", None, 7));
    }
}
