//! Node selection as the scheduler reads it: node selector requirements and terms, cordons,
//! taints and tolerations, and what value of a label the nodes carry.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Node, NodeSelectorRequirement, NodeSelectorTerm, PodSpec, Taint, Toleration,
};

/// The node's labels (none when it has no metadata labels).
fn labels(node: &Node) -> Option<&BTreeMap<String, String>> {
    node.metadata.labels.as_ref()
}

/// The node's name.
pub fn name(node: &Node) -> &str {
    node.metadata.name.as_deref().unwrap_or("")
}

/// Whether `kubectl cordon` (or `spec.unschedulable`) keeps new pods off the node.
pub fn is_cordoned(node: &Node) -> bool {
    node.spec
        .as_ref()
        .and_then(|s| s.unschedulable)
        .unwrap_or(false)
}

/// Whether the node satisfies one requirement (`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`,
/// `Lt` on a label). An unknown operator matches nothing, as the API server would refuse it.
pub fn satisfies(node: &Node, requirement: &NodeSelectorRequirement) -> bool {
    let value = labels(node).and_then(|l| l.get(&requirement.key));
    value_satisfies(value.map(String::as_str), requirement)
}

fn value_satisfies(value: Option<&str>, requirement: &NodeSelectorRequirement) -> bool {
    let values = requirement.values.as_deref().unwrap_or_default();
    let number = |v: &str| v.parse::<i64>().ok();
    match requirement.operator.as_str() {
        "In" => value.is_some_and(|v| values.iter().any(|x| x == v)),
        "NotIn" => value.is_none_or(|v| !values.iter().any(|x| x == v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" | "Lt" => {
            let (Some(have), Some(bound)) = (
                value.and_then(number),
                values.first().and_then(|b| number(b)),
            ) else {
                return false;
            };
            if requirement.operator == "Gt" {
                have > bound
            } else {
                have < bound
            }
        }
        _ => false,
    }
}

/// Whether the node satisfies a term: every label expression and every field expression (only
/// `metadata.name` exists). A term with neither matches no node.
pub fn satisfies_term(node: &Node, term: &NodeSelectorTerm) -> bool {
    let expressions = term.match_expressions.as_deref().unwrap_or_default();
    let fields = term.match_fields.as_deref().unwrap_or_default();
    if expressions.is_empty() && fields.is_empty() {
        return false;
    }
    expressions.iter().all(|r| satisfies(node, r))
        && fields
            .iter()
            .all(|r| r.key == "metadata.name" && value_satisfies(Some(name(node)), r))
}

/// The required node affinity terms of a pod (ORed), if any.
pub fn required_terms(pod: &PodSpec) -> Option<&[NodeSelectorTerm]> {
    pod.affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required_during_scheduling_ignored_during_execution
        .as_ref()
        .map(|s| s.node_selector_terms.as_slice())
}

/// Whether the pod's `nodeSelector` and required node affinity let it run on the node.
pub fn selects(pod: &PodSpec, node: &Node) -> bool {
    let selector_ok = pod.node_selector.as_ref().is_none_or(|wanted| {
        wanted
            .iter()
            .all(|(k, v)| labels(node).and_then(|l| l.get(k)) == Some(v))
    });
    selector_ok
        && required_terms(pod).is_none_or(|terms| terms.iter().any(|t| satisfies_term(node, t)))
}

/// The node's `NoSchedule`/`NoExecute` taints that none of `tolerations` tolerates.
pub fn untolerated_taints<'a>(node: &'a Node, tolerations: &[Toleration]) -> Vec<&'a Taint> {
    node.spec
        .as_ref()
        .and_then(|s| s.taints.as_deref())
        .unwrap_or_default()
        .iter()
        .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
        .filter(|t| !tolerations.iter().any(|tol| tolerates(tol, t)))
        .collect()
}

fn tolerates(toleration: &Toleration, taint: &Taint) -> bool {
    let effect_ok = toleration
        .effect
        .as_deref()
        .is_none_or(|e| e.is_empty() || e == taint.effect);
    let key = toleration.key.as_deref().unwrap_or("");
    let exists = toleration.operator.as_deref() == Some("Exists");
    if key.is_empty() {
        return exists && effect_ok;
    }
    effect_ok
        && key == taint.key
        && (exists
            || toleration.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or(""))
}

/// `key=value:Effect`, as `kubectl taint` writes it.
pub fn describe_taint(taint: &Taint) -> String {
    match taint.value.as_deref() {
        Some(value) if !value.is_empty() => format!("{}={value}:{}", taint.key, taint.effect),
        _ => format!("{}:{}", taint.key, taint.effect),
    }
}

/// A requirement as a person reads it: `zone=west`, `rack in (r1, r2)`, `zone notin (a)`,
/// `gpu` (exists), `!gpu`, `cores>4`.
pub fn describe(requirement: &NodeSelectorRequirement) -> String {
    let key = &requirement.key;
    let values = requirement.values.as_deref().unwrap_or_default();
    match (requirement.operator.as_str(), values) {
        ("In", [one]) => format!("{key}={one}"),
        ("In", many) => format!("{key} in ({})", many.join(", ")),
        ("NotIn", [one]) => format!("{key}!={one}"),
        ("NotIn", many) => format!("{key} notin ({})", many.join(", ")),
        ("Exists", _) => format!("the label {key}"),
        ("DoesNotExist", _) => format!("no label {key}"),
        ("Gt", [bound, ..]) => format!("{key}>{bound}"),
        ("Lt", [bound, ..]) => format!("{key}<{bound}"),
        (operator, values) => format!("{key} {operator} ({})", values.join(", ")),
    }
}

/// Most label values a census names before summing up the rest.
const CENSUS_VALUES: usize = 6;

/// What the nodes carry under `key`: `zone=east (3), zone=north (2), 1 without the label`, or
/// that no node carries it.
pub fn census(nodes: &[&Node], key: &str) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut without = 0;
    for node in nodes {
        match labels(node).and_then(|l| l.get(key)) {
            Some(value) => *counts.entry(value).or_default() += 1,
            None => without += 1,
        }
    }
    if counts.is_empty() {
        return format!("no node carries the label {key}");
    }
    let mut by_count: Vec<(&str, usize)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut parts: Vec<String> = by_count
        .iter()
        .take(CENSUS_VALUES)
        .map(|(value, n)| format!("{key}={value} ({n})"))
        .collect();
    if by_count.len() > CENSUS_VALUES {
        parts.push(format!("{} more values", by_count.len() - CENSUS_VALUES));
    }
    if without > 0 {
        parts.push(format!("{without} without the label"));
    }
    format!("nodes carry {}", parts.join(", "))
}

/// Node names for a message: all of a few, else the first ones and a count.
pub fn list_names(nodes: &[&Node]) -> String {
    const SHOWN: usize = 5;
    let names: Vec<&str> = nodes.iter().take(SHOWN).map(|n| name(n)).collect();
    if nodes.len() > SHOWN {
        return format!("{} and {} more", names.join(", "), nodes.len() - SHOWN);
    }
    names.join(", ")
}

#[cfg(test)]
pub(super) mod test_nodes {
    use k8s_openapi::api::core::v1::{Node, NodeSpec, NodeStatus, Taint};
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    /// A node with these labels and allocatable cpu/memory.
    pub fn node(name: &str, labels: &[(&str, &str)], cpu: &str, memory: &str) -> Node {
        let mut all: std::collections::BTreeMap<String, String> = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        all.insert("kubernetes.io/hostname".into(), name.into());
        Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: Some(all),
                ..ObjectMeta::default()
            },
            spec: Some(NodeSpec::default()),
            status: Some(NodeStatus {
                allocatable: Some(
                    [("cpu", cpu), ("memory", memory), ("pods", "110")]
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), Quantity(v.to_string())))
                        .collect(),
                ),
                ..NodeStatus::default()
            }),
        }
    }

    /// `node` cordoned.
    pub fn cordoned(mut node: Node) -> Node {
        node.spec.get_or_insert_default().unschedulable = Some(true);
        node
    }

    /// `node` with a NoSchedule taint `key=value`.
    pub fn tainted(mut node: Node, key: &str, value: &str) -> Node {
        node.spec.get_or_insert_default().taints = Some(vec![Taint {
            key: key.into(),
            value: Some(value.into()),
            effect: "NoSchedule".into(),
            ..Taint::default()
        }]);
        node
    }
}

#[cfg(test)]
mod tests {
    use super::test_nodes::*;
    use super::*;

    fn req(key: &str, operator: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: operator.into(),
            values: (!values.is_empty()).then(|| values.iter().map(|v| v.to_string()).collect()),
        }
    }

    #[test]
    fn operators_match_as_the_scheduler_does() {
        let n = node("n1", &[("zone", "west"), ("cores", "8")], "8", "31Gi");
        assert!(satisfies(&n, &req("zone", "In", &["east", "west"])));
        assert!(!satisfies(&n, &req("zone", "In", &["east"])));
        assert!(satisfies(&n, &req("zone", "NotIn", &["east"])));
        assert!(
            satisfies(&n, &req("rack", "NotIn", &["r1"])),
            "absent label is NotIn"
        );
        assert!(satisfies(&n, &req("zone", "Exists", &[])));
        assert!(satisfies(&n, &req("rack", "DoesNotExist", &[])));
        assert!(satisfies(&n, &req("cores", "Gt", &["4"])));
        assert!(!satisfies(&n, &req("cores", "Lt", &["4"])));
        assert!(!satisfies(&n, &req("zone", "Gt", &["4"])), "not a number");
        assert!(!satisfies(&n, &req("zone", "Near", &["west"])));
    }

    #[test]
    fn terms_and_fields() {
        let n = node("n1", &[("zone", "west")], "8", "31Gi");
        let term = |exprs: Vec<NodeSelectorRequirement>, fields: Vec<NodeSelectorRequirement>| {
            NodeSelectorTerm {
                match_expressions: Some(exprs),
                match_fields: Some(fields),
            }
        };
        assert!(
            !satisfies_term(&n, &NodeSelectorTerm::default()),
            "empty term"
        );
        assert!(satisfies_term(
            &n,
            &term(
                vec![req("zone", "In", &["west"])],
                vec![req("metadata.name", "In", &["n1"])]
            )
        ));
        assert!(!satisfies_term(
            &n,
            &term(
                vec![req("zone", "In", &["west"])],
                vec![req("metadata.name", "In", &["n2"])]
            )
        ));
    }

    #[test]
    fn taints_and_tolerations() {
        let n = tainted(node("n1", &[], "8", "31Gi"), "gpu", "true");
        assert_eq!(untolerated_taints(&n, &[]).len(), 1);
        let exact = Toleration {
            key: Some("gpu".into()),
            operator: Some("Equal".into()),
            value: Some("true".into()),
            effect: Some("NoSchedule".into()),
            ..Toleration::default()
        };
        assert!(untolerated_taints(&n, &[exact]).is_empty());
        let everything = Toleration {
            operator: Some("Exists".into()),
            ..Toleration::default()
        };
        assert!(untolerated_taints(&n, &[everything]).is_empty());
        let other = Toleration {
            key: Some("gpu".into()),
            value: Some("false".into()),
            ..Toleration::default()
        };
        assert_eq!(untolerated_taints(&n, &[other]).len(), 1);
        assert_eq!(
            describe_taint(untolerated_taints(&n, &[])[0]),
            "gpu=true:NoSchedule"
        );
    }

    #[test]
    fn census_counts_values_and_nodes_without_the_label() {
        let nodes = [
            node("a", &[("zone", "east")], "8", "1Gi"),
            node("b", &[("zone", "east")], "8", "1Gi"),
            node("c", &[("zone", "north")], "8", "1Gi"),
            node("d", &[], "8", "1Gi"),
        ];
        let refs: Vec<&Node> = nodes.iter().collect();
        assert_eq!(
            census(&refs, "zone"),
            "nodes carry zone=east (2), zone=north (1), 1 without the label"
        );
        assert_eq!(census(&refs, "rack"), "no node carries the label rack");
        assert_eq!(
            describe(&req("rack", "In", &["r1", "r2"])),
            "rack in (r1, r2)"
        );
        assert_eq!(describe(&req("zone", "In", &["west"])), "zone=west");
    }
}
