//! Reading a checkpointed job's saved package as Twister2's `restart` does: its `<jobID>.job`
//! (the same jobID, compute resources and job configuration) and its configuration, loaded from
//! the package's own `common/` and `kubernetes/` (the current configuration is not used).

use std::io::Read as _;

use anyhow::{Context, Result, anyhow, bail};
use flate2::read::GzDecoder;

use crate::twister2::config::{Config, ConfigSources, keys};
use crate::twister2::package::ARCHIVE_DIR;
use crate::twister2::proto::Job;

/// Largest package the plugin unpacks to restart a job (1 GiB).
pub const MAX_SAVED_PACKAGE_BYTES: u64 = 1 << 30;

/// What a saved package holds.
#[derive(Debug, Clone)]
pub struct SavedPackage {
    /// Its `<jobID>.job`.
    pub job: Job,
    /// Its configuration, as its pods read it.
    pub config: Config,
    /// Warnings of loading that configuration.
    pub warnings: Vec<String>,
}

/// Reads the saved package `bytes` of job `job_id`. Refuses a package whose job is another one,
/// or that was not checkpointed (there is nothing to restore).
pub fn read_saved_package(bytes: &[u8], job_id: &str) -> Result<SavedPackage> {
    let dir = tempfile::Builder::new()
        .prefix("kubectl-twister2-restart-")
        .tempdir()
        .context("cannot create a temporary directory to read the saved package")?;
    let mut archive = tar::Archive::new(GzDecoder::new(bytes).take(MAX_SAVED_PACKAGE_BYTES));
    for entry in archive
        .entries()
        .context("the saved package is not a tar.gz archive")?
    {
        let mut entry = entry.context("the saved package is not a readable tar.gz archive")?;
        // Only the job description and the configuration are needed.
        let path = entry.path()?.to_string_lossy().to_string();
        let wanted = path == format!("{ARCHIVE_DIR}/{job_id}.job")
            || path.starts_with(&format!("{ARCHIVE_DIR}/common/"))
            || path.starts_with(&format!("{ARCHIVE_DIR}/kubernetes/"));
        if wanted && entry.header().entry_type().is_file() {
            // `unpack_in` refuses paths that would leave the directory.
            entry
                .unpack_in(dir.path())
                .with_context(|| format!("cannot unpack {path} of the saved package"))?;
        }
    }
    let job_path = dir.path().join(ARCHIVE_DIR).join(format!("{job_id}.job"));
    let job_bytes = std::fs::read(&job_path).map_err(|_| {
        anyhow!("the saved package has no {ARCHIVE_DIR}/{job_id}.job: it is not job {job_id}'s")
    })?;
    let job = Job::from_bytes(&job_bytes)
        .map_err(|e| anyhow!("the saved package's {job_id}.job cannot be read: {e}"))?;
    if job.job_id != job_id {
        bail!(
            "the saved package of job {job_id} describes job {}",
            job.job_id
        );
    }
    let loaded = Config::load(&ConfigSources {
        conf_dir: Some(dir.path().join(ARCHIVE_DIR)),
        ..ConfigSources::default()
    })
    .map_err(|e| anyhow!("the saved package's configuration: {e}"))?;
    if !loaded.config.checkpointing_enabled() {
        bail!(
            "job {job_id} was not checkpointed ({} is not true in its saved package), so there is \
nothing to restore; submit it afresh instead",
            keys::CHECKPOINTING_ENABLE
        );
    }
    Ok(SavedPackage {
        job,
        config: loaded.config,
        warnings: loaded.warnings.iter().map(|w| w.to_string()).collect(),
    })
}
