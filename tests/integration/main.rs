//! Integration tests: the real `kubectl-twister2` binary against the fake API server
//! (`tests/support`, crate `fake-kube`), and against the real kubectl for plugin discovery.

mod common;
mod foundation;
mod kubectl_plugin;
mod readme;
mod submit_runtime;
