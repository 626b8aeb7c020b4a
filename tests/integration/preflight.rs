//! Submit's pre-flight against the fake API server, check by check: `--volume` claims, the
//! StorageClass of the job's claim (and of `setup`'s), placement on the nodes there are,
//! class names, image references and pull Secret types — each passing and failing, every
//! problem of one submit in one error, nothing created on failure, the checks in the same
//! single wave as the rest of pre-flight, `--dry-run=server` checked too, Forbidden
//! cluster-scoped reads skipped with one note, and `--skip-scheduling-checks`.

use std::time::Duration;

use fake_kube::{KubeconfigOpts, Match, node_object};
use serde_json::json;

use crate::common::{
    Env, fails, hello_jar, install_uploader_in, ok, plugin_in, put_claim, put_storage_class, texts,
};

const HELLO: &str = "edu.iu.dsc.tws.examples.basic.HelloWorld";
const NS: &str = "default";

/// `submit` of the hello jar as `job_id` with `extra`; two workers unless `extra` sizes the job.
fn submit(job_id: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "submit",
        "hello",
        "--jar",
        &hello_jar(),
        "--class",
        HELLO,
        "--job-id",
        job_id,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if !extra.contains(&"--workers") && !extra.contains(&"--compute-resource") {
        args.extend(["--workers".to_string(), "2".to_string()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

/// A cluster with an uploader and nodes e1..e3 in zone east, n1..n2 in zone north (8 cpu,
/// 31Gi each).
fn cluster() -> Env {
    let env = Env::new();
    install_uploader_in(&env, NS, 1);
    for (i, (name, zone)) in [
        ("e1", "east"),
        ("e2", "east"),
        ("e3", "east"),
        ("n1", "north"),
        ("n2", "north"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut node = node_object(name, &format!("10.0.0.{}", i + 1), None);
        node["metadata"]["labels"]["zone"] = json!(zone);
        env.server.put(node).unwrap();
    }
    env
}

/// Objects of the job, of any kind.
fn created(env: &Env, job_id: &str) -> usize {
    [
        "configmaps",
        "services",
        "statefulsets",
        "persistentvolumeclaims",
    ]
    .iter()
    .map(|r| {
        env.server
            .list_selected(r, Some(NS), &format!("t2-job={job_id}"))
            .unwrap()
            .len()
    })
    .sum()
}

#[test]
fn a_missing_volume_claim_is_refused_and_an_existing_one_accepted() {
    let env = cluster();
    let err = fails(
        env.plugin()
            .args(submit("u-vol-1", &["--volume", "nope:/data", "--detach"])),
        1,
    );
    assert!(
        err.contains(
            "the claim \"nope\" of --volume nope:/data does not exist in namespace \"default\""
        ),
        "{err}"
    );
    assert_eq!(created(&env, "u-vol-1"), 0);

    put_claim(&env, NS, "nope", &["ReadWriteMany"]);
    ok(env
        .plugin()
        .args(submit("u-vol-1", &["--volume", "nope:/data", "--detach"])));
    assert!(created(&env, "u-vol-1") > 0);
}

#[test]
fn a_read_write_once_claim_shared_by_pods_on_several_nodes_is_a_warning() {
    let env = cluster();
    put_claim(&env, NS, "scratch", &["ReadWriteOnce"]);
    put_claim(&env, NS, "ref", &["ReadWriteOnce"]);
    let output = env
        .plugin()
        .args(submit(
            "u-rwo-1",
            &[
                "--volume",
                "scratch:/scratch",
                "--volume",
                "ref:/ref:ro",
                "--detach",
            ],
        ))
        .output()
        .unwrap();
    let (_, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: the claim \"scratch\" of --volume scratch:/scratch is ReadWriteOnce and \
shared by the job master and 2 worker pods"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: the claim \"ref\" is mounted read-only (--volume ref:/ref:ro)"),
        "{stderr}"
    );
    assert!(stderr.contains("do not allow many readers"), "{stderr}");
}

#[test]
fn a_storage_class_that_does_not_exist_is_refused_naming_those_that_do() {
    let env = cluster();
    let persistent = ["--persistent-storage", "1Gi", "--detach"];
    let mut args = persistent.to_vec();
    args.extend(["--storage-class", "nosuch"]);
    let err = fails(env.plugin().args(submit("u-sc-1", &args)), 1);
    assert!(
        err.contains("StorageClass \"nosuch\" (for the job's claim) does not exist"),
        "{err}"
    );
    assert!(
        err.contains("the cluster has no StorageClass at all"),
        "{err}"
    );
    assert_eq!(created(&env, "u-sc-1"), 0);

    put_storage_class(&env, "standard", true);
    put_storage_class(&env, "fast", false);
    let err = fails(env.plugin().args(submit("u-sc-1", &args)), 1);
    assert!(
        err.contains(
            "the cluster has fast, standard (default); choose one with --storage-class NAME"
        ),
        "{err}"
    );
    // Twister2's shipped configuration names twister2-nfs-storage.
    let err = fails(env.plugin().args(submit("u-sc-1", &persistent)), 1);
    assert!(
        err.contains("StorageClass \"twister2-nfs-storage\" (for the job's claim) does not exist"),
        "{err}"
    );
    let mut args = persistent.to_vec();
    args.extend(["--storage-class", "fast"]);
    ok(env.plugin().args(submit("u-sc-1", &args)));
    assert!(
        env.server
            .get("persistentvolumeclaims", NS, "u-sc-1")
            .is_some()
    );
}

#[test]
fn a_target_no_node_carries_is_refused_with_what_the_nodes_carry() {
    let env = cluster();
    let err = fails(
        env.plugin()
            .args(submit("u-tgt-1", &["--target", "zone=west", "--detach"])),
        1,
    );
    assert!(
        err.contains(
            "the worker pods of u-tgt-1-0 cannot be placed: no node has zone=west (--target); \
nodes carry zone=east (3), zone=north (2)"
        ),
        "{err}"
    );
    assert!(
        err.contains("--skip-scheduling-checks submits anyway"),
        "{err}"
    );
    assert_eq!(created(&env, "u-tgt-1"), 0);

    ok(env
        .plugin()
        .args(submit("u-tgt-1", &["--target", "zone=north", "--detach"])));
}

#[test]
fn cordoned_nodes_racks_and_requests_are_checked_against_the_nodes() {
    let env = cluster();
    for name in ["n1", "n2"] {
        let mut node = env.server.get("nodes", "", name).unwrap();
        node["spec"]["unschedulable"] = json!(true);
        env.server.put(node).unwrap();
    }
    let err = fails(
        env.plugin().args(submit(
            "u-fit-1",
            &["--target", "zone=north", "--rack", "r1", "--detach"],
        )),
        1,
    );
    assert!(
        err.contains("no node has rack=r1 (--rack); no node carries the label rack"),
        "{err}"
    );
    let err = fails(
        env.plugin()
            .args(submit("u-fit-1", &["--target", "zone=north", "--detach"])),
        1,
    );
    assert!(
        err.contains("the only nodes with zone=north (--target) (n1, n2) are cordoned"),
        "{err}"
    );
    let args = submit(
        "u-fit-1",
        &[
            "--compute-resource",
            "cpu=6,memory=2Gi,instances=2,workers-per-pod=2",
            "--detach",
        ],
    );
    let err = fails(env.plugin().args(&args), 1);
    assert!(
        err.contains(
            "the worker pods of u-fit-1-0 each request cpu 12, memory 4Gi (2 workers per pod), \
more than any node they may run on can allocate: cpu 8 at most (e1)"
        ),
        "{err}"
    );
    assert_eq!(created(&env, "u-fit-1"), 0);
}

#[test]
fn every_problem_of_one_submit_is_reported_at_once_in_one_wave_and_nothing_is_created() {
    let env = cluster();
    env.server
        .put(
            json!({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
        "metadata": {"name": "regcred", "namespace": NS}, "data": {"k": "dg=="}}),
        )
        .unwrap();
    // Every request takes 150 ms, so requests made one after another show as separate waves.
    env.server
        .add_latency(Match::any(), Duration::from_millis(150));
    env.server.clear_requests();
    let mut args = submit(
        "u-all-1",
        &[
            "--volume",
            "nope:/data",
            "--persistent-storage",
            "1Gi",
            "--storage-class",
            "nosuch",
            "--target",
            "zone=west",
            "--image-pull-secret",
            "regcred",
            "--image",
            "Twister2/k8s:0.8.0",
            "--detach",
        ],
    );
    let class = args.iter().position(|a| a == HELLO).unwrap();
    args[class] = "C;$(id)".to_string();
    let err = fails(env.plugin().args(&args), 1);
    for needle in [
        "worker class 'C;$(id)' (--class) is not a Java class name the pods can load: ';'",
        "the claim \"nope\" of --volume nope:/data does not exist",
        "StorageClass \"nosuch\" (for the job's claim) does not exist",
        "no node has zone=west (--target); nodes carry zone=east (3), zone=north (2)",
        "the image pull Secret \"regcred\" is of type Opaque",
        "image 'Twister2/k8s:0.8.0' is not an image reference the pods can pull: repository part \
'Twister2' has uppercase letters",
    ] {
        assert!(err.contains(needle), "{needle} missing: {err}");
    }
    assert_eq!(
        err.matches("\n  - ").count(),
        6,
        "one line per problem: {err}"
    );
    let requests = env.server.requests();
    assert!(
        requests
            .iter()
            .all(|r| !(r.verb == "create" && r.resource != "selfsubjectaccessreviews")),
        "nothing created"
    );
    for (resource, verb) in [
        ("nodes", "list"),
        ("storageclasses", "list"),
        ("persistentvolumeclaims", "get"),
        ("secrets", "get"),
        ("selfsubjectaccessreviews", "create"),
    ] {
        assert!(
            requests
                .iter()
                .any(|r| r.resource == resource && r.verb == verb),
            "no {verb} {resource}"
        );
    }
    let resources = Match::any();
    assert_eq!(
        env.server.waves(&resources),
        1,
        "pre-flight is one wave: {:?}",
        requests
            .iter()
            .map(|r| format!("{} {}", r.verb, r.resource))
            .collect::<Vec<_>>()
    );
}

#[test]
fn openmpi_pods_and_twister2_uniform_mapping_are_fitted_to_the_nodes() {
    let env = cluster();
    ok(env.plugin().args(["setup", "openmpi-secret"]));
    // An OpenMPI pod is one container sized for all its workers: 3 × 3 cpu on 8-cpu nodes.
    let args = submit(
        "u-mpi-1",
        &[
            "--openmpi",
            "--compute-resource",
            "cpu=3,memory=1Gi,instances=1,workers-per-pod=3",
            "--detach",
        ],
    );
    let err = fails(env.plugin().args(&args), 1);
    assert!(
        err.contains(
            "the worker pods of u-mpi-1-0 each request cpu 9, memory 3Gi (3 workers per pod)"
        ),
        "{err}"
    );
    // Six worker pods, each on a node of its own, on five nodes.
    let err = fails(
        env.plugin().args(submit(
            "u-sep-1",
            &[
                "--workers",
                "6",
                "--set",
                "kubernetes.worker.mapping.uniform=all-separate-nodes",
                "--detach",
            ],
        )),
        1,
    );
    assert!(
        err.contains(
            "the 6 worker pods must each run on a node of their own (Twister2's uniform mapping \
all-separate-nodes), but only 5 nodes can take one"
        ),
        "{err}"
    );
}

#[test]
fn a_pull_secret_of_the_right_type_passes() {
    let env = cluster();
    env.server
        .put(json!({"apiVersion": "v1", "kind": "Secret",
        "type": "kubernetes.io/dockerconfigjson",
        "metadata": {"name": "regcred", "namespace": NS},
        "data": {".dockerconfigjson": "e30="}}))
        .unwrap();
    ok(env.plugin().args(submit(
        "u-pull-1",
        &["--image-pull-secret", "regcred", "--detach"],
    )));
}

#[test]
fn server_dry_run_runs_the_checks_too() {
    let env = cluster();
    let err = fails(
        env.plugin().args(submit(
            "u-dry-1",
            &["--target", "zone=west", "--dry-run=server"],
        )),
        1,
    );
    assert!(err.contains("no node has zone=west"), "{err}");
}

#[test]
fn skip_scheduling_checks_submits_anyway_but_claims_still_must_exist() {
    let env = cluster();
    ok(env.plugin().args(submit(
        "u-skip-1",
        &[
            "--target",
            "zone=west",
            "--persistent-storage",
            "1Gi",
            "--skip-scheduling-checks",
            "--detach",
        ],
    )));
    assert!(created(&env, "u-skip-1") > 0);
    let err = fails(
        env.plugin().args(submit(
            "u-skip-2",
            &[
                "--volume",
                "nope:/data",
                "--skip-scheduling-checks",
                "--detach",
            ],
        )),
        1,
    );
    assert!(err.contains("the claim \"nope\""), "{err}");
}

#[test]
fn forbidden_cluster_scoped_reads_are_skipped_with_one_note() {
    let env = cluster();
    let admin = |args: &[&str]| ok(env.plugin().args(args));
    admin(&["setup", "auth", "--submitter", "bob"]);
    env.server.add_user("bob", &[]);
    let bob_config = env
        .server
        .write_kubeconfig(env.dir.path(), KubeconfigOpts::user("bob").file_name("bob"))
        .unwrap();
    env.server.enforce_rbac(true);
    let bob = |args: Vec<String>| {
        let mut cmd = plugin_in(env.dir.path());
        cmd.arg("--kubeconfig").arg(&bob_config).args(args);
        cmd.output().unwrap()
    };
    let output = bob(submit(
        "u-rbac-1",
        &[
            "--target",
            "zone=west",
            "--persistent-storage",
            "1Gi",
            "--detach",
        ],
    ));
    let (_, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    let notes: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("setup auth --nodes"))
        .collect();
    assert_eq!(notes.len(), 1, "{stderr}");
    assert!(
        notes[0].contains(
            "cannot list nodes, so placement was not checked and the pods get no rack/datacenter \
information"
        ),
        "{stderr}"
    );
    assert!(
        notes[0].contains(
            "cannot list storageclasses, so the StorageClass of the job's claim was not checked"
        ),
        "{stderr}"
    );

    // With --nodes the reads are allowed and the checks run.
    env.server.enforce_rbac(false);
    admin(&["setup", "auth", "--submitter", "bob", "--nodes"]);
    env.server.enforce_rbac(true);
    let output = bob(submit(
        "u-rbac-2",
        &[
            "--target",
            "zone=west",
            "--persistent-storage",
            "1Gi",
            "--detach",
        ],
    ));
    let (_, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no node has zone=west"), "{stderr}");
    assert!(
        stderr.contains("StorageClass \"twister2-nfs-storage\""),
        "{stderr}"
    );
    assert!(!stderr.contains("cannot list"), "{stderr}");
}

#[test]
fn setup_checks_the_storage_class_of_zookeeper_and_the_dashboard() {
    let env = Env::new();
    let err = fails(
        env.plugin()
            .args(["setup", "zookeeper", "--storage-class", "nosuch"]),
        1,
    );
    assert!(
        err.contains("StorageClass \"nosuch\" (for ZooKeeper's claims) does not exist"),
        "{err}"
    );
    let err = fails(
        env.plugin()
            .args(["setup", "dashboard", "--storage-size", "1Gi"]),
        1,
    );
    assert!(
        err.contains(
            "no StorageClass is named (for the dashboard's claim) and the cluster has no default one"
        ),
        "{err}"
    );
    assert!(
        env.server
            .list_selected(
                "statefulsets",
                Some(NS),
                "app.kubernetes.io/managed-by=kubectl-twister2"
            )
            .unwrap()
            .is_empty(),
        "nothing written"
    );
    put_storage_class(&env, "standard", true);
    ok(env
        .plugin()
        .args(["setup", "dashboard", "--storage-size", "1Gi"]));
    // Without persistence no StorageClass is needed, and none is read.
    let env = Env::new();
    env.server.clear_requests();
    ok(env.plugin().args(["setup", "zookeeper"]));
    assert_eq!(
        env.server
            .count_requests(&Match::resource("storageclasses")),
        0
    );
}
