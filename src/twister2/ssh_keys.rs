//! SSH key pairs for the OpenMPI Secret: generate, import, public key line and fingerprint.
//!
//! Generated in-process: RSA 3072 (default) or ed25519. `ssh-key` writes private keys only in the
//! OpenSSH format (`-----BEGIN OPENSSH PRIVATE KEY-----`), for RSA too; OpenSSH reads that
//! format since 6.5, and the stock `twister2/twister2-k8s` image (Ubuntu 16.04) ships OpenSSH
//! 7.2, so the generated `id_rsa` works there. Imports accept that format and, for keys made by
//! other tools, unencrypted PEM: PKCS#1 (`BEGIN RSA PRIVATE KEY`, `ssh-keygen -m PEM`) and PKCS#8
//! (`BEGIN PRIVATE KEY`, `openssl genpkey`) holding RSA or ed25519. An imported key is re-encoded
//! in the OpenSSH format with the comment `twister2`, so every Secret holds one format.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ssh_key::private::{Ed25519Keypair, KeypairData, RsaKeypair, RsaPrivateKey};
use ssh_key::public::{KeyData, RsaPublicKey};
use ssh_key::{Algorithm, HashAlg, LineEnding, Mpint, PrivateKey, PublicKey};

/// Size of generated RSA keys.
pub const RSA_KEY_BITS: usize = 3072;
/// Smallest RSA key accepted on import (OpenSSH's own floor for new keys).
pub const RSA_MIN_BITS: usize = 2048;
/// Comment written at the end of the public key line.
pub const KEY_COMMENT: &str = "twister2";
/// Largest private key file read (an RSA 16384 key is about 12 KiB).
const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;

/// Key algorithms the plugin generates and imports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyType {
    /// RSA (3072 bits when generated); the default, because the image's OpenSSH is old.
    #[default]
    Rsa,
    /// Ed25519 (OpenSSH ≥ 6.5).
    Ed25519,
}

impl KeyType {
    /// The name used on the command line (`rsa`, `ed25519`).
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::Rsa => "rsa",
            KeyType::Ed25519 => "ed25519",
        }
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for KeyType {
    type Err = SshKeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "rsa" => Ok(KeyType::Rsa),
            "ed25519" => Ok(KeyType::Ed25519),
            _ => Err(SshKeyError::UnknownKeyType(s.to_string())),
        }
    }
}

/// What can go wrong generating, importing or reading SSH keys. Messages never contain key
/// material.
#[derive(Debug, thiserror::Error)]
pub enum SshKeyError {
    /// `--key-type` got something else than `rsa` or `ed25519`.
    #[error("unknown key type {0:?}; use rsa or ed25519")]
    UnknownKeyType(String),
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

    fn of(key: &PublicKey) -> Self {
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

/// Rejects what the OpenMPI pods cannot use: encrypted keys, other algorithms, small RSA keys.
fn check_usable(key: &PrivateKey, origin: &str) -> Result<(), SshKeyError> {
    if key.is_encrypted() {
        return Err(SshKeyError::Encrypted {
            origin: origin.to_string(),
        });
    }
    match key.key_data() {
        KeypairData::Ed25519(_) => Ok(()),
        KeypairData::Rsa(rsa) => {
            let positive = |m: &Mpint| m.as_positive_bytes().unwrap_or_default().to_vec();
            let n = positive(&rsa.public.n);
            let bits = bit_length(&n);
            if bits < RSA_MIN_BITS {
                return Err(SshKeyError::RsaTooSmall {
                    origin: origin.to_string(),
                    bits,
                });
            }
            // Neither format checks this; a damaged key would only fail at login.
            let product = import::multiply(&positive(&rsa.private.p), &positive(&rsa.private.q));
            if import::strip_zeros(&product) != import::strip_zeros(&n) {
                return Err(SshKeyError::Malformed {
                    origin: origin.to_string(),
                    reason: "the RSA modulus is not the product of the two primes".to_string(),
                });
            }
            Ok(())
        }
        _ => Err(SshKeyError::UnsupportedAlgorithm {
            origin: origin.to_string(),
            algorithm: key.algorithm().as_str().to_string(),
        }),
    }
}

/// Number of significant bits of a big-endian unsigned integer.
fn bit_length(be: &[u8]) -> usize {
    let digits = match be.iter().position(|&b| b != 0) {
        Some(first) => &be[first..],
        None => return 0,
    };
    digits.len() * 8 - digits[0].leading_zeros() as usize
}

/// Parsing of the accepted private key formats.
mod import {
    use super::*;

    const OPENSSH: &str = "OPENSSH PRIVATE KEY";
    const PKCS1_RSA: &str = "RSA PRIVATE KEY";
    const PKCS8: &str = "PRIVATE KEY";
    const PKCS8_ENCRYPTED: &str = "ENCRYPTED PRIVATE KEY";
    /// DER contents of the rsaEncryption OID 1.2.840.113549.1.1.1.
    const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    /// DER contents of the id-Ed25519 OID 1.3.101.112.
    const OID_ED25519: &[u8] = &[0x2b, 0x65, 0x70];
    /// DER contents of the id-ecPublicKey OID 1.2.840.10045.2.1.
    const OID_EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

    pub(super) fn parse(text: &str, origin: &str) -> Result<PrivateKey, SshKeyError> {
        let malformed = |reason: String| SshKeyError::Malformed {
            origin: origin.to_string(),
            reason,
        };
        if looks_like_public_key(text) {
            return Err(SshKeyError::PublicKeyGiven {
                origin: origin.to_string(),
            });
        }
        let label = pem_label(text).ok_or_else(|| {
            malformed("no `-----BEGIN … PRIVATE KEY-----` line found".to_string())
        })?;
        match label {
            OPENSSH => PrivateKey::from_openssh(text).map_err(|e| malformed(e.to_string())),
            PKCS1_RSA => {
                if text.contains("ENCRYPTED") {
                    return Err(SshKeyError::Encrypted {
                        origin: origin.to_string(),
                    });
                }
                let der = pem_body(text).map_err(malformed)?;
                rsa_from_pkcs1(&der).map_err(malformed)
            }
            PKCS8 => {
                let der = pem_body(text).map_err(malformed)?;
                from_pkcs8(&der, origin)
            }
            PKCS8_ENCRYPTED => Err(SshKeyError::Encrypted {
                origin: origin.to_string(),
            }),
            other => Err(SshKeyError::UnsupportedAlgorithm {
                origin: origin.to_string(),
                algorithm: other.trim_end_matches(" PRIVATE KEY").to_string(),
            }),
        }
    }

    fn looks_like_public_key(text: &str) -> bool {
        const PREFIXES: [&str; 6] = [
            "ssh-",
            "ecdsa-sha2-",
            "sk-",
            "-----BEGIN PUBLIC KEY-----",
            "-----BEGIN RSA PUBLIC KEY-----",
            "---- BEGIN SSH2 PUBLIC KEY ----",
        ];
        PREFIXES.iter().any(|p| text.starts_with(p))
    }

    /// The label of the first `-----BEGIN <label>-----` line, if it ends in `PRIVATE KEY`.
    fn pem_label(text: &str) -> Option<&str> {
        text.lines().find_map(|line| {
            let label = line
                .trim()
                .strip_prefix("-----BEGIN ")?
                .strip_suffix("-----")?;
            label.ends_with(PKCS8).then_some(label)
        })
    }

    /// The base64 body between the BEGIN and END lines, without RFC 1421 headers.
    fn pem_body(text: &str) -> Result<Vec<u8>, String> {
        let mut body = String::new();
        let mut inside = false;
        for line in text.lines().map(str::trim) {
            if line.starts_with("-----BEGIN ") {
                inside = true;
            } else if line.starts_with("-----END ") {
                return STANDARD
                    .decode(body.as_bytes())
                    .map_err(|e| format!("bad base64 in the PEM body: {e}"));
            } else if inside && !line.is_empty() && !line.contains(':') {
                body.push_str(line);
            }
        }
        Err("the `-----END …-----` line is missing".to_string())
    }

    /// PKCS#1 `RSAPrivateKey` (RFC 8017 A.1.2), two-prime form.
    fn rsa_from_pkcs1(der: &[u8]) -> Result<PrivateKey, String> {
        let mut outer = Der(der);
        let mut seq = Der(outer.element(TAG_SEQUENCE, "RSAPrivateKey")?);
        let version = seq.unsigned("version")?;
        if version != [0] {
            return Err("multi-prime RSA keys are not supported".to_string());
        }
        let n = seq.unsigned("modulus")?;
        let e = seq.unsigned("publicExponent")?;
        let d = seq.unsigned("privateExponent")?;
        let p = seq.unsigned("prime1")?;
        let q = seq.unsigned("prime2")?;
        let _dp = seq.unsigned("exponent1")?;
        let _dq = seq.unsigned("exponent2")?;
        let iqmp = seq.unsigned("coefficient")?;
        let mpint = |bytes: &[u8]| Mpint::from_positive_bytes(bytes).map_err(|e| e.to_string());
        let keypair = RsaKeypair {
            public: RsaPublicKey {
                e: mpint(e)?,
                n: mpint(n)?,
            },
            private: RsaPrivateKey {
                d: mpint(d)?,
                iqmp: mpint(iqmp)?,
                p: mpint(p)?,
                q: mpint(q)?,
            },
        };
        PrivateKey::new(KeypairData::Rsa(keypair), KEY_COMMENT).map_err(|e| e.to_string())
    }

    /// PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` (RFC 5208, RFC 5958) holding RSA or ed25519.
    fn from_pkcs8(der: &[u8], origin: &str) -> Result<PrivateKey, SshKeyError> {
        let malformed = |reason: String| SshKeyError::Malformed {
            origin: origin.to_string(),
            reason,
        };
        let mut outer = Der(der);
        let mut info = Der(outer
            .element(TAG_SEQUENCE, "PrivateKeyInfo")
            .map_err(malformed)?);
        info.unsigned("version").map_err(malformed)?;
        let mut algorithm = Der(info
            .element(TAG_SEQUENCE, "AlgorithmIdentifier")
            .map_err(malformed)?);
        let oid = algorithm.element(TAG_OID, "algorithm").map_err(malformed)?;
        let private = info
            .element(TAG_OCTET_STRING, "privateKey")
            .map_err(malformed)?;
        match oid {
            OID_RSA => rsa_from_pkcs1(private).map_err(malformed),
            OID_ED25519 => {
                let seed = Der(private)
                    .element(TAG_OCTET_STRING, "CurvePrivateKey")
                    .map_err(malformed)?;
                let seed: &[u8; 32] = seed
                    .try_into()
                    .map_err(|_| malformed("an ed25519 seed must be 32 bytes".to_string()))?;
                PrivateKey::new(
                    KeypairData::from(Ed25519Keypair::from_seed(seed)),
                    KEY_COMMENT,
                )
                .map_err(|e| malformed(e.to_string()))
            }
            OID_EC => Err(SshKeyError::UnsupportedAlgorithm {
                origin: origin.to_string(),
                algorithm: "EC".to_string(),
            }),
            _ => Err(SshKeyError::UnsupportedAlgorithm {
                origin: origin.to_string(),
                algorithm: "PKCS#8 (unknown algorithm)".to_string(),
            }),
        }
    }

    const TAG_INTEGER: u8 = 0x02;
    const TAG_OCTET_STRING: u8 = 0x04;
    const TAG_OID: u8 = 0x06;
    const TAG_SEQUENCE: u8 = 0x30;

    /// A cursor over DER bytes that reads the few element kinds private keys use.
    struct Der<'a>(&'a [u8]);

    impl<'a> Der<'a> {
        /// Reads one element with tag `tag` and returns its contents.
        fn element(&mut self, tag: u8, what: &str) -> Result<&'a [u8], String> {
            let (&found, rest) = self
                .0
                .split_first()
                .ok_or_else(|| format!("{what} is missing"))?;
            if found != tag {
                return Err(format!(
                    "{what}: expected DER tag 0x{tag:02x}, found 0x{found:02x}"
                ));
            }
            let (&first, mut rest) = rest
                .split_first()
                .ok_or_else(|| format!("{what} has no length"))?;
            let len = if first < 0x80 {
                usize::from(first)
            } else {
                let count = usize::from(first & 0x7f);
                if count == 0 || count > 4 || rest.len() < count {
                    return Err(format!("{what} has a bad length"));
                }
                let (len_bytes, after) = rest.split_at(count);
                rest = after;
                len_bytes
                    .iter()
                    .fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
            };
            if rest.len() < len {
                return Err(format!("{what} is truncated"));
            }
            let (contents, after) = rest.split_at(len);
            self.0 = after;
            Ok(contents)
        }

        /// Reads a non-negative INTEGER and returns its big-endian bytes.
        fn unsigned(&mut self, what: &str) -> Result<&'a [u8], String> {
            let bytes = self.element(TAG_INTEGER, what)?;
            match bytes.first() {
                None => Err(format!("{what} is empty")),
                Some(b) if b & 0x80 != 0 => Err(format!("{what} is negative")),
                Some(_) => Ok(bytes),
            }
        }
    }

    pub(super) fn strip_zeros(be: &[u8]) -> &[u8] {
        let first = be.iter().position(|&b| b != 0).unwrap_or(be.len());
        &be[first..]
    }

    /// Product of two big-endian unsigned integers (schoolbook; used once per import).
    pub(super) fn multiply(a: &[u8], b: &[u8]) -> Vec<u8> {
        // Little-endian base-256 digits, with room for carries in u32.
        let mut digits = vec![0u32; a.len() + b.len() + 1];
        for (i, &x) in a.iter().rev().enumerate() {
            let mut carry = 0u32;
            for (j, &y) in b.iter().rev().enumerate() {
                let t = digits[i + j] + u32::from(x) * u32::from(y) + carry;
                digits[i + j] = t & 0xff;
                carry = t >> 8;
            }
            let mut k = i + b.len();
            while carry > 0 {
                let t = digits[k] + carry;
                digits[k] = t & 0xff;
                carry = t >> 8;
                k += 1;
            }
        }
        digits.iter().rev().map(|&d| d as u8).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// One generated RSA key shared by the tests (3072-bit generation is slow in debug builds).
    fn rsa() -> &'static SshKeyPair {
        static KEY: OnceLock<SshKeyPair> = OnceLock::new();
        KEY.get_or_init(|| SshKeyPair::generate(KeyType::Rsa).unwrap())
    }

    fn public_of_private(pair: &SshKeyPair) -> PublicKey {
        PrivateKey::from_openssh(pair.private_key_file())
            .unwrap()
            .public_key()
            .clone()
    }

    #[test]
    fn generated_rsa_key_is_3072_bits_in_openssh_format() {
        let pair = rsa();
        assert_eq!(pair.key_type(), KeyType::Rsa);
        assert!(
            pair.private_key_file()
                .starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n")
        );
        assert!(
            pair.private_key_file()
                .ends_with("-----END OPENSSH PRIVATE KEY-----\n")
        );
        assert!(pair.public_key_file().starts_with("ssh-rsa AAAA"));
        assert!(pair.public_key_file().ends_with(" twister2\n"));
        assert_eq!(pair.public_key_file().lines().count(), 1);
        assert_eq!(pair.info().bits, 3072);
        assert_eq!(pair.info().algorithm, "ssh-rsa");
    }

    #[test]
    fn generated_private_and_public_keys_parse_back_as_a_matching_pair() {
        for pair in [rsa(), &SshKeyPair::generate(KeyType::Ed25519).unwrap()] {
            let public = PublicKey::from_openssh(pair.public_key_file().trim()).unwrap();
            let derived = public_of_private(pair);
            assert_eq!(derived.key_data(), public.key_data());
            assert_eq!(public.comment(), KEY_COMMENT);
            // The private file also imports through the public API to the same key.
            let again = SshKeyPair::parse_private_key(pair.private_key_file(), "test").unwrap();
            assert_eq!(again.public_key_file(), pair.public_key_file());
            assert_eq!(again.private_key_file(), pair.private_key_file());
        }
    }

    #[test]
    fn authorized_keys_equals_the_public_key_file() {
        let pair = rsa();
        assert_eq!(pair.authorized_keys(), pair.public_key_file());
        let ed = SshKeyPair::generate(KeyType::Ed25519).unwrap();
        assert_eq!(ed.authorized_keys(), ed.public_key_file());
        assert!(ed.public_key_file().starts_with("ssh-ed25519 AAAA"));
        assert_eq!(ed.info().bits, 256);
    }

    #[test]
    fn two_generated_keys_differ() {
        let a = SshKeyPair::generate(KeyType::Ed25519).unwrap();
        let b = SshKeyPair::generate(KeyType::Ed25519).unwrap();
        assert_ne!(a.fingerprint(), b.fingerprint());
    }

    #[test]
    fn fingerprints_are_stable_and_match_ssh_keygen() {
        // Fingerprints printed by `ssh-keygen -lf` for the fixtures.
        let rsa = SshKeyPair::parse_private_key(fixtures::RSA_PKCS1, "fixture").unwrap();
        assert_eq!(rsa.fingerprint(), fixtures::RSA_FINGERPRINT);
        assert_eq!(rsa.fingerprint(), rsa.fingerprint());
        let ed = SshKeyPair::parse_private_key(fixtures::ED25519_OPENSSH, "fixture").unwrap();
        assert_eq!(ed.fingerprint(), fixtures::ED25519_FINGERPRINT);
        let info = PublicKeyInfo::parse(fixtures::RSA_PUBLIC).unwrap();
        assert_eq!(info.fingerprint, fixtures::RSA_FINGERPRINT);
        assert_eq!(
            info.summary(),
            format!("RSA 2048 {}", fixtures::RSA_FINGERPRINT)
        );
        assert_eq!(rsa.info(), info);
    }

    #[test]
    fn one_rsa_key_imports_identically_from_pkcs1_pkcs8_and_openssh() {
        let pkcs1 = SshKeyPair::parse_private_key(fixtures::RSA_PKCS1, "a").unwrap();
        let pkcs8 = SshKeyPair::parse_private_key(fixtures::RSA_PKCS8, "b").unwrap();
        let openssh = SshKeyPair::parse_private_key(fixtures::RSA_OPENSSH, "c").unwrap();
        let expected = format!(
            "{} {KEY_COMMENT}\n",
            fixtures::RSA_PUBLIC.rsplit_once(' ').unwrap().0
        );
        for pair in [&pkcs1, &pkcs8, &openssh] {
            assert_eq!(pair.public_key_file(), expected);
            assert_eq!(pair.key_type(), KeyType::Rsa);
            // Re-encoded as OpenSSH, whatever the input format was.
            assert!(
                pair.private_key_file()
                    .starts_with("-----BEGIN OPENSSH PRIVATE KEY-----")
            );
            assert_eq!(
                public_of_private(pair).key_data(),
                public_of_private(&pkcs1).key_data()
            );
        }
    }

    #[test]
    fn ed25519_imports_from_openssh_and_pkcs8() {
        let openssh = SshKeyPair::parse_private_key(fixtures::ED25519_OPENSSH, "x").unwrap();
        assert_eq!(openssh.key_type(), KeyType::Ed25519);
        let pkcs8 = SshKeyPair::parse_private_key(fixtures::ED25519_PKCS8, "x").unwrap();
        assert_eq!(
            pkcs8.public_key_file(),
            format!("{} twister2\n", fixtures::ED25519_PKCS8_PUBLIC)
        );
        assert_eq!(pkcs8.fingerprint(), fixtures::ED25519_PKCS8_FINGERPRINT);
    }

    #[test]
    fn import_reads_files_and_tolerates_surrounding_whitespace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("id_rsa");
        std::fs::write(&path, format!("\n\n{}\r\n", fixtures::RSA_PKCS1)).unwrap();
        let pair = SshKeyPair::from_private_key_file(&path).unwrap();
        assert_eq!(pair.fingerprint(), fixtures::RSA_FINGERPRINT);
        // Files saved with Windows line endings.
        for fixture in [fixtures::RSA_OPENSSH, fixtures::ED25519_OPENSSH] {
            std::fs::write(&path, fixture.replace('\n', "\r\n")).unwrap();
            assert!(SshKeyPair::from_private_key_file(&path).is_ok());
        }
    }

    #[test]
    fn bad_key_files_give_clear_errors() {
        let err = |text: &str| {
            SshKeyPair::parse_private_key(text, "KEYFILE")
                .unwrap_err()
                .to_string()
        };
        let e = err(fixtures::RSA_PUBLIC);
        assert!(e.contains("KEYFILE holds a public key"), "{e}");
        let e = err(fixtures::ED25519_ENCRYPTED);
        assert!(e.contains("KEYFILE is protected by a passphrase"), "{e}");
        let e = err(fixtures::RSA_PKCS1_ENCRYPTED_HEAD);
        assert!(e.contains("protected by a passphrase"), "{e}");
        let e =
            err("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n-----END ENCRYPTED PRIVATE KEY-----");
        assert!(e.contains("protected by a passphrase"), "{e}");
        let e = err(fixtures::ECDSA_OPENSSH);
        assert!(e.contains("ecdsa-sha2-nistp256 key"), "{e}");
        assert!(e.contains("use an RSA"), "{e}");
        let e = err("-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----");
        assert!(e.contains("holds a EC key"), "{e}");
        let e = err(fixtures::RSA_1024_OPENSSH);
        assert!(e.contains("1024-bit RSA key; use at least 2048"), "{e}");
        let e = err("hello");
        assert!(e.contains("KEYFILE is not a usable private key"), "{e}");
        assert!(e.contains("no `-----BEGIN"), "{e}");
        let e = err("-----BEGIN RSA PRIVATE KEY-----\nnot base64!!\n-----END RSA PRIVATE KEY-----");
        assert!(e.contains("bad base64"), "{e}");
        let truncated: String = fixtures::RSA_PKCS1
            .lines()
            .take(10)
            .collect::<Vec<_>>()
            .join("\n");
        let e = err(&format!("{truncated}\n-----END RSA PRIVATE KEY-----"));
        assert!(e.contains("truncated") || e.contains("missing"), "{e}");
        let e = err("-----BEGIN RSA PRIVATE KEY-----\nMIIB");
        assert!(e.contains("END"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'A'; 70_000]).unwrap();
        let e = SshKeyPair::from_private_key_file(&big)
            .unwrap_err()
            .to_string();
        assert!(e.contains("larger than 65536 bytes"), "{e}");
        let e = SshKeyPair::from_private_key_file(Path::new("/nonexistent/id_rsa"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("cannot read private key file /nonexistent/id_rsa"),
            "{e}"
        );
    }

    #[test]
    fn a_pkcs1_key_whose_primes_do_not_match_the_modulus_is_rejected() {
        // Flip one bit inside the first prime of the PKCS#1 fixture.
        let der = STANDARD
            .decode(
                fixtures::RSA_PKCS1
                    .lines()
                    .filter(|l| !l.starts_with("-----"))
                    .collect::<String>(),
            )
            .unwrap();
        let mut damaged = der;
        // `openssl asn1parse`: prime1's 129 content bytes start at offset 536.
        damaged[600] ^= 0x01;
        let pem = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
            STANDARD.encode(&damaged)
        );
        let e = SshKeyPair::parse_private_key(&pem, "k")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not the product of the two primes"), "{e}");
        // The same check covers OpenSSH-format files.
        let pair = SshKeyPair::parse_private_key(fixtures::RSA_OPENSSH, "k").unwrap();
        let key = PrivateKey::from_openssh(pair.private_key_file()).unwrap();
        let KeypairData::Rsa(mut rsa) = key.key_data().clone() else {
            panic!("not RSA")
        };
        let mut q = rsa.private.q.as_positive_bytes().unwrap().to_vec();
        q[10] ^= 0x01;
        rsa.private.q = Mpint::from_positive_bytes(&q).unwrap();
        let damaged = PrivateKey::new(KeypairData::Rsa(rsa), "x").unwrap();
        let text = damaged.to_openssh(LineEnding::LF).unwrap();
        let e = SshKeyPair::parse_private_key(&text, "k")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not the product of the two primes"), "{e}");
    }

    #[test]
    fn multiply_matches_known_products() {
        assert_eq!(import::multiply(&[0xff], &[0xff]), vec![0x00, 0xfe, 0x01]);
        assert_eq!(
            // 0x0100 × 0x010001 = 0x01000100
            import::multiply(&[0x01, 0x00], &[0x01, 0x00, 0x01]),
            vec![0x00, 0x00, 0x01, 0x00, 0x01, 0x00]
        );
        assert_eq!(
            import::multiply(&[0xff, 0xff, 0xff, 0xff], &[0xff, 0xff, 0xff, 0xff]),
            vec![0x00, 0xff, 0xff, 0xff, 0xfe, 0x00, 0x00, 0x00, 0x01]
        );
    }

    #[test]
    fn debug_never_prints_private_material() {
        for pair in [rsa(), &SshKeyPair::generate(KeyType::Ed25519).unwrap()] {
            let debug = format!("{pair:?}");
            assert!(debug.contains("<redacted>"));
            assert!(debug.contains(&pair.fingerprint()));
            assert!(!debug.contains("PRIVATE KEY"));
            let body: String = pair
                .private_key_file()
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect();
            // No 16-character piece of the encoded private key shows up.
            for start in (0..body.len().saturating_sub(16)).step_by(16) {
                assert!(!debug.contains(&body[start..start + 16]));
            }
        }
    }

    #[test]
    fn key_type_parses_and_prints() {
        assert_eq!("rsa".parse::<KeyType>().unwrap(), KeyType::Rsa);
        assert_eq!("ED25519".parse::<KeyType>().unwrap(), KeyType::Ed25519);
        assert_eq!(KeyType::default(), KeyType::Rsa);
        assert_eq!(KeyType::Ed25519.to_string(), "ed25519");
        let e = "dsa".parse::<KeyType>().unwrap_err().to_string();
        assert_eq!(e, "unknown key type \"dsa\"; use rsa or ed25519");
    }

    #[test]
    fn public_key_info_rejects_garbage() {
        assert!(PublicKeyInfo::parse("").is_err());
        assert!(PublicKeyInfo::parse("ssh-rsa notbase64").is_err());
        let e = PublicKeyInfo::parse(fixtures::RSA_PKCS1)
            .unwrap_err()
            .to_string();
        assert!(e.contains("found a PEM block"), "{e}");
    }

    /// Runs the real OpenSSH tools on generated keys when they are installed: `ssh-keygen -y`
    /// must derive our public key from our private key file, and `-l` our fingerprint.
    #[test]
    fn openssh_reads_generated_keys() {
        let Ok(out) = std::process::Command::new("ssh-keygen").arg("-?").output() else {
            eprintln!("ssh-keygen not on PATH; skipping the OpenSSH interoperability check");
            return;
        };
        drop(out);
        let dir = tempfile::tempdir().unwrap();
        for (name, pair) in [
            ("rsa", rsa()),
            ("ed", &SshKeyPair::generate(KeyType::Ed25519).unwrap()),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, pair.private_key_file()).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            }
            let out = std::process::Command::new("ssh-keygen")
                .arg("-y")
                .arg("-f")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let derived = String::from_utf8(out.stdout).unwrap();
            let ours = pair.public_key_file().rsplit_once(' ').unwrap().0;
            assert!(derived.starts_with(ours), "{derived} vs {ours}");
            let out = std::process::Command::new("ssh-keygen")
                .arg("-l")
                .arg("-f")
                .arg(&path)
                .output()
                .unwrap();
            let listed = String::from_utf8(out.stdout).unwrap();
            assert!(listed.contains(&pair.fingerprint()), "{listed}");
        }
    }

    /// Test-only keys made with `ssh-keygen` and `openssl`; they protect nothing.
    mod fixtures {
        pub const RSA_FINGERPRINT: &str = "SHA256:Hw6u8B+sKpqUM3XxganjiVrhfl7tnoyn6a0UFb/ShcY";
        pub const ED25519_FINGERPRINT: &str = "SHA256:sPs3Km3/iQwhhsnx/w+/ZwS72E9ZoRUsav4cxlhOjkU";
        pub const ED25519_PKCS8_FINGERPRINT: &str =
            "SHA256:GaOx2Qw01mmOGMYsxjdEOG0znLGa0hL/U1KWPfrCE/E";
        pub const ED25519_PKCS8_PUBLIC: &str =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIDMUYp93Mh4PEX2gnTXGdJbXsXEtCpClNEiPPKRtjfW";
        pub const RSA_PUBLIC: &str = "\
ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCROimnXoUVinkE95nrw7TwgOzO2y3XOE5sG8c/ZpjaYg57qZoEPyD5gAMyUGFg8Yb96CvQMeo3qeHyU6gHHhZlREz+d0/H5Z3aXDrAxj2Hwj2m819eEo4J27EBH7ep9KeKHypre2HJqdvOrehosiRv5HTc33n0jKy0oWxRsXGTbogcFiwRSgXpI6WbdcXGICLvWp+TcogHM06qsRZZfRWkwWEEj+A87/mQTQ3mXpDEQFgzKPup5myaMKen1SsAgVJv6rCA54p7s8q78js8sgst3pE2WdypCLgbs0Lmt4yvPxOlAGJCIIY10uutdDEv9ZMG30VG96E6nrTN39SYevYR fixture";
        pub const RSA_PKCS1: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAkTopp16FFYp5BPeZ68O08IDsztst1zhObBvHP2aY2mIOe6ma
BD8g+YADMlBhYPGG/egr0DHqN6nh8lOoBx4WZURM/ndPx+Wd2lw6wMY9h8I9pvNf
XhKOCduxAR+3qfSnih8qa3thyanbzq3oaLIkb+R03N959IystKFsUbFxk26IHBYs
EUoF6SOlm3XFxiAi71qfk3KIBzNOqrEWWX0VpMFhBI/gPO/5kE0N5l6QxEBYMyj7
qeZsmjCnp9UrAIFSb+qwgOeKe7PKu/I7PLILLd6RNlncqQi4G7NC5reMrz8TpQBi
QiCGNdLrrXQxL/WTBt9FRvehOp60zd/UmHr2EQIDAQABAoIBAAHOVlxFeaQ176FX
LuvWqDZhdBBye1R018zSX5zzOq1kkMeK6WZqHo/bvq5uf3eEKWiY7YqORFpi23N3
BNzpy9+AhPCZLT3QJjFj+jsRfAxnJvsfha0Wz/thZwcbjN4pM7gtAQsLIsEuQpSE
ZyJ+LKPTlHx2rv6SjUdFxqIRcdcigPNljVKQ0Zm34YlRLyOWu0oy5JNgXGKjzdpB
1/slPgwBoUCBVIXn/raD8hT4oELMShKxLlDovxjKGvOYSZ0XL5DopcG3WIM9Gim9
xLlGcZXFGhXjfn6VFtiqWrNcZtOGdnKJgQVEl1SZFx3uqAVse0eX4C/N32+kw5e/
NMOuKpECgYEAy0uFD+bZG/zO3DcbiZFPhCm58s5bcQ6Tjc1HPEHzykbop6eOeFGE
E8EzmyNlowuFzXhuZcGw03ghPjNzjH2eI0Ixjl24dh47rJ2avqCfpdmAPNwLYrAJ
9a4EXxSZDXTeK2nZEwBLiFTbva9JdcxY7gh8kjGfjHefpzECuYQBbIUCgYEAtuC+
HbMI5Bm52anb0ctQgFM76pCnV10UcqHT8kgnO0TRu4UHXXrOpeJeDQQVwPwW7k7o
wdqu18lq5kAp9MXbIBJUGEkoube9aO0MRK8uFNmmTmM70teEHysHWqTa54khJr01
5cmmUL6YaGkJIwU4iVQWwQE46J/AyPnnT5J0bx0CgYEAlrXI0m4YHAiCLn1oG8cv
BNKOOLPE1H6y4tgA7GoUWqvQxKGSHB6KZL7BDEzkh0f+jMGwTh2Wgl83fc5U5h0m
RAtJg7p1CpQFN0Wrt5CKakBhMj0K78GD0K+OLBKwGGrAXbzdoZmBZXNLaEbvlbXF
Y8nE1/iTyGXSZPcPhwqWp6UCgYB10NIKNiY7NWurE6f/P3mMQpMuKaT1Po0G0MTH
qL5Fi6+GnExDZ/OroOswfXo6Su3G92UyRl0vvZ412g5tl+30enpc7vzisMHA0D6A
HU+VtSZUB9AppBiFL+Zb+irg0VJfL7SCZmfUSwXK9ighvKJQrrC+BLiR/SFpGL5x
YAvM7QKBgEvtJQzhELAtngAV+UM0mMMV5QwQIROpbZTBx79VLJL+j1P3Qq/WZNyi
aglwxkEQ6bopzKUHZuo1wk1SO28T64u/robPCpOUaRmQoit7ONpsdyU60BmEVE/5
OFAfPI6OPq0oid0swKaXHpsgl7JtTCe2iHkSFzXJ84B4pZm3BEst
-----END RSA PRIVATE KEY-----";
        pub const RSA_PKCS8: &str = "\
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCROimnXoUVinkE
95nrw7TwgOzO2y3XOE5sG8c/ZpjaYg57qZoEPyD5gAMyUGFg8Yb96CvQMeo3qeHy
U6gHHhZlREz+d0/H5Z3aXDrAxj2Hwj2m819eEo4J27EBH7ep9KeKHypre2HJqdvO
rehosiRv5HTc33n0jKy0oWxRsXGTbogcFiwRSgXpI6WbdcXGICLvWp+TcogHM06q
sRZZfRWkwWEEj+A87/mQTQ3mXpDEQFgzKPup5myaMKen1SsAgVJv6rCA54p7s8q7
8js8sgst3pE2WdypCLgbs0Lmt4yvPxOlAGJCIIY10uutdDEv9ZMG30VG96E6nrTN
39SYevYRAgMBAAECggEAAc5WXEV5pDXvoVcu69aoNmF0EHJ7VHTXzNJfnPM6rWSQ
x4rpZmoej9u+rm5/d4QpaJjtio5EWmLbc3cE3OnL34CE8JktPdAmMWP6OxF8DGcm
+x+FrRbP+2FnBxuM3ikzuC0BCwsiwS5ClIRnIn4so9OUfHau/pKNR0XGohFx1yKA
82WNUpDRmbfhiVEvI5a7SjLkk2BcYqPN2kHX+yU+DAGhQIFUhef+toPyFPigQsxK
ErEuUOi/GMoa85hJnRcvkOilwbdYgz0aKb3EuUZxlcUaFeN+fpUW2Kpas1xm04Z2
comBBUSXVJkXHe6oBWx7R5fgL83fb6TDl780w64qkQKBgQDLS4UP5tkb/M7cNxuJ
kU+EKbnyzltxDpONzUc8QfPKRuinp454UYQTwTObI2WjC4XNeG5lwbDTeCE+M3OM
fZ4jQjGOXbh2HjusnZq+oJ+l2YA83AtisAn1rgRfFJkNdN4radkTAEuIVNu9r0l1
zFjuCHySMZ+Md5+nMQK5hAFshQKBgQC24L4dswjkGbnZqdvRy1CAUzvqkKdXXRRy
odPySCc7RNG7hQddes6l4l4NBBXA/BbuTujB2q7XyWrmQCn0xdsgElQYSSi5t71o
7QxEry4U2aZOYzvS14QfKwdapNrniSEmvTXlyaZQvphoaQkjBTiJVBbBATjon8DI
+edPknRvHQKBgQCWtcjSbhgcCIIufWgbxy8E0o44s8TUfrLi2ADsahRaq9DEoZIc
HopkvsEMTOSHR/6MwbBOHZaCXzd9zlTmHSZEC0mDunUKlAU3Rau3kIpqQGEyPQrv
wYPQr44sErAYasBdvN2hmYFlc0toRu+VtcVjycTX+JPIZdJk9w+HCpanpQKBgHXQ
0go2Jjs1a6sTp/8/eYxCky4ppPU+jQbQxMeovkWLr4acTENn86ug6zB9ejpK7cb3
ZTJGXS+9njXaDm2X7fR6elzu/OKwwcDQPoAdT5W1JlQH0CmkGIUv5lv6KuDRUl8v
tIJmZ9RLBcr2KCG8olCusL4EuJH9IWkYvnFgC8ztAoGAS+0lDOEQsC2eABX5QzSY
wxXlDBAhE6ltlMHHv1Uskv6PU/dCr9Zk3KJqCXDGQRDpuinMpQdm6jXCTVI7bxPr
i7+uhs8Kk5RpGZCiK3s42mx3JTrQGYRUT/k4UB88jo4+rSiJ3SzAppcemyCXsm1M
J7aIeRIXNcnzgHilmbcESy0=
-----END PRIVATE KEY-----";
        pub const RSA_OPENSSH: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABFwAAAAdzc2gtcn
NhAAAAAwEAAQAAAQEAkTopp16FFYp5BPeZ68O08IDsztst1zhObBvHP2aY2mIOe6maBD8g
+YADMlBhYPGG/egr0DHqN6nh8lOoBx4WZURM/ndPx+Wd2lw6wMY9h8I9pvNfXhKOCduxAR
+3qfSnih8qa3thyanbzq3oaLIkb+R03N959IystKFsUbFxk26IHBYsEUoF6SOlm3XFxiAi
71qfk3KIBzNOqrEWWX0VpMFhBI/gPO/5kE0N5l6QxEBYMyj7qeZsmjCnp9UrAIFSb+qwgO
eKe7PKu/I7PLILLd6RNlncqQi4G7NC5reMrz8TpQBiQiCGNdLrrXQxL/WTBt9FRvehOp60
zd/UmHr2EQAAA7hwk1UWcJNVFgAAAAdzc2gtcnNhAAABAQCROimnXoUVinkE95nrw7TwgO
zO2y3XOE5sG8c/ZpjaYg57qZoEPyD5gAMyUGFg8Yb96CvQMeo3qeHyU6gHHhZlREz+d0/H
5Z3aXDrAxj2Hwj2m819eEo4J27EBH7ep9KeKHypre2HJqdvOrehosiRv5HTc33n0jKy0oW
xRsXGTbogcFiwRSgXpI6WbdcXGICLvWp+TcogHM06qsRZZfRWkwWEEj+A87/mQTQ3mXpDE
QFgzKPup5myaMKen1SsAgVJv6rCA54p7s8q78js8sgst3pE2WdypCLgbs0Lmt4yvPxOlAG
JCIIY10uutdDEv9ZMG30VG96E6nrTN39SYevYRAAAAAwEAAQAAAQABzlZcRXmkNe+hVy7r
1qg2YXQQcntUdNfM0l+c8zqtZJDHiulmah6P276ubn93hClomO2KjkRaYttzdwTc6cvfgI
TwmS090CYxY/o7EXwMZyb7H4WtFs/7YWcHG4zeKTO4LQELCyLBLkKUhGcifiyj05R8dq7+
ko1HRcaiEXHXIoDzZY1SkNGZt+GJUS8jlrtKMuSTYFxio83aQdf7JT4MAaFAgVSF5/62g/
IU+KBCzEoSsS5Q6L8YyhrzmEmdFy+Q6KXBt1iDPRopvcS5RnGVxRoV435+lRbYqlqzXGbT
hnZyiYEFRJdUmRcd7qgFbHtHl+Avzd9vpMOXvzTDriqRAAAAgEvtJQzhELAtngAV+UM0mM
MV5QwQIROpbZTBx79VLJL+j1P3Qq/WZNyiaglwxkEQ6bopzKUHZuo1wk1SO28T64u/robP
CpOUaRmQoit7ONpsdyU60BmEVE/5OFAfPI6OPq0oid0swKaXHpsgl7JtTCe2iHkSFzXJ84
B4pZm3BEstAAAAgQDLS4UP5tkb/M7cNxuJkU+EKbnyzltxDpONzUc8QfPKRuinp454UYQT
wTObI2WjC4XNeG5lwbDTeCE+M3OMfZ4jQjGOXbh2HjusnZq+oJ+l2YA83AtisAn1rgRfFJ
kNdN4radkTAEuIVNu9r0l1zFjuCHySMZ+Md5+nMQK5hAFshQAAAIEAtuC+HbMI5Bm52anb
0ctQgFM76pCnV10UcqHT8kgnO0TRu4UHXXrOpeJeDQQVwPwW7k7owdqu18lq5kAp9MXbIB
JUGEkoube9aO0MRK8uFNmmTmM70teEHysHWqTa54khJr015cmmUL6YaGkJIwU4iVQWwQE4
6J/AyPnnT5J0bx0AAAAAAQID
-----END OPENSSH PRIVATE KEY-----";
        pub const ED25519_OPENSSH: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACC/Y5hWf2M43aTHFqhnfXJsiKkv43b2xjxNnF86FzQr4wAAAJC+hh0MvoYd
DAAAAAtzc2gtZWQyNTUxOQAAACC/Y5hWf2M43aTHFqhnfXJsiKkv43b2xjxNnF86FzQr4w
AAAEBp085SzkeAmLgq1knHDvRQKoAd1XvcZiWP+PmXF0gmg79jmFZ/YzjdpMcWqGd9cmyI
qS/jdvbGPE2cXzoXNCvjAAAAB2ZpeHR1cmUBAgMEBQY=
-----END OPENSSH PRIVATE KEY-----";
        pub const ED25519_PKCS8: &str = "\
-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEICyQKDgBNGi4whz78JV0TT/y3CQ11T3bI9VIUsdvaJ5j
-----END PRIVATE KEY-----";
        pub const ED25519_ENCRYPTED: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABCGwXzZj6
9yEZEAu9J/B7AhAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAINwnpvmx2gUq6tca
UZnMyImSkwQ1s4GjXbe1X2DY//pNAAAAkJF5+WgBG1Vc1Ctbb2LMEX6XKkQXSZeAhj8dRR
OB+0t8eTsbCruRvqFdSmDc5JaJJ1BBebxGmwdRLgpQU1obY4zB5qsmtrdtmspqb6bTyfsD
InVgxgc8l+m6NHFfN2f/X7vc+ScJKaxw8H3YfrnK3aKxXnhdEA88son0D/7yEt+1J2kafi
WOLgdSfmCX7XAQzQ==
-----END OPENSSH PRIVATE KEY-----";
        pub const ECDSA_OPENSSH: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAaAAAABNlY2RzYS
1zaGEyLW5pc3RwMjU2AAAACG5pc3RwMjU2AAAAQQSyQkO3DDG7RZBPhqrKtq4b4ftVJLT5
k0PVX/oXIb9chEzmYPhj3IYQaafX0PLVJtpzSWMUcqYnOlKnrkV8rTLuAAAAoGQbXnJkG1
5yAAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLJCQ7cMMbtFkE+G
qsq2rhvh+1UktPmTQ9Vf+hchv1yETOZg+GPchhBpp9fQ8tUm2nNJYxRypic6UqeuRXytMu
4AAAAhAOEqT0AKKAj7wtc1OoXWcYVM4mNhcPplcwBuK36uGUXFAAAAB3Jvb3RAdm0=
-----END OPENSSH PRIVATE KEY-----";
        pub const RSA_1024_OPENSSH: &str = "\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAlwAAAAdzc2gtcn
NhAAAAAwEAAQAAAIEAzwbhYr6vb1moRTljInfhiS8KdHKa7tS/KVyXVv+AOgU3Hzmfi5vQ
mzViYPQJbFYPTC/PICMQhr5JRP82EtarmHRkT2Jo8FPQAwwfeF/9z1RucuT4RUBJcswPAz
MaLHyJb8T7Zz19cMFU9NJuxAf9ntQwrn445Xm/TeLdQOiAqkkAAAIAKFC9PyhQvT8AAAAH
c3NoLXJzYQAAAIEAzwbhYr6vb1moRTljInfhiS8KdHKa7tS/KVyXVv+AOgU3Hzmfi5vQmz
ViYPQJbFYPTC/PICMQhr5JRP82EtarmHRkT2Jo8FPQAwwfeF/9z1RucuT4RUBJcswPAzMa
LHyJb8T7Zz19cMFU9NJuxAf9ntQwrn445Xm/TeLdQOiAqkkAAAADAQABAAAAgFbYaAvoOe
fYEIKZhECdUXsexJ/8w4mUrWxIbyQLolq0fV8X6RnDj0rMpixNsvZDU799/sFYdEJR6KKM
/L4CV5CnIpUAQ9rcsE+ZFNTLQJSW49qhhg4LXUgjGzp1ThBQXQ+yHh7LAQGnUU6WplgKZW
DeLqOaJnIqbmG+YtuzZJCRAAAAQDnpcQ6t/icQ8nul6t3+1lNoYUVmRwIrUphvUD2Xk5Ga
DuIZksCit/CvNXHqHq/w7ki6jvYvK7iSglWj16alKmUAAABBAPSOglSEl9nCWG0at5Kip6
0NYfIT36L+GVNpeUTiN+aFB90ZW5XBjSTEIeVwjeZagJUxmIkNlhLiSPV8LtnNkssAAABB
ANi2z1/T7X9st/rdvOPzy571CQCXvwggJbs2miDLoB++mqTlRw3Uk+/SqMMn3bMcjQX5vi
igMF3htfS/nyqFULsAAAAHcm9vdEB2bQECAwQ=
-----END OPENSSH PRIVATE KEY-----";
        /// The first lines of an `ssh-keygen -m PEM -N secret` key.
        pub const RSA_PKCS1_ENCRYPTED_HEAD: &str = "\
-----BEGIN RSA PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,FA792BAE9FF4CEC76C584A737C5CE88C

/S6nfm05TuHc3xbBQTTqMofydCwm5WyaL9XHnXgiV1V6EppM8XdMJLKi+eRmJGT/
-----END RSA PRIVATE KEY-----";
    }
}
