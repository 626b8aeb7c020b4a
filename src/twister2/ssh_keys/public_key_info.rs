//! What `setup status` shows about a public key: type, size and fingerprint.

use ssh_key::public::KeyData;
use ssh_key::{HashAlg, PublicKey};

use super::bigint::bit_length;
use super::error::SshKeyError;

/// What `setup status` shows about a public key: type, size and fingerprint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKeyInfo {
    /// SSH algorithm name, e.g. `ssh-rsa`, `ssh-ed25519`.
    pub algorithm: String,
    /// Key size in bits (RSA modulus size; 256 for ed25519).
    pub bits: usize,
    /// `SHA256:…`
    pub fingerprint: String,
}

impl PublicKeyInfo {
    /// Parses an OpenSSH public key line (`id_rsa.pub` or a line of `authorized_keys`).
    pub fn parse(line: &str) -> Result<Self, SshKeyError> {
        let line = line.trim();
        if line.is_empty() {
            return Err(SshKeyError::BadPublicKey("the text is empty".to_string()));
        }
        if line.starts_with("-----BEGIN") {
            return Err(SshKeyError::BadPublicKey(
                "found a PEM block; expected a line like `ssh-rsa AAAA… comment`".to_string(),
            ));
        }
        let key =
            PublicKey::from_openssh(line).map_err(|e| SshKeyError::BadPublicKey(e.to_string()))?;
        Ok(Self::of(&key))
    }

    pub(super) fn of(key: &PublicKey) -> Self {
        let bits = match key.key_data() {
            KeyData::Rsa(rsa) => bit_length(rsa.n.as_positive_bytes().unwrap_or_default()),
            KeyData::Ed25519(_) => 256,
            _ => 0,
        };
        PublicKeyInfo {
            algorithm: key.algorithm().as_str().to_string(),
            bits,
            fingerprint: key.fingerprint(HashAlg::Sha256).to_string(),
        }
    }

    /// `RSA 3072 SHA256:…` / `ED25519 256 SHA256:…`, like `ssh-keygen -l` orders it.
    pub fn summary(&self) -> String {
        let kind = match self.algorithm.as_str() {
            "ssh-rsa" => "RSA".to_string(),
            "ssh-ed25519" => "ED25519".to_string(),
            other => other.to_ascii_uppercase(),
        };
        format!("{kind} {} {}", self.bits, self.fingerprint)
    }
}
