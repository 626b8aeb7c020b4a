//! Everything `describe` shows about one job (`JobDetails`) and the `describe` entry point.
//!
//! One file per section: `objects`, `pods`, `configuration` and `events`.

mod configuration;
mod events;
mod objects;
mod pods;

use jiff::Timestamp;
use k8s_openapi::api::core::v1::Event;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::objects::{JobObjects, group};
use super::summary::JobSummary;
use super::view::View;
use crate::twister2::names::JOB_OBJECT_KEY;
use configuration::configuration;
use events::job_events;
use objects::object_infos;
use pods::pod_infos;

pub use events::EventInfo;
pub use objects::ObjectInfo;
pub use pods::{PodInfo, PodRole, id_ranges};

/// Everything `describe` shows about one job.
#[derive(Debug, Clone, PartialEq)]
pub struct JobDetails {
    /// The `jobs` line.
    pub summary: JobSummary,
    /// Worker class (job description).
    pub worker_class: Option<String>,
    /// Driver class (job description).
    pub driver_class: Option<String>,
    /// Why the job description could not be read, if it could not.
    pub job_object_problem: Option<String>,
    /// The job's objects.
    pub objects: Vec<ObjectInfo>,
    /// Its pods: job master first, then workers by compute resource and ordinal.
    pub pods: Vec<PodInfo>,
    /// Effective configuration highlights, as (label, value).
    pub configuration: Vec<(String, String)>,
    /// The job configuration the workers read (`config_byte_map`), decoded, by key.
    pub job_config: Vec<JobConfigValue>,
    /// The most recent events (at most [`MAX_EVENTS`](super::MAX_EVENTS)), oldest first.
    pub events: Vec<EventInfo>,
    /// How many older events were left out.
    pub older_events: usize,
}

/// The details of job `job_id` in `namespace`, or `None` when no object of it exists.
pub fn describe(
    objects: &JobObjects,
    events: &[Event],
    namespace: &str,
    job_id: &str,
) -> Option<JobDetails> {
    let mut groups = group(objects);
    let g = groups.remove(&(namespace.to_string(), job_id.to_string()))?;
    let view = View::new(namespace.to_string(), job_id.to_string(), g);
    let summary = view.summary();
    let (events, older_events) = job_events(&view, events);
    Some(JobDetails {
        worker_class: view
            .decoded()
            .map(|j| j.worker_class_name.clone())
            .filter(|c| !c.is_empty()),
        driver_class: view
            .decoded()
            .map(|j| j.driver_class_name.clone())
            .filter(|c| !c.is_empty()),
        job_object_problem: match &view.job {
            Some(Err(problem)) => Some(problem.clone()),
            None if view.g.config_map.is_some() => {
                Some(format!("the ConfigMap has no {JOB_OBJECT_KEY} key"))
            }
            _ => None,
        },
        objects: object_infos(&view),
        pods: pod_infos(&view),
        configuration: configuration(&view, &summary),
        job_config: job_config(&view),
        events,
        older_events,
        summary,
    })
}

/// One decoded value of the job configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobConfigValue {
    /// Its key.
    pub key: String,
    /// Its Java class (`java.lang.Integer`, …), or `?` when it cannot be decoded.
    pub class: String,
    /// The value as people read it, or why the pods could not decode it.
    pub value: String,
}

fn job_config(view: &View<'_>) -> Vec<JobConfigValue> {
    let Some(map) = view
        .decoded()
        .and_then(|job| job.config.as_ref())
        .map(|c| &c.config_byte_map)
    else {
        return Vec::new();
    };
    map.iter()
        .map(|(key, bytes)| match crate::twister2::kryo::decode(bytes) {
            Ok(value) => JobConfigValue {
                key: key.clone(),
                class: value.java_class().to_string(),
                value: value.to_string(),
            },
            Err(e) => JobConfigValue {
                key: key.clone(),
                class: "?".to_string(),
                value: format!("undecodable ({e}); the pods skip it and every later entry"),
            },
        })
        .collect()
}

fn created(meta: &ObjectMeta) -> Option<Timestamp> {
    meta.creation_timestamp.as_ref().map(|t| t.0)
}
