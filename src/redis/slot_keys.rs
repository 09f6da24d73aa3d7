//! How many keys a node holds in given slots (CLUSTER COUNTKEYSINSLOT): what the topology reads
//! for open slots and what `fix` reads for uncovered ones.

use super::conn::NodeConn;
use crate::error::Result;

/// CLUSTER COUNTKEYSINSLOT for each slot on one node, in one pipeline.
pub async fn count(conn: &mut NodeConn, slots: &[u16]) -> Result<Vec<u64>> {
    if slots.is_empty() {
        return Ok(Vec::new());
    }
    let mut pipe = redis::pipe();
    for slot in slots {
        pipe.cmd("CLUSTER").arg("COUNTKEYSINSLOT").arg(*slot);
    }
    conn.pipeline(&pipe).await
}
