//! `reshard`: moves exactly N slots to one master, from the given masters (or all others) in
//! proportion to what they own, as contiguous ranges.

use super::moving::{self, Fresh, Request};
use crate::cli::ReshardArgs;
use crate::context::{Context, Target, shell_word};
use crate::error::{Error, ExitCode, Result};
use crate::planner::guard::required_ref;
use crate::planner::moves::{self, Holder};
use crate::redis::topology::{Member, Topology};

pub async fn run(ctx: &Context, args: &ReshardArgs) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(&args.target).await?;
    super::refuse_slot_moves_on_a_group(kind, &platform, "reshard")?;
    let topology = moving::gather(ctx, &platform, &args.moving).await?;
    let request = Request {
        verb: "reshard",
        fingerprint: fingerprint(args),
        command_line: format!(
            "kubectl redis reshard --from {} --to {} --slots {} {}",
            shell_word(&args.from.join(",")),
            shell_word(&args.to),
            args.slots,
            ctx.rerun_words(&args.target)
        ),
    };
    moving::run(ctx, &topology, &args.moving, request, |topology| {
        let target = master(topology, &args.to, "--to")?;
        let sources = sources(topology, &args.from, target)?;
        let holders = sources
            .iter()
            .map(|s| Ok(Holder { node: required_ref(s)?, slots: s.slots.clone(), weight: 1.0 }))
            .collect::<Result<Vec<_>>>()?;
        let moves = moves::reshard(&holders, &required_ref(target)?, args.slots)?;
        Ok(Fresh::Moves { summary: vec![format!("move {} slot(s) to {}", args.slots, target.label())], moves })
    })
    .await
}

/// The request as typed, never the masters it resolved to: those change as slots move (a source
/// emptied by `--from all` drops out), and a run killed midway must be known again when re-run.
fn fingerprint(args: &ReshardArgs) -> String {
    let mut from: Vec<&str> = args.from.iter().map(String::as_str).collect();
    from.sort();
    from.dedup();
    format!("reshard from={} to={} slots={}", from.join(","), args.to, args.slots)
}

fn master<'a>(topology: &'a Topology, reference: &str, flag: &str) -> Result<&'a Member> {
    let member = topology.find(reference)?;
    if !member.is_master() {
        return Err(Error::usage(format!("{flag} {reference}: {} is a replica", member.label())).hint("slots live on masters"));
    }
    Ok(member)
}

fn sources<'a>(topology: &'a Topology, from: &[String], target: &Member) -> Result<Vec<&'a Member>> {
    if from.len() == 1 && from[0] == "all" {
        return Ok(topology.masters().filter(|m| m.id != target.id && !m.slots.is_empty()).collect());
    }
    let mut out: Vec<&Member> = Vec::new();
    for reference in from {
        let source = master(topology, reference, "--from")?;
        if source.id == target.id {
            return Err(Error::usage(format!("--from {reference} is the --to node")).hint("a master cannot give slots to itself"));
        }
        if !out.iter().any(|m| m.id == source.id) {
            out.push(source);
        }
    }
    Ok(out)
}
