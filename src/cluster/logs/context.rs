//! What every source task of one logs run shares: the pods API, the options, the slots that
//! bound how many streams are open (`--max-concurrency`), cancellation, and how problems are
//! reported (a warning for one source, or one fatal error that stops the run).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Result, anyhow};
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio_util::sync::CancellationToken;

use crate::cluster::Cluster;
use crate::cluster::logs::mux::{self, Emitter, Out};
use crate::cluster::logs::options::{Destination, LogOptions};
use crate::cluster::logs::save::Saver;
use crate::cluster::logs::save::SinkError;
use crate::cluster::logs::sources::Source;

/// The state shared by the tasks of one run.
#[derive(Debug)]
pub struct Ctx {
    /// Pods of the cluster's namespace.
    pub api: Api<Pod>,
    /// The cluster (for error messages).
    pub cluster: Cluster,
    /// The job.
    pub job_id: String,
    /// What was asked.
    pub options: LogOptions,
    /// Stops everything (Ctrl-C, stdout closed, a fatal error, the end of the grace period).
    pub cancel: CancellationToken,
    /// The job ended: no new work; open streams may drain.
    pub ending: CancellationToken,
    slots: Arc<Semaphore>,
    shared: Mutex<Option<mpsc::Sender<Vec<u8>>>>,
    fatal: Mutex<Option<String>>,
    failures: AtomicUsize,
    queued_warned: AtomicBool,
}

impl Ctx {
    /// A context for `job_id`; `shared` is the stdout channel of a followed run (sources of a
    /// plain read get their own channels).
    pub fn new(
        cluster: &Cluster,
        job_id: &str,
        options: &LogOptions,
        shared: Option<mpsc::Sender<Vec<u8>>>,
    ) -> Arc<Ctx> {
        Arc::new(Ctx {
            api: Api::namespaced(cluster.client.clone(), &cluster.namespace),
            cluster: cluster.clone(),
            job_id: job_id.to_string(),
            options: options.clone(),
            cancel: CancellationToken::new(),
            ending: CancellationToken::new(),
            slots: Arc::new(Semaphore::new(options.max_concurrency.max(1))),
            shared: Mutex::new(shared),
            fatal: Mutex::new(None),
            failures: AtomicUsize::new(0),
            queued_warned: AtomicBool::new(false),
        })
    }

    /// The emitter of `source`: to `channel` (or the shared stdout channel) when printing, to
    /// its own files when saving. `None` when there is nowhere to print any more.
    pub fn emitter(
        &self,
        source: &Source,
        channel: Option<mpsc::Sender<Vec<u8>>>,
    ) -> Option<Emitter> {
        let timestamps = self.options.timestamps;
        match &self.options.destination {
            Destination::Save(dir) => Some(Emitter::new(
                Vec::new(),
                timestamps,
                Out::File(Box::new(Saver::new(dir, source))),
            )),
            Destination::Print { prefix, color } => {
                let tx = match channel {
                    Some(tx) => tx,
                    None => self.shared.lock().ok()?.clone()?,
                };
                let prefix = if *prefix {
                    mux::prefix(&source.label, *color)
                } else {
                    Vec::new()
                };
                Some(Emitter::new(prefix, timestamps, Out::Channel(tx)))
            }
        }
    }

    /// Let go of the shared stdout channel (all sources are done), so the writer can finish.
    pub fn release_stdout(&self) {
        if let Ok(mut shared) = self.shared.lock() {
            shared.take();
        }
    }

    /// Wait for a free stream slot; `None` when the run is cancelled first. The first time a
    /// followed source has to wait, say so.
    pub async fn slot(&self) -> Option<OwnedSemaphorePermit> {
        if self.options.follow
            && self.slots.available_permits() == 0
            && !self.queued_warned.swap(true, Ordering::Relaxed)
        {
            eprintln!(
                "warning: {} log streams are open (--max-concurrency); more containers are \
followed as streams end",
                self.options.max_concurrency
            );
        }
        tokio::select! {
            () = self.cancel.cancelled() => None,
            permit = self.slots.clone().acquire_owned() => permit.ok(),
        }
    }

    /// A problem with one source that does not stop the others.
    pub fn source_failed(&self, label: &str, message: &str) {
        self.failures.fetch_add(1, Ordering::Relaxed);
        eprintln!("error: {label}: {message}");
    }

    /// Something every source would run into (no rights, a file that cannot be written): stop
    /// the run and report it.
    pub fn fail_all(&self, message: String) {
        if let Ok(mut fatal) = self.fatal.lock()
            && fatal.is_none()
        {
            *fatal = Some(message);
        }
        self.cancel.cancel();
    }

    /// Lines could not be delivered: stdout is gone (stop quietly) or a file failed (stop with
    /// an error).
    pub fn sink_failed(&self, error: SinkError) {
        match error {
            SinkError::Closed => self.cancel.cancel(),
            SinkError::Save(path, e) => {
                self.fail_all(format!("cannot write {}: {e}", path.display()));
            }
        }
    }

    /// A request error that concerns every source (credentials, rights) rather than one.
    pub fn is_fatal(error: &kube::Error) -> bool {
        matches!(status(error), Some((401 | 403, _)))
    }

    /// The run's result: the fatal error, or how many sources failed.
    pub fn result(&self) -> Result<()> {
        if let Some(message) = self.fatal.lock().ok().and_then(|f| f.clone()) {
            return Err(anyhow!(message));
        }
        match self.failures.load(Ordering::Relaxed) {
            0 => Ok(()),
            1 => Err(anyhow!(
                "the logs of 1 container of job {} could not be read (see above)",
                self.job_id
            )),
            n => Err(anyhow!(
                "the logs of {n} containers of job {} could not be read (see above)",
                self.job_id
            )),
        }
    }
}

/// The HTTP code and message of an API error.
pub fn status(error: &kube::Error) -> Option<(u16, &str)> {
    match error {
        kube::Error::Api(s) => Some((s.code, s.message.as_str())),
        _ => None,
    }
}
