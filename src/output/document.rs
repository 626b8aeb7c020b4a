//! `-o json|yaml|name` documents: one object as is; several as a kubectl-style `List`.

use anyhow::Result;
use serde::Serialize;
use serde_json::Value;

/// Output format of a command that lists things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns, kubectl style.
    #[default]
    Table,
    /// Table with extra columns.
    Wide,
    /// JSON document.
    Json,
    /// YAML document.
    Yaml,
    /// One name per line.
    Name,
}

/// JSON or YAML, for commands whose output is one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StructuredFormat {
    /// JSON document.
    Json,
    /// YAML document.
    Yaml,
}

/// Serialize one value as JSON (pretty, trailing newline) or YAML.
pub fn render<T: Serialize>(value: &T, format: StructuredFormat) -> Result<String> {
    Ok(match format {
        StructuredFormat::Json => format!("{}\n", serde_json::to_string_pretty(value)?),
        StructuredFormat::Yaml => serde_yaml::to_string(value)?,
    })
}

/// Several Kubernetes objects: JSON as a `v1/List`; YAML as `---`-separated documents, which
/// `kubectl apply -f` reads back.
pub fn render_objects(objects: &[Value], format: StructuredFormat) -> Result<String> {
    match format {
        StructuredFormat::Json => render(
            &serde_json::json!({"apiVersion": "v1", "kind": "List", "items": objects}),
            format,
        ),
        StructuredFormat::Yaml => {
            let mut out = String::new();
            for object in objects {
                out.push_str("---\n");
                out.push_str(&serde_yaml::to_string(object)?);
            }
            Ok(out)
        }
    }
}

/// `kind/name` lines (kubectl's `-o name`, lower-case kind with its group when it has one).
pub fn render_names(objects: &[Value]) -> String {
    let mut out = String::new();
    for object in objects {
        let kind = object["kind"].as_str().unwrap_or("object").to_lowercase();
        let group = object["apiVersion"]
            .as_str()
            .and_then(|v| v.split_once('/'))
            .map(|(g, _)| format!(".{g}"))
            .unwrap_or_default();
        let name = object["metadata"]["name"].as_str().unwrap_or("");
        out.push_str(&format!("{kind}{group}/{name}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn several_objects() {
        let objects = vec![
            json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}}),
            json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "b"}}),
        ];
        let yaml = render_objects(&objects, StructuredFormat::Yaml).unwrap();
        assert!(yaml.starts_with("---\napiVersion: v1\nkind: Service\n"));
        assert_eq!(yaml.matches("---\n").count(), 2);
        let json: Value =
            serde_json::from_str(&render_objects(&objects, StructuredFormat::Json).unwrap())
                .unwrap();
        assert_eq!(json["kind"], "List");
        assert_eq!(json["items"][1]["metadata"]["name"], "b");
        assert_eq!(render_names(&objects), "service/a\nstatefulset.apps/b\n");
    }
}
