//! The env every Twister2 container starts with, in Twister2's order, and env var builders.

use crate::twister2::config::LOGGER_PROPERTIES_PATH;
use crate::twister2::names::{env, package_file_name};
use crate::twister2::package::ARCHIVE_DIR;
use k8s_openapi::api::core::v1::{EnvVar, EnvVarSource, ObjectFieldSelector};

use crate::twister2::spec::{JobSpec, MEMORY_DIR_MOUNT};

/// The env every Twister2 container starts with, in Twister2's order (JOB_ID … RESTORE_JOB).
pub(super) fn common_env(spec: &JobSpec) -> Vec<EnvVar> {
    let job_id = &spec.job_id;
    vec![
        env_value(env::JOB_ID, job_id.clone()),
        EnvVar {
            name: env::ENCODED_NODE_INFO_LIST.to_string(),
            value: spec.encoded_node_info.clone(),
            ..EnvVar::default()
        },
        env_field(env::POD_NAME, "metadata.name"),
        env_field(env::HOST_IP, "status.hostIP"),
        env_field(env::HOST_NAME, "spec.nodeName"),
        env_value(env::JOB_PACKAGE_FILE_SIZE, spec.package_size.to_string()),
        env_value(env::USER_JOB_JAR_FILE, spec.job_file.clone()),
        env_value(env::POD_MEMORY_VOLUME, MEMORY_DIR_MOUNT),
        env_value(env::JOB_ARCHIVE_DIRECTORY, ARCHIVE_DIR),
        env_value(env::JOB_PACKAGE_FILENAME, package_file_name(job_id)),
        env_value(env::UPLOAD_METHOD, spec.upload.as_str()),
        EnvVar {
            name: env::JOB_PACKAGE_URI.to_string(),
            value: spec.upload.uri().map(str::to_string),
            ..EnvVar::default()
        },
        env_value(env::LOGGER_PROPERTIES_FILE, LOGGER_PROPERTIES_PATH),
        env_value(
            env::JOB_SUBMISSION_TIME,
            spec.submission_time_ms.to_string(),
        ),
        env_value(env::RESTORE_JOB, spec.restore.to_string()),
    ]
}

pub(super) fn env_value(name: &str, value: impl Into<String>) -> EnvVar {
    EnvVar {
        name: name.to_string(),
        value: Some(value.into()),
        ..EnvVar::default()
    }
}

fn env_field(name: &str, field_path: &str) -> EnvVar {
    EnvVar {
        name: name.to_string(),
        value_from: Some(EnvVarSource {
            field_ref: Some(ObjectFieldSelector {
                field_path: field_path.to_string(),
                ..ObjectFieldSelector::default()
            }),
            ..EnvVarSource::default()
        }),
        ..EnvVar::default()
    }
}

#[cfg(test)]
mod tests {
    use crate::manifests::job::render;
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants::{self, ID};

    const COMMON_ENV: [&str; 15] = [
        "JOB_ID",
        "ENCODED_NODE_INFO_LIST",
        "POD_NAME",
        "HOST_IP",
        "HOST_NAME",
        "JOB_PACKAGE_FILE_SIZE",
        "USER_JOB_JAR_FILE",
        "POD_MEMORY_VOLUME",
        "JOB_ARCHIVE_DIRECTORY",
        "JOB_PACKAGE_FILENAME",
        "UPLOAD_METHOD",
        "JOB_PACKAGE_URI",
        "LOGGER_PROPERTIES_FILE",
        "JOB_SUBMISSION_TIME",
        "RESTORE_JOB",
    ];

    #[test]
    fn worker_env_names_in_twister2_order() {
        let objects = plain();
        let mut expected = COMMON_ENV.to_vec();
        expected.extend([
            "CONTAINER_NAME",
            "JOB_MASTER_IP",
            "CLASS_TO_RUN",
            "WORKER_PORT",
            "JVM_MEMORY_MB",
        ]);
        for c in &pod(&objects.workers[0]).containers {
            assert_eq!(env_names(c), expected);
        }
    }

    #[test]
    fn job_master_env_names_in_twister2_order() {
        let objects = plain();
        let mut expected = COMMON_ENV.to_vec();
        expected.extend(["CONTAINER_NAME", "CLASS_TO_RUN", "JVM_MEMORY_MB"]);
        assert_eq!(env_names(container(&objects.job_master, 0)), expected);
    }

    #[test]
    fn common_env_values() {
        let objects = plain();
        let spec = variants::plain();
        let uri = format!("http://twister2-uploader.default.svc.cluster.local/{ID}.tar.gz");
        let package = format!("{ID}.tar.gz");
        let expected: [(&str, &str); 12] = [
            ("JOB_ID", ID),
            ("ENCODED_NODE_INFO_LIST", "10.0.0.1,r1,dc1;10.0.0.2,r2,dc1;"),
            ("JOB_PACKAGE_FILE_SIZE", "123456"),
            ("USER_JOB_JAR_FILE", "libexamples-java.jar"),
            ("POD_MEMORY_VOLUME", "/twister2-memory-dir"),
            ("JOB_ARCHIVE_DIRECTORY", "twister2-job"),
            ("JOB_PACKAGE_FILENAME", &package),
            ("UPLOAD_METHOD", "webserver"),
            ("JOB_PACKAGE_URI", &uri),
            ("LOGGER_PROPERTIES_FILE", "common/logger.properties"),
            ("JOB_SUBMISSION_TIME", "1608076800000"),
            ("RESTORE_JOB", "false"),
        ];
        let containers = [
            container(&objects.workers[0], 0),
            container(&objects.workers[0], 1),
            container(&objects.job_master, 0),
        ];
        for c in containers {
            for (name, value) in expected {
                assert_eq!(env_val(c, name), Some(value), "{} {name}", c.name);
            }
        }
        assert_eq!(spec.package_size, 123_456);
    }

    #[test]
    fn downward_api_env() {
        let objects = plain();
        for c in [
            container(&objects.workers[0], 1),
            container(&objects.job_master, 0),
        ] {
            for (name, path) in [
                ("POD_NAME", "metadata.name"),
                ("HOST_IP", "status.hostIP"),
                ("HOST_NAME", "spec.nodeName"),
            ] {
                let e = env(c, name);
                assert_eq!(e.value, None);
                let field = e.value_from.as_ref().unwrap().field_ref.as_ref().unwrap();
                assert_eq!(field.field_path, path);
                assert_eq!(field.api_version, None);
            }
        }
    }

    #[test]
    fn direct_upload_and_config_node_locations_leave_values_unset() {
        let objects = render(&variants::spread());
        let c = container(&objects.workers[0], 0);
        assert_eq!(env_val(c, "UPLOAD_METHOD"), Some("client-to-pods"));
        assert_eq!(env(c, "JOB_PACKAGE_URI").value, None);
        assert_eq!(env(c, "JOB_PACKAGE_URI").value_from, None);
        assert_eq!(env(c, "ENCODED_NODE_INFO_LIST").value, None);
        let mut restored = variants::plain();
        restored.restore = true;
        let objects = render(&restored);
        assert_eq!(
            env_val(container(&objects.job_master, 0), "RESTORE_JOB"),
            Some("true")
        );
    }
}
