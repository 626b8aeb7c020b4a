//! A forwarding proxy on 127.0.0.1 for tests of kubeconfig `proxy-url`: HTTP `CONNECT` (RFC 9110
//! §9.3.6, optionally with Basic `Proxy-Authorization`) or SOCKS5 (RFC 1928, no authentication or
//! RFC 1929 user/password), recording every tunnel it opened and every attempt it refused.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// Which protocol the proxy speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyKind {
    /// HTTP `CONNECT host:port`.
    HttpConnect,
    /// SOCKS version 5.
    Socks5,
}

#[derive(Debug, Default)]
struct Record {
    tunnels: Vec<String>,
    refused: Vec<String>,
}

/// A running proxy; it stops when dropped.
pub struct TestProxy {
    address: SocketAddr,
    kind: ProxyKind,
    record: Arc<Mutex<Record>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl TestProxy {
    /// Start a proxy of `kind`; with `credentials`, clients must send that user and password.
    pub fn start(kind: ProxyKind, credentials: Option<(&str, &str)>) -> anyhow::Result<TestProxy> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()?;
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0"))?;
        let address = listener.local_addr()?;
        let record = Arc::new(Mutex::new(Record::default()));
        let credentials = credentials.map(|(u, p)| (u.to_string(), p.to_string()));
        let shared = record.clone();
        runtime.spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let record = shared.clone();
                let credentials = credentials.clone();
                tokio::spawn(async move {
                    let opened = match kind {
                        ProxyKind::HttpConnect => http_connect(client, credentials).await,
                        ProxyKind::Socks5 => socks5(client, credentials).await,
                    };
                    let mut record = record.lock().unwrap_or_else(|e| e.into_inner());
                    match opened {
                        Ok(target) => record.tunnels.push(target),
                        Err(why) => record.refused.push(why),
                    }
                });
            }
        });
        Ok(TestProxy {
            address,
            kind,
            record,
            runtime: Some(runtime),
        })
    }

    /// `http://127.0.0.1:PORT` or `socks5://127.0.0.1:PORT`, with `user:password@` when given.
    pub fn url(&self, credentials: Option<(&str, &str)>) -> String {
        let scheme = match self.kind {
            ProxyKind::HttpConnect => "http",
            ProxyKind::Socks5 => "socks5",
        };
        let auth = credentials
            .map(|(u, p)| format!("{u}:{p}@"))
            .unwrap_or_default();
        format!("{scheme}://{auth}{}", self.address)
    }

    /// The `host:port` of every tunnel opened, in order.
    pub fn tunnels(&self) -> Vec<String> {
        self.record
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .tunnels
            .clone()
    }

    /// Why each refused attempt was refused.
    pub fn refused(&self) -> Vec<String> {
        self.record
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .refused
            .clone()
    }
}

impl Drop for TestProxy {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Read `CONNECT host:port HTTP/1.1` and its headers, check the credentials, answer 200 and relay.
async fn http_connect(
    client: TcpStream,
    credentials: Option<(String, String)>,
) -> Result<String, String> {
    let mut reader = BufReader::new(client);
    let mut request_line = String::new();
    reader
        .read_line(&mut request_line)
        .await
        .map_err(|e| e.to_string())?;
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut authorization = None;
    loop {
        let mut line = String::new();
        reader
            .read_line(&mut line)
            .await
            .map_err(|e| e.to_string())?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("proxy-authorization")
        {
            authorization = Some(value.trim().to_string());
        }
    }
    if method != "CONNECT" {
        return Err(format!("method {method}"));
    }
    if let Some((user, password)) = &credentials {
        let expected = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
        );
        if authorization.as_deref() != Some(expected.as_str()) {
            let _ = reader
                .get_mut()
                .write_all(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n",
                )
                .await;
            return Err(format!("bad credentials for {target}"));
        }
    }
    let upstream = TcpStream::connect(target)
        .await
        .map_err(|e| format!("{target}: {e}"))?;
    reader
        .get_mut()
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .await
        .map_err(|e| e.to_string())?;
    relay(reader, upstream, target.to_string()).await
}

/// The SOCKS5 handshake (method selection, optional user/password, CONNECT), then relay.
async fn socks5(
    mut client: TcpStream,
    credentials: Option<(String, String)>,
) -> Result<String, String> {
    let io = |e: std::io::Error| e.to_string();
    let mut head = [0u8; 2];
    client.read_exact(&mut head).await.map_err(io)?;
    let mut methods = vec![0u8; usize::from(head[1])];
    client.read_exact(&mut methods).await.map_err(io)?;
    let wanted = if credentials.is_some() { 0x02 } else { 0x00 };
    if head[0] != 5 || !methods.contains(&wanted) {
        let _ = client.write_all(&[5, 0xff]).await;
        return Err(format!("methods {methods:?}"));
    }
    client.write_all(&[5, wanted]).await.map_err(io)?;
    if let Some((user, password)) = &credentials {
        let mut version = [0u8; 2];
        client.read_exact(&mut version).await.map_err(io)?;
        let mut given_user = vec![0u8; usize::from(version[1])];
        client.read_exact(&mut given_user).await.map_err(io)?;
        let mut length = [0u8; 1];
        client.read_exact(&mut length).await.map_err(io)?;
        let mut given_password = vec![0u8; usize::from(length[0])];
        client.read_exact(&mut given_password).await.map_err(io)?;
        if given_user != user.as_bytes() || given_password != password.as_bytes() {
            let _ = client.write_all(&[1, 1]).await;
            return Err("bad credentials".into());
        }
        client.write_all(&[1, 0]).await.map_err(io)?;
    }
    let mut request = [0u8; 4];
    client.read_exact(&mut request).await.map_err(io)?;
    let host = match request[3] {
        1 => {
            let mut ip = [0u8; 4];
            client.read_exact(&mut ip).await.map_err(io)?;
            std::net::Ipv4Addr::from(ip).to_string()
        }
        3 => {
            let mut length = [0u8; 1];
            client.read_exact(&mut length).await.map_err(io)?;
            let mut name = vec![0u8; usize::from(length[0])];
            client.read_exact(&mut name).await.map_err(io)?;
            String::from_utf8_lossy(&name).into_owned()
        }
        4 => {
            let mut ip = [0u8; 16];
            client.read_exact(&mut ip).await.map_err(io)?;
            format!("[{}]", std::net::Ipv6Addr::from(ip))
        }
        other => return Err(format!("address type {other}")),
    };
    let mut port = [0u8; 2];
    client.read_exact(&mut port).await.map_err(io)?;
    let target = format!("{host}:{}", u16::from_be_bytes(port));
    let upstream = TcpStream::connect(&target)
        .await
        .map_err(|e| format!("{target}: {e}"))?;
    client
        .write_all(&[5, 0, 0, 1, 0, 0, 0, 0, 0, 0])
        .await
        .map_err(io)?;
    relay(BufReader::new(client), upstream, target).await
}

/// Copy both ways until either side closes; bytes the reader already buffered go first.
async fn relay(
    client: BufReader<TcpStream>,
    mut upstream: TcpStream,
    target: String,
) -> Result<String, String> {
    let buffered = client.buffer().to_vec();
    let mut client = client.into_inner();
    if !buffered.is_empty() {
        upstream
            .write_all(&buffered)
            .await
            .map_err(|e| e.to_string())?;
    }
    tokio::spawn(async move {
        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
    });
    Ok(target)
}
