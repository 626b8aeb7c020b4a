//! Small helpers: timestamps in the server's formats, uids, random name suffixes, JSON accessors.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A pseudo-random u64 (not cryptographic; unique per call within a process).
pub fn random_u64() -> u64 {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    splitmix(t ^ splitmix(n) ^ (std::process::id() as u64) << 32)
}

/// A new UUID-v4-shaped uid.
pub fn new_uid() -> String {
    let a = random_u64();
    let b = random_u64();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        (a & 0xfff) as u16,
        ((b >> 48) as u16 & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

/// A `generateName` suffix: 5 characters from the alphabet the server uses.
pub fn random_suffix() -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut r = random_u64();
    (0..5)
        .map(|_| {
            let c = ALPHABET[(r % ALPHABET.len() as u64) as usize] as char;
            r /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

/// Now, as `2026-01-02T03:04:05Z` (metav1.Time, second precision).
pub fn now_rfc3339() -> String {
    format_rfc3339(jiff::Timestamp::now())
}

/// A timestamp as `2026-01-02T03:04:05Z`.
pub fn format_rfc3339(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A timestamp as RFC 3339 with nanoseconds, as kubelet prefixes log lines (`timestamps=true`).
pub fn format_rfc3339_nano(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S.%fZ").to_string()
}

/// Now, as metav1.MicroTime (`2026-01-02T03:04:05.123456Z`).
pub fn now_micro() -> String {
    let ts = jiff::Timestamp::now();
    let micros = ts.subsec_microsecond();
    format!("{}.{:06}Z", ts.strftime("%Y-%m-%dT%H:%M:%S"), micros)
}

/// `metadata.name` of an object, or "".
pub fn name_of(obj: &Value) -> &str {
    obj.pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// `metadata.namespace` of an object, or "".
pub fn namespace_of(obj: &Value) -> &str {
    obj.pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// `metadata.uid` of an object, or "".
pub fn uid_of(obj: &Value) -> &str {
    obj.pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// `metadata.resourceVersion` of an object, or "".
pub fn rv_of(obj: &Value) -> &str {
    obj.pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// Mutable `metadata` map of an object, created when missing. Returns `None` when `obj` is not an object.
pub fn meta_mut(obj: &mut Value) -> Option<&mut serde_json::Map<String, Value>> {
    let map = obj.as_object_mut()?;
    let meta = map
        .entry("metadata")
        .or_insert_with(|| Value::Object(Default::default()));
    if !meta.is_object() {
        *meta = Value::Object(Default::default());
    }
    meta.as_object_mut()
}

/// Mutable object at `obj[key]`, created (as `{}`) when missing or not an object.
pub fn child_obj<'a>(
    obj: &'a mut Value,
    key: &str,
) -> Option<&'a mut serde_json::Map<String, Value>> {
    let map = obj.as_object_mut()?;
    let child = map
        .entry(key)
        .or_insert_with(|| Value::Object(Default::default()));
    if !child.is_object() {
        *child = Value::Object(Default::default());
    }
    child.as_object_mut()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_and_suffix_shapes() {
        let u = new_uid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_ne!(new_uid(), new_uid());
        let s = random_suffix();
        assert_eq!(s.len(), 5);
        let now = now_rfc3339();
        assert!(now.ends_with('Z') && now.len() == 20, "{now}");
        let nano = format_rfc3339_nano(jiff::Timestamp::now());
        assert!(nano.ends_with('Z') && nano.contains('.'), "{nano}");
    }
}
