//! The HTTP stack under the kube-rs client: TCP and TLS connectors, connect/read/write timeouts,
//! the API server's base URI, credentials and impersonation headers — kube-rs's own pieces,
//! assembled here so the HTTP/1 read buffer of each connection can be bounded.
//!
//! kube-rs's default stack leaves hyper's adaptive read buffer, which grows to ~400 KiB on every
//! busy connection; `logs -f` keeps one connection per followed container, so hundreds of busy
//! streams held tens of MiB of buffers. A fixed 32 KiB buffer keeps that bounded without
//! costing throughput (log lines arrive in chunks far smaller than that).

use http::{Request, Response};
use hyper::body::Incoming;
use hyper_timeout::TimeoutConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use kube::client::{Body, ConfigExt};
use kube::config::Config;
use tower::util::BoxService;
use tower::{BoxError, ServiceBuilder, ServiceExt};

/// Bytes read from a connection at a time (and the most a connection buffers for a response).
pub const READ_BUFFER_BYTES: usize = 32 * 1024;

/// Why the stack could not be built, in words that name the setting to change.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// A proxy is configured; the plugin is built without proxy support (as kube-rs's default).
    #[error(
        "the kubeconfig sets proxy-url {0}, which this build does not support; remove proxy-url or \
reach the API server directly"
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
    if let Some(proxy) = &config.proxy_url {
        // Only scheme, host and port: the URL may carry credentials (`user:password@`).
        let shown = format!(
            "{}://{}{}",
            proxy.scheme_str().unwrap_or("http"),
            proxy.host().unwrap_or("?"),
            proxy.port().map(|p| format!(":{p}")).unwrap_or_default()
        );
        return Err(TransportError::ProxyUnsupported(shown));
    }
    let mut tcp = HttpConnector::new();
    tcp.enforce_http(false);
    let tls = config.rustls_https_connector_with_connector(tcp)?;
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
