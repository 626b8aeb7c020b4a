//! Everything that talks to the Kubernetes API: the client built from kubeconfig and kubectl's
//! flags, the rendering of API errors for people, and (per concern) the calls the commands make.

pub mod clear;
pub mod cluster_scoped;
pub mod connect;
pub mod endpoints;
pub mod errors;
pub mod exec;
pub mod http_layers;
pub mod job_objects;
pub mod job_wait;
pub mod kill;
pub mod kubeconfig;
pub mod logs;
pub mod nodes;
pub mod objects;
pub mod port_forward;
pub mod preflight;
pub mod retry;
pub mod s3;
pub mod server_version;
pub mod setup_status;
pub mod transport;
pub mod upload;
pub mod wait_ready;
pub mod watch;
pub mod watch_errors;

pub use connect::{Cluster, connect};
