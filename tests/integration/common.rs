//! Shared test plumbing: a fake cluster with a kubeconfig, and the plugin binary run in an
//! isolated environment (own HOME, no inherited KUBECONFIG).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use fake_kube::{FakeServer, KubeconfigOpts};
use kubectl_twister2::manifests::uploader;
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

/// The plugin running in the background (for tests that act while it runs), its output
/// collected as it comes.
pub struct Background {
    child: Child,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
}

fn collect(mut from: impl Read + Send + 'static) -> Arc<Mutex<Vec<u8>>> {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let into = buffer.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        loop {
            match from.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => into.lock().unwrap().extend_from_slice(&chunk[..n]),
            }
        }
    });
    buffer
}

impl Background {
    /// Start the plugin with `args` against `env`'s server.
    pub fn start(env: &Env, args: &[&str]) -> Background {
        let mut child =
            std::process::Command::new(assert_cmd::cargo::cargo_bin("kubectl-twister2"))
                .env_remove("KUBECONFIG")
                .env("HOME", env.dir.path())
                .env("NO_COLOR", "1")
                .env_remove("KUBERNETES_SERVICE_HOST")
                .arg("--kubeconfig")
                .arg(&env.kubeconfig)
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        Background {
            child,
            stdout,
            stderr,
        }
    }

    /// What it printed on stdout so far.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout.lock().unwrap()).into_owned()
    }

    /// What it printed on stderr so far.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    /// Wait until `check` holds on (stdout, stderr).
    #[track_caller]
    pub fn wait_for(&mut self, what: &str, timeout: Duration, check: impl Fn(&str, &str) -> bool) {
        let deadline = Instant::now() + timeout;
        while !check(&self.stdout(), &self.stderr()) {
            if let Ok(Some(status)) = self.child.try_wait() {
                std::thread::sleep(Duration::from_millis(50));
                if check(&self.stdout(), &self.stderr()) {
                    return;
                }
                panic!(
                    "the plugin exited ({status}) before {what}\nstdout:\n{}\nstderr:\n{}",
                    self.stdout(),
                    self.stderr()
                );
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "timed out waiting for {what}\nstdout:\n{}\nstderr:\n{}",
                    self.stdout(),
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Wait for the exit; returns (exit code, stdout, stderr) and checks that no panic reached
    /// the user.
    #[track_caller]
    pub fn finish(mut self, timeout: Duration) -> (Option<i32>, String, String) {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                let (out, err) = (self.stdout(), self.stderr());
                assert!(
                    !err.contains("panicked"),
                    "a panic reached the user:\n{err}"
                );
                return (status.code(), out, err);
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "the plugin did not exit\nstdout:\n{}\nstderr:\n{}",
                    self.stdout(),
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Send SIGINT (Ctrl-C) to the plugin.
    pub fn interrupt(&self) {
        self.signal(libc::SIGINT);
    }

    /// Send `signal` (SIGTERM, SIGHUP, …) to the plugin.
    pub fn signal(&self, signal: libc::c_int) {
        // SAFETY: sending a signal to our own child process.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, signal);
        }
    }
}

/// `kubernetes-validate --strict` of a YAML stream for 1.28 and the newest version; in CI a
/// missing tool fails.
pub fn assert_valid_for_kubernetes(name: &str, yaml: &str) {
    let present = std::process::Command::new("kubernetes-validate")
        .arg("--version")
        .output()
        .is_ok();
    if !present {
        let ci = std::env::var("CI").unwrap_or_default();
        assert!(
            ci.is_empty() || ci == "0" || ci.eq_ignore_ascii_case("false"),
            "kubernetes-validate is not installed and CI is set"
        );
        eprintln!("kubernetes-validate not on PATH; skipping schema validation of {name}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{name}.yaml"));
    std::fs::write(&file, yaml).unwrap();
    for version in ["1.28.0", "1.37.0"] {
        let out = std::process::Command::new("kubernetes-validate")
            .args(["--strict", "--quiet", "-k", version])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name} is not valid for Kubernetes {version}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Poll `check` (every 10 ms) until it holds; fail naming `what` after `timeout`.
#[track_caller]
pub fn wait_until(what: &str, timeout: Duration, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A fake `aws` in its own directory (put first on the plugin's PATH).
pub struct FakeAws {
    dir: tempfile::TempDir,
}

impl FakeAws {
    pub fn new() -> FakeAws {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().display().to_string();
        let script = format!(
            r#"#!/bin/sh
printf '%s\n' "$*" >> '{root}/calls.log'
if [ -n "$FAKE_AWS_FAIL" ] && [ "$FAKE_AWS_FAIL" = "$2" ]; then
  echo "An error occurred (AccessDenied) when calling the $2 operation: injected by the test" >&2
  exit 1
fi
case "$1 $2" in
  "s3 cp")
    dst="{root}/bucket/${{4#s3://}}"
    mkdir -p "$(dirname "$dst")"
    stat -c %a "$3" > '{root}/cp-mode'
    cp "$3" "$dst" ;;
  "s3 presign")
    key="${{3#s3://}}"
    echo "https://bkt.s3.example/${{key#*/}}?X-Amz-Expires=$5&X-Amz-Signature=fake" ;;
  "s3 rm")
    rm -f "{root}/bucket/${{3#s3://}}" ;;
  *)
    echo "fake aws: unexpected: $*" >&2
    exit 2 ;;
esac
"#
        );
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        let aws = bin.join("aws");
        std::fs::write(&aws, script).unwrap();
        std::fs::set_permissions(&aws, std::fs::Permissions::from_mode(0o755)).unwrap();
        FakeAws { dir }
    }

    /// PATH for the plugin: the fake first, then the system's tools (for the script).
    pub fn path(&self) -> String {
        format!("{}:/usr/bin:/bin", self.dir.path().join("bin").display())
    }

    /// Every call, one argv per line.
    pub fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.path().join("calls.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// The bucket's copy of `s3://KEY`.
    pub fn object(&self, object: &str) -> PathBuf {
        self.dir
            .path()
            .join("bucket")
            .join(object.strip_prefix("s3://").unwrap())
    }

    /// Mode of the local file `s3 cp` was given.
    pub fn copied_file_mode(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("cp-mode"))
            .unwrap()
            .trim()
            .to_string()
    }
}

/// The example job's jar (examples/hello).
pub fn hello_jar() -> String {
    format!(
        "{}/examples/hello/hello-world.jar",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Install `replicas` uploader pods in `ns` (the real `setup uploader` objects, run by the fake
/// StatefulSet controller) and wait until they run.
pub fn install_uploader_in(env: &Env, ns: &str, replicas: i32) {
    let mut options = uploader::UploaderOptions::new(ns);
    options.replicas = replicas;
    for object in uploader::uploader_objects(&options)
        .unwrap()
        .to_json_values()
        .unwrap()
    {
        env.server.create(object).unwrap();
    }
    wait_until("the uploader runs", Duration::from_secs(20), || {
        let pods = env
            .server
            .list_selected("pods", Some(ns), uploader::POD_SELECTOR)
            .unwrap();
        pods.len() == replicas as usize && pods.iter().all(|p| p["status"]["phase"] == "Running")
    });
}

/// The StorageClass `name` (the cluster's default when `default`), as an admin installs it.
pub fn put_storage_class(env: &Env, name: &str, default: bool) {
    let mut class = serde_json::json!({
        "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
        "metadata": {"name": name},
        "provisioner": "example.com/nfs", "reclaimPolicy": "Delete",
        "volumeBindingMode": "Immediate",
    });
    if default {
        class["metadata"]["annotations"] =
            serde_json::json!({"storageclass.kubernetes.io/is-default-class": "true"});
    }
    env.server.put(class).unwrap();
}

/// A bound PersistentVolumeClaim `name` in `ns` with these access modes.
pub fn put_claim(env: &Env, ns: &str, name: &str, modes: &[&str]) {
    env.server
        .put(serde_json::json!({
            "apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": name, "namespace": ns},
            "spec": {"accessModes": modes, "resources": {"requests": {"storage": "1Gi"}},
                "storageClassName": "standard"},
            "status": {"phase": "Bound", "accessModes": modes, "capacity": {"storage": "1Gi"}},
        }))
        .unwrap();
}
