//! What a kill targets: a job's objects by kind, gathered from a listing, and the jobs chosen
//! by jobID or `--all`.

use std::collections::{BTreeMap, BTreeSet};

pub use crate::manifests::kinds::Kind;
use crate::twister2::job_summary::{JobObjects, env_value, job_of};
use crate::twister2::names::env;

/// One object of a job.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Owned {
    /// Its kind (one of [`JOB_KINDS`](crate::manifests::kinds::JOB_KINDS)).
    pub kind: Kind,
    /// Its name.
    pub name: String,
}

impl std::fmt::Display for Owned {
    /// `statefulset/x`, `persistentvolumeclaim/x`, as kubectl names them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{}",
            self.kind.resource().kind.to_lowercase(),
            self.name
        )
    }
}

/// A job about to be killed: what the listing found labelled `t2-job=<jobID>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobToKill {
    /// The jobID.
    pub job_id: String,
    /// Its objects (pods excluded: their StatefulSets own them).
    pub objects: BTreeSet<Owned>,
    /// Whether ConfigMap `<jobID>` exists (so its job master can be told to end the job).
    pub has_config_map: bool,
    /// `UPLOAD_METHOD` of its pods (`webserver`, `client-to-pods`), if known.
    pub upload_method: Option<String>,
    /// The S3 object of its package: annotation `twister2.org/package` of ConfigMap `<jobID>`
    /// (jobs submitted with the S3 upload method).
    pub s3_package: Option<String>,
}

impl JobToKill {
    pub(super) fn has_claim(&self) -> bool {
        self.objects
            .iter()
            .any(|o| o.kind == Kind::PersistentVolumeClaim)
    }
}

/// The jobs found in `objects` (one namespace), by jobID.
pub fn plan(objects: &JobObjects) -> BTreeMap<String, JobToKill> {
    let mut jobs: BTreeMap<String, JobToKill> = BTreeMap::new();
    let mut add = |meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
                   kind: Kind| {
        let (Some(job_id), Some(name)) = (job_of(meta), meta.name.clone()) else {
            return;
        };
        let job = jobs.entry(job_id.clone()).or_insert_with(|| JobToKill {
            job_id: job_id.clone(),
            objects: BTreeSet::new(),
            has_config_map: false,
            upload_method: None,
            s3_package: None,
        });
        if kind == Kind::ConfigMap && name == job_id {
            job.has_config_map = true;
            job.s3_package = meta
                .annotations
                .as_ref()
                .and_then(|a| a.get(crate::twister2::names::PACKAGE_ANNOTATION))
                .cloned();
        }
        job.objects.insert(Owned { kind, name });
    };
    for o in &objects.stateful_sets {
        add(&o.metadata, Kind::StatefulSet);
    }
    for o in &objects.services {
        add(&o.metadata, Kind::Service);
    }
    for o in &objects.ingresses {
        add(&o.metadata, Kind::Ingress);
    }
    for o in &objects.config_maps {
        add(&o.metadata, Kind::ConfigMap);
    }
    for o in &objects.persistent_volume_claims {
        add(&o.metadata, Kind::PersistentVolumeClaim);
    }
    for sts in &objects.stateful_sets {
        let method = sts
            .spec
            .as_ref()
            .and_then(|s| s.template.spec.as_ref())
            .and_then(|ps| ps.containers.first())
            .and_then(|c| env_value(c, env::UPLOAD_METHOD));
        if let (Some(job_id), Some(method)) = (job_of(&sts.metadata), method)
            && let Some(job) = jobs.get_mut(&job_id)
        {
            job.upload_method.get_or_insert_with(|| method.to_string());
        }
    }
    jobs
}

/// The jobs of `objects` among `wanted`, and the jobIDs of `wanted` that have no object.
pub fn select(objects: &JobObjects, wanted: &[String]) -> (Vec<JobToKill>, Vec<String>) {
    let mut planned = plan(objects);
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for id in wanted {
        match planned.remove(id) {
            Some(job) => found.push(job),
            None if found.iter().any(|j: &JobToKill| &j.job_id == id) => {}
            None => missing.push(id.clone()),
        }
    }
    (found, missing)
}

/// Every job of `objects` (`--all`): the jobs `jobs` lists, i.e. not the claims that finished
/// jobs left behind (Twister2's job master keeps the claim of a failed checkpointing job so it
/// can be restarted); name such a job to delete its claim.
pub fn all_jobs(objects: &JobObjects) -> Vec<JobToKill> {
    plan(objects)
        .into_values()
        .filter(|j| {
            j.objects
                .iter()
                .any(|o| o.kind != Kind::PersistentVolumeClaim)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifests::job::{self as job_manifests, variants};

    fn objects_of(spec: &crate::twister2::spec::JobSpec) -> JobObjects {
        let rendered = job_manifests::render(spec);
        JobObjects {
            config_maps: vec![rendered.config_map.clone()],
            stateful_sets: std::iter::once(rendered.job_master.clone())
                .chain(rendered.workers.iter().cloned())
                .collect(),
            services: std::iter::once(rendered.worker_service.clone())
                .chain(std::iter::once(rendered.job_master_service.clone()))
                .chain(rendered.exposure.services.iter().cloned())
                .collect(),
            ingresses: rendered.exposure.ingress.iter().cloned().collect(),
            pods: Vec::new(),
            persistent_volume_claims: rendered.persistent_volume_claim.iter().cloned().collect(),
        }
    }

    fn names(job: &JobToKill) -> Vec<String> {
        job.objects.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn plan_collects_every_object_of_a_job() {
        let jobs = plan(&objects_of(&variants::persistent()));
        let job = &jobs[variants::ID];
        assert!(job.has_config_map);
        assert!(job.has_claim());
        assert_eq!(job.upload_method.as_deref(), Some("webserver"));
        assert_eq!(
            names(job),
            [
                "statefulset/u-hello-36cz77mu-0",
                "statefulset/u-hello-36cz77mu-jm",
                "service/u-hello-36cz77mu",
                "service/u-hello-36cz77mu-jm",
                "configmap/u-hello-36cz77mu",
                "persistentvolumeclaim/u-hello-36cz77mu",
            ]
        );
    }

    #[test]
    fn plan_includes_ingress_objects_and_direct_upload() {
        let jobs = plan(&objects_of(&variants::ingress()));
        assert!(names(&jobs[variants::ID]).contains(&"ingress/u-hello-36cz77mu".to_string()));
        let jobs = plan(&objects_of(&variants::spread()));
        assert_eq!(
            jobs[variants::ID].upload_method.as_deref(),
            Some("client-to-pods")
        );
    }

    #[test]
    fn plan_finds_the_s3_package_of_an_s3_job() {
        let jobs = plan(&objects_of(&variants::s3()));
        assert_eq!(
            jobs[variants::ID].s3_package.as_deref(),
            Some("s3://twister2-jobs/team-a/u-hello-36cz77mu.tar.gz")
        );
        assert_eq!(
            jobs[variants::ID].upload_method.as_deref(),
            Some("webserver")
        );
        let jobs = plan(&objects_of(&variants::plain()));
        assert_eq!(jobs[variants::ID].s3_package, None);
    }

    #[test]
    fn a_job_without_its_configmap_cannot_be_signalled() {
        let mut objects = objects_of(&variants::plain());
        objects.config_maps.clear();
        let jobs = plan(&objects);
        assert!(!jobs[variants::ID].has_config_map);
        assert_eq!(jobs[variants::ID].objects.len(), 4);
    }

    #[test]
    fn select_splits_found_and_missing_and_ignores_repeats() {
        let objects = objects_of(&variants::plain());
        let wanted = vec![
            variants::ID.to_string(),
            "u-nope-1".to_string(),
            variants::ID.to_string(),
        ];
        let (found, missing) = select(&objects, &wanted);
        assert_eq!(found.len(), 1);
        assert_eq!(missing, ["u-nope-1"]);
        assert_eq!(all_jobs(&objects).len(), 1);
    }

    #[test]
    fn all_leaves_claims_of_finished_jobs_alone() {
        let mut objects = objects_of(&variants::persistent());
        objects.config_maps.clear();
        objects.stateful_sets.clear();
        objects.services.clear();
        assert!(all_jobs(&objects).is_empty());
        let (found, missing) = select(&objects, &[variants::ID.to_string()]);
        assert_eq!(names(&found[0]), ["persistentvolumeclaim/u-hello-36cz77mu"]);
        assert!(missing.is_empty());
    }
}
