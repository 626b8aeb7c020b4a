//! The error when a job's pods do not all run in time: per StatefulSet, which pods and why.

use std::collections::HashMap;
use std::time::Duration;

use k8s_openapi::api::core::v1::Event;
use kube::Api;
use kube::api::ListParams;

use crate::cluster::Cluster;
use crate::cluster::errors::human_duration;

use super::pods::with_message;
use super::sets::SetView;

/// Latest Warning event per involved object (`Kind/name`) in the namespace: one list call,
/// only made when the wait times out. Best effort: empty when events cannot be listed.
pub(super) async fn warning_events(cluster: &Cluster) -> HashMap<String, String> {
    let api: Api<Event> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let Ok(list) = api.list(&ListParams::default()).await else {
        return HashMap::new();
    };
    latest_warnings(&list.items)
}

/// Latest Warning event per involved object, keyed `Kind/name`, as `Reason: message`.
pub fn latest_warnings(events: &[Event]) -> HashMap<String, String> {
    let mut latest: HashMap<String, (String, String)> = HashMap::new();
    for event in events {
        if event.type_.as_deref() != Some("Warning") {
            continue;
        }
        let object = &event.involved_object;
        let key = format!(
            "{}/{}",
            object.kind.as_deref().unwrap_or_default(),
            object.name.as_deref().unwrap_or_default()
        );
        let when = event
            .last_timestamp
            .as_ref()
            .map(|t| t.0.to_string())
            .or_else(|| event.event_time.as_ref().map(|t| t.0.to_string()))
            .unwrap_or_default();
        let text = with_message(
            event.reason.as_deref().unwrap_or("Warning"),
            event.message.as_deref().unwrap_or_default(),
        );
        match latest.get(&key) {
            Some((seen, _)) if *seen > when => {}
            _ => {
                latest.insert(key, (when, text));
            }
        }
    }
    latest.into_iter().map(|(k, (_, text))| (k, text)).collect()
}

/// Pods named per group of the same state in the timeout error.
const MAX_NAMED_PODS: usize = 3;

/// The timeout error: per StatefulSet whose pods do not all run, how many do not and why
/// (each pod's state, with its latest Warning event when it is not stuck for a known reason;
/// pods not created yet, with the StatefulSet's latest Warning event).
pub fn timeout_message(
    job_id: &str,
    timeout: Duration,
    views: &[SetView],
    events: &HashMap<String, String>,
) -> String {
    let mut problems = Vec::new();
    for view in views.iter().filter(|v| !v.counts.all_running()) {
        let c = &view.counts;
        // Pods in the same state are grouped, with a few names each, so that a thousand
        // unscheduled pods make one line, not a thousand.
        let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
        for (pod, state) in &view.not_running {
            let known = state.contains(':');
            let text = match events.get(&format!("Pod/{pod}")) {
                Some(event) if !known => format!("{state} ({event})"),
                _ => state.clone(),
            };
            match groups.iter_mut().find(|(t, _)| *t == text) {
                Some((_, pods)) => pods.push(pod),
                None => groups.push((text, vec![pod])),
            }
        }
        let mut why: Vec<String> = groups
            .into_iter()
            .map(|(text, pods)| match pods.as_slice() {
                [one] => format!("{one}: {text}"),
                many => {
                    let shown: Vec<&str> = many.iter().take(MAX_NAMED_PODS).copied().collect();
                    let more = many.len() - shown.len();
                    format!(
                        "{} pods {text} ({}{})",
                        many.len(),
                        shown.join(", "),
                        if more > 0 {
                            format!(" and {more} more")
                        } else {
                            String::new()
                        }
                    )
                }
            })
            .collect();
        if c.created < c.expected {
            let missing = c.expected - c.created;
            let mut text = format!("{missing} not created yet");
            if let Some(event) = events.get(&format!("StatefulSet/{}", view.name)) {
                text.push_str(&format!(" ({event})"));
            }
            why.push(text);
        }
        problems.push(format!(
            "{} of {} pods of statefulset {} are not running: {}",
            c.expected.saturating_sub(c.running),
            c.expected,
            view.name,
            why.join("; ")
        ));
    }
    format!(
        "the pods of job {job_id} did not all run within {}:\n  - {}",
        human_duration(timeout),
        problems.join("\n  - ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::cluster::job_wait::SetCounts;

    #[test]
    fn latest_warning_per_object_wins() {
        let event = |name: &str, kind: &str, reason: &str, at: &str, type_: &str| -> Event {
            serde_json::from_value(json!({
                "metadata": {"name": format!("{name}.{reason}")},
                "involvedObject": {"kind": kind, "name": name},
                "reason": reason, "message": "m", "type": type_, "lastTimestamp": at,
            }))
            .unwrap()
        };
        let latest = latest_warnings(&[
            event("p", "Pod", "FailedMount", "2024-01-01T00:00:02Z", "Warning"),
            event("p", "Pod", "Old", "2024-01-01T00:00:01Z", "Warning"),
            event("p", "Pod", "Pulled", "2024-01-01T00:00:03Z", "Normal"),
        ]);
        assert_eq!(latest["Pod/p"], "FailedMount: m");
        assert_eq!(latest.len(), 1);
    }

    #[test]
    fn timeout_message_groups_pods_in_the_same_state() {
        let view = SetView {
            name: "j-0".to_string(),
            counts: SetCounts {
                expected: 250,
                created: 250,
                scheduled: 1,
                running: 1,
                ready: 1,
                stuck: 1,
            },
            not_running: (0..248)
                .map(|i| (format!("j-0-{i}"), "not scheduled yet".to_string()))
                .chain(std::iter::once((
                    "j-0-248".to_string(),
                    "ImagePullBackOff: nope".to_string(),
                )))
                .collect(),
        };
        let text = timeout_message("j", Duration::from_secs(300), &[view], &HashMap::new());
        assert!(
            text.contains("248 pods not scheduled yet (j-0-0, j-0-1, j-0-2 and 245 more)"),
            "{text}"
        );
        assert!(text.contains("j-0-248: ImagePullBackOff: nope"), "{text}");
        assert!(text.len() < 400, "{text}");
    }
}
