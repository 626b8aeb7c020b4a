//! Everything that talks to the Kubernetes API: the client built from kubeconfig and kubectl's
//! flags, the rendering of API errors for people, and (per concern) the calls the commands make.

pub mod connect;
pub mod errors;
pub mod http_layers;
pub mod kubeconfig;
pub mod objects;
pub mod server_version;

pub use connect::{Cluster, connect};
