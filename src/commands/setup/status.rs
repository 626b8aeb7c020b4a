//! `setup status`: one row per component (INSTALLED, READY, DETAILS); a report, so it exits 0
//! when things are missing.

use anyhow::{Result, anyhow};

use crate::cli::setup::StatusArgs;
use crate::cli::{GlobalArgs, ListFormat, StructuredFormat};
use crate::cluster::setup_status::{Installed, SetupStatus, StatusOptions, read_setup_status};
use crate::cluster::{self};
use crate::output::{document, table};

/// Run `setup status`.
pub async fn run(global: &GlobalArgs, args: &StatusArgs) -> Result<()> {
    let cluster = cluster::connect(global).await?;
    let opts = StatusOptions {
        secret_name: args.secret_name.clone(),
        rack_key: args.rack_key.clone(),
        datacenter_key: args.datacenter_key.clone(),
    };
    let status = read_setup_status(&cluster, &opts).await;
    // Nothing could be read at all (cluster down, no rights anywhere): that is an error.
    if status
        .components
        .iter()
        .all(|c| c.installed == Installed::Unknown)
    {
        let first = status
            .components
            .first()
            .map(|c| c.details.trim_start_matches("cannot read: ").to_string())
            .unwrap_or_default();
        return Err(anyhow!(
            "cannot read the setup of namespace {}: {first}",
            cluster.namespace
        ));
    }
    print!(
        "{}",
        render(&status, args.output.output, args.output.no_headers)?
    );
    Ok(())
}

/// The report in the chosen format.
pub fn render(status: &SetupStatus, format: ListFormat, no_headers: bool) -> Result<String> {
    Ok(match format {
        ListFormat::Json => document::render(status, StructuredFormat::Json)?,
        ListFormat::Yaml => document::render(status, StructuredFormat::Yaml)?,
        ListFormat::Name => status
            .components
            .iter()
            .filter(|c| matches!(c.installed, Installed::Yes | Installed::Partial))
            .map(|c| format!("{}\n", c.component))
            .collect(),
        ListFormat::Table | ListFormat::Wide => {
            let wide = format == ListFormat::Wide;
            let mut headers = vec!["component", "installed", "ready", "details"];
            if wide {
                headers.extend(["managed", "objects"]);
            }
            let rows: Vec<Vec<String>> = status
                .components
                .iter()
                .map(|c| {
                    let mut row = vec![
                        c.component.clone(),
                        c.installed.as_str().to_string(),
                        c.ready.clone().unwrap_or_else(|| "-".to_string()),
                        c.details.clone(),
                    ];
                    if wide {
                        row.push(if c.managed { "yes" } else { "no" }.to_string());
                        row.push(c.objects.join(","));
                    }
                    row
                })
                .collect();
            table::render(&headers, &rows, no_headers)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::setup_status::ComponentStatus;

    fn status() -> SetupStatus {
        let row =
            |component: &str, installed, ready: Option<&str>, details: &str| ComponentStatus {
                component: component.into(),
                installed,
                ready: ready.map(String::from),
                ready_replicas: None,
                replicas: None,
                details: details.into(),
                managed: installed == Installed::Yes,
                objects: if installed == Installed::Yes {
                    vec![format!("statefulset.apps/{component}")]
                } else {
                    Vec::new()
                },
            };
        SetupStatus {
            kind: "SetupStatus".into(),
            namespace: "ns".into(),
            components: vec![
                row(
                    "auth",
                    Installed::Yes,
                    None,
                    "job pods: serviceaccount default",
                ),
                row("zookeeper", Installed::Yes, Some("2/3"), "zk:2181"),
                row("dashboard", Installed::No, None, "not set up"),
            ],
        }
    }

    #[test]
    fn table_and_wide() {
        let text = render(&status(), ListFormat::Table, false).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0].split_whitespace().collect::<Vec<_>>(),
            ["COMPONENT", "INSTALLED", "READY", "DETAILS"]
        );
        assert!(lines[2].starts_with("zookeeper"));
        assert!(lines[2].contains("2/3"));
        assert!(lines[1].contains(" - "));
        let wide = render(&status(), ListFormat::Wide, true).unwrap();
        assert!(!wide.contains("COMPONENT"));
        assert!(
            wide.lines()
                .nth(1)
                .unwrap()
                .ends_with("statefulset.apps/zookeeper")
        );
    }

    #[test]
    fn documents_and_names() {
        let json: serde_json::Value =
            serde_json::from_str(&render(&status(), ListFormat::Json, false).unwrap()).unwrap();
        assert_eq!(json["kind"], "SetupStatus");
        assert_eq!(json["components"][1]["ready"], "2/3");
        assert_eq!(json["components"][2]["installed"], "no");
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&render(&status(), ListFormat::Yaml, false).unwrap()).unwrap();
        assert_eq!(yaml["namespace"], "ns");
        assert_eq!(
            render(&status(), ListFormat::Name, false).unwrap(),
            "auth\nzookeeper\n"
        );
    }
}
