//! Which instance of a container to read next, from the pod's status: the first read (with the
//! previous instance first when asked), resuming a stream that ended while the container runs,
//! reading the rest of an instance that ended, moving on to a restarted container's new instance
//! (finishing the old one from `previous`), waiting, or stopping. Pure.

use k8s_openapi::api::core::v1::Pod;

/// How a container is doing, by its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run {
    /// Running.
    Running,
    /// Exited (and not restarted yet).
    Terminated,
    /// Waiting: not started yet, or between restarts (`CrashLoopBackOff`).
    Waiting,
    /// No status yet.
    Unknown,
}

/// What the pod's status says about one container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerView {
    /// `restartCount`: which instance is current.
    pub restarts: i32,
    /// Its state.
    pub run: Run,
    /// The pod's IP.
    pub pod_ip: Option<String>,
    /// The pod has ended (`Succeeded` or `Failed`): nothing will restart.
    pub pod_done: bool,
    /// Why it waits (`ContainerCreating`, `CrashLoopBackOff`, …), if it does.
    pub waiting_reason: Option<String>,
}

impl ContainerView {
    /// Whether the current instance has logs to read (it ran, or runs).
    pub fn has_run(&self) -> bool {
        match self.run {
            Run::Running | Run::Terminated => true,
            Run::Waiting => self.restarts > 0,
            Run::Unknown => false,
        }
    }
}

/// Read `container`'s status from `pod`.
pub fn view(pod: &Pod, container: &str) -> ContainerView {
    let status = pod.status.as_ref();
    let container_status = status
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|list| list.iter().find(|c| c.name == container));
    let state = container_status.and_then(|c| c.state.as_ref());
    let run = match state {
        Some(s) if s.running.is_some() => Run::Running,
        Some(s) if s.terminated.is_some() => Run::Terminated,
        Some(s) if s.waiting.is_some() => Run::Waiting,
        _ => Run::Unknown,
    };
    ContainerView {
        restarts: container_status.map_or(0, |c| c.restart_count),
        run,
        pod_ip: status.and_then(|s| s.pod_ip.clone()),
        pod_done: status
            .and_then(|s| s.phase.as_deref())
            .is_some_and(|p| p == "Succeeded" || p == "Failed"),
        waiting_reason: state
            .and_then(|s| s.waiting.as_ref())
            .and_then(|w| w.reason.clone()),
    }
}

/// How far a source has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// The previous instance was read (or there was none), when `--previous` asked for it.
    pub previous_done: bool,
    /// `restartCount` of the instance being read; `None` before the first read.
    pub instance: Option<i32>,
    /// That instance has been read to its end (it had ended).
    pub finished: bool,
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Nothing to read now: wait for the pod to change.
    Wait,
    /// Nothing more will come.
    End,
    /// Read the previous instance (once, before the first read of the current one).
    Previous,
    /// First read of the current instance; keep following it when `follow`.
    First {
        /// Whether the instance runs (follow it) or has ended (read it all).
        follow: bool,
    },
    /// The stream of the running instance ended: continue from the last line.
    Resume,
    /// The instance ended: read what is left of it.
    Finish,
    /// A newer instance runs (the container restarted).
    Next {
        /// Finish the old instance first (it is the previous one, and it was not read to its
        /// end).
        catch_up: bool,
        /// Whether the new instance runs (follow it) or has ended already.
        follow: bool,
    },
}

/// The next step for a source, given its progress and its container's status. `previous`:
/// the user asked for previous instances.
pub fn next_step(progress: &Progress, view: &ContainerView, previous: bool) -> Step {
    let Some(instance) = progress.instance else {
        if !view.has_run() {
            return if view.pod_done { Step::End } else { Step::Wait };
        }
        if previous && view.restarts > 0 && !progress.previous_done {
            return Step::Previous;
        }
        return Step::First {
            follow: view.run == Run::Running,
        };
    };
    if view.restarts > instance {
        if !view.has_run() {
            return Step::Wait;
        }
        return Step::Next {
            catch_up: view.restarts == instance + 1 && !progress.finished,
            follow: view.run == Run::Running,
        };
    }
    if !progress.finished {
        return match view.run {
            Run::Running => Step::Resume,
            Run::Terminated | Run::Waiting => Step::Finish,
            Run::Unknown if view.pod_done => Step::Finish,
            Run::Unknown => Step::Wait,
        };
    }
    if view.pod_done { Step::End } else { Step::Wait }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn v(restarts: i32, run: Run, pod_done: bool) -> ContainerView {
        ContainerView {
            restarts,
            run,
            pod_ip: None,
            pod_done,
            waiting_reason: None,
        }
    }

    fn p(instance: Option<i32>, finished: bool) -> Progress {
        Progress {
            previous_done: false,
            instance,
            finished,
        }
    }

    #[test]
    fn status_is_read_from_the_pod() {
        let pod: Pod = serde_json::from_value(json!({
            "metadata": {"name": "p"},
            "status": {"phase": "Running", "podIP": "10.0.0.9", "containerStatuses": [
                {"name": "a", "ready": true, "restartCount": 2, "image": "x", "imageID": "",
                 "state": {"running": {"startedAt": "2025-01-01T00:00:00Z"}}},
                {"name": "b", "ready": false, "restartCount": 0, "image": "x", "imageID": "",
                 "state": {"waiting": {"reason": "ContainerCreating"}}},
            ]},
        }))
        .unwrap();
        let a = view(&pod, "a");
        assert_eq!((a.restarts, a.run), (2, Run::Running));
        assert_eq!(a.pod_ip.as_deref(), Some("10.0.0.9"));
        assert!(!a.pod_done && a.has_run());
        let b = view(&pod, "b");
        assert_eq!(b.run, Run::Waiting);
        assert_eq!(b.waiting_reason.as_deref(), Some("ContainerCreating"));
        assert!(!b.has_run());
        assert_eq!(view(&pod, "c").run, Run::Unknown);
    }

    #[test]
    fn first_read_waits_for_a_start() {
        let fresh = Progress::default();
        assert_eq!(
            next_step(&fresh, &v(0, Run::Waiting, false), false),
            Step::Wait
        );
        assert_eq!(
            next_step(&fresh, &v(0, Run::Unknown, false), false),
            Step::Wait
        );
        assert_eq!(
            next_step(&fresh, &v(0, Run::Unknown, true), false),
            Step::End
        );
        assert_eq!(
            next_step(&fresh, &v(0, Run::Running, false), false),
            Step::First { follow: true }
        );
        assert_eq!(
            next_step(&fresh, &v(0, Run::Terminated, false), false),
            Step::First { follow: false }
        );
        // crash loop: the last run's log is there
        assert_eq!(
            next_step(&fresh, &v(3, Run::Waiting, false), false),
            Step::First { follow: false }
        );
    }

    #[test]
    fn previous_instance_comes_first_when_asked() {
        let fresh = Progress::default();
        assert_eq!(
            next_step(&fresh, &v(1, Run::Running, false), true),
            Step::Previous
        );
        assert_eq!(
            next_step(&fresh, &v(0, Run::Running, false), true),
            Step::First { follow: true }
        );
        let done = Progress {
            previous_done: true,
            ..Progress::default()
        };
        assert_eq!(
            next_step(&done, &v(1, Run::Running, false), true),
            Step::First { follow: true }
        );
    }

    #[test]
    fn ended_streams_resume_or_finish() {
        let following = p(Some(0), false);
        assert_eq!(
            next_step(&following, &v(0, Run::Running, false), false),
            Step::Resume
        );
        assert_eq!(
            next_step(&following, &v(0, Run::Terminated, false), false),
            Step::Finish
        );
        assert_eq!(
            next_step(&following, &v(0, Run::Waiting, false), false),
            Step::Finish
        );
        assert_eq!(
            next_step(&following, &v(0, Run::Unknown, true), false),
            Step::Finish
        );
        let finished = p(Some(0), true);
        assert_eq!(
            next_step(&finished, &v(0, Run::Terminated, false), false),
            Step::Wait
        );
        assert_eq!(
            next_step(&finished, &v(0, Run::Terminated, true), false),
            Step::End
        );
    }

    #[test]
    fn restarts_move_on_to_the_new_instance() {
        let following = p(Some(0), false);
        assert_eq!(
            next_step(&following, &v(1, Run::Running, false), false),
            Step::Next {
                catch_up: true,
                follow: true
            }
        );
        // two restarts missed: the old instance is gone
        assert_eq!(
            next_step(&following, &v(2, Run::Running, false), false),
            Step::Next {
                catch_up: false,
                follow: true
            }
        );
        // the old instance was read to its end already
        let finished = p(Some(0), true);
        assert_eq!(
            next_step(&finished, &v(1, Run::Terminated, false), false),
            Step::Next {
                catch_up: false,
                follow: false
            }
        );
    }
}
