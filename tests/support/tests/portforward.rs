//! Item 13: `pods/portforward` over a websocket with the channel layout kube-rs uses, relayed to a
//! TCP listener the test names; an unknown target is reported on the port's error channel.

use std::time::{Duration, Instant};

use fake_kube::FakeServer;
use futures::{SinkExt, StreamExt};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{Message, http::HeaderValue};

async fn running_pod(server: &FakeServer, name: &str) {
    server
        .create(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
                       "spec": {"containers": [{"name": "dash", "image": "twister2/dashboard:0.8.0"}]}}))
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while server
        .get("pods", "default", name)
        .is_none_or(|p| p["status"]["phase"] != "Running")
    {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(server: &FakeServer, pod: &str, ports: &str) -> Ws {
    let url = format!(
        "{}/api/v1/namespaces/default/pods/{pod}/portforward?ports={ports}",
        server.url().replace("http://", "ws://")
    );
    let mut req = url.into_client_request().unwrap();
    req.headers_mut().insert(
        "authorization",
        HeaderValue::from_str(&format!("Bearer {}", server.admin_token())).unwrap(),
    );
    req.headers_mut().insert(
        "sec-websocket-protocol",
        HeaderValue::from_static("v5.channel.k8s.io, v4.channel.k8s.io"),
    );
    let (ws, resp) = tokio_tungstenite::connect_async(req).await.unwrap();
    assert_eq!(
        resp.headers()["sec-websocket-protocol"],
        "v4.channel.k8s.io"
    );
    ws
}

async fn next_binary(ws: &mut Ws) -> Option<Vec<u8>> {
    loop {
        match tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .ok()??
        {
            Ok(Message::Binary(b)) => return Some(b.to_vec()),
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn relays_bytes_to_the_named_listener() {
    let server = FakeServer::start().unwrap();
    running_pod(&server, "dashboard-0").await;
    // The "pod": an echo server that upper-cases.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 1024];
        loop {
            let n = s.read(&mut buf).await.unwrap();
            if n == 0 {
                break;
            }
            s.write_all(&buf[..n].to_ascii_uppercase()).await.unwrap();
        }
    });
    server.forward_port(Some("default"), "dashboard-", 8080, addr);
    let mut ws = connect(&server, "dashboard-0", "8080").await;
    // Initial frames: channel, port (little endian) for data and error channels.
    assert_eq!(next_binary(&mut ws).await.unwrap(), [0, 0x90, 0x1f]);
    assert_eq!(next_binary(&mut ws).await.unwrap(), [1, 0x90, 0x1f]);
    ws.send(Message::binary(b"\x00hello".to_vec()))
        .await
        .unwrap();
    assert_eq!(next_binary(&mut ws).await.unwrap(), b"\x00HELLO");
    ws.close(None).await.unwrap();
    let rec = server.requests().into_iter().last().unwrap();
    assert_eq!(
        (
            rec.verb.as_str(),
            rec.resource.as_str(),
            rec.subresource.as_str()
        ),
        ("create", "pods", "portforward")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_target_reports_on_the_error_channel() {
    let server = FakeServer::start().unwrap();
    running_pod(&server, "p").await;
    let mut ws = connect(&server, "p", "9999").await;
    assert_eq!(next_binary(&mut ws).await.unwrap()[0], 0);
    assert_eq!(next_binary(&mut ws).await.unwrap()[0], 1);
    let err = next_binary(&mut ws).await.unwrap();
    assert_eq!(err[0], 1);
    assert!(String::from_utf8_lossy(&err[1..]).starts_with("error forwarding port 9999 to pod p"));
    assert!(next_binary(&mut ws).await.is_none(), "the session closes");
}
