//! `JobSpec`: the typed, fully resolved description of one job that its manifests come from.
//!
//! Also the small typed values it is made of (with `FromStr` for the CLI) and
//! [`JobSpec::validate`], which reports every problem at once.

mod exposure;
mod job_master;
mod job_spec;
mod limits;
mod mounts;
mod openmpi;
mod placement;
mod storage;
mod string_enums;
#[cfg(test)]
mod tests;
mod upload;
mod validate;

pub use exposure::{Exposure, IngressExposure};
pub use job_master::JobMasterSpec;
pub use job_spec::{InvalidSpec, JobSpec};
pub use limits::{
    MAX_DECIMAL_SIZE, MAX_JOB_ID_LEN, MAX_JOB_OBJECT_LEN, MIN_JOB_MASTER_CPU, NODE_PORT_RANGE,
};
pub use mounts::{
    IMAGE_WORKDIR, MEMORY_DIR_MOUNT, OPENMPI_KEY_MOUNT, PERSISTENT_MOUNT, TWISTER2_MOUNTS,
    VOLATILE_MOUNT,
};
pub use openmpi::OpenMpi;
pub use placement::{NodeMapping, NodeTarget, Placement};
pub use storage::{ExistingVolume, PersistentStorage};
pub use string_enums::{
    AccessMode, ExternalTrafficPolicy, NodeSelectorOperator, PullPolicy, SpreadDomain,
    TransportProtocol, UniformMapping,
};
pub use upload::UploadMethod;
