//! Shared helpers for the integration tests: a small JSON HTTP client for the fake server.
#![allow(dead_code)]

use fake_kube::FakeServer;
use serde_json::Value;

/// A JSON client speaking to the fake server with a bearer token.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub token: String,
    pub headers: Vec<(String, String)>,
}

/// A response: status, headers, JSON body (or `Value::String` of the text when not JSON).
pub struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Client {
    pub fn admin(server: &FakeServer) -> Client {
        Client::with_token(server, server.admin_token())
    }

    pub fn with_token(server: &FakeServer, token: &str) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: server.url(),
            token: token.to_string(),
            headers: Vec::new(),
        }
    }

    pub fn header(mut self, k: &str, v: &str) -> Client {
        self.headers.push((k.to_string(), v.to_string()));
        self
    }

    pub async fn send(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: Option<String>,
    ) -> Resp {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self
            .http
            .request(method, format!("{}{}", self.base, path))
            .bearer_auth(&self.token);
        for (k, v) in &self.headers {
            req = req.header(k, v);
        }
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        if let Some(b) = body {
            req = req.body(b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text.clone()));
        Resp {
            status,
            headers,
            body,
            text,
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send("GET", path, None, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Resp {
        self.send(
            "POST",
            path,
            Some("application/json"),
            Some(body.to_string()),
        )
        .await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Resp {
        self.send(
            "PUT",
            path,
            Some("application/json"),
            Some(body.to_string()),
        )
        .await
    }

    pub async fn patch(&self, path: &str, content_type: &str, body: &str) -> Resp {
        self.send("PATCH", path, Some(content_type), Some(body.to_string()))
            .await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.send("DELETE", path, None, None).await
    }

    /// Open a streaming GET and return the response for chunk reading.
    pub async fn stream(&self, path: &str) -> reqwest::Response {
        let mut req = self
            .http
            .get(format!("{}{}", self.base, path))
            .bearer_auth(&self.token);
        for (k, v) in &self.headers {
            req = req.header(k, v);
        }
        req.send().await.unwrap()
    }
}

/// Reads newline-delimited items from a streaming response.
pub struct Lines {
    resp: reqwest::Response,
    buf: Vec<u8>,
    pub ended_with_error: bool,
    pub ended: bool,
}

impl Lines {
    pub fn new(resp: reqwest::Response) -> Lines {
        Lines {
            resp,
            buf: Vec::new(),
            ended_with_error: false,
            ended: false,
        }
    }

    /// The next line (without `\n`), or None at the end of the stream / after `timeout`.
    pub async fn next(&mut self, timeout: std::time::Duration) -> Option<String> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(pos) = self.buf.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = self.buf.drain(..=pos).collect();
                return Some(String::from_utf8_lossy(&line[..line.len() - 1]).into_owned());
            }
            if self.ended {
                return None;
            }
            match tokio::time::timeout_at(deadline, self.resp.chunk()).await {
                Err(_) => return None,
                Ok(Ok(Some(c))) => self.buf.extend_from_slice(&c),
                Ok(Ok(None)) => {
                    self.ended = true;
                }
                Ok(Err(_)) => {
                    self.ended = true;
                    self.ended_with_error = true;
                }
            }
        }
    }

    /// The next line parsed as JSON.
    pub async fn next_json(&mut self, timeout: std::time::Duration) -> Option<Value> {
        let line = self.next(timeout).await?;
        serde_json::from_str(&line).ok()
    }

    /// Bytes received but not yet returned as a line.
    pub fn rest(&self) -> &[u8] {
        &self.buf
    }
}

pub fn cm(name: &str, data: Value) -> Value {
    serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data})
}

pub const SECS: std::time::Duration = std::time::Duration::from_secs(5);
