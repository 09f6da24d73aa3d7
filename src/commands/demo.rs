//! `demo`: the main job on a throw-away sandbox — start nodes, create 3 masters × 1 replica, load
//! sample keys, show status, scale out by one master (with its replica) and rebalance, remove a
//! replica, verify every key, check, tear down.

use std::time::Duration;

use crate::cli::{DemoArgs, MoveArgs};
use crate::context::Context;
use crate::error::{Error, ExitCode, Result};
use crate::planner::create::CreateRequest;
use crate::planner::membership::JoinAs;
use crate::platform::{Platform, sandbox};
use crate::redis::data;

const WAIT: Duration = Duration::from_secs(60);

pub async fn run(ctx: &Context, args: &DemoArgs) -> Result<ExitCode> {
    if ctx.json {
        return Err(Error::usage("demo prints a walk-through for people; it has no JSON output").hint("run it without -o json"));
    }
    let name = format!("demo-{}", std::process::id());
    let ctx = Context { yes: true, dry_run: false, ..ctx.clone() };
    let result = tokio::select! {
        result = walk_through(&ctx, &name, args) => result,
        _ = tokio::signal::ctrl_c() => Err(Error::failed("interrupted")),
    };
    heading(&ctx, "Tearing down the sandbox");
    match sandbox::down(&name) {
        Ok(s) => println!("stopped {} node(s)", s.nodes.len()),
        Err(e) => eprintln!("warning: could not remove sandbox '{name}': {e}"),
    }
    result.map(|()| ExitCode::Success)
}

fn heading(ctx: &Context, text: &str) {
    println!("\n{}", ctx.style.bold(&format!("==> {text}")));
}

async fn walk_through(ctx: &Context, name: &str, args: &DemoArgs) -> Result<()> {
    heading(ctx, "Starting 6 empty nodes (like 6 pods)");
    let sb = sandbox::up(name, 6, sandbox::ServerChoice { binary: args.server.as_deref(), args: &[] })?;
    println!("{} on {}", sb.server_version, sb.nodes.iter().map(|n| n.addr.to_string()).collect::<Vec<_>>().join(", "));

    heading(ctx, "kubectl redis create --replicas 1");
    let platform = Platform::Sandbox(sb);
    let (_, _, verdict) = super::create::execute(ctx, &platform, CreateRequest { replicas: 1, force: false }, WAIT).await?;
    if let Some(verdict) = verdict {
        super::check::print_verdict(ctx, &verdict);
    }

    heading(ctx, &format!("Loading {} sample keys", args.keys));
    let keys: Vec<(Vec<u8>, Vec<u8>)> =
        (0..args.keys).map(|i| (format!("demo:key:{i}").into_bytes(), format!("value-{i}").into_bytes())).collect();
    let topology = super::gather(ctx, &platform).await?;
    data::write(&ctx.connector, &topology, &keys).await?;
    println!("wrote {} keys to their slot owners", keys.len());

    heading(ctx, "kubectl redis status");
    super::status::run_on(ctx, &platform).await?;

    heading(ctx, "Scaling out by one master: more nodes, kubectl redis add-node (a master, then its replica)");
    // Node 8 shares node 7's host; node 9 runs on another host and zone, so it is the replica.
    let sb = sandbox::up(name, 9, sandbox::ServerChoice::default())?;
    let (new_master, new_replica) = (sb.nodes[6].addr.to_string(), sb.nodes[8].addr.to_string());
    let platform = Platform::Sandbox(sb);
    super::add_node::execute(ctx, &platform, &new_master, JoinAs::Master, WAIT).await?;
    super::add_node::execute(ctx, &platform, &new_replica, JoinAs::Replica(Some(new_master.clone())), WAIT).await?;

    heading(ctx, "kubectl redis rebalance --use-empty-masters");
    let request = super::rebalance::Request { weights: &[], threshold: 2.0, use_empty_masters: true };
    super::rebalance::execute(ctx, &platform, &request, &MoveArgs::default()).await?;

    heading(ctx, "Removing a replica (kubectl redis del-node <id>), then adding it back with --replica");
    let topology = super::gather(ctx, &platform).await?;
    let leaving =
        topology.members.iter().find(|m| !m.is_master() && m.addr.as_ref().is_some_and(|a| a.to_string() != new_replica));
    let leaving = leaving.ok_or_else(|| Error::failed("the cluster has no replica to remove"))?;
    let (leaving_id, leaving_addr) = (leaving.id.clone(), leaving.addr.as_ref().map(ToString::to_string).unwrap_or_default());
    super::del_node::execute(ctx, &platform, &leaving_id, false).await?;
    println!("placement gives the returning replica to the master that has none:");
    super::add_node::execute(ctx, &platform, &leaving_addr, JoinAs::Replica(None), WAIT).await?;

    heading(ctx, "Verifying every key");
    let topology = super::gather(ctx, &platform).await?;
    let missing = data::missing(&ctx.connector, &topology, &keys).await?;
    if !missing.is_empty() {
        return Err(Error::failed(format!("{} of {} keys are missing or changed", missing.len(), keys.len())));
    }
    println!("{}", ctx.style.good(&format!("all {} keys are present with their values", keys.len())));

    heading(ctx, "kubectl redis status && kubectl redis check");
    super::status::run_on(ctx, &platform).await?;
    let verdict = super::check::execute(ctx, &platform).await?;
    super::check::print_verdict(ctx, &verdict);
    Ok(())
}
