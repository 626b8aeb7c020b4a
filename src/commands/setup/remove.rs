//! `setup remove`: deletes the objects of the chosen components that carry the managed-by label
//! (found by label selector, never by name); PersistentVolumeClaims only with `--delete-data`;
//! asks first unless `-y`.

use anyhow::{Result, anyhow};

use crate::cli::GlobalArgs;
use crate::cli::setup::{Component, RemoveArgs};
use crate::cluster::objects;
use crate::cluster::setup_status::{ManagedObject, managed_objects};
use crate::cluster::{self};
use crate::manifests::kinds::Kind;
use crate::output::prompt;

/// The value of `app.kubernetes.io/component` on a component's objects.
pub fn component_label(component: Component) -> &'static str {
    use crate::manifests::{auth, dashboard, openmpi, uploader, zookeeper};
    match component {
        Component::Auth => auth::COMPONENT,
        Component::OpenmpiSecret => openmpi::COMPONENT,
        Component::Zookeeper => zookeeper::COMPONENT,
        Component::Dashboard => dashboard::COMPONENT,
        Component::Uploader => uploader::COMPONENT,
    }
}

/// The components to remove, in setup order, without repeats.
pub fn chosen(args: &RemoveArgs) -> Vec<Component> {
    if args.all {
        return Component::ALL.to_vec();
    }
    let mut components = args.components.clone();
    components.sort();
    components.dedup();
    components
}

/// Splits claims (kept without `--delete-data`) from the rest.
pub fn split_claims(found: Vec<ManagedObject>) -> (Vec<ManagedObject>, Vec<ManagedObject>) {
    found
        .into_iter()
        .partition(|o| o.target.kind != Kind::PersistentVolumeClaim)
}

/// Run `setup remove`.
pub async fn run(global: &GlobalArgs, args: &RemoveArgs) -> Result<()> {
    let components = chosen(args);
    let labels: Vec<&str> = components.iter().map(|c| component_label(*c)).collect();
    let cluster = cluster::connect(global).await?;
    let ns = cluster.namespace.clone();
    let (mut doomed, claims) = split_claims(managed_objects(&cluster, &labels).await?);
    if args.delete_data {
        doomed.extend(claims);
    } else {
        for claim in &claims {
            eprintln!(
                "keeping {} (its data); pass --delete-data to delete it",
                claim.target.display()
            );
        }
    }
    if doomed.is_empty() {
        eprintln!(
            "Nothing to remove for {} in namespace {ns}.",
            labels.join(", ")
        );
        return Ok(());
    }
    if args.dry_run {
        for object in &doomed {
            println!("{} deleted (dry run)", object.target.display());
        }
        return Ok(());
    }
    let question = format!(
        "Delete {} object(s) of {} in namespace {ns} ({})?",
        doomed.len(),
        labels.join(", "),
        doomed
            .iter()
            .map(|o| o.target.display())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !prompt::confirm(&question, args.yes)? {
        return Err(anyhow!("nothing deleted"));
    }
    let results = futures::future::join_all(
        doomed
            .iter()
            .map(|o| objects::delete(&cluster, &o.target, false)),
    )
    .await;
    let mut errors = Vec::new();
    for (object, result) in doomed.iter().zip(results) {
        let name = object.target.display();
        match result {
            Ok(true) => println!("{name} deleted"),
            Ok(false) => println!("{name} already gone"),
            Err(e) => errors.push(format!("cannot delete {name}: {}", cluster.explain(e))),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(anyhow!("{}", errors.join("\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::objects::{ObjectRef, kind_of};

    fn args(components: Vec<Component>, all: bool) -> RemoveArgs {
        RemoveArgs {
            components,
            all,
            delete_data: false,
            yes: true,
            dry_run: false,
        }
    }

    #[test]
    fn component_labels_match_the_manifests() {
        let labels: Vec<_> = Component::ALL.iter().map(|c| component_label(*c)).collect();
        assert_eq!(
            labels,
            [
                "auth",
                "openmpi-secret",
                "zookeeper",
                "dashboard",
                "uploader"
            ]
        );
    }

    #[test]
    fn components_in_setup_order_without_repeats() {
        assert_eq!(
            chosen(&args(
                vec![Component::Uploader, Component::Auth, Component::Uploader],
                false
            )),
            [Component::Auth, Component::Uploader]
        );
        assert_eq!(chosen(&args(Vec::new(), true)), Component::ALL);
    }

    #[test]
    fn claims_are_separated() {
        let object = |api_version: &str, kind: &str, name: &str| ManagedObject {
            target: ObjectRef {
                kind: kind_of(api_version, kind).unwrap(),
                namespace: Some("ns".into()),
                name: name.into(),
            },
            component: "zookeeper".into(),
        };
        let (rest, claims) = split_claims(vec![
            object("apps/v1", "StatefulSet", "twister2-zookeeper"),
            object("v1", "PersistentVolumeClaim", "data-twister2-zookeeper-0"),
            object("v1", "Service", "twister2-zookeeper"),
        ]);
        assert_eq!(rest.len(), 2);
        assert_eq!(claims.len(), 1);
        assert_eq!(
            claims[0].target.display(),
            "persistentvolumeclaim/data-twister2-zookeeper-0"
        );
    }
}
