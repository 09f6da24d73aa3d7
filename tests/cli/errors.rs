//! Errors and secrets: exit codes, one-line errors with hints, nothing changed on bad input, no password anywhere.

use super::*;

/// A changing command that did what it was asked exits 0 and prints the warnings left; 10 is
/// `check`'s alone (11, problems left, is every command's). One table, cluster and Sentinel.
#[test]
pub(crate) fn changing_commands_that_leave_only_warnings_exit_0_and_print_them() {
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
pub(crate) fn bad_input_is_one_line_with_a_hint_and_exit_code_2() {
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
pub(crate) fn an_unreachable_target_exits_4_quickly() {
    let state = tempfile::tempdir().unwrap();
    let run = run_in(state.path(), &["check", "--nodes", "127.0.0.1:1", "-o", "json"], &[]).expect(4);
    assert_eq!(run.json()["exit_code"], 4);
    run_in(state.path(), &["status", "--sandbox=missing"], &[]).expect(4);
}

/// A server that is not Redis: it answers anything with an HTTP error and hangs up.
pub(crate) fn not_redis_server() -> String {
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
pub(crate) struct PlainServer {
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
pub(crate) type BadInput<'a> = (&'a str, &'a [(&'a str, &'a str)], i32, &'a str);

/// Runs each case (its `{VAR}`s filled in) and says what is wrong with each that is not one
/// error line saying what it must, with a hint and its exit code, leaving `digest` unchanged.
pub(crate) fn bad_input_failures(
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
pub(crate) fn bad_input_gets_one_line_error_with_a_hint_its_exit_code_and_changes_nothing() {
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
pub(crate) fn modes_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u32)> {
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
pub(crate) fn the_password_reaches_no_child_process_file_or_output_and_state_files_are_private() {
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
