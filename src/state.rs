//! Where the tool keeps its own files (sandboxes and move journals), and how it writes them:
//! directories only the user can enter (0700), files only the user can read (0600), each file
//! replaced whole (written aside, synced, renamed) so that a crash never leaves half of one.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

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

/// Creates `dir` and its missing parents as 0700.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

/// Replaces `file` with `contents`, 0600, atomically: a reader sees the old file or the new one.
pub fn write_private(file: &Path, contents: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = file.parent() {
        private_dir(parent)?;
    }
    let mut aside = file.as_os_str().to_owned();
    aside.push(".partial");
    let aside = PathBuf::from(aside);
    let mut out = fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&aside)?;
    out.write_all(contents)?;
    out.sync_all()?;
    fs::rename(&aside, file)?;
    // The rename itself is durable once the directory is synced.
    if let Some(parent) = file.parent() {
        fs::File::open(parent)?.sync_all()?;
    }
    Ok(())
}

/// A new file only the user can read (a log), truncated if it exists.
pub fn create_private(file: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(file)
}
