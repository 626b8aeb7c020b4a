//! The job's persistent volume claim `<jobID>` and its size.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, PersistentVolumeClaimSpec, VolumeResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use super::metadata::object_meta;
use crate::twister2::resources::pvc_request;
use crate::twister2::spec::JobSpec;

/// Claim size: per-worker size × workers + the job master's share, Java `Double.toString` + `Gi`
/// (`4.0Gi`).
pub fn persistent_claim_size(spec: &JobSpec) -> Option<String> {
    let storage = spec.persistent_storage.as_ref()?;
    let workers = u32::try_from(spec.number_of_workers()).unwrap_or(u32::MAX);
    Some(pvc_request(
        storage.per_worker_gb,
        workers,
        Some(spec.job_master.persistent_gb),
    ))
}

pub(super) fn persistent_volume_claim(spec: &JobSpec) -> Option<PersistentVolumeClaim> {
    let storage = spec.persistent_storage.as_ref()?;
    if spec.restore {
        return None;
    }
    let size = persistent_claim_size(spec)?;
    Some(PersistentVolumeClaim {
        metadata: object_meta(spec, spec.job_id.clone()),
        spec: Some(PersistentVolumeClaimSpec {
            storage_class_name: storage.storage_class.clone(),
            access_modes: Some(vec![storage.access_mode.as_str().to_string()]),
            resources: Some(VolumeResourceRequirements {
                requests: Some(BTreeMap::from([("storage".to_string(), Quantity(size))])),
                ..VolumeResourceRequirements::default()
            }),
            ..PersistentVolumeClaimSpec::default()
        }),
        ..PersistentVolumeClaim::default()
    })
}

#[cfg(test)]
mod tests {
    use crate::manifests::job::render;
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants::{self, ID};

    #[test]
    fn persistent_claim() {
        let objects = render(&variants::persistent());
        let pvc = objects.persistent_volume_claim.clone().unwrap();
        assert_eq!(pvc.metadata.name.as_deref(), Some(ID));
        let s = pvc.spec.unwrap();
        assert_eq!(
            s.storage_class_name.as_deref(),
            Some("twister2-nfs-storage")
        );
        assert_eq!(s.access_modes, Some(vec!["ReadWriteMany".to_string()]));
        let storage = &s.resources.unwrap().requests.unwrap()["storage"];
        assert_eq!(storage.0, "4.0Gi");
        let p = pod(&objects.workers[0]);
        let claim = volume(p, "persistent-volume")
            .unwrap()
            .persistent_volume_claim
            .clone()
            .unwrap();
        assert_eq!((claim.claim_name.as_str(), claim.read_only), (ID, None));
        for c in &p.containers {
            assert!(mounts(c).contains(&("persistent-volume", "/persistent")));
        }
        // The job master mounts the claim only when it asks for a share of it.
        assert!(volume(pod(&objects.job_master), "persistent-volume").is_none());
        assert_eq!(render(&variants::plain()).persistent_volume_claim, None);
    }

    #[test]
    fn restoring_reuses_the_existing_claim() {
        let mut spec = variants::persistent();
        spec.restore = true;
        let objects = render(&spec);
        assert_eq!(objects.persistent_volume_claim, None);
        assert!(volume(pod(&objects.workers[0]), "persistent-volume").is_some());
    }
}
