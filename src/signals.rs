//! The signals that end a command early — Ctrl-C (SIGINT), SIGTERM (what `timeout`, CI
//! runners, systemd and Kubernetes send) and SIGHUP (a closed terminal) — as one event, so a
//! command with something to undo or close handles all three alike.

use std::future::Future;

/// A future that resolves when the process gets SIGINT, SIGTERM or SIGHUP, with how to name the
/// signal to the user. The handlers are installed when this is called, so a signal arriving
/// before the future is first polled is not lost. Where a handler cannot be installed, that
/// signal keeps its default action.
pub fn interrupted() -> impl Future<Output = &'static str> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{Signal, SignalKind, signal};
        let installed: Vec<(&'static str, Signal)> = [
            ("Ctrl-C", SignalKind::interrupt()),
            ("SIGTERM", SignalKind::terminate()),
            ("SIGHUP", SignalKind::hangup()),
        ]
        .into_iter()
        .filter_map(|(name, kind)| signal(kind).ok().map(|s| (name, s)))
        .collect();
        async move {
            let waits = installed.into_iter().map(|(name, mut s)| {
                Box::pin(async move {
                    s.recv().await;
                    name
                })
            });
            if waits.len() == 0 {
                return std::future::pending().await;
            }
            futures::future::select_all(waits).await.0
        }
    }
    #[cfg(not(unix))]
    {
        async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
            "Ctrl-C"
        }
    }
}
