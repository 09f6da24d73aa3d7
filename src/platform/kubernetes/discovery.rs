//! Reading the workload and its pods: the StatefulSet's selector, claims, owner and template; each
//! pod's ordinal, address, readiness, node, ports (Redis and sentinel) and DNS names.

use super::*;

/// Container port names that mean "the Redis port", in order of preference.
pub(super) const PORT_NAMES: [&str; 3] = ["redis", "client", "tcp-redis"];
pub(super) const DEFAULT_PORT: u16 = 6379;
/// How charts name a sentinel container's port (Bitnami: `redis-sentinel`; redis-ha: `sentinel`).
pub(super) const SENTINEL_PORT_NAMES: [&str; 3] = ["sentinel", "redis-sentinel", "tcp-sentinel"];
pub(super) const DEFAULT_SENTINEL_PORT: u16 = 26379;

/// The names a pod of a StatefulSet answers to in cluster DNS (`<hostname>.<subdomain>` under the
/// namespace, with and without the default cluster domain), and its governing Service's: what a
/// certificate issued for it (by cert-manager, by a chart) carries. None for a pod without a
/// subdomain.
pub(super) fn dns_names(pod: &Pod, namespace: &str) -> Vec<String> {
    let spec = pod.spec.as_ref();
    let Some(service) = spec.and_then(|s| s.subdomain.clone()) else { return Vec::new() };
    let Some(host) = spec.and_then(|s| s.hostname.clone()).or_else(|| pod.metadata.name.clone()) else { return Vec::new() };
    let under = |name: String| {
        [format!("{name}.{namespace}.svc.cluster.local"), format!("{name}.{namespace}.svc"), format!("{name}.{namespace}"), name]
    };
    under(format!("{host}.{service}")).into_iter().chain(under(service)).collect()
}

pub(super) async fn read_workload(client: &Client, namespace: &str, name: &str) -> Result<Workload> {
    let sets: Api<StatefulSet> = Api::namespaced(client.clone(), namespace);
    let set = sets.get(name).await.map_err(|e| match e {
        kube::Error::Api(s) if s.code == 404 => {
            Error::unreachable(format!("statefulset {name} not found in namespace {namespace}"))
                .hint("list them with `kubectl get statefulsets -n NAMESPACE`; pass -n for another namespace")
        }
        e => api_error(e, &format!("read statefulset {name}")),
    })?;
    let spec = set.spec.unwrap_or_default();
    let labels = spec.selector.match_labels.unwrap_or_default();
    let selector = labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",");
    let claim_templates = spec.volume_claim_templates.unwrap_or_default().into_iter().filter_map(|c| c.metadata.name).collect();
    let owner = set
        .metadata
        .owner_references
        .unwrap_or_default()
        .into_iter()
        .find(|o| o.controller == Some(true))
        .map(|o| format!("{} {}", o.kind, o.name));
    let password_ref = spec.template.spec.as_ref().and_then(password_ref_of);
    let replicas = spec.replicas.unwrap_or(1).max(0) as usize;
    let update_strategy = spec.update_strategy.and_then(|u| u.type_).unwrap_or_else(|| "RollingUpdate".to_owned());
    let container =
        spec.template.spec.as_ref().and_then(redis_container).map(|c| (c.name.clone(), c.image.clone().unwrap_or_default()));
    Ok(Workload { name: name.to_owned(), replicas, selector, claim_templates, owner, password_ref, update_strategy, container })
}

/// The container that serves Redis: the one with a port named like a Redis port, else the first
/// that is not a sentinel.
pub(super) fn redis_container(spec: &PodSpec) -> Option<&k8s_openapi::api::core::v1::Container> {
    let named = |c: &&k8s_openapi::api::core::v1::Container| {
        c.ports.iter().flatten().any(|p| p.name.as_deref().is_some_and(|n| PORT_NAMES.contains(&n)))
    };
    spec.containers.iter().find(named).or_else(|| spec.containers.iter().find(|c| !c.name.contains("sentinel")))
}

pub(super) fn pod_facts(pod: &Pod, statefulset: Option<&str>, node: Option<String>, zone: Option<String>) -> PodFacts {
    let name = pod.metadata.name.clone().unwrap_or_default();
    let ordinal = statefulset.and_then(|s| name.strip_prefix(s)?.strip_prefix('-')?.parse().ok());
    let status = pod.status.clone().unwrap_or_default();
    let conditions = status.conditions.unwrap_or_default();
    let ready = conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True");
    let port = redis_port(pod);
    let addr = status.pod_ip.filter(|ip| !ip.is_empty()).map(|ip| NodeAddr::new(ip, port));
    let failing: Vec<String> = conditions
        .iter()
        .filter(|c| c.status != "True")
        .map(|c| format!("{} {}", c.type_, c.reason.clone().unwrap_or_else(|| c.status.clone())))
        .collect();
    let phase = status.phase.unwrap_or_else(|| "Unknown".to_owned());
    let running = phase == "Running";
    let state = if failing.is_empty() { phase } else { format!("{phase}; {}", failing.join(", ")) };
    let dns = dns_names(pod, pod.metadata.namespace.as_deref().unwrap_or_default());
    let sentinel = sentinel_port(pod).and_then(|port| addr.as_ref().map(|a| NodeAddr::new(a.host.clone(), port)));
    let restarts = status.container_statuses.iter().flatten().map(|c| c.restart_count.max(0) as u32).sum();
    let uid = pod.metadata.uid.clone();
    let containers = pod.spec.iter().flat_map(|s| &s.containers).map(|c| c.name.clone()).collect();
    let redis = pod.spec.as_ref().and_then(redis_container);
    let (image, container) = (redis.and_then(|c| c.image.clone()), redis.map(|c| c.name.clone()));
    PodFacts {
        name,
        ordinal,
        addr,
        ready,
        running,
        node,
        zone,
        state,
        dns,
        sentinel,
        restarts,
        uid,
        containers,
        image,
        container,
    }
}

/// The sentinel port of a pod that runs a sentinel: a container port named like one, else 26379
/// for a container named `sentinel`.
pub(super) fn sentinel_port(pod: &Pod) -> Option<u16> {
    let containers = pod.spec.iter().flat_map(|s| &s.containers);
    let named = containers
        .clone()
        .flat_map(|c| c.ports.iter().flatten())
        .find(|p| p.name.as_deref().is_some_and(|n| SENTINEL_PORT_NAMES.contains(&n)));
    match named {
        Some(p) => u16::try_from(p.container_port).ok(),
        None => containers.into_iter().any(|c| c.name.contains("sentinel")).then_some(DEFAULT_SENTINEL_PORT),
    }
}

/// The container port named like a Redis port, else 6379.
pub(super) fn redis_port(pod: &Pod) -> u16 {
    let ports = pod.spec.iter().flat_map(|s| &s.containers).flat_map(|c| c.ports.iter().flatten());
    let named: Vec<_> = ports.filter(|p| p.name.as_deref().is_some_and(|n| PORT_NAMES.contains(&n))).collect();
    PORT_NAMES
        .iter()
        .find_map(|want| named.iter().find(|p| p.name.as_deref() == Some(*want)))
        .and_then(|p| u16::try_from(p.container_port).ok())
        .unwrap_or(DEFAULT_PORT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod() -> Pod {
        test_pod(serde_json::json!({
            "metadata": { "name": "redis-cluster-2", "uid": "u-2" },
            "spec": {
                "hostname": "redis-cluster-2", "subdomain": "redis-cluster-headless",
                "containers": [
                    { "name": "redis", "image": "redis:7.0", "ports": [{ "name": "redis", "containerPort": 6380 }] },
                    { "name": "sentinel", "image": "redis:7.0", "ports": [{ "name": "redis-sentinel", "containerPort": 26380 }] }
                ]
            },
            "status": {
                "phase": "Running", "podIP": "10.1.0.7",
                "conditions": [{ "type": "Ready", "status": "True" }],
                "containerStatuses": [
                    { "name": "redis", "ready": true, "restartCount": 2, "image": "redis:7.0", "imageID": "" },
                    { "name": "sentinel", "ready": true, "restartCount": 1, "image": "redis:7.0", "imageID": "" }
                ]
            }
        }))
    }

    #[test]
    fn a_pod_becomes_a_member_with_its_ordinal_address_ports_and_restarts() {
        let facts = pod_facts(&pod(), Some("redis-cluster"), Some("node-a".into()), Some("zone-1".into()));
        assert_eq!(facts.ordinal, Some(2));
        assert_eq!(facts.addr.as_ref().map(ToString::to_string).as_deref(), Some("10.1.0.7:6380"));
        assert_eq!(facts.sentinel.as_ref().map(ToString::to_string).as_deref(), Some("10.1.0.7:26380"));
        assert!(facts.ready && facts.running);
        assert_eq!((facts.restarts, facts.zone.as_deref()), (3, Some("zone-1")));
        assert_eq!(facts.image.as_deref(), Some("redis:7.0"));
    }

    #[test]
    fn a_pod_without_named_ports_uses_the_default_ones_and_a_pod_of_a_selector_has_no_ordinal() {
        let bare = test_pod(serde_json::json!({
            "metadata": { "name": "cache-7f9c" },
            "spec": { "containers": [{ "name": "valkey", "image": "valkey/valkey:8" }] },
            "status": { "phase": "Pending" }
        }));
        assert_eq!(redis_port(&bare), DEFAULT_PORT);
        assert_eq!(sentinel_port(&bare), None);
        let facts = pod_facts(&bare, None, None, None);
        assert_eq!((facts.ordinal, facts.addr, facts.ready), (None, None, false));
    }

    #[test]
    fn the_dns_names_a_certificate_may_carry_follow_the_headless_service() {
        let names = dns_names(&pod(), "redis");
        assert!(names.contains(&"redis-cluster-2.redis-cluster-headless.redis.svc.cluster.local".to_owned()), "{names:?}");
        assert!(names.contains(&"redis-cluster-2.redis-cluster-headless".to_owned()), "{names:?}");
    }
}
