//! How a job ended, read from what its ConfigMap showed while it was watched.

use std::collections::BTreeMap;

use crate::twister2::names::{JOB_MASTER_RESTARTS_KEY, KILL_JOB_KEY, WORKER_RESTARTS_PREFIX};

/// What decides a job's outcome from its ConfigMap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeRules {
    /// `twister2.fault.tolerance.max.worker.restarts` (Twister2's default 5).
    pub max_worker_restarts: u32,
    /// Whether the job uses ZooKeeper (`twister2.resource.zookeeper.server.addresses` set):
    /// without it a restarted job master ends the job as FAILED.
    pub zookeeper: bool,
}

impl Default for OutcomeRules {
    fn default() -> Self {
        OutcomeRules {
            max_worker_restarts: 5,
            zookeeper: false,
        }
    }
}

/// How a job ended, as far as Kubernetes showed it. Twister2 deletes every object of a job when
/// it ends and keeps no record of the final state there, so a job is never reported COMPLETED:
/// without evidence of a kill or a failure the outcome is [`JobOutcome::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    /// `KILL_JOB` was set in the job's ConfigMap.
    Killed,
    /// A failure Twister2 ends the job for (the reason).
    Failed(String),
    /// The job ended without a kill signal or a failure visible in Kubernetes.
    Unknown,
}

impl JobOutcome {
    /// Twister2's state name, or `UNKNOWN`.
    pub fn state(&self) -> &'static str {
        match self {
            JobOutcome::Killed => "KILLED",
            JobOutcome::Failed(_) => "FAILED",
            JobOutcome::Unknown => "UNKNOWN",
        }
    }

    /// Whether `submit --wait` exits non-zero for it (FAILED or KILLED).
    pub fn is_failure(&self) -> bool {
        !matches!(self, JobOutcome::Unknown)
    }
}

impl std::fmt::Display for JobOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobOutcome::Killed => f.write_str("KILLED (KILL_JOB was set in its ConfigMap)"),
            JobOutcome::Failed(reason) => write!(f, "FAILED: {reason}"),
            JobOutcome::Unknown => f.write_str(
                "ended; its final state is unknown (Twister2 keeps no record of it in \
                 Kubernetes, and no kill signal or failure was seen)",
            ),
        }
    }
}

/// What the job's ConfigMap showed while it was watched: the first decisive sign wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndEvidence {
    first: Option<JobOutcome>,
}

impl EndEvidence {
    /// Looks at one version of the ConfigMap's data.
    pub fn observe(&mut self, data: &BTreeMap<String, String>, rules: &OutcomeRules) {
        if self.first.is_some() {
            return;
        }
        if data.contains_key(KILL_JOB_KEY) {
            self.first = Some(JobOutcome::Killed);
            return;
        }
        let failed_worker = data
            .iter()
            .filter_map(|(key, value)| {
                let id = key
                    .strip_prefix(WORKER_RESTARTS_PREFIX)?
                    .parse::<u32>()
                    .ok()?;
                let count = value.trim().parse::<u32>().ok()?;
                Some((id, count))
            })
            .filter(|(_, count)| *count > 0 && *count >= rules.max_worker_restarts)
            .min_by_key(|(id, _)| *id);
        if let Some((id, count)) = failed_worker {
            self.first = Some(JobOutcome::Failed(format!(
                "worker {id} reached restart count {count}, the limit \
                 twister2.fault.tolerance.max.worker.restarts = {}",
                rules.max_worker_restarts
            )));
            return;
        }
        let master_restarts = data
            .get(JOB_MASTER_RESTARTS_KEY)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(0);
        if master_restarts > 0 && !rules.zookeeper {
            self.first = Some(JobOutcome::Failed(format!(
                "the job master restarted (restart count {master_restarts}) and the job does \
                 not use ZooKeeper, so Twister2 ends it"
            )));
        }
    }

    /// The outcome so far.
    pub fn outcome(&self) -> JobOutcome {
        self.first.clone().unwrap_or(JobOutcome::Unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn kill_signal_means_killed() {
        let mut e = EndEvidence::default();
        assert_eq!(e.outcome(), JobOutcome::Unknown);
        e.observe(
            &data(&[("TWISTER2_JOB_OBJECT", "x")]),
            &OutcomeRules::default(),
        );
        assert_eq!(e.outcome(), JobOutcome::Unknown);
        e.observe(&data(&[("KILL_JOB", "true")]), &OutcomeRules::default());
        assert_eq!(e.outcome(), JobOutcome::Killed);
        assert!(e.outcome().is_failure());
        assert_eq!(e.outcome().state(), "KILLED");
    }

    #[test]
    fn a_worker_reaching_the_restart_limit_fails_the_job() {
        let rules = OutcomeRules {
            max_worker_restarts: 3,
            zookeeper: true,
        };
        let mut e = EndEvidence::default();
        e.observe(
            &data(&[
                ("RESTART_COUNT_FOR_WORKER_0", "2"),
                ("RESTART_COUNT_FOR_WORKER_10", "3"),
                ("RESTART_COUNT_FOR_WORKER_2", "5"),
            ]),
            &rules,
        );
        assert_eq!(
            e.outcome(),
            JobOutcome::Failed(
                "worker 2 reached restart count 5, the limit \
                 twister2.fault.tolerance.max.worker.restarts = 3"
                    .into()
            )
        );
        // The first sign wins: a later kill does not change it.
        e.observe(&data(&[("KILL_JOB", "true")]), &rules);
        assert_eq!(e.outcome().state(), "FAILED");
    }

    #[test]
    fn below_the_limit_or_zero_restarts_is_no_failure() {
        let mut e = EndEvidence::default();
        e.observe(
            &data(&[
                ("RESTART_COUNT_FOR_WORKER_0", "4"),
                ("RESTART_COUNT_FOR_WORKER_1", "x"),
            ]),
            &OutcomeRules::default(),
        );
        let zero = OutcomeRules {
            max_worker_restarts: 0,
            zookeeper: false,
        };
        e.observe(&data(&[("RESTART_COUNT_FOR_WORKER_0", "0")]), &zero);
        assert_eq!(e.outcome(), JobOutcome::Unknown);
    }

    #[test]
    fn a_restarted_job_master_fails_the_job_only_without_zookeeper() {
        let restarted = data(&[("RESTART_COUNT_FOR_JOB_MASTER", "1")]);
        let mut with_zk = EndEvidence::default();
        with_zk.observe(
            &restarted,
            &OutcomeRules {
                zookeeper: true,
                ..OutcomeRules::default()
            },
        );
        assert_eq!(with_zk.outcome(), JobOutcome::Unknown);
        let mut without = EndEvidence::default();
        without.observe(&restarted, &OutcomeRules::default());
        let outcome = without.outcome();
        assert!(
            outcome
                .to_string()
                .starts_with("FAILED: the job master restarted (restart count 1)")
        );
        assert!(JobOutcome::Unknown.to_string().contains("unknown"));
        assert!(!JobOutcome::Unknown.is_failure());
    }
}
