//! A checked label plan: what changes, what does not, and each node's merge patch.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::warnings::PlanWarning;

/// One label of one node, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelChange {
    /// Node name.
    pub node: String,
    /// Label key.
    pub key: String,
    /// Value before (`None`: absent).
    pub old: Option<String>,
    /// Value after (`None`: removed or still absent).
    pub new: Option<String>,
}

/// The merge patch of one node's labels: a value sets the key, `None` removes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePatch {
    /// Node name.
    pub node: String,
    /// Label key → new value (`None` removes).
    pub labels: BTreeMap<String, Option<String>>,
}

impl NodePatch {
    /// The JSON merge patch body: `{"metadata":{"labels":{key: value-or-null}}}` — labels only.
    pub fn merge_patch(&self) -> Value {
        let labels: Map<String, Value> = self
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().map_or(Value::Null, Value::String)))
            .collect();
        json!({"metadata": {"labels": labels}})
    }

    /// `node` as JSON with this patch applied to its labels (what the server would store).
    pub fn apply_to(&self, node: &Value) -> Value {
        let mut out = node.clone();
        if !out["metadata"]["labels"].is_object() {
            out["metadata"]["labels"] = Value::Object(Map::new());
        }
        if let Some(labels) = out["metadata"]["labels"].as_object_mut() {
            for (key, value) in &self.labels {
                match value {
                    Some(v) => {
                        labels.insert(key.clone(), Value::String(v.clone()));
                    }
                    None => {
                        labels.remove(key);
                    }
                }
            }
        }
        out
    }
}

/// A checked plan: what changes, what already holds its value, and what to tell the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelPlan {
    /// Labels that change, in node order then rack before datacenter.
    pub changes: Vec<LabelChange>,
    /// Labels that already hold the wanted value (label) or are already absent on a named
    /// node (unlabel).
    pub unchanged: Vec<LabelChange>,
    /// Things worth knowing that do not stop the plan.
    pub warnings: Vec<PlanWarning>,
}

impl LabelPlan {
    /// One merge patch per node that changes, in node order.
    pub fn patches(&self) -> Vec<NodePatch> {
        let mut out: Vec<NodePatch> = Vec::new();
        for change in &self.changes {
            match out.last_mut() {
                Some(last) if last.node == change.node => {
                    last.labels.insert(change.key.clone(), change.new.clone());
                }
                _ => out.push(NodePatch {
                    node: change.node.clone(),
                    labels: BTreeMap::from([(change.key.clone(), change.new.clone())]),
                }),
            }
        }
        out
    }

    /// Nodes named by the input on which nothing changes (kubectl's `not labeled`), in order.
    pub fn nodes_unchanged(&self) -> Vec<String> {
        let changed: BTreeSet<&str> = self.changes.iter().map(|c| c.node.as_str()).collect();
        let mut out: Vec<String> = Vec::new();
        for c in &self.unchanged {
            if !changed.contains(c.node.as_str()) && out.last() != Some(&c.node) {
                out.push(c.node.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patches_apply_to_node_json() {
        let patch = NodePatch {
            node: "n".into(),
            labels: BTreeMap::from([
                ("rack".to_string(), Some("r1".to_string())),
                ("datacenter".to_string(), None),
            ]),
        };
        let node = json!({"metadata": {"name": "n", "labels": {"datacenter": "x", "a": "b"}}});
        assert_eq!(
            patch.apply_to(&node)["metadata"]["labels"],
            json!({"a": "b", "rack": "r1"})
        );
        let bare = json!({"metadata": {"name": "n"}});
        assert_eq!(
            patch.apply_to(&bare)["metadata"]["labels"],
            json!({"rack": "r1"})
        );
    }
}
