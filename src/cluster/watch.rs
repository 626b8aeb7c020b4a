//! Watch settings shared by the watches over one job's objects (`t2-job=<jobID>`): the initial
//! list is read in a single page, so a 1000-pod job costs one round trip before the watch
//! starts instead of one per 500 pods (kube-runtime's default page).

use crate::twister2::names;
use kube::runtime::watcher;

/// Largest page of the initial list: a job's objects always fit in one.
pub const JOB_PAGE_SIZE: u32 = 10_000;

/// Watcher configuration for the objects of job `job_id`.
pub fn job_objects(job_id: &str) -> watcher::Config {
    watcher::Config::default()
        .labels(&names::job_selector(job_id))
        .page_size(JOB_PAGE_SIZE)
}
