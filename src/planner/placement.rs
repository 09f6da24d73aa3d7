//! Where nodes run (host and zone) and how good a replica placement is.

use std::collections::BTreeSet;

use serde::Serialize;

/// The failure domains of one node, from the platform.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Site {
    pub host: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

impl Site {
    pub fn new(host: impl Into<String>, zone: Option<String>) -> Self {
        Site { host: host.into(), zone }
    }

    pub fn same_zone(&self, other: &Site) -> bool {
        self.zone.is_some() && self.zone == other.zone
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlacementStatus {
    /// No replica shares a host or zone with its master.
    Optimal,
    /// The facts did not allow that; `reasons` say where and why.
    BestEffort,
}

impl PlacementStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PlacementStatus::Optimal => "optimal",
            PlacementStatus::BestEffort => "best-effort",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacementReport {
    pub status: PlacementStatus,
    pub reasons: Vec<String>,
}

/// Cost of putting a replica at `replica` under a master at `master`, with `siblings` the sites of
/// the master's other replicas: sharing the master's host is worst, then its zone, then a sibling's host.
pub fn replica_cost(replica: &Site, master: &Site, siblings: &[&Site]) -> u32 {
    let mut cost = 0;
    if replica.host == master.host {
        cost += 100;
    }
    if replica.same_zone(master) {
        cost += 10;
    }
    cost + siblings.iter().filter(|s| s.host == replica.host).count() as u32
}

/// Judges pairs of (replica label, replica site, master label, master site).
pub fn report(pairs: &[(String, Site, String, Site)], all_sites: &[Site]) -> PlacementReport {
    let mut reasons = Vec::new();
    for (replica, r_site, master, m_site) in pairs {
        if r_site.host == m_site.host {
            reasons.push(format!("replica {replica} shares host {} with its master {master}", r_site.host));
        } else if r_site.same_zone(m_site) {
            reasons
                .push(format!("replica {replica} shares zone {} with its master {master}", r_site.zone.as_deref().unwrap_or("")));
        }
    }
    if reasons.is_empty() {
        return PlacementReport { status: PlacementStatus::Optimal, reasons };
    }
    let hosts: BTreeSet<&str> = all_sites.iter().map(|s| s.host.as_str()).collect();
    let zones: BTreeSet<&str> = all_sites.iter().filter_map(|s| s.zone.as_deref()).collect();
    let spread = if zones.is_empty() {
        format!("{} node(s) on {} host(s)", all_sites.len(), hosts.len())
    } else {
        format!("{} node(s) on {} host(s) in {} zone(s)", all_sites.len(), hosts.len(), zones.len())
    };
    reasons.insert(0, format!("{spread}: this is the best placement found"));
    PlacementReport { status: PlacementStatus::BestEffort, reasons }
}

/// Sites of known addresses; an address the platform did not label is its own host.
#[derive(Debug, Clone, Default)]
pub struct SiteMap(pub std::collections::BTreeMap<crate::redis::addr::NodeAddr, Site>);

impl SiteMap {
    pub fn site(&self, addr: Option<&crate::redis::addr::NodeAddr>) -> Site {
        match addr {
            Some(addr) => self.0.get(addr).cloned().unwrap_or_else(|| Site::new(addr.host.clone(), None)),
            None => Site::new("unknown", None),
        }
    }
}
