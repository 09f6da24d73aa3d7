//! Streams to pods: port-forward to a pod's IP (`PortForward`), the DNS names TLS checks
//! (`PodNames`), and redis-cli run in a pod through exec.

use super::*;

/// A pod as its IP finds it.
#[derive(Debug, Clone)]
pub(super) struct PodName {
    pub(super) name: String,
    pub(super) dns: Vec<String>,
}

/// The pods of a namespace by IP: of the target, or of another workload (a cluster may span
/// several StatefulSets, as an operator's leader and follower sets do). An IP not seen yet sends
/// it to the API server again.
pub struct PodDirectory {
    pub(super) pods: Api<Pod>,
    /// The same pods through the stream client, for port-forwards.
    pub(super) forwards: Api<Pod>,
    pub(super) namespace: String,
    pub(super) by_ip: Mutex<BTreeMap<String, PodName>>,
}

impl PodDirectory {
    async fn at(&self, ip: &str) -> Result<Option<PodName>> {
        if let Some(pod) = self.by_ip.lock().unwrap_or_else(|e| e.into_inner()).get(ip) {
            return Ok(Some(pod.clone()));
        }
        let list = self.pods.list(&ListParams::default()).await.map_err(|e| api_error(e, "list pods"))?;
        let mut by_ip = self.by_ip.lock().unwrap_or_else(|e| e.into_inner());
        for pod in list.items {
            let dns = dns_names(&pod, &self.namespace);
            if let (Some(name), Some(ip)) = (pod.metadata.name, pod.status.and_then(|s| s.pod_ip)) {
                by_ip.insert(ip, PodName { name, dns });
            }
        }
        Ok(by_ip.get(ip).cloned())
    }
}

/// Streams to pods through the API server's port-forward. Every address must be a pod's IP; one
/// that is no pod's is refused, never dialled directly: from outside the cluster it is
/// unreachable or, worse, someone else's.
pub struct PortForward(pub Arc<PodDirectory>);

impl Route for PortForward {
    fn open<'a>(&'a self, addr: &'a NodeAddr) -> BoxFuture<'a, Result<Box<dyn NodeStream>>> {
        Box::pin(async move {
            let directory = &self.0;
            let pod = directory.at(&addr.host).await?.ok_or_else(|| {
                Error::refused(format!("{addr} is no pod's IP in namespace {}: not reached through port-forward", directory.namespace))
                    .hint("a node outside the namespace, or an address the cluster remembers from a pod that is gone (`kubectl redis fix` forgets ghosts)")
            })?;
            let mut forwarder = directory
                .forwards
                .portforward(&pod.name, &[addr.port])
                .await
                .map_err(|e| api_error(e, &format!("port-forward to {}", pod.name)))?;
            let stream = forwarder
                .take_stream(addr.port)
                .ok_or_else(|| Error::unreachable(format!("port-forward to {}:{} gave no stream", pod.name, addr.port)))?;
            // The forwarder's task relays until the connection closes.
            tokio::spawn(async move {
                let _ = forwarder.join().await;
            });
            Ok(Box::new(stream) as Box<dyn NodeStream>)
        })
    }
}

/// The DNS names of the pod at an address, for TLS (none when no pod has it).
pub struct PodNames(pub Arc<PodDirectory>);

impl NodeNames for PodNames {
    fn names<'a>(&'a self, addr: &'a NodeAddr) -> BoxFuture<'a, Vec<String>> {
        Box::pin(async move { self.0.at(&addr.host).await.ok().flatten().map(|p| p.dns).unwrap_or_default() })
    }
}

impl Kubernetes {
    /// Runs redis-cli in the Redis container of the pod at `addr` (see `exec`).
    pub async fn exec_cli(&self, addr: &NodeAddr, args: &[String], connector: &Connector) -> Result<i32> {
        let (password, timeout) = (connector.credentials.password(), connector.timeout);
        let pod = self.pods.iter().find(|p| p.addr.as_ref() == Some(addr)).ok_or_else(|| {
            Error::refused(format!("{addr} is no pod of {}", self.describe())).hint("`kubectl redis status` lists the pods")
        })?;
        let api: Api<Pod> = Api::namespaced(self.streams.clone(), &self.namespace);
        let client = crate::platform::exec::pod_client(addr, args, pod.container.as_deref(), password.is_some());
        let process = tokio::time::timeout(timeout, api.exec(&pod.name, client.command, &client.params))
            .await
            .map_err(|_| Error::unreachable(format!("exec in {}: no answer within {timeout:?}", pod.name)))?
            .map_err(|e| {
                let forbidden = matches!(&e, kube::Error::Api(s) if s.code == 403);
                let error = api_error(e, &format!("exec in {}", pod.name));
                match forbidden {
                    true => error.hint("--exec needs `create` and `get` on pods/exec: `kubectl redis generate rbac --with exec`"),
                    false => error,
                }
            })?;
        crate::platform::exec::relay(process, &pod.name, client.tty, password, timeout).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_pod_seen_before_is_named_without_asking_the_api_server() {
        let k = offline(None, Vec::new());
        let directory = k.pod_directory();
        let pod = PodName { name: "redis-cluster-0".into(), dns: vec!["redis-cluster-0.redis-cluster".into()] };
        directory.by_ip.lock().unwrap().insert("10.0.0.5".into(), pod);
        let names = PodNames(directory).names(&NodeAddr::new("10.0.0.5", 6379)).await;
        assert_eq!(names, ["redis-cluster-0.redis-cluster"]);
    }
}
