//! Twister2 configuration: its dotted keys, where each value came from, and the files shipped.
//!
//! Holds the table of keys the plugin reads (types, defaults, stale spellings), loading of
//! `--conf-dir`/`--config`/`--set` with provenance and typed validation, and the writing of the
//! effective configuration into the job package.
//!
//! Precedence, lowest first: defaults < `--conf-dir DIR` (`DIR/common/<files>` then
//! `DIR/kubernetes/<files>`, as Twister2 reads them) < `--config FILE`s in order < `--set
//! KEY=VALUE`s in order < CLI flags (applied by the caller through [`Config::set_override`]).
//!
//! Spellings: the docs' stale spellings (`kubernetes.racks.list`, `rack.labey.key`, …) are
//! accepted with a warning naming the code's key; when one source has both spellings the code's
//! spelling wins (warning). Doc-only keys with no effect (`twister2.fault.tolerant`, …) are
//! warned about and ignored. Unknown keys are kept (passed to the job's pods unchanged) and
//! warned about when they come from `--config`/`--set`; from `--conf-dir` — a Twister2
//! distribution's own files, full of keys the plugin never reads — only when they look like a
//! misspelling of a known key. A key whose value is `null` (`key:` with nothing after it) is
//! treated as not set by that source.

mod accessors;
mod compute_resource_values;
mod consistency;
mod convert;
mod effective;
mod error;
mod key_table;
mod key_types;
pub mod keys;
mod load;
mod logger_properties;
mod normalize;
mod package_files;
mod passed_keys;
mod read;
mod render;
mod source;
mod spelling;
#[cfg(test)]
mod test_support;
#[cfg(test)]
pub(crate) use test_support::config_with_sets;
mod twister2_classes;
mod warning;

pub use accessors::NodeMapping;
pub use convert::value_text;
pub use effective::{Config, Entry};
pub use error::{ConfigError, ValueProblem};
pub use key_table::{DOC_ONLY_KEYS, KEYS, all_keys};
pub use key_types::{
    CONFIG_FILE_NAMES, Check, ConfigFile, DefaultValue, DocOnlyKey, KeySpec, ShippedIn, ValueType,
};
pub use load::{ConfigSources, LoadedConfig};
pub use logger_properties::{DEFAULT_LOGGER_PROPERTIES, LOGGER_PROPERTIES_PATH};
pub use normalize::normalize;
pub use passed_keys::PASSED_ON_KEYS;
pub use read::{MAX_CONFIG_FILE_BYTES, conf_dir_yaml_files, parse_set, read_config_file};
pub use render::render_flat_yaml;
pub use source::Source;
pub use spelling::{Spelling, key_spec, lookup_spelling, suggest_key};
pub use twister2_classes::{
    K8S_UPLOADER_CLASS, MPI_CHANNEL_CLASS, S3_UPLOADER_CLASS, TCP_CHANNEL_CLASS,
};
pub use warning::ConfigWarning;
