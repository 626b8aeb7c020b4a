//! `Endpoints`, walked as rows, and one endpoint (a row): its columns, URL, probe target and
//! document record.

use std::borrow::Cow;

use serde::Serialize;

use super::groups::{EndpointType, Group, Reach};
use super::nodes::NodeAddress;

/// Whether a probe reached an endpoint (`--check`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reachability {
    /// A TCP connection was established.
    pub reachable: bool,
    /// Time to connect, in milliseconds (when reachable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<f64>,
    /// Why not (when unreachable): `refused`, `timeout`, `unknown host`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One way in.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint<'e> {
    pub(super) group: &'e Group<'e>,
    pub(super) node: Option<&'e NodeAddress<'e>>,
}

/// The ADDRESS of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Address<'e> {
    /// Known.
    Known(&'e str),
    /// Not assigned yet (load balancer, ingress controller).
    Pending,
    /// The nodes could not be listed.
    Unknown,
}

impl std::fmt::Display for Address<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Address::Known(address) => f.write_str(address),
            Address::Pending => f.write_str("<pending>"),
            Address::Unknown => f.write_str("<unknown>"),
        }
    }
}

/// An endpoint as a document record (`-o json|yaml`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointRecord<'e> {
    /// Namespace of the Service.
    pub namespace: &'e str,
    /// Job ID (`null` for setup's services).
    pub job: Option<&'e str>,
    /// The Service (for Ingress rows: the backend Service).
    pub service: &'e str,
    /// `NodePort`, `LoadBalancer`, `Ingress`, `ClusterIP` or `KubectlProxy`.
    #[serde(rename = "type")]
    pub type_: EndpointType,
    /// The node (NodePort rows).
    pub node: Option<&'e str>,
    /// Node, load balancer, ingress controller or cluster IP address; `null` while pending or
    /// when the nodes could not be listed.
    pub address: Option<&'e str>,
    /// The name clients connect to (`-o name` prints `host:port`).
    pub host: Option<&'e str>,
    /// The port clients connect to.
    pub port: u16,
    /// `TCP`, `UDP` or `SCTP`.
    pub protocol: &'e str,
    /// A URL for the endpoint (`tcp://`, `udp://`, `http://`, `https://`).
    pub url: Option<String>,
    /// `--check` result.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub check: Option<&'e Reachability>,
}

impl<'e> Endpoint<'e> {
    /// Namespace of the Service.
    pub fn namespace(&self) -> &'e str {
        self.group.namespace
    }

    /// Job ID (`None` for setup's services).
    pub fn job(&self) -> Option<&'e str> {
        self.group.job
    }

    /// The Service (for Ingress rows: the backend Service).
    pub fn service(&self) -> &'e str {
        self.group.service
    }

    /// The kind of way in.
    pub fn kind(&self) -> EndpointType {
        self.group.kind
    }

    /// The node (NodePort rows).
    pub fn node(&self) -> Option<&'e str> {
        self.node.map(|n| n.name)
    }

    /// The port clients connect to.
    pub fn port(&self) -> u16 {
        self.group.port
    }

    /// `TCP`, `UDP` or `SCTP`.
    pub fn protocol(&self) -> &'e str {
        self.group.protocol
    }

    /// `externalTrafficPolicy` of NodePort and LoadBalancer Services.
    pub fn policy(&self) -> Option<&'e str> {
        self.group.policy
    }

    /// The ADDRESS column.
    pub fn address(&self) -> Address<'e> {
        if let Some(node) = self.node {
            return Address::Known(node.address);
        }
        match &self.group.reach {
            Reach::Place {
                address: Some(a), ..
            } => Address::Known(a),
            Reach::Place { address: None, .. } => Address::Pending,
            _ => Address::Unknown,
        }
    }

    /// The name clients connect to.
    pub fn host(&self) -> Option<&'e str> {
        if let Some(node) = self.node {
            return Some(node.address);
        }
        match &self.group.reach {
            Reach::Place { host, .. } => host.as_deref(),
            _ => None,
        }
    }

    /// `host:port` (IPv6 addresses in brackets), for `-o name`; `None` when there is no usable
    /// host yet (pending, unknown nodes, wildcard Ingress hosts).
    pub fn host_port(&self) -> Option<String> {
        let host = self.host().filter(|h| !h.starts_with('*'))?;
        Some(format!("{}:{}", bracketed(host), self.port()))
    }

    /// A URL for the endpoint.
    pub fn url(&self) -> Option<String> {
        if let Some(url) = &self.group.fixed_url {
            return Some(url.clone());
        }
        let host = self.host()?;
        let default_port = match self.group.scheme {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        };
        let authority = if default_port == Some(self.port()) {
            bracketed(host).into_owned()
        } else {
            format!("{}:{}", bracketed(host), self.port())
        };
        Some(format!(
            "{}://{authority}{}",
            self.group.scheme, self.group.path
        ))
    }

    /// Where a `--check` probe connects: host (or address) and port; `None` for UDP and SCTP
    /// endpoints (a TCP connect says nothing about them) and while there is no address.
    pub fn probe_target(&self) -> Option<(&'e str, u16)> {
        if self.protocol() != "TCP" {
            return None;
        }
        let host = match (self.node, &self.group.reach) {
            (Some(node), _) => node.address,
            (None, Reach::Place { connect, .. }) => connect.as_deref()?,
            _ => return None,
        };
        Some((host, self.port()))
    }

    /// The document record, with the `--check` result when there is one.
    pub fn record(&self, check: Option<&'e Reachability>) -> EndpointRecord<'e> {
        EndpointRecord {
            namespace: self.namespace(),
            job: self.job(),
            service: self.service(),
            type_: self.kind(),
            node: self.node(),
            address: match self.address() {
                Address::Known(a) => Some(a),
                _ => None,
            },
            host: self.host(),
            port: self.port(),
            protocol: self.protocol(),
            url: self.url(),
            check,
        }
    }
}

/// `[::1]` for IPv6 addresses, the host unchanged otherwise.
pub(super) fn bracketed(host: &str) -> Cow<'_, str> {
    if host.contains(':') {
        Cow::Owned(format!("[{host}]"))
    } else {
        Cow::Borrowed(host)
    }
}

/// Every way in, grouped; iterate with [`Endpoints::rows`].
#[derive(Debug, Clone, Default)]
pub struct Endpoints<'a> {
    pub(super) nodes: Vec<NodeAddress<'a>>,
    pub(super) groups: Vec<Group<'a>>,
    /// Things the user should know (nodes left out, Local Services without ready pods, chosen
    /// jobs that are not exposed), one sentence each.
    pub notes: Vec<String>,
    /// Chosen job IDs of which no Service or Ingress exists in the scope.
    pub missing_jobs: Vec<String>,
    /// Some NodePort endpoints could not be given node addresses (nodes not listed).
    pub nodes_unknown: bool,
}

impl<'a> Endpoints<'a> {
    /// Every endpoint, in order: namespace, job (setup's services last), Service, type, port,
    /// node name.
    pub fn rows(&self) -> impl Iterator<Item = Endpoint<'_>> + '_ {
        self.groups.iter().flat_map(move |group| {
            let nodes: Box<dyn Iterator<Item = Option<&NodeAddress<'_>>> + '_> = match &group.reach
            {
                Reach::AllNodes => Box::new(self.nodes.iter().map(Some)),
                Reach::SomeNodes(indexes) => {
                    Box::new(indexes.iter().filter_map(|i| self.nodes.get(*i)).map(Some))
                }
                Reach::NodesUnknown | Reach::Place { .. } => Box::new(std::iter::once(None)),
            };
            nodes.map(move |node| Endpoint { group, node })
        })
    }

    /// How many endpoints there are.
    pub fn len(&self) -> usize {
        self.groups
            .iter()
            .map(|group| match &group.reach {
                Reach::AllNodes => self.nodes.len(),
                Reach::SomeNodes(indexes) => indexes.len(),
                Reach::NodesUnknown | Reach::Place { .. } => 1,
            })
            .sum()
    }

    /// Whether there is no endpoint.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
