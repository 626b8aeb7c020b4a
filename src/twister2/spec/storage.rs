//! Storage of a job: its persistent volume claim and existing claims (`--volume`).

use std::str::FromStr;

use super::AccessMode;

/// The job's persistent volume claim `<jobID>`, shared by the job master and every worker.
#[derive(Debug, Clone, PartialEq)]
pub struct PersistentStorage {
    /// GiB per worker (`twister2.resource.persistent.volume.per.worker`); must be > 0.
    pub per_worker_gb: f64,
    /// `storageClassName`; `None` uses the cluster's default class.
    pub storage_class: Option<String>,
    /// Access mode (`twister2.resource.kubernetes.storage.access.mode`, default ReadWriteMany).
    pub access_mode: AccessMode,
}

/// `--volume CLAIM:/path[:ro]`: an existing PersistentVolumeClaim mounted in the job master and
/// every worker container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingVolume {
    /// Name of the existing claim.
    pub claim_name: String,
    /// Absolute mount path inside the containers.
    pub mount_path: String,
    /// Mount read-only.
    pub read_only: bool,
}

impl FromStr for ExistingVolume {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("invalid volume '{s}': expected CLAIM:/path or CLAIM:/path:ro");
        let (claim, rest) = s.split_once(':').ok_or_else(bad)?;
        let (path, read_only) = match rest.rsplit_once(':') {
            Some((path, "ro")) => (path, true),
            Some((path, "rw")) => (path, false),
            Some(_) => return Err(bad()),
            None => (rest, false),
        };
        if claim.is_empty() || path.is_empty() {
            return Err(bad());
        }
        Ok(ExistingVolume {
            claim_name: claim.to_string(),
            mount_path: path.to_string(),
            read_only,
        })
    }
}
