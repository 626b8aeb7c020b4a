//! What `jobs` and `describe` say about a job, computed from the objects the cluster holds
//! (ConfigMaps, StatefulSets, Services, Ingresses, Pods, claims labelled `app=twister2` or
//! `t2-job=<jobID>`, and Events), whichever client created them. Pure: lists in, summaries out.
//!
//! Worker counts are workers, not pods: a pod runs `workersPerPod` workers (read from the job's
//! `TWISTER2_JOB_OBJECT`, else from the number of worker containers), so a job of 2 pods × 2
//! workers with one ready pod has `2/4` workers ready.
//!
//! One file per concern: `objects` (the objects of jobs and grouping them per job), `view` (one
//! job's objects sorted out), `summary` (the `jobs` line) and `details` (what `describe` shows).

mod details;
mod objects;
mod summary;
mod view;

#[cfg(test)]
mod tests;

pub use details::{
    EventInfo, JobConfigValue, JobDetails, ObjectInfo, PodInfo, PodRole, describe, id_ranges,
};
pub use objects::{JobObjects, job_of, pod_ready};
pub use summary::{ComputeResourceSummary, JobPhase, JobSummary, summarize};
pub use view::env_value;

/// Most events `describe` shows (the most recent ones).
pub const MAX_EVENTS: usize = 20;
