//! Twister2 job names, jobIDs (`<user>-<jobName>-<timestamp>`) and worker IDs.
//!
//! Also validates explicit jobIDs and maps worker IDs to pods and containers and back.
//!
//! Generation follows Twister2 0.8's `JobIDUtils` step by step, with these deliberate fixes
//! (each is also described on the function that makes it):
//!
//! 1. A job name that converts to nothing (e.g. `"___"` is fine, but `"日本"` or `"!!!"` are
//!    not) is an error naming the input; Java would build `-<timestamp>`.
//! 2. After truncation to the maximum length a trailing `-` is replaced by `z` again, so a
//!    converted name never ends with a dash; Java truncates last and can leave one.
//! 3. An explicit jobID (`--job-id` / `twister2.job.id`) is validated (lowercase letters,
//!    digits and `-`, starting with a letter, ending with a letter or digit, at most 49
//!    characters); Java uses it unchecked.
//! 4. A user name that converts to nothing drops the `<user>-` prefix, as Java does for an empty
//!    user name (Java would only get there by accident).

use super::resources::ComputeResource;

/// Longest user-name part of a jobID.
pub const MAX_USER_NAME_LEN: usize = 9;
/// Longest job-name part of a jobID.
pub const MAX_JOB_NAME_LEN: usize = 30;
/// Length of the timestamp part (longer timestamps keep their last 8 characters).
pub const MAX_TIMESTAMP_LEN: usize = 8;
/// Longest jobID: 9 + 1 + 30 + 1 + 8. Chosen by Twister2 so that `<jobID>-jm-0` plus the
/// 11-character `controller-revision-hash` suffix stays within Kubernetes' 63.
pub const MAX_JOB_ID_LEN: usize = 49;
/// Twister2's timestamp origin, in Unix milliseconds (2018-12-31T21:00:00Z).
pub const TIMESTAMP_EPOCH_MS: i64 = 1_546_290_000_000;

/// Why a job name or jobID cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JobIdError {
    /// The job name has no character left after conversion.
    #[error(
        "job name '{0}' has no usable character: a job name needs at least one letter or digit (a-z, 0-9)"
    )]
    EmptyJobName(String),
    /// An explicit jobID breaks a naming rule.
    #[error("job id '{id}' is not valid: {reason}")]
    InvalidJobId {
        /// The jobID given.
        id: String,
        /// Which rule it breaks.
        reason: String,
    },
}

/// A name before and after conversion to Kubernetes naming rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertedName {
    /// As given.
    pub original: String,
    /// As used in the jobID.
    pub converted: String,
}

impl ConvertedName {
    /// Whether conversion changed the name (the CLI then prints "job name 'My_Job' became 'my-job'").
    pub fn changed(&self) -> bool {
        self.original != self.converted
    }
}

/// A generated jobID and the parts it was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedJobId {
    /// The jobID.
    pub id: String,
    /// The job name part.
    pub job_name: ConvertedName,
    /// The user name part; `None` when there is no user prefix.
    pub user_name: Option<ConvertedName>,
    /// The base-36 timestamp part.
    pub timestamp: String,
}

/// Twister2's conformance test: at most `max_len` characters and matching
/// `[a-z]([-a-z0-9]*[a-z0-9])?`. A conforming name is used unchanged.
pub fn conforms_to_k8s_naming(name: &str, max_len: usize) -> bool {
    // Java's String.length() counts UTF-16 units; non-ASCII names fail the pattern anyway.
    if name.encode_utf16().count() > max_len {
        return false;
    }
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

/// Twister2's conversion, in its order: `_`→`-`; `.`→`-`; lowercase; delete every character
/// outside `[a-z0-9-]`; a first character that is not `a-z` becomes `a`; a last `-` becomes `z`;
/// truncate to `max_len`. **Fix:** a `-` left last by the truncation becomes `z` too (Java leaves
/// it). The result is empty when nothing usable was left.
pub fn convert_to_k8s_format(name: &str, max_len: usize) -> String {
    let lowered = name.replace(['_', '.'], "-").to_lowercase();
    let mut chars: Vec<char> = lowered
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
        .collect();
    if let Some(first) = chars.first_mut()
        && !first.is_ascii_lowercase()
    {
        *first = 'a';
    }
    replace_trailing_dash(&mut chars);
    chars.truncate(max_len);
    replace_trailing_dash(&mut chars);
    chars.into_iter().collect()
}

fn replace_trailing_dash(chars: &mut [char]) {
    if let Some(last) = chars.last_mut()
        && *last == '-'
    {
        *last = 'z';
    }
}

fn convert(name: &str, max_len: usize) -> ConvertedName {
    let converted = if conforms_to_k8s_naming(name, max_len) {
        name.to_string()
    } else {
        convert_to_k8s_format(name, max_len)
    };
    ConvertedName {
        original: name.to_string(),
        converted,
    }
}

/// The job-name part of a jobID. **Fix:** a name that converts to nothing is an error naming
/// the input.
pub fn convert_job_name(name: &str) -> Result<ConvertedName, JobIdError> {
    let converted = convert(name, MAX_JOB_NAME_LEN);
    if converted.converted.is_empty() {
        return Err(JobIdError::EmptyJobName(name.to_string()));
    }
    Ok(converted)
}

/// The user-name part of a jobID, or `None` when the user name is empty or converts to nothing
/// (then the jobID has no user prefix, as Java does for an empty user name).
pub fn convert_user_name(name: &str) -> Option<ConvertedName> {
    let converted = convert(name, MAX_USER_NAME_LEN);
    (!converted.converted.is_empty()).then_some(converted)
}

/// Twister2's timestamp: (`now_ms` − [`TIMESTAMP_EPOCH_MS`]) in lowercase base 36, keeping the
/// last 8 characters. Clocks before the epoch count as the epoch (Java would emit a `-`).
pub fn timestamp(now_ms: i64) -> String {
    let mut value = now_ms.saturating_sub(TIMESTAMP_EPOCH_MS).max(0) as u64;
    let mut digits = Vec::new();
    loop {
        let d = (value % 36) as u32;
        digits.push(char::from_digit(d, 36).unwrap_or('0'));
        value /= 36;
        if value == 0 {
            break;
        }
    }
    digits.truncate(MAX_TIMESTAMP_LEN);
    digits.iter().rev().collect()
}

/// Milliseconds since the Unix epoch now, the input of [`timestamp`].
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Builds a jobID as Twister2 does: `<user>-<jobName>-<timestamp>`, or `<jobName>-<timestamp>`
/// without a usable user name. `user_name` is config `twister2.user.name`, else the OS user,
/// supplied by the caller.
pub fn generate_job_id(
    job_name: &str,
    user_name: Option<&str>,
    now_ms: i64,
) -> Result<GeneratedJobId, JobIdError> {
    let job_name = convert_job_name(job_name)?;
    let user_name = user_name.and_then(convert_user_name);
    let timestamp = timestamp(now_ms);
    let id = match &user_name {
        Some(user) => format!("{}-{}-{}", user.converted, job_name.converted, timestamp),
        None => format!("{}-{}", job_name.converted, timestamp),
    };
    Ok(GeneratedJobId {
        id,
        job_name,
        user_name,
        timestamp,
    })
}

/// Validates an explicit jobID (`--job-id`, `twister2.job.id`). **Fix:** Java uses it unchecked.
///
/// Rules: 1–49 characters (so `<jobID>-jm-0` and the StatefulSet `controller-revision-hash`
/// label fit in 63); only lowercase letters, digits and `-` (a DNS-1123 label); starting with a
/// letter (the worker Service is named `<jobID>` and Service names must start with a letter);
/// ending with a letter or digit.
pub fn validate_job_id(id: &str) -> Result<(), JobIdError> {
    let invalid = |reason: String| {
        Err(JobIdError::InvalidJobId {
            id: id.to_string(),
            reason,
        })
    };
    if id.is_empty() {
        return invalid("it is empty".to_string());
    }
    let length = id.chars().count();
    if length > MAX_JOB_ID_LEN {
        return invalid(format!(
            "it has {length} characters, more than {MAX_JOB_ID_LEN} (object names built from it would exceed Kubernetes' 63)"
        ));
    }
    if let Some((position, c)) = id
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        let hint = if c.is_ascii_uppercase() {
            " (use lowercase)"
        } else {
            ""
        };
        return invalid(format!(
            "character '{c}' at position {} is not allowed; use lowercase letters, digits and '-'{hint}",
            position + 1
        ));
    }
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        return invalid(
            "it must start with a letter (the job's Service is named after it)".to_string(),
        );
    }
    if id.ends_with('-') {
        return invalid("it must end with a letter or digit, not '-'".to_string());
    }
    Ok(())
}

/// A jobID taken apart: everything before the last `-`, and the timestamp after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobIdParts {
    /// `<user>-<jobName>` or `<jobName>` (the two cannot be told apart without the user name,
    /// since both may contain `-`).
    pub prefix: String,
    /// The base-36 timestamp.
    pub timestamp: String,
    /// Submission time in Unix milliseconds decoded from the timestamp (exact until 2108,
    /// when Twister2's timestamps outgrow 8 characters).
    pub submitted_at_ms: i64,
}

impl JobIdParts {
    /// The job name, given the user name that prefixed it (or `None` for "no user prefix").
    /// Returns `None` when the prefix does not start with that user's converted name.
    pub fn job_name(&self, user_name: Option<&str>) -> Option<&str> {
        match user_name.and_then(convert_user_name) {
            None => Some(self.prefix.as_str()),
            Some(user) => self
                .prefix
                .strip_prefix(user.converted.as_str())
                .and_then(|rest| rest.strip_prefix('-'))
                .filter(|rest| !rest.is_empty()),
        }
    }
}

/// Parses a generated jobID back into its parts; `None` if it does not have that shape (for
/// instance an explicit `--job-id`).
pub fn parse_job_id(id: &str) -> Option<JobIdParts> {
    let (prefix, timestamp) = id.rsplit_once('-')?;
    if prefix.is_empty()
        || timestamp.is_empty()
        || timestamp.len() > MAX_TIMESTAMP_LEN
        || !timestamp
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        || !conforms_to_k8s_naming(prefix, MAX_JOB_ID_LEN)
    {
        return None;
    }
    let value = i64::from_str_radix(timestamp, 36).ok()?;
    Some(JobIdParts {
        prefix: prefix.to_string(),
        timestamp: timestamp.to_string(),
        submitted_at_ms: TIMESTAMP_EPOCH_MS + value,
    })
}

// ---------------------------------------------------------------------------------------------
// Worker IDs
// ---------------------------------------------------------------------------------------------

/// Name of worker container `index` in a pod: `twister2-container-<index>`.
pub fn worker_container_name(container_index: u32) -> String {
    format!("twister2-container-{container_index}")
}

/// Name of a worker pod: `<jobID>-<computeResourceIndex>-<podOrdinal>`.
pub fn worker_pod_name(job_id: &str, cr_index: usize, pod_ordinal: u32) -> String {
    format!("{job_id}-{cr_index}-{pod_ordinal}")
}

/// Name of the job-master pod: `<jobID>-jm-0`.
pub fn job_master_pod_name(job_id: &str) -> String {
    format!("{job_id}-jm-0")
}

/// Where a worker runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerLocation {
    /// The worker ID.
    pub worker_id: u32,
    /// Index of its compute resource (and StatefulSet).
    pub cr_index: usize,
    /// Ordinal of its pod in that StatefulSet.
    pub pod_ordinal: u32,
    /// Index of its container in the pod.
    pub container_index: u32,
}

impl WorkerLocation {
    /// The worker's pod name for job `job_id`.
    pub fn pod_name(&self, job_id: &str) -> String {
        worker_pod_name(job_id, self.cr_index, self.pod_ordinal)
    }

    /// The worker's container name.
    pub fn container_name(&self) -> String {
        worker_container_name(self.container_index)
    }
}

/// Whether `pod_ordinal` exists in resource `r`; the last resource, when scalable, may have
/// been scaled beyond its submitted instances.
fn ordinal_in_range(r: &ComputeResource, pod_ordinal: u32, is_last: bool) -> bool {
    pod_ordinal < r.instances || (is_last && r.scalable)
}

/// Worker ID of a non-OpenMPI worker, as Twister2's `K8sWorkerUtils.calculateWorkerID`:
/// (workers of all lower-index compute resources) + pod ordinal × workers per pod + container
/// index. `None` if the position does not exist in `resources` or the ID would overflow.
/// (OpenMPI workers use their MPI rank instead, and all their output is in the first pod's log.)
pub fn worker_id(
    cr_index: usize,
    pod_ordinal: u32,
    container_index: u32,
    resources: &[ComputeResource],
) -> Option<u32> {
    let r = resources.get(cr_index)?;
    if container_index >= r.workers_per_pod
        || !ordinal_in_range(r, pod_ordinal, cr_index + 1 == resources.len())
    {
        return None;
    }
    let mut before: u32 = 0;
    for lower in &resources[..cr_index] {
        before = before.checked_add(lower.instances.checked_mul(lower.workers_per_pod)?)?;
    }
    before
        .checked_add(pod_ordinal.checked_mul(r.workers_per_pod)?)?
        .checked_add(container_index)
}

/// The reverse of [`worker_id`]: which pod and container run worker `worker_id`. Worker IDs
/// beyond the submitted count fall in the last compute resource when it is scalable.
pub fn locate_worker(worker_id: u32, resources: &[ComputeResource]) -> Option<WorkerLocation> {
    let mut remaining = worker_id;
    for (cr_index, r) in resources.iter().enumerate() {
        if r.workers_per_pod == 0 {
            continue;
        }
        let is_last = cr_index + 1 == resources.len();
        let count = r.instances.checked_mul(r.workers_per_pod);
        let fits = match count {
            Some(count) => remaining < count || (is_last && r.scalable),
            None => true,
        };
        if fits {
            return Some(WorkerLocation {
                worker_id,
                cr_index,
                pod_ordinal: remaining / r.workers_per_pod,
                container_index: remaining % r.workers_per_pod,
            });
        }
        remaining -= count.unwrap_or(0);
    }
    None
}

/// Parses a worker pod name of job `job_id` (`<jobID>-<crIndex>-<ordinal>`) into
/// (compute-resource index, pod ordinal).
pub fn parse_worker_pod_name(job_id: &str, pod_name: &str) -> Option<(usize, u32)> {
    let rest = pod_name.strip_prefix(job_id)?.strip_prefix('-')?;
    let (cr, ordinal) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(cr) || !digits(ordinal) {
        return None;
    }
    Some((cr.parse().ok()?, ordinal.parse().ok()?))
}

/// Parses a worker container name (`twister2-container-<i>`) into its index.
pub fn parse_worker_container_name(name: &str) -> Option<u32> {
    let index = name.strip_prefix("twister2-container-")?;
    if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    index.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2025-01-01T00:00:00Z
    const NOW: i64 = 1_735_689_600_000;

    fn cr(instances: u32, wpp: u32, scalable: bool) -> ComputeResource {
        ComputeResource {
            index: 0,
            cpu: 1.0,
            ram_mb: 1024,
            disk_gb: 0.0,
            instances,
            workers_per_pod: wpp,
            scalable,
        }
    }

    #[test]
    fn conformance_check() {
        assert!(conforms_to_k8s_naming("my-job1", 30));
        assert!(conforms_to_k8s_naming("a", 30));
        assert!(!conforms_to_k8s_naming("", 30));
        assert!(!conforms_to_k8s_naming("1job", 30));
        assert!(!conforms_to_k8s_naming("job-", 30));
        assert!(!conforms_to_k8s_naming("My-job", 30));
        assert!(!conforms_to_k8s_naming("my_job", 30));
        assert!(!conforms_to_k8s_naming(&"a".repeat(31), 30));
        assert!(conforms_to_k8s_naming(&"a".repeat(30), 30));
    }

    #[test]
    fn conversion_rules_in_order() {
        // underscores and dots become dashes, then lowercase
        assert_eq!(convert_to_k8s_format("My_Job.v2", 30), "my-job-v2");
        // other characters are deleted
        assert_eq!(convert_to_k8s_format("wörd count!", 30), "wrdcount");
        // a first char that is not a-z becomes 'a' (replaced, not prefixed)
        assert_eq!(convert_to_k8s_format("1job", 30), "ajob");
        assert_eq!(convert_to_k8s_format("_job", 30), "ajob");
        // a last '-' becomes 'z'
        assert_eq!(convert_to_k8s_format("job_", 30), "jobz");
        // only symbols: dashes survive and get fixed at both ends
        assert_eq!(convert_to_k8s_format("___", 30), "a-z");
        // truncation comes last
        assert_eq!(convert_to_k8s_format(&"B".repeat(40), 30), "b".repeat(30));
        // Kelvin sign lowercases to k, like Java's toLowerCase
        assert_eq!(convert_to_k8s_format("\u{212A}8s", 30), "k8s");
    }

    #[test]
    fn fix_trailing_dash_after_truncation() {
        // Java: "abcdefgh-xyz" truncated to 9 gives "abcdefgh-"
        assert_eq!(convert_to_k8s_format("abcdefgh_xyz", 9), "abcdefghz");
        let name = format!("{}_tail", "x".repeat(29));
        let converted = convert_job_name(&name).unwrap();
        assert_eq!(converted.converted, format!("{}z", "x".repeat(29)));
        assert!(!converted.converted.ends_with('-'));
    }

    #[test]
    fn fix_empty_job_name_is_an_error() {
        let err = convert_job_name("日本!!").unwrap_err();
        assert_eq!(err, JobIdError::EmptyJobName("日本!!".to_string()));
        assert!(err.to_string().contains("'日本!!'"));
        assert!(convert_job_name("").is_err());
        assert!(generate_job_id("!!!", Some("bob"), NOW).is_err());
    }

    #[test]
    fn conforming_names_are_unchanged_and_changes_are_reported() {
        let same = convert_job_name("wordcount").unwrap();
        assert!(!same.changed());
        let changed = convert_job_name("My_Job").unwrap();
        assert!(changed.changed());
        assert_eq!(changed.original, "My_Job");
        assert_eq!(changed.converted, "my-job");
    }

    #[test]
    fn timestamps_are_base36_from_2019() {
        assert_eq!(timestamp(TIMESTAMP_EPOCH_MS), "0");
        assert_eq!(timestamp(TIMESTAMP_EPOCH_MS + 35), "z");
        assert_eq!(timestamp(TIMESTAMP_EPOCH_MS + 36), "10");
        // 2025-01-01: 189_399_600_000 ms after the origin
        let ts = timestamp(NOW);
        assert_eq!(ts.len(), 8);
        assert_eq!(
            i64::from_str_radix(&ts, 36).unwrap(),
            NOW - TIMESTAMP_EPOCH_MS
        );
        // longer than 8 digits: keep the last 8
        let far = TIMESTAMP_EPOCH_MS + 36i64.pow(8) + 5;
        assert_eq!(timestamp(far), "00000005");
        // a clock before the origin does not produce '-'
        assert_eq!(timestamp(0), "0");
    }

    #[test]
    fn generated_ids() {
        let id = generate_job_id("My_Job", Some("Alice.Smith"), NOW).unwrap();
        let ts = timestamp(NOW);
        assert_eq!(id.id, format!("alice-smi-my-job-{ts}"));
        assert_eq!(id.user_name.as_ref().unwrap().converted, "alice-smi");
        assert_eq!(id.job_name.converted, "my-job");
        assert_eq!(id.timestamp, ts);
        assert!(validate_job_id(&id.id).is_ok());

        let no_user = generate_job_id("job", None, NOW).unwrap();
        assert_eq!(no_user.id, format!("job-{ts}"));
        let empty_user = generate_job_id("job", Some(""), NOW).unwrap();
        assert_eq!(empty_user.id, format!("job-{ts}"));
        assert!(empty_user.user_name.is_none());
        let unusable_user = generate_job_id("job", Some("日本"), NOW).unwrap();
        assert_eq!(unusable_user.id, format!("job-{ts}"));

        let longest = generate_job_id(&"j".repeat(60), Some(&"u".repeat(20)), NOW).unwrap();
        assert_eq!(longest.id.len(), MAX_JOB_ID_LEN);
        assert!(validate_job_id(&longest.id).is_ok());
    }

    #[test]
    fn explicit_job_id_validation_says_what_is_wrong() {
        assert!(validate_job_id("my-job-123").is_ok());
        let reason = |id: &str| match validate_job_id(id).unwrap_err() {
            JobIdError::InvalidJobId { reason, .. } => reason,
            other => panic!("{other:?}"),
        };
        assert!(reason("").contains("empty"));
        assert!(reason(&"a".repeat(50)).contains("50 characters"));
        assert!(reason("My-job").contains("'M' at position 1"));
        assert!(reason("My-job").contains("lowercase"));
        assert!(reason("my_job").contains("'_' at position 3"));
        assert!(reason("1job").contains("start with a letter"));
        assert!(reason("-job").contains("start with a letter"));
        assert!(reason("job-").contains("end with a letter or digit"));
        assert!(validate_job_id(&"a".repeat(49)).is_ok());
        assert!(
            validate_job_id("Bad")
                .unwrap_err()
                .to_string()
                .starts_with("job id 'Bad' is not valid")
        );
    }

    #[test]
    fn parse_back() {
        let id = generate_job_id("word-count", Some("bob"), NOW).unwrap();
        let parts = parse_job_id(&id.id).unwrap();
        assert_eq!(parts.prefix, "bob-word-count");
        assert_eq!(parts.timestamp, id.timestamp);
        assert_eq!(parts.submitted_at_ms, NOW);
        assert_eq!(parts.job_name(Some("bob")), Some("word-count"));
        assert_eq!(parts.job_name(Some("Bob")), Some("word-count"));
        assert_eq!(parts.job_name(Some("alice")), None);
        assert_eq!(parts.job_name(None), Some("bob-word-count"));
        assert_eq!(parse_job_id("nodash"), None);
        assert_eq!(parse_job_id("job-ABC"), None);
        assert_eq!(parse_job_id("job-123456789"), None);
        assert_eq!(parse_job_id("-abc"), None);
    }

    #[test]
    fn worker_ids_follow_twister2() {
        let resources = vec![cr(2, 3, false), cr(4, 1, false), cr(1, 2, true)];
        // resource 0: 6 workers (ids 0-5); resource 1: 4 workers (6-9); resource 2: 10, 11, …
        assert_eq!(worker_id(0, 0, 0, &resources), Some(0));
        assert_eq!(worker_id(0, 1, 2, &resources), Some(5));
        assert_eq!(worker_id(1, 0, 0, &resources), Some(6));
        assert_eq!(worker_id(1, 3, 0, &resources), Some(9));
        assert_eq!(worker_id(2, 0, 1, &resources), Some(11));
        // scalable last resource may have more pods than submitted
        assert_eq!(worker_id(2, 3, 0, &resources), Some(16));
        assert_eq!(worker_id(0, 2, 0, &resources), None);
        assert_eq!(worker_id(0, 0, 3, &resources), None);
        assert_eq!(worker_id(3, 0, 0, &resources), None);
    }

    #[test]
    fn worker_id_round_trip_and_names() {
        let resources = vec![cr(2, 3, false), cr(4, 1, false), cr(1, 2, false)];
        for id in 0..12 {
            let loc = locate_worker(id, &resources).unwrap();
            assert_eq!(
                worker_id(
                    loc.cr_index,
                    loc.pod_ordinal,
                    loc.container_index,
                    &resources
                ),
                Some(id)
            );
        }
        assert_eq!(locate_worker(12, &resources), None);
        let loc = locate_worker(7, &resources).unwrap();
        assert_eq!(loc.pod_name("bob-job-abc"), "bob-job-abc-1-1");
        assert_eq!(loc.container_name(), "twister2-container-0");
        let loc = locate_worker(4, &resources).unwrap();
        assert_eq!(
            (loc.cr_index, loc.pod_ordinal, loc.container_index),
            (0, 1, 1)
        );
        let scalable = vec![cr(1, 2, true)];
        let loc = locate_worker(7, &scalable).unwrap();
        assert_eq!((loc.pod_ordinal, loc.container_index), (3, 1));
        assert_eq!(job_master_pod_name("j-1"), "j-1-jm-0");
    }

    #[test]
    fn parse_pod_and_container_names() {
        assert_eq!(
            parse_worker_pod_name("a-job-x1", "a-job-x1-2-10"),
            Some((2, 10))
        );
        assert_eq!(parse_worker_pod_name("a-job-x1", "a-job-x1-jm-0"), None);
        assert_eq!(parse_worker_pod_name("a-job-x1", "b-job-x1-0-0"), None);
        assert_eq!(parse_worker_pod_name("a-job-x1", "a-job-x1-0"), None);
        assert_eq!(parse_worker_container_name("twister2-container-3"), Some(3));
        assert_eq!(parse_worker_container_name("twister2-job-master-0"), None);
        assert_eq!(parse_worker_container_name("twister2-container-"), None);
    }
}
