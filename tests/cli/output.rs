//! Output: -o table, wide, json and yaml, report bundles, generate rbac.

use super::*;

/// Every file of a zip by name, decompressed.
pub(crate) fn unzip(path: &std::path::Path) -> BTreeMap<String, String> {
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
pub(crate) fn report_bundles_objects_nodes_check_and_logs_with_no_secret_anywhere_in_the_zip() {
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
pub(crate) fn yaml_documents_and_wide_tables_carry_the_same_facts_as_json() {
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
pub(crate) fn document_fields(docs: &[serde_json::Value]) -> std::collections::BTreeSet<String> {
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
pub(crate) fn json_documents(run: &support::Run) -> Vec<serde_json::Value> {
    serde_json::Deserializer::from_str(&run.stdout)
        .into_iter::<serde_json::Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("-o json printed something else ({e}):\n{}", run.stdout))
}

/// Every document `-o yaml` printed, each opened by `---` and in block style: JSON is YAML too,
/// so a JSON line among them would parse, yet it is not what was asked for.
pub(crate) fn yaml_documents(run: &support::Run) -> Vec<serde_json::Value> {
    assert!(run.stdout.starts_with("---\n"), "-o yaml:\n{}", run.stdout);
    let stray = run.stdout.lines().find(|l| l.starts_with('{') || l.starts_with('['));
    assert!(stray.is_none(), "a JSON line in -o yaml: {stray:?}\n{}", run.stdout);
    serde_saphyr::from_multiple(&run.stdout).unwrap_or_else(|e| panic!("-o yaml printed something else ({e}):\n{}", run.stdout))
}

/// Runs each row's command with `-o json` and `-o yaml` (and, when it changes nothing, with
/// `-o table` and `-o wide`): each exits as the row says, and both documents carry the same fields.
pub(crate) fn same_fields_in_every_format(sb: &Sandbox, rows: Vec<(Vec<&str>, Vec<&str>, i32)>) {
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
pub(crate) fn every_command_prints_the_same_fields_in_json_and_yaml_and_runs_in_table_and_wide() {
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
pub(crate) fn every_sentinel_group_command_prints_the_same_fields_in_json_and_yaml() {
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
pub(crate) fn generate_rbac_prints_deploy_rbac_yaml_and_puts_every_object_in_the_namespace_given() {
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
