//! Patch formats: JSON merge patch (RFC 7386), strategic merge patch (treated as merge), JSON patch (RFC 6902).

use serde_json::Value;

/// The `Content-Type` of a PATCH request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchType {
    /// `application/merge-patch+json`.
    Merge,
    /// `application/strategic-merge-patch+json` (applied as a merge patch; `$patch: delete|replace`
    /// directives are honoured on maps and `$`-prefixed bookkeeping keys are dropped).
    Strategic,
    /// `application/json-patch+json`.
    Json,
    /// `application/apply-patch+yaml` (server-side apply).
    Apply,
}

impl PatchType {
    /// From a `Content-Type` header value.
    pub fn from_content_type(ct: &str) -> Option<PatchType> {
        let base = ct.split(';').next().unwrap_or_default().trim();
        match base {
            "application/merge-patch+json" => Some(PatchType::Merge),
            "application/strategic-merge-patch+json" => Some(PatchType::Strategic),
            "application/json-patch+json" => Some(PatchType::Json),
            "application/apply-patch+yaml"
            | "application/apply-patch+json"
            | "application/apply-patch+cbor" => Some(PatchType::Apply),
            _ => None,
        }
    }
}

/// Apply an RFC 7386 merge patch in place.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    if let Value::Object(t) = target {
        for (k, v) in p {
            if v.is_null() {
                t.remove(k);
            } else {
                merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}

/// Apply a strategic merge patch as a merge patch, honouring map-level `$patch` directives.
pub fn strategic_merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(p) = patch else {
        *target = strip_directives(patch);
        return;
    };
    match p.get("$patch").and_then(Value::as_str) {
        Some("delete") => {
            *target = Value::Null;
            return;
        }
        Some("replace") => {
            *target = strip_directives(patch);
            return;
        }
        _ => {}
    }
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    if let Value::Object(t) = target {
        for (k, v) in p {
            if k.starts_with('$') {
                continue;
            }
            if v.is_null() {
                t.remove(k);
                continue;
            }
            let slot = t.entry(k.clone()).or_insert(Value::Null);
            strategic_merge_patch(slot, v);
            if slot.is_null() {
                t.remove(k);
            }
        }
    }
}

fn strip_directives(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !k.starts_with('$'))
                .map(|(k, v)| (k.clone(), strip_directives(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(strip_directives).collect()),
        other => other.clone(),
    }
}

/// Apply an RFC 6902 JSON patch in place; the error text is what the server reports.
pub fn json_patch(target: &mut Value, patch: &Value) -> Result<(), String> {
    let ops: json_patch::Patch =
        serde_json::from_value(patch.clone()).map_err(|e| e.to_string())?;
    json_patch::patch(target, &ops).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge() {
        let mut t = json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]});
        merge_patch(
            &mut t,
            &json!({"a": null, "b": {"c": 5}, "l": [3], "n": "x"}),
        );
        assert_eq!(t, json!({"b": {"c": 5, "d": 3}, "l": [3], "n": "x"}));
    }

    #[test]
    fn strategic_directives() {
        let mut t = json!({"metadata": {"labels": {"a": "1"}}, "spec": {"x": {"y": 1}}});
        strategic_merge_patch(
            &mut t,
            &json!({"$setElementOrder/containers": [], "metadata": {"labels": {"b": "2"}}, "spec": {"x": {"$patch": "delete"}}}),
        );
        assert_eq!(
            t,
            json!({"metadata": {"labels": {"a": "1", "b": "2"}}, "spec": {}})
        );
    }

    #[test]
    fn json_ops() {
        let mut t = json!({"a": {"b": 1}, "l": [1]});
        json_patch(
            &mut t,
            &json!([
                {"op": "add", "path": "/l/-", "value": 2},
                {"op": "replace", "path": "/a/b", "value": 3},
                {"op": "copy", "from": "/a", "path": "/c"},
                {"op": "move", "from": "/c", "path": "/d"},
                {"op": "test", "path": "/d/b", "value": 3},
                {"op": "remove", "path": "/a"}
            ]),
        )
        .unwrap();
        assert_eq!(t, json!({"l": [1, 2], "d": {"b": 3}}));
        let err =
            json_patch(&mut t, &json!([{"op": "test", "path": "/d/b", "value": 9}])).unwrap_err();
        assert!(!err.is_empty());
        assert!(
            PatchType::from_content_type("application/json-patch+json; charset=utf-8")
                == Some(PatchType::Json)
        );
    }
}
