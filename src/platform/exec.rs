//! `cli --exec`: redis-cli (or valkey-cli) run where a node lives, for what a shell of one reply
//! per command cannot do — MONITOR, SUBSCRIBE, `--bigkeys`, `--latency`. In a pod it runs through
//! the exec subresource (WebSocket; a TTY when this side is a terminal, resized with it); for a
//! sandbox or nodes given by address it runs here. The password is never on a command line and
//! never in a child of this process: here the client talks to a relay on 127.0.0.1 that has
//! authenticated itself (and does TLS and port-forwarding; see `redis::relay`); in a pod a small
//! shell reads it, with the terminal's echo off, as the first line of stdin into `REDISCLI_AUTH`
//! and then starts the client.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Status;
use kube::api::{AttachParams, AttachedProcess, TerminalSize};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

use crate::error::{Error, Result};
use crate::redis::addr::NodeAddr;
use crate::redis::conn::{Connector, Secret};
use crate::redis::relay::Relays;

/// The client's names, tried in order: a Valkey image may ship only valkey-cli.
const CLIENTS: [&str; 2] = ["redis-cli", "valkey-cli"];

/// What the pod's shell prints once the terminal's echo is off: the password may go now.
const READY: u8 = 0x06;

/// The shell run in the pod. `$1` says whether a password comes on stdin; the rest are the
/// client's arguments. Echo goes off before READY is printed, so a TTY never shows the password.
const POD_SCRIPT: &str = r#"mode=$1; shift
if [ "$mode" = password ]; then
  stty -echo 2>/dev/null
  printf '\006'
  IFS= read -r REDISCLI_AUTH
  stty echo 2>/dev/null
  export REDISCLI_AUTH
fi
for cli in redis-cli valkey-cli; do
  if command -v "$cli" >/dev/null 2>&1; then exec "$cli" "$@"; fi
done
echo "kubectl-redis: this container has neither redis-cli nor valkey-cli" >&2
exit 127"#;

/// The client's arguments: the node's host and port first, then the caller's.
fn client_args(addr: &NodeAddr, args: &[String]) -> Vec<String> {
    let mut all = vec!["-h".to_owned(), addr.host.clone(), "-p".to_owned(), addr.port.to_string()];
    all.extend(args.iter().cloned());
    all
}

/// The client beside the server binary (`redis-server` → `redis-cli`), else the first of
/// [`CLIENTS`] on PATH.
pub fn local_client(server: Option<&Path>) -> Result<PathBuf> {
    let beside = server.and_then(|s| {
        let name = s.file_name()?.to_str()?.replace("server", "cli");
        Some(s.with_file_name(name)).filter(|p| p.is_file())
    });
    let on_path = || {
        let dirs: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
        CLIENTS.iter().find_map(|name| dirs.iter().map(|d| d.join(name)).find(|p| p.is_file()))
    };
    beside.or_else(on_path).ok_or_else(|| {
        Error::refused("neither redis-cli nor valkey-cli is on PATH").hint("install redis-tools, or leave out --exec")
    })
}

/// The client's arguments in a pod, before the caller's: `-c` in a cluster (it follows MOVED and
/// ASK itself, from inside the cluster's network), the tool's user and TLS choice.
pub fn pod_client_args(cluster: bool, connector: &Connector, words: &[String]) -> Vec<String> {
    let mut args = Vec::new();
    if cluster {
        args.push("-c".to_owned());
    }
    if let Some(user) = &connector.credentials.user {
        args.extend(["--user".to_owned(), user.clone()]);
    }
    if let Some(tls) = &connector.tls {
        args.push("--tls".to_owned());
        if tls.insecure {
            args.push("--insecure".to_owned());
        }
        if let Some(name) = &tls.server_name {
            args.extend(["--sni".to_owned(), name.clone()]);
        }
    }
    args.extend(words.iter().cloned());
    args
}

/// Runs the client here on the caller's terminal, against a relay to `addr` (user, password and
/// TLS stay in this process), and returns its exit code (128 + the signal that ended it, if one
/// did). The client inherits no password from this process's environment either.
pub async fn here(client: &Path, addr: &NodeAddr, cluster: bool, words: &[String], connector: &Connector) -> Result<i32> {
    let local = Relays::new(connector.clone()).to(addr).await?;
    let relay = NodeAddr { host: local.ip().to_string(), port: local.port() };
    let mut cmd = tokio::process::Command::new(client);
    let mut args: Vec<String> = if cluster { vec!["-c".to_owned()] } else { Vec::new() };
    args.extend(words.iter().cloned());
    cmd.args(client_args(&relay, &args)).env_remove("REDISCLI_AUTH");
    let mut child =
        cmd.spawn().map_err(|e| Error::refused(format!("could not start {}: {e}", client.display())).hint("leave out --exec"))?;
    // Ctrl-C is the client's (it ends MONITOR): this process waits for the client to end.
    let status = loop {
        tokio::select! {
            status = child.wait() => break status?,
            _ = tokio::signal::ctrl_c() => {}
        }
    };
    // Ended by a signal: 128 + its number, as a shell reports it.
    Ok(status.code().unwrap_or_else(|| 128 + std::os::unix::process::ExitStatusExt::signal(&status).unwrap_or(0)))
}

/// What to ask the API server to run in a pod: the shell around the client, and how to attach.
pub struct PodClient {
    pub command: Vec<String>,
    pub params: AttachParams,
    /// A terminal here, so a TTY there.
    pub tty: bool,
}

/// The client against `addr` (the pod's own IP and port) in `container`, with a password to hand
/// over on stdin or not.
pub fn pod_client(addr: &NodeAddr, args: &[String], container: Option<&str>, password: bool) -> PodClient {
    let tty = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mode = if password { "password" } else { "none" };
    let mut command: Vec<String> = ["sh", "-c", POD_SCRIPT, "kubectl-redis", mode].map(str::to_owned).to_vec();
    command.extend(client_args(addr, args));
    let mut params = AttachParams::default().stdin(true).stdout(true).stderr(!tty).tty(tty);
    if let Some(container) = container {
        params = params.container(container);
    }
    PodClient { command, params, tty }
}

/// Relays stdin, stdout and stderr between here and the client started in `pod` (hands it the
/// password first) until it ends, and returns its exit code.
pub async fn relay(
    mut process: AttachedProcess,
    pod: &str,
    tty: bool,
    password: Option<&Secret>,
    timeout: Duration,
) -> Result<i32> {
    let (Some(mut stdin), Some(mut stdout), Some(status)) = (process.stdin(), process.stdout(), process.take_status()) else {
        return Err(Error::failed(format!("exec in {pod} gave no stdin or stdout")));
    };
    if tty {
        // Before the password: the client then starts on a terminal of the right size.
        follow_window_size(&mut process);
    }
    if let Some(password) = password {
        let early = tokio::time::timeout(timeout, until_ready(&mut stdout)).await.map_err(|_| {
            Error::unreachable(format!("the shell in {pod} did not start within {timeout:?}"))
                .hint("the container needs `sh`; without it leave out --exec")
        })??;
        // Output before READY is the shell's; it is no secret and may explain a failure.
        relay_chunk(&mut std::io::stdout(), &early)?;
        if !early.ends_with(&[READY]) {
            return exit_code(status.await, pod);
        }
        stdin.write_all(format!("{}\n", password.expose()).as_bytes()).await?;
    }
    let _raw = if tty { RawTerminal::enter() } else { None };
    relay_stdin(stdin);
    let stderr = process.stderr();
    let out = copy_out(stdout, std::io::stdout());
    let err = async {
        match stderr {
            Some(stderr) => copy_out(stderr, std::io::stderr()).await,
            None => Ok(()),
        }
    };
    let (out, err) = tokio::join!(out, err);
    out?;
    err?;
    let code = exit_code(status.await, pod);
    // The message loop's end; an error there after the status arrived changes nothing.
    let _ = process.join().await;
    code
}

/// Reads stdout until READY (the shell waits for the password) or its end (the shell failed);
/// returns what came, READY last when it came.
async fn until_ready(stdout: &mut (impl AsyncRead + Unpin)) -> Result<Vec<u8>> {
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).await? == 1 {
        seen.push(byte[0]);
        if byte[0] == READY {
            break;
        }
    }
    Ok(seen)
}

fn relay_chunk(out: &mut impl Write, bytes: &[u8]) -> Result<()> {
    let shown = bytes.strip_suffix(&[READY]).unwrap_or(bytes);
    out.write_all(shown)?;
    out.flush()?;
    Ok(())
}

/// Copies a stream of the pod's process to one of ours, chunk by chunk as it comes.
async fn copy_out(mut from: impl AsyncRead + Unpin, mut to: impl Write) -> Result<()> {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = from.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        to.write_all(&buf[..n])?;
        to.flush()?;
    }
}

/// Relays this side's stdin to the process until it ends, then closes the process's stdin.
/// Reading happens on a thread of its own: a blocked read of a terminal must not keep the
/// runtime from ending when the process has.
fn relay_stdin(mut stdin: impl tokio::io::AsyncWrite + Unpin + Send + 'static) {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<u8>>(16);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        let mut input = std::io::stdin().lock();
        while let Ok(n @ 1..) = input.read(&mut buf) {
            if tx.blocking_send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    tokio::spawn(async move {
        while let Some(chunk) = rx.recv().await {
            if stdin.write_all(&chunk).await.is_err() {
                return;
            }
        }
        let _ = stdin.shutdown().await;
    });
}

/// Sends the terminal's size now and whenever it changes.
fn follow_window_size(process: &mut AttachedProcess) {
    let Some(mut sizes) = process.terminal_size() else { return };
    tokio::spawn(async move {
        let Ok(mut changes) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::window_change()) else { return };
        loop {
            if let Some(size) = window_size()
                && futures::SinkExt::send(&mut sizes, size).await.is_err()
            {
                return;
            }
            if changes.recv().await.is_none() {
                return;
            }
        }
    });
}

fn window_size() -> Option<TerminalSize> {
    let mut size = libc::winsize { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: TIOCGWINSZ writes a winsize into the struct given.
    let got = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) };
    (got == 0 && size.ws_col > 0).then_some(TerminalSize { width: size.ws_col, height: size.ws_row })
}

/// The caller's terminal in raw mode (keys go to the pod's TTY as typed, Ctrl-C included) until
/// dropped.
struct RawTerminal(libc::termios);

impl RawTerminal {
    fn enter() -> Option<RawTerminal> {
        // SAFETY: tcgetattr fills the termios given; cfmakeraw and tcsetattr read and change a copy.
        unsafe {
            let mut saved: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(libc::STDIN_FILENO, &mut saved) != 0 {
                return None;
            }
            let mut raw = saved;
            libc::cfmakeraw(&mut raw);
            (libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &raw) == 0).then_some(RawTerminal(saved))
        }
    }
}

impl Drop for RawTerminal {
    fn drop(&mut self) {
        // SAFETY: restores the attributes read in `enter`.
        unsafe {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &self.0);
        }
    }
}

/// The process's exit code from the Status the API server sends at its end.
fn exit_code(status: Option<Status>, pod: &str) -> Result<i32> {
    let status = status.ok_or_else(|| Error::failed(format!("the exec in {pod} ended without an exit status")))?;
    if status.status.as_deref() == Some("Success") {
        return Ok(0);
    }
    let causes = status.details.iter().flat_map(|d| d.causes.iter().flatten());
    let code = causes.filter(|c| c.reason.as_deref() == Some("ExitCode")).find_map(|c| c.message.as_deref()?.parse().ok());
    match (status.reason.as_deref(), code) {
        (Some("NonZeroExitCode"), Some(code)) => Ok(code),
        _ => Err(Error::failed(format!("exec in {pod}: {}", status.message.unwrap_or_default()))
            .hint("the container needs `sh` and redis-cli or valkey-cli; without them leave out --exec")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{StatusCause, StatusDetails};

    fn failure(reason: &str, code: Option<&str>) -> Status {
        let causes = code.map(|c| vec![StatusCause { reason: Some("ExitCode".into()), message: Some(c.into()), field: None }]);
        Status {
            status: Some("Failure".into()),
            reason: Some(reason.into()),
            message: Some("command terminated with non-zero exit code".into()),
            details: Some(StatusDetails { causes, ..Default::default() }),
            ..Default::default()
        }
    }

    #[test]
    fn the_exit_code_comes_from_the_status_at_the_end() {
        let success = Status { status: Some("Success".into()), ..Default::default() };
        assert_eq!(exit_code(Some(success), "p").unwrap(), 0);
        assert_eq!(exit_code(Some(failure("NonZeroExitCode", Some("3"))), "p").unwrap(), 3);
        assert!(exit_code(Some(failure("InternalError", None)), "p").is_err());
        assert!(exit_code(None, "p").is_err());
    }

    #[test]
    fn the_client_is_found_beside_the_server_binary_first() {
        let dir = tempfile::tempdir().unwrap();
        let server = dir.path().join("valkey-server");
        std::fs::write(dir.path().join("valkey-cli"), "").unwrap();
        assert_eq!(local_client(Some(&server)).unwrap(), dir.path().join("valkey-cli"));
    }
}
