//! `submit` and `kill` with Twister2's S3 upload method, through the real binary against the fake
//! API server and a fake `aws` on PATH: a script that logs its argv, keeps a directory as the
//! bucket (`s3 cp`, `s3 rm`) and prints a URL for `s3 presign`; `FAKE_AWS_FAIL=<sub-command>`
//! makes that sub-command fail.

use std::io::Read;
use std::path::{Path, PathBuf};

use fake_kube::{Failure, Match};
use kubectl_twister2::twister2::proto::Job;
use serde_json::Value;

use crate::common::{Env, FakeAws, assert_valid_for_kubernetes, fails, ok, texts};

const NS: &str = "default";
const S3_UPLOADER: &str =
    "twister2.resource.class.uploader=edu.iu.dsc.tws.rsched.uploaders.s3.S3Uploader";

fn jar() -> String {
    crate::common::hello_jar()
}

/// `submit hello … --job-id ID` with the S3 uploader and `bucket`, plus `extra`.
fn s3_submit(job_id: &str, bucket: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "submit",
        "hello",
        "--jar",
        &jar(),
        "--class",
        "edu.iu.dsc.tws.examples.basic.HelloWorld",
        "--workers",
        "2",
        "--job-id",
        job_id,
        "--set",
        S3_UPLOADER,
        "--set",
        &format!("twister2.s3.bucket.name={bucket}"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn env_value(statefulset: &Value, name: &str) -> Option<String> {
    statefulset["spec"]["template"]["spec"]["containers"][0]["env"]
        .as_array()?
        .iter()
        .find(|e| e["name"] == name)
        .and_then(|e| e["value"].as_str().map(str::to_string))
}

/// Every object labelled `app=twister2`, as `resource/name`.
fn twister2_objects(env: &Env) -> Vec<String> {
    let mut found = Vec::new();
    for resource in ["configmaps", "services", "statefulsets"] {
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

/// Creates sent to the server other than access reviews.
fn creates(env: &Env) -> Vec<String> {
    env.server
        .requests()
        .into_iter()
        .filter(|r| r.verb == "create" && r.resource != "selfsubjectaccessreviews")
        .map(|r| format!("{}/{}", r.resource, r.subresource))
        .collect()
}

/// (path, contents) of every entry of a tar.gz.
fn package_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(bytes));
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let path = e.path().unwrap().display().to_string();
            let mut contents = Vec::new();
            e.read_to_end(&mut contents).unwrap();
            (path, contents)
        })
        .collect()
}

/// The local file `s3 cp` copied (its log line's third word).
fn copied_from(call: &str) -> PathBuf {
    PathBuf::from(call.split(' ').nth(2).unwrap())
}

#[test]
fn s3_submit_uploads_and_presigns_before_creating_and_annotates_the_config_map() {
    let env = Env::new();
    let aws = FakeAws::new();
    env.server.clear_requests();
    let out =
        ok(env
            .plugin()
            .env("PATH", aws.path())
            .args(s3_submit("s3-job", "s3://bkt/team/", &[])));
    assert_eq!(out.trim(), "s3-job");
    let object = "s3://bkt/team/s3-job.tar.gz";
    // Exactly a copy, then a presign with Twister2's default validity.
    let calls = aws.calls();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(calls[0].starts_with("s3 cp "), "{calls:?}");
    assert!(calls[0].ends_with(&format!(" {object}")), "{calls:?}");
    assert_eq!(calls[1], format!("s3 presign {object} --expires-in 7200"));
    // The local copy was private and is gone.
    assert_eq!(aws.copied_file_mode(), "600");
    let local = copied_from(&calls[0]);
    assert!(!local.exists(), "{} left behind", local.display());
    // The bucket holds the package: a gzip tar with the job description.
    let bytes = std::fs::read(aws.object(object)).unwrap();
    let entries = package_entries(&bytes);
    let names: Vec<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
    assert!(names.contains(&"twister2-job/hello-world.jar"), "{names:?}");
    let (_, description) = entries
        .iter()
        .find(|(p, _)| p == "twister2-job/s3-job.job")
        .unwrap_or_else(|| panic!("no twister2-job/s3-job.job in {names:?}"));
    let job = <Job as prost::Message>::decode(description.as_slice()).unwrap();
    assert_eq!(job.job_id, "s3-job");
    // Every StatefulSet downloads it from the presigned URL, as the web-server method.
    let url = "https://bkt.s3.example/team/s3-job.tar.gz?X-Amz-Expires=7200&X-Amz-Signature=fake";
    for name in ["s3-job-jm", "s3-job-0"] {
        let sts = env.server.get("statefulsets", NS, name).unwrap();
        assert_eq!(env_value(&sts, "JOB_PACKAGE_URI").as_deref(), Some(url));
        assert_eq!(
            env_value(&sts, "UPLOAD_METHOD").as_deref(),
            Some("webserver")
        );
        assert_eq!(
            env_value(&sts, "JOB_PACKAGE_FILE_SIZE"),
            Some(bytes.len().to_string())
        );
    }
    // kill finds the package through the ConfigMap.
    let cm = env.server.get("configmaps", NS, "s3-job").unwrap();
    assert_eq!(
        cm["metadata"]["annotations"]["twister2.org/package"],
        object
    );
    // No uploader was looked for or used.
    let requests = env.server.requests();
    assert!(!requests.iter().any(|r| r.subresource == "exec"), "no exec");
    assert!(
        !requests
            .iter()
            .any(|r| r.resource == "pods" && r.query.contains("twister2-uploader")),
        "no uploader lookup"
    );
}

#[test]
fn s3_detach_presigns_for_the_configured_time() {
    let env = Env::new();
    let aws = FakeAws::new();
    let out = ok(env.plugin().env("PATH", aws.path()).args(s3_submit(
        "s3-detached",
        "s3://bkt",
        &[
            "--detach",
            "--set",
            "twister2.s3.link.expiration.duration.sec=600",
        ],
    )));
    assert_eq!(out.trim(), "s3-detached");
    assert_eq!(
        aws.calls()[1],
        "s3 presign s3://bkt/s3-detached.tar.gz --expires-in 600"
    );
    let sts = env.server.get("statefulsets", NS, "s3-detached-0").unwrap();
    assert_eq!(
        env_value(&sts, "JOB_PACKAGE_URI").as_deref(),
        Some("https://bkt.s3.example/s3-detached.tar.gz?X-Amz-Expires=600&X-Amz-Signature=fake")
    );
}

#[test]
fn s3_without_aws_on_path_is_refused_before_anything_is_created() {
    let env = Env::new();
    let empty = tempfile::tempdir().unwrap();
    env.server.clear_requests();
    let err = fails(
        env.plugin()
            .env("PATH", empty.path())
            .args(s3_submit("no-aws", "s3://bkt", &[])),
        1,
    );
    assert!(err.contains("needs the AWS CLI"), "{err}");
    assert!(err.contains("`aws` is not on PATH"), "{err}");
    assert!(err.contains("getting-started-install"), "{err}");
    assert!(err.contains("kubectl twister2 setup uploader"), "{err}");
    assert_eq!(creates(&env), Vec::<String>::new());
    assert!(twister2_objects(&env).is_empty());
}

#[test]
fn s3_bucket_problems_are_refused_before_any_request() {
    let env = Env::new();
    let aws = FakeAws::new();
    env.server.clear_requests();
    let err = fails(
        env.plugin()
            .env("PATH", aws.path())
            .args(s3_submit("bad-bucket", "bkt", &[])),
        1,
    );
    assert!(
        err.contains("--set: twister2.s3.bucket.name = bkt: must start with s3://"),
        "{err}"
    );
    assert!(env.server.requests().is_empty(), "no request was made");
    assert!(aws.calls().is_empty());
}

#[test]
fn a_failed_copy_shows_the_command_and_creates_nothing() {
    let env = Env::new();
    let aws = FakeAws::new();
    env.server.clear_requests();
    let err = fails(
        env.plugin()
            .env("PATH", aws.path())
            .env("FAKE_AWS_FAIL", "cp")
            .args(s3_submit("cp-fails", "s3://bkt", &[])),
        1,
    );
    let calls = aws.calls();
    assert_eq!(
        calls.len(),
        1,
        "no presign, no rm after a failed copy: {calls:?}"
    );
    let local = copied_from(&calls[0]);
    assert!(
        err.contains(&format!(
            "`aws s3 cp {} s3://bkt/cp-fails.tar.gz` exited with code 1",
            local.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("An error occurred (AccessDenied) when calling the cp operation"),
        "{err}"
    );
    assert!(!local.exists(), "the temporary package is removed");
    assert_eq!(creates(&env), Vec::<String>::new());
    assert!(twister2_objects(&env).is_empty());
}

#[test]
fn a_failed_presign_removes_the_uploaded_package() {
    let env = Env::new();
    let aws = FakeAws::new();
    let err = fails(
        env.plugin()
            .env("PATH", aws.path())
            .env("FAKE_AWS_FAIL", "presign")
            .args(s3_submit("presign-fails", "s3://bkt", &[])),
        1,
    );
    assert!(
        err.contains("`aws s3 presign s3://bkt/presign-fails.tar.gz --expires-in 7200` exited"),
        "{err}"
    );
    assert!(err.contains("everything it created was deleted"), "{err}");
    assert_eq!(
        aws.calls().last().map(String::as_str),
        Some("s3 rm s3://bkt/presign-fails.tar.gz")
    );
    assert!(!aws.object("s3://bkt/presign-fails.tar.gz").exists());
    assert!(twister2_objects(&env).is_empty());
}

#[test]
fn a_failure_after_the_upload_rolls_back_the_objects_and_the_package() {
    let env = Env::new();
    let aws = FakeAws::new();
    env.server.fail(
        Match::verb("create").on("statefulsets"),
        Failure::nth(1, 500).message("injected failure"),
    );
    let err = fails(
        env.plugin()
            .env("PATH", aws.path())
            .args(s3_submit("rolled-back", "s3://bkt/jobs", &[])),
        1,
    );
    assert!(err.contains("injected failure"), "{err}");
    assert!(err.contains("everything it created was deleted"), "{err}");
    let object = "s3://bkt/jobs/rolled-back.tar.gz";
    let calls = aws.calls();
    assert_eq!(calls.len(), 3, "{calls:?}");
    assert_eq!(calls[2], format!("s3 rm {object}"));
    assert!(!aws.object(object).exists(), "package left in the bucket");
    assert!(
        twister2_objects(&env).is_empty(),
        "left {:?}",
        twister2_objects(&env)
    );
}

/// Submit `job_id` with S3 (detached), then kill it with `extra` flags: (exit code, stdout,
/// stderr) of the kill.
fn submit_then_kill(
    env: &Env,
    aws: &FakeAws,
    job_id: &str,
    kill_env: &[(&str, &str)],
    extra: &[&str],
) -> (Option<i32>, String, String) {
    ok(env
        .plugin()
        .env("PATH", aws.path())
        .args(s3_submit(job_id, "s3://bkt", &["--detach"])));
    assert!(aws.object(&format!("s3://bkt/{job_id}.tar.gz")).exists());
    let mut kill = env.plugin();
    kill.env("PATH", aws.path())
        .args(["kill", job_id, "-y", "--timeout", "1s"])
        .args(extra);
    for (key, value) in kill_env {
        kill.env(key, value);
    }
    let output = kill.output().unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code(), stdout, stderr)
}

#[test]
fn kill_removes_the_package_named_by_the_annotation() {
    let env = Env::new();
    let aws = FakeAws::new();
    let (code, stdout, stderr) = submit_then_kill(&env, &aws, "killed-s3", &[], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "job \"killed-s3\" killed\n");
    assert_eq!(
        aws.calls().last().map(String::as_str),
        Some("s3 rm s3://bkt/killed-s3.tar.gz")
    );
    assert!(!aws.object("s3://bkt/killed-s3.tar.gz").exists());
    assert!(
        stderr.contains("package s3://bkt/killed-s3.tar.gz removed"),
        "{stderr}"
    );
    assert!(twister2_objects(&env).is_empty());
}

#[test]
fn kill_keep_data_keeps_the_package() {
    let env = Env::new();
    let aws = FakeAws::new();
    let (code, _, stderr) = submit_then_kill(&env, &aws, "kept-s3", &[], &["--keep-data"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        !aws.calls().iter().any(|c| c.starts_with("s3 rm")),
        "{:?}",
        aws.calls()
    );
    assert!(aws.object("s3://bkt/kept-s3.tar.gz").exists());
    assert!(stderr.contains("kept s3://bkt/kept-s3.tar.gz"), "{stderr}");
    assert!(twister2_objects(&env).is_empty());
}

#[test]
fn a_failed_package_removal_is_a_warning_and_the_job_is_still_killed() {
    let env = Env::new();
    let aws = FakeAws::new();
    let (code, stdout, stderr) =
        submit_then_kill(&env, &aws, "rm-fails", &[("FAKE_AWS_FAIL", "rm")], &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stdout, "job \"rm-fails\" killed\n");
    assert!(
        stderr.contains(
            "warning: job \"rm-fails\": cannot remove the job package s3://bkt/rm-fails.tar.gz: \
`aws s3 rm s3://bkt/rm-fails.tar.gz` exited with code 1: An error occurred (AccessDenied)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("remove it with `aws s3 rm s3://bkt/rm-fails.tar.gz`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("job \"rm-fails\" was killed, but its clean-up is incomplete"),
        "{stderr}"
    );
    assert!(twister2_objects(&env).is_empty(), "the job is killed");
}

fn write_dry_run(dir: &Path, extra: &[&str]) -> (String, String) {
    let output = crate::common::plugin_in(dir)
        .env("PATH", dir)
        .args(s3_submit("dry-s3", "s3://bkt/team", &["--dry-run=client"]))
        .args(extra)
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    (stdout, stderr)
}

#[test]
fn client_dry_run_renders_a_placeholder_without_aws_or_cluster() {
    let home = tempfile::tempdir().unwrap();
    let (stdout, stderr) = write_dry_run(home.path(), &["-o", "json"]);
    let list: Value = serde_json::from_str(&stdout).unwrap();
    let items = list["items"].as_array().unwrap();
    let placeholder = "https://s3-presigned-url-made-at-submit.invalid/bkt/team/dry-s3.tar.gz";
    let statefulsets: Vec<&Value> = items
        .iter()
        .filter(|o| o["kind"] == "StatefulSet")
        .collect();
    assert_eq!(statefulsets.len(), 2);
    for sts in statefulsets {
        assert_eq!(
            env_value(sts, "JOB_PACKAGE_URI").as_deref(),
            Some(placeholder)
        );
        assert_eq!(
            env_value(sts, "UPLOAD_METHOD").as_deref(),
            Some("webserver")
        );
    }
    let cm = items.iter().find(|o| o["kind"] == "ConfigMap").unwrap();
    assert_eq!(
        cm["metadata"]["annotations"]["twister2.org/package"],
        "s3://bkt/team/dry-s3.tar.gz"
    );
    assert!(
        stderr.contains("JOB_PACKAGE_URI is a placeholder"),
        "{stderr}"
    );
    assert!(stderr.contains("valid for 7200 s"), "{stderr}");
}

/// The YAML of `--dry-run=client -o yaml` passes `kubernetes-validate --strict` (when it is on
/// PATH; CI installs it), like the job variants of the manifest tests.
#[test]
fn client_dry_run_yaml_passes_kubernetes_validate() {
    let home = tempfile::tempdir().unwrap();
    let (yaml, _) = write_dry_run(home.path(), &["-o", "yaml"]);
    assert_eq!(
        yaml.matches("\nkind: ").count() + usize::from(yaml.starts_with("kind: ")),
        5,
        "{yaml}"
    );
    assert_valid_for_kubernetes("s3-job", &yaml);
}

#[test]
fn server_dry_run_calls_no_aws_but_needs_it() {
    let env = Env::new();
    let aws = FakeAws::new();
    let out = ok(env.plugin().env("PATH", aws.path()).args(s3_submit(
        "dry-server",
        "s3://bkt",
        &["--dry-run=server"],
    )));
    assert!(out.contains("statefulset.apps/"), "{out}");
    assert!(aws.calls().is_empty(), "{:?}", aws.calls());
    assert!(twister2_objects(&env).is_empty());
    let empty = tempfile::tempdir().unwrap();
    let err = fails(
        env.plugin().env("PATH", empty.path()).args(s3_submit(
            "dry-server",
            "s3://bkt",
            &["--dry-run=server"],
        )),
        1,
    );
    assert!(err.contains("needs the AWS CLI"), "{err}");
}
