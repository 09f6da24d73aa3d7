//! The command line: clap definitions only, with an example in every `--help`.
//! Flags are turned into what commands need once, in `context`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::planner::scale::MAX_REPLICAS;

const EXIT_CODES: &str = "\
Exit codes:
  0   success (check: healthy)
  1   a step failed while changing the cluster
  2   bad flags or arguments; nothing changed
  3   refused (unsafe, precondition failed, or not confirmed); nothing changed
  4   no node could be reached, or the target does not exist
  10  check found warnings
  11  check found problems
  130 stopped by Ctrl-C after the slots in flight; run the same command again to continue";

#[derive(Debug, Parser)]
#[command(
    name = "kubectl-redis",
    bin_name = "kubectl redis",
    version,
    about = "Run the whole lifecycle of a Redis Cluster (and Valkey): create, scale, add-node, del-node, reshard, rebalance, check, fix, status",
    after_help = EXIT_CODES,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// A whole number from `min` to `max`. Negative numbers reach it too (flags allow them), so that
/// `--slots -3` is answered with the range rather than taken for a flag.
fn whole(min: usize, max: usize) -> impl Fn(&str) -> Result<usize, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        let n: i128 = text.trim().parse().map_err(|_| format!("'{text}' is not a whole number; give one from {min} to {max}"))?;
        usize::try_from(n)
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| format!("give a whole number from {min} to {max}"))
    }
}

/// A byte size (`512kb`, `8mb`, `0`) of at least `min`.
fn bytes(min: u64) -> impl Fn(&str) -> Result<u64, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        let n = crate::units::parse_bytes(text)?;
        if n >= min { Ok(n) } else { Err(format!("give a size of at least {min} byte(s), e.g. 512kb or 8mb")) }
    }
}

/// A percentage from 0 to 100.
fn percent(text: &str) -> Result<f64, String> {
    let pct: f64 = text.trim().parse().map_err(|_| format!("'{text}' is not a number; give a percentage from 0 to 100"))?;
    if (0.0..=100.0).contains(&pct) { Ok(pct) } else { Err("give a percentage from 0 to 100".to_owned()) }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    /// The table with more columns (full IDs, epochs, server versions)
    Wide,
    Json,
    Yaml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewsChoice {
    Full,
    Digest,
    Auto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Output format
    #[arg(short = 'o', long, global = true, value_enum, default_value = "table")]
    pub output: OutputFormat,
    /// Do not ask for confirmation (required to change a cluster without a terminal)
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
    /// Print the plan and change nothing
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// Time limit for every network call, e.g. 500ms, 5s, 2m
    #[arg(long, global = true, value_name = "DURATION", default_value = "5s", value_parser = crate::units::parse)]
    pub timeout: Duration,
    /// When to color the output (NO_COLOR is respected)
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// More detail (repeatable; -vv adds where the time went)
    #[arg(short = 'v', long = "verbose", global = true, action = ArgAction::Count)]
    pub verbose: u8,
    /// Nodes asked at once while reading the cluster
    #[arg(long, global = true, value_name = "N", default_value_t = 256, allow_negative_numbers = true, value_parser = whole(1, 65535), help_heading = "Reading the cluster")]
    pub concurrency: usize,
    /// How to read the nodes' views of the cluster: full (every node's CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)
    #[arg(long, global = true, value_enum, value_name = "HOW", default_value = "auto", help_heading = "Reading the cluster")]
    pub views: ViewsChoice,

    /// ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user
    #[arg(long = "redis-user", alias = "user", global = true, value_name = "NAME", help_heading = "Authentication")]
    pub user: Option<String>,
    /// Read the password from the first line of this file
    #[arg(long, global = true, value_name = "PATH", help_heading = "Authentication")]
    pub password_file: Option<PathBuf>,
    /// Ask for the password on the terminal
    #[arg(long, global = true, help_heading = "Authentication")]
    pub ask_password: bool,
    /// Sentinel group: the sentinels' own password (requirepass of the sentinels), from the first line of this file
    #[arg(long, global = true, value_name = "PATH", help_heading = "Authentication")]
    pub sentinel_password_file: Option<PathBuf>,

    /// Connect with TLS
    #[arg(long, global = true, help_heading = "TLS")]
    pub tls: bool,
    /// CA certificate (PEM) to verify the servers
    #[arg(long, global = true, value_name = "PATH", help_heading = "TLS")]
    pub cacert: Option<PathBuf>,
    /// Client certificate (PEM) for mutual TLS (--cert is kept as an alias)
    #[arg(
        long = "tls-cert",
        visible_alias = "cert",
        global = true,
        value_name = "PATH",
        requires = "tls_key",
        help_heading = "TLS"
    )]
    pub tls_cert: Option<PathBuf>,
    /// Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)
    #[arg(long = "tls-key", global = true, value_name = "PATH", requires = "tls_cert", help_heading = "TLS")]
    pub tls_key: Option<PathBuf>,
    /// Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node's address or, on Kubernetes, its pod's DNS names is accepted
    #[arg(long, global = true, value_name = "NAME", help_heading = "TLS")]
    pub tls_server_name: Option<String>,
    /// Do not verify the servers' certificates (prints a warning)
    #[arg(long, global = true, help_heading = "TLS")]
    pub insecure: bool,
}

/// Which cluster a command works on.
#[derive(Debug, Clone, Args)]
pub struct TargetArgs {
    /// The StatefulSet whose pods form the cluster (NAME or sts/NAME)
    #[arg(value_name = "STATEFULSET", help_heading = "Target")]
    pub statefulset: Option<String>,
    /// Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis
    #[arg(short = 'l', long, value_name = "SELECTOR", help_heading = "Target")]
    pub selector: Option<String>,
    /// Namespace of the StatefulSet or pods (default: the kubeconfig context's)
    #[arg(short = 'n', long, value_name = "NAMESPACE", help_heading = "Kubernetes")]
    pub namespace: Option<String>,
    /// Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)
    #[arg(long, value_name = "PATH", help_heading = "Kubernetes")]
    pub kubeconfig: Option<std::path::PathBuf>,
    /// Kubeconfig context to use (default: the current context)
    #[arg(long, value_name = "NAME", help_heading = "Kubernetes")]
    pub context: Option<String>,
    /// Secret holding the Redis password (default: the one the pod template's REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)
    #[arg(long, value_name = "NAME[:KEY]", help_heading = "Kubernetes")]
    pub password_secret: Option<crate::platform::kubernetes::SecretRef>,
    /// How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward
    #[arg(long, value_enum, value_name = "HOW", default_value = "auto", help_heading = "Kubernetes")]
    pub connect: ConnectMode,
    /// Target a local sandbox (default name: default)
    #[arg(long, value_name = "NAME", num_args = 0..=1, require_equals = true, default_missing_value = "default", help_heading = "Target")]
    pub sandbox: Option<String>,
    /// Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes
    #[arg(long, value_name = "HOST:PORT", value_delimiter = ',', help_heading = "Target")]
    pub nodes: Vec<String>,
    /// Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector
    #[arg(long, value_name = "SENTINELS", value_delimiter = ',', help_heading = "Sentinel")]
    pub sentinels: Vec<String>,
    /// The master name the sentinels monitor (default: the only one they monitor; create: mymaster)
    #[arg(long, value_name = "NAME", help_heading = "Sentinel")]
    pub master_name: Option<String>,
    /// Sentinel group on Kubernetes: the Secret holding the sentinels' own password
    #[arg(long, value_name = "NAME[:KEY]", help_heading = "Sentinel")]
    pub sentinel_password_secret: Option<crate::platform::kubernetes::SecretRef>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Form a new cluster from empty nodes
    #[command(after_help = "Examples:
  kubectl redis create redis-cluster -n redis --replicas 1
  kubectl redis create --nodes redis-1:6379,redis-2:6379,redis-3:6379 --replicas 0 --yes
  kubectl redis create --sandbox --replicas 1 --dry-run -o json")]
    Create(CreateArgs),
    /// Check the cluster's health; every finding comes with the command that repairs it
    #[command(after_help = concat!("Examples:
  kubectl redis check redis-cluster -n redis
  kubectl redis check --nodes redis-1:6379
  kubectl redis check --sandbox -o json
  kubectl redis check redis-cluster --watch -o json          # one verdict per line, every 2s

Exit codes: 0 healthy, 10 warnings only, 11 problems, 4 could not run (--watch: 0 on Ctrl-C)"))]
    Check(CheckArgs),
    /// Show the shard tree: each master followed by its replicas
    #[command(after_help = "Examples:
  kubectl redis status redis-cluster --context prod -n redis
  kubectl redis status --nodes redis-1:6379
  kubectl redis status --sandbox -o json
  kubectl redis status redis-cluster --watch --interval 5s   # Ctrl-C to stop")]
    Status(StatusArgs),
    /// Join a node to the cluster, as an empty master or as a replica
    #[command(
        name = "add-node",
        after_help = "Examples:
  kubectl redis add-node redis-7:6379 --nodes redis-1:6379
  kubectl redis add-node redis-8:6379 --replica --nodes redis-1:6379 --yes
  kubectl redis add-node 127.77.1.7:6379 --replica-of 127.77.1.1:6379 --sandbox
  kubectl redis add-node redis-9:26379 --sentinel --nodes redis-1:6379 --sentinels redis-1:26379   # a Sentinel group"
    )]
    AddNode(AddNodeArgs),
    /// Remove a node: re-home its replicas, make every node forget it, reset it
    #[command(
        name = "del-node",
        after_help = "Examples:
  kubectl redis del-node redis-7:6379 --nodes redis-1:6379
  kubectl redis del-node 3f2a9c --nodes redis-1:6379 --yes
  kubectl redis del-node redis-9:26379 --sentinel --nodes redis-1:6379 --sentinels redis-1:26379,redis-9:26379   # a Sentinel group"
    )]
    DelNode(DelNodeArgs),
    /// Move exactly N slots (with their keys) from some masters to one master
    #[command(after_help = "Examples:
  kubectl redis reshard --from all --to redis-4:6379 --slots 1000 --nodes redis-1:6379
  kubectl redis reshard --from 3f2a9c,77b1e0 --to redis-4:6379 --slots 500 --sandbox --dry-run -o json
  kubectl redis reshard --from all --to redis-cluster-3 --slots 1000 redis-cluster --pace gentle

Interrupted (Ctrl-C finishes the slots in flight; even after a kill) it resumes when run again.")]
    Reshard(ReshardArgs),
    /// Move the fewest slots that bring every master to its weighted share
    #[command(after_help = "Examples:
  kubectl redis rebalance --use-empty-masters --nodes redis-1:6379
  kubectl redis rebalance --weight redis-4:6379=0 --sandbox        # drain a master
  kubectl redis rebalance --threshold 0 --dry-run -o json --sandbox
  kubectl redis rebalance redis-cluster --pace gentle        # busy production: kindest to clients

Pace: fast moves soonest and clients wait behind every batch; gentle leaves clients about two thirds
of the servers' time; auto (the default) runs fast without clients and, with them, as fast as
leaves them 82-90% of their own rate.
Interrupted (Ctrl-C finishes the slots in flight; even after a kill) it resumes when run again.")]
    Rebalance(RebalanceArgs),
    /// Resize to M masters with R replicas each: grow or shrink the platform, join, fail over, move slots, remove
    #[command(after_help = "Examples:
  kubectl redis scale redis-cluster --masters 4             # one more shard, replicas as now
  kubectl redis scale --masters 4 --sandbox
  kubectl redis scale --masters 3 --sandbox --dry-run -o json
  kubectl redis scale --masters 3 --replicas 2 --sandbox --yes
  kubectl redis scale --masters 3 --nodes redis-1:6379,redis-7:6379,redis-8:6379
  kubectl redis scale --sandbox=s --replicas 4                # a Sentinel group: 1 master + 4 replicas

On a sandbox the highest members are removed, like a StatefulSet; with --nodes scale uses the empty
nodes listed to grow, and removes the shards with the fewest slots (replicas first) to shrink.
Interrupted (Ctrl-C, a kill, a node dying) it converges when run again with the same --masters and --replicas.")]
    Scale(ScaleArgs),
    /// Planned switchover: a Sentinel group's master without losing an acknowledged write, or a cluster shard's to --to REPLICA
    #[command(after_help = "Examples:
  kubectl redis failover --nodes redis-1:6379,redis-2:6379 --sentinels redis-1:26379,redis-2:26379,redis-3:26379
  kubectl redis failover --sandbox=s --to s-2 --yes
  kubectl redis failover --sandbox=s --dry-run -o json
  kubectl redis failover redis-cluster --to redis-cluster-4     # a cluster: this replica takes over its shard
  kubectl redis failover redis-cluster --shard redis-cluster-0  # its best replica takes over
  kubectl redis failover redis-cluster --shard redis-cluster-0 --force   # the master is dead

Writes pause on the old master (at most --pause-limit) until the replica has them all; then Sentinel
promotes it and the old master follows it at once, so no acknowledged write is lost.")]
    Failover(FailoverArgs),
    /// Role-aware rolling restart: replicas first, then each master after a graceful failover, each waited for
    #[command(after_help = "Examples:
  kubectl redis restart redis-cluster --dry-run
  kubectl redis restart redis-cluster --yes
  kubectl redis restart redis-cluster redis-cluster-2 redis-cluster-5 --yes
  kubectl redis restart --sandbox t-0 t-3 --yes      (with --sandbox or --nodes every name is a member)
  kubectl redis restart redis-cluster --image redis:7.2.5 --yes   # roll out an image (needs updateStrategy OnDelete)

Each member is restarted (a pod deleted for its StatefulSet to recreate; a sandbox's server
process) and waited for until it is a synced replica again. Refused when a master has no in-sync
replica, unless --allow-unavailable. Interrupted (Ctrl-C, a kill) it continues when run again.
With --image the members that already run the image are left out, so a re-run finishes a rollout.")]
    Restart(RestartArgs),
    /// Before `kubectl drain NODE`: fail every master on that Kubernetes node over to a replica elsewhere
    #[command(after_help = "Examples:
  kubectl redis drain-node worker-3 redis-cluster --dry-run
  kubectl redis drain-node worker-3 redis-cluster --yes && kubectl drain worker-3 --ignore-daemonsets

Refused when a master there has no linked replica on another node; the plan names the shards
that keep no replica while the node is away.")]
    DrainNode(DrainNodeArgs),
    /// Run one command on every node (or only masters or replicas): one reply per node
    #[command(after_help = "Examples:
  kubectl redis call redis-cluster -- DBSIZE
  kubectl redis call --sandbox --masters -- INFO keyspace
  kubectl redis call redis-cluster -o json -- CONFIG GET maxmemory*
  kubectl redis call redis-cluster --yes -- CONFIG SET maxmemory-policy allkeys-lru

Commands that change data or a node (the server flags them write; CONFIG SET, SHUTDOWN, ACL SETUSER,
CLUSTER changes…) need --yes. Exit code: 0 when every node replied without an error, 1 otherwise,
4 when no node could be reached.")]
    Call(CallArgs),
    /// A redis-cli on the node that owns a key or slot (or any member), through the tool's own connections
    #[command(after_help = "Examples:
  kubectl redis cli redis-cluster                          # an interactive prompt on a master
  kubectl redis cli redis-cluster --key user:42 -- GET user:42
  kubectl redis cli redis-cluster --slot 1000 --replica -- DBSIZE
  kubectl redis cli redis-cluster --node redis-cluster-3 -- INFO replication
  echo 'SET a 1' | kubectl redis cli --sandbox               # one command per line from stdin
  kubectl redis cli redis-cluster --exec -- MONITOR         # redis-cli in the pod: streams, Ctrl-C ends it
  kubectl redis cli redis-cluster --exec --replica -- --bigkeys

Reaches pods by port-forward where it must, with TLS and the password of the Secret; MOVED and ASK
are followed (said on stderr). Replies print as redis-cli prints them: formatted on a terminal, raw
when piped, one JSON document per reply with -o json. Exit code: 0, or 1 when a reply is an error.
History is kept in the state directory (KUBECTL_REDIS_HISTFILE overrides, /dev/null turns it off);
AUTH, HELLO, ACL SETUSER, MIGRATE and CONFIG SET of secrets are never written to it.

--exec runs redis-cli (or valkey-cli) in the node's pod instead, through the exec subresource (a TTY
when this is a terminal), for what this shell does not do: MONITOR, SUBSCRIBE, --bigkeys, --latency.
The words after -- are redis-cli's own arguments (`-c` is given for a cluster, `--tls` when the tool
uses TLS; certificate paths inside the container are yours to add). The password goes to it on stdin,
never on a command line. It needs pods/exec: `kubectl redis generate rbac --with exec`. On a sandbox
or --nodes, the local redis-cli runs. Exit code: 0, 1 when redis-cli failed, 130 when Ctrl-C ended it.")]
    Cli(CliArgs),
    /// Write a support bundle: Kubernetes objects, every node's INFO, CONFIG (secrets redacted), SLOWLOG, check, journals, logs
    #[command(after_help = "Examples:
  kubectl redis report redis-cluster                       # report-redis-cluster-<UTC time>.zip here
  kubectl redis report redis-cluster -f /tmp/support.zip --logs
  kubectl redis report --sandbox -o json

The zip holds, under one folder: kubernetes/*.yaml (StatefulSet, pods, claims, Services, events,
Lease), nodes/<pod>/{info,cluster-nodes,cluster-info,config,acl,slowlog,latency}.txt, sentinels/<pod>/,
check.json, journals/, and with --logs logs/<pod>/<container>[.previous].log (needs pods/log:
`kubectl redis generate rbac --with logs`). What could not be read is listed in errors.txt.
Secrets are redacted and every known password is scrubbed. Exit 0 once the file is written.")]
    Report(ReportArgs),
    /// Repair what check finds: open slots, uncovered slots, ghost nodes, broken replica links
    #[command(after_help = "Examples:
  kubectl redis fix --nodes redis-1:6379 --dry-run
  kubectl redis check --fix --sandbox --yes")]
    Fix(FixArgs),
    /// Start, list and stop local sandboxes of server processes
    #[command(
        subcommand,
        after_help = "Examples:
  kubectl redis sandbox up --nodes 6                # then: kubectl redis create --sandbox --yes
  kubectl redis sandbox up --sentinel --nodes 3     # a Sentinel group's members and sentinels
  kubectl redis sandbox down"
    )]
    Sandbox(SandboxCommand),
    /// Show the main job on a throw-away sandbox: create, load keys, check, add and remove nodes
    #[command(after_help = "Examples:
  kubectl redis demo
  kubectl redis demo --server /usr/bin/valkey-server --keys 5000
  kubectl redis demo --sentinel")]
    Demo(DemoArgs),
    /// Write or verify deterministic sample keys (for benchmarks and demos)
    #[command(name = "sample-keys", hide = true, subcommand)]
    SampleKeys(SampleKeysCommand),
    /// Print the RBAC manifests the tool needs (`generate rbac`); without a subcommand write completions and man pages
    #[command(after_help = "Examples:
  kubectl redis generate rbac --namespace redis | kubectl apply -f -
  kubectl redis generate --out dist        # completions/, man/ and deploy/rbac.yaml, for packaging")]
    Generate(GenerateArgs),
}

impl Command {
    /// The verb of a command that changes a cluster (it holds the target's lease while it runs).
    pub fn changing_verb(&self) -> Option<&'static str> {
        match self {
            Command::Create(_) => Some("create"),
            Command::AddNode(_) => Some("add-node"),
            Command::DelNode(_) => Some("del-node"),
            Command::Reshard(_) => Some("reshard"),
            Command::Rebalance(_) => Some("rebalance"),
            Command::Scale(_) => Some("scale"),
            Command::Fix(_) => Some("fix"),
            Command::Failover(_) => Some("failover"),
            Command::DrainNode(_) => Some("drain-node"),
            Command::Restart(_) => Some("restart"),
            Command::Check(args) if args.fix => Some("fix"),
            Command::Call(args) if !crate::redis::commands::reads_only(&args.command) => Some("call"),
            _ => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Replicas per master
    #[arg(long, default_value_t = 0, value_name = "N", allow_negative_numbers = true, value_parser = whole(0, MAX_REPLICAS))]
    pub replicas: usize,
    /// Allow fewer than 3 masters (a Sentinel group: fewer than 3 sentinels)
    #[arg(long)]
    pub force: bool,
    /// Form a Sentinel group (--nodes members, the first the master; --sentinels) instead of a cluster
    #[arg(long, help_heading = "Sentinel")]
    pub sentinel: bool,
    /// Sentinel group: how many sentinels must agree that the master is down (default: their majority)
    #[arg(long, value_name = "Q", allow_negative_numbers = true, value_parser = whole(1, 100), help_heading = "Sentinel")]
    pub quorum: Option<usize>,
    /// How long to wait for the nodes to agree, e.g. 60s
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = crate::units::parse)]
    pub wait_timeout: Duration,
    #[arg(long, value_enum, value_name = "UNTIL", default_value = "synced", help = WAIT_HELP)]
    pub wait: WaitUntil,
}

const WAIT_HELP: &str = "What to wait for before the final check: synced (every replica has finished its first sync, so check passes) or serving (every node serves; replicas still syncing are reported)";

/// What a command that adds nodes waits for before it checks the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WaitUntil {
    Synced,
    Serving,
}

/// How the tool reaches the pods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConnectMode {
    /// Direct inside a cluster (in-cluster configuration), port-forward elsewhere
    Auto,
    /// Dial pod IPs
    Direct,
    /// Through the API server (pods/portforward over WebSocket)
    PortForward,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Show the repair plan for what is found, and apply it (same as `fix`)
    #[arg(long, conflicts_with = "watch")]
    pub fix: bool,
    #[command(flatten)]
    pub watch: WatchArgs,
    /// Sentinel group: bytes a replica may trail its master before it is a warning
    #[arg(long, value_name = "BYTES", default_value = "1mb", help_heading = "Sentinel", value_parser = bytes(0))]
    pub max_lag: u64,
    #[command(flatten)]
    pub moving: MoveArgs,
    #[command(flatten)]
    pub group: GroupRepairArgs,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub moving: MoveArgs,
    #[command(flatten)]
    pub group: GroupRepairArgs,
}

/// What `fix` of a Sentinel group may do beyond the obvious.
#[derive(Debug, Args, Clone, Default)]
pub struct GroupRepairArgs {
    /// Sentinel group: the member to keep as master when no majority of sentinels names one
    #[arg(long, value_name = "MEMBER", help_heading = "Sentinel")]
    pub master: Option<String>,
    /// Sentinel group: make this second master a replica although it holds writes (they are dropped; repeatable)
    #[arg(long, value_name = "MEMBER", help_heading = "Sentinel")]
    pub discard_writes_on: Vec<String>,
    /// Sentinel group: repair with the sentinels that answer although they are no majority
    #[arg(long, help_heading = "Sentinel")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct FailoverArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// A cluster: the shard to fail over, named by any of its members (its master or a replica)
    #[arg(long, value_name = "MEMBER")]
    pub shard: Option<String>,
    /// The replica to promote (a Sentinel group: default the one Sentinel picks among those in sync; a cluster: default the linked replica with the least lag)
    #[arg(long, value_name = "MEMBER")]
    pub to: Option<String>,
    /// A cluster whose master no longer answers: promote without it (CLUSTER FAILOVER FORCE; refused while it answers)
    #[arg(long, conflicts_with = "takeover")]
    pub force: bool,
    /// Like --force, without even the other masters' vote (CLUSTER FAILOVER TAKEOVER; refused while the master answers)
    #[arg(long)]
    pub takeover: bool,
    /// Refuse when the replica to promote trails the master by more than this
    #[arg(long, value_name = "BYTES", default_value = "1mb", value_parser = bytes(0))]
    pub max_lag: u64,
    /// Longest time writes stay paused on the old master while the replica catches up and takes over
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = crate::units::parse)]
    pub pause_limit: Duration,
    /// How long to wait for the sentinels to agree on the new master, e.g. 60s
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = crate::units::parse)]
    pub wait_timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Migration {
    /// Atomic where every involved node supports it, else legacy
    Auto,
    /// SETSLOT + MIGRATE batches (every server)
    Legacy,
    /// Server-side CLUSTER MIGRATESLOTS (Valkey 9 and newer)
    Atomic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Pace {
    /// Full speed; clients wait behind every MIGRATE batch (the fastest move)
    Fast,
    /// Each batch busies its nodes about 5 ms and is followed by a 7.5 ms pause (slowest, kindest)
    Gentle,
    /// Fast while no client sends commands; with clients, the busiest pace that leaves them 82-90% of their rate
    Auto,
}

/// How slots move, for every command that moves them.
#[derive(Debug, Args)]
#[command(next_help_heading = "Slot moving")]
pub struct MoveArgs {
    /// How slots move
    #[arg(long, value_enum, default_value = "auto")]
    pub migration: Migration,
    /// How hard moving presses on the nodes, i.e. what clients feel while slots move
    #[arg(long, value_enum, default_value = "auto")]
    pub pace: Pace,
    /// Moves from different sources that run at once (when paced, their batches take turns)
    #[arg(long, value_name = "N", default_value_t = 4, allow_negative_numbers = true, value_parser = whole(1, 256))]
    pub parallel: usize,
    /// Keys per MIGRATE batch (legacy)
    #[arg(long, value_name = "N", default_value_t = 1000, allow_negative_numbers = true, value_parser = whole(1, 1_000_000))]
    pub batch_keys: usize,
    /// Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout
    #[arg(long, value_name = "SIZE", default_value = "8mb", value_parser = bytes(1))]
    pub batch_bytes: u64,
    /// Overwrite keys that exist on the target with other values (identical ones are always replaced)
    #[arg(long)]
    pub replace: bool,
    /// MIGRATE's own I/O timeout per batch (legacy)
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = crate::units::parse)]
    pub migrate_timeout: Duration,
    /// How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s
    #[arg(long, value_name = "DURATION", default_value = "120s", value_parser = crate::units::parse)]
    pub wait_timeout: Duration,
}

impl Default for MoveArgs {
    /// The command line's defaults, for commands that move slots on the user's behalf (demo).
    fn default() -> Self {
        #[derive(Parser)]
        struct Defaults {
            #[command(flatten)]
            moving: MoveArgs,
        }
        Defaults::parse_from(["defaults"]).moving
    }
}

#[derive(Debug, Args)]
pub struct ReshardArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Source masters (pod name, ID, ID prefix or HOST:PORT), or `all` for every other master that owns slots
    #[arg(long, value_name = "NODE[,NODE…]|all", value_delimiter = ',', required = true)]
    pub from: Vec<String>,
    /// The master that receives the slots (pod name, ID, ID prefix or HOST:PORT)
    #[arg(long, value_name = "NODE", required = true)]
    pub to: String,
    /// How many slots to move (exactly; an error if the sources own fewer)
    #[arg(long, value_name = "N", required = true, allow_negative_numbers = true, value_parser = whole(1, 16384))]
    pub slots: usize,
    #[command(flatten)]
    pub moving: MoveArgs,
}

#[derive(Debug, Args)]
pub struct RebalanceArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// A master's weight, NODE=W (repeatable; default 1; 0 drains the master)
    #[arg(long, value_name = "NODE=W")]
    pub weight: Vec<String>,
    /// Only rebalance when some master is off its share by more than PCT percent (0: any difference)
    #[arg(long, value_name = "PCT", default_value_t = 2.0, allow_negative_numbers = true, value_parser = percent)]
    pub threshold: f64,
    /// Give slots to masters that own none
    #[arg(long)]
    pub use_empty_masters: bool,
    #[command(flatten)]
    pub moving: MoveArgs,
}

#[derive(Debug, Args)]
pub struct ScaleArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Masters after the resize (a cluster; a Sentinel group has one)
    #[arg(long, value_name = "M", allow_negative_numbers = true, value_parser = whole(1, 1000))]
    pub masters: Option<usize>,
    /// Replicas per master after the resize (default: as now)
    #[arg(long, value_name = "R", allow_negative_numbers = true, value_parser = whole(0, MAX_REPLICAS))]
    pub replicas: Option<usize>,
    /// Allow fewer than 3 masters
    #[arg(long)]
    pub force: bool,
    /// Also delete the storage (data directory, claims) of removed members
    #[arg(long)]
    pub delete_storage: bool,
    /// A member that remembers another cluster and holds slots or keys may be emptied so it can join (repeatable; --yes alone never allows it)
    #[arg(long, value_name = "MEMBER", value_delimiter = ',')]
    pub discard_data_on: Vec<String>,
    /// Sentinel group whose sentinels run apart: how many sentinels after the resize
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = whole(1, 100), help_heading = "Sentinel")]
    pub sentinel_count: Option<usize>,
    #[arg(long, value_enum, value_name = "UNTIL", default_value = "synced", help = WAIT_HELP)]
    pub wait: WaitUntil,
    #[command(flatten)]
    pub moving: MoveArgs,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub watch: WatchArgs,
}

/// Reading the target again and again.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Read again every --interval until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json
    #[arg(short = 'w', long)]
    pub watch: bool,
    /// Time between two readings with --watch, e.g. 2s, 500ms
    #[arg(long, value_name = "DURATION", default_value = "2s", requires = "watch", value_parser = crate::units::parse)]
    pub interval: Duration,
}

#[derive(Debug, Args)]
pub struct AddNodeArgs {
    /// The node to add: pod name, HOST:PORT (or the ID of a spare node of the target)
    #[arg(value_name = "NODE_ADDR")]
    pub node: String,
    #[command(flatten)]
    pub target: TargetArgs,
    /// Join as a replica of the master chosen by placement, then fewest replicas
    #[arg(long, conflicts_with = "replica_of")]
    pub replica: bool,
    /// Join as a replica of this master (pod name, ID, ID prefix or HOST:PORT)
    #[arg(long, value_name = "NODE")]
    pub replica_of: Option<String>,
    /// Sentinel group: the node is a sentinel, to monitor the group (else a member, to join as a replica)
    #[arg(long, help_heading = "Sentinel")]
    pub sentinel: bool,
    /// How long to wait for the node to learn the cluster (and a replica to sync), e.g. 60s
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = crate::units::parse)]
    pub wait_timeout: Duration,
    #[arg(long, value_enum, value_name = "UNTIL", default_value = "synced", help = WAIT_HELP)]
    pub wait: WaitUntil,
}

#[derive(Debug, Args)]
pub struct DelNodeArgs {
    /// The node to remove: pod name, ID, unique ID prefix or HOST:PORT
    #[arg(value_name = "NODE")]
    pub node: String,
    #[command(flatten)]
    pub target: TargetArgs,
    /// Remove even when another node is unreachable and cannot forget it (a Sentinel group: even when fewer than 3 sentinels, or fewer than the quorum, stay)
    #[arg(long)]
    pub force: bool,
    /// Sentinel group: the node is a sentinel, to stop monitoring the group (else a replica, to leave it)
    #[arg(long, help_heading = "Sentinel")]
    pub sentinel: bool,
}

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Start a sandbox of empty cluster-enabled nodes (or grow, or restart stopped nodes)
    #[command(after_help = "Examples:
  kubectl redis sandbox up --nodes 6
  kubectl redis sandbox up --name valkey --server /usr/bin/valkey-server
  kubectl redis sandbox up --server-arg=--maxmemory --server-arg=100mb
  kubectl redis sandbox up --name s --sentinel --nodes 3              # 3 members, a sentinel beside each
  kubectl redis sandbox up --name s --sentinel --sentinels 3 --separate")]
    Up(SandboxUpArgs),
    /// Stop a sandbox's servers and remove its state
    #[command(after_help = "Examples:
  kubectl redis sandbox down
  kubectl redis sandbox down --name valkey")]
    Down(SandboxNameArgs),
    /// Grow or shrink a sandbox to N members, like `kubectl scale statefulset` (no cluster changes)
    #[command(after_help = "Examples:
  kubectl redis sandbox scale default 8
  kubectl redis sandbox scale default 6 --delete-storage
  kubectl redis sandbox scale s 5 --sentinel      (sentinels of a --separate Sentinel sandbox)

Shrinking stops the highest members and keeps their data directories unless --delete-storage.")]
    Scale(SandboxScaleArgs),
    /// Restart members like deleted pods: they come back on their storage, with --new-ip under a new address
    #[command(after_help = "Examples:
  kubectl redis sandbox restart default 3
  kubectl redis sandbox restart default --new-ip      # every member, like a full rollout that changes pod IPs
  kubectl redis sandbox restart s --sentinel 2 --new-ip --fresh-id   # a sentinel pod without persistent config")]
    Restart(SandboxRestartArgs),
    /// List a sandbox's nodes: addresses, pids, host and zone labels
    #[command(after_help = "Examples:
  kubectl redis sandbox status
  kubectl redis sandbox status --name valkey -o json")]
    Status(SandboxNameArgs),
}

#[derive(Debug, Args)]
pub struct SandboxUpArgs {
    /// Sandbox name
    #[arg(long, default_value = "default")]
    pub name: String,
    /// How many nodes
    #[arg(long = "nodes", value_name = "K", default_value_t = 6, allow_negative_numbers = true, value_parser = whole(1, 254))]
    pub count: usize,
    /// Server binary (redis-server or valkey-server; default: $KUBECTL_REDIS_SERVER, then PATH)
    #[arg(long, value_name = "PATH")]
    pub server: Option<PathBuf>,
    /// Extra server option for every node, e.g. --server-arg=--maxmemory=100mb (repeatable; kept for restarts)
    #[arg(long = "server-arg", value_name = "ARG", allow_hyphen_values = true)]
    pub server_args: Vec<String>,
    /// Standalone members watched by sentinels (a Sentinel group) instead of cluster nodes
    #[arg(long)]
    pub sentinel: bool,
    /// How many sentinels (default: one per member; with --separate, 3)
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = whole(1, 100))]
    pub sentinels: Option<usize>,
    /// Run the sentinels on addresses of their own (a separate workload) instead of beside each member
    #[arg(long)]
    pub separate: bool,
}

#[derive(Debug, Args)]
pub struct RestartArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Members to restart (pod names, IDs, HOST:PORT); default: all
    #[arg(value_name = "MEMBER", num_args = 0.., trailing_var_arg = false)]
    pub members: Vec<String>,
    /// Roll out this image: set it in the pod template (the StatefulSet must have updateStrategy OnDelete) and restart the members that do not run it yet; on a sandbox a server binary
    #[arg(long, value_name = "IMAGE")]
    pub image: Option<String>,
    /// Restart a master that has no in-sync replica too: its shard takes no writes meanwhile
    #[arg(long)]
    pub allow_unavailable: bool,
    /// A replica further behind its master than this is not in sync (not handed over to; not done restarting)
    #[arg(long, value_name = "BYTES", default_value = "1mb", value_parser = bytes(0))]
    pub max_lag: u64,
    /// How long each member gets to serve again, and each failover to happen, e.g. 120s
    #[arg(long, value_name = "DURATION", default_value = "120s", value_parser = crate::units::parse)]
    pub wait_timeout: Duration,
}

#[derive(Debug, Args)]
pub struct DrainNodeArgs {
    /// The Kubernetes node to empty of masters (on a sandbox: its virtual host)
    #[arg(value_name = "K8S_NODE")]
    pub node: String,
    #[command(flatten)]
    pub target: TargetArgs,
    /// Refuse a replica that trails its master by more than this
    #[arg(long, value_name = "BYTES", default_value = "1mb", value_parser = bytes(0))]
    pub max_lag: u64,
    /// How long each failover may take, e.g. 60s
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = crate::units::parse)]
    pub wait_timeout: Duration,
}

#[derive(Debug, Args)]
pub struct CallArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Only the masters
    #[arg(long, conflicts_with = "replicas")]
    pub masters: bool,
    /// Only the replicas
    #[arg(long)]
    pub replicas: bool,
    /// The command and its arguments, after --
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CliArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Start on this member (pod name, node ID, HOST:PORT)
    #[arg(long, value_name = "MEMBER", conflicts_with_all = ["key", "slot"])]
    pub node: Option<String>,
    /// Start on the master that owns this key's slot
    #[arg(long, value_name = "KEY", conflicts_with = "slot")]
    pub key: Option<String>,
    /// Start on the master that owns this slot
    #[arg(long, value_name = "SLOT", value_parser = clap::value_parser!(u16).range(0..16384))]
    pub slot: Option<u16>,
    /// Start on a replica of that master instead (reads with READONLY)
    #[arg(long)]
    pub replica: bool,
    /// Run redis-cli in the node's pod (the exec subresource) instead; the words after -- are its arguments
    #[arg(long)]
    pub exec: bool,
    /// One command to run, after --; without it an interactive prompt (or commands read from stdin)
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// The zip file to write; an existing file is refused (default: report-<target>-<UTC time>.zip here)
    #[arg(short = 'f', long = "file", value_name = "FILE.zip")]
    pub file: Option<PathBuf>,
    /// Also the servers' logs: each pod container's current and previous log, a sandbox's log files
    #[arg(long)]
    pub logs: bool,
}

#[derive(Debug, Args)]
pub struct SandboxScaleArgs {
    /// Sandbox name
    pub name: String,
    /// How many members
    #[arg(value_name = "N", allow_negative_numbers = true, value_parser = whole(1, 254))]
    pub count: usize,
    /// Delete the data directories of removed members
    #[arg(long)]
    pub delete_storage: bool,
    /// N counts the sentinels of a sandbox started with --separate, not the members
    #[arg(long, conflicts_with = "delete_storage")]
    pub sentinel: bool,
}

#[derive(Debug, Args)]
pub struct SandboxRestartArgs {
    /// Sandbox name
    pub name: String,
    /// Members (ordinals) to restart (default: all)
    #[arg(value_name = "MEMBER", allow_negative_numbers = true, value_parser = whole(0, 253))]
    pub members: Vec<usize>,
    /// Bring them back under new loopback addresses, as pods get new IPs
    #[arg(long)]
    pub new_ip: bool,
    /// Restart sentinels (the numbers are sentinel indexes) instead of members
    #[arg(long)]
    pub sentinel: bool,
    /// With --sentinel: start from a blank configuration, so each comes back under a new ID monitoring nothing
    #[arg(long)]
    pub fresh_id: bool,
    /// Make this binary the sandbox's first (like a new image in a pod template): the members restarted run it, the others keep theirs
    #[arg(long, value_name = "PATH", conflicts_with = "sentinel")]
    pub server: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SandboxNameArgs {
    /// Sandbox name
    #[arg(long, default_value = "default")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Server binary (redis-server or valkey-server; default: $KUBECTL_REDIS_SERVER, then PATH)
    #[arg(long, value_name = "PATH")]
    pub server: Option<PathBuf>,
    /// How many sample keys to load
    #[arg(long, default_value_t = 10_000, allow_negative_numbers = true, value_parser = whole(1, 10_000_000))]
    pub keys: usize,
    /// Walk a Sentinel group instead: form it, fail it over under a writer, check and fix it
    #[arg(long)]
    pub sentinel: bool,
}

#[derive(Debug, Subcommand)]
pub enum SampleKeysCommand {
    /// SET sample:0 … sample:N-1 on their slot owners
    Write(SampleKeysArgs),
    /// Exit 1 unless every sample key is present with its value
    Verify(SampleKeysArgs),
}

#[derive(Debug, Args)]
pub struct SampleKeysArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// How many keys
    #[arg(long, default_value_t = 10_000, allow_negative_numbers = true, value_parser = whole(1, 100_000_000))]
    pub count: usize,
    /// Bytes per value
    #[arg(long, default_value_t = 100, allow_negative_numbers = true, value_parser = whole(1, 512 * 1024 * 1024))]
    pub size: usize,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(subcommand)]
    pub what: Option<GenerateWhat>,
    /// Directory that receives completions/, man/ and deploy/rbac.yaml (without a subcommand)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum GenerateWhat {
    /// Print the ServiceAccount, Role and bindings the tool needs, for `kubectl apply -f -`
    #[command(after_help = "Examples:
  kubectl redis generate rbac --namespace redis | kubectl apply -f -
  kubectl redis generate rbac > rbac.yaml && kubectl apply -n redis -f rbac.yaml
  kubectl redis generate rbac -n redis --with logs | kubectl apply -f -   # report --logs too
  kubectl redis generate rbac -n redis --with exec,logs                  # and cli --exec")]
    Rbac(RbacArgs),
}

#[derive(Debug, Args)]
pub struct RbacArgs {
    /// Namespace of the Redis pods: set on every object and on the bindings' subject (default: none, give -n to kubectl apply; the zone ClusterRoleBinding then says redis)
    #[arg(short = 'n', long, value_name = "NAMESPACE")]
    pub namespace: Option<String>,
    /// Also the rules of commands only some operators use: exec (pods/exec, for `cli --exec`), logs (pods/log, for `report --logs`)
    #[arg(long, value_enum, value_name = "EXTRA", value_delimiter = ',')]
    pub with: Vec<RbacExtra>,
}

/// Rules `generate rbac` leaves out unless asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RbacExtra {
    /// pods/exec create and get, for `cli --exec`
    Exec,
    /// pods/log get, for `report --logs`
    Logs,
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Cli;

    /// Whether the words parse, as the binary's own `kubectl-redis WORDS…` would.
    fn parses(words: &str) -> bool {
        Cli::try_parse_from(std::iter::once("kubectl-redis").chain(words.split_whitespace())).is_ok()
    }

    #[test]
    fn every_unit_is_accepted_at_its_bounds_and_refused_past_them() {
        let table = [
            ("check --max-lag 0", true),
            ("check --max-lag 1mb", true),
            ("check --max-lag -1", false),
            ("failover --max-lag 0", true),
            ("restart --max-lag 0b", true),
            ("drain-node n --max-lag 0", true),
            ("check --timeout 1ms", true),
            ("check --timeout 0s", false),
            ("check --timeout 5y", false),
            ("status --watch --interval 1ms", true),
            ("status --watch --interval 0", false),
            ("reshard --slots 1 --from a --to b --batch-bytes 1", true),
            ("reshard --slots 1 --from a --to b --batch-bytes 0", false),
            ("reshard --slots 16384 --from a --to b", true),
            ("reshard --slots 16385 --from a --to b", false),
            ("reshard --slots 0 --from a --to b", false),
            ("rebalance --threshold 0", true),
            ("rebalance --threshold 100", true),
            ("rebalance --threshold 100.5", false),
            ("create --replicas 0", true),
            ("create --replicas -1", false),
        ];
        for (words, ok) in table {
            assert_eq!(parses(words), ok, "{words}");
        }
    }
}
