//! One file to put into a job package (`PackageFile`), and the execute-bit check of local files
//! (package entries, a conf dir's files, programs on PATH).

use std::fs;

/// A file to put in the package, `path` relative to `twister2-job/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageFile {
    /// Relative path such as `kubernetes/resource.yaml`.
    pub path: String,
    /// Contents.
    pub contents: Vec<u8>,
    /// Whether it gets mode 0755 (else 0644).
    pub executable: bool,
}

/// Whether a file's mode has an execute bit (always false where there are no modes).
#[cfg(unix)]
pub fn is_executable(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    metadata.permissions().mode() & 0o111 != 0
}

/// Whether a file's mode has an execute bit (always false where there are no modes).
#[cfg(not(unix))]
pub fn is_executable(_metadata: &fs::Metadata) -> bool {
    false
}
