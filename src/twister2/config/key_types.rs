//! What describes a key: its value type, default, extra check, home file, and the spec types.

use std::fmt;

use serde_yaml::Value;

/// Twister2's YAML files for a cluster, in the order `ConfigLoader` reads them.
pub const CONFIG_FILE_NAMES: [&str; 6] = [
    "task.yaml",
    "resource.yaml",
    "network.yaml",
    "core.yaml",
    "data.yaml",
    "checkpoint.yaml",
];

/// The type of a key's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// A string (numbers and booleans are taken as their text).
    String,
    /// `true`/`false` (also the strings `"true"`/`"false"`).
    Bool,
    /// A whole number within Java's `int`.
    Int,
    /// A number.
    Float,
    /// A list of strings.
    StringList,
    /// A list of single-entry maps: name → list of strings (racks and datacenters lists).
    MapList,
    /// A list of compute resources: `{cpu, ram, disk, instances, scalable, workersPerPod}`.
    ComputeResources,
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueType::String => "string",
            ValueType::Bool => "bool",
            ValueType::Int => "int",
            ValueType::Float => "float",
            ValueType::StringList => "string list",
            ValueType::MapList => "list of maps",
            ValueType::ComputeResources => "compute-resource list",
        })
    }
}

/// A key's default value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    /// No default: unset unless given.
    None,
    /// A string.
    Str(&'static str),
    /// A boolean.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number.
    Float(f64),
}

impl DefaultValue {
    pub(super) fn to_value(self) -> Option<Value> {
        match self {
            DefaultValue::None => None,
            DefaultValue::Str(s) => Some(Value::String(s.to_string())),
            DefaultValue::Bool(b) => Some(Value::Bool(b)),
            DefaultValue::Int(i) => Some(Value::Number(i.into())),
            DefaultValue::Float(f) => Some(Value::Number(f.into())),
        }
    }
}

/// Extra rule on a value beyond its type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Check {
    /// Any value of the type.
    Any,
    /// One of these strings, exactly.
    OneOf(&'static [&'static str]),
    /// A TCP/UDP port, 1–65535.
    Port,
    /// 0 (let Kubernetes choose) or a port.
    PortOrZero,
    /// ≥ 0.
    NonNegative,
    /// > 0.
    Positive,
    /// 0 < x ≤ 1.
    Fraction,
    /// A namespace name (DNS-1123 label).
    Namespace,
    /// A jobID ([`job_id::validate_job_id`](super::super::job_id::validate_job_id)).
    JobId,
}

/// Which Twister2 YAML file a key lives in (where the plugin writes it in the package).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConfigFile {
    /// `task.yaml`
    Task,
    /// `resource.yaml`
    Resource,
    /// `network.yaml`
    Network,
    /// `core.yaml` (also where unknown keys are written)
    Core,
    /// `data.yaml`
    Data,
    /// `checkpoint.yaml`
    Checkpoint,
}

impl ConfigFile {
    /// All six, in Twister2's reading order.
    pub const ALL: [ConfigFile; 6] = [
        ConfigFile::Task,
        ConfigFile::Resource,
        ConfigFile::Network,
        ConfigFile::Core,
        ConfigFile::Data,
        ConfigFile::Checkpoint,
    ];

    /// The file name.
    pub fn file_name(self) -> &'static str {
        CONFIG_FILE_NAMES[self as usize]
    }
}

/// Which directory of Twister2 0.8.0's `conf/` ships a key (in its home file), with the key's
/// default as value. The job package carries both directories, as Twister2's client packs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShippedIn {
    /// `conf/common/<file>`, read first by the pods.
    Common,
    /// `conf/kubernetes/<file>`, read after `common/` (its values win).
    Kubernetes,
}

impl ShippedIn {
    /// Both, in the pods' reading order.
    pub const ALL: [ShippedIn; 2] = [ShippedIn::Common, ShippedIn::Kubernetes];

    /// The directory name inside `conf/` and inside the package's `twister2-job/`.
    pub fn dir(self) -> &'static str {
        match self {
            ShippedIn::Common => "common",
            ShippedIn::Kubernetes => "kubernetes",
        }
    }
}

/// One key of the key table: a key the plugin reads, or one Twister2 0.8.0 ships that the
/// plugin only passes on to the pods.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeySpec {
    /// The code's spelling.
    pub key: &'static str,
    /// Value type.
    pub ty: ValueType,
    /// Default.
    pub default: DefaultValue,
    /// Home file.
    pub file: ConfigFile,
    /// One-line meaning.
    pub meaning: &'static str,
    /// Stale spellings from Twister2's docs (accepted with a warning).
    pub stale: &'static [&'static str],
    /// Extra rule.
    pub check: Check,
    /// Where Twister2 0.8.0's `conf/` sets this key to its default (`None`: commented out or
    /// absent there).
    pub shipped: Option<ShippedIn>,
}

/// A key from Twister2's docs that the code never reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocOnlyKey {
    /// The spelling.
    pub key: &'static str,
    /// What to do instead.
    pub hint: &'static str,
}
