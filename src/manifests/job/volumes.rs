//! Pod volumes and mounts: memory and volatile `emptyDir`s, the job's claim, `--volume` claims.

use k8s_openapi::api::core::v1::{
    EmptyDirVolumeSource, PersistentVolumeClaimVolumeSource, Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::twister2::names::{MEMORY_VOLUME, PERSISTENT_VOLUME, VOLATILE_VOLUME};
use crate::twister2::resources::format_gib_fixed;
use crate::twister2::spec::JobSpec;

pub(super) fn memory_volume() -> Volume {
    Volume {
        name: MEMORY_VOLUME.to_string(),
        empty_dir: Some(EmptyDirVolumeSource {
            medium: Some("Memory".to_string()),
            ..EmptyDirVolumeSource::default()
        }),
        ..Volume::default()
    }
}

pub(super) fn volatile_volume(gib: f64) -> Volume {
    Volume {
        name: VOLATILE_VOLUME.to_string(),
        empty_dir: Some(EmptyDirVolumeSource {
            size_limit: Some(Quantity(format_gib_fixed(gib))),
            ..EmptyDirVolumeSource::default()
        }),
        ..Volume::default()
    }
}

pub(super) fn persistent_volume(spec: &JobSpec) -> Volume {
    claim_volume(PERSISTENT_VOLUME.to_string(), spec.job_id.clone(), false)
}

fn claim_volume(name: String, claim_name: String, read_only: bool) -> Volume {
    Volume {
        name,
        persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
            claim_name,
            read_only: read_only.then_some(true),
        }),
        ..Volume::default()
    }
}

pub(super) fn mount(volume: &str, path: &str) -> VolumeMount {
    VolumeMount {
        name: volume.to_string(),
        mount_path: path.to_string(),
        ..VolumeMount::default()
    }
}

/// Name of the pod volume of existing claim `index` (`--volume`).
pub fn existing_volume_name(index: usize) -> String {
    format!("existing-volume-{index}")
}

/// Pod volumes of the `--volume` claims.
pub(super) fn existing_volumes(spec: &JobSpec) -> Vec<Volume> {
    spec.volumes
        .iter()
        .enumerate()
        .map(|(i, existing)| {
            claim_volume(
                existing_volume_name(i),
                existing.claim_name.clone(),
                existing.read_only,
            )
        })
        .collect()
}

/// Container mounts of the `--volume` claims.
pub(super) fn existing_mounts(spec: &JobSpec) -> Vec<VolumeMount> {
    spec.volumes
        .iter()
        .enumerate()
        .map(|(i, existing)| VolumeMount {
            read_only: existing.read_only.then_some(true),
            ..mount(&existing_volume_name(i), &existing.mount_path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

    use crate::manifests::job::render;
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants::{self, ID};
    use crate::twister2::spec::ExistingVolume;

    #[test]
    fn worker_volumes_and_mounts() {
        let objects = plain();
        let p = pod(&objects.workers[0]);
        let names: Vec<&str> = p
            .volumes
            .as_ref()
            .unwrap()
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        assert_eq!(names, ["twister2-memory-dir", "twister2-volatile-dir"]);
        let memory = volume(p, "twister2-memory-dir")
            .unwrap()
            .empty_dir
            .clone()
            .unwrap();
        assert_eq!(
            (memory.medium.as_deref(), memory.size_limit),
            (Some("Memory"), None)
        );
        let volatile = volume(p, "twister2-volatile-dir")
            .unwrap()
            .empty_dir
            .clone()
            .unwrap();
        assert_eq!(volatile.size_limit, Some(Quantity("2.00Gi".into())));
        assert_eq!(volatile.medium, None);
        for c in &p.containers {
            assert_eq!(
                mounts(c),
                [
                    ("twister2-memory-dir", "/twister2-memory-dir"),
                    ("twister2-volatile-dir", "/twister2-volatile")
                ]
            );
        }
    }

    #[test]
    fn no_volatile_volume_without_disk() {
        let objects = render(&variants::targets());
        let p = pod(&objects.workers[1]);
        assert!(volume(p, "twister2-volatile-dir").is_none());
        assert_eq!(
            mounts(&p.containers[0]),
            [("twister2-memory-dir", "/twister2-memory-dir")]
        );
    }

    #[test]
    fn job_master_volumes_and_mounts() {
        let objects = plain();
        let p = pod(&objects.job_master);
        assert_eq!(p.volumes.as_ref().unwrap().len(), 1);
        assert_eq!(
            mounts(&p.containers[0]),
            [("twister2-memory-dir", "/twister2-memory-dir")]
        );
        let mut spec = variants::persistent();
        spec.job_master.volatile_gb = 1.5;
        spec.job_master.persistent_gb = 0.5;
        let objects = render(&spec);
        let p = pod(&objects.job_master);
        let volatile = volume(p, "twister2-volatile-dir")
            .unwrap()
            .empty_dir
            .clone()
            .unwrap();
        assert_eq!(volatile.size_limit, Some(Quantity("1.50Gi".into())));
        let claim = volume(p, "persistent-volume")
            .unwrap()
            .persistent_volume_claim
            .clone()
            .unwrap();
        assert_eq!(claim.claim_name, ID);
        assert_eq!(
            mounts(&p.containers[0]),
            [
                ("twister2-memory-dir", "/twister2-memory-dir"),
                ("twister2-volatile-dir", "/twister2-volatile"),
                ("persistent-volume", "/persistent")
            ]
        );
        let pvc = objects.persistent_volume_claim.unwrap();
        let storage = &pvc.spec.unwrap().resources.unwrap().requests.unwrap()["storage"];
        assert_eq!(storage.0, "4.5Gi");
    }

    #[test]
    fn existing_volumes_in_job_master_and_every_worker_container() {
        let objects = render(&variants::volumes());
        let pods = [pod(&objects.job_master), pod(&objects.workers[0])];
        for p in pods {
            let data = volume(p, "existing-volume-0")
                .unwrap()
                .persistent_volume_claim
                .clone()
                .unwrap();
            assert_eq!((data.claim_name.as_str(), data.read_only), ("data", None));
            let reference = volume(p, "existing-volume-1")
                .unwrap()
                .persistent_volume_claim
                .clone()
                .unwrap();
            assert_eq!(
                (reference.claim_name.as_str(), reference.read_only),
                ("reference", Some(true))
            );
            for c in &p.containers {
                let all = c.volume_mounts.as_ref().unwrap();
                let n = all.len();
                assert_eq!(
                    (
                        all[n - 2].name.as_str(),
                        all[n - 2].mount_path.as_str(),
                        all[n - 2].read_only
                    ),
                    ("existing-volume-0", "/data", None)
                );
                assert_eq!(
                    (
                        all[n - 1].name.as_str(),
                        all[n - 1].mount_path.as_str(),
                        all[n - 1].read_only
                    ),
                    ("existing-volume-1", "/reference", Some(true))
                );
            }
        }
        assert_eq!(pod(&objects.workers[0]).containers.len(), 2);
        let v: ExistingVolume = "x:/x".parse().unwrap();
        assert!(!v.read_only);
    }
}
