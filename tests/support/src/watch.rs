//! Watch streams: initial state or replay from a resourceVersion, live events filtered per watcher,
//! bookmarks (incl. the streaming-list end marker), 410 Expired, timeouts and injected drops.
//!
//! Selector transitions follow the real server: an object that stops matching is sent as DELETED
//! (carrying its new state), one that starts matching as ADDED.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::{Value, json};
use tokio::sync::{broadcast, mpsc};

use crate::hooks::DropAfter;
use crate::resources::Res;
use crate::selectors::Selectors;
use crate::state::Shared;
use crate::status::ApiError;
use crate::store::{EventType, StoreEvent};

/// Parameters of a watch request.
#[derive(Debug, Clone, Default)]
pub struct WatchParams {
    /// `resourceVersion` ("" / "0" = start from the current state).
    pub resource_version: String,
    /// Selectors.
    pub sel: Selectors,
    /// `timeoutSeconds`.
    pub timeout: Option<Duration>,
    /// `allowWatchBookmarks=true`.
    pub bookmarks: bool,
    /// `sendInitialEvents=true`.
    pub send_initial_events: bool,
}

/// A chunk of a streaming body.
pub type Chunk = Result<Bytes, std::io::Error>;

/// Translate a store event for a watcher; `None` when the watcher does not see it.
pub fn translate(
    ev: &StoreEvent,
    res: Res,
    ns: Option<&str>,
    sel: &Selectors,
) -> Option<(&'static str, Arc<Value>)> {
    if ev.res != res || ns.is_some_and(|n| n != ev.namespace) {
        return None;
    }
    let now = sel.matches(&ev.object);
    match ev.kind {
        EventType::Added => now.then(|| ("ADDED", ev.object.clone())),
        EventType::Deleted => now.then(|| ("DELETED", ev.object.clone())),
        EventType::Modified => {
            let before = ev.old.as_ref().is_some_and(|o| sel.matches(o));
            match (before, now) {
                (true, true) => Some(("MODIFIED", ev.object.clone())),
                (false, true) => Some(("ADDED", ev.object.clone())),
                (true, false) => Some(("DELETED", ev.object.clone())),
                (false, false) => None,
            }
        }
    }
}

fn frame(kind: &str, obj: &Value) -> Bytes {
    let mut s = json!({"type": kind, "object": obj}).to_string();
    s.push('\n');
    Bytes::from(s)
}

fn bookmark(res: Res, rv: u64, initial_end: bool) -> Value {
    let mut meta = json!({"resourceVersion": rv.to_string()});
    if initial_end {
        meta["annotations"] = json!({"k8s.io/initial-events-end": "true"});
    }
    json!({"kind": res.info().kind, "apiVersion": res.info().api_version(), "metadata": meta})
}

/// Sends frames of a streaming body, honouring an injected drop.
pub(crate) struct Sender {
    pub(crate) tx: mpsc::Sender<Chunk>,
    pub(crate) drop: Option<DropAfter>,
    pub(crate) bytes: usize,
    pub(crate) events: usize,
}

/// Let hyper flush what was sent, then cut the connection.
async fn cut(tx: &mpsc::Sender<Chunk>) {
    tokio::time::sleep(Duration::from_millis(50)).await;
    let _ = tx
        .send(Err(std::io::Error::other("stream dropped by test hook")))
        .await;
}

impl Sender {
    /// Send one frame (an event or a line); `false` once the stream is over.
    pub(crate) async fn send(&mut self, data: Bytes) -> bool {
        match self.drop {
            Some(DropAfter::Bytes(limit)) if self.bytes + data.len() > limit => {
                let keep = limit.saturating_sub(self.bytes);
                if keep > 0 {
                    let _ = self.tx.send(Ok(data.slice(..keep))).await;
                }
                cut(&self.tx).await;
                return false;
            }
            Some(DropAfter::Events(n)) if self.events >= n => {
                cut(&self.tx).await;
                return false;
            }
            _ => {}
        }
        self.bytes += data.len();
        self.events += 1;
        if self.tx.send(Ok(data)).await.is_err() {
            return false;
        }
        if let Some(DropAfter::Events(n)) = self.drop
            && self.events >= n
        {
            cut(&self.tx).await;
            return false;
        }
        true
    }
}

/// Start a watch; returns the receiving end of the body.
pub fn start(
    shared: Arc<Shared>,
    res: Res,
    ns: Option<String>,
    p: WatchParams,
    drop: Option<DropAfter>,
    log_id: u64,
) -> Result<mpsc::Receiver<Chunk>, ApiError> {
    let (tx, rx) = mpsc::channel::<Chunk>(64);
    let (initial, mut live, start_rv, bookmark_interval) = {
        let st = shared.lock();
        let live = st.store.subscribe();
        let current = st.store.current_rv();
        let requested: Option<u64> = match p.resource_version.as_str() {
            "" | "0" => None,
            s => Some(s.parse::<u64>().map_err(|_| {
                ApiError::bad_request(format!(
                    "invalid resource version: strconv.ParseUint: parsing \"{s}\": invalid syntax"
                ))
            })?),
        };
        let initial: Result<Vec<(&'static str, Arc<Value>)>, ApiError> = match requested {
            Some(n) if !p.send_initial_events => match st.store.events_since(n) {
                Ok(evs) => Ok(evs
                    .iter()
                    .filter_map(|e| translate(e, res, ns.as_deref(), &p.sel))
                    .collect()),
                Err(oldest) => Err(ApiError::expired(n, oldest)),
            },
            _ => Ok(st
                .store
                .list(res, ns.as_deref())
                .filter(|o| p.sel.matches(o))
                .map(|o| ("ADDED", o.clone()))
                .collect()),
        };
        (initial, live, current, st.opts.bookmark_interval)
    };
    tokio::spawn(async move {
        let closed_tx = tx.clone();
        let mut out = Sender {
            tx,
            drop,
            bytes: 0,
            events: 0,
        };
        let mut last_rv = start_rv;
        let deadline = p.timeout.map(|t| Instant::now() + t);
        match initial {
            Err(e) => {
                let _ = out.send(frame("ERROR", &e.to_status())).await;
                finish(&shared, log_id);
                return;
            }
            Ok(items) => {
                for (kind, obj) in items {
                    if !out.send(frame(kind, &obj)).await {
                        finish(&shared, log_id);
                        return;
                    }
                }
            }
        }
        if p.send_initial_events
            && !out
                .send(frame("BOOKMARK", &bookmark(res, last_rv, true)))
                .await
        {
            finish(&shared, log_id);
            return;
        }
        let mut ticker = tokio::time::interval(bookmark_interval.max(Duration::from_millis(10)));
        ticker.tick().await;
        loop {
            let sleep_until = deadline.map(tokio::time::Instant::from_std);
            let timeout = async {
                match sleep_until {
                    Some(t) => tokio::time::sleep_until(t).await,
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = timeout => break,
                _ = ticker.tick(), if p.bookmarks => {
                    if !out.send(frame("BOOKMARK", &bookmark(res, last_rv, false))).await {
                        break;
                    }
                }
                ev = live.recv() => match ev {
                    Ok(ev) => {
                        if ev.rv <= start_rv {
                            continue;
                        }
                        last_rv = ev.rv;
                        if let Some((kind, obj)) = translate(&ev, res, ns.as_deref(), &p.sel)
                            && !out.send(frame(kind, &obj)).await
                        {
                            break;
                        }
                    }
                    // Too slow a reader: end the stream; the client resumes from its last resourceVersion.
                    Err(broadcast::error::RecvError::Lagged(_)) => break,
                    Err(broadcast::error::RecvError::Closed) => break,
                },
                _ = closed_tx.closed() => break,
            }
        }
        finish(&shared, log_id);
    });
    Ok(rx)
}

/// Mark a streaming request's end in the request log.
pub(crate) fn finish(shared: &Shared, log_id: u64) {
    let mut st = shared.lock();
    st.log
        .update(log_id, |r| r.stream_end = Some(Instant::now()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selectors::LabelSelector;

    #[test]
    fn selector_transitions() {
        let sel = Selectors {
            labels: LabelSelector::parse("a=1").unwrap(),
            ..Default::default()
        };
        let pods = Res::pods();
        let mk = |kind, new: Value, old: Option<Value>| StoreEvent {
            kind,
            res: pods,
            namespace: "ns".into(),
            name: "p".into(),
            object: Arc::new(new),
            old: old.map(Arc::new),
            rv: 1,
        };
        let yes = json!({"metadata": {"labels": {"a": "1"}}});
        let no = json!({"metadata": {"labels": {"a": "2"}}});
        assert_eq!(
            translate(&mk(EventType::Added, yes.clone(), None), pods, None, &sel)
                .unwrap()
                .0,
            "ADDED"
        );
        assert!(translate(&mk(EventType::Added, no.clone(), None), pods, None, &sel).is_none());
        assert_eq!(
            translate(
                &mk(EventType::Modified, no.clone(), Some(yes.clone())),
                pods,
                None,
                &sel
            )
            .unwrap()
            .0,
            "DELETED"
        );
        assert_eq!(
            translate(
                &mk(EventType::Modified, yes.clone(), Some(no.clone())),
                pods,
                None,
                &sel
            )
            .unwrap()
            .0,
            "ADDED"
        );
        assert_eq!(
            translate(
                &mk(EventType::Modified, yes.clone(), Some(yes.clone())),
                pods,
                Some("ns"),
                &sel
            )
            .unwrap()
            .0,
            "MODIFIED"
        );
        assert!(
            translate(
                &mk(EventType::Modified, yes.clone(), Some(yes)),
                pods,
                Some("other"),
                &sel
            )
            .is_none()
        );
    }
}
