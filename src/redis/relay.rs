//! A relay on 127.0.0.1 for a client program run here (`cli --exec`'s redis-cli): each connection
//! it accepts gets a stream of its own to the node, opened by the connector (route, TLS, timeouts)
//! and authenticated before the client's first byte, so that the client is given no password, no
//! certificate and no route. The client speaks plain RESP to the relay.
//!
//! A cluster's MOVED and ASK replies name other nodes; the relay rewrites the address in each to a
//! relay of that node's own (started when first named), so that a client that follows them
//! (`redis-cli -c`) comes back through the tool as well.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::addr::NodeAddr;
use super::conn::Connector;
use crate::error::{Error, Result};

/// Relays by node; cheap to clone.
#[derive(Clone)]
pub struct Relays {
    connector: Connector,
    listening: Arc<Mutex<BTreeMap<NodeAddr, SocketAddr>>>,
}

impl Relays {
    pub fn new(connector: Connector) -> Relays {
        Relays { connector, listening: Arc::default() }
    }

    /// The local address that relays to `node`, listening from now until the process ends. (Boxed:
    /// a relay's replies may name another node, whose relay is started from within.)
    pub fn to<'a>(&'a self, node: &'a NodeAddr) -> BoxFuture<'a, Result<SocketAddr>> {
        Box::pin(self.start(node))
    }

    async fn start(&self, node: &NodeAddr) -> Result<SocketAddr> {
        let known = self.listening.lock().unwrap_or_else(|e| e.into_inner()).get(node).copied();
        if let Some(local) = known {
            return Ok(local);
        }
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| Error::failed(format!("could not open a local relay to {node}: {e}")))?;
        let local = listener.local_addr()?;
        self.listening.lock().unwrap_or_else(|e| e.into_inner()).insert(node.clone(), local);
        let relays = self.clone();
        let node = node.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (relays, node) = (relays.clone(), node.clone());
                tokio::spawn(async move { relays.serve(client, &node).await });
            }
        });
        Ok(local)
    }

    /// One client connection: a node stream of its own; bytes copied both ways, the node's replies
    /// with their redirections rewritten. A node that cannot be reached closes the client's
    /// connection with the reason as an error reply.
    async fn serve(&self, mut client: TcpStream, node: &NodeAddr) {
        let _ = client.set_nodelay(true);
        let upstream = match self.connector.open_authenticated(node).await {
            Ok(stream) => stream,
            Err(e) => {
                let _ = client.write_all(format!("-ERR kubectl-redis relay: {e}\r\n").as_bytes()).await;
                return;
            }
        };
        let (mut from_node, mut to_node) = tokio::io::split(upstream);
        let (mut from_client, to_client) = client.into_split();
        let requests = async {
            let _ = tokio::io::copy(&mut from_client, &mut to_node).await;
            let _ = to_node.shutdown().await;
        };
        let replies = self.replies(&mut from_node, to_client);
        tokio::join!(requests, replies);
    }

    /// Copies the node's replies to the client frame by frame, rewriting MOVED and ASK.
    async fn replies(&self, from: &mut (impl AsyncRead + Unpin), mut to: impl AsyncWrite + Unpin) {
        let mut pending: Vec<u8> = Vec::new();
        let mut chunk = vec![0u8; 16 * 1024];
        loop {
            let n = match from.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            pending.extend_from_slice(&chunk[..n]);
            let mut out = Vec::with_capacity(pending.len());
            let mut at = 0;
            while let Some(len) = frame_len(&pending[at..]) {
                let frame = &pending[at..at + len];
                match redirection(frame) {
                    Some((kind, slot, node)) => match self.to(&node).await {
                        Ok(local) => out.extend(format!("-{kind} {slot} {local}\r\n").as_bytes()),
                        Err(_) => out.extend_from_slice(frame),
                    },
                    None => out.extend_from_slice(frame),
                }
                at += len;
            }
            pending.drain(..at);
            if to.write_all(&out).await.is_err() {
                break;
            }
        }
        let _ = to.shutdown().await;
    }
}

/// `-MOVED 3999 10.0.0.2:6379` or `-ASK …`: the kind, the slot and the node named.
fn redirection(frame: &[u8]) -> Option<(&'static str, u16, NodeAddr)> {
    let line = std::str::from_utf8(frame.strip_prefix(b"-")?).ok()?.trim_end();
    let mut words = line.split(' ');
    let kind = match words.next()? {
        "MOVED" => "MOVED",
        "ASK" => "ASK",
        _ => return None,
    };
    let slot = words.next()?.parse().ok()?;
    Some((kind, slot, words.next()?.parse().ok()?))
}

/// The length of the first whole RESP2/RESP3 frame in `buf`, or `None` until it has all come.
fn frame_len(buf: &[u8]) -> Option<usize> {
    let line_end = buf.windows(2).position(|w| w == b"\r\n")?;
    let header = line_end + 2;
    let number = || std::str::from_utf8(&buf[1..line_end]).ok()?.parse::<i64>().ok();
    match buf[0] {
        b'+' | b'-' | b':' | b'_' | b',' | b'#' | b'(' => Some(header),
        b'$' | b'!' | b'=' => match number()? {
            n if n < 0 => Some(header),
            n => (buf.len() >= header + n as usize + 2).then_some(header + n as usize + 2),
        },
        b'*' | b'~' | b'>' | b'%' | b'|' => {
            let count = number()?;
            let items = if matches!(buf[0], b'%' | b'|') { count.max(0) * 2 } else { count.max(0) };
            let mut at = header;
            for _ in 0..items {
                at += frame_len(&buf[at..])?;
            }
            Some(at)
        }
        // Not RESP: pass it on as it came rather than hold it back.
        _ => Some(buf.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_whole_or_not_yet() {
        assert_eq!(frame_len(b"+OK\r\n+PONG\r\n"), Some(5));
        assert_eq!(frame_len(b"$5\r\nhel"), None);
        assert_eq!(frame_len(b"$5\r\nhello\r\n"), Some(11));
        assert_eq!(frame_len(b"$-1\r\n"), Some(5));
        assert_eq!(frame_len(b"*2\r\n:1\r\n$1\r\na\r\n"), Some(15));
        assert_eq!(frame_len(b"*2\r\n:1\r\n"), None);
        assert_eq!(frame_len(b"%1\r\n+k\r\n+v\r\n"), Some(12));
        assert_eq!(frame_len(b"+OK"), None);
    }

    #[test]
    fn moved_and_ask_name_the_node_and_nothing_else_does() {
        let (kind, slot, node) = redirection(b"-MOVED 3999 127.0.0.2:6381\r\n").unwrap();
        assert_eq!((kind, slot, node.to_string()), ("MOVED", 3999, "127.0.0.2:6381".to_owned()));
        assert_eq!(redirection(b"-ASK 1 127.0.0.3:7000\r\n").unwrap().0, "ASK");
        assert!(redirection(b"-ERR unknown command\r\n").is_none());
        assert!(redirection(b"+MOVED 1 127.0.0.1:1\r\n").is_none());
    }
}
