//! `setup zookeeper`: the ZooKeeper ensemble, and the address Twister2's configuration needs.

use anyhow::Result;

use super::plan::{self, Plan, Target};
use crate::cli::GlobalArgs;
use crate::cli::setup::{StorageArgs, ZookeeperArgs};
use crate::manifests::zookeeper::{self, ZookeeperOptions};
use crate::twister2::config::keys;

/// What `setup zookeeper` (and `setup all --zookeeper`) renders.
pub fn options(
    namespace: &str,
    replicas: i32,
    image: &str,
    storage: &StorageArgs,
) -> ZookeeperOptions {
    ZookeeperOptions {
        replicas,
        image: image.to_string(),
        persistence: plan::persistence(storage, zookeeper::DEFAULT_STORAGE_SIZE),
        ..ZookeeperOptions::new(namespace)
    }
}

/// The plan for `opts`, with the emptyDir warning when there is no persistence.
pub fn plan(opts: &ZookeeperOptions) -> Result<Plan> {
    let objects = zookeeper::zookeeper_objects(opts).map_err(plan::invalid)?;
    let mut warnings = Vec::new();
    if opts.persistence.is_none() {
        warnings.push(
            "ZooKeeper keeps its data in emptyDir volumes: the state of fault-tolerant jobs is \
lost when a ZooKeeper pod restarts or moves; pass --storage-class and/or --storage-size to keep it"
                .to_string(),
        );
    }
    Ok(Plan {
        objects: plan::to_values(objects.to_json_values())?,
        claim_classes: plan::claim_classes("ZooKeeper's claims", opts.persistence.as_ref()),
        wait_for: vec![zookeeper::NAME.to_string()],
        config: vec![(
            keys::ZOOKEEPER_ADDRESSES.to_string(),
            zookeeper::server_addresses(&opts.namespace),
        )],
        warnings,
        ..Plan::default()
    })
}

/// Run `setup zookeeper`.
pub async fn run(global: &GlobalArgs, args: &ZookeeperArgs) -> Result<()> {
    plan::check_wait(&args.write, Some(&args.wait))?;
    let ns = plan::namespace(global, args.write.dry_run).await;
    let plan = plan(&options(&ns, args.replicas, &args.image, &args.storage))?;
    let target = Target::new(global, args.write.dry_run, &ns).await?;
    plan::execute(&target, &args.write, Some(&args.wait), &[plan]).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_without_persistence_and_prints_the_address() {
        let p = plan(&options(
            "team-a",
            3,
            zookeeper::DEFAULT_IMAGE,
            &StorageArgs::default(),
        ))
        .unwrap();
        assert_eq!(p.warnings.len(), 1);
        assert!(p.warnings[0].contains("emptyDir"));
        assert_eq!(
            p.config,
            [(
                "twister2.resource.zookeeper.server.addresses".to_string(),
                "twister2-zookeeper.team-a.svc.cluster.local:2181".to_string()
            )]
        );
        assert_eq!(p.wait_for, ["twister2-zookeeper"]);
        assert_eq!(p.objects.len(), 3);

        let storage = StorageArgs {
            storage_class: Some("ssd".into()),
            storage_size: None,
        };
        let p = plan(&options("team-a", 3, zookeeper::DEFAULT_IMAGE, &storage)).unwrap();
        assert!(p.warnings.is_empty());
        let claim = &p.objects[2]["spec"]["volumeClaimTemplates"][0]["spec"];
        assert_eq!(claim["storageClassName"], "ssd");
        assert_eq!(claim["resources"]["requests"]["storage"], "5Gi");
    }

    #[test]
    fn bad_replicas_and_images_are_usage_errors() {
        for (replicas, image) in [(2, zookeeper::DEFAULT_IMAGE), (1, "zookeeper:latest")] {
            let e = plan(&options("ns", replicas, image, &StorageArgs::default())).unwrap_err();
            assert_eq!(crate::exit::code_for(&e), 2, "{e}");
        }
    }
}
