//! `demo`: the main job on a throw-away sandbox — start nodes, create 3 masters × 1 replica, load
//! sample keys, show status, scale to 4 masters and back to 3, verify every key, check, tear down.
//! `demo --sentinel` walks a Sentinel group instead (see `sentinel::demo`).

use std::time::Duration;

use crate::cli::{DemoArgs, MoveArgs};
use crate::context::Context;
use crate::error::{Error, ExitCode, Result};
use crate::planner::create::CreateRequest;
use crate::planner::scale::ScaleRequest;
use crate::platform::{Platform, sandbox};
use crate::redis::data;

const WAIT: Duration = Duration::from_secs(60);

pub async fn run(ctx: &Context, args: &DemoArgs) -> Result<ExitCode> {
    if ctx.out.documents() {
        return Err(Error::usage("demo prints a walk-through for people; it has no JSON output").hint("run it without -o json"));
    }
    let name = format!("demo-{}", std::process::id());
    let mut ctx = ctx.clone();
    (ctx.yes, ctx.dry_run) = (true, false);
    let walk = async {
        if args.sentinel {
            super::sentinel::demo::walk_through(&ctx, &name, args, |text| heading(&ctx, text)).await
        } else {
            walk_through(&ctx, &name, args).await
        }
    };
    let result = tokio::select! {
        result = walk => result,
        _ = tokio::signal::ctrl_c() => Err(Error::failed("interrupted")),
    };
    heading(&ctx, "Tearing down the sandbox");
    match sandbox::down(&name) {
        Ok(s) if s.sentinels.is_empty() => println!("stopped {} node(s)", s.nodes.len()),
        Ok(s) => println!("stopped {} node(s) and {} sentinel(s)", s.nodes.len(), s.sentinels.len()),
        Err(e) => eprintln!("warning: could not remove sandbox '{name}': {e}"),
    }
    result.map(|()| ExitCode::Success)
}

fn heading(ctx: &Context, text: &str) {
    println!("\n{}", ctx.style.bold(&format!("==> {text}")));
}

async fn walk_through(ctx: &Context, name: &str, args: &DemoArgs) -> Result<()> {
    heading(ctx, "Starting 6 empty nodes (like 6 pods)");
    let sb = sandbox::up(name, 6, sandbox::ServerChoice { binary: args.server.as_deref(), args: &[], sentinels: None })?;
    let addrs: Vec<String> = sb.nodes.iter().map(|n| n.addr.to_string()).collect();
    println!("sandbox {name}: {} on {}", sb.server_version, addrs.join(", "));

    heading(ctx, "kubectl redis create --replicas 1");
    let platform = Platform::Sandbox(sb);
    let (_, _, verdict) =
        super::create::execute(ctx, &platform, CreateRequest { replicas: 1, force: false, wait_synced: true }, WAIT).await?;
    if let Some(verdict) = verdict {
        super::verdict::print(ctx, &verdict);
    }

    heading(ctx, &format!("Loading {} sample keys", args.keys));
    let keys: Vec<(Vec<u8>, Vec<u8>)> =
        (0..args.keys).map(|i| (format!("demo:key:{i}").into_bytes(), format!("value-{i}").into_bytes())).collect();
    let topology = super::gather(ctx, &platform).await?;
    data::write(&ctx.connector, &topology, &keys).await?;
    println!("wrote {} keys to their slot owners", keys.len());

    heading(ctx, "kubectl redis status");
    super::status::run_on(ctx, &platform).await?;

    let mut platform = platform;
    heading(ctx, "kubectl redis scale --masters 4 (one more shard: grow to 8 members, join, move a quarter of the slots)");
    scale_to(ctx, &mut platform, 4, name).await?;
    super::status::run_on(ctx, &platform).await?;

    heading(ctx, "kubectl redis scale --masters 3 (back: drain the highest shard, forget it, shrink to 6 members)");
    scale_to(ctx, &mut platform, 3, name).await?;

    heading(ctx, "Verifying every key");
    let topology = super::gather(ctx, &platform).await?;
    let missing = data::missing(&ctx.connector, &topology, &keys).await?;
    if !missing.is_empty() {
        return Err(Error::failed(format!("{} of {} keys are missing or changed", missing.len(), keys.len())));
    }
    println!("{}", ctx.style.good(&format!("all {} keys are present with their values", keys.len())));

    heading(ctx, "kubectl redis status && kubectl redis check");
    super::status::run_on(ctx, &platform).await?;
    let verdict = super::verdict::execute(ctx, &platform).await?;
    super::verdict::print(ctx, &verdict);
    Ok(())
}

/// `scale --masters <masters> --yes` with the command line's defaults, reporting what moved.
async fn scale_to(ctx: &Context, platform: &mut Platform, masters: usize, sandbox: &str) -> Result<()> {
    let moving = MoveArgs::default();
    let rerun = format!(" --sandbox={sandbox}");
    let options = super::scale::Options { moving: &moving, wait: WAIT, delete_storage: false, synced: true, rerun };
    let request = ScaleRequest { masters, ..Default::default() };
    let finished = super::scale::execute(ctx, platform, request, &options).await?;
    if finished.resume.is_some() {
        return Err(Error::failed("interrupted"));
    }
    println!("{}", ctx.style.good(&finished.effects.summary(&finished.plan)));
    Ok(())
}
