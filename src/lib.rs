//! kubectl-twister2: run Twister2 jobs on Kubernetes. The binary in `main.rs` is a thin shell
//! over this library; data flows one way: `cli` → `twister2` (typed spec) → `manifests` (pure
//! objects) → `cluster` (network) → `output` (terminal), glued per verb in `commands`.

#![warn(missing_docs)]

pub mod cli;
pub mod cluster;
pub mod commands;
pub mod exit;
pub mod manifests;
pub mod output;
pub mod signals;
pub mod state;
pub mod twister2;
