//! Authentication (bearer tokens → users) and authorization (allow-all, or RBAC from the stored Role/Binding objects).

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::resources::Res;
use crate::status::ApiError;
use crate::store::Store;

/// The bearer token of the `admin` user written into default kubeconfigs.
pub const ADMIN_TOKEN: &str = "fake-kube-admin-token";

/// An authenticated (possibly impersonated) user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    /// User name.
    pub name: String,
    /// Groups.
    pub groups: Vec<String>,
}

impl UserInfo {
    /// Whether the user is a cluster admin (`system:masters`), always allowed.
    pub fn is_admin(&self) -> bool {
        self.groups.iter().any(|g| g == "system:masters")
    }
}

/// Token table and the RBAC switch.
#[derive(Debug)]
pub struct Auth {
    tokens: HashMap<String, UserInfo>,
    /// Authorize non-admin users by the stored RBAC objects (else everything is allowed).
    pub enforce: bool,
}

impl Auth {
    /// A table holding only the admin token.
    pub fn new(enforce: bool) -> Self {
        let mut tokens = HashMap::new();
        tokens.insert(
            ADMIN_TOKEN.to_string(),
            UserInfo {
                name: "admin".into(),
                groups: vec!["system:masters".into(), "system:authenticated".into()],
            },
        );
        Auth { tokens, enforce }
    }

    /// Register a user; returns its bearer token (`fake-token-<name>`).
    pub fn add_user(&mut self, name: &str, groups: &[&str]) -> String {
        let token = format!("fake-token-{}", name.replace([':', '/', ' '], "-"));
        let mut gs: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
        if !gs.iter().any(|g| g == "system:authenticated") {
            gs.push("system:authenticated".into());
        }
        self.tokens.insert(
            token.clone(),
            UserInfo {
                name: name.into(),
                groups: gs,
            },
        );
        token
    }

    /// The token of a registered user.
    pub fn token_of(&self, name: &str) -> Option<String> {
        self.tokens
            .iter()
            .find(|(_, u)| u.name == name)
            .map(|(t, _)| t.clone())
    }

    /// The user for an `Authorization` header value (none → `system:anonymous`).
    pub fn authenticate(&self, header: Option<&str>) -> Result<UserInfo, ApiError> {
        match header {
            None => Ok(UserInfo {
                name: "system:anonymous".into(),
                groups: vec!["system:unauthenticated".into()],
            }),
            Some(h) => {
                let token = h
                    .strip_prefix("Bearer ")
                    .or_else(|| h.strip_prefix("bearer "))
                    .ok_or_else(ApiError::unauthorized)?;
                self.tokens
                    .get(token.trim())
                    .cloned()
                    .ok_or_else(ApiError::unauthorized)
            }
        }
    }
}

/// What a request wants to do, as the authorizer sees it.
#[derive(Debug, Clone, Default)]
pub struct Attributes {
    /// Verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`, `impersonate`).
    pub verb: String,
    /// API group.
    pub group: String,
    /// Resource plural.
    pub resource: String,
    /// Subresource or "".
    pub subresource: String,
    /// Namespace or "".
    pub namespace: String,
    /// Object name or "".
    pub name: String,
}

fn subject_matches(subject: &Value, binding_ns: &str, user: &UserInfo) -> bool {
    let kind = subject
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let name = subject
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    match kind {
        "User" => user.name == name,
        "Group" => user.groups.iter().any(|g| g == name),
        "ServiceAccount" => {
            let ns = subject
                .get("namespace")
                .and_then(Value::as_str)
                .unwrap_or(binding_ns);
            user.name == format!("system:serviceaccount:{ns}:{name}")
        }
        _ => false,
    }
}

fn strs(v: Option<&Value>) -> Vec<&str> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn rule_matches(rule: &Value, a: &Attributes) -> bool {
    let verbs = strs(rule.get("verbs"));
    if !verbs.iter().any(|v| *v == "*" || *v == a.verb) {
        return false;
    }
    let groups = strs(rule.get("apiGroups"));
    if !groups.iter().any(|g| *g == "*" || *g == a.group) {
        return false;
    }
    let combined = if a.subresource.is_empty() {
        a.resource.clone()
    } else {
        format!("{}/{}", a.resource, a.subresource)
    };
    let resources = strs(rule.get("resources"));
    let resource_ok = resources.iter().any(|r| {
        *r == "*"
            || *r == combined
            || (!a.subresource.is_empty() && r.strip_prefix("*/") == Some(a.subresource.as_str()))
    });
    if !resource_ok {
        return false;
    }
    let names = strs(rule.get("resourceNames"));
    names.is_empty() || (!a.name.is_empty() && names.contains(&a.name.as_str()))
}

fn role_rules(store: &Store, role_ref: &Value, binding_ns: &str) -> Vec<Value> {
    let kind = role_ref
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let name = role_ref
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let role = match kind {
        "ClusterRole" => Res::by_plural("rbac.authorization.k8s.io", "clusterroles")
            .and_then(|r| store.get(r, "", name).cloned()),
        "Role" => Res::by_plural("rbac.authorization.k8s.io", "roles")
            .and_then(|r| store.get(r, binding_ns, name).cloned()),
        _ => None,
    };
    role.and_then(|r| r.get("rules").and_then(Value::as_array).cloned())
        .unwrap_or_default()
}

/// The RBAC decision (ignores the enforcement switch; admins are always allowed).
pub fn rbac_allows(store: &Store, user: &UserInfo, a: &Attributes) -> bool {
    if user.is_admin() {
        return true;
    }
    let bound = |binding: &Value, ns: &str| {
        binding
            .get("subjects")
            .and_then(Value::as_array)
            .is_some_and(|subs| subs.iter().any(|s| subject_matches(s, ns, user)))
    };
    if let Some(crb) = Res::by_plural("rbac.authorization.k8s.io", "clusterrolebindings") {
        for b in store.list(crb, None) {
            if bound(b, "") {
                let rules = role_rules(store, b.get("roleRef").unwrap_or(&Value::Null), "");
                if rules.iter().any(|r| rule_matches(r, a)) {
                    return true;
                }
            }
        }
    }
    if !a.namespace.is_empty()
        && let Some(rb) = Res::by_plural("rbac.authorization.k8s.io", "rolebindings")
    {
        for b in store.list(rb, Some(&a.namespace)) {
            if bound(b, &a.namespace) {
                let rules = role_rules(
                    store,
                    b.get("roleRef").unwrap_or(&Value::Null),
                    &a.namespace,
                );
                if rules.iter().any(|r| rule_matches(r, a)) {
                    return true;
                }
            }
        }
    }
    false
}

/// The authorizer: allow-all unless RBAC enforcement is on.
pub fn allows(auth: &Auth, store: &Store, user: &UserInfo, a: &Attributes) -> bool {
    !auth.enforce || rbac_allows(store, user, a)
}

/// Answer a SelfSubjectAccessReview for `user`.
pub fn self_subject_access_review(
    auth: &Auth,
    store: &Store,
    user: &UserInfo,
    body: &Value,
) -> Value {
    let s = |p: &str| {
        body.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let allowed = if body.pointer("/spec/resourceAttributes").is_some() {
        let a = Attributes {
            verb: s("/spec/resourceAttributes/verb"),
            group: s("/spec/resourceAttributes/group"),
            resource: s("/spec/resourceAttributes/resource"),
            subresource: s("/spec/resourceAttributes/subresource"),
            namespace: s("/spec/resourceAttributes/namespace"),
            name: s("/spec/resourceAttributes/name"),
        };
        allows(auth, store, user, &a)
    } else {
        // Non-resource URLs (discovery, /version, /healthz) are open to every user.
        true
    };
    let mut out = body.clone();
    out["apiVersion"] = json!("authorization.k8s.io/v1");
    out["kind"] = json!("SelfSubjectAccessReview");
    if out.get("metadata").is_none() {
        out["metadata"] = json!({});
    }
    out["metadata"]["creationTimestamp"] = Value::Null;
    out["status"] = if allowed {
        json!({"allowed": true})
    } else {
        json!({"allowed": false, "reason": ""})
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::EventType;

    fn attrs(verb: &str, resource: &str, sub: &str, ns: &str, name: &str) -> Attributes {
        Attributes {
            verb: verb.into(),
            group: String::new(),
            resource: resource.into(),
            subresource: sub.into(),
            namespace: ns.into(),
            name: name.into(),
        }
    }

    #[test]
    fn rbac_rules_and_subjects() {
        let mut store = Store::new(10);
        let role = Res::by_plural("rbac.authorization.k8s.io", "roles").unwrap();
        let rb = Res::by_plural("rbac.authorization.k8s.io", "rolebindings").unwrap();
        store.commit(EventType::Added, role, "ns", "r", json!({"metadata": {"name": "r", "namespace": "ns"}, "rules": [
            {"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list"]},
            {"apiGroups": [""], "resources": ["configmaps"], "resourceNames": ["cfg"], "verbs": ["get"]}
        ]}));
        store.commit(EventType::Added, rb, "ns", "b", json!({"metadata": {"name": "b", "namespace": "ns"},
            "roleRef": {"kind": "Role", "name": "r", "apiGroup": "rbac.authorization.k8s.io"},
            "subjects": [{"kind": "User", "name": "alice"}, {"kind": "ServiceAccount", "name": "default"}]}));
        let alice = UserInfo {
            name: "alice".into(),
            groups: vec![],
        };
        let sa = UserInfo {
            name: "system:serviceaccount:ns:default".into(),
            groups: vec![],
        };
        let bob = UserInfo {
            name: "bob".into(),
            groups: vec![],
        };
        assert!(rbac_allows(
            &store,
            &alice,
            &attrs("list", "pods", "", "ns", "")
        ));
        assert!(rbac_allows(
            &store,
            &alice,
            &attrs("get", "pods", "log", "ns", "p")
        ));
        assert!(!rbac_allows(
            &store,
            &alice,
            &attrs("create", "pods", "exec", "ns", "p")
        ));
        assert!(!rbac_allows(
            &store,
            &alice,
            &attrs("list", "pods", "", "other", "")
        ));
        assert!(rbac_allows(
            &store,
            &alice,
            &attrs("get", "configmaps", "", "ns", "cfg")
        ));
        assert!(!rbac_allows(
            &store,
            &alice,
            &attrs("get", "configmaps", "", "ns", "x")
        ));
        assert!(!rbac_allows(
            &store,
            &alice,
            &attrs("list", "configmaps", "", "ns", "")
        ));
        assert!(rbac_allows(
            &store,
            &sa,
            &attrs("get", "pods", "", "ns", "p")
        ));
        assert!(!rbac_allows(
            &store,
            &bob,
            &attrs("get", "pods", "", "ns", "p")
        ));
    }

    #[test]
    fn tokens() {
        let mut auth = Auth::new(false);
        let t = auth.add_user("alice", &["devs"]);
        let u = auth.authenticate(Some(&format!("Bearer {t}"))).unwrap();
        assert_eq!(u.name, "alice");
        assert!(u.groups.contains(&"devs".to_string()));
        assert!(auth.authenticate(Some("Bearer nope")).is_err());
        assert!(
            auth.authenticate(Some(&format!("Bearer {ADMIN_TOKEN}")))
                .unwrap()
                .is_admin()
        );
    }
}
