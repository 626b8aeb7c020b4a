//! Item 11 and the kubeconfig: /version, /healthz, discovery documents, kubeconfig files.

mod common;

use common::Client;
use fake_kube::{FakeServer, KubeconfigOpts, ServerOptions};

#[tokio::test(flavor = "multi_thread")]
async fn version_health_and_discovery() {
    let opts = ServerOptions {
        git_version: "v1.32.4".into(),
        ..Default::default()
    };
    let server = FakeServer::start_with(opts).unwrap();
    let c = Client::admin(&server);
    let v = c.get("/version").await.body;
    assert_eq!(v["gitVersion"], "v1.32.4");
    assert_eq!(v["major"], "1");
    assert_eq!(v["minor"], "32");
    assert_eq!(v["platform"], "linux/amd64");
    let h = c.get("/healthz").await;
    assert_eq!((h.status, h.text.as_str()), (200, "ok"));
    assert_eq!(c.get("/readyz").await.status, 200);

    let api = c.get("/api").await.body;
    assert_eq!(api["kind"], "APIVersions");
    assert_eq!(api["versions"][0], "v1");
    let apis = c.get("/apis").await.body;
    let groups: Vec<&str> = apis["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    for g in [
        "apps",
        "rbac.authorization.k8s.io",
        "networking.k8s.io",
        "authorization.k8s.io",
    ] {
        assert!(groups.contains(&g), "{g} missing from {groups:?}");
    }
    let core = c.get("/api/v1").await.body;
    assert_eq!(core["kind"], "APIResourceList");
    let pods = core["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "pods")
        .unwrap();
    assert_eq!(pods["namespaced"], true);
    assert_eq!(pods["kind"], "Pod");
    assert!(
        pods["shortNames"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("po"))
    );
    let nodes = core["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "nodes")
        .unwrap();
    assert_eq!(nodes["namespaced"], false);
    let apps = c.get("/apis/apps/v1").await.body;
    assert!(
        apps["resources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "statefulsets/scale")
    );
    assert_eq!(c.get("/apis/batch/v1").await.status, 404);
    assert_eq!(c.get("/openapi/v2").await.status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn tokens_decide_the_user() {
    let server = FakeServer::start().unwrap();
    let bad = Client::with_token(&server, "wrong");
    let r = bad.get("/api/v1/namespaces").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body["reason"], "Unauthorized");
    let bob = server.add_user("bob", &["devs"]);
    Client::with_token(&server, &bob)
        .get("/api/v1/namespaces")
        .await;
    let rec = server.requests().into_iter().last().unwrap();
    assert_eq!(rec.user, "bob");
}

#[test]
fn kubeconfig_files() {
    let server = FakeServer::start().unwrap();
    let dir = std::env::temp_dir().join(format!("fake-kube-kc-{}", std::process::id()));
    let path = server
        .write_kubeconfig(&dir, KubeconfigOpts::default())
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(doc["current-context"].as_str(), Some("fake"));
    assert_eq!(
        doc["clusters"][0]["cluster"]["server"].as_str(),
        Some(server.url().as_str())
    );
    assert_eq!(
        doc["users"][0]["user"]["token"].as_str(),
        Some(server.admin_token())
    );
    assert!(doc["contexts"][0]["context"].get("namespace").is_none());

    let alice = server
        .write_kubeconfig(
            &dir,
            KubeconfigOpts::user("alice")
                .namespace("team")
                .context("alice-ctx")
                .file_name("alice"),
        )
        .unwrap();
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(alice).unwrap()).unwrap();
    assert_eq!(
        doc["contexts"][0]["context"]["namespace"].as_str(),
        Some("team")
    );
    assert_eq!(doc["current-context"].as_str(), Some("alice-ctx"));
    let token = doc["users"][0]["user"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    // The token written for alice authenticates as alice.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let r = reqwest::Client::new()
            .get(format!("{}/api", server.url()))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    });
    assert_eq!(server.requests().last().unwrap().user, "alice");
    let _ = std::fs::remove_dir_all(&dir);
}
