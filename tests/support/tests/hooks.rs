//! Item 7: deny, fail the Nth matching request (500/409/429 with Retry-After), latency, dropped
//! streams (after N events, mid-line after N bytes), the request log with counts and waves, and a
//! restart on the same port keeping the state.

mod common;

use std::time::{Duration, Instant};

use common::{Client, Lines, SECS, cm};
use fake_kube::{DropAfter, Failure, FakeServer, Match};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn deny_and_fail_nth() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let deny = server.deny(Match::verb("list").on("pods").namespace("default"));
    let r = c.get("/api/v1/namespaces/default/pods").await;
    assert_eq!(r.status, 403);
    assert_eq!(
        r.body["message"],
        "pods is forbidden: User \"admin\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\""
    );
    assert_eq!(
        c.get("/api/v1/namespaces/kube-system/pods").await.status,
        200
    );
    assert_eq!(server.hook_hits(deny), 1);
    server.remove_hook(deny);
    assert_eq!(c.get("/api/v1/namespaces/default/pods").await.status, 200);

    // Only the 2nd create fails, with 500.
    server.fail(Match::verb("create").on("configmaps"), Failure::nth(2, 500));
    let codes: Vec<u16> = {
        let mut v = Vec::new();
        for i in 0..3 {
            v.push(
                c.post(
                    "/api/v1/namespaces/default/configmaps",
                    &cm(&format!("c{i}"), json!({})),
                )
                .await
                .status,
            );
        }
        v
    };
    assert_eq!(codes, [201, 500, 201]);
    assert!(
        server.get("configmaps", "default", "c1").is_none(),
        "a failed write persists nothing"
    );

    // 429 with Retry-After, twice.
    server.fail(
        Match::verb("get").on("configmaps"),
        Failure::nth(1, 429).times(2).retry_after(3),
    );
    let r = c.get("/api/v1/namespaces/default/configmaps/c0").await;
    assert_eq!(r.status, 429);
    assert_eq!(r.headers["retry-after"], "3");
    assert_eq!(r.body["reason"], "TooManyRequests");
    assert_eq!(r.body["details"]["retryAfterSeconds"], 3);
    assert_eq!(
        c.get("/api/v1/namespaces/default/configmaps/c0")
            .await
            .status,
        429
    );
    assert_eq!(
        c.get("/api/v1/namespaces/default/configmaps/c0")
            .await
            .status,
        200
    );

    // 409 on an update uses the real conflict text.
    server.clear_hooks();
    server.fail(Match::verb("update"), Failure::always(409));
    let obj = c.get("/api/v1/namespaces/default/configmaps/c0").await.body;
    let r = c
        .put("/api/v1/namespaces/default/configmaps/c0", &obj)
        .await;
    assert_eq!(r.status, 409);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .starts_with("Operation cannot be fulfilled on configmaps \"c0\"")
    );
    // Per-user deny.
    server.clear_hooks();
    let alice = server.add_user("alice", &[]);
    server.deny(Match::verb("get").on("configmaps").user("alice"));
    let ca = Client::with_token(&server, &alice);
    let r = ca.get("/api/v1/namespaces/default/configmaps/c0").await;
    assert_eq!(r.status, 403);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("User \"alice\" cannot get resource \"configmaps\"")
    );
    assert_eq!(
        c.get("/api/v1/namespaces/default/configmaps/c0")
            .await
            .status,
        200
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn latency_and_waves() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    server.add_latency(Match::any(), Duration::from_millis(60));
    let t = Instant::now();
    c.get("/api/v1/namespaces").await;
    assert!(t.elapsed() >= Duration::from_millis(60));
    server.clear_requests();
    // Two sequential requests, then three concurrent: 3 waves, 5 requests.
    c.get("/api/v1/namespaces/default").await;
    c.get("/api/v1/namespaces/default/configmaps").await;
    let (a, b, d) = tokio::join!(
        c.get("/api/v1/namespaces/default/pods"),
        c.get("/api/v1/namespaces/default/services"),
        c.get("/api/v1/nodes")
    );
    assert_eq!((a.status, b.status, d.status), (200, 200, 200));
    assert_eq!(server.count_requests(&Match::any()), 5);
    assert_eq!(server.count_requests(&Match::verb("list")), 4);
    assert_eq!(server.waves(&Match::any()), 3);
    let recs = server.requests();
    assert_eq!(recs[0].verb, "get");
    assert_eq!(recs[0].resource, "namespaces");
    assert_eq!(recs[0].user, "admin");
    assert_eq!(recs[0].status, 200);
    assert!(recs[0].end.unwrap() - recs[0].start >= Duration::from_millis(60));
    server.clear_requests();
    assert!(server.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn drop_streams_after_events_and_mid_line() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    for i in 0..3 {
        c.post(
            "/api/v1/namespaces/default/configmaps",
            &cm(&format!("c{i}"), json!({})),
        )
        .await;
    }
    server.drop_streams(Match::verb("watch"), DropAfter::Events(2), 1);
    let mut w = Lines::new(
        c.stream("/api/v1/namespaces/default/configmaps?watch=true")
            .await,
    );
    assert!(w.next_json(SECS).await.is_some());
    assert!(w.next_json(SECS).await.is_some());
    assert!(w.next(SECS).await.is_none());
    assert!(
        w.ended_with_error,
        "the connection is cut, not ended cleanly"
    );
    // Spent: the next watch is whole.
    let mut w2 = Lines::new(
        c.stream("/api/v1/namespaces/default/configmaps?watch=true")
            .await,
    );
    for _ in 0..3 {
        assert!(w2.next_json(SECS).await.is_some());
    }

    server.drop_streams(Match::verb("watch"), DropAfter::Bytes(30), 1);
    let mut w3 = Lines::new(
        c.stream("/api/v1/namespaces/default/configmaps?watch=true")
            .await,
    );
    assert!(w3.next(SECS).await.is_none());
    assert!(w3.ended_with_error);
    assert_eq!(w3.rest().len(), 30, "cut mid-line after exactly 30 bytes");
}

#[test]
fn sync_api_and_restart_on_same_port() {
    let mut server = FakeServer::start().unwrap();
    let port = server.addr().port();
    server.put(json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "keep", "namespace": "default"}})).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let url = server.url();
    let get = |path: &str| {
        let url = format!("{url}{path}");
        rt.block_on(async move {
            reqwest::Client::new()
                .get(url)
                .bearer_auth(fake_kube::authz::ADMIN_TOKEN)
                .send()
                .await
                .map(|r| r.status().as_u16())
        })
    };
    assert_eq!(
        get("/api/v1/namespaces/default/configmaps/keep").unwrap(),
        200
    );
    server.stop();
    assert!(!server.is_running());
    assert!(get("/version").is_err(), "nothing listens while stopped");
    server.restart().unwrap();
    assert_eq!(server.addr().port(), port);
    assert_eq!(
        get("/api/v1/namespaces/default/configmaps/keep").unwrap(),
        200
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn restart_cuts_open_watches() {
    let mut server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let mut w = Lines::new(
        c.stream("/api/v1/namespaces/default/configmaps?watch=true")
            .await,
    );
    tokio::task::block_in_place(|| server.restart().unwrap());
    assert!(w.next(SECS).await.is_none());
    assert!(w.ended);
    let c2 = Client::admin(&server);
    assert_eq!(c2.get("/version").await.status, 200);
}
