//! `pods/log`: plain and followed container logs with container, previous, tailLines, sinceSeconds,
//! sinceTime, timestamps and limitBytes, and the kubelet's error texts.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use serde_json::Value;
use tokio::sync::mpsc;

use crate::hooks::DropAfter;
use crate::pods::LogLine;
use crate::resources::Res;
use crate::state::{Shared, State};
use crate::status::ApiError;
use crate::watch::{Chunk, Sender};

/// Query parameters of a log request.
#[derive(Debug, Clone, Default)]
pub struct LogParams {
    /// `container`.
    pub container: Option<String>,
    /// `follow=true`.
    pub follow: bool,
    /// `previous=true`.
    pub previous: bool,
    /// `tailLines`.
    pub tail_lines: Option<usize>,
    /// `sinceSeconds`.
    pub since_seconds: Option<u64>,
    /// `sinceTime` (RFC 3339).
    pub since_time: Option<jiff::Timestamp>,
    /// `timestamps=true`.
    pub timestamps: bool,
    /// `limitBytes`.
    pub limit_bytes: Option<usize>,
}

fn container_names(pod: &Value, key: &str) -> Vec<String> {
    pod.pointer(&format!("/spec/{key}"))
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c.get("name").and_then(Value::as_str).map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn container_status<'a>(pod: &'a Value, container: &str) -> Option<&'a Value> {
    ["containerStatuses", "initContainerStatuses"]
        .iter()
        .find_map(|k| {
            pod.pointer(&format!("/status/{k}"))
                .and_then(Value::as_array)
                .and_then(|l| {
                    l.iter()
                        .find(|s| s.get("name").and_then(Value::as_str) == Some(container))
                })
        })
}

/// Resolve and check the container of a pod for logs (or exec); returns its name.
pub fn resolve_container(pod: &Value, requested: Option<&str>) -> Result<String, ApiError> {
    let name = crate::util::name_of(pod);
    let containers = container_names(pod, "containers");
    let init = container_names(pod, "initContainers");
    match requested.filter(|c| !c.is_empty()) {
        Some(c) if containers.iter().chain(init.iter()).any(|x| x == c) => Ok(c.to_string()),
        Some(c) => Err(ApiError::bad_request(format!(
            "container {c} is not valid for pod {name}"
        ))),
        None if containers.len() == 1 => Ok(containers[0].clone()),
        None => {
            let mut msg = format!(
                "a container name must be specified for pod {name}, choose one of: [{}]",
                containers.join(" ")
            );
            if !init.is_empty() {
                msg.push_str(&format!(
                    " or one of the init containers: [{}]",
                    init.join(" ")
                ));
            }
            Err(ApiError::bad_request(msg))
        }
    }
}

fn format_line(l: &LogLine, timestamps: bool) -> String {
    if timestamps {
        format!("{} {}\n", crate::util::format_rfc3339_nano(l.ts), l.text)
    } else {
        format!("{}\n", l.text)
    }
}

fn since_filter(p: &LogParams) -> Option<jiff::Timestamp> {
    match (p.since_time, p.since_seconds) {
        (Some(t), _) => Some(t),
        (None, Some(s)) => jiff::Timestamp::now()
            .checked_sub(jiff::SignedDuration::from_secs(s as i64))
            .ok(),
        (None, None) => None,
    }
}

/// Where a follower stands.
struct Cursor {
    uid: String,
    instance: u64,
    next: usize,
}

/// Check the request and take the initial lines (under the lock).
fn initial(
    st: &State,
    ns: &str,
    pod_name: &str,
    p: &LogParams,
) -> Result<(String, Vec<String>, Cursor, bool), ApiError> {
    let pod = st
        .store
        .get(Res::pods(), ns, pod_name)
        .ok_or_else(|| ApiError::not_found("", "pods", pod_name))?;
    let container = resolve_container(pod, p.container.as_deref())?;
    let key = (ns.to_string(), pod_name.to_string(), container.clone());
    let log = st.pods.logs.get(&key).cloned().unwrap_or_default();
    let status = container_status(pod, &container);
    let restarts = status
        .and_then(|s| s.get("restartCount"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    if p.previous {
        let Some(prev) = &log.previous else {
            return Err(ApiError::bad_request(format!(
                "previous terminated container \"{container}\" in pod \"{pod_name}\" not found"
            )));
        };
        let lines = select(prev, p);
        return Ok((
            container,
            lines,
            Cursor {
                uid: String::new(),
                instance: log.instance,
                next: prev.len(),
            },
            true,
        ));
    }
    let waiting = status.and_then(|s| s.pointer("/state/waiting"));
    let started = status.is_some_and(|s| {
        s.pointer("/state/running").is_some() || s.pointer("/state/terminated").is_some()
    });
    if !started && restarts == 0 && log.lines.is_empty() {
        let reason = waiting
            .and_then(|w| w.get("reason"))
            .and_then(Value::as_str)
            .unwrap_or("ContainerCreating");
        let text = match reason {
            "ImagePullBackOff" | "ErrImagePull" => "trying and failing to pull image".to_string(),
            other => other.to_string(),
        };
        return Err(ApiError::bad_request(format!(
            "container \"{container}\" in pod \"{pod_name}\" is waiting to start: {text}"
        )));
    }
    let lines = select(&log.lines, p);
    let done = log.terminated || !p.follow;
    let cursor = Cursor {
        uid: crate::util::uid_of(pod).to_string(),
        instance: log.instance,
        next: log.lines.len(),
    };
    Ok((container, lines, cursor, done))
}

fn select(lines: &[LogLine], p: &LogParams) -> Vec<String> {
    let since = since_filter(p);
    let kept: Vec<&LogLine> = lines
        .iter()
        .filter(|l| since.is_none_or(|s| l.ts >= s))
        .collect();
    let start = p.tail_lines.map_or(0, |t| kept.len().saturating_sub(t));
    kept[start..]
        .iter()
        .map(|l| format_line(l, p.timestamps))
        .collect()
}

/// What a follower sees after a wake-up.
enum Step {
    Lines(Vec<String>),
    End,
}

fn poll(
    st: &State,
    ns: &str,
    pod_name: &str,
    container: &str,
    cur: &mut Cursor,
    timestamps: bool,
) -> Step {
    let Some(pod) = st.store.get(Res::pods(), ns, pod_name) else {
        return Step::End;
    };
    if crate::util::uid_of(pod) != cur.uid {
        return Step::End;
    }
    let key = (ns.to_string(), pod_name.to_string(), container.to_string());
    let Some(log) = st.pods.logs.get(&key) else {
        return Step::Lines(Vec::new());
    };
    if log.instance != cur.instance {
        return Step::End;
    }
    let new: Vec<String> = log
        .lines
        .get(cur.next..)
        .unwrap_or_default()
        .iter()
        .map(|l| format_line(l, timestamps))
        .collect();
    cur.next = log.lines.len();
    if new.is_empty() && log.terminated {
        return Step::End;
    }
    Step::Lines(new)
}

async fn send_limited(out: &mut Sender, budget: &mut Option<usize>, line: String) -> bool {
    let mut data = Bytes::from(line);
    if let Some(b) = budget.as_mut() {
        if *b == 0 {
            return false;
        }
        if data.len() > *b {
            data = data.slice(..*b);
        }
        *b -= data.len();
    }
    out.send(data).await
}

/// Start serving a log request; returns the body stream.
pub fn start(
    shared: Arc<Shared>,
    ns: String,
    pod: String,
    p: LogParams,
    drop: Option<DropAfter>,
    log_id: u64,
) -> Result<mpsc::Receiver<Chunk>, ApiError> {
    let (container, lines, mut cursor, done, notify) = {
        let st = shared.lock();
        let (c, l, cur, d) = initial(&st, &ns, &pod, &p)?;
        (c, l, cur, d, st.log_notify.clone())
    };
    let (tx, rx) = mpsc::channel::<Chunk>(64);
    tokio::spawn(async move {
        let closed_tx = tx.clone();
        let mut out = Sender {
            tx,
            drop,
            bytes: 0,
            events: 0,
        };
        let mut budget = p.limit_bytes;
        let mut open = true;
        for line in lines {
            if !send_limited(&mut out, &mut budget, line).await {
                open = false;
                break;
            }
        }
        if open && !done {
            loop {
                let notified = notify.notified();
                let step = {
                    let st = shared.lock();
                    poll(&st, &ns, &pod, &container, &mut cursor, p.timestamps)
                };
                match step {
                    Step::End => break,
                    Step::Lines(new) if !new.is_empty() => {
                        let mut ok = true;
                        for line in new {
                            if !send_limited(&mut out, &mut budget, line).await {
                                ok = false;
                                break;
                            }
                        }
                        if !ok {
                            break;
                        }
                        continue;
                    }
                    Step::Lines(_) => {}
                }
                tokio::select! {
                    _ = notified => {}
                    _ = closed_tx.closed() => break,
                    // Safety net against a missed wake-up.
                    _ = tokio::time::sleep(Duration::from_millis(250)) => {}
                }
            }
        }
        crate::watch::finish(&shared, log_id);
    });
    Ok(rx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn container_resolution() {
        let pod = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}, {"name": "b"}]}});
        assert_eq!(
            resolve_container(&pod, None).unwrap_err().message,
            "a container name must be specified for pod p, choose one of: [a b]"
        );
        assert_eq!(resolve_container(&pod, Some("b")).unwrap(), "b");
        assert_eq!(
            resolve_container(&pod, Some("c")).unwrap_err().message,
            "container c is not valid for pod p"
        );
    }

    #[test]
    fn selection() {
        let now = jiff::Timestamp::now();
        let old = now
            .checked_sub(jiff::SignedDuration::from_secs(100))
            .unwrap();
        let lines = vec![
            LogLine {
                ts: old,
                text: "old".into(),
            },
            LogLine {
                ts: now,
                text: "a".into(),
            },
            LogLine {
                ts: now,
                text: "b".into(),
            },
        ];
        assert_eq!(
            select(
                &lines,
                &LogParams {
                    tail_lines: Some(1),
                    ..Default::default()
                }
            ),
            ["b\n"]
        );
        assert_eq!(
            select(
                &lines,
                &LogParams {
                    since_seconds: Some(10),
                    ..Default::default()
                }
            ),
            ["a\n", "b\n"]
        );
        let ts = select(
            &lines,
            &LogParams {
                timestamps: true,
                tail_lines: Some(1),
                ..Default::default()
            },
        );
        assert!(ts[0].ends_with("Z b\n"), "{}", ts[0]);
    }
}
