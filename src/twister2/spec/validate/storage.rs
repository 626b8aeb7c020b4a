//! Checks of the job's claim and of `--volume` claims and mount paths.

use std::collections::BTreeSet;

use crate::twister2::names::is_dns1123_subdomain;
use crate::twister2::spec::{IMAGE_WORKDIR, JobSpec, MAX_DECIMAL_SIZE, TWISTER2_MOUNTS};

impl JobSpec {
    pub(super) fn check_storage(&self, p: &mut Vec<String>) {
        let Some(storage) = &self.persistent_storage else {
            return;
        };
        if !(storage.per_worker_gb.is_finite() && storage.per_worker_gb > 0.0) {
            p.push(format!(
                "persistent storage per worker {} must be a positive number",
                storage.per_worker_gb
            ));
        }
        if let Some(class) = &storage.storage_class
            && !is_dns1123_subdomain(class)
        {
            p.push(format!(
                "storage class '{class}' is not a valid StorageClass name"
            ));
        }
        // Written like Java's Double.toString, which uses exponent notation from 10^7 on.
        #[allow(clippy::cast_precision_loss)]
        let total =
            storage.per_worker_gb * self.number_of_workers() as f64 + self.job_master.persistent_gb;
        if total >= MAX_DECIMAL_SIZE {
            p.push(format!(
                "persistent storage of {total} GiB in total is too large"
            ));
        }
    }

    pub(super) fn check_volumes(&self, p: &mut Vec<String>) {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for volume in &self.volumes {
            let at = format!("volume {}:{}", volume.claim_name, volume.mount_path);
            if !is_dns1123_subdomain(&volume.claim_name) {
                p.push(format!(
                    "{at}: '{}' is not a valid claim name",
                    volume.claim_name
                ));
            }
            let Some(path) = normalize_mount_path(&volume.mount_path) else {
                p.push(format!(
                    "{at}: mount path must be absolute, without '..', ':' or empty parts"
                ));
                continue;
            };
            for own in TWISTER2_MOUNTS {
                if paths_overlap(&path, own) {
                    p.push(format!(
                        "{at}: mount path clashes with Twister2's own mount {own}"
                    ));
                }
            }
            if is_ancestor_or_same(&path, IMAGE_WORKDIR) {
                p.push(format!(
                    "{at}: mount path would hide the image's {IMAGE_WORKDIR} directory"
                ));
            }
            if !seen.insert(path.clone()) {
                p.push(format!("{at}: mount path {path} is used twice"));
            }
        }
    }
}

/// `/a//b/` → `/a/b`; `None` for relative paths, `..`/`.` parts or `:`.
fn normalize_mount_path(path: &str) -> Option<String> {
    if !path.starts_with('/') || path.contains(':') {
        return None;
    }
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if parts.iter().any(|s| *s == ".." || *s == ".") {
        return None;
    }
    Some(format!("/{}", parts.join("/")))
}

/// `a` is `b` or one of its parent directories.
fn is_ancestor_or_same(a: &str, b: &str) -> bool {
    a == b || a == "/" || b.strip_prefix(a).is_some_and(|rest| rest.starts_with('/'))
}

/// One path is the other or contains it.
fn paths_overlap(a: &str, b: &str) -> bool {
    is_ancestor_or_same(a, b) || is_ancestor_or_same(b, a)
}

#[cfg(test)]
mod tests {
    use crate::twister2::spec::validate::test_support::*;
    use crate::twister2::spec::*;

    #[test]
    fn job_master_persistent_size_needs_the_claim() {
        let mut spec = JobSpec::example("j");
        spec.job_master.persistent_gb = 1.0;
        assert!(has(&spec, "add --persistent-storage"));
        spec.persistent_storage = Some(PersistentStorage {
            per_worker_gb: 1.0,
            storage_class: None,
            access_mode: AccessMode::ReadWriteMany,
        });
        assert_eq!(spec.validate(), Ok(()));
        spec.persistent_storage = Some(PersistentStorage {
            per_worker_gb: 0.0,
            storage_class: Some("NFS".into()),
            access_mode: AccessMode::ReadWriteMany,
        });
        assert!(has(&spec, "per worker 0 must be a positive number"));
        assert!(has(&spec, "storage class 'NFS'"));
    }

    #[test]
    fn existing_volumes_may_not_clash() {
        let mut spec = JobSpec::example("j");
        let vol = |claim: &str, path: &str| ExistingVolume {
            claim_name: claim.into(),
            mount_path: path.into(),
            read_only: false,
        };
        spec.volumes = vec![vol("data", "/data"), vol("ref", "/ref/genome/")];
        assert_eq!(spec.validate(), Ok(()));
        for path in [
            "/twister2-memory-dir",
            "/twister2-volatile/x",
            "/persistent/",
            "/ssh-key",
            "/ssh-key/openmpi",
            "//persistent",
        ] {
            spec.volumes = vec![vol("data", path)];
            assert!(has(&spec, "clashes with Twister2's own mount"), "{path}");
        }
        for path in ["/", "/twister2"] {
            spec.volumes = vec![vol("data", path)];
            assert!(has(&spec, "would hide the image's /twister2"), "{path}");
        }
        spec.volumes = vec![vol("data", "/twister2-data"), vol("x", "/persistent-other")];
        assert_eq!(spec.validate(), Ok(()));
        spec.volumes = vec![vol("a", "/data"), vol("b", "/data/")];
        assert!(has(&spec, "mount path /data is used twice"));
        spec.volumes = vec![vol("Bad", "relative"), vol("c", "/a/../b")];
        assert!(has(&spec, "'Bad' is not a valid claim name"));
        assert_eq!(
            problems(&spec)
                .iter()
                .filter(|m| m.contains("must be absolute"))
                .count(),
            2
        );
    }
}
