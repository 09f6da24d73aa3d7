//! `generate`: writes shell completions, kubectl's completion shim (`kubectl_complete-redis`,
//! which answers through the hidden `__complete` command), one man page per command and
//! deploy/rbac.yaml, so that the committed copies can be checked for staleness; `generate rbac`
//! prints the RBAC manifests for a namespace. The Role's rules are defined here, once.

use std::fs;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, GenerateArgs, GenerateWhat, RbacExtra};
use crate::error::{ExitCode, Result};

pub fn run(args: &GenerateArgs) -> Result<ExitCode> {
    match &args.what {
        Some(GenerateWhat::Rbac(rbac)) => print!("{}", rbac_manifests(rbac.namespace.as_deref(), &rbac.with)),
        None => write_all(&args.out)?,
    }
    Ok(ExitCode::Success)
}

/// Writes `completions/`, `man/` and `deploy/rbac.yaml` below `out`.
pub fn write_all(out: &Path) -> Result<()> {
    let deploy = out.join("deploy");
    fs::create_dir_all(&deploy)?;
    fs::write(deploy.join("rbac.yaml"), rbac_manifests(None, &[]))?;
    let completions = out.join("completions");
    fs::create_dir_all(&completions)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
        let mut cmd = Cli::command();
        clap_complete::generate_to(shell, &mut cmd, "kubectl-redis", &completions)?;
    }
    write_kubectl_shim(&completions.join("kubectl_complete-redis"))?;
    let man = out.join("man");
    fs::create_dir_all(&man)?;
    let cmd = Cli::command().name("kubectl-redis");
    clap_mangen::generate_to(cmd, &man)?;
    Ok(())
}

/// kubectl runs `kubectl_complete-redis WORDS… CURRENT` from PATH when completing `kubectl redis`.
fn write_kubectl_shim(path: &Path) -> Result<()> {
    fs::write(
        path,
        "#!/bin/sh\n# Put next to kubectl-redis on PATH: kubectl runs it to complete `kubectl redis <TAB>`.\nexec kubectl-redis __complete \"$@\"\n",
    )?;
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))?;
    Ok(())
}

/// One rule of the Role: why the tool needs it, then API groups, resources and verbs.
struct Rule {
    why: &'static str,
    groups: &'static [&'static str],
    resources: &'static [&'static str],
    verbs: &'static [&'static str],
}

/// Everything the tool asks the API server for in the target's namespace, and nothing more.
const ROLE_RULES: [Rule; 13] = [
    Rule {
        why: "Every command: the StatefulSet (its selector, size, volume claim templates, owner, pod\ntemplate) and its pods (IPs, readiness, Kubernetes node). `list` on statefulsets is only for\nshell completion of their names.",
        groups: &["apps"],
        resources: &["statefulsets"],
        verbs: &["get", "list"],
    },
    Rule { why: "", groups: &[""], resources: &["pods"], verbs: &["list"] },
    Rule {
        why: "restart --image: set the image of the pod template's Redis container (the StatefulSet's\nupdateStrategy must be OnDelete, so that pods change only as restart deletes them).",
        groups: &["apps"],
        resources: &["statefulsets"],
        verbs: &["patch"],
    },
    Rule {
        why: "restart: delete a pod for its StatefulSet to recreate it.",
        groups: &[""],
        resources: &["pods"],
        verbs: &["delete"],
    },
    Rule {
        why: "A Sentinel group whose nodes announce a per-pod Service's ClusterIP (redis-ha): which pod\neach Service selects. Without it those addresses show as entries of no pod. report: the Services.",
        groups: &[""],
        resources: &["services"],
        verbs: &["list"],
    },
    Rule {
        why: "A Sentinel group whose sentinels run in a Deployment of their own (--sentinels deploy/NAME):\nits selector.",
        groups: &["apps"],
        resources: &["deployments"],
        verbs: &["get"],
    },
    Rule {
        why: "Outside the cluster (--connect port-forward, the default there): the WebSocket is a GET that\nAPI servers since 1.30 also authorize as create.",
        groups: &[""],
        resources: &["pods/portforward"],
        verbs: &["get", "create"],
    },
    Rule {
        why: "The Redis password, when the pod template takes it from a Secret (drop this rule if you\ngive the password with REDISCLI_AUTH or --password-file).",
        groups: &[""],
        resources: &["secrets"],
        verbs: &["get"],
    },
    Rule {
        why: "scale: when pods do not become Ready in time, the error quotes their last event. report: the\nevents about the target's objects.",
        groups: &[""],
        resources: &["events"],
        verbs: &["list"],
    },
    Rule {
        why: "scale: resize the StatefulSet (and, with --sentinel-count, the sentinels' own StatefulSet or\nDeployment).",
        groups: &["apps"],
        resources: &["statefulsets/scale", "deployments/scale"],
        verbs: &["patch"],
    },
    Rule {
        why: "report: the claims of the pods. scale --delete-storage: delete the claims of removed pods.",
        groups: &[""],
        resources: &["persistentvolumeclaims"],
        verbs: &["list"],
    },
    Rule { why: "", groups: &[""], resources: &["persistentvolumeclaims"], verbs: &["delete"] },
    Rule {
        why: "Commands that change the cluster hold a lease named kubectl-redis-<statefulset>; it also\nkeeps an interrupted command's journal.",
        groups: &["coordination.k8s.io"],
        resources: &["leases"],
        verbs: &["get", "create", "update"],
    },
];

/// Rules only some commands need, granted when asked for (`generate rbac --with …`).
fn extra_rule(extra: RbacExtra) -> Rule {
    match extra {
        RbacExtra::Exec => Rule {
            why: "cli --exec: run redis-cli in a pod (asked for with --with exec). A WebSocket exec is a\nGET that API servers since 1.30 also authorize as create.",
            groups: &[""],
            resources: &["pods/exec"],
            verbs: &["create", "get"],
        },
        RbacExtra::Logs => Rule {
            why: "report --logs: the pods' container logs (asked for with --with logs).",
            groups: &[""],
            resources: &["pods/log"],
            verbs: &["get"],
        },
    }
}

/// The ServiceAccount, Role, RoleBinding and the optional zone-reading ClusterRole and binding,
/// as one YAML stream; with a namespace every object and subject carries it. `extras` adds the
/// rules of commands that only some operators use.
pub fn rbac_manifests(namespace: Option<&str>, extras: &[RbacExtra]) -> String {
    let in_namespace = namespace.map(|ns| format!("\n  namespace: {ns}")).unwrap_or_default();
    let apply = match namespace {
        Some(ns) => format!("#   kubectl apply -f rbac.yaml            (objects in namespace {ns})"),
        None => "#   kubectl apply -n redis -f deploy/rbac.yaml".to_owned(),
    };
    let mut out = format!(
        "# What kubectl-redis needs, and nothing more. Apply it in the namespace of the Redis StatefulSet:\n{apply}\n# Generated by `kubectl redis generate rbac`. The tests run every command against a fake API\n# server that enforces exactly these rules.\n"
    );
    out += &format!("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kubectl-redis{in_namespace}\n---\n");
    out += &format!(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: kubectl-redis{in_namespace}\nrules:\n"
    );
    let extra_rules: Vec<Rule> = extras.iter().map(|e| extra_rule(*e)).collect();
    for rule in ROLE_RULES.iter().chain(&extra_rules) {
        for line in rule.why.lines() {
            out += &format!("  # {line}\n");
        }
        out += &format!(
            "  - apiGroups: {}\n    resources: {}\n    verbs: {}\n",
            list(rule.groups),
            list(rule.resources),
            list(rule.verbs)
        );
    }
    let subject_namespace = namespace.unwrap_or("redis");
    let subject_in_namespace = namespace.map(|ns| format!("\n    namespace: {ns}")).unwrap_or_default();
    out += &format!(
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: kubectl-redis{in_namespace}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: kubectl-redis\nsubjects:\n  - kind: ServiceAccount\n    name: kubectl-redis{subject_in_namespace}\n"
    );
    out += &format!(
        "---\n# Optional: the zone label of Kubernetes nodes, for zone-aware placement. Without it the tool\n# places by Kubernetes node only and reports zones as unknown.\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: kubectl-redis-zones\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"nodes\"]\n    verbs: [\"get\"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: kubectl-redis-zones\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: kubectl-redis-zones\nsubjects:\n  - kind: ServiceAccount\n    name: kubectl-redis\n    namespace: {subject_namespace}\n"
    );
    out
}

/// A YAML flow list of quoted strings: `["get", "list"]`.
fn list(items: &[&str]) -> String {
    format!("[{}]", items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", "))
}
