//! The OpenMPI SSH Secret (`twister2-openmpi-ssh-key`) and reading its public key back.
//!
//! Keys `id_rsa`, `id_rsa.pub` and `authorized_keys`; OpenMPI job pods mount it at
//! `/ssh-key/openmpi`. The keys go into `data` (bytes), not `stringData`: a dry run then prints
//! base64 like `kubectl create secret … -o yaml`, and server-side apply stays idempotent
//! (`stringData` is write-only, so an applied `stringData` never matches what the server stores).

use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::Secret;

use super::common::{InvalidOption, check_dns_subdomain, object_meta};
use super::labels;
use crate::twister2::ssh_keys::{PublicKeyInfo, SshKeyError, SshKeyPair};

/// Value of `app.kubernetes.io/component`.
pub const COMPONENT: &str = "openmpi-secret";
/// Twister2's default Secret name (`kubernetes.secret.name` in `network.yaml`).
pub const DEFAULT_SECRET_NAME: &str = "twister2-openmpi-ssh-key";
/// Secret type Twister2 documents.
pub const SECRET_TYPE: &str = "Opaque";
/// Key of the private key. The image's ssh client config names `id_rsa`, whatever the type.
pub const PRIVATE_KEY: &str = "id_rsa";
/// Key of the public key.
pub const PUBLIC_KEY: &str = "id_rsa.pub";
/// Key of the authorized keys file (the public key again).
pub const AUTHORIZED_KEYS: &str = "authorized_keys";

/// What `setup openmpi-secret` renders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenMpiSecretOptions {
    /// Namespace of the Secret.
    pub namespace: String,
    /// Secret name (`--name`); must match `kubernetes.secret.name` of the jobs.
    pub name: String,
}

impl OpenMpiSecretOptions {
    /// The default Secret name in `namespace`.
    pub fn new(namespace: impl Into<String>) -> Self {
        OpenMpiSecretOptions {
            namespace: namespace.into(),
            name: DEFAULT_SECRET_NAME.to_string(),
        }
    }
}

/// Renders the Secret holding `keys`. The result contains the private key: print it only when
/// the user asked for `-o yaml|json`.
pub fn openmpi_secret(
    opts: &OpenMpiSecretOptions,
    keys: &SshKeyPair,
) -> Result<Secret, InvalidOption> {
    check_dns_subdomain("--name", &opts.name)?;
    let bytes = |s: &str| ByteString(s.as_bytes().to_vec());
    Ok(Secret {
        metadata: object_meta(&opts.name, &opts.namespace, &labels::managed(COMPONENT)),
        type_: Some(SECRET_TYPE.to_string()),
        data: Some(
            [
                (PRIVATE_KEY, bytes(keys.private_key_file())),
                (PUBLIC_KEY, bytes(keys.public_key_file())),
                (AUTHORIZED_KEYS, bytes(keys.authorized_keys())),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        ),
        ..Default::default()
    })
}

/// Why an existing Secret cannot serve OpenMPI jobs.
#[derive(Debug, thiserror::Error)]
pub enum SecretProblem {
    /// A key the pods need is absent.
    #[error("the Secret has no {0:?} key")]
    MissingKey(&'static str),
    /// A public key entry is not text.
    #[error("the Secret's {0:?} is not text")]
    NotText(&'static str),
    /// `id_rsa.pub` is not a public key line.
    #[error("the Secret's id_rsa.pub: {0}")]
    BadPublicKey(SshKeyError),
    /// `authorized_keys` does not contain the public key.
    #[error("the Secret's authorized_keys does not contain its id_rsa.pub key")]
    AuthorizedKeysMismatch,
}

/// Type, size and fingerprint of an existing Secret's key, for `setup status`; checks the three
/// keys are present and `authorized_keys` holds the public key. Reads no private material.
pub fn secret_key_info(secret: &Secret) -> Result<PublicKeyInfo, SecretProblem> {
    let data = secret.data.as_ref();
    let get = |key: &'static str| {
        data.and_then(|d| d.get(key))
            .ok_or(SecretProblem::MissingKey(key))
    };
    get(PRIVATE_KEY)?;
    let text = |key: &'static str| {
        get(key).and_then(|b| std::str::from_utf8(&b.0).map_err(|_| SecretProblem::NotText(key)))
    };
    let public = text(PUBLIC_KEY)?;
    let authorized = text(AUTHORIZED_KEYS)?;
    let info = PublicKeyInfo::parse(public).map_err(SecretProblem::BadPublicKey)?;
    let listed = authorized.lines().any(|line| {
        PublicKeyInfo::parse(line).is_ok_and(|other| other.fingerprint == info.fingerprint)
    });
    if !listed {
        return Err(SecretProblem::AuthorizedKeysMismatch);
    }
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{assert_kubernetes_valid, yaml_stream};
    use super::*;
    use crate::twister2::names;
    use crate::twister2::ssh_keys::KeyType;

    /// A fixed test-only ed25519 key, so snapshots are stable.
    const TEST_KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACC/Y5hWf2M43aTHFqhnfXJsiKkv43b2xjxNnF86FzQr4wAAAJC+hh0MvoYd
DAAAAAtzc2gtZWQyNTUxOQAAACC/Y5hWf2M43aTHFqhnfXJsiKkv43b2xjxNnF86FzQr4w
AAAEBp085SzkeAmLgq1knHDvRQKoAd1XvcZiWP+PmXF0gmg79jmFZ/YzjdpMcWqGd9cmyI
qS/jdvbGPE2cXzoXNCvjAAAAB2ZpeHR1cmUBAgMEBQY=
-----END OPENSSH PRIVATE KEY-----";

    fn test_keys() -> SshKeyPair {
        SshKeyPair::parse_private_key(TEST_KEY, "test").unwrap()
    }

    fn data(secret: &Secret, key: &str) -> String {
        String::from_utf8(secret.data.as_ref().unwrap()[key].0.clone()).unwrap()
    }

    #[test]
    fn secret_holds_the_three_keys_twister2_expects() {
        let keys = SshKeyPair::generate(KeyType::Ed25519).unwrap();
        let s = openmpi_secret(&OpenMpiSecretOptions::new("team-a"), &keys).unwrap();
        assert_eq!(s.metadata.name.as_deref(), Some("twister2-openmpi-ssh-key"));
        assert_eq!(s.metadata.namespace.as_deref(), Some("team-a"));
        assert_eq!(s.type_.as_deref(), Some("Opaque"));
        assert!(s.string_data.is_none());
        let labels = s.metadata.labels.as_ref().unwrap();
        assert_eq!(labels[names::COMPONENT], "openmpi-secret");
        assert_eq!(labels[names::MANAGED_BY], "kubectl-twister2");
        assert_eq!(s.data.as_ref().unwrap().len(), 3);
        assert_eq!(data(&s, "id_rsa"), keys.private_key_file());
        assert_eq!(data(&s, "id_rsa.pub"), keys.public_key_file());
        assert_eq!(data(&s, "authorized_keys"), data(&s, "id_rsa.pub"));
        // The stored pair parses back as a matching pair.
        let again = SshKeyPair::parse_private_key(&data(&s, "id_rsa"), "secret").unwrap();
        assert_eq!(again.public_key_file(), data(&s, "id_rsa.pub"));
    }

    #[test]
    fn dry_run_output_shows_base64_data_like_kubectl() {
        let s = openmpi_secret(&OpenMpiSecretOptions::new("n"), &test_keys()).unwrap();
        let yaml = serde_yaml::to_string(&s).unwrap();
        assert!(!yaml.contains("stringData"));
        assert!(!yaml.contains("BEGIN OPENSSH"));
        assert!(yaml.contains("id_rsa: LS0tLS1CRUdJTiBPUEVOU1NI"));
    }

    #[test]
    fn custom_name_and_bad_name() {
        let keys = test_keys();
        let s = openmpi_secret(
            &OpenMpiSecretOptions {
                name: "mpi-keys".to_string(),
                ..OpenMpiSecretOptions::new("n")
            },
            &keys,
        )
        .unwrap();
        assert_eq!(s.metadata.name.as_deref(), Some("mpi-keys"));
        let e = openmpi_secret(
            &OpenMpiSecretOptions {
                name: "MPI keys".to_string(),
                ..OpenMpiSecretOptions::new("n")
            },
            &keys,
        )
        .unwrap_err();
        assert_eq!(e.option, "--name");
    }

    #[test]
    fn status_reads_type_and_fingerprint_and_spots_broken_secrets() {
        let keys = test_keys();
        let s = openmpi_secret(&OpenMpiSecretOptions::new("n"), &keys).unwrap();
        let info = secret_key_info(&s).unwrap();
        assert_eq!(info.algorithm, "ssh-ed25519");
        assert_eq!(info.fingerprint, keys.fingerprint());

        let mut missing = s.clone();
        missing.data.as_mut().unwrap().remove("id_rsa");
        assert!(matches!(
            secret_key_info(&missing),
            Err(SecretProblem::MissingKey("id_rsa"))
        ));
        let mut other = s.clone();
        let other_key = SshKeyPair::generate(KeyType::Ed25519).unwrap();
        other.data.as_mut().unwrap().insert(
            "authorized_keys".to_string(),
            ByteString(other_key.public_key_file().as_bytes().to_vec()),
        );
        assert!(matches!(
            secret_key_info(&other),
            Err(SecretProblem::AuthorizedKeysMismatch)
        ));
        // Extra authorized keys are fine as long as ours is listed.
        let mut extra = s.clone();
        extra.data.as_mut().unwrap().insert(
            "authorized_keys".to_string(),
            ByteString(
                format!("{}{}", other_key.public_key_file(), keys.public_key_file()).into_bytes(),
            ),
        );
        assert!(secret_key_info(&extra).is_ok());
        let mut garbage = s;
        garbage
            .data
            .as_mut()
            .unwrap()
            .insert("id_rsa.pub".to_string(), ByteString(b"nonsense".to_vec()));
        let e = secret_key_info(&garbage).unwrap_err().to_string();
        assert!(
            e.starts_with("the Secret's id_rsa.pub: not an SSH public key line"),
            "{e}"
        );
    }

    #[test]
    fn snapshot_secret() {
        let s = openmpi_secret(&OpenMpiSecretOptions::new("team-a"), &test_keys()).unwrap();
        insta::assert_yaml_snapshot!(s);
    }

    #[test]
    fn rendered_secret_passes_kubernetes_validate() {
        let s = openmpi_secret(&OpenMpiSecretOptions::new("team-a"), &test_keys()).unwrap();
        let docs = [serde_json::to_value(&s).unwrap()];
        assert_kubernetes_valid(&[("openmpi-secret", yaml_stream(&docs))]);
    }
}
