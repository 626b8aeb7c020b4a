//! The compute-resources value: parsing and checking its list of maps, and its normal form.

use serde_yaml::{Mapping, Value};

use super::convert::{as_bool, as_float, as_int, kind_of, value_text};
use crate::twister2::resources::ComputeResource;

const COMPUTE_RESOURCE_FIELDS: [&str; 6] = [
    "cpu",
    "ram",
    "disk",
    "instances",
    "scalable",
    "workersPerPod",
];

pub(super) fn compute_resources(value: &Value) -> Result<Vec<ComputeResource>, String> {
    let Value::Sequence(items) = value else {
        return Err(format!(
            "expected a list of compute resources ({{cpu, ram, disk, instances}}), found {}",
            kind_of(value)
        ));
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = |e: String| format!("compute resource {i}: {e}");
        let Value::Mapping(map) = item else {
            return Err(at(format!("expected a map, found {}", kind_of(item))));
        };
        for field in map.keys() {
            let name = field.as_str().unwrap_or_default();
            if !COMPUTE_RESOURCE_FIELDS.contains(&name) {
                return Err(at(format!(
                    "unknown field '{}' (known: {})",
                    value_text(field),
                    COMPUTE_RESOURCE_FIELDS.join(", ")
                )));
            }
        }
        let field = |name: &str| map.get(name);
        let required = |name: &str| field(name).ok_or_else(|| at(format!("'{name}' is missing")));
        let cpu = as_float(required("cpu")?).map_err(|e| at(format!("cpu: {e}")))?;
        if cpu <= 0.0 {
            return Err(at(format!("cpu {cpu} must be more than zero")));
        }
        let ram = as_int(required("ram")?).map_err(|e| at(format!("ram: {e}")))?;
        if ram <= 0 {
            return Err(at(format!("ram {ram} must be more than zero (MB)")));
        }
        let disk = match field("disk") {
            Some(v) => as_float(v).map_err(|e| at(format!("disk: {e}")))?,
            None => 0.0,
        };
        if disk < 0.0 {
            return Err(at(format!("disk {disk} must not be negative")));
        }
        let instances =
            as_int(required("instances")?).map_err(|e| at(format!("instances: {e}")))?;
        if instances <= 0 {
            return Err(at(format!("instances {instances} must be at least 1")));
        }
        let workers_per_pod = match field("workersPerPod") {
            Some(v) => as_int(v).map_err(|e| at(format!("workersPerPod: {e}")))?,
            None => 1,
        };
        if workers_per_pod <= 0 {
            return Err(at(format!(
                "workersPerPod {workers_per_pod} must be at least 1"
            )));
        }
        let scalable = match field("scalable") {
            Some(v) => {
                as_bool(v).ok_or_else(|| at("scalable must be true or false".to_string()))?
            }
            None => false,
        };
        out.push(ComputeResource {
            index: i as u32,
            cpu,
            ram_mb: ram as u32,
            disk_gb: disk,
            instances: instances as u32,
            workers_per_pod: workers_per_pod as u32,
            scalable,
        });
    }
    Ok(out)
}

pub(super) fn compute_resources_value(resources: &[ComputeResource]) -> Value {
    Value::Sequence(
        resources
            .iter()
            .map(|r| {
                let mut m = Mapping::new();
                m.insert("cpu".into(), Value::Number(r.cpu.into()));
                m.insert("ram".into(), Value::Number(u64::from(r.ram_mb).into()));
                m.insert("disk".into(), Value::Number(r.disk_gb.into()));
                m.insert(
                    "instances".into(),
                    Value::Number(u64::from(r.instances).into()),
                );
                m.insert("scalable".into(), Value::Bool(r.scalable));
                m.insert(
                    "workersPerPod".into(),
                    Value::Number(u64::from(r.workers_per_pod).into()),
                );
                Value::Mapping(m)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twister2::config::test_support::{load, problems, write};
    use crate::twister2::config::{Config, ConfigSources};

    #[test]
    fn compute_resources_list() {
        let tmp = tempfile::tempdir().unwrap();
        let f = write(
            tmp.path(),
            "cr.yaml",
            "twister2.resource.worker.compute.resources:\n  - cpu: 0.5\n    ram: 512\n    disk: 1.0\n    instances: 2\n  - cpu: 2\n    ram: 2048\n    instances: 3\n    workersPerPod: 2\n    scalable: true\n",
        );
        let c = load(ConfigSources {
            files: vec![f],
            ..Default::default()
        })
        .config;
        let crs = c.compute_resources().unwrap();
        assert_eq!(crs.len(), 2);
        assert_eq!(
            crs[0],
            ComputeResource {
                index: 0,
                cpu: 0.5,
                ram_mb: 512,
                disk_gb: 1.0,
                instances: 2,
                workers_per_pod: 1,
                scalable: false
            }
        );
        assert_eq!(
            crs[1],
            ComputeResource {
                index: 1,
                cpu: 2.0,
                ram_mb: 2048,
                disk_gb: 0.0,
                instances: 3,
                workers_per_pod: 2,
                scalable: true
            }
        );
        let bad = |yaml: &str| {
            let f = write(
                tmp.path(),
                "bad-cr.yaml",
                &format!("twister2.resource.worker.compute.resources:\n{yaml}"),
            );
            problems(
                Config::load(&ConfigSources {
                    files: vec![f],
                    ..Default::default()
                })
                .unwrap_err(),
            )[0]
            .reason
            .clone()
        };
        assert!(
            bad("  - {cpu: 1, ram: 1, instances: 1, gpu: 1}\n").contains("unknown field 'gpu'")
        );
        assert!(bad("  - {cpu: 1, ram: 1}\n").contains("'instances' is missing"));
        assert!(
            bad("  - {cpu: 0, ram: 1, instances: 1}\n").contains("cpu 0 must be more than zero")
        );
        assert!(
            bad("  - {cpu: 1, ram: 1.5, instances: 1}\n").contains("ram: expected a whole number")
        );
        assert!(bad("  - {cpu: 1, ram: 1, instances: 0}\n").contains("instances 0"));
        assert!(bad("  - {cpu: 1, ram: 1, instances: 1}\n  - {cpu: 1, ram: 1, instances: 1, workersPerPod: 0}\n").contains("compute resource 1: workersPerPod 0"));
        assert!(bad("  cpu: 1\n").contains("list of compute resources"));
    }
}
