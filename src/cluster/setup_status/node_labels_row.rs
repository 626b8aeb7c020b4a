//! The node-labels row: how many nodes carry the rack and datacenter labels.

use k8s_openapi::api::core::v1::Node;

use super::report::unknown;
use super::report::{ComponentStatus, Installed};

/// The node-labels row: how many nodes carry the rack and datacenter labels.
pub fn node_label_status(
    nodes: &std::result::Result<Vec<Node>, String>,
    rack_key: &str,
    datacenter_key: &str,
) -> ComponentStatus {
    const NAME: &str = "node-labels";
    let nodes = match nodes {
        Err(e) => return unknown(NAME, &format!("cannot list nodes: {e}")),
        Ok(n) => n,
    };
    // Twister2 matches label keys case-insensitively.
    let has = |node: &Node, key: &str| {
        node.metadata
            .labels
            .as_ref()
            .is_some_and(|l| l.keys().any(|k| k.eq_ignore_ascii_case(key)))
    };
    let total = nodes.len();
    let racks = nodes.iter().filter(|n| has(n, rack_key)).count();
    let datacenters = nodes.iter().filter(|n| has(n, datacenter_key)).count();
    let labelled = nodes
        .iter()
        .filter(|n| has(n, rack_key) || has(n, datacenter_key))
        .count();
    ComponentStatus {
        component: NAME.to_string(),
        installed: Installed::of(labelled, total.max(1)),
        ready: None,
        ready_replicas: None,
        replicas: None,
        details: format!(
            "{rack_key}: {racks}/{total} nodes, {datacenter_key}: {datacenters}/{total} nodes"
        ),
        managed: false,
        objects: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn from<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn node_label_counts() {
        let node = |name: &str, labels: serde_json::Value| -> Node {
            from(json!({"metadata": {"name": name, "labels": labels}}))
        };
        let nodes = vec![
            node("a", json!({"rack": "r1", "datacenter": "dc1"})),
            node("b", json!({"Rack": "r2"})),
            node("c", json!({})),
        ];
        let row = node_label_status(&Ok(nodes), "rack", "datacenter");
        assert_eq!(row.installed, Installed::Partial);
        assert_eq!(row.details, "rack: 2/3 nodes, datacenter: 1/3 nodes");
        let row = node_label_status(&Ok(vec![]), "rack", "datacenter");
        assert_eq!(row.installed, Installed::No);
        let row = node_label_status(&Err("Forbidden".into()), "rack", "datacenter");
        assert_eq!(row.installed, Installed::Unknown);
    }
}
