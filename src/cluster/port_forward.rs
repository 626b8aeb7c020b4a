//! Native port-forward: a local listener whose connections are tunnelled to a pod port with
//! kube-rs (`Api::<Pod>::portforward`), following the pods behind a label selector so a replaced
//! pod is picked up, and stopping cleanly when told to (Ctrl-C).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow};
use futures::future::{BoxFuture, FusedFuture};
use futures::{FutureExt, StreamExt};
use k8s_openapi::api::core::v1::Pod;
use kube::api::Api;
use kube::runtime::{WatchStreamExt, watcher};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::cluster::Cluster;

/// Where `serve` reports notable events, one line each.
pub type Say = Arc<dyn Fn(String) + Send + Sync>;

/// How long a new connection waits for a ready pod before it is closed.
pub const POD_WAIT: Duration = Duration::from_secs(30);

/// How long a finished tunnel's error channel may take to say why it ended.
const ERROR_GRACE: Duration = Duration::from_millis(500);

/// A tunnel opened to a pod port: the byte stream and a future that yields the server's error
/// message for the port, if it reports one (it resolves to `None` when the tunnel just ends).
pub struct Opened<S> {
    /// The forwarded bytes.
    pub stream: S,
    /// The error channel of the port.
    pub error: BoxFuture<'static, Option<String>>,
}

/// Opens tunnels to pod ports (kube-rs in production; in-memory streams in tests).
pub trait Tunnel: Send + Sync + 'static {
    /// The tunnel's byte stream.
    type Stream: AsyncRead + AsyncWrite + Unpin + Send + 'static;

    /// Open a tunnel to `port` of `pod`.
    fn open(
        &self,
        pod: &str,
        port: u16,
    ) -> impl Future<Output = Result<Opened<Self::Stream>>> + Send;
}

/// Tunnels through the API server's `pods/portforward` (websocket), one per local connection.
#[derive(Clone)]
pub struct KubeTunnel {
    cluster: Cluster,
    pods: Api<Pod>,
}

impl KubeTunnel {
    /// Tunnels to pods in the cluster's namespace.
    pub fn new(cluster: &Cluster) -> Self {
        KubeTunnel {
            cluster: cluster.clone(),
            pods: Api::namespaced(cluster.client.clone(), &cluster.namespace),
        }
    }
}

impl Tunnel for KubeTunnel {
    type Stream = tokio::io::DuplexStream;

    async fn open(&self, pod: &str, port: u16) -> Result<Opened<Self::Stream>> {
        let mut forwarder = self.pods.portforward(pod, &[port]).await.map_err(|e| {
            anyhow!(
                "cannot port-forward to pod/{pod}: {}",
                self.cluster.explain(e)
            )
        })?;
        let stream = forwarder
            .take_stream(port)
            .ok_or_else(|| anyhow!("the port-forward to pod/{pod} has no stream for {port}"))?;
        let error = forwarder
            .take_error(port)
            .ok_or_else(|| anyhow!("the port-forward to pod/{pod} has no error channel"))?;
        // The forwarder's task ends when the stream is closed; nothing else to keep.
        drop(forwarder);
        Ok(Opened {
            stream,
            error: Box::pin(error),
        })
    }
}

/// The pod a new connection should go to: a ready pod that is not being deleted, preferring the
/// newest (a replacement), then the lowest name; else `None`.
pub fn choose_pod(pods: &[Pod]) -> Option<String> {
    let ready = |pod: &Pod| {
        pod.metadata.deletion_timestamp.is_none()
            && pod
                .status
                .as_ref()
                .and_then(|s| s.conditions.as_ref())
                .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
    };
    pods.iter()
        .filter(|p| ready(p))
        .max_by(|a, b| {
            let created = |p: &Pod| p.metadata.creation_timestamp.clone().map(|t| t.0);
            created(a)
                .cmp(&created(b))
                .then_with(|| b.metadata.name.cmp(&a.metadata.name))
        })
        .and_then(|p| p.metadata.name.clone())
}

/// Watches the pods matching `selector` and publishes the one to forward to ([`choose_pod`]).
/// The watch runs until the returned receiver and every clone of it are dropped.
pub fn follow_pods(cluster: &Cluster, selector: &str) -> watch::Receiver<Option<String>> {
    let api: Api<Pod> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let (tx, rx) = watch::channel(None);
    let config = watcher::Config::default().labels(selector);
    tokio::spawn(async move {
        let mut pods = std::collections::BTreeMap::<String, Pod>::new();
        let mut initial = std::collections::BTreeMap::<String, Pod>::new();
        let mut events = watcher(api, config).default_backoff().boxed();
        while let Some(event) = events.next().await {
            match event {
                Ok(watcher::Event::Init) => initial.clear(),
                Ok(watcher::Event::InitApply(pod)) => {
                    if let Some(name) = pod.metadata.name.clone() {
                        initial.insert(name, pod);
                    }
                }
                Ok(watcher::Event::InitDone) => pods = std::mem::take(&mut initial),
                Ok(watcher::Event::Apply(pod)) => {
                    if let Some(name) = pod.metadata.name.clone() {
                        pods.insert(name, pod);
                    }
                }
                Ok(watcher::Event::Delete(pod)) => {
                    if let Some(name) = &pod.metadata.name {
                        pods.remove(name);
                    }
                }
                // The watcher backs off and resumes by itself.
                Err(_) => continue,
            }
            let list: Vec<Pod> = pods.values().cloned().collect();
            let chosen = choose_pod(&list);
            tx.send_if_modified(|current| {
                let changed = *current != chosen;
                *current = chosen.clone();
                changed
            });
            if tx.is_closed() {
                return;
            }
        }
    });
    rx
}

/// Serves `listener` until `shutdown` completes: every accepted connection is tunnelled to
/// `remote_port` of the pod `target` names at that moment (waiting up to [`POD_WAIT`] when there
/// is none). `say` receives one line per notable event (pod changes, failed tunnels).
pub async fn serve<T: Tunnel>(
    listener: TcpListener,
    mut target: watch::Receiver<Option<String>>,
    tunnel: Arc<T>,
    remote_port: u16,
    shutdown: impl Future<Output = ()>,
    say: Say,
) -> Result<()> {
    let mut connections = JoinSet::new();
    let mut announced: Option<String> = target.borrow_and_update().clone();
    let mut following = true;
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            changed = target.changed(), if following => {
                if changed.is_err() {
                    // The pod watch ended; keep serving with the last pod known.
                    following = false;
                    continue;
                }
                let now = target.borrow_and_update().clone();
                if now != announced {
                    match (&announced, &now) {
                        (Some(old), Some(new)) => {
                            say(format!("pod/{old} was replaced; forwarding to pod/{new}"));
                        }
                        (Some(old), None) => say(format!(
                            "pod/{old} is gone or not ready; waiting for a ready pod"
                        )),
                        (None, Some(new)) => say(format!("forwarding to pod/{new}")),
                        (None, None) => {}
                    }
                    announced = now;
                }
            }
            accepted = listener.accept() => {
                let (socket, _) = match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        say(format!("cannot accept a connection: {e}"));
                        continue;
                    }
                };
                let target = target.clone();
                let tunnel = tunnel.clone();
                let say = say.clone();
                connections.spawn(async move {
                    if let Err(e) = forward_one(socket, target, tunnel.as_ref(), remote_port).await {
                        say(format!("{e:#}"));
                    }
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
    Ok(())
}

async fn forward_one<T: Tunnel>(
    mut socket: TcpStream,
    mut target: watch::Receiver<Option<String>>,
    tunnel: &T,
    remote_port: u16,
) -> Result<()> {
    let current = target.borrow().clone();
    let pod = match current {
        Some(pod) => pod,
        None => {
            let waited = tokio::time::timeout(POD_WAIT, target.wait_for(Option::is_some)).await;
            match waited {
                Ok(Ok(pod)) => pod.clone().unwrap_or_default(),
                _ => {
                    return Err(anyhow!(
                        "no ready pod to forward to after {}s; connection closed",
                        POD_WAIT.as_secs()
                    ));
                }
            }
        }
    };
    let Opened { mut stream, error } = tunnel.open(&pod, remote_port).await?;
    // Fused: it may already have ended (without a message) when the data is done.
    let mut error = error.fuse();
    let failed = |message: String| Err(anyhow!("pod/{pod} port {remote_port}: {message}"));
    tokio::select! {
        copied = tokio::io::copy_bidirectional(&mut socket, &mut stream) => {
            drop(stream);
            // The server's reason, when it gives one shortly after the data ends.
            if !error.is_terminated()
                && let Ok(Some(message)) = tokio::time::timeout(ERROR_GRACE, &mut error).await
            {
                return failed(message);
            }
            match copied {
                // A request that got no byte back: the pod is not answering on that port.
                Ok((sent, 0)) if sent > 0 => {
                    failed("the tunnel closed before any answer; is the pod listening?".to_string())
                }
                // A peer closing early (browsers do) is not worth a message.
                Ok(_) => Ok(()),
                Err(e) if matches!(e.kind(), std::io::ErrorKind::ConnectionReset) => Ok(()),
                Err(e) => failed(format!("the tunnel failed: {e}")),
            }
        }
        Some(message) = &mut error => failed(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::Mutex;
    use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

    /// Each tunnel is answered by a task that prefixes every chunk with the pod name; or fails
    /// with a server message; or (`silent`) reads the request and closes without answering.
    struct EchoTunnel {
        opened: Mutex<Vec<String>>,
        fail_with: Option<String>,
        silent: bool,
    }

    impl Tunnel for EchoTunnel {
        type Stream = DuplexStream;

        async fn open(&self, pod: &str, port: u16) -> Result<Opened<DuplexStream>> {
            self.opened.lock().unwrap().push(format!("{pod}:{port}"));
            let (near, mut far) = tokio::io::duplex(1024);
            let (error_tx, error_rx) = tokio::sync::oneshot::channel::<String>();
            match &self.fail_with {
                Some(message) => {
                    let _ = error_tx.send(message.clone());
                }
                None if self.silent => {
                    tokio::spawn(async move {
                        let mut buf = [0u8; 256];
                        let _ = far.read(&mut buf).await;
                        drop(error_tx);
                    });
                }
                None => {
                    let pod = pod.to_string();
                    tokio::spawn(async move {
                        let _keep = error_tx;
                        let mut buf = [0u8; 256];
                        while let Ok(n) = far.read(&mut buf).await {
                            if n == 0 {
                                break;
                            }
                            let reply = format!("{pod}:{}", String::from_utf8_lossy(&buf[..n]));
                            if far.write_all(reply.as_bytes()).await.is_err() {
                                break;
                            }
                        }
                    });
                }
            }
            Ok(Opened {
                stream: near,
                error: Box::pin(async move { error_rx.await.ok() }),
            })
        }
    }

    async fn exchange(port: u16, text: &str) -> String {
        let mut client = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        client.write_all(text.as_bytes()).await.unwrap();
        let mut buf = [0u8; 256];
        let n = tokio::time::timeout(Duration::from_secs(5), client.read(&mut buf))
            .await
            .unwrap()
            .unwrap();
        String::from_utf8_lossy(&buf[..n]).into_owned()
    }

    fn messages() -> (Arc<Mutex<Vec<String>>>, Say) {
        let seen: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = seen.clone();
        (seen, Arc::new(move |m| sink.lock().unwrap().push(m)))
    }

    /// `serve` on a free port through an [`EchoTunnel`] (failing with `fail_with`, or answering
    /// nothing when `silent`), never shut down: the pod sender, the port, the messages said and
    /// the server task.
    async fn serving(
        pod: Option<&str>,
        fail_with: Option<&str>,
        silent: bool,
    ) -> (
        watch::Sender<Option<String>>,
        u16,
        Arc<Mutex<Vec<String>>>,
        tokio::task::JoinHandle<Result<()>>,
    ) {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (pods_tx, pods_rx) = watch::channel(pod.map(str::to_string));
        let tunnel = Arc::new(EchoTunnel {
            opened: Mutex::default(),
            fail_with: fail_with.map(str::to_string),
            silent,
        });
        let (seen, say) = messages();
        let server = tokio::spawn(serve(
            listener,
            pods_rx,
            tunnel,
            8080,
            std::future::pending(),
            say,
        ));
        (pods_tx, port, seen, server)
    }

    /// Wait (up to `tries` × 10 ms) until something was said.
    async fn until_said(seen: &Mutex<Vec<String>>, tries: u32) {
        for _ in 0..tries {
            if !seen.lock().unwrap().is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    #[tokio::test]
    async fn forwards_connections_and_follows_a_replaced_pod_until_shutdown() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (pods_tx, pods_rx) = watch::channel(Some("dash-0".to_string()));
        let tunnel = Arc::new(EchoTunnel {
            opened: Mutex::default(),
            fail_with: None,
            silent: false,
        });
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let (seen, say) = messages();
        let server = tokio::spawn(serve(
            listener,
            pods_rx,
            tunnel.clone(),
            8080,
            async {
                let _ = stop_rx.await;
            },
            say,
        ));

        assert_eq!(exchange(port, "hello").await, "dash-0:hello");
        pods_tx.send(Some("dash-0b".to_string())).unwrap();
        // The next connection goes to the replacement.
        let mut reply = String::new();
        for _ in 0..50 {
            reply = exchange(port, "again").await;
            if reply.starts_with("dash-0b") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(reply, "dash-0b:again");
        assert!(
            tunnel
                .opened
                .lock()
                .unwrap()
                .iter()
                .all(|o| o.ends_with(":8080"))
        );
        assert!(
            seen.lock()
                .unwrap()
                .contains(&"pod/dash-0 was replaced; forwarding to pod/dash-0b".to_string())
        );

        stop_tx.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(5), server)
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        // The port is released.
        assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
    }

    #[tokio::test]
    async fn a_connection_waits_for_a_pod_and_tunnel_errors_are_reported() {
        let (pods_tx, port, seen, server) = serving(None, None, false).await;
        let client = tokio::spawn(exchange(port, "early"));
        tokio::time::sleep(Duration::from_millis(50)).await;
        pods_tx.send(Some("dash-0".to_string())).unwrap();
        assert_eq!(client.await.unwrap(), "dash-0:early");
        pods_tx.send(None).unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(
            seen.lock()
                .unwrap()
                .contains(&"pod/dash-0 is gone or not ready; waiting for a ready pod".to_string())
        );
        server.abort();

        let (_pods_tx, port, seen, server) =
            serving(Some("dash-0"), Some("connection refused"), false).await;
        let mut client = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let mut buf = Vec::new();
        // The connection is closed, and the reason reported.
        let _ = tokio::time::timeout(Duration::from_secs(5), client.read_to_end(&mut buf)).await;
        until_said(&seen, 100).await;
        assert_eq!(
            seen.lock().unwrap().as_slice(),
            ["pod/dash-0 port 8080: connection refused"]
        );
        server.abort();

        // No message from the server, no byte back: the plugin says so itself.
        let (_pods_tx, port, seen, server) = serving(Some("dash-0"), None, true).await;
        let mut client = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        client.write_all(b"GET / HTTP/1.0\r\n\r\n").await.unwrap();
        let mut buf = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), client.read_to_end(&mut buf)).await;
        assert!(buf.is_empty());
        drop(client);
        until_said(&seen, 200).await;
        assert_eq!(
            seen.lock().unwrap().as_slice(),
            ["pod/dash-0 port 8080: the tunnel closed before any answer; is the pod listening?"]
        );
        server.abort();
    }

    #[test]
    fn chooses_the_newest_ready_pod_not_being_deleted() {
        let pod = |name: &str, created: &str, ready: bool, deleting: bool| -> Pod {
            let mut meta = json!({"name": name, "creationTimestamp": created});
            if deleting {
                meta["deletionTimestamp"] = json!("2025-01-01T00:10:00Z");
            }
            serde_json::from_value(json!({
                "metadata": meta,
                "status": {"conditions": [{"type": "Ready", "status": if ready {"True"} else {"False"}}]}
            }))
            .unwrap()
        };
        let old = pod("dash-0", "2025-01-01T00:00:00Z", true, false);
        let new = pod("dash-0x", "2025-01-01T00:05:00Z", true, false);
        let not_ready = pod("dash-1", "2025-01-01T00:09:00Z", false, false);
        let leaving = pod("dash-2", "2025-01-01T00:09:30Z", true, true);
        assert_eq!(
            choose_pod(&[old.clone(), new, not_ready.clone(), leaving.clone()]).as_deref(),
            Some("dash-0x")
        );
        assert_eq!(choose_pod(&[old]).as_deref(), Some("dash-0"));
        assert_eq!(choose_pod(&[not_ready, leaving]), None);
    }
}
