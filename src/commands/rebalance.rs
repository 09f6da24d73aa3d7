//! `rebalance`: moves the fewest slots that bring every master to its weighted share (within one
//! slot), preferring contiguous ranges; weight 0 drains a master.

use std::collections::BTreeMap;

use super::moving::{self, Fresh};
use crate::cli::{MoveArgs, RebalanceArgs};
use crate::context::{Context, Target, shell_word};
use crate::error::{Error, ExitCode, Result};
use crate::planner::guard::required_ref;
use crate::planner::moves::{self, Holder};
use crate::platform::Platform;
use crate::redis::topology::Topology;

pub async fn run(ctx: &Context, args: &RebalanceArgs) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(&args.target).await?;
    super::refuse_slot_moves_on_a_group(kind, &platform, "rebalance")?;
    let request = Request {
        weights: &args.weight,
        threshold: args.threshold,
        use_empty_masters: args.use_empty_masters,
        rerun: ctx.rerun_words(&args.target),
    };
    execute(ctx, &platform, &request, &args.moving).await
}

/// What a rebalance asks for, as given on the command line.
pub struct Request<'a> {
    pub weights: &'a [String],
    pub threshold: f64,
    pub use_empty_masters: bool,
    /// The target and connection flags, for the command line in resume hints.
    pub rerun: String,
}

pub async fn execute(ctx: &Context, platform: &Platform, request: &Request<'_>, moving: &MoveArgs) -> Result<ExitCode> {
    let topology = moving::gather(ctx, platform, moving).await?;
    if !(request.threshold >= 0.0 && request.threshold.is_finite()) {
        return Err(Error::usage(format!("--threshold {} is not a percentage", request.threshold)).hint("give 0 or more, e.g. 2"));
    }
    let fingerprint = fingerprint(request);
    let mut command_line = String::from("kubectl redis rebalance");
    for w in request.weights {
        command_line += &format!(" --weight {}", shell_word(w));
    }
    if request.use_empty_masters {
        command_line += " --use-empty-masters";
    }
    command_line += &format!(" --threshold {} {}", request.threshold, request.rerun);
    let move_request = moving::Request { verb: "rebalance", fingerprint, command_line };
    moving::run(ctx, &topology, moving, move_request, |topology| {
        let weights = weights(topology, request.weights)?;
        let holders = holders(topology, &weights, request.use_empty_masters)?;
        let targets = moves::targets(&holders)?;
        if !moves::needs_rebalance(&holders, &targets, request.threshold) {
            return Ok(Fresh::NothingToDo(format!("every master is within {}% of its share", request.threshold)));
        }
        let summary =
            holders.iter().zip(&targets).map(|(h, t)| format!("{} has {} slot(s), gets {t}", h.node, h.slots.len())).collect();
        Ok(Fresh::Moves { moves: moves::rebalance(&holders, &targets), summary })
    })
    .await
}

/// The request as typed, never the masters it resolved to: those change as slots move (a drained
/// master turns replica), and a run killed midway must be known again when re-run.
fn fingerprint(request: &Request<'_>) -> String {
    let mut weights: Vec<&str> = request.weights.iter().map(String::as_str).collect();
    weights.sort();
    weights.dedup();
    format!("rebalance weights={} threshold={} empty={}", weights.join(","), request.threshold, request.use_empty_masters)
}

/// `NODE=W` pairs, resolved to node IDs.
fn weights(topology: &Topology, given: &[String]) -> Result<BTreeMap<String, f64>> {
    let mut out = BTreeMap::new();
    for pair in given {
        let bad =
            || Error::usage(format!("--weight {pair} is not NODE=W")).hint("write --weight 10.0.0.4:6379=2 or --weight 3f2a9c=0");
        let (node, weight) = pair.rsplit_once('=').ok_or_else(bad)?;
        let weight: f64 = weight.parse().map_err(|_| bad())?;
        if !(weight >= 0.0 && weight.is_finite()) {
            return Err(bad());
        }
        let member = topology.find(node)?;
        // A drained master that turned replica (Redis does that to an empty master) owns
        // nothing: weight 0 holds already, so running the same drain again has nothing to do.
        if !member.is_master() && weight == 0.0 {
            continue;
        }
        if !member.is_master() {
            return Err(
                Error::usage(format!("--weight {pair}: {} is a replica", member.label())).hint("weights apply to masters")
            );
        }
        out.insert(member.id.clone(), weight);
    }
    Ok(out)
}

/// The masters taking part: those owning slots, plus empty ones with --use-empty-masters or a weight.
fn holders(topology: &Topology, weights: &BTreeMap<String, f64>, use_empty: bool) -> Result<Vec<Holder>> {
    topology
        .masters()
        .filter(|m| !m.slots.is_empty() || use_empty || weights.get(&m.id).is_some_and(|w| *w > 0.0))
        .map(|m| {
            Ok(Holder { node: required_ref(m)?, slots: m.slots.clone(), weight: weights.get(&m.id).copied().unwrap_or(1.0) })
        })
        .collect()
}
