//! Unit tests of submit's glue: what pre-flight is asked to look for, per upload method.

use clap::Parser;

use super::{plan, preflight_input};
use crate::cli::{Cli, Command};
use crate::cluster::preflight::PreflightInput;

const S3: &str = "twister2.resource.class.uploader=edu.iu.dsc.tws.rsched.uploaders.s3.S3Uploader";

fn preflight_of(extra: &[&str]) -> PreflightInput {
    let mut argv = vec![
        "kubectl-twister2",
        "submit",
        "hello",
        "--jar",
        "hello.jar",
        "--class",
        "a.B",
        "--workers",
        "1",
    ];
    argv.extend(extra);
    let args = match Cli::try_parse_from(argv).unwrap().command {
        Command::Submit(args) => args,
        other => panic!("parsed as {other:?}"),
    };
    let (config, _) = plan::effective_config(&args).unwrap();
    preflight_input(&args, &config, "u-hello-1")
}

fn asks_for_exec(input: &PreflightInput) -> bool {
    input
        .rights
        .iter()
        .any(|r| r.resource == "pods" && r.subresource == "exec")
}

#[test]
fn the_kubernetes_uploader_looks_for_uploader_pods_and_needs_exec() {
    let input = preflight_of(&[]);
    assert_eq!(
        input.uploader_selector.as_deref(),
        Some("app=twister2-uploader")
    );
    assert!(asks_for_exec(&input));
}

#[test]
fn s3_needs_neither_uploader_pods_nor_exec() {
    let input = preflight_of(&["--set", S3, "--set", "twister2.s3.bucket.name=s3://bkt"]);
    assert_eq!(input.uploader_selector, None);
    assert!(!asks_for_exec(&input));
    assert!(
        input
            .rights
            .iter()
            .any(|r| r.resource == "statefulsets" && r.verb == "create")
    );
}
