//! The verdict `check` gives — findings, counts and the exit code they mean — shared by every
//! command that ends by checking the cluster (create, scale, fix, failover, drain-node, restart, demo).

use std::time::{Duration, Instant};

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
        exit_code(&self.findings)
    }
}

/// Gathers the cluster and judges it.
pub async fn execute(ctx: &Context, platform: &Platform) -> Result<Verdict> {
    let topology = super::gather(ctx, platform).await?;
    Ok(judge(&topology, platform))
}

pub fn judge(topology: &Topology, platform: &Platform) -> Verdict {
    let findings = health::assess(topology, &platform.sites(), platform.roster().as_ref());
    let (problems, warnings) = count(&findings);
    Verdict {
        healthy: findings.is_empty(),
        masters: topology.masters().count(),
        replicas: topology.members.len() - topology.masters().count(),
        slots_covered: topology.covered_slots().len(),
        problems,
        warnings,
        findings,
    }
}

pub fn print(ctx: &Context, verdict: &Verdict) {
    println!("{} master(s), {} replica(s), {}/16384 slots covered", verdict.masters, verdict.replicas, verdict.slots_covered);
    print_findings(ctx, &verdict.findings, "the cluster");
}

/// One line per finding with its hint, then the summary line; `whole` names what was checked.
pub fn print_findings(ctx: &Context, findings: &[Finding], whole: &str) {
    let style = &ctx.style;
    for f in findings {
        let label = match f.severity {
            Severity::Problem => style.bad("PROBLEM"),
            Severity::Warning => style.warn("WARNING"),
        };
        println!("{label} [{}] {}", f.code, f.message);
        println!("        hint: {}", f.hint);
    }
    let (problems, warnings) = count(findings);
    let summary = match exit_code(findings) {
        ExitCode::Success => style.good(&format!("OK: {whole} is healthy")),
        ExitCode::CheckWarnings => style.warn(&format!("{warnings} warning(s)")),
        _ => style.bad(&format!("{problems} problem(s), {warnings} warning(s)")),
    };
    println!("{summary}");
}

/// Problems and warnings among the findings.
pub fn count(findings: &[Finding]) -> (usize, usize) {
    let of = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    (of(Severity::Problem), of(Severity::Warning))
}

/// 11 with problems, 10 with warnings only, else 0.
pub fn exit_code(findings: &[Finding]) -> ExitCode {
    match count(findings) {
        (p, _) if p > 0 => ExitCode::CheckProblems,
        (_, w) if w > 0 => ExitCode::CheckWarnings,
        _ => ExitCode::Success,
    }
}

/// How long a verdict after a change waits for gossip to spread it before reporting problems.
const GOSSIP_SETTLE: Duration = Duration::from_secs(10);

/// The verdict once a change has settled: gossip needs a moment to spread a failover or a repair,
/// so problems get `GOSSIP_SETTLE` to clear, and re-attached replicas up to `wait` to finish syncing.
pub async fn settled(ctx: &Context, platform: &Platform, wait: Duration) -> Result<Verdict> {
    let started = Instant::now();
    loop {
        let verdict = execute(ctx, platform).await?;
        let syncing = verdict.findings.iter().any(|f| f.code == "replica-syncing");
        if verdict.problems == 0 && !syncing {
            return Ok(verdict);
        }
        let limit = if verdict.problems > 0 { GOSSIP_SETTLE } else { wait };
        if started.elapsed() > limit {
            return Ok(verdict);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
