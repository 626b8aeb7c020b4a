//! The fault suite: every command that talks to the cluster, run as the real binary against the
//! fake API server while it fails — a 500 on the Nth request, 409 conflicts, a 403 on one verb,
//! 429 with `Retry-After`, latency past `--request-timeout`, streams cut mid-watch and mid-log,
//! and the server restarting on the same port. What must hold: idempotent requests are retried
//! with backoff, writes are never duplicated (checked on the request log), a failure mid-way
//! rolls back or can be resumed (checked on the store), and every error names its cause.
//!
//! One file per command (`faults/<command>.rs`); the shared plumbing is here.

mod endpoints;
mod kill;
mod logs;
mod nodes_label;
mod setup;
mod submit;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use fake_kube::{HookId, Match, RequestRecord, ServerHandle};
use serde_json::Value;

use crate::common::Env;

/// The namespace every fault test works in.
pub const NS: &str = "default";

/// Install `replicas` uploader pods in the fault tests' namespace.
pub fn install_uploader(env: &Env, replicas: i32) {
    crate::common::install_uploader_in(env, NS, replicas);
}

/// Add `latency` to the first request matching `m` only: the hook is removed as soon as it has
/// delayed one request (a latency spike).
pub fn spike_once(server: &ServerHandle, m: Match, latency: Duration) -> HookId {
    let id = server.add_latency(m, latency);
    let handle = server.clone();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(60);
        while handle.hook_hits(id) == 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        handle.remove_hook(id);
    });
    id
}

/// Every object labelled `app=twister2` in [`NS`] of the kinds a job is made of, as
/// `resource/name`.
pub fn job_objects(server: &ServerHandle) -> Vec<String> {
    let mut found = Vec::new();
    for resource in [
        "configmaps",
        "services",
        "statefulsets",
        "persistentvolumeclaims",
        "ingresses",
    ] {
        for object in server
            .list_selected(resource, Some(NS), "app=twister2")
            .unwrap()
        {
            found.push(format!(
                "{resource}/{}",
                object["metadata"]["name"].as_str().unwrap_or("")
            ));
        }
    }
    found.sort();
    found
}

/// The object a write request was about: its resource and name (from the URL, or the body of a
/// create).
fn write_target(r: &RequestRecord) -> String {
    let name = if r.name.is_empty() {
        serde_json::from_slice::<Value>(&r.body)
            .ok()
            .and_then(|b| b["metadata"]["name"].as_str().map(str::to_string))
            .unwrap_or_default()
    } else {
        r.name.clone()
    };
    format!("{}/{name}", r.resource)
}

/// How many creates (POST) of each object the server accepted, by `resource/name`; exec and
/// access reviews aside.
pub fn accepted_creates(server: &ServerHandle) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for r in server.requests_matching(&Match::verb("create")) {
        if r.subresource.is_empty()
            && r.resource != "selfsubjectaccessreviews"
            && (200..300).contains(&r.status)
        {
            *counts.entry(write_target(&r)).or_insert(0) += 1;
        }
    }
    counts
}

/// How many times each object was sent to the server in a create (POST), answered or not.
pub fn sent_creates(server: &ServerHandle) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for r in server.requests_matching(&Match::verb("create")) {
        if r.subresource.is_empty() && r.resource != "selfsubjectaccessreviews" {
            *counts.entry(write_target(&r)).or_insert(0) += 1;
        }
    }
    counts
}

/// Writes are never duplicated: no object was created twice.
#[track_caller]
pub fn assert_each_create_accepted_once(server: &ServerHandle) {
    let twice: Vec<(String, usize)> = accepted_creates(server)
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .collect();
    assert!(
        twice.is_empty(),
        "objects created more than once: {twice:?}"
    );
}

/// Status codes of the requests matching `m`, in order.
pub fn statuses(server: &ServerHandle, m: &Match) -> Vec<u16> {
    server
        .requests_matching(m)
        .iter()
        .map(|r| r.status)
        .collect()
}

/// The stderr of a failed run names its cause: every one of `needles` appears, and no panic.
#[track_caller]
pub fn assert_names(stderr: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{needle:?} missing from:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("panicked"),
        "a panic reached the user:\n{stderr}"
    );
}

/// The plugin running in the background (for faults injected while it runs).
pub use crate::common::Background as Spawned;

/// Restart the fake API server on the same port (every connection cut, state kept).
pub fn restart(env: &mut Env) {
    env.server.restart().expect("the fake API server restarts");
}
