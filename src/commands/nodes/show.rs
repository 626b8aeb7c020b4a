//! `kubectl twister2 nodes`: every node with its addresses, rack, datacenter, readiness and
//! Twister2 pods — as a table (`-o wide` adds hostname and jobs), `-o json|yaml|name`, or
//! `--tree` (datacenter → rack → node → pods). One node list and one pod list, concurrently.

use std::collections::{BTreeMap, HashSet};

use anyhow::Result;
use k8s_openapi::api::core::v1::{Node, Pod};

use crate::cli::nodes::ShowArgs;
use crate::cli::{GlobalArgs, ListFormat};
use crate::cluster;
use crate::cluster::nodes::{list_nodes, list_twister2_pods};
use crate::commands::nodes::{keys_from_args, sorted};
use crate::output::nodes::{NodeTopology, render};
use crate::output::tree::{self, PodRole, TopologyNode, TopologyPod};
use crate::twister2::label_plan::{ClusterNode, LabelKeys};
use crate::twister2::names::{JOB, MASTER_POD, WORKER_POD};

/// Run `nodes` (no command).
pub async fn run(global: &GlobalArgs, args: &ShowArgs) -> Result<()> {
    let keys = keys_from_args(&args.keys)?;
    let cluster = cluster::connect(global).await?;
    let (nodes, pods) = futures::join!(
        list_nodes(&cluster),
        list_twister2_pods(&cluster, args.all_namespaces)
    );
    let nodes = sorted(nodes?);
    let pods = match pods {
        Ok(pods) => Some(pods),
        Err(kube::Error::Api(status)) if status.code == 403 => {
            eprintln!(
                "warning: cannot list pods, so Twister2 pods are not shown: {}",
                cluster.explain(kube::Error::Api(status))
            );
            None
        }
        Err(e) => return Err(cluster.explain(e)),
    };
    let (items, unscheduled) = topology(&nodes, pods.as_deref().unwrap_or_default(), &keys);
    if items.is_empty() && !matches!(args.output.output, ListFormat::Json | ListFormat::Yaml) {
        eprintln!("No nodes found.");
    }
    let text = if args.tree {
        tree::render(&items, &unscheduled, args.all_namespaces)
    } else {
        let document = NodeTopology {
            kind: "Twister2NodeList",
            rack_key: &keys.rack,
            datacenter_key: &keys.datacenter,
            pods_listed: pods.is_some(),
            items: &items,
            unscheduled_pods: &unscheduled,
        };
        render(
            &document,
            args.output.output,
            args.output.no_headers,
            args.all_namespaces,
        )?
    };
    print!("{text}");
    Ok(())
}

fn ready(node: &Node) -> String {
    node.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|conditions| conditions.iter().find(|c| c.type_ == "Ready"))
        .map_or_else(|| "Unknown".to_string(), |c| c.status.clone())
}

fn topology_pod(pod: &Pod) -> TopologyPod {
    let labels = pod.metadata.labels.clone().unwrap_or_default();
    let role = if labels.contains_key(WORKER_POD) {
        PodRole::Worker
    } else if labels.contains_key(MASTER_POD) {
        PodRole::JobMaster
    } else {
        PodRole::Other
    };
    TopologyPod {
        namespace: pod.metadata.namespace.clone().unwrap_or_default(),
        name: pod.metadata.name.clone().unwrap_or_default(),
        job: labels.get(JOB).cloned(),
        role,
        phase: pod
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_default(),
    }
}

/// Nodes (in the given order) with their locations (label keys matched ignoring case, as
/// Twister2 reads them) and pods; and the pods on no listed node. Deleted pods are left out.
pub fn topology(
    nodes: &[Node],
    pods: &[Pod],
    keys: &LabelKeys,
) -> (Vec<TopologyNode>, Vec<TopologyPod>) {
    let names: HashSet<&str> = nodes
        .iter()
        .filter_map(|n| n.metadata.name.as_deref())
        .collect();
    let mut by_node: BTreeMap<String, Vec<TopologyPod>> = BTreeMap::new();
    let mut unscheduled = Vec::new();
    for pod in pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
    {
        match pod.spec.as_ref().and_then(|s| s.node_name.as_deref()) {
            Some(node) if names.contains(node) => by_node
                .entry(node.to_string())
                .or_default()
                .push(topology_pod(pod)),
            _ => unscheduled.push(topology_pod(pod)),
        }
    }
    let items = nodes
        .iter()
        .map(|node| {
            let facts = ClusterNode::from_node(node);
            let location = facts
                .data
                .location(Some(&keys.rack), Some(&keys.datacenter));
            TopologyNode {
                twister2_pods: by_node.remove(facts.name()).unwrap_or_default(),
                name: facts.data.name.clone(),
                internal_ip: facts.data.internal_ip.clone(),
                external_ip: facts.external_ips.first().cloned(),
                hostname: facts.hostnames.first().cloned(),
                rack: location.rack,
                datacenter: location.datacenter,
                ready: ready(node),
            }
        })
        .collect();
    (items, unscheduled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(name: &str, ip: &str, labels: serde_json::Value, ready: &str) -> Node {
        serde_json::from_value(json!({
            "metadata": {"name": name, "labels": labels},
            "status": {
                "addresses": [
                    {"type": "InternalIP", "address": ip},
                    {"type": "Hostname", "address": format!("{name}.lan")}
                ],
                "conditions": [{"type": "Ready", "status": ready}]
            }
        }))
        .unwrap()
    }

    fn pod(ns: &str, name: &str, node: Option<&str>, role: &str) -> Pod {
        serde_json::from_value(json!({
            "metadata": {"namespace": ns, "name": name,
                "labels": {"app": "twister2", "t2-job": "u-j-1", role: "u-j-1"}},
            "spec": {"containers": [], "nodeName": node},
            "status": {"phase": "Running"}
        }))
        .unwrap()
    }

    fn sample() -> (Vec<TopologyNode>, Vec<TopologyPod>) {
        let nodes = vec![
            node(
                "n1",
                "10.0.0.1",
                json!({"Rack": "r1", "datacenter": "dc1"}),
                "True",
            ),
            node("n2", "10.0.0.2", json!({}), "False"),
        ];
        let pods = vec![
            pod("a", "u-j-1-0-0", Some("n1"), "t2-wp"),
            pod("b", "u-j-1-jm-0", Some("n1"), "t2-mp"),
            pod("a", "u-j-1-0-1", None, "t2-wp"),
            pod("a", "u-j-1-0-2", Some("gone"), "t2-wp"),
        ];
        topology(&nodes, &pods, &LabelKeys::default())
    }

    #[test]
    fn pods_are_grouped_by_node() {
        let (items, unscheduled) = sample();
        assert_eq!(items[0].rack.as_deref(), Some("r1"), "key ignoring case");
        assert_eq!(items[0].twister2_pods.len(), 2);
        assert_eq!(items[0].twister2_pods[1].role, PodRole::JobMaster);
        assert_eq!(items[0].hostname.as_deref(), Some("n1.lan"));
        assert_eq!(items[1].ready, "False");
        assert_eq!(unscheduled.len(), 2);
    }

    fn doc<'a>(items: &'a [TopologyNode], unscheduled: &'a [TopologyPod]) -> NodeTopology<'a> {
        NodeTopology {
            kind: "Twister2NodeList",
            rack_key: "rack",
            datacenter_key: "datacenter",
            pods_listed: true,
            items,
            unscheduled_pods: unscheduled,
        }
    }

    #[test]
    fn table_and_wide() {
        let (items, unscheduled) = sample();
        let text = render(&doc(&items, &unscheduled), ListFormat::Table, false, false).unwrap();
        assert_eq!(
            text,
            "NODE   INTERNAL-IP   EXTERNAL-IP   RACK     DATACENTER   READY   TWISTER2 PODS\n\
             n1     10.0.0.1      <none>        r1       dc1          True    2\n\
             n2     10.0.0.2      <none>        <none>   <none>       False   0\n"
        );
        let wide = render(&doc(&items, &unscheduled), ListFormat::Wide, true, true).unwrap();
        assert!(
            wide.lines()
                .next()
                .unwrap()
                .ends_with("n1.lan   a/u-j-1,b/u-j-1"),
            "{wide}"
        );
        let names = render(&doc(&items, &unscheduled), ListFormat::Name, false, false).unwrap();
        assert_eq!(names, "node/n1\nnode/n2\n");
    }

    #[test]
    fn json_document() {
        let (items, unscheduled) = sample();
        let text = render(&doc(&items, &unscheduled), ListFormat::Json, false, false).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["kind"], "Twister2NodeList");
        assert_eq!(value["items"][0]["internalIp"], "10.0.0.1");
        assert_eq!(value["items"][0]["twister2Pods"][1]["role"], "jobMaster");
        assert_eq!(value["unscheduledPods"].as_array().unwrap().len(), 2);
    }
}
