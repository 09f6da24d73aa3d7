//! The repository itself: help snapshots, man pages and completions, module layering, the release archive.

use super::*;

/// Every command and subcommand as typed (`sandbox up`), the bare tool first: from the parser
/// itself, so that a new one cannot go without its snapshot.
pub(crate) fn every_command_path() -> Vec<String> {
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
pub(crate) fn help_texts_match_their_snapshots() {
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
pub(crate) fn committed_completions_and_man_pages_are_up_to_date() {
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
pub(crate) fn module_references() -> BTreeMap<String, BTreeSet<String>> {
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
pub(crate) fn nested(a: &str, b: &str) -> bool {
    a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::")) || a.is_empty() || b.is_empty()
}

#[test]
pub(crate) fn no_modules_import_each_other_through_any_chain() {
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
pub(crate) fn each_layer_names_only_the_layers_below_it() {
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

#[test]
pub(crate) fn the_release_script_builds_the_archive_its_krew_manifest_points_at() {
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
        serde_saphyr::from_str(include_str!("../../plugins/redis.yaml")).expect("plugins/redis.yaml is valid YAML");
    assert_eq!(committed["spec"]["version"], doc["spec"]["version"]);
    assert_eq!(committed["spec"]["platforms"][0]["bin"], "kubectl-redis");
}

#[test]
fn the_targets_kind_is_resolved_once_in_context_and_commands_match_on_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut asking = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read_to_string(&path).unwrap_or_default().contains("is_sentinel_group()") {
                asking.push(path.strip_prefix(&root).unwrap().display().to_string());
            }
        }
    }
    asking.sort();
    assert_eq!(asking, ["context.rs"], "only context asks the platform what kind its target is");
}
