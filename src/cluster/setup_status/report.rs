//! What `setup status` reports: one row per component and whether it is installed, what it is
//! told to look for, and the pieces every row uses (a row that could not be read, the
//! managed-by check, the note on objects kubectl-twister2 did not create).

use serde::Serialize;

use crate::twister2::names::{MANAGED_BY, MANAGER};

/// Whether a component is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Installed {
    /// Every object of the component exists.
    Yes,
    /// Some of its objects exist.
    Partial,
    /// None exists.
    No,
    /// It could not be read (e.g. Forbidden).
    Unknown,
}

impl Installed {
    /// `yes`, `partial`, `no`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Installed::Yes => "yes",
            Installed::Partial => "partial",
            Installed::No => "no",
            Installed::Unknown => "unknown",
        }
    }

    pub(super) fn of(present: usize, expected: usize) -> Self {
        match present {
            0 => Installed::No,
            n if n >= expected => Installed::Yes,
            _ => Installed::Partial,
        }
    }
}

/// One row of `setup status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentStatus {
    /// `auth`, `openmpi-secret`, `zookeeper`, `dashboard`, `uploader`, `node-labels`.
    pub component: String,
    /// Whether it is there.
    pub installed: Installed,
    /// `ready/desired` pods for workloads; `None` where readiness does not apply.
    pub ready: Option<String>,
    /// Ready pods (workloads only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready_replicas: Option<i32>,
    /// Desired pods (workloads only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// Address or URL, key type and fingerprint, label counts, or what went wrong.
    pub details: String,
    /// Whether the objects found carry `app.kubernetes.io/managed-by=kubectl-twister2`
    /// (`false` for objects from Twister2's own YAML files).
    pub managed: bool,
    /// The objects found, `kind/name`.
    pub objects: Vec<String>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetupStatus {
    /// Always `SetupStatus`.
    pub kind: String,
    /// The namespace looked at.
    pub namespace: String,
    /// One entry per component, in setup order, then node labels.
    pub components: Vec<ComponentStatus>,
}

/// What to look for besides the fixed names.
#[derive(Debug, Clone)]
pub struct StatusOptions {
    /// Name of the OpenMPI Secret.
    pub secret_name: String,
    /// Node label key of the rack.
    pub rack_key: String,
    /// Node label key of the datacenter.
    pub datacenter_key: String,
}

/// A read that may have failed; the error is already a one-line message.
pub(super) type Read<T> = std::result::Result<Option<T>, String>;

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
