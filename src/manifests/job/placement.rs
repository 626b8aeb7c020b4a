//! Where worker pods run: node affinity, uniform mapping pod (anti-)affinity, `--spread`.

use crate::twister2::names;
use k8s_openapi::api::core::v1::{
    Affinity, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinity,
    PodAffinityTerm, PodAntiAffinity, TopologySpreadConstraint,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, LabelSelectorRequirement};

use super::metadata::role_selector;
use crate::twister2::names::HOSTNAME_LABEL;
use crate::twister2::spec::{JobSpec, UniformMapping};

/// Worker affinity: one required node selector term ANDing Twister2's node mapping, the
/// targets, racks and datacenters; and Twister2's uniform mapping as pod (anti-)affinity.
pub(super) fn worker_affinity(spec: &JobSpec) -> Option<Affinity> {
    let mut expressions = Vec::new();
    if let Some(mapping) = &spec.node_mapping {
        expressions.push(NodeSelectorRequirement {
            key: mapping.key.clone(),
            operator: mapping.operator.as_str().to_string(),
            values: (!mapping.values.is_empty()).then(|| mapping.values.clone()),
        });
    }
    for target in &spec.targets {
        expressions.push(node_in(&target.key, std::slice::from_ref(&target.value)));
    }
    let placement = &spec.placement;
    if !placement.racks.is_empty() {
        expressions.push(node_in(&placement.rack_label_key, &placement.racks));
    }
    if !placement.datacenters.is_empty() {
        expressions.push(node_in(
            &placement.datacenter_label_key,
            &placement.datacenters,
        ));
    }
    let node_affinity = (!expressions.is_empty()).then(|| NodeAffinity {
        required_during_scheduling_ignored_during_execution: Some(NodeSelector {
            node_selector_terms: vec![NodeSelectorTerm {
                match_expressions: Some(expressions),
                ..NodeSelectorTerm::default()
            }],
        }),
        ..NodeAffinity::default()
    });

    let same_job_on_host = || {
        Some(vec![PodAffinityTerm {
            label_selector: Some(LabelSelector {
                match_expressions: Some(vec![LabelSelectorRequirement {
                    key: names::WORKER_POD.to_string(),
                    operator: "In".to_string(),
                    values: Some(vec![spec.job_id.clone()]),
                }]),
                ..LabelSelector::default()
            }),
            topology_key: HOSTNAME_LABEL.to_string(),
            ..PodAffinityTerm::default()
        }])
    };
    let (pod_affinity, pod_anti_affinity) = match spec.uniform_mapping {
        UniformMapping::None => (None, None),
        UniformMapping::AllSameNode => (
            Some(PodAffinity {
                required_during_scheduling_ignored_during_execution: same_job_on_host(),
                ..PodAffinity::default()
            }),
            None,
        ),
        UniformMapping::AllSeparateNodes => (
            None,
            Some(PodAntiAffinity {
                required_during_scheduling_ignored_during_execution: same_job_on_host(),
                ..PodAntiAffinity::default()
            }),
        ),
    };
    if node_affinity.is_none() && pod_affinity.is_none() && pod_anti_affinity.is_none() {
        return None;
    }
    Some(Affinity {
        node_affinity,
        pod_affinity,
        pod_anti_affinity,
    })
}

fn node_in(key: &str, values: &[String]) -> NodeSelectorRequirement {
    NodeSelectorRequirement {
        key: key.to_string(),
        operator: "In".to_string(),
        values: Some(values.to_vec()),
    }
}

/// `--spread`: at most one more worker pod of the job in any domain than in another; pods are
/// not scheduled onto nodes lacking the domain's label (`DoNotSchedule`), so a spread job runs
/// only on labelled nodes.
pub(super) fn spread_constraints(spec: &JobSpec) -> Option<Vec<TopologySpreadConstraint>> {
    let key = spec.placement.spread_topology_key()?;
    Some(vec![TopologySpreadConstraint {
        max_skew: 1,
        topology_key: key.to_string(),
        when_unsatisfiable: "DoNotSchedule".to_string(),
        label_selector: Some(LabelSelector {
            match_labels: Some(role_selector(spec, names::WORKER_POD)),
            ..LabelSelector::default()
        }),
        ..TopologySpreadConstraint::default()
    }])
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::LocalObjectReference;

    use crate::manifests::job::render;
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants::{self, ID};
    use crate::twister2::spec::UniformMapping;

    #[test]
    fn targets_node_mapping_and_uniform_mapping_on_every_worker_statefulset() {
        let objects = render(&variants::targets());
        assert_eq!(objects.workers.len(), 2);
        for worker in &objects.workers {
            let affinity = pod(worker).affinity.clone().unwrap();
            let terms = affinity
                .node_affinity
                .unwrap()
                .required_during_scheduling_ignored_during_execution
                .unwrap()
                .node_selector_terms;
            assert_eq!(terms.len(), 1);
            let exprs: Vec<(String, String, Vec<String>)> = terms[0]
                .match_expressions
                .clone()
                .unwrap()
                .into_iter()
                .map(|e| (e.key, e.operator, e.values.unwrap_or_default()))
                .collect();
            let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
            assert_eq!(
                exprs,
                vec![
                    (
                        "kubernetes.io/hostname".into(),
                        "In".into(),
                        s(&["e012", "e013"])
                    ),
                    (
                        "topology.kubernetes.io/zone".into(),
                        "In".into(),
                        s(&["us-east-1a"])
                    ),
                    ("example.com/gpu".into(), "In".into(), s(&["true"])),
                ]
            );
            assert_eq!(affinity.pod_affinity, None);
            let anti = affinity
                .pod_anti_affinity
                .unwrap()
                .required_during_scheduling_ignored_during_execution
                .unwrap();
            assert_eq!(anti.len(), 1);
            assert_eq!(anti[0].topology_key, "kubernetes.io/hostname");
            let expr = &anti[0]
                .label_selector
                .as_ref()
                .unwrap()
                .match_expressions
                .as_ref()
                .unwrap()[0];
            assert_eq!(
                (
                    expr.key.as_str(),
                    expr.operator.as_str(),
                    expr.values.clone()
                ),
                ("t2-wp", "In", Some(vec![ID.to_string()]))
            );
            assert_eq!(
                pod(worker).image_pull_secrets,
                Some(vec![LocalObjectReference {
                    name: "regcred".into()
                }])
            );
        }
        // The job master gets the pull secret but no placement.
        let jm = pod(&objects.job_master);
        assert_eq!(jm.affinity, None);
        assert_eq!(jm.image_pull_secrets.as_ref().unwrap()[0].name, "regcred");
    }

    #[test]
    fn uniform_all_same_node_is_pod_affinity() {
        let mut spec = variants::plain();
        spec.uniform_mapping = UniformMapping::AllSameNode;
        let affinity = pod(&render(&spec).workers[0]).affinity.clone().unwrap();
        assert_eq!(affinity.node_affinity, None);
        assert_eq!(affinity.pod_anti_affinity, None);
        let terms = affinity
            .pod_affinity
            .unwrap()
            .required_during_scheduling_ignored_during_execution
            .unwrap();
        assert_eq!(terms[0].topology_key, "kubernetes.io/hostname");
    }

    #[test]
    fn node_mapping_exists_has_no_values() {
        let mut spec = variants::plain();
        spec.node_mapping = Some(crate::twister2::spec::NodeMapping {
            key: "twister2".into(),
            operator: crate::twister2::spec::NodeSelectorOperator::Exists,
            values: vec![],
        });
        let affinity = pod(&render(&spec).workers[0]).affinity.clone().unwrap();
        let term = &affinity
            .node_affinity
            .unwrap()
            .required_during_scheduling_ignored_during_execution
            .unwrap()
            .node_selector_terms[0];
        let expr = &term.match_expressions.as_ref().unwrap()[0];
        assert_eq!(
            (expr.operator.as_str(), expr.values.clone()),
            ("Exists", None)
        );
    }

    #[test]
    fn plain_workers_have_no_placement() {
        let p = pod(&plain().workers[0]).clone();
        assert_eq!(p.affinity, None);
        assert_eq!(p.topology_spread_constraints, None);
    }

    #[test]
    fn spread_and_rack_datacenter_restriction() {
        let objects = render(&variants::spread());
        let p = pod(&objects.workers[0]);
        let spread = p.topology_spread_constraints.clone().unwrap();
        assert_eq!(spread.len(), 1);
        assert_eq!(spread[0].topology_key, "rack");
        assert_eq!(spread[0].max_skew, 1);
        assert_eq!(spread[0].when_unsatisfiable, "DoNotSchedule");
        assert_eq!(
            spread[0]
                .label_selector
                .as_ref()
                .unwrap()
                .match_labels
                .as_ref(),
            Some(&sel("t2-wp"))
        );
        let term = &p
            .affinity
            .clone()
            .unwrap()
            .node_affinity
            .unwrap()
            .required_during_scheduling_ignored_during_execution
            .unwrap()
            .node_selector_terms[0];
        let exprs: Vec<(String, Vec<String>)> = term
            .match_expressions
            .clone()
            .unwrap()
            .into_iter()
            .map(|e| (e.key, e.values.unwrap()))
            .collect();
        assert_eq!(
            exprs,
            vec![
                ("rack".to_string(), vec!["r1".to_string(), "r2".to_string()]),
                ("datacenter".to_string(), vec!["dc1".to_string()]),
            ]
        );
        let mut spec = variants::spread();
        spec.placement.spread = Some(crate::twister2::spec::SpreadDomain::Datacenter);
        spec.placement.datacenter_label_key = "topology.example.com/dc".into();
        let p = pod(&render(&spec).workers[0]).clone();
        assert_eq!(
            p.topology_spread_constraints.unwrap()[0].topology_key,
            "topology.example.com/dc"
        );
        spec.placement.spread = Some(crate::twister2::spec::SpreadDomain::Node);
        let p = pod(&render(&spec).workers[0]).clone();
        assert_eq!(
            p.topology_spread_constraints.unwrap()[0].topology_key,
            "kubernetes.io/hostname"
        );
        assert_eq!(
            pod(&render(&spec).job_master).topology_spread_constraints,
            None
        );
    }
}
