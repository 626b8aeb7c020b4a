//! Integration tests: the real `kubectl-twister2` binary against the fake API server
//! (`tests/support`, crate `fake-kube`), and against the real kubectl for plugin discovery.

mod bad_input;
mod common;
mod distribution;
mod endpoints;
mod faults;
mod foundation;
mod java_interop;
mod jobs;
mod kubectl_plugin;
mod logs;
mod nodes;
mod pod_eye;
mod preflight;
mod proxy;
mod readme;
mod restart;
mod setup;
mod submit;
mod submit_checks;
mod submit_runtime;
mod submit_s3;
