//! What a support bundle shows of the target: its objects, the events about them and the
//! containers' logs.

use super::*;

pub(super) fn to_json<T: serde::Serialize>(object: T) -> Result<serde_json::Value> {
    serde_json::to_value(object).map_err(|e| Error::failed(format!("an API object did not turn into JSON: {e}")))
}

pub(super) fn pod_names(list: &Result<serde_json::Value>) -> Vec<String> {
    let Ok(list) = list else { return Vec::new() };
    let items = list["items"].as_array().map(Vec::as_slice).unwrap_or_default();
    items.iter().filter_map(|i| i["metadata"]["name"].as_str().map(str::to_owned)).collect()
}

impl Kubernetes {
    /// The newest event about a pod as `Reason: message` (what `kubectl describe pod` ends with);
    /// `None` when there is none or events cannot be read: the error is useful without it.
    pub(super) async fn last_event(&self, pod: &str) -> Option<String> {
        let events: Api<Event> = Api::namespaced(self.client.clone(), &self.namespace);
        let selector = format!("involvedObject.kind=Pod,involvedObject.name={pod}");
        let list = events.list(&ListParams::default().fields(&selector)).await.ok()?;
        let newest = list.items.into_iter().max_by_key(|e| {
            let last = e.last_timestamp.as_ref().map(|t| t.0);
            let at = e.event_time.as_ref().map(|t| t.0);
            last.or(at)
        })?;
        let reason = newest.reason.unwrap_or_else(|| "Unknown".to_owned());
        let message = newest.message.unwrap_or_default();
        Some(format!("{reason}: {}", message.trim().trim_end_matches('.')))
    }

    /// What a support bundle shows of the target, as the API server returns it: the StatefulSet,
    /// its pods (and the sentinels'), their claims, the namespace's Services, the events about
    /// any of them and the target's Lease. Each part is read on its own: one that cannot be read
    /// (a missing permission) is its error, and the others are still read.
    pub async fn support_objects(&self) -> Vec<(&'static str, Result<serde_json::Value>)> {
        let mut parts = Vec::new();
        if let Some(w) = &self.workload {
            let sets: Api<StatefulSet> = Api::namespaced(self.client.clone(), &self.namespace);
            let read = sets.get(&w.name).await.map_err(|e| api_error(e, &format!("get statefulset {}", w.name)));
            parts.push(("statefulset", read.and_then(to_json)));
        }
        let pods = self.listed::<Pod>("pods", |p| self.owns_pod(p)).await;
        let names: Vec<String> = pod_names(&pods);
        let claims = self.listed::<PersistentVolumeClaim>("persistentvolumeclaims", |c| self.owns_claim(c, &names)).await;
        let services = self.listed::<Service>("services", |_| true).await;
        let mut about: Vec<String> = names.clone();
        about.extend(pod_names(&claims));
        about.extend(self.workload.as_ref().map(|w| w.name.clone()));
        let events = self.listed::<Event>("events", |e| e.involved_object.name.as_ref().is_some_and(|n| about.contains(n))).await;
        let leases: Api<k8s_openapi::api::coordination::v1::Lease> = Api::namespaced(self.client.clone(), &self.namespace);
        let lease_name = crate::platform::lease::name_for(self.lease_target());
        let lease = match leases.get_opt(&lease_name).await {
            Ok(found) => found.map_or(Ok(serde_json::Value::Null), to_json),
            Err(e) => Err(api_error(e, &format!("get lease {lease_name}"))),
        };
        parts.extend([
            ("pods", pods),
            ("persistentvolumeclaims", claims),
            ("services", services),
            ("events", events),
            ("lease", lease),
        ]);
        parts
    }

    /// The namespace's objects of one kind that `keep` keeps, as a `List` document.
    pub(super) async fn listed<K>(&self, plural: &str, keep: impl Fn(&K) -> bool) -> Result<serde_json::Value>
    where
        K: kube::Resource<Scope = kube::core::NamespaceResourceScope, DynamicType = ()>
            + Clone
            + serde::de::DeserializeOwned
            + serde::Serialize
            + std::fmt::Debug,
    {
        let api: Api<K> = Api::namespaced(self.client.clone(), &self.namespace);
        let list = api.list(&ListParams::default()).await.map_err(|e| api_error(e, &format!("list {plural}")))?;
        let items: Vec<serde_json::Value> = list.items.iter().filter(|k| keep(k)).map(to_json).collect::<Result<_>>()?;
        Ok(serde_json::json!({ "apiVersion": "v1", "kind": "List", "items": items }))
    }

    pub(super) fn owns_pod(&self, pod: &Pod) -> bool {
        let name = pod.metadata.name.as_deref().unwrap_or_default();
        self.pods.iter().chain(&self.separate_sentinels).any(|p| p.name == name)
    }

    /// A claim of the workload's claim templates (`<template>-<statefulset>-<ordinal>`), or one a
    /// pod of the target mounts.
    pub(super) fn owns_claim(&self, claim: &PersistentVolumeClaim, pods: &[String]) -> bool {
        let name = claim.metadata.name.as_deref().unwrap_or_default();
        let templated = self.workload.as_ref().is_some_and(|w| {
            w.claim_templates.iter().any(|t| {
                name.strip_prefix(&format!("{t}-{}-", w.name))
                    .is_some_and(|o| !o.is_empty() && o.bytes().all(|b| b.is_ascii_digit()))
            })
        });
        templated || pods.iter().any(|p| name.ends_with(&format!("-{p}")))
    }

    /// The logs of every container of the target's pods: `<pod>/<container>.log`, and
    /// `<pod>/<container>.previous.log` where a container restarted. A log that cannot be read
    /// is its error.
    pub async fn logs(&self) -> Vec<(String, Result<String>)> {
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &self.namespace);
        let mut logs = Vec::new();
        for pod in self.pods.iter().chain(&self.separate_sentinels) {
            for container in &pod.containers {
                for previous in [false, true] {
                    let params = kube::api::LogParams { container: Some(container.clone()), previous, ..Default::default() };
                    let file = format!("{}/{container}{}.log", pod.name, if previous { ".previous" } else { "" });
                    match api.logs(&pod.name, &params).await {
                        Ok(text) => logs.push((file, Ok(text))),
                        // No container ran before this one: nothing to show, nothing wrong.
                        Err(kube::Error::Api(s)) if previous && s.code == 400 => {}
                        Err(e) => logs.push((file, Err(api_error(e, &format!("read the log of {}", pod.name))))),
                    }
                }
            }
        }
        logs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_bundle_keeps_the_claims_of_the_workloads_templates_and_of_its_pods_only() {
        let k = offline(Some(test_workload(3)), Vec::new());
        let claim = |name: &str| PersistentVolumeClaim {
            metadata: kube::api::ObjectMeta { name: Some(name.into()), ..Default::default() },
            ..Default::default()
        };
        let pods = ["redis-cluster-0".to_owned()];
        assert!(k.owns_claim(&claim("data-redis-cluster-7"), &pods));
        assert!(k.owns_claim(&claim("logs-redis-cluster-0"), &pods));
        assert!(!k.owns_claim(&claim("data-redis-cluster-x"), &pods));
        assert!(!k.owns_claim(&claim("data-other-0"), &pods));
    }

    #[test]
    fn a_list_names_its_items() {
        let list = Ok(
            serde_json::json!({ "items": [{ "metadata": { "name": "a" } }, { "metadata": {} }, { "metadata": { "name": "b" } }] }),
        );
        assert_eq!(pod_names(&list), ["a", "b"]);
        assert!(pod_names(&Err(Error::failed("forbidden"))).is_empty());
    }
}
