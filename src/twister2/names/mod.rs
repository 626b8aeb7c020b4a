//! Twister2's names, in one place: the labels and selectors (`labels`), the names of a job's
//! objects, containers, ports and volumes, its ConfigMap keys and main classes (`objects`), the
//! env variables its pods read (`env`), node label keys (`nodes`), the names of the components
//! `setup` installs (`setup`), and the naming rules of Kubernetes (`rules`), container image
//! references (`image`) and Java class names (`java`). Every other module
//! imports them from here.

pub mod env;
mod image;
mod java;
mod labels;
mod nodes;
mod objects;
mod rules;
mod setup;

pub use image::image_reference_problem;
pub use java::java_class_name_problem;
pub use labels::*;
pub use nodes::*;
pub use objects::*;
pub use rules::*;
pub use setup::{CLUSTER_DOMAIN, dashboard, service_dns, uploader, zookeeper};
