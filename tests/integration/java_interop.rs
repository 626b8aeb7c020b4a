//! Java interop: the real Kryo (Debian's 2.20), protobuf-java and SnakeYAML read a package the
//! plugin builds, the way Twister2 0.8's pods do (`tests/java/PodView.java`).
//!
//! [`pod_view`] is the reusable part: give it a package and a jobID, get back what the pods'
//! Config holds. Without Java tools it returns `None` (a note on stderr), except in CI (`CI`
//! set and not `0`/`false`), where missing tools fail the test; `.ci/run` installs them.

use std::collections::BTreeMap;
use std::hash::{Hash as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

use kubectl_twister2::twister2::config::Config;
use kubectl_twister2::twister2::kryo::{self, JavaValue};
use kubectl_twister2::twister2::package::{build_package, build_package_with_files};
use kubectl_twister2::twister2::package_file::PackageFile;
use kubectl_twister2::twister2::proto::{Job, JobDescription, JobFormatType};
use kubectl_twister2::twister2::resources::ComputeResource;

/// Where Debian's `lib*-java` packages put their jars.
const JAVA_SHARE: &str = "/usr/share/java";
/// The jars PodView needs: Kryo 2.20 and its dependencies, protobuf-java, SnakeYAML.
const JARS: [&str; 7] = [
    "kryo",
    "minlog",
    "objenesis",
    "reflectasm",
    "asm",
    "protobuf",
    "snakeyaml",
];
/// The Debian packages that provide the tools and jars (what `.ci/run` installs).
const DEBIAN_PACKAGES: &str =
    "default-jdk-headless libkryo-java libprotobuf-java libyaml-snake-java protobuf-compiler";

/// What the pods' Config holds, as printed by PodView (see the line format at the top of
/// `tests/java/PodView.java`).
#[derive(Debug, Clone, PartialEq)]
pub struct PodView {
    /// `job` lines: Job protobuf field (e.g. `job_id`, `compute_resource.0.cpu`) → value.
    pub job: BTreeMap<String, String>,
    /// `config` lines: key → what the final map holds under it.
    pub config: BTreeMap<String, PodValue>,
    /// The `error` line: the `config_byte_map` entry Kryo failed on (later ones were not read).
    pub decode_failure: Option<DecodeFailure>,
}

/// One key of the pods' Config.
#[derive(Debug, Clone, PartialEq)]
pub struct PodValue {
    /// Java class name (`null` for null).
    pub class: String,
    /// Canonical rendering (String as is, `[a, b]`, `{k=v}` sorted by key, else `toString()`).
    pub value: String,
    /// Class names of the value and its elements, e.g. `java.util.ArrayList(java.lang.String)`.
    pub types: String,
    /// `yaml:<dir>/<file>.yaml` or `kryo:<bytes read>/<bytes>`.
    pub source: String,
}

/// A `config_byte_map` entry Kryo could not decode.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeFailure {
    /// The entry's key.
    pub key: String,
    /// `<exception class>: <message>`.
    pub message: String,
}

impl PodView {
    /// A `job` field; panics naming it when PodView did not print it.
    pub fn job_field(&self, field: &str) -> &str {
        self.job
            .get(field)
            .unwrap_or_else(|| panic!("PodView printed no job field {field}: {:?}", self.job))
    }

    /// A config key; panics naming it when the pods' Config lacks it.
    pub fn value(&self, key: &str) -> &PodValue {
        self.config
            .get(key)
            .unwrap_or_else(|| panic!("the pods' Config has no key {key}"))
    }
}

/// Reads `package_tar_gz` as Twister2 0.8's pods do, with the real Java libraries. `None` only
/// when the Java tools are missing outside CI.
pub fn pod_view(package_tar_gz: &[u8], job_id: &str) -> Option<PodView> {
    let compiled = compiled()?;
    let dir = tempfile::tempdir().expect("temp dir");
    tar::Archive::new(flate2::read::GzDecoder::new(package_tar_gz))
        .unpack(dir.path())
        .expect("the package unpacks");
    let started = Instant::now();
    let out = Command::new("java")
        // A short program: the client compiler alone starts fastest.
        .args(["-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp"])
        .arg(&compiled.classpath)
        .arg("PodView")
        .arg(dir.path())
        .arg(job_id)
        .output()
        .expect("java runs");
    eprintln!("PodView ran in {:.2?}", started.elapsed());
    assert!(
        out.status.success(),
        "PodView failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("PodView prints UTF-8");
    Some(parse(&stdout))
}

fn parse(stdout: &str) -> PodView {
    let mut view = PodView {
        job: BTreeMap::new(),
        config: BTreeMap::new(),
        decode_failure: None,
    };
    for line in stdout.lines() {
        let fields: Vec<String> = line.split('\t').map(unescape).collect();
        match (fields[0].as_str(), fields.len()) {
            ("job", 3) => {
                view.job.insert(fields[1].clone(), fields[2].clone());
            }
            ("config", 6) => {
                view.config.insert(
                    fields[1].clone(),
                    PodValue {
                        class: fields[2].clone(),
                        value: fields[3].clone(),
                        types: fields[4].clone(),
                        source: fields[5].clone(),
                    },
                );
            }
            ("error", 3) if view.decode_failure.is_none() => {
                view.decode_failure = Some(DecodeFailure {
                    key: fields[1].clone(),
                    message: fields[2].clone(),
                });
            }
            _ => panic!("unexpected PodView line: {line:?}"),
        }
    }
    view
}

/// Undoes PodView's `\\`, `\t`, `\n`, `\r`.
fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            other => panic!("bad escape \\{other:?} in PodView field {field:?}"),
        }
    }
    out
}

struct Compiled {
    classpath: String,
}

/// PodView and the protoc-generated `Job` classes, compiled once per test process. The classes
/// go to `target/tmp/pod-view-<hash of sources and tools>/`, shared by test processes (nextest
/// runs each test in its own) and runs, so javac (seconds) runs only when something changed.
fn compiled() -> Option<&'static Compiled> {
    static COMPILED: OnceLock<Result<Compiled, String>> = OnceLock::new();
    match COMPILED.get_or_init(compile) {
        Ok(compiled) => Some(compiled),
        Err(missing) => {
            let ci = std::env::var("CI").unwrap_or_default();
            assert!(
                ci.is_empty() || ci == "0" || ci.eq_ignore_ascii_case("false"),
                "{missing} but CI is set: apt-get install {DEBIAN_PACKAGES}"
            );
            eprintln!("{missing}; skipping the Java interop check");
            None
        }
    }
}

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// `Err` names what is missing; a compile failure panics.
fn compile() -> Result<Compiled, String> {
    let mut missing = Vec::new();
    let mut tools = Vec::new();
    for tool in ["java", "javac", "protoc"] {
        match on_path(tool) {
            Some(p) => tools.push(p),
            None => missing.push(tool.to_string()),
        }
    }
    let jars: Vec<PathBuf> = JARS
        .iter()
        .map(|name| Path::new(JAVA_SHARE).join(format!("{name}.jar")))
        .collect();
    missing.extend(
        jars.iter()
            .filter(|j| !j.is_file())
            .map(|j| j.display().to_string()),
    );
    if !missing.is_empty() {
        return Err(format!("missing {}", missing.join(", ")));
    }

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pod_view_java = root.join("tests/java/PodView.java");
    let proto_dir = root.join("proto");
    let mut hasher = std::hash::DefaultHasher::new();
    for file in [&pod_view_java, &proto_dir.join("job.proto")] {
        std::fs::read(file)
            .expect("read a source")
            .hash(&mut hasher);
    }
    for file in tools.iter().chain(&jars) {
        let real = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        real.hash(&mut hasher);
        std::fs::metadata(&real)
            .map(|m| m.len())
            .ok()
            .hash(&mut hasher);
    }
    let search_path = |dirs: &[&Path]| {
        let joined = std::env::join_paths(
            dirs.iter()
                .copied()
                .chain(jars.iter().map(PathBuf::as_path)),
        )
        .expect("a class path");
        joined.to_str().expect("a UTF-8 class path").to_string()
    };
    let jar_path = search_path(&[]);
    let base = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let classes = base.join(format!("pod-view-{:016x}", hasher.finish()));
    let classpath = |classes: &Path| search_path(&[classes]);
    if classes.join("PodView.class").is_file() {
        return Ok(Compiled {
            classpath: classpath(&classes),
        });
    }

    let started = Instant::now();
    let work = tempfile::tempdir_in(base).expect("temp dir in target/tmp");
    let generated = work.path().join("generated");
    let output = work.path().join("classes");
    std::fs::create_dir_all(&generated).unwrap();
    run(Command::new("protoc")
        .arg(format!("--java_out={}", generated.display()))
        .arg("-I")
        .arg(&proto_dir)
        .arg(proto_dir.join("job.proto")));
    let mut sources = vec![pod_view_java];
    sources.extend(java_files(&generated));
    run(Command::new("javac")
        .args(["-nowarn", "-encoding", "UTF-8", "-d"])
        .arg(&output)
        .args(["-cp", &jar_path])
        .args(&sources));
    // Another test process may have finished first; then its classes are just as good.
    if std::fs::rename(&output, &classes).is_err() && !classes.join("PodView.class").is_file() {
        panic!("cannot move the compiled classes to {}", classes.display());
    }
    eprintln!("compiled PodView in {:.2?}", started.elapsed());
    Ok(Compiled {
        classpath: classpath(&classes),
    })
}

fn java_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(java_files(&path));
        } else if path.extension().is_some_and(|e| e == "java") {
            files.push(path);
        }
    }
    files
}

fn run(command: &mut Command) {
    let out = command.output().expect("the tool runs");
    assert!(
        out.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// What PodView prints for a value, computed from the value.

/// PodView's rendering of `value`.
fn java_rendering(value: &JavaValue) -> String {
    match value {
        JavaValue::Null => "null".to_string(),
        JavaValue::String(s) => s.clone(),
        JavaValue::Integer(i) => i.to_string(),
        JavaValue::Long(l) => l.to_string(),
        JavaValue::Double(d) => java_double(*d),
        JavaValue::Boolean(b) => b.to_string(),
        JavaValue::StringArray(items) => format!("[{}]", items.join(", ")),
        JavaValue::ArrayList(items) => format!(
            "[{}]",
            items
                .iter()
                .map(java_rendering)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        JavaValue::HashMap(entries) => format!(
            "{{{}}}",
            sorted_entries(entries)
                .iter()
                .map(|(k, v)| format!("{}={}", java_rendering(k), java_rendering(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// PodView's types column for `value`.
fn java_types(value: &JavaValue) -> String {
    let children: Vec<String> = match value {
        JavaValue::Null => return "null".to_string(),
        JavaValue::StringArray(items) => items.iter().map(|_| "java.lang.String".into()).collect(),
        JavaValue::ArrayList(items) => items.iter().map(java_types).collect(),
        JavaValue::HashMap(entries) => sorted_entries(entries)
            .iter()
            .map(|(k, v)| format!("{}={}", java_types(k), java_types(v)))
            .collect(),
        _ => return value.java_class().to_string(),
    };
    format!("{}({})", value.java_class(), children.join(","))
}

/// Entries in PodView's order: by rendered key, then rendered value, compared as Java does
/// (UTF-16 units).
fn sorted_entries(entries: &[(JavaValue, JavaValue)]) -> Vec<&(JavaValue, JavaValue)> {
    let mut sorted: Vec<_> = entries.iter().collect();
    let java_order = |a: &JavaValue, b: &JavaValue| {
        java_rendering(a)
            .encode_utf16()
            .cmp(java_rendering(b).encode_utf16())
    };
    sorted.sort_by(|a, b| java_order(&a.0, &b.0).then_with(|| java_order(&a.1, &b.1)));
    sorted
}

/// `Double.toString` for the values these tests use: plain decimal with at least one fraction
/// digit for 10^-3 <= |d| < 10^7, else `<digits>E<exponent>`. (Before JDK 19 Java does not
/// always print the shortest digits, so the tests stick to short exact values, and compare
/// top-level Doubles by parsing.)
fn java_double(d: f64) -> String {
    if d == 0.0 {
        return if d.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    if (1e-3..1e7).contains(&d.abs()) {
        let plain = format!("{d}");
        return if plain.contains('.') {
            plain
        } else {
            format!("{plain}.0")
        };
    }
    let sci = format!("{d:e}");
    let (mantissa, exponent) = sci.split_once('e').expect("scientific notation");
    let mantissa = if mantissa.contains('.') {
        mantissa.to_string()
    } else {
        format!("{mantissa}.0")
    };
    format!("{mantissa}E{exponent}")
}

// ---------------------------------------------------------------------------------------------
// Tests

const JOB_ID: &str = "alice-interop-0a1b2c3d";

fn job_with(entries: &BTreeMap<String, Vec<u8>>) -> Job {
    let resources = [
        ComputeResource {
            index: 0,
            cpu: 1.5,
            ram_mb: 2048,
            disk_gb: 0.5,
            instances: 2,
            workers_per_pod: 3,
            scalable: false,
        },
        ComputeResource {
            index: 1,
            cpu: 0.25,
            ram_mb: 512,
            disk_gb: 0.0,
            instances: 1,
            workers_per_pod: 1,
            scalable: true,
        },
    ];
    let mut job = Job::from_description(&JobDescription {
        job_name: "interop",
        job_id: JOB_ID,
        worker_class: "edu.iu.dsc.tws.examples.HelloWorld$Worker",
        driver_class: Some("edu.iu.Driver"),
        resources: &resources,
        format: JobFormatType::Jar,
        job_file: "interop.jar",
    })
    .expect("a job");
    job.config
        .get_or_insert_with(Default::default)
        .config_byte_map = entries.clone();
    job
}

fn jar(dir: &Path) -> PathBuf {
    let path = dir.join("interop.jar");
    std::fs::write(&path, b"PK\x03\x04 not really a jar").unwrap();
    path
}

fn s(text: &str) -> JavaValue {
    JavaValue::String(text.to_string())
}

/// The Java class SnakeYAML gives a value the package writes, as the plugin meant it (read
/// back with serde_yaml, a YAML 1.2 parser): the package's YAML must mean the same in both.
fn snakeyaml_class(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "null",
        serde_yaml::Value::Bool(_) => "java.lang.Boolean",
        serde_yaml::Value::Number(n) => match n.as_i64() {
            Some(i) if i32::try_from(i).is_ok() => "java.lang.Integer",
            Some(_) => "java.lang.Long",
            None if n.is_u64() => "java.math.BigInteger",
            None => "java.lang.Double",
        },
        serde_yaml::Value::String(_) => "java.lang.String",
        serde_yaml::Value::Sequence(_) => "java.util.ArrayList",
        serde_yaml::Value::Mapping(_) => "java.util.LinkedHashMap",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

#[test]
fn pods_decode_every_value_type_the_plugin_encodes() {
    let values: BTreeMap<&str, JavaValue> = [
        ("t2.interop.boolean", JavaValue::Boolean(true)),
        ("t2.interop.double", JavaValue::Double(0.5)),
        ("t2.interop.double.big", JavaValue::Double(-1.0e10)),
        ("t2.interop.integer", JavaValue::Integer(11011)),
        ("t2.interop.integer.max", JavaValue::Integer(i32::MAX)),
        ("t2.interop.integer.min", JavaValue::Integer(i32::MIN)),
        ("t2.interop.long", JavaValue::Long(1_601_667_129_000)),
        ("t2.interop.long.min", JavaValue::Long(i64::MIN)),
        ("t2.interop.null", JavaValue::Null),
        ("t2.interop.string", s("héllo ☃ 𝄞")),
        ("t2.interop.string.64", s(&"x".repeat(64))),
        ("t2.interop.string.empty", s("")),
        ("t2.interop.string.escapes", s("tab\there\\back\nnew")),
        (
            "t2.interop.string_array",
            JavaValue::StringArray(vec!["a".into(), "b c".into(), "ü".into(), String::new()]),
        ),
        (
            "t2.interop.list",
            JavaValue::ArrayList(vec![
                s("x"),
                JavaValue::Integer(-1),
                JavaValue::Long(5),
                JavaValue::Double(2.5),
                JavaValue::Boolean(false),
                JavaValue::Null,
                JavaValue::StringArray(vec!["in".into()]),
            ]),
        ),
        (
            "t2.interop.map",
            JavaValue::HashMap(vec![
                (s("one"), JavaValue::Integer(1)),
                (s("two"), JavaValue::Integer(2)),
                (s("minus"), JavaValue::Integer(-3)),
            ]),
        ),
        (
            "t2.interop.nested",
            JavaValue::ArrayList(vec![
                JavaValue::ArrayList(vec![
                    JavaValue::ArrayList(vec![]),
                    JavaValue::ArrayList(vec![]),
                ]),
                JavaValue::HashMap(vec![(
                    s("k"),
                    JavaValue::ArrayList(vec![s("v"), JavaValue::HashMap(vec![])]),
                )]),
                JavaValue::StringArray(vec![]),
            ]),
        ),
        // A key the package's yaml also has: config_byte_map wins in the pods.
        ("kubernetes.namespace", s("from-config-byte-map")),
    ]
    .into_iter()
    .collect();
    let entries: BTreeMap<String, Vec<u8>> = values
        .iter()
        .map(|(k, v)| (k.to_string(), kryo::encode(v)))
        .collect();
    let job = job_with(&entries);
    let tmp = tempfile::tempdir().unwrap();
    let config = Config::defaults();
    let package = build_package(&job, &jar(tmp.path()), &config).expect("a package");
    let Some(view) = pod_view(package.bytes(), JOB_ID) else {
        return;
    };

    // The Job protobuf as protobuf-java reads it.
    for (field, expected) in [
        ("job_id", JOB_ID),
        ("job_name", "interop"),
        (
            "worker_class_name",
            "edu.iu.dsc.tws.examples.HelloWorld$Worker",
        ),
        ("driver_class_name", "edu.iu.Driver"),
        ("number_of_workers", "7"),
        ("job_format", "set"),
        ("job_format.type", "JAR"),
        ("job_format.job_file", "interop.jar"),
        ("compute_resource.count", "2"),
        ("compute_resource.0.cpu", "1.5"),
        ("compute_resource.0.ram_mega_bytes", "2048"),
        ("compute_resource.0.disk_giga_bytes", "0.5"),
        ("compute_resource.0.instances", "2"),
        ("compute_resource.0.workers_per_pod", "3"),
        ("compute_resource.0.scalable", "false"),
        ("compute_resource.0.index", "0"),
        ("compute_resource.1.cpu", "0.25"),
        ("compute_resource.1.ram_mega_bytes", "512"),
        ("compute_resource.1.disk_giga_bytes", "0.0"),
        ("compute_resource.1.instances", "1"),
        ("compute_resource.1.workers_per_pod", "1"),
        ("compute_resource.1.scalable", "true"),
        ("compute_resource.1.index", "1"),
        ("config_byte_map.count", &values.len().to_string()),
    ] {
        assert_eq!(view.job_field(field), expected, "job field {field}");
    }
    assert_eq!(
        view.job_field("job_file_bytes"),
        job.to_bytes().len().to_string()
    );

    // Every config_byte_map entry as Kryo decoded it: the class, elements' classes and the
    // value encoded, using every byte.
    assert_eq!(view.decode_failure, None);
    for (key, value) in &values {
        let got = view.value(key);
        let len = entries[*key].len();
        assert_eq!(got.source, format!("kryo:{len}/{len}"), "{key}");
        assert_eq!(got.class, value.java_class(), "{key}");
        assert_eq!(got.types, java_types(value), "{key}");
        match value {
            JavaValue::Double(d) => {
                let parsed: f64 = got.value.parse().expect("a Java double");
                assert_eq!(parsed.to_bits(), d.to_bits(), "{key}: {}", got.value);
            }
            _ => assert_eq!(got.value, java_rendering(value), "{key}"),
        }
    }
    assert_eq!(view.value("t2.interop.string").value, "héllo ☃ 𝄞");
    assert_eq!(view.value("t2.interop.double.big").value, "-1.0E10");
    assert_eq!(
        view.value("t2.interop.map").value,
        "{minus=-3, one=1, two=2}"
    );

    // Every key of the package's yaml, with the type SnakeYAML (YAML 1.1) gives it equal to
    // the one the plugin wrote it as.
    let mut yaml_keys = 0;
    for file in config.package_files().unwrap() {
        if !file.path.ends_with(".yaml") {
            continue;
        }
        let map: BTreeMap<String, serde_yaml::Value> =
            serde_yaml::from_slice(&file.contents).expect("package yaml is a map");
        for (key, value) in map {
            let got = view.value(&key);
            if values.contains_key(key.as_str()) {
                assert!(got.source.starts_with("kryo:"), "{key}: {got:?}");
                continue;
            }
            yaml_keys += 1;
            assert_eq!(got.source, format!("yaml:{}", file.path), "{key}");
            assert_eq!(got.class, snakeyaml_class(&value), "{key} = {value:?}");
            if let serde_yaml::Value::String(text) = &value {
                assert_eq!(&got.value, text, "{key}");
            }
        }
    }
    assert!(yaml_keys > 10, "only {yaml_keys} yaml keys in the package");
    // Spot checks: a quoted string, an int, a float and a boolean of the package.
    for (key, class, value) in [
        (
            "twister2.network.channel.class",
            "java.lang.String",
            "edu.iu.dsc.tws.comms.tcp.TWSTCPChannel",
        ),
        ("kubernetes.worker.base.port", "java.lang.Integer", "9000"),
        (
            "twister2.kubernetes.jvm.memory.fraction",
            "java.lang.Double",
            "0.8",
        ),
        ("twister2.job.master.used", "java.lang.Boolean", "true"),
    ] {
        let got = view.value(key);
        assert_eq!(
            (got.class.as_str(), got.value.as_str()),
            (class, value),
            "{key}"
        );
    }
}

#[test]
fn an_entry_kryo_cannot_build_stops_the_pods_reading_later_entries() {
    // `Arrays.asList("a", "b")` as the Java client would write it: java.util.Arrays$ArrayList
    // has no no-arg constructor, so Kryo cannot create it when reading.
    let mut arrays_as_list = vec![0x01, 0x00];
    arrays_as_list.extend(&kryo::encode(&s("java.util.Arrays$ArrayList"))[1..]);
    arrays_as_list.push(0x02);
    arrays_as_list.extend(kryo::encode(&s("a")));
    arrays_as_list.extend(kryo::encode(&s("b")));
    assert!(matches!(
        kryo::decode(&arrays_as_list),
        Err(kryo::KryoError::UnsupportedClass { .. })
    ));
    let entries: BTreeMap<String, Vec<u8>> = [
        ("t2.a.before", kryo::encode(&JavaValue::Integer(1))),
        ("t2.b.arrays_as_list", arrays_as_list),
        ("t2.c.after", kryo::encode(&JavaValue::Integer(3))),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let tmp = tempfile::tempdir().unwrap();
    let package = build_package(&job_with(&entries), &jar(tmp.path()), &Config::defaults())
        .expect("a package");
    let Some(view) = pod_view(package.bytes(), JOB_ID) else {
        return;
    };
    let failure = view
        .decode_failure
        .as_ref()
        .expect("Kryo fails on one entry");
    assert_eq!(failure.key, "t2.b.arrays_as_list");
    assert!(
        failure.message.contains("java.util.Arrays$ArrayList"),
        "{failure:?}"
    );
    assert_eq!(view.value("t2.a.before").value, "1");
    assert!(!view.config.contains_key("t2.b.arrays_as_list"));
    assert!(
        !view.config.contains_key("t2.c.after"),
        "an entry after the failing one was read"
    );
}

#[test]
fn pod_view_loads_yaml_files_in_the_pods_order() {
    let file = |path: &str, text: &str| PackageFile {
        path: path.to_string(),
        contents: text.as_bytes().to_vec(),
        executable: false,
    };
    let files = [
        file(
            "common/task.yaml",
            "t2.order.a: 1\nt2.order.b: 1\nt2.order.c: 1\n",
        ),
        file("common/checkpoint.yaml", "t2.order.a: 2\n"),
        file("kubernetes/task.yaml", "t2.order.b: \"two\"\n"),
        file("kubernetes/checkpoint.yaml", "t2.order.a: 3.0\n"),
        // Not one of the six names: the pods never read it.
        file("kubernetes/extra.yaml", "t2.order.c: 9\n"),
        file(
            "common/logger.properties",
            "handlers=java.util.logging.ConsoleHandler\n",
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let package = build_package_with_files(&job_with(&BTreeMap::new()), &jar(tmp.path()), &files)
        .expect("a package");
    let Some(view) = pod_view(package.bytes(), JOB_ID) else {
        return;
    };
    let got = |key: &str| {
        let v = view.value(key);
        (v.class.as_str(), v.value.as_str(), v.source.as_str())
    };
    assert_eq!(
        got("t2.order.a"),
        ("java.lang.Double", "3.0", "yaml:kubernetes/checkpoint.yaml")
    );
    assert_eq!(
        got("t2.order.b"),
        ("java.lang.String", "two", "yaml:kubernetes/task.yaml")
    );
    assert_eq!(
        got("t2.order.c"),
        ("java.lang.Integer", "1", "yaml:common/task.yaml")
    );
    assert_eq!(view.config.len(), 3, "{:?}", view.config);
    assert_eq!(view.job_field("config_byte_map.count"), "0");
    assert_eq!(view.decode_failure, None);
}

#[test]
fn java_double_matches_double_to_string_for_simple_values() {
    for (d, java) in [
        (0.5, "0.5"),
        (1.0, "1.0"),
        (-0.0, "-0.0"),
        (2.5, "2.5"),
        (1234567.0, "1234567.0"),
        (1.0e7, "1.0E7"),
        (-1.0e10, "-1.0E10"),
        (1.5e-5, "1.5E-5"),
    ] {
        assert_eq!(java_double(d), java, "{d}");
    }
}
