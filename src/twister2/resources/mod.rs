//! Compute resources of a job: Kubernetes quantities in, Twister2 units and Java's strings out.
//!
//! Parses `--compute-resource`/`--cpu`/`--memory` in Kubernetes quantity syntax, renders what
//! the Java client renders (`0.50`, `1024Mi`, `2.00Gi`, `4.0Gi`) and checks a job's resources.
//!
//! One file per concern: `compute_resource` (the [`ComputeResource`] type), `quantity`
//! (Kubernetes quantity syntax, held exactly), `units` (one field into Twister2 units),
//! `compute_resource_flag` (a whole `--compute-resource` value), `java_format` (numbers as the
//! Java client writes them) and `validation` (checks across a job's resources).

mod compute_resource;
mod compute_resource_flag;
mod java_format;
mod quantity;
mod units;
mod validation;

#[cfg(test)]
mod tests;

pub use compute_resource::ComputeResource;
pub use compute_resource_flag::{ResourceDefaults, parse_compute_resource};
pub use java_format::{
    format_cpu, format_gib_fixed, format_job_master_cpu, format_memory_mib, format_pvc_size,
    format_volatile_size_limit, java_double_to_string, java_format_fixed, pvc_request,
};
pub use quantity::{Quantity, QuantityError};
pub use units::{MIN_CPU, MIN_DISK_GB, ResourceError, parse_cpu, parse_disk_gib, parse_memory_mib};
pub use validation::{
    JobResourceRules, ResourceProblem, ResourceProblems, number_of_workers, validate_job_resources,
};
