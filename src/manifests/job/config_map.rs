//! The job's ConfigMap, holding the base64 protobuf `Job`.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::ConfigMap;

use super::metadata::object_meta;
use super::names::JOB_OBJECT_KEY;
use crate::twister2::spec::JobSpec;

pub(super) fn config_map(spec: &JobSpec) -> ConfigMap {
    ConfigMap {
        metadata: object_meta(spec, spec.job_id.clone()),
        data: Some(BTreeMap::from([(
            JOB_OBJECT_KEY.to_string(),
            spec.job_object_base64.clone(),
        )])),
        ..ConfigMap::default()
    }
}

#[cfg(test)]
mod tests {
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants;

    #[test]
    fn config_map_holds_the_job_object() {
        let cm = plain().config_map;
        let data = cm.data.unwrap();
        assert_eq!(data.len(), 1);
        assert_eq!(
            data["TWISTER2_JOB_OBJECT"],
            variants::plain().job_object_base64
        );
    }
}
