//! One pod of a job: which StatefulSet it belongs to, whether it runs, and why it does not.

use k8s_openapi::api::core::v1::Pod;

use crate::twister2::job_id::parse_worker_pod_name;
use crate::twister2::names::job_master_name;

/// The StatefulSet a pod of job `job_id` belongs to: its owner, else read from its name
/// (`<jobID>-jm-0`, `<jobID>-<index>-<ordinal>`).
pub fn statefulset_of(pod: &Pod, job_id: &str) -> Option<String> {
    let owner = pod
        .metadata
        .owner_references
        .as_ref()
        .and_then(|refs| refs.iter().find(|r| r.kind == "StatefulSet"))
        .map(|r| r.name.clone());
    if owner.is_some() {
        return owner;
    }
    let name = pod.metadata.name.as_deref()?;
    let master = job_master_name(job_id);
    if name
        .strip_prefix(&master)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|ordinal| ordinal.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(master);
    }
    let (index, _) = parse_worker_pod_name(job_id, name)?;
    Some(format!("{job_id}-{index}"))
}

pub(super) fn condition_is_true(pod: &Pod, kind: &str) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|c| c.iter().any(|c| c.type_ == kind && c.status == "True"))
}

/// Whether a pod runs: phase `Running`, not being deleted, and every container started.
pub fn pod_runs(pod: &Pod) -> bool {
    let Some(status) = pod.status.as_ref() else {
        return false;
    };
    if status.phase.as_deref() != Some("Running") || pod.metadata.deletion_timestamp.is_some() {
        return false;
    }
    let wanted = pod.spec.as_ref().map_or(0, |s| s.containers.len());
    let started = status.container_statuses.as_ref().map_or(0, |l| {
        l.iter()
            .filter(|c| c.state.as_ref().is_some_and(|s| s.running.is_some()))
            .count()
    });
    wanted > 0 && started >= wanted
}

/// Container waiting reasons that mean a pod will not start by itself.
const STUCK_WAITING_REASONS: [&str; 9] = [
    "ImagePullBackOff",
    "ErrImagePull",
    "ErrImageNeverPull",
    "InvalidImageName",
    "CreateContainerConfigError",
    "CreateContainerError",
    "RunContainerError",
    "PreStartHookError",
    "PostStartHookError",
];

/// Why a pod is stuck, if it is: `Unschedulable: <the scheduler's message>`,
/// `ImagePullBackOff: <message>` (and the other image and container-creation errors),
/// `CrashLoopBackOff: container C restarted N times (last exit code X: …)`, or `Failed: …`.
/// `None` for a pod that is fine or merely on its way (e.g. `ContainerCreating`).
pub fn stuck_reason(pod: &Pod) -> Option<String> {
    if pod.metadata.deletion_timestamp.is_some() {
        return None;
    }
    let status = pod.status.as_ref()?;
    let unschedulable = status.conditions.as_ref().and_then(|c| {
        c.iter().find(|c| {
            c.type_ == "PodScheduled"
                && c.status == "False"
                && c.reason.as_deref() == Some("Unschedulable")
        })
    });
    if let Some(condition) = unschedulable {
        return Some(with_message(
            "Unschedulable",
            condition.message.as_deref().unwrap_or_default(),
        ));
    }
    let containers = status
        .init_container_statuses
        .iter()
        .flatten()
        .chain(status.container_statuses.iter().flatten());
    for c in containers {
        let Some(waiting) = c.state.as_ref().and_then(|s| s.waiting.as_ref()) else {
            continue;
        };
        let reason = waiting.reason.as_deref().unwrap_or_default();
        let message = waiting.message.as_deref().unwrap_or_default();
        if reason == "CrashLoopBackOff" {
            let last = c
                .last_state
                .as_ref()
                .and_then(|s| s.terminated.as_ref())
                .map(|t| {
                    let detail = t
                        .message
                        .as_deref()
                        .or(t.reason.as_deref())
                        .filter(|m| !m.is_empty())
                        .map(|m| format!(": {}", m.trim()))
                        .unwrap_or_default();
                    format!(" (last exit code {}{detail})", t.exit_code)
                })
                .unwrap_or_default();
            let times = if c.restart_count == 1 {
                "time"
            } else {
                "times"
            };
            return Some(format!(
                "CrashLoopBackOff: container {} restarted {} {times}{last}",
                c.name, c.restart_count
            ));
        }
        if STUCK_WAITING_REASONS.contains(&reason) {
            return Some(with_message(reason, message));
        }
    }
    if status.phase.as_deref() == Some("Failed") {
        let why = [status.reason.as_deref(), status.message.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(": ");
        return Some(with_message("Failed", &why));
    }
    None
}

pub(super) fn with_message(reason: &str, message: &str) -> String {
    let message = message.trim();
    if message.is_empty() {
        reason.to_string()
    } else {
        format!("{reason}: {message}")
    }
}

/// A short description of a pod that does not run: its stuck reason, else what it is waiting
/// for (`ContainerCreating`, `not scheduled yet`, `terminating`, the phase).
pub fn pod_state(pod: &Pod) -> String {
    if let Some(reason) = stuck_reason(pod) {
        return reason;
    }
    if pod.metadata.deletion_timestamp.is_some() {
        return "terminating".to_string();
    }
    let waiting = pod
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|l| {
            l.iter()
                .find_map(|c| c.state.as_ref()?.waiting.as_ref()?.reason.clone())
        });
    if let Some(reason) = waiting {
        return reason;
    }
    if !condition_is_true(pod, "PodScheduled") {
        return "not scheduled yet".to_string();
    }
    pod.status
        .as_ref()
        .and_then(|s| s.phase.clone())
        .unwrap_or_else(|| "Pending".to_string())
}
