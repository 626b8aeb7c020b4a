//! The label maps the plugin puts on what it creates: the `app.kubernetes.io/*` labels of a
//! managed component, and a job's labels as Twister2 sets them (keys and values are in
//! `twister2::names`).

use std::collections::BTreeMap;

use crate::twister2::names::{
    APP, APP_TWISTER2, COMPONENT, JOB, JOB_COMPONENT, MANAGED_BY, MANAGER, PART_OF,
    PART_OF_TWISTER2,
};

/// Labels this plugin puts on everything it creates for `component` (e.g. `uploader`, `job`).
pub fn managed(component: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        (MANAGED_BY.to_string(), MANAGER.to_string()),
        (PART_OF.to_string(), PART_OF_TWISTER2.to_string()),
        (COMPONENT.to_string(), component.to_string()),
    ])
}

/// Labels of every object of job `job_id`, as Twister2 sets them, plus the managed-by labels.
pub fn job_object(job_id: &str) -> BTreeMap<String, String> {
    let mut labels = managed(JOB_COMPONENT);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twister2::names::WORKER_POD;

    #[test]
    fn job_labels_carry_twister2_and_managed_by() {
        let l = job_role("u-j-1", WORKER_POD);
        assert_eq!(l["app"], "twister2");
        assert_eq!(l["t2-job"], "u-j-1");
        assert_eq!(l["t2-wp"], "u-j-1");
        assert_eq!(l[MANAGED_BY], "kubectl-twister2");
        assert_eq!(l[COMPONENT], "job");
    }
}
