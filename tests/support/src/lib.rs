//! fake-kube: an in-process stand-in for kube-apiserver used by kubectl-twister2's tests.
//!
//! It serves the real wire protocol on 127.0.0.1 (HTTP, or HTTPS with a throw-away CA): a generic
//! object store with create/get/list/update/patch/apply/delete, watches, `kind: Status` errors with
//! the real texts, Service IP/NodePort allocation, RBAC, `pods/log`, `pods/exec` over websockets, a
//! simulated control plane (StatefulSets, pod life cycles, scripts) and test hooks (deny, fail the
//! Nth request, latency, dropped streams, a request log).
//!
//! The server owns its tokio runtime, so every method is sync and works from plain `#[test]`s:
//!
//! ```no_run
//! use fake_kube::{FakeServer, KubeconfigOpts};
//! let server = FakeServer::start().unwrap();
//! let dir = std::env::temp_dir().join("fake-kube-doc");
//! let kubeconfig = server.write_kubeconfig(&dir, KubeconfigOpts::default()).unwrap();
//! server.nodes(3);
//! // run the binary with KUBECONFIG=kubeconfig ..., then inspect:
//! assert!(server.requests().iter().all(|r| r.status < 500));
//! ```
//!
//! Known simplifications: strategic merge patch is applied as a JSON merge patch (map-level
//! `$patch` directives honoured, list merge keys are not: lists are replaced); server-side apply
//! tracks field ownership per leaf with lists atomic; deletion is immediate unless finalizers are
//! set (no graceful pod termination), and garbage collection of dependents is synchronous;
//! `continue` tokens page over live data instead of a snapshot.

pub mod apply;
pub mod authz;
pub mod controllers;
pub mod discovery;
pub mod exec;
pub mod hooks;
pub mod kinds;
pub mod kubeconfig;
pub mod logs;
pub mod ops;
pub mod options;
pub mod patch;
pub mod pods;
pub mod portforward;
pub mod proxy;
pub mod request_log;
pub mod resources;
pub mod router;
pub mod selectors;
pub mod server;
pub mod services;
pub mod state;
pub mod status;
pub mod store;
pub mod table;
pub mod tls;
pub mod util;
pub mod validation;
pub mod watch;

pub use exec::{ExecOutput, ExecRequest};
pub use hooks::{DropAfter, Failure, Match};
pub use kubeconfig::KubeconfigOpts;
pub use options::ServerOptions;
pub use pods::{PodAction, PodScript};
pub use proxy::{ProxyKind, TestProxy};
pub use request_log::RequestRecord;
pub use server::{EventSubscription, FakeServer, HookId, ServerHandle, node_object, resolve};
pub use status::ApiError;
pub use store::{EventType, StoreEvent};
