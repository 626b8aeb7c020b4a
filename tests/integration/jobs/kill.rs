//! `kill`: the KILL_JOB signal, the fallback delete, uploader packages, `--all`, `--last`.

use std::time::{Duration, Instant};

use fake_kube::resources::Res;
use fake_kube::{EventType, Match, ServerHandle};
use kubectl_twister2::manifests::uploader;
use serde_json::{Value, json};

use super::{
    ensure_namespace, job_objects, persistent, remember, seed, seed_java, spec, state_dir,
    wait_ready,
};
use crate::common::{Env, fails, ok, texts};

/// Play Twister2's job master: when `KILL_JOB` appears in a job's ConfigMap, delete the job's
/// objects as `JobTerminator` does.
fn script_job_master(server: &ServerHandle) {
    server.on_change(
        |ev| {
            ev.kind == EventType::Modified
                && ev.res == Res::by_plural("", "configmaps").unwrap()
                && ev.object["data"]["KILL_JOB"] == "true"
        },
        |handle, ev| {
            let selector = format!("t2-job={}", ev.name);
            let ns = Some(ev.namespace.as_str());
            for resource in [
                "statefulsets",
                "services",
                "persistentvolumeclaims",
                "configmaps",
            ] {
                handle.delete_selected(resource, ns, &selector).unwrap();
            }
        },
    );
}

fn plugin_requests(
    server: &ServerHandle,
    verb: &str,
    resource: &str,
) -> Vec<fake_kube::RequestRecord> {
    server.requests_matching(&Match::verb(verb).on(resource))
}

#[test]
fn kill_through_a_scripted_job_master() {
    let env = Env::new();
    let id = "u-kill-1";
    seed(&env.server, &persistent(spec(id, "default")));
    wait_ready(&env.server, "default", id, 3);
    script_job_master(&env.server);
    env.server.clear_requests();
    let started = Instant::now();
    let output = env
        .plugin()
        .args(["kill", id, "-y", "--timeout", "30s"])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "waited for the time limit: {stderr}"
    );
    assert_eq!(stdout, format!("job \"{id}\" killed\n"));
    assert!(
        stderr.contains(&format!(
            "{id}: asked the job master to end the job (KILL_JOB=true)"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{id}: killed: its job master cleaned up")),
        "{stderr}"
    );
    assert!(job_objects(&env.server, "default", id).is_empty());
    // The signal: a patch of ConfigMap <jobID> setting KILL_JOB=true.
    let patches = plugin_requests(&env.server, "patch", "configmaps");
    assert_eq!(patches.len(), 1);
    assert_eq!(patches[0].name, id);
    let body: Value = serde_json::from_slice(&patches[0].body).unwrap();
    assert_eq!(body, json!({"data": {"KILL_JOB": "true"}}));
    // The job master did the deleting.
    assert_eq!(env.server.count_requests(&Match::verb("delete")), 0);
}

#[test]
fn sigterm_while_kill_waits_for_the_job_master_says_what_to_do() {
    let env = Env::new();
    let id = "u-kill-term";
    seed(&env.server, &spec(id, "default"));
    let run = crate::common::Background::start(&env, &["kill", id, "-y", "--timeout", "60s"]);
    crate::common::wait_until("the kill signal", Duration::from_secs(20), || {
        env.server
            .get("configmaps", "default", id)
            .is_some_and(|cm| cm["data"]["KILL_JOB"] == "true")
    });
    run.signal(libc::SIGTERM);
    let (code, _, stderr) = run.finish(Duration::from_secs(10));
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted (SIGTERM) while killing u-kill-term"),
        "{stderr}"
    );
    assert!(
        stderr.contains("kubectl twister2 kill u-kill-term -n default"),
        "{stderr}"
    );
}

#[test]
fn kill_deletes_what_is_left_when_no_job_master_answers() {
    let env = Env::new();
    let id = "u-kill-2";
    seed(&env.server, &persistent(spec(id, "default")));
    let other = "u-other-3";
    seed(&env.server, &spec(other, "default"));
    env.server.clear_requests();
    let started = Instant::now();
    let output = env
        .plugin()
        .args(["kill", id, "-y", "--timeout", "1s"])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "did not wait for the job master"
    );
    assert_eq!(stdout, format!("job \"{id}\" killed\n"));
    assert!(
        stderr.contains("the job master did not finish within 1s (6 objects left)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("killed: deleted 6 objects the job master left"),
        "{stderr}"
    );
    assert!(job_objects(&env.server, "default", id).is_empty());
    assert!(
        env.server
            .list_selected("pods", Some("default"), &format!("t2-job={id}"))
            .unwrap()
            .is_empty()
    );
    // The signal came first, then one delete per object; the other job is untouched.
    assert_eq!(plugin_requests(&env.server, "patch", "configmaps").len(), 1);
    let mut deleted: Vec<String> = env
        .server
        .requests_matching(&Match::verb("delete"))
        .into_iter()
        .map(|r| format!("{}/{}", r.resource, r.name))
        .collect();
    deleted.sort();
    assert_eq!(
        deleted,
        [
            format!("configmaps/{id}"),
            format!("persistentvolumeclaims/{id}"),
            format!("services/{id}"),
            format!("services/{id}-jm"),
            format!("statefulsets/{id}-0"),
            format!("statefulsets/{id}-jm"),
        ]
    );
    assert_eq!(job_objects(&env.server, "default", other).len(), 5);
}

#[test]
fn kill_keep_data_keeps_the_claim() {
    let env = Env::new();
    let id = "u-keep-1";
    seed(&env.server, &persistent(spec(id, "default")));
    script_job_master(&env.server);
    env.server.clear_requests();
    let out = ok(env
        .plugin()
        .args(["kill", id, "-y", "--keep-data", "--timeout", "30s"]));
    assert_eq!(out, format!("job \"{id}\" killed\n"));
    assert_eq!(
        job_objects(&env.server, "default", id),
        [format!("persistentvolumeclaims/{id}")]
    );
    // The job master, which would delete the claim, was not signalled.
    assert_eq!(plugin_requests(&env.server, "patch", "configmaps").len(), 0);
}

#[test]
fn kill_of_a_missing_job() {
    let env = Env::new();
    let err = fails(env.plugin().args(["kill", "u-nope-1", "-y"]), 1);
    assert!(
        err.contains("job \"u-nope-1\" not found in namespace \"default\""),
        "{err}"
    );
    let out = ok(env
        .plugin()
        .args(["kill", "u-nope-1", "-y", "--ignore-not-found"]));
    assert_eq!(out, "");
    // One existing, one missing: the existing one is killed, the missing one reported.
    seed(&env.server, &spec("u-here-2", "default"));
    let output = env
        .plugin()
        .args(["kill", "u-here-2", "u-nope-1", "-y", "--timeout", "1s"])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout, "job \"u-here-2\" killed\n");
    assert!(
        stderr.contains("job \"u-nope-1\" not found in namespace \"default\""),
        "{stderr}"
    );
    assert!(job_objects(&env.server, "default", "u-here-2").is_empty());
    let err = fails(env.plugin().args(["kill", "BAD id", "-y"]), 2);
    assert!(err.contains("not a valid Twister2 job ID"), "{err}");
}

#[test]
fn kill_without_a_terminal_needs_yes() {
    let env = Env::new();
    let id = "u-ask-1";
    seed(&env.server, &spec(id, "default"));
    env.server.clear_requests();
    let err = fails(env.plugin().args(["kill", id]), 1);
    assert!(err.contains("-y/--yes"), "{err}");
    assert!(
        err.contains(&format!("Kill job {id} in namespace default?")),
        "{err}"
    );
    assert_eq!(env.server.count_requests(&Match::verb("patch")), 0);
    assert_eq!(env.server.count_requests(&Match::verb("delete")), 0);
    assert_eq!(job_objects(&env.server, "default", id).len(), 5);
}

#[test]
fn kill_removes_the_package_from_uploader_pods() {
    let env = Env::new();
    let mut opts = uploader::UploaderOptions::new("default");
    opts.replicas = 2;
    for object in uploader::uploader_objects(&opts)
        .unwrap()
        .to_json_values()
        .unwrap()
    {
        env.server.create(object).unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    let pods = loop {
        let pods: Vec<String> = env
            .server
            .list_selected("pods", Some("default"), uploader::POD_SELECTOR)
            .unwrap()
            .into_iter()
            .filter(|p| p["status"]["phase"] == "Running")
            .map(|p| p["metadata"]["name"].as_str().unwrap().to_string())
            .collect();
        if pods.len() == 2 {
            break pods;
        }
        assert!(Instant::now() < deadline, "uploader pods never ran");
        std::thread::sleep(Duration::from_millis(10));
    };
    let (id, other) = ("u-pkg-1", "u-pkg-2");
    seed(&env.server, &spec(id, "default"));
    seed(&env.server, &spec(other, "default"));
    for pod in &pods {
        env.server
            .put_pod_file("default", pod, &uploader::package_path(id), b"package");
        env.server
            .put_pod_file("default", pod, &uploader::package_path(other), b"other");
    }
    env.server.clear_requests();
    let output = env
        .plugin()
        .args(["kill", id, "-y", "--timeout", "1s"])
        .output()
        .unwrap();
    let (_, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("package removed from 2 uploader pods"),
        "{stderr}"
    );
    for pod in &pods {
        assert_eq!(
            env.server
                .pod_file("default", pod, &uploader::package_path(id)),
            None
        );
        assert_eq!(
            env.server
                .pod_file("default", pod, &uploader::package_path(other))
                .as_deref(),
            Some(&b"other"[..])
        );
    }
    let execs = env.server.requests_matching(&Match::resource("pods/exec"));
    assert_eq!(execs.len(), 2);
    for exec in &execs {
        assert_eq!(
            exec.command,
            ["rm", "-f", &format!("/usr/share/nginx/html/{id}.tar.gz")]
        );
        assert_eq!(
            exec.query_param("container").as_deref(),
            Some("twister2-uploader")
        );
    }
}

#[test]
fn kill_a_java_client_job() {
    let env = Env::new();
    let id = "u-java-9";
    seed_java(&env.server, &spec(id, "default"));
    wait_ready(&env.server, "default", id, 3);
    script_job_master(&env.server);
    let out = ok(env.plugin().args(["kill", id, "-y"]));
    assert_eq!(out, format!("job \"{id}\" killed\n"));
    assert!(job_objects(&env.server, "default", id).is_empty());
}

#[test]
fn kill_all_kills_every_job_concurrently() {
    let env = Env::new();
    let ids = ["u-all-1", "u-all-2", "u-all-3"];
    for id in ids {
        seed(&env.server, &spec(id, "default"));
    }
    ensure_namespace(&env.server, "elsewhere");
    seed(&env.server, &spec("u-far-4", "elsewhere"));
    let started = Instant::now();
    let out = ok(env
        .plugin()
        .args(["kill", "--all", "-y", "--timeout", "2s"]));
    // Three jobs waited for in turn would take 6 s.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "not concurrent: {:?}",
        started.elapsed()
    );
    assert_eq!(
        out,
        "job \"u-all-1\" killed\njob \"u-all-2\" killed\njob \"u-all-3\" killed\n"
    );
    for id in ids {
        assert!(job_objects(&env.server, "default", id).is_empty());
    }
    assert_eq!(job_objects(&env.server, "elsewhere", "u-far-4").len(), 5);
    // Nothing left: --all says so and succeeds.
    let output = env.plugin().args(["kill", "--all", "-y"]).output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        texts(&output).1,
        "No Twister2 jobs found in namespace default.\n"
    );
}

#[test]
fn kill_last_kills_the_remembered_job() {
    let env = Env::new();
    seed(&env.server, &spec("u-last-5", "default"));
    seed(&env.server, &spec("u-keep-6", "default"));
    remember(&env, "u-last-5");
    script_job_master(&env.server);
    let out = ok(env
        .plugin()
        .env("XDG_STATE_HOME", state_dir(&env))
        .args(["kill", "--last", "-y"]));
    assert_eq!(out, "job \"u-last-5\" killed\n");
    assert!(job_objects(&env.server, "default", "u-last-5").is_empty());
    assert_eq!(job_objects(&env.server, "default", "u-keep-6").len(), 5);
}
