//! The error of the `cluster/` boundary: a failed API call as a [`ClusterError`] — its kind
//! (not found, conflict, forbidden, invalid, unreachable, timeout, …) for callers that react to
//! it, and one-line message a person can act on, rendered here and nowhere else: what failed,
//! why, and what to do. A Forbidden names the user, verb, resource and namespace (the server's
//! own message does) and points at `kubectl twister2 setup auth`; a connection error names the
//! server.

use std::error::Error as StdError;

use kube::config::KubeconfigError;

/// Where a request went, for messages.
#[derive(Debug, Clone)]
pub struct RequestScope<'a> {
    /// The API server URL.
    pub server: &'a str,
    /// The namespace the command works in.
    pub namespace: &'a str,
    /// The effective request timeout, if any.
    pub timeout: Option<std::time::Duration>,
    /// The kubeconfig's proxy (scheme, host and port only), if requests go through one.
    pub proxy: Option<&'a str>,
}

/// What kind of failure an API call met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// 404: the object (or its kind) does not exist.
    NotFound,
    /// 409 AlreadyExists: an object of that name exists.
    AlreadyExists,
    /// 409: someone else changed the object.
    Conflict,
    /// 403: the caller may not.
    Forbidden,
    /// 401: the credentials were rejected.
    Unauthorized,
    /// 422: the object was refused as invalid.
    Invalid,
    /// 429: the API server is overloaded.
    Overloaded,
    /// No connection (refused, DNS, TLS, proxy, dropped).
    Unreachable,
    /// No answer within `--request-timeout`.
    Timeout,
    /// Anything else the server or the client reported.
    Other,
}

/// A failed API call: what kind of failure, and its explanation for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{explanation}")]
pub struct ClusterError {
    /// The kind of failure.
    pub kind: ErrorKind,
    /// The message for people ([`explain`]).
    pub explanation: String,
}

impl ClusterError {
    /// The typed error of `error`, explained for requests to `scope`.
    pub fn new(error: &kube::Error, scope: &RequestScope<'_>) -> ClusterError {
        ClusterError {
            kind: classify(error),
            explanation: explain(error, scope),
        }
    }
}

/// The kind of a kube-rs error.
pub fn classify(error: &kube::Error) -> ErrorKind {
    match error {
        kube::Error::Api(status) => match (status.code, status.reason.as_str()) {
            (404, _) | (_, "NotFound") => ErrorKind::NotFound,
            (409, "AlreadyExists") | (_, "AlreadyExists") => ErrorKind::AlreadyExists,
            (409, _) => ErrorKind::Conflict,
            (403, _) | (_, "Forbidden") => ErrorKind::Forbidden,
            (401, _) | (_, "Unauthorized") => ErrorKind::Unauthorized,
            (422, _) | (_, "Invalid") => ErrorKind::Invalid,
            (429, _) => ErrorKind::Overloaded,
            (504, _) | (_, "Timeout") => ErrorKind::Timeout,
            _ => ErrorKind::Other,
        },
        kube::Error::Auth(_) => ErrorKind::Unauthorized,
        other => {
            let mut source: Option<&(dyn StdError + 'static)> = Some(other);
            while let Some(cause) = source {
                if cause.is::<tower::timeout::error::Elapsed>() {
                    return ErrorKind::Timeout;
                }
                if cause.is::<std::io::Error>() || cause.is::<hyper::Error>() {
                    return ErrorKind::Unreachable;
                }
                source = cause.source();
            }
            ErrorKind::Other
        }
    }
}

/// The kind of the first [`ClusterError`] in `error`'s chain, if there is one.
pub fn kind_of(error: &anyhow::Error) -> Option<ErrorKind> {
    error
        .chain()
        .find_map(|cause| cause.downcast_ref::<ClusterError>())
        .map(|e| e.kind)
}

/// A readable message for a kube-rs error.
pub fn explain(error: &kube::Error, scope: &RequestScope<'_>) -> String {
    match error {
        kube::Error::Api(status) => {
            explain_status(status.code, &status.reason, &status.message, scope)
        }
        kube::Error::Auth(auth) => format!(
            "cannot get credentials for the API server at {}: {auth}",
            scope.server
        ),
        kube::Error::UpgradeConnection(e) => {
            format!("the API server at {} refused the stream: {e}", scope.server)
        }
        other => explain_transport(other, scope),
    }
}

/// A readable message for a `Status` answer from the API server.
pub fn explain_status(code: u16, reason: &str, message: &str, scope: &RequestScope<'_>) -> String {
    match (code, reason) {
        (403, _) | (_, "Forbidden") => {
            let user = quoted_after(message, "User \"").unwrap_or("you");
            format!(
                "Forbidden: {message}\n  hint: a cluster admin can grant the rights this plugin needs with \
`kubectl twister2 setup auth --submitter {user} -n {}`",
                scope.namespace
            )
        }
        (401, _) | (_, "Unauthorized") => format!(
            "Unauthorized: the API server at {} rejected the credentials in your kubeconfig; \
log in again or refresh the token",
            scope.server
        ),
        (404, _) | (_, "NotFound") => format!("NotFound: {message}"),
        (409, "AlreadyExists") => format!("AlreadyExists: {message}"),
        (409, _) => format!("Conflict: {message} (someone else changed it; try again)"),
        (422, _) => format!("Invalid: {message}"),
        (429, _) => format!(
            "the API server at {} is overloaded (429): {message}",
            scope.server
        ),
        _ => {
            let reason = if reason.is_empty() { "Error" } else { reason };
            format!(
                "{reason} ({code}) from the API server at {}: {message}",
                scope.server
            )
        }
    }
}

fn explain_transport(error: &kube::Error, scope: &RequestScope<'_>) -> String {
    let mut source: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(cause) = source {
        if cause.is::<tower::timeout::error::Elapsed>() {
            let limit = scope
                .timeout
                .map(|t| format!(" within {}", human_duration(t)))
                .unwrap_or_default();
            return format!(
                "the API server at {} did not answer{limit} (--request-timeout)",
                scope.server
            );
        }
        let text = cause.to_string();
        if let Some(proxy) = scope.proxy
            && let Some(detail) = text
                .strip_prefix("tunnel error: ")
                .or_else(|| text.strip_prefix("SOCKS error: "))
        {
            // The connection to the proxy itself failed (hyper-util's wording for both kinds).
            let detail = detail.replace(
                "failed to create underlying connection",
                "cannot connect to the proxy",
            );
            let innermost = innermost_text(cause);
            let below = if innermost == text {
                String::new()
            } else {
                format!(" ({innermost})")
            };
            return format!(
                "cannot reach the API server at {} through the proxy {proxy}: {detail}{below}; \
check proxy-url (and the user and password in it) in your kubeconfig",
                scope.server
            );
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            let why = match io.kind() {
                ConnectionRefused => "the connection was refused",
                TimedOut => "the connection timed out",
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof => {
                    "the connection was dropped"
                }
                NotFound => "the host name could not be resolved",
                _ => "",
            };
            if !why.is_empty() {
                let through = scope
                    .proxy
                    .map(|p| format!(" through the proxy {p}"))
                    .unwrap_or_default();
                return format!(
                    "cannot reach the API server at {}{through}: {why}; is the cluster running, \
and are the kubeconfig and --context right?",
                    scope.server
                );
            }
        }
        if text.contains("certificate") || text.contains("InvalidCertificate") {
            return format!(
                "cannot verify the TLS certificate of the API server at {}: {text}; fix the \
certificate-authority in your kubeconfig (or, insecurely, pass --insecure-skip-tls-verify)",
                scope.server
            );
        }
        if text.contains("dns error") || text.contains("failed to lookup") {
            return format!(
                "cannot reach the API server at {}: the host name could not be resolved",
                scope.server
            );
        }
        source = cause.source();
    }
    format!(
        "request to the API server at {} failed: {}",
        scope.server,
        chain_text(error)
    )
}

/// The text of the last error in `error`'s source chain.
fn innermost_text(error: &(dyn StdError + 'static)) -> String {
    let mut last = error;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

/// A readable message for a kubeconfig problem.
pub fn kubeconfig_error_text(error: &KubeconfigError) -> String {
    match error {
        KubeconfigError::CurrentContextNotSet => {
            "no current-context is set; pass --context NAME".to_string()
        }
        KubeconfigError::LoadContext(name) => format!("context \"{name}\" is not defined"),
        KubeconfigError::LoadClusterOfContext(name) => {
            format!("cluster \"{name}\" is not defined")
        }
        KubeconfigError::MissingClusterUrl => "the cluster has no server URL".to_string(),
        other => chain_text(other),
    }
}

/// An error and its sources joined with ": ", without repeating identical parts.
pub fn chain_text(error: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

/// `5s`, `2m30s`, `1h`: for messages.
pub fn human_duration(duration: std::time::Duration) -> String {
    let total = duration.as_secs();
    if total == 0 {
        return format!("{}ms", duration.as_millis());
    }
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

fn quoted_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let start = text.find(marker)? + marker.len();
    let end = text[start..].find('"')? + start;
    Some(&text[start..end])
}

#[cfg(test)]
mod tests {
    #[test]
    fn api_errors_keep_their_kind_and_their_explanation() {
        let scope = super::RequestScope {
            server: "https://k:6443",
            namespace: "jobs",
            timeout: None,
            proxy: None,
        };
        let status = |code: u16, reason: &str| {
            kube::Error::Api(Box::new(
                kube::core::Status::failure(&format!("{reason} message"), reason).with_code(code),
            ))
        };
        let e = super::ClusterError::new(&status(404, "NotFound"), &scope);
        assert_eq!(e.kind, super::ErrorKind::NotFound);
        assert_eq!(e.to_string(), "NotFound: NotFound message");
        let wrapped =
            anyhow::Error::new(super::ClusterError::new(&status(403, "Forbidden"), &scope))
                .context("cannot create service/x");
        assert_eq!(super::kind_of(&wrapped), Some(super::ErrorKind::Forbidden));
        assert!(
            super::chain_text(wrapped.as_ref()).starts_with("cannot create service/x: Forbidden")
        );
        assert_eq!(
            super::classify(&status(409, "AlreadyExists")),
            super::ErrorKind::AlreadyExists
        );
        assert_eq!(
            super::classify(&status(409, "Conflict")),
            super::ErrorKind::Conflict
        );
        assert_eq!(
            super::classify(&status(422, "Invalid")),
            super::ErrorKind::Invalid
        );
        assert_eq!(super::kind_of(&anyhow::anyhow!("plain")), None);
    }

    use super::*;
    use anyhow::Context;

    fn scope() -> RequestScope<'static> {
        RequestScope {
            server: "https://127.0.0.1:6443",
            namespace: "jobs",
            timeout: None,
            proxy: None,
        }
    }

    #[test]
    fn forbidden_names_user_and_points_at_setup_auth() {
        let text = explain_status(
            403,
            "Forbidden",
            "pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"jobs\"",
            &scope(),
        );
        assert!(text.starts_with("Forbidden: pods is forbidden: User \"alice\" cannot list"));
        assert!(text.contains("kubectl twister2 setup auth --submitter alice -n jobs"));
    }

    #[test]
    fn not_found_keeps_server_message() {
        let text = explain_status(404, "NotFound", "configmaps \"j\" not found", &scope());
        assert_eq!(text, "NotFound: configmaps \"j\" not found");
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(std::time::Duration::from_secs(2)), "2s");
        assert_eq!(human_duration(std::time::Duration::from_secs(150)), "2m30s");
        assert_eq!(
            human_duration(std::time::Duration::from_millis(300)),
            "300ms"
        );
    }

    #[derive(Debug, thiserror::Error)]
    #[error("cannot read key file /k: {source}")]
    struct QuotesItsSource {
        source: std::io::Error,
    }

    #[test]
    fn a_cause_already_quoted_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let error = anyhow::Error::new(QuotesItsSource { source: io });
        assert_eq!(
            format!("{error:#}"),
            "cannot read key file /k: no such file: no such file"
        );
        assert_eq!(
            chain_text(error.as_ref()),
            "cannot read key file /k: no such file"
        );
        let wrapped = error.context("setup openmpi-secret");
        assert_eq!(
            chain_text(wrapped.as_ref()),
            "setup openmpi-secret: cannot read key file /k: no such file"
        );
        let plain = Err::<(), _>(anyhow::anyhow!("inner"))
            .context("outer")
            .unwrap_err();
        assert_eq!(chain_text(plain.as_ref()), "outer: inner");
    }
}
