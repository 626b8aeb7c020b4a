//! The rows of StatefulSet-based components (zookeeper, dashboard, uploader): objects present,
//! readiness, and ZooKeeper's storage.

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Service;

use super::report::{ComponentStatus, Installed, Read};
use super::report::{annotate_unmanaged, is_managed, unknown};
use crate::cluster::wait_ready::Readiness;

/// A StatefulSet-based row: installed when the StatefulSet and its Services exist; READY from
/// the StatefulSet; `details` describes a present StatefulSet.
pub fn workload_status(
    component: &str,
    set_name: &str,
    set: &Read<StatefulSet>,
    services: &[(&str, &Read<Service>)],
    details: impl FnOnce(&StatefulSet) -> String,
) -> ComponentStatus {
    if let Err(e) = set {
        return unknown(component, e);
    }
    if let Some((_, Err(e))) = services.iter().find(|(_, s)| s.is_err()) {
        return unknown(component, e);
    }
    let mut objects = Vec::new();
    let mut managed = true;
    let mut missing = Vec::new();
    for (name, service) in services {
        match service {
            Ok(Some(s)) => {
                managed &= is_managed(&s.metadata);
                objects.push(format!("service/{name}"));
            }
            _ => missing.push(format!("service/{name}")),
        }
    }
    let set = set.as_ref().ok().and_then(Option::as_ref);
    let readiness = set.map(Readiness::of);
    let mut text = match set {
        Some(sts) => {
            managed &= is_managed(&sts.metadata);
            objects.insert(0, format!("statefulset.apps/{set_name}"));
            details(sts)
        }
        None => {
            missing.insert(0, format!("statefulset.apps/{set_name}"));
            String::new()
        }
    };
    let installed = Installed::of(objects.len(), services.len() + 1);
    if installed == Installed::No {
        text = "not set up".to_string();
    } else if !missing.is_empty() {
        let missing = missing.join(", ");
        text = if text.is_empty() {
            format!("missing {missing}")
        } else {
            format!("{text}; missing {missing}")
        };
    }
    ComponentStatus {
        component: component.to_string(),
        installed,
        ready: readiness.map(|r| r.fraction()),
        ready_replicas: readiness.map(|r| r.ready.min(r.desired)),
        replicas: readiness.map(|r| r.desired),
        details: annotate_unmanaged(text, installed, managed),
        managed: installed != Installed::No && managed,
        objects,
    }
}

pub(super) fn zookeeper_storage(sts: &StatefulSet) -> String {
    let claim = sts
        .spec
        .as_ref()
        .and_then(|s| s.volume_claim_templates.as_ref())
        .and_then(|t| t.first());
    match claim.and_then(|c| c.spec.as_ref()) {
        Some(spec) => {
            let size = spec
                .resources
                .as_ref()
                .and_then(|r| r.requests.as_ref())
                .and_then(|r| r.get("storage"))
                .map(|q| q.0.clone())
                .unwrap_or_else(|| "?".to_string());
            match &spec.storage_class_name {
                Some(class) => format!("persistent {size} ({class})"),
                None => format!("persistent {size}"),
            }
        }
        None => "emptyDir (state lost on restart)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifests::zookeeper;
    use crate::twister2::names::{MANAGED_BY, MANAGER};
    use serde_json::json;

    fn from<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
        serde_json::from_value(v).unwrap()
    }

    fn managed_meta(name: &str) -> serde_json::Value {
        json!({"name": name, "labels": {MANAGED_BY: MANAGER}})
    }

    #[test]
    fn workload_rows() {
        let set: StatefulSet = from(json!({
            "metadata": {"name": "twister2-uploader", "generation": 1, "labels": {MANAGED_BY: MANAGER}},
            "spec": {"replicas": 3, "selector": {}, "serviceName": "x", "template": {}},
            "status": {"replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "observedGeneration": 1}
        }));
        let service: Service = from(json!({"metadata": managed_meta("twister2-uploader")}));
        let row = workload_status(
            "uploader",
            "twister2-uploader",
            &Ok(Some(set.clone())),
            &[("twister2-uploader", &Ok(Some(service)))],
            |_| "http://u".to_string(),
        );
        assert_eq!(row.installed, Installed::Yes);
        assert_eq!(row.ready.as_deref(), Some("2/3"));
        assert_eq!(row.details, "http://u");
        assert!(row.managed);
        assert_eq!(
            row.objects,
            [
                "statefulset.apps/twister2-uploader",
                "service/twister2-uploader"
            ]
        );

        let row = workload_status(
            "uploader",
            "twister2-uploader",
            &Ok(Some(set)),
            &[("twister2-uploader", &Ok(None))],
            |_| "http://u".to_string(),
        );
        assert_eq!(row.installed, Installed::Partial);
        assert_eq!(row.details, "http://u; missing service/twister2-uploader");

        let row = workload_status(
            "uploader",
            "twister2-uploader",
            &Ok(None),
            &[("twister2-uploader", &Ok(None))],
            |_| unreachable!(),
        );
        assert_eq!(row.installed, Installed::No);
        assert_eq!(row.ready, None);
        assert_eq!(row.details, "not set up");

        let row = workload_status(
            "uploader",
            "twister2-uploader",
            &Err("Forbidden: nope".to_string()),
            &[("twister2-uploader", &Ok(None))],
            |_| unreachable!(),
        );
        assert_eq!(row.installed, Installed::Unknown);
        assert_eq!(row.details, "cannot read: Forbidden: nope");
    }

    #[test]
    fn unmanaged_objects_are_called_out() {
        let set: StatefulSet = from(json!({
            "metadata": {"name": "twister2-dashboard"},
            "spec": {"selector": {}, "serviceName": "x", "template": {}},
        }));
        let service: Service = from(json!({"metadata": {"name": "twister2-dashboard"}}));
        let row = workload_status(
            "dashboard",
            "twister2-dashboard",
            &Ok(Some(set)),
            &[("twister2-dashboard", &Ok(Some(service)))],
            |_| "http://d".to_string(),
        );
        assert!(!row.managed);
        assert_eq!(row.details, "http://d (not created by kubectl-twister2)");
        assert_eq!(row.ready.as_deref(), Some("0/1"));
    }

    #[test]
    fn zookeeper_storage_text() {
        let objects = zookeeper::zookeeper_objects(&zookeeper::ZookeeperOptions {
            persistence: Some(crate::manifests::common::Persistence {
                storage_class: Some("fast".into()),
                size: "5Gi".into(),
            }),
            ..zookeeper::ZookeeperOptions::new("ns")
        })
        .unwrap();
        assert_eq!(
            zookeeper_storage(&objects.stateful_set),
            "persistent 5Gi (fast)"
        );
        let objects =
            zookeeper::zookeeper_objects(&zookeeper::ZookeeperOptions::new("ns")).unwrap();
        assert_eq!(
            zookeeper_storage(&objects.stateful_set),
            "emptyDir (state lost on restart)"
        );
    }
}
