//! The job's ConfigMap, holding the base64 protobuf `Job` (and, for the S3 upload method, an
//! annotation naming the package's S3 object, so that `kill` can remove it).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::ConfigMap;

use super::metadata::object_meta;
use crate::twister2::names::JOB_OBJECT_KEY;
use crate::twister2::spec::JobSpec;

pub(super) fn config_map(spec: &JobSpec) -> ConfigMap {
    let mut metadata = object_meta(spec, spec.job_id.clone());
    if let Some(object) = spec.upload.s3_object() {
        metadata.annotations = Some(BTreeMap::from([(
            crate::twister2::names::PACKAGE_ANNOTATION.to_string(),
            object.to_string(),
        )]));
    }
    ConfigMap {
        metadata,
        data: Some(BTreeMap::from([(
            JOB_OBJECT_KEY.to_string(),
            spec.job_object_base64.clone(),
        )])),
        ..ConfigMap::default()
    }
}

#[cfg(test)]
mod tests {
    use crate::manifests::job::render;
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants::{self, ID};

    #[test]
    fn config_map_holds_the_job_object() {
        let cm = plain().config_map;
        let data = cm.data.unwrap();
        assert_eq!(data.len(), 1);
        assert_eq!(
            data["TWISTER2_JOB_OBJECT"],
            variants::plain().job_object_base64
        );
        assert_eq!(cm.metadata.annotations, None);
    }

    #[test]
    fn an_s3_job_names_its_package_object_in_an_annotation() {
        let cm = render(&variants::s3()).config_map;
        let annotations = cm.metadata.annotations.unwrap();
        assert_eq!(annotations.len(), 1);
        assert_eq!(
            annotations["twister2.org/package"],
            format!("s3://twister2-jobs/team-a/{ID}.tar.gz")
        );
        assert_eq!(cm.data.unwrap().len(), 1, "Twister2's data is unchanged");
    }
}
