//! Following a job (`-f`, and `submit --follow`): a watch on the job's pods starts one task per
//! selected container as pods appear (scale-up, recreated pods); each task follows its container
//! through dropped streams (resumed from the last line's timestamp) and restarts (the old
//! instance finished from `previous`, the new one followed); a watch on the job's ConfigMap ends
//! the run when the job ends. Lines of all sources go whole to one stdout writer.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

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
use crate::cluster::job_wait::{is_fatal_watch_error, watch_error_text};
use crate::cluster::logs::context::{Ctx, status};
use crate::cluster::logs::instance::{Progress, Step, next_step, view};
use crate::cluster::logs::job::FoundJob;
use crate::cluster::logs::lines::Cursor;
use crate::cluster::logs::mux::{self, Emitter, Writer};
use crate::cluster::logs::options::{Destination, LogOptions};
use crate::cluster::logs::sources::{JobLayout, Source};
use crate::cluster::logs::stream::{self, Outcome, Request, Start, StreamError};
use crate::manifests::labels;

/// How long to wait for the pod's status to catch up after a stream ended by itself.
const SETTLE: Duration = Duration::from_secs(1);
/// Longest pause between attempts on a source that makes no progress.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

type PodState = Option<Arc<Pod>>;

/// Follow job `job_id` (already located) until it ends, `stop` resolves, or stdout closes.
pub async fn follow(
    cluster: &Cluster,
    job_id: &str,
    found: FoundJob,
    options: &LogOptions,
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
    let writer = matches!(options.destination, Destination::Print { .. }).then(Writer::stdout);
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
    let config = watcher::Config::default().labels(&labels::job_selector(&job_id));
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

/// What ended one attempt of a source.
enum After {
    /// Decide again now.
    Again,
    /// Decide again once the pod changed, or after this long.
    Settle(Duration),
    /// Stop this source.
    Stop,
}

/// One container of one pod, followed for as long as the pod exists and the run lasts.
async fn follow_source(
    ctx: Arc<Ctx>,
    source: Source,
    mut pod: watch::Receiver<PodState>,
    window: bool,
) {
    let Some(mut emitter) = ctx.emitter(&source, None) else {
        return;
    };
    let mut follower = Follower {
        ctx: &ctx,
        source: &source,
        cursor: Cursor::new(),
        progress: Progress::default(),
        window,
        instance_file: None,
    };
    let mut idle: u32 = 0;
    let mut fresh: Option<Arc<Pod>> = None;
    loop {
        if ctx.cancel.is_cancelled() {
            break;
        }
        let Some(watched) = pod.borrow_and_update().clone() else {
            break;
        };
        let current = fresh.take().unwrap_or(watched);
        let state = view(&current, &source.container);
        let step = next_step(&follower.progress, &state, ctx.options.previous);
        let before = follower.cursor.printed();
        let after = match step {
            Step::End => break,
            Step::Wait => After::Settle(Duration::MAX),
            step => {
                if ctx.ending.is_cancelled() {
                    break;
                }
                let Some(permit) = ctx.slot().await else {
                    break;
                };
                let after = follower
                    .run(step, state.restarts, state.pod_ip.as_deref(), &mut emitter)
                    .await;
                drop(permit);
                after
            }
        };
        idle = if follower.cursor.printed() > before {
            0
        } else {
            idle.saturating_add(1)
        };
        let pause = match after {
            After::Stop => break,
            After::Again if idle <= 1 => continue,
            After::Again => backoff(idle),
            After::Settle(limit) => limit,
        };
        match wait_for_change(&ctx, &mut pod, pause, matches!(step, Step::Wait)).await {
            Waited::Stop => break,
            Waited::Changed => {}
            // The watch said nothing since the stream ended: ask the API server directly
            // before deciding, so that a restart is not taken for a dropped stream.
            Waited::TimedOut => fresh = refresh(&ctx, &source).await,
        }
    }
    if let Err(e) = emitter.finish().await {
        ctx.sink_failed(e);
    }
}

/// 250 ms, 500 ms, 1 s, … up to [`MAX_BACKOFF`], by how many attempts made no progress.
fn backoff(idle: u32) -> Duration {
    let millis = 250u64.saturating_mul(1 << idle.saturating_sub(2).min(5));
    Duration::from_millis(millis).min(MAX_BACKOFF)
}

/// How a wait for the pod ended.
enum Waited {
    /// The pod changed (or time to try again).
    Changed,
    /// Nothing was heard within the limit.
    TimedOut,
    /// The source should stop: the run is cancelled, the pod's channel is gone, or the job
    /// ended while the source had nothing to read.
    Stop,
}

/// Wait until the pod changes or `limit` passes (`Duration::MAX`: no limit).
async fn wait_for_change(
    ctx: &Ctx,
    pod: &mut watch::Receiver<PodState>,
    limit: Duration,
    idle: bool,
) -> Waited {
    let timer = async {
        if limit == Duration::MAX {
            std::future::pending::<()>().await;
        } else {
            tokio::time::sleep(limit).await;
        }
    };
    tokio::select! {
        () = ctx.cancel.cancelled() => Waited::Stop,
        () = ctx.ending.cancelled(), if idle => Waited::Stop,
        changed = pod.changed() => if changed.is_ok() { Waited::Changed } else { Waited::Stop },
        () = timer => Waited::TimedOut,
    }
}

/// The source's pod as the API server has it now, if it is still the same pod.
async fn refresh(ctx: &Ctx, source: &Source) -> Option<Arc<Pod>> {
    let pod = ctx.api.get_opt(&source.pod).await.ok()??;
    (pod.metadata.uid.as_deref() == Some(source.uid.as_str())).then(|| Arc::new(pod))
}

/// The reading state of one source.
struct Follower<'a> {
    ctx: &'a Ctx,
    source: &'a Source,
    cursor: Cursor,
    progress: Progress,
    /// The user's window applies to the first read.
    window: bool,
    /// The instance (`restartCount`) whose file/section was begun.
    instance_file: Option<i32>,
}

impl Follower<'_> {
    fn window(&self) -> Start {
        if self.window {
            Start::Window {
                tail: self.ctx.options.tail.lines(true),
                since: self.ctx.options.since,
            }
        } else {
            Start::Resume
        }
    }

    async fn begin(&mut self, instance: i32, pod_ip: Option<&str>, emitter: &mut Emitter) -> bool {
        if self.instance_file == Some(instance) {
            return true;
        }
        self.instance_file = Some(instance);
        match emitter.begin_instance(pod_ip).await {
            Ok(()) => true,
            Err(e) => {
                self.ctx.sink_failed(e);
                false
            }
        }
    }

    async fn run(
        &mut self,
        step: Step,
        restarts: i32,
        pod_ip: Option<&str>,
        emitter: &mut Emitter,
    ) -> After {
        match step {
            Step::Wait | Step::End => After::Stop,
            Step::Previous => {
                if !self.begin(restarts - 1, pod_ip, emitter).await {
                    return After::Stop;
                }
                let request = Request {
                    previous: true,
                    follow: false,
                    start: self.window(),
                };
                let read = self.read(request, emitter).await;
                self.progress.previous_done = true;
                match read {
                    Err(StreamError::Open(e)) if status(&e).is_some_and(|s| s.0 == 400) => {
                        After::Again
                    }
                    other => self.after(other, false),
                }
            }
            Step::First { follow } | Step::Next { follow, .. } => {
                if let Step::Next { catch_up: true, .. } = step {
                    let request = Request {
                        previous: true,
                        follow: false,
                        start: Start::Resume,
                    };
                    match self.read(request, emitter).await {
                        Ok(Outcome::Stopped) => return After::Stop,
                        Err(StreamError::Sink(e)) => {
                            self.ctx.sink_failed(e);
                            return After::Stop;
                        }
                        // The previous instance is gone or unreadable: nothing more to get.
                        Ok(_) | Err(StreamError::Open(_)) => {}
                    }
                }
                if !self.begin(restarts, pod_ip, emitter).await {
                    return After::Stop;
                }
                let start = if matches!(step, Step::First { .. }) {
                    self.window()
                } else {
                    Start::Resume
                };
                let request = Request {
                    previous: false,
                    follow,
                    start,
                };
                let read = self.read(request, emitter).await;
                if !matches!(read, Err(StreamError::Open(_))) {
                    self.window = false;
                    self.progress.instance = Some(restarts);
                    self.progress.finished = !follow && matches!(read, Ok(Outcome::Ended));
                }
                self.after(read, follow)
            }
            Step::Resume | Step::Finish => {
                let follow = step == Step::Resume;
                let request = Request {
                    previous: false,
                    follow,
                    start: Start::Resume,
                };
                let read = self.read(request, emitter).await;
                if !follow && matches!(read, Ok(Outcome::Ended)) {
                    self.progress.finished = true;
                }
                self.after(read, follow)
            }
        }
    }

    async fn read(
        &mut self,
        request: Request,
        emitter: &mut Emitter,
    ) -> Result<Outcome, StreamError> {
        let (ctx, source) = (self.ctx, self.source);
        if request.follow {
            stream::read(
                &ctx.api,
                &source.pod,
                &source.container,
                &request,
                &mut self.cursor,
                emitter,
                &ctx.cancel,
            )
            .await
        } else {
            stream::read_to_end(
                &ctx.api,
                &source.pod,
                &source.container,
                request,
                &mut self.cursor,
                emitter,
                &ctx.cancel,
            )
            .await
        }
    }

    /// What to do after a read.
    fn after(&self, read: Result<Outcome, StreamError>, followed: bool) -> After {
        match read {
            Ok(Outcome::Stopped) => After::Stop,
            // A followed stream that the server ended: the container probably stopped or
            // restarted; let its status catch up before deciding.
            Ok(Outcome::Ended) if followed => After::Settle(SETTLE),
            Ok(Outcome::Ended | Outcome::Broken) => After::Again,
            Err(StreamError::Sink(e)) => {
                self.ctx.sink_failed(e);
                After::Stop
            }
            Err(StreamError::Open(e)) => match status(&e) {
                // The pod is gone (its deletion is on its way) or the container is not
                // readable yet: wait for the pod to change.
                Some((404 | 400, _)) => After::Settle(SETTLE * 2),
                _ if Ctx::is_fatal(&e) => {
                    self.ctx.fail_all(format!(
                        "cannot read the logs of job {}: {}",
                        self.ctx.job_id,
                        self.ctx.cluster.explain(e)
                    ));
                    After::Stop
                }
                _ => {
                    eprintln!(
                        "warning: {}: {} (retrying)",
                        self.source.label,
                        self.ctx.cluster.explain(e)
                    );
                    After::Again
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_a_limit() {
        assert_eq!(backoff(2), Duration::from_millis(250));
        assert_eq!(backoff(3), Duration::from_millis(500));
        assert_eq!(backoff(4), Duration::from_secs(1));
        assert_eq!(backoff(30), MAX_BACKOFF);
    }
}
