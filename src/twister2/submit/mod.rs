//! A job submission as far as it is decided locally: the validated [`SubmitRequest`], the
//! [`Plan`] built from it and what the cluster said, the values of the pods' configuration the
//! plugin decides, Python jobs' needs, the S3 upload method's object, and a checkpointed job's
//! saved package read back for a restart.

mod decided;
mod plan;
pub mod python;
mod request;
mod restore;
mod s3;

pub use decided::{Decided, Decisions, decide, namespace_conflict};
pub use plan::{ClusterFacts, DEFAULT_OPENMPI_SECRET, Plan, Refused, build, uploader_base_url};
pub use request::{
    JobCode, Namespace, NamespaceOrigin, ObjectSettings, SubmitRequest, ZooKeeperUse,
};
pub use restore::{MAX_SAVED_PACKAGE_BYTES, SavedPackage, read_saved_package};
pub use s3::{MAX_LINK_EXPIRATION_SECS, S3Package, object_name, s3_package};
