//! Building the kube-rs client exactly as kubectl would from its flags: kubeconfig discovery and
//! merging, context/cluster/user selection, namespace precedence (flag, context, `default`),
//! impersonation, TLS verification, the request timeout, retries of passing failures and the `-v`
//! request log; in-cluster configuration when there is no kubeconfig.

use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use kube::Client;
use kube::client::ClientBuilder;
use kube::config::{Config, KubeConfigOptions};

use crate::cli::GlobalArgs;
use crate::cluster::errors::{self, RequestScope};
use crate::cluster::http_layers::RequestLogLayer;
use crate::cluster::kubeconfig;
use crate::cluster::retry::{RetryLayer, RetryPolicy};
use crate::cluster::transport;
use crate::exit::usage;

/// A connected client and what the commands need to know about where it points.
#[derive(Clone)]
pub struct Cluster {
    /// The kube-rs client (with timeout and logging layers).
    pub client: Client,
    /// The namespace to work in (flag, else the context's, else `default`).
    pub namespace: String,
    /// The API server URL, for messages.
    pub server: String,
    /// The per-request time limit, if any.
    pub request_timeout: Option<Duration>,
    /// The kubeconfig's proxy, without credentials, for messages.
    pub proxy: Option<String>,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster")
            .field("namespace", &self.namespace)
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

impl Cluster {
    /// Turn a kube-rs error into the typed [`ClusterError`](errors::ClusterError) of the
    /// boundary: its kind, and a message that names the server/namespace and says what to do.
    pub fn explain(&self, error: kube::Error) -> anyhow::Error {
        errors::ClusterError::new(&error, &self.scope()).into()
    }

    /// Where requests go, for error messages.
    pub fn scope(&self) -> RequestScope<'_> {
        RequestScope {
            server: &self.server,
            namespace: &self.namespace,
            timeout: self.request_timeout,
            proxy: self.proxy.as_deref(),
        }
    }
}

/// Resolve the client configuration kubectl would use for these flags (no network), reading
/// `KUBECONFIG` and the home directory from the process environment.
pub async fn resolve_config(global: &GlobalArgs) -> Result<Config> {
    let kubeconfig_env = std::env::var_os("KUBECONFIG");
    let home = dirs::home_dir();
    resolve_config_from(global, kubeconfig_env.as_deref(), home.as_deref()).await
}

/// [`resolve_config`] with the environment given: the value of `KUBECONFIG` and the home
/// directory.
pub async fn resolve_config_from(
    global: &GlobalArgs,
    kubeconfig_env: Option<&std::ffi::OsStr>,
    home: Option<&std::path::Path>,
) -> Result<Config> {
    if !global.as_group.is_empty() && global.as_user.is_none() {
        return Err(usage(
            "--as-group needs --as: groups can only be impersonated together with a user",
        ));
    }
    let loaded = kubeconfig::load(global.kubeconfig.as_deref(), kubeconfig_env, home)?;
    let mut config = match loaded {
        Some(loaded) => {
            let options = KubeConfigOptions {
                context: global.context.clone(),
                cluster: global.cluster.clone(),
                user: global.user.clone(),
            };
            let contexts: Vec<String> = loaded
                .config
                .contexts
                .iter()
                .map(|c| c.name.clone())
                .collect();
            Config::from_custom_kubeconfig(loaded.config.clone(), &options)
                .await
                .map_err(|e| {
                    anyhow!(
                        "kubeconfig {}: {} (contexts defined: {})",
                        loaded.describe_files(),
                        errors::kubeconfig_error_text(&e),
                        if contexts.is_empty() {
                            "none".to_string()
                        } else {
                            contexts.join(", ")
                        }
                    )
                })?
        }
        None => Config::incluster().map_err(|e| {
            anyhow!(
                "no kubeconfig found (KUBECONFIG lists no existing file and ~/.kube/config does not \
exist) and not running inside a cluster ({}); pass --kubeconfig FILE",
                errors::chain_text(&e)
            )
        })?,
    };
    if let Some(namespace) = &global.namespace {
        config.default_namespace = namespace.clone();
    }
    if let Some(user) = &global.as_user {
        config.auth_info.impersonate = Some(user.clone());
        if !global.as_group.is_empty() {
            config.auth_info.impersonate_groups = Some(global.as_group.clone());
        }
    }
    if global.insecure_skip_tls_verify {
        config.accept_invalid_certs = true;
        config.root_cert = None;
        config.root_cert_file = None;
    }
    if let Some(limit) = global.request_timeout.0 {
        config.connect_timeout = Some(config.connect_timeout.map_or(limit, |c| c.min(limit)));
    }
    Ok(config)
}

/// Connect: resolve the configuration and build the client. Makes no request yet.
pub async fn connect(global: &GlobalArgs) -> Result<Cluster> {
    let config = resolve_config(global).await?;
    let server = config
        .cluster_url
        .to_string()
        .trim_end_matches('/')
        .to_string();
    let namespace = config.default_namespace.clone();
    let request_timeout = global.request_timeout.0;
    let proxy = config.proxy_url.as_ref().map(transport::shown);
    let service = transport::http_service(&config)
        .with_context(|| format!("cannot set up a client for the API server at {server}"))?;
    let builder = ClientBuilder::new(service, namespace.clone());
    let builder = builder.with_layer(&tower::util::option_layer(
        request_timeout.map(tower::timeout::TimeoutLayer::new),
    ));
    let log = global
        .verbose
        .filter(|level| *level > 0)
        .map(|level| RequestLogLayer::new(&server, level));
    let retry = RetryLayer::new(
        RetryPolicy::default(),
        global.verbose.is_some_and(|l| l > 0),
    );
    let client = builder
        .with_layer(&tower::util::option_layer(log))
        .with_layer(&retry)
        .build();
    Ok(Cluster {
        client,
        namespace,
        server,
        request_timeout,
        proxy,
    })
}
