//! StorageClasses: the class a claim names exists, or, when it names none, the cluster has a
//! default one — else the claim stays Pending and its pods with it.

use k8s_openapi::api::storage::v1::StorageClass;

/// The annotation that makes a StorageClass the default (and its beta spelling, still honoured).
const DEFAULT_CLASS_ANNOTATIONS: [&str; 2] = [
    "storageclass.kubernetes.io/is-default-class",
    "storageclass.beta.kubernetes.io/is-default-class",
];

/// Whether `class` is marked as the cluster's default.
pub fn is_default(class: &StorageClass) -> bool {
    class.metadata.annotations.as_ref().is_some_and(|a| {
        DEFAULT_CLASS_ANNOTATIONS
            .iter()
            .any(|key| a.get(*key).is_some_and(|v| v == "true"))
    })
}

/// The classes for a message: `standard (default), fast`.
fn listed(classes: &[StorageClass]) -> String {
    classes
        .iter()
        .map(|c| {
            let name = c.metadata.name.clone().unwrap_or_default();
            if is_default(c) {
                format!("{name} (default)")
            } else {
                name
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The problem with a claim of `what` (`the job's claim`, `ZooKeeper's claims`) naming `wanted`
/// (`None`: the default class), or `None` when a class will provision it. `flag` is the option
/// that chooses the class.
pub fn class_problem(
    what: &str,
    wanted: Option<&str>,
    classes: &[StorageClass],
    flag: &str,
) -> Option<String> {
    let exists = |name: &str| {
        classes
            .iter()
            .any(|c| c.metadata.name.as_deref() == Some(name))
    };
    let have = if classes.is_empty() {
        "the cluster has no StorageClass at all; an admin must install a provisioner with one \
(Twister2's guide: a StorageClass backed by a dynamic provisioner, such as NFS)"
            .to_string()
    } else {
        format!(
            "the cluster has {}; choose one with {flag} NAME",
            listed(classes)
        )
    };
    match wanted {
        Some(name) if exists(name) => None,
        Some(name) => Some(format!(
            "StorageClass \"{name}\" (for {what}) does not exist, so no volume would be \
provisioned and the pods would stay Pending: {have}"
        )),
        None if classes.iter().any(is_default) => None,
        None => Some(format!(
            "no StorageClass is named (for {what}) and the cluster has no default one \
(annotation storageclass.kubernetes.io/is-default-class: \"true\"), so no volume would be \
provisioned and the pods would stay Pending: {have}"
        )),
    }
}

#[cfg(test)]
pub(super) mod test_classes {
    use k8s_openapi::api::storage::v1::StorageClass;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    /// A StorageClass, the default one or not.
    pub fn class(name: &str, default: bool) -> StorageClass {
        StorageClass {
            metadata: ObjectMeta {
                name: Some(name.into()),
                annotations: default.then(|| {
                    [(
                        "storageclass.kubernetes.io/is-default-class".to_string(),
                        "true".to_string(),
                    )]
                    .into()
                }),
                ..ObjectMeta::default()
            },
            provisioner: "example.com/nfs".into(),
            ..StorageClass::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_classes::class;
    use super::*;

    #[test]
    fn a_named_class_must_exist_and_the_error_lists_those_that_do() {
        let classes = [class("standard", true), class("fast", false)];
        assert_eq!(
            class_problem("c", Some("fast"), &classes, "--storage-class"),
            None
        );
        let p = class_problem(
            "the job's claim",
            Some("nosuch"),
            &classes,
            "--storage-class",
        )
        .unwrap();
        assert!(
            p.contains("StorageClass \"nosuch\" (for the job's claim) does not exist"),
            "{p}"
        );
        assert!(
            p.contains("standard (default), fast; choose one with --storage-class NAME"),
            "{p}"
        );
        let p = class_problem("c", Some("nosuch"), &[], "--storage-class").unwrap();
        assert!(p.contains("no StorageClass at all"), "{p}");
    }

    #[test]
    fn no_class_needs_a_default_one() {
        assert_eq!(
            class_problem("c", None, &[class("standard", true)], "--storage-class"),
            None
        );
        let p = class_problem("c", None, &[class("fast", false)], "--storage-class").unwrap();
        assert!(p.contains("no default one"), "{p}");
        assert!(p.contains("the cluster has fast;"), "{p}");
        let mut beta = class("old", false);
        beta.metadata.annotations = Some(
            [(
                "storageclass.beta.kubernetes.io/is-default-class".to_string(),
                "true".to_string(),
            )]
            .into(),
        );
        assert!(is_default(&beta));
    }
}
