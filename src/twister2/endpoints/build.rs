//! Building the `Endpoints` of the chosen jobs (and setup's services) from the cluster's objects.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{Service, ServicePort};
use k8s_openapi::api::networking::v1::Ingress;

use super::endpoint::Endpoints;
use super::groups::{EndpointType, Group, Reach};
use super::nodes::usable_nodes;
use super::selection::{Inventory, Owner, Selection, owner};
use super::service_fields::{
    http_path, is_local, label, namespace_of, node_port_ports, port_number, protocol, scheme,
};
use crate::twister2::job_summary::pod_ready;
use crate::twister2::names::{APP, CLUSTER_DOMAIN, JOB, dashboard};

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
