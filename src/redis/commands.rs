//! What a Redis command is, by its words alone: its title (name, and subcommand for container
//! commands such as CONFIG) and whether it only reads. The decision never asks a server: a node
//! that is down must not make a write look like a read, so anything not known to read is taken
//! as a change (EVAL, FCALL, MODULE, DEBUG and commands of modules included).

/// Commands whose first argument names what they do.
const CONTAINERS: [&str; 14] = [
    "CONFIG", "CLUSTER", "ACL", "CLIENT", "SCRIPT", "FUNCTION", "SLOWLOG", "LATENCY", "MEMORY", "MODULE", "XINFO", "OBJECT",
    "PUBSUB", "COMMAND",
];

/// Titles of commands that change neither data nor a node's configuration or state.
const READ_ONLY: &[&str] = &[
    // Server and connection.
    "PING",
    "ECHO",
    "TIME",
    "INFO",
    "ROLE",
    "DBSIZE",
    "LASTSAVE",
    "LOLWUT",
    "CONFIG GET",
    "COMMAND",
    "COMMAND COUNT",
    "COMMAND DOCS",
    "COMMAND GETKEYS",
    "COMMAND GETKEYSANDFLAGS",
    "COMMAND INFO",
    "COMMAND LIST",
    "CLIENT LIST",
    "CLIENT INFO",
    "CLIENT GETNAME",
    "CLIENT ID",
    "CLIENT GETREDIR",
    "CLIENT TRACKINGINFO",
    "SLOWLOG GET",
    "SLOWLOG LEN",
    "LATENCY LATEST",
    "LATENCY HISTORY",
    "LATENCY DOCTOR",
    "LATENCY GRAPH",
    "LATENCY HISTOGRAM",
    "MEMORY USAGE",
    "MEMORY STATS",
    "MEMORY DOCTOR",
    "MEMORY MALLOC-STATS",
    "ACL LIST",
    "ACL USERS",
    "ACL GETUSER",
    "ACL CAT",
    "ACL WHOAMI",
    "ACL DRYRUN",
    "ACL LOG",
    "MODULE LIST",
    "FUNCTION LIST",
    "FUNCTION STATS",
    "FUNCTION DUMP",
    "SCRIPT EXISTS",
    "PUBSUB CHANNELS",
    "PUBSUB NUMSUB",
    "PUBSUB NUMPAT",
    "PUBSUB SHARDCHANNELS",
    "PUBSUB SHARDNUMSUB",
    // Cluster.
    "CLUSTER NODES",
    "CLUSTER INFO",
    "CLUSTER SLOTS",
    "CLUSTER SHARDS",
    "CLUSTER MYID",
    "CLUSTER MYSHARDID",
    "CLUSTER KEYSLOT",
    "CLUSTER COUNTKEYSINSLOT",
    "CLUSTER GETKEYSINSLOT",
    "CLUSTER LINKS",
    "CLUSTER REPLICAS",
    "CLUSTER SLAVES",
    "CLUSTER COUNT-FAILURE-REPORTS",
    // Keys.
    "EXISTS",
    "TYPE",
    "TTL",
    "PTTL",
    "EXPIRETIME",
    "PEXPIRETIME",
    "KEYS",
    "SCAN",
    "RANDOMKEY",
    "DUMP",
    "TOUCH",
    "OBJECT ENCODING",
    "OBJECT FREQ",
    "OBJECT IDLETIME",
    "OBJECT REFCOUNT",
    "SORT_RO",
    // Strings and bits.
    "GET",
    "MGET",
    "STRLEN",
    "GETRANGE",
    "SUBSTR",
    "LCS",
    "GETBIT",
    "BITCOUNT",
    "BITPOS",
    "BITFIELD_RO",
    // Hashes, lists, sets, sorted sets, streams, geo.
    "HGET",
    "HMGET",
    "HGETALL",
    "HKEYS",
    "HVALS",
    "HLEN",
    "HEXISTS",
    "HSTRLEN",
    "HRANDFIELD",
    "HSCAN",
    "HTTL",
    "HPTTL",
    "HEXPIRETIME",
    "HPEXPIRETIME",
    "LRANGE",
    "LLEN",
    "LINDEX",
    "LPOS",
    "SMEMBERS",
    "SISMEMBER",
    "SMISMEMBER",
    "SCARD",
    "SRANDMEMBER",
    "SSCAN",
    "SINTER",
    "SUNION",
    "SDIFF",
    "SINTERCARD",
    "ZRANGE",
    "ZRANGEBYSCORE",
    "ZREVRANGE",
    "ZREVRANGEBYSCORE",
    "ZRANGEBYLEX",
    "ZREVRANGEBYLEX",
    "ZCARD",
    "ZCOUNT",
    "ZLEXCOUNT",
    "ZSCORE",
    "ZMSCORE",
    "ZRANK",
    "ZREVRANK",
    "ZSCAN",
    "ZRANDMEMBER",
    "ZINTER",
    "ZUNION",
    "ZDIFF",
    "ZINTERCARD",
    "XRANGE",
    "XREVRANGE",
    "XLEN",
    "XREAD",
    "XPENDING",
    "XINFO STREAM",
    "XINFO GROUPS",
    "XINFO CONSUMERS",
    "GEOPOS",
    "GEODIST",
    "GEOHASH",
    "GEORADIUS_RO",
    "GEORADIUSBYMEMBER_RO",
    "GEOSEARCH",
    // Scripts and functions declared read-only: the server refuses a write inside them.
    "EVAL_RO",
    "EVALSHA_RO",
    "FCALL_RO",
];

/// The command's name (and subcommand, for container commands), upper case: what messages may
/// show of it without its arguments.
pub fn title(words: &[String]) -> String {
    let Some(name) = words.first().map(|w| w.to_uppercase()) else { return String::new() };
    match words.get(1) {
        Some(sub) if CONTAINERS.contains(&name.as_str()) => format!("{name} {}", sub.to_uppercase()),
        _ => name,
    }
}

/// Whether the command is known to change nothing; every other command may change data or a node.
pub fn reads_only(words: &[String]) -> bool {
    let title = title(words);
    // ACL LOG RESET clears the log.
    let clears = words.iter().skip(2).any(|w| w.eq_ignore_ascii_case("RESET"));
    READ_ONLY.contains(&title.as_str()) && !(title == "ACL LOG" && clears)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn reads_are_known_by_name_and_subcommand_whatever_the_case() {
        for line in ["get k", "DBSIZE", "config get maxmemory", "CLUSTER nodes", "xinfo stream s", "acl log 10", "EVAL_RO x 0"] {
            assert!(reads_only(&words(line)), "{line}");
        }
    }

    #[test]
    fn anything_not_known_to_read_is_a_change() {
        for line in [
            "FLUSHALL",
            "SET k v",
            "EVAL x 0",
            "EVALSHA abc 0",
            "FCALL f 0",
            "FUNCTION LOAD x",
            "SCRIPT LOAD x",
            "MODULE LOAD m",
            "DEBUG SLEEP 0",
            "CONFIG SET a b",
            "CLUSTER RESET",
            "ACL LOG RESET",
            "CLIENT KILL ID 1",
            "SHUTDOWN",
            "MYMODULE.CMD",
            "XREADGROUP GROUP g c STREAMS s >",
        ] {
            assert!(!reads_only(&words(line)), "{line}");
        }
    }

    #[test]
    fn titles_keep_the_subcommand_of_containers_only() {
        assert_eq!(title(&words("config get requirepass")), "CONFIG GET");
        assert_eq!(title(&words("get config")), "GET");
    }
}
