//! Reading YAML values as typed data (bool, numbers, lists) and as short text for messages.

use serde_yaml::Value;

pub(super) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a map",
        Value::Tagged(_) => "a tagged value",
    }
}

/// A value as short text for messages and tables.
pub fn value_text(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_string(),
        other => serde_json::to_string(other).unwrap_or_else(|_| {
            serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string()
        }),
    };
    if text.chars().count() > 80 {
        let short: String = text.chars().take(77).collect();
        format!("{short}...")
    } else {
        text
    }
}

pub(super) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(super) fn as_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

pub(super) fn as_int(value: &Value) -> Result<i64, String> {
    let n = match value {
        Value::Number(n) if n.is_i64() || n.is_u64() => n.as_i64(),
        Value::Number(_) => return Err("expected a whole number".to_string()),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    let n = n.ok_or_else(|| format!("expected a whole number, found {}", kind_of(value)))?;
    if n < i64::from(i32::MIN) || n > i64::from(i32::MAX) {
        return Err(format!(
            "{n} is out of range (Twister2 reads it as a 32-bit int)"
        ));
    }
    Ok(n)
}

pub(super) fn as_float(value: &Value) -> Result<f64, String> {
    let f = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .ok_or_else(|| format!("expected a number, found {}", kind_of(value)))?;
    if !f.is_finite() {
        return Err("expected a finite number".to_string());
    }
    Ok(f)
}

pub(super) fn string_list(value: &Value) -> Result<Vec<String>, String> {
    match value {
        Value::Sequence(items) => items
            .iter()
            .map(|item| {
                scalar_text(item)
                    .ok_or_else(|| format!("list items must be strings, found {}", kind_of(item)))
            })
            .collect(),
        other => Err(format!(
            "expected a list of strings such as [a, b], found {}",
            kind_of(other)
        )),
    }
}

pub(super) fn map_list(value: &Value) -> Result<Vec<(String, Vec<String>)>, String> {
    let Value::Sequence(items) = value else {
        return Err(format!(
            "expected a list of maps such as [{{name: [a, b]}}], found {}",
            kind_of(value)
        ));
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Mapping(map) = item else {
            return Err(format!(
                "item {} must be a map such as {{name: [a, b]}}, found {}",
                i + 1,
                kind_of(item)
            ));
        };
        for (name, members) in map {
            let name = scalar_text(name)
                .ok_or_else(|| format!("item {}: names must be strings", i + 1))?;
            let members =
                string_list(members).map_err(|e| format!("item {} ({name}): {e}", i + 1))?;
            out.push((name, members));
        }
    }
    Ok(out)
}
