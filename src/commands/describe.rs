//! `kubectl twister2 describe JOBID|--last`: one job's state, compute resources, configuration
//! highlights, objects, pods (with worker IDs) and recent events, kubectl-describe style.

use anyhow::Result;
use jiff::Timestamp;

use crate::cli::GlobalArgs;
use crate::cli::jobs::DescribeArgs;
use crate::cluster::job_objects::{self, Extras, Jobs, Scope};
use crate::cluster::{self};
use crate::commands::kill::{check_job_ids, not_found};
use crate::output::describe as describe_view;
use crate::state;
use crate::twister2::job_summary::describe;

/// Run `describe`.
pub async fn run(global: &GlobalArgs, args: &DescribeArgs) -> Result<()> {
    let job_id = match (&args.job_id, args.last) {
        (Some(id), _) => id.clone(),
        (None, _) => state::last_job()?,
    };
    check_job_ids(std::slice::from_ref(&job_id))?;
    let cluster = cluster::connect(global).await?;
    let ids = [job_id.clone()];
    let extras = Extras {
        claims: true,
        events: true,
        uploader_pods: false,
    };
    let listing = job_objects::fetch(
        &cluster,
        Scope::Namespace(&cluster.namespace),
        Jobs::Ids(&ids),
        extras,
    )
    .await?;
    for warning in &listing.warnings {
        eprintln!("warning: {warning}");
    }
    let details = describe(
        &listing.objects,
        &listing.events,
        &cluster.namespace,
        &job_id,
    )
    .ok_or_else(|| not_found(&job_id, &cluster.namespace))?;
    print!("{}", describe_view::render(&details, Timestamp::now()));
    Ok(())
}
