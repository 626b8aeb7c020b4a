//! What a pod asks the scheduler for (the sum of its containers' requests, a request defaulting
//! to its limit, at least each init container's, one `pods` slot) against a node's allocatable.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, Node, PodSpec};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::twister2::resources::Quantity as Amount;

/// Amounts per resource name (`cpu` in cores, `memory` and storage in bytes, `pods` in pods).
pub type Amounts = BTreeMap<String, f64>;

/// Slack for comparing decimal text turned into floating point.
const SLACK: f64 = 1e-9;

fn amount(quantity: &Quantity) -> f64 {
    Amount::parse(&quantity.0).map_or(0.0, |a| a.to_f64())
}

/// One container's requests: each request, else its limit (the API server copies limits into
/// missing requests).
fn container_requests(container: &Container) -> Amounts {
    let resources = container.resources.as_ref();
    let mut out = Amounts::new();
    for (name, quantity) in resources
        .and_then(|r| r.limits.as_ref())
        .into_iter()
        .flatten()
    {
        out.insert(name.clone(), amount(quantity));
    }
    for (name, quantity) in resources
        .and_then(|r| r.requests.as_ref())
        .into_iter()
        .flatten()
    {
        out.insert(name.clone(), amount(quantity));
    }
    out
}

/// What one pod of `pod` requests: Σ containers, at least the largest init container, plus one
/// `pods` slot.
pub fn pod_requests(pod: &PodSpec) -> Amounts {
    let mut total = Amounts::new();
    for container in &pod.containers {
        for (name, value) in container_requests(container) {
            *total.entry(name).or_default() += value;
        }
    }
    for init in pod.init_containers.iter().flatten() {
        for (name, value) in container_requests(init) {
            let entry = total.entry(name).or_default();
            *entry = entry.max(value);
        }
    }
    *total.entry("pods".to_string()).or_default() += 1.0;
    total.retain(|_, v| *v > 0.0);
    total
}

/// `times` pods of `requests`.
pub fn times(requests: &Amounts, times: u32) -> Amounts {
    requests
        .iter()
        .map(|(k, v)| (k.clone(), v * f64::from(times)))
        .collect()
}

/// The node's allocatable amounts.
pub fn allocatable(node: &Node) -> Amounts {
    node.status
        .as_ref()
        .and_then(|s| s.allocatable.as_ref())
        .into_iter()
        .flatten()
        .map(|(k, q)| (k.clone(), amount(q)))
        .collect()
}

/// The resources of `requests` the node cannot hold even when empty. A node that reports no
/// allocatable at all (not registered yet) is given the benefit of the doubt.
pub fn short_of<'a>(requests: &'a Amounts, node: &Node) -> Vec<&'a str> {
    let has = allocatable(node);
    if has.is_empty() {
        return Vec::new();
    }
    requests
        .iter()
        .filter(|(name, want)| has.get(*name).copied().unwrap_or(0.0) + SLACK < **want)
        .map(|(name, _)| name.as_str())
        .collect()
}

/// `value` of resource `name` as a person reads it: `4`, `0.5`, `8Gi`, `512Mi`.
pub fn show(name: &str, value: f64) -> String {
    const GI: f64 = 1024.0 * 1024.0 * 1024.0;
    const MI: f64 = 1024.0 * 1024.0;
    let trim = |v: f64| {
        let text = format!("{v:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match name {
        "cpu" | "pods" => trim(value),
        _ if value >= GI => format!("{}Gi", trim(value / GI)),
        _ if value >= MI => format!("{}Mi", trim(value / MI)),
        _ => trim(value),
    }
}

/// `cpu 4, memory 8Gi` for the resources named in `which` (all but `pods` when `None`).
pub fn show_all(amounts: &Amounts, which: Option<&[&str]>) -> String {
    amounts
        .iter()
        .filter(|(name, _)| match which {
            Some(names) => names.contains(&name.as_str()),
            None => name.as_str() != "pods",
        })
        .map(|(name, value)| format!("{name} {}", show(name, *value)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::ResourceRequirements;

    use super::super::nodes::test_nodes::node;
    use super::*;

    fn container(requests: &[(&str, &str)], limits: &[(&str, &str)]) -> Container {
        let map = |pairs: &[(&str, &str)]| {
            (!pairs.is_empty()).then(|| {
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), Quantity(v.to_string())))
                    .collect()
            })
        };
        Container {
            name: "c".into(),
            resources: Some(ResourceRequirements {
                requests: map(requests),
                limits: map(limits),
                ..ResourceRequirements::default()
            }),
            ..Container::default()
        }
    }

    #[test]
    fn containers_add_up_and_limits_stand_in_for_requests() {
        let pod = PodSpec {
            containers: vec![
                container(&[("cpu", "0.50"), ("memory", "1024Mi")], &[]),
                container(&[], &[("cpu", "2"), ("memory", "1Gi")]),
            ],
            init_containers: Some(vec![container(&[("cpu", "4")], &[])]),
            ..PodSpec::default()
        };
        let r = pod_requests(&pod);
        assert_eq!(r["cpu"], 4.0, "the init container's 4 is more than 2.5");
        assert_eq!(r["memory"], 2.0 * 1024.0 * 1024.0 * 1024.0);
        assert_eq!(r["pods"], 1.0);
        assert_eq!(show_all(&r, None), "cpu 4, memory 2Gi");
        assert_eq!(show_all(&times(&r, 3), Some(&["memory"])), "memory 6Gi");
    }

    #[test]
    fn what_a_node_cannot_hold() {
        let n = node("n", &[], "8", "31Gi");
        let mut want = Amounts::from([("cpu".to_string(), 8.0), ("pods".to_string(), 1.0)]);
        assert!(
            short_of(&want, &n).is_empty(),
            "exactly the allocatable fits"
        );
        want.insert("cpu".into(), 8.5);
        want.insert("memory".into(), 32.0 * 1024.0 * 1024.0 * 1024.0);
        want.insert("nvidia.com/gpu".into(), 1.0);
        assert_eq!(short_of(&want, &n), ["cpu", "memory", "nvidia.com/gpu"]);
        assert_eq!(show("memory", 1536.0 * 1024.0 * 1024.0), "1.5Gi");
        assert_eq!(show("cpu", 0.25), "0.25");
        assert_eq!(show("cpu", 4.0), "4");
    }
}
