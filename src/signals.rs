//! The signals that end a command early — Ctrl-C (SIGINT), SIGTERM (what `timeout`, CI
//! runners, systemd and Kubernetes send) and SIGHUP (a closed terminal) — as one event, so a
//! command with something to undo or close handles all three alike.

/// Resolves when the process gets SIGINT, SIGTERM or SIGHUP; returns how to name it to the user.
/// Handlers are installed when this is first polled, so create it before the work it guards.
pub async fn interrupted() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) else {
            let _ = tokio::signal::ctrl_c().await;
            return "Ctrl-C";
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => "Ctrl-C",
            _ = term.recv() => "SIGTERM",
            _ = hup.recv() => "SIGHUP",
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}
