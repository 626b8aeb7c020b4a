//! `setup auth`: Twister2's job Role and RoleBinding, and optionally the submitter Role and the
//! node ClusterRole.

use anyhow::Result;

use super::plan::{self, Plan, Target};
use crate::cli::GlobalArgs;
use crate::cli::setup::AuthArgs;
use crate::manifests::auth::{self, AuthOptions, NodeAccess};

/// What `setup auth` (and `setup all`) renders from its flags.
pub fn options(namespace: &str, args: &AuthArgs) -> AuthOptions {
    AuthOptions {
        service_account: args.service_account.clone(),
        groups: args.groups.clone(),
        submitter_users: args.submitter_users.clone(),
        submitter_groups: args.submitter_groups.clone(),
        openmpi_secret_name: args.secret_name.clone(),
        nodes: match (args.nodes, args.label_nodes) {
            (false, _) => NodeAccess::None,
            (true, false) => NodeAccess::Read,
            (true, true) => NodeAccess::ReadAndLabel,
        },
        ..AuthOptions::new(namespace)
    }
}

/// The plan for `opts`: the ServiceAccount only when missing, everything else applied.
pub fn plan(opts: &AuthOptions) -> Result<Plan> {
    let objects = auth::auth_objects(opts).map_err(plan::invalid)?;
    let mut values = plan::to_values(objects.to_json_values())?;
    let mut create_if_missing = Vec::new();
    if objects.service_account.is_some() && !values.is_empty() {
        create_if_missing.push(values.remove(0));
    }
    let account = opts
        .service_account
        .as_deref()
        .unwrap_or(auth::DEFAULT_SERVICE_ACCOUNT);
    let mut notes = Vec::new();
    if opts.groups.is_empty() || opts.service_account.is_some() {
        notes.push(format!(
            "Job pods run as serviceaccount {account} in namespace {}; {} is bound to it.",
            opts.namespace,
            auth::ROLE_NAME
        ));
    }
    if objects.submitter.is_some() {
        notes.push(format!(
            "Submitters may now run submit, kill, jobs, logs and endpoints in namespace {}.",
            opts.namespace
        ));
    }
    Ok(Plan {
        objects: values,
        create_if_missing,
        notes,
        ..Plan::default()
    })
}

/// Run `setup auth`.
pub async fn run(global: &GlobalArgs, args: &AuthArgs) -> Result<()> {
    // Every flag is checked, in the namespace the objects go to, before the first request.
    let ns = plan::namespace(global, args.write.dry_run).await;
    let plan = plan(&options(&ns, args))?;
    let target = Target::new(global, args.write.dry_run, &ns).await?;
    plan::execute(&target, &args.write, None, &[plan]).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::WriteArgs;

    fn args() -> AuthArgs {
        AuthArgs {
            service_account: None,
            groups: Vec::new(),
            submitter_users: Vec::new(),
            submitter_groups: Vec::new(),
            nodes: false,
            label_nodes: false,
            secret_name: "twister2-openmpi-ssh-key".into(),
            write: WriteArgs::default(),
        }
    }

    #[test]
    fn flags_map_to_options() {
        let o = options(
            "ns",
            &AuthArgs {
                submitter_users: vec!["alice".into()],
                nodes: true,
                label_nodes: true,
                secret_name: "mpi".into(),
                ..args()
            },
        );
        assert_eq!(o.namespace, "ns");
        assert_eq!(o.nodes, NodeAccess::ReadAndLabel);
        assert_eq!(o.openmpi_secret_name, "mpi");
        assert_eq!(o.submitter_users, ["alice"]);
        assert_eq!(
            options(
                "ns",
                &AuthArgs {
                    nodes: true,
                    ..args()
                }
            )
            .nodes,
            NodeAccess::Read
        );
    }

    #[test]
    fn service_account_is_only_created_when_missing() {
        let p = plan(&options(
            "ns",
            &AuthArgs {
                service_account: Some("runner".into()),
                ..args()
            },
        ))
        .unwrap();
        assert_eq!(p.create_if_missing.len(), 1);
        assert_eq!(p.create_if_missing[0]["kind"], "ServiceAccount");
        assert!(p.objects.iter().all(|o| o["kind"] != "ServiceAccount"));
        assert_eq!(p.objects.len(), 2);
        assert!(p.notes[0].contains("serviceaccount runner"));

        let p = plan(&options("ns", &args())).unwrap();
        assert!(p.create_if_missing.is_empty());
        assert!(p.notes[0].contains("serviceaccount default"));
    }

    #[test]
    fn invalid_flags_are_usage_errors() {
        let e = plan(&options(
            "ns",
            &AuthArgs {
                nodes: true,
                ..args()
            },
        ))
        .unwrap_err();
        assert_eq!(crate::exit::code_for(&e), 2);
        assert!(e.to_string().contains("--nodes"), "{e}");
    }
}
