//! The pod's eye (testing tier 6): every job variant is submitted with the real binary against
//! the fake API server, its package is taken from where the pods get it — the uploader pods,
//! the S3 bucket, or each pod's memory volume (direct copy) — and read back the way Twister2
//! 0.8's pods read it (`pod.rs`), then every value a pod reads is held against the objects and
//! the variant's request (`checklist.rs`), in namespaces other than `default` too. With Java
//! installed (CI), the same package is also read with the real SnakeYAML, protobuf-java and
//! Kryo.

mod checklist;
mod pod;

use std::io::Write as _;
use std::time::Duration;

use kubectl_twister2::manifests::uploader;
use kubectl_twister2::twister2::kryo::JavaValue;
use serde_json::json;

use crate::common::{
    Background, Env, FakeAws, fails, hello_jar, install_uploader_in, ok, put_claim,
    put_storage_class, wait_until,
};
use checklist::{Delivery, Expect, assert_pods_agree};

const HELLO: &str = "edu.iu.dsc.tws.examples.basic.HelloWorld";
const PYTHON_WORKER: &str = "edu.iu.dsc.tws.python.PythonWorker";

/// A namespace with an uploader (the web-server method).
fn namespace_with_uploader(env: &Env, ns: &str) {
    put_namespace(env, ns);
    install_uploader_in(env, ns, 2);
}

fn put_namespace(env: &Env, ns: &str) {
    env.server
        .put(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}))
        .unwrap();
}

fn put_service(env: &Env, ns: &str, name: &str) {
    env.server
        .put(json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": ns},
            "spec": {"ports": [{"port": 80}], "selector": {"app": name}}}))
        .unwrap();
}

fn put_secret(env: &Env, ns: &str, name: &str, kind: &str) {
    env.server
        .put(json!({"apiVersion": "v1", "kind": "Secret", "type": kind,
            "metadata": {"name": name, "namespace": ns}, "data": {"k": "dg=="}}))
        .unwrap();
}

/// `submit NAME --job-id ID -n NS` of the hello jar plus `extra`.
fn submit(name: &str, job_id: &str, ns: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["submit", name, "--job-id", job_id, "-n", ns]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if !extra.contains(&"--jar") {
        args.extend(["--jar".to_string(), hello_jar()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

/// The package as the uploader pods serve it (every pod the same bytes).
fn package_from_uploader(env: &Env, ns: &str, job_id: &str) -> Vec<u8> {
    let path = format!("{}/{job_id}.tar.gz", uploader::WEB_ROOT);
    let pods = env
        .server
        .list_selected("pods", Some(ns), uploader::POD_SELECTOR)
        .unwrap();
    let copies: Vec<Vec<u8>> = pods
        .iter()
        .map(|p| {
            let name = p["metadata"]["name"].as_str().unwrap();
            env.server
                .pod_file(ns, name, &path)
                .unwrap_or_else(|| panic!("uploader pod {name} has no {path}"))
        })
        .collect();
    assert!(!copies.is_empty());
    assert!(
        copies.windows(2).all(|w| w[0] == w[1]),
        "uploader copies differ"
    );
    copies.into_iter().next().unwrap()
}

/// A web-server variant in a new cluster: submit with `--detach`, read the package from the
/// uploader, check what the pods see.
fn web_variant(ns: &str, job_id: &str, extra: &[&str], expect: &Expect) -> Env {
    let env = Env::new();
    namespace_with_uploader(&env, ns);
    web_variant_in(&env, ns, job_id, extra, expect);
    env
}

fn workers(n: &str) -> [&str; 4] {
    ["--class", HELLO, "--workers", n]
}

#[test]
fn plain_job_in_the_default_namespace() {
    web_variant(
        "default",
        "u-eye-plain",
        &workers("2"),
        &Expect::java(HELLO),
    );
}

#[test]
fn plain_job_in_another_namespace() {
    web_variant("t2", "u-eye-t2", &workers("3"), &Expect::java(HELLO));
}

#[test]
fn the_namespace_of_the_kubeconfig_context() {
    let env = Env::with_opts(fake_kube::KubeconfigOpts {
        namespace: Some("team".into()),
        ..Default::default()
    });
    namespace_with_uploader(&env, "team");
    let mut args: Vec<String> = [
        "submit",
        "eye",
        "--job-id",
        "u-eye-ctx",
        "--jar",
        &hello_jar(),
        "--detach",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(workers("1").iter().map(|s| s.to_string()));
    ok(env.plugin().args(&args));
    let package = package_from_uploader(&env, "team", "u-eye-ctx");
    assert_pods_agree(&env, "team", "u-eye-ctx", &package, &Expect::java(HELLO));
}

#[test]
fn openmpi_job() {
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    put_secret(&env, "t2", "twister2-openmpi-ssh-key", "Opaque");
    let expect = Expect {
        openmpi: true,
        ..Expect::java(HELLO)
    };
    web_variant_in(
        &env,
        "t2",
        "u-eye-mpi",
        &[
            "--class",
            HELLO,
            "--compute-resource",
            "cpu=1,memory=1Gi,instances=2,workers-per-pod=2",
            "--openmpi",
        ],
        &expect,
    );
}

#[test]
fn nodeport_job() {
    web_variant(
        "t2",
        "u-eye-np",
        &["--class", HELLO, "--workers", "2", "--expose", "nodeport"],
        &Expect::java(HELLO),
    );
}

#[test]
fn ingress_job() {
    web_variant(
        "t2",
        "u-eye-ing",
        &[
            "--class",
            HELLO,
            "--workers",
            "2",
            "--expose",
            "ingress=t2.example.com/jobs",
        ],
        &Expect::java(HELLO),
    );
}

#[test]
fn loadbalancer_job() {
    web_variant(
        "t2",
        "u-eye-lb",
        &[
            "--class",
            HELLO,
            "--workers",
            "2",
            "--expose",
            "loadbalancer",
            "--load-balancer-source-range",
            "10.0.0.0/8",
        ],
        &Expect::java(HELLO),
    );
}

#[test]
fn existing_volumes_and_guaranteed_qos() {
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    put_claim(&env, "t2", "data", &["ReadWriteMany"]);
    put_claim(&env, "t2", "reference", &["ReadOnlyMany"]);
    web_variant_in(
        &env,
        "t2",
        "u-eye-vol",
        &[
            "--class",
            HELLO,
            "--workers",
            "2",
            "--volume",
            "data:/data",
            "--volume",
            "reference:/reference:ro",
            "--guaranteed",
        ],
        &Expect::java(HELLO),
    );
}

#[test]
fn twister2_node_and_uniform_mapping() {
    web_variant(
        "t2",
        "u-eye-map",
        &[
            "--class",
            HELLO,
            "--workers",
            "2",
            "--set",
            "kubernetes.worker.to.node.mapping=true",
            "--set",
            "twister2.resource.kubernetes.worker.mapping.key=kubernetes.io/hostname",
            "--set",
            "twister2.resource.kubernetes.worker.mapping.operator=In",
            "--set",
            "twister2.resource.kubernetes.worker.mapping.values=[node-0, node-1]",
            "--set",
            "kubernetes.worker.mapping.uniform=all-separate-nodes",
        ],
        &Expect::java(HELLO),
    );
}

#[test]
fn rack_placement_with_node_locations_from_the_configuration() {
    let racks = "twister2.resource.racks.list=[{r1: [10.0.0.1]}, {r2: [10.0.0.2]}]";
    web_variant(
        "t2",
        "u-eye-rack",
        &[
            "--class",
            HELLO,
            "--workers",
            "2",
            "--spread",
            "rack",
            "--rack",
            "r1",
            "--rack",
            "r2",
            "--set",
            "twister2.resource.kubernetes.node.locations.from.config=true",
            "--set",
            racks,
        ],
        &Expect::java(HELLO),
    );
}

#[test]
fn persistent_storage_for_workers_and_job_master() {
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    put_storage_class(&env, "twister2-nfs-storage", false);
    web_variant_in(
        &env,
        "t2",
        "u-eye-pv",
        &[
            "--class",
            HELLO,
            "--workers",
            "2",
            "--persistent-storage",
            "1Gi",
            "--set",
            "twister2.job.master.persistent.volume.size=0.5",
        ],
        &Expect::java(HELLO),
    );
}

#[test]
fn several_compute_resources_workers_per_pod_ports_and_placement() {
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    put_secret(&env, "t2", "regcred", "kubernetes.io/dockerconfigjson");
    web_variant_in(
        &env,
        "t2",
        "u-eye-multi",
        &[
            "--class",
            HELLO,
            "--compute-resource",
            "cpu=0.5,memory=1Gi,instances=2,workers-per-pod=3",
            "--compute-resource",
            "cpu=1,memory=2Gi,instances=1,scalable",
            "--set",
            "twister2.resource.worker.additional.ports=[web, debug]",
            "--set",
            "kubernetes.worker.base.port=9100",
            "--set",
            "twister2.job.master.port=11111",
            "--target",
            "zone=a",
            "--image-pull-secret",
            "regcred",
            "--spread",
            "node",
        ],
        &Expect::java(HELLO),
    );
}

#[test]
fn job_configuration_values() {
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    let file = env.dir.path().join("params.yaml");
    std::fs::write(
        &file,
        "input: /data/words.txt\nweights: [1, 0.5, x]\nlimits: {a: 1}\nbig: !long 5000000000\n",
    )
    .unwrap();
    let file = file.to_str().unwrap().to_string();
    let args = submit(
        "eye",
        "u-eye-conf",
        "t2",
        &[
            "--class",
            HELLO,
            "--workers",
            "2",
            "--job-config",
            "iterations=10",
            "--job-config",
            "seed=42L",
            "--job-config",
            "rate=0.25",
            "--job-config",
            "verbose=true",
            "--job-config",
            "names=!string-array [a, é]",
            "--job-config",
            "twister2.taskscheduler.batch.class=edu.iu.dsc.tws.tsched.batch.roundrobin.RoundRobinBatchTaskScheduler",
            "--job-config-file",
            &file,
            "--detach",
        ],
    );
    ok(env.plugin().args(&args));
    let package = package_from_uploader(&env, "t2", "u-eye-conf");
    let s = |v: &str| JavaValue::String(v.into());
    let mut expect = Expect::java(HELLO);
    expect.job_config = vec![
        ("iterations".into(), JavaValue::Integer(10)),
        ("seed".into(), JavaValue::Long(42)),
        ("rate".into(), JavaValue::Double(0.25)),
        ("verbose".into(), JavaValue::Boolean(true)),
        (
            "names".into(),
            JavaValue::StringArray(vec!["a".into(), "é".into()]),
        ),
        ("input".into(), s("/data/words.txt")),
        (
            "weights".into(),
            JavaValue::ArrayList(vec![JavaValue::Integer(1), JavaValue::Double(0.5), s("x")]),
        ),
        (
            "limits".into(),
            JavaValue::HashMap(vec![(s("a"), JavaValue::Integer(1))]),
        ),
        ("big".into(), JavaValue::Long(5_000_000_000)),
    ];
    // a job configuration value overrides the shipped file, as in Twister2
    expect.shipped = vec![(
        "twister2.taskscheduler.batch.class".into(),
        "edu.iu.dsc.tws.tsched.batch.roundrobin.RoundRobinBatchTaskScheduler".into(),
    )];
    assert_pods_agree(&env, "t2", "u-eye-conf", &package, &expect);
    let text = ok(env.plugin().args(["describe", "u-eye-conf", "-n", "t2"]));
    assert!(text.contains("\nJob configuration:\n"), "{text}");
    let seed = text
        .lines()
        .find(|l| l.trim_start().starts_with("seed "))
        .unwrap_or_default();
    assert!(
        seed.contains("java.lang.Long") && seed.ends_with("42L"),
        "{text}"
    );
}

fn python_file(env: &Env) -> String {
    let path = env.dir.path().join("wordcount.py");
    std::fs::write(&path, "print('hello')\n").unwrap();
    path.to_str().unwrap().to_string()
}

fn python_zip(env: &Env) -> String {
    let path = env.dir.path().join("job.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("pkg/main.py", options).unwrap();
    zip.write_all(b"print('main')\n").unwrap();
    zip.start_file("pkg/util.py", options).unwrap();
    zip.write_all(b"X = 1\n").unwrap();
    zip.finish().unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn python_job() {
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    let script = python_file(&env);
    let args = submit(
        "eye",
        "u-eye-py",
        "t2",
        &[
            "--jar",
            &script,
            "--job-type",
            "python",
            "--workers",
            "2",
            "--detach",
            "--",
            "in.txt",
            "two words",
        ],
    );
    let output = env.plugin().args(&args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("no py4j"));
    let package = package_from_uploader(&env, "t2", "u-eye-py");
    let mut expect = Expect::java(PYTHON_WORKER);
    expect.python = Some((
        "wordcount.py".into(),
        vec!["in.txt".into(), "two words".into()],
    ));
    expect.job_config = vec![("MPI_AWARE_PYTHON".into(), JavaValue::Boolean(false))];
    assert_pods_agree(&env, "t2", "u-eye-py", &package, &expect);
}

#[test]
fn python_zip_job_checkpointed() {
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    let zip = python_zip(&env);
    let args = submit(
        "eye",
        "u-eye-pyzip",
        "t2",
        &[
            "--jar",
            &zip,
            "--job-type",
            "python_zip",
            "--main-file",
            "pkg/main.py",
            "--workers",
            "1",
            "--set",
            "twister2.checkpointing.enable=true",
            "--job-config",
            "MPI_AWARE_PYTHON=true",
            "--detach",
        ],
    );
    ok(env.plugin().args(&args));
    let package = package_from_uploader(&env, "t2", "u-eye-pyzip");
    let mut expect = Expect::java("edu.iu.dsc.tws.python.PythonWorker$CheckpointablePythonWorker");
    expect.checkpointing = true;
    expect.python = Some(("pkg/main.py".into(), vec![]));
    expect.job_config = vec![
        ("MPI_AWARE_PYTHON".into(), JavaValue::Boolean(true)),
        ("main_file".into(), JavaValue::String("pkg/main.py".into())),
    ];
    assert_pods_agree(&env, "t2", "u-eye-pyzip", &package, &expect);
}

#[test]
fn twister2_distribution_conf_dir() {
    let reference = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/twister2-0.8.0-conf");
    if !reference.is_dir() {
        let ci = std::env::var("CI").unwrap_or_default();
        assert!(
            ci.is_empty() || ci == "0" || ci == "false",
            "{} is missing",
            reference.display()
        );
        return;
    }
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    web_variant_in(
        &env,
        "t2",
        "u-eye-confdir",
        &[
            "--class",
            HELLO,
            "--workers",
            "2",
            "--conf-dir",
            reference.to_str().unwrap(),
        ],
        &Expect::java(HELLO),
    );
}

/// A web-server variant in `env`: submit with `--detach`, read the package from the uploader,
/// check what the pods see.
fn web_variant_in(env: &Env, ns: &str, job_id: &str, extra: &[&str], expect: &Expect) {
    let mut args = submit("eye", job_id, ns, extra);
    args.push("--detach".into());
    let out = ok(env.plugin().args(&args));
    assert_eq!(out.trim(), job_id);
    let package = package_from_uploader(env, ns, job_id);
    assert_pods_agree(env, ns, job_id, &package, expect);
}

#[test]
fn zookeeper_and_dashboard_when_asked_for() {
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    put_service(&env, "t2", "twister2-zookeeper");
    put_service(&env, "t2", "twister2-dashboard");
    // Not asked for: the installed ZooKeeper is not used, the dashboard is.
    let mut expect = Expect::java(HELLO);
    expect.dashboard = Some("http://twister2-dashboard.t2.svc.cluster.local".into());
    web_variant_in(&env, "t2", "u-eye-nozk", &workers("1"), &expect);
    // Asked for with --zookeeper: the service's address, said on stderr.
    let mut args = submit(
        "eye",
        "u-eye-zk",
        "t2",
        &[
            "--class",
            HELLO,
            "--workers",
            "1",
            "--zookeeper",
            "--detach",
        ],
    );
    args.retain(|a| !a.is_empty());
    let output = env.plugin().args(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "uses ZooKeeper (--zookeeper) at twister2-zookeeper.t2.svc.cluster.local:2181"
        ),
        "{stderr}"
    );
    expect.zookeeper = Some("twister2-zookeeper.t2.svc.cluster.local:2181".into());
    let package = package_from_uploader(&env, "t2", "u-eye-zk");
    assert_pods_agree(&env, "t2", "u-eye-zk", &package, &expect);
}

#[test]
fn s3_upload() {
    let env = Env::new();
    put_namespace(&env, "t2");
    let aws = FakeAws::new();
    let args = submit(
        "eye",
        "u-eye-s3",
        "t2",
        &[
            "--class",
            HELLO,
            "--workers",
            "2",
            "--set",
            "twister2.resource.class.uploader=edu.iu.dsc.tws.rsched.uploaders.s3.S3Uploader",
            "--set",
            "twister2.s3.bucket.name=s3://bkt/jobs",
            "--detach",
        ],
    );
    ok(env.plugin().env("PATH", aws.path()).args(&args));
    let package = std::fs::read(aws.object("s3://bkt/jobs/u-eye-s3.tar.gz")).unwrap();
    let expect = Expect {
        delivery: Delivery::S3,
        ..Expect::java(HELLO)
    };
    assert_pods_agree(&env, "t2", "u-eye-s3", &package, &expect);
}

#[test]
fn direct_upload_into_every_pod() {
    let env = Env::new();
    put_namespace(&env, "t2");
    let args = submit("eye", "u-eye-direct", "t2", &workers("2"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut run = Background::start(&env, &args);
    run.wait_for("the job runs", Duration::from_secs(30), |_, err| {
        err.contains("is running")
    });
    let path = "/twister2-memory-dir/u-eye-direct.tar.gz";
    let copies: Vec<Vec<u8>> = ["u-eye-direct-jm-0", "u-eye-direct-0-0", "u-eye-direct-0-1"]
        .iter()
        .map(|pod| {
            env.server
                .pod_file("t2", pod, path)
                .unwrap_or_else(|| panic!("{pod} has no package although submit said running"))
        })
        .collect();
    assert!(copies.windows(2).all(|w| w[0] == w[1]));
    let expect = Expect {
        delivery: Delivery::Direct,
        ..Expect::java(HELLO)
    };
    assert_pods_agree(&env, "t2", "u-eye-direct", &copies[0], &expect);
    env.server
        .delete_selected("statefulsets", Some("t2"), "t2-job=u-eye-direct")
        .unwrap();
    env.server
        .delete("configmaps", "t2", "u-eye-direct")
        .unwrap();
    let (code, _, stderr) = run.finish(Duration::from_secs(30));
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn restart_of_a_checkpointed_job_restores_from_the_saved_package() {
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    put_storage_class(&env, "twister2-nfs-storage", false);
    let job = "u-eye-restart";
    let args = submit(
        "eye",
        job,
        "t2",
        &[
            "--class",
            HELLO,
            "--workers",
            "2",
            "--persistent-storage",
            "1Gi",
            "--set",
            "twister2.checkpointing.enable=true",
            "--expose",
            "nodeport",
            "--detach",
        ],
    );
    let output = env.plugin().args(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{stderr}");
    let saved = env
        .dir
        .path()
        .join(".twister2/repository")
        .join(job)
        .join("twister2-job.tar.gz");
    assert!(stderr.contains(&saved.display().to_string()), "{stderr}");
    let first = package_from_uploader(&env, "t2", job);
    assert_eq!(
        std::fs::read(&saved).unwrap(),
        first,
        "the saved package is the one shipped"
    );
    let mut expect = Expect::java(HELLO);
    expect.checkpointing = true;
    assert_pods_agree(&env, "t2", job, &first, &expect);
    let first_time = submission_time(&env, job);

    // While the job runs there is nothing to restart.
    let err = fails(env.plugin().args(["restart", job]), 1);
    assert!(err.contains("already exist"), "{err}");

    // The job master ends the job FAILED and keeps the claim (checkpointing on).
    for resource in ["statefulsets", "services", "configmaps"] {
        env.server
            .delete_selected(resource, Some("t2"), &format!("t2-job={job}"))
            .unwrap();
    }
    for pod in ["twister2-uploader-0", "twister2-uploader-1"] {
        env.server.put_pod_file(
            "t2",
            pod,
            &format!("{}/{job}.tar.gz", uploader::WEB_ROOT),
            b"",
        );
    }
    let claim_uid =
        env.server.get("persistentvolumeclaims", "t2", job).unwrap()["metadata"]["uid"].clone();
    // No -n: the saved package's namespace.
    let out = ok(env.plugin().args(["restart", job, "--detach"]));
    assert_eq!(out.trim(), job);
    let second = package_from_uploader(&env, "t2", job);
    assert_eq!(second, first, "a restart ships the saved package unchanged");
    expect.restore = true;
    assert_pods_agree(&env, "t2", job, &second, &expect);
    assert!(
        submission_time(&env, job) > first_time,
        "a restart has a new submission time"
    );
    assert_eq!(
        env.server.get("persistentvolumeclaims", "t2", job).unwrap()["metadata"]["uid"],
        claim_uid,
        "the kept claim is reused"
    );
    let service = env.server.get("services", "t2", job).unwrap();
    assert_eq!(
        service["spec"]["type"], "NodePort",
        "the saved object options are used again"
    );
}

fn submission_time(env: &Env, job: &str) -> i64 {
    let set = env
        .server
        .get("statefulsets", "t2", &format!("{job}-jm"))
        .unwrap();
    let env_list = set["spec"]["template"]["spec"]["containers"][0]["env"]
        .as_array()
        .unwrap();
    env_list
        .iter()
        .find(|e| e["name"] == "JOB_SUBMISSION_TIME")
        .and_then(|e| e["value"].as_str())
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn the_checklist_catches_a_package_that_disagrees() {
    // A package whose configuration says another namespace: the model must see it.
    let env = Env::new();
    namespace_with_uploader(&env, "t2");
    ok(env.plugin().args(submit(
        "eye",
        "u-eye-bad",
        "t2",
        &["--class", HELLO, "--workers", "1", "--detach"],
    )));
    let package = package_from_uploader(&env, "t2", "u-eye-bad");
    let result = std::panic::catch_unwind(|| {
        assert_pods_agree(&env, "default", "u-eye-bad", &package, &Expect::java(HELLO));
    });
    assert!(
        result.is_err(),
        "the checklist accepted pods reading another namespace"
    );
}

/// Pods restarted within the wait are fine; a package that can never reach a pod is not.
#[test]
fn direct_upload_that_cannot_reach_a_pod_rolls_back() {
    let env = Env::new();
    put_namespace(&env, "t2");
    env.server.fail(
        fake_kube::Match::resource("pods/exec").name("u-eye-nodeliver-0-1"),
        fake_kube::Failure::always(500),
    );
    let args = submit(
        "eye",
        "u-eye-nodeliver",
        "t2",
        &["--class", HELLO, "--workers", "2", "--timeout", "20s"],
    );
    let err = fails(env.plugin().args(&args), 1);
    assert!(
        err.contains("cannot be delivered to pod u-eye-nodeliver-0-1"),
        "{err}"
    );
    assert!(err.contains("everything it created was deleted"), "{err}");
    wait_until("the rollback", Duration::from_secs(10), || {
        env.server
            .list_selected("statefulsets", Some("t2"), "t2-job=u-eye-nodeliver")
            .unwrap()
            .is_empty()
    });
}
