//! Loading defaults < `--conf-dir` < `--config` < `--set`, then flag overrides, with warnings.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_yaml::Value;

use super::convert::value_text;
use super::effective::{Config, Entry};
use super::error::{ConfigError, ValueProblem};
use super::key_table::{KEYS, all_keys};
use super::key_types::{KeySpec, ValueType};
use super::normalize::normalize;
use super::read::{conf_dir_yaml_files, parse_set, read_config_file};
use super::source::Source;
use super::spelling::{Spelling, lookup_spelling, suggest_key};
use super::warning::ConfigWarning;

/// Where configuration comes from, besides defaults and CLI flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigSources {
    /// `--conf-dir`.
    pub conf_dir: Option<PathBuf>,
    /// `--config`, in order.
    pub files: Vec<PathBuf>,
    /// `--set`, in order.
    pub sets: Vec<String>,
}

/// A loaded configuration and the warnings loading produced (the caller prints them).
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// The configuration.
    pub config: Config,
    /// Warnings, in the order found.
    pub warnings: Vec<ConfigWarning>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    ConfDir,
    Other,
}

impl Config {
    /// The configuration a job starts from without `--conf-dir`: Twister2 0.8.0's shipped
    /// `conf/common/` and `conf/kubernetes/` (every key they set, read by the plugin or only
    /// passed on), and the defaults of the other keys the plugin reads.
    pub fn defaults() -> Config {
        let entries = all_keys()
            .filter_map(|spec| {
                let source = match spec.shipped {
                    Some(dir) => Source::Shipped(dir, spec.file),
                    None => Source::Default,
                };
                spec.default
                    .to_value()
                    .map(|value| (spec.key.to_string(), Entry::new(value, source)))
            })
            .collect();
        Config {
            entries,
            conf_dir: None,
        }
    }

    /// The configuration a `--conf-dir` job starts from: only the defaults of the keys the
    /// plugin reads (the directory takes the place of the shipped configuration).
    pub fn code_defaults() -> Config {
        let entries = KEYS
            .iter()
            .filter_map(|spec| {
                spec.default
                    .to_value()
                    .map(|value| (spec.key.to_string(), Entry::new(value, Source::Default)))
            })
            .collect();
        Config {
            entries,
            conf_dir: None,
        }
    }

    /// Loads defaults (or, without `--conf-dir`, the shipped configuration) < `--conf-dir` <
    /// `--config` files < `--set`s. Structural problems (a file
    /// missing, unreadable, too large, malformed, not a map; a bad `--set`) stop at once; bad
    /// values are collected and returned together in [`ConfigError::Invalid`].
    pub fn load(sources: &ConfigSources) -> Result<LoadedConfig, ConfigError> {
        let mut config = match sources.conf_dir {
            Some(_) => Config::code_defaults(),
            None => Config::defaults(),
        };
        let mut warnings = Vec::new();
        let mut problems = Vec::new();
        if let Some(dir) = &sources.conf_dir {
            for path in conf_dir_yaml_files(dir)? {
                let pairs = read_config_file(&path)?;
                config.apply_pairs(
                    &pairs,
                    &Source::ConfDir(path),
                    Origin::ConfDir,
                    &mut warnings,
                    &mut problems,
                );
            }
            config.conf_dir = Some(dir.clone());
        }
        for path in &sources.files {
            let pairs = read_config_file(path)?;
            config.apply_pairs(
                &pairs,
                &Source::File(path.clone()),
                Origin::Other,
                &mut warnings,
                &mut problems,
            );
        }
        for arg in &sources.sets {
            let (key, raw, value) = parse_set(arg)?;
            let spec = match lookup_spelling(&key) {
                Spelling::Code(spec) | Spelling::Stale(spec) => Some(spec),
                _ => None,
            };
            // A string key keeps the text as typed (`--set twister2.user.name=0123`), unless it
            // was quoted YAML or a list.
            let value = match (spec, &value) {
                (Some(spec), Value::Bool(_) | Value::Number(_) | Value::Null)
                    if spec.ty == ValueType::String =>
                {
                    Value::String(raw.trim().to_string())
                }
                _ => value,
            };
            config.apply_pairs(
                &[(key, value)],
                &Source::Set,
                Origin::Other,
                &mut warnings,
                &mut problems,
            );
        }
        if !problems.is_empty() {
            return Err(ConfigError::Invalid(problems));
        }
        Ok(LoadedConfig { config, warnings })
    }

    fn apply_pairs(
        &mut self,
        pairs: &[(String, Value)],
        source: &Source,
        origin: Origin,
        warnings: &mut Vec<ConfigWarning>,
        problems: &mut Vec<ValueProblem>,
    ) {
        let present: BTreeSet<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        for (spelled, value) in pairs {
            if value.is_null() {
                continue;
            }
            match lookup_spelling(spelled) {
                Spelling::Code(spec) => self.apply_known(spec, spelled, value, source, problems),
                Spelling::Stale(spec) => {
                    if present.contains(spec.key) {
                        warnings.push(ConfigWarning::BothSpellings {
                            stale: spelled.clone(),
                            key: spec.key,
                            source: source.clone(),
                        });
                    } else {
                        warnings.push(ConfigWarning::StaleSpelling {
                            spelled: spelled.clone(),
                            key: spec.key,
                            source: source.clone(),
                        });
                        self.apply_known(spec, spelled, value, source, problems);
                    }
                }
                Spelling::DocOnly(doc) => warnings.push(ConfigWarning::NoEffect {
                    key: spelled.clone(),
                    hint: doc.hint,
                    source: source.clone(),
                }),
                Spelling::Unknown => {
                    let suggestion = suggest_key(spelled);
                    if origin == Origin::Other || suggestion.is_some() {
                        warnings.push(ConfigWarning::UnknownKey {
                            key: spelled.clone(),
                            suggestion,
                            source: source.clone(),
                        });
                    }
                    self.entries.insert(
                        spelled.clone(),
                        Entry {
                            value: value.clone(),
                            source: source.clone(),
                            spelled: None,
                        },
                    );
                }
            }
        }
    }

    fn apply_known(
        &mut self,
        spec: &'static KeySpec,
        spelled: &str,
        value: &Value,
        source: &Source,
        problems: &mut Vec<ValueProblem>,
    ) {
        match normalize(spec, value) {
            Ok(value) => {
                self.entries.insert(
                    spec.key.to_string(),
                    Entry {
                        value,
                        source: source.clone(),
                        spelled: (spelled != spec.key).then(|| spelled.to_string()),
                    },
                );
            }
            Err(reason) => problems.push(ValueProblem {
                key: spelled.to_string(),
                value: value_text(value),
                source: source.clone(),
                reason,
            }),
        }
    }

    /// Sets one value from a CLI flag (or any other source) on top of what was loaded, with the
    /// same spelling rules and typed validation. Returns the warnings it causes.
    pub fn set_override(
        &mut self,
        key: &str,
        value: Value,
        source: Source,
    ) -> Result<Vec<ConfigWarning>, ConfigError> {
        let mut warnings = Vec::new();
        let mut problems = Vec::new();
        self.apply_pairs(
            &[(key.to_string(), value)],
            &source,
            Origin::Other,
            &mut warnings,
            &mut problems,
        );
        if problems.is_empty() {
            Ok(warnings)
        } else {
            Err(ConfigError::Invalid(problems))
        }
    }

    /// Removes a key (e.g. a flag that switches a setting off entirely).
    pub fn unset(&mut self, key: &str) -> Option<Entry> {
        self.entries.remove(key)
    }
}

#[cfg(test)]
mod tests {
    use serde_yaml::Value;

    use super::*;
    use crate::twister2::config::keys;
    use crate::twister2::config::test_support::{load, write};

    #[test]
    fn conf_dir_is_read_like_twister2_and_sources_stack() {
        let tmp = tempfile::tempdir().unwrap();
        let conf = tmp.path().join("conf");
        write(
            &conf,
            "common/resource.yaml",
            "kubernetes.namespace: from-common\ntwister2.resource.job.name: common-job\n",
        );
        let kube_resource = write(
            &conf,
            "kubernetes/resource.yaml",
            "kubernetes.namespace: from-kubernetes\n",
        );
        write(
            &conf,
            "kubernetes/network.yaml",
            "kubernetes.worker.base.port: 9100\n",
        );
        let file1 = write(
            tmp.path(),
            "one.yaml",
            "kubernetes.worker.base.port: 9200\ntwister2.job.master.cpu: 1\n",
        );
        let file2 = write(
            tmp.path(),
            "two.yaml",
            "kubernetes.worker.base.port: 9300\n",
        );
        let loaded = load(ConfigSources {
            conf_dir: Some(conf.clone()),
            files: vec![file1.clone(), file2.clone()],
            sets: vec!["twister2.job.master.cpu=0.5".into()],
        });
        let c = loaded.config;
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(c.namespace(), "from-kubernetes");
        assert_eq!(
            c.source(keys::NAMESPACE),
            Some(&Source::ConfDir(kube_resource))
        );
        assert_eq!(c.job_name(), Some("common-job"));
        assert_eq!(c.worker_base_port(), 9300);
        assert_eq!(c.source(keys::WORKER_BASE_PORT), Some(&Source::File(file2)));
        assert_eq!(c.job_master_cpu(), 0.5);
        assert_eq!(c.source(keys::JOB_MASTER_CPU), Some(&Source::Set));
        assert_eq!(c.conf_dir(), Some(conf.as_path()));
        assert_eq!(c.source(keys::IMAGE_PULL_POLICY), Some(&Source::Default));
    }

    #[test]
    fn flags_override_on_top() {
        let mut c = Config::defaults();
        let warnings = c
            .set_override(
                keys::DOCKER_IMAGE,
                "me/t2:1".into(),
                Source::Flag("--image".into()),
            )
            .unwrap();
        assert!(warnings.is_empty());
        assert_eq!(c.docker_image(), Some("me/t2:1"));
        assert_eq!(c.source(keys::DOCKER_IMAGE).unwrap().to_string(), "--image");
        let err = c
            .set_override(
                keys::WORKER_BASE_PORT,
                Value::Number(70000.into()),
                Source::Flag("--port".into()),
            )
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("--port: kubernetes.worker.base.port = 70000: must be a port"),
            "{err}"
        );
        assert!(c.unset(keys::DOCKER_IMAGE).is_some());
        assert_eq!(c.docker_image(), None);
    }

    #[test]
    fn stale_spellings_are_used_with_a_warning() {
        let tmp = tempfile::tempdir().unwrap();
        let f = write(
            tmp.path(),
            "racks.yaml",
            "kubernetes.racks.list:\n  - r1: [10.0.0.1, 10.0.0.2]\nkubernetes.datacenters.list:\n  - dc1: [r1]\nrack.labey.key: rack\nkubernetes.node.locations.from.config: true\n",
        );
        let loaded = load(ConfigSources {
            files: vec![f.clone()],
            ..Default::default()
        });
        let c = &loaded.config;
        assert_eq!(
            c.racks_list(),
            vec![(
                "r1".to_string(),
                vec!["10.0.0.1".to_string(), "10.0.0.2".to_string()]
            )]
        );
        assert_eq!(
            c.datacenters_list(),
            vec![("dc1".to_string(), vec!["r1".to_string()])]
        );
        assert_eq!(c.rack_label_key(), Some("rack"));
        assert!(c.node_locations_from_config());
        assert_eq!(
            c.entry(keys::RACKS_LIST).unwrap().spelled.as_deref(),
            Some("kubernetes.racks.list")
        );
        assert_eq!(loaded.warnings.len(), 4, "{:?}", loaded.warnings);
        let text = loaded.warnings[0].to_string();
        assert!(
            text.contains("'kubernetes.racks.list' is a stale spelling"),
            "{text}"
        );
        assert!(
            text.contains("use 'twister2.resource.racks.list'"),
            "{text}"
        );
        assert!(text.starts_with(&f.display().to_string()));
    }

    #[test]
    fn code_spelling_wins_when_both_are_present() {
        let tmp = tempfile::tempdir().unwrap();
        let f = write(
            tmp.path(),
            "zk.yaml",
            "twister2.zookeeper.root.node.path: /stale\ntwister2.resource.zookeeper.root.node.path: /code\n",
        );
        let loaded = load(ConfigSources {
            files: vec![f],
            ..Default::default()
        });
        assert_eq!(loaded.config.zookeeper_root(), "/code");
        assert!(matches!(
            &loaded.warnings[..],
            [ConfigWarning::BothSpellings { stale, key, .. }]
                if stale == "twister2.zookeeper.root.node.path" && *key == keys::ZOOKEEPER_ROOT
        ));
        // across sources, precedence decides
        let loaded = load(ConfigSources {
            sets: vec![
                "twister2.resource.zookeeper.root.node.path=/first".into(),
                "twister2.zookeeper.root.node.path=/later".into(),
            ],
            ..Default::default()
        });
        assert_eq!(loaded.config.zookeeper_root(), "/later");
    }

    #[test]
    fn doc_only_and_unknown_keys_warn() {
        let tmp = tempfile::tempdir().unwrap();
        let f = write(
            tmp.path(),
            "x.yaml",
            "twister2.fault.tolerant: true\nkubernetes.namespce: oops\ntwister2.exec.instances: 4\n",
        );
        let loaded = load(ConfigSources {
            files: vec![f],
            ..Default::default()
        });
        let w = &loaded.warnings;
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(
            w[0].to_string().contains("'twister2.fault.tolerant'")
                && w[0].to_string().contains("no effect")
        );
        assert!(
            w[1].to_string()
                .contains("did you mean 'kubernetes.namespace'?"),
            "{}",
            w[1]
        );
        assert!(matches!(
            &w[2],
            ConfigWarning::UnknownKey {
                suggestion: None,
                ..
            }
        ));
        // unknown keys are kept for the pods; doc-only keys are not
        assert_eq!(loaded.config.get_int("twister2.exec.instances"), Some(4));
        assert_eq!(loaded.config.get("twister2.fault.tolerant"), None);
        assert_eq!(loaded.config.namespace(), "default");
    }

    #[test]
    fn conf_dir_unknown_keys_warn_only_when_misspelled() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            "kubernetes/task.yaml",
            "twister2.exec.instances: 4\ntwister2.job.master.prot: 1\n",
        );
        let loaded = load(ConfigSources {
            conf_dir: Some(tmp.path().into()),
            ..Default::default()
        });
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert!(
            loaded.warnings[0]
                .to_string()
                .contains("did you mean 'twister2.job.master.port'?")
        );
    }
}
