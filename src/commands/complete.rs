//! `__complete` (hidden): completions for `kubectl redis <TAB>`. kubectl runs the
//! `kubectl_complete-redis` shim with the words typed after `redis` and the word being completed;
//! the answer is one candidate per line and a last line `:<directive>` as Cobra defines it. Walks
//! the clap definition for subcommands, flags and their values, and asks the Kubernetes API for
//! StatefulSet names where a StatefulSet is expected.

use std::time::Duration;

use clap::{Arg, Command, CommandFactory};

use crate::cli::Cli;
use crate::platform::kubernetes::{self, Selection};

/// Cobra's ShellCompDirective: complete file names as usual.
const FILES: u8 = 0;
/// Cobra's ShellCompDirective: no file completion.
const NO_FILES: u8 = 4;
/// Completion must never keep the shell waiting.
const API_TIMEOUT: Duration = Duration::from_secs(2);

/// What was typed before the word being completed.
#[derive(Default)]
struct Typed<'c> {
    command: Option<&'c Command>,
    /// The flag whose value is being typed.
    pending: Option<&'c Arg>,
    positionals: usize,
    selection: Selection,
}

pub fn run(words: &[String]) -> std::process::ExitCode {
    let mut root = Cli::command();
    root.build();
    let (candidates, directive) = answer(&root, words, statefulsets);
    for candidate in candidates {
        println!("{candidate}");
    }
    println!(":{directive}");
    std::process::ExitCode::SUCCESS
}

/// The candidates for the last word and Cobra's directive; `lookup` lists StatefulSets.
fn answer(root: &Command, words: &[String], lookup: impl FnOnce(&Selection) -> Vec<String>) -> (Vec<String>, u8) {
    let (current, before) = words.split_last().map_or(("", &[][..]), |(c, b)| (c.as_str(), b));
    let typed = walk(root, before);
    let command = typed.command.unwrap_or(root);
    let (candidates, directive) = match typed.pending {
        Some(flag) => flag_values(flag),
        None if current.starts_with('-') => (flags(command), NO_FILES),
        None => (words_for(command, &typed, lookup), NO_FILES),
    };
    (candidates.into_iter().filter(|c| c.starts_with(current)).collect(), directive)
}

/// Follows subcommands and flags through the words, noting the Kubernetes flags' values.
fn walk<'c>(root: &'c Command, words: &[String]) -> Typed<'c> {
    let mut typed = Typed::default();
    let mut command = root;
    for word in words {
        if let Some(flag) = typed.pending.take() {
            remember(&mut typed.selection, flag, word);
            continue;
        }
        if let Some(flag) = flag_named(command, word) {
            match word.split_once('=') {
                Some((_, value)) => remember(&mut typed.selection, flag, value),
                None if flag.get_action().takes_values() => typed.pending = Some(flag),
                None => {}
            }
        } else if let Some(sub) = command.find_subcommand(word) {
            command = sub;
            typed.positionals = 0;
        } else if !word.starts_with('-') {
            typed.positionals += 1;
        }
    }
    typed.command = Some(command);
    typed
}

fn flag_named<'c>(command: &'c Command, word: &str) -> Option<&'c Arg> {
    let name = word.split_once('=').map_or(word, |(n, _)| n);
    command.get_arguments().find(|a| match (name.strip_prefix("--"), name.strip_prefix('-')) {
        (Some(long), _) => a.get_long() == Some(long),
        (None, Some(short)) => short.len() == 1 && a.get_short() == short.chars().next(),
        _ => false,
    })
}

fn remember(selection: &mut Selection, flag: &Arg, value: &str) {
    match flag.get_id().as_str() {
        "namespace" => selection.namespace = Some(value.to_owned()),
        "kubeconfig" => selection.kubeconfig = Some(value.into()),
        "context" => selection.context = Some(value.to_owned()),
        _ => {}
    }
}

/// A flag's listed values; file names for flags that take a path.
fn flag_values(flag: &Arg) -> (Vec<String>, u8) {
    let values: Vec<String> = flag.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect();
    let wants_path = flag.get_value_names().is_some_and(|names| names.iter().any(|n| n.as_str() == "PATH"));
    (values, if wants_path { FILES } else { NO_FILES })
}

fn flags(command: &Command) -> Vec<String> {
    command.get_arguments().filter(|a| !a.is_hide_set()).filter_map(|a| a.get_long()).map(|l| format!("--{l}")).collect()
}

/// Subcommands, and StatefulSet names where the command expects one next.
fn words_for(command: &Command, typed: &Typed<'_>, lookup: impl FnOnce(&Selection) -> Vec<String>) -> Vec<String> {
    let mut words: Vec<String> =
        command.get_subcommands().filter(|s| !s.is_hide_set()).map(|s| s.get_name().to_owned()).collect();
    let statefulset_next = command
        .get_positionals()
        .position(|a| a.get_id().as_str() == "statefulset")
        .is_some_and(|index| index == typed.positionals);
    if statefulset_next {
        words.extend(lookup(&typed.selection));
    }
    words
}

/// StatefulSet names in the namespace, or none when the API cannot be asked quickly.
fn statefulsets(selection: &Selection) -> Vec<String> {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return Vec::new() };
    // The API server speaks TLS; the process-wide crypto provider is usually installed by `main`.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let names = runtime
        .block_on(async { tokio::time::timeout(API_TIMEOUT, kubernetes::statefulset_names(selection, API_TIMEOUT)).await });
    names.ok().and_then(Result::ok).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Candidates for `words`, with the API answering `redis-cluster` in namespace `redis` only.
    fn complete(words: &[&str]) -> Vec<String> {
        let mut root = Cli::command();
        root.build();
        let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        let lookup = |s: &Selection| {
            if s.namespace.as_deref() == Some("redis") { vec!["redis-cluster".to_owned()] } else { Vec::new() }
        };
        answer(&root, &words, lookup).0
    }

    #[test]
    fn completes_subcommands_flags_and_flag_values() {
        assert_eq!(complete(&["sc"]), ["scale"]);
        assert_eq!(complete(&["sandbox", "re"]), ["restart"]);
        assert!(complete(&["scale", "--mas"]).contains(&"--masters".to_owned()));
        assert_eq!(complete(&["status", "--connect", "p"]), ["port-forward"]);
        assert_eq!(complete(&["status", "-o", ""]), ["table", "wide", "json", "yaml"]);
    }

    #[test]
    fn statefulsets_complete_where_one_is_expected_in_the_namespace_given() {
        assert_eq!(complete(&["status", "-n", "redis", "re"]), ["redis-cluster"]);
        assert_eq!(complete(&["scale", "--namespace=redis", ""]), ["redis-cluster"]);
        assert!(complete(&["status", "-n", "other", ""]).is_empty());
        assert!(complete(&["status", "-n", "redis", "redis-cluster", ""]).is_empty(), "only one StatefulSet");
        assert!(complete(&["del-node", "-n", "redis", ""]).is_empty(), "del-node takes the node first");
        assert_eq!(complete(&["del-node", "-n", "redis", "redis-cluster-7", ""]), ["redis-cluster"]);
    }
}
