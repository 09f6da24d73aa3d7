//! Where nodes come from and where they run: a local sandbox of server processes, or static
//! addresses given on the command line. The commands see only `Platform`.

pub mod sandbox;

use crate::planner::placement::{Site, SiteMap};
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
        match self {
            Platform::Sandbox(sandbox) => {
                SiteMap(sandbox.nodes.iter().map(|n| (n.addr.clone(), Site::new(n.host.clone(), Some(n.zone.clone())))).collect())
            }
            Platform::Static(addrs) => SiteMap(addrs.iter().map(|a| (a.clone(), Site::new(a.host.clone(), None))).collect()),
        }
    }
}
