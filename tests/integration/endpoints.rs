//! `endpoints` as the real binary against the fake API server: NodePorts on nodes with and
//! without ExternalIP, `--address-type`, `externalTrafficPolicy: Local`, LoadBalancers, Ingresses,
//! several jobs and namespaces, a job of Twister2's Java client, setup's services, the output
//! shapes, `--check` against a local listener, and the number of requests.

use fake_kube::{FakeServer, KubeconfigOpts, Match, ServerOptions, node_object};
use kubectl_twister2::manifests::{dashboard, job, uploader, zookeeper};
use kubectl_twister2::twister2::spec::{Exposure, ExternalTrafficPolicy, IngressExposure, JobSpec};
use serde_json::{Value, json};

use crate::common::{Env, fails, ok, texts};

const MANAGED_LABELS: [&str; 3] = [
    "app.kubernetes.io/managed-by",
    "app.kubernetes.io/part-of",
    "app.kubernetes.io/component",
];

/// A fake cluster without the simulated control plane: the tests place every pod themselves.
fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let server = FakeServer::start_with(ServerOptions {
        control_plane: false,
        ..ServerOptions::default()
    })
    .unwrap();
    let kubeconfig = server
        .write_kubeconfig(dir.path(), KubeconfigOpts::default())
        .unwrap();
    Env {
        dir,
        server,
        kubeconfig,
    }
}

fn ensure_namespace(env: &Env, namespace: &str) {
    if env.server.get("namespaces", "", namespace).is_none() {
        env.server
            .put(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}))
            .unwrap();
    }
}

/// A job `id` in `namespace` exposed as `exposure`, one worker per pod.
fn spec(id: &str, namespace: &str, exposure: Exposure) -> JobSpec {
    let mut spec = JobSpec::example(id);
    spec.namespace = namespace.to_string();
    spec.exposure = exposure;
    for cr in &mut spec.compute_resources {
        cr.instances *= cr.workers_per_pod;
        cr.workers_per_pod = 1;
    }
    spec
}

fn node_port(port: u16) -> Exposure {
    Exposure::NodePort {
        node_port: Some(port),
    }
}

/// Every object of the job as the plugin renders it (exposure objects included), created
/// through the API path (the fake allocates cluster IPs and checks node ports).
fn seed(env: &Env, spec: &JobSpec) {
    ensure_namespace(env, &spec.namespace);
    for value in job::render(spec).to_json_values().unwrap() {
        env.server.create(value).unwrap();
    }
}

/// The job as Twister2's Java client creates it: the same objects without the plugin's labels.
fn seed_java(env: &Env, spec: &JobSpec) {
    ensure_namespace(env, &spec.namespace);
    for mut object in job::render(spec).to_json_values().unwrap() {
        for pointer in ["/metadata/labels", "/spec/template/metadata/labels"] {
            if let Some(Value::Object(labels)) = object.pointer_mut(pointer) {
                for key in MANAGED_LABELS {
                    labels.remove(key);
                }
            }
        }
        env.server.create(object).unwrap();
    }
}

/// A worker pod of `job` on `node`, Ready or not.
fn worker_pod(env: &Env, namespace: &str, job: &str, ordinal: u32, node: &str, ready: bool) {
    let status = if ready { "True" } else { "False" };
    env.server
        .put(json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": format!("{job}-0-{ordinal}"),
                "namespace": namespace,
                "labels": {"app": "twister2", "t2-job": job, "t2-wp": job}
            },
            "spec": {"nodeName": node, "containers": [{"name": "twister2-container-0", "image": "twister2/twister2-k8s:0.8.0"}]},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": status}]}
        }))
        .unwrap();
}

fn add_node(env: &Env, name: &str, internal: &str, external: Option<&str>) {
    env.server
        .put(node_object(name, internal, external))
        .unwrap();
}

/// node-0 with an ExternalIP, node-1 without.
fn two_nodes(env: &Env) {
    add_node(env, "node-0", "10.0.0.1", Some("203.0.113.1"));
    add_node(env, "node-1", "10.0.0.2", None);
}

/// Run `endpoints ARGS`; returns stdout and stderr.
fn endpoints(env: &Env, args: &[&str]) -> (String, String) {
    let output = env.plugin().arg("endpoints").args(args).output().unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(
        output.status.success(),
        "endpoints {args:?} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    (stdout, stderr)
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

/// Cells of each line, split on runs of blanks.
fn cells(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

#[test]
fn node_port_on_every_node_external_ip_else_internal_ip() {
    let env = env();
    two_nodes(&env);
    seed(&env, &spec("u-np-1", "default", node_port(30080)));
    let (stdout, stderr) = endpoints(&env, &[]);
    assert_eq!(
        stdout,
        "JOB      SERVICE   TYPE       NODE     ADDRESS       PORT    URL\n\
         u-np-1   u-np-1    NodePort   node-0   203.0.113.1   30080   tcp://203.0.113.1:30080\n\
         u-np-1   u-np-1    NodePort   node-1   10.0.0.2      30080   tcp://10.0.0.2:30080\n"
    );
    assert_eq!(stderr, "");
}

#[test]
fn address_type_chooses_the_node_address() {
    let env = env();
    two_nodes(&env);
    seed(&env, &spec("u-np-1", "default", node_port(30080)));
    let address_column = |args: &[&str]| -> (Vec<String>, String) {
        let mut all = vec!["--no-headers"];
        all.extend_from_slice(args);
        let (stdout, stderr) = endpoints(&env, &all);
        (
            cells(&stdout).into_iter().map(|c| c[4].clone()).collect(),
            stderr,
        )
    };
    let (external, stderr) = address_column(&["--address-type", "external"]);
    assert_eq!(external, ["203.0.113.1"]);
    assert!(
        stderr.contains("1 of 2 nodes have no ExternalIP address and are left out"),
        "{stderr}"
    );
    assert_eq!(
        address_column(&["--address-type", "internal"]).0,
        ["10.0.0.1", "10.0.0.2"]
    );
    assert_eq!(
        address_column(&["--address-type", "hostname"]).0,
        ["node-0", "node-1"]
    );
    let stderr = fails(
        env.plugin().args(["endpoints", "--address-type", "public"]),
        2,
    );
    assert!(stderr.contains("invalid value 'public'"), "{stderr}");
}

#[test]
fn local_policy_lists_only_nodes_with_a_ready_worker() {
    let env = env();
    two_nodes(&env);
    add_node(&env, "node-2", "10.0.0.3", Some("203.0.113.3"));
    let mut local = spec("u-local-1", "default", node_port(30090));
    local.external_traffic_policy = Some(ExternalTrafficPolicy::Local);
    seed(&env, &local);
    worker_pod(&env, "default", "u-local-1", 0, "node-1", true);
    worker_pod(&env, "default", "u-local-1", 1, "node-2", false);

    env.server.clear_requests();
    let (stdout, _) = endpoints(&env, &["-o", "wide", "--no-headers"]);
    let rows = cells(&stdout);
    assert_eq!(rows.len(), 1, "{stdout}");
    assert_eq!(rows[0][3..6], ["node-1", "10.0.0.2", "30090"]);
    assert_eq!(rows[0].last().unwrap(), "Local");
    let pod_lists = env.server.requests_matching(&Match::resource("pods"));
    assert_eq!(pod_lists.len(), 1, "pods are read once: {pod_lists:?}");
    assert_eq!(
        pod_lists[0].query_param("labelSelector").as_deref(),
        Some("t2-wp=u-local-1")
    );

    // The worker on node-2 becomes ready: node-2 answers too.
    worker_pod(&env, "default", "u-local-1", 1, "node-2", true);
    let (stdout, _) = endpoints(&env, &["-o", "name"]);
    assert_eq!(stdout, "10.0.0.2:30090\n203.0.113.3:30090\n");

    // No ready worker at all: no row, and the user is told why.
    worker_pod(&env, "default", "u-local-1", 0, "node-1", false);
    worker_pod(&env, "default", "u-local-1", 1, "node-2", false);
    let (stdout, stderr) = endpoints(&env, &[]);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains(
            "Service default/u-local-1 has externalTrafficPolicy: Local and no ready pod"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("No endpoints found in namespace default."),
        "{stderr}"
    );
}

#[test]
fn cluster_policy_reads_no_pods_and_makes_at_most_three_requests() {
    let env = env();
    env.server.nodes(5);
    for (i, namespace) in ["default", "default", "team-b"].iter().enumerate() {
        seed(
            &env,
            &spec(&format!("u-j-{i}"), namespace, node_port(30100 + i as u16)),
        );
    }
    for args in [
        &[][..],
        &["-A"][..],
        &["-A", "--all-services", "-o", "json"][..],
    ] {
        env.server.clear_requests();
        let (stdout, _) = endpoints(&env, args);
        assert!(!stdout.is_empty());
        let requests = env.server.requests();
        let summary: Vec<String> = requests
            .iter()
            .map(|r| format!("{} {} {}", r.verb, r.resource, r.query))
            .collect();
        assert!(requests.len() <= 3, "{args:?}: {summary:#?}");
        for resource in ["services", "nodes", "ingresses"] {
            assert_eq!(
                requests.iter().filter(|r| r.resource == resource).count(),
                1,
                "{args:?}: {summary:#?}"
            );
        }
        assert!(requests.iter().all(|r| r.verb == "list"), "{summary:#?}");
    }
}

#[test]
fn load_balancer_pending_then_assigned() {
    let env = env();
    two_nodes(&env);
    seed(
        &env,
        &spec(
            "u-lb-1",
            "default",
            Exposure::LoadBalancer {
                source_ranges: vec!["10.0.0.0/8".into()],
            },
        ),
    );
    let (stdout, _) = endpoints(&env, &["--no-headers"]);
    assert_eq!(
        cells(&stdout),
        [[
            "u-lb-1",
            "u-lb-1-lb",
            "LoadBalancer",
            "<none>",
            "<pending>",
            "9000",
            "<none>"
        ]]
    );
    let (names, _) = endpoints(&env, &["-o", "name"]);
    assert_eq!(names, "", "a pending load balancer has no host:port yet");

    env.server
        .set_load_balancer_ingress("default", "u-lb-1-lb", "198.51.100.7")
        .unwrap();
    let (stdout, _) = endpoints(&env, &["--no-headers"]);
    assert_eq!(
        cells(&stdout),
        [[
            "u-lb-1",
            "u-lb-1-lb",
            "LoadBalancer",
            "<none>",
            "198.51.100.7",
            "9000",
            "tcp://198.51.100.7:9000"
        ]]
    );
    env.server
        .set_load_balancer_ingress("default", "u-lb-1-lb", "lb-1.example.com")
        .unwrap();
    let (names, _) = endpoints(&env, &["-o", "name"]);
    assert_eq!(names, "lb-1.example.com:9000\n");
}

#[test]
fn ingress_host_path_and_controller_address() {
    let env = env();
    two_nodes(&env);
    seed(
        &env,
        &spec(
            "u-ing-1",
            "default",
            Exposure::Ingress(IngressExposure {
                host: "t2.example.com".into(),
                path: "/jobs".into(),
                class: Some("nginx".into()),
                tls_secret: Some("t2-tls".into()),
            }),
        ),
    );
    let (stdout, _) = endpoints(&env, &["--no-headers"]);
    assert_eq!(
        cells(&stdout),
        [[
            "u-ing-1",
            "u-ing-1-ingress",
            "Ingress",
            "<none>",
            "<pending>",
            "443",
            "https://t2.example.com/jobs"
        ]]
    );
    env.server
        .patch_status(
            "ingresses",
            "default",
            "u-ing-1",
            json!({"loadBalancer": {"ingress": [{"ip": "198.51.100.20"}]}}),
        )
        .unwrap();
    let (stdout, _) = endpoints(&env, &["--no-headers"]);
    assert_eq!(cells(&stdout)[0][4], "198.51.100.20");
    let (names, _) = endpoints(&env, &["-o", "name"]);
    assert_eq!(names, "t2.example.com:443\n");
}

#[test]
fn several_jobs_and_namespaces() {
    let env = env();
    two_nodes(&env);
    seed(&env, &spec("u-a-1", "default", node_port(30201)));
    seed(&env, &spec("u-b-2", "default", node_port(30202)));
    seed(&env, &spec("u-c-3", "team-b", node_port(30203)));
    seed(&env, &spec("u-plain-4", "default", Exposure::None));

    let (stdout, _) = endpoints(&env, &["--no-headers"]);
    let jobs: Vec<String> = cells(&stdout).into_iter().map(|c| c[0].clone()).collect();
    assert_eq!(jobs, ["u-a-1", "u-a-1", "u-b-2", "u-b-2"]);

    let (stdout, _) = endpoints(&env, &["-n", "team-b", "--no-headers"]);
    assert_eq!(lines(&stdout).len(), 2);
    assert!(stdout.lines().all(|l| l.starts_with("u-c-3")), "{stdout}");

    let (stdout, _) = endpoints(&env, &["-A"]);
    let rows = cells(&stdout);
    assert_eq!(rows[0][..3], ["NAMESPACE", "JOB", "SERVICE"]);
    let places: Vec<(String, String)> = rows[1..]
        .iter()
        .map(|c| (c[0].clone(), c[1].clone()))
        .collect();
    assert_eq!(
        places,
        [
            ("default".to_string(), "u-a-1".to_string()),
            ("default".into(), "u-a-1".into()),
            ("default".into(), "u-b-2".into()),
            ("default".into(), "u-b-2".into()),
            ("team-b".into(), "u-c-3".into()),
            ("team-b".into(), "u-c-3".into()),
        ]
    );

    // Chosen jobs: only theirs; a job that is not exposed is named; a missing one fails (exit 1)
    // after the rows of the others.
    let (stdout, stderr) = endpoints(&env, &["u-b-2", "u-plain-4", "--no-headers"]);
    assert!(stdout.lines().all(|l| l.starts_with("u-b-2")), "{stdout}");
    assert_eq!(lines(&stdout).len(), 2);
    assert!(stderr.contains("job u-plain-4 is not exposed"), "{stderr}");
    let output = env
        .plugin()
        .args(["endpoints", "u-a-1", "u-zz-9", "-o", "name"])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout, "203.0.113.1:30201\n10.0.0.2:30201\n");
    assert!(
        stderr.contains("job \"u-zz-9\" is not found in namespace \"default\""),
        "{stderr}"
    );
    let stderr = fails(env.plugin().args(["endpoints", "Bad_Job"]), 2);
    assert!(stderr.contains("not a valid Twister2 job ID"), "{stderr}");
}

#[test]
fn java_client_jobs_are_listed() {
    let env = env();
    two_nodes(&env);
    seed_java(&env, &spec("u-java-1", "default", node_port(30300)));
    let service = env.server.get("services", "default", "u-java-1").unwrap();
    assert!(
        service["metadata"]["labels"]
            .get("app.kubernetes.io/managed-by")
            .is_none()
    );
    let (stdout, _) = endpoints(&env, &["u-java-1", "-o", "name"]);
    assert_eq!(stdout, "203.0.113.1:30300\n10.0.0.2:30300\n");
}

#[test]
fn output_shapes() {
    let env = env();
    two_nodes(&env);
    seed(&env, &spec("u-np-1", "default", node_port(30080)));

    let (name, _) = endpoints(&env, &["-o", "name"]);
    assert_eq!(name, "203.0.113.1:30080\n10.0.0.2:30080\n");

    let (json_text, _) = endpoints(&env, &["-o", "json"]);
    let document: Value = serde_json::from_str(&json_text).unwrap();
    assert_eq!(document["kind"], "EndpointList");
    assert_eq!(
        document["items"][0],
        json!({
            "namespace": "default",
            "job": "u-np-1",
            "service": "u-np-1",
            "type": "NodePort",
            "node": "node-0",
            "address": "203.0.113.1",
            "host": "203.0.113.1",
            "port": 30080,
            "protocol": "TCP",
            "url": "tcp://203.0.113.1:30080"
        })
    );
    assert_eq!(document["items"].as_array().unwrap().len(), 2);

    let (yaml_text, _) = endpoints(&env, &["-o", "yaml"]);
    let yaml: Value = serde_yaml::from_str(&yaml_text).unwrap();
    assert_eq!(yaml, document, "YAML and JSON carry the same records");

    let (wide, _) = endpoints(&env, &["-o", "wide"]);
    assert_eq!(
        lines(&wide)[0],
        "JOB      SERVICE   TYPE       NODE     ADDRESS       PORT    URL                       HOST          PROTOCOL   POLICY"
    );
    let (no_headers, _) = endpoints(&env, &["--no-headers"]);
    assert!(no_headers.starts_with("u-np-1"), "{no_headers}");

    // Nothing exposed: empty documents stay valid, tables print nothing.
    let empty_ns = "empty";
    ensure_namespace(&env, empty_ns);
    let (json_text, stderr) = endpoints(&env, &["-n", empty_ns, "-o", "json"]);
    let document: Value = serde_json::from_str(&json_text).unwrap();
    assert_eq!(document["items"], json!([]));
    assert_eq!(stderr, "");
    let (table, stderr) = endpoints(&env, &["-n", empty_ns]);
    assert_eq!(table, "");
    assert!(
        stderr.contains("No endpoints found in namespace empty."),
        "{stderr}"
    );
}

#[test]
fn all_services_adds_setups_services() {
    let env = env();
    two_nodes(&env);
    seed(&env, &spec("u-np-1", "default", node_port(30080)));
    let mut dashboard_objects =
        dashboard::dashboard_objects(&dashboard::DashboardOptions::new("default"))
            .unwrap()
            .to_json_values()
            .unwrap();
    // An admin made the dashboard a NodePort Service.
    dashboard_objects[0]["spec"]["type"] = json!("NodePort");
    dashboard_objects[0]["spec"]["ports"][0]["nodePort"] = json!(30500);
    let zookeeper_objects =
        zookeeper::zookeeper_objects(&zookeeper::ZookeeperOptions::new("default"))
            .unwrap()
            .to_json_values()
            .unwrap();
    let uploader_objects = uploader::uploader_objects(&uploader::UploaderOptions::new("default"))
        .unwrap()
        .to_json_values()
        .unwrap();
    for object in dashboard_objects
        .into_iter()
        .chain(zookeeper_objects)
        .chain(uploader_objects)
        .filter(|o| o["kind"] == "Service")
    {
        env.server.create(object).unwrap();
    }
    let cluster_ip = |name: &str| {
        env.server.get("services", "default", name).unwrap()["spec"]["clusterIP"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let (without, _) = endpoints(&env, &["--no-headers"]);
    assert_eq!(lines(&without).len(), 2, "setup's services only on request");

    let (stdout, _) = endpoints(&env, &["--all-services", "--no-headers"]);
    let rows = cells(&stdout);
    let summary: Vec<String> = rows
        .iter()
        .map(|c| format!("{} {} {} {} {}", c[1], c[2], c[4], c[5], c[6]))
        .collect();
    assert_eq!(
        summary,
        [
            "u-np-1 NodePort 203.0.113.1 30080 tcp://203.0.113.1:30080".to_string(),
            "u-np-1 NodePort 10.0.0.2 30080 tcp://10.0.0.2:30080".to_string(),
            "twister2-dashboard NodePort 203.0.113.1 30500 http://203.0.113.1:30500/".to_string(),
            "twister2-dashboard NodePort 10.0.0.2 30500 http://10.0.0.2:30500/".to_string(),
            format!(
                "twister2-dashboard ClusterIP {} 80 http://twister2-dashboard.default.svc.cluster.local/",
                cluster_ip("twister2-dashboard")
            ),
            "twister2-dashboard KubectlProxy 127.0.0.1 8001 http://localhost:8001/api/v1/namespaces/default/services/http:twister2-dashboard:/proxy/".to_string(),
            format!(
                "twister2-uploader ClusterIP {} 80 http://twister2-uploader.default.svc.cluster.local/",
                cluster_ip("twister2-uploader")
            ),
            format!(
                "twister2-zookeeper ClusterIP {} 2181 tcp://twister2-zookeeper.default.svc.cluster.local:2181",
                cluster_ip("twister2-zookeeper")
            ),
        ]
    );
    assert!(
        rows[2..].iter().all(|c| c[0] == "<none>"),
        "setup rows have no job"
    );
    let (names, _) = endpoints(&env, &["--all-services", "-o", "name"]);
    assert!(
        names.contains("twister2-zookeeper.default.svc.cluster.local:2181\n"),
        "{names}"
    );
}

#[test]
fn nodes_that_cannot_be_listed_leave_the_address_unknown_and_fail() {
    let env = env();
    two_nodes(&env);
    seed(&env, &spec("u-np-1", "default", node_port(30080)));
    seed(
        &env,
        &spec(
            "u-lb-2",
            "default",
            Exposure::LoadBalancer {
                source_ranges: Vec::new(),
            },
        ),
    );
    env.server
        .set_load_balancer_ingress("default", "u-lb-2-lb", "198.51.100.7")
        .unwrap();
    env.server.deny(Match::resource("nodes"));
    let output = env
        .plugin()
        .args(["endpoints", "--no-headers"])
        .output()
        .unwrap();
    let (stdout, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        cells(&stdout),
        [
            [
                "u-lb-2",
                "u-lb-2-lb",
                "LoadBalancer",
                "<none>",
                "198.51.100.7",
                "9000",
                "tcp://198.51.100.7:9000"
            ],
            [
                "u-np-1",
                "u-np-1",
                "NodePort",
                "<none>",
                "<unknown>",
                "30080",
                "<none>"
            ],
        ],
        "what is known is still printed"
    );
    assert!(
        stderr.contains("cannot list nodes, so the NodePort endpoints have no address: Forbidden"),
        "{stderr}"
    );
    assert!(
        stderr.contains("kubectl twister2 setup auth --submitter admin --nodes -n default"),
        "{stderr}"
    );

    // Without a NodePort the nodes are not needed: no error.
    env.server.delete("services", "default", "u-np-1").unwrap();
    let (stdout, stderr) = endpoints(&env, &["-o", "name"]);
    assert_eq!(stdout, "198.51.100.7:9000\n");
    assert_eq!(stderr, "");
}

/// A listener on 127.0.0.1 on a free port of the NodePort range.
fn listener_in_node_port_range() -> std::net::TcpListener {
    let start = 30000 + (std::process::id() % 2000) as u16;
    (start..=32767)
        .chain(30000..start)
        .find_map(|port| std::net::TcpListener::bind(("127.0.0.1", port)).ok())
        .expect("a free port in 30000-32767 on 127.0.0.1")
}

#[test]
fn check_probes_each_endpoint_with_a_tcp_connect() {
    let env = env();
    // The fake server, like a real one, only takes node ports in 30000-32767; Linux hands out
    // ephemeral ports above that, so these are normally free on 127.0.0.1.
    let listener = listener_in_node_port_range();
    let open = listener.local_addr().unwrap().port();
    let closed = listener_in_node_port_range().local_addr().unwrap().port();
    add_node(&env, "local", "127.0.0.1", None);
    ensure_namespace(&env, "default");
    for (job, port) in [("u-open-1", open), ("u-closed-2", closed)] {
        let mut service = serde_json::to_value(
            job::render(&spec(job, "default", node_port(30000))).worker_service,
        )
        .unwrap();
        service["spec"]["ports"][0]["nodePort"] = json!(port);
        env.server.put(service).unwrap();
    }

    let (stdout, _) = endpoints(&env, &["--check", "--request-timeout", "2s"]);
    let rows = cells(&stdout);
    assert_eq!(rows[0][7..], ["REACHABLE", "LATENCY"]);
    let by_job = |job: &str| rows.iter().find(|c| c[0] == job).unwrap().clone();
    let reached = by_job("u-open-1");
    assert_eq!(reached[7], "yes", "{stdout}");
    assert!(reached[8].ends_with("ms"), "{stdout}");
    let refused = by_job("u-closed-2");
    assert_eq!(refused[7..], ["no", "(refused)", "<none>"], "{stdout}");

    let (names, _) = endpoints(&env, &["--check", "-o", "name"]);
    assert_eq!(names, format!("127.0.0.1:{open}\n"));

    let (json_text, _) = endpoints(&env, &["--check", "-o", "json"]);
    let document: Value = serde_json::from_str(&json_text).unwrap();
    let items = document["items"].as_array().unwrap();
    let open_item = items.iter().find(|i| i["job"] == "u-open-1").unwrap();
    assert_eq!(open_item["reachable"], true);
    assert!(open_item["latencyMs"].as_f64().is_some());
    let closed_item = items.iter().find(|i| i["job"] == "u-closed-2").unwrap();
    assert_eq!(closed_item["reachable"], false);
    assert_eq!(closed_item["error"], "refused");
    drop(listener);
}

#[test]
fn forbidden_services_are_explained() {
    let env = env();
    env.server.deny(Match::resource("services"));
    let stderr = fails(env.plugin().arg("endpoints"), 1);
    assert!(stderr.contains("Forbidden"), "{stderr}");
    assert!(stderr.contains("setup auth"), "{stderr}");
}

#[test]
fn help_names_every_flag() {
    let env = Env::new();
    let help = ok(env.plugin().args(["endpoints", "--help"]));
    for flag in [
        "--all-namespaces",
        "--address-type",
        "--all-services",
        "--check",
        "--output",
        "--no-headers",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

/// `submit NAME --jar … --class … --workers 2 --expose nodeport=PORT`.
fn submit_with_node_port(port: u16) -> Vec<String> {
    let jar = format!(
        "{}/examples/hello/hello-world.jar",
        env!("CARGO_MANIFEST_DIR")
    );
    [
        "submit",
        "hello",
        "--jar",
        &jar,
        "--class",
        "edu.iu.dsc.tws.examples.basic.HelloWorld",
        "--workers",
        "2",
        "--set",
        "twister2.user.name=tester",
        "--expose",
        &format!("nodeport={port}"),
        "--timeout",
        "20s",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Requests that created something in the cluster (2xx answers to create/update/patch).
fn writes(env: &Env) -> Vec<String> {
    env.server
        .requests()
        .iter()
        .filter(|r| {
            matches!(r.verb.as_str(), "create" | "update" | "patch")
                && (200..300).contains(&r.status)
                && !r.query.contains("dryRun")
                && r.resource != "selfsubjectaccessreviews"
        })
        .map(|r| format!("{} {}/{} -> {}", r.verb, r.resource, r.name, r.status))
        .collect()
}

#[test]
fn submit_with_a_taken_or_out_of_range_node_port_creates_nothing() {
    let env = Env::new();
    ensure_namespace(&env, "default");
    // Another Service holds node port 30555 (in another namespace: node ports are cluster-wide).
    ensure_namespace(&env, "other");
    env.server
        .create(json!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "holder", "namespace": "other"},
            "spec": {"type": "NodePort", "selector": {"app": "x"},
                     "ports": [{"port": 80, "nodePort": 30555}]}
        }))
        .unwrap();
    env.server.clear_requests();
    let stderr = fails(env.plugin().args(submit_with_node_port(30555)), 1);
    assert!(
        stderr.contains("30555") && stderr.contains("provided port is already allocated"),
        "the server's 422 message, in plain words: {stderr}"
    );
    assert!(!stderr.contains("{\""), "no raw JSON: {stderr}");
    assert_eq!(writes(&env), Vec::<String>::new(), "nothing was created");
    let left = env
        .server
        .list_selected("services", Some("default"), "app=twister2")
        .unwrap();
    assert!(left.is_empty(), "{left:#?}");

    env.server.clear_requests();
    let stderr = fails(env.plugin().args(submit_with_node_port(29999)), 2);
    assert!(stderr.contains("29999"), "{stderr}");
    assert!(
        stderr.contains("30000") && stderr.contains("32767"),
        "{stderr}"
    );
    assert_eq!(writes(&env), Vec::<String>::new(), "nothing was created");
}
