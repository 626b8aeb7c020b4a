//! `submit` end to end with the real binary against the fake API server: the objects it creates,
//! the package it delivers (web-server and direct methods), pre-flight problems reported at once,
//! rollback after a failure at each creation step, after a timeout and after Ctrl-C, the server
//! dry run, and `--wait` exiting with the job's outcome.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fake_kube::{Failure, Match, PodScript};
use kubectl_twister2::manifests::uploader;
use serde_json::Value;

use crate::common::{Env, fails, ok, texts};

const NS: &str = "default";

fn jar() -> String {
    crate::common::hello_jar()
}

/// `submit NAME --jar … --class … --workers N` plus `extra`.
fn submit_args(name: &str, workers: u32, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "submit",
        name,
        "--jar",
        &jar(),
        "--class",
        "edu.iu.dsc.tws.examples.basic.HelloWorld",
        "--workers",
        &workers.to_string(),
        "--set",
        "twister2.user.name=tester",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn install_uploader(env: &Env, replicas: i32) {
    crate::common::install_uploader_in(env, NS, replicas);
}

fn wait_for(mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !condition() {
        assert!(Instant::now() < deadline, "condition not met in 20 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every object labelled with the job's ID, as `kind/name`.
fn job_objects(env: &Env, job_id: &str) -> Vec<String> {
    let selector = format!("t2-job={job_id}");
    let mut found = Vec::new();
    for resource in [
        "configmaps",
        "services",
        "statefulsets",
        "persistentvolumeclaims",
        "pods",
        "ingresses",
    ] {
        for object in env
            .server
            .list_selected(resource, Some(NS), &selector)
            .unwrap()
        {
            found.push(format!(
                "{resource}/{}",
                object["metadata"]["name"].as_str().unwrap_or("")
            ));
        }
    }
    found
}

fn all_job_objects(env: &Env) -> Vec<String> {
    let mut found = Vec::new();
    for resource in [
        "configmaps",
        "services",
        "statefulsets",
        "persistentvolumeclaims",
    ] {
        for object in env
            .server
            .list_selected(resource, Some(NS), "app=twister2")
            .unwrap()
        {
            found.push(format!(
                "{resource}/{}",
                object["metadata"]["name"].as_str().unwrap_or("")
            ));
        }
    }
    found
}

fn env_value(statefulset: &Value, name: &str) -> Option<String> {
    statefulset["spec"]["template"]["spec"]["containers"][0]["env"]
        .as_array()?
        .iter()
        .find(|e| e["name"] == name)
        .and_then(|e| e["value"].as_str().map(str::to_string))
}

#[test]
fn submit_creates_the_job_and_uploads_the_package_to_every_uploader() {
    let env = Env::new();
    install_uploader(&env, 3);
    let out = ok(env.plugin().args(submit_args("hello", 2, &[])));
    let job_id = out.trim().to_string();
    assert!(
        job_id.starts_with("tester-hello-"),
        "stdout is the jobID: {out}"
    );
    let objects = job_objects(&env, &job_id);
    for expected in [
        format!("configmaps/{job_id}"),
        format!("services/{job_id}"),
        format!("services/{job_id}-jm"),
        format!("statefulsets/{job_id}-jm"),
        format!("statefulsets/{job_id}-0"),
    ] {
        assert!(
            objects.contains(&expected),
            "{expected} missing from {objects:?}"
        );
    }
    let workers = env
        .server
        .get("statefulsets", NS, &format!("{job_id}-0"))
        .unwrap();
    assert_eq!(workers["spec"]["replicas"], 2);
    assert_eq!(
        env_value(&workers, "UPLOAD_METHOD").as_deref(),
        Some("webserver")
    );
    assert_eq!(
        env_value(&workers, "JOB_PACKAGE_URI"),
        Some(format!(
            "http://twister2-uploader.{NS}.svc.cluster.local/{job_id}.tar.gz"
        ))
    );
    let size: usize = env_value(&workers, "JOB_PACKAGE_FILE_SIZE")
        .unwrap()
        .parse()
        .unwrap();
    let path = format!("{}/{job_id}.tar.gz", uploader::WEB_ROOT);
    let pods = env
        .server
        .list_selected("pods", Some(NS), uploader::POD_SELECTOR)
        .unwrap();
    assert_eq!(pods.len(), 3);
    let first = env
        .server
        .pod_file(NS, pods[0]["metadata"]["name"].as_str().unwrap(), &path)
        .unwrap();
    assert_eq!(
        first.len(),
        size,
        "JOB_PACKAGE_FILE_SIZE equals the package size"
    );
    for pod in &pods {
        let bytes = env
            .server
            .pod_file(NS, pod["metadata"]["name"].as_str().unwrap(), &path);
        assert_eq!(
            bytes.as_ref(),
            Some(&first),
            "identical bytes on every uploader pod"
        );
    }
    // The managed-by label and the field manager.
    let cm = env.server.get("configmaps", NS, &job_id).unwrap();
    assert_eq!(
        cm["metadata"]["labels"]["app.kubernetes.io/managed-by"],
        "kubectl-twister2"
    );
    // --last remembers it.
    let state = std::fs::read_to_string(
        env.dir
            .path()
            .join(".local/state/kubectl-twister2/last-job"),
    )
    .unwrap();
    assert_eq!(state.trim(), job_id);
}

#[test]
fn a_failure_at_each_creation_step_leaves_nothing_behind() {
    for resource in ["services", "configmaps", "statefulsets"] {
        let env = Env::new();
        install_uploader(&env, 1);
        env.server.fail(
            Match::verb("create").on(resource),
            Failure::nth(1, 500).message("injected failure"),
        );
        let err = fails(env.plugin().args(submit_args("hello", 2, &[])), 1);
        assert!(
            err.contains("injected failure"),
            "{resource}: the original error is reported: {err}"
        );
        assert!(
            err.contains("everything it created was deleted"),
            "{resource}: {err}"
        );
        assert!(
            all_job_objects(&env).is_empty(),
            "{resource}: left {:?}",
            all_job_objects(&env)
        );
        let pod = env
            .server
            .list_selected("pods", Some(NS), uploader::POD_SELECTOR)
            .unwrap()[0]["metadata"]["name"]
            .as_str()
            .unwrap()
            .to_string();
        let files = env.server.pod_files(NS, &pod);
        assert!(
            !files.iter().any(|f| f.ends_with(".tar.gz")),
            "{resource}: package left on the uploader: {files:?}"
        );
    }
}

#[test]
fn an_upload_failure_rolls_back() {
    let env = Env::new();
    install_uploader(&env, 2);
    env.server.fail(
        Match::resource("pods").with_verb("create"),
        Failure::always(500).message("exec refused"),
    );
    let err = fails(env.plugin().args(submit_args("hello", 1, &[])), 1);
    assert!(err.contains("everything it created was deleted"), "{err}");
    assert!(
        all_job_objects(&env).is_empty(),
        "left {:?}",
        all_job_objects(&env)
    );
}

#[test]
fn a_timeout_while_waiting_names_the_stuck_pod_and_rolls_back() {
    let env = Env::new();
    install_uploader(&env, 1);
    env.server.script_pods(
        "tester-hello-",
        PodScript::image_pull_backoff("Back-off pulling image \"nope:1\""),
    );
    let started = Instant::now();
    let err = fails(
        env.plugin()
            .args(submit_args("hello", 2, &["--timeout", "2s"])),
        1,
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    assert!(err.contains("ImagePullBackOff"), "{err}");
    assert!(err.contains("everything it created was deleted"), "{err}");
    assert!(
        all_job_objects(&env).is_empty(),
        "left {:?}",
        all_job_objects(&env)
    );
}

#[test]
fn preflight_reports_every_problem_at_once_before_creating_anything() {
    let env = Env::new();
    install_uploader(&env, 1);
    env.server.clear_requests();
    let err = fails(
        env.plugin().args(submit_args(
            "hello",
            1,
            &[
                "--openmpi",
                "--image-pull-secret",
                "regcred",
                "--job-id",
                "fixed-job",
            ],
        )),
        1,
    );
    assert!(err.contains("twister2-openmpi-ssh-key"), "{err}");
    assert!(err.contains("setup openmpi-secret"), "{err}");
    assert!(err.contains("regcred"), "{err}");
    let writes = env
        .server
        .requests()
        .into_iter()
        .filter(|r| r.verb == "create" && r.resource != "selfsubjectaccessreviews")
        .count();
    assert_eq!(writes, 0, "nothing created");
}

#[test]
fn an_existing_job_id_is_refused() {
    let env = Env::new();
    install_uploader(&env, 1);
    ok(env
        .plugin()
        .args(submit_args("hello", 1, &["--job-id", "fixed-job"])));
    let err = fails(
        env.plugin()
            .args(submit_args("hello", 1, &["--job-id", "fixed-job"])),
        1,
    );
    assert!(
        err.contains("objects of job fixed-job already exist"),
        "{err}"
    );
}

#[test]
fn missing_rights_are_listed_from_access_reviews() {
    let env = Env::new();
    install_uploader(&env, 1);
    env.server.enforce_rbac(true);
    let kubeconfig = env
        .server
        .write_kubeconfig(
            env.dir.path(),
            fake_kube::KubeconfigOpts::user("bob").file_name("bob"),
        )
        .unwrap();
    let err = fails(
        crate::common::plugin_in(env.dir.path())
            .arg("--kubeconfig")
            .arg(&kubeconfig)
            .args(submit_args("hello", 1, &[])),
        1,
    );
    assert!(err.contains("create statefulsets.apps"), "{err}");
    assert!(err.contains("setup auth --submitter"), "{err}");
}

#[test]
fn detach_without_uploader_is_refused_with_a_hint() {
    let env = Env::new();
    let err = fails(env.plugin().args(submit_args("hello", 1, &["--detach"])), 1);
    assert!(err.contains("setup uploader"), "{err}");
    assert!(all_job_objects(&env).is_empty());
}

#[test]
fn detach_returns_after_creation() {
    let env = Env::new();
    install_uploader(&env, 1);
    env.server.script_pods("tester-hello-", PodScript::manual());
    let out = ok(env.plugin().args(submit_args("hello", 3, &["--detach"])));
    let job_id = out.trim();
    assert!(
        env.server
            .get("statefulsets", NS, &format!("{job_id}-0"))
            .is_some()
    );
}

#[test]
fn server_dry_run_persists_nothing() {
    let env = Env::new();
    install_uploader(&env, 1);
    let out = ok(env
        .plugin()
        .args(submit_args("hello", 2, &["--dry-run=server"])));
    assert!(out.contains("statefulset.apps/"), "{out}");
    assert!(all_job_objects(&env).is_empty());
    let dry = env
        .server
        .requests()
        .into_iter()
        .filter(|r| r.verb == "create" && r.resource == "statefulsets")
        .all(|r| r.query.contains("dryRun=All"));
    assert!(dry, "every create carried dryRun=All");
}

#[test]
fn client_dry_run_needs_no_cluster() {
    let home = tempfile::tempdir().unwrap();
    let out = ok(crate::common::plugin_in(home.path()).args(submit_args(
        "My_Job",
        4,
        &["--dry-run=client", "-o", "json", "-n", "team"],
    )));
    let list: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list["kind"], "List");
    let items = list["items"].as_array().unwrap();
    assert!(items.iter().all(|o| o["metadata"]["namespace"] == "team"));
    assert!(items.iter().any(|o| {
        o["metadata"]["name"]
            .as_str()
            .unwrap()
            .starts_with("tester-my-job-")
    }));
}

#[test]
fn name_changes_are_announced() {
    let home = tempfile::tempdir().unwrap();
    let output = crate::common::plugin_in(home.path())
        .args(submit_args("My_Job", 1, &["--dry-run=client"]))
        .output()
        .unwrap();
    let (_, stderr) = texts(&output);
    assert!(
        stderr.contains("job name 'My_Job' became 'my-job'"),
        "{stderr}"
    );
}

/// The plugin as a background process (for tests that act while it runs).
fn spawn(env: &Env, args: &[String]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_kubectl-twister2"))
        .arg("--kubeconfig")
        .arg(&env.kubeconfig)
        .args(args)
        .env("HOME", env.dir.path())
        .env_remove("KUBECONFIG")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_exit(child: Child) -> (Option<i32>, String, String) {
    let output = child.wait_with_output().unwrap();
    let (stdout, stderr) = texts(&output);
    (output.status.code(), stdout, stderr)
}

#[test]
fn direct_upload_reaches_pods_as_they_start_and_stays_until_the_job_ends() {
    let env = Env::new();
    let child = spawn(&env, &submit_args("hello", 2, &["--job-id", "direct-job"]));
    let path = "/twister2-memory-dir/direct-job.tar.gz";
    for pod in ["direct-job-jm-0", "direct-job-0-0", "direct-job-0-1"] {
        wait_for(|| env.server.pod_file(NS, pod, path).is_some());
    }
    let workers = env.server.get("statefulsets", NS, "direct-job-0").unwrap();
    assert_eq!(
        env_value(&workers, "UPLOAD_METHOD").as_deref(),
        Some("client-to-pods")
    );
    let size: usize = env_value(&workers, "JOB_PACKAGE_FILE_SIZE")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        env.server
            .pod_file(NS, "direct-job-0-1", path)
            .unwrap()
            .len(),
        size
    );
    // A pod recreated later gets the package again.
    env.server.delete("pods", NS, "direct-job-0-1").unwrap();
    wait_for(|| env.server.pod_file(NS, "direct-job-0-1", path).is_some());
    // The job ends (Twister2's job master deletes its objects): the client detaches by itself.
    env.server
        .delete_selected("statefulsets", Some(NS), "t2-job=direct-job")
        .unwrap();
    env.server.delete("configmaps", NS, "direct-job").unwrap();
    let (code, stdout, stderr) = wait_exit(child);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout.trim(), "direct-job");
    assert!(stderr.contains("final state is unknown"), "{stderr}");
}

#[test]
fn wait_exits_non_zero_when_the_job_is_killed() {
    let env = Env::new();
    install_uploader(&env, 1);
    let child = spawn(
        &env,
        &submit_args("hello", 1, &["--job-id", "waited", "--wait"]),
    );
    wait_for(|| {
        env.server
            .list_selected("pods", Some(NS), "t2-job=waited")
            .unwrap()
            .iter()
            .filter(|p| p["status"]["phase"] == "Running")
            .count()
            == 2
    });
    std::thread::sleep(Duration::from_millis(300));
    env.server
        .merge_patch(
            "configmaps",
            NS,
            "waited",
            serde_json::json!({"data": {"KILL_JOB": "true"}}),
        )
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    env.server
        .delete_selected("statefulsets", Some(NS), "t2-job=waited")
        .unwrap();
    env.server.delete("configmaps", NS, "waited").unwrap();
    let (code, _, stderr) = wait_exit(child);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stderr.contains("KILLED"), "{stderr}");
}

#[test]
fn ctrl_c_while_waiting_rolls_back() {
    let env = Env::new();
    install_uploader(&env, 1);
    env.server.script_pods(
        "interrupted-",
        PodScript::unschedulable("0/3 nodes are available"),
    );
    let child = spawn(&env, &submit_args("hello", 2, &["--job-id", "interrupted"]));
    wait_for(|| {
        env.server
            .get("statefulsets", NS, "interrupted-0")
            .is_some()
    });
    std::thread::sleep(Duration::from_millis(300));
    let pid = child.id() as i32;
    // SAFETY: signalling our own child process.
    unsafe { libc::kill(pid, libc::SIGINT) };
    let (code, _, stderr) = wait_exit(child);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(
        job_objects(&env, "interrupted")
            .iter()
            .all(|o| o.starts_with("pods/")),
        "{:?}",
        job_objects(&env, "interrupted")
    );
}

#[test]
fn follow_streams_every_pods_logs_until_the_job_ends() {
    let env = Env::new();
    install_uploader(&env, 1);
    env.server.script_pods(
        "followed-0-",
        PodScript::new().log(Duration::from_millis(5), "worker says hello"),
    );
    env.server.script_pods(
        "followed-jm-",
        PodScript::new().log(Duration::from_millis(5), "job master started"),
    );
    let child = spawn(
        &env,
        &submit_args("hello", 2, &["--job-id", "followed", "--follow"]),
    );
    wait_for(|| env.server.get("statefulsets", NS, "followed-0").is_some());
    std::thread::sleep(Duration::from_millis(1500));
    env.server
        .delete_selected("statefulsets", Some(NS), "t2-job=followed")
        .unwrap();
    env.server.delete("configmaps", NS, "followed").unwrap();
    let (code, stdout, stderr) = wait_exit(child);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout.lines().next(),
        Some("followed"),
        "the jobID first: {stdout}"
    );
    assert!(stdout.contains("job-master"), "prefixed lines: {stdout}");
    assert!(stdout.contains("job master started"), "{stdout}");
    assert_eq!(
        stdout.matches("worker says hello").count(),
        2,
        "each worker's line exactly once: {stdout}"
    );
}

#[test]
fn a_create_left_unanswered_is_deleted_by_name_in_the_rollback() {
    let env = Env::new();
    install_uploader(&env, 1);
    env.server.add_latency(
        Match::verb("create").on("statefulsets"),
        Duration::from_secs(3),
    );
    let err = fails(
        env.plugin().args(submit_args(
            "hello",
            1,
            &["--job-id", "unanswered", "--request-timeout", "1s"],
        )),
        1,
    );
    assert!(err.contains("everything it created was deleted"), "{err}");
    // The server may have created the StatefulSets although it never answered: the rollback
    // deletes them by name (404 counts as deleted).
    let deleted: Vec<String> = env
        .server
        .requests()
        .into_iter()
        .filter(|r| r.verb == "delete" && r.resource == "statefulsets")
        .map(|r| r.name)
        .collect();
    assert!(
        deleted.contains(&"unanswered-jm".to_string()),
        "{deleted:?}"
    );
    assert!(deleted.contains(&"unanswered-0".to_string()), "{deleted:?}");
    assert!(
        all_job_objects(&env).is_empty(),
        "left {:?}",
        all_job_objects(&env)
    );
}
