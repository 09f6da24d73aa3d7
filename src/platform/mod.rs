//! Where nodes come from, where they run, and how their number changes: the pods of a StatefulSet
//! (or of a label selector) on Kubernetes, a local sandbox of server processes, or static addresses
//! given on the command line. The commands see only `Platform`.
//!
//! A platform whose size can change behaves like a StatefulSet: members have ordinals 0..N-1 and
//! names; growing adds the next ordinals and waits until they answer; shrinking removes the
//! highest and waits until they are gone; a removed member's storage is kept unless deletion is
//! asked for, so growing again can bring back a node that remembers an old cluster.

pub mod exec;
pub mod kubernetes;
pub mod lease;
pub mod proxy;
pub mod sandbox;

use std::time::Duration;

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::planner::placement::{Site, SiteMap};
use crate::planner::roster::Roster;
use crate::planner::scale::Seat;
use crate::redis::addr::NodeAddr;
use crate::redis::conn::Connector;

/// The nodes a command works on.
#[derive(Debug, Clone)]
pub enum Platform {
    /// Nodes of a local sandbox, labelled with virtual hosts and zones.
    Sandbox(sandbox::Sandbox),
    /// Addresses given with `--nodes` (and `--sentinels`); each node's IP is its host.
    Static(StaticNodes),
    /// Pods found through the Kubernetes API, placed by Kubernetes node and zone.
    Kubernetes(Box<kubernetes::Kubernetes>),
}

/// Nodes given by address.
#[derive(Debug, Clone)]
pub struct StaticNodes {
    pub nodes: Vec<NodeAddr>,
    /// Sentinels watching the nodes (a Sentinel group), from `--sentinels`.
    pub sentinels: Vec<NodeAddr>,
}

impl Platform {
    /// The sentinels of a Sentinel group; empty for a Redis Cluster.
    pub fn sentinels(&self) -> Vec<NodeAddr> {
        match self {
            Platform::Sandbox(sb) => sb.sentinels.iter().map(|n| n.addr.clone()).collect(),
            Platform::Static(s) => s.sentinels.clone(),
            Platform::Kubernetes(k) => k.sentinel_pods().filter_map(|p| p.sentinel.clone()).collect(),
        }
    }

    /// Whether the target is a Sentinel group rather than a Redis Cluster.
    pub fn is_sentinel_group(&self) -> bool {
        match self {
            Platform::Sandbox(sb) => sb.mode == sandbox::Mode::Sentinel,
            _ => !self.sentinels().is_empty(),
        }
    }

    /// The platform's names for its sentinels' addresses.
    pub fn sentinel_names(&self) -> BTreeMap<NodeAddr, String> {
        match self {
            Platform::Sandbox(sb) => {
                sb.sentinels.iter().enumerate().map(|(i, n)| (n.addr.clone(), sandbox::sentinel_name(sb, i))).collect()
            }
            Platform::Kubernetes(k) => k.sentinel_pods().filter_map(|p| Some((p.sentinel.clone()?, p.name.clone()))).collect(),
            Platform::Static(_) => BTreeMap::new(),
        }
    }

    /// Container restarts of each member's pod (Kubernetes only: elsewhere there are none to count).
    pub fn restarts(&self) -> BTreeMap<NodeAddr, u32> {
        match self {
            Platform::Kubernetes(k) => k.pods.iter().filter_map(|p| Some((p.addr.clone()?, p.restarts))).collect(),
            _ => BTreeMap::new(),
        }
    }

    /// Host and zone of every sentinel the platform can place.
    pub fn sentinel_sites(&self) -> SiteMap {
        match self {
            Platform::Sandbox(sb) => {
                SiteMap(sb.sentinels.iter().map(|n| (n.addr.clone(), Site::new(n.host.clone(), Some(n.zone.clone())))).collect())
            }
            Platform::Kubernetes(k) => SiteMap(
                k.sentinel_pods()
                    .filter_map(|p| {
                        Some((p.sentinel.clone()?, Site::new(p.node.clone().unwrap_or_else(|| p.name.clone()), p.zone.clone())))
                    })
                    .collect(),
            ),
            Platform::Static(_) => {
                SiteMap(self.sentinels().into_iter().map(|a| (a.clone(), Site::new(a.host.clone(), None))).collect())
            }
        }
    }

    /// Every node the platform knows: for `create`, the nodes to form the cluster; otherwise entry points.
    pub fn nodes(&self) -> Vec<NodeAddr> {
        match self {
            Platform::Sandbox(sandbox) => sandbox.nodes.iter().map(|n| n.addr.clone()).collect(),
            Platform::Static(s) => s.nodes.clone(),
            Platform::Kubernetes(k) => k.pods.iter().filter(|p| p.running).filter_map(|p| p.addr.clone()).collect(),
        }
    }

    /// Host and zone of every node the platform can place.
    pub fn sites(&self) -> SiteMap {
        SiteMap(self.seats(0).into_iter().filter_map(|s| s.addr.map(|a| (a, s.site))).collect())
    }

    /// The platform's names for its nodes' addresses (members of a sandbox, pods).
    pub fn names(&self) -> BTreeMap<NodeAddr, String> {
        match self {
            Platform::Sandbox(_) | Platform::Kubernetes(_) => {
                self.seats(0).into_iter().filter_map(|s| s.addr.map(|a| (a, s.name))).collect()
            }
            Platform::Static(_) => BTreeMap::new(),
        }
    }

    /// Other host names of the platform's pods, each with the pod's IP: the DNS names a pod is
    /// known by, which sentinels report when the chart announces hostnames (Bitnami's default),
    /// and the ClusterIP and names of a per-pod Service (redis-ha's announce Services).
    pub fn host_aliases(&self) -> BTreeMap<String, String> {
        match self {
            Platform::Kubernetes(k) => k
                .pods
                .iter()
                .chain(k.sentinel_pods())
                .filter_map(|p| Some((p.addr.as_ref()?.host.clone(), &p.dns)))
                .flat_map(|(ip, dns)| dns.iter().map(move |name| (name.clone(), ip.clone())))
                .chain(k.service_aliases().clone())
                .collect(),
            _ => BTreeMap::new(),
        }
    }

    /// A member's name (a pod, a sandbox member) as the HOST:PORT it answers on; any other
    /// reference as given.
    pub fn address_for(&self, reference: &str) -> String {
        let named = self.names().into_iter().find(|(_, name)| name == reference);
        named.map_or_else(|| reference.to_owned(), |(addr, _)| addr.to_string())
    }

    /// The members as `check` and `fix` judge them against the cluster; `None` for nodes given by address.
    pub fn roster(&self) -> Option<Roster> {
        let (authoritative, noun, target) = match self {
            Platform::Sandbox(sb) => (true, "sandbox member", format!("--sandbox={}", sb.name)),
            Platform::Static(_) => return None,
            Platform::Kubernetes(k) => (k.workload.is_some(), "pod", k.command_target()),
        };
        Some(Roster { seats: self.seats(0), authoritative, noun, target })
    }

    /// Whether `grow_to` and `shrink_to` work here.
    pub fn resizable(&self) -> bool {
        match self {
            Platform::Sandbox(_) => true,
            Platform::Static(_) => false,
            Platform::Kubernetes(k) => k.workload.is_some(),
        }
    }

    /// Why this platform must not be resized by the tool although it has ordinals (a StatefulSet
    /// another controller owns).
    pub fn resize_blocker(&self) -> Option<Error> {
        match self {
            Platform::Kubernetes(k) if k.workload.is_some() => k.resize_blocker(),
            _ => None,
        }
    }

    /// How many members the platform has now.
    pub fn size(&self) -> usize {
        match self {
            Platform::Kubernetes(k) => k.workload.as_ref().map_or(k.pods.len(), |w| w.replicas),
            _ => self.nodes().len(),
        }
    }

    /// How messages name the platform, e.g. `sandbox t`.
    pub fn describe(&self) -> String {
        match self {
            Platform::Sandbox(sandbox) => format!("sandbox {}", sandbox.name),
            Platform::Static(s) if s.sentinels.is_empty() => format!("{} node(s) given with --nodes", s.nodes.len()),
            Platform::Static(s) => {
                format!("the group of {} member(s) and {} sentinel(s) given", s.nodes.len(), s.sentinels.len())
            }
            Platform::Kubernetes(k) => k.describe(),
        }
    }

    /// The members as the planner sees them: on a resizable platform ordinals 0..max(size, at_least),
    /// the ones that do not exist yet without an address; otherwise the given nodes.
    pub fn seats(&self, at_least: usize) -> Vec<Seat> {
        match self {
            Platform::Sandbox(sb) => (0..sb.nodes.len().max(at_least))
                .map(|i| {
                    let (host, zone) = sb.site_of(i);
                    Seat {
                        name: sandbox::member_name(&sb.name, i),
                        ordinal: Some(i),
                        addr: sb.nodes.get(i).map(|n| n.addr.clone()),
                        site: Site::new(host, Some(zone)),
                    }
                })
                .collect(),
            Platform::Static(s) => s
                .nodes
                .iter()
                .map(|a| Seat {
                    name: a.to_string(),
                    ordinal: None,
                    addr: Some(a.clone()),
                    site: Site::new(a.host.clone(), None),
                })
                .collect(),
            Platform::Kubernetes(k) => kubernetes_seats(k, at_least),
        }
    }

    /// Adds members up to `count` (and restarts stopped ones); returns when every member answers,
    /// waiting at most `wait` where the platform does not bound it itself.
    pub async fn grow_to(&mut self, count: usize, wait: Duration) -> Result<()> {
        match self {
            Platform::Sandbox(sb) => {
                sb.changes.note();
                let name = sb.name.clone();
                let grown = blocking(move || sandbox::up(&name, count, sandbox::ServerChoice::default())).await?;
                renew(sb, grown);
                Ok(())
            }
            Platform::Static(_) => Err(fixed_size()),
            Platform::Kubernetes(k) => k.resize(count, wait).await,
        }
    }

    /// Removes the highest members until `count` are left; returns when they are gone. Their
    /// storage stays (see `delete_storage_from`).
    pub async fn shrink_to(&mut self, count: usize, wait: Duration) -> Result<()> {
        match self {
            Platform::Sandbox(sb) => {
                let name = sb.name.clone();
                let changes = sb.changes.clone();
                let shrunk = blocking(move || sandbox::shrink(&name, count, false, &changes)).await?;
                renew(sb, shrunk);
                Ok(())
            }
            Platform::Static(_) => Err(fixed_size()),
            Platform::Kubernetes(k) => k.resize(count, wait).await,
        }
    }

    /// Whether the sentinels run as a workload of their own, sized apart from the members.
    pub fn separate_sentinels(&self) -> bool {
        match self {
            Platform::Sandbox(sb) => sb.separate,
            Platform::Kubernetes(k) => k.has_separate_sentinels(),
            Platform::Static(_) => false,
        }
    }

    /// Why the tool cannot change the number of sentinels here, if it cannot.
    pub fn sentinel_resize_blocker(&self) -> Option<Error> {
        match self {
            Platform::Sandbox(_) => None,
            Platform::Kubernetes(k) => k.sentinel_resize_blocker(),
            Platform::Static(_) => Some(
                Error::usage("the sentinels of this target cannot be resized by the tool")
                    .hint("start or stop sentinels yourself, then `kubectl redis fix` clears the stale entries"),
            ),
        }
    }

    /// Sets the number of sentinels of a separate sentinel workload; returns when they answer,
    /// waiting at most `wait` where the platform does not bound it itself.
    pub async fn resize_sentinels(&mut self, count: usize, wait: Duration) -> Result<()> {
        match self {
            Platform::Sandbox(sb) => {
                let (name, changes) = (sb.name.clone(), sb.changes.clone());
                let resized = blocking(move || sandbox::resize_sentinels(&name, count, &changes)).await?;
                renew(sb, resized);
                Ok(())
            }
            Platform::Kubernetes(k) => k.resize_sentinels(count, wait).await,
            Platform::Static(_) => Err(self.sentinel_resize_blocker().unwrap_or_else(fixed_size)),
        }
    }

    /// The platform's own objects a support bundle shows, as JSON documents by kind (Kubernetes:
    /// the StatefulSet, pods, claims, Services, events, Lease); none for a sandbox or static nodes.
    pub async fn support_objects(&self) -> Vec<(&'static str, Result<serde_json::Value>)> {
        match self {
            Platform::Kubernetes(k) => k.support_objects().await,
            _ => Vec::new(),
        }
    }

    /// Every value of the Secrets `names` (on Kubernetes): what a support bundle must not show
    /// wherever it was copied to. A Secret that cannot be read adds nothing.
    pub async fn secret_values(&self, names: &[String]) -> Vec<String> {
        match self {
            Platform::Kubernetes(k) => k.secret_values(names).await,
            _ => Vec::new(),
        }
    }

    /// The servers' logs by file name: each pod container's (and its previous one's), or each
    /// sandbox server's log file; static nodes keep theirs where the tool cannot read them.
    pub async fn logs(&self) -> Vec<(String, Result<String>)> {
        match self {
            Platform::Kubernetes(k) => k.logs().await,
            Platform::Sandbox(sb) => {
                let members =
                    sb.nodes.iter().map(|n| (format!("{}/server.log", sandbox::member_name(&sb.name, n.index)), &n.dir));
                let sentinels =
                    sb.sentinels.iter().map(|n| (format!("{}/sentinel.log", sandbox::sentinel_name(sb, n.index)), &n.dir));
                let mut logs = Vec::new();
                for (file, dir) in members.chain(sentinels) {
                    let path = dir.join("server.log");
                    let read = tokio::fs::read_to_string(&path)
                        .await
                        .map_err(|e| Error::failed(format!("cannot read {}: {e}", path.display())));
                    logs.push((file, read));
                }
                logs
            }
            Platform::Static(_) => Vec::new(),
        }
    }

    /// Runs redis-cli (or valkey-cli) against the node at `addr` where that node lives: in its pod,
    /// else here (the client beside a sandbox's server binary, or on PATH). Returns its exit code.
    pub async fn run_cli(&self, addr: &NodeAddr, cluster: bool, words: &[String], connector: &Connector) -> Result<i32> {
        match self {
            Platform::Kubernetes(k) => k.exec_cli(addr, &exec::pod_client_args(cluster, connector, words), connector).await,
            Platform::Sandbox(sb) => {
                let server =
                    sb.nodes.iter().find(|n| n.addr == *addr).map_or(sb.server.as_path(), |n| sandbox::server_of(sb, n.index));
                exec::here(&exec::local_client(Some(server))?, addr, cluster, words, connector).await
            }
            Platform::Static(_) => exec::here(&exec::local_client(None)?, addr, cluster, words, connector).await,
        }
    }

    /// Why the tool cannot restart members here, if it cannot.
    pub fn restart_blocker(&self) -> Option<Error> {
        match self {
            Platform::Static(_) => Some(
                Error::usage("the tool cannot restart servers it does not run")
                    .hint("target the StatefulSet (pods are deleted for it to recreate) or a sandbox"),
            ),
            Platform::Kubernetes(k) if k.workload.is_none() => Some(
                Error::usage("pods chosen by --selector have no StatefulSet to recreate them")
                    .hint("name the StatefulSet, e.g. kubectl redis restart redis-cluster"),
            ),
            _ => None,
        }
    }

    /// Whether the member at `addr` runs `image` already (as `image_of` names what it runs).
    pub fn runs_image(&self, addr: &NodeAddr, image: &str) -> bool {
        self.names().get(addr).and_then(|name| self.image_of(name)).is_some_and(|running| running == image)
    }

    /// What member `name` runs: its pod's Redis image, or its sandbox server binary.
    pub fn image_of(&self, name: &str) -> Option<String> {
        match self {
            Platform::Kubernetes(k) => k.pods.iter().find(|p| p.name == name).and_then(|p| p.image.clone()),
            Platform::Sandbox(sb) => (0..sb.nodes.len()).find(|i| sandbox::member_name(&sb.name, *i) == name).map(|i| {
                let server = sandbox::server_of(sb, i);
                std::fs::canonicalize(server).unwrap_or_else(|_| server.to_owned()).display().to_string()
            }),
            Platform::Static(_) => None,
        }
    }

    /// An image as `image_of` names it: a sandbox's server binary must exist (its full path);
    /// a container image is taken as given.
    pub fn normalize_image(&self, image: &str) -> Result<String> {
        match self {
            Platform::Sandbox(_) => {
                let found = sandbox::find_server(Some(std::path::Path::new(image)))?;
                Ok(std::fs::canonicalize(&found).unwrap_or(found).display().to_string())
            }
            _ if image.trim().is_empty() || image.contains(char::is_whitespace) => {
                Err(Error::usage(format!("'{image}' is not a container image")).hint("e.g. --image redis:7.2.5"))
            }
            _ => Ok(image.to_owned()),
        }
    }

    /// Why members cannot be given a new image here, if they cannot (besides `restart_blocker`).
    pub fn image_blocker(&self) -> Option<Error> {
        match self {
            Platform::Kubernetes(k) => k.image_blocker(),
            _ => None,
        }
    }

    /// Makes `image` what members restarted from now on run: the pod template's image, or the
    /// sandbox's server binary.
    pub async fn set_image(&mut self, image: &str) -> Result<()> {
        match self {
            Platform::Kubernetes(k) => k.set_image(image).await,
            Platform::Sandbox(sb) => {
                let (name, binary) = (sb.name.clone(), std::path::PathBuf::from(image));
                let changed = blocking(move || sandbox::set_server(&name, &binary)).await?;
                renew(sb, changed);
                Ok(())
            }
            Platform::Static(_) => Err(fixed_size()),
        }
    }

    /// Restarts the member of this name (a sandbox server process; a pod, deleted for its
    /// StatefulSet to recreate) and returns when it runs again, perhaps under a new address.
    pub async fn restart_member(&mut self, name: &str, wait: Duration) -> Result<()> {
        if let Some(why) = self.restart_blocker() {
            return Err(why);
        }
        match self {
            Platform::Sandbox(sb) => {
                let index = (0..sb.nodes.len()).find(|i| sandbox::member_name(&sb.name, *i) == name).ok_or_else(|| {
                    Error::usage(format!("sandbox {} has no member {name}", sb.name)).hint("`kubectl redis status` lists them")
                })?;
                let sandbox_name = sb.name.clone();
                let restarted = blocking(move || sandbox::restart(&sandbox_name, &[index], false)).await?;
                renew(sb, restarted);
                Ok(())
            }
            Platform::Kubernetes(k) => k.restart_pod(name, wait).await,
            Platform::Static(_) => Err(fixed_size()),
        }
    }

    /// Deletes the storage of removed members: every ordinal from `count` up that still has some.
    pub async fn delete_storage_from(&mut self, count: usize) -> Result<()> {
        match self {
            Platform::Sandbox(sb) => {
                let (name, changes) = (sb.name.clone(), sb.changes.clone());
                blocking(move || sandbox::delete_storage_from(&name, count, &changes)).await
            }
            Platform::Static(_) => Err(fixed_size()),
            Platform::Kubernetes(k) => k.delete_claims_from(count).await,
        }
    }
}

/// A StatefulSet's ordinals up to `max(replicas, at_least)`, each with its pod's IP once the pod is
/// ready; a selector's pods by name. Sites are Kubernetes nodes and zones; a pod not scheduled yet
/// is its own site.
fn kubernetes_seats(k: &kubernetes::Kubernetes, at_least: usize) -> Vec<Seat> {
    let seat = |name: String, ordinal: Option<usize>| {
        let pod = k.pods.iter().find(|p| p.name == name);
        let addr = pod.filter(|p| p.running).and_then(|p| p.addr.clone());
        let host = pod.and_then(|p| p.node.clone()).unwrap_or_else(|| name.clone());
        let zone = pod.and_then(|p| p.zone.clone());
        Seat { name, ordinal, addr, site: Site::new(host, zone) }
    };
    match &k.workload {
        Some(w) => (0..w.replicas.max(at_least)).map(|i| seat(k.member_name(i), Some(i))).collect(),
        None => k.pods.iter().map(|p| seat(p.name.clone(), None)).collect(),
    }
}

fn fixed_size() -> Error {
    Error::usage("nodes given with --nodes cannot be added or removed by the tool")
        .hint("start or stop the servers yourself; scale uses the empty nodes listed in --nodes")
}

/// Runs process management (which sleeps while it waits) off the async workers.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work).await.map_err(|e| Error::failed(format!("platform task failed: {e}")))?
}

/// Takes a sandbox's state after a change, keeping the run's ledger of changes.
fn renew(sandbox: &mut sandbox::Sandbox, next: sandbox::Sandbox) {
    let changes = std::mem::take(&mut sandbox.changes);
    *sandbox = next;
    sandbox.changes = changes;
}
