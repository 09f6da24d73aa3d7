//! Where the tool keeps its own files (sandboxes and move journals; the sandboxes' lock and
//! address reservations), and how it writes them: directories only the user can enter (0700, an
//! existing one is checked and its mode fixed), files only the user can read (0600, never opened
//! through a symbolic link), each file replaced whole (written aside, synced, renamed) so that a
//! crash never leaves half of one.

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

/// `$XDG_RUNTIME_DIR/kubectl-redis`, else `<temp dir>/kubectl-redis-<uid>`: the user's own place
/// for what coordinates sandboxes across state directories (a shared temporary directory is
/// anyone's to plant files and links in).
pub fn runtime_dir() -> std::io::Result<PathBuf> {
    let base = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).filter(|d| d.is_absolute());
    // SAFETY: getuid(2) cannot fail and has no side effects.
    let uid = unsafe { libc::getuid() };
    let dir = base.map_or_else(|| std::env::temp_dir().join(format!("kubectl-redis-{uid}")), |b| b.join("kubectl-redis"));
    private_dir(&dir)?;
    Ok(dir)
}

/// Creates `dir` and its missing parents as 0700. An existing `dir` must be a directory (not a
/// link to one) owned by this user; its mode is made 0700.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    let meta = fs::symlink_metadata(dir)?;
    // SAFETY: getuid(2) cannot fail and has no side effects.
    let uid = unsafe { libc::getuid() };
    if !meta.is_dir() || meta.uid() != uid {
        let what = if meta.file_type().is_symlink() {
            "a symbolic link"
        } else if meta.is_dir() {
            "owned by another user"
        } else {
            "not a directory"
        };
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!("{} is {what}; the tool keeps its files only in a directory of this user's own", dir.display()),
        ));
    }
    if meta.mode() & 0o777 != 0o700 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Replaces `file` with `contents`, 0600, atomically: a reader sees the old file or the new one.
pub fn write_private(file: &Path, contents: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = file.parent() {
        private_dir(parent)?;
    }
    let mut aside = file.as_os_str().to_owned();
    aside.push(".partial");
    let aside = PathBuf::from(aside);
    let mut out = private_file(&aside)?;
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
    private_file(file)
}

/// Opens `file` for writing, created 0600 or truncated; a symbolic link there is not followed
/// (the open fails).
fn private_file(file: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).custom_flags(libc::O_NOFOLLOW).open(file)
}

/// Opens (creating it 0600 if need be) a file to lock, never through a symbolic link.
pub fn lock_file(file: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new().write(true).create(true).truncate(false).mode(0o600).custom_flags(libc::O_NOFOLLOW).open(file)
}
