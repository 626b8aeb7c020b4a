//! Tower layers wrapped around kube-rs's HTTP stack: `--request-timeout` for each request, and the
//! `-v` request log (method, URL, status, latency) on stderr. The log layer sits outside kube's
//! auth layer, so it never sees credentials; headers are printed only at `-v=8`, with any
//! credential-bearing header redacted.

use std::fmt::Write as _;
use std::task::{Context, Poll};
use std::time::Instant;

use futures::future::BoxFuture;
use http::{HeaderMap, Request, Response};
use tower::{Layer, Service};

/// Headers whose values are never printed.
const SECRET_HEADERS: [&str; 4] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "x-api-key",
];

/// `-v` request logging.
#[derive(Debug, Clone)]
pub struct RequestLogLayer {
    server: String,
    level: u8,
}

impl RequestLogLayer {
    /// Log requests to `server` at verbosity `level` (6 = request lines, 8 = also headers).
    pub fn new(server: &str, level: u8) -> Self {
        Self {
            server: server.trim_end_matches('/').to_string(),
            level,
        }
    }
}

impl<S> Layer<S> for RequestLogLayer {
    type Service = RequestLog<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RequestLog {
            inner,
            server: self.server.clone(),
            level: self.level,
        }
    }
}

/// The service made by [`RequestLogLayer`].
#[derive(Debug, Clone)]
pub struct RequestLog<S> {
    inner: S,
    server: String,
    level: u8,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for RequestLog<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Future: Send + 'static,
    S::Error: std::fmt::Display,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let line = format!(
            "{} {}{}",
            request.method(),
            self.server,
            request
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/")
        );
        if self.level >= 8 {
            eprintln!("{line}\n{}", render_headers(request.headers()));
        }
        let started = Instant::now();
        let future = self.inner.call(request);
        Box::pin(async move {
            let result = future.await;
            let millis = started.elapsed().as_millis();
            match &result {
                Ok(response) => eprintln!("{line} {} in {millis} ms", response.status()),
                Err(error) => eprintln!("{line} failed in {millis} ms: {error}"),
            }
            result
        })
    }
}

/// Headers as `  Name: value` lines, credentials redacted.
pub fn render_headers(headers: &HeaderMap) -> String {
    let mut out = String::new();
    for (name, value) in headers {
        let shown = if SECRET_HEADERS.contains(&name.as_str()) {
            "<redacted>"
        } else {
            value.to_str().unwrap_or("<binary>")
        };
        let _ = writeln!(out, "  {name}: {shown}");
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_redacted() {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", "Bearer s3cret".parse().unwrap());
        headers.insert("impersonate-user", "alice".parse().unwrap());
        let text = render_headers(&headers);
        assert!(!text.contains("s3cret"), "{text}");
        assert!(text.contains("authorization: <redacted>"), "{text}");
        assert!(text.contains("impersonate-user: alice"), "{text}");
    }
}
