//! Which node label keys hold the rack and the datacenter: flag, configuration or default.

use crate::twister2::config::Config;
use crate::twister2::names::{
    DEFAULT_DATACENTER_LABEL_KEY, DEFAULT_RACK_LABEL_KEY, is_qualified_name,
};

use super::problems::PlanProblem;

/// The node label keys holding the rack and the datacenter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelKeys {
    /// Rack key.
    pub rack: String,
    /// Datacenter key.
    pub datacenter: String,
}

impl Default for LabelKeys {
    fn default() -> Self {
        LabelKeys {
            rack: DEFAULT_RACK_LABEL_KEY.to_string(),
            datacenter: DEFAULT_DATACENTER_LABEL_KEY.to_string(),
        }
    }
}

impl LabelKeys {
    /// Flag, else the configuration's `twister2.resource.{rack,datacenter}.labey.key`, else
    /// `rack` and `datacenter`.
    pub fn resolve(
        rack_flag: Option<&str>,
        datacenter_flag: Option<&str>,
        config: Option<&Config>,
    ) -> LabelKeys {
        let rack = rack_flag
            .or_else(|| config.and_then(Config::rack_label_key))
            .unwrap_or(DEFAULT_RACK_LABEL_KEY);
        let datacenter = datacenter_flag
            .or_else(|| config.and_then(Config::datacenter_label_key))
            .unwrap_or(DEFAULT_DATACENTER_LABEL_KEY);
        LabelKeys {
            rack: rack.to_string(),
            datacenter: datacenter.to_string(),
        }
    }

    /// Problems with the keys: not a valid label key, or both the same.
    pub fn problems(&self) -> Vec<PlanProblem> {
        let mut problems = Vec::new();
        for (what, key) in [("rack", &self.rack), ("datacenter", &self.datacenter)] {
            if !is_qualified_name(key) {
                problems.push(PlanProblem::BadKey {
                    what,
                    key: key.clone(),
                });
            }
        }
        if self.rack == self.datacenter {
            problems.push(PlanProblem::SameKeys(self.rack.clone()));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_flags_then_config_then_defaults() {
        assert_eq!(LabelKeys::resolve(None, None, None), LabelKeys::default());
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("resource.yaml");
        std::fs::write(
            &file,
            "twister2.resource.rack.labey.key: example.com/rack\ntwister2.resource.datacenter.labey.key: example.com/dc\n",
        )
        .unwrap();
        let loaded = Config::load(&crate::twister2::config::ConfigSources {
            files: vec![file],
            ..Default::default()
        })
        .unwrap();
        let keys = LabelKeys::resolve(None, None, Some(&loaded.config));
        assert_eq!(keys.rack, "example.com/rack");
        assert_eq!(keys.datacenter, "example.com/dc");
        let keys = LabelKeys::resolve(Some("r"), None, Some(&loaded.config));
        assert_eq!(keys.rack, "r");
        assert_eq!(keys.datacenter, "example.com/dc");
    }

    #[test]
    fn bad_keys_are_refused() {
        let keys = LabelKeys {
            rack: "bad key".into(),
            datacenter: "bad key".into(),
        };
        let problems = keys.problems();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[2].to_string().contains("must differ"));
        assert!(
            LabelKeys {
                rack: "topology.kubernetes.io/zone".into(),
                datacenter: "topology.kubernetes.io/region".into()
            }
            .problems()
            .is_empty()
        );
    }
}
