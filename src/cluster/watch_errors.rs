//! Watch errors (of job waits, the direct upload and log following): fatal or not, and their text.

use kube::runtime::watcher;

use crate::cluster::Cluster;
use crate::cluster::errors::{explain, explain_status};

/// Whether a watch error will not go away by retrying (the credentials or rights are missing).
pub(crate) fn is_fatal_watch_error(error: &watcher::Error) -> bool {
    let code = match error {
        watcher::Error::InitialListFailed(e)
        | watcher::Error::WatchStartFailed(e)
        | watcher::Error::WatchFailed(e) => match e {
            kube::Error::Api(status) => status.code,
            _ => return false,
        },
        watcher::Error::WatchError(status) => status.code,
        watcher::Error::NoResourceVersion => return false,
    };
    code == 401 || code == 403
}

/// A readable message for a watch error.
pub(crate) fn watch_error_text(cluster: &Cluster, error: &watcher::Error) -> String {
    match error {
        watcher::Error::InitialListFailed(e)
        | watcher::Error::WatchStartFailed(e)
        | watcher::Error::WatchFailed(e) => explain(e, &cluster.scope()),
        watcher::Error::WatchError(status) => explain_status(
            status.code,
            &status.reason,
            &status.message,
            &cluster.scope(),
        ),
        watcher::Error::NoResourceVersion => error.to_string(),
    }
}
