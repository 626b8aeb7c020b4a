//! SSH key pairs for the OpenMPI Secret: generate, import, public key line and fingerprint.
//!
//! Generated in-process: RSA 3072 (default) or ed25519. `ssh-key` writes private keys only in the
//! OpenSSH format (`-----BEGIN OPENSSH PRIVATE KEY-----`), for RSA too; OpenSSH reads that
//! format since 6.5, and the stock `twister2/twister2-k8s` image (Ubuntu 16.04) ships OpenSSH
//! 7.2, so the generated `id_rsa` works there. Imports accept that format and, for keys made by
//! other tools, unencrypted PEM: PKCS#1 (`BEGIN RSA PRIVATE KEY`, `ssh-keygen -m PEM`) and PKCS#8
//! (`BEGIN PRIVATE KEY`, `openssl genpkey`) holding RSA or ed25519. An imported key is re-encoded
//! in the OpenSSH format with the comment `twister2`, so every Secret holds one format.
//!
//! Files: `key_type`, `error`, `key_pair` (generate, import, the three files), `public_key_info`
//! (type, size, fingerprint), `usable` (what the pods cannot use), `import` and `der` (the PEM and
//! DER formats) and `bigint` (big-endian integer arithmetic).

mod bigint;
mod der;
mod error;
mod import;
mod key_pair;
mod key_type;
mod public_key_info;
mod usable;

#[cfg(test)]
mod tests;

pub use error::SshKeyError;
pub use key_pair::SshKeyPair;
pub use key_type::KeyType;
pub use public_key_info::PublicKeyInfo;

/// Size of generated RSA keys.
pub const RSA_KEY_BITS: usize = 3072;
/// Smallest RSA key accepted on import (OpenSSH's own floor for new keys).
pub const RSA_MIN_BITS: usize = 2048;
/// Comment written at the end of the public key line.
pub const KEY_COMMENT: &str = "twister2";
