//! One Twister2 job's Kubernetes objects, shaped as Twister2's Java client makes them (§2).
//!
//! Worker and job-master Services, the ConfigMap, the claim, the job-master and worker
//! StatefulSets, the exposure objects (`expose`: NodePort, LoadBalancer, Ingress), plus the
//! plugin's additions; and their `-o yaml|json` renderings.
//!
//! Compat: the node mapping and uniform mapping affinity is set on every worker StatefulSet;
//! Twister2 sets it only on compute resource 0, leaving the others unconstrained.
//!
//! Compat: additions beyond Twister2 that pods and the Java client do not look at:
//! `app.kubernetes.io/*` labels, `metadata.namespace`, `imagePullSecrets`, limits equal to
//! requests with `--guaranteed`, existing claims mounted as `existing-volume-<i>`, `--target` /
//! `--rack` / `--datacenter` node affinity and `--spread` topology spread constraints.
//!
//! Compat: quantities always use a `.` decimal separator (Twister2 formats with the JVM's
//! locale); values Java would write in exponent notation (job-master cpu below 0.001, claims of
//! 10⁷ GiB or more) are refused by `JobSpec::validate` instead of producing invalid quantities.

mod claim;
mod config_map;
mod container_resources;
mod env;
pub mod expose;
mod job_master;
mod metadata;
mod objects;
mod placement;
mod pod_template;
mod services;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) mod variants;
mod volumes;
mod workers;

pub use claim::persistent_claim_size;
pub use objects::{JobObject, JobObjects};
pub use volumes::existing_volume_name;

use crate::twister2::spec::JobSpec;
use claim::persistent_volume_claim;
use config_map::config_map;
use job_master::job_master_statefulset;
use services::{job_master_service, worker_service};
use workers::worker_statefulset;

/// Renders every object of the job. The spec should have passed [`JobSpec::validate`].
pub fn render(spec: &JobSpec) -> JobObjects {
    JobObjects {
        worker_service: worker_service(spec),
        job_master_service: job_master_service(spec),
        config_map: config_map(spec),
        persistent_volume_claim: persistent_volume_claim(spec),
        job_master: job_master_statefulset(spec),
        workers: spec
            .compute_resources
            .iter()
            .map(|cr| worker_statefulset(spec, cr))
            .collect(),
        exposure: expose::exposure_objects(spec),
    }
}
