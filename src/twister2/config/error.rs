//! Why configuration could not be loaded, and the value problems it reports.

use std::fmt;
use std::path::PathBuf;

use super::source::Source;

/// A value that is not acceptable for its key.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueProblem {
    /// The key as written.
    pub key: String,
    /// The value, shortened for display.
    pub value: String,
    /// Where it was set.
    pub source: Source,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} = {}: {}",
            self.source, self.key, self.value, self.reason
        )
    }
}

/// Why configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file does not exist.
    #[error("configuration file {} does not exist", .path.display())]
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// The file cannot be read.
    #[error("cannot read configuration file {}: {source}", .path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A directory where a file was expected.
    #[error("{} is a directory, not a configuration file", .path.display())]
    IsDirectory {
        /// The path.
        path: PathBuf,
    },
    /// The file is too large.
    #[error("configuration file {} is {size} bytes; files over {limit} bytes are refused", .path.display())]
    TooLarge {
        /// The path.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not YAML.
    #[error("{} is not valid YAML: {message}", .path.display())]
    Malformed {
        /// The path.
        path: PathBuf,
        /// The parser's message (with line and column).
        message: String,
    },
    /// YAML, but not a map of keys to values.
    #[error("{} must be a map of dotted keys to values ('key: value' lines), but it is {found}", .path.display())]
    NotAMap {
        /// The path.
        path: PathBuf,
        /// What it is instead.
        found: &'static str,
    },
    /// `--conf-dir` is not a Twister2 configuration directory.
    #[error("--conf-dir {}: {reason}", .path.display())]
    ConfDir {
        /// The directory.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A malformed `--set`.
    #[error("--set {arg}: {reason}")]
    BadSet {
        /// The argument.
        arg: String,
        /// What is wrong.
        reason: String,
    },
    /// Values of the wrong type or out of range (every one found).
    #[error("invalid configuration:\n{}", .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<ValueProblem>),
}
