//! ZooKeeper ensemble `twister2-zookeeper`: a client Service, a headless peer Service and a
//! StatefulSet whose servers take their ids from the pod ordinals.

use crate::twister2::names;
use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{
    Affinity, Capabilities, Container, ContainerPort, EmptyDirVolumeSource, EnvVar, ExecAction,
    PodAffinityTerm, PodAntiAffinity, PodSecurityContext, PodSpec, PodTemplateSpec, Probe,
    SecurityContext, Service, ServicePort, ServiceSpec, TCPSocketAction, Volume, VolumeMount,
    WeightedPodAffinityTerm,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::common::{InvalidOption, Persistence, check_pinned_image, object_meta, resources};
use super::labels;
use crate::twister2::names::CLUSTER_DOMAIN;

/// Twister2's names of this component (defined in `twister2::names`).
pub use crate::twister2::names::zookeeper::{
    APP, CLIENT_PORT, COMPONENT, ELECTION_PORT, HEADLESS_NAME, NAME, QUORUM_PORT, server_addresses,
};

/// Pinned default image: the official ZooKeeper 3.8 image (Twister2 needs ZooKeeper ≥ 3.5).
pub const DEFAULT_IMAGE: &str = "zookeeper:3.8.4";
/// Default size of each server's data volume when persistence is requested.
pub const DEFAULT_STORAGE_SIZE: &str = "5Gi";
/// Ensemble sizes offered: 1 (no fault tolerance), 3 (survives one loss), 5 (survives two).
pub const ALLOWED_REPLICAS: [i32; 3] = [1, 3, 5];

const CONTAINER: &str = "twister2-zookeeper";
const DATA_VOLUME: &str = "data";
const DATA_DIR: &str = "/data";
/// uid/gid of the `zookeeper` user in the official image; the image's entrypoint skips its
/// root-only `chown`/`gosu` step when started as this user.
const ZOOKEEPER_UID: i64 = 1000;

/// Starts the image's entrypoint with `ZOO_MY_ID` = pod ordinal + 1 (ZooKeeper ids start at 1).
/// A fixed script: nothing from the user is interpolated into it.
const START_SCRIPT: &str = r#"set -eu
ordinal="${HOSTNAME##*-}"
case "$ordinal" in
  ''|*[!0-9]*) echo "cannot derive the ZooKeeper server id from host name '$HOSTNAME'" >&2; exit 1 ;;
esac
export ZOO_MY_ID="$((ordinal + 1))"
exec /docker-entrypoint.sh zkServer.sh start-foreground
"#;

/// Ready when the server answers `srvr` with a mode (standalone, leader or follower), i.e. it
/// is serving; `srvr` is the one four-letter word ZooKeeper allows by default. Uses the image's
/// netcat.
const READY_SCRIPT: &str = "echo srvr | nc -w 2 127.0.0.1 2181 | grep -q '^Mode: '";

/// What `setup zookeeper` renders.
#[derive(Clone, Debug, PartialEq)]
pub struct ZookeeperOptions {
    /// Namespace of every object.
    pub namespace: String,
    /// Ensemble size: 1, 3 or 5.
    pub replicas: i32,
    /// Container image (`--image`); must be pinned to a tag or digest.
    pub image: String,
    /// Data volumes per server; `None` = emptyDir (state is lost when a pod is replaced).
    pub persistence: Option<Persistence>,
}

impl ZookeeperOptions {
    /// One server, the default image, no persistence.
    pub fn new(namespace: impl Into<String>) -> Self {
        ZookeeperOptions {
            namespace: namespace.into(),
            replicas: 1,
            image: DEFAULT_IMAGE.to_string(),
            persistence: None,
        }
    }
}

/// The rendered objects, in apply order.
#[derive(Clone, Debug, PartialEq)]
pub struct ZookeeperObjects {
    /// Headless Service `twister2-zookeeper-headless` (peer DNS, publishes not-ready pods).
    pub headless_service: Service,
    /// ClusterIP Service `twister2-zookeeper` on 2181 for clients.
    pub service: Service,
    /// StatefulSet `twister2-zookeeper`.
    pub stateful_set: StatefulSet,
}

impl ZookeeperObjects {
    /// The objects as JSON documents, in apply order (for `-o yaml|json` and validation).
    pub fn to_json_values(&self) -> Result<Vec<serde_json::Value>, serde_json::Error> {
        Ok(vec![
            serde_json::to_value(&self.headless_service)?,
            serde_json::to_value(&self.service)?,
            serde_json::to_value(&self.stateful_set)?,
        ])
    }
}

/// Renders the ZooKeeper ensemble.
pub fn zookeeper_objects(opts: &ZookeeperOptions) -> Result<ZookeeperObjects, InvalidOption> {
    if !ALLOWED_REPLICAS.contains(&opts.replicas) {
        return Err(InvalidOption::new(
            "--replicas",
            opts.replicas.to_string(),
            "a ZooKeeper ensemble needs 1, 3 or 5 servers",
        ));
    }
    check_pinned_image(&opts.image)?;
    if let Some(p) = &opts.persistence {
        p.check()?;
    }
    let labels = object_labels();
    Ok(ZookeeperObjects {
        headless_service: Service {
            metadata: object_meta(HEADLESS_NAME, &opts.namespace, &labels),
            spec: Some(ServiceSpec {
                cluster_ip: Some("None".to_string()),
                publish_not_ready_addresses: Some(true),
                selector: Some(selector()),
                ports: Some(vec![
                    service_port("server", QUORUM_PORT),
                    service_port("leader-election", ELECTION_PORT),
                    service_port("zk-port", CLIENT_PORT),
                ]),
                ..Default::default()
            }),
            ..Default::default()
        },
        service: Service {
            metadata: object_meta(NAME, &opts.namespace, &labels),
            spec: Some(ServiceSpec {
                selector: Some(selector()),
                ports: Some(vec![service_port("zk-port", CLIENT_PORT)]),
                ..Default::default()
            }),
            ..Default::default()
        },
        stateful_set: stateful_set(opts, &labels),
    })
}

/// `ZOO_SERVERS` for an ensemble of `replicas`: `server.<id>=<pod>.<headless>…:2888:3888;2181`,
/// space separated, ids 1…replicas for pods 0…replicas−1.
pub fn ensemble_servers(namespace: &str, replicas: i32) -> String {
    (0..replicas)
        .map(|ordinal| {
            format!(
                "server.{id}={NAME}-{ordinal}.{HEADLESS_NAME}.{namespace}.svc.{CLUSTER_DOMAIN}:\
                 {QUORUM_PORT}:{ELECTION_PORT};{CLIENT_PORT}",
                id = ordinal + 1
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn object_labels() -> BTreeMap<String, String> {
    let mut labels = labels::managed(COMPONENT);
    labels.insert(names::APP.to_string(), APP.to_string());
    labels
}

fn selector() -> BTreeMap<String, String> {
    BTreeMap::from([(names::APP.to_string(), APP.to_string())])
}

fn service_port(name: &str, port: i32) -> ServicePort {
    ServicePort {
        name: Some(name.to_string()),
        port,
        target_port: Some(IntOrString::Int(port)),
        protocol: Some("TCP".to_string()),
        ..Default::default()
    }
}

fn container_port(name: &str, port: i32) -> ContainerPort {
    ContainerPort {
        name: Some(name.to_string()),
        container_port: port,
        protocol: Some("TCP".to_string()),
        ..Default::default()
    }
}

fn env(name: &str, value: impl Into<String>) -> EnvVar {
    EnvVar {
        name: name.to_string(),
        value: Some(value.into()),
        ..Default::default()
    }
}

fn stateful_set(opts: &ZookeeperOptions, labels: &BTreeMap<String, String>) -> StatefulSet {
    let container = Container {
        name: CONTAINER.to_string(),
        image: Some(opts.image.clone()),
        image_pull_policy: Some("IfNotPresent".to_string()),
        command: Some(vec![
            "bash".to_string(),
            "-c".to_string(),
            START_SCRIPT.to_string(),
        ]),
        env: Some(vec![
            env(
                "ZOO_SERVERS",
                ensemble_servers(&opts.namespace, opts.replicas),
            ),
            // Twister2's own manifest: no limit on client connections per host.
            env("ZOO_MAX_CLIENT_CNXNS", "0"),
            env("ZOO_DATA_DIR", DATA_DIR),
            env("ZOO_DATA_LOG_DIR", DATA_DIR),
            env("ZOO_4LW_COMMANDS_WHITELIST", "srvr"),
            env("ZOO_ADMINSERVER_ENABLED", "false"),
            env("ZOO_AUTOPURGE_PURGEINTERVAL", "24"),
            // Bind quorum/election ports on all addresses, so a server starts even before its
            // own DNS record is published.
            env("ZOO_CFG_EXTRA", "quorumListenOnAllIPs=true"),
        ]),
        ports: Some(vec![
            container_port("zk-port", CLIENT_PORT),
            container_port("server", QUORUM_PORT),
            container_port("leader-election", ELECTION_PORT),
        ]),
        readiness_probe: Some(Probe {
            exec: Some(ExecAction {
                command: Some(vec![
                    "bash".to_string(),
                    "-c".to_string(),
                    READY_SCRIPT.to_string(),
                ]),
            }),
            initial_delay_seconds: Some(5),
            period_seconds: Some(10),
            timeout_seconds: Some(5),
            failure_threshold: Some(3),
            ..Default::default()
        }),
        // Alive while it listens on the client port; not tied to quorum, so losing the quorum
        // does not restart every server at once.
        liveness_probe: Some(Probe {
            tcp_socket: Some(TCPSocketAction {
                port: IntOrString::Int(CLIENT_PORT),
                ..Default::default()
            }),
            initial_delay_seconds: Some(15),
            period_seconds: Some(10),
            timeout_seconds: Some(5),
            failure_threshold: Some(6),
            ..Default::default()
        }),
        // Twister2's manifest requests 1 CPU and 2048Mi; the image's default heap is 1000 MB.
        resources: Some(resources("1", "2Gi", Some("2Gi"))),
        security_context: Some(restricted_container()),
        volume_mounts: Some(vec![VolumeMount {
            name: DATA_VOLUME.to_string(),
            mount_path: DATA_DIR.to_string(),
            ..Default::default()
        }]),
        ..Default::default()
    };
    let (volumes, claim_templates) = match &opts.persistence {
        Some(p) => (None, Some(vec![p.claim_template(DATA_VOLUME, labels)])),
        None => (
            Some(vec![Volume {
                name: DATA_VOLUME.to_string(),
                empty_dir: Some(EmptyDirVolumeSource::default()),
                ..Default::default()
            }]),
            None,
        ),
    };
    StatefulSet {
        metadata: object_meta(NAME, &opts.namespace, labels),
        spec: Some(StatefulSetSpec {
            replicas: Some(opts.replicas),
            service_name: Some(HEADLESS_NAME.to_string()),
            // All servers must start together: with OrderedReady, server 0 would wait for a
            // quorum that needs the servers not yet created.
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
                    volumes,
                    affinity: (opts.replicas > 1).then(spread_over_nodes),
                    security_context: Some(PodSecurityContext {
                        run_as_user: Some(ZOOKEEPER_UID),
                        run_as_group: Some(ZOOKEEPER_UID),
                        fs_group: Some(ZOOKEEPER_UID),
                        run_as_non_root: Some(true),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
            },
            volume_claim_templates: claim_templates,
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Prefer one server per node, so one node failure costs at most one vote.
fn spread_over_nodes() -> Affinity {
    Affinity {
        pod_anti_affinity: Some(PodAntiAffinity {
            preferred_during_scheduling_ignored_during_execution: Some(vec![
                WeightedPodAffinityTerm {
                    weight: 100,
                    pod_affinity_term: PodAffinityTerm {
                        label_selector: Some(LabelSelector {
                            match_labels: Some(selector()),
                            ..Default::default()
                        }),
                        topology_key: "kubernetes.io/hostname".to_string(),
                        ..Default::default()
                    },
                },
            ]),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn restricted_container() -> SecurityContext {
    SecurityContext {
        allow_privilege_escalation: Some(false),
        capabilities: Some(Capabilities {
            drop: Some(vec!["ALL".to_string()]),
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

    fn render(opts: &ZookeeperOptions) -> ZookeeperObjects {
        zookeeper_objects(opts).unwrap()
    }

    fn three_persistent() -> ZookeeperOptions {
        ZookeeperOptions {
            replicas: 3,
            persistence: Some(Persistence {
                storage_class: Some("fast-ssd".to_string()),
                size: "10Gi".to_string(),
            }),
            ..ZookeeperOptions::new("team-a")
        }
    }

    fn container(objects: &ZookeeperObjects) -> &Container {
        &objects
            .stateful_set
            .spec
            .as_ref()
            .unwrap()
            .template
            .spec
            .as_ref()
            .unwrap()
            .containers[0]
    }

    fn env_value<'a>(c: &'a Container, name: &str) -> &'a str {
        c.env
            .as_ref()
            .unwrap()
            .iter()
            .find(|e| e.name == name)
            .and_then(|e| e.value.as_deref())
            .unwrap()
    }

    #[test]
    fn every_object_is_in_the_requested_namespace_with_managed_and_app_labels() {
        let o = render(&three_persistent());
        let metas = [
            &o.headless_service.metadata,
            &o.service.metadata,
            &o.stateful_set.metadata,
        ];
        for meta in metas {
            assert_eq!(meta.namespace.as_deref(), Some("team-a"));
            let l = meta.labels.as_ref().unwrap();
            assert_eq!(l["app"], "twister2-zookeeper");
            assert_eq!(l[names::MANAGED_BY], "kubectl-twister2");
            assert_eq!(l[names::COMPONENT], "zookeeper");
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
        assert_eq!(pod_labels["app"], "twister2-zookeeper");
        assert_eq!(pod_labels[names::COMPONENT], "zookeeper");
    }

    #[test]
    fn ensemble_has_peer_dns_and_server_ids_from_ordinals() {
        let o = render(&three_persistent());
        let headless = o.headless_service.spec.as_ref().unwrap();
        assert_eq!(headless.cluster_ip.as_deref(), Some("None"));
        assert_eq!(headless.publish_not_ready_addresses, Some(true));
        let ports: Vec<i32> = headless
            .ports
            .as_ref()
            .unwrap()
            .iter()
            .map(|p| p.port)
            .collect();
        assert_eq!(ports, [2888, 3888, 2181]);
        let spec = o.stateful_set.spec.as_ref().unwrap();
        assert_eq!(spec.service_name.as_deref(), Some(HEADLESS_NAME));
        assert_eq!(spec.replicas, Some(3));
        assert_eq!(spec.pod_management_policy.as_deref(), Some("Parallel"));
        let c = container(&o);
        assert_eq!(
            env_value(c, "ZOO_SERVERS"),
            "server.1=twister2-zookeeper-0.twister2-zookeeper-headless.team-a.svc.cluster.local:2888:3888;2181 \
             server.2=twister2-zookeeper-1.twister2-zookeeper-headless.team-a.svc.cluster.local:2888:3888;2181 \
             server.3=twister2-zookeeper-2.twister2-zookeeper-headless.team-a.svc.cluster.local:2888:3888;2181"
        );
        assert_eq!(env_value(c, "ZOO_MAX_CLIENT_CNXNS"), "0");
        let command = c.command.as_ref().unwrap();
        assert_eq!(command[..2], ["bash".to_string(), "-c".to_string()]);
        assert_eq!(command[2], START_SCRIPT);
        assert!(c.args.is_none());
    }

    /// Runs the start script with a stub entrypoint to check the id it derives.
    #[test]
    fn start_script_derives_server_id_from_the_pod_ordinal() {
        let dir = tempfile::tempdir().unwrap();
        let script = START_SCRIPT.replace(
            "exec /docker-entrypoint.sh",
            &format!("exec {}/entrypoint.sh", dir.path().display()),
        );
        let stub = dir.path().join("entrypoint.sh");
        std::fs::write(&stub, "#!/bin/sh\necho \"$ZOO_MY_ID $*\"\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let run = |host: &str| {
            std::process::Command::new("bash")
                .args(["-c", &script])
                .env("HOSTNAME", host)
                .output()
                .unwrap()
        };
        let out = run("twister2-zookeeper-2");
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "3 zkServer.sh start-foreground\n"
        );
        let out = run("twister2-zookeeper-0");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "1 zkServer.sh start-foreground\n"
        );
        let out = run("zookeeper");
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("cannot derive the ZooKeeper server id")
        );
    }

    #[test]
    fn probes_resources_and_security() {
        let o = render(&ZookeeperOptions::new("ns1"));
        let c = container(&o);
        let ready = c.readiness_probe.as_ref().unwrap().exec.as_ref().unwrap();
        assert_eq!(ready.command.as_ref().unwrap()[2], READY_SCRIPT);
        let live = c
            .liveness_probe
            .as_ref()
            .unwrap()
            .tcp_socket
            .as_ref()
            .unwrap();
        assert_eq!(live.port, IntOrString::Int(2181));
        let requests = c.resources.as_ref().unwrap().requests.as_ref().unwrap();
        assert_eq!(requests["cpu"], Quantity("1".to_string()));
        assert_eq!(requests["memory"], Quantity("2Gi".to_string()));
        let pod = o
            .stateful_set
            .spec
            .as_ref()
            .unwrap()
            .template
            .spec
            .as_ref()
            .unwrap();
        assert_eq!(
            pod.security_context.as_ref().unwrap().run_as_user,
            Some(1000)
        );
        assert_eq!(pod.security_context.as_ref().unwrap().fs_group, Some(1000));
        // A single server needs no spreading.
        assert!(pod.affinity.is_none());
        assert_eq!(c.image.as_deref(), Some("zookeeper:3.8.4"));
    }

    #[test]
    fn without_persistence_data_is_an_empty_dir_and_with_it_a_claim_template() {
        let o = render(&ZookeeperOptions::new("ns1"));
        let spec = o.stateful_set.spec.as_ref().unwrap();
        assert!(spec.volume_claim_templates.is_none());
        let volumes = spec
            .template
            .spec
            .as_ref()
            .unwrap()
            .volumes
            .as_ref()
            .unwrap();
        assert_eq!(volumes[0].name, "data");
        assert!(volumes[0].empty_dir.is_some());

        let o = render(&three_persistent());
        let spec = o.stateful_set.spec.as_ref().unwrap();
        assert!(spec.template.spec.as_ref().unwrap().volumes.is_none());
        let claim = &spec.volume_claim_templates.as_ref().unwrap()[0];
        assert_eq!(claim.metadata.name.as_deref(), Some("data"));
        let claim_labels = claim.metadata.labels.as_ref().unwrap();
        assert_eq!(claim_labels[names::COMPONENT], "zookeeper");
        let claim_spec = claim.spec.as_ref().unwrap();
        assert_eq!(claim_spec.storage_class_name.as_deref(), Some("fast-ssd"));
        assert_eq!(
            claim_spec
                .resources
                .as_ref()
                .unwrap()
                .requests
                .as_ref()
                .unwrap()["storage"],
            Quantity("10Gi".to_string())
        );
        let mounts = container(&o).volume_mounts.as_ref().unwrap();
        assert_eq!(mounts[0].mount_path, "/data");
        assert!(spec.template.spec.as_ref().unwrap().affinity.is_some());
    }

    #[test]
    fn rejects_bad_options() {
        for replicas in [0, 2, 4, 7] {
            let e = zookeeper_objects(&ZookeeperOptions {
                replicas,
                ..ZookeeperOptions::new("n")
            })
            .unwrap_err();
            assert_eq!(e.option, "--replicas");
        }
        let e = zookeeper_objects(&ZookeeperOptions {
            image: "zookeeper".to_string(),
            ..ZookeeperOptions::new("n")
        })
        .unwrap_err();
        assert_eq!(e.option, "--image");
        let e = zookeeper_objects(&ZookeeperOptions {
            persistence: Some(Persistence {
                storage_class: None,
                size: "lots".to_string(),
            }),
            ..ZookeeperOptions::new("n")
        })
        .unwrap_err();
        assert_eq!(e.option, "--storage-size");
        assert_eq!(
            e.to_string(),
            "invalid --storage-size \"lots\": expected a positive size such as 512Mi, 5Gi or 1Ti"
        );
    }

    #[test]
    fn server_address_for_twister2_config() {
        assert_eq!(
            server_addresses("team-a"),
            "twister2-zookeeper.team-a.svc.cluster.local:2181"
        );
    }

    #[test]
    fn snapshot_single_server_without_persistence() {
        let docs = render(&ZookeeperOptions::new("team-a"))
            .to_json_values()
            .unwrap();
        insta::assert_yaml_snapshot!(docs);
    }

    #[test]
    fn snapshot_three_servers_with_persistence() {
        let docs = render(&three_persistent()).to_json_values().unwrap();
        insta::assert_yaml_snapshot!(docs);
    }

    #[test]
    fn rendered_objects_pass_kubernetes_validate() {
        let five = ZookeeperOptions {
            replicas: 5,
            persistence: Some(Persistence {
                storage_class: None,
                size: DEFAULT_STORAGE_SIZE.to_string(),
            }),
            ..ZookeeperOptions::new("team-b")
        };
        let streams = [ZookeeperOptions::new("team-a"), three_persistent(), five]
            .iter()
            .enumerate()
            .map(|(i, opts)| {
                let docs = render(opts).to_json_values().unwrap();
                (["zk-1", "zk-3", "zk-5"][i], yaml_stream(&docs))
            })
            .collect::<Vec<_>>();
        assert_kubernetes_valid(&streams);
    }
}
