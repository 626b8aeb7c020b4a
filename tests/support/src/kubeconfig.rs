//! Kubeconfig files pointing at the fake server (per user, namespace and context; with or without the CA).

use base64::Engine;
use serde_json::{Value, json};

/// What [`crate::ServerHandle::write_kubeconfig`] writes.
#[derive(Debug, Clone)]
pub struct KubeconfigOpts {
    /// User (`admin`, or any name: unknown users are registered, see [`crate::ServerHandle::add_user`]). Default `admin`.
    pub user: String,
    /// Context namespace (None: no namespace in the context).
    pub namespace: Option<String>,
    /// Context name. Default `fake`.
    pub context: String,
    /// Cluster name. Default `fake`.
    pub cluster: String,
    /// File name inside the directory. Default `kubeconfig`.
    pub file_name: String,
    /// Use this token instead of the user's.
    pub token: Option<String>,
    /// Server URL override (e.g. an unreachable address).
    pub server: Option<String>,
    /// With TLS: embed `certificate-authority-data` (default true).
    pub include_ca: bool,
    /// Set `insecure-skip-tls-verify: true`.
    pub insecure_skip_tls_verify: bool,
    /// The cluster's `proxy-url` (see [`crate::TestProxy`]).
    pub proxy_url: Option<String>,
}

impl Default for KubeconfigOpts {
    fn default() -> Self {
        KubeconfigOpts {
            user: "admin".into(),
            namespace: None,
            context: "fake".into(),
            cluster: "fake".into(),
            file_name: "kubeconfig".into(),
            token: None,
            server: None,
            include_ca: true,
            insecure_skip_tls_verify: false,
            proxy_url: None,
        }
    }
}

impl KubeconfigOpts {
    /// Options for a user.
    pub fn user(user: &str) -> Self {
        KubeconfigOpts {
            user: user.into(),
            ..Default::default()
        }
    }

    /// Set the context namespace.
    pub fn namespace(mut self, ns: &str) -> Self {
        self.namespace = Some(ns.into());
        self
    }

    /// Set the context name.
    pub fn context(mut self, ctx: &str) -> Self {
        self.context = ctx.into();
        self
    }

    /// Set the file name.
    pub fn file_name(mut self, name: &str) -> Self {
        self.file_name = name.into();
        self
    }
}

/// The kubeconfig document as JSON (YAML is written from it).
pub fn document(server: &str, token: &str, ca_pem: Option<&str>, o: &KubeconfigOpts) -> Value {
    let mut cluster = json!({"server": o.server.clone().unwrap_or_else(|| server.to_string())});
    if let Some(ca) = ca_pem
        && o.include_ca
    {
        cluster["certificate-authority-data"] =
            json!(base64::engine::general_purpose::STANDARD.encode(ca));
    }
    if o.insecure_skip_tls_verify {
        cluster["insecure-skip-tls-verify"] = json!(true);
    }
    if let Some(proxy) = &o.proxy_url {
        cluster["proxy-url"] = json!(proxy);
    }
    let mut context = json!({"cluster": o.cluster, "user": o.user});
    if let Some(ns) = &o.namespace {
        context["namespace"] = json!(ns);
    }
    json!({
        "apiVersion": "v1",
        "kind": "Config",
        "preferences": {},
        "clusters": [{"name": o.cluster, "cluster": cluster}],
        "users": [{"name": o.user, "user": {"token": token}}],
        "contexts": [{"name": o.context, "context": context}],
        "current-context": o.context,
    })
}

/// Render as YAML.
pub fn to_yaml(doc: &Value) -> String {
    serde_yaml::to_string(doc).unwrap_or_else(|_| doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape() {
        let d = document(
            "http://127.0.0.1:1",
            "t",
            Some("PEM"),
            &KubeconfigOpts::user("alice").namespace("ns"),
        );
        assert_eq!(d["contexts"][0]["context"]["namespace"], "ns");
        assert_eq!(d["users"][0]["name"], "alice");
        assert_eq!(
            d["clusters"][0]["cluster"]["certificate-authority-data"],
            "UEVN"
        );
        let y = to_yaml(&d);
        assert!(y.contains("current-context: fake"));
    }
}
