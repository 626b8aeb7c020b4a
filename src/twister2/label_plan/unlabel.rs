//! Planning `nodes unlabel`: which rack and datacenter labels to remove from which nodes.

use std::collections::BTreeSet;

use super::keys::LabelKeys;
use super::nodes::{ClusterNode, NodeIndex};
use super::plan::{LabelChange, LabelPlan};
use super::problems::Rejected;
use super::request::UnlabelTargets;

/// Plans `nodes unlabel`: removes the rack and/or datacenter key from the named nodes (or, with
/// [`UnlabelTargets::All`], from every node that has it). Absent labels on named nodes are
/// listed as unchanged, as kubectl reports `label "k" not found`.
pub fn plan_unlabel(
    nodes: &[ClusterNode],
    keys: &LabelKeys,
    rack: bool,
    datacenter: bool,
    targets: &UnlabelTargets,
) -> Result<LabelPlan, Rejected> {
    let mut problems = keys.problems();
    let (rack, datacenter) = if rack || datacenter {
        (rack, datacenter)
    } else {
        (true, true)
    };
    let selected: Vec<&String> = [(rack, &keys.rack), (datacenter, &keys.datacenter)]
        .into_iter()
        .filter_map(|(on, key)| on.then_some(key))
        .collect();
    let (chosen, report_absent): (BTreeSet<usize>, bool) = match targets {
        UnlabelTargets::All => ((0..nodes.len()).collect(), false),
        UnlabelTargets::Nodes(addresses) => {
            let index = NodeIndex::new(nodes);
            let mut chosen = BTreeSet::new();
            for address in addresses {
                match index.find(address, None) {
                    Ok(i) => {
                        chosen.insert(i);
                    }
                    Err(p) => problems.push(p),
                }
            }
            (chosen, true)
        }
    };
    if !problems.is_empty() {
        return Err(Rejected {
            problems,
            warnings: Vec::new(),
        });
    }
    let mut plan = LabelPlan::default();
    for i in chosen {
        let node = &nodes[i];
        for key in &selected {
            let change = LabelChange {
                node: node.data.name.clone(),
                key: (*key).clone(),
                old: node.data.labels.get(key.as_str()).cloned(),
                new: None,
            };
            if change.old.is_some() {
                plan.changes.push(change);
            } else if report_absent {
                plan.unchanged.push(change);
            }
        }
    }
    Ok(plan)
}
