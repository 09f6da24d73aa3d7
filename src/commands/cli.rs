//! `cli`: a redis-cli on one node of the target — any member, the master that owns a key or
//! slot, or a replica of it — reached through the tool's own connections (port-forward, TLS,
//! the Secret's password). It runs one command given after `--`, the commands read from a
//! piped stdin, or an interactive prompt with history. MOVED and ASK replies are followed to the
//! node they name (through the same route) and said on stderr. With `--exec` redis-cli itself
//! runs where the node lives (its pod), for what one reply per command cannot show.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::CliArgs;
use crate::context::{Context, Kind, Target};
use crate::error::{Error, ExitCode, Result};
use crate::output::reply;
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;
use crate::redis::conn::{NodeConn, Reply};
use crate::redis::topology::{self, Member};
use crate::redis::{sentinel, slots};

/// A client gives up after this many redirections in a row (a slot moving back and forth).
const MAX_REDIRECTS: usize = 5;

/// Commands whose replies never end (pushed messages): a shell of one reply per command cannot
/// show them.
const STREAMING: [&str; 6] = ["MONITOR", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "SYNC", "PSYNC"];

pub async fn run(ctx: &Context, args: &CliArgs) -> Result<ExitCode> {
    if args.exec && ctx.out.documents() {
        return Err(Error::usage("--exec shows what redis-cli prints: -o json and -o yaml do not apply").hint("leave out -o"));
    }
    let Target { kind, platform } = ctx.target(&args.target).await?;
    let entry = match kind {
        Kind::Group => group_entry(ctx, &platform, args).await?,
        Kind::Cluster => cluster_entry(ctx, &platform, args).await?,
    };
    if args.exec {
        return run_client(ctx, &platform, kind, &entry, &args.command).await;
    }
    let mut shell = Shell { ctx, names: platform.names(), at: entry.addr, readonly: entry.replica, conn: None };
    // Connect now: an unreachable node is exit 4 before anything is asked.
    shell.connection().await?;
    if !args.command.is_empty() {
        let words: Vec<Vec<u8>> = args.command.iter().map(|w| w.as_bytes().to_vec()).collect();
        let reply = shell.execute(&words).await?;
        show(ctx, &shell, &reply, std::io::stdout().is_terminal())?;
        return Ok(if reply.is_err() { ExitCode::Failed } else { ExitCode::Success });
    }
    if std::io::stdin().is_terminal() { prompt(shell).await } else { from_stdin(shell).await }
}

/// `--exec`: redis-cli at the entry node, where it lives (see `Platform::run_cli`); `words`
/// (after --) are redis-cli's own arguments. It follows MOVED and ASK itself in a cluster.
async fn run_client(ctx: &Context, platform: &Platform, kind: Kind, entry: &Entry, words: &[String]) -> Result<ExitCode> {
    let code = platform.run_cli(&entry.addr, kind == Kind::Cluster, words, &ctx.connector).await?;
    Ok(ExitCode::of_client(code))
}

/// Where the shell starts, and whether that node is a replica (reads need READONLY there).
struct Entry {
    addr: NodeAddr,
    replica: bool,
}

/// A cluster: the member named, the master of the key's or slot's slot, or the first master that
/// answers; with --replica one of its replicas that answers.
async fn cluster_entry(ctx: &Context, platform: &Platform, args: &CliArgs) -> Result<Entry> {
    let topology = super::gather(ctx, platform).await?;
    let answering = |m: &&Member| m.state.is_some();
    let slot = args.slot.or_else(|| args.key.as_ref().map(|k| slots::key_slot(k.as_bytes())));
    let start = match (&args.node, slot) {
        (Some(reference), _) => topology.find(reference)?,
        (None, Some(slot)) => topology.masters().find(|m| m.slots.contains(slot)).ok_or_else(|| {
            Error::refused(format!("no master serves slot {slot}"))
                .hint("`kubectl redis check` shows the slots nobody serves; `kubectl redis fix` covers them")
        })?,
        (None, None) => topology
            .masters()
            .find(answering)
            .ok_or_else(|| Error::unreachable("no master answers").hint("`kubectl redis status` shows which nodes answer"))?,
    };
    let start = match args.replica && start.is_master() {
        true => topology.replicas_of(&start.id).find(answering).ok_or_else(|| {
            Error::refused(format!("{} has no replica that answers", start.label())).hint("leave out --replica to use the master")
        })?,
        false => start,
    };
    let addr =
        start.reached_at.clone().or_else(|| start.addr.clone()).ok_or_else(|| {
            Error::unreachable(format!("{} has no address", start.label())).hint("`kubectl redis check` tells why")
        })?;
    Ok(Entry { addr, replica: !start.is_master() })
}

/// A Sentinel group has no slots: the member named, else its master (or, with --replica, one of
/// its replicas), by the members' own INFO.
async fn group_entry(ctx: &Context, platform: &Platform, args: &CliArgs) -> Result<Entry> {
    if args.key.is_some() || args.slot.is_some() {
        return Err(Error::usage(format!(
            "{} is a Sentinel group: it has no slots, every key is on its master",
            platform.describe()
        ))
        .hint("leave out --key and --slot (the shell starts on the master), or pick a member with --node"));
    }
    let names = platform.names();
    let answers = sentinel::ask_members(&ctx.connector, &platform.nodes()).await?;
    let members: Vec<(NodeAddr, bool, Option<String>)> = answers
        .iter()
        .filter_map(|(addr, a)| a.as_ref().ok().map(|s| (addr.clone(), s.info.role == "master", names.get(addr).cloned())))
        .collect();
    if let Some(reference) = &args.node {
        let (addr, master, _) =
            topology::resolve(reference, &members, |_| "", |(addr, ..)| Some(addr), |(.., name)| name.as_deref())?;
        return Ok(Entry { addr: addr.clone(), replica: !master });
    }
    let want_master = !args.replica;
    let (addr, ..) = members.iter().find(|(_, master, _)| *master == want_master).ok_or_else(|| match want_master {
        true => Error::unreachable("no member of the group answers as its master").hint("`kubectl redis check` tells why"),
        false => Error::refused("no replica of the group answers").hint("leave out --replica to use the master"),
    })?;
    Ok(Entry { addr: addr.clone(), replica: !want_master })
}

/// The node the shell talks to, and its connection once open.
struct Shell<'a> {
    ctx: &'a Context,
    names: BTreeMap<NodeAddr, String>,
    at: NodeAddr,
    /// The node is a replica: the connection sends READONLY so that it serves reads.
    readonly: bool,
    conn: Option<NodeConn>,
}

/// Where a MOVED or ASK reply sends the command.
#[derive(Debug, PartialEq, Eq)]
enum Redirect {
    Moved { slot: u16, to: NodeAddr },
    Ask { slot: u16, to: NodeAddr },
}

impl Shell<'_> {
    /// `pod-name (address)`, or the address of a node the platform has no name for.
    fn label(&self, addr: &NodeAddr) -> String {
        match self.names.get(addr) {
            Some(name) => format!("{name} ({addr})"),
            None => addr.to_string(),
        }
    }

    async fn connection(&mut self) -> Result<&mut NodeConn> {
        if self.conn.is_none() {
            let mut conn = self.ctx.connector.connect(&self.at).await?;
            if self.readonly {
                // A Sentinel group's replica serves reads without it, and says OK all the same.
                let _ = conn.reply(&redis::cmd("READONLY"), self.ctx.connector.timeout).await?;
            }
            self.conn = Some(conn);
        }
        Ok(self.conn.as_mut().expect("connected above"))
    }

    /// Runs one command, following redirections; a connection that failed is dropped so that
    /// the next command connects again.
    async fn execute(&mut self, words: &[Vec<u8>]) -> Result<Reply> {
        let name = String::from_utf8_lossy(&words[0]).to_uppercase();
        if STREAMING.contains(&name.as_str()) {
            return Ok(Err(format!(
                "ERR {name} streams replies without end, which this shell (one reply per command) cannot show; run redis-cli in the pod"
            )));
        }
        let cmd = command_of(words);
        let result = self.follow(&cmd).await;
        if result.is_err() {
            self.conn = None;
        }
        result
    }

    async fn follow(&mut self, cmd: &redis::Cmd) -> Result<Reply> {
        let limit = self.ctx.connector.timeout;
        let mut reply = self.connection().await?.reply(cmd, limit).await?;
        for _ in 0..MAX_REDIRECTS {
            match redirect_of(&reply, &self.at) {
                Some(Redirect::Moved { slot, to }) => {
                    eprintln!("-> Redirected to slot [{slot}] located at {}", self.label(&to));
                    self.at = to;
                    self.readonly = false;
                    self.conn = None;
                    reply = self.connection().await?.reply(cmd, limit).await?;
                }
                Some(Redirect::Ask { slot, to }) => {
                    eprintln!("-> Asked to slot [{slot}] at {} (migrating)", self.label(&to));
                    let mut there = self.ctx.connector.connect(&to).await?;
                    there.reply(&redis::cmd("ASKING"), limit).await?.map_err(|e| Error::failed(format!("{to}: {e}")))?;
                    reply = there.reply(cmd, limit).await?;
                }
                None => return Ok(reply),
            }
        }
        Ok(reply)
    }
}

/// `MOVED 3999 10.0.0.3:6379` or `ASK …`; a node that does not know its peer's host answers with
/// an empty one (`:6379`), which is the host asked.
fn redirect_of(reply: &Reply, at: &NodeAddr) -> Option<Redirect> {
    let Err(text) = reply else { return None };
    let mut parts = text.split_whitespace();
    let kind = parts.next()?;
    let slot: u16 = parts.next()?.parse().ok()?;
    let target = parts.next()?;
    let to = match target.strip_prefix(':') {
        Some(port) => NodeAddr::new(at.host.clone(), port.parse().ok()?),
        None => target.parse().ok()?,
    };
    match kind {
        "MOVED" => Some(Redirect::Moved { slot, to }),
        "ASK" => Some(Redirect::Ask { slot, to }),
        _ => None,
    }
}

fn command_of(words: &[Vec<u8>]) -> redis::Cmd {
    let mut cmd = redis::cmd(&String::from_utf8_lossy(&words[0]));
    for word in &words[1..] {
        cmd.arg(word.as_slice());
    }
    cmd
}

/// A reply as redis-cli shows it: formatted on a terminal, raw when piped (errors on stderr), or
/// a JSON document naming the node that replied.
fn show(ctx: &Context, shell: &Shell<'_>, reply: &Reply, terminal: bool) -> Result<()> {
    if ctx.out.documents() {
        return ctx.out.document(&serde_json::json!({
            "node": shell.names.get(&shell.at),
            "addr": shell.at,
            "reply": reply::json(reply),
        }));
    }
    match reply {
        Ok(_) if !terminal => {
            let mut out = std::io::stdout().lock();
            out.write_all(&reply::raw(reply))?;
            out.write_all(b"\n")?;
        }
        Err(e) if !terminal => eprintln!("(error) {e}"),
        _ => println!("{}", reply::text(reply)),
    }
    Ok(())
}

/// Commands from a piped stdin, one per line; exit 1 when any reply was an error.
async fn from_stdin(mut shell: Shell<'_>) -> Result<ExitCode> {
    let mut failed = false;
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let words = match split_args(&line?) {
            Ok(words) if words.is_empty() => continue,
            Ok(words) => words,
            Err(why) => {
                eprintln!("(error) {why}");
                failed = true;
                continue;
            }
        };
        let reply = shell.execute(&words).await?;
        failed |= reply.is_err();
        show(shell.ctx, &shell, &reply, false)?;
    }
    Ok(if failed { ExitCode::Failed } else { ExitCode::Success })
}

/// The interactive prompt: `name (address)> `, history, `quit` or Ctrl-D to leave. Ctrl-C
/// clears the line; a node that stops answering is reported and connected again next time.
async fn prompt(mut shell: Shell<'_>) -> Result<ExitCode> {
    use rustyline::error::ReadlineError;
    let config = rustyline::Config::builder().auto_add_history(false).max_history_size(1000).map_err(editor_error)?.build();
    let mut editor = rustyline::DefaultEditor::with_config(config).map_err(editor_error)?;
    let history = history_file();
    if let Some(path) = &history {
        // A first run has no history yet.
        let _ = editor.load_history(path);
    }
    loop {
        let prompt = format!("{}> ", shell.label(&shell.at));
        let line = match tokio::task::block_in_place(|| editor.readline(&prompt)) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(editor_error(e)),
        };
        let words = match split_args(&line) {
            Ok(words) if words.is_empty() => continue,
            Ok(words) => words,
            Err(why) => {
                println!("Invalid argument(s): {why}");
                continue;
            }
        };
        let name = String::from_utf8_lossy(&words[0]).to_lowercase();
        if name == "quit" || name == "exit" {
            break;
        }
        if remembered(&words) {
            editor.add_history_entry(line.as_str()).map_err(editor_error)?;
            if let Some(path) = &history {
                let _ = editor.append_history(path);
            }
        }
        match shell.execute(&words).await {
            Ok(reply) => show(shell.ctx, &shell, &reply, true)?,
            Err(e) => eprintln!("error: {e}"),
        }
    }
    Ok(ExitCode::Success)
}

fn editor_error(e: rustyline::error::ReadlineError) -> Error {
    Error::failed(format!("the terminal: {e}")).hint("pass the command after -- or pipe commands to stdin")
}

/// `$KUBECTL_REDIS_HISTFILE`, else `cli_history` in the state directory; `/dev/null` keeps none.
fn history_file() -> Option<PathBuf> {
    let path = match std::env::var_os("KUBECTL_REDIS_HISTFILE").filter(|p| !p.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => {
            let root = crate::state::root();
            crate::state::private_dir(&root).ok()?;
            root.join("cli_history")
        }
    };
    (path != std::path::Path::new("/dev/null")).then_some(path)
}

/// Whether a command line may be kept in the history: never one that carries a password.
fn remembered(words: &[Vec<u8>]) -> bool {
    let word = |i: usize| words.get(i).map(|w| String::from_utf8_lossy(w).to_lowercase()).unwrap_or_default();
    match word(0).as_str() {
        "auth" | "migrate" => false,
        "hello" => !words.iter().skip(2).any(|w| w.eq_ignore_ascii_case(b"auth")),
        "acl" => word(1) != "setuser",
        "config" => {
            word(1) != "set" || !words.iter().skip(2).step_by(2).any(|w| reply::is_secret_parameter(&String::from_utf8_lossy(w)))
        }
        _ => true,
    }
}

/// Splits a command line as redis-cli does: words apart by spaces; "double quotes" with
/// `\n \r \t \b \a \\ \" \xHH` escapes; 'single quotes' with `\'`. A closing quote must end its word.
fn split_args(line: &str) -> std::result::Result<Vec<Vec<u8>>, String> {
    let bytes = line.as_bytes();
    let mut words = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == bytes.len() {
            return Ok(words);
        }
        let mut word = Vec::new();
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            match bytes[i] {
                b'"' => i = quoted(bytes, i + 1, &mut word, true)?,
                b'\'' => i = quoted(bytes, i + 1, &mut word, false)?,
                b => {
                    word.push(b);
                    i += 1;
                }
            }
        }
        words.push(word);
    }
}

/// Reads a quoted part starting after its opening quote; returns the index after the closing one.
fn quoted(bytes: &[u8], mut i: usize, word: &mut Vec<u8>, double: bool) -> std::result::Result<usize, String> {
    let close = if double { b'"' } else { b'\'' };
    while i < bytes.len() {
        let b = bytes[i];
        if b == close {
            if bytes.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace()) {
                return Err("a closing quote must be followed by a space".to_owned());
            }
            return Ok(i + 1);
        }
        if b == b'\\' && i + 1 < bytes.len() {
            let next = bytes[i + 1];
            if !double {
                word.push(if next == b'\'' { b'\'' } else { b });
                i += if next == b'\'' { 2 } else { 1 };
                continue;
            }
            let hex =
                bytes.get(i + 2..i + 4).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
            match (next, hex) {
                (b'x', Some(value)) => {
                    word.push(value);
                    i += 4;
                    continue;
                }
                (b'n', _) => word.push(b'\n'),
                (b'r', _) => word.push(b'\r'),
                (b't', _) => word.push(b'\t'),
                (b'b', _) => word.push(0x08),
                (b'a', _) => word.push(0x07),
                (other, _) => word.push(other),
            }
            i += 2;
            continue;
        }
        word.push(b);
        i += 1;
    }
    Err("unbalanced quotes".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Vec<String> {
        split_args(line).unwrap().into_iter().map(|w| String::from_utf8(w).unwrap()).collect()
    }

    #[test]
    fn command_lines_split_like_redis_cli() {
        assert_eq!(split("  SET  k v "), ["SET", "k", "v"]);
        assert_eq!(split(r#"SET "a b" 'c d'"#), ["SET", "a b", "c d"]);
        assert_eq!(split(r#"SET k "x\ny\"z""#), ["SET", "k", "x\ny\"z"]);
        assert_eq!(split(r"SET k 'it\'s'"), ["SET", "k", "it's"]);
        assert_eq!(split_args(r#"SET k "\x00\xff""#).unwrap()[2], [0u8, 0xff]);
        assert_eq!(split(r#"SET k"v" w"#), ["SET", "kv", "w"]);
        assert!(split("").is_empty());
        assert!(split_args(r#"SET "open"#).is_err());
        assert!(split_args(r#"SET "a"b"#).is_err());
    }

    #[test]
    fn lines_carrying_a_password_are_not_remembered() {
        let line = |l: &str| remembered(&split_args(l).unwrap());
        assert!(line("GET k") && line("CONFIG SET maxmemory 1gb") && line("HELLO 3") && line("ACL LIST"));
        assert!(!line("AUTH hunter2") && !line("auth user hunter2"));
        assert!(!line("HELLO 3 AUTH default hunter2") && !line("acl setuser bob >pw"));
        assert!(!line("CONFIG SET maxmemory 1gb masterauth hunter2") && !line("config set requirepass x"));
        assert!(!line("MIGRATE h 6379 k 0 100 AUTH pw"));
    }

    #[test]
    fn moved_and_ask_name_the_slot_and_node() {
        let at = NodeAddr::new("10.0.0.1", 6379);
        let moved = redirect_of(&Err("MOVED 3999 10.0.0.3:6380".into()), &at);
        assert_eq!(moved, Some(Redirect::Moved { slot: 3999, to: NodeAddr::new("10.0.0.3", 6380) }));
        let ask = redirect_of(&Err("ASK 7 :6381".into()), &at);
        assert_eq!(ask, Some(Redirect::Ask { slot: 7, to: NodeAddr::new("10.0.0.1", 6381) }));
        assert_eq!(redirect_of(&Err("ERR unknown command".into()), &at), None);
        assert_eq!(redirect_of(&Ok(redis::Value::Okay), &at), None);
    }
}
