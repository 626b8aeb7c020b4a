//! Checking a value against its key's type and extra rule, and returning it in normal form.

use serde_yaml::{Mapping, Value};

use super::compute_resource_values::{compute_resources, compute_resources_value};
use super::convert::{as_bool, as_float, as_int, kind_of, map_list, scalar_text, string_list};
use super::key_types::{Check, KeySpec, ValueType};
use crate::twister2::job_id;
use crate::twister2::names::is_dns1123_label;

fn check_number(check: Check, n: f64) -> Result<(), String> {
    match check {
        Check::Port if !(1.0..=65535.0).contains(&n) => Err("must be a port, 1-65535".to_string()),
        Check::PortOrZero if !(0.0..=65535.0).contains(&n) => {
            Err("must be 0 (Kubernetes chooses) or a port, 1-65535".to_string())
        }
        Check::NonNegative if n < 0.0 => Err("must not be negative".to_string()),
        Check::Positive if n <= 0.0 => Err("must be more than zero".to_string()),
        Check::Fraction if !(n > 0.0 && n <= 1.0) => {
            Err("must be more than 0 and at most 1".to_string())
        }
        _ => Ok(()),
    }
}

fn check_string(check: Check, s: &str) -> Result<(), String> {
    match check {
        Check::OneOf(allowed) if !allowed.contains(&s) => {
            Err(format!("must be one of: {}", allowed.join(", ")))
        }
        Check::Namespace if !is_dns1123_label(s) => Err(
            "must be a namespace name: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit"
                .to_string(),
        ),
        Check::JobId => job_id::validate_job_id(s).map_err(|e| match e {
            job_id::JobIdError::InvalidJobId { reason, .. } => reason,
            other => other.to_string(),
        }),
        _ => Ok(()),
    }
}

/// Checks `value` against `spec` and returns it in normal form (booleans as booleans, numbers as
/// numbers, lists of strings, compute resources with every field).
pub fn normalize(spec: &KeySpec, value: &Value) -> Result<Value, String> {
    match spec.ty {
        ValueType::String => {
            let s = scalar_text(value)
                .ok_or_else(|| format!("expected a string, found {}", kind_of(value)))?;
            check_string(spec.check, &s)?;
            Ok(Value::String(s))
        }
        ValueType::Bool => as_bool(value)
            .map(Value::Bool)
            .ok_or_else(|| format!("expected true or false, found {}", kind_of(value))),
        ValueType::Int => {
            let n = as_int(value)?;
            check_number(spec.check, n as f64)?;
            Ok(Value::Number(n.into()))
        }
        ValueType::Float => {
            let f = as_float(value)?;
            check_number(spec.check, f)?;
            Ok(Value::Number(f.into()))
        }
        ValueType::StringList => {
            let items = string_list(value)?;
            for item in &items {
                check_string(spec.check, item)?;
            }
            Ok(Value::Sequence(
                items.into_iter().map(Value::String).collect(),
            ))
        }
        ValueType::MapList => {
            let items = map_list(value)?;
            Ok(Value::Sequence(
                items
                    .into_iter()
                    .map(|(name, members)| {
                        let mut m = Mapping::new();
                        m.insert(
                            Value::String(name),
                            Value::Sequence(members.into_iter().map(Value::String).collect()),
                        );
                        Value::Mapping(m)
                    })
                    .collect(),
            ))
        }
        ValueType::ComputeResources => Ok(compute_resources_value(&compute_resources(value)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twister2::config::test_support::{load, problems, write};
    use crate::twister2::config::{Config, ConfigSources, Source, keys};

    #[test]
    fn every_bad_value_is_reported_with_key_value_and_file() {
        let tmp = tempfile::tempdir().unwrap();
        let f = write(
            tmp.path(),
            "bad.yaml",
            "kubernetes.worker.base.port: abc\nkubernetes.image.pull.policy: Sometimes\nkubernetes.log.in.client: yes\ntwister2.kubernetes.jvm.memory.fraction: 1.5\nkubernetes.namespace: Bad_NS\ntwister2.job.id: Job_1\ntwister2.resource.worker.additional.ports: port1\ntwister2.job.master.ram: 3000000000\ntwister2.resource.racks.list: {r1: [a]}\nkubernetes.secret.name: [a, b]\n",
        );
        let err = Config::load(&ConfigSources {
            files: vec![f.clone()],
            ..Default::default()
        })
        .unwrap_err();
        let text = err.to_string();
        let p = problems(err);
        assert_eq!(p.len(), 10, "{p:#?}");
        assert!(p.iter().all(|p| p.source == Source::File(f.clone())));
        let find = |key: &str| {
            p.iter()
                .find(|p| p.key == key)
                .unwrap_or_else(|| panic!("{key}: {p:#?}"))
        };
        assert!(find(keys::WORKER_BASE_PORT).reason.contains("whole number"));
        assert_eq!(find(keys::WORKER_BASE_PORT).value, "abc");
        assert!(
            find(keys::IMAGE_PULL_POLICY)
                .reason
                .contains("Always, IfNotPresent, Never")
        );
        assert!(find(keys::LOG_IN_CLIENT).reason.contains("true or false"));
        assert!(find(keys::JVM_MEMORY_FRACTION).reason.contains("at most 1"));
        assert!(find(keys::NAMESPACE).reason.contains("namespace name"));
        assert!(find(keys::JOB_ID).reason.contains("'J' at position 1"));
        assert!(
            find(keys::ADDITIONAL_PORTS)
                .reason
                .contains("list of strings")
        );
        assert!(find(keys::JOB_MASTER_RAM).reason.contains("32-bit"));
        assert!(find(keys::RACKS_LIST).reason.contains("list of maps"));
        assert!(find(keys::SECRET_NAME).reason.contains("expected a string"));
        assert!(
            text.contains(&format!(
                "{}: kubernetes.worker.base.port = abc: expected a whole number",
                f.display()
            )),
            "{text}"
        );
    }

    #[test]
    fn values_are_normalized() {
        let loaded = load(ConfigSources {
            sets: vec![
                "kubernetes.log.in.client=\"TRUE\"".into(),
                "twister2.job.master.cpu=1".into(),
                "kubernetes.worker.base.port='9500'".into(),
                "twister2.user.name=0123".into(),
                "twister2.resource.kubernetes.worker.mapping.values=[e012, 13]".into(),
                "twister2.dashboard.host=".into(),
            ],
            ..Default::default()
        });
        let c = loaded.config;
        assert_eq!(c.get(keys::LOG_IN_CLIENT), Some(&Value::Bool(true)));
        assert_eq!(
            c.get(keys::JOB_MASTER_CPU),
            Some(&Value::Number(1.0.into()))
        );
        assert_eq!(c.worker_base_port(), 9500);
        assert_eq!(c.user_name(), Some("0123"));
        assert_eq!(
            c.get_string_list(keys::WORKER_MAPPING_VALUES),
            vec!["e012", "13"]
        );
        assert_eq!(c.get_str(keys::DASHBOARD_HOST), Some(""));
        assert_eq!(c.dashboard_host(), None);
    }
}
