//! Pod fixtures through stuck reasons, pod states, StatefulSet grouping and summary lines.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use serde_json::json;

use super::*;

fn pod(value: serde_json::Value) -> Pod {
    serde_json::from_value(value).unwrap()
}

fn running_pod(name: &str, owner: &str, ready: bool) -> Pod {
    pod(json!({
        "metadata": {"name": name, "uid": name,
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": owner, "uid": "u"}]},
        "spec": {"containers": [{"name": "twister2-container-0"}]},
        "status": {
            "phase": "Running",
            "conditions": [
                {"type": "PodScheduled", "status": "True"},
                {"type": "Ready", "status": if ready { "True" } else { "False" }},
            ],
            "containerStatuses": [{"name": "twister2-container-0", "image": "i", "imageID": "",
                "ready": ready, "restartCount": 0, "state": {"running": {}}}],
        },
    }))
}

fn image_pull_pod(name: &str) -> Pod {
    pod(json!({
        "metadata": {"name": name},
        "spec": {"containers": [{"name": "twister2-container-0"}]},
        "status": {
            "phase": "Pending",
            "conditions": [{"type": "PodScheduled", "status": "True"}],
            "containerStatuses": [{"name": "twister2-container-0", "image": "i", "imageID": "",
                "ready": false, "restartCount": 0,
                "state": {"waiting": {"reason": "ImagePullBackOff",
                    "message": "Back-off pulling image \"twister2/nope:1\""}}}],
        },
    }))
}

#[test]
fn unschedulable_pods_carry_the_schedulers_message() {
    let p = pod(json!({
        "metadata": {"name": "j-0-0"},
        "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False",
            "reason": "Unschedulable", "message": "0/3 nodes are available: 3 Insufficient cpu."}]},
    }));
    assert_eq!(
        stuck_reason(&p).unwrap(),
        "Unschedulable: 0/3 nodes are available: 3 Insufficient cpu."
    );
    assert_eq!(pod_state(&p), stuck_reason(&p).unwrap());
}

#[test]
fn image_pull_errors_carry_their_message() {
    assert_eq!(
        stuck_reason(&image_pull_pod("j-0-0")).unwrap(),
        "ImagePullBackOff: Back-off pulling image \"twister2/nope:1\""
    );
    let err = pod(json!({
        "metadata": {"name": "j-jm-0"},
        "status": {"phase": "Pending", "containerStatuses": [{"name": "c", "image": "i",
            "imageID": "", "ready": false, "restartCount": 0,
            "state": {"waiting": {"reason": "ErrImagePull"}}}]},
    }));
    assert_eq!(stuck_reason(&err).unwrap(), "ErrImagePull");
}

#[test]
fn crash_loops_report_restarts_and_last_exit() {
    let p = pod(json!({
        "metadata": {"name": "j-0-0"},
        "status": {"phase": "Running", "containerStatuses": [{"name": "twister2-container-0",
            "image": "i", "imageID": "", "ready": false, "restartCount": 4,
            "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 40s"}},
            "lastState": {"terminated": {"exitCode": 1, "reason": "Error"}}}]},
    }));
    assert_eq!(
        stuck_reason(&p).unwrap(),
        "CrashLoopBackOff: container twister2-container-0 restarted 4 times (last exit code 1: Error)"
    );
    assert!(!pod_runs(&p));
}

#[test]
fn pods_on_their_way_are_not_stuck() {
    let creating = pod(json!({
        "metadata": {"name": "j-0-0"},
        "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "True"}],
            "containerStatuses": [{"name": "c", "image": "i", "imageID": "", "ready": false,
            "restartCount": 0, "state": {"waiting": {"reason": "ContainerCreating"}}}]},
    }));
    assert_eq!(stuck_reason(&creating), None);
    assert_eq!(pod_state(&creating), "ContainerCreating");
    let fresh = pod(json!({"metadata": {"name": "j-0-0"}, "status": {"phase": "Pending"}}));
    assert_eq!(pod_state(&fresh), "not scheduled yet");
    let evicted = pod(json!({"metadata": {"name": "j-0-0"},
        "status": {"phase": "Failed", "reason": "Evicted", "message": "low on memory"}}));
    assert_eq!(
        stuck_reason(&evicted).unwrap(),
        "Failed: Evicted: low on memory"
    );
}

#[test]
fn running_means_every_container_started() {
    assert!(pod_runs(&running_pod("j-0-0", "j-0", false)));
    let mut half = running_pod("j-0-0", "j-0", false);
    if let Some(spec) = half.spec.as_mut() {
        spec.containers.push(Default::default());
    }
    assert!(!pod_runs(&half));
}

#[test]
fn pods_are_grouped_by_owner_or_name() {
    assert_eq!(
        statefulset_of(&running_pod("x", "j-1", true), "j").as_deref(),
        Some("j-1")
    );
    let named = |n: &str| pod(json!({"metadata": {"name": n}}));
    assert_eq!(
        statefulset_of(&named("j-jm-0"), "j").as_deref(),
        Some("j-jm")
    );
    assert_eq!(
        statefulset_of(&named("j-2-13"), "j").as_deref(),
        Some("j-2")
    );
    assert_eq!(statefulset_of(&named("j-x-1"), "j"), None);
}

#[test]
fn summary_lines_count_and_name_the_stuck() {
    let sets = vec![
        ExpectedSet {
            name: "j-jm".into(),
            pods: 1,
        },
        ExpectedSet {
            name: "j-0".into(),
            pods: 4,
        },
    ];
    let mut pods = BTreeMap::new();
    pods.insert("j-jm-0".to_string(), running_pod("j-jm-0", "j-jm", true));
    pods.insert("j-0-0".to_string(), running_pod("j-0-0", "j-0", true));
    pods.insert("j-0-1".to_string(), running_pod("j-0-1", "j-0", false));
    pods.insert("j-0-2".to_string(), image_pull_pod("j-0-2"));
    let views = summarize(&sets, &pods, "j");
    assert_eq!(views[0].line(), "1/1 running (1/1 ready)");
    assert_eq!(
        views[1].line(),
        "3/4 scheduled, 2/4 running, 1/4 ready, 1 not created yet, 1 stuck (ImagePullBackOff)"
    );
    let mut events = HashMap::new();
    events.insert(
        "StatefulSet/j-0".to_string(),
        "FailedCreate: exceeded quota".to_string(),
    );
    let message = timeout_message("j", Duration::from_secs(300), &views, &events);
    assert_eq!(
        message,
        "the pods of job j did not all run within 5m:\n  - 2 of 4 pods of statefulset j-0 \
         are not running: j-0-2: ImagePullBackOff: Back-off pulling image \
         \"twister2/nope:1\"; 1 not created yet (FailedCreate: exceeded quota)"
    );
}
