//! The objects of a job as `describe` lists them (`ObjectInfo`: kind, name, short description).

use jiff::Timestamp;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::created;
use crate::twister2::job_summary::view::{View, replicas};

/// One object of the job.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectInfo {
    /// `StatefulSet`, `Service`, …
    pub kind: &'static str,
    /// Name.
    pub name: String,
    /// A short description (replicas, service type, …).
    pub info: String,
    /// Creation time.
    pub created: Option<Timestamp>,
}

pub(super) fn object_infos(view: &View<'_>) -> Vec<ObjectInfo> {
    let mut out = Vec::new();
    let name = |m: &ObjectMeta| m.name.clone().unwrap_or_default();
    if let Some(cm) = view.g.config_map {
        let keys = cm
            .data
            .as_ref()
            .map(|d| d.keys().cloned().collect::<Vec<_>>().join(", "))
            .unwrap_or_default();
        out.push(ObjectInfo {
            kind: "ConfigMap",
            name: name(&cm.metadata),
            info: format!("keys: {keys}"),
            created: created(&cm.metadata),
        });
    }
    for sts in view.master.iter().chain(view.workers.values()) {
        let ready = sts
            .status
            .as_ref()
            .and_then(|s| s.ready_replicas)
            .unwrap_or(0);
        out.push(ObjectInfo {
            kind: "StatefulSet",
            name: name(&sts.metadata),
            info: format!("{ready}/{} pods ready", replicas(sts)),
            created: created(&sts.metadata),
        });
    }
    for sts in &view.g.stateful_sets {
        let known = view.master.is_some_and(|m| std::ptr::eq(m, *sts))
            || view.workers.values().any(|w| std::ptr::eq(*w, *sts));
        if !known {
            out.push(ObjectInfo {
                kind: "StatefulSet",
                name: name(&sts.metadata),
                info: format!("{} replicas", replicas(sts)),
                created: created(&sts.metadata),
            });
        }
    }
    for svc in &view.g.services {
        let spec = svc.spec.as_ref();
        let type_ = spec
            .and_then(|s| s.type_.clone())
            .unwrap_or_else(|| "ClusterIP".to_string());
        let headless = spec.and_then(|s| s.cluster_ip.as_deref()) == Some("None");
        let ports: Vec<String> = spec
            .and_then(|s| s.ports.as_ref())
            .into_iter()
            .flatten()
            .map(|p| match p.node_port {
                Some(node_port) => format!("{}:{node_port}", p.port),
                None => p.port.to_string(),
            })
            .collect();
        let mut info = if headless {
            "headless".to_string()
        } else {
            type_
        };
        if !ports.is_empty() {
            info.push_str(&format!(" {}", ports.join(",")));
        }
        out.push(ObjectInfo {
            kind: "Service",
            name: name(&svc.metadata),
            info,
            created: created(&svc.metadata),
        });
    }
    for ing in &view.g.ingresses {
        let hosts: Vec<String> = ing
            .spec
            .iter()
            .flat_map(|s| s.rules.iter().flatten())
            .map(|r| r.host.clone().unwrap_or_else(|| "*".to_string()))
            .collect();
        out.push(ObjectInfo {
            kind: "Ingress",
            name: name(&ing.metadata),
            info: format!("hosts: {}", hosts.join(",")),
            created: created(&ing.metadata),
        });
    }
    for pvc in &view.g.claims {
        let spec = pvc.spec.as_ref();
        let size = spec
            .and_then(|s| s.resources.as_ref())
            .and_then(|r| r.requests.as_ref())
            .and_then(|r| r.get("storage"))
            .map(|q| q.0.clone())
            .unwrap_or_else(|| "?".to_string());
        let class = spec
            .and_then(|s| s.storage_class_name.clone())
            .unwrap_or_else(|| "<default class>".to_string());
        let phase = pvc
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_else(|| "Pending".to_string());
        out.push(ObjectInfo {
            kind: "PersistentVolumeClaim",
            name: name(&pvc.metadata),
            info: format!("{size} {class} {phase}"),
            created: created(&pvc.metadata),
        });
    }
    out
}
