//! Cluster lifecycle: create, check, add-node and del-node, scale, sandboxes and the demo, TLS.

use super::*;

pub(crate) fn create_forms_a_healthy_three_by_one_cluster(server: Server) {
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
pub(crate) fn a_view_that_differs_on_thirty_nodes_is_found_reading_one_full_view_per_distinct_digest() {
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

pub(crate) fn add_node_and_del_node_keep_every_key(server: Server) {
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

pub(crate) fn refusals_leave_the_cluster_unchanged(server: Server) {
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

pub(crate) fn check_reports_an_open_slot_with_its_keys(server: Server) {
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
pub(crate) fn create_and_check_with_static_nodes_then_a_stopped_node_is_named_within_the_timeout() {
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
pub(crate) fn check_reports_a_replica_on_its_masters_host_and_a_master_without_replica() {
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
pub(crate) fn check_reports_a_replica_whose_link_is_down_although_gossip_is_fine() {
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
pub(crate) fn create_refuses_too_few_masters_non_empty_nodes_and_missing_confirmation() {
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

#[test]
pub(crate) fn sandboxes_with_different_names_do_not_collide_and_status_lists_labels() {
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
pub(crate) fn sandbox_coordination_lives_in_a_private_runtime_directory_and_a_corrupt_state_file_is_never_replaced() {
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
pub(crate) fn sandbox_without_a_server_binary_says_how_to_install_one() {
    let state = tempfile::tempdir().unwrap();
    let run =
        run_in(state.path(), &["sandbox", "up", "--name", "none"], &[("PATH", "/nonexistent"), ("KUBECTL_REDIS_SERVER", "")]);
    let run = run.expect(4);
    assert!(run.stderr.contains("apt-get install -y redis-server"), "{}", run.stderr);
}

#[test]
pub(crate) fn demo_runs_the_main_job_and_cleans_up() {
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

pub(crate) fn assert_no_sandbox_left(state: &std::path::Path) {
    let left = std::fs::read_dir(state.join("sandboxes")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "the demo left a sandbox behind");
}

#[test]
pub(crate) fn demo_walks_a_sentinel_group_through_a_failover_and_a_repair_and_cleans_up() {
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

/// Writes a CA, a server certificate valid for the sandbox addresses, and a client certificate.
pub(crate) fn write_certificates(dir: &std::path::Path) {
    // Sandbox nodes live on 127.77.<block>.<n>; cover the blocks parallel tests can take.
    let ips: Vec<String> = (1..=40).flat_map(|b| (1..=6).map(move |n| format!("127.77.{b}.{n}"))).collect();
    write_certificates_for(dir, ips);
}

/// Like `write_certificates`, with a server certificate issued for `server_names` alone.
pub(crate) fn write_certificates_for(dir: &std::path::Path, server_names: Vec<String>) {
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
pub(crate) fn tls_server_args(certs: &std::path::Path) -> Vec<String> {
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
pub(crate) fn create_and_check_over_mutual_tls() {
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
pub(crate) fn tls_works_through_port_forward_with_certificates_for_the_pods_dns_names_including_a_slot_move() {
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

/// `scale … --yes -o json` on the sandbox; the sandbox's members are read again afterwards.
pub(crate) fn scale(sb: &mut Sandbox, args: &[&str]) -> serde_json::Value {
    let target = sb.target();
    let mut all = vec!["scale", target.as_str(), "--yes", "-o", "json"];
    all.extend(args);
    let doc = sb.run(&all).expect(0).json();
    sb.refresh();
    doc
}

/// (masters, replicas) as status counts them.
pub(crate) fn shape(sb: &Sandbox) -> (u64, u64) {
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    (status["masters"].as_u64().unwrap(), status["replicas"].as_u64().unwrap())
}

/// Keys over all masters: the cluster holds exactly what the test wrote.
pub(crate) fn keys_on_masters(sb: &Sandbox) -> usize {
    (0..sb.addrs.len()).filter(|&i| is_master(sb, i)).map(|i| query::<usize>(&mut sb.conn(i), &["DBSIZE"])).sum()
}

pub(crate) fn is_master(sb: &Sandbox, index: usize) -> bool {
    let info: String = query(&mut sb.conn(index), &["INFO", "replication"]);
    info.contains("role:master")
}

/// The slots of the `shards` fullest shards that have a member among the first `members` members:
/// what a shrink to those members can keep in place.
pub(crate) fn slots_of_shards_with(sb: &Sandbox, members: usize, shards: usize) -> u64 {
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
pub(crate) fn fail_over_to(sb: &Sandbox, index: usize) {
    assert!(fail_over_with(sb, index, &[], 4), "node {index} never took over");
}

/// `fail_over_to`, then, if the graceful failover never went through, a FORCE one (the replica
/// takes over without the master's agreement, as when the master is too busy to hand over).
/// Starved of CPU with a move of two keys per MIGRATE running on the master, eight graceful
/// tries in a row were dropped.
pub(crate) fn fail_over_with(sb: &Sandbox, index: usize, options: &[&str], tries: usize) -> bool {
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
pub(crate) fn assert_healthy_with_every_key(sb: &Sandbox, doc: &serde_json::Value, keys: &[(String, String)]) {
    assert_eq!(doc["check"]["healthy"], true, "{}", doc["check"]);
    assert_all_keys(&sb.addrs[0], keys);
    assert_eq!(keys_on_masters(sb), keys.len(), "the cluster holds other keys than those written");
}

/// Runs `change` while an independent cluster client writes; then every acknowledged write is
/// there and the cluster has no problem.
pub(crate) fn under_load(sb: &mut Sandbox, what: &str, change: impl FnOnce(&mut Sandbox)) {
    under_focused_load(sb, what, None, change);
}

/// `under_load`, with half of the writes going to the slot of hash tag `tag`.
pub(crate) fn under_focused_load(sb: &mut Sandbox, what: &str, tag: Option<&str>, change: impl FnOnce(&mut Sandbox)) {
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
pub(crate) fn master_names(sb: &Sandbox) -> Vec<String> {
    let status = sb.run(&["status", &sb.target(), "-o", "json"]).expect(0).json();
    let nodes = status["nodes"].as_array().unwrap().iter();
    nodes.filter(|n| n["role"] == "master").map(|n| n["name"].as_str().unwrap().to_owned()).collect()
}

pub(crate) fn acknowledged_writes_survive_every_change_under_live_traffic(server: Server) {
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

pub(crate) fn scale_up_then_down_moves_only_the_new_or_dropped_shards_slots(server: Server) {
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
pub(crate) fn scale_walks_from_3x1_to_5x1_to_3x0_to_3x2_keeping_every_key() {
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
pub(crate) fn a_shrink_whose_highest_member_is_a_master_fails_over_instead_of_moving_slots() {
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
pub(crate) fn a_shrink_after_failovers_made_low_ordinals_replicas_keeps_the_fullest_shards() {
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
pub(crate) fn stale_storage_that_holds_data_is_emptied_only_when_named_and_a_refusal_after_growing_is_exit_1() {
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
pub(crate) fn a_refusal_after_scale_changed_the_cluster_is_exit_1() {
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
pub(crate) fn own_first_slot(sb: &Sandbox, index: usize) -> i64 {
    let text: String = query(&mut sb.conn(index), &["CLUSTER", "NODES"]);
    let me = text.lines().find(|l| l.contains("myself")).unwrap();
    let first = me.split(' ').nth(8).unwrap();
    first.split('-').next().unwrap().parse().unwrap()
}

#[test]
pub(crate) fn a_scale_down_killed_midway_converges_when_run_again() {
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
pub(crate) fn scale_refusals_leave_the_cluster_unchanged() {
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
pub(crate) fn scale_with_static_nodes_grows_onto_listed_spares_and_names_whom_it_removes() {
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
