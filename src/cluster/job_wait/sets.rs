//! The StatefulSets of a job, and its pods counted per StatefulSet with a progress line each.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Pod;

use crate::twister2::names::{job_master_name, worker_statefulset_name};
use crate::twister2::spec::JobSpec;

use super::pods::{condition_is_true, pod_runs, pod_state, statefulset_of, stuck_reason};

/// A StatefulSet of a job and how many pods it should run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedSet {
    /// `<jobID>-jm` or `<jobID>-<index>`.
    pub name: String,
    /// Replicas.
    pub pods: u32,
}

/// The job master's StatefulSet (one pod), then one per compute resource, in index order.
pub fn expected_sets(job: &JobSpec) -> Vec<ExpectedSet> {
    let mut sets = vec![ExpectedSet {
        name: job_master_name(&job.job_id),
        pods: 1,
    }];
    sets.extend(job.compute_resources.iter().map(|cr| ExpectedSet {
        name: worker_statefulset_name(&job.job_id, cr.index),
        pods: cr.instances,
    }));
    sets
}

/// Every pod the job will have: `<set>-<ordinal>` of each expected StatefulSet.
pub fn expected_pods(job: &JobSpec) -> Vec<String> {
    expected_sets(job)
        .into_iter()
        .flat_map(|set| (0..set.pods).map(move |i| format!("{}-{i}", set.name)))
        .collect()
}

/// Pod counts of one StatefulSet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetCounts {
    /// Replicas wanted.
    pub expected: u32,
    /// Pods that exist.
    pub created: u32,
    /// Pods bound to a node.
    pub scheduled: u32,
    /// Pods whose containers all run.
    pub running: u32,
    /// Pods that are Ready.
    pub ready: u32,
    /// Pods that are stuck (see [`stuck_reason`]).
    pub stuck: u32,
}

impl SetCounts {
    /// Every wanted pod runs.
    pub fn all_running(&self) -> bool {
        self.running >= self.expected
    }
}

/// One StatefulSet as seen now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetView {
    /// StatefulSet name.
    pub name: String,
    /// Counts.
    pub counts: SetCounts,
    /// Existing pods that do not run: (pod name, [`pod_state`]), by name.
    pub not_running: Vec<(String, String)>,
}

impl SetView {
    /// The progress text: `2/4 scheduled, 1/4 running, 0/4 ready`, plus the stuck pods'
    /// first reason, or `4/4 running (3/4 ready)` when done.
    pub fn line(&self) -> String {
        let c = &self.counts;
        let n = c.expected;
        if c.all_running() {
            return format!("{}/{n} running ({}/{n} ready)", c.running, c.ready);
        }
        let mut text = format!(
            "{}/{n} scheduled, {}/{n} running, {}/{n} ready",
            c.scheduled, c.running, c.ready
        );
        if c.created < n {
            text.push_str(&format!(", {} not created yet", n - c.created));
        }
        if c.stuck > 0 {
            let first = self
                .not_running
                .iter()
                .map(|(_, state)| state.split(':').next().unwrap_or_default())
                .find(|kind| !kind.is_empty())
                .unwrap_or_default();
            text.push_str(&format!(", {} stuck ({first})", c.stuck));
        }
        text
    }
}

/// Groups the job's pods by StatefulSet and counts them.
pub fn summarize(sets: &[ExpectedSet], pods: &BTreeMap<String, Pod>, job_id: &str) -> Vec<SetView> {
    let mut views: Vec<SetView> = sets
        .iter()
        .map(|s| SetView {
            name: s.name.clone(),
            counts: SetCounts {
                expected: s.pods,
                ..SetCounts::default()
            },
            not_running: Vec::new(),
        })
        .collect();
    for (name, pod) in pods {
        let Some(set) = statefulset_of(pod, job_id) else {
            continue;
        };
        let Some(view) = views.iter_mut().find(|v| v.name == set) else {
            continue;
        };
        let c = &mut view.counts;
        c.created += 1;
        if condition_is_true(pod, "PodScheduled") {
            c.scheduled += 1;
        }
        if pod_runs(pod) {
            c.running += 1;
            if condition_is_true(pod, "Ready") {
                c.ready += 1;
            }
        } else {
            if stuck_reason(pod).is_some() {
                c.stuck += 1;
            }
            view.not_running.push((name.clone(), pod_state(pod)));
        }
    }
    views
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_sets_follow_the_compute_resources() {
        let job = JobSpec::example("j");
        let sets = expected_sets(&job);
        assert_eq!(
            sets,
            vec![
                ExpectedSet {
                    name: "j-jm".into(),
                    pods: 1
                },
                ExpectedSet {
                    name: "j-0".into(),
                    pods: 2
                },
            ]
        );
    }
}
