//! RBAC of a Twister2 namespace: job Role and binding, submitter Role, node ClusterRole.
//!
//! The job Role is Twister2's `twister2-role` (five rules) bound, by default, to the namespace's
//! `default` ServiceAccount instead of Twister2's `system:authenticated` group.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::ServiceAccount;
use k8s_openapi::api::rbac::v1::{
    ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::common::{InvalidOption, check_dns_subdomain, object_meta};
use super::labels;
use super::openmpi::DEFAULT_SECRET_NAME;
use super::rights::{Right, SUBMITTER_RIGHTS};
use crate::twister2::names;

/// Value of `app.kubernetes.io/component`.
pub const COMPONENT: &str = "auth";
/// Twister2's Role for job pods.
pub const ROLE_NAME: &str = "twister2-role";
/// Twister2's RoleBinding for job pods.
pub const ROLE_BINDING_NAME: &str = "twister2-role-binding";
/// Role (and its RoleBinding) for users of this plugin.
pub const SUBMITTER_NAME: &str = "twister2-submitter";
/// The ServiceAccount job pods run as (Twister2 sets no `serviceAccountName`).
pub const DEFAULT_SERVICE_ACCOUNT: &str = "default";
/// Label on the cluster-scoped objects naming the namespace they were made for.
pub const INSTANCE_LABEL: &str = "app.kubernetes.io/instance";

const RBAC_GROUP: &str = "rbac.authorization.k8s.io";

/// Twister2's `twister2-role` rules, exactly (`twister2-auth.yaml`): (apiGroup, resources,
/// verbs). Workers find the job master through pods; the job master deletes the job's objects
/// when it ends, scales the last StatefulSet and updates the job ConfigMap.
pub const JOB_RULES: [(&str, &[&str], &[&str]); 5] = [
    ("", &["pods"], &["get", "watch", "list"]),
    (
        "",
        &["persistentvolumeclaims"],
        &["get", "list", "watch", "delete"],
    ),
    ("", &["services"], &["get", "list", "watch", "delete"]),
    (
        "",
        &["configmaps"],
        &["get", "list", "watch", "patch", "delete"],
    ),
    (
        "apps",
        &["statefulsets", "statefulsets/scale"],
        &["get", "list", "watch", "delete", "patch", "update"],
    ),
];

/// submit (OpenMPI jobs): checks that the SSH Secret exists. Granted on that one Secret only
/// (`resourceNames`), so submitters cannot read other Secrets.
pub const SUBMITTER_SECRET_VERBS: &[&str] = &["get"];

/// `--nodes`: submit reads node addresses and rack/datacenter labels (Twister2's node info);
/// endpoints maps NodePorts to node addresses.
pub const NODE_READ_VERBS: &[&str] = &["get", "list", "watch"];
/// `--nodes`: submit's and setup's pre-flight check the StorageClass a claim names.
pub const STORAGE_CLASS_READ_VERBS: &[&str] = &["get", "list"];
/// `--label-nodes`: `nodes label` sets rack/datacenter labels.
pub const NODE_LABEL_VERBS: &[&str] = &["patch"];

/// Whether submitters may read (and label) nodes, cluster-wide.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NodeAccess {
    /// No ClusterRole.
    #[default]
    None,
    /// `--nodes`: get/list/watch nodes, get/list StorageClasses.
    Read,
    /// `--nodes --label-nodes`: also patch them.
    ReadAndLabel,
}

/// What `setup auth` renders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthOptions {
    /// Namespace of the Roles and bindings.
    pub namespace: String,
    /// `--service-account NAME`: bind this account (rendered, so it is created if missing).
    /// `None` and no `groups`: the namespace's `default` account, which job pods run as.
    pub service_account: Option<String>,
    /// `--group G` (repeatable): bind groups, e.g. `system:authenticated` (Twister2's file).
    pub groups: Vec<String>,
    /// `--submitter USER` (repeatable).
    pub submitter_users: Vec<String>,
    /// `--submitter-group GROUP` (repeatable).
    pub submitter_groups: Vec<String>,
    /// Name of the OpenMPI Secret submitters may check (`kubernetes.secret.name`).
    pub openmpi_secret_name: String,
    /// `--nodes` / `--label-nodes`.
    pub nodes: NodeAccess,
}

impl AuthOptions {
    /// Job Role bound to the `default` ServiceAccount; no submitters, no node access.
    pub fn new(namespace: impl Into<String>) -> Self {
        AuthOptions {
            namespace: namespace.into(),
            service_account: None,
            groups: Vec::new(),
            submitter_users: Vec::new(),
            submitter_groups: Vec::new(),
            openmpi_secret_name: DEFAULT_SECRET_NAME.to_string(),
            nodes: NodeAccess::None,
        }
    }
}

/// The rendered objects; apply order is the field order.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthObjects {
    /// The `--service-account` account (never the `default` one, which always exists).
    pub service_account: Option<ServiceAccount>,
    /// `twister2-role`.
    pub role: Role,
    /// `twister2-role-binding`.
    pub role_binding: RoleBinding,
    /// `twister2-submitter` Role and RoleBinding, with submitters.
    pub submitter: Option<(Role, RoleBinding)>,
    /// `twister2-nodes-<namespace>` ClusterRole and ClusterRoleBinding, with `--nodes`.
    pub nodes: Option<(ClusterRole, ClusterRoleBinding)>,
}

impl AuthObjects {
    /// The objects as JSON documents, in apply order.
    pub fn to_json_values(&self) -> Result<Vec<serde_json::Value>, serde_json::Error> {
        let mut docs = Vec::new();
        if let Some(sa) = &self.service_account {
            docs.push(serde_json::to_value(sa)?);
        }
        docs.push(serde_json::to_value(&self.role)?);
        docs.push(serde_json::to_value(&self.role_binding)?);
        if let Some((role, binding)) = &self.submitter {
            docs.push(serde_json::to_value(role)?);
            docs.push(serde_json::to_value(binding)?);
        }
        if let Some((role, binding)) = &self.nodes {
            docs.push(serde_json::to_value(role)?);
            docs.push(serde_json::to_value(binding)?);
        }
        Ok(docs)
    }
}

/// Name of the node ClusterRole and ClusterRoleBinding made for `namespace`.
pub fn nodes_cluster_role_name(namespace: &str) -> String {
    format!("twister2-nodes-{namespace}")
}

/// Label selector for the cluster-scoped objects `setup auth` made for `namespace`.
pub fn cluster_objects_selector(namespace: &str) -> String {
    format!(
        "{},{INSTANCE_LABEL}={namespace}",
        names::component_selector(COMPONENT)
    )
}

/// Renders the RBAC objects.
pub fn auth_objects(opts: &AuthOptions) -> Result<AuthObjects, InvalidOption> {
    check_dns_subdomain("kubernetes.secret.name", &opts.openmpi_secret_name)?;
    for (option, names) in [
        ("--group", &opts.groups),
        ("--submitter", &opts.submitter_users),
        ("--submitter-group", &opts.submitter_groups),
    ] {
        if let Some(bad) = names.iter().find(|n| n.trim().is_empty() || n.trim() != *n) {
            return Err(InvalidOption::new(
                option,
                bad.as_str(),
                "a user or group name is not empty and has no surrounding spaces",
            ));
        }
    }
    let has_submitters = !opts.submitter_users.is_empty() || !opts.submitter_groups.is_empty();
    if opts.nodes != NodeAccess::None && !has_submitters {
        return Err(InvalidOption::new(
            "--nodes",
            "",
            "node access is granted to submitters; add --submitter USER or --submitter-group GROUP",
        ));
    }

    let labels = labels::managed(COMPONENT);
    let ns = opts.namespace.as_str();

    let mut job_subjects = Vec::new();
    let mut service_account = None;
    if let Some(name) = &opts.service_account {
        check_dns_subdomain("--service-account", name)?;
        job_subjects.push(service_account_subject(name, ns));
        if name != DEFAULT_SERVICE_ACCOUNT {
            service_account = Some(ServiceAccount {
                metadata: object_meta(name, ns, &labels),
                ..Default::default()
            });
        }
    }
    job_subjects.extend(unique(&opts.groups).map(|g| rbac_subject("Group", g)));
    if job_subjects.is_empty() {
        job_subjects.push(service_account_subject(DEFAULT_SERVICE_ACCOUNT, ns));
    }

    let role = Role {
        metadata: object_meta(ROLE_NAME, ns, &labels),
        rules: Some(
            JOB_RULES
                .iter()
                .map(|(group, resources, verbs)| PolicyRule {
                    api_groups: Some(vec![group.to_string()]),
                    resources: Some(strings(resources)),
                    verbs: strings(verbs),
                    ..Default::default()
                })
                .collect(),
        ),
    };
    let role_binding = RoleBinding {
        metadata: object_meta(ROLE_BINDING_NAME, ns, &labels),
        role_ref: role_ref("Role", ROLE_NAME),
        subjects: Some(job_subjects),
    };

    let submitter_subjects: Vec<Subject> = unique(&opts.submitter_users)
        .map(|u| rbac_subject("User", u))
        .chain(unique(&opts.submitter_groups).map(|g| rbac_subject("Group", g)))
        .collect();
    let submitter = has_submitters.then(|| {
        let mut rules = rules_from_rights(SUBMITTER_RIGHTS);
        rules.push(PolicyRule {
            api_groups: Some(vec![String::new()]),
            resources: Some(vec!["secrets".to_string()]),
            resource_names: Some(vec![opts.openmpi_secret_name.clone()]),
            verbs: strings(SUBMITTER_SECRET_VERBS),
            ..Default::default()
        });
        (
            Role {
                metadata: object_meta(SUBMITTER_NAME, ns, &labels),
                rules: Some(rules),
            },
            RoleBinding {
                metadata: object_meta(SUBMITTER_NAME, ns, &labels),
                role_ref: role_ref("Role", SUBMITTER_NAME),
                subjects: Some(submitter_subjects.clone()),
            },
        )
    });

    let nodes = (opts.nodes != NodeAccess::None).then(|| {
        let name = nodes_cluster_role_name(ns);
        let mut cluster_labels = labels.clone();
        cluster_labels.insert(INSTANCE_LABEL.to_string(), ns.to_string());
        let mut verbs = strings(NODE_READ_VERBS);
        if opts.nodes == NodeAccess::ReadAndLabel {
            verbs.extend(strings(NODE_LABEL_VERBS));
        }
        (
            ClusterRole {
                metadata: cluster_meta(&name, &cluster_labels),
                rules: Some(vec![
                    PolicyRule {
                        api_groups: Some(vec![String::new()]),
                        resources: Some(vec!["nodes".to_string()]),
                        verbs,
                        ..Default::default()
                    },
                    PolicyRule {
                        api_groups: Some(vec!["storage.k8s.io".to_string()]),
                        resources: Some(vec!["storageclasses".to_string()]),
                        verbs: strings(STORAGE_CLASS_READ_VERBS),
                        ..Default::default()
                    },
                ]),
                ..Default::default()
            },
            ClusterRoleBinding {
                metadata: cluster_meta(&name, &cluster_labels),
                role_ref: role_ref("ClusterRole", &name),
                subjects: Some(submitter_subjects),
            },
        )
    });

    Ok(AuthObjects {
        service_account,
        role,
        role_binding,
        submitter,
        nodes,
    })
}

/// One rule per (apiGroup, resource), in table order, with the verbs in table order.
fn rules_from_rights(rights: &[Right]) -> Vec<PolicyRule> {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut verbs: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for right in rights {
        let key = (right.group(), right.resource());
        let entry = verbs.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Vec::new()
        });
        if !entry.iter().any(|v| v == right.verb) {
            entry.push(right.verb.to_string());
        }
    }
    order
        .into_iter()
        .map(|key| PolicyRule {
            api_groups: Some(vec![key.0.clone()]),
            resources: Some(vec![key.1.clone()]),
            verbs: verbs.remove(&key).unwrap_or_default(),
            ..Default::default()
        })
        .collect()
}

fn unique(names: &[String]) -> impl Iterator<Item = &String> {
    names
        .iter()
        .enumerate()
        .filter(|(i, n)| !names[..*i].contains(n))
        .map(|(_, n)| n)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn service_account_subject(name: &str, namespace: &str) -> Subject {
    Subject {
        kind: "ServiceAccount".to_string(),
        name: name.to_string(),
        namespace: Some(namespace.to_string()),
        ..Default::default()
    }
}

fn rbac_subject(kind: &str, name: &str) -> Subject {
    Subject {
        kind: kind.to_string(),
        name: name.to_string(),
        api_group: Some(RBAC_GROUP.to_string()),
        ..Default::default()
    }
}

fn role_ref(kind: &str, name: &str) -> RoleRef {
    RoleRef {
        api_group: RBAC_GROUP.to_string(),
        kind: kind.to_string(),
        name: name.to_string(),
    }
}

fn cluster_meta(name: &str, labels: &BTreeMap<String, String>) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_string()),
        labels: Some(labels.clone()),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{assert_kubernetes_valid, yaml_stream};
    use super::*;

    fn full() -> AuthOptions {
        AuthOptions {
            service_account: Some("twister2-jobs".to_string()),
            submitter_users: vec!["alice".to_string(), "bob".to_string(), "alice".to_string()],
            submitter_groups: vec!["data-team".to_string()],
            nodes: NodeAccess::ReadAndLabel,
            ..AuthOptions::new("team-a")
        }
    }

    fn rule_tuples(rules: &[PolicyRule]) -> Vec<(String, String, String)> {
        rules
            .iter()
            .flat_map(|r| {
                let group = r.api_groups.as_ref().unwrap()[0].clone();
                r.resources.as_ref().unwrap().iter().flat_map(move |res| {
                    let group = group.clone();
                    r.verbs
                        .iter()
                        .map(move |v| (v.clone(), group.clone(), res.clone()))
                })
            })
            .collect()
    }

    #[test]
    fn default_binds_only_the_namespace_default_service_account() {
        let o = auth_objects(&AuthOptions::new("team-a")).unwrap();
        assert!(o.service_account.is_none());
        assert!(o.submitter.is_none());
        assert!(o.nodes.is_none());
        let subjects = o.role_binding.subjects.as_ref().unwrap();
        assert_eq!(subjects.len(), 1);
        assert_eq!(subjects[0].kind, "ServiceAccount");
        assert_eq!(subjects[0].name, "default");
        assert_eq!(subjects[0].namespace.as_deref(), Some("team-a"));
        assert_eq!(o.role_binding.role_ref.name, "twister2-role");
        assert_eq!(o.role_binding.role_ref.kind, "Role");
        assert_eq!(o.role.metadata.namespace.as_deref(), Some("team-a"));
        assert_eq!(o.role_binding.metadata.namespace.as_deref(), Some("team-a"));
        assert_eq!(
            o.role.metadata.labels.as_ref().unwrap()[names::COMPONENT],
            "auth"
        );
    }

    #[test]
    fn job_role_has_exactly_twister2_five_rules_and_no_wildcards() {
        let o = auth_objects(&AuthOptions::new("x")).unwrap();
        let rules = o.role.rules.as_ref().unwrap();
        assert_eq!(rules.len(), 5);
        let tuples = rule_tuples(rules);
        assert_eq!(tuples.len(), 3 + 4 + 4 + 5 + 2 * 6);
        assert!(tuples.contains(&("patch".into(), "apps".into(), "statefulsets/scale".into())));
        assert!(tuples.contains(&("patch".into(), "".into(), "configmaps".into())));
        assert!(
            !tuples
                .iter()
                .any(|(v, g, r)| v == "*" || g == "*" || r == "*")
        );
        assert!(!tuples.iter().any(|(v, _, _)| v == "create"));
    }

    #[test]
    fn group_option_restores_twister2_binding() {
        let o = auth_objects(&AuthOptions {
            groups: vec!["system:authenticated".to_string()],
            ..AuthOptions::new("x")
        })
        .unwrap();
        let subjects = o.role_binding.subjects.as_ref().unwrap();
        assert_eq!(subjects.len(), 1);
        assert_eq!(subjects[0].kind, "Group");
        assert_eq!(subjects[0].name, "system:authenticated");
        assert_eq!(
            subjects[0].api_group.as_deref(),
            Some("rbac.authorization.k8s.io")
        );
    }

    #[test]
    fn named_service_account_is_rendered_and_bound() {
        let o = auth_objects(&full()).unwrap();
        let sa = o.service_account.as_ref().unwrap();
        assert_eq!(sa.metadata.name.as_deref(), Some("twister2-jobs"));
        assert_eq!(sa.metadata.namespace.as_deref(), Some("team-a"));
        let subjects = o.role_binding.subjects.as_ref().unwrap();
        assert_eq!(subjects.len(), 1);
        assert_eq!(subjects[0].name, "twister2-jobs");
        // Naming the default account binds it without rendering it.
        let o = auth_objects(&AuthOptions {
            service_account: Some("default".to_string()),
            ..AuthOptions::new("x")
        })
        .unwrap();
        assert!(o.service_account.is_none());
        assert_eq!(o.role_binding.subjects.as_ref().unwrap()[0].name, "default");
    }

    #[test]
    fn submitter_role_is_exactly_the_rights_table() {
        let o = auth_objects(&full()).unwrap();
        let (role, binding) = o.submitter.as_ref().unwrap();
        assert_eq!(role.metadata.name.as_deref(), Some("twister2-submitter"));
        let rules = role.rules.as_ref().unwrap();
        let (secret_rules, table_rules): (Vec<_>, Vec<_>) = rules
            .iter()
            .cloned()
            .partition(|r| r.resource_names.is_some());
        let mut rendered = rule_tuples(&table_rules);
        let mut expected: Vec<(String, String, String)> = SUBMITTER_RIGHTS
            .iter()
            .map(|r| (r.verb.to_string(), r.group(), r.resource()))
            .collect();
        rendered.sort();
        expected.sort();
        assert_eq!(rendered, expected);
        assert!(expected.contains(&("create".into(), "".into(), "pods/exec".into())));
        assert!(expected.contains(&("get".into(), "".into(), "pods/log".into())));
        // Only the OpenMPI Secret, only get.
        assert_eq!(secret_rules.len(), 1);
        assert_eq!(
            secret_rules[0].resource_names.as_ref().unwrap(),
            &["twister2-openmpi-ssh-key".to_string()]
        );
        assert_eq!(secret_rules[0].verbs, ["get"]);
        // No wildcard, no namespaces, no RBAC escalation, no secrets beyond the one.
        for (v, g, r) in rule_tuples(rules) {
            assert!(v != "*" && g != "*" && r != "*");
            assert!(r != "namespaces" && r != "roles" && r != "rolebindings");
        }
        // Users deduplicated, then groups.
        let subjects = binding.subjects.as_ref().unwrap();
        let names: Vec<_> = subjects
            .iter()
            .map(|s| (s.kind.as_str(), s.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [("User", "alice"), ("User", "bob"), ("Group", "data-team")]
        );
        assert_eq!(binding.role_ref.name, "twister2-submitter");
    }

    #[test]
    fn node_cluster_role_is_per_namespace_and_patch_only_with_label_nodes() {
        let o = auth_objects(&full()).unwrap();
        let (role, binding) = o.nodes.as_ref().unwrap();
        assert_eq!(role.metadata.name.as_deref(), Some("twister2-nodes-team-a"));
        assert!(role.metadata.namespace.is_none());
        assert_eq!(
            role.metadata.labels.as_ref().unwrap()[INSTANCE_LABEL],
            "team-a"
        );
        let rule = &role.rules.as_ref().unwrap()[0];
        assert_eq!(rule.resources.as_ref().unwrap(), &["nodes".to_string()]);
        assert_eq!(rule.verbs, ["get", "list", "watch", "patch"]);
        let classes = &role.rules.as_ref().unwrap()[1];
        assert_eq!(classes.api_groups.as_ref().unwrap(), &["storage.k8s.io"]);
        assert_eq!(classes.resources.as_ref().unwrap(), &["storageclasses"]);
        assert_eq!(classes.verbs, ["get", "list"]);
        assert_eq!(binding.role_ref.kind, "ClusterRole");
        assert_eq!(binding.role_ref.name, "twister2-nodes-team-a");
        assert_eq!(binding.subjects.as_ref().unwrap().len(), 3);

        let o = auth_objects(&AuthOptions {
            nodes: NodeAccess::Read,
            ..full()
        })
        .unwrap();
        assert_eq!(
            o.nodes.unwrap().0.rules.unwrap()[0].verbs,
            ["get", "list", "watch"]
        );
        assert_eq!(
            cluster_objects_selector("team-a"),
            "app.kubernetes.io/managed-by=kubectl-twister2,app.kubernetes.io/component=auth,\
             app.kubernetes.io/instance=team-a"
        );
    }

    #[test]
    fn rejects_bad_options() {
        let e = auth_objects(&AuthOptions {
            nodes: NodeAccess::Read,
            ..AuthOptions::new("x")
        })
        .unwrap_err();
        assert_eq!(e.option, "--nodes");
        let e = auth_objects(&AuthOptions {
            service_account: Some("Bad_Name".to_string()),
            ..AuthOptions::new("x")
        })
        .unwrap_err();
        assert_eq!(e.option, "--service-account");
        let e = auth_objects(&AuthOptions {
            submitter_users: vec![" ".to_string()],
            ..AuthOptions::new("x")
        })
        .unwrap_err();
        assert_eq!(e.option, "--submitter");
        let e = auth_objects(&AuthOptions {
            groups: vec!["".to_string()],
            ..AuthOptions::new("x")
        })
        .unwrap_err();
        assert_eq!(e.option, "--group");
    }

    #[test]
    fn snapshot_default() {
        let docs = auth_objects(&AuthOptions::new("team-a"))
            .unwrap()
            .to_json_values()
            .unwrap();
        insta::assert_yaml_snapshot!(docs);
    }

    #[test]
    fn snapshot_everything() {
        let docs = auth_objects(&full()).unwrap().to_json_values().unwrap();
        insta::assert_yaml_snapshot!(docs);
    }

    #[test]
    fn rendered_objects_pass_kubernetes_validate() {
        let group = AuthOptions {
            groups: vec!["system:authenticated".to_string()],
            submitter_groups: vec!["devs".to_string()],
            nodes: NodeAccess::Read,
            ..AuthOptions::new("team-b")
        };
        let streams = [
            ("auth-default", AuthOptions::new("team-a")),
            ("auth-full", full()),
            ("auth-group", group),
        ]
        .map(|(name, opts)| {
            (
                name,
                yaml_stream(&auth_objects(&opts).unwrap().to_json_values().unwrap()),
            )
        });
        assert_kubernetes_valid(&streams);
    }
}
