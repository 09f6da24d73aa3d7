//! `drain-node HOST`: before `kubectl drain HOST`, every master running there hands over to a
//! replica on another Kubernetes node (see `planner::failover::plan_drain`), so that the drain
//! stops no shard's writes; the plan names the shards left without a replica meanwhile.

use super::Outcome;
use crate::cli::DrainNodeArgs;
use crate::context::{Context, Kind, Target};
use crate::error::{Error, ExitCode, Result};
use crate::planner::failover;

pub async fn run(ctx: &Context, args: &DrainNodeArgs) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(&args.target).await?;
    if kind == Kind::Group {
        return Err(Error::usage("drain-node is for Redis Cluster: a Sentinel group has one master")
            .hint("fail it over with `kubectl redis failover --to MEMBER` to a member on another node"));
    }
    let wait = args.wait_timeout;
    let max_lag = args.max_lag;
    let topology = super::gather(ctx, &platform).await?;
    let plan = failover::plan_drain(&topology, &platform.sites(), &args.node, max_lag)?;
    let (outcome, code) = super::apply_and_report(ctx, &platform, &plan, wait).await?;
    if outcome == Outcome::Applied && !ctx.out.documents() {
        println!("{}", ctx.style.good(&format!("OK: no master runs on {} now; drain it", args.node)));
    }
    Ok(code)
}
