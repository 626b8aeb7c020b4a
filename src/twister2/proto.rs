//! The Twister2 `Job` protobuf (`tws.proto.job`, mirrored in `proto/job.proto`) as prost structs.
//!
//! Built from a job's description; carried base64-encoded in the job's ConfigMap
//! (`TWISTER2_JOB_OBJECT`) and raw in the package (`<jobID>.job`).

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use prost::Message as _;

use super::resources;

/// Lifecycle states of a job (as reported to the dashboard and ZooKeeper).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum JobState {
    /// Being started.
    Starting = 0,
    /// Running.
    Started = 1,
    /// Ended successfully.
    Completed = 2,
    /// Ended with a failure.
    Failed = 3,
    /// Killed by a user.
    Killed = 4,
}

/// How the user code is shipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum JobFormatType {
    /// A jar file.
    Jar = 0,
    /// A zip of Java code, unpacked into the package.
    JavaZip = 1,
    /// A Python file.
    Python = 2,
    /// A zip of Python code, unpacked into the package.
    PythonZip = 3,
}

impl JobFormatType {
    /// The `--job-type` spelling (Twister2's CLI job types): `jar`, `java_zip`, `python`,
    /// `python_zip`.
    pub fn cli_name(self) -> &'static str {
        match self {
            JobFormatType::Jar => "jar",
            JobFormatType::JavaZip => "java_zip",
            JobFormatType::Python => "python",
            JobFormatType::PythonZip => "python_zip",
        }
    }

    /// Parses a `--job-type` value.
    pub fn from_cli_name(name: &str) -> Option<JobFormatType> {
        [
            JobFormatType::Jar,
            JobFormatType::JavaZip,
            JobFormatType::Python,
            JobFormatType::PythonZip,
        ]
        .into_iter()
        .find(|t| t.cli_name() == name)
    }

    /// Whether the user file is a zip whose entries are unpacked into the package.
    pub fn is_zip(self) -> bool {
        matches!(self, JobFormatType::JavaZip | JobFormatType::PythonZip)
    }
}

/// `JobFormat`: the format type and the user file's name.
#[derive(Clone, PartialEq, prost::Message)]
pub struct JobFormat {
    /// A [`JobFormatType`].
    #[prost(enumeration = "JobFormatType", tag = "1")]
    pub r#type: i32,
    /// File name (no directory) of the user jar or file.
    #[prost(string, tag = "2")]
    pub job_file: String,
}

/// `Config`: configuration overrides; kubectl-twister2 leaves it empty so pods read the YAML
/// files of the package.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Config {
    /// Plain key/values (unused by Twister2 0.8's pods).
    #[prost(message, repeated, tag = "1")]
    pub kvs: Vec<config::KeyValue>,
    /// Kryo-serialized Java values (left empty).
    #[prost(btree_map = "string, bytes", tag = "2")]
    pub config_byte_map: BTreeMap<String, Vec<u8>>,
}

pub use config::KeyValue;

/// Nested types of [`Config`].
pub mod config {
    /// `Config.KeyValue`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct KeyValue {
        /// Key.
        #[prost(string, tag = "1")]
        pub key: String,
        /// Value as text.
        #[prost(string, tag = "2")]
        pub value: String,
        /// Value serialized.
        #[prost(bytes = "vec", tag = "3")]
        pub serialized_value: Vec<u8>,
    }
}

/// `ComputeResource` on the wire.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ComputeResource {
    /// Cores per worker.
    #[prost(double, tag = "1")]
    pub cpu: f64,
    /// MiB per worker.
    #[prost(int32, tag = "2")]
    pub ram_mega_bytes: i32,
    /// Volatile disk GiB per worker.
    #[prost(double, tag = "3")]
    pub disk_giga_bytes: f64,
    /// Pods.
    #[prost(int32, tag = "4")]
    pub instances: i32,
    /// Workers per pod.
    #[prost(int32, tag = "5")]
    pub workers_per_pod: i32,
    /// Oneof `scalableRequired`, so `false` is still encoded.
    #[prost(oneof = "compute_resource::ScalableRequired", tags = "6")]
    pub scalable_required: Option<compute_resource::ScalableRequired>,
    /// Oneof `indexRequired`, so index 0 is still encoded.
    #[prost(oneof = "compute_resource::IndexRequired", tags = "7")]
    pub index_required: Option<compute_resource::IndexRequired>,
}

/// The oneofs of [`ComputeResource`].
pub mod compute_resource {
    /// `oneof scalableRequired { bool scalable = 6; }`
    #[derive(Clone, Copy, PartialEq, prost::Oneof)]
    pub enum ScalableRequired {
        /// Whether the job master may scale this resource.
        #[prost(bool, tag = "6")]
        Scalable(bool),
    }

    /// `oneof indexRequired { int32 index = 7; }`
    #[derive(Clone, Copy, PartialEq, prost::Oneof)]
    pub enum IndexRequired {
        /// Position of the resource in the job.
        #[prost(int32, tag = "7")]
        Index(i32),
    }
}

/// The `Job` message.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Job {
    /// Job name (as converted for the jobID).
    #[prost(string, tag = "1")]
    pub job_name: String,
    /// The jobID.
    #[prost(string, tag = "2")]
    pub job_id: String,
    /// Worker class.
    #[prost(string, tag = "3")]
    pub worker_class_name: String,
    /// Driver class (empty when none).
    #[prost(string, tag = "4")]
    pub driver_class_name: String,
    /// Σ instances × workers per pod.
    #[prost(int32, tag = "5")]
    pub number_of_workers: i32,
    /// The compute resources in index order.
    #[prost(message, repeated, tag = "6")]
    pub compute_resource: Vec<ComputeResource>,
    /// Configuration overrides (present but empty).
    #[prost(message, optional, tag = "7")]
    pub config: Option<Config>,
    /// How the user code is shipped.
    #[prost(message, optional, tag = "8")]
    pub job_format: Option<JobFormat>,
}

/// What goes into a [`Job`].
#[derive(Debug, Clone, PartialEq)]
pub struct JobDescription<'a> {
    /// Job name (the converted one used in the jobID).
    pub job_name: &'a str,
    /// The jobID.
    pub job_id: &'a str,
    /// Worker class to run.
    pub worker_class: &'a str,
    /// Driver class, if any.
    pub driver_class: Option<&'a str>,
    /// Compute resources in index order.
    pub resources: &'a [resources::ComputeResource],
    /// How the user code is shipped.
    pub format: JobFormatType,
    /// File name (no directory) of the user jar/file/zip.
    pub job_file: &'a str,
}

/// Problems building, encoding or decoding a [`Job`].
#[derive(Debug, thiserror::Error)]
pub enum ProtoError {
    /// A number does not fit the protobuf's `int32`.
    #[error("{what} {value} does not fit in Twister2's job description (at most {max})", max = i32::MAX)]
    TooLarge {
        /// Which number.
        what: String,
        /// Its value.
        value: u64,
    },
    /// A decoded number is negative or out of range for the plugin.
    #[error("the job description has an invalid {what}: {value}")]
    Invalid {
        /// Which field.
        what: String,
        /// Its value.
        value: String,
    },
    /// Not base64.
    #[error("TWISTER2_JOB_OBJECT is not base64: {0}")]
    Base64(#[from] base64::DecodeError),
    /// Not a `Job` message.
    #[error("the job description cannot be decoded: {0}")]
    Decode(#[from] prost::DecodeError),
}

fn to_i32(what: impl FnOnce() -> String, value: u32) -> Result<i32, ProtoError> {
    i32::try_from(value).map_err(|_| ProtoError::TooLarge {
        what: what(),
        value: u64::from(value),
    })
}

fn to_u32(what: &str, value: i32) -> Result<u32, ProtoError> {
    u32::try_from(value).map_err(|_| ProtoError::Invalid {
        what: what.to_string(),
        value: value.to_string(),
    })
}

impl ComputeResource {
    /// The wire form of a domain compute resource.
    pub fn from_domain(r: &resources::ComputeResource) -> Result<ComputeResource, ProtoError> {
        let i = r.index;
        Ok(ComputeResource {
            cpu: r.cpu,
            ram_mega_bytes: to_i32(|| format!("memory (MiB) of compute resource {i}"), r.ram_mb)?,
            disk_giga_bytes: r.disk_gb,
            instances: to_i32(|| format!("instances of compute resource {i}"), r.instances)?,
            workers_per_pod: to_i32(
                || format!("workers per pod of compute resource {i}"),
                r.workers_per_pod,
            )?,
            scalable_required: Some(compute_resource::ScalableRequired::Scalable(r.scalable)),
            index_required: Some(compute_resource::IndexRequired::Index(to_i32(
                || "compute resource index".to_string(),
                r.index,
            )?)),
        })
    }

    /// The domain form; `position` is used when the index was not encoded.
    pub fn to_domain(&self, position: usize) -> Result<resources::ComputeResource, ProtoError> {
        let index = match self.index_required {
            Some(compute_resource::IndexRequired::Index(i)) => to_u32("compute resource index", i)?,
            None => u32::try_from(position).unwrap_or(u32::MAX),
        };
        Ok(resources::ComputeResource {
            index,
            cpu: self.cpu,
            ram_mb: to_u32("ram_mega_bytes", self.ram_mega_bytes)?,
            disk_gb: self.disk_giga_bytes,
            instances: to_u32("instances", self.instances)?,
            workers_per_pod: to_u32("workers_per_pod", self.workers_per_pod)?,
            scalable: matches!(
                self.scalable_required,
                Some(compute_resource::ScalableRequired::Scalable(true))
            ),
        })
    }
}

impl Job {
    /// Builds the message the Java client would: every compute resource with `scalable` and
    /// `index` present, `number_of_workers` = Σ instances × workers per pod, an empty `config`
    /// (no `config_byte_map` entries) and `job_format` set.
    pub fn from_description(d: &JobDescription<'_>) -> Result<Job, ProtoError> {
        let compute_resource = d
            .resources
            .iter()
            .map(ComputeResource::from_domain)
            .collect::<Result<Vec<_>, _>>()?;
        let total: u64 = d
            .resources
            .iter()
            .map(|r| u64::from(r.instances) * u64::from(r.workers_per_pod))
            .sum();
        let number_of_workers = i32::try_from(total).map_err(|_| ProtoError::TooLarge {
            what: "number of workers".to_string(),
            value: total,
        })?;
        Ok(Job {
            job_name: d.job_name.to_string(),
            job_id: d.job_id.to_string(),
            worker_class_name: d.worker_class.to_string(),
            driver_class_name: d.driver_class.unwrap_or_default().to_string(),
            number_of_workers,
            compute_resource,
            config: Some(Config::default()),
            job_format: Some(JobFormat {
                r#type: d.format as i32,
                job_file: d.job_file.to_string(),
            }),
        })
    }

    /// The serialized message (the package's `<jobID>.job`).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.encode_to_vec()
    }

    /// Decodes a serialized message.
    pub fn from_bytes(bytes: &[u8]) -> Result<Job, ProtoError> {
        Ok(Job::decode(bytes)?)
    }

    /// The format type, if `job_format` is set to a known type.
    pub fn format_type(&self) -> Option<JobFormatType> {
        self.job_format
            .as_ref()
            .and_then(|f| JobFormatType::try_from(f.r#type).ok())
    }

    /// The compute resources in domain form (e.g. to read a job the Java client submitted).
    pub fn domain_resources(&self) -> Result<Vec<resources::ComputeResource>, ProtoError> {
        self.compute_resource
            .iter()
            .enumerate()
            .map(|(position, r)| r.to_domain(position))
            .collect()
    }
}

/// `TWISTER2_JOB_OBJECT`: the serialized job in standard base64 (with padding).
pub fn encode_to_base64(job: &Job) -> String {
    STANDARD.encode(job.to_bytes())
}

/// Reads a `TWISTER2_JOB_OBJECT` value back (surrounding whitespace is ignored).
pub fn decode_from_base64(text: &str) -> Result<Job, ProtoError> {
    let bytes = STANDARD.decode(text.trim())?;
    Job::from_bytes(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(
        index: u32,
        instances: u32,
        wpp: u32,
        scalable: bool,
    ) -> resources::ComputeResource {
        resources::ComputeResource {
            index,
            cpu: 1.0,
            ram_mb: 2,
            disk_gb: 0.0,
            instances,
            workers_per_pod: wpp,
            scalable,
        }
    }

    fn small_job() -> Job {
        let resources = [resource(0, 1, 1, false)];
        Job::from_description(&JobDescription {
            job_name: "a",
            job_id: "b",
            worker_class: "C",
            driver_class: None,
            resources: &resources,
            format: JobFormatType::Jar,
            job_file: "x.jar",
        })
        .unwrap()
    }

    #[test]
    fn exact_bytes_of_a_small_job() {
        #[rustfmt::skip]
        let expected: Vec<u8> = vec![
            0x0a, 0x01, b'a',                 // job_name = "a"
            0x12, 0x01, b'b',                 // job_id = "b"
            0x1a, 0x01, b'C',                 // worker_class_name = "C"
                                              // driver_class_name "" is not written
            0x28, 0x01,                       // number_of_workers = 1
            0x32, 0x13,                       // compute_resource, 19 bytes:
              0x09, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, //   cpu = 1.0 (double, little endian)
              0x10, 0x02,                     //   ram_mega_bytes = 2
                                              //   disk_giga_bytes 0.0 is not written
              0x20, 0x01,                     //   instances = 1
              0x28, 0x01,                     //   workers_per_pod = 1
              0x30, 0x00,                     //   scalable = false, written (oneof)
              0x38, 0x00,                     //   index = 0, written (oneof)
            0x3a, 0x00,                       // config = {} (present, empty)
            0x42, 0x07,                       // job_format, 7 bytes:
                                              //   type JAR = 0 is not written
              0x12, 0x05, b'x', b'.', b'j', b'a', b'r', // job_file = "x.jar"
        ];
        assert_eq!(small_job().to_bytes(), expected);
        assert_eq!(
            encode_to_base64(&small_job()),
            base64::engine::general_purpose::STANDARD.encode(&expected)
        );
    }

    #[test]
    fn prost_round_trip_and_domain_conversion() {
        let resources = [
            resource(0, 2, 3, false),
            resources::ComputeResource {
                cpu: 0.5,
                ram_mb: 4096,
                disk_gb: 1.5,
                ..resource(1, 4, 1, true)
            },
        ];
        let job = Job::from_description(&JobDescription {
            job_name: "word-count",
            job_id: "bob-word-count-abc12345",
            worker_class: "edu.iu.Worker",
            driver_class: Some("edu.iu.Driver"),
            resources: &resources,
            format: JobFormatType::PythonZip,
            job_file: "job.zip",
        })
        .unwrap();
        assert_eq!(job.number_of_workers, 10);
        let encoded = encode_to_base64(&job);
        let decoded = decode_from_base64(&format!("{encoded}\n")).unwrap();
        assert_eq!(decoded, job);
        assert_eq!(decoded.format_type(), Some(JobFormatType::PythonZip));
        assert_eq!(decoded.domain_resources().unwrap(), resources.to_vec());
        assert!(decoded.config.as_ref().unwrap().config_byte_map.is_empty());
    }

    #[test]
    fn bad_input_is_reported() {
        assert!(matches!(
            decode_from_base64("not base64!"),
            Err(ProtoError::Base64(_))
        ));
        assert!(matches!(
            Job::from_bytes(&[0x0a, 0x05, b'a']),
            Err(ProtoError::Decode(_))
        ));
        let too_many = [resource(0, i32::MAX as u32, 2, false)];
        let err = Job::from_description(&JobDescription {
            job_name: "a",
            job_id: "b",
            worker_class: "C",
            driver_class: None,
            resources: &too_many,
            format: JobFormatType::Jar,
            job_file: "x.jar",
        })
        .unwrap_err();
        assert!(err.to_string().contains("number of workers"), "{err}");
        let too_big = [resources::ComputeResource {
            ram_mb: u32::MAX,
            ..resource(0, 1, 1, false)
        }];
        let err = Job::from_description(&JobDescription {
            job_name: "a",
            job_id: "b",
            worker_class: "C",
            driver_class: None,
            resources: &too_big,
            format: JobFormatType::Jar,
            job_file: "x.jar",
        })
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("memory (MiB) of compute resource 0"),
            "{err}"
        );
        let negative = Job {
            compute_resource: vec![ComputeResource {
                instances: -1,
                ..ComputeResource::default()
            }],
            ..Job::default()
        };
        assert!(matches!(
            negative.domain_resources(),
            Err(ProtoError::Invalid { .. })
        ));
    }

    #[test]
    fn job_types() {
        for name in ["jar", "java_zip", "python", "python_zip"] {
            assert_eq!(JobFormatType::from_cli_name(name).unwrap().cli_name(), name);
        }
        assert_eq!(JobFormatType::from_cli_name("war"), None);
        assert!(JobFormatType::JavaZip.is_zip() && !JobFormatType::Jar.is_zip());
    }

    #[test]
    fn protoc_decodes_with_the_projects_proto() {
        use std::io::Write as _;
        use std::process::{Command, Stdio};
        let manifest_dir = env!("CARGO_MANIFEST_DIR");
        let child = Command::new("protoc")
            .args(["--decode", "tws.proto.job.Job", "proto/job.proto"])
            .current_dir(manifest_dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match child {
            Ok(child) => child,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // CI installs protoc (.ci/run): there, a missing protoc is a failure.
                assert!(
                    std::env::var_os("CI").is_none(),
                    "protoc is not installed but CI is set: apt-get install protobuf-compiler"
                );
                println!("note: protoc is not installed; skipping the protoc --decode check");
                return;
            }
            Err(e) => panic!("cannot run protoc: {e}"),
        };
        let resources = [resource(0, 2, 1, false), resource(1, 3, 2, true)];
        let job = Job::from_description(&JobDescription {
            job_name: "word-count",
            job_id: "bob-word-count-abc12345",
            worker_class: "edu.iu.Worker",
            driver_class: None,
            resources: &resources,
            format: JobFormatType::Jar,
            job_file: "wc.jar",
        })
        .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(&job.to_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        for expected in [
            "job_name: \"word-count\"",
            "job_id: \"bob-word-count-abc12345\"",
            "worker_class_name: \"edu.iu.Worker\"",
            "number_of_workers: 8",
            "index: 0",
            "index: 1",
            "scalable: false",
            "scalable: true",
            "workers_per_pod: 2",
            "job_file: \"wc.jar\"",
            "config {",
        ] {
            assert!(text.contains(expected), "missing {expected} in:\n{text}");
        }
        assert_eq!(text.matches("compute_resource {").count(), 2, "{text}");
    }
}
