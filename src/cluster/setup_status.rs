//! Reading what `setup` installed in a namespace: one row per component with readiness,
//! addresses, the SSH key fingerprint and node-label counts (reads run concurrently); and
//! finding the objects `setup remove` may delete (by the managed-by label only).

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Node, Secret, Service};
use k8s_openapi::api::rbac::v1::{ClusterRole, Role, RoleBinding};
use kube::api::{Api, DynamicObject, ListParams};
use kube::core::{ApiResource, GroupVersionKind};
use serde::Serialize;

use crate::cluster::Cluster;
use crate::cluster::objects::{KindInfo, ObjectRef, kind_info};
use crate::cluster::wait_ready::Readiness;
use crate::manifests::labels::{COMPONENT, MANAGED_BY, MANAGER};
use crate::manifests::{auth, dashboard, openmpi, uploader, zookeeper};

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

    fn of(present: usize, expected: usize) -> Self {
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
type Read<T> = std::result::Result<Option<T>, String>;

/// Reads everything `setup status` shows, concurrently (one request per object, one node list).
pub async fn read_setup_status(cluster: &Cluster, opts: &StatusOptions) -> SetupStatus {
    let ns = cluster.namespace.as_str();
    let client = &cluster.client;
    let roles: Api<Role> = Api::namespaced(client.clone(), ns);
    let bindings: Api<RoleBinding> = Api::namespaced(client.clone(), ns);
    let cluster_roles: Api<ClusterRole> = Api::all(client.clone());
    let secrets: Api<Secret> = Api::namespaced(client.clone(), ns);
    let services: Api<Service> = Api::namespaced(client.clone(), ns);
    let sets: Api<StatefulSet> = Api::namespaced(client.clone(), ns);
    let nodes: Api<Node> = Api::all(client.clone());
    let nodes_role = auth::nodes_cluster_role_name(ns);

    let (
        (role, binding, submitter, submitter_binding, node_role),
        secret,
        (zk_set, zk_service, zk_headless),
        (dash_set, dash_service),
        (up_set, up_service),
        node_list,
    ) = futures::join!(
        async {
            futures::join!(
                get(cluster, &roles, auth::ROLE_NAME),
                get(cluster, &bindings, auth::ROLE_BINDING_NAME),
                get(cluster, &roles, auth::SUBMITTER_NAME),
                get(cluster, &bindings, auth::SUBMITTER_NAME),
                get(cluster, &cluster_roles, &nodes_role),
            )
        },
        get(cluster, &secrets, &opts.secret_name),
        async {
            futures::join!(
                get(cluster, &sets, zookeeper::NAME),
                get(cluster, &services, zookeeper::NAME),
                get(cluster, &services, zookeeper::HEADLESS_NAME),
            )
        },
        async {
            futures::join!(
                get(cluster, &sets, dashboard::NAME),
                get(cluster, &services, dashboard::NAME),
            )
        },
        async {
            futures::join!(
                get(cluster, &sets, uploader::NAME),
                get(cluster, &services, uploader::NAME),
            )
        },
        async {
            nodes
                .list(&ListParams::default())
                .await
                .map(|l| l.items)
                .map_err(|e| first_line(&cluster.explain(e).to_string()))
        },
    );

    let components = vec![
        auth_status(
            &role,
            &binding,
            &submitter,
            &submitter_binding,
            &node_role,
            &nodes_role,
        ),
        secret_status(&secret, &opts.secret_name),
        workload_status(
            zookeeper::COMPONENT,
            zookeeper::NAME,
            &zk_set,
            &[
                (zookeeper::NAME, &zk_service),
                (zookeeper::HEADLESS_NAME, &zk_headless),
            ],
            |sts| {
                format!(
                    "{}; {}",
                    zookeeper::server_addresses(ns),
                    zookeeper_storage(sts)
                )
            },
        ),
        workload_status(
            dashboard::COMPONENT,
            dashboard::NAME,
            &dash_set,
            &[(dashboard::NAME, &dash_service)],
            |_| dashboard::dashboard_host(ns),
        ),
        workload_status(
            uploader::COMPONENT,
            uploader::NAME,
            &up_set,
            &[(uploader::NAME, &up_service)],
            |_| uploader::web_server_url(ns),
        ),
        node_label_status(&node_list, &opts.rack_key, &opts.datacenter_key),
    ];
    SetupStatus {
        kind: "SetupStatus".to_string(),
        namespace: ns.to_string(),
        components,
    }
}

async fn get<K>(cluster: &Cluster, api: &Api<K>, name: &str) -> Read<K>
where
    K: Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    api.get_opt(name)
        .await
        .map_err(|e| first_line(&cluster.explain(e).to_string()))
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

fn is_managed(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> bool {
    meta.labels
        .as_ref()
        .and_then(|l| l.get(MANAGED_BY))
        .is_some_and(|v| v == MANAGER)
}

fn unknown(component: &str, error: &str) -> ComponentStatus {
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

fn subjects_text(binding: &RoleBinding) -> String {
    binding
        .subjects
        .iter()
        .flatten()
        .map(|s| match s.kind.as_str() {
            "ServiceAccount" => format!("serviceaccount {}", s.name),
            other => format!("{} {}", other.to_lowercase(), s.name),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The auth row from the Roles and bindings found.
pub fn auth_status(
    role: &Read<Role>,
    binding: &Read<RoleBinding>,
    submitter: &Read<Role>,
    submitter_binding: &Read<RoleBinding>,
    nodes_role: &Read<ClusterRole>,
    nodes_role_name: &str,
) -> ComponentStatus {
    let (role, binding) = match (role, binding) {
        (Err(e), _) | (_, Err(e)) => return unknown(auth::COMPONENT, e),
        (Ok(r), Ok(b)) => (r, b),
    };
    let mut objects = Vec::new();
    let mut details = Vec::new();
    let mut managed = true;
    if let Some(r) = role {
        objects.push(format!("role/{}", auth::ROLE_NAME));
        managed &= is_managed(&r.metadata);
        if !role_matches_twister2(r) {
            details.push(format!("{} differs from Twister2's rules", auth::ROLE_NAME));
        }
    }
    if let Some(b) = binding {
        objects.push(format!("rolebinding/{}", auth::ROLE_BINDING_NAME));
        managed &= is_managed(&b.metadata);
        details.push(format!("job pods: {}", subjects_text(b)));
    }
    let installed = Installed::of(objects.len(), 2);
    if let (Ok(Some(_)), Ok(Some(b))) = (submitter, submitter_binding) {
        objects.push(format!("role/{}", auth::SUBMITTER_NAME));
        objects.push(format!("rolebinding/{}", auth::SUBMITTER_NAME));
        details.push(format!("submitters: {}", subjects_text(b)));
    }
    match nodes_role {
        Ok(Some(r)) => {
            objects.push(format!("clusterrole/{nodes_role_name}"));
            let verbs: Vec<&str> = r
                .rules
                .iter()
                .flatten()
                .flat_map(|rule| rule.verbs.iter().map(String::as_str))
                .collect();
            details.push(format!("nodes: {}", verbs.join(",")));
        }
        Ok(None) => {}
        // Namespace admins usually cannot read ClusterRoles; not worth failing the row.
        Err(_) => {}
    }
    if details.is_empty() {
        details.push("not set up".to_string());
    }
    ComponentStatus {
        component: auth::COMPONENT.to_string(),
        installed,
        ready: None,
        ready_replicas: None,
        replicas: None,
        details: annotate_unmanaged(details.join("; "), installed, managed),
        managed: installed != Installed::No && managed,
        objects,
    }
}

fn role_matches_twister2(role: &Role) -> bool {
    let rules = role.rules.as_deref().unwrap_or_default();
    rules.len() == auth::JOB_RULES.len()
        && auth::JOB_RULES
            .iter()
            .zip(rules)
            .all(|((group, resources, verbs), rule)| {
                rule.api_groups.as_deref() == Some(&[group.to_string()][..])
                    && rule.resources.as_deref().unwrap_or_default() == *resources
                    && rule.verbs == *verbs
            })
}

fn annotate_unmanaged(details: String, installed: Installed, managed: bool) -> String {
    if installed != Installed::No && !managed {
        format!("{details} (not created by kubectl-twister2)")
    } else {
        details
    }
}

/// The openmpi-secret row.
pub fn secret_status(secret: &Read<Secret>, name: &str) -> ComponentStatus {
    let secret = match secret {
        Err(e) => return unknown(openmpi::COMPONENT, e),
        Ok(s) => s,
    };
    let (installed, details, managed, objects) = match secret {
        None => (
            Installed::No,
            format!("secret/{name} not found"),
            false,
            Vec::new(),
        ),
        Some(s) => {
            let managed = is_managed(&s.metadata);
            let details = match openmpi::secret_key_info(s) {
                Ok(info) => info.summary(),
                Err(problem) => format!("unusable: {problem}"),
            };
            (
                Installed::Yes,
                annotate_unmanaged(details, Installed::Yes, managed),
                managed,
                vec![format!("secret/{name}")],
            )
        }
    };
    ComponentStatus {
        component: openmpi::COMPONENT.to_string(),
        installed,
        ready: None,
        ready_replicas: None,
        replicas: None,
        details,
        managed,
        objects,
    }
}

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

fn zookeeper_storage(sts: &StatefulSet) -> String {
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

/// The node-labels row: how many nodes carry the rack and datacenter labels.
pub fn node_label_status(
    nodes: &std::result::Result<Vec<Node>, String>,
    rack_key: &str,
    datacenter_key: &str,
) -> ComponentStatus {
    const NAME: &str = "node-labels";
    let nodes = match nodes {
        Err(e) => return unknown(NAME, &format!("cannot list nodes: {e}")),
        Ok(n) => n,
    };
    // Twister2 matches label keys case-insensitively.
    let has = |node: &Node, key: &str| {
        node.metadata
            .labels
            .as_ref()
            .is_some_and(|l| l.keys().any(|k| k.eq_ignore_ascii_case(key)))
    };
    let total = nodes.len();
    let racks = nodes.iter().filter(|n| has(n, rack_key)).count();
    let datacenters = nodes.iter().filter(|n| has(n, datacenter_key)).count();
    let labelled = nodes
        .iter()
        .filter(|n| has(n, rack_key) || has(n, datacenter_key))
        .count();
    ComponentStatus {
        component: NAME.to_string(),
        installed: Installed::of(labelled, total.max(1)),
        ready: None,
        ready_replicas: None,
        replicas: None,
        details: format!(
            "{rack_key}: {racks}/{total} nodes, {datacenter_key}: {datacenters}/{total} nodes"
        ),
        managed: false,
        objects: Vec::new(),
    }
}

/// An object `setup remove` may delete, with the component it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagedObject {
    /// Where it is.
    pub target: ObjectRef,
    /// Its `app.kubernetes.io/component`.
    pub component: String,
}

/// The kinds a component's objects can have (namespaced, then cluster-scoped).
const NAMESPACED_KINDS: [(&str, &str); 7] = [
    ("apps/v1", "StatefulSet"),
    ("v1", "Service"),
    ("v1", "Secret"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("rbac.authorization.k8s.io/v1", "Role"),
    ("v1", "ServiceAccount"),
    ("v1", "PersistentVolumeClaim"),
];
const CLUSTER_KINDS: [(&str, &str); 2] = [
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
];

/// The label selector of `components`' objects in the namespace.
pub fn managed_selector(components: &[&str]) -> String {
    format!(
        "{MANAGED_BY}={MANAGER},{COMPONENT} in ({})",
        components.join(",")
    )
}

/// Every object carrying the managed-by label of one of `components` (values of
/// `app.kubernetes.io/component`): in the namespace, and, for `auth`, the node ClusterRole and
/// binding made for this namespace. One list per kind, concurrently; deletion order (workloads
/// first, claims last).
pub async fn managed_objects(cluster: &Cluster, components: &[&str]) -> Result<Vec<ManagedObject>> {
    let selector = managed_selector(components);
    let mut lists = Vec::new();
    for (api_version, kind) in NAMESPACED_KINDS {
        lists.push((kind_info(api_version, kind)?, selector.clone()));
    }
    if components.contains(&auth::COMPONENT) {
        for (api_version, kind) in CLUSTER_KINDS {
            lists.push((
                kind_info(api_version, kind)?,
                auth::cluster_objects_selector(&cluster.namespace),
            ));
        }
    }
    let found = futures::future::try_join_all(
        lists
            .iter()
            .map(|(kind, selector)| list_kind(cluster, *kind, selector)),
    )
    .await?;
    Ok(found.into_iter().flatten().collect())
}

async fn list_kind(
    cluster: &Cluster,
    kind: KindInfo,
    selector: &str,
) -> Result<Vec<ManagedObject>> {
    let (group, version) = kind
        .api_version
        .split_once('/')
        .unwrap_or(("", kind.api_version));
    let resource = ApiResource::from_gvk_with_plural(
        &GroupVersionKind::gvk(group, version, kind.kind),
        kind.plural,
    );
    let api: Api<DynamicObject> = if kind.namespaced {
        Api::namespaced_with(cluster.client.clone(), &cluster.namespace, &resource)
    } else {
        Api::all_with(cluster.client.clone(), &resource)
    };
    let list = api
        .list(&ListParams::default().labels(selector))
        .await
        .map_err(|e| anyhow!("cannot list {}: {}", kind.plural, cluster.explain(e)))?;
    Ok(list
        .items
        .into_iter()
        .filter_map(|object| {
            let name = object.metadata.name.clone()?;
            let labels: BTreeMap<String, String> = object.metadata.labels.unwrap_or_default();
            Some(ManagedObject {
                target: ObjectRef {
                    kind,
                    namespace: kind.namespaced.then(|| cluster.namespace.clone()),
                    name,
                },
                component: labels.get(COMPONENT).cloned().unwrap_or_default(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn auth_rows() {
        let objects = auth::auth_objects(&auth::AuthOptions {
            submitter_users: vec!["alice".into()],
            nodes: auth::NodeAccess::Read,
            ..auth::AuthOptions::new("ns")
        })
        .unwrap();
        let (sub_role, sub_binding) = objects.submitter.clone().unwrap();
        let (nodes_role, _) = objects.nodes.clone().unwrap();
        let row = auth_status(
            &Ok(Some(objects.role.clone())),
            &Ok(Some(objects.role_binding.clone())),
            &Ok(Some(sub_role)),
            &Ok(Some(sub_binding)),
            &Ok(Some(nodes_role)),
            "twister2-nodes-ns",
        );
        assert_eq!(row.installed, Installed::Yes);
        assert_eq!(
            row.details,
            "job pods: serviceaccount default; submitters: user alice; nodes: get,list,watch"
        );
        assert!(row.managed);
        assert_eq!(row.objects.len(), 5);

        let mut changed = objects.role.clone();
        changed.rules.as_mut().unwrap().pop();
        let row = auth_status(
            &Ok(Some(changed)),
            &Ok(None),
            &Ok(None),
            &Ok(None),
            &Err("Forbidden".into()),
            "twister2-nodes-ns",
        );
        assert_eq!(row.installed, Installed::Partial);
        assert_eq!(row.details, "twister2-role differs from Twister2's rules");

        let row = auth_status(&Ok(None), &Ok(None), &Ok(None), &Ok(None), &Ok(None), "x");
        assert_eq!(row.installed, Installed::No);
        assert_eq!(row.details, "not set up");
    }

    #[test]
    fn secret_rows() {
        let keys = crate::twister2::ssh_keys::SshKeyPair::generate(
            crate::twister2::ssh_keys::KeyType::Ed25519,
        )
        .unwrap();
        let secret =
            openmpi::openmpi_secret(&openmpi::OpenMpiSecretOptions::new("ns"), &keys).unwrap();
        let row = secret_status(&Ok(Some(secret.clone())), "twister2-openmpi-ssh-key");
        assert_eq!(row.installed, Installed::Yes);
        assert_eq!(row.details, format!("ED25519 256 {}", keys.fingerprint()));
        assert!(!row.details.contains("PRIVATE"));

        let mut broken = secret;
        broken.data.as_mut().unwrap().remove("authorized_keys");
        let row = secret_status(&Ok(Some(broken)), "s");
        assert!(row.details.starts_with("unusable: "), "{}", row.details);

        let row = secret_status(&Ok(None), "s");
        assert_eq!(row.installed, Installed::No);
        assert_eq!(row.details, "secret/s not found");
    }

    #[test]
    fn node_label_counts() {
        let node = |name: &str, labels: serde_json::Value| -> Node {
            from(json!({"metadata": {"name": name, "labels": labels}}))
        };
        let nodes = vec![
            node("a", json!({"rack": "r1", "datacenter": "dc1"})),
            node("b", json!({"Rack": "r2"})),
            node("c", json!({})),
        ];
        let row = node_label_status(&Ok(nodes), "rack", "datacenter");
        assert_eq!(row.installed, Installed::Partial);
        assert_eq!(row.details, "rack: 2/3 nodes, datacenter: 1/3 nodes");
        let row = node_label_status(&Ok(vec![]), "rack", "datacenter");
        assert_eq!(row.installed, Installed::No);
        let row = node_label_status(&Err("Forbidden".into()), "rack", "datacenter");
        assert_eq!(row.installed, Installed::Unknown);
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

    #[test]
    fn selector_names_only_managed_components() {
        assert_eq!(
            managed_selector(&["zookeeper", "uploader"]),
            "app.kubernetes.io/managed-by=kubectl-twister2,app.kubernetes.io/component in \
             (zookeeper,uploader)"
        );
    }
}
