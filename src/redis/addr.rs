//! Node addresses: `HOST:PORT`, `[IPv6]:PORT` and the `ip:port@cport[,hostname]` form of CLUSTER NODES.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where a node listens for clients. IPv6 hosts are kept without brackets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeAddr {
    pub host: String,
    pub port: u16,
}

impl NodeAddr {
    pub fn new(host: impl Into<String>, port: u16) -> Self {
        NodeAddr { host: host.into(), port }
    }
}

impl fmt::Display for NodeAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

impl Serialize for NodeAddr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for NodeAddr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Why a `HOST:PORT` string was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddrError(pub String);

impl fmt::Display for AddrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for NodeAddr {
    type Err = AddrError;

    /// Accepts `host:port`, `[v6]:port` and, like redis-cli, unbracketed `v6:port` split at the last colon.
    fn from_str(text: &str) -> Result<Self, AddrError> {
        let bad = |why: &str| AddrError(format!("'{text}' is not HOST:PORT ({why})"));
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            let (host, port) = rest.split_once("]:").ok_or_else(|| bad("expected [IPv6]:PORT"))?;
            (host, port)
        } else {
            text.rsplit_once(':').ok_or_else(|| bad("missing port"))?
        };
        if host.is_empty() {
            return Err(bad("missing host"));
        }
        let port: u16 = port.parse().map_err(|_| bad("port must be a number from 1 to 65535"))?;
        if port == 0 {
            return Err(bad("port must be a number from 1 to 65535"));
        }
        Ok(NodeAddr::new(host, port))
    }
}

/// The address column of a CLUSTER NODES line: `ip:port@cport[,hostname[,aux=value…]]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnnouncedAddr {
    /// Empty while a lone node has not learned its own IP yet.
    pub host: String,
    pub port: u16,
    pub bus_port: Option<u16>,
    pub hostname: Option<String>,
}

impl AnnouncedAddr {
    pub fn parse(field: &str) -> Option<AnnouncedAddr> {
        let mut parts = field.split(',');
        let endpoint = parts.next()?;
        let hostname = parts.next().filter(|h| !h.is_empty() && !h.contains('=')).map(str::to_owned);
        let (endpoint, bus_port) = match endpoint.rsplit_once('@') {
            Some((ep, bus)) => (ep, Some(bus.parse().ok()?)),
            None => (endpoint, None),
        };
        let (host, port) = endpoint.rsplit_once(':')?;
        let host = host.trim_start_matches('[').trim_end_matches(']').to_owned();
        Some(AnnouncedAddr { host, port: port.parse().ok()?, bus_port, hostname })
    }

    /// The client address, when the node has one.
    pub fn client_addr(&self) -> Option<NodeAddr> {
        (!self.host.is_empty() && self.port != 0).then(|| NodeAddr::new(self.host.clone(), self.port))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ipv4_hostname_and_bracketed_ipv6() {
        assert_eq!("10.0.0.1:6379".parse(), Ok(NodeAddr::new("10.0.0.1", 6379)));
        assert_eq!("redis-0.redis:7000".parse(), Ok(NodeAddr::new("redis-0.redis", 7000)));
        assert_eq!("[::1]:6379".parse(), Ok(NodeAddr::new("::1", 6379)));
        assert_eq!("::1:6379".parse(), Ok(NodeAddr::new("::1", 6379)));
        assert_eq!(NodeAddr::new("::1", 6379).to_string(), "[::1]:6379");
    }

    #[test]
    fn rejects_missing_or_bad_port() {
        for bad in ["10.0.0.1", "10.0.0.1:", ":6379", "host:0", "host:99999", "[::1]6379"] {
            assert!(bad.parse::<NodeAddr>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn parses_cluster_nodes_address_forms() {
        let a = AnnouncedAddr::parse("127.0.0.1:6379@16379,redis-0").unwrap();
        assert_eq!(
            (a.host.as_str(), a.port, a.bus_port, a.hostname.as_deref()),
            ("127.0.0.1", 6379, Some(16379), Some("redis-0"))
        );
        let lone = AnnouncedAddr::parse(":6379@16379").unwrap();
        assert_eq!(lone.client_addr(), None);
        let v6 = AnnouncedAddr::parse("::1:7000@17000").unwrap();
        assert_eq!(v6.client_addr(), Some(NodeAddr::new("::1", 7000)));
        let aux = AnnouncedAddr::parse("10.1.1.1:6379@16379,,shard-id=abc").unwrap();
        assert_eq!(aux.hostname, None);
    }
}
