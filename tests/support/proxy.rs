//! A proxy for the tests: HTTP CONNECT and SOCKS5 (no authentication) on 127.0.0.1. Every host
//! name is taken to mean 127.0.0.1 (so a kubeconfig can name a server that no resolver knows),
//! targets outside 127.0.0.0/8 are refused, and each tunnel is recorded as `CONNECT host:port`
//! or `SOCKS5 host:port`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub struct Proxy {
    pub addr: String,
    tunnels: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Proxy {
    pub fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let (tunnels, stop) = (Arc::new(Mutex::new(Vec::new())), Arc::new(AtomicBool::new(false)));
        let (recorded, stopping) = (tunnels.clone(), stop.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if stopping.load(Ordering::SeqCst) {
                    return;
                }
                let recorded = recorded.clone();
                std::thread::spawn(move || {
                    if let Some((what, upstream)) = open_tunnel(&client) {
                        recorded.lock().unwrap().push(what);
                        relay(client, upstream);
                    }
                });
            }
        });
        Proxy { addr, tunnels, stop }
    }

    pub fn tunnels(&self) -> Vec<String> {
        self.tunnels.lock().unwrap().clone()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(&self.addr);
    }
}

/// Reads the client's request (CONNECT or SOCKS5), connects upstream and answers it.
fn open_tunnel(client: &TcpStream) -> Option<(String, TcpStream)> {
    let mut first = [0u8; 1];
    client.peek(&mut first).ok()?;
    if first[0] == 5 { socks5(client) } else { connect(client) }
}

fn connect(client: &TcpStream) -> Option<(String, TcpStream)> {
    let mut reader = BufReader::new(client.try_clone().ok()?);
    let mut request = String::new();
    reader.read_line(&mut request).ok()?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? <= 2 {
            break;
        }
    }
    let target = request.strip_prefix("CONNECT ")?.split(' ').next()?.to_owned();
    let (host, port) = target.rsplit_once(':')?;
    let upstream = dial(host, port.parse().ok()?)?;
    (&*client).write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").ok()?;
    Some((format!("CONNECT {target}"), upstream))
}

fn socks5(client: &TcpStream) -> Option<(String, TcpStream)> {
    let mut c = client;
    let mut greeting = [0u8; 2];
    c.read_exact(&mut greeting).ok()?;
    let mut methods = vec![0u8; usize::from(greeting[1])];
    c.read_exact(&mut methods).ok()?;
    c.write_all(&[5, 0]).ok()?;
    let mut head = [0u8; 4];
    c.read_exact(&mut head).ok()?;
    let host = match head[3] {
        1 => {
            let mut ip = [0u8; 4];
            c.read_exact(&mut ip).ok()?;
            Ipv4Addr::from(ip).to_string()
        }
        3 => {
            let mut len = [0u8; 1];
            c.read_exact(&mut len).ok()?;
            let mut name = vec![0u8; usize::from(len[0])];
            c.read_exact(&mut name).ok()?;
            String::from_utf8(name).ok()?
        }
        _ => return None,
    };
    let mut port = [0u8; 2];
    c.read_exact(&mut port).ok()?;
    let port = u16::from_be_bytes(port);
    let upstream = dial(&host, port)?;
    c.write_all(&[5, 0, 0, 1, 0, 0, 0, 0, 0, 0]).ok()?;
    Some((format!("SOCKS5 {host}:{port}"), upstream))
}

/// A name means 127.0.0.1; an address must be a loopback one.
fn dial(host: &str, port: u16) -> Option<TcpStream> {
    let ip: Ipv4Addr = host.parse().unwrap_or(Ipv4Addr::LOCALHOST);
    if !ip.is_loopback() {
        return None;
    }
    TcpStream::connect((ip, port)).ok()
}

fn relay(client: TcpStream, upstream: TcpStream) {
    let (mut client_in, mut upstream_out) = (client.try_clone().unwrap(), upstream.try_clone().unwrap());
    let forward = std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_in, &mut upstream_out);
        let _ = upstream_out.shutdown(std::net::Shutdown::Write);
    });
    let (mut upstream_in, mut client_out) = (upstream, client);
    let _ = std::io::copy(&mut upstream_in, &mut client_out);
    let _ = client_out.shutdown(std::net::Shutdown::Write);
    let _ = forward.join();
}
