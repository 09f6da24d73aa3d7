//! The Kubernetes platform through the fake API server: discovery, port-forward and exec, Secrets, proxies, the Lease, kubectl.

use super::*;

#[test]
pub(crate) fn cli_through_port_forward_follows_moved_to_another_pod_and_ask_during_a_slot_migration() {
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
pub(crate) fn authed(addr: &str, password: &str) -> redis::Connection {
    let mut conn = support::connect(addr);
    query::<()>(&mut conn, &["AUTH", password]);
    conn
}

#[test]
pub(crate) fn cli_exec_runs_the_client_in_the_pod_with_the_password_on_its_stdin_never_on_a_command_line() {
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
pub(crate) fn cli_exec_on_a_terminal_gives_the_pod_a_terminal_that_never_shows_the_password() {
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
pub(crate) fn idle_port_forward_and_exec_streams_outlive_the_timeout() {
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

pub(crate) fn a_statefulset_is_created_and_scaled_through_the_kubernetes_api_and_port_forward(server: Server) {
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
pub(crate) fn the_api_server_is_reached_through_a_connect_or_socks5_proxy_as_kubectl_chooses_it() {
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
pub(crate) fn port_forward_reaches_every_pod_of_the_namespace_and_refuses_an_address_that_is_no_pods() {
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
pub(crate) fn discovery_does_not_follow_the_view_of_a_node_from_another_cluster() {
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
pub(crate) fn an_owned_statefulset_is_not_scaled_but_served_directly_with_pod_names_as_node_references() {
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
pub(crate) fn pods_the_scheduler_cannot_place_stop_a_scale_with_their_last_event_and_nothing_moved() {
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
pub(crate) fn a_kubeconfig_spread_over_several_files_in_kubeconfig_is_merged_as_kubectl_does() {
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
pub(crate) fn the_password_comes_from_the_secret_the_pod_template_names_or_the_one_given() {
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

pub(crate) fn finding_codes(verdict: &serde_json::Value) -> Vec<String> {
    verdict["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
pub(crate) fn pods_restarted_under_new_ips_are_found_and_fix_makes_the_cluster_learn_their_addresses() {
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
pub(crate) fn a_pod_outside_the_cluster_is_named_and_the_ghost_of_a_manual_scale_down_is_forgotten() {
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
pub(crate) fn the_lease_is_judged_by_what_the_run_sees_a_run_that_loses_it_stops_and_another_machine_resumes_its_journal() {
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
pub(crate) fn a_journal_is_found_after_the_node_with_the_lowest_id_left() {
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
pub(crate) fn kubectl_reads_the_fake_api_server_and_runs_the_plugin_and_its_completion() {
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
pub(crate) fn a_holder_paused_past_a_takeover_stops_before_its_next_step() {
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

/// Not a test: bench/kubernetes.sh runs it to get a fake API server with BENCH_PODS pods. It
/// writes `env` (kubeconfig and state directory) into BENCH_DIR and serves until `stop` appears.
#[test]
#[ignore = "run by bench/kubernetes.sh"]
pub(crate) fn serve_a_fake_statefulset_for_benchmarks() {
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
