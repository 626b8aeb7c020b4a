//! The table of resource types the fake server serves: group, version, plural, kind, scope, subresources.

/// How `metadata.name` is validated for a resource type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRule {
    /// RFC 1123 subdomain (most kinds).
    Subdomain,
    /// RFC 1123 label (namespaces).
    Label1123,
    /// RFC 1035 label (services).
    Label1035,
    /// Any path segment without `/` or `%` (RBAC objects).
    PathSegment,
}

/// One served resource type.
#[derive(Debug)]
pub struct ResourceType {
    /// API group (`""` for core).
    pub group: &'static str,
    /// Version.
    pub version: &'static str,
    /// Plural resource name used in URLs.
    pub plural: &'static str,
    /// Singular name.
    pub singular: &'static str,
    /// Kind.
    pub kind: &'static str,
    /// Namespaced or cluster-scoped.
    pub namespaced: bool,
    /// kubectl short names.
    pub short_names: &'static [&'static str],
    /// Subresources served.
    pub subresources: &'static [&'static str],
    /// Name validation rule.
    pub name_rule: NameRule,
    /// Whether the object is stored (false: create-only review objects).
    pub stored: bool,
    /// Whether the server maintains `metadata.generation` (bumped on spec changes).
    pub has_generation: bool,
}

impl ResourceType {
    /// `apiVersion` value: `v1` or `apps/v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// Whether `/status` is a subresource (then main-resource writes keep the old status).
    pub fn has_status(&self) -> bool {
        self.subresources.contains(&"status")
    }
}

const ALL_VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

/// Verbs advertised in discovery for a resource type.
pub fn verbs_of(rt: &ResourceType) -> &'static [&'static str] {
    if rt.stored { ALL_VERBS } else { &["create"] }
}

macro_rules! rt {
    ($g:expr, $v:expr, $p:expr, $s:expr, $k:expr, $ns:expr, $short:expr, $sub:expr, $rule:expr, $gen:expr) => {
        ResourceType {
            group: $g,
            version: $v,
            plural: $p,
            singular: $s,
            kind: $k,
            namespaced: $ns,
            short_names: $short,
            subresources: $sub,
            name_rule: $rule,
            stored: true,
            has_generation: $gen,
        }
    };
}

use NameRule::*;

/// Every served resource type.
pub static RESOURCES: &[ResourceType] = &[
    rt!(
        "",
        "v1",
        "namespaces",
        "namespace",
        "Namespace",
        false,
        &["ns"],
        &["status", "finalize"],
        Label1123,
        false
    ),
    rt!(
        "",
        "v1",
        "nodes",
        "node",
        "Node",
        false,
        &["no"],
        &["status"],
        Subdomain,
        false
    ),
    rt!(
        "",
        "v1",
        "pods",
        "pod",
        "Pod",
        true,
        &["po"],
        &["status", "log", "exec", "portforward"],
        Subdomain,
        true
    ),
    rt!(
        "",
        "v1",
        "services",
        "service",
        "Service",
        true,
        &["svc"],
        &["status"],
        Label1035,
        false
    ),
    rt!(
        "",
        "v1",
        "configmaps",
        "configmap",
        "ConfigMap",
        true,
        &["cm"],
        &[],
        Subdomain,
        false
    ),
    rt!(
        "",
        "v1",
        "secrets",
        "secret",
        "Secret",
        true,
        &[],
        &[],
        Subdomain,
        false
    ),
    rt!(
        "",
        "v1",
        "persistentvolumeclaims",
        "persistentvolumeclaim",
        "PersistentVolumeClaim",
        true,
        &["pvc"],
        &["status"],
        Subdomain,
        false
    ),
    rt!(
        "",
        "v1",
        "persistentvolumes",
        "persistentvolume",
        "PersistentVolume",
        false,
        &["pv"],
        &["status"],
        Subdomain,
        false
    ),
    rt!(
        "",
        "v1",
        "serviceaccounts",
        "serviceaccount",
        "ServiceAccount",
        true,
        &["sa"],
        &[],
        Subdomain,
        false
    ),
    rt!(
        "",
        "v1",
        "events",
        "event",
        "Event",
        true,
        &["ev"],
        &[],
        Subdomain,
        false
    ),
    rt!(
        "",
        "v1",
        "endpoints",
        "endpoints",
        "Endpoints",
        true,
        &["ep"],
        &[],
        Subdomain,
        false
    ),
    rt!(
        "apps",
        "v1",
        "statefulsets",
        "statefulset",
        "StatefulSet",
        true,
        &["sts"],
        &["status", "scale"],
        Subdomain,
        true
    ),
    rt!(
        "apps",
        "v1",
        "deployments",
        "deployment",
        "Deployment",
        true,
        &["deploy"],
        &["status", "scale"],
        Subdomain,
        true
    ),
    rt!(
        "rbac.authorization.k8s.io",
        "v1",
        "roles",
        "role",
        "Role",
        true,
        &[],
        &[],
        PathSegment,
        false
    ),
    rt!(
        "rbac.authorization.k8s.io",
        "v1",
        "rolebindings",
        "rolebinding",
        "RoleBinding",
        true,
        &[],
        &[],
        PathSegment,
        false
    ),
    rt!(
        "rbac.authorization.k8s.io",
        "v1",
        "clusterroles",
        "clusterrole",
        "ClusterRole",
        false,
        &[],
        &[],
        PathSegment,
        false
    ),
    rt!(
        "rbac.authorization.k8s.io",
        "v1",
        "clusterrolebindings",
        "clusterrolebinding",
        "ClusterRoleBinding",
        false,
        &[],
        &[],
        PathSegment,
        false
    ),
    rt!(
        "networking.k8s.io",
        "v1",
        "ingresses",
        "ingress",
        "Ingress",
        true,
        &["ing"],
        &["status"],
        Subdomain,
        true
    ),
    rt!(
        "storage.k8s.io",
        "v1",
        "storageclasses",
        "storageclass",
        "StorageClass",
        false,
        &["sc"],
        &[],
        Subdomain,
        false
    ),
    ResourceType {
        group: "authorization.k8s.io",
        version: "v1",
        plural: "selfsubjectaccessreviews",
        singular: "selfsubjectaccessreview",
        kind: "SelfSubjectAccessReview",
        namespaced: false,
        short_names: &[],
        subresources: &[],
        name_rule: Subdomain,
        stored: false,
        has_generation: false,
    },
];

/// A resource type, as an index into [`RESOURCES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Res(pub u8);

impl Res {
    /// The type's description.
    pub fn info(self) -> &'static ResourceType {
        &RESOURCES[self.0 as usize]
    }

    /// Look up by group, version and plural.
    pub fn find(group: &str, version: &str, plural: &str) -> Option<Res> {
        RESOURCES
            .iter()
            .position(|r| r.group == group && r.version == version && r.plural == plural)
            .map(|i| Res(i as u8))
    }

    /// Look up by group and plural (any version).
    pub fn by_plural(group: &str, plural: &str) -> Option<Res> {
        RESOURCES
            .iter()
            .position(|r| r.group == group && r.plural == plural)
            .map(|i| Res(i as u8))
    }

    /// Look up by `apiVersion` and `kind` as found in an object.
    pub fn by_kind(api_version: &str, kind: &str) -> Option<Res> {
        let (group, version) = split_api_version(api_version);
        RESOURCES
            .iter()
            .position(|r| r.group == group && r.version == version && r.kind == kind)
            .map(|i| Res(i as u8))
    }

    /// Well-known types.
    pub fn namespaces() -> Res {
        Self::fixed("", "namespaces")
    }
    /// Nodes.
    pub fn nodes() -> Res {
        Self::fixed("", "nodes")
    }
    /// Pods.
    pub fn pods() -> Res {
        Self::fixed("", "pods")
    }
    /// Services.
    pub fn services() -> Res {
        Self::fixed("", "services")
    }
    /// Events.
    pub fn events() -> Res {
        Self::fixed("", "events")
    }
    /// PersistentVolumeClaims.
    pub fn pvcs() -> Res {
        Self::fixed("", "persistentvolumeclaims")
    }
    /// StatefulSets.
    pub fn statefulsets() -> Res {
        Self::fixed("apps", "statefulsets")
    }

    fn fixed(group: &str, plural: &str) -> Res {
        // The table above always holds these entries; index 0 is never reached in practice.
        Self::by_plural(group, plural).unwrap_or(Res(0))
    }
}

/// Split `apps/v1` into (`apps`, `v1`) and `v1` into (`""`, `v1`).
pub fn split_api_version(api_version: &str) -> (&str, &str) {
    match api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    }
}

/// The distinct (group, version) pairs served, core first.
pub fn group_versions() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for r in RESOURCES {
        if !out.contains(&(r.group, r.version)) {
            out.push((r.group, r.version));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let sts = Res::find("apps", "v1", "statefulsets").unwrap();
        assert_eq!(sts.info().kind, "StatefulSet");
        assert_eq!(sts, Res::statefulsets());
        assert_eq!(Res::by_kind("v1", "Pod"), Some(Res::pods()));
        assert!(!Res::nodes().info().namespaced);
        assert!(Res::find("", "v1", "widgets").is_none());
        assert_eq!(Res::pods().info().api_version(), "v1");
        assert_eq!(sts.info().api_version(), "apps/v1");
    }
}
