//! Where the tool keeps its own files: sandboxes and move journals.

use std::path::PathBuf;

/// `<state dir>/kubectl-redis`, or `$KUBECTL_REDIS_STATE_DIR` when set.
pub fn root() -> PathBuf {
    if let Some(dir) = std::env::var_os("KUBECTL_REDIS_STATE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::state_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/state")))
        .unwrap_or_else(std::env::temp_dir)
        .join("kubectl-redis")
}
