//! Checks across keys that single-value validation cannot make (node affinity, racks list).

use super::convert::value_text;
use super::effective::Config;
use super::error::ValueProblem;
use super::keys;
use super::source::Source;

impl Config {
    /// Checks across keys (call after applying CLI flags): node affinity needs a key and an
    /// operator; `Exists`/`DoesNotExist` take no values, `In`/`NotIn` at least one, `Gt`/`Lt`
    /// exactly one integer; taking locations from config needs a racks list.
    pub fn check_consistency(&self) -> Vec<ValueProblem> {
        let mut problems = Vec::new();
        let mut problem = |key: &str, reason: String| {
            let entry = self.entry(key);
            problems.push(ValueProblem {
                key: key.to_string(),
                value: entry
                    .map(|e| value_text(&e.value))
                    .unwrap_or_else(|| "(unset)".to_string()),
                source: entry.map(|e| e.source.clone()).unwrap_or(Source::Default),
                reason,
            });
        };
        if self.get_bool(keys::WORKER_TO_NODE_MAPPING) {
            if self.get_str(keys::WORKER_MAPPING_KEY).is_none() {
                problem(
                    keys::WORKER_MAPPING_KEY,
                    format!("must be set when {} is true", keys::WORKER_TO_NODE_MAPPING),
                );
            }
            let values = self.get_string_list(keys::WORKER_MAPPING_VALUES);
            match self.get_str(keys::WORKER_MAPPING_OPERATOR) {
                None => problem(
                    keys::WORKER_MAPPING_OPERATOR,
                    format!("must be set when {} is true", keys::WORKER_TO_NODE_MAPPING),
                ),
                Some(op @ ("Exists" | "DoesNotExist")) if !values.is_empty() => problem(
                    keys::WORKER_MAPPING_VALUES,
                    format!("must be empty with operator {op}"),
                ),
                Some(op @ ("In" | "NotIn")) if values.is_empty() => problem(
                    keys::WORKER_MAPPING_VALUES,
                    format!("needs at least one value with operator {op}"),
                ),
                Some(op @ ("Gt" | "Lt"))
                    if values.len() != 1 || values[0].parse::<i64>().is_err() =>
                {
                    problem(
                        keys::WORKER_MAPPING_VALUES,
                        format!("needs exactly one whole number with operator {op}"),
                    )
                }
                _ => {}
            }
        }
        if self.node_locations_from_config() && self.racks_list().is_empty() {
            problem(
                keys::RACKS_LIST,
                format!(
                    "must list racks when {} is true",
                    keys::NODE_LOCATIONS_FROM_CONFIG
                ),
            );
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use crate::twister2::config::test_support::load;
    use crate::twister2::config::{ConfigSources, NodeMapping};

    #[test]
    fn consistency_checks() {
        let c = load(ConfigSources {
            sets: vec![
                "kubernetes.worker.to.node.mapping=true".into(),
                "twister2.resource.kubernetes.worker.mapping.operator=Exists".into(),
                "twister2.resource.kubernetes.worker.mapping.values=[a]".into(),
                "twister2.resource.kubernetes.node.locations.from.config=true".into(),
            ],
            ..Default::default()
        })
        .config;
        let p = c.check_consistency();
        assert_eq!(p.len(), 3, "{p:#?}");
        assert!(
            p[0].to_string()
                .contains("twister2.resource.kubernetes.worker.mapping.key = (unset): must be set")
        );
        assert!(p[1].reason.contains("must be empty with operator Exists"));
        assert!(p[2].reason.contains("must list racks"));
        assert_eq!(c.node_mapping(), None);
        let c = load(ConfigSources {
            sets: vec![
                "kubernetes.worker.to.node.mapping=true".into(),
                "twister2.resource.kubernetes.worker.mapping.key=kubernetes.io/hostname".into(),
                "twister2.resource.kubernetes.worker.mapping.operator=In".into(),
                "twister2.resource.kubernetes.worker.mapping.values=[e012, e013]".into(),
            ],
            ..Default::default()
        })
        .config;
        assert!(c.check_consistency().is_empty());
        assert_eq!(
            c.node_mapping(),
            Some(NodeMapping {
                key: "kubernetes.io/hostname".into(),
                operator: "In".into(),
                values: vec!["e012".into(), "e013".into()]
            })
        );
    }
}
