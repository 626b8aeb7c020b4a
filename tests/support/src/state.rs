//! The shared server state (store, allocations, auth, hooks, request log, pod runtime) behind one mutex.

use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tokio::sync::Notify;

use crate::authz::Auth;
use crate::hooks::Hooks;
use crate::options::ServerOptions;
use crate::pods::PodRuntime;
use crate::request_log::RequestLog;
use crate::resources::Res;
use crate::services::Allocations;
use crate::store::{EventType, Store};

/// Everything the server knows.
#[derive(Debug)]
pub struct State {
    /// Objects and history.
    pub store: Store,
    /// Service IP / port allocations.
    pub alloc: Allocations,
    /// Tokens, users and RBAC switch.
    pub auth: Auth,
    /// Test hooks.
    pub hooks: Hooks,
    /// Request log.
    pub log: RequestLog,
    /// Pod logs, files, scripts and exec handlers.
    pub pods: PodRuntime,
    /// Options the server was started with (timings can be changed at run time).
    pub opts: ServerOptions,
    /// Woken on every pod log change, pod termination or deletion (followers wait on it).
    pub log_notify: Arc<Notify>,
}

impl State {
    /// A fresh state.
    pub fn new(opts: ServerOptions) -> Self {
        State {
            store: Store::new(opts.history_limit),
            alloc: Allocations::default(),
            auth: Auth::new(opts.enforce_rbac),
            hooks: Hooks::default(),
            log: RequestLog::default(),
            pods: PodRuntime::default(),
            opts,
            log_notify: Arc::new(Notify::new()),
        }
    }

    /// Commit a change to the store and keep the side tables (allocations, pod runtime) in step.
    pub fn commit(
        &mut self,
        kind: EventType,
        res: Res,
        ns: &str,
        name: &str,
        obj: Value,
    ) -> Arc<Value> {
        let old = self.store.get(res, ns, name).cloned();
        let stored = self.store.commit(kind, res, ns, name, obj);
        if res == Res::services() {
            if let Some(o) = &old {
                self.alloc.release(o);
            }
            if kind != EventType::Deleted {
                self.alloc.register(&stored);
            }
        }
        if res == Res::pods() {
            let new_uid = crate::util::uid_of(&stored);
            let recreated = old
                .as_ref()
                .is_none_or(|o| crate::util::uid_of(o) != new_uid);
            if kind == EventType::Added || (kind != EventType::Deleted && recreated) {
                self.pods.reset_pod(ns, name);
            }
            self.log_notify.notify_waiters();
        }
        stored
    }
}

/// The state plus the notifier, shared by the HTTP server, controllers and the test API.
#[derive(Debug)]
pub struct Shared {
    state: Mutex<State>,
}

impl Shared {
    /// Wrap a state.
    pub fn new(state: State) -> Arc<Self> {
        Arc::new(Shared {
            state: Mutex::new(state),
        })
    }

    /// Lock the state (a poisoned lock is recovered: the state stays usable after a panicking test hook).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
