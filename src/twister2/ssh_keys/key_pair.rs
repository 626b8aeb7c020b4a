//! An SSH key pair: generated or imported, and its private, public and `authorized_keys` files.

use std::fmt;
use std::path::Path;

use ssh_key::private::{Ed25519Keypair, KeypairData, RsaKeypair};
use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey};

use super::error::SshKeyError;
use super::import;
use super::key_type::KeyType;
use super::public_key_info::PublicKeyInfo;
use super::usable::check_usable;
use super::{KEY_COMMENT, RSA_KEY_BITS};

/// Largest private key file read (an RSA 16384 key is about 12 KiB).
const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;

/// A private key with its public half, ready to be stored as `id_rsa`, `id_rsa.pub` and
/// `authorized_keys`. `Debug` shows only the public side.
pub struct SshKeyPair {
    key: PrivateKey,
    private_file: String,
    public_file: String,
}

impl SshKeyPair {
    /// Generates a new key pair from the operating system's random source: RSA
    /// [`RSA_KEY_BITS`] bits or ed25519.
    pub fn generate(key_type: KeyType) -> Result<Self, SshKeyError> {
        let mut rng = rand::rngs::OsRng;
        let data = match key_type {
            KeyType::Rsa => RsaKeypair::random(&mut rng, RSA_KEY_BITS)
                .map(KeypairData::from)
                .map_err(|source| SshKeyError::Generate { key_type, source })?,
            KeyType::Ed25519 => KeypairData::from(Ed25519Keypair::random(&mut rng)),
        };
        let key = PrivateKey::new(data, KEY_COMMENT)
            .map_err(|source| SshKeyError::Generate { key_type, source })?;
        Self::from_key(key)
    }

    /// Reads a private key file (OpenSSH format, or unencrypted PKCS#1/PKCS#8 PEM) and derives
    /// the public key.
    pub fn from_private_key_file(path: &Path) -> Result<Self, SshKeyError> {
        use std::io::Read as _;
        let read_error = |source| SshKeyError::Read {
            path: path.to_path_buf(),
            source,
        };
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_KEY_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(read_error)?;
        let origin = path.display().to_string();
        if bytes.len() as u64 > MAX_KEY_FILE_BYTES {
            return Err(SshKeyError::Malformed {
                origin,
                reason: format!("the file is larger than {MAX_KEY_FILE_BYTES} bytes"),
            });
        }
        let text = String::from_utf8(bytes).map_err(|_| SshKeyError::Malformed {
            origin: origin.clone(),
            reason: "the file is not text (a binary DER key? convert it to PEM)".to_string(),
        })?;
        Self::parse_private_key(&text, &origin)
    }

    /// Parses private key text; `origin` names it in error messages (a path, "the Secret").
    pub fn parse_private_key(text: &str, origin: &str) -> Result<Self, SshKeyError> {
        let text = text.replace("\r\n", "\n");
        let mut key = import::parse(text.trim(), origin)?;
        check_usable(&key, origin)?;
        key.set_comment(KEY_COMMENT);
        Self::from_key(key)
    }

    fn from_key(key: PrivateKey) -> Result<Self, SshKeyError> {
        let private_file = key
            .to_openssh(LineEnding::LF)
            .map_err(SshKeyError::Encode)?
            .to_string();
        let public_line = key.public_key().to_openssh().map_err(SshKeyError::Encode)?;
        Ok(SshKeyPair {
            key,
            private_file,
            public_file: format!("{public_line}\n"),
        })
    }

    /// RSA or ed25519.
    pub fn key_type(&self) -> KeyType {
        match self.key.algorithm() {
            Algorithm::Ed25519 => KeyType::Ed25519,
            _ => KeyType::Rsa,
        }
    }

    /// The private key file (`id_rsa`) in the OpenSSH format. Secret material: print or store
    /// it only where the user asked for it.
    pub fn private_key_file(&self) -> &str {
        &self.private_file
    }

    /// The public key file (`id_rsa.pub`): one line `ssh-rsa AAAA… twister2` and a newline.
    pub fn public_key_file(&self) -> &str {
        &self.public_file
    }

    /// The `authorized_keys` file: the public key line, identical to [`Self::public_key_file`].
    pub fn authorized_keys(&self) -> &str {
        &self.public_file
    }

    /// Type, size and SHA256 fingerprint of the public key.
    pub fn info(&self) -> PublicKeyInfo {
        PublicKeyInfo::of(self.key.public_key())
    }

    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(HashAlg::Sha256).to_string()
    }
}

impl fmt::Debug for SshKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SshKeyPair")
            .field("key_type", &self.key_type())
            .field("fingerprint", &self.fingerprint())
            .field("private_key", &"<redacted>")
            .finish()
    }
}

impl Drop for SshKeyPair {
    /// Overwrites the encoded private key (best effort; `ssh-key` wipes its own copy).
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.private_file).into_bytes();
        bytes.fill(0);
        std::hint::black_box(&bytes);
    }
}
