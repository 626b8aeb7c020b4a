//! A kubeconfig `proxy-url` through the real binary: every request of a command goes through an
//! HTTP CONNECT or SOCKS5 proxy (with credentials, to a plain or a TLS API server), wrong
//! credentials fail with a message that names neither them nor leaks them, and `-v=8` never shows
//! the proxy's password.

use fake_kube::{FakeServer, KubeconfigOpts, ProxyKind, ServerOptions, TestProxy};

use std::time::Duration;

use crate::common::{fails, ok, plugin_in, wait_until};

const USER: &str = "proxy-user";
const PASSWORD: &str = "pr0xy-s3cret";

/// A fake cluster (plain or TLS) and a kubeconfig that reaches it through `proxy_url`.
fn cluster_behind(
    tls: bool,
    proxy_url: String,
) -> (FakeServer, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start_with(ServerOptions {
        tls,
        ..Default::default()
    })
    .unwrap();
    let kubeconfig = server
        .write_kubeconfig(
            dir.path(),
            KubeconfigOpts {
                proxy_url: Some(proxy_url),
                ..Default::default()
            },
        )
        .unwrap();
    (server, dir, kubeconfig)
}

fn server_address(server: &FakeServer) -> String {
    let url = server.url();
    url.split("://")
        .nth(1)
        .unwrap()
        .trim_end_matches('/')
        .to_string()
}

#[track_caller]
fn every_request_went_through(proxy: &TestProxy, server: &FakeServer) {
    let tunnels = proxy.tunnels();
    assert!(!tunnels.is_empty(), "no tunnel opened");
    assert!(
        tunnels.iter().all(|t| *t == server_address(server)),
        "{tunnels:?} vs {}",
        server.url()
    );
    assert!(proxy.refused().is_empty(), "{:?}", proxy.refused());
    assert!(!server.requests().is_empty());
}

#[test]
fn http_connect_proxy_with_credentials_carries_every_request() {
    for tls in [false, true] {
        let proxy = TestProxy::start(ProxyKind::HttpConnect, Some((USER, PASSWORD))).unwrap();
        let (server, dir, kubeconfig) = cluster_behind(tls, proxy.url(Some((USER, PASSWORD))));
        let output = plugin_in(dir.path())
            .arg("--kubeconfig")
            .arg(&kubeconfig)
            .args(["jobs", "-v=8"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "tls={tls}: {stderr}");
        assert!(!stderr.contains(PASSWORD), "{stderr}");
        every_request_went_through(&proxy, &server);
    }
}

#[test]
fn socks5_proxy_with_and_without_credentials_carries_every_request() {
    for credentials in [None, Some((USER, PASSWORD))] {
        let proxy = TestProxy::start(ProxyKind::Socks5, credentials).unwrap();
        let (server, dir, kubeconfig) = cluster_behind(true, proxy.url(credentials));
        ok(plugin_in(dir.path())
            .arg("--kubeconfig")
            .arg(&kubeconfig)
            .args(["version"]));
        every_request_went_through(&proxy, &server);
    }
}

#[test]
fn wrong_proxy_credentials_fail_without_showing_them() {
    for kind in [ProxyKind::HttpConnect, ProxyKind::Socks5] {
        let proxy = TestProxy::start(kind, Some((USER, PASSWORD))).unwrap();
        let (server, dir, kubeconfig) =
            cluster_behind(false, proxy.url(Some((USER, "wr0ng-passw0rd"))));
        let err = fails(
            plugin_in(dir.path())
                .arg("--kubeconfig")
                .arg(&kubeconfig)
                .args(["jobs", "--request-timeout", "5s"]),
            1,
        );
        assert!(
            !err.contains("wr0ng-passw0rd") && !err.contains(PASSWORD),
            "{err}"
        );
        assert!(
            err.contains(&format!("through the proxy {}: ", proxy.url(None))),
            "{kind:?}: {err}"
        );
        assert!(proxy.tunnels().is_empty(), "{:?}", proxy.tunnels());
        // The proxy records a refusal just after answering it.
        wait_until(
            "the proxy to record the refusal",
            Duration::from_secs(5),
            || !proxy.refused().is_empty(),
        );
        assert!(server.requests().is_empty());
    }
}

#[test]
fn an_unreachable_proxy_is_named_as_the_problem() {
    for url in ["http://127.0.0.1:1", "socks5://127.0.0.1:1"] {
        let (server, dir, kubeconfig) = cluster_behind(false, url.to_string());
        let err = fails(
            plugin_in(dir.path())
                .arg("--kubeconfig")
                .arg(&kubeconfig)
                .args(["jobs", "--request-timeout", "5s"]),
            1,
        );
        assert!(err.contains(&format!("through the proxy {url}: ")), "{err}");
        assert!(err.contains(": cannot connect to the proxy"), "{err}");
        assert!(server.requests().is_empty());
    }
}
