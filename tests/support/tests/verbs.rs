//! Item 2: list with selectors and paging, update conflicts, merge/strategic/JSON patches,
//! server-side apply (no-op keeps resourceVersion, managedFields, conflicts), dryRun, delete,
//! cascading delete and deletecollection.

mod common;

use common::{Client, cm};
use fake_kube::{FakeServer, ServerOptions};
use serde_json::{Value, json};

fn labeled(name: &str, labels: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": labels}})
}

fn names(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["metadata"]["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn list_with_label_and_field_selectors() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    for (n, l) in [
        ("a", json!({"app": "twister2", "t2-job": "j1"})),
        ("b", json!({"app": "twister2", "t2-job": "j2"})),
        ("c", json!({"app": "other"})),
    ] {
        assert_eq!(
            c.post("/api/v1/namespaces/default/configmaps", &labeled(n, l))
                .await
                .status,
            201
        );
    }
    let q = |sel: &str| {
        format!(
            "/api/v1/namespaces/default/configmaps?labelSelector={}",
            urlencode(sel)
        )
    };
    assert_eq!(names(&c.get(&q("app=twister2")).await.body), ["a", "b"]);
    assert_eq!(names(&c.get(&q("app==twister2")).await.body), ["a", "b"]);
    assert_eq!(names(&c.get(&q("app!=twister2")).await.body), ["c"]);
    assert_eq!(names(&c.get(&q("t2-job in (j1,j3)")).await.body), ["a"]);
    assert_eq!(
        names(&c.get(&q("t2-job notin (j1)")).await.body),
        ["b", "c"]
    );
    assert_eq!(names(&c.get(&q("t2-job")).await.body), ["a", "b"]);
    assert_eq!(names(&c.get(&q("!t2-job")).await.body), ["c"]);
    let bad = c.get(&q("a in b")).await;
    assert_eq!(bad.status, 400);

    let by_name = c
        .get("/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Db")
        .await;
    assert_eq!(names(&by_name.body), ["b"]);
    let unsupported = c
        .get("/api/v1/namespaces/default/configmaps?fieldSelector=data.x%3D1")
        .await;
    assert_eq!(unsupported.status, 400);

    // Pods by phase and node, across namespaces.
    let opts = ServerOptions {
        control_plane: false,
        ..Default::default()
    };
    let s2 = FakeServer::start_with(opts).unwrap();
    for (ns, name, phase, node) in [
        ("default", "p1", "Running", "n1"),
        ("kube-system", "p2", "Pending", "n2"),
        ("default", "p3", "Running", "n2"),
    ] {
        s2.put(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": ns},
                      "spec": {"nodeName": node, "containers": [{"name": "c", "image": "i:1"}]}, "status": {"phase": phase}}))
            .unwrap();
    }
    let c2 = Client::admin(&s2);
    assert_eq!(
        names(&c2.get("/api/v1/pods").await.body),
        ["p1", "p3", "p2"]
    );
    assert_eq!(
        names(
            &c2.get("/api/v1/pods?fieldSelector=status.phase%3DRunning")
                .await
                .body
        ),
        ["p1", "p3"]
    );
    assert_eq!(
        names(
            &c2.get("/api/v1/pods?fieldSelector=spec.nodeName%3Dn2,metadata.namespace%3Ddefault")
                .await
                .body
        ),
        ["p3"]
    );
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn paging_with_limit_and_continue() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    for i in 0..5 {
        c.post(
            "/api/v1/namespaces/default/configmaps",
            &cm(&format!("cm-{i}"), json!({})),
        )
        .await;
    }
    let p1 = c
        .get("/api/v1/namespaces/default/configmaps?limit=2")
        .await
        .body;
    assert_eq!(names(&p1), ["cm-0", "cm-1"]);
    assert_eq!(p1["metadata"]["remainingItemCount"], 3);
    let token = p1["metadata"]["continue"].as_str().unwrap().to_string();
    let p2 = c
        .get(&format!(
            "/api/v1/namespaces/default/configmaps?limit=2&continue={token}"
        ))
        .await
        .body;
    assert_eq!(names(&p2), ["cm-2", "cm-3"]);
    let token = p2["metadata"]["continue"].as_str().unwrap().to_string();
    let p3 = c
        .get(&format!(
            "/api/v1/namespaces/default/configmaps?limit=2&continue={token}"
        ))
        .await
        .body;
    assert_eq!(names(&p3), ["cm-4"]);
    assert!(p3["metadata"].get("continue").is_none());
    assert_eq!(
        c.get("/api/v1/namespaces/default/configmaps?continue=garbage")
            .await
            .status,
        400
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn update_conflicts_on_stale_resource_version() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let created = c
        .post(
            "/api/v1/namespaces/default/configmaps",
            &cm("x", json!({"a": "1"})),
        )
        .await
        .body;
    let mut v1 = created.clone();
    v1["data"]["a"] = json!("2");
    let updated = c.put("/api/v1/namespaces/default/configmaps/x", &v1).await;
    assert_eq!(updated.status, 200);
    assert_ne!(
        updated.body["metadata"]["resourceVersion"],
        created["metadata"]["resourceVersion"]
    );
    assert_eq!(updated.body["metadata"]["uid"], created["metadata"]["uid"]);

    // Same stale body again: 409.
    let stale = c.put("/api/v1/namespaces/default/configmaps/x", &v1).await;
    assert_eq!(stale.status, 409);
    assert_eq!(stale.body["reason"], "Conflict");
    assert_eq!(
        stale.body["message"],
        "Operation cannot be fulfilled on configmaps \"x\": the object has been modified; please apply your changes to the latest version and try again"
    );
    // Without a resourceVersion the update is unconditional.
    let mut blind = cm("x", json!({"a": "3"}));
    blind["metadata"]["labels"] = json!({"l": "v"});
    assert_eq!(
        c.put("/api/v1/namespaces/default/configmaps/x", &blind)
            .await
            .status,
        200
    );
    // A no-op update keeps the resourceVersion.
    let cur = c.get("/api/v1/namespaces/default/configmaps/x").await.body;
    let again = c
        .put("/api/v1/namespaces/default/configmaps/x", &cur)
        .await
        .body;
    assert_eq!(
        again["metadata"]["resourceVersion"],
        cur["metadata"]["resourceVersion"]
    );
    // Missing object: 404.
    assert_eq!(
        c.put(
            "/api/v1/namespaces/default/configmaps/nope",
            &cm("nope", json!({}))
        )
        .await
        .status,
        404
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn merge_strategic_and_json_patches() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let mut body = cm("x", json!({"a": "1", "b": "2"}));
    body["metadata"]["labels"] = json!({"keep": "1"});
    c.post("/api/v1/namespaces/default/configmaps", &body).await;
    let p = "/api/v1/namespaces/default/configmaps/x";

    let r = c
        .patch(
            p,
            "application/merge-patch+json",
            r#"{"data":{"a":null,"c":"3"}}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["data"], json!({"b": "2", "c": "3"}));

    let r = c
        .patch(
            p,
            "application/strategic-merge-patch+json",
            r#"{"metadata":{"labels":{"new":"2"}}}"#,
        )
        .await;
    assert_eq!(
        r.body["metadata"]["labels"],
        json!({"keep": "1", "new": "2"})
    );

    let r = c
        .patch(p, "application/json-patch+json", r#"[{"op":"add","path":"/data/d","value":"4"},{"op":"remove","path":"/data/b"},{"op":"replace","path":"/data/c","value":"x"},{"op":"copy","from":"/data/d","path":"/data/e"},{"op":"move","from":"/data/e","path":"/data/f"}]"#)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["data"], json!({"c": "x", "d": "4", "f": "4"}));
    let failed = c
        .patch(
            p,
            "application/json-patch+json",
            r#"[{"op":"test","path":"/data/c","value":"nope"}]"#,
        )
        .await;
    assert_eq!(failed.status, 422);

    // A patch carrying a stale resourceVersion conflicts.
    let stale = c
        .patch(
            p,
            "application/merge-patch+json",
            r#"{"metadata":{"resourceVersion":"1"},"data":{"z":"1"}}"#,
        )
        .await;
    assert_eq!(stale.status, 409);
    assert_eq!(
        c.patch(
            "/api/v1/namespaces/default/configmaps/none",
            "application/merge-patch+json",
            "{}"
        )
        .await
        .status,
        404
    );
    assert_eq!(c.patch(p, "text/plain", "{}").await.status, 415);

    // managedFields record the Update manager.
    let r = c
        .patch(
            &format!("{p}?fieldManager=kubectl-label"),
            "application/merge-patch+json",
            r#"{"metadata":{"labels":{"x":"y"}}}"#,
        )
        .await;
    let mf = r.body["metadata"]["managedFields"].as_array().unwrap();
    assert!(
        mf.iter()
            .any(|e| e["manager"] == "kubectl-label" && e["operation"] == "Update")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn server_side_apply_creates_merges_and_is_idempotent() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let p = "/api/v1/namespaces/default/configmaps/cfg?fieldManager=kubectl-twister2&force=true";
    let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  labels:\n    app: twister2\ndata:\n  a: \"1\"\n";
    let created = c.patch(p, "application/apply-patch+yaml", yaml).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let rv = created.body["metadata"]["resourceVersion"].clone();
    let mf = &created.body["metadata"]["managedFields"][0];
    assert_eq!(mf["manager"], "kubectl-twister2");
    assert_eq!(mf["operation"], "Apply");
    assert_eq!(mf["apiVersion"], "v1");

    // Same apply again (JSON body this time): nothing changes, same resourceVersion.
    let json_body = r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","labels":{"app":"twister2"}},"data":{"a":"1"}}"#;
    let again = c.patch(p, "application/apply-patch+yaml", json_body).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body["metadata"]["resourceVersion"], rv);

    // Another manager's field survives; a changed value bumps the version.
    c.patch(
        "/api/v1/namespaces/default/configmaps/cfg?fieldManager=other",
        "application/merge-patch+json",
        r#"{"data":{"other":"x"}}"#,
    )
    .await;
    let changed = c
        .patch(
            p,
            "application/apply-patch+yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"2\"\n",
        )
        .await
        .body;
    assert_eq!(changed["data"], json!({"a": "2", "other": "x"}));
    // The label this manager stopped applying is removed.
    assert!(
        changed["metadata"]
            .get("labels")
            .is_none_or(|l| l.get("app").is_none()),
        "{changed}"
    );
    assert_ne!(changed["metadata"]["resourceVersion"], rv);

    // Conflict with another applier unless forced.
    let conflict = c
        .patch(
            "/api/v1/namespaces/default/configmaps/cfg?fieldManager=intruder",
            "application/apply-patch+yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"9\"\n",
        )
        .await;
    assert_eq!(conflict.status, 409);
    assert_eq!(
        conflict.body["message"],
        "Apply failed with 1 conflict: conflict with \"kubectl-twister2\" using v1: .data.a"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_persists_nothing() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let rv = server.resource_version();
    let r = c
        .post(
            "/api/v1/namespaces/default/configmaps?dryRun=All",
            &cm("dry", json!({"a": "1"})),
        )
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(r.body["metadata"]["name"], "dry");
    assert_eq!(
        c.get("/api/v1/namespaces/default/configmaps/dry")
            .await
            .status,
        404
    );
    let r = c
        .patch(
            "/api/v1/namespaces/default/configmaps/dry2?fieldManager=m&dryRun=All",
            "application/apply-patch+yaml",
            r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dry2"}}"#,
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert!(server.get("configmaps", "default", "dry2").is_none());
    c.post(
        "/api/v1/namespaces/default/configmaps",
        &cm("real", json!({})),
    )
    .await;
    let rv_after_create = server.resource_version();
    assert_eq!(rv_after_create, rv + 1);
    let d = c
        .send(
            "DELETE",
            "/api/v1/namespaces/default/configmaps/real?dryRun=All",
            None,
            None,
        )
        .await;
    assert_eq!(d.status, 200);
    assert!(server.get("configmaps", "default", "real").is_some());
    let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"type": "NodePort", "ports": [{"port": 80, "nodePort": 30123}]}});
    assert_eq!(
        c.post("/api/v1/namespaces/default/services?dryRun=All", &svc)
            .await
            .status,
        201
    );
    // The port was not taken by the dry run.
    assert_eq!(
        c.post("/api/v1/namespaces/default/services", &svc)
            .await
            .status,
        201
    );
    assert_eq!(server.resource_version(), rv_after_create + 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_cascades_and_deletecollection() {
    let opts = ServerOptions {
        control_plane: false,
        ..Default::default()
    };
    let server = FakeServer::start_with(opts).unwrap();
    let c = Client::admin(&server);
    let d = c.delete("/api/v1/namespaces/default/configmaps/none").await;
    assert_eq!(d.status, 404);
    c.post("/api/v1/namespaces/default/configmaps", &cm("x", json!({})))
        .await;
    let d = c.delete("/api/v1/namespaces/default/configmaps/x").await;
    assert_eq!(d.status, 200);
    assert_eq!(d.body["status"], "Success");
    assert_eq!(d.body["details"]["name"], "x");

    let sts = server
        .put(json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "s", "namespace": "default"},
                    "spec": {"selector": {"matchLabels": {"a": "b"}}, "template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [{"name": "c", "image": "i:1"}]}}}}))
        .unwrap();
    let uid = sts["metadata"]["uid"].clone();
    for i in 0..2 {
        server
            .put(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": format!("s-{i}"), "namespace": "default",
                        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "s", "uid": uid, "controller": true}]},
                        "spec": {"containers": [{"name": "c", "image": "i:1"}]}}))
            .unwrap();
    }
    server.put(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "bystander", "namespace": "default"}, "spec": {"containers": [{"name": "c", "image": "i:1"}]}})).unwrap();
    let r = c
        .send(
            "DELETE",
            "/apis/apps/v1/namespaces/default/statefulsets/s",
            Some("application/json"),
            Some(r#"{"propagationPolicy":"Foreground"}"#.into()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let left: Vec<String> = server
        .list("pods", Some("default"))
        .iter()
        .map(|p| p["metadata"]["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(left, ["bystander"]);

    // Orphan keeps the dependents.
    let sts = server
        .put(json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "o", "namespace": "default"},
                    "spec": {"selector": {"matchLabels": {"a": "b"}}, "template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [{"name": "c", "image": "i:1"}]}}}}))
        .unwrap();
    server
        .put(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "o-0", "namespace": "default",
                    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "o", "uid": sts["metadata"]["uid"]}]},
                    "spec": {"containers": [{"name": "c", "image": "i:1"}]}}))
        .unwrap();
    c.send(
        "DELETE",
        "/apis/apps/v1/namespaces/default/statefulsets/o?propagationPolicy=Orphan",
        None,
        None,
    )
    .await;
    let orphan = server.get("pods", "default", "o-0").unwrap();
    assert!(
        orphan["metadata"]["ownerReferences"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // deletecollection by label.
    for (n, l) in [("a", "x"), ("b", "x"), ("c", "y")] {
        c.post(
            "/api/v1/namespaces/default/configmaps",
            &labeled(n, json!({"t2-job": l})),
        )
        .await;
    }
    let r = c
        .delete("/api/v1/namespaces/default/configmaps?labelSelector=t2-job%3Dx")
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["kind"], "ConfigMapList");
    assert_eq!(names(&r.body), ["a", "b"]);
    assert_eq!(
        names(&c.get("/api/v1/namespaces/default/configmaps").await.body),
        ["c"]
    );

    // Preconditions.
    let r = c
        .send(
            "DELETE",
            "/api/v1/namespaces/default/configmaps/c",
            Some("application/json"),
            Some(r#"{"preconditions":{"uid":"nope"}}"#.into()),
        )
        .await;
    assert_eq!(r.status, 409);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .starts_with("Precondition failed: UID in precondition: nope")
    );

    // Deleting a namespace deletes its content.
    c.post(
        "/api/v1/namespaces",
        &json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "gone"}}),
    )
    .await;
    c.post(
        "/api/v1/namespaces/gone/configmaps",
        &cm("in-ns", json!({})),
    )
    .await;
    assert_eq!(c.delete("/api/v1/namespaces/gone").await.status, 200);
    assert!(server.list("configmaps", Some("gone")).is_empty());
    assert_eq!(c.get("/api/v1/namespaces/gone").await.status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn status_and_scale_subresources() {
    let opts = ServerOptions {
        control_plane: false,
        ..Default::default()
    };
    let server = FakeServer::start_with(opts).unwrap();
    let c = Client::admin(&server);
    let sts = json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "s"}, "spec": {"replicas": 1,
        "selector": {"matchLabels": {"app": "s"}}, "template": {"metadata": {"labels": {"app": "s"}}, "spec": {"containers": [{"name": "c", "image": "i:1"}]}}},
        "status": {"replicas": 99}});
    let created = c
        .post("/apis/apps/v1/namespaces/default/statefulsets", &sts)
        .await
        .body;
    assert_ne!(
        created["status"]["replicas"], 99,
        "status is ignored on create"
    );
    let base = "/apis/apps/v1/namespaces/default/statefulsets/s";
    let scale = c.get(&format!("{base}/scale")).await.body;
    assert_eq!(scale["kind"], "Scale");
    assert_eq!(scale["spec"]["replicas"], 1);
    assert_eq!(scale["status"]["selector"], "app=s");
    let r = c
        .patch(
            &format!("{base}/scale"),
            "application/merge-patch+json",
            r#"{"spec":{"replicas":3}}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let now = c.get(base).await.body;
    assert_eq!(now["spec"]["replicas"], 3);
    assert_eq!(now["metadata"]["generation"], 2);
    let r = c
        .patch(
            &format!("{base}/status"),
            "application/merge-patch+json",
            r#"{"status":{"readyReplicas":2},"spec":{"replicas":7}}"#,
        )
        .await;
    assert_eq!(r.body["status"]["readyReplicas"], 2);
    assert_eq!(r.body["spec"]["replicas"], 3, "spec is ignored on /status");
    // Immutable statefulset fields.
    let mut changed = c.get(base).await.body;
    changed["spec"]["serviceName"] = json!("other");
    let r = c.put(base, &changed).await;
    assert_eq!(r.status, 422);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("updates to statefulset spec for fields other than")
    );
}
