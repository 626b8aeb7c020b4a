//! One log request of one container (`pods/log`, always with `timestamps=true` so that it can be
//! resumed) read to its end: whole lines through the source's [`Cursor`] to its [`Emitter`].
//! A stream that breaks can be resumed from the last line's timestamp without repeating lines.

use std::time::Duration;

use futures::AsyncBufReadExt;
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::LogParams;
use tokio_util::sync::CancellationToken;

use crate::cluster::logs::lines::{Cursor, LineSplitter, split_stamp};
use crate::cluster::logs::mux::Emitter;
use crate::cluster::logs::options::Since;
use crate::cluster::logs::save::SinkError;

/// Where a request starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The user's window: `tailLines` and `sinceSeconds`/`sinceTime` as given.
    Window {
        /// `tailLines`.
        tail: Option<i64>,
        /// `--since` / `--since-time`.
        since: Option<Since>,
    },
    /// After the last line printed (`sinceTime` of its second, lines already printed skipped);
    /// from the beginning when nothing was printed yet.
    Resume,
}

/// One log request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// The previous instance of the container.
    pub previous: bool,
    /// Keep the stream open for new lines.
    pub follow: bool,
    /// Where to start.
    pub start: Start,
}

/// How a stream ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The server ended it.
    Ended,
    /// The connection broke in the middle.
    Broken,
    /// Cancelled.
    Stopped,
}

/// Why a stream could not be read.
#[derive(Debug)]
pub enum StreamError {
    /// The request was refused or could not be sent.
    Open(kube::Error),
    /// The lines could not be delivered.
    Sink(SinkError),
}

impl From<SinkError> for StreamError {
    fn from(e: SinkError) -> Self {
        StreamError::Sink(e)
    }
}

/// `sinceSeconds` for a duration: whole seconds, rounded up, at least 1 (as kubectl does).
pub fn since_seconds(duration: Duration) -> i64 {
    let seconds = duration.as_secs() + u64::from(duration.subsec_nanos() > 0);
    i64::try_from(seconds.max(1)).unwrap_or(i64::MAX)
}

/// `time` rounded down to the second.
pub fn whole_second(time: jiff::Timestamp) -> jiff::Timestamp {
    jiff::Timestamp::from_second(time.as_second()).unwrap_or(time)
}

/// The query of `request` for `container`; starts a resume on `cursor` when resuming.
pub fn params(container: &str, request: &Request, cursor: &mut Cursor) -> LogParams {
    let mut params = LogParams {
        container: Some(container.to_string()),
        follow: request.follow,
        previous: request.previous,
        timestamps: true,
        ..LogParams::default()
    };
    match request.start {
        Start::Window { tail, since } => {
            params.tail_lines = tail;
            match since {
                Some(Since::Ago(d)) => params.since_seconds = Some(since_seconds(d)),
                // The API takes whole seconds (and kube rounds to the nearest): round down so
                // that no line at or after the time is lost.
                Some(Since::Time(t)) => params.since_time = Some(whole_second(t)),
                None => {}
            }
        }
        Start::Resume => {
            params.since_time = cursor.since_time();
            cursor.begin_resume();
        }
    }
    params
}

/// Send one request and read it to its end (or until `cancel`).
pub async fn read(
    api: &Api<Pod>,
    pod: &str,
    container: &str,
    request: &Request,
    cursor: &mut Cursor,
    emitter: &mut Emitter,
    cancel: &CancellationToken,
) -> Result<Outcome, StreamError> {
    let params = params(container, request, cursor);
    let opened = tokio::select! {
        biased;
        () = cancel.cancelled() => return Ok(Outcome::Stopped),
        opened = api.log_stream(pod, &params) => opened.map_err(StreamError::Open)?,
    };
    let mut reader = Box::pin(opened);
    let mut splitter = LineSplitter::default();
    loop {
        let chunk = tokio::select! {
            biased;
            () = cancel.cancelled() => {
                emitter.flush().await?;
                return Ok(Outcome::Stopped);
            }
            chunk = reader.fill_buf() => chunk,
        };
        match chunk {
            Ok([]) => {
                // A plain read ends with the log: an unterminated last line is whole. A followed
                // stream may end anywhere: its cut line comes again when it is resumed.
                if !request.follow
                    && let Some(rest) = splitter.take_rest()
                {
                    let line = split_stamp(&rest);
                    if cursor.admit(line.time, line.text) {
                        emitter.line(line.stamp, line.text);
                    }
                }
                emitter.flush().await?;
                return Ok(Outcome::Ended);
            }
            Ok(bytes) => {
                let used = bytes.len();
                splitter.feed(bytes, |whole| {
                    let line = split_stamp(whole);
                    if cursor.admit(line.time, line.text) {
                        emitter.line(line.stamp, line.text);
                    }
                });
                reader.consume_unpin(used);
                emitter.flush().await?;
            }
            Err(_) => {
                splitter.discard();
                emitter.flush().await?;
                return Ok(Outcome::Broken);
            }
        }
    }
}

/// Most times a plain (not followed) read is resumed after breaking.
const MAX_RESUMES: u32 = 5;

/// Read a request that does not follow to its end, resuming it when the connection breaks.
pub async fn read_to_end(
    api: &Api<Pod>,
    pod: &str,
    container: &str,
    request: Request,
    cursor: &mut Cursor,
    emitter: &mut Emitter,
    cancel: &CancellationToken,
) -> Result<Outcome, StreamError> {
    let mut request = Request {
        follow: false,
        ..request
    };
    let mut resumes = 0;
    loop {
        let outcome = read(api, pod, container, &request, cursor, emitter, cancel).await?;
        if outcome != Outcome::Broken || resumes >= MAX_RESUMES {
            return Ok(outcome);
        }
        resumes += 1;
        request.start = Start::Resume;
        tokio::select! {
            () = cancel.cancelled() => return Ok(Outcome::Stopped),
            () = tokio::time::sleep(Duration::from_millis(100 * u64::from(resumes))) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_seconds_round_up_like_kubectl() {
        assert_eq!(since_seconds(Duration::from_secs(5)), 5);
        assert_eq!(since_seconds(Duration::from_millis(1500)), 2);
        assert_eq!(since_seconds(Duration::from_millis(1)), 1);
        assert_eq!(since_seconds(Duration::ZERO), 1);
    }

    #[test]
    fn params_for_windows_and_resumes() {
        let mut cursor = Cursor::new();
        let window = Request {
            previous: true,
            follow: true,
            start: Start::Window {
                tail: Some(10),
                since: Some(Since::Ago(Duration::from_secs(60))),
            },
        };
        let p = params("c", &window, &mut cursor);
        assert_eq!(p.container.as_deref(), Some("c"));
        assert!(p.follow && p.previous && p.timestamps);
        assert_eq!((p.tail_lines, p.since_seconds), (Some(10), Some(60)));
        let at = Request {
            start: Start::Window {
                tail: None,
                since: Some(Since::Time("2025-01-01T00:00:05.7Z".parse().unwrap())),
            },
            ..window
        };
        let p = params("c", &at, &mut cursor);
        assert_eq!(p.since_time, Some("2025-01-01T00:00:05Z".parse().unwrap()));
        let resume = Request {
            previous: false,
            follow: true,
            start: Start::Resume,
        };
        // nothing printed yet: from the beginning
        let p = params("c", &resume, &mut cursor);
        assert_eq!(
            (p.tail_lines, p.since_time, p.since_seconds),
            (None, None, None)
        );
        assert!(cursor.admit(Some("2025-01-01T00:00:07.9Z".parse().unwrap()), b"x"));
        let p = params("c", &resume, &mut cursor);
        assert_eq!(p.since_time, Some("2025-01-01T00:00:07Z".parse().unwrap()));
        assert!(!cursor.admit(Some("2025-01-01T00:00:07.9Z".parse().unwrap()), b"x"));
    }
}
