//! The files generated from the code and committed: shell completion scripts (`completions/`),
//! man pages (`docs/man/`), `docs/configuration-keys.md` (from the `KEYS` table) and
//! `krew/twister2.yaml` (from `.krew.yaml`). Each test compares them with a fresh rendering, or
//! rewrites them when `UPDATE_GENERATED=1`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{Command, CommandFactory, ValueEnum};
use clap_complete::Shell;
use kubectl_twister2::cli::Cli;
use kubectl_twister2::twister2::config::{
    Check, ConfigFile, DOC_ONLY_KEYS, DefaultValue, KEYS, KeySpec, PASSED_ON_KEYS,
};

use super::krew;

/// What to run to regenerate every generated file.
pub const UPDATE_COMMAND: &str =
    "UPDATE_GENERATED=1 cargo nextest run --workspace distribution::generated";

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1")
}

fn relative(path: &Path) -> String {
    path.strip_prefix(repo())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Compare `files` with the disk (or write them when updating). In `owned` (a directory and an
/// extension), files of that extension that are not in `files` are stale: reported, or deleted
/// when updating.
pub fn check_or_update(files: &[(PathBuf, Vec<u8>)], owned: Option<(&Path, &str)>) {
    let stale: Vec<PathBuf> = owned
        .map(|(dir, ext)| {
            std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == ext))
                        .filter(|p| !files.iter().any(|(f, _)| f == p))
                        .collect()
                })
                .unwrap_or_default()
        })
        .unwrap_or_default();
    if updating() {
        for (path, content) in files {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            if std::fs::read(path).ok().as_ref() != Some(content) {
                std::fs::write(path, content).unwrap();
            }
        }
        for path in stale {
            std::fs::remove_file(path).unwrap();
        }
        return;
    }
    let mut problems = Vec::new();
    for (path, content) in files {
        match std::fs::read(path) {
            Ok(on_disk) if on_disk == *content => {}
            Ok(_) => problems.push(format!("{} is out of date", relative(path))),
            Err(_) => problems.push(format!("{} is missing", relative(path))),
        }
    }
    for path in stale {
        problems.push(format!(
            "{} is not generated any more (no such command)",
            relative(&path)
        ));
    }
    assert!(
        problems.is_empty(),
        "generated files differ from what the code generates:\n  {}\nregenerate them with:\n  {UPDATE_COMMAND}",
        problems.join("\n  ")
    );
}

/// The file extension of each shell's completion script.
fn script_extension(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::PowerShell => "ps1",
        Shell::Elvish => "elv",
        other => panic!("clap_complete has a new shell {other}: give it a file extension here"),
    }
}

/// `completions/kubectl-twister2.<ext>` for every shell `completion` supports.
pub fn completion_scripts() -> Vec<(PathBuf, Vec<u8>)> {
    Shell::value_variants()
        .iter()
        .map(|shell| {
            let path = repo()
                .join("completions")
                .join(format!("kubectl-twister2.{}", script_extension(*shell)));
            (path, kubectl_twister2::commands::completion::script(*shell))
        })
        .collect()
}

/// The built command tree the docs and man pages describe (no `help` subcommand).
pub fn command_tree() -> Command {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    root
}

/// Every visible command with its path of subcommand names (the root's path is empty).
pub fn visible_commands(root: &Command) -> Vec<(Vec<String>, &Command)> {
    fn walk<'c>(cmd: &'c Command, path: Vec<String>, out: &mut Vec<(Vec<String>, &'c Command)>) {
        out.push((path.clone(), cmd));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut sub_path = path.clone();
            sub_path.push(sub.get_name().to_string());
            walk(sub, sub_path, out);
        }
    }
    let mut out = Vec::new();
    walk(root, Vec::new(), &mut out);
    out
}

/// The man page file of a command path: `kubectl-twister2[-sub[-subsub]].1`.
pub fn man_page_path(path: &[String]) -> PathBuf {
    let name = std::iter::once("kubectl-twister2".to_string())
        .chain(path.iter().cloned())
        .collect::<Vec<_>>()
        .join("-");
    repo().join("docs/man").join(format!("{name}.1"))
}

/// One man page per visible command and subcommand.
pub fn man_pages() -> Vec<(PathBuf, Vec<u8>)> {
    let root = command_tree();
    visible_commands(&root)
        .into_iter()
        .map(|(path, cmd)| {
            let man = clap_mangen::Man::new(cmd.clone())
                .source(format!("kubectl-twister2 {}", env!("CARGO_PKG_VERSION")))
                .manual("kubectl-twister2 manual");
            let mut page = Vec::new();
            man.render(&mut page).unwrap();
            let file = man_page_path(&path);
            assert_eq!(
                file.file_name().unwrap().to_string_lossy(),
                man.get_filename(),
                "clap_mangen names the page of {path:?} differently"
            );
            (file, page)
        })
        .collect()
}

fn default_text(default: DefaultValue) -> String {
    match default {
        DefaultValue::None => "(none)".to_string(),
        DefaultValue::Str("") => "`\"\"`".to_string(),
        DefaultValue::Str(s) => format!("`{s}`"),
        DefaultValue::Bool(b) => format!("`{b}`"),
        DefaultValue::Int(i) => format!("`{i}`"),
        DefaultValue::Float(f) => format!("`{f}`"),
    }
}

fn rule_text(check: Check) -> String {
    match check {
        Check::Any => String::new(),
        Check::OneOf(values) => format!(
            "one of {}",
            values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Check::Port => "a port, 1–65535".to_string(),
        Check::PortOrZero => "0 or a port".to_string(),
        Check::NonNegative => "≥ 0".to_string(),
        Check::Positive => "> 0".to_string(),
        Check::Fraction => "> 0 and ≤ 1".to_string(),
        Check::Namespace => "a namespace name".to_string(),
        Check::JobId => "a valid jobID".to_string(),
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn key_row(spec: &KeySpec) -> String {
    let mut meaning = cell(spec.meaning);
    if !spec.stale.is_empty() {
        let stale: Vec<String> = spec.stale.iter().map(|s| format!("`{s}`")).collect();
        meaning.push_str(&format!(
            "; also read under {} (with a warning)",
            stale.join(", ")
        ));
    }
    format!(
        "| `{}` | {} | {} | {} | {} | {} |\n",
        spec.key,
        spec.ty,
        default_text(spec.default),
        shipped_text(spec),
        rule_text(spec.check),
        meaning
    )
}

/// Where Twister2 0.8.0's `conf/` sets the key, or `—`.
fn shipped_text(spec: &KeySpec) -> String {
    match spec.shipped {
        Some(dir) => format!("`{}/{}`", dir.dir(), spec.file.file_name()),
        None => "—".to_string(),
    }
}

/// `docs/configuration-keys.md`, from the `KEYS`, `PASSED_ON_KEYS` and `DOC_ONLY_KEYS` tables.
pub fn configuration_keys_doc() -> String {
    let mut doc = String::from(
        "<!-- GENERATED from the key tables in src/twister2/config/ by tests/integration/distribution; \
do not edit: run UPDATE_GENERATED=1 cargo nextest run --workspace distribution::generated -->\n\
# Twister2 configuration keys\n\n\
Every Twister2 configuration key the plugin reads, in Twister2 0.8's spelling, with its type,\n\
default and meaning. Keys come from `--conf-dir`, `--config` files and `--set KEY=VALUE` (later\n\
wins; flags such as `--image` or `--workers` win over all of them, see [jobs](jobs.md)). The\n\
headings name the file of the job package each key is written to. A key the plugin does not\n\
know is passed to the job unchanged (in `core.yaml`), with a warning that suggests the known\n\
key it may be a misspelling of.\n\n\
A value of the wrong type, or outside its allowed values, is refused before anything is sent\n\
to the cluster, naming the key and where it was set.\n\n\
Without `--conf-dir`, the job package carries Twister2 0.8.0's whole shipped configuration, as\n\
Twister2's own client packs its `conf/common/` and `conf/kubernetes/`: the six YAML files of\n\
each directory with every key 0.8.0 sets there (column *0.8.0 conf* below, and the keys the\n\
plugin only passes on, listed last) and `common/logger.properties`. Every other value the pods\n\
need (defaults, `--config`, `--set`, flags, and what the plugin decides, such as\n\
`kubernetes.namespace`) is written into the package's `kubernetes/<file>`, which the pods read\n\
last. With `--conf-dir DIR`, DIR's files take the place of the shipped ones.\n",
    );
    for file in ConfigFile::ALL {
        let keys: Vec<&KeySpec> = KEYS.iter().filter(|k| k.file == file).collect();
        if keys.is_empty() {
            continue;
        }
        let _ = write!(
            doc,
            "\n## {}\n\n| key | type | default | 0.8.0 conf | allowed | meaning |\n|---|---|---|---|---|---|\n",
            file.file_name()
        );
        for spec in keys {
            doc.push_str(&key_row(spec));
        }
    }
    doc.push_str(
        "\n## Keys passed on with Twister2 0.8.0's values\n\n\
Twister2 0.8.0's shipped configuration sets these keys, which the plugin does not read; the job\n\
package carries them with these values (spelled as 0.8.0 spells them, misspellings included),\n\
and `--config`/`--set` may change them like any key.\n\n| key | file | value | meaning |\n|---|---|---|---|\n",
    );
    for spec in PASSED_ON_KEYS {
        let _ = writeln!(
            doc,
            "| `{}` | {} | {} | {} |",
            spec.key,
            shipped_text(spec),
            default_text(spec.default),
            cell(spec.meaning)
        );
    }
    if !DOC_ONLY_KEYS.is_empty() {
        doc.push_str(
            "\n## Keys from Twister2's documentation that have no effect\n\n\
Twister2's documentation mentions these keys, but its code never reads them; the plugin warns\n\
when it sees one and says what to use instead.\n\n| key | instead |\n|---|---|\n",
        );
        for doc_only in DOC_ONLY_KEYS {
            let _ = writeln!(doc, "| `{}` | {} |", doc_only.key, cell(doc_only.hint));
        }
    }
    doc
}

#[test]
fn completion_scripts_are_up_to_date() {
    let scripts = completion_scripts();
    assert_eq!(scripts.len(), Shell::value_variants().len());
    for (path, script) in &scripts {
        let text = String::from_utf8_lossy(script);
        assert!(text.contains("submit"), "{} lacks submit", path.display());
        assert!(
            !text.contains(kubectl_twister2::cli::complete::SUBCOMMAND),
            "FOR THE LEAD: `kubectl twister2 completion` offers the hidden `{}` subcommand \
             ({}): clap_complete does not skip hidden subcommands, so src/commands/completion.rs \
             must generate from `crate::cli::complete::without_hidden_subcommands(&Cli::command())` \
             instead of `Cli::command()`",
            kubectl_twister2::cli::complete::SUBCOMMAND,
            path.display()
        );
    }
    check_or_update(&scripts, None);
}

#[test]
fn man_pages_are_up_to_date() {
    let pages = man_pages();
    check_or_update(&pages, Some((&repo().join("docs/man"), "1")));
}

#[test]
fn configuration_key_reference_is_up_to_date() {
    let doc = configuration_keys_doc();
    for spec in KEYS.iter().chain(PASSED_ON_KEYS) {
        assert!(doc.contains(&format!("`{}`", spec.key)), "{}", spec.key);
    }
    check_or_update(
        &[(repo().join("docs/configuration-keys.md"), doc.into_bytes())],
        None,
    );
}

#[test]
fn krew_manifest_is_up_to_date() {
    let manifest = krew::committed_manifest_text();
    check_or_update(
        &[(repo().join("krew/twister2.yaml"), manifest.into_bytes())],
        None,
    );
}
