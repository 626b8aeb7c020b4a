//! Label selectors (`=`, `==`, `!=`, `in`, `notin`, exists, `!key`) and field selectors.

use serde_json::Value;

use crate::resources::Res;
use crate::status::ApiError;

/// One label requirement.
#[derive(Debug, Clone, PartialEq)]
enum LabelReq {
    Eq(String, String),
    NotEq(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

/// A parsed label selector; empty matches everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelSelector {
    reqs: Vec<LabelReq>,
}

fn parse_err(detail: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(format!("unable to parse requirement: {detail}"))
}

fn valid_key(k: &str) -> bool {
    let name = match k.rsplit_once('/') {
        Some((prefix, name)) => {
            if prefix.is_empty() || prefix.len() > 253 {
                return false;
            }
            name
        }
        None => k,
    };
    !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
}

fn valid_value(v: &str) -> bool {
    v.is_empty()
        || (v.len() <= 63
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            && v.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && v.chars().last().is_some_and(|c| c.is_ascii_alphanumeric()))
}

fn check_key(k: &str) -> Result<String, ApiError> {
    if valid_key(k) {
        Ok(k.to_string())
    } else {
        Err(parse_err(format!(
            "key: Invalid value: \"{k}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        )))
    }
}

fn check_value(k: &str, v: &str) -> Result<String, ApiError> {
    if valid_value(v) {
        Ok(v.to_string())
    } else {
        Err(parse_err(format!(
            "values[0][{k}]: Invalid value: \"{v}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        )))
    }
}

/// Split on commas that are not inside parentheses.
fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth == 0 => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn parse_set(rest: &str) -> Result<Vec<String>, ApiError> {
    let rest = rest.trim();
    let inner = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .ok_or_else(|| parse_err(format!("found '{rest}', expected: '('")))?;
    Ok(inner
        .split(',')
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect())
}

impl LabelSelector {
    /// Parse the `labelSelector` query value.
    pub fn parse(s: &str) -> Result<Self, ApiError> {
        let mut reqs = Vec::new();
        if s.trim().is_empty() {
            return Ok(LabelSelector { reqs });
        }
        for part in split_top(s) {
            let p = part.trim();
            if p.is_empty() {
                return Err(parse_err("found '', expected: identifier"));
            }
            if let Some(k) = p.strip_prefix('!') {
                reqs.push(LabelReq::NotExists(check_key(k.trim())?));
            } else if let Some((k, v)) = p.split_once("!=") {
                let k = check_key(k.trim())?;
                let v = check_value(&k, v.trim())?;
                reqs.push(LabelReq::NotEq(k, v));
            } else if let Some((k, v)) = p.split_once("==").or_else(|| p.split_once('=')) {
                let k = check_key(k.trim())?;
                let v = check_value(&k, v.trim())?;
                reqs.push(LabelReq::Eq(k, v));
            } else if let Some(idx) = find_word(p, "notin") {
                let k = check_key(p[..idx].trim())?;
                let vals = parse_set(&p[idx + 5..])?;
                for v in &vals {
                    check_value(&k, v)?;
                }
                reqs.push(LabelReq::NotIn(k, vals));
            } else if let Some(idx) = find_word(p, "in") {
                let k = check_key(p[..idx].trim())?;
                let vals = parse_set(&p[idx + 2..])?;
                if vals.is_empty() {
                    return Err(parse_err(format!(
                        "values: Required value: for 'in', 'notin' operators, values set can't be empty (in {p})"
                    )));
                }
                for v in &vals {
                    check_value(&k, v)?;
                }
                reqs.push(LabelReq::In(k, vals));
            } else if p.contains(' ') || p.contains('(') {
                return Err(parse_err(format!(
                    "found '{p}', expected: in, notin, =, ==, !=, gt, lt"
                )));
            } else {
                reqs.push(LabelReq::Exists(check_key(p)?));
            }
        }
        Ok(LabelSelector { reqs })
    }

    /// Build from a `matchLabels`/`matchExpressions` object (as in a StatefulSet's selector).
    pub fn from_label_selector_object(sel: &Value) -> Self {
        let mut reqs = Vec::new();
        if let Some(m) = sel.get("matchLabels").and_then(Value::as_object) {
            for (k, v) in m {
                reqs.push(LabelReq::Eq(
                    k.clone(),
                    v.as_str().unwrap_or_default().to_string(),
                ));
            }
        }
        if let Some(exprs) = sel.get("matchExpressions").and_then(Value::as_array) {
            for e in exprs {
                let key = e
                    .get("key")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let values: Vec<String> = e
                    .get("values")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                match e.get("operator").and_then(Value::as_str) {
                    Some("In") => reqs.push(LabelReq::In(key, values)),
                    Some("NotIn") => reqs.push(LabelReq::NotIn(key, values)),
                    Some("Exists") => reqs.push(LabelReq::Exists(key)),
                    Some("DoesNotExist") => reqs.push(LabelReq::NotExists(key)),
                    _ => {}
                }
            }
        }
        LabelSelector { reqs }
    }

    /// Whether the selector is empty (matches everything).
    pub fn is_empty(&self) -> bool {
        self.reqs.is_empty()
    }

    /// Whether an object's `metadata.labels` satisfy the selector.
    pub fn matches(&self, obj: &Value) -> bool {
        let labels = obj.pointer("/metadata/labels").and_then(Value::as_object);
        let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
        self.reqs.iter().all(|r| match r {
            LabelReq::Eq(k, v) => get(k) == Some(v.as_str()),
            LabelReq::NotEq(k, v) => get(k) != Some(v.as_str()),
            LabelReq::In(k, vs) => get(k).is_some_and(|x| vs.iter().any(|v| v == x)),
            LabelReq::NotIn(k, vs) => !get(k).is_some_and(|x| vs.iter().any(|v| v == x)),
            LabelReq::Exists(k) => get(k).is_some(),
            LabelReq::NotExists(k) => get(k).is_none(),
        })
    }

    /// Render as the `key=value,...` string form (used for `/scale` status.selector).
    pub fn to_query(&self) -> String {
        let parts: Vec<String> = self
            .reqs
            .iter()
            .map(|r| match r {
                LabelReq::Eq(k, v) => format!("{k}={v}"),
                LabelReq::NotEq(k, v) => format!("{k}!={v}"),
                LabelReq::In(k, vs) => format!("{k} in ({})", vs.join(",")),
                LabelReq::NotIn(k, vs) => format!("{k} notin ({})", vs.join(",")),
                LabelReq::Exists(k) => k.clone(),
                LabelReq::NotExists(k) => format!("!{k}"),
            })
            .collect();
        parts.join(",")
    }
}

/// Find `word` as a whitespace-separated token (or followed by `(`) in `s`.
fn find_word(s: &str, word: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(pos) = s[start..].find(word) {
        let i = start + pos;
        let before_ok = i > 0 && bytes[i - 1].is_ascii_whitespace();
        let after = bytes.get(i + word.len()).copied();
        let after_ok = matches!(after, Some(b' ') | Some(b'(') | Some(b'\t'));
        if before_ok && after_ok {
            return Some(i);
        }
        start = i + word.len();
    }
    None
}

/// One field requirement.
#[derive(Debug, Clone, PartialEq)]
struct FieldReq {
    field: String,
    value: String,
    negate: bool,
}

/// A parsed field selector.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldSelector {
    reqs: Vec<FieldReq>,
}

/// The fields the server accepts in a field selector for a resource type.
fn supported_fields(res: Res) -> &'static [&'static str] {
    match res.info().plural {
        "pods" => &[
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.nominatedNodeName",
        ],
        "events" => &[
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
        ],
        "secrets" => &["type"],
        "nodes" => &["spec.unschedulable"],
        "namespaces" => &["status.phase"],
        _ => &[],
    }
}

impl FieldSelector {
    /// Parse the `fieldSelector` query value for a resource type.
    pub fn parse(s: &str, res: Res) -> Result<Self, ApiError> {
        let mut reqs = Vec::new();
        if s.trim().is_empty() {
            return Ok(FieldSelector { reqs });
        }
        for part in s.split(',') {
            let p = part.trim();
            let (field, value, negate) = if let Some((f, v)) = p.split_once("!=") {
                (f, v, true)
            } else if let Some((f, v)) = p.split_once("==").or_else(|| p.split_once('=')) {
                (f, v, false)
            } else {
                return Err(ApiError::bad_request(format!(
                    "invalid selector: '{s}'; can't understand '{p}'"
                )));
            };
            let field = field.trim();
            let known = matches!(field, "metadata.name" | "metadata.namespace")
                || supported_fields(res).contains(&field);
            if !known {
                return Err(ApiError::bad_request(format!(
                    "field label not supported: {field}"
                )));
            }
            reqs.push(FieldReq {
                field: field.to_string(),
                value: value.trim().to_string(),
                negate,
            });
        }
        Ok(FieldSelector { reqs })
    }

    /// Whether the selector is empty.
    pub fn is_empty(&self) -> bool {
        self.reqs.is_empty()
    }

    /// The exact name required by `metadata.name=` if any (lets lists skip a scan).
    pub fn required_name(&self) -> Option<&str> {
        self.reqs
            .iter()
            .find(|r| r.field == "metadata.name" && !r.negate)
            .map(|r| r.value.as_str())
    }

    /// Whether an object satisfies the selector.
    pub fn matches(&self, obj: &Value) -> bool {
        self.reqs.iter().all(|r| {
            let actual = field_value(obj, &r.field);
            (actual == r.value) != r.negate
        })
    }
}

fn field_value(obj: &Value, field: &str) -> String {
    let pointer = if field == "source" {
        "/source/component".to_string()
    } else {
        format!("/{}", field.replace('.', "/"))
    };
    match obj.pointer(&pointer) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Null) | None => {
            if field == "spec.unschedulable" || field == "spec.hostNetwork" {
                "false".into()
            } else {
                String::new()
            }
        }
        Some(other) => other.to_string(),
    }
}

/// Both selectors of a list or watch request.
#[derive(Debug, Clone, Default)]
pub struct Selectors {
    /// Label selector.
    pub labels: LabelSelector,
    /// Field selector.
    pub fields: FieldSelector,
}

impl Selectors {
    /// Whether an object matches both selectors.
    pub fn matches(&self, obj: &Value) -> bool {
        self.labels.matches(obj) && self.fields.matches(obj)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(labels: Value) -> Value {
        json!({"metadata": {"name": "n", "namespace": "ns", "labels": labels}, "status": {"phase": "Running"}, "spec": {"nodeName": "node-1"}})
    }

    #[test]
    fn label_operators() {
        let o = obj(json!({"app": "twister2", "t2-job": "j1", "tier": "a"}));
        let m = |s: &str| LabelSelector::parse(s).unwrap().matches(&o);
        assert!(m("app=twister2"));
        assert!(m("app==twister2"));
        assert!(!m("app!=twister2"));
        assert!(m("app!=other"));
        assert!(m("t2-job in (j1, j2)"));
        assert!(!m("t2-job notin (j1,j2)"));
        assert!(m("t2-job notin (j3)"));
        assert!(m("tier"));
        assert!(!m("!tier"));
        assert!(m("!missing"));
        assert!(!m("missing"));
        assert!(m("app=twister2,t2-job in (j1),!missing"));
        assert!(!m("app=twister2,t2-job in (j2)"));
        assert!(m(""));
        assert!(LabelSelector::parse("a in b").is_err());
        assert!(LabelSelector::parse("a=b c").is_err());
        assert!(LabelSelector::parse("bad key=1").is_err());
    }

    #[test]
    fn label_selector_object() {
        let sel = json!({"matchLabels": {"app": "twister2"}, "matchExpressions": [{"key": "t2-job", "operator": "In", "values": ["j1"]}]});
        let s = LabelSelector::from_label_selector_object(&sel);
        assert!(s.matches(&obj(json!({"app": "twister2", "t2-job": "j1"}))));
        assert!(!s.matches(&obj(json!({"app": "twister2"}))));
        assert_eq!(s.to_query(), "app=twister2,t2-job in (j1)");
    }

    #[test]
    fn field_selectors() {
        let o = obj(json!({}));
        let pods = Res::pods();
        let m = |s: &str| FieldSelector::parse(s, pods).unwrap().matches(&o);
        assert!(m("metadata.name=n"));
        assert!(!m("metadata.name!=n"));
        assert!(m("metadata.namespace==ns,status.phase=Running"));
        assert!(m("spec.nodeName=node-1"));
        assert!(!m("status.phase=Pending"));
        let err = FieldSelector::parse("spec.foo=1", pods).unwrap_err();
        assert_eq!(err.code, 400);
        assert!(FieldSelector::parse("status.phase=Running", Res::services()).is_err());
    }
}
