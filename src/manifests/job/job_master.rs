//! The job-master StatefulSet `<jobID>-jm` and its one container.

use crate::twister2::names;
use crate::twister2::names::env;
use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{Container, ContainerPort, PodSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use super::container_resources::resources;
use super::env::{common_env, env_value};
use super::metadata::{object_meta, role_selector, with_extra_labels};
use super::pod_template::pod_template;
use super::volumes::{
    existing_mounts, existing_volumes, memory_volume, mount, persistent_volume, volatile_volume,
};
use crate::manifests::labels;
use crate::twister2::names::{
    JOB_MASTER_CLASS, JOB_MASTER_CONTAINER, JOB_MASTER_EXTRA_RAM_MB, JOB_MASTER_PORT_NAME,
    MEMORY_VOLUME, PERSISTENT_VOLUME, VOLATILE_VOLUME, job_master_name,
};
use crate::twister2::resources::format_job_master_cpu;
use crate::twister2::spec::{JobSpec, MEMORY_DIR_MOUNT, PERSISTENT_MOUNT, VOLATILE_MOUNT};

pub(super) fn job_master_statefulset(spec: &JobSpec) -> StatefulSet {
    let job_id = &spec.job_id;
    let name = job_master_name(job_id);
    let jm = &spec.job_master;
    let mut volumes = vec![memory_volume()];
    let mut mounts = vec![mount(MEMORY_VOLUME, MEMORY_DIR_MOUNT)];
    if jm.volatile_gb > 0.0 {
        volumes.push(volatile_volume(jm.volatile_gb));
        mounts.push(mount(VOLATILE_VOLUME, VOLATILE_MOUNT));
    }
    if jm.persistent_gb > 0.0 {
        volumes.push(persistent_volume(spec));
        mounts.push(mount(PERSISTENT_VOLUME, PERSISTENT_MOUNT));
    }
    volumes.extend(existing_volumes(spec));
    mounts.extend(existing_mounts(spec));

    let mut env = common_env(spec);
    env.push(env_value(env::CONTAINER_NAME, JOB_MASTER_CONTAINER));
    env.push(env_value(env::CLASS_TO_RUN, JOB_MASTER_CLASS));
    env.push(env_value(env::JVM_MEMORY_MB, jm.ram_mb.to_string()));

    let container = Container {
        name: JOB_MASTER_CONTAINER.to_string(),
        image: Some(spec.image.clone()),
        image_pull_policy: Some(spec.image_pull_policy.as_str().to_string()),
        command: Some(vec!["/bin/bash".to_string()]),
        args: Some(vec!["-c".to_string(), "./init.sh".to_string()]),
        env: Some(env),
        ports: Some(vec![ContainerPort {
            name: Some(JOB_MASTER_PORT_NAME.to_string()),
            container_port: i32::from(jm.port),
            protocol: Some("TCP".to_string()),
            ..ContainerPort::default()
        }]),
        resources: Some(resources(
            spec,
            format_job_master_cpu(jm.cpu),
            u64::from(jm.ram_mb) + u64::from(JOB_MASTER_EXTRA_RAM_MB),
            false,
        )),
        volume_mounts: Some(mounts),
        ..Container::default()
    };

    StatefulSet {
        metadata: ObjectMeta {
            labels: Some(with_extra_labels(
                spec,
                labels::job_role(job_id, names::MASTER_STATEFULSET),
            )),
            ..object_meta(spec, name.clone())
        },
        spec: Some(StatefulSetSpec {
            replicas: Some(1),
            service_name: Some(name),
            selector: LabelSelector {
                match_labels: Some(role_selector(spec, names::MASTER_POD)),
                ..LabelSelector::default()
            },
            template: pod_template(
                spec,
                names::MASTER_POD,
                PodSpec {
                    containers: vec![container],
                    volumes: Some(volumes),
                    ..PodSpec::default()
                },
            ),
            ..StatefulSetSpec::default()
        }),
        ..StatefulSet::default()
    }
}

#[cfg(test)]
mod tests {
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants::ID;

    #[test]
    fn job_master_statefulset_spec() {
        let jm = plain().job_master;
        let s = jm.spec.as_ref().unwrap();
        assert_eq!(s.service_name.as_deref(), Some(&*format!("{ID}-jm")));
        assert_eq!(s.replicas, Some(1));
        assert_eq!(s.pod_management_policy, None);
        let p = pod(&jm);
        assert_eq!(p.termination_grace_period_seconds, Some(0));
        assert_eq!(p.affinity, None);
        assert_eq!(p.containers.len(), 1);
        assert_eq!(p.containers[0].name, "twister2-job-master-0");
    }

    #[test]
    fn job_master_specific_env_values() {
        let objects = plain();
        let c = container(&objects.job_master, 0);
        assert_eq!(env_val(c, "CONTAINER_NAME"), Some("twister2-job-master-0"));
        assert_eq!(
            env_val(c, "CLASS_TO_RUN"),
            Some("edu.iu.dsc.tws.rsched.schedulers.k8s.master.JobMasterStarter")
        );
        assert_eq!(env_val(c, "JVM_MEMORY_MB"), Some("1024"));
    }

    #[test]
    fn job_master_port() {
        let objects = plain();
        let ports = container(&objects.job_master, 0).ports.clone().unwrap();
        assert_eq!(ports.len(), 1);
        assert_eq!(ports[0].name.as_deref(), Some("job-master-port"));
        assert_eq!(ports[0].container_port, 11011);
        assert_eq!(ports[0].protocol.as_deref(), Some("TCP"));
    }

    #[test]
    fn job_master_resources() {
        let objects = plain();
        let r = container(&objects.job_master, 0).resources.clone().unwrap();
        assert_eq!(
            quantities(&r.requests),
            Some(("0.2".into(), "1152Mi".into()))
        );
        assert_eq!(r.limits, None);
    }
}
