//! Pieces every row uses: the row of a component that could not be read, the managed-by check
//! and the note on objects kubectl-twister2 did not create.

use super::report::{ComponentStatus, Installed};
use crate::twister2::names::{MANAGED_BY, MANAGER};

pub(super) fn is_managed(
    meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
) -> bool {
    meta.labels
        .as_ref()
        .and_then(|l| l.get(MANAGED_BY))
        .is_some_and(|v| v == MANAGER)
}

pub(super) fn unknown(component: &str, error: &str) -> ComponentStatus {
    ComponentStatus {
        component: component.to_string(),
        installed: Installed::Unknown,
        ready: None,
        ready_replicas: None,
        replicas: None,
        details: format!("cannot read: {error}"),
        managed: false,
        objects: Vec::new(),
    }
}

pub(super) fn annotate_unmanaged(details: String, installed: Installed, managed: bool) -> String {
    if installed != Installed::No && !managed {
        format!("{details} (not created by kubectl-twister2)")
    } else {
        details
    }
}
