//! The HTTP stack under the kube-rs client: TCP, a kubeconfig `proxy-url` (HTTP `CONNECT` or
//! SOCKS5) and TLS connectors, connect/read/write timeouts, the API server's base URI, credentials
//! and impersonation headers — kube-rs's own pieces, assembled here so the HTTP/1 read buffer of
//! each connection can be bounded.
//!
//! kube-rs's default stack leaves hyper's adaptive read buffer, which grows to ~400 KiB on every
//! busy connection; `logs -f` keeps one connection per followed container, so hundreds of busy
//! streams held tens of MiB of buffers. A fixed 32 KiB buffer keeps that bounded without
//! costing throughput (log lines arrive in chunks far smaller than that).

use base64::Engine;
use http::{HeaderValue, Request, Response, Uri};
use hyper::body::Incoming;
use hyper::rt::{Read, Write};
use hyper_timeout::TimeoutConnector;
use hyper_util::client::legacy::connect::proxy::{SocksV5, Tunnel};
use hyper_util::client::legacy::connect::{Connection, HttpConnector};
use hyper_util::rt::TokioExecutor;
use kube::client::{Body, ConfigExt};
use kube::config::Config;
use tower::util::BoxService;
use tower::{BoxError, Service, ServiceBuilder, ServiceExt};

/// Bytes read from a connection at a time (and the most a connection buffers for a response).
pub const READ_BUFFER_BYTES: usize = 32 * 1024;

/// Why the stack could not be built, in words that name the setting to change.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// A proxy scheme other than `http`, `socks5` and `socks5h`.
    #[error(
        "the kubeconfig sets proxy-url {0}; only http://, socks5:// and socks5h:// proxies are \
supported"
    )]
    ProxyUnsupported(String),
    /// TLS material, credentials or headers in the kubeconfig could not be used.
    #[error(transparent)]
    Config(#[from] kube::Error),
}

/// The service every API request goes through, below the plugin's own timeout, logging and retry
/// layers.
pub type HttpService = BoxService<Request<Body>, Response<Incoming>, BoxError>;

/// Build [`HttpService`] from a resolved configuration. Makes no request.
pub fn http_service(config: &Config) -> Result<HttpService, TransportError> {
    let mut tcp = HttpConnector::new();
    tcp.enforce_http(false);
    let Some(proxy) = &config.proxy_url else {
        return over(config, tcp);
    };
    let (user, password) = proxy_credentials(proxy);
    match proxy.scheme_str() {
        Some("http") => {
            let mut tunnel = Tunnel::new(with_port(proxy, 80)?, tcp);
            if let Some(user) = user {
                let basic = base64::engine::general_purpose::STANDARD
                    .encode(format!("{user}:{}", password.unwrap_or_default()));
                if let Ok(header) = HeaderValue::from_str(&format!("Basic {basic}")) {
                    tunnel = tunnel.with_auth(header);
                }
            }
            over(config, tunnel)
        }
        Some(scheme @ ("socks5" | "socks5h")) => {
            // socks5: names are resolved here; socks5h: by the proxy (as curl and Go do).
            let mut socks =
                SocksV5::new(with_port(proxy, 1080)?, tcp).local_dns(scheme == "socks5");
            if let Some(user) = user {
                socks = socks.with_auth(user, password.unwrap_or_default());
            }
            over(config, socks)
        }
        _ => Err(TransportError::ProxyUnsupported(shown(proxy))),
    }
}

/// TLS (when the server URL is https), timeouts, the fixed read buffer and kube-rs's request
/// layers over a connector that reaches the server (directly or through a proxy).
fn over<C>(config: &Config, connector: C) -> Result<HttpService, TransportError>
where
    C: Service<Uri> + Clone + Send + Sync + 'static,
    C::Response: Connection + Read + Write + Send + Unpin + 'static,
    C::Future: Send + 'static,
    C::Error: Into<BoxError>,
{
    let tls = config.rustls_https_connector_with_connector(connector)?;
    let mut connector = TimeoutConnector::new(tls);
    connector.set_connect_timeout(config.connect_timeout);
    connector.set_read_timeout(config.read_timeout);
    connector.set_write_timeout(config.write_timeout);
    connector.set_reset_reader_on_write(config.reset_reader_on_write);
    let client = hyper_util::client::legacy::Builder::new(TokioExecutor::new())
        .http1_read_buf_exact_size(READ_BUFFER_BYTES)
        .build::<_, Body>(connector);
    Ok(ServiceBuilder::new()
        .layer(config.base_uri_layer())
        .option_layer(config.auth_layer()?)
        .layer(config.extra_headers_layer()?)
        .service(client.map_err(BoxError::from))
        .boxed())
}

/// The proxy's address with its default port written out, and without credentials.
fn with_port(proxy: &Uri, default_port: u16) -> Result<Uri, TransportError> {
    let host = proxy
        .host()
        .ok_or_else(|| TransportError::ProxyUnsupported(shown(proxy)))?;
    let port = proxy.port_u16().unwrap_or(default_port);
    format!("{}://{host}:{port}", proxy.scheme_str().unwrap_or("http"))
        .parse()
        .map_err(|_| TransportError::ProxyUnsupported(shown(proxy)))
}

/// `user:password@` of the proxy URL, percent-decoded.
fn proxy_credentials(proxy: &Uri) -> (Option<String>, Option<String>) {
    let Some((userinfo, _)) = proxy.authority().and_then(|a| a.as_str().rsplit_once('@')) else {
        return (None, None);
    };
    let decode = |part: &str| {
        percent_encoding::percent_decode_str(part)
            .decode_utf8_lossy()
            .into_owned()
    };
    match userinfo.split_once(':') {
        Some((user, password)) => (Some(decode(user)), Some(decode(password))),
        None => (Some(decode(userinfo)), None),
    }
}

/// A proxy URL for messages: scheme, host and port only, since the URL may carry credentials
/// (`user:password@`).
pub fn shown(proxy: &Uri) -> String {
    format!(
        "{}://{}{}",
        proxy.scheme_str().unwrap_or("http"),
        proxy.host().unwrap_or("?"),
        proxy.port().map(|p| format!(":{p}")).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tower::Service;

    const BODY_BYTES: usize = 4 * 1024 * 1024;

    /// A one-shot HTTP/1 server on 127.0.0.1 answering any request with `BODY_BYTES` at once.
    async fn big_answer_server() -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = vec![0u8; 4096];
            let _ = socket.read(&mut request).await.unwrap();
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {BODY_BYTES}\r\n\r\n"
            );
            socket.write_all(head.as_bytes()).await.unwrap();
            socket.write_all(&vec![b'x'; BODY_BYTES]).await.unwrap();
            socket.flush().await.unwrap();
        });
        format!("http://{address}")
    }

    #[tokio::test]
    async fn a_fast_answer_is_read_in_chunks_no_larger_than_the_fixed_buffer() {
        let url = big_answer_server().await;
        let config = Config::new(url.parse().unwrap());
        let mut service = http_service(&config).unwrap();
        let request = Request::get("/api/v1/namespaces/default/pods/p/log")
            .body(Body::empty())
            .unwrap();
        let response = service.ready().await.unwrap().call(request).await.unwrap();
        let mut body = response.into_body();
        let (mut total, mut largest) = (0, 0);
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame.unwrap().into_data() {
                total += data.len();
                largest = largest.max(data.len());
            }
        }
        assert_eq!(total, BODY_BYTES);
        // hyper's adaptive buffer would hand out chunks of up to ~400 KiB here.
        assert!(largest <= READ_BUFFER_BYTES, "a chunk of {largest} bytes");
    }

    #[test]
    fn an_unsupported_proxy_is_refused_without_showing_its_credentials() {
        let mut config = Config::new("https://127.0.0.1:6443".parse().unwrap());
        config.proxy_url = Some("https://user:secret@proxy.example:3128".parse().unwrap());
        let error = http_service(&config).err().unwrap().to_string();
        assert!(
            error.contains("proxy-url https://proxy.example:3128;"),
            "{error}"
        );
        assert!(!error.contains("secret"), "{error}");
    }

    #[test]
    fn proxy_credentials_are_percent_decoded_and_ports_defaulted() {
        let proxy: Uri = "http://us%40er:p%3Ass@proxy.example".parse().unwrap();
        assert_eq!(
            proxy_credentials(&proxy),
            (Some("us@er".to_string()), Some("p:ss".to_string()))
        );
        assert_eq!(
            with_port(&proxy, 80).unwrap().to_string(),
            "http://proxy.example:80/"
        );
        let socks: Uri = "socks5://127.0.0.1".parse().unwrap();
        assert_eq!(proxy_credentials(&socks), (None, None));
        assert_eq!(
            with_port(&socks, 1080).unwrap().to_string(),
            "socks5://127.0.0.1:1080/"
        );
    }
}
