//! Twister2's kill protocol (§6.1), for several jobs at once: set `KILL_JOB=true` in each job's
//! ConfigMap, watch (kube-runtime watchers, one per kind for all jobs) for the job masters to
//! delete their jobs' objects within the time limit, delete whatever is left, and remove the job
//! packages from the uploader pods through the exec API.
//!
//! The signal is a JSON merge patch `{"data": {"KILL_JOB": "true"}}`: the job master only looks
//! for a non-null `KILL_JOB` entry, and unlike Twister2's JSON patch `add /data/KILL_JOB` it
//! also works on a ConfigMap without `data`.
//!
//! Compat (plugin additions): `--keep-data` keeps the job's claim. Twister2's job master deletes
//! claim `<jobID>` when it handles a kill, so for a job with a claim `--keep-data` sends no
//! signal and deletes the other objects directly. A job whose ConfigMap is already gone has no
//! job master left to answer, so it is cleaned up at once instead of after the time limit.
//! Package removal runs `rm -f PATH` as an argv (Twister2 runs `bash -c "rm PATH"`), and is skipped
//! for jobs that use the direct upload method.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::time::Duration;

use anyhow::{Result, anyhow};
use futures::stream::{BoxStream, SelectAll};
use futures::{StreamExt, future};
use k8s_openapi::NamespaceResourceScope;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{ConfigMap, PersistentVolumeClaim, Pod, Service};
use k8s_openapi::api::networking::v1::Ingress;
use kube::api::{Api, Patch, PatchParams};
use kube::runtime::{WatchStreamExt, watcher};
use serde::de::DeserializeOwned;
use tokio::sync::watch;
use tokio::time::Instant;

use crate::cluster::Cluster;
use crate::cluster::errors::human_duration;
use crate::cluster::exec::exec;
use crate::cluster::objects::{self, ObjectRef};
use crate::manifests::labels::{JOB, MANAGER};
use crate::manifests::uploader;
use crate::twister2::job_summary::{JobObjects, KILL_JOB_KEY, env_value, job_of};

/// How to kill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KillOptions {
    /// How long the job masters get to clean up before the plugin deletes what is left.
    pub timeout: Duration,
    /// Keep the jobs' claims.
    pub keep_data: bool,
}

/// The kinds of a job's objects that a kill removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Worker and job-master StatefulSets.
    StatefulSet,
    /// Worker, job-master and exposure Services.
    Service,
    /// The Ingress of `--expose ingress`.
    Ingress,
    /// The ConfigMap `<jobID>`.
    ConfigMap,
    /// The claim `<jobID>`.
    PersistentVolumeClaim,
}

impl Kind {
    fn api_version_and_kind(self) -> (&'static str, &'static str) {
        match self {
            Kind::StatefulSet => ("apps/v1", "StatefulSet"),
            Kind::Service => ("v1", "Service"),
            Kind::Ingress => ("networking.k8s.io/v1", "Ingress"),
            Kind::ConfigMap => ("v1", "ConfigMap"),
            Kind::PersistentVolumeClaim => ("v1", "PersistentVolumeClaim"),
        }
    }
}

/// One object of a job.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Owned {
    /// Its kind.
    pub kind: Kind,
    /// Its name.
    pub name: String,
}

impl std::fmt::Display for Owned {
    /// `statefulset/x`, `persistentvolumeclaim/x`, as kubectl names them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (_, kind) = self.kind.api_version_and_kind();
        write!(f, "{}/{}", kind.to_lowercase(), self.name)
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
}

impl JobToKill {
    fn has_claim(&self) -> bool {
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
        });
        if kind == Kind::ConfigMap && name == job_id {
            job.has_config_map = true;
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
            .and_then(|c| env_value(c, "UPLOAD_METHOD"));
        if let (Some(job_id), Some(method)) = (job_of(&sts.metadata), method)
            && let Some(job) = jobs.get_mut(&job_id)
        {
            job.upload_method.get_or_insert_with(|| method.to_string());
        }
    }
    jobs
}

/// How a job's objects went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleanup {
    /// Its job master deleted them after the signal.
    JobMaster,
    /// Its job master did not finish within the time limit; the plugin deleted the rest.
    AfterTimeout,
    /// The plugin deleted them without signalling (no ConfigMap, `--keep-data` with a claim, or
    /// the signal could not be sent).
    Direct,
}

/// What happened to one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KillReport {
    /// The jobID.
    pub job_id: String,
    /// Who removed its objects.
    pub cleanup: Cleanup,
    /// Objects the plugin deleted itself.
    pub deleted: Vec<String>,
    /// Objects kept (`--keep-data`).
    pub kept: Vec<String>,
    /// Uploader pods the package was removed from.
    pub package_removed_from: Vec<String>,
}

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

/// What the watchers know, shared with the per-job tasks.
#[derive(Debug, Clone, Default)]
struct Watched {
    /// Objects of each job still present.
    left: BTreeMap<String, BTreeSet<Owned>>,
    /// The last watch error, if any.
    problem: Option<String>,
}

/// Kill `jobs` (all in the cluster's namespace), concurrently. `uploader_pods` are the pods of
/// the package web server. Returns one result per job, in the order given.
pub async fn kill_jobs(
    cluster: &Cluster,
    jobs: &[JobToKill],
    uploader_pods: &[Pod],
    opts: KillOptions,
    on_step: OnStep<'_>,
) -> Vec<Result<KillReport>> {
    let namespace = cluster.namespace.as_str();
    let uploaders: Vec<String> = uploader_pods
        .iter()
        .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
        .filter_map(|p| p.metadata.name.clone())
        .collect();
    let (tx, rx) = watch::channel(Watched {
        left: jobs
            .iter()
            .map(|j| (j.job_id.clone(), j.objects.clone()))
            .collect(),
        problem: None,
    });
    let deadline = Instant::now() + opts.timeout;
    // The watch streams do not end; if they ever did, the kills still run to their deadline.
    let tracker = async {
        track(cluster, namespace, jobs, &tx, on_step).await;
        future::pending::<()>().await;
    };
    let kills = future::join_all(jobs.iter().map(|job| {
        kill_one(
            cluster,
            namespace,
            job,
            &uploaders,
            opts,
            deadline,
            rx.clone(),
            on_step,
        )
    }));
    tokio::select! {
        results = kills => results,
        () = tracker => Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn kill_one(
    cluster: &Cluster,
    namespace: &str,
    job: &JobToKill,
    uploaders: &[String],
    opts: KillOptions,
    deadline: Instant,
    mut rx: watch::Receiver<Watched>,
    on_step: OnStep<'_>,
) -> Result<KillReport> {
    let id = job.job_id.as_str();
    let keep_claim = opts.keep_data && job.has_claim();
    let mut left = job.objects.clone();
    let cleanup = if keep_claim {
        on_step(
            id,
            Step::NotSignalled(format!(
                "keeping claim {id}: not signalling the job master (Twister2's job master deletes \
the claim); deleting the other objects directly"
            )),
        );
        Cleanup::Direct
    } else if !job.has_config_map {
        on_step(
            id,
            Step::NotSignalled(
                "ConfigMap gone: no job master to signal; deleting what is left".to_string(),
            ),
        );
        Cleanup::Direct
    } else {
        match signal(cluster, namespace, id).await {
            Ok(true) => {
                on_step(
                    id,
                    Step::Signalled {
                        timeout: opts.timeout,
                    },
                );
                let finished = tokio::time::timeout_at(
                    deadline,
                    rx.wait_for(|w| w.left.get(id).is_none_or(BTreeSet::is_empty)),
                )
                .await
                .is_ok_and(|r| r.is_ok());
                let watched = rx.borrow().clone();
                left = watched.left.get(id).cloned().unwrap_or_default();
                if finished && left.is_empty() {
                    on_step(id, Step::CleanedUpByJobMaster);
                    Cleanup::JobMaster
                } else {
                    on_step(
                        id,
                        Step::TimedOut {
                            timeout: opts.timeout,
                            left: left.len(),
                            watch_problem: watched.problem,
                        },
                    );
                    Cleanup::AfterTimeout
                }
            }
            Ok(false) => {
                on_step(
                    id,
                    Step::NotSignalled(
                        "ConfigMap gone: no job master to signal; deleting what is left"
                            .to_string(),
                    ),
                );
                Cleanup::Direct
            }
            Err(why) => {
                on_step(
                    id,
                    Step::NotSignalled(format!(
                        "cannot signal the job master ({why}); deleting the objects directly"
                    )),
                );
                Cleanup::Direct
            }
        }
    };
    let (kept, to_delete): (Vec<Owned>, Vec<Owned>) = left
        .into_iter()
        .partition(|o| keep_claim && o.kind == Kind::PersistentVolumeClaim);
    let mut problems = Vec::new();
    if !to_delete.is_empty() {
        on_step(
            id,
            Step::Deleting {
                count: to_delete.len(),
            },
        );
    }
    let deletions = future::join_all(to_delete.iter().map(|o| delete(cluster, namespace, o))).await;
    let mut deleted = Vec::new();
    for (object, result) in to_delete.iter().zip(deletions) {
        match result {
            Ok(true) => deleted.push(object.to_string()),
            Ok(false) => {}
            Err(e) => problems.push(format!("cannot delete {object}: {e}")),
        }
    }
    let mut package_removed_from = Vec::new();
    if job.upload_method.as_deref() != Some("client-to-pods") && !uploaders.is_empty() {
        on_step(
            id,
            Step::RemovingPackage {
                pods: uploaders.len(),
            },
        );
        let path = uploader::package_path(id);
        let removals = future::join_all(
            uploaders
                .iter()
                .map(|pod| remove_package(cluster, pod, &path)),
        )
        .await;
        for (pod, result) in uploaders.iter().zip(removals) {
            match result {
                Ok(()) => package_removed_from.push(pod.clone()),
                Err(e) => problems.push(format!(
                    "cannot remove the job package {path} from uploader pod {pod}: {e}"
                )),
            }
        }
    }
    if !problems.is_empty() {
        return Err(anyhow!(problems.join("; ")));
    }
    Ok(KillReport {
        job_id: id.to_string(),
        cleanup,
        deleted,
        kept: kept.iter().map(ToString::to_string).collect(),
        package_removed_from,
    })
}

/// Set `KILL_JOB=true` in ConfigMap `<jobID>`; `Ok(false)` when the ConfigMap is gone.
async fn signal(cluster: &Cluster, namespace: &str, job_id: &str) -> Result<bool> {
    let api: Api<ConfigMap> = Api::namespaced(cluster.client.clone(), namespace);
    let patch = serde_json::json!({ "data": { KILL_JOB_KEY: "true" } });
    let params = PatchParams {
        field_manager: Some(MANAGER.to_string()),
        ..PatchParams::default()
    };
    match api.patch(job_id, &params, &Patch::Merge(&patch)).await {
        Ok(_) => Ok(true),
        Err(kube::Error::Api(status)) if status.code == 404 => Ok(false),
        Err(e) => Err(cluster.explain(e)),
    }
}

/// Delete one object; `Ok(false)` when it was already gone.
async fn delete(cluster: &Cluster, namespace: &str, object: &Owned) -> Result<bool> {
    let (api_version, kind) = object.kind.api_version_and_kind();
    let target = ObjectRef {
        kind: objects::kind_info(api_version, kind)?,
        namespace: Some(namespace.to_string()),
        name: object.name.clone(),
    };
    objects::delete(cluster, &target, true)
        .await
        .map_err(|e| cluster.explain(e))
}

/// `rm -f PATH` in the uploader container of `pod`, as an argv (no shell).
async fn remove_package(cluster: &Cluster, pod: &str, path: &str) -> Result<()> {
    let outcome = exec(cluster, pod, uploader::CONTAINER, &["rm", "-f", path], None).await?;
    if outcome.success() {
        Ok(())
    } else {
        Err(anyhow!("rm -f {path} {}", outcome.failure_text()))
    }
}

/// What one watcher saw.
enum Seen {
    Init,
    Present(String, String),
    InitDone,
    Gone(String, String),
    Problem(String),
}

fn watch_kind<K>(api: Api<K>, selector: &str, kind: Kind) -> BoxStream<'static, (Kind, Seen)>
where
    K: kube::Resource<DynamicType = ()> + Clone + DeserializeOwned + Debug + Send + 'static,
{
    let ident = |o: &K| {
        let meta = o.meta();
        (
            job_of(meta).unwrap_or_default(),
            meta.name.clone().unwrap_or_default(),
        )
    };
    watcher(api, watcher::Config::default().labels(selector))
        .default_backoff()
        .map(move |event| {
            let seen = match event {
                Ok(watcher::Event::Init) => Seen::Init,
                Ok(watcher::Event::InitApply(o)) | Ok(watcher::Event::Apply(o)) => {
                    let (job, name) = ident(&o);
                    Seen::Present(job, name)
                }
                Ok(watcher::Event::InitDone) => Seen::InitDone,
                Ok(watcher::Event::Delete(o)) => {
                    let (job, name) = ident(&o);
                    Seen::Gone(job, name)
                }
                Err(e) => Seen::Problem(e.to_string()),
            };
            (kind, seen)
        })
        .boxed()
}

fn namespaced<K>(cluster: &Cluster, namespace: &str) -> Api<K>
where
    K: kube::Resource<Scope = NamespaceResourceScope, DynamicType = ()>,
{
    Api::namespaced(cluster.client.clone(), namespace)
}

/// Follow the deletion of the jobs' objects: one watcher per kind present, for every job at
/// once (`t2-job in (…)`), publishing what is left through `tx`.
async fn track(
    cluster: &Cluster,
    namespace: &str,
    jobs: &[JobToKill],
    tx: &watch::Sender<Watched>,
    on_step: OnStep<'_>,
) {
    let kinds: BTreeSet<Kind> = jobs
        .iter()
        .flat_map(|j| j.objects.iter().map(|o| o.kind))
        .collect();
    if kinds.is_empty() {
        return future::pending().await;
    }
    let ids: Vec<String> = jobs.iter().map(|j| j.job_id.clone()).collect();
    let selector = if ids.len() == 1 {
        format!("{JOB}={}", ids[0])
    } else {
        format!("{JOB} in ({})", ids.join(","))
    };
    let mut streams: SelectAll<BoxStream<'static, (Kind, Seen)>> = SelectAll::new();
    for kind in &kinds {
        let stream = match kind {
            Kind::StatefulSet => watch_kind(
                namespaced::<StatefulSet>(cluster, namespace),
                &selector,
                *kind,
            ),
            Kind::Service => {
                watch_kind(namespaced::<Service>(cluster, namespace), &selector, *kind)
            }
            Kind::Ingress => {
                watch_kind(namespaced::<Ingress>(cluster, namespace), &selector, *kind)
            }
            Kind::ConfigMap => watch_kind(
                namespaced::<ConfigMap>(cluster, namespace),
                &selector,
                *kind,
            ),
            Kind::PersistentVolumeClaim => watch_kind(
                namespaced::<PersistentVolumeClaim>(cluster, namespace),
                &selector,
                *kind,
            ),
        };
        streams.push(stream);
    }
    // Objects each watcher listed since its last (re)start.
    let mut listing: BTreeMap<Kind, BTreeSet<(String, String)>> = BTreeMap::new();
    while let Some((kind, seen)) = streams.next().await {
        let mut changed: Vec<(String, usize)> = Vec::new();
        match seen {
            Seen::Init => {
                listing.insert(kind, BTreeSet::new());
            }
            Seen::Present(job, name) => {
                if let Some(present) = listing.get_mut(&kind) {
                    present.insert((job, name));
                }
            }
            Seen::InitDone => {
                let present = listing.remove(&kind).unwrap_or_default();
                tx.send_modify(|w| {
                    for (job, left) in &mut w.left {
                        let before = left.len();
                        left.retain(|o| {
                            o.kind != kind || present.contains(&(job.clone(), o.name.clone()))
                        });
                        if left.len() != before {
                            changed.push((job.clone(), left.len()));
                        }
                    }
                });
            }
            Seen::Gone(job, name) => {
                tx.send_modify(|w| {
                    if let Some(left) = w.left.get_mut(&job)
                        && left.remove(&Owned { kind, name })
                    {
                        changed.push((job.clone(), left.len()));
                    }
                });
            }
            Seen::Problem(problem) => {
                tx.send_modify(|w| w.problem = Some(problem));
            }
        }
        for (job, left) in changed {
            if left > 0 {
                on_step(&job, Step::Waiting { left });
            }
        }
    }
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
        assert!(
            Step::Signalled {
                timeout: Duration::from_secs(15)
            }
            .to_string()
            .contains("KILL_JOB=true")
        );
    }
}
