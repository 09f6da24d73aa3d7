//! A fake Kubernetes API server for the tests: HTTP on 127.0.0.1 with a generated kubeconfig,
//! speaking the real REST paths and JSON the tool's `kube` client uses — a StatefulSet and its
//! scale subresource, pods listed by label selector, Nodes with zone labels, PersistentVolumeClaims,
//! Secrets (data base64-encoded, as the API returns it), Leases (with resourceVersion conflicts),
//! `Status` bodies for errors, pod exec (`pod_exec`), and pod port-forward over WebSocket (`v4.channel.k8s.io`: each
//! message is a channel byte and a payload; port i uses channels 2i (data) and 2i+1 (errors), and the
//! first message on each is the port number). Its "kubelet" is a sandbox of real servers: pod `NAME-i` is
//! sandbox node i (its loopback IP is the pod IP, its virtual host the Kubernetes node); scaling
//! the StatefulSet scales the sandbox, keeping removed members' data directories as their claims.
//! Every request is authorized against the rules of `deploy/rbac.yaml` (Role and ClusterRole):
//! anything else gets the 403 a real API server sends, which proves the documented RBAC is enough.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{Sandbox, Server, run_in};

/// The one namespace the fake serves.
pub const NAMESPACE: &str = "redis";

/// A StatefulSet on a fake API server, its pods run by a sandbox.
pub struct FakeKube {
    pub sandbox: Sandbox,
    pub kubeconfig: PathBuf,
    pub statefulset: String,
    /// `--connect` for every run: `port-forward` unless changed.
    pub connect: &'static str,
    world: Arc<Mutex<World>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

struct World {
    statefulset: String,
    replicas: usize,
    /// `kind name` of a controller that owns the StatefulSet.
    owner: Option<String>,
    state: PathBuf,
    sandbox: String,
    claims: BTreeSet<String>,
    secrets: BTreeMap<String, BTreeMap<String, String>>,
    /// The Secret and key the pod template's REDIS_PASSWORD comes from.
    password_from: Option<(String, String)>,
    /// The rules of deploy/rbac.yaml that are in force.
    rules: Vec<Rule>,
    leases: BTreeMap<String, Value>,
    /// How long each read of a Lease takes to answer (an API server under load).
    lease_read_delay: Duration,
    /// How many pods the Kubernetes nodes can hold: pods of higher ordinals stay Pending.
    capacity: Option<usize>,
    /// Members from this ordinal on are pods of a second StatefulSet, `<name>-follower`.
    followers_from: Option<usize>,
    /// Members that run but that no pod stands for (their IP is no pod's).
    hidden: BTreeSet<usize>,
    /// Scales still being carried out (as a StatefulSet does, after the PATCH returned): joined
    /// before the sandbox goes down, or one would bring it back.
    scalers: Vec<std::thread::JoinHandle<()>>,
    resource_version: u64,
    /// Every request as `VERB path`, for assertions.
    requests: Vec<String>,
    /// Each pod also runs a sentinel container (a Sentinel sandbox's sentinel on the pod's IP).
    sentinel: bool,
    /// A Deployment of this name runs the sentinels (a Sentinel sandbox's separate sentinels).
    sentinel_deployment: Option<String>,
    /// The ClusterIP of each pod's "announce" Service (redis-ha), by ordinal.
    announce: Vec<String>,
    /// Container restarts by ordinal (`restart_pods`), as the kubelet counts them.
    restarts: BTreeMap<usize, u32>,
    /// How many times each ordinal's pod was deleted and recreated: part of its UID.
    generations: BTreeMap<usize, u32>,
    /// Variables with literal values in the redis container (as hand-written manifests have).
    literal_env: Vec<(String, String)>,
    /// The pod template's Redis image, and the images of pods created before it changed.
    image: String,
    pod_images: BTreeMap<usize, String>,
    /// `spec.updateStrategy.type`; unset, the API server's default (RollingUpdate).
    update_strategy: Option<String>,
}

type Shared = Arc<Mutex<World>>;

impl FakeKube {
    /// A StatefulSet `redis-cluster` with `replicas` ready pods running `server`.
    pub fn start(server: Server, replicas: usize) -> FakeKube {
        FakeKube::start_with(server, replicas, &[])
    }

    /// Like `start`, with extra server options for every pod (e.g. persistence).
    pub fn start_with(server: Server, replicas: usize, server_args: &[String]) -> FakeKube {
        let mut sandbox = Sandbox::start(server, 0);
        sandbox.grow_with(replicas, server_args);
        FakeKube::serve(sandbox, "redis-cluster", replicas, false)
    }

    /// A Bitnami-shaped Sentinel StatefulSet `redis-node`: each pod runs redis (port `redis`) and
    /// a sentinel container (port `redis-sentinel`), both with the password of Secret `redis`
    /// key `redis-password`; the group is formed, as the chart's start scripts form it.
    pub fn start_sentinel_group(server: Server, replicas: usize, password: &str) -> FakeKube {
        Self::sentinel_statefulset(server, replicas, password, true)
    }

    /// The same StatefulSet with its servers and sentinels blank: no group formed yet.
    pub fn start_blank_sentinel_statefulset(server: Server, replicas: usize, password: &str) -> FakeKube {
        Self::sentinel_statefulset(server, replicas, password, false)
    }

    fn sentinel_statefulset(server: Server, replicas: usize, password: &str, formed: bool) -> FakeKube {
        let sandbox = Self::group_sandbox(server, replicas, None, password, formed);
        let fake = FakeKube::serve(sandbox, "redis-node", replicas, true);
        fake.put_secret("redis", &[("redis-password", password)]);
        fake.take_password_from("redis", "redis-password");
        fake
    }

    /// Hand-written manifests: a StatefulSet `redis` of members and a Deployment `redis-sentinel`
    /// of `sentinels` sentinel pods (a Sentinel sandbox's separate sentinels), the password in
    /// Secret `redis` key `redis-password`.
    pub fn start_sentinel_deployment(server: Server, replicas: usize, sentinels: usize, password: &str) -> FakeKube {
        let sandbox = Self::group_sandbox(server, replicas, Some(sentinels), password, true);
        let fake = FakeKube::serve(sandbox, "redis", replicas, false);
        fake.world.lock().unwrap().sentinel_deployment = Some("redis-sentinel".to_owned());
        fake.put_secret("redis", &[("redis-password", password)]);
        fake.take_password_from("redis", "redis-password");
        fake
    }

    /// A Sentinel sandbox whose members need `password`, formed into a group when `formed`.
    fn group_sandbox(server: Server, replicas: usize, separate: Option<usize>, password: &str, formed: bool) -> Sandbox {
        let state = tempfile::tempdir().expect("temp dir");
        let mut sandbox = Sandbox { state, name: "t".to_owned(), server, addrs: Vec::new(), pids: Vec::new() };
        let (count, path) = (replicas.to_string(), server.path());
        let (pass, auth) = (format!("--server-arg={password}"), [("REDISCLI_AUTH", password)]);
        let mut up = vec!["sandbox", "up", "--name", "t", "--sentinel", "--nodes", &count, "--server", path.to_str().unwrap()];
        up.extend(["--server-arg=--requirepass", &pass, "--server-arg=--masterauth", &pass]);
        let separate = separate.map(|n| n.to_string());
        if let Some(n) = &separate {
            up.extend(["--separate", "--sentinels", n]);
        }
        sandbox.run(&up).expect(0);
        if formed {
            sandbox.run_env(&["create", "--sentinel", "--sandbox=t", "--yes"], &auth).expect(0);
        }
        sandbox.refresh();
        sandbox
    }

    fn serve(sandbox: Sandbox, statefulset: &str, replicas: usize, sentinel: bool) -> FakeKube {
        let statefulset = statefulset.to_owned();
        let world = Arc::new(Mutex::new(World {
            statefulset: statefulset.clone(),
            replicas,
            owner: None,
            state: sandbox.state.path().to_owned(),
            sandbox: sandbox.name.clone(),
            claims: (0..replicas).map(|i| format!("data-{statefulset}-{i}")).collect(),
            secrets: BTreeMap::new(),
            password_from: None,
            rules: rbac_rules(true),
            leases: BTreeMap::new(),
            lease_read_delay: Duration::ZERO,
            capacity: None,
            followers_from: None,
            hidden: BTreeSet::new(),
            scalers: Vec::new(),
            resource_version: 1,
            requests: Vec::new(),
            sentinel,
            sentinel_deployment: None,
            announce: Vec::new(),
            restarts: BTreeMap::new(),
            generations: BTreeMap::new(),
            literal_env: Vec::new(),
            image: if sandbox.server == Server::Valkey { "valkey/valkey:9.0" } else { "redis:7.0" }.to_owned(),
            pod_images: BTreeMap::new(),
            update_strategy: None,
        }));
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let shared = world.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let app = router(shared);
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        stopped.await.ok();
                    })
                    .await
                    .unwrap();
            });
        });
        let addr = addr_rx.recv().unwrap();
        let kubeconfig = sandbox.state.path().join("kubeconfig");
        std::fs::write(&kubeconfig, kubeconfig_text(&format!("http://{addr}"))).unwrap();
        FakeKube { sandbox, kubeconfig, statefulset, connect: "port-forward", world, stop: Some(stop), thread: Some(thread) }
    }

    /// Runs the tool against the StatefulSet: `args` then the StatefulSet, kubeconfig and connect flags.
    pub fn run(&self, args: &[&str]) -> super::Run {
        run_in(self.sandbox.state.path(), &self.args(args).iter().map(String::as_str).collect::<Vec<_>>(), &[])
    }

    /// Like `run`, then `--` and a Redis command (`cli`, `call`).
    pub fn run_command(&self, args: &[&str], command: &[&str]) -> super::Run {
        let mut all = self.args(args);
        all.push("--".to_owned());
        all.extend(command.iter().map(|w| (*w).to_owned()));
        run_in(self.sandbox.state.path(), &all.iter().map(String::as_str).collect::<Vec<_>>(), &[])
    }

    /// Like `run`, in the background.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        self.sandbox.spawn(&self.args(args).iter().map(String::as_str).collect::<Vec<_>>())
    }

    /// A kubeconfig for the same server whose user's credentials come from an exec plugin.
    pub fn kubeconfig_with_exec(&self, plugin: &std::path::Path) -> PathBuf {
        let text = std::fs::read_to_string(&self.kubeconfig).unwrap();
        let exec = format!(
            "user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {}\n      interactiveMode: Never",
            plugin.display()
        );
        let path = self.sandbox.state.path().join("kubeconfig-exec");
        std::fs::write(&path, text.replace("user: {}", &exec)).unwrap();
        path
    }

    /// The port the fake API server listens on.
    pub fn kubeconfig_port(&self) -> u16 {
        let text = std::fs::read_to_string(&self.kubeconfig).unwrap();
        let server = text.lines().find_map(|l| l.trim().strip_prefix("server: http://127.0.0.1:")).unwrap();
        server.parse().unwrap()
    }

    /// A kubeconfig naming the server by `host` (the port stays) and, when given, a `proxy-url`.
    pub fn kubeconfig_naming(&self, host: &str, proxy_url: Option<&str>) -> PathBuf {
        let text = std::fs::read_to_string(&self.kubeconfig).unwrap().replace("http://127.0.0.1:", &format!("http://{host}:"));
        let text = match proxy_url {
            Some(proxy) => text.replace("  cluster:\n", &format!("  cluster:\n    proxy-url: {proxy}\n")),
            None => text,
        };
        let path = self.sandbox.state.path().join(format!("kubeconfig-{host}-{}", proxy_url.is_some()));
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Like `run`, as from another machine: with a state directory of its own.
    pub fn run_elsewhere(&self, state: &std::path::Path, args: &[&str]) -> super::Run {
        run_in(state, &self.args(args).iter().map(String::as_str).collect::<Vec<_>>(), &[])
    }

    /// Runs the tool with `args` naming the StatefulSet themselves (where other positionals follow it).
    pub fn run_naming(&self, args: &[&str]) -> super::Run {
        let kubeconfig = self.kubeconfig.to_str().unwrap();
        let all: Vec<&str> = args.iter().copied().chain(["--kubeconfig", kubeconfig, "--connect", self.connect]).collect();
        run_in(self.sandbox.state.path(), &all, &[])
    }

    /// `args`, then the StatefulSet, kubeconfig and connect flags.
    pub fn args(&self, args: &[&str]) -> Vec<String> {
        let kubeconfig = self.kubeconfig.to_str().unwrap();
        let target = [self.statefulset.as_str(), "--kubeconfig", kubeconfig, "--connect", self.connect];
        args.iter().chain(&target).map(|a| (*a).to_owned()).collect()
    }

    /// Marks the StatefulSet as owned by a controller (like an operator's custom resource).
    pub fn set_owner(&self, owner: &str) {
        self.world.lock().unwrap().owner = Some(owner.to_owned());
    }

    /// Withdraws the optional ClusterRole that lets the tool read Nodes (and so zones).
    pub fn revoke_zone_access(&self) {
        self.world.lock().unwrap().rules = rbac_rules(false);
    }

    /// Sets the StatefulSet's `spec.updateStrategy.type`.
    pub fn set_update_strategy(&self, strategy: &str) {
        self.world.lock().unwrap().update_strategy = Some(strategy.to_owned());
    }

    /// The pod template's Redis image.
    pub fn template_image(&self) -> String {
        self.world.lock().unwrap().image.clone()
    }

    /// Gives the redis container a variable with a literal value.
    pub fn add_literal_env(&self, name: &str, value: &str) {
        self.world.lock().unwrap().literal_env.push((name.to_owned(), value.to_owned()));
    }

    /// The pods' Redis password becomes `password`, read from Secret `redis-cluster` as charts do.
    pub fn require_password(&self, password: &str) {
        self.put_secret(&self.statefulset, &[("redis-password", password)]);
        for i in 0..self.sandbox.addrs.len() {
            let mut conn = self.sandbox.conn(i);
            super::query::<()>(&mut conn, &["CONFIG", "SET", "masterauth", password]);
            super::query::<()>(&mut conn, &["CONFIG", "SET", "requirepass", password]);
        }
        self.take_password_from(&self.statefulset, "redis-password");
    }

    /// Puts in force the Role rules of an RBAC manifest (e.g. `generate rbac --with logs`).
    pub fn enforce_rules(&self, manifests: &str) {
        self.world.lock().unwrap().rules = rules_of(manifests, true);
    }

    /// Takes a verb on a resource out of the rules, as a narrower Role would.
    pub fn revoke(&self, resource: &str, verb: &str) {
        for rule in self.world.lock().unwrap().rules.iter_mut().filter(|r| r.resources.iter().any(|x| x == resource)) {
            rule.verbs.retain(|v| v != verb);
        }
    }

    /// Puts every rule of deploy/rbac.yaml back in force.
    pub fn restore_rules(&self) {
        self.world.lock().unwrap().rules = rbac_rules(true);
    }

    /// Members from `first` on become pods of another StatefulSet of the namespace
    /// (`redis-cluster-follower-0`, …), as an operator's leader and follower sets split a cluster.
    pub fn split_followers(&self, first: usize) {
        let mut w = self.world.lock().unwrap();
        (w.followers_from, w.replicas) = (Some(first), first);
    }

    /// Member `index` keeps running, but no pod has its IP any more (`None`: every member shows).
    pub fn hide_pod(&self, index: Option<usize>) {
        self.world.lock().unwrap().hidden = index.into_iter().collect();
    }

    /// Port-forward sessions per pod name.
    pub fn forwarded_to(&self, pod: &str) -> usize {
        self.requests().iter().filter(|r| r.strip_prefix("PORTFORWARD pods/") == Some(pod)).count()
    }

    /// Lets only `pods` pods be scheduled: the scheduler leaves the others Pending, with events
    /// that say why, as on a cluster out of memory.
    pub fn limit_capacity(&self, pods: usize) {
        self.world.lock().unwrap().capacity = Some(pods);
    }

    pub fn lease(&self, name: &str) -> Option<Value> {
        self.world.lock().unwrap().leases.get(name).cloned()
    }

    /// Someone else holds the lease from now on, for `duration_secs` without renewal; the rest of
    /// the object (the journal annotation) stays.
    pub fn put_lease(&self, name: &str, holder: &str, duration_secs: u64) {
        let now = k8s_openapi::jiff::Timestamp::now().to_string();
        let mut w = world_version(&self.world);
        let version = w.resource_version.to_string();
        let lease = w.leases.entry(name.to_owned()).or_insert_with(|| {
            json!({ "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                    "metadata": { "name": name, "namespace": NAMESPACE }, "spec": { "leaseTransitions": 3 } })
        });
        lease["metadata"]["resourceVersion"] = json!(version);
        let spec = &mut lease["spec"];
        spec["holderIdentity"] = json!(holder);
        spec["leaseDurationSeconds"] = json!(duration_secs);
        spec["acquireTime"] = json!(now);
        spec["renewTime"] = json!(now);
    }

    /// From now on every read of a Lease is answered `delay` late.
    pub fn slow_lease_reads(&self, delay: Duration) {
        self.world.lock().unwrap().lease_read_delay = delay;
    }

    /// The pods deleted so far, as the API server saw the requests.
    pub fn pod_deletions(&self) -> usize {
        self.requests().iter().filter(|r| r.starts_with("DELETE pods/")).count()
    }

    /// The holder renews: a new renewTime and resourceVersion, as a live run's renewals give.
    pub fn renew_lease(&self, name: &str) {
        let now = k8s_openapi::jiff::Timestamp::now().to_string();
        let mut w = world_version(&self.world);
        let version = w.resource_version.to_string();
        if let Some(lease) = w.leases.get_mut(name) {
            lease["metadata"]["resourceVersion"] = json!(version);
            lease["spec"]["renewTime"] = json!(now);
        }
    }

    /// The holder releases the lease (clears the holder), as a run that ended does.
    pub fn release_lease(&self, name: &str) {
        let mut w = world_version(&self.world);
        let version = w.resource_version.to_string();
        if let Some(lease) = w.leases.get_mut(name) {
            lease["metadata"]["resourceVersion"] = json!(version);
            lease["spec"]["holderIdentity"] = Value::Null;
        }
    }

    /// Creates or replaces a Secret.
    pub fn put_secret(&self, name: &str, data: &[(&str, &str)]) {
        let data = data.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        self.world.lock().unwrap().secrets.insert(name.to_owned(), data);
    }

    /// Makes the pod template take REDIS_PASSWORD from a Secret's key, as Helm charts do.
    pub fn take_password_from(&self, secret: &str, key: &str) {
        self.world.lock().unwrap().password_from = Some((secret.to_owned(), key.to_owned()));
    }

    /// Gives each pod a redis-ha "announce" Service (`<name>-announce-<i>`, a ClusterIP that
    /// selects the pod by name) and makes the group use it as redis-ha does: each member also
    /// listens on its ClusterIP (as kube-proxy would forward it there) and announces it, the
    /// replicas follow the master's, and the sentinels monitor the master by it. Returns the
    /// ClusterIPs by ordinal.
    pub fn announce_services(&self, password: &str) -> Vec<String> {
        let ips: Vec<String> =
            self.sandbox.addrs.iter().map(|a| a.split(':').next().unwrap().replacen("127.77.", "127.96.", 1)).collect();
        let mut master = None;
        for (i, addr) in self.sandbox.addrs.iter().enumerate() {
            let mut conn = super::connect_as(addr, Some(password));
            let host = addr.split(':').next().unwrap();
            super::query::<()>(&mut conn, &["CONFIG", "SET", "bind", &format!("{host} {}", ips[i])]);
            super::query::<()>(&mut conn, &["CONFIG", "SET", "replica-announce-ip", &ips[i]]);
            if super::query::<String>(&mut conn, &["INFO", "replication"]).contains("role:master") {
                master = Some(i);
            }
        }
        let master = master.expect("the group has a master");
        for (_, addr) in self.sandbox.addrs.iter().enumerate().filter(|(i, _)| *i != master) {
            super::query::<()>(&mut super::connect_as(addr, Some(password)), &["REPLICAOF", &ips[master], "6379"]);
        }
        for sentinel in self.sandbox.sentinels().addrs {
            let mut conn = super::connect(&sentinel);
            let _ = redis::cmd("SENTINEL").arg("REMOVE").arg("mymaster").query::<()>(&mut conn);
            super::query::<()>(&mut conn, &["SENTINEL", "MONITOR", "mymaster", &ips[master], "6379", "2"]);
            super::query::<()>(&mut conn, &["SENTINEL", "SET", "mymaster", "auth-pass", password]);
        }
        self.world.lock().unwrap().announce = ips.clone();
        ips
    }

    /// `kubectl scale statefulset` by hand: the pods follow, the cluster is not told.
    pub fn scale_by_hand(&mut self, replicas: usize) {
        self.sandbox.resize(replicas);
        self.world.lock().unwrap().replicas = replicas;
    }

    /// Deletes pods, which come back on their volumes; with `new_ip` under new pod IPs.
    pub fn restart_pods(&mut self, ordinals: &[usize], new_ip: bool) {
        let name = self.sandbox.name.clone();
        let mut args: Vec<String> = vec!["sandbox".into(), "restart".into(), name];
        args.extend(ordinals.iter().map(ToString::to_string));
        if new_ip {
            args.push("--new-ip".into());
        }
        self.sandbox.run(&args.iter().map(String::as_str).collect::<Vec<_>>()).expect(0);
        self.sandbox.refresh();
        let mut w = self.world.lock().unwrap();
        for ordinal in ordinals {
            *w.restarts.entry(*ordinal).or_default() += 1;
        }
    }

    pub fn replicas(&self) -> usize {
        self.world.lock().unwrap().replicas
    }

    pub fn claims(&self) -> BTreeSet<String> {
        self.world.lock().unwrap().claims.clone()
    }

    pub fn requests(&self) -> Vec<String> {
        self.world.lock().unwrap().requests.clone()
    }

    /// How many connections went through port-forward.
    pub fn forwarded(&self) -> usize {
        self.requests().iter().filter(|r| r.starts_with("PORTFORWARD")).count()
    }
}

impl Drop for FakeKube {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let scalers = std::mem::take(&mut self.world.lock().unwrap().scalers);
        for scaler in scalers {
            let _ = scaler.join();
        }
    }
}

fn kubeconfig_text(server: &str) -> String {
    format!(
        "apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster:
    server: {server}
users:
- name: tester
  user: {{}}
contexts:
- name: fake
  context:
    cluster: fake
    user: tester
    namespace: {NAMESPACE}
current-context: fake
"
    )
}

fn router(world: Shared) -> Router {
    Router::new()
        .route("/api", get(|| async { axum::Json(discovery::versions()) }))
        .route("/apis", get(|| async { axum::Json(discovery::groups()) }))
        .route("/api/v1", get(|| async { axum::Json(discovery::core()) }))
        .route("/apis/apps/v1", get(|| async { axum::Json(discovery::apps()) }))
        .route("/apis/coordination.k8s.io/v1", get(|| async { axum::Json(discovery::coordination()) }))
        .route("/apis/apps/v1/namespaces/{ns}/statefulsets", get(list_statefulsets))
        .route("/apis/apps/v1/namespaces/{ns}/statefulsets/{name}", get(get_statefulset).patch(patch_statefulset))
        .route("/apis/apps/v1/namespaces/{ns}/statefulsets/{name}/scale", get(get_scale).patch(patch_scale))
        .route("/apis/apps/v1/namespaces/{ns}/deployments/{name}", get(get_deployment))
        .route("/apis/apps/v1/namespaces/{ns}/deployments/{name}/scale", axum::routing::patch(patch_deployment_scale))
        .route("/api/v1/namespaces/{ns}/pods", get(list_pods))
        .route("/api/v1/namespaces/{ns}/services", get(list_services))
        .route("/api/v1/namespaces/{ns}/pods/{name}/portforward", get(port_forward))
        .route("/api/v1/namespaces/{ns}/pods/{name}/exec", get(exec))
        .route("/api/v1/namespaces/{ns}/pods/{name}", get(get_pod).delete(delete_pod))
        .route("/api/v1/nodes/{name}", get(get_node))
        .route("/api/v1/namespaces/{ns}/events", get(list_events))
        .route("/api/v1/namespaces/{ns}/secrets/{name}", get(get_secret))
        .route("/apis/coordination.k8s.io/v1/namespaces/{ns}/leases", axum::routing::post(create_lease))
        .route("/apis/coordination.k8s.io/v1/namespaces/{ns}/leases/{name}", get(get_lease).put(replace_lease))
        .route("/api/v1/namespaces/{ns}/persistentvolumeclaims", get(list_claims))
        .route("/api/v1/namespaces/{ns}/persistentvolumeclaims/{name}", axum::routing::delete(delete_claim))
        .route("/api/v1/namespaces/{ns}/pods/{name}/log", get(pod_log))
        .fallback(|uri: axum::http::Uri| async move { not_found("resource", uri.path()) })
        .with_state(world)
}

fn log(world: &Shared, line: String) {
    world.lock().unwrap().requests.push(line);
}

/// One rule of a Role: API groups × resources × verbs.
struct Rule {
    groups: Vec<String>,
    resources: Vec<String>,
    verbs: Vec<String>,
}

/// The rules of the repository's deploy/rbac.yaml: the Role's, and the optional ClusterRole's.
fn rbac_rules(with_cluster_role: bool) -> Vec<Rule> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/rbac.yaml");
    rules_of(&std::fs::read_to_string(path).unwrap(), with_cluster_role)
}

fn rules_of(manifests: &str, with_cluster_role: bool) -> Vec<Rule> {
    let docs: Vec<Value> = serde_saphyr::from_multiple(manifests).unwrap();
    let strings = |v: &Value| v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect();
    docs.iter()
        .filter(|d| d["kind"] == "Role" || (with_cluster_role && d["kind"] == "ClusterRole"))
        .flat_map(|d| d["rules"].as_array().unwrap().iter())
        .map(|r| Rule { groups: strings(&r["apiGroups"]), resources: strings(&r["resources"]), verbs: strings(&r["verbs"]) })
        .collect()
}

/// The 403 a real API server sends for a request the rules do not allow; `None` when allowed.
fn forbidden(world: &Shared, group: &str, resource: &str, verb: &str, name: &str) -> Option<Response> {
    let has = |list: &[String], item: &str| list.iter().any(|x| x == item || x == "*");
    let allowed =
        world.lock().unwrap().rules.iter().any(|r| has(&r.groups, group) && has(&r.resources, resource) && has(&r.verbs, verb));
    if allowed {
        return None;
    }
    log(world, format!("FORBIDDEN {verb} {resource}"));
    let kind = if group.is_empty() { resource.to_owned() } else { format!("{resource}.{group}") };
    let message = format!(
        "{kind} \"{name}\" is forbidden: User \"system:serviceaccount:{NAMESPACE}:kubectl-redis\" cannot {verb} resource \"{resource}\" in API group \"{group}\" in the namespace \"{NAMESPACE}\""
    );
    Some(status(StatusCode::FORBIDDEN, "Forbidden", message))
}

/// The world, with a fresh resourceVersion taken for the object about to be written.
fn world_version(world: &Shared) -> std::sync::MutexGuard<'_, World> {
    let mut w = world.lock().unwrap();
    w.resource_version += 1;
    w
}

fn status(code: StatusCode, reason: &str, message: String) -> Response {
    let body = json!({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": message, "reason": reason, "code": code.as_u16(),
    });
    (code, axum::Json(body)).into_response()
}

fn not_found(kind: &str, name: &str) -> Response {
    status(StatusCode::NOT_FOUND, "NotFound", format!("{kind} \"{name}\" not found"))
}

fn labels(world: &World) -> Value {
    json!({ "app": world.statefulset })
}

/// The pod template's containers: redis, and the sentinel beside it in a Sentinel StatefulSet.
fn containers(world: &World) -> Value {
    let mut list = vec![container(world)];
    if world.sentinel {
        let mut sentinel = container(world);
        sentinel["name"] = json!("sentinel");
        sentinel["image"] = json!("bitnami/redis-sentinel:7.0");
        sentinel["ports"] = json!([{ "name": "redis-sentinel", "containerPort": 26379 }]);
        list.push(sentinel);
    }
    Value::Array(list)
}

/// The pod template's redis container, with the password variable when it comes from a Secret.
fn container(world: &World) -> Value {
    let mut container = json!({ "name": "redis", "image": world.image, "ports": [{ "name": "redis", "containerPort": 6379 }] });
    let mut env: Vec<Value> = world.literal_env.iter().map(|(name, value)| json!({ "name": name, "value": value })).collect();
    if let Some((secret, key)) = &world.password_from {
        env.push(json!({ "name": "REDIS_PORT", "value": "6379" }));
        env.push(json!({ "name": "REDIS_PASSWORD", "valueFrom": { "secretKeyRef": { "name": secret, "key": key } } }));
    }
    if !env.is_empty() {
        container["env"] = Value::Array(env);
    }
    container
}

async fn get_deployment(State(world): State<Shared>, Path((ns, name)): Path<(String, String)>) -> Response {
    log(&world, format!("GET deployments/{name}"));
    if let Some(denied) = forbidden(&world, "apps", "deployments", "get", &name) {
        return denied;
    }
    let w = world.lock().unwrap();
    if ns != NAMESPACE || w.sentinel_deployment.as_deref() != Some(name.as_str()) {
        return not_found("deployments.apps", &name);
    }
    let replicas = sentinel_pods(&w).len();
    axum::Json(json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": { "name": name, "namespace": NAMESPACE, "uid": "deploy-uid" },
        "spec": { "replicas": replicas, "selector": { "matchLabels": { "app": name } },
                  "template": { "metadata": { "labels": { "app": name } }, "spec": { "containers": [sentinel_container()] } } },
    }))
    .into_response()
}

/// Deletes a pod: its StatefulSet recreates it at once under a new IP (the sandbox member restarts
/// with `--new-ip` in the background) and a new UID once it runs.
async fn delete_pod(State(world): State<Shared>, Path((ns, name)): Path<(String, String)>) -> Response {
    log(&world, format!("DELETE pods/{name}"));
    if let Some(denied) = forbidden(&world, "", "pods", "delete", &name) {
        return denied;
    }
    let (state, sandbox, ordinal) = {
        let w = world.lock().unwrap();
        let ordinal = name.strip_prefix(&format!("{}-", w.statefulset)).and_then(|o| o.parse::<usize>().ok());
        match ordinal.filter(|o| *o < w.replicas) {
            Some(o) if ns == NAMESPACE => (w.state.clone(), w.sandbox.clone(), o),
            _ => return not_found("pods", &name),
        }
    };
    // Recreated from the template: with its image, which names the server binary it runs.
    let server = {
        let mut w = world.lock().unwrap();
        w.pod_images.remove(&ordinal);
        if w.image.contains("valkey") { Server::Valkey.path() } else { Server::Redis.path() }
    };
    let shared = world.clone();
    let recreate = std::thread::spawn(move || {
        let args = ["sandbox", "restart", &sandbox, &ordinal.to_string(), "--new-ip", "--server", server.to_str().unwrap()];
        run_in(&state, &args, &[]).expect(0);
        *shared.lock().unwrap().generations.entry(ordinal).or_default() += 1;
    });
    world.lock().unwrap().scalers.push(recreate);
    axum::Json(json!({ "apiVersion": "v1", "kind": "Pod", "metadata": { "name": name, "namespace": NAMESPACE } })).into_response()
}

/// The Services of the namespace: a pod's "announce" Service per ordinal when the group uses them.
async fn list_services(State(world): State<Shared>, Path(ns): Path<String>) -> Response {
    log(&world, "LIST services".to_owned());
    if let Some(denied) = forbidden(&world, "", "services", "list", "") {
        return denied;
    }
    let w = world.lock().unwrap();
    let items: Vec<Value> = if ns != NAMESPACE {
        Vec::new()
    } else {
        w.announce
            .iter()
            .enumerate()
            .map(|(i, ip)| {
                let pod = format!("{}-{i}", w.statefulset);
                json!({
                    "apiVersion": "v1", "kind": "Service",
                    "metadata": { "name": format!("{}-announce-{i}", w.statefulset), "namespace": NAMESPACE },
                    "spec": { "type": "ClusterIP", "clusterIP": ip, "clusterIPs": [ip],
                              "selector": { "app": w.statefulset, "statefulset.kubernetes.io/pod-name": pod },
                              "ports": [{ "name": "server", "port": 6379, "targetPort": "redis" },
                                        { "name": "sentinel", "port": 26379, "targetPort": "redis-sentinel" }] },
                })
            })
            .collect()
    };
    axum::Json(json!({ "apiVersion": "v1", "kind": "ServiceList", "metadata": { "resourceVersion": "1" }, "items": items }))
        .into_response()
}

/// Sets the sentinel Deployment's replicas; its "kubelet" starts or stops sandbox sentinels in
/// the background, as the ReplicaSet controller does after the API call returns.
async fn patch_deployment_scale(State(world): State<Shared>, Path((ns, name)): Path<(String, String)>, body: String) -> Response {
    log(&world, format!("PATCH deployments/{name}/scale"));
    if let Some(denied) = forbidden(&world, "apps", "deployments/scale", "patch", &name) {
        return denied;
    }
    if ns != NAMESPACE || world.lock().unwrap().sentinel_deployment.as_deref() != Some(name.as_str()) {
        return not_found("deployments.apps", &name);
    }
    let Some(replicas) = serde_json::from_str::<Value>(&body).ok().and_then(|p| p["spec"]["replicas"].as_u64()) else {
        return status(StatusCode::UNPROCESSABLE_ENTITY, "Invalid", "spec.replicas is required".to_owned());
    };
    let (state, sandbox) = {
        let w = world.lock().unwrap();
        (w.state.clone(), w.sandbox.clone())
    };
    let scaler = std::thread::spawn(move || {
        run_in(&state, &["sandbox", "scale", &sandbox, &replicas.to_string(), "--sentinel"], &[]).expect(0);
    });
    world.lock().unwrap().scalers.push(scaler);
    axum::Json(json!({
        "apiVersion": "autoscaling/v1", "kind": "Scale",
        "metadata": { "name": name, "namespace": NAMESPACE },
        "spec": { "replicas": replicas },
        "status": { "replicas": replicas, "selector": format!("app={name}") },
    }))
    .into_response()
}

fn sentinel_container() -> Value {
    json!({ "name": "sentinel", "image": "redis:7.0", "ports": [{ "name": "sentinel", "containerPort": 26379 }] })
}

async fn list_statefulsets(State(world): State<Shared>, Path(ns): Path<String>) -> Response {
    log(&world, "LIST statefulsets".to_owned());
    if let Some(denied) = forbidden(&world, "apps", "statefulsets", "list", "") {
        return denied;
    }
    let items = if ns == NAMESPACE { vec![statefulset(&world.lock().unwrap())] } else { Vec::new() };
    axum::Json(
        json!({ "apiVersion": "apps/v1", "kind": "StatefulSetList", "metadata": { "resourceVersion": "1" }, "items": items }),
    )
    .into_response()
}

async fn get_statefulset(State(world): State<Shared>, Path((ns, name)): Path<(String, String)>) -> Response {
    log(&world, format!("GET statefulsets/{name}"));
    if let Some(denied) = forbidden(&world, "apps", "statefulsets", "get", &name) {
        return denied;
    }
    let w = world.lock().unwrap();
    if ns != NAMESPACE || name != w.statefulset {
        return not_found("statefulsets.apps", &name);
    }
    axum::Json(statefulset(&w)).into_response()
}

fn statefulset(w: &World) -> Value {
    let name = &w.statefulset;
    let mut metadata = json!({ "name": name, "namespace": NAMESPACE, "uid": "sts-uid" });
    if let Some(owner) = &w.owner {
        let (kind, owner_name) = owner.split_once(' ').unwrap();
        metadata["ownerReferences"] = json!([{ "apiVersion": "example.com/v1", "kind": kind, "name": owner_name,
            "uid": "owner-uid", "controller": true }]);
    }
    json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": metadata,
        "spec": {
            "replicas": w.replicas,
            "serviceName": format!("{}-headless", w.statefulset),
            "selector": { "matchLabels": labels(w) },
            "template": { "metadata": { "labels": labels(w) },
                          "spec": { "containers": containers(w) } },
            "volumeClaimTemplates": [{ "metadata": { "name": "data" }, "spec": {} }],
            "updateStrategy": { "type": w.update_strategy.as_deref().unwrap_or("RollingUpdate") },
        },
        "status": { "replicas": w.replicas },
    })
}

fn scale_object(w: &World) -> Value {
    json!({
        "apiVersion": "autoscaling/v1", "kind": "Scale",
        "metadata": { "name": w.statefulset, "namespace": NAMESPACE },
        "spec": { "replicas": w.replicas },
        "status": { "replicas": w.replicas, "selector": format!("app={}", w.statefulset) },
    })
}

async fn get_scale(State(world): State<Shared>, Path((_, name)): Path<(String, String)>) -> Response {
    log(&world, format!("GET statefulsets/{name}/scale"));
    if let Some(denied) = forbidden(&world, "apps", "statefulsets/scale", "get", &name) {
        return denied;
    }
    axum::Json(scale_object(&world.lock().unwrap())).into_response()
}

/// Sets the replicas and lets the "kubelet" start or stop pods in the background, as a real
/// StatefulSet controller does after the API call returns.
/// A strategic merge patch of the pod template that changes the image of a container by name;
/// pods created before keep theirs (OnDelete: nothing is rolled out here).
async fn patch_statefulset(
    State(world): State<Shared>,
    Path((_, name)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    body: String,
) -> Response {
    log(&world, format!("PATCH statefulsets/{name}"));
    if let Some(denied) = forbidden(&world, "apps", "statefulsets", "patch", &name) {
        return denied;
    }
    let strategic = headers.get("content-type").is_some_and(|c| c == "application/strategic-merge-patch+json");
    let patch: Value = match serde_json::from_str(&body) {
        Ok(v) if strategic => v,
        Ok(_) => {
            return status(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "UnsupportedMediaType",
                "the fake takes strategic merge patches".into(),
            );
        }
        Err(e) => return status(StatusCode::BAD_REQUEST, "BadRequest", format!("invalid patch: {e}")),
    };
    let containers = patch["spec"]["template"]["spec"]["containers"].as_array().cloned().unwrap_or_default();
    let mut w = world_version(&world);
    for container in containers {
        let (Some("redis"), Some(image)) = (container["name"].as_str(), container["image"].as_str()) else {
            return status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Invalid",
                format!("the fake changes only the redis image: {container}"),
            );
        };
        let old = w.image.clone();
        for i in 0..w.replicas {
            w.pod_images.entry(i).or_insert_with(|| old.clone());
        }
        w.image = image.to_owned();
    }
    axum::Json(statefulset(&w)).into_response()
}

async fn patch_scale(State(world): State<Shared>, Path((_, name)): Path<(String, String)>, body: String) -> Response {
    log(&world, format!("PATCH statefulsets/{name}/scale"));
    if let Some(denied) = forbidden(&world, "apps", "statefulsets/scale", "patch", &name) {
        return denied;
    }
    let patch: Value = match serde_json::from_str(&body) {
        Ok(v) => v,
        Err(e) => return status(StatusCode::BAD_REQUEST, "BadRequest", format!("invalid patch: {e}")),
    };
    let Some(replicas) = patch["spec"]["replicas"].as_u64() else {
        return status(StatusCode::UNPROCESSABLE_ENTITY, "Invalid", "spec.replicas is required".to_owned());
    };
    let (state, sandbox, answer) = {
        let mut w = world.lock().unwrap();
        w.replicas = replicas as usize;
        for i in 0..w.replicas {
            let claim = format!("data-{}-{i}", w.statefulset);
            w.claims.insert(claim);
        }
        (w.state.clone(), w.sandbox.clone(), scale_object(&w))
    };
    let scheduled = world.lock().unwrap().capacity.map_or(replicas, |c| replicas.min(c as u64));
    let scaler = std::thread::spawn(move || {
        let count = scheduled.to_string();
        run_in(&state, &["sandbox", "scale", &sandbox, &count], &[]).expect(0);
    });
    world.lock().unwrap().scalers.push(scaler);
    axum::Json(answer).into_response()
}

/// The sandbox's nodes as pods, Ready while their process runs; then the pods the scheduler
/// could not place (beyond the capacity), Pending without an IP.
fn pods(world: &World) -> Vec<Value> {
    let run = run_in(&world.state, &["sandbox", "status", "--name", &world.sandbox, "-o", "json"], &[]);
    if run.code != 0 {
        return Vec::new();
    }
    let doc = run.json();
    let nodes = doc["nodes"].as_array().cloned().unwrap_or_default();
    let running = nodes.iter().enumerate().map(|(i, node)| {
        let ip = node["addr"].as_str().unwrap().split(':').next().unwrap().to_owned();
        let ready = if node["running"].as_bool() == Some(true) { "True" } else { "False" };
        let restarts = world.restarts.get(&i).copied().unwrap_or(0);
        let image = world.pod_images.get(&i).unwrap_or(&world.image);
        let mut containers = containers(world);
        containers[0]["image"] = json!(image);
        pod(
            world,
            i,
            json!({ "nodeName": node["host"], "containers": containers }),
            json!({
            "phase": "Running", "podIP": ip, "conditions": [{ "type": "Ready", "status": ready }],
            "containerStatuses": [{ "name": "redis", "restartCount": restarts, "ready": ready == "True",
                                    "image": image, "imageID": "", "started": true }] }),
        )
    });
    let unscheduled = world.capacity.map_or(0..0, |c| c.max(nodes.len())..world.replicas).map(|i| {
        pod(
            world,
            i,
            json!({ "containers": containers(world) }),
            json!({
            "phase": "Pending",
            "conditions": [{ "type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                             "message": "0/3 nodes are available: 3 Insufficient memory." }] }),
        )
    });
    let shown = running.chain(unscheduled).enumerate().filter(|(i, _)| !world.hidden.contains(i));
    let mut all: Vec<Value> = shown.map(|(_, pod)| pod).collect();
    all.extend(sentinel_pods_of(world, &doc));
    all
}

/// The pods of the sentinel Deployment: the sandbox's separate sentinels.
fn sentinel_pods(world: &World) -> Vec<Value> {
    let run = run_in(&world.state, &["sandbox", "status", "--name", &world.sandbox, "-o", "json"], &[]);
    if run.code != 0 {
        return Vec::new();
    }
    sentinel_pods_of(world, &run.json())
}

fn sentinel_pods_of(world: &World, doc: &Value) -> Vec<Value> {
    let mut all = Vec::new();
    if let Some(deployment) = &world.sentinel_deployment {
        for (i, sentinel) in doc["sentinels"].as_array().cloned().unwrap_or_default().iter().enumerate() {
            let ip = sentinel["addr"].as_str().unwrap().split(':').next().unwrap();
            let ready = if sentinel["running"].as_bool() == Some(true) { "True" } else { "False" };
            all.push(json!({
                "apiVersion": "v1", "kind": "Pod",
                "metadata": { "name": format!("{deployment}-5d8f7-{i}"), "namespace": NAMESPACE, "labels": { "app": deployment } },
                "spec": { "nodeName": sentinel["host"], "containers": [sentinel_container()] },
                "status": { "phase": "Running", "podIP": ip, "conditions": [{ "type": "Ready", "status": ready }] },
            }));
        }
    }
    all
}

fn pod(world: &World, ordinal: usize, spec: Value, status: Value) -> Value {
    let (set, ordinal, mut labels) = match world.followers_from {
        Some(first) if ordinal >= first => {
            let set = format!("{}-follower", world.statefulset);
            let labels = json!({ "app": set });
            (set, ordinal - first, labels)
        }
        _ => (world.statefulset.clone(), ordinal, labels(world)),
    };
    let name = format!("{set}-{ordinal}");
    labels["statefulset.kubernetes.io/pod-name"] = json!(name);
    let uid = format!("pod-{name}-{}", world.generations.get(&ordinal).copied().unwrap_or(0));
    // A StatefulSet's pod is named in DNS by its hostname under the governing Service.
    let mut spec = spec;
    (spec["hostname"], spec["subdomain"]) = (json!(name), json!(format!("{set}-headless")));
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": { "name": name, "namespace": NAMESPACE, "labels": labels, "uid": uid,
                      "ownerReferences": [{ "apiVersion": "apps/v1", "kind": "StatefulSet",
                                            "name": set, "uid": "sts-uid", "controller": true }] },
        "spec": spec,
        "status": status,
    })
}

/// Events of the pods left Pending: the scheduler's attempts, oldest first (the newest says why now).
async fn list_events(
    State(world): State<Shared>,
    Path(ns): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Response {
    let fields = query.get("fieldSelector").cloned().unwrap_or_default();
    log(&world, format!("LIST events?fieldSelector={fields}"));
    if let Some(denied) = forbidden(&world, "", "events", "list", "") {
        return denied;
    }
    let w = world.lock().unwrap();
    let pending = w.capacity.map_or(0..0, |c| c..w.replicas);
    let attempts = [("2026-01-01T10:00:00Z", "3 Insufficient cpu"), ("2026-01-01T10:05:00Z", "3 Insufficient memory")];
    let items: Vec<Value> = pending
        .flat_map(|i| attempts.iter().map(move |attempt| (i, attempt)))
        .map(|(i, (at, why))| {
            let pod = format!("{}-{i}", w.statefulset);
            json!({ "apiVersion": "v1", "kind": "Event",
                    "metadata": { "name": format!("{pod}.{at}"), "namespace": NAMESPACE },
                    "involvedObject": { "kind": "Pod", "name": pod, "namespace": NAMESPACE },
                    "reason": "FailedScheduling", "type": "Warning", "lastTimestamp": at,
                    "message": format!("0/3 nodes are available: {why}.") })
        })
        .filter(|event| ns == NAMESPACE && matches_fields(&fields, event))
        .collect();
    axum::Json(json!({ "apiVersion": "v1", "kind": "EventList", "metadata": { "resourceVersion": "1" }, "items": items }))
        .into_response()
}

/// A field selector of `a.b=value` pairs against an object.
fn matches_fields(selector: &str, object: &Value) -> bool {
    selector.split(',').filter(|s| !s.is_empty()).all(|pair| {
        let Some((path, want)) = pair.split_once('=') else { return false };
        path.split('.').fold(object, |v, key| &v[key]).as_str() == Some(want)
    })
}

fn matches(selector: &str, labels: &Value) -> bool {
    selector.split(',').filter(|s| !s.is_empty()).all(|pair| match pair.split_once('=') {
        Some((k, v)) => labels[k].as_str() == Some(v),
        None => !labels[pair].is_null(),
    })
}

async fn list_pods(
    State(world): State<Shared>,
    Path(ns): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Response {
    let selector = query.get("labelSelector").cloned().unwrap_or_default();
    log(&world, format!("LIST pods?labelSelector={selector}"));
    if let Some(denied) = forbidden(&world, "", "pods", "list", "") {
        return denied;
    }
    let world2 = world.clone();
    let items = tokio::task::spawn_blocking(move || {
        let w = world2.lock().unwrap();
        if ns == NAMESPACE { pods(&w) } else { Vec::new() }
    })
    .await
    .unwrap();
    let items: Vec<Value> = items.into_iter().filter(|p| matches(&selector, &p["metadata"]["labels"])).collect();
    axum::Json(json!({ "apiVersion": "v1", "kind": "PodList", "metadata": { "resourceVersion": "1" }, "items": items }))
        .into_response()
}

async fn get_pod(State(world): State<Shared>, Path((ns, name)): Path<(String, String)>) -> Response {
    log(&world, format!("GET pods/{name}"));
    if let Some(denied) = forbidden(&world, "", "pods", "get", &name) {
        return denied;
    }
    let world2 = world.clone();
    let found = tokio::task::spawn_blocking(move || {
        let w = world2.lock().unwrap();
        if ns == NAMESPACE { pods(&w).into_iter().find(|p| p["metadata"]["name"] == name.as_str()) } else { None }
    })
    .await
    .unwrap();
    match found {
        Some(pod) => axum::Json(pod).into_response(),
        None => not_found("pods", "?"),
    }
}

async fn get_node(State(world): State<Shared>, Path(name): Path<String>) -> Response {
    log(&world, format!("GET nodes/{name}"));
    if let Some(denied) = forbidden(&world, "", "nodes", "get", &name) {
        return denied;
    }
    // Sandbox hosts are host-0, host-1, … in pairs; zones a, b, c in turn (as `sandbox status` shows).
    let Some(index) = name.strip_prefix("host-").and_then(|i| i.parse::<usize>().ok()) else {
        return not_found("nodes", &name);
    };
    let zone = ["zone-a", "zone-b", "zone-c"][index % 3];
    axum::Json(json!({ "apiVersion": "v1", "kind": "Node",
                       "metadata": { "name": name, "labels": { "topology.kubernetes.io/zone": zone } } }))
    .into_response()
}

async fn get_secret(State(world): State<Shared>, Path((ns, name)): Path<(String, String)>) -> Response {
    log(&world, format!("GET secrets/{name}"));
    if let Some(denied) = forbidden(&world, "", "secrets", "get", &name) {
        return denied;
    }
    let w = world.lock().unwrap();
    let Some(data) = w.secrets.get(&name).filter(|_| ns == NAMESPACE) else { return not_found("secrets", &name) };
    let data: BTreeMap<&String, Value> =
        data.iter().map(|(k, v)| (k, serde_json::to_value(k8s_openapi::ByteString(v.as_bytes().to_vec())).unwrap())).collect();
    axum::Json(json!({ "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                       "metadata": { "name": name, "namespace": NAMESPACE }, "data": data }))
    .into_response()
}

async fn get_lease(State(world): State<Shared>, Path((_, name)): Path<(String, String)>) -> Response {
    log(&world, format!("GET leases/{name}"));
    let delay = world.lock().unwrap().lease_read_delay;
    tokio::time::sleep(delay).await;
    if let Some(denied) = forbidden(&world, "coordination.k8s.io", "leases", "get", &name) {
        return denied;
    }
    match world.lock().unwrap().leases.get(&name) {
        Some(lease) => axum::Json(lease.clone()).into_response(),
        None => not_found("leases.coordination.k8s.io", &name),
    }
}

async fn create_lease(State(world): State<Shared>, body: String) -> Response {
    let mut lease: Value = serde_json::from_str(&body).unwrap();
    let name = lease["metadata"]["name"].as_str().unwrap_or_default().to_owned();
    log(&world, format!("CREATE leases/{name}"));
    if let Some(denied) = forbidden(&world, "coordination.k8s.io", "leases", "create", &name) {
        return denied;
    }
    let mut w = world_version(&world);
    if w.leases.contains_key(&name) {
        return status(StatusCode::CONFLICT, "AlreadyExists", format!("leases.coordination.k8s.io \"{name}\" already exists"));
    }
    lease["metadata"]["namespace"] = json!(NAMESPACE);
    lease["metadata"]["resourceVersion"] = json!(w.resource_version.to_string());
    w.leases.insert(name, lease.clone());
    (StatusCode::CREATED, axum::Json(lease)).into_response()
}

/// An update must carry the resourceVersion it read, as optimistic concurrency demands.
async fn replace_lease(State(world): State<Shared>, Path((_, name)): Path<(String, String)>, body: String) -> Response {
    log(&world, format!("UPDATE leases/{name}"));
    if let Some(denied) = forbidden(&world, "coordination.k8s.io", "leases", "update", &name) {
        return denied;
    }
    let mut lease: Value = serde_json::from_str(&body).unwrap();
    let mut w = world_version(&world);
    let Some(current) = w.leases.get(&name) else { return not_found("leases.coordination.k8s.io", &name) };
    if current["metadata"]["resourceVersion"] != lease["metadata"]["resourceVersion"] {
        return status(
            StatusCode::CONFLICT,
            "Conflict",
            format!(
                "Operation cannot be fulfilled on leases.coordination.k8s.io \"{name}\": the object has been modified; please apply your changes to the latest version and try again"
            ),
        );
    }
    lease["metadata"]["resourceVersion"] = json!(w.resource_version.to_string());
    w.leases.insert(name, lease.clone());
    axum::Json(lease).into_response()
}

async fn list_claims(State(world): State<Shared>, Path(ns): Path<String>) -> Response {
    log(&world, "LIST persistentvolumeclaims".to_owned());
    if let Some(denied) = forbidden(&world, "", "persistentvolumeclaims", "list", "") {
        return denied;
    }
    let w = world.lock().unwrap();
    let items: Vec<Value> = w
        .claims
        .iter()
        .filter(|_| ns == NAMESPACE)
        .map(|name| {
            json!({ "apiVersion": "v1", "kind": "PersistentVolumeClaim",
                    "metadata": { "name": name, "namespace": NAMESPACE, "labels": labels(&w) },
                    "spec": { "accessModes": ["ReadWriteOnce"], "resources": { "requests": { "storage": "1Gi" } } },
                    "status": { "phase": "Bound" } })
        })
        .collect();
    axum::Json(json!({ "apiVersion": "v1", "kind": "PersistentVolumeClaimList", "metadata": { "resourceVersion": "1" }, "items": items }))
        .into_response()
}

/// A container's log: the sandbox member's server log, as the kubelet would serve its output.
/// No container ran before the current one (`previous`): 400, as the API server answers then.
async fn pod_log(
    State(world): State<Shared>,
    Path((_, name)): Path<(String, String)>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Response {
    log(&world, format!("GET pods/{name}/log"));
    if let Some(denied) = forbidden(&world, "", "pods/log", "get", &name) {
        return denied;
    }
    let w = world.lock().unwrap();
    let container = query.get("container").cloned().unwrap_or_else(|| "redis".to_owned());
    let Some(ordinal) = name.strip_prefix(&format!("{}-", w.statefulset)).and_then(|o| o.parse::<usize>().ok()) else {
        return not_found("pods", &name);
    };
    if query.get("previous").is_some_and(|p| p == "true") {
        let message = format!("previous terminated container \"{container}\" in pod \"{name}\" not found");
        return status(StatusCode::BAD_REQUEST, "BadRequest", message);
    }
    let node = if container == "sentinel" { format!("sentinel-{ordinal}") } else { format!("node-{ordinal}") };
    let path = w.state.join("sandboxes").join(&w.sandbox).join(node).join("server.log");
    std::fs::read_to_string(path).unwrap_or_default().into_response()
}

async fn delete_claim(State(world): State<Shared>, Path((_, name)): Path<(String, String)>) -> Response {
    log(&world, format!("DELETE persistentvolumeclaims/{name}"));
    if let Some(denied) = forbidden(&world, "", "persistentvolumeclaims", "delete", &name) {
        return denied;
    }
    let mut w = world.lock().unwrap();
    if !w.claims.remove(&name) {
        return not_found("persistentvolumeclaims", &name);
    }
    let ordinal = name.rsplit('-').next().unwrap();
    let dir = w.state.join("sandboxes").join(&w.sandbox).join(format!("node-{ordinal}"));
    let _ = std::fs::remove_dir_all(dir);
    axum::Json(json!({ "apiVersion": "v1", "kind": "PersistentVolumeClaim",
                       "metadata": { "name": name, "namespace": NAMESPACE } }))
    .into_response()
}

/// Upgrades to a WebSocket and relays channel 0 to the pod's IP and port.
async fn port_forward(
    State(world): State<Shared>,
    Path((_, name)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    log(&world, format!("PORTFORWARD pods/{name}"));
    // A WebSocket upgrade is a GET; API servers since 1.30 also require create.
    for verb in ["get", "create"] {
        if let Some(denied) = forbidden(&world, "", "pods/portforward", verb, &name) {
            return denied;
        }
    }
    let port: u16 = query.iter().find(|(k, _)| k == "ports").and_then(|(_, v)| v.parse().ok()).unwrap_or(6379);
    let world2 = world.clone();
    let pod = name.clone();
    let ip = tokio::task::spawn_blocking(move || {
        let w = world2.lock().unwrap();
        pods(&w)
            .into_iter()
            .find(|p| p["metadata"]["name"] == pod.as_str())
            .map(|p| p["status"]["podIP"].as_str().unwrap().to_owned())
    })
    .await
    .unwrap();
    let Some(ip) = ip else { return not_found("pods", &name) };
    upgrade.protocols(["v4.channel.k8s.io"]).on_upgrade(move |socket| relay(socket, ip, port))
}

/// Upgrades to a WebSocket and runs the command in the pod's container (see `pod_exec`).
async fn exec(
    State(world): State<Shared>,
    Path((_, name)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    for verb in ["get", "create"] {
        if let Some(denied) = forbidden(&world, "", "pods/exec", verb, &name) {
            return denied;
        }
    }
    let command: Vec<String> = query.iter().filter(|(k, _)| k == "command").map(|(_, v)| v.clone()).collect();
    let tty = query.iter().any(|(k, v)| k == "tty" && v == "true");
    let container = query.iter().find(|(k, _)| k == "container").map(|(_, v)| v.clone());
    log(&world, format!("EXEC pods/{name} -c {} {}", container.as_deref().unwrap_or("-"), command.join(" ")));
    if command.is_empty() {
        return status(StatusCode::BAD_REQUEST, "BadRequest", "you must specify at least 1 command".to_owned());
    }
    let world2 = world.clone();
    let pod = name.clone();
    let found = tokio::task::spawn_blocking(move || {
        let w = world2.lock().unwrap();
        let pod = pods(&w).into_iter().find(|p| p["metadata"]["name"] == pod.as_str())?;
        let containers: Vec<(String, String)> = pod["spec"]["containers"]
            .as_array()?
            .iter()
            .map(|c| (c["name"].as_str().unwrap_or_default().to_owned(), c["image"].as_str().unwrap_or_default().to_owned()))
            .collect();
        Some((containers, w.state.clone()))
    })
    .await
    .unwrap();
    let Some((containers, state)) = found else { return not_found("pods", &name) };
    // As the API server: a pod of several containers needs one named, and it must be one of them.
    let chosen = match &container {
        Some(wanted) => containers.iter().find(|(n, _)| n == wanted),
        None if containers.len() == 1 => containers.first(),
        None => {
            let names: Vec<&str> = containers.iter().map(|(n, _)| n.as_str()).collect();
            let message = format!("a container name must be specified for pod {name}, choose one of: [{}]", names.join(" "));
            return status(StatusCode::BAD_REQUEST, "BadRequest", message);
        }
    };
    let Some((_, image)) = chosen else {
        let message = format!("container {} is not valid for pod {name}", container.unwrap_or_default());
        return status(StatusCode::BAD_REQUEST, "BadRequest", message);
    };
    let path = super::pod_exec::image_tools(&state, image.contains("valkey"));
    let exec = super::pod_exec::Exec { command, tty, path };
    upgrade.protocols(["v5.channel.k8s.io", "v4.channel.k8s.io"]).on_upgrade(move |socket| super::pod_exec::serve(socket, exec))
}

async fn relay(socket: WebSocket, ip: String, port: u16) {
    let (mut to_client, mut from_client) = socket.split();
    let Ok(tcp) = tokio::net::TcpStream::connect((ip.as_str(), port)).await else { return };
    let (mut tcp_read, mut tcp_write) = tcp.into_split();
    let [lo, hi] = port.to_le_bytes();
    for channel in [0u8, 1] {
        if to_client.send(Message::Binary(vec![channel, lo, hi].into())).await.is_err() {
            return;
        }
    }
    let upstream = async move {
        while let Some(Ok(message)) = from_client.next().await {
            match message {
                Message::Binary(data) if data.first() == Some(&0) && tcp_write.write_all(&data[1..]).await.is_err() => break,
                Message::Close(_) => break,
                _ => {}
            }
        }
    };
    let downstream = async move {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match tcp_read.read(&mut buf[1..]).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    buf[0] = 0;
                    if to_client.send(Message::Binary(buf[..=n].to_vec().into())).await.is_err() {
                        break;
                    }
                }
            }
        }
        let _ = to_client.close().await;
    };
    tokio::select! {
        () = upstream => {}
        () = downstream => {}
    }
}

/// Discovery documents, as kubectl reads them before `get` (the legacy, non-aggregated form).
mod discovery {
    use serde_json::{Value, json};

    pub fn versions() -> Value {
        json!({ "kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [{ "clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1" }] })
    }

    pub fn groups() -> Value {
        let group = |name: &str| {
            let version = json!({ "groupVersion": format!("{name}/v1"), "version": "v1" });
            json!({ "name": name, "versions": [version.clone()], "preferredVersion": version })
        };
        json!({ "kind": "APIGroupList", "apiVersion": "v1", "groups": [group("apps"), group("coordination.k8s.io")] })
    }

    fn resource(name: &str, kind: &str, namespaced: bool, verbs: &[&str]) -> Value {
        json!({ "name": name, "singularName": "", "namespaced": namespaced, "kind": kind, "verbs": verbs })
    }

    fn list(group_version: &str, resources: Vec<Value>) -> Value {
        json!({ "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version, "resources": resources })
    }

    pub fn core() -> Value {
        list(
            "v1",
            vec![
                resource("pods", "Pod", true, &["get", "list", "delete"]),
                resource("pods/portforward", "PodPortForwardOptions", true, &["create", "get"]),
                resource("secrets", "Secret", true, &["get"]),
                resource("services", "Service", true, &["list"]),
                json!({ "name": "persistentvolumeclaims", "singularName": "", "namespaced": true,
                        "kind": "PersistentVolumeClaim", "verbs": ["list", "delete"], "shortNames": ["pvc"] }),
                resource("pods/log", "Pod", true, &["get"]),
                resource("pods/exec", "PodExecOptions", true, &["create", "get"]),
                resource("nodes", "Node", false, &["get"]),
            ],
        )
    }

    pub fn apps() -> Value {
        list(
            "apps/v1",
            vec![
                resource("statefulsets", "StatefulSet", true, &["get", "list"]),
                resource("statefulsets/scale", "Scale", true, &["get", "patch"]),
                resource("deployments", "Deployment", true, &["get"]),
                resource("deployments/scale", "Scale", true, &["patch"]),
            ],
        )
    }

    pub fn coordination() -> Value {
        list("coordination.k8s.io/v1", vec![resource("leases", "Lease", true, &["create", "get", "update"])])
    }
}
