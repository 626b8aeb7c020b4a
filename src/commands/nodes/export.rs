//! `kubectl twister2 nodes export`: the current rack/datacenter labels written back out as a
//! Twister2 config fragment (`twister2.resource.racks.list` of InternalIPs and
//! `twister2.resource.datacenters.list`), for clusters where job pods take their location from
//! the config (`twister2.resource.kubernetes.node.locations.from.config: true`).

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};

use crate::cli::GlobalArgs;
use crate::cli::nodes::ExportArgs;
use crate::cluster;
use crate::cluster::nodes::list_nodes;
use crate::commands::nodes::{keys_from_args, sorted};
use crate::output::tree::natural_cmp;
use crate::twister2::config::keys::{DATACENTERS_LIST, NODE_LOCATIONS_FROM_CONFIG, RACKS_LIST};
use crate::twister2::label_plan::{ClusterNode, LabelKeys};

/// Racks and datacenters read from node labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    /// Rack → InternalIPs of its nodes, racks in natural order.
    pub racks: Vec<(String, Vec<String>)>,
    /// Datacenter → its racks, in natural order.
    pub datacenters: Vec<(String, Vec<String>)>,
    /// How many nodes were exported.
    pub nodes: usize,
    /// What was left out or had to be chosen.
    pub warnings: Vec<String>,
}

/// How many node names a warning lists before "and N more".
const NAMES_SHOWN: usize = 5;

fn some_names(names: &[&str]) -> String {
    let more = names.len().saturating_sub(NAMES_SHOWN);
    let shown = names[..names.len().min(NAMES_SHOWN)].join(", ");
    if more > 0 {
        format!("{shown} and {more} more")
    } else {
        shown
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Groups `nodes` (in the order given) by rack, and racks by datacenter, reading labels the
/// way Twister2 does (keys ignoring case). A rack whose nodes name different datacenters is put
/// under the one most of them name (a warning says so).
pub fn collect(nodes: &[ClusterNode], keys: &LabelKeys) -> Exported {
    let mut out = Exported::default();
    let mut no_rack: Vec<&str> = Vec::new();
    let mut no_ip: Vec<&str> = Vec::new();
    // rack → (ips, datacenter → node count, nodes without datacenter)
    type RackFacts<'a> = (Vec<String>, BTreeMap<String, usize>, usize);
    let mut racks: BTreeMap<String, RackFacts<'_>> = BTreeMap::new();
    for node in nodes {
        let location = node.data.location(Some(&keys.rack), Some(&keys.datacenter));
        let Some(rack) = location.rack else {
            no_rack.push(node.name());
            continue;
        };
        let Some(ip) = location.ip else {
            no_ip.push(node.name());
            continue;
        };
        let facts = racks.entry(rack).or_default();
        facts.0.push(ip);
        match location.datacenter {
            Some(dc) => *facts.1.entry(dc).or_default() += 1,
            None => facts.2 += 1,
        }
        out.nodes += 1;
    }
    if !no_rack.is_empty() {
        out.warnings.push(format!(
            "{} without a '{}' label left out: {}",
            plural(no_rack.len(), "node", "nodes"),
            keys.rack,
            some_names(&no_rack)
        ));
    }
    if !no_ip.is_empty() {
        out.warnings.push(format!(
            "{} without an InternalIP left out (Twister2 pods look up their node's InternalIP): {}",
            plural(no_ip.len(), "node", "nodes"),
            some_names(&no_ip)
        ));
    }
    let mut datacenters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut rack_list: Vec<(String, Vec<String>)> = Vec::new();
    for (rack, (ips, dcs, without_dc)) in racks {
        let chosen = dcs
            .iter()
            .max_by(|(a_name, a), (b_name, b)| a.cmp(b).then_with(|| natural_cmp(b_name, a_name)))
            .map(|(dc, _)| dc.clone());
        match &chosen {
            Some(dc) => {
                if dcs.len() > 1 {
                    let parts: Vec<String> = dcs
                        .iter()
                        .map(|(d, n)| format!("{d} ({})", plural(*n, "node", "nodes")))
                        .collect();
                    out.warnings.push(format!(
                        "rack {rack} has nodes in several datacenters: {}; exported under {dc}",
                        parts.join(", ")
                    ));
                }
                if without_dc > 0 {
                    out.warnings.push(format!(
                        "{} of rack {rack} without a '{}' label; exported under {dc}",
                        plural(without_dc, "node", "nodes"),
                        keys.datacenter
                    ));
                }
                datacenters
                    .entry(dc.clone())
                    .or_default()
                    .push(rack.clone());
            }
            None => out.warnings.push(format!(
                "rack {rack} is in no datacenter (none of its nodes has a '{}' label)",
                keys.datacenter
            )),
        }
        rack_list.push((rack, ips));
    }
    rack_list.sort_by(|(a, _), (b, _)| natural_cmp(a, b));
    let mut dc_list: Vec<(String, Vec<String>)> = datacenters.into_iter().collect();
    dc_list.sort_by(|(a, _), (b, _)| natural_cmp(a, b));
    for (_, members) in &mut dc_list {
        members.sort_by(|a, b| natural_cmp(a, b));
    }
    out.racks = rack_list;
    out.datacenters = dc_list;
    out
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.escape_default()))
}

fn map_list(key: &str, entries: &[(String, Vec<String>)]) -> String {
    if entries.is_empty() {
        return format!("{key}: []\n");
    }
    let mut out = format!("{key}:\n");
    for (name, members) in entries {
        let members: Vec<String> = members.iter().map(|m| quoted(m)).collect();
        out.push_str(&format!("  - {}: [{}]\n", quoted(name), members.join(", ")));
    }
    out
}

/// The config fragment. Names and addresses are double-quoted, so YAML 1.1 readers (Twister2's
/// SnakeYAML) never take a rack called `yes` or `1.5` for a boolean or a number.
pub fn render(exported: &Exported, keys: &LabelKeys) -> String {
    let mut out = format!(
        "# Node locations exported by `kubectl twister2 nodes export` from the node labels '{}' \
(rack)\n# and '{}' (datacenter): {} in {}, {}.\n\
# Job pods read these lists (instead of node labels) when this is set:\n# {NODE_LOCATIONS_FROM_CONFIG}: true\n",
        keys.rack,
        keys.datacenter,
        plural(exported.nodes, "node", "nodes"),
        plural(exported.racks.len(), "rack", "racks"),
        plural(exported.datacenters.len(), "datacenter", "datacenters"),
    );
    out.push_str(&map_list(RACKS_LIST, &exported.racks));
    out.push_str(&map_list(DATACENTERS_LIST, &exported.datacenters));
    out
}

/// Run `nodes export`.
pub async fn run(global: &GlobalArgs, args: &ExportArgs) -> Result<()> {
    let keys = keys_from_args(&args.keys)?;
    let cluster = cluster::connect(global).await?;
    let nodes = sorted(list_nodes(&cluster).await?);
    let facts: Vec<ClusterNode> = nodes.iter().map(ClusterNode::from_node).collect();
    let exported = collect(&facts, &keys);
    for warning in &exported.warnings {
        eprintln!("warning: {warning}");
    }
    if exported.racks.is_empty() {
        return Err(anyhow!(
            "no node has a '{}' label, so there is nothing to export; label nodes with \
`kubectl twister2 nodes label --rack RACK NODE...` (or pass --rack-key)",
            keys.rack
        ));
    }
    print!("{}", render(&exported, &keys));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twister2::config::{Config, ConfigSources};
    use crate::twister2::node_info::NodeData;

    fn node(name: &str, ip: Option<&str>, labels: &[(&str, &str)]) -> ClusterNode {
        ClusterNode {
            data: NodeData {
                name: name.into(),
                internal_ip: ip.map(str::to_string),
                labels: labels
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            },
            ..Default::default()
        }
    }

    fn sample() -> Vec<ClusterNode> {
        vec![
            node(
                "n1",
                Some("10.0.0.1"),
                &[("rack", "r10"), ("datacenter", "dc1")],
            ),
            node(
                "n2",
                Some("10.0.0.2"),
                &[("rack", "r2"), ("datacenter", "dc1")],
            ),
            node(
                "n3",
                Some("10.0.0.3"),
                &[("rack", "r2"), ("datacenter", "dc2")],
            ),
            node(
                "n4",
                Some("10.0.0.4"),
                &[("rack", "r2"), ("datacenter", "dc1")],
            ),
            node("n5", Some("10.0.0.5"), &[("RACK", "yes")]),
            node("n6", None, &[("rack", "r2")]),
            node("n7", Some("10.0.0.7"), &[]),
        ]
    }

    #[test]
    fn lists_from_labels() {
        let exported = collect(&sample(), &LabelKeys::default());
        assert_eq!(exported.nodes, 5);
        assert_eq!(
            exported.racks,
            vec![
                (
                    "r2".to_string(),
                    vec!["10.0.0.2".to_string(), "10.0.0.3".into(), "10.0.0.4".into()]
                ),
                ("r10".to_string(), vec!["10.0.0.1".to_string()]),
                ("yes".to_string(), vec!["10.0.0.5".to_string()]),
            ]
        );
        assert_eq!(
            exported.datacenters,
            vec![("dc1".to_string(), vec!["r2".to_string(), "r10".into()])]
        );
        let w = exported.warnings.join("\n");
        assert!(
            w.contains("1 node without a 'rack' label left out: n7"),
            "{w}"
        );
        assert!(w.contains("1 node without an InternalIP left out"), "{w}");
        assert!(
            w.contains("rack r2 has nodes in several datacenters: dc1 (2 nodes), dc2 (1 node); exported under dc1"),
            "{w}"
        );
        assert!(w.contains("rack yes is in no datacenter"), "{w}");
    }

    #[test]
    fn the_fragment_loads_back_as_twister2_config() {
        let keys = LabelKeys::default();
        let exported = collect(&sample(), &keys);
        let text = render(&exported, &keys);
        assert!(text.contains("\n  - \"yes\": [\"10.0.0.5\"]\n"), "{text}");
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("racks.yaml");
        std::fs::write(&file, &text).unwrap();
        let loaded = Config::load(&ConfigSources {
            files: vec![file],
            ..Default::default()
        })
        .unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.config.racks_list(), exported.racks);
        assert_eq!(loaded.config.datacenters_list(), exported.datacenters);
    }

    #[test]
    fn no_datacenters_renders_an_empty_list() {
        let keys = LabelKeys::default();
        let exported = collect(&[node("n1", Some("10.0.0.1"), &[("rack", "r1")])], &keys);
        let text = render(&exported, &keys);
        assert!(text.ends_with(
            "twister2.resource.racks.list:\n  - \"r1\": [\"10.0.0.1\"]\ntwister2.resource.datacenters.list: []\n"
        ), "{text}");
    }
}
