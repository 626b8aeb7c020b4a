//! `kubectl twister2 kill JOBID...|--last|--all`: find the jobs (one list per kind), confirm,
//! then run Twister2's kill protocol on all of them at once with progress on stderr; prints
//! `job "<jobID>" killed` per job on stdout. A killed job whose package could not be removed
//! from S3 gets a warning, and the command exits 1 as for other clean-up failures.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};

use crate::cli::GlobalArgs;
use crate::cli::jobs::KillArgs;
use crate::cluster::job_objects::{self, Extras, Jobs, Scope};
use crate::cluster::kill::{self, Cleanup, JobToKill, KillOptions, KillReport, Step};
use crate::cluster::{self};
use crate::exit::usage;
use crate::output::progress::{Line, Progress};
use crate::output::prompt;
use crate::state;
use crate::twister2::names::is_dns1123_label;

/// Refuse (exit 2) jobIDs that cannot name Kubernetes objects, before any request: they would
/// only match nothing, or widen a label selector.
pub fn check_job_ids(ids: &[String]) -> Result<()> {
    let bad: Vec<&String> = ids.iter().filter(|id| !is_dns1123_label(id)).collect();
    if bad.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = bad.iter().map(|id| format!("{id:?}")).collect();
    Err(usage(format!(
        "not a valid Twister2 job ID: {} (a job ID has lower-case letters, digits and '-', \
starts and ends with a letter or digit, and has at most 63 characters)",
        listed.join(", ")
    )))
}

/// The error for a job that does not exist.
pub fn not_found(job_id: &str, namespace: &str) -> anyhow::Error {
    anyhow!(
        "job {job_id:?} not found in namespace {namespace:?} (`kubectl twister2 jobs -n \
{namespace}` lists the jobs there)"
    )
}

/// Run `kill`.
pub async fn run(global: &GlobalArgs, args: &KillArgs) -> Result<()> {
    let wanted: Option<Vec<String>> = if args.all {
        None
    } else if args.last {
        Some(vec![state::last_job()?])
    } else {
        let mut ids = Vec::new();
        for id in &args.job_ids {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        Some(ids)
    };
    if let Some(ids) = &wanted {
        check_job_ids(ids)?;
    }
    let cluster = cluster::connect(global).await?;
    let namespace = cluster.namespace.clone();
    let jobs = match &wanted {
        Some(ids) => Jobs::Ids(ids),
        None => Jobs::All,
    };
    let extras = Extras {
        claims: true,
        events: false,
        uploader_pods: true,
    };
    let listing = job_objects::fetch(&cluster, Scope::Namespace(&namespace), jobs, extras).await?;
    for warning in &listing.warnings {
        eprintln!("warning: {warning}");
    }
    let (targets, missing) = match &wanted {
        Some(ids) => kill::select(&listing.objects, ids),
        None => (kill::all_jobs(&listing.objects), Vec::new()),
    };
    let missing_error = if missing.is_empty() || args.ignore_not_found {
        None
    } else {
        Some(
            missing
                .iter()
                .map(|id| not_found(id, &namespace).to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    };
    if targets.is_empty() {
        if wanted.is_none() {
            eprintln!("No Twister2 jobs found in namespace {namespace}.");
        }
        return match missing_error {
            Some(message) => Err(anyhow!(message)),
            None => Ok(()),
        };
    }
    let ids: Vec<&str> = targets.iter().map(|j| j.job_id.as_str()).collect();
    let question = match ids.as_slice() {
        [one] => format!("Kill job {one} in namespace {namespace}?"),
        many => format!(
            "Kill {} jobs in namespace {namespace} ({})?",
            many.len(),
            many.join(", ")
        ),
    };
    if !prompt::confirm(&question, args.yes)? {
        eprintln!("Nothing was killed.");
        return Ok(());
    }
    let interrupted = crate::signals::interrupted();
    let failures = tokio::select! {
        failures = kill_and_report(&cluster, &namespace, &targets, &listing, args) => failures,
        signal = interrupted => {
            let ids: Vec<&str> = targets.iter().map(|j| j.job_id.as_str()).collect();
            return Err(crate::exit::ExitStatus {
                code: 130,
                message: format!(
                    "interrupted ({signal}) while killing {}: what was signalled and deleted so \
    far stays so (a job master that got KILL_JOB deletes its job); run `kubectl twister2 kill {} -n \
    {namespace}` again to delete what is left",
                    ids.join(", "),
                    ids.join(" ")
                ),
            }
            .into());
        }
    };
    let mut messages: Vec<String> = failures;
    if let Some(message) = missing_error {
        messages.push(message);
    }
    if messages.is_empty() {
        Ok(())
    } else {
        Err(anyhow!(messages.join("\n")))
    }
}

/// Kill, show progress, print one line per killed job; returns the failures' messages.
async fn kill_and_report(
    cluster: &cluster::Cluster,
    namespace: &str,
    targets: &[JobToKill],
    listing: &job_objects::Listing,
    args: &KillArgs,
) -> Vec<String> {
    let progress = Progress::new();
    let lines: BTreeMap<String, Line> = targets
        .iter()
        .map(|j| (j.job_id.clone(), progress.line(&j.job_id)))
        .collect();
    let on_step = |job_id: &str, step: Step| {
        if let Some(line) = lines.get(job_id) {
            line.step(&step.to_string());
        }
    };
    let opts = KillOptions {
        timeout: args.timeout,
        keep_data: args.keep_data,
    };
    let results = kill::kill_jobs(cluster, targets, &listing.uploader_pods, opts, &on_step).await;
    let mut failures = Vec::new();
    for (job, result) in targets.iter().zip(results) {
        let line = lines.get(&job.job_id);
        match result {
            Ok(report) => {
                if let Some(line) = line {
                    line.finish(&summary(&report));
                }
                println!("job {:?} killed", report.job_id);
                if !args.keep_data {
                    forget_saved_package(&report.job_id, &progress);
                }
                for warning in &report.warnings {
                    progress.println(&format!("warning: job {:?}: {warning}", report.job_id));
                }
                if !report.warnings.is_empty() {
                    failures.push(format!(
                        "job {:?} was killed, but its clean-up is incomplete (see the warning above)",
                        report.job_id
                    ));
                }
            }
            Err(e) => {
                if let Some(line) = line {
                    line.finish("failed");
                }
                failures.push(format!(
                    "cannot kill job {:?} in namespace {namespace:?}: {e:#}",
                    job.job_id
                ));
            }
        }
    }
    failures
}

/// A killed job is not restarted: its saved package (checkpointed jobs, in Twister2's
/// repository) goes too, as Twister2's `kill` removes it. A failure is a warning.
fn forget_saved_package(job_id: &str, progress: &Progress) {
    let removed = state::repository::repository_dir(None)
        .and_then(|dir| state::repository::remove(&dir, job_id).map(|removed| (dir, removed)));
    match removed {
        Ok((dir, true)) => progress.println(&format!(
            "job {job_id}: its saved package was removed from {} (--keep-data keeps it)",
            dir.display()
        )),
        Ok((_, false)) => {}
        Err(e) => progress.println(&format!(
            "warning: job {job_id:?}: cannot remove its saved package: {e:#}"
        )),
    }
}

/// The final progress line of a killed job.
fn summary(report: &KillReport) -> String {
    let mut text = match report.cleanup {
        Cleanup::JobMaster => "killed: its job master cleaned up".to_string(),
        Cleanup::AfterTimeout => format!(
            "killed: deleted {} the job master left",
            kill::objects(report.deleted.len())
        ),
        Cleanup::Direct => format!("killed: deleted {}", kill::objects(report.deleted.len())),
    };
    if !report.kept.is_empty() {
        text.push_str(&format!("; kept {}", report.kept.join(", ")));
    }
    if !report.package_removed_from.is_empty() {
        text.push_str(&format!(
            "; package removed from {}",
            kill::uploader_pods(report.package_removed_from.len())
        ));
    }
    if let Some(object) = &report.s3_package_removed {
        text.push_str(&format!("; package {object} removed"));
    }
    if !report.warnings.is_empty() {
        text.push_str("; clean-up incomplete");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::code_for;

    #[test]
    fn job_ids_are_checked_before_any_request() {
        assert!(check_job_ids(&["u-hello-36cz77mu".to_string()]).is_ok());
        let err = check_job_ids(&["ok-1".into(), "Bad_Id".into(), "a,b".into()]).unwrap_err();
        assert_eq!(code_for(&err), 2);
        let text = err.to_string();
        assert!(text.contains("\"Bad_Id\", \"a,b\""), "{text}");
        assert!(!text.contains("ok-1"), "{text}");
    }

    #[test]
    fn not_found_names_job_and_namespace() {
        let text = not_found("u-x-1", "jobs").to_string();
        assert!(
            text.starts_with("job \"u-x-1\" not found in namespace \"jobs\""),
            "{text}"
        );
    }

    #[test]
    fn summaries_say_who_cleaned_up() {
        let mut report = KillReport {
            job_id: "j".into(),
            cleanup: Cleanup::JobMaster,
            deleted: vec![],
            kept: vec![],
            package_removed_from: vec!["up-0".into()],
            s3_package_removed: None,
            warnings: vec![],
        };
        assert_eq!(
            summary(&report),
            "killed: its job master cleaned up; package removed from 1 uploader pod"
        );
        report.cleanup = Cleanup::AfterTimeout;
        report.deleted = vec!["statefulset/j-0".into(), "configmap/j".into()];
        report.kept = vec!["persistentvolumeclaim/j".into()];
        report.package_removed_from.clear();
        assert_eq!(
            summary(&report),
            "killed: deleted 2 objects the job master left; kept persistentvolumeclaim/j"
        );
        report.kept.clear();
        report.s3_package_removed = Some("s3://b/j.tar.gz".into());
        assert_eq!(
            summary(&report),
            "killed: deleted 2 objects the job master left; package s3://b/j.tar.gz removed"
        );
        report.s3_package_removed = None;
        report.warnings = vec!["cannot remove the job package s3://b/j.tar.gz: …".into()];
        assert_eq!(
            summary(&report),
            "killed: deleted 2 objects the job master left; clean-up incomplete"
        );
    }
}
