//! The byte stream a connection runs over: a TCP connection, a port-forwarded stream, or either
//! wrapped in TLS.

use tokio::io::{AsyncRead, AsyncWrite};

/// A byte stream to a node, however it is reached.
pub trait NodeStream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> NodeStream for T {}
