//! Node label keys: the hostname label, and the rack and datacenter keys used when Twister2's
//! configuration names none (`twister2.resource.rack.labey.key`, `…datacenter.labey.key`).

/// Kubernetes' hostname label (topology key of "node").
pub const HOSTNAME_LABEL: &str = "kubernetes.io/hostname";
/// Rack label key when the configuration names none.
pub const DEFAULT_RACK_LABEL_KEY: &str = "rack";
/// Datacenter label key when the configuration names none.
pub const DEFAULT_DATACENTER_LABEL_KEY: &str = "datacenter";
