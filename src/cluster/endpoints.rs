//! The reads behind `endpoints` — one list of Services, one of Nodes and one of Ingresses, all at
//! once, then worker pods only when an `externalTrafficPolicy: Local` NodePort needs them — and
//! the `--check` TCP probes (concurrent, bounded, each limited by the request timeout).

use std::fmt::Debug;
use std::time::{Duration, Instant};

use anyhow::Result;
use k8s_openapi::NamespaceResourceScope;
use k8s_openapi::api::core::v1::{Node, Pod, Service};
use k8s_openapi::api::networking::v1::Ingress;
use kube::api::{Api, ListParams};
use serde::de::DeserializeOwned;

use crate::cluster::Cluster;
use crate::cluster::job_objects::Scope;
use crate::twister2::endpoints::{Reachability, Selection, pod_selectors};

/// At most this many probes are in flight at once.
pub const PROBE_CONCURRENCY: usize = 64;
/// Limit of one probe when `--request-timeout` sets none.
pub const DEFAULT_PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// What the cluster returned.
#[derive(Debug, Clone)]
pub struct Reads {
    /// The Services of the jobs (and setup's, with `--all-services`).
    pub services: Vec<Service>,
    /// Every node, or why they could not be listed (403, with the fix).
    pub nodes: Result<Vec<Node>, String>,
    /// The jobs' Ingresses (empty when they could not be listed; see `warnings`).
    pub ingresses: Vec<Ingress>,
    /// Pods behind Local NodePort Services.
    pub pods: Vec<Pod>,
    /// Lists that were refused and are left out.
    pub warnings: Vec<String>,
}

fn namespaced<K>(cluster: &Cluster, scope: Scope<'_>) -> Api<K>
where
    K: kube::Resource<Scope = NamespaceResourceScope, DynamicType = ()>,
{
    match scope {
        Scope::Namespace(ns) => Api::namespaced(cluster.client.clone(), ns),
        Scope::AllNamespaces => Api::all(cluster.client.clone()),
    }
}

async fn list<K>(api: Api<K>, selector: &str) -> Result<Vec<K>, kube::Error>
where
    K: kube::Resource + Clone + DeserializeOwned + Debug,
{
    let params = ListParams::default().labels(selector);
    Ok(api.list(&params).await?.items)
}

/// `Err(message)` for the refusals a listing can live without (403, and 404 when the API is
/// missing); other failures end the command.
fn tolerate<K>(
    cluster: &Cluster,
    result: Result<Vec<K>, kube::Error>,
    codes: &[u16],
) -> Result<Result<Vec<K>, String>> {
    match result {
        Ok(items) => Ok(Ok(items)),
        Err(kube::Error::Api(status)) if codes.contains(&status.code) => {
            Ok(Err(cluster.explain(kube::Error::Api(status)).to_string()))
        }
        Err(error) => Err(cluster.explain(error)),
    }
}

/// Read what `endpoints` needs: Services, Nodes and Ingresses concurrently (three requests), then
/// the pods of Local NodePort Services, if any.
pub async fn read(cluster: &Cluster, scope: Scope<'_>, selection: &Selection<'_>) -> Result<Reads> {
    let service_selector = selection.service_selector();
    let ingress_selector = selection.ingress_selector();
    let (services, nodes, ingresses) = futures::join!(
        list(namespaced::<Service>(cluster, scope), &service_selector),
        list(Api::<Node>::all(cluster.client.clone()), ""),
        list(namespaced::<Ingress>(cluster, scope), &ingress_selector),
    );
    let services = services.map_err(|e| cluster.explain(e))?;
    let nodes = match nodes {
        Err(kube::Error::Api(status)) if status.code == 403 => {
            Err(nodes_forbidden(&status.message, &cluster.namespace))
        }
        other => Ok(other.map_err(|e| cluster.explain(e))?),
    };
    let mut warnings = Vec::new();
    let ingresses = tolerate(cluster, ingresses, &[403, 404])?.unwrap_or_else(|why| {
        warnings.push(format!("Ingresses are not shown: {why}"));
        Vec::new()
    });
    let pod_lists = pod_selectors(&services, selection)
        .into_iter()
        .map(|selector| {
            let api = namespaced::<Pod>(cluster, scope);
            async move { list(api, &selector).await }
        });
    let pods = futures::future::try_join_all(pod_lists)
        .await
        .map_err(|e| cluster.explain(e))?
        .into_iter()
        .flatten()
        .collect();
    Ok(Reads {
        services,
        nodes,
        ingresses,
        pods,
        warnings,
    })
}

/// Why the nodes could not be listed and how to get the right: `setup auth --nodes` for the
/// user the server named.
fn nodes_forbidden(message: &str, namespace: &str) -> String {
    let user = message
        .split_once("User \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or("USER", |(user, _)| user);
    format!(
        "Forbidden: {message}\n  hint: NodePort endpoints need the nodes' addresses; a cluster \
admin can let you read nodes with `kubectl twister2 setup auth --submitter {user} --nodes -n \
{namespace}`"
    )
}

/// The time limit of one probe: the request timeout, else [`DEFAULT_PROBE_TIMEOUT`].
pub fn probe_timeout(request_timeout: Option<Duration>) -> Duration {
    request_timeout.unwrap_or(DEFAULT_PROBE_TIMEOUT)
}

/// Probe every target with a TCP connect, [`PROBE_CONCURRENCY`] at a time, each within
/// `timeout`; results in the order of `targets` (`None` where there is no target).
pub async fn probe_all(
    targets: &[Option<(&str, u16)>],
    timeout: Duration,
) -> Vec<Option<Reachability>> {
    use futures::StreamExt;
    futures::stream::iter(targets.iter().map(|target| async move {
        match target {
            Some((host, port)) => Some(probe(host, *port, timeout).await),
            None => None,
        }
    }))
    .buffered(PROBE_CONCURRENCY)
    .collect()
    .await
}

/// One TCP connect to `host:port` (name resolution included) within `timeout`.
pub async fn probe(host: &str, port: u16, timeout: Duration) -> Reachability {
    let started = Instant::now();
    let outcome = tokio::time::timeout(timeout, tokio::net::TcpStream::connect((host, port))).await;
    match outcome {
        Ok(Ok(stream)) => {
            let latency = started.elapsed();
            drop(stream);
            Reachability {
                reachable: true,
                latency_ms: Some((latency.as_secs_f64() * 1000.0 * 100.0).round() / 100.0),
                error: None,
            }
        }
        Ok(Err(error)) => unreachable(connect_error_text(&error)),
        Err(_) => unreachable(format!(
            "timeout after {}",
            crate::cluster::errors::human_duration(timeout)
        )),
    }
}

fn unreachable(why: String) -> Reachability {
    Reachability {
        reachable: false,
        latency_ms: None,
        error: Some(why),
    }
}

/// A short reason for a failed connect.
fn connect_error_text(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::ConnectionRefused => "refused".to_string(),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => "reset".to_string(),
        ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => "unreachable".to_string(),
        ErrorKind::TimedOut => "timeout".to_string(),
        _ => {
            let text = error.to_string();
            if text.contains("lookup") || text.contains("resolve") || text.contains("known") {
                "unknown host".to_string()
            } else {
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn probes_a_listener_and_a_closed_port() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let open = listener.local_addr().unwrap().port();
        let closed = {
            let spare = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            spare.local_addr().unwrap().port()
        };
        let targets = [Some(("127.0.0.1", open)), None, Some(("127.0.0.1", closed))];
        let results = probe_all(&targets, Duration::from_secs(2)).await;
        let open_result = results[0].as_ref().unwrap();
        assert!(open_result.reachable);
        assert!(open_result.latency_ms.is_some());
        assert_eq!(results[1], None);
        let closed_result = results[2].as_ref().unwrap();
        assert!(!closed_result.reachable);
        assert_eq!(closed_result.error.as_deref(), Some("refused"));
    }

    #[test]
    fn forbidden_nodes_name_the_user_and_the_fix() {
        let text = nodes_forbidden(
            "nodes is forbidden: User \"alice\" cannot list resource \"nodes\" in API group \"\" at the cluster scope",
            "jobs",
        );
        assert!(
            text.starts_with("Forbidden: nodes is forbidden: User \"alice\""),
            "{text}"
        );
        assert!(
            text.ends_with("`kubectl twister2 setup auth --submitter alice --nodes -n jobs`"),
            "{text}"
        );
        assert!(nodes_forbidden("no user here", "ns").contains("--submitter USER --nodes"));
    }

    #[test]
    fn timeout_defaults_when_none_is_set() {
        assert_eq!(probe_timeout(None), DEFAULT_PROBE_TIMEOUT);
        assert_eq!(
            probe_timeout(Some(Duration::from_millis(300))),
            Duration::from_millis(300)
        );
    }
}
