//! `sandbox up|down|scale|restart|status`: local server processes that stand in for pods.

use crate::cli::SandboxCommand;
use crate::context::Context;
use crate::error::{ExitCode, Result};
use crate::output;
use crate::platform::sandbox::{self, NodeStatus, Sandbox};

pub async fn run(ctx: &Context, command: &SandboxCommand) -> Result<ExitCode> {
    match command {
        SandboxCommand::Up(args) => {
            let choice = sandbox::ServerChoice { binary: args.server.as_deref(), args: &args.server_args };
            let sandbox = sandbox::up(&args.name, args.count, choice)?;
            print(ctx, &sandbox)?;
        }
        SandboxCommand::Down(args) => {
            let sandbox = sandbox::down(&args.name)?;
            if ctx.json {
                output::print_json(&serde_json::json!({ "name": sandbox.name, "stopped": sandbox.nodes.len() }))?;
            } else {
                println!("sandbox '{}' stopped ({} node(s)) and removed", sandbox.name, sandbox.nodes.len());
            }
        }
        SandboxCommand::Status(args) => print(ctx, &sandbox::load(&args.name)?)?,
        SandboxCommand::Scale(args) => {
            let current = sandbox::load(&args.name)?;
            let sandbox = if args.count >= current.nodes.len() {
                sandbox::up(&args.name, args.count, sandbox::ServerChoice::default())?
            } else {
                sandbox::shrink(&args.name, args.count, args.delete_storage)?
            };
            print(ctx, &sandbox)?;
        }
        SandboxCommand::Restart(args) => {
            let all: Vec<usize> = (0..sandbox::load(&args.name)?.nodes.len()).collect();
            let members = if args.members.is_empty() { &all } else { &args.members };
            print(ctx, &sandbox::restart(&args.name, members, args.new_ip)?)?;
        }
    }
    Ok(ExitCode::Success)
}

fn print(ctx: &Context, sandbox: &Sandbox) -> Result<()> {
    let nodes = sandbox::status(sandbox);
    if ctx.json {
        return output::print_json(&serde_json::json!({
            "name": sandbox.name,
            "server": sandbox.server,
            "server_version": sandbox.server_version,
            "nodes": nodes,
        }));
    }
    println!("sandbox '{}': {} node(s), {} ({})", sandbox.name, nodes.len(), sandbox.server_version, sandbox.server.display());
    let mut table = output::table(&["NODE", "PID", "STATE", "HOST", "ZONE"]);
    for NodeStatus { addr, pid, running, host, zone } in &nodes {
        let state = if *running { ctx.style.good("running") } else { ctx.style.bad("stopped") };
        table.add_row(vec![addr.to_string(), pid.to_string(), state, host.clone(), zone.clone()]);
    }
    println!("{table}");
    println!("use it with: kubectl redis status --sandbox={}", sandbox.name);
    Ok(())
}
