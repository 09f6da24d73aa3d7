//! Connections to single nodes: credentials, TLS (see `tls`) and a time limit on every call;
//! dialled directly, or through a `Route` (a Kubernetes port-forward) that turns an address into a
//! stream — TLS, authentication and every command work the same over either.
//!
//! Admin commands go to one specific node, so this layer uses plain multiplexed connections, never
//! the redis crate's cluster client. Every connect and every call is bounded by a timeout so that a
//! dead or stopped node yields an error instead of a hang.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use futures::future::BoxFuture;

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, FromRedisValue, RedisConnectionInfo};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::addr::NodeAddr;
use super::stream::NodeStream;
use super::tls::TlsSettings;
use crate::error::{Changes, Error, Result};

/// A password that never prints itself.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// ACL user and password used for every node.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    pub user: Option<String>,
    /// Given by the operator (environment, file, prompt).
    pub password: Option<Secret>,
    /// Read by the platform (a Kubernetes Secret), shared by every clone: set when a Secret was
    /// named, or when detected and no password was given.
    pub discovered: Arc<OnceLock<Secret>>,
    /// Sentinels' own password, when they have one apart from the members': given (a file) or
    /// read from a named Secret.
    pub sentinel: Arc<OnceLock<Secret>>,
}

impl Credentials {
    /// The password in force: the platform's when it read one, else the one given.
    pub fn password(&self) -> Option<&Secret> {
        self.discovered.get().or(self.password.as_ref())
    }
}

/// Another way to reach nodes: given a node's address (the one the cluster knows it by), a stream
/// to it. A connector with a route never dials an address itself.
pub trait Route: Send + Sync {
    fn open<'a>(&'a self, addr: &'a NodeAddr) -> BoxFuture<'a, Result<Box<dyn NodeStream>>>;
}

/// The DNS names a node is known by besides its address (a pod's, from its platform): a TLS
/// certificate issued for any of them is accepted.
pub trait NodeNames: Send + Sync {
    fn names<'a>(&'a self, addr: &'a NodeAddr) -> BoxFuture<'a, Vec<String>>;
}

/// What the platform provides once it is known, shared by every clone of a connector.
pub struct Late<T: ?Sized>(Arc<OnceLock<Arc<T>>>);

impl<T: ?Sized> Late<T> {
    pub fn set(&self, value: Arc<T>) {
        let _ = self.0.set(value);
    }

    fn get(&self) -> Option<&Arc<T>> {
        self.0.get()
    }
}

impl<T: ?Sized> Clone for Late<T> {
    fn clone(&self) -> Self {
        Late(self.0.clone())
    }
}

impl<T: ?Sized> Default for Late<T> {
    fn default() -> Self {
        Late(Arc::default())
    }
}

impl<T: ?Sized> fmt::Debug for Late<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.get().is_some() { "set" } else { "unset" })
    }
}

/// Builds connections to nodes; cheap to clone.
#[derive(Debug, Clone)]
pub struct Connector {
    pub credentials: Credentials,
    pub tls: Option<TlsSettings>,
    /// Limit for connecting and for each call.
    pub timeout: Duration,
    /// How nodes are reached, when not dialled (a port-forward).
    pub route: Late<dyn Route>,
    /// The nodes' DNS names, for TLS.
    pub names: Late<dyn NodeNames>,
    /// The run's ledger of changes: whatever writes through this connector notes it first.
    pub changes: Changes,
}

impl Connector {
    pub fn new(timeout: Duration) -> Self {
        Connector {
            credentials: Credentials::default(),
            tls: None,
            timeout,
            route: Late::default(),
            names: Late::default(),
            changes: Changes::default(),
        }
    }

    /// Nodes are reached through a route (a port-forward), where every byte crosses a tunnel.
    pub fn is_routed(&self) -> bool {
        self.route.get().is_some()
    }

    /// Connects, does the TLS handshake and authenticates, each within the timeout.
    pub async fn connect(&self, addr: &NodeAddr) -> Result<NodeConn> {
        let stream = self.secured_stream(addr).await?;
        let limit = self.timeout;
        tokio::time::timeout(limit, self.handshake(addr, stream)).await.map_err(|_| timed_out(addr, limit))?
    }

    /// A raw byte stream to the node, TLS done and authenticated (AUTH answered OK), each within
    /// the timeout: what a relay hands to a client that must never hold the password itself.
    pub async fn open_authenticated(&self, addr: &NodeAddr) -> Result<Box<dyn NodeStream>> {
        let mut stream = self.secured_stream(addr).await?;
        let Some(password) = self.credentials.password() else { return Ok(stream) };
        let mut words = vec![b"AUTH".to_vec()];
        words.extend(self.credentials.user.iter().map(|u| u.as_bytes().to_vec()));
        words.push(password.expose().as_bytes().to_vec());
        let mut command = format!("*{}\r\n", words.len()).into_bytes();
        for word in &words {
            command.extend(format!("${}\r\n", word.len()).as_bytes());
            command.extend(word);
            command.extend(b"\r\n");
        }
        let limit = self.timeout;
        let answer = tokio::time::timeout(limit, async {
            stream.write_all(&command).await?;
            let mut line = Vec::new();
            let mut byte = [0u8; 1];
            while !line.ends_with(b"\r\n") && stream.read(&mut byte).await? == 1 {
                line.push(byte[0]);
            }
            Ok::<_, std::io::Error>(String::from_utf8_lossy(&line).trim_end().to_owned())
        })
        .await
        .map_err(|_| timed_out(addr, limit))?
        .map_err(|e| dial_error(addr, &e))?;
        if answer == "+OK" {
            return Ok(stream);
        }
        Err(Error::refused(format!("{addr}: authentication failed ({})", answer.trim_start_matches('-')))
            .hint("set REDISCLI_AUTH or --password-file (and --redis-user for an ACL user)"))
    }

    /// A stream to the node with the TLS handshake done (when TLS is asked for), within the timeout.
    async fn secured_stream(&self, addr: &NodeAddr) -> Result<Box<dyn NodeStream>> {
        let limit = self.timeout;
        let mut stream = tokio::time::timeout(limit, self.stream(addr)).await.map_err(|_| timed_out(addr, limit))??;
        if let Some(tls) = &self.tls {
            let known = match self.names.get() {
                Some(names) => names.names(addr).await,
                None => Vec::new(),
            };
            // A server without TLS takes the handshake for the start of a command and waits.
            stream = tokio::time::timeout(limit, tls.wrap(addr, tls.names_for(addr, known), stream)).await.map_err(|_| {
                Error::unreachable(format!("{addr}: TLS handshake failed: no answer within {}", crate::units::format(limit)))
                    .hint("does the node speak TLS on this port? Leave out --tls for a node without TLS")
            })??;
        }
        Ok(stream)
    }

    /// Authentication (and the connection's own setup) over an open stream.
    async fn handshake(&self, addr: &NodeAddr, stream: Box<dyn NodeStream>) -> Result<NodeConn> {
        // Calls are bounded per call (see `NodeConn`), some of them with a longer limit.
        let config = AsyncConnectionConfig::new().set_response_timeout(None);
        let (conn, driver) =
            MultiplexedConnection::new_with_config(&self.settings(), stream, config).await.map_err(|e| describe(addr, &e))?;
        // The driver relays replies until the connection is dropped or the stream closes.
        tokio::spawn(driver);
        Ok(NodeConn { addr: addr.clone(), conn, timeout: self.timeout })
    }

    /// A stream to the node: the route's when there is one, else a TCP connection to its address.
    async fn stream(&self, addr: &NodeAddr) -> Result<Box<dyn NodeStream>> {
        if let Some(route) = self.route.get() {
            return route.open(addr).await;
        }
        let tcp = TcpStream::connect((addr.host.as_str(), addr.port)).await.map_err(|e| dial_error(addr, &e))?;
        // Admin commands are small request/reply exchanges: do not let Nagle delay them.
        tcp.set_nodelay(true).map_err(|e| dial_error(addr, &e))?;
        Ok(Box::new(tcp))
    }

    fn settings(&self) -> RedisConnectionInfo {
        // No CLIENT SETINFO: it would cost every connection a round trip.
        let mut settings = RedisConnectionInfo::default().set_skip_set_lib_name();
        if let Some(user) = &self.credentials.user {
            settings = settings.set_username(user);
        }
        if let Some(password) = self.credentials.password() {
            settings = settings.set_password(password.expose());
        }
        settings
    }
}

/// One command's reply within a pipeline: the value, or the server's error text.
pub type Reply = std::result::Result<redis::Value, String>;

/// One connection to one node.
#[derive(Clone)]
pub struct NodeConn {
    pub addr: NodeAddr,
    conn: MultiplexedConnection,
    timeout: Duration,
}

impl NodeConn {
    /// Runs one command within the connector's timeout.
    pub async fn call<T: FromRedisValue>(&mut self, cmd: &redis::Cmd) -> Result<T> {
        let limit = self.timeout;
        self.call_within(cmd, limit).await
    }

    /// Runs one command with its own limit (ADDSLOTSRANGE on a busy node, MIGRATE…).
    pub async fn call_within<T: FromRedisValue>(&mut self, cmd: &redis::Cmd, limit: Duration) -> Result<T> {
        match tokio::time::timeout(limit, cmd.query_async(&mut self.conn)).await {
            Err(_) => Err(timed_out(&self.addr, limit)),
            Ok(reply) => reply.map_err(|e| describe(&self.addr, &e)),
        }
    }

    /// Sends the commands as one pipeline, one round trip, within the timeout.
    pub async fn pipeline<T: FromRedisValue>(&mut self, pipe: &redis::Pipeline) -> Result<T> {
        let limit = self.timeout;
        self.pipeline_within(pipe, limit).await
    }

    /// A pipeline with its own limit (a pipeline of MIGRATE commands takes as long as they do).
    pub async fn pipeline_within<T: FromRedisValue>(&mut self, pipe: &redis::Pipeline, limit: Duration) -> Result<T> {
        match tokio::time::timeout(limit, pipe.query_async(&mut self.conn)).await {
            Err(_) => Err(timed_out(&self.addr, limit)),
            Ok(reply) => reply.map_err(|e| describe(&self.addr, &e)),
        }
    }

    /// One reply per command, errors included, so callers can tell which command failed.
    pub async fn pipeline_each(&mut self, pipe: &mut redis::Pipeline, limit: Duration) -> Result<Vec<Reply>> {
        let replies: Vec<redis::RedisResult<redis::Value>> = self.pipeline_within(pipe.ignore_errors(), limit).await?;
        Ok(replies.into_iter().map(|r| r.map_err(|e| e.to_string())).collect())
    }

    /// One reply per command, each error classified as a failed call's would be.
    pub async fn pipeline_results(&mut self, pipe: &mut redis::Pipeline, limit: Duration) -> Result<Vec<Result<redis::Value>>> {
        let replies: Vec<redis::RedisResult<redis::Value>> = self.pipeline_within(pipe.ignore_errors(), limit).await?;
        Ok(replies.into_iter().map(|r| r.map_err(|e| describe(&self.addr, &e))).collect())
    }

    /// One command as a shell runs it: the reply, or the server's error reply as redis-cli
    /// shows it (`ERR unknown command …`); a dead connection or a timeout is the outer error.
    pub async fn reply(&mut self, cmd: &redis::Cmd, limit: Duration) -> Result<Reply> {
        let mut pipe = redis::pipe();
        pipe.add_command(cmd.clone());
        let mut replies: Vec<redis::RedisResult<redis::Value>> = self.pipeline_within(pipe.ignore_errors(), limit).await?;
        match replies.pop() {
            Some(Ok(value)) => Ok(Ok(value)),
            Some(Err(e)) if e.code().is_some() => {
                Ok(Err(format!("{} {}", e.code().unwrap_or("ERR"), e.detail().unwrap_or_default()).trim_end().to_owned()))
            }
            Some(Err(e)) => Err(describe(&self.addr, &e)),
            None => Err(Error::failed(format!("{}: no reply", self.addr))),
        }
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}

fn timed_out(addr: &NodeAddr, limit: Duration) -> Error {
    Error::unreachable(format!("{addr}: no answer within {}", crate::units::format(limit)))
        .hint("the node may be stopped or overloaded; raise --timeout if it is only slow")
}

fn connection_refused(addr: &NodeAddr) -> Error {
    Error::unreachable(format!("{addr}: connection refused")).hint("is the server running and listening on that address?")
}

fn dial_error(addr: &NodeAddr, err: &std::io::Error) -> Error {
    match err.kind() {
        std::io::ErrorKind::ConnectionRefused => connection_refused(addr),
        _ => Error::unreachable(format!("{addr}: {err}")),
    }
}

/// Turns a client error into our error, naming the node. Server errors keep their code (e.g. "NOAUTH").
fn describe(addr: &NodeAddr, err: &redis::RedisError) -> Error {
    if err.is_connection_refusal() {
        return connection_refused(addr);
    }
    if err.is_timeout() {
        return Error::unreachable(format!("{addr}: timed out"));
    }
    if err.is_io_error() || err.is_connection_dropped() {
        return Error::unreachable(format!("{addr}: {err}"));
    }
    let text = err.to_string();
    let auth_failed = err.kind() == redis::ErrorKind::AuthenticationFailed;
    if auth_failed || text.contains("WRONGPASS") || text.contains("NOAUTH") || text.contains("invalid password") {
        return Error::refused(format!("{addr}: authentication failed ({})", err.code().unwrap_or("AUTH")))
            .hint("set REDISCLI_AUTH or --password-file (and --redis-user for an ACL user)");
    }
    if err.code() == Some("LOADING") || text.contains("loading the dataset") {
        return Error::unreachable(format!("{addr} is still loading its data set (LOADING)"))
            .hint("a restarted node reads its AOF or RDB first; run the command again once it has loaded");
    }
    if err.code() == Some("NOPERM") {
        let detail = err.detail().unwrap_or(&text);
        return Error::refused(format!("{addr}: the ACL user may not do this: {detail}"))
            .hint("grant the user the cluster admin commands (e.g. +@admin +@slow +@read +@write), or use another --redis-user");
    }
    Error::failed(format!("{addr}: {text}"))
}
