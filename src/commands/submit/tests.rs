//! Unit tests of submit's glue: what pre-flight is asked to look for, per upload method.

use clap::Parser;

use super::{preflight_input, request};
use crate::cli::{Cli, Command};
use crate::cluster::preflight::PreflightInput;

const S3: &str = "twister2.resource.class.uploader=edu.iu.dsc.tws.rsched.uploaders.s3.S3Uploader";

fn preflight_of(extra: &[&str]) -> PreflightInput {
    let jar = tempfile::NamedTempFile::new().unwrap();
    let jar_path = jar.path().to_str().unwrap().to_string();
    let mut argv = vec![
        "kubectl-twister2",
        "submit",
        "hello",
        "--jar",
        &jar_path,
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
    let namespace = crate::twister2::submit::Namespace {
        name: "default".into(),
        origin: crate::twister2::submit::NamespaceOrigin::Kubeconfig,
    };
    let request = request::request(&args, namespace, 1_700_000_000_000).unwrap();
    preflight_input(&request, &args.run.waiting, &args.run.checks)
}

fn asks_for_exec(input: &PreflightInput) -> bool {
    input
        .rights
        .iter()
        .any(|r| r.kind.plural() == "pods" && r.subresource == "exec")
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
            .any(|r| r.kind.plural() == "statefulsets" && r.verb == "create")
    );
}

#[test]
fn volumes_storage_classes_and_nodes_are_read_unless_the_checks_are_skipped() {
    let input = preflight_of(&["--volume", "data:/data", "--persistent-storage", "1Gi"]);
    assert_eq!(input.volume_claims, ["data"]);
    assert!(input.scheduling_checks && input.storage_classes && input.node_info);
    assert!(
        input
            .rights
            .iter()
            .any(|r| r.kind.plural() == "persistentvolumeclaims" && r.verb == "get"),
        "the claims are read"
    );
    let input = preflight_of(&["--skip-scheduling-checks"]);
    assert!(!input.scheduling_checks && !input.storage_classes);
    assert!(input.volume_claims.is_empty());
}
