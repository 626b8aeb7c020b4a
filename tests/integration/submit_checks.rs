//! What `submit` refuses before the first request, every problem at once (a conflicting
//! namespace, the job master in the client, arguments no worker reads, missing files, ZooKeeper
//! asked for but absent), and that SIGTERM and SIGHUP roll a submit back as Ctrl-C does.

use std::time::Duration;

use fake_kube::PodScript;

use crate::common::{Background, Env, fails, hello_jar, install_uploader_in};

const HELLO: &str = "edu.iu.dsc.tws.examples.basic.HelloWorld";

fn submit(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["submit", "hello", "--jar", &hello_jar(), "--class", HELLO]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

#[test]
fn a_conflicting_namespace_is_refused_before_any_request() {
    let env = Env::new();
    env.server.clear_requests();
    let err = fails(
        env.plugin().args(submit(&[
            "--workers",
            "1",
            "-n",
            "t2",
            "--set",
            "kubernetes.namespace=foo",
        ])),
        2,
    );
    assert!(
        err.contains("kubernetes.namespace is \"foo\" in --set"),
        "{err}"
    );
    assert!(
        err.contains("objects go to namespace \"t2\" (from -n/--namespace)"),
        "{err}"
    );
    assert!(env.server.requests().is_empty(), "a request was made");

    // from a conf dir, against the kubeconfig's namespace
    let conf = env.dir.path().join("conf/kubernetes");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(conf.join("resource.yaml"), "kubernetes.namespace: prod\n").unwrap();
    let err = fails(
        env.plugin().args(submit(&[
            "--workers",
            "1",
            "--conf-dir",
            env.dir.path().join("conf").to_str().unwrap(),
        ])),
        2,
    );
    assert!(err.contains("\"prod\" in "), "{err}");
    assert!(err.contains("conf/kubernetes/resource.yaml"), "{err}");
    assert!(
        err.contains("\"default\" (from the kubeconfig context, or default)"),
        "{err}"
    );
}

#[test]
fn every_problem_is_reported_at_once_before_any_request() {
    let env = Env::new();
    env.server.clear_requests();
    let mut args: Vec<String> = ["submit", "hello", "--jar", "/nonexistent/job.jar"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(
        [
            "--set",
            "twister2.job.master.runs.in.client=true",
            "--set",
            "twister2.job.master.persistent.volume.size=1",
            "--job-config",
            "count=99999999999",
            "--job-config-file",
            "/nonexistent/params.yaml",
            "--",
            "arg1",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let err = fails(env.plugin().args(&args), 2);
    for expected in [
        "job file /nonexistent/job.jar does not exist",
        "the job has no workers",
        "no worker class",
        "twister2.job.master.runs.in.client: true (from --set)",
        "twister2.job.master.persistent.volume.size is 1.0 (from --set)",
        "99999999999L",
        "--job-config-file /nonexistent/params.yaml does not exist",
        "arguments after -- (arg1) reach no one",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.starts_with("error: cannot submit"), "{err}");
    assert!(env.server.requests().is_empty(), "a request was made");
}

#[test]
fn zookeeper_asked_for_but_not_installed_is_refused_before_creating() {
    let env = Env::new();
    install_uploader_in(&env, "default", 1);
    let err = fails(
        env.plugin().args(submit(&[
            "--workers",
            "1",
            "--zookeeper",
            "--job-id",
            "u-zk-1",
        ])),
        2,
    );
    assert!(err.contains("--zookeeper asks for ZooKeeper"), "{err}");
    assert!(err.contains("setup zookeeper -n default"), "{err}");
    assert!(
        env.server
            .list_selected("configmaps", Some("default"), "t2-job=u-zk-1")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_python_job_refuses_a_class_and_a_zip_needs_its_main_file() {
    let env = Env::new();
    let script = env.dir.path().join("job.py");
    std::fs::write(&script, "print(1)\n").unwrap();
    let err = fails(
        env.plugin().args([
            "submit",
            "py",
            "--jar",
            script.to_str().unwrap(),
            "--job-type",
            "python",
            "--class",
            "my.Worker",
            "--workers",
            "1",
            "--job-config",
            "args=[x]",
        ]),
        2,
    );
    assert!(
        err.contains("Python jobs run edu.iu.dsc.tws.python.PythonWorker"),
        "{err}"
    );
    assert!(
        err.contains("job configuration args (from --job-config)"),
        "{err}"
    );
    let err = fails(
        env.plugin().args([
            "submit",
            "py",
            "--jar",
            script.to_str().unwrap(),
            "--job-type",
            "python_zip",
            "--workers",
            "1",
        ]),
        2,
    );
    assert!(err.contains("python_zip needs --main-file"), "{err}");
}

fn sigterm_or_sighup_rolls_back(signal: libc::c_int, name: &str, job_id: &str) {
    let env = Env::new();
    install_uploader_in(&env, "default", 1);
    env.server.script_pods(
        &format!("{job_id}-"),
        PodScript::unschedulable("0/3 nodes are available"),
    );
    let args = submit(&["--workers", "2", "--job-id", job_id]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut run = Background::start(&env, &args);
    run.wait_for("the objects exist", Duration::from_secs(20), |_, err| {
        err.contains("objects created")
    });
    let package = format!("/usr/share/nginx/html/{job_id}.tar.gz");
    crate::common::wait_until("the package upload", Duration::from_secs(10), || {
        env.server
            .pod_file("default", "twister2-uploader-0", &package)
            .is_some()
    });
    run.signal(signal);
    let (code, _, stderr) = run.finish(Duration::from_secs(30));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("interrupted ({name})")),
        "{stderr}"
    );
    assert!(
        stderr.contains("everything it created was deleted"),
        "{stderr}"
    );
    for resource in ["configmaps", "services", "statefulsets"] {
        let left = env
            .server
            .list_selected(resource, Some("default"), &format!("t2-job={job_id}"))
            .unwrap();
        assert!(left.is_empty(), "{resource} left: {left:?}");
    }
    assert_eq!(
        env.server
            .pod_file("default", "twister2-uploader-0", &package),
        None,
        "the uploaded package was left"
    );
}

#[test]
fn sigterm_during_submit_rolls_back_objects_and_package() {
    sigterm_or_sighup_rolls_back(libc::SIGTERM, "SIGTERM", "u-term-1");
}

#[test]
fn sighup_during_submit_rolls_back_objects_and_package() {
    sigterm_or_sighup_rolls_back(libc::SIGHUP, "SIGHUP", "u-hup-1");
}
