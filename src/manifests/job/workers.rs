//! Worker StatefulSets `<jobID>-<index>` and their containers (one per worker; one for OpenMPI).

use crate::twister2::names;
use crate::twister2::names::env;
use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{
    Container, ContainerPort, EnvVar, PodSpec, SecretVolumeSource, Volume,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use super::container_resources::resources;
use super::env::{common_env, env_value};
use super::metadata::{object_meta, role_selector, with_extra_labels};
use super::placement::{spread_constraints, worker_affinity};
use super::pod_template::pod_template;
use super::volumes::{
    existing_mounts, existing_volumes, memory_volume, mount, persistent_volume, volatile_volume,
};
use crate::manifests::labels;
use crate::twister2::names::{
    MEMORY_VOLUME, MPI_MASTER_CLASS, OPENMPI_KEY_VOLUME, PERSISTENT_VOLUME, VOLATILE_VOLUME,
    WORKER_CLASS, WORKER_CONTAINER_PORT_NAME, worker_container_name, worker_service_name,
    worker_statefulset_name,
};
use crate::twister2::resources::{ComputeResource, format_cpu};
use crate::twister2::spec::{
    JobSpec, MEMORY_DIR_MOUNT, OPENMPI_KEY_MOUNT, PERSISTENT_MOUNT, VOLATILE_MOUNT,
};

pub(super) fn worker_statefulset(spec: &JobSpec, cr: &ComputeResource) -> StatefulSet {
    let job_id = &spec.job_id;
    let mut volumes = vec![memory_volume()];
    if cr.disk_gb > 0.0 {
        volumes.push(volatile_volume(cr.disk_gb * f64::from(cr.workers_per_pod)));
    }
    if spec.persistent_storage.is_some() {
        volumes.push(persistent_volume(spec));
    }
    if let Some(mpi) = &spec.openmpi {
        volumes.push(Volume {
            name: OPENMPI_KEY_VOLUME.to_string(),
            secret: Some(SecretVolumeSource {
                secret_name: Some(mpi.secret_name.clone()),
                default_mode: Some(0o400),
                ..SecretVolumeSource::default()
            }),
            ..Volume::default()
        });
    }
    volumes.extend(existing_volumes(spec));

    let containers = if spec.is_openmpi() {
        1
    } else {
        cr.workers_per_pod
    };
    let containers = (0..containers)
        .map(|i| worker_container(spec, cr, i))
        .collect();

    StatefulSet {
        metadata: ObjectMeta {
            labels: Some(with_extra_labels(
                spec,
                labels::job_role(job_id, names::WORKER_STATEFULSET),
            )),
            ..object_meta(spec, worker_statefulset_name(job_id, cr.index))
        },
        spec: Some(StatefulSetSpec {
            replicas: Some(i32::try_from(cr.instances).unwrap_or(i32::MAX)),
            service_name: Some(worker_service_name(job_id)),
            pod_management_policy: Some("Parallel".to_string()),
            selector: LabelSelector {
                match_labels: Some(role_selector(spec, names::WORKER_POD)),
                ..LabelSelector::default()
            },
            template: pod_template(
                spec,
                names::WORKER_POD,
                PodSpec {
                    containers,
                    volumes: Some(volumes),
                    affinity: worker_affinity(spec),
                    topology_spread_constraints: spread_constraints(spec),
                    ..PodSpec::default()
                },
            ),
            ..StatefulSetSpec::default()
        }),
        ..StatefulSet::default()
    }
}

fn worker_container(spec: &JobSpec, cr: &ComputeResource, index: u32) -> Container {
    let openmpi = spec.is_openmpi();
    let per_container = if openmpi { cr.workers_per_pod } else { 1 };
    let port = spec.worker_port(index);
    let name = worker_container_name(index);

    let mut env = common_env(spec);
    env.push(env_value(env::CONTAINER_NAME, name.clone()));
    env.push(EnvVar {
        name: env::JOB_MASTER_IP.to_string(),
        ..EnvVar::default()
    });
    env.push(env_value(
        env::CLASS_TO_RUN,
        if openmpi {
            MPI_MASTER_CLASS
        } else {
            WORKER_CLASS
        },
    ));
    env.push(env_value(env::WORKER_PORT, port.to_string()));
    env.push(env_value(
        env::JVM_MEMORY_MB,
        jvm_memory_mb(spec, cr).to_string(),
    ));

    let mut mounts = vec![mount(MEMORY_VOLUME, MEMORY_DIR_MOUNT)];
    if cr.disk_gb > 0.0 {
        mounts.push(mount(VOLATILE_VOLUME, VOLATILE_MOUNT));
    }
    if spec.persistent_storage.is_some() {
        mounts.push(mount(PERSISTENT_VOLUME, PERSISTENT_MOUNT));
    }
    if openmpi {
        mounts.push(mount(OPENMPI_KEY_VOLUME, OPENMPI_KEY_MOUNT));
    }
    mounts.extend(existing_mounts(spec));

    let script = if openmpi {
        "./init_openmpi.sh"
    } else {
        "./init.sh"
    };
    Container {
        name,
        image: Some(spec.image.clone()),
        image_pull_policy: Some(spec.image_pull_policy.as_str().to_string()),
        command: Some(vec!["/bin/bash".to_string()]),
        args: Some(vec!["-c".to_string(), script.to_string()]),
        env: Some(env),
        ports: Some(vec![ContainerPort {
            name: Some(WORKER_CONTAINER_PORT_NAME.to_string()),
            container_port: i32::try_from(port).unwrap_or(i32::MAX),
            protocol: Some(spec.transport_protocol.as_str().to_string()),
            ..ContainerPort::default()
        }]),
        resources: Some(resources(
            spec,
            format_cpu(cr.cpu * f64::from(per_container)),
            u64::from(cr.ram_mb) * u64::from(per_container),
            spec.bind_to_cpu,
        )),
        volume_mounts: Some(mounts),
        ..Container::default()
    }
}

/// `JVM_MEMORY_MB` of a worker: the integer part of ram × fraction (per worker, even for MPI).
fn jvm_memory_mb(spec: &JobSpec, cr: &ComputeResource) -> u64 {
    let mb = (f64::from(cr.ram_mb) * spec.jvm_memory_fraction).floor();
    // In range: ram is a u32 and the fraction is at most 1 for a valid spec.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mb = mb.max(0.0) as u64;
    mb
}

#[cfg(test)]
mod tests {
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

    use crate::manifests::job::render;
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants::{self, ID};

    #[test]
    fn worker_statefulset_spec() {
        let objects = render(&variants::targets());
        for (i, worker) in objects.workers.iter().enumerate() {
            let s = worker.spec.as_ref().unwrap();
            assert_eq!(s.service_name.as_deref(), Some(ID));
            assert_eq!(s.pod_management_policy.as_deref(), Some("Parallel"));
            assert_eq!(s.replicas, Some(2), "resource {i}");
            let p = pod(worker);
            assert_eq!(p.termination_grace_period_seconds, Some(0));
            assert_eq!(p.service_account_name, None);
            assert_eq!(p.restart_policy, None);
        }
        assert_eq!(pod(&plain().workers[0]).image_pull_secrets, None);
    }

    #[test]
    fn worker_containers_names_image_and_command() {
        let objects = plain();
        let worker = &objects.workers[0];
        let names: Vec<&str> = pod(worker)
            .containers
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, ["twister2-container-0", "twister2-container-1"]);
        for c in &pod(worker).containers {
            assert_eq!(c.image.as_deref(), Some("twister2/twister2-k8s:0.8.0"));
            assert_eq!(c.image_pull_policy.as_deref(), Some("IfNotPresent"));
            assert_eq!(c.command, Some(vec!["/bin/bash".to_string()]));
            assert_eq!(
                c.args,
                Some(vec!["-c".to_string(), "./init.sh".to_string()])
            );
        }
        let jm = container(&objects.job_master, 0);
        assert_eq!(
            jm.args,
            Some(vec!["-c".to_string(), "./init.sh".to_string()])
        );
        assert_eq!(jm.image, pod(worker).containers[0].image);
    }

    #[test]
    fn worker_specific_env_values() {
        let objects = plain();
        for (i, port) in [(0, "9000"), (1, "9001")] {
            let c = container(&objects.workers[0], i);
            assert_eq!(
                env_val(c, "CONTAINER_NAME"),
                Some(&*format!("twister2-container-{i}"))
            );
            let jm_ip = env(c, "JOB_MASTER_IP");
            assert_eq!(
                (jm_ip.value.as_deref(), jm_ip.value_from.as_ref()),
                (None, None)
            );
            assert_eq!(
                env_val(c, "CLASS_TO_RUN"),
                Some("edu.iu.dsc.tws.rsched.schedulers.k8s.worker.K8sWorkerStarter")
            );
            assert_eq!(env_val(c, "WORKER_PORT"), Some(port));
            assert_eq!(env_val(c, "JVM_MEMORY_MB"), Some("819"));
        }
    }

    #[test]
    fn jvm_memory_is_the_integer_part_of_ram_times_fraction() {
        let mut spec = variants::plain();
        spec.compute_resources[0].ram_mb = 1000;
        spec.jvm_memory_fraction = 0.75;
        let objects = render(&spec);
        assert_eq!(
            env_val(container(&objects.workers[0], 0), "JVM_MEMORY_MB"),
            Some("750")
        );
        spec.compute_resources[0].ram_mb = 1023;
        let objects = render(&spec);
        assert_eq!(
            env_val(container(&objects.workers[0], 0), "JVM_MEMORY_MB"),
            Some("767")
        );
    }

    #[test]
    fn worker_ports() {
        let objects = plain();
        for (i, port) in [(0, 9000), (1, 9001)] {
            let ports = container(&objects.workers[0], i).ports.as_ref().unwrap();
            assert_eq!(ports.len(), 1);
            assert_eq!(ports[0].name.as_deref(), Some("port11"));
            assert_eq!(ports[0].container_port, port);
            assert_eq!(ports[0].protocol.as_deref(), Some("TCP"));
        }
        let mut spec = variants::plain();
        spec.additional_ports = 2;
        spec.worker_base_port = 7000;
        spec.transport_protocol = crate::twister2::spec::TransportProtocol::Udp;
        let objects = render(&spec);
        let c = container(&objects.workers[0], 1);
        let port = &c.ports.as_ref().unwrap()[0];
        assert_eq!(
            (port.container_port, port.protocol.as_deref()),
            (7003, Some("UDP"))
        );
        assert_eq!(env_val(c, "WORKER_PORT"), Some("7003"));
    }

    #[test]
    fn openmpi_pods() {
        let objects = render(&variants::openmpi());
        let p = pod(&objects.workers[0]);
        assert_eq!(p.containers.len(), 1);
        let c = &p.containers[0];
        assert_eq!(c.name, "twister2-container-0");
        assert_eq!(
            c.args,
            Some(vec!["-c".to_string(), "./init_openmpi.sh".to_string()])
        );
        assert_eq!(
            env_val(c, "CLASS_TO_RUN"),
            Some("edu.iu.dsc.tws.rsched.schedulers.k8s.mpi.MPIMasterStarter")
        );
        assert_eq!(env_val(c, "WORKER_PORT"), Some("9000"));
        assert_eq!(env_val(c, "JVM_MEMORY_MB"), Some("819"));
        let r = c.resources.as_ref().unwrap();
        assert_eq!(
            quantities(&r.requests),
            Some(("1.00".into(), "2048Mi".into()))
        );
        let secret = volume(p, "kube-openmpi-ssh-key")
            .unwrap()
            .secret
            .clone()
            .unwrap();
        assert_eq!(
            secret.secret_name.as_deref(),
            Some("twister2-openmpi-ssh-key")
        );
        assert_eq!(secret.default_mode, Some(256));
        assert_eq!(
            mounts(c).last(),
            Some(&("kube-openmpi-ssh-key", "/ssh-key/openmpi"))
        );
        let volatile = volume(p, "twister2-volatile-dir")
            .unwrap()
            .empty_dir
            .clone()
            .unwrap();
        assert_eq!(volatile.size_limit, Some(Quantity("2.00Gi".into())));
        // The job master is the same as for other jobs.
        let jm = container(&objects.job_master, 0);
        assert_eq!(
            jm.args,
            Some(vec!["-c".to_string(), "./init.sh".to_string()])
        );
        assert!(volume(pod(&objects.job_master), "kube-openmpi-ssh-key").is_none());
    }
}
