//! The logs of a Twister2 job: every pod (job master and workers) and container, read once or
//! followed, multiplexed whole-line onto stdout with a prefix per source, or saved in Twister2's
//! client-side layout; and the log files inside the pods (`--files`). `submit --follow` uses
//! [`follow_job`].

pub mod context;
pub mod files;
pub mod follow;
pub mod follower;
pub mod instance;
pub mod job;
pub mod lines;
pub mod mux;
pub mod once;
pub mod options;
pub mod save;
pub mod sources;
pub mod stream;

use std::future::Future;

use anyhow::{Result, anyhow};

use crate::cluster::Cluster;
use crate::cluster::logs::job::FoundJob;
use crate::cluster::logs::sources::{all_workers_impossible, impossible_workers};

pub use options::{Destination, LogOptions, Selection, Since, Tail};

/// Check the selection against what the job is before reading anything.
fn check_selection(job_id: &str, found: &FoundJob, options: &LogOptions) -> Result<()> {
    if let Some(warning) = &found.warning {
        eprintln!("warning: job {job_id}: {warning}; worker IDs are taken from its StatefulSets");
    }
    let selection = &options.selection;
    if found.openmpi && !selection.workers.is_empty() {
        return Err(anyhow!(
            "job {job_id} is an OpenMPI job: its workers are MPI ranks and all their output is \
in the first pod's log, so --worker cannot pick them; leave out --worker"
        ));
    }
    let total = found.layout.submitted_workers();
    let known = match total {
        0 => "none".to_string(),
        1 => "0".to_string(),
        n => format!("0-{}", n - 1),
    };
    if all_workers_impossible(selection, &found.layout, found.scalable) && !selection.job_master {
        return Err(anyhow!(
            "job {job_id} has no worker {} (its workers are {known})",
            impossible_workers(selection, &found.layout, found.scalable).unwrap_or_default()
        ));
    }
    if let Some(missing) = impossible_workers(selection, &found.layout, found.scalable) {
        eprintln!("warning: job {job_id} has no worker {missing} (its workers are {known})");
    }
    Ok(())
}

/// Where printed lines go (the command passes its stdout; tests a buffer).
pub type Out = Box<dyn std::io::Write + Send + 'static>;

/// Print (to `out`) or save the logs of job `job_id` once; follows instead when
/// `options.follow`, until the job ends or `stop` resolves.
pub async fn run(
    cluster: &Cluster,
    job_id: &str,
    options: &LogOptions,
    out: Out,
    stop: impl Future<Output = ()>,
) -> Result<()> {
    let found = job::locate(cluster, job_id).await?;
    check_selection(job_id, &found, options)?;
    if !options.follow {
        return once::show(cluster, job_id, &found, options, out).await;
    }
    if !found.running {
        eprintln!("job {job_id} has ended (its ConfigMap is gone): showing the logs that are left");
        return once::show(cluster, job_id, &found, options, out).await;
    }
    follow::follow(cluster, job_id, found, options, out, stop).await
}

/// Follow job `job_id`: every selected container of every pod, including pods that appear
/// later and containers that restart, until the job ends (its ConfigMap is gone) or `stop`
/// resolves; both end with `Ok`. A job that has already ended gets its remaining logs printed
/// once.
pub async fn follow_job(
    cluster: &Cluster,
    job_id: &str,
    options: &LogOptions,
    out: Out,
    stop: impl Future<Output = ()>,
) -> Result<()> {
    let options = LogOptions {
        follow: true,
        ..options.clone()
    };
    run(cluster, job_id, &options, out, stop).await
}

/// Fetch the log files Twister2 writes inside the job's pods (`--files`).
pub async fn fetch_files(
    cluster: &Cluster,
    job_id: &str,
    options: &LogOptions,
    out: Out,
) -> Result<()> {
    let found = job::locate(cluster, job_id).await?;
    check_selection(job_id, &found, options)?;
    files::fetch(cluster, job_id, &found, options, out).await
}
