//! A StatefulSet (or the pods of a label selector) seen through the Kubernetes API. Its pods are
//! the members: name, ordinal, pod IP, readiness, Kubernetes node and that node's zone, and the
//! Redis port. The StatefulSet's scale subresource grows and shrinks it, and the claims of removed
//! ordinals are deleted on request. The tool reaches pods at their IPs (`--connect direct`) or
//! through the API server's port-forward (`PortForward`), which a laptop outside the cluster needs.
//! The Redis password is read from a Secret: the one named, or the one the pod template's
//! password variable comes from (as Helm charts set it up).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;

use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use k8s_openapi::api::core::v1::{Event, Node, PersistentVolumeClaim, Pod, PodSpec, Secret as SecretObject, Service};
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

use crate::error::{Changes, Error, Result};
use crate::redis::addr::NodeAddr;
use crate::redis::conn::{Connector, NodeNames, Route, Secret};
use crate::redis::stream::NodeStream;

/// The label a node's zone is read from.
const ZONE_LABEL: &str = "topology.kubernetes.io/zone";
/// Container port names that mean "the Redis port", in order of preference.
const PORT_NAMES: [&str; 3] = ["redis", "client", "tcp-redis"];
const DEFAULT_PORT: u16 = 6379;
/// The label a StatefulSet puts on each pod, naming it: what a per-pod Service selects.
const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
/// How charts name a sentinel container's port (Bitnami: `redis-sentinel`; redis-ha: `sentinel`).
const SENTINEL_PORT_NAMES: [&str; 3] = ["sentinel", "redis-sentinel", "tcp-sentinel"];
const DEFAULT_SENTINEL_PORT: u16 = 26379;
const POLL: Duration = Duration::from_millis(500);
/// Container variables that carry the Redis password in common charts.
const PASSWORD_ENV: [&str; 3] = ["REDIS_PASSWORD", "REDISCLI_AUTH", "VALKEY_PASSWORD"];
/// Keys tried, in order, when a Secret with several keys is named without one.
const PASSWORD_KEYS: [&str; 3] = ["redis-password", "valkey-password", "password"];

/// What the user named: a StatefulSet, or pods by label; and how to reach the API server.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub statefulset: Option<String>,
    pub selector: Option<String>,
    pub kubeconfig: Option<PathBuf>,
    pub context: Option<String>,
    pub namespace: Option<String>,
}

/// One pod as a member of the cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodFacts {
    pub name: String,
    /// The StatefulSet ordinal (the name's numeric suffix); `None` for pods of a selector.
    pub ordinal: Option<usize>,
    /// Pod IP and Redis port; `None` before the pod has an IP.
    pub addr: Option<NodeAddr>,
    pub ready: bool,
    /// Its phase is Running: it can answer even when not Ready (a readiness probe that wants a
    /// healthy cluster fails while the cluster is broken, and that is when the tool must reach it).
    pub running: bool,
    /// The Kubernetes node it runs on.
    pub node: Option<String>,
    /// The node's zone label; `None` when unlabelled or not readable.
    pub zone: Option<String>,
    /// Why it is not ready, for messages: phase, failing conditions.
    pub state: String,
    /// The DNS names its certificate may carry (see `dns_names`).
    pub dns: Vec<String>,
    /// Pod IP and sentinel port when the pod runs a sentinel (a container port named like one,
    /// or a container named `sentinel`).
    pub sentinel: Option<NodeAddr>,
    /// Container restarts, summed over its containers.
    pub restarts: u32,
    /// Its UID: a pod recreated under the same name has a new one.
    pub uid: Option<String>,
    /// Its containers' names (whose logs a support bundle holds).
    pub containers: Vec<String>,
    /// The image its Redis container runs, and that container's name.
    pub image: Option<String>,
    pub container: Option<String>,
}

/// The StatefulSet behind the pods, when there is one.
#[derive(Debug, Clone)]
pub struct Workload {
    pub name: String,
    pub replicas: usize,
    /// Label selector of its pods, as a query string.
    pub selector: String,
    /// Names of its volume claim templates: claims are `<template>-<statefulset>-<ordinal>`.
    pub claim_templates: Vec<String>,
    /// The controller that owns it (kind/name), if any: resizing is then that controller's job.
    pub owner: Option<String>,
    /// Where its pod template takes the Redis password from.
    pub password_ref: Option<SecretRef>,
    /// How it replaces pods when its template changes: `RollingUpdate` (the default) or `OnDelete`.
    pub update_strategy: String,
    /// The pod template's Redis container and its image.
    pub container: Option<(String, String)>,
}

/// A key of a Secret holding the password; `key: None` when named without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretRef {
    pub name: String,
    pub key: Option<String>,
    /// The container variable it was found behind, when detected rather than named.
    pub variable: Option<String>,
}

impl std::str::FromStr for SecretRef {
    type Err = String;

    /// `NAME` or `NAME:KEY`.
    fn from_str(text: &str) -> std::result::Result<SecretRef, String> {
        let (name, key) = match text.split_once(':') {
            Some((name, key)) => (name, Some(key.to_owned())),
            None => (text, None),
        };
        if name.is_empty() || key.as_deref() == Some("") {
            return Err(format!("'{text}' is not NAME or NAME:KEY"));
        }
        Ok(SecretRef { name: name.to_owned(), key, variable: None })
    }
}

/// Where a Sentinel group's sentinels run when not beside the members: a StatefulSet, a
/// Deployment, or pods matching a label selector (`--sentinels sts/NAME|deploy/NAME|SELECTOR`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentinelWorkload {
    StatefulSet(String),
    Deployment(String),
    Selector(String),
}

impl std::str::FromStr for SentinelWorkload {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<SentinelWorkload, String> {
        let kind =
            |prefixes: &[&str]| prefixes.iter().find_map(|p| text.strip_prefix(p)).filter(|n| !n.is_empty()).map(str::to_owned);
        if let Some(name) = kind(&["sts/", "statefulset/", "statefulsets/"]) {
            return Ok(SentinelWorkload::StatefulSet(name));
        }
        if let Some(name) = kind(&["deploy/", "deployment/", "deployments/"]) {
            return Ok(SentinelWorkload::Deployment(name));
        }
        if text.contains('=') {
            return Ok(SentinelWorkload::Selector(text.to_owned()));
        }
        Err(format!("'{text}' names no sentinel workload: give sts/NAME, deploy/NAME or a label selector such as app=sentinel"))
    }
}

/// The addresses of the Services that select one pod (ClusterIPs, DNS names), by pod name.
type ServicesByPod = BTreeMap<String, Vec<String>>;

/// Pods found through the API.
#[derive(Clone)]
pub struct Kubernetes {
    client: Client,
    /// For port-forward and exec streams: connecting is bounded, reading is not (see `connect`).
    streams: Client,
    pub namespace: String,
    pub workload: Option<Workload>,
    pub selector: String,
    pub pods: Vec<PodFacts>,
    /// Sentinels that run in a workload of their own: that workload, its pods' label selector,
    /// and its pods.
    sentinel_workload: Option<SentinelWorkload>,
    sentinel_selector: Option<String>,
    separate_sentinels: Vec<PodFacts>,
    /// Addresses of per-pod Services (a chart's "announce" Services: ClusterIP and DNS names) and
    /// the IP of the pod each selects: a Sentinel group may know its nodes only by those.
    service_aliases: BTreeMap<String, String>,
    /// The per-pod Services' addresses by pod name, and the pod names they were listed for: listed
    /// again only when the pods are others (a restarted pod keeps its name and Service).
    pod_services: Option<(BTreeSet<String>, ServicesByPod)>,
    /// Where the pods take the Redis password from (the template's, else the first pod's that has one).
    password_ref: Option<SecretRef>,
    /// The run's ledger of changes: noted before a patch, a deletion or a scale.
    changes: Changes,
}

impl std::fmt::Debug for Kubernetes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kubernetes")
            .field("namespace", &self.namespace)
            .field("workload", &self.workload)
            .field("pods", &self.pods)
            .finish()
    }
}

impl Kubernetes {
    /// Connects with the kubeconfig (or in-cluster) settings and reads the pods.
    pub async fn open(selection: &Selection, timeout: Duration, changes: Changes) -> Result<Kubernetes> {
        let (Clients { api: client, streams }, namespace) = connect(selection, timeout).await?;
        let statefulset = selection.statefulset.as_deref().map(|n| n.strip_prefix("sts/").unwrap_or(n));
        let workload = match statefulset {
            Some(name) => Some(read_workload(&client, &namespace, name).await?),
            None => None,
        };
        let selector = match (&workload, &selection.selector) {
            (Some(w), None) => w.selector.clone(),
            (None, Some(s)) => s.clone(),
            _ => {
                return Err(Error::usage("give a StatefulSet name or --selector, not both")
                    .hint("e.g. kubectl redis status redis-cluster"));
            }
        };
        let password_ref = workload.as_ref().and_then(|w| w.password_ref.clone());
        let mut platform = Kubernetes {
            client,
            streams,
            namespace,
            workload,
            selector,
            pods: Vec::new(),
            sentinel_workload: None,
            sentinel_selector: None,
            separate_sentinels: Vec::new(),
            service_aliases: BTreeMap::new(),
            pod_services: None,
            password_ref,
            changes,
        };
        platform.refresh().await?;
        Ok(platform)
    }

    /// Takes the group's sentinels from a workload of their own.
    pub async fn watch_sentinels_of(&mut self, workload: &SentinelWorkload) -> Result<()> {
        let selector = match workload {
            SentinelWorkload::StatefulSet(name) => read_workload(&self.client, &self.namespace, name).await?.selector,
            SentinelWorkload::Deployment(name) => self.deployment_selector(name).await?,
            SentinelWorkload::Selector(selector) => selector.clone(),
        };
        self.sentinel_selector = Some(selector);
        self.sentinel_workload = Some(workload.clone());
        self.refresh().await
    }

    /// Why the sentinels' number is not this tool's to change, if it is not: only a named
    /// StatefulSet or Deployment of their own can be scaled.
    pub fn sentinel_resize_blocker(&self) -> Option<Error> {
        match &self.sentinel_workload {
            Some(SentinelWorkload::StatefulSet(_) | SentinelWorkload::Deployment(_)) => None,
            Some(SentinelWorkload::Selector(_)) => Some(
                Error::usage("sentinels chosen by a label selector cannot be added or removed by the tool")
                    .hint("name their workload instead: --sentinels deploy/NAME or --sentinels sts/NAME"),
            ),
            None => Some(
                Error::usage("these sentinels run beside the members: their number follows --replicas")
                    .hint("leave out --sentinel-count"),
            ),
        }
    }

    /// Sets the replicas of the sentinels' own workload (scale subresource) and waits until
    /// exactly `count` sentinel pods run, Ready with an IP.
    pub async fn resize_sentinels(&mut self, count: usize, wait: Duration) -> Result<()> {
        let patch = serde_json::json!({ "spec": { "replicas": count } });
        let params = PatchParams::default();
        let described = match &self.sentinel_workload {
            Some(SentinelWorkload::StatefulSet(name)) => {
                let sets: Api<StatefulSet> = Api::namespaced(self.client.clone(), &self.namespace);
                sets.patch_scale(name, &params, &Patch::Merge(&patch)).await.map_err(|e| api_error(e, "scale the sentinels"))?;
                format!("statefulset {name}")
            }
            Some(SentinelWorkload::Deployment(name)) => {
                let deployments: Api<Deployment> = Api::namespaced(self.client.clone(), &self.namespace);
                deployments
                    .patch_scale(name, &params, &Patch::Merge(&patch))
                    .await
                    .map_err(|e| api_error(e, "scale the sentinels"))?;
                format!("deployment {name}")
            }
            _ => return Err(self.sentinel_resize_blocker().unwrap_or_else(|| Error::usage("no sentinel workload"))),
        };
        self.changes.note();
        let ready = |k: &Kubernetes| k.separate_sentinels.iter().filter(|p| p.ready && p.addr.is_some()).count();
        if self.refresh_until(wait, |k| ready(k) == count && k.separate_sentinels.len() == count).await? {
            return Ok(());
        }
        let pods = &self.separate_sentinels;
        let states: Vec<String> = pods.iter().filter(|p| !p.ready).map(|p| format!("{} is {}", p.name, p.state)).collect();
        Err(Error::failed(format!(
            "{described} did not reach {count} ready sentinel pod(s) within {}: {} ready of {}{}",
            crate::units::format(wait),
            ready(self),
            pods.len(),
            if states.is_empty() { String::new() } else { format!("; {}", states.join("; ")) }
        ))
        .hint(format!(
            "kubectl get pods -n {} -l {}; then run the same command again",
            self.namespace,
            self.sentinel_selector.clone().unwrap_or_default()
        )))
    }

    /// Reads the pods again every poll until `settled` holds (true) or `wait` has passed (false).
    async fn refresh_until(&mut self, wait: Duration, settled: impl Fn(&Kubernetes) -> bool) -> Result<bool> {
        let deadline = Instant::now() + wait;
        loop {
            self.refresh().await?;
            if settled(self) {
                return Ok(true);
            }
            if Instant::now() >= deadline {
                return Ok(false);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    async fn deployment_selector(&self, name: &str) -> Result<String> {
        let deployments: Api<Deployment> = Api::namespaced(self.client.clone(), &self.namespace);
        let deployment = deployments.get(name).await.map_err(|e| match e {
            kube::Error::Api(s) if s.code == 404 => {
                Error::unreachable(format!("deployment {name} not found in namespace {}", self.namespace))
                    .hint("list them with `kubectl get deployments -n NAMESPACE`")
            }
            e => api_error(e, &format!("read deployment {name}")),
        })?;
        let labels = deployment.spec.map(|s| s.selector.match_labels.unwrap_or_default()).unwrap_or_default();
        Ok(labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","))
    }

    /// Reads the pods again (after a resize).
    pub async fn refresh(&mut self) -> Result<()> {
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), &self.namespace);
        let list = pods.list(&ListParams::default().labels(&self.selector)).await.map_err(|e| api_error(e, "list pods"))?;
        let mut zones: BTreeMap<String, Option<String>> = BTreeMap::new();
        let mut facts = Vec::new();
        for pod in list.items {
            if self.password_ref.is_none() {
                self.password_ref = pod.spec.as_ref().and_then(password_ref_of);
            }
            let node = pod.spec.as_ref().and_then(|s| s.node_name.clone());
            if let Some(node) = &node
                && !zones.contains_key(node)
            {
                zones.insert(node.clone(), self.zone_of(node).await);
            }
            let zone = node.as_ref().and_then(|n| zones.get(n).cloned().flatten());
            facts.push(pod_facts(&pod, self.workload.as_ref().map(|w| w.name.as_str()), node, zone));
        }
        facts.sort_by_key(|p| (p.ordinal.unwrap_or(usize::MAX), p.name.clone()));
        self.pods = facts;
        if let Some(selector) = &self.sentinel_selector {
            let list = pods.list(&ListParams::default().labels(selector)).await.map_err(|e| api_error(e, "list pods"))?;
            let mut sentinels: Vec<PodFacts> = Vec::new();
            for pod in list.items {
                let node = pod.spec.as_ref().and_then(|s| s.node_name.clone());
                let zone = match &node {
                    Some(n) => self.zone_of(n).await,
                    None => None,
                };
                let mut facts = pod_facts(&pod, None, node, zone);
                // A sentinel's own pod: its sentinel port, else the default.
                facts.sentinel = facts
                    .addr
                    .as_ref()
                    .map(|a| NodeAddr::new(a.host.clone(), sentinel_port(&pod).unwrap_or(DEFAULT_SENTINEL_PORT)));
                sentinels.push(facts);
            }
            sentinels.sort_by(|a, b| a.name.cmp(&b.name));
            self.separate_sentinels = sentinels;
        }
        if self.sentinel_pods().next().is_some() {
            self.service_aliases = self.pod_service_addresses().await;
        }
        Ok(())
    }

    /// The addresses of the Services that select one pod by name, by pod name (`None` when
    /// Services cannot be listed); listed once per set of pods.
    async fn services_by_pod(&mut self) -> Option<&ServicesByPod> {
        let pods: BTreeSet<String> = self.pods.iter().chain(&self.separate_sentinels).map(|p| p.name.clone()).collect();
        if self.pod_services.as_ref().is_none_or(|(listed_for, _)| *listed_for != pods) {
            let services: Api<Service> = Api::namespaced(self.client.clone(), &self.namespace);
            let list = services.list(&ListParams::default()).await.ok()?;
            let mut by_pod = ServicesByPod::new();
            for service in list.items {
                let Some(spec) = service.spec else { continue };
                let Some(pod) = spec.selector.as_ref().and_then(|s| s.get(POD_NAME_LABEL)).cloned() else { continue };
                let name = service.metadata.name.unwrap_or_default();
                let cluster_ips = spec.cluster_ips.unwrap_or_default().into_iter().chain(spec.cluster_ip);
                let dns = [
                    format!("{name}.{}.svc.cluster.local", self.namespace),
                    format!("{name}.{}.svc", self.namespace),
                    format!("{name}.{}", self.namespace),
                    name,
                ];
                by_pod.entry(pod).or_default().extend(cluster_ips.filter(|a| !a.is_empty() && a != "None").chain(dns));
            }
            self.pod_services = Some((pods, by_pod));
        }
        self.pod_services.as_ref().map(|(_, by_pod)| by_pod)
    }

    /// The ClusterIP and DNS names of every Service that selects one pod by name (the
    /// `statefulset.kubernetes.io/pod-name` label), mapped to that pod's IP. Services that cannot
    /// be listed map nothing: their addresses then show as entries of no pod.
    async fn pod_service_addresses(&mut self) -> BTreeMap<String, String> {
        let pod_ips: BTreeMap<String, String> = self
            .pods
            .iter()
            .chain(&self.separate_sentinels)
            .filter_map(|p| Some((p.name.clone(), p.addr.as_ref()?.host.clone())))
            .collect();
        let Some(by_pod) = self.services_by_pod().await else { return BTreeMap::new() };
        let mut aliases = BTreeMap::new();
        for (pod, addresses) in by_pod {
            let Some(ip) = pod_ips.get(pod) else { continue };
            for address in addresses {
                aliases.insert(address.clone(), ip.clone());
            }
        }
        aliases
    }

    /// Other addresses of the pods: their Services' (see `pod_service_addresses`).
    pub fn service_aliases(&self) -> &BTreeMap<String, String> {
        &self.service_aliases
    }

    /// The pods of the namespace by IP, starting from the ones read: what port-forward and TLS
    /// names are looked up in.
    pub fn pod_directory(&self) -> Arc<PodDirectory> {
        let by_ip = self
            .pods
            .iter()
            .filter_map(|p| Some((p.addr.as_ref()?.host.clone(), PodName { name: p.name.clone(), dns: p.dns.clone() })))
            .collect();
        Arc::new(PodDirectory {
            pods: Api::namespaced(self.client.clone(), &self.namespace),
            forwards: Api::namespaced(self.streams.clone(), &self.namespace),
            namespace: self.namespace.clone(),
            by_ip: Mutex::new(by_ip),
        })
    }

    /// A node's zone label; no permission to read nodes or no label means unknown, not an error.
    async fn zone_of(&self, node: &str) -> Option<String> {
        let nodes: Api<Node> = Api::all(self.client.clone());
        let node = nodes.get(node).await.ok()?;
        node.metadata.labels?.get(ZONE_LABEL).cloned()
    }

    /// The Redis password from the Secret named (`NAME[:KEY]`), else from the one the pod template
    /// points its password variable at; `None` when neither exists.
    pub async fn password(&self, named: Option<&SecretRef>) -> Result<Option<Secret>> {
        let Some(wanted) = named.or(self.password_ref.as_ref()) else { return Ok(None) };
        let secrets: Api<SecretObject> = Api::namespaced(self.client.clone(), &self.namespace);
        let why = match &wanted.variable {
            Some(variable) => format!("secret {} (the pods' {variable} comes from it)", wanted.name),
            None => format!("secret {}", wanted.name),
        };
        let secret = secrets.get(&wanted.name).await.map_err(|e| match e {
            kube::Error::Api(s) if s.code == 404 => Error::usage(format!("{why} not found in namespace {}", self.namespace))
                .hint("name an existing Secret with --password-secret NAME[:KEY], or give the password with REDISCLI_AUTH"),
            kube::Error::Api(s) if s.code == 403 => Error::refused(format!("Kubernetes refused to read {why}: {}", s.message))
                .hint(
                    "grant `get` on secrets (see deploy/rbac.yaml), or give the password with REDISCLI_AUTH or --password-file",
                ),
            e => api_error(e, &format!("read {why}")),
        })?;
        let data = secret.data.unwrap_or_default();
        let key = match &wanted.key {
            Some(key) => key.clone(),
            None => password_key(&data).ok_or_else(|| {
                let keys: Vec<&str> = data.keys().map(String::as_str).collect();
                Error::usage(format!("{why} has several keys ({}) and none is a known password key", keys.join(", ")))
                    .hint(format!("pass --password-secret {}:KEY", wanted.name))
            })?,
        };
        let value = data.get(&key).ok_or_else(|| {
            Error::usage(format!("{why} has no key {key}"))
                .hint(format!("list its keys with kubectl describe secret {}", wanted.name))
        })?;
        let text = String::from_utf8(value.0.clone())
            .map_err(|_| Error::usage(format!("key {key} of {why} is not text")).hint("store the password as UTF-8 text"))?;
        Ok(Some(Secret::new(text)))
    }

    /// Every text value of the Secrets `names`; one that cannot be read adds nothing.
    pub async fn secret_values(&self, names: &[String]) -> Vec<String> {
        let secrets: Api<SecretObject> = Api::namespaced(self.client.clone(), &self.namespace);
        let mut values = Vec::new();
        for name in names {
            if let Ok(secret) = secrets.get(name).await {
                let data = secret.data.unwrap_or_default().into_values().map(|v| v.0);
                let strings = secret.string_data.unwrap_or_default().into_values().map(String::into_bytes);
                values.extend(data.chain(strings).filter_map(|v| String::from_utf8(v).ok()));
            }
        }
        values
    }

    /// Pods of the StatefulSet by ordinal; a selector's pods by name.
    /// The running pods that carry a sentinel: those of the sentinels' own workload when they
    /// have one, else the members' pods with a sentinel container.
    pub fn sentinel_pods(&self) -> impl Iterator<Item = &PodFacts> {
        let pods = if self.sentinel_selector.is_some() { &self.separate_sentinels } else { &self.pods };
        pods.iter().filter(|p| p.running && p.sentinel.is_some())
    }

    /// Whether the sentinels run in a workload of their own (`--sentinels`).
    pub fn has_separate_sentinels(&self) -> bool {
        self.sentinel_selector.is_some()
    }

    pub fn member_name(&self, ordinal: usize) -> String {
        match &self.workload {
            Some(w) => format!("{}-{ordinal}", w.name),
            None => self.pods.get(ordinal).map_or_else(String::new, |p| p.name.clone()),
        }
    }

    /// The name changing commands are serialised under: the StatefulSet's, else the selector.
    pub fn lease_target(&self) -> &str {
        self.workload.as_ref().map_or(self.selector.as_str(), |w| w.name.as_str())
    }

    /// The target's Lease (see `lease`): held while a changing command runs, and the home of its journal.
    pub fn lease_record(&self) -> super::lease::Record {
        super::lease::Record::new(Api::namespaced(self.client.clone(), &self.namespace), self.lease_target())
    }

    /// How commands name it in hints, e.g. `redis-cluster -n redis`.
    pub fn command_target(&self) -> String {
        match &self.workload {
            Some(w) => format!("{} -n {}", w.name, self.namespace),
            None => format!("-l {} -n {}", self.selector, self.namespace),
        }
    }

    /// How messages name it, e.g. `statefulset redis/redis-cluster`.
    pub fn describe(&self) -> String {
        match &self.workload {
            Some(w) => format!("statefulset {}/{}", self.namespace, w.name),
            None => format!("pods {} in {}", self.selector, self.namespace),
        }
    }

    /// Why resizing is not this tool's job here, if it is not.
    pub fn resize_blocker(&self) -> Option<Error> {
        let Some(w) = &self.workload else {
            return Some(
                Error::usage("pods chosen by --selector cannot be added or removed by the tool")
                    .hint("name the StatefulSet instead, e.g. kubectl redis scale redis-cluster --masters 4"),
            );
        };
        w.owner.as_ref().map(|owner| {
            Error::refused(format!("statefulset {} is managed by {owner}", w.name))
                .hint(format!("change the size on {owner}; its controller would undo a change made here"))
        })
    }

    /// Sets the StatefulSet's replicas (scale subresource) and waits until the pods match:
    /// ordinals below `count` Ready with an IP, the others gone.
    pub async fn resize(&mut self, count: usize, wait: Duration) -> Result<()> {
        if let Some(e) = self.resize_blocker() {
            return Err(e);
        }
        let name = self.workload.as_ref().map(|w| w.name.clone()).unwrap_or_default();
        if self.workload.as_ref().is_some_and(|w| w.replicas != count) {
            self.changes.note();
        }
        let sets: Api<StatefulSet> = Api::namespaced(self.client.clone(), &self.namespace);
        let patch = serde_json::json!({ "spec": { "replicas": count } });
        sets.patch_scale(&name, &PatchParams::default(), &Patch::Merge(&patch)).await.map_err(|e| api_error(e, "scale"))?;
        if !self.refresh_until(wait, |k| k.not_settled(count).is_empty()).await? {
            let pending = self.not_settled(count);
            let mut reasons = Vec::new();
            for (pod, state) in pending.iter().take(3) {
                match self.last_event(pod).await {
                    Some(event) => reasons.push(format!("{state}; last event {event}")),
                    None => reasons.push(state.clone()),
                }
            }
            reasons.extend(pending.iter().skip(3).map(|(_, state)| state.clone()));
            return Err(Error::failed(format!(
                "statefulset {name} did not reach {count} ready pod(s) within {}: {}",
                crate::units::format(wait),
                reasons.join("; ")
            ))
            .hint(format!("kubectl describe pod -n {} {}; then run the same command again", self.namespace, pending[0].0)));
        }
        if let Some(w) = self.workload.as_mut() {
            w.replicas = count;
        }
        Ok(())
    }

    /// Pods that keep the StatefulSet from having exactly `count` ready ordinals: name, and why.
    fn not_settled(&self, count: usize) -> Vec<(String, String)> {
        let mut pending = Vec::new();
        for ordinal in 0..count {
            let name = self.member_name(ordinal);
            match self.pods.iter().find(|p| p.name == name) {
                Some(p) if p.ready && p.addr.is_some() => {}
                Some(p) => pending.push((name.clone(), format!("{name} is not ready ({})", p.state))),
                None => pending.push((name.clone(), format!("{name} does not exist yet"))),
            }
        }
        for p in self.pods.iter().filter(|p| p.ordinal.is_some_and(|o| o >= count)) {
            pending.push((p.name.clone(), format!("{} is still there ({})", p.name, p.state)));
        }
        pending
    }

    /// The newest event about a pod as `Reason: message` (what `kubectl describe pod` ends with);
    /// `None` when there is none or events cannot be read: the error is useful without it.
    async fn last_event(&self, pod: &str) -> Option<String> {
        let events: Api<Event> = Api::namespaced(self.client.clone(), &self.namespace);
        let selector = format!("involvedObject.kind=Pod,involvedObject.name={pod}");
        let list = events.list(&ListParams::default().fields(&selector)).await.ok()?;
        let newest = list.items.into_iter().max_by_key(|e| {
            let last = e.last_timestamp.as_ref().map(|t| t.0);
            let at = e.event_time.as_ref().map(|t| t.0);
            last.or(at)
        })?;
        let reason = newest.reason.unwrap_or_else(|| "Unknown".to_owned());
        let message = newest.message.unwrap_or_default();
        Some(format!("{reason}: {}", message.trim().trim_end_matches('.')))
    }

    /// Why a new image cannot be rolled out by deleting pods, if it cannot: a StatefulSet that
    /// replaces pods itself (RollingUpdate) would roll the new template out by ordinal, masters
    /// before their replicas take over, beside this command.
    pub fn image_blocker(&self) -> Option<Error> {
        let w = self.workload.as_ref()?;
        if w.update_strategy == "OnDelete" {
            return None;
        }
        Some(
            Error::refused(format!(
                "statefulset {} replaces its pods itself on a template change ({}): it would roll a new image out by ordinal, masters first",
                w.name, w.update_strategy
            ))
            .hint(format!(
                "let only `kubectl redis restart` replace them: kubectl patch statefulset {} -n {} -p '{{\"spec\":{{\"updateStrategy\":{{\"type\":\"OnDelete\"}}}}}}'",
                w.name, self.namespace
            )),
        )
    }

    /// Puts `image` in the pod template's Redis container (pods recreated from now on run it).
    pub async fn set_image(&mut self, image: &str) -> Result<()> {
        if let Some(why) = self.image_blocker() {
            return Err(why);
        }
        let Some(w) = self.workload.as_mut() else { return Err(Error::usage("pods chosen by --selector have no template")) };
        let Some((container, current)) = w.container.as_mut() else {
            return Err(Error::refused(format!("statefulset {} has no Redis container in its pod template", w.name))
                .hint("name the port of the Redis container `redis`"));
        };
        if current == image {
            return Ok(());
        }
        let patch =
            serde_json::json!({ "spec": { "template": { "spec": { "containers": [{ "name": container, "image": image }] } } } });
        let sets: Api<StatefulSet> = Api::namespaced(self.client.clone(), &self.namespace);
        sets.patch(&w.name, &PatchParams::default(), &Patch::Strategic(patch))
            .await
            .map_err(|e| api_error(e, &format!("set the image of statefulset {}", w.name)))?;
        self.changes.note();
        *current = image.to_owned();
        Ok(())
    }

    /// Deletes a pod for its StatefulSet to recreate, and waits until the new one (a new UID
    /// under the same name) is Ready with an IP.
    pub async fn restart_pod(&mut self, name: &str, wait: Duration) -> Result<()> {
        let old =
            self.pods.iter().find(|p| p.name == name).map(|p| p.uid.clone()).ok_or_else(|| {
                Error::usage(format!("no pod {name} among the target's")).hint("`kubectl redis status` lists them")
            })?;
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), &self.namespace);
        pods.delete(name, &DeleteParams::default()).await.map_err(|e| api_error(e, &format!("delete pod {name}")))?;
        self.changes.note();
        let back = |k: &Kubernetes| k.pods.iter().any(|p| p.name == name && p.uid != old && p.ready && p.addr.is_some());
        if self.refresh_until(wait, back).await? {
            return Ok(());
        }
        match self.pods.iter().find(|p| p.name == name) {
            Some(p) => {
                let event = self.last_event(name).await.map(|e| format!("; last event {e}")).unwrap_or_default();
                Err(Error::failed(format!("pod {name} was not back within {}: {}{event}", crate::units::format(wait), p.state))
                    .hint(format!("kubectl describe pod -n {} {name}", self.namespace)))
            }
            None => Err(Error::failed(format!("pod {name} was not recreated within {}", crate::units::format(wait)))
                .hint(format!("kubectl get statefulset -n {} to see why", self.namespace))),
        }
    }

    /// What a support bundle shows of the target, as the API server returns it: the StatefulSet,
    /// its pods (and the sentinels'), their claims, the namespace's Services, the events about
    /// any of them and the target's Lease. Each part is read on its own: one that cannot be read
    /// (a missing permission) is its error, and the others are still read.
    pub async fn support_objects(&self) -> Vec<(&'static str, Result<serde_json::Value>)> {
        let mut parts = Vec::new();
        if let Some(w) = &self.workload {
            let sets: Api<StatefulSet> = Api::namespaced(self.client.clone(), &self.namespace);
            let read = sets.get(&w.name).await.map_err(|e| api_error(e, &format!("get statefulset {}", w.name)));
            parts.push(("statefulset", read.and_then(to_json)));
        }
        let pods = self.listed::<Pod>("pods", |p| self.owns_pod(p)).await;
        let names: Vec<String> = pod_names(&pods);
        let claims = self.listed::<PersistentVolumeClaim>("persistentvolumeclaims", |c| self.owns_claim(c, &names)).await;
        let services = self.listed::<Service>("services", |_| true).await;
        let mut about: Vec<String> = names.clone();
        about.extend(pod_names(&claims));
        about.extend(self.workload.as_ref().map(|w| w.name.clone()));
        let events = self.listed::<Event>("events", |e| e.involved_object.name.as_ref().is_some_and(|n| about.contains(n))).await;
        let leases: Api<k8s_openapi::api::coordination::v1::Lease> = Api::namespaced(self.client.clone(), &self.namespace);
        let lease_name = super::lease::name_for(self.lease_target());
        let lease = match leases.get_opt(&lease_name).await {
            Ok(found) => found.map_or(Ok(serde_json::Value::Null), to_json),
            Err(e) => Err(api_error(e, &format!("get lease {lease_name}"))),
        };
        parts.extend([
            ("pods", pods),
            ("persistentvolumeclaims", claims),
            ("services", services),
            ("events", events),
            ("lease", lease),
        ]);
        parts
    }

    /// The namespace's objects of one kind that `keep` keeps, as a `List` document.
    async fn listed<K>(&self, plural: &str, keep: impl Fn(&K) -> bool) -> Result<serde_json::Value>
    where
        K: kube::Resource<Scope = kube::core::NamespaceResourceScope, DynamicType = ()>
            + Clone
            + serde::de::DeserializeOwned
            + serde::Serialize
            + std::fmt::Debug,
    {
        let api: Api<K> = Api::namespaced(self.client.clone(), &self.namespace);
        let list = api.list(&ListParams::default()).await.map_err(|e| api_error(e, &format!("list {plural}")))?;
        let items: Vec<serde_json::Value> = list.items.iter().filter(|k| keep(k)).map(to_json).collect::<Result<_>>()?;
        Ok(serde_json::json!({ "apiVersion": "v1", "kind": "List", "items": items }))
    }

    fn owns_pod(&self, pod: &Pod) -> bool {
        let name = pod.metadata.name.as_deref().unwrap_or_default();
        self.pods.iter().chain(&self.separate_sentinels).any(|p| p.name == name)
    }

    /// A claim of the workload's claim templates (`<template>-<statefulset>-<ordinal>`), or one a
    /// pod of the target mounts.
    fn owns_claim(&self, claim: &PersistentVolumeClaim, pods: &[String]) -> bool {
        let name = claim.metadata.name.as_deref().unwrap_or_default();
        let templated = self.workload.as_ref().is_some_and(|w| {
            w.claim_templates.iter().any(|t| {
                name.strip_prefix(&format!("{t}-{}-", w.name))
                    .is_some_and(|o| !o.is_empty() && o.bytes().all(|b| b.is_ascii_digit()))
            })
        });
        templated || pods.iter().any(|p| name.ends_with(&format!("-{p}")))
    }

    /// The logs of every container of the target's pods: `<pod>/<container>.log`, and
    /// `<pod>/<container>.previous.log` where a container restarted. A log that cannot be read
    /// is its error.
    pub async fn logs(&self) -> Vec<(String, Result<String>)> {
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &self.namespace);
        let mut logs = Vec::new();
        for pod in self.pods.iter().chain(&self.separate_sentinels) {
            for container in &pod.containers {
                for previous in [false, true] {
                    let params = kube::api::LogParams { container: Some(container.clone()), previous, ..Default::default() };
                    let file = format!("{}/{container}{}.log", pod.name, if previous { ".previous" } else { "" });
                    match api.logs(&pod.name, &params).await {
                        Ok(text) => logs.push((file, Ok(text))),
                        // No container ran before this one: nothing to show, nothing wrong.
                        Err(kube::Error::Api(s)) if previous && s.code == 400 => {}
                        Err(e) => logs.push((file, Err(api_error(e, &format!("read the log of {}", pod.name))))),
                    }
                }
            }
        }
        logs
    }

    /// Runs redis-cli in the Redis container of the pod at `addr` (see `exec`).
    pub async fn exec_cli(&self, addr: &NodeAddr, args: &[String], connector: &Connector) -> Result<i32> {
        let (password, timeout) = (connector.credentials.password(), connector.timeout);
        let pod = self.pods.iter().find(|p| p.addr.as_ref() == Some(addr)).ok_or_else(|| {
            Error::refused(format!("{addr} is no pod of {}", self.describe())).hint("`kubectl redis status` lists the pods")
        })?;
        let api: Api<Pod> = Api::namespaced(self.streams.clone(), &self.namespace);
        let client = super::exec::pod_client(addr, args, pod.container.as_deref(), password.is_some());
        let process = tokio::time::timeout(timeout, api.exec(&pod.name, client.command, &client.params))
            .await
            .map_err(|_| Error::unreachable(format!("exec in {}: no answer within {timeout:?}", pod.name)))?
            .map_err(|e| {
                let forbidden = matches!(&e, kube::Error::Api(s) if s.code == 403);
                let error = api_error(e, &format!("exec in {}", pod.name));
                match forbidden {
                    true => error.hint("--exec needs `create` and `get` on pods/exec: `kubectl redis generate rbac --with exec`"),
                    false => error,
                }
            })?;
        super::exec::relay(process, &pod.name, client.tty, password, timeout).await
    }

    /// Deletes the claims of every ordinal from `from` up (removed members' storage), stopping at
    /// the first ordinal that has none left: a re-run after an interrupted shrink finds the rest.
    pub async fn delete_claims_from(&self, from: usize) -> Result<()> {
        let Some(w) = &self.workload else { return Ok(()) };
        let claims: Api<PersistentVolumeClaim> = Api::namespaced(self.client.clone(), &self.namespace);
        for ordinal in from.. {
            let mut found = false;
            for template in &w.claim_templates {
                let claim = format!("{template}-{}-{ordinal}", w.name);
                match claims.delete(&claim, &DeleteParams::default()).await {
                    Ok(_) => {
                        self.changes.note();
                        found = true;
                    }
                    Err(kube::Error::Api(s)) if s.code == 404 => {}
                    Err(e) => return Err(api_error(e, &format!("delete claim {claim}"))),
                }
            }
            if !found {
                return Ok(());
            }
        }
        Ok(())
    }
}

/// A pod as its IP finds it.
#[derive(Debug, Clone)]
struct PodName {
    name: String,
    dns: Vec<String>,
}

/// The pods of a namespace by IP: of the target, or of another workload (a cluster may span
/// several StatefulSets, as an operator's leader and follower sets do). An IP not seen yet sends
/// it to the API server again.
pub struct PodDirectory {
    pods: Api<Pod>,
    /// The same pods through the stream client, for port-forwards.
    forwards: Api<Pod>,
    namespace: String,
    by_ip: Mutex<BTreeMap<String, PodName>>,
}

impl PodDirectory {
    async fn at(&self, ip: &str) -> Result<Option<PodName>> {
        if let Some(pod) = self.by_ip.lock().unwrap_or_else(|e| e.into_inner()).get(ip) {
            return Ok(Some(pod.clone()));
        }
        let list = self.pods.list(&ListParams::default()).await.map_err(|e| api_error(e, "list pods"))?;
        let mut by_ip = self.by_ip.lock().unwrap_or_else(|e| e.into_inner());
        for pod in list.items {
            let dns = dns_names(&pod, &self.namespace);
            if let (Some(name), Some(ip)) = (pod.metadata.name, pod.status.and_then(|s| s.pod_ip)) {
                by_ip.insert(ip, PodName { name, dns });
            }
        }
        Ok(by_ip.get(ip).cloned())
    }
}

/// Streams to pods through the API server's port-forward. Every address must be a pod's IP; one
/// that is no pod's is refused, never dialled directly: from outside the cluster it is
/// unreachable or, worse, someone else's.
pub struct PortForward(pub Arc<PodDirectory>);

impl Route for PortForward {
    fn open<'a>(&'a self, addr: &'a NodeAddr) -> BoxFuture<'a, Result<Box<dyn NodeStream>>> {
        Box::pin(async move {
            let directory = &self.0;
            let pod = directory.at(&addr.host).await?.ok_or_else(|| {
                Error::refused(format!("{addr} is no pod's IP in namespace {}: not reached through port-forward", directory.namespace))
                    .hint("a node outside the namespace, or an address the cluster remembers from a pod that is gone (`kubectl redis fix` forgets ghosts)")
            })?;
            let mut forwarder = directory
                .forwards
                .portforward(&pod.name, &[addr.port])
                .await
                .map_err(|e| api_error(e, &format!("port-forward to {}", pod.name)))?;
            let stream = forwarder
                .take_stream(addr.port)
                .ok_or_else(|| Error::unreachable(format!("port-forward to {}:{} gave no stream", pod.name, addr.port)))?;
            // The forwarder's task relays until the connection closes.
            tokio::spawn(async move {
                let _ = forwarder.join().await;
            });
            Ok(Box::new(stream) as Box<dyn NodeStream>)
        })
    }
}

/// The DNS names of the pod at an address, for TLS (none when no pod has it).
pub struct PodNames(pub Arc<PodDirectory>);

impl NodeNames for PodNames {
    fn names<'a>(&'a self, addr: &'a NodeAddr) -> BoxFuture<'a, Vec<String>> {
        Box::pin(async move { self.0.at(&addr.host).await.ok().flatten().map(|p| p.dns).unwrap_or_default() })
    }
}

/// The names a pod of a StatefulSet answers to in cluster DNS (`<hostname>.<subdomain>` under the
/// namespace, with and without the default cluster domain), and its governing Service's: what a
/// certificate issued for it (by cert-manager, by a chart) carries. None for a pod without a
/// subdomain.
fn dns_names(pod: &Pod, namespace: &str) -> Vec<String> {
    let spec = pod.spec.as_ref();
    let Some(service) = spec.and_then(|s| s.subdomain.clone()) else { return Vec::new() };
    let Some(host) = spec.and_then(|s| s.hostname.clone()).or_else(|| pod.metadata.name.clone()) else { return Vec::new() };
    let under = |name: String| {
        [format!("{name}.{namespace}.svc.cluster.local"), format!("{name}.{namespace}.svc"), format!("{name}.{namespace}"), name]
    };
    under(format!("{host}.{service}")).into_iter().chain(under(service)).collect()
}

/// Names of the StatefulSets in the selection's namespace (for shell completion).
pub async fn statefulset_names(selection: &Selection, timeout: Duration) -> Result<Vec<String>> {
    let (clients, namespace) = connect(selection, timeout).await?;
    let sets: Api<StatefulSet> = Api::namespaced(clients.api, &namespace);
    let list = sets.list(&ListParams::default()).await.map_err(|e| api_error(e, "list statefulsets"))?;
    Ok(list.items.into_iter().filter_map(|s| s.metadata.name).collect())
}

/// The two clients of one configuration.
struct Clients {
    /// Every request and its reply bounded by the timeout.
    api: Client,
    /// Connecting bounded by the timeout, reading and writing not: an open port-forward or exec
    /// stream may rightly stay idle (a prompt, MONITOR, a pooled connection between batches).
    /// Each Redis call through it is bounded by the redis layer instead, and an exec session by
    /// whoever runs it.
    streams: Client,
}

/// The clients, and the namespace to work in (the context's unless given).
async fn connect(selection: &Selection, timeout: Duration) -> Result<(Clients, String)> {
    let mut config = load_config(selection).await?;
    let var = |name: &str| std::env::var(name).ok();
    config.proxy_url = super::proxy::choose(&config.cluster_url, kubeconfig_proxy_url(selection).as_deref(), var)
        .map_err(|e| Error::usage(e).hint("fix the proxy-url of the kubeconfig's cluster, or HTTPS_PROXY / HTTP_PROXY"))?;
    config.connect_timeout = Some(timeout);
    config.read_timeout = None;
    config.write_timeout = None;
    let client = |config: Config| Client::try_from(config).map_err(|e| Error::unreachable(format!("Kubernetes client: {e}")));
    let streams = client(config.clone())?;
    config.read_timeout = Some(timeout);
    config.write_timeout = Some(timeout);
    let namespace = selection.namespace.clone().unwrap_or_else(|| config.default_namespace.clone());
    Ok((Clients { api: client(config)?, streams }, namespace))
}

async fn load_config(selection: &Selection) -> Result<Config> {
    let options = KubeConfigOptions { context: selection.context.clone(), ..Default::default() };
    let result = match &selection.kubeconfig {
        Some(path) => {
            let file = Kubeconfig::read_from(path).map_err(|e| {
                Error::usage(format!("--kubeconfig {}: {e}", path.display())).hint("pass a readable kubeconfig file")
            })?;
            Config::from_custom_kubeconfig(file, &options).await
        }
        None if selection.context.is_some() => Config::from_kubeconfig(&options).await,
        None => return Config::infer().await.map_err(|e| config_error(&e.to_string())),
    };
    result.map_err(|e| config_error(&e.to_string()))
}

/// The `proxy-url` of the cluster the selected context uses, if the kubeconfig sets one.
fn kubeconfig_proxy_url(selection: &Selection) -> Option<String> {
    let kubeconfig = match &selection.kubeconfig {
        Some(path) => Kubeconfig::read_from(path).ok()?,
        None => Kubeconfig::read().ok()?,
    };
    let context = selection.context.clone().or(kubeconfig.current_context.clone())?;
    let cluster = kubeconfig.contexts.iter().find(|c| c.name == context)?.context.as_ref()?.cluster.clone();
    kubeconfig.clusters.iter().find(|c| c.name == cluster)?.cluster.as_ref()?.proxy_url.clone()
}

fn config_error(message: &str) -> Error {
    Error::usage(format!("no usable Kubernetes configuration: {message}"))
        .hint("set KUBECONFIG or pass --kubeconfig (and --context), as for kubectl")
}

async fn read_workload(client: &Client, namespace: &str, name: &str) -> Result<Workload> {
    let sets: Api<StatefulSet> = Api::namespaced(client.clone(), namespace);
    let set = sets.get(name).await.map_err(|e| match e {
        kube::Error::Api(s) if s.code == 404 => {
            Error::unreachable(format!("statefulset {name} not found in namespace {namespace}"))
                .hint("list them with `kubectl get statefulsets -n NAMESPACE`; pass -n for another namespace")
        }
        e => api_error(e, &format!("read statefulset {name}")),
    })?;
    let spec = set.spec.unwrap_or_default();
    let labels = spec.selector.match_labels.unwrap_or_default();
    let selector = labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",");
    let claim_templates = spec.volume_claim_templates.unwrap_or_default().into_iter().filter_map(|c| c.metadata.name).collect();
    let owner = set
        .metadata
        .owner_references
        .unwrap_or_default()
        .into_iter()
        .find(|o| o.controller == Some(true))
        .map(|o| format!("{} {}", o.kind, o.name));
    let password_ref = spec.template.spec.as_ref().and_then(password_ref_of);
    let replicas = spec.replicas.unwrap_or(1).max(0) as usize;
    let update_strategy = spec.update_strategy.and_then(|u| u.type_).unwrap_or_else(|| "RollingUpdate".to_owned());
    let container =
        spec.template.spec.as_ref().and_then(redis_container).map(|c| (c.name.clone(), c.image.clone().unwrap_or_default()));
    Ok(Workload { name: name.to_owned(), replicas, selector, claim_templates, owner, password_ref, update_strategy, container })
}

/// The container that serves Redis: the one with a port named like a Redis port, else the first
/// that is not a sentinel.
fn redis_container(spec: &PodSpec) -> Option<&k8s_openapi::api::core::v1::Container> {
    let named = |c: &&k8s_openapi::api::core::v1::Container| {
        c.ports.iter().flatten().any(|p| p.name.as_deref().is_some_and(|n| PORT_NAMES.contains(&n)))
    };
    spec.containers.iter().find(named).or_else(|| spec.containers.iter().find(|c| !c.name.contains("sentinel")))
}

/// The Secret key behind a container's password variable, if the pods take it from one.
fn password_ref_of(spec: &PodSpec) -> Option<SecretRef> {
    let env = spec.containers.iter().flat_map(|c| c.env.iter().flatten());
    env.filter(|e| PASSWORD_ENV.contains(&e.name.as_str())).find_map(|e| {
        let key = e.value_from.as_ref()?.secret_key_ref.as_ref()?;
        Some(SecretRef { name: key.name.clone(), key: Some(key.key.clone()), variable: Some(e.name.clone()) })
    })
}

/// The key holding the password in a Secret named without one: its only key, else a known name.
fn password_key(data: &BTreeMap<String, k8s_openapi::ByteString>) -> Option<String> {
    if data.len() == 1 {
        return data.keys().next().cloned();
    }
    PASSWORD_KEYS.iter().find(|k| data.contains_key(**k)).map(|k| (*k).to_owned())
}

fn pod_facts(pod: &Pod, statefulset: Option<&str>, node: Option<String>, zone: Option<String>) -> PodFacts {
    let name = pod.metadata.name.clone().unwrap_or_default();
    let ordinal = statefulset.and_then(|s| name.strip_prefix(s)?.strip_prefix('-')?.parse().ok());
    let status = pod.status.clone().unwrap_or_default();
    let conditions = status.conditions.unwrap_or_default();
    let ready = conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True");
    let port = redis_port(pod);
    let addr = status.pod_ip.filter(|ip| !ip.is_empty()).map(|ip| NodeAddr::new(ip, port));
    let failing: Vec<String> = conditions
        .iter()
        .filter(|c| c.status != "True")
        .map(|c| format!("{} {}", c.type_, c.reason.clone().unwrap_or_else(|| c.status.clone())))
        .collect();
    let phase = status.phase.unwrap_or_else(|| "Unknown".to_owned());
    let running = phase == "Running";
    let state = if failing.is_empty() { phase } else { format!("{phase}; {}", failing.join(", ")) };
    let dns = dns_names(pod, pod.metadata.namespace.as_deref().unwrap_or_default());
    let sentinel = sentinel_port(pod).and_then(|port| addr.as_ref().map(|a| NodeAddr::new(a.host.clone(), port)));
    let restarts = status.container_statuses.iter().flatten().map(|c| c.restart_count.max(0) as u32).sum();
    let uid = pod.metadata.uid.clone();
    let containers = pod.spec.iter().flat_map(|s| &s.containers).map(|c| c.name.clone()).collect();
    let redis = pod.spec.as_ref().and_then(redis_container);
    let (image, container) = (redis.and_then(|c| c.image.clone()), redis.map(|c| c.name.clone()));
    PodFacts {
        name,
        ordinal,
        addr,
        ready,
        running,
        node,
        zone,
        state,
        dns,
        sentinel,
        restarts,
        uid,
        containers,
        image,
        container,
    }
}

/// The sentinel port of a pod that runs a sentinel: a container port named like one, else 26379
/// for a container named `sentinel`.
fn sentinel_port(pod: &Pod) -> Option<u16> {
    let containers = pod.spec.iter().flat_map(|s| &s.containers);
    let named = containers
        .clone()
        .flat_map(|c| c.ports.iter().flatten())
        .find(|p| p.name.as_deref().is_some_and(|n| SENTINEL_PORT_NAMES.contains(&n)));
    match named {
        Some(p) => u16::try_from(p.container_port).ok(),
        None => containers.into_iter().any(|c| c.name.contains("sentinel")).then_some(DEFAULT_SENTINEL_PORT),
    }
}

/// The container port named like a Redis port, else 6379.
fn redis_port(pod: &Pod) -> u16 {
    let ports = pod.spec.iter().flat_map(|s| &s.containers).flat_map(|c| c.ports.iter().flatten());
    let named: Vec<_> = ports.filter(|p| p.name.as_deref().is_some_and(|n| PORT_NAMES.contains(&n))).collect();
    PORT_NAMES
        .iter()
        .find_map(|want| named.iter().find(|p| p.name.as_deref() == Some(*want)))
        .and_then(|p| u16::try_from(p.container_port).ok())
        .unwrap_or(DEFAULT_PORT)
}

fn to_json<T: serde::Serialize>(object: T) -> Result<serde_json::Value> {
    serde_json::to_value(object).map_err(|e| Error::failed(format!("an API object did not turn into JSON: {e}")))
}

fn pod_names(list: &Result<serde_json::Value>) -> Vec<String> {
    let Ok(list) = list else { return Vec::new() };
    let items = list["items"].as_array().map(Vec::as_slice).unwrap_or_default();
    items.iter().filter_map(|i| i["metadata"]["name"].as_str().map(str::to_owned)).collect()
}

/// An API error as one line: the server's message (which names the resource and the verb), and
/// what to do about a 403.
fn api_error(e: kube::Error, doing: &str) -> Error {
    match e {
        kube::Error::Api(s) if s.code == 403 => Error::refused(format!("Kubernetes refused to {doing}: {}", s.message))
            .hint("ask for that permission in this namespace (the message names the resource and the verb)"),
        kube::Error::Api(s) => Error::failed(format!("Kubernetes could not {doing}: {} ({})", s.message, s.code)),
        e => Error::unreachable(format!("Kubernetes API: could not {doing}: {e}"))
            .hint("check the API server address in your kubeconfig and your network"),
    }
}
