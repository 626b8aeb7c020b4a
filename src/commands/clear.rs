//! `kubectl twister2 clear JOBID...|--all`: Twister2's `clear` and `clearall` — the saved
//! packages of checkpointed jobs and the claims their job masters kept, removed once the jobs
//! are over. A running job is never cleared (kill it first); `--all` clears every job that is
//! not running.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::cli::GlobalArgs;
use crate::cli::jobs::ClearArgs;
use crate::cluster::{self, clear};
use crate::commands::kill::check_job_ids;
use crate::exit::Problems;
use crate::output::prompt;
use crate::state::repository;

/// What clearing one job removes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Clearing {
    job_id: String,
    package: Option<PathBuf>,
    claim: bool,
}

/// Run `clear`.
pub async fn run(global: &GlobalArgs, args: &ClearArgs) -> Result<()> {
    check_job_ids(&args.job_ids)?;
    let dir = match &args.repository {
        Some(dir) => dir.clone(),
        None => repository::repository_dir(None)?,
    };
    let saved: BTreeSet<String> = repository::saved_jobs(&dir)?.into_iter().collect();
    let cluster = cluster::connect(global).await?;
    let ns = cluster.namespace.clone();
    let state = clear::read_state(&cluster).await?;
    let candidates: Vec<String> = if args.all {
        saved
            .iter()
            .chain(state.claims.iter())
            .filter(|id| !state.running.contains(*id))
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    } else {
        let running: Vec<&String> = args
            .job_ids
            .iter()
            .filter(|id| state.running.contains(*id))
            .collect();
        if !running.is_empty() {
            bail!(
                "job {} is running in namespace {ns}; kill it first (`kubectl twister2 kill {}`), \
then clear it",
                running
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                running[0]
            );
        }
        args.job_ids.clone()
    };
    let plan: Vec<Clearing> = candidates
        .iter()
        .map(|id| Clearing {
            job_id: id.clone(),
            package: saved.contains(id).then(|| dir.join(id)),
            claim: state.claims.contains(id),
        })
        .collect();
    let (work, nothing): (Vec<Clearing>, Vec<Clearing>) = plan
        .into_iter()
        .partition(|c| c.package.is_some() || c.claim);
    if !args.all && !nothing.is_empty() {
        let ids: Vec<&str> = nothing.iter().map(|c| c.job_id.as_str()).collect();
        bail!(
            "nothing to clear for job {}: no saved package in {} and no persistentvolumeclaim of \
that name in namespace {ns}",
            ids.join(", "),
            dir.display()
        );
    }
    if work.is_empty() {
        eprintln!(
            "nothing to clear: no saved package in {} and no claim of an ended job in namespace \
{ns}",
            dir.display()
        );
        return Ok(());
    }
    for c in &work {
        eprintln!("{}", describe(c, &ns));
    }
    if args.dry_run {
        eprintln!("(dry run: nothing was removed)");
        return Ok(());
    }
    let question = format!("clear {} job(s) in namespace {ns}?", work.len());
    if !prompt::confirm(&question, args.yes)? {
        bail!("cancelled; nothing was removed");
    }
    let claims: Vec<String> = work
        .iter()
        .filter(|c| c.claim)
        .map(|c| c.job_id.clone())
        .collect();
    let failed_claims = clear::delete_claims(&cluster, &claims).await;
    let mut failures = Problems::default();
    for c in &work {
        let mut cleared = true;
        if let Some((name, why)) = failed_claims.iter().find(|(name, _)| *name == c.job_id) {
            failures.other(format!("persistentvolumeclaim/{name}: {why}"));
            cleared = false;
        }
        if c.package.is_some() && failures.take(repository::remove(&dir, &c.job_id)).is_none() {
            cleared = false;
        }
        if cleared {
            println!("job {:?} cleared", c.job_id);
        }
    }
    failures.into_result("could not clear everything:")
}

fn describe(c: &Clearing, ns: &str) -> String {
    let mut parts = Vec::new();
    if let Some(path) = &c.package {
        parts.push(format!("saved package {}", path.display()));
    }
    if c.claim {
        parts.push(format!(
            "persistentvolumeclaim/{} in namespace {ns}",
            c.job_id
        ));
    }
    format!("job {}: {}", c.job_id, parts.join(", "))
}
