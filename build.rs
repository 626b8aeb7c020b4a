//! Records the git commit the binary is built from (`version` prints it).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
    println!("cargo:rerun-if-env-changed=KUBECTL_TWISTER2_GIT_COMMIT");
    let commit = std::env::var("KUBECTL_TWISTER2_GIT_COMMIT")
        .ok()
        .or_else(|| {
            Command::new("git")
                .args(["rev-parse", "--short=12", "HEAD"])
                .output()
                .ok()
                .filter(|o| o.status.success())
                .and_then(|o| String::from_utf8(o.stdout).ok())
                .map(|s| s.trim().to_string())
        });
    if let Some(commit) = commit {
        println!("cargo:rustc-env=KUBECTL_TWISTER2_GIT_COMMIT={commit}");
    }
}
