//! Tests of the endpoints built from Services, Nodes, Pods and Ingresses (they span every file).

use k8s_openapi::api::core::v1::{Node, Pod, Service, ServicePort};
use k8s_openapi::api::networking::v1::Ingress;
use serde_json::json;

use super::endpoint::bracketed;
use super::service_fields::scheme;
use super::*;

fn service(value: serde_json::Value) -> Service {
    serde_json::from_value(value).unwrap()
}

fn node_port_service(ns: &str, job: &str, node_port: i32, policy: Option<&str>) -> Service {
    service(json!({
        "metadata": {"name": job, "namespace": ns, "labels": {"app": "twister2", "t2-job": job}},
        "spec": {
            "type": "NodePort",
            "selector": {"t2-wp": job},
            "externalTrafficPolicy": policy,
            "ports": [{"name": "worker", "port": 9000, "protocol": "TCP", "nodePort": node_port}]
        }
    }))
}

fn headless(ns: &str, job: &str, name: &str) -> Service {
    service(json!({
        "metadata": {"name": name, "namespace": ns, "labels": {"app": "twister2", "t2-job": job}},
        "spec": {"clusterIP": "None", "selector": {"t2-wp": job}}
    }))
}

fn node(name: &str, internal: &str, external: Option<&str>, ready: &str) -> Node {
    let mut addresses = vec![json!({"type": "InternalIP", "address": internal})];
    if let Some(e) = external {
        addresses.push(json!({"type": "ExternalIP", "address": e}));
    }
    addresses.push(json!({"type": "Hostname", "address": format!("{name}.example")}));
    serde_json::from_value(json!({
        "metadata": {"name": name},
        "status": {"addresses": addresses, "conditions": [{"type": "Ready", "status": ready}]}
    }))
    .unwrap()
}

fn pod(ns: &str, job: &str, name: &str, node: &str, ready: bool) -> Pod {
    serde_json::from_value(json!({
        "metadata": {"name": name, "namespace": ns, "labels": {"t2-wp": job, "t2-job": job}},
        "spec": {"nodeName": node, "containers": []},
        "status": {"conditions": [{"type": "Ready", "status": if ready {"True"} else {"False"}}]}
    }))
    .unwrap()
}

fn nodes() -> Vec<Node> {
    vec![
        node("node-b", "10.0.0.2", None, "True"),
        node("node-a", "10.0.0.1", Some("203.0.113.1"), "True"),
        node("node-c", "10.0.0.3", Some("203.0.113.3"), "False"),
    ]
}

fn table(endpoints: &Endpoints<'_>) -> Vec<String> {
    endpoints
        .rows()
        .map(|e| {
            format!(
                "{} {} {} {} {} {} {} {}",
                e.job().unwrap_or("-"),
                e.service(),
                e.kind(),
                e.node().unwrap_or("-"),
                e.address(),
                e.port(),
                e.url().unwrap_or_default(),
                e.host_port().unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn node_port_on_every_ready_node_preferring_external_addresses() {
    let services = [
        node_port_service("ns", "j1", 30080, None),
        headless("ns", "j1", "j1-jm"),
    ];
    let nodes = nodes();
    let inventory = Inventory {
        services: &services,
        nodes: Some(&nodes),
        pods: &[],
        ingresses: &[],
    };
    let endpoints = endpoints(&inventory, &Selection::default());
    assert_eq!(
        table(&endpoints),
        [
            "j1 j1 NodePort node-a 203.0.113.1 30080 tcp://203.0.113.1:30080 203.0.113.1:30080",
            "j1 j1 NodePort node-b 10.0.0.2 30080 tcp://10.0.0.2:30080 10.0.0.2:30080",
        ]
    );
    assert_eq!(endpoints.len(), 2);
    assert_eq!(
        endpoints.notes,
        ["1 of 3 nodes are not Ready and are left out of the NodePort endpoints"]
    );
    assert!(endpoints.missing_jobs.is_empty());
}

#[test]
fn address_types() {
    let services = [node_port_service("ns", "j1", 30080, None)];
    let nodes = nodes();
    let inventory = Inventory {
        services: &services,
        nodes: Some(&nodes),
        pods: &[],
        ingresses: &[],
    };
    let pick = |address_type| {
        let selection = Selection {
            address_type,
            ..Selection::default()
        };
        let e = endpoints(&inventory, &selection);
        let rows: Vec<String> = e.rows().map(|r| r.address().to_string()).collect();
        (rows, e.notes)
    };
    let (rows, notes) = pick(AddressType::External);
    assert_eq!(rows, ["203.0.113.1"]);
    assert!(
        notes[1].starts_with("1 of 3 nodes have no ExternalIP address"),
        "{notes:?}"
    );
    assert_eq!(pick(AddressType::Internal).0, ["10.0.0.1", "10.0.0.2"]);
    assert_eq!(
        pick(AddressType::Hostname).0,
        ["node-a.example", "node-b.example"]
    );
}

#[test]
fn local_policy_keeps_nodes_with_ready_workers() {
    let services = [node_port_service("ns", "j1", 30080, Some("Local"))];
    let nodes = nodes();
    let pods = [
        pod("ns", "j1", "j1-0-0", "node-b", true),
        pod("ns", "j1", "j1-0-1", "node-a", false),
        pod("other", "j1", "j1-0-0", "node-a", true),
    ];
    assert_eq!(
        pod_selectors(&services, &Selection::default()),
        ["t2-wp=j1"]
    );
    let inventory = Inventory {
        services: &services,
        nodes: Some(&nodes),
        pods: &pods,
        ingresses: &[],
    };
    let e = endpoints(&inventory, &Selection::default());
    assert_eq!(
        e.rows().map(|r| r.node().unwrap()).collect::<Vec<_>>(),
        ["node-b"]
    );
    assert_eq!(e.rows().next().unwrap().policy(), Some("Local"));

    let unready = [pod("ns", "j1", "j1-0-0", "node-b", false)];
    let inventory = Inventory {
        pods: &unready,
        ..inventory
    };
    let e = endpoints(&inventory, &Selection::default());
    assert!(e.is_empty());
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("Service ns/j1 has externalTrafficPolicy: Local and no ready pod")),
        "{:?}",
        e.notes
    );
}

#[test]
fn pods_are_only_asked_for_local_node_ports() {
    let cluster = [node_port_service("ns", "j1", 30080, None)];
    assert!(pod_selectors(&cluster, &Selection::default()).is_empty());
    let many: Vec<Service> = (0..12)
        .map(|i| node_port_service("ns", &format!("j{i:02}"), 30000 + i, Some("Local")))
        .collect();
    assert_eq!(pod_selectors(&many, &Selection::default()), ["t2-wp"]);
    assert_eq!(
        pod_selectors(&many[..2], &Selection::default()),
        ["t2-wp in (j00,j01)"]
    );
    let chosen = ["j03".to_string()];
    let selection = Selection {
        job_ids: &chosen,
        ..Selection::default()
    };
    assert_eq!(pod_selectors(&many, &selection), ["t2-wp=j03"]);
}

#[test]
fn load_balancer_pending_and_assigned() {
    let mut lb = service(json!({
        "metadata": {"name": "j1-lb", "namespace": "ns", "labels": {"app": "twister2", "t2-job": "j1"}},
        "spec": {"type": "LoadBalancer", "externalTrafficPolicy": "Cluster",
                 "ports": [{"name": "worker", "port": 9000, "nodePort": 31000}]}
    }));
    let services = [lb.clone()];
    let inventory = Inventory {
        services: &services,
        nodes: Some(&[]),
        pods: &[],
        ingresses: &[],
    };
    let e = endpoints(&inventory, &Selection::default());
    assert_eq!(table(&e), ["j1 j1-lb LoadBalancer - <pending> 9000  "]);
    let row = e.rows().next().unwrap();
    assert_eq!(row.probe_target(), None);
    assert_eq!(row.record(None).address, None);

    lb.status = serde_json::from_value(json!({"loadBalancer": {"ingress": [{"ip": "198.51.100.7"}, {"hostname": "lb.example.com"}]}})).unwrap();
    let services = [lb];
    let inventory = Inventory {
        services: &services,
        ..inventory
    };
    let e = endpoints(&inventory, &Selection::default());
    assert_eq!(
        table(&e),
        [
            "j1 j1-lb LoadBalancer - 198.51.100.7 9000 tcp://198.51.100.7:9000 198.51.100.7:9000",
            "j1 j1-lb LoadBalancer - lb.example.com 9000 tcp://lb.example.com:9000 lb.example.com:9000",
        ]
    );
    assert_eq!(
        e.rows().next().unwrap().probe_target(),
        Some(("198.51.100.7", 9000))
    );
}

#[test]
fn ingress_host_path_and_address() {
    let mut ingress: Ingress = serde_json::from_value(json!({
            "metadata": {"name": "j1", "namespace": "ns", "labels": {"app": "twister2", "t2-job": "j1"}},
            "spec": {
                "rules": [{"host": "t2.example.com", "http": {"paths": [
                    {"path": "/jobs", "pathType": "Prefix", "backend": {"service": {"name": "j1-ingress", "port": {"number": 9000}}}}
                ]}}],
                "tls": [{"hosts": ["t2.example.com"], "secretName": "t2-tls"}]
            }
        }))
        .unwrap();
    let ingresses = [ingress.clone()];
    let inventory = Inventory {
        services: &[],
        nodes: Some(&[]),
        pods: &[],
        ingresses: &ingresses,
    };
    let e = endpoints(&inventory, &Selection::default());
    assert_eq!(
        table(&e),
        ["j1 j1-ingress Ingress - <pending> 443 https://t2.example.com/jobs t2.example.com:443"]
    );
    assert_eq!(
        e.rows().next().unwrap().probe_target(),
        Some(("t2.example.com", 443))
    );

    ingress.spec.as_mut().unwrap().tls = None;
    ingress.status =
        serde_json::from_value(json!({"loadBalancer": {"ingress": [{"ip": "198.51.100.9"}]}}))
            .unwrap();
    let ingresses = [ingress];
    let inventory = Inventory {
        ingresses: &ingresses,
        ..inventory
    };
    let e = endpoints(&inventory, &Selection::default());
    assert_eq!(
        table(&e),
        ["j1 j1-ingress Ingress - 198.51.100.9 80 http://t2.example.com/jobs t2.example.com:80"]
    );
    assert_eq!(
        e.rows().next().unwrap().probe_target(),
        Some(("198.51.100.9", 80))
    );
}

#[test]
fn setup_services_with_all_services() {
    let dashboard = service(json!({
        "metadata": {"name": "twister2-dashboard", "namespace": "ns", "labels": {"app": "twister2-dashboard"}},
        "spec": {"type": "NodePort", "clusterIP": "10.96.0.10", "ports": [{"name": "http", "port": 80, "nodePort": 30500}]}
    }));
    let zookeeper = service(json!({
        "metadata": {"name": "twister2-zookeeper", "namespace": "ns", "labels": {"app": "twister2-zookeeper"}},
        "spec": {"clusterIP": "10.96.0.11", "ports": [{"name": "zk-port", "port": 2181}]}
    }));
    let zookeeper_headless = service(json!({
        "metadata": {"name": "twister2-zookeeper-headless", "namespace": "ns", "labels": {"app": "twister2-zookeeper"}},
        "spec": {"clusterIP": "None", "ports": [{"name": "zk-port", "port": 2181}]}
    }));
    let services = [
        dashboard,
        zookeeper,
        zookeeper_headless,
        node_port_service("ns", "j1", 30080, None),
    ];
    let nodes = [node("node-a", "10.0.0.1", None, "True")];
    let inventory = Inventory {
        services: &services,
        nodes: Some(&nodes),
        pods: &[],
        ingresses: &[],
    };
    let without = endpoints(&inventory, &Selection::default());
    assert_eq!(
        without.len(),
        1,
        "setup's services only with --all-services"
    );
    let selection = Selection {
        all_services: true,
        ..Selection::default()
    };
    assert_eq!(
        selection.service_selector(),
        "app in (twister2,twister2-dashboard,twister2-uploader,twister2-zookeeper)"
    );
    let e = endpoints(&inventory, &selection);
    assert_eq!(
        table(&e),
        [
            "j1 j1 NodePort node-a 10.0.0.1 30080 tcp://10.0.0.1:30080 10.0.0.1:30080",
            "- twister2-dashboard NodePort node-a 10.0.0.1 30500 http://10.0.0.1:30500/ 10.0.0.1:30500",
            "- twister2-dashboard ClusterIP - 10.96.0.10 80 http://twister2-dashboard.ns.svc.cluster.local/ twister2-dashboard.ns.svc.cluster.local:80",
            "- twister2-dashboard KubectlProxy - 127.0.0.1 8001 http://localhost:8001/api/v1/namespaces/ns/services/http:twister2-dashboard:/proxy/ localhost:8001",
            "- twister2-zookeeper ClusterIP - 10.96.0.11 2181 tcp://twister2-zookeeper.ns.svc.cluster.local:2181 twister2-zookeeper.ns.svc.cluster.local:2181",
        ]
    );
}

#[test]
fn chosen_jobs_missing_and_unexposed() {
    let services = [
        node_port_service("ns", "j1", 30080, None),
        headless("ns", "j2", "j2"),
        node_port_service("ns", "j3", 30081, None),
    ];
    let nodes = [node("node-a", "10.0.0.1", None, "True")];
    let inventory = Inventory {
        services: &services,
        nodes: Some(&nodes),
        pods: &[],
        ingresses: &[],
    };
    let chosen = ["j1".to_string(), "j2".to_string(), "j9".to_string()];
    let selection = Selection {
        job_ids: &chosen,
        ..Selection::default()
    };
    assert_eq!(selection.service_selector(), "t2-job in (j1,j2,j9)");
    let e = endpoints(&inventory, &selection);
    assert_eq!(
        e.rows().map(|r| r.job().unwrap()).collect::<Vec<_>>(),
        ["j1"]
    );
    assert_eq!(e.missing_jobs, ["j9"]);
    assert!(
        e.notes
            .iter()
            .any(|n| n.starts_with("job j2 is not exposed")),
        "{:?}",
        e.notes
    );
}

#[test]
fn hidden_nodes_give_one_row_without_address() {
    let services = [node_port_service("ns", "j1", 30080, None)];
    let inventory = Inventory {
        services: &services,
        nodes: None,
        pods: &[],
        ingresses: &[],
    };
    let e = endpoints(&inventory, &Selection::default());
    assert!(e.nodes_unknown);
    let row = e.rows().next().unwrap();
    assert_eq!(
        (row.address(), row.host_port(), row.url()),
        (Address::Unknown, None, None)
    );
    assert_eq!(e.len(), 1);
}

#[test]
fn ordering_namespaces_jobs_then_setup() {
    let services = [
        node_port_service("b", "j1", 30082, None),
        node_port_service("a", "j2", 30081, None),
        node_port_service("a", "j1", 30080, None),
    ];
    let nodes = [node("node-a", "10.0.0.1", None, "True")];
    let inventory = Inventory {
        services: &services,
        nodes: Some(&nodes),
        pods: &[],
        ingresses: &[],
    };
    let e = endpoints(&inventory, &Selection::default());
    let order: Vec<(&str, u16)> = e.rows().map(|r| (r.namespace(), r.port())).collect();
    assert_eq!(order, [("a", 30080), ("a", 30081), ("b", 30082)]);
}

#[test]
fn ipv6_and_schemes() {
    assert_eq!(bracketed("fd00::1"), "[fd00::1]");
    let port = |name: Option<&str>, app: Option<&str>, protocol: Option<&str>| ServicePort {
        name: name.map(Into::into),
        app_protocol: app.map(Into::into),
        protocol: protocol.map(Into::into),
        ..ServicePort::default()
    };
    assert_eq!(scheme(&port(Some("http"), None, None)), "http");
    assert_eq!(scheme(&port(Some("http-metrics"), None, None)), "http");
    assert_eq!(scheme(&port(Some("httpd"), None, None)), "tcp");
    assert_eq!(scheme(&port(Some("web"), Some("HTTPS"), None)), "https");
    assert_eq!(scheme(&port(Some("worker"), None, Some("UDP"))), "udp");
    let services = [node_port_service("ns", "j1", 30080, None)];
    let nodes = [node("node-a", "fd00::1", None, "True")];
    let inventory = Inventory {
        services: &services,
        nodes: Some(&nodes),
        pods: &[],
        ingresses: &[],
    };
    let e = endpoints(&inventory, &Selection::default());
    let row = e.rows().next().unwrap();
    assert_eq!(row.url().as_deref(), Some("tcp://[fd00::1]:30080"));
    assert_eq!(row.host_port().as_deref(), Some("[fd00::1]:30080"));
}

#[test]
fn record_shape() {
    let services = [node_port_service("ns", "j1", 30080, None)];
    let nodes = [node("node-a", "10.0.0.1", None, "True")];
    let inventory = Inventory {
        services: &services,
        nodes: Some(&nodes),
        pods: &[],
        ingresses: &[],
    };
    let e = endpoints(&inventory, &Selection::default());
    let check = Reachability {
        reachable: true,
        latency_ms: Some(0.5),
        error: None,
    };
    let row = e.rows().next().unwrap();
    assert_eq!(
        serde_json::to_value(row.record(Some(&check))).unwrap(),
        json!({
            "namespace": "ns", "job": "j1", "service": "j1", "type": "NodePort",
            "node": "node-a", "address": "10.0.0.1", "host": "10.0.0.1", "port": 30080,
            "protocol": "TCP", "url": "tcp://10.0.0.1:30080", "reachable": true, "latencyMs": 0.5
        })
    );
    assert!(
        serde_json::to_value(row.record(None))
            .unwrap()
            .get("reachable")
            .is_none()
    );
}
