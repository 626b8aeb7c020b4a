//! Checks of the exposure: one worker per pod, node port range, CIDRs, Ingress host and path.

use crate::twister2::names::{is_cidr, is_dns1123_subdomain};
use crate::twister2::names::{is_ingress_host, is_ingress_path};
use crate::twister2::spec::{
    Exposure, IngressExposure, JobSpec, NODE_PORT_RANGE, TransportProtocol,
};

impl JobSpec {
    pub(super) fn check_exposure(&self, p: &mut Vec<String>) {
        // NodePort's one-worker-per-pod rule is part of the compute resource checks.
        if matches!(
            self.exposure,
            Exposure::LoadBalancer { .. } | Exposure::Ingress(_)
        ) {
            for cr in &self.compute_resources {
                if cr.workers_per_pod != 1 {
                    p.push(format!(
                        "compute resource {} has workers-per-pod {}, but {} exposure needs \
                         workers-per-pod 1 in every compute resource (a Service reaches one \
                         port per pod)",
                        cr.index,
                        cr.workers_per_pod,
                        self.exposure.kind()
                    ));
                }
            }
        }
        match &self.exposure {
            Exposure::None => {}
            Exposure::NodePort { node_port } => {
                let (low, high) = NODE_PORT_RANGE;
                if let Some(port) = node_port
                    && !(low..=high).contains(port)
                {
                    p.push(format!(
                        "node port {port} is outside the node port range {low}-{high}"
                    ));
                }
            }
            Exposure::LoadBalancer { source_ranges } => {
                for range in source_ranges {
                    if !is_cidr(range) {
                        p.push(format!(
                            "load balancer source range '{range}' is not a CIDR such as 10.0.0.0/8"
                        ));
                    }
                }
            }
            Exposure::Ingress(ingress) => self.check_ingress(ingress, p),
        }
        if self.external_traffic_policy.is_some()
            && !matches!(
                self.exposure,
                Exposure::NodePort { .. } | Exposure::LoadBalancer { .. }
            )
        {
            p.push(
                "--external-traffic-policy applies only to nodeport and loadbalancer exposure"
                    .to_string(),
            );
        }
    }

    fn check_ingress(&self, ingress: &IngressExposure, p: &mut Vec<String>) {
        if !is_ingress_host(&ingress.host) {
            p.push(format!(
                "ingress host '{}' must be a lowercase DNS name (optionally starting with '*.'), \
                 not an IP address",
                ingress.host
            ));
        }
        if !is_ingress_path(&ingress.path) {
            p.push(format!(
                "ingress path '{}' must start with '/' and contain no '//', '/./' or '/../'",
                ingress.path
            ));
        }
        if let Some(class) = &ingress.class
            && !is_dns1123_subdomain(class)
        {
            p.push(format!(
                "ingress class '{class}' is not a valid IngressClass name"
            ));
        }
        if let Some(secret) = &ingress.tls_secret
            && !is_dns1123_subdomain(secret)
        {
            p.push(format!("TLS secret '{secret}' is not a valid Secret name"));
        }
        if self.transport_protocol != TransportProtocol::Tcp {
            p.push("ingress exposure needs the TCP transport protocol".to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::twister2::names::is_cidr;
    use crate::twister2::spec::validate::test_support::*;
    use crate::twister2::spec::*;

    #[test]
    fn exposure_needs_one_worker_per_pod() {
        for exposure in [
            Exposure::NodePort { node_port: None },
            Exposure::LoadBalancer {
                source_ranges: vec![],
            },
            Exposure::Ingress(IngressExposure {
                host: "t2.example.com".into(),
                path: "/".into(),
                class: None,
                tls_secret: None,
            }),
        ] {
            let mut spec = JobSpec::example("j");
            spec.exposure = exposure.clone();
            assert!(has(&spec, "compute resource 0 has workers-per-pod 2, but"));
            let why = match exposure {
                Exposure::NodePort { .. } => {
                    "a NodePort service needs workers-per-pod 1".to_string()
                }
                _ => format!("{} exposure needs workers-per-pod 1", exposure.kind()),
            };
            assert!(has(&spec, &why), "{why}");
            assert_eq!(problems(&spec).len(), 1, "reported once");
            assert_eq!(wpp1(spec).validate(), Ok(()), "{exposure:?}");
        }
    }

    #[test]
    fn node_port_range() {
        let mut spec = wpp1(JobSpec::example("j"));
        spec.exposure = Exposure::NodePort {
            node_port: Some(29999),
        };
        assert!(has(
            &spec,
            "node port 29999 is outside the node port range 30000-32767"
        ));
        spec.exposure = Exposure::NodePort {
            node_port: Some(32768),
        };
        assert!(has(&spec, "32768"));
        spec.exposure = Exposure::NodePort {
            node_port: Some(30000),
        };
        assert_eq!(spec.validate(), Ok(()));
        spec.exposure = Exposure::NodePort {
            node_port: Some(32767),
        };
        assert_eq!(spec.validate(), Ok(()));
    }

    #[test]
    fn load_balancer_source_ranges_are_cidrs() {
        let mut spec = wpp1(JobSpec::example("j"));
        spec.exposure = Exposure::LoadBalancer {
            source_ranges: vec![
                "10.0.0.0/8".into(),
                "2001:db8::/32".into(),
                "10.0.0.0".into(),
            ],
        };
        let found = problems(&spec);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("'10.0.0.0'"));
        assert!(!is_cidr("10.0.0.0/33"));
        assert!(!is_cidr("host/8"));
    }

    #[test]
    fn ingress_host_path_class_and_tls() {
        let mut spec = wpp1(JobSpec::example("j"));
        let ingress = |host: &str, path: &str| {
            Exposure::Ingress(IngressExposure {
                host: host.into(),
                path: path.into(),
                class: Some("nginx".into()),
                tls_secret: Some("t2-tls".into()),
            })
        };
        for (host, path) in [
            ("t2.example.com", "/"),
            ("*.example.com", "/jobs/a"),
            ("a", "/x/"),
        ] {
            spec.exposure = ingress(host, path);
            assert_eq!(spec.validate(), Ok(()), "{host} {path}");
        }
        for host in [
            "10.0.0.1",
            "Upper.example.com",
            "bad_host",
            "",
            "a..b",
            "x.example.com:80",
        ] {
            spec.exposure = ingress(host, "/");
            assert!(has(&spec, "ingress host"), "{host}");
        }
        for path in ["", "jobs", "/a//b", "/a/../b", "/a/./b", "/a/..", "/ a"] {
            spec.exposure = ingress("t2.example.com", path);
            assert!(has(&spec, "ingress path"), "{path}");
        }
        spec.exposure = Exposure::Ingress(IngressExposure {
            host: "t2.example.com".into(),
            path: "/".into(),
            class: Some("Nginx!".into()),
            tls_secret: Some("bad secret".into()),
        });
        assert!(has(&spec, "ingress class 'Nginx!'"));
        assert!(has(&spec, "TLS secret 'bad secret'"));
        spec.transport_protocol = TransportProtocol::Udp;
        assert!(has(&spec, "needs the TCP transport protocol"));
    }

    #[test]
    fn external_traffic_policy_needs_an_external_service() {
        let mut spec = wpp1(JobSpec::example("j"));
        spec.external_traffic_policy = Some(ExternalTrafficPolicy::Local);
        assert!(has(&spec, "applies only to nodeport and loadbalancer"));
        spec.exposure = Exposure::NodePort { node_port: None };
        assert_eq!(spec.validate(), Ok(()));
        spec.exposure = Exposure::LoadBalancer {
            source_ranges: vec![],
        };
        assert_eq!(spec.validate(), Ok(()));
    }
}
