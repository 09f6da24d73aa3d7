//! The API client: kubeconfig (files merged as kubectl merges them, or in-cluster settings),
//! context and namespace, proxies, and the timeouts of API calls and of streams.

use super::*;

/// Names of the StatefulSets in the selection's namespace (for shell completion).
pub async fn statefulset_names(selection: &Selection, timeout: Duration) -> Result<Vec<String>> {
    let (clients, namespace) = connect(selection, timeout).await?;
    let sets: Api<StatefulSet> = Api::namespaced(clients.api, &namespace);
    let list = sets.list(&ListParams::default()).await.map_err(|e| api_error(e, "list statefulsets"))?;
    Ok(list.items.into_iter().filter_map(|s| s.metadata.name).collect())
}

/// The two clients of one configuration.
pub(super) struct Clients {
    /// Every request and its reply bounded by the timeout.
    pub(super) api: Client,
    /// Connecting bounded by the timeout, reading and writing not: an open port-forward or exec
    /// stream may rightly stay idle (a prompt, MONITOR, a pooled connection between batches).
    /// Each Redis call through it is bounded by the redis layer instead, and an exec session by
    /// whoever runs it.
    pub(super) streams: Client,
}

/// The clients, and the namespace to work in (the context's unless given).
pub(super) async fn connect(selection: &Selection, timeout: Duration) -> Result<(Clients, String)> {
    let mut config = load_config(selection).await?;
    let var = |name: &str| std::env::var(name).ok();
    config.proxy_url = crate::platform::proxy::choose(&config.cluster_url, kubeconfig_proxy_url(selection).as_deref(), var)
        .map_err(|e| Error::usage(e).hint("fix the proxy-url of the kubeconfig's cluster, or HTTPS_PROXY / HTTP_PROXY"))?;
    config.connect_timeout = Some(timeout);
    config.read_timeout = None;
    config.write_timeout = None;
    let client = |config: Config| Client::try_from(config).map_err(|e| Error::unreachable(format!("Kubernetes client: {e}")));
    let streams = client(config.clone())?;
    config.read_timeout = Some(timeout);
    config.write_timeout = Some(timeout);
    let namespace = selection.namespace.clone().unwrap_or_else(|| config.default_namespace.clone());
    Ok((Clients { api: client(config)?, streams }, namespace))
}

pub(super) async fn load_config(selection: &Selection) -> Result<Config> {
    let options = KubeConfigOptions { context: selection.context.clone(), ..Default::default() };
    let result = match &selection.kubeconfig {
        Some(path) => {
            let file = Kubeconfig::read_from(path).map_err(|e| {
                Error::usage(format!("--kubeconfig {}: {e}", path.display())).hint("pass a readable kubeconfig file")
            })?;
            Config::from_custom_kubeconfig(file, &options).await
        }
        None if selection.context.is_some() => Config::from_kubeconfig(&options).await,
        None => return Config::infer().await.map_err(|e| config_error(&e.to_string())),
    };
    result.map_err(|e| config_error(&e.to_string()))
}

/// The `proxy-url` of the cluster the selected context uses, if the kubeconfig sets one.
pub(super) fn kubeconfig_proxy_url(selection: &Selection) -> Option<String> {
    let kubeconfig = match &selection.kubeconfig {
        Some(path) => Kubeconfig::read_from(path).ok()?,
        None => Kubeconfig::read().ok()?,
    };
    let context = selection.context.clone().or(kubeconfig.current_context.clone())?;
    let cluster = kubeconfig.contexts.iter().find(|c| c.name == context)?.context.as_ref()?.cluster.clone();
    kubeconfig.clusters.iter().find(|c| c.name == cluster)?.cluster.as_ref()?.proxy_url.clone()
}

pub(super) fn config_error(message: &str) -> Error {
    Error::usage(format!("no usable Kubernetes configuration: {message}"))
        .hint("set KUBECONFIG or pass --kubeconfig (and --context), as for kubectl")
}

/// An API error as one line: the server's message (which names the resource and the verb), and
/// what to do about a 403.
pub(super) fn api_error(e: kube::Error, doing: &str) -> Error {
    match e {
        kube::Error::Api(s) if s.code == 403 => Error::refused(format!("Kubernetes refused to {doing}: {}", s.message))
            .hint("ask for that permission in this namespace (the message names the resource and the verb)"),
        kube::Error::Api(s) => Error::failed(format!("Kubernetes could not {doing}: {} ({})", s.message, s.code)),
        e => Error::unreachable(format!("Kubernetes API: could not {doing}: {e}"))
            .hint("check the API server address in your kubeconfig and your network"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proxy_url_is_the_one_of_the_selected_contexts_cluster() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(
            &path,
            r#"apiVersion: v1
kind: Config
current-context: near
clusters:
- name: near
  cluster: { server: "https://127.0.0.1:6443" }
- name: far
  cluster: { server: "https://127.0.0.2:6443", proxy-url: "http://127.0.0.3:3128" }
contexts:
- name: near
  context: { cluster: near, user: u }
- name: far
  context: { cluster: far, user: u }
users:
- name: u
  user: { token: t }
"#,
        )
        .unwrap();
        let selection = |context: Option<&str>| Selection {
            kubeconfig: Some(path.clone()),
            context: context.map(str::to_owned),
            ..Default::default()
        };
        assert_eq!(kubeconfig_proxy_url(&selection(None)), None);
        assert_eq!(kubeconfig_proxy_url(&selection(Some("far"))).as_deref(), Some("http://127.0.0.3:3128"));
    }

    #[test]
    fn a_forbidden_request_is_a_refusal_that_says_what_to_ask_for() {
        let status = |code: u16| {
            kube::Error::Api(Box::new(kube::core::Status { code, message: "pods is forbidden".into(), ..Default::default() }))
        };
        let refused = api_error(status(403), "list pods");
        assert_eq!(refused.kind, crate::error::Kind::Refused);
        assert!(refused.hint.unwrap().contains("permission"));
        assert_eq!(api_error(status(500), "list pods").kind, crate::error::Kind::Failed);
    }
}
