//! Start-up: `kubectl-twister2 version --client` against `kubectl version --client`, both as fresh
//! processes, medians of many runs.

use crate::measure::{ms, repeat};

const RUNS: usize = 41;

pub fn run() {
    let plugin = env!("CARGO_BIN_EXE_kubectl-twister2");
    println!("\n## start-up ({RUNS} runs each, after 3 warm-up runs)\n");
    println!("| command | median ms | p90 ms | peak RSS KiB |");
    println!("|---|---|---|---|");
    let ours = repeat(plugin, &["version", "--client"], &[], 3, RUNS);
    println!(
        "| kubectl-twister2 version --client ({} runs) | {} | {} | {} |",
        ours.runs,
        ms(ours.median),
        ms(ours.p90),
        ours.max_rss_kib
    );
    let kubectl_found = std::process::Command::new("kubectl")
        .args(["version", "--client"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if kubectl_found {
        let theirs = repeat("kubectl", &["version", "--client"], &[], 3, RUNS);
        println!(
            "| kubectl version --client ({} runs) | {} | {} | {} |",
            theirs.runs,
            ms(theirs.median),
            ms(theirs.p90),
            theirs.max_rss_kib
        );
        println!(
            "\nratio (plugin / kubectl, medians): {:.3}",
            ours.median.as_secs_f64() / theirs.median.as_secs_f64()
        );
    } else {
        println!("\nkubectl not found on PATH: no comparison");
    }
}
