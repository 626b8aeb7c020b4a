//! The simulated control plane: StatefulSet controller (pods, PVCs, status), pod life cycle and
//! scripts (scheduling, running, ready, stuck states, restarts, ends), PVC binding, default
//! ServiceAccounts, and Events for stuck pods.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::broadcast::error::{RecvError, TryRecvError};

use crate::ops;
use crate::pods::PodAction;
use crate::resources::Res;
use crate::state::{Shared, State};
use crate::store::{EventType, StoreEvent};
use crate::util;

/// A timed pod action.
#[derive(Debug, Clone)]
struct Job {
    ns: String,
    name: String,
    uid: String,
    action: PodAction,
}

/// Controller-local bookkeeping.
#[derive(Default)]
struct Ctl {
    timers: BTreeMap<(Instant, u64), Job>,
    /// Pod uids whose life cycle is planned (the start-up resync and the event feed may both see a pod).
    planned: HashSet<String>,
    seq: u64,
    next_node: usize,
    next_ip: u32,
}

impl Ctl {
    fn at(&mut self, when: Instant, job: Job) {
        self.seq += 1;
        self.timers.insert((when, self.seq), job);
    }
}

/// Run the control plane until the runtime shuts down.
pub async fn run(shared: Arc<Shared>) {
    let mut rx = shared.lock().store.subscribe();
    let mut ctl = Ctl::default();
    resync(&shared, &mut ctl);
    loop {
        let next = ctl.timers.keys().next().map(|(t, _)| *t);
        let sleep = async {
            match next {
                Some(t) => tokio::time::sleep_until(tokio::time::Instant::from_std(t)).await,
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            ev = rx.recv() => match ev {
                Ok(ev) => {
                    // Drain what is already queued, then reconcile each touched StatefulSet once.
                    let mut dirty = BTreeSet::new();
                    on_event(&shared, &mut ctl, &ev, &mut dirty);
                    loop {
                        match rx.try_recv() {
                            Ok(ev) => on_event(&shared, &mut ctl, &ev, &mut dirty),
                            Err(TryRecvError::Empty) => break,
                            Err(TryRecvError::Lagged(_)) => {
                                resync(&shared, &mut ctl);
                                break;
                            }
                            Err(TryRecvError::Closed) => return,
                        }
                    }
                    for (ns, name) in dirty {
                        reconcile_sts(&shared, &mut ctl, &ns, &name);
                    }
                }
                Err(RecvError::Lagged(_)) => resync(&shared, &mut ctl),
                Err(RecvError::Closed) => return,
            },
            _ = sleep => run_due(&shared, &mut ctl),
        }
    }
}

fn enabled(shared: &Shared) -> bool {
    shared.lock().opts.control_plane
}

/// Re-derive work from the store (at start, after a restart or a lagged feed).
fn resync(shared: &Shared, ctl: &mut Ctl) {
    if !enabled(shared) {
        return;
    }
    let (stss, pending): (Vec<(String, String)>, Vec<Value>) = {
        let st = shared.lock();
        let stss = st
            .store
            .list(Res::statefulsets(), None)
            .map(|s| {
                (
                    util::namespace_of(s).to_string(),
                    util::name_of(s).to_string(),
                )
            })
            .collect();
        let pending = st
            .store
            .list(Res::pods(), None)
            .filter(|p| needs_lifecycle(p))
            .map(|p| (**p).clone())
            .collect();
        (stss, pending)
    };
    for p in pending {
        plan_pod(shared, ctl, &p);
    }
    for (ns, name) in stss {
        reconcile_sts(shared, ctl, &ns, &name);
    }
}

fn needs_lifecycle(pod: &Value) -> bool {
    pod.pointer("/status/phase")
        .and_then(Value::as_str)
        .is_none_or(|p| p == "Pending")
        && pod.pointer("/status/containerStatuses").is_none()
        && pod.pointer("/metadata/deletionTimestamp").is_none()
        && pod
            .pointer("/status/conditions")
            .and_then(Value::as_array)
            .is_none_or(|c| {
                !c.iter()
                    .any(|x| x.get("reason").and_then(Value::as_str) == Some("Unschedulable"))
            })
}

fn owner_sts(obj: &Value) -> Option<String> {
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)?
        .iter()
        .find(|r| r.get("kind").and_then(Value::as_str) == Some("StatefulSet"))
        .and_then(|r| r.get("name").and_then(Value::as_str))
        .map(String::from)
}

fn on_event(
    shared: &Shared,
    ctl: &mut Ctl,
    ev: &StoreEvent,
    dirty: &mut BTreeSet<(String, String)>,
) {
    if !enabled(shared) {
        return;
    }
    if ev.res == Res::statefulsets() && ev.kind != EventType::Deleted {
        dirty.insert((ev.namespace.clone(), ev.name.clone()));
    } else if ev.res == Res::pods() {
        if ev.kind == EventType::Deleted {
            ctl.planned.remove(util::uid_of(&ev.object));
        }
        if ev.kind == EventType::Added && needs_lifecycle(&ev.object) {
            plan_pod(shared, ctl, &ev.object);
        }
        if let Some(sts) = owner_sts(&ev.object) {
            dirty.insert((ev.namespace.clone(), sts));
        }
    } else if ev.res == Res::pvcs() && ev.kind == EventType::Added {
        bind_pvc(shared, &ev.namespace, &ev.name);
    } else if ev.res == Res::namespaces() && ev.kind == EventType::Added {
        let mut st = shared.lock();
        if let Some(sa) = Res::by_plural("", "serviceaccounts")
            && st.store.get(sa, &ev.name, "default").is_none()
        {
            let o = ops::WriteOpts {
                field_manager: "kube-controller-manager".into(),
                ..Default::default()
            };
            let _ = ops::create(
                &mut st,
                sa,
                &ev.name,
                json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default"}}),
                &o,
            );
        }
    }
}

fn plan_pod(shared: &Shared, ctl: &mut Ctl, pod: &Value) {
    let ns = util::namespace_of(pod).to_string();
    let name = util::name_of(pod).to_string();
    let uid = util::uid_of(pod).to_string();
    if !ctl.planned.insert(uid.clone()) {
        return;
    }
    let (script, delays) = {
        let st = shared.lock();
        let script = st.pods.script_for(&ns, &name).unwrap_or_default();
        (
            script,
            (
                st.opts.schedule_delay,
                st.opts.start_delay,
                st.opts.ready_delay,
            ),
        )
    };
    let t0 = Instant::now();
    let job = |action: PodAction| Job {
        ns: ns.clone(),
        name: name.clone(),
        uid: uid.clone(),
        action,
    };
    if script.auto_start {
        let (s, r, ready) = delays;
        ctl.at(t0 + s, job(PodAction::Schedule));
        ctl.at(t0 + s + r, job(PodAction::Run));
        ctl.at(t0 + s + r + ready, job(PodAction::Ready(true)));
    }
    for (after, action) in script.steps {
        // Steps at the same instant as the automatic ones run after them.
        ctl.at(t0 + after + Duration::from_nanos(1), job(action));
    }
}

fn run_due(shared: &Shared, ctl: &mut Ctl) {
    let now = Instant::now();
    let due: Vec<(Instant, u64)> = ctl
        .timers
        .range(..=(now, u64::MAX))
        .map(|(k, _)| *k)
        .collect();
    for key in due {
        if let Some(job) = ctl.timers.remove(&key)
            && enabled(shared)
        {
            perform(shared, ctl, &job);
        }
    }
}

fn containers(pod: &Value) -> Vec<Value> {
    pod.pointer("/spec/containers")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// The conditions of an initialized pod whose containers are not ready: Initialized, and
/// ContainersReady and Ready false (`ContainersNotReady`), Ready with `ready_message` if given.
fn set_unready_conditions(pod: &mut Value, ready_message: Option<&str>) {
    set_condition(pod, "Initialized", true, None, None);
    set_condition(
        pod,
        "ContainersReady",
        false,
        Some("ContainersNotReady"),
        None,
    );
    set_condition(
        pod,
        "Ready",
        false,
        Some("ContainersNotReady"),
        ready_message,
    );
}

fn set_condition(
    pod: &mut Value,
    kind: &str,
    status: bool,
    reason: Option<&str>,
    message: Option<&str>,
) {
    let now = util::now_rfc3339();
    let conds = pod["status"]
        .as_object_mut()
        .map(|s| s.entry("conditions").or_insert_with(|| json!([])));
    let Some(Value::Array(list)) = conds else {
        return;
    };
    let value = if status { "True" } else { "False" };
    let mut cond =
        json!({"type": kind, "status": value, "lastProbeTime": null, "lastTransitionTime": now});
    if let Some(r) = reason {
        cond["reason"] = json!(r);
    }
    if let Some(m) = message {
        cond["message"] = json!(m);
    }
    match list
        .iter_mut()
        .find(|c| c.get("type").and_then(Value::as_str) == Some(kind))
    {
        Some(existing) => {
            if existing.get("status").and_then(Value::as_str) == Some(value) {
                cond["lastTransitionTime"] = existing
                    .get("lastTransitionTime")
                    .cloned()
                    .unwrap_or(json!(now));
            }
            *existing = cond;
        }
        None => list.push(cond),
    }
}

fn node_ip(node: &Value) -> String {
    node.pointer("/status/addresses")
        .and_then(Value::as_array)
        .and_then(|a| {
            a.iter()
                .find(|x| x.get("type").and_then(Value::as_str) == Some("InternalIP"))
        })
        .and_then(|x| x.get("address").and_then(Value::as_str))
        .unwrap_or("10.0.0.1")
        .to_string()
}

fn node_ready(node: &Value) -> bool {
    let unschedulable = node
        .pointer("/spec/unschedulable")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let ready = node
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|c| {
            c.iter()
                .any(|x| x["type"] == "Ready" && x["status"] == "True")
        });
    ready && !unschedulable
}

fn schedule(st: &State, ctl: &mut Ctl, pod: &mut Value) {
    if pod
        .pointer("/spec/nodeName")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        let ready: Vec<&Arc<Value>> = st
            .store
            .list(Res::nodes(), None)
            .filter(|n| node_ready(n))
            .collect();
        if !ready.is_empty() {
            let node = ready[ctl.next_node % ready.len()];
            ctl.next_node += 1;
            pod["spec"]["nodeName"] = json!(util::name_of(node));
        }
    }
    if let Some(node_name) = pod
        .pointer("/spec/nodeName")
        .and_then(Value::as_str)
        .map(String::from)
        && let Some(node) = st.store.get(Res::nodes(), "", &node_name)
    {
        pod["status"]["hostIP"] = json!(node_ip(node));
        pod["status"]["hostIPs"] = json!([{"ip": node_ip(node)}]);
    }
    set_condition(pod, "PodScheduled", true, None, None);
}

fn container_status(
    c: &Value,
    state: Value,
    ready: bool,
    restarts: u64,
    last: Option<Value>,
) -> Value {
    let name = c.get("name").and_then(Value::as_str).unwrap_or_default();
    let image = c.get("image").and_then(Value::as_str).unwrap_or_default();
    let started = state.get("running").is_some();
    let mut s = json!({
        "name": name,
        "image": image,
        "imageID": format!("{image}@sha256:{:016x}{:016x}", util::random_u64(), util::random_u64()),
        "containerID": format!("containerd://{:016x}{:016x}", util::random_u64(), util::random_u64()),
        "ready": ready,
        "started": started,
        "restartCount": restarts,
        "state": state,
        "lastState": last.unwrap_or(json!({})),
    });
    if state_is_waiting(&s)
        && let Some(m) = s.as_object_mut()
    {
        m.remove("containerID");
        m.remove("imageID");
    }
    s
}

fn state_is_waiting(s: &Value) -> bool {
    s.pointer("/state/waiting").is_some()
}

fn restarts_of(pod: &Value, name: &str) -> u64 {
    pod.pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .and_then(|l| l.iter().find(|s| s["name"] == name))
        .and_then(|s| s.get("restartCount").and_then(Value::as_u64))
        .unwrap_or(0)
}

fn record_event(st: &mut State, pod: &Value, reason: &str, message: &str, component: &str) {
    let ns = util::namespace_of(pod).to_string();
    let pod_name = util::name_of(pod);
    let now = util::now_rfc3339();
    let event = json!({
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": format!("{pod_name}.{:016x}", util::random_u64()), "namespace": ns},
        "involvedObject": {
            "kind": "Pod", "namespace": ns, "name": pod_name, "uid": util::uid_of(pod),
            "apiVersion": "v1", "resourceVersion": util::rv_of(pod),
        },
        "reason": reason,
        "message": message,
        "type": "Warning",
        "source": {"component": component, "host": pod.pointer("/spec/nodeName").cloned().unwrap_or(Value::Null)},
        "firstTimestamp": now,
        "lastTimestamp": now,
        "count": 1,
        "reportingComponent": component,
        "reportingInstance": "",
    });
    let o = ops::WriteOpts {
        field_manager: component.into(),
        ..Default::default()
    };
    let _ = ops::create(st, Res::events(), &ns, event, &o);
}

fn perform(shared: &Shared, ctl: &mut Ctl, job: &Job) {
    let mut st = shared.lock();
    let Some(current) = st.store.get(Res::pods(), &job.ns, &job.name).cloned() else {
        return;
    };
    if util::uid_of(&current) != job.uid || current.pointer("/metadata/deletionTimestamp").is_some()
    {
        return;
    }
    let mut pod = (*current).clone();
    if !pod.get("status").is_some_and(Value::is_object) {
        pod["status"] = json!({"phase": "Pending"});
    }
    let cs = containers(&pod);
    let first = cs
        .first()
        .and_then(|c| c.get("name"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let now = util::now_rfc3339();
    match &job.action {
        PodAction::Schedule => schedule(&st, ctl, &mut pod),
        PodAction::Run => {
            if pod
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .is_none_or(|c| {
                    !c.iter()
                        .any(|x| x["type"] == "PodScheduled" && x["status"] == "True")
                })
            {
                schedule(&st, ctl, &mut pod);
            }
            ctl.next_ip += 1;
            let ip = format!(
                "10.244.{}.{}",
                (ctl.next_ip / 254) % 256,
                ctl.next_ip % 254 + 1
            );
            pod["status"]["phase"] = json!("Running");
            if pod.pointer("/status/podIP").is_none() {
                pod["status"]["podIP"] = json!(ip);
                pod["status"]["podIPs"] = json!([{"ip": ip}]);
            }
            pod["status"]["startTime"] = json!(now);
            let statuses: Vec<Value> = cs
                .iter()
                .map(|c| {
                    let name = c["name"].as_str().unwrap_or_default();
                    container_status(
                        c,
                        json!({"running": {"startedAt": now}}),
                        false,
                        restarts_of(&current, name),
                        None,
                    )
                })
                .collect();
            pod["status"]["containerStatuses"] = json!(statuses);
            set_unready_conditions(&mut pod, None);
            for c in &cs {
                let name = c["name"].as_str().unwrap_or_default();
                st.pods.log_mut(&job.ns, &job.name, name).terminated = false;
            }
        }
        PodAction::Ready(ready) => {
            if pod.pointer("/status/phase").and_then(Value::as_str) != Some("Running") {
                return;
            }
            if let Some(Value::Array(list)) = pod.pointer_mut("/status/containerStatuses") {
                for s in list {
                    if s.pointer("/state/running").is_some() {
                        s["ready"] = json!(*ready);
                    }
                }
            }
            let reason = if *ready {
                None
            } else {
                Some("ContainersNotReady")
            };
            set_condition(&mut pod, "ContainersReady", *ready, reason, None);
            set_condition(&mut pod, "Ready", *ready, reason, None);
        }
        PodAction::ImagePullBackOff(message) => {
            pod["status"]["phase"] = json!("Pending");
            let statuses: Vec<Value> = cs
                .iter()
                .map(|c| {
                    container_status(
                        c,
                        json!({"waiting": {"reason": "ImagePullBackOff", "message": message}}),
                        false,
                        0,
                        None,
                    )
                })
                .collect();
            pod["status"]["containerStatuses"] = json!(statuses);
            set_unready_conditions(
                &mut pod,
                Some(&format!("containers with unready status: [{first}]")),
            );
            let image = cs
                .first()
                .and_then(|c| c["image"].as_str())
                .unwrap_or_default()
                .to_string();
            record_event(
                &mut st,
                &pod,
                "Failed",
                &format!("Failed to pull image \"{image}\": {message}"),
                "kubelet",
            );
            record_event(&mut st, &pod, "Failed", "Error: ErrImagePull", "kubelet");
            record_event(
                &mut st,
                &pod,
                "BackOff",
                &format!("Back-off pulling image \"{image}\""),
                "kubelet",
            );
        }
        PodAction::Unschedulable(message) => {
            pod["status"]["phase"] = json!("Pending");
            set_condition(
                &mut pod,
                "PodScheduled",
                false,
                Some("Unschedulable"),
                Some(message),
            );
            record_event(
                &mut st,
                &pod,
                "FailedScheduling",
                message,
                "default-scheduler",
            );
        }
        PodAction::CrashLoop { restarts, message } => {
            if pod.pointer("/spec/nodeName").is_none() {
                schedule(&st, ctl, &mut pod);
            }
            pod["status"]["phase"] = json!("Running");
            let uid = util::uid_of(&pod).to_string();
            let statuses: Vec<Value> = cs
                .iter()
                .map(|c| {
                    let name = c["name"].as_str().unwrap_or_default();
                    let waiting = json!({"waiting": {"reason": "CrashLoopBackOff", "message": format!("back-off 5m0s restarting failed container={name} pod={}_{}({uid})", job.name, job.ns)}});
                    let last = json!({"terminated": {"exitCode": 1, "reason": "Error", "message": message, "startedAt": now, "finishedAt": now}});
                    container_status(c, waiting, false, u64::from(*restarts), Some(last))
                })
                .collect();
            pod["status"]["containerStatuses"] = json!(statuses);
            set_unready_conditions(
                &mut pod,
                Some(&format!("containers with unready status: [{first}]")),
            );
            record_event(
                &mut st,
                &pod,
                "BackOff",
                &format!(
                    "Back-off restarting failed container {first} in pod {}_{}({uid})",
                    job.name, job.ns
                ),
                "kubelet",
            );
        }
        PodAction::Log { container, line } => {
            let c = container.clone().unwrap_or(first);
            st.pods.append_log(&job.ns, &job.name, &c, line);
            st.log_notify.notify_waiters();
            return;
        }
        PodAction::Restart { exit_code } => {
            let reason = if *exit_code == 0 {
                "Completed"
            } else {
                "Error"
            };
            if let Some(Value::Array(list)) = pod.pointer_mut("/status/containerStatuses") {
                for s in list.iter_mut() {
                    let started = s
                        .pointer("/state/running/startedAt")
                        .cloned()
                        .unwrap_or(json!(now));
                    s["lastState"] = json!({"terminated": {"exitCode": exit_code, "reason": reason, "startedAt": started, "finishedAt": now}});
                    s["state"] = json!({"running": {"startedAt": now}});
                    s["restartCount"] = json!(s["restartCount"].as_u64().unwrap_or(0) + 1);
                    s["containerID"] = json!(format!(
                        "containerd://{:016x}{:016x}",
                        util::random_u64(),
                        util::random_u64()
                    ));
                }
            }
            for c in &cs {
                let name = c["name"].as_str().unwrap_or_default();
                let log = st.pods.log_mut(&job.ns, &job.name, name);
                log.previous = Some(std::mem::take(&mut log.lines));
                log.instance += 1;
                log.terminated = false;
            }
            st.log_notify.notify_waiters();
        }
        PodAction::End { exit_code } => {
            let reason = if *exit_code == 0 {
                "Completed"
            } else {
                "Error"
            };
            if let Some(Value::Array(list)) = pod.pointer_mut("/status/containerStatuses") {
                for s in list.iter_mut() {
                    let started = s
                        .pointer("/state/running/startedAt")
                        .cloned()
                        .unwrap_or(json!(now));
                    s["state"] = json!({"terminated": {"exitCode": exit_code, "reason": reason, "startedAt": started, "finishedAt": now}});
                    s["ready"] = json!(false);
                    s["started"] = json!(false);
                }
            }
            pod["status"]["phase"] = json!(if *exit_code == 0 {
                "Succeeded"
            } else {
                "Failed"
            });
            set_condition(
                &mut pod,
                "ContainersReady",
                false,
                Some("PodCompleted"),
                None,
            );
            set_condition(&mut pod, "Ready", false, Some("PodCompleted"), None);
            for c in &cs {
                let name = c["name"].as_str().unwrap_or_default();
                st.pods.log_mut(&job.ns, &job.name, name).terminated = true;
            }
            st.log_notify.notify_waiters();
        }
        PodAction::Delete => {
            ops::delete_now(&mut st, Res::pods(), &job.ns, &job.name, None);
            return;
        }
    }
    if pod != *current {
        st.commit(EventType::Modified, Res::pods(), &job.ns, &job.name, pod);
    }
}

fn bind_pvc(shared: &Shared, ns: &str, name: &str) {
    let mut st = shared.lock();
    let Some(pvc) = st.store.get(Res::pvcs(), ns, name).cloned() else {
        return;
    };
    if pvc.pointer("/status/phase").and_then(Value::as_str) != Some("Pending") {
        return;
    }
    let mut p = (*pvc).clone();
    let volume = format!("pvc-{}", util::uid_of(&pvc));
    p["spec"]["volumeName"] = json!(volume);
    let capacity = pvc
        .pointer("/spec/resources/requests/storage")
        .cloned()
        .unwrap_or(json!("1Gi"));
    p["status"] = json!({
        "phase": "Bound",
        "accessModes": pvc.pointer("/spec/accessModes").cloned().unwrap_or(json!(["ReadWriteOnce"])),
        "capacity": {"storage": capacity},
    });
    st.commit(EventType::Modified, Res::pvcs(), ns, name, p);
}

fn pod_ready(p: &Value) -> bool {
    p.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|c| {
            c.iter()
                .any(|x| x["type"] == "Ready" && x["status"] == "True")
        })
}

fn revision(sts: &Value) -> String {
    let template = sts
        .pointer("/spec/template")
        .map(Value::to_string)
        .unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in template.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{}-{:x}", util::name_of(sts), h & 0xff_ffff_ffff)
}

fn reconcile_sts(shared: &Shared, _ctl: &mut Ctl, ns: &str, name: &str) {
    let mut st = shared.lock();
    let Some(sts) = st.store.get(Res::statefulsets(), ns, name).cloned() else {
        return;
    };
    if sts.pointer("/metadata/deletionTimestamp").is_some() {
        return;
    }
    let uid = util::uid_of(&sts).to_string();
    let replicas = sts
        .pointer("/spec/replicas")
        .and_then(Value::as_u64)
        .unwrap_or(1) as usize;
    let parallel = sts
        .pointer("/spec/podManagementPolicy")
        .and_then(Value::as_str)
        == Some("Parallel");
    let rev = revision(&sts);
    let owned: HashMap<usize, Arc<Value>> = st
        .store
        .list(Res::pods(), Some(ns))
        .filter(|p| {
            p.pointer("/metadata/ownerReferences")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|x| x["uid"] == uid.as_str()))
        })
        .filter_map(|p| {
            let n = util::name_of(p);
            let ord = n
                .strip_prefix(name)?
                .strip_prefix('-')?
                .parse::<usize>()
                .ok()?;
            Some((ord, p.clone()))
        })
        .collect();
    // Scale down: remove the highest ordinals.
    let mut excess: Vec<usize> = owned.keys().copied().filter(|o| *o >= replicas).collect();
    excess.sort_unstable_by(|a, b| b.cmp(a));
    for ord in excess {
        ops::delete_now(&mut st, Res::pods(), ns, &format!("{name}-{ord}"), None);
    }
    // Scale up / replace missing pods.
    for ord in 0..replicas {
        if owned.contains_key(&ord) {
            continue;
        }
        if !parallel {
            let predecessors_ready = (0..ord).all(|o| owned.get(&o).is_some_and(|p| pod_ready(p)));
            if !predecessors_ready {
                break;
            }
        }
        create_pod(&mut st, &sts, ord, &rev);
        if !parallel {
            break;
        }
    }
    // Status.
    let pods: Vec<Arc<Value>> = st
        .store
        .list(Res::pods(), Some(ns))
        .filter(|p| {
            p.pointer("/metadata/ownerReferences")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|x| x["uid"] == uid.as_str()))
        })
        .cloned()
        .collect();
    let count = pods.len();
    let ready = pods.iter().filter(|p| pod_ready(p)).count();
    let mut new = (*sts).clone();
    let generation = sts
        .pointer("/metadata/generation")
        .cloned()
        .unwrap_or(json!(1));
    let mut status = json!({
        "observedGeneration": generation,
        "replicas": count,
        "readyReplicas": ready,
        "availableReplicas": ready,
        "currentReplicas": count,
        "updatedReplicas": count,
        "currentRevision": rev,
        "updateRevision": rev,
        "collisionCount": 0,
    });
    if ready == 0
        && let Some(m) = status.as_object_mut()
    {
        m.remove("readyReplicas");
    }
    new["status"] = status;
    if new != *sts {
        st.commit(EventType::Modified, Res::statefulsets(), ns, name, new);
    }
}

fn create_pod(st: &mut State, sts: &Value, ord: usize, rev: &str) {
    let ns = util::namespace_of(sts).to_string();
    let sts_name = util::name_of(sts).to_string();
    let pod_name = format!("{sts_name}-{ord}");
    let template = sts.pointer("/spec/template").cloned().unwrap_or(json!({}));
    let mut labels = template
        .pointer("/metadata/labels")
        .cloned()
        .unwrap_or(json!({}));
    labels["statefulset.kubernetes.io/pod-name"] = json!(pod_name);
    labels["apps.kubernetes.io/pod-index"] = json!(ord.to_string());
    labels["controller-revision-hash"] = json!(rev);
    let mut spec = template.get("spec").cloned().unwrap_or(json!({}));
    spec["hostname"] = json!(pod_name);
    if let Some(svc) = sts.pointer("/spec/serviceName").and_then(Value::as_str)
        && !svc.is_empty()
    {
        spec["subdomain"] = json!(svc);
    }
    // volumeClaimTemplates → PVCs and volumes.
    let o = ops::WriteOpts {
        field_manager: "kube-controller-manager".into(),
        ..Default::default()
    };
    if let Some(vcts) = sts
        .pointer("/spec/volumeClaimTemplates")
        .and_then(Value::as_array)
    {
        for vct in vcts {
            let tname = util::name_of(vct).to_string();
            let claim = format!("{tname}-{pod_name}");
            if st.store.get(Res::pvcs(), &ns, &claim).is_none() {
                let mut pvc = json!({
                    "apiVersion": "v1",
                    "kind": "PersistentVolumeClaim",
                    "metadata": {"name": claim, "labels": template.pointer("/metadata/labels").cloned().unwrap_or(json!({}))},
                    "spec": vct.get("spec").cloned().unwrap_or(json!({})),
                });
                if let Some(m) = pvc
                    .pointer_mut("/metadata/labels")
                    .and_then(Value::as_object_mut)
                {
                    m.insert(
                        "apps.kubernetes.io/pod-index".into(),
                        json!(ord.to_string()),
                    );
                }
                let _ = ops::create(st, Res::pvcs(), &ns, pvc, &o);
            }
            let volumes = spec
                .as_object_mut()
                .map(|s| s.entry("volumes").or_insert_with(|| json!([])));
            if let Some(Value::Array(v)) = volumes
                && !v.iter().any(|x| x["name"] == tname.as_str())
            {
                v.push(json!({"name": tname, "persistentVolumeClaim": {"claimName": claim}}));
            }
        }
    }
    let mut metadata = json!({
        "name": pod_name,
        "labels": labels,
        "ownerReferences": [{
            "apiVersion": "apps/v1", "kind": "StatefulSet", "name": sts_name,
            "uid": util::uid_of(sts), "controller": true, "blockOwnerDeletion": true,
        }],
    });
    if let Some(a) = template.pointer("/metadata/annotations") {
        metadata["annotations"] = a.clone();
    }
    let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec});
    let _ = ops::create(st, Res::pods(), &ns, pod, &o);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_helper_and_revision_are_stable() {
        let sts = json!({"metadata": {"name": "s"}, "spec": {"template": {"a": 1}}});
        assert_eq!(revision(&sts), revision(&sts.clone()));
        assert!(revision(&sts).starts_with("s-"));
        let sel = crate::selectors::LabelSelector::parse("a=1").unwrap();
        assert!(!sel.is_empty());
    }
}
