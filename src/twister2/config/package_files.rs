//! The job package's configuration files: Twister2 0.8.0's shipped `conf/common/` and
//! `conf/kubernetes/` (or a `--conf-dir`'s), with every value the pods would not otherwise see
//! merged in.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::effective::{Config, Entry};
use super::error::ConfigError;
use super::key_table::all_keys;
use super::key_types::{ConfigFile, ShippedIn};
use super::logger_properties::{DEFAULT_LOGGER_PROPERTIES, LOGGER_PROPERTIES_PATH};
use super::read::{parse_yaml_map, read_limited};
use super::render::render_flat_yaml;
use super::source::Source;
use crate::twister2::package_file::{PackageFile, is_executable};

/// A configuration file before the overrides are merged in.
struct BaseFile {
    /// `common/<name>` or `kubernetes/<name>`.
    path: String,
    /// Where it came from, for error messages.
    origin: PathBuf,
    contents: Vec<u8>,
    executable: bool,
}

impl Config {
    /// Whether an entry is already in the base files as it is: a shipped value (no
    /// `--conf-dir`) or a conf dir's value under the code's spelling.
    fn in_base_files(&self, entry: &Entry) -> bool {
        let from_base = match self.conf_dir {
            None => matches!(entry.source, Source::Shipped(..)),
            Some(_) => matches!(entry.source, Source::ConfDir(_)),
        };
        from_base && entry.spelled.is_none()
    }

    /// Entries the base files do not carry: defaults they lack, `--config`, `--set`, flags,
    /// the plugin's decisions and stale spellings (the pods only know the code's).
    fn overrides_of_base(&self) -> BTreeMap<&str, &Entry> {
        self.entries
            .iter()
            .filter(|(_, e)| !self.in_base_files(e))
            .map(|(k, e)| (k.as_str(), e))
            .collect()
    }

    /// The configuration files of the job package, paths relative to `twister2-job/`.
    ///
    /// The base files are Twister2 0.8.0's shipped `common/<file>` and `kubernetes/<file>`
    /// (all six YAML files of each, every key they set with its shipped value, and
    /// `common/logger.properties`) or, with `--conf-dir DIR`, every regular file of
    /// `DIR/common/` and `DIR/kubernetes/` (not recursive) as it is, keeping executable bits.
    /// Values the pods would not otherwise see (defaults the base lacks, `--config`, `--set`,
    /// flags, the plugin's decisions, stale spellings) are written into the matching
    /// `kubernetes/<file>.yaml` — and removed from the other `kubernetes/*.yaml` files so no
    /// later file overrides them. A default `common/logger.properties` is added when the base
    /// has none.
    pub fn package_files(&self) -> Result<Vec<PackageFile>, ConfigError> {
        let base = match &self.conf_dir {
            None => shipped_files(),
            Some(dir) => conf_dir_files(dir)?,
        };
        let mut files = self.merge_into(base)?;
        if !files.iter().any(|f| f.path == LOGGER_PROPERTIES_PATH) {
            files.push(PackageFile {
                path: LOGGER_PROPERTIES_PATH.to_string(),
                contents: DEFAULT_LOGGER_PROPERTIES.as_bytes().to_vec(),
                executable: false,
            });
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    fn merge_into(&self, base: Vec<BaseFile>) -> Result<Vec<PackageFile>, ConfigError> {
        let overrides = self.overrides_of_base();
        let mut files = Vec::new();
        for file in base {
            let target = file
                .path
                .strip_prefix("kubernetes/")
                .and_then(|name| ConfigFile::ALL.into_iter().find(|f| f.file_name() == name));
            let contents = match target {
                Some(target) => merge_overrides(&file.origin, &file.contents, target, &overrides)?,
                None => file.contents,
            };
            files.push(PackageFile {
                path: file.path,
                contents,
                executable: file.executable,
            });
        }
        // Overrides whose home file the base lacks get a new file.
        for file in ConfigFile::ALL {
            let path = format!("kubernetes/{}", file.file_name());
            if files.iter().any(|f| f.path == path) {
                continue;
            }
            let mine: Vec<(&str, &Entry)> = overrides
                .iter()
                .filter(|(k, _)| Self::home_file(k) == file)
                .map(|(k, e)| (*k, *e))
                .collect();
            if mine.is_empty() {
                continue;
            }
            let mut map = Mapping::new();
            for (k, e) in mine {
                map.insert(Value::String(k.to_string()), e.value.clone());
            }
            files.push(PackageFile {
                path,
                contents: render_mapping(&map, file, Header::Written).into_bytes(),
                executable: false,
            });
        }
        Ok(files)
    }
}

/// Twister2 0.8.0's shipped configuration, generated from the key table: the six YAML files of
/// `common/` and of `kubernetes/` (a file with no key set is shipped empty, as Twister2 ships
/// it) and `common/logger.properties`.
fn shipped_files() -> Vec<BaseFile> {
    let mut files = Vec::new();
    for dir in ShippedIn::ALL {
        for file in ConfigFile::ALL {
            let mut map = Mapping::new();
            for spec in all_keys().filter(|s| s.shipped == Some(dir) && s.file == file) {
                if let Some(value) = spec.default.to_value() {
                    map.insert(Value::String(spec.key.to_string()), value);
                }
            }
            let path = format!("{}/{}", dir.dir(), file.file_name());
            files.push(BaseFile {
                origin: PathBuf::from(format!("Twister2 0.8.0's conf/{path}")),
                contents: render_mapping(&map, file, Header::Shipped(dir)).into_bytes(),
                path,
                executable: false,
            });
        }
    }
    files.push(BaseFile {
        path: LOGGER_PROPERTIES_PATH.to_string(),
        origin: PathBuf::from(format!("Twister2 0.8.0's conf/{LOGGER_PROPERTIES_PATH}")),
        contents: DEFAULT_LOGGER_PROPERTIES.as_bytes().to_vec(),
        executable: false,
    });
    files
}

fn conf_dir_files(dir: &Path) -> Result<Vec<BaseFile>, ConfigError> {
    let mut files = Vec::new();
    for sub in ["common", "kubernetes"] {
        for path in regular_files(&dir.join(sub))? {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| ConfigError::ConfDir {
                    path: dir.to_path_buf(),
                    reason: format!("file name {} is not UTF-8", path.display()),
                })?
                .to_string();
            files.push(BaseFile {
                contents: read_limited(&path)?,
                executable: fs::metadata(&path).is_ok_and(|m| is_executable(&m)),
                path: format!("{sub}/{name}"),
                origin: path,
            });
        }
    }
    Ok(files)
}

fn regular_files(dir: &Path) -> Result<Vec<PathBuf>, ConfigError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(ConfigError::Read {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| ConfigError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        // follows symlinks: a link to a file counts as that file
        if fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The comment heading a configuration file the plugin writes.
#[derive(Clone, Copy)]
enum Header {
    /// Twister2 0.8.0's shipped file, generated from the key table.
    Shipped(ShippedIn),
    /// A file of values the base files lack.
    Written,
    /// A conf-dir or shipped file with values merged in.
    Merged,
}

fn render_mapping(map: &Mapping, file: ConfigFile, header: Header) -> String {
    let body = render_flat_yaml(map.iter().filter_map(|(k, v)| Some((k.as_str()?, v))));
    let header = match header {
        Header::Shipped(dir) => format!(
            "# Twister2 0.8.0's conf/{}/{}: the keys and values it sets, written by kubectl-twister2.\n",
            dir.dir(),
            file.file_name()
        ),
        Header::Written => format!(
            "# Twister2 {} written by kubectl-twister2 from the effective configuration.\n",
            file.file_name()
        ),
        Header::Merged => format!(
            "# Twister2 {}, rewritten by kubectl-twister2 to add the values set by --config, --set,\n# command-line flags, the plugin and defaults (comments of the original are not kept).\n",
            file.file_name()
        ),
    };
    format!("{header}{body}")
}

/// A base `kubernetes/<file>` with every override key removed and this file's overrides
/// added; unchanged bytes when nothing applies.
fn merge_overrides(
    origin: &Path,
    contents: &[u8],
    file: ConfigFile,
    overrides: &BTreeMap<&str, &Entry>,
) -> Result<Vec<u8>, ConfigError> {
    let pairs = parse_yaml_map(origin, contents)?;
    let mine: Vec<(&str, &Entry)> = overrides
        .iter()
        .filter(|(k, _)| Config::home_file(k) == file)
        .map(|(k, e)| (*k, *e))
        .collect();
    let touches = pairs
        .iter()
        .any(|(k, _)| overrides.contains_key(k.as_str()));
    if mine.is_empty() && !touches {
        return Ok(contents.to_vec());
    }
    let mut map = Mapping::new();
    for (k, v) in pairs {
        if !overrides.contains_key(k.as_str()) {
            map.insert(Value::String(k), v);
        }
    }
    for (k, e) in mine {
        map.insert(Value::String(k.to_string()), e.value.clone());
    }
    Ok(render_mapping(&map, file, Header::Merged).into_bytes())
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;
    use crate::twister2::config::test_support::{
        load, properties, shipped_reference, write, yaml_map,
    };
    use crate::twister2::config::{ConfigSources, TCP_CHANNEL_CLASS, keys};

    #[test]
    fn rendered_files_round_trip_as_a_conf_dir() {
        let mut c = load(ConfigSources {
            sets: vec![
                "twister2.resource.worker.compute.resources=[{cpu: 1, ram: 512, instances: 2}]"
                    .into(),
                "kubernetes.racks.list=[{r1: [10.0.0.1]}]".into(),
                "twister2.user.name=no".into(),
                "twister2.exec.custom=42".into(),
            ],
            ..Default::default()
        })
        .config;
        c.set_override(
            keys::DOCKER_IMAGE,
            "me/t2:1".into(),
            Source::Flag("--image".into()),
        )
        .unwrap();
        let files = c.package_files().unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let mut expected = vec!["common/logger.properties".to_string()];
        for dir in ["common", "kubernetes"] {
            for name in crate::twister2::config::CONFIG_FILE_NAMES {
                expected.push(format!("{dir}/{name}"));
            }
        }
        expected.sort();
        assert_eq!(paths, expected);
        let text = |path: &str| {
            let file = files.iter().find(|f| f.path == path).unwrap();
            String::from_utf8(file.contents.clone()).unwrap()
        };
        let network = text("kubernetes/network.yaml");
        assert!(
            network.contains(&format!(
                "twister2.network.channel.class: \"{TCP_CHANNEL_CLASS}\""
            )),
            "{network}"
        );
        let core = text("kubernetes/core.yaml");
        // YAML 1.1 readers (SnakeYAML) would take a bare no as false
        assert!(core.contains("twister2.user.name: \"no\""), "{core}");
        assert!(core.contains("twister2.exec.custom: 42"), "{core}");
        let resource = text("kubernetes/resource.yaml");
        assert!(
            resource.contains("twister2.resource.racks.list:"),
            "{resource}"
        );
        assert!(!resource.contains("kubernetes.racks.list"), "{resource}");
        // the shipped common/ files are as shipped
        assert!(!text("common/task.yaml").contains("twister2.exec.custom"));
        // write them out as a conf dir and read them back: same effective values
        let tmp = tempfile::tempdir().unwrap();
        for f in &files {
            write(
                tmp.path(),
                &f.path,
                std::str::from_utf8(&f.contents).unwrap(),
            );
        }
        let back = load(ConfigSources {
            conf_dir: Some(tmp.path().into()),
            ..Default::default()
        });
        let back = back.config;
        for (key, entry) in c.entries() {
            assert_eq!(back.get(key), Some(&entry.value), "{key}");
        }
        assert!(
            c.to_yaml()
                .contains("twister2.resource.kubernetes.docker.image: me/t2:1")
        );
    }

    #[test]
    fn conf_dir_files_are_shipped_with_overrides_merged() {
        let tmp = tempfile::tempdir().unwrap();
        let conf = tmp.path().join("conf");
        write(
            &conf,
            "common/core.yaml",
            "twister2.job.master.used: true\n",
        );
        write(
            &conf,
            "common/logger.properties",
            "handlers=java.util.logging.ConsoleHandler\n",
        );
        let original_task = "# my comment\ntwister2.exec.instances: 4\n";
        write(&conf, "kubernetes/task.yaml", original_task);
        write(
            &conf,
            "kubernetes/core.yaml",
            "kubernetes.worker.base.port: 9100\ntwister2.job.master.ram: 2048\n",
        );
        write(
            &conf,
            "kubernetes/resource.yaml",
            "kubernetes.racks.list:\n  - r1: [10.0.0.1]\n",
        );
        write(
            &conf,
            "kubernetes/deployment/twister2-auth.yaml",
            "kind: Role\n",
        );
        let script = write(&conf, "kubernetes/run.sh", "#!/bin/sh\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
        }
        let mut loaded = load(ConfigSources {
            conf_dir: Some(conf.clone()),
            sets: vec!["kubernetes.worker.base.port=9500".into()],
            ..Default::default()
        });
        loaded
            .config
            .set_override(
                keys::DOCKER_IMAGE,
                "me/t2:1".into(),
                Source::Flag("--image".into()),
            )
            .unwrap();
        let files = loaded.config.package_files().unwrap();
        let get = |p: &str| {
            files
                .iter()
                .find(|f| f.path == p)
                .unwrap_or_else(|| panic!("{p} missing"))
        };
        let text = |p: &str| String::from_utf8(get(p).contents.clone()).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(!paths.iter().any(|p| p.contains("deployment")), "{paths:?}");
        // untouched files are byte-identical
        assert_eq!(text("kubernetes/task.yaml"), original_task);
        assert_eq!(text("common/core.yaml"), "twister2.job.master.used: true\n");
        assert_eq!(
            text("common/logger.properties"),
            "handlers=java.util.logging.ConsoleHandler\n"
        );
        assert!(get("kubernetes/run.sh").executable);
        assert!(!get("kubernetes/task.yaml").executable);
        // the --set port moved to its home file and left core.yaml
        let core = text("kubernetes/core.yaml");
        assert!(!core.contains("kubernetes.worker.base.port"), "{core}");
        assert!(core.contains("twister2.job.master.ram: 2048"), "{core}");
        let network = text("kubernetes/network.yaml");
        assert!(
            network.contains("kubernetes.worker.base.port: 9500"),
            "{network}"
        );
        // defaults the directory lacks are written too (the channel class keeps the job TCP)
        assert!(
            network.contains("twister2.network.channel.class"),
            "{network}"
        );
        // stale spellings are written under the code's key
        let resource = text("kubernetes/resource.yaml");
        assert!(
            resource.contains("twister2.resource.racks.list"),
            "{resource}"
        );
        assert!(
            resource.contains("twister2.resource.kubernetes.docker.image: \"me/t2:1\""),
            "{resource}"
        );
        // reading the shipped files the way pods do gives the client's values
        let shipped = tmp.path().join("shipped");
        for f in &files {
            write(&shipped, &f.path, std::str::from_utf8(&f.contents).unwrap());
        }
        let pods = load(ConfigSources {
            conf_dir: Some(shipped),
            ..Default::default()
        })
        .config;
        assert_eq!(pods.worker_base_port(), 9500);
        assert_eq!(pods.docker_image(), Some("me/t2:1"));
        assert_eq!(pods.racks_list(), loaded.config.racks_list());
        assert_eq!(pods.job_master_ram_mb(), 2048);
    }

    #[test]
    fn conf_dir_without_logger_gets_the_default() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            "kubernetes/core.yaml",
            "twister2.job.master.ram: 2048\n",
        );
        let c = load(ConfigSources {
            conf_dir: Some(tmp.path().into()),
            ..Default::default()
        })
        .config;
        let files = c.package_files().unwrap();
        let logger = files
            .iter()
            .find(|f| f.path == LOGGER_PROPERTIES_PATH)
            .unwrap();
        let text = std::str::from_utf8(&logger.contents).unwrap();
        assert!(text.contains("handlers=edu.iu.dsc.tws.common.logging.Twister2FileLogHandler, java.util.logging.ConsoleHandler"));
        assert!(text.contains("Twister2FileLogHandler.limit=50000"));
        // a file that is not valid YAML any more by packaging time is an error
        let mut f = fs::OpenOptions::new()
            .append(true)
            .open(tmp.path().join("kubernetes/core.yaml"))
            .unwrap();
        f.write_all(b"bad: [\n").unwrap();
        let mut c = c;
        c.set_override(keys::JOB_MASTER_RAM, Value::Number(1.into()), Source::Set)
            .unwrap();
        assert!(matches!(
            c.package_files(),
            Err(ConfigError::Malformed { .. })
        ));
    }

    #[test]
    fn without_conf_dir_the_package_carries_twister2_0_8_0_conf_as_shipped() {
        let Some(reference) = shipped_reference() else {
            return;
        };
        let files = Config::defaults().package_files().unwrap();
        let packaged = |path: &str| {
            files
                .iter()
                .find(|f| f.path == path)
                .map(|f| String::from_utf8(f.contents.clone()).unwrap())
                .unwrap_or_else(|| panic!("the package lacks {path}"))
        };
        let mut compared = 0;
        for dir in ["common", "kubernetes"] {
            for entry in fs::read_dir(reference.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if !path.is_file() {
                    continue; // kubernetes/deployment/ is never packed
                }
                let name = path.file_name().unwrap().to_str().unwrap();
                let rel = format!("{dir}/{name}");
                let shipped = fs::read_to_string(&path).unwrap();
                if name.ends_with(".properties") {
                    assert_eq!(properties(&packaged(&rel)), properties(&shipped), "{rel}");
                    compared += 1;
                    continue;
                }
                let ours = yaml_map(&packaged(&rel));
                let theirs = yaml_map(&shipped);
                for (key, value) in &theirs {
                    assert_eq!(ours.get(key), Some(value), "{rel}: {key:?}");
                    compared += 1;
                }
                // nothing beyond the shipped keys in common/ (defaults go to kubernetes/)
                if dir == "common" {
                    assert_eq!(ours.len(), theirs.len(), "{rel}: {ours:?}");
                }
            }
        }
        assert!(compared >= 90, "only {compared} values compared");
        // the shipped values are the plugin's defaults of those keys, so the configuration the
        // plugin renders objects from is the one the pods read
        let config = Config::defaults();
        for dir in ["common", "kubernetes"] {
            for name in crate::twister2::config::CONFIG_FILE_NAMES {
                let text = fs::read_to_string(reference.join(dir).join(name)).unwrap();
                for (key, value) in yaml_map(&text) {
                    let key = key.as_str().unwrap();
                    assert_eq!(config.get(key), Some(&value), "{dir}/{name}: {key}");
                    assert!(
                        matches!(config.source(key), Some(Source::Shipped(..))),
                        "{key}"
                    );
                }
            }
        }
    }
}
