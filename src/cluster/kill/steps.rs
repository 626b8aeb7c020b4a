//! The steps a kill reports while it runs, and how they read.

use std::time::Duration;

use crate::cluster::errors::human_duration;

/// A step of a kill, for progress display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `KILL_JOB=true` was set; waiting for the job master.
    Signalled {
        /// The time limit.
        timeout: Duration,
    },
    /// Objects of the job still present while waiting.
    Waiting {
        /// How many.
        left: usize,
    },
    /// The job master removed everything.
    CleanedUpByJobMaster,
    /// The time limit passed with objects left.
    TimedOut {
        /// The time limit.
        timeout: Duration,
        /// How many objects are left.
        left: usize,
        /// Why the watch could not follow the deletions, if it could not.
        watch_problem: Option<String>,
    },
    /// No signal was sent, with the reason.
    NotSignalled(String),
    /// Deleting the objects left.
    Deleting {
        /// How many.
        count: usize,
    },
    /// Removing the package from the uploader pods.
    RemovingPackage {
        /// How many pods.
        pods: usize,
    },
    /// Removing the package from S3.
    RemovingS3Package {
        /// The object.
        object: String,
    },
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::Signalled { timeout } => write!(
                f,
                "asked the job master to end the job (KILL_JOB=true); waiting up to {}",
                human_duration(*timeout)
            ),
            Step::Waiting { left } => {
                write!(f, "waiting for the job master: {} left", objects(*left))
            }
            Step::CleanedUpByJobMaster => f.write_str("the job master deleted the job's objects"),
            Step::TimedOut {
                timeout,
                left,
                watch_problem,
            } => {
                write!(
                    f,
                    "the job master did not finish within {} ({} left)",
                    human_duration(*timeout),
                    objects(*left)
                )?;
                if let Some(problem) = watch_problem {
                    write!(f, "; watching failed: {problem}")?;
                }
                Ok(())
            }
            Step::NotSignalled(why) => f.write_str(why),
            Step::Deleting { count } => write!(f, "deleting {}", objects(*count)),
            Step::RemovingPackage { pods } => {
                write!(f, "removing the job package from {}", uploader_pods(*pods))
            }
            Step::RemovingS3Package { object } => {
                write!(f, "removing the job package {object} (aws s3 rm)")
            }
        }
    }
}

/// `1 object`, `3 objects`.
pub fn objects(count: usize) -> String {
    plural(count, "object")
}

/// `1 uploader pod`, `2 uploader pods`.
pub fn uploader_pods(count: usize) -> String {
    plural(count, "uploader pod")
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Progress callback: (jobID, step).
pub type OnStep<'a> = &'a (dyn Fn(&str, Step) + Send + Sync);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_read_well() {
        let text = Step::TimedOut {
            timeout: Duration::from_secs(15),
            left: 3,
            watch_problem: Some("Forbidden".into()),
        }
        .to_string();
        assert_eq!(
            text,
            "the job master did not finish within 15s (3 objects left); watching failed: Forbidden"
        );
        assert_eq!(
            Step::Waiting { left: 1 }.to_string(),
            "waiting for the job master: 1 object left"
        );
        assert_eq!(
            Step::RemovingPackage { pods: 2 }.to_string(),
            "removing the job package from 2 uploader pods"
        );
        assert_eq!(
            Step::RemovingS3Package {
                object: "s3://b/j.tar.gz".into()
            }
            .to_string(),
            "removing the job package s3://b/j.tar.gz (aws s3 rm)"
        );
        assert!(
            Step::Signalled {
                timeout: Duration::from_secs(15)
            }
            .to_string()
            .contains("KILL_JOB=true")
        );
    }
}
