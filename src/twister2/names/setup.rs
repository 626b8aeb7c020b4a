//! Names of the namespace components `setup` installs, as Twister2's deployment files name them
//! (the pods and clients find them by these names), and their in-cluster addresses.

/// The cluster's DNS domain in Service addresses (Twister2 hard-codes it too).
pub const CLUSTER_DOMAIN: &str = "cluster.local";

/// `<name>.<namespace>.svc.cluster.local`.
pub fn service_dns(name: &str, namespace: &str) -> String {
    format!("{name}.{namespace}.svc.{CLUSTER_DOMAIN}")
}

/// The package web server `twister2-uploader`.
pub mod uploader {
    /// Value of `app.kubernetes.io/component`.
    pub const COMPONENT: &str = "uploader";
    /// Name of the Service and the StatefulSet (Twister2's name).
    pub const NAME: &str = "twister2-uploader";
    /// Value of Twister2's `app` label.
    pub const APP: &str = "twister2-uploader";
    /// Label selector Twister2's client uses to find uploader pods
    /// (`twister2.kubernetes.uploader.web.server.label`).
    pub const POD_SELECTOR: &str = "app=twister2-uploader";
    /// Container that receives packages (exec target).
    pub const CONTAINER: &str = "twister2-uploader";
    /// Directory nginx serves (`twister2.kubernetes.uploader.web.server.directory`).
    pub const WEB_ROOT: &str = "/usr/share/nginx/html";
    /// Port of nginx and of the Service.
    pub const HTTP_PORT: i32 = 80;

    /// Base URL pods download packages from in `namespace`
    /// (`twister2.kubernetes.uploader.web.server`; Twister2's default hard-codes `default`).
    pub fn base_url(namespace: &str) -> String {
        format!("http://{}", super::service_dns(NAME, namespace))
    }
}

/// The Twister2 dashboard `twister2-dashboard`.
pub mod dashboard {
    /// Value of `app.kubernetes.io/component`.
    pub const COMPONENT: &str = "dashboard";
    /// Name of the Service and the StatefulSet (Twister2's name).
    pub const NAME: &str = "twister2-dashboard";
    /// Value of Twister2's `app` label.
    pub const APP: &str = "twister2-dashboard";
    /// Port the dashboard listens on.
    pub const CONTAINER_PORT: i32 = 8080;
    /// Port of the Service.
    pub const SERVICE_PORT: i32 = 80;
    /// Port `kubectl proxy` listens on by default.
    pub const KUBECTL_PROXY_PORT: u16 = 8001;

    /// The dashboard through `kubectl proxy` (default port) for `namespace`.
    pub fn proxy_url(namespace: &str) -> String {
        format!(
            "http://localhost:{KUBECTL_PROXY_PORT}/api/v1/namespaces/{namespace}/services/http:{NAME}:/proxy/"
        )
    }

    /// The value for `twister2.dashboard.host` in `namespace`.
    pub fn host(namespace: &str) -> String {
        format!("http://{}", super::service_dns(NAME, namespace))
    }
}

/// The ZooKeeper ensemble `twister2-zookeeper`.
pub mod zookeeper {
    /// Value of `app.kubernetes.io/component`.
    pub const COMPONENT: &str = "zookeeper";
    /// Name of the client Service and the StatefulSet (Twister2's name).
    pub const NAME: &str = "twister2-zookeeper";
    /// Headless Service that gives every server a stable DNS name for quorum and election traffic.
    pub const HEADLESS_NAME: &str = "twister2-zookeeper-headless";
    /// Value of Twister2's `app` label on every ZooKeeper object.
    pub const APP: &str = "twister2-zookeeper";
    /// Client port.
    pub const CLIENT_PORT: i32 = 2181;
    /// Quorum (follower → leader) port.
    pub const QUORUM_PORT: i32 = 2888;
    /// Leader-election port.
    pub const ELECTION_PORT: i32 = 3888;

    /// The value for `twister2.resource.zookeeper.server.addresses` in `namespace`.
    pub fn server_addresses(namespace: &str) -> String {
        format!("{}:{CLIENT_PORT}", super::service_dns(NAME, namespace))
    }
}
