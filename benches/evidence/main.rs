//! The evidence benchmarks: `cargo bench --bench evidence` prints every figure the docs quote.
//! Each section measures the release binary as a user runs it (a fresh process per run).

mod endpoints;
mod fixture;
mod kill;
mod kubectl_compare;
mod logs;
mod measure;
mod nodes;
mod startup;
mod submit;

fn main() {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| name.contains(o.as_str()));
    println!("# kubectl-twister2 evidence benchmarks");
    println!("machine: {}", measure::machine_summary());
    if wanted("startup") {
        startup::run();
    }
    if wanted("submit") {
        submit::run();
    }
    if wanted("kill") {
        kill::run();
    }
    if wanted("endpoints") {
        endpoints::run();
    }
    if wanted("nodes") {
        nodes::run();
    }
    if wanted("logs") {
        logs::run();
    }
    if wanted("kubectl") {
        kubectl_compare::run();
    }
}
