//! Where a configuration value came from (default, shipped conf, conf dir, file, `--set`, flag,
//! or decided by the plugin).

use std::fmt;
use std::path::PathBuf;

use super::key_types::{ConfigFile, ShippedIn};

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The plugin's default (Twister2's code default, or what the plugin assumes).
    Default,
    /// Twister2 0.8.0's shipped `conf/<dir>/<file>` (the package's configuration when no
    /// `--conf-dir` is given).
    Shipped(ShippedIn, ConfigFile),
    /// A file of `--conf-dir`.
    ConfDir(PathBuf),
    /// A `--config` file.
    File(PathBuf),
    /// `--set`.
    Set,
    /// A CLI flag (its name, e.g. `--image`).
    Flag(String),
    /// Decided by the plugin from the cluster or the objects (what decided it, e.g. "the
    /// namespace of the job's objects").
    Decided(String),
}

impl Source {
    /// Whether the user gave this value (conf dir, `--config`, `--set` or a flag), as opposed
    /// to a default, the shipped configuration or a decision of the plugin.
    pub fn is_given(&self) -> bool {
        matches!(
            self,
            Source::ConfDir(_) | Source::File(_) | Source::Set | Source::Flag(_)
        )
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::Shipped(dir, file) => write!(
                f,
                "Twister2 0.8.0's conf/{}/{}",
                dir.dir(),
                file.file_name()
            ),
            Source::ConfDir(p) | Source::File(p) => write!(f, "{}", p.display()),
            Source::Set => f.write_str("--set"),
            Source::Flag(name) => f.write_str(name),
            Source::Decided(why) => f.write_str(why),
        }
    }
}
