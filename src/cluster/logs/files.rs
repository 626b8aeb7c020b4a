//! `--files`: the log files Twister2 writes inside its pods (`Twister2FileLogHandler`:
//! `/twister2-volatile/logs` or `/persistent/logs`, `worker-<ID>.log.<n>`, `jobMaster.log.<n>`,
//! `mpiMaster.log.<n>`), fetched through exec with argv commands (`ls DIR`, `cat FILE`), printed
//! with prefixes or written into `--save DIR` under their own names.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::{Result, anyhow};
use k8s_openapi::api::core::v1::Pod;
use tokio::sync::{Mutex, OwnedSemaphorePermit};
use tokio::task::JoinSet;

use crate::cluster::Cluster;
use crate::cluster::exec::exec;
use crate::cluster::logs::context::Ctx;
use crate::cluster::logs::instance::{Run, view};
use crate::cluster::logs::job::FoundJob;
use crate::cluster::logs::lines::LineSplitter;
use crate::cluster::logs::mux::{self, Writer};
use crate::cluster::logs::once::selected;
use crate::cluster::logs::options::{Destination, LogOptions};
use crate::cluster::logs::sources::{Role, Source};
use crate::twister2::spec::{PERSISTENT_MOUNT, VOLATILE_MOUNT};

/// Where Twister2 puts its log files, in the order they are looked for.
pub fn log_dirs() -> [String; 2] {
    [
        format!("{VOLATILE_MOUNT}/logs"),
        format!("{PERSISTENT_MOUNT}/logs"),
    ]
}

/// The rotation index of `name` if it is `<stem>.log.<n>`.
fn rotation(name: &str, stem: &str) -> Option<u32> {
    let digits = name.strip_prefix(stem)?.strip_prefix(".log.")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The files of `role` among `names`, oldest first (Java's file handler writes `.0` and shifts
/// older ones to `.1`, `.2`, …).
pub fn files_of(role: &Role, names: &[String]) -> Vec<String> {
    let stems: Vec<String> = match role {
        Role::JobMaster => vec!["jobMaster".to_string()],
        Role::Worker(id) => vec![format!("worker-{id}")],
        Role::OpenMpi { .. } => {
            let mut stems: Vec<String> = names
                .iter()
                .filter_map(|n| n.split_once(".log.").map(|(stem, _)| stem.to_string()))
                .filter(|stem| stem == "mpiMaster" || stem.starts_with("worker-"))
                .collect();
            stems.sort();
            stems.dedup();
            stems
        }
        Role::Other => Vec::new(),
    };
    let mut out = Vec::new();
    for stem in stems {
        let mut found: Vec<(u32, &String)> = names
            .iter()
            .filter_map(|n| rotation(n, &stem).map(|i| (i, n)))
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        out.extend(found.into_iter().map(|(_, n)| n.clone()));
    }
    out
}

/// The log files in a pod: (directory, file names) of the first log directory that holds any.
type Listing = Option<(String, Vec<String>)>;

/// A pod's listing, read by whichever of its sources asks first.
type SharedListing = Arc<tokio::sync::OnceCell<Result<Listing, String>>>;

/// Listings per pod, each read once.
#[derive(Default)]
struct Listings {
    by_pod: Mutex<HashMap<String, SharedListing>>,
}

impl Listings {
    async fn of(&self, cluster: &Cluster, source: &Source) -> Result<Listing, String> {
        let cell = {
            let mut map = self.by_pod.lock().await;
            map.entry(source.uid.clone()).or_default().clone()
        };
        cell.get_or_init(|| list(cluster, source)).await.clone()
    }
}

/// `ls` each log directory in the source's container; the first that lists files wins.
async fn list(cluster: &Cluster, source: &Source) -> Result<Listing, String> {
    for dir in log_dirs() {
        let outcome = exec(cluster, &source.pod, &source.container, &["ls", &dir], None)
            .await
            .map_err(|e| format!("{e:#}"))?;
        if !outcome.success() {
            continue;
        }
        let names: Vec<String> = outcome
            .stdout_text()
            .lines()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        if !names.is_empty() {
            return Ok(Some((dir, names)));
        }
    }
    Ok(None)
}

/// Fetch the in-pod log files of every selected source.
pub async fn fetch(
    cluster: &Cluster,
    job_id: &str,
    found: &FoundJob,
    options: &LogOptions,
    out: super::Out,
) -> Result<()> {
    if found.pods.is_empty() {
        return Err(anyhow!(
            "job {job_id} in namespace {} has no pods, so no log files",
            cluster.namespace
        ));
    }
    let sources = selected(found, options);
    if sources.is_empty() {
        return Err(anyhow!(
            "no container of job {job_id} matches --worker/--job-master/--container"
        ));
    }
    if let Destination::Save(dir) = &options.destination {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| anyhow!("cannot create {}: {e}", dir.display()))?;
    }
    let writer = matches!(options.destination, Destination::Print { .. }).then(|| Writer::to(out));
    let ctx = Ctx::new(cluster, job_id, options, None);
    let listings = Arc::new(Listings::default());
    let mut tasks = JoinSet::new();
    for (source, pod) in sources {
        let channel = writer.as_ref().map(|w| w.channel(mux::ORDERED_DEPTH));
        let Some(permit) = ctx.slot().await else {
            break;
        };
        tasks.spawn(fetch_source(
            ctx.clone(),
            listings.clone(),
            source,
            pod,
            channel,
            permit,
        ));
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

async fn fetch_source(
    ctx: Arc<Ctx>,
    listings: Arc<Listings>,
    source: Source,
    pod: Arc<Pod>,
    channel: Option<tokio::sync::mpsc::Sender<Vec<u8>>>,
    permit: OwnedSemaphorePermit,
) {
    let _permit = permit;
    if matches!(source.role, Role::Other) {
        eprintln!(
            "note: {}: not a Twister2 worker or job master container: no log files to fetch",
            source.label
        );
        return;
    }
    if view(&pod, &source.container).run != Run::Running {
        eprintln!(
            "note: {}: container {} of pod {} is not running: its files cannot be read",
            source.label, source.container, source.pod
        );
        return;
    }
    let (dir, names) = match listings.of(&ctx.cluster, &source).await {
        Ok(Some(listing)) => listing,
        Ok(None) => {
            eprintln!(
                "note: {}: no log files in {} of pod {}",
                source.label,
                log_dirs().join(" or "),
                source.pod
            );
            return;
        }
        Err(e) => {
            ctx.source_failed(&source.label, &e);
            return;
        }
    };
    let files = files_of(&source.role, &names);
    if files.is_empty() {
        eprintln!(
            "note: {}: no log file of it in {dir} of pod {}",
            source.label, source.pod
        );
        return;
    }
    let mut emitter = match (&ctx.options.destination, channel) {
        (Destination::Print { .. }, Some(channel)) => ctx.emitter(&source, Some(channel)),
        _ => None,
    };
    for name in files {
        let path = format!("{dir}/{name}");
        let outcome = match exec(
            &ctx.cluster,
            &source.pod,
            &source.container,
            &["cat", &path],
            None,
        )
        .await
        {
            Ok(outcome) if outcome.success() => outcome,
            Ok(outcome) => {
                ctx.source_failed(
                    &source.label,
                    &format!(
                        "cat {path} in pod {}: {}",
                        source.pod,
                        outcome.failure_text()
                    ),
                );
                continue;
            }
            Err(e) => {
                ctx.source_failed(&source.label, &format!("{e:#}"));
                continue;
            }
        };
        match (&ctx.options.destination, emitter.as_mut()) {
            (Destination::Save(dir), _) => {
                let target = dir.join(&name);
                match tokio::fs::write(&target, &outcome.stdout).await {
                    Ok(()) => eprintln!("saved {} {path} to {}", source.label, target.display()),
                    Err(e) => {
                        ctx.fail_all(format!("cannot write {}: {e}", target.display()));
                        return;
                    }
                }
            }
            (Destination::Print { .. }, Some(emitter)) => {
                let mut splitter = LineSplitter::default();
                splitter.feed(&outcome.stdout, |line| emitter.line(&[], line));
                if let Some(rest) = splitter.take_rest() {
                    emitter.line(&[], &rest);
                }
                if let Err(e) = emitter.flush().await {
                    ctx.sink_failed(e);
                    return;
                }
            }
            (Destination::Print { .. }, None) => return,
        }
    }
    if let Some(emitter) = emitter
        && let Err(e) = emitter.finish().await
    {
        ctx.sink_failed(e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn files_are_picked_per_role_oldest_first() {
        let listing = names(&[
            "worker-1.log.0",
            "worker-1.log.1",
            "worker-10.log.0",
            "worker-1.log.0.lck",
            "jobMaster.log.0",
            "mpiMaster.log.0",
            "notes.txt",
        ]);
        assert_eq!(
            files_of(&Role::Worker(1), &listing),
            ["worker-1.log.1", "worker-1.log.0"]
        );
        assert_eq!(files_of(&Role::Worker(10), &listing), ["worker-10.log.0"]);
        assert!(files_of(&Role::Worker(2), &listing).is_empty());
        assert_eq!(files_of(&Role::JobMaster, &listing), ["jobMaster.log.0"]);
        assert_eq!(
            files_of(&Role::OpenMpi { file_id: None }, &listing),
            [
                "mpiMaster.log.0",
                "worker-1.log.1",
                "worker-1.log.0",
                "worker-10.log.0"
            ]
        );
        assert!(files_of(&Role::Other, &listing).is_empty());
        assert_eq!(
            log_dirs(),
            [
                "/twister2-volatile/logs".to_string(),
                "/persistent/logs".to_string()
            ]
        );
    }
}
