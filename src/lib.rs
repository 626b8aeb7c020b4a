//! kubectl-twister2: run Twister2 jobs on Kubernetes. The binary in `main.rs` is a thin shell
//! over this library; data flows one way: `cli` → `twister2` (typed spec) → `manifests` (pure
//! objects) → `cluster` (network) → `output` (terminal), glued per verb in `commands`.
//!
//! Where a verb's parts live (every verb follows it):
//! - `cli`: its flags, nothing else;
//! - `commands/<verb>`: glue only — arguments converted once into a validated request (every
//!   problem at once, before the first request), then the steps in order;
//! - `twister2` and `manifests`: its pure decisions — the domain (Twister2's names in
//!   `twister2::names`, configuration, the Job, the package, the submit plan) and the objects
//!   rendered from it (the kinds of object in `manifests::kinds`, the rights in
//!   `manifests::rights`); no I/O but reading local files;
//! - `cluster`: its API work, and the typed error of that boundary (`cluster::errors`);
//! - `output`: all its rendering, as functions from what was found to text (or to a writer the
//!   command passes in), testable without a terminal;
//! - `exit`, `signals`, `state`: exit codes and problem lists, Ctrl-C/SIGTERM/SIGHUP, and the
//!   plugin's local files.

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
