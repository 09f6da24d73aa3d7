//! Day-2 operations: call, cli, failover, drain-node, restart, watch.

use super::*;

pub(crate) fn call_runs_one_command_on_every_node_and_changes_need_yes(server: Server) {
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
pub(crate) fn keys_off_and_on(entry: &str, owner: &str) -> (String, String) {
    let key = |on: bool| (0..).map(|i| format!("key:{i}")).find(|k| (support::slot_owner(entry, k) == owner) == on).unwrap();
    (key(false), key(true))
}

pub(crate) fn cli_starts_on_a_keys_master_or_its_replica_follows_moved_and_reads_piped_commands(server: Server) {
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
pub(crate) fn the_interactive_prompt_keeps_history_without_passwords_and_watch_redraws_in_place() {
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
pub(crate) fn status_and_check_watch_show_a_document_per_tick_keep_going_through_errors_and_stop_on_ctrl_c() {
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

pub(crate) fn a_shard_fails_over_by_name_a_dead_master_only_by_force_and_drain_node_empties_a_host_of_masters(server: Server) {
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

pub(crate) fn a_rolling_restart_under_live_writes_loses_none_and_fails_under_a_hundredth_of_a_kubectl_style_restart(
    server: Server,
) {
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
pub(crate) fn a_statefulset_restarts_pod_by_pod_through_the_api_each_pod_back_under_a_new_ip() {
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
pub(crate) fn assert_run_valkey_9(addrs: &[String]) {
    for addr in addrs {
        let info: String = query(&mut support::connect(addr), &["INFO", "server"]);
        assert!(info.contains("valkey_version:9."), "{addr} runs Valkey 9 now");
    }
}

#[test]
pub(crate) fn an_image_is_rolled_out_pod_by_pod_only_through_an_on_delete_statefulset_from_redis_7_to_valkey_9_under_live_writes()
{
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
pub(crate) fn a_restart_killed_midway_continues_where_it_stopped_when_run_again() {
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
