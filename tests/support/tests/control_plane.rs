//! Item 8: the simulated control plane — StatefulSet pods from the template, scaling, status,
//! scheduling on Ready nodes, scripted pod behaviour (stuck states with Events, restarts, ends,
//! deletion and recreation) and change hooks that script a job master.

mod common;

use std::time::{Duration, Instant};

use common::Client;
use fake_kube::{FakeServer, PodAction, PodScript, ServerOptions};
use serde_json::{Value, json};

fn sts(name: &str, replicas: u32, policy: &str) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": name, "labels": {"app": "twister2"}},
        "spec": {"replicas": replicas, "serviceName": name, "podManagementPolicy": policy,
            "selector": {"matchLabels": {"app": "twister2", "t2-wss": name}},
            "template": {"metadata": {"labels": {"app": "twister2", "t2-wss": name}},
                "spec": {"containers": [{"name": "twister2-worker", "image": "twister2/twister2-k8s:0.8.0", "ports": [{"containerPort": 9009}]}]}},
            "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}})
}

/// Poll until `f` holds (sync tests run against the server's own runtime).
fn wait_until(what: &str, f: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn ready(p: &Value) -> bool {
    p["status"]["conditions"].as_array().is_some_and(|c| {
        c.iter()
            .any(|x| x["type"] == "Ready" && x["status"] == "True")
    })
}

#[test]
fn statefulset_creates_ready_pods_and_scales() {
    let server = FakeServer::start().unwrap();
    server.nodes(2);
    server.create(sts("job-0", 3, "Parallel")).unwrap();
    wait_until("3 ready pods", || {
        server
            .list("pods", Some("default"))
            .iter()
            .filter(|p| ready(p))
            .count()
            == 3
    });
    let pods = server.list("pods", Some("default"));
    let names: Vec<&str> = pods
        .iter()
        .map(|p| p["metadata"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["job-0-0", "job-0-1", "job-0-2"]);
    let p0 = &pods[0];
    assert_eq!(p0["metadata"]["labels"]["t2-wss"], "job-0");
    assert_eq!(
        p0["metadata"]["labels"]["statefulset.kubernetes.io/pod-name"],
        "job-0-0"
    );
    assert_eq!(p0["metadata"]["ownerReferences"][0]["kind"], "StatefulSet");
    assert_eq!(p0["spec"]["hostname"], "job-0-0");
    assert_eq!(p0["spec"]["subdomain"], "job-0");
    assert_eq!(p0["status"]["phase"], "Running");
    assert!(
        p0["status"]["podIP"]
            .as_str()
            .unwrap()
            .starts_with("10.244.")
    );
    assert!(
        p0["status"]["containerStatuses"][0]["ready"]
            .as_bool()
            .unwrap()
    );
    // Round robin over the two Ready nodes, with their InternalIP as hostIP.
    let nodes: Vec<&str> = pods
        .iter()
        .map(|p| p["spec"]["nodeName"].as_str().unwrap())
        .collect();
    assert_eq!(nodes, ["node-0", "node-1", "node-0"]);
    assert_eq!(pods[1]["status"]["hostIP"], "10.0.0.2");
    // PVCs from the claim templates, bound.
    let pvc = server
        .get("persistentvolumeclaims", "default", "data-job-0-1")
        .unwrap();
    wait_until("bound pvc", || {
        server
            .get("persistentvolumeclaims", "default", "data-job-0-1")
            .unwrap()["status"]["phase"]
            == "Bound"
    });
    assert_eq!(pvc["spec"]["resources"]["requests"]["storage"], "1Gi");
    wait_until("status", || {
        let s = server.get("statefulsets", "default", "job-0").unwrap();
        s["status"]["readyReplicas"] == 3
            && s["status"]["availableReplicas"] == 3
            && s["status"]["currentReplicas"] == 3
    });

    // Scale down and up.
    server
        .merge_patch(
            "statefulsets",
            "default",
            "job-0",
            json!({"spec": {"replicas": 1}}),
        )
        .unwrap();
    wait_until("scale down", || {
        server.list("pods", Some("default")).len() == 1
    });
    wait_until("status after scale", || {
        server.get("statefulsets", "default", "job-0").unwrap()["status"]["replicas"] == 1
    });
    server
        .merge_patch(
            "statefulsets",
            "default",
            "job-0",
            json!({"spec": {"replicas": 2}}),
        )
        .unwrap();
    wait_until("scale up", || {
        server
            .list("pods", Some("default"))
            .iter()
            .filter(|p| ready(p))
            .count()
            == 2
    });

    // Deleting the StatefulSet removes its pods.
    server.delete("statefulsets", "default", "job-0").unwrap();
    assert!(server.list("pods", Some("default")).is_empty());
}

#[test]
fn ordered_ready_creates_one_at_a_time() {
    let server = FakeServer::start().unwrap();
    server.set_pod_delays(
        Duration::from_millis(5),
        Duration::from_millis(5),
        Duration::from_millis(60),
    );
    let mut sub = server.subscribe();
    server.create(sts("ord", 2, "OrderedReady")).unwrap();
    // ord-1 must not appear before ord-0 is Ready.
    let mut saw_ready_0 = false;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        assert!(Instant::now() < deadline);
        let Some(ev) = sub.recv_timeout(Duration::from_secs(5)) else {
            continue;
        };
        if ev.res.info().plural != "pods" {
            continue;
        }
        if ev.name == "ord-0" && ready(&ev.object) {
            saw_ready_0 = true;
        }
        if ev.name == "ord-1" {
            assert!(saw_ready_0, "ord-1 created before ord-0 was Ready");
            break;
        }
    }
}

#[test]
fn scripted_stuck_pods_record_events() {
    let server = FakeServer::start().unwrap();
    server.nodes(1);
    server.script_pod(
        "pull-0",
        PodScript::image_pull_backoff(
            "rpc error: code = NotFound desc = failed to pull and unpack image",
        ),
    );
    server.script_pod("sched-0", PodScript::unschedulable("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."));
    server.script_pod("crash-0", PodScript::crash_loop(4, "boom"));
    for n in ["pull", "sched", "crash"] {
        server.create(sts(n, 1, "Parallel")).unwrap();
    }
    wait_until("stuck states", || {
        let p = server.get("pods", "default", "pull-0");
        let s = server.get("pods", "default", "sched-0");
        let c = server.get("pods", "default", "crash-0");
        p.is_some_and(|p| {
            p["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] == "ImagePullBackOff"
        }) && s.is_some_and(|s| {
            s["status"]["conditions"]
                .as_array()
                .is_some_and(|c| c.iter().any(|x| x["reason"] == "Unschedulable"))
        }) && c.is_some_and(|c| {
            c["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] == "CrashLoopBackOff"
        })
    });
    let pull = server.get("pods", "default", "pull-0").unwrap();
    assert_eq!(pull["status"]["phase"], "Pending");
    assert!(
        pull["status"]["containerStatuses"][0]["state"]["waiting"]["message"]
            .as_str()
            .unwrap()
            .contains("failed to pull")
    );
    let sched = server.get("pods", "default", "sched-0").unwrap();
    let cond = sched["status"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "PodScheduled")
        .unwrap()
        .clone();
    assert_eq!(cond["status"], "False");
    assert!(
        cond["message"]
            .as_str()
            .unwrap()
            .starts_with("0/1 nodes are available")
    );
    assert!(sched["spec"].get("nodeName").is_none());
    let crash = server.get("pods", "default", "crash-0").unwrap();
    assert_eq!(crash["status"]["containerStatuses"][0]["restartCount"], 4);
    assert_eq!(
        crash["status"]["containerStatuses"][0]["lastState"]["terminated"]["exitCode"],
        1
    );

    let events = server.list("events", Some("default"));
    let find = |pod: &str, reason: &str| {
        events.iter().any(|e| {
            e["involvedObject"]["name"] == pod && e["reason"] == reason && e["type"] == "Warning"
        })
    };
    assert!(find("pull-0", "BackOff") && find("pull-0", "Failed"));
    assert!(find("sched-0", "FailedScheduling"));
    assert!(find("crash-0", "BackOff"));
    let e = events
        .iter()
        .find(|e| e["reason"] == "FailedScheduling")
        .unwrap();
    assert_eq!(e["involvedObject"]["kind"], "Pod");
    assert_eq!(e["involvedObject"]["uid"], sched["metadata"]["uid"]);
    assert_eq!(e["source"]["component"], "default-scheduler");
}

#[test]
fn scripted_lifecycle_restart_end_and_recreate() {
    let server = FakeServer::start().unwrap();
    let ms = Duration::from_millis;
    server.script_pod(
        "life-0",
        PodScript::new()
            .log(ms(10), "starting")
            .restart(ms(40), 137)
            .log(ms(60), "second life")
            .end(ms(90), 0),
    );
    server.script_pod("gone-0", PodScript::new().delete(ms(30)));
    server.create(sts("life", 1, "Parallel")).unwrap();
    wait_until("restart", || {
        server
            .get("pods", "default", "life-0")
            .is_some_and(|p| p["status"]["containerStatuses"][0]["restartCount"] == 1)
    });
    let p = server.get("pods", "default", "life-0").unwrap();
    assert_eq!(
        p["status"]["containerStatuses"][0]["lastState"]["terminated"]["exitCode"],
        137
    );
    wait_until("end", || {
        server
            .get("pods", "default", "life-0")
            .is_some_and(|p| p["status"]["phase"] == "Succeeded")
    });
    let p = server.get("pods", "default", "life-0").unwrap();
    assert_eq!(
        p["status"]["containerStatuses"][0]["state"]["terminated"]["reason"],
        "Completed"
    );
    assert_eq!(
        server.pod_log("default", "life-0", "twister2-worker"),
        ["second life"]
    );

    server.create(sts("gone", 1, "Parallel")).unwrap();
    wait_until("first pod", || {
        server.get("pods", "default", "gone-0").is_some()
    });
    let first_uid = server.get("pods", "default", "gone-0").unwrap()["metadata"]["uid"].clone();
    wait_until("recreated", || {
        server
            .get("pods", "default", "gone-0")
            .is_some_and(|p| p["metadata"]["uid"] != first_uid)
    });
}

#[test]
fn manual_script_and_no_nodes() {
    let server = FakeServer::start().unwrap();
    server.script_pod(
        "m-0",
        PodScript::manual().at(Duration::from_millis(30), PodAction::Run),
    );
    server.create(sts("m", 1, "Parallel")).unwrap();
    wait_until("running", || {
        server
            .get("pods", "default", "m-0")
            .is_some_and(|p| p["status"]["phase"] == "Running")
    });
    let p = server.get("pods", "default", "m-0").unwrap();
    assert!(
        !ready(&p),
        "manual scripts do not become Ready on their own"
    );
    assert!(
        p["spec"].get("nodeName").is_none(),
        "no Ready node to schedule on"
    );
}

#[test]
fn control_plane_can_be_switched_off() {
    let server = FakeServer::start_with(ServerOptions {
        control_plane: false,
        ..Default::default()
    })
    .unwrap();
    server.create(sts("off", 2, "Parallel")).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    assert!(server.list("pods", Some("default")).is_empty());
}

#[test]
fn change_hook_scripts_a_job_master() {
    let server = FakeServer::start().unwrap();
    // "When ConfigMap X gets data.KILL_JOB, delete every object labelled t2-job=X."
    server.on_change(
        |ev| ev.res.info().plural == "configmaps" && ev.object["data"].get("KILL_JOB").is_some(),
        |h, ev| {
            let job = ev.name.clone();
            for res in ["statefulsets", "services", "configmaps"] {
                let _ = h.delete_selected(res, Some(&ev.namespace), &format!("t2-job={job}"));
            }
        },
    );
    let job = "j-123";
    server
        .create(json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": job, "labels": {"t2-job": job}}, "data": {}}))
        .unwrap();
    let mut s = sts(&format!("{job}-0"), 1, "Parallel");
    s["metadata"]["labels"]["t2-job"] = json!(job);
    server.create(s).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = Client::admin(&server);
        let r = c
            .patch(
                &format!("/api/v1/namespaces/default/configmaps/{job}"),
                "application/merge-patch+json",
                r#"{"data":{"KILL_JOB":"true"}}"#,
            )
            .await;
        assert_eq!(r.status, 200);
    });
    wait_until("job cleaned up", || {
        server.get("configmaps", "default", job).is_none()
            && server.list("pods", Some("default")).is_empty()
    });
}

#[test]
fn a_thousand_workers_become_ready() {
    let server = FakeServer::start().unwrap();
    server.nodes(100);
    let t = Instant::now();
    server.create(sts("big", 1000, "Parallel")).unwrap();
    wait_until("1000 ready", || {
        server.get("statefulsets", "default", "big").unwrap()["status"]["readyReplicas"] == 1000
    });
    eprintln!("1000 pods ready in {:?}", t.elapsed());
    server.delete("statefulsets", "default", "big").unwrap();
    assert!(server.list("pods", Some("default")).is_empty());
}
