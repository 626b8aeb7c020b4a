//! `kubectl twister2 submit`: arguments → request (every problem at once) → pre-flight (one
//! concurrent wave of reads) → plan (spec, Job, package, the pods' configuration agreeing with
//! the objects) → creation (one concurrent wave, exposure objects after the ConfigMap they hang
//! from) → package delivery → waiting with progress. With the S3 upload method the package goes
//! to S3 and is presigned before the creation instead (the objects carry its URL). Any failure,
//! a timeout, a package that does not reach a pod, or Ctrl-C/SIGTERM/SIGHUP before the job runs
//! deletes everything created so far and the uploaded package, then reports the original error.
//! `restart` runs the same steps from a saved package.
//!
//! Files: `request` (arguments → request), `checks` (what pre-flight looks for), `create` (the
//! writes), `delivery` (the direct method's package delivery), `s3` (the S3 upload method),
//! `rollback` (what was created, and undoing it) and `attached` (staying until the job ends);
//! this file runs the steps in order.

mod attached;
mod checks;
mod create;
pub mod delivery;
pub mod request;
pub mod rollback;
pub mod s3;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use anyhow::{Result, anyhow};
use serde_json::Value;

use crate::cli::jobs::{RunArgs, SubmitArgs, WaitArgs};
use crate::cli::{DryRun, GlobalArgs, StructuredFormat, WriteFormat};
use crate::cluster::preflight;
use crate::cluster::{self, Cluster};
use crate::exit::Problems;
use crate::manifests::{self, fit};
use crate::output::{document, progress::Progress};
use crate::twister2::spec::{Exposure, UploadMethod};
use crate::twister2::submit::{
    self as plan, ClusterFacts, Namespace, NamespaceOrigin, Plan, SubmitRequest, ZooKeeperUse,
};
use attached::attached;
use checks::preflight_input;
use create::{create_all, node_port_problem, server_dry_run};
use delivery::Delivery;
use rollback::Created;

/// Run `submit`.
pub async fn run(global: &GlobalArgs, args: &SubmitArgs) -> Result<()> {
    let now = crate::twister2::job_id::now_ms();
    let namespace = local_namespace(global).await;
    let request = request::request(args, namespace, now)?;
    let objects = serde_json::to_value(&args.objects)?;
    execute(global, &request, &args.run, &objects, now).await
}

/// Submit `request` (a new job, or a restart): `objects` is the record of the object options
/// kept beside a checkpointed job's package.
pub async fn execute(
    global: &GlobalArgs,
    request: &SubmitRequest,
    run: &RunArgs,
    objects: &Value,
    now: i64,
) -> Result<()> {
    let RunArgs {
        waiting,
        checks,
        write,
    } = run;
    if write.dry_run == DryRun::Client {
        let facts = ClusterFacts {
            uploader_present: true,
            zookeeper: discoverable_placeholder(request),
            ..ClusterFacts::default()
        };
        let plan = match plan::build(request, &facts, waiting.detach, now) {
            Ok(plan) => plan,
            Err(refused) => {
                refused
                    .problems
                    .into_result(&format!("cannot submit job {}", request.job_id))?;
                unreachable_plan()?
            }
        };
        print_notices(&plan);
        if let Some(note) = s3::placeholder_note(&plan) {
            eprintln!("{note}");
        }
        return print_objects(&plan, write.output.unwrap_or(WriteFormat::Yaml));
    }

    let mut cluster = cluster::connect(global).await?;
    // The namespace was resolved from the flags and the kubeconfig before (a restart: the saved
    // package's); the connection resolves it the same way.
    cluster.namespace = request.namespace.name.clone();
    let input = preflight_input(request, waiting, checks);
    let report = preflight::run(&cluster, &input).await?;
    let facts = ClusterFacts {
        uploader_present: !report.uploader_pods.is_empty(),
        encoded_node_info: report.encoded_node_info.clone(),
        zookeeper: report.zookeeper.clone(),
        dashboard: report.dashboard.clone(),
    };
    let mut problems = Problems::default();
    report
        .problems
        .iter()
        .for_each(|p| problems.other(p.clone()));
    let (plan, refused_spec) = match plan::build(request, &facts, waiting.detach, now) {
        Ok(plan) => (Some(plan), None),
        Err(refused) => {
            problems.absorb(refused.problems);
            (None, refused.spec)
        }
    };
    let mut warnings = Vec::new();
    // A spec refused for its names is still checked against the cluster: one report of all.
    if let Some(spec) = plan.as_ref().map(|p| &p.spec).or(refused_spec.as_deref()) {
        let findings = fit::check_job(
            &manifests::job::render(spec),
            spec,
            &report.view(&cluster.namespace),
        );
        findings
            .all_problems()
            .into_iter()
            .for_each(|p| problems.other(p));
        warnings.extend(findings.warnings);
    }
    warnings.extend(fit::skipped_note(
        report.nodes_forbidden(),
        input.node_info,
        report.storage_classes_forbidden(),
        &cluster.namespace,
    ));
    if s3_uploader(request)
        && let Some(problem) = s3::aws_problem(&cluster.namespace)
    {
        problems.other(problem);
    }
    if let Some(plan) = &plan {
        if waiting.detach && plan.spec.upload == UploadMethod::ClientToPods {
            problems.usage(format!(
                "--detach needs the web-server upload method, but no uploader pods run in \
namespace \"{}\" (with the direct method the client must stay attached to copy the package into \
pods as they start); install one with `kubectl twister2 setup uploader -n {}`",
                cluster.namespace, cluster.namespace
            ));
        }
        if let Exposure::NodePort {
            node_port: Some(port),
        } = plan.spec.exposure
            && let Some(problem) = node_port_problem(&cluster, plan, port).await?
        {
            problems.other(problem);
        }
        print_notices(plan);
    }
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    problems.into_result(&format!("cannot submit job {}", request.job_id))?;
    let Some(plan) = plan else {
        return unreachable_plan();
    };
    if write.dry_run == DryRun::Server {
        if let Some(note) = s3::placeholder_note(&plan) {
            eprintln!("{note}");
        }
        return server_dry_run(&cluster, &plan, write.output).await;
    }
    submit(&cluster, plan, waiting, objects).await
}

/// A dry run cannot look for the `setup zookeeper` service: it shows where its address goes.
fn discoverable_placeholder(request: &SubmitRequest) -> Option<String> {
    matches!(request.zookeeper, ZooKeeperUse::Discover { .. })
        .then(|| crate::twister2::names::zookeeper::server_addresses("<namespace>"))
}

fn s3_uploader(request: &SubmitRequest) -> bool {
    request.config.uses_s3_uploader()
}

/// Create, upload, wait (and, with the direct method, see the package reach every pod); roll
/// back on failure or an interrupting signal. Then stay as asked.
async fn submit(
    cluster: &Cluster,
    mut plan: Plan,
    waiting: &WaitArgs,
    objects: &Value,
) -> Result<()> {
    let job_id = plan.spec.job_id.clone();
    let progress = Progress::new();
    let created = Created::default();
    let package = Arc::new(plan.package.bytes().to_vec());
    let delivery = Delivery::new(&plan.spec, package.clone());
    delivery.start(cluster).await;
    let interrupted = crate::signals::interrupted();
    tokio::pin!(interrupted);
    let work = async {
        // S3: the objects carry the presigned URL, so the upload comes first.
        s3::upload(&mut plan, &created, &progress).await?;
        let plan = &plan;
        // The package goes to the uploader while the objects are created (as Twister2 does:
        // pods retry their download), so the upload adds no wave to the critical path.
        let upload = async {
            if let UploadMethod::WebServer { .. } = plan.spec.upload {
                let pods = cluster::upload::upload_to_uploaders(
                    cluster,
                    plan.config.uploader_web_server_label(),
                    plan.config.uploader_web_server_directory(),
                    &crate::twister2::names::package_file_name(&job_id),
                    package.clone(),
                )
                .await?;
                created.note_uploaded(pods);
                progress.println(&format!(
                    "job {job_id}: package ({} bytes) uploaded to the uploader",
                    package.len()
                ));
            }
            anyhow::Ok(())
        };
        let create = async {
            create_all(cluster, plan, &created).await?;
            progress.println(&format!("job {job_id}: objects created"));
            anyhow::Ok(())
        };
        let (created_result, uploaded_result) = futures::join!(create, upload);
        match (created_result, uploaded_result) {
            (Ok(()), Ok(())) => {}
            (Err(e), Ok(())) | (Ok(()), Err(e)) => return Err(e),
            (Err(create), Err(upload)) => return Err(create.context(format!("{upload:#}"))),
        }
        if !waiting.detach {
            let running = cluster::job_wait::wait_until_running(
                cluster,
                &plan.spec,
                waiting.timeout,
                &progress,
            );
            // The direct method: the job runs only once every pod has its package.
            let delivered = delivery.first_round(waiting.timeout, &progress);
            futures::try_join!(running, delivered)?;
        }
        anyhow::Ok(())
    };
    let outcome = tokio::select! {
        result = work => result,
        signal = &mut interrupted => Err(anyhow!("interrupted ({signal}) before the job was running")),
    };
    if let Err(error) = outcome {
        delivery.stop();
        let leftovers = rollback::undo(cluster, &created, &plan).await;
        return Err(match leftovers {
            Ok(()) => error.context(format!(
                "submit of job {job_id} failed; everything it created was deleted"
            )),
            Err(cleanup) => error.context(format!(
                "submit of job {job_id} failed, and the clean-up failed too ({cleanup:#}); remove the rest with `kubectl twister2 kill {job_id} -n {}`",
                cluster.namespace
            )),
        });
    }
    if let Err(e) = crate::state::remember_last_job(&job_id) {
        progress.println(&format!(
            "warning: cannot remember the job for --last: {e:#}"
        ));
    }
    keep_for_restart(&plan, objects, &progress);
    println!("{job_id}");
    let ns = &cluster.namespace;
    progress.println(&format!(
        "job {job_id} is {} in namespace {ns}. Next:\n  kubectl twister2 logs {job_id} -f -n {ns}\n  kubectl twister2 describe {job_id} -n {ns}{}\n  kubectl twister2 kill {job_id} -n {ns}",
        if waiting.detach { "created" } else { "running" },
        if plan.spec.exposure == Exposure::None {
            String::new()
        } else {
            format!("\n  kubectl twister2 endpoints {job_id} -n {ns}")
        }
    ));
    let wait = waiting.wait || waiting.follow;
    let stay = wait || delivery.is_direct();
    if !stay {
        delivery.stop();
        return Ok(());
    }
    attached(cluster, &plan, &delivery, wait, waiting.follow, interrupted).await
}

/// A checkpointed job's package is kept where Twister2's client keeps it, so `restart` (of
/// either client) can resubmit it. A failure to keep it is a warning: the job runs.
fn keep_for_restart(plan: &Plan, objects: &Value, progress: &Progress) {
    if !plan.config.checkpointing_enabled() || plan.spec.restore {
        return;
    }
    let kept = crate::state::repository::repository_dir(plan.config.uploader_directory()).and_then(
        |dir| {
            crate::state::repository::save(&dir, &plan.spec.job_id, plan.package.bytes(), objects)
        },
    );
    match kept {
        Ok(path) => progress.println(&format!(
            "job {}: checkpointing is on; its package is kept at {} for `kubectl twister2 restart {}`",
            plan.spec.job_id,
            path.display(),
            plan.spec.job_id
        )),
        Err(e) => progress.println(&format!(
            "warning: cannot keep the package for a restart: {e:#}"
        )),
    }
}

/// The namespace of the objects, resolved without a request: the flag, else the kubeconfig
/// context's, else `default` (what the connection will use).
pub async fn local_namespace(global: &GlobalArgs) -> Namespace {
    if let Some(ns) = &global.namespace {
        return Namespace {
            name: ns.clone(),
            origin: NamespaceOrigin::Flag,
        };
    }
    let name = cluster::connect::resolve_config(global)
        .await
        .map(|c| c.default_namespace)
        .unwrap_or_else(|_| "default".to_string());
    Namespace {
        name,
        origin: NamespaceOrigin::Kubeconfig,
    }
}

/// A plan that failed always noted a problem; this names the impossible case without a panic.
fn unreachable_plan<T>() -> Result<T> {
    Err(anyhow!("the job could not be planned"))
}

fn print_notices(plan: &Plan) {
    for notice in &plan.notices {
        eprintln!("warning: {notice}");
    }
    for note in &plan.notes {
        eprintln!("note: {note}");
    }
}

fn print_objects(plan: &Plan, format: WriteFormat) -> Result<()> {
    let values = manifests::job::render(&plan.spec).to_json_values()?;
    print_values(&values, format)
}

fn print_values(values: &[Value], format: WriteFormat) -> Result<()> {
    let text = match format {
        WriteFormat::Yaml => document::render_objects(values, StructuredFormat::Yaml)?,
        WriteFormat::Json => document::render_objects(values, StructuredFormat::Json)?,
        WriteFormat::Name => document::render_names(values),
    };
    print!("{text}");
    Ok(())
}
