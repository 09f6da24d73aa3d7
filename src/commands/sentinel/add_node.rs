//! `add-node` on a Sentinel group: a member joins as a replica, or (`--sentinel`) a sentinel
//! monitors the group (see `planner::sentinel::join`); then the verdict `check` gives.

use super::{Joining, Reading};
use crate::cli::AddNodeArgs;
use crate::context::Context;
use crate::error::{Error, ExitCode, Result};
use crate::planner::sentinel::membership::{self, Joiner};
use crate::platform::Platform;

pub async fn run(ctx: &Context, args: &AddNodeArgs, platform: &Platform) -> Result<ExitCode> {
    if args.replica_of.is_some() {
        return Err(Error::usage("--replica-of is for clusters: a group's members follow its one master").hint("leave it out"));
    }
    let wait = args.wait_timeout;
    let addr = super::node_addr(platform, &args.node, args.sentinel)?;
    let (joining, joiner) = if args.sentinel {
        (Joining::Sentinel(addr.clone()), Joiner::Sentinel(addr))
    } else {
        (Joining::Member(addr.clone()), Joiner::Member(addr))
    };
    let facts = super::gather_with(ctx, platform, &args.target, Reading::Existing, joining).await?;
    let plan = membership::plan_join(&facts, &joiner)?;
    let (outcome, _) = super::carry_out(ctx, &facts, &plan, wait).await?;
    super::finish(ctx, &args.target, platform, &plan, outcome).await
}
