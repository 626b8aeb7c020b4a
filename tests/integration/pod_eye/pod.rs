//! A model of what Twister2 0.8's pods do with what submit gave them (pod-side reference §1,
//! §2.1, §2.2): unpack the package into the memory volume, build the Config in
//! `K8sWorkerStarter`'s order — `common/` files, `kubernetes/` files, the starter's own keys, the
//! `<JOB_ID>.job` file, its `config_byte_map` (decoding stops at the first bad entry), the Job's
//! fields, `RESTORE_JOB` — and read values with Twister2's type-strict getters.

use std::collections::BTreeMap;
use std::io::Read as _;

use kubectl_twister2::twister2::kryo::{self, JavaValue};
use kubectl_twister2::twister2::proto::Job;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

/// The directory every pod unpacks its package into (`POD_MEMORY_VOLUME`).
pub const MEMORY_DIR: &str = "/twister2-memory-dir";
/// The package's top directory (`JOB_ARCHIVE_DIRECTORY`).
pub const ARCHIVE_DIR: &str = "twister2-job";
/// The image's working directory, which the starters take as `twister2.directory.home`.
pub const WORKDIR: &str = "/twister2";
/// `ConfigLoader`'s file order, read from `common/` then from `kubernetes/`.
pub const FILES: [&str; 6] = [
    "task.yaml",
    "resource.yaml",
    "network.yaml",
    "core.yaml",
    "data.yaml",
    "checkpoint.yaml",
];

/// An unpacked package: paths relative to the memory volume (`twister2-job/…`).
pub struct Package {
    pub bytes: Vec<u8>,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Package {
    /// `tar -xf <package> -C /twister2-memory-dir`, as `get_job_package.sh` does.
    pub fn unpack(bytes: &[u8]) -> Package {
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(bytes));
        let mut files = BTreeMap::new();
        for entry in archive.entries().expect("the package is a tar archive") {
            let mut entry = entry.expect("a readable tar entry");
            if !entry.header().entry_type().is_file() {
                continue;
            }
            let path = entry.path().unwrap().to_string_lossy().to_string();
            let mut contents = Vec::new();
            entry.read_to_end(&mut contents).unwrap();
            files.insert(path, contents);
        }
        Package {
            bytes: bytes.to_vec(),
            files,
        }
    }

    /// A file by its path under the memory volume.
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Whether an absolute path in the pod is a file of the package.
    pub fn has_pod_path(&self, absolute: &str) -> bool {
        absolute
            .strip_prefix(MEMORY_DIR)
            .and_then(|p| p.strip_prefix('/'))
            .is_some_and(|p| self.files.contains_key(p))
    }
}

/// One container as the pods' scripts and starters see it.
#[derive(Debug, Clone)]
pub struct Container {
    /// The StatefulSet it belongs to.
    pub set: String,
    pub name: String,
    /// Env values (a `fieldRef` as `fieldRef:<path>`).
    pub env: BTreeMap<String, String>,
    pub ports: Vec<(String, u16)>,
    pub mounts: Vec<String>,
}

impl Container {
    /// The containers of a StatefulSet's pod template.
    pub fn of_statefulset(set: &Json) -> Vec<Container> {
        let name = set["metadata"]["name"].as_str().unwrap().to_string();
        set["spec"]["template"]["spec"]["containers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| Container {
                set: name.clone(),
                name: c["name"].as_str().unwrap().to_string(),
                env: c["env"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|e| {
                        let field = e["valueFrom"]["fieldRef"]["fieldPath"].as_str();
                        let value = match (e["value"].as_str(), field) {
                            (Some(v), _) => v.to_string(),
                            (None, Some(path)) => format!("fieldRef:{path}"),
                            // a variable without a value is set to the empty string
                            (None, None) => String::new(),
                        };
                        (e["name"].as_str().unwrap().to_string(), value)
                    })
                    .collect(),
                ports: c["ports"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        (
                            p["name"].as_str().unwrap_or_default().to_string(),
                            p["containerPort"].as_u64().unwrap() as u16,
                        )
                    })
                    .collect(),
                mounts: c["volumeMounts"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|m| m["mountPath"].as_str().unwrap().to_string())
                    .collect(),
            })
            .collect()
    }

    pub fn env(&self, name: &str) -> Option<&str> {
        self.env.get(name).map(String::as_str)
    }

    #[track_caller]
    pub fn env_required(&self, name: &str) -> &str {
        self.env(name)
            .unwrap_or_else(|| panic!("{} of {} has no env {name}", self.name, self.set))
    }
}

/// A value of the pods' Config: read from YAML (SnakeYAML's types) or decoded from
/// `config_byte_map` (Kryo's).
#[derive(Debug, Clone, PartialEq)]
pub enum PodValue {
    Yaml(Yaml),
    Java(JavaValue),
}

impl PodValue {
    /// The Java class the pods hold (SnakeYAML: whole numbers are `Integer` when they fit, then
    /// `Long`; maps are `LinkedHashMap`).
    pub fn java_class(&self) -> String {
        match self {
            PodValue::Java(v) => v.java_class().to_string(),
            PodValue::Yaml(v) => match v {
                Yaml::Null => "null".into(),
                Yaml::Bool(_) => "java.lang.Boolean".into(),
                Yaml::String(_) => "java.lang.String".into(),
                Yaml::Number(n) if n.is_f64() => "java.lang.Double".into(),
                Yaml::Number(n) => match n.as_i64() {
                    Some(i) if i32::try_from(i).is_ok() => "java.lang.Integer".into(),
                    Some(_) => "java.lang.Long".into(),
                    None => "java.math.BigInteger".into(),
                },
                Yaml::Sequence(_) => "java.util.ArrayList".into(),
                Yaml::Mapping(_) => "java.util.LinkedHashMap".into(),
                Yaml::Tagged(_) => "tagged".into(),
            },
        }
    }
}

/// The Config one container builds, and what it could not read.
pub struct PodConfig {
    pub values: BTreeMap<String, PodValue>,
    /// The `.job` it read (an empty Job when the file is missing, as `FileUtils` reads it).
    pub job: Job,
    pub job_file_present: bool,
    /// The `config_byte_map` keys that were never applied (the first one failed).
    pub dropped: Vec<String>,
}

impl PodConfig {
    /// Builds the Config of `container` from `package`, in the starters' order.
    pub fn read(package: &Package, container: &Container) -> PodConfig {
        let mut values = BTreeMap::new();
        for dir in ["common", "kubernetes"] {
            for file in FILES {
                let Some(text) = package.file(&format!("{ARCHIVE_DIR}/{dir}/{file}")) else {
                    continue;
                };
                let yaml: Yaml = serde_yaml::from_slice(text)
                    .unwrap_or_else(|e| panic!("{dir}/{file} is not YAML: {e}"));
                let Yaml::Mapping(map) = yaml else {
                    assert!(yaml.is_null(), "{dir}/{file} is not a map");
                    continue;
                };
                for (k, v) in map {
                    let key = k.as_str().expect("string keys").to_string();
                    values.insert(key, PodValue::Yaml(v));
                }
            }
        }
        let text = |s: &str| PodValue::Yaml(Yaml::String(s.to_string()));
        values.insert("twister2.directory.home".into(), text(WORKDIR));
        values.insert(
            "twister2.directory.conf".into(),
            text(&format!("{MEMORY_DIR}/{ARCHIVE_DIR}")),
        );
        values.insert("twister2.cluster.type".into(), text("kubernetes"));
        let job_id = container.env("JOB_ID").unwrap_or_default();
        let job_bytes = package.file(&format!("{ARCHIVE_DIR}/{job_id}.job"));
        let job = Job::from_bytes(job_bytes.unwrap_or_default()).expect("the .job decodes");
        let mut dropped = Vec::new();
        if let Some(config) = &job.config {
            let mut failed = false;
            for (key, bytes) in &config.config_byte_map {
                if failed {
                    dropped.push(key.clone());
                    continue;
                }
                match kryo::decode(bytes) {
                    Ok(v) => {
                        values.insert(key.clone(), PodValue::Java(v));
                    }
                    Err(_) => {
                        failed = true;
                        dropped.push(key.clone());
                    }
                }
            }
        }
        values.insert("twister2.resource.job.name".into(), text(&job.job_name));
        values.insert(
            "twister2.resource.job.worker.class".into(),
            text(&job.worker_class_name),
        );
        values.insert(
            "twister2.resource.worker.instances".into(),
            PodValue::Java(JavaValue::Integer(job.number_of_workers)),
        );
        values.insert("twister2.job.id".into(), text(&job.job_id));
        let restore = container
            .env("RESTORE_JOB")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        values.insert(
            "twister2.checkpointing.restore.job".into(),
            PodValue::Java(JavaValue::Boolean(restore)),
        );
        PodConfig {
            values,
            job,
            job_file_present: job_bytes.is_some(),
            dropped,
        }
    }

    pub fn get(&self, key: &str) -> Option<&PodValue> {
        self.values.get(key)
    }

    /// `getStringValue(key, default)`: a `String`, else the default.
    pub fn string(&self, key: &str, default: &str) -> String {
        match self.get(key) {
            Some(PodValue::Yaml(Yaml::String(s))) => s.clone(),
            Some(PodValue::Java(JavaValue::String(s))) => s.clone(),
            None => default.to_string(),
            Some(other) => panic!("{key} is {other:?}: getStringValue would throw"),
        }
    }

    /// `getIntegerValue(key, default)`: an `Integer` or a numeric `String`, else the default.
    pub fn integer(&self, key: &str, default: i64) -> i64 {
        match self.get(key) {
            Some(PodValue::Yaml(Yaml::Number(n)))
                if n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) =>
            {
                n.as_i64().unwrap()
            }
            Some(PodValue::Java(JavaValue::Integer(i))) => i64::from(*i),
            Some(PodValue::Yaml(Yaml::String(s)) | PodValue::Java(JavaValue::String(s))) => {
                s.trim().parse().unwrap_or(default)
            }
            _ => default,
        }
    }

    /// `getDoubleValue(key, default)`: an `Integer`, `Double` or numeric `String`.
    pub fn double(&self, key: &str, default: f64) -> f64 {
        match self.get(key) {
            Some(PodValue::Yaml(Yaml::Number(n))) => {
                if n.is_f64() || n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) {
                    n.as_f64().unwrap()
                } else {
                    default
                }
            }
            Some(PodValue::Java(JavaValue::Double(d))) => *d,
            Some(PodValue::Java(JavaValue::Integer(i))) => f64::from(*i),
            Some(PodValue::Yaml(Yaml::String(s)) | PodValue::Java(JavaValue::String(s))) => {
                s.trim().parse().unwrap_or(default)
            }
            _ => default,
        }
    }

    /// `getBooleanValue(key, default)`: a `Boolean` or `"true"`/`"false"` in any case.
    pub fn boolean(&self, key: &str, default: bool) -> bool {
        match self.get(key) {
            Some(PodValue::Yaml(Yaml::Bool(b)) | PodValue::Java(JavaValue::Boolean(b))) => *b,
            Some(PodValue::Yaml(Yaml::String(s)) | PodValue::Java(JavaValue::String(s))) => {
                match s.to_ascii_lowercase().as_str() {
                    "true" => true,
                    "false" => false,
                    _ => default,
                }
            }
            _ => default,
        }
    }
}
