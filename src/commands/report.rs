//! `report`: one zip file to hand to a colleague or to support. It holds what the platform shows
//! of the target (on Kubernetes the StatefulSet, pods, claims, Services, events and Lease as
//! YAML), what every node says of itself (INFO ALL, CLUSTER NODES and INFO, CONFIG GET *,
//! SLOWLOG GET, LATENCY LATEST; a sentinel's INFO and SENTINEL MASTERS), `check`'s verdict as
//! JSON, the journals of unfinished work and, with `--logs`, the servers' logs. What could not be
//! read is listed in `errors.txt`: a bundle is most wanted when something is broken.
//!
//! Nothing secret goes in: secret configuration values, secret-looking container variables and
//! arguments, password rules and hashes of ACL LIST, secret arguments of logged commands, URL
//! passwords and private keys are redacted (`output::redact`), and last of all every password
//! the tool knows and every value of the Secrets the pods refer to is replaced wherever it would
//! still appear.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::cli::ReportArgs;
use crate::context::{Context, Kind, Target};
use crate::error::{Error, ExitCode, Result};
use crate::output::redact::{self, REDACTED};
use crate::output::reply;
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;
use crate::redis::conn::{NodeConn, Reply};
use crate::redis::sentinel;

/// How a node's reply is written to its file.
#[derive(Clone, Copy)]
enum Layout {
    /// The bytes as sent (INFO, CLUSTER NODES).
    Raw,
    /// As redis-cli prints it on a terminal (nested replies).
    Text,
    /// `name value` lines, sorted, secrets redacted (CONFIG GET).
    Config,
    /// One user per line, password rules and hashes redacted (ACL LIST).
    Acl,
    /// As redis-cli prints it, each logged command's secret arguments redacted (SLOWLOG GET).
    Slowlog,
}

/// Files written per cluster node or group member.
const NODE_FILES: [(&str, &[&str], Layout); 7] = [
    ("info.txt", &["INFO", "ALL"], Layout::Raw),
    ("cluster-nodes.txt", &["CLUSTER", "NODES"], Layout::Raw),
    ("cluster-info.txt", &["CLUSTER", "INFO"], Layout::Raw),
    ("config.txt", &["CONFIG", "GET", "*"], Layout::Config),
    ("acl.txt", &["ACL", "LIST"], Layout::Acl),
    ("slowlog.txt", &["SLOWLOG", "GET", "128"], Layout::Slowlog),
    ("latency.txt", &["LATENCY", "LATEST"], Layout::Text),
];

/// Files written per sentinel.
const SENTINEL_FILES: [(&str, &[&str], Layout); 2] =
    [("info.txt", &["INFO"], Layout::Raw), ("sentinel-masters.txt", &["SENTINEL", "MASTERS"], Layout::Text)];

/// The bundle as it is put together: files, and what could not be read.
#[derive(Default)]
struct Bundle {
    files: Vec<(String, Vec<u8>)>,
    errors: Vec<String>,
}

impl Bundle {
    fn add(&mut self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.push((name.into(), bytes.into()));
    }

    fn failed(&mut self, part: &str, e: &Error) {
        self.errors.push(format!("{part}: {e}"));
    }
}

pub async fn run(ctx: &Context, args: &ReportArgs) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(&args.target).await?;
    let path = args.file.clone().unwrap_or_else(|| default_file(&platform));
    // Refused before anything is read: an existing file is never overwritten.
    let file = create(&path)?;
    let mut bundle = Bundle::default();
    let ids = match kind {
        Kind::Group => collect_group(ctx, args, &platform, &mut bundle).await,
        Kind::Cluster => collect_cluster(ctx, &platform, &mut bundle).await,
    };
    collect_journals(&ids, &mut bundle).await;
    let mut secrets = known_secrets(ctx);
    let objects = platform.support_objects().await;
    let referenced: Vec<String> = objects.iter().filter_map(|(_, o)| o.as_ref().ok()).flat_map(secret_names).collect();
    secrets.extend(platform.secret_values(&referenced).await.into_iter().filter(|s| s.len() >= 4));
    for (kind, object) in objects {
        match object.and_then(|o| yaml(&redact_object(o))) {
            Ok(text) => bundle.add(format!("kubernetes/{kind}.yaml"), text),
            Err(e) => bundle.failed(&format!("kubernetes/{kind}"), &e),
        }
    }
    if args.logs {
        for (name, log) in platform.logs().await {
            match log {
                Ok(text) => bundle.add(format!("logs/{name}"), text),
                Err(e) => bundle.failed(&format!("logs/{name}"), &e),
            }
        }
    }
    let about = json!({
        "tool": concat!("kubectl-redis ", env!("CARGO_PKG_VERSION")),
        "created": k8s_openapi::jiff::Timestamp::now().to_string(),
        "target": platform.describe(),
        "kind": match kind {
            Kind::Group => "sentinel",
            Kind::Cluster => "cluster",
        },
        "logs": args.logs,
        "not_read": bundle.errors.len(),
    });
    bundle.add("report.json", serde_json::to_vec_pretty(&about).map_err(|e| Error::failed(e.to_string()))?);
    if !bundle.errors.is_empty() {
        let text = bundle.errors.join("\n") + "\n";
        bundle.add("errors.txt", text);
    }
    let written = write_zip(file, &path, &bundle, &secrets)?;
    if ctx.out.documents() {
        ctx.out.document(&json!({ "file": path, "files": written, "not_read": bundle.errors }))?;
    } else {
        println!("Wrote {} ({written} files).", path.display());
        if !bundle.errors.is_empty() {
            eprintln!("{} part(s) could not be read (listed in errors.txt), e.g. {}", bundle.errors.len(), bundle.errors[0]);
        }
    }
    Ok(ExitCode::Success)
}

/// `report-<target>-<UTC time>.zip` in the current directory.
fn default_file(platform: &Platform) -> PathBuf {
    let target: String =
        platform.describe().chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let stamp = k8s_openapi::jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
    PathBuf::from(format!("report-{}-{stamp}.zip", target.trim_matches('_')))
}

/// The new file, readable by the user only; an existing one is refused.
fn create(path: &Path) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            Error::usage(format!("{} exists", path.display())).hint("give another -f FILE.zip, or remove that one")
        }
        _ => Error::usage(format!("cannot create {}: {e}", path.display())).hint("give -f a path in a writable directory"),
    })
}

/// A cluster's nodes (each as `nodes/<name or address>/…`) and check's verdict; returns the
/// node IDs and addresses that name the cluster's journals.
async fn collect_cluster(ctx: &Context, platform: &Platform, bundle: &mut Bundle) -> Vec<String> {
    let topology = match super::gather(ctx, platform).await {
        Ok(topology) => topology,
        Err(e) => {
            bundle.failed("the cluster", &e);
            return Vec::new();
        }
    };
    let verdict = super::verdict::judge(&topology, platform);
    add_json(bundle, "check.json", &verdict);
    let mut ids = Vec::new();
    for member in &topology.members {
        ids.push(member.id.clone());
        let Some(addr) = member.reached_at.clone().or_else(|| member.addr.clone()) else { continue };
        let folder = format!("nodes/{}", member.name.clone().unwrap_or_else(|| addr.to_string()));
        ask_node(ctx, &addr, &folder, &NODE_FILES, bundle).await;
    }
    ids
}

/// A Sentinel group's members (`nodes/…`, without the CLUSTER files) and sentinels
/// (`sentinels/…`), and check's verdict; returns the members' addresses.
async fn collect_group(ctx: &Context, args: &ReportArgs, platform: &Platform, bundle: &mut Bundle) -> Vec<String> {
    match super::sentinel::gather(ctx, platform, &args.target, super::sentinel::Reading::Existing).await {
        Ok(facts) => add_json(
            bundle,
            "check.json",
            &super::sentinel::check::verdict(ctx, &args.target, &facts, super::sentinel::check::DEFAULT_MAX_LAG),
        ),
        Err(e) => bundle.failed("check.json", &e),
    }
    let names = platform.names();
    let member_files: Vec<_> = NODE_FILES.iter().filter(|(file, ..)| !file.starts_with("cluster-")).copied().collect();
    for addr in platform.nodes() {
        let folder = format!("nodes/{}", names.get(&addr).cloned().unwrap_or_else(|| addr.to_string()));
        ask_node(ctx, &addr, &folder, &member_files, bundle).await;
    }
    let sentinel_names = platform.sentinel_names();
    for addr in platform.sentinels() {
        let folder = format!("sentinels/{}", sentinel_names.get(&addr).cloned().unwrap_or_else(|| addr.to_string()));
        match sentinel::connect(&ctx.connector, &addr).await {
            Ok(mut conn) => ask_each(ctx, &mut conn, &folder, &SENTINEL_FILES, bundle).await,
            Err(e) => bundle.failed(&folder, &e),
        }
    }
    platform.nodes().iter().map(NodeAddr::to_string).collect()
}

async fn ask_node(ctx: &Context, addr: &NodeAddr, folder: &str, files: &[(&str, &[&str], Layout)], bundle: &mut Bundle) {
    match ctx.connector.connect(addr).await {
        Ok(mut conn) => ask_each(ctx, &mut conn, folder, files, bundle).await,
        Err(e) => bundle.failed(folder, &e),
    }
}

async fn ask_each(ctx: &Context, conn: &mut NodeConn, folder: &str, files: &[(&str, &[&str], Layout)], bundle: &mut Bundle) {
    for (file, words, layout) in files {
        let mut cmd = redis::cmd(words[0]);
        for word in &words[1..] {
            cmd.arg(*word);
        }
        let name = format!("{folder}/{file}");
        match conn.reply(&cmd, ctx.connector.timeout).await {
            Ok(reply) => bundle.add(name, laid_out(reply, *layout)),
            Err(e) => bundle.failed(&name, &e),
        }
    }
}

fn laid_out(reply: Reply, layout: Layout) -> Vec<u8> {
    let mut bytes = match layout {
        Layout::Raw => reply::raw(&reply),
        Layout::Text => reply::text(&reply).into_bytes(),
        Layout::Config => config_lines(reply::redact_config(reply)).into_bytes(),
        Layout::Acl => reply::text(&reply).lines().map(redact::acl_rule_line).collect::<Vec<_>>().join("\n").into_bytes(),
        Layout::Slowlog => reply::text(&reply.map(redact::slowlog)).into_bytes(),
    };
    if !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    bytes
}

/// CONFIG GET's pairs as sorted `name value` lines.
fn config_lines(reply: Reply) -> String {
    let Ok(value) = &reply else { return reply::text(&reply) };
    let mut lines: Vec<String> = match reply::json(&Ok(value.clone())) {
        Value::Object(pairs) => pairs.into_iter().map(|(k, v)| format!("{k} {}", v.as_str().unwrap_or_default())).collect(),
        Value::Array(items) => items
            .chunks(2)
            .map(|p| format!("{} {}", p[0].as_str().unwrap_or_default(), p.get(1).and_then(Value::as_str).unwrap_or_default()))
            .collect(),
        _ => return reply::text(&reply),
    };
    lines.sort();
    lines.join("\n")
}

/// The journals of unfinished work kept in the state directory that name one of `ids`.
async fn collect_journals(ids: &[String], bundle: &mut Bundle) {
    use crate::journal::Store;
    let entries = match crate::journal::Files.load_all().await {
        Ok(entries) => entries,
        Err(e) => return bundle.failed("journals", &e),
    };
    for (n, entry) in entries.into_iter().enumerate() {
        let name = format!("journals/{}.json", entry.key.clone().unwrap_or_else(|| n.to_string()));
        match entry.journal.and_then(|j| j.to_text()) {
            Ok(text) if ids.iter().any(|id| text.contains(id.as_str())) => bundle.add(name, text),
            Ok(_) => {}
            Err(e) => bundle.failed(&name, &e),
        }
    }
}

fn add_json<T: serde::Serialize>(bundle: &mut Bundle, name: &str, value: &T) {
    match serde_json::to_vec_pretty(value) {
        Ok(bytes) => bundle.add(name, bytes),
        Err(e) => bundle.failed(name, &Error::failed(e.to_string())),
    }
}

fn yaml(value: &Value) -> Result<String> {
    serde_saphyr::to_string(value).map_err(|e| Error::failed(format!("YAML: {e}")))
}

/// A Kubernetes object without its secrets and bookkeeping: `managedFields` dropped, the
/// last-applied annotation (a copy of the manifest) redacted, every container variable with a
/// secret-looking name and a literal value redacted, and the argument after a secret-looking
/// flag (`--requirepass x`, `--masterauth=x`) too.
fn redact_object(mut value: Value) -> Value {
    redact_in(&mut value);
    value
}

fn redact_in(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("managedFields");
            if let Some(Value::Object(notes)) = map.get_mut("annotations")
                && let Some(applied) = notes.get_mut("kubectl.kubernetes.io/last-applied-configuration")
            {
                *applied = json!(REDACTED);
            }
            let secret_name = map.get("name").and_then(Value::as_str).is_some_and(reply::is_secret_parameter);
            if secret_name && let Some(literal @ Value::String(_)) = map.get_mut("value") {
                *literal = json!(REDACTED);
            }
            map.values_mut().for_each(redact_in);
        }
        Value::Array(items) => {
            redact_arguments(items);
            items.iter_mut().for_each(redact_in);
        }
        _ => {}
    }
}

/// In a list of strings (a container's command or args), what follows a secret-looking flag.
fn redact_arguments(items: &mut [Value]) {
    let mut after_flag = false;
    for item in items.iter_mut() {
        let Value::String(word) = item else {
            after_flag = false;
            continue;
        };
        if after_flag {
            *word = REDACTED.to_owned();
            after_flag = false;
            continue;
        }
        if let Some(flag) = word.strip_prefix("--") {
            match flag.split_once('=') {
                Some((name, _)) if reply::is_secret_parameter(name) => *word = format!("--{name}={REDACTED}"),
                None => after_flag = reply::is_secret_parameter(flag),
                _ => {}
            }
        }
    }
}

/// Every password the tool holds (given, read from a Secret, the sentinels'): replaced wherever it
/// would still appear. Very short ones are left: replacing every "ab" would garble the bundle.
fn known_secrets(ctx: &Context) -> Vec<String> {
    let credentials = &ctx.connector.credentials;
    [credentials.password.as_ref(), credentials.discovered.get(), credentials.sentinel.get()]
        .into_iter()
        .flatten()
        .map(|s| s.expose().to_owned())
        .filter(|s| s.len() >= 4)
        .collect()
}

/// The Secrets an object refers to: env `secretKeyRef`, `envFrom` `secretRef`, secret volumes.
fn secret_names(object: &Value) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![object];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    let name = match key.as_str() {
                        "secretKeyRef" | "secretRef" => inner.get("name"),
                        "secret" => inner.get("secretName").or_else(|| inner.get("name")),
                        _ => None,
                    };
                    names.extend(name.and_then(Value::as_str).map(str::to_owned));
                    stack.push(inner);
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    names.sort();
    names.dedup();
    names
}

/// A file as it goes into the bundle: text redacted by shape (`redact::text`), then every known
/// secret replaced by value.
fn scrub(bytes: &[u8], secrets: &[String]) -> Vec<u8> {
    let mut out = match std::str::from_utf8(bytes) {
        Ok(text) => redact::text(text).into_bytes(),
        Err(_) => bytes.to_vec(),
    };
    for secret in secrets {
        let finder = memchr::memmem::Finder::new(secret.as_bytes());
        let mut scrubbed = Vec::with_capacity(out.len());
        let mut rest = out.as_slice();
        while let Some(at) = finder.find(rest) {
            scrubbed.extend_from_slice(&rest[..at]);
            scrubbed.extend_from_slice(REDACTED.as_bytes());
            rest = &rest[at + secret.len()..];
        }
        scrubbed.extend_from_slice(rest);
        out = scrubbed;
    }
    out
}

/// Writes every file under one folder named after the zip, scrubbed; returns how many.
fn write_zip(file: std::fs::File, path: &Path, bundle: &Bundle, secrets: &[String]) -> Result<usize> {
    let folder = path.file_stem().map_or_else(|| "report".to_owned(), |s| s.to_string_lossy().into_owned());
    let broken = |e: &dyn std::fmt::Display| Error::failed(format!("writing {}: {e}", path.display()));
    let mut zip = zip::ZipWriter::new(file);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).unix_permissions(0o600);
    for (name, bytes) in &bundle.files {
        zip.start_file(format!("{folder}/{name}"), options).map_err(|e| broken(&e))?;
        zip.write_all(&scrub(bytes, secrets)).map_err(|e| broken(&e))?;
    }
    zip.finish().map_err(|e| broken(&e))?;
    Ok(bundle.files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_variables_arguments_and_annotations_are_redacted_from_objects() {
        let pod = json!({
            "metadata": { "name": "p", "managedFields": [{ "manager": "kubectl" }],
                          "annotations": { "kubectl.kubernetes.io/last-applied-configuration": "{\"env\": \"pw\"}" } },
            "spec": { "containers": [{
                "env": [{ "name": "REDIS_PASSWORD", "value": "s3cret" }, { "name": "REDIS_PORT", "value": "6379" },
                        { "name": "MASTERAUTH", "valueFrom": { "secretKeyRef": { "name": "x", "key": "y" } } }],
                "args": ["--port", "6379", "--requirepass", "s3cret", "--masterauth=s3cret", "--appendonly", "yes"],
            }] },
        });
        let text = redact_object(pod).to_string();
        assert!(!text.contains("s3cret") && !text.contains("managedFields") && !text.contains("\\\"pw\\\""), "{text}");
        assert!(text.contains("\"6379\"") && text.contains("\"yes\"") && text.contains("secretKeyRef"), "{text}");
        assert!(text.contains("--masterauth=(redacted)"), "{text}");
    }

    #[test]
    fn known_passwords_are_scrubbed_from_any_text() {
        let scrubbed = scrub(b"a hunter2x b hunter2x", &["hunter2x".to_owned()]);
        assert_eq!(scrubbed, b"a (redacted) b (redacted)");
        assert_eq!(scrub(b"nothing here", &["hunter2x".to_owned()]), b"nothing here");
    }

    #[test]
    fn configuration_becomes_sorted_name_value_lines_without_secrets() {
        let bulk = |s: &str| redis::Value::BulkString(s.as_bytes().to_vec());
        let reply = Ok(redis::Value::Array(vec![bulk("requirepass"), bulk("pw"), bulk("maxmemory"), bulk("0")]));
        assert_eq!(config_lines(reply::redact_config(reply)), "maxmemory 0\nrequirepass (redacted)");
    }
}
