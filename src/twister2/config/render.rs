//! Rendering the effective configuration as YAML: as one map, and as flat lines.

use std::collections::BTreeMap;

use serde_yaml::Value;

use super::effective::Config;
use super::key_types::ConfigFile;
use super::spelling::key_spec;

impl Config {
    pub(super) fn home_file(key: &str) -> ConfigFile {
        key_spec(key).map_or(ConfigFile::Core, |s| s.file)
    }

    /// The effective configuration as one YAML map, keys sorted (for `describe -o yaml`).
    pub fn to_yaml(&self) -> String {
        let map: BTreeMap<&str, &Value> = self
            .entries
            .iter()
            .map(|(k, e)| (k.as_str(), &e.value))
            .collect();
        serde_yaml::to_string(&map).unwrap_or_default()
    }
}

/// Twister2's pods read YAML with SnakeYAML, a YAML 1.1 parser, where plain `no`, `on`, `yes`,
/// `1_000` or `12:30` are not strings. The package files are therefore written conservatively:
/// one `key: value` line per key, strings double-quoted, numbers always in plain decimal (floats
/// with a `.`), lists and maps in flow style (`[..]`, `{..}`), which both YAML versions read the
/// same way.
pub fn render_flat_yaml<'a>(pairs: impl Iterator<Item = (&'a str, &'a Value)>) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        out.push_str(&yaml_key(key));
        out.push_str(": ");
        out.push_str(&yaml_flow(value));
        out.push('\n');
    }
    out
}

fn yaml_key(key: &str) -> String {
    let plain = !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/'))
        && !matches!(
            key.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        key.to_string()
    } else {
        yaml_string(key)
    }
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.escape_default()))
}

fn yaml_float(f: f64) -> String {
    if f.is_nan() {
        return ".nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.to_string();
    }
    // Display never uses an exponent; YAML 1.1 floats need a '.'.
    let text = f.to_string();
    if text.contains('.') {
        text
    } else {
        format!("{text}.0")
    }
}

fn yaml_flow(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (None, Some(u), _) => u.to_string(),
            (None, None, Some(f)) => yaml_float(f),
            _ => n.to_string(),
        },
        Value::String(s) => yaml_string(s),
        Value::Sequence(items) => format!(
            "[{}]",
            items.iter().map(yaml_flow).collect::<Vec<_>>().join(", ")
        ),
        Value::Mapping(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", yaml_flow(k), yaml_flow(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Tagged(tagged) => format!("{} {}", tagged.tag, yaml_flow(&tagged.value)),
    }
}

#[cfg(test)]
mod tests {
    use serde_yaml::Mapping;

    use super::*;

    #[test]
    fn package_yaml_reads_the_same_in_yaml_1_1() {
        let value = |yaml: &str| serde_yaml::from_str::<Value>(yaml).unwrap();
        let pairs = [
            ("a.no", Value::String("no".into())),
            ("a.on", Value::String("On".into())),
            ("a.zero", Value::String("0123".into())),
            ("a.time", Value::String("12:30".into())),
            ("a.quote", Value::String("say \"hi\"\n".into())),
            ("a.int", Value::Number(1000.into())),
            ("a.float", Value::Number(1.0.into())),
            ("a.big", Value::Number(1e21.into())),
            ("a.bool", Value::Bool(false)),
            ("a.list", value("[x, 1, true]")),
            ("a.maps", value("[{r1: [10.0.0.1]}, {r2: []}]")),
            ("yes", Value::String("key is a YAML 1.1 boolean".into())),
        ];
        let text = render_flat_yaml(pairs.iter().map(|(k, v)| (*k, v)));
        assert!(text.contains("a.no: \"no\"\n"), "{text}");
        assert!(text.contains("a.on: \"On\"\n"), "{text}");
        assert!(text.contains("a.time: \"12:30\"\n"), "{text}");
        assert!(text.contains("a.float: 1.0\n"), "{text}");
        assert!(text.contains("a.big: 1000000000000000000000.0\n"), "{text}");
        assert!(text.contains("a.list: [\"x\", 1, true]\n"), "{text}");
        assert!(
            text.contains("a.maps: [{\"r1\": [\"10.0.0.1\"]}, {\"r2\": []}]\n"),
            "{text}"
        );
        assert!(text.contains("\"yes\": "), "{text}");
        // and reads back to the same values
        let back: Mapping = serde_yaml::from_str(&text).unwrap();
        for (k, v) in &pairs {
            assert_eq!(back.get(*k), Some(v), "{k}");
        }
    }
}
