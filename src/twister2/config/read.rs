//! Reading configuration input: Twister2 YAML files, a `--conf-dir`'s files, `--set` arguments.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::convert::{kind_of, value_text};
use super::error::ConfigError;
use super::key_types::CONFIG_FILE_NAMES;

/// Largest configuration file the plugin reads.
pub const MAX_CONFIG_FILE_BYTES: u64 = 10 * 1024 * 1024;

pub(super) fn read_limited(path: &Path) -> Result<Vec<u8>, ConfigError> {
    let metadata = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ConfigError::NotFound {
            path: path.to_path_buf(),
        },
        _ => ConfigError::Read {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    if metadata.is_dir() {
        return Err(ConfigError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if metadata.len() > MAX_CONFIG_FILE_BYTES {
        return Err(ConfigError::TooLarge {
            path: path.to_path_buf(),
            size: metadata.len(),
            limit: MAX_CONFIG_FILE_BYTES,
        });
    }
    let read_error = |source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    fs::File::open(path)
        .map_err(read_error)?
        .take(MAX_CONFIG_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_CONFIG_FILE_BYTES {
        return Err(ConfigError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: MAX_CONFIG_FILE_BYTES,
        });
    }
    Ok(bytes)
}

pub(super) fn parse_yaml_map(
    path: &Path,
    bytes: &[u8],
) -> Result<Vec<(String, Value)>, ConfigError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ConfigError::Read {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 text: {e}"),
        ),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_yaml::from_str(text).map_err(|e| ConfigError::Malformed {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let map = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Mapping(map) => map,
        other => {
            return Err(ConfigError::NotAMap {
                path: path.to_path_buf(),
                found: kind_of(&other),
            });
        }
    };
    map.into_iter()
        .map(|(k, v)| match k {
            Value::String(k) => match first_tag(&v) {
                Some(tag) => Err(ConfigError::Malformed {
                    path: path.to_path_buf(),
                    message: tag_refusal(&k, tag),
                }),
                None => Ok((k, v)),
            },
            other => Err(ConfigError::Malformed {
                path: path.to_path_buf(),
                message: format!("key {} is not a string", value_text(&other)),
            }),
        })
        .collect()
}

/// The first YAML tag (`!name value`) inside a value, if any: Twister2 reads its files with
/// SnakeYAML, which refuses tags it has no constructor for, so tagged values are refused here.
fn first_tag(value: &Value) -> Option<String> {
    match value {
        Value::Tagged(tagged) => Some(tagged.tag.to_string()),
        Value::Sequence(items) => items.iter().find_map(first_tag),
        Value::Mapping(map) => map
            .iter()
            .find_map(|(k, v)| first_tag(k).or_else(|| first_tag(v))),
        _ => None,
    }
}

fn tag_refusal(key: &str, tag: String) -> String {
    format!(
        "the value of {key} has the YAML tag {tag}; Twister2 configuration values are plain \
(remove the tag, or quote the value to keep it as text)"
    )
}

/// Reads one Twister2 YAML file as (key, value) pairs in file order, refusing missing, unreadable,
/// oversized, malformed and non-map files with an error naming the file.
pub fn read_config_file(path: &Path) -> Result<Vec<(String, Value)>, ConfigError> {
    let bytes = read_limited(path)?;
    parse_yaml_map(path, &bytes)
}

/// The YAML files Twister2 reads from a conf dir, in its order (`common/` then `kubernetes/`,
/// each `task, resource, network, core, data, checkpoint`); missing files are skipped as
/// Twister2 skips them.
pub fn conf_dir_yaml_files(dir: &Path) -> Result<Vec<PathBuf>, ConfigError> {
    let conf_dir_error = |reason: &str| ConfigError::ConfDir {
        path: dir.to_path_buf(),
        reason: reason.to_string(),
    };
    match fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(conf_dir_error("does not exist"));
        }
        Err(e) => return Err(conf_dir_error(&format!("cannot be read: {e}"))),
        Ok(m) if !m.is_dir() => return Err(conf_dir_error("is not a directory")),
        Ok(_) => {}
    }
    let common = dir.join("common");
    let kubernetes = dir.join("kubernetes");
    if !common.is_dir() && !kubernetes.is_dir() {
        return Err(conf_dir_error(
            "has neither a common/ nor a kubernetes/ directory; point it at a Twister2 distribution's conf/ directory",
        ));
    }
    let mut files = Vec::new();
    for sub in [&common, &kubernetes] {
        for name in CONFIG_FILE_NAMES {
            let path = sub.join(name);
            if path.exists() {
                files.push(path);
            }
        }
    }
    Ok(files)
}

/// Splits `--set KEY=VALUE`; the value is parsed as a YAML scalar or list (`[a, b]`), and an
/// empty value is the empty string. Returns the key, the raw text and the parsed value.
pub fn parse_set(arg: &str) -> Result<(String, String, Value), ConfigError> {
    let bad = |reason: &str| ConfigError::BadSet {
        arg: arg.to_string(),
        reason: reason.to_string(),
    };
    let (key, raw) = arg
        .split_once('=')
        .ok_or_else(|| bad("expected KEY=VALUE"))?;
    let key = key.trim();
    if key.is_empty() {
        return Err(bad("the key is empty"));
    }
    if key.chars().any(char::is_whitespace) {
        return Err(bad("the key contains whitespace"));
    }
    let value = if raw.trim().is_empty() {
        Value::String(String::new())
    } else {
        serde_yaml::from_str::<Value>(raw).map_err(|e| ConfigError::BadSet {
            arg: arg.to_string(),
            reason: format!("the value is not valid YAML: {e}"),
        })?
    };
    if let Some(tag) = first_tag(&value) {
        return Err(bad(&tag_refusal(key, tag)));
    }
    Ok((key.to_string(), raw.to_string(), value))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::twister2::config::test_support::{load, problems, write};
    use crate::twister2::config::{Config, ConfigSources, Source};

    #[test]
    fn set_syntax_errors() {
        let err = |arg: &str| {
            Config::load(&ConfigSources {
                sets: vec![arg.into()],
                ..Default::default()
            })
            .unwrap_err()
        };
        assert!(matches!(err("novalue"), ConfigError::BadSet { .. }));
        assert!(
            err("novalue")
                .to_string()
                .contains("--set novalue: expected KEY=VALUE")
        );
        assert!(err("=1").to_string().contains("key is empty"));
        assert!(err("a b=1").to_string().contains("whitespace"));
        assert!(
            err("kubernetes.namespace=[unclosed")
                .to_string()
                .contains("not valid YAML")
        );
        let p = problems(err("kubernetes.worker.base.port=x"));
        assert_eq!(p[0].source, Source::Set);
        assert_eq!(
            p[0].to_string(),
            "--set: kubernetes.worker.base.port = x: expected a whole number, found a string"
        );
    }

    #[test]
    fn file_errors_are_clear() {
        let tmp = tempfile::tempdir().unwrap();
        let one = |path: PathBuf| {
            Config::load(&ConfigSources {
                files: vec![path],
                ..Default::default()
            })
            .unwrap_err()
        };
        let missing = tmp.path().join("missing.yaml");
        let e = one(missing.clone());
        assert!(matches!(e, ConfigError::NotFound { .. }));
        assert!(e.to_string().contains(&missing.display().to_string()));
        assert!(matches!(
            one(tmp.path().to_path_buf()),
            ConfigError::IsDirectory { .. }
        ));
        let bad = write(tmp.path(), "bad.yaml", "key: [unclosed\n");
        let e = one(bad);
        assert!(matches!(e, ConfigError::Malformed { .. }));
        assert!(e.to_string().contains("line"), "{e}");
        let list = write(tmp.path(), "list.yaml", "- a\n- b\n");
        let e = one(list);
        assert!(e.to_string().contains("but it is a list"), "{e}");
        let dup = write(tmp.path(), "dup.yaml", "a: 1\na: 2\n");
        assert!(matches!(one(dup), ConfigError::Malformed { .. }));
        let numkey = write(tmp.path(), "numkey.yaml", "1: x\n");
        assert!(one(numkey).to_string().contains("key 1 is not a string"));
        for (name, text) in [
            ("tag.yaml", "my.key: !custom 5\n"),
            ("nested-tag.yaml", "my.key: [1, {a: !custom x}]\n"),
            ("empty-tag.yaml", "my.key: [!, 1]\n"),
        ] {
            let e = one(write(tmp.path(), name, text));
            assert!(matches!(e, ConfigError::Malformed { .. }), "{name}: {e}");
            assert!(
                e.to_string()
                    .contains("the value of my.key has the YAML tag !"),
                "{name}: {e}"
            );
        }
        let e = parse_set("my.key=!custom 5").unwrap_err();
        assert!(e.to_string().contains("the YAML tag !custom"), "{e}");
        // Quoted, the same text is a plain string.
        assert_eq!(
            parse_set("my.key='!custom 5'").unwrap().2,
            Value::String("!custom 5".into())
        );
        let binary = tmp.path().join("binary.yaml");
        fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
        assert!(one(binary).to_string().contains("not UTF-8"));
        let huge = tmp.path().join("huge.yaml");
        fs::File::create(&huge)
            .unwrap()
            .set_len(MAX_CONFIG_FILE_BYTES + 1)
            .unwrap();
        let e = one(huge);
        assert!(matches!(e, ConfigError::TooLarge { .. }), "{e}");
        // empty and comment-only files are empty maps, like Twister2
        let empty = write(tmp.path(), "empty.yaml", "# nothing\n");
        let loaded = load(ConfigSources {
            files: vec![empty],
            ..Default::default()
        });
        assert_eq!(loaded.config, Config::defaults());
        // null values do not unset
        let null = write(tmp.path(), "null.yaml", "kubernetes.namespace:\n");
        assert_eq!(
            load(ConfigSources {
                files: vec![null],
                ..Default::default()
            })
            .config
            .namespace(),
            "default"
        );
    }

    #[test]
    fn conf_dir_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let err = |p: PathBuf| {
            Config::load(&ConfigSources {
                conf_dir: Some(p),
                ..Default::default()
            })
            .unwrap_err()
            .to_string()
        };
        assert!(err(tmp.path().join("nope")).contains("does not exist"));
        let file = write(tmp.path(), "file", "");
        assert!(err(file).contains("is not a directory"));
        assert!(err(tmp.path().to_path_buf()).contains("neither a common/ nor a kubernetes/"));
        write(tmp.path(), "kubernetes/core.yaml", "[1, 2]\n");
        assert!(err(tmp.path().to_path_buf()).contains("core.yaml must be a map"));
    }
}
