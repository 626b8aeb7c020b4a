//! Helpers shared by the configuration module's unit tests: writing files, loading, problems.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Config, ConfigError, ConfigSources, LoadedConfig, ValueProblem};

pub(super) fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

/// The configuration of `--set`s alone (for tests across the crate).
pub(crate) fn config_with_sets(sets: &[&str]) -> Config {
    load(ConfigSources {
        sets: sets.iter().map(|s| s.to_string()).collect(),
        ..ConfigSources::default()
    })
    .config
}

pub(super) fn load(sources: ConfigSources) -> LoadedConfig {
    Config::load(&sources).unwrap()
}

pub(super) fn problems(err: ConfigError) -> Vec<ValueProblem> {
    match err {
        ConfigError::Invalid(p) => p,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

/// Twister2 0.8.0's shipped `conf/` in `../shared/reference` (data to compare against); `None`
/// outside CI when it is not there, a failure in CI.
pub(super) fn shipped_reference() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/twister2-0.8.0-conf");
    if dir.is_dir() {
        return Some(dir);
    }
    let ci = std::env::var("CI").unwrap_or_default();
    assert!(
        ci.is_empty() || ci == "0" || ci.eq_ignore_ascii_case("false"),
        "{} is missing and CI is set",
        dir.display()
    );
    eprintln!("{} not found; skipping", dir.display());
    None
}

/// A YAML file's top-level map (an empty file is an empty map).
pub(super) fn yaml_map(text: &str) -> serde_yaml::Mapping {
    match serde_yaml::from_str::<serde_yaml::Value>(text).unwrap() {
        serde_yaml::Value::Mapping(map) => map,
        serde_yaml::Value::Null => serde_yaml::Mapping::new(),
        other => panic!("not a map: {other:?}"),
    }
}

/// A `.properties` file as key → value (comments and blank lines skipped).
pub(super) fn properties(text: &str) -> std::collections::BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}
