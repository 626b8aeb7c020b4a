//! Checks of the job's identity: ID, name, namespace, image, class, file, JVM fraction, labels.

use crate::twister2::names;
use crate::twister2::names::{
    image_reference_problem, is_dns1123_label, is_dns1123_subdomain, is_label_value,
    is_qualified_name, java_class_name_problem,
};
use crate::twister2::spec::{JobSpec, MAX_JOB_ID_LEN};

impl JobSpec {
    pub(super) fn check_identity(&self, p: &mut Vec<String>) {
        if !is_dns1123_label(&self.job_id) || self.job_id.len() > MAX_JOB_ID_LEN {
            p.push(format!(
                "job ID '{}' must be at most {MAX_JOB_ID_LEN} lowercase letters, digits and '-', \
                 starting and ending with a letter or digit",
                self.job_id
            ));
        }
        if self.job_name.is_empty() {
            p.push("job name is empty".to_string());
        }
        if !is_dns1123_label(&self.namespace) {
            p.push(format!(
                "namespace '{}' is not a valid namespace name",
                self.namespace
            ));
        }
        if let Some(why) = image_reference_problem(&self.image) {
            p.push(format!(
                "image '{}' is not an image reference the pods can pull: {why}",
                self.image
            ));
        }
        if let Some(secret) = &self.image_pull_secret
            && !is_dns1123_subdomain(secret)
        {
            p.push(format!(
                "image pull secret '{secret}' is not a valid Secret name"
            ));
        }
        if let Some(why) = java_class_name_problem(&self.worker_class) {
            p.push(format!(
                "worker class '{}' (--class) is not a Java class name the pods can load: {why}",
                self.worker_class
            ));
        }
        if let Some(class) = &self.driver_class
            && let Some(why) = java_class_name_problem(class)
        {
            p.push(format!(
                "driver class '{class}' (--driver-class) is not a Java class name the pods can \
load: {why}"
            ));
        }
        if self.job_file.is_empty() || self.job_file.contains('/') {
            p.push(format!(
                "job file name '{}' must be a file name without a directory",
                self.job_file
            ));
        }
        if !(self.jvm_memory_fraction > 0.0 && self.jvm_memory_fraction <= 1.0) {
            p.push(format!(
                "JVM memory fraction {} must be in (0, 1] (twister2.kubernetes.jvm.memory.fraction)",
                self.jvm_memory_fraction
            ));
        }
    }

    pub(super) fn check_labels(&self, p: &mut Vec<String>) {
        let reserved = [
            names::APP,
            names::JOB,
            names::WORKER_STATEFULSET,
            names::WORKER_POD,
            names::MASTER_STATEFULSET,
            names::MASTER_POD,
            names::MANAGED_BY,
            names::PART_OF,
            names::COMPONENT,
        ];
        for (key, value) in &self.extra_labels {
            if reserved.contains(&key.as_str()) {
                p.push(format!(
                    "label '{key}' is set by Twister2 or the plugin and cannot be overridden"
                ));
            } else if !is_qualified_name(key) {
                p.push(format!("label key '{key}' is not a valid label key"));
            }
            if !is_label_value(value) {
                p.push(format!(
                    "label value '{value}' of '{key}' is not a valid label value"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::twister2::spec::validate::test_support::*;
    use crate::twister2::spec::*;

    #[test]
    fn job_id_length_is_limited() {
        let spec = JobSpec::example(&"a".repeat(50));
        assert!(has(&spec, "at most 49"));
        assert_eq!(JobSpec::example(&"a".repeat(49)).validate(), Ok(()));
    }

    #[test]
    fn extra_labels_may_not_override_twister2() {
        let mut spec = JobSpec::example("j");
        spec.extra_labels.insert("team".into(), "data".into());
        assert_eq!(spec.validate(), Ok(()));
        spec.extra_labels.insert("t2-wp".into(), "x".into());
        spec.extra_labels
            .insert("app.kubernetes.io/managed-by".into(), "me".into());
        spec.extra_labels
            .insert("owner".into(), "not valid!".into());
        for needle in [
            "label 't2-wp'",
            "label 'app.kubernetes.io/managed-by'",
            "'not valid!'",
        ] {
            assert!(has(&spec, needle), "{needle}");
        }
    }

    #[test]
    fn identity_checks() {
        let mut spec = JobSpec::example("j");
        spec.image = "twister2 k8s".into();
        spec.image_pull_secret = Some("Regcred".into());
        spec.worker_class = " ".into();
        spec.driver_class = Some("C;$(id)".into());
        spec.job_file = "dir/app.jar".into();
        spec.jvm_memory_fraction = 1.5;
        spec.job_master.cpu = 0.0;
        spec.job_master.port = 0;
        for needle in [
            "image 'twister2 k8s' is not an image reference",
            "image pull secret 'Regcred'",
            "worker class ' ' (--class) is not a Java class name",
            "driver class 'C;$(id)' (--driver-class) is not a Java class name the pods can load: ';'",
            "without a directory",
            "JVM memory fraction 1.5",
            "job master cpu 0 must be at least 0.001",
            "job master port must not be 0",
        ] {
            assert!(has(&spec, needle), "{needle}");
        }
    }
}
