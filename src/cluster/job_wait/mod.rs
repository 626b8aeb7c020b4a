//! Waiting on a submitted job through watches: until every pod of its StatefulSets runs (a live
//! line per StatefulSet, the reasons pods are stuck as they appear, a timeout error naming what
//! is missing and why), and until it ends (its ConfigMap is gone), with the outcome its
//! ConfigMap showed on the way.
//!
//! Files: `pods` (a pod's StatefulSet and state), `sets` (pods counted per StatefulSet),
//! `running` (the wait until every pod runs), `timeout_error` (what the wait says when time is
//! up), `outcome` (how a job ended) and `job_end` (the wait until it ends). Watch errors are
//! judged in `cluster::watch_errors`.

mod job_end;
mod outcome;
mod pods;
mod running;
mod sets;
mod timeout_error;

#[cfg(test)]
mod tests;

pub use job_end::wait_for_job_end;
pub use outcome::{EndEvidence, JobOutcome, OutcomeRules};
pub use pods::{pod_runs, pod_state, statefulset_of, stuck_reason};
pub use running::{WaitUpdate, wait_until_running, wait_until_running_with};
pub use sets::{ExpectedSet, SetCounts, SetView, expected_pods, expected_sets, summarize};
pub use timeout_error::{latest_warnings, timeout_message};
