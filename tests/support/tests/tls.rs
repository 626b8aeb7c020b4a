//! Item 12: optional TLS with a throw-away CA — clients that trust the CA connect, clients that
//! do not are refused, `insecure-skip-tls-verify` kubeconfigs work with kubectl.

use std::sync::Arc;

use fake_kube::{FakeServer, KubeconfigOpts, ServerOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::rustls::{self, pki_types};

fn tls_server() -> FakeServer {
    FakeServer::start_with(ServerOptions {
        tls: true,
        ..Default::default()
    })
    .unwrap()
}

fn client_config(ca_pem: Option<&str>) -> rustls::ClientConfig {
    let mut roots = rustls::RootCertStore::empty();
    if let Some(pem) = ca_pem {
        let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let der = base64_decode(&b64);
        roots.add(pki_types::CertificateDer::from(der)).unwrap();
    }
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth()
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

async fn get_version(server: &FakeServer, ca_pem: Option<&str>) -> Result<String, String> {
    let addr = server.addr();
    let tcp = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| e.to_string())?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(client_config(ca_pem)));
    let name = pki_types::ServerName::IpAddress(addr.ip().into());
    let mut tls = connector
        .connect(name, tcp)
        .await
        .map_err(|e| e.to_string())?;
    let req = format!(
        "GET /version HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        server.admin_token()
    );
    tls.write_all(req.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let _ = tls.read_to_end(&mut out).await;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn https_with_and_without_the_ca() {
    let server = tls_server();
    assert!(server.url().starts_with("https://127.0.0.1:"));
    let ca = server.ca_pem().unwrap();
    assert!(ca.starts_with("-----BEGIN CERTIFICATE-----"));
    let ok = get_version(&server, Some(&ca)).await.unwrap();
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
    assert!(ok.contains("\"gitVersion\":\"v1.33.0\""));
    let refused = get_version(&server, None).await;
    assert!(
        refused.is_err(),
        "an untrusted server certificate must fail the handshake"
    );
    // The server keeps serving after a failed handshake.
    assert!(
        get_version(&server, Some(&ca))
            .await
            .unwrap()
            .starts_with("HTTP/1.1 200")
    );
    // Another server's CA is not trusted.
    let other = tls_server();
    assert!(
        get_version(&server, other.ca_pem().as_deref())
            .await
            .is_err()
    );
}

#[test]
fn kubeconfigs_with_ca_data_or_insecure() {
    let server = tls_server();
    let dir = std::env::temp_dir().join(format!("fake-kube-tls-{}", std::process::id()));
    let with_ca = server
        .write_kubeconfig(&dir, KubeconfigOpts::default())
        .unwrap();
    let text = std::fs::read_to_string(&with_ca).unwrap();
    assert!(text.contains("certificate-authority-data"));
    let no_ca = KubeconfigOpts {
        include_ca: false,
        file_name: "no-ca".into(),
        ..Default::default()
    };
    let no_ca_path = server.write_kubeconfig(&dir, no_ca).unwrap();
    assert!(
        !std::fs::read_to_string(&no_ca_path)
            .unwrap()
            .contains("certificate-authority-data")
    );
    let insecure = KubeconfigOpts {
        include_ca: false,
        insecure_skip_tls_verify: true,
        file_name: "insecure".into(),
        ..Default::default()
    };
    let insecure_path = server.write_kubeconfig(&dir, insecure).unwrap();
    assert!(
        std::fs::read_to_string(&insecure_path)
            .unwrap()
            .contains("insecure-skip-tls-verify: true")
    );

    let kubectl = std::process::Command::new("kubectl")
        .arg("version")
        .arg("--client")
        .output();
    if kubectl.is_ok_and(|o| o.status.success()) {
        let run = |kc: &std::path::Path| {
            std::process::Command::new("kubectl")
                .args(["get", "namespaces", "-o", "name", "--request-timeout=5s"])
                .env("KUBECONFIG", kc)
                .env("HOME", &dir)
                .output()
                .unwrap()
        };
        let ok = run(&with_ca);
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
        assert!(String::from_utf8_lossy(&ok.stdout).contains("namespace/default"));
        let bad = run(&no_ca_path);
        assert!(!bad.status.success());
        let err = String::from_utf8_lossy(&bad.stderr);
        assert!(err.contains("certificate") || err.contains("x509"), "{err}");
        let insecure_run = run(&insecure_path);
        assert!(
            insecure_run.status.success(),
            "{}",
            String::from_utf8_lossy(&insecure_run.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
