//! `failover`: a planned switchover. On a Sentinel group see `sentinel::failover`; on a cluster,
//! one shard (`--shard MEMBER`, or the replica named by `--to`) fails over as
//! `planner::failover` plans it, and the verdict `check` gives follows.

use crate::cli::FailoverArgs;
use crate::context::{Context, Kind, Target};
use crate::error::{Error, ExitCode, Result};
use crate::planner::failover::{self, Mode, ShardRequest};

pub async fn run(ctx: &Context, args: &FailoverArgs) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(&args.target).await?;
    if kind == Kind::Group {
        if args.shard.is_some() || args.force || args.takeover {
            return Err(Error::usage("--shard, --force and --takeover are for Redis Cluster shards")
                .hint("a Sentinel group has one master: leave them out (--to picks the replica)"));
        }
        return super::sentinel::failover::run(ctx, args, &platform).await;
    }
    let wait = args.wait_timeout;
    let max_lag = args.max_lag;
    let mode = match (args.force, args.takeover) {
        (true, _) => Mode::Force,
        (_, true) => Mode::Takeover,
        _ => Mode::Graceful,
    };
    let topology = super::gather(ctx, &platform).await?;
    let (shard, to) =
        (args.shard.as_deref().map(|s| platform.address_for(s)), args.to.as_deref().map(|t| platform.address_for(t)));
    let request = ShardRequest { shard: shard.as_deref(), to: to.as_deref(), max_lag, mode };
    let plan = failover::plan_shard(&topology, &request)?;
    let (_, code) = super::apply_and_report(ctx, &platform, &plan, wait).await?;
    Ok(code)
}
