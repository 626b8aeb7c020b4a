//! Following a job (`-f`, and `submit --follow`): a watch on the job's pods starts one task per
//! selected container as pods appear (scale-up, recreated pods); each task follows its container
//! through dropped streams (resumed from the last line's timestamp) and restarts (the old
//! instance finished from `previous`, the new one followed); a watch on the job's ConfigMap ends
//! the run when the job ends. Lines of all sources go whole to one stdout writer.

use crate::twister2::names;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;

use anyhow::{Result, anyhow, bail};
use futures::StreamExt;
use k8s_openapi::api::core::v1::{ConfigMap, Pod};
use kube::Api;
use kube::runtime::{WatchStreamExt, watcher};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::cluster::Cluster;
use crate::cluster::errors::human_duration;
use crate::cluster::logs::context::Ctx;
use crate::cluster::logs::follower::{PodState, follow_source};
use crate::cluster::logs::instance::view;
use crate::cluster::logs::job::FoundJob;
use crate::cluster::logs::mux::{self, Writer};
use crate::cluster::logs::options::{Destination, LogOptions};
use crate::cluster::logs::sources::JobLayout;
use crate::cluster::watch_errors::{is_fatal_watch_error, watch_error_text};

/// Follow job `job_id` (already located) until it ends, `stop` resolves, or stdout closes.
pub async fn follow(
    cluster: &Cluster,
    job_id: &str,
    found: FoundJob,
    options: &LogOptions,
    out: super::Out,
    stop: impl Future<Output = ()>,
) -> Result<()> {
    let options = LogOptions {
        follow: true,
        ..options.clone()
    };
    if let Destination::Save(dir) = &options.destination {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| anyhow!("cannot create {}: {e}", dir.display()))?;
    }
    let writer = matches!(options.destination, Destination::Print { .. }).then(|| Writer::to(out));
    let shared = writer.as_ref().map(|w| w.channel(mux::SHARED_DEPTH));
    let ctx = Ctx::new(cluster, job_id, &options, shared);
    let watched = supervise(&ctx, found.layout, stop).await;
    ctx.release_stdout();
    let result = watched.and_then(|()| ctx.result());
    drop(ctx);
    if let Some(writer) = writer {
        writer
            .finish()
            .await
            .map_err(|e| anyhow!("cannot write to stdout: {e}"))?;
    }
    result
}

/// The pods known to the run, each with the channel its sources' tasks watch.
#[derive(Default)]
struct Pods {
    by_uid: HashMap<String, watch::Sender<PodState>>,
    /// UIDs seen during a re-list of the watch.
    relisted: Option<HashSet<String>>,
    /// Whether the first list is done (pods after it are new).
    listed: bool,
    /// Whether any selected source was found.
    any_source: bool,
}

async fn supervise(
    ctx: &Arc<Ctx>,
    layout: JobLayout,
    stop: impl Future<Output = ()>,
) -> Result<()> {
    let job_id = ctx.job_id.clone();
    let pods_api: Api<Pod> = Api::namespaced(ctx.cluster.client.clone(), &ctx.cluster.namespace);
    let config = watcher::Config::default().labels(&names::job_selector(&job_id));
    let mut pod_events = pin!(watcher(pods_api, config).default_backoff());
    let maps: Api<ConfigMap> = Api::namespaced(ctx.cluster.client.clone(), &ctx.cluster.namespace);
    let config = watcher::Config::default().fields(&format!("metadata.name={job_id}"));
    let mut map_events = pin!(watcher(maps, config).default_backoff());
    let mut stop = pin!(stop);
    let deadline = ctx.options.wait_timeout.map(|t| Instant::now() + t);
    let mut pods = Pods::default();
    let mut tasks = JoinSet::new();
    let mut config_map_seen = false;
    let mut waiting_said = false;
    loop {
        if pods.listed && !pods.any_source && !waiting_said {
            waiting_said = true;
            if pods.by_uid.is_empty() {
                eprintln!(
                    "waiting for pods of job {job_id} in namespace {}…",
                    ctx.cluster.namespace
                );
            } else {
                eprintln!(
                    "waiting for a container of job {job_id} that --worker/--job-master/\
--container select…"
                );
            }
        }
        tokio::select! {
            () = &mut stop => {
                ctx.cancel.cancel();
                break;
            }
            () = ctx.cancel.cancelled() => break,
            event = pod_events.next() => {
                let Some(event) = event else {
                    bail!("the watch on the pods of job {job_id} ended unexpectedly");
                };
                match event {
                    Ok(event) => on_pod_event(ctx, &layout, &mut pods, &mut tasks, event),
                    Err(e) if is_fatal_watch_error(&e) => {
                        ctx.cancel.cancel();
                        join_all(&mut tasks).await;
                        bail!(
                            "cannot watch the pods of job {job_id}: {}",
                            watch_error_text(&ctx.cluster, &e)
                        );
                    }
                    Err(_) => {}
                }
            }
            event = map_events.next() => {
                let ended = match event {
                    Some(Ok(watcher::Event::Init)) => false,
                    Some(Ok(watcher::Event::InitApply(cm) | watcher::Event::Apply(cm))) => {
                        config_map_seen = true;
                        cm.metadata.deletion_timestamp.is_some()
                    }
                    Some(Ok(watcher::Event::InitDone)) => !config_map_seen,
                    Some(Ok(watcher::Event::Delete(_))) => true,
                    Some(Err(e)) if is_fatal_watch_error(&e) => {
                        ctx.cancel.cancel();
                        join_all(&mut tasks).await;
                        bail!(
                            "cannot watch the ConfigMap of job {job_id}: {}",
                            watch_error_text(&ctx.cluster, &e)
                        );
                    }
                    Some(Err(_)) => false,
                    None => bail!("the watch on the ConfigMap of job {job_id} ended unexpectedly"),
                };
                if ended {
                    drain(ctx, &mut pods, &mut tasks, &mut stop).await;
                    return Ok(());
                }
            }
            () = sleep_until(deadline), if !pods.any_source => {
                ctx.cancel.cancel();
                join_all(&mut tasks).await;
                let waited = ctx.options.wait_timeout.map(human_duration).unwrap_or_default();
                bail!(
                    "no pod of job {job_id} selected by the options appeared in namespace {} \
        within {waited} (--timeout)",
                    ctx.cluster.namespace
                );
            }
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
    }
    join_all(&mut tasks).await;
    Ok(())
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

async fn join_all(tasks: &mut JoinSet<()>) {
    while tasks.join_next().await.is_some() {}
}

/// The job ended: start nothing new, let open streams drain for the grace period (or until
/// `stop`), then stop everything.
async fn drain(
    ctx: &Arc<Ctx>,
    pods: &mut Pods,
    tasks: &mut JoinSet<()>,
    stop: &mut (impl Future<Output = ()> + Unpin),
) {
    ctx.ending.cancel();
    pods.by_uid.clear();
    let grace = tokio::time::sleep(ctx.options.end_grace);
    tokio::select! {
        () = join_all(tasks) => {}
        () = grace => {}
        () = stop => {}
    }
    ctx.cancel.cancel();
    join_all(tasks).await;
}

fn on_pod_event(
    ctx: &Arc<Ctx>,
    layout: &JobLayout,
    pods: &mut Pods,
    tasks: &mut JoinSet<()>,
    event: watcher::Event<Pod>,
) {
    match event {
        watcher::Event::Init => pods.relisted = Some(HashSet::new()),
        watcher::Event::InitApply(pod) => {
            if let (Some(seen), Some(uid)) = (pods.relisted.as_mut(), pod.metadata.uid.as_ref()) {
                seen.insert(uid.clone());
            }
            let initial = !pods.listed;
            on_pod(ctx, layout, pods, tasks, pod, initial);
        }
        watcher::Event::InitDone => {
            if let Some(seen) = pods.relisted.take() {
                // Pods missing from a re-list were deleted while the watch was down.
                pods.by_uid.retain(|uid, tx| {
                    let keep = seen.contains(uid);
                    if !keep {
                        tx.send_replace(None);
                    }
                    keep
                });
            }
            pods.listed = true;
        }
        watcher::Event::Apply(pod) => on_pod(ctx, layout, pods, tasks, pod, false),
        watcher::Event::Delete(pod) => {
            if let Some(tx) = pod
                .metadata
                .uid
                .as_ref()
                .and_then(|u| pods.by_uid.remove(u))
            {
                tx.send_replace(None);
            }
        }
    }
}

fn on_pod(
    ctx: &Arc<Ctx>,
    layout: &JobLayout,
    pods: &mut Pods,
    tasks: &mut JoinSet<()>,
    pod: Pod,
    initial: bool,
) {
    let Some(uid) = pod.metadata.uid.clone() else {
        return;
    };
    let pod = Arc::new(pod);
    if let Some(tx) = pods.by_uid.get(&uid) {
        tx.send_replace(Some(pod));
        return;
    }
    if ctx.ending.is_cancelled() {
        return;
    }
    let sources = layout.sources(&pod, &ctx.options.selection);
    pods.any_source |= !sources.is_empty();
    let (tx, rx) = watch::channel(Some(pod.clone()));
    for source in sources {
        // Containers that already ran when the command started get the user's window (--tail,
        // --since); later ones are read from their first line.
        let window = initial && view(&pod, &source.container).has_run();
        tasks.spawn(follow_source(ctx.clone(), source, rx.clone(), window));
    }
    pods.by_uid.insert(uid, tx);
}
