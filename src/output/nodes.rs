//! `nodes`' output (besides `--tree`): the table (and `-o wide`) of nodes with their racks,
//! datacenters and Twister2 pods, the `Twister2NodeList` document of `-o json|yaml`, and
//! `-o name`.

use std::collections::BTreeSet;

use anyhow::Result;
use serde::Serialize;

use crate::output::document::{ListFormat, StructuredFormat};
use crate::output::tree::{TopologyNode, TopologyPod};
use crate::output::{document, table};

/// The `-o json|yaml` document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeTopology<'a> {
    /// Always `Twister2NodeList`.
    pub kind: &'static str,
    /// The rack label key used.
    pub rack_key: &'a str,
    /// The datacenter label key used.
    pub datacenter_key: &'a str,
    /// Whether Twister2 pods could be listed (false: `twister2Pods` are unknown).
    pub pods_listed: bool,
    /// The nodes, in name order.
    pub items: &'a [TopologyNode],
    /// Twister2 pods on no listed node (pending, or on a node that is gone).
    pub unscheduled_pods: &'a [TopologyPod],
}

/// The stdout text for a listing format (not the tree).
pub fn render(
    document: &NodeTopology<'_>,
    format: ListFormat,
    no_headers: bool,
    all_namespaces: bool,
) -> Result<String> {
    Ok(match format {
        ListFormat::Json => document::render(document, StructuredFormat::Json)?,
        ListFormat::Yaml => document::render(document, StructuredFormat::Yaml)?,
        ListFormat::Name => document
            .items
            .iter()
            .map(|n| format!("node/{}\n", n.name))
            .collect(),
        ListFormat::Table | ListFormat::Wide => {
            if document.items.is_empty() {
                return Ok(String::new());
            }
            let wide = format == ListFormat::Wide;
            let mut headers = vec![
                "node",
                "internal-ip",
                "external-ip",
                "rack",
                "datacenter",
                "ready",
                "twister2 pods",
            ];
            if wide {
                headers.extend(["hostname", "jobs"]);
            }
            let rows: Vec<Vec<String>> = document
                .items
                .iter()
                .map(|n| row(n, document.pods_listed, wide, all_namespaces))
                .collect();
            table::render(&headers, &rows, no_headers)
        }
    })
}

fn row(node: &TopologyNode, pods_listed: bool, wide: bool, all_namespaces: bool) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut cells = vec![
        node.name.clone(),
        text(&node.internal_ip),
        text(&node.external_ip),
        text(&node.rack),
        text(&node.datacenter),
        node.ready.clone(),
        if pods_listed {
            node.twister2_pods.len().to_string()
        } else {
            "?".to_string()
        },
    ];
    if wide {
        let jobs: BTreeSet<String> = node
            .twister2_pods
            .iter()
            .filter_map(|p| {
                p.job.as_ref().map(|job| {
                    if all_namespaces {
                        format!("{}/{job}", p.namespace)
                    } else {
                        job.clone()
                    }
                })
            })
            .collect();
        cells.push(text(&node.hostname));
        cells.push(jobs.into_iter().collect::<Vec<_>>().join(","));
    }
    cells
}
