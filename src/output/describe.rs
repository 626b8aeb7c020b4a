//! `describe`'s text: one job's state, compute resources, configuration highlights, job
//! configuration, objects, pods (with worker IDs) and recent events, kubectl-describe style.

use jiff::Timestamp;

use crate::output::{age, table};
use crate::twister2::job_summary::JobDetails;

fn or_none(value: Option<&str>) -> String {
    value
        .filter(|v| !v.is_empty())
        .unwrap_or(table::NONE)
        .to_string()
}

/// `Label:   value` lines, values aligned, indented by `indent`.
fn fields(out: &mut String, indent: &str, pairs: &[(String, String)]) {
    let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 3;
    for (label, value) in pairs {
        let label = format!("{label}:");
        out.push_str(&format!("{indent}{label:<width$}{value}\n"));
    }
}

/// A table indented by two spaces, or `  <none>`.
fn section_table(out: &mut String, title: &str, headers: &[&str], rows: &[Vec<String>]) {
    out.push_str(&format!("\n{title}:\n"));
    if rows.is_empty() {
        out.push_str(&format!("  {}\n", table::NONE));
        return;
    }
    for line in table::render(headers, rows, false).lines() {
        out.push_str(&format!("  {line}\n"));
    }
}

fn when(t: Option<Timestamp>, now: Timestamp) -> String {
    age::age_since(t, now)
}

/// The text `describe` prints.
/// The text `describe` prints for `d` at `now`.
pub fn render(d: &JobDetails, now: Timestamp) -> String {
    let s = &d.summary;
    let mut out = String::new();
    let created = s
        .created
        .as_deref()
        .and_then(|t| t.parse::<Timestamp>().ok());
    let mut head: Vec<(String, String)> = vec![
        ("Name".into(), s.job_id.clone()),
        ("Namespace".into(), s.namespace.clone()),
        ("Job name".into(), or_none(s.job_name.as_deref())),
        ("Status".into(), s.status.to_string()),
        (
            "Workers".into(),
            format!("{}/{} ready", s.workers_ready, s.workers_desired),
        ),
        (
            "Job master".into(),
            match s.master_ready {
                Some(true) => "ready".into(),
                Some(false) => "not ready".into(),
                None => "none in the cluster".into(),
            },
        ),
        (
            "Created".into(),
            match &s.created {
                Some(t) => format!("{t} ({} ago)", when(created, now)),
                None => table::NONE.into(),
            },
        ),
        ("Created by".into(), s.created_by.clone()),
        ("Worker class".into(), or_none(d.worker_class.as_deref())),
        ("Driver class".into(), or_none(d.driver_class.as_deref())),
    ];
    if let Some(problem) = &d.job_object_problem {
        head.push(("Job description".into(), format!("unreadable: {problem}")));
    }
    fields(&mut out, "", &head);

    let resources: Vec<Vec<String>> = s
        .compute_resources
        .iter()
        .map(|r| {
            vec![
                r.index.to_string(),
                r.pods.to_string(),
                r.workers_per_pod.to_string(),
                r.cpu.clone(),
                r.memory.clone(),
                r.disk.clone().unwrap_or_default(),
                if r.scalable { "yes" } else { "no" }.to_string(),
            ]
        })
        .collect();
    section_table(
        &mut out,
        "Compute resources",
        &[
            "index",
            "pods",
            "workers/pod",
            "cpu",
            "memory",
            "disk",
            "scalable",
        ],
        &resources,
    );

    out.push_str("\nConfiguration:\n");
    fields(&mut out, "  ", &d.configuration);

    if !d.job_config.is_empty() {
        let values: Vec<Vec<String>> = d
            .job_config
            .iter()
            .map(|v| vec![v.key.clone(), v.class.clone(), v.value.clone()])
            .collect();
        section_table(
            &mut out,
            "Job configuration",
            &["key", "type", "value"],
            &values,
        );
    }

    let objects: Vec<Vec<String>> = d
        .objects
        .iter()
        .map(|o| {
            vec![
                o.kind.to_string(),
                o.name.clone(),
                o.info.clone(),
                when(o.created, now),
            ]
        })
        .collect();
    section_table(
        &mut out,
        "Objects",
        &["kind", "name", "info", "age"],
        &objects,
    );

    let pods: Vec<Vec<String>> = d
        .pods
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                p.role.to_string(),
                p.status.clone(),
                p.ready.clone(),
                p.restarts.to_string(),
                p.node.clone().unwrap_or_default(),
                p.ip.clone().unwrap_or_default(),
                when(p.created, now),
            ]
        })
        .collect();
    section_table(
        &mut out,
        "Pods",
        &[
            "name", "role", "status", "ready", "restarts", "node", "ip", "age",
        ],
        &pods,
    );

    let events: Vec<Vec<String>> = d
        .events
        .iter()
        .map(|e| {
            let seen = when(e.last_seen, now);
            vec![
                if e.count > 1 {
                    format!("{seen} (x{})", e.count)
                } else {
                    seen
                },
                e.type_.clone(),
                e.reason.clone(),
                e.object.clone(),
                e.message.clone(),
            ]
        })
        .collect();
    let title = if d.older_events > 0 {
        format!("Events ({} older not shown)", d.older_events)
    } else {
        "Events".to_string()
    };
    section_table(
        &mut out,
        &title,
        &["last seen", "type", "reason", "object", "message"],
        &events,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twister2::job_summary::{
        ComputeResourceSummary, EventInfo, JobConfigValue, JobPhase, JobSummary, ObjectInfo,
        PodInfo, PodRole,
    };

    fn t(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn details() -> JobDetails {
        JobDetails {
            summary: JobSummary {
                namespace: "jobs".into(),
                job_id: "u-hello-1".into(),
                job_name: Some("hello".into()),
                workers_ready: 4,
                workers_desired: 4,
                master_ready: Some(true),
                status: JobPhase::Running,
                exposed: vec![],
                created: Some("2025-01-01T00:00:00Z".into()),
                image: None,
                compute_resources: vec![ComputeResourceSummary {
                    index: 0,
                    pods: 2,
                    workers_per_pod: 2,
                    cpu: "0.50".into(),
                    memory: "1024Mi".into(),
                    disk: Some("1.00Gi".into()),
                    scalable: false,
                }],
                upload_method: None,
                created_by: "twister2".into(),
            },
            worker_class: Some("edu.example.Hello".into()),
            driver_class: None,
            job_object_problem: None,
            objects: vec![ObjectInfo {
                kind: "ConfigMap",
                name: "u-hello-1".into(),
                info: "keys: TWISTER2_JOB_OBJECT".into(),
                created: Some(t("2025-01-01T00:00:00Z")),
            }],
            pods: vec![PodInfo {
                name: "u-hello-1-0-1".into(),
                role: PodRole::Workers(vec![2, 3]),
                status: "Running".into(),
                ready: "2/2".into(),
                restarts: 1,
                node: Some("node-0".into()),
                ip: Some("10.244.0.7".into()),
                created: Some(t("2025-01-01T00:01:00Z")),
            }],
            configuration: vec![("Image".into(), "img (pull Always)".into())],
            job_config: vec![JobConfigValue {
                key: "iterations".into(),
                class: "java.lang.Integer".into(),
                value: "10".into(),
            }],
            events: vec![EventInfo {
                last_seen: Some(t("2025-01-01T00:04:00Z")),
                type_: "Warning".into(),
                reason: "BackOff".into(),
                object: "pod/u-hello-1-0-1".into(),
                count: 3,
                message: "Back-off restarting failed container".into(),
            }],
            older_events: 2,
        }
    }

    #[test]
    fn every_section_is_there() {
        let text = render(&details(), t("2025-01-01T00:05:00Z"));
        assert!(
            text.starts_with("Name:          u-hello-1\nNamespace:     jobs\n"),
            "{text}"
        );
        assert!(text.contains("Workers:       4/4 ready\n"), "{text}");
        assert!(
            text.contains("Created:       2025-01-01T00:00:00Z (5m ago)\n"),
            "{text}"
        );
        assert!(text.contains("Driver class:  <none>\n"), "{text}");
        assert!(
            text.contains("\nCompute resources:\n  INDEX   PODS   WORKERS/POD"),
            "{text}"
        );
        assert!(
            text.contains("  0       2      2             0.50   1024Mi   1.00Gi   no\n"),
            "{text}"
        );
        assert!(
            text.contains("\nConfiguration:\n  Image:  img (pull Always)\n"),
            "{text}"
        );
        assert!(
            text.contains("\nJob configuration:\n  KEY          TYPE                VALUE\n  iterations   java.lang.Integer   10\n"),
            "{text}"
        );
        assert!(
            text.contains("ConfigMap   u-hello-1   keys: TWISTER2_JOB_OBJECT   5m"),
            "{text}"
        );
        assert!(
            text.contains("u-hello-1-0-1   workers 2-3   Running   2/2     1          node-0   10.244.0.7   4m"),
            "{text}"
        );
        assert!(text.contains("\nEvents (2 older not shown):\n"), "{text}");
        assert!(
            text.contains("60s (x3)    Warning   BackOff   pod/u-hello-1-0-1"),
            "{text}"
        );
    }

    #[test]
    fn empty_sections_say_none() {
        let mut d = details();
        d.pods.clear();
        d.events.clear();
        d.older_events = 0;
        let text = render(&d, t("2025-01-01T00:05:00Z"));
        assert!(text.contains("\nPods:\n  <none>\n"), "{text}");
        assert!(text.ends_with("\nEvents:\n  <none>\n"), "{text}");
    }
}
