//! How to reach Twister2 jobs from outside: Services, Nodes, worker Pods and Ingresses become
//! one endpoint per way in (a node address on a NodePort, a load balancer address, an Ingress
//! host and path; with `--all-services` also setup's services by cluster DNS name, NodePort and
//! the `kubectl proxy` URL of the dashboard). Pure: no I/O.
//!
//! Rows are not materialised: NodePort Services with `externalTrafficPolicy: Cluster` share one
//! list of node addresses, and [`Endpoints::rows`] walks it, so 300 Services on 2,000 nodes cost
//! memory for 300 groups and 2,000 addresses, not for 600,000 rows.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{Node, Pod, Service, ServicePort};
use k8s_openapi::api::networking::v1::Ingress;
use serde::Serialize;

use crate::manifests::common::CLUSTER_DOMAIN;
use crate::manifests::labels::{APP, APP_TWISTER2, JOB, WORKER_POD};
use crate::manifests::{dashboard, uploader, zookeeper};
use crate::twister2::job_summary::pod_ready;

/// `app` label values of the services `setup` creates (dashboard, uploader, ZooKeeper).
pub const SETUP_APPS: [&str; 3] = [dashboard::APP, uploader::APP, zookeeper::APP];

/// Up to this many jobs, the worker-pod list names them (`t2-wp in (…)`); beyond, it takes every
/// worker pod (`t2-wp`), to keep the request line short.
const NAMED_POD_SELECTOR_LIMIT: usize = 10;

/// Which node address a NodePort endpoint shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AddressType {
    /// The node's ExternalIP when it has one, else its InternalIP.
    #[default]
    Preferred,
    /// ExternalIP only; nodes without one are left out.
    External,
    /// InternalIP only.
    Internal,
    /// The Hostname address.
    Hostname,
}

impl AddressType {
    /// `status.addresses[].type` values, in order of preference.
    fn kubernetes_types(self) -> &'static [&'static str] {
        match self {
            AddressType::Preferred => &["ExternalIP", "InternalIP"],
            AddressType::External => &["ExternalIP"],
            AddressType::Internal => &["InternalIP"],
            AddressType::Hostname => &["Hostname"],
        }
    }

    /// For messages: "an ExternalIP or InternalIP", "an ExternalIP", …
    pub fn describe(self) -> &'static str {
        match self {
            AddressType::Preferred => "an ExternalIP or InternalIP",
            AddressType::External => "an ExternalIP",
            AddressType::Internal => "an InternalIP",
            AddressType::Hostname => "a Hostname",
        }
    }

    /// The address of `node` of this type (the first one, when there are several).
    pub fn pick(self, node: &Node) -> Option<&str> {
        let addresses = node.status.as_ref()?.addresses.as_ref()?;
        self.kubernetes_types().iter().find_map(|wanted| {
            addresses
                .iter()
                .find(|a| a.type_ == *wanted && !a.address.is_empty())
                .map(|a| a.address.as_str())
        })
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

/// What the user asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection<'s> {
    /// Only these jobs (empty: every job).
    pub job_ids: &'s [String],
    /// Add setup's services (dashboard, uploader, ZooKeeper).
    pub all_services: bool,
    /// Which node address NodePort rows show.
    pub address_type: AddressType,
}

impl Selection<'_> {
    /// Label selector of the one Service list: job services (either client), and setup's with
    /// `--all-services` (chosen job IDs are then kept client-side).
    pub fn service_selector(&self) -> String {
        if self.all_services {
            let apps: Vec<&str> = std::iter::once(APP_TWISTER2)
                .chain(SETUP_APPS.iter().copied())
                .collect();
            format!("{APP} in ({})", apps.join(","))
        } else {
            self.ingress_selector()
        }
    }

    /// Label selector of the Ingress list (setup creates no Ingress).
    pub fn ingress_selector(&self) -> String {
        match self.job_ids {
            [] => format!("{APP}={APP_TWISTER2}"),
            [one] => format!("{JOB}={one}"),
            ids => format!("{JOB} in ({})", ids.join(",")),
        }
    }

    fn wants_job(&self, job: &str) -> bool {
        self.job_ids.is_empty() || self.job_ids.iter().any(|id| id == job)
    }
}

/// The label selectors of the pod lists that NodePort Services with `externalTrafficPolicy:
/// Local` need (none when there is no such Service): the jobs' worker pods (`t2-wp`), and setup's
/// pods when one of setup's Services is Local.
pub fn pod_selectors(services: &[Service], selection: &Selection<'_>) -> Vec<String> {
    let mut jobs = BTreeSet::new();
    let mut setup = false;
    for service in services {
        let Some(spec) = &service.spec else { continue };
        if !(is_local(spec.external_traffic_policy.as_deref())
            && spec.type_.as_deref() == Some("NodePort")
            && !node_port_ports(service).is_empty())
        {
            continue;
        }
        match owner(service, selection) {
            Some(Owner::Job(job)) => {
                jobs.insert(job);
            }
            Some(Owner::Setup) => setup = true,
            None => {}
        }
    }
    let mut selectors = Vec::new();
    if !jobs.is_empty() {
        let ids: Vec<&str> = jobs.into_iter().collect();
        selectors.push(match ids.as_slice() {
            [one] => format!("{WORKER_POD}={one}"),
            many if many.len() <= NAMED_POD_SELECTOR_LIMIT => {
                format!("{WORKER_POD} in ({})", many.join(","))
            }
            _ => WORKER_POD.to_string(),
        });
    }
    if setup {
        selectors.push(format!("{APP} in ({})", SETUP_APPS.join(",")));
    }
    selectors
}

/// What the cluster returned.
#[derive(Debug, Clone, Copy)]
pub struct Inventory<'a> {
    /// The Services of the one list.
    pub services: &'a [Service],
    /// Every node, or `None` when they could not be listed.
    pub nodes: Option<&'a [Node]>,
    /// Pods of the lists [`pod_selectors`] asked for.
    pub pods: &'a [Pod],
    /// The jobs' Ingresses.
    pub ingresses: &'a [Ingress],
}

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

/// One usable node: its name and the chosen address.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NodeAddress<'a> {
    name: &'a str,
    address: &'a str,
}

/// Where the rows of a group go.
#[derive(Debug, Clone, PartialEq)]
enum Reach<'a> {
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
struct Group<'a> {
    namespace: &'a str,
    job: Option<&'a str>,
    service: &'a str,
    kind: EndpointType,
    port: u16,
    protocol: &'a str,
    policy: Option<&'a str>,
    scheme: &'static str,
    path: Cow<'a, str>,
    fixed_url: Option<String>,
    reach: Reach<'a>,
}

impl Group<'_> {
    fn order(&self) -> (&str, bool, &str, &str, EndpointType, u16) {
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

/// Every way in, grouped; iterate with [`Endpoints::rows`].
#[derive(Debug, Clone, Default)]
pub struct Endpoints<'a> {
    nodes: Vec<NodeAddress<'a>>,
    groups: Vec<Group<'a>>,
    /// Things the user should know (nodes left out, Local Services without ready pods, chosen
    /// jobs that are not exposed), one sentence each.
    pub notes: Vec<String>,
    /// Chosen job IDs of which no Service or Ingress exists in the scope.
    pub missing_jobs: Vec<String>,
    /// Some NodePort endpoints could not be given node addresses (nodes not listed).
    pub nodes_unknown: bool,
}

/// One way in.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint<'e> {
    group: &'e Group<'e>,
    node: Option<&'e NodeAddress<'e>>,
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
fn bracketed(host: &str) -> Cow<'_, str> {
    if host.contains(':') {
        Cow::Owned(format!("[{host}]"))
    } else {
        Cow::Borrowed(host)
    }
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

/// Who a Service or Ingress belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner<'a> {
    Job(&'a str),
    Setup,
}

fn label<'a>(
    meta: &'a k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    key: &str,
) -> Option<&'a str> {
    meta.labels.as_ref()?.get(key).map(String::as_str)
}

/// The job (label `t2-job`, if chosen) or setup (label `app` of a setup service, with
/// `--all-services`) a Service belongs to; `None` when it is not wanted.
fn owner<'a>(service: &'a Service, selection: &Selection<'_>) -> Option<Owner<'a>> {
    if let Some(job) = label(&service.metadata, JOB) {
        return selection.wants_job(job).then_some(Owner::Job(job));
    }
    let app = label(&service.metadata, APP)?;
    (selection.all_services && SETUP_APPS.contains(&app)).then_some(Owner::Setup)
}

fn is_local(policy: Option<&str>) -> bool {
    policy == Some("Local")
}

/// The ports of a Service with an allocated nodePort.
fn node_port_ports(service: &Service) -> Vec<(&ServicePort, u16)> {
    service
        .spec
        .iter()
        .flat_map(|s| s.ports.iter().flatten())
        .filter_map(|p| {
            let node_port = u16::try_from(p.node_port?).ok()?;
            Some((p, node_port))
        })
        .collect()
}

fn port_number(port: &ServicePort) -> Option<u16> {
    u16::try_from(port.port).ok()
}

fn protocol(port: &ServicePort) -> &str {
    port.protocol.as_deref().unwrap_or("TCP")
}

/// URL scheme of a Service port: `http`/`https` when its appProtocol or name says so (the
/// `http`, `http-…` naming convention), else the transport protocol in lower case.
fn scheme(port: &ServicePort) -> &'static str {
    let named = |text: &str, scheme: &str| {
        text == scheme
            || text
                .strip_prefix(scheme)
                .is_some_and(|rest| rest.starts_with('-'))
    };
    let hints = [port.app_protocol.as_deref(), port.name.as_deref()];
    for hint in hints.into_iter().flatten() {
        let hint = hint.to_ascii_lowercase();
        if named(&hint, "https") {
            return "https";
        }
        if named(&hint, "http") {
            return "http";
        }
    }
    match protocol(port) {
        "UDP" => "udp",
        "SCTP" => "sctp",
        _ => "tcp",
    }
}

fn http_path(scheme: &str) -> Cow<'static, str> {
    Cow::Borrowed(if scheme.starts_with("http") { "/" } else { "" })
}

/// Usable nodes (Ready or without conditions, with an address of the chosen type), sorted by
/// name, and notes on those left out.
fn usable_nodes<'a>(
    nodes: &'a [Node],
    address_type: AddressType,
) -> (Vec<NodeAddress<'a>>, Vec<String>) {
    let mut usable = Vec::with_capacity(nodes.len());
    let (mut not_ready, mut without_address) = (0usize, 0usize);
    for node in nodes {
        let Some(name) = node.metadata.name.as_deref() else {
            continue;
        };
        let ready = node
            .status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"))
            .is_none_or(|c| c.status == "True");
        if !ready {
            not_ready += 1;
            continue;
        }
        match address_type.pick(node) {
            Some(address) => usable.push(NodeAddress { name, address }),
            None => without_address += 1,
        }
    }
    usable.sort_by(|a, b| a.name.cmp(b.name));
    let mut notes = Vec::new();
    if not_ready > 0 {
        notes.push(format!(
            "{not_ready} of {} nodes are not Ready and are left out of the NodePort endpoints",
            nodes.len()
        ));
    }
    if without_address > 0 {
        notes.push(format!(
            "{without_address} of {} nodes have no {} address and are left out of the NodePort \
endpoints (see --address-type)",
            nodes.len(),
            address_type.kubernetes_types().join(" or ")
        ));
    }
    (usable, notes)
}

/// Builds the endpoints of the chosen jobs (and setup's services) from what the cluster returned.
pub fn endpoints<'a>(inventory: &Inventory<'a>, selection: &Selection<'_>) -> Endpoints<'a> {
    let mut builder = Builder {
        inventory: *inventory,
        groups: Vec::new(),
        notes: Vec::new(),
        node_index: BTreeMap::new(),
        nodes_used: false,
        nodes_unknown: false,
    };
    let (nodes, node_notes) = match inventory.nodes {
        Some(nodes) => usable_nodes(nodes, selection.address_type),
        None => (Vec::new(), Vec::new()),
    };
    builder.node_index = nodes.iter().enumerate().map(|(i, n)| (n.name, i)).collect();
    let mut seen_jobs: BTreeSet<&str> = BTreeSet::new();
    let mut exposed_jobs: BTreeSet<(&str, &str)> = BTreeSet::new();
    for service in inventory.services {
        let Some(owner) = owner(service, selection) else {
            continue;
        };
        let before = builder.groups.len();
        match owner {
            Owner::Job(job) => {
                seen_jobs.insert(job);
                builder.job_service(service, job);
            }
            Owner::Setup => builder.setup_service(service),
        }
        if let (Owner::Job(job), true) = (owner, builder.groups.len() > before) {
            exposed_jobs.insert((namespace_of(&service.metadata), job));
        }
    }
    for ingress in inventory.ingresses {
        let Some(job) = label(&ingress.metadata, JOB) else {
            continue;
        };
        if !selection.wants_job(job) {
            continue;
        }
        seen_jobs.insert(job);
        let before = builder.groups.len();
        builder.ingress(ingress, job);
        if builder.groups.len() > before {
            exposed_jobs.insert((namespace_of(&ingress.metadata), job));
        }
    }
    let mut notes = Vec::new();
    if builder.nodes_used {
        notes.extend(node_notes);
    }
    notes.append(&mut builder.notes);
    let missing_jobs: Vec<String> = selection
        .job_ids
        .iter()
        .filter(|id| !seen_jobs.contains(id.as_str()))
        .cloned()
        .collect();
    for id in selection.job_ids {
        if seen_jobs.contains(id.as_str()) && !exposed_jobs.iter().any(|(_, job)| job == id) {
            notes.push(format!(
                "job {id} is not exposed: it has no NodePort or LoadBalancer Service and no \
Ingress (submit with --expose nodeport, --expose loadbalancer or --expose ingress=HOST)"
            ));
        }
    }
    let mut groups = builder.groups;
    groups.sort_by(|a, b| a.order().cmp(&b.order()));
    Endpoints {
        nodes,
        groups,
        notes,
        missing_jobs,
        nodes_unknown: builder.nodes_unknown,
    }
}

fn namespace_of(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> &str {
    meta.namespace.as_deref().unwrap_or_default()
}

struct Builder<'a> {
    inventory: Inventory<'a>,
    groups: Vec<Group<'a>>,
    notes: Vec<String>,
    node_index: BTreeMap<&'a str, usize>,
    nodes_used: bool,
    nodes_unknown: bool,
}

impl<'a> Builder<'a> {
    fn group(
        &self,
        service: &'a Service,
        job: Option<&'a str>,
        kind: EndpointType,
        port: u16,
        service_port: &'a ServicePort,
        reach: Reach<'a>,
    ) -> Group<'a> {
        let scheme = scheme(service_port);
        Group {
            namespace: namespace_of(&service.metadata),
            job,
            service: service.metadata.name.as_deref().unwrap_or_default(),
            kind,
            port,
            protocol: protocol(service_port),
            policy: service
                .spec
                .as_ref()
                .and_then(|s| s.external_traffic_policy.as_deref())
                .filter(|_| matches!(kind, EndpointType::NodePort | EndpointType::LoadBalancer)),
            scheme,
            path: http_path(scheme),
            fixed_url: None,
            reach,
        }
    }

    /// A job's NodePort or LoadBalancer Service (headless and ClusterIP ones are no way in).
    fn job_service(&mut self, service: &'a Service, job: &'a str) {
        match service.spec.as_ref().and_then(|s| s.type_.as_deref()) {
            Some("NodePort") => self.node_ports(service, Some(job)),
            Some("LoadBalancer") => self.load_balancer(service, Some(job)),
            _ => {}
        }
    }

    /// One of setup's Services: its cluster DNS name per port, its NodePorts and load balancer
    /// when it has them, and the `kubectl proxy` URL of the dashboard.
    fn setup_service(&mut self, service: &'a Service) {
        let Some(spec) = &service.spec else { return };
        let headless = spec
            .cluster_ip
            .as_deref()
            .is_none_or(|ip| ip.is_empty() || ip == "None");
        if headless || spec.type_.as_deref() == Some("ExternalName") {
            return;
        }
        let namespace = namespace_of(&service.metadata);
        let name = service.metadata.name.as_deref().unwrap_or_default();
        let dns = format!("{name}.{namespace}.svc.{CLUSTER_DOMAIN}");
        for port in spec.ports.iter().flatten() {
            let Some(number) = port_number(port) else {
                continue;
            };
            let reach = Reach::Place {
                address: spec.cluster_ip.as_deref().map(Cow::Borrowed),
                host: Some(Cow::Owned(dns.clone())),
                connect: Some(Cow::Owned(dns.clone())),
            };
            let group = self.group(service, None, EndpointType::ClusterIp, number, port, reach);
            self.groups.push(group);
        }
        match spec.type_.as_deref() {
            Some("NodePort") => self.node_ports(service, None),
            Some("LoadBalancer") => self.load_balancer(service, None),
            _ => {}
        }
        if label(&service.metadata, APP) == Some(dashboard::APP) && name == dashboard::NAME {
            let Some(port) = spec.ports.iter().flatten().next() else {
                return;
            };
            let reach = Reach::Place {
                address: Some(Cow::Borrowed("127.0.0.1")),
                host: Some(Cow::Borrowed("localhost")),
                connect: Some(Cow::Borrowed("localhost")),
            };
            let mut group = self.group(
                service,
                None,
                EndpointType::KubectlProxy,
                dashboard::KUBECTL_PROXY_PORT,
                port,
                reach,
            );
            group.scheme = "http";
            group.protocol = "TCP";
            group.fixed_url = Some(dashboard::proxy_url(namespace));
            self.groups.push(group);
        }
    }

    /// One group per nodePort: every node, or with `externalTrafficPolicy: Local` the nodes that
    /// run a ready pod of the Service.
    fn node_ports(&mut self, service: &'a Service, job: Option<&'a str>) {
        let ports = node_port_ports(service);
        if ports.is_empty() {
            return;
        }
        self.nodes_used = true;
        let local = is_local(
            service
                .spec
                .as_ref()
                .and_then(|s| s.external_traffic_policy.as_deref()),
        );
        let reach = if self.inventory.nodes.is_none() {
            self.nodes_unknown = true;
            Reach::NodesUnknown
        } else if local {
            let indexes = self.nodes_with_ready_pods(service);
            if indexes.is_empty() {
                self.notes.push(format!(
                    "Service {}/{} has externalTrafficPolicy: Local and no ready pod on a listed \
node yet: no node answers on its NodePort",
                    namespace_of(&service.metadata),
                    service.metadata.name.as_deref().unwrap_or_default()
                ));
                return;
            }
            Reach::SomeNodes(indexes)
        } else {
            Reach::AllNodes
        };
        for (port, node_port) in ports {
            let group = self.group(
                service,
                job,
                EndpointType::NodePort,
                node_port,
                port,
                reach.clone(),
            );
            self.groups.push(group);
        }
    }

    /// Indexes of the usable nodes running a ready pod selected by the Service.
    fn nodes_with_ready_pods(&self, service: &Service) -> Vec<usize> {
        let Some(selector) = service.spec.as_ref().and_then(|s| s.selector.as_ref()) else {
            return Vec::new();
        };
        if selector.is_empty() {
            return Vec::new();
        }
        let namespace = namespace_of(&service.metadata);
        let mut indexes: BTreeSet<usize> = BTreeSet::new();
        for pod in self.inventory.pods {
            if namespace_of(&pod.metadata) != namespace || !pod_ready(pod) {
                continue;
            }
            let Some(labels) = &pod.metadata.labels else {
                continue;
            };
            if !selector.iter().all(|(k, v)| labels.get(k) == Some(v)) {
                continue;
            }
            let node = pod.spec.as_ref().and_then(|s| s.node_name.as_deref());
            if let Some(index) = node.and_then(|n| self.node_index.get(n)) {
                indexes.insert(*index);
            }
        }
        indexes.into_iter().collect()
    }

    /// One group per port and load balancer address (one `<pending>` group while there is none).
    fn load_balancer(&mut self, service: &'a Service, job: Option<&'a str>) {
        let addresses: Vec<&'a str> = service
            .status
            .as_ref()
            .and_then(|s| s.load_balancer.as_ref())
            .and_then(|lb| lb.ingress.as_ref())
            .into_iter()
            .flatten()
            .filter_map(|i| i.ip.as_deref().or(i.hostname.as_deref()))
            .filter(|a| !a.is_empty())
            .collect();
        for port in service.spec.iter().flat_map(|s| s.ports.iter().flatten()) {
            let Some(number) = port_number(port) else {
                continue;
            };
            let places: Vec<Option<&'a str>> = if addresses.is_empty() {
                vec![None]
            } else {
                addresses.iter().copied().map(Some).collect()
            };
            for place in places {
                let reach = Reach::Place {
                    address: place.map(Cow::Borrowed),
                    host: place.map(Cow::Borrowed),
                    connect: place.map(Cow::Borrowed),
                };
                let group = self.group(
                    service,
                    job,
                    EndpointType::LoadBalancer,
                    number,
                    port,
                    reach,
                );
                self.groups.push(group);
            }
        }
    }

    /// One group per Ingress rule path (or the default backend): the host on 80, or 443 when a
    /// TLS entry covers it, through the ingress controller's address.
    fn ingress(&mut self, ingress: &'a Ingress, job: &'a str) {
        let Some(spec) = &ingress.spec else { return };
        let address: Option<&'a str> = ingress
            .status
            .as_ref()
            .and_then(|s| s.load_balancer.as_ref())
            .and_then(|lb| lb.ingress.as_ref())
            .into_iter()
            .flatten()
            .find_map(|i| i.ip.as_deref().or(i.hostname.as_deref()))
            .filter(|a| !a.is_empty());
        let tls = spec.tls.as_deref().unwrap_or_default();
        let secured = |host: Option<&str>| {
            tls.iter().any(|t| match (&t.hosts, host) {
                (None, _) => true,
                (Some(hosts), Some(host)) => hosts.iter().any(|h| h == host),
                (Some(hosts), None) => hosts.is_empty(),
            })
        };
        let ingress_name = ingress.metadata.name.as_deref().unwrap_or_default();
        let mut ways: Vec<(Option<&'a str>, &'a str, &'a str)> = Vec::new();
        for rule in spec.rules.iter().flatten() {
            let host = rule.host.as_deref().filter(|h| !h.is_empty());
            for path in rule.http.iter().flat_map(|h| h.paths.iter()) {
                let backend = path
                    .backend
                    .service
                    .as_ref()
                    .map(|s| s.name.as_str())
                    .or_else(|| path.backend.resource.as_ref().map(|r| r.name.as_str()))
                    .unwrap_or(ingress_name);
                ways.push((host, path.path.as_deref().unwrap_or("/"), backend));
            }
        }
        if ways.is_empty()
            && let Some(backend) = &spec.default_backend
        {
            let name = backend
                .service
                .as_ref()
                .map(|s| s.name.as_str())
                .unwrap_or(ingress_name);
            ways.push((None, "/", name));
        }
        for (host, path, backend) in ways {
            let https = secured(host);
            let scheme = if https { "https" } else { "http" };
            self.groups.push(Group {
                namespace: namespace_of(&ingress.metadata),
                job: Some(job),
                service: backend,
                kind: EndpointType::Ingress,
                port: if https { 443 } else { 80 },
                protocol: "TCP",
                policy: None,
                scheme,
                path: Cow::Borrowed(if path.starts_with('/') { path } else { "/" }),
                fixed_url: None,
                reach: Reach::Place {
                    address: address.map(Cow::Borrowed),
                    host: host.or(address).map(Cow::Borrowed),
                    connect: address
                        .or(host.filter(|h| !h.starts_with('*')))
                        .map(Cow::Borrowed),
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn service(value: serde_json::Value) -> Service {
        serde_json::from_value(value).unwrap()
    }

    fn node_port_service(ns: &str, job: &str, node_port: i32, policy: Option<&str>) -> Service {
        service(json!({
            "metadata": {"name": job, "namespace": ns, "labels": {"app": "twister2", "t2-job": job}},
            "spec": {
                "type": "NodePort",
                "selector": {"t2-wp": job},
                "externalTrafficPolicy": policy,
                "ports": [{"name": "worker", "port": 9000, "protocol": "TCP", "nodePort": node_port}]
            }
        }))
    }

    fn headless(ns: &str, job: &str, name: &str) -> Service {
        service(json!({
            "metadata": {"name": name, "namespace": ns, "labels": {"app": "twister2", "t2-job": job}},
            "spec": {"clusterIP": "None", "selector": {"t2-wp": job}}
        }))
    }

    fn node(name: &str, internal: &str, external: Option<&str>, ready: &str) -> Node {
        let mut addresses = vec![json!({"type": "InternalIP", "address": internal})];
        if let Some(e) = external {
            addresses.push(json!({"type": "ExternalIP", "address": e}));
        }
        addresses.push(json!({"type": "Hostname", "address": format!("{name}.example")}));
        serde_json::from_value(json!({
            "metadata": {"name": name},
            "status": {"addresses": addresses, "conditions": [{"type": "Ready", "status": ready}]}
        }))
        .unwrap()
    }

    fn pod(ns: &str, job: &str, name: &str, node: &str, ready: bool) -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": name, "namespace": ns, "labels": {"t2-wp": job, "t2-job": job}},
            "spec": {"nodeName": node, "containers": []},
            "status": {"conditions": [{"type": "Ready", "status": if ready {"True"} else {"False"}}]}
        }))
        .unwrap()
    }

    fn nodes() -> Vec<Node> {
        vec![
            node("node-b", "10.0.0.2", None, "True"),
            node("node-a", "10.0.0.1", Some("203.0.113.1"), "True"),
            node("node-c", "10.0.0.3", Some("203.0.113.3"), "False"),
        ]
    }

    fn table(endpoints: &Endpoints<'_>) -> Vec<String> {
        endpoints
            .rows()
            .map(|e| {
                format!(
                    "{} {} {} {} {} {} {} {}",
                    e.job().unwrap_or("-"),
                    e.service(),
                    e.kind(),
                    e.node().unwrap_or("-"),
                    e.address(),
                    e.port(),
                    e.url().unwrap_or_default(),
                    e.host_port().unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn node_port_on_every_ready_node_preferring_external_addresses() {
        let services = [
            node_port_service("ns", "j1", 30080, None),
            headless("ns", "j1", "j1-jm"),
        ];
        let nodes = nodes();
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &[],
            ingresses: &[],
        };
        let endpoints = endpoints(&inventory, &Selection::default());
        assert_eq!(
            table(&endpoints),
            [
                "j1 j1 NodePort node-a 203.0.113.1 30080 tcp://203.0.113.1:30080 203.0.113.1:30080",
                "j1 j1 NodePort node-b 10.0.0.2 30080 tcp://10.0.0.2:30080 10.0.0.2:30080",
            ]
        );
        assert_eq!(endpoints.len(), 2);
        assert_eq!(
            endpoints.notes,
            ["1 of 3 nodes are not Ready and are left out of the NodePort endpoints"]
        );
        assert!(endpoints.missing_jobs.is_empty());
    }

    #[test]
    fn address_types() {
        let services = [node_port_service("ns", "j1", 30080, None)];
        let nodes = nodes();
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &[],
            ingresses: &[],
        };
        let pick = |address_type| {
            let selection = Selection {
                address_type,
                ..Selection::default()
            };
            let e = endpoints(&inventory, &selection);
            let rows: Vec<String> = e.rows().map(|r| r.address().to_string()).collect();
            (rows, e.notes)
        };
        let (rows, notes) = pick(AddressType::External);
        assert_eq!(rows, ["203.0.113.1"]);
        assert!(
            notes[1].starts_with("1 of 3 nodes have no ExternalIP address"),
            "{notes:?}"
        );
        assert_eq!(pick(AddressType::Internal).0, ["10.0.0.1", "10.0.0.2"]);
        assert_eq!(
            pick(AddressType::Hostname).0,
            ["node-a.example", "node-b.example"]
        );
    }

    #[test]
    fn local_policy_keeps_nodes_with_ready_workers() {
        let services = [node_port_service("ns", "j1", 30080, Some("Local"))];
        let nodes = nodes();
        let pods = [
            pod("ns", "j1", "j1-0-0", "node-b", true),
            pod("ns", "j1", "j1-0-1", "node-a", false),
            pod("other", "j1", "j1-0-0", "node-a", true),
        ];
        assert_eq!(
            pod_selectors(&services, &Selection::default()),
            ["t2-wp=j1"]
        );
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &pods,
            ingresses: &[],
        };
        let e = endpoints(&inventory, &Selection::default());
        assert_eq!(
            e.rows().map(|r| r.node().unwrap()).collect::<Vec<_>>(),
            ["node-b"]
        );
        assert_eq!(e.rows().next().unwrap().policy(), Some("Local"));

        let unready = [pod("ns", "j1", "j1-0-0", "node-b", false)];
        let inventory = Inventory {
            pods: &unready,
            ..inventory
        };
        let e = endpoints(&inventory, &Selection::default());
        assert!(e.is_empty());
        assert!(
            e.notes
                .iter()
                .any(|n| n
                    .contains("Service ns/j1 has externalTrafficPolicy: Local and no ready pod")),
            "{:?}",
            e.notes
        );
    }

    #[test]
    fn pods_are_only_asked_for_local_node_ports() {
        let cluster = [node_port_service("ns", "j1", 30080, None)];
        assert!(pod_selectors(&cluster, &Selection::default()).is_empty());
        let many: Vec<Service> = (0..12)
            .map(|i| node_port_service("ns", &format!("j{i:02}"), 30000 + i, Some("Local")))
            .collect();
        assert_eq!(pod_selectors(&many, &Selection::default()), ["t2-wp"]);
        assert_eq!(
            pod_selectors(&many[..2], &Selection::default()),
            ["t2-wp in (j00,j01)"]
        );
        let chosen = ["j03".to_string()];
        let selection = Selection {
            job_ids: &chosen,
            ..Selection::default()
        };
        assert_eq!(pod_selectors(&many, &selection), ["t2-wp=j03"]);
    }

    #[test]
    fn load_balancer_pending_and_assigned() {
        let mut lb = service(json!({
            "metadata": {"name": "j1-lb", "namespace": "ns", "labels": {"app": "twister2", "t2-job": "j1"}},
            "spec": {"type": "LoadBalancer", "externalTrafficPolicy": "Cluster",
                     "ports": [{"name": "worker", "port": 9000, "nodePort": 31000}]}
        }));
        let services = [lb.clone()];
        let inventory = Inventory {
            services: &services,
            nodes: Some(&[]),
            pods: &[],
            ingresses: &[],
        };
        let e = endpoints(&inventory, &Selection::default());
        assert_eq!(table(&e), ["j1 j1-lb LoadBalancer - <pending> 9000  "]);
        let row = e.rows().next().unwrap();
        assert_eq!(row.probe_target(), None);
        assert_eq!(row.record(None).address, None);

        lb.status = serde_json::from_value(json!({"loadBalancer": {"ingress": [{"ip": "198.51.100.7"}, {"hostname": "lb.example.com"}]}})).unwrap();
        let services = [lb];
        let inventory = Inventory {
            services: &services,
            ..inventory
        };
        let e = endpoints(&inventory, &Selection::default());
        assert_eq!(
            table(&e),
            [
                "j1 j1-lb LoadBalancer - 198.51.100.7 9000 tcp://198.51.100.7:9000 198.51.100.7:9000",
                "j1 j1-lb LoadBalancer - lb.example.com 9000 tcp://lb.example.com:9000 lb.example.com:9000",
            ]
        );
        assert_eq!(
            e.rows().next().unwrap().probe_target(),
            Some(("198.51.100.7", 9000))
        );
    }

    #[test]
    fn ingress_host_path_and_address() {
        let mut ingress: Ingress = serde_json::from_value(json!({
            "metadata": {"name": "j1", "namespace": "ns", "labels": {"app": "twister2", "t2-job": "j1"}},
            "spec": {
                "rules": [{"host": "t2.example.com", "http": {"paths": [
                    {"path": "/jobs", "pathType": "Prefix", "backend": {"service": {"name": "j1-ingress", "port": {"number": 9000}}}}
                ]}}],
                "tls": [{"hosts": ["t2.example.com"], "secretName": "t2-tls"}]
            }
        }))
        .unwrap();
        let ingresses = [ingress.clone()];
        let inventory = Inventory {
            services: &[],
            nodes: Some(&[]),
            pods: &[],
            ingresses: &ingresses,
        };
        let e = endpoints(&inventory, &Selection::default());
        assert_eq!(
            table(&e),
            [
                "j1 j1-ingress Ingress - <pending> 443 https://t2.example.com/jobs t2.example.com:443"
            ]
        );
        assert_eq!(
            e.rows().next().unwrap().probe_target(),
            Some(("t2.example.com", 443))
        );

        ingress.spec.as_mut().unwrap().tls = None;
        ingress.status =
            serde_json::from_value(json!({"loadBalancer": {"ingress": [{"ip": "198.51.100.9"}]}}))
                .unwrap();
        let ingresses = [ingress];
        let inventory = Inventory {
            ingresses: &ingresses,
            ..inventory
        };
        let e = endpoints(&inventory, &Selection::default());
        assert_eq!(
            table(&e),
            [
                "j1 j1-ingress Ingress - 198.51.100.9 80 http://t2.example.com/jobs t2.example.com:80"
            ]
        );
        assert_eq!(
            e.rows().next().unwrap().probe_target(),
            Some(("198.51.100.9", 80))
        );
    }

    #[test]
    fn setup_services_with_all_services() {
        let dashboard = service(json!({
            "metadata": {"name": "twister2-dashboard", "namespace": "ns", "labels": {"app": "twister2-dashboard"}},
            "spec": {"type": "NodePort", "clusterIP": "10.96.0.10", "ports": [{"name": "http", "port": 80, "nodePort": 30500}]}
        }));
        let zookeeper = service(json!({
            "metadata": {"name": "twister2-zookeeper", "namespace": "ns", "labels": {"app": "twister2-zookeeper"}},
            "spec": {"clusterIP": "10.96.0.11", "ports": [{"name": "zk-port", "port": 2181}]}
        }));
        let zookeeper_headless = service(json!({
            "metadata": {"name": "twister2-zookeeper-headless", "namespace": "ns", "labels": {"app": "twister2-zookeeper"}},
            "spec": {"clusterIP": "None", "ports": [{"name": "zk-port", "port": 2181}]}
        }));
        let services = [
            dashboard,
            zookeeper,
            zookeeper_headless,
            node_port_service("ns", "j1", 30080, None),
        ];
        let nodes = [node("node-a", "10.0.0.1", None, "True")];
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &[],
            ingresses: &[],
        };
        let without = endpoints(&inventory, &Selection::default());
        assert_eq!(
            without.len(),
            1,
            "setup's services only with --all-services"
        );
        let selection = Selection {
            all_services: true,
            ..Selection::default()
        };
        assert_eq!(
            selection.service_selector(),
            "app in (twister2,twister2-dashboard,twister2-uploader,twister2-zookeeper)"
        );
        let e = endpoints(&inventory, &selection);
        assert_eq!(
            table(&e),
            [
                "j1 j1 NodePort node-a 10.0.0.1 30080 tcp://10.0.0.1:30080 10.0.0.1:30080",
                "- twister2-dashboard NodePort node-a 10.0.0.1 30500 http://10.0.0.1:30500/ 10.0.0.1:30500",
                "- twister2-dashboard ClusterIP - 10.96.0.10 80 http://twister2-dashboard.ns.svc.cluster.local/ twister2-dashboard.ns.svc.cluster.local:80",
                "- twister2-dashboard KubectlProxy - 127.0.0.1 8001 http://localhost:8001/api/v1/namespaces/ns/services/http:twister2-dashboard:/proxy/ localhost:8001",
                "- twister2-zookeeper ClusterIP - 10.96.0.11 2181 tcp://twister2-zookeeper.ns.svc.cluster.local:2181 twister2-zookeeper.ns.svc.cluster.local:2181",
            ]
        );
    }

    #[test]
    fn chosen_jobs_missing_and_unexposed() {
        let services = [
            node_port_service("ns", "j1", 30080, None),
            headless("ns", "j2", "j2"),
            node_port_service("ns", "j3", 30081, None),
        ];
        let nodes = [node("node-a", "10.0.0.1", None, "True")];
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &[],
            ingresses: &[],
        };
        let chosen = ["j1".to_string(), "j2".to_string(), "j9".to_string()];
        let selection = Selection {
            job_ids: &chosen,
            ..Selection::default()
        };
        assert_eq!(selection.service_selector(), "t2-job in (j1,j2,j9)");
        let e = endpoints(&inventory, &selection);
        assert_eq!(
            e.rows().map(|r| r.job().unwrap()).collect::<Vec<_>>(),
            ["j1"]
        );
        assert_eq!(e.missing_jobs, ["j9"]);
        assert!(
            e.notes
                .iter()
                .any(|n| n.starts_with("job j2 is not exposed")),
            "{:?}",
            e.notes
        );
    }

    #[test]
    fn hidden_nodes_give_one_row_without_address() {
        let services = [node_port_service("ns", "j1", 30080, None)];
        let inventory = Inventory {
            services: &services,
            nodes: None,
            pods: &[],
            ingresses: &[],
        };
        let e = endpoints(&inventory, &Selection::default());
        assert!(e.nodes_unknown);
        let row = e.rows().next().unwrap();
        assert_eq!(
            (row.address(), row.host_port(), row.url()),
            (Address::Unknown, None, None)
        );
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn ordering_namespaces_jobs_then_setup() {
        let services = [
            node_port_service("b", "j1", 30082, None),
            node_port_service("a", "j2", 30081, None),
            node_port_service("a", "j1", 30080, None),
        ];
        let nodes = [node("node-a", "10.0.0.1", None, "True")];
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &[],
            ingresses: &[],
        };
        let e = endpoints(&inventory, &Selection::default());
        let order: Vec<(&str, u16)> = e.rows().map(|r| (r.namespace(), r.port())).collect();
        assert_eq!(order, [("a", 30080), ("a", 30081), ("b", 30082)]);
    }

    #[test]
    fn ipv6_and_schemes() {
        assert_eq!(bracketed("fd00::1"), "[fd00::1]");
        let port = |name: Option<&str>, app: Option<&str>, protocol: Option<&str>| ServicePort {
            name: name.map(Into::into),
            app_protocol: app.map(Into::into),
            protocol: protocol.map(Into::into),
            ..ServicePort::default()
        };
        assert_eq!(scheme(&port(Some("http"), None, None)), "http");
        assert_eq!(scheme(&port(Some("http-metrics"), None, None)), "http");
        assert_eq!(scheme(&port(Some("httpd"), None, None)), "tcp");
        assert_eq!(scheme(&port(Some("web"), Some("HTTPS"), None)), "https");
        assert_eq!(scheme(&port(Some("worker"), None, Some("UDP"))), "udp");
        let services = [node_port_service("ns", "j1", 30080, None)];
        let nodes = [node("node-a", "fd00::1", None, "True")];
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &[],
            ingresses: &[],
        };
        let e = endpoints(&inventory, &Selection::default());
        let row = e.rows().next().unwrap();
        assert_eq!(row.url().as_deref(), Some("tcp://[fd00::1]:30080"));
        assert_eq!(row.host_port().as_deref(), Some("[fd00::1]:30080"));
    }

    #[test]
    fn record_shape() {
        let services = [node_port_service("ns", "j1", 30080, None)];
        let nodes = [node("node-a", "10.0.0.1", None, "True")];
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &[],
            ingresses: &[],
        };
        let e = endpoints(&inventory, &Selection::default());
        let check = Reachability {
            reachable: true,
            latency_ms: Some(0.5),
            error: None,
        };
        let row = e.rows().next().unwrap();
        assert_eq!(
            serde_json::to_value(row.record(Some(&check))).unwrap(),
            json!({
                "namespace": "ns", "job": "j1", "service": "j1", "type": "NodePort",
                "node": "node-a", "address": "10.0.0.1", "host": "10.0.0.1", "port": 30080,
                "protocol": "TCP", "url": "tcp://10.0.0.1:30080", "reachable": true, "latencyMs": 0.5
            })
        );
        assert!(
            serde_json::to_value(row.record(None))
                .unwrap()
                .get("reachable")
                .is_none()
        );
    }
}
