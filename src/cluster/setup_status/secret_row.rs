//! The openmpi-secret row: whether the Secret is there and its key type and fingerprint.

use k8s_openapi::api::core::v1::Secret;

use super::report::{ComponentStatus, Installed, Read};
use super::report::{annotate_unmanaged, is_managed, unknown};
use crate::manifests::openmpi;

/// The openmpi-secret row.
pub fn secret_status(secret: &Read<Secret>, name: &str) -> ComponentStatus {
    let secret = match secret {
        Err(e) => return unknown(openmpi::COMPONENT, e),
        Ok(s) => s,
    };
    let (installed, details, managed, objects) = match secret {
        None => (
            Installed::No,
            format!("secret/{name} not found"),
            false,
            Vec::new(),
        ),
        Some(s) => {
            let managed = is_managed(&s.metadata);
            let details = match openmpi::secret_key_info(s) {
                Ok(info) => info.summary(),
                Err(problem) => format!("unusable: {problem}"),
            };
            (
                Installed::Yes,
                annotate_unmanaged(details, Installed::Yes, managed),
                managed,
                vec![format!("secret/{name}")],
            )
        }
    };
    ComponentStatus {
        component: openmpi::COMPONENT.to_string(),
        installed,
        ready: None,
        ready_replicas: None,
        replicas: None,
        details,
        managed,
        objects,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_rows() {
        let keys = crate::twister2::ssh_keys::SshKeyPair::generate(
            crate::twister2::ssh_keys::KeyType::Ed25519,
        )
        .unwrap();
        let secret =
            openmpi::openmpi_secret(&openmpi::OpenMpiSecretOptions::new("ns"), &keys).unwrap();
        let row = secret_status(&Ok(Some(secret.clone())), "twister2-openmpi-ssh-key");
        assert_eq!(row.installed, Installed::Yes);
        assert_eq!(row.details, format!("ED25519 256 {}", keys.fingerprint()));
        assert!(!row.details.contains("PRIVATE"));

        let mut broken = secret;
        broken.data.as_mut().unwrap().remove("authorized_keys");
        let row = secret_status(&Ok(Some(broken)), "s");
        assert!(row.details.starts_with("unusable: "), "{}", row.details);

        let row = secret_status(&Ok(None), "s");
        assert_eq!(row.installed, Installed::No);
        assert_eq!(row.details, "secret/s not found");
    }
}
