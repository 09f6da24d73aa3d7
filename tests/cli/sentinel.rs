//! Sentinel groups: real standalone members and real sentinels.

use super::*;

#[test]
pub(crate) fn cli_on_a_sentinel_group_starts_on_its_master_or_a_replica_and_has_no_slots() {
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

/// SENTINEL REPLICAS/SENTINELS of the group on one sentinel: the addresses it lists.
pub(crate) fn sentinel_lists(sentinel: &str, what: &str) -> BTreeSet<String> {
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
pub(crate) fn assert_sentinels_know_exactly_the_group(members: &[String], sentinels: &[String]) {
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
pub(crate) fn a_switchover_whose_tool_is_stopped_past_its_pause_loses_no_acknowledged_write() {
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

pub(crate) fn a_sentinel_group_is_formed_shown_and_failed_over_under_live_writes_without_losing_an_acknowledged_write(
    server: Server,
) {
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
    // Writes stay paused until every sentinel names the new master (-vv shows the phases), so a
    // writer that then asks the sentinels again finds it at once.
    let second = sb.run_past_tilt(&["failover", &target, "--yes", "-vv"]).expect(0);
    let phases: Vec<&str> = second.stderr.lines().filter(|l| l.contains(" ms  ")).collect();
    let named = phases.iter().position(|l| l.contains("3 of 3 sentinel(s) name"));
    let unpaused = phases.iter().position(|l| l.ends_with("writes unpaused"));
    assert!(matches!((named, unpaused), (Some(n), Some(u)) if n < u), "{}", second.stderr);
    std::thread::sleep(Duration::from_millis(800));
    let tally = load.stop();
    // A paused write fails once on the old master, now a replica, and the next goes to the new
    // one: a few failures per writer and failover, where unpausing before the sentinels knew
    // made every write fail until they did.
    assert!(tally.failed <= 2 * 2 * 3, "{} writes failed", tally.failed);
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

pub(crate) fn stale_entries_of_a_replica_and_of_a_sentinel_that_came_back_under_new_addresses_are_found_and_cleared(
    server: Server,
) {
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

pub(crate) fn a_second_master_holding_data_is_demoted_only_when_named_and_split_sentinels_need_a_named_master(server: Server) {
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

pub(crate) fn a_wrong_auth_pass_and_drifted_settings_are_repaired_and_a_stopped_sentinel_does_not_stall_status(server: Server) {
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
pub(crate) fn bad_input_on_a_sentinel_group_is_one_line_with_a_hint_and_changes_nothing() {
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

pub(crate) fn a_sentinel_group_scales_from_3_to_5_and_back_with_its_master_among_the_leaving_under_live_writes(server: Server) {
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

pub(crate) fn a_bitnami_sentinel_statefulset_is_checked_failed_over_and_scaled_through_port_forward(server: Server) {
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
pub(crate) fn a_sentinel_group_rolls_from_redis_7_to_valkey_9_replicas_first_then_its_master_losing_no_acknowledged_write() {
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

pub(crate) fn a_group_that_announces_per_pod_service_cluster_ips_is_shown_by_pod_and_failed_over_by_those_addresses(
    server: Server,
) {
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

pub(crate) fn a_sentinel_statefulset_is_formed_and_joined_pod_by_pod_through_the_kubernetes_api(server: Server) {
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

pub(crate) fn sentinels_in_a_deployment_of_their_own_are_found_through_its_selector_and_port_forward(server: Server) {
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

pub(crate) fn priorities_a_killed_switchover_steered_are_restored_by_the_next_changing_run(server: Server) {
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

pub(crate) fn add_node_joins_a_member_as_a_replica_and_a_sentinel_to_a_group_given_by_address(server: Server) {
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
