//! `setup dashboard`: the Twister2 dashboard, how to reach it and the `twister2.dashboard.host`
//! value.

use anyhow::Result;

use super::plan::{self, Plan, Target};
use crate::cli::GlobalArgs;
use crate::cli::setup::{DashboardSetupArgs, StorageArgs};
use crate::manifests::dashboard::{self, DashboardOptions};
use crate::twister2::config::keys;

/// What `setup dashboard` (and `setup all --dashboard`) renders.
pub fn options(namespace: &str, image: &str, storage: &StorageArgs) -> DashboardOptions {
    DashboardOptions {
        image: image.to_string(),
        persistence: plan::persistence(storage, dashboard::DEFAULT_STORAGE_SIZE),
        ..DashboardOptions::new(namespace)
    }
}

/// The plan for `opts`.
pub fn plan(opts: &DashboardOptions) -> Result<Plan> {
    let objects = dashboard::dashboard_objects(opts).map_err(plan::invalid)?;
    let ns = &opts.namespace;
    Ok(Plan {
        objects: plan::to_values(objects.to_json_values())?,
        claim_classes: plan::claim_classes("the dashboard's claim", opts.persistence.as_ref()),
        wait_for: vec![dashboard::NAME.to_string()],
        config: vec![(
            keys::DASHBOARD_HOST.to_string(),
            dashboard::dashboard_host(ns),
        )],
        notes: vec![format!(
            "Open the dashboard with `kubectl twister2 dashboard -n {ns}`, or run `kubectl proxy` \
and open {}",
            dashboard::proxy_url(ns)
        )],
        ..Plan::default()
    })
}

/// Run `setup dashboard`.
pub async fn run(global: &GlobalArgs, args: &DashboardSetupArgs) -> Result<()> {
    plan::check_wait(&args.write, Some(&args.wait))?;
    let ns = plan::namespace(global, args.write.dry_run).await;
    let plan = plan(&options(&ns, &args.image, &args.storage))?;
    let target = Target::new(global, args.write.dry_run, &ns).await?;
    plan::execute(&target, &args.write, Some(&args.wait), &[plan]).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_and_proxy_url_name_the_namespace() {
        let p = plan(&options(
            "team-a",
            dashboard::DEFAULT_IMAGE,
            &StorageArgs::default(),
        ))
        .unwrap();
        assert_eq!(
            p.config,
            [(
                "twister2.dashboard.host".to_string(),
                "http://twister2-dashboard.team-a.svc.cluster.local".to_string()
            )]
        );
        assert!(p.notes[0].contains(
            "http://localhost:8001/api/v1/namespaces/team-a/services/http:twister2-dashboard:/proxy/"
        ));
        assert!(p.notes[0].contains("kubectl twister2 dashboard -n team-a"));
        assert_eq!(p.wait_for, ["twister2-dashboard"]);
        assert!(p.objects[1]["spec"].get("volumeClaimTemplates").is_none());

        let storage = StorageArgs {
            storage_class: None,
            storage_size: Some("2Gi".into()),
        };
        let p = plan(&options("team-a", dashboard::DEFAULT_IMAGE, &storage)).unwrap();
        assert_eq!(
            p.objects[1]["spec"]["volumeClaimTemplates"][0]["spec"]["resources"]["requests"]["storage"],
            "2Gi"
        );
    }
}
