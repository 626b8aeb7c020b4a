//! Twister2's kill protocol (§6.1), for several jobs at once: set `KILL_JOB=true` in each job's
//! ConfigMap, watch (kube-runtime watchers, one per kind for all jobs) for the job masters to
//! delete their jobs' objects within the time limit, delete whatever is left, and remove the job
//! packages from the uploader pods through the exec API.
//!
//! The signal is a JSON merge patch `{"data": {"KILL_JOB": "true"}}`: the job master only looks
//! for a non-null `KILL_JOB` entry, and unlike Twister2's JSON patch `add /data/KILL_JOB` it
//! also works on a ConfigMap without `data`.
//!
//! Compat (plugin additions): `--keep-data` keeps the job's claim. Twister2's job master deletes
//! claim `<jobID>` when it handles a kill, so for a job with a claim `--keep-data` sends no
//! signal and deletes the other objects directly. A job whose ConfigMap is already gone has no
//! job master left to answer, so it is cleaned up at once instead of after the time limit.
//! Package removal runs `rm -f PATH` as an argv (Twister2 runs `bash -c "rm PATH"`), and is skipped
//! for jobs that use the direct upload method. A job submitted with the S3 upload method names
//! its package's object in an annotation of its ConfigMap (`twister2.org/package`, since kill
//! is given no configuration); after the objects, `aws s3 rm` removes it (unless `--keep-data`),
//! and a failure of that step is a warning: the job is killed all the same.
//!
//! Files: `targets` (a job's objects, gathered from a listing, and the jobs chosen), `steps`
//! (progress steps and how they read), `requests` (signal, delete, remove the package from the
//! uploader pods or S3), `tracking` (watchers following the deletions) and `kill_jobs` (the
//! kill of each job).

mod kill_jobs;
mod requests;
mod steps;
mod targets;
mod tracking;

pub use kill_jobs::{Cleanup, KillOptions, KillReport, kill_jobs};
pub use steps::{OnStep, Step, objects, uploader_pods};
pub use targets::{JobToKill, Kind, Owned, all_jobs, plan, select};
