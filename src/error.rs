//! The one error type every layer returns, and the documented process exit codes it maps to.
//!
//! An error is one line of text plus an optional hint (the command that helps), and a kind that
//! decides the exit code. Secrets never reach this type: callers pass addresses and server replies,
//! never credentials.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Process exit codes, documented in the README and in `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The command did what was asked (or `check` found the cluster healthy).
    Success = 0,
    /// The command started changing the cluster and a step failed.
    Failed = 1,
    /// Bad flags or arguments; nothing was changed.
    Usage = 2,
    /// A safety precondition failed or the plan was not confirmed; nothing was changed.
    Refused = 3,
    /// No node of the target could be reached, or the target does not exist; nothing was changed.
    Unreachable = 4,
    /// `check` ran and found warnings only.
    CheckWarnings = 10,
    /// `check` ran and found problems.
    CheckProblems = 11,
    /// Stopped by Ctrl-C after finishing the work in flight; running the same command again continues.
    Interrupted = 130,
}

impl ExitCode {
    /// The exit code of a command that changed the target (or was asked to): 130 when it stopped
    /// on Ctrl-C, 11 when the check after it found problems, else 0. Warnings left (say, masters
    /// without replicas, as asked) are printed, never an exit code: 10 is `check`'s alone.
    pub fn of_change(stopped: bool, check: Option<ExitCode>) -> ExitCode {
        match (stopped, check) {
            (true, _) => ExitCode::Interrupted,
            (false, Some(ExitCode::CheckProblems)) => ExitCode::CheckProblems,
            _ => ExitCode::Success,
        }
    }
}

impl ExitCode {
    /// The exit code of a run of redis-cli (`cli --exec`): 0 when it succeeded, 130 when Ctrl-C
    /// ended it (a MONITOR, a SUBSCRIBE; as a shell reports a command SIGINT ended), else 1.
    pub fn of_client(code: i32) -> ExitCode {
        match code {
            0 => ExitCode::Success,
            130 => ExitCode::Interrupted,
            _ => ExitCode::Failed,
        }
    }
}

/// Why a command stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Usage,
    Refused,
    Unreachable,
    Failed,
}

/// A one-line error with an optional hint.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), hint: None }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }

    pub fn refused(message: impl Into<String>) -> Self {
        Self::new(Kind::Refused, message)
    }

    pub fn unreachable(message: impl Into<String>) -> Self {
        Self::new(Kind::Unreachable, message)
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Self::new(Kind::Failed, message)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The exit code of a run that ends with this error: the kind's, unless the run had `changed`
    /// something already — then a refusal or an unreachable node can no longer mean "nothing
    /// changed" (see `Changes`).
    pub fn exit_code(&self, changed: bool) -> ExitCode {
        match self.kind {
            Kind::Usage | Kind::Refused | Kind::Unreachable if changed => ExitCode::Failed,
            Kind::Usage => ExitCode::Usage,
            Kind::Refused => ExitCode::Refused,
            Kind::Unreachable => ExitCode::Unreachable,
            Kind::Failed => ExitCode::Failed,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Server replies may span lines; the error stays on one line.
        write!(f, "{}", self.message.replace(['\r', '\n'], " "))
    }
}

impl std::error::Error for Error {}

/// A local or network I/O failure: the run could not go on. Before any change that is exit 4
/// (nothing changed), after one exit 1, as for every error (see `exit_code`).
impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::unreachable(err.to_string())
    }
}

/// Whether a run has changed a cluster or its platform yet: one ledger per run, shared (cloned) by
/// the connector, the platform and the commands, read when the run ends.
#[derive(Debug, Clone, Default)]
pub struct Changes(Arc<AtomicBool>);

impl Changes {
    /// Called before the first change a run makes (a step, a slot move, a resize, a write), so
    /// that every failure after it exits 1, whichever layer it comes from.
    pub fn note(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// True once `note` was called on this ledger or a clone of it.
    pub fn any(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_is_a_run_that_could_not_go_on_not_a_failed_change() {
        assert_eq!(Error::from(std::io::Error::other("disk full")).kind, Kind::Unreachable);
    }

    #[test]
    fn a_refusal_or_unreachable_node_after_a_change_exits_1() {
        for error in [Error::usage("u"), Error::refused("r"), Error::unreachable("n")] {
            assert_eq!(error.exit_code(true), ExitCode::Failed, "{error}");
            assert_ne!(error.exit_code(false), ExitCode::Failed, "{error}");
        }
        let changes = Changes::default();
        let seen_by_another_layer = changes.clone();
        changes.note();
        assert!(seen_by_another_layer.any());
        assert!(!Changes::default().any(), "each run has its own ledger");
    }

    #[test]
    fn a_client_run_here_or_in_a_pod_exits_0_1_or_130() {
        let table = [(0, ExitCode::Success), (1, ExitCode::Failed), (127, ExitCode::Failed), (130, ExitCode::Interrupted)];
        for (code, exit) in table {
            assert_eq!(ExitCode::of_client(code), exit, "{code}");
        }
    }

    #[test]
    fn a_changing_command_exits_0_with_warnings_11_with_problems_130_when_stopped() {
        let table = [
            (false, None, ExitCode::Success),
            (false, Some(ExitCode::Success), ExitCode::Success),
            (false, Some(ExitCode::CheckWarnings), ExitCode::Success),
            (false, Some(ExitCode::CheckProblems), ExitCode::CheckProblems),
            (true, Some(ExitCode::CheckProblems), ExitCode::Interrupted),
            (true, None, ExitCode::Interrupted),
        ];
        for (stopped, check, code) in table {
            assert_eq!(ExitCode::of_change(stopped, check), code, "{stopped} {check:?}");
        }
    }
}
