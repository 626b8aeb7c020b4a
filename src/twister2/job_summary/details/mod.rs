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

use super::JOB_OBJECT_KEY;
use super::objects::{JobObjects, group};
use super::summary::JobSummary;
use super::view::View;
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
        events,
        older_events,
        summary,
    })
}

fn created(meta: &ObjectMeta) -> Option<Timestamp> {
    meta.creation_timestamp.as_ref().map(|t| t.0)
}
