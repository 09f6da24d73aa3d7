//! `failover`: a planned switchover. On a Sentinel group see `sentinel::failover`; on a cluster,
//! `--to REPLICA` takes over from its master with the server's graceful CLUSTER FAILOVER after a
//! lag check, and the verdict `check` gives follows.

use super::Outcome;
use super::verdict;
use crate::cli::FailoverArgs;
use crate::context::{Context, parse_duration};
use crate::error::{Error, ExitCode, Result};
use crate::executor::Executor;
use crate::planner::{Plan, Step, node_ref};
use crate::redis::topology::{Role, Topology};

pub async fn run(ctx: &Context, args: &FailoverArgs) -> Result<ExitCode> {
    let platform = ctx.platform(&args.target).await?;
    if platform.is_sentinel_group() {
        return super::sentinel::failover::run(ctx, args, &platform).await;
    }
    let wait = parse_duration("--wait-timeout", &args.wait_timeout)?;
    let max_lag = crate::units::parse_bytes(&args.max_lag)
        .map_err(|e| Error::usage(format!("--max-lag: {e}")).hint("give bytes, e.g. 1mb or 0"))?;
    let Some(to) = &args.to else {
        return Err(
            Error::usage("on a cluster, failover needs --to REPLICA").hint("name the replica that takes over from its master")
        );
    };
    let topology = super::gather(ctx, &platform).await?;
    let plan = plan(&topology, &platform.address_for(to), max_lag)?;
    let outcome = super::carry_out(ctx, &plan, Executor::new(&ctx.connector, wait, &ctx.stop)).await?;
    let verdict = match outcome {
        Outcome::Applied => Some(verdict::execute(ctx, &platform).await?),
        _ => None,
    };
    let code = super::exit_code(outcome, verdict.as_ref());
    super::print_result(ctx, &plan, outcome, verdict)?;
    Ok(code)
}

fn plan(topology: &Topology, to: &str, max_lag: u64) -> Result<Plan> {
    let replica = topology.find(to)?;
    let refuse = |why: String| {
        Err(Error::refused(format!("{} cannot take over: {why}", replica.label())).hint("`kubectl redis check` shows the shard"))
    };
    if replica.role != Role::Replica {
        return Err(Error::usage(format!("{} is a master", replica.label())).hint("name one of its replicas with --to"));
    }
    let Some(master) = replica.master_id.as_deref().and_then(|id| topology.member(id)) else {
        return refuse("its master is unknown".to_owned());
    };
    let (Some(state), Some(master_state)) = (&replica.state, &master.state) else {
        return refuse(format!("it or its master {} does not answer", master.label()));
    };
    if state.info.master_link_up != Some(true) {
        return refuse("its link to the master is down".to_owned());
    }
    let lag = master_state.info.repl_offset.saturating_sub(state.info.repl_offset);
    if lag > max_lag {
        return refuse(format!("it is {lag} byte(s) behind (more than --max-lag {max_lag})"));
    }
    let (Some(node), Some(master_ref)) = (node_ref(replica), node_ref(master)) else {
        return refuse("it or its master has no address".to_owned());
    };
    Ok(Plan {
        action: "fail a shard over",
        summary: vec![format!("{} takes over from {} ({lag} byte(s) behind)", replica.label(), master.label())],
        placement: None,
        steps: vec![Step::Failover { node, master: master_ref }],
    })
}
