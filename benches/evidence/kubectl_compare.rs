//! Side by side with kubectl in the same run, against the same fake API server with 5 ms and then
//! 20 ms added to every request: `kubectl apply --server-side` of the job `submit` renders vs
//! `submit --detach`; `kubectl get svc,nodes -o json` vs `endpoints -o json` on 2,000 nodes ×
//! 300 NodePort Services; one `kubectl label node` per node vs one `nodes label`; and
//! `kubectl logs -l … -f --prefix --max-log-requests N` vs `logs -f`. For each: median wall
//! time, requests per run (from the server's request log), peak memory, and the ratio.
//!
//! Peak memory of a command that exits is GNU time's `%M` for it (the command is its child, not
//! this process's: an exec'd child would inherit this process's high-water mark, and this process
//! holds the fake cluster); of a follower that is stopped, its `VmHWM` just before the stop.
//! kubectl keeps its discovery cache warm between runs (one unmeasured run first), as it does
//! for a user.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use fake_kube::{FakeServer, KubeconfigOpts, Match, ServerHandle, ServerOptions};
use kubectl_twister2::manifests::{job, uploader};
use kubectl_twister2::twister2::resources::ComputeResource;
use kubectl_twister2::twister2::spec::{Exposure, JobSpec};

use crate::measure::ms;

const LATENCIES_MS: [u64; 2] = [5, 20];
const NS: &str = "default";
const PLUGIN: &str = env!("CARGO_BIN_EXE_kubectl-twister2");

/// One measured run.
#[derive(Debug, Clone, Copy)]
struct Run {
    wall: Duration,
    peak_kib: u64,
    requests: usize,
}

/// Runs of one command: median wall, highest peak, requests per run (the median).
#[derive(Debug, Clone, Copy)]
struct Figures {
    runs: usize,
    median: Duration,
    peak_kib: u64,
    requests: usize,
}

fn figures(mut runs: Vec<Run>) -> Figures {
    assert!(!runs.is_empty(), "no runs");
    runs.sort_by_key(|r| r.wall);
    let median = runs[runs.len() / 2].wall;
    let mut requests: Vec<usize> = runs.iter().map(|r| r.requests).collect();
    requests.sort_unstable();
    Figures {
        runs: runs.len(),
        median,
        peak_kib: runs.iter().map(|r| r.peak_kib).max().unwrap_or(0),
        requests: requests[requests.len() / 2],
    }
}

/// Where a tool runs: its kubeconfig and a private HOME (kubectl's discovery cache lives there).
struct Client {
    kubeconfig: String,
    home: PathBuf,
}

impl Client {
    fn new(server: &FakeServer, dir: &Path) -> Client {
        let kubeconfig = server
            .write_kubeconfig(dir, KubeconfigOpts::default())
            .expect("kubeconfig written")
            .to_string_lossy()
            .into_owned();
        Client {
            kubeconfig,
            home: dir.to_path_buf(),
        }
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("KUBECONFIG", &self.kubeconfig)
            .env("HOME", &self.home)
            .env("KUBECACHEDIR", self.home.join("kube-cache"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        command
    }

    /// Run `program args` to its end under GNU time (when installed): wall time and peak RSS of
    /// the program itself. Panics when it fails: a benchmark of a failing command means nothing.
    fn timed(&self, program: &str, args: &[String]) -> (Duration, u64) {
        let report = self.home.join("time.txt");
        let has_time = Path::new("/usr/bin/time").exists();
        let mut command = if has_time {
            let mut c = self.command("/usr/bin/time");
            c.arg("-o").arg(&report).args(["-f", "%M", program]);
            c
        } else {
            self.command(program)
        };
        command.args(args);
        let started = Instant::now();
        let output = command
            .output()
            .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
        let wall = started.elapsed();
        assert!(
            output.status.success(),
            "{program} {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let peak = std::fs::read_to_string(&report)
            .ok()
            .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()))
            .unwrap_or(0);
        (wall, peak)
    }
}

fn kubectl_available() -> bool {
    Command::new("kubectl")
        .args(["version", "--client"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

pub fn run() {
    println!("\n## side by side with kubectl\n");
    if !kubectl_available() {
        println!("kubectl not found on PATH: no comparison");
        return;
    }
    let version = Command::new("kubectl")
        .args(["version", "--client"])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_default();
    println!(
        "kubectl: {version}. Both tools run as fresh processes against the same fake API server, \
with the latency below added to every request. Requests are counted per run from the server's \
request log. ratio = kubectl median / plugin median (above 1: the plugin is faster).\n"
    );
    println!(
        "| pair | latency | tool | command | runs | median ms | requests per run | peak RSS KiB | ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for latency in LATENCIES_MS {
        submit_pair(latency);
    }
    for latency in LATENCIES_MS {
        endpoints_pair(latency);
    }
    for latency in LATENCIES_MS {
        label_pair(latency);
    }
    for latency in LATENCIES_MS {
        logs_pair(latency);
    }
}

/// Print the two rows of a pair and the ratio of their medians.
fn report(pair: &str, latency: u64, kubectl: (&str, Figures), plugin: (&str, Figures)) {
    let ratio = kubectl.1.median.as_secs_f64() / plugin.1.median.as_secs_f64();
    for (tool, (command, f), shown_ratio) in [
        ("kubectl", kubectl, String::new()),
        ("kubectl-twister2", plugin, format!("{ratio:.2}")),
    ] {
        println!(
            "| {pair} | {latency} ms | {tool} | `{command}` | {} | {} | {} | {} | {shown_ratio} |",
            f.runs,
            ms(f.median),
            f.requests,
            f.peak_kib
        );
    }
}

// ---------------------------------------------------------------------------------------------
// submit
// ---------------------------------------------------------------------------------------------

const SUBMIT_RUNS: usize = 7;
const SUBMIT_WORKERS: &str = "16";
const SUBMIT_JOB: &str = "u-compare-1";

fn submit_args(extra: &[&str]) -> Vec<String> {
    let mut args = strings(&[
        "submit",
        "compare",
        "--jar",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/hello/hello-world.jar"
        ),
        "--class",
        "edu.iu.dsc.tws.examples.basic.HelloWorld",
        "--workers",
        SUBMIT_WORKERS,
        "--job-id",
        SUBMIT_JOB,
        "--set",
        "twister2.user.name=bench",
    ]);
    args.extend(strings(extra));
    args
}

/// Remove the job's objects and pods (store operations, not timed).
fn forget_job(server: &ServerHandle, job_id: &str) {
    let selector = format!("t2-job={job_id}");
    for resource in ["statefulsets", "services", "configmaps", "pods"] {
        server
            .delete_selected(resource, Some(NS), &selector)
            .expect("job objects deleted");
    }
}

fn install_uploader(server: &ServerHandle) {
    let mut options = uploader::UploaderOptions::new(NS);
    options.replicas = 1;
    for object in uploader::uploader_objects(&options)
        .expect("uploader objects")
        .to_json_values()
        .expect("uploader as JSON")
    {
        server.create(object).expect("uploader created");
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while !server
        .list_selected("pods", Some(NS), uploader::POD_SELECTOR)
        .is_ok_and(|p| !p.is_empty() && p.iter().all(|p| p["status"]["phase"] == "Running"))
    {
        assert!(Instant::now() < deadline, "the uploader never ran");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn submit_pair(latency: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = FakeServer::start().expect("fake API server");
    server.set_pod_delays(Duration::ZERO, Duration::ZERO, Duration::ZERO);
    install_uploader(&server);
    let client = Client::new(&server, dir.path());
    // The job as the plugin renders it, for kubectl to apply.
    let rendered = Command::new(PLUGIN)
        .args(submit_args(&["--dry-run=client", "-o", "yaml"]))
        .env("HOME", dir.path())
        .output()
        .expect("plugin renders the job");
    assert!(rendered.status.success(), "render failed");
    let manifest = dir.path().join("job.yaml");
    std::fs::write(&manifest, &rendered.stdout).expect("manifest written");
    let objects = String::from_utf8_lossy(&rendered.stdout)
        .matches("\nkind: ")
        .count()
        + usize::from(String::from_utf8_lossy(&rendered.stdout).starts_with("kind: "));
    server.add_latency(Match::any(), Duration::from_millis(latency));

    let apply = strings(&[
        "apply",
        "--server-side",
        "--validate=false",
        "-f",
        &manifest.to_string_lossy(),
    ]);
    let submit = submit_args(&["--detach"]);
    let mut kubectl_runs = Vec::new();
    let mut plugin_runs = Vec::new();
    for i in 0..=SUBMIT_RUNS {
        for (program, args, runs) in [
            ("kubectl", &apply, &mut kubectl_runs),
            (PLUGIN, &submit, &mut plugin_runs),
        ] {
            forget_job(&server, SUBMIT_JOB);
            server.clear_requests();
            let (wall, peak_kib) = client.timed(program, args);
            let requests = server.requests().len();
            assert_eq!(
                server
                    .list_selected("configmaps", Some(NS), &format!("t2-job={SUBMIT_JOB}"))
                    .map(|l| l.len())
                    .unwrap_or(0),
                1,
                "{program} created the job"
            );
            if i > 0 {
                runs.push(Run {
                    wall,
                    peak_kib,
                    requests,
                });
            }
        }
    }
    report(
        &format!("submit ({SUBMIT_WORKERS} workers, {objects} objects)"),
        latency,
        (
            "kubectl apply --server-side -f job.yaml",
            figures(kubectl_runs),
        ),
        ("kubectl twister2 submit --detach", figures(plugin_runs)),
    );
}

// ---------------------------------------------------------------------------------------------
// endpoints
// ---------------------------------------------------------------------------------------------

const NODES: usize = 2_000;
const SERVICES: usize = 300;
const ENDPOINTS_RUNS: usize = 5;

/// The NodePort Service of job `i`, as the plugin renders it.
fn node_port_service(i: usize) -> serde_json::Value {
    let mut spec = JobSpec::example(&format!("u-compare-{i:03}"));
    spec.exposure = Exposure::NodePort {
        node_port: Some(30000 + i as u16),
    };
    serde_json::to_value(job::render(&spec).worker_service).expect("service as JSON")
}

fn endpoints_pair(latency: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = FakeServer::start_with(ServerOptions {
        control_plane: false,
        ..ServerOptions::default()
    })
    .expect("fake API server");
    server.nodes(NODES);
    for i in 0..SERVICES {
        server.put(node_port_service(i)).expect("service stored");
    }
    let client = Client::new(&server, dir.path());
    server.add_latency(Match::any(), Duration::from_millis(latency));
    let get = strings(&["get", "svc,nodes", "-o", "json"]);
    let endpoints = strings(&["endpoints", "-o", "json"]);
    let mut kubectl_runs = Vec::new();
    let mut plugin_runs = Vec::new();
    for i in 0..=ENDPOINTS_RUNS {
        for (program, args, runs) in [
            ("kubectl", &get, &mut kubectl_runs),
            (PLUGIN, &endpoints, &mut plugin_runs),
        ] {
            server.clear_requests();
            let (wall, peak_kib) = client.timed(program, args);
            if i > 0 {
                runs.push(Run {
                    wall,
                    peak_kib,
                    requests: server.requests().len(),
                });
            }
        }
    }
    report(
        &format!("endpoints ({NODES} nodes × {SERVICES} NodePort Services)"),
        latency,
        ("kubectl get svc,nodes -o json", figures(kubectl_runs)),
        ("kubectl twister2 endpoints -o json", figures(plugin_runs)),
    );
}

// ---------------------------------------------------------------------------------------------
// nodes label
// ---------------------------------------------------------------------------------------------

const LABEL_NODES: usize = 100;
const LABEL_RUNS: usize = 3;

fn label_pair(latency: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = FakeServer::start_with(ServerOptions {
        control_plane: false,
        ..ServerOptions::default()
    })
    .expect("fake API server");
    server.nodes(LABEL_NODES);
    let client = Client::new(&server, dir.path());
    server.add_latency(Match::any(), Duration::from_millis(latency));
    let nodes: Vec<String> = (0..LABEL_NODES).map(|i| format!("node-{i}")).collect();
    let mut kubectl_runs = Vec::new();
    let mut plugin_runs = Vec::new();
    for i in 0..=LABEL_RUNS {
        // A new value each run, so that every run changes every node.
        let kubectl_value = format!("rack=k{i}");
        server.clear_requests();
        let mut wall = Duration::ZERO;
        let mut peak_kib = 0;
        for node in &nodes {
            let args = strings(&["label", "node", node, &kubectl_value, "--overwrite"]);
            let (w, p) = client.timed("kubectl", &args);
            wall += w;
            peak_kib = peak_kib.max(p);
        }
        let requests = server.requests().len();
        assert_labelled(&server, &kubectl_value[5..]);
        if i > 0 {
            kubectl_runs.push(Run {
                wall,
                peak_kib,
                requests,
            });
        }
        let plugin_value = format!("p{i}");
        let mut args = strings(&["nodes", "label", "--rack", &plugin_value, "--overwrite"]);
        args.extend(nodes.iter().cloned());
        server.clear_requests();
        let (wall, peak_kib) = client.timed(PLUGIN, &args);
        let requests = server.requests().len();
        assert_labelled(&server, &plugin_value);
        if i > 0 {
            plugin_runs.push(Run {
                wall,
                peak_kib,
                requests,
            });
        }
    }
    report(
        &format!("label {LABEL_NODES} nodes"),
        latency,
        (
            "kubectl label node NODE rack=R --overwrite (once per node)",
            figures(kubectl_runs),
        ),
        (
            "kubectl twister2 nodes label --rack R --overwrite NODE…",
            figures(plugin_runs),
        ),
    );
}

fn assert_labelled(server: &ServerHandle, rack: &str) {
    let labelled = server
        .list_selected("nodes", None, &format!("rack={rack}"))
        .map(|l| l.len())
        .unwrap_or(0);
    assert_eq!(labelled, LABEL_NODES, "every node labelled rack={rack}");
}

// ---------------------------------------------------------------------------------------------
// logs -f
// ---------------------------------------------------------------------------------------------

const LOG_PODS: u32 = 50;
const LOG_LINES: u32 = 1_000;
const LOG_RUNS: usize = 3;
const LOG_JOB: &str = "u-compare-logs";
const LOG_CONTAINER: &str = "twister2-container-0";

fn log_spec() -> JobSpec {
    let mut spec = JobSpec::example(LOG_JOB);
    spec.compute_resources = vec![ComputeResource {
        index: 0,
        cpu: 0.5,
        ram_mb: 512,
        disk_gb: 0.0,
        instances: LOG_PODS,
        workers_per_pod: 1,
        scalable: false,
    }];
    spec.with_job_object().expect("job description")
}

fn status_kib(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Start a follower, wait until it has printed `lines` lines, read its peak memory and stop it.
fn follow_until(client: &Client, program: &str, args: &[String], lines: u64) -> (Duration, u64) {
    let mut command = client.command(program);
    command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let started = Instant::now();
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    let stdout = child.stdout.take().expect("stdout piped");
    let count = Arc::new(AtomicU64::new(0));
    let counter = count.clone();
    let reader = std::thread::spawn(move || {
        let mut reader = BufReader::with_capacity(1 << 20, stdout);
        let mut line = Vec::new();
        while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
            counter.fetch_add(1, Ordering::Relaxed);
            line.clear();
        }
    });
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut peak = 0;
    while count.load(Ordering::Relaxed) < lines {
        if let Some(kib) = status_kib(child.id(), "VmHWM:") {
            peak = peak.max(kib);
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "{program} {args:?} exited ({status}) after {} of {lines} lines",
                count.load(Ordering::Relaxed)
            );
        }
        assert!(
            Instant::now() < deadline,
            "{program} printed {} of {lines} lines",
            count.load(Ordering::Relaxed)
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let wall = started.elapsed();
    if let Some(kib) = status_kib(child.id(), "VmHWM:") {
        peak = peak.max(kib);
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = reader.join();
    (wall, peak)
}

fn logs_pair(latency: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = FakeServer::start().expect("fake API server");
    server.set_pod_delays(Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for object in job::render(&log_spec())
        .to_json_values()
        .expect("job objects")
    {
        server.create(object).expect("job object created");
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while server
        .list_selected("pods", Some(NS), &format!("t2-job={LOG_JOB}"))
        .map(|p| {
            p.iter()
                .filter(|p| p["status"]["phase"] == "Running")
                .count()
        })
        .unwrap_or(0)
        < LOG_PODS as usize + 1
    {
        assert!(Instant::now() < deadline, "the job's pods never ran");
        std::thread::sleep(Duration::from_millis(10));
    }
    for worker in 0..LOG_PODS {
        let text: Vec<String> = (0..LOG_LINES)
            .map(|n| format!("w{worker} n{n} INFO edu.iu.dsc.tws.examples.Bench: step {n} done"))
            .collect();
        server.append_log(
            NS,
            &format!("{LOG_JOB}-0-{worker}"),
            LOG_CONTAINER,
            &text.join("\n"),
        );
    }
    let client = Client::new(&server, dir.path());
    server.add_latency(Match::any(), Duration::from_millis(latency));
    let total = u64::from(LOG_PODS) * u64::from(LOG_LINES);
    let streams = (LOG_PODS + 1).to_string();
    let kubectl = strings(&[
        "logs",
        "-l",
        &format!("t2-job={LOG_JOB}"),
        "--all-containers",
        "-f",
        "--prefix",
        "--tail=-1",
        "--max-log-requests",
        &streams,
    ]);
    let plugin = strings(&[
        "logs",
        LOG_JOB,
        "-f",
        "--tail=-1",
        "--max-concurrency",
        &streams,
    ]);
    let mut kubectl_runs = Vec::new();
    let mut plugin_runs = Vec::new();
    for i in 0..=LOG_RUNS {
        for (program, args, runs) in [
            ("kubectl", &kubectl, &mut kubectl_runs),
            (PLUGIN, &plugin, &mut plugin_runs),
        ] {
            server.clear_requests();
            let (wall, peak_kib) = follow_until(&client, program, args, total);
            if i > 0 {
                runs.push(Run {
                    wall,
                    peak_kib,
                    requests: server.requests().len(),
                });
            }
        }
    }
    report(
        &format!("logs -f ({LOG_PODS} pods × {LOG_LINES} lines, time until every line is printed)"),
        latency,
        (
            "kubectl logs -l t2-job=ID --all-containers -f --prefix --tail=-1 --max-log-requests 51",
            figures(kubectl_runs),
        ),
        (
            "kubectl twister2 logs ID -f --tail=-1 --max-concurrency 51",
            figures(plugin_runs),
        ),
    );
}
