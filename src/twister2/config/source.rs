//! Where a configuration value came from (default, conf dir, file, `--set`, flag).

use std::fmt;
use std::path::PathBuf;

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The plugin's default (Twister2's shipped or code default).
    Default,
    /// A file of `--conf-dir`.
    ConfDir(PathBuf),
    /// A `--config` file.
    File(PathBuf),
    /// `--set`.
    Set,
    /// A CLI flag (its name, e.g. `--image`).
    Flag(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::ConfDir(p) | Source::File(p) => write!(f, "{}", p.display()),
            Source::Set => f.write_str("--set"),
            Source::Flag(name) => f.write_str(name),
        }
    }
}
