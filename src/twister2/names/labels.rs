//! Label keys and values: Twister2's own (`app=twister2`, `t2-job`, `t2-wss`, `t2-wp`, `t2-mss`,
//! `t2-mp`) and the `app.kubernetes.io/*` labels that mark what this plugin manages, with the
//! selectors built from them.

/// Field manager for server-side apply and the value of `app.kubernetes.io/managed-by`.
pub const MANAGER: &str = "kubectl-twister2";
/// `app.kubernetes.io/managed-by`
pub const MANAGED_BY: &str = "app.kubernetes.io/managed-by";
/// `app.kubernetes.io/part-of`
pub const PART_OF: &str = "app.kubernetes.io/part-of";
/// Value of `app.kubernetes.io/part-of`.
pub const PART_OF_TWISTER2: &str = "twister2";
/// `app.kubernetes.io/component`
pub const COMPONENT: &str = "app.kubernetes.io/component";
/// Value of `app.kubernetes.io/component` on a job's objects.
pub const JOB_COMPONENT: &str = "job";
/// Twister2's `app` label key.
pub const APP: &str = "app";
/// Value of `app` on every job object.
pub const APP_TWISTER2: &str = "twister2";
/// All objects of one job.
pub const JOB: &str = "t2-job";
/// Worker StatefulSets of a job.
pub const WORKER_STATEFULSET: &str = "t2-wss";
/// Worker pods of a job.
pub const WORKER_POD: &str = "t2-wp";
/// Job-master StatefulSet of a job.
pub const MASTER_STATEFULSET: &str = "t2-mss";
/// Job-master pod of a job.
pub const MASTER_POD: &str = "t2-mp";

/// Label selector for every object of a job, whichever client created it.
pub fn job_selector(job_id: &str) -> String {
    format!("{JOB}={job_id}")
}

/// Label selector for everything Twister2 created (jobs of either client).
pub fn all_jobs_selector() -> String {
    format!("{APP}={APP_TWISTER2}")
}

/// Label selector for what this plugin manages for `component`.
pub fn component_selector(component: &str) -> String {
    format!("{MANAGED_BY}={MANAGER},{COMPONENT}={component}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        assert_eq!(job_selector("x"), "t2-job=x");
        assert_eq!(all_jobs_selector(), "app=twister2");
        assert_eq!(
            component_selector("uploader"),
            "app.kubernetes.io/managed-by=kubectl-twister2,app.kubernetes.io/component=uploader"
        );
    }
}
