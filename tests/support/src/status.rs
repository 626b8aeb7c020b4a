//! `kind: Status` error bodies and the `ApiError` type every handler returns, with the real server's texts.

use serde_json::{Value, json};

/// An error answered as a `kind: Status` body, as kube-apiserver does.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status code (also `code` in the body).
    pub code: u16,
    /// `reason` (e.g. `NotFound`); empty for none.
    pub reason: String,
    /// Human-readable `message`.
    pub message: String,
    /// `details` object, or `Value::Null` for none.
    pub details: Value,
    /// Value for a `Retry-After` header (seconds), if any.
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// A bare error with code, reason and message.
    pub fn new(code: u16, reason: &str, message: impl Into<String>) -> Self {
        ApiError {
            code,
            reason: reason.to_string(),
            message: message.into(),
            details: Value::Null,
            retry_after: None,
        }
    }

    /// Attach `details: {name, group, kind}` (kind is the resource plural, as the server does).
    pub fn with_details(mut self, name: &str, group: &str, kind: &str) -> Self {
        let mut d = serde_json::Map::new();
        if !name.is_empty() {
            d.insert("name".into(), json!(name));
        }
        if !group.is_empty() {
            d.insert("group".into(), json!(group));
        }
        if !kind.is_empty() {
            d.insert("kind".into(), json!(kind));
        }
        self.details = Value::Object(d);
        self
    }

    /// 404 `<plural> "<name>" not found`.
    pub fn not_found(group: &str, plural: &str, name: &str) -> Self {
        ApiError::new(
            404,
            "NotFound",
            format!("{} \"{name}\" not found", qualified(group, plural)),
        )
        .with_details(name, group, plural)
    }

    /// 409 `<plural> "<name>" already exists`.
    pub fn already_exists(group: &str, plural: &str, name: &str) -> Self {
        ApiError::new(
            409,
            "AlreadyExists",
            format!("{} \"{name}\" already exists", qualified(group, plural)),
        )
        .with_details(name, group, plural)
    }

    /// 409 Conflict for a stale resourceVersion.
    pub fn conflict(group: &str, plural: &str, name: &str) -> Self {
        ApiError::new(
            409,
            "Conflict",
            format!(
                "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                qualified(group, plural)
            ),
        )
        .with_details(name, group, plural)
    }

    /// 409 Conflict with a custom message (preconditions, apply conflicts).
    pub fn conflict_msg(group: &str, plural: &str, name: &str, message: impl Into<String>) -> Self {
        ApiError::new(409, "Conflict", message).with_details(name, group, plural)
    }

    /// 403 Forbidden, formatted like the RBAC authorizer's denial.
    pub fn forbidden(
        user: &str,
        verb: &str,
        group: &str,
        plural: &str,
        subresource: &str,
        namespace: &str,
        name: &str,
    ) -> Self {
        let resource = if subresource.is_empty() {
            plural.to_string()
        } else {
            format!("{plural}/{subresource}")
        };
        let subject = if name.is_empty() {
            qualified(group, plural)
        } else {
            format!("{} \"{name}\"", qualified(group, plural))
        };
        let scope = if namespace.is_empty() {
            "at the cluster scope".to_string()
        } else {
            format!("in the namespace \"{namespace}\"")
        };
        ApiError::new(
            403,
            "Forbidden",
            format!(
                "{subject} is forbidden: User \"{user}\" cannot {verb} resource \"{resource}\" in API group \"{group}\" {scope}"
            ),
        )
        .with_details(name, group, plural)
    }

    /// 422 Invalid: `<Kind> "<name>" is invalid: <causes>`.
    pub fn invalid(kind: &str, group: &str, name: &str, causes: Vec<FieldError>) -> Self {
        let texts: Vec<String> = causes.iter().map(FieldError::to_string).collect();
        let joined = if texts.len() == 1 {
            texts[0].clone()
        } else {
            format!("[{}]", texts.join(", "))
        };
        let mut e = ApiError::new(
            422,
            "Invalid",
            format!("{kind} \"{name}\" is invalid: {joined}"),
        )
        .with_details(name, group, kind);
        if let Value::Object(d) = &mut e.details {
            let list: Vec<Value> = causes
                .iter()
                .map(|c| {
                    json!({"reason": c.kind.cause_type(), "message": c.detail_message(), "field": c.field})
                })
                .collect();
            d.insert("causes".into(), Value::Array(list));
        }
        e
    }

    /// 400 BadRequest.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(400, "BadRequest", message)
    }

    /// 405 MethodNotAllowed.
    pub fn method_not_allowed(group: &str, plural: &str) -> Self {
        ApiError::new(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource",
        )
        .with_details("", group, plural)
    }

    /// 404 for an unknown path or resource type.
    pub fn unknown_resource() -> Self {
        ApiError::new(
            404,
            "NotFound",
            "the server could not find the requested resource",
        )
        .with_details("", "", "")
    }

    /// 410 Expired for a too old resourceVersion.
    pub fn expired(requested: u64, oldest: u64) -> Self {
        ApiError::new(
            410,
            "Expired",
            format!("too old resource version: {requested} ({oldest})"),
        )
    }

    /// 500 InternalError.
    pub fn internal(message: impl Into<String>) -> Self {
        let m = message.into();
        ApiError::new(
            500,
            "InternalError",
            format!("Internal error occurred: {m}"),
        )
        .with_causes_message(&m)
    }

    fn with_causes_message(mut self, m: &str) -> Self {
        self.details = json!({"causes": [{"message": m}]});
        self
    }

    /// 401 Unauthorized.
    pub fn unauthorized() -> Self {
        ApiError::new(401, "Unauthorized", "Unauthorized")
    }

    /// An error for an arbitrary status code, with the reason and message the server uses.
    pub fn for_code(code: u16, message: Option<&str>) -> Self {
        let (reason, default_msg) = match code {
            400 => (
                "BadRequest",
                "the server rejected our request for an unknown reason",
            ),
            401 => ("Unauthorized", "Unauthorized"),
            403 => ("Forbidden", "forbidden"),
            404 => (
                "NotFound",
                "the server could not find the requested resource",
            ),
            405 => (
                "MethodNotAllowed",
                "the server does not allow this method on the requested resource",
            ),
            409 => (
                "Conflict",
                "the server reported a conflict (injected by the fake API server)",
            ),
            410 => ("Expired", "the resource version is too old"),
            422 => (
                "Invalid",
                "the server rejected our request due to an error in our request",
            ),
            429 => (
                "TooManyRequests",
                "Too many requests, please try again later.",
            ),
            500 => ("InternalError", "Internal error occurred: injected failure"),
            503 => (
                "ServiceUnavailable",
                "the server is currently unable to handle the request",
            ),
            504 => (
                "Timeout",
                "the server was unable to return a response in the time allotted",
            ),
            _ => ("", "injected failure"),
        };
        ApiError::new(code, reason, message.unwrap_or(default_msg))
    }

    /// The `kind: Status` body.
    pub fn to_status(&self) -> Value {
        let mut v = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "code": self.code,
        });
        if !self.reason.is_empty() {
            v["reason"] = json!(self.reason);
        }
        let mut details = self.details.clone();
        if let Some(secs) = self.retry_after {
            if !details.is_object() {
                details = json!({});
            }
            details["retryAfterSeconds"] = json!(secs);
        }
        if details.as_object().is_some_and(|d| !d.is_empty()) {
            v["details"] = details;
        }
        v
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.reason, self.message)
    }
}

impl std::error::Error for ApiError {}

/// A `Status` with `status: Success` (e.g. the answer to a delete).
pub fn success_status(name: &str, group: &str, plural: &str, uid: &str) -> Value {
    let mut details = json!({"name": name, "kind": plural, "uid": uid});
    if !group.is_empty() {
        details["group"] = json!(group);
    }
    json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": details})
}

/// `group` qualified resource name as the server prints it (`statefulsets.apps`).
pub fn qualified(group: &str, plural: &str) -> String {
    if group.is_empty() {
        plural.to_string()
    } else {
        format!("{plural}.{group}")
    }
}

/// The kinds of field error the validators produce.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldErrorKind {
    /// `Invalid value: <value>: <detail>`.
    Invalid(Value),
    /// `Required value: <detail>`.
    Required,
    /// `Forbidden: <detail>`.
    Forbidden,
    /// `Duplicate value: <value>`.
    Duplicate(Value),
    /// `Unsupported value: <value>: supported values: ...`.
    NotSupported(Value),
}

impl FieldErrorKind {
    fn cause_type(&self) -> &'static str {
        match self {
            FieldErrorKind::Invalid(_) => "FieldValueInvalid",
            FieldErrorKind::Required => "FieldValueRequired",
            FieldErrorKind::Forbidden => "FieldValueForbidden",
            FieldErrorKind::Duplicate(_) => "FieldValueDuplicate",
            FieldErrorKind::NotSupported(_) => "FieldValueNotSupported",
        }
    }
}

/// One validation failure (`field.ErrorList` item in the real server).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// Field path, e.g. `spec.ports[0].nodePort`.
    pub field: String,
    /// What kind of failure.
    pub kind: FieldErrorKind,
    /// Explanation.
    pub detail: String,
}

impl FieldError {
    /// `Invalid value` error.
    pub fn invalid(field: &str, value: Value, detail: &str) -> Self {
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::Invalid(value),
            detail: detail.into(),
        }
    }
    /// `Required value` error.
    pub fn required(field: &str, detail: &str) -> Self {
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::Required,
            detail: detail.into(),
        }
    }
    /// `Forbidden` error.
    pub fn forbidden(field: &str, detail: &str) -> Self {
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::Forbidden,
            detail: detail.into(),
        }
    }
    /// `Duplicate value` error.
    pub fn duplicate(field: &str, value: Value) -> Self {
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::Duplicate(value),
            detail: String::new(),
        }
    }
    /// `Unsupported value` error; `detail` lists the supported values.
    pub fn not_supported(field: &str, value: Value, supported: &[&str]) -> Self {
        let list: Vec<String> = supported.iter().map(|s| format!("\"{s}\"")).collect();
        FieldError {
            field: field.into(),
            kind: FieldErrorKind::NotSupported(value),
            detail: format!("supported values: {}", list.join(", ")),
        }
    }

    fn detail_message(&self) -> String {
        let text = self.to_string();
        match text.split_once(": ") {
            Some((_, rest)) => rest.to_string(),
            None => text,
        }
    }
}

fn go_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(go_value).collect();
            format!("[]string{{{}}}", inner.join(", "))
        }
        other => other.to_string(),
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            FieldErrorKind::Invalid(v) => {
                write!(f, "{}: Invalid value: {}", self.field, go_value(v))?;
                if !self.detail.is_empty() {
                    write!(f, ": {}", self.detail)?;
                }
                Ok(())
            }
            FieldErrorKind::Required => {
                write!(f, "{}: Required value", self.field)?;
                if !self.detail.is_empty() {
                    write!(f, ": {}", self.detail)?;
                }
                Ok(())
            }
            FieldErrorKind::Forbidden => write!(f, "{}: Forbidden: {}", self.field, self.detail),
            FieldErrorKind::Duplicate(v) => {
                write!(f, "{}: Duplicate value: {}", self.field, go_value(v))
            }
            FieldErrorKind::NotSupported(v) => write!(
                f,
                "{}: Unsupported value: {}: {}",
                self.field,
                go_value(v),
                self.detail
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_messages_match_the_rbac_authorizer() {
        let e = ApiError::forbidden("alice", "get", "", "pods", "", "ns", "p");
        assert_eq!(
            e.message,
            "pods \"p\" is forbidden: User \"alice\" cannot get resource \"pods\" in API group \"\" in the namespace \"ns\""
        );
        let e = ApiError::forbidden("alice", "list", "", "nodes", "", "", "");
        assert_eq!(
            e.message,
            "nodes is forbidden: User \"alice\" cannot list resource \"nodes\" in API group \"\" at the cluster scope"
        );
        let e = ApiError::forbidden("bob", "create", "", "pods", "exec", "ns", "p");
        assert!(e.message.contains("cannot create resource \"pods/exec\""));
        assert_eq!(
            e.to_status()["details"],
            json!({"name": "p", "kind": "pods"})
        );
    }

    #[test]
    fn invalid_message_lists_causes() {
        let e = ApiError::invalid(
            "Service",
            "",
            "x",
            vec![FieldError::invalid(
                "spec.ports[0].nodePort",
                json!(31000),
                "provided port is already allocated",
            )],
        );
        assert_eq!(
            e.message,
            "Service \"x\" is invalid: spec.ports[0].nodePort: Invalid value: 31000: provided port is already allocated"
        );
        let s = e.to_status();
        assert_eq!(s["code"], 422);
        assert_eq!(s["details"]["causes"][0]["field"], "spec.ports[0].nodePort");
        assert_eq!(s["details"]["causes"][0]["reason"], "FieldValueInvalid");
        assert_eq!(
            s["details"]["causes"][0]["message"],
            "Invalid value: 31000: provided port is already allocated"
        );
    }

    #[test]
    fn not_found_body() {
        let s = ApiError::not_found("apps", "statefulsets", "x").to_status();
        assert_eq!(s["message"], "statefulsets.apps \"x\" not found");
        assert_eq!(s["reason"], "NotFound");
        assert_eq!(s["status"], "Failure");
        assert_eq!(
            s["details"],
            json!({"name": "x", "group": "apps", "kind": "statefulsets"})
        );
    }
}
