//! Planning `nodes label`: the rack and datacenter of each node, checked against the cluster.

use std::collections::{BTreeMap, BTreeSet};

use crate::twister2::names::is_label_value;
use crate::twister2::node_info::{Topology, TopologyProblem, TopologyWarning};

use super::keys::LabelKeys;
use super::nodes::{ClusterNode, NodeIndex};
use super::plan::{LabelChange, LabelPlan};
use super::problems::{PlanProblem, Rejected};
use super::request::LabelRequest;
use super::warnings::PlanWarning;

/// What one node should carry: `Some` sets the key, `None` leaves it alone.
#[derive(Debug, Clone, Default)]
struct Wanted {
    rack: Option<String>,
    datacenter: Option<String>,
}

/// The problems of `--rack`/`--datacenter` values given on the command line, which need no
/// node list: checked before the first request.
pub fn assigned_value_problems(request: &LabelRequest) -> Vec<PlanProblem> {
    let LabelRequest::Assign {
        rack, datacenter, ..
    } = request
    else {
        return Vec::new();
    };
    [("rack", rack), ("datacenter", datacenter)]
        .into_iter()
        .filter_map(|(what, value)| {
            let value = value.as_deref()?;
            (value.is_empty() || !is_label_value(value)).then(|| PlanProblem::BadValue {
                what,
                value: value.to_string(),
            })
        })
        .collect()
}

/// Plans `nodes label`. `nodes` is the whole cluster (for matching addresses and for checking
/// that no rack ends up in two datacenters); the plan lists changes in the order of `nodes`.
pub fn plan_label(
    nodes: &[ClusterNode],
    keys: &LabelKeys,
    request: &LabelRequest,
    overwrite: bool,
) -> Result<LabelPlan, Rejected> {
    let mut problems = keys.problems();
    let mut warnings: Vec<PlanWarning> = Vec::new();
    let index = NodeIndex::new(nodes);
    let mut wanted: BTreeMap<usize, Wanted> = BTreeMap::new();
    let bad_value = |what: &'static str, value: &str| {
        (value.is_empty() || !is_label_value(value)).then(|| PlanProblem::BadValue {
            what,
            value: value.to_string(),
        })
    };
    problems.extend(assigned_value_problems(request));
    match request {
        LabelRequest::Assign {
            rack,
            datacenter,
            nodes: addresses,
        } => {
            for address in addresses {
                match index.find(address, None) {
                    Ok(i) => {
                        wanted.insert(
                            i,
                            Wanted {
                                rack: rack.clone(),
                                datacenter: datacenter.clone(),
                            },
                        );
                    }
                    Err(p) => problems.push(p),
                }
            }
        }
        LabelRequest::Lists { racks, datacenters } => {
            let reported_names: Vec<String> = match Topology::from_lists(racks, datacenters) {
                Ok((_, topology_warnings)) => {
                    warnings.extend(topology_warnings.into_iter().map(PlanWarning::Topology));
                    Vec::new()
                }
                Err(topology_problems) => {
                    warnings.extend(list_warnings(racks, datacenters));
                    let names = topology_problems
                        .iter()
                        .filter_map(|p| match p {
                            TopologyProblem::BadName { name, .. } => Some(name.clone()),
                            _ => None,
                        })
                        .collect();
                    problems.extend(topology_problems.into_iter().map(PlanProblem::Topology));
                    names
                }
            };
            let check_name = |what: &'static str, name: &str, problems: &mut Vec<_>| {
                if !reported_names.iter().any(|n| n == name)
                    && let Some(p) = bad_value(what, name)
                {
                    problems.push(p);
                }
            };
            let mut datacenter_of: BTreeMap<&str, &str> = BTreeMap::new();
            for (dc, dc_racks) in datacenters {
                check_name("datacenter", dc, &mut problems);
                for rack in dc_racks {
                    datacenter_of.entry(rack.as_str()).or_insert(dc.as_str());
                }
            }
            // node → (rack, address) it was first listed under
            let mut listed: BTreeMap<usize, (String, String)> = BTreeMap::new();
            for (rack, addresses) in racks {
                check_name("rack", rack, &mut problems);
                for address in addresses {
                    let i = match index.find(address, Some(rack)) {
                        Ok(i) => i,
                        Err(p) => {
                            problems.push(p);
                            continue;
                        }
                    };
                    match listed.get(&i) {
                        Some((first_rack, first_address)) if first_rack != rack => {
                            // The same address in two racks is reported by the topology check.
                            if first_address != address {
                                problems.push(PlanProblem::NodeInTwoRacks {
                                    node: nodes[i].data.name.clone(),
                                    first: (first_rack.clone(), first_address.clone()),
                                    second: (rack.clone(), address.clone()),
                                });
                            }
                        }
                        Some(_) => {}
                        None => {
                            listed.insert(i, (rack.clone(), address.clone()));
                            wanted.insert(
                                i,
                                Wanted {
                                    rack: Some(rack.clone()),
                                    datacenter: datacenter_of
                                        .get(rack.as_str())
                                        .map(|d| d.to_string()),
                                },
                            );
                        }
                    }
                }
            }
        }
    }
    problems.extend(split_racks(nodes, keys, &wanted));

    let mut plan = LabelPlan::default();
    for (&i, want) in &wanted {
        let node = &nodes[i];
        for (key, value) in [
            (&keys.rack, &want.rack),
            (&keys.datacenter, &want.datacenter),
        ] {
            let Some(new) = value else { continue };
            let old = node.data.labels.get(key.as_str());
            let change = LabelChange {
                node: node.data.name.clone(),
                key: key.clone(),
                old: old.cloned(),
                new: Some(new.clone()),
            };
            match old {
                Some(old) if old == new => plan.unchanged.push(change),
                Some(old) if !overwrite => problems.push(PlanProblem::AlreadySet {
                    node: node.data.name.clone(),
                    key: key.clone(),
                    old: old.clone(),
                    new: new.clone(),
                }),
                _ => plan.changes.push(change),
            }
            warnings.extend(case_twins(node, key));
        }
    }
    if !problems.is_empty() {
        return Err(Rejected { problems, warnings });
    }
    plan.warnings = warnings;
    Ok(plan)
}

/// The topology check's warnings for lists it refused (it returns them only for usable lists):
/// datacenters naming unknown racks, then racks in no datacenter.
fn list_warnings(
    racks: &[(String, Vec<String>)],
    datacenters: &[(String, Vec<String>)],
) -> Vec<PlanWarning> {
    let rack_names: BTreeSet<&str> = racks.iter().map(|(r, _)| r.as_str()).collect();
    let placed: BTreeSet<&str> = datacenters
        .iter()
        .flat_map(|(_, members)| members.iter().map(String::as_str))
        .collect();
    let mut out = Vec::new();
    for (dc, members) in datacenters {
        for rack in members.iter().filter(|r| !rack_names.contains(r.as_str())) {
            out.push(PlanWarning::Topology(TopologyWarning::UnknownRack {
                datacenter: dc.clone(),
                rack: rack.clone(),
            }));
        }
    }
    let mut seen = BTreeSet::new();
    for (rack, _) in racks {
        if !placed.contains(rack.as_str()) && seen.insert(rack.as_str()) {
            out.push(PlanWarning::Topology(TopologyWarning::RackInNoDatacenter(
                rack.clone(),
            )));
        }
    }
    out
}

/// Labels differing from `key` only in case, which Twister2 may read instead.
fn case_twins(node: &ClusterNode, key: &str) -> Vec<PlanWarning> {
    node.data
        .labels
        .iter()
        .filter(|(k, _)| k.as_str() != key && k.eq_ignore_ascii_case(key))
        .map(|(k, v)| PlanWarning::CaseTwin {
            node: node.data.name.clone(),
            key: k.clone(),
            value: v.clone(),
            configured: key.to_string(),
        })
        .collect()
}

/// Racks the plan touches that would, once applied, have nodes in different datacenters.
fn split_racks(
    nodes: &[ClusterNode],
    keys: &LabelKeys,
    wanted: &BTreeMap<usize, Wanted>,
) -> Vec<PlanProblem> {
    let final_value = |i: usize, key: &str, planned: Option<&String>| -> Option<String> {
        planned
            .cloned()
            .or_else(|| nodes[i].data.labels.get(key).cloned())
    };
    let touched: BTreeSet<String> = wanted
        .iter()
        .filter_map(|(&i, w)| final_value(i, &keys.rack, w.rack.as_ref()))
        .collect();
    if touched.is_empty() {
        return Vec::new();
    }
    // rack → datacenter → nodes, after the plan
    let mut seen: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let want = wanted.get(&i);
        let Some(rack) = final_value(i, &keys.rack, want.and_then(|w| w.rack.as_ref())) else {
            continue;
        };
        if !touched.contains(&rack) {
            continue;
        }
        let Some(dc) = final_value(
            i,
            &keys.datacenter,
            want.and_then(|w| w.datacenter.as_ref()),
        ) else {
            continue;
        };
        seen.entry(rack)
            .or_default()
            .entry(dc)
            .or_default()
            .push(node.data.name.clone());
    }
    seen.into_iter()
        .filter(|(_, dcs)| dcs.len() > 1)
        .map(|(rack, dcs)| PlanProblem::RackInTwoDatacenters {
            rack,
            datacenters: dcs.into_iter().collect(),
        })
        .collect()
}
