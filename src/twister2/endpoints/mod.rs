//! How to reach Twister2 jobs from outside: Services, Nodes, worker Pods and Ingresses become
//! one endpoint per way in (a node address on a NodePort, a load balancer address, an Ingress
//! host and path; with `--all-services` also setup's services by cluster DNS name, NodePort and
//! the `kubectl proxy` URL of the dashboard). Pure: no I/O.
//!
//! Rows are not materialised: NodePort Services with `externalTrafficPolicy: Cluster` share one
//! list of node addresses, and [`Endpoints::rows`] walks it, so 300 Services on 2,000 nodes cost
//! memory for 300 groups and 2,000 addresses, not for 600,000 rows.
//!
//! One file per concern: `selection` (what the user asked for and what to list), `nodes` (which
//! nodes and addresses NodePort rows use), `service_fields` (reading Service ports and labels),
//! `build` (the endpoints from what the cluster returned), `groups` (the groups of endpoints and
//! their kinds) and `endpoint` (every endpoint walked as rows, one row and its columns, URL and
//! record).

mod build;
mod endpoint;
mod groups;
mod nodes;
mod selection;
mod service_fields;

#[cfg(test)]
mod tests;

pub use build::endpoints;
pub use endpoint::{Address, Endpoint, EndpointRecord, Endpoints, Reachability};
pub use groups::EndpointType;
pub use nodes::AddressType;
pub use selection::{Inventory, SETUP_APPS, Selection, pod_selectors};
