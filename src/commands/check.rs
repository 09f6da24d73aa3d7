//! `check`: gathers every finding before it decides the exit code (`--fix` is `fix`); a Sentinel
//! group is judged by `sentinel::check`.

use super::verdict;
use crate::cli::CheckArgs;
use crate::context::{Context, Kind, Target};
use crate::error::{ExitCode, Result};

pub async fn run(ctx: &Context, args: &CheckArgs) -> Result<ExitCode> {
    if args.fix {
        return super::fix::run(ctx, &args.target, &args.moving, &args.group).await;
    }
    let max_lag = args.max_lag;
    if args.watch.watch {
        let interval = args.watch.interval;
        let ctx = &ctx.one_document_per_line();
        return super::watch::every(ctx, interval, "kubectl redis check", || once(ctx, args, max_lag)).await;
    }
    once(ctx, args, max_lag).await
}

/// One verdict on the target, whatever its kind.
async fn once(ctx: &Context, args: &CheckArgs, max_lag: u64) -> Result<ExitCode> {
    let Target { kind, platform } = ctx.target(&args.target).await?;
    if kind == Kind::Group {
        return super::sentinel::check::run(ctx, &args.target, max_lag, &platform).await;
    }
    let verdict = verdict::execute(ctx, &platform).await?;
    if ctx.out.documents() {
        ctx.out.document(&verdict)?;
    } else {
        verdict::print(ctx, &verdict);
    }
    Ok(verdict.exit_code())
}
