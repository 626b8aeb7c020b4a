//! krew: the template `.krew.yaml` rendered as krew-release-bot renders it, the committed
//! manifest `krew/twister2.yaml`, the archive and manifest `krew/package.sh` makes, checked
//! against krew's rules, and the release workflow that cross-builds the other platforms.

use std::collections::BTreeSet;
use std::io::Read as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;

use super::generated::repo;

/// The release tag of this version.
fn tag() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

/// The six platforms the plugin ships for.
const PLATFORMS: [(&str, &str); 6] = [
    ("linux", "amd64"),
    ("linux", "arm64"),
    ("darwin", "amd64"),
    ("darwin", "arm64"),
    ("windows", "amd64"),
    ("windows", "arm64"),
];

/// Placeholder checksum of the committed manifest: the real ones exist only once the release
/// workflow has built the archives.
const PLACEHOLDER_SHA256: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Render krew-release-bot's template: `{{ .TagName }}` becomes `tag`, and each
/// `{{addURIAndSha "URL" .TagName }}` line becomes `uri:` and `sha256:` lines (the checksum from
/// `sha256_of(url)`). Template comments are dropped.
pub fn render_template(template: &str, tag: &str, sha256_of: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for line in template.lines() {
        if line.starts_with('#') {
            continue;
        }
        let line = line.replace("{{ .TagName }}", tag);
        if let Some((indent, rest)) = line.split_once("{{addURIAndSha \"") {
            let url = rest.split('"').next().unwrap();
            out.push_str(&format!(
                "{indent}uri: {url}\n{indent}sha256: {}\n",
                sha256_of(url)
            ));
            continue;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// What `krew/twister2.yaml` must contain.
pub fn committed_manifest_text() -> String {
    let template = std::fs::read_to_string(repo().join(".krew.yaml")).unwrap();
    let header = "\
# krew-index manifest of kubectl-twister2: GENERATED from .krew.yaml by the tests
# (UPDATE_GENERATED=1 cargo nextest run --workspace distribution::generated); edit .krew.yaml.
# The sha256 values are placeholders (zeros) until the archives of this version exist: the
# release workflow (.github/workflows/release.yml) renders this manifest with the real
# checksums and attaches it to the GitHub release as twister2.yaml; submit that file.
";
    format!(
        "{header}{}",
        render_template(&template, &tag(), |_| PLACEHOLDER_SHA256.to_string())
    )
}

fn parse(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("not YAML: {e}\n{text}"))
}

fn str_at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v str> {
    let mut at = value;
    for key in path {
        at = at.get(*key)?;
    }
    at.as_str()
}

fn is_semver_with_v(version: &str) -> bool {
    let Some(rest) = version.strip_prefix('v') else {
        return false;
    };
    let core = rest.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().all(|p| p.len() == 1 || !p.starts_with('0'))
}

fn is_windows_reserved(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["CON", "PRN", "AUX", "NUL"].contains(&upper.as_str())
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes()[3].is_ascii_digit())
}

fn is_license_file(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    upper.starts_with("LICENSE") || upper.starts_with("COPYING")
}

/// One platform of a manifest, as checked.
#[derive(Debug, Clone)]
pub struct Platform {
    pub os: String,
    pub arch: String,
    pub uri: String,
    pub sha256: String,
    pub bin: String,
    pub files: Vec<String>,
}

/// Check a manifest against krew's rules (those `validate-krew-manifest` applies without
/// downloading); returns the platforms, panics listing every problem.
pub fn check_krew_rules(text: &str, file_name: &str) -> Vec<Platform> {
    let manifest = parse(text);
    let mut problems = Vec::new();
    let mut problem = |p: String| problems.push(p);
    if str_at(&manifest, &["apiVersion"]) != Some("krew.googlecontainertools.github.com/v1alpha2") {
        problem("apiVersion is not krew.googlecontainertools.github.com/v1alpha2".into());
    }
    if str_at(&manifest, &["kind"]) != Some("Plugin") {
        problem("kind is not Plugin".into());
    }
    let name = str_at(&manifest, &["metadata", "name"]).unwrap_or_default();
    if format!("{name}.yaml") != file_name {
        problem(format!(
            "metadata.name {name:?} does not match the file name {file_name}"
        ));
    }
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        || is_windows_reserved(name)
    {
        problem(format!("metadata.name {name:?} is not a valid plugin name"));
    }
    let version = str_at(&manifest, &["spec", "version"]).unwrap_or_default();
    if !is_semver_with_v(version) {
        problem(format!(
            "spec.version {version:?} is not semver with a leading v"
        ));
    }
    if version != tag() {
        problem(format!(
            "spec.version {version} is not the crate's {}",
            tag()
        ));
    }
    let homepage = str_at(&manifest, &["spec", "homepage"]).unwrap_or_default();
    if !homepage.starts_with("https://") {
        problem(format!("spec.homepage {homepage:?} is not an https URL"));
    }
    let short = str_at(&manifest, &["spec", "shortDescription"]).unwrap_or_default();
    if short.is_empty() || short.contains('\n') || short.chars().count() > 50 {
        problem(format!(
            "spec.shortDescription {short:?} must be one line of at most 50 characters"
        ));
    }
    let description = str_at(&manifest, &["spec", "description"]).unwrap_or_default();
    if description.trim().is_empty() {
        problem("spec.description is empty".into());
    }
    if let Some(long) = description.lines().find(|l| l.chars().count() > 80) {
        problem(format!(
            "spec.description is not wrapped at 80 columns: {long:?}"
        ));
    }
    let caveats = str_at(&manifest, &["spec", "caveats"]).unwrap_or_default();
    if !caveats.contains("kubectl_complete-twister2") {
        problem("spec.caveats does not say how to enable completion".into());
    }
    let mut platforms = Vec::new();
    let items = manifest
        .get("spec")
        .and_then(|s| s.get("platforms"))
        .and_then(Value::as_sequence)
        .cloned()
        .unwrap_or_default();
    if items.is_empty() {
        problem("spec.platforms is empty".into());
    }
    let mut selectors = BTreeSet::new();
    for (i, item) in items.iter().enumerate() {
        let labels = item
            .get("selector")
            .and_then(|s| s.get("matchLabels"))
            .and_then(Value::as_mapping);
        let Some(labels) = labels.filter(|l| !l.is_empty()) else {
            problem(format!("platform {i}: no selector.matchLabels"));
            continue;
        };
        for key in labels.keys() {
            if !matches!(key.as_str(), Some("os" | "arch")) {
                problem(format!(
                    "platform {i}: selector key {key:?} is not os or arch"
                ));
            }
        }
        let os = str_at(item, &["selector", "matchLabels", "os"]).unwrap_or_default();
        let arch = str_at(item, &["selector", "matchLabels", "arch"]).unwrap_or_default();
        if !PLATFORMS.contains(&(os, arch)) {
            problem(format!(
                "platform {i}: {os}/{arch} is not a supported platform"
            ));
        }
        if !selectors.insert((os.to_string(), arch.to_string())) {
            problem(format!(
                "platform {i}: {os}/{arch} overlaps another selector"
            ));
        }
        let uri = str_at(item, &["uri"]).unwrap_or_default();
        if !uri.starts_with("https://") || !(uri.ends_with(".tar.gz") || uri.ends_with(".zip")) {
            problem(format!(
                "platform {i}: uri {uri:?} is not an https .tar.gz/.zip"
            ));
        }
        let sha256 = str_at(item, &["sha256"]).unwrap_or_default();
        if sha256.len() != 64
            || !sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            problem(format!(
                "platform {i}: sha256 {sha256:?} is not 64 lowercase hex"
            ));
        }
        let bin = str_at(item, &["bin"]).unwrap_or_default();
        if bin.is_empty() || (os == "windows") != bin.ends_with(".exe") {
            problem(format!(
                "platform {i}: bin {bin:?} (Windows needs .exe, only there)"
            ));
        }
        let files: Vec<String> = item
            .get("files")
            .and_then(Value::as_sequence)
            .map(|files| {
                files
                    .iter()
                    .filter_map(|f| str_at(f, &["from"]).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if !files.iter().any(|f| f == bin) {
            problem(format!(
                "platform {i}: bin {bin} is not among the files extracted"
            ));
        }
        if !files.iter().any(|f| is_license_file(f)) {
            problem(format!(
                "platform {i}: no LICENSE among the files extracted"
            ));
        }
        if !files
            .iter()
            .any(|f| f.starts_with("kubectl_complete-twister2"))
        {
            problem(format!(
                "platform {i}: the completion helper is not extracted"
            ));
        }
        platforms.push(Platform {
            os: os.into(),
            arch: arch.into(),
            uri: uri.into(),
            sha256: sha256.into(),
            bin: bin.into(),
            files,
        });
    }
    assert!(
        problems.is_empty(),
        "{file_name} breaks krew's rules:\n  {}",
        problems.join("\n  ")
    );
    platforms
}

/// The manifest without its platforms (what does not depend on the archives).
fn without_platforms(text: &str) -> Value {
    let mut manifest = parse(text);
    if let Some(spec) = manifest.get_mut("spec").and_then(Value::as_mapping_mut) {
        spec.remove("platforms");
    }
    manifest
}

#[test]
fn committed_manifest_follows_krew_rules_and_covers_every_platform() {
    let text = std::fs::read_to_string(repo().join("krew/twister2.yaml")).unwrap();
    let platforms = check_krew_rules(&text, "twister2.yaml");
    let covered: BTreeSet<(&str, &str)> = platforms
        .iter()
        .map(|p| (p.os.as_str(), p.arch.as_str()))
        .collect();
    assert_eq!(covered, PLATFORMS.into_iter().collect());
    let release = format!(
        "{}/releases/download/{}/",
        env!("CARGO_PKG_REPOSITORY"),
        tag()
    );
    for p in &platforms {
        assert_eq!(
            p.uri,
            format!(
                "{release}kubectl-twister2_{}_{}_{}.tar.gz",
                tag(),
                p.os,
                p.arch
            )
        );
    }
    let manifest = parse(&text);
    assert_eq!(
        str_at(&manifest, &["spec", "homepage"]),
        Some(env!("CARGO_PKG_REPOSITORY"))
    );
}

#[test]
fn template_renders_like_the_release_bot_would() {
    let template = std::fs::read_to_string(repo().join(".krew.yaml")).unwrap();
    assert!(template.contains("version: {{ .TagName }}"));
    assert_eq!(
        template.matches("{{addURIAndSha \"").count(),
        PLATFORMS.len()
    );
    // the bot renders any tag: a later version must give a valid manifest too
    let rendered = render_template(&template, "v9.8.7", |_| "ab".repeat(32));
    let manifest = parse(&rendered);
    assert_eq!(str_at(&manifest, &["spec", "version"]), Some("v9.8.7"));
    assert!(
        !rendered.contains("{{"),
        "unrendered template syntax:\n{rendered}"
    );
    assert!(
        rendered.contains("/releases/download/v9.8.7/kubectl-twister2_v9.8.7_linux_amd64.tar.gz")
    );
}

/// Run krew/package.sh with `args`; returns stdout.
fn package(args: &[&str]) -> String {
    let out = Command::new("bash")
        .arg(repo().join("krew/package.sh"))
        .args(args)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "krew/package.sh {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn sha256_of(path: &Path) -> String {
    let out = Command::new("sha256sum")
        .arg(path)
        .output()
        .expect("sha256sum (coreutils) is installed");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

/// The entries of a .tar.gz: name → (mode, content).
fn archive_entries(path: &Path) -> Vec<(String, u32, Vec<u8>)> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    archive
        .entries()
        .unwrap()
        .map(|entry| {
            let mut entry = entry.unwrap();
            let name = entry.path().unwrap().display().to_string();
            let mode = entry.header().mode().unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            (name, mode, content)
        })
        .collect()
}

#[test]
fn package_script_builds_an_archive_that_installs_and_runs() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let binary = env!("CARGO_BIN_EXE_kubectl-twister2");
    let printed = package(&["--binary", binary, "--out", out_dir]);
    let host_archive = printed
        .lines()
        .find_map(|l| l.strip_prefix("archive: "))
        .map(PathBuf::from)
        .expect("package.sh names the archive");
    assert!(host_archive.exists());

    // The rendered manifest points at the archive with its real checksum.
    let manifest_text = std::fs::read_to_string(out.path().join("twister2.yaml")).unwrap();
    let platforms = check_krew_rules(&manifest_text, "twister2.yaml");
    assert_eq!(platforms.len(), 1, "only the host's archive exists");
    let platform = &platforms[0];
    assert_eq!(
        platform.uri.rsplit('/').next().unwrap(),
        host_archive.file_name().unwrap().to_string_lossy()
    );
    assert_eq!(platform.sha256, sha256_of(&host_archive));
    // Same description, caveats… as the committed manifest; same platform entry but the checksum.
    let committed = std::fs::read_to_string(repo().join("krew/twister2.yaml")).unwrap();
    assert_eq!(
        without_platforms(&manifest_text),
        without_platforms(&committed)
    );
    let committed_platform = check_krew_rules(&committed, "twister2.yaml")
        .into_iter()
        .find(|p| p.os == platform.os && p.arch == platform.arch)
        .expect("the host platform is in the committed manifest");
    assert_eq!(committed_platform.uri, platform.uri);
    assert_eq!(committed_platform.files, platform.files);
    assert_eq!(committed_platform.bin, platform.bin);

    // Every file the manifest extracts is in the archive, and nothing else.
    let entries = archive_entries(&host_archive);
    let names: BTreeSet<&str> = entries.iter().map(|(n, _, _)| n.as_str()).collect();
    let wanted: BTreeSet<&str> = platform.files.iter().map(String::as_str).collect();
    assert_eq!(names, wanted);
    assert!(names.contains(platform.bin.as_str()) && names.contains("LICENSE"));
    for (name, mode, content) in &entries {
        match name.as_str() {
            "LICENSE" => {
                assert_eq!(content, &std::fs::read(repo().join("LICENSE")).unwrap());
            }
            "kubectl_complete-twister2" => {
                assert_eq!(mode & 0o111, 0o111, "{name} is executable");
                let script = std::fs::read(repo().join("completions/kubectl_complete-twister2"));
                assert_eq!(content, &script.unwrap());
            }
            _ => assert_eq!(mode & 0o111, 0o111, "{name} is executable"),
        }
    }

    // Unpacked, it runs: the plugin, and the completion helper through it.
    let unpacked = tempfile::tempdir().unwrap();
    tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(&host_archive).unwrap(),
    ))
    .unpack(unpacked.path())
    .unwrap();
    let version = Command::new(unpacked.path().join("kubectl-twister2"))
        .args(["version", "--client"])
        .env_remove("KUBECONFIG")
        .output()
        .unwrap();
    assert!(version.status.success(), "{version:?}");
    assert!(
        String::from_utf8_lossy(&version.stdout).starts_with(&format!("Client Version: {}", tag())),
        "{version:?}"
    );
    let path = std::env::join_paths(std::iter::once(unpacked.path().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let completion = Command::new(unpacked.path().join("kubectl_complete-twister2"))
        .arg("setup")
        .arg("")
        .env("PATH", path)
        .env_remove("KUBECONFIG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&completion.stdout);
    assert!(completion.status.success(), "{completion:?}");
    assert!(
        stdout.lines().any(|l| l.starts_with("zookeeper\t")),
        "{stdout}"
    );
    assert_eq!(stdout.lines().last(), Some(":4"), "{stdout}");
}

#[test]
fn package_script_makes_windows_archives_and_renders_every_archive_present() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    // The layout is what is tested here, not the binary: any file stands in for the .exe.
    let fake_exe = out.path().join("fake.exe");
    std::fs::write(&fake_exe, b"MZ not really").unwrap();
    let fake = fake_exe.to_str().unwrap();
    package(&[
        "--binary",
        fake,
        "--target",
        "x86_64-pc-windows-msvc",
        "--out",
        out_dir,
    ]);
    package(&[
        "--binary",
        fake,
        "--target",
        "aarch64-unknown-linux-gnu",
        "--out",
        out_dir,
    ]);

    let windows = out
        .path()
        .join(format!("kubectl-twister2_{}_windows_amd64.tar.gz", tag()));
    let entries = archive_entries(&windows);
    let names: Vec<&str> = entries.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "kubectl-twister2.exe",
            "kubectl_complete-twister2.cmd",
            "LICENSE"
        ]
    );
    let cmd = String::from_utf8_lossy(&entries[1].2).into_owned();
    assert_eq!(cmd, "@kubectl-twister2.exe __complete -- %*\r\n");

    // --render-only re-renders from the archives present: both platforms, their checksums.
    std::fs::remove_file(out.path().join("twister2.yaml")).unwrap();
    package(&["--render-only", "--out", out_dir]);
    let text = std::fs::read_to_string(out.path().join("twister2.yaml")).unwrap();
    let platforms = check_krew_rules(&text, "twister2.yaml");
    let mut found: Vec<(String, String)> = platforms
        .iter()
        .map(|p| (p.os.clone(), p.arch.clone()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("linux".to_string(), "arm64".to_string()),
            ("windows".to_string(), "amd64".to_string())
        ]
    );
    for p in &platforms {
        let file = out.path().join(p.uri.rsplit('/').next().unwrap());
        assert_eq!(p.sha256, sha256_of(&file), "{}", p.uri);
    }
}

#[test]
fn package_script_refuses_what_krew_cannot_ship() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let run = |args: &[&str]| {
        Command::new("bash")
            .arg(repo().join("krew/package.sh"))
            .args(args)
            .output()
            .unwrap()
    };
    let binary = env!("CARGO_BIN_EXE_kubectl-twister2");
    let cases: [(&[&str], &str); 4] = [
        (&["--render-only", "--out", out_dir], "no archive of"),
        (
            &[
                "--binary",
                binary,
                "--target",
                "riscv64gc-unknown-linux-gnu",
                "--out",
                out_dir,
            ],
            "has no krew platform",
        ),
        (
            &["--binary", binary, "--version", "1.0", "--out", out_dir],
            "not semver",
        ),
        (
            &["--binary", "/nonexistent", "--out", out_dir],
            "does not exist",
        ),
    ];
    for (args, message) in cases {
        let output = run(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn completion_helper_is_an_executable_two_line_script() {
    let path = repo().join("completions/kubectl_complete-twister2");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "#!/bin/sh\nexec kubectl-twister2 __complete -- \"$@\"\n"
    );
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o755,
        0o755,
        "mode {mode:o}: git must record it as 100755"
    );
    // Once tracked, git must have recorded the executable bit.
    let staged = Command::new("git")
        .args(["ls-files", "-s", "completions/kubectl_complete-twister2"])
        .current_dir(repo())
        .output();
    if let Ok(staged) = staged {
        let line = String::from_utf8_lossy(&staged.stdout);
        if !line.trim().is_empty() {
            assert!(line.starts_with("100755 "), "git records {line}");
        }
    }
}

#[test]
fn release_workflow_is_valid_yaml_covering_every_platform() {
    let text = std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    assert!(
        text.contains("never run"),
        "the workflow says it cannot run here"
    );
    let workflow = parse(&text);
    let tags = workflow
        .get("on")
        .and_then(|on| on.get("push"))
        .and_then(|push| push.get("tags"))
        .and_then(Value::as_sequence)
        .expect("runs on pushed tags");
    assert!(!tags.is_empty());
    let jobs = workflow
        .get("jobs")
        .and_then(Value::as_mapping)
        .expect("jobs");
    let mut built = BTreeSet::new();
    let mut steps_text = Vec::new();
    for (_, job) in jobs {
        assert!(job.get("runs-on").is_some(), "every job says where it runs");
        if let Some(include) = job
            .get("strategy")
            .and_then(|s| s.get("matrix"))
            .and_then(|m| m.get("include"))
            .and_then(Value::as_sequence)
        {
            for entry in include {
                let os = str_at(entry, &["os"]).unwrap().to_string();
                let arch = str_at(entry, &["arch"]).unwrap().to_string();
                let target = str_at(entry, &["target"]).unwrap();
                let expected_arch = if target.starts_with("x86_64-") {
                    "amd64"
                } else {
                    "arm64"
                };
                assert_eq!(arch, expected_arch, "{target}");
                built.insert((os, arch));
            }
        }
        for step in job
            .get("steps")
            .and_then(Value::as_sequence)
            .expect("steps")
        {
            steps_text.push(serde_yaml::to_string(step).unwrap());
        }
    }
    let expected: BTreeSet<(String, String)> = PLATFORMS
        .iter()
        .map(|(o, a)| (o.to_string(), a.to_string()))
        .collect();
    assert_eq!(built, expected, "the matrix builds every krew platform");
    let steps = steps_text.join("\n");
    assert!(steps.contains("krew/package.sh --target"), "{steps}");
    assert!(steps.contains("krew/package.sh --render-only"), "{steps}");
    assert!(steps.contains("rajatjindal/krew-release-bot@"), "{steps}");
}
