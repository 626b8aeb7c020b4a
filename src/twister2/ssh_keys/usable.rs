//! Which private keys the OpenMPI pods can use: unencrypted, ed25519 or RSA of 2048 bits or more.

use ssh_key::private::KeypairData;
use ssh_key::{Mpint, PrivateKey};

use super::RSA_MIN_BITS;
use super::bigint::{bit_length, multiply, strip_zeros};
use super::error::SshKeyError;

/// Rejects what the OpenMPI pods cannot use: encrypted keys, other algorithms, small RSA keys.
pub(super) fn check_usable(key: &PrivateKey, origin: &str) -> Result<(), SshKeyError> {
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
            let product = multiply(&positive(&rsa.private.p), &positive(&rsa.private.q));
            if strip_zeros(&product) != strip_zeros(&n) {
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
