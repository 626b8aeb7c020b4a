//! The README's first set-up command must keep working: run it (with the debug binary) exactly as
//! written after `cargo run --release --`.

use crate::common::{ok, plugin_in};

#[test]
fn readme_main_command_runs() {
    let readme = include_str!("../../README.md");
    let line = readme
        .lines()
        .find(|l| l.trim_start().starts_with("cargo run --release --"))
        .expect("README has a `cargo run --release -- …` set-up command");
    let command = line.split('#').next().unwrap_or(line);
    let args: Vec<&str> = command
        .trim()
        .trim_start_matches("cargo run --release --")
        .split_whitespace()
        .collect();
    assert!(!args.is_empty(), "the README command has arguments");
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let out = ok(plugin_in(dir.path()).current_dir(root).args(&args));
    assert!(
        !out.trim().is_empty(),
        "the README command prints something"
    );
}
