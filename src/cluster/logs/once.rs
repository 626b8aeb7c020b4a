//! A plain read (no `-f`): every selected container's log (or previous log) once, read by up to
//! `--max-concurrency` streams at a time and printed source after source (job master first, then
//! workers by ID), or saved.

use std::sync::Arc;

use anyhow::{Result, anyhow};
use k8s_openapi::api::core::v1::Pod;
use tokio::sync::OwnedSemaphorePermit;
use tokio::task::JoinSet;

use crate::cluster::Cluster;
use crate::cluster::logs::context::{Ctx, status};
use crate::cluster::logs::instance::view;
use crate::cluster::logs::job::FoundJob;
use crate::cluster::logs::lines::Cursor;
use crate::cluster::logs::mux::{self, Emitter, Writer};
use crate::cluster::logs::options::{Destination, LogOptions};
use crate::cluster::logs::sources::Source;
use crate::cluster::logs::stream::{self, Outcome, Request, Start, StreamError};

/// The sources of the job's pods that `options` selects, in output order, with their pods.
pub fn selected(found: &FoundJob, options: &LogOptions) -> Vec<(Source, Arc<Pod>)> {
    let mut out: Vec<(Source, Arc<Pod>)> = Vec::new();
    for pod in &found.pods {
        let pod = Arc::new(pod.clone());
        for source in found.layout.sources(&pod, &options.selection) {
            out.push((source, pod.clone()));
        }
    }
    out.sort_by(|a, b| a.0.order(&b.0));
    out
}

/// The labels of every container of the job, for "nothing matched" messages.
fn every_label(found: &FoundJob) -> String {
    let mut all = selected(found, &LogOptions::default());
    all.dedup_by(|a, b| a.0.label == b.0.label);
    let labels: Vec<String> = all.into_iter().map(|(s, _)| s.label).collect();
    labels.join(", ")
}

/// Read every selected source once.
pub async fn show(
    cluster: &Cluster,
    job_id: &str,
    found: &FoundJob,
    options: &LogOptions,
    out: super::Out,
) -> Result<()> {
    let options = LogOptions {
        follow: false,
        ..options.clone()
    };
    if found.pods.is_empty() {
        return Err(anyhow!(
            "job {job_id} in namespace {} has no pods yet (add -f to wait for them)",
            cluster.namespace
        ));
    }
    let sources = selected(found, &options);
    if sources.is_empty() {
        return Err(anyhow!(
            "no container of job {job_id} matches --worker/--job-master/--container (it has: {})",
            every_label(found)
        ));
    }
    if let Destination::Save(dir) = &options.destination {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| anyhow!("cannot create {}: {e}", dir.display()))?;
    }
    let writer = matches!(options.destination, Destination::Print { .. }).then(|| Writer::to(out));
    let ctx = Ctx::new(cluster, job_id, &options, None);
    let mut tasks = JoinSet::new();
    for (source, pod) in sources {
        // Channels and slots are taken in output order, so the writer always waits on a
        // source that holds a slot.
        let channel = writer.as_ref().map(|w| w.channel(mux::ORDERED_DEPTH));
        let Some(emitter) = ctx.emitter(&source, channel) else {
            break;
        };
        let Some(permit) = ctx.slot().await else {
            break;
        };
        tasks.spawn(read_source(ctx.clone(), source, pod, emitter, permit));
    }
    while tasks.join_next().await.is_some() {}
    let result = ctx.result();
    drop(ctx);
    if let Some(writer) = writer {
        writer
            .finish()
            .await
            .map_err(|e| anyhow!("cannot write to stdout: {e}"))?;
    }
    result
}

async fn read_source(
    ctx: Arc<Ctx>,
    source: Source,
    pod: Arc<Pod>,
    mut emitter: Emitter,
    permit: OwnedSemaphorePermit,
) {
    let state = view(&pod, &source.container);
    let previous = ctx.options.previous;
    if !previous && !state.has_run() {
        let why = state.waiting_reason.as_deref().unwrap_or("not started");
        eprintln!(
            "note: {}: container {} of pod {} has not started ({why}): no logs yet",
            source.label, source.container, source.pod
        );
        return;
    }
    if let Err(e) = emitter.begin_instance(state.pod_ip.as_deref()).await {
        ctx.sink_failed(e);
        return;
    }
    let request = Request {
        previous,
        follow: false,
        start: Start::Window {
            tail: ctx.options.tail.lines(false),
            since: ctx.options.since,
        },
    };
    let mut cursor = Cursor::new();
    let read = stream::read_to_end(
        &ctx.api,
        &source.pod,
        &source.container,
        request,
        &mut cursor,
        &mut emitter,
        &ctx.cancel,
    )
    .await;
    drop(permit);
    match read {
        Ok(Outcome::Ended | Outcome::Stopped) => {}
        Ok(Outcome::Broken) => ctx.source_failed(
            &source.label,
            &format!(
                "the log stream of pod {} kept breaking; {} lines were read",
                source.pod,
                cursor.printed()
            ),
        ),
        Err(StreamError::Sink(e)) => ctx.sink_failed(e),
        Err(StreamError::Open(e)) => match status(&e) {
            Some((400, message)) if previous && message.contains("previous terminated") => {
                eprintln!(
                    "note: {}: container {} of pod {} has no previous instance (it has not \
restarted)",
                    source.label, source.container, source.pod
                );
            }
            Some((400, message)) => eprintln!("note: {}: {message}", source.label),
            _ if Ctx::is_fatal(&e) => ctx.fail_all(format!(
                "cannot read the logs of job {}: {}",
                ctx.job_id,
                ctx.cluster.explain(e)
            )),
            _ => ctx.source_failed(&source.label, &ctx.cluster.explain(e).to_string()),
        },
    }
    if let Err(e) = emitter.finish().await {
        ctx.sink_failed(e);
    }
}
