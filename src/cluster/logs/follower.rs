//! One container of one pod, followed for as long as the pod exists and the run lasts: the
//! first read (with the user's window), streams resumed from the last line when they end while
//! the container runs, the rest of an instance read when it ends, a restarted container's old
//! instance finished from `previous` and its new one followed, with a growing pause for sources
//! that make no progress.

use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use tokio::sync::watch;

use crate::cluster::logs::context::{Ctx, status};
use crate::cluster::logs::instance::{Progress, Step, next_step, view};
use crate::cluster::logs::lines::Cursor;
use crate::cluster::logs::mux::Emitter;
use crate::cluster::logs::sources::Source;
use crate::cluster::logs::stream::{self, Outcome, Request, Start, StreamError};

/// How long to wait for the pod's status to catch up after a stream ended by itself.
const SETTLE: Duration = Duration::from_secs(1);
/// Longest pause between attempts on a source that makes no progress.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// The latest state of a pod as the watch saw it; `None` once it is deleted.
pub type PodState = Option<Arc<Pod>>;

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
pub async fn follow_source(
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
