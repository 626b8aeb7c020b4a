//! Package web server `twister2-uploader` (nginx Service and StatefulSet), its URLs and paths.
//!
//! Pods carry `app=twister2-uploader`, the label Twister2's client looks for; submit copies each
//! package into every pod's web root and job pods download it from the Service.

use crate::twister2::names;
use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{
    Container, ContainerPort, HTTPGetAction, PodSpec, PodTemplateSpec, Probe, Service, ServicePort,
    ServiceSpec,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::common::{InvalidOption, check_pinned_image, object_meta, resources};
use super::labels;
use crate::twister2::names::package_file_name;

/// Twister2's names of this component (defined in `twister2::names`).
pub use crate::twister2::names::uploader::{
    APP, COMPONENT, CONTAINER, HTTP_PORT, NAME, POD_SELECTOR, WEB_ROOT,
};

/// Pinned default image: Debian-based nginx, which has a shell and `tar` for uploads by exec.
pub const DEFAULT_IMAGE: &str = "nginx:1.27.3";

/// What `setup uploader` renders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploaderOptions {
    /// Namespace of every object.
    pub namespace: String,
    /// Number of nginx pods (`--replicas`); submit copies every package to each.
    pub replicas: i32,
    /// Container image (`--image`); must be pinned and have `sh` and `tar`.
    pub image: String,
}

impl UploaderOptions {
    /// One replica of the default image.
    pub fn new(namespace: impl Into<String>) -> Self {
        UploaderOptions {
            namespace: namespace.into(),
            replicas: 1,
            image: DEFAULT_IMAGE.to_string(),
        }
    }
}

/// The rendered objects, in apply order.
#[derive(Clone, Debug, PartialEq)]
pub struct UploaderObjects {
    /// Service `twister2-uploader` on port 80.
    pub service: Service,
    /// StatefulSet `twister2-uploader`.
    pub stateful_set: StatefulSet,
}

impl UploaderObjects {
    /// The objects as JSON documents, in apply order.
    pub fn to_json_values(&self) -> Result<Vec<serde_json::Value>, serde_json::Error> {
        Ok(vec![
            serde_json::to_value(&self.service)?,
            serde_json::to_value(&self.stateful_set)?,
        ])
    }
}

/// Renders the uploader.
pub fn uploader_objects(opts: &UploaderOptions) -> Result<UploaderObjects, InvalidOption> {
    if opts.replicas < 1 {
        return Err(InvalidOption::new(
            "--replicas",
            opts.replicas.to_string(),
            "at least one uploader pod is needed (without any, submit copies packages to job pods)",
        ));
    }
    check_pinned_image(&opts.image)?;
    let labels = object_labels();
    Ok(UploaderObjects {
        service: Service {
            metadata: object_meta(NAME, &opts.namespace, &labels),
            spec: Some(ServiceSpec {
                selector: Some(selector()),
                ports: Some(vec![ServicePort {
                    name: Some("http".to_string()),
                    port: HTTP_PORT,
                    target_port: Some(IntOrString::Int(HTTP_PORT)),
                    protocol: Some("TCP".to_string()),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        },
        stateful_set: stateful_set(opts, &labels),
    })
}

/// The web server URL for `namespace` (`twister2.kubernetes.uploader.web.server`); Twister2's
/// default hard-codes the `default` namespace.
pub fn web_server_url(namespace: &str) -> String {
    crate::twister2::names::uploader::base_url(namespace)
}

/// Where job pods download the package of `job_id` (`JOB_PACKAGE_URI`).
pub fn package_url(namespace: &str, job_id: &str) -> String {
    format!(
        "{}/{}",
        web_server_url(namespace),
        package_file_name(job_id)
    )
}

/// Where submit writes the package of `job_id` in each uploader pod.
pub fn package_path(job_id: &str) -> String {
    format!("{WEB_ROOT}/{}", package_file_name(job_id))
}

fn object_labels() -> BTreeMap<String, String> {
    let mut labels = labels::managed(COMPONENT);
    labels.insert(names::APP.to_string(), APP.to_string());
    labels
}

fn selector() -> BTreeMap<String, String> {
    BTreeMap::from([(names::APP.to_string(), APP.to_string())])
}

fn stateful_set(opts: &UploaderOptions, labels: &BTreeMap<String, String>) -> StatefulSet {
    let container = Container {
        name: CONTAINER.to_string(),
        image: Some(opts.image.clone()),
        image_pull_policy: Some("IfNotPresent".to_string()),
        ports: Some(vec![ContainerPort {
            name: Some("http".to_string()),
            container_port: HTTP_PORT,
            protocol: Some("TCP".to_string()),
            ..Default::default()
        }]),
        readiness_probe: Some(Probe {
            http_get: Some(HTTPGetAction {
                path: Some("/".to_string()),
                port: IntOrString::Int(HTTP_PORT),
                ..Default::default()
            }),
            period_seconds: Some(5),
            timeout_seconds: Some(2),
            failure_threshold: Some(3),
            ..Default::default()
        }),
        // Twister2 requests 1 CPU; serving files needs far less.
        resources: Some(resources("250m", "256Mi", None)),
        ..Default::default()
    };
    StatefulSet {
        metadata: object_meta(NAME, &opts.namespace, labels),
        spec: Some(StatefulSetSpec {
            replicas: Some(opts.replicas),
            service_name: Some(NAME.to_string()),
            // Replicas are independent copies; start them together.
            pod_management_policy: Some("Parallel".to_string()),
            selector: LabelSelector {
                match_labels: Some(selector()),
                ..Default::default()
            },
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(labels.clone()),
                    ..Default::default()
                }),
                spec: Some(PodSpec {
                    containers: vec![container],
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{assert_kubernetes_valid, yaml_stream};
    use super::*;

    fn container(o: &UploaderObjects) -> &Container {
        &o.stateful_set
            .spec
            .as_ref()
            .unwrap()
            .template
            .spec
            .as_ref()
            .unwrap()
            .containers[0]
    }

    #[test]
    fn objects_carry_the_label_twister2_selects_on() {
        let o = uploader_objects(&UploaderOptions::new("team-a")).unwrap();
        for meta in [&o.service.metadata, &o.stateful_set.metadata] {
            assert_eq!(meta.name.as_deref(), Some("twister2-uploader"));
            assert_eq!(meta.namespace.as_deref(), Some("team-a"));
            let l = meta.labels.as_ref().unwrap();
            assert_eq!(l["app"], "twister2-uploader");
            assert_eq!(l[names::COMPONENT], "uploader");
            assert_eq!(l[names::MANAGED_BY], "kubectl-twister2");
        }
        let spec = o.stateful_set.spec.as_ref().unwrap();
        let pod_labels = spec
            .template
            .metadata
            .as_ref()
            .unwrap()
            .labels
            .as_ref()
            .unwrap();
        let (key, value) = POD_SELECTOR.split_once('=').unwrap();
        assert_eq!(pod_labels[key], value);
        assert_eq!(
            o.service.spec.as_ref().unwrap().selector.as_ref().unwrap()[key],
            value
        );
    }

    #[test]
    fn replicas_image_probe_and_resources() {
        let o = uploader_objects(&UploaderOptions {
            replicas: 3,
            ..UploaderOptions::new("n")
        })
        .unwrap();
        let spec = o.stateful_set.spec.as_ref().unwrap();
        assert_eq!(spec.replicas, Some(3));
        let c = container(&o);
        assert_eq!(c.name, CONTAINER);
        assert_eq!(c.image.as_deref(), Some("nginx:1.27.3"));
        let probe = c
            .readiness_probe
            .as_ref()
            .unwrap()
            .http_get
            .as_ref()
            .unwrap();
        assert_eq!(probe.port, IntOrString::Int(80));
        assert!(c.resources.as_ref().unwrap().requests.is_some());
        let port = &o.service.spec.as_ref().unwrap().ports.as_ref().unwrap()[0];
        assert_eq!(
            (port.port, port.target_port.clone()),
            (80, Some(IntOrString::Int(80)))
        );
    }

    #[test]
    fn urls_and_paths() {
        assert_eq!(
            web_server_url("team-a"),
            "http://twister2-uploader.team-a.svc.cluster.local"
        );
        assert_eq!(
            package_url("team-a", "alice-wc-1"),
            "http://twister2-uploader.team-a.svc.cluster.local/alice-wc-1.tar.gz"
        );
        assert_eq!(
            package_path("alice-wc-1"),
            "/usr/share/nginx/html/alice-wc-1.tar.gz"
        );
    }

    #[test]
    fn rejects_bad_options() {
        let e = uploader_objects(&UploaderOptions {
            replicas: 0,
            ..UploaderOptions::new("n")
        })
        .unwrap_err();
        assert_eq!(e.option, "--replicas");
        let e = uploader_objects(&UploaderOptions {
            image: "nginx".to_string(),
            ..UploaderOptions::new("n")
        })
        .unwrap_err();
        assert_eq!(e.option, "--image");
        let o = uploader_objects(&UploaderOptions {
            image: "nginx:1.27.3-bookworm".to_string(),
            ..UploaderOptions::new("n")
        })
        .unwrap();
        assert_eq!(
            container(&o).image.as_deref(),
            Some("nginx:1.27.3-bookworm")
        );
    }

    #[test]
    fn snapshot_two_replicas() {
        let docs = uploader_objects(&UploaderOptions {
            replicas: 2,
            ..UploaderOptions::new("team-a")
        })
        .unwrap()
        .to_json_values()
        .unwrap();
        insta::assert_yaml_snapshot!(docs);
    }

    #[test]
    fn rendered_objects_pass_kubernetes_validate() {
        let docs = uploader_objects(&UploaderOptions::new("team-a"))
            .unwrap()
            .to_json_values()
            .unwrap();
        assert_kubernetes_valid(&[("uploader", yaml_stream(&docs))]);
    }
}
