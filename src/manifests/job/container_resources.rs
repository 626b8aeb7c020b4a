//! Container resources: requests, limits when bound to CPUs, or both with `--guaranteed`.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::ResourceRequirements;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::twister2::resources::format_memory_mib;
use crate::twister2::spec::JobSpec;

/// Resources of a container: requests (Twister2), limits only when bound to CPUs (Twister2), or
/// both with `--guaranteed`.
pub(super) fn resources(
    spec: &JobSpec,
    cpu: String,
    memory_mb: u64,
    bind_to_cpu: bool,
) -> ResourceRequirements {
    let amounts = BTreeMap::from([
        ("cpu".to_string(), Quantity(cpu)),
        ("memory".to_string(), Quantity(format_memory_mib(memory_mb))),
    ]);
    let (requests, limits) = match (bind_to_cpu, spec.guaranteed) {
        (_, true) => (Some(amounts.clone()), Some(amounts)),
        (true, false) => (None, Some(amounts)),
        (false, false) => (Some(amounts), None),
    };
    ResourceRequirements {
        requests,
        limits,
        ..ResourceRequirements::default()
    }
}

#[cfg(test)]
mod tests {
    use crate::manifests::job::render;
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants;

    #[test]
    fn worker_resources_are_requests_with_java_formatting() {
        let objects = plain();
        let r = container(&objects.workers[0], 0)
            .resources
            .as_ref()
            .unwrap();
        assert_eq!(
            quantities(&r.requests),
            Some(("0.50".into(), "1024Mi".into()))
        );
        assert_eq!(r.limits, None);
        let mut spec = variants::plain();
        spec.compute_resources[0].cpu = 0.125;
        let objects = render(&spec);
        let r = container(&objects.workers[0], 0).resources.clone().unwrap();
        assert_eq!(quantities(&r.requests).unwrap().0, "0.13");
    }

    #[test]
    fn bind_to_cpu_puts_resources_under_limits() {
        let mut spec = variants::plain();
        spec.bind_to_cpu = true;
        spec.compute_resources[0].cpu = 2.0;
        let objects = render(&spec);
        let r = container(&objects.workers[0], 0).resources.clone().unwrap();
        assert_eq!(r.requests, None);
        assert_eq!(
            quantities(&r.limits),
            Some(("2.00".into(), "1024Mi".into()))
        );
        // The job master is never bound.
        let jm = container(&objects.job_master, 0).resources.clone().unwrap();
        assert!(jm.requests.is_some() && jm.limits.is_none());
    }

    #[test]
    fn guaranteed_sets_limits_equal_to_requests_everywhere() {
        let objects = render(&variants::volumes());
        for c in [
            container(&objects.workers[0], 0),
            container(&objects.job_master, 0),
        ] {
            let r = c.resources.as_ref().unwrap();
            assert!(r.requests.is_some());
            assert_eq!(r.requests, r.limits, "{}", c.name);
        }
    }
}
