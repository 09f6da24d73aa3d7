//! The one integration-test binary: every command against real Redis 7.0 and Valkey 9 servers.
//! Scenarios that matter on both servers are written once and instantiated per server below.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use support::{Sandbox, Server, assert_all_keys, cluster_digest, cluster_shape, eventually, query, run_in, write_keys};

macro_rules! on_both_servers {
    ($($scenario:ident),* $(,)?) => {
        mod redis7 {
            $(#[test] fn $scenario() { super::$scenario(super::Server::Redis) })*
        }
        mod valkey9 {
            $(#[test] fn $scenario() { super::$scenario(super::Server::Valkey) })*
        }
    };
}

on_both_servers!(
    create_forms_a_healthy_three_by_one_cluster,
    a_source_failing_over_with_an_open_slot_stops_the_move_and_fix_finishes_it_from_the_new_master,
    add_node_and_del_node_keep_every_key,
    refusals_leave_the_cluster_unchanged,
    check_reports_an_open_slot_with_its_keys,
    reshard_and_rebalance_move_exactly_what_was_planned_and_keep_every_key,
    scale_up_then_down_moves_only_the_new_or_dropped_shards_slots,
    a_statefulset_is_created_and_scaled_through_the_kubernetes_api_and_port_forward,
    acknowledged_writes_survive_every_change_under_live_traffic,
    a_sentinel_group_is_formed_shown_and_failed_over_under_live_writes_without_losing_an_acknowledged_write,
    stale_entries_of_a_replica_and_of_a_sentinel_that_came_back_under_new_addresses_are_found_and_cleared,
    a_second_master_holding_data_is_demoted_only_when_named_and_split_sentinels_need_a_named_master,
    a_wrong_auth_pass_and_drifted_settings_are_repaired_and_a_stopped_sentinel_does_not_stall_status,
    a_sentinel_group_scales_from_3_to_5_and_back_with_its_master_among_the_leaving_under_live_writes,
    a_bitnami_sentinel_statefulset_is_checked_failed_over_and_scaled_through_port_forward,
    sentinels_in_a_deployment_of_their_own_are_found_through_its_selector_and_port_forward,
    add_node_joins_a_member_as_a_replica_and_a_sentinel_to_a_group_given_by_address,
    priorities_a_killed_switchover_steered_are_restored_by_the_next_changing_run,
    a_group_that_announces_per_pod_service_cluster_ips_is_shown_by_pod_and_failed_over_by_those_addresses,
    a_sentinel_statefulset_is_formed_and_joined_pod_by_pod_through_the_kubernetes_api,
    call_runs_one_command_on_every_node_and_changes_need_yes,
    cli_starts_on_a_keys_master_or_its_replica_follows_moved_and_reads_piped_commands,
    a_shard_fails_over_by_name_a_dead_master_only_by_force_and_drain_node_empties_a_host_of_masters,
    a_rolling_restart_under_live_writes_loses_none_and_fails_under_a_hundredth_of_a_kubectl_style_restart,
);

fn create_forms_a_healthy_three_by_one_cluster(server: Server) {
    let sb = Sandbox::start(server, 6);
    let run = sb.run(&["create", &sb.target(), "--replicas", "1", "--yes", "-o", "json"]).expect(0);
    let doc = run.json();
    assert_eq!(doc["outcome"], "applied");
    assert_eq!(doc["plan"]["placement"]["status"], "optimal");
    // By default it returns once every replica has synced: `create && check` passes.
    assert_eq!(doc["check"]["healthy"], true, "{doc}");
    sb.run(&["check", &sb.target()]).expect(0);

    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    assert_eq!(
        (status["masters"].as_u64(), status["replicas"].as_u64(), status["slots_covered"].as_u64()),
        (Some(3), Some(3), Some(16384))
    );
    for node in status["nodes"].as_array().unwrap() {
        assert_eq!(node["reachable"], true);
        if node["role"] == "replica" {
            assert_eq!(node["link"], "up", "{node}");
        }
    }
    let check = sb.run(&["check", &sb.target()]).expect(0);
    assert!(check.stdout.contains("OK: the cluster is healthy"), "{}", check.stdout);

    // Re-running the same command converges: nothing left to do, still healthy.
    let again = sb.run(&["create", &sb.target(), "--replicas", "1", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(again["outcome"], "nothing-to-do");

    // A planned failover of one shard: the named replica takes over, the old master follows it.
    let keys = write_keys(&sb.addrs[0], 300);
    let replica = status["nodes"].as_array().unwrap().iter().find(|n| n["role"] == "replica").unwrap();
    let (name, addr) = (replica["name"].as_str().unwrap(), replica["addr"].as_str().unwrap());
    sb.run(&["failover", &sb.target(), "--to", "t-0", "--yes"]).expect(if name == "t-0" { 0 } else { 2 });
    sb.run(&["failover", &sb.target(), "--to", name, "--yes"]).expect(0);
    let info: String = query(&mut support::connect(addr), &["INFO", "replication"]);
    assert!(info.contains("role:master"), "{name} did not take over: {info}");
    sb.run(&["check", &sb.target()]).expect(0);
    assert_all_keys(&sb.addrs[0], &keys);
}

/// `--views digest` reads a digest from every node and a full view only per distinct digest: one
/// on a healthy cluster. A master made to forget another (a node ignores a forgotten ID for 60 s)
/// sees a slot map of its own, and is named as both ways of reading name it. Redis only: Valkey
/// 8+ passes a FORGET on to the other nodes, so there it changes the whole cluster's view.
#[test]
fn a_view_that_differs_on_thirty_nodes_is_found_reading_one_full_view_per_distinct_digest() {
    let sb = Sandbox::start(Server::Redis, 30);
    sb.create(1);
    let check =
        |views: &str, code: i32| sb.run(&["check", "--nodes", &sb.addrs[0], "--views", views, "-vv", "-o", "json"]).expect(code);
    let healthy = check("digest", 0);
    assert!(healthy.stderr.contains("round 1: 1 new distinct view(s) parsed"), "{}", healthy.stderr);
    assert!(healthy.stderr.contains("round 2: 0 new distinct view(s) parsed"), "{}", healthy.stderr);
    assert!(!healthy.stderr.contains("digest not seen before"), "{}", healthy.stderr);

    let masters: Vec<usize> = (0..sb.addrs.len()).filter(|i| is_master(&sb, *i)).collect();
    let (forgetful, forgotten) = (masters[masters.len() - 1], masters[1]);
    let forgotten_id: String = query(&mut sb.conn(forgotten), &["CLUSTER", "MYID"]);
    query::<()>(&mut sb.conn(forgetful), &["CLUSTER", "FORGET", &forgotten_id]);

    let named = |run: &support::Run| -> Vec<String> {
        let doc = run.json();
        let findings = doc["findings"].as_array().unwrap().iter();
        findings.filter(|f| f["code"] == "slot-map-disagreement").map(|f| f["node"].as_str().unwrap().to_owned()).collect()
    };
    let digest = check("digest", 11);
    assert!(digest.stderr.contains("round 2: 1 node(s) answered a digest not seen before"), "{}", digest.stderr);
    assert!(digest.stderr.contains("round 2: 1 new distinct view(s) parsed"), "{}", digest.stderr);
    let disagreeing = named(&digest);
    assert_eq!(disagreeing.len(), 1, "{}", digest.stdout);
    assert!(disagreeing[0].contains(&sb.addrs[forgetful]), "{disagreeing:?}");
    assert_eq!(named(&check("full", 11)), disagreeing, "both ways of reading find the same");

    // A user who may not run scripts gets full views instead of digests, and the same finding.
    for i in 0..sb.addrs.len() {
        query::<()>(&mut sb.conn(i), &["ACL", "SETUSER", "viewer", "on", ">viewer-pass", "~*", "+@all", "-@scripting"]);
    }
    let args = ["check", "--nodes", &sb.addrs[0], "--views", "digest", "--redis-user", "viewer", "-o", "json"];
    let without_scripts = sb.run_env(&args, &[("REDISCLI_AUTH", "viewer-pass")]).expect(11);
    assert_eq!(named(&without_scripts), disagreeing);
}

fn add_node_and_del_node_keep_every_key(server: Server) {
    let mut sb = Sandbox::start(server, 6);
    sb.create(1);
    let keys = write_keys(&sb.addrs[0], 2000);
    sb.grow(8);

    let master = sb.run(&["add-node", &sb.addrs[6], &sb.target(), "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(master["outcome"], "applied");
    let replica = sb.run(&["add-node", &sb.addrs[7], "--replica", &sb.target(), "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(replica["plan"]["placement"]["status"], "optimal", "{replica}");
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    assert_eq!((status["masters"].as_u64(), status["replicas"].as_u64()), (Some(4), Some(4)));
    // The new node knows the whole slot map as soon as add-node returns.
    let slots: Vec<redis::Value> = query(&mut sb.conn(7), &["CLUSTER", "SLOTS"]);
    assert_eq!(slots.len(), 3);
    assert_all_keys(&sb.addrs[0], &keys);

    // Adding it again is a no-op; removing the empty master and then a replica keeps every key.
    let again = sb.run(&["add-node", &sb.addrs[6], &sb.target(), "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(again["outcome"], "nothing-to-do");
    sb.run(&["del-node", &sb.addrs[6], &sb.target(), "--yes"]).expect(0);
    let victim =
        status["nodes"].as_array().unwrap().iter().find(|n| n["role"] == "replica" && n["addr"] != sb.addrs[7].as_str()).unwrap();
    let victim_id = &victim["id"].as_str().unwrap()[..8];
    sb.run(&["del-node", victim_id, &sb.target(), "--yes"]).expect(0);
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    assert_eq!((status["masters"].as_u64(), status["replicas"].as_u64()), (Some(3), Some(3)));
    assert_eq!(status["spare"].as_array().unwrap().len(), 2, "removed nodes are reset and alone: {status}");
    assert_all_keys(&sb.addrs[0], &keys);
    sb.run(&["check", &sb.target()]).expect(10); // a master lost its only replica: warning
    sb.run(&["del-node", &sb.addrs[6], &sb.target(), "--yes"]).expect(0);
}

fn call_runs_one_command_on_every_node_and_changes_need_yes(server: Server) {
    let sb = Sandbox::start(server, 6);
    sb.create(1);
    let t = sb.target();
    let call = |extra: &[&str], command: &[&str]| sb.run(&[&["call", &t][..], extra, &["--"], command].concat());
    let doc = call(&["-o", "json"], &["DBSIZE"]).expect(0).json();
    let nodes = doc["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 6, "{doc}");
    assert!(nodes.iter().all(|n| n["reply"] == 0 && n["name"].as_str().unwrap().starts_with("t-")), "{doc}");
    let roles = |flag: &str| -> Vec<String> {
        let doc = call(&[flag, "-o", "json"], &["ROLE"]).expect(0).json();
        doc["nodes"].as_array().unwrap().iter().map(|n| n["reply"][0].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(roles("--masters"), ["master"; 3]);
    assert_eq!(roles("--replicas"), ["slave"; 3]);
    let table = call(&["--masters"], &["PING"]).expect(0);
    assert_eq!(table.stdout.matches("PONG").count(), 3, "{}", table.stdout);

    // Writes and configuration changes need --yes; without a terminal they are refused, unchanged.
    let refused = call(&[], &["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"]).expect(3);
    assert!(refused.stderr.contains("CONFIG SET") && refused.stderr.contains("--yes"), "{}", refused.stderr);
    call(&[], &["SET", "k", "v"]).expect(3);
    for addr in &sb.addrs {
        let policy: Vec<String> = query(&mut support::connect(addr), &["CONFIG", "GET", "maxmemory-policy"]);
        assert_ne!(policy[1], "allkeys-lru", "a refused CONFIG SET changed {addr}");
        assert_eq!(query::<i64>(&mut support::connect(addr), &["DBSIZE"]), 0, "a refused SET wrote to {addr}");
    }
    call(&["--yes"], &["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"]).expect(0);
    let policies = call(&["-o", "json"], &["CONFIG", "GET", "maxmemory-policy"]).expect(0).json();
    assert!(
        policies["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["reply"]["maxmemory-policy"] == "allkeys-lru" || n["reply"][1] == "allkeys-lru"),
        "{policies}"
    );
    // Secret parameters are never shown, and the command's arguments are not echoed.
    let set = call(&["--yes"], &["CONFIG", "SET", "masterauth", "hunter2-never-shown"]).expect(0);
    let got = call(&[], &["CONFIG", "GET", "masterauth"]).expect(0);
    for text in [&set.stdout, &set.stderr, &got.stdout, &got.stderr] {
        assert!(!text.contains("hunter2-never-shown"), "the secret was shown: {text}");
    }
    assert!(got.stdout.contains("(redacted)"), "{}", got.stdout);
    call(&["--yes"], &["CONFIG", "SET", "masterauth", ""]).expect(0);

    // Whether a command changes anything is decided from its words, never by asking a node: with
    // the first node stopped, FLUSHALL and a writing script are still refused and every key stays.
    let keys = write_keys(&sb.addrs[0], 200);
    sb.signal(0, "-STOP");
    let flush = call(&["--timeout", "1s"], &["FLUSHALL"]);
    let script = call(&["--timeout", "1s"], &["EVAL", "return redis.call('flushall')", "0"]);
    sb.signal(0, "-CONT");
    assert!(flush.expect(3).stderr.contains("FLUSHALL"));
    assert!(script.expect(3).stderr.contains("EVAL"));
    assert_all_keys(&sb.addrs[1], &keys);
    call(&["--masters", "--yes"], &["FLUSHALL"]).expect(0);

    // An error reply on some nodes is exit 1, each shown as the server said it.
    let moved = call(&["--masters", "-o", "json"], &["GET", "somekey"]).expect(1).json();
    let errors = moved["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["reply"]["error"].as_str().is_some_and(|e| e.starts_with("MOVED")))
        .count();
    assert_eq!(errors, 2, "{moved}");
    // A stopped node is reported, not waited for.
    sb.signal(5, "-STOP");
    let started = Instant::now();
    let stopped = call(&["--timeout", "1s", "-o", "json"], &["PING"]).expect(1).json();
    sb.signal(5, "-CONT");
    assert!(started.elapsed() < Duration::from_secs(15));
    let unreachable = stopped["nodes"].as_array().unwrap().iter().filter(|n| n["reply"]["unreachable"].is_string()).count();
    assert_eq!(unreachable, 1, "{stopped}");
}

/// A key whose slot `owner` does not serve, and one it does.
fn keys_off_and_on(entry: &str, owner: &str) -> (String, String) {
    let key = |on: bool| (0..).map(|i| format!("key:{i}")).find(|k| (support::slot_owner(entry, k) == owner) == on).unwrap();
    (key(false), key(true))
}

fn cli_starts_on_a_keys_master_or_its_replica_follows_moved_and_reads_piped_commands(server: Server) {
    let sb = Sandbox::start(server, 6);
    sb.create(1);
    let t = sb.target();
    let status = sb.run(&["status", &t, "-o", "json"]).expect(0).json();
    let first =
        status["nodes"].as_array().unwrap().iter().find(|n| n["role"] == "master").unwrap()["addr"].as_str().unwrap().to_owned();
    let (elsewhere, _) = keys_off_and_on(&first, &first);
    let owner = support::slot_owner(&first, &elsewhere);

    // Static nodes: the node named answers MOVED, which is followed and said on stderr.
    let set = sb.run(&["cli", "--nodes", &first, "--node", &first, "--", "SET", &elsewhere, "v 1"]).expect(0);
    assert_eq!(set.stdout, "OK\n");
    assert!(set.stderr.contains("-> Redirected to slot [") && set.stderr.contains(&owner), "{}", set.stderr);
    // --key starts on the owner: no redirection; piped output is raw as redis-cli's.
    let get = sb.run(&["cli", &t, "--key", &elsewhere, "--", "GET", &elsewhere]).expect(0);
    assert_eq!((get.stdout.as_str(), get.stderr.as_str()), ("v 1\n", ""));
    let slot: i64 = query(&mut support::connect(&first), &["CLUSTER", "KEYSLOT", &elsewhere]);
    let doc = sb.run(&["cli", &t, "--slot", &slot.to_string(), "-o", "json", "--", "GET", &elsewhere]).expect(0).json();
    assert_eq!((doc["reply"].as_str(), doc["addr"].as_str()), (Some("v 1"), Some(owner.as_str())), "{doc}");
    // --replica reads on a replica of that master (READONLY), once the write has reached it.
    let on_replica =
        || sb.run(&["cli", &t, "--key", &elsewhere, "--replica", "-o", "json", "--", "GET", &elsewhere]).expect(0).json();
    assert!(eventually(Duration::from_secs(10), || on_replica()["reply"] == "v 1"), "{}", on_replica());
    let replica = on_replica()["addr"].as_str().unwrap().to_owned();
    let role: Vec<redis::Value> = query(&mut support::connect(&replica), &["ROLE"]);
    assert_eq!(role[0], redis::Value::BulkString(b"slave".to_vec()), "{replica} is a replica");

    // Commands piped in, one per line; an error reply goes to stderr and makes the exit code 1.
    let piped = sb.run_with_stdin(&["cli", &t], "SET n 1\nINCR n\nLPUSH n x\n\"GET\" 'n'\n").expect(1);
    assert_eq!(piped.stdout, "OK\n2\n2\n");
    assert!(piped.stderr.contains("(error) WRONGTYPE"), "{}", piped.stderr);
    // An error reply to the one command is exit 1 too; a streaming command is answered, not hung on.
    sb.run(&["cli", &t, "--", "NO-SUCH-COMMAND"]).expect(1);
    let monitor = sb.run(&["cli", &t, "--", "MONITOR"]).expect(1);
    assert!(monitor.stderr.contains("MONITOR streams replies"), "{}", monitor.stderr);

    // --exec: the local redis-cli on the node (-c follows MOVED), stdin and stdout its own.
    let exec = sb.run(&["cli", "--nodes", &first, "--node", &first, "--exec", "--", "GET", &elsewhere]).expect(0);
    assert_eq!(exec.stdout, "v 1\n", "{}", exec.stderr);
    let piped = sb.run_with_stdin(&["cli", &t, "--key", &elsewhere, "--exec"], &format!("APPEND {elsewhere} !\n")).expect(0);
    assert_eq!(piped.stdout, "4\n", "{}", piped.stderr);
}

#[test]
fn cli_through_port_forward_follows_moved_to_another_pod_and_ask_during_a_slot_migration() {
    let kube = support::kube::FakeKube::start(Server::Redis, 3);
    kube.run(&["create", "--replicas", "0", "--yes"]).expect(0);
    let addrs = kube.sandbox.addrs.clone();
    let (elsewhere, here) = keys_off_and_on(&addrs[0], &addrs[0]);
    let owner = addrs.iter().position(|a| *a == support::slot_owner(&addrs[0], &elsewhere)).unwrap();
    let pod = format!("redis-cluster-{owner}");
    let forwarded = kube.forwarded_to(&pod);
    let set = kube.run_command(&["cli", "--node", "redis-cluster-0"], &["SET", &elsewhere, "there"]).expect(0);
    assert!(set.stderr.contains(&format!("located at {pod} (")), "{}", set.stderr);
    assert!(kube.forwarded_to(&pod) > forwarded, "the redirection reached {pod} through port-forward");
    assert_eq!(query::<String>(&mut support::connect(&addrs[owner]), &["GET", &elsewhere]), "there");

    // Migrate `here`'s slot from pod 0 to pod 1 by hand and move the key: pod 0 answers ASK.
    kube.run_command(&["cli", "--node", "redis-cluster-0"], &["SET", &here, "moving"]).expect(0);
    let slot: i64 = query(&mut support::connect(&addrs[0]), &["CLUSTER", "KEYSLOT", &here]);
    let id = |i: usize| query::<String>(&mut support::connect(&addrs[i]), &["CLUSTER", "MYID"]);
    let setslot = |i: usize, how: &str, to: usize| {
        query::<()>(&mut support::connect(&addrs[i]), &["CLUSTER", "SETSLOT", &slot.to_string(), how, &id(to)]);
    };
    setslot(1, "IMPORTING", 0);
    setslot(0, "MIGRATING", 1);
    let (host, port) = addrs[1].rsplit_once(':').unwrap();
    query::<()>(&mut support::connect(&addrs[0]), &["MIGRATE", host, port, &here, "0", "5000"]);
    let get = kube.run_command(&["cli", "--key", &here], &["GET", &here]).expect(0);
    assert_eq!(get.stdout, "moving\n");
    assert!(get.stderr.contains(&format!("-> Asked to slot [{slot}] at redis-cluster-1")), "{}", get.stderr);
    kube.run_command(&["cli", "--key", &here], &["SET", &here, "moved"]).expect(0);
    setslot(1, "NODE", 1);
    setslot(0, "NODE", 1);
    assert!(eventually(Duration::from_secs(10), || kube.run(&["check"]).code == 0), "the slot move was not closed");
    let get = kube.run_command(&["cli", "--node", "redis-cluster-0"], &["GET", &here]).expect(0);
    assert_eq!(get.stdout, "moved\n");
    assert!(get.stderr.contains("located at redis-cluster-1"), "{}", get.stderr);
}

/// A connection to `addr` that has authenticated with `password`.
fn authed(addr: &str, password: &str) -> redis::Connection {
    let mut conn = support::connect(addr);
    query::<()>(&mut conn, &["AUTH", password]);
    conn
}

#[test]
fn cli_exec_runs_the_client_in_the_pod_with_the_password_on_its_stdin_never_on_a_command_line() {
    // Valkey's image has valkey-cli and no redis-cli: the pod's shell finds it.
    let kube = support::kube::FakeKube::start(Server::Valkey, 3);
    kube.run(&["create", "--replicas", "0", "--yes"]).expect(0);
    let addrs = kube.sandbox.addrs.clone();
    let (elsewhere, here) = keys_off_and_on(&addrs[0], &addrs[0]);
    let owner = support::slot_owner(&addrs[0], &elsewhere);
    let password = "exec-pass-7d2a";
    kube.require_password(password);

    // Without pods/exec: refused, with the rule that grants it.
    let refused = kube.run_command(&["cli", "--exec"], &["PING"]).expect(3);
    assert!(refused.stderr.contains("kubectl redis generate rbac --with exec"), "{}", refused.stderr);
    let rbac = run_in(kube.sandbox.state.path(), &["generate", "rbac", "--with", "exec"], &[]).expect(0);
    kube.enforce_rules(&rbac.stdout);

    // In pod 0, the client (given -c) follows MOVED to another pod by itself.
    let set = kube.run_command(&["cli", "--node", "redis-cluster-0", "--exec"], &["SET", &elsewhere, "from the pod"]).expect(0);
    assert_eq!(set.stdout, "OK\n", "{}", set.stderr);
    assert_eq!(query::<String>(&mut authed(&owner, password), &["GET", &elsewhere]), "from the pod");
    // Commands piped in: the caller's stdin follows the password line and ends the client.
    let args = kube.args(&["cli", "--node", "redis-cluster-0", "--exec"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let piped = kube.sandbox.run_with_stdin(&args, &format!("SET {here} 1\nINCR {here}\nDBSIZE\n")).expect(0);
    assert_eq!(piped.stdout, "OK\n2\n1\n", "{}", piped.stderr);
    // The client's own exit code: an option it does not know is 1.
    kube.run_command(&["cli", "--exec"], &["--no-such-option"]).expect(1);

    // MONITOR streams what the node does until the tool is stopped, which ends it in the pod too.
    let mut args = kube.args(&["cli", "--node", "redis-cluster-0", "--exec"]);
    args.extend(["--".to_owned(), "MONITOR".to_owned()]);
    let mut monitor = kube.sandbox.spawn(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let lines = support::lines_of(monitor.stdout.take().unwrap());
    let mut node = authed(&addrs[0], password);
    let seen = eventually(Duration::from_secs(20), || {
        query::<()>(&mut node, &["SET", &here, "watched"]);
        lines.lock().unwrap().iter().any(|l| l.contains(&format!("\"SET\" \"{here}\" \"watched\"")))
    });
    assert!(seen, "MONITOR showed: {:?}", lines.lock().unwrap());
    let monitors = |node: &mut redis::Connection| query::<String>(node, &["CLIENT", "LIST"]).matches("cmd=monitor").count();
    assert_eq!(monitors(&mut node), 1);
    monitor.kill().unwrap();
    monitor.wait().unwrap();
    assert!(eventually(Duration::from_secs(10), || monitors(&mut node) == 0), "the client in the pod outlived the tool");

    // The password was never on a command line: no request the API server got holds it.
    let requests = kube.requests();
    assert!(requests.iter().any(|r| r.starts_with("EXEC pods/redis-cluster-0 -c redis sh -c")), "{requests:?}");
    assert!(requests.iter().all(|r| !r.contains(password)), "{requests:?}");
    for out in [&set.stdout, &set.stderr, &piped.stdout, &piped.stderr] {
        assert!(!out.contains(password));
    }
}

#[test]
fn cli_exec_on_a_terminal_gives_the_pod_a_terminal_that_never_shows_the_password() {
    let kube = support::kube::FakeKube::start(Server::Redis, 3);
    kube.run(&["create", "--replicas", "0", "--yes"]).expect(0);
    let addrs = kube.sandbox.addrs.clone();
    let (_, here) = keys_off_and_on(&addrs[1], &addrs[1]);
    let password = "tty-pass-41bb";
    kube.require_password(password);
    kube.enforce_rules(&run_in(kube.sandbox.state.path(), &["generate", "rbac", "--with", "exec"], &[]).expect(0).stdout);
    let args = kube.args(&["cli", "--node", "redis-cluster-1", "--exec"]);
    let mut term =
        support::pty::Terminal::spawn(kube.sandbox.state.path(), &args.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    // redis-cli's own prompt and line editing, in the pod's terminal.
    let prompt = format!("{}> ", addrs[1]);
    term.wait_for(&prompt, 1, Duration::from_secs(30));
    term.type_keys(&format!("SET {here} typed\r"));
    term.wait_for("OK", 1, Duration::from_secs(10));
    term.wait_for(&prompt, 2, Duration::from_secs(10));
    term.type_keys("exit\r");
    assert_eq!(term.exit_code(Duration::from_secs(10)), 0, "{}", term.screen());
    assert!(!term.screen().contains(password), "{}", term.screen());
    assert_eq!(query::<String>(&mut authed(&addrs[1], password), &["GET", &here]), "typed");

    // MONITOR on the terminal: Ctrl-C goes to redis-cli in the pod, which ends; so does the tool, 130.
    let mut args = args.clone();
    args.extend(["--".to_owned(), "MONITOR".to_owned()]);
    let mut term =
        support::pty::Terminal::spawn(kube.sandbox.state.path(), &args.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    term.wait_for("OK", 1, Duration::from_secs(30));
    query::<()>(&mut authed(&addrs[1], password), &["SET", &here, "watched"]);
    term.wait_for("\"watched\"", 1, Duration::from_secs(10));
    term.type_keys("\x03");
    assert_eq!(term.exit_code(Duration::from_secs(10)), 130, "{}", term.screen());
    let requests = kube.requests();
    assert!(requests.iter().all(|r| !r.contains(password)), "{requests:?}");
}

#[test]
fn idle_port_forward_and_exec_streams_outlive_the_timeout() {
    use std::io::Write;
    let kube = support::kube::FakeKube::start(Server::Redis, 3);
    kube.run(&["create", "--replicas", "0", "--yes"]).expect(0);
    kube.enforce_rules(&run_in(kube.sandbox.state.path(), &["generate", "rbac", "--with", "exec"], &[]).expect(0).stdout);
    let addrs = kube.sandbox.addrs.clone();
    let (_, here) = keys_off_and_on(&addrs[0], &addrs[0]);
    // A cli session through port-forward, idle for longer than --timeout (5 s) between two commands.
    let args = kube.args(&["cli", "--node", "redis-cluster-0"]);
    let mut cli = kube.sandbox.spawn_with_stdin(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let mut stdin = cli.stdin.take().unwrap();
    writeln!(stdin, "SET {here} before-the-pause").unwrap();
    std::thread::sleep(Duration::from_secs(12));
    writeln!(stdin, "GET {here}").unwrap();
    drop(stdin);
    let run = support::wait_with_limit(cli, Duration::from_secs(30)).expect(0);
    assert_eq!(run.stdout, "OK\nbefore-the-pause\n", "{}", run.stderr);

    // MONITOR in the pod through exec sees a write made after 10 quiet seconds.
    let mut args = kube.args(&["cli", "--node", "redis-cluster-0", "--exec"]);
    args.extend(["--".to_owned(), "MONITOR".to_owned()]);
    let mut monitor = kube.sandbox.spawn(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let lines = support::lines_of(monitor.stdout.take().unwrap());
    assert!(eventually(Duration::from_secs(20), || !lines.lock().unwrap().is_empty()), "MONITOR did not start");
    std::thread::sleep(Duration::from_secs(10));
    query::<()>(&mut support::connect(&addrs[0]), &["SET", &here, "after-the-pause"]);
    let seen = eventually(Duration::from_secs(5), || lines.lock().unwrap().iter().any(|l| l.contains("after-the-pause")));
    monitor.kill().unwrap();
    let _ = monitor.wait();
    assert!(seen, "MONITOR showed: {:?}", lines.lock().unwrap());
}

#[test]
fn cli_on_a_sentinel_group_starts_on_its_master_or_a_replica_and_has_no_slots() {
    let (sb, _sentinels) = Sandbox::start_group(Server::Redis, 3, None);
    let t = sb.target();
    let role = |extra: &[&str]| sb.run(&[&["cli", &t][..], extra, &["--", "ROLE"]].concat()).expect(0).stdout;
    assert!(role(&[]).starts_with("master\n"));
    assert!(role(&["--replica"]).starts_with("slave\n"));
    assert!(role(&["--node", "g-2"]).starts_with("slave\n"));
    sb.run(&["cli", &t, "--", "SET", "k", "v"]).expect(0);
    assert_eq!(query::<String>(&mut support::connect(&sb.addrs[0]), &["GET", "k"]), "v");
    let refused = sb.run(&["cli", &t, "--key", "k", "--", "GET", "k"]).expect(2);
    assert!(refused.stderr.contains("has no slots"), "{}", refused.stderr);

    // A report of the group: members without CLUSTER files, sentinels, the group's verdict, logs.
    let zip = sb.state.path().join("group.zip");
    sb.run(&["report", &t, "-f", zip.to_str().unwrap(), "--logs"]).expect(0);
    let files = unzip(&zip);
    assert!(files["group/nodes/g-0/info.txt"].contains("role:master"), "{:?}", files.keys());
    assert!(files["group/sentinels/g-1/sentinel-masters.txt"].contains("mymaster"));
    assert!(files["group/logs/g-2/sentinel.log"].contains("monitor master"), "{:?}", files.keys());
    assert!(!files.keys().any(|k| k.contains("cluster-nodes")) && !files.contains_key("group/errors.txt"), "{:?}", files.keys());
    let check: serde_json::Value = serde_json::from_str(&files["group/check.json"]).unwrap();
    assert_eq!(check["healthy"], true, "{check}");
}

/// Every file of a zip by name, decompressed.
fn unzip(path: &std::path::Path) -> BTreeMap<String, String> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().unwrap().to_string(), text)
        })
        .collect()
}

#[test]
fn report_bundles_objects_nodes_check_and_logs_with_no_secret_anywhere_in_the_zip() {
    let kube = support::kube::FakeKube::start(Server::Redis, 3);
    kube.run(&["create", "--replicas", "0", "--yes"]).expect(0);
    let password = "report-pass-5c1e";
    kube.require_password(password);
    kube.add_literal_env("ADMIN_PASSWORD", "plain-env-secret-9");
    // A secret in every other place one can hide: a masterauth the tool does not know, an ACL
    // user's password (and so its hash) set by a command the slow log keeps, a URL's password, a
    // Secret's other key copied into a variable of an innocent name, a private key.
    let mut conn = support::connect_as(&kube.sandbox.addrs[0], Some(password));
    support::query::<()>(&mut conn, &["CONFIG", "SET", "slowlog-log-slower-than", "0"]);
    support::query::<()>(&mut conn, &["CONFIG", "SET", "masterauth", "masterauth-secret-1a"]);
    support::query::<()>(&mut conn, &["ACL", "SETUSER", "bob", "on", ">bob-secret-2b", "~*", "+@all"]);
    let bob: Vec<redis::Value> = support::query(&mut conn, &["ACL", "GETUSER", "bob"]);
    let hash = format!("{bob:?}").split('"').find(|w| w.len() == 64).map(str::to_owned).expect("bob's password hash");
    kube.add_literal_env("REDIS_URL", "redis://app:url-secret-3c@redis:6379/0");
    kube.put_secret("redis-cluster", &[("redis-password", password), ("backup-token", "secret-data-4d")]);
    kube.add_literal_env("BACKUP_TARGET", "secret-data-4d");
    kube.add_literal_env("TLS_MATERIAL", "-----BEGIN PRIVATE KEY-----\nMIIEtls-key-5e\n-----END PRIVATE KEY-----");
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.zip");

    // --logs without pods/log: the bundle is written; the logs are listed as not read.
    let run = kube.run(&["report", "-f", first.to_str().unwrap(), "--logs"]).expect(0);
    assert!(run.stderr.contains("could not be read (listed in errors.txt)"), "{}", run.stderr);
    let files = unzip(&first);
    for name in [
        "kubernetes/statefulset.yaml",
        "kubernetes/pods.yaml",
        "kubernetes/persistentvolumeclaims.yaml",
        "kubernetes/services.yaml",
        "kubernetes/events.yaml",
        "kubernetes/lease.yaml",
        "nodes/redis-cluster-0/info.txt",
        "nodes/redis-cluster-1/cluster-nodes.txt",
        "nodes/redis-cluster-2/config.txt",
        "nodes/redis-cluster-2/slowlog.txt",
        "nodes/redis-cluster-2/latency.txt",
        "check.json",
        "report.json",
    ] {
        assert!(files.contains_key(&format!("first/{name}")), "{name} is missing: {:?}", files.keys());
    }
    assert!(files["first/errors.txt"].contains("pods/log"), "{}", files["first/errors.txt"]);
    assert!(files["first/nodes/redis-cluster-2/config.txt"].contains("requirepass (redacted)"));
    assert!(files["first/nodes/redis-cluster-0/info.txt"].contains("cluster_enabled:1"));
    assert!(files["first/kubernetes/pods.yaml"].contains("ADMIN_PASSWORD"));
    assert!(files["first/kubernetes/persistentvolumeclaims.yaml"].contains("data-redis-cluster-2"));
    let check: serde_json::Value = serde_json::from_str(&files["first/check.json"]).unwrap();
    assert_eq!(check["healthy"], true, "{check}");
    let raw = String::from_utf8_lossy(&std::fs::read(&first).unwrap()).into_owned();
    assert!(files["first/nodes/redis-cluster-0/acl.txt"].contains("user bob on #(redacted)"), "{:?}", files.keys());
    assert!(files["first/nodes/redis-cluster-0/slowlog.txt"].contains("SETUSER"));
    assert!(files["first/kubernetes/pods.yaml"].contains("redis://app:(redacted)@redis"));
    let planted = ["masterauth-secret-1a", "bob-secret-2b", &hash, "url-secret-3c", "secret-data-4d", "tls-key-5e"];
    for secret in [password, "plain-env-secret-9"].into_iter().chain(planted) {
        assert!(!raw.contains(secret), "the zip's bytes hold {secret}");
        let holding: Vec<&String> = files.iter().filter(|(_, text)| text.contains(secret)).map(|(name, _)| name).collect();
        assert!(holding.is_empty(), "{secret} is in {holding:?}");
    }

    // With the rules `generate rbac --with logs` prints, the logs come too; nothing is missing.
    let rbac = run_in(kube.sandbox.state.path(), &["generate", "rbac", "--with", "logs"], &[]).expect(0);
    kube.enforce_rules(&rbac.stdout);
    let second = dir.path().join("second.zip");
    let doc = kube.run(&["report", "-f", second.to_str().unwrap(), "--logs", "-o", "json"]).expect(0).json();
    assert_eq!(doc["not_read"], serde_json::json!([]), "{doc}");
    let files = unzip(&second);
    assert!(files["second/logs/redis-cluster-1/redis.log"].contains("Ready to accept connections"), "{:?}", files.keys());
    assert!(!files.contains_key("second/errors.txt"));
    assert!(files.values().all(|text| !text.contains(password)));
    // An existing file is never overwritten.
    let before = std::fs::read(&second).unwrap();
    kube.run(&["report", "-f", second.to_str().unwrap()]).expect(2);
    assert_eq!(std::fs::read(&second).unwrap(), before);
}

#[test]
fn the_interactive_prompt_keeps_history_without_passwords_and_watch_redraws_in_place() {
    let sb = Sandbox::start(Server::Redis, 3);
    sb.create(0);
    let t = sb.target();
    let history = sb.state.path().join("history");
    let env = [("KUBECTL_REDIS_HISTFILE", history.to_str().unwrap())];
    let owner = support::slot_owner(&sb.addrs[0], "greeting");
    let prompt = format!("({owner})> ");
    // Keys typed before the prompt shows would be dropped as the line editor takes the terminal.
    let session = |lines: &[&str]| {
        let mut term = support::pty::Terminal::spawn(sb.state.path(), &["cli", &t, "--key", "greeting"], &env);
        for (n, line) in lines.iter().enumerate() {
            term.wait_for(&prompt, n + 1, Duration::from_secs(20));
            term.type_keys(line);
        }
        term
    };
    let mut term =
        session(&["SET greeting \"hello world\"\r", "GET greeting\r", "INCR greeting\r", "AUTH hunter2-never-kept\r", "quit\r"]);
    assert_eq!(term.exit_code(Duration::from_secs(10)), 0, "{}", term.screen());
    let screen = term.screen();
    assert!(
        screen.contains("OK") && screen.contains("\"hello world\"") && screen.contains("(error) ERR value is not an integer"),
        "{screen}"
    );
    let kept = std::fs::read_to_string(&history).unwrap();
    assert!(kept.contains("GET greeting") && !kept.contains("hunter2"), "{kept}");

    // A second prompt recalls the history: the up arrow brings back the last command kept.
    let mut term = session(&["\x1b[A\r", "\x04"]);
    assert_eq!(term.exit_code(Duration::from_secs(10)), 0, "Ctrl-D leaves: {}", term.screen());
    assert!(term.screen().contains("(error) ERR value is not an integer"), "{}", term.screen());

    // status --watch on a terminal clears and redraws the screen each interval; Ctrl-C ends it.
    let mut term = support::pty::Terminal::spawn(sb.state.path(), &["status", &t, "--watch", "--interval", "1s"], &[]);
    term.wait_for("\x1b[H\x1b[2J", 3, Duration::from_secs(30));
    term.wait_for("Every 1s: ", 3, Duration::from_secs(1));
    // SAFETY: signalling the child this test started.
    unsafe { libc::kill(term.child.id() as i32, libc::SIGINT) };
    assert_eq!(term.exit_code(Duration::from_secs(10)), 0, "{}", term.screen());
}

#[test]
fn yaml_documents_and_wide_tables_carry_the_same_facts_as_json() {
    let sb = Sandbox::start(Server::Redis, 3);
    sb.create(0);
    let t = sb.target();
    // Counters that move between two runs (the runs' own commands count) are left out.
    let steady = |mut doc: serde_json::Value| {
        for node in doc["nodes"].as_array_mut().unwrap() {
            let node = node.as_object_mut().unwrap();
            node.remove("ops_per_sec");
            node.remove("used_memory");
        }
        doc
    };
    let json = sb.run(&["status", &t, "-o", "json"]).expect(0).json();
    let yaml = sb.run(&["status", &t, "-o", "yaml"]).expect(0);
    assert!(yaml.stdout.starts_with("---\n"), "{}", yaml.stdout);
    let parsed: serde_json::Value = serde_saphyr::from_str(&yaml.stdout).unwrap();
    assert_eq!(steady(parsed), steady(json.clone()));
    // A refusal is a YAML document too.
    let refused = sb.run(&["reshard", &t, "--from", "t-0", "--to", "t-1", "--slots", "10", "-o", "yaml"]).expect(3);
    let docs: Vec<serde_json::Value> = serde_saphyr::from_multiple(&refused.stdout).unwrap();
    assert_eq!(docs.last().unwrap()["exit_code"], 3, "{}", refused.stdout);
    let wide = sb.run(&["status", &t, "-o", "wide"]).expect(0);
    let ids: Vec<&str> = json["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert!(ids.iter().all(|id| wide.stdout.contains(id)), "full IDs:\n{}", wide.stdout);
    assert!(wide.stdout.contains("EPOCH") && wide.stdout.contains("SERVER"), "{}", wide.stdout);
    let narrow = sb.run(&["status", &t]).expect(0);
    assert!(!narrow.stdout.contains(ids[0]), "{}", narrow.stdout);
    // The first line is check's verdict; memory is shown as a share of maxmemory where set.
    assert!(narrow.stdout.starts_with("healthy: 3 master(s)"), "{}", narrow.stdout);
    sb.run(&["call", &t, "--yes", "--", "CONFIG", "SET", "maxmemory", "100mb"]).expect(0);
    let limited = sb.run(&["status", &t]).expect(0);
    assert_eq!(limited.stdout.matches("% of 100.0MiB)").count(), 3, "{}", limited.stdout);
    assert!(limited.stdout.contains("OPS/S") && limited.stdout.contains("PERSIST"), "{}", limited.stdout);
    assert!(!limited.stdout.contains("RESTARTS"), "no pods, no restart counts: {}", limited.stdout);
}

/// The key paths of a stream of documents (`nodes[].id`), the values left out: what `-o json` and
/// `-o yaml` must agree on.
fn document_fields(docs: &[serde_json::Value]) -> std::collections::BTreeSet<String> {
    fn walk(value: &serde_json::Value, path: String, into: &mut std::collections::BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                    into.insert(path.clone());
                    walk(value, path, into);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| walk(item, format!("{path}[]"), into)),
            _ => {}
        }
    }
    let mut fields = std::collections::BTreeSet::new();
    for (n, doc) in docs.iter().enumerate() {
        walk(doc, format!("{n}:"), &mut fields);
    }
    fields
}

/// Every document `-o json` printed: one-line events and pretty documents alike.
fn json_documents(run: &support::Run) -> Vec<serde_json::Value> {
    serde_json::Deserializer::from_str(&run.stdout)
        .into_iter::<serde_json::Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("-o json printed something else ({e}):\n{}", run.stdout))
}

/// Every document `-o yaml` printed, each opened by `---` and in block style: JSON is YAML too,
/// so a JSON line among them would parse, yet it is not what was asked for.
fn yaml_documents(run: &support::Run) -> Vec<serde_json::Value> {
    assert!(run.stdout.starts_with("---\n"), "-o yaml:\n{}", run.stdout);
    let stray = run.stdout.lines().find(|l| l.starts_with('{') || l.starts_with('['));
    assert!(stray.is_none(), "a JSON line in -o yaml: {stray:?}\n{}", run.stdout);
    serde_saphyr::from_multiple(&run.stdout).unwrap_or_else(|e| panic!("-o yaml printed something else ({e}):\n{}", run.stdout))
}

/// Runs each row's command with `-o json` and `-o yaml` (and, when it changes nothing, with
/// `-o table` and `-o wide`): each exits as the row says, and both documents carry the same fields.
fn same_fields_in_every_format(sb: &Sandbox, rows: Vec<(Vec<&str>, Vec<&str>, i32)>) {
    let t = sb.target();
    for (as_json, as_yaml, code) in rows {
        let repeatable = as_yaml.is_empty() && !as_json.contains(&"--yes");
        let as_yaml = if as_yaml.is_empty() { as_json.clone() } else { as_yaml };
        let with = |args: &[&str], format: &str| {
            let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            let targeted = all[0] != "sandbox" && !all.iter().any(|a| a == "--nodes");
            // Before any `--`: what follows it is the server's command.
            all.splice(1..1, ["-o".to_owned(), format.to_owned()]);
            if targeted {
                all.insert(1, t.clone());
            }
            let run = sb.run(&all.iter().map(String::as_str).collect::<Vec<_>>());
            assert_eq!(run.code, code, "{all:?}\nstdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
            run
        };
        let json = json_documents(&with(&as_json, "json"));
        let yaml = yaml_documents(&with(&as_yaml, "yaml"));
        assert_eq!(document_fields(&json), document_fields(&yaml), "{as_json:?}");
        if repeatable {
            for format in ["table", "wide"] {
                with(&as_json, format);
            }
        }
    }
}

#[test]
fn every_command_prints_the_same_fields_in_json_and_yaml_and_runs_in_table_and_wide() {
    let sb = Sandbox::start(Server::Redis, 4);
    let three: Vec<&str> = sb.addrs[..3].iter().map(String::as_str).collect();
    sb.run(&["create", "--nodes", &three.join(","), "--yes"]).expect(0);
    let keys = support::write_keys(&sb.addrs[0], 300);
    let zips = ["json.zip", "yaml.zip"].map(|f| sb.state.path().join(f).to_str().unwrap().to_owned());
    // (check warns of the fourth node, left out of the cluster for add-node and scale.)
    // Each row: the command as run with `-o json`, then as run with `-o yaml` when it differs (a
    // move goes back the other way, so both move as much), and its exit code. Rows that change
    // nothing run with `-o table` and `-o wide` too.
    let moves = |from: &'static str, to: &'static str| vec!["reshard", "--from", from, "--to", to, "--slots", "40", "--yes"];
    let rows: Vec<(Vec<&str>, Vec<&str>, i32)> = vec![
        (vec!["status"], vec!["status"], 0),
        (vec!["check"], vec!["check"], 10),
        (vec!["call", "--", "DBSIZE"], vec!["call", "--", "DBSIZE"], 0),
        (vec!["call", "--yes", "--", "CONFIG", "SET", "maxmemory-policy", "noeviction"], vec![], 0),
        (vec!["cli", "--", "PING"], vec![], 0),
        (moves("t-0", "t-1"), moves("t-1", "t-0"), 0),
        (vec!["reshard", "--from", "t-0", "--to", "t-1", "--slots", "40", "--dry-run"], vec![], 0),
        (vec!["reshard", "--from", "t-0", "--to", "t-1", "--slots", "40"], vec![], 3),
        (vec!["rebalance", "--weight", "t-2=0", "--dry-run"], vec![], 0),
        (vec!["rebalance", "--yes"], vec![], 0),
        (vec!["add-node", &sb.addrs[3], "--dry-run"], vec![], 0),
        (vec!["del-node", "t-2", "--dry-run"], vec![], 3),
        (vec!["scale", "--masters", "4", "--dry-run"], vec![], 0),
        (vec!["fix", "--yes"], vec![], 0),
        (vec!["restart", "--dry-run"], vec![], 3),
        (vec!["restart", "--allow-unavailable", "--dry-run"], vec![], 0),
        (vec!["report", "-f", &zips[0]], vec!["report", "-f", &zips[1]], 0),
        (vec!["sandbox", "status", "--name", "t"], vec![], 0),
        (vec!["status", "--nodes", "127.0.0.1:1"], vec![], 4),
    ];
    same_fields_in_every_format(&sb, rows);
    support::assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn every_sentinel_group_command_prints_the_same_fields_in_json_and_yaml() {
    let (sb, _sentinels) = Sandbox::start_group(Server::Redis, 3, None);
    let rows: Vec<(Vec<&str>, Vec<&str>, i32)> = vec![
        (vec!["status"], vec![], 0),
        (vec!["check"], vec![], 0),
        (vec!["failover", "--dry-run"], vec![], 0),
        (vec!["restart", "--dry-run"], vec![], 0),
        (vec!["fix", "--yes"], vec![], 0),
        (vec!["call", "--", "ROLE"], vec![], 0),
    ];
    same_fields_in_every_format(&sb, rows);
}

#[test]
fn status_and_check_watch_show_a_document_per_tick_keep_going_through_errors_and_stop_on_ctrl_c() {
    let sb = Sandbox::start(Server::Redis, 3);
    sb.create(0);
    let t = sb.target();
    let interrupt = |child: &std::process::Child| {
        std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    };
    let watching = sb.spawn(&["status", &t, "--watch", "--interval", "300ms", "--timeout", "500ms", "-o", "json"]);
    std::thread::sleep(Duration::from_millis(1500));
    // Every node stops answering for a while: those ticks are errors, the watch goes on.
    (0..3).for_each(|i| sb.signal(i, "-STOP"));
    std::thread::sleep(Duration::from_millis(2500));
    (0..3).for_each(|i| sb.signal(i, "-CONT"));
    std::thread::sleep(Duration::from_millis(2000));
    interrupt(&watching);
    let run = support::wait_with_limit(watching, Duration::from_secs(10));
    assert_eq!(run.code, 0, "Ctrl-C ends a watch with 0: {}", run.stderr);
    let docs = support::json_lines(&run);
    assert!(docs.len() >= 6, "{} documents:\n{}", docs.len(), run.stdout);
    let errors = docs.iter().filter(|d| d["error"].is_string()).count();
    assert!(errors >= 1, "the stopped ticks show their error:\n{}", run.stdout);
    assert_eq!(docs.first().unwrap()["masters"], 3);
    assert_eq!(docs.last().unwrap()["unreachable"], 0, "it went on after the nodes came back:\n{}", run.stdout);

    let checking = sb.spawn(&["check", &t, "--watch", "--interval", "200ms", "-o", "json"]);
    std::thread::sleep(Duration::from_millis(1500));
    interrupt(&checking);
    let run = support::wait_with_limit(checking, Duration::from_secs(10));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let verdicts = support::json_lines(&run);
    assert!(verdicts.len() >= 2 && verdicts.iter().all(|v| v["healthy"] == true), "{}", run.stdout);
    // Bad input ends a watch at once, with its own exit code.
    sb.run(&["status", &t, "--watch", "--interval", "soon"]).expect(2);
    sb.run(&["status", &t, "--interval", "2s"]).expect(2);
}

#[test]
fn generate_rbac_prints_deploy_rbac_yaml_and_puts_every_object_in_the_namespace_given() {
    let state = tempfile::tempdir().unwrap();
    let plain = run_in(state.path(), &["generate", "rbac"], &[]).expect(0);
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/rbac.yaml")).unwrap();
    assert_eq!(plain.stdout, committed, "deploy/rbac.yaml is stale: run `kubectl-redis generate --out .`");
    let namespaced = run_in(state.path(), &["generate", "rbac", "--namespace", "prod"], &[]).expect(0);
    let docs: Vec<serde_json::Value> = serde_saphyr::from_multiple(&namespaced.stdout).unwrap();
    let kinds: Vec<&str> = docs.iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"]);
    for doc in &docs {
        let cluster_wide = doc["kind"].as_str().unwrap().starts_with("Cluster");
        assert_eq!(doc["metadata"]["namespace"].as_str(), (!cluster_wide).then_some("prod"), "{doc}");
        if let Some(subjects) = doc["subjects"].as_array() {
            assert!(subjects.iter().all(|s| s["namespace"] == "prod"), "{doc}");
        }
    }
    assert!(!namespaced.stdout.lines().any(|l| l.trim() == "namespace: redis"), "no namespace but the one given");
}

fn a_shard_fails_over_by_name_a_dead_master_only_by_force_and_drain_node_empties_a_host_of_masters(server: Server) {
    let sb = Sandbox::start(server, 6);
    sb.create(1);
    let t = sb.target();
    let keys = write_keys(&sb.addrs[0], 600);
    let nodes = |sb: &Sandbox| sb.run(&["status", &t, "-o", "json"]).expect(0).json()["nodes"].as_array().unwrap().clone();
    let master_named = |sb: &Sandbox, name: &str| nodes(sb).iter().any(|n| n["name"] == name && n["role"] == "master");
    // A shard named by its master: its replica takes over gracefully.
    let first = nodes(&sb).iter().find(|n| n["role"] == "master").unwrap()["name"].as_str().unwrap().to_owned();
    sb.run(&["failover", &t, "--shard", &first, "--force", "--yes"]).expect(3);
    sb.run(&["failover", &t, "--shard", &first, "--yes"]).expect(0);
    assert!(!master_named(&sb, &first), "{first} is still a master");

    // A master that no longer answers is replaced only with --force.
    let victim = nodes(&sb).into_iter().find(|n| n["role"] == "master").unwrap();
    let (name, index) =
        (victim["name"].as_str().unwrap().to_owned(), sb.addrs.iter().position(|a| *a == victim["addr"]).unwrap());
    sb.signal(index, "-STOP");
    let graceful = sb.run(&["failover", &t, "--shard", &name, "--timeout", "1s", "--yes"]).expect(3);
    assert!(graceful.stderr.contains("--force"), "{}", graceful.stderr);
    // The master is still down when the forced failover ends: its check finds that (exit 11).
    sb.run(&["failover", &t, "--shard", &name, "--force", "--timeout", "1s", "--yes"]).expect(11);
    sb.signal(index, "-CONT");
    assert!(eventually(Duration::from_secs(30), || sb.run(&["check", &t]).code == 0), "{}", sb.verdict());
    assert!(!master_named(&sb, &name));

    // drain-node: every master on one host hands over to a replica elsewhere.
    let host = nodes(&sb).iter().find(|n| n["role"] == "master").unwrap()["site"]["host"].as_str().unwrap().to_owned();
    sb.run(&["drain-node", "no-such-host", &t, "--yes"]).expect(2);
    let drained = sb.run(&["drain-node", &host, &t, "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(drained["outcome"], "applied", "{drained}");
    let left: Vec<_> = nodes(&sb).into_iter().filter(|n| n["role"] == "master" && n["site"]["host"] == host).collect();
    assert!(left.is_empty(), "masters left on {host}: {left:?}");
    assert_eq!(sb.run(&["drain-node", &host, &t, "--yes", "-o", "json"]).expect(0).json()["outcome"], "nothing-to-do");
    assert_all_keys(&sb.addrs[0], &keys);
}

fn a_rolling_restart_under_live_writes_loses_none_and_fails_under_a_hundredth_of_a_kubectl_style_restart(server: Server) {
    use support::traffic::{Options, Traffic};
    let mut sb = Sandbox::start(server, 6);
    sb.create(1);
    let t = sb.target();
    let load = |prefix: &str| Options { prefix: prefix.to_owned(), workers: 4, pause: Duration::ZERO, tag: None };
    let before = sb.pids.clone();
    let traffic = Traffic::start(&sb.addrs[0], load("ours"));
    std::thread::sleep(Duration::from_millis(500));
    let run = sb.run(&["restart", &t, "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(run["outcome"], "applied", "{run}");
    std::thread::sleep(Duration::from_millis(500));
    let ours = traffic.stop();
    sb.refresh();
    assert!(sb.pids.iter().zip(&before).all(|(now, was)| now != was), "every member restarted: {before:?} {:?}", sb.pids);
    assert!(ours.writes() > 1000, "the load ran: {} writes", ours.writes());
    assert_all_keys(&sb.addrs[0], &ours.acked);
    let out_of_bounds = ours.counters_out_of_bounds(|c| {
        query::<Option<u64>>(&mut support::connect(&support::slot_owner(&sb.addrs[0], c)), &["GET", c]).unwrap_or(0)
    });
    assert!(out_of_bounds.is_empty(), "{out_of_bounds:?}");

    // The same cluster restarted as `kubectl rollout restart` does: highest ordinal first, the
    // next once the last answers again, whatever its role.
    let traffic = Traffic::start(&sb.addrs[0], load("kubectl"));
    std::thread::sleep(Duration::from_millis(500));
    for i in (0..6).rev() {
        sb.run(&["sandbox", "restart", "t", &i.to_string()]).expect(0);
        let up = eventually(Duration::from_secs(30), || redis::cmd("PING").query::<String>(&mut sb.conn(i)).is_ok());
        assert!(up, "member {i} did not come back");
    }
    let settled = eventually(Duration::from_secs(60), || sb.run(&["check", &t]).code == 0);
    let theirs = traffic.stop();
    let lost = support::missing_keys(&sb.addrs[0], &theirs.acked);
    eprintln!(
        "restart under load: ours failed {} of {} writes, lost 0; kubectl-style failed {} of {}, lost {lost} (settled: {settled})",
        ours.unacked(),
        ours.writes() + ours.unacked(),
        theirs.unacked(),
        theirs.writes() + theirs.unacked()
    );
    let theirs_bad = theirs.unacked() + lost as u64;
    assert!(ours.unacked() * 100 < theirs_bad.max(1), "ours failed {} writes, kubectl-style {theirs_bad}", ours.unacked());
}

#[test]
fn a_statefulset_restarts_pod_by_pod_through_the_api_each_pod_back_under_a_new_ip() {
    let kube = support::kube::FakeKube::start(Server::Redis, 6);
    kube.run(&["create", "--replicas", "1", "--wait", "synced", "--yes"]).expect(0);
    let keys = write_keys(&kube.sandbox.addrs[0], 1000);
    let before = kube.sandbox.addrs.clone();
    let plan = kube.run(&["restart", "--dry-run", "-o", "json"]).expect(0).json();
    assert_eq!(plan["outcome"], "dry-run");
    assert!(kube.requests().iter().all(|r| !r.starts_with("DELETE pods")), "a dry run deletes nothing");
    let run = kube
        .run_naming(&["restart", "redis-cluster", "redis-cluster-1", "redis-cluster-4", "--yes", "-o", "json"])
        .expect(0)
        .json();
    assert_eq!(run["check"]["healthy"], true, "{run}");
    let deleted: Vec<String> = kube.requests().into_iter().filter(|r| r.starts_with("DELETE pods")).collect();
    assert_eq!(deleted.len(), 2, "{deleted:?}");
    assert!(
        deleted.contains(&"DELETE pods/redis-cluster-1".to_owned())
            && deleted.contains(&"DELETE pods/redis-cluster-4".to_owned())
    );
    kube.run(&["restart", "--yes"]).expect(0);
    assert_eq!(kube.requests().iter().filter(|r| r.starts_with("DELETE pods")).count(), 8);
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    let now: Vec<&str> = status["nodes"].as_array().unwrap().iter().map(|n| n["addr"].as_str().unwrap()).collect();
    assert!(now.iter().all(|a| !before.contains(&a.to_string())), "every pod has a new IP: {now:?}");
    kube.run(&["check"]).expect(0);
    assert_all_keys(now[0], &keys);
}

/// Every node at `addrs` runs Valkey 9 (after an image rollout from Redis 7.0).
fn assert_run_valkey_9(addrs: &[String]) {
    for addr in addrs {
        let info: String = query(&mut support::connect(addr), &["INFO", "server"]);
        assert!(info.contains("valkey_version:9."), "{addr} runs Valkey 9 now");
    }
}

#[test]
fn an_image_is_rolled_out_pod_by_pod_only_through_an_on_delete_statefulset_from_redis_7_to_valkey_9_under_live_writes() {
    use support::traffic::{Options, Traffic};
    let kube = support::kube::FakeKube::start(Server::Redis, 6);
    kube.run(&["create", "--replicas", "1", "--wait", "synced", "--yes"]).expect(0);
    let keys = write_keys(&kube.sandbox.addrs[0], 1000);
    let image = "valkey/valkey:9.0";
    // A StatefulSet that rolls its template out itself is refused, with the patch that stops it.
    let refused = kube.run(&["restart", "--image", image, "--yes"]).expect(3);
    let patch = r#"kubectl patch statefulset redis-cluster -n redis -p '{"spec":{"updateStrategy":{"type":"OnDelete"}}}'"#;
    assert!(refused.stderr.contains(patch), "{}", refused.stderr);
    kube.set_update_strategy("OnDelete");
    let plan = kube.run(&["restart", "--image", image, "--dry-run", "-o", "json"]).expect(0).json();
    assert_eq!(plan["plan"]["steps"].as_array().unwrap().iter().filter(|s| s["step"] == "restart").count(), 6, "{plan}");
    assert!(
        kube.requests().iter().all(|r| !r.starts_with("PATCH statefulsets/") && !r.starts_with("DELETE")),
        "a dry run changes nothing"
    );
    assert_eq!(kube.template_image(), "redis:7.0");

    let traffic =
        Traffic::start(&kube.sandbox.addrs[0], Options { prefix: "roll".into(), workers: 2, pause: Duration::ZERO, tag: None });
    std::thread::sleep(Duration::from_millis(500));
    let run = kube.run(&["restart", "--image", image, "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(run["check"]["healthy"], true, "{run}");
    let load = traffic.stop();
    assert_eq!(kube.template_image(), image);
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    let addrs: Vec<String> = status["nodes"].as_array().unwrap().iter().map(|n| n["addr"].as_str().unwrap().to_owned()).collect();
    assert_run_valkey_9(&addrs);
    assert_all_keys(&addrs[0], &keys);
    assert!(load.writes() > 500, "the load ran: {} writes", load.writes());
    assert_all_keys(&addrs[0], &load.acked);
    // Every pod runs the image: running it again deletes nothing.
    let deleted = kube.requests().iter().filter(|r| r.starts_with("DELETE pods")).count();
    assert_eq!(deleted, 6);
    let again = kube.run(&["restart", "--image", image, "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(again["outcome"], "nothing-to-do", "{again}");
    assert_eq!(kube.requests().iter().filter(|r| r.starts_with("DELETE pods")).count(), deleted);
}

#[test]
fn a_restart_killed_midway_continues_where_it_stopped_when_run_again() {
    let mut sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    let t = sb.target();
    let keys = write_keys(&sb.addrs[0], 1000);
    let before = sb.pids.clone();
    let mut child = sb.spawn(&["restart", &t, "--yes"]);
    let restarted = |sb: &mut Sandbox| {
        sb.refresh();
        sb.pids.iter().zip(&before).filter(|(now, was)| now != was).count()
    };
    assert!(eventually(Duration::from_secs(60), || restarted(&mut sb) >= 2), "the restart never got going");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(sb.journal_exists(), "the members done are recorded");
    let done = restarted(&mut sb);
    assert!(done < 6, "the run was killed before the restart ended");

    // A slot move between two masters meanwhile keeps a journal of its own: finishing it leaves
    // the restart's. The member the killed run was restarting may still be stopping, or down:
    // wait for its process to end, then bring back whatever does not answer.
    let journal = std::fs::read_dir(sb.state.path().join("journals"))
        .unwrap()
        .flatten()
        .find(|f| f.file_name().to_string_lossy().starts_with("restart-"))
        .expect("the restart's journal is filed as such");
    let journal: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(journal.path()).unwrap()).unwrap();
    if let Some(id) = journal["in_flight"].as_str() {
        let status = sb.run(&["status", &t, "-o", "json"]).json();
        let node = status["nodes"].as_array().unwrap().iter().find(|n| n["id"] == id).cloned();
        let ordinal = node.and_then(|n| sb.addrs.iter().position(|a| n["addr"] == a.as_str()));
        if let Some(pid) = ordinal.map(|o| sb.pids[o]) {
            eventually(Duration::from_secs(15), || !std::path::Path::new(&format!("/proc/{pid}")).exists());
        }
    }
    for (ordinal, addr) in sb.addrs.clone().iter().enumerate() {
        let answers = redis::Client::open(format!("redis://{addr}"))
            .ok()
            .and_then(|c| c.get_connection_with_timeout(Duration::from_secs(1)).ok())
            .is_some();
        if !answers {
            sb.run(&["sandbox", "restart", "t", &ordinal.to_string()]).expect(0);
        }
    }
    sb.refresh();
    assert!(eventually(Duration::from_secs(60), || sb.run(&["check", &t]).code == 0), "the cluster did not settle");
    let masters = master_names(&sb);
    sb.run(&["reshard", &t, "--from", &masters[0], "--to", &masters[1], "--slots", "20", "--yes"]).expect(0);
    assert!(sb.journal_exists(), "the move removed the restart's journal");

    let again = sb.run(&["restart", &t, "--yes", "-o", "json"]).expect(0).json();
    let restarts = again["plan"]["steps"].as_array().unwrap().iter().filter(|s| s["step"] == "restart").count();
    assert!(restarts <= 6 - done + 1, "the re-run restarts only what is left: {restarts} after {done}\n{again}");
    assert!(again["plan"]["summary"].to_string().contains("interrupted run"), "{again}");
    assert_eq!(restarted(&mut sb), 6);
    assert!(!sb.journal_exists());
    sb.run(&["check", &t]).expect(0);
    assert_all_keys(&sb.addrs[0], &keys);

    // A new server binary rolled out and killed midway: the re-run restarts only the members that
    // do not run it yet.
    let valkey = Server::Valkey.path();
    // A member restarting at the moment does not answer: it does not count.
    let info = |addr: &String| -> Option<String> {
        let mut conn =
            redis::Client::open(format!("redis://{addr}")).ok()?.get_connection_with_timeout(Duration::from_secs(1)).ok()?;
        redis::cmd("INFO").arg("server").query(&mut conn).ok()
    };
    let runs_valkey = |sb: &Sandbox| sb.addrs.iter().filter(|a| info(a).is_some_and(|i| i.contains("valkey_version"))).count();
    let mut child = sb.spawn(&["restart", &t, "--image", valkey.to_str().unwrap(), "--yes"]);
    assert!(eventually(Duration::from_secs(60), || runs_valkey(&sb) >= 2), "the rollout never got going");
    child.kill().unwrap();
    child.wait().unwrap();
    sb.refresh();
    let upgraded = runs_valkey(&sb);
    assert!(upgraded < 6, "the run was killed before the rollout ended");
    let again = sb.run(&["restart", &t, "--image", valkey.to_str().unwrap(), "--yes", "-o", "json"]).expect(0).json();
    let restarts = again["plan"]["steps"].as_array().unwrap().iter().filter(|s| s["step"] == "restart").count();
    assert!(restarts <= 6 - upgraded + 1, "the re-run restarts only what is left: {restarts} after {upgraded}\n{again}");
    assert_eq!(runs_valkey(&sb), 6);
    sb.run(&["check", &t]).expect(0);
    assert_all_keys(&sb.addrs[0], &keys);
}

fn refusals_leave_the_cluster_unchanged(server: Server) {
    let mut sb = Sandbox::start(server, 6);
    sb.create(1);
    sb.grow(8);
    let keys = write_keys(&sb.addrs[0], 500);
    let before = cluster_shape(&sb.addrs[..6]);

    // A master that owns slots.
    let run = sb.run(&["del-node", &sb.addrs[0], &sb.target(), "--yes"]).expect(3);
    assert!(run.stderr.contains("owns 5461 slot(s)") && run.stderr.contains("hint:"), "{}", run.stderr);
    // A node with data.
    support::give_lone_node_a_key(&mut sb.conn(6), "stray");
    let run = sb.run(&["add-node", &sb.addrs[6], &sb.target(), "--yes"]).expect(3);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    // Without a terminal and without --yes nothing is applied.
    let run = sb.run(&["add-node", &sb.addrs[7], &sb.target()]).expect(3);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    // --dry-run prints the plan and applies nothing.
    let plan = sb.run(&["add-node", &sb.addrs[7], "--replica", &sb.target(), "--dry-run", "-o", "json"]).expect(0).json();
    assert_eq!(plan["outcome"], "dry-run");
    assert!(plan["plan"]["steps"].as_array().unwrap().iter().any(|s| s["step"] == "replicate"));
    // Bad references.
    sb.run(&["del-node", "ffffffff", &sb.target(), "--yes"]).expect(2);
    sb.run(&["add-node", &sb.addrs[7], "--replica-of", "127.0.0.1:1", &sb.target(), "--yes"]).expect(2);

    assert_eq!(cluster_shape(&sb.addrs[..6]), before);
    let lonely: String = query(&mut sb.conn(7), &["CLUSTER", "NODES"]);
    assert_eq!(lonely.lines().count(), 1, "the refused node was not introduced");
    assert_all_keys(&sb.addrs[0], &keys);
}

fn check_reports_an_open_slot_with_its_keys(server: Server) {
    let sb = Sandbox::start(server, 3);
    sb.create(0);
    let ids: Vec<String> = (0..3).map(|i| query(&mut sb.conn(i), &["CLUSTER", "MYID"])).collect();
    // Slot 0 (key "{06S}a") belongs to node 0; mark it migrating to node 1.
    query::<()>(&mut sb.conn(0), &["SET", "{06S}a", "1"]);
    query::<()>(&mut sb.conn(0), &["CLUSTER", "SETSLOT", "0", "MIGRATING", &ids[1]]);
    let run = sb.run(&["check", &sb.target(), "-o", "json"]).expect(11);
    let findings = run.json()["findings"].as_array().unwrap().clone();
    let open = findings.iter().find(|f| f["code"] == "open-slot").expect("an open-slot finding");
    let message = open["message"].as_str().unwrap();
    assert!(message.contains("slot 0 is migrating") && message.contains("(1 key(s)"), "{message}");
    assert!(!open["hint"].as_str().unwrap().is_empty());
}

#[test]
fn create_and_check_with_static_nodes_then_a_stopped_node_is_named_within_the_timeout() {
    let sb = Sandbox::start(Server::Redis, 6);
    let nodes = sb.addrs.join(",");
    // `--wait serving` returns once every node serves: replicas may still be in their first sync,
    // which is all the final check may report.
    let created = sb.run(&["create", "--nodes", &nodes, "--replicas", "1", "--wait", "serving", "--yes", "-o", "json"]);
    let created = created.expect(0).json();
    assert_eq!(created["check"]["problems"], 0, "{created}");
    for finding in created["check"]["findings"].as_array().unwrap() {
        assert_eq!(finding["code"], "replica-syncing", "{finding}");
    }
    let synced = || sb.run(&["check", "--nodes", &sb.addrs[0], "-o", "json"]).json()["healthy"] == true;
    assert!(eventually(Duration::from_secs(20), synced), "the replicas never finished their first sync");

    sb.signal(3, "-STOP");
    let started = Instant::now();
    let run = sb.run(&["check", "--nodes", &sb.addrs[0], "--timeout", "1s", "-o", "json"]);
    let took = started.elapsed();
    sb.signal(3, "-CONT");
    let run = run.expect(11);
    assert!(took < Duration::from_secs(4), "check took {took:?} with a 1s timeout");
    let findings = run.json()["findings"].as_array().unwrap().clone();
    let unreachable = findings.iter().find(|f| f["code"] == "unreachable").expect("an unreachable finding");
    assert!(unreachable["message"].as_str().unwrap().contains(&sb.addrs[3]), "{unreachable}");
}

#[test]
fn check_reports_a_replica_on_its_masters_host_and_a_master_without_replica() {
    let sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    // Sandbox nodes 0 and 1 share host-0. Make node 1 follow node 0 whatever create chose.
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    let node = |addr: &str| status["nodes"].as_array().unwrap().iter().find(|n| n["addr"] == addr).unwrap().clone();
    assert_eq!(node(&sb.addrs[0])["role"], "master");
    let master0: String = query(&mut sb.conn(0), &["CLUSTER", "MYID"]);
    query::<()>(&mut sb.conn(1), &["CLUSTER", "REPLICATE", &master0]);
    let ok = eventually(Duration::from_secs(20), || {
        let run = sb.run(&["check", &sb.target(), "-o", "json"]);
        let codes: Vec<String> =
            run.json()["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_owned()).collect();
        run.code == 10 && codes.contains(&"replica-same-host".to_owned()) && codes.contains(&"no-replica".to_owned())
    });
    assert!(ok, "check did not report replica-same-host and no-replica as warnings");
}

#[test]
fn check_reports_a_replica_whose_link_is_down_although_gossip_is_fine() {
    let sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    // An admin user everywhere for the tool; then the default user of one master needs a password
    // the replicas do not have, and its replica is disconnected: it can no longer sync.
    for i in 0..6 {
        query::<()>(&mut sb.conn(i), &["ACL", "SETUSER", "admin", "on", ">s3cret-pass", "~*", "&*", "+@all"]);
    }
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    let replica = status["nodes"].as_array().unwrap().iter().find(|n| n["role"] == "replica").unwrap().clone();
    let master = status["nodes"].as_array().unwrap().iter().find(|n| n["id"] == replica["master_id"]).unwrap().clone();
    let master_idx = sb.addrs.iter().position(|a| *a == master["addr"]).unwrap();
    let mut conn = sb.conn(master_idx);
    query::<()>(&mut conn, &["AUTH", "admin", "s3cret-pass"]);
    query::<()>(&mut conn, &["ACL", "SETUSER", "default", "resetpass", ">other"]);
    query::<i64>(&mut conn, &["CLIENT", "KILL", "TYPE", "replica"]);

    let env = [("REDISCLI_AUTH", "s3cret-pass")];
    let ok = eventually(Duration::from_secs(20), || {
        let run = sb.run_env(&["check", &sb.target(), "--redis-user", "admin", "-o", "json"], &env);
        let doc = run.json();
        run.code == 11
            && doc["findings"].as_array().unwrap().iter().any(|f| {
                f["code"] == "replica-link-down" && f["node"].as_str().unwrap().contains(replica["addr"].as_str().unwrap())
            })
    });
    assert!(ok, "check did not report the broken replica link");
    let run = sb.run_env(&["check", &sb.target(), "--redis-user", "admin", "-o", "json"], &env);
    assert!(!run.stdout.contains("s3cret") && !run.stderr.contains("s3cret"), "the password leaked");
    // A wrong password is a one-line refusal that does not echo the password.
    // (Refused, exit 3: every node answered, and said no.)
    let wrong = sb.run_env(&["status", &sb.target(), "--redis-user", "admin"], &[("REDISCLI_AUTH", "wrong-pass-123")]).expect(3);
    assert!(wrong.stderr.contains("authentication failed") && !wrong.stderr.contains("wrong-pass-123"), "{}", wrong.stderr);
}

#[test]
fn create_refuses_too_few_masters_non_empty_nodes_and_missing_confirmation() {
    let sb = Sandbox::start(Server::Redis, 4);
    let alone =
        |sb: &Sandbox| (0..sb.addrs.len()).all(|i| query::<String>(&mut sb.conn(i), &["CLUSTER", "NODES"]).lines().count() == 1);
    let slots_of_node_2 = |sb: &Sandbox| query::<String>(&mut sb.conn(2), &["CLUSTER", "NODES"]);
    let run = sb.run(&["create", &sb.target(), "--replicas", "1", "--yes"]).expect(3);
    assert!(run.stderr.contains("at least 3 masters") && run.stderr.contains("--force"), "{}", run.stderr);
    let run = sb.run(&["create", &sb.target(), "--replicas", "0"]).expect(3);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    support::give_lone_node_a_key(&mut sb.conn(2), "k");
    let run = sb.run(&["create", &sb.target(), "--yes"]).expect(3);
    assert!(run.stderr.contains("holds 1 key(s)"), "{}", run.stderr);
    assert!(alone(&sb), "a refused create changed a node");
    assert_eq!(slots_of_node_2(&sb).split_whitespace().count(), 9, "node 2 still owns only the one slot it was given");

    let plan = sb.run(&["create", "--nodes", &sb.addrs[..2].join(","), "--force", "--dry-run", "-o", "json"]).expect(0).json();
    assert_eq!(plan["outcome"], "dry-run");
    assert_eq!(plan["plan"]["steps"][0]["step"], "add-slots");
    assert!(alone(&sb));
}

/// A changing command that did what it was asked exits 0 and prints the warnings left; 10 is
/// `check`'s alone (11, problems left, is every command's). One table, cluster and Sentinel.
#[test]
fn changing_commands_that_leave_only_warnings_exit_0_and_print_them() {
    // A replica on its master's host (sandbox nodes 0 and 1 share one) leaves two warnings.
    let sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    let t = sb.target();
    let master0: String = query(&mut sb.conn(0), &["CLUSTER", "MYID"]);
    assert!(is_master(&sb, 0));
    query::<()>(&mut sb.conn(1), &["CLUSTER", "REPLICATE", &master0]);
    assert!(eventually(Duration::from_secs(20), || sb.run(&["check", &t]).code == 10), "no warning to leave");
    let to = master_names(&sb).into_iter().find(|n| n != "t-0").unwrap();
    let cluster: [&[&str]; 3] =
        [&["fix", &t], &["reshard", &t, "--from", "t-0", "--to", &to, "--slots", "10"], &["rebalance", &t, "--threshold", "0"]];
    // Slot moves end without a check of their own: exit 0 and no verdict to print.
    let ends_with_check = |command: &[&str]| !["reshard", "rebalance"].contains(&command[0]);
    let (group, _sentinels) = Sandbox::start_group(Server::Redis, 3, None);
    for addr in &group.addrs {
        query::<()>(&mut support::connect(addr), &["CONFIG", "SET", "min-replicas-to-write", "0"]);
    }
    let g = group.target();
    let sentinel: [&[&str]; 2] = [&["fix", &g], &["failover", &g]];
    let rows = cluster.iter().map(|c| (&sb, *c)).chain(sentinel.iter().map(|c| (&group, *c)));
    for (target, command) in rows {
        let human = target.run_past_tilt(&[command, &["--yes"]].concat());
        assert_eq!(human.code, 0, "{command:?}: {}\n{}", human.stdout, human.stderr);
        if !ends_with_check(command) {
            continue;
        }
        assert!(human.stdout.contains("WARNING ["), "{command:?} printed no warning: {}", human.stdout);
        let doc = target.run_past_tilt(&[command, &["--yes", "-o", "json"]].concat()).expect(0).json();
        assert!(doc["check"]["warnings"].as_u64() > Some(0), "{command:?}: {doc}");
        assert_eq!(doc["check"]["problems"], 0, "{command:?}: {doc}");
    }
    sb.run(&["check", &t]).expect(10);
    group.run(&["check", &g]).expect(10);
}

#[test]
fn bad_input_is_one_line_with_a_hint_and_exit_code_2() {
    let state = tempfile::tempdir().unwrap();
    for args in [
        vec!["check", "--nodes", "localhost"],
        vec!["check", "--nodes", "127.0.0.1:6379", "--timeout", "fast"],
        vec!["check"],
        vec!["check", "--sandbox=x", "--nodes", "127.0.0.1:1"],
        vec!["sandbox", "up", "--name", "bad/name"],
        vec!["cli", "--nodes", "127.0.0.1:1", "--exec", "-o", "json", "--", "MONITOR"],
    ] {
        let run = run_in(state.path(), &args, &[]).expect(2);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {}", run.stderr);
        assert!(lines[0].starts_with("error: ") && lines[1].starts_with("hint: "), "{args:?}: {}", run.stderr);
    }
    // The password never comes from argv.
    run_in(state.path(), &["check", "--nodes", "127.0.0.1:1", "--password", "x"], &[]).expect(2);
}

#[test]
fn an_unreachable_target_exits_4_quickly() {
    let state = tempfile::tempdir().unwrap();
    let run = run_in(state.path(), &["check", "--nodes", "127.0.0.1:1", "-o", "json"], &[]).expect(4);
    assert_eq!(run.json()["exit_code"], 4);
    run_in(state.path(), &["status", "--sandbox=missing"], &[]).expect(4);
}

#[test]
fn sandboxes_with_different_names_do_not_collide_and_status_lists_labels() {
    let a = Sandbox::start(Server::Redis, 2);
    let b = Sandbox::start(Server::Valkey, 2);
    assert!(a.addrs.iter().all(|addr| !b.addrs.contains(addr)), "{:?} vs {:?}", a.addrs, b.addrs);
    let doc = a.run(&["sandbox", "status", "--name", "t", "-o", "json"]).expect(0).json();
    let nodes = doc["nodes"].as_array().unwrap();
    assert!(nodes.iter().all(|n| n["running"] == true && n["host"] == "host-0" && n["zone"] == "zone-a"));
    assert!(doc["server_version"].as_str().unwrap().starts_with("redis 7."));
    let doc = b.run(&["sandbox", "status", "--name", "t", "-o", "json"]).expect(0).json();
    assert!(doc["server_version"].as_str().unwrap().starts_with("valkey 9."));
}

#[test]
fn sandbox_coordination_lives_in_a_private_runtime_directory_and_a_corrupt_state_file_is_never_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777;
    let (runtime, state, elsewhere) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let xdg = [("XDG_RUNTIME_DIR", runtime.path().to_str().unwrap())];
    let server = Server::Redis.path();
    let up = ["sandbox", "up", "--name", "t", "--nodes", "1", "--server", server.to_str().unwrap(), "-o", "json"];
    std::fs::set_permissions(state.path(), std::fs::Permissions::from_mode(0o755)).unwrap();

    // Someone planted a link where the runtime directory goes: refused, nothing started or written there.
    let own = runtime.path().join("kubectl-redis");
    std::os::unix::fs::symlink(elsewhere.path(), &own).unwrap();
    let run = run_in(state.path(), &up, &xdg).expect(3);
    assert!(run.stderr.contains("is a symbolic link") && run.stderr.contains("XDG_RUNTIME_DIR"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    assert!(!state.path().join("sandboxes/t/sandbox.json").exists());

    // Left open by someone: its mode is made private, and so is the state directory's.
    std::fs::remove_file(&own).unwrap();
    std::fs::create_dir(&own).unwrap();
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o755)).unwrap();
    let started = run_in(state.path(), &up, &xdg).expect(0).json();
    let pid = started["nodes"][0]["pid"].as_u64().unwrap();
    assert_eq!((mode(&own), mode(state.path())), (0o700, 0o700));
    for (path, bits) in modes_under(&own) {
        assert_eq!(bits, if path.is_dir() { 0o700 } else { 0o600 }, "{}", path.display());
    }

    // A corrupt state file is named, left as it is, and its server keeps running.
    let file = state.path().join("sandboxes/t/sandbox.json");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, &text[..text.len() / 2]).unwrap();
    let run = run_in(state.path(), &up, &xdg).expect(3);
    assert!(run.stderr.contains(&format!("{} is corrupt", file.display())), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text[..text.len() / 2]);
    assert!(std::path::Path::new(&format!("/proc/{pid}")).exists(), "the server was stopped");
    std::fs::write(&file, &text).unwrap();
    run_in(state.path(), &["sandbox", "down", "--name", "t"], &xdg).expect(0);
}

#[test]
fn sandbox_without_a_server_binary_says_how_to_install_one() {
    let state = tempfile::tempdir().unwrap();
    let run =
        run_in(state.path(), &["sandbox", "up", "--name", "none"], &[("PATH", "/nonexistent"), ("KUBECTL_REDIS_SERVER", "")]);
    let run = run.expect(4);
    assert!(run.stderr.contains("apt-get install -y redis-server"), "{}", run.stderr);
}

#[test]
fn demo_runs_the_main_job_and_cleans_up() {
    let state = tempfile::tempdir().unwrap();
    let server = Server::Redis.path();
    let run = run_in(state.path(), &["demo", "--keys", "3000", "--server", server.to_str().unwrap()], &[]).expect(0);
    assert!(run.stdout.contains("all 3000 keys are present"), "{}", run.stdout);
    assert!(run.stdout.contains("scaled to 4×1 (4096 slot(s)"), "the demo did not scale up: {}", run.stdout);
    assert!(run.stdout.contains("scaled to 3×1 (4096 slot(s)"), "the demo did not scale down: {}", run.stdout);
    assert!(run.stdout.contains("OK: the cluster is healthy"));
    // The sandbox it names is gone.
    let name =
        run.stdout.lines().find_map(|l| l.strip_prefix("sandbox ")?.split(':').next()).expect("the demo names its sandbox");
    assert!(name.starts_with("demo-"), "{name}");
    let status = run_in(state.path(), &["sandbox", "status", "--name", name], &[]).expect(4);
    assert!(status.stderr.contains(&format!("no sandbox named '{name}'")), "{}", status.stderr);
    assert_no_sandbox_left(state.path());
}

fn assert_no_sandbox_left(state: &std::path::Path) {
    let left = std::fs::read_dir(state.join("sandboxes")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "the demo left a sandbox behind");
}

#[test]
fn demo_walks_a_sentinel_group_through_a_failover_and_a_repair_and_cleans_up() {
    let state = tempfile::tempdir().unwrap();
    let server = Server::Valkey.path();
    let run = run_in(state.path(), &["demo", "--sentinel", "--server", server.to_str().unwrap()], &[]).expect(0);
    let kept =
        run.stdout.lines().find(|l| l.contains("acknowledged writes are there")).unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(!kept.contains(" 0 acknowledged"), "the writer wrote nothing: {kept}");
    assert!(run.stdout.contains("[sentinel-settings-differ]"), "{}", run.stdout);
    assert!(run.stdout.trim_end().contains("OK: the group is healthy"), "{}", run.stdout);
    assert!(run.stdout.contains("stopped 3 node(s) and 3 sentinel(s)"), "{}", run.stdout);
    assert_no_sandbox_left(state.path());
}

/// Every command and subcommand as typed (`sandbox up`), the bare tool first: from the parser
/// itself, so that a new one cannot go without its snapshot.
fn every_command_path() -> Vec<String> {
    fn walk(command: &clap::Command, prefix: &str, into: &mut Vec<String>) {
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help" && !s.is_hide_set()) {
            let path = format!("{prefix}{}", sub.get_name()).trim().to_owned();
            into.push(path.clone());
            walk(sub, &format!("{path} "), into);
        }
    }
    let mut paths = vec![String::new()];
    walk(&<kubectl_redis::cli::Cli as clap::CommandFactory>::command(), "", &mut paths);
    paths
}

#[test]
fn help_texts_match_their_snapshots() {
    let state = tempfile::tempdir().unwrap();
    let commands = every_command_path();
    for named in ["cli", "call", "restart", "drain-node", "report", "generate rbac", "sandbox up"] {
        assert!(commands.iter().any(|c| c == named), "{named} is missing from {commands:?}");
    }
    for command in &commands {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("--help");
        let run = run_in(state.path(), &args, &[("COLUMNS", "100")]).expect(0);
        let name = if command.is_empty() { "help".to_owned() } else { format!("help-{}", command.replace(' ', "-")) };
        insta::assert_snapshot!(name, run.stdout);
        if !command.is_empty() {
            assert!(run.stdout.contains("Examples:"), "{command} --help has no examples");
        }
    }
}

#[test]
fn committed_completions_and_man_pages_are_up_to_date() {
    let out = tempfile::tempdir().unwrap();
    run_in(out.path(), &["generate", "--out", out.path().to_str().unwrap()], &[]).expect(0);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["completions", "man"] {
        let mut fresh: Vec<_> = std::fs::read_dir(out.path().join(dir)).unwrap().map(|e| e.unwrap().file_name()).collect();
        fresh.sort();
        assert!(!fresh.is_empty());
        for name in fresh {
            let generated = std::fs::read(out.path().join(dir).join(&name)).unwrap();
            let committed = std::fs::read(root.join(dir).join(&name)).unwrap_or_default();
            assert!(generated == committed, "{dir}/{} is stale: run `cargo run -- generate --out .`", name.to_string_lossy());
        }
    }
}

/// The modules of `src/` by path (`commands::check`), each with the modules its code names
/// (`use super::fix`, `crate::redis::conn::…`), resolved to the longest module path that exists.
fn module_references() -> BTreeMap<String, BTreeSet<String>> {
    fn walk(dir: &std::path::Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, &[prefix, &[stem]].concat(), out);
            } else if path.extension().is_some_and(|e| e == "rs") && !["lib", "main"].contains(&stem.as_str()) {
                let module = if stem == "mod" { prefix.to_vec() } else { [prefix, &[stem]].concat() };
                out.insert(module.join("::"), std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut sources = BTreeMap::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &[], &mut sources);
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut references = BTreeMap::new();
    for (module, text) in &sources {
        // `super` of `commands::check` (check.rs) is `commands`; of `commands` (commands/mod.rs) the root.
        let parent: Vec<&str> = module.split("::").collect();
        let parent = &parent[..parent.len() - 1];
        let mut named = BTreeSet::new();
        for (anchor, base) in [("crate::", Vec::new()), ("super::", parent.to_vec())] {
            for (at, _) in text.match_indices(anchor) {
                let rest = &text[at + anchor.len()..];
                let mut path: Vec<String> = base.iter().map(|s| s.to_string()).collect();
                // `use super::{a, b}` names each of a and b.
                if let Some(group) = rest.strip_prefix('{') {
                    for item in group[..group.find('}').unwrap_or(0)].split(',') {
                        let item: String = item.trim().chars().take_while(|c| word(*c)).collect();
                        named.insert([&path[..], &[item]].concat().join("::"));
                    }
                    continue;
                }
                for part in rest.split("::") {
                    let part: String = part.chars().take_while(|c| word(*c)).collect();
                    if part.is_empty() || !sources.contains_key(&[&path[..], std::slice::from_ref(&part)].concat().join("::")) {
                        break;
                    }
                    path.push(part);
                }
                named.insert(path.join("::"));
            }
        }
        named.retain(|n| sources.contains_key(n) && n != module);
        references.insert(module.clone(), named);
    }
    references
}

/// Whether one of the two modules is inside the other (or is the crate root): a module and its
/// submodules may use each other.
fn nested(a: &str, b: &str) -> bool {
    a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::")) || a.is_empty() || b.is_empty()
}

#[test]
fn no_modules_import_each_other_through_any_chain() {
    let references = module_references();
    // Every module, by the shortest chain of imports from it back to itself, if any.
    let mut cycles = BTreeSet::new();
    for start in references.keys() {
        let mut paths = vec![vec![start.clone()]];
        let mut seen = BTreeSet::new();
        while let Some(path) = (!paths.is_empty()).then(|| paths.remove(0)) {
            let last = path.last().unwrap();
            for next in references[last].iter().filter(|n| !nested(last, n)) {
                if next == start {
                    let mut cycle = path.clone();
                    let smallest = (0..cycle.len()).min_by_key(|&i| &cycle[i]).unwrap();
                    cycle.rotate_left(smallest);
                    cycles.insert(cycle.join(" → "));
                } else if seen.insert(next.clone()) {
                    paths.push([&path[..], std::slice::from_ref(next)].concat());
                }
            }
        }
    }
    assert!(references.len() > 60, "every module of src/ is scanned: {:?}", references.keys());
    assert!(references["commands::fix"].contains("commands::moving"), "the scan resolves `use super::…`: {references:?}");
    assert!(cycles.is_empty(), "modules that import each other: {cycles:?}");
}

#[test]
fn each_layer_names_only_the_layers_below_it() {
    let references = module_references();
    // A module under the first path may not name one under any of the others.
    let rules: [(&str, &[&str]); 5] = [
        ("planner", &["output", "progress", "commands", "context", "executor", "platform", "cli"]),
        ("redis", &["planner", "executor", "commands", "context", "platform", "cli"]),
        ("executor", &["commands", "context", "cli"]),
        ("platform", &["commands", "context", "executor", "cli"]),
        ("output", &["commands", "context", "executor", "planner", "platform"]),
    ];
    let under = |module: &str, layer: &str| module == layer || module.starts_with(&format!("{layer}::"));
    let mut breaches = Vec::new();
    for (layer, above) in rules {
        for (module, named) in references.iter().filter(|(m, _)| under(m, layer)) {
            for other in named.iter().filter(|n| above.iter().any(|a| under(n, a))) {
                breaches.push(format!("{module} names {other}"));
            }
        }
    }
    assert!(breaches.is_empty(), "{breaches:?}");
}

/// Writes a CA, a server certificate valid for the sandbox addresses, and a client certificate.
fn write_certificates(dir: &std::path::Path) {
    // Sandbox nodes live on 127.77.<block>.<n>; cover the blocks parallel tests can take.
    let ips: Vec<String> = (1..=40).flat_map(|b| (1..=6).map(move |n| format!("127.77.{b}.{n}"))).collect();
    write_certificates_for(dir, ips);
}

/// Like `write_certificates`, with a server certificate issued for `server_names` alone.
fn write_certificates_for(dir: &std::path::Path, server_names: Vec<String>) {
    use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, KeyPair};
    // Distinct subjects, or OpenSSL takes every certificate for a self-signed one.
    let named = |sans: Vec<String>, common_name: &str| {
        let mut params = CertificateParams::new(sans).unwrap();
        params.distinguished_name = DistinguishedName::new();
        params.distinguished_name.push(DnType::CommonName, common_name);
        params
    };
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = named(Vec::new(), "kubectl-redis test CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    for (name, sans) in [("server", server_names), ("client", vec!["client".to_owned()])] {
        let key = KeyPair::generate().unwrap();
        let cert = named(sans, name).signed_by(&key, &ca, &ca_key).unwrap();
        std::fs::write(dir.join(format!("{name}.pem")), cert.pem()).unwrap();
        std::fs::write(dir.join(format!("{name}.key")), key.serialize_pem()).unwrap();
    }
    std::fs::write(dir.join("ca.pem"), ca.pem()).unwrap();
}

/// Server options for TLS only (client, bus and replication), client certificates required.
fn tls_server_args(certs: &std::path::Path) -> Vec<String> {
    let file = |name: &str| certs.join(name).to_str().unwrap().to_owned();
    let tls_options = [
        ("--port", "0".to_owned()),
        ("--tls-port", "6379".to_owned()),
        ("--tls-cert-file", file("server.pem")),
        ("--tls-key-file", file("server.key")),
        ("--tls-ca-cert-file", file("ca.pem")),
        ("--tls-cluster", "yes".to_owned()),
        ("--tls-replication", "yes".to_owned()),
        ("--tls-auth-clients", "yes".to_owned()),
    ];
    tls_options.iter().flat_map(|(k, v)| [format!("--server-arg={k}"), format!("--server-arg={v}")]).collect()
}

#[test]
fn create_and_check_over_mutual_tls() {
    let certs = tempfile::tempdir().unwrap();
    write_certificates(certs.path());
    let file = |name: &str| certs.path().join(name).to_str().unwrap().to_owned();
    let mut sb = Sandbox::start(Server::Redis, 0);
    sb.grow_with(3, &tls_server_args(certs.path()));

    let (ca, cert, key) = (file("ca.pem"), file("client.pem"), file("client.key"));
    let tls = ["--tls", "--cacert", &ca, "--tls-cert", &cert, "--tls-key", &key];
    let mut create = vec!["create", "--replicas", "0", "--yes"];
    let target = sb.target();
    create.push(&target);
    create.extend(tls);
    sb.run(&create).expect(0);
    let mut check = vec!["check", "-o", "json", &target];
    check.extend(tls);
    // A cluster built without replicas is healthy, every slot served over TLS.
    let verdict = sb.run(&check).expect(0).json();
    assert_eq!(verdict["slots_covered"], 16384);
    assert_eq!(verdict["problems"], 0);

    // Without a client certificate, or without TLS, the nodes cannot be asked.
    sb.run(&["check", &target, "--tls", "--cacert", &ca, "--timeout", "1s"]).expect(4);
    sb.run(&["check", &target, "--timeout", "1s"]).expect(4);
    // Certificates are verified by default: without the CA that signed them, the handshake fails;
    // --insecure skips verification and says so.
    let unverified = sb.run(&["check", &target, "--tls", "--tls-cert", &cert, "--tls-key", &key, "--timeout", "2s"]).expect(4);
    assert!(unverified.stderr.contains("TLS handshake failed") && unverified.stderr.contains("hint:"), "{}", unverified.stderr);
    let insecure = sb.run(&["check", &target, "--insecure", "--cert", &cert, "--tls-key", &key]).expect(0);
    assert!(insecure.stderr.contains("warning: --insecure"), "{}", insecure.stderr);
    // A file that is not PEM is a usage error naming its flag.
    let not_pem = sb.run(&["check", &target, "--tls", "--cacert", &key]).expect(2);
    assert!(not_pem.stderr.contains("--cacert: not a usable PEM file"), "{}", not_pem.stderr);
}

#[test]
fn tls_works_through_port_forward_with_certificates_for_the_pods_dns_names_including_a_slot_move() {
    // As cert-manager issues them for a StatefulSet: DNS names only, no IP address.
    let certs = tempfile::tempdir().unwrap();
    let names = ["*.redis-cluster-headless.redis.svc.cluster.local", "redis.example"];
    write_certificates_for(certs.path(), names.iter().map(|n| (*n).to_owned()).collect());
    let kube = support::kube::FakeKube::start_with(Server::Redis, 3, &tls_server_args(certs.path()));
    let file = |name: &str| certs.path().join(name).to_str().unwrap().to_owned();
    let (ca, cert, key) = (file("ca.pem"), file("client.pem"), file("client.key"));
    let tls = ["--tls", "--cacert", &ca, "--tls-cert", &cert, "--tls-key", &key];
    let with_tls = |args: &[&str]| kube.run(&args.iter().chain(&tls).copied().collect::<Vec<_>>());
    with_tls(&["create", "--replicas", "0", "--yes"]).expect(0);
    let status = with_tls(&["status", "-o", "json"]).expect(0).json();
    let masters: Vec<String> =
        status["nodes"].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap().to_owned()).collect();
    // The slot mover's connections are forwarded too; the servers MIGRATE to each other over TLS.
    // (The test's own client speaks no TLS: the tool's sample keys are written and verified.)
    with_tls(&["sample-keys", "write", "--count", "3000"]).expect(0);
    with_tls(&["reshard", "--from", &masters[0], "--to", &masters[1], "--slots", "2000", "--yes"]).expect(0);
    with_tls(&["check"]).expect(0);
    with_tls(&["sample-keys", "verify", "--count", "3000"]).expect(0);
    assert!(kube.forwarded() >= 3, "{:?}", kube.requests());

    // Dialled by address, a node's certificate is checked against that address, unless
    // --tls-server-name names what it is issued for.
    let node = ["check", "--nodes", &kube.sandbox.addrs[0], "--tls", "--cacert", &ca, "--tls-cert", &cert, "--tls-key", &key];
    let run = run_in(kube.sandbox.state.path(), &node, &[]).expect(4);
    assert!(run.stderr.contains("TLS handshake failed") && run.stderr.contains("names checked: 127.77."), "{}", run.stderr);
    let named: Vec<&str> = node.iter().copied().chain(["--tls-server-name", "redis.example"]).collect();
    run_in(kube.sandbox.state.path(), &named, &[]).expect(0);
}

/// Three masters and an empty fourth one, with `keys` keys written.
fn three_masters_and_an_empty_one(server: Server, keys: usize, server_args: &[String]) -> (Sandbox, Vec<(String, String)>) {
    let mut sb = Sandbox::start(server, 0);
    sb.grow_with(4, server_args);
    let three = sb.addrs[..3].join(",");
    sb.run(&["create", "--nodes", &three, "--yes"]).expect(0);
    sb.run(&["add-node", &sb.addrs[3], &sb.target(), "--yes"]).expect(0);
    let keys = write_keys(&sb.addrs[0], keys);
    (sb, keys)
}

fn reshard_and_rebalance_move_exactly_what_was_planned_and_keep_every_key(server: Server) {
    let (sb, keys) = three_masters_and_an_empty_one(server, 20_000, &[]);
    let lines = support::json_lines(
        &sb.run(&["reshard", "--from", "all", "--to", &sb.addrs[3], "--slots", "100", &sb.target(), "--yes", "-o", "json"])
            .expect(0),
    );
    let plan = &lines[0]["plan"];
    let planned: u64 = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["slots"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let r = r.as_str().unwrap();
                    r.split_once('-').map_or(1, |(a, b)| b.parse::<u64>().unwrap() - a.parse::<u64>().unwrap() + 1)
                })
                .sum::<u64>()
        })
        .sum();
    assert_eq!(planned, 100);
    assert_eq!(lines.last().unwrap()["outcome"], "applied");
    assert_eq!(sb.owned_slots(3), 100);
    assert_all_keys(&sb.addrs[0], &keys);

    let dry =
        support::json_lines(&sb.run(&["rebalance", "--use-empty-masters", &sb.target(), "--dry-run", "-o", "json"]).expect(0));
    assert_eq!(dry.last().unwrap()["outcome"], "dry-run");
    assert_eq!(sb.owned_slots(3), 100, "a dry run moved slots");

    let run = sb.run(&["rebalance", "--use-empty-masters", &sb.target(), "--yes"]).expect(0);
    let expected_backend = if server == Server::Valkey { "atomic" } else { "legacy" };
    assert!(run.stdout.contains(expected_backend), "{}", run.stdout);
    for i in 0..4 {
        assert_eq!(sb.owned_slots(i), 4096, "node {i} after rebalance");
    }
    assert_eq!(sb.open_slots(), 0);
    assert_all_keys(&sb.addrs[0], &keys);
    assert_eq!(sb.verdict()["problems"], 0);
    // Balanced within the threshold: nothing to do.
    let again = sb.run(&["rebalance", "--use-empty-masters", &sb.target(), "--yes"]).expect(0);
    assert!(again.stdout.contains("nothing to do"), "{}", again.stdout);
    // Weight 0 drains a master.
    sb.run(&["rebalance", "--weight", &format!("{}=0", sb.addrs[3]), &sb.target(), "--yes"]).expect(0);
    assert_eq!(sb.owned_slots(3), 0);
    assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn legacy_migration_on_valkey_with_replicas_keeps_every_key() {
    // Valkey replicates SETSLOT to replicas and waits for them; the legacy path must cope.
    let mut sb = Sandbox::start(Server::Valkey, 6);
    sb.create(1);
    sb.grow(7);
    sb.run(&["add-node", &sb.addrs[6], &sb.target(), "--yes"]).expect(0);
    let keys = write_keys(&sb.addrs[0], 10_000);
    sb.run(&["rebalance", "--use-empty-masters", "--migration", "legacy", &sb.target(), "--yes"]).expect(0);
    assert_eq!(sb.owned_slots(6), 4096);
    assert_eq!(sb.open_slots(), 0);
    assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn slot_moves_refuse_unsafe_starts_and_change_nothing() {
    let (sb, keys) = three_masters_and_an_empty_one(Server::Redis, 2_000, &[]);
    let shape = cluster_shape(&sb.addrs);
    let target = sb.target();
    // More slots than the sources own, a replica or unknown node as target, bad flags.
    sb.run(&["reshard", "--from", &sb.addrs[0], "--to", &sb.addrs[3], "--slots", "6000", &target, "--yes"]).expect(3);
    sb.run(&["reshard", "--from", "all", "--to", "ffffffff", "--slots", "10", &target, "--yes"]).expect(2);
    sb.run(&["rebalance", "--weight", "nonsense", &target, "--yes"]).expect(2);
    sb.run(&["rebalance", "--migration", "atomic", "--use-empty-masters", &target, "--yes"]).expect(2);
    // Without a terminal and without --yes.
    sb.run(&["rebalance", "--use-empty-masters", &target]).expect(3);
    // The target would go past its maxmemory.
    query::<()>(&mut sb.conn(3), &["CONFIG", "SET", "maxmemory", "3mb"]);
    let run = sb.run(&["rebalance", "--use-empty-masters", &target, "--yes"]).expect(3);
    assert!(run.stderr.contains("maxmemory"), "{}", run.stderr);
    query::<()>(&mut sb.conn(3), &["CONFIG", "SET", "maxmemory", "0"]);
    // An open slot nobody of ours left.
    let ids: Vec<String> = (0..4).map(|i| query(&mut sb.conn(i), &["CLUSTER", "MYID"])).collect();
    query::<()>(&mut sb.conn(1), &["CLUSTER", "SETSLOT", "6000", "MIGRATING", &ids[2]]);
    let run = sb.run(&["rebalance", "--use-empty-masters", &target, "--yes"]).expect(3);
    assert!(run.stderr.contains("slot 6000 is open") && run.stderr.contains("fix"), "{}", run.stderr);
    query::<()>(&mut sb.conn(1), &["CLUSTER", "SETSLOT", "6000", "STABLE"]);
    // A stopped node.
    sb.signal(2, "-STOP");
    let run = sb.run(&["rebalance", "--use-empty-masters", &target, "--yes", "--timeout", "1s"]);
    sb.signal(2, "-CONT");
    let run = run.expect(3);
    assert!(run.stderr.contains(&sb.addrs[2]), "{}", run.stderr);

    assert_eq!(cluster_shape(&sb.addrs), shape);
    assert!(!sb.journal_exists());
    assert_all_keys(&sb.addrs[0], &keys);
}

/// The arguments of a deliberately slow rebalance: two keys per MIGRATE, one move at a time.
const SLOW_REBALANCE: [&str; 7] = ["rebalance", "--use-empty-masters", "--yes", "--batch-keys", "2", "--parallel", "1"];

/// A cluster with 150k keys and a slow rebalance onto its empty master, returned once slots have moved.
fn rebalance_under_way(server_args: &[String]) -> (Sandbox, Vec<(String, String)>, std::process::Child) {
    let (sb, keys) = three_masters_and_an_empty_one(Server::Redis, 150_000, server_args);
    let target = sb.target();
    let mut args = SLOW_REBALANCE.to_vec();
    args.push(&target);
    let child = sb.spawn(&args);
    assert!(
        eventually(Duration::from_secs(60), || sb.journal_exists() && sb.owned_slots(3) > 0),
        "the rebalance never got going"
    );
    (sb, keys, child)
}

/// The same rebalance, run to the end.
fn finish_rebalance(sb: &Sandbox) -> support::Run {
    sb.run(&["rebalance", "--use-empty-masters", "--yes", &sb.target()]).expect(0)
}

#[test]
fn a_rebalance_killed_midway_converges_when_run_again() {
    let (sb, keys, mut child) = rebalance_under_way(&[]);
    child.kill().unwrap();
    child.wait().unwrap();
    let moved_before = sb.owned_slots(3);
    assert!(moved_before < 4096, "the rebalance finished before it was killed");
    assert!(sb.journal_exists());

    let run = finish_rebalance(&sb);
    assert!(run.stdout.contains("resuming the interrupted"), "{}", run.stdout);
    for i in 0..4 {
        assert_eq!(sb.owned_slots(i), 4096, "node {i} after the re-run");
    }
    assert_eq!(sb.open_slots(), 0);
    assert!(!sb.journal_exists());
    assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn ctrl_c_finishes_the_slots_in_flight_and_stops_cleanly_with_a_command_line_that_continues() {
    let (sb, keys) = three_masters_and_an_empty_one(Server::Redis, 150_000, &[]);
    let target = sb.target();
    let args: Vec<&str> = SLOW_REBALANCE.iter().copied().chain([target.as_str(), "--threshold", "1", "-o", "json"]).collect();
    let child = sb.spawn(&args);
    assert!(eventually(Duration::from_secs(60), || sb.owned_slots(3) > 0), "the rebalance never got going");
    let ok = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success();
    assert!(ok);
    let run = support::wait_with_limit(child, Duration::from_secs(60));
    assert_eq!(run.code, 130, "{}\n{}", run.stdout, run.stderr);
    let result = support::json_lines(&run).into_iter().find(|e| e["event"] == "result").expect("a result event");
    assert_eq!(result["outcome"], "stopped", "{result}");
    let resume = result["resume"].as_str().unwrap().to_owned();
    assert_eq!(resume, "kubectl redis rebalance --use-empty-masters --threshold 1 --sandbox=t", "{result}");
    assert!(run.stderr.contains(&format!("run `{resume}` to continue")), "{}", run.stderr);
    assert_eq!(sb.open_slots(), 0, "Ctrl-C left an open slot");
    assert!(sb.owned_slots(3) < 4096);
    assert_all_keys(&sb.addrs[0], &keys);
    // The line continues as it reads (the journal's request is the same).
    let words: Vec<&str> = resume.split(' ').skip(2).chain(["--yes"]).collect();
    let again = sb.run(&words).expect(0);
    assert!(again.stdout.contains("resuming the interrupted"), "{}", again.stdout);
    assert_eq!(sb.owned_slots(3), 4096);
    assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn a_target_killed_mid_migration_is_a_clear_error_and_check_fix_repairs_it() {
    // Nodes keep their data across the kill: every acknowledged key is on disk.
    let aof: Vec<String> =
        ["--appendonly", "yes", "--appendfsync", "always"].iter().map(|a| format!("--server-arg={a}")).collect();
    let (mut sb, keys, child) = rebalance_under_way(&aof);
    sb.signal(3, "-KILL");
    let run = support::wait_with_limit(child, Duration::from_secs(60));
    let first = move_failure(&run);
    assert!(first.contains(&sb.addrs[3]) && first.contains("may be left open"), "{first}");

    restart_killed(&mut sb, 4); // from its own data and nodes.conf
    let fixed = sb.run(&["check", "--fix", &sb.target(), "--yes", "-o", "json"]);
    assert!([0, 10].contains(&fixed.code), "check --fix did not leave a healthy cluster: {}\n{}", fixed.stdout, fixed.stderr);
    assert_eq!(sb.open_slots(), 0);
    assert_all_keys(&sb.addrs[0], &keys);
    // The interrupted rebalance can now be finished by running it again.
    finish_rebalance(&sb);
    assert_eq!(sb.owned_slots(3), 4096);
    assert_all_keys(&sb.addrs[0], &keys);
}

/// `grow` back to `nodes` (restarting killed ones from their files), then waits until each has
/// loaded its data set and answers, and no node is marked failing any more: a command run then
/// has what it needs, and must succeed the first time.
fn restart_killed(sb: &mut Sandbox, nodes: usize) {
    sb.grow(nodes);
    let loaded = eventually(Duration::from_secs(60), || {
        (0..sb.addrs.len()).all(|i| redis::cmd("PING").query::<String>(&mut sb.conn(i)).is_ok())
    });
    assert!(loaded, "a restarted node never finished loading");
    let back = eventually(Duration::from_secs(60), || {
        let codes = finding_codes(&sb.verdict());
        !codes.iter().any(|c| ["unreachable", "fail", "pfail", "not-serving"].contains(&c.as_str()))
    });
    assert!(back, "the cluster still counts a node as failing: {}", sb.verdict());
}

/// The master with a slot MIGRATING (the source of the move in flight), once there is one.
fn migrating_source(sb: &Sandbox) -> usize {
    let mut found = None;
    let seen = eventually(Duration::from_secs(30), || {
        found = (0..sb.addrs.len()).find(|&i| {
            let text: String = query(&mut sb.conn(i), &["CLUSTER", "NODES"]);
            text.lines().any(|l| l.contains("myself") && l.contains("->-"))
        });
        found.is_some()
    });
    assert!(seen, "no slot was ever open on a source");
    found.unwrap()
}

/// The tool's one error line, after asserting it failed with exit 1 and hinted at the way on.
#[track_caller]
fn move_failure(run: &support::Run) -> String {
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("hint: once every node is back"), "{}", run.stderr);
    run.stderr.lines().find(|l| l.starts_with("error: ")).expect("an error line").to_owned()
}

#[test]
fn a_source_or_bystander_killed_mid_move_is_named_with_the_open_slots_and_a_rerun_finishes_once_it_is_back() {
    let aof: Vec<String> =
        ["--appendonly", "yes", "--appendfsync", "always"].iter().map(|a| format!("--server-arg={a}")).collect();
    let (mut sb, keys, child) = rebalance_under_way(&aof);
    let target = sb.target();
    let slow: Vec<&str> = SLOW_REBALANCE.iter().copied().chain([target.as_str()]).collect();

    // The source of the move in flight dies.
    let source = migrating_source(&sb);
    sb.signal(source, "-KILL");
    let error = move_failure(&support::wait_with_limit(child, Duration::from_secs(60)));
    assert!(error.contains(&sb.addrs[source]) && error.contains("may be left open"), "{error}");
    restart_killed(&mut sb, 4); // back from its append-only file and nodes.conf

    // Running it again resumes; now a master that takes no part in the move in flight dies: it
    // cannot be told the slots' new owner, and the move stops naming it.
    let before = sb.owned_slots(3);
    let mut child = sb.spawn(&slow);
    let moving = eventually(Duration::from_secs(60), || sb.owned_slots(3) > before || child.try_wait().unwrap().is_some());
    assert!(
        moving && child.try_wait().unwrap().is_none(),
        "the re-run never moved a slot: {:?}",
        support::wait_with_limit(child, Duration::from_secs(5))
    );
    let source = migrating_source(&sb);
    let bystander = (0..3).find(|&i| i != source).unwrap();
    sb.signal(bystander, "-KILL");
    let error = move_failure(&support::wait_with_limit(child, Duration::from_secs(90)));
    assert!(error.contains(&sb.addrs[bystander]) && error.contains("may be left open"), "{error}");
    restart_killed(&mut sb, 4);

    let finished = sb.run(&["rebalance", "--use-empty-masters", "--yes", &target]);
    assert_eq!(finished.code, 0, "the re-run did not finish the rebalance: {}\n{}", finished.stderr, sb.verdict());
    for i in 0..4 {
        assert_eq!(sb.owned_slots(i), 4096, "node {i} after the re-run");
    }
    assert_eq!(sb.open_slots(), 0);
    assert_all_keys(&sb.addrs[0], &keys);
}

fn a_source_failing_over_with_an_open_slot_stops_the_move_and_fix_finishes_it_from_the_new_master(server: Server) {
    let sb = Sandbox::start(server, 8);
    sb.create(1);
    let keys = write_keys(&sb.addrs[0], 60_000);
    let source = (0..8).find(|&i| is_master(&sb, i)).unwrap();
    let source_id: String = query(&mut sb.conn(source), &["CLUSTER", "MYID"]);
    let replica = (0..8)
        .find(|&i| {
            let text: String = query(&mut sb.conn(i), &["CLUSTER", "NODES"]);
            text.lines().any(|l| l.contains("myself") && l.contains(&format!("slave {source_id}")))
        })
        .unwrap();
    let target = sb.target();
    let weight = format!("{}=0", sb.addrs[source]);
    let drain = ["rebalance", "--weight", &weight, "--yes", &target];
    // A manual failover pauses the source's clients for a while: a generous --timeout lets the
    // move see the new role rather than time out first on a loaded machine.
    let slow = [&drain[..], &["--batch-keys", "2", "--parallel", "1", "--migration", "legacy", "--timeout", "20s"]].concat();
    let child = sb.spawn(&slow);
    assert_eq!(migrating_source(&sb), source);

    // The replica takes over while a slot of its master is open.
    take_over(&sb, replica);
    let run = support::wait_with_limit(child, Duration::from_secs(90));
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let error = run.stderr.lines().find(|l| l.starts_with("error: ")).expect("an error line");
    assert!(error.contains(&sb.addrs[source]) && error.contains("may be left open"), "{error}");
    assert!(error.contains("no longer its master"), "{error}");
    assert!(run.stderr.contains("hint: run `kubectl redis fix`"), "{}", run.stderr);

    // fix finishes the open slot from its new owner; the drain then goes on from the new master.
    let fix = sb.run(&["fix", &target, "--yes"]);
    assert_eq!(fix.code, 0, "{}\n{}", fix.stdout, fix.stderr);
    assert_eq!(sb.open_slots(), 0);
    let weight = format!("{}=0", sb.addrs[replica]);
    sb.run(&["rebalance", "--weight", &weight, "--yes", &target]).expect(0);
    assert_eq!((sb.owned_slots(source), sb.owned_slots(replica)), (0, 0), "the drained shard still owns slots");
    assert_all_keys(&sb.addrs[0], &keys);
    // The drained master turned replica (replica migration) syncs first.
    let healthy = eventually(Duration::from_secs(60), || [0, 10].contains(&sb.run(&["check", &target]).code));
    assert!(healthy, "{}", sb.verdict());
}

#[test]
fn fix_finishes_an_open_slot_and_covers_an_uncovered_one() {
    let sb = Sandbox::start(Server::Redis, 3);
    sb.create(0);
    let ids: Vec<String> = (0..3).map(|i| query(&mut sb.conn(i), &["CLUSTER", "MYID"])).collect();
    // Slot 0 half-moved from node 0 to node 1: one key already there, one still on node 0.
    for key in ["{06S}a", "{06S}b"] {
        query::<()>(&mut sb.conn(0), &["SET", key, "v"]);
    }
    query::<()>(&mut sb.conn(1), &["CLUSTER", "SETSLOT", "0", "IMPORTING", &ids[0]]);
    query::<()>(&mut sb.conn(0), &["CLUSTER", "SETSLOT", "0", "MIGRATING", &ids[1]]);
    let (host, port) = sb.addrs[1].split_once(':').unwrap();
    query::<String>(&mut sb.conn(0), &["MIGRATE", host, port, "", "0", "5000", "KEYS", "{06S}a"]);
    // Slot 16383 forgotten by every node.
    for i in 0..3 {
        query::<()>(&mut sb.conn(i), &["CLUSTER", "DELSLOTS", "16383"]);
    }
    let before = sb.verdict();
    let codes: Vec<&str> = before["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"open-slot") && codes.contains(&"uncovered-slots"), "{codes:?}");

    let plan = sb.run(&["fix", &sb.target(), "--dry-run", "-o", "json"]).expect(0).json();
    assert_eq!(plan["outcome"], "dry-run");
    assert_eq!(sb.open_slots(), 2, "a dry run repaired something");
    let report = sb.run(&["fix", &sb.target(), "--yes", "-o", "json"]).json();
    assert_eq!(report["check"]["problems"], 0, "{report}");
    assert_eq!(sb.open_slots(), 0);
    let a: Option<String> = query(&mut sb.conn(1), &["GET", "{06S}a"]);
    let b: Option<String> = query(&mut sb.conn(1), &["GET", "{06S}b"]);
    assert_eq!((a.as_deref(), b.as_deref()), (Some("v"), Some("v")), "slot 0 finished on node 1 with both keys");
    assert_eq!(sb.verdict()["slots_covered"], 16384);
}

#[test]
fn fix_leaves_a_slot_open_while_its_peer_does_not_answer_and_finishes_it_once_it_does() {
    let sb = Sandbox::start(Server::Redis, 3);
    sb.create(0);
    let slot = own_first_slot(&sb, 0);
    let names = half_move(&sb, slot, 1, 4, 2);
    // The importing node stops answering: it holds two of the keys, which a STABLE on the source
    // would strand.
    sb.signal(1, "-STOP");
    let fix = sb.run(&["fix", &sb.target(), "--timeout", "1s", "--yes"]);
    let check = sb.run(&["check", &sb.target(), "--timeout", "1s"]);
    let source_view: String = query(&mut sb.conn(0), &["CLUSTER", "NODES"]);
    sb.signal(1, "-CONT");
    let fix = fix.expect(1);
    assert!(fix.stderr.contains(&format!("slot {slot} left open: ")) && fix.stderr.contains(&sb.addrs[1]), "{}", fix.stderr);
    check.expect(11);
    assert!(source_view.contains(&format!("[{slot}->-")), "the source's migrating marker was cleared: {source_view}");
    sb.run(&["fix", &sb.target(), "--yes"]).expect(0);
    assert_eq!(sb.open_slots(), 0);
    assert_eq!(keys_on(&sb, 1, &names), names.len(), "every key of the slot reached its new owner");
}

/// SIGKILLs the sandbox's last node, drops it from the sandbox's list, and waits until the others mark it failed.
fn kill_last_node_until_failed(sb: &mut Sandbox) {
    let last = sb.addrs.len() - 1;
    sb.signal(last, "-KILL");
    sb.pids.truncate(last);
    sb.addrs.truncate(last);
    let failed = eventually(Duration::from_secs(30), || {
        let v = sb.run(&["check", "--nodes", &sb.addrs[0], "-o", "json"]).json();
        v["findings"].as_array().unwrap().iter().any(|f| f["code"] == "fail")
    });
    assert!(failed, "the killed node was never marked failed");
}

/// The node that owns `slot`.
fn owner_of(sb: &Sandbox, slot: i64) -> usize {
    let owner = support::slot_owner(&sb.addrs[0], &key_in_slot(&mut sb.conn(0), slot, "o"));
    sb.addrs.iter().position(|a| *a == owner).unwrap()
}

/// Opens slot `slot` from its owner to node `to` by hand with `keys` keys in it, `moved` of them
/// already on `to`, as an interrupted migration leaves it.
fn half_move(sb: &Sandbox, slot: i64, to: usize, keys: usize, moved: usize) -> Vec<String> {
    let from = owner_of(sb, slot);
    let tag = key_in_slot(&mut sb.conn(from), slot, "tag");
    let names: Vec<String> = (0..keys).map(|i| format!("{{{tag}}}:{i}")).collect();
    let mut pipe = redis::pipe();
    for name in &names {
        pipe.cmd("SET").arg(name).arg("v").ignore();
    }
    pipe.query::<()>(&mut sb.conn(from)).unwrap();
    let ids: Vec<String> = [from, to].iter().map(|&i| query(&mut sb.conn(i), &["CLUSTER", "MYID"])).collect();
    query::<()>(&mut sb.conn(to), &["CLUSTER", "SETSLOT", &slot.to_string(), "IMPORTING", &ids[0]]);
    query::<()>(&mut sb.conn(from), &["CLUSTER", "SETSLOT", &slot.to_string(), "MIGRATING", &ids[1]]);
    let (host, port) = sb.addrs[to].split_once(':').unwrap();
    for name in &names[..moved] {
        query::<String>(&mut sb.conn(from), &["MIGRATE", host, port, "", "0", "5000", "KEYS", name]);
    }
    names
}

/// Every named key is on node `index` (asked with ASKING, so an open slot's keys count).
fn keys_on(sb: &Sandbox, index: usize, names: &[String]) -> usize {
    let mut pipe = redis::pipe();
    for name in names {
        pipe.cmd("ASKING").ignore().cmd("EXISTS").arg(name);
    }
    pipe.query::<Vec<u64>>(&mut sb.conn(index)).unwrap().into_iter().sum::<u64>() as usize
}

#[test]
fn fix_forgets_a_dead_ghost_first_and_then_finishes_an_open_slot() {
    let mut sb = Sandbox::start(Server::Redis, 4);
    let three = sb.addrs[..3].join(",");
    sb.run(&["create", "--nodes", &three, "--yes"]).expect(0);
    sb.run(&["add-node", &sb.addrs[3], "--nodes", &sb.addrs[0], "--yes"]).expect(0);
    let to = (owner_of(&sb, 0) + 1) % 3;
    let names = half_move(&sb, 0, to, 50, 20);
    // The empty master dies: a ghost no member runs, that every move would try to tell the new owner.
    kill_last_node_until_failed(&mut sb);
    let run = sb.run(&["fix", "--nodes", &sb.addrs[0], "--yes", "-o", "json"]);
    assert!([0, 10].contains(&run.code), "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    assert_eq!(report["check"]["problems"], 0, "{report}");
    let steps: Vec<String> =
        report["plan"]["steps"].as_array().unwrap().iter().map(|s| s["step"].as_str().unwrap().to_owned()).collect();
    let (forget, moves) = (steps.iter().position(|s| s == "forget"), steps.iter().position(|s| s == "move-slots"));
    assert!(forget.unwrap() < moves.unwrap(), "the ghost is forgotten before slots move: {steps:?}");
    for i in 0..3 {
        let nodes: String = query(&mut sb.conn(i), &["CLUSTER", "NODES"]);
        assert_eq!(nodes.lines().count(), 3, "node {i} still knows the ghost");
    }
    assert_eq!(sb.open_slots(), 0);
    assert_eq!(keys_on(&sb, to, &names), 50, "slot 0 finished on its new owner with every key");
}

/// fix moves slots as every command does: a Ctrl-C lets the move in flight finish and starts no
/// other; the same fix then finishes what is left.
#[test]
fn ctrl_c_stops_fix_after_the_move_in_flight_and_fix_finishes_the_rest() {
    let sb = Sandbox::start(Server::Redis, 3);
    sb.create(0);
    // Two slots half-moved, from two masters to the third: two moves, run one at a time.
    let to = (0..3).find(|&i| i != owner_of(&sb, 0) && i != owner_of(&sb, 16383)).unwrap();
    let slots = [half_move(&sb, 0, to, 20_000, 0), half_move(&sb, 16383, to, 20_000, 10)];
    let slow = ["fix", &sb.target(), "--yes", "-o", "json", "--parallel", "1", "--batch-keys", "1", "--pace", "fast"];
    let child = sb.spawn(&slow);
    let count = |slot: &str| query::<u64>(&mut sb.conn(to), &["CLUSTER", "COUNTKEYSINSLOT", slot]);
    assert!(eventually(Duration::from_secs(60), || count("0") > 0 || count("16383") > 10), "fix never started moving");
    let ok = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success();
    assert!(ok);
    let run = support::wait_with_limit(child, Duration::from_secs(120));
    assert_eq!(run.code, 130, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.json()["outcome"], "stopped");
    assert!(run.stderr.contains("run `kubectl redis fix --sandbox=t` to continue"), "{}", run.stderr);
    let arrived: Vec<usize> = slots.iter().map(|names| keys_on(&sb, to, names)).collect();
    assert!(
        arrived == [20_000, 10] || arrived == [0, 20_000],
        "the move in flight finished and the other never started: {arrived:?}"
    );
    let again = sb.run(&["fix", &sb.target(), "--yes", "-o", "json"]);
    assert!([0, 10].contains(&again.code), "{}\n{}", again.stdout, again.stderr);
    assert_eq!(sb.open_slots(), 0);
    assert_eq!(slots.iter().map(|names| keys_on(&sb, to, names)).collect::<Vec<_>>(), [20_000, 20_000]);
}

/// A key name that hashes to `slot`, found by asking the server.
fn key_in_slot(conn: &mut redis::Connection, slot: i64, prefix: &str) -> String {
    (0..200_000)
        .map(|i| format!("{prefix}{i}"))
        .find(|k| query::<i64>(conn, &["CLUSTER", "KEYSLOT", k]) == slot)
        .expect("some key hashes to every slot")
}

/// Puts `key` on node `index` although that node does not own its slot (a stray copy).
fn plant_stray_key(sb: &Sandbox, index: usize, owner_id: &str, slot: i64, key: &str, value: &str) {
    let mut conn = sb.conn(index);
    let slot = slot.to_string();
    query::<()>(&mut conn, &["CLUSTER", "SETSLOT", &slot, "IMPORTING", owner_id]);
    let () = redis::pipe().cmd("ASKING").ignore().cmd("SET").arg(key).arg(value).ignore().query(&mut conn).unwrap();
    query::<()>(&mut conn, &["CLUSTER", "SETSLOT", &slot, "STABLE"]);
}

#[test]
fn keys_on_both_nodes_are_replaced_when_identical_and_stop_the_move_when_not() {
    let (sb, keys) = three_masters_and_an_empty_one(Server::Redis, 1_000, &[]);
    let owner: String = query(&mut sb.conn(0), &["CLUSTER", "MYID"]);
    // Node 0 owns 0-5460; a one-slot reshard takes its top slot, 5460.
    let same = key_in_slot(&mut sb.conn(0), 5460, "same");
    let differs = key_in_slot(&mut sb.conn(0), 5459, "differs");
    query::<()>(&mut sb.conn(0), &["SET", &same, "v1"]);
    query::<()>(&mut sb.conn(0), &["SET", &differs, "value-on-source-7c1"]);
    plant_stray_key(&sb, 3, &owner, 5460, &same, "v1");
    plant_stray_key(&sb, 3, &owner, 5459, &differs, "value-on-target-7c1");

    // More keys in that slot: one MIGRATE carries them all, moves them and fails on the busy one.
    for i in 0..4 {
        query::<()>(&mut sb.conn(0), &["SET", &format!("{{{same}}}:{i}"), "v"]);
    }
    let in_slot: u64 = query(&mut sb.conn(0), &["CLUSTER", "COUNTKEYSINSLOT", "5460"]);

    let one = ["reshard", "--from", &sb.addrs[0], "--to", &sb.addrs[3], "--slots", "1", &sb.target(), "--yes"];
    let moved = sb.run(&[&one[..], &["-o", "json"]].concat()).expect(0);
    let result = support::json_lines(&moved).into_iter().find(|e| e["event"] == "result").unwrap();
    assert_eq!(result["summary"]["keys_moved"], in_slot, "every key of the slot counts, the busy one too: {result}");
    let got: Option<String> = query(&mut sb.conn(3), &["GET", &same]);
    assert_eq!(got.as_deref(), Some("v1"));

    let run = sb.run(&one).expect(1);
    assert!(
        run.stderr.contains("different values") && run.stderr.contains(&differs) && run.stderr.contains("--replace"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("value-on-"), "values must not be printed: {}", run.stderr);
    assert_eq!(sb.open_slots(), 2, "the conflicting slot stays open (migrating and importing)");
    let target_copy: Option<String> =
        redis::pipe().cmd("ASKING").ignore().cmd("GET").arg(&differs).query::<(Option<String>,)>(&mut sb.conn(3)).unwrap().0;
    assert_eq!(target_copy.as_deref(), Some("value-on-target-7c1"), "nothing was overwritten without --replace");

    // The same request with --replace resumes the interrupted move and overwrites the target's copy.
    let mut replace = one.to_vec();
    replace.push("--replace");
    let run = sb.run(&replace).expect(0);
    assert!(run.stdout.contains("resuming"), "{}", run.stdout);
    let got: Option<String> = query(&mut sb.conn(3), &["GET", &differs]);
    assert_eq!(got.as_deref(), Some("value-on-source-7c1"));
    assert_eq!(sb.open_slots(), 0);
    assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn migrate_forwards_acl_credentials_to_the_target() {
    let (sb, keys) = three_masters_and_an_empty_one(Server::Redis, 5_000, &[]);
    // Only the ACL user may run commands: MIGRATE must authenticate to the target with AUTH2.
    for i in 0..4 {
        let mut conn = sb.conn(i);
        query::<()>(&mut conn, &["ACL", "SETUSER", "mover", "on", ">mover-secret", "~*", "&*", "+@all"]);
        query::<()>(&mut conn, &["ACL", "SETUSER", "default", "resetpass", ">locked-out"]);
    }
    let env = [("REDISCLI_AUTH", "mover-secret")];
    let run =
        sb.run_env(&["rebalance", "--use-empty-masters", "--redis-user", "mover", &sb.target(), "--yes", "-o", "json"], &env);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("mover-secret") && !run.stderr.contains("mover-secret"), "the password leaked");
    for i in 0..4 {
        let mut conn = sb.conn(i);
        query::<()>(&mut conn, &["AUTH", "locked-out"]);
        query::<()>(&mut conn, &["ACL", "SETUSER", "default", "nopass"]);
    }
    assert_eq!(sb.owned_slots(3), 4096);
    assert_all_keys(&sb.addrs[0], &keys);
}

/// Waits until check finds no problem (a node that was stopped is no longer marked failing).
fn until_no_problems(sb: &Sandbox) {
    let clean = eventually(Duration::from_secs(60), || [0, 10].contains(&sb.run(&["check", &sb.target()]).code));
    assert!(clean, "{}", sb.verdict());
}

/// CLUSTER GETSLOTMIGRATIONS on node `index`, one `slot_ranges state` line per job.
fn slot_jobs(sb: &Sandbox, index: usize) -> Vec<String> {
    let jobs: Vec<Vec<String>> = query(&mut sb.conn(index), &["CLUSTER", "GETSLOTMIGRATIONS"]);
    let field = |job: &[String], name: &str| job.iter().position(|f| f == name).map(|i| job[i + 1].clone()).unwrap_or_default();
    jobs.iter().map(|job| format!("{} {}", field(job, "slot_ranges"), field(job, "state"))).collect()
}

#[test]
fn atomic_moves_wait_for_a_job_running_on_the_server_and_give_up_a_stalled_one_of_their_own() {
    let (sb, keys) = three_masters_and_an_empty_one(Server::Valkey, 20_000, &[]);
    let target = sb.target();
    let id = |i: usize| -> String { query(&mut sb.conn(i), &["CLUSTER", "MYID"]) };
    let rebalance = ["rebalance", &target, "--use-empty-masters", "--yes", "--wait-timeout", "3s", "--timeout", "1s"];

    // A job someone else started on node 0 stalls: its target, node 2, is stopped. A rebalance
    // waits for it (bounded), refuses without changing anything, and never cancels it.
    let stopped = id(2);
    sb.signal(2, "-STOP");
    query::<()>(&mut sb.conn(0), &["CLUSTER", "MIGRATESLOTS", "SLOTSRANGE", "0", "99", "NODE", &stopped]);
    let started = Instant::now();
    let run = sb.run(&rebalance).expect(3);
    assert!(run.stderr.contains("an atomic slot migration still runs on") && run.stderr.contains("slots 0-99"), "{}", run.stderr);
    assert!(started.elapsed() >= Duration::from_secs(3), "it did not wait for the job");
    assert_eq!(sb.owned_slots(3), 0, "the refused rebalance moved slots");
    let jobs = slot_jobs(&sb, 0);
    assert!(jobs.iter().any(|j| j.starts_with("0-99 ") && !j.ends_with("cancelled")), "the other job was touched: {jobs:?}");
    sb.signal(2, "-CONT");
    assert!(eventually(Duration::from_secs(30), || slot_jobs(&sb, 0).iter().any(|j| j == "0-99 success")));
    until_no_problems(&sb);

    // Its own job stalls (the target, node 3, is stopped): given up after --wait-timeout, cancelled.
    let gentle: Vec<&str> = rebalance.iter().copied().chain(["--pace", "gentle"]).collect();
    let child = sb.spawn(&gentle);
    assert!(eventually(Duration::from_secs(60), || sb.owned_slots(3) > 0), "the rebalance never got going");
    sb.signal(3, "-STOP");
    let run = support::wait_with_limit(child, Duration::from_secs(60));
    sb.signal(3, "-CONT");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("made no progress for 3s") && run.stderr.contains("cancelled"), "{}", run.stderr);
    assert!(slot_jobs(&sb, 0).iter().chain(&slot_jobs(&sb, 1)).chain(&slot_jobs(&sb, 2)).any(|j| j.ends_with("cancelled")));
    until_no_problems(&sb);
    sb.run(&["rebalance", &target, "--use-empty-masters", "--yes"]).expect(0);
    assert_eq!((0..4).map(|i| sb.owned_slots(i)).collect::<Vec<_>>(), [4096; 4]);
    assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn legacy_moves_refuse_keys_outside_database_0_and_atomic_moves_them() {
    let args: Vec<String> = ["--cluster-databases", "4"].iter().map(|a| format!("--server-arg={a}")).collect();
    let (sb, keys) = three_masters_and_an_empty_one(Server::Valkey, 2_000, &args);
    let key = key_in_slot(&mut sb.conn(0), 5460, "db1-");
    let mut conn = sb.conn(0);
    let () = redis::pipe().cmd("SELECT").arg(1).ignore().cmd("SET").arg(&key).arg("in-db-1").ignore().query(&mut conn).unwrap();
    let shape = cluster_shape(&sb.addrs);
    let run = sb.run(&["rebalance", "--use-empty-masters", "--migration", "legacy", &sb.target(), "--yes"]).expect(3);
    assert!(run.stderr.contains("databases other than 0") && run.stderr.contains("--migration atomic"), "{}", run.stderr);
    assert_eq!(cluster_shape(&sb.addrs), shape);
    sb.run(&["rebalance", "--use-empty-masters", &sb.target(), "--yes"]).expect(0);
    assert_eq!(sb.owned_slots(3), 4096);
    let mut owner = sb.conn(3);
    let (value,): (Option<String>,) = redis::pipe().cmd("SELECT").arg(1).ignore().cmd("GET").arg(&key).query(&mut owner).unwrap();
    assert_eq!(value.as_deref(), Some("in-db-1"), "the atomic migration moved database 1 too");
    assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn del_node_removes_a_dead_replica_from_every_node() {
    let sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    let replica = status["nodes"].as_array().unwrap().iter().find(|n| n["role"] == "replica").unwrap().clone();
    let index = sb.addrs.iter().position(|a| *a == replica["addr"]).unwrap();
    let id = replica["id"].as_str().unwrap().to_owned();
    sb.signal(index, "-KILL");
    let run = sb.run(&["del-node", &id[..10], &sb.target(), "--yes"]).expect(0);
    assert!(run.stdout.contains("it is forgotten, not reset"), "{}", run.stdout);
    for i in (0..6).filter(|i| *i != index) {
        let nodes: String = query(&mut sb.conn(i), &["CLUSTER", "NODES"]);
        assert!(!nodes.contains(&id), "node {i} still knows the removed node");
    }
}

#[test]
fn fix_rolls_back_a_migration_whose_target_is_gone() {
    let mut sb = Sandbox::start(Server::Redis, 4);
    let three = sb.addrs[..3].join(",");
    sb.run(&["create", "--nodes", &three, "--yes"]).expect(0);
    sb.run(&["add-node", &sb.addrs[3], "--nodes", &sb.addrs[0], "--yes"]).expect(0);
    let gone: String = query(&mut sb.conn(3), &["CLUSTER", "MYID"]);
    let key = key_in_slot(&mut sb.conn(0), 100, "stays");
    query::<()>(&mut sb.conn(0), &["SET", &key, "kept"]);
    query::<()>(&mut sb.conn(0), &["CLUSTER", "SETSLOT", "100", "MIGRATING", &gone]);
    kill_last_node_until_failed(&mut sb);
    let report = sb.run(&["fix", "--nodes", &sb.addrs[0], "--yes", "-o", "json"]).json();
    let summary = report["plan"]["summary"].to_string();
    assert!(summary.contains("slot 100: the target") && summary.contains("is gone"), "{summary}");
    assert_eq!(report["check"]["problems"], 0, "{report}");
    assert_eq!(sb.open_slots(), 0);
    let value: Option<String> = query(&mut sb.conn(0), &["GET", &key]);
    assert_eq!(value.as_deref(), Some("kept"));
}

/// `scale … --yes -o json` on the sandbox; the sandbox's members are read again afterwards.
fn scale(sb: &mut Sandbox, args: &[&str]) -> serde_json::Value {
    let target = sb.target();
    let mut all = vec!["scale", target.as_str(), "--yes", "-o", "json"];
    all.extend(args);
    let doc = sb.run(&all).expect(0).json();
    sb.refresh();
    doc
}

/// (masters, replicas) as status counts them.
fn shape(sb: &Sandbox) -> (u64, u64) {
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    (status["masters"].as_u64().unwrap(), status["replicas"].as_u64().unwrap())
}

/// Keys over all masters: the cluster holds exactly what the test wrote.
fn keys_on_masters(sb: &Sandbox) -> usize {
    (0..sb.addrs.len()).filter(|&i| is_master(sb, i)).map(|i| query::<usize>(&mut sb.conn(i), &["DBSIZE"])).sum()
}

fn is_master(sb: &Sandbox, index: usize) -> bool {
    let info: String = query(&mut sb.conn(index), &["INFO", "replication"]);
    info.contains("role:master")
}

/// The slots of the `shards` fullest shards that have a member among the first `members` members:
/// what a shrink to those members can keep in place.
fn slots_of_shards_with(sb: &Sandbox, members: usize, shards: usize) -> u64 {
    let text: String = query(&mut sb.conn(0), &["CLUSTER", "NODES"]);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
    let mut kept = std::collections::BTreeMap::new();
    for addr in &sb.addrs[..members] {
        let line = lines.iter().find(|f| f[1].starts_with(&format!("{addr}@"))).expect("a member line");
        let master = if line[3] == "-" { line[0] } else { line[3] };
        let master_line = lines.iter().find(|f| f[0] == master).unwrap();
        let slots: u64 = master_line[8..]
            .iter()
            .map(|r| r.split_once('-').map_or(1, |(a, b)| b.parse::<u64>().unwrap() - a.parse::<u64>().unwrap() + 1))
            .sum();
        kept.insert(master, slots);
    }
    let mut sizes: Vec<u64> = kept.into_values().collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.into_iter().take(shards).sum()
}

/// A failover, finished: the replica leads and its old master knows it is a replica now.
/// A busy master may not catch its replica up within the server's 5 s limit, and the server then
/// drops the failover silently: it is asked again, as the executor does.
fn fail_over_to(sb: &Sandbox, index: usize) {
    assert!(fail_over_with(sb, index, &[], 4), "node {index} never took over");
}

/// `fail_over_to`, then, if the graceful failover never went through, a FORCE one (the replica
/// takes over without the master's agreement, as when the master is too busy to hand over).
/// Starved of CPU with a move of two keys per MIGRATE running on the master, eight graceful
/// tries in a row were dropped.
fn take_over(sb: &Sandbox, index: usize) {
    let done = fail_over_with(sb, index, &[], 3) || fail_over_with(sb, index, &["FORCE"], 3);
    assert!(done, "node {index} never took over");
}

fn fail_over_with(sb: &Sandbox, index: usize, options: &[&str], tries: usize) -> bool {
    let masters = |sb: &Sandbox| (0..sb.addrs.len()).filter(|i| is_master(sb, *i)).count();
    let before = masters(sb);
    (0..tries).any(|_| {
        if !is_master(sb, index) {
            query::<()>(&mut sb.conn(index), &[&["CLUSTER", "FAILOVER"][..], options].concat());
        }
        eventually(Duration::from_secs(10), || is_master(sb, index) && masters(sb) == before)
    })
}

#[track_caller]
fn assert_healthy_with_every_key(sb: &Sandbox, doc: &serde_json::Value, keys: &[(String, String)]) {
    assert_eq!(doc["check"]["healthy"], true, "{}", doc["check"]);
    assert_all_keys(&sb.addrs[0], keys);
    assert_eq!(keys_on_masters(sb), keys.len(), "the cluster holds other keys than those written");
}

/// Runs `change` while an independent cluster client writes; then every acknowledged write is
/// there and the cluster has no problem.
fn under_load(sb: &mut Sandbox, what: &str, change: impl FnOnce(&mut Sandbox)) {
    under_focused_load(sb, what, None, change);
}

/// `under_load`, with half of the writes going to the slot of hash tag `tag`.
fn under_focused_load(sb: &mut Sandbox, what: &str, tag: Option<&str>, change: impl FnOnce(&mut Sandbox)) {
    let load = support::load::Load::start_focused(&sb.addrs[0], tag);
    change(sb);
    let tally = load.stop();
    eprintln!("{:?} {what}", sb.server);
    support::load::assert_nothing_lost(&tally, &sb.addrs[0]);
    // Healthy, or warnings only (a master left without a replica by del-node).
    let check = sb.run(&["check", &sb.target()]);
    assert!(check.code == 0 || check.code == 10, "{what}: check exit {}\n{}", check.code, check.stdout);
}

/// Names of the masters, as status lists them.
fn master_names(sb: &Sandbox) -> Vec<String> {
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    let nodes = status["nodes"].as_array().unwrap().iter();
    nodes.filter(|n| n["role"] == "master").map(|n| n["name"].as_str().unwrap().to_owned()).collect()
}

fn acknowledged_writes_survive_every_change_under_live_traffic(server: Server) {
    let mut sb = Sandbox::start(server, 6);
    sb.create(1);
    let keys = write_keys(&sb.addrs[0], 1000);
    let target = sb.target();
    // Both backends where the server has both: Valkey 9 moves atomically unless told otherwise.
    let backends: &[&str] = if server == Server::Valkey { &["legacy", "atomic"] } else { &["legacy"] };

    under_load(&mut sb, "scale 3x1 -> 4x1", |sb| {
        scale(sb, &["--masters", "4"]);
    });
    // The reshard at the gentle pace, the rebalance at the default (auto): the client is there.
    for backend in backends {
        // Gentle atomic jobs carry one slot each (a job's fixed latency, ~0.1 s here, is taken for
        // busy time) and pause after it: a few slots per second, so fewer slots on that path.
        let slots = if *backend == "atomic" { "100" } else { "600" };
        under_load(&mut sb, &format!("reshard + rebalance ({backend})"), |sb| {
            let masters = master_names(sb);
            let reshard = ["reshard", &target, "--from", &masters[0], "--to", &masters[3], "--slots", slots, "--yes"];
            sb.run(&[&reshard[..], &["--migration", backend, "--pace", "gentle"]].concat()).expect(0);
            sb.run(&["rebalance", &target, "--yes", "--migration", backend]).expect(0);
        });
    }
    // Half of the writes go to the open slot: old keys on its owner, new ones (by ASK) on the target.
    under_focused_load(&mut sb, "fix of an open slot", Some("open"), |sb| {
        let slot: i64 = query(&mut sb.conn(0), &["CLUSTER", "KEYSLOT", "{open}"]);
        let (slot, owner) = (slot.to_string(), support::slot_owner(&sb.addrs[0], "{open}"));
        let other = (0..8).find(|&i| sb.addrs[i] != owner && is_master(sb, i)).map(|i| sb.addrs[i].clone()).unwrap();
        let id = |addr: &str| -> String { query(&mut support::connect(addr), &["CLUSTER", "MYID"]) };
        // A slot left open as an interrupted redis-cli reshard leaves it, while clients write to it.
        query::<()>(&mut support::connect(&other), &["CLUSTER", "SETSLOT", &slot, "IMPORTING", &id(&owner)]);
        query::<()>(&mut support::connect(&owner), &["CLUSTER", "SETSLOT", &slot, "MIGRATING", &id(&other)]);
        std::thread::sleep(Duration::from_secs(1));
        sb.run(&["fix", &target, "--yes"]).expect(0);
    });
    under_load(&mut sb, "del-node + add-node", |sb| {
        sb.run(&["del-node", &sb.addrs[7], &target, "--yes"]).expect(0);
        let first = master_names(sb)[0].clone();
        sb.run(&["add-node", &sb.addrs[7], &target, "--replica-of", &first, "--yes"]).expect(0);
    });
    // t-7 now replicates a master among t-0..t-5; as its master, a scale down to t-0..t-5 must
    // fail it over to a kept member, while t-6's shard is dropped and its slots move.
    fail_over_to(&sb, 7);
    under_load(&mut sb, "scale 4x1 -> 3x1 with a failover", |sb| {
        let down = scale(sb, &["--masters", "3"]);
        assert!(!down["plan"]["failovers"].as_array().unwrap().is_empty(), "{down}");
    });
    assert_all_keys(&sb.addrs[0], &keys);
}

fn scale_up_then_down_moves_only_the_new_or_dropped_shards_slots(server: Server) {
    let mut sb = Sandbox::start(server, 6);
    sb.create(1);
    let keys = write_keys(&sb.addrs[0], 2000);

    let up = scale(&mut sb, &["--masters", "4"]);
    assert_eq!(up["outcome"], "applied");
    assert_eq!((up["plan"]["resize"]["from"].as_u64(), up["plan"]["resize"]["to"].as_u64()), (Some(6), Some(8)));
    // The fewest slots that give the new master its quarter.
    assert_eq!(up["slots_moved"], 4096, "{up}");
    assert_eq!((sb.addrs.len(), shape(&sb)), (8, (4, 4)));
    assert_healthy_with_every_key(&sb, &up, &keys);
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    let names: Vec<&str> = status["nodes"].as_array().unwrap().iter().filter_map(|n| n["name"].as_str()).collect();
    assert_eq!(names.len(), 8, "status names every member: {status}");
    assert!(names.iter().all(|n| n.starts_with("t-")), "{names:?}");

    let down = scale(&mut sb, &["--masters", "3"]);
    assert_eq!(down["outcome"], "applied");
    // Only the dropped shard's slots move.
    assert_eq!(down["slots_moved"], 4096, "{down}");
    assert_eq!(down["plan"]["leaving"].as_array().unwrap().len(), 2);
    assert_eq!((sb.addrs.len(), shape(&sb)), (6, (3, 3)));
    assert_healthy_with_every_key(&sb, &down, &keys);

    let again = scale(&mut sb, &["--masters", "3"]);
    assert_eq!((again["outcome"].as_str(), again["slots_moved"].as_u64()), (Some("nothing-to-do"), Some(0)));
}

#[test]
fn scale_walks_from_3x1_to_5x1_to_3x0_to_3x2_keeping_every_key() {
    let mut sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    let keys = write_keys(&sb.addrs[0], 3000);

    let five = scale(&mut sb, &["--masters", "5"]);
    // Five masters hold 3277 or 3276 slots: the three old ones keep 3277 each, the rest moves.
    assert_eq!(five["slots_moved"], 16384 - 3 * 3277, "{five}");
    assert_eq!((sb.addrs.len(), shape(&sb)), (10, (5, 5)));
    assert_healthy_with_every_key(&sb, &five, &keys);

    // t-0, t-1 and t-2 stay: the shards they belong to keep their slots, all others move.
    let minimum = 16384 - slots_of_shards_with(&sb, 3, 3);
    let bare = scale(&mut sb, &["--masters", "3", "--replicas", "0"]);
    assert_eq!(bare["slots_moved"], minimum, "{bare}");
    assert_eq!((sb.addrs.len(), shape(&sb)), (3, (3, 0)));
    assert_healthy_with_every_key(&sb, &bare, &keys);

    let replicated = scale(&mut sb, &["--replicas", "2", "--masters", "3"]);
    assert_eq!(replicated["slots_moved"], 0, "adding replicas moves no slot");
    assert_eq!((sb.addrs.len(), shape(&sb)), (9, (3, 6)));
    assert_healthy_with_every_key(&sb, &replicated, &keys);
}

#[test]
fn a_shrink_whose_highest_member_is_a_master_fails_over_instead_of_moving_slots() {
    let mut sb = Sandbox::start(Server::Redis, 9);
    sb.create(2);
    let keys = write_keys(&sb.addrs[0], 2000);
    if !is_master(&sb, 8) {
        fail_over_to(&sb, 8);
    }

    // 3×2 → 3×1: t-6, t-7 and t-8 leave; every shard keeps a member, so no slot moves.
    let plan = sb.run(&["scale", &sb.target(), "--masters", "3", "--replicas", "1", "--dry-run", "-o", "json"]).expect(0).json();
    let failovers = plan["plan"]["failovers"].as_array().unwrap();
    assert!(failovers.iter().any(|f| f["demote"] == "t-8"), "{plan}");
    assert_eq!(plan["plan"]["slots_moving"], 0, "{plan}");

    let done = scale(&mut sb, &["--masters", "3", "--replicas", "1"]);
    assert_eq!(done["slots_moved"], 0, "{done}");
    assert_eq!((sb.addrs.len(), shape(&sb)), (6, (3, 3)));
    assert_healthy_with_every_key(&sb, &done, &keys);
}

#[test]
fn a_shrink_after_failovers_made_low_ordinals_replicas_keeps_the_fullest_shards() {
    let mut sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    let keys = write_keys(&sb.addrs[0], 2000);
    let replicas: Vec<usize> = (0..6).filter(|&i| !is_master(&sb, i)).collect();
    for &i in &replicas {
        fail_over_to(&sb, i);
    }
    // Now the members that were replicas are the masters; the old masters follow them.
    let masters = replicas;

    // Two members leave (t-4, t-5). Only the slots of the shard that is dropped move.
    let minimum = 16384 - slots_of_shards_with(&sb, 4, 2);
    let done = scale(&mut sb, &["--masters", "2", "--replicas", "1", "--force"]);
    assert_eq!(done["slots_moved"], minimum, "{done}");
    let leaving_masters = masters.iter().filter(|&&m| m >= 4).count();
    assert!(done["plan"]["failovers"].as_array().unwrap().len() <= leaving_masters, "{done}");
    assert_eq!((sb.addrs.len(), shape(&sb)), (4, (2, 2)));
    assert_healthy_with_every_key(&sb, &done, &keys);
}

#[test]
fn stale_storage_that_holds_data_is_emptied_only_when_named_and_a_refusal_after_growing_is_exit_1() {
    let mut sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    let keys = write_keys(&sb.addrs[0], 1000);
    // Members 6 and 7 once formed another cluster: 6 owns a slot and keeps a key, 7 only knows 6.
    // Then the sandbox shrank, keeping their storage.
    sb.resize(8);
    let (host, port) = sb.addrs[7].split_once(':').unwrap();
    query::<()>(&mut sb.conn(6), &["CLUSTER", "MEET", host, port]);
    assert!(eventually(Duration::from_secs(10), || query::<String>(&mut sb.conn(7), &["CLUSTER", "NODES"]).lines().count() == 2));
    support::give_lone_node_a_key(&mut sb.conn(6), "left-over");
    query::<()>(&mut sb.conn(6), &["SAVE"]);
    sb.resize(6);
    let before = cluster_shape(&sb.addrs);

    // Without a terminal and without --yes nothing happens, not even the growth.
    let run = sb.run(&["scale", &sb.target(), "--masters", "4"]).expect(3);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    sb.refresh();
    assert_eq!((sb.addrs.len(), cluster_shape(&sb.addrs)), (6, before.clone()));

    // --yes grows the platform, then finds t-6's data: refused, and exit 1 since it grew.
    let run = sb.run(&["scale", &sb.target(), "--masters", "4", "--yes", "-o", "json"]).expect(1);
    assert!(run.stderr.contains("t-6") && run.stderr.contains("1 slot(s) and 1 key(s)"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--discard-data-on t-6") && run.stderr.contains("note: this run had already changed"),
        "{}",
        run.stderr
    );
    assert_eq!((run.json()["exit_code"].as_u64(), run.json()["changed"].as_bool()), (Some(1), Some(true)));
    sb.refresh();
    assert_eq!((sb.addrs.len(), cluster_shape(&sb.addrs[..6])), (8, before.clone()));
    assert_eq!(query::<u64>(&mut sb.conn(6), &["DBSIZE"]), 1, "the data of t-6 was touched");

    // Now the sandbox has 8 members, as in the review: refused before anything changes (exit 3).
    let run = sb.run(&["scale", &sb.target(), "--masters", "4", "--yes"]).expect(3);
    assert!(run.stderr.contains("--discard-data-on t-6") && !run.stderr.contains("note:"), "{}", run.stderr);
    assert_eq!(cluster_shape(&sb.addrs[..6]), before);

    // Named, t-6 is emptied; t-7 (no slots, no keys) is reset under --yes alone.
    let done = scale(&mut sb, &["--masters", "4", "--discard-data-on", "t-6"]);
    assert_eq!(done["reset_stale"], serde_json::json!(["t-6", "t-7"]), "{done}");
    assert_eq!(done["slots_moved"], 4096);
    assert_eq!(shape(&sb), (4, 4));
    assert_healthy_with_every_key(&sb, &done, &keys);
}

/// Valkey keeps keys in other databases in cluster mode; the legacy path cannot move them. Found
/// when the slots are about to move — after the platform grew and the members joined — the
/// refusal is exit 1, not "nothing changed".
#[test]
fn a_refusal_after_scale_changed_the_cluster_is_exit_1() {
    let mut sb = Sandbox::start(Server::Valkey, 0);
    sb.grow_with(6, &["--server-arg=--cluster-databases".to_owned(), "--server-arg=4".to_owned()]);
    sb.create(1);
    let master = (0..6).find(|&i| is_master(&sb, i)).unwrap();
    let key = key_in_slot(&mut sb.conn(master), own_first_slot(&sb, master), "db1-");
    redis::pipe().cmd("SELECT").arg(1).ignore().cmd("SET").arg(&key).arg("v").ignore().query::<()>(&mut sb.conn(master)).unwrap();
    let run = sb.run(&["scale", &sb.target(), "--masters", "4", "--migration", "legacy", "--yes", "-o", "json"]).expect(1);
    assert!(run.stderr.contains("databases other than 0") && run.stderr.contains("note: this run had already"), "{}", run.stderr);
    assert_eq!(run.json()["exit_code"], 1);
    sb.refresh();
    assert_eq!(sb.addrs.len(), 8, "the platform grew before the refusal");
}

/// The first slot node `index` owns.
fn own_first_slot(sb: &Sandbox, index: usize) -> i64 {
    let text: String = query(&mut sb.conn(index), &["CLUSTER", "NODES"]);
    let me = text.lines().find(|l| l.contains("myself")).unwrap();
    let first = me.split(' ').nth(8).unwrap();
    first.split('-').next().unwrap().parse().unwrap()
}

#[test]
fn a_scale_down_killed_midway_converges_when_run_again() {
    let mut sb = Sandbox::start(Server::Redis, 8);
    sb.create(1);
    let keys = write_keys(&sb.addrs[0], 150_000);
    let target = sb.target();
    let child = sb.spawn(&["scale", &target, "--masters", "3", "--yes", "--batch-keys", "2", "--parallel", "1"]);
    let draining = |sb: &Sandbox| (0..8).any(|i| (1..4096).contains(&sb.owned_slots(i)));
    assert!(eventually(Duration::from_secs(60), || sb.journal_exists() && draining(&sb)), "the drain never got going");
    let mut child = child;
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(draining(&sb), "the scale finished before it was killed");

    let run = sb.run(&["scale", &target, "--masters", "3", "--yes", "-o", "json"]).expect(0);
    sb.refresh();
    let done = run.json();
    assert_eq!((sb.addrs.len(), shape(&sb)), (6, (3, 3)));
    assert_eq!(sb.open_slots(), 0);
    assert!(!sb.journal_exists());
    assert_healthy_with_every_key(&sb, &done, &keys);
}

#[test]
fn scale_refusals_leave_the_cluster_unchanged() {
    let mut sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    let keys = write_keys(&sb.addrs[0], 20_000);
    let before = cluster_shape(&sb.addrs);
    let target = sb.target();

    let run = sb.run(&["scale", &target, "--masters", "2", "--yes"]).expect(3);
    assert!(run.stderr.contains("--force") && run.stderr.contains("hint:"), "{}", run.stderr);
    let run = sb.run(&["scale", &target, "--masters", "0", "--yes"]).expect(2);
    assert!(run.stderr.contains("give a whole number from 1 to 1000"), "{}", run.stderr);
    sb.run(&["scale", &target, "--masters", "3", "--replicas", "11", "--yes"]).expect(2);
    let plan = sb.run(&["scale", &target, "--masters", "4", "--dry-run", "-o", "json"]).expect(0).json();
    assert_eq!(plan["outcome"], "dry-run");
    assert_eq!(plan["plan"]["resize"]["to"], 8);
    // The masters that would stay have no room for a dropped shard's data.
    for i in (0..6).filter(|&i| is_master(&sb, i)) {
        let info: String = query(&mut sb.conn(i), &["INFO", "memory"]);
        let used: u64 = info.lines().find_map(|l| l.strip_prefix("used_memory:")).unwrap().trim().parse().unwrap();
        query::<()>(&mut sb.conn(i), &["CONFIG", "SET", "maxmemory", &(used + 50_000).to_string()]);
    }
    let run = sb.run(&["scale", &target, "--masters", "2", "--force", "--yes"]).expect(3);
    assert!(run.stderr.contains("maxmemory"), "{}", run.stderr);

    sb.refresh();
    assert_eq!((sb.addrs.len(), cluster_shape(&sb.addrs)), (6, before));
    assert_eq!(sb.open_slots(), 0);
    assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn scale_with_static_nodes_grows_onto_listed_spares_and_names_whom_it_removes() {
    let mut sb = Sandbox::start(Server::Redis, 4);
    let three = sb.addrs[..3].join(",");
    sb.run(&["create", "--nodes", &three, "--yes"]).expect(0);
    let keys = write_keys(&sb.addrs[0], 2000);

    // Without a spare there is nowhere to grow.
    let run = sb.run(&["scale", "--nodes", &sb.addrs[0], "--masters", "4", "--yes"]).expect(3);
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    let with_spare = format!("{},{}", sb.addrs[0], sb.addrs[3]);
    let up = sb.run(&["scale", "--nodes", &with_spare, "--masters", "4", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!((up["slots_moved"].as_u64(), up["plan"]["resize"].is_null()), (Some(4096), true), "{up}");
    assert_healthy_with_every_key(&sb, &up, &keys);

    let down = sb.run(&["scale", "--nodes", &sb.addrs[0], "--masters", "3", "--yes", "-o", "json"]).expect(0).json();
    let leaving = down["plan"]["leaving"].as_array().unwrap();
    assert_eq!((down["slots_moved"].as_u64(), leaving.len()), (Some(4096), 1), "{down}");
    let removed = sb.addrs.iter().position(|a| leaving[0] == a.as_str()).expect("the plan names the removed node's address");
    let alone: String = query(&mut sb.conn(removed), &["CLUSTER", "NODES"]);
    assert_eq!(alone.lines().count(), 1, "the removed node was reset");
    sb.addrs.remove(removed);
    assert_healthy_with_every_key(&sb, &down, &keys);
}

fn a_statefulset_is_created_and_scaled_through_the_kubernetes_api_and_port_forward(server: Server) {
    let kube = support::kube::FakeKube::start(server, 6);
    let created = kube.run(&["create", "--replicas", "1", "--wait", "synced", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(created["check"]["healthy"], true, "{created}");
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    let mut names: Vec<&str> = status["nodes"].as_array().unwrap().iter().filter_map(|n| n["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, (0..6).map(|i| format!("redis-cluster-{i}")).collect::<Vec<_>>(), "{status}");
    let placed = |n: &serde_json::Value| {
        n["site"]["host"].as_str().is_some_and(|h| h.starts_with("host-"))
            && n["site"]["zone"].as_str().is_some_and(|z| z.starts_with("zone-"))
    };
    assert!(status["nodes"].as_array().unwrap().iter().all(placed), "Kubernetes node and zone per pod: {status}");
    let keys = write_keys(&kube.sandbox.addrs[0], 2000);

    let up = kube.run(&["scale", "--masters", "4", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!((up["slots_moved"].as_u64(), kube.replicas()), (Some(4096), 8), "{up}");
    assert!(kube.requests().contains(&"PATCH statefulsets/redis-cluster/scale".to_owned()));
    assert_eq!(up["check"]["healthy"], true, "{up}");
    assert_eq!(up["plan"]["placement"]["status"], "optimal", "Kubernetes nodes and zones place the replicas: {up}");
    assert_all_keys(&kube.sandbox.addrs[0], &keys);

    // The claims cannot be deleted (403) once the shard is drained and the set shrunk: exit 1, as
    // the cluster changed; the same command with the permission back deletes what is left.
    kube.revoke("persistentvolumeclaims", "delete");
    let failed = kube.run(&["scale", "--masters", "3", "--delete-storage", "--yes", "-o", "json"]).expect(1);
    assert!(failed.stderr.contains("cannot delete resource \"persistentvolumeclaims\""), "{}", failed.stderr);
    assert_eq!((kube.replicas(), kube.claims().len()), (6, 8), "shrunk, the claims still there");
    kube.restore_rules();
    let down = kube.run(&["scale", "--masters", "3", "--delete-storage", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!((down["outcome"].as_str(), kube.replicas()), (Some("nothing-to-do"), 6), "{down}");
    assert_eq!(down["check"]["healthy"], true, "{down}");
    let claims: Vec<String> = kube.claims().into_iter().collect();
    assert_eq!(
        claims,
        (0..6).map(|i| format!("data-redis-cluster-{i}")).collect::<Vec<_>>(),
        "the removed pods' claims are deleted"
    );
    assert_all_keys(&kube.sandbox.addrs[0], &keys);
    assert!(kube.forwarded() >= 8, "{:?}", kube.requests());
    // Counted exactly: every connection a node accepts during a check is one the API server
    // relayed to its pod (the first reading's own connection aside).
    let pods: Vec<String> = (0..6).map(|i| format!("redis-cluster-{i}")).collect();
    let before: Vec<(u64, usize)> =
        (0..6).map(|i| (support::connections_received(&kube.sandbox.addrs[i]), kube.forwarded_to(&pods[i]))).collect();
    kube.run(&["check", "--views", "full"]).expect(0);
    for (i, (accepted, relayed)) in before.into_iter().enumerate() {
        let accepted = support::connections_received(&kube.sandbox.addrs[i]) - accepted - 1;
        let relayed = kube.forwarded_to(&pods[i]) - relayed;
        assert_eq!((accepted, relayed > 0), (relayed as u64, true), "{}: a connection the API server did not relay", pods[i]);
    }
}

/// Behind a proxy the plugin works where kubectl works: HTTP_PROXY (the server is http) or the
/// kubeconfig's proxy-url (SOCKS5 here) carry every request, port-forward included; a loopback
/// server is never proxied. The server's name (`kube.invalid`) resolves nowhere: only the proxy
/// can reach it.
#[test]
fn the_api_server_is_reached_through_a_connect_or_socks5_proxy_as_kubectl_chooses_it() {
    let kube = support::kube::FakeKube::start(Server::Redis, 3);
    kube.run(&["create", "--replicas", "0", "--yes"]).expect(0);
    let proxy = support::proxy::Proxy::start();
    let http_proxy = format!("http://{}", proxy.addr);
    let status = |kubeconfig: &std::path::Path, env: &[(&str, &str)]| {
        let args = ["status", "redis-cluster", "--kubeconfig", kubeconfig.to_str().unwrap(), "-o", "json"];
        run_in(kube.sandbox.state.path(), &args, env)
    };
    let named = kube.kubeconfig_naming("kube.invalid", None);
    let forwarded = kube.forwarded();
    let run = status(&named, &[("HTTP_PROXY", &http_proxy), ("HTTPS_PROXY", "http://127.0.0.1:1")]).expect(0);
    assert_eq!(run.json()["masters"], 3);
    assert!(kube.forwarded() >= forwarded + 3, "every pod was reached through port-forward, so through the proxy");
    let tunnels = proxy.tunnels();
    let port = kube.kubeconfig_port();
    assert!(!tunnels.is_empty() && tunnels.iter().all(|t| *t == format!("CONNECT kube.invalid:{port}")), "{tunnels:?}");

    let socks = kube.kubeconfig_naming("kube.invalid", Some(&format!("socks5://{}", proxy.addr)));
    status(&socks, &[]).expect(0);
    assert!(proxy.tunnels().iter().any(|t| *t == format!("SOCKS5 kube.invalid:{port}")), "{:?}", proxy.tunnels());

    let before = proxy.tunnels().len();
    status(&kube.kubeconfig, &[("HTTP_PROXY", &http_proxy)]).expect(0);
    assert_eq!(proxy.tunnels().len(), before, "a loopback server went through the proxy");
}

/// Through port-forward, the cluster's addresses are mapped to pods of the whole namespace (a
/// cluster may span two StatefulSets); an address no pod has is refused, never dialled.
#[test]
fn port_forward_reaches_every_pod_of_the_namespace_and_refuses_an_address_that_is_no_pods() {
    let kube = support::kube::FakeKube::start(Server::Redis, 6);
    kube.run(&["create", "--replicas", "1", "--yes"]).expect(0);
    kube.split_followers(3);
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    assert_eq!(status["nodes"].as_array().unwrap().iter().filter(|n| n["reachable"] == true).count(), 6, "{status}");
    assert!(kube.forwarded_to("redis-cluster-follower-2") > 0, "the follower set's pods are reached through port-forward");

    kube.hide_pod(Some(5));
    let hidden = &kube.sandbox.addrs[5];
    let accepted = support::connections_received(hidden);
    // Reading reports it (no pod runs it); changing refuses, saying why it was not reached.
    let check = kube.run(&["check", "-o", "json"]).expect(10);
    let ghost = check.json()["findings"].as_array().unwrap().iter().find(|f| f["code"] == "ghost").cloned();
    assert!(ghost.is_some_and(|f| f["node"].as_str().unwrap().contains(hidden.as_str())), "{}", check.stdout);
    let refused = kube.run(&["rebalance", "--threshold", "0", "--yes"]).expect(3);
    assert!(refused.stderr.contains(&format!("{hidden} is no pod's IP in namespace redis")), "{}", refused.stderr);
    assert_eq!(support::connections_received(hidden) - accepted, 1, "the node no pod stands for was dialled directly");
}

/// Discovery follows the cluster being worked on: a node of another cluster among the entry
/// nodes is asked, but the nodes its view names are not (nor authenticated to).
#[test]
fn discovery_does_not_follow_the_view_of_a_node_from_another_cluster() {
    let sb = Sandbox::start(Server::Redis, 6);
    sb.run(&["create", "--nodes", &sb.addrs[..3].join(","), "--yes"]).expect(0);
    sb.run(&["create", "--nodes", &sb.addrs[3..].join(","), "--yes"]).expect(0);
    let before: Vec<u64> = sb.addrs[4..].iter().map(|a| support::connections_received(a)).collect();
    let entries = format!("{},{}", sb.addrs[0], sb.addrs[3]);
    let check = sb.run(&["check", "--nodes", &entries, "-o", "json"]).json();
    assert_eq!(check["masters"], 3, "{check}");
    let after: Vec<u64> = sb.addrs[4..].iter().map(|a| support::connections_received(a)).collect();
    assert_eq!(after, before.iter().map(|n| n + 1).collect::<Vec<_>>(), "the other cluster's nodes were asked");
    let named = check.to_string();
    assert!(named.contains(&sb.addrs[3]) && !named.contains(&sb.addrs[4]) && !named.contains(&sb.addrs[5]), "{check}");
}

#[test]
fn an_owned_statefulset_is_not_scaled_but_served_directly_with_pod_names_as_node_references() {
    let mut kube = support::kube::FakeKube::start(Server::Redis, 6);
    kube.connect = "direct";
    kube.run(&["create", "--replicas", "1", "--wait", "synced", "--yes"]).expect(0);
    kube.set_owner("RedisCluster cache");
    let run = kube.run(&["scale", "--masters", "4", "--yes"]).expect(3);
    assert!(run.stderr.contains("RedisCluster cache") && run.stderr.contains("hint:"), "{}", run.stderr);
    assert_eq!(kube.replicas(), 6);
    kube.run(&["check"]).expect(0);
    assert_eq!(kube.forwarded(), 0, "--connect direct dials pod IPs");
    // Pod names are node references: remove a replica by name (twice: the re-run finds it gone), add it back.
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    let replica = status["nodes"].as_array().unwrap().iter().find(|n| n["role"] == "replica").unwrap()["name"].clone();
    let replica = replica.as_str().unwrap();
    kube.run(&["del-node", replica, "--yes"]).expect(0);
    let again = kube.run(&["del-node", replica, "--yes"]).expect(0);
    assert!(again.stdout.contains("already removed"), "{}", again.stdout);
    kube.run(&["add-node", replica, "--replica", "--yes"]).expect(0);
    kube.run(&["check"]).expect(0);

    let kubeconfig = kube.kubeconfig.to_str().unwrap();
    let run = run_in(kube.sandbox.state.path(), &["status", "no-such-set", "--kubeconfig", kubeconfig], &[]).expect(4);
    assert!(run.stderr.contains("statefulset no-such-set not found in namespace redis"), "{}", run.stderr);
    // A Role without a verb the tool needs: the API server's 403 is passed on with what to ask for.
    kube.revoke("pods", "list");
    let run = kube.run(&["status"]).expect(3);
    assert!(
        run.stderr.contains("cannot list resource \"pods\"") && run.stderr.contains("hint: ask for that permission"),
        "{}",
        run.stderr
    );
}

#[test]
fn pods_the_scheduler_cannot_place_stop_a_scale_with_their_last_event_and_nothing_moved() {
    let kube = support::kube::FakeKube::start(Server::Redis, 6);
    kube.run(&["create", "--replicas", "1", "--wait", "synced", "--yes"]).expect(0);
    let before = cluster_digest(&kube.sandbox.addrs);
    kube.limit_capacity(6);
    let run = kube.run(&["scale", "--masters", "4", "--wait-timeout", "3s", "--yes"]).expect(1);
    let error = run.stderr.lines().find(|l| l.starts_with("error:")).unwrap_or_default();
    assert!(error.contains("redis-cluster-6 is not ready (Pending; PodScheduled Unschedulable)"), "{}", run.stderr);
    assert!(
        error.contains("last event FailedScheduling: 0/3 nodes are available: 3 Insufficient memory;"),
        "the newest event is quoted: {}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: kubectl describe pod -n redis redis-cluster-6;"), "{}", run.stderr);
    assert_eq!(cluster_digest(&kube.sandbox.addrs), before, "no slot moved, no node joined");
    kube.run(&["check"]).expect(0);
}

#[test]
fn a_kubeconfig_spread_over_several_files_in_kubeconfig_is_merged_as_kubectl_does() {
    let kube = support::kube::FakeKube::start(Server::Redis, 3);
    kube.run(&["create", "--replicas", "0", "--yes"]).expect(0);
    // The cluster and context in one file, the user and the current context in another.
    let text = std::fs::read_to_string(&kube.kubeconfig).unwrap();
    let (clusters, rest) = text.split_once("users:").unwrap();
    let dir = kube.sandbox.state.path();
    std::fs::write(dir.join("clusters.yaml"), format!("{clusters}contexts: []\n")).unwrap();
    std::fs::write(dir.join("users.yaml"), format!("apiVersion: v1\nkind: Config\nusers:{rest}")).unwrap();
    let paths = std::env::join_paths([dir.join("clusters.yaml"), dir.join("users.yaml")]).unwrap();
    let paths = paths.to_str().unwrap();
    let status = run_in(dir, &["status", "redis-cluster", "--connect", "port-forward", "-o", "json"], &[("KUBECONFIG", paths)]);
    let nodes = status.expect(0).json()["nodes"].as_array().unwrap().len();
    assert_eq!(nodes, 3);
}

#[test]
fn the_password_comes_from_the_secret_the_pod_template_names_or_the_one_given() {
    let mut kube = support::kube::FakeKube::start(Server::Redis, 6);
    kube.connect = "direct";
    // Without the optional ClusterRole, Nodes cannot be read: zones are unknown, not an error.
    kube.revoke_zone_access();
    kube.run(&["create", "--replicas", "1", "--wait", "synced", "--yes"]).expect(0);
    assert!(kube.requests().contains(&"FORBIDDEN get nodes".to_owned()));
    let keys = write_keys(&kube.sandbox.addrs[0], 1000);
    let password = "k8s-pass-7f3a";
    kube.put_secret("redis-cluster", &[("redis-password", password)]);
    kube.put_secret("other", &[("pw", password), ("user", "default")]);
    for i in 0..6 {
        let mut conn = kube.sandbox.conn(i);
        query::<()>(&mut conn, &["CONFIG", "SET", "masterauth", password]);
        query::<()>(&mut conn, &["CONFIG", "SET", "requirepass", password]);
    }
    let refused = kube.run(&["check"]).expect(3);
    assert!(refused.stderr.contains("hint:"), "without the Secret the nodes refuse: {}", refused.stderr);

    kube.take_password_from("redis-cluster", "redis-password");
    let status = kube.run(&["status", "-o", "json"]).expect(0);
    assert!(kube.requests().contains(&"GET secrets/redis-cluster".to_owned()));
    let nodes = status.json()["nodes"].as_array().unwrap().clone();
    assert!(nodes.iter().all(|n| n["site"]["host"].is_string() && n["site"]["zone"].is_null()), "{nodes:?}");
    let master = |doc: &serde_json::Value, n: usize| {
        let masters: Vec<&serde_json::Value> =
            doc["nodes"].as_array().unwrap().iter().filter(|n| n["role"] == "master").collect();
        masters[n]["name"].as_str().unwrap().to_owned()
    };
    // Pods are named by pod name, as anywhere a node is expected.
    let (from, to) = (master(&status.json(), 0), master(&status.json(), 1));
    let moved = kube.run(&["reshard", "--from", &from, "--to", &to, "--slots", "50", "--yes", "-v", "-o", "json"]).expect(0);
    kube.run(&["check"]).expect(0);

    // A Secret named on the command line wins; with several keys it needs the key.
    let named = kube.run(&["status", "--password-secret", "other:pw"]).expect(0);
    let ambiguous = kube.run(&["status", "--password-secret", "other"]).expect(2);
    assert!(ambiguous.stderr.contains("pw, user") && ambiguous.stderr.contains("other:KEY"), "{}", ambiguous.stderr);
    let missing = kube.run(&["status", "--password-secret", "nope"]).expect(2);
    assert!(missing.stderr.contains("secret nope not found in namespace redis"), "{}", missing.stderr);
    for run in [&refused, &status, &moved, &named, &ambiguous, &missing] {
        assert!(!run.stdout.contains(password) && !run.stderr.contains(password), "the password leaked");
    }

    for i in 0..6 {
        let mut conn = kube.sandbox.conn(i);
        query::<()>(&mut conn, &["AUTH", password]);
        query::<()>(&mut conn, &["CONFIG", "SET", "requirepass", ""]);
    }
    assert_all_keys(&kube.sandbox.addrs[0], &keys);
}

fn finding_codes(verdict: &serde_json::Value) -> Vec<String> {
    verdict["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn pods_restarted_under_new_ips_are_found_and_fix_makes_the_cluster_learn_their_addresses() {
    let persistence: Vec<String> = ["--appendonly", "yes"].iter().map(|a| format!("--server-arg={a}")).collect();
    let mut kube = support::kube::FakeKube::start_with(Server::Redis, 6, &persistence);
    kube.connect = "direct";
    kube.run(&["create", "--replicas", "1", "--wait", "synced", "--yes"]).expect(0);
    let keys = write_keys(&kube.sandbox.addrs[0], 2000);
    let old = kube.sandbox.addrs.clone();
    // Every pod at once, as a rollout or a node pool upgrade does: no node can reach another.
    kube.restart_pods(&[0, 1, 2, 3, 4, 5], true);
    assert!(kube.sandbox.addrs.iter().all(|a| !old.contains(a)), "{:?} {old:?}", kube.sandbox.addrs);

    let check = kube.run(&["check", "-o", "json"]).expect(11).json();
    let stale = finding_codes(&check).iter().filter(|c| *c == "stale-address").count();
    assert_eq!(stale, 6, "{check}");
    let fixed = kube.run(&["fix", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(fixed["check"]["healthy"], true, "{fixed}");
    // status counts each pod's restart and shows what it writes to disk.
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    assert_eq!(status["health"]["healthy"], true, "{status}");
    for node in status["nodes"].as_array().unwrap() {
        assert_eq!((node["restarts"].as_u64(), node["persistence"].as_str()), (Some(1), Some("aof")), "{node}");
    }
    assert!(kube.run(&["status"]).expect(0).stdout.contains("RESTARTS"));
    // Before `kubectl drain`: every master on one Kubernetes node fails over to another node.
    let node_of_a_master =
        status["nodes"].as_array().unwrap().iter().find(|n| n["role"] == "master").unwrap()["site"]["host"].clone();
    let k8s_node = node_of_a_master.as_str().unwrap();
    kube.run(&["drain-node", k8s_node, "--yes"]).expect(0);
    let after = kube.run(&["status", "-o", "json"]).expect(0).json();
    assert!(after["nodes"].as_array().unwrap().iter().all(|n| n["role"] != "master" || n["site"]["host"] != k8s_node), "{after}");
    for addr in &kube.sandbox.addrs {
        let nodes: String = query(&mut support::connect(addr), &["CLUSTER", "NODES"]);
        assert!(kube.sandbox.addrs.iter().all(|a| nodes.contains(a.as_str())), "{addr} lacks a new address:\n{nodes}");
        assert!(old.iter().all(|a| !nodes.contains(&format!("{a}@"))), "{addr} still has an old address:\n{nodes}");
    }
    assert_all_keys(&kube.sandbox.addrs[0], &keys);
}

#[test]
fn a_pod_outside_the_cluster_is_named_and_the_ghost_of_a_manual_scale_down_is_forgotten() {
    let mut kube = support::kube::FakeKube::start(Server::Redis, 6);
    kube.connect = "direct";
    kube.run(&["create", "--replicas", "1", "--wait", "synced", "--yes"]).expect(0);
    let keys = write_keys(&kube.sandbox.addrs[0], 1000);
    kube.scale_by_hand(7);
    let check = kube.run(&["check", "-o", "json"]).expect(10).json();
    assert_eq!(finding_codes(&check), ["not-in-cluster"], "{check}");
    let hint = check["findings"][0]["hint"].as_str().unwrap();
    assert!(hint.contains("kubectl redis add-node redis-cluster-6 redis-cluster -n redis"), "{hint}");

    // Joined by hand under the master in its own zone: check names the Kubernetes zone.
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    let zone_a = status["nodes"].as_array().unwrap().iter().find(|n| n["role"] == "master" && n["site"]["zone"] == "zone-a");
    let master = zone_a.unwrap()["name"].as_str().unwrap().to_owned();
    kube.run(&["add-node", "redis-cluster-6", "--replica-of", &master, "--yes"]).expect(0);
    let check = kube.run(&["check", "-o", "json"]).expect(10).json();
    assert_eq!(finding_codes(&check), ["replica-same-zone"], "{check}");
    assert!(check["findings"][0]["message"].as_str().unwrap().contains("zone-a"), "{check}");

    // `kubectl scale statefulset --replicas 6` by hand: the cluster keeps a node no pod runs.
    kube.scale_by_hand(6);
    let check = kube.run(&["check", "-o", "json"]).expect(10).json();
    assert_eq!(finding_codes(&check), ["ghost"], "{check}");
    assert!(check["findings"][0]["hint"].as_str().unwrap().contains("kubectl redis fix redis-cluster -n redis"), "{check}");
    let fixed = kube.run(&["fix", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(fixed["check"]["healthy"], true, "{fixed}");
    for i in 0..6 {
        let nodes: String = query(&mut kube.sandbox.conn(i), &["CLUSTER", "NODES"]);
        assert_eq!(nodes.lines().count(), 6, "{nodes}");
    }
    assert_all_keys(&kube.sandbox.addrs[0], &keys);
}

#[test]
fn the_lease_is_judged_by_what_the_run_sees_a_run_that_loses_it_stops_and_another_machine_resumes_its_journal() {
    let mut kube = support::kube::FakeKube::start(Server::Redis, 6);
    kube.connect = "direct";
    let name = "kubectl-redis-redis-cluster";
    kube.run(&["create", "--replicas", "1", "--yes"]).expect(0);
    let holder = || kube.lease(name).and_then(|l| l["spec"]["holderIdentity"].as_str().map(str::to_owned)).unwrap_or_default();
    assert_eq!(holder(), "", "released after the run");
    let keys = write_keys(&kube.sandbox.addrs[0], 400_000);

    // Someone whose run is alive (it renews) is changing the cluster: a changing run sees the
    // renewal and refuses; plans and reads go on.
    kube.put_lease(name, "alice@laptop (pid 7, rebalance)", 30);
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(500));
                kube.renew_lease(name);
            }
        });
        let started = Instant::now();
        let refused = kube.run(&["scale", "--masters", "4", "--yes"]);
        let elapsed = started.elapsed();
        // `call` of a write holds the lease too; a read does not need it.
        let write = kube.run_command(&["call", "--yes"], &["SET", "call-key", "v"]);
        let read = kube.run_command(&["call"], &["DBSIZE"]);
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        let refused = refused.expect(3);
        assert!(refused.stderr.contains("being changed by alice@laptop (pid 7, rebalance) since"), "{}", refused.stderr);
        assert!(elapsed < Duration::from_secs(10), "refused only after {elapsed:?}");
        assert!(write.expect(3).stderr.contains("being changed by alice@laptop"));
        read.expect(0);
    });
    assert_eq!(kube.replicas(), 6, "nothing changed");
    kube.run(&["scale", "--masters", "4", "--dry-run"]).expect(0);
    kube.run(&["check"]).expect(0);

    // Her run died: its record never changes again, and once it has stayed the same for its
    // duration (2 s here) the next run takes the lease over, whatever its timestamps say.
    kube.put_lease(name, "alice@laptop (pid 7, rebalance)", 2);
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    let masters: Vec<String> = status["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["role"] == "master")
        .map(|n| n["name"].as_str().unwrap().to_owned())
        .collect();
    let index = |pod: &str| pod.rsplit('-').next().unwrap().parse::<usize>().unwrap();
    let before = kube.sandbox.owned_slots(index(&masters[1]));
    let reshard = ["reshard", "--from", &masters[0], "--to", &masters[1], "--slots", "4000", "--yes"];
    let slow: Vec<&str> = reshard.iter().copied().chain(["--batch-keys", "1", "--pace", "gentle"]).collect();
    let child = kube.spawn(&slow);
    let moving = || holder().contains(", reshard)") && kube.sandbox.owned_slots(index(&masters[1])) > before;
    assert!(eventually(Duration::from_secs(30), moving), "the reshard never took the lease and moved: {}", holder());
    assert_eq!(kube.lease(name).unwrap()["spec"]["leaseTransitions"], 1, "taken over once");
    let second = kube.run(&["fix", "--yes"]).expect(3);
    assert!(second.stderr.contains(", reshard) since"), "{}", second.stderr);

    // Bob takes the lease over mid-move: the run stops after the slots in flight, fails naming
    // him, and leaves its journal on the lease.
    kube.put_lease(name, "bob@desk (pid 9, fix)", 30);
    let run = support::wait_with_limit(child, Duration::from_secs(60));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("taken over by bob@desk (pid 9, fix)"), "{}", run.stderr);
    let journal =
        kube.lease(name).unwrap()["metadata"]["annotations"]["kubectl-redis.io/journal"].as_str().unwrap_or("").to_owned();
    assert!(journal.contains("reshard from="), "the journal is kept on the lease: {journal}");
    assert_eq!(holder(), "bob@desk (pid 9, fix)");
    assert_eq!(kube.sandbox.open_slots(), 0, "a slot was left open");
    let moved = kube.sandbox.owned_slots(index(&masters[1])) - before;
    assert!(moved > 0 && moved < 4000, "stopped midway: {moved}");

    // Bob is done; the same command from another machine finds the journal there and moves
    // exactly the 4000 slots asked for in all.
    kube.release_lease(name);
    let elsewhere = tempfile::tempdir().unwrap();
    let again = kube.run_elsewhere(elsewhere.path(), &reshard).expect(0);
    assert!(again.stdout.contains("resuming the interrupted"), "{}", again.stdout);
    assert_eq!(kube.sandbox.owned_slots(index(&masters[1])) - before, 4000);
    assert!(kube.lease(name).unwrap()["metadata"]["annotations"]["kubectl-redis.io/journal"].is_null(), "the journal is removed");
    assert_all_keys(&kube.sandbox.addrs[0], &keys);
}

/// A journal is found by the masters it names, not by the cluster's lowest node ID: the node that
/// had it can be forgotten (del-node) between an interrupted reshard and its re-run.
#[test]
fn a_journal_is_found_after_the_node_with_the_lowest_id_left() {
    let mut sb = Sandbox::start(Server::Redis, 4);
    sb.run(&["create", "--nodes", &sb.addrs[..3].join(","), "--yes"]).expect(0);
    // The spare gets the lowest ID of all, then joins as a replica.
    let lowest = || (0..3).map(|i| query::<String>(&mut sb.conn(i), &["CLUSTER", "MYID"])).min().unwrap();
    let floor = lowest();
    while query::<String>(&mut sb.conn(3), &["CLUSTER", "MYID"]) >= floor {
        query::<()>(&mut sb.conn(3), &["CLUSTER", "RESET", "HARD"]);
    }
    sb.run(&["add-node", &sb.addrs[3], "--replica", "--nodes", &sb.addrs[0], "--yes"]).expect(0);
    let keys = write_keys(&sb.addrs[0], 60_000);
    let (from, to) = (owner_of(&sb, 0), owner_of(&sb, 16383));
    let before = sb.owned_slots(to);
    let (source, target, entry) = (sb.addrs[from].clone(), sb.addrs[to].clone(), sb.addrs[0].clone());
    let reshard = ["reshard", "--from", &source, "--to", &target, "--slots", "3000", "--nodes", &entry, "--yes"];
    let slow: Vec<&str> = reshard.iter().copied().chain(["--batch-keys", "1"]).collect();
    let mut child = sb.spawn(&slow);
    assert!(eventually(Duration::from_secs(30), || sb.owned_slots(to) > before + 100), "the reshard never got going");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(sb.owned_slots(to) < before + 3000, "the reshard finished before it was killed");
    sb.run(&["del-node", &sb.addrs[3], "--nodes", &sb.addrs[0], "--yes", "--force"]).expect(0);
    sb.addrs.truncate(3);

    let again = sb.run(&reshard).expect(0);
    assert!(again.stdout.contains("resuming the interrupted"), "{}", again.stdout);
    assert_eq!(sb.owned_slots(to), before + 3000, "exactly the slots asked for moved");
    assert_eq!(sb.open_slots(), 0);
    assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn kubectl_reads_the_fake_api_server_and_runs_the_plugin_and_its_completion() {
    let kubectl = std::env::split_paths(&std::env::var_os("PATH").unwrap())
        .map(|d| d.join("kubectl"))
        .find(|p| p.is_file())
        .expect("kubectl is not installed: scripts/install-deps.sh installs it");
    let mut kube = support::kube::FakeKube::start(Server::Redis, 6);
    kube.connect = "direct";
    kube.run(&["create", "--replicas", "1", "--wait", "synced", "--yes"]).expect(0);
    // The plugin as kubectl finds it: kubectl-redis and its completion shim on PATH.
    let plugins = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(support::bin(), plugins.path().join("kubectl-redis")).unwrap();
    let shim = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/kubectl_complete-redis");
    std::fs::copy(shim, plugins.path().join("kubectl_complete-redis")).unwrap();
    let path = std::env::join_paths(
        std::iter::once(plugins.path().to_owned()).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let kubectl_run = |args: &[&str]| {
        let out = std::process::Command::new(&kubectl)
            .args(args)
            .env("PATH", &path)
            .env("KUBECONFIG", &kube.kubeconfig)
            .env("KUBECTL_REDIS_STATE_DIR", kube.sandbox.state.path())
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, stdout, stderr) = kubectl_run(&["get", "pods"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!((0..6).all(|i| stdout.contains(&format!("redis-cluster-{i}"))), "{stdout}");

    let (code, stdout, stderr) = kubectl_run(&["redis", "status", "redis-cluster", "--connect", "direct"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("redis-cluster-5"), "{stdout}");
    let (_, stdout, stderr) = kubectl_run(&["__complete", "redis", "sta"]);
    assert!(stdout.lines().any(|l| l == "status"), "{stdout}{stderr}");
    let (_, stdout, stderr) = kubectl_run(&["__complete", "redis", "scale", "redis-"]);
    assert!(stdout.lines().any(|l| l == "redis-cluster"), "StatefulSet names come from the API: {stdout}{stderr}");

    // What `report` reads, as kubectl reads it: claims, and a container's log (current and previous).
    let (code, stdout, stderr) = kubectl_run(&["get", "pvc"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("data-redis-cluster-5"), "{stdout}");
    kube.enforce_rules("kind: Role\nrules:\n  - apiGroups: [\"*\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n");
    let (code, stdout, stderr) = kubectl_run(&["logs", "redis-cluster-2", "-c", "redis"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("Ready to accept connections"), "{stdout}");
    let (code, _, stderr) = kubectl_run(&["logs", "redis-cluster-2", "-c", "redis", "--previous"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("previous terminated container \"redis\" in pod \"redis-cluster-2\" not found"), "{stderr}");

    // What `cli --exec` runs on, as kubectl execs: output, the exit code, stdin up to its end.
    let (ip, port) = kube.sandbox.addrs[2].rsplit_once(':').unwrap();
    let (code, stdout, stderr) =
        kubectl_run(&["exec", "redis-cluster-2", "-c", "redis", "--", "redis-cli", "-h", ip, "-p", port, "PING"]);
    assert_eq!((code, stdout.as_str()), (Some(0), "PONG\n"), "{stderr}");
    let (code, _, stderr) = kubectl_run(&["exec", "redis-cluster-2", "--", "sh", "-c", "exit 3"]);
    assert_eq!(code, Some(3), "{stderr}");
    let mut piped = std::process::Command::new(&kubectl)
        .args(["exec", "-i", "redis-cluster-2", "--", "sh", "-c", "read line; echo \"got $line\"; read more || echo closed"])
        .env("KUBECONFIG", &kube.kubeconfig)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut piped.stdin.take().unwrap(), b"hello\n").unwrap();
    assert!(eventually(Duration::from_secs(20), || piped.try_wait().unwrap().is_some()), "stdin's end did not reach the pod");
    let mut out = String::new();
    std::io::Read::read_to_string(&mut piped.stdout.take().unwrap(), &mut out).unwrap();
    assert_eq!(out, "got hello\nclosed\n");
}

/// The fake API server, because the case needs Lease reads answered late (an API server under
/// load): then a run that only learns of a takeover from its renewals goes on acting meanwhile.
#[test]
fn a_holder_paused_past_a_takeover_stops_before_its_next_step() {
    let mut kube = support::kube::FakeKube::start(Server::Redis, 6);
    kube.connect = "direct";
    kube.run(&["create", "--replicas", "1", "--yes"]).expect(0);
    let keys = write_keys(&kube.sandbox.addrs[0], 2000);
    let child = kube.spawn(&["restart", "--yes"]);
    assert!(eventually(Duration::from_secs(60), || kube.pod_deletions() >= 1), "the restart never deleted a pod");
    let pid = child.id().to_string();
    let signal = |s: &str| assert!(std::process::Command::new("kill").args([s, &pid]).status().unwrap().success());
    signal("-STOP");
    let paused = Instant::now();
    let deleted = kube.pod_deletions();
    // Another run sees the record unchanged for its duration (30 s), takes the lease over, makes
    // its change and releases the lease, all while the first run sleeps.
    let other = kube.run_command(&["call", "--yes"], &["CONFIG", "SET", "maxmemory-policy", "noeviction"]).expect(0);
    assert!(other.stderr.contains("watching it"), "{}", other.stderr);
    std::thread::sleep(Duration::from_secs(40).saturating_sub(paused.elapsed()));
    kube.slow_lease_reads(Duration::from_secs(3));
    let seen = kube.requests().len();
    signal("-CONT");
    let run = support::wait_with_limit(child, Duration::from_secs(120));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("was taken over"), "{}", run.stderr);
    assert_eq!(kube.pod_deletions(), deleted, "a pod was deleted after the pause:\n{}", run.stderr);
    // Nor did it write anything more: its journal stays as it was, under the other run's record.
    let after: Vec<String> =
        kube.requests()[seen..].iter().filter(|r| !r.starts_with("GET") && !r.starts_with("LIST")).cloned().collect();
    assert!(after.is_empty(), "the run acted after losing its lease: {after:?}");
    kube.slow_lease_reads(Duration::ZERO);
    assert_all_keys(&kube.sandbox.addrs[0], &keys);
}

#[test]
fn the_release_script_builds_the_archive_its_krew_manifest_points_at() {
    let out = tempfile::tempdir().unwrap();
    let manifest = out.path().join("redis.yaml");
    let run = std::process::Command::new("bash")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/release.sh"))
        .args(["--binary", support::bin().to_str().unwrap(), "--out", out.path().to_str().unwrap()])
        .args(["--manifest", manifest.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let doc: serde_json::Value = serde_saphyr::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    assert_eq!((doc["kind"].as_str(), doc["metadata"]["name"].as_str()), (Some("Plugin"), Some("redis")));
    let platform = &doc["spec"]["platforms"][0];
    assert_eq!(platform["bin"], "kubectl-redis");
    let archive = out.path().join(platform["uri"].as_str().unwrap().rsplit('/').next().unwrap());
    let sha = std::process::Command::new("sha256sum").arg(&archive).output().unwrap();
    assert!(String::from_utf8_lossy(&sha.stdout).starts_with(platform["sha256"].as_str().unwrap()), "{doc}");
    let listing = std::process::Command::new("tar").arg("tzf").arg(&archive).output().unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    for file in ["./kubectl-redis", "./LICENSE-MIT", "./completions/kubectl_complete-redis", "./man/kubectl-redis.1"] {
        assert!(listing.lines().any(|l| l == file), "{file} is not in the archive:\n{listing}");
    }
    // The committed manifest is one the script wrote.
    let committed: serde_json::Value =
        serde_saphyr::from_str(include_str!("../plugins/redis.yaml")).expect("plugins/redis.yaml is valid YAML");
    assert_eq!(committed["spec"]["version"], doc["spec"]["version"]);
    assert_eq!(committed["spec"]["platforms"][0]["bin"], "kubectl-redis");
}

/// Not a test: bench/kubernetes.sh runs it to get a fake API server with BENCH_PODS pods. It
/// writes `env` (kubeconfig and state directory) into BENCH_DIR and serves until `stop` appears.
#[test]
#[ignore = "run by bench/kubernetes.sh"]
fn serve_a_fake_statefulset_for_benchmarks() {
    let dir = std::path::PathBuf::from(std::env::var("BENCH_DIR").expect("BENCH_DIR"));
    let pods: usize = std::env::var("BENCH_PODS").map_or(60, |p| p.parse().unwrap());
    let kube = support::kube::FakeKube::start(Server::Redis, pods);
    let env = format!("KUBECONFIG_FILE={}\nSTATE_DIR={}\n", kube.kubeconfig.display(), kube.sandbox.state.path().display());
    std::fs::write(dir.join("env"), env).unwrap();
    let deadline = Instant::now() + Duration::from_secs(3600);
    while !dir.join("stop").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    eprintln!("port-forward connections: {}", kube.forwarded());
}

/// A server that is not Redis: it answers anything with an HTTP error and hangs up.
fn not_redis_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            use std::io::Write;
            let mut stream = stream;
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    addr
}

/// A redis-server without cluster mode, stopped on drop.
struct PlainServer {
    child: std::process::Child,
    addr: String,
}

impl PlainServer {
    fn start() -> PlainServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port().to_string();
        let child = std::process::Command::new(Server::Redis.path())
            .args(["--bind", "127.0.0.1", "--port", &port, "--save", "", "--appendonly", "no"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let addr = format!("127.0.0.1:{port}");
        assert!(eventually(Duration::from_secs(10), || std::net::TcpStream::connect(&addr).is_ok()));
        PlainServer { child, addr }
    }
}

impl Drop for PlainServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A bad command line: the line, its environment, the exit code and what the error must say.
type BadInput<'a> = (&'a str, &'a [(&'a str, &'a str)], i32, &'a str);

/// Runs each case (its `{VAR}`s filled in) and says what is wrong with each that is not one
/// error line saying what it must, with a hint and its exit code, leaving `digest` unchanged.
fn bad_input_failures(
    state: &std::path::Path,
    cases: &[BadInput],
    vars: &[(&str, String)],
    digest: impl Fn() -> Vec<String>,
) -> Vec<String> {
    let before = digest();
    let mut failures = Vec::new();
    for (line, env, code, says) in cases {
        let fill = |text: &str| vars.iter().fold(text.to_owned(), |acc, (k, v)| acc.replace(k, v));
        let (line, says) = (fill(line), fill(says));
        let args: Vec<&str> = line.split(' ').collect();
        let run = run_in(state, &args, env);
        let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error:")).collect();
        let hint = run.stderr.lines().any(|l| l.trim_start().starts_with("hint:") || l.contains("For more information, try"));
        let problem = if run.code != *code {
            Some(format!("exit {} (wanted {code})", run.code))
        } else if errors.len() != 1 || !run.stderr.starts_with("error:") || !run.stderr.contains(&says) {
            Some(format!("error lines {errors:?} (wanted one saying {says:?})"))
        } else if !hint {
            Some("no hint".to_owned())
        } else if let after = digest()
            && after != before
        {
            let changed: Vec<_> = after.iter().filter(|l| !before.contains(l)).collect();
            Some(format!("it changed: {changed:?}"))
        } else {
            None
        };
        if let Some(problem) = problem {
            failures.push(format!("`{line}`: {problem}\n{}", run.stderr.trim_end()));
        }
    }
    failures
}

#[test]
fn bad_input_gets_one_line_error_with_a_hint_its_exit_code_and_changes_nothing() {
    let mut sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    sb.grow(7);
    write_keys(&sb.addrs[0], 500);
    // A stopped node outside the target, so that only the cases that name it wait for it.
    let stopped = Sandbox::start(Server::Redis, 1);
    stopped.signal(0, "-STOP");
    let cluster = sb.addrs[..6].to_vec();
    for addr in &cluster {
        let acl = ["ACL", "SETUSER", "reader", "on", ">reader-pass", "~*", "+@read"];
        query::<()>(&mut support::connect(addr), &acl);
    }
    let certs = tempfile::tempdir().unwrap();
    write_certificates(certs.path());
    let mut tls_node = Sandbox::start(Server::Redis, 0);
    tls_node.grow_with(1, &tls_server_args(certs.path()));
    let plain = PlainServer::start();
    let not_redis = not_redis_server();
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    let named = |role: &str| -> Vec<String> {
        let nodes = status["nodes"].as_array().unwrap().iter();
        nodes.filter(|n| n["role"] == role).map(|n| n["name"].as_str().unwrap().to_owned()).collect()
    };
    let (masters, replicas) = (named("master"), named("replica"));
    let journals = sb.state.path().join("journals");
    let ca = certs.path().join("ca.pem").to_str().unwrap().to_owned();
    let t = sb.target();
    let vars = [
        ("{T}", t.clone()),
        ("{M0}", masters[0].clone()),
        ("{M1}", masters[1].clone()),
        ("{R0}", replicas[0].clone()),
        ("{N0}", cluster[0].clone()),
        ("{N1}", cluster[1].clone()),
        ("{N2}", cluster[2].clone()),
        ("{STOPPED}", stopped.addrs[0].clone()),
        ("{SPARE}", sb.addrs[6].clone()),
        ("{PLAIN}", plain.addr.clone()),
        ("{NOT_REDIS}", not_redis.clone()),
        ("{TLS_NODE}", tls_node.addrs[0].clone()),
        ("{CA}", ca),
    ];
    // (command line, environment, exit code, what the error must say)
    let cases: &[BadInput] = &[
        // Addresses
        ("check --nodes not-an-address", &[], 2, "not-an-address"),
        ("check --nodes 127.0.0.1:99999", &[], 2, "99999"),
        ("check --nodes 127.0.0.1:", &[], 2, "127.0.0.1:"),
        ("create --nodes {SPARE},{SPARE},{SPARE} --yes", &[], 2, "listed twice"),
        ("check --nodes 127.0.0.1:1", &[], 4, "connection refused"),
        ("check --nodes {STOPPED} --timeout 1s", &[], 4, "no answer within 1s"),
        ("check --nodes {PLAIN}", &[], 4, "belong to no cluster"),
        ("check --nodes {NOT_REDIS} --timeout 2s", &[], 4, "{NOT_REDIS}"),
        ("create --nodes {N0},{SPARE} --replicas 0 --force --yes", &[], 3, "{N0}"),
        ("add-node {PLAIN} {T} --yes", &[], 3, "cluster"),
        ("add-node 127.0.0.1:1 {T} --yes", &[], 4, "connection refused"),
        ("check {T} --nodes {N0}", &[], 2, "--sandbox"),
        ("status --sandbox=no-such-sandbox", &[], 4, "no sandbox named 'no-such-sandbox'"),
        // Node references
        ("reshard {T} --from ffffffff --to {M1} --slots 10 --yes", &[], 2, "ffffffff"),
        ("reshard {T} --from {M0} --to no-such-node --slots 10 --yes", &[], 2, "no-such-node"),
        ("reshard {T} --from abc --to {M1} --slots 10 --yes", &[], 2, "abc"),
        ("del-node no-such-node {T} --yes", &[], 2, "no-such-node"),
        ("del-node {M0} {T} --yes", &[], 3, "owns"),
        ("add-node {SPARE} {T} --replica-of no-such-node --yes", &[], 2, "no-such-node"),
        ("add-node {SPARE} {T} --replica-of {R0} --yes", &[], 2, "is a replica, not a master"),
        // Credentials
        ("check {T} --redis-user reader", &[("REDISCLI_AUTH", "wrong-pass")], 3, "authentication failed"),
        (
            "reshard {T} --from {M0} --to {M1} --slots 10 --yes --redis-user reader",
            &[("REDISCLI_AUTH", "reader-pass")],
            3,
            "no permissions to run the 'info' command",
        ),
        ("check {T} --password-file /no/such/file", &[], 2, "/no/such/file"),
        ("check {T} --ask-password", &[], 2, "--ask-password needs a terminal"),
        ("status {T} --password-secret redis:password", &[], 2, "--password-secret"),
        ("status redis-cluster --kubeconfig /no/such/kubeconfig", &[], 2, "/no/such/kubeconfig"),
        // TLS
        ("check {T} --tls --cacert {CA} --timeout 2s", &[], 4, "TLS handshake failed"),
        ("check --nodes {TLS_NODE} --timeout 2s", &[], 4, "{TLS_NODE}"),
        ("check {T} --tls --cacert /no/such/ca.pem", &[], 2, "/no/such/ca.pem"),
        // Numbers out of range
        ("reshard {T} --from {M0} --to {M1} --slots 0 --yes", &[], 2, "--slots"),
        ("reshard {T} --from {M0} --to {M1} --slots 20000 --yes", &[], 2, "--slots"),
        ("reshard {T} --from {M0} --to {M1} --slots 6000 --yes", &[], 3, "6000"),
        ("reshard {T} --from {M0} --to {R0} --slots 10 --yes", &[], 2, "is a replica"),
        ("reshard {T} --from {M0} --to {M0} --slots 10 --yes", &[], 2, "{M0}"),
        ("rebalance {T} --threshold -3 --yes", &[], 2, "give a percentage from 0 to 100"),
        ("reshard {T} --from {M0} --to {M1} --slots -5 --yes", &[], 2, "give a whole number from 1 to 16384"),
        ("scale {T} --masters -1 --yes", &[], 2, "give a whole number from 1 to 1000"),
        ("rebalance {T} --parallel -2 --yes", &[], 2, "give a whole number from 1 to 256"),
        ("sandbox scale t -3", &[], 2, "give a whole number from 1 to 254"),
        ("rebalance {T} --weight {M0}=-1 --yes", &[], 2, "--weight"),
        ("rebalance {T} --weight {M0}=lots --yes", &[], 2, "--weight"),
        ("rebalance {T} --weight no-such-node=2 --yes", &[], 2, "no-such-node"),
        ("rebalance {T} --parallel 0 --yes", &[], 2, "--parallel"),
        ("rebalance {T} --batch-bytes lots --yes", &[], 2, "--batch-bytes"),
        ("rebalance {T} --migration atomic --yes", &[], 2, "atomic migration needs Valkey 9"),
        ("scale {T} --masters 2 --yes", &[], 3, "cannot fail over automatically"),
        ("scale {T} --masters 0 --yes", &[], 2, "--masters"),
        ("create --nodes {N0},{N1},{N2} --replicas 0 --yes", &[], 3, "{N0}"),
        ("create --nodes {SPARE} --replicas 0 --yes", &[], 3, "3 masters"),
        // Flags
        ("check {T} --timeout 0", &[], 2, "--timeout"),
        ("check {T} --timeout soon", &[], 2, "--timeout"),
        ("check {T} -o xml", &[], 2, "xml"),
        ("check {T} --color sometimes", &[], 2, "sometimes"),
        ("reshuffle {T}", &[], 2, "reshuffle"),
        ("reshard {T} --to {M1} --slots 10 --yes", &[], 2, "--from"),
        ("reshard {T} --from {M0} --to {M1} --slots 10", &[], 3, "not confirmed"),
        ("failover {T} --yes", &[], 2, "--shard"),
        ("failover {T} --shard {M0} --force --takeover --yes", &[], 2, "--takeover"),
        ("failover {T} --shard {M0} --takeover --yes", &[], 3, "still answers"),
        ("drain-node nowhere {T} --yes", &[], 2, "no member of the cluster runs on nowhere"),
        ("call {T}", &[], 2, "COMMAND"),
        ("call {T} --masters --replicas -- PING", &[], 2, "--replicas"),
        ("call {T} -- FLUSHALL", &[], 3, "not confirmed"),
        ("call {T} -- CLUSTER RESET HARD", &[], 3, "not confirmed"),
        ("restart {T} --image /no/such/server --yes", &[], 2, "/no/such/server"),
        ("restart --nodes {N0} --image redis:7.2 --yes", &[], 2, "cannot restart servers it does not run"),
        ("cli {T} --key k --slot 3 -- GET k", &[], 2, "--slot"),
        ("cli {T} --slot 16384 -- PING", &[], 2, "16384"),
        ("cli {T} --node no-such-node -- PING", &[], 2, "no-such-node"),
        ("cli {T} --node {M0} --key k -- PING", &[], 2, "--key"),
        ("cli --nodes {STOPPED} --timeout 1s -- PING", &[], 4, "no answer within 1s"),
    ];
    let before = cluster_digest(&cluster);
    let failures = bad_input_failures(sb.state.path(), cases, &vars, || cluster_digest(&cluster));
    stopped.signal(0, "-CONT");
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
    assert!(std::fs::read_dir(&journals).map_or(true, |mut d| d.next().is_none()), "a refused command left a journal");

    // The journal is named after the cluster's lowest node ID. A move another request left
    // unfinished is not overtaken; a corrupt journal is reported, never taken for "no move".
    let ids = status["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_owned());
    let journal = journals.join(format!("{}.json", ids.min().unwrap()));
    std::fs::create_dir_all(&journals).unwrap();
    // A move of the first master's first slots to the second master, none of which arrived.
    let master = |i: usize| status["nodes"].as_array().unwrap().iter().find(|n| n["name"] == masters[i]).unwrap().clone();
    let (from, to) = (master(0), master(1));
    let unfinished = serde_json::json!({
        "request": "rebalance",
        "command_line": "kubectl redis rebalance --sandbox=t",
        "moves": [{ "source": from["id"], "target": to["id"], "slots": from["slots"][0] }],
    })
    .to_string();
    std::fs::write(&journal, &unfinished).unwrap();
    let reshard = ["reshard", &t, "--from", &masters[0], "--to", &masters[1], "--slots", "10", "--yes"];
    let run = sb.run(&reshard).expect(3);
    assert!(run.stderr.contains("an earlier move did not finish: `kubectl redis rebalance --sandbox=t`"), "{}", run.stderr);
    std::fs::write(&journal, &unfinished[..40]).unwrap();
    let run = sb.run(&reshard).expect(3);
    assert!(run.stderr.contains("is corrupt") && run.stderr.contains("hint: run `kubectl redis fix`"), "{}", run.stderr);
    assert_eq!(cluster_digest(&cluster), before);
    let fixed = sb.run(&["fix", &t, "--yes"]).expect(0); // the spare not in the cluster is a warning
    assert!(fixed.stderr.contains("warning: discarded an unusable journal"), "{}", fixed.stderr);
    assert!(!journal.exists());
    sb.run(&reshard).expect(0);
}

/// Every file under `dir`, with its permission bits (directories included).
fn modes_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        found.push((path.clone(), entry.metadata().unwrap().permissions().mode() & 0o777));
        if path.is_dir() {
            found.extend(modes_under(&path));
        }
    }
    found
}

#[test]
fn the_password_reaches_no_child_process_file_or_output_and_state_files_are_private() {
    let password = "s3cret-never-shown";
    let sb = Sandbox::start(Server::Redis, 0);
    // Every child records its environment: the server (through a wrapper that also answers the
    // sandbox's `--version` probe) and a kubeconfig exec plugin.
    let children = tempfile::tempdir().unwrap();
    let dumps = children.path().join("environments");
    std::fs::create_dir(&dumps).unwrap();
    let child_script = |name: &str, then: &str| {
        let path = children.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n/usr/bin/env > {}/{name}-$$\n{then}\n", dumps.display())).unwrap();
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        path
    };
    let server = child_script("server", &format!("exec {} \"$@\"", Server::Redis.path().display()));
    let credential = r#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}"#;
    let plugin = child_script("plugin", &format!("echo '{credential}'"));
    // `cli --exec` runs the redis-cli found beside the server binary: a wrapper that also records
    // its arguments.
    let real_client = Server::Redis.path().with_file_name("redis-cli");
    child_script("cli", &format!("echo \"$@\" >> {}/cli-args-$$\nexec {} \"$@\"", dumps.display(), real_client.display()));
    // The sandbox is started with the password in the tool's environment: no child may inherit it.
    let up = ["sandbox", "up", "--name", "t", "--nodes", "3", "-o", "json", "--server", server.to_str().unwrap()];
    let started = run_in(sb.state.path(), &up, &[("REDISCLI_AUTH", password)]).expect(0).json();
    let pids: Vec<u64> = started["nodes"].as_array().unwrap().iter().map(|n| n["pid"].as_u64().unwrap()).collect();
    let addrs: Vec<String> =
        started["nodes"].as_array().unwrap().iter().map(|n| n["addr"].as_str().unwrap().to_owned()).collect();
    for pid in &pids {
        for part in ["cmdline", "environ"] {
            let text = String::from_utf8_lossy(&std::fs::read(format!("/proc/{pid}/{part}")).unwrap()).into_owned();
            assert!(!text.contains(password), "the password is in a server's {part}");
        }
    }
    run_in(sb.state.path(), &["create", "--sandbox=t", "--replicas", "0", "--yes"], &[]).expect(0);
    write_keys(&addrs[0], 3000);
    let elsewhere = (0..).map(|i| format!("k{i}")).find(|k| support::slot_owner(&addrs[0], k) != addrs[0]).unwrap();
    let owner = support::slot_owner(&addrs[0], &elsewhere);
    for addr in &addrs {
        query::<()>(&mut support::connect(addr), &["CONFIG", "SET", "masterauth", password]);
        query::<()>(&mut support::connect(addr), &["CONFIG", "SET", "requirepass", password]);
    }
    let auth = [("REDISCLI_AUTH", password)];
    let status: serde_json::Value = run_in(sb.state.path(), &["status", "--sandbox=t", "-o", "json"], &auth).expect(0).json();
    let masters: Vec<String> =
        status["nodes"].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap().to_owned()).collect();
    let password_file = sb.state.path().join("password");
    std::fs::write(&password_file, format!("{password}\n")).unwrap();
    let file_flag = ["--password-file", password_file.to_str().unwrap()];

    // A slow move in the background, so that its journal can be read while it exists.
    let mut reshard = std::process::Command::new(support::bin());
    reshard
        .args(["reshard", "--sandbox=t", "--from", &masters[0], "--to", &masters[1], "--slots", "5000", "--yes", "-v"])
        .args(["--batch-keys", "1", "-o", "json"])
        .env("KUBECTL_REDIS_STATE_DIR", sb.state.path())
        .env("REDISCLI_AUTH", password)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = reshard.spawn().unwrap();
    let journals = sb.state.path().join("journals");
    let mut journal = String::new();
    eventually(Duration::from_secs(30), || {
        let file = std::fs::read_dir(&journals).ok().and_then(|mut d| d.next()).and_then(|e| e.ok());
        journal = file.and_then(|f| std::fs::read_to_string(f.path()).ok()).unwrap_or_default();
        !journal.is_empty()
    });
    assert!(journal.contains("moves") && !journal.contains(password), "journal: {journal}");
    let moved = support::wait_with_limit(child, Duration::from_secs(120)).expect(0);

    let runs = [
        moved,
        run_in(sb.state.path(), &["check", "--sandbox=t", "-v"], &auth).expect(0),
        run_in(sb.state.path(), &["status", "--sandbox=t", "-v", "-o", "json"], &auth).expect(0),
        run_in(sb.state.path(), &[&["check", "--sandbox=t", "-v"][..], &file_flag].concat(), &[]).expect(0),
        // `--user`, the old name of --redis-user, still works.
        run_in(sb.state.path(), &["check", "--sandbox=t", "-v", "--user", "nobody"], &auth).expect(3),
        run_in(sb.state.path(), &["check", "--sandbox=t", "-v"], &[("REDISCLI_AUTH", "s3cret-never-shown-but-wrong")]).expect(3),
        run_in(sb.state.path(), &["rebalance", "--sandbox=t", "-v", "--dry-run", "-o", "json"], &auth).expect(0),
    ];
    for run in &runs {
        assert!(!run.stdout.contains(password) && !run.stderr.contains(password), "leaked:\n{}\n{}", run.stdout, run.stderr);
    }
    // redis-cli here gets no password: it talks to the tool's relay, which has authenticated
    // itself, and follows a MOVED back through the tool.
    let ping = run_in(sb.state.path(), &["cli", "--sandbox=t", "--node", "t-0", "--exec", "--", "PING"], &auth).expect(0);
    assert_eq!(ping.stdout.trim(), "PONG", "{}", ping.stderr);
    let set = ["cli", "--sandbox=t", "--node", "t-0", "--exec", "--", "SET", &elsewhere, "through-the-relay"];
    assert_eq!(run_in(sb.state.path(), &set, &auth).expect(0).stdout.trim(), "OK");
    let mut conn = support::connect_as(&owner, Some(password));
    assert_eq!(query::<String>(&mut conn, &["GET", &elsewhere]), "through-the-relay");
    for addr in &addrs {
        let mut conn = support::connect(addr);
        query::<()>(&mut conn, &["AUTH", password]);
        query::<()>(&mut conn, &["CONFIG", "SET", "requirepass", ""]);
    }
    // A Kubernetes target whose kubeconfig runs an exec plugin for credentials.
    let kube = support::kube::FakeKube::start(Server::Redis, 1);
    let kubeconfig = kube.kubeconfig_with_exec(&plugin);
    let kubeconfig = ["--kubeconfig", kubeconfig.to_str().unwrap(), "--connect", "direct"];
    run_in(sb.state.path(), &[&["status", "redis-cluster"][..], &kubeconfig].concat(), &auth);
    let seen: Vec<String> =
        std::fs::read_dir(&dumps).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(seen.iter().filter(|n| n.starts_with("server-")).count() >= 4, "the probe and three servers: {seen:?}");
    assert!(seen.iter().any(|n| n.starts_with("plugin-")), "kube ran the exec plugin: {seen:?}");
    assert!(seen.iter().filter(|n| n.starts_with("cli-") && !n.starts_with("cli-args")).count() >= 2, "cli --exec: {seen:?}");
    for dump in std::fs::read_dir(&dumps).unwrap() {
        let path = dump.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains(password), "{} inherited the password", path.display());
    }

    // Whatever the tool keeps is the user's alone.
    for (path, mode) in modes_under(sb.state.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "password" || name.starts_with("kubeconfig") {
            continue; // written by this test
        }
        // The servers' own files sit in 0700 node directories, with the servers' modes.
        if ["nodes.conf", "appendonly", "dump.rdb", "temp-"].iter().any(|p| name.starts_with(p)) {
            continue;
        }
        let wanted = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode, wanted, "{} is {mode:o}", path.display());
        let text = std::fs::read(&path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        assert!(!text.contains(password), "{} holds the password", path.display());
    }
}

/// A small seeded generator for the chaos trials (the seed is printed, so a failure can be replayed
/// with CHAOS_SEED).
struct Chaos(u64);

impl Chaos {
    fn from_env() -> Chaos {
        let seed = std::env::var("CHAOS_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64);
        eprintln!("chaos seed: {seed} (replay with CHAOS_SEED={seed})");
        // Spread neighbouring seeds apart (xorshift needs a non-zero state).
        Chaos(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A delay in [from, to) milliseconds.
    fn millis(&mut self, from: u64, to: u64) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(from + self.0 % (to - from))
    }
}

/// SIGKILLs `command` at a random moment below `within_ms`. A kill that lands after the command
/// finished proves nothing: then `undo` puts the cluster back and the trial is tried again at an
/// earlier moment, up to five times. Once a kill landed mid-command, the command is run again and
/// must converge at once. Returns how many tries it took.
fn kill_midway_then_rerun(sb: &mut Sandbox, chaos: &mut Chaos, command: &[&str], undo: &[&str], within_ms: u64) -> usize {
    let mut within = within_ms;
    for attempt in 1..=5 {
        let delay = chaos.millis(50, within.max(60));
        let mut child = sb.spawn(command);
        std::thread::sleep(delay);
        let _ = child.kill();
        // Killed by the signal, not exited by itself: the kill landed mid-command.
        let midway = child.wait().unwrap().code().is_none();
        eprintln!("{} attempt {attempt}: killed after {delay:?}, mid-command: {midway}", command[..2].join(" "));
        if midway {
            sb.run(command).expect(0);
            sb.refresh();
            assert_eq!(sb.open_slots(), 0, "{command:?} left a slot open");
            assert!(!sb.journal_exists(), "{command:?} left its journal");
            return attempt;
        }
        sb.run(undo).expect(0);
        sb.refresh();
        within /= 2;
    }
    panic!("{command:?} finished before each of five kills");
}

/// Starts `command` slowed down (two keys per MIGRATE, one move at a time), SIGKILLs it once
/// `midway` holds, and runs it again: it must resume where it stopped and finish.
fn kill_midway_then_resume(sb: &Sandbox, command: &[&str], midway: impl Fn() -> bool) {
    let mut slow: Vec<&str> = command.to_vec();
    slow.extend(["--yes", "--batch-keys", "2", "--parallel", "1"]);
    let mut child = sb.spawn(&slow);
    assert!(eventually(Duration::from_secs(60), || midway() || child.try_wait().unwrap().is_some()), "{command:?}");
    let _ = child.kill();
    assert!(child.wait().unwrap().code().is_none(), "{command:?} finished before the kill: move more keys");
    assert!(sb.journal_exists(), "killed midway, a journal is left");
    let again = sb.run(&slow);
    assert_eq!(again.code, 0, "{command:?} run again:\n{}\n{}", again.stdout, again.stderr);
    assert!(again.stdout.contains("resuming the interrupted"), "{}", again.stdout);
    assert!(!sb.journal_exists(), "{command:?} left its journal");
    assert_eq!(sb.open_slots(), 0, "{command:?} left a slot open");
}

/// Whether a source has given all its slots away (and so, on Redis 7, turned replica): the
/// masters a request resolved to at its start are no longer those of the cluster.
fn any_emptied(sb: &Sandbox, members: &[usize]) -> bool {
    members.iter().any(|&i| sb.owned_slots(i) == 0)
}

#[test]
fn a_reshard_from_all_killed_after_a_source_emptied_resumes_when_run_again() {
    let sb = Sandbox::start(Server::Redis, 4);
    sb.create(0);
    let keys = write_keys(&sb.addrs[0], 20_000);
    let t = sb.target();
    // Every slot to t-0: each other master empties in turn.
    let command = ["reshard", &t, "--from", "all", "--to", "t-0", "--slots", "12288"];
    kill_midway_then_resume(&sb, &command, || any_emptied(&sb, &[1, 2, 3]));
    assert_eq!(sb.owned_slots(0), 16384);
    assert_all_keys(&sb.addrs[0], &keys);
}

#[test]
fn a_drain_killed_after_a_drained_master_emptied_resumes_when_run_again() {
    let sb = Sandbox::start(Server::Redis, 4);
    sb.create(0);
    let keys = write_keys(&sb.addrs[0], 20_000);
    let t = sb.target();
    let command = ["rebalance", &t, "--weight", "t-2=0", "--weight", "t-3=0"];
    kill_midway_then_resume(&sb, &command, || any_emptied(&sb, &[2, 3]));
    assert_eq!((sb.owned_slots(2), sb.owned_slots(3)), (0, 0));
    assert_eq!(sb.owned_slots(0) + sb.owned_slots(1), 16384);
    assert_all_keys(&sb.addrs[0], &keys);
    let check = sb.run(&["check", &t]);
    assert!([0, 10].contains(&check.code), "{}", check.stdout);
}

#[test]
fn the_tool_killed_at_random_moments_under_load_converges_when_run_again() {
    let mut chaos = Chaos::from_env();
    let mut sb = Sandbox::start(Server::Redis, 6);
    sb.create(1);
    let keys = write_keys(&sb.addrs[0], 30_000);
    let target = sb.target();
    let load = support::load::Load::start(&sb.addrs[0]);
    let yes = |words: &[&str]| -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).chain([target.clone(), "--yes".into()]).collect()
    };
    let mut tries = Vec::new();
    let mut trial = |sb: &mut Sandbox, command: Vec<String>, undo: Vec<String>, within_ms: u64| {
        let (command, undo): (Vec<&str>, Vec<&str>) =
            (command.iter().map(String::as_str).collect(), undo.iter().map(String::as_str).collect());
        tries.push(kill_midway_then_rerun(sb, &mut chaos, &command, &undo, within_ms));
    };
    trial(&mut sb, yes(&["scale", "--masters", "4"]), yes(&["scale", "--masters", "3"]), 3000);
    let masters = master_names(&sb);
    let heavy = format!("{}=2", masters[0]);
    trial(&mut sb, yes(&["rebalance", "--weight", &heavy]), yes(&["rebalance", "--threshold", "0"]), 1200);
    let masters = master_names(&sb);
    let (from, to) = (masters[0].as_str(), masters[1].as_str());
    trial(
        &mut sb,
        yes(&["reshard", "--from", from, "--to", to, "--slots", "2000"]),
        yes(&["reshard", "--from", to, "--to", from, "--slots", "2000"]),
        600,
    );
    trial(&mut sb, yes(&["scale", "--masters", "3"]), yes(&["scale", "--masters", "4"]), 2500);
    eprintln!(
        "chaos: kills landed mid-command after {tries:?} tries ({} of 4 on the first)",
        tries.iter().filter(|t| **t == 1).count()
    );
    let tally = load.stop();
    support::load::assert_nothing_lost(&tally, &sb.addrs[0]);
    assert_all_keys(&sb.addrs[0], &keys);
    assert_eq!(shape(&sb), (3, 3));
    let check = sb.run(&["check", &target]);
    assert!([0, 10].contains(&check.code), "{}", check.stdout);
}

// ---------------------------------------------------------------------------------------------
// Sentinel groups: real standalone members and real sentinels.

/// SENTINEL REPLICAS/SENTINELS of the group on one sentinel: the addresses it lists.
fn sentinel_lists(sentinel: &str, what: &str) -> BTreeSet<String> {
    let entries: Vec<Vec<String>> =
        redis::cmd("SENTINEL").arg(what).arg("mymaster").query(&mut support::connect(sentinel)).unwrap();
    entries
        .iter()
        .map(|e| {
            let field = |k: &str| e.chunks(2).find(|c| c[0] == k).map(|c| c[1].clone()).unwrap();
            format!("{}:{}", field("ip"), field("port"))
        })
        .collect()
}

/// Every sentinel lists exactly the live replicas and the other live sentinels, and CKQUORUM is OK.
fn assert_sentinels_know_exactly_the_group(members: &[String], sentinels: &[String]) {
    let master = support::group::master_of(members).expect("one master");
    let replicas: BTreeSet<String> = members.iter().filter(|a| **a != master).cloned().collect();
    for s in sentinels {
        let others: BTreeSet<String> = sentinels.iter().filter(|o| *o != s).cloned().collect();
        assert_eq!(sentinel_lists(s, "REPLICAS"), replicas, "replicas known to {s}");
        assert_eq!(sentinel_lists(s, "SENTINELS"), others, "sentinels known to {s}");
        let ok: String = redis::cmd("SENTINEL").arg("CKQUORUM").arg("mymaster").query(&mut support::connect(s)).unwrap();
        assert!(ok.starts_with("OK"), "{s}: {ok}");
    }
}

#[test]
fn a_switchover_whose_tool_is_stopped_past_its_pause_loses_no_acknowledged_write() {
    let (sb, sentinels) = Sandbox::start_group(Server::Redis, 3, None);
    let target = sb.target();
    let fence_setting = |addr: &String| -> String {
        let setting: Vec<String> = query(&mut support::connect(addr), &["CONFIG", "GET", "min-replicas-to-write"]);
        setting[1].clone()
    };
    let settings: Vec<String> = sb.addrs.iter().map(fence_setting).collect();
    let load = support::group::GroupLoad::start(&sentinels.addrs, "mymaster", "w", 2);
    std::thread::sleep(Duration::from_millis(800));
    // A short pause, so that being stopped outlasts it (and any renewal it could have had).
    let mut child = sb.spawn(&["failover", &target, "--yes", "--pause-limit", "3s"]);
    let failing_over = || {
        let fields: Vec<String> =
            redis::cmd("SENTINEL").arg("MASTER").arg("mymaster").query(&mut support::connect(&sentinels.addrs[0])).unwrap();
        fields.iter().any(|f| f.contains("failover_in_progress"))
    };
    assert!(eventually(Duration::from_secs(60), || failing_over() || child.try_wait().unwrap().is_some()), "no failover");
    let pid = child.id().to_string();
    let signal = |s: &str| assert!(std::process::Command::new("kill").args([s, &pid]).status().unwrap().success());
    signal("-STOP");
    std::thread::sleep(Duration::from_secs(8));
    signal("-CONT");
    let run = support::wait_with_limit(child, Duration::from_secs(120));
    std::thread::sleep(Duration::from_millis(800));
    let tally = load.stop();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let master = sb.group_master().expect("one master after the failover");
    assert_ne!(master, sb.addrs[0], "the master moved");
    let missing = support::group::missing_keys(&master, &tally.acked);
    assert!(missing.is_empty(), "{} of {} acknowledged writes lost", missing.len(), tally.acked.len());
    assert!(tally.acked.len() > 500, "the writers wrote too little to prove anything: {}", tally.acked.len());
    // The fence is off everywhere, in the old master's file too, and no journal is left.
    assert_eq!(sb.addrs.iter().map(fence_setting).collect::<Vec<_>>(), settings);
    let configs: Vec<_> =
        modes_under(sb.state.path()).into_iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "conf")).collect();
    assert!(!configs.is_empty());
    for (path, _) in configs {
        assert!(!std::fs::read_to_string(&path).unwrap().contains("2147483647"), "{} keeps the fence", path.display());
    }
    assert!(!sb.journal_exists());
}

fn a_sentinel_group_is_formed_shown_and_failed_over_under_live_writes_without_losing_an_acknowledged_write(server: Server) {
    let (sb, sentinels) = Sandbox::start_group(server, 3, None);
    let target = sb.target();
    let status = sb.run(&["status", &target, "-o", "json"]).expect(0).json();
    assert_eq!(status["kind"], "sentinel");
    assert_eq!((status["sentinels_agreeing"].as_u64(), status["sentinels_total"].as_u64()), (Some(3), Some(3)));
    assert_eq!(status["master"], sb.addrs[0].as_str(), "the first member is the master");
    assert_eq!(status["members"].as_array().unwrap().len(), 3);
    assert!(status["ckquorum"].as_str().unwrap().starts_with("OK"), "{status}");
    sb.run(&["check", &target]).expect(0);
    // Running create again finds nothing to do.
    let again = sb.run(&["create", "--sentinel", &target, "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(again["outcome"], "nothing-to-do");

    let load = support::group::GroupLoad::start(&sentinels.addrs, "mymaster", "w", 2);
    std::thread::sleep(Duration::from_millis(800));
    let steered = sb.run_past_tilt(&["failover", &target, "--to", "g-2", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(steered["outcome"], "applied");
    assert_eq!(sb.group_master().as_deref(), Some(sb.addrs[2].as_str()), "--to picks the new master");
    std::thread::sleep(Duration::from_millis(800));
    sb.run_past_tilt(&["failover", &target, "--yes"]).expect(0);
    std::thread::sleep(Duration::from_millis(800));
    let tally = load.stop();
    let master = sb.group_master().expect("one master after the failovers");
    assert_ne!(master, sb.addrs[2], "the second failover moved the master again");
    assert!(tally.acked.len() > 500, "the writers wrote too little to prove anything: {}", tally.acked.len());
    let missing = support::group::missing_keys(&master, &tally.acked);
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged writes lost, e.g. {:?}",
        missing.len(),
        tally.acked.len(),
        &missing[..missing.len().min(3)]
    );
    eprintln!("{} acknowledged writes kept, {} failed writes", tally.acked.len(), tally.failed);
    // The steered priority was restored; the group is healthy and every sentinel knows it exactly.
    let priority: Vec<String> = query(&mut sb.conn(2), &["CONFIG", "GET", "replica-priority"]);
    assert_eq!(priority[1], "100");
    // A sentinel starved of CPU on a loaded machine enters TILT for 30 s (check warns, exit 10):
    // the group is healthy once that has passed.
    let healthy = eventually(Duration::from_secs(45), || sb.run(&["check", &target]).code == 0);
    assert!(healthy, "{}", sb.run(&["check", &target]).stdout);
    assert_sentinels_know_exactly_the_group(&sb.addrs, &sentinels.addrs);
}

fn stale_entries_of_a_replica_and_of_a_sentinel_that_came_back_under_new_addresses_are_found_and_cleared(server: Server) {
    let (mut sb, sentinels) = Sandbox::start_group(server, 3, Some(3));
    let target = sb.target();
    let master = sb.group_master().unwrap();
    support::write_plain_keys(&master, 200);

    // A replica restarted under a new IP rejoins (its role survives in its configuration file);
    // the sentinels learn its new address and keep the old one.
    sb.run(&["sandbox", "restart", "g", "2", "--new-ip"]).expect(0);
    sb.refresh();
    let new_replica = sb.addrs[2].clone();
    assert!(
        eventually(Duration::from_secs(30), || sentinels
            .addrs
            .iter()
            .all(|s| sentinel_lists(s, "REPLICAS").contains(&new_replica))),
        "the sentinels never learned the replica's new address"
    );
    let verdict = sb.verdict();
    let codes: Vec<&str> = verdict["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes.iter().filter(|c| **c == "stale-replica-entry").count(), 3, "{verdict}");
    sb.run(&["check", &target]).expect(10);

    // A sentinel without persistent configuration comes back three times under a new ID and IP;
    // a chart's start script makes it monitor the master each time.
    for _ in 0..3 {
        sb.run(&["sandbox", "restart", "g", "--sentinel", "2", "--new-ip", "--fresh-id"]).expect(0);
        let fresh = sb.sentinels().addrs[2].clone();
        let (host, port) = master.split_once(':').unwrap();
        let mut conn = support::connect(&fresh);
        let _: () = redis::cmd("SENTINEL").arg("MONITOR").arg("mymaster").arg(host).arg(port).arg(2).query(&mut conn).unwrap();
        let _: () =
            redis::cmd("SENTINEL").arg("SET").arg("mymaster").arg("down-after-milliseconds").arg(10000).query(&mut conn).unwrap();
        let _: () =
            redis::cmd("SENTINEL").arg("SET").arg("mymaster").arg("failover-timeout").arg(180000).query(&mut conn).unwrap();
        assert!(
            eventually(Duration::from_secs(30), || sentinels.addrs[..2]
                .iter()
                .all(|s| sentinel_lists(s, "SENTINELS").contains(&fresh))),
            "the other sentinels never learned {fresh}"
        );
    }
    let live = sb.sentinels().addrs;
    let verdict = sb.verdict();
    let codes: Vec<&str> = verdict["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"quorum-unreachable") && codes.contains(&"stale-sentinel-entry"), "{verdict}");
    sb.run(&["check", &target]).expect(11);

    // fix resets one sentinel at a time; killed in the middle of that, a re-run converges.
    let mut child = sb.spawn(&["fix", &target, "--yes"]);
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    let reset = lines.by_ref().map_while(Result::ok).find(|l| l.contains("reset sentinel"));
    assert!(reset.is_some(), "fix planned no reset");
    child.kill().unwrap();
    child.wait().unwrap();
    let fixed = sb.run(&["fix", &target, "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(fixed["check"]["healthy"], true, "{fixed}");
    sb.run(&["check", &target]).expect(0);
    assert_sentinels_know_exactly_the_group(&sb.addrs, &live);
    support::assert_plain_keys(&sb.group_master().unwrap(), 200);
}

fn a_second_master_holding_data_is_demoted_only_when_named_and_split_sentinels_need_a_named_master(server: Server) {
    let (mut sb, _) = Sandbox::start_group(server, 3, None);
    let target = sb.target();
    let master = sb.group_master().unwrap();
    support::write_plain_keys(&master, 100);
    assert!(eventually(Duration::from_secs(10), || query::<i64>(&mut sb.conn(1), &["DBSIZE"]) == 100));

    // Split brain: member 1 leaves, takes a write of its own and comes back as a master on a new IP.
    let mut conn = sb.conn(1);
    query::<()>(&mut conn, &["REPLICAOF", "NO", "ONE"]);
    // As most charts run it: taking writes without replicas.
    query::<()>(&mut conn, &["CONFIG", "SET", "min-replicas-to-write", "0"]);
    query::<()>(&mut conn, &["SET", "only-on-the-old-master", "x"]);
    query::<()>(&mut conn, &["CONFIG", "REWRITE"]);
    sb.run(&["sandbox", "restart", "g", "1", "--new-ip"]).expect(0);
    sb.refresh();
    // Its sentinel moved with it (one pod, two containers).
    let sentinels = sb.sentinels();
    let verdict = sb.verdict();
    let codes: Vec<&str> = verdict["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"several-masters"), "{verdict}");
    let before = support::cluster_digest_of_group(&sb);
    let refused = sb.run(&["fix", &target, "--yes"]).expect(3);
    assert!(refused.stderr.contains("101 key(s)") && refused.stderr.contains("--discard-writes-on"), "{}", refused.stderr);
    assert_eq!(support::cluster_digest_of_group(&sb), before, "a refusal changes nothing");
    sb.run(&["fix", &target, "--discard-writes-on", "g-1", "--yes"]).expect(0);
    sb.run(&["check", &target]).expect(0);
    assert_sentinels_know_exactly_the_group(&sb.addrs, &sentinels.addrs);
    support::assert_plain_keys(&sb.group_master().unwrap(), 100);

    // Three masters, each watched by its own sentinel: nobody can say which one is right.
    for (i, s) in sentinels.addrs.iter().enumerate() {
        let mut member = sb.conn(i);
        query::<()>(&mut member, &["REPLICAOF", "NO", "ONE"]);
        let (host, port) = sb.addrs[i].split_once(':').unwrap();
        let mut sentinel = support::connect(s);
        query::<()>(&mut sentinel, &["SENTINEL", "REMOVE", "mymaster"]);
        query::<()>(&mut sentinel, &["SENTINEL", "MONITOR", "mymaster", host, port, "1"]);
    }
    let verdict = sb.verdict();
    let codes: Vec<&str> = verdict["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"sentinels-disagree") && codes.contains(&"several-masters"), "{verdict}");
    let before = support::cluster_digest_of_group(&sb);
    let refused = sb.run(&["fix", &target, "--yes"]).expect(3);
    assert!(refused.stderr.contains("--master"), "{}", refused.stderr);
    assert_eq!(support::cluster_digest_of_group(&sb), before, "a refusal changes nothing");
    sb.run(&["fix", &target, "--master", "g-0", "--discard-writes-on", "g-1", "--discard-writes-on", "g-2", "--yes"]).expect(0);
    sb.run(&["check", &target]).expect(0);
    assert_eq!(sb.group_master().as_deref(), Some(sb.addrs[0].as_str()));
    assert_sentinels_know_exactly_the_group(&sb.addrs, &sentinels.addrs);
    support::assert_plain_keys(&sb.addrs[0], 100);
}

fn a_wrong_auth_pass_and_drifted_settings_are_repaired_and_a_stopped_sentinel_does_not_stall_status(server: Server) {
    const PASSWORD: &str = "group-secret-7";
    let state = tempfile::tempdir().unwrap();
    let mut sb = Sandbox { state, name: "g".to_owned(), server, addrs: Vec::new(), pids: Vec::new() };
    let path = server.path();
    let auth = [("REDISCLI_AUTH", PASSWORD)];
    let up = [
        "sandbox",
        "up",
        "--name",
        "g",
        "--sentinel",
        "--nodes",
        "3",
        "--server",
        path.to_str().unwrap(),
        "--server-arg=--requirepass",
        &format!("--server-arg={PASSWORD}"),
        "--server-arg=--masterauth",
        &format!("--server-arg={PASSWORD}"),
    ];
    sb.run(&up).expect(0);
    sb.refresh();
    let target = sb.target();
    // The sentinels have no password of their own: the tool talks to them without one.
    let created = sb.run_env(&["create", "--sentinel", &target, "--yes"], &auth).expect(0);
    let sentinels = sb.sentinels().addrs;
    for s in &sentinels {
        query::<()>(&mut support::connect(s), &["SENTINEL", "SET", "mymaster", "down-after-milliseconds", "1000"]);
    }
    // One sentinel gets a wrong auth-pass, another a drifted parallel-syncs.
    query::<()>(&mut support::connect(&sentinels[1]), &["SENTINEL", "SET", "mymaster", "auth-pass", "wrong"]);
    query::<()>(&mut support::connect(&sentinels[2]), &["SENTINEL", "SET", "mymaster", "parallel-syncs", "3"]);
    let sees_down = || {
        let fields: Vec<String> = query(&mut support::connect(&sentinels[1]), &["SENTINEL", "MASTER", "mymaster"]);
        fields.chunks(2).any(|c| c[0] == "flags" && c[1].contains("s_down"))
    };
    assert!(eventually(Duration::from_secs(20), sees_down), "the sentinel with the wrong auth-pass never saw the master down");
    let check = sb.run_env(&["check", &target, "-o", "json"], &auth).expect(11).json();
    let codes: Vec<&str> = check["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"sentinel-sees-master-down") && codes.contains(&"sentinel-settings-differ"), "{check}");
    let fixed = sb.run_env(&["fix", &target, "--yes"], &auth).expect(0);
    sb.run_env(&["check", &target], &auth).expect(0);
    for out in [&created.stdout, &created.stderr, &fixed.stdout, &fixed.stderr] {
        assert!(!out.contains(PASSWORD), "the password was printed: {out}");
    }
    let parallel: Vec<String> = query(&mut support::connect(&sentinels[2]), &["SENTINEL", "MASTER", "mymaster"]);
    assert!(parallel.chunks(2).any(|c| c[0] == "parallel-syncs" && c[1] == "1"), "{parallel:?}");

    // A SIGSTOPped sentinel: status answers within the timeout and check names it.
    let pid = sb.sentinels().pids[0];
    assert!(std::process::Command::new("kill").args(["-STOP", &pid.to_string()]).status().unwrap().success());
    let started = Instant::now();
    let status = sb.run_env(&["status", &target, "--timeout", "1s", "-o", "json"], &auth);
    let took = started.elapsed();
    let check = sb.run_env(&["check", &target, "--timeout", "1s", "-o", "json"], &auth);
    std::process::Command::new("kill").args(["-CONT", &pid.to_string()]).status().unwrap();
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(took < Duration::from_secs(5), "status took {took:?}");
    assert_eq!(status.json()["sentinels"][0]["reachable"], false);
    assert_eq!(check.code, 11);
    assert!(check.stdout.contains("sentinel-unreachable"), "{}", check.stdout);

    // Sentinels with a password of their own: refused without it, healthy with it.
    const SENTINEL_PASSWORD: &str = "sentinels-own-9";
    for s in &sentinels {
        let mut conn = support::connect(s);
        query::<()>(&mut conn, &["SENTINEL", "CONFIG", "SET", "sentinel-pass", SENTINEL_PASSWORD]);
        query::<()>(&mut conn, &["ACL", "SETUSER", "default", "resetpass", &format!(">{SENTINEL_PASSWORD}")]);
    }
    let refused = sb.run_env(&["check", &target, "-o", "json"], &auth).expect(11);
    assert!(refused.stdout.contains("authentication failed"), "{}", refused.stdout);
    let file = sb.state.path().join("sentinel-password");
    std::fs::write(&file, format!("{SENTINEL_PASSWORD}\n")).unwrap();
    // (The sentinel stopped above is in TILT for 30 s after it was continued: a warning.)
    let with_file = ["check", &target, "--sentinel-password-file", file.to_str().unwrap(), "-o", "json"];
    let no_problems = || sb.run_env(&with_file, &auth).json()["problems"] == 0;
    assert!(eventually(Duration::from_secs(15), no_problems), "{}", sb.run_env(&with_file, &auth).stdout);
    for out in [&refused.stdout, &refused.stderr] {
        assert!(!out.contains(SENTINEL_PASSWORD) && !out.contains(PASSWORD), "a password was printed: {out}");
    }
}

#[test]
fn bad_input_on_a_sentinel_group_is_one_line_with_a_hint_and_changes_nothing() {
    let (sb, sentinels) = Sandbox::start_group(Server::Redis, 3, None);
    let cluster = Sandbox::start(Server::Redis, 1);
    // A sentinel that monitors another group.
    let (other, other_sentinels) = {
        let state = tempfile::tempdir().unwrap();
        let other = Sandbox { state, name: "o".to_owned(), server: Server::Redis, addrs: Vec::new(), pids: Vec::new() };
        other.run(&["sandbox", "up", "--name", "o", "--sentinel", "--nodes", "1", "-o", "json"]).expect(0);
        let target = other.target();
        other.run(&["create", "--sentinel", &target, "--master-name", "othergroup", "--force", "--yes"]).expect(11);
        let sentinels = other.sentinels();
        (other, sentinels)
    };
    let t = sb.target();
    let members = sb.addrs.join(",");
    let vars = [
        ("{T}", t.clone()),
        ("{MEMBERS}", members.clone()),
        ("{M0}", sb.addrs[0].clone()),
        ("{S}", sentinels.addrs.join(",")),
        ("{S0}", sentinels.addrs[0].clone()),
        ("{OTHER_S}", other_sentinels.addrs[0].clone()),
        ("{CLUSTER_NODE}", cluster.addrs[0].clone()),
    ];
    let cases: &[BadInput] = &[
        ("status --nodes {MEMBERS} --sentinels {S} --master-name nosuch", &[], 2, "no sentinel monitors a master named 'nosuch'"),
        ("check --nodes {MEMBERS} --sentinels {M0}", &[], 2, "{M0} is not a sentinel"),
        ("status --nodes {S0} --sentinels {S}", &[], 2, "{S0} is a sentinel, not a redis member"),
        ("check --nodes {CLUSTER_NODE} --sentinels {S}", &[], 2, "runs in cluster mode"),
        ("status --nodes {MEMBERS} --sentinels {S0},{OTHER_S}", &[], 2, "several masters"),
        ("check --sentinels {S}", &[], 2, "--nodes"),
        ("reshard {T} --from all --to {M0} --slots 10 --yes", &[], 3, "Sentinel group"),
        ("rebalance {T} --yes", &[], 3, "Sentinel group"),
        ("add-node 127.0.0.1:1 {T} --yes", &[], 4, "127.0.0.1:1 does not answer"),
        ("add-node {M0} {T} --sentinel --yes", &[], 2, "{M0} is not a sentinel"),
        ("add-node {CLUSTER_NODE} --nodes {CLUSTER_NODE} --sentinel --yes", &[], 2, "--sentinel is for Sentinel groups"),
        ("add-node {M0} {T} --replica-of g-1 --yes", &[], 2, "--replica-of is for clusters"),
        ("del-node g-0 {T} --yes", &[], 3, "is the master"),
        ("del-node g-0 {T} --sentinel --yes", &[], 3, "2 sentinel(s) would be left"),
        ("del-node nosuch:1 {T} --yes", &[], 2, "no member of the group"),
        ("del-node g-1 {T} --yes", &[], 3, "still runs"),
        ("create {T} --yes", &[], 3, "is a Sentinel group"),
        ("create --sentinel --nodes {M0} --yes", &[], 2, "no sentinels"),
        ("create --nodes {CLUSTER_NODE} --quorum 2 --yes", &[], 2, "--quorum is for Sentinel groups"),
        ("create --sentinel {T} --quorum 5 --yes", &[], 2, "--quorum 5"),
        ("failover {T} --to g-0 --yes", &[], 2, "is the master already"),
        ("failover {T} --to nosuch --yes", &[], 2, "'nosuch' is no member"),
        ("failover {T} --max-lag lots --yes", &[], 2, "--max-lag"),
        ("failover {T} --to g-1", &[], 3, "not confirmed"),
        ("fix {T} --master nosuch --yes", &[], 2, "'nosuch' is no member"),
        ("sandbox up --name x --sentinels 3", &[], 2, "--sentinel"),
        ("sandbox up --name x --sentinel --nodes 3 --sentinels 2", &[], 2, "one-workload"),
        ("sandbox restart g --sentinel 0 --new-ip", &[], 2, "one-workload"),
        ("sandbox restart g 0 --fresh-id", &[], 2, "--fresh-id"),
    ];
    let digest = || {
        let mut d = support::cluster_digest_of_group(&sb);
        d.extend(sentinels.addrs.iter().map(|s| format!("{s} {:?}", sentinel_lists(s, "REPLICAS"))));
        d
    };
    let failures = bad_input_failures(sb.state.path(), cases, &vars, digest);
    drop(other);
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

fn a_sentinel_group_scales_from_3_to_5_and_back_with_its_master_among_the_leaving_under_live_writes(server: Server) {
    let (mut sb, sentinels) = Sandbox::start_group(server, 3, None);
    let target = sb.target();
    let load = support::group::GroupLoad::start(&sentinels.addrs, "mymaster", "s", 2);
    std::thread::sleep(Duration::from_millis(500));
    let grown = sb.run(&["scale", &target, "--replicas", "4", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!((grown["members"].as_u64(), grown["sentinels"].as_u64()), (Some(5), Some(5)), "{grown}");
    sb.refresh();
    assert_sentinels_know_exactly_the_group(&sb.addrs, &sb.sentinels().addrs);
    // The master moves to a member that is about to leave.
    sb.run_past_tilt(&["failover", &target, "--to", "g-4", "--yes"]).expect(0);
    let dry = sb.run(&["scale", &target, "--replicas", "2", "--dry-run"]).expect(0);
    assert!(dry.stdout.contains("majority 3 -> 2") && dry.stdout.contains("pause writes on g-4"), "{}", dry.stdout);
    // Roles and masters, not key counts: the writers keep writing.
    let roles =
        || support::cluster_digest_of_group(&sb).iter().map(|l| l.split(" keys=").next().unwrap().to_owned()).collect::<Vec<_>>();
    let before = roles();
    let refused = sb.run(&["scale", &target, "--replicas", "1", "--yes"]).expect(3);
    assert!(refused.stderr.contains("2 sentinel(s) after the resize"), "{}", refused.stderr);
    assert_eq!((roles(), sb.sentinels().addrs.len()), (before, 5), "a refusal changes nothing");
    sb.run(&["scale", &target, "--replicas", "2", "--yes"]).expect(0);
    std::thread::sleep(Duration::from_millis(500));
    let tally = load.stop();
    sb.refresh();
    assert_eq!(sb.addrs.len(), 3);
    let master = sb.group_master().expect("one master");
    assert!(sb.addrs.contains(&master), "the master is a staying member");
    let missing = support::group::missing_keys(&master, &tally.acked);
    assert!(missing.is_empty(), "{} of {} acknowledged writes lost", missing.len(), tally.acked.len());
    assert!(tally.acked.len() > 500, "too few writes: {}", tally.acked.len());
    // A sentinel starved of CPU (two groups and their writers on two cores) may sit out 30 s in
    // TILT, a warning; the group is healthy once it is back.
    let healthy = eventually(Duration::from_secs(45), || sb.run(&["check", &target]).code == 0);
    assert!(healthy, "{}", sb.run(&["check", &target]).stdout);
    assert_sentinels_know_exactly_the_group(&sb.addrs, &sb.sentinels().addrs);
}

fn a_bitnami_sentinel_statefulset_is_checked_failed_over_and_scaled_through_port_forward(server: Server) {
    let kube = support::kube::FakeKube::start_sentinel_group(server, 3, "bitnami-pass");
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    assert_eq!(status["kind"], "sentinel", "{status}");
    let names = |key: &str| -> Vec<String> {
        status[key].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap_or("?").to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(names("members"), ["redis-node-0", "redis-node-1", "redis-node-2"], "{status}");
    assert_eq!(names("sentinels"), ["redis-node-0", "redis-node-1", "redis-node-2"], "{status}");
    assert_eq!(status["sentinels_agreeing"], 3);
    kube.run(&["check"]).expect(0);
    assert!(kube.forwarded_to("redis-node-1") > 0, "reached through port-forward");
    // redis-cli in the master's pod: the redis container of the two, the chart's password.
    kube.enforce_rules(&run_in(kube.sandbox.state.path(), &["generate", "rbac", "--with", "exec"], &[]).expect(0).stdout);
    let role = kube.run_command(&["cli", "--exec"], &["ROLE"]).expect(0);
    assert!(role.stdout.starts_with("master\n"), "{}{}", role.stdout, role.stderr);
    assert!(kube.requests().iter().any(|r| r.starts_with("EXEC pods/redis-node-0 -c redis ")), "{:?}", kube.requests());

    kube.run(&["failover", "--to", "redis-node-2", "--yes"]).expect(0);
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    assert_eq!(status["master"], kube.sandbox.addrs[2].as_str(), "{status}");
    let planned = kube.run(&["scale", "--replicas", "4", "--dry-run", "-o", "json"]).expect(0).json();
    assert_eq!((planned["outcome"].as_str(), kube.replicas()), (Some("dry-run"), 3), "{planned}");
    assert_eq!(planned["plan"]["steps"][0], serde_json::json!({ "kind": "resize", "members": 5, "sentinels": 5 }), "{planned}");
    let grown = kube.run(&["scale", "--replicas", "4", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!((grown["members"].as_u64(), kube.replicas()), (Some(5), 5), "{grown}");
    assert!(kube.requests().contains(&"PATCH statefulsets/redis-node/scale".to_owned()));
    kube.run(&["failover", "--to", "redis-node-4", "--yes"]).expect(0);
    kube.run(&["scale", "--replicas", "2", "--yes"]).expect(0);
    assert_eq!(kube.replicas(), 3);
    let checked = kube.run(&["check", "-o", "json"]).expect(0).json();
    assert_eq!(checked["healthy"], true, "{checked}");

    // A rolling restart deletes each pod (its sentinel with it) for a new IP: replicas first, the
    // master after a switchover; the sentinels' entries of the old IPs are cleared. (Once: on
    // Valkey the same path is a minute more of the suite; the sandbox test rolls Valkey 9 in.)
    if server == Server::Valkey {
        return;
    }
    let deleted = |kube: &support::kube::FakeKube| kube.requests().iter().filter(|r| r.starts_with("DELETE pods")).count();
    let listed = |kube: &support::kube::FakeKube| kube.requests().iter().filter(|r| *r == "LIST services").count();
    let (before, listed_before) = (deleted(&kube), listed(&kube));
    let restarted = kube.run(&["restart", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(
        (restarted["outcome"].as_str(), restarted["check"]["healthy"].as_bool()),
        (Some("applied"), Some(true)),
        "{restarted}"
    );
    assert_eq!(deleted(&kube) - before, 3);
    assert_eq!(listed(&kube) - listed_before, 1, "Services are listed once per run, however often the pods are read");
}

#[test]
fn a_sentinel_group_rolls_from_redis_7_to_valkey_9_replicas_first_then_its_master_losing_no_acknowledged_write() {
    let (sb, sentinels) = Sandbox::start_group(Server::Redis, 3, None);
    let target = sb.target();
    let valkey = Server::Valkey.path();
    let image = valkey.to_str().unwrap();
    let plan = sb.run(&["restart", &target, "--image", image, "--dry-run", "-o", "json"]).expect(0).json();
    let kinds: Vec<&str> = plan["plan"]["steps"].as_array().unwrap().iter().map(|s| s["step"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["restart", "restart", "switchover", "restart"], "{plan}");
    assert_eq!(plan["plan"]["steps"][3]["member"]["name"], "g-0", "the master restarts last: {plan}");

    let load = support::group::GroupLoad::start(&sentinels.addrs, "mymaster", "w", 2);
    std::thread::sleep(Duration::from_millis(800));
    let run = sb.run(&["restart", &target, "--image", image, "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(run["check"]["healthy"], true, "{run}");
    std::thread::sleep(Duration::from_millis(800));
    let tally = load.stop();
    let master = sb.group_master().expect("one master");
    assert_ne!(master, sb.addrs[0], "the master handed over before it restarted");
    assert!(tally.acked.len() > 500, "the writers wrote too little to prove anything: {}", tally.acked.len());
    let missing = support::group::missing_keys(&master, &tally.acked);
    assert!(missing.is_empty(), "{} of {} acknowledged writes lost", missing.len(), tally.acked.len());
    assert_run_valkey_9(&sb.addrs);
    let again = sb.run(&["restart", &target, "--image", image, "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(again["outcome"], "nothing-to-do", "{again}");
}

fn a_group_that_announces_per_pod_service_cluster_ips_is_shown_by_pod_and_failed_over_by_those_addresses(server: Server) {
    let password = "ha-pass";
    let kube = support::kube::FakeKube::start_sentinel_group(server, 3, password);
    let cluster_ips = kube.announce_services(password);
    let master = kube.sandbox.addrs.iter().position(|a| {
        query::<String>(&mut support::connect_as(a, Some(password)), &["INFO", "replication"]).contains("role:master")
    });
    let master = master.unwrap();
    support::write_plain_keys_as(&kube.sandbox.addrs[master], Some(password), 100);
    // The sentinels know every node by its Service's ClusterIP: each maps back to its pod.
    assert!(eventually(Duration::from_secs(60), || kube.run(&["check"]).code == 0), "{}", kube.run(&["check"]).stdout);
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    assert_eq!(status["master"], kube.sandbox.addrs[master].as_str(), "{status}");
    let names: Vec<&str> = status["members"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["redis-node-0", "redis-node-1", "redis-node-2"], "{status}");
    assert!(kube.requests().contains(&"LIST services".to_owned()));
    // Without the permission to list Services those addresses are entries of no pod.
    kube.revoke("services", "list");
    let blind = kube.run(&["check"]).expect(11);
    assert!(blind.stdout.contains("stale"), "{}", blind.stdout);
    kube.restore_rules();

    // The switchover hands the group the new master's ClusterIP, not its pod IP.
    let to = (master + 1) % 3;
    kube.run(&["failover", "--to", &format!("redis-node-{to}"), "--yes"]).expect(0);
    let info: String = query(&mut support::connect_as(&kube.sandbox.addrs[master], Some(password)), &["INFO", "replication"]);
    assert!(info.contains(&format!("master_host:{}", cluster_ips[to])), "{info}");
    assert!(eventually(Duration::from_secs(60), || kube.run(&["check"]).code == 0), "{}", kube.run(&["check"]).stdout);
    support::assert_plain_keys_as(&kube.sandbox.addrs[to], Some(password), 100);
}

fn a_sentinel_statefulset_is_formed_and_joined_pod_by_pod_through_the_kubernetes_api(server: Server) {
    let password = "formed-pass";
    let mut kube = support::kube::FakeKube::start_blank_sentinel_statefulset(server, 3, password);
    kube.run(&["create", "--sentinel", "--quorum", "2", "--yes"]).expect(0);
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    assert_eq!(
        (status["master"].as_str(), status["sentinels_agreeing"].as_u64()),
        (Some(kube.sandbox.addrs[0].as_str()), Some(3))
    );
    kube.run(&["check"]).expect(0);
    support::write_plain_keys_as(&kube.sandbox.addrs[0], Some(password), 100);

    // A pod added by hand (kubectl scale) starts blank: its redis and its sentinel join by name.
    kube.scale_by_hand(4);
    kube.sandbox.refresh();
    // The member joins; the verdict after it still names the pod's blank sentinel (exit 11).
    let member = kube.run(&["add-node", "redis-node-3", "--yes"]).expect(11);
    assert!(member.stdout.contains("[sentinel-not-monitoring] sentinel redis-node-3"), "{}", member.stdout);
    assert_eq!(member.stdout.matches("PROBLEM").count(), 1, "{}", member.stdout);
    kube.run(&["add-node", "redis-node-3", "--sentinel", "--yes"]).expect(0);
    let status = kube.run(&["status", "-o", "json"]).expect(0).json();
    assert_eq!((status["members"].as_array().unwrap().len(), status["sentinels_agreeing"].as_u64()), (4, Some(4)), "{status}");
    kube.run(&["check"]).expect(0);
    support::assert_plain_keys_as(&kube.sandbox.addrs[3], Some(password), 100);

    // Its sentinel leaves by name; its redis is refused while the pod runs (Sentinel would take
    // it back): the StatefulSet shrinks through `scale`.
    kube.run(&["del-node", "redis-node-3", "--sentinel", "--yes"]).expect(0);
    let running = kube.run(&["del-node", "redis-node-3", "--yes"]).expect(3);
    assert!(running.stderr.contains("still runs"), "{}", running.stderr);
    kube.run(&["scale", "--replicas", "2", "--yes"]).expect(0);
    assert_eq!(kube.replicas(), 3);
    kube.run(&["check"]).expect(0);
    support::assert_plain_keys_as(&kube.sandbox.addrs[0], Some(password), 100);
}

fn sentinels_in_a_deployment_of_their_own_are_found_through_its_selector_and_port_forward(server: Server) {
    let kube = support::kube::FakeKube::start_sentinel_deployment(server, 2, 3, "handwritten-pass");
    let alone = kube.run(&["status"]).expect(4);
    assert!(alone.stderr.contains("--sentinels"), "the hint names --sentinels: {}", alone.stderr);
    let status = kube.run(&["status", "--sentinels", "deploy/redis-sentinel", "-o", "json"]).expect(0).json();
    assert_eq!(status["kind"], "sentinel", "{status}");
    let sentinels: Vec<&str> = status["sentinels"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(sentinels.len(), 3);
    assert!(sentinels.iter().all(|n| n.starts_with("redis-sentinel-")), "{sentinels:?}");
    assert_eq!(status["sentinels_agreeing"], 3, "{status}");
    assert!(kube.requests().contains(&"GET deployments/redis-sentinel".to_owned()));
    kube.run(&["check", "--sentinels", "deploy/redis-sentinel"]).expect(0);
    kube.run(&["failover", "--sentinels", "app=redis-sentinel", "--to", "redis-1", "--yes"]).expect(0);
    let status = kube.run(&["status", "--sentinels", "deploy/redis-sentinel", "-o", "json"]).expect(0).json();
    assert_eq!(status["master"], kube.sandbox.addrs[1].as_str(), "{status}");
    let fixed = kube.run(&["fix", "--sentinels", "deploy/redis-sentinel", "--yes", "-o", "json"]).expect(0).json();
    assert_eq!(fixed["outcome"], "nothing-to-do", "{fixed}");

    // The Deployment is scaled through its scale subresource; pods chosen by a selector are not.
    support::write_plain_keys_as(&kube.sandbox.addrs[1], Some("handwritten-pass"), 100);
    let by_label = kube.run(&["scale", "--sentinels", "app=redis-sentinel", "--replicas", "1", "--sentinel-count", "5", "--yes"]);
    assert!(by_label.expect(2).stderr.contains("label selector"));
    let sentinel_count = |kube: &support::kube::FakeKube| {
        let status = kube.run(&["status", "--sentinels", "deploy/redis-sentinel", "-o", "json"]).expect(0).json();
        (status["sentinels"].as_array().unwrap().len(), status["sentinels_agreeing"].as_u64().unwrap())
    };
    assert_eq!(sentinel_count(&kube), (3, 3));
    let sentinels = ["scale", "--sentinels", "deploy/redis-sentinel", "--replicas", "1", "--yes", "--sentinel-count"];
    kube.run(&[&sentinels[..], &["5"]].concat()).expect(0);
    assert!(kube.requests().contains(&"PATCH deployments/redis-sentinel/scale".to_owned()));
    assert_eq!(sentinel_count(&kube), (5, 5));
    kube.run(&[&sentinels[..], &["3"]].concat()).expect(0);
    assert_eq!(sentinel_count(&kube), (3, 3));
    kube.run(&["check", "--sentinels", "deploy/redis-sentinel"]).expect(0);
    support::assert_plain_keys_as(&kube.sandbox.addrs[1], Some("handwritten-pass"), 100);
    let missing = kube.run(&["status", "--sentinels", "deploy/nosuch"]).expect(4);
    assert!(missing.stderr.contains("deployment nosuch not found"), "{}", missing.stderr);
    let bad = kube.run(&["status", "--sentinels", "nonsense"]).expect(2);
    assert!(bad.stderr.contains("names no sentinel workload"), "{}", bad.stderr);
}

fn priorities_a_killed_switchover_steered_are_restored_by_the_next_changing_run(server: Server) {
    let (sb, _) = Sandbox::start_group(server, 3, None);
    let master = sb.group_master().expect("one master");
    support::write_plain_keys(&master, 100);
    let to = (0..3).find(|i| sb.addrs[*i] != master).unwrap();
    let priority = |i: usize| -> String {
        let pair: Vec<String> = query(&mut support::connect(&sb.addrs[i]), &["CONFIG", "GET", "replica-priority"]);
        pair[1].clone()
    };
    assert!((0..3).all(|i| priority(i) == "100"));
    // `--to` steers Sentinel's choice by lowering the chosen replica's priority; the tool is killed
    // while the sentinels have not read it yet (they read it every 10 s).
    let mut child = sb.spawn(&["failover", &sb.target(), "--to", &format!("g-{to}"), "--yes"]);
    assert!(eventually(Duration::from_secs(20), || priority(to) == "1"), "the priority was never steered");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(sb.journal_exists(), "the steered priority is recorded");
    sb.run(&["status", &sb.target()]).expect(0);
    // check says so, and a reading command changes nothing.
    let checked = sb.run(&["check", &sb.target(), "-o", "json"]).expect(10).json();
    let steered = checked["findings"].as_array().unwrap().iter().find(|f| f["code"] == "priority-steered").cloned();
    assert!(steered.is_some_and(|f| f["message"].as_str().unwrap().contains("it was 100")), "{checked}");
    assert_eq!(priority(to), "1", "a reading command changes nothing");

    let fixed = sb.run(&["fix", &sb.target(), "--yes"]).expect(0);
    assert!(fixed.stderr.contains("restored the replica-priority"), "{}", fixed.stderr);
    assert!((0..3).all(|i| priority(i) == "100"), "every priority is back");
    assert!(!sb.journal_exists(), "the record is gone once restored");
    // A switchover that runs to the end restores the priorities itself, in the file too.
    sb.run(&["failover", &sb.target(), "--to", &format!("g-{to}"), "--yes"]).expect(0);
    assert_eq!(sb.group_master().as_deref(), Some(sb.addrs[to].as_str()));
    assert!((0..3).all(|i| priority(i) == "100"));
    assert!(!sb.journal_exists());
    for addr in &sb.addrs {
        let info: String = query(&mut support::connect(addr), &["INFO", "server"]);
        let file = info.lines().find_map(|l| l.strip_prefix("config_file:")).unwrap().trim().to_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.lines().any(|l| l.trim() == "replica-priority 1"), "the steered value stays out of {file}");
    }
    support::assert_plain_keys(&sb.addrs[to], 100);
}

fn add_node_joins_a_member_as_a_replica_and_a_sentinel_to_a_group_given_by_address(server: Server) {
    let (sb, sentinels) = Sandbox::start_group(server, 2, Some(3));
    support::write_plain_keys(&sb.addrs[0], 50);
    // A blank member and a blank sentinel, started apart from the group.
    let state = tempfile::tempdir().unwrap();
    let mut spare = Sandbox { state, name: "n".to_owned(), server, addrs: Vec::new(), pids: Vec::new() };
    let path = server.path();
    spare.run(&["sandbox", "up", "--name", "n", "--sentinel", "--nodes", "1", "--server", path.to_str().unwrap()]).expect(0);
    spare.refresh();
    let (member, sentinel) = (spare.addrs[0].clone(), spare.sentinels().addrs[0].clone());
    let (nodes, sents) = (sb.addrs.join(","), sentinels.addrs.join(","));
    let all_nodes = format!("{nodes},{member}");
    sb.run(&["add-node", &member, "--nodes", &nodes, "--sentinels", &sents, "--yes"]).expect(0);
    sb.run(&["add-node", &sentinel, "--sentinel", "--nodes", &all_nodes, "--sentinels", &sents, "--yes"]).expect(0);
    let all_sents = format!("{sents},{sentinel}");
    sb.run(&["check", "--nodes", &all_nodes, "--sentinels", &all_sents]).expect(0);
    let again = sb.run(&["add-node", &member, "--nodes", &all_nodes, "--sentinels", &all_sents, "--yes", "-o", "json"]).expect(0);
    assert_eq!(again.json()["outcome"], "nothing-to-do");
    let everyone: Vec<String> = sentinels.addrs.iter().cloned().chain([sentinel]).collect();
    let members: Vec<String> = sb.addrs.iter().cloned().chain([member.clone()]).collect();
    assert_sentinels_know_exactly_the_group(&members, &everyone);
    support::assert_plain_keys(&member, 50);

    // And both leave again. A member that still runs is refused (Sentinel would re-attach it);
    // stopped, it is forgotten. The sentinel stops monitoring; the others are reset in turn.
    let refused = sb.run(&["del-node", &member, "--nodes", &all_nodes, "--sentinels", &all_sents, "--yes"]).expect(3);
    assert!(refused.stderr.contains("still runs"), "{}", refused.stderr);
    sb.run(&["del-node", &everyone[3], "--sentinel", "--nodes", &all_nodes, "--sentinels", &all_sents, "--yes"]).expect(0);
    spare.run(&["sandbox", "down", "--name", "n"]).expect(0);
    sb.run(&["del-node", &member, "--nodes", &all_nodes, "--sentinels", &sents, "--yes"]).expect(0);
    sb.run(&["check", "--nodes", &nodes, "--sentinels", &sents]).expect(0);
    assert_sentinels_know_exactly_the_group(&sb.addrs, &sentinels.addrs);
    support::assert_plain_keys(&sb.addrs[0], 50);
}
