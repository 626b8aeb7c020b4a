//! Fuzz target: job names, user names and clocks through Twister2's jobID generation and name
//! sanitising. Invariants: no panic; a generated jobID always passes `validate_job_id` and parses
//! back to its timestamp; a converted name is empty or a DNS-1123 label within its limit; a
//! conforming name is kept as it is; a name that converts to nothing is refused.

#![no_main]

use kubectl_twister2::twister2::job_id::{
    MAX_JOB_ID_LEN, MAX_JOB_NAME_LEN, conforms_to_k8s_naming, convert_job_name,
    convert_to_k8s_format, generate_job_id, parse_job_id, validate_job_id,
};
use libfuzzer_sys::fuzz_target;

/// `[a-z]([-a-z0-9]*[a-z0-9])?` (a DNS-1123 label that starts with a letter).
fn is_dns_label(name: &str) -> bool {
    let bytes = name.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_lowercase()
                && (last.is_ascii_lowercase() || last.is_ascii_digit())
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        }
        _ => false,
    }
}

fuzz_target!(|input: (String, Option<String>, i64, u8)| {
    let (job_name, user_name, now_ms, limit) = input;
    let max_len = usize::from(limit % 64);

    let converted = convert_to_k8s_format(&job_name, max_len);
    assert!(
        converted.len() <= max_len,
        "{converted:?} longer than {max_len}"
    );
    assert!(
        converted.is_empty() || is_dns_label(&converted),
        "{job_name:?} became {converted:?}"
    );
    if conforms_to_k8s_naming(&job_name, max_len) {
        assert!(is_dns_label(&job_name) && job_name.len() <= max_len);
    }

    match convert_job_name(&job_name) {
        Ok(name) => {
            assert!(is_dns_label(&name.converted), "{name:?}");
            assert!(name.converted.len() <= MAX_JOB_NAME_LEN, "{name:?}");
            assert_eq!(
                name.changed(),
                !conforms_to_k8s_naming(&job_name, MAX_JOB_NAME_LEN),
                "{name:?}"
            );
        }
        Err(e) => {
            assert!(convert_to_k8s_format(&job_name, MAX_JOB_NAME_LEN).is_empty());
            assert!(e.to_string().contains(&job_name), "{e}");
        }
    }

    match generate_job_id(&job_name, user_name.as_deref(), now_ms) {
        Ok(generated) => {
            let id = &generated.id;
            assert!(
                validate_job_id(id).is_ok(),
                "{id:?}: {:?}",
                validate_job_id(id)
            );
            assert!(id.len() <= MAX_JOB_ID_LEN && is_dns_label(id), "{id:?}");
            let parts = parse_job_id(id).expect("a generated jobID parses");
            assert_eq!(parts.timestamp, generated.timestamp);
            let job = parts
                .job_name(user_name.as_deref())
                .expect("the job name is found again");
            assert_eq!(job, generated.job_name.converted);
        }
        Err(_) => assert!(convert_job_name(&job_name).is_err()),
    }
});
