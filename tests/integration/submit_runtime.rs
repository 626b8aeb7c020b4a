//! submit's runtime pieces driven directly from the library against the fake API server: exec,
//! the package upload to uploader pods and to job pods as they start, waiting for pods with
//! the reasons they are stuck, and detecting the end of a job with its outcome.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fake_kube::{ExecOutput, ExecRequest, Match, PodAction, PodScript, RequestRecord};
use kubectl_twister2::cli::GlobalArgs;
use kubectl_twister2::cluster::exec::{ExitStatus, exec};
use kubectl_twister2::cluster::job_wait::{
    JobOutcome, OutcomeRules, WaitUpdate, wait_for_job_end, wait_until_running,
    wait_until_running_with,
};
use kubectl_twister2::cluster::upload::{
    DeliveryEvent, deliver_to_job_pods, upload_file, upload_to_uploaders,
};
use kubectl_twister2::cluster::{Cluster, connect};
use kubectl_twister2::manifests::{job, uploader};
use kubectl_twister2::output::progress::Progress;
use kubectl_twister2::twister2::spec::JobSpec;
use serde_json::json;
use tokio::sync::{mpsc, oneshot};

use crate::common::Env;

const JOB: &str = "u-hello-36cz77mu";
const NS: &str = "default";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

async fn cluster(env: &Env) -> Cluster {
    connect(&GlobalArgs {
        kubeconfig: Some(env.kubeconfig.clone()),
        ..GlobalArgs::default()
    })
    .await
    .unwrap()
}

/// Pseudo-random bytes (spanning many websocket frames).
fn package(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x2545_f491;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

/// The fake's containers have no `mv`; this one renames inside the pod's in-memory files like
/// coreutils' `mv -f SRC DST` does.
fn install_mv(env: &Env) {
    env.server.on_exec(&["mv"], |req: &ExecRequest, fs| {
        let operands: Vec<&String> = req.command[1..]
            .iter()
            .filter(|a| !a.starts_with('-'))
            .collect();
        match operands.as_slice() {
            [src, dst] => match fs.remove(src.as_str()) {
                Some(data) => {
                    fs.insert(dst.to_string(), data);
                    ExecOutput::ok(Vec::new())
                }
                None => ExecOutput::fail(
                    format!("mv: cannot stat '{src}': No such file or directory\n"),
                    1,
                ),
            },
            _ => ExecOutput::fail("mv: missing file operand\n", 1),
        }
    });
}

/// Polls `condition` every 10 ms for up to 10 s.
async fn eventually(what: &str, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn running_pods(env: &Env, selector: &str) -> Vec<String> {
    env.server
        .list_selected("pods", Some(NS), selector)
        .unwrap()
        .into_iter()
        .filter(|p| {
            p.pointer("/status/phase").and_then(|v| v.as_str()) == Some("Running")
                && p.pointer("/status/containerStatuses/0/state/running")
                    .is_some()
        })
        .map(|p| p["metadata"]["name"].as_str().unwrap().to_string())
        .collect()
}

fn uid_of(env: &Env, pod: &str) -> String {
    env.server.get("pods", NS, pod).unwrap()["metadata"]["uid"]
        .as_str()
        .unwrap()
        .to_string()
}

fn execs(env: &Env, pod: &str, program: &str) -> Vec<RequestRecord> {
    env.server
        .requests_matching(&Match::resource("pods/exec").name(pod))
        .into_iter()
        .filter(|r| r.command.first().map(String::as_str) == Some(program))
        .collect()
}

async fn next_event(events: &mut mpsc::UnboundedReceiver<DeliveryEvent>) -> DeliveryEvent {
    tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("a delivery event in time")
        .expect("the delivery runs")
}

fn create_all(env: &Env, objects: Vec<serde_json::Value>) {
    for object in objects {
        env.server.create(object).unwrap();
    }
}

fn create_uploaders(env: &Env, replicas: i32) {
    let mut opts = uploader::UploaderOptions::new(NS);
    opts.replicas = replicas;
    let objects = uploader::uploader_objects(&opts).unwrap();
    create_all(env, objects.to_json_values().unwrap());
}

fn create_job(env: &Env, spec: &JobSpec) {
    create_all(env, job::render(spec).to_json_values().unwrap());
}

// ---------------------------------------------------------------------------------------------
// exec
// ---------------------------------------------------------------------------------------------

#[test]
fn exec_streams_both_ways_and_reports_exit_codes() {
    let env = Env::new();
    create_uploaders(&env, 1);
    runtime().block_on(async {
        eventually("the uploader pod to run", || {
            running_pods(&env, uploader::POD_SELECTOR).len() == 1
        })
        .await;
        let cluster = cluster(&env).await;
        let pod = "twister2-uploader-0";
        let data = package(300 * 1024);
        let echoed = exec(&cluster, pod, uploader::CONTAINER, &["cat"], Some(&data))
            .await
            .unwrap();
        assert_eq!(echoed.status, ExitStatus::Code(0));
        assert!(echoed.stdout == data, "stdout differs from stdin");

        let failed = exec(&cluster, pod, uploader::CONTAINER, &["false"], None)
            .await
            .unwrap();
        assert_eq!(failed.status, ExitStatus::Code(1));
        assert!(!failed.success());

        let missing = exec(&cluster, pod, uploader::CONTAINER, &["cat", "/nope"], None)
            .await
            .unwrap();
        assert_eq!(missing.status, ExitStatus::Code(1));
        assert!(missing.failure_text().contains("/nope: No such file"));

        let unknown = exec(&cluster, pod, uploader::CONTAINER, &["frobnicate"], None)
            .await
            .unwrap();
        assert!(
            matches!(&unknown.status, ExitStatus::Failure(m) if m.contains("executable file not found")),
            "{unknown:?}"
        );

        let err = exec(&cluster, "ghost-0", "box", &["true"], None)
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ghost-0") && err.contains("box") && err.contains("NotFound"),
            "{err}"
        );
    });
}

// ---------------------------------------------------------------------------------------------
// Web-server method
// ---------------------------------------------------------------------------------------------

#[test]
fn identical_bytes_reach_every_uploader_pod() {
    let env = Env::new();
    install_mv(&env);
    create_uploaders(&env, 3);
    let bytes = package(700 * 1024 + 13);
    runtime().block_on(async {
        eventually("3 uploader pods to run", || {
            running_pods(&env, uploader::POD_SELECTOR).len() == 3
        })
        .await;
        let cluster = cluster(&env).await;
        let pods = upload_to_uploaders(
            &cluster,
            uploader::POD_SELECTOR,
            uploader::WEB_ROOT,
            &format!("{JOB}.tar.gz"),
            Arc::new(bytes.clone()),
        )
        .await
        .unwrap();
        assert_eq!(
            pods,
            [
                "twister2-uploader-0",
                "twister2-uploader-1",
                "twister2-uploader-2"
            ]
        );
    });
    for pod in [
        "twister2-uploader-0",
        "twister2-uploader-1",
        "twister2-uploader-2",
    ] {
        let received = env
            .server
            .pod_file(NS, pod, &uploader::package_path(JOB))
            .unwrap_or_else(|| panic!("no package in {pod}"));
        assert!(received == bytes, "{pod} received different bytes");
        let files = env.server.pod_files(NS, pod);
        assert!(
            !files.iter().any(|f| f.ends_with(".part")),
            "partial file left in {pod}: {files:?}"
        );
        let dd = execs(&env, pod, "dd");
        assert_eq!(dd.len(), 1, "one write per pod");
        assert!(dd[0].stdin.as_deref() == Some(bytes.as_slice()));
        assert!(
            dd[0].query.contains("container=twister2-uploader"),
            "{}",
            dd[0].query
        );
        assert_eq!(execs(&env, pod, "stat").len(), 1);
        assert_eq!(execs(&env, pod, "mv").len(), 1);
    }
}

#[test]
fn no_uploader_pods_is_an_error_that_says_what_to_do() {
    let env = Env::new();
    runtime().block_on(async {
        let cluster = cluster(&env).await;
        let err = upload_to_uploaders(
            &cluster,
            uploader::POD_SELECTOR,
            uploader::WEB_ROOT,
            "j.tar.gz",
            Arc::new(vec![1, 2, 3]),
        )
        .await
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("no uploader pods match app=twister2-uploader")
                && err.contains("setup uploader"),
            "{err}"
        );
    });
}

#[test]
fn every_uploader_pod_must_receive_it() {
    let env = Env::new();
    install_mv(&env);
    env.server.script_pod(
        "twister2-uploader-1",
        PodScript::unschedulable("0/3 nodes are available: 3 node(s) had untolerated taint."),
    );
    create_uploaders(&env, 2);
    runtime().block_on(async {
        eventually("the second uploader pod to exist", || {
            env.server.get("pods", NS, "twister2-uploader-1").is_some()
        })
        .await;
        let cluster = cluster(&env).await;
        let err = upload_to_uploaders(
            &cluster,
            uploader::POD_SELECTOR,
            uploader::WEB_ROOT,
            "j.tar.gz",
            Arc::new(package(1000)),
        )
        .await
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("did not reach every uploader pod (1 of 2 failed)")
                && err.contains("uploader pod twister2-uploader-1 is not running (Pending)"),
            "{err}"
        );
    });
    // The running pod did receive it; the error is about the other one only.
    assert!(
        env.server
            .pod_file(NS, "twister2-uploader-0", "/usr/share/nginx/html/j.tar.gz")
            .is_some()
    );
}

#[test]
fn a_size_mismatch_is_detected_and_retried() {
    let env = Env::new();
    install_mv(&env);
    create_uploaders(&env, 1);
    // The pod always reports 5 bytes, whatever it received.
    env.server.on_exec(
        &["stat"],
        |_: &ExecRequest, _: &mut BTreeMap<String, Vec<u8>>| ExecOutput::ok("5\n"),
    );
    let bytes = package(4096);
    let pod = "twister2-uploader-0";
    let path = uploader::package_path(JOB);
    let err = runtime().block_on(async {
        eventually("the uploader pod to run", || {
            running_pods(&env, uploader::POD_SELECTOR).len() == 1
        })
        .await;
        let cluster = cluster(&env).await;
        upload_file(&cluster, pod, uploader::CONTAINER, &path, &bytes)
            .await
            .unwrap_err()
            .to_string()
    });
    assert!(
        err.contains("size mismatch: the pod received 5 bytes of 4096"),
        "{err}"
    );
    assert!(
        err.contains(pod) && err.contains(&path) && err.contains("after 3 attempts"),
        "{err}"
    );
    assert_eq!(execs(&env, pod, "dd").len(), 3, "three attempts");
    assert_eq!(execs(&env, pod, "mv").len(), 0, "never renamed");
    assert_eq!(env.server.pod_file(NS, pod, &path), None);
    assert!(
        !env.server
            .pod_files(NS, pod)
            .iter()
            .any(|f| f.ends_with(".part")),
        "the partial file is removed"
    );
}

#[test]
fn a_transient_size_mismatch_is_retried_until_it_matches() {
    let env = Env::new();
    install_mv(&env);
    create_uploaders(&env, 1);
    let stats = Arc::new(AtomicUsize::new(0));
    let seen = stats.clone();
    env.server.on_exec(&["stat"], move |req: &ExecRequest, fs| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            return ExecOutput::ok("1\n");
        }
        let path = req.command.last().cloned().unwrap_or_default();
        ExecOutput::ok(format!("{}\n", fs.get(&path).map_or(0, Vec::len)))
    });
    let bytes = package(10_000);
    let pod = "twister2-uploader-0";
    let path = uploader::package_path(JOB);
    runtime().block_on(async {
        eventually("the uploader pod to run", || {
            running_pods(&env, uploader::POD_SELECTOR).len() == 1
        })
        .await;
        let cluster = cluster(&env).await;
        upload_file(&cluster, pod, uploader::CONTAINER, &path, &bytes)
            .await
            .unwrap();
    });
    assert_eq!(stats.load(Ordering::SeqCst), 2);
    assert_eq!(execs(&env, pod, "dd").len(), 2);
    assert!(env.server.pod_file(NS, pod, &path).unwrap() == bytes);
}

// ---------------------------------------------------------------------------------------------
// Direct method
// ---------------------------------------------------------------------------------------------

#[test]
fn direct_delivery_reaches_pods_as_they_start_and_recreated_pods_again() {
    let env = Env::new();
    install_mv(&env);
    let spec = JobSpec::example(JOB);
    let file_name = format!("{JOB}.tar.gz");
    let path = format!("/twister2-memory-dir/{file_name}");
    let bytes = package(200 * 1024 + 1);
    let late = format!("{JOB}-0-1");
    // The second worker pod starts a while after the others.
    env.server.script_pod(
        &late,
        PodScript::manual().at(Duration::from_millis(400), PodAction::Run),
    );
    let rt = runtime();
    let (delivered, recreated_uid) = rt.block_on(async {
        let cluster = cluster(&env).await;
        let (events_tx, mut events) = mpsc::unbounded_channel();
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let delivery = tokio::spawn({
            let cluster = cluster.clone();
            let bytes = Arc::new(bytes.clone());
            let file_name = file_name.clone();
            async move {
                deliver_to_job_pods(&cluster, JOB, &file_name, bytes, events_tx, stop_rx).await
            }
        });
        create_job(&env, &spec);
        let mut delivered: Vec<(String, String)> = Vec::new();
        while delivered.len() < 3 {
            match next_event(&mut events).await {
                DeliveryEvent::Delivered { pod, uid, .. } => delivered.push((pod, uid)),
                other => panic!("unexpected {other:?}"),
            }
        }
        // The late pod was delivered to last, once it ran.
        assert_eq!(delivered[2].0, late);
        // More events for delivered pods do not deliver again.
        env.server
            .merge_patch(
                "pods",
                NS,
                &format!("{JOB}-0-0"),
                json!({"metadata": {"labels": {"touched": "1"}}}),
            )
            .unwrap();
        // A deleted pod is recreated by its StatefulSet (new UID) and receives it again.
        let old_uid = uid_of(&env, &late);
        env.server.delete("pods", NS, &late).unwrap();
        let again = match next_event(&mut events).await {
            DeliveryEvent::Delivered { pod, uid, .. } => (pod, uid),
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(again.0, late);
        assert_ne!(again.1, old_uid);
        assert_eq!(again.1, uid_of(&env, &late));
        // Nothing else arrives.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(events.try_recv().is_err(), "no further deliveries");
        stop_tx.send(()).unwrap();
        delivery.await.unwrap().unwrap();
        (delivered, again.1)
    });
    let mut pods: Vec<&str> = delivered.iter().map(|(p, _)| p.as_str()).collect();
    pods.sort();
    assert_eq!(
        pods,
        [
            format!("{JOB}-0-0").as_str(),
            format!("{JOB}-0-1").as_str(),
            format!("{JOB}-jm-0").as_str()
        ]
    );
    assert!(!recreated_uid.is_empty());
    for pod in [format!("{JOB}-jm-0"), format!("{JOB}-0-0"), late.clone()] {
        let received = env.server.pod_file(NS, &pod, &path);
        assert!(received.as_deref() == Some(bytes.as_slice()), "{pod}");
    }
    assert_eq!(execs(&env, &format!("{JOB}-jm-0"), "dd").len(), 1);
    assert_eq!(execs(&env, &format!("{JOB}-0-0"), "dd").len(), 1);
    assert_eq!(execs(&env, &late, "dd").len(), 2, "once per pod UID");
    let jm = execs(&env, &format!("{JOB}-jm-0"), "dd");
    assert!(jm[0].query.contains("container=twister2-job-master-0"));
    let worker = execs(&env, &format!("{JOB}-0-0"), "dd");
    assert!(worker[0].query.contains("container=twister2-container-0"));
}

// ---------------------------------------------------------------------------------------------
// Waiting for pods
// ---------------------------------------------------------------------------------------------

#[test]
fn waiting_ends_when_every_pod_runs() {
    let env = Env::new();
    let mut spec = JobSpec::example(JOB);
    spec.compute_resources[0].instances = 3;
    create_job(&env, &spec);
    let updates = runtime().block_on(async {
        let cluster = cluster(&env).await;
        let mut updates = Vec::new();
        wait_until_running_with(&cluster, &spec, Duration::from_secs(10), |u| {
            updates.push(u)
        })
        .await
        .unwrap();
        // The terminal flavour works on the same job (already running).
        wait_until_running(
            &cluster,
            &spec,
            Duration::from_secs(10),
            &Progress::with_tty(false),
        )
        .await
        .unwrap();
        updates
    });
    for set in [format!("{JOB}-jm"), format!("{JOB}-0")] {
        let last = updates
            .iter()
            .rev()
            .find_map(|u| match u {
                WaitUpdate::Set {
                    statefulset,
                    text,
                    done,
                } if *statefulset == set => Some((text.clone(), *done)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no line for {set}"));
        assert!(last.1, "{set} done");
        let n = if set.ends_with("jm") { 1 } else { 3 };
        assert!(
            last.0.starts_with(&format!("{n}/{n} running")),
            "{}",
            last.0
        );
    }
    assert!(
        !updates
            .iter()
            .any(|u| matches!(u, WaitUpdate::Stuck { .. }))
    );
}

#[test]
fn stuck_pods_are_reported_as_they_happen_and_named_on_timeout() {
    let env = Env::new();
    let spec = JobSpec::example(JOB);
    env.server.script_pod(
        &format!("{JOB}-0-0"),
        PodScript::image_pull_backoff(
            "rpc error: code = NotFound desc = failed to pull and unpack image \"twister2/twister2-k8s:0.8.0-SNAPSHOT\"",
        ),
    );
    env.server.script_pod(
        &format!("{JOB}-0-1"),
        PodScript::unschedulable("0/3 nodes are available: 3 Insufficient cpu."),
    );
    env.server.script_pod(
        &format!("{JOB}-jm-0"),
        PodScript::crash_loop(3, "Error: could not find or load main class"),
    );
    create_job(&env, &spec);
    let (updates, err, elapsed) = runtime().block_on(async {
        let cluster = cluster(&env).await;
        let mut updates = Vec::new();
        let started = Instant::now();
        let err = wait_until_running_with(&cluster, &spec, Duration::from_millis(1500), |u| {
            updates.push(u)
        })
        .await
        .unwrap_err()
        .to_string();
        (updates, err, started.elapsed())
    });
    assert!(elapsed >= Duration::from_millis(1500) && elapsed < Duration::from_secs(8));
    let stuck: BTreeMap<String, String> = updates
        .iter()
        .filter_map(|u| match u {
            WaitUpdate::Stuck { pod, reason } => Some((pod.clone(), reason.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        stuck[&format!("{JOB}-0-0")],
        "ImagePullBackOff: rpc error: code = NotFound desc = failed to pull and unpack image \
         \"twister2/twister2-k8s:0.8.0-SNAPSHOT\""
    );
    assert_eq!(
        stuck[&format!("{JOB}-0-1")],
        "Unschedulable: 0/3 nodes are available: 3 Insufficient cpu."
    );
    assert_eq!(
        stuck[&format!("{JOB}-jm-0")],
        "CrashLoopBackOff: container twister2-job-master-0 restarted 3 times (last exit code 1: \
         Error: could not find or load main class)"
    );
    // The line of the worker StatefulSet counted the stuck pods.
    assert!(updates.iter().any(|u| matches!(u,
        WaitUpdate::Set { statefulset, text, done: false }
            if statefulset == &format!("{JOB}-0") && text.contains("2 stuck"))));
    // The timeout error names what is missing and why.
    assert!(err.contains("did not all run within 1s"), "{err}");
    assert!(
        err.contains(&format!(
            "2 of 2 pods of statefulset {JOB}-0 are not running: {JOB}-0-0: ImagePullBackOff: rpc error"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{JOB}-0-1: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu."
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "1 of 1 pods of statefulset {JOB}-jm are not running: {JOB}-jm-0: CrashLoopBackOff"
        )),
        "{err}"
    );
}

#[test]
fn pods_never_created_are_named_with_the_statefulsets_warning() {
    let env = Env::new();
    env.server.set_control_plane(false);
    let spec = JobSpec::example(JOB);
    create_job(&env, &spec);
    env.server
        .put(json!({
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": format!("{JOB}-0.1"), "namespace": NS},
            "involvedObject": {"kind": "StatefulSet", "name": format!("{JOB}-0"), "namespace": NS},
            "reason": "FailedCreate",
            "message": "create Pod u-hello-36cz77mu-0-0 failed: exceeded quota: compute, requested: cpu=500m",
            "type": "Warning",
            "lastTimestamp": "2024-01-01T00:00:00Z",
        }))
        .unwrap();
    let err = runtime().block_on(async {
        let cluster = cluster(&env).await;
        wait_until_running_with(&cluster, &spec, Duration::from_millis(300), |_| {})
            .await
            .unwrap_err()
            .to_string()
    });
    assert!(
        err.contains(&format!(
            "2 of 2 pods of statefulset {JOB}-0 are not running: 2 not created yet \
             (FailedCreate: create Pod {JOB}-0-0 failed: exceeded quota"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "1 of 1 pods of statefulset {JOB}-jm are not running: 1 not created yet"
        )),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// The end of a job
// ---------------------------------------------------------------------------------------------

/// Runs `wait_for_job_end` on the example job's ConfigMap; `act` runs once the watch is open.
fn job_end(rules: OutcomeRules, act: impl FnOnce(&Env)) -> JobOutcome {
    let env = Env::new();
    env.server.set_control_plane(false);
    create_job(&env, &JobSpec::example(JOB));
    runtime().block_on(async {
        let cluster = cluster(&env).await;
        let waiting = tokio::spawn(async move { wait_for_job_end(&cluster, JOB, &rules).await });
        let watch = Match::resource("configmaps").with_verb("watch");
        eventually("the ConfigMap watch", || {
            env.server.count_requests(&watch) > 0
        })
        .await;
        act(&env);
        tokio::time::timeout(Duration::from_secs(10), waiting)
            .await
            .expect("the end is seen in time")
            .unwrap()
            .unwrap()
    })
}

#[test]
fn a_kill_signal_before_the_end_means_killed() {
    let outcome = job_end(OutcomeRules::default(), |env| {
        env.server
            .merge_patch("configmaps", NS, JOB, json!({"data": {"KILL_JOB": "true"}}))
            .unwrap();
        env.server.delete("configmaps", NS, JOB).unwrap();
    });
    assert_eq!(outcome, JobOutcome::Killed);
}

#[test]
fn a_worker_at_the_restart_limit_means_failed() {
    let rules = OutcomeRules {
        max_worker_restarts: 2,
        zookeeper: false,
    };
    let outcome = job_end(rules, |env| {
        for count in ["0", "1", "2"] {
            env.server
                .merge_patch(
                    "configmaps",
                    NS,
                    JOB,
                    json!({"data": {"RESTART_COUNT_FOR_WORKER_3": count}}),
                )
                .unwrap();
        }
        env.server.delete("configmaps", NS, JOB).unwrap();
    });
    assert_eq!(
        outcome,
        JobOutcome::Failed(
            "worker 3 reached restart count 2, the limit \
             twister2.fault.tolerance.max.worker.restarts = 2"
                .into()
        )
    );
}

#[test]
fn an_end_without_evidence_is_unknown() {
    let outcome = job_end(OutcomeRules::default(), |env| {
        env.server
            .merge_patch(
                "configmaps",
                NS,
                JOB,
                json!({"data": {"RESTART_COUNT_FOR_WORKER_0": "1"}}),
            )
            .unwrap();
        env.server.delete("configmaps", NS, JOB).unwrap();
    });
    assert_eq!(outcome, JobOutcome::Unknown);
}

#[test]
fn a_job_already_gone_and_a_forbidden_watch() {
    let env = Env::new();
    runtime().block_on(async {
        let cluster = cluster(&env).await;
        let outcome = wait_for_job_end(&cluster, "u-gone-1", &OutcomeRules::default())
            .await
            .unwrap();
        assert_eq!(outcome, JobOutcome::Unknown);
        env.server
            .deny(Match::resource("configmaps").with_verb("list"));
        let err = wait_for_job_end(&cluster, JOB, &OutcomeRules::default())
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains("Forbidden") && err.contains(JOB), "{err}");
    });
}
