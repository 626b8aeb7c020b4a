//! `dashboard`: the port-forward to the dashboard pod, following a replaced pod, and its errors.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fake_kube::Match;

use super::{Env, NS, env, plugin};
use crate::common::{fails, ok};

#[test]
fn dashboard_needs_the_dashboard_installed() {
    let env = env();
    let err = fails(plugin(&env).arg("dashboard"), 1);
    assert!(
        err.contains("kubectl twister2 setup dashboard -n team-a"),
        "{err}"
    );
}

fn spawn_dashboard(env: &Env, kubeconfig: &Path, extra: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("kubectl-twister2"))
        .env_remove("KUBECONFIG")
        .env("HOME", env.dir.path())
        .env("NO_COLOR", "1")
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(["-n", NS, "dashboard"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Plays the dashboard pod: answers every HTTP request with `body`.
fn fake_dashboard(body: &'static str) -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            std::thread::spawn(move || {
                use std::io::Write as _;
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match conn.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = write!(
                    conn,
                    "HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    addr
}

/// One HTTP/1.0 GET through the plugin's local port; the response text.
fn http_get(port: u16) -> String {
    use std::io::Write as _;
    let mut conn = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    conn.write_all(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    let _ = conn.read_to_string(&mut response);
    response
}

#[test]
fn dashboard_stops_on_sigterm_and_sighup_as_on_ctrl_c() {
    let env = env();
    ok(plugin(&env).args(["setup", "dashboard", "--wait", "--timeout", "30s"]));
    env.server.forward_port(
        Some(NS),
        "twister2-dashboard-0",
        8080,
        fake_dashboard("pod"),
    );
    for signal in [libc::SIGTERM, libc::SIGHUP] {
        let mut child = spawn_dashboard(&env, &env.kubeconfig, &[]);
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        assert!(line.starts_with("http://127.0.0.1:"), "{line}");
        unsafe {
            libc::kill(child.id() as i32, signal);
        }
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert!(status.success(), "signal {signal}: {stderr}");
        assert!(stderr.trim_end().ends_with("stopped"), "{stderr}");
    }
}

#[test]
fn dashboard_forwards_a_free_port_follows_a_replaced_pod_and_stops_on_ctrl_c() {
    let env = env();
    ok(plugin(&env).args(["setup", "dashboard", "--wait", "--timeout", "30s"]));
    env.server.forward_port(
        Some(NS),
        "twister2-dashboard-0",
        8080,
        fake_dashboard("first pod"),
    );
    let mut child = spawn_dashboard(&env, &env.kubeconfig, &[]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let port: u16 = line
        .trim()
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("not a URL: {line:?}"))
        .parse()
        .unwrap();
    assert_ne!(port, 0);
    let response = http_get(port);
    assert!(response.starts_with("HTTP/1.0 200 OK"), "{response}");
    assert!(response.ends_with("first pod"), "{response}");
    assert_eq!(
        env.server
            .count_requests(&Match::resource("pods/portforward").name("twister2-dashboard-0")),
        1
    );

    // The pod is replaced by one that takes a while to become ready: a connection made in
    // between waits for it and reaches the new pod.
    env.server.forward_port(
        Some(NS),
        "twister2-dashboard-0",
        8080,
        fake_dashboard("second pod"),
    );
    env.server.set_pod_delays(
        Duration::from_millis(1),
        Duration::from_millis(1),
        Duration::from_millis(1500),
    );
    env.server
        .delete("pods", NS, "twister2-dashboard-0")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let response = http_get(port);
    assert!(response.ends_with("second pod"), "{response}");

    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "exit {status:?}: {stderr}");
    assert!(
        stderr.contains(&format!(
            "Forwarding 127.0.0.1:{port} -> pod/twister2-dashboard-0:8080 in namespace team-a"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("pod/twister2-dashboard-0 is gone or not ready; waiting for a ready pod"),
        "{stderr}"
    );
    assert!(
        stderr.contains("forwarding to pod/twister2-dashboard-0"),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("stopped"), "{stderr}");
    // The port is free again.
    assert!(std::net::TcpListener::bind(("127.0.0.1", port)).is_ok());
}

#[test]
fn dashboard_port_flag_and_tunnel_errors() {
    let env = env();
    ok(plugin(&env).args(["setup", "dashboard", "--wait", "--timeout", "30s"]));
    // --port: a taken port is a clear error.
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let taken_port = taken.local_addr().unwrap().port().to_string();
    let err = fails(plugin(&env).args(["dashboard", "--port", &taken_port]), 1);
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{taken_port}")),
        "{err}"
    );
    drop(taken);
    // That port once free; nothing listens in the "pod", so the tunnel reports the refusal and
    // the plugin keeps serving.
    let mut child = spawn_dashboard(&env, &env.kubeconfig, &["--port", &taken_port]);
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), format!("http://127.0.0.1:{taken_port}/"));
    let port: u16 = taken_port.parse().unwrap();
    // stderr is read as it comes, so the test waits for the reports instead of guessing.
    let (lines_tx, lines_rx) = std::sync::mpsc::channel::<String>();
    let stderr_pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr_pipe).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let mut stderr: Vec<String> = Vec::new();
    let refusals = |lines: &[String]| lines.iter().filter(|l| l.contains(" port 8080: ")).count();
    for expected in 1..=2 {
        assert_eq!(http_get(port), "");
        let deadline = Instant::now() + Duration::from_secs(10);
        while refusals(&stderr) < expected {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "no report of the refused tunnel: {stderr:?}"
            );
            if let Ok(line) = lines_rx.recv_timeout(left) {
                stderr.push(line);
            }
        }
    }
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    reader.join().unwrap();
    stderr.extend(lines_rx.try_iter());
    assert!(status.success(), "{stderr:?}");
    let refused: Vec<&String> = stderr
        .iter()
        .filter(|l| l.starts_with("pod/twister2-dashboard-0 port 8080:"))
        .collect();
    // The server's reason ("connection refused") when it arrives before the tunnel closes,
    // else the plugin's own account of a request that got no answer.
    assert_eq!(refused.len(), 2, "{stderr:?}");
    assert_eq!(stderr.last().map(String::as_str), Some("stopped"));
}
