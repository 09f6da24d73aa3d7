//! Changing the workload: the scale subresource (members and a sentinel workload), the image of
//! the template, pods deleted for their StatefulSet to recreate, and removed members' claims.

use super::*;

impl Kubernetes {
    /// Why the sentinels' number is not this tool's to change, if it is not: only a named
    /// StatefulSet or Deployment of their own can be scaled.
    pub fn sentinel_resize_blocker(&self) -> Option<Error> {
        match &self.sentinel_workload {
            Some(SentinelWorkload::StatefulSet(_) | SentinelWorkload::Deployment(_)) => None,
            Some(SentinelWorkload::Selector(_)) => Some(
                Error::usage("sentinels chosen by a label selector cannot be added or removed by the tool")
                    .hint("name their workload instead: --sentinels deploy/NAME or --sentinels sts/NAME"),
            ),
            None => Some(
                Error::usage("these sentinels run beside the members: their number follows --replicas")
                    .hint("leave out --sentinel-count"),
            ),
        }
    }

    /// Sets the replicas of the sentinels' own workload (scale subresource) and waits until
    /// exactly `count` sentinel pods run, Ready with an IP.
    pub async fn resize_sentinels(&mut self, count: usize, wait: Duration) -> Result<()> {
        let patch = serde_json::json!({ "spec": { "replicas": count } });
        let params = PatchParams::default();
        let described = match &self.sentinel_workload {
            Some(SentinelWorkload::StatefulSet(name)) => {
                let sets: Api<StatefulSet> = Api::namespaced(self.client.clone(), &self.namespace);
                sets.patch_scale(name, &params, &Patch::Merge(&patch)).await.map_err(|e| api_error(e, "scale the sentinels"))?;
                format!("statefulset {name}")
            }
            Some(SentinelWorkload::Deployment(name)) => {
                let deployments: Api<Deployment> = Api::namespaced(self.client.clone(), &self.namespace);
                deployments
                    .patch_scale(name, &params, &Patch::Merge(&patch))
                    .await
                    .map_err(|e| api_error(e, "scale the sentinels"))?;
                format!("deployment {name}")
            }
            _ => return Err(self.sentinel_resize_blocker().unwrap_or_else(|| Error::usage("no sentinel workload"))),
        };
        self.changes.note();
        let ready = |k: &Kubernetes| k.separate_sentinels.iter().filter(|p| p.ready && p.addr.is_some()).count();
        if self.refresh_until(wait, |k| ready(k) == count && k.separate_sentinels.len() == count).await? {
            return Ok(());
        }
        let pods = &self.separate_sentinels;
        let states: Vec<String> = pods.iter().filter(|p| !p.ready).map(|p| format!("{} is {}", p.name, p.state)).collect();
        Err(Error::failed(format!(
            "{described} did not reach {count} ready sentinel pod(s) within {}: {} ready of {}{}",
            crate::units::format(wait),
            ready(self),
            pods.len(),
            if states.is_empty() { String::new() } else { format!("; {}", states.join("; ")) }
        ))
        .hint(format!(
            "kubectl get pods -n {} -l {}; then run the same command again",
            self.namespace,
            self.sentinel_selector.clone().unwrap_or_default()
        )))
    }

    /// Why resizing is not this tool's job here, if it is not.
    pub fn resize_blocker(&self) -> Option<Error> {
        let Some(w) = &self.workload else {
            return Some(
                Error::usage("pods chosen by --selector cannot be added or removed by the tool")
                    .hint("name the StatefulSet instead, e.g. kubectl redis scale redis-cluster --masters 4"),
            );
        };
        w.owner.as_ref().map(|owner| {
            Error::refused(format!("statefulset {} is managed by {owner}", w.name))
                .hint(format!("change the size on {owner}; its controller would undo a change made here"))
        })
    }

    /// Sets the StatefulSet's replicas (scale subresource) and waits until the pods match:
    /// ordinals below `count` Ready with an IP, the others gone.
    pub async fn resize(&mut self, count: usize, wait: Duration) -> Result<()> {
        if let Some(e) = self.resize_blocker() {
            return Err(e);
        }
        let name = self.workload.as_ref().map(|w| w.name.clone()).unwrap_or_default();
        if self.workload.as_ref().is_some_and(|w| w.replicas != count) {
            self.changes.note();
        }
        let sets: Api<StatefulSet> = Api::namespaced(self.client.clone(), &self.namespace);
        let patch = serde_json::json!({ "spec": { "replicas": count } });
        sets.patch_scale(&name, &PatchParams::default(), &Patch::Merge(&patch)).await.map_err(|e| api_error(e, "scale"))?;
        if !self.refresh_until(wait, |k| k.not_settled(count).is_empty()).await? {
            let pending = self.not_settled(count);
            let mut reasons = Vec::new();
            for (pod, state) in pending.iter().take(3) {
                match self.last_event(pod).await {
                    Some(event) => reasons.push(format!("{state}; last event {event}")),
                    None => reasons.push(state.clone()),
                }
            }
            reasons.extend(pending.iter().skip(3).map(|(_, state)| state.clone()));
            return Err(Error::failed(format!(
                "statefulset {name} did not reach {count} ready pod(s) within {}: {}",
                crate::units::format(wait),
                reasons.join("; ")
            ))
            .hint(format!("kubectl describe pod -n {} {}; then run the same command again", self.namespace, pending[0].0)));
        }
        if let Some(w) = self.workload.as_mut() {
            w.replicas = count;
        }
        Ok(())
    }

    /// Pods that keep the StatefulSet from having exactly `count` ready ordinals: name, and why.
    pub(super) fn not_settled(&self, count: usize) -> Vec<(String, String)> {
        let mut pending = Vec::new();
        for ordinal in 0..count {
            let name = self.member_name(ordinal);
            match self.pods.iter().find(|p| p.name == name) {
                Some(p) if p.ready && p.addr.is_some() => {}
                Some(p) => pending.push((name.clone(), format!("{name} is not ready ({})", p.state))),
                None => pending.push((name.clone(), format!("{name} does not exist yet"))),
            }
        }
        for p in self.pods.iter().filter(|p| p.ordinal.is_some_and(|o| o >= count)) {
            pending.push((p.name.clone(), format!("{} is still there ({})", p.name, p.state)));
        }
        pending
    }

    /// Why a new image cannot be rolled out by deleting pods, if it cannot: a StatefulSet that
    /// replaces pods itself (RollingUpdate) would roll the new template out by ordinal, masters
    /// before their replicas take over, beside this command.
    pub fn image_blocker(&self) -> Option<Error> {
        let w = self.workload.as_ref()?;
        if w.update_strategy == "OnDelete" {
            return None;
        }
        Some(
            Error::refused(format!(
                "statefulset {} replaces its pods itself on a template change ({}): it would roll a new image out by ordinal, masters first",
                w.name, w.update_strategy
            ))
            .hint(format!(
                "let only `kubectl redis restart` replace them: kubectl patch statefulset {} -n {} -p '{{\"spec\":{{\"updateStrategy\":{{\"type\":\"OnDelete\"}}}}}}'",
                w.name, self.namespace
            )),
        )
    }

    /// Puts `image` in the pod template's Redis container (pods recreated from now on run it).
    pub async fn set_image(&mut self, image: &str) -> Result<()> {
        if let Some(why) = self.image_blocker() {
            return Err(why);
        }
        let Some(w) = self.workload.as_mut() else { return Err(Error::usage("pods chosen by --selector have no template")) };
        let Some((container, current)) = w.container.as_mut() else {
            return Err(Error::refused(format!("statefulset {} has no Redis container in its pod template", w.name))
                .hint("name the port of the Redis container `redis`"));
        };
        if current == image {
            return Ok(());
        }
        let patch =
            serde_json::json!({ "spec": { "template": { "spec": { "containers": [{ "name": container, "image": image }] } } } });
        let sets: Api<StatefulSet> = Api::namespaced(self.client.clone(), &self.namespace);
        sets.patch(&w.name, &PatchParams::default(), &Patch::Strategic(patch))
            .await
            .map_err(|e| api_error(e, &format!("set the image of statefulset {}", w.name)))?;
        self.changes.note();
        *current = image.to_owned();
        Ok(())
    }

    /// Deletes a pod for its StatefulSet to recreate, and waits until the new one (a new UID
    /// under the same name) is Ready with an IP.
    pub async fn restart_pod(&mut self, name: &str, wait: Duration) -> Result<()> {
        let old =
            self.pods.iter().find(|p| p.name == name).map(|p| p.uid.clone()).ok_or_else(|| {
                Error::usage(format!("no pod {name} among the target's")).hint("`kubectl redis status` lists them")
            })?;
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), &self.namespace);
        pods.delete(name, &DeleteParams::default()).await.map_err(|e| api_error(e, &format!("delete pod {name}")))?;
        self.changes.note();
        let back = |k: &Kubernetes| k.pods.iter().any(|p| p.name == name && p.uid != old && p.ready && p.addr.is_some());
        if self.refresh_until(wait, back).await? {
            return Ok(());
        }
        match self.pods.iter().find(|p| p.name == name) {
            Some(p) => {
                let event = self.last_event(name).await.map(|e| format!("; last event {e}")).unwrap_or_default();
                Err(Error::failed(format!("pod {name} was not back within {}: {}{event}", crate::units::format(wait), p.state))
                    .hint(format!("kubectl describe pod -n {} {name}", self.namespace)))
            }
            None => Err(Error::failed(format!("pod {name} was not recreated within {}", crate::units::format(wait)))
                .hint(format!("kubectl get statefulset -n {} to see why", self.namespace))),
        }
    }

    /// Deletes the claims of every ordinal from `from` up (removed members' storage), stopping at
    /// the first ordinal that has none left: a re-run after an interrupted shrink finds the rest.
    pub async fn delete_claims_from(&self, from: usize) -> Result<()> {
        let Some(w) = &self.workload else { return Ok(()) };
        let claims: Api<PersistentVolumeClaim> = Api::namespaced(self.client.clone(), &self.namespace);
        for ordinal in from.. {
            let mut found = false;
            for template in &w.claim_templates {
                let claim = format!("{template}-{}-{ordinal}", w.name);
                match claims.delete(&claim, &DeleteParams::default()).await {
                    Ok(_) => {
                        self.changes.note();
                        found = true;
                    }
                    Err(kube::Error::Api(s)) if s.code == 404 => {}
                    Err(e) => return Err(api_error(e, &format!("delete claim {claim}"))),
                }
            }
            if !found {
                return Ok(());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(ordinal: usize, ready: bool) -> PodFacts {
        PodFacts {
            name: format!("redis-cluster-{ordinal}"),
            ordinal: Some(ordinal),
            addr: Some(NodeAddr::new(format!("10.0.0.{ordinal}"), 6379)),
            ready,
            running: true,
            node: None,
            zone: None,
            state: if ready { "Running".into() } else { "Running, not ready".into() },
            dns: Vec::new(),
            sentinel: None,
            restarts: 0,
            uid: None,
            containers: Vec::new(),
            image: None,
            container: None,
        }
    }

    #[tokio::test]
    async fn a_scale_is_settled_when_exactly_the_ordinals_below_it_are_ready() {
        let k = offline(Some(test_workload(3)), vec![member(0, true), member(1, false), member(3, true)]);
        let pending: Vec<String> = k.not_settled(3).into_iter().map(|(_, why)| why).collect();
        assert_eq!(
            pending,
            [
                "redis-cluster-1 is not ready (Running, not ready)",
                "redis-cluster-2 does not exist yet",
                "redis-cluster-3 is still there (Running)"
            ]
        );
        assert!(offline(Some(test_workload(1)), vec![member(0, true)]).not_settled(1).is_empty());
    }

    #[tokio::test]
    async fn an_owned_statefulset_or_a_selector_is_not_resized_and_only_on_delete_takes_a_new_image() {
        let owned = Workload { owner: Some("RedisCluster/prod".into()), ..test_workload(3) };
        assert!(offline(Some(owned), Vec::new()).resize_blocker().unwrap().message.contains("managed by RedisCluster/prod"));
        assert!(offline(None, Vec::new()).resize_blocker().is_some());
        assert!(offline(Some(test_workload(3)), Vec::new()).resize_blocker().is_none());
        assert!(offline(Some(test_workload(3)), Vec::new()).image_blocker().is_some());
        let on_delete = Workload { update_strategy: "OnDelete".into(), ..test_workload(3) };
        assert!(offline(Some(on_delete), Vec::new()).image_blocker().is_none());
    }
}
