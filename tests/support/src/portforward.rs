//! `pods/portforward` over a websocket (`v4.channel.k8s.io`, as kube-rs speaks it): per port a
//! data channel (2i) and an error channel (2i+1), each opened with a 2-byte little-endian port
//! frame; bytes are relayed to a TCP listener the test names for that pod and port.

use std::net::SocketAddr;

use axum::extract::FromRequestParts;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::resources::Res;
use crate::router::Ctx;
use crate::status::ApiError;

/// Where forwarded connections for a pod port go.
#[derive(Debug, Clone, PartialEq)]
pub struct PortTarget {
    /// Namespace (None = any).
    pub namespace: Option<String>,
    /// Pod name prefix ("" = any pod).
    pub pod_prefix: String,
    /// Container port.
    pub port: u16,
    /// The local listener that plays the pod.
    pub addr: SocketAddr,
}

fn parse_ports(values: &[String]) -> Result<Vec<u16>, ApiError> {
    let mut ports = Vec::new();
    for v in values {
        for p in v.split(',').filter(|p| !p.trim().is_empty()) {
            let port: u16 = p
                .trim()
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| ApiError::bad_request(format!("invalid port {p:?}")))?;
            ports.push(port);
        }
    }
    if ports.is_empty() {
        return Err(ApiError::bad_request("at least 1 port must be specified"));
    }
    Ok(ports)
}

/// Serve a port-forward request: checks, then the websocket upgrade.
pub async fn serve(
    ctx: &Ctx,
    parts: &mut http::request::Parts,
    ns: &str,
    pod: &str,
    ports_param: Vec<String>,
) -> Result<Response, ApiError> {
    let ports = parse_ports(&ports_param)?;
    let targets: Vec<Option<SocketAddr>> = {
        let st = ctx.shared.lock();
        let obj = st
            .store
            .get(Res::pods(), ns, pod)
            .ok_or_else(|| ApiError::not_found("", "pods", pod))?;
        if obj.pointer("/status/phase").and_then(Value::as_str) != Some("Running") {
            return Err(ApiError::bad_request(format!(
                "unable to upgrade connection: pod {pod} is not running"
            )));
        }
        ports
            .iter()
            .map(|port| {
                st.pods
                    .port_targets
                    .iter()
                    .rev()
                    .find(|t| {
                        t.port == *port
                            && t.namespace.as_deref().is_none_or(|n| n == ns)
                            && pod.starts_with(t.pod_prefix.as_str())
                    })
                    .map(|t| t.addr)
            })
            .collect()
    };
    let ws = WebSocketUpgrade::from_request_parts(parts, &())
        .await
        .map_err(|_| ApiError::bad_request("Upgrade request required"))?
        .protocols(["v4.channel.k8s.io", "portforward.k8s.io"]);
    let pod = pod.to_string();
    Ok(ws.on_upgrade(move |socket| relay(socket, pod, ports, targets)))
}

async fn relay(socket: WebSocket, pod: String, ports: Vec<u16>, targets: Vec<Option<SocketAddr>>) {
    let (mut sink, mut stream) = socket.split();
    let (out_tx, mut out_rx) = mpsc::channel::<Message>(64);
    // Writer task: everything to the client goes through one queue.
    let writer = tokio::spawn(async move {
        while let Some(m) = out_rx.recv().await {
            let closing = matches!(m, Message::Close(_));
            if sink.send(m).await.is_err() || closing {
                break;
            }
        }
    });
    let mut to_targets: Vec<Option<tokio::net::tcp::OwnedWriteHalf>> = Vec::new();
    let mut open = 0usize;
    let (done_tx, mut done_rx) = mpsc::channel::<usize>(ports.len().max(1));
    for (i, port) in ports.iter().enumerate() {
        let data_ch = (2 * i) as u8;
        let err_ch = data_ch + 1;
        for ch in [data_ch, err_ch] {
            let mut frame = vec![ch];
            frame.extend_from_slice(&port.to_le_bytes());
            let _ = out_tx.send(Message::Binary(frame.into())).await;
        }
        let conn = match targets[i] {
            Some(addr) => tokio::net::TcpStream::connect(addr).await.ok(),
            None => None,
        };
        match conn {
            Some(tcp) => {
                let (mut r, w) = tcp.into_split();
                to_targets.push(Some(w));
                open += 1;
                let out = out_tx.clone();
                let done = done_tx.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 32 * 1024];
                    loop {
                        match r.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => {
                                let mut frame = Vec::with_capacity(n + 1);
                                frame.push(data_ch);
                                frame.extend_from_slice(&buf[..n]);
                                if out.send(Message::Binary(frame.into())).await.is_err() {
                                    break;
                                }
                            }
                        }
                    }
                    let _ = done.send(i).await;
                });
            }
            None => {
                to_targets.push(None);
                let mut frame = vec![err_ch];
                frame.extend_from_slice(
                    format!(
                        "error forwarding port {port} to pod {pod}: failed to connect to localhost:{port} inside namespace: connection refused"
                    )
                    .as_bytes(),
                );
                let _ = out_tx.send(Message::Binary(frame.into())).await;
            }
        }
    }
    drop(done_tx);
    while open > 0 {
        tokio::select! {
            msg = stream.next() => match msg {
                Some(Ok(Message::Binary(b))) if b.len() > 1 => {
                    let idx = usize::from(b[0] / 2);
                    if b[0] % 2 == 0
                        && let Some(Some(w)) = to_targets.get_mut(idx)
                        && w.write_all(&b[1..]).await.is_err()
                    {
                        to_targets[idx] = None;
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
            finished = done_rx.recv() => match finished {
                Some(_) => open = open.saturating_sub(1),
                None => break,
            },
        }
    }
    for w in to_targets.iter_mut().flatten() {
        let _ = w.shutdown().await;
    }
    let _ = out_tx
        .send(Message::Close(Some(CloseFrame {
            code: 1000,
            reason: "".into(),
        })))
        .await;
    drop(out_tx);
    let _ = writer.await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports() {
        assert_eq!(parse_ports(&["80,1234".into()]).unwrap(), [80, 1234]);
        assert_eq!(parse_ports(&["80".into(), "81".into()]).unwrap(), [80, 81]);
        assert!(parse_ports(&[]).is_err());
        assert!(parse_ports(&["x".into()]).is_err());
    }
}
