//! Plugin completion end to end: the real `kubectl __complete twister2 …` (kubectl 1.26+) with
//! the plugin and `completions/kubectl_complete-twister2` on PATH, against the fake API server.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use clap::CommandFactory;
use fake_kube::Match;
use kubectl_twister2::cli::Cli;
use serde_json::json;

use crate::common::Env;

use super::generated::repo;

/// PATH with the plugin's directory and `completions/` first.
fn path_with_plugin() -> OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_kubectl-twister2"));
    let dirs = [
        bin.parent().unwrap().to_path_buf(),
        repo().join("completions"),
    ];
    std::env::join_paths(dirs.into_iter().chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap()
}

/// What kubectl printed: the candidates (values only), and the directive line.
struct Completed {
    values: Vec<String>,
    lines: Vec<String>,
    directive: String,
    output: Output,
}

impl Completed {
    fn of(output: Output) -> Completed {
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let mut lines: Vec<String> = stdout.lines().map(str::to_string).collect();
        let directive = match lines.last() {
            Some(last) if last.starts_with(':') => lines.pop().unwrap(),
            _ => String::new(),
        };
        let values = lines
            .iter()
            .map(|l| l.split('\t').next().unwrap_or_default().to_string())
            .collect();
        Completed {
            values,
            lines,
            directive,
            output,
        }
    }

    fn sorted(&self) -> Vec<&str> {
        let mut values: Vec<&str> = self.values.iter().map(String::as_str).collect();
        values.sort();
        values
    }
}

impl std::fmt::Debug for Completed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "status {:?}\nstdout:\n{}\nstderr:\n{}",
            self.output.status.code(),
            String::from_utf8_lossy(&self.output.stdout),
            String::from_utf8_lossy(&self.output.stderr)
        )
    }
}

/// kubectl completes plugin arguments since 1.26: say so plainly when an older one is installed.
fn require_kubectl_with_plugin_completion() {
    let output = Command::new("kubectl")
        .args(["version", "--client", "-o", "json"])
        .output()
        .expect("kubectl must be installed for this test (.ci/run installs it)");
    let version: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    let minor: u32 = version["clientVersion"]["minor"]
        .as_str()
        .unwrap_or_default()
        .trim_end_matches('+')
        .parse()
        .unwrap_or(0);
    assert!(
        minor >= 26,
        "kubectl 1.26 or newer is needed for plugin completion; found {}",
        version["clientVersion"]["gitVersion"]
    );
}

/// `kubectl __complete twister2 WORDS...` with `KUBECONFIG` set to `kubeconfig` (if any).
fn kubectl_complete(words: &[&str], kubeconfig: Option<&Path>) -> Completed {
    require_kubectl_with_plugin_completion();
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("kubectl");
    cmd.arg("__complete")
        .arg("twister2")
        .args(words)
        .env("PATH", path_with_plugin())
        .env("HOME", home.path())
        .env_remove("KUBERNETES_SERVICE_HOST")
        .env_remove("BASH_COMP_DEBUG_FILE");
    match kubeconfig {
        Some(path) => cmd.env("KUBECONFIG", path),
        None => cmd.env_remove("KUBECONFIG"),
    };
    let output = cmd
        .output()
        .expect("kubectl must be installed for this test (.ci/run installs it)");
    let completed = Completed::of(output);
    assert!(completed.output.status.success(), "{completed:?}");
    completed
}

fn job_config_map(namespace: &str, job_id: &str) -> serde_json::Value {
    json!({
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {
            "name": job_id,
            "namespace": namespace,
            "labels": {"app": "twister2", "t2-job": job_id},
        },
        "data": {},
    })
}

fn namespace(name: &str) -> serde_json::Value {
    json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
}

/// A fake cluster with two jobs in `default`, one in `team-a`, and an unrelated ConfigMap.
fn cluster_with_jobs() -> Env {
    let env = Env::new();
    env.server.put(namespace("team-a")).unwrap();
    for (ns, id) in [
        ("default", "alice-hello-1a2b3c"),
        ("default", "alice-wordcount-4d5e6f"),
        ("team-a", "bob-sort-7g8h9i"),
    ] {
        env.server.put(job_config_map(ns, id)).unwrap();
    }
    env.server
        .put(json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "not-a-job", "namespace": "default", "labels": {"app": "other"}},
        }))
        .unwrap();
    env
}

#[test]
fn kubectl_completes_the_subcommands_from_the_command_tree() {
    let completed = kubectl_complete(&[""], None);
    let mut root = Cli::command();
    root.build();
    let mut expected: Vec<&str> = root
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name())
        .collect();
    expected.sort();
    assert_eq!(completed.sorted(), expected, "{completed:?}");
    assert_eq!(completed.directive, ":4", "{completed:?}");
    assert!(
        completed
            .lines
            .iter()
            .any(|l| l.starts_with("submit\t") && l.len() > "submit\t".len()),
        "descriptions are passed on: {completed:?}"
    );
}

#[test]
fn kubectl_completes_nested_subcommands_flags_and_values() {
    let completed = kubectl_complete(&["setup", "o"], None);
    assert_eq!(completed.values, ["openmpi-secret"], "{completed:?}");
    let completed = kubectl_complete(&["kill", "--ig"], None);
    assert_eq!(completed.values, ["--ignore-not-found"], "{completed:?}");
    let completed = kubectl_complete(&["jobs", "-o", ""], None);
    assert_eq!(
        completed.sorted(),
        ["json", "name", "table", "wide", "yaml"],
        "{completed:?}"
    );
}

#[test]
fn kubectl_completes_the_job_ids_of_the_namespace() {
    let env = cluster_with_jobs();
    let completed = kubectl_complete(&["kill", ""], Some(&env.kubeconfig));
    assert_eq!(
        completed.sorted(),
        ["alice-hello-1a2b3c", "alice-wordcount-4d5e6f"],
        "{completed:?}"
    );
    assert_eq!(completed.directive, ":4");
    assert!(
        completed.lines[0].contains("\tTwister2 job, age "),
        "{completed:?}"
    );
    for command in ["logs", "describe", "endpoints"] {
        let completed = kubectl_complete(&[command, "alice-w"], Some(&env.kubeconfig));
        assert_eq!(
            completed.values,
            ["alice-wordcount-4d5e6f"],
            "{command}: {completed:?}"
        );
    }
    // a job already named is not offered again
    let completed = kubectl_complete(&["kill", "alice-hello-1a2b3c", ""], Some(&env.kubeconfig));
    assert_eq!(
        completed.values,
        ["alice-wordcount-4d5e6f"],
        "{completed:?}"
    );
}

#[test]
fn completion_honours_the_kubeconfig_flags_already_typed() {
    let env = cluster_with_jobs();
    let kubeconfig = env.kubeconfig.to_str().unwrap();
    // no KUBECONFIG: the typed --kubeconfig is what reaches the cluster
    let completed = kubectl_complete(&["--kubeconfig", kubeconfig, "kill", ""], None);
    assert_eq!(completed.values.len(), 2, "{completed:?}");
    let completed = kubectl_complete(&["kill", "-n", "team-a", ""], Some(&env.kubeconfig));
    assert_eq!(completed.values, ["bob-sort-7g8h9i"], "{completed:?}");
    let completed = kubectl_complete(
        &[
            "kill",
            &format!("--kubeconfig={kubeconfig}"),
            "--namespace=team-a",
            "",
        ],
        None,
    );
    assert_eq!(completed.values, ["bob-sort-7g8h9i"], "{completed:?}");
    // -A: every namespace
    let completed = kubectl_complete(&["endpoints", "-A", ""], Some(&env.kubeconfig));
    assert_eq!(completed.values.len(), 3, "{completed:?}");
    assert!(
        completed.lines.iter().any(|l| l.contains("in team-a")),
        "{completed:?}"
    );
    // a context that does not exist: no candidates, still a clean answer
    let completed = kubectl_complete(&["--context", "nope", "kill", ""], Some(&env.kubeconfig));
    assert!(completed.values.is_empty(), "{completed:?}");
    assert_eq!(completed.directive, ":4");
}

#[test]
fn kubectl_completes_namespaces_nodes_components_and_contexts() {
    let env = cluster_with_jobs();
    let kc = Some(env.kubeconfig.as_path());
    let completed = kubectl_complete(&["jobs", "-n", ""], kc);
    assert_eq!(
        completed.sorted(),
        [
            "default",
            "kube-node-lease",
            "kube-public",
            "kube-system",
            "team-a"
        ],
        "{completed:?}"
    );
    let completed = kubectl_complete(&["--namespace=te"], kc);
    assert_eq!(completed.values, ["--namespace=team-a"], "{completed:?}");

    env.server.nodes(3);
    let completed = kubectl_complete(&["nodes", "label", "--rack", "r1", ""], kc);
    assert_eq!(
        completed.sorted(),
        ["node-0", "node-1", "node-2"],
        "{completed:?}"
    );
    assert!(completed.lines[0].contains("10.0.0."), "{completed:?}");
    let completed = kubectl_complete(&["nodes", "unlabel", "node-1", ""], kc);
    assert_eq!(completed.sorted(), ["node-0", "node-2"], "{completed:?}");

    // setup remove: the components installed in the namespace
    env.server
        .put(json!({
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {
                "name": "twister2-openmpi-ssh-key",
                "namespace": "default",
                "labels": {
                    "app.kubernetes.io/managed-by": "kubectl-twister2",
                    "app.kubernetes.io/part-of": "twister2",
                    "app.kubernetes.io/component": "openmpi-secret",
                },
            },
            "data": {},
        }))
        .unwrap();
    let completed = kubectl_complete(&["setup", "remove", ""], kc);
    assert_eq!(completed.values, ["openmpi-secret"], "{completed:?}");
    assert!(
        completed.lines[0].ends_with("installed, 1 object"),
        "{completed:?}"
    );

    let completed = kubectl_complete(&["jobs", "--context", ""], kc);
    assert_eq!(completed.values.len(), 1, "{completed:?}");
}

#[test]
fn setup_components_fall_back_to_all_when_the_cluster_cannot_tell() {
    let completed = kubectl_complete(
        &[
            "--kubeconfig",
            "/nonexistent/kubeconfig",
            "setup",
            "remove",
            "",
        ],
        None,
    );
    assert_eq!(
        completed.sorted(),
        [
            "auth",
            "dashboard",
            "openmpi-secret",
            "uploader",
            "zookeeper"
        ],
        "{completed:?}"
    );
}

#[test]
fn completion_answers_within_a_second_when_the_cluster_does_not() {
    let env = cluster_with_jobs();
    env.server
        .add_latency(Match::any(), Duration::from_secs(10));
    let debug = env.dir.path().join("completion-debug.log");
    let plugin = env!("CARGO_BIN_EXE_kubectl-twister2");
    // Best of two: load on the machine can only add time, a broken budget costs 10 s each.
    let mut fastest = Duration::MAX;
    for _ in 0..2 {
        let started = Instant::now();
        let output = Command::new(plugin)
            .args(["__complete", "--", "kill", ""])
            .env("KUBECONFIG", &env.kubeconfig)
            .env("BASH_COMP_DEBUG_FILE", &debug)
            .env("HOME", env.dir.path())
            .output()
            .unwrap();
        fastest = fastest.min(started.elapsed());
        assert!(output.status.success(), "{output:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            ":4\n",
            "{output:?}"
        );
        assert!(output.stderr.is_empty(), "{output:?}");
    }
    assert!(fastest < Duration::from_secs(1), "took {fastest:?}");
    let log = std::fs::read_to_string(&debug).expect("the reason goes to BASH_COMP_DEBUG_FILE");
    assert!(log.contains("no answer within 800 ms"), "{log}");

    // Through kubectl: no candidates, a clean exit.
    let completed = kubectl_complete(&["kill", ""], Some(&env.kubeconfig));
    assert!(completed.values.is_empty(), "{completed:?}");
    assert_eq!(completed.directive, ":4");
}
