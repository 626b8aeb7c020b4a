//! `kubectl twister2 submit`: arguments → plan (spec, Job, package) → pre-flight (one concurrent
//! wave of reads) → creation (one concurrent wave, exposure objects after the ConfigMap they hang
//! from) → package upload → waiting with progress. With the S3 upload method the package goes to
//! S3 and is presigned before the creation instead (the objects carry its URL). Any failure, a
//! timeout or Ctrl-C before the job runs deletes everything created so far and the uploaded
//! package, then reports the original error.

pub mod plan;
pub mod rollback;
pub mod s3;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use serde_json::Value;

use crate::cli::jobs::SubmitArgs;
use crate::cli::{DryRun, GlobalArgs, StructuredFormat, WriteFormat};
use crate::cluster::job_wait::OutcomeRules;
use crate::cluster::logs::{Destination, LogOptions, Tail};
use crate::cluster::preflight::{self, PreflightInput, Right};
use crate::cluster::upload::DeliveryEvent;
use crate::cluster::{self, Cluster, objects};
use crate::manifests;
use crate::output::{document, progress::Progress};
use crate::twister2::spec::{Exposure, UploadMethod};
use plan::{ClusterFacts, Plan};
use rollback::Created;

/// Run `submit`.
pub async fn run(global: &GlobalArgs, args: &SubmitArgs) -> Result<()> {
    plan::check_arguments(args)?;
    let now = crate::twister2::job_id::now_ms();
    let (config, notices) = plan::effective_config(args)?;
    let identity = plan::identity(args, &config, now)?;
    // Everything the arguments alone decide is checked before the first request.
    plan::compute_resources(args, &config)?;
    plan::check_job_file(&args.job_file)?;
    let uses_s3 = plan::s3_package(&config, &identity.job_id)?.is_some();
    if args.write.dry_run == DryRun::Client {
        let namespace = local_namespace(global).await;
        let facts = ClusterFacts {
            uploader_present: true,
            ..ClusterFacts::default()
        };
        let plan = plan::build(args, config, notices, &identity, &namespace, &facts, now)?;
        print_notices(&plan.notices);
        if let Some(note) = s3::placeholder_note(&plan) {
            eprintln!("{note}");
        }
        return print_objects(&plan, args.write.output.unwrap_or(WriteFormat::Yaml));
    }

    let cluster = cluster::connect(global).await?;
    let input = preflight_input(args, &config, &identity.job_id);
    let report = preflight::run(&cluster, &input).await?;
    let facts = ClusterFacts {
        uploader_present: !report.uploader_pods.is_empty(),
        encoded_node_info: report.encoded_node_info.clone(),
        zookeeper: report.zookeeper.clone(),
        dashboard: report.dashboard.clone(),
    };
    let plan = plan::build(
        args,
        config,
        notices,
        &identity,
        &cluster.namespace,
        &facts,
        now,
    )?;
    let mut problems = report.problems.clone();
    if uses_s3 {
        problems.extend(s3::aws_problem(&cluster.namespace));
    }
    if args.detach && plan.spec.upload == UploadMethod::ClientToPods {
        problems.push(format!(
            "--detach needs the web-server upload method, but no uploader pods run in namespace \
\"{}\" (with the direct method the client must stay attached to copy the package into pods as \
they start); install one with `kubectl twister2 setup uploader -n {}`",
            cluster.namespace, cluster.namespace
        ));
    }
    if let Exposure::NodePort {
        node_port: Some(port),
    } = plan.spec.exposure
        && let Some(problem) = node_port_problem(&cluster, &plan, port).await?
    {
        problems.push(problem);
    }
    print_notices(&plan.notices);
    print_notices(&report.warnings);
    if !problems.is_empty() {
        return Err(anyhow!(
            "cannot submit job {}:\n  - {}",
            plan.spec.job_id,
            problems.join("\n  - ")
        ));
    }
    if args.write.dry_run == DryRun::Server {
        if let Some(note) = s3::placeholder_note(&plan) {
            eprintln!("{note}");
        }
        return server_dry_run(&cluster, &plan, args.write.output).await;
    }
    submit(&cluster, plan, args).await
}

/// A fixed node port is cluster-wide: ask the API server (dry run of the NodePort Service)
/// whether it is free and in the cluster's range, before anything is created.
async fn node_port_problem(cluster: &Cluster, plan: &Plan, port: u16) -> Result<Option<String>> {
    let service = serde_json::to_value(&manifests::job::render(&plan.spec).worker_service)?;
    match objects::create(cluster, &service, true).await {
        Ok(_) => Ok(None),
        Err(kube::Error::Api(status)) if status.code == 422 => {
            let why = status
                .message
                .rsplit_once(&format!("{port}: "))
                .map(|(_, why)| why.to_string())
                .unwrap_or_else(|| status.message.clone());
            Ok(Some(format!(
                "node port {port} cannot be used: {why} (the API server refused it); choose \
another with --expose nodeport=PORT, or let Kubernetes pick one with --expose nodeport"
            )))
        }
        Err(e) => Err(cluster.explain(e)),
    }
}

/// Create, upload, wait; roll back on failure or Ctrl-C.
async fn submit(cluster: &Cluster, mut plan: Plan, args: &SubmitArgs) -> Result<()> {
    let job_id = plan.spec.job_id.clone();
    let progress = Progress::new();
    let created = Created::default();
    let package = Arc::new(plan.package.bytes().to_vec());
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
                    &crate::twister2::package::package_file_name(&job_id),
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
        if !args.detach {
            cluster::job_wait::wait_until_running(cluster, &plan.spec, args.timeout, &progress)
                .await?;
        }
        anyhow::Ok(())
    };
    let outcome = tokio::select! {
        result = work => result,
        _ = tokio::signal::ctrl_c() => Err(anyhow!("interrupted (Ctrl-C) before the job was running")),
    };
    if let Err(error) = outcome {
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
    println!("{job_id}");
    let ns = &cluster.namespace;
    progress.println(&format!(
        "job {job_id} is {} in namespace {ns}. Next:\n  kubectl twister2 logs {job_id} -f -n {ns}\n  kubectl twister2 describe {job_id} -n {ns}{}\n  kubectl twister2 kill {job_id} -n {ns}",
        if args.detach { "created" } else { "running" },
        if plan.spec.exposure == Exposure::None {
            String::new()
        } else {
            format!("\n  kubectl twister2 endpoints {job_id} -n {ns}")
        }
    ));
    let wait = args.wait || args.follow;
    let stay = wait || plan.spec.upload == UploadMethod::ClientToPods;
    if !stay {
        return Ok(());
    }
    attached(cluster, &plan, package, wait, args.follow).await
}

/// After the job runs: keep delivering the package (direct method) and/or wait for the end.
async fn attached(
    cluster: &Cluster,
    plan: &Plan,
    package: Arc<Vec<u8>>,
    wait: bool,
    follow: bool,
) -> Result<()> {
    let job_id = &plan.spec.job_id;
    if plan.spec.upload == UploadMethod::ClientToPods {
        eprintln!(
            "staying attached until the job ends: with the direct upload method this client copies \
the package into pods as they (re)start. Ctrl-C detaches (the job keeps running, but restarted \
pods will not get the package); `kubectl twister2 setup uploader` avoids this."
        );
    }
    let (events_tx, mut events_rx) = tokio::sync::mpsc::unbounded_channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let deliver = async {
        if plan.spec.upload == UploadMethod::ClientToPods {
            cluster::upload::deliver_to_job_pods(
                cluster,
                job_id,
                &crate::twister2::package::package_file_name(job_id),
                package,
                events_tx,
                async {
                    let _ = stop_rx.await;
                },
            )
            .await
        } else {
            drop(events_tx);
            Ok(())
        }
    };
    let report = async {
        while let Some(event) = events_rx.recv().await {
            match event {
                DeliveryEvent::Delivered { pod, .. } => eprintln!("package delivered to pod {pod}"),
                DeliveryEvent::Failed { pod, error, .. } => {
                    eprintln!("warning: cannot deliver the package to pod {pod}: {error}")
                }
                DeliveryEvent::WatchInterrupted { error } => {
                    eprintln!("warning: pod watch interrupted ({error}); resuming")
                }
            }
        }
    };
    let end = async {
        let rules = OutcomeRules {
            max_worker_restarts: max_worker_restarts(plan),
            zookeeper: plan.config.zookeeper_addresses().is_some(),
        };
        let outcome = cluster::job_wait::wait_for_job_end(cluster, job_id, &rules).await;
        let _ = stop_tx.send(());
        outcome
    };
    // --follow: the logs command's streamer, from the first line of every container; it ends
    // by itself when the job's ConfigMap is gone.
    let logs = async {
        if !follow {
            return Ok(());
        }
        let color = crate::output::terminal::use_color(
            crate::output::terminal::ColorChoice::Auto,
            std::io::IsTerminal::is_terminal(&std::io::stdout()),
        );
        let options = LogOptions {
            tail: Tail::All,
            destination: Destination::Print {
                prefix: true,
                color,
            },
            ..LogOptions::default()
        };
        cluster::logs::follow_job(cluster, job_id, &options, std::future::pending()).await
    };
    let run_all = async { futures::join!(deliver, report, end, logs) };
    let (delivered, (), outcome, followed) = tokio::select! {
        all = run_all => all,
        _ = tokio::signal::ctrl_c() => {
            eprintln!("detached; job {job_id} keeps running (kill it with `kubectl twister2 kill {job_id}`)");
            return Ok(());
        }
    };
    delivered?;
    followed?;
    let outcome = outcome?;
    if !wait {
        eprintln!("job {job_id} ended: {outcome}");
        return Ok(());
    }
    if outcome.is_failure() {
        return Err(crate::exit::ExitStatus {
            code: 3,
            message: format!("job {job_id} ended {outcome}"),
        }
        .into());
    }
    eprintln!("job {job_id} {outcome}");
    Ok(())
}

fn max_worker_restarts(plan: &Plan) -> u32 {
    plan.config
        .get_int("twister2.fault.tolerance.max.worker.restarts")
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(5)
}

/// Create every object: the job's own objects in one concurrent wave, then the exposure
/// objects, owned by the ConfigMap so that they go when Twister2's job master deletes it.
async fn create_all(cluster: &Cluster, plan: &Plan, created: &Created) -> Result<()> {
    let mut objects = manifests::job::render(&plan.spec);
    let exposure = std::mem::take(&mut objects.exposure);
    let first_wave = objects.to_json_values()?;
    let results = futures::future::join_all(first_wave.iter().map(|object| async move {
        let result = objects::create(cluster, object, false).await;
        match &result {
            Ok(stored) => created.note(objects::ObjectRef::of(stored, &cluster.namespace)?),
            // No answer (timeout, dropped connection): the server may still have created it,
            // so the rollback deletes it by name too (a 404 then counts as deleted).
            Err(e) if !matches!(e, kube::Error::Api(_)) => {
                created.note(objects::ObjectRef::of(object, &cluster.namespace)?)
            }
            Err(_) => {}
        }
        result.map_err(|e| {
            let what = objects::ObjectRef::of(object, &cluster.namespace)
                .map(|r| r.display())
                .unwrap_or_default();
            anyhow!(
                "cannot create {what}: {}",
                crate::cluster::errors::explain(&e, &cluster.scope())
            )
        })
    }))
    .await;
    let mut config_map = None;
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(stored) if stored["kind"] == "ConfigMap" => config_map = Some(stored),
            Ok(_) => {}
            Err(e) => errors.push(format!("{e:#}")),
        }
    }
    if !errors.is_empty() {
        return Err(anyhow!(errors.join("; ")));
    }
    if exposure.is_empty() {
        return Ok(());
    }
    let mut exposure = exposure;
    let config_map: k8s_openapi::api::core::v1::ConfigMap = serde_json::from_value(
        config_map.context("the ConfigMap was not returned by the API server")?,
    )?;
    manifests::expose::set_owner(&mut exposure, &config_map);
    let mut rest: Vec<Value> = exposure
        .services
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()?;
    if let Some(ingress) = &exposure.ingress {
        rest.push(serde_json::to_value(ingress)?);
    }
    for object in &rest {
        let stored = objects::create(cluster, object, false).await.map_err(|e| {
            anyhow!(
                "cannot create the exposure of the job: {}",
                crate::cluster::errors::explain(&e, &cluster.scope())
            )
        })?;
        created.note(objects::ObjectRef::of(&stored, &cluster.namespace)?);
    }
    Ok(())
}

/// `--dry-run=server`: send every object with dryRun=All, report every rejection, print them.
async fn server_dry_run(cluster: &Cluster, plan: &Plan, output: Option<WriteFormat>) -> Result<()> {
    let values = manifests::job::render(&plan.spec).to_json_values()?;
    let results = futures::future::join_all(
        values
            .iter()
            .map(|object| objects::create(cluster, object, true)),
    )
    .await;
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    for (object, result) in values.iter().zip(results) {
        match result {
            Ok(stored) => accepted.push(stored),
            Err(e) => rejected.push(format!(
                "{}: {}",
                objects::ObjectRef::of(object, &cluster.namespace)
                    .map(|r| r.display())
                    .unwrap_or_default(),
                crate::cluster::errors::explain(&e, &cluster.scope())
            )),
        }
    }
    if !rejected.is_empty() {
        return Err(anyhow!(
            "the API server rejected (dry run, nothing was created):\n  - {}",
            rejected.join("\n  - ")
        ));
    }
    print_values(&accepted, output.unwrap_or(WriteFormat::Name))
}

/// The rights submit uses, for SelfSubjectAccessReviews.
fn required_rights(args: &SubmitArgs, persistent: bool, ingress: bool, s3: bool) -> Vec<Right> {
    let right = |verb, group, resource, subresource| Right {
        verb,
        group,
        resource,
        subresource,
    };
    let mut rights = vec![
        right("create", "", "services", ""),
        right("create", "", "configmaps", ""),
        right("create", "apps", "statefulsets", ""),
        right("list", "", "pods", ""),
        right("watch", "", "pods", ""),
        right("delete", "", "services", ""),
        right("delete", "", "configmaps", ""),
        right("delete", "apps", "statefulsets", ""),
    ];
    // The uploader and the direct method copy the package through the exec API; S3 does not.
    if !s3 {
        rights.push(right("create", "", "pods", "exec"));
    }
    if persistent {
        rights.push(right("create", "", "persistentvolumeclaims", ""));
        rights.push(right("delete", "", "persistentvolumeclaims", ""));
    }
    if ingress {
        rights.push(right("create", "networking.k8s.io", "ingresses", ""));
        rights.push(right("delete", "networking.k8s.io", "ingresses", ""));
    }
    if args.wait {
        rights.push(right("watch", "", "configmaps", ""));
    }
    rights
}

fn preflight_input(
    args: &SubmitArgs,
    config: &crate::twister2::config::Config,
    job_id: &str,
) -> PreflightInput {
    let ingress = args
        .expose
        .as_deref()
        .is_some_and(|e| e.starts_with("ingress="));
    PreflightInput {
        job_id: job_id.to_string(),
        // S3 needs no uploader pods: they are not looked for.
        uploader_selector: (!config.uses_s3_uploader())
            .then(|| config.uploader_web_server_label().to_string()),
        list_nodes: !config.node_locations_from_config(),
        // Twister2 leaves the keys unset (every rack `null`) when the config names none; the
        // plugin uses the same defaults as `nodes label` so labelled nodes are always seen.
        rack_key: Some(
            config
                .rack_label_key()
                .unwrap_or(crate::twister2::spec::DEFAULT_RACK_LABEL_KEY)
                .to_string(),
        ),
        datacenter_key: Some(
            config
                .datacenter_label_key()
                .unwrap_or(crate::twister2::spec::DEFAULT_DATACENTER_LABEL_KEY)
                .to_string(),
        ),
        openmpi_secret: config.is_openmpi().then(|| {
            config
                .secret_name()
                .unwrap_or(plan::DEFAULT_OPENMPI_SECRET)
                .to_string()
        }),
        pull_secret: args.image_pull_secret.clone(),
        discover_zookeeper: args.zookeeper.is_none() && config.zookeeper_addresses().is_none(),
        discover_dashboard: args.dashboard.is_none() && config.dashboard_host().is_none(),
        rights: required_rights(
            args,
            config.persistent_volume_per_worker_gb() > 0.0,
            ingress,
            config.uses_s3_uploader(),
        ),
    }
}

/// The namespace for `--dry-run=client`: the flag, else the kubeconfig context's (read locally,
/// no request), else `default`.
async fn local_namespace(global: &GlobalArgs) -> String {
    if let Some(ns) = &global.namespace {
        return ns.clone();
    }
    cluster::connect::resolve_config(global)
        .await
        .map(|c| c.default_namespace)
        .unwrap_or_else(|_| "default".to_string())
}

fn print_notices(notices: &[String]) {
    for notice in notices {
        eprintln!("warning: {notice}");
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
