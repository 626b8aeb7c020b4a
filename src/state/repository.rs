//! The repository of checkpointed jobs' packages, where Twister2's own client keeps them so
//! that either client can restart the other's job: `<dir>/<jobID>/twister2-job.tar.gz`, with
//! `<dir>` = `twister2.resource.uploader.directory`, default `~/.twister2/repository`. Beside
//! the package the plugin keeps the options of the objects that are not Twister2 configuration
//! (`kubectl-twister2-objects.json`), so a restart recreates the same objects.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::twister2::names::is_dns1123_label;

/// The package's file name in a job's directory (Twister2's `twister2.package.job`).
pub const PACKAGE_FILE: &str = "twister2-job.tar.gz";
/// The plugin's record of the object options, beside the package.
pub const OBJECTS_FILE: &str = "kubectl-twister2-objects.json";

/// The repository directory: `configured` (with `${HOME}` replaced, as Twister2's default
/// spells it) or `~/.twister2/repository`.
pub fn repository_dir(configured: Option<&str>) -> Result<PathBuf> {
    let home = || {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|h| !h.as_os_str().is_empty())
            .or_else(dirs::home_dir)
            .ok_or_else(|| {
                anyhow!(
                    "cannot find the home directory for ~/.twister2/repository: HOME is not set"
                )
            })
    };
    match configured {
        Some(dir) if dir.contains("${HOME}") => {
            let home = home()?;
            Ok(PathBuf::from(
                dir.replace("${HOME}", &home.to_string_lossy()),
            ))
        }
        Some(dir) => Ok(PathBuf::from(dir)),
        None => Ok(home()?.join(".twister2").join("repository")),
    }
}

/// A saved job.
#[derive(Debug, Clone)]
pub struct SavedJob {
    /// Its directory.
    pub dir: PathBuf,
    /// The package.
    pub package: Vec<u8>,
    /// The plugin's object options, when the plugin saved the job (Twister2's client keeps
    /// only the package).
    pub objects: Option<serde_json::Value>,
}

fn job_dir(repository: &Path, job_id: &str) -> Result<PathBuf> {
    if !is_dns1123_label(job_id) {
        bail!("'{job_id}' is not a job ID (lower-case letters, digits and dashes)");
    }
    Ok(repository.join(job_id))
}

/// Keeps `package` (and the object options) of job `job_id`, replacing an earlier copy; the
/// files are private to the user (0600, directory 0700). Returns the package's path.
pub fn save(
    repository: &Path,
    job_id: &str,
    package: &[u8],
    objects: &serde_json::Value,
) -> Result<PathBuf> {
    let dir = job_dir(repository, job_id)?;
    create_private_dir(&dir)?;
    let path = dir.join(PACKAGE_FILE);
    write_private(&path, package)?;
    let record = serde_json::to_vec_pretty(objects)?;
    write_private(&dir.join(OBJECTS_FILE), &record)?;
    Ok(path)
}

/// The saved package of `job_id`; a clear error when there is none.
pub fn load(repository: &Path, job_id: &str) -> Result<SavedJob> {
    let dir = job_dir(repository, job_id)?;
    let path = dir.join(PACKAGE_FILE);
    let package = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "nothing to restore for job {job_id}: there is no saved package {} (a job's package \
is kept only when it is submitted with checkpointing on, twister2.checkpointing.enable: true, \
and is removed by kill and clear)",
            path.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let objects = match std::fs::read(dir.join(OBJECTS_FILE)) {
        Ok(bytes) => Some(serde_json::from_slice(&bytes).with_context(|| {
            format!(
                "{} is not a record of kubectl-twister2",
                dir.join(OBJECTS_FILE).display()
            )
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot read {}", dir.join(OBJECTS_FILE).display()));
        }
    };
    Ok(SavedJob {
        dir,
        package,
        objects,
    })
}

/// Removes the saved files of `job_id`; whether there were any.
pub fn remove(repository: &Path, job_id: &str) -> Result<bool> {
    let dir = job_dir(repository, job_id)?;
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("cannot remove {}", dir.display())),
    }
}

/// The jobIDs with a saved package, sorted.
pub fn saved_jobs(repository: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(repository) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", repository.display())),
    };
    let mut jobs = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", repository.display()))?;
        let name = entry.file_name().to_string_lossy().to_string();
        if is_dns1123_label(&name) && entry.path().join(PACKAGE_FILE).is_file() {
            jobs.push(name);
        }
    }
    jobs.sort();
    Ok(jobs)
}

fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot make {} private", dir.display()))?;
    }
    Ok(())
}

/// Writes `bytes` to a 0600 temporary file beside `path`, then renames it into place.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| anyhow!("{} has no parent directory", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let written = options.open(&temporary).and_then(|mut file| {
        use std::io::Write as _;
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temporary, path)) {
        let _ = std::fs::remove_file(&temporary);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_job_loads_back_and_is_private() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repository");
        let objects = serde_json::json!({"expose": "nodeport"});
        let path = save(&repo, "u-wc-1", b"tar.gz bytes", &objects).unwrap();
        assert_eq!(path, repo.join("u-wc-1").join(PACKAGE_FILE));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let mode = std::fs::metadata(repo.join("u-wc-1"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let saved = load(&repo, "u-wc-1").unwrap();
        assert_eq!(saved.package, b"tar.gz bytes");
        assert_eq!(saved.objects, Some(objects));
        assert_eq!(saved_jobs(&repo).unwrap(), vec!["u-wc-1".to_string()]);
        assert!(remove(&repo, "u-wc-1").unwrap());
        assert!(!remove(&repo, "u-wc-1").unwrap());
        assert!(saved_jobs(&repo).unwrap().is_empty());
    }

    #[test]
    fn a_package_of_twister2_own_client_loads_without_a_record() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("u-java-1")).unwrap();
        std::fs::write(tmp.path().join("u-java-1").join(PACKAGE_FILE), b"pkg").unwrap();
        let saved = load(tmp.path(), "u-java-1").unwrap();
        assert_eq!(saved.objects, None);
    }

    #[test]
    fn nothing_to_restore_says_why() {
        let tmp = tempfile::tempdir().unwrap();
        let e = load(tmp.path(), "u-none-1").unwrap_err().to_string();
        assert!(e.contains("nothing to restore for job u-none-1"), "{e}");
        assert!(e.contains("twister2.checkpointing.enable"), "{e}");
        assert!(load(tmp.path(), "../etc").is_err());
    }

    #[test]
    fn the_directory_follows_the_configuration() {
        let home = std::env::var("HOME").unwrap_or_default();
        if home.is_empty() {
            return;
        }
        assert_eq!(
            repository_dir(None).unwrap(),
            Path::new(&home).join(".twister2/repository")
        );
        assert_eq!(
            repository_dir(Some("${HOME}/saved")).unwrap(),
            Path::new(&format!("{home}/saved"))
        );
        assert_eq!(
            repository_dir(Some("/srv/t2")).unwrap(),
            Path::new("/srv/t2")
        );
    }
}
