//! Test hooks on requests: deny (403), fail the Nth matching request, add latency, drop a stream mid-way.

use std::time::Duration;

use crate::request_log::RequestRecord;

/// Which requests a hook applies to; every `None` field matches anything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Match {
    /// HTTP method (`GET`, `POST`, ...).
    pub method: Option<String>,
    /// Kubernetes verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`).
    pub verb: Option<String>,
    /// API group.
    pub group: Option<String>,
    /// Resource plural.
    pub resource: Option<String>,
    /// Subresource (`log`, `exec`, `status`, `scale`); `Some("")` = only the main resource.
    pub subresource: Option<String>,
    /// Namespace.
    pub namespace: Option<String>,
    /// Object name.
    pub name: Option<String>,
    /// Effective user (after impersonation).
    pub user: Option<String>,
}

impl Match {
    /// Matches every request.
    pub fn any() -> Self {
        Match::default()
    }

    /// Matches a verb.
    pub fn verb(verb: &str) -> Self {
        Match {
            verb: Some(verb.into()),
            ..Match::default()
        }
    }

    /// Matches a resource (`"pods"`, or `"pods/log"` to name a subresource).
    pub fn resource(resource: &str) -> Self {
        Match::default().on(resource)
    }

    /// Restrict to a resource (`"pods"` or `"pods/exec"`).
    pub fn on(mut self, resource: &str) -> Self {
        match resource.split_once('/') {
            Some((r, s)) => {
                self.resource = Some(r.into());
                self.subresource = Some(s.into());
            }
            None => self.resource = Some(resource.into()),
        }
        self
    }

    /// Restrict to a verb.
    pub fn with_verb(mut self, verb: &str) -> Self {
        self.verb = Some(verb.into());
        self
    }

    /// Restrict to an HTTP method.
    pub fn method(mut self, method: &str) -> Self {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// Restrict to a namespace.
    pub fn namespace(mut self, ns: &str) -> Self {
        self.namespace = Some(ns.into());
        self
    }

    /// Restrict to an object name.
    pub fn name(mut self, name: &str) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Restrict to a user.
    pub fn user(mut self, user: &str) -> Self {
        self.user = Some(user.into());
        self
    }

    /// Whether a request matches.
    pub fn matches(&self, r: &RequestRecord) -> bool {
        let eq = |want: &Option<String>, have: &str| want.as_deref().is_none_or(|w| w == have);
        let effective_user = r.impersonated_user.as_deref().unwrap_or(&r.user);
        eq(&self.method, &r.method)
            && eq(&self.verb, &r.verb)
            && eq(&self.group, &r.group)
            && eq(&self.resource, &r.resource)
            && eq(&self.subresource, &r.subresource)
            && eq(&self.namespace, &r.namespace)
            && eq(&self.name, &r.name)
            && eq(&self.user, effective_user)
    }
}

/// Where to cut a streaming response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropAfter {
    /// After this many body bytes (may cut a line or event in the middle).
    Bytes(usize),
    /// After this many complete watch events or log lines.
    Events(usize),
}

/// A failure to inject.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Fail the Nth matching request (1-based)...
    pub nth: u64,
    /// ...and this many after it (1 = only the Nth; `u64::MAX` = all from the Nth on).
    pub times: u64,
    /// HTTP status code (500, 409, 429, 503, ...).
    pub code: u16,
    /// Message (default: the server's usual text for the code).
    pub message: Option<String>,
    /// `Retry-After` seconds (sent as a header and in `details.retryAfterSeconds`).
    pub retry_after: Option<u64>,
}

impl Failure {
    /// Fail the `nth` matching request with `code`.
    pub fn nth(nth: u64, code: u16) -> Self {
        Failure {
            nth: nth.max(1),
            times: 1,
            code,
            message: None,
            retry_after: None,
        }
    }

    /// Fail every matching request with `code`.
    pub fn always(code: u16) -> Self {
        Failure {
            nth: 1,
            times: u64::MAX,
            code,
            message: None,
            retry_after: None,
        }
    }

    /// Fail this many consecutive matching requests (starting at the Nth).
    pub fn times(mut self, times: u64) -> Self {
        self.times = times;
        self
    }

    /// Use this message.
    pub fn message(mut self, m: &str) -> Self {
        self.message = Some(m.into());
        self
    }

    /// Send `Retry-After: secs`.
    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs);
        self
    }
}

/// What a hook does.
#[derive(Debug, Clone, PartialEq)]
pub enum HookAction {
    /// Answer 403 Forbidden like the RBAC authorizer.
    Deny,
    /// Answer an error.
    Fail(Failure),
    /// Delay the response by this much.
    Latency(Duration),
    /// Cut streaming responses (watch, log follow); `times` streams (then the hook is spent).
    DropStream {
        /// Where to cut.
        after: DropAfter,
        /// How many streams to cut.
        times: u64,
    },
}

/// An installed hook.
#[derive(Debug, Clone)]
struct Hook {
    id: u64,
    matcher: Match,
    action: HookAction,
    seen: u64,
    fired: u64,
}

/// The installed hooks.
#[derive(Debug, Default)]
pub struct Hooks {
    hooks: Vec<Hook>,
    next_id: u64,
}

/// What the hooks decided for one request.
#[derive(Debug, Default)]
pub struct Decision {
    /// Total latency to add.
    pub latency: Duration,
    /// Deny with 403.
    pub deny: bool,
    /// Fail with this.
    pub fail: Option<Failure>,
    /// Cut the stream.
    pub drop: Option<DropAfter>,
}

impl Hooks {
    /// Install a hook; returns its id.
    pub fn add(&mut self, matcher: Match, action: HookAction) -> u64 {
        self.next_id += 1;
        self.hooks.push(Hook {
            id: self.next_id,
            matcher,
            action,
            seen: 0,
            fired: 0,
        });
        self.next_id
    }

    /// Remove one hook.
    pub fn remove(&mut self, id: u64) {
        self.hooks.retain(|h| h.id != id);
    }

    /// Remove every hook.
    pub fn clear(&mut self) {
        self.hooks.clear();
    }

    /// How many requests a hook has matched so far.
    pub fn seen(&self, id: u64) -> u64 {
        self.hooks.iter().find(|h| h.id == id).map_or(0, |h| h.seen)
    }

    /// Evaluate the hooks for a request (counts matches).
    pub fn decide(&mut self, r: &RequestRecord, streaming: bool) -> Decision {
        let mut d = Decision::default();
        for h in &mut self.hooks {
            if !h.matcher.matches(r) {
                continue;
            }
            match &h.action {
                HookAction::Deny => {
                    h.seen += 1;
                    d.deny = true;
                }
                HookAction::Latency(l) => {
                    h.seen += 1;
                    d.latency += *l;
                }
                HookAction::Fail(f) => {
                    h.seen += 1;
                    let last = f.nth.saturating_add(f.times.saturating_sub(1));
                    if d.fail.is_none() && h.seen >= f.nth && h.seen <= last {
                        h.fired += 1;
                        d.fail = Some(f.clone());
                    }
                }
                HookAction::DropStream { after, times } => {
                    if streaming {
                        h.seen += 1;
                        if d.drop.is_none() && h.fired < *times {
                            h.fired += 1;
                            d.drop = Some(*after);
                        }
                    }
                }
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(verb: &str, resource: &str, name: &str) -> RequestRecord {
        let mut r = RequestRecord::new("GET", "/x", "");
        r.verb = verb.into();
        r.resource = resource.into();
        r.name = name.into();
        r.user = "admin".into();
        r
    }

    #[test]
    fn nth_failure_fires_once() {
        let mut h = Hooks::default();
        h.add(
            Match::verb("get").on("pods"),
            HookAction::Fail(Failure::nth(2, 500)),
        );
        assert!(h.decide(&req("get", "pods", "a"), false).fail.is_none());
        assert!(h.decide(&req("list", "pods", ""), false).fail.is_none());
        assert_eq!(
            h.decide(&req("get", "pods", "b"), false)
                .fail
                .map(|f| f.code),
            Some(500)
        );
        assert!(h.decide(&req("get", "pods", "c"), false).fail.is_none());
    }

    #[test]
    fn match_fields() {
        let m = Match::resource("pods/log").user("alice");
        let mut r = req("get", "pods", "p");
        r.subresource = "log".into();
        assert!(!m.matches(&r));
        r.impersonated_user = Some("alice".into());
        assert!(m.matches(&r));
        let mut h = Hooks::default();
        let id = h.add(Match::any(), HookAction::Latency(Duration::from_millis(5)));
        h.add(
            Match::any(),
            HookAction::DropStream {
                after: DropAfter::Events(1),
                times: 1,
            },
        );
        let d = h.decide(&r, true);
        assert_eq!(d.latency, Duration::from_millis(5));
        assert_eq!(d.drop, Some(DropAfter::Events(1)));
        assert!(h.decide(&r, true).drop.is_none());
        assert_eq!(h.seen(id), 2);
    }
}
