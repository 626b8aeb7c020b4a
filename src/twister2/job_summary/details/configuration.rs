//! The configuration highlights `describe` shows (image, job file, ports, upload, node info, …).

use crate::twister2::names::env;
use jiff::Timestamp;

use crate::twister2::job_summary::summary::JobSummary;
use crate::twister2::job_summary::view::{View, env_value, first_container, pod_spec};
use crate::twister2::node_info::decode_node_info_list;

pub(super) fn configuration(view: &View<'_>, summary: &JobSummary) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |label: &str, value: String| out.push((label.to_string(), value));
    let container = view.reference_container();
    let env = |name: &str| container.and_then(|c| env_value(c, name));
    if let Some(c) = container {
        let image = c.image.clone().unwrap_or_else(|| "?".to_string());
        match &c.image_pull_policy {
            Some(policy) => add("Image", format!("{image} (pull {policy})")),
            None => add("Image", image),
        }
    }
    let pull_secrets: Vec<String> = view
        .workers
        .values()
        .next()
        .and_then(|s| pod_spec(s))
        .and_then(|ps| ps.image_pull_secrets.as_ref())
        .into_iter()
        .flatten()
        .map(|s| s.name.clone())
        .collect();
    if !pull_secrets.is_empty() {
        add("Image pull secrets", pull_secrets.join(", "));
    }
    if let Some(job) = view.decoded() {
        let format = job
            .format_type()
            .map(|f| f.cli_name().to_string())
            .unwrap_or_else(|| "?".to_string());
        let file = job
            .job_format
            .as_ref()
            .map(|f| f.job_file.clone())
            .unwrap_or_default();
        add("Job file", format!("{file} ({format})"));
    } else if let Some(file) = env(env::USER_JOB_JAR_FILE) {
        add("Job file", file.to_string());
    }
    let worker_ports: Vec<String> = view
        .workers
        .values()
        .next()
        .and_then(|s| pod_spec(s))
        .into_iter()
        .flat_map(|ps| ps.containers.iter())
        .flat_map(|c| c.ports.iter().flatten())
        .map(|p| {
            format!(
                "{}/{}",
                p.container_port,
                p.protocol.as_deref().unwrap_or("TCP")
            )
        })
        .collect();
    if !worker_ports.is_empty() {
        add("Worker ports", worker_ports.join(", "));
    }
    let master_port = view
        .master
        .and_then(first_container)
        .and_then(|c| c.ports.as_ref()?.first())
        .map(|p| p.container_port);
    match (view.master, master_port) {
        (Some(_), Some(port)) => add("Job master port", port.to_string()),
        (None, _) => add(
            "Job master",
            "not in the cluster (runs in the client)".to_string(),
        ),
        _ => {}
    }
    match (
        view.s3_package(),
        env(env::UPLOAD_METHOD),
        env(env::JOB_PACKAGE_URI),
    ) {
        // The presigned URL carries a signature: name the object instead.
        (Some(object), _, _) => add(
            "Upload method",
            format!("s3 ({object}; pods download it through a presigned URL)"),
        ),
        (None, Some(method), Some(uri)) if uri != "null" && !uri.is_empty() => {
            add("Upload method", format!("{method} ({uri})"))
        }
        (None, Some(method), _) => add("Upload method", method.to_string()),
        _ => {}
    }
    if let (Some(file), Some(size)) = (
        env(env::JOB_PACKAGE_FILENAME),
        env(env::JOB_PACKAGE_FILE_SIZE),
    ) {
        add("Job package", format!("{file} ({size} bytes)"));
    }
    if let Some(ms) = env(env::JOB_SUBMISSION_TIME).and_then(|t| t.parse::<i64>().ok())
        && let Ok(t) = Timestamp::from_millisecond(ms)
    {
        add("Submitted", t.to_string());
    }
    if let Some(mb) = env(env::JVM_MEMORY_MB) {
        add("JVM heap", format!("{mb} MB per worker"));
    }
    let openmpi = view.is_openmpi();
    add("OpenMPI", if openmpi { "yes" } else { "no" }.to_string());
    add(
        "Node info",
        node_info_text(env(env::ENCODED_NODE_INFO_LIST)),
    );
    if let Some(restore) = env(env::RESTORE_JOB) {
        add("Restored from checkpoint", restore.to_string());
    }
    let claims: Vec<String> = view
        .g
        .claims
        .iter()
        .filter_map(|c| c.metadata.name.clone())
        .collect();
    add(
        "Persistent volume",
        if claims.is_empty() {
            "none".to_string()
        } else {
            format!("claim {}", claims.join(", "))
        },
    );
    add(
        "Exposed",
        if summary.exposed.is_empty() {
            "no".to_string()
        } else {
            summary.exposed.join(", ")
        },
    );
    out
}

fn node_info_text(encoded: Option<&str>) -> String {
    match encoded {
        None | Some("") | Some("null") => {
            "not given to pods (rack/datacenter come from the configuration)".to_string()
        }
        Some(text) => match decode_node_info_list(text) {
            Ok(nodes) => {
                let part = |v: &Option<String>| v.clone().unwrap_or_else(|| "?".to_string());
                let listed: Vec<String> = nodes
                    .iter()
                    .map(|n| {
                        format!(
                            "{} (rack {}, datacenter {})",
                            part(&n.ip),
                            part(&n.rack),
                            part(&n.datacenter)
                        )
                    })
                    .collect();
                format!("{} nodes: {}", nodes.len(), listed.join("; "))
            }
            Err(problem) => format!("cannot be read: {problem}"),
        },
    }
}
