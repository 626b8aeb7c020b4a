//! Item 11: the real kubectl (when installed) talks to the fake server: version, get with
//! discovery and server-side tables, apply --server-side, label, logs, exec, delete.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use fake_kube::{FakeServer, KubeconfigOpts};
use serde_json::json;

fn kubectl_available() -> bool {
    Command::new("kubectl")
        .arg("version")
        .arg("--client")
        .output()
        .is_ok_and(|o| o.status.success())
}

struct Kubectl {
    kubeconfig: PathBuf,
    home: PathBuf,
}

impl Kubectl {
    fn new(server: &FakeServer, name: &str) -> Kubectl {
        let home =
            std::env::temp_dir().join(format!("fake-kube-kubectl-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        let kubeconfig = server
            .write_kubeconfig(&home, KubeconfigOpts::default())
            .unwrap();
        Kubectl { kubeconfig, home }
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
        use std::io::Write;
        let mut cmd = Command::new("kubectl");
        cmd.args(args)
            .env("KUBECONFIG", &self.kubeconfig)
            .env("HOME", &self.home)
            .env("KUBECACHEDIR", self.home.join("cache"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        } else {
            drop(child.stdin.take());
        }
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ok(&self, args: &[&str], stdin: Option<&str>) -> String {
        let (code, out, err) = self.run(args, stdin);
        assert_eq!(
            code, 0,
            "kubectl {args:?} failed:\nstdout: {out}\nstderr: {err}"
        );
        out
    }
}

impl Drop for Kubectl {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

const CM: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-kubectl\n  labels:\n    app: twister2\ndata:\n  k: v\n";

#[test]
fn kubectl_get_apply_label_logs_exec_delete() {
    if !kubectl_available() {
        eprintln!("kubectl not installed; skipping");
        return;
    }
    let server = FakeServer::start().unwrap();
    server.nodes(2);
    let k = Kubectl::new(&server, "basic");

    let v = k.ok(&["version", "-o", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&v).unwrap();
    assert_eq!(v["serverVersion"]["gitVersion"], "v1.33.0");

    let nodes = k.ok(&["get", "nodes"], None);
    assert!(
        nodes.contains("node-0") && nodes.contains("node-1"),
        "{nodes}"
    );
    let nodes_json = k.ok(&["get", "nodes", "-o", "json"], None);
    let parsed: serde_json::Value = serde_json::from_str(&nodes_json).unwrap();
    assert_eq!(parsed["items"].as_array().unwrap().len(), 2);

    k.ok(
        &["apply", "--server-side", "--validate=false", "-f", "-"],
        Some(CM),
    );
    let cm = server.get("configmaps", "default", "from-kubectl").unwrap();
    assert_eq!(cm["data"]["k"], "v");
    let mf = cm["metadata"]["managedFields"].as_array().unwrap();
    assert!(
        mf.iter()
            .any(|e| e["manager"] == "kubectl" && e["operation"] == "Apply"),
        "{mf:?}"
    );
    let rv = cm["metadata"]["resourceVersion"].clone();
    let again = k.ok(
        &["apply", "--server-side", "--validate=false", "-f", "-"],
        Some(CM),
    );
    assert!(again.contains("serverside-applied"), "{again}");
    assert_eq!(
        server.get("configmaps", "default", "from-kubectl").unwrap()["metadata"]["resourceVersion"],
        rv
    );

    k.ok(
        &[
            "label",
            "node",
            "node-0",
            "topology.kubernetes.io/zone=rack-1",
        ],
        None,
    );
    assert_eq!(
        server.get("nodes", "", "node-0").unwrap()["metadata"]["labels"]["topology.kubernetes.io/zone"],
        "rack-1"
    );
    let sel = k.ok(
        &[
            "get",
            "nodes",
            "-l",
            "topology.kubernetes.io/zone=rack-1",
            "-o",
            "name",
        ],
        None,
    );
    assert_eq!(sel.trim(), "node/node-0");

    server
        .create(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "logger"}, "spec": {"containers": [{"name": "main", "image": "busybox:1.36"}]}}))
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while server
        .get("pods", "default", "logger")
        .is_none_or(|p| p["status"]["phase"] != "Running")
    {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(5));
    }
    server.append_log("default", "logger", "main", "hello from the pod");
    let logs = k.ok(&["logs", "logger"], None);
    assert_eq!(logs, "hello from the pod\n");
    let pods = k.ok(&["get", "pods", "-o", "wide"], None);
    let header: Vec<&str> = pods.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        &header[..6],
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP"],
        "{pods}"
    );
    let row: Vec<&str> = pods.lines().nth(1).unwrap().split_whitespace().collect();
    assert_eq!(&row[..4], ["logger", "1/1", "Running", "0"], "{pods}");

    let out = k.ok(
        &["exec", "-i", "logger", "--", "sh", "-c", "cat > /tmp/x"],
        Some("via kubectl"),
    );
    assert_eq!(out, "");
    assert_eq!(
        server.pod_file("default", "logger", "/tmp/x").unwrap(),
        b"via kubectl"
    );
    let out = k.ok(&["exec", "logger", "--", "cat", "/tmp/x"], None);
    assert_eq!(out, "via kubectl");
    let (code, _, err) = k.run(&["exec", "logger", "--", "sh", "-c", "exit 3"], None);
    assert_eq!(code, 3, "{err}");

    let (code, _, err) = k.run(&["get", "configmap", "nope"], None);
    assert_eq!(code, 1);
    assert!(err.contains("configmaps \"nope\" not found"), "{err}");

    k.ok(&["delete", "configmap", "from-kubectl"], None);
    assert!(
        server
            .get("configmaps", "default", "from-kubectl")
            .is_none()
    );
}
