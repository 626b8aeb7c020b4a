//! The foundation: kubectl's global flags honoured exactly, kubeconfig discovery like kubectl,
//! `version`, errors that name what failed, exit codes, and the `-v` request log.

use std::time::{Duration, Instant};

use fake_kube::KubeconfigOpts;

use crate::common::{Env, fails, ok, plugin_in, texts, write_kubeconfig};

#[test]
fn version_client_needs_no_cluster() {
    let home = tempfile::tempdir().unwrap();
    let out = ok(plugin_in(home.path()).args(["version", "--client"]));
    assert!(out.starts_with(&format!(
        "Client Version: v{} (commit ",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(!out.contains("Server Version"));
}

#[test]
fn version_shows_the_server_version() {
    let env = Env::new();
    let out = ok(env.plugin().arg("version"));
    assert!(out.contains("Server Version: v1."), "{out}");
}

#[test]
fn version_json_and_yaml_documents() {
    let env = Env::new();
    let json: serde_json::Value =
        serde_json::from_str(&ok(env.plugin().args(["version", "-o", "json"]))).unwrap();
    assert_eq!(
        json["clientVersion"]["version"],
        format!("v{}", env!("CARGO_PKG_VERSION"))
    );
    assert!(json["clientVersion"]["gitCommit"].is_string());
    assert!(
        json["serverVersion"]["gitVersion"]
            .as_str()
            .unwrap()
            .starts_with("v1.")
    );
    let yaml: serde_yaml::Value = serde_yaml::from_str(&ok(env
        .plugin()
        .args(["version", "--client", "-o", "yaml"])))
    .unwrap();
    assert!(yaml["clientVersion"]["platform"].is_string());
    assert!(yaml.get("serverVersion").is_none());
}

#[test]
fn missing_kubeconfig_flag_file_is_named() {
    let home = tempfile::tempdir().unwrap();
    let err = fails(
        plugin_in(home.path()).args(["--kubeconfig", "/nonexistent/kc", "version"]),
        1,
    );
    assert!(err.contains("/nonexistent/kc"), "{err}");
    assert_eq!(err.lines().count(), 1, "one-line error: {err}");
}

#[test]
fn unreachable_server_fails_fast_and_names_it() {
    let home = tempfile::tempdir().unwrap();
    let kc = home.path().join("kc");
    write_kubeconfig(&kc, "dead", "https://127.0.0.1:1", None);
    let started = Instant::now();
    let err = fails(
        plugin_in(home.path()).arg("--kubeconfig").arg(&kc).args([
            "version",
            "--request-timeout",
            "2s",
        ]),
        1,
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    assert!(err.contains("127.0.0.1:1"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one-line error: {err}");
}

#[test]
fn kubeconfig_env_skips_missing_files() {
    let env = Env::new();
    let list =
        std::env::join_paths([std::path::Path::new("/missing"), env.kubeconfig.as_path()]).unwrap();
    let out = ok(plugin_in(env.dir.path())
        .env("KUBECONFIG", &list)
        .arg("version"));
    assert!(out.contains("Server Version"), "{out}");
}

#[test]
fn kubeconfig_env_merges_first_wins_and_context_switches() {
    let env = Env::new();
    // First file: current-context points at a dead server; the second defines the fake one.
    let first = env.dir.path().join("first");
    write_kubeconfig(&first, "dead", "http://127.0.0.1:1", None);
    let list = std::env::join_paths([first.as_path(), env.kubeconfig.as_path()]).unwrap();
    let err = fails(
        plugin_in(env.dir.path())
            .env("KUBECONFIG", &list)
            .arg("version"),
        1,
    );
    assert!(
        err.contains("127.0.0.1:1"),
        "first file's current-context wins: {err}"
    );
    let out = ok(plugin_in(env.dir.path()).env("KUBECONFIG", &list).args([
        "version",
        "--context",
        "fake",
    ]));
    assert!(out.contains("Server Version"), "{out}");
}

#[test]
fn home_kubeconfig_is_the_default() {
    let env = Env::new();
    std::fs::create_dir_all(env.dir.path().join(".kube")).unwrap();
    std::fs::copy(&env.kubeconfig, env.dir.path().join(".kube/config")).unwrap();
    let out = ok(plugin_in(env.dir.path()).arg("version"));
    assert!(out.contains("Server Version"), "{out}");
}

#[test]
fn unknown_context_lists_the_known_ones() {
    let env = Env::new();
    let err = fails(env.plugin().args(["version", "--context", "nope"]), 1);
    assert!(err.contains("context \"nope\" is not defined"), "{err}");
    assert!(err.contains("fake"), "{err}");
}

#[test]
fn kubeconfig_without_current_context_says_so() {
    let home = tempfile::tempdir().unwrap();
    let kc = home.path().join("kc");
    std::fs::write(
        &kc,
        "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n",
    )
    .unwrap();
    let err = fails(
        plugin_in(home.path())
            .arg("--kubeconfig")
            .arg(&kc)
            .arg("version"),
        1,
    );
    assert!(err.contains("no current-context"), "{err}");
    assert!(err.contains(&kc.display().to_string()), "{err}");
}

#[test]
fn no_kubeconfig_anywhere_is_explained() {
    let home = tempfile::tempdir().unwrap();
    let err = fails(plugin_in(home.path()).arg("version"), 1);
    assert!(err.contains("no kubeconfig found"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let err = fails(
        plugin_in(home.path()).args(["version", "--no-such-flag"]),
        2,
    );
    assert!(err.contains("--no-such-flag"), "{err}");
    let err = fails(
        plugin_in(home.path()).args(["version", "--request-timeout", "soon"]),
        2,
    );
    assert!(err.contains("invalid duration"), "{err}");
    let env = Env::new();
    let err = fails(env.plugin().args(["version", "--as-group", "g"]), 2);
    assert!(err.contains("--as-group needs --as"), "{err}");
}

#[test]
fn impersonation_flags_become_headers() {
    let env = Env::new();
    ok(env.plugin().args([
        "version",
        "--as",
        "alice",
        "--as-group",
        "devs",
        "--as-group",
        "ops",
    ]));
    let requests = env.server.requests();
    let version = requests
        .iter()
        .find(|r| r.path == "/version")
        .expect("GET /version was sent");
    assert_eq!(version.impersonated_user.as_deref(), Some("alice"));
    assert_eq!(version.impersonated_groups, ["devs", "ops"]);
}

#[test]
fn verbose_logs_requests_without_credentials() {
    let env = Env::new();
    let token = std::fs::read_to_string(&env.kubeconfig)
        .unwrap()
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("token: ")
                .map(|t| t.trim().to_string())
        })
        .expect("token in kubeconfig");
    let output = env.plugin().args(["version", "-v=8"]).output().unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("GET http://127.0.0.1:"), "{stderr}");
    assert!(stderr.contains("/version 200 OK in "), "{stderr}");
    assert!(!stderr.contains(&token), "token leaked:\n{stderr}");
    assert!(
        !stdout.contains("GET "),
        "request log must not reach stdout"
    );
}

#[test]
fn namespace_comes_from_flag_then_context_then_default() {
    use kubectl_twister2::cli::GlobalArgs;
    use kubectl_twister2::cluster::connect::resolve_config_from;
    let env = Env::with_opts(KubeconfigOpts::default().namespace("ctx-ns"));
    let bare = Env::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let resolve = |kubeconfig: &std::path::Path, namespace: Option<&str>| {
        let global = GlobalArgs {
            kubeconfig: Some(kubeconfig.to_path_buf()),
            namespace: namespace.map(str::to_string),
            ..GlobalArgs::default()
        };
        runtime
            .block_on(resolve_config_from(&global, None, None))
            .unwrap()
            .default_namespace
    };
    assert_eq!(resolve(&env.kubeconfig, Some("flag-ns")), "flag-ns");
    assert_eq!(resolve(&env.kubeconfig, None), "ctx-ns");
    assert_eq!(resolve(&bare.kubeconfig, None), "default");
}

#[test]
fn forbidden_names_user_verb_resource_namespace_and_points_at_setup_auth() {
    let env = Env::new();
    env.server.deny(
        fake_kube::Match::verb("list")
            .on("configmaps")
            .user("admin"),
    );
    let err = fails(env.plugin().args(["jobs", "-n", "default"]), 1);
    assert!(
        err.contains(
            "Forbidden: configmaps is forbidden: User \"admin\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\""
        ),
        "{err}"
    );
    assert!(
        err.contains("kubectl twister2 setup auth --submitter admin -n default"),
        "{err}"
    );
}

/// A read that outlives `--request-timeout` is retried twice with backoff (a latency spike
/// should not fail a command), so a server that never answers costs three timeouts.
#[test]
fn a_slow_server_fails_after_three_request_timeouts() {
    let env = Env::new();
    env.server
        .add_latency(fake_kube::Match::any(), Duration::from_secs(5));
    let started = Instant::now();
    let err = fails(env.plugin().args(["version", "--request-timeout", "1s"]), 1);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(3) && took < Duration::from_secs(5),
        "three 1 s attempts with short backoff, took {took:?}: {err}"
    );
    assert!(err.contains("did not answer within 1s"), "{err}");
    assert!(err.contains(&env.server.url()), "names the server: {err}");
}

#[test]
fn cluster_and_user_flags_pick_kubeconfig_entries() {
    let env = Env::new();
    let bob = env.server.add_user("bob", &[]);
    let kc = env.dir.path().join("two-users");
    std::fs::write(
        &kc,
        format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: main\nclusters:\n- name: dead\n  cluster:\n    server: http://127.0.0.1:1\n- name: fake\n  cluster:\n    server: {url}\ncontexts:\n- name: main\n  context:\n    cluster: dead\n    user: admin\nusers:\n- name: admin\n  user:\n    token: {admin}\n- name: bob\n  user:\n    token: {bob}\n",
            url = env.server.url(),
            admin = env.server.admin_token(),
        ),
    )
    .unwrap();
    let err = fails(
        plugin_in(env.dir.path())
            .arg("--kubeconfig")
            .arg(&kc)
            .arg("version"),
        1,
    );
    assert!(
        err.contains("127.0.0.1:1"),
        "the context's cluster by default: {err}"
    );
    ok(plugin_in(env.dir.path())
        .arg("--kubeconfig")
        .arg(&kc)
        .args(["version", "--cluster", "fake", "--user", "bob"]));
    let users: Vec<String> = env
        .server
        .requests()
        .iter()
        .filter(|r| r.path == "/version")
        .map(|r| r.user.clone())
        .collect();
    assert_eq!(users, ["bob"]);
}

#[test]
fn tls_is_verified_unless_told_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let server = fake_kube::FakeServer::start_with(fake_kube::ServerOptions {
        tls: true,
        ..Default::default()
    })
    .unwrap();
    let with_ca = server
        .write_kubeconfig(dir.path(), KubeconfigOpts::default().file_name("with-ca"))
        .unwrap();
    let without_ca = server
        .write_kubeconfig(
            dir.path(),
            KubeconfigOpts {
                include_ca: false,
                file_name: "without-ca".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let out = ok(plugin_in(dir.path())
        .arg("--kubeconfig")
        .arg(&with_ca)
        .arg("version"));
    assert!(out.contains("Server Version"), "{out}");
    let err = fails(
        plugin_in(dir.path())
            .arg("--kubeconfig")
            .arg(&without_ca)
            .arg("version"),
        1,
    );
    assert!(err.contains("cannot verify the TLS certificate"), "{err}");
    assert!(err.contains("--insecure-skip-tls-verify"), "{err}");
    let out = ok(plugin_in(dir.path())
        .arg("--kubeconfig")
        .arg(&without_ca)
        .args(["version", "--insecure-skip-tls-verify"]));
    assert!(out.contains("Server Version"), "{out}");
}
