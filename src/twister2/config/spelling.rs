//! Looking a spelling up in the key table: code, stale docs spelling, doc-only, or unknown.

use super::key_table::{DOC_ONLY_KEYS, KEYS, all_keys};
use super::key_types::{DocOnlyKey, KeySpec};

/// The spec of a key by its code spelling.
pub fn key_spec(key: &str) -> Option<&'static KeySpec> {
    all_keys().find(|s| s.key == key)
}

/// How a spelling relates to the key table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spelling {
    /// The code's spelling.
    Code(&'static KeySpec),
    /// A stale docs spelling of this key.
    Stale(&'static KeySpec),
    /// A docs key with no effect.
    DocOnly(&'static DocOnlyKey),
    /// Not a key the plugin reads.
    Unknown,
}

/// Classifies a spelling.
pub fn lookup_spelling(spelled: &str) -> Spelling {
    if let Some(spec) = key_spec(spelled) {
        return Spelling::Code(spec);
    }
    if let Some(spec) = KEYS.iter().find(|s| s.stale.contains(&spelled)) {
        return Spelling::Stale(spec);
    }
    if let Some(doc) = DOC_ONLY_KEYS.iter().find(|d| d.key == spelled) {
        return Spelling::DocOnly(doc);
    }
    Spelling::Unknown
}

/// A known key within edit distance 2 of `spelled`, if any.
pub fn suggest_key(spelled: &str) -> Option<&'static str> {
    all_keys()
        .map(|s| (edit_distance(spelled, s.key), s.key))
        .filter(|(d, _)| *d > 0 && *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return usize::MAX;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}
