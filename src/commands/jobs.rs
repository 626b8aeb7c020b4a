//! `kubectl twister2 jobs` (alias `list`): the Twister2 jobs of a namespace (or all, `-A`),
//! whichever client submitted them, as a table, `-o wide`, `-o json|yaml` (a `JobList`) or
//! `-o name` (jobIDs).

use anyhow::Result;

use crate::cli::jobs::JobsArgs;
use crate::cli::{GlobalArgs, ListFormat};
use crate::cluster::job_objects::{self, Extras, Jobs, Scope};
use crate::cluster::{self, Cluster};
use crate::output::jobs as jobs_view;
use crate::twister2::job_summary::summarize;

/// Run `jobs`.
pub async fn run(global: &GlobalArgs, args: &JobsArgs) -> Result<()> {
    let cluster = cluster::connect(global).await?;
    let scope = if args.all_namespaces {
        Scope::AllNamespaces
    } else {
        Scope::Namespace(&cluster.namespace)
    };
    let listing = job_objects::fetch(&cluster, scope, Jobs::All, Extras::default()).await?;
    for warning in &listing.warnings {
        eprintln!("warning: {warning}");
    }
    let jobs = summarize(&listing.objects);
    let output = &args.output;
    print!(
        "{}",
        jobs_view::render(
            &jobs,
            output.output,
            output.no_headers,
            args.all_namespaces,
            jiff::Timestamp::now()
        )?
    );
    if jobs.is_empty() && !matches!(args.output.output, ListFormat::Json | ListFormat::Yaml) {
        eprintln!("{}", empty_message(&cluster, args.all_namespaces));
    }
    Ok(())
}

/// kubectl's "No resources found" for jobs.
fn empty_message(cluster: &Cluster, all_namespaces: bool) -> String {
    if all_namespaces {
        "No Twister2 jobs found.".to_string()
    } else {
        format!("No Twister2 jobs found in namespace {}.", cluster.namespace)
    }
}
