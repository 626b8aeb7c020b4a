//! The direct upload method's delivery during a submit: the package goes into every pod as it
//! starts, from the moment the objects are created. The job is submitted only once every pod of
//! the job has its package (a pod that cannot get it after the retries fails the submit, which
//! rolls back); afterwards, pods that restart or are recreated get it again while the client
//! stays attached.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::cluster::Cluster;
use crate::cluster::job_wait::expected_pods;
use crate::cluster::upload::{DeliveryEvent, deliver_to_job_pods};
use crate::output::progress::Progress;
use crate::twister2::names::package_file_name;
use crate::twister2::spec::{JobSpec, UploadMethod};

/// The running delivery of one submit (nothing for the other upload methods).
pub struct Delivery {
    job_id: String,
    expected: Vec<String>,
    package: Arc<Vec<u8>>,
    direct: bool,
    // An async lock: a wait for the next event may be cancelled without losing the receiver.
    events: tokio::sync::Mutex<Option<mpsc::UnboundedReceiver<DeliveryEvent>>>,
    stop: Mutex<Option<oneshot::Sender<()>>>,
    task: Mutex<Option<JoinHandle<Result<()>>>>,
}

impl Delivery {
    /// The delivery of `spec`'s package (started by [`Delivery::start`]).
    pub fn new(spec: &JobSpec, package: Arc<Vec<u8>>) -> Delivery {
        Delivery {
            job_id: spec.job_id.clone(),
            expected: expected_pods(spec),
            package,
            direct: spec.upload == UploadMethod::ClientToPods,
            events: tokio::sync::Mutex::new(None),
            stop: Mutex::new(None),
            task: Mutex::new(None),
        }
    }

    /// Whether the job uses the direct method.
    pub fn is_direct(&self) -> bool {
        self.direct
    }

    /// Starts watching the job's pods and delivering (direct method only; before the objects
    /// are created, so no pod start is missed).
    pub async fn start(&self, cluster: &Cluster) {
        if !self.direct {
            return;
        }
        let (events_tx, events) = mpsc::unbounded_channel();
        let (stop, stop_rx) = oneshot::channel::<()>();
        let cluster = cluster.clone();
        let job_id = self.job_id.clone();
        let package = self.package.clone();
        let task = tokio::spawn(async move {
            deliver_to_job_pods(
                &cluster,
                &job_id,
                &package_file_name(&job_id),
                package,
                events_tx,
                async {
                    let _ = stop_rx.await;
                },
            )
            .await
        });
        *self.events.lock().await = Some(events);
        *lock(&self.stop) = Some(stop);
        *lock(&self.task) = Some(task);
    }

    /// Waits until every pod of the job has received the package once; fails when one cannot
    /// get it after the retries, when the watch cannot go on, or after `timeout`.
    pub async fn first_round(&self, timeout: Duration, progress: &Progress) -> Result<()> {
        if !self.direct {
            return Ok(());
        }
        let mut waiting: BTreeSet<String> = self.expected.iter().cloned().collect();
        let line = progress.line("package");
        line.set(&format!("delivering to {} pods", waiting.len()));
        let deadline = tokio::time::Instant::now() + timeout;
        while !waiting.is_empty() {
            let event = tokio::time::timeout_at(deadline, self.next_event()).await;
            match event {
                Err(_) => bail!(
                    "the package did not reach every pod within {}: still waiting for {}",
                    crate::cluster::errors::human_duration(timeout),
                    waiting.iter().cloned().collect::<Vec<_>>().join(", ")
                ),
                Ok(None) => return Err(self.ended_error().await),
                Ok(Some(DeliveryEvent::Delivered { pod, .. })) => {
                    waiting.remove(&pod);
                    line.set(&format!(
                        "delivered to {} of {} pods",
                        self.expected.len() - waiting.len(),
                        self.expected.len()
                    ));
                }
                Ok(Some(DeliveryEvent::Failed { pod, error, .. })) => {
                    bail!("the package cannot be delivered to pod {pod}: {error}")
                }
                Ok(Some(DeliveryEvent::WatchInterrupted { error })) => {
                    progress.println(&format!("pod watch interrupted ({error}); resuming"));
                }
            }
        }
        line.finish(&format!("delivered to all {} pods", self.expected.len()));
        Ok(())
    }

    async fn next_event(&self) -> Option<DeliveryEvent> {
        let mut events = self.events.lock().await;
        events.as_mut()?.recv().await
    }

    async fn ended_error(&self) -> anyhow::Error {
        let task = lock(&self.task).take();
        match task {
            Some(task) => match task.await {
                Ok(Err(e)) => e,
                Ok(Ok(())) => anyhow!("the package delivery of job {} stopped", self.job_id),
                Err(e) => anyhow!("the package delivery of job {} failed: {e}", self.job_id),
            },
            None => anyhow!("the package delivery of job {} is not running", self.job_id),
        }
    }

    /// After the submit: tells of every later delivery (restarted or recreated pods); a pod
    /// that cannot get it now is a warning (the job runs). Returns only when the delivery
    /// cannot go on; pending forever for the other methods.
    pub async fn keep_delivering(&self) -> Result<()> {
        if !self.direct {
            return std::future::pending().await;
        }
        loop {
            match self.next_event().await {
                None => return Err(self.ended_error().await),
                Some(DeliveryEvent::Delivered { pod, .. }) => {
                    eprintln!("package delivered to pod {pod}")
                }
                Some(DeliveryEvent::Failed { pod, error, .. }) => {
                    eprintln!("warning: cannot deliver the package to pod {pod}: {error}")
                }
                Some(DeliveryEvent::WatchInterrupted { error }) => {
                    eprintln!("warning: pod watch interrupted ({error}); resuming")
                }
            }
        }
    }

    /// Stops delivering (uploads under way are abandoned).
    pub fn stop(&self) {
        if let Some(stop) = lock(&self.stop).take() {
            let _ = stop.send(());
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
