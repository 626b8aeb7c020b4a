//! Metadata every job object shares: name, namespace, labels (with extra labels), selectors.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::manifests::labels;
use crate::twister2::spec::JobSpec;

/// `labels` plus the spec's extra labels (which never reuse Twister2's keys).
pub(crate) fn with_extra_labels(
    spec: &JobSpec,
    mut labels: BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    for (key, value) in &spec.extra_labels {
        labels.entry(key.clone()).or_insert_with(|| value.clone());
    }
    labels
}

/// Metadata of a job object: name, namespace, `labels::job_object` + extra labels.
pub(crate) fn object_meta(spec: &JobSpec, name: String) -> ObjectMeta {
    ObjectMeta {
        name: Some(name),
        namespace: Some(spec.namespace.clone()),
        labels: Some(with_extra_labels(spec, labels::job_object(&spec.job_id))),
        ..ObjectMeta::default()
    }
}

/// `{role: <jobID>}`: Twister2's pod selector (`t2-wp` or `t2-mp`), unchanged.
pub(crate) fn role_selector(spec: &JobSpec, role: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(role.to_string(), spec.job_id.clone())])
}

#[cfg(test)]
mod tests {
    use crate::manifests::job::render;
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants::{self, ID};
    use crate::manifests::labels;

    #[test]
    fn every_object_is_in_the_job_namespace() {
        let mut spec = variants::ingress();
        spec.namespace = "t2".into();
        for object in render(&spec).in_creation_order() {
            assert_eq!(
                object.metadata().namespace.as_deref(),
                Some("t2"),
                "{}",
                object.name()
            );
        }
    }

    #[test]
    fn services_config_map_and_claim_carry_the_job_labels_only() {
        let objects = render(&variants::persistent());
        let expected = labels::job_object(ID);
        assert_eq!(labels_of(&objects.worker_service.metadata), &expected);
        assert_eq!(labels_of(&objects.job_master_service.metadata), &expected);
        assert_eq!(labels_of(&objects.config_map.metadata), &expected);
        let pvc = objects.persistent_volume_claim.unwrap();
        assert_eq!(labels_of(&pvc.metadata), &expected);
        assert_eq!(expected["app"], "twister2");
        assert_eq!(expected["t2-job"], ID);
        assert_eq!(expected["app.kubernetes.io/managed-by"], "kubectl-twister2");
    }

    #[test]
    fn statefulsets_and_pods_carry_their_role_label() {
        let objects = plain();
        let worker = &objects.workers[0];
        assert_eq!(labels_of(&worker.metadata), &labels::job_role(ID, "t2-wss"));
        assert_eq!(pod_labels(worker), &labels::job_role(ID, "t2-wp"));
        let jm = &objects.job_master;
        assert_eq!(labels_of(&jm.metadata), &labels::job_role(ID, "t2-mss"));
        assert_eq!(pod_labels(jm), &labels::job_role(ID, "t2-mp"));
    }

    #[test]
    fn selectors_are_exactly_twister2s() {
        let objects = render(&variants::targets());
        for worker in &objects.workers {
            let s = worker.spec.as_ref().unwrap();
            assert_eq!(s.selector.match_labels.as_ref(), Some(&sel("t2-wp")));
            assert_eq!(s.selector.match_expressions, None);
        }
        let jm = objects.job_master.spec.as_ref().unwrap();
        assert_eq!(jm.selector.match_labels.as_ref(), Some(&sel("t2-mp")));
        let worker_svc = objects.worker_service.spec.as_ref().unwrap();
        assert_eq!(worker_svc.selector.as_ref(), Some(&sel("t2-wp")));
        let jm_svc = objects.job_master_service.spec.as_ref().unwrap();
        assert_eq!(jm_svc.selector.as_ref(), Some(&sel("t2-mp")));
    }

    #[test]
    fn extra_labels_everywhere_but_selectors_unchanged() {
        let mut spec = variants::ingress();
        spec.extra_labels.insert("team".into(), "data".into());
        let objects = render(&spec);
        for object in objects.in_creation_order() {
            assert_eq!(
                labels_of(object.metadata())["team"],
                "data",
                "{}",
                object.name()
            );
        }
        assert_eq!(pod_labels(&objects.workers[0])["team"], "data");
        assert_eq!(pod_labels(&objects.job_master)["team"], "data");
        let s = objects.workers[0].spec.as_ref().unwrap();
        assert_eq!(s.selector.match_labels.as_ref(), Some(&sel("t2-wp")));
    }
}
