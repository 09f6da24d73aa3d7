//! Keys as data: writing and reading them across the cluster by slot owner, for sample data and
//! the "every key is still there" verification. Keys go to the master that owns their slot, in
//! pipelines, so a load is one round trip per batch rather than per key.

use std::collections::BTreeMap;

use super::addr::NodeAddr;
use super::conn::Connector;
use super::slots::key_slot;
use super::topology::Topology;
use crate::error::{Error, Result};

const BATCH: usize = 1000;

/// A key and its value, as bytes.
pub type Entry = (Vec<u8>, Vec<u8>);

/// `sample:<i>` → a value of `size` bytes that depends on `i`, so a mixed-up value is caught.
pub fn samples(count: usize, size: usize) -> Vec<Entry> {
    (0..count)
        .map(|i| {
            let stamp = format!("{i}:");
            let value: Vec<u8> = stamp.bytes().cycle().take(size.max(stamp.len())).collect();
            (format!("sample:{i}").into_bytes(), value)
        })
        .collect()
}

/// Which master address serves each slot.
fn owners(topology: &Topology) -> Result<Vec<NodeAddr>> {
    let mut owner = vec![None; 16384];
    for master in topology.masters() {
        for range in master.slots.ranges() {
            for slot in range.start..=range.end {
                owner[usize::from(slot)] = master.addr.clone();
            }
        }
    }
    owner
        .into_iter()
        .enumerate()
        .map(|(slot, o)| o.ok_or_else(|| Error::failed(format!("slot {slot} has no owner")).hint("run `kubectl redis check`")))
        .collect()
}

fn by_owner<'a>(topology: &Topology, keys: &'a [Entry]) -> Result<BTreeMap<NodeAddr, Vec<&'a Entry>>> {
    let owners = owners(topology)?;
    let mut groups: BTreeMap<NodeAddr, Vec<&Entry>> = BTreeMap::new();
    for pair in keys {
        groups.entry(owners[usize::from(key_slot(&pair.0))].clone()).or_default().push(pair);
    }
    Ok(groups)
}

/// SETs every key on its slot owner.
pub async fn write(connector: &Connector, topology: &Topology, keys: &[Entry]) -> Result<()> {
    connector.changes.note();
    for (addr, pairs) in by_owner(topology, keys)? {
        let mut conn = connector.connect(&addr).await?;
        for chunk in pairs.chunks(BATCH) {
            let mut pipe = redis::pipe();
            for (k, v) in chunk {
                pipe.cmd("SET").arg(k).arg(v).ignore();
            }
            conn.pipeline::<()>(&pipe).await?;
        }
    }
    Ok(())
}

/// The keys that are missing or hold another value, read from their slot owners.
pub async fn missing(connector: &Connector, topology: &Topology, keys: &[Entry]) -> Result<Vec<Vec<u8>>> {
    let mut bad = Vec::new();
    for (addr, pairs) in by_owner(topology, keys)? {
        let mut conn = connector.connect(&addr).await?;
        for chunk in pairs.chunks(BATCH) {
            let mut pipe = redis::pipe();
            for (k, _) in chunk {
                pipe.cmd("GET").arg(k);
            }
            let values: Vec<Option<Vec<u8>>> = conn.pipeline(&pipe).await?;
            bad.extend(
                chunk.iter().zip(values).filter(|((_, want), got)| got.as_ref() != Some(want)).map(|((k, _), _)| k.clone()),
            );
        }
    }
    Ok(bad)
}
