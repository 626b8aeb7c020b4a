//! The effective configuration: its entries with provenance and the generic getters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::convert::{as_bool, as_float, as_int, map_list, string_list};
use super::source::Source;

/// One effective value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The value (normalized for known keys).
    pub value: Value,
    /// Its source.
    pub source: Source,
    /// The stale spelling it was given under, if any.
    pub spelled: Option<String>,
}

impl Entry {
    /// A value from `source`, under the code's spelling.
    pub fn new(value: Value, source: Source) -> Entry {
        Entry {
            value,
            source,
            spelled: None,
        }
    }
}

/// The effective Twister2 configuration with provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub(super) entries: BTreeMap<String, Entry>,
    pub(super) conf_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config::defaults()
    }
}

impl Config {
    /// The `--conf-dir` this configuration was loaded from.
    pub fn conf_dir(&self) -> Option<&Path> {
        self.conf_dir.as_deref()
    }

    /// Every effective entry, by key.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries.iter().map(|(k, e)| (k.as_str(), e))
    }

    /// One entry.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// One value.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.get(key).map(|e| &e.value)
    }

    /// Where a value came from.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.entries.get(key).map(|e| &e.source)
    }

    /// A string value.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }

    /// A boolean value (`false` when unset).
    pub fn get_bool(&self, key: &str) -> bool {
        self.get(key).and_then(as_bool).unwrap_or(false)
    }

    /// A whole-number value.
    pub fn get_int(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(|v| as_int(v).ok())
    }

    /// A number value.
    pub fn get_float(&self, key: &str) -> Option<f64> {
        self.get(key).and_then(|v| as_float(v).ok())
    }

    /// A string-list value (empty when unset).
    pub fn get_string_list(&self, key: &str) -> Vec<String> {
        self.get(key)
            .and_then(|v| string_list(v).ok())
            .unwrap_or_default()
    }

    /// A list-of-maps value as (name, members) in order (empty when unset).
    pub fn get_map_list(&self, key: &str) -> Vec<(String, Vec<String>)> {
        self.get(key)
            .and_then(|v| map_list(v).ok())
            .unwrap_or_default()
    }
}
