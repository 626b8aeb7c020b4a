//! From `submit`'s arguments to a validated plan: the effective Twister2 configuration (defaults <
//! `--conf-dir` < `--config` < `--set` < flags), the jobID, the typed `JobSpec`, the `Job`
//! protobuf and the job package. Everything here is decided before the first API call, and every
//! problem is reported at once.
//!
//! Files: `arguments` (checks of the flags alone), `effective_config` (the configuration with
//! the flags on top), `identity` (name and jobID), `compute_resources`, `exposure`, `job_file`,
//! `s3` (the S3 upload method's bucket and object) and `build` (the plan itself).

mod arguments;
mod build;
mod compute_resources;
mod effective_config;
mod exposure;
mod identity;
mod job_file;
mod s3;

pub use arguments::check_arguments;
pub use build::{
    ClusterFacts, DEFAULT_OPENMPI_SECRET, JOB_ARGS_KEY, Plan, build, uploader_base_url,
};
pub use compute_resources::compute_resources;
pub use effective_config::effective_config;
pub use exposure::exposure;
pub use identity::{Identity, identity};
pub use job_file::check_job_file;
pub use s3::{MAX_LINK_EXPIRATION_SECS, S3Package, object_name, s3_package};
