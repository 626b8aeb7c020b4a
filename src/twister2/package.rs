//! The job package (`twister2-job.tar.gz`), built deterministically.
//!
//! A gzip tar with everything under `twister2-job/`: `<jobID>.job` (the `Job` protobuf), the
//! user's jar or file (or a zip's entries) and the `common/` and `kubernetes/` configuration files.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read as _, Write as _};
use std::path::{Component, Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::config::{Config, ConfigError};
use super::package_file::{PackageFile, is_executable};
use super::proto::Job;

/// The top directory of every entry (`JOB_ARCHIVE_DIRECTORY`).
pub const ARCHIVE_DIR: &str = "twister2-job";
/// Modification time of every entry (2019-01-01T00:00:00Z), so equal input gives equal bytes.
pub const PACKAGE_MTIME: u64 = 1_546_300_800;
/// Mode of directories and executable files.
pub const EXECUTABLE_MODE: u32 = 0o755;
/// Mode of other files.
pub const FILE_MODE: u32 = 0o644;

/// A built package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPackage {
    bytes: Vec<u8>,
}

impl JobPackage {
    /// A package built before (a checkpointed job's saved package).
    pub fn from_bytes(bytes: Vec<u8>) -> JobPackage {
        JobPackage { bytes }
    }

    /// The `.tar.gz` bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The `.tar.gz` bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Size in bytes (`JOB_PACKAGE_FILE_SIZE`).
    pub fn size(&self) -> u64 {
        self.bytes.len() as u64
    }

    /// Writes the package to `path` (e.g. a temp file, or the repository of checkpointed jobs).
    pub fn write_to(&self, path: &Path) -> std::io::Result<()> {
        fs::write(path, &self.bytes)
    }
}

/// Why a package could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// The user's file does not exist.
    #[error("job file {} does not exist", .path.display())]
    UserFileMissing {
        /// The path given.
        path: PathBuf,
    },
    /// The user's file is a directory.
    #[error("job file {} is a directory; give the jar (or zip/python file) itself", .path.display())]
    UserFileIsDirectory {
        /// The path given.
        path: PathBuf,
    },
    /// The user's file cannot be read.
    #[error("cannot read job file {}: {source}", .path.display())]
    UserFileUnreadable {
        /// The path given.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The user's file name is not usable.
    #[error("job file {} has no usable file name (it must be UTF-8)", .path.display())]
    BadFileName {
        /// The path given.
        path: PathBuf,
    },
    /// The `Job` has no (known) `job_format`.
    #[error("the job description has no job format (jar, java_zip, python or python_zip)")]
    NoJobFormat,
    /// The `Job` names a different file than the one given.
    #[error("the job description names job file '{in_job}', but the file given is '{given}'")]
    JobFileMismatch {
        /// `job_format.job_file`.
        in_job: String,
        /// The given file's name.
        given: String,
    },
    /// The `Job` has no jobID.
    #[error("the job description has no job id")]
    NoJobId,
    /// The zip cannot be read.
    #[error("cannot read zip file {}: {message}", .path.display())]
    Zip {
        /// The zip.
        path: PathBuf,
        /// What failed.
        message: String,
    },
    /// A zip entry would land outside `twister2-job/` or is a link.
    #[error("zip file {} has entry '{entry}', which is {reason}; refusing to unpack it", .path.display())]
    UnsafeZipEntry {
        /// The zip.
        path: PathBuf,
        /// The entry name.
        entry: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// Two inputs want the same path in the package.
    #[error(
        "two files would be packaged as '{0}' (e.g. a zip entry clashing with a configuration file)"
    )]
    DuplicateEntry(String),
    /// A configuration file path is not a plain relative path.
    #[error("configuration file path '{0}' is not a plain relative path")]
    BadConfigPath(String),
    /// Configuration files could not be produced.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Writing the archive failed.
    #[error("cannot write the job package: {0}")]
    Archive(#[from] std::io::Error),
}

enum Node {
    Dir,
    File { contents: Vec<u8>, mode: u32 },
}

/// Package entries by full path, sorted; parents are added automatically.
#[derive(Default)]
struct Entries(BTreeMap<String, Node>);

impl Entries {
    /// Adds `twister2-job/<relative>`; `relative` must be made of plain components.
    fn add_file(
        &mut self,
        relative: &str,
        contents: Vec<u8>,
        executable: bool,
    ) -> Result<(), PackageError> {
        let full = format!("{ARCHIVE_DIR}/{relative}");
        self.add_parents(&full);
        if self.0.contains_key(&full) || self.0.contains_key(&format!("{full}/")) {
            return Err(PackageError::DuplicateEntry(relative.to_string()));
        }
        let mode = if executable {
            EXECUTABLE_MODE
        } else {
            FILE_MODE
        };
        self.0.insert(full, Node::File { contents, mode });
        Ok(())
    }

    fn add_dir(&mut self, relative: &str) -> Result<(), PackageError> {
        let relative = relative.trim_end_matches('/');
        let full = format!("{ARCHIVE_DIR}/{relative}");
        if self.0.contains_key(&full) {
            return Err(PackageError::DuplicateEntry(relative.to_string()));
        }
        self.add_parents(&full);
        self.0.insert(format!("{full}/"), Node::Dir);
        Ok(())
    }

    fn add_parents(&mut self, full: &str) {
        let mut end = 0;
        while let Some(i) = full[end..].find('/') {
            end += i + 1;
            self.0.entry(full[..end].to_string()).or_insert(Node::Dir);
        }
    }

    fn write_tar_gz(self) -> Result<Vec<u8>, PackageError> {
        let mut builder = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::default()));
        for (path, node) in self.0 {
            let mut header = tar::Header::new_gnu();
            header.set_mtime(PACKAGE_MTIME);
            header.set_uid(0);
            header.set_gid(0);
            match node {
                Node::Dir => {
                    header.set_entry_type(tar::EntryType::Directory);
                    header.set_mode(EXECUTABLE_MODE);
                    header.set_size(0);
                    builder.append_data(&mut header, &path, std::io::empty())?;
                }
                Node::File { contents, mode } => {
                    header.set_entry_type(tar::EntryType::Regular);
                    header.set_mode(mode);
                    header.set_size(contents.len() as u64);
                    builder.append_data(&mut header, &path, contents.as_slice())?;
                }
            }
        }
        let mut gz = builder.into_inner()?;
        gz.flush()?;
        Ok(gz.finish()?)
    }
}

fn plain_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Builds the package of `job` (which must carry its `job_format`) with the user's file and
/// the configuration files of `config` ([`Config::package_files`]).
pub fn build_package(
    job: &Job,
    user_file: &Path,
    config: &Config,
) -> Result<JobPackage, PackageError> {
    let config_files = config.package_files()?;
    build_package_with_files(job, user_file, &config_files)
}

/// Builds the package from explicit configuration files:
/// `twister2-job/<jobID>.job`, the user's jar/python file as `twister2-job/<file name>` (for
/// `java_zip`/`python_zip` the zip's entries under `twister2-job/`), and each configuration file
/// at `twister2-job/<path>`. Executable files get 0755, others 0644, directories 0755; entries
/// are sorted and carry a fixed mtime and owner 0, so equal input gives equal bytes.
pub fn build_package_with_files(
    job: &Job,
    user_file: &Path,
    config_files: &[PackageFile],
) -> Result<JobPackage, PackageError> {
    if job.job_id.is_empty() {
        return Err(PackageError::NoJobId);
    }
    let format = job.format_type().ok_or(PackageError::NoJobFormat)?;
    let metadata = fs::metadata(user_file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PackageError::UserFileMissing {
            path: user_file.to_path_buf(),
        },
        _ => PackageError::UserFileUnreadable {
            path: user_file.to_path_buf(),
            source: e,
        },
    })?;
    if metadata.is_dir() {
        return Err(PackageError::UserFileIsDirectory {
            path: user_file.to_path_buf(),
        });
    }
    let file_name = user_file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| PackageError::BadFileName {
            path: user_file.to_path_buf(),
        })?;

    let mut entries = Entries::default();
    entries.add_file(&format!("{}.job", job.job_id), job.to_bytes(), false)?;
    if format.is_zip() {
        add_zip_entries(&mut entries, user_file)?;
    } else {
        let in_job = job
            .job_format
            .as_ref()
            .map(|f| f.job_file.as_str())
            .unwrap_or_default();
        if in_job != file_name {
            return Err(PackageError::JobFileMismatch {
                in_job: in_job.to_string(),
                given: file_name.to_string(),
            });
        }
        let contents = fs::read(user_file).map_err(|source| PackageError::UserFileUnreadable {
            path: user_file.to_path_buf(),
            source,
        })?;
        entries.add_file(file_name, contents, is_executable(&metadata))?;
    }
    for file in config_files {
        if !plain_relative(&file.path) {
            return Err(PackageError::BadConfigPath(file.path.clone()));
        }
        entries.add_file(&file.path, file.contents.clone(), file.executable)?;
    }
    Ok(JobPackage {
        bytes: entries.write_tar_gz()?,
    })
}

fn add_zip_entries(entries: &mut Entries, zip_path: &Path) -> Result<(), PackageError> {
    let zip_error = |e: zip::result::ZipError| PackageError::Zip {
        path: zip_path.to_path_buf(),
        message: e.to_string(),
    };
    let file = fs::File::open(zip_path).map_err(|source| PackageError::UserFileUnreadable {
        path: zip_path.to_path_buf(),
        source,
    })?;
    let mut archive = zip::ZipArchive::new(file).map_err(zip_error)?;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(zip_error)?;
        let name = entry.name().to_string();
        let unsafe_entry = |reason| PackageError::UnsafeZipEntry {
            path: zip_path.to_path_buf(),
            entry: name.clone(),
            reason,
        };
        let relative = entry
            .enclosed_name()
            .ok_or_else(|| unsafe_entry("outside the package directory"))?;
        if entry.is_symlink() {
            return Err(unsafe_entry("a symbolic link"));
        }
        let relative = relative
            .to_str()
            .filter(|r| plain_relative(r))
            .ok_or_else(|| unsafe_entry("not a plain relative UTF-8 path"))?
            .replace('\\', "/");
        if entry.is_dir() {
            entries.add_dir(&relative)?;
        } else {
            let executable = entry.unix_mode().is_some_and(|m| m & 0o111 != 0);
            let mut contents = Vec::with_capacity(entry.size().min(64 << 20) as usize);
            entry
                .read_to_end(&mut contents)
                .map_err(|e| PackageError::Zip {
                    path: zip_path.to_path_buf(),
                    message: format!("entry '{name}': {e}"),
                })?;
            entries.add_file(&relative, contents, executable)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twister2::config::{ConfigSources, LOGGER_PROPERTIES_PATH};
    use crate::twister2::names::package_file_name;
    use crate::twister2::proto::{JobDescription, JobFormatType};
    use crate::twister2::resources::ComputeResource;
    use std::io::Cursor;

    const JOB_ID: &str = "bob-wc-abc12345";

    fn make_job(format: JobFormatType, job_file: &str) -> Job {
        let resources = [ComputeResource {
            index: 0,
            cpu: 1.0,
            ram_mb: 1024,
            disk_gb: 0.0,
            instances: 2,
            workers_per_pod: 1,
            scalable: false,
        }];
        Job::from_description(&JobDescription {
            job_name: "wc",
            job_id: JOB_ID,
            worker_class: "edu.iu.Worker",
            driver_class: None,
            resources: &resources,
            format,
            job_file,
        })
        .unwrap()
    }

    /// (path, mode, entry type, mtime, contents) of every entry, in archive order.
    fn list(bytes: &[u8]) -> Vec<(String, u32, tar::EntryType, u64, Vec<u8>)> {
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(Cursor::new(bytes)));
        archive
            .entries()
            .unwrap()
            .map(|e| {
                let mut e = e.unwrap();
                let path = String::from_utf8(e.path_bytes().to_vec()).unwrap();
                let header = e.header().clone();
                let mut contents = Vec::new();
                e.read_to_end(&mut contents).unwrap();
                (
                    path,
                    header.mode().unwrap(),
                    header.entry_type(),
                    header.mtime().unwrap(),
                    contents,
                )
            })
            .collect()
    }

    fn jar(dir: &Path) -> PathBuf {
        let path = dir.join("wc.jar");
        fs::write(&path, b"PK jar bytes").unwrap();
        path
    }

    fn config_files() -> Vec<PackageFile> {
        vec![
            PackageFile {
                path: "kubernetes/resource.yaml".into(),
                contents: b"kubernetes.namespace: default\n".to_vec(),
                executable: false,
            },
            PackageFile {
                path: "common/logger.properties".into(),
                contents: b"handlers=java.util.logging.ConsoleHandler\n".to_vec(),
                executable: false,
            },
            PackageFile {
                path: "kubernetes/run.sh".into(),
                contents: b"#!/bin/sh\n".to_vec(),
                executable: true,
            },
        ]
    }

    #[test]
    fn entries_modes_and_size() {
        let tmp = tempfile::tempdir().unwrap();
        let jar = jar(tmp.path());
        let job = make_job(JobFormatType::Jar, "wc.jar");
        let package = build_package_with_files(&job, &jar, &config_files()).unwrap();
        assert_eq!(package.size(), package.bytes().len() as u64);
        let entries = list(package.bytes());
        let summary: Vec<(&str, u32)> = entries.iter().map(|e| (e.0.as_str(), e.1)).collect();
        assert_eq!(
            summary,
            vec![
                ("twister2-job/", 0o755),
                (&*format!("twister2-job/{JOB_ID}.job"), 0o644),
                ("twister2-job/common/", 0o755),
                ("twister2-job/common/logger.properties", 0o644),
                ("twister2-job/kubernetes/", 0o755),
                ("twister2-job/kubernetes/resource.yaml", 0o644),
                ("twister2-job/kubernetes/run.sh", 0o755),
                ("twister2-job/wc.jar", 0o644),
            ]
        );
        for e in &entries {
            assert_eq!(e.3, PACKAGE_MTIME);
            let dir = e.0.ends_with('/');
            assert_eq!(e.2 == tar::EntryType::Directory, dir, "{}", e.0);
        }
        let job_bytes = &entries[1].4;
        let decoded = Job::from_bytes(job_bytes).unwrap();
        assert_eq!(decoded, job);
        assert_eq!(decoded.job_format.unwrap().job_file, "wc.jar");
        assert_eq!(entries[7].4, b"PK jar bytes");
        // written to disk, the size is the file size
        let out = tmp.path().join(package_file_name(JOB_ID));
        package.write_to(&out).unwrap();
        assert_eq!(fs::metadata(&out).unwrap().len(), package.size());
        assert!(out.ends_with("bob-wc-abc12345.tar.gz"));
    }

    #[test]
    fn output_is_deterministic() {
        let tmp = tempfile::tempdir().unwrap();
        let jar = jar(tmp.path());
        let job = make_job(JobFormatType::Jar, "wc.jar");
        let a = build_package_with_files(&job, &jar, &config_files()).unwrap();
        let mut reversed = config_files();
        reversed.reverse();
        let b = build_package_with_files(&job, &jar, &reversed).unwrap();
        assert_eq!(a, b);
        let c = build_package_with_files(
            &make_job(JobFormatType::Jar, "wc.jar"),
            &jar,
            &config_files(),
        )
        .unwrap();
        assert_eq!(a.into_bytes(), c.into_bytes());
    }

    #[cfg(unix)]
    #[test]
    fn executable_user_files_keep_0755() {
        use std::os::unix::fs::PermissionsExt as _;
        let tmp = tempfile::tempdir().unwrap();
        let script = tmp.path().join("main.py");
        fs::write(&script, b"print(1)\n").unwrap();
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
        let package =
            build_package_with_files(&make_job(JobFormatType::Python, "main.py"), &script, &[])
                .unwrap();
        let entries = list(package.bytes());
        let main = entries
            .iter()
            .find(|e| e.0 == "twister2-job/main.py")
            .unwrap();
        assert_eq!(main.1, 0o755);
    }

    #[test]
    fn zip_entries_are_flattened_into_the_package() {
        let tmp = tempfile::tempdir().unwrap();
        let zip_path = tmp.path().join("job.zip");
        {
            let mut w = zip::ZipWriter::new(fs::File::create(&zip_path).unwrap());
            let opts = zip::write::SimpleFileOptions::default();
            w.add_directory("lib/", opts).unwrap();
            w.start_file("lib/a.jar", opts.unix_permissions(0o644))
                .unwrap();
            w.write_all(b"A").unwrap();
            w.start_file("bin/run.sh", opts.unix_permissions(0o755))
                .unwrap();
            w.write_all(b"#!/bin/sh\n").unwrap();
            w.start_file("main.py", opts).unwrap();
            w.write_all(b"print(1)\n").unwrap();
            w.finish().unwrap();
        }
        let job = make_job(JobFormatType::PythonZip, "main.py");
        let package = build_package_with_files(&job, &zip_path, &config_files()).unwrap();
        let entries = list(package.bytes());
        let get = |p: &str| {
            entries
                .iter()
                .find(|e| e.0 == p)
                .unwrap_or_else(|| panic!("{p}"))
        };
        assert_eq!(get("twister2-job/lib/").2, tar::EntryType::Directory);
        assert_eq!(get("twister2-job/lib/a.jar").4, b"A");
        assert_eq!(get("twister2-job/lib/a.jar").1, 0o644);
        assert_eq!(get("twister2-job/bin/").1, 0o755);
        assert_eq!(get("twister2-job/bin/run.sh").1, 0o755);
        assert_eq!(get("twister2-job/main.py").4, b"print(1)\n");
        assert!(!entries.iter().any(|e| e.0.ends_with("job.zip")));
        let paths: Vec<&String> = entries.iter().map(|e| &e.0).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
    }

    #[test]
    fn unsafe_and_clashing_zips_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let make = |name: &str, entry: &str| {
            let path = tmp.path().join(name);
            let mut w = zip::ZipWriter::new(fs::File::create(&path).unwrap());
            w.start_file(entry, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(b"x").unwrap();
            w.finish().unwrap();
            path
        };
        let job = make_job(JobFormatType::JavaZip, "job.zip");
        let evil = make("evil.zip", "../../etc/passwd");
        let err = build_package_with_files(&job, &evil, &[]).unwrap_err();
        assert!(matches!(err, PackageError::UnsafeZipEntry { .. }), "{err}");
        let clash = make("clash.zip", "kubernetes/resource.yaml");
        let err = build_package_with_files(&job, &clash, &config_files()).unwrap_err();
        assert!(matches!(err, PackageError::DuplicateEntry(_)), "{err}");
        let not_zip = tmp.path().join("not.zip");
        fs::write(&not_zip, b"plain text").unwrap();
        let err = build_package_with_files(&job, &not_zip, &[]).unwrap_err();
        assert!(err.to_string().contains("cannot read zip file"), "{err}");
    }

    #[test]
    fn bad_user_files_are_clear_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let job = make_job(JobFormatType::Jar, "wc.jar");
        let missing = tmp.path().join("wc.jar");
        let err = build_package_with_files(&job, &missing, &[]).unwrap_err();
        assert!(matches!(err, PackageError::UserFileMissing { .. }));
        assert!(err.to_string().contains("does not exist"));
        let dir = tmp.path().join("dir.jar");
        fs::create_dir(&dir).unwrap();
        let err = build_package_with_files(&job, &dir, &[]).unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
        let other = tmp.path().join("other.jar");
        fs::write(&other, b"x").unwrap();
        let err = build_package_with_files(&job, &other, &[]).unwrap_err();
        assert!(matches!(err, PackageError::JobFileMismatch { .. }), "{err}");
        let mut no_format = job.clone();
        no_format.job_format = None;
        let jar = jar(tmp.path());
        assert!(matches!(
            build_package_with_files(&no_format, &jar, &[]),
            Err(PackageError::NoJobFormat)
        ));
        let bad_path = PackageFile {
            path: "../escape".into(),
            contents: vec![],
            executable: false,
        };
        assert!(matches!(
            build_package_with_files(&job, &jar, &[bad_path]),
            Err(PackageError::BadConfigPath(_))
        ));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(&jar, fs::Permissions::from_mode(0o000)).unwrap();
            // root can read anything; only check when the permission actually applies
            if fs::read(&jar).is_err() {
                let err = build_package_with_files(&job, &jar, &[]).unwrap_err();
                assert!(
                    matches!(err, PackageError::UserFileUnreadable { .. }),
                    "{err}"
                );
            }
        }
    }

    #[test]
    fn package_from_effective_configuration() {
        let tmp = tempfile::tempdir().unwrap();
        let jar = jar(tmp.path());
        let config = Config::load(&ConfigSources {
            sets: vec!["kubernetes.namespace=team-a".into()],
            ..Default::default()
        })
        .unwrap()
        .config;
        let package =
            build_package(&make_job(JobFormatType::Jar, "wc.jar"), &jar, &config).unwrap();
        let entries = list(package.bytes());
        let paths: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
        assert!(paths.contains(&"twister2-job/common/logger.properties"));
        assert!(paths.contains(&"twister2-job/kubernetes/network.yaml"));
        let resource = entries
            .iter()
            .find(|e| e.0 == "twister2-job/kubernetes/resource.yaml")
            .unwrap();
        assert!(String::from_utf8_lossy(&resource.4).contains("kubernetes.namespace: \"team-a\""));
        assert_eq!(LOGGER_PROPERTIES_PATH, "common/logger.properties");
    }
}
