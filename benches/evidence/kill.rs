//! kill: a running 100-worker job (web-server upload) killed by the release binary against the
//! fake API server with injected latency, with a scripted Twister2 job master that deletes the
//! job's objects when `KILL_JOB` appears (Twister2's protocol), and without one (the plugin's
//! fallback deletion after `--timeout`). Round trips from the server's request log.

use std::time::Duration;

use fake_kube::{EventType, Match, resources::Res};

use crate::fixture::Cluster;
use crate::measure::{ms, run_once_to};

pub fn run() {
    println!("\n## kill\n");
    println!(
        "Each run: a fresh fake API server, one uploader pod, a 100-worker job submitted with \
`--detach`; then `kill JOBID -y` is measured. With a job master, the job's objects go when it \
sees `KILL_JOB`; without one, the plugin deletes them after `--timeout 1s`.\n"
    );
    println!(
        "| job master | latency | requests | sequential waves (no exec) | exec streams | wall ms | peak RSS KiB |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (job_master, latency_ms) in [(true, 5), (true, 20), (false, 5), (false, 20)] {
        measure(job_master, latency_ms);
    }
}

fn measure(job_master: bool, latency_ms: u64) {
    let Cluster {
        server,
        dir,
        kubeconfig,
    } = Cluster::with_uploader();
    let home = dir.path().display().to_string();
    let kc = kubeconfig.display().to_string();
    let jar = format!(
        "{}/examples/hello/hello-world.jar",
        env!("CARGO_MANIFEST_DIR")
    );
    let envs = [("HOME", home.as_str()), ("NO_COLOR", "1")];
    let submit = run_once_to(
        env!("CARGO_BIN_EXE_kubectl-twister2"),
        &[
            "--kubeconfig",
            &kc,
            "submit",
            "bench",
            "--jar",
            &jar,
            "--class",
            "edu.iu.dsc.tws.examples.basic.HelloWorld",
            "--workers",
            "100",
            "--job-id",
            "bench-kill",
            "--detach",
        ],
        &envs,
        std::process::Stdio::null(),
    );
    assert!(submit.success, "submit failed in the kill benchmark");
    if job_master {
        server.on_change(
            |ev| {
                ev.kind == EventType::Modified
                    && ev.res == Res::by_plural("", "configmaps").expect("configmaps")
                    && ev.object["data"]["KILL_JOB"] == "true"
            },
            |handle, ev| {
                let selector = format!("t2-job={}", ev.name);
                for resource in ["statefulsets", "services", "configmaps"] {
                    let _ =
                        handle.delete_selected(resource, Some(ev.namespace.as_str()), &selector);
                }
            },
        );
    }
    server.add_latency(Match::any(), Duration::from_millis(latency_ms));
    server.clear_requests();
    let run = run_once_to(
        env!("CARGO_BIN_EXE_kubectl-twister2"),
        &[
            "--kubeconfig",
            &kc,
            "kill",
            "bench-kill",
            "-y",
            "--timeout",
            "1s",
        ],
        &envs,
        std::process::Stdio::null(),
    );
    assert!(run.success, "kill failed in the benchmark");
    let requests = server.requests();
    let exec = requests.iter().filter(|r| r.subresource == "exec").count();
    let api: Vec<&fake_kube::RequestRecord> = requests
        .iter()
        .filter(|r| r.subresource != "exec")
        .collect();
    println!(
        "| {} | {} ms | {} | {} | {} | {} | {} |",
        if job_master {
            "answers"
        } else {
            "none (fallback)"
        },
        latency_ms,
        requests.len(),
        fake_kube::request_log::waves(&api),
        exec,
        ms(run.wall),
        run.max_rss_kib
    );
}
