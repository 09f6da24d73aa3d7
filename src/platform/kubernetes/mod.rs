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

mod client;
mod discovery;
mod events;
mod scale;
mod secrets;
mod streams;

pub use client::*;
use discovery::*;
pub use secrets::*;
pub use streams::*;

/// The label a node's zone is read from.
const ZONE_LABEL: &str = "topology.kubernetes.io/zone";

/// The label a StatefulSet puts on each pod, naming it: what a per-pod Service selects.
const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";

const POLL: Duration = Duration::from_millis(500);

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
    pub fn lease_record(&self) -> crate::platform::lease::Record {
        crate::platform::lease::Record::new(Api::namespaced(self.client.clone(), &self.namespace), self.lease_target())
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
}

/// A platform for unit tests: a client that is never dialled (nothing listens at 127.0.0.1:9),
/// the workload and pods given.
#[cfg(test)]
pub(super) fn offline(workload: Option<Workload>, pods: Vec<PodFacts>) -> Kubernetes {
    let config = Config::new("http://127.0.0.1:9".parse().expect("a URL"));
    let client = Client::try_from(config).expect("a client");
    Kubernetes {
        client: client.clone(),
        streams: client,
        namespace: "redis".to_owned(),
        selector: workload.as_ref().map(|w| w.selector.clone()).unwrap_or_default(),
        workload,
        pods,
        sentinel_workload: None,
        sentinel_selector: None,
        separate_sentinels: Vec::new(),
        service_aliases: BTreeMap::new(),
        pod_services: None,
        password_ref: None,
        changes: Changes::default(),
    }
}

/// A StatefulSet `redis-cluster` of `replicas` for unit tests.
#[cfg(test)]
pub(super) fn test_workload(replicas: usize) -> Workload {
    Workload {
        name: "redis-cluster".to_owned(),
        replicas,
        selector: "app=redis-cluster".to_owned(),
        claim_templates: vec!["data".to_owned()],
        owner: None,
        password_ref: None,
        update_strategy: "RollingUpdate".to_owned(),
        container: None,
    }
}

/// A pod for unit tests, parsed from the JSON the API server sends.
#[cfg(test)]
pub(super) fn test_pod(value: serde_json::Value) -> Pod {
    serde_json::from_value(value).expect("a pod")
}
