//! `FakeServer`: owns the runtime and listener (start, stop, restart on the same port) and the
//! sync test API on `ServerHandle` (seeding, reading, hooks, request log, pod scripting, exec).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::authz::ADMIN_TOKEN;
use crate::exec::{ExecHandler, ExecOutput, ExecRequest};
use crate::hooks::{DropAfter, Failure, HookAction, Match};
use crate::kubeconfig::{self, KubeconfigOpts};
use crate::ops;
use crate::options::ServerOptions;
use crate::pods::{PodScript, PodSelector};
use crate::request_log::{self, RequestRecord};
use crate::resources::{RESOURCES, Res};
use crate::selectors::{LabelSelector, Selectors};
use crate::state::{Shared, State};
use crate::status::ApiError;
use crate::store::{EventType, StoreEvent};
use crate::tls::TlsMaterial;
use crate::util;

/// Identifies an installed hook.
pub type HookId = u64;

/// A cheap, cloneable handle on a server's state: everything a test (or a change hook) can do
/// besides stopping and restarting.
#[derive(Clone)]
pub struct ServerHandle {
    shared: Arc<Shared>,
    url: String,
    ca_pem: Option<String>,
}

impl std::fmt::Debug for ServerHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerHandle")
            .field("url", &self.url)
            .finish()
    }
}

/// The fake API server. Dropping it stops it.
pub struct FakeServer {
    handle: ServerHandle,
    addr: SocketAddr,
    tls: Option<Arc<TlsMaterial>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl std::fmt::Debug for FakeServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeServer")
            .field("url", &self.handle.url)
            .field("running", &self.runtime.is_some())
            .finish()
    }
}

impl std::ops::Deref for FakeServer {
    type Target = ServerHandle;
    fn deref(&self) -> &ServerHandle {
        &self.handle
    }
}

/// Resolve a resource name: `pods`, `statefulsets`, `statefulsets.apps`, `apps/v1/statefulsets`, `Pod`.
pub fn resolve(resource: &str) -> Option<Res> {
    let r = resource.trim();
    if let Some((g, p)) = r.rsplit_once('/') {
        let (g, _) = g.split_once('/').unwrap_or((g, ""));
        let g = if g == "v1" { "" } else { g };
        return Res::by_plural(g, p);
    }
    if let Some((p, g)) = r.split_once('.') {
        return Res::by_plural(g, p);
    }
    RESOURCES
        .iter()
        .position(|x| x.plural == r || x.kind == r || x.singular == r || x.short_names.contains(&r))
        .map(|i| Res(i as u8))
}

fn bind_listener(port: u16) -> std::io::Result<std::net::TcpListener> {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        match std::net::TcpListener::bind(("127.0.0.1", port)) {
            Ok(l) => return Ok(l),
            Err(e) if port != 0 && Instant::now() < deadline => {
                let _ = e;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(e),
        }
    }
}

fn seed(st: &mut State) {
    for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
        let _ = ops::put(
            st,
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
        );
    }
    for ns in ["default", "kube-system"] {
        let _ = ops::put(
            st,
            json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default", "namespace": ns}}),
        );
    }
}

impl FakeServer {
    /// Start with default options (HTTP on a free port, control plane on, everything allowed).
    pub fn start() -> anyhow::Result<FakeServer> {
        Self::start_with(ServerOptions::default())
    }

    /// Start with options.
    pub fn start_with(opts: ServerOptions) -> anyhow::Result<FakeServer> {
        let listener = bind_listener(opts.port.unwrap_or(0))?;
        let addr = listener.local_addr()?;
        let tls = if opts.tls {
            Some(Arc::new(TlsMaterial::generate()?))
        } else {
            None
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        let mut state = State::new(opts.clone());
        if opts.seed_namespaces {
            seed(&mut state);
        }
        let shared = Shared::new(state);
        let handle = ServerHandle {
            shared,
            url: format!("{scheme}://{addr}"),
            ca_pem: tls.as_ref().map(|t| t.ca_pem.clone()),
        };
        let mut server = FakeServer {
            handle,
            addr,
            tls,
            runtime: None,
        };
        server.launch(listener)?;
        Ok(server)
    }

    fn launch(&mut self, listener: std::net::TcpListener) -> anyhow::Result<()> {
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("fake-kube")
            .enable_all()
            .build()?;
        let ctx = crate::router::Ctx {
            shared: self.handle.shared.clone(),
            address: self.addr.to_string(),
        };
        let app = crate::router::app(ctx);
        let tls = self.tls.clone();
        let shared = self.handle.shared.clone();
        let tokio_listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        runtime.spawn(async move {
            match tls {
                Some(t) => {
                    let l = crate::tls::TlsListener::new(tokio_listener, &t);
                    match l {
                        Ok(l) => {
                            let _ = axum::serve(l, app).await;
                        }
                        Err(e) => eprintln!("fake-kube: TLS setup failed: {e}"),
                    }
                }
                None => {
                    let _ = axum::serve(tokio_listener, app).await;
                }
            }
        });
        runtime.spawn(crate::controllers::run(shared));
        self.runtime = Some(runtime);
        Ok(())
    }

    /// Whether the server is serving.
    pub fn is_running(&self) -> bool {
        self.runtime.is_some()
    }

    /// Stop serving: every connection (watches, log follows, exec sessions) is cut and the port
    /// closed; the state is kept for [`FakeServer::restart`].
    pub fn stop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            // Shut down on another thread: allowed from sync and async contexts alike.
            let joined =
                std::thread::spawn(move || rt.shutdown_timeout(Duration::from_secs(2))).join();
            let _ = joined;
        }
    }

    /// Stop (if running) and serve again on the same port with the same state.
    pub fn restart(&mut self) -> anyhow::Result<()> {
        self.stop();
        let listener = bind_listener(self.addr.port())?;
        self.launch(listener)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A handle for other threads (e.g. change hooks).
    pub fn handle(&self) -> ServerHandle {
        self.handle.clone()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

/// A subscription to store changes (see [`ServerHandle::subscribe`]).
#[derive(Debug)]
pub struct EventSubscription {
    rx: tokio::sync::broadcast::Receiver<Arc<StoreEvent>>,
}

impl EventSubscription {
    /// The next event, waiting up to `timeout`.
    pub fn recv_timeout(&mut self, timeout: Duration) -> Option<Arc<StoreEvent>> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.rx.try_recv() {
                Ok(ev) => return Some(ev),
                Err(tokio::sync::broadcast::error::TryRecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::TryRecvError::Closed) => return None,
                Err(tokio::sync::broadcast::error::TryRecvError::Empty) => {
                    if Instant::now() >= deadline {
                        return None;
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
            }
        }
    }
}

fn res_or_err(resource: &str) -> Result<Res, ApiError> {
    resolve(resource)
        .ok_or_else(|| ApiError::bad_request(format!("unknown resource type {resource:?}")))
}

impl ServerHandle {
    /// Base URL (`http://127.0.0.1:PORT` or `https://...`).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The PEM of the self-signed CA when serving TLS.
    pub fn ca_pem(&self) -> Option<String> {
        self.ca_pem.clone()
    }

    /// The admin's bearer token.
    pub fn admin_token(&self) -> &'static str {
        ADMIN_TOKEN
    }

    // ----- users and kubeconfigs -----

    /// Register a user (with extra groups); returns its bearer token.
    pub fn add_user(&self, name: &str, groups: &[&str]) -> String {
        self.shared.lock().auth.add_user(name, groups)
    }

    /// Turn RBAC enforcement on or off: when on, every non-admin user is authorized only by the
    /// stored Role/RoleBinding/ClusterRole/ClusterRoleBinding objects.
    pub fn enforce_rbac(&self, on: bool) {
        self.shared.lock().auth.enforce = on;
    }

    /// The kubeconfig text for `opts`.
    pub fn kubeconfig_yaml(&self, opts: &KubeconfigOpts) -> String {
        let token = match &opts.token {
            Some(t) => t.clone(),
            None => {
                let mut st = self.shared.lock();
                if opts.user == "admin" {
                    ADMIN_TOKEN.to_string()
                } else {
                    st.auth
                        .token_of(&opts.user)
                        .unwrap_or_else(|| st.auth.add_user(&opts.user, &[]))
                }
            }
        };
        kubeconfig::to_yaml(&kubeconfig::document(
            &self.url,
            &token,
            self.ca_pem.as_deref(),
            opts,
        ))
    }

    /// Write a kubeconfig into `dir` (file name from `opts`); returns its path. Unknown users are
    /// registered on the fly (with no groups).
    pub fn write_kubeconfig(
        &self,
        dir: impl AsRef<Path>,
        opts: KubeconfigOpts,
    ) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir.as_ref())?;
        let path = dir.as_ref().join(&opts.file_name);
        std::fs::write(&path, self.kubeconfig_yaml(&opts))?;
        Ok(path)
    }

    // ----- seeding and reading -----

    /// Store an object as given (create or replace; `status` kept; identity metadata filled).
    /// `apiVersion` and `kind` select the type; namespaced objects default to `default`.
    pub fn put(&self, obj: Value) -> Result<Value, ApiError> {
        ops::put(&mut self.shared.lock(), obj)
    }

    /// Create through the same path as `POST` (validation, defaults, 409 on duplicates).
    pub fn create(&self, obj: Value) -> Result<Value, ApiError> {
        let av = obj
            .get("apiVersion")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let kind = obj
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let res = Res::by_kind(&av, &kind)
            .ok_or_else(|| ApiError::bad_request(format!("unknown kind {av}/{kind}")))?;
        let ns = if res.info().namespaced {
            let n = util::namespace_of(&obj);
            if n.is_empty() {
                "default".to_string()
            } else {
                n.to_string()
            }
        } else {
            String::new()
        };
        let o = ops::WriteOpts {
            field_manager: "fake-kube".into(),
            ..Default::default()
        };
        ops::create(&mut self.shared.lock(), res, &ns, obj, &o)
    }

    /// One object (`resource` as in [`resolve`]; `ns` "" for cluster-scoped).
    pub fn get(&self, resource: &str, ns: &str, name: &str) -> Option<Value> {
        let res = resolve(resource)?;
        self.shared
            .lock()
            .store
            .get(res, ns, name)
            .map(|v| (**v).clone())
    }

    /// Objects of a type in a namespace (`Some`) or everywhere (`None`).
    pub fn list(&self, resource: &str, ns: Option<&str>) -> Vec<Value> {
        let Some(res) = resolve(resource) else {
            return Vec::new();
        };
        self.shared
            .lock()
            .store
            .list(res, ns)
            .map(|v| (**v).clone())
            .collect()
    }

    /// Objects matching a label selector.
    pub fn list_selected(
        &self,
        resource: &str,
        ns: Option<&str>,
        label_selector: &str,
    ) -> Result<Vec<Value>, ApiError> {
        let res = res_or_err(resource)?;
        let sel = Selectors {
            labels: LabelSelector::parse(label_selector)?,
            ..Default::default()
        };
        Ok(self
            .shared
            .lock()
            .store
            .list(res, ns)
            .filter(|o| sel.matches(o))
            .map(|v| (**v).clone())
            .collect())
    }

    /// Merge-patch an object (as a controller would; no authorization, no hooks).
    pub fn merge_patch(
        &self,
        resource: &str,
        ns: &str,
        name: &str,
        patch: Value,
    ) -> Result<Value, ApiError> {
        let res = res_or_err(resource)?;
        let o = ops::WriteOpts {
            field_manager: "fake-kube".into(),
            ..Default::default()
        };
        let body = patch.to_string();
        ops::patch(
            &mut self.shared.lock(),
            res,
            ns,
            name,
            "",
            crate::patch::PatchType::Merge,
            body.as_bytes(),
            &o,
        )
        .map(|(v, _)| v)
    }

    /// Merge `status` into an object's status (e.g. a LoadBalancer ingress).
    pub fn patch_status(
        &self,
        resource: &str,
        ns: &str,
        name: &str,
        status: Value,
    ) -> Result<Value, ApiError> {
        let res = res_or_err(resource)?;
        let o = ops::WriteOpts {
            field_manager: "fake-kube".into(),
            ..Default::default()
        };
        let body = json!({"status": status}).to_string();
        let sub = if res.info().has_status() {
            "status"
        } else {
            ""
        };
        ops::patch(
            &mut self.shared.lock(),
            res,
            ns,
            name,
            sub,
            crate::patch::PatchType::Merge,
            body.as_bytes(),
            &o,
        )
        .map(|(v, _)| v)
    }

    /// Set a LoadBalancer Service's ingress (`ip` looks like an address → `ip`, else `hostname`).
    pub fn set_load_balancer_ingress(
        &self,
        ns: &str,
        name: &str,
        ip_or_host: &str,
    ) -> Result<Value, ApiError> {
        let key = if ip_or_host.parse::<std::net::IpAddr>().is_ok() {
            "ip"
        } else {
            "hostname"
        };
        self.patch_status(
            "services",
            ns,
            name,
            json!({"loadBalancer": {"ingress": [{key: ip_or_host}]}}),
        )
    }

    /// Delete an object with the normal cascade.
    pub fn delete(&self, resource: &str, ns: &str, name: &str) -> Result<Value, ApiError> {
        let res = res_or_err(resource)?;
        ops::delete(
            &mut self.shared.lock(),
            res,
            ns,
            name,
            &ops::DeleteOpts::default(),
        )
    }

    /// Delete every object of a type matching a label selector; returns how many.
    pub fn delete_selected(
        &self,
        resource: &str,
        ns: Option<&str>,
        label_selector: &str,
    ) -> Result<usize, ApiError> {
        let res = res_or_err(resource)?;
        let sel = Selectors {
            labels: LabelSelector::parse(label_selector)?,
            ..Default::default()
        };
        let out = ops::delete_collection(
            &mut self.shared.lock(),
            res,
            ns,
            &sel,
            &ops::DeleteOpts::default(),
        )?;
        Ok(out["items"].as_array().map_or(0, Vec::len))
    }

    /// Create `n` Ready nodes `node-0..` with InternalIP `10.0.0.(i+1)`, ExternalIP `203.0.113.(i+1)` and a Hostname.
    pub fn nodes(&self, n: usize) -> Vec<Value> {
        (0..n)
            .map(|i| {
                let name = format!("node-{i}");
                let internal = format!("10.0.{}.{}", i / 250, i % 250 + 1);
                let external = format!("203.0.{}.{}", 113 + i / 250, i % 250 + 1);
                let node = node_object(&name, &internal, Some(&external));
                self.put(node).unwrap_or_else(|e| e.to_status())
            })
            .collect()
    }

    /// The current resourceVersion.
    pub fn resource_version(&self) -> u64 {
        self.shared.lock().store.current_rv()
    }

    /// Forget the watch history (older resourceVersions then get 410 Expired).
    pub fn compact(&self) {
        self.shared.lock().store.compact();
    }

    // ----- request log -----

    /// Every logged request, in arrival order.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.lock().log.all()
    }

    /// Logged requests matching a hook-style matcher.
    pub fn requests_matching(&self, m: &Match) -> Vec<RequestRecord> {
        self.shared
            .lock()
            .log
            .iter()
            .filter(|r| m.matches(r))
            .cloned()
            .collect()
    }

    /// How many logged requests match.
    pub fn count_requests(&self, m: &Match) -> usize {
        self.shared
            .lock()
            .log
            .iter()
            .filter(|r| m.matches(r))
            .count()
    }

    /// Sequential rounds of round trips among the requests matching `m` (see [`request_log::waves`]).
    pub fn waves(&self, m: &Match) -> usize {
        let st = self.shared.lock();
        let refs: Vec<&RequestRecord> = st.log.iter().filter(|r| m.matches(r)).collect();
        request_log::waves(&refs)
    }

    /// Forget the request log.
    pub fn clear_requests(&self) {
        self.shared.lock().log.clear();
    }

    // ----- hooks -----

    /// Answer 403 Forbidden (with the RBAC message) to matching requests.
    pub fn deny(&self, m: Match) -> HookId {
        self.shared.lock().hooks.add(m, HookAction::Deny)
    }

    /// Fail matching requests as described.
    pub fn fail(&self, m: Match, f: Failure) -> HookId {
        self.shared.lock().hooks.add(m, HookAction::Fail(f))
    }

    /// Delay matching requests.
    pub fn add_latency(&self, m: Match, d: Duration) -> HookId {
        self.shared.lock().hooks.add(m, HookAction::Latency(d))
    }

    /// Cut the next `times` matching streams (watch, log follow) after `after`.
    pub fn drop_streams(&self, m: Match, after: DropAfter, times: u64) -> HookId {
        self.shared
            .lock()
            .hooks
            .add(m, HookAction::DropStream { after, times })
    }

    /// How many requests a hook has matched so far.
    pub fn hook_hits(&self, id: HookId) -> u64 {
        self.shared.lock().hooks.seen(id)
    }

    /// Remove a hook.
    pub fn remove_hook(&self, id: HookId) {
        self.shared.lock().hooks.remove(id);
    }

    /// Remove every hook.
    pub fn clear_hooks(&self) {
        self.shared.lock().hooks.clear();
    }

    /// Subscribe to every future store change.
    pub fn subscribe(&self) -> EventSubscription {
        EventSubscription {
            rx: self.shared.lock().store.subscribe(),
        }
    }

    /// Run `f` (on a dedicated thread, outside the server lock) for every store change that
    /// `filter` accepts; `f` may call back into the server (e.g. delete objects). The thread ends
    /// when the server is dropped.
    pub fn on_change<P, F>(&self, filter: P, f: F)
    where
        P: Fn(&StoreEvent) -> bool + Send + 'static,
        F: Fn(&ServerHandle, &StoreEvent) + Send + 'static,
    {
        let mut rx = self.shared.lock().store.subscribe();
        let weak: Weak<Shared> = Arc::downgrade(&self.shared);
        let url = self.url.clone();
        let ca_pem = self.ca_pem.clone();
        std::thread::spawn(move || {
            loop {
                let ev = match rx.blocking_recv() {
                    Ok(ev) => ev,
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                };
                if !filter(&ev) {
                    continue;
                }
                let Some(shared) = weak.upgrade() else {
                    return;
                };
                let handle = ServerHandle {
                    shared,
                    url: url.clone(),
                    ca_pem: ca_pem.clone(),
                };
                f(&handle, &ev);
            }
        });
    }

    // ----- pods -----

    /// Script every pod named `name` (in any namespace).
    pub fn script_pod(&self, name: &str, script: PodScript) {
        self.shared
            .lock()
            .pods
            .scripts
            .push((None, PodSelector::Name(name.into()), script));
    }

    /// Script every pod whose name starts with `prefix`.
    pub fn script_pods(&self, prefix: &str, script: PodScript) {
        self.shared
            .lock()
            .pods
            .scripts
            .push((None, PodSelector::Prefix(prefix.into()), script));
    }

    /// Remove every pod script.
    pub fn clear_pod_scripts(&self) {
        self.shared.lock().pods.scripts.clear();
    }

    /// Append a log line (or several, separated by `\n`) to a container's log now.
    pub fn append_log(&self, ns: &str, pod: &str, container: &str, text: &str) {
        let mut st = self.shared.lock();
        st.pods.append_log(ns, pod, container, text);
        st.log_notify.notify_waiters();
    }

    /// The current log lines of a container.
    pub fn pod_log(&self, ns: &str, pod: &str, container: &str) -> Vec<String> {
        let st = self.shared.lock();
        st.pods
            .logs
            .get(&(ns.to_string(), pod.to_string(), container.to_string()))
            .map(|l| l.lines.iter().map(|x| x.text.clone()).collect())
            .unwrap_or_default()
    }

    /// A file in a pod's filesystem.
    pub fn pod_file(&self, ns: &str, pod: &str, path: &str) -> Option<Vec<u8>> {
        let st = self.shared.lock();
        st.pods
            .files
            .get(&(ns.to_string(), pod.to_string()))
            .and_then(|fs| fs.get(path).cloned())
    }

    /// Every file path in a pod's filesystem (directories end with `/`).
    pub fn pod_files(&self, ns: &str, pod: &str) -> Vec<String> {
        let st = self.shared.lock();
        st.pods
            .files
            .get(&(ns.to_string(), pod.to_string()))
            .map(|fs| fs.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Put a file into a pod's filesystem.
    pub fn put_pod_file(&self, ns: &str, pod: &str, path: &str, data: &[u8]) {
        self.shared
            .lock()
            .pods
            .fs_mut(ns, pod)
            .insert(path.to_string(), data.to_vec());
    }

    /// Handle execs whose argv starts with `argv_prefix` (later registrations win). The handler
    /// runs while the server state is locked: it must not call back into the server.
    pub fn on_exec<F>(&self, argv_prefix: &[&str], f: F)
    where
        F: Fn(&ExecRequest, &mut std::collections::BTreeMap<String, Vec<u8>>) -> ExecOutput
            + Send
            + Sync
            + 'static,
    {
        self.shared.lock().pods.exec_handlers.push(ExecHandler {
            argv_prefix: argv_prefix.iter().map(|s| s.to_string()).collect(),
            f: Arc::new(f),
        });
    }

    /// Relay port-forwards to `port` of pods whose name starts with `pod_prefix` ("" = any pod;
    /// `ns` None = any namespace) to the TCP listener at `addr`. Later registrations win.
    pub fn forward_port(&self, ns: Option<&str>, pod_prefix: &str, port: u16, addr: SocketAddr) {
        self.shared
            .lock()
            .pods
            .port_targets
            .push(crate::portforward::PortTarget {
                namespace: ns.map(String::from),
                pod_prefix: pod_prefix.to_string(),
                port,
                addr,
            });
    }

    /// Change the pod life-cycle delays (scheduled, running, ready) for pods created from now on.
    pub fn set_pod_delays(&self, schedule: Duration, start: Duration, ready: Duration) {
        let mut st = self.shared.lock();
        st.opts.schedule_delay = schedule;
        st.opts.start_delay = start;
        st.opts.ready_delay = ready;
    }

    /// Switch the simulated control plane on or off.
    pub fn set_control_plane(&self, on: bool) {
        self.shared.lock().opts.control_plane = on;
    }

    /// Commit an internal change (used by tests that need a raw MODIFIED without validation).
    pub fn replace_raw(&self, resource: &str, obj: Value) -> Result<Value, ApiError> {
        let res = res_or_err(resource)?;
        let ns = util::namespace_of(&obj).to_string();
        let name = util::name_of(&obj).to_string();
        let mut st = self.shared.lock();
        if st.store.get(res, &ns, &name).is_none() {
            return Err(ApiError::not_found(
                res.info().group,
                res.info().plural,
                &name,
            ));
        }
        Ok((*st.commit(EventType::Modified, res, &ns, &name, obj)).clone())
    }
}

/// A realistic Ready Node with InternalIP, optional ExternalIP and Hostname addresses.
pub fn node_object(name: &str, internal_ip: &str, external_ip: Option<&str>) -> Value {
    let mut addresses = vec![json!({"type": "InternalIP", "address": internal_ip})];
    if let Some(e) = external_ip {
        addresses.push(json!({"type": "ExternalIP", "address": e}));
    }
    addresses.push(json!({"type": "Hostname", "address": name}));
    let now = util::now_rfc3339();
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": name,
            "labels": {
                "kubernetes.io/hostname": name,
                "kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "beta.kubernetes.io/os": "linux",
                "beta.kubernetes.io/arch": "amd64",
            },
        },
        "spec": {"podCIDR": "10.244.0.0/24"},
        "status": {
            "addresses": addresses,
            "capacity": {"cpu": "8", "memory": "32Gi", "pods": "110", "ephemeral-storage": "100Gi"},
            "allocatable": {"cpu": "8", "memory": "31Gi", "pods": "110", "ephemeral-storage": "95Gi"},
            "conditions": [
                {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory", "lastHeartbeatTime": now, "lastTransitionTime": now},
                {"type": "DiskPressure", "status": "False", "reason": "KubeletHasNoDiskPressure", "lastHeartbeatTime": now, "lastTransitionTime": now},
                {"type": "PIDPressure", "status": "False", "reason": "KubeletHasSufficientPID", "lastHeartbeatTime": now, "lastTransitionTime": now},
                {"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status", "lastHeartbeatTime": now, "lastTransitionTime": now},
            ],
            "nodeInfo": {
                "kubeletVersion": "v1.33.0",
                "containerRuntimeVersion": "containerd://1.7.27",
                "osImage": "Debian GNU/Linux 12 (bookworm)",
                "kernelVersion": "6.1.0",
                "operatingSystem": "linux",
                "architecture": "amd64",
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_names() {
        assert_eq!(resolve("pods"), Some(Res::pods()));
        assert_eq!(resolve("statefulsets.apps"), Some(Res::statefulsets()));
        assert_eq!(resolve("apps/v1/statefulsets"), Some(Res::statefulsets()));
        assert_eq!(resolve("v1/pods"), Some(Res::pods()));
        assert_eq!(resolve("Pod"), Some(Res::pods()));
        assert_eq!(resolve("sts"), Some(Res::statefulsets()));
        assert!(resolve("widgets").is_none());
    }
}
