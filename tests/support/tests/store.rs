//! Item 1 and 3: the object store over HTTP — create/get, server-set metadata, generateName,
//! namespaces, name validation, kinds in lists, and Status error bodies.

mod common;

use common::{Client, cm};
use fake_kube::FakeServer;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn create_then_get_sets_server_fields() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let r = c
        .post(
            "/api/v1/namespaces/default/configmaps",
            &cm("one", json!({"a": "1"})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let obj = r.body;
    assert_eq!(obj["kind"], "ConfigMap");
    assert_eq!(obj["apiVersion"], "v1");
    assert_eq!(obj["metadata"]["namespace"], "default");
    assert_eq!(obj["metadata"]["uid"].as_str().unwrap().len(), 36);
    assert!(
        obj["metadata"]["resourceVersion"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .is_ok()
    );
    assert!(
        obj["metadata"]["creationTimestamp"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );

    let got = c.get("/api/v1/namespaces/default/configmaps/one").await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body, obj);

    // resourceVersion is one global counter.
    let second = c
        .post(
            "/api/v1/namespaces/default/configmaps",
            &cm("two", json!({})),
        )
        .await
        .body;
    let rv1: u64 = obj["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let rv2: u64 = second["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(rv2 > rv1);

    // StatefulSets get a generation.
    let sts = json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "s"}, "spec": {
        "replicas": 0, "serviceName": "s", "selector": {"matchLabels": {"app": "s"}},
        "template": {"metadata": {"labels": {"app": "s"}}, "spec": {"containers": [{"name": "c", "image": "busybox:1"}]}}}});
    let created = c
        .post("/apis/apps/v1/namespaces/default/statefulsets", &sts)
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["metadata"]["generation"], 1);
    assert_eq!(created.body["spec"]["podManagementPolicy"], "OrderedReady");
}

#[tokio::test(flavor = "multi_thread")]
async fn conflicts_and_not_found_are_status_bodies() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    assert_eq!(
        c.post("/api/v1/namespaces/default/configmaps", &cm("x", json!({})))
            .await
            .status,
        201
    );
    let dup = c
        .post("/api/v1/namespaces/default/configmaps", &cm("x", json!({})))
        .await;
    assert_eq!(dup.status, 409);
    assert_eq!(
        dup.body,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
               "message": "configmaps \"x\" already exists", "reason": "AlreadyExists",
               "details": {"name": "x", "kind": "configmaps"}, "code": 409})
    );
    let missing = c.get("/api/v1/namespaces/default/configmaps/nope").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body["message"], "configmaps \"nope\" not found");
    assert_eq!(missing.body["reason"], "NotFound");
    assert_eq!(
        missing.body["details"],
        json!({"name": "nope", "kind": "configmaps"})
    );

    let sts = c
        .get("/apis/apps/v1/namespaces/default/statefulsets/gone")
        .await;
    assert_eq!(sts.body["message"], "statefulsets.apps \"gone\" not found");
    assert_eq!(sts.body["details"]["group"], "apps");

    let unknown = c.get("/apis/batch/v1/namespaces/default/jobs").await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.body["kind"], "Status");
}

#[tokio::test(flavor = "multi_thread")]
async fn namespaces_must_exist_and_names_must_be_valid() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let r = c
        .post("/api/v1/namespaces/missing/configmaps", &cm("x", json!({})))
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.body["message"], "namespaces \"missing\" not found");
    assert_eq!(c.get("/api/v1/namespaces/kube-system").await.status, 200);

    let bad = c
        .post(
            "/api/v1/namespaces/default/configmaps",
            &cm("Bad_Name", json!({})),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.body["reason"], "Invalid");
    assert!(
        bad.body["message"]
            .as_str()
            .unwrap()
            .starts_with("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"),
        "{}",
        bad.body["message"]
    );
    assert_eq!(bad.body["details"]["causes"][0]["field"], "metadata.name");

    let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "1svc"}, "spec": {"ports": [{"port": 80}]}});
    let bad_svc = c.post("/api/v1/namespaces/default/services", &svc).await;
    assert_eq!(bad_svc.status, 422);
    assert!(
        bad_svc.body["message"]
            .as_str()
            .unwrap()
            .contains("DNS-1035 label")
    );

    let ns = c
        .post(
            "/api/v1/namespaces",
            &json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}}),
        )
        .await;
    assert_eq!(ns.status, 201, "{}", ns.text);
    assert_eq!(ns.body["status"]["phase"], "Active");
    assert_eq!(
        c.post("/api/v1/namespaces/team-a/configmaps", &cm("x", json!({})))
            .await
            .status,
        201
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn generate_name_and_list_kinds() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let body =
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"generateName": "job-"}});
    let a = c
        .post("/api/v1/namespaces/default/configmaps", &body)
        .await
        .body;
    let b = c
        .post("/api/v1/namespaces/default/configmaps", &body)
        .await
        .body;
    let (na, nb) = (
        a["metadata"]["name"].as_str().unwrap(),
        b["metadata"]["name"].as_str().unwrap(),
    );
    assert!(na.starts_with("job-") && na.len() == 9, "{na}");
    assert_ne!(na, nb);

    let list = c.get("/api/v1/namespaces/default/configmaps").await.body;
    assert_eq!(list["kind"], "ConfigMapList");
    assert_eq!(list["apiVersion"], "v1");
    assert!(list["metadata"]["resourceVersion"].as_str().is_some());
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(
        items
            .iter()
            .all(|i| i["kind"] == "ConfigMap" && i["apiVersion"] == "v1")
    );

    let sts_list = c.get("/apis/apps/v1/statefulsets").await.body;
    assert_eq!(sts_list["kind"], "StatefulSetList");
    assert_eq!(sts_list["apiVersion"], "apps/v1");

    // Mismatched namespace in the body.
    let other = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "o", "namespace": "kube-system"}});
    let r = c
        .post("/api/v1/namespaces/default/configmaps", &other)
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.body["reason"], "BadRequest");
}

#[tokio::test(flavor = "multi_thread")]
async fn seeding_api_and_secrets() {
    let server = FakeServer::start().unwrap();
    let nodes = server.nodes(2);
    assert_eq!(nodes.len(), 2);
    let node = server.get("nodes", "", "node-1").unwrap();
    let addrs = node["status"]["addresses"].as_array().unwrap();
    assert!(
        addrs
            .iter()
            .any(|a| a["type"] == "InternalIP" && a["address"] == "10.0.0.2")
    );
    assert!(addrs.iter().any(|a| a["type"] == "ExternalIP"));
    assert!(
        addrs
            .iter()
            .any(|a| a["type"] == "Hostname" && a["address"] == "node-1")
    );

    let c = Client::admin(&server);
    let secret = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "stringData": {"k": "hello"}});
    let r = c.post("/api/v1/namespaces/default/secrets", &secret).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.body["data"]["k"], "aGVsbG8=");
    assert_eq!(r.body["type"], "Opaque");
    assert!(r.body.get("stringData").is_none());

    // put() keeps status and replaces.
    server
        .put(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default"},
                    "spec": {"containers": [{"name": "c", "image": "x:1"}]}, "status": {"phase": "Succeeded"}}))
        .unwrap();
    assert_eq!(
        server.get("pods", "default", "p").unwrap()["status"]["phase"],
        "Succeeded"
    );
    assert_eq!(server.list("pods", None).len(), 1);
}
