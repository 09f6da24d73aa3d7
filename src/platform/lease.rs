//! One change at a time: a changing command holds a `coordination.k8s.io` Lease named after its
//! target while it runs, renewed in the background and released at the end. A second run, from
//! anywhere, finds the holder and refuses; a holder that stopped renewing (a killed run) loses the
//! lease once its duration has passed, and the next run takes it over.

use std::time::Duration;

use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::MicroTime;
use k8s_openapi::jiff::{SignedDuration, Timestamp};
use kube::api::{Api, ObjectMeta, PostParams};

use crate::error::{Error, Result};

/// How long a lease stays valid without renewal.
pub const DURATION: Duration = Duration::from_secs(30);
const RENEW_EVERY: Duration = Duration::from_secs(10);

/// A lease this process holds; renewed until `release`.
pub struct Held {
    api: Api<Lease>,
    name: String,
    identity: String,
    renewer: tokio::task::JoinHandle<()>,
}

/// The lease's name for a target: `kubectl-redis-<statefulset>`.
pub fn name_for(target: &str) -> String {
    let clean: String = target.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("kubectl-redis-{}", clean.trim_matches('-'))
}

/// Who holds it: user, host, process and command, so that a refusal can say whom to ask.
fn identity(verb: &str) -> String {
    let user = std::env::var("USER").unwrap_or_else(|_| "someone".to_owned());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .or_else(|_| std::env::var("HOSTNAME"))
        .unwrap_or_else(|_| "an unknown host".to_owned());
    format!("{user}@{host} (pid {}, {verb})", std::process::id())
}

/// Takes the lease for `target`, or refuses naming its holder.
pub async fn acquire(api: Api<Lease>, target: &str, verb: &str) -> Result<Held> {
    let name = name_for(target);
    let identity = identity(verb);
    let now = Timestamp::now();
    let fresh = |transitions: i32| LeaseSpec {
        holder_identity: Some(identity.clone()),
        lease_duration_seconds: Some(DURATION.as_secs() as i32),
        acquire_time: Some(MicroTime(now)),
        renew_time: Some(MicroTime(now)),
        lease_transitions: Some(transitions),
        ..Default::default()
    };
    let taken = match api.get_opt(&name).await.map_err(|e| lease_error(e, "read", &name))? {
        None => {
            let lease = Lease { metadata: ObjectMeta { name: Some(name.clone()), ..Default::default() }, spec: Some(fresh(0)) };
            api.create(&PostParams::default(), &lease).await
        }
        Some(mut lease) => {
            let spec = lease.spec.clone().unwrap_or_default();
            if let Some(holder) = live_holder(&spec, now) {
                return Err(busy(target, &holder, &spec));
            }
            lease.spec = Some(fresh(spec.lease_transitions.unwrap_or(0) + 1));
            api.replace(&name, &PostParams::default(), &lease).await
        }
    };
    match taken {
        Ok(_) => {}
        Err(kube::Error::Api(s)) if s.code == 409 => {
            return Err(Error::refused(format!("another run took the lease {name} at the same moment"))
                .hint("wait until it finishes, then run the command again"));
        }
        Err(e) => return Err(lease_error(e, "take", &name)),
    }
    let renewer = tokio::spawn(renew(api.clone(), name.clone(), identity.clone()));
    Ok(Held { api, name, identity, renewer })
}

impl Held {
    /// Stops renewing and clears the holder, so the next run need not wait for expiry.
    pub async fn release(self) {
        self.renewer.abort();
        if let Ok(mut lease) = self.api.get(&self.name).await {
            let spec = lease.spec.get_or_insert_with(Default::default);
            if spec.holder_identity.as_deref() == Some(self.identity.as_str()) {
                spec.holder_identity = None;
                let _ = self.api.replace(&self.name, &PostParams::default(), &lease).await;
            }
        }
    }
}

/// Renews until aborted; a lease someone else took over is reported once, then left alone.
async fn renew(api: Api<Lease>, name: String, identity: String) {
    loop {
        tokio::time::sleep(RENEW_EVERY).await;
        let Ok(mut lease) = api.get(&name).await else { continue };
        let spec = lease.spec.get_or_insert_with(Default::default);
        if spec.holder_identity.as_deref() != Some(identity.as_str()) {
            eprintln!("warning: lease {name} was taken over by {}", spec.holder_identity.as_deref().unwrap_or("nobody"));
            return;
        }
        spec.renew_time = Some(MicroTime(Timestamp::now()));
        let _ = api.replace(&name, &PostParams::default(), &lease).await;
    }
}

/// The holder of a lease that has not expired.
fn live_holder(spec: &LeaseSpec, now: Timestamp) -> Option<String> {
    let holder = spec.holder_identity.clone().filter(|h| !h.is_empty())?;
    let renewed = spec.renew_time.as_ref().or(spec.acquire_time.as_ref())?.0;
    let duration = SignedDuration::from_secs(i64::from(spec.lease_duration_seconds.unwrap_or(DURATION.as_secs() as i32)));
    (renewed + duration > now).then_some(holder)
}

fn busy(target: &str, holder: &str, spec: &LeaseSpec) -> Error {
    let since = spec.acquire_time.as_ref().map_or_else(|| "a moment ago".to_owned(), |t| t.0.to_string());
    Error::refused(format!("{target} is being changed by {holder} since {since}")).hint(format!(
        "wait until it finishes; a run that was killed loses its lease {}s after its last renewal",
        DURATION.as_secs()
    ))
}

fn lease_error(e: kube::Error, doing: &str, name: &str) -> Error {
    match e {
        kube::Error::Api(s) if s.code == 403 => {
            Error::refused(format!("Kubernetes refused to {doing} lease {name}: {}", s.message))
                .hint("grant get, create and update on leases (coordination.k8s.io) in this namespace; see deploy/rbac.yaml")
        }
        kube::Error::Api(s) => Error::failed(format!("could not {doing} lease {name}: {} ({})", s.message, s.code)),
        e => Error::unreachable(format!("Kubernetes API: could not {doing} lease {name}: {e}"))
            .hint("check the API server address in your kubeconfig and your network"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(holder: Option<&str>, renewed_secs_ago: i64) -> LeaseSpec {
        let at = Timestamp::now() - SignedDuration::from_secs(renewed_secs_ago);
        LeaseSpec {
            holder_identity: holder.map(str::to_owned),
            lease_duration_seconds: Some(30),
            renew_time: Some(MicroTime(at)),
            ..Default::default()
        }
    }

    #[test]
    fn a_renewed_lease_is_held_an_expired_or_released_one_is_free() {
        let now = Timestamp::now();
        assert_eq!(live_holder(&spec(Some("alice"), 5), now).as_deref(), Some("alice"));
        assert_eq!(live_holder(&spec(Some("alice"), 31), now), None);
        assert_eq!(live_holder(&spec(None, 5), now), None);
    }

    #[test]
    fn lease_names_are_valid_object_names() {
        assert_eq!(name_for("redis-cluster"), "kubectl-redis-redis-cluster");
        assert_eq!(name_for("app=Redis,tier=cache"), "kubectl-redis-app-redis-tier-cache");
    }
}
