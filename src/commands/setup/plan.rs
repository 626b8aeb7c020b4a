//! What the writing setup verbs share: a `Plan` per component (objects, StatefulSets to wait
//! for, Twister2 configuration values, notes), where it goes (`Target`: rendered locally for
//! `--dry-run=client`, else a cluster), applying it, and printing the result.
//!
//! Output: without `-o`, stdout carries the Twister2 configuration values (YAML `key: value`
//! lines to paste into a Twister2 config file) and stderr one line per object written; with
//! `-o yaml|json|name`, stdout carries the objects and the configuration goes to stderr.
//!
//! Before writing to a cluster, the StorageClasses that the components' claims name are checked.

use anyhow::{Result, anyhow};
use serde_json::Value;

use crate::cli::setup::{StorageArgs, WaitArgs};
use crate::cli::{DryRun, GlobalArgs, StructuredFormat, WriteArgs, WriteFormat};
use crate::cluster::cluster_scoped::list_all;
use crate::cluster::objects::{self, ObjectRef};
use crate::cluster::wait_ready::wait_for_stateful_sets;
use crate::cluster::{self, Cluster};
use crate::exit::{Problems, usage};
use crate::manifests::common::{InvalidOption, Persistence};
use crate::manifests::fit::{Lookup, class_problem};
use crate::output::document;
use crate::output::progress::Progress;
use k8s_openapi::api::storage::v1::StorageClass;

/// What one component writes and tells.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Objects to apply, in order (server-side apply, field manager `kubectl-twister2`).
    pub objects: Vec<Value>,
    /// Objects created only when missing and otherwise left alone (a ServiceAccount that may
    /// already be in use).
    pub create_if_missing: Vec<Value>,
    /// The claims the objects make, and the StorageClass each names (`None`: the default one),
    /// checked against the cluster's StorageClasses before anything is written.
    pub claim_classes: Vec<(String, Option<String>)>,
    /// StatefulSets `--wait` waits for.
    pub wait_for: Vec<String>,
    /// Twister2 configuration keys and values for this namespace.
    pub config: Vec<(String, String)>,
    /// Lines for stderr before anything is written.
    pub warnings: Vec<String>,
    /// Lines for stderr after the objects are written (how to reach or check things).
    pub notes: Vec<String>,
}

/// Where the objects go.
#[derive(Debug, Clone)]
pub enum Target {
    /// `--dry-run=client`: rendered locally, no cluster contacted.
    Local {
        /// The namespace (flag, else the kubeconfig context's, else `default`).
        namespace: String,
    },
    /// A cluster; `dry_run` sends `dryRun=All`.
    Cluster {
        /// The connection.
        cluster: Cluster,
        /// `--dry-run=server`.
        dry_run: bool,
    },
}

/// The namespace the objects go to, resolved without a request (the flag, else the kubeconfig
/// context's, else `default`), so every option is checked in it before the first request.
pub async fn namespace(global: &GlobalArgs, dry_run: DryRun) -> String {
    if let Some(ns) = &global.namespace {
        return ns.clone();
    }
    match cluster::connect::resolve_config(global).await {
        Ok(config) => config.default_namespace,
        Err(e) => {
            // Rendering needs no cluster; say which namespace was used instead. Otherwise the
            // connection reports the problem.
            if dry_run == DryRun::Client {
                eprintln!("warning: {e:#}; rendering for namespace default");
            }
            "default".to_string()
        }
    }
}

impl Target {
    /// For objects in `namespace`: connects unless `--dry-run=client`.
    pub async fn new(global: &GlobalArgs, dry_run: DryRun, namespace: &str) -> Result<Target> {
        match dry_run {
            DryRun::Client => Ok(Target::Local {
                namespace: namespace.to_string(),
            }),
            DryRun::Server | DryRun::None => {
                let mut cluster = cluster::connect(global).await?;
                cluster.namespace = namespace.to_string();
                Ok(Target::Cluster {
                    cluster,
                    dry_run: dry_run == DryRun::Server,
                })
            }
        }
    }

    /// The namespace everything lands in.
    pub fn namespace(&self) -> &str {
        match self {
            Target::Local { namespace } => namespace,
            Target::Cluster { cluster, .. } => &cluster.namespace,
        }
    }

    /// The cluster, unless rendering locally.
    pub fn cluster(&self) -> Option<&Cluster> {
        match self {
            Target::Local { .. } => None,
            Target::Cluster { cluster, .. } => Some(cluster),
        }
    }

    /// Whether nothing is persisted.
    pub fn is_dry_run(&self) -> bool {
        match self {
            Target::Local { .. } => true,
            Target::Cluster { dry_run, .. } => *dry_run,
        }
    }

    fn dry_run_suffix(&self) -> &'static str {
        match self {
            Target::Local { .. } => " (dry run)",
            Target::Cluster { dry_run: true, .. } => " (server dry run)",
            Target::Cluster { dry_run: false, .. } => "",
        }
    }
}

/// Refuses `--wait` with a dry run: nothing would start.
pub fn check_wait(write: &WriteArgs, wait: Option<&WaitArgs>) -> Result<()> {
    if wait.is_some_and(|w| w.wait) && write.dry_run != DryRun::None {
        return Err(usage(
            "--wait cannot be combined with --dry-run: a dry run starts nothing to wait for",
        ));
    }
    Ok(())
}

/// `--storage-class`/`--storage-size` as persistence (either turns it on), with `default_size`
/// when only the class is given.
pub fn persistence(storage: &StorageArgs, default_size: &str) -> Option<Persistence> {
    if storage.storage_class.is_none() && storage.storage_size.is_none() {
        return None;
    }
    Some(Persistence {
        storage_class: storage.storage_class.clone(),
        size: storage
            .storage_size
            .clone()
            .unwrap_or_else(|| default_size.to_string()),
    })
}

/// An option the manifests refused, as a usage error (exit 2).
pub fn invalid(error: InvalidOption) -> anyhow::Error {
    usage(error.to_string())
}

/// Rendered objects as JSON values.
pub fn to_values(
    rendered: std::result::Result<Vec<Value>, serde_json::Error>,
) -> Result<Vec<Value>> {
    rendered.map_err(|e| anyhow!("cannot encode the rendered objects: {e}"))
}

/// `what` with `persistence`, for [`Plan::claim_classes`].
pub fn claim_classes(
    what: &str,
    persistence: Option<&Persistence>,
) -> Vec<(String, Option<String>)> {
    persistence
        .map(|p| (what.to_string(), p.storage_class.clone()))
        .into_iter()
        .collect()
}

/// Refuses claims whose StorageClass the cluster lacks (one list of StorageClasses, only when a
/// plan makes claims); a caller who may not list them gets a warning instead.
async fn check_storage_classes(cluster: &Cluster, plans: &[Plan]) -> Result<()> {
    let claims: Vec<&(String, Option<String>)> =
        plans.iter().flat_map(|p| &p.claim_classes).collect();
    if claims.is_empty() {
        return Ok(());
    }
    let classes = match list_all::<StorageClass>(cluster).await? {
        Lookup::Found(classes) => classes,
        _ => {
            eprintln!(
                "warning: cannot list storageclasses, so the StorageClass of {} was not checked \
(`kubectl twister2 setup auth --nodes` grants this cluster-scoped read)",
                claims
                    .iter()
                    .map(|(what, _)| what.as_str())
                    .collect::<Vec<_>>()
                    .join(" and ")
            );
            return Ok(());
        }
    };
    let mut problems = Problems::default();
    for (what, class) in claims {
        if let Some(problem) = class_problem(what, class.as_deref(), &classes, "--storage-class") {
            problems.other(problem);
        }
    }
    problems.into_result(&format!(
        "nothing was written to namespace \"{}\"",
        cluster.namespace
    ))
}

/// Applies every plan (components concurrently, objects of one component in order), prints the
/// result, then waits if asked. Returns the objects as written (or as they would be).
pub async fn execute(
    target: &Target,
    write: &WriteArgs,
    wait: Option<&WaitArgs>,
    plans: &[Plan],
) -> Result<Vec<Value>> {
    if let Target::Cluster { cluster, .. } = target {
        check_storage_classes(cluster, plans).await?;
    }
    for warning in plans.iter().flat_map(|p| &p.warnings) {
        eprintln!("warning: {warning}");
    }
    let results =
        futures::future::join_all(plans.iter().map(|plan| apply_plan(target, plan))).await;
    let mut written = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(objects) => written.extend(objects),
            Err(e) => errors.push(format!("{e:#}")),
        }
    }
    if !errors.is_empty() {
        return Err(anyhow!("{}", errors.join("\n")));
    }
    print_result(target, write.output, plans, &written)?;
    let wait_for: Vec<String> = plans.iter().flat_map(|p| p.wait_for.clone()).collect();
    match (target, wait) {
        (
            Target::Cluster {
                cluster,
                dry_run: false,
            },
            Some(w),
        ) if w.wait && !wait_for.is_empty() => {
            wait_for_stateful_sets(cluster, &wait_for, w.timeout, &Progress::new()).await?;
            eprintln!("ready");
        }
        (
            Target::Cluster {
                cluster,
                dry_run: false,
            },
            _,
        ) if !wait_for.is_empty() => {
            eprintln!(
                "Pods are starting; check readiness with `kubectl twister2 setup status -n {}` (or \
re-run with --wait).",
                cluster.namespace
            );
        }
        _ => {}
    }
    Ok(written)
}

/// Applies one plan's objects in order; returns what the server stored (or the rendered
/// objects for a local dry run).
async fn apply_plan(target: &Target, plan: &Plan) -> Result<Vec<Value>> {
    let (cluster, dry_run) = match target {
        Target::Local { .. } => {
            for object in &plan.create_if_missing {
                eprintln!("{} created if missing (dry run)", display(object, target)?);
            }
            for object in &plan.objects {
                eprintln!("{} serverside-applied (dry run)", display(object, target)?);
            }
            let mut all = plan.create_if_missing.clone();
            all.extend(plan.objects.iter().cloned());
            return Ok(all);
        }
        Target::Cluster { cluster, dry_run } => (cluster, *dry_run),
    };
    let mut written = Vec::new();
    for object in &plan.create_if_missing {
        let name = display(object, target)?;
        match objects::create(cluster, object, dry_run).await {
            Ok(stored) => {
                eprintln!("{name} created{}", target.dry_run_suffix());
                written.push(stored);
            }
            Err(kube::Error::Api(status)) if status.code == 409 => {
                eprintln!("{name} unchanged (it exists){}", target.dry_run_suffix());
            }
            Err(e) => return Err(anyhow!("cannot create {name}: {}", cluster.explain(e))),
        }
    }
    for object in &plan.objects {
        let stored = objects::apply(cluster, object, dry_run).await?;
        eprintln!(
            "{} serverside-applied{}",
            display(object, target)?,
            target.dry_run_suffix()
        );
        written.push(stored);
    }
    Ok(written)
}

fn display(object: &Value, target: &Target) -> Result<String> {
    Ok(ObjectRef::of(object, target.namespace())?.display())
}

fn print_result(
    target: &Target,
    output: Option<WriteFormat>,
    plans: &[Plan],
    written: &[Value],
) -> Result<()> {
    let config = config_text(target.namespace(), plans);
    match output {
        Some(WriteFormat::Yaml) => {
            print!(
                "{}",
                document::render_objects(written, StructuredFormat::Yaml)?
            );
            eprint!("{config}");
        }
        Some(WriteFormat::Json) => {
            print!(
                "{}",
                document::render_objects(written, StructuredFormat::Json)?
            );
            eprint!("{config}");
        }
        Some(WriteFormat::Name) => {
            print!("{}", document::render_names(written));
            eprint!("{config}");
        }
        None => print!("{config}"),
    }
    for note in plans.iter().flat_map(|p| &p.notes) {
        eprintln!("{note}");
    }
    Ok(())
}

/// The Twister2 configuration lines of `plans` (empty when there are none).
pub fn config_text(namespace: &str, plans: &[Plan]) -> String {
    let lines: Vec<String> = plans
        .iter()
        .flat_map(|p| &p.config)
        .map(|(key, value)| format!("{key}: {value}\n"))
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!(
        "# Twister2 configuration for namespace {namespace}\n{}",
        lines.concat()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persistence_from_either_flag() {
        assert_eq!(persistence(&StorageArgs::default(), "5Gi"), None);
        let p = persistence(
            &StorageArgs {
                storage_class: Some("fast".into()),
                storage_size: None,
            },
            "5Gi",
        )
        .unwrap();
        assert_eq!(p.size, "5Gi");
        assert_eq!(p.storage_class.as_deref(), Some("fast"));
        let p = persistence(
            &StorageArgs {
                storage_class: None,
                storage_size: Some("20Gi".into()),
            },
            "5Gi",
        )
        .unwrap();
        assert_eq!(p.size, "20Gi");
        assert_eq!(p.storage_class, None);
    }

    #[test]
    fn config_lines_are_yaml() {
        let plans = [
            Plan {
                config: vec![("a.b".into(), "http://x.ns.svc.cluster.local".into())],
                ..Default::default()
            },
            Plan::default(),
            Plan {
                config: vec![("c".into(), "d:2181".into())],
                ..Default::default()
            },
        ];
        let text = config_text("ns", &plans);
        assert_eq!(
            text,
            "# Twister2 configuration for namespace ns\na.b: http://x.ns.svc.cluster.local\nc: d:2181\n"
        );
        let parsed: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(parsed["c"], "d:2181");
        assert_eq!(config_text("ns", &[Plan::default()]), "");
    }

    #[test]
    fn wait_refuses_dry_runs() {
        let wait = WaitArgs {
            wait: true,
            timeout: std::time::Duration::from_secs(1),
        };
        let write = WriteArgs {
            dry_run: DryRun::Server,
            output: None,
        };
        let e = check_wait(&write, Some(&wait)).unwrap_err();
        assert_eq!(crate::exit::code_for(&e), 2);
        assert!(check_wait(&WriteArgs::default(), Some(&wait)).is_ok());
        assert!(check_wait(&write, None).is_ok());
    }
}
