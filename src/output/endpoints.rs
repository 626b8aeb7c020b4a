//! `endpoints`' output, streamed: the table (and `-o wide`, with `--check`'s columns), the
//! `EndpointList` document of `-o json|yaml`, and `-o name` (`host:port` lines) — rows are
//! generated while written, so thousands of nodes times hundreds of NodePorts cost no more
//! memory than the objects read.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::Serializer;

use crate::output::document::ListFormat;
use crate::output::table;
use crate::twister2::endpoints::{Endpoint, Endpoints, Reachability};

/// `--check` results, one per row (`None`: nothing to probe).
pub type Checks = [Option<Reachability>];

/// What is printed.
pub struct View<'v> {
    /// The endpoints.
    pub endpoints: &'v Endpoints<'v>,
    /// `--check` results, one per row.
    pub checks: Option<&'v Checks>,
    /// `-A`: a NAMESPACE column.
    pub all_namespaces: bool,
}

/// The `-o json|yaml` document: `{kind: EndpointList, items: [EndpointRecord…]}`.
#[derive(Serialize)]
struct EndpointList<'v> {
    kind: &'static str,
    items: Items<'v>,
}

struct Items<'v>(&'v View<'v>);

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = self.0;
        serializer.collect_seq(
            view.endpoints
                .rows()
                .enumerate()
                .map(|(i, row)| row.record(view.check(i))),
        )
    }
}

impl<'v> View<'v> {
    fn check(&self, index: usize) -> Option<&'v Reachability> {
        self.checks?.get(index)?.as_ref()
    }

    /// Write the endpoints in `format` to `out`.
    pub fn write(
        &self,
        out: &mut impl Write,
        format: ListFormat,
        no_headers: bool,
    ) -> io::Result<()> {
        let document = EndpointList {
            kind: "EndpointList",
            items: Items(self),
        };
        match format {
            ListFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
                out.write_all(b"\n")
            }
            ListFormat::Yaml => {
                serde_yaml::to_writer(&mut *out, &document).map_err(io::Error::other)
            }
            ListFormat::Name => self.write_names(out),
            ListFormat::Table | ListFormat::Wide => {
                self.write_table(out, format == ListFormat::Wide, no_headers)
            }
        }
    }

    /// `host:port` per line; with `--check`, only the reachable ones.
    fn write_names(&self, out: &mut impl Write) -> io::Result<()> {
        for (index, row) in self.endpoints.rows().enumerate() {
            if self.checks.is_some() && !self.check(index).is_some_and(|c| c.reachable) {
                continue;
            }
            if let Some(host_port) = row.host_port() {
                writeln!(out, "{host_port}")?;
            }
        }
        Ok(())
    }

    fn headers(&self, wide: bool) -> Vec<&'static str> {
        let mut headers = Vec::new();
        if self.all_namespaces {
            headers.push("NAMESPACE");
        }
        headers.extend(["JOB", "SERVICE", "TYPE", "NODE", "ADDRESS", "PORT", "URL"]);
        if self.checks.is_some() {
            headers.extend(["REACHABLE", "LATENCY"]);
        }
        if wide {
            headers.extend(["HOST", "PROTOCOL", "POLICY"]);
        }
        headers
    }

    fn cells(&self, index: usize, row: &Endpoint<'v>, wide: bool) -> Vec<Cow<'v, str>> {
        let text = |value: Option<&'v str>| Cow::Borrowed(value.unwrap_or_default());
        let mut cells = Vec::with_capacity(13);
        if self.all_namespaces {
            cells.push(Cow::Borrowed(row.namespace()));
        }
        cells.extend([
            text(row.job()),
            Cow::Borrowed(row.service()),
            Cow::Borrowed(row.kind().as_str()),
            text(row.node()),
            Cow::Owned(row.address().to_string()),
            Cow::Owned(row.port().to_string()),
            row.url().map(Cow::Owned).unwrap_or_default(),
        ]);
        if self.checks.is_some() {
            let (reachable, latency) = match self.check(index) {
                Some(check) if check.reachable => (
                    "yes".to_string(),
                    check
                        .latency_ms
                        .map(|ms| format!("{ms:.2}ms"))
                        .unwrap_or_default(),
                ),
                Some(check) => (
                    format!("no ({})", check.error.as_deref().unwrap_or("unknown")),
                    String::new(),
                ),
                None => (String::new(), String::new()),
            };
            cells.extend([Cow::Owned(reachable), Cow::Owned(latency)]);
        }
        if wide {
            cells.extend([
                text(row.host()),
                Cow::Borrowed(row.protocol()),
                text(row.policy()),
            ]);
        }
        cells
    }

    /// kubectl-style table (the layout of `output::table::render`), streamed: one pass for the
    /// column widths, one to write.
    fn write_table(&self, out: &mut impl Write, wide: bool, no_headers: bool) -> io::Result<()> {
        if self.endpoints.is_empty() {
            return Ok(());
        }
        let headers = self.headers(wide);
        let mut widths: Vec<usize> = if no_headers {
            vec![0; headers.len()]
        } else {
            headers.iter().map(|h| h.chars().count()).collect()
        };
        for (index, row) in self.endpoints.rows().enumerate() {
            for (width, cell) in widths.iter_mut().zip(self.cells(index, &row, wide)) {
                *width = (*width).max(table::column_width(&cell));
            }
        }
        let mut line = String::new();
        if !no_headers {
            let header_cells: Vec<Cow<'_, str>> =
                headers.iter().map(|h| Cow::Borrowed(*h)).collect();
            table::write_line(out, &mut line, &widths, &header_cells)?;
        }
        for (index, row) in self.endpoints.rows().enumerate() {
            table::write_line(out, &mut line, &widths, &self.cells(index, &row, wide))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::table;
    use crate::twister2::endpoints::{Inventory, Selection, endpoints};
    use k8s_openapi::api::core::v1::{Node, Service};
    use serde_json::json;

    fn services() -> Vec<Service> {
        vec![
            serde_json::from_value(json!({
                "metadata": {"name": "j1", "namespace": "ns", "labels": {"app": "twister2", "t2-job": "j1"}},
                "spec": {"type": "NodePort", "ports": [{"port": 9000, "protocol": "TCP", "nodePort": 30080}]}
            }))
            .unwrap(),
            serde_json::from_value(json!({
                "metadata": {"name": "j2-lb", "namespace": "ns", "labels": {"app": "twister2", "t2-job": "j2"}},
                "spec": {"type": "LoadBalancer", "externalTrafficPolicy": "Local", "ports": [{"port": 9000, "protocol": "TCP"}]}
            }))
            .unwrap(),
        ]
    }

    fn nodes() -> Vec<Node> {
        (1..=2)
            .map(|i| {
                serde_json::from_value(json!({
                    "metadata": {"name": format!("node-{i}")},
                    "status": {"addresses": [{"type": "InternalIP", "address": format!("10.0.0.{i}")}]}
                }))
                .unwrap()
            })
            .collect()
    }

    fn render(view: &View<'_>, format: ListFormat, no_headers: bool) -> String {
        let mut out = Vec::new();
        view.write(&mut out, format, no_headers).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn streamed_table_matches_the_shared_table_layout() {
        let (services, nodes) = (services(), nodes());
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &[],
            ingresses: &[],
        };
        let found = endpoints(&inventory, &Selection::default());
        for (wide, all_namespaces, no_headers) in [
            (false, false, false),
            (true, true, false),
            (false, true, true),
        ] {
            let view = View {
                endpoints: &found,
                checks: None,
                all_namespaces,
            };
            let format = if wide {
                ListFormat::Wide
            } else {
                ListFormat::Table
            };
            let rows: Vec<Vec<String>> = found
                .rows()
                .enumerate()
                .map(|(i, r)| {
                    view.cells(i, &r, wide)
                        .into_iter()
                        .map(Cow::into_owned)
                        .collect()
                })
                .collect();
            let expected = table::render(&view.headers(wide), &rows, no_headers);
            assert_eq!(render(&view, format, no_headers), expected);
        }
        let view = View {
            endpoints: &found,
            checks: None,
            all_namespaces: false,
        };
        assert_eq!(
            render(&view, ListFormat::Table, false),
            "JOB   SERVICE   TYPE           NODE     ADDRESS     PORT    URL\n\
             j1    j1        NodePort       node-1   10.0.0.1    30080   tcp://10.0.0.1:30080\n\
             j1    j1        NodePort       node-2   10.0.0.2    30080   tcp://10.0.0.2:30080\n\
             j2    j2-lb     LoadBalancer   <none>   <pending>   9000    <none>\n"
        );
        let wide = render(&view, ListFormat::Wide, false);
        assert!(
            wide.lines()
                .next()
                .unwrap()
                .ends_with("HOST       PROTOCOL   POLICY"),
            "{wide}"
        );
        assert!(
            wide.lines()
                .nth(3)
                .unwrap()
                .ends_with("<none>     TCP        Local"),
            "{wide}"
        );
    }

    #[test]
    fn check_columns_and_names() {
        let (services, nodes) = (services(), nodes());
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &[],
            ingresses: &[],
        };
        let found = endpoints(&inventory, &Selection::default());
        let checks = vec![
            Some(Reachability {
                reachable: true,
                latency_ms: Some(0.25),
                error: None,
            }),
            Some(Reachability {
                reachable: false,
                latency_ms: None,
                error: Some("refused".into()),
            }),
            None,
        ];
        let view = View {
            endpoints: &found,
            checks: Some(&checks),
            all_namespaces: false,
        };
        let text = render(&view, ListFormat::Table, true);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].ends_with("tcp://10.0.0.1:30080   yes            0.25ms"),
            "{text}"
        );
        assert!(
            lines[1].ends_with("tcp://10.0.0.2:30080   no (refused)   <none>"),
            "{text}"
        );
        assert!(
            lines[2].ends_with("<none>                 <none>         <none>"),
            "{text}"
        );
        assert_eq!(render(&view, ListFormat::Name, false), "10.0.0.1:30080\n");
        let unchecked = View {
            checks: None,
            ..view
        };
        assert_eq!(
            render(&unchecked, ListFormat::Name, false),
            "10.0.0.1:30080\n10.0.0.2:30080\n"
        );
    }

    #[test]
    fn documents() {
        let (services, nodes) = (services(), nodes());
        let inventory = Inventory {
            services: &services,
            nodes: Some(&nodes),
            pods: &[],
            ingresses: &[],
        };
        let found = endpoints(&inventory, &Selection::default());
        let view = View {
            endpoints: &found,
            checks: None,
            all_namespaces: false,
        };
        let json: serde_json::Value =
            serde_json::from_str(&render(&view, ListFormat::Json, false)).unwrap();
        assert_eq!(json["kind"], "EndpointList");
        assert_eq!(json["items"].as_array().unwrap().len(), 3);
        assert_eq!(json["items"][1]["node"], "node-2");
        assert_eq!(json["items"][2]["address"], serde_json::Value::Null);
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&render(&view, ListFormat::Yaml, false)).unwrap();
        assert_eq!(yaml["items"][0]["url"], "tcp://10.0.0.1:30080");
        assert_eq!(yaml["items"][0]["port"], 30080);

        let empty = Endpoints::default();
        let view = View {
            endpoints: &empty,
            checks: None,
            all_namespaces: false,
        };
        assert_eq!(render(&view, ListFormat::Table, false), "");
        let json: serde_json::Value =
            serde_json::from_str(&render(&view, ListFormat::Json, false)).unwrap();
        assert_eq!(json["items"], json!([]));
    }
}
