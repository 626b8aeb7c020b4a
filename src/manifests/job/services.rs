//! The job's worker and job-master Services (headless, or the NodePort worker Service).

use crate::twister2::names;
use k8s_openapi::api::core::v1::{Service, ServiceSpec};

use super::expose;
use super::metadata::{object_meta, role_selector};
use crate::twister2::names::{job_master_name, worker_service_name};
use crate::twister2::spec::{Exposure, JobSpec};

pub(super) fn worker_service(spec: &JobSpec) -> Service {
    match spec.exposure {
        Exposure::NodePort { node_port } => expose::node_port_service(spec, node_port),
        _ => headless_service(spec, worker_service_name(&spec.job_id), names::WORKER_POD),
    }
}

pub(super) fn job_master_service(spec: &JobSpec) -> Service {
    headless_service(spec, job_master_name(&spec.job_id), names::MASTER_POD)
}

/// Headless Service without ports selecting `role=<jobID>` (pods get DNS names through it).
fn headless_service(spec: &JobSpec, name: String, role: &str) -> Service {
    Service {
        metadata: object_meta(spec, name),
        spec: Some(ServiceSpec {
            cluster_ip: Some("None".to_string()),
            selector: Some(role_selector(spec, role)),
            ..ServiceSpec::default()
        }),
        ..Service::default()
    }
}

#[cfg(test)]
mod tests {
    use crate::manifests::job::render;
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants::{self, ID};

    #[test]
    fn headless_services_have_no_ports() {
        let objects = plain();
        for svc in [&objects.worker_service, &objects.job_master_service] {
            let s = svc.spec.as_ref().unwrap();
            assert_eq!(s.cluster_ip.as_deref(), Some("None"));
            assert_eq!(s.ports, None);
            assert_eq!(s.type_, None);
        }
    }

    #[test]
    fn nodeport_replaces_the_headless_worker_service() {
        let objects = render(&variants::nodeport());
        let svc = &objects.worker_service;
        assert_eq!(svc.metadata.name.as_deref(), Some(ID));
        let s = svc.spec.as_ref().unwrap();
        assert_eq!(s.type_.as_deref(), Some("NodePort"));
        assert_eq!(s.cluster_ip, None);
        assert_eq!(s.selector.as_ref(), Some(&sel("t2-wp")));
        let ports = s.ports.as_ref().unwrap();
        assert_eq!(ports.len(), 1);
        assert_eq!((ports[0].port, ports[0].node_port), (9000, Some(30080)));
        assert!(objects.exposure.is_empty());
        // The worker StatefulSets still name it.
        let sts = objects.workers[0].spec.as_ref().unwrap();
        assert_eq!(sts.service_name.as_deref(), Some(ID));
    }
}
