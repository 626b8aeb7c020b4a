//! Warnings produced while loading configuration (stale spellings, no-effect and unknown keys).

use std::fmt;

use super::source::Source;

/// Something worth telling the user that does not stop loading.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigWarning {
    /// A stale docs spelling was used; its value was taken for `key`.
    StaleSpelling {
        /// The spelling used.
        spelled: String,
        /// The code's key.
        key: &'static str,
        /// Where.
        source: Source,
    },
    /// One source has both spellings; the code's spelling won.
    BothSpellings {
        /// The stale spelling (ignored).
        stale: String,
        /// The code's key (used).
        key: &'static str,
        /// Where.
        source: Source,
    },
    /// A docs key with no effect; ignored.
    NoEffect {
        /// The key.
        key: String,
        /// What to do instead.
        hint: &'static str,
        /// Where.
        source: Source,
    },
    /// Not a key the plugin reads; passed to the job unchanged.
    UnknownKey {
        /// The key.
        key: String,
        /// A known key it may be a misspelling of.
        suggestion: Option<&'static str>,
        /// Where.
        source: Source,
    },
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigWarning::StaleSpelling {
                spelled,
                key,
                source,
            } => write!(
                f,
                "{source}: '{spelled}' is a stale spelling from Twister2's docs; use '{key}' (its value was used for '{key}')"
            ),
            ConfigWarning::BothSpellings { stale, key, source } => write!(
                f,
                "{source}: both '{key}' and its stale spelling '{stale}' are set; '{key}' is used and '{stale}' ignored"
            ),
            ConfigWarning::NoEffect { key, hint, source } => write!(
                f,
                "{source}: '{key}' appears in Twister2's docs but has no effect and is ignored; {hint}"
            ),
            ConfigWarning::UnknownKey {
                key,
                suggestion,
                source,
            } => {
                write!(
                    f,
                    "{source}: unknown key '{key}' (not read by kubectl-twister2; passed to the job unchanged)"
                )?;
                if let Some(s) = suggestion {
                    write!(f, "; did you mean '{s}'?")?;
                }
                Ok(())
            }
        }
    }
}
