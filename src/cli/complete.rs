//! `__complete`, the hidden entry point behind kubectl's plugin completion: its arguments and the
//! pure half of answering — walking clap's command tree over the typed words to find the static
//! candidates (subcommands, flags, possible values) and what must be looked up in the cluster.

use clap::builder::ValueHint;
use clap::{Arg, ArgAction, Args, Command, CommandFactory, Parser};

use crate::cli::{Cli, GlobalArgs};

/// Name of the hidden subcommand that `completions/kubectl_complete-twister2` runs.
pub const SUBCOMMAND: &str = "__complete";

/// `kubectl twister2 __complete WORD...` (hidden).
#[derive(Debug, Clone, Args)]
#[command(disable_help_flag = true)]
pub struct CompleteArgs {
    /// The words typed after `twister2`; the last one is the word being completed (empty when
    /// the cursor follows a space).
    #[arg(
        value_name = "WORD",
        num_args = 0..,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub words: Vec<String>,
}

/// A cobra `ShellCompDirective`: how the shell should treat the candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directive(pub u8);

impl Directive {
    /// Let the shell do its default (complete file names when there are no candidates).
    pub const DEFAULT: Directive = Directive(0);
    /// Never fall back to file names.
    pub const NO_FILE_COMP: Directive = Directive(4);
    /// Complete directory names only.
    pub const FILTER_DIRS: Directive = Directive(16);
}

/// One completion candidate: the value and a one-line description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What the shell inserts.
    pub value: String,
    /// Shown beside the value by shells that show descriptions (may be empty).
    pub description: String,
}

impl Candidate {
    /// A candidate; the description is cut to its first line and tabs become spaces.
    pub fn new(value: impl Into<String>, description: impl AsRef<str>) -> Candidate {
        let description = description
            .as_ref()
            .lines()
            .next()
            .unwrap_or_default()
            .replace('\t', " ")
            .trim()
            .to_string();
        Candidate {
            value: value.into(),
            description,
        }
    }

    /// The protocol line: `value` or `value<TAB>description`.
    pub fn line(&self) -> String {
        if self.description.is_empty() {
            self.value.clone()
        } else {
            format!("{}\t{}", self.value, self.description)
        }
    }
}

/// Where the values of an argument come from when clap does not know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Twister2 job IDs: the `t2-job` label of the `app=twister2` ConfigMaps.
    JobIds,
    /// Node names.
    Nodes,
    /// Namespace names.
    Namespaces,
    /// Setup components installed in the namespace (all of them when the cluster cannot tell).
    Components,
    /// Context names of the kubeconfig.
    Contexts,
    /// Cluster names of the kubeconfig.
    Clusters,
    /// User names of the kubeconfig.
    Users,
}

impl Source {
    /// Whether answering needs the API server (the kubeconfig sources only read files).
    pub fn needs_cluster(self) -> bool {
        !matches!(self, Source::Contexts | Source::Clusters | Source::Users)
    }
}

/// A look-up the caller must make, and how to turn its results into candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// What to look up.
    pub source: Source,
    /// Written before every value (e.g. `--namespace=` when completing `--namespace=de`).
    pub prefix: String,
    /// The part of the value typed so far.
    pub typed: String,
    /// Values already given to the same argument, not offered again.
    pub given: Vec<String>,
    /// `-A/--all-namespaces` was typed: look in every namespace.
    pub all_namespaces: bool,
}

impl Lookup {
    /// The found values that start with what was typed and were not given yet, with the prefix.
    pub fn finish(&self, found: Vec<Candidate>) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::new();
        for candidate in found {
            let value = format!("{}{}", self.prefix, candidate.value);
            if !candidate.value.starts_with(&self.typed)
                || self.given.contains(&candidate.value)
                || out.iter().any(|c| c.value == value)
            {
                continue;
            }
            out.push(Candidate {
                value,
                description: candidate.description,
            });
        }
        out
    }
}

/// The answer to one completion request, before any look-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Candidates known without the cluster; replaced by the look-up's when it succeeds.
    pub candidates: Vec<Candidate>,
    /// What to ask the cluster or the kubeconfig, if anything.
    pub lookup: Option<Lookup>,
    /// The directive for the shell.
    pub directive: Directive,
    /// The global (kubeconfig) flags typed so far, one `--name=value` token each.
    pub global_flags: Vec<String>,
}

/// Answer for the words typed after `twister2` (the last one being completed), from the
/// plugin's own command tree.
pub fn complete(words: &[String]) -> Answer {
    let mut root = Cli::command();
    root.build();
    complete_in(&root, words)
}

/// [`complete`] over any built clap command tree.
pub fn complete_in(root: &Command, words: &[String]) -> Answer {
    let (current, typed) = match words.split_last() {
        Some((last, before)) => (last.as_str(), before),
        None => ("", &[][..]),
    };
    let walk = Walk::over(root, typed);
    let mut answer = Answer {
        candidates: Vec::new(),
        lookup: None,
        directive: Directive::NO_FILE_COMP,
        global_flags: walk.global_flags.clone(),
    };
    if let Some(arg) = walk.pending {
        walk.complete_value(arg, current, "", &mut answer);
        return answer;
    }
    if walk.after_dashes {
        // Arguments passed through to the job: anything, often file names.
        answer.directive = Directive::DEFAULT;
        return answer;
    }
    if let Some(rest) = current.strip_prefix("--")
        && let Some((name, value)) = rest.split_once('=')
    {
        if let Some(arg) = find_long(walk.cmd, name).filter(|a| takes_value(a)) {
            walk.complete_value(arg, value, &format!("--{name}="), &mut answer);
        }
        return answer;
    }
    if current.starts_with('-') {
        answer.candidates = walk.flag_candidates(current);
        return answer;
    }
    if walk.positionals.is_empty() && walk.cmd.has_subcommands() {
        answer.candidates = subcommand_candidates(walk.cmd, current);
        return answer;
    }
    match walk.next_positional() {
        Some(arg) => walk.complete_value(arg, current, "", &mut answer),
        None if current.is_empty() => answer.candidates = walk.flag_candidates(current),
        None => {}
    }
    answer
}

/// Where the typed words lead in the command tree.
struct Walk<'a> {
    /// The (sub)command the words select.
    cmd: &'a Command,
    /// Positional values given to `cmd`.
    positionals: Vec<String>,
    /// Every flag typed (at any level) with the values given to it.
    used: Vec<(&'a Arg, Vec<String>)>,
    /// A flag that still waits for its value: the word being completed.
    pending: Option<&'a Arg>,
    /// `--` was typed: the rest are plain arguments.
    after_dashes: bool,
    /// Global flags as `--name=value` tokens.
    global_flags: Vec<String>,
}

impl<'a> Walk<'a> {
    fn over(root: &'a Command, words: &[String]) -> Walk<'a> {
        let mut walk = Walk {
            cmd: root,
            positionals: Vec::new(),
            used: Vec::new(),
            pending: None,
            after_dashes: false,
            global_flags: Vec::new(),
        };
        for word in words {
            walk.step(word);
        }
        walk
    }

    fn step(&mut self, word: &str) {
        if let Some(arg) = self.pending.take() {
            self.record(arg, Some(word));
            return;
        }
        if self.after_dashes {
            self.positionals.push(word.to_string());
            return;
        }
        if word == "--" {
            self.after_dashes = true;
            return;
        }
        if let Some(rest) = word.strip_prefix("--") {
            let (name, value) = match rest.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (rest, None),
            };
            if let Some(arg) = find_long(self.cmd, name) {
                if value.is_none() && takes_next_word(arg) {
                    self.pending = Some(arg);
                } else {
                    self.record(arg, value);
                }
            }
            return;
        }
        if let Some(shorts) = word.strip_prefix('-').filter(|s| !s.is_empty()) {
            self.step_shorts(shorts);
            return;
        }
        if self.positionals.is_empty()
            && let Some(sub) = find_subcommand(self.cmd, word)
        {
            self.cmd = sub;
            return;
        }
        self.positionals.push(word.to_string());
    }

    /// `-y`, `-yA`, `-n`, `-nfoo`, `-n=foo`.
    fn step_shorts(&mut self, shorts: &str) {
        for (at, c) in shorts.char_indices() {
            let Some(arg) = find_short(self.cmd, c) else {
                return;
            };
            if takes_value(arg) {
                let rest = &shorts[at + c.len_utf8()..];
                let rest = rest.strip_prefix('=').unwrap_or(rest);
                if rest.is_empty() && takes_next_word(arg) {
                    self.pending = Some(arg);
                } else {
                    self.record(arg, (!rest.is_empty()).then_some(rest));
                }
                return;
            }
            self.record(arg, None);
        }
    }

    fn record(&mut self, arg: &'a Arg, value: Option<&str>) {
        if arg.is_global_set()
            && let Some(long) = arg.get_long()
        {
            self.global_flags.push(match value {
                Some(value) => format!("--{long}={value}"),
                None => format!("--{long}"),
            });
        }
        let values: Vec<String> = value.map(str::to_string).into_iter().collect();
        match self
            .used
            .iter_mut()
            .find(|(a, _)| a.get_id() == arg.get_id())
        {
            Some((_, given)) => given.extend(values),
            None => self.used.push((arg, values)),
        }
    }

    /// Whether `arg` conflicts with a flag typed or a positional argument given (`kill --last`
    /// takes no job IDs; `kill job-a` offers no `--last`).
    fn conflicts_with_typed(&self, arg: &Arg) -> bool {
        let given_positionals = self
            .cmd
            .get_positionals()
            .filter(|p| self.positional_index(p).is_some());
        // Only this command's own arguments: flags typed before a subcommand belong to the
        // parent, and clap can only relate arguments of one command.
        let typed: Vec<&Arg> = self
            .used
            .iter()
            .filter_map(|(used, _)| {
                self.cmd
                    .get_arguments()
                    .find(|a| a.get_id() == used.get_id())
            })
            .chain(given_positionals)
            .filter(|a| a.get_id() != arg.get_id())
            .collect();
        if !self.cmd.get_arguments().any(|a| a.get_id() == arg.get_id()) {
            return false;
        }
        let conflicts = self.cmd.get_arg_conflicts_with(arg);
        typed.iter().any(|t| {
            conflicts.iter().any(|c| c.get_id() == t.get_id())
                || self
                    .cmd
                    .get_arg_conflicts_with(t)
                    .iter()
                    .any(|c| c.get_id() == arg.get_id())
        })
    }

    /// The index among the given positional values of the one that went to `arg`, if any.
    fn positional_index(&self, arg: &Arg) -> Option<usize> {
        let mut positionals: Vec<&Arg> = self
            .cmd
            .get_positionals()
            .filter(|a| !a.is_last_set())
            .collect();
        positionals.sort_by_key(|a| a.get_index());
        let at = positionals
            .iter()
            .position(|p| p.get_id() == arg.get_id())?;
        (at < self.positionals.len()).then_some(at)
    }

    fn typed_all_namespaces(&self) -> bool {
        self.used
            .iter()
            .any(|(arg, _)| arg.get_long() == Some("all-namespaces"))
    }

    /// The positional argument the next plain word goes to, if any.
    fn next_positional(&self) -> Option<&'a Arg> {
        let mut remaining = self.positionals.len();
        let mut positionals: Vec<&Arg> = self
            .cmd
            .get_positionals()
            .filter(|a| !a.is_last_set())
            .collect();
        positionals.sort_by_key(|a| a.get_index());
        for arg in positionals {
            if takes_many(arg) || remaining == 0 {
                return Some(arg);
            }
            remaining -= 1;
        }
        None
    }

    /// Values given so far to a positional argument that takes many (to not offer them again).
    fn given_to(&self, arg: &Arg) -> Vec<String> {
        if arg.is_positional() {
            if takes_many(arg) {
                let before = self
                    .cmd
                    .get_positionals()
                    .filter(|a| a.get_index() < arg.get_index())
                    .count();
                return self.positionals.iter().skip(before).cloned().collect();
            }
            return Vec::new();
        }
        self.used
            .iter()
            .find(|(a, _)| a.get_id() == arg.get_id())
            .map(|(_, values)| values.clone())
            .unwrap_or_default()
    }

    fn complete_value(&self, arg: &Arg, typed: &str, prefix: &str, answer: &mut Answer) {
        if arg.is_positional() && self.conflicts_with_typed(arg) {
            return;
        }
        let given = self.given_to(arg);
        for value in arg.get_possible_values() {
            if value.is_hide_set()
                || !value.get_name().starts_with(typed)
                || given.iter().any(|g| g == value.get_name())
            {
                continue;
            }
            let help = value.get_help().map(|h| h.to_string()).unwrap_or_default();
            answer.candidates.push(Candidate::new(
                format!("{prefix}{}", value.get_name()),
                help,
            ));
        }
        answer.lookup = source_of(arg).map(|source| Lookup {
            source,
            prefix: prefix.to_string(),
            typed: typed.to_string(),
            given,
            all_namespaces: self.typed_all_namespaces(),
        });
        answer.directive = if answer.lookup.is_some() || !answer.candidates.is_empty() {
            Directive::NO_FILE_COMP
        } else {
            path_directive(arg)
        };
    }

    /// Flags that are already given (unless repeatable) or that conflict with what was typed
    /// are not offered.
    fn offers_flag(&self, arg: &Arg) -> bool {
        let repeatable = matches!(arg.get_action(), ArgAction::Append | ArgAction::Count);
        let given = self.used.iter().any(|(a, _)| a.get_id() == arg.get_id());
        (repeatable || !given) && !self.conflicts_with_typed(arg)
    }

    /// `--long` and `-s` forms of the flags of the current command that start with `typed`;
    /// flags that cannot be repeated are left out once given.
    fn flag_candidates(&self, typed: &str) -> Vec<Candidate> {
        let mut out = Vec::new();
        for arg in self.cmd.get_arguments() {
            if arg.is_hide_set() || arg.is_positional() {
                continue;
            }
            if !self.offers_flag(arg) {
                continue;
            }
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            let longs = arg
                .get_long()
                .into_iter()
                .chain(arg.get_visible_aliases().into_iter().flatten());
            if let Some(long) = longs
                .map(|l| format!("--{l}"))
                .find(|l| l.starts_with(typed))
            {
                out.push(Candidate::new(long, &help));
            }
            if let Some(short) = arg.get_short().map(|s| format!("-{s}"))
                && short.starts_with(typed)
            {
                out.push(Candidate::new(short, &help));
            }
        }
        out
    }
}

/// How the shell should complete a value clap knows nothing about: paths for path arguments
/// (directories only when the value is named `DIR`), nothing otherwise.
fn path_directive(arg: &Arg) -> Directive {
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
fn subcommand_candidates(cmd: &Command, typed: &str) -> Vec<Candidate> {
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
fn source_of(arg: &Arg) -> Option<Source> {
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

fn find_long<'c>(cmd: &'c Command, name: &str) -> Option<&'c Arg> {
    cmd.get_arguments().find(|a| {
        a.get_long() == Some(name) || a.get_all_aliases().into_iter().flatten().any(|l| l == name)
    })
}

fn find_short(cmd: &Command, c: char) -> Option<&Arg> {
    cmd.get_arguments().find(|a| {
        a.get_short() == Some(c)
            || a.get_all_short_aliases()
                .into_iter()
                .flatten()
                .any(|s| s == c)
    })
}

fn find_subcommand<'c>(cmd: &'c Command, word: &str) -> Option<&'c Command> {
    cmd.get_subcommands()
        .find(|s| s.get_name() == word || s.get_all_aliases().any(|a| a == word))
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|n| n.takes_values())
}

/// Whether `--flag VALUE` (value in the next word) is how this flag takes its value; flags with
/// an optional value (`-v`, `--dry-run`) only take one with `=`.
fn takes_next_word(arg: &Arg) -> bool {
    takes_value(arg)
        && !arg.is_require_equals_set()
        && arg.get_num_args().is_some_and(|n| n.min_values() > 0)
}

fn takes_many(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|n| n.max_values() > 1)
        || matches!(arg.get_action(), ArgAction::Append)
}

/// `cmd` re-assembled without its hidden subcommands, at every level, for generators that do
/// not skip them (clap_complete's static scripts would otherwise offer `__complete`). Names,
/// aliases, descriptions, arguments and groups are kept; parsing-only settings are not, so the
/// result is for generating text, not for parsing. (clap takes names as `&'static str`: the
/// few bytes of names and aliases are leaked, once per generated script.)
pub fn without_hidden_subcommands(cmd: &Command) -> Command {
    fn name(text: &str) -> &'static str {
        Box::leak(text.to_string().into_boxed_str())
    }
    let mut out = Command::new(name(cmd.get_name()));
    if let Some(bin_name) = cmd.get_bin_name() {
        out = out.bin_name(bin_name.to_string());
    }
    if let Some(about) = cmd.get_about() {
        out = out.about(about.clone());
    }
    if let Some(long_about) = cmd.get_long_about() {
        out = out.long_about(long_about.clone());
    }
    if let Some(after_help) = cmd.get_after_help() {
        out = out.after_help(after_help.clone());
    }
    let visible: Vec<&str> = cmd.get_visible_aliases().collect();
    for alias in cmd.get_all_aliases() {
        out = if visible.contains(&alias) {
            out.visible_alias(name(alias))
        } else {
            out.alias(name(alias))
        };
    }
    if cmd.is_disable_help_flag_set() {
        out = out.disable_help_flag(true);
    }
    if cmd.is_disable_version_flag_set() {
        out = out.disable_version_flag(true);
    }
    for arg in cmd.get_arguments() {
        out = out.arg(arg.clone());
    }
    for group in cmd.get_groups() {
        out = out.group(group.clone());
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out = out.subcommand(without_hidden_subcommands(sub));
    }
    out
}

/// Parses nothing but kubectl's global flags, to rebuild them from typed tokens.
#[derive(Debug, Parser)]
#[command(name = "kubectl-twister2", disable_help_flag = true)]
struct TypedGlobals {
    #[command(flatten)]
    global: GlobalArgs,
}

/// kubectl's global flags as typed (tokens from [`Answer::global_flags`]); tokens clap would
/// refuse (e.g. a half-typed `--request-timeout`) are left out, and `-v` is never honoured so
/// that completion prints nothing but candidates.
pub fn typed_globals(tokens: &[String]) -> GlobalArgs {
    let parse = |tokens: &[&String]| {
        TypedGlobals::try_parse_from(
            std::iter::once("kubectl-twister2").chain(tokens.iter().map(|t| t.as_str())),
        )
    };
    let mut accepted: Vec<&String> = Vec::new();
    for token in tokens {
        accepted.push(token);
        if parse(&accepted).is_err() {
            accepted.pop();
        }
    }
    let mut global = parse(&accepted).map(|t| t.global).unwrap_or_default();
    global.verbose = None;
    global
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &[&str]) -> Vec<String> {
        line.iter().map(|w| w.to_string()).collect()
    }

    fn values(answer: &Answer) -> Vec<&str> {
        answer.candidates.iter().map(|c| c.value.as_str()).collect()
    }

    fn built() -> Command {
        let mut root = Cli::command();
        root.build();
        root
    }

    #[test]
    fn empty_word_lists_the_visible_subcommands_from_the_tree() {
        let answer = complete(&words(&[""]));
        let root = built();
        let expected: Vec<&str> = root
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| s.get_name())
            .collect();
        let got = values(&answer);
        // every visible subcommand, nothing hidden, no flags
        for name in &expected {
            assert!(got.contains(name), "{name} missing from {got:?}");
        }
        assert_eq!(got.len(), expected.len(), "{got:?}");
        assert!(!got.contains(&SUBCOMMAND));
        assert!(got.contains(&"submit") && got.contains(&"kill"));
        assert_eq!(answer.directive, Directive::NO_FILE_COMP);
        assert_eq!(answer.lookup, None);
        let kill = answer
            .candidates
            .iter()
            .find(|c| c.value == "kill")
            .unwrap();
        assert!(
            kill.description.starts_with("Kill Twister2 jobs"),
            "{kill:?}"
        );
    }

    #[test]
    fn prefixes_filter_and_aliases_complete_when_only_they_match() {
        assert_eq!(values(&complete(&words(&["ki"]))), ["kill"]);
        // `jobs` has the visible alias `list`
        assert_eq!(values(&complete(&words(&["li"]))), ["list"]);
        // a typed alias leads into the command
        let answer = complete(&words(&["list", "--no-h"]));
        assert_eq!(values(&answer), ["--no-headers"]);
    }

    #[test]
    fn nested_subcommands_are_walked() {
        let answer = complete(&words(&["setup", ""]));
        let got = values(&answer);
        assert!(
            got.contains(&"openmpi-secret") && got.contains(&"remove"),
            "{got:?}"
        );
        let answer = complete(&words(&["nodes", "la"]));
        assert_eq!(values(&answer), ["label"]);
    }

    #[test]
    fn flags_of_the_command_and_the_global_flags() {
        let answer = complete(&words(&["kill", "--"]));
        let got = values(&answer);
        for flag in [
            "--last",
            "--all",
            "--yes",
            "--timeout",
            "--namespace",
            "--kubeconfig",
        ] {
            assert!(got.contains(&flag), "{flag} missing from {got:?}");
        }
        assert!(!got.contains(&"-y"), "no short forms after --");
        let answer = complete(&words(&["kill", "-"]));
        assert!(values(&answer).contains(&"-y") && values(&answer).contains(&"-n"));
        let yes = answer.candidates.iter().find(|c| c.value == "-y").unwrap();
        assert_eq!(yes.description, "Do not ask for confirmation");
        // given once, a flag that cannot repeat is not offered again; repeatable ones are
        let answer = complete(&words(&["kill", "--yes", "--as-group", "g", "--"]));
        assert!(!values(&answer).contains(&"--yes"));
        assert!(values(&answer).contains(&"--as-group"));
    }

    #[test]
    fn visible_flag_aliases_complete() {
        let answer = complete(&words(&["submit", "x", "--job-f"]));
        assert_eq!(values(&answer), ["--job-file"]);
    }

    #[test]
    fn possible_values_of_flags_in_both_spellings() {
        let answer = complete(&words(&["jobs", "-o", ""]));
        assert_eq!(values(&answer), ["table", "wide", "json", "yaml", "name"]);
        let answer = complete(&words(&["jobs", "--output=y"]));
        assert_eq!(values(&answer), ["--output=yaml"]);
        let answer = complete(&words(&["setup", "auth", "--dry-run="]));
        assert_eq!(
            values(&answer),
            ["--dry-run=none", "--dry-run=client", "--dry-run=server"]
        );
        let answer = complete(&words(&["completion", ""]));
        assert!(values(&answer).contains(&"bash") && values(&answer).contains(&"powershell"));
    }

    #[test]
    fn flags_with_an_optional_value_do_not_take_the_next_word() {
        // `--dry-run` takes its value only with `=`: the next word is a subcommand/positional.
        let answer = complete(&words(&["setup", "remove", "--dry-run", "zoo"]));
        assert_eq!(values(&answer), ["zookeeper"]);
    }

    #[test]
    fn job_ids_for_the_job_commands() {
        for line in [
            &["kill", ""][..],
            &["logs", ""][..],
            &["describe", ""][..],
            &["endpoints", ""][..],
            &["logs", "-f", "--tail", "10", ""][..],
        ] {
            let answer = complete(&words(line));
            let lookup = answer.lookup.expect("a look-up");
            assert_eq!(lookup.source, Source::JobIds, "{line:?}");
            assert_eq!(answer.directive, Directive::NO_FILE_COMP);
        }
        let answer = complete(&words(&["kill", "job-a", "job-b", "j"]));
        let lookup = answer.lookup.unwrap();
        assert_eq!(lookup.given, ["job-a", "job-b"]);
        assert_eq!(lookup.typed, "j");
        // describe takes one job: a second word gets nothing
        assert_eq!(complete(&words(&["describe", "job-a", ""])).lookup, None);
    }

    #[test]
    fn all_namespaces_is_passed_on() {
        let answer = complete(&words(&["endpoints", "-A", ""]));
        assert!(answer.lookup.unwrap().all_namespaces);
        let answer = complete(&words(&["endpoints", ""]));
        assert!(!answer.lookup.unwrap().all_namespaces);
    }

    #[test]
    fn node_names_namespaces_components_and_kubeconfig_names() {
        let source = |line: &[&str]| complete(&words(line)).lookup.map(|l| l.source);
        assert_eq!(
            source(&["nodes", "label", "--rack", "r1", ""]),
            Some(Source::Nodes)
        );
        assert_eq!(source(&["nodes", "unlabel", ""]), Some(Source::Nodes));
        assert_eq!(source(&["jobs", "-n", ""]), Some(Source::Namespaces));
        assert_eq!(source(&["-n", ""]), Some(Source::Namespaces));
        assert_eq!(
            source(&["kill", "--namespace", "d"]),
            Some(Source::Namespaces)
        );
        assert_eq!(source(&["setup", "remove", ""]), Some(Source::Components));
        assert_eq!(source(&["jobs", "--context", ""]), Some(Source::Contexts));
        assert_eq!(source(&["jobs", "--cluster="]), Some(Source::Clusters));
        assert_eq!(source(&["jobs", "--user", ""]), Some(Source::Users));
        // components have a static fallback: clap's possible values
        let answer = complete(&words(&["setup", "remove", "zookeeper", ""]));
        assert!(!values(&answer).contains(&"zookeeper"), "given once");
        assert!(values(&answer).contains(&"openmpi-secret"));
        let lookup = complete(&words(&["jobs", "--namespace=ku"]))
            .lookup
            .unwrap();
        assert_eq!(
            (lookup.prefix.as_str(), lookup.typed.as_str()),
            ("--namespace=", "ku")
        );
    }

    #[test]
    fn file_and_directory_values_let_the_shell_complete_paths() {
        let answer = complete(&words(&["--kubeconfig", ""]));
        assert_eq!(answer.directive, Directive::DEFAULT);
        assert!(answer.candidates.is_empty() && answer.lookup.is_none());
        let answer = complete(&words(&["submit", "hello", "--jar", ""]));
        assert_eq!(answer.directive, Directive::DEFAULT);
        let answer = complete(&words(&["submit", "hello", "--image", ""]));
        assert_eq!(answer.directive, Directive::NO_FILE_COMP);
        let answer = complete(&words(&["submit", "hello", "--jar", "a.jar", "--", ""]));
        assert_eq!(answer.directive, Directive::DEFAULT);
    }

    #[test]
    fn what_conflicts_with_the_typed_words_is_not_offered() {
        assert_eq!(complete(&words(&["kill", "--last", ""])).lookup, None);
        assert_eq!(complete(&words(&["logs", "--last", ""])).lookup, None);
        let answer = complete(&words(&["kill", "job-a", "--"]));
        assert!(
            !values(&answer).contains(&"--last"),
            "{:?}",
            values(&answer)
        );
        assert!(!values(&answer).contains(&"--all"));
        assert!(values(&answer).contains(&"--yes"));
        let answer = complete(&words(&["kill", "--all", "--"]));
        assert!(!values(&answer).contains(&"--last"));
    }

    #[test]
    fn flags_of_a_parent_command_do_not_confuse_the_subcommand() {
        // `--tree` (nodes) conflicts with `--no-headers`, which `nodes label` does not have
        let answer = complete(&words(&["nodes", "--tree", "label", "--"]));
        assert!(
            values(&answer).contains(&"--overwrite"),
            "{:?}",
            values(&answer)
        );
        let answer = complete(&words(&["nodes", "-A", "--tree", "unlabel", ""]));
        assert_eq!(answer.lookup.map(|l| l.source), Some(Source::Nodes));
    }

    #[test]
    fn every_flag_of_every_command_completes_without_panicking() {
        fn paths(cmd: &Command, path: Vec<String>, out: &mut Vec<(Vec<String>, Command)>) {
            out.push((path.clone(), cmd.clone()));
            for sub in cmd.get_subcommands() {
                let mut next = path.clone();
                next.push(sub.get_name().to_string());
                paths(sub, next, out);
            }
        }
        let root = built();
        let mut all = Vec::new();
        paths(&root, Vec::new(), &mut all);
        let mut tried = 0;
        let mut attempt = |line: Vec<String>| {
            let _ = complete_in(&root, &line);
            tried += 1;
        };
        for (path, cmd) in &all {
            let flags: Vec<String> = cmd
                .get_arguments()
                .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
                .collect();
            for flag in &flags {
                for tail in [&[""][..], &["x", ""][..], &["-"][..], &["--", ""][..]] {
                    let mut line = path.clone();
                    line.push(flag.clone());
                    line.extend(tail.iter().map(|t| t.to_string()));
                    attempt(line);
                }
                attempt([path.clone(), vec![format!("{flag}=")]].concat());
                // each flag typed first, then what the command offers next
                for other in &flags {
                    let typed = [flag.clone(), "v".into(), other.clone(), String::new()];
                    attempt([path.clone(), typed.to_vec()].concat());
                }
            }
        }
        assert!(tried > 1000, "{tried}");
    }

    #[test]
    fn directories_only_for_directory_values() {
        let answer = complete(&words(&["logs", "j", "--save", ""]));
        assert_eq!(answer.directive, Directive::FILTER_DIRS);
        let answer = complete(&words(&["submit", "j", "--conf-dir", ""]));
        assert_eq!(answer.directive, Directive::FILTER_DIRS);
    }

    #[test]
    fn a_command_without_positionals_offers_its_flags() {
        let answer = complete(&words(&["jobs", ""]));
        assert!(values(&answer).contains(&"--all-namespaces"));
        let answer = complete(&words(&["jobs", "x"]));
        assert!(answer.candidates.is_empty());
    }

    #[test]
    fn hidden_items_stay_hidden() {
        let mut root = Command::new("t")
            .subcommand(Command::new("shown"))
            .subcommand(Command::new("secret").hide(true))
            .arg(
                Arg::new("visible")
                    .long("visible")
                    .action(ArgAction::SetTrue),
            )
            .arg(
                Arg::new("quiet")
                    .long("quiet-mode")
                    .hide(true)
                    .action(ArgAction::SetTrue),
            );
        root.build();
        let got = complete_in(&root, &words(&[""]));
        assert!(values(&got).contains(&"shown") && !values(&got).contains(&"secret"));
        let got = complete_in(&root, &words(&["--"]));
        assert!(values(&got).contains(&"--visible") && !values(&got).contains(&"--quiet-mode"));
    }

    #[test]
    fn typed_global_flags_are_collected_in_every_spelling() {
        let answer = complete(&words(&[
            "--kubeconfig",
            "/k/c",
            "kill",
            "-n",
            "jobs",
            "--context=ctx",
            "-y",
            "--request-timeout",
            "5s",
            "-v=8",
            "",
        ]));
        assert_eq!(
            answer.global_flags,
            [
                "--kubeconfig=/k/c",
                "--namespace=jobs",
                "--context=ctx",
                "--request-timeout=5s",
                "--verbose=8"
            ]
        );
        let global = typed_globals(&answer.global_flags);
        assert_eq!(
            global.kubeconfig.as_deref(),
            Some(std::path::Path::new("/k/c"))
        );
        assert_eq!(global.namespace.as_deref(), Some("jobs"));
        assert_eq!(global.context.as_deref(), Some("ctx"));
        assert_eq!(global.verbose, None, "never log while completing");
        assert_eq!(
            global.request_timeout.0,
            Some(std::time::Duration::from_secs(5))
        );
    }

    #[test]
    fn the_tree_without_hidden_subcommands_keeps_everything_else() {
        fn shape(cmd: &Command) -> Vec<String> {
            let mut out = vec![format!(
                "{} aliases={:?} about={:?}",
                cmd.get_name(),
                cmd.get_visible_aliases().collect::<Vec<_>>(),
                cmd.get_about().map(|a| a.to_string())
            )];
            for arg in cmd.get_arguments() {
                out.push(format!(
                    "  {} {:?} {:?} hidden={}",
                    arg.get_id(),
                    arg.get_long(),
                    arg.get_short(),
                    arg.is_hide_set()
                ));
            }
            for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                out.extend(shape(sub));
            }
            out
        }
        let original = built();
        let mut visible = without_hidden_subcommands(&Cli::command());
        visible.build();
        assert!(visible.find_subcommand(SUBCOMMAND).is_none());
        assert!(original.find_subcommand(SUBCOMMAND).is_some());
        assert_eq!(shape(&visible), shape(&original));
        let mut script = Vec::new();
        clap_complete::generate(
            clap_complete::Shell::Bash,
            &mut without_hidden_subcommands(&Cli::command()),
            "kubectl-twister2",
            &mut script,
        );
        let script = String::from_utf8(script).unwrap();
        assert!(!script.contains(SUBCOMMAND));
        assert!(script.contains("--ignore-not-found") && script.contains("openmpi-secret"));
    }

    #[test]
    fn refused_global_tokens_are_dropped_not_fatal() {
        let global = typed_globals(&words(&["--request-timeout=soon", "--namespace=ns"]));
        assert_eq!(global.namespace.as_deref(), Some("ns"));
        assert_eq!(global.request_timeout.0, None);
    }

    #[test]
    fn lookup_results_are_filtered_prefixed_and_deduplicated() {
        let lookup = Lookup {
            source: Source::Namespaces,
            prefix: "--namespace=".into(),
            typed: "d".into(),
            given: vec!["dev".into()],
            all_namespaces: false,
        };
        let found = vec![
            Candidate::new("default", "Active"),
            Candidate::new("dev", "Active"),
            Candidate::new("kube-system", "Active"),
            Candidate::new("default", "again"),
        ];
        assert_eq!(
            lookup.finish(found),
            [Candidate::new("--namespace=default", "Active")]
        );
    }

    #[test]
    fn candidate_lines_follow_the_protocol() {
        assert_eq!(Candidate::new("a", "").line(), "a");
        assert_eq!(Candidate::new("a", "b\tc\nmore").line(), "a\tb c");
    }

    #[test]
    fn the_words_reach_the_subcommand_verbatim_after_a_double_dash() {
        // completions/kubectl_complete-twister2 passes `--` first, so that clap takes every
        // word as it is, even a global flag with a half-typed value.
        for line in [
            &["--request-timeout", ""][..],
            &["--kubeconfig", "/x", "kill", "-n", "ns", ""][..],
            &["-h"][..],
            &["--help"][..],
            &["kill", "--help", ""][..],
            &["-v=8", "--bogus", ""][..],
            &["submit", "x", "--", "job-arg", ""][..],
            &["--"][..],
            &[][..],
        ] {
            let argv = ["kubectl-twister2", SUBCOMMAND, "--"]
                .into_iter()
                .chain(line.iter().copied());
            let cli = Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("{line:?}: {e}"));
            let crate::cli::Command::Complete(args) = cli.command else {
                panic!("{line:?} parsed as {:?}", cli.command)
            };
            assert_eq!(args.words, line, "{line:?}");
        }
    }

    #[test]
    fn without_the_double_dash_words_after_the_first_plain_one_are_verbatim() {
        for line in [
            &["kill", "-n", "ns", "--help", ""][..],
            &["-h"][..],
            &[""][..],
        ] {
            let argv = ["kubectl-twister2", SUBCOMMAND]
                .into_iter()
                .chain(line.iter().copied());
            let cli = Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("{line:?}: {e}"));
            let crate::cli::Command::Complete(args) = cli.command else {
                panic!("{line:?} parsed as {:?}", cli.command)
            };
            assert_eq!(args.words, line, "{line:?}");
        }
    }
}
