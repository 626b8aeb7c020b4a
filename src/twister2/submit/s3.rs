//! The S3 upload method's part of the plan: the bucket and link validity from the
//! configuration, checked, and the package's object `<bucket>/<jobID>.tar.gz`.

use anyhow::{Result, anyhow};

use crate::twister2::config::{Config, Source, ValueProblem, keys};

/// Longest validity of an S3 presigned URL (signature version 4): 7 days.
pub const MAX_LINK_EXPIRATION_SECS: i64 = 7 * 24 * 3600;

/// Where the package goes with the S3 upload method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Package {
    /// `s3://BUCKET[/PREFIX]/<jobID>.tar.gz`.
    pub object: String,
    /// Validity of the presigned URL, seconds.
    pub expires_in_secs: i64,
}

/// With the S3 uploader configured (`twister2.resource.class.uploader`), the package's object
/// and link validity; `None` with the Kubernetes uploader. A missing or malformed bucket, or a
/// validity over S3's limit, is reported like other configuration values: key, value and the
/// file or flag it came from (for a missing bucket: where the S3 uploader was chosen).
pub fn s3_package(config: &Config, job_id: &str) -> Result<Option<S3Package>> {
    if !config.uses_s3_uploader() {
        return Ok(None);
    }
    let mut problems: Vec<String> = Vec::new();
    let object = match config.entry(keys::S3_BUCKET) {
        None => {
            let uploader = config
                .source(keys::UPLOADER_CLASS)
                .cloned()
                .unwrap_or(Source::Default);
            problems.push(format!(
                "{} is not set: the S3 uploader ({} in {uploader}) needs s3://BUCKET[/PREFIX]",
                keys::S3_BUCKET,
                keys::UPLOADER_CLASS
            ));
            None
        }
        Some(entry) => {
            let value = entry.value.as_str().unwrap_or_default();
            match bucket_problem(value) {
                Some(reason) => {
                    let problem = ValueProblem {
                        key: keys::S3_BUCKET.to_string(),
                        value: if value.is_empty() {
                            "\"\"".to_string()
                        } else {
                            value.to_string()
                        },
                        source: entry.source.clone(),
                        reason,
                    };
                    problems.push(problem.to_string());
                    None
                }
                None => Some(object_name(value, job_id)),
            }
        }
    };
    let expires_in_secs = config.s3_link_expiration_secs();
    if expires_in_secs > MAX_LINK_EXPIRATION_SECS {
        let problem = ValueProblem {
            key: keys::S3_LINK_EXPIRATION.to_string(),
            value: expires_in_secs.to_string(),
            source: config
                .source(keys::S3_LINK_EXPIRATION)
                .cloned()
                .unwrap_or(Source::Default),
            reason: format!(
                "S3 presigned URLs are valid for at most 7 days ({MAX_LINK_EXPIRATION_SECS} s)"
            ),
        };
        problems.push(problem.to_string());
    }
    match object {
        Some(object) if problems.is_empty() => Ok(Some(S3Package {
            object,
            expires_in_secs,
        })),
        _ => Err(anyhow!(
            "invalid configuration:\n  {}",
            problems.join("\n  ")
        )),
    }
}

/// Why `value` is not `s3://BUCKET[/PREFIX]`, if it is not.
fn bucket_problem(value: &str) -> Option<String> {
    let Some(rest) = value.strip_prefix("s3://") else {
        return Some(if value.trim().is_empty() {
            "is empty; give s3://BUCKET[/PREFIX]".to_string()
        } else {
            "must start with s3:// (s3://BUCKET[/PREFIX])".to_string()
        });
    };
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("must not contain spaces or control characters".to_string());
    }
    if rest.split('/').next().is_none_or(str::is_empty) {
        return Some("names no bucket (s3://BUCKET[/PREFIX])".to_string());
    }
    None
}

/// `<bucket>/<jobID>.tar.gz`, the bucket value without a trailing `/`.
pub fn object_name(bucket: &str, job_id: &str) -> String {
    format!(
        "{}/{}",
        bucket.trim_end_matches('/'),
        crate::twister2::names::package_file_name(job_id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twister2::config::{ConfigSources, config_with_sets};

    const S3: &str =
        "twister2.resource.class.uploader=edu.iu.dsc.tws.rsched.uploaders.s3.S3Uploader";

    fn config(sets: &[&str]) -> Config {
        config_with_sets(sets)
    }

    fn error(sets: &[&str]) -> String {
        s3_package(&config(sets), "u-j-1").unwrap_err().to_string()
    }

    #[test]
    fn the_kubernetes_uploader_has_no_s3_part() {
        assert_eq!(s3_package(&config(&[]), "u-j-1").unwrap(), None);
        let bucket_alone = config(&["twister2.s3.bucket.name=s3://bkt"]);
        assert_eq!(s3_package(&bucket_alone, "u-j-1").unwrap(), None);
    }

    #[test]
    fn the_object_is_the_job_package_in_the_bucket() {
        for (bucket, object) in [
            ("s3://bkt", "s3://bkt/u-j-1.tar.gz"),
            ("s3://bkt/", "s3://bkt/u-j-1.tar.gz"),
            ("s3://bkt/team/jobs", "s3://bkt/team/jobs/u-j-1.tar.gz"),
            ("s3://bkt/team/jobs//", "s3://bkt/team/jobs/u-j-1.tar.gz"),
        ] {
            let set = format!("twister2.s3.bucket.name={bucket}");
            let package = s3_package(&config(&[S3, &set]), "u-j-1").unwrap().unwrap();
            assert_eq!(package.object, object, "{bucket}");
            assert_eq!(package.expires_in_secs, 7200, "Twister2's default");
        }
        let package = s3_package(
            &config(&[
                S3,
                "twister2.s3.bucket.name=s3://bkt",
                "twister2.s3.link.expiration.duration.sec=600",
            ]),
            "u-j-1",
        )
        .unwrap()
        .unwrap();
        assert_eq!(package.expires_in_secs, 600);
    }

    #[test]
    fn a_missing_bucket_names_the_key_and_where_the_s3_uploader_was_chosen() {
        let text = error(&[S3]);
        assert_eq!(
            text,
            "invalid configuration:\n  twister2.s3.bucket.name is not set: the S3 uploader \
(twister2.resource.class.uploader in --set) needs s3://BUCKET[/PREFIX]"
        );
    }

    #[test]
    fn a_malformed_bucket_names_the_key_value_and_source() {
        for (bucket, reason) in [
            ("bkt", "must start with s3://"),
            ("https://bkt", "must start with s3://"),
            ("\"\"", "is empty"),
            ("s3://", "names no bucket"),
            ("s3:///prefix", "names no bucket"),
            ("s3://my bucket", "must not contain spaces"),
        ] {
            let set = format!("twister2.s3.bucket.name={bucket}");
            let text = error(&[S3, &set]);
            assert!(
                text.contains("--set: twister2.s3.bucket.name = "),
                "{bucket}: {text}"
            );
            assert!(text.contains(reason), "{bucket}: {text}");
        }
    }

    #[test]
    fn a_bucket_from_a_file_is_named_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("resource.yaml");
        std::fs::write(
            &file,
            "twister2.resource.class.uploader: edu.iu.dsc.tws.rsched.uploaders.s3.S3Uploader\n\
             twister2.s3.bucket.name: bkt\n",
        )
        .unwrap();
        let config = Config::load(&ConfigSources {
            files: vec![file.clone()],
            ..ConfigSources::default()
        })
        .unwrap()
        .config;
        let text = s3_package(&config, "u-j-1").unwrap_err().to_string();
        assert!(
            text.contains(&format!(
                "{}: twister2.s3.bucket.name = bkt: must start with s3://",
                file.display()
            )),
            "{text}"
        );
    }

    #[test]
    fn a_link_valid_for_more_than_a_week_is_refused() {
        let text = error(&[
            S3,
            "twister2.s3.bucket.name=s3://bkt",
            "twister2.s3.link.expiration.duration.sec=604801",
        ]);
        assert!(
            text.contains(
                "--set: twister2.s3.link.expiration.duration.sec = 604801: S3 presigned URLs \
are valid for at most 7 days (604800 s)"
            ),
            "{text}"
        );
        let week = config(&[
            S3,
            "twister2.s3.bucket.name=s3://bkt",
            "twister2.s3.link.expiration.duration.sec=604800",
        ]);
        assert!(s3_package(&week, "u-j-1").is_ok());
    }
}
