//! The job file: it exists, is a file, and has a usable name.

use std::path::Path;

use anyhow::Result;

use crate::exit::usage;

/// The job file exists, is a file, and has a usable name.
pub fn check_job_file(path: &Path) -> Result<()> {
    file_name(path).map(|_| ())
}

pub(super) fn file_name(path: &Path) -> Result<String> {
    if !path.exists() {
        return Err(usage(format!("job file {} does not exist", path.display())));
    }
    if path.is_dir() {
        return Err(usage(format!(
            "job file {} is a directory; give the jar (or zip/python) file",
            path.display()
        )));
    }
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .ok_or_else(|| {
            usage(format!(
                "job file {} has no usable file name",
                path.display()
            ))
        })
}
