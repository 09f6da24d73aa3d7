//! `generate` (hidden): writes shell completions, kubectl's completion shim
//! (`kubectl_complete-redis`, which answers through the hidden `__complete` command) and one man
//! page per command from the clap definition, so that the committed copies can be checked for
//! staleness.

use std::fs;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, GenerateArgs};
use crate::error::{ExitCode, Result};

pub fn run(args: &GenerateArgs) -> Result<ExitCode> {
    write_all(&args.out)?;
    Ok(ExitCode::Success)
}

/// Writes `completions/` and `man/` below `out`.
pub fn write_all(out: &Path) -> Result<()> {
    let completions = out.join("completions");
    fs::create_dir_all(&completions)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
        let mut cmd = Cli::command();
        clap_complete::generate_to(shell, &mut cmd, "kubectl-redis", &completions)?;
    }
    write_kubectl_shim(&completions.join("kubectl_complete-redis"))?;
    let man = out.join("man");
    fs::create_dir_all(&man)?;
    let cmd = Cli::command().name("kubectl-redis");
    clap_mangen::generate_to(cmd, &man)?;
    Ok(())
}

/// kubectl runs `kubectl_complete-redis WORDS… CURRENT` from PATH when completing `kubectl redis`.
fn write_kubectl_shim(path: &Path) -> Result<()> {
    fs::write(
        path,
        "#!/bin/sh\n# Put next to kubectl-redis on PATH: kubectl runs it to complete `kubectl redis <TAB>`.\nexec kubectl-redis __complete \"$@\"\n",
    )?;
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))?;
    Ok(())
}
