//! `call`: one command on every node of the target — or only its masters or its replicas — one
//! row per node, as `redis-cli --cluster call` does. Every command not known to only read (see
//! `redis::commands`) needs `--yes` and, on Kubernetes, holds the target's lease; the command's arguments are never printed (they may hold a secret)
//! and CONFIG GET shows secret parameters as `(redacted)`.

use serde::Serialize;

use crate::cli::CallArgs;
use crate::context::{Context, Kind, Target};
use crate::error::{Error, ExitCode, Result};
use crate::output::{self, reply};
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;
use crate::redis::commands;
use crate::redis::conn::Reply;
use crate::redis::sentinel;
use crate::redis::topology::Role;

/// A node the command runs on.
#[derive(Debug, Clone)]
struct Callee {
    name: Option<String>,
    addr: NodeAddr,
    master: bool,
}

#[derive(Serialize)]
struct Row {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    addr: NodeAddr,
    role: &'static str,
    reply: serde_json::Value,
}

pub async fn run(ctx: &Context, args: &CallArgs) -> Result<ExitCode> {
    let words = &args.command;
    let Target { kind, platform } = ctx.target(&args.target).await?;
    let all = match kind {
        Kind::Group => group_members(ctx, &platform).await?,
        Kind::Cluster => cluster_nodes(ctx, &platform).await?,
    };
    let wanted = |c: &Callee| if c.master { !args.replicas } else { !args.masters };
    let callees: Vec<Callee> = all.into_iter().filter(wanted).collect();
    if callees.is_empty() {
        return Err(Error::usage(format!("no {} answered", if args.masters { "master" } else { "replica" }))
            .hint("leave out --masters/--replicas, or check the target with `kubectl redis status`"));
    }
    let cmd = command_of(words);
    let title = commands::title(words);
    if !commands::reads_only(words) {
        if ctx.dry_run {
            if !ctx.out.documents() {
                println!("Would run {title} on {} node(s); dry run: nothing was changed.", callees.len());
            }
            return Ok(ExitCode::Success);
        }
        if !ctx.yes && !ctx.interactive {
            return Err(Error::refused(format!(
                "not confirmed: {title} changes data or a node's configuration, and there is no terminal to ask on"
            ))
            .hint(format!("pass --yes to run it on {} node(s)", callees.len())));
        }
        ctx.confirm(&format!("{title} changes data or configuration: run it on {} node(s)?", callees.len()))?;
        ctx.connector.changes.note();
    }
    let mut replies = futures::future::join_all(callees.iter().map(|c| call_one(ctx, &c.addr, &cmd))).await;
    if title == "CONFIG GET" {
        replies = replies.into_iter().map(|r| r.map(reply::redact_config)).collect();
    }
    print(ctx, &callees, &replies)?;
    let failed = replies.iter().filter(|r| !matches!(r, Ok(Ok(_)))).count();
    Ok(match failed {
        0 => ExitCode::Success,
        n if n == replies.len() && replies.iter().all(Result::is_err) && !ctx.connector.changes.any() => ExitCode::Unreachable,
        _ => ExitCode::Failed,
    })
}

/// The nodes of a cluster that answered, masters first as `status` shows them.
async fn cluster_nodes(ctx: &Context, platform: &Platform) -> Result<Vec<Callee>> {
    let topology = super::gather(ctx, platform).await?;
    Ok(topology
        .members
        .iter()
        .filter_map(|m| {
            let addr = m.reached_at.clone().or_else(|| m.addr.clone())?;
            Some(Callee { name: m.name.clone(), addr, master: m.role == Role::Master })
        })
        .collect())
}

/// The members of a Sentinel group, by their own INFO; sentinels are not called.
async fn group_members(ctx: &Context, platform: &Platform) -> Result<Vec<Callee>> {
    let names = platform.names();
    let answers = sentinel::ask_members(&ctx.connector, &platform.nodes()).await?;
    Ok(answers
        .into_iter()
        .map(|(addr, state)| {
            let master = state.as_ref().is_ok_and(|s| s.info.role == "master");
            Callee { name: names.get(&addr).cloned(), addr, master }
        })
        .collect())
}

fn command_of(words: &[String]) -> redis::Cmd {
    let mut cmd = redis::cmd(&words[0]);
    for word in &words[1..] {
        cmd.arg(word);
    }
    cmd
}

async fn call_one(ctx: &Context, addr: &NodeAddr, cmd: &redis::Cmd) -> Result<Reply> {
    let mut conn = ctx.connector.connect(addr).await?;
    conn.reply(cmd, ctx.connector.timeout).await
}

fn print(ctx: &Context, callees: &[Callee], replies: &[Result<Reply>]) -> Result<()> {
    let role = |c: &Callee| if c.master { "master" } else { "replica" };
    if ctx.out.documents() {
        let rows: Vec<Row> = callees
            .iter()
            .zip(replies)
            .map(|(c, r)| Row {
                name: c.name.clone(),
                addr: c.addr.clone(),
                role: role(c),
                reply: match r {
                    Ok(reply) => reply::json(reply),
                    Err(e) => serde_json::json!({ "unreachable": e.to_string() }),
                },
            })
            .collect();
        return ctx.out.document(&serde_json::json!({ "nodes": rows }));
    }
    let mut table = output::table(&["NODE", "ADDRESS", "ROLE", "REPLY"]);
    for (c, r) in callees.iter().zip(replies) {
        let text = match r {
            Ok(reply) => reply::text(reply),
            Err(e) => format!("(unreachable) {e}"),
        };
        table.add_row(vec![c.name.clone().unwrap_or_else(|| "-".to_owned()), c.addr.to_string(), role(c).to_owned(), text]);
    }
    println!("{table}");
    Ok(())
}
