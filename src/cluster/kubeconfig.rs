//! Finding and merging kubeconfig files the way kubectl does: `--kubeconfig` (that file only, it
//! must exist), else every file in `KUBECONFIG` (missing ones skipped, first one to set a name
//! wins), else `~/.kube/config`; `None` when there is none, so the caller can try in-cluster.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use kube::config::Kubeconfig;

/// The merged kubeconfig and the files it came from (for error messages).
#[derive(Debug, Clone)]
pub struct LoadedKubeconfig {
    /// The merged configuration.
    pub config: Kubeconfig,
    /// The files that were read, in merge order.
    pub files: Vec<PathBuf>,
}

impl LoadedKubeconfig {
    /// The files as one comma-separated string, for messages.
    pub fn describe_files(&self) -> String {
        self.files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Load the kubeconfig that kubectl would use with these inputs.
///
/// `explicit` is `--kubeconfig`; `env` is the value of `KUBECONFIG`; `home` the user's home.
pub fn load(
    explicit: Option<&Path>,
    env: Option<&std::ffi::OsStr>,
    home: Option<&Path>,
) -> Result<Option<LoadedKubeconfig>> {
    if let Some(path) = explicit {
        if !path.exists() {
            bail!(
                "kubeconfig file {} given with --kubeconfig does not exist",
                path.display()
            );
        }
        let config = read_one(path)?;
        return Ok(Some(LoadedKubeconfig {
            config,
            files: vec![path.to_path_buf()],
        }));
    }
    if let Some(value) = env {
        let mut paths: Vec<PathBuf> = Vec::new();
        for path in std::env::split_paths(value) {
            if !path.as_os_str().is_empty() && !paths.contains(&path) {
                paths.push(path);
            }
        }
        if !paths.is_empty() {
            let present: Vec<PathBuf> = paths.into_iter().filter(|p| p.exists()).collect();
            return merge_files(present);
        }
    }
    if let Some(home) = home {
        let default = home.join(".kube").join("config");
        if default.exists() {
            return merge_files(vec![default]);
        }
    }
    Ok(None)
}

fn merge_files(files: Vec<PathBuf>) -> Result<Option<LoadedKubeconfig>> {
    let mut merged: Option<Kubeconfig> = None;
    for file in &files {
        let next = read_one(file)?;
        merged = Some(match merged {
            None => next,
            Some(so_far) => so_far
                .merge(next)
                .with_context(|| format!("cannot merge kubeconfig file {}", file.display()))?,
        });
    }
    Ok(merged.map(|config| LoadedKubeconfig { config, files }))
}

fn read_one(path: &Path) -> Result<Kubeconfig> {
    if path.is_dir() {
        bail!("kubeconfig {} is a directory, not a file", path.display());
    }
    Kubeconfig::read_from(path).map_err(|e| {
        anyhow::anyhow!(
            "cannot read kubeconfig {}: {}",
            path.display(),
            crate::cluster::errors::kubeconfig_error_text(&e)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, context: &str, server: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(
            &path,
            format!(
                "apiVersion: v1\nkind: Config\ncurrent-context: {context}\nclusters:\n- name: {context}\n  cluster:\n    server: {server}\ncontexts:\n- name: {context}\n  context:\n    cluster: {context}\n    user: {context}\nusers:\n- name: {context}\n  user:\n    token: t\n"
            ),
        )
        .unwrap();
        path
    }

    #[test]
    fn explicit_missing_file_is_named() {
        let err = load(Some(Path::new("/nonexistent/kc")), None, None).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/kc"), "{err}");
    }

    #[test]
    fn env_list_skips_missing_files_and_first_wins() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "a", "ctx-a", "https://a.example:6443");
        let b = write(dir.path(), "b", "ctx-b", "https://b.example:6443");
        let value = std::env::join_paths([Path::new("/missing/one"), &a, &b]).unwrap();
        let loaded = load(None, Some(&value), None).unwrap().unwrap();
        assert_eq!(loaded.files, vec![a, b]);
        assert_eq!(loaded.config.current_context.as_deref(), Some("ctx-a"));
        assert_eq!(loaded.config.contexts.len(), 2);
    }

    #[test]
    fn env_with_only_missing_files_is_none() {
        let value = std::env::join_paths([Path::new("/missing/one")]).unwrap();
        assert!(load(None, Some(&value), None).unwrap().is_none());
    }

    #[test]
    fn home_default_is_used_without_env() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".kube")).unwrap();
        write(
            &dir.path().join(".kube"),
            "config",
            "home",
            "https://h:6443",
        );
        let loaded = load(None, None, Some(dir.path())).unwrap().unwrap();
        assert_eq!(loaded.config.current_context.as_deref(), Some("home"));
    }

    #[test]
    fn invalid_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad");
        std::fs::write(&bad, "clusters: [ this is : not yaml").unwrap();
        let value = std::env::join_paths([&bad]).unwrap();
        let err = load(None, Some(&value), None).unwrap_err();
        assert!(
            err.to_string().contains(&bad.display().to_string()),
            "{err}"
        );
    }
}
