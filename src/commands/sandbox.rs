//! `sandbox up|down|scale|restart|status`: local server processes that stand in for pods.

use crate::cli::SandboxCommand;
use crate::context::Context;
use crate::error::{Error, ExitCode, Result};
use crate::output;
use crate::platform::sandbox::{self, NodeStatus, Sandbox};

pub async fn run(ctx: &Context, command: &SandboxCommand) -> Result<ExitCode> {
    match command {
        SandboxCommand::Up(args) => {
            let sentinels = args.sentinel.then(|| sandbox::SentinelLayout {
                count: args.sentinels.unwrap_or(if args.separate { 3 } else { args.count }),
                separate: args.separate,
            });
            if !args.sentinel && (args.sentinels.is_some() || args.separate) {
                return Err(Error::usage("--sentinels and --separate describe a Sentinel sandbox").hint("add --sentinel"));
            }
            let choice = sandbox::ServerChoice { binary: args.server.as_deref(), args: &args.server_args, sentinels };
            let sandbox = sandbox::up(&args.name, args.count, choice)?;
            print(ctx, &sandbox)?;
        }
        SandboxCommand::Down(args) => {
            let sandbox = sandbox::down(&args.name)?;
            if ctx.out.documents() {
                ctx.out.document(&serde_json::json!({ "name": sandbox.name, "stopped": sandbox.nodes.len() }))?;
            } else {
                println!("sandbox '{}' stopped ({} node(s)) and removed", sandbox.name, sandbox.nodes.len());
            }
        }
        SandboxCommand::Status(args) => print(ctx, &sandbox::load(&args.name)?)?,
        SandboxCommand::Scale(args) => {
            let current = sandbox::load(&args.name)?;
            let sandbox = if args.sentinel {
                sandbox::resize_sentinels(&args.name, args.count, &ctx.connector.changes)?
            } else if args.count >= current.nodes.len() {
                sandbox::up(&args.name, args.count, sandbox::ServerChoice::default())?
            } else {
                sandbox::shrink(&args.name, args.count, args.delete_storage, &ctx.connector.changes)?
            };
            print(ctx, &sandbox)?;
        }
        SandboxCommand::Restart(args) => {
            if let Some(server) = &args.server {
                sandbox::set_server(&args.name, &sandbox::find_server(Some(server))?)?;
            }
            let current = sandbox::load(&args.name)?;
            let count = if args.sentinel { current.sentinels.len() } else { current.nodes.len() };
            let all: Vec<usize> = (0..count).collect();
            let which = if args.members.is_empty() { &all } else { &args.members };
            let restarted = if args.sentinel {
                sandbox::restart_sentinels(&args.name, which, args.new_ip, args.fresh_id)?
            } else if args.fresh_id {
                return Err(Error::usage("--fresh-id restarts sentinels").hint("add --sentinel"));
            } else {
                sandbox::restart(&args.name, which, args.new_ip)?
            };
            print(ctx, &restarted)?;
        }
    }
    Ok(ExitCode::Success)
}

fn print(ctx: &Context, sandbox: &Sandbox) -> Result<()> {
    let nodes = sandbox::status(sandbox);
    let sentinels = sandbox::sentinel_status(sandbox);
    if ctx.out.documents() {
        return ctx.out.document(&serde_json::json!({
            "name": sandbox.name,
            "mode": sandbox.mode,
            "server": sandbox.server,
            "server_version": sandbox.server_version,
            "nodes": nodes,
            "sentinels": sentinels,
        }));
    }
    println!("sandbox '{}': {} node(s), {} ({})", sandbox.name, nodes.len(), sandbox.server_version, sandbox.server.display());
    let mut table = output::table(&["NODE", "PID", "STATE", "HOST", "ZONE"]);
    let rows = nodes.iter().map(|n| ("", n)).chain(sentinels.iter().map(|n| (" (sentinel)", n)));
    for (kind, NodeStatus { addr, pid, running, host, zone }) in rows {
        let state = if *running { ctx.style.good("running") } else { ctx.style.bad("stopped") };
        table.add_row(vec![format!("{addr}{kind}"), pid.to_string(), state, host.clone(), zone.clone()]);
    }
    println!("{table}");
    if sandbox.mode == sandbox::Mode::Sentinel {
        println!("form the group with: kubectl redis create --sentinel --sandbox={}", sandbox.name);
    }
    println!("use it with: kubectl redis status --sandbox={}", sandbox.name);
    Ok(())
}
