//! The plugin's local state: the saved packages of checkpointed jobs (`repository`), and the
//! jobID of the last job submitted with it, in the XDG state
//! directory (`$XDG_STATE_HOME/kubectl-twister2/last-job`, else
//! `~/.local/state/kubectl-twister2/last-job`), read by `kill --last`, `describe --last` and
//! `logs --last`.
//!
//! Compat: Twister2's client keeps its last jobID in `~/.twister2/last-job-id.txt`; the plugin
//! keeps its own file and does not read or write Twister2's.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::twister2::names::is_dns1123_label;

pub mod repository;

/// Directory name under the state directory.
pub const APP_DIR: &str = "kubectl-twister2";
/// File holding the last submitted jobID.
pub const LAST_JOB_FILE: &str = "last-job";

/// Where the last jobID is kept, from the process environment (`XDG_STATE_HOME`, `HOME`).
pub fn last_job_path() -> Result<PathBuf> {
    let xdg = std::env::var_os("XDG_STATE_HOME");
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .or_else(dirs::home_dir);
    last_job_path_from(xdg.as_deref(), home.as_deref())
}

/// [`last_job_path`] with the environment given. A relative or empty `XDG_STATE_HOME` is
/// ignored, as the XDG Base Directory specification says.
pub fn last_job_path_from(xdg_state_home: Option<&OsStr>, home: Option<&Path>) -> Result<PathBuf> {
    let state_dir = match xdg_state_home.map(Path::new) {
        Some(dir) if dir.is_absolute() => dir.to_path_buf(),
        _ => home
            .filter(|h| !h.as_os_str().is_empty())
            .map(|h| h.join(".local").join("state"))
            .ok_or_else(|| {
                anyhow!(
                    "cannot find the state directory for the last jobID: neither XDG_STATE_HOME \
nor HOME is set"
                )
            })?,
    };
    Ok(state_dir.join(APP_DIR).join(LAST_JOB_FILE))
}

/// Remember `job_id` as the last submitted job (`submit` calls this). Returns the file written.
pub fn remember_last_job(job_id: &str) -> Result<PathBuf> {
    let path = last_job_path()?;
    write_last_job_at(&path, job_id)?;
    Ok(path)
}

/// The last submitted jobID; a clear error when there is none.
pub fn last_job() -> Result<String> {
    read_last_job_at(&last_job_path()?)
}

/// Write `job_id` to `path` (creating its directory), replacing the file atomically.
pub fn write_last_job_at(path: &Path, job_id: &str) -> Result<()> {
    if !is_dns1123_label(job_id) {
        bail!("refusing to remember '{job_id}' as the last jobID: it is not a valid job ID");
    }
    let dir = path
        .parent()
        .ok_or_else(|| anyhow!("{} has no parent directory", path.display()))?;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the state directory {}", dir.display()))?;
    let temporary = dir.join(format!(".{LAST_JOB_FILE}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, format!("{job_id}\n"))
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, path).with_context(|| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write {}", path.display())
    })
}

/// Read the jobID kept at `path`.
pub fn read_last_job_at(path: &Path) -> Result<String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "no job has been submitted with kubectl twister2 yet ({} does not exist): give the \
jobID instead of --last (`kubectl twister2 jobs` lists the jobs)",
            path.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let job_id = text.trim();
    if !is_dns1123_label(job_id) {
        bail!(
            "{} does not hold a valid jobID (found {:?}): give the jobID instead of --last",
            path.display(),
            job_id.chars().take(80).collect::<String>()
        );
    }
    Ok(job_id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_state_home_wins_when_absolute() {
        let path =
            last_job_path_from(Some(OsStr::new("/xdg/state")), Some(Path::new("/home/u"))).unwrap();
        assert_eq!(path, Path::new("/xdg/state/kubectl-twister2/last-job"));
    }

    #[test]
    fn home_fallback_for_missing_empty_or_relative_xdg() {
        let want = Path::new("/home/u/.local/state/kubectl-twister2/last-job");
        for xdg in [None, Some(""), Some("relative/state")] {
            let path = last_job_path_from(xdg.map(OsStr::new), Some(Path::new("/home/u"))).unwrap();
            assert_eq!(path, want, "XDG_STATE_HOME={xdg:?}");
        }
    }

    #[test]
    fn no_home_and_no_xdg_is_an_error() {
        let err = last_job_path_from(None, None).unwrap_err().to_string();
        assert!(err.contains("XDG_STATE_HOME"), "{err}");
    }

    #[test]
    fn write_then_read_round_trips_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/er/last-job");
        write_last_job_at(&path, "u-hello-36cz77mu").unwrap();
        assert_eq!(read_last_job_at(&path).unwrap(), "u-hello-36cz77mu");
        write_last_job_at(&path, "u-other-36cz77mv").unwrap();
        assert_eq!(read_last_job_at(&path).unwrap(), "u-other-36cz77mv");
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[test]
    fn missing_file_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("last-job");
        let err = read_last_job_at(&path).unwrap_err().to_string();
        assert!(err.contains("no job has been submitted"), "{err}");
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains("give the jobID"), "{err}");
    }

    #[test]
    fn garbage_is_refused_both_ways() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("last-job");
        std::fs::write(&path, "t2-job in (a,b)\n").unwrap();
        assert!(read_last_job_at(&path).is_err());
        assert!(write_last_job_at(&path, "Bad_ID").is_err());
    }
}
