//! Optional TLS: a throw-away CA and a server certificate for 127.0.0.1/localhost (rcgen), and a
//! TLS listener for axum.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, SanType};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, pki_types};

/// The certificates of a TLS server.
#[derive(Debug)]
pub struct TlsMaterial {
    /// PEM of the CA that signed the server certificate (goes into `certificate-authority-data`).
    pub ca_pem: String,
    cert_chain: Vec<Vec<u8>>,
    key_der: Vec<u8>,
}

impl TlsMaterial {
    /// Generate a CA and a server certificate for `127.0.0.1` and `localhost`.
    pub fn generate() -> anyhow::Result<TlsMaterial> {
        let ca_key = KeyPair::generate()?;
        let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "fake-kube-ca");
        let ca_cert = ca_params.self_signed(&ca_key)?;

        let key = KeyPair::generate()?;
        let mut params = CertificateParams::new(vec!["localhost".to_string()])?;
        params
            .subject_alt_names
            .push(SanType::IpAddress(std::net::IpAddr::from([127, 0, 0, 1])));
        params
            .distinguished_name
            .push(DnType::CommonName, "kube-apiserver");
        let cert = params.signed_by(&key, &ca_cert, &ca_key)?;
        Ok(TlsMaterial {
            ca_pem: ca_cert.pem(),
            cert_chain: vec![cert.der().to_vec(), ca_cert.der().to_vec()],
            key_der: key.serialize_der(),
        })
    }

    fn server_config(&self) -> anyhow::Result<rustls::ServerConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let certs: Vec<pki_types::CertificateDer<'static>> = self
            .cert_chain
            .iter()
            .map(|c| pki_types::CertificateDer::from(c.clone()))
            .collect();
        let key = pki_types::PrivateKeyDer::Pkcs8(pki_types::PrivatePkcs8KeyDer::from(
            self.key_der.clone(),
        ));
        let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(certs, key)?;
        cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(cfg)
    }
}

/// A listener that completes the TLS handshake before handing connections to axum.
pub struct TlsListener {
    inner: TcpListener,
    acceptor: TlsAcceptor,
}

impl TlsListener {
    /// Wrap a TCP listener.
    pub fn new(inner: TcpListener, material: &TlsMaterial) -> anyhow::Result<TlsListener> {
        Ok(TlsListener {
            inner,
            acceptor: TlsAcceptor::from(Arc::new(material.server_config()?)),
        })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = tokio_rustls::server::TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let (stream, addr) = match self.inner.accept().await {
                Ok(x) => x,
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    continue;
                }
            };
            // A client that rejects the certificate just fails its own handshake.
            if let Ok(Ok(tls)) =
                tokio::time::timeout(Duration::from_secs(5), self.acceptor.accept(stream)).await
            {
                return (tls, addr);
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}
