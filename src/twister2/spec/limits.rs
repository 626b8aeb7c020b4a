//! Limits a spec must stay within: node ports, job ID and Job object length, decimal sizes.

/// Lowest and highest NodePort of Kubernetes' default service-node-port-range.
pub const NODE_PORT_RANGE: (u16, u16) = (30000, 32767);
/// Longest job ID: keeps `<jobID>-<index>-<ordinal>` pod names and the StatefulSet
/// `controller-revision-hash` label within 63 characters (Twister2's own limit).
pub const MAX_JOB_ID_LEN: usize = 49;
/// ConfigMaps are limited to 1 MiB in total; the Job object must leave room for the restart keys.
pub const MAX_JOB_OBJECT_LEN: usize = 1024 * 1024 - 64 * 1024;
/// Smallest job-master CPU: Twister2 writes it like Java's `Double.toString`, which switches to
/// exponent notation (not a Kubernetes quantity) below 10⁻³.
pub const MIN_JOB_MASTER_CPU: f64 = 0.001;
/// Values written like Java's `Double.toString` must stay below 10⁷ for the same reason.
pub const MAX_DECIMAL_SIZE: f64 = 1e7;
