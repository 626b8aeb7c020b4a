//! submit's critical path: a 1000-worker job of 4 compute resources (and 10 / 100 workers)
//! submitted by the release binary against the fake API server with injected latency; round
//! trips counted from the server's request log, wall time and peak memory of the process.

use std::time::Duration;

use fake_kube::Match;

use crate::fixture::Cluster;
use crate::measure::{ms, run_once_to};

struct Case {
    workers: u32,
    resources: u32,
    latency_ms: u64,
}

pub fn run() {
    println!("\n## submit: critical path\n");
    println!(
        "Each run: a fresh fake API server with one uploader pod; `submit` until every pod runs \
(web-server upload). Waves = sequential rounds of requests (a wave starts after the previous \
one's answers); the upload's exec streams are counted apart.\n"
    );
    println!(
        "| workers | compute resources | latency | requests | waves (API, no exec) | exec streams | wall ms | peak RSS KiB |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let cases = [
        Case {
            workers: 10,
            resources: 1,
            latency_ms: 5,
        },
        Case {
            workers: 100,
            resources: 4,
            latency_ms: 5,
        },
        Case {
            workers: 1000,
            resources: 4,
            latency_ms: 5,
        },
        Case {
            workers: 10,
            resources: 1,
            latency_ms: 20,
        },
        Case {
            workers: 100,
            resources: 4,
            latency_ms: 20,
        },
        Case {
            workers: 1000,
            resources: 4,
            latency_ms: 20,
        },
    ];
    for case in cases {
        measure_case(&case);
    }
}

fn measure_case(case: &Case) {
    let Cluster {
        server,
        dir,
        kubeconfig,
    } = Cluster::with_uploader();
    server.set_pod_delays(Duration::ZERO, Duration::ZERO, Duration::ZERO);
    server.add_latency(Match::any(), Duration::from_millis(case.latency_ms));
    server.clear_requests();
    let per_resource = case.workers / case.resources;
    let mut args: Vec<String> = vec![
        "--kubeconfig".into(),
        kubeconfig.display().to_string(),
        "submit".into(),
        "bench".into(),
        "--jar".into(),
        format!(
            "{}/examples/hello/hello-world.jar",
            env!("CARGO_MANIFEST_DIR")
        ),
        "--class".into(),
        "edu.iu.dsc.tws.examples.basic.HelloWorld".into(),
        "--set".into(),
        "twister2.user.name=bench".into(),
        "--timeout".into(),
        "5m".into(),
    ];
    for _ in 0..case.resources {
        args.push("--compute-resource".into());
        args.push(format!("cpu=0.5,memory=512Mi,instances={per_resource}"));
    }
    let arg_refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let home = dir.path().display().to_string();
    let log_path = dir.path().join("stderr.log");
    let log = std::fs::File::create(&log_path).expect("stderr log");
    let run = run_once_to(
        env!("CARGO_BIN_EXE_kubectl-twister2"),
        &arg_refs,
        &[("HOME", home.as_str()), ("NO_COLOR", "1")],
        log.into(),
    );
    if !run.success {
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(15).collect();
        panic!(
            "submit failed in the benchmark ({} workers, {} ms):\n{}",
            case.workers,
            case.latency_ms,
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
    let requests = server.requests();
    let api = Match::any();
    let all = requests.len();
    let exec = requests.iter().filter(|r| r.subresource == "exec").count();
    let api_records: Vec<_> = server
        .requests_matching(&api)
        .into_iter()
        .filter(|r| r.subresource != "exec")
        .collect();
    let refs: Vec<&fake_kube::RequestRecord> = api_records.iter().collect();
    let waves = fake_kube::request_log::waves(&refs);
    println!(
        "| {} | {} | {} ms | {} | {} | {} | {} | {} |",
        case.workers,
        case.resources,
        case.latency_ms,
        all,
        waves,
        exec,
        ms(run.wall),
        run.max_rss_kib
    );
}
