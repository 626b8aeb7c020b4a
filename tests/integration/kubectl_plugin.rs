//! The real kubectl finds the plugin on PATH and runs it.

use std::path::Path;
use std::process::Command;

fn kubectl_with_plugin_on_path(args: &[&str]) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_kubectl-twister2"));
    let dir = bin.parent().expect("binary directory");
    let path = std::env::join_paths(std::iter::once(dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let home = tempfile::tempdir().unwrap();
    Command::new("kubectl")
        .args(args)
        .env("PATH", path)
        .env("HOME", home.path())
        .env_remove("KUBECONFIG")
        .output()
        .expect("kubectl must be installed for this test (.ci/run installs it)")
}

#[test]
fn kubectl_plugin_list_finds_the_plugin() {
    let out = kubectl_with_plugin_on_path(&["plugin", "list"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let bin = env!("CARGO_BIN_EXE_kubectl-twister2");
    assert!(
        stdout.lines().any(|l| l.trim() == bin),
        "kubectl plugin list does not list {bin}:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn kubectl_runs_the_plugin() {
    let out = kubectl_with_plugin_on_path(&["twister2", "version", "--client"]);
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(&format!("Client Version: v{}", env!("CARGO_PKG_VERSION"))),
        "{stdout}"
    );
}

#[test]
fn kubectl_passes_the_exit_code_through() {
    let out =
        kubectl_with_plugin_on_path(&["twister2", "--kubeconfig", "/nonexistent/kc", "version"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/kc"));
}
