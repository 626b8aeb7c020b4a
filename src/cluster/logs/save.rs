//! `--save DIR`: one file per source instance in the layout of Twister2's Java client
//! (`K8S/logger/WorkerLogger.java`): `worker<ID>-ip<podIP>-0.log` and `job-master-ip<podIP>-0.log`,
//! the current instance always `-0`, older files of the same source shifted to `-1`, `-2`, …
//! when a new instance starts (a restarted container, a recreated pod with the same IP).

use std::path::{Path, PathBuf};

use tokio::io::AsyncWriteExt;

use crate::cluster::logs::sources::{Role, Source};

/// Why lines could not be delivered (to stdout or to a saved file).
#[derive(Debug)]
pub enum SinkError {
    /// stdout is gone (its reader went away): stop quietly.
    Closed,
    /// A saved file could not be written.
    Save(PathBuf, std::io::Error),
}

/// The part of a file name that names the source: `worker3`, `job-master`, or
/// `<pod>-<container>` for containers Twister2 does not name.
pub fn stem_of(source: &Source) -> String {
    match source.role {
        Role::JobMaster => "job-master".to_string(),
        Role::Worker(id) | Role::OpenMpi { file_id: Some(id) } => format!("worker{id}"),
        Role::OpenMpi { file_id: None } | Role::Other => {
            format!("{}-{}", source.pod, source.container)
                .chars()
                .map(|c| if c == '/' { '-' } else { c })
                .collect()
        }
    }
}

/// `<stem>-ip<podIP>`: what every file of one source instance shares.
pub fn base_name(stem: &str, pod_ip: Option<&str>) -> String {
    format!(
        "{stem}-ip{}",
        pod_ip.filter(|ip| !ip.is_empty()).unwrap_or("unknown")
    )
}

/// The index of `name` if it is `<base>-<index>.log`.
fn index_of(name: &str, base: &str) -> Option<u32> {
    let digits = name
        .strip_prefix(base)?
        .strip_prefix('-')?
        .strip_suffix(".log")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Shift `<base>-<n>.log` to `<base>-<n+1>.log` in `dir`, highest first, and return the path
/// of the free `<base>-0.log`.
pub async fn make_room(dir: &Path, base: &str) -> std::io::Result<PathBuf> {
    let mut indexes = Vec::new();
    let mut entries = tokio::fs::read_dir(dir).await?;
    while let Some(entry) = entries.next_entry().await? {
        if let Some(index) = entry.file_name().to_str().and_then(|n| index_of(n, base)) {
            indexes.push(index);
        }
    }
    indexes.sort_unstable_by(|a, b| b.cmp(a));
    for index in indexes {
        let from = dir.join(format!("{base}-{index}.log"));
        let to = dir.join(format!("{base}-{}.log", index.saturating_add(1)));
        tokio::fs::rename(&from, &to).await?;
    }
    Ok(dir.join(format!("{base}-0.log")))
}

/// Writes one source's lines into its current instance file.
#[derive(Debug)]
pub struct Saver {
    dir: PathBuf,
    stem: String,
    label: String,
    pod_ip: Option<String>,
    file: Option<(PathBuf, tokio::fs::File)>,
}

impl Saver {
    /// A saver for `source` into `dir` (which must exist). Nothing is created before the first
    /// instance begins.
    pub fn new(dir: &Path, source: &Source) -> Self {
        Saver {
            dir: dir.to_path_buf(),
            stem: stem_of(source),
            label: source.label.clone(),
            pod_ip: None,
            file: None,
        }
    }

    /// The file being written, if any.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(|(p, _)| p.as_path())
    }

    /// Start a new instance file (shifting older ones) named with `pod_ip`.
    pub async fn begin_instance(&mut self, pod_ip: Option<&str>) -> Result<(), SinkError> {
        self.close().await?;
        if let Some(ip) = pod_ip {
            self.pod_ip = Some(ip.to_string());
        }
        let base = base_name(&self.stem, self.pod_ip.as_deref());
        let fail = |path: &Path, e| SinkError::Save(path.to_path_buf(), e);
        let path = make_room(&self.dir, &base)
            .await
            .map_err(|e| fail(&self.dir, e))?;
        let file = tokio::fs::File::create(&path)
            .await
            .map_err(|e| fail(&path, e))?;
        eprintln!("saving {} to {}", self.label, path.display());
        self.file = Some((path, file));
        Ok(())
    }

    /// Append bytes to the current instance file (starting one if none was begun).
    pub async fn write(&mut self, bytes: &[u8]) -> Result<(), SinkError> {
        if self.file.is_none() {
            let ip = self.pod_ip.clone();
            self.begin_instance(ip.as_deref()).await?;
        }
        if let Some((path, file)) = &mut self.file {
            file.write_all(bytes)
                .await
                .map_err(|e| SinkError::Save(path.clone(), e))?;
        }
        Ok(())
    }

    /// Flush and close the current file.
    pub async fn close(&mut self) -> Result<(), SinkError> {
        if let Some((path, mut file)) = self.file.take() {
            file.flush()
                .await
                .map_err(|e| SinkError::Save(path.clone(), e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(role: Role, label: &str) -> Source {
        Source {
            pod: "j-0-1".into(),
            uid: "u".into(),
            container: "twister2-container-0".into(),
            role,
            label: label.into(),
        }
    }

    #[test]
    fn names_follow_twister2() {
        assert_eq!(stem_of(&source(Role::Worker(3), "worker-3")), "worker3");
        assert_eq!(
            stem_of(&source(Role::JobMaster, "job-master")),
            "job-master"
        );
        assert_eq!(
            stem_of(&source(Role::OpenMpi { file_id: Some(2) }, "j-0-1")),
            "worker2"
        );
        assert_eq!(
            stem_of(&source(Role::Other, "j-0-1/twister2-container-0")),
            "j-0-1-twister2-container-0"
        );
        assert_eq!(base_name("worker3", Some("10.0.0.7")), "worker3-ip10.0.0.7");
        assert_eq!(base_name("worker3", None), "worker3-ipunknown");
        assert_eq!(
            index_of("worker3-ip10.0.0.7-12.log", "worker3-ip10.0.0.7"),
            Some(12)
        );
        assert_eq!(
            index_of("worker3-ip10.0.0.70-1.log", "worker3-ip10.0.0.7"),
            None
        );
        assert_eq!(
            index_of("worker3-ip10.0.0.7-.log", "worker3-ip10.0.0.7"),
            None
        );
    }

    #[tokio::test]
    async fn new_instances_shift_older_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Saver::new(dir.path(), &source(Role::Worker(3), "worker-3"));
        saver.begin_instance(Some("10.0.0.7")).await.unwrap();
        saver.write(b"first\n").await.unwrap();
        saver.begin_instance(Some("10.0.0.7")).await.unwrap();
        saver.write(b"second\n").await.unwrap();
        saver.begin_instance(None).await.unwrap();
        saver.write(b"third\n").await.unwrap();
        saver.close().await.unwrap();
        // an unrelated file with a similar name is left alone
        std::fs::write(dir.path().join("worker3-ip10.0.0.70-0.log"), "other").unwrap();
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(read("worker3-ip10.0.0.7-0.log"), "third\n");
        assert_eq!(read("worker3-ip10.0.0.7-1.log"), "second\n");
        assert_eq!(read("worker3-ip10.0.0.7-2.log"), "first\n");
        assert_eq!(read("worker3-ip10.0.0.70-0.log"), "other");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
    }

    #[tokio::test]
    async fn writing_without_an_instance_starts_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Saver::new(dir.path(), &source(Role::JobMaster, "job-master"));
        saver.write(b"x\n").await.unwrap();
        assert_eq!(
            saver.path().unwrap(),
            dir.path().join("job-master-ipunknown-0.log")
        );
        saver.close().await.unwrap();
        assert!(saver.path().is_none());
    }
}
