//! `kubectl twister2 __complete WORD...`: kubectl's plugin-completion protocol — candidates one
//! per line, then `:<directive>` — from clap's tree plus, within a hard 800 ms budget, what the
//! cluster holds (job IDs, node names, namespaces, installed setup components) or the kubeconfig
//! names (contexts, clusters, users). It never prints errors: they go to `$BASH_COMP_DEBUG_FILE`
//! when set (cobra's convention), and completion simply offers fewer candidates.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Duration;

use anyhow::{Result, anyhow};
use clap::ValueEnum;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Node};
use kube::api::{Api, ListParams};

use crate::cli::GlobalArgs;
use crate::cli::complete::{self, Candidate, CompleteArgs, Lookup, SUBCOMMAND, Source};
use crate::cli::setup::Component;
use crate::cluster::{Cluster, connect, kubeconfig, setup_status};
use crate::commands::setup::remove::component_label;
use crate::output::age::age_since;
use crate::twister2::job_summary::job_of;
use crate::twister2::names::all_jobs_selector;

/// The longest completion waits for the cluster (or kubeconfig) before answering without it.
pub const CLUSTER_BUDGET: Duration = Duration::from_millis(800);

/// Run `__complete`: print the candidates and the directive.
pub async fn run(args: &CompleteArgs) -> Result<()> {
    let text = respond(&args.words, CLUSTER_BUDGET).await;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// The protocol text for `words` (the words after `twister2`, the last one being completed):
/// one candidate per line, then `:<directive>`. Cluster look-ups get at most `budget`.
pub async fn respond(words: &[String], budget: Duration) -> String {
    let answer = complete::complete(words);
    let mut candidates = answer.candidates;
    if let Some(lookup) = &answer.lookup {
        let global = complete::typed_globals(&answer.global_flags);
        match look_up_within(lookup, global, budget).await {
            Ok(found) => candidates = lookup.finish(found),
            Err(error) => debug(&format!("{:?}: {error:#}", lookup.source)),
        }
    }
    let mut out = String::new();
    for candidate in &candidates {
        out.push_str(&candidate.line());
        out.push('\n');
    }
    out.push_str(&format!(":{}\n", answer.directive.0));
    out
}

/// [`look_up`] on its own task, given up (and aborted) after `budget`.
pub async fn look_up_within(
    lookup: &Lookup,
    global: GlobalArgs,
    budget: Duration,
) -> Result<Vec<Candidate>> {
    let mut task = tokio::spawn(look_up(lookup.source, lookup.all_namespaces, global));
    match tokio::time::timeout(budget, &mut task).await {
        Ok(Ok(result)) => result,
        Ok(Err(stopped)) => Err(anyhow!("the look-up stopped: {stopped}")),
        Err(_) => {
            task.abort();
            Err(anyhow!("no answer within {} ms", budget.as_millis()))
        }
    }
}

/// The values of `source`, unfiltered: from the API server reached with `global` (the typed
/// kubeconfig flags), or from the kubeconfig files alone.
pub async fn look_up(
    source: Source,
    all_namespaces: bool,
    global: GlobalArgs,
) -> Result<Vec<Candidate>> {
    if !source.needs_cluster() {
        return kubeconfig_names(source, &global);
    }
    let cluster = connect(&global).await?;
    match source {
        Source::JobIds => job_ids(&cluster, all_namespaces).await,
        Source::Nodes => node_names(&cluster).await,
        Source::Namespaces => namespaces(&cluster).await,
        Source::Components => installed_components(&cluster).await,
        Source::Contexts | Source::Clusters | Source::Users => kubeconfig_names(source, &global),
    }
}

/// Job IDs of the namespace (or of all): the `t2-job` label of the `app=twister2` ConfigMaps,
/// whichever client submitted the job.
async fn job_ids(cluster: &Cluster, all_namespaces: bool) -> Result<Vec<Candidate>> {
    let api: Api<ConfigMap> = if all_namespaces {
        Api::all(cluster.client.clone())
    } else {
        Api::namespaced(cluster.client.clone(), &cluster.namespace)
    };
    let list = api
        .list(&ListParams::default().labels(&all_jobs_selector()))
        .await
        .map_err(|e| cluster.explain(e))?;
    let now = jiff::Timestamp::now();
    let mut out: Vec<Candidate> = list
        .items
        .iter()
        .filter_map(|config_map| {
            let meta = &config_map.metadata;
            let id = job_of(meta)?;
            let age = age_since(meta.creation_timestamp.as_ref().map(|t| t.0), now);
            let description = match (&meta.namespace, all_namespaces) {
                (Some(namespace), true) => format!("Twister2 job in {namespace}, age {age}"),
                _ => format!("Twister2 job, age {age}"),
            };
            Some(Candidate::new(id, description))
        })
        .collect();
    out.sort_by(|a, b| a.value.cmp(&b.value));
    Ok(out)
}

/// Node names, with the InternalIP and readiness.
async fn node_names(cluster: &Cluster) -> Result<Vec<Candidate>> {
    let api: Api<Node> = Api::all(cluster.client.clone());
    let list = api
        .list(&ListParams::default())
        .await
        .map_err(|e| cluster.explain(e))?;
    Ok(list
        .items
        .iter()
        .filter_map(|node| {
            let name = node.metadata.name.clone()?;
            let status = node.status.as_ref();
            let ip = status
                .and_then(|s| s.addresses.as_ref())
                .and_then(|a| a.iter().find(|a| a.type_ == "InternalIP"))
                .map(|a| a.address.clone());
            let ready = status
                .and_then(|s| s.conditions.as_ref())
                .and_then(|c| c.iter().find(|c| c.type_ == "Ready"))
                .is_some_and(|c| c.status == "True");
            let readiness = if ready { "Ready" } else { "NotReady" };
            let description = match ip {
                Some(ip) => format!("{ip}, {readiness}"),
                None => readiness.to_string(),
            };
            Some(Candidate::new(name, description))
        })
        .collect())
}

/// Namespace names, with their phase.
async fn namespaces(cluster: &Cluster) -> Result<Vec<Candidate>> {
    let api: Api<Namespace> = Api::all(cluster.client.clone());
    let list = api
        .list(&ListParams::default())
        .await
        .map_err(|e| cluster.explain(e))?;
    Ok(list
        .items
        .iter()
        .filter_map(|namespace| {
            let name = namespace.metadata.name.clone()?;
            let phase = namespace
                .status
                .as_ref()
                .and_then(|s| s.phase.clone())
                .unwrap_or_default();
            Some(Candidate::new(name, phase))
        })
        .collect())
}

/// The setup components that have objects in the namespace (what `setup remove` can remove).
async fn installed_components(cluster: &Cluster) -> Result<Vec<Candidate>> {
    let labels: Vec<&str> = Component::ALL.into_iter().map(component_label).collect();
    let objects = setup_status::managed_objects(cluster, &labels).await?;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for object in &objects {
        if let Some(label) = labels.iter().find(|l| **l == object.component) {
            *counts.entry(label).or_default() += 1;
        }
    }
    Ok(Component::ALL
        .iter()
        .filter_map(|component| {
            let count = *counts.get(component_label(*component))?;
            let name = component.to_possible_value()?.get_name().to_string();
            let noun = if count == 1 { "object" } else { "objects" };
            Some(Candidate::new(name, format!("installed, {count} {noun}")))
        })
        .collect())
}

/// Context, cluster or user names of the kubeconfig kubectl would read with these flags.
fn kubeconfig_names(source: Source, global: &GlobalArgs) -> Result<Vec<Candidate>> {
    let env = std::env::var_os("KUBECONFIG");
    let home = dirs::home_dir();
    let Some(loaded) = kubeconfig::load(
        global.kubeconfig.as_deref(),
        env.as_deref(),
        home.as_deref(),
    )?
    else {
        return Ok(Vec::new());
    };
    let config = loaded.config;
    let current = config.current_context.as_deref();
    Ok(match source {
        Source::Contexts => config
            .contexts
            .iter()
            .map(|named| {
                let mut parts = Vec::new();
                if current == Some(named.name.as_str()) {
                    parts.push("current".to_string());
                }
                if let Some(context) = &named.context {
                    parts.push(format!("cluster {}", context.cluster));
                    if let Some(namespace) = &context.namespace {
                        parts.push(format!("namespace {namespace}"));
                    }
                }
                Candidate::new(&named.name, parts.join(", "))
            })
            .collect(),
        Source::Clusters => config
            .clusters
            .iter()
            .map(|named| {
                let server = named.cluster.as_ref().and_then(|c| c.server.clone());
                Candidate::new(&named.name, server.unwrap_or_default())
            })
            .collect(),
        Source::Users => config
            .auth_infos
            .iter()
            .map(|named| Candidate::new(&named.name, ""))
            .collect(),
        Source::JobIds | Source::Nodes | Source::Namespaces | Source::Components => Vec::new(),
    })
}

/// Append a line to `$BASH_COMP_DEBUG_FILE` (cobra's completion debug log), if set.
fn debug(message: &str) {
    let Some(path) = std::env::var_os("BASH_COMP_DEBUG_FILE") else {
        return;
    };
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(file, "kubectl-twister2 {SUBCOMMAND}: {message}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &[&str]) -> Vec<String> {
        line.iter().map(|w| w.to_string()).collect()
    }

    const KUBECONFIG: &str = "apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: c-dev
  cluster:
    server: https://dev.example:6443
- name: c-prod
  cluster:
    server: https://prod.example:6443
contexts:
- name: dev
  context:
    cluster: c-dev
    user: alice
    namespace: jobs
- name: prod
  context:
    cluster: c-prod
    user: bob
users:
- name: alice
  user:
    token: a
- name: bob
  user:
    token: b
";

    #[tokio::test]
    async fn kubeconfig_names_come_from_the_typed_kubeconfig() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, KUBECONFIG).unwrap();
        let kc = path.to_str().unwrap();
        let text = respond(
            &words(&["--kubeconfig", kc, "jobs", "--context", ""]),
            CLUSTER_BUDGET,
        )
        .await;
        assert_eq!(
            text,
            "dev\tcurrent, cluster c-dev, namespace jobs\nprod\tcluster c-prod\n:4\n"
        );
        let text = respond(
            &words(&["--kubeconfig", kc, "--cluster=c-p"]),
            CLUSTER_BUDGET,
        )
        .await;
        assert_eq!(text, "--cluster=c-prod\thttps://prod.example:6443\n:4\n");
        let text = respond(&words(&["--kubeconfig", kc, "--user", ""]), CLUSTER_BUDGET).await;
        assert_eq!(text, "alice\nbob\n:4\n");
    }

    #[tokio::test]
    async fn a_server_that_never_answers_costs_the_budget_and_no_candidates() {
        // Accepts connections (the kernel does) but never reads or answers.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(
            &path,
            format!(
                "apiVersion: v1\nkind: Config\ncurrent-context: x\nclusters:\n- name: x\n  cluster:\n    server: http://{}\ncontexts:\n- name: x\n  context:\n    cluster: x\n    user: x\nusers:\n- name: x\n  user:\n    token: t\n",
                listener.local_addr().unwrap()
            ),
        )
        .unwrap();
        let kc = path.to_str().unwrap();
        let started = std::time::Instant::now();
        let budget = Duration::from_millis(300);
        let text = respond(&words(&["--kubeconfig", kc, "kill", ""]), budget).await;
        let took = started.elapsed();
        assert_eq!(text, ":4\n");
        assert!(took >= budget, "{took:?}");
        assert!(took < budget * 3, "{took:?}");
    }

    #[tokio::test]
    async fn static_answers_need_no_cluster_and_errors_are_not_printed() {
        let text = respond(
            &words(&["--kubeconfig", "/nonexistent/kc", "kill", ""]),
            CLUSTER_BUDGET,
        )
        .await;
        assert_eq!(text, ":4\n", "no error text on stdout");
        let text = respond(&words(&["completion", "fi"]), CLUSTER_BUDGET).await;
        assert_eq!(text, "fish\n:4\n");
    }
}
