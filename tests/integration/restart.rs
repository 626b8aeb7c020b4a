//! `restart` and `clear` with the real binary: what a checkpointed submit keeps, what a restart
//! refuses (nothing saved, not checkpointed, still running, no kept claim), restarting a
//! package Twister2's own client saved, `clear` of one job and of all ended jobs, and `kill`
//! removing the saved package. (A restart read back from the pods' side is in `pod_eye`.)

use std::path::PathBuf;

use crate::common::{Env, fails, hello_jar, install_uploader_in, ok, put_storage_class};

const HELLO: &str = "edu.iu.dsc.tws.examples.basic.HelloWorld";
const NS: &str = "default";

fn saved_dir(env: &Env, job: &str) -> PathBuf {
    env.dir.path().join(".twister2/repository").join(job)
}

/// A checkpointed job with a claim, submitted detached.
fn checkpointed(env: &Env, job: &str) {
    put_storage_class(env, "twister2-nfs-storage", false);
    ok(env.plugin().args([
        "submit",
        "ck",
        "--jar",
        &hello_jar(),
        "--class",
        HELLO,
        "--workers",
        "1",
        "--job-id",
        job,
        "--persistent-storage",
        "1Gi",
        "--set",
        "twister2.checkpointing.enable=true",
        "--detach",
    ]));
    assert!(saved_dir(env, job).join("twister2-job.tar.gz").is_file());
}

/// What Twister2's job master leaves of a checkpointed job that FAILED: the claim.
fn end_failed(env: &Env, job: &str) {
    for resource in ["statefulsets", "services", "configmaps"] {
        env.server
            .delete_selected(resource, Some(NS), &format!("t2-job={job}"))
            .unwrap();
    }
}

#[test]
fn nothing_saved_is_nothing_to_restore() {
    let env = Env::new();
    env.server.clear_requests();
    let err = fails(env.plugin().args(["restart", "u-none-1"]), 1);
    assert!(err.contains("nothing to restore for job u-none-1"), "{err}");
    assert!(
        err.contains(".twister2/repository/u-none-1/twister2-job.tar.gz"),
        "{err}"
    );
    assert!(env.server.requests().is_empty());
    let err = fails(env.plugin().args(["restart", "Not_A_Job"]), 2);
    assert!(err.contains("not a valid Twister2 job ID"), "{err}");
}

#[test]
fn a_package_that_was_not_checkpointed_is_refused() {
    let env = Env::new();
    install_uploader_in(&env, NS, 1);
    ok(env.plugin().args([
        "submit",
        "plain",
        "--jar",
        &hello_jar(),
        "--class",
        HELLO,
        "--workers",
        "1",
        "--job-id",
        "u-plain-1",
        "--detach",
    ]));
    assert!(
        !saved_dir(&env, "u-plain-1").exists(),
        "a job without checkpointing was kept"
    );
    // a package saved by hand (e.g. copied) of a job that was not checkpointed
    let package = env
        .server
        .pod_file(
            NS,
            "twister2-uploader-0",
            "/usr/share/nginx/html/u-plain-1.tar.gz",
        )
        .unwrap();
    std::fs::create_dir_all(saved_dir(&env, "u-plain-1")).unwrap();
    std::fs::write(
        saved_dir(&env, "u-plain-1").join("twister2-job.tar.gz"),
        package,
    )
    .unwrap();
    end_failed(&env, "u-plain-1");
    let err = fails(env.plugin().args(["restart", "u-plain-1"]), 1);
    assert!(err.contains("was not checkpointed"), "{err}");
}

#[test]
fn a_restart_needs_the_kept_claim() {
    let env = Env::new();
    install_uploader_in(&env, NS, 1);
    checkpointed(&env, "u-ck-1");
    end_failed(&env, "u-ck-1");
    env.server
        .delete("persistentvolumeclaims", NS, "u-ck-1")
        .unwrap();
    let err = fails(env.plugin().args(["restart", "u-ck-1"]), 1);
    assert!(
        err.contains("persistent volume claim \"u-ck-1\" does not exist"),
        "{err}"
    );
    assert!(
        env.server
            .list_selected("statefulsets", Some(NS), "t2-job=u-ck-1")
            .unwrap()
            .is_empty(),
        "objects were created"
    );
}

#[test]
fn a_package_saved_by_twister2_own_client_restarts() {
    let env = Env::new();
    install_uploader_in(&env, NS, 1);
    checkpointed(&env, "u-java-1");
    end_failed(&env, "u-java-1");
    // Twister2's client keeps only the package.
    std::fs::remove_file(saved_dir(&env, "u-java-1").join("kubectl-twister2-objects.json"))
        .unwrap();
    let out = ok(env.plugin().args(["restart", "u-java-1", "--detach"]));
    assert_eq!(out.trim(), "u-java-1");
    let set = env.server.get("statefulsets", NS, "u-java-1-0").unwrap();
    let restore = set["spec"]["template"]["spec"]["containers"][0]["env"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "RESTORE_JOB")
        .unwrap()["value"]
        .clone();
    assert_eq!(restore, "true");
}

#[test]
fn clear_removes_the_saved_package_and_the_kept_claim_of_ended_jobs_only() {
    let env = Env::new();
    install_uploader_in(&env, NS, 1);
    checkpointed(&env, "u-ck-a");
    checkpointed(&env, "u-ck-b");
    // a running job is never cleared
    let err = fails(env.plugin().args(["clear", "u-ck-a", "-y"]), 1);
    assert!(err.contains("job u-ck-a is running"), "{err}");
    end_failed(&env, "u-ck-a");
    // without a terminal, -y is required
    let err = fails(env.plugin().args(["clear", "u-ck-a"]), 1);
    assert!(err.contains("-y/--yes"), "{err}");
    // a dry run lists and removes nothing
    let output = env
        .plugin()
        .args(["clear", "--all", "--dry-run"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("job u-ck-a: saved package"), "{stderr}");
    assert!(stderr.contains("persistentvolumeclaim/u-ck-a"), "{stderr}");
    assert!(
        !stderr.contains("u-ck-b"),
        "a running job is listed: {stderr}"
    );
    assert!(saved_dir(&env, "u-ck-a").exists());
    // --all clears the ended job, not the running one
    let out = ok(env.plugin().args(["clear", "--all", "-y"]));
    assert_eq!(out, "job \"u-ck-a\" cleared\n");
    assert!(!saved_dir(&env, "u-ck-a").exists());
    assert!(
        env.server
            .get("persistentvolumeclaims", NS, "u-ck-a")
            .is_none()
    );
    assert!(saved_dir(&env, "u-ck-b").exists());
    assert!(
        env.server
            .get("persistentvolumeclaims", NS, "u-ck-b")
            .is_some()
    );
    // nothing left for that job
    let err = fails(env.plugin().args(["clear", "u-ck-a", "-y"]), 1);
    assert!(err.contains("nothing to clear for job u-ck-a"), "{err}");
}

#[test]
fn kill_removes_the_saved_package_unless_asked_to_keep_it() {
    let env = Env::new();
    install_uploader_in(&env, NS, 1);
    checkpointed(&env, "u-ck-k");
    checkpointed(&env, "u-ck-keep");
    ok(env
        .plugin()
        .args(["kill", "u-ck-keep", "-y", "--keep-data", "--timeout", "1s"]));
    assert!(
        saved_dir(&env, "u-ck-keep").exists(),
        "--keep-data removed the saved package"
    );
    let output = env
        .plugin()
        .args(["kill", "u-ck-k", "-y", "--timeout", "1s"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("its saved package was removed"), "{stderr}");
    assert!(!saved_dir(&env, "u-ck-k").exists());
}
