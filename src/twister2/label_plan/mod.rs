//! Planning `nodes label` and `nodes unlabel`: from the cluster's nodes and the input (flags, or a
//! Twister2 config's racks/datacenters lists) to the label changes, with kubectl's overwrite rules
//! and every validation problem found at once. Pure: no I/O.
//!
//! Addresses in the input match a node by its name, an `InternalIP` or `ExternalIP` address, a
//! `Hostname` address or its `kubernetes.io/hostname` label (ignoring ASCII case). A plan is only
//! produced when nothing is wrong: an address matching no node (or several), a node in two racks,
//! a rack in two datacenters (in the input, or in the cluster once the plan is applied), an
//! existing different value without `--overwrite`, or a key or value that is not a valid label.
//!
//! Files: `keys` (which label keys), `nodes` (cluster nodes and finding them by address),
//! `request` (what was asked), `plan` (the checked plan and its patches), `problems` and
//! `warnings` (what stops a plan, what does not), `label` and `unlabel` (the planning).

mod keys;
mod label;
mod nodes;
mod plan;
mod problems;
mod request;
mod unlabel;
mod warnings;

#[cfg(test)]
mod tests;

pub use keys::LabelKeys;
pub use label::{assigned_value_problems, plan_label};
pub use nodes::ClusterNode;
pub use plan::{LabelChange, LabelPlan, NodePatch};
pub use problems::{PlanProblem, Rejected};
pub use request::{LabelRequest, UnlabelTargets};
pub use unlabel::plan_unlabel;
pub use warnings::PlanWarning;
