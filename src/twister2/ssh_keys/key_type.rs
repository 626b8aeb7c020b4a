//! The key algorithms the plugin generates and imports: RSA and ed25519.

use std::fmt;
use std::str::FromStr;

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

/// `--key-type` got something else than `rsa` or `ed25519`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown key type {0:?}; use rsa or ed25519")]
pub struct UnknownKeyType(pub String);

impl FromStr for KeyType {
    type Err = UnknownKeyType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "rsa" => Ok(KeyType::Rsa),
            "ed25519" => Ok(KeyType::Ed25519),
            _ => Err(UnknownKeyType(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_type_parses_and_prints() {
        assert_eq!("rsa".parse::<KeyType>().unwrap(), KeyType::Rsa);
        assert_eq!("ED25519".parse::<KeyType>().unwrap(), KeyType::Ed25519);
        assert_eq!(KeyType::default(), KeyType::Rsa);
        assert_eq!(KeyType::Ed25519.to_string(), "ed25519");
        let e = "dsa".parse::<KeyType>().unwrap_err().to_string();
        assert_eq!(e, "unknown key type \"dsa\"; use rsa or ed25519");
    }
}
