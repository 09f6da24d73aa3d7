//! Atomic slot migration jobs as a Valkey 9+ node reports them (CLUSTER GETSLOTMIGRATIONS): the
//! jobs it exports or imports, running or recently ended. A server without atomic migration has
//! none.

use redis::Value;

use super::addr::NodeAddr;
use super::conn::{Connector, NodeConn};
use crate::error::Result;

/// One entry of CLUSTER GETSLOTMIGRATIONS.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotJob {
    pub name: String,
    /// EXPORT (on the source) or IMPORT (on the target).
    pub operation: String,
    /// `0-1000 2000-2010`, as the server writes them.
    pub slot_ranges: String,
    pub source: String,
    pub target: String,
    pub state: String,
    pub message: String,
    /// What changes while the job makes progress (its state, update and ack times, bytes left):
    /// a job whose progress stays the same for long has stalled.
    pub progress: String,
}

impl SlotJob {
    /// Not ended yet (ended: success, failed or cancelled).
    pub fn is_running(&self) -> bool {
        !matches!(self.state.as_str(), "success" | "failed" | "cancelled")
    }

    /// `slots 0-1000 from <source> to <target> (<state>)`, IDs shortened, for messages.
    pub fn describe(&self) -> String {
        let short = |id: &str| id.chars().take(8).collect::<String>();
        format!("slots {} from {} to {} ({})", self.slot_ranges, short(&self.source), short(&self.target), self.state)
    }
}

/// The jobs still running on each of `nodes`, asked at once (only where the server has atomic
/// slot migration: Valkey 9 and newer).
pub async fn running(connector: &Connector, nodes: &[NodeAddr]) -> Result<Vec<(NodeAddr, SlotJob)>> {
    let asks = nodes.iter().map(|addr| async move {
        let jobs = list(&mut connector.connect(addr).await?).await?;
        Ok::<_, crate::error::Error>(jobs.into_iter().filter(SlotJob::is_running).map(|j| (addr.clone(), j)).collect::<Vec<_>>())
    });
    Ok(futures::future::try_join_all(asks).await?.into_iter().flatten().collect())
}

/// CLUSTER GETSLOTMIGRATIONS on one node.
pub async fn list(conn: &mut NodeConn) -> Result<Vec<SlotJob>> {
    Ok(parse(conn.call(redis::cmd("CLUSTER").arg("GETSLOTMIGRATIONS")).await?))
}

/// The reply, as RESP2 arrays of field/value pairs or RESP3 maps.
pub fn parse(value: Value) -> Vec<SlotJob> {
    let Value::Array(entries) = value else { return Vec::new() };
    entries
        .into_iter()
        .map(|entry| {
            let pairs: Vec<(String, String)> = match entry {
                Value::Array(items) => {
                    items.chunks(2).filter_map(|kv| Some((text(&kv[0])?, text(kv.get(1)?).unwrap_or_default()))).collect()
                }
                Value::Map(items) => items.iter().filter_map(|(k, v)| Some((text(k)?, text(v).unwrap_or_default()))).collect(),
                _ => Vec::new(),
            };
            let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
            SlotJob {
                name: get("name"),
                operation: get("operation"),
                slot_ranges: get("slot_ranges"),
                source: get("source_node"),
                target: get("target_node"),
                state: get("state"),
                message: get("message"),
                progress: ["state", "last_update_time", "last_ack_time", "remaining_repl_size", "cow_size"].map(get).join(" "),
            }
        })
        .collect()
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::BulkString(b) => Some(String::from_utf8_lossy(b).into_owned()),
        Value::SimpleString(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_getslotmigrations_in_resp2_form() {
        let entry = |name: &str, state: &str| {
            Value::Array(
                [
                    "name",
                    name,
                    "operation",
                    "EXPORT",
                    "slot_ranges",
                    "0-10 20-30",
                    "target_node",
                    "t1",
                    "state",
                    state,
                    "message",
                    "",
                ]
                .iter()
                .map(|s| Value::BulkString(s.as_bytes().to_vec()))
                .collect(),
            )
        };
        let jobs = parse(Value::Array(vec![entry("a", "success"), entry("b", "snapshotting")]));
        assert_eq!(jobs.len(), 2);
        assert_eq!((jobs[1].name.as_str(), jobs[1].slot_ranges.as_str(), jobs[1].target.as_str()), ("b", "0-10 20-30", "t1"));
        assert!(!jobs[0].is_running() && jobs[1].is_running());
    }
}
