//! The docs and man pages cover the command tree: every command and every long flag appears in
//! its man page and in the user guide (`docs/*.md`); the guide's index links every page; the
//! quick start's commands are valid command lines.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Arg, ArgAction, Command};
use kubectl_twister2::cli::Cli;

use super::generated::{command_tree, man_page_path, repo, visible_commands};

/// The user guide: file name → text (not the generated man pages).
fn guide() -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    for entry in std::fs::read_dir(repo().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            pages.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    pages
}

/// The flags of `cmd` that it defines itself (globals are checked on the root only), minus
/// clap's own `--help`: the long name and the short one, if any.
fn own_flags(cmd: &Command, is_root: bool) -> Vec<(&str, Option<char>)> {
    cmd.get_arguments()
        .filter(|a: &&Arg| !a.is_hide_set() && !a.is_positional())
        .filter(|a| is_root || !a.is_global_set())
        .filter(|a| !matches!(a.get_action(), ArgAction::Help | ArgAction::HelpLong))
        .filter_map(|a| a.get_long().map(|long| (long, a.get_short())))
        .collect()
}

/// `text` shows the short flag `-c` as a word of its own (`-o yaml`, `` `-A` ``, `-v=8`).
fn mentions_short(text: &str, short: char) -> bool {
    let needle = format!("-{short}");
    text.match_indices(&needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        before.is_none_or(|c| c.is_whitespace() || "`([|".contains(c))
            && after.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '-')
    })
}

/// `text` has `needle` not followed by another character of a flag or command name.
fn mentions(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        text[at + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    })
}

/// A page documents a command when it shows it run (`twister2 setup auth`) or names it in code
/// (`` `setup auth` `` or `` `setup auth …` ``).
fn documents_command(text: &str, path: &[String]) -> bool {
    let words = path.join(" ");
    mentions(text, &format!("twister2 {words}"))
        || text.contains(&format!("`{words}`"))
        || text.contains(&format!("`{words} "))
}

#[test]
fn man_pages_cover_every_command_and_flag() {
    let root = command_tree();
    let mut missing = Vec::new();
    for (path, cmd) in visible_commands(&root) {
        let file = man_page_path(&path);
        let Ok(page) = std::fs::read_to_string(&file) else {
            missing.push(format!("{} (the page)", file.display()));
            continue;
        };
        let page = page.replace("\\-", "-");
        for (flag, _) in own_flags(cmd, true) {
            if !mentions(&page, &format!("--{flag}")) {
                missing.push(format!("{}: --{flag}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing from the man pages:\n  {}",
        missing.join("\n  ")
    );
}

/// FOR THE LEAD: this test fails while a command or a flag added by another change has no user
/// documentation yet; its message lists exactly what is missing (and which page links are
/// broken), so that the docs can catch up before the commit.
#[test]
fn user_guide_covers_every_command_and_flag() {
    let pages = guide();
    let root = command_tree();
    let mut missing = Vec::new();
    for (path, cmd) in visible_commands(&root) {
        let is_root = path.is_empty();
        let documenting: Vec<&String> = if is_root {
            pages.values().collect()
        } else {
            pages
                .values()
                .filter(|text| documents_command(text, &path))
                .collect()
        };
        let name = if is_root {
            "kubectl twister2".to_string()
        } else {
            format!("kubectl twister2 {}", path.join(" "))
        };
        if documenting.is_empty() {
            missing.push(format!(
                "{name}: no page shows `twister2 {}` or names it in code",
                path.join(" ")
            ));
            continue;
        }
        for (flag, short) in own_flags(cmd, is_root) {
            let needle = format!("--{flag}");
            let shown = documenting.iter().any(|text| {
                mentions(text, &needle) || short.is_some_and(|c| mentions_short(text, c))
            });
            if !shown {
                missing.push(format!("{name}: {needle}"));
            }
        }
    }
    // The index links every page, and every relative link of the guide resolves.
    let index = pages.get("index.md").cloned().unwrap_or_default();
    for page in pages.keys().filter(|p| *p != "index.md") {
        if !index.contains(&format!("]({page})")) {
            missing.push(format!("docs/index.md: no link to {page}"));
        }
    }
    for (page, text) in &pages {
        for target in relative_links(text) {
            let file = repo().join("docs").join(&target);
            if !file.exists() {
                missing.push(format!("docs/{page}: broken link to {}", target.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "FOR THE LEAD — the user guide (docs/*.md) lacks, per command:\n  {}\n\
         (a command counts as documented on pages that show `twister2 <command>`; each of its \
         flags must appear on one of those pages, in its long or its short form)",
        missing.join("\n  ")
    );
}

/// Targets of `](target)` links that are not URLs or anchors, without their `#fragment`.
fn relative_links(text: &str) -> Vec<PathBuf> {
    text.match_indices("](")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            let target = &rest[..rest.find(')')?];
            let target = target.split('#').next().unwrap_or_default();
            (!target.is_empty() && !target.contains("://") && !target.starts_with("mailto:"))
                .then(|| PathBuf::from(target))
        })
        .collect()
}

/// The `kubectl twister2 …` command lines of a page's ```sh blocks, continuations joined,
/// `VAR=$(…)` unwrapped, comments dropped, quotes removed.
fn command_lines(text: &str) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_sh = trimmed == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let line = trimmed.split(" #").next().unwrap_or_default();
        if let Some(start) = line.strip_suffix('\\') {
            pending.push_str(start);
            pending.push(' ');
            continue;
        }
        pending.push_str(line);
        let full = std::mem::take(&mut pending);
        let full = match full.split_once("=$(") {
            Some((_, inner)) => inner.trim_end().trim_end_matches(')').to_string(),
            None => full,
        };
        if let Some(args) = full.trim().strip_prefix("kubectl twister2 ") {
            commands.push(
                args.split_whitespace()
                    .map(|w| w.trim_matches('"').trim_matches('\'').to_string())
                    .collect(),
            );
        }
    }
    commands
}

#[test]
fn quick_start_commands_are_valid_command_lines() {
    let text = std::fs::read_to_string(repo().join("docs/quickstart.md")).unwrap();
    let commands = command_lines(&text);
    assert!(
        commands.len() >= 8,
        "the quick start runs the plugin: {commands:?}"
    );
    for verb in ["setup", "submit", "jobs", "logs", "endpoints", "kill"] {
        assert!(
            commands
                .iter()
                .any(|c| c.first().map(String::as_str) == Some(verb)),
            "the quick start has no `kubectl twister2 {verb}`"
        );
    }
    for args in commands {
        let argv = std::iter::once("kubectl-twister2".to_string()).chain(args.iter().cloned());
        if let Err(error) = <Cli as clap::Parser>::try_parse_from(argv) {
            panic!(
                "docs/quickstart.md: `kubectl twister2 {}` is refused:\n{error}",
                args.join(" ")
            );
        }
    }
}
