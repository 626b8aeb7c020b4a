//! What can go wrong generating, importing or reading SSH keys.

use std::path::PathBuf;

use super::RSA_MIN_BITS;
use super::key_type::{KeyType, UnknownKeyType};

/// What can go wrong generating, importing or reading SSH keys. Messages never contain key
/// material.
#[derive(Debug, thiserror::Error)]
pub enum SshKeyError {
    /// `--key-type` got something else than `rsa` or `ed25519`.
    #[error(transparent)]
    UnknownKeyType(#[from] UnknownKeyType),
    /// The random key generator failed.
    #[error("generating an {key_type} key failed: {source}")]
    Generate {
        /// The requested type.
        key_type: KeyType,
        /// The underlying error.
        source: ssh_key::Error,
    },
    /// The key file could not be read.
    #[error("cannot read private key file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A public key was given where a private key is needed.
    #[error("{origin} holds a public key; give the private key file (e.g. id_rsa, not id_rsa.pub)")]
    PublicKeyGiven {
        /// Where the text came from.
        origin: String,
    },
    /// The private key is protected by a passphrase.
    #[error(
        "{origin} is protected by a passphrase; write an unencrypted copy \
         (`cp KEY COPY && ssh-keygen -p -N '' -f COPY`) and import that"
    )]
    Encrypted {
        /// Where the text came from.
        origin: String,
    },
    /// A key of another algorithm (ECDSA, DSA, security keys …).
    #[error("{origin} holds a {algorithm} key; use an RSA (at least 2048 bits) or ed25519 key")]
    UnsupportedAlgorithm {
        /// Where the text came from.
        origin: String,
        /// The algorithm found.
        algorithm: String,
    },
    /// An RSA key below [`RSA_MIN_BITS`].
    #[error("{origin} holds a {bits}-bit RSA key; use at least {RSA_MIN_BITS} bits")]
    RsaTooSmall {
        /// Where the text came from.
        origin: String,
        /// The key's size.
        bits: usize,
    },
    /// Not a private key in a known format, or a damaged one.
    #[error("{origin} is not a usable private key in OpenSSH or PEM format: {reason}")]
    Malformed {
        /// Where the text came from.
        origin: String,
        /// What is wrong.
        reason: String,
    },
    /// A line that is not an OpenSSH public key (`ssh-rsa AAAA… comment`).
    #[error("not an SSH public key line: {0}")]
    BadPublicKey(String),
    /// Encoding a key failed (should not happen for keys this module accepted).
    #[error("encoding the SSH key failed: {0}")]
    Encode(ssh_key::Error),
}
