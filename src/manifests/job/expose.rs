//! Exposure of a job's workers: Twister2's NodePort Service, LoadBalancer and Ingress objects.
//!
//! Every exposure Service selects `t2-wp=<jobID>` and targets the worker base port, i.e. the
//! single worker container of each pod (exposure requires one worker per pod).
//!
//! Compat: the NodePort Service's port is named `worker` and its `targetPort` is written out
//! (the worker base port, which is what Kubernetes defaults it to); Twister2 leaves both unset.
//!
//! Compat: LoadBalancer and Ingress exposure do not exist in Twister2. They never replace the
//! headless `<jobID>` Service (worker StatefulSets name it as `serviceName`, so pods keep their
//! DNS names): they add `<jobID>-lb`, or `<jobID>-ingress` plus Ingress `<jobID>`. Twister2's job
//! master does not know these objects, so they are made dependents of the job's ConfigMap
//! ([`set_owner`]); Kubernetes' garbage collector removes them when the job master deletes it.

use crate::twister2::names;
use k8s_openapi::api::core::v1::{ConfigMap, Service, ServicePort, ServiceSpec};
use k8s_openapi::api::networking::v1::{
    HTTPIngressPath, HTTPIngressRuleValue, Ingress, IngressBackend, IngressRule,
    IngressServiceBackend, IngressSpec, IngressTLS, ServiceBackendPort,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::metadata::{object_meta, role_selector};
use crate::twister2::names::worker_service_name;
use crate::twister2::spec::{Exposure, IngressExposure, JobSpec};

/// Name of the worker port on every exposure Service.
pub const WORKER_PORT_NAME: &str = "worker";
/// `pathType` of the Ingress rule.
pub const INGRESS_PATH_TYPE: &str = "Prefix";

/// Name of the LoadBalancer Service: `<jobID>-lb`.
pub fn load_balancer_service_name(job_id: &str) -> String {
    format!("{job_id}-lb")
}

/// Name of the ClusterIP Service behind the Ingress: `<jobID>-ingress`.
pub fn ingress_service_name(job_id: &str) -> String {
    format!("{job_id}-ingress")
}

/// Name of the Ingress: `<jobID>`.
pub fn ingress_name(job_id: &str) -> String {
    job_id.to_string()
}

/// Exposure objects added next to Twister2's own (the NodePort Service is not one of them: it
/// is the job's worker Service).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExposureObjects {
    /// `<jobID>-lb` (LoadBalancer) or `<jobID>-ingress` (ClusterIP).
    pub services: Vec<Service>,
    /// Ingress `<jobID>`.
    pub ingress: Option<Ingress>,
}

impl ExposureObjects {
    /// Whether there is nothing to create.
    pub fn is_empty(&self) -> bool {
        self.services.is_empty() && self.ingress.is_none()
    }
}

/// The exposure objects of `spec` beyond the worker Service.
pub fn exposure_objects(spec: &JobSpec) -> ExposureObjects {
    match &spec.exposure {
        Exposure::None | Exposure::NodePort { .. } => ExposureObjects::default(),
        Exposure::LoadBalancer { source_ranges } => ExposureObjects {
            services: vec![load_balancer_service(spec, source_ranges)],
            ingress: None,
        },
        Exposure::Ingress(ingress_spec) => ExposureObjects {
            services: vec![ingress_service(spec)],
            ingress: Some(ingress(spec, ingress_spec)),
        },
    }
}

/// Twister2's NodePort worker Service `<jobID>` (§11): type NodePort, selector `t2-wp`, one port
/// = the worker base port with the transport protocol; `nodePort` only when fixed.
pub fn node_port_service(spec: &JobSpec, node_port: Option<u16>) -> Service {
    let mut port = worker_port(spec);
    port.node_port = node_port.map(i32::from);
    exposure_service(spec, worker_service_name(&spec.job_id), "NodePort", port)
}

/// LoadBalancer Service `<jobID>-lb` for the worker port, with the source ranges (if any).
pub fn load_balancer_service(spec: &JobSpec, source_ranges: &[String]) -> Service {
    let mut service = exposure_service(
        spec,
        load_balancer_service_name(&spec.job_id),
        "LoadBalancer",
        worker_port(spec),
    );
    if let Some(service_spec) = service.spec.as_mut() {
        service_spec.load_balancer_source_ranges =
            (!source_ranges.is_empty()).then(|| source_ranges.to_vec());
    }
    service
}

/// ClusterIP Service `<jobID>-ingress` for the worker port, the Ingress' backend.
pub fn ingress_service(spec: &JobSpec) -> Service {
    exposure_service(
        spec,
        ingress_service_name(&spec.job_id),
        "ClusterIP",
        worker_port(spec),
    )
}

/// Ingress `<jobID>`: `host` + `path` (prefix) → `<jobID>-ingress` on the worker port; TLS for
/// `host` from the secret when given.
pub fn ingress(spec: &JobSpec, exposure: &IngressExposure) -> Ingress {
    let backend = IngressBackend {
        service: Some(IngressServiceBackend {
            name: ingress_service_name(&spec.job_id),
            port: Some(ServiceBackendPort {
                number: Some(i32::from(spec.worker_base_port)),
                ..ServiceBackendPort::default()
            }),
        }),
        ..IngressBackend::default()
    };
    Ingress {
        metadata: object_meta(spec, ingress_name(&spec.job_id)),
        spec: Some(IngressSpec {
            ingress_class_name: exposure.class.clone(),
            rules: Some(vec![IngressRule {
                host: Some(exposure.host.clone()),
                http: Some(HTTPIngressRuleValue {
                    paths: vec![HTTPIngressPath {
                        path: Some(exposure.path.clone()),
                        path_type: INGRESS_PATH_TYPE.to_string(),
                        backend,
                    }],
                }),
            }]),
            tls: exposure.tls_secret.as_ref().map(|secret| {
                vec![IngressTLS {
                    hosts: Some(vec![exposure.host.clone()]),
                    secret_name: Some(secret.clone()),
                }]
            }),
            ..IngressSpec::default()
        }),
        ..Ingress::default()
    }
}

/// Makes the exposure objects dependents of the job's ConfigMap (as created, with its `uid`), so
/// they disappear with the job whoever deletes it. Returns `false`, changing nothing, when the
/// ConfigMap has no name or uid yet.
pub fn set_owner(objects: &mut ExposureObjects, config_map: &ConfigMap) -> bool {
    let (Some(name), Some(uid)) = (&config_map.metadata.name, &config_map.metadata.uid) else {
        return false;
    };
    let owner = OwnerReference {
        api_version: "v1".to_string(),
        kind: "ConfigMap".to_string(),
        name: name.clone(),
        uid: uid.clone(),
        ..OwnerReference::default()
    };
    let metas = objects
        .services
        .iter_mut()
        .map(|s| &mut s.metadata)
        .chain(objects.ingress.iter_mut().map(|i| &mut i.metadata));
    for meta in metas {
        add_owner(meta, owner.clone());
    }
    true
}

fn add_owner(meta: &mut ObjectMeta, owner: OwnerReference) {
    let owners = meta.owner_references.get_or_insert_with(Vec::new);
    if !owners.iter().any(|o| o.uid == owner.uid) {
        owners.push(owner);
    }
}

/// The worker port: base port, transport protocol, named `worker`, targeting the same port.
fn worker_port(spec: &JobSpec) -> ServicePort {
    let port = i32::from(spec.worker_base_port);
    ServicePort {
        name: Some(WORKER_PORT_NAME.to_string()),
        port,
        target_port: Some(IntOrString::Int(port)),
        protocol: Some(spec.transport_protocol.as_str().to_string()),
        ..ServicePort::default()
    }
}

fn exposure_service(spec: &JobSpec, name: String, type_: &str, port: ServicePort) -> Service {
    let external = matches!(type_, "NodePort" | "LoadBalancer");
    Service {
        metadata: object_meta(spec, name),
        spec: Some(ServiceSpec {
            type_: Some(type_.to_string()),
            selector: Some(role_selector(spec, names::WORKER_POD)),
            ports: Some(vec![port]),
            external_traffic_policy: spec
                .external_traffic_policy
                .filter(|_| external)
                .map(|policy| policy.as_str().to_string()),
            ..ServiceSpec::default()
        }),
        ..Service::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifests::job::render;
    use crate::manifests::job::variants::{self, ID};
    use crate::manifests::labels;
    use crate::twister2::spec::{ExternalTrafficPolicy, TransportProtocol};

    fn spec_of(service: &Service) -> &ServiceSpec {
        service.spec.as_ref().unwrap()
    }

    fn selector() -> std::collections::BTreeMap<String, String> {
        std::collections::BTreeMap::from([("t2-wp".to_string(), ID.to_string())])
    }

    fn only_port(service: &Service) -> &ServicePort {
        let ports = spec_of(service).ports.as_ref().unwrap();
        assert_eq!(ports.len(), 1);
        &ports[0]
    }

    #[test]
    fn node_port_service_shape() {
        let spec = variants::nodeport();
        let service = node_port_service(&spec, Some(30080));
        assert_eq!(service.metadata.name.as_deref(), Some(ID));
        assert_eq!(
            service.metadata.labels.as_ref(),
            Some(&labels::job_object(ID))
        );
        let s = spec_of(&service);
        assert_eq!(s.type_.as_deref(), Some("NodePort"));
        assert_eq!(s.selector.as_ref(), Some(&selector()));
        assert_eq!(s.cluster_ip, None);
        assert_eq!(s.external_traffic_policy.as_deref(), Some("Local"));
        let port = only_port(&service);
        assert_eq!(port.name.as_deref(), Some("worker"));
        assert_eq!(port.port, 9000);
        assert_eq!(port.target_port, Some(IntOrString::Int(9000)));
        assert_eq!(port.protocol.as_deref(), Some("TCP"));
        assert_eq!(port.node_port, Some(30080));
    }

    #[test]
    fn node_port_is_left_to_kubernetes_when_not_fixed() {
        let mut spec = variants::nodeport();
        spec.external_traffic_policy = None;
        spec.transport_protocol = TransportProtocol::Udp;
        spec.worker_base_port = 7000;
        let service = node_port_service(&spec, None);
        let port = only_port(&service);
        assert_eq!(port.node_port, None);
        assert_eq!((port.port, port.protocol.as_deref()), (7000, Some("UDP")));
        assert_eq!(spec_of(&service).external_traffic_policy, None);
    }

    #[test]
    fn node_port_adds_no_other_objects() {
        assert!(exposure_objects(&variants::nodeport()).is_empty());
        assert!(exposure_objects(&variants::plain()).is_empty());
    }

    #[test]
    fn load_balancer_service_next_to_the_headless_one() {
        let objects = render(&variants::loadbalancer());
        // Twister2's headless worker Service stays: the StatefulSets' serviceName names it.
        let headless = spec_of(&objects.worker_service);
        assert_eq!(headless.cluster_ip.as_deref(), Some("None"));
        assert_eq!(objects.exposure.services.len(), 1);
        assert_eq!(objects.exposure.ingress, None);
        let lb = &objects.exposure.services[0];
        assert_eq!(lb.metadata.name.as_deref(), Some(&*format!("{ID}-lb")));
        assert_eq!(lb.metadata.labels.as_ref(), Some(&labels::job_object(ID)));
        let s = spec_of(lb);
        assert_eq!(s.type_.as_deref(), Some("LoadBalancer"));
        assert_eq!(s.selector.as_ref(), Some(&selector()));
        assert_eq!(
            s.load_balancer_source_ranges,
            Some(vec!["10.0.0.0/8".to_string(), "192.168.1.0/24".to_string()])
        );
        assert_eq!(s.external_traffic_policy.as_deref(), Some("Cluster"));
        let port = only_port(lb);
        assert_eq!(
            (port.name.as_deref(), port.port, port.node_port),
            (Some("worker"), 9000, None)
        );
    }

    #[test]
    fn load_balancer_without_source_ranges_allows_everyone() {
        let service = load_balancer_service(&variants::loadbalancer(), &[]);
        assert_eq!(spec_of(&service).load_balancer_source_ranges, None);
    }

    #[test]
    fn ingress_and_its_service() {
        let objects = render(&variants::ingress());
        assert_eq!(
            spec_of(&objects.worker_service).cluster_ip.as_deref(),
            Some("None")
        );
        let service = &objects.exposure.services[0];
        assert_eq!(
            service.metadata.name.as_deref(),
            Some(&*format!("{ID}-ingress"))
        );
        let s = spec_of(service);
        assert_eq!(s.type_.as_deref(), Some("ClusterIP"));
        assert_eq!(s.selector.as_ref(), Some(&selector()));
        assert_eq!(s.external_traffic_policy, None);
        assert_eq!(only_port(service).port, 9000);

        let ingress = objects.exposure.ingress.as_ref().unwrap();
        assert_eq!(ingress.metadata.name.as_deref(), Some(ID));
        assert_eq!(
            ingress.metadata.labels.as_ref(),
            Some(&labels::job_object(ID))
        );
        let spec = ingress.spec.as_ref().unwrap();
        assert_eq!(spec.ingress_class_name.as_deref(), Some("nginx"));
        let rules = spec.rules.as_ref().unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].host.as_deref(), Some("t2.example.com"));
        let paths = &rules[0].http.as_ref().unwrap().paths;
        assert_eq!(paths.len(), 1);
        assert_eq!(paths[0].path.as_deref(), Some("/jobs"));
        assert_eq!(paths[0].path_type, "Prefix");
        let backend = paths[0].backend.service.as_ref().unwrap();
        assert_eq!(backend.name, format!("{ID}-ingress"));
        assert_eq!(backend.port.as_ref().unwrap().number, Some(9000));
        let tls = spec.tls.as_ref().unwrap();
        assert_eq!(tls.len(), 1);
        assert_eq!(tls[0].hosts, Some(vec!["t2.example.com".to_string()]));
        assert_eq!(tls[0].secret_name.as_deref(), Some("t2-tls"));
    }

    #[test]
    fn ingress_without_class_or_tls() {
        let spec = variants::ingress();
        let exposure = IngressExposure {
            host: "t2.example.com".into(),
            path: "/".into(),
            class: None,
            tls_secret: None,
        };
        let ingress = ingress(&spec, &exposure);
        let s = ingress.spec.unwrap();
        assert_eq!(s.ingress_class_name, None);
        assert_eq!(s.tls, None);
    }

    #[test]
    fn traffic_policy_never_lands_on_a_cluster_ip_service() {
        let mut spec = variants::ingress();
        spec.external_traffic_policy = Some(ExternalTrafficPolicy::Local);
        assert_eq!(
            spec_of(&ingress_service(&spec)).external_traffic_policy,
            None
        );
    }

    #[test]
    fn exposure_objects_are_owned_by_the_config_map() {
        let mut objects = render(&variants::ingress());
        let mut config_map = objects.config_map.clone();
        assert!(!set_owner(&mut objects.exposure, &config_map));
        assert_eq!(objects.exposure.services[0].metadata.owner_references, None);

        config_map.metadata.uid = Some("1234-abcd".into());
        assert!(set_owner(&mut objects.exposure, &config_map));
        assert!(set_owner(&mut objects.exposure, &config_map));
        let ingress = objects.exposure.ingress.as_ref().unwrap();
        for meta in [&objects.exposure.services[0].metadata, &ingress.metadata] {
            let owners = meta.owner_references.as_ref().unwrap();
            assert_eq!(owners.len(), 1, "set twice, recorded once");
            assert_eq!(
                (owners[0].api_version.as_str(), owners[0].kind.as_str()),
                ("v1", "ConfigMap")
            );
            assert_eq!(
                (owners[0].name.as_str(), owners[0].uid.as_str()),
                (ID, "1234-abcd")
            );
            assert_eq!(owners[0].controller, None);
        }
        // Twister2's own objects are never owned: its job master deletes them itself.
        assert_eq!(objects.worker_service.metadata.owner_references, None);
    }
}
