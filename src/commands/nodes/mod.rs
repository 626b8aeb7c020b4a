//! `kubectl twister2 nodes`: dispatch to the listing (`show`), `label`, `unlabel` and `export`,
//! and what they share — the label keys (flags, a Twister2 config file, defaults), the cluster's
//! nodes in name order, and carrying out a checked label plan (dry runs, patches, reporting).

pub mod export;
pub mod label;
pub mod show;
pub mod unlabel;

use std::path::Path;

use anyhow::{Result, anyhow};
use k8s_openapi::api::core::v1::Node;
use serde_json::Value;

use crate::cli::nodes::{KeyArgs, NodesArgs, NodesCommand};
use crate::cli::{DryRun, GlobalArgs, StructuredFormat, WriteArgs, WriteFormat};
use crate::cluster::nodes::{list_nodes, may_patch_nodes, patch_labels};
use crate::cluster::{self, Cluster};
use crate::exit::usage;
use crate::output::{document, table, tree::natural_cmp};
use crate::twister2::config::{Config, ConfigSources};
use crate::twister2::label_plan::{ClusterNode, LabelKeys, LabelPlan, PlanProblem, Rejected};

/// Run `nodes` or one of its commands.
pub async fn run(global: &GlobalArgs, args: &NodesArgs) -> Result<()> {
    match &args.command {
        None => show::run(global, &args.show).await,
        Some(NodesCommand::Label(a)) => label::run(global, a).await,
        Some(NodesCommand::Unlabel(a)) => unlabel::run(global, a).await,
        Some(NodesCommand::Export(a)) => export::run(global, a).await,
    }
}

/// Loads one Twister2 config file (stale spellings accepted), printing its warnings on stderr;
/// a missing or malformed file is a usage error.
pub fn load_config(path: &Path) -> Result<Config> {
    let loaded = Config::load(&ConfigSources {
        files: vec![path.to_path_buf()],
        ..Default::default()
    })
    .map_err(|e| usage(e.to_string()))?;
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(loaded.config)
}

/// The label keys (flags, else `config`'s, else `rack`/`datacenter`), checked; bad keys are a
/// usage error.
pub fn resolve_keys(keys: &KeyArgs, config: Option<&Config>) -> Result<LabelKeys> {
    let resolved = LabelKeys::resolve(
        keys.rack_key.as_deref(),
        keys.datacenter_key.as_deref(),
        config,
    );
    let problems = resolved.problems();
    if !problems.is_empty() {
        return Err(usage(lines(&problems)));
    }
    Ok(resolved)
}

/// [`resolve_keys`] with `--config FILE` loaded when given.
pub fn keys_from_args(keys: &KeyArgs) -> Result<LabelKeys> {
    let config = keys.config.as_deref().map(load_config).transpose()?;
    resolve_keys(keys, config.as_ref())
}

/// Nodes sorted by name (natural order: `node-2` before `node-10`).
pub fn sorted(mut nodes: Vec<Node>) -> Vec<Node> {
    nodes.sort_by(|a, b| {
        natural_cmp(
            a.metadata.name.as_deref().unwrap_or_default(),
            b.metadata.name.as_deref().unwrap_or_default(),
        )
    });
    nodes
}

fn lines(problems: &[PlanProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n  ")
}

/// How `label` and `unlabel` word their results.
#[derive(Debug, Clone, Copy)]
pub struct Wording {
    /// `labeled` / `unlabeled`.
    pub done: &'static str,
    /// `label` / `unlabel`.
    pub verb: &'static str,
}

/// Lists the nodes once, plans with `make_plan`, and — only when the plan has no problem —
/// prints it (`--dry-run=client`) or sends the patches concurrently (`--dry-run=server` with
/// `dryRun=All`). Whether the caller may patch nodes is asked in the same round trip as the
/// node list, so a missing right also changes nothing.
pub async fn carry_out(
    global: &GlobalArgs,
    write: &WriteArgs,
    wording: Wording,
    make_plan: impl FnOnce(&[ClusterNode]) -> Result<LabelPlan, Rejected>,
) -> Result<()> {
    let cluster = cluster::connect(global).await?;
    let will_patch = write.dry_run != DryRun::Client;
    let (nodes, allowed) = futures::join!(list_nodes(&cluster), async {
        if will_patch {
            may_patch_nodes(&cluster).await
        } else {
            Ok(None)
        }
    });
    let nodes = sorted(nodes?);
    let cluster_nodes: Vec<ClusterNode> = nodes.iter().map(ClusterNode::from_node).collect();
    let plan = match make_plan(&cluster_nodes) {
        Ok(plan) => plan,
        Err(Rejected { problems, warnings }) => {
            for warning in &warnings {
                eprintln!("warning: {warning}");
            }
            return Err(anyhow!(
                "nothing was changed: {} problem{} found:\n  {}",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" },
                lines(&problems)
            ));
        }
    };
    for warning in &plan.warnings {
        eprintln!("warning: {warning}");
    }
    if allowed? == Some(false) {
        return Err(anyhow!(
            "nothing was changed: you may not patch nodes (cluster-wide); a cluster admin can \
allow it with `kubectl twister2 setup auth --submitter USER --nodes --label-nodes -n {}`",
            cluster.namespace
        ));
    }
    let patches = plan.patches();
    let suffix = match write.dry_run {
        DryRun::None => "",
        DryRun::Client => " (dry run)",
        DryRun::Server => " (server dry run)",
    };
    for absent in plan.unchanged.iter().filter(|c| c.old.is_none()) {
        eprintln!("node/{}: label \"{}\" not found", absent.node, absent.key);
    }
    for node in plan.nodes_unchanged() {
        eprintln!("node/{node} not {}{suffix}", wording.done);
    }
    if write.dry_run != DryRun::None && write.output.is_none() && !plan.changes.is_empty() {
        print!("{}", plan_table(&plan));
    }
    let written: Vec<Value> = if will_patch {
        send(
            &cluster,
            &plan,
            write.dry_run == DryRun::Server,
            write.output.is_some(),
            wording,
            suffix,
        )
        .await?
    } else {
        let by_name: std::collections::HashMap<&str, &Node> = nodes
            .iter()
            .filter_map(|n| n.metadata.name.as_deref().map(|name| (name, n)))
            .collect();
        let mut out = Vec::new();
        for patch in &patches {
            eprintln!("node/{} {}{suffix}", patch.node, wording.done);
            if write.output.is_some()
                && let Some(node) = by_name.get(patch.node.as_str())
            {
                out.push(patch.apply_to(&serde_json::to_value(node)?));
            }
        }
        out
    };
    if let Some(format) = write.output {
        print!("{}", render_nodes(&written, format)?);
    }
    let nodes_changed = patches.len();
    eprintln!(
        "{} {nodes_changed} node{} ({} label{}){suffix}",
        wording.done,
        if nodes_changed == 1 { "" } else { "s" },
        plan.changes.len(),
        if plan.changes.len() == 1 { "" } else { "s" },
    );
    Ok(())
}

/// Sends the patches; every node that failed is reported together after the others finished.
/// Returns the nodes as stored when `full_objects` (for `-o`), else nothing.
async fn send(
    cluster: &Cluster,
    plan: &LabelPlan,
    dry_run: bool,
    full_objects: bool,
    wording: Wording,
    suffix: &str,
) -> Result<Vec<Value>> {
    let patches = plan.patches();
    let outcomes = patch_labels(cluster, &patches, dry_run, full_objects).await;
    let mut written = Vec::new();
    let mut failed = Vec::new();
    for outcome in outcomes {
        match outcome.result {
            Ok(node) => {
                eprintln!("node/{} {}{suffix}", outcome.node, wording.done);
                if let Some(node) = node {
                    written.push(serde_json::to_value(node)?);
                }
            }
            Err(e) => failed.push(format!("node/{}: {e:#}", outcome.node)),
        }
    }
    if !failed.is_empty() {
        return Err(anyhow!(
            "could not {} {} of {} nodes ({} succeeded):\n  {}",
            wording.verb,
            failed.len(),
            patches.len(),
            patches.len() - failed.len(),
            failed.join("\n  ")
        ));
    }
    Ok(written)
}

/// The plan as kubectl-style columns: NODE, KEY, OLD → NEW.
pub fn plan_table(plan: &LabelPlan) -> String {
    let none = table::NONE;
    let rows: Vec<Vec<String>> = plan
        .changes
        .iter()
        .map(|c| {
            vec![
                c.node.clone(),
                c.key.clone(),
                format!(
                    "{} → {}",
                    c.old.as_deref().unwrap_or(none),
                    c.new.as_deref().unwrap_or(none)
                ),
            ]
        })
        .collect();
    table::render(&["node", "key", "old → new"], &rows, false)
}

/// Nodes as `-o yaml|json|name` prints them.
pub fn render_nodes(nodes: &[Value], format: WriteFormat) -> Result<String> {
    Ok(match format {
        WriteFormat::Yaml => document::render_objects(nodes, StructuredFormat::Yaml)?,
        WriteFormat::Json => document::render_objects(nodes, StructuredFormat::Json)?,
        WriteFormat::Name => document::render_names(nodes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twister2::label_plan::LabelChange;

    #[test]
    fn plan_table_shows_old_and_new() {
        let plan = LabelPlan {
            changes: vec![
                LabelChange {
                    node: "node-0".into(),
                    key: "rack".into(),
                    old: None,
                    new: Some("r1".into()),
                },
                LabelChange {
                    node: "node-10".into(),
                    key: "datacenter".into(),
                    old: Some("dc0".into()),
                    new: None,
                },
            ],
            ..Default::default()
        };
        assert_eq!(
            plan_table(&plan),
            "NODE      KEY          OLD → NEW\n\
             node-0    rack         <none> → r1\n\
             node-10   datacenter   dc0 → <none>\n"
        );
    }

    #[test]
    fn bad_keys_are_usage_errors() {
        let keys = KeyArgs {
            rack_key: Some("bad key".into()),
            ..Default::default()
        };
        let error = resolve_keys(&keys, None).unwrap_err();
        assert_eq!(crate::exit::code_for(&error), 2);
        assert!(error.to_string().contains("'bad key'"));
    }

    #[test]
    fn nodes_sort_naturally() {
        let named = |n: &str| Node {
            metadata: kube::api::ObjectMeta {
                name: Some(n.into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let sorted = sorted(vec![named("node-10"), named("node-9"), named("node-1")]);
        let names: Vec<_> = sorted
            .iter()
            .filter_map(|n| n.metadata.name.clone())
            .collect();
        assert_eq!(names, ["node-1", "node-9", "node-10"]);
    }
}
