//! Writing a submit's objects: the creation in one concurrent wave (exposure objects after the
//! ConfigMap that owns them), the server dry run, and asking the API server whether a fixed
//! node port is free.

use anyhow::{Context, Result, anyhow};
use serde_json::Value;

use super::print_values;
use super::rollback::Created;
use crate::cli::WriteFormat;
use crate::cluster::{Cluster, objects};
use crate::exit::Problems;
use crate::manifests;
use crate::twister2::submit::Plan;

/// A fixed node port is cluster-wide: ask the API server (dry run of the NodePort Service)
/// whether it is free and in the cluster's range, before anything is created.
pub(super) async fn node_port_problem(
    cluster: &Cluster,
    plan: &Plan,
    port: u16,
) -> Result<Option<String>> {
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

/// Create every object: the job's own objects in one concurrent wave, then the exposure
/// objects, owned by the ConfigMap so that they go when Twister2's job master deletes it.
pub(super) async fn create_all(cluster: &Cluster, plan: &Plan, created: &Created) -> Result<()> {
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
            cluster.explain(e).context(format!("cannot create {what}"))
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
    manifests::job::expose::set_owner(&mut exposure, &config_map);
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
            cluster
                .explain(e)
                .context("cannot create the exposure of the job")
        })?;
        created.note(objects::ObjectRef::of(&stored, &cluster.namespace)?);
    }
    Ok(())
}

/// `--dry-run=server`: send every object with dryRun=All, report every rejection, print them.
pub(super) async fn server_dry_run(
    cluster: &Cluster,
    plan: &Plan,
    output: Option<WriteFormat>,
) -> Result<()> {
    let values = manifests::job::render(&plan.spec).to_json_values()?;
    let results = futures::future::join_all(
        values
            .iter()
            .map(|object| objects::create(cluster, object, true)),
    )
    .await;
    let mut accepted = Vec::new();
    let mut rejected = Problems::default();
    for (object, result) in values.iter().zip(results) {
        let what = objects::ObjectRef::of(object, &cluster.namespace)
            .map(|r| r.display())
            .unwrap_or_default();
        let stored = result.map_err(|e| cluster.explain(e).context(what));
        accepted.extend(rejected.take(stored));
    }
    rejected.into_result("the API server rejected (dry run, nothing was created):")?;
    print_values(&accepted, output.unwrap_or(WriteFormat::Name))
}
