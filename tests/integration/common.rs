//! Shared test plumbing: a fake cluster with a kubeconfig, and the plugin binary run in an
//! isolated environment (own HOME, no inherited KUBECONFIG).

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use fake_kube::{FakeServer, KubeconfigOpts};
use tempfile::TempDir;

/// A fake cluster, a scratch directory and a kubeconfig for user `admin`.
pub struct Env {
    pub dir: TempDir,
    pub server: FakeServer,
    pub kubeconfig: PathBuf,
}

impl Env {
    /// Start a fake API server and write a kubeconfig for it.
    pub fn new() -> Self {
        Self::with_opts(KubeconfigOpts::default())
    }

    /// Start a fake API server and write a kubeconfig with these options.
    pub fn with_opts(opts: KubeconfigOpts) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let server = FakeServer::start().expect("fake API server starts");
        let kubeconfig = server
            .write_kubeconfig(dir.path(), opts)
            .expect("write kubeconfig");
        Env {
            dir,
            server,
            kubeconfig,
        }
    }

    /// The plugin with `--kubeconfig` pointing at the fake server.
    pub fn plugin(&self) -> Command {
        let mut cmd = plugin_in(self.dir.path());
        cmd.arg("--kubeconfig").arg(&self.kubeconfig);
        cmd
    }
}

/// The plugin binary with HOME set to `home` and no KUBECONFIG.
pub fn plugin_in(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kubectl-twister2").expect("binary built");
    cmd.env_remove("KUBECONFIG")
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("KUBERNETES_SERVICE_HOST")
        .env_remove("KUBERNETES_SERVICE_PORT")
        .timeout(std::time::Duration::from_secs(60));
    cmd
}

/// stdout and stderr as text.
pub fn texts(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Run and require success; returns stdout.
#[track_caller]
pub fn ok(cmd: &mut Command) -> String {
    let output = cmd.output().expect("run plugin");
    let (stdout, stderr) = texts(&output);
    assert!(
        output.status.success(),
        "expected success, got {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        output.status.code()
    );
    stdout
}

/// Run and require exit `code`; returns stderr.
#[track_caller]
pub fn fails(cmd: &mut Command, code: i32) -> String {
    let output = cmd.output().expect("run plugin");
    let (stdout, stderr) = texts(&output);
    assert_eq!(
        output.status.code(),
        Some(code),
        "unexpected exit\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "a panic reached the user:\n{stderr}"
    );
    stderr
}

/// Write a kubeconfig with one context `name` pointing at `server`.
pub fn write_kubeconfig(path: &Path, name: &str, server: &str, namespace: Option<&str>) {
    let ns = namespace
        .map(|n| format!("    namespace: {n}\n"))
        .unwrap_or_default();
    std::fs::write(
        path,
        format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: {name}\nclusters:\n- name: {name}\n  cluster:\n    server: {server}\ncontexts:\n- name: {name}\n  context:\n    cluster: {name}\n    user: {name}\n{ns}users:\n- name: {name}\n  user:\n    token: token-{name}\n"
        ),
    )
    .expect("write kubeconfig");
}
