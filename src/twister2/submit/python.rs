//! Python jobs (`--job-type python|python_zip`) as Twister2's client submits them: the worker
//! class `PythonWorker` (or its checkpointable inner class) and the job configuration it reads —
//! `python_file`, `main_file`, `args` and `MPI_AWARE_PYTHON`.

use std::path::Path;

use crate::twister2::job_config::{JobConfig, JobConfigSource};
use crate::twister2::kryo::JavaValue;
use crate::twister2::package::ARCHIVE_DIR;
use crate::twister2::spec::{IMAGE_WORKDIR, MEMORY_DIR_MOUNT};

/// Worker class of Python jobs.
pub const PYTHON_WORKER: &str = "edu.iu.dsc.tws.python.PythonWorker";
/// Worker class of checkpointed Python jobs: the binary name of `PythonWorker`'s inner class,
/// which the pods' `ClassLoader.loadClass` needs (Twister2's client writes the canonical name
/// with a `.`, which does not load).
pub const CHECKPOINTABLE_PYTHON_WORKER: &str =
    "edu.iu.dsc.tws.python.PythonWorker$CheckpointablePythonWorker";
/// Job configuration key of the script the workers run.
pub const PYTHON_FILE_KEY: &str = "python_file";
/// Job configuration key of a zip's main file.
pub const MAIN_FILE_KEY: &str = "main_file";
/// Job configuration key of the script's arguments (a `String[]`).
pub const ARGS_KEY: &str = "args";
/// Job configuration key telling the workers to start Python under MPI.
pub const MPI_AWARE_KEY: &str = "MPI_AWARE_PYTHON";

/// The worker class of a Python job.
pub fn worker_class(checkpointing: bool) -> &'static str {
    if checkpointing {
        CHECKPOINTABLE_PYTHON_WORKER
    } else {
        PYTHON_WORKER
    }
}

/// `python_file` for a script at `relative` inside the package: the workers resolve it against
/// `twister2.directory.home`, the image's working directory `/twister2`, while the package is
/// unpacked under `/twister2-memory-dir/twister2-job/` — so the path climbs out of the working
/// directory (`../twister2-memory-dir/twister2-job/<relative>`). Twister2's client writes the
/// bare file name, which the workers then look for in `/twister2`.
pub fn python_file(relative: &str) -> String {
    let climb = IMAGE_WORKDIR
        .split('/')
        .filter(|part| !part.is_empty())
        .map(|_| "..")
        .collect::<Vec<_>>()
        .join("/");
    format!(
        "{climb}/{}/{ARCHIVE_DIR}/{relative}",
        MEMORY_DIR_MOUNT.trim_start_matches('/')
    )
}

/// Adds what a Python job's workers read to `job_config`: `python_file` (the script, or the
/// zip's `main_file`), `main_file` (zips), `args` (the arguments after `--`, a `String[]`) and
/// `MPI_AWARE_PYTHON` (false unless given, and then a Boolean). Keys the plugin sets may not be
/// given.
pub fn add_job_config(
    job_config: &mut JobConfig,
    script: &str,
    main_file: Option<&str>,
    args: &[String],
) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    for key in [PYTHON_FILE_KEY, MAIN_FILE_KEY, ARGS_KEY] {
        if let Some(entry) = job_config.get(key) {
            problems.push(format!(
                "job configuration {key} (from {}) is set by the plugin for Python jobs; drop it \
(the script is --jar or --main-file, its arguments come after --)",
                entry.source
            ));
        }
    }
    match job_config.get(MPI_AWARE_KEY).map(|e| &e.value) {
        None => job_config.insert(
            MPI_AWARE_KEY,
            JavaValue::Boolean(false),
            JobConfigSource::Plugin("a Python job's default"),
        ),
        Some(JavaValue::Boolean(_)) => {}
        Some(other) => problems.push(format!(
            "job configuration {MPI_AWARE_KEY} must be true or false (the workers read a \
Boolean), not {other}"
        )),
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let origin = JobConfigSource::Plugin("the Python job's file");
    job_config.insert(
        PYTHON_FILE_KEY,
        JavaValue::String(python_file(main_file.unwrap_or(script))),
        origin.clone(),
    );
    if let Some(main) = main_file {
        job_config.insert(MAIN_FILE_KEY, JavaValue::String(main.to_string()), origin);
    }
    job_config.insert(
        ARGS_KEY,
        JavaValue::StringArray(args.to_vec()),
        JobConfigSource::Plugin("the arguments after --"),
    );
    Ok(())
}

/// Whether the zip at `zip` has a file entry `name` (a `python_zip`'s `--main-file`).
pub fn zip_has_file(zip: &Path, name: &str) -> Result<bool, String> {
    let file =
        std::fs::File::open(zip).map_err(|e| format!("cannot open {}: {e}", zip.display()))?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| format!("{} is not a readable zip: {e}", zip.display()))?;
    let wanted = name.trim_start_matches("./");
    Ok(archive.by_name(wanted).is_ok_and(|entry| entry.is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_path_climbs_out_of_the_working_directory() {
        assert_eq!(
            python_file("job.py"),
            "../twister2-memory-dir/twister2-job/job.py"
        );
        assert_eq!(
            python_file("pkg/main.py"),
            "../twister2-memory-dir/twister2-job/pkg/main.py"
        );
        // as java.io.File(home, path).getAbsolutePath() resolves it in the pods
        let resolved = std::path::Path::new(IMAGE_WORKDIR).join(python_file("job.py"));
        let normal: std::path::PathBuf =
            resolved
                .components()
                .fold(std::path::PathBuf::new(), |mut p, c| {
                    match c {
                        std::path::Component::ParentDir => {
                            p.pop();
                        }
                        other => p.push(other),
                    }
                    p
                });
        assert_eq!(
            normal,
            Path::new("/twister2-memory-dir/twister2-job/job.py")
        );
    }

    #[test]
    fn python_entries_are_added_and_user_copies_refused() {
        let mut config = JobConfig::default();
        add_job_config(&mut config, "wc.py", None, &["a".into(), "b c".into()]).unwrap();
        assert_eq!(
            config.get(ARGS_KEY).unwrap().value,
            JavaValue::StringArray(vec!["a".into(), "b c".into()])
        );
        assert_eq!(
            config.get(MPI_AWARE_KEY).unwrap().value,
            JavaValue::Boolean(false)
        );
        assert!(config.get(MAIN_FILE_KEY).is_none());

        let mut config = JobConfig::default();
        add_job_config(&mut config, "job.zip", Some("src/main.py"), &[]).unwrap();
        assert_eq!(
            config.get(PYTHON_FILE_KEY).unwrap().value,
            JavaValue::String("../twister2-memory-dir/twister2-job/src/main.py".into())
        );
        assert_eq!(
            config.get(ARGS_KEY).unwrap().value,
            JavaValue::StringArray(vec![])
        );

        let mut config = JobConfig::default();
        config.insert("args", JavaValue::Integer(1), JobConfigSource::Flag);
        config.insert(MPI_AWARE_KEY, JavaValue::Integer(1), JobConfigSource::Flag);
        let problems = add_job_config(&mut config, "wc.py", None, &[]).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("args (from --job-config)"),
            "{problems:?}"
        );
        assert!(problems[1].contains("Boolean"), "{problems:?}");
    }

    #[test]
    fn checkpointed_python_jobs_run_the_inner_class_by_its_binary_name() {
        assert_eq!(worker_class(false), PYTHON_WORKER);
        assert!(worker_class(true).contains("PythonWorker$CheckpointablePythonWorker"));
    }
}
