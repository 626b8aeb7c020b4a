use super::*;

fn flag(text: &str) -> JavaValue {
    parse_flag(text).unwrap_or_else(|e| panic!("{text}: {e}")).1
}

fn refused(text: &str) -> String {
    parse_flag(text).expect_err(text)
}

#[test]
fn flag_values_map_to_the_java_types_the_getters_expect() {
    assert_eq!(flag("k=hello"), JavaValue::String("hello".into()));
    assert_eq!(flag("k=\"0123\""), JavaValue::String("0123".into()));
    assert_eq!(flag("k=42"), JavaValue::Integer(42));
    assert_eq!(flag("k=-2147483648"), JavaValue::Integer(i32::MIN));
    assert_eq!(flag("k=123L"), JavaValue::Long(123));
    assert_eq!(flag("k=-9223372036854775808L"), JavaValue::Long(i64::MIN));
    assert_eq!(flag("k=!long 7"), JavaValue::Long(7));
    assert_eq!(flag("k=0.5"), JavaValue::Double(0.5));
    assert_eq!(flag("k=true"), JavaValue::Boolean(true));
    assert_eq!(
        flag("k=[a, 1, 2L]"),
        JavaValue::ArrayList(vec![
            JavaValue::String("a".into()),
            JavaValue::Integer(1),
            // inside YAML, 2L is a plain string: only !long makes a Long there
            JavaValue::String("2L".into()),
        ])
    );
    assert_eq!(
        flag("k={a: 1}"),
        JavaValue::HashMap(vec![(JavaValue::String("a".into()), JavaValue::Integer(1))])
    );
    assert_eq!(
        flag("k=!string-array [x, 2]"),
        JavaValue::StringArray(vec!["x".into(), "2".into()])
    );
    // the key is everything before the first '='
    assert_eq!(
        parse_flag("a.b=c=d").unwrap(),
        ("a.b".to_string(), JavaValue::String("c=d".into()))
    );
}

#[test]
fn values_the_pods_cannot_read_are_refused_with_the_reason() {
    assert!(refused("k=2147483648").contains("2147483648L"));
    assert!(refused("k=").contains("null"));
    assert!(refused("k=[1, null]").contains("null"));
    assert!(refused("k=!custom 5").contains("unknown tag !custom"));
    assert!(refused("k=!long 1.5").contains("whole number"));
    assert!(refused("k={[1]: 2}").contains("not a plain value"));
    assert!(refused("noequals").contains("KEY=VALUE"));
    assert!(refused("=5").contains("empty"));
    assert!(refused("k=[").contains("not a YAML value"));
    assert!(refused("k=.nan").contains("finite"));
}

#[test]
fn keys_the_plugin_builds_objects_from_are_refused() {
    let why = refused("kubernetes.namespace=other");
    assert!(why.contains("--set kubernetes.namespace="), "{why}");
    assert!(refused("twister2.job.master.port=1").contains("reads to build"));
}

#[test]
fn passed_on_keys_must_have_the_type_the_pods_read() {
    assert_eq!(
        flag("twister2.network.buffer.size=2048"),
        JavaValue::Integer(2048)
    );
    let why = refused("twister2.network.buffer.size=2048L");
    assert!(why.contains("would ignore it"), "{why}");
    assert!(refused("twister2.taskscheduler.batch.class=5").contains("java.lang.Integer"));
    assert_eq!(
        flag("twister2.taskscheduler.task.instance.ram=512"),
        JavaValue::Integer(512)
    );
}

#[test]
fn files_then_flags_with_every_problem_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good.yaml");
    std::fs::write(
        &good,
        "iterations: 10\nname: \"x\"\nsizes: [1, 2]\nbig: !long 5000000000\nlabels: {a: b}\n",
    )
    .unwrap();
    let config =
        JobConfig::from_sources(std::slice::from_ref(&good), &["iterations=20".into()]).unwrap();
    assert_eq!(
        config.get("iterations").unwrap().value,
        JavaValue::Integer(20)
    );
    assert_eq!(
        config.get("iterations").unwrap().source,
        JobConfigSource::Flag
    );
    assert_eq!(
        config.get("big").unwrap().value,
        JavaValue::Long(5_000_000_000)
    );
    assert_eq!(
        config.get("name").unwrap().source,
        JobConfigSource::File(good.clone())
    );
    let bytes = config.to_byte_map();
    assert_eq!(bytes["iterations"], vec![0x02, 0x28]);
    assert_eq!(bytes.len(), 5);

    let bad = tmp.path().join("bad.yaml");
    std::fs::write(&bad, "a: null\nb: 9999999999\n").unwrap();
    let missing = tmp.path().join("missing.yaml");
    let problems = JobConfig::from_sources(&[bad.clone(), missing], &["oops".into()]).unwrap_err();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(
        problems[0].starts_with("job configuration a in "),
        "{problems:?}"
    );
    assert!(problems[1].contains("9999999999L"), "{problems:?}");
    assert!(problems[2].contains("does not exist"), "{problems:?}");
    assert!(problems[3].starts_with("--job-config oops"), "{problems:?}");

    let list = tmp.path().join("list.yaml");
    std::fs::write(&list, "[1, 2]\n").unwrap();
    let problems = JobConfig::from_sources(&[list], &[]).unwrap_err();
    assert!(problems[0].contains("must be a map"), "{problems:?}");
}
