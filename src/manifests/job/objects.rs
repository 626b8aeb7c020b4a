//! `JobObjects`: every object of one job, in creation order, and its `-o json|yaml` renderings.

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{ConfigMap, PersistentVolumeClaim, Service};
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use super::expose::ExposureObjects;

/// The objects of one job, each ready to create.
#[derive(Debug, Clone, PartialEq)]
pub struct JobObjects {
    /// `<jobID>`: headless, or the NodePort Service with `--expose nodeport`.
    pub worker_service: Service,
    /// `<jobID>-jm`: headless Service of the job master.
    pub job_master_service: Service,
    /// `<jobID>`: holds `TWISTER2_JOB_OBJECT`.
    pub config_map: ConfigMap,
    /// `<jobID>`: only with persistent storage and not when restoring (the claim then exists).
    pub persistent_volume_claim: Option<PersistentVolumeClaim>,
    /// `<jobID>-jm`.
    pub job_master: StatefulSet,
    /// `<jobID>-<i>`, one per compute resource in index order.
    pub workers: Vec<StatefulSet>,
    /// LoadBalancer / Ingress objects beyond Twister2 (created last, after the ConfigMap, so
    /// they can be owned by it: see [`expose::set_owner`](crate::manifests::job::expose::set_owner)).
    pub exposure: ExposureObjects,
}

/// One object of a job, of any kind.
// A handful of these live briefly in a Vec; boxing would only make matching on them clumsier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum JobObject {
    /// A Service.
    Service(Service),
    /// The ConfigMap.
    ConfigMap(ConfigMap),
    /// The claim.
    PersistentVolumeClaim(PersistentVolumeClaim),
    /// A StatefulSet.
    StatefulSet(StatefulSet),
    /// The Ingress.
    Ingress(Ingress),
}

impl JobObject {
    /// The object's `kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            JobObject::Service(_) => "Service",
            JobObject::ConfigMap(_) => "ConfigMap",
            JobObject::PersistentVolumeClaim(_) => "PersistentVolumeClaim",
            JobObject::StatefulSet(_) => "StatefulSet",
            JobObject::Ingress(_) => "Ingress",
        }
    }

    /// The object's metadata.
    pub fn metadata(&self) -> &ObjectMeta {
        match self {
            JobObject::Service(o) => &o.metadata,
            JobObject::ConfigMap(o) => &o.metadata,
            JobObject::PersistentVolumeClaim(o) => &o.metadata,
            JobObject::StatefulSet(o) => &o.metadata,
            JobObject::Ingress(o) => &o.metadata,
        }
    }

    /// The object's name.
    pub fn name(&self) -> &str {
        self.metadata().name.as_deref().unwrap_or_default()
    }
}

impl JobObjects {
    /// Every object in Twister2's creation order (worker Service, job-master Service, ConfigMap,
    /// claim, job-master StatefulSet, worker StatefulSets), then the exposure objects.
    pub fn in_creation_order(&self) -> Vec<JobObject> {
        let mut all = vec![
            JobObject::Service(self.worker_service.clone()),
            JobObject::Service(self.job_master_service.clone()),
            JobObject::ConfigMap(self.config_map.clone()),
        ];
        if let Some(pvc) = &self.persistent_volume_claim {
            all.push(JobObject::PersistentVolumeClaim(pvc.clone()));
        }
        all.push(JobObject::StatefulSet(self.job_master.clone()));
        all.extend(self.workers.iter().cloned().map(JobObject::StatefulSet));
        all.extend(
            self.exposure
                .services
                .iter()
                .cloned()
                .map(JobObject::Service),
        );
        if let Some(ingress) = &self.exposure.ingress {
            all.push(JobObject::Ingress(ingress.clone()));
        }
        all
    }

    /// Every object as JSON, in creation order.
    pub fn to_json_values(&self) -> Result<Vec<serde_json::Value>, serde_json::Error> {
        self.in_creation_order()
            .iter()
            .map(serde_json::to_value)
            .collect()
    }

    /// A `kind: List` of every object, as kubectl prints several objects with `-o json`.
    pub fn to_json_list(&self) -> Result<serde_json::Value, serde_json::Error> {
        Ok(serde_json::json!({
            "apiVersion": "v1",
            "kind": "List",
            "metadata": { "resourceVersion": "" },
            "items": self.to_json_values()?,
        }))
    }

    /// Every object as one YAML stream, documents separated by `---`.
    pub fn to_yaml(&self) -> Result<String, serde_yaml::Error> {
        let docs = self
            .in_creation_order()
            .iter()
            .map(serde_yaml::to_string)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(docs.join("---\n"))
    }
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::apps::v1::StatefulSet;

    use crate::manifests::job::render;
    use crate::manifests::job::test_support::*;
    use crate::manifests::job::variants::{self, ID};

    use super::JobObject;

    #[test]
    fn object_names_and_creation_order() {
        let objects = plain();
        let listed: Vec<(&str, String)> = objects
            .in_creation_order()
            .iter()
            .map(|o| (o.kind(), o.name().to_string()))
            .collect();
        let expected = [
            ("Service", ID.to_string()),
            ("Service", format!("{ID}-jm")),
            ("ConfigMap", ID.to_string()),
            ("StatefulSet", format!("{ID}-jm")),
            ("StatefulSet", format!("{ID}-0")),
        ];
        assert_eq!(listed, expected.to_vec());
        let targets = render(&variants::targets());
        assert_eq!(
            targets.workers[1].metadata.name.as_deref(),
            Some(&*format!("{ID}-1"))
        );
        let persistent = render(&variants::persistent());
        let kinds: Vec<&str> = persistent
            .in_creation_order()
            .iter()
            .map(JobObject::kind)
            .collect();
        assert_eq!(
            kinds,
            [
                "Service",
                "Service",
                "ConfigMap",
                "PersistentVolumeClaim",
                "StatefulSet",
                "StatefulSet"
            ]
        );
    }

    #[test]
    fn json_list_and_yaml_stream() {
        let objects = render(&variants::ingress());
        let count = objects.in_creation_order().len();
        assert_eq!(count, 7);
        let list = objects.to_json_list().unwrap();
        assert_eq!(list["kind"], "List");
        assert_eq!(list["apiVersion"], "v1");
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), count);
        assert_eq!(items[0]["kind"], "Service");
        assert_eq!(items[0]["apiVersion"], "v1");
        assert_eq!(items[4]["apiVersion"], "apps/v1");
        assert_eq!(items[6]["apiVersion"], "networking.k8s.io/v1");
        let yaml = objects.to_yaml().unwrap();
        let docs: Vec<serde_yaml::Value> = serde_yaml::Deserializer::from_str(&yaml)
            .map(|d| serde::Deserialize::deserialize(d).unwrap())
            .collect();
        assert_eq!(docs.len(), count);
        let kinds: Vec<&str> = docs.iter().map(|d| d["kind"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            [
                "Service",
                "Service",
                "ConfigMap",
                "StatefulSet",
                "StatefulSet",
                "Service",
                "Ingress"
            ]
        );
        assert!(
            yaml.starts_with("apiVersion: v1\nkind: Service\n"),
            "{yaml}"
        );
        // Round trip: the YAML parses back into the same typed objects.
        let back: StatefulSet = serde_yaml::from_value(docs[4].clone()).unwrap();
        assert_eq!(back, objects.workers[0]);
    }
}
