//! `drain-node HOST`: before `kubectl drain HOST`, every master running there hands over to a
//! replica on another Kubernetes node (see `planner::failover::plan_drain`), so that the drain
//! stops no shard's writes; the plan names the shards left without a replica meanwhile.

use super::Outcome;
use super::verdict;
use crate::cli::DrainNodeArgs;
use crate::context::{Context, parse_duration};
use crate::error::{Error, ExitCode, Result};
use crate::executor::Executor;
use crate::planner::failover;

pub async fn run(ctx: &Context, args: &DrainNodeArgs) -> Result<ExitCode> {
    let platform = ctx.platform(&args.target).await?;
    if platform.is_sentinel_group() {
        return Err(Error::usage("drain-node is for Redis Cluster: a Sentinel group has one master")
            .hint("fail it over with `kubectl redis failover --to MEMBER` to a member on another node"));
    }
    let wait = parse_duration("--wait-timeout", &args.wait_timeout)?;
    let max_lag = crate::units::parse_bytes(&args.max_lag)
        .map_err(|e| Error::usage(format!("--max-lag: {e}")).hint("give bytes, e.g. 1mb or 0"))?;
    let topology = super::gather(ctx, &platform).await?;
    let plan = failover::plan_drain(&topology, &platform.sites(), &args.node, max_lag)?;
    let outcome = super::carry_out(ctx, &plan, Executor::new(&ctx.connector, wait, &ctx.stop)).await?;
    let verdict = match outcome {
        Outcome::Applied => Some(verdict::settled(ctx, &platform, wait).await?),
        _ => None,
    };
    let code = super::exit_code(outcome, verdict.as_ref());
    super::print_result(ctx, &plan, outcome, verdict)?;
    if outcome == Outcome::Applied && !ctx.json {
        println!("{}", ctx.style.good(&format!("OK: no master runs on {} now; drain it", args.node)));
    }
    Ok(code)
}
