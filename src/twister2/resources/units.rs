//! One resource field (cpu, memory, disk) from a Kubernetes quantity into Twister2 units.

use super::quantity::{Quantity, QuantityError};

/// Smallest CPU amount the Java client can express (it writes cpu with two decimals).
pub const MIN_CPU: f64 = 0.01;
/// Smallest non-zero volatile disk, GiB (written as `%.2fGi`).
pub const MIN_DISK_GB: f64 = 0.01;
const MIB: u32 = 20;
const GIB_BYTES: f64 = 1_073_741_824.0;

/// A value that is not acceptable for a resource field; the message names the field and value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ResourceError {
    /// The value is not a Kubernetes quantity at all.
    #[error("{field} '{value}' is not a valid quantity: {reason}")]
    Quantity {
        /// `cpu`, `memory`, `disk`, …
        field: String,
        /// The text given.
        value: String,
        /// What is wrong with it.
        reason: QuantityError,
    },
    /// The value parses but is not acceptable (negative, zero, too small, too large).
    #[error("{field} '{value}' {reason}")]
    Value {
        /// `cpu`, `memory`, `instances`, …
        field: String,
        /// The text given.
        value: String,
        /// What is wrong with it, as the rest of a sentence.
        reason: String,
    },
    /// A `--compute-resource` field that does not exist.
    #[error(
        "unknown field '{field}' in compute resource '{spec}' (known: cpu, memory, disk, instances, workers-per-pod, scalable)"
    )]
    UnknownField {
        /// The unknown field name.
        field: String,
        /// The whole `--compute-resource` value.
        spec: String,
    },
    /// A field given twice.
    #[error("field '{field}' is given twice in compute resource '{spec}'")]
    DuplicateField {
        /// The repeated field name.
        field: String,
        /// The whole `--compute-resource` value.
        spec: String,
    },
    /// A required field is missing.
    #[error("compute resource '{spec}' has no {field}=N")]
    MissingField {
        /// The missing field name.
        field: String,
        /// The whole `--compute-resource` value.
        spec: String,
    },
    /// An empty item or one without `=` where a value is required.
    #[error("compute resource '{spec}': {reason}")]
    Syntax {
        /// The whole `--compute-resource` value.
        spec: String,
        /// What is wrong.
        reason: String,
    },
}

pub(super) fn value_error(field: &str, value: &str, reason: impl Into<String>) -> ResourceError {
    ResourceError::Value {
        field: field.to_string(),
        value: value.to_string(),
        reason: reason.into(),
    }
}

fn quantity(field: &str, text: &str) -> Result<Quantity, ResourceError> {
    let q = Quantity::parse(text).map_err(|reason| ResourceError::Quantity {
        field: field.to_string(),
        value: text.to_string(),
        reason,
    })?;
    if q.is_negative() {
        return Err(value_error(field, text, "must not be negative"));
    }
    Ok(q)
}

/// Parses a CPU amount (`500m`, `0.5`, `2`, `1e1`) into cores.
/// Zero and amounts below [`MIN_CPU`] are refused: the Java format would render them `0.00`.
pub fn parse_cpu(text: &str) -> Result<f64, ResourceError> {
    let q = quantity("cpu", text)?;
    if q.is_zero() {
        return Err(value_error("cpu", text, "must be more than zero"));
    }
    let cores = q.to_f64();
    if !cores.is_finite() {
        return Err(value_error("cpu", text, "is out of range"));
    }
    if cores < MIN_CPU {
        return Err(value_error(
            "cpu",
            text,
            "is below 0.01 cores (10m), the smallest amount Twister2 can express",
        ));
    }
    Ok(cores)
}

/// Parses a memory amount (`2Gi`, `1024Mi`, `1G`) into whole MiB, rounding up.
/// A number without unit is bytes, as in Kubernetes; amounts under 1 MiB are refused with a hint.
pub fn parse_memory_mib(text: &str) -> Result<u32, ResourceError> {
    let q = quantity("memory", text)?;
    if q.is_zero() {
        return Err(value_error("memory", text, "must be more than zero"));
    }
    if q.ceil_div_pow2(0).is_some_and(|bytes| bytes < 1 << MIB) {
        let hint = if text.trim().bytes().all(|b| b.is_ascii_digit()) {
            format!(
                "is less than 1Mi (a number without unit is bytes, as in Kubernetes; did you mean {}Mi?)",
                text.trim()
            )
        } else {
            "is less than 1Mi".to_string()
        };
        return Err(value_error("memory", text, hint));
    }
    match q.ceil_div_pow2(MIB) {
        Some(mib) if mib <= i32::MAX as u128 => Ok(mib as u32),
        _ => Err(value_error(
            "memory",
            text,
            "is too large (Twister2 stores memory as a 32-bit count of MiB)",
        )),
    }
}

/// Parses a volatile disk amount (`1Gi`, `500Mi`, `0`) into GiB. Zero means no volatile disk;
/// non-zero amounts below [`MIN_DISK_GB`] are refused (the Java format would render `0.00Gi`).
pub fn parse_disk_gib(text: &str) -> Result<f64, ResourceError> {
    let q = quantity("disk", text)?;
    if q.is_zero() {
        return Ok(0.0);
    }
    let gib = q.to_f64() / GIB_BYTES;
    if !gib.is_finite() {
        return Err(value_error("disk", text, "is out of range"));
    }
    if gib < MIN_DISK_GB {
        let unitless = text.trim().bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let hint = if unitless {
            format!(
                "is below 0.01Gi (a number without unit is bytes, as in Kubernetes; did you mean {}Gi?); use 0 for no volatile disk",
                text.trim()
            )
        } else {
            "is below 0.01Gi; use 0 for no volatile disk".to_string()
        };
        return Err(value_error("disk", text, hint));
    }
    Ok(gib)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_quantities() {
        assert_eq!(parse_cpu("500m").unwrap(), 0.5);
        assert_eq!(parse_cpu("0.5").unwrap(), 0.5);
        assert_eq!(parse_cpu("2").unwrap(), 2.0);
        assert_eq!(parse_cpu("1e3").unwrap(), 1000.0);
        assert_eq!(parse_cpu("1E1").unwrap(), 10.0);
        assert_eq!(parse_cpu("+1.").unwrap(), 1.0);
        assert_eq!(parse_cpu(".25").unwrap(), 0.25);
        assert_eq!(parse_cpu("10m").unwrap(), 0.01);
        assert_eq!(parse_cpu("1k").unwrap(), 1000.0);
    }

    #[test]
    fn cpu_rejections_name_the_value() {
        let e = parse_cpu("-1").unwrap_err().to_string();
        assert!(e.contains("cpu '-1'") && e.contains("negative"), "{e}");
        let e = parse_cpu("1.5.3").unwrap_err().to_string();
        assert!(e.contains("'1.5.3'") && e.contains("not a number"), "{e}");
        let e = parse_cpu("10Xi").unwrap_err().to_string();
        assert!(
            e.contains("'10Xi'") && e.contains("unknown unit 'Xi'"),
            "{e}"
        );
        let e = parse_cpu("0").unwrap_err().to_string();
        assert!(e.contains("more than zero"), "{e}");
        let e = parse_cpu("1m").unwrap_err().to_string();
        assert!(e.contains("below 0.01"), "{e}");
        assert!(parse_cpu("").is_err());
        assert!(parse_cpu("abc").is_err());
        assert!(parse_cpu(".").is_err());
        assert!(parse_cpu("1e").is_err());
        assert!(parse_cpu("1e+").is_err());
        assert!(parse_cpu("1e999").is_err());
        assert!(parse_cpu("nan").is_err());
        assert!(parse_cpu("inf").is_err());
        assert!(parse_cpu("1 m").is_err());
    }

    #[test]
    fn memory_quantities_in_mib() {
        assert_eq!(parse_memory_mib("2Gi").unwrap(), 2048);
        assert_eq!(parse_memory_mib("1024Mi").unwrap(), 1024);
        assert_eq!(parse_memory_mib("0.5Gi").unwrap(), 512);
        assert_eq!(parse_memory_mib("1048576Ki").unwrap(), 1024);
        // 1G = 10^9 bytes = 953.67 MiB, rounded up
        assert_eq!(parse_memory_mib("1G").unwrap(), 954);
        assert_eq!(parse_memory_mib("1e9").unwrap(), 954);
        assert_eq!(parse_memory_mib("2097152").unwrap(), 2);
        assert_eq!(parse_memory_mib("0.1Gi").unwrap(), 103);
        // exact arithmetic: no float noise pushes an exact MiB count up
        assert_eq!(parse_memory_mib("0.001953125Gi").unwrap(), 2);
    }

    #[test]
    fn memory_rejections() {
        let e = parse_memory_mib("2048").unwrap_err().to_string();
        assert!(e.contains("did you mean 2048Mi?"), "{e}");
        let e = parse_memory_mib("-1Gi").unwrap_err().to_string();
        assert!(e.contains("memory '-1Gi'") && e.contains("negative"), "{e}");
        assert!(parse_memory_mib("0").is_err());
        assert!(parse_memory_mib("10Xi").is_err());
        let e = parse_memory_mib("4Ei").unwrap_err().to_string();
        assert!(e.contains("too large"), "{e}");
    }

    #[test]
    fn disk_quantities_in_gib() {
        assert_eq!(parse_disk_gib("1Gi").unwrap(), 1.0);
        assert_eq!(parse_disk_gib("512Mi").unwrap(), 0.5);
        assert_eq!(parse_disk_gib("0").unwrap(), 0.0);
        assert!((parse_disk_gib("1G").unwrap() - 0.931_322_574_615_478_5).abs() < 1e-12);
        let e = parse_disk_gib("1").unwrap_err().to_string();
        assert!(e.contains("did you mean 1Gi?"), "{e}");
        assert!(parse_disk_gib("-1Gi").is_err());
        assert!(parse_disk_gib("1Mi").is_err());
    }
}
