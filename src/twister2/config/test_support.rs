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

pub(super) fn load(sources: ConfigSources) -> LoadedConfig {
    Config::load(&sources).unwrap()
}

pub(super) fn problems(err: ConfigError) -> Vec<ValueProblem> {
    match err {
        ConfigError::Invalid(p) => p,
        other => panic!("expected Invalid, got {other:?}"),
    }
}
