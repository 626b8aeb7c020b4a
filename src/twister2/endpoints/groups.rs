//! The groups of ways in (rows that share everything but the node): where their rows go and
//! what kind of way in they are.

use std::borrow::Cow;

use serde::Serialize;

/// Where the rows of a group go.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Reach<'a> {
    /// Every usable node (`externalTrafficPolicy: Cluster`).
    AllNodes,
    /// These usable nodes (indexes), which run a ready pod of the Service (`Local`).
    SomeNodes(Vec<usize>),
    /// The nodes could not be listed: one row without an address.
    NodesUnknown,
    /// One fixed place.
    Place {
        /// What the ADDRESS column shows; `None` = not assigned yet (`<pending>`).
        address: Option<Cow<'a, str>>,
        /// The name clients use (`-o name`, URL); `None` when there is none yet.
        host: Option<Cow<'a, str>>,
        /// Where a `--check` probe connects.
        connect: Option<Cow<'a, str>>,
    },
}

/// Endpoints that share everything but the node.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Group<'a> {
    pub(super) namespace: &'a str,
    pub(super) job: Option<&'a str>,
    pub(super) service: &'a str,
    pub(super) kind: EndpointType,
    pub(super) port: u16,
    pub(super) protocol: &'a str,
    pub(super) policy: Option<&'a str>,
    pub(super) scheme: &'static str,
    pub(super) path: Cow<'a, str>,
    pub(super) fixed_url: Option<String>,
    pub(super) reach: Reach<'a>,
}

impl Group<'_> {
    pub(super) fn order(&self) -> (&str, bool, &str, &str, EndpointType, u16) {
        (
            self.namespace,
            self.job.is_none(),
            self.job.unwrap_or_default(),
            self.service,
            self.kind,
            self.port,
        )
    }
}

/// The kind of a way in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum EndpointType {
    /// A node's address on the Service's nodePort.
    NodePort,
    /// The load balancer's IP or hostname on the Service port.
    LoadBalancer,
    /// An Ingress host and path (through the ingress controller's address).
    Ingress,
    /// The Service's cluster DNS name (reachable inside the cluster).
    #[serde(rename = "ClusterIP")]
    ClusterIp,
    /// The dashboard through `kubectl proxy` on this machine.
    KubectlProxy,
}

impl EndpointType {
    /// The TYPE column.
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointType::NodePort => "NodePort",
            EndpointType::LoadBalancer => "LoadBalancer",
            EndpointType::Ingress => "Ingress",
            EndpointType::ClusterIp => "ClusterIP",
            EndpointType::KubectlProxy => "KubectlProxy",
        }
    }
}

impl std::fmt::Display for EndpointType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
