//! Item 5: Service ClusterIP and NodePort allocation, the real 422 texts, ports kept on update and
//! freed on delete, LoadBalancer status pending until a test sets it.

mod common;

use common::Client;
use fake_kube::FakeServer;
use serde_json::{Value, json};

fn svc(name: &str, ty: &str, ports: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name},
           "spec": {"type": ty, "selector": {"app": name}, "ports": ports}})
}

const SVCS: &str = "/api/v1/namespaces/default/services";

#[tokio::test(flavor = "multi_thread")]
async fn cluster_ip_and_node_port_allocation() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let a = c
        .post(SVCS, &svc("a", "ClusterIP", json!([{"port": 80}])))
        .await
        .body;
    let ip = a["spec"]["clusterIP"].as_str().unwrap();
    assert!(ip.starts_with("10.96."), "{ip}");
    assert_eq!(a["spec"]["clusterIPs"], json!([ip]));
    assert_eq!(a["spec"]["ports"][0]["protocol"], "TCP");
    assert_eq!(a["spec"]["ports"][0]["targetPort"], 80);
    assert!(a["spec"]["ports"][0].get("nodePort").is_none());

    let headless = c
        .post(SVCS, &json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "h"}, "spec": {"clusterIP": "None", "ports": [{"port": 1}]}}))
        .await
        .body;
    assert_eq!(headless["spec"]["clusterIP"], "None");

    let np = c.post(SVCS, &svc("np", "NodePort", json!([{"name": "w", "port": 9000}, {"name": "x", "port": 9001, "nodePort": 31000}]))).await;
    assert_eq!(np.status, 201, "{}", np.text);
    let auto = np.body["spec"]["ports"][0]["nodePort"].as_u64().unwrap();
    assert!((30000..=32767).contains(&auto));
    assert_eq!(np.body["spec"]["ports"][1]["nodePort"], 31000);
    assert_eq!(np.body["spec"]["externalTrafficPolicy"], "Cluster");
    assert_ne!(np.body["spec"]["clusterIP"], a["spec"]["clusterIP"]);

    let taken = c
        .post(
            SVCS,
            &svc("t", "NodePort", json!([{"port": 80, "nodePort": 31000}])),
        )
        .await;
    assert_eq!(taken.status, 422);
    assert_eq!(taken.body["reason"], "Invalid");
    assert_eq!(
        taken.body["message"],
        "Service \"t\" is invalid: spec.ports[0].nodePort: Invalid value: 31000: provided port is already allocated"
    );
    assert_eq!(taken.body["details"]["kind"], "Service");

    let range = c
        .post(
            SVCS,
            &svc("r", "NodePort", json!([{"port": 80, "nodePort": 40000}])),
        )
        .await;
    assert_eq!(range.status, 422);
    assert_eq!(
        range.body["message"],
        "Service \"r\" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767"
    );
    let wrong_type = c
        .post(
            SVCS,
            &svc("w", "ClusterIP", json!([{"port": 80, "nodePort": 30500}])),
        )
        .await;
    assert_eq!(wrong_type.status, 422);

    // An update that omits the nodePort keeps it; deleting frees it.
    let mut upd = np.body.clone();
    upd["spec"]["ports"][0]
        .as_object_mut()
        .unwrap()
        .remove("nodePort");
    upd["metadata"]["labels"] = json!({"x": "y"});
    let r = c.put(&format!("{SVCS}/np"), &upd).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["spec"]["ports"][0]["nodePort"], auto);
    assert_eq!(c.delete(&format!("{SVCS}/np")).await.status, 200);
    let again = c
        .post(
            SVCS,
            &svc(
                "again",
                "NodePort",
                json!([{"port": 80, "nodePort": 31000}]),
            ),
        )
        .await;
    assert_eq!(again.status, 201, "{}", again.text);

    // Apply of a NodePort service twice keeps the same port and resourceVersion.
    let body = svc("applied", "NodePort", json!([{"port": 80}])).to_string();
    let p = format!("{SVCS}/applied?fieldManager=kubectl-twister2&force=true");
    let first = c
        .patch(&p, "application/apply-patch+yaml", &body)
        .await
        .body;
    let second = c
        .patch(&p, "application/apply-patch+yaml", &body)
        .await
        .body;
    assert_eq!(
        first["spec"]["ports"][0]["nodePort"],
        second["spec"]["ports"][0]["nodePort"]
    );
    assert_eq!(
        first["metadata"]["resourceVersion"],
        second["metadata"]["resourceVersion"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn load_balancer_pending_until_set() {
    let server = FakeServer::start().unwrap();
    let c = Client::admin(&server);
    let lb = c
        .post(SVCS, &svc("lb", "LoadBalancer", json!([{"port": 80}])))
        .await
        .body;
    assert_eq!(lb["status"]["loadBalancer"], json!({}));
    assert!(lb["spec"]["ports"][0]["nodePort"].as_u64().is_some());
    server
        .set_load_balancer_ingress("default", "lb", "198.51.100.7")
        .unwrap();
    let now = c.get(&format!("{SVCS}/lb")).await.body;
    assert_eq!(
        now["status"]["loadBalancer"]["ingress"][0]["ip"],
        "198.51.100.7"
    );
    server
        .set_load_balancer_ingress("default", "lb", "lb.example.com")
        .unwrap();
    let now = c.get(&format!("{SVCS}/lb")).await.body;
    assert_eq!(
        now["status"]["loadBalancer"]["ingress"][0]["hostname"],
        "lb.example.com"
    );
    // Clients cannot set status through the main resource.
    let mut body = now.clone();
    body["status"] = json!({"loadBalancer": {}});
    let r = c.put(&format!("{SVCS}/lb"), &body).await.body;
    assert_eq!(
        r["status"]["loadBalancer"]["ingress"][0]["hostname"],
        "lb.example.com"
    );
}
