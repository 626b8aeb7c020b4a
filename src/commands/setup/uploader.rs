//! `setup uploader`: the nginx package server, and the web-server URL for this namespace.

use anyhow::Result;

use super::plan::{self, Plan, Target};
use crate::cli::GlobalArgs;
use crate::cli::setup::UploaderArgs;
use crate::manifests::uploader::{self, UploaderOptions};
use crate::twister2::config::keys;

/// What `setup uploader` (and `setup all`) renders.
pub fn options(namespace: &str, replicas: i32, image: &str) -> UploaderOptions {
    UploaderOptions {
        replicas,
        image: image.to_string(),
        ..UploaderOptions::new(namespace)
    }
}

/// The plan for `opts`.
pub fn plan(opts: &UploaderOptions) -> Result<Plan> {
    let objects = uploader::uploader_objects(opts).map_err(plan::invalid)?;
    let ns = &opts.namespace;
    let mut notes = Vec::new();
    if ns != "default" {
        notes.push(format!(
            "Twister2's default {} names the `default` namespace; jobs in {ns} need the value above.",
            keys::UPLOADER_WEB_SERVER
        ));
    }
    Ok(Plan {
        objects: plan::to_values(objects.to_json_values())?,
        wait_for: vec![uploader::NAME.to_string()],
        config: vec![
            (
                keys::UPLOADER_WEB_SERVER.to_string(),
                uploader::web_server_url(ns),
            ),
            (
                keys::UPLOADER_WEB_SERVER_DIRECTORY.to_string(),
                uploader::WEB_ROOT.to_string(),
            ),
            (
                keys::UPLOADER_WEB_SERVER_LABEL.to_string(),
                uploader::POD_SELECTOR.to_string(),
            ),
        ],
        notes,
        ..Plan::default()
    })
}

/// Run `setup uploader`.
pub async fn run(global: &GlobalArgs, args: &UploaderArgs) -> Result<()> {
    plan::check_wait(&args.write, Some(&args.wait))?;
    let ns = plan::namespace(global, args.write.dry_run).await;
    let plan = plan(&options(&ns, args.replicas, &args.image))?;
    let target = Target::new(global, args.write.dry_run, &ns).await?;
    plan::execute(&target, &args.write, Some(&args.wait), &[plan]).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_server_url_is_for_this_namespace() {
        let p = plan(&options("team-a", 2, uploader::DEFAULT_IMAGE)).unwrap();
        assert_eq!(
            p.config[0],
            (
                "twister2.kubernetes.uploader.web.server".to_string(),
                "http://twister2-uploader.team-a.svc.cluster.local".to_string()
            )
        );
        assert_eq!(p.config[2].1, "app=twister2-uploader");
        assert_eq!(p.notes.len(), 1);
        assert_eq!(p.objects[1]["spec"]["replicas"], 2);
        assert!(
            plan(&options("default", 1, uploader::DEFAULT_IMAGE))
                .unwrap()
                .notes
                .is_empty()
        );
        let e = plan(&options("ns", 0, uploader::DEFAULT_IMAGE)).unwrap_err();
        assert_eq!(crate::exit::code_for(&e), 2);
    }
}
