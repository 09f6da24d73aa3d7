//! The binary on a pseudo-terminal, as an operator's shell runs it: stdin, stdout and stderr are
//! the terminal (so the tool takes itself to be interactive), keys are typed into it and what it
//! draws is read back.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A new pseudo-terminal of `rows` × `cols`: its master and slave sides.
pub fn open(rows: u16, cols: u16) -> (OwnedFd, OwnedFd) {
    // Both sides close-on-exec from the start (openpty has no flag for it): tests run in parallel,
    // and a server another test starts must never inherit the slave side, or the master never
    // sees the terminal's end and a session that ended looks hung.
    let flags = libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC;
    // SAFETY: posix_openpt, grantpt and unlockpt act on the new master only; ptsname_r writes a
    // NUL-terminated path into the buffer given; open and ioctl read what they are given.
    unsafe {
        let master = libc::posix_openpt(flags);
        assert!(master >= 0, "posix_openpt: {}", std::io::Error::last_os_error());
        let master = OwnedFd::from_raw_fd(master);
        let fd = master.as_raw_fd();
        assert!(libc::grantpt(fd) == 0 && libc::unlockpt(fd) == 0, "unlockpt: {}", std::io::Error::last_os_error());
        let mut path = [0 as libc::c_char; 128];
        assert_eq!(libc::ptsname_r(fd, path.as_mut_ptr(), path.len()), 0, "ptsname_r");
        let slave = libc::open(path.as_ptr(), flags);
        assert!(slave >= 0, "opening the slave side: {}", std::io::Error::last_os_error());
        let size = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
        libc::ioctl(slave, libc::TIOCSWINSZ, &size);
        (master, OwnedFd::from_raw_fd(slave))
    }
}

pub struct Terminal {
    pub child: Child,
    writer: std::fs::File,
    screen: Arc<Mutex<Vec<u8>>>,
}

impl Terminal {
    /// Starts the binary with `args` on a new 120×40 terminal.
    pub fn spawn(state: &Path, args: &[&str], env: &[(&str, &str)]) -> Terminal {
        let (master, slave) = open(40, 120);
        let mut cmd = Command::new(super::bin());
        cmd.args(args).env("KUBECTL_REDIS_STATE_DIR", state).env_remove("REDISCLI_AUTH").env("NO_COLOR", "1");
        cmd.env("TERM", "xterm");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let io = |fd: &OwnedFd| Stdio::from(fd.try_clone().expect("the terminal's descriptor is duplicated"));
        let child = cmd.stdin(io(&slave)).stdout(io(&slave)).stderr(io(&slave)).spawn().expect("the binary starts");
        drop(slave);
        let writer = std::fs::File::from(master.try_clone().unwrap());
        let mut reader = std::fs::File::from(master);
        let screen = Arc::new(Mutex::new(Vec::new()));
        let sink = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // Ends when the child has exited and closed the terminal (EIO).
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Terminal { child, writer, screen }
    }

    /// Types `text` as keys.
    pub fn type_keys(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Everything drawn so far, as text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.screen.lock().unwrap()).into_owned()
    }

    /// Waits until `text` has been drawn `times` times in all; panics with the screen otherwise.
    pub fn wait_for(&self, text: &str, times: usize, limit: Duration) {
        let started = Instant::now();
        while self.screen().matches(text).count() < times {
            assert!(
                started.elapsed() < limit,
                "{text:?} was not drawn {times} time(s) within {limit:?}; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the child to end, within `limit`, and returns its exit code.
    pub fn exit_code(&mut self, limit: Duration) -> i32 {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            if started.elapsed() > limit {
                let _ = self.child.kill();
                panic!("the binary did not end within {limit:?}; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
