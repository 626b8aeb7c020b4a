//! The auth row: the job Role and binding, the submitter Role and binding, the node ClusterRole.

use k8s_openapi::api::rbac::v1::{ClusterRole, Role, RoleBinding};

use super::report::{ComponentStatus, Installed, Read};
use super::report::{annotate_unmanaged, is_managed, unknown};
use crate::manifests::auth;

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
            // One part per rule: `nodes: get,list,watch`, `storageclasses: get,list`.
            for rule in r.rules.iter().flatten() {
                details.push(format!(
                    "{}: {}",
                    rule.resources.as_deref().unwrap_or_default().join(","),
                    rule.verbs.join(",")
                ));
            }
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

#[cfg(test)]
mod tests {
    use super::*;

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
            "job pods: serviceaccount default; submitters: user alice; nodes: get,list,watch; \
storageclasses: get,list"
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
}
