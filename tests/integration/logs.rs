//! `logs` run as the real binary against the fake API server's scripted pods: many pods at once,
//! dropped streams, restarts, pods that appear later, the job ending, every selection and window
//! flag, `--save` and `--files`.

use std::collections::BTreeMap;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fake_kube::{DropAfter, Match, PodScript, ServerHandle};
use kubectl_twister2::manifests::job;
use kubectl_twister2::twister2::resources::ComputeResource;
use kubectl_twister2::twister2::spec::JobSpec;
use serde_json::{Value, json};

use crate::common::{Background, Env, fails, ok, texts, wait_until};

const NS: &str = "default";

/// A job `id` with one compute resource of `pods` pods × `workers_per_pod` workers.
fn spec(id: &str, pods: u32, workers_per_pod: u32) -> JobSpec {
    let mut spec = JobSpec::example(id);
    spec.compute_resources = vec![ComputeResource {
        index: 0,
        cpu: 0.5,
        ram_mb: 512,
        disk_gb: 1.0,
        instances: pods,
        workers_per_pod,
        scalable: false,
    }];
    spec.with_job_object().unwrap()
}

/// Create every object of the job; the fake's StatefulSet controller makes the pods.
fn seed(server: &ServerHandle, spec: &JobSpec) {
    for object in job::render(spec).to_json_values().unwrap() {
        server.create(object).unwrap();
    }
}

/// Create only the job's ConfigMap (a job whose pods do not exist yet).
fn seed_config_map(server: &ServerHandle, spec: &JobSpec) {
    for object in job::render(spec).to_json_values().unwrap() {
        if object["kind"] == "ConfigMap" {
            server.create(object).unwrap();
        }
    }
}

/// Create the job's objects except its ConfigMap.
fn seed_workloads(server: &ServerHandle, spec: &JobSpec) {
    for object in job::render(spec).to_json_values().unwrap() {
        if object["kind"] != "ConfigMap" {
            server.create(object).unwrap();
        }
    }
}

fn end_job(server: &ServerHandle, id: &str) {
    server.delete("configmaps", NS, id).unwrap();
}

fn pod(server: &ServerHandle, name: &str) -> Option<Value> {
    server.get("pods", NS, name)
}

fn running(server: &ServerHandle, name: &str) -> bool {
    pod(server, name).is_some_and(|p| p["status"]["phase"] == "Running")
}

fn container_log(server: &ServerHandle, pod: &str, container: &str) -> Vec<String> {
    server.pod_log(NS, pod, container)
}

const C0: &str = "twister2-container-0";
const C1: &str = "twister2-container-1";
const JM: &str = "twister2-job-master-0";

/// Lines of `text` grouped by prefix (`[worker-3] x` → "worker-3" → ["x"]), checking every line
/// has one.
#[track_caller]
fn by_source(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.lines() {
        let rest = line
            .strip_prefix('[')
            .unwrap_or_else(|| panic!("line without prefix: {line:?}\n{text}"));
        let (source, body) = rest
            .split_once("] ")
            .unwrap_or_else(|| panic!("malformed line: {line:?}"));
        out.entry(source.to_string())
            .or_default()
            .push(body.to_string());
    }
    out
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn log_requests(server: &ServerHandle, pod: &str) -> Vec<fake_kube::RequestRecord> {
    server.requests_matching(&Match::resource("pods/log").name(pod))
}

// ---------------------------------------------------------------------------------------------
// many pods
// ---------------------------------------------------------------------------------------------

/// A long line that names its worker and number, padded so that writes are large.
fn long_line(worker: u32, n: u32) -> String {
    let fill = char::from(b'a' + (worker % 26) as u8);
    format!(
        "w{worker} line {n} {}",
        fill.to_string().repeat(1500 + (n as usize * 37) % 700)
    )
}

fn script_fifty(server: &ServerHandle, id: &str, lines: u32) {
    for worker in 0..50u32 {
        let mut script = PodScript::new();
        for n in 0..lines {
            let at = Duration::from_millis(u64::from(n) * 30 + u64::from(worker % 7));
            script = script.log(at, &long_line(worker, n));
        }
        server.script_pod(&format!("{id}-0-{worker}"), script);
    }
    let mut master = PodScript::new();
    for n in 0..lines {
        master = master.log(
            Duration::from_millis(u64::from(n) * 30),
            &format!("jm line {n}"),
        );
    }
    server.script_pod(&format!("{id}-jm-0"), master);
}

#[track_caller]
fn check_fifty(stdout: &str, lines: u32) {
    let sources = by_source(stdout);
    assert_eq!(
        sources.len(),
        51,
        "{:?}",
        sources.keys().collect::<Vec<_>>()
    );
    for worker in 0..50u32 {
        let got = &sources[&format!("worker-{worker}")];
        let want: Vec<String> = (0..lines).map(|n| long_line(worker, n)).collect();
        assert_eq!(
            got, &want,
            "worker-{worker}: every line once, whole, in order"
        );
    }
    let want: Vec<String> = (0..lines).map(|n| format!("jm line {n}")).collect();
    assert_eq!(sources["job-master"], want);
}

#[test]
fn fifty_pods_followed_at_once_every_line_exactly_once_and_whole() {
    let env = Env::new();
    let id = "u-fifty-f1";
    script_fifty(&env.server, id, 30);
    seed(&env.server, &spec(id, 50, 1));
    let mut logs = Background::start(&env, &["logs", id, "-f", "--tail=-1"]);
    logs.wait_for(
        "every line of 51 pods",
        Duration::from_secs(60),
        |out, _| out.lines().count() >= 51 * 30,
    );
    end_job(&env.server, id);
    let (code, stdout, stderr) = logs.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{stderr}");
    check_fifty(&stdout, 30);
}

#[test]
fn fifty_pods_read_once_come_source_after_source() {
    let env = Env::new();
    let id = "u-fifty-o1";
    script_fifty(&env.server, id, 12);
    seed(&env.server, &spec(id, 50, 1));
    wait_until("all lines written", Duration::from_secs(30), || {
        (0..50).all(|w| container_log(&env.server, &format!("{id}-0-{w}"), C0).len() == 12)
            && container_log(&env.server, &format!("{id}-jm-0"), JM).len() == 12
    });
    let stdout = ok(env.plugin().args(["logs", id, "--max-concurrency", "8"]));
    check_fifty(&stdout, 12);
    // grouped: the job master, then workers by ID
    let order: Vec<String> = stdout
        .lines()
        .map(|l| l[1..].split_once(']').unwrap().0.to_string())
        .fold(Vec::new(), |mut acc, s| {
            if acc.last() != Some(&s) {
                acc.push(s);
            }
            acc
        });
    let mut want = vec!["job-master".to_string()];
    want.extend((0..50).map(|w| format!("worker-{w}")));
    assert_eq!(order, want);
    // at most 8 log streams were open at any time
    let requests = env
        .server
        .requests_matching(&Match::resource("pods/log").namespace(NS));
    assert_eq!(requests.len(), 51);
    let mut events: Vec<(Instant, i32)> = Vec::new();
    for r in &requests {
        events.push((r.start, 1));
        events.push((r.stream_end.or(r.end).unwrap(), -1));
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut open = 0;
    let mut most = 0;
    for (_, delta) in events {
        open += delta;
        most = most.max(open);
    }
    assert!(most <= 8, "{most} log streams were open at once");
}

// ---------------------------------------------------------------------------------------------
// dropped streams, restarts, new pods, the end of the job
// ---------------------------------------------------------------------------------------------

#[test]
fn a_stream_dropped_mid_line_is_resumed_without_duplicates_or_loss() {
    let env = Env::new();
    let id = "u-drop-1";
    seed(&env.server, &spec(id, 1, 1));
    let worker = format!("{id}-0-0");
    wait_until("the worker runs", Duration::from_secs(10), || {
        running(&env.server, &worker)
    });
    // Batches share one timestamp each, and texts repeat: only (time, text, count) tells them
    // apart after a resume.
    let batch = |b: u32| -> String {
        (0..8)
            .map(|n| format!("batch {b} line {}", n % 3))
            .collect::<Vec<_>>()
            .join("\n")
    };
    env.server.append_log(NS, &worker, C0, &batch(0));
    // The next four followed streams of this pod are cut after 150 bytes: in the middle of a
    // line.
    let hook = env.server.drop_streams(
        Match::resource("pods/log").name(&worker),
        DropAfter::Bytes(150),
        4,
    );
    let mut logs = Background::start(&env, &["logs", id, "-f", "--tail", "-1", "--worker", "0"]);
    logs.wait_for("the first batch", Duration::from_secs(20), |out, _| {
        out.lines().count() >= 8
    });
    for b in 1..6 {
        env.server.append_log(NS, &worker, C0, &batch(b));
        std::thread::sleep(Duration::from_millis(150));
    }
    logs.wait_for("six batches", Duration::from_secs(30), |out, _| {
        out.lines().count() >= 48
    });
    std::thread::sleep(Duration::from_millis(300));
    end_job(&env.server, id);
    let (code, stdout, stderr) = logs.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{stderr}");
    let want: Vec<String> = (0..6)
        .flat_map(|b| batch(b).lines().map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert_eq!(by_source(&stdout)["worker-0"], want);
    assert!(
        env.server.hook_hits(hook) >= 5,
        "the cut streams were opened again"
    );
    let resumed = log_requests(&env.server, &worker)
        .into_iter()
        .filter(|r| r.query.contains("sinceTime=") && r.query.contains("timestamps=true"))
        .count();
    assert!(
        resumed >= 4,
        "every cut stream was resumed from its last line's time"
    );
}

#[test]
fn a_restarted_container_is_followed_again_and_saved_as_a_new_instance() {
    let env = Env::new();
    let id = "u-restart-1";
    let worker = format!("{id}-0-0");
    env.server.script_pod(
        &worker,
        PodScript::new()
            .log(Duration::from_millis(300), "before 1")
            .log(Duration::from_millis(350), "before 2")
            // the last words of an instance, right before it restarts, must not be lost
            .log(Duration::from_millis(2500), "before 3")
            .restart(Duration::from_millis(2500), 1)
            .log(Duration::from_millis(3000), "after 1")
            .log(Duration::from_millis(3050), "after 2"),
    );
    seed(&env.server, &spec(id, 1, 1));
    let mut logs = Background::start(&env, &["logs", id, "-f", "--worker", "0"]);
    let save_dir = env.dir.path().join("saved");
    let saving = Background::start(
        &env,
        &[
            "logs",
            id,
            "-f",
            "--worker",
            "0",
            "--save",
            save_dir.to_str().unwrap(),
        ],
    );
    logs.wait_for("both instances", Duration::from_secs(20), |out, _| {
        out.contains("after 2")
    });
    wait_until("the restart", Duration::from_secs(10), || {
        pod(&env.server, &worker)
            .is_some_and(|p| p["status"]["containerStatuses"][0]["restartCount"] == 1)
    });
    std::thread::sleep(Duration::from_millis(500));
    end_job(&env.server, id);
    let (code, stdout, stderr) = logs.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        by_source(&stdout)["worker-0"],
        strings(&["before 1", "before 2", "before 3", "after 1", "after 2"])
    );
    let (code, stdout, stderr) = saving.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "", "--save prints nothing");
    let ip = pod(&env.server, &worker).unwrap()["status"]["podIP"]
        .as_str()
        .unwrap()
        .to_string();
    let read =
        |n: u32| std::fs::read_to_string(save_dir.join(format!("worker0-ip{ip}-{n}.log"))).unwrap();
    assert_eq!(read(1), "before 1\nbefore 2\nbefore 3\n");
    assert_eq!(read(0), "after 1\nafter 2\n");

    // --previous: the instance before the restart; with -f, it comes first.
    let previous = ok(env.plugin().args(["logs", id, "--worker", "0", "-p"]));
    assert_eq!(
        previous,
        "[worker-0] before 1\n[worker-0] before 2\n[worker-0] before 3\n"
    );
    let current = ok(env.plugin().args(["logs", id, "--worker", "0"]));
    assert_eq!(current, "[worker-0] after 1\n[worker-0] after 2\n");
}

#[test]
fn follow_with_previous_shows_the_previous_instance_first() {
    let env = Env::new();
    let id = "u-prev-1";
    let worker = format!("{id}-0-0");
    env.server.script_pod(
        &worker,
        PodScript::new()
            .log(Duration::from_millis(20), "old 1")
            .log(Duration::from_millis(30), "old 2")
            .restart(Duration::from_millis(60), 1)
            .log(Duration::from_millis(90), "new 1"),
    );
    seed(&env.server, &spec(id, 1, 1));
    wait_until("the new instance's line", Duration::from_secs(10), || {
        container_log(&env.server, &worker, C0) == ["new 1"]
    });
    let mut logs = Background::start(&env, &["logs", id, "-f", "-p", "--worker", "0"]);
    logs.wait_for("both instances", Duration::from_secs(20), |out, _| {
        out.contains("new 1")
    });
    env.server.append_log(NS, &worker, C0, "new 2");
    logs.wait_for("a new line", Duration::from_secs(20), |out, _| {
        out.contains("new 2")
    });
    end_job(&env.server, id);
    let (code, stdout, stderr) = logs.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "[worker-0] old 1\n[worker-0] old 2\n[worker-0] new 1\n[worker-0] new 2\n"
    );
}

#[test]
fn pods_created_after_the_start_are_picked_up() {
    let env = Env::new();
    let id = "u-grow-1";
    env.server.script_pods(
        &format!("{id}-0-"),
        PodScript::new().log(Duration::from_millis(50), "hello from a worker"),
    );
    seed(&env.server, &spec(id, 1, 1));
    let mut logs = Background::start(&env, &["logs", id, "-f"]);
    logs.wait_for("the first worker", Duration::from_secs(20), |out, _| {
        out.contains("[worker-0] hello from a worker")
    });
    // Twister2's job master scales the last compute resource up.
    env.server
        .merge_patch(
            "statefulsets",
            NS,
            &format!("{id}-0"),
            json!({"spec": {"replicas": 3}}),
        )
        .unwrap();
    logs.wait_for("the new workers", Duration::from_secs(20), |out, _| {
        out.contains("[worker-1] hello") && out.contains("[worker-2] hello")
    });
    end_job(&env.server, id);
    let (code, stdout, _) = logs.finish(Duration::from_secs(20));
    assert_eq!(code, Some(0));
    let sources = by_source(&stdout);
    for w in 0..3 {
        assert_eq!(
            sources[&format!("worker-{w}")],
            strings(&["hello from a worker"])
        );
    }
}

#[test]
fn sigterm_and_sighup_end_follow_like_ctrl_c() {
    let env = Env::new();
    let id = "u-sig-1";
    seed(&env.server, &spec(id, 1, 1));
    let worker = format!("{id}-0-0");
    wait_until("the worker runs", Duration::from_secs(10), || {
        running(&env.server, &worker)
    });
    env.server.append_log(NS, &worker, C0, "working");
    for signal in [libc::SIGTERM, libc::SIGHUP] {
        let mut follower = Background::start(&env, &["logs", id, "-f"]);
        follower.wait_for("a line", Duration::from_secs(20), |out, _| {
            out.contains("working")
        });
        follower.signal(signal);
        let (code, stdout, stderr) = follower.finish(Duration::from_secs(10));
        assert_eq!(code, Some(0), "signal {signal}: {stderr}");
        assert_eq!(stdout, "[worker-0] working\n");
    }
}

#[test]
fn the_end_of_the_job_and_ctrl_c_end_follow_with_exit_zero() {
    let env = Env::new();
    let id = "u-end-1";
    seed(&env.server, &spec(id, 1, 1));
    let worker = format!("{id}-0-0");
    wait_until("the worker runs", Duration::from_secs(10), || {
        running(&env.server, &worker)
    });
    env.server.append_log(NS, &worker, C0, "working");
    let mut ended = Background::start(&env, &["logs", id, "-f"]);
    let mut interrupted = Background::start(&env, &["logs", id, "-f"]);
    ended.wait_for("a line", Duration::from_secs(20), |out, _| {
        out.contains("working")
    });
    interrupted.wait_for("a line", Duration::from_secs(20), |out, _| {
        out.contains("working")
    });

    interrupted.interrupt();
    let (code, stdout, stderr) = interrupted.finish(Duration::from_secs(10));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "[worker-0] working\n");

    let started = Instant::now();
    end_job(&env.server, id);
    let (code, stdout, stderr) = ended.finish(Duration::from_secs(10));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "[worker-0] working\n");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );

    // Following a job that has already ended prints what is left and exits.
    let stdout = ok(env.plugin().args(["logs", id, "-f"]));
    assert_eq!(stdout, "[worker-0] working\n");
}

#[test]
fn follow_waits_for_pods_and_gives_up_after_the_timeout() {
    let env = Env::new();
    let id = "u-wait-1";
    let job = spec(id, 1, 1);
    seed_config_map(&env.server, &job);
    let stderr = fails(env.plugin().args(["logs", id]), 1);
    assert!(
        stderr.contains(&format!("job {id} in namespace {NS} has no pods yet")),
        "{stderr}"
    );

    let started = Instant::now();
    let stderr = fails(env.plugin().args(["logs", id, "-f", "--timeout", "1s"]), 1);
    assert!(stderr.contains("within 1s"), "{stderr}");
    assert!(started.elapsed() >= Duration::from_secs(1));

    env.server.script_pods(
        &format!("{id}-"),
        PodScript::new().log(Duration::from_millis(20), "finally"),
    );
    env.server.clear_requests();
    let mut logs = Background::start(&env, &["logs", id, "-f", "--timeout", "30s"]);
    // The plugin found no pod and watches for them.
    wait_until("the pod watch", Duration::from_secs(20), || {
        env.server
            .count_requests(&Match::verb("watch").on("pods").namespace(NS))
            > 0
    });
    seed_workloads(&env.server, &job);
    logs.wait_for("the pods' lines", Duration::from_secs(20), |out, _| {
        out.contains("[worker-0] finally") && out.contains("[job-master] finally")
    });
    end_job(&env.server, id);
    let (code, _, stderr) = logs.finish(Duration::from_secs(10));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("waiting for pods of job"), "{stderr}");
}

#[test]
fn an_unknown_job_names_the_job_and_the_namespace() {
    let env = Env::new();
    let stderr = fails(env.plugin().args(["logs", "u-nothing-1"]), 1);
    assert!(
        stderr.contains("\"u-nothing-1\" not found in namespace \"default\""),
        "{stderr}"
    );
    let stderr = fails(
        env.plugin()
            .args(["logs", "u-nothing-1", "-f", "-n", "team"]),
        1,
    );
    assert!(stderr.contains("namespace \"team\""), "{stderr}");
    // bad flags never reach the cluster
    env.server.clear_requests();
    fails(
        env.plugin().args(["logs", "u-nothing-1", "--tail", "-5"]),
        2,
    );
    fails(env.plugin().args(["logs", "Bad_ID"]), 2);
    assert!(env.server.requests().is_empty());
}

// ---------------------------------------------------------------------------------------------
// selection and windows
// ---------------------------------------------------------------------------------------------

/// A job of 2 pods × 2 workers (IDs 0-3) and its job master, each container with lines
/// `w<ID> <n>` (`jm <n>`).
fn four_workers(env: &Env, id: &str) {
    for ordinal in 0..2u32 {
        let mut script = PodScript::new();
        for container in 0..2u32 {
            let worker = ordinal * 2 + container;
            for n in 0..5 {
                script = script.log_to(
                    Duration::from_millis(10 + n),
                    &format!("twister2-container-{container}"),
                    &format!("w{worker} {n}"),
                );
            }
        }
        env.server.script_pod(&format!("{id}-0-{ordinal}"), script);
    }
    let mut master = PodScript::new();
    for n in 0..5 {
        master = master.log(Duration::from_millis(10 + n), &format!("jm {n}"));
    }
    env.server.script_pod(&format!("{id}-jm-0"), master);
    seed(&env.server, &spec(id, 2, 2));
    wait_until("every line", Duration::from_secs(10), || {
        [(0, C0), (0, C1), (1, C0), (1, C1)]
            .iter()
            .all(|(o, c)| container_log(&env.server, &format!("{id}-0-{o}"), c).len() == 5)
            && container_log(&env.server, &format!("{id}-jm-0"), JM).len() == 5
    });
}

fn lines_of(prefix: &str, worker: &str, range: std::ops::Range<u32>) -> String {
    range
        .map(|n| format!("[{prefix}] {worker} {n}\n"))
        .collect()
}

#[test]
fn workers_job_master_and_containers_are_selected_as_twister2_numbers_them() {
    let env = Env::new();
    let id = "u-select-1";
    four_workers(&env, id);
    let all = ok(env.plugin().args(["logs", id]));
    let want = [
        lines_of("job-master", "jm", 0..5),
        lines_of("worker-0", "w0", 0..5),
        lines_of("worker-1", "w1", 0..5),
        lines_of("worker-2", "w2", 0..5),
        lines_of("worker-3", "w3", 0..5),
    ];
    assert_eq!(all, want.concat());

    let some = ok(env
        .plugin()
        .args(["logs", id, "--worker", "1", "--worker", "3"]));
    assert_eq!(some, [want[2].clone(), want[4].clone()].concat());
    let range = ok(env.plugin().args(["logs", id, "--worker", "2-3"]));
    assert_eq!(range, [want[3].clone(), want[4].clone()].concat());
    let master = ok(env.plugin().args(["logs", id, "--job-master"]));
    assert_eq!(master, want[0]);
    let both = ok(env
        .plugin()
        .args(["logs", id, "--job-master", "--worker", "0"]));
    assert_eq!(both, [want[0].clone(), want[1].clone()].concat());
    let second = ok(env.plugin().args(["logs", id, "-c", C1]));
    assert_eq!(second, [want[2].clone(), want[4].clone()].concat());
    let bare = ok(env
        .plugin()
        .args(["logs", id, "--worker", "3", "--no-prefix"]));
    assert_eq!(bare, "w3 0\nw3 1\nw3 2\nw3 3\nw3 4\n");

    let stderr = fails(env.plugin().args(["logs", id, "--worker", "7"]), 1);
    assert!(
        stderr.contains("has no worker 7 (its workers are 0-3)"),
        "{stderr}"
    );
    let stderr = fails(env.plugin().args(["logs", id, "-c", "sidecar"]), 1);
    assert!(stderr.contains("no container of job"), "{stderr}");
}

#[test]
fn tail_since_and_timestamps_windows() {
    let env = Env::new();
    let id = "u-window-1";
    four_workers(&env, id);
    let tail = ok(env
        .plugin()
        .args(["logs", id, "--worker", "0", "--tail", "2"]));
    assert_eq!(tail, lines_of("worker-0", "w0", 3..5));
    let none = ok(env
        .plugin()
        .args(["logs", id, "--worker", "0", "--tail", "0"]));
    assert_eq!(none, "");

    let stamped = ok(env
        .plugin()
        .args(["logs", id, "--job-master", "--timestamps"]));
    for (n, line) in stamped.lines().enumerate() {
        let rest = line.strip_prefix("[job-master] ").unwrap();
        let (stamp, text) = rest.split_once(' ').unwrap();
        assert!(stamp.parse::<jiff::Timestamp>().is_ok(), "{line}");
        assert_eq!(text, format!("jm {n}"));
    }

    // Lines written now are within --since 2s; the scripted ones are older by then.
    std::thread::sleep(Duration::from_millis(3200));
    let between = jiff::Timestamp::now();
    std::thread::sleep(Duration::from_millis(50));
    env.server
        .append_log(NS, &format!("{id}-0-0"), C0, "w0 fresh");
    let recent = ok(env
        .plugin()
        .args(["logs", id, "--worker", "0", "--since", "2s"]));
    assert_eq!(recent, "[worker-0] w0 fresh\n");
    let since_time = between.to_string();
    let recent = ok(env
        .plugin()
        .args(["logs", id, "--worker", "0", "--since-time", &since_time]));
    assert_eq!(recent, "[worker-0] w0 fresh\n");

    // -f keeps 10 lines per container by default, like kubectl with several pods.
    let worker = format!("{id}-0-1");
    let many: Vec<String> = (0..15).map(|n| format!("bulk {n}")).collect();
    env.server.append_log(NS, &worker, C1, &many.join("\n"));
    let mut logs = Background::start(&env, &["logs", id, "-f", "--worker", "3"]);
    logs.wait_for("the tail", Duration::from_secs(20), |out, _| {
        out.contains("bulk 14")
    });
    end_job(&env.server, id);
    let (code, stdout, _) = logs.finish(Duration::from_secs(10));
    assert_eq!(code, Some(0));
    let want: String = (5..15).map(|n| format!("[worker-3] bulk {n}\n")).collect();
    assert_eq!(stdout, want);
}

#[test]
fn last_means_the_last_submitted_job() {
    let env = Env::new();
    let id = "u-last-1";
    four_workers(&env, id);
    let state = env.dir.path().join("state");
    std::fs::create_dir_all(state.join("kubectl-twister2")).unwrap();
    std::fs::write(state.join("kubectl-twister2/last-job"), format!("{id}\n")).unwrap();
    let master =
        ok(env
            .plugin()
            .env("XDG_STATE_HOME", &state)
            .args(["logs", "--last", "--job-master"]));
    assert_eq!(master, lines_of("job-master", "jm", 0..5));
}

// ---------------------------------------------------------------------------------------------
// --save and --files
// ---------------------------------------------------------------------------------------------

fn pod_ip(server: &ServerHandle, name: &str) -> String {
    pod(server, name).unwrap()["status"]["podIP"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn save_writes_twister2_file_names_and_prints_nothing() {
    let env = Env::new();
    let id = "u-save-1";
    four_workers(&env, id);
    let dir = env.dir.path().join("twister2-logs");
    let output = env
        .plugin()
        .args(["logs", id, "--save", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stdout, "");
    let ip0 = pod_ip(&env.server, &format!("{id}-0-0"));
    let ip1 = pod_ip(&env.server, &format!("{id}-0-1"));
    let jm = pod_ip(&env.server, &format!("{id}-jm-0"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut want = vec![
        format!("job-master-ip{jm}-0.log"),
        format!("worker0-ip{ip0}-0.log"),
        format!("worker1-ip{ip0}-0.log"),
        format!("worker2-ip{ip1}-0.log"),
        format!("worker3-ip{ip1}-0.log"),
    ];
    want.sort();
    assert_eq!(names, want);
    let worker3 = std::fs::read_to_string(dir.join(format!("worker3-ip{ip1}-0.log"))).unwrap();
    assert_eq!(worker3, "w3 0\nw3 1\nw3 2\nw3 3\nw3 4\n");
    assert!(stderr.contains("saving worker-3 to"), "{stderr}");

    // Saving again shifts the older files, as Twister2's client does for a new instance.
    ok(env
        .plugin()
        .args(["logs", id, "--worker", "3", "--save", dir.to_str().unwrap()]));
    assert!(dir.join(format!("worker3-ip{ip1}-1.log")).exists());
    assert!(dir.join(format!("worker3-ip{ip1}-0.log")).exists());
    assert!(!dir.join(format!("worker2-ip{ip1}-1.log")).exists());
}

#[test]
fn files_are_fetched_through_exec() {
    let env = Env::new();
    let id = "u-files-1";
    seed(&env.server, &spec(id, 2, 1));
    for name in [
        format!("{id}-0-0"),
        format!("{id}-0-1"),
        format!("{id}-jm-0"),
    ] {
        wait_until("pods run", Duration::from_secs(10), || {
            running(&env.server, &name)
        });
    }
    let w0 = format!("{id}-0-0");
    let w1 = format!("{id}-0-1");
    let jm = format!("{id}-jm-0");
    env.server.put_pod_file(
        NS,
        &w0,
        "/twister2-volatile/logs/worker-0.log.0",
        b"volatile line 1\nvolatile line 2\n",
    );
    env.server.put_pod_file(
        NS,
        &w0,
        "/twister2-volatile/logs/worker-0.log.1",
        b"older\n",
    );
    // this pod logs to the persistent volume
    env.server.put_pod_file(
        NS,
        &w1,
        "/persistent/logs/worker-1.log.0",
        b"persistent line\n",
    );
    env.server.put_pod_file(
        NS,
        &jm,
        "/twister2-volatile/logs/jobMaster.log.0",
        b"master says hi",
    );
    let stdout = ok(env.plugin().args(["logs", id, "--files"]));
    assert_eq!(
        stdout,
        "[job-master] master says hi\n[worker-0] older\n[worker-0] volatile line 1\n\
[worker-0] volatile line 2\n[worker-1] persistent line\n"
    );
    let execs = env
        .server
        .requests_matching(&Match::resource("pods/exec").name(&w0));
    let argvs: Vec<Vec<String>> = execs.into_iter().map(|r| r.command).collect();
    assert!(
        argvs.contains(&strings(&["ls", "/twister2-volatile/logs"])),
        "{argvs:?}"
    );
    assert!(
        argvs.contains(&strings(&["cat", "/twister2-volatile/logs/worker-0.log.0"])),
        "{argvs:?}"
    );

    let dir = env.dir.path().join("files");
    ok(env.plugin().args([
        "logs",
        id,
        "--files",
        "--worker",
        "0-1",
        "--save",
        dir.to_str().unwrap(),
    ]));
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
    assert_eq!(read("worker-0.log.0"), "volatile line 1\nvolatile line 2\n");
    assert_eq!(read("worker-0.log.1"), "older\n");
    assert_eq!(read("worker-1.log.0"), "persistent line\n");
    assert!(!dir.join("jobMaster.log.0").exists());
}

#[test]
fn a_reader_that_goes_away_ends_follow_quietly() {
    let env = Env::new();
    let id = "u-pipe-1";
    seed(&env.server, &spec(id, 1, 1));
    let worker = format!("{id}-0-0");
    wait_until("the worker runs", Duration::from_secs(10), || {
        running(&env.server, &worker)
    });
    env.server.append_log(NS, &worker, C0, "first");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kubectl-twister2"))
        .env_remove("KUBECONFIG")
        .env("HOME", env.dir.path())
        .arg("--kubeconfig")
        .arg(&env.kubeconfig)
        .args(["logs", id, "-f"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 17];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"[worker-0] first\n");
    // like `| head -1`: the reader closes the pipe
    drop(stdout);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        env.server.append_log(NS, &worker, C0, "more");
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(0));
            let mut stderr = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut stderr)
                .unwrap();
            assert!(!stderr.contains("error"), "{stderr}");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the plugin kept running after its reader went away");
}

#[test]
fn follow_queues_sources_beyond_max_concurrency_and_starts_them_as_slots_free() {
    let env = Env::new();
    let id = "u-queue-1";
    // Each worker writes two lines and ends: its stream ends and frees its slot.
    env.server.script_pods(
        &format!("{id}-0-"),
        PodScript::new()
            .log(Duration::from_millis(300), "line 1")
            .log(Duration::from_millis(350), "line 2")
            .end(Duration::from_millis(400), 0),
    );
    seed(&env.server, &spec(id, 5, 1));
    let mut logs = Background::start(
        &env,
        &[
            "logs",
            id,
            "-f",
            "--worker",
            "0-4",
            "--max-concurrency",
            "2",
        ],
    );
    logs.wait_for("every worker", Duration::from_secs(30), |out, _| {
        out.lines().count() >= 10
    });
    end_job(&env.server, id);
    let (code, stdout, stderr) = logs.finish(Duration::from_secs(10));
    assert_eq!(code, Some(0), "{stderr}");
    let sources = by_source(&stdout);
    for w in 0..5 {
        assert_eq!(
            sources[&format!("worker-{w}")],
            strings(&["line 1", "line 2"])
        );
    }
    assert!(
        stderr.contains("2 log streams are open (--max-concurrency)"),
        "{stderr}"
    );
}

#[test]
fn colours_are_stable_per_source() {
    let env = Env::new();
    let id = "u-colour-1";
    four_workers(&env, id);
    let coloured = ok(env
        .plugin()
        .args(["logs", id, "--worker", "0-1", "--color", "always"]));
    let mut codes = BTreeMap::new();
    for line in coloured.lines() {
        let rest = line.strip_prefix("\x1b[").expect("coloured prefix");
        let (code, rest) = rest.split_once('m').unwrap();
        let (source, text) = rest.split_once("]\x1b[0m ").unwrap();
        let source = source.strip_prefix('[').unwrap();
        assert!(text.starts_with(&format!("w{} ", &source["worker-".len()..])));
        let first = codes.entry(source.to_string()).or_insert(code.to_string());
        assert_eq!(first, code, "one colour per source");
    }
    assert_eq!(codes.len(), 2);
    let again = ok(env
        .plugin()
        .args(["logs", id, "--worker", "0-1", "--color", "always"]));
    assert_eq!(again, coloured, "the same colours every run");
    // NO_COLOR (set by the test environment) keeps `auto` plain even when asked nothing.
    let plain = ok(env.plugin().args(["logs", id, "--worker", "0"]));
    assert!(!plain.contains('\x1b'));
}
