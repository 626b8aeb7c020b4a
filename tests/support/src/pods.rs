//! Per-pod runtime data: container logs (current and previous), in-memory filesystems, scripts, exec handlers.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use crate::exec::ExecHandler;

/// One log line with the time it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    /// When the line was written.
    pub ts: jiff::Timestamp,
    /// The text, without the newline.
    pub text: String,
}

/// The logs of one container.
#[derive(Debug, Clone, Default)]
pub struct ContainerLog {
    /// Lines of the current instance.
    pub lines: Vec<LogLine>,
    /// Lines of the previous instance (after a restart).
    pub previous: Option<Vec<LogLine>>,
    /// The current instance has terminated (followers end).
    pub terminated: bool,
    /// Incremented on every restart (followers of an older instance end).
    pub instance: u64,
}

/// What a scripted pod does at a point in time.
#[derive(Debug, Clone, PartialEq)]
pub enum PodAction {
    /// Schedule the pod (bind it to a node).
    Schedule,
    /// Start the containers (`Running`; becomes Ready after the ready delay unless [`PodAction::Ready`] says otherwise).
    Run,
    /// Set the Ready condition.
    Ready(bool),
    /// Containers stuck in `ImagePullBackOff` with this message (pod stays Pending); records Events.
    ImagePullBackOff(String),
    /// The scheduler cannot place the pod: `PodScheduled=False`, reason `Unschedulable`, this message.
    Unschedulable(String),
    /// The container keeps crashing: `CrashLoopBackOff` waiting state with this many restarts.
    CrashLoop {
        /// restartCount to report.
        restarts: u32,
        /// Message of the waiting state.
        message: String,
    },
    /// Append a log line (to the named container, or the first one).
    Log {
        /// Container (None = first).
        container: Option<String>,
        /// The line.
        line: String,
    },
    /// The container exits and is started again (restartCount+1; the old log becomes `previous`).
    Restart {
        /// Exit code of the instance that ended.
        exit_code: i32,
    },
    /// The containers terminate with this exit code (pod Succeeded for 0, else Failed).
    End {
        /// Exit code.
        exit_code: i32,
    },
    /// Delete the pod (a StatefulSet recreates it with a new uid).
    Delete,
}

/// A timed list of actions for pods whose name matches.
#[derive(Debug, Clone, PartialEq)]
pub struct PodScript {
    /// Run the normal life cycle (schedule, run, ready after the configured delays) before the steps.
    pub auto_start: bool,
    /// (time after pod creation, action).
    pub steps: Vec<(Duration, PodAction)>,
}

impl Default for PodScript {
    fn default() -> Self {
        PodScript::new()
    }
}

impl PodScript {
    /// The normal life cycle, then the added steps.
    pub fn new() -> Self {
        PodScript {
            auto_start: true,
            steps: Vec::new(),
        }
    }

    /// No automatic life cycle: only the added steps happen.
    pub fn manual() -> Self {
        PodScript {
            auto_start: false,
            steps: Vec::new(),
        }
    }

    /// Scheduled, then stuck pulling the image (`ImagePullBackOff` with `message`).
    pub fn image_pull_backoff(message: &str) -> Self {
        PodScript::manual()
            .at(Duration::ZERO, PodAction::Schedule)
            .at(
                Duration::from_millis(1),
                PodAction::ImagePullBackOff(message.into()),
            )
    }

    /// Never scheduled: `PodScheduled=False` reason `Unschedulable` with the scheduler's `message`.
    pub fn unschedulable(message: &str) -> Self {
        PodScript::manual().at(Duration::ZERO, PodAction::Unschedulable(message.into()))
    }

    /// Scheduled, then crash-looping with `restarts` restarts.
    pub fn crash_loop(restarts: u32, message: &str) -> Self {
        PodScript::manual()
            .at(Duration::ZERO, PodAction::Schedule)
            .at(
                Duration::from_millis(1),
                PodAction::CrashLoop {
                    restarts,
                    message: message.into(),
                },
            )
    }

    /// Add an action at `after` since the pod's creation.
    pub fn at(mut self, after: Duration, action: PodAction) -> Self {
        self.steps.push((after, action));
        self
    }

    /// Append a log line to the first container at `after`.
    pub fn log(self, after: Duration, line: &str) -> Self {
        self.at(
            after,
            PodAction::Log {
                container: None,
                line: line.into(),
            },
        )
    }

    /// Append a log line to a named container at `after`.
    pub fn log_to(self, after: Duration, container: &str, line: &str) -> Self {
        self.at(
            after,
            PodAction::Log {
                container: Some(container.into()),
                line: line.into(),
            },
        )
    }

    /// Restart the containers at `after`.
    pub fn restart(self, after: Duration, exit_code: i32) -> Self {
        self.at(after, PodAction::Restart { exit_code })
    }

    /// End the containers at `after`.
    pub fn end(self, after: Duration, exit_code: i32) -> Self {
        self.at(after, PodAction::End { exit_code })
    }

    /// Delete the pod at `after`.
    pub fn delete(self, after: Duration) -> Self {
        self.at(after, PodAction::Delete)
    }
}

/// Which pods a script applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum PodSelector {
    /// Exactly this name.
    Name(String),
    /// Names starting with this prefix.
    Prefix(String),
}

impl PodSelector {
    /// Whether a pod name matches.
    pub fn matches(&self, name: &str) -> bool {
        match self {
            PodSelector::Name(n) => n == name,
            PodSelector::Prefix(p) => name.starts_with(p.as_str()),
        }
    }
}

/// Pod-side data the API objects do not hold.
#[derive(Default)]
pub struct PodRuntime {
    /// Logs by (namespace, pod, container).
    pub logs: HashMap<(String, String, String), ContainerLog>,
    /// Files by (namespace, pod): path → bytes.
    pub files: HashMap<(String, String), BTreeMap<String, Vec<u8>>>,
    /// Scripts (first match wins; optionally namespace-restricted).
    pub scripts: Vec<(Option<String>, PodSelector, PodScript)>,
    /// Custom exec handlers.
    pub exec_handlers: Vec<ExecHandler>,
    /// Port-forward targets (later entries win).
    pub port_targets: Vec<crate::portforward::PortTarget>,
}

impl std::fmt::Debug for PodRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PodRuntime")
            .field("logs", &self.logs.len())
            .field("files", &self.files.len())
            .field("scripts", &self.scripts.len())
            .field("exec_handlers", &self.exec_handlers.len())
            .field("port_targets", &self.port_targets)
            .finish()
    }
}

impl PodRuntime {
    /// Forget a pod's logs and files (a new pod with this name was created).
    pub fn reset_pod(&mut self, ns: &str, pod: &str) {
        self.logs.retain(|(n, p, _), _| !(n == ns && p == pod));
        self.files.remove(&(ns.to_string(), pod.to_string()));
    }

    /// The script for a new pod, if any.
    pub fn script_for(&self, ns: &str, pod: &str) -> Option<PodScript> {
        self.scripts
            .iter()
            .find(|(sns, sel, _)| sns.as_deref().is_none_or(|s| s == ns) && sel.matches(pod))
            .map(|(_, _, s)| s.clone())
    }

    /// The log of a container, created when missing.
    pub fn log_mut(&mut self, ns: &str, pod: &str, container: &str) -> &mut ContainerLog {
        self.logs
            .entry((ns.to_string(), pod.to_string(), container.to_string()))
            .or_default()
    }

    /// Append a line to a container's log.
    pub fn append_log(&mut self, ns: &str, pod: &str, container: &str, text: &str) {
        let ts = jiff::Timestamp::now();
        let log = self.log_mut(ns, pod, container);
        for line in text.split('\n') {
            log.lines.push(LogLine {
                ts,
                text: line.to_string(),
            });
        }
    }

    /// Files of a pod, created when missing.
    pub fn fs_mut(&mut self, ns: &str, pod: &str) -> &mut BTreeMap<String, Vec<u8>> {
        self.files
            .entry((ns.to_string(), pod.to_string()))
            .or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_logs() {
        let mut rt = PodRuntime::default();
        rt.scripts.push((
            None,
            PodSelector::Prefix("job-".into()),
            PodScript::unschedulable("0/1 nodes"),
        ));
        assert!(rt.script_for("ns", "job-0").is_some());
        assert!(rt.script_for("ns", "other").is_none());
        rt.append_log("ns", "p", "c", "a\nb");
        assert_eq!(
            rt.logs[&("ns".into(), "p".into(), "c".into())].lines.len(),
            2
        );
        rt.fs_mut("ns", "p").insert("/x".into(), b"1".to_vec());
        rt.reset_pod("ns", "p");
        assert!(rt.logs.is_empty() && rt.files.is_empty());
    }
}
