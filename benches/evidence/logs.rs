//! `logs -f` on a large job: 200 worker pods each writing 10,000 lines (2,000,000 lines) into the
//! fake API server as fast as it takes them, followed by the release binary: lines per second
//! delivered whole to stdout (every line counted per source), and the binary's memory: its peak
//! (`VmHWM`) and its resident size sampled as the lines flow, to show it stays flat. Then the
//! same logs read once without `-f`.
//!
//! Memory is read from `/proc/<pid>/status` while the plugin runs (not `wait4`'s `ru_maxrss`,
//! which would carry this process's high-water mark: the fake server holding two million lines
//! lives here). The fake server shares the machine's cores with the plugin, so the rate is a
//! floor for the plugin, not a ceiling.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fake_kube::{FakeServer, KubeconfigOpts, Match, ServerHandle};
use kubectl_twister2::manifests::job;
use kubectl_twister2::twister2::resources::ComputeResource;
use kubectl_twister2::twister2::spec::JobSpec;

use crate::measure::ms;

const PODS: u32 = 200;
const LINES: u32 = 10_000;
/// Lines per append (they share one timestamp, as lines written together do).
const BATCH: u32 = 100;
const NS: &str = "default";
const JOB_ID: &str = "u-logbench-1";
const CONTAINER: &str = "twister2-container-0";

fn spec() -> JobSpec {
    let mut spec = JobSpec::example(JOB_ID);
    spec.compute_resources = vec![ComputeResource {
        index: 0,
        cpu: 0.5,
        ram_mb: 512,
        disk_gb: 0.0,
        instances: PODS,
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

fn mib(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

/// The plugin running with its stdout counted line by line, per source.
struct Counted {
    child: Child,
    lines: Arc<AtomicU64>,
    per_source: Arc<Mutex<HashMap<String, u64>>>,
    bad: Arc<AtomicU64>,
    reader: std::thread::JoinHandle<()>,
}

fn start(plugin: &str, kubeconfig: &str, home: &str, args: &[&str]) -> Counted {
    let mut child = Command::new(plugin)
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(args)
        .env("HOME", home)
        .env_remove("KUBECONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("plugin starts");
    let stdout = child.stdout.take().expect("stdout piped");
    let lines = Arc::new(AtomicU64::new(0));
    let per_source = Arc::new(Mutex::new(HashMap::new()));
    let bad = Arc::new(AtomicU64::new(0));
    let (count, sources, malformed) = (lines.clone(), per_source.clone(), bad.clone());
    let reader = std::thread::spawn(move || {
        let mut local: HashMap<String, u64> = HashMap::new();
        let mut reader = BufReader::with_capacity(1 << 20, stdout);
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            // `[worker-N] wN rR nK …`: the prefix must match the writer named in the text.
            let text = String::from_utf8_lossy(&line);
            let whole = text.ends_with('\n')
                && text
                    .strip_prefix("[worker-")
                    .and_then(|r| r.split_once("] w"))
                    .is_some_and(|(id, rest)| rest.starts_with(&format!("{id} ")));
            if whole {
                let source = text[1..text.find(']').unwrap_or(1)].to_string();
                *local.entry(source).or_default() += 1;
            } else {
                malformed.fetch_add(1, Ordering::Relaxed);
            }
            count.fetch_add(1, Ordering::Relaxed);
        }
        *sources.lock().expect("tally") = local;
    });
    Counted {
        child,
        lines,
        per_source,
        bad,
        reader,
    }
}

/// Samples of (lines so far, resident KiB), and the peak, taken every 20 ms.
fn sample(
    pid: u32,
    lines: Arc<AtomicU64>,
    until: Arc<AtomicU64>,
) -> std::thread::JoinHandle<(Vec<(u64, u64)>, u64)> {
    std::thread::spawn(move || {
        let mut samples = Vec::new();
        let mut peak = 0;
        while until.load(Ordering::Relaxed) == 0 {
            if let Some(rss) = status_kib(pid, "VmRSS:") {
                samples.push((lines.load(Ordering::Relaxed), rss));
            }
            if let Some(hwm) = status_kib(pid, "VmHWM:") {
                peak = peak.max(hwm);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        (samples, peak)
    })
}

fn wait_exit(child: &mut Child, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return status.success();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    false
}

fn running_pods(server: &ServerHandle) -> usize {
    server
        .list_selected("pods", Some(NS), &format!("t2-job={JOB_ID}"))
        .map(|pods| {
            pods.iter()
                .filter(|p| p["status"]["phase"] == "Running")
                .count()
        })
        .unwrap_or(0)
}

fn batch_text(worker: u32, round: u32) -> String {
    (0..BATCH)
        .map(|k| {
            format!(
                "w{worker} r{round} n{k} INFO edu.iu.dsc.tws.examples.Bench: partition {k} done",
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn run() {
    let total = u64::from(PODS) * u64::from(LINES);
    println!("\n## logs: {PODS} pods × {LINES} lines followed (`logs -f`)\n");
    let plugin = env!("CARGO_BIN_EXE_kubectl-twister2");
    let server = FakeServer::start().expect("fake API server");
    let home = tempfile::tempdir().expect("temp dir");
    let kubeconfig = server
        .write_kubeconfig(home.path(), KubeconfigOpts::default())
        .expect("kubeconfig");
    let kubeconfig = kubeconfig.to_str().expect("utf-8 path").to_string();
    let home_text = home.path().to_str().expect("utf-8 path").to_string();
    for object in job::render(&spec()).to_json_values().expect("job objects") {
        server.create(object).expect("create job object");
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    while running_pods(&server) < PODS as usize + 1 {
        assert!(Instant::now() < deadline, "pods never ran");
        std::thread::sleep(Duration::from_millis(20));
    }

    let mut follow = start(
        plugin,
        &kubeconfig,
        &home_text,
        &[
            "logs",
            JOB_ID,
            "-f",
            "--tail=-1",
            "--max-concurrency",
            "256",
        ],
    );
    let pid = follow.child.id();
    // Every container's stream is open before the first line is written.
    let deadline = Instant::now() + Duration::from_secs(60);
    while server.count_requests(&Match::resource("pods/log")) < PODS as usize + 1 {
        assert!(
            Instant::now() < deadline,
            "the plugin never opened its streams"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let idle_rss = status_kib(pid, "VmRSS:").unwrap_or(0);
    let stop = Arc::new(AtomicU64::new(0));
    let sampler = sample(pid, follow.lines.clone(), stop.clone());
    let started = Instant::now();
    let feeder = {
        let server = server.handle();
        std::thread::spawn(move || {
            for round in 0..LINES / BATCH {
                for worker in 0..PODS {
                    let pod = format!("{JOB_ID}-0-{worker}");
                    server.append_log(NS, &pod, CONTAINER, &batch_text(worker, round));
                }
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(900);
    while follow.lines.load(Ordering::Relaxed) < total {
        assert!(
            Instant::now() < deadline,
            "only {} of {total} lines arrived",
            follow.lines.load(Ordering::Relaxed)
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let elapsed = started.elapsed();
    feeder.join().expect("feeder");
    server
        .delete("configmaps", NS, JOB_ID)
        .expect("end the job");
    let exited = wait_exit(&mut follow.child, Duration::from_secs(30));
    stop.store(1, Ordering::Relaxed);
    let (samples, peak) = sampler.join().expect("sampler");
    follow.reader.join().expect("reader");
    let per_source = follow.per_source.lock().expect("tally").clone();
    let complete =
        per_source.len() == PODS as usize && per_source.values().all(|n| *n == u64::from(LINES));
    println!("| measure | value |");
    println!("|---|---|");
    println!(
        "| lines delivered | {} of {total} |",
        follow.lines.load(Ordering::Relaxed)
    );
    println!(
        "| every source complete (10,000 lines each, prefix = writer) | {} |",
        if complete && follow.bad.load(Ordering::Relaxed) == 0 {
            "yes"
        } else {
            "NO"
        }
    );
    println!(
        "| malformed or split lines | {} |",
        follow.bad.load(Ordering::Relaxed)
    );
    println!(
        "| wall time, first line written → last line printed | {} ms |",
        ms(elapsed)
    );
    println!(
        "| lines per second | {:.0} |",
        total as f64 / elapsed.as_secs_f64()
    );
    println!(
        "| resident memory with {} idle streams open | {} MiB |",
        PODS + 1,
        mib(idle_rss)
    );
    println!("| peak memory (VmHWM) | {} MiB |", mib(peak));
    println!(
        "| exit after the job ended | {} |",
        if exited { "0" } else { "FAILED" }
    );
    println!("\nresident memory (MiB) as the lines flowed:\n");
    println!("| lines printed | resident MiB |");
    println!("|---|---|");
    for share in [0u64, 10, 25, 50, 75, 90, 100] {
        let want = total * share / 100;
        if let Some((lines, rss)) = samples.iter().find(|(lines, _)| *lines >= want) {
            println!("| {lines} ({share}%) | {} |", mib(*rss));
        }
    }

    // The same two million lines read once, source after source.
    let once = start(
        plugin,
        &kubeconfig,
        &home_text,
        &["logs", JOB_ID, "--max-concurrency", "64"],
    );
    let pid = once.child.id();
    let stop = Arc::new(AtomicU64::new(0));
    let sampler = sample(pid, once.lines.clone(), stop.clone());
    let started = Instant::now();
    let mut once = once;
    let exited = wait_exit(&mut once.child, Duration::from_secs(900));
    let elapsed = started.elapsed();
    stop.store(1, Ordering::Relaxed);
    let (_, peak) = sampler.join().expect("sampler");
    once.reader.join().expect("reader");
    let lines = once.lines.load(Ordering::Relaxed);
    println!("\n### the same logs read once (`logs`, no -f, --max-concurrency 64)\n");
    println!("| measure | value |");
    println!("|---|---|");
    println!(
        "| lines | {lines} of {total} (exit {}) |",
        if exited { "0" } else { "FAILED" }
    );
    println!(
        "| malformed or split lines | {} |",
        once.bad.load(Ordering::Relaxed)
    );
    println!("| wall time (start to exit) | {} ms |", ms(elapsed));
    println!(
        "| lines per second | {:.0} |",
        lines as f64 / elapsed.as_secs_f64()
    );
    println!("| peak memory (VmHWM) | {} MiB |", mib(peak));
}
