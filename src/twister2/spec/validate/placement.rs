//! Checks of placement: `--target`, rack and datacenter labels, `--spread`, the node mapping.

use std::collections::BTreeSet;

use crate::twister2::names::{is_label_value, is_qualified_name};
use crate::twister2::spec::{JobSpec, NodeMapping, NodeSelectorOperator, UniformMapping};

impl JobSpec {
    pub(super) fn check_placement(&self, p: &mut Vec<String>) {
        let mut keys = BTreeSet::new();
        for target in &self.targets {
            if !is_qualified_name(&target.key) {
                p.push(format!(
                    "target key '{}' is not a valid label key",
                    target.key
                ));
            }
            if !is_label_value(&target.value) {
                p.push(format!(
                    "target value '{}' is not a valid label value",
                    target.value
                ));
            }
            if !keys.insert(target.key.as_str()) {
                p.push(format!(
                    "target key '{}' is given twice; a node has one value per key",
                    target.key
                ));
            }
        }
        let placement = &self.placement;
        for (what, key) in [
            ("rack", &placement.rack_label_key),
            ("datacenter", &placement.datacenter_label_key),
        ] {
            if !is_qualified_name(key) {
                p.push(format!("{what} label key '{key}' is not a valid label key"));
            }
        }
        for (what, values) in [
            ("rack", &placement.racks),
            ("datacenter", &placement.datacenters),
        ] {
            for value in values {
                if value.is_empty() || !is_label_value(value) {
                    p.push(format!("{what} '{value}' is not a valid label value"));
                }
            }
        }
        if placement.spread.is_some() && self.uniform_mapping == UniformMapping::AllSameNode {
            p.push(
                "--spread contradicts the uniform mapping all-same-node \
                 (kubernetes.worker.mapping.uniform)"
                    .to_string(),
            );
        }
        if let Some(mapping) = &self.node_mapping {
            check_node_mapping(mapping, p);
        }
    }
}

fn check_node_mapping(mapping: &NodeMapping, p: &mut Vec<String>) {
    if !is_qualified_name(&mapping.key) {
        p.push(format!(
            "worker mapping key '{}' is not a valid label key \
             (twister2.resource.kubernetes.worker.mapping.key)",
            mapping.key
        ));
    }
    let n = mapping.values.len();
    match mapping.operator {
        NodeSelectorOperator::Exists | NodeSelectorOperator::DoesNotExist if n != 0 => {
            p.push(format!(
                "worker mapping operator {} takes no values",
                mapping.operator
            ));
        }
        NodeSelectorOperator::In | NodeSelectorOperator::NotIn if n == 0 => {
            p.push(format!(
                "worker mapping operator {} needs at least one value",
                mapping.operator
            ));
        }
        NodeSelectorOperator::Gt | NodeSelectorOperator::Lt
            if n != 1 || mapping.values[0].parse::<i64>().is_err() =>
        {
            p.push(format!(
                "worker mapping operator {} needs exactly one integer value",
                mapping.operator
            ));
        }
        _ => {}
    }
    for value in &mapping.values {
        if !is_label_value(value) {
            p.push(format!(
                "worker mapping value '{value}' is not a valid label value"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::twister2::spec::validate::test_support::*;
    use crate::twister2::spec::*;

    #[test]
    fn targets_and_placement_labels() {
        let mut spec = JobSpec::example("j");
        spec.targets = vec![
            "zone=a".parse().unwrap(),
            "example.com/gpu=true".parse().unwrap(),
        ];
        spec.placement.racks = vec!["r1".into()];
        spec.placement.spread = Some(SpreadDomain::Rack);
        assert_eq!(spec.validate(), Ok(()));
        spec.targets.push("zone=b".parse().unwrap());
        spec.targets.push("bad key=x".parse().unwrap());
        spec.targets.push("k=bad value".parse().unwrap());
        spec.placement.datacenters = vec![String::new()];
        spec.placement.rack_label_key = "-rack".into();
        for needle in [
            "target key 'zone' is given twice",
            "target key 'bad key'",
            "target value 'bad value'",
            "datacenter '' is not",
            "rack label key '-rack'",
        ] {
            assert!(has(&spec, needle), "{needle}");
        }
    }

    #[test]
    fn spread_conflicts_with_all_same_node() {
        let mut spec = JobSpec::example("j");
        spec.placement.spread = Some(SpreadDomain::Node);
        spec.uniform_mapping = UniformMapping::AllSameNode;
        assert!(has(&spec, "contradicts the uniform mapping"));
        spec.uniform_mapping = UniformMapping::AllSeparateNodes;
        assert_eq!(spec.validate(), Ok(()));
    }

    #[test]
    fn node_mapping_operators_and_values() {
        let mut spec = JobSpec::example("j");
        let mapping = |op: NodeSelectorOperator, values: &[&str]| NodeMapping {
            key: "kubernetes.io/hostname".into(),
            operator: op,
            values: values.iter().map(|v| v.to_string()).collect(),
        };
        for ok in [
            mapping(NodeSelectorOperator::In, &["e012", "e013"]),
            mapping(NodeSelectorOperator::Exists, &[]),
            mapping(NodeSelectorOperator::Gt, &["4"]),
        ] {
            spec.node_mapping = Some(ok);
            assert_eq!(spec.validate(), Ok(()));
        }
        spec.node_mapping = Some(mapping(NodeSelectorOperator::DoesNotExist, &["x"]));
        assert!(has(&spec, "DoesNotExist takes no values"));
        spec.node_mapping = Some(mapping(NodeSelectorOperator::NotIn, &[]));
        assert!(has(&spec, "NotIn needs at least one value"));
        spec.node_mapping = Some(mapping(NodeSelectorOperator::Lt, &["x"]));
        assert!(has(&spec, "Lt needs exactly one integer value"));
    }
}
