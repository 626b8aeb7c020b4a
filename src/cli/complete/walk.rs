//! Walking clap's command tree over the typed words to the static answer for the last one.

use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::cli::Cli;

use super::answer::{Answer, Candidate, Directive, Lookup};
use super::tree::{
    find_long, find_short, find_subcommand, path_directive, source_of, subcommand_candidates,
    takes_many, takes_next_word, takes_value,
};

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
