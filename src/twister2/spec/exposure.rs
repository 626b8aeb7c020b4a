//! `Exposure`: how outside clients reach the workers (NodePort, LoadBalancer, Ingress).

/// An Ingress to the job's workers (`--expose ingress=HOST[/PATH]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngressExposure {
    /// Host name the Ingress answers for (`*.` wildcard allowed).
    pub host: String,
    /// Path prefix, starting with `/`.
    pub path: String,
    /// `ingressClassName`; `None` uses the cluster's default class.
    pub class: Option<String>,
    /// Secret holding the TLS certificate for `host`; `None` serves plain HTTP.
    pub tls_secret: Option<String>,
}

/// How outside clients reach the workers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Exposure {
    /// Only the headless worker Service (Twister2's default).
    #[default]
    None,
    /// The worker Service `<jobID>` becomes a NodePort Service (Twister2's
    /// `kubernetes.node.port.service.requested`); `None` lets Kubernetes pick the port.
    NodePort {
        /// Fixed node port (`kubernetes.service.node.port`), 30000–32767.
        node_port: Option<u16>,
    },
    /// A LoadBalancer Service `<jobID>-lb` next to the headless worker Service.
    LoadBalancer {
        /// `loadBalancerSourceRanges` (CIDRs); empty allows every source.
        source_ranges: Vec<String>,
    },
    /// An Ingress `<jobID>` to a ClusterIP Service `<jobID>-ingress`.
    Ingress(IngressExposure),
}

impl Exposure {
    /// Short name for tables and messages: `none`, `nodeport`, `loadbalancer`, `ingress`.
    pub fn kind(&self) -> &'static str {
        match self {
            Exposure::None => "none",
            Exposure::NodePort { .. } => "nodeport",
            Exposure::LoadBalancer { .. } => "loadbalancer",
            Exposure::Ingress(_) => "ingress",
        }
    }
}
