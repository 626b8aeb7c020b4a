//! Item 10: `pods/exec` over the websocket channel protocol (v5 with the stdin close signal, v4
//! with a websocket close), built-in commands on the pod's filesystem, exit statuses, custom
//! handlers, and stdin captured in the request log.

mod common;

use std::time::{Duration, Instant};

use fake_kube::{ExecOutput, FakeServer, Match};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{Message, http::HeaderValue};

async fn running_pod(server: &FakeServer, name: &str) {
    server
        .create(
            json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
                       "spec": {"containers": [{"name": "main", "image": "nginx:1.27"}]}}),
        )
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while server
        .get("pods", "default", name)
        .is_none_or(|p| p["status"]["containerStatuses"][0]["state"]["running"].is_null())
    {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Output of one exec session.
#[derive(Debug, Default)]
struct Session {
    protocol: String,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Option<Value>,
}

async fn exec(
    server: &FakeServer,
    pod: &str,
    argv: &[&str],
    stdin: Option<&[u8]>,
    protocols: &str,
) -> Result<Session, String> {
    let mut q: Vec<String> = argv
        .iter()
        .map(|a| format!("command={}", urlencode(a)))
        .collect();
    q.push("container=main".into());
    q.push("stdout=true".into());
    q.push("stderr=true".into());
    if stdin.is_some() {
        q.push("stdin=true".into());
    }
    let url = format!(
        "{}/api/v1/namespaces/default/pods/{pod}/exec?{}",
        server.url().replace("http://", "ws://"),
        q.join("&")
    );
    let mut req = url.into_client_request().unwrap();
    req.headers_mut().insert(
        "authorization",
        HeaderValue::from_str(&format!("Bearer {}", server.admin_token())).unwrap(),
    );
    req.headers_mut().insert(
        "sec-websocket-protocol",
        HeaderValue::from_str(protocols).unwrap(),
    );
    let (mut ws, resp) = tokio_tungstenite::connect_async(req)
        .await
        .map_err(|e| e.to_string())?;
    let protocol = resp
        .headers()
        .get("sec-websocket-protocol")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    if let Some(data) = stdin {
        for chunk in data.chunks(7) {
            let mut frame = vec![0u8];
            frame.extend_from_slice(chunk);
            ws.send(Message::binary(frame)).await.unwrap();
        }
        if protocol == "v5.channel.k8s.io" {
            ws.send(Message::binary(vec![255u8, 0])).await.unwrap();
        } else {
            ws.close(None).await.unwrap();
        }
    }
    let mut s = Session {
        protocol,
        ..Default::default()
    };
    while let Some(msg) = ws.next().await {
        match msg {
            Ok(Message::Binary(b)) if !b.is_empty() => match b[0] {
                1 => s.stdout.extend_from_slice(&b[1..]),
                2 => s.stderr.extend_from_slice(&b[1..]),
                3 => s.status = Some(serde_json::from_slice(&b[1..]).unwrap()),
                _ => {}
            },
            Ok(Message::Close(_)) | Err(_) => break,
            _ => {}
        }
    }
    Ok(s)
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const BOTH: &str = "v5.channel.k8s.io, v4.channel.k8s.io";

#[tokio::test(flavor = "multi_thread")]
async fn upload_with_stdin_then_read_back() {
    let server = FakeServer::start().unwrap();
    running_pod(&server, "up").await;
    let payload: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let s = exec(
        &server,
        "up",
        &["tee", "/twister2/job.tar.gz"],
        Some(&payload),
        BOTH,
    )
    .await
    .unwrap();
    assert_eq!(s.protocol, "v5.channel.k8s.io");
    assert_eq!(s.status.as_ref().unwrap()["status"], "Success");
    assert_eq!(
        server
            .pod_file("default", "up", "/twister2/job.tar.gz")
            .unwrap(),
        payload
    );
    let rec = server
        .requests_matching(&Match::resource("pods/exec"))
        .pop()
        .unwrap();
    assert_eq!(rec.verb, "create");
    assert_eq!(rec.command, ["tee", "/twister2/job.tar.gz"]);
    assert_eq!(rec.stdin.as_deref(), Some(payload.as_slice()));

    let s = exec(
        &server,
        "up",
        &["stat", "-c", "%s", "/twister2/job.tar.gz"],
        None,
        BOTH,
    )
    .await
    .unwrap();
    assert_eq!(s.stdout, b"100000\n");
    let s = exec(&server, "up", &["cat", "/twister2/job.tar.gz"], None, BOTH)
        .await
        .unwrap();
    assert_eq!(s.stdout, payload);
    let s = exec(
        &server,
        "up",
        &["dd", "of=/twister2/b", "status=none"],
        Some(b"dd-data"),
        BOTH,
    )
    .await
    .unwrap();
    assert_eq!(s.status.unwrap()["status"], "Success");
    assert_eq!(
        server.pod_file("default", "up", "/twister2/b").unwrap(),
        b"dd-data"
    );
    let s = exec(&server, "up", &["ls", "/twister2"], None, BOTH)
        .await
        .unwrap();
    assert_eq!(s.stdout, b"b\njob.tar.gz\n");
    let s = exec(
        &server,
        "up",
        &["tar", "cf", "-", "-C", "/twister2", "."],
        None,
        BOTH,
    )
    .await
    .unwrap();
    let mut archive = tar::Archive::new(s.stdout.as_slice());
    let mut names: Vec<String> = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["b", "job.tar.gz"]);
    let s = exec(&server, "up", &["rm", "-f", "/twister2/b"], None, BOTH)
        .await
        .unwrap();
    assert_eq!(s.status.unwrap()["status"], "Success");
    let s = exec(&server, "up", &["test", "-e", "/twister2/b"], None, BOTH)
        .await
        .unwrap();
    assert_eq!(s.status.unwrap()["details"]["causes"][0]["message"], "1");
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_codes_and_unknown_commands() {
    let server = FakeServer::start().unwrap();
    running_pod(&server, "x").await;
    let s = exec(&server, "x", &["cat", "/nope"], None, BOTH)
        .await
        .unwrap();
    assert_eq!(s.stderr, b"cat: /nope: No such file or directory\n");
    let st = s.status.unwrap();
    assert_eq!(st["status"], "Failure");
    assert_eq!(st["reason"], "NonZeroExitCode");
    assert_eq!(
        st["details"]["causes"][0],
        json!({"reason": "ExitCode", "message": "1"})
    );
    assert_eq!(
        st["message"],
        "command terminated with non-zero exit code: error executing command [cat /nope], exit code 1"
    );
    let s = exec(&server, "x", &["sh", "-c", "exit 3"], None, BOTH)
        .await
        .unwrap();
    assert_eq!(s.status.unwrap()["details"]["causes"][0]["message"], "3");
    let s = exec(&server, "x", &["frobnicate"], None, BOTH)
        .await
        .unwrap();
    let st = s.status.unwrap();
    assert_eq!(st["status"], "Failure");
    assert!(
        st["message"]
            .as_str()
            .unwrap()
            .contains("executable file not found in $PATH")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn v4_protocol_and_custom_handlers() {
    let server = FakeServer::start().unwrap();
    running_pod(&server, "h").await;
    server.on_exec(&["twister2-status"], |req, fs| {
        fs.insert("/seen".into(), req.command.join(" ").into_bytes());
        ExecOutput {
            stdout: b"RUNNING\n".to_vec(),
            stderr: b"warn\n".to_vec(),
            exit_code: 0,
            runtime_error: None,
        }
    });
    let s = exec(
        &server,
        "h",
        &["twister2-status", "--job", "j"],
        None,
        "v4.channel.k8s.io",
    )
    .await
    .unwrap();
    assert_eq!(s.protocol, "v4.channel.k8s.io");
    assert_eq!(s.stdout, b"RUNNING\n");
    assert_eq!(s.stderr, b"warn\n");
    assert_eq!(
        server.pod_file("default", "h", "/seen").unwrap(),
        b"twister2-status --job j"
    );
    // v4: stdin ends with the websocket close; the bytes are still delivered and recorded.
    let _ = exec(
        &server,
        "h",
        &["tee", "/v4"],
        Some(b"via v4"),
        "v4.channel.k8s.io",
    )
    .await
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.pod_file("default", "h", "/v4").is_none() {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(server.pod_file("default", "h", "/v4").unwrap(), b"via v4");
}

#[tokio::test(flavor = "multi_thread")]
async fn exec_errors_before_upgrade() {
    let server = FakeServer::start_with(fake_kube::ServerOptions {
        control_plane: false,
        ..Default::default()
    })
    .unwrap();
    server
        .create(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "pending"}, "spec": {"containers": [{"name": "main", "image": "i:1"}]}}))
        .unwrap();
    let err = exec(&server, "pending", &["ls"], None, BOTH)
        .await
        .unwrap_err();
    assert!(err.contains("400"), "{err}");
    let err = exec(&server, "missing", &["ls"], None, BOTH)
        .await
        .unwrap_err();
    assert!(err.contains("404"), "{err}");
}
