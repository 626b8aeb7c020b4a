//! Retrying API requests that failed for a passing reason, as a tower layer around kube-rs's HTTP
//! stack: idempotent requests (GET, DELETE, server-side apply and JSON merge patches) after a 5xx
//! answer, a connection dropped before the answer or a `--request-timeout`; any request the server
//! refused to process (429, or 503 with `Retry-After`); any request that could not connect once
//! the server had answered before (a restarting API server). A create (POST) or a JSON patch is
//! never resent once the server may have processed it, so retries cannot duplicate a write. Delays
//! grow exponentially and honour `Retry-After` (capped).
//!
//! A connection that cannot be made (refused, TLS, DNS) is retried only once the server has
//! answered in this process, so a wrong address or a bad certificate fails at once, as with
//! kubectl; a request that outlived `--request-timeout` is retried at most twice, so a dead server
//! costs three timeouts, not six.

use std::error::Error as StdError;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use futures::future::BoxFuture;
use http::{HeaderMap, Method, Request, Response, StatusCode};
use kube::client::Body;
use tokio::sync::Mutex;
use tower::{BoxError, Layer, Service, ServiceExt};

/// How often and how long to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Delay before the first retry; each later one doubles, up to `max_delay`.
    pub first_delay: Duration,
    /// Longest backoff delay.
    pub max_delay: Duration,
    /// Longest wait a `Retry-After` header can ask for.
    pub max_retry_after: Duration,
    /// Retries of a request that outlived `--request-timeout`.
    pub max_timeout_retries: u32,
}

impl Default for RetryPolicy {
    /// 5 retries: 100 ms, 200 ms, 400 ms, 800 ms, 1.6 s (3.1 s in all), `Retry-After` up to 10 s;
    /// 2 retries after a timeout.
    fn default() -> Self {
        Self {
            max_retries: 5,
            first_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(10),
            max_timeout_retries: 2,
        }
    }
}

impl RetryPolicy {
    /// The backoff before retry number `retry` (1-based).
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.first_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// What one attempt came to, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An HTTP answer, with its `Retry-After` seconds if any.
    Answer(StatusCode, Option<u64>),
    /// No connection could be made (refused, TLS handshake, DNS): nothing was sent.
    Unreached,
    /// `--request-timeout` elapsed before an answer.
    TimedOut,
    /// The request was sent, but the connection broke before the answer.
    Dropped,
}

/// The kind of request, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestKind {
    /// Sending it twice has the effect of sending it once: GET, HEAD, DELETE, and PATCH as a
    /// server-side apply or a JSON merge patch; never a connection upgrade (exec, port-forward).
    pub idempotent: bool,
}

/// Patch types whose second application changes nothing.
const IDEMPOTENT_PATCHES: [&str; 2] = [
    "application/apply-patch+yaml",
    "application/merge-patch+json",
];

impl RequestKind {
    /// Classify a request by method and headers.
    pub fn of(method: &Method, headers: &HeaderMap) -> Self {
        let upgrade = headers.contains_key(http::header::UPGRADE);
        let content_type = headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let idempotent = match *method {
            Method::GET | Method::HEAD | Method::DELETE => true,
            Method::PATCH => IDEMPOTENT_PATCHES
                .iter()
                .any(|t| content_type.starts_with(t)),
            _ => false,
        };
        Self {
            idempotent: idempotent && !upgrade,
        }
    }
}

/// Whether to retry after `outcome`; `answered_before` says whether the server has answered any
/// request of this process (so a transport failure is likely passing), `retries` how many retries
/// were made already.
pub fn should_retry(
    policy: &RetryPolicy,
    kind: RequestKind,
    outcome: Outcome,
    answered_before: bool,
    retries: u32,
) -> bool {
    if retries >= policy.max_retries {
        return false;
    }
    match outcome {
        Outcome::Answer(StatusCode::TOO_MANY_REQUESTS, _) => true,
        Outcome::Answer(StatusCode::SERVICE_UNAVAILABLE, Some(_)) => true,
        Outcome::Answer(status, _) => {
            kind.idempotent
                && matches!(
                    status,
                    StatusCode::INTERNAL_SERVER_ERROR
                        | StatusCode::BAD_GATEWAY
                        | StatusCode::SERVICE_UNAVAILABLE
                        | StatusCode::GATEWAY_TIMEOUT
                )
        }
        Outcome::Unreached => answered_before,
        Outcome::Dropped => kind.idempotent,
        Outcome::TimedOut => kind.idempotent && retries < policy.max_timeout_retries,
    }
}

/// The delay before retry number `retry` (1-based) after `outcome`.
pub fn delay(policy: &RetryPolicy, outcome: Outcome, retry: u32) -> Duration {
    let backoff = policy.backoff(retry);
    match outcome {
        Outcome::Answer(_, Some(seconds)) => Duration::from_secs(seconds)
            .min(policy.max_retry_after)
            .max(backoff),
        _ => backoff,
    }
}

/// What hyper-util's client error says when the connection could not be made.
const CONNECT_ERROR: &str = "client error (Connect)";

/// Classify a transport error by walking its sources.
pub fn classify_error(error: &(dyn StdError + 'static)) -> Outcome {
    let mut source: Option<&(dyn StdError + 'static)> = Some(error);
    let mut outcome = Outcome::Dropped;
    while let Some(cause) = source {
        if cause.is::<tower::timeout::error::Elapsed>() {
            return Outcome::TimedOut;
        }
        let refused = cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused);
        if refused || cause.to_string().starts_with(CONNECT_ERROR) {
            outcome = Outcome::Unreached;
        }
        source = cause.source();
    }
    outcome
}

fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// A copy of a request whose body is in memory (every request kube-rs sends is).
fn copy_request(request: &Request<Body>) -> Option<Request<Body>> {
    let body = request.body().try_clone()?;
    let mut copy = Request::new(body);
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    *copy.extensions_mut() = request.extensions().clone();
    Some(copy)
}

/// The layer; see the module documentation.
#[derive(Debug, Clone)]
pub struct RetryLayer {
    policy: RetryPolicy,
    verbose: bool,
}

impl RetryLayer {
    /// Retry with `policy`; `verbose` (`-v`) reports each retry on stderr.
    pub fn new(policy: RetryPolicy, verbose: bool) -> Self {
        Self { policy, verbose }
    }
}

impl<S> Layer<S> for RetryLayer {
    type Service = Retry<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Retry {
            inner: Arc::new(Mutex::new(inner)),
            policy: self.policy,
            verbose: self.verbose,
            answered: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// The service made by [`RetryLayer`].
pub struct Retry<S> {
    inner: Arc<Mutex<S>>,
    policy: RetryPolicy,
    verbose: bool,
    answered: Arc<AtomicBool>,
}

impl<S> Clone for Retry<S> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            policy: self.policy,
            verbose: self.verbose,
            answered: self.answered.clone(),
        }
    }
}

impl<S, B> Service<Request<Body>> for Retry<S>
where
    S: Service<Request<Body>, Response = Response<B>> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: Send + 'static,
{
    type Response = Response<B>;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<Response<B>, BoxError>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        // Readiness of the inner service is awaited per attempt, under the lock.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move {
            let kind = RequestKind::of(request.method(), request.headers());
            let mut request = request;
            let mut retry = 0;
            loop {
                let spare = (retry < this.policy.max_retries)
                    .then(|| copy_request(&request))
                    .flatten();
                let line = this
                    .verbose
                    .then(|| format!("{} {}", request.method(), request.uri()));
                let pending = {
                    let mut inner = this.inner.lock().await;
                    inner.ready().await.map_err(Into::into)?;
                    inner.call(request)
                };
                let result = pending.await.map_err(Into::into);
                let outcome = match &result {
                    Ok(response) => {
                        Outcome::Answer(response.status(), retry_after(response.headers()))
                    }
                    Err(error) => classify_error(error.as_ref()),
                };
                let answered_before = this.answered.load(Ordering::Relaxed);
                if result.is_ok() {
                    this.answered.store(true, Ordering::Relaxed);
                }
                let Some(next) = spare
                    .filter(|_| should_retry(&this.policy, kind, outcome, answered_before, retry))
                else {
                    return result;
                };
                retry += 1;
                let wait = delay(&this.policy, outcome, retry);
                if let Some(line) = line {
                    eprintln!(
                        "{line}: {} ; retry {retry} of {} in {} ms",
                        describe(outcome),
                        this.policy.max_retries,
                        wait.as_millis()
                    );
                }
                drop(result);
                tokio::time::sleep(wait).await;
                request = next;
            }
        })
    }
}

fn describe(outcome: Outcome) -> String {
    match outcome {
        Outcome::Answer(status, Some(seconds)) => format!("{status} (Retry-After: {seconds})"),
        Outcome::Answer(status, None) => status.to_string(),
        Outcome::Unreached => "cannot connect".to_string(),
        Outcome::TimedOut => "no answer within --request-timeout".to_string(),
        Outcome::Dropped => "connection dropped before the answer".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const READ: RequestKind = RequestKind { idempotent: true };
    const WRITE: RequestKind = RequestKind { idempotent: false };

    /// [`should_retry`] with the default policy before the first retry.
    fn retry(kind: RequestKind, outcome: Outcome, answered_before: bool) -> bool {
        should_retry(&RetryPolicy::default(), kind, outcome, answered_before, 0)
    }

    #[test]
    fn reads_are_retried_after_server_errors_writes_are_not() {
        for code in [500, 502, 503, 504] {
            let status = StatusCode::from_u16(code).unwrap();
            assert!(retry(READ, Outcome::Answer(status, None), false));
            assert!(!retry(WRITE, Outcome::Answer(status, None), true));
        }
        for code in [400, 401, 403, 404, 409, 410, 422] {
            let status = StatusCode::from_u16(code).unwrap();
            assert!(!retry(READ, Outcome::Answer(status, None), true));
        }
    }

    #[test]
    fn requests_the_server_did_not_process_are_retried_whatever_the_method() {
        assert!(retry(
            WRITE,
            Outcome::Answer(StatusCode::TOO_MANY_REQUESTS, None),
            false
        ));
        assert!(retry(
            WRITE,
            Outcome::Answer(StatusCode::SERVICE_UNAVAILABLE, Some(1)),
            false
        ));
        assert!(retry(WRITE, Outcome::Unreached, true));
    }

    #[test]
    fn a_failed_connection_is_retried_only_after_the_server_answered_once() {
        assert!(!retry(READ, Outcome::Unreached, false));
        assert!(retry(READ, Outcome::Unreached, true));
        assert!(retry(WRITE, Outcome::Unreached, true));
    }

    #[test]
    fn a_dropped_connection_is_retried_for_idempotent_requests_only() {
        assert!(retry(READ, Outcome::Dropped, false));
        assert!(!retry(WRITE, Outcome::Dropped, true));
    }

    #[test]
    fn timeouts_of_idempotent_requests_are_retried_twice() {
        let policy = RetryPolicy::default();
        let timed_out =
            |kind, retries| should_retry(&policy, kind, Outcome::TimedOut, false, retries);
        assert!(timed_out(READ, 0));
        assert!(timed_out(READ, 1));
        assert!(!timed_out(READ, 2));
        assert!(!timed_out(WRITE, 0));
    }

    #[test]
    fn no_retry_past_the_limit() {
        let policy = RetryPolicy::default();
        let busy = Outcome::Answer(StatusCode::TOO_MANY_REQUESTS, None);
        assert!(should_retry(&policy, WRITE, busy, true, 4));
        assert!(!should_retry(&policy, WRITE, busy, true, 5));
    }

    #[test]
    fn idempotent_requests_are_reads_deletes_applies_and_merge_patches_never_upgrades() {
        let mut headers = HeaderMap::new();
        let kind =
            |method: Method, headers: &HeaderMap| RequestKind::of(&method, headers).idempotent;
        assert!(kind(Method::GET, &headers));
        assert!(kind(Method::DELETE, &headers));
        assert!(!kind(Method::POST, &headers));
        assert!(!kind(Method::PUT, &headers));
        assert!(!kind(Method::PATCH, &headers));
        for (content_type, idempotent) in [
            ("application/apply-patch+yaml", true),
            ("application/merge-patch+json", true),
            ("application/json-patch+json", false),
            ("application/strategic-merge-patch+json", false),
        ] {
            headers.insert(http::header::CONTENT_TYPE, content_type.parse().unwrap());
            assert_eq!(kind(Method::PATCH, &headers), idempotent, "{content_type}");
        }
        headers.insert(http::header::UPGRADE, "websocket".parse().unwrap());
        assert!(!kind(Method::GET, &headers));
    }

    #[test]
    fn delays_double_up_to_a_limit_and_honour_retry_after() {
        let policy = RetryPolicy::default();
        let delays: Vec<u128> = (1..=6).map(|r| policy.backoff(r).as_millis()).collect();
        assert_eq!(delays, [100, 200, 400, 800, 1600, 2000]);
        let busy = Outcome::Answer(StatusCode::TOO_MANY_REQUESTS, Some(2));
        assert_eq!(delay(&policy, busy, 1), Duration::from_secs(2));
        let greedy = Outcome::Answer(StatusCode::TOO_MANY_REQUESTS, Some(3600));
        assert_eq!(delay(&policy, greedy, 1), policy.max_retry_after);
        assert_eq!(policy.backoff(u32::MAX), policy.max_delay);
    }

    #[test]
    fn errors_are_classified_through_their_sources() {
        #[derive(Debug)]
        struct Wrapper(&'static str, std::io::Error);
        impl std::fmt::Display for Wrapper {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.0)
            }
        }
        impl StdError for Wrapper {
            fn source(&self) -> Option<&(dyn StdError + 'static)> {
                Some(&self.1)
            }
        }
        let io = |kind: std::io::ErrorKind| std::io::Error::from(kind);
        let refused = Wrapper(CONNECT_ERROR, io(std::io::ErrorKind::ConnectionRefused));
        assert_eq!(classify_error(&refused), Outcome::Unreached);
        let tls = Wrapper(CONNECT_ERROR, io(std::io::ErrorKind::InvalidData));
        assert_eq!(classify_error(&tls), Outcome::Unreached);
        let cut = Wrapper(
            "client error (SendRequest)",
            io(std::io::ErrorKind::ConnectionReset),
        );
        assert_eq!(classify_error(&cut), Outcome::Dropped);
        let elapsed = tower::timeout::error::Elapsed::new();
        assert_eq!(classify_error(&elapsed), Outcome::TimedOut);
    }

    #[test]
    fn request_copies_keep_method_uri_headers_and_body() {
        let request = Request::builder()
            .method(Method::POST)
            .uri("http://127.0.0.1/api/v1/namespaces/a/pods")
            .header("content-type", "application/json")
            .body(Body::from(b"{}".to_vec()))
            .unwrap();
        let copy = copy_request(&request).unwrap();
        assert_eq!(copy.method(), Method::POST);
        assert_eq!(copy.uri(), request.uri());
        assert_eq!(copy.headers(), request.headers());
    }
}
