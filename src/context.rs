//! Resolves the command line once into what commands need: output mode, confirmation policy,
//! the connector (credentials, TLS, timeouts) and, per command, the target platform.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::cli::{ColorChoice, ConnectMode, GlobalArgs, OutputFormat, TargetArgs, ViewsChoice};
use crate::error::{Changes, Error, Result};
use crate::journal;
use crate::output::{Format, Reporter, Style};
use crate::platform::kubernetes::{Kubernetes, PodNames, PortForward, Selection, SentinelWorkload};
use crate::platform::lease;
use crate::platform::{Platform, StaticNodes, sandbox};
use crate::redis::addr::NodeAddr;
use crate::redis::conn::{Connector, Credentials, Secret};
use crate::redis::tls::{TlsFiles, TlsSettings};
use crate::redis::topology::Gathering;
use crate::redis::view::ViewMode;
use crate::stop::Stop;

/// What kind of deployment a target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A Redis Cluster: slots, shards, CLUSTER commands.
    Cluster,
    /// Standalone members watched by sentinels.
    Group,
}

/// A command's target: its kind and the platform its nodes come from.
pub struct Target {
    pub kind: Kind,
    pub platform: Platform,
}

#[derive(Clone)]
pub struct Context {
    /// How documents and events are printed (`-o`).
    pub out: Reporter,
    pub yes: bool,
    pub dry_run: bool,
    pub verbose: u8,
    pub style: Style,
    pub connector: Connector,
    /// How the cluster is read.
    pub gathering: Gathering,
    /// Both stdin and stderr are terminals, so the tool may ask.
    pub interactive: bool,
    /// The verb of a command that changes the cluster: on Kubernetes it holds the target's lease.
    pub changing: Option<&'static str>,
    /// Requested by Ctrl-C or a lost lease: the run stops after the work in flight.
    pub stop: Stop,
    /// Where move journals are kept: the state directory, unless the platform keeps them (the
    /// Kubernetes target's Lease).
    journals: Arc<OnceLock<Arc<dyn journal::Store>>>,
    /// The flags that say how to connect (user, password file, TLS, timeout), as typed: hints
    /// that tell the user to run a command again repeat them.
    connection_words: Vec<String>,
    lease: Arc<tokio::sync::Mutex<Option<lease::Held>>>,
}

impl Context {
    /// Called once, before any other thread starts (it takes the password out of the process
    /// environment, see `take_password_from_environment`); `changes` is the run's ledger, read
    /// when it ends.
    pub fn from_args(args: &GlobalArgs, changes: Changes) -> Result<Context> {
        let from_environment = take_password_from_environment();
        let timeout = args.timeout;
        let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        };
        let mut connector = Connector::new(timeout);
        connector.changes = changes;
        connector.credentials = Credentials {
            user: args.user.clone(),
            password: password(args, interactive, from_environment)?,
            ..Default::default()
        };
        connector.tls = tls(args)?;
        if let Some(path) = &args.sentinel_password_file {
            let _ = connector.credentials.sentinel.set(read_password_file("--sentinel-password-file", path)?);
        }
        Ok(Context {
            out: reporter(args),
            yes: args.yes,
            dry_run: args.dry_run,
            verbose: args.verbose,
            style: Style { color },
            connector,
            gathering: Gathering {
                views: match args.views {
                    ViewsChoice::Full => ViewMode::Full,
                    ViewsChoice::Digest => ViewMode::Digest,
                    ViewsChoice::Auto => ViewMode::Auto,
                },
                concurrency: args.concurrency,
            },
            interactive,
            changing: None,
            stop: Stop::default(),
            journals: Arc::default(),
            connection_words: connection_words(args),
            lease: Arc::default(),
        })
    }

    /// The same context, printing each JSON document on one line (a `--watch` frame per line).
    pub fn one_document_per_line(&self) -> Context {
        Context { out: self.out.one_line(), ..self.clone() }
    }

    /// The target and connection flags of a command line the user can paste to run the same
    /// command again, e.g. `redis-cluster -n redis --tls --cacert ca.pem`.
    pub fn rerun_words(&self, target: &TargetArgs) -> String {
        let mut words: Vec<String> = Vec::new();
        let mut flag = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                words.push(format!("{name} {}", shell_word(&value)));
            }
        };
        flag("-l", target.selector.clone());
        flag("-n", target.namespace.clone());
        flag("--kubeconfig", target.kubeconfig.as_ref().map(|p| p.display().to_string()));
        flag("--context", target.context.clone());
        flag(
            "--password-secret",
            target.password_secret.as_ref().map(|s| s.key.as_ref().map_or(s.name.clone(), |k| format!("{}:{k}", s.name))),
        );
        let connect = clap::ValueEnum::to_possible_value(&target.connect).map(|v| v.get_name().to_owned());
        flag("--connect", connect.filter(|_| target.connect != ConnectMode::Auto));
        flag("--nodes", (!target.nodes.is_empty()).then(|| target.nodes.join(",")));
        flag("--sentinels", (!target.sentinels.is_empty()).then(|| target.sentinels.join(",")));
        flag("--master-name", target.master_name.clone());
        flag(
            "--sentinel-password-secret",
            target
                .sentinel_password_secret
                .as_ref()
                .map(|s| s.key.as_ref().map_or(s.name.clone(), |k| format!("{}:{k}", s.name))),
        );
        let mut all: Vec<String> = target.statefulset.iter().map(|s| shell_word(s)).collect();
        all.extend(target.sandbox.iter().map(|name| format!("--sandbox={}", shell_word(name))));
        all.extend(words);
        all.extend(self.connection_words.iter().cloned());
        all.join(" ")
    }

    /// What a command works on, its kind resolved once: the platform's nodes, and whether they form
    /// a Redis Cluster or a Sentinel group. Commands match on the kind.
    pub async fn target(&self, target: &TargetArgs) -> Result<Target> {
        let platform = self.platform(target).await?;
        let kind = if platform.is_sentinel_group() { Kind::Group } else { Kind::Cluster };
        Ok(Target { kind, platform })
    }

    /// The nodes a command works on: a StatefulSet or `--selector` (Kubernetes), `--sandbox[=NAME]`,
    /// or `--nodes`.
    pub async fn platform(&self, target: &TargetArgs) -> Result<Platform> {
        let kubernetes = target.statefulset.is_some() || target.selector.is_some();
        let given = usize::from(kubernetes) + usize::from(target.sandbox.is_some()) + usize::from(!target.nodes.is_empty());
        if given > 1 {
            return Err(Error::usage("more than one target given (a StatefulSet or --selector, --sandbox, --nodes)")
                .hint("give only one of them"));
        }
        if (target.password_secret.is_some() || target.sentinel_password_secret.is_some()) && !kubernetes {
            let flag = if target.password_secret.is_some() { "--password-secret" } else { "--sentinel-password-secret" };
            return Err(Error::usage(format!("{flag} needs a StatefulSet or --selector")).hint(
                "elsewhere give the password with REDISCLI_AUTH or --password-file (sentinels: --sentinel-password-file)",
            ));
        }
        if kubernetes {
            let selection = Selection {
                statefulset: target.statefulset.clone(),
                selector: target.selector.clone(),
                kubeconfig: target.kubeconfig.clone(),
                context: target.context.clone(),
                namespace: target.namespace.clone(),
            };
            let mut kubernetes = Kubernetes::open(&selection, self.connector.timeout, self.connector.changes.clone()).await?;
            if let Some(workload) = sentinel_workload(&target.sentinels)? {
                kubernetes.watch_sentinels_of(&workload).await?;
            }
            let record = kubernetes.lease_record();
            if let Some(verb) = self.changing.filter(|_| !self.dry_run) {
                let mut held = self.lease.lock().await;
                if held.is_none() {
                    *held = Some(lease::acquire(record.clone(), kubernetes.lease_target(), verb, &self.stop).await?);
                    self.stop.fence_with(Arc::new(record.clone()));
                }
            }
            let _ = self.journals.set(Arc::new(record));
            let credentials = &self.connector.credentials;
            if (target.password_secret.is_some() || credentials.password.is_none())
                && let Some(password) = kubernetes.password(target.password_secret.as_ref()).await?
            {
                let _ = credentials.discovered.set(password);
            }
            if let Some(secret) = &target.sentinel_password_secret
                && let Some(password) = kubernetes.password(Some(secret)).await?
            {
                let _ = credentials.sentinel.set(password);
            }
            let directory = kubernetes.pod_directory();
            if port_forward(target.connect) {
                self.connector.route.set(Arc::new(PortForward(directory.clone())));
            }
            self.connector.names.set(Arc::new(PodNames(directory)));
            return Ok(Platform::Kubernetes(Box::new(kubernetes)));
        }
        if let Some(name) = &target.sandbox {
            if !target.sentinels.is_empty() {
                return Err(Error::usage("--sentinels with --sandbox: a sandbox knows its own sentinels")
                    .hint("leave out --sentinels (start a Sentinel sandbox with `sandbox up --sentinel`)"));
            }
            return Ok(Platform::Sandbox(sandbox::Sandbox { changes: self.connector.changes.clone(), ..sandbox::load(name)? }));
        }
        if target.nodes.is_empty() {
            return Err(Error::usage("no target given").hint(
                "name a StatefulSet (kubectl redis status redis-cluster), or pass --sandbox[=NAME] or --nodes HOST:PORT[,…]",
            ));
        }
        let addrs = parse_addrs("--nodes", &target.nodes)?;
        let sentinels = parse_addrs("--sentinels", &target.sentinels)?;
        Ok(Platform::Static(StaticNodes { nodes: addrs, sentinels }))
    }

    /// Where this target's move journals are kept.
    pub fn journals(&self) -> Arc<dyn journal::Store> {
        self.journals.get().cloned().unwrap_or_else(|| Arc::new(journal::Files))
    }

    /// Gives back the lease a changing command held, if any.
    pub async fn release_lease(&self) {
        if let Some(held) = self.lease.lock().await.take() {
            held.release().await;
        }
    }

    /// The same context for the parts of a plan the operator confirmed as a whole.
    pub fn confirmed(&self) -> Context {
        Context { yes: true, ..self.clone() }
    }

    /// Asks "type yes" on a terminal; refuses without one unless --yes was given.
    pub fn confirm(&self, question: &str) -> Result<()> {
        if self.yes {
            return Ok(());
        }
        if !self.interactive {
            return Err(Error::refused("not confirmed: there is no terminal to ask on")
                .hint("pass --yes to apply the plan, or --dry-run to only print it"));
        }
        eprint!("{question} Type 'yes' to continue: ");
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if answer.trim() == "yes" { Ok(()) } else { Err(Error::refused("not confirmed; nothing was changed")) }
    }
}

/// `--sentinels` on Kubernetes: the sentinels' own workload, one of them.
fn sentinel_workload(given: &[String]) -> Result<Option<SentinelWorkload>> {
    match given {
        [] => Ok(None),
        [one] => one
            .parse()
            .map(Some)
            .map_err(|e: String| Error::usage(format!("--sentinels: {e}")).hint("e.g. --sentinels deploy/redis-sentinel")),
        // A label selector with several terms arrives split at its commas.
        terms if terms.iter().all(|t| t.contains('=')) => Ok(Some(SentinelWorkload::Selector(terms.join(",")))),
        _ => {
            Err(Error::usage("--sentinels names one workload on Kubernetes")
                .hint("give sts/NAME, deploy/NAME or one label selector"))
        }
    }
}

/// HOST:PORT[,HOST:PORT…] as given to a flag.
fn parse_addrs(flag: &str, given: &[String]) -> Result<Vec<NodeAddr>> {
    given
        .iter()
        .map(|n| {
            n.trim()
                .parse::<NodeAddr>()
                .map_err(|e| Error::usage(format!("{flag}: {e}")).hint(format!("write {flag} as HOST:PORT[,HOST:PORT…]")))
        })
        .collect()
}

/// REDISCLI_AUTH, removed from this process's environment once read: no child process — a
/// sandbox server, its `--version` probe, a kubeconfig exec plugin kube starts — can inherit it.
fn take_password_from_environment() -> Option<Secret> {
    let value = std::env::var_os("REDISCLI_AUTH")?;
    // SAFETY: called from `Context::from_args`, which main calls before the runtime (and so any
    // other thread) starts; nothing reads the environment concurrently.
    unsafe { std::env::remove_var("REDISCLI_AUTH") };
    Some(Secret::new(value.to_string_lossy().into_owned())).filter(|s| !s.expose().is_empty())
}

/// The password from --password-file, REDISCLI_AUTH (`from_environment`), or a prompt; never
/// from an argv value.
fn password(args: &GlobalArgs, interactive: bool, from_environment: Option<Secret>) -> Result<Option<Secret>> {
    if let Some(path) = &args.password_file {
        return read_password_file("--password-file", path).map(Some);
    }
    if from_environment.is_some() {
        return Ok(from_environment);
    }
    let wants_prompt = args.ask_password || (args.user.is_some() && interactive);
    if !wants_prompt {
        return Ok(None);
    }
    if !interactive {
        return Err(Error::usage("--ask-password needs a terminal").hint("set REDISCLI_AUTH or use --password-file in scripts"));
    }
    let prompt = match &args.user {
        Some(user) => format!("Password for {user}: "),
        None => "Password: ".to_owned(),
    };
    rpassword::prompt_password(prompt)
        .map(|p| Some(Secret::new(p)))
        .map_err(|e| Error::failed(format!("cannot read the password: {e}")))
}

/// The first line of a password file.
fn read_password_file(flag: &str, path: &std::path::Path) -> Result<Secret> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::usage(format!("{flag} {}: {e}", path.display())).hint("give a readable file whose first line is the password")
    })?;
    Ok(Secret::new(text.lines().next().unwrap_or("").to_owned()))
}

fn tls(args: &GlobalArgs) -> Result<Option<TlsSettings>> {
    let wants_tls =
        args.tls || args.cacert.is_some() || args.tls_cert.is_some() || args.insecure || args.tls_server_name.is_some();
    if !wants_tls {
        return Ok(None);
    }
    let read = |flag: &str, path: &std::path::Path| {
        std::fs::read(path).map_err(|e| Error::usage(format!("{flag} {}: {e}", path.display())).hint("give a readable PEM file"))
    };
    let ca_cert = args.cacert.as_deref().map(|p| read("--cacert", p)).transpose()?;
    let client_cert_and_key = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some((read("--tls-cert", cert)?, read("--tls-key", key)?)),
        _ => None,
    };
    let files = TlsFiles {
        ca_cert: ca_cert.as_deref(),
        client_cert_and_key: client_cert_and_key.as_ref().map(|(c, k)| (c.as_slice(), k.as_slice())),
        server_name: args.tls_server_name.as_deref(),
        insecure: args.insecure,
    };
    let settings = TlsSettings::new(&files)?;
    if settings.insecure {
        eprintln!(
            "warning: --insecure: the servers' certificates are not verified; anyone on the path can read and change the traffic"
        );
    }
    Ok(Some(settings))
}

/// `--connect` resolved: `auto` goes direct inside a pod (the service environment is set and pod
/// IPs are routable) and through port-forward elsewhere.
fn port_forward(mode: ConnectMode) -> bool {
    match mode {
        ConnectMode::Auto => std::env::var_os("KUBERNETES_SERVICE_HOST").is_none(),
        ConnectMode::Direct => false,
        ConnectMode::PortForward => true,
    }
}

/// The connection flags as given, for command lines in hints (never a secret: the password only
/// ever comes from a file, the environment or a prompt).
fn connection_words(args: &GlobalArgs) -> Vec<String> {
    let mut words = Vec::new();
    let path = |flag: &str, p: &Option<std::path::PathBuf>| {
        p.as_ref().map(|p| format!("{flag} {}", shell_word(&p.display().to_string())))
    };
    words.extend(args.user.as_ref().map(|u| format!("--redis-user {}", shell_word(u))));
    words.extend(path("--password-file", &args.password_file));
    words.extend(path("--sentinel-password-file", &args.sentinel_password_file));
    words.extend(args.ask_password.then(|| "--ask-password".to_owned()));
    words.extend(args.tls.then(|| "--tls".to_owned()));
    words.extend(path("--cacert", &args.cacert));
    words.extend(path("--tls-cert", &args.tls_cert));
    words.extend(path("--tls-key", &args.tls_key));
    words.extend(args.tls_server_name.as_ref().map(|n| format!("--tls-server-name {}", shell_word(n))));
    words.extend(args.insecure.then(|| "--insecure".to_owned()));
    words.extend((args.timeout != Duration::from_secs(5)).then(|| format!("--timeout {}", crate::units::format(args.timeout))));
    words
}

/// A word as a POSIX shell reads it back: quoted when it holds anything but plain characters.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "_-./:=,@%+".contains(c));
    if plain { word.to_owned() } else { format!("'{}'", word.replace('\'', r"'\''")) }
}

/// The reporter `-o` asks for; also for the error a run ends with before its context exists.
pub fn reporter(args: &GlobalArgs) -> Reporter {
    Reporter::new(match args.output {
        OutputFormat::Table => Format::Table,
        OutputFormat::Wide => Format::Wide,
        OutputFormat::Json => Format::Json,
        OutputFormat::Yaml => Format::Yaml,
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    #[test]
    fn command_lines_to_run_again_spell_flags_as_they_are_typed() {
        let cli = Cli::parse_from([
            "kubectl-redis",
            "status",
            "redis-cluster",
            "-n",
            "redis",
            "--connect",
            "port-forward",
            "--timeout",
            "9s",
        ]);
        let Command::Status(args) = &cli.command else { panic!("parsed as status") };
        let ctx = Context::from_args(&cli.global, Changes::default()).unwrap();
        assert_eq!(ctx.rerun_words(&args.target), "redis-cluster -n redis --connect port-forward --timeout 9s");
    }
}
