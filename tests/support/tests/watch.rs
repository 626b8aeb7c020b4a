//! Item 4: watch streams — initial state, live events, resume from a resourceVersion, 410 Expired,
//! selector transitions, bookmarks and the streaming-list mode kube-runtime uses, timeouts.

mod common;

use std::time::Duration;

use common::{Client, Lines, SECS, cm};
use fake_kube::FakeServer;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn watch_streams_added_modified_deleted() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    c.post(
        "/api/v1/namespaces/default/configmaps",
        &cm("before", json!({})),
    )
    .await;
    let mut w = Lines::new(
        c.stream("/api/v1/namespaces/default/configmaps?watch=true")
            .await,
    );
    let first = w.next_json(SECS).await.unwrap();
    assert_eq!(first["type"], "ADDED");
    assert_eq!(first["object"]["metadata"]["name"], "before");
    assert_eq!(first["object"]["kind"], "ConfigMap");

    c.post(
        "/api/v1/namespaces/default/configmaps",
        &cm("x", json!({"a": "1"})),
    )
    .await;
    c.patch(
        "/api/v1/namespaces/default/configmaps/x",
        "application/merge-patch+json",
        r#"{"data":{"a":"2"}}"#,
    )
    .await;
    c.delete("/api/v1/namespaces/default/configmaps/x").await;
    // Another namespace is not seen.
    c.post(
        "/api/v1/namespaces/kube-system/configmaps",
        &cm("elsewhere", json!({})),
    )
    .await;
    let kinds: Vec<(String, String)> = {
        let mut v = Vec::new();
        for _ in 0..3 {
            let e = w.next_json(SECS).await.unwrap();
            v.push((
                e["type"].as_str().unwrap().to_string(),
                e["object"]["data"]["a"].as_str().unwrap_or("").to_string(),
            ));
        }
        v
    };
    assert_eq!(
        kinds,
        [
            ("ADDED".into(), "1".into()),
            ("MODIFIED".into(), "2".into()),
            ("DELETED".into(), "2".into())
        ]
    );
    assert!(w.next(Duration::from_millis(200)).await.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn resume_from_resource_version_and_expired() {
    let opts = fake_kube::ServerOptions {
        history_limit: 5,
        ..Default::default()
    };
    let server = FakeServer::start_with(opts).unwrap();
    let c = Client::admin(&server);
    let a = c
        .post("/api/v1/namespaces/default/configmaps", &cm("a", json!({})))
        .await
        .body;
    let rv_a = a["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_string();
    c.post("/api/v1/namespaces/default/configmaps", &cm("b", json!({})))
        .await;
    c.post("/api/v1/namespaces/default/configmaps", &cm("c", json!({})))
        .await;
    let mut w = Lines::new(
        c.stream(&format!(
            "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion={rv_a}"
        ))
        .await,
    );
    let e1 = w.next_json(SECS).await.unwrap();
    let e2 = w.next_json(SECS).await.unwrap();
    assert_eq!(
        (
            e1["type"].as_str(),
            e1["object"]["metadata"]["name"].as_str()
        ),
        (Some("ADDED"), Some("b"))
    );
    assert_eq!(e2["object"]["metadata"]["name"], "c");
    assert!(
        w.next(Duration::from_millis(100)).await.is_none(),
        "no replay of older events"
    );

    // Push the first events out of the retained window.
    for i in 0..10 {
        c.post(
            "/api/v1/namespaces/default/configmaps",
            &cm(&format!("n{i}"), json!({})),
        )
        .await;
    }
    let mut old = Lines::new(
        c.stream(&format!(
            "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv_a}"
        ))
        .await,
    );
    let err = old.next_json(SECS).await.unwrap();
    assert_eq!(err["type"], "ERROR");
    assert_eq!(err["object"]["kind"], "Status");
    assert_eq!(err["object"]["code"], 410);
    assert_eq!(err["object"]["reason"], "Expired");
    assert!(
        err["object"]["message"]
            .as_str()
            .unwrap()
            .starts_with("too old resource version: ")
    );
    assert!(
        old.next(SECS).await.is_none(),
        "stream ends after the error"
    );

    // compact() forces the same.
    let rv = server.resource_version();
    server.compact();
    c.post(
        "/api/v1/namespaces/default/configmaps",
        &cm("late", json!({})),
    )
    .await;
    let mut ok = Lines::new(
        c.stream(&format!(
            "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}"
        ))
        .await,
    );
    assert_eq!(
        ok.next_json(SECS).await.unwrap()["object"]["metadata"]["name"],
        "late"
    );
    let mut gone = Lines::new(
        c.stream(&format!(
            "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={}",
            rv - 1
        ))
        .await,
    );
    assert_eq!(gone.next_json(SECS).await.unwrap()["object"]["code"], 410);
}

#[tokio::test(flavor = "multi_thread")]
async fn selectors_filter_and_transitions_are_sent_as_added_or_deleted() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let rv = server.resource_version();
    let mut w = Lines::new(
        c.stream(&format!("/api/v1/namespaces/default/configmaps?watch=true&labelSelector=t2-job%3Dj1&resourceVersion={rv}")).await,
    );
    let mut x = cm("x", json!({}));
    x["metadata"]["labels"] = json!({"t2-job": "other"});
    c.post("/api/v1/namespaces/default/configmaps", &x).await;
    let p = "/api/v1/namespaces/default/configmaps/x";
    c.patch(
        p,
        "application/merge-patch+json",
        r#"{"metadata":{"labels":{"t2-job":"j1"}}}"#,
    )
    .await;
    c.patch(p, "application/merge-patch+json", r#"{"data":{"k":"v"}}"#)
        .await;
    c.patch(
        p,
        "application/merge-patch+json",
        r#"{"metadata":{"labels":{"t2-job":"j2"}}}"#,
    )
    .await;
    let types: Vec<String> = {
        let mut v = Vec::new();
        while let Some(e) = w.next_json(Duration::from_millis(500)).await {
            v.push(e["type"].as_str().unwrap().to_string());
        }
        v
    };
    assert_eq!(types, ["ADDED", "MODIFIED", "DELETED"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn streaming_list_bookmark_and_timeout() {
    let opts = fake_kube::ServerOptions {
        bookmark_interval: Duration::from_millis(100),
        ..Default::default()
    };
    let server = FakeServer::start_with(opts).unwrap();
    let c = Client::admin(&server);
    c.post("/api/v1/namespaces/default/configmaps", &cm("a", json!({})))
        .await;
    c.post("/api/v1/namespaces/default/configmaps", &cm("b", json!({})))
        .await;
    // What kube-runtime's watcher sends for InitialListStrategy::StreamingList.
    let path = "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion=0";
    let mut w = Lines::new(c.stream(path).await);
    assert_eq!(
        w.next_json(SECS).await.unwrap()["object"]["metadata"]["name"],
        "a"
    );
    assert_eq!(
        w.next_json(SECS).await.unwrap()["object"]["metadata"]["name"],
        "b"
    );
    let bm = w.next_json(SECS).await.unwrap();
    assert_eq!(bm["type"], "BOOKMARK");
    assert_eq!(
        bm["object"]["metadata"]["annotations"]["k8s.io/initial-events-end"],
        "true"
    );
    assert_eq!(bm["object"]["kind"], "ConfigMap");
    assert_eq!(
        bm["object"]["metadata"]["resourceVersion"],
        server.resource_version().to_string()
    );
    // Periodic bookmarks, then the stream ends at the timeout.
    let periodic = w.next_json(SECS).await.unwrap();
    assert_eq!(periodic["type"], "BOOKMARK");
    let start = std::time::Instant::now();
    while w.next(Duration::from_secs(3)).await.is_some() {}
    assert!(w.ended && !w.ended_with_error);
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn watch_single_object_and_all_namespaces() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let rv = server.resource_version();
    let mut all = Lines::new(
        c.stream(&format!(
            "/api/v1/configmaps?watch=true&resourceVersion={rv}"
        ))
        .await,
    );
    let mut one = Lines::new(c.stream(&format!("/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dme&resourceVersion={rv}")).await);
    c.post(
        "/api/v1/namespaces/kube-system/configmaps",
        &cm("other", json!({})),
    )
    .await;
    c.post(
        "/api/v1/namespaces/default/configmaps",
        &cm("me", json!({})),
    )
    .await;
    assert_eq!(
        all.next_json(SECS).await.unwrap()["object"]["metadata"]["name"],
        "other"
    );
    assert_eq!(
        all.next_json(SECS).await.unwrap()["object"]["metadata"]["name"],
        "me"
    );
    assert_eq!(
        one.next_json(SECS).await.unwrap()["object"]["metadata"]["name"],
        "me"
    );
    assert!(one.next(Duration::from_millis(100)).await.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_watch_from_a_paged_lists_version_misses_no_change_made_between_pages() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    for name in ["a", "b", "c"] {
        c.post(
            "/api/v1/namespaces/default/configmaps",
            &cm(name, json!({"v": "0"})),
        )
        .await;
    }
    let first = c
        .get("/api/v1/namespaces/default/configmaps?limit=2")
        .await
        .body;
    let first_rv = first["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_string();
    let token = first["metadata"]["continue"].as_str().unwrap().to_string();
    // "a" was on the first page; it changes before the last page is read.
    c.patch(
        "/api/v1/namespaces/default/configmaps/a",
        "application/merge-patch+json",
        r#"{"data":{"v":"1"}}"#,
    )
    .await;
    let last = c
        .get(&format!(
            "/api/v1/namespaces/default/configmaps?limit=2&continue={token}"
        ))
        .await
        .body;
    let list_rv = last["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        list_rv, first_rv,
        "every page reports the first page's version"
    );
    let mut w = Lines::new(
        c.stream(&format!(
            "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={list_rv}"
        ))
        .await,
    );
    let event = w.next_json(SECS).await.unwrap();
    assert_eq!(event["type"], "MODIFIED");
    assert_eq!(event["object"]["metadata"]["name"], "a");
    assert_eq!(event["object"]["data"]["v"], "1");
}
