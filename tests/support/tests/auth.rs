//! Item 6: users from bearer tokens, impersonation headers, RBAC enforcement from the stored
//! Role/Binding objects (subresources, resourceNames, ServiceAccounts, groups) and
//! SelfSubjectAccessReview answered by the same authorizer.

mod common;

use common::{Client, cm};
use fake_kube::FakeServer;
use serde_json::{Value, json};

fn role(ns: &str, name: &str, rules: Value) -> Value {
    json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": name, "namespace": ns}, "rules": rules})
}

fn binding(
    kind: &str,
    ns: &str,
    name: &str,
    role_kind: &str,
    role: &str,
    subjects: Value,
) -> Value {
    let mut meta = json!({"name": name});
    if !ns.is_empty() {
        meta["namespace"] = json!(ns);
    }
    json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": meta,
           "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": role}, "subjects": subjects})
}

fn ssar(verb: &str, resource: &str, sub: &str, ns: &str) -> Value {
    json!({"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
           "spec": {"resourceAttributes": {"verb": verb, "resource": resource, "subresource": sub, "namespace": ns}}})
}

#[tokio::test(flavor = "multi_thread")]
async fn rbac_enforcement_from_stored_objects() {
    let server = FakeServer::start().unwrap();
    let token = server.add_user("alice", &["t2-submitters"]);
    let alice = Client::with_token(&server, &token);
    // Default: everything allowed.
    assert_eq!(
        alice.get("/api/v1/namespaces/default/pods").await.status,
        200
    );

    server.enforce_rbac(true);
    let r = alice.get("/api/v1/namespaces/default/pods").await;
    assert_eq!(r.status, 403);
    assert_eq!(
        r.body["message"],
        "pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\""
    );
    let r = alice.get("/api/v1/namespaces/default/pods/p").await;
    assert_eq!(
        r.body["message"],
        "pods \"p\" is forbidden: User \"alice\" cannot get resource \"pods\" in API group \"\" in the namespace \"default\""
    );
    let r = alice.get("/api/v1/nodes").await;
    assert_eq!(
        r.body["message"],
        "nodes is forbidden: User \"alice\" cannot list resource \"nodes\" in API group \"\" at the cluster scope"
    );
    // The admin is never restricted.
    assert_eq!(
        Client::admin(&server).get("/api/v1/nodes").await.status,
        200
    );

    server
        .put(role("default", "submitter", json!([
            {"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list", "watch"]},
            {"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]},
            {"apiGroups": ["apps"], "resources": ["statefulsets", "statefulsets/scale"], "verbs": ["*"]},
            {"apiGroups": [""], "resources": ["configmaps"], "resourceNames": ["allowed"], "verbs": ["get", "delete"]}
        ])))
        .unwrap();
    server
        .put(binding("RoleBinding", "default", "b", "Role", "submitter", json!([{"kind": "Group", "name": "t2-submitters", "apiGroup": "rbac.authorization.k8s.io"}])))
        .unwrap();
    assert_eq!(
        alice.get("/api/v1/namespaces/default/pods").await.status,
        200
    );
    assert_eq!(
        alice
            .get("/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=0")
            .await
            .status,
        200
    );
    assert_eq!(
        alice
            .get("/api/v1/namespaces/kube-system/pods")
            .await
            .status,
        403,
        "a RoleBinding is namespaced"
    );
    assert_eq!(
        alice
            .get("/apis/apps/v1/namespaces/default/statefulsets")
            .await
            .status,
        200
    );
    let create = alice
        .post("/api/v1/namespaces/default/configmaps", &cm("x", json!({})))
        .await;
    assert_eq!(create.status, 403);
    assert_eq!(
        create.body["message"],
        "configmaps is forbidden: User \"alice\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\""
    );
    assert_eq!(
        alice
            .get("/api/v1/namespaces/default/configmaps/allowed")
            .await
            .status,
        404,
        "allowed, and absent"
    );
    assert_eq!(
        alice
            .get("/api/v1/namespaces/default/configmaps/other")
            .await
            .status,
        403
    );
    assert_eq!(
        alice
            .get("/api/v1/namespaces/default/configmaps")
            .await
            .status,
        403,
        "resourceNames do not allow list"
    );

    // ClusterRole via ClusterRoleBinding to a ServiceAccount.
    let sa_token = server.add_user(
        "system:serviceaccount:default:runner",
        &["system:serviceaccounts"],
    );
    let sa = Client::with_token(&server, &sa_token);
    assert_eq!(sa.get("/api/v1/nodes").await.status, 403);
    server
        .put(json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "node-reader"},
                    "rules": [{"apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list", "patch"]}]}))
        .unwrap();
    server
        .put(binding(
            "ClusterRoleBinding",
            "",
            "nr",
            "ClusterRole",
            "node-reader",
            json!([{"kind": "ServiceAccount", "name": "runner", "namespace": "default"}]),
        ))
        .unwrap();
    assert_eq!(sa.get("/api/v1/nodes").await.status, 200);
    assert_eq!(sa.delete("/api/v1/nodes/x").await.status, 403);
}

#[tokio::test(flavor = "multi_thread")]
async fn self_subject_access_review_uses_the_authorizer() {
    let server = FakeServer::start().unwrap();
    let token = server.add_user("bob", &[]);
    let bob = Client::with_token(&server, &token);
    let path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    let r = bob
        .post(path, &ssar("create", "pods", "exec", "default"))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["status"]["allowed"], true);
    assert_eq!(r.body["kind"], "SelfSubjectAccessReview");
    server.enforce_rbac(true);
    assert_eq!(
        bob.post(path, &ssar("create", "pods", "exec", "default"))
            .await
            .body["status"]["allowed"],
        false
    );
    server
        .put(role(
            "default",
            "exec",
            json!([{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}]),
        ))
        .unwrap();
    server
        .put(binding(
            "RoleBinding",
            "default",
            "exec",
            "Role",
            "exec",
            json!([{"kind": "User", "name": "bob"}]),
        ))
        .unwrap();
    assert_eq!(
        bob.post(path, &ssar("create", "pods", "exec", "default"))
            .await
            .body["status"]["allowed"],
        true
    );
    assert_eq!(
        bob.post(path, &ssar("create", "pods", "exec", "other"))
            .await
            .body["status"]["allowed"],
        false
    );
    assert_eq!(bob.get(path).await.status, 405, "create only");
}

#[tokio::test(flavor = "multi_thread")]
async fn impersonation_headers() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server)
        .header("Impersonate-User", "carol")
        .header("Impersonate-Group", "devs")
        .header("Impersonate-Group", "ops");
    assert_eq!(
        c.get("/api/v1/namespaces/default/configmaps").await.status,
        200
    );
    let rec = server.requests().into_iter().last().unwrap();
    assert_eq!(rec.user, "admin");
    assert_eq!(rec.impersonated_user.as_deref(), Some("carol"));
    assert_eq!(rec.impersonated_groups, ["devs", "ops"]);

    // With RBAC on, the impersonated user is what is authorized.
    server.enforce_rbac(true);
    let r = c.get("/api/v1/namespaces/default/configmaps").await;
    assert_eq!(r.status, 403);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("User \"carol\"")
    );
    server
        .put(role(
            "default",
            "cm",
            json!([{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["list"]}]),
        ))
        .unwrap();
    server
        .put(binding(
            "RoleBinding",
            "default",
            "cm",
            "Role",
            "cm",
            json!([{"kind": "Group", "name": "ops"}]),
        ))
        .unwrap();
    assert_eq!(
        c.get("/api/v1/namespaces/default/configmaps").await.status,
        200
    );

    // A non-admin may not impersonate without the permission.
    let token = server.add_user("mallory", &[]);
    let m = Client::with_token(&server, &token).header("Impersonate-User", "admin");
    let r = m.get("/api/v1/namespaces").await;
    assert_eq!(r.status, 403);
    assert_eq!(
        r.body["message"],
        "users \"admin\" is forbidden: User \"mallory\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope"
    );
}
