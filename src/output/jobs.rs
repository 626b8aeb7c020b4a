//! `jobs`' output: the table (and `-o wide`) of job summaries, the `JobList` document of
//! `-o json|yaml`, and `-o name`.

use anyhow::Result;
use serde::Serialize;

use crate::output::document::{ListFormat, StructuredFormat};
use crate::output::{age, document, table};
use crate::twister2::job_summary::JobSummary;

/// The `-o json|yaml` document: `{kind: JobList, items: [JobSummary…]}`.
#[derive(Debug, Clone, Serialize)]
pub struct JobList<'a> {
    /// Always `JobList`.
    pub kind: &'static str,
    /// One summary per job, sorted by namespace then jobID.
    pub items: &'a [JobSummary],
}

/// The stdout text for `jobs` in the chosen format.
pub fn render(
    jobs: &[JobSummary],
    format: ListFormat,
    no_headers: bool,
    all_namespaces: bool,
    now: jiff::Timestamp,
) -> Result<String> {
    let list = JobList {
        kind: "JobList",
        items: jobs,
    };
    Ok(match format {
        ListFormat::Json => document::render(&list, StructuredFormat::Json)?,
        ListFormat::Yaml => document::render(&list, StructuredFormat::Yaml)?,
        ListFormat::Name => jobs.iter().map(|j| format!("{}\n", j.job_id)).collect(),
        ListFormat::Table | ListFormat::Wide => {
            if jobs.is_empty() {
                return Ok(String::new());
            }
            let wide = format == ListFormat::Wide;
            let mut headers = Vec::new();
            if all_namespaces {
                headers.push("namespace");
            }
            headers.extend(["job", "workers", "master", "status", "exposed", "age"]);
            if wide {
                headers.extend(["image", "compute resources", "upload", "created-by"]);
            }
            let rows: Vec<Vec<String>> = jobs
                .iter()
                .map(|j| row(j, all_namespaces, wide, now))
                .collect();
            table::render(&headers, &rows, no_headers)
        }
    })
}

fn row(job: &JobSummary, all_namespaces: bool, wide: bool, now: jiff::Timestamp) -> Vec<String> {
    let mut cells = Vec::new();
    if all_namespaces {
        cells.push(job.namespace.clone());
    }
    let created = job
        .created
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok());
    cells.extend([
        job.job_id.clone(),
        format!("{}/{}", job.workers_ready, job.workers_desired),
        match job.master_ready {
            Some(true) => "1/1".to_string(),
            Some(false) => "0/1".to_string(),
            None => String::new(),
        },
        job.status.to_string(),
        job.exposed.join(","),
        age::age_since(created, now),
    ]);
    if wide {
        cells.extend([
            job.image.clone().unwrap_or_default(),
            job.compute_resources
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            job.upload_method.clone().unwrap_or_default(),
            job.created_by.clone(),
        ]);
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twister2::job_summary::{ComputeResourceSummary, JobPhase};

    fn job(ns: &str, id: &str) -> JobSummary {
        JobSummary {
            namespace: ns.into(),
            job_id: id.into(),
            job_name: Some("hello".into()),
            workers_ready: 3,
            workers_desired: 4,
            master_ready: Some(true),
            status: JobPhase::Starting,
            exposed: vec!["NodePort:30080".into()],
            created: Some("2025-01-01T00:00:00Z".into()),
            image: Some("twister2/twister2-k8s:0.8.0-SNAPSHOT".into()),
            compute_resources: vec![ComputeResourceSummary {
                index: 0,
                pods: 2,
                workers_per_pod: 2,
                cpu: "0.50".into(),
                memory: "1024Mi".into(),
                disk: None,
                scalable: false,
            }],
            upload_method: Some("webserver".into()),
            created_by: "kubectl-twister2".into(),
        }
    }

    fn now() -> jiff::Timestamp {
        "2025-01-01T00:05:00Z".parse().unwrap()
    }

    #[test]
    fn table_columns() {
        let text = render(
            &[job("ns", "u-a-1")],
            ListFormat::Table,
            false,
            false,
            now(),
        )
        .unwrap();
        assert_eq!(
            text,
            "JOB     WORKERS   MASTER   STATUS     EXPOSED          AGE\n\
             u-a-1   3/4       1/1      Starting   NodePort:30080   5m\n"
        );
    }

    #[test]
    fn wide_and_all_namespaces() {
        let mut java = job("other", "u-b-2");
        java.master_ready = None;
        java.created_by = "twister2".into();
        java.exposed.clear();
        let text = render(
            &[job("ns", "u-a-1"), java],
            ListFormat::Wide,
            true,
            true,
            now(),
        )
        .unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("ns      u-a-1"), "{text}");
        assert!(lines[0].contains("2x2 0.50cpu 1024Mi"), "{text}");
        assert!(lines[0].ends_with("webserver   kubectl-twister2"), "{text}");
        assert!(lines[1].contains("<none>"), "{text}");
        assert!(lines[1].ends_with("twister2"), "{text}");
    }

    #[test]
    fn documents_and_names() {
        let jobs = [job("ns", "u-a-1"), job("ns", "u-c-3")];
        let json: serde_json::Value =
            serde_json::from_str(&render(&jobs, ListFormat::Json, false, false, now()).unwrap())
                .unwrap();
        assert_eq!(json["kind"], "JobList");
        assert_eq!(json["items"][1]["jobId"], "u-c-3");
        assert_eq!(json["items"][0]["computeResources"][0]["workersPerPod"], 2);
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&render(&jobs, ListFormat::Yaml, false, false, now()).unwrap())
                .unwrap();
        assert_eq!(yaml["items"][0]["status"], "Starting");
        assert_eq!(
            render(&jobs, ListFormat::Name, false, false, now()).unwrap(),
            "u-a-1\nu-c-3\n"
        );
        assert_eq!(
            render(&[], ListFormat::Table, false, false, now()).unwrap(),
            ""
        );
        let empty: serde_json::Value =
            serde_json::from_str(&render(&[], ListFormat::Json, false, false, now()).unwrap())
                .unwrap();
        assert_eq!(empty["items"], serde_json::json!([]));
    }
}
