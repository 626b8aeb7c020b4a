//! Pure functions from typed specs to Kubernetes objects (k8s-openapi types); one file per
//! component. No I/O at all.

pub mod auth;
pub mod common;
pub mod dashboard;
pub mod expose;
pub mod job;
pub mod labels;
pub mod openmpi;
pub mod uploader;
pub mod zookeeper;
