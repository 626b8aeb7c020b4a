//! Helpers shared by the job manifests' unit tests: reaching into rendered objects.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Container, EnvVar, PodSpec, Volume};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::variants::{self, ID};
use super::{JobObjects, render};

pub(super) fn labels_of(meta: &ObjectMeta) -> &BTreeMap<String, String> {
    meta.labels.as_ref().unwrap()
}

pub(super) fn pod(sts: &StatefulSet) -> &PodSpec {
    sts.spec.as_ref().unwrap().template.spec.as_ref().unwrap()
}

pub(super) fn pod_labels(sts: &StatefulSet) -> &BTreeMap<String, String> {
    let template = &sts.spec.as_ref().unwrap().template;
    template.metadata.as_ref().unwrap().labels.as_ref().unwrap()
}

pub(super) fn container(sts: &StatefulSet, i: usize) -> &Container {
    &pod(sts).containers[i]
}

pub(super) fn env<'a>(c: &'a Container, name: &str) -> &'a EnvVar {
    c.env
        .as_ref()
        .unwrap()
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no env {name}"))
}

pub(super) fn env_val<'a>(c: &'a Container, name: &str) -> Option<&'a str> {
    env(c, name).value.as_deref()
}

pub(super) fn env_names(c: &Container) -> Vec<&str> {
    c.env
        .as_ref()
        .unwrap()
        .iter()
        .map(|e| e.name.as_str())
        .collect()
}

pub(super) fn quantities(map: &Option<BTreeMap<String, Quantity>>) -> Option<(String, String)> {
    map.as_ref()
        .map(|m| (m["cpu"].0.clone(), m["memory"].0.clone()))
}

pub(super) fn volume<'a>(pod: &'a PodSpec, name: &str) -> Option<&'a Volume> {
    pod.volumes
        .as_ref()
        .unwrap()
        .iter()
        .find(|v| v.name == name)
}

pub(super) fn mounts(c: &Container) -> Vec<(&str, &str)> {
    c.volume_mounts
        .as_ref()
        .unwrap()
        .iter()
        .map(|m| (m.name.as_str(), m.mount_path.as_str()))
        .collect()
}

pub(super) fn sel(key: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(key.to_string(), ID.to_string())])
}

pub(super) fn plain() -> JobObjects {
    render(&variants::plain())
}
