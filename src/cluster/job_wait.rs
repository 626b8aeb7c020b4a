//! Waiting on a submitted job through watches: until every pod of its StatefulSets runs (a live
//! line per StatefulSet, the reasons pods are stuck as they appear, a timeout error naming what
//! is missing and why), and until it ends (its ConfigMap is gone), with the outcome its
//! ConfigMap showed on the way.

use std::collections::{BTreeMap, HashMap};
use std::pin::pin;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use futures::StreamExt;
use k8s_openapi::api::core::v1::{ConfigMap, Event, Pod};
use kube::Api;
use kube::api::ListParams;
use kube::runtime::{WatchStreamExt, watcher};

use crate::cluster::Cluster;
use crate::cluster::errors::{explain, explain_status, human_duration};
use crate::manifests::job::{job_master_name, worker_statefulset_name};
use crate::output::progress::Progress;
use crate::twister2::job_id::parse_worker_pod_name;
use crate::twister2::spec::JobSpec;

// ---------------------------------------------------------------------------------------------
// Watch errors (shared with the direct upload)
// ---------------------------------------------------------------------------------------------

/// Whether a watch error will not go away by retrying (the credentials or rights are missing).
pub(crate) fn is_fatal_watch_error(error: &watcher::Error) -> bool {
    let code = match error {
        watcher::Error::InitialListFailed(e)
        | watcher::Error::WatchStartFailed(e)
        | watcher::Error::WatchFailed(e) => match e {
            kube::Error::Api(status) => status.code,
            _ => return false,
        },
        watcher::Error::WatchError(status) => status.code,
        watcher::Error::NoResourceVersion => return false,
    };
    code == 401 || code == 403
}

/// A readable message for a watch error.
pub(crate) fn watch_error_text(cluster: &Cluster, error: &watcher::Error) -> String {
    match error {
        watcher::Error::InitialListFailed(e)
        | watcher::Error::WatchStartFailed(e)
        | watcher::Error::WatchFailed(e) => explain(e, &cluster.scope()),
        watcher::Error::WatchError(status) => explain_status(
            status.code,
            &status.reason,
            &status.message,
            &cluster.scope(),
        ),
        watcher::Error::NoResourceVersion => error.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Pods: which StatefulSet, running or not, and why not
// ---------------------------------------------------------------------------------------------

/// A StatefulSet of a job and how many pods it should run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedSet {
    /// `<jobID>-jm` or `<jobID>-<index>`.
    pub name: String,
    /// Replicas.
    pub pods: u32,
}

/// The job master's StatefulSet (one pod), then one per compute resource, in index order.
pub fn expected_sets(job: &JobSpec) -> Vec<ExpectedSet> {
    let mut sets = vec![ExpectedSet {
        name: job_master_name(&job.job_id),
        pods: 1,
    }];
    sets.extend(job.compute_resources.iter().map(|cr| ExpectedSet {
        name: worker_statefulset_name(&job.job_id, cr.index),
        pods: cr.instances,
    }));
    sets
}

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

fn condition_is_true(pod: &Pod, kind: &str) -> bool {
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

fn with_message(reason: &str, message: &str) -> String {
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

/// Pod counts of one StatefulSet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetCounts {
    /// Replicas wanted.
    pub expected: u32,
    /// Pods that exist.
    pub created: u32,
    /// Pods bound to a node.
    pub scheduled: u32,
    /// Pods whose containers all run.
    pub running: u32,
    /// Pods that are Ready.
    pub ready: u32,
    /// Pods that are stuck (see [`stuck_reason`]).
    pub stuck: u32,
}

impl SetCounts {
    /// Every wanted pod runs.
    pub fn all_running(&self) -> bool {
        self.running >= self.expected
    }
}

/// One StatefulSet as seen now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetView {
    /// StatefulSet name.
    pub name: String,
    /// Counts.
    pub counts: SetCounts,
    /// Existing pods that do not run: (pod name, [`pod_state`]), by name.
    pub not_running: Vec<(String, String)>,
}

impl SetView {
    /// The progress text: `2/4 scheduled, 1/4 running, 0/4 ready`, plus the stuck pods'
    /// first reason, or `4/4 running (3/4 ready)` when done.
    pub fn line(&self) -> String {
        let c = &self.counts;
        let n = c.expected;
        if c.all_running() {
            return format!("{}/{n} running ({}/{n} ready)", c.running, c.ready);
        }
        let mut text = format!(
            "{}/{n} scheduled, {}/{n} running, {}/{n} ready",
            c.scheduled, c.running, c.ready
        );
        if c.created < n {
            text.push_str(&format!(", {} not created yet", n - c.created));
        }
        if c.stuck > 0 {
            let first = self
                .not_running
                .iter()
                .map(|(_, state)| state.split(':').next().unwrap_or_default())
                .find(|kind| !kind.is_empty())
                .unwrap_or_default();
            text.push_str(&format!(", {} stuck ({first})", c.stuck));
        }
        text
    }
}

/// Groups the job's pods by StatefulSet and counts them.
pub fn summarize(sets: &[ExpectedSet], pods: &BTreeMap<String, Pod>, job_id: &str) -> Vec<SetView> {
    let mut views: Vec<SetView> = sets
        .iter()
        .map(|s| SetView {
            name: s.name.clone(),
            counts: SetCounts {
                expected: s.pods,
                ..SetCounts::default()
            },
            not_running: Vec::new(),
        })
        .collect();
    for (name, pod) in pods {
        let Some(set) = statefulset_of(pod, job_id) else {
            continue;
        };
        let Some(view) = views.iter_mut().find(|v| v.name == set) else {
            continue;
        };
        let c = &mut view.counts;
        c.created += 1;
        if condition_is_true(pod, "PodScheduled") {
            c.scheduled += 1;
        }
        if pod_runs(pod) {
            c.running += 1;
            if condition_is_true(pod, "Ready") {
                c.ready += 1;
            }
        } else {
            if stuck_reason(pod).is_some() {
                c.stuck += 1;
            }
            view.not_running.push((name.clone(), pod_state(pod)));
        }
    }
    views
}

// ---------------------------------------------------------------------------------------------
// Waiting until every pod runs
// ---------------------------------------------------------------------------------------------

/// What [`wait_until_running_with`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitUpdate {
    /// The line of a StatefulSet changed ([`SetView::line`]); `done` once all its pods run.
    Set {
        /// StatefulSet name.
        statefulset: String,
        /// Its progress text.
        text: String,
        /// All its pods run.
        done: bool,
    },
    /// A pod is stuck, or stuck for a new reason (each reason is reported once per pod).
    Stuck {
        /// Pod name.
        pod: String,
        /// [`stuck_reason`].
        reason: String,
    },
}

/// Waits until every pod of the job runs, showing a live line per StatefulSet (`<jobID>-jm`,
/// `<jobID>-0`, …) on `progress` and printing each stuck pod's reason as it appears. After
/// `timeout` it returns an error naming, per StatefulSet, the pods that do not run and why.
pub async fn wait_until_running(
    cluster: &Cluster,
    job: &JobSpec,
    timeout: Duration,
    progress: &Progress,
) -> Result<()> {
    let lines: BTreeMap<String, _> = expected_sets(job)
        .into_iter()
        .map(|set| {
            let line = progress.line(&set.name);
            line.set("waiting for pods");
            (set.name, line)
        })
        .collect();
    let mut last: HashMap<String, String> = HashMap::new();
    let result = wait_until_running_with(cluster, job, timeout, |update| match update {
        WaitUpdate::Set {
            statefulset,
            text,
            done,
        } => {
            if let Some(line) = lines.get(&statefulset) {
                if done {
                    line.finish(&text);
                } else {
                    line.set(&text);
                }
            }
            last.insert(statefulset, text);
        }
        WaitUpdate::Stuck { pod, reason } => progress.println(&format!("pod {pod}: {reason}")),
    })
    .await;
    if result.is_err() {
        for (name, line) in &lines {
            line.finish(last.get(name).map_or("waiting for pods", String::as_str));
        }
    }
    result
}

/// [`wait_until_running`] reporting to a callback instead of a terminal.
pub async fn wait_until_running_with<F: FnMut(WaitUpdate)>(
    cluster: &Cluster,
    job: &JobSpec,
    timeout: Duration,
    mut on_update: F,
) -> Result<()> {
    let job_id = job.job_id.as_str();
    let sets = expected_sets(job);
    let api: Api<Pod> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let config = crate::cluster::watch::job_objects(job_id);
    let mut stream = pin!(watcher(api, config).default_backoff());
    let mut deadline = pin!(tokio::time::sleep(timeout));
    let mut pods: BTreeMap<String, Pod> = BTreeMap::new();
    let mut listing: Option<BTreeMap<String, Pod>> = None;
    let mut listed = false;
    let mut lines: HashMap<String, String> = HashMap::new();
    let mut reasons: HashMap<String, String> = HashMap::new();
    loop {
        let event = tokio::select! {
            _ = &mut deadline => {
                let views = summarize(&sets, &pods, job_id);
                let events = warning_events(cluster).await;
                bail!("{}", timeout_message(job_id, timeout, &views, &events));
            }
            event = stream.next() => event,
        };
        match event {
            Some(Ok(watcher::Event::Init)) => listing = Some(BTreeMap::new()),
            Some(Ok(watcher::Event::InitApply(pod))) => {
                if let (Some(buffer), Some(name)) = (listing.as_mut(), pod.metadata.name.clone()) {
                    buffer.insert(name, pod);
                }
            }
            Some(Ok(watcher::Event::InitDone)) => {
                pods = listing.take().unwrap_or_default();
                listed = true;
            }
            Some(Ok(watcher::Event::Apply(pod))) => {
                if let Some(name) = pod.metadata.name.clone() {
                    pods.insert(name, pod);
                }
            }
            Some(Ok(watcher::Event::Delete(pod))) => {
                if let Some(name) = pod.metadata.name.as_deref() {
                    pods.remove(name);
                }
            }
            Some(Err(e)) => {
                if is_fatal_watch_error(&e) {
                    bail!(
                        "cannot watch the pods of job {job_id}: {}",
                        watch_error_text(cluster, &e)
                    );
                }
                continue;
            }
            None => bail!("the watch on the pods of job {job_id} ended unexpectedly"),
        }
        if !listed || listing.is_some() {
            continue;
        }
        for pod in pods.values() {
            let Some(name) = pod.metadata.name.as_deref() else {
                continue;
            };
            match stuck_reason(pod) {
                Some(reason) if reasons.get(name) != Some(&reason) => {
                    reasons.insert(name.to_string(), reason.clone());
                    on_update(WaitUpdate::Stuck {
                        pod: name.to_string(),
                        reason,
                    });
                }
                Some(_) => {}
                None => {
                    reasons.remove(name);
                }
            }
        }
        let views = summarize(&sets, &pods, job_id);
        for view in &views {
            let text = view.line();
            if lines.get(&view.name) != Some(&text) {
                lines.insert(view.name.clone(), text.clone());
                on_update(WaitUpdate::Set {
                    statefulset: view.name.clone(),
                    text,
                    done: view.counts.all_running(),
                });
            }
        }
        if views.iter().all(|v| v.counts.all_running()) {
            return Ok(());
        }
    }
}

/// Latest Warning event per involved object (`Kind/name`) in the namespace: one list call,
/// only made when the wait times out. Best effort: empty when events cannot be listed.
async fn warning_events(cluster: &Cluster) -> HashMap<String, String> {
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

// ---------------------------------------------------------------------------------------------
// Waiting for the end of the job
// ---------------------------------------------------------------------------------------------

/// ConfigMap key whose presence tells the job master to kill the job.
pub const KILL_JOB_KEY: &str = "KILL_JOB";
/// Prefix of the ConfigMap keys counting each worker's restarts.
pub const WORKER_RESTARTS_PREFIX: &str = "RESTART_COUNT_FOR_WORKER_";
/// ConfigMap key counting the job master's restarts.
pub const JOB_MASTER_RESTARTS_KEY: &str = "RESTART_COUNT_FOR_JOB_MASTER";

/// What decides a job's outcome from its ConfigMap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeRules {
    /// `twister2.fault.tolerance.max.worker.restarts` (Twister2's default 5).
    pub max_worker_restarts: u32,
    /// Whether the job uses ZooKeeper (`twister2.resource.zookeeper.server.addresses` set):
    /// without it a restarted job master ends the job as FAILED.
    pub zookeeper: bool,
}

impl Default for OutcomeRules {
    fn default() -> Self {
        OutcomeRules {
            max_worker_restarts: 5,
            zookeeper: false,
        }
    }
}

/// How a job ended, as far as Kubernetes showed it. Twister2 deletes every object of a job when
/// it ends and keeps no record of the final state there, so a job is never reported COMPLETED:
/// without evidence of a kill or a failure the outcome is [`JobOutcome::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    /// `KILL_JOB` was set in the job's ConfigMap.
    Killed,
    /// A failure Twister2 ends the job for (the reason).
    Failed(String),
    /// The job ended without a kill signal or a failure visible in Kubernetes.
    Unknown,
}

impl JobOutcome {
    /// Twister2's state name, or `UNKNOWN`.
    pub fn state(&self) -> &'static str {
        match self {
            JobOutcome::Killed => "KILLED",
            JobOutcome::Failed(_) => "FAILED",
            JobOutcome::Unknown => "UNKNOWN",
        }
    }

    /// Whether `submit --wait` exits non-zero for it (FAILED or KILLED).
    pub fn is_failure(&self) -> bool {
        !matches!(self, JobOutcome::Unknown)
    }
}

impl std::fmt::Display for JobOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobOutcome::Killed => f.write_str("KILLED (KILL_JOB was set in its ConfigMap)"),
            JobOutcome::Failed(reason) => write!(f, "FAILED: {reason}"),
            JobOutcome::Unknown => f.write_str(
                "ended; its final state is unknown (Twister2 keeps no record of it in \
                 Kubernetes, and no kill signal or failure was seen)",
            ),
        }
    }
}

/// What the job's ConfigMap showed while it was watched: the first decisive sign wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndEvidence {
    first: Option<JobOutcome>,
}

impl EndEvidence {
    /// Looks at one version of the ConfigMap's data.
    pub fn observe(&mut self, data: &BTreeMap<String, String>, rules: &OutcomeRules) {
        if self.first.is_some() {
            return;
        }
        if data.contains_key(KILL_JOB_KEY) {
            self.first = Some(JobOutcome::Killed);
            return;
        }
        let failed_worker = data
            .iter()
            .filter_map(|(key, value)| {
                let id = key
                    .strip_prefix(WORKER_RESTARTS_PREFIX)?
                    .parse::<u32>()
                    .ok()?;
                let count = value.trim().parse::<u32>().ok()?;
                Some((id, count))
            })
            .filter(|(_, count)| *count > 0 && *count >= rules.max_worker_restarts)
            .min_by_key(|(id, _)| *id);
        if let Some((id, count)) = failed_worker {
            self.first = Some(JobOutcome::Failed(format!(
                "worker {id} reached restart count {count}, the limit \
                 twister2.fault.tolerance.max.worker.restarts = {}",
                rules.max_worker_restarts
            )));
            return;
        }
        let master_restarts = data
            .get(JOB_MASTER_RESTARTS_KEY)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(0);
        if master_restarts > 0 && !rules.zookeeper {
            self.first = Some(JobOutcome::Failed(format!(
                "the job master restarted (restart count {master_restarts}) and the job does \
                 not use ZooKeeper, so Twister2 ends it"
            )));
        }
    }

    /// The outcome so far.
    pub fn outcome(&self) -> JobOutcome {
        self.first.clone().unwrap_or(JobOutcome::Unknown)
    }
}

/// Waits until job `job_id` ends — its ConfigMap `<jobID>` (label `t2-job`) is deleted or being
/// deleted — watching it all along, and returns the outcome it showed (see [`EndEvidence`]).
/// A ConfigMap already gone when the watch starts gives the outcome `Unknown`. No time limit:
/// wrap it in a timeout if one is needed.
pub async fn wait_for_job_end(
    cluster: &Cluster,
    job_id: &str,
    rules: &OutcomeRules,
) -> Result<JobOutcome> {
    let api: Api<ConfigMap> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let config = crate::cluster::watch::job_objects(job_id);
    let mut stream = pin!(watcher(api, config).default_backoff());
    let mut evidence = EndEvidence::default();
    let mut present = false;
    let empty = BTreeMap::new();
    while let Some(event) = stream.next().await {
        let (config_map, deleted) = match event {
            Ok(watcher::Event::Init) => {
                present = false;
                continue;
            }
            Ok(watcher::Event::InitDone) => {
                if !present {
                    return Ok(evidence.outcome());
                }
                continue;
            }
            Ok(watcher::Event::InitApply(cm) | watcher::Event::Apply(cm)) => (cm, false),
            Ok(watcher::Event::Delete(cm)) => (cm, true),
            Err(e) => {
                if is_fatal_watch_error(&e) {
                    bail!(
                        "cannot watch the ConfigMap of job {job_id}: {}",
                        watch_error_text(cluster, &e)
                    );
                }
                continue;
            }
        };
        if config_map.metadata.name.as_deref() != Some(job_id) {
            continue;
        }
        present = true;
        evidence.observe(config_map.data.as_ref().unwrap_or(&empty), rules);
        if deleted || config_map.metadata.deletion_timestamp.is_some() {
            return Ok(evidence.outcome());
        }
    }
    Err(anyhow!(
        "the watch on the ConfigMap of job {job_id} ended unexpectedly"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    fn data(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn kill_signal_means_killed() {
        let mut e = EndEvidence::default();
        assert_eq!(e.outcome(), JobOutcome::Unknown);
        e.observe(
            &data(&[("TWISTER2_JOB_OBJECT", "x")]),
            &OutcomeRules::default(),
        );
        assert_eq!(e.outcome(), JobOutcome::Unknown);
        e.observe(&data(&[("KILL_JOB", "true")]), &OutcomeRules::default());
        assert_eq!(e.outcome(), JobOutcome::Killed);
        assert!(e.outcome().is_failure());
        assert_eq!(e.outcome().state(), "KILLED");
    }

    #[test]
    fn a_worker_reaching_the_restart_limit_fails_the_job() {
        let rules = OutcomeRules {
            max_worker_restarts: 3,
            zookeeper: true,
        };
        let mut e = EndEvidence::default();
        e.observe(
            &data(&[
                ("RESTART_COUNT_FOR_WORKER_0", "2"),
                ("RESTART_COUNT_FOR_WORKER_10", "3"),
                ("RESTART_COUNT_FOR_WORKER_2", "5"),
            ]),
            &rules,
        );
        assert_eq!(
            e.outcome(),
            JobOutcome::Failed(
                "worker 2 reached restart count 5, the limit \
                 twister2.fault.tolerance.max.worker.restarts = 3"
                    .into()
            )
        );
        // The first sign wins: a later kill does not change it.
        e.observe(&data(&[("KILL_JOB", "true")]), &rules);
        assert_eq!(e.outcome().state(), "FAILED");
    }

    #[test]
    fn below_the_limit_or_zero_restarts_is_no_failure() {
        let mut e = EndEvidence::default();
        e.observe(
            &data(&[
                ("RESTART_COUNT_FOR_WORKER_0", "4"),
                ("RESTART_COUNT_FOR_WORKER_1", "x"),
            ]),
            &OutcomeRules::default(),
        );
        let zero = OutcomeRules {
            max_worker_restarts: 0,
            zookeeper: false,
        };
        e.observe(&data(&[("RESTART_COUNT_FOR_WORKER_0", "0")]), &zero);
        assert_eq!(e.outcome(), JobOutcome::Unknown);
    }

    #[test]
    fn a_restarted_job_master_fails_the_job_only_without_zookeeper() {
        let restarted = data(&[("RESTART_COUNT_FOR_JOB_MASTER", "1")]);
        let mut with_zk = EndEvidence::default();
        with_zk.observe(
            &restarted,
            &OutcomeRules {
                zookeeper: true,
                ..OutcomeRules::default()
            },
        );
        assert_eq!(with_zk.outcome(), JobOutcome::Unknown);
        let mut without = EndEvidence::default();
        without.observe(&restarted, &OutcomeRules::default());
        let outcome = without.outcome();
        assert!(
            outcome
                .to_string()
                .starts_with("FAILED: the job master restarted (restart count 1)")
        );
        assert!(JobOutcome::Unknown.to_string().contains("unknown"));
        assert!(!JobOutcome::Unknown.is_failure());
    }

    #[test]
    fn expected_sets_follow_the_compute_resources() {
        let job = JobSpec::example("j");
        let sets = expected_sets(&job);
        assert_eq!(
            sets,
            vec![
                ExpectedSet {
                    name: "j-jm".into(),
                    pods: 1
                },
                ExpectedSet {
                    name: "j-0".into(),
                    pods: 2
                },
            ]
        );
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
