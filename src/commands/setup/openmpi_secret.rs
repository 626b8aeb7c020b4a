//! `setup openmpi-secret`: the SSH key Secret of OpenMPI jobs. An existing Secret is kept unless
//! `--rotate`; the private key reaches stdout only through `-o yaml|json`, and a file only
//! through `--save-private-key`.

use anyhow::{Result, anyhow};
use k8s_openapi::api::core::v1::Secret;
use kube::api::Api;

use super::plan::{self, Plan, Target};
use super::private_key_file;
use crate::cli::setup::{KeyTypeArg, OpenMpiSecretArgs};
use crate::cli::{DryRun, GlobalArgs};
use crate::exit::usage;
use crate::manifests::openmpi::{self, OpenMpiSecretOptions};
use crate::twister2::config::keys;
use crate::twister2::ssh_keys::{KeyType, SshKeyPair};

/// Where the key comes from.
#[derive(Debug)]
pub enum KeySource {
    /// Generate one of this type (only if the Secret is going to be written).
    Generate(KeyType),
    /// An imported key, already read and checked.
    Imported(Box<SshKeyPair>),
}

impl KeySource {
    /// The key type flag as a key type.
    pub fn generate(key_type: KeyTypeArg) -> Self {
        KeySource::Generate(match key_type {
            KeyTypeArg::Rsa => KeyType::Rsa,
            KeyTypeArg::Ed25519 => KeyType::Ed25519,
        })
    }
}

/// The outcome of deciding what to do with the Secret.
#[derive(Debug)]
pub enum SecretStep {
    /// The Secret will be written with `keys`.
    Write {
        /// Applying the Secret.
        plan: Plan,
        /// The key stored in it.
        keys: Box<SshKeyPair>,
    },
    /// The Secret exists and stays as it is.
    Kept {
        /// Configuration and notes only.
        plan: Plan,
        /// The Secret found.
        existing: Box<Secret>,
    },
}

impl SecretStep {
    /// The plan to execute.
    pub fn plan(&self) -> &Plan {
        match self {
            SecretStep::Write { plan, .. } | SecretStep::Kept { plan, .. } => plan,
        }
    }
}

fn config(name: &str) -> Vec<(String, String)> {
    vec![(keys::SECRET_NAME.to_string(), name.to_string())]
}

/// Decides: reads the Secret (unless rendering locally), keeps it unless `rotate`, else renders
/// it with the imported or a newly generated key.
pub async fn decide(
    target: &Target,
    name: &str,
    source: KeySource,
    rotate: bool,
) -> Result<SecretStep> {
    let opts = OpenMpiSecretOptions {
        name: name.to_string(),
        ..OpenMpiSecretOptions::new(target.namespace())
    };
    let existing = match target.cluster() {
        Some(cluster) => {
            let secrets: Api<Secret> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
            secrets
                .get_opt(name)
                .await
                .map_err(|e| anyhow!("cannot read secret/{name}: {}", cluster.explain(e)))?
        }
        None => None,
    };
    if let Some(existing) = existing
        && !rotate
    {
        let key = match openmpi::secret_key_info(&existing) {
            Ok(info) => info.summary(),
            Err(problem) => format!("unusable: {problem}"),
        };
        return Ok(SecretStep::Kept {
            plan: Plan {
                config: config(name),
                notes: vec![format!(
                    "secret/{name} exists; use --rotate to replace it (key {key})"
                )],
                ..Plan::default()
            },
            existing: Box::new(existing),
        });
    }
    let (keys, origin) = match source {
        KeySource::Imported(keys) => (keys, "imported"),
        KeySource::Generate(key_type) => (
            Box::new(
                tokio::task::spawn_blocking(move || SshKeyPair::generate(key_type))
                    .await
                    .map_err(|e| anyhow!("key generation stopped: {e}"))??,
            ),
            "generated",
        ),
    };
    let secret = openmpi::openmpi_secret(&opts, &keys).map_err(plan::invalid)?;
    let mut notes = vec![format!(
        "secret/{name}: {origin} key {}",
        keys.info().summary()
    )];
    if rotate && target.cluster().is_some() {
        notes.push(
            "The key was replaced: running OpenMPI jobs keep the old one; jobs submitted from now \
on use the new one."
                .to_string(),
        );
    }
    Ok(SecretStep::Write {
        plan: Plan {
            objects: vec![
                serde_json::to_value(&secret)
                    .map_err(|e| anyhow!("cannot encode the Secret: {e}"))?,
            ],
            config: config(name),
            notes,
            ..Plan::default()
        },
        keys,
    })
}

/// Run `setup openmpi-secret`.
pub async fn run(global: &GlobalArgs, args: &OpenMpiSecretArgs) -> Result<()> {
    // Everything about the flags and local files is checked before the first API call.
    crate::manifests::common::check_dns_subdomain("--name", &args.name).map_err(plan::invalid)?;
    if let Some(path) = &args.save_private_key {
        if args.write.dry_run != DryRun::None {
            return Err(usage(
                "--save-private-key saves the key that is stored; a dry run stores none",
            ));
        }
        private_key_file::check_target(path, args.force)?;
    }
    let source = match &args.from_private_key {
        Some(path) => KeySource::Imported(Box::new(SshKeyPair::from_private_key_file(path)?)),
        None => KeySource::generate(args.key_type),
    };
    let ns = plan::namespace(global, args.write.dry_run).await;
    let target = Target::new(global, args.write.dry_run, &ns).await?;
    let step = decide(&target, &args.name, source, args.rotate).await?;
    plan::execute(
        &target,
        &args.write,
        None,
        std::slice::from_ref(step.plan()),
    )
    .await?;
    if let Some(path) = &args.save_private_key {
        let key: Vec<u8> = match &step {
            SecretStep::Write { keys, .. } => keys.private_key_file().as_bytes().to_vec(),
            SecretStep::Kept { existing, .. } => existing
                .data
                .as_ref()
                .and_then(|d| d.get(openmpi::PRIVATE_KEY))
                .map(|b| b.0.clone())
                .ok_or_else(|| {
                    anyhow!(
                        "secret/{} has no {} key to save",
                        args.name,
                        openmpi::PRIVATE_KEY
                    )
                })?,
        };
        private_key_file::save(path, &key, args.force)?;
        eprintln!("private key saved to {} (mode 0600)", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn local_render_writes_a_matching_key_pair() {
        let target = Target::Local {
            namespace: "team-a".into(),
        };
        let step = decide(
            &target,
            "mpi-key",
            KeySource::Generate(KeyType::Ed25519),
            false,
        )
        .await
        .unwrap();
        let SecretStep::Write { plan, keys } = step else {
            panic!("expected a write")
        };
        let secret: Secret = serde_json::from_value(plan.objects[0].clone()).unwrap();
        assert_eq!(secret.metadata.namespace.as_deref(), Some("team-a"));
        assert_eq!(secret.metadata.name.as_deref(), Some("mpi-key"));
        let info = openmpi::secret_key_info(&secret).unwrap();
        assert_eq!(info.fingerprint, keys.fingerprint());
        assert_eq!(
            plan.config,
            [("kubernetes.secret.name".to_string(), "mpi-key".to_string())]
        );
        // Notes go to stderr: they carry the fingerprint, never the key.
        assert!(plan.notes[0].contains(&keys.fingerprint()));
        assert!(plan.notes.iter().all(|n| !n.contains("PRIVATE KEY")));
    }
}
