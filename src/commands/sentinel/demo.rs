//! `demo --sentinel`: a Sentinel group on a throw-away sandbox — start 3 members with a sentinel
//! beside each, form the group, show it, fail it over under a writer that follows the sentinels
//! (and prove it lost none of its acknowledged writes), let a sentinel's settings drift, check,
//! fix, check again.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::Reading;
use crate::cli::{ConnectMode, DemoArgs, TargetArgs};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::planner::sentinel::create::{self, CreateRequest, DEFAULT_SETTINGS};
use crate::planner::sentinel::failover::{self, FailoverRequest};
use crate::planner::sentinel::repair::{self, RepairRequest};
use crate::platform::{Platform, sandbox};
use crate::redis::addr::NodeAddr;
use crate::redis::conn::Connector;

const WAIT: Duration = Duration::from_secs(60);

/// Runs the walk-through on the sandbox `name` (torn down by the caller).
pub async fn walk_through(ctx: &Context, name: &str, args: &DemoArgs, heading: impl Fn(&str)) -> Result<()> {
    heading("Starting 3 members, each with a sentinel beside it (like 3 pods of the Bitnami chart)");
    let layout = sandbox::SentinelLayout { count: 3, separate: false };
    let choice = sandbox::ServerChoice { binary: args.server.as_deref(), args: &[], sentinels: Some(layout) };
    let sb = sandbox::up(name, 3, choice)?;
    println!("sandbox {name}: {}", sb.server_version);
    let platform = Platform::Sandbox(sb);
    let target = sandbox_target(name);

    heading("kubectl redis create --sentinel");
    let facts = super::gather(ctx, &platform, &target, Reading::Forming).await?;
    let request = CreateRequest { order: platform.nodes(), quorum: None, settings: DEFAULT_SETTINGS, force: false };
    super::carry_out(ctx, &facts, &create::plan(&facts, &request)?, WAIT).await?;

    heading("kubectl redis status");
    show_status(ctx, &platform, &target).await?;

    heading("kubectl redis failover, while a client writes through the master the sentinels name");
    let writer = Writer::start(ctx.connector.clone(), platform.sentinels());
    tokio::time::sleep(Duration::from_secs(1)).await;
    let facts = super::gather(ctx, &platform, &target, Reading::Existing).await?;
    let request = FailoverRequest { to: None, max_lag: 1 << 20, pause_ms: 10_000, check: "kubectl redis check".into() };
    let (_, summary) = super::carry_out(ctx, &facts, &failover::plan(&facts, &request)?, WAIT).await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (acked, failed) = writer.stop().await;
    let master = summary.new_master.ok_or_else(|| Error::failed("the failover named no new master"))?;
    let lost = lost_writes(&ctx.connector, &master, acked).await?;
    if lost > 0 {
        return Err(Error::failed(format!("{lost} of {acked} acknowledged writes were lost")));
    }
    println!(
        "{}",
        ctx.style.good(&format!(
            "new master {master}: all {acked} acknowledged writes are there ({failed} write(s) failed and were retried)"
        ))
    );

    heading("A sentinel's settings drift (SENTINEL SET down-after-milliseconds 30000 on one), then kubectl redis check");
    let drifted = platform.sentinels()[2].clone();
    let mut conn = crate::redis::sentinel::connect(&ctx.connector, &drifted).await?;
    conn.call::<()>(redis::cmd("SENTINEL").arg("SET").arg(&facts.name).arg("down-after-milliseconds").arg(30_000)).await?;
    let facts = super::gather(ctx, &platform, &target, Reading::Existing).await?;
    super::check::print(ctx, &super::check::verdict(ctx, &target, &facts, super::check::DEFAULT_MAX_LAG));

    heading("kubectl redis fix");
    super::carry_out(ctx, &facts, &repair::plan(&facts, &RepairRequest::default())?, WAIT).await?;
    let facts = super::gather(ctx, &platform, &target, Reading::Existing).await?;
    super::check::print(ctx, &super::check::verdict(ctx, &target, &facts, super::check::DEFAULT_MAX_LAG));
    Ok(())
}

async fn show_status(ctx: &Context, platform: &Platform, target: &TargetArgs) -> Result<()> {
    super::status::run(ctx, target, platform).await.map(|_| ())
}

fn sandbox_target(name: &str) -> TargetArgs {
    TargetArgs {
        statefulset: None,
        selector: None,
        namespace: None,
        kubeconfig: None,
        context: None,
        password_secret: None,
        connect: ConnectMode::Auto,
        sandbox: Some(name.to_owned()),
        nodes: Vec::new(),
        sentinels: Vec::new(),
        master_name: None,
        sentinel_password_secret: None,
    }
}

/// A client that writes `demo:sentinel:N` through the master the sentinels name, and asks them
/// again after any error, as Sentinel-aware clients do.
struct Writer {
    stop: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<(u64, u64)>,
}

impl Writer {
    fn start(connector: Connector, sentinels: Vec<NodeAddr>) -> Writer {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let task = tokio::spawn(async move {
            let (mut acked, mut failed) = (0u64, 0u64);
            while !flag.load(Ordering::SeqCst) {
                let Some(mut conn) = master_conn(&connector, &sentinels).await else {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                while !flag.load(Ordering::SeqCst) {
                    let key = format!("demo:sentinel:{acked}");
                    match conn.call::<()>(redis::cmd("SET").arg(&key).arg(&key)).await {
                        Ok(()) => acked += 1,
                        Err(_) => {
                            failed += 1;
                            break;
                        }
                    }
                }
            }
            (acked, failed)
        });
        Writer { stop, task }
    }

    async fn stop(self) -> (u64, u64) {
        self.stop.store(true, Ordering::SeqCst);
        self.task.await.unwrap_or((0, 0))
    }
}

/// A connection to the master the first answering sentinel names, if it answers as master.
async fn master_conn(connector: &Connector, sentinels: &[NodeAddr]) -> Option<crate::redis::conn::NodeConn> {
    for s in sentinels {
        let Ok(mut conn) = crate::redis::sentinel::connect(connector, s).await else { continue };
        let Ok(Some((host, port))) =
            conn.call::<Option<(String, u16)>>(redis::cmd("SENTINEL").arg("GET-MASTER-ADDR-BY-NAME").arg("mymaster")).await
        else {
            continue;
        };
        let mut master = connector.connect(&NodeAddr::new(host, port)).await.ok()?;
        let role: Vec<redis::Value> = master.call(&redis::cmd("ROLE")).await.ok()?;
        let is_master = matches!(role.first(), Some(redis::Value::BulkString(b)) if b == b"master");
        return is_master.then_some(master);
    }
    None
}

/// Acknowledged keys `demo:sentinel:0..acked` missing on the master.
async fn lost_writes(connector: &Connector, master: &NodeAddr, acked: u64) -> Result<u64> {
    let mut conn = connector.connect(master).await?;
    let mut lost = 0;
    let keys: Vec<String> = (0..acked).map(|i| format!("demo:sentinel:{i}")).collect();
    for chunk in keys.chunks(1000) {
        let values: Vec<Option<String>> = conn.call(redis::cmd("MGET").arg(chunk)).await?;
        lost += chunk.iter().zip(values).filter(|(k, v)| v.as_deref() != Some(k.as_str())).count() as u64;
    }
    Ok(lost)
}
