//! Reading clap's command tree: finding flags and subcommands, what they take, their sources.

use clap::builder::ValueHint;
use clap::{Arg, ArgAction, Command};

use super::answer::{Candidate, Directive, Source};

/// How the shell should complete a value clap knows nothing about: paths for path arguments
/// (directories only when the value is named `DIR`), nothing otherwise.
pub(super) fn path_directive(arg: &Arg) -> Directive {
    let named_dir = arg
        .get_value_names()
        .is_some_and(|names| names.first().is_some_and(|n| n.as_str() == "DIR"));
    match arg.get_value_hint() {
        ValueHint::DirPath => Directive::FILTER_DIRS,
        ValueHint::AnyPath if named_dir => Directive::FILTER_DIRS,
        ValueHint::AnyPath | ValueHint::FilePath | ValueHint::ExecutablePath => Directive::DEFAULT,
        _ => Directive::NO_FILE_COMP,
    }
}

/// The visible subcommands whose name (or, failing that, a visible alias) starts with `typed`.
pub(super) fn subcommand_candidates(cmd: &Command, typed: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() {
            continue;
        }
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let name = std::iter::once(sub.get_name())
            .chain(sub.get_visible_aliases())
            .find(|n| n.starts_with(typed));
        if let Some(name) = name {
            out.push(Candidate::new(name, about));
        }
    }
    out
}

/// Which look-up completes the values of `arg`: by the kind of value it names (`JOBID`, `NODE`,
/// `NAMESPACE`, `COMPONENT`), or, for kubectl's global `--context`, `--cluster` and `--user`,
/// the kubeconfig.
pub(super) fn source_of(arg: &Arg) -> Option<Source> {
    let value_name = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map(|name| name.as_str());
    match value_name {
        Some("JOBID") => return Some(Source::JobIds),
        Some("NODE") => return Some(Source::Nodes),
        Some("NAMESPACE") => return Some(Source::Namespaces),
        Some("COMPONENT") => return Some(Source::Components),
        _ => {}
    }
    if !arg.is_global_set() {
        return None;
    }
    match arg.get_long() {
        Some("context") => Some(Source::Contexts),
        Some("cluster") => Some(Source::Clusters),
        Some("user") => Some(Source::Users),
        _ => None,
    }
}

pub(super) fn find_long<'c>(cmd: &'c Command, name: &str) -> Option<&'c Arg> {
    cmd.get_arguments().find(|a| {
        a.get_long() == Some(name) || a.get_all_aliases().into_iter().flatten().any(|l| l == name)
    })
}

pub(super) fn find_short(cmd: &Command, c: char) -> Option<&Arg> {
    cmd.get_arguments().find(|a| {
        a.get_short() == Some(c)
            || a.get_all_short_aliases()
                .into_iter()
                .flatten()
                .any(|s| s == c)
    })
}

pub(super) fn find_subcommand<'c>(cmd: &'c Command, word: &str) -> Option<&'c Command> {
    cmd.get_subcommands()
        .find(|s| s.get_name() == word || s.get_all_aliases().any(|a| a == word))
}

pub(super) fn takes_value(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|n| n.takes_values())
}

/// Whether `--flag VALUE` (value in the next word) is how this flag takes its value; flags with
/// an optional value (`-v`, `--dry-run`) only take one with `=`.
pub(super) fn takes_next_word(arg: &Arg) -> bool {
    takes_value(arg)
        && !arg.is_require_equals_set()
        && arg.get_num_args().is_some_and(|n| n.min_values() > 0)
}

pub(super) fn takes_many(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|n| n.max_values() > 1)
        || matches!(arg.get_action(), ArgAction::Append)
}
