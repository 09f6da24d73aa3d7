//! `check` of a Sentinel group: every finding, one per line with the command that repairs it;
//! exit 0 healthy, 10 warnings only, 11 problems.

use serde::Serialize;

use super::super::verdict;
use crate::cli::TargetArgs;
use crate::context::Context;
use crate::error::{ExitCode, Result};
use crate::planner::health::Finding;
use crate::planner::sentinel::GroupFacts;
use crate::planner::sentinel::health::{self, Limits};
use crate::platform::Platform;
use crate::redis::addr::NodeAddr;

/// Bytes a replica may trail its master before `check` warns (`--max-lag`).
pub const DEFAULT_MAX_LAG: u64 = 1 << 20;

#[derive(Debug, Serialize)]
pub struct GroupVerdict {
    pub healthy: bool,
    pub name: String,
    pub master: Option<NodeAddr>,
    pub problems: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

impl GroupVerdict {
    pub fn exit_code(&self) -> ExitCode {
        verdict::exit_code(&self.findings)
    }
}

pub async fn run(ctx: &Context, target: &TargetArgs, max_lag: u64, platform: &Platform) -> Result<ExitCode> {
    let facts = super::gather(ctx, platform, target, super::Reading::Existing).await?;
    let verdict = verdict(ctx, target, &facts, max_lag);
    if ctx.out.documents() {
        ctx.out.document(&verdict)?;
    } else {
        print(ctx, &verdict);
    }
    Ok(verdict.exit_code())
}

/// Judges the group.
pub fn verdict(ctx: &Context, target: &TargetArgs, facts: &GroupFacts, max_lag: u64) -> GroupVerdict {
    let findings = health::assess(facts, &Limits { max_lag, fix: super::command_for(ctx, "fix", target) });
    let (problems, warnings) = verdict::count(&findings);
    GroupVerdict {
        healthy: findings.is_empty(),
        name: facts.name.clone(),
        master: facts.election().map(|e| e.master),
        problems,
        warnings,
        findings,
    }
}

pub fn print(ctx: &Context, verdict: &GroupVerdict) {
    let master = verdict.master.as_ref().map_or("none".to_owned(), ToString::to_string);
    println!("Sentinel group {}, master {master}", verdict.name);
    verdict::print_findings(ctx, &verdict.findings, "the group");
}
