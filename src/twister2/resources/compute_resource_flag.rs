//! One `--compute-resource` value (`cpu=1,memory=2Gi,instances=4,…`) into a `ComputeResource`.

use super::compute_resource::ComputeResource;
use super::units::{ResourceError, parse_cpu, parse_disk_gib, parse_memory_mib, value_error};

fn parse_count(field: &str, text: &str) -> Result<u32, ResourceError> {
    let trimmed = text.trim();
    if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(value_error(field, text, "is not a whole number"));
    }
    let n: u64 = trimmed
        .parse()
        .map_err(|_| value_error(field, text, "is too large"))?;
    if n == 0 {
        return Err(value_error(field, text, "must be at least 1"));
    }
    if n > i32::MAX as u64 {
        return Err(value_error(field, text, "is too large"));
    }
    Ok(n as u32)
}

/// Per-worker values used when a `--compute-resource` leaves a field out (from `--cpu`,
/// `--memory` and the plugin's defaults).
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceDefaults {
    /// Cores per worker.
    pub cpu: f64,
    /// MiB per worker.
    pub ram_mb: u32,
    /// Volatile disk GiB per worker.
    pub disk_gb: f64,
}

impl Default for ResourceDefaults {
    /// One core, 1024 MiB and no volatile disk per worker.
    fn default() -> Self {
        ResourceDefaults {
            cpu: 1.0,
            ram_mb: 1024,
            disk_gb: 0.0,
        }
    }
}

/// Parses one `--compute-resource` value:
/// `cpu=1,memory=2Gi,disk=1Gi,instances=4,workers-per-pod=2[,scalable]`.
///
/// `instances` is required; `cpu`, `memory` and `disk` default to `defaults`; `workers-per-pod`
/// defaults to 1; `scalable` may be written bare or as `scalable=true|false`. Unknown and repeated
/// fields are errors. `index` is the resource's position in the job.
pub fn parse_compute_resource(
    spec: &str,
    index: u32,
    defaults: &ResourceDefaults,
) -> Result<ComputeResource, ResourceError> {
    let mut resource = ComputeResource {
        index,
        cpu: defaults.cpu,
        ram_mb: defaults.ram_mb,
        disk_gb: defaults.disk_gb,
        instances: 0,
        workers_per_pod: 1,
        scalable: false,
    };
    let mut seen: Vec<&str> = Vec::new();
    for item in spec.split(',') {
        let item = item.trim();
        if item.is_empty() {
            return Err(ResourceError::Syntax {
                spec: spec.to_string(),
                reason: "empty field (two commas in a row, or a trailing comma)".to_string(),
            });
        }
        let (field, value) = match item.split_once('=') {
            Some((f, v)) => (f.trim(), Some(v.trim())),
            None => (item, None),
        };
        if seen.contains(&field) {
            return Err(ResourceError::DuplicateField {
                field: field.to_string(),
                spec: spec.to_string(),
            });
        }
        let needs_value = || {
            value.ok_or_else(|| ResourceError::Syntax {
                spec: spec.to_string(),
                reason: format!("field '{field}' needs a value ({field}=…)"),
            })
        };
        match field {
            "cpu" => resource.cpu = parse_cpu(needs_value()?)?,
            "memory" => resource.ram_mb = parse_memory_mib(needs_value()?)?,
            "disk" => resource.disk_gb = parse_disk_gib(needs_value()?)?,
            "instances" => resource.instances = parse_count("instances", needs_value()?)?,
            "workers-per-pod" => {
                resource.workers_per_pod = parse_count("workers-per-pod", needs_value()?)?
            }
            "scalable" => {
                resource.scalable = match value.map(str::to_ascii_lowercase).as_deref() {
                    None | Some("true") => true,
                    Some("false") => false,
                    Some(_) => {
                        return Err(value_error(
                            "scalable",
                            value.unwrap_or_default(),
                            "must be true or false (or just 'scalable')",
                        ));
                    }
                }
            }
            _ => {
                return Err(ResourceError::UnknownField {
                    field: field.to_string(),
                    spec: spec.to_string(),
                });
            }
        }
        seen.push(field);
    }
    if !seen.contains(&"instances") {
        return Err(ResourceError::MissingField {
            field: "instances".to_string(),
            spec: spec.to_string(),
        });
    }
    Ok(resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compute_resource_spec() {
        let d = ResourceDefaults::default();
        let r = parse_compute_resource(
            "cpu=1,memory=2Gi,disk=1Gi,instances=4,workers-per-pod=2,scalable",
            3,
            &d,
        )
        .unwrap();
        assert_eq!(
            r,
            ComputeResource {
                index: 3,
                cpu: 1.0,
                ram_mb: 2048,
                disk_gb: 1.0,
                instances: 4,
                workers_per_pod: 2,
                scalable: true
            }
        );
        assert_eq!(r.workers(), 8);
        let d = ResourceDefaults {
            cpu: 0.5,
            ram_mb: 512,
            disk_gb: 0.0,
        };
        let r = parse_compute_resource(" instances = 2 , scalable=false ", 0, &d).unwrap();
        assert_eq!((r.cpu, r.ram_mb, r.disk_gb), (0.5, 512, 0.0));
        assert_eq!((r.instances, r.workers_per_pod, r.scalable), (2, 1, false));
    }

    #[test]
    fn compute_resource_spec_errors() {
        let d = ResourceDefaults::default();
        let err = |s: &str| parse_compute_resource(s, 0, &d).unwrap_err();
        assert!(matches!(err("instances=0"), ResourceError::Value { .. }));
        assert!(err("instances=0").to_string().contains("instances '0'"));
        assert!(matches!(
            err("instances=2,gpu=1"),
            ResourceError::UnknownField { .. }
        ));
        assert!(err("instances=2,gpu=1").to_string().contains("'gpu'"));
        assert!(matches!(
            err("instances=2,cpu=1,cpu=2"),
            ResourceError::DuplicateField { .. }
        ));
        assert!(matches!(err("cpu=1"), ResourceError::MissingField { .. }));
        assert!(matches!(err("instances=2,"), ResourceError::Syntax { .. }));
        assert!(matches!(
            err("instances=2,cpu"),
            ResourceError::Syntax { .. }
        ));
        assert!(err("instances=-1").to_string().contains("'-1'"));
        assert!(err("instances=1.5").to_string().contains("whole number"));
        assert!(
            err("instances=3000000000")
                .to_string()
                .contains("too large")
        );
        assert!(err("instances=2,cpu=1.5.3").to_string().contains("'1.5.3'"));
        assert!(
            err("instances=2,memory=10Xi")
                .to_string()
                .contains("'10Xi'")
        );
        assert!(
            err("instances=2,workers-per-pod=0")
                .to_string()
                .contains("at least 1")
        );
        assert!(
            err("instances=2,scalable=maybe")
                .to_string()
                .contains("true or false")
        );
    }
}
