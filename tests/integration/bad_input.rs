//! Bad input through the real binary: job names and IDs (empty, unicode, 500 characters, only
//! symbols), quantities (`-1`, `1.5.3`, `10Xi`), configuration files (malformed YAML, wrong types,
//! huge, binary, unknown keys, both spellings of a key), missing and unreadable files, and
//! kubeconfigs without a current context or with a proxy. Every refusal exits 1 or 2 with a
//! message naming the bad value, never panics, and happens before the first request to the cluster.

use std::path::PathBuf;

use crate::common::{Env, fails, ok, texts};

fn jar() -> String {
    crate::common::hello_jar()
}

/// `submit NAME --class … --workers 1` followed by `extra`, with the example jar unless `extra`
/// names one.
fn submit(name: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "submit",
        name,
        "--class",
        "edu.iu.dsc.tws.examples.basic.HelloWorld",
        "--set",
        "twister2.user.name=tester",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if !extra.contains(&"--jar") {
        args.extend(["--jar".to_string(), jar()]);
    }
    if !extra
        .iter()
        .any(|a| a.starts_with("--workers") || a.starts_with("--compute-resource"))
    {
        args.extend(["--workers".to_string(), "1".to_string()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn write(env: &Env, name: &str, bytes: &[u8]) -> PathBuf {
    let path = env.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs `args` against a fake cluster and requires a refusal: exit 1 or 2, every needle on stderr,
/// no panic, and not one request sent to the cluster.
#[track_caller]
fn refused(env: &Env, args: &[String], needles: &[&str]) -> String {
    env.server.clear_requests();
    let output = env.plugin().args(args).output().unwrap();
    let (_, stderr) = texts(&output);
    let code = output.status.code();
    assert!(
        matches!(code, Some(1) | Some(2)),
        "{args:?}: exit {code:?}\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{args:?}: a panic reached the user:\n{stderr}"
    );
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{args:?}: {needle:?} missing from:\n{stderr}"
        );
    }
    let sent: Vec<String> = env
        .server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(sent.is_empty(), "{args:?}: sent before refusing: {sent:?}");
    stderr
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

const LONG: usize = 500;

#[test]
fn job_names_with_no_usable_character_are_refused_naming_them() {
    let env = Env::new();
    for name in ["", "日本語", "!!!", "🙂🙂", "   "] {
        refused(
            &env,
            &submit(name, &[]),
            &[&format!("job name '{name}' has no usable character")],
        );
    }
}

#[test]
fn a_500_character_job_name_is_shortened_as_twister2_does_and_said_so() {
    let env = Env::new();
    let name = "x".repeat(LONG);
    let output = env
        .plugin()
        .args(submit(&name, &["--dry-run=client", "-o", "name"]))
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("job name '{name}' became '{}'", "x".repeat(30))),
        "{stderr}"
    );
    for line in stdout.lines() {
        let object = line.rsplit('/').next().unwrap();
        assert!(object.len() <= 63, "object name too long: {object}");
    }
}

#[test]
fn invalid_job_ids_are_refused_by_every_command_before_any_request() {
    let env = Env::new();
    let long = "a".repeat(LONG);
    for id in ["", "日本語", "!!!", "UPPER", "dash-", long.as_str()] {
        // Shown whole, or (very long) by its length.
        let shown = if id.len() == LONG {
            "500 characters".to_string()
        } else {
            id.to_string()
        };
        refused(&env, &submit("ok", &["--job-id", id]), &[&shown]);
        for command in [
            strings(&["kill", id, "-y"]),
            strings(&["logs", id]),
            strings(&["describe", id]),
            strings(&["endpoints", id]),
        ] {
            refused(
                &env,
                &command,
                &["not a valid Twister2 job ID", &format!("\"{id}\"")],
            );
        }
    }
}

/// `submit` quantities that must be refused, and what the refusal names.
const BAD_QUANTITIES: [(&[&str], &str); 10] = [
    (&["--cpu=-1"], "cpu '-1' must not be negative"),
    (&["--cpu", "-1"], "'-1'"),
    (&["--cpu", "1.5.3"], "cpu '1.5.3' is not a valid quantity"),
    (
        &["--memory", "10Xi"],
        "memory '10Xi' is not a valid quantity",
    ),
    (&["--memory=-1Gi"], "memory '-1Gi' must not be negative"),
    (&["--memory", "1.5.3Gi"], "'1.5.3Gi'"),
    (
        &["--compute-resource", "cpu=1.5.3,memory=1Gi,instances=1"],
        "'1.5.3'",
    ),
    (
        &["--compute-resource", "cpu=1,memory=10Xi,instances=1"],
        "'10Xi'",
    ),
    (&["--workers=-1"], "'-1'"),
    (&["--workers", "0"], "--workers must be at least 1"),
];

#[test]
fn bad_quantities_are_refused_naming_the_value_before_any_request() {
    let env = Env::new();
    for (extra, needle) in BAD_QUANTITIES {
        refused(&env, &submit("ok", extra), &[needle]);
    }
    for size in ["10Xi", "-1", "1.5.3Gi"] {
        refused(
            &env,
            &strings(&["setup", "zookeeper", &format!("--storage-size={size}")]),
            &[&format!("--storage-size \"{size}\"")],
        );
    }
    refused(
        &env,
        &strings(&["setup", "zookeeper", "--replicas", "2"]),
        &["--replicas \"2\""],
    );
}

#[test]
fn broken_configuration_files_are_refused_naming_file_and_value() {
    let env = Env::new();
    let malformed = write(&env, "malformed.yaml", b"a: [1, 2\nb: {");
    let types = write(
        &env,
        "types.yaml",
        b"kubernetes.image.pull.policy: [1, 2]\ntwister2.resource.worker.compute.resources: 7\n",
    );
    let list = write(&env, "list.yaml", b"- a\n- b\n");
    let binary = write(&env, "binary.yaml", b"\xff\xfe\x00\x01");
    let mut huge_text = String::new();
    while huge_text.len() <= 11 * 1024 * 1024 {
        huge_text
            .push_str("twister2.padding.key: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n");
    }
    let huge = write(&env, "huge.yaml", huge_text.as_bytes());
    let cases: [(&PathBuf, &[&str]); 5] = [
        (
            &malformed,
            &["malformed.yaml", "is not valid YAML", "line 2"],
        ),
        (
            &types,
            &[
                "kubernetes.image.pull.policy = [1,2]: expected a string, found a list",
                "twister2.resource.worker.compute.resources = 7",
            ],
        ),
        (&list, &["list.yaml", "must be a map", "it is a list"]),
        (&binary, &["binary.yaml", "not UTF-8"]),
        (&huge, &["huge.yaml", "bytes are refused"]),
    ];
    for (file, needles) in cases {
        let path = file.to_string_lossy().into_owned();
        refused(&env, &submit("ok", &["--config", &path]), needles);
    }
    // `nodes label --from-config` reads the same format.
    let path = malformed.to_string_lossy().into_owned();
    refused(
        &env,
        &strings(&["nodes", "label", "--from-config", &path]),
        &["malformed.yaml", "is not valid YAML"],
    );
    refused(
        &env,
        &submit("ok", &["--set", "=x"]),
        &["--set =x: the key is empty"],
    );
}

#[test]
fn unknown_keys_and_both_spellings_are_accepted_with_warnings_naming_the_keys() {
    let env = Env::new();
    let unknown = write(&env, "unknown.yaml", b"twister2.no.such.key: 1\nfoo: bar\n");
    let both = write(
        &env,
        "both.yaml",
        b"kubernetes.racks.list:\n  - r1: [a]\ntwister2.resource.racks.list:\n  - r2: [b]\n",
    );
    let output = env
        .plugin()
        .args(submit("ok", &["--dry-run=client", "--config"]))
        .arg(&unknown)
        .arg("--config")
        .arg(&both)
        .output()
        .unwrap();
    let (_, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    for needle in [
        "unknown key 'twister2.no.such.key'",
        "unknown key 'foo'",
        "both 'twister2.resource.racks.list' and its stale spelling 'kubernetes.racks.list' are set",
    ] {
        assert!(
            stderr.contains(needle),
            "{needle:?} missing from:\n{stderr}"
        );
    }
}

#[test]
fn missing_and_unreadable_files_are_named() {
    let env = Env::new();
    let dir = env.dir.path().to_string_lossy().into_owned();
    let not_a_key = write(&env, "not-a-key", b"hello\n");
    let not_a_key = not_a_key.to_string_lossy().into_owned();
    let cases: Vec<(Vec<String>, Vec<String>)> = vec![
        (
            submit("ok", &["--jar", "/missing/job.jar"]),
            vec!["job file /missing/job.jar does not exist".into()],
        ),
        (
            submit("ok", &["--jar", &dir]),
            vec![format!("job file {dir} is a directory")],
        ),
        (
            submit("ok", &["--config", "/missing/t2.yaml"]),
            vec!["configuration file /missing/t2.yaml does not exist".into()],
        ),
        (
            submit("ok", &["--config", &dir]),
            vec![format!("{dir} is a directory")],
        ),
        (
            submit("ok", &["--conf-dir", "/missing/conf"]),
            vec!["--conf-dir /missing/conf".into(), "does not exist".into()],
        ),
        (
            strings(&["nodes", "label", "--from-config", "/missing/racks.yaml"]),
            vec!["/missing/racks.yaml does not exist".into()],
        ),
        (
            strings(&[
                "setup",
                "openmpi-secret",
                "--from-private-key",
                "/missing/id_rsa",
            ]),
            vec!["/missing/id_rsa".into()],
        ),
        (
            strings(&["setup", "openmpi-secret", "--from-private-key", &not_a_key]),
            vec![format!("{not_a_key} is not a usable private key")],
        ),
    ];
    for (args, needles) in cases {
        let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
        refused(&env, &args, &needles);
    }
    // Permissions bind only when not running as root.
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        use std::os::unix::fs::PermissionsExt;
        let locked = write(&env, "locked.yaml", b"a: 1\n");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let path = locked.to_string_lossy().into_owned();
        refused(&env, &submit("ok", &["--config", &path]), &[&path]);
    }
}

#[test]
fn kubeconfigs_without_a_usable_context_are_named() {
    let env = Env::new();
    let no_current = write(
        &env,
        "no-current",
        b"apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:1\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\nusers:\n- name: u\n  user:\n    token: t\n",
    );
    let malformed = write(&env, "malformed", b"not: [yaml");
    let proxied = write(
        &env,
        "proxied",
        b"apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:1\n    proxy-url: https://user:secret@127.0.0.1:3128\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\nusers:\n- name: u\n  user:\n    token: t\n",
    );
    let run = |kubeconfig: &std::path::Path, extra: &[&str]| {
        let mut cmd = crate::common::plugin_in(env.dir.path());
        cmd.arg("--kubeconfig").arg(kubeconfig).args(extra);
        fails(&mut cmd, 1)
    };
    let err = run(&no_current, &["jobs"]);
    assert!(
        err.contains("no current-context is set; pass --context NAME (contexts defined: c)"),
        "{err}"
    );
    let err = run(&no_current, &["jobs", "--context", "nope"]);
    assert!(err.contains("context \"nope\" is not defined"), "{err}");
    let err = run(&malformed, &["jobs"]);
    assert!(
        err.contains("cannot read kubeconfig") && err.contains("malformed"),
        "{err}"
    );
    let err = run(&proxied, &["jobs"]);
    assert!(
        err.contains(
            "proxy-url https://127.0.0.1:3128; only http://, socks5:// and socks5h:// proxies"
        ),
        "{err}"
    );
    assert!(!err.contains("secret"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let err = run(std::path::Path::new("/missing/kubeconfig"), &["jobs"]);
    assert!(err.contains("/missing/kubeconfig"), "{err}");
    // The same kubeconfig is fine once a context is named.
    let err = run(
        &no_current,
        &["jobs", "--context", "c", "--request-timeout", "2s"],
    );
    assert!(err.contains("127.0.0.1:1"), "{err}");
    // --dry-run=client needs no context at all.
    let out = ok(crate::common::plugin_in(env.dir.path())
        .arg("--kubeconfig")
        .arg(&no_current)
        .args(submit("ok", &["--dry-run=client", "-o", "name"])));
    assert!(out.contains("statefulset.apps/"), "{out}");
}

/// Label values Kubernetes refuses (not a valid label value, or over 63 characters), and what
/// the refusal names.
fn bad_label_values() -> Vec<(String, String)> {
    let long = "r".repeat(LONG);
    vec![
        ("bad value!".to_string(), "bad value!".to_string()),
        ("日本".to_string(), "日本".to_string()),
        ("-r1".to_string(), "-r1".to_string()),
        (long, "63".to_string()),
    ]
}

#[test]
fn bad_node_labels_are_refused_naming_the_value_before_any_request() {
    let env = Env::new();
    env.server.nodes(1);
    for (value, shown) in bad_label_values() {
        refused(
            &env,
            &strings(&["nodes", "label", &format!("--rack={value}"), "node-0"]),
            &[&shown],
        );
    }
}
