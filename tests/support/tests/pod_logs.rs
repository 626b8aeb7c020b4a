//! Item 9: `pods/log` plain and followed, container selection and its errors, previous,
//! tailLines, sinceSeconds, timestamps, limitBytes, follow ending on termination and deletion,
//! and a drop hook cutting a log stream mid-line.

mod common;

use std::time::{Duration, Instant};

use common::{Client, Lines, SECS};
use fake_kube::{DropAfter, FakeServer, Match, PodScript, ServerOptions};
use serde_json::json;

fn pod(name: &str, containers: &[&str]) -> serde_json::Value {
    let cs: Vec<serde_json::Value> = containers
        .iter()
        .map(|c| json!({"name": c, "image": "busybox:1.36"}))
        .collect();
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "spec": {"containers": cs}})
}

async fn wait_running(server: &FakeServer, name: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while server
        .get("pods", "default", name)
        .is_none_or(|p| p["status"]["phase"] != "Running")
    {
        assert!(Instant::now() < deadline, "pod {name} never ran");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

const LOG: &str = "/api/v1/namespaces/default/pods";

#[tokio::test(flavor = "multi_thread")]
async fn plain_logs_and_options() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    server.create(pod("p", &["main"])).unwrap();
    wait_running(&server, "p").await;
    server.append_log("default", "p", "main", "one\ntwo\nthree");
    let r = c.get(&format!("{LOG}/p/log")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text, "one\ntwo\nthree\n");
    assert_eq!(
        c.get(&format!("{LOG}/p/log?tailLines=2")).await.text,
        "two\nthree\n"
    );
    assert_eq!(
        c.get(&format!("{LOG}/p/log?limitBytes=6")).await.text,
        "one\ntw"
    );
    assert_eq!(
        c.get(&format!("{LOG}/p/log?sinceSeconds=60")).await.text,
        "one\ntwo\nthree\n"
    );
    let ts = c
        .get(&format!("{LOG}/p/log?timestamps=true&tailLines=1"))
        .await
        .text;
    let (stamp, rest) = ts.split_once(' ').unwrap();
    assert_eq!(rest, "three\n");
    assert!(
        stamp.parse::<jiff::Timestamp>().is_ok() && stamp.ends_with('Z'),
        "{stamp}"
    );
    let since = c
        .get(&format!("{LOG}/p/log?sinceTime=2099-01-01T00:00:00Z"))
        .await
        .text;
    assert_eq!(since, "");
    assert_eq!(
        c.get(&format!("{LOG}/missing/log")).await.body["message"],
        "pods \"missing\" not found"
    );
    let prev = c.get(&format!("{LOG}/p/log?previous=true")).await;
    assert_eq!(prev.status, 400);
    assert_eq!(
        prev.body["message"],
        "previous terminated container \"main\" in pod \"p\" not found"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn container_selection_errors() {
    let server = FakeServer::start_with(ServerOptions {
        control_plane: false,
        ..Default::default()
    })
    .unwrap();
    let c = Client::admin(&server);
    server.create(pod("multi", &["a", "b"])).unwrap();
    let r = c.get(&format!("{LOG}/multi/log")).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.body["reason"], "BadRequest");
    assert_eq!(
        r.body["message"],
        "a container name must be specified for pod multi, choose one of: [a b]"
    );
    let r = c.get(&format!("{LOG}/multi/log?container=zzz")).await;
    assert_eq!(
        r.body["message"],
        "container zzz is not valid for pod multi"
    );
    let r = c.get(&format!("{LOG}/multi/log?container=b")).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.body["message"],
        "container \"b\" in pod \"multi\" is waiting to start: ContainerCreating"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn follow_streams_until_the_container_ends() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let ms = Duration::from_millis;
    server.script_pod(
        "f",
        PodScript::new()
            .log(ms(20), "l1")
            .log(ms(150), "l2")
            .log(ms(300), "l3")
            .end(ms(450), 0),
    );
    server.create(pod("f", &["main"])).unwrap();
    wait_running(&server, "f").await;
    let mut lines = Lines::new(c.stream(&format!("{LOG}/f/log?follow=true")).await);
    let mut got = Vec::new();
    while let Some(l) = lines.next(SECS).await {
        got.push(l);
    }
    assert_eq!(
        got,
        ["l1", "l2", "l3"],
        "ended_with_error={}",
        lines.ended_with_error
    );
    assert!(lines.ended && !lines.ended_with_error);
}

#[tokio::test(flavor = "multi_thread")]
async fn restart_keeps_previous_and_ends_follow_and_delete_ends_follow() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let ms = Duration::from_millis;
    server.script_pod(
        "r",
        PodScript::new()
            .log(ms(10), "old life")
            .restart(ms(200), 1)
            .log(ms(250), "new life"),
    );
    server.create(pod("r", &["main"])).unwrap();
    wait_running(&server, "r").await;
    let mut follow = Lines::new(c.stream(&format!("{LOG}/r/log?follow=true")).await);
    assert_eq!(follow.next(SECS).await.as_deref(), Some("old life"));
    assert!(
        follow.next(SECS).await.is_none(),
        "a restart ends the follow of the old instance"
    );
    tokio::time::sleep(ms(150)).await;
    assert_eq!(
        c.get(&format!("{LOG}/r/log?previous=true")).await.text,
        "old life\n"
    );
    assert_eq!(c.get(&format!("{LOG}/r/log")).await.text, "new life\n");

    let mut again = Lines::new(c.stream(&format!("{LOG}/r/log?follow=true")).await);
    assert_eq!(again.next(SECS).await.as_deref(), Some("new life"));
    server.delete("pods", "default", "r").unwrap();
    assert!(
        again.next(SECS).await.is_none(),
        "deleting the pod ends the follow"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn drop_hook_cuts_a_log_stream_mid_line() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    server.create(pod("d", &["main"])).unwrap();
    wait_running(&server, "d").await;
    server.append_log("default", "d", "main", "0123456789\nabcdefghij");
    server.drop_streams(Match::resource("pods/log"), DropAfter::Bytes(15), 1);
    let mut lines = Lines::new(c.stream(&format!("{LOG}/d/log?follow=true")).await);
    assert_eq!(lines.next(SECS).await.as_deref(), Some("0123456789"));
    assert!(lines.next(SECS).await.is_none());
    assert!(lines.ended_with_error);
    assert_eq!(lines.rest(), b"abcd");
}
