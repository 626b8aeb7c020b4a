//! Completing real command lines of the plugin's tree: subcommands, flags, values and look-ups.

use clap::{Arg, ArgAction, Command, CommandFactory, Parser};

use crate::cli::Cli;

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
