//! The fake kubelet's exec: a pod container's command run here, as `kubectl exec` and kube's
//! `Api::exec` reach it through the API server — a WebSocket (`v5.channel.k8s.io`, or v4) whose
//! binary messages are a channel byte and a payload: 0 stdin, 1 stdout, 2 stderr, 3 the `Status`
//! that ends the stream, 4 TTY resizes (`{"Width":…,"Height":…}`), and on v5 `[255, 0]` closing
//! stdin. The container has only what its image has on PATH: `sh`, `stty` and the client
//! (`redis-cli`; `valkey-cli` alone in a Valkey image). With a TTY the command gets a
//! pseudo-terminal as its controlling terminal, as a container runtime gives it one.

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::ws::{Message, WebSocket};
use futures::stream::SplitStream;
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc::UnboundedSender;

/// What an exec request asks for.
pub struct Exec {
    pub command: Vec<String>,
    pub tty: bool,
    /// The container's PATH: its image's tools.
    pub path: PathBuf,
}

/// The tools of an image: a directory of links, made once under `root`.
pub fn image_tools(root: &Path, valkey: bool) -> PathBuf {
    let dir = root.join(if valkey { "image-valkey" } else { "image-redis" });
    let client = if valkey { "valkey-cli" } else { "redis-cli" };
    let _ = std::fs::create_dir_all(&dir);
    for (name, tool) in [("sh", "sh"), ("stty", "stty"), (client, "redis-cli")] {
        let link = dir.join(name);
        if !link.exists() {
            let target = super::which(tool).unwrap_or_else(|| panic!("{tool} is not on PATH"));
            // Two execs at once may both make it: the second finds it made.
            let _ = std::os::unix::fs::symlink(target, link);
        }
    }
    dir
}

/// Runs the command and relays its streams over the socket until it ends, then sends its Status.
pub async fn serve(socket: WebSocket, exec: Exec) {
    let (mut sink, source) = socket.split();
    let (out, mut outgoing) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
    let writer = tokio::spawn(async move {
        while let Some(message) = outgoing.recv().await {
            if sink.send(Message::Binary(message.into())).await.is_err() {
                return;
            }
        }
        // A normal closure, with its code: kubectl takes a close without one (1005) for an error.
        let normal = axum::extract::ws::CloseFrame { code: 1000, reason: "".into() };
        let _ = sink.send(Message::Close(Some(normal))).await;
    });
    let status = if exec.tty { on_terminal(exec, source, out.clone()).await } else { piped(exec, source, out.clone()).await };
    let mut message = vec![3u8];
    message.extend(serde_json::to_vec(&status).unwrap());
    let _ = out.send(message);
    drop(out);
    let _ = writer.await;
}

fn command(exec: &Exec) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(&exec.command[0]);
    cmd.args(&exec.command[1..]).env_clear().env("PATH", &exec.path).kill_on_drop(true);
    // SAFETY: signal(2) is async-signal-safe. A container's process starts with every signal at
    // its default, whatever the runtime inherited: a test suite started in the background by a
    // shell ignores SIGINT, and Ctrl-C would then never end the pod's client.
    unsafe {
        cmd.pre_exec(|| {
            for sig in [libc::SIGINT, libc::SIGQUIT] {
                libc::signal(sig, libc::SIG_DFL);
            }
            Ok(())
        });
    }
    cmd
}

/// Without a TTY: stdin, stdout and stderr are pipes.
async fn piped(exec: Exec, mut source: SplitStream<WebSocket>, out: UnboundedSender<Vec<u8>>) -> Value {
    let mut cmd = command(&exec);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => return not_started(&exec.command[0], &e),
    };
    let mut stdin = child.stdin.take();
    let stdout = tokio::spawn(pump(child.stdout.take().unwrap(), 1, out.clone()));
    let stderr = tokio::spawn(pump(child.stderr.take().unwrap(), 2, out));
    let input = async move {
        while let Some(data) = next_binary(&mut source).await {
            match (data.first(), data.get(1)) {
                (Some(0), _) => {
                    if let Some(pipe) = stdin.as_mut()
                        && pipe.write_all(&data[1..]).await.is_err()
                    {
                        stdin = None;
                    }
                }
                (Some(255), Some(0)) => stdin = None,
                _ => {}
            }
        }
    };
    tokio::select! {
        _ = async { let _ = stdout.await; let _ = stderr.await; } => {}
        // The client went away: so does the process, as the kubelet ends its session.
        () = input => {
            let _ = child.start_kill();
        }
    }
    exit_status(child.wait().await)
}

/// The client's next binary message; `None` once it closed the socket or went away.
async fn next_binary(source: &mut SplitStream<WebSocket>) -> Option<axum::body::Bytes> {
    while let Some(Ok(message)) = source.next().await {
        match message {
            Message::Binary(data) => return Some(data),
            Message::Close(_) => return None,
            _ => {}
        }
    }
    None
}

/// Copies one of the process's streams to its channel until it ends or the client is gone.
async fn pump(mut from: impl AsyncRead + Unpin, channel: u8, out: UnboundedSender<Vec<u8>>) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match from.read(&mut buf[1..]).await {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                buf[0] = channel;
                if out.send(buf[..=n].to_vec()).is_err() {
                    return;
                }
            }
        }
    }
}

/// With a TTY: the command's controlling terminal is a new pseudo-terminal; what it draws goes to
/// stdout, keys typed come from stdin, resizes change its size.
async fn on_terminal(exec: Exec, mut source: SplitStream<WebSocket>, out: UnboundedSender<Vec<u8>>) -> Value {
    let (master, slave) = super::pty::open(24, 80);
    let mut cmd = command(&exec);
    cmd.env("TERM", "xterm");
    let io = |fd: &std::os::fd::OwnedFd| Stdio::from(fd.try_clone().unwrap());
    cmd.stdin(io(&slave)).stdout(io(&slave)).stderr(io(&slave));
    // SAFETY: setsid and ioctl are async-signal-safe; the child makes its stdin, the
    // terminal's slave side, its controlling terminal in a session of its own.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() == -1 || libc::ioctl(0, libc::TIOCSCTTY, 0) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let spawned = cmd.spawn();
    // The command holds copies of the slave side: all must close for the master to see the end.
    drop((cmd, slave));
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return not_started(&exec.command[0], &e),
    };
    let terminal = master.as_raw_fd();
    let mut keys = std::fs::File::from(master.try_clone().unwrap());
    let screen = std::fs::File::from(master);
    let ended = Arc::new(AtomicBool::new(false));
    let drawn = tokio::task::spawn_blocking({
        let ended = ended.clone();
        move || draw(screen, &ended, &out)
    });
    let input = async move {
        while let Some(data) = next_binary(&mut source).await {
            match data.first() {
                Some(0) => {
                    let _ = keys.write_all(&data[1..]);
                }
                Some(4) => resize(terminal, &data[1..]),
                _ => {}
            }
        }
    };
    // The session ends when the process does, as a container runtime ends it: not when every
    // copy of the terminal's slave side is closed (a process another test starts meanwhile may
    // hold one for a moment).
    let status = tokio::select! {
        status = child.wait() => status,
        () = input => {
            let _ = child.start_kill();
            child.wait().await
        }
    };
    ended.store(true, Ordering::SeqCst);
    let _ = drawn.await;
    exit_status(status)
}

/// Sends what the terminal shows, until it closes (EIO) or, once the process has ended
/// (`ended`), it has nothing more to read: a process's output is all there when it exits.
fn draw(mut screen: std::fs::File, ended: &AtomicBool, out: &UnboundedSender<Vec<u8>>) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let mut ready = libc::pollfd { fd: screen.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: poll reads and writes the one pollfd given.
        if unsafe { libc::poll(&mut ready, 1, 50) } == 0 {
            if ended.load(Ordering::SeqCst) {
                return;
            }
            continue;
        }
        let Ok(n @ 1..) = screen.read(&mut buf[1..]) else { return };
        buf[0] = 1;
        if out.send(buf[..=n].to_vec()).is_err() {
            return;
        }
    }
}

fn resize(terminal: i32, size: &[u8]) {
    let Ok(size) = serde_json::from_slice::<Value>(size) else { return };
    let dimension = |key: &str| size[key].as_u64().unwrap_or(0) as u16;
    let size = libc::winsize { ws_row: dimension("Height"), ws_col: dimension("Width"), ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: TIOCSWINSZ reads the winsize given; the descriptor is the terminal's master side.
    unsafe {
        libc::ioctl(terminal, libc::TIOCSWINSZ, &size);
    }
}

/// The Status at the end of an exec: Success, or the exit code as a real API server words it.
fn exit_status(status: std::io::Result<std::process::ExitStatus>) -> Value {
    // A process ended by a signal has no code: 128 + the signal, as a shell reports it.
    let code = status
        .ok()
        .map_or(137, |s| s.code().unwrap_or_else(|| 128 + std::os::unix::process::ExitStatusExt::signal(&s).unwrap_or(9)));
    match code {
        0 => json!({ "metadata": {}, "status": "Success" }),
        code => json!({ "metadata": {}, "status": "Failure",
                        "message": format!("command terminated with non-zero exit code: exit status {code}"),
                        "reason": "NonZeroExitCode",
                        "details": { "causes": [{ "reason": "ExitCode", "message": code.to_string() }] } }),
    }
}

/// The Status of a command the container cannot start.
fn not_started(program: &str, e: &std::io::Error) -> Value {
    json!({ "metadata": {}, "status": "Failure", "reason": "InternalError", "code": 500,
            "message": format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{program}\": {e}: unknown") })
}
