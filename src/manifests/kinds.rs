//! The registry of the object kinds the plugin creates, lists, watches or deletes: each kind
//! once, with its k8s-openapi type (so its API endpoint is `ApiResource::erase::<K>()`, never
//! a hand-kept table), and the groups of kinds that kill, job listing, rollback, setup status
//! and `setup remove` work on. The RBAC rights table (`rights`) names kinds from here.

use std::fmt;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{
    ConfigMap, Event, Namespace, Node, PersistentVolumeClaim, Pod, Secret, Service, ServiceAccount,
};
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use kube::core::ApiResource;

/// A kind of object the plugin works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `v1` Namespace.
    Namespace,
    /// `v1` Node.
    Node,
    /// `v1` Pod.
    Pod,
    /// `v1` Event.
    Event,
    /// `apps/v1` StatefulSet.
    StatefulSet,
    /// `v1` Service.
    Service,
    /// `networking.k8s.io/v1` Ingress.
    Ingress,
    /// `v1` ConfigMap.
    ConfigMap,
    /// `v1` Secret.
    Secret,
    /// `v1` ServiceAccount.
    ServiceAccount,
    /// `v1` PersistentVolumeClaim.
    PersistentVolumeClaim,
    /// `rbac.authorization.k8s.io/v1` Role.
    Role,
    /// `rbac.authorization.k8s.io/v1` RoleBinding.
    RoleBinding,
    /// `rbac.authorization.k8s.io/v1` ClusterRole.
    ClusterRole,
    /// `rbac.authorization.k8s.io/v1` ClusterRoleBinding.
    ClusterRoleBinding,
}

/// The kinds of a job's objects (pods aside, which their StatefulSets own), in the order
/// Twister2's job master deletes them: what `jobs` lists, `kill` deletes and watches go, and
/// a submit's rollback deletes.
pub const JOB_KINDS: [Kind; 5] = [
    Kind::StatefulSet,
    Kind::Service,
    Kind::Ingress,
    Kind::ConfigMap,
    Kind::PersistentVolumeClaim,
];

/// The namespaced kinds of the `setup` components' objects, in deletion order (workloads
/// first, claims last).
pub const SETUP_NAMESPACED_KINDS: [Kind; 7] = [
    Kind::StatefulSet,
    Kind::Service,
    Kind::Secret,
    Kind::RoleBinding,
    Kind::Role,
    Kind::ServiceAccount,
    Kind::PersistentVolumeClaim,
];

/// The cluster-scoped kinds of `setup auth --nodes`.
pub const SETUP_CLUSTER_KINDS: [Kind; 2] = [Kind::ClusterRoleBinding, Kind::ClusterRole];

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 15] = [
        Kind::Namespace,
        Kind::Node,
        Kind::Pod,
        Kind::Event,
        Kind::StatefulSet,
        Kind::Service,
        Kind::Ingress,
        Kind::ConfigMap,
        Kind::Secret,
        Kind::ServiceAccount,
        Kind::PersistentVolumeClaim,
        Kind::Role,
        Kind::RoleBinding,
        Kind::ClusterRole,
        Kind::ClusterRoleBinding,
    ];

    /// Where its objects live in the API (group, version, kind, plural), from its type.
    pub fn resource(self) -> ApiResource {
        match self {
            Kind::Namespace => ApiResource::erase::<Namespace>(&()),
            Kind::Node => ApiResource::erase::<Node>(&()),
            Kind::Pod => ApiResource::erase::<Pod>(&()),
            Kind::Event => ApiResource::erase::<Event>(&()),
            Kind::StatefulSet => ApiResource::erase::<StatefulSet>(&()),
            Kind::Service => ApiResource::erase::<Service>(&()),
            Kind::Ingress => ApiResource::erase::<Ingress>(&()),
            Kind::ConfigMap => ApiResource::erase::<ConfigMap>(&()),
            Kind::Secret => ApiResource::erase::<Secret>(&()),
            Kind::ServiceAccount => ApiResource::erase::<ServiceAccount>(&()),
            Kind::PersistentVolumeClaim => ApiResource::erase::<PersistentVolumeClaim>(&()),
            Kind::Role => ApiResource::erase::<Role>(&()),
            Kind::RoleBinding => ApiResource::erase::<RoleBinding>(&()),
            Kind::ClusterRole => ApiResource::erase::<ClusterRole>(&()),
            Kind::ClusterRoleBinding => ApiResource::erase::<ClusterRoleBinding>(&()),
        }
    }

    /// Whether its objects live in a namespace.
    pub fn namespaced(self) -> bool {
        !matches!(
            self,
            Kind::Namespace | Kind::Node | Kind::ClusterRole | Kind::ClusterRoleBinding
        )
    }

    /// The kind of an object's `apiVersion` and `kind`.
    pub fn of(api_version: &str, kind: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| {
            let r = k.resource();
            r.api_version == api_version && r.kind == kind
        })
    }

    /// The API group (`""` for core).
    pub fn group(self) -> String {
        self.resource().group
    }

    /// The URL plural (`statefulsets`).
    pub fn plural(self) -> String {
        self.resource().plural
    }
}

impl fmt::Display for Kind {
    /// As kubectl names the kind: `statefulset.apps`, `service`, `ingress.networking.k8s.io`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.resource();
        if r.group.is_empty() {
            write!(f, "{}", r.kind.to_lowercase())
        } else {
            write!(f, "{}.{}", r.kind.to_lowercase(), r.group)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_knows_its_endpoint() {
        let sts = Kind::StatefulSet.resource();
        assert_eq!(
            (
                sts.group.as_str(),
                sts.version.as_str(),
                sts.plural.as_str()
            ),
            ("apps", "v1", "statefulsets")
        );
        assert_eq!(
            Kind::PersistentVolumeClaim.plural(),
            "persistentvolumeclaims"
        );
        assert_eq!(Kind::of("v1", "ConfigMap"), Some(Kind::ConfigMap));
        assert_eq!(
            Kind::of("rbac.authorization.k8s.io/v1", "ClusterRole"),
            Some(Kind::ClusterRole)
        );
        assert_eq!(Kind::of("v1", "Widget"), None);
        assert!(!Kind::ClusterRole.namespaced() && Kind::Role.namespaced());
        assert_eq!(Kind::StatefulSet.to_string(), "statefulset.apps");
        assert_eq!(Kind::ConfigMap.to_string(), "configmap");
        for kind in Kind::ALL {
            let r = kind.resource();
            assert_eq!(Kind::of(&r.api_version, &r.kind), Some(kind));
        }
    }
}
