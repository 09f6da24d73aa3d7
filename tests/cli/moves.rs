//! Slot moves: reshard, rebalance, fix, del-node of a master, and runs killed or stopped midway.

use super::*;

/// Three masters and an empty fourth one, with `keys` keys written.
pub(crate) fn three_masters_and_an_empty_one(
    server: Server,
    keys: usize,
    server_args: &[String],
) -> (Sandbox, Vec<(String, String)>) {
    let mut sb = Sandbox::start(server, 0);
    sb.grow_with(4, server_args);
    let three = sb.addrs[..3].join(",");
    sb.run(&["create", "--nodes", &three, "--yes"]).expect(0);
    sb.run(&["add-node", &sb.addrs[3], &sb.target(), "--yes"]).expect(0);
    let keys = write_keys(&sb.addrs[0], keys);
    (sb, keys)
}

pub(crate) fn reshard_and_rebalance_move_exactly_what_was_planned_and_keep_every_key(server: Server) {
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
pub(crate) fn legacy_migration_on_valkey_with_replicas_keeps_every_key() {
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
pub(crate) fn slot_moves_refuse_unsafe_starts_and_change_nothing() {
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
pub(crate) const SLOW_REBALANCE: [&str; 7] =
    ["rebalance", "--use-empty-masters", "--yes", "--batch-keys", "2", "--parallel", "1"];

/// A cluster with 150k keys and a slow rebalance onto its empty master, returned once slots have moved.
pub(crate) fn rebalance_under_way(server_args: &[String]) -> (Sandbox, Vec<(String, String)>, std::process::Child) {
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
pub(crate) fn finish_rebalance(sb: &Sandbox) -> support::Run {
    sb.run(&["rebalance", "--use-empty-masters", "--yes", &sb.target()]).expect(0)
}

#[test]
pub(crate) fn a_rebalance_killed_midway_converges_when_run_again() {
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
pub(crate) fn ctrl_c_finishes_the_slots_in_flight_and_stops_cleanly_with_a_command_line_that_continues() {
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
pub(crate) fn a_target_killed_mid_migration_is_a_clear_error_and_check_fix_repairs_it() {
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
pub(crate) fn restart_killed(sb: &mut Sandbox, nodes: usize) {
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
/// Valkey 8+ replicates SETSLOT, so a replica of the source shows the open slot too: only a
/// master's own line counts.
pub(crate) fn migrating_source(sb: &Sandbox) -> usize {
    let mut found = None;
    let seen = eventually(Duration::from_secs(30), || {
        found = (0..sb.addrs.len()).find(|&i| {
            let text: String = query(&mut sb.conn(i), &["CLUSTER", "NODES"]);
            text.lines().any(|l| l.contains("myself,master") && l.contains("->-"))
        });
        found.is_some()
    });
    assert!(seen, "no slot was ever open on a source");
    found.unwrap()
}

/// The tool's one error line, after asserting it failed with exit 1 and hinted at the way on.
#[track_caller]
pub(crate) fn move_failure(run: &support::Run) -> String {
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("hint: once every node is back"), "{}", run.stderr);
    run.stderr.lines().find(|l| l.starts_with("error: ")).expect("an error line").to_owned()
}

#[test]
pub(crate) fn a_source_or_bystander_killed_mid_move_is_named_with_the_open_slots_and_a_rerun_finishes_once_it_is_back() {
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

pub(crate) fn a_source_failing_over_with_an_open_slot_stops_the_move_and_fix_finishes_it_from_the_new_master(server: Server) {
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

    // The replica takes over while a slot of its master is open: at once (FORCE), since an agreed
    // failover that times out under load can leave the drain time to finish first.
    assert!(fail_over_with(&sb, replica, &["FORCE"], 3), "node {replica} never took over");
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
pub(crate) fn fix_finishes_an_open_slot_and_covers_an_uncovered_one() {
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
pub(crate) fn fix_leaves_a_slot_open_while_its_peer_does_not_answer_and_finishes_it_once_it_does() {
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
pub(crate) fn kill_last_node_until_failed(sb: &mut Sandbox) {
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
pub(crate) fn owner_of(sb: &Sandbox, slot: i64) -> usize {
    let owner = support::slot_owner(&sb.addrs[0], &key_in_slot(&mut sb.conn(0), slot, "o"));
    sb.addrs.iter().position(|a| *a == owner).unwrap()
}

/// Opens slot `slot` from its owner to node `to` by hand with `keys` keys in it, `moved` of them
/// already on `to`, as an interrupted migration leaves it.
pub(crate) fn half_move(sb: &Sandbox, slot: i64, to: usize, keys: usize, moved: usize) -> Vec<String> {
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
pub(crate) fn keys_on(sb: &Sandbox, index: usize, names: &[String]) -> usize {
    let mut pipe = redis::pipe();
    for name in names {
        pipe.cmd("ASKING").ignore().cmd("EXISTS").arg(name);
    }
    pipe.query::<Vec<u64>>(&mut sb.conn(index)).unwrap().into_iter().sum::<u64>() as usize
}

#[test]
pub(crate) fn fix_forgets_a_dead_ghost_first_and_then_finishes_an_open_slot() {
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
pub(crate) fn ctrl_c_stops_fix_after_the_move_in_flight_and_fix_finishes_the_rest() {
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
pub(crate) fn key_in_slot(conn: &mut redis::Connection, slot: i64, prefix: &str) -> String {
    (0..200_000)
        .map(|i| format!("{prefix}{i}"))
        .find(|k| query::<i64>(conn, &["CLUSTER", "KEYSLOT", k]) == slot)
        .expect("some key hashes to every slot")
}

/// Puts `key` on node `index` although that node does not own its slot (a stray copy).
pub(crate) fn plant_stray_key(sb: &Sandbox, index: usize, owner_id: &str, slot: i64, key: &str, value: &str) {
    let mut conn = sb.conn(index);
    let slot = slot.to_string();
    query::<()>(&mut conn, &["CLUSTER", "SETSLOT", &slot, "IMPORTING", owner_id]);
    let () = redis::pipe().cmd("ASKING").ignore().cmd("SET").arg(key).arg(value).ignore().query(&mut conn).unwrap();
    query::<()>(&mut conn, &["CLUSTER", "SETSLOT", &slot, "STABLE"]);
}

#[test]
pub(crate) fn keys_on_both_nodes_are_replaced_when_identical_and_stop_the_move_when_not() {
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
pub(crate) fn migrate_forwards_acl_credentials_to_the_target() {
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
pub(crate) fn until_no_problems(sb: &Sandbox) {
    let clean = eventually(Duration::from_secs(60), || [0, 10].contains(&sb.run(&["check", &sb.target()]).code));
    assert!(clean, "{}", sb.verdict());
}

/// CLUSTER GETSLOTMIGRATIONS on node `index`, one `slot_ranges state` line per job.
pub(crate) fn slot_jobs(sb: &Sandbox, index: usize) -> Vec<String> {
    let jobs: Vec<Vec<String>> = query(&mut sb.conn(index), &["CLUSTER", "GETSLOTMIGRATIONS"]);
    let field = |job: &[String], name: &str| job.iter().position(|f| f == name).map(|i| job[i + 1].clone()).unwrap_or_default();
    jobs.iter().map(|job| format!("{} {}", field(job, "slot_ranges"), field(job, "state"))).collect()
}

#[test]
pub(crate) fn atomic_moves_wait_for_a_job_running_on_the_server_and_give_up_a_stalled_one_of_their_own() {
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
pub(crate) fn legacy_moves_refuse_keys_outside_database_0_and_atomic_moves_them() {
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
pub(crate) fn del_node_removes_a_dead_replica_from_every_node() {
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
pub(crate) fn fix_rolls_back_a_migration_whose_target_is_gone() {
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

/// A small seeded generator for the chaos trials (the seed is printed, so a failure can be replayed
/// with CHAOS_SEED).
pub(crate) struct Chaos(u64);

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
pub(crate) fn kill_midway_then_rerun(
    sb: &mut Sandbox,
    chaos: &mut Chaos,
    command: &[&str],
    undo: &[&str],
    within_ms: u64,
) -> usize {
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
pub(crate) fn kill_midway_then_resume(sb: &Sandbox, command: &[&str], midway: impl Fn() -> bool) {
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
pub(crate) fn any_emptied(sb: &Sandbox, members: &[usize]) -> bool {
    members.iter().any(|&i| sb.owned_slots(i) == 0)
}

#[test]
pub(crate) fn a_reshard_from_all_killed_after_a_source_emptied_resumes_when_run_again() {
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
pub(crate) fn a_drain_killed_after_a_drained_master_emptied_resumes_when_run_again() {
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
pub(crate) fn the_tool_killed_at_random_moments_under_load_converges_when_run_again() {
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
