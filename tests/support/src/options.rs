//! `ServerOptions`: everything configurable when starting a `FakeServer`.

use std::time::Duration;

/// Options for [`crate::FakeServer::start_with`].
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Run the simulated control plane (StatefulSet controller, pod life cycle, PVC binding). Default on.
    pub control_plane: bool,
    /// Delay from pod creation to scheduling (`PodScheduled=True`, `spec.nodeName`). Default 1 ms.
    pub schedule_delay: Duration,
    /// Delay from scheduling to `Running`. Default 2 ms.
    pub start_delay: Duration,
    /// Delay from `Running` to `Ready`. Default 2 ms.
    pub ready_delay: Duration,
    /// Number of store events kept for watch resumption; older resourceVersions get 410 Expired.
    pub history_limit: usize,
    /// Interval of BOOKMARK events on watches that allow them.
    pub bookmark_interval: Duration,
    /// Serve HTTPS with a self-signed certificate instead of HTTP.
    pub tls: bool,
    /// Listen on this port instead of a free one.
    pub port: Option<u16>,
    /// Start with RBAC enforcement on (see [`crate::ServerHandle::enforce_rbac`]).
    pub enforce_rbac: bool,
    /// `gitVersion` reported by `/version`.
    pub git_version: String,
    /// Seed the `default` and `kube-system` namespaces (and `default` ServiceAccounts). Default on.
    pub seed_namespaces: bool,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            control_plane: true,
            schedule_delay: Duration::from_millis(1),
            start_delay: Duration::from_millis(2),
            ready_delay: Duration::from_millis(2),
            history_limit: 10_000,
            bookmark_interval: Duration::from_secs(5),
            tls: false,
            port: None,
            enforce_rbac: false,
            git_version: "v1.33.0".to_string(),
            seed_namespaces: true,
        }
    }
}
