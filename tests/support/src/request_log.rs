//! The request log: one record per request (who, what, status, timing), counts and round-trip "waves".

use std::time::Instant;

/// One served request.
#[derive(Debug, Clone)]
pub struct RequestRecord {
    /// Sequence number (order of arrival).
    pub id: u64,
    /// HTTP method.
    pub method: String,
    /// Path.
    pub path: String,
    /// Raw query string ("" when none).
    pub query: String,
    /// Kubernetes verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`),
    /// or the lower-case method for non-resource paths.
    pub verb: String,
    /// API group ("" for core).
    pub group: String,
    /// Resource plural ("" for non-resource paths).
    pub resource: String,
    /// Subresource ("" for none).
    pub subresource: String,
    /// Namespace ("" for none).
    pub namespace: String,
    /// Object name ("" for none).
    pub name: String,
    /// Authenticated user (before impersonation).
    pub user: String,
    /// `Impersonate-User` header.
    pub impersonated_user: Option<String>,
    /// `Impersonate-Group` headers.
    pub impersonated_groups: Vec<String>,
    /// `User-Agent` header.
    pub user_agent: String,
    /// `Content-Type` header.
    pub content_type: String,
    /// Request body.
    pub body: Vec<u8>,
    /// Response status (0 while in flight).
    pub status: u16,
    /// When the request arrived.
    pub start: Instant,
    /// When the response head was sent (streams keep running after this).
    pub end: Option<Instant>,
    /// When a streaming response (watch, follow, exec) ended.
    pub stream_end: Option<Instant>,
    /// Bytes received on stdin by an exec.
    pub stdin: Option<Vec<u8>>,
    /// The argv of an exec.
    pub command: Vec<String>,
}

impl RequestRecord {
    /// A fresh record for a request starting now.
    pub fn new(method: &str, path: &str, query: &str) -> Self {
        RequestRecord {
            id: 0,
            method: method.into(),
            path: path.into(),
            query: query.into(),
            verb: String::new(),
            group: String::new(),
            resource: String::new(),
            subresource: String::new(),
            namespace: String::new(),
            name: String::new(),
            user: String::new(),
            impersonated_user: None,
            impersonated_groups: Vec::new(),
            user_agent: String::new(),
            content_type: String::new(),
            body: Vec::new(),
            status: 0,
            start: Instant::now(),
            end: None,
            stream_end: None,
            stdin: None,
            command: Vec::new(),
        }
    }

    /// Whether this is a request on a resource (not discovery, /version, ...).
    pub fn is_resource_request(&self) -> bool {
        !self.resource.is_empty()
    }

    /// The value of a query parameter.
    pub fn query_param(&self, key: &str) -> Option<String> {
        crate::router::query_pairs(&self.query)
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

/// All records, in arrival order.
#[derive(Debug, Default)]
pub struct RequestLog {
    records: Vec<RequestRecord>,
    next_id: u64,
}

impl RequestLog {
    /// Add a record; returns its id.
    pub fn push(&mut self, mut rec: RequestRecord) -> u64 {
        self.next_id += 1;
        rec.id = self.next_id;
        self.records.push(rec);
        self.next_id
    }

    /// Mutate a record by id (ignored if the log was cleared meanwhile).
    pub fn update(&mut self, id: u64, f: impl FnOnce(&mut RequestRecord)) {
        if let Some(r) = self.records.iter_mut().rev().find(|r| r.id == id) {
            f(r);
        }
    }

    /// Every record.
    pub fn all(&self) -> Vec<RequestRecord> {
        self.records.clone()
    }

    /// Iterate without copying.
    pub fn iter(&self) -> impl Iterator<Item = &RequestRecord> {
        self.records.iter()
    }

    /// Forget every record.
    pub fn clear(&mut self) {
        self.records.clear();
    }
}

/// The number of sequential rounds needed to serve `records`: the largest set of requests each of
/// which started after the previous one's response (a chain of dependent round trips).
pub fn waves(records: &[&RequestRecord]) -> usize {
    let mut spans: Vec<(Instant, Instant)> = records
        .iter()
        .map(|r| (r.start, r.end.unwrap_or(r.start)))
        .collect();
    spans.sort_by_key(|(_, end)| *end);
    let mut count = 0;
    let mut last_end: Option<Instant> = None;
    for (start, end) in spans {
        if last_end.is_none_or(|le| start >= le) {
            count += 1;
            last_end = Some(end);
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn waves_count_sequential_rounds() {
        let t0 = Instant::now();
        let mk = |s: u64, e: u64| {
            let mut r = RequestRecord::new("GET", "/", "");
            r.start = t0 + Duration::from_millis(s);
            r.end = Some(t0 + Duration::from_millis(e));
            r
        };
        // Two parallel requests, then one after both, then two parallel again.
        let recs = [mk(0, 10), mk(1, 11), mk(12, 20), mk(21, 30), mk(21, 31)];
        let refs: Vec<&RequestRecord> = recs.iter().collect();
        assert_eq!(waves(&refs), 3);
        assert_eq!(waves(&[]), 0);
    }
}
