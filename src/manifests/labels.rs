//! Label keys and values shared by every object the plugin creates: Twister2's own selectors
//! (`app=twister2`, `t2-job`, `t2-wss`, `t2-wp`, `t2-mss`, `t2-mp`) and the
//! `app.kubernetes.io/*` labels that mark what this plugin manages.

use std::collections::BTreeMap;

/// Field manager for server-side apply and the value of `app.kubernetes.io/managed-by`.
pub const MANAGER: &str = "kubectl-twister2";
/// `app.kubernetes.io/managed-by`
pub const MANAGED_BY: &str = "app.kubernetes.io/managed-by";
/// `app.kubernetes.io/part-of`
pub const PART_OF: &str = "app.kubernetes.io/part-of";
/// `app.kubernetes.io/component`
pub const COMPONENT: &str = "app.kubernetes.io/component";
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

/// Labels this plugin puts on everything it creates for `component` (e.g. `uploader`, `job`).
pub fn managed(component: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        (MANAGED_BY.to_string(), MANAGER.to_string()),
        (PART_OF.to_string(), "twister2".to_string()),
        (COMPONENT.to_string(), component.to_string()),
    ])
}

/// Labels of every object of job `job_id`, as Twister2 sets them, plus the managed-by labels.
pub fn job_object(job_id: &str) -> BTreeMap<String, String> {
    let mut labels = managed("job");
    labels.insert(APP.to_string(), APP_TWISTER2.to_string());
    labels.insert(JOB.to_string(), job_id.to_string());
    labels
}

/// `job_object` labels plus one Twister2 role label (`t2-wss`, `t2-wp`, `t2-mss`, `t2-mp`).
pub fn job_role(job_id: &str, role: &str) -> BTreeMap<String, String> {
    let mut labels = job_object(job_id);
    labels.insert(role.to_string(), job_id.to_string());
    labels
}

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
    fn job_labels_carry_twister2_and_managed_by() {
        let l = job_role("u-j-1", WORKER_POD);
        assert_eq!(l["app"], "twister2");
        assert_eq!(l["t2-job"], "u-j-1");
        assert_eq!(l["t2-wp"], "u-j-1");
        assert_eq!(l[MANAGED_BY], "kubectl-twister2");
        assert_eq!(l[COMPONENT], "job");
    }

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
