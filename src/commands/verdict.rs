//! The verdict `check` gives — findings, counts and the exit code they mean — shared by every
//! command that ends by checking the cluster (create, scale, fix, demo).

use serde::Serialize;

use crate::context::Context;
use crate::error::{ExitCode, Result};
use crate::planner::health::{self, Finding, Severity};
use crate::platform::Platform;
use crate::redis::topology::Topology;

#[derive(Debug, Serialize)]
pub struct Verdict {
    pub healthy: bool,
    pub masters: usize,
    pub replicas: usize,
    pub slots_covered: usize,
    pub problems: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

impl Verdict {
    pub fn exit_code(&self) -> ExitCode {
        if self.problems > 0 {
            ExitCode::CheckProblems
        } else if self.warnings > 0 {
            ExitCode::CheckWarnings
        } else {
            ExitCode::Success
        }
    }
}

/// Gathers the cluster and judges it.
pub async fn execute(ctx: &Context, platform: &Platform) -> Result<Verdict> {
    let topology = super::gather(ctx, platform).await?;
    Ok(judge(&topology, platform))
}

pub fn judge(topology: &Topology, platform: &Platform) -> Verdict {
    let findings = health::assess(topology, &platform.sites(), platform.roster().as_ref());
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    Verdict {
        healthy: findings.is_empty(),
        masters: topology.masters().count(),
        replicas: topology.members.len() - topology.masters().count(),
        slots_covered: topology.covered_slots().len(),
        problems: count(Severity::Problem),
        warnings: count(Severity::Warning),
        findings,
    }
}

pub fn print(ctx: &Context, verdict: &Verdict) {
    let style = &ctx.style;
    println!("{} master(s), {} replica(s), {}/16384 slots covered", verdict.masters, verdict.replicas, verdict.slots_covered);
    for f in &verdict.findings {
        let label = match f.severity {
            Severity::Problem => style.bad("PROBLEM"),
            Severity::Warning => style.warn("WARNING"),
        };
        println!("{label} [{}] {}", f.code, f.message);
        println!("        hint: {}", f.hint);
    }
    let summary = match verdict.exit_code() {
        ExitCode::Success => style.good("OK: the cluster is healthy"),
        ExitCode::CheckWarnings => style.warn(&format!("{} warning(s)", verdict.warnings)),
        _ => style.bad(&format!("{} problem(s), {} warning(s)", verdict.problems, verdict.warnings)),
    };
    println!("{summary}");
}
