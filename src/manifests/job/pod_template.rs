//! The pod template every job StatefulSet shares: role labels, grace period, pull secret.

use k8s_openapi::api::core::v1::{LocalObjectReference, PodSpec, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::metadata::with_extra_labels;
use crate::manifests::labels;
use crate::twister2::spec::JobSpec;

pub(super) fn pod_template(spec: &JobSpec, role: &str, pod: PodSpec) -> PodTemplateSpec {
    PodTemplateSpec {
        metadata: Some(ObjectMeta {
            labels: Some(with_extra_labels(
                spec,
                labels::job_role(&spec.job_id, role),
            )),
            ..ObjectMeta::default()
        }),
        spec: Some(PodSpec {
            termination_grace_period_seconds: Some(0),
            image_pull_secrets: spec
                .image_pull_secret
                .as_ref()
                .map(|name| vec![LocalObjectReference { name: name.clone() }]),
            ..pod
        }),
    }
}
