//! Where nodes come from, where they run, and how their number changes: a local sandbox of server
//! processes, or static addresses given on the command line. The commands see only `Platform`.
//!
//! A platform whose size can change behaves like a StatefulSet: members have ordinals 0..N-1 and
//! names; growing adds the next ordinals and waits until they answer; shrinking removes the
//! highest and waits until they are gone; a removed member's storage is kept unless deletion is
//! asked for, so growing again can bring back a node that remembers an old cluster.

pub mod sandbox;

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::planner::placement::{Site, SiteMap};
use crate::planner::scale::Seat;
use crate::redis::addr::NodeAddr;

/// The nodes a command works on.
#[derive(Debug, Clone)]
pub enum Platform {
    /// Nodes of a local sandbox, labelled with virtual hosts and zones.
    Sandbox(sandbox::Sandbox),
    /// Addresses given with `--nodes`; each node's IP is its host.
    Static(Vec<NodeAddr>),
}

impl Platform {
    /// Every node the platform knows: for `create`, the nodes to form the cluster; otherwise entry points.
    pub fn nodes(&self) -> Vec<NodeAddr> {
        match self {
            Platform::Sandbox(sandbox) => sandbox.nodes.iter().map(|n| n.addr.clone()).collect(),
            Platform::Static(addrs) => addrs.clone(),
        }
    }

    /// Host and zone of every node the platform can place.
    pub fn sites(&self) -> SiteMap {
        SiteMap(self.seats(0).into_iter().filter_map(|s| s.addr.map(|a| (a, s.site))).collect())
    }

    /// The platform's names for its nodes' addresses (members of a sandbox, pods).
    pub fn names(&self) -> BTreeMap<NodeAddr, String> {
        match self {
            Platform::Sandbox(_) => self.seats(0).into_iter().filter_map(|s| s.addr.map(|a| (a, s.name))).collect(),
            Platform::Static(_) => BTreeMap::new(),
        }
    }

    /// Whether `grow_to` and `shrink_to` work here.
    pub fn resizable(&self) -> bool {
        matches!(self, Platform::Sandbox(_))
    }

    /// How many members the platform has now.
    pub fn size(&self) -> usize {
        self.nodes().len()
    }

    /// How messages name the platform, e.g. `sandbox t`.
    pub fn describe(&self) -> String {
        match self {
            Platform::Sandbox(sandbox) => format!("sandbox {}", sandbox.name),
            Platform::Static(addrs) => format!("{} node(s) given with --nodes", addrs.len()),
        }
    }

    /// The members as the planner sees them: on a resizable platform ordinals 0..max(size, at_least),
    /// the ones that do not exist yet without an address; otherwise the given nodes.
    pub fn seats(&self, at_least: usize) -> Vec<Seat> {
        match self {
            Platform::Sandbox(sb) => (0..sb.nodes.len().max(at_least))
                .map(|i| {
                    let (host, zone) = sandbox::site_of(i);
                    Seat {
                        name: sandbox::member_name(&sb.name, i),
                        ordinal: Some(i),
                        addr: sb.nodes.get(i).map(|n| n.addr.clone()),
                        site: Site::new(host, Some(zone)),
                    }
                })
                .collect(),
            Platform::Static(addrs) => addrs
                .iter()
                .map(|a| Seat {
                    name: a.to_string(),
                    ordinal: None,
                    addr: Some(a.clone()),
                    site: Site::new(a.host.clone(), None),
                })
                .collect(),
        }
    }

    /// Adds members up to `count` (and restarts stopped ones); returns when every member answers.
    pub async fn grow_to(&mut self, count: usize) -> Result<()> {
        match self {
            Platform::Sandbox(sb) => {
                let name = sb.name.clone();
                *sb = blocking(move || sandbox::up(&name, count, sandbox::ServerChoice::default())).await?;
                Ok(())
            }
            Platform::Static(_) => Err(fixed_size()),
        }
    }

    /// Removes the highest members until `count` are left; returns when they are gone.
    pub async fn shrink_to(&mut self, count: usize, delete_storage: bool) -> Result<()> {
        match self {
            Platform::Sandbox(sb) => {
                let name = sb.name.clone();
                *sb = blocking(move || sandbox::shrink(&name, count, delete_storage)).await?;
                Ok(())
            }
            Platform::Static(_) => Err(fixed_size()),
        }
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
