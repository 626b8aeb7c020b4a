//! Helpers the setup manifests share: option errors, persistence, metadata and value checks.
//!
//! Also the test helpers that render YAML streams and run `kubernetes-validate` on them.

use std::collections::BTreeMap;

use crate::twister2::names::image_reference_problem;
use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, PersistentVolumeClaimSpec, ResourceRequirements,
    VolumeResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

/// An option value a setup component cannot use; a usage error (exit code 2).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid {option} {value:?}: {reason}")]
pub struct InvalidOption {
    /// The flag or setting, e.g. `--replicas`.
    pub option: &'static str,
    /// The value given.
    pub value: String,
    /// Why it cannot be used.
    pub reason: String,
}

impl InvalidOption {
    /// An error for `option` = `value`.
    pub fn new(option: &'static str, value: impl Into<String>, reason: impl Into<String>) -> Self {
        InvalidOption {
            option,
            value: value.into(),
            reason: reason.into(),
        }
    }
}

/// A PersistentVolumeClaim per pod (a StatefulSet volumeClaimTemplate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Persistence {
    /// StorageClass (`--storage-class`); `None` = the cluster's default class.
    pub storage_class: Option<String>,
    /// Requested size (`--storage-size`), a Kubernetes quantity such as `5Gi`.
    pub size: String,
}

impl Persistence {
    /// Checks the size is a positive quantity and the class a valid object name.
    pub fn check(&self) -> Result<(), InvalidOption> {
        check_storage_size(&self.size)?;
        if let Some(class) = &self.storage_class {
            check_dns_subdomain("--storage-class", class)?;
        }
        Ok(())
    }

    /// The volumeClaimTemplate `name` (ReadWriteOnce), labelled like its StatefulSet so
    /// `setup remove --delete-data` finds the claims.
    pub fn claim_template(
        &self,
        name: &str,
        labels: &BTreeMap<String, String>,
    ) -> PersistentVolumeClaim {
        PersistentVolumeClaim {
            metadata: ObjectMeta {
                name: Some(name.to_string()),
                labels: Some(labels.clone()),
                ..Default::default()
            },
            spec: Some(PersistentVolumeClaimSpec {
                access_modes: Some(vec!["ReadWriteOnce".to_string()]),
                storage_class_name: self.storage_class.clone(),
                resources: Some(VolumeResourceRequirements {
                    requests: Some(BTreeMap::from([(
                        "storage".to_string(),
                        Quantity(self.size.clone()),
                    )])),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// Metadata with name, namespace and labels.
pub(crate) fn object_meta(
    name: &str,
    namespace: &str,
    labels: &BTreeMap<String, String>,
) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_string()),
        namespace: Some(namespace.to_string()),
        labels: Some(labels.clone()),
        ..Default::default()
    }
}

/// Requests (and optionally a memory limit) for one container.
pub(crate) fn resources(
    cpu: &str,
    memory: &str,
    memory_limit: Option<&str>,
) -> ResourceRequirements {
    ResourceRequirements {
        requests: Some(BTreeMap::from([
            ("cpu".to_string(), Quantity(cpu.to_string())),
            ("memory".to_string(), Quantity(memory.to_string())),
        ])),
        limits: memory_limit
            .map(|m| BTreeMap::from([("memory".to_string(), Quantity(m.to_string()))])),
        ..Default::default()
    }
}

/// Accepts image references pinned to a tag other than `latest`, or to a digest.
pub fn check_pinned_image(image: &str) -> Result<(), InvalidOption> {
    let bad = |reason: &str| Err(InvalidOption::new("--image", image, reason));
    if let Some(why) = image_reference_problem(image) {
        return bad(&format!("not an image reference the pods can pull: {why}"));
    }
    if image.contains('@') {
        return Ok(());
    }
    let last_segment = image.rsplit('/').next().unwrap_or(image);
    match last_segment.split_once(':') {
        None => bad("pin a tag (NAME:TAG) or a digest; an untagged image means `latest`"),
        Some((_, "latest")) => bad("`latest` moves; pin a version tag or a digest"),
        Some((name, tag)) if name.is_empty() || tag.is_empty() => bad("expected NAME:TAG"),
        Some(_) => Ok(()),
    }
}

/// Accepts a positive storage quantity: digits, an optional fraction and a binary or decimal
/// suffix (`512Mi`, `5Gi`, `1.5Ti`, `10G`).
pub fn check_storage_size(size: &str) -> Result<(), InvalidOption> {
    const SUFFIXES: [&str; 12] = [
        "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E",
    ];
    let number = SUFFIXES
        .iter()
        .find_map(|s| size.strip_suffix(s))
        .unwrap_or(size);
    let (whole, fraction) = number.split_once('.').unwrap_or((number, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let positive = number.bytes().any(|b| (b'1'..=b'9').contains(&b));
    if digits(whole) && digits(fraction) && positive {
        Ok(())
    } else {
        Err(InvalidOption::new(
            "--storage-size",
            size,
            "expected a positive size such as 512Mi, 5Gi or 1Ti",
        ))
    }
}

/// Accepts a Kubernetes object name (RFC 1123 subdomain: lower-case alphanumerics, `-`, `.`,
/// at most 253 characters, alphanumeric at both ends).
pub fn check_dns_subdomain(option: &'static str, name: &str) -> Result<(), InvalidOption> {
    let label_ok = |label: &str| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if name.len() <= 253 && name.split('.').all(label_ok) {
        Ok(())
    } else {
        Err(InvalidOption::new(
            option,
            name,
            "a Kubernetes name uses lower-case letters, digits, '-' and '.', starts and ends \
             with a letter or digit, and has at most 253 characters",
        ))
    }
}

/// Helpers for the manifest tests: YAML streams and `kubernetes-validate`.
#[cfg(test)]
pub(crate) mod test_support {
    use std::process::Command;

    /// Kubernetes versions every rendered component is validated against: the oldest supported
    /// and the newest `kubernetes-validate` ships.
    pub const VALIDATE_VERSIONS: [&str; 2] = ["1.28.0", "1.37.0"];

    /// Documents joined as a multi-document YAML stream.
    pub fn yaml_stream(documents: &[serde_json::Value]) -> String {
        documents
            .iter()
            .map(|d| format!("---\n{}", serde_yaml::to_string(d).unwrap()))
            .collect()
    }

    /// Whether the environment says this is a CI run (`CI` set to anything but empty, `0` or
    /// `false`), where a missing validator is an error rather than a reason to skip.
    pub fn running_in_ci(value: Option<&std::ffi::OsStr>) -> bool {
        value.is_some_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
    }

    /// Writes each stream to a file and runs `kubernetes-validate --strict` on all of them for
    /// every version in [`VALIDATE_VERSIONS`]. Without the tool: fails in CI (`CI` set), else
    /// skips with a note.
    pub fn assert_kubernetes_valid(streams: &[(&str, String)]) {
        if Command::new("kubernetes-validate")
            .arg("--version")
            .output()
            .is_err()
        {
            assert!(
                !running_in_ci(std::env::var_os("CI").as_deref()),
                "kubernetes-validate is not on PATH and CI is set: install it \
                 (python3 -m pip install kubernetes-validate)"
            );
            eprintln!("kubernetes-validate not on PATH; skipping schema validation");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<_> = streams
            .iter()
            .map(|(name, yaml)| {
                let path = dir.path().join(format!("{name}.yaml"));
                std::fs::write(&path, yaml).unwrap();
                path
            })
            .collect();
        for version in VALIDATE_VERSIONS {
            let out = Command::new("kubernetes-validate")
                .args(["--strict", "--quiet", "-k", version])
                .args(&files)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "kubernetes-validate --strict -k {version} failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_pinning() {
        for ok in [
            "zookeeper:3.8.4",
            "registry.example.com:5000/zk/zookeeper:3.9.2",
            "zookeeper@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "localhost:5000/zookeeper:1",
        ] {
            assert!(check_pinned_image(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "zookeeper",
            "zookeeper:latest",
            "registry.example.com:5000/zookeeper",
            "zoo keeper:1",
            "zookeeper:",
            "@sha256:abc",
            "zookeeper@sha256:0123abcd",
            "ZooKeeper:3.8.4",
        ] {
            assert!(check_pinned_image(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn storage_sizes_and_names() {
        for ok in ["1Gi", "512Mi", "1.5Ti", "10G", "100"] {
            assert!(check_storage_size(ok).is_ok(), "{ok}");
        }
        for bad in ["", "0", "0Gi", "-1Gi", "1.Gi", "Gi", "1GB", "1 Gi"] {
            assert!(check_storage_size(bad).is_err(), "{bad}");
        }
        for ok in ["standard", "fast-ssd", "a.b-c", "gp3"] {
            assert!(check_dns_subdomain("--storage-class", ok).is_ok(), "{ok}");
        }
        for bad in ["", "Fast", "-a", "a-", "a..b", "a_b", &"a".repeat(254)] {
            assert!(
                check_dns_subdomain("--storage-class", bad).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn ci_detection_makes_a_missing_validator_fatal() {
        use std::ffi::OsStr;
        assert!(test_support::running_in_ci(Some(OsStr::new("true"))));
        assert!(test_support::running_in_ci(Some(OsStr::new("1"))));
        assert!(!test_support::running_in_ci(None));
        assert!(!test_support::running_in_ci(Some(OsStr::new(""))));
        assert!(!test_support::running_in_ci(Some(OsStr::new("false"))));
        assert!(!test_support::running_in_ci(Some(OsStr::new("0"))));
    }
}
