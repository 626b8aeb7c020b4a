//! Parsing of the accepted private key formats: OpenSSH, and PKCS#1 and PKCS#8 PEM.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ssh_key::private::{Ed25519Keypair, KeypairData, RsaKeypair, RsaPrivateKey};
use ssh_key::public::RsaPublicKey;
use ssh_key::{Mpint, PrivateKey};

use super::KEY_COMMENT;
use super::der::{Der, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE};
use super::error::SshKeyError;

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
    let label = pem_label(text)
        .ok_or_else(|| malformed("no `-----BEGIN … PRIVATE KEY-----` line found".to_string()))?;
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
