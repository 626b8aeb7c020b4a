//! `setup all`: auth, openmpi-secret and uploader in one go; `--zookeeper` and `--dashboard`
//! add those.

use anyhow::Result;

use super::openmpi_secret::{self, KeySource};
use super::plan::{self, Plan, Target};
use super::{auth, dashboard, uploader, zookeeper};
use crate::cli::GlobalArgs;
use crate::cli::setup::{AllArgs, AuthArgs};
use crate::exit::usage;
use crate::manifests::openmpi::DEFAULT_SECRET_NAME;

/// The plans of every component but the Secret (which needs the cluster to decide), in setup
/// order: auth, [zookeeper], [dashboard], uploader.
pub fn plans(namespace: &str, args: &AllArgs) -> Result<Vec<Plan>> {
    let auth_args = AuthArgs {
        service_account: None,
        groups: Vec::new(),
        submitter_users: args.submitter_users.clone(),
        submitter_groups: args.submitter_groups.clone(),
        nodes: false,
        label_nodes: false,
        secret_name: DEFAULT_SECRET_NAME.to_string(),
        write: args.write.clone(),
    };
    let mut plans = vec![auth::plan(&auth::options(namespace, &auth_args))?];
    if args.zookeeper {
        plans.push(zookeeper::plan(&zookeeper::options(
            namespace,
            args.zookeeper_replicas,
            crate::manifests::zookeeper::DEFAULT_IMAGE,
            &args.storage,
        ))?);
    }
    if args.dashboard {
        plans.push(dashboard::plan(&dashboard::options(
            namespace,
            crate::manifests::dashboard::DEFAULT_IMAGE,
            &args.storage,
        ))?);
    }
    plans.push(uploader::plan(&uploader::options(
        namespace,
        args.uploader_replicas,
        crate::manifests::uploader::DEFAULT_IMAGE,
    ))?);
    Ok(plans)
}

/// Run `setup all`.
pub async fn run(global: &GlobalArgs, args: &AllArgs) -> Result<()> {
    let has_storage = args.storage.storage_class.is_some() || args.storage.storage_size.is_some();
    if has_storage && !args.zookeeper && !args.dashboard {
        return Err(usage(
            "--storage-class and --storage-size are for ZooKeeper and the dashboard; add \
--zookeeper and/or --dashboard",
        ));
    }
    plan::check_wait(&args.write, Some(&args.wait))?;
    let ns = plan::namespace(global, args.write.dry_run).await;
    let mut all = plans(&ns, args)?;
    let target = Target::new(global, args.write.dry_run, &ns).await?;
    let secret = openmpi_secret::decide(
        &target,
        DEFAULT_SECRET_NAME,
        KeySource::generate(args.key_type),
        false,
    )
    .await?;
    all.insert(1, secret.plan().clone());
    plan::execute(&target, &args.write, Some(&args.wait), &all).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::WriteArgs;
    use crate::cli::setup::{KeyTypeArg, StorageArgs, WaitArgs};

    fn args() -> AllArgs {
        AllArgs {
            zookeeper: false,
            zookeeper_replicas: 1,
            dashboard: false,
            submitter_users: Vec::new(),
            submitter_groups: Vec::new(),
            key_type: KeyTypeArg::Rsa,
            uploader_replicas: 1,
            storage: StorageArgs::default(),
            wait: WaitArgs {
                wait: false,
                timeout: std::time::Duration::from_secs(60),
            },
            write: WriteArgs::default(),
        }
    }

    fn kinds(plans: &[Plan]) -> Vec<String> {
        plans
            .iter()
            .flat_map(|p| &p.objects)
            .map(|o| {
                format!(
                    "{}/{}",
                    o["kind"].as_str().unwrap(),
                    o["metadata"]["name"].as_str().unwrap()
                )
            })
            .collect()
    }

    #[test]
    fn default_is_auth_and_uploader_and_flags_add_the_rest() {
        let p = plans("ns", &args()).unwrap();
        assert_eq!(
            kinds(&p),
            [
                "Role/twister2-role",
                "RoleBinding/twister2-role-binding",
                "Service/twister2-uploader",
                "StatefulSet/twister2-uploader"
            ]
        );
        let p = plans(
            "ns",
            &AllArgs {
                zookeeper: true,
                zookeeper_replicas: 3,
                dashboard: true,
                submitter_users: vec!["alice".into()],
                uploader_replicas: 2,
                storage: StorageArgs {
                    storage_class: Some("ssd".into()),
                    storage_size: None,
                },
                ..args()
            },
        )
        .unwrap();
        let k = kinds(&p);
        assert!(k.contains(&"Role/twister2-submitter".to_string()));
        assert!(k.contains(&"StatefulSet/twister2-zookeeper".to_string()));
        assert!(k.contains(&"StatefulSet/twister2-dashboard".to_string()));
        let zk = p[1]
            .objects
            .iter()
            .find(|o| o["kind"] == "StatefulSet")
            .unwrap();
        assert_eq!(zk["spec"]["replicas"], 3);
        assert_eq!(
            zk["spec"]["volumeClaimTemplates"][0]["spec"]["storageClassName"],
            "ssd"
        );
        let up = p[3]
            .objects
            .iter()
            .find(|o| o["kind"] == "StatefulSet")
            .unwrap();
        assert_eq!(up["spec"]["replicas"], 2);
        let waits: Vec<_> = p.iter().flat_map(|p| p.wait_for.clone()).collect();
        assert_eq!(
            waits,
            [
                "twister2-zookeeper",
                "twister2-dashboard",
                "twister2-uploader"
            ]
        );
    }
}
