//! A TCP proxy that adds a fixed delay to every byte in each direction: the round-trip cost of a
//! port-forward or a cross-zone hop, on loopback. bench/size.sh puts one in front of every node's
//! client and cluster bus ports, and the nodes announce the proxy's addresses.
//!
//! Usage: delay_proxy --rtt-ms MS LISTEN=UPSTREAM...   (e.g. 127.99.4.1:6379=127.77.4.1:6379)
//! Prints "ready" once every listener is bound; runs until killed.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::Instant;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (rtt, maps) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("delay_proxy: {e}\nusage: delay_proxy --rtt-ms MS LISTEN=UPSTREAM...");
            std::process::exit(2);
        }
    };
    let one_way = rtt / 2;
    for (listen, upstream) in maps {
        let listener = match TcpListener::bind(&listen).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("delay_proxy: cannot listen on {listen}: {e}");
                std::process::exit(1);
            }
        };
        tokio::spawn(serve(listener, upstream, one_way));
    }
    println!("ready");
    std::future::pending::<()>().await;
}

fn parse(args: &[String]) -> Result<(Duration, Vec<(String, String)>), String> {
    let mut rtt = None;
    let mut maps = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--rtt-ms" {
            let ms: u64 = rest.next().and_then(|v| v.parse().ok()).ok_or("--rtt-ms needs a number")?;
            rtt = Some(Duration::from_millis(ms));
        } else {
            let (listen, upstream) = arg.split_once('=').ok_or(format!("'{arg}' is not LISTEN=UPSTREAM"))?;
            maps.push((listen.to_owned(), upstream.to_owned()));
        }
    }
    Ok((rtt.ok_or("--rtt-ms is required")?, maps))
}

async fn serve(listener: TcpListener, upstream: String, one_way: Duration) {
    while let Ok((client, _)) = listener.accept().await {
        let upstream = upstream.clone();
        tokio::spawn(async move {
            let Ok(server) = TcpStream::connect(&upstream).await else { return };
            let _ = (client.set_nodelay(true), server.set_nodelay(true));
            let (client_read, client_write) = client.into_split();
            let (server_read, server_write) = server.into_split();
            tokio::join!(relay(client_read, server_write, one_way), relay(server_read, client_write, one_way));
        });
    }
}

/// Forwards what `from` reads to `to`, each chunk `delay` after it arrived; order is kept.
async fn relay(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, delay: Duration) {
    let (tx, mut rx) = mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    let writer = async move {
        while let Some((due, chunk)) = rx.recv().await {
            tokio::time::sleep_until(due).await;
            if to.write_all(&chunk).await.is_err() {
                break;
            }
        }
        let _ = to.shutdown().await;
    };
    let reader = async move {
        let mut buf = vec![0u8; 64 * 1024];
        while let Ok(n) = from.read(&mut buf).await {
            if n == 0 || tx.send((Instant::now() + delay, buf[..n].to_vec())).is_err() {
                break;
            }
        }
    };
    tokio::join!(reader, writer);
}
