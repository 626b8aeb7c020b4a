//! Tests over every object of every job variant: validity, snapshots, schema validation.

use super::render;
use super::variants;

#[test]
fn every_variant_is_valid() {
    for (name, spec) in variants::all() {
        assert_eq!(spec.validate(), Ok(()), "{name}");
    }
}

#[test]
fn snapshots() {
    for (name, spec) in variants::all() {
        insta::assert_yaml_snapshot!(name, render(&spec).in_creation_order());
    }
}

/// Schema-validates every variant with `kubernetes-validate --strict` (PyPI
/// `kubernetes-validate`) when it is on PATH; CI installs it.
#[test]
fn variants_pass_kubernetes_validate_strict() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut objects = 0;
    for (name, spec) in variants::all() {
        let path = dir.path().join(format!("{name}.yaml"));
        let rendered = render(&spec);
        objects += rendered.in_creation_order().len();
        std::fs::write(&path, rendered.to_yaml().unwrap()).unwrap();
        files.push(path);
    }
    // KUBERNETES_VALIDATE_VERSIONS="1.31.0,1.33.0" checks several versions; 1.33.0 otherwise.
    let versions =
        std::env::var("KUBERNETES_VALIDATE_VERSIONS").unwrap_or_else(|_| "1.33.0".to_string());
    for version in versions.split(',').map(str::trim).filter(|v| !v.is_empty()) {
        let output = std::process::Command::new("kubernetes-validate")
            .args(["--strict", "--kubernetes-version", version])
            .args(&files)
            .output();
        let output = match output {
            Ok(output) => output,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // CI must run it; elsewhere it is optional.
                assert!(
                    std::env::var_os("CI").is_none(),
                    "kubernetes-validate is not on PATH (pip install kubernetes-validate)"
                );
                eprintln!("kubernetes-validate is not on PATH; schema validation skipped");
                return;
            }
            Err(e) => panic!("running kubernetes-validate: {e}"),
        };
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "kubernetes-validate {version} failed:\n{stdout}\n{stderr}"
        );
        assert!(
            !stdout.contains("ERROR") && !stdout.contains("WARN"),
            "{stdout}\n{stderr}"
        );
        let passed = stdout
            .lines()
            .filter(|l| l.contains(" passed for resource "))
            .count();
        assert_eq!(
            passed, objects,
            "every object validated by {version}:\n{stdout}"
        );
    }
}
