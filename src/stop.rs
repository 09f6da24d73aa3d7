//! What tells a run to stop after the work in flight: the operator's Ctrl-C, or the loss of the
//! Kubernetes Lease that made this run the only one changing its cluster. Either way the executor
//! stops between steps and the slot mover between rounds, nothing is left half-done, and running
//! the same command again continues from its journal. A Ctrl-C is exit 130; a lost Lease is a
//! failure (exit 1) that names the new holder.
//!
//! A run paused for longer than others wait before taking a lease over (a SIGSTOP, a descheduled
//! process) would otherwise carry on with its next step as if nothing happened: before each step
//! the run's `Fence` proves the lease is still its own (`before_step`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;

use crate::error::{Error, ExitCode};

/// Proof that this run still holds what makes it the only one changing its target.
pub trait Fence: Send + Sync {
    /// `Err(why)` when it is lost, or cannot be shown to be held.
    fn confirm(&self) -> BoxFuture<'_, Result<(), String>>;
}

/// Shared by every part of one run; cheap to clone.
#[derive(Clone, Default)]
pub struct Stop(Arc<State>);

#[derive(Default)]
struct State {
    requested: AtomicBool,
    /// A stop made `within` another is requested whenever that one is.
    parent: Option<Stop>,
    watching: AtomicBool,
    /// Why the lease was lost (who holds it now), once it was.
    lease_lost: Mutex<Option<String>>,
    /// The lease this run holds, once it holds one.
    fence: Mutex<Option<Arc<dyn Fence>>>,
}

impl Stop {
    /// Asks the run to stop after the work in flight.
    pub fn request(&self) {
        self.0.requested.store(true, Ordering::SeqCst);
    }

    pub fn is_requested(&self) -> bool {
        self.0.requested.load(Ordering::SeqCst) || self.0.parent.as_ref().is_some_and(Stop::is_requested)
    }

    /// From now on each step first proves `fence` still held.
    pub fn fence_with(&self, fence: Arc<dyn Fence>) {
        *self.0.fence.lock().unwrap_or_else(|e| e.into_inner()) = Some(fence);
    }

    /// The fence that holds for this stop, and the stop it was given to (which a lost lease stops).
    fn fence(&self) -> Option<(Stop, Arc<dyn Fence>)> {
        let own = self.0.fence.lock().unwrap_or_else(|e| e.into_inner()).clone();
        match own {
            Some(fence) => Some((self.clone(), fence)),
            None => self.0.parent.as_ref().and_then(Stop::fence),
        }
    }

    /// Called before each step: true when the run must stop now — asked to, or its lease is no
    /// longer provably its own (then the stop is requested, and `ending` says why).
    pub async fn before_step(&self) -> bool {
        if self.is_requested() {
            return true;
        }
        let Some((owner, fence)) = self.fence() else { return false };
        match fence.confirm().await {
            Ok(()) => self.is_requested(),
            Err(why) => {
                owner.lease_lost(why);
                true
            }
        }
    }

    /// A stop of its own (say, one failed move stopping the others) that also follows this one.
    pub fn within(&self) -> Stop {
        Stop(Arc::new(State { parent: Some(self.clone()), ..State::default() }))
    }

    /// The lease is gone: stop, and end with an error that says `why`.
    pub fn lease_lost(&self, why: String) {
        *self.0.lease_lost.lock().unwrap_or_else(|e| e.into_inner()) = Some(why);
        self.request();
    }

    /// How a stopped run ends: an error (exit 1) when the lease was lost, else exit 130.
    pub fn ending(&self) -> Result<ExitCode, Error> {
        match self.0.lease_lost.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            Some(why) => Err(Error::failed(format!("stopped after the work in flight: {why}"))
                .hint("another run may be changing the cluster now; once it is done, run this command again to continue")),
            None => Ok(ExitCode::Interrupted),
        }
    }

    /// From now on the first Ctrl-C requests a stop and a second one ends the process at once
    /// (like a kill, which a re-run recovers from). Installed once per run.
    pub fn on_ctrl_c(&self, quiet: bool) {
        if self.0.watching.swap(true, Ordering::SeqCst) {
            return;
        }
        let stop = self.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                stop.request();
                if !quiet {
                    eprintln!(
                        "stopping after the work in flight (Ctrl-C again stops at once; running the same command continues)"
                    );
                }
                if tokio::signal::ctrl_c().await.is_ok() {
                    std::process::exit(ExitCode::Interrupted as i32);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Lost;

    impl Fence for Lost {
        fn confirm(&self) -> BoxFuture<'_, Result<(), String>> {
            Box::pin(async { Err("lease l was taken over by bob".to_owned()) })
        }
    }

    #[tokio::test]
    async fn a_step_waits_for_the_fence_and_a_lost_lease_stops_the_run_and_what_it_made() {
        let stop = Stop::default();
        let inner = stop.within();
        assert!(!inner.before_step().await, "no fence: nothing to prove");
        stop.fence_with(Arc::new(Lost));
        assert!(inner.before_step().await, "the fence of the run holds for the parts it made");
        assert!(stop.is_requested());
        let ending = stop.ending().unwrap_err();
        assert!(ending.message.contains("taken over by bob"), "{}", ending.message);
    }
}
