//! The recent events `describe` shows: those about the job's pods and StatefulSets (`EventInfo`).

use std::collections::BTreeSet;

use jiff::Timestamp;
use k8s_openapi::api::core::v1::Event;

use super::created;
use crate::twister2::job_summary::MAX_EVENTS;
use crate::twister2::job_summary::view::View;

/// One recent event about a pod or StatefulSet of the job.
#[derive(Debug, Clone, PartialEq)]
pub struct EventInfo {
    /// When it was last seen.
    pub last_seen: Option<Timestamp>,
    /// `Normal` or `Warning`.
    pub type_: String,
    /// Reason.
    pub reason: String,
    /// `pod/<name>`, `statefulset/<name>`.
    pub object: String,
    /// How many times it happened.
    pub count: i32,
    /// Message.
    pub message: String,
}

fn event_time(event: &Event) -> Option<Timestamp> {
    event
        .last_timestamp
        .as_ref()
        .map(|t| t.0)
        .or_else(|| event.event_time.as_ref().map(|t| t.0))
        .or_else(|| event.first_timestamp.as_ref().map(|t| t.0))
        .or_else(|| created(&event.metadata))
}

/// Events whose involved object is one of the job's pods or StatefulSets, the most recent
/// [`MAX_EVENTS`] oldest first, and how many older ones were dropped.
pub(super) fn job_events(view: &View<'_>, events: &[Event]) -> (Vec<EventInfo>, usize) {
    let mut involved: BTreeSet<(&'static str, &str)> = BTreeSet::new();
    for pod in &view.g.pods {
        if let Some(name) = pod.metadata.name.as_deref() {
            involved.insert(("Pod", name));
        }
    }
    for sts in &view.g.stateful_sets {
        if let Some(name) = sts.metadata.name.as_deref() {
            involved.insert(("StatefulSet", name));
        }
    }
    let mut matching: Vec<EventInfo> = events
        .iter()
        .filter(|e| {
            let o = &e.involved_object;
            let ns_ok = o
                .namespace
                .as_deref()
                .or(e.metadata.namespace.as_deref())
                .is_none_or(|ns| ns == view.namespace);
            let kind = o.kind.as_deref().unwrap_or_default();
            let name = o.name.as_deref().unwrap_or_default();
            ns_ok && involved.iter().any(|(k, n)| *k == kind && *n == name)
        })
        .map(|e| {
            let o = &e.involved_object;
            EventInfo {
                last_seen: event_time(e),
                type_: e.type_.clone().unwrap_or_else(|| "Normal".to_string()),
                reason: e.reason.clone().unwrap_or_default(),
                object: format!(
                    "{}/{}",
                    o.kind.as_deref().unwrap_or_default().to_lowercase(),
                    o.name.as_deref().unwrap_or_default()
                ),
                count: e.count.unwrap_or(1),
                message: e.message.clone().unwrap_or_default().trim().to_string(),
            }
        })
        .collect();
    matching.sort_by_key(|a| a.last_seen);
    let older = matching.len().saturating_sub(MAX_EVENTS);
    (matching.split_off(older), older)
}
