//! Following the deletion of the jobs' objects with one watcher per kind, publishing what is
//! left of each job.

use std::collections::{BTreeMap, BTreeSet};

use futures::StreamExt;
use futures::future;
use futures::stream::{BoxStream, SelectAll};
use kube::api::{Api, DynamicObject};
use kube::runtime::{WatchStreamExt, watcher};
use tokio::sync::watch;

use super::steps::{OnStep, Step};
use super::targets::{JobToKill, Kind, Owned};
use crate::cluster::Cluster;
use crate::twister2::job_summary::job_of;
use crate::twister2::names::JOB;

/// What the watchers know, shared with the per-job tasks.
#[derive(Debug, Clone, Default)]
pub(super) struct Watched {
    /// Objects of each job still present.
    pub(super) left: BTreeMap<String, BTreeSet<Owned>>,
    /// The last watch error, if any.
    pub(super) problem: Option<String>,
}

/// What one watcher saw.
enum Seen {
    Init,
    Present(String, String),
    InitDone,
    Gone(String, String),
    Problem(String),
}

/// One watcher of `kind`'s objects labelled `selector` in `namespace`.
fn watch_kind(
    cluster: &Cluster,
    namespace: &str,
    selector: &str,
    kind: Kind,
) -> BoxStream<'static, (Kind, Seen)> {
    let api: Api<DynamicObject> =
        Api::namespaced_with(cluster.client.clone(), namespace, &kind.resource());
    let ident = |o: &DynamicObject| {
        let meta = &o.metadata;
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

/// Follow the deletion of the jobs' objects: one watcher per kind present, for every job at
/// once (`t2-job in (…)`), publishing what is left through `tx`.
pub(super) async fn track(
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
        streams.push(watch_kind(cluster, namespace, &selector, *kind));
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
