//! The Twister2 domain: job spec, compute resources, job names and IDs, configuration keys, the
//! `Job` protobuf, the job package and SSH keys. No I/O except reading local files.

pub mod config;
pub mod endpoints;
pub mod job_config;
pub mod job_id;
pub mod job_summary;
pub mod kryo;
pub mod label_plan;
pub mod names;
pub mod node_info;
pub mod package;
pub mod package_file;
pub mod proto;
pub mod resources;
pub mod spec;
pub mod ssh_keys;
pub mod submit;
