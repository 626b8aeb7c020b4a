//! Object name validation (DNS-1123 subdomain/label, DNS-1035 label, path segment) with the real messages.

use serde_json::json;

use crate::resources::NameRule;
use crate::status::FieldError;

const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL1123_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL1035_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

fn is_label_1123(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn is_subdomain(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(is_label_1123)
}

fn is_label_1035(s: &str) -> bool {
    is_label_1123(s) && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
}

/// Validate `metadata.name` for a rule; returns the field errors (empty when valid).
pub fn validate_name(name: &str, rule: NameRule) -> Vec<FieldError> {
    let field = "metadata.name";
    let mut errs = Vec::new();
    match rule {
        NameRule::Subdomain => {
            if name.len() > 253 {
                errs.push(FieldError::invalid(
                    field,
                    json!(name),
                    "must be no more than 253 characters",
                ));
            }
            if !is_subdomain(name) {
                errs.push(FieldError::invalid(field, json!(name), SUBDOMAIN_MSG));
            }
        }
        NameRule::Label1123 => {
            if name.len() > 63 {
                errs.push(FieldError::invalid(
                    field,
                    json!(name),
                    "must be no more than 63 characters",
                ));
            }
            if !is_label_1123(name) {
                errs.push(FieldError::invalid(field, json!(name), LABEL1123_MSG));
            }
        }
        NameRule::Label1035 => {
            if name.len() > 63 {
                errs.push(FieldError::invalid(
                    field,
                    json!(name),
                    "must be no more than 63 characters",
                ));
            }
            if !is_label_1035(name) {
                errs.push(FieldError::invalid(field, json!(name), LABEL1035_MSG));
            }
        }
        NameRule::PathSegment => {
            if name == "." || name == ".." {
                errs.push(FieldError::invalid(
                    field,
                    json!(name),
                    &format!("may not be '{name}'"),
                ));
            }
            for bad in ["/", "%"] {
                if name.contains(bad) {
                    errs.push(FieldError::invalid(
                        field,
                        json!(name),
                        &format!("may not contain '{bad}'"),
                    ));
                }
            }
        }
    }
    errs
}

/// Validate label keys and values in `metadata.labels`.
pub fn validate_labels(obj: &serde_json::Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(labels) = obj.pointer("/metadata/labels").and_then(|l| l.as_object()) else {
        return errs;
    };
    for (k, v) in labels {
        let Some(v) = v.as_str() else {
            errs.push(FieldError::invalid(
                &format!("metadata.labels.{k}"),
                v.clone(),
                "must be a string",
            ));
            continue;
        };
        let name = k.rsplit_once('/').map_or(k.as_str(), |(_, n)| n);
        let name_ok = !name.is_empty()
            && name.len() <= 63
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            && name.starts_with(|c: char| c.is_ascii_alphanumeric())
            && name.ends_with(|c: char| c.is_ascii_alphanumeric());
        if !name_ok {
            errs.push(FieldError::invalid(
                "metadata.labels",
                json!(k),
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ));
        }
        let value_ok = v.is_empty()
            || (v.len() <= 63
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
                && v.starts_with(|c: char| c.is_ascii_alphanumeric())
                && v.ends_with(|c: char| c.is_ascii_alphanumeric()));
        if !value_ok {
            errs.push(FieldError::invalid(
                "metadata.labels",
                json!(v),
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            ));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(validate_name("job-1.a", NameRule::Subdomain).is_empty());
        let e = validate_name("Bad_Name", NameRule::Subdomain);
        assert_eq!(e.len(), 1);
        assert!(e[0].to_string().starts_with(
            "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"
        ));
        assert!(!validate_name("1svc", NameRule::Label1035).is_empty());
        assert!(validate_name("svc-1", NameRule::Label1035).is_empty());
        assert!(!validate_name("a.b", NameRule::Label1123).is_empty());
        assert!(validate_name("system:admin", NameRule::PathSegment).is_empty());
        assert!(!validate_name("a/b", NameRule::PathSegment).is_empty());
        assert_eq!(validate_name(&"a".repeat(64), NameRule::Label1123).len(), 1);
    }

    #[test]
    fn labels() {
        let ok =
            serde_json::json!({"metadata": {"labels": {"app.kubernetes.io/name": "x", "a": ""}}});
        assert!(validate_labels(&ok).is_empty());
        let bad = serde_json::json!({"metadata": {"labels": {"a": "has space"}}});
        assert_eq!(validate_labels(&bad).len(), 1);
    }
}
