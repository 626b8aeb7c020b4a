//! The job configuration (`JobConfig` in Twister2's Java API): the values a job's workers read
//! from `config_byte_map`, given with `--job-config KEY=VALUE` and `--job-config-file FILE`,
//! turned into the Java values the pods' Kryo decodes, with every value the pods could not
//! read refused.
//!
//! YAML values map to Java types as SnakeYAML and Twister2's strict getters expect: a string →
//! `String`; a whole number → `Integer` (it must fit 32 bits; a `Long` only when asked for, with
//! `123L` on the command line or `!long 123` anywhere); another number → `Double`; `true`/`false`
//! → `Boolean`; a list → `java.util.ArrayList`; a map → `java.util.HashMap`; `!string-array
//! [a, b]` → `String[]`. `null`, other tags and non-scalar map keys are refused.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::config::{KEYS, MAX_CONFIG_FILE_BYTES, ValueType, key_spec};
use super::kryo::JavaValue;

/// YAML tag of a `Long` value (`!long 123`).
pub const LONG_TAG: &str = "long";
/// YAML tag of a `String[]` value (`!string-array [a, b]`).
pub const STRING_ARRAY_TAG: &str = "string-array";

/// Where a job configuration value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobConfigSource {
    /// A `--job-config-file`.
    File(PathBuf),
    /// `--job-config`.
    Flag,
    /// The plugin (Python jobs' `python_file`, `args`, …).
    Plugin(&'static str),
    /// A saved job's `config_byte_map` (restart).
    Saved,
}

impl fmt::Display for JobConfigSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JobConfigSource::File(path) => write!(f, "{}", path.display()),
            JobConfigSource::Flag => f.write_str("--job-config"),
            JobConfigSource::Plugin(why) => f.write_str(why),
            JobConfigSource::Saved => f.write_str("the saved job"),
        }
    }
}

/// One entry of the job configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct JobConfigEntry {
    /// The value the workers get.
    pub value: JavaValue,
    /// Where it came from.
    pub source: JobConfigSource,
}

/// The job configuration, by key (later sources replace earlier ones).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobConfig {
    entries: BTreeMap<String, JobConfigEntry>,
}

impl JobConfig {
    /// Every entry, by key.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &JobConfigEntry)> {
        self.entries.iter().map(|(k, e)| (k.as_str(), e))
    }

    /// One entry.
    pub fn get(&self, key: &str) -> Option<&JobConfigEntry> {
        self.entries.get(key)
    }

    /// Sets `key`, replacing an earlier value.
    pub fn insert(&mut self, key: impl Into<String>, value: JavaValue, source: JobConfigSource) {
        self.entries
            .insert(key.into(), JobConfigEntry { value, source });
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `config_byte_map` of the `Job`: every value Kryo-encoded.
    pub fn to_byte_map(&self) -> BTreeMap<String, Vec<u8>> {
        self.entries
            .iter()
            .map(|(k, e)| (k.clone(), super::kryo::encode(&e.value)))
            .collect()
    }

    /// Reads `--job-config-file`s (in order) then `--job-config KEY=VALUE`s (in order). Every
    /// problem is returned, each naming the key (or argument) and where it came from.
    pub fn from_sources(files: &[PathBuf], flags: &[String]) -> Result<JobConfig, Vec<String>> {
        let mut config = JobConfig::default();
        let mut problems = Vec::new();
        for path in files {
            match read_file(path) {
                Ok(pairs) => {
                    for (key, value) in pairs {
                        let source = JobConfigSource::File(path.clone());
                        match java_value(&value).and_then(|v| check_known_key(&key, v)) {
                            Ok(v) => config.insert(key, v, source),
                            Err(why) => problems.push(format!(
                                "job configuration {key} in {}: {why}",
                                path.display()
                            )),
                        }
                    }
                }
                Err(why) => problems.push(why),
            }
        }
        for flag in flags {
            match parse_flag(flag) {
                Ok((key, value)) => config.insert(key, value, JobConfigSource::Flag),
                Err(why) => problems.push(format!("--job-config {flag}: {why}")),
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }
}

/// A `--job-config KEY=VALUE`: VALUE is YAML (quote it to keep a string such as `"0123"`), or a
/// whole number with an `L` suffix for a `Long`.
pub fn parse_flag(text: &str) -> Result<(String, JavaValue), String> {
    let (key, raw) = text
        .split_once('=')
        .ok_or_else(|| "expected KEY=VALUE".to_string())?;
    let key = key.trim();
    check_key(key)?;
    let raw = raw.trim();
    if let Some(long) = long_literal(raw) {
        return check_known_key(key, JavaValue::Long(long)).map(|v| (key.to_string(), v));
    }
    let value: Value = serde_yaml::from_str(raw).map_err(|e| format!("not a YAML value: {e}"))?;
    let value = java_value(&value)?;
    check_known_key(key, value).map(|v| (key.to_string(), v))
}

/// `123L` / `-5L`: a `Long`.
fn long_literal(raw: &str) -> Option<i64> {
    let digits = raw.strip_suffix('L')?;
    let body = digits.strip_prefix(['-', '+']).unwrap_or(digits);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn check_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("the key is empty".to_string());
    }
    if key.chars().any(char::is_control) {
        return Err("the key has control characters".to_string());
    }
    Ok(())
}

/// Values for keys of Twister2's configuration must be of the type the pods read them as;
/// keys the plugin builds the objects from may not be given here at all, since the workers
/// would then disagree with the objects.
fn check_known_key(key: &str, value: JavaValue) -> Result<JavaValue, String> {
    if KEYS.iter().any(|k| k.key == key) {
        return Err(format!(
            "{key} is a Twister2 configuration key that kubectl-twister2 reads to build the job's \
objects; give it with --set {key}=… (or --config) so the objects and the pods agree"
        ));
    }
    let Some(spec) = key_spec(key) else {
        return Ok(value);
    };
    let fits = match (spec.ty, &value) {
        (ValueType::Int, JavaValue::Integer(_)) => true,
        (ValueType::Float, JavaValue::Double(_) | JavaValue::Integer(_)) => true,
        (ValueType::Bool, JavaValue::Boolean(_)) => true,
        (ValueType::String, JavaValue::String(_)) => true,
        (ValueType::Int | ValueType::Float | ValueType::Bool | ValueType::String, _) => false,
        _ => true,
    };
    if fits {
        Ok(value)
    } else {
        Err(format!(
            "the pods read {key} as {}, but {value} is a {}; they would ignore it",
            spec.ty,
            value.java_class()
        ))
    }
}

/// A YAML value as the Java value the workers get.
pub fn java_value(value: &Value) -> Result<JavaValue, String> {
    match value {
        Value::Null => Err("null cannot be passed to the pods; give a value".to_string()),
        Value::Bool(b) => Ok(JavaValue::Boolean(*b)),
        Value::String(s) => Ok(JavaValue::String(s.clone())),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i32::try_from(i).map(JavaValue::Integer).map_err(|_| {
                    format!(
                        "{i} does not fit a Java Integer (32 bits); write {i}L on the command \
line or `!long {i}` for a Long"
                    )
                })
            } else if n.as_u64().is_some() {
                Err(format!("{n} does not fit a Java Long"))
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if f.is_finite() {
                    Ok(JavaValue::Double(f))
                } else {
                    Err(format!("{n} is not a finite number"))
                }
            }
        }
        Value::Sequence(items) => items
            .iter()
            .map(java_value)
            .collect::<Result<Vec<_>, _>>()
            .map(JavaValue::ArrayList),
        Value::Mapping(map) => map
            .iter()
            .map(|(k, v)| {
                let key = match k {
                    Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => {
                        return Err(format!(
                            "map key {} is not a plain value",
                            serde_yaml::to_string(k).unwrap_or_default().trim()
                        ));
                    }
                    other => java_value(other)?,
                };
                Ok((key, java_value(v)?))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(JavaValue::HashMap),
        Value::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            match tag.trim_start_matches('!') {
                LONG_TAG => match &tagged.value {
                    Value::Number(n) if n.as_i64().is_some() => {
                        Ok(JavaValue::Long(n.as_i64().unwrap_or_default()))
                    }
                    other => Err(format!(
                        "!{LONG_TAG} needs a whole number, not {}",
                        serde_yaml::to_string(other).unwrap_or_default().trim()
                    )),
                },
                STRING_ARRAY_TAG => match &tagged.value {
                    Value::Sequence(items) => items
                        .iter()
                        .map(|item| match item {
                            Value::String(s) => Ok(s.clone()),
                            Value::Number(n) => Ok(n.to_string()),
                            Value::Bool(b) => Ok(b.to_string()),
                            _ => Err(format!("!{STRING_ARRAY_TAG} takes a list of plain values")),
                        })
                        .collect::<Result<Vec<_>, _>>()
                        .map(JavaValue::StringArray),
                    _ => Err(format!("!{STRING_ARRAY_TAG} takes a list")),
                },
                other => Err(format!(
                    "unknown tag !{other}: the job configuration knows !{LONG_TAG} and \
!{STRING_ARRAY_TAG}"
                )),
            }
        }
    }
}

/// A `--job-config-file`: a YAML map of keys to values.
fn read_file(path: &Path) -> Result<Vec<(String, Value)>, String> {
    let at = path.display();
    let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("--job-config-file {at} does not exist"),
        _ => format!("--job-config-file {at}: {e}"),
    })?;
    if metadata.is_dir() {
        return Err(format!(
            "--job-config-file {at} is a directory; give a YAML file"
        ));
    }
    if metadata.len() > MAX_CONFIG_FILE_BYTES {
        return Err(format!(
            "--job-config-file {at} is larger than {MAX_CONFIG_FILE_BYTES} bytes"
        ));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("--job-config-file {at} cannot be read as UTF-8 text: {e}"))?;
    let value: Value = serde_yaml::from_str(&text)
        .map_err(|e| format!("--job-config-file {at} is not valid YAML: {e}"))?;
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Mapping(map) => map
            .into_iter()
            .map(|(k, v)| match k {
                Value::String(k) => check_key(&k)
                    .map(|()| (k, v))
                    .map_err(|why| format!("--job-config-file {at}: {why}")),
                other => Err(format!(
                    "--job-config-file {at}: key {} is not a string",
                    serde_yaml::to_string(&other).unwrap_or_default().trim()
                )),
            })
            .collect(),
        _ => Err(format!(
            "--job-config-file {at} must be a map of keys to values"
        )),
    }
}

#[cfg(test)]
mod tests;
