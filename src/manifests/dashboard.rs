//! Dashboard Service and StatefulSet `twister2-dashboard`, and the URLs to reach it.
//!
//! Image: Twister2's manifests use `twister2/twister2-k8s:0.8.0-SNAPSHOT`, a moving snapshot tag;
//! the default here is the release tag `0.8.0`, and `--image` picks another pinned one.
//!
//! Persistence: the dashboard keeps its data in H2 at `jdbc:h2:file:~/twister2_db` (its
//! `application.properties`), so Twister2's PVC mounted at `/persistent` never held it. With
//! persistence the volume is mounted at `/persistent` and `SPRING_DATASOURCE_URL` (Spring Boot
//! reads it over `application.properties`) moves the database there.

use crate::twister2::names;
use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{
    Container, ContainerPort, EnvVar, HTTPGetAction, PodSpec, PodTemplateSpec, Probe, Service,
    ServicePort, ServiceSpec, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::common::{InvalidOption, Persistence, check_pinned_image, object_meta, resources};
use super::labels;

/// Twister2's names of this component (defined in `twister2::names`).
pub use crate::twister2::names::dashboard::{
    APP, COMPONENT, CONTAINER_PORT, KUBECTL_PROXY_PORT, NAME, SERVICE_PORT, proxy_url,
};

/// Pinned default image (see the module notes).
pub const DEFAULT_IMAGE: &str = "twister2/twister2-k8s:0.8.0";
/// Default size of the data volume when persistence is requested (Twister2's PVC size).
pub const DEFAULT_STORAGE_SIZE: &str = "1Gi";
/// Where the data volume is mounted (Twister2's mount path).
pub const DATA_DIR: &str = "/persistent";

const CONTAINER: &str = "twister2-dashboard";
const PORT_NAME: &str = "dash-port";
const DATA_VOLUME: &str = "data";

/// What `setup dashboard` renders.
#[derive(Clone, Debug, PartialEq)]
pub struct DashboardOptions {
    /// Namespace of every object.
    pub namespace: String,
    /// Container image (`--image`); must be pinned.
    pub image: String,
    /// A volume for the H2 database; `None` = data lives in the container and is lost with it.
    pub persistence: Option<Persistence>,
}

impl DashboardOptions {
    /// Default image, no persistence.
    pub fn new(namespace: impl Into<String>) -> Self {
        DashboardOptions {
            namespace: namespace.into(),
            image: DEFAULT_IMAGE.to_string(),
            persistence: None,
        }
    }
}

/// The rendered objects, in apply order.
#[derive(Clone, Debug, PartialEq)]
pub struct DashboardObjects {
    /// Service `twister2-dashboard`, port 80 → 8080.
    pub service: Service,
    /// StatefulSet `twister2-dashboard`, one replica.
    pub stateful_set: StatefulSet,
}

impl DashboardObjects {
    /// The objects as JSON documents, in apply order.
    pub fn to_json_values(&self) -> Result<Vec<serde_json::Value>, serde_json::Error> {
        Ok(vec![
            serde_json::to_value(&self.service)?,
            serde_json::to_value(&self.stateful_set)?,
        ])
    }
}

/// Renders the dashboard.
pub fn dashboard_objects(opts: &DashboardOptions) -> Result<DashboardObjects, InvalidOption> {
    check_pinned_image(&opts.image)?;
    if let Some(p) = &opts.persistence {
        p.check()?;
    }
    let labels = object_labels();
    Ok(DashboardObjects {
        service: Service {
            metadata: object_meta(NAME, &opts.namespace, &labels),
            spec: Some(ServiceSpec {
                selector: Some(selector()),
                ports: Some(vec![ServicePort {
                    name: Some("http".to_string()),
                    port: SERVICE_PORT,
                    target_port: Some(IntOrString::String(PORT_NAME.to_string())),
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

/// The value for `twister2.dashboard.host` in `namespace`.
pub fn dashboard_host(namespace: &str) -> String {
    crate::twister2::names::dashboard::host(namespace)
}

/// H2 database URL on the data volume (same options as the dashboard's default URL).
pub fn persistent_database_url() -> String {
    format!("jdbc:h2:file:{DATA_DIR}/twister2_db;DB_CLOSE_ON_EXIT=FALSE")
}

fn object_labels() -> BTreeMap<String, String> {
    let mut labels = labels::managed(COMPONENT);
    labels.insert(names::APP.to_string(), APP.to_string());
    labels
}

fn selector() -> BTreeMap<String, String> {
    BTreeMap::from([(names::APP.to_string(), APP.to_string())])
}

fn stateful_set(opts: &DashboardOptions, labels: &BTreeMap<String, String>) -> StatefulSet {
    let persistent = opts.persistence.as_ref();
    let container = Container {
        name: CONTAINER.to_string(),
        image: Some(opts.image.clone()),
        image_pull_policy: Some("IfNotPresent".to_string()),
        command: Some(vec!["/twister2/bin/twister2".to_string()]),
        args: Some(vec!["dash".to_string()]),
        ports: Some(vec![ContainerPort {
            name: Some(PORT_NAME.to_string()),
            container_port: CONTAINER_PORT,
            protocol: Some("TCP".to_string()),
            ..Default::default()
        }]),
        env: persistent.map(|_| {
            vec![EnvVar {
                name: "SPRING_DATASOURCE_URL".to_string(),
                value: Some(persistent_database_url()),
                ..Default::default()
            }]
        }),
        readiness_probe: Some(Probe {
            http_get: Some(HTTPGetAction {
                path: Some("/".to_string()),
                port: IntOrString::String(PORT_NAME.to_string()),
                ..Default::default()
            }),
            // A Spring Boot JVM takes a while to start.
            initial_delay_seconds: Some(15),
            period_seconds: Some(10),
            timeout_seconds: Some(5),
            failure_threshold: Some(6),
            ..Default::default()
        }),
        // Twister2 requests 0.5 CPU and 256Mi; a Spring Boot JVM with H2 needs more memory.
        resources: Some(resources("500m", "512Mi", None)),
        volume_mounts: persistent.map(|_| {
            vec![VolumeMount {
                name: DATA_VOLUME.to_string(),
                mount_path: DATA_DIR.to_string(),
                ..Default::default()
            }]
        }),
        ..Default::default()
    };
    StatefulSet {
        metadata: object_meta(NAME, &opts.namespace, labels),
        spec: Some(StatefulSetSpec {
            // One instance: the H2 file database allows one writer.
            replicas: Some(1),
            service_name: Some(NAME.to_string()),
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
            volume_claim_templates: persistent.map(|p| vec![p.claim_template(DATA_VOLUME, labels)]),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{assert_kubernetes_valid, yaml_stream};
    use super::*;
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

    fn persistent() -> DashboardOptions {
        DashboardOptions {
            persistence: Some(Persistence {
                storage_class: Some("nfs".to_string()),
                size: DEFAULT_STORAGE_SIZE.to_string(),
            }),
            ..DashboardOptions::new("team-a")
        }
    }

    fn container(o: &DashboardObjects) -> &Container {
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
    fn service_maps_80_to_the_dashboard_port() {
        let o = dashboard_objects(&DashboardOptions::new("team-a")).unwrap();
        assert_eq!(
            o.service.metadata.name.as_deref(),
            Some("twister2-dashboard")
        );
        assert_eq!(o.service.metadata.namespace.as_deref(), Some("team-a"));
        let spec = o.service.spec.as_ref().unwrap();
        let port = &spec.ports.as_ref().unwrap()[0];
        assert_eq!(port.port, 80);
        assert_eq!(
            port.target_port,
            Some(IntOrString::String("dash-port".to_string()))
        );
        assert_eq!(spec.selector.as_ref().unwrap()["app"], "twister2-dashboard");
        let c = container(&o);
        assert_eq!(c.ports.as_ref().unwrap()[0].container_port, 8080);
        assert_eq!(
            c.ports.as_ref().unwrap()[0].name.as_deref(),
            Some("dash-port")
        );
    }

    #[test]
    fn statefulset_runs_twister2_dash_on_a_pinned_image_with_readiness_and_requests() {
        let o = dashboard_objects(&DashboardOptions::new("team-a")).unwrap();
        let meta = &o.stateful_set.metadata;
        assert_eq!(meta.namespace.as_deref(), Some("team-a"));
        let l = meta.labels.as_ref().unwrap();
        assert_eq!(l["app"], "twister2-dashboard");
        assert_eq!(l[names::COMPONENT], "dashboard");
        assert_eq!(l[names::MANAGED_BY], "kubectl-twister2");
        let spec = o.stateful_set.spec.as_ref().unwrap();
        assert_eq!(spec.replicas, Some(1));
        assert_eq!(spec.service_name.as_deref(), Some("twister2-dashboard"));
        let c = container(&o);
        assert_eq!(c.image.as_deref(), Some("twister2/twister2-k8s:0.8.0"));
        assert_eq!(c.command.as_ref().unwrap(), &["/twister2/bin/twister2"]);
        assert_eq!(c.args.as_ref().unwrap(), &["dash"]);
        let probe = c
            .readiness_probe
            .as_ref()
            .unwrap()
            .http_get
            .as_ref()
            .unwrap();
        assert_eq!(probe.path.as_deref(), Some("/"));
        assert_eq!(probe.port, IntOrString::String("dash-port".to_string()));
        let requests = c.resources.as_ref().unwrap().requests.as_ref().unwrap();
        assert_eq!(requests["cpu"], Quantity("500m".to_string()));
        assert!(c.env.is_none());
        assert!(c.volume_mounts.is_none());
        assert!(spec.volume_claim_templates.is_none());
    }

    #[test]
    fn persistence_mounts_a_claim_and_moves_the_database_onto_it() {
        let o = dashboard_objects(&persistent()).unwrap();
        let spec = o.stateful_set.spec.as_ref().unwrap();
        let claim = &spec.volume_claim_templates.as_ref().unwrap()[0];
        assert_eq!(claim.metadata.name.as_deref(), Some("data"));
        assert_eq!(
            claim.spec.as_ref().unwrap().storage_class_name.as_deref(),
            Some("nfs")
        );
        let c = container(&o);
        let mount = &c.volume_mounts.as_ref().unwrap()[0];
        assert_eq!(
            (mount.name.as_str(), mount.mount_path.as_str()),
            ("data", "/persistent")
        );
        let env = &c.env.as_ref().unwrap()[0];
        assert_eq!(env.name, "SPRING_DATASOURCE_URL");
        assert_eq!(
            env.value.as_deref(),
            Some("jdbc:h2:file:/persistent/twister2_db;DB_CLOSE_ON_EXIT=FALSE")
        );
    }

    #[test]
    fn urls_for_a_namespace() {
        assert_eq!(
            proxy_url("team-a"),
            "http://localhost:8001/api/v1/namespaces/team-a/services/http:twister2-dashboard:/proxy/"
        );
        assert_eq!(
            dashboard_host("team-a"),
            "http://twister2-dashboard.team-a.svc.cluster.local"
        );
    }

    #[test]
    fn image_override_and_rejections() {
        let o = dashboard_objects(&DashboardOptions {
            image: "example.com/t2/dash:1.2".to_string(),
            ..DashboardOptions::new("n")
        })
        .unwrap();
        assert_eq!(
            container(&o).image.as_deref(),
            Some("example.com/t2/dash:1.2")
        );
        for image in ["twister2/twister2-k8s", "twister2/twister2-k8s:latest"] {
            let e = dashboard_objects(&DashboardOptions {
                image: image.to_string(),
                ..DashboardOptions::new("n")
            })
            .unwrap_err();
            assert_eq!(e.option, "--image");
        }
        let e = dashboard_objects(&DashboardOptions {
            persistence: Some(Persistence {
                storage_class: Some("NFS!".to_string()),
                size: "1Gi".to_string(),
            }),
            ..DashboardOptions::new("n")
        })
        .unwrap_err();
        assert_eq!(e.option, "--storage-class");
    }

    #[test]
    fn snapshot_without_persistence() {
        let docs = dashboard_objects(&DashboardOptions::new("team-a"))
            .unwrap()
            .to_json_values()
            .unwrap();
        insta::assert_yaml_snapshot!(docs);
    }

    #[test]
    fn snapshot_with_persistence() {
        let docs = dashboard_objects(&persistent())
            .unwrap()
            .to_json_values()
            .unwrap();
        insta::assert_yaml_snapshot!(docs);
    }

    #[test]
    fn rendered_objects_pass_kubernetes_validate() {
        let streams = [
            ("dashboard", DashboardOptions::new("team-a")),
            ("dashboard-persistent", persistent()),
        ]
        .map(|(name, opts)| {
            (
                name,
                yaml_stream(&dashboard_objects(&opts).unwrap().to_json_values().unwrap()),
            )
        });
        assert_kubernetes_valid(&streams);
    }
}
