//! The `kubectl-redis` binary: parses the command line, runs the subcommand (see the library's
//! documentation for the layers), and turns its result into one error line and an exit code.

use clap::Parser;

use kubectl_redis::cli::{Cli, Command};
use kubectl_redis::commands;
use kubectl_redis::context::Context;
use kubectl_redis::error::{self, ExitCode};
use kubectl_redis::output::Reporter;

fn main() -> std::process::ExitCode {
    // Output piped into `head` ends quietly, as for any command-line tool, instead of a panic.
    // SAFETY: restoring a signal's default action before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // kubectl's completion shim passes the words typed so far, flags included: no parsing them.
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("__complete") {
        return commands::complete::run(&args[2..]);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return flag_error(e),
    };
    let out = kubectl_redis::context::reporter(&cli.global);
    let changes = error::Changes::default();
    let code = match run(cli, &changes) {
        Ok(code) => code,
        Err(err) => {
            report(&err, out, changes.any());
            err.exit_code(changes.any())
        }
    };
    std::process::ExitCode::from(code as u8)
}

fn run(cli: Cli, changes: &error::Changes) -> error::Result<ExitCode> {
    if let Command::Generate(args) = &cli.command {
        return commands::generate::run(args);
    }
    // TLS needs a process-wide crypto provider; a second install attempt is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut ctx = Context::from_args(&cli.global, changes.clone())?;
    ctx.changing = cli.command.changing_verb();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let result = match &cli.command {
            Command::Create(args) => commands::create::run(&ctx, args).await,
            Command::Check(args) => commands::check::run(&ctx, args).await,
            Command::Status(args) => commands::status::run(&ctx, args).await,
            Command::AddNode(args) => commands::add_node::run(&ctx, args).await,
            Command::DelNode(args) => commands::del_node::run(&ctx, args).await,
            Command::Reshard(args) => commands::reshard::run(&ctx, args).await,
            Command::Rebalance(args) => commands::rebalance::run(&ctx, args).await,
            Command::Scale(args) => commands::scale::run(&ctx, args).await,
            Command::Fix(args) => commands::fix::run(&ctx, &args.target, &args.moving, &args.group).await,
            Command::Failover(args) => commands::failover::run(&ctx, args).await,
            Command::Call(args) => commands::call::run(&ctx, args).await,
            Command::Cli(args) => commands::cli::run(&ctx, args).await,
            Command::Report(args) => commands::report::run(&ctx, args).await,
            Command::DrainNode(args) => commands::drain_node::run(&ctx, args).await,
            Command::Restart(args) => commands::restart::run(&ctx, args).await,
            Command::Sandbox(command) => commands::sandbox::run(&ctx, command).await,
            Command::SampleKeys(command) => commands::sample_keys::run(&ctx, command).await,
            Command::Demo(args) => commands::demo::run(&ctx, args).await,
            Command::Generate(_) => unreachable!("handled before the runtime starts"),
        };
        ctx.release_lease().await;
        result
    })
}

/// A command line clap refused: help and version as clap prints them, anything else as every
/// error is said — one line, one hint — with exit 2.
fn flag_error(e: clap::Error) -> std::process::ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return std::process::ExitCode::from(e.exit_code() as u8);
    }
    let rendered = e.render().to_string();
    // The message ends at the first blank line (usage and tips follow); some span several lines.
    let line = rendered.lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect::<Vec<_>>().join(" ");
    let line = line.trim_start_matches("error: ");
    eprintln!("error: {line}");
    match subcommand_path() {
        path if path.is_empty() => eprintln!("hint: `kubectl redis --help` lists the commands"),
        path => eprintln!("hint: `kubectl redis {path} --help` lists the flags and the values they take"),
    }
    std::process::ExitCode::from(ExitCode::Usage as u8)
}

/// The subcommands named on the command line (`sandbox up`), as far as they are known.
fn subcommand_path() -> String {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut path = Vec::new();
    for word in std::env::args().skip(1) {
        let Some(sub) = command.find_subcommand(&word).cloned() else { break };
        path.push(word);
        command = sub;
    }
    path.join(" ")
}

/// One line of error, one line of hint, on stderr; with `-o json` or `-o yaml` also a document on
/// stdout.
fn report(err: &error::Error, out: Reporter, changed: bool) {
    eprintln!("error: {err}");
    if let Some(hint) = &err.hint {
        eprintln!("hint: {hint}");
    }
    if changed && err.kind != error::Kind::Failed {
        eprintln!("note: this run had already changed the cluster; `kubectl redis check` shows where it stands");
    }
    if out.documents() {
        let doc = serde_json::json!({
            "error": err.to_string(),
            "hint": err.hint,
            "exit_code": err.exit_code(changed) as u8,
            "changed": changed,
        });
        out.event(&doc);
    }
}
