//! Pure functions from typed specs to Kubernetes objects (k8s-openapi types); one file per
//! component, plus the registry of object kinds (`kinds`) and the RBAC rights table (`rights`)
//! derived from it. No I/O at all.

pub mod auth;
pub mod common;
pub mod dashboard;
pub mod fit;
pub mod job;
pub mod kinds;
pub mod labels;
pub mod openmpi;
pub mod rights;
pub mod uploader;
pub mod zookeeper;
