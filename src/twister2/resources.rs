//! Compute resources of a job: Kubernetes quantities in, Twister2 units and Java's strings out.
//!
//! Parses `--compute-resource`/`--cpu`/`--memory` in Kubernetes quantity syntax, renders what
//! the Java client renders (`0.50`, `1024Mi`, `2.00Gi`, `4.0Gi`) and checks a job's resources.

use std::fmt;

/// One compute resource: `instances` pods, each running `workers_per_pod` workers, each worker
/// with `cpu` cores, `ram_mb` MiB and `disk_gb` GiB of volatile disk.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputeResource {
    /// Position in the job (0-based); the worker StatefulSet is `<jobID>-<index>`.
    pub index: u32,
    /// CPU cores per worker.
    pub cpu: f64,
    /// Memory per worker, MiB (Twister2's `ram`, megabytes).
    pub ram_mb: u32,
    /// Volatile disk per worker, GiB (Twister2's `disk`); 0 means no volatile volume.
    pub disk_gb: f64,
    /// Number of pods.
    pub instances: u32,
    /// Workers (containers) per pod.
    pub workers_per_pod: u32,
    /// Whether the job master may scale this resource (only the last one may be).
    pub scalable: bool,
}

impl ComputeResource {
    /// Number of workers this resource contributes: instances × workers per pod (saturating, so
    /// absurd inputs cannot overflow; [`validate_job_resources`] rejects them).
    pub fn workers(&self) -> u32 {
        self.instances.saturating_mul(self.workers_per_pod)
    }

    /// The per-worker CPU request as the Java client writes it: `%.2f` (`0.50`).
    pub fn cpu_quantity(&self) -> String {
        format_cpu(self.cpu)
    }

    /// The per-worker memory request as the Java client writes it: `<ram>Mi`.
    pub fn memory_quantity(&self) -> String {
        format_memory_mib(u64::from(self.ram_mb))
    }

    /// `sizeLimit` of the pod's `twister2-volatile-dir` emptyDir (disk × workers per pod, `%.2fGi`),
    /// or `None` when the resource asks for no volatile disk.
    pub fn volatile_size_limit(&self) -> Option<String> {
        (self.disk_gb > 0.0).then(|| format_volatile_size_limit(self.disk_gb, self.workers_per_pod))
    }

    /// Whether `cpu` is a whole number of cores (required by `kubernetes.bind.worker.to.cpu`).
    pub fn has_integer_cpu(&self) -> bool {
        self.cpu.fract() == 0.0
    }
}

// ---------------------------------------------------------------------------------------------
// Kubernetes quantities
// ---------------------------------------------------------------------------------------------

/// Most significant digits a quantity may have (Kubernetes itself keeps far fewer).
const MAX_DIGITS: usize = 30;
/// Largest decimal exponent accepted (`1e40` is already absurd for any resource).
const MAX_EXPONENT: i32 = 40;

/// A Kubernetes quantity (`500m`, `0.5`, `2Gi`, `1e3`, …) held exactly:
/// value = ± mantissa × 10^exp10 × 2^exp2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    negative: bool,
    mantissa: u128,
    exp10: i32,
    exp2: u32,
}

/// Why a text is not a Kubernetes quantity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    /// Nothing was given.
    #[error("it is empty")]
    Empty,
    /// The number part is malformed (`1.5.3`, `abc`, `.`).
    #[error("'{0}' is not a number (expected digits with at most one '.', e.g. 0.5 or 2)")]
    BadNumber(String),
    /// The unit after the number is not one Kubernetes knows (`10Xi`).
    #[error(
        "unknown unit '{0}' (use Ki, Mi, Gi, Ti, Pi, Ei, n, u, m, k, M, G, T, P, E or an exponent like e3)"
    )]
    BadSuffix(String),
    /// Too many digits or an exponent out of range.
    #[error("it is out of range")]
    OutOfRange,
}

impl Quantity {
    /// Parses Kubernetes quantity syntax: an optionally signed decimal number followed by a
    /// binary-SI suffix (`Ki`…`Ei`), a decimal-SI suffix (`n`, `u`, `m`, `k`, `M`, `G`, `T`, `P`,
    /// `E`) or a decimal exponent (`e3`, `E-2`), or nothing.
    pub fn parse(text: &str) -> Result<Quantity, QuantityError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(QuantityError::Empty);
        }
        let (negative, rest) = match text.as_bytes()[0] {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, suffix) = rest.split_at(number_len);
        let (mantissa, mut exp10) = parse_decimal(number)?;
        let exp2 = match suffix {
            "Ki" => 10,
            "Mi" => 20,
            "Gi" => 30,
            "Ti" => 40,
            "Pi" => 50,
            "Ei" => 60,
            _ => {
                exp10 = exp10
                    .checked_add(decimal_suffix_exponent(suffix)?)
                    .ok_or(QuantityError::OutOfRange)?;
                0
            }
        };
        if exp10.abs() > MAX_EXPONENT + MAX_DIGITS as i32 {
            return Err(QuantityError::OutOfRange);
        }
        Ok(Quantity {
            negative: negative && mantissa != 0,
            mantissa,
            exp10,
            exp2,
        })
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// Whether the value is exactly zero.
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// The value as the nearest `f64` (decimal part correctly rounded, then scaled by 2^exp2).
    pub fn to_f64(&self) -> f64 {
        let decimal: f64 = format!("{}e{}", self.mantissa, self.exp10)
            .parse()
            .unwrap_or(f64::INFINITY);
        let value = decimal * 2f64.powi(self.exp2 as i32);
        if self.negative { -value } else { value }
    }

    /// ⌈|value| / 2^shift⌉ computed exactly, or `None` when it does not fit in 128 bits.
    fn ceil_div_pow2(&self, shift: u32) -> Option<u128> {
        let (numerator, denominator) = if self.exp10 >= 0 {
            let n = self
                .mantissa
                .checked_mul(10u128.checked_pow(self.exp10.unsigned_abs())?)?;
            (n, 1u128)
        } else {
            (
                self.mantissa,
                10u128.checked_pow(self.exp10.unsigned_abs())?,
            )
        };
        // value / 2^shift = numerator × 2^exp2 / (denominator × 2^shift)
        let (numerator, denominator) = if self.exp2 >= shift {
            (
                numerator.checked_mul(1u128.checked_shl(self.exp2 - shift)?)?,
                denominator,
            )
        } else {
            (
                numerator,
                denominator.checked_mul(1u128.checked_shl(shift - self.exp2)?)?,
            )
        };
        Some(numerator.div_ceil(denominator))
    }
}

/// `digits[.digits]` → (mantissa, decimal exponent), exactly; leading zeros and trailing
/// fractional zeros are dropped so long spellings of small numbers still fit.
fn parse_decimal(number: &str) -> Result<(u128, i32), QuantityError> {
    let bad = || QuantityError::BadNumber(number.to_string());
    let (int_part, frac_part) = match number.split_once('.') {
        Some((i, f)) => (i, f),
        None => (number, ""),
    };
    if frac_part.contains('.') || (int_part.is_empty() && frac_part.is_empty()) {
        return Err(bad());
    }
    let frac_part = frac_part.trim_end_matches('0');
    let digits: String = format!("{int_part}{frac_part}");
    let digits = digits.trim_start_matches('0');
    if digits.len() > MAX_DIGITS {
        return Err(QuantityError::OutOfRange);
    }
    let mantissa = if digits.is_empty() {
        0
    } else {
        digits.parse::<u128>().map_err(|_| bad())?
    };
    Ok((mantissa, -(frac_part.len() as i32)))
}

/// Decimal exponent of a decimal-SI suffix or an `e<n>`/`E<n>` exponent.
fn decimal_suffix_exponent(suffix: &str) -> Result<i32, QuantityError> {
    let bad = || QuantityError::BadSuffix(suffix.to_string());
    Ok(match suffix {
        "" => 0,
        "n" => -9,
        "u" => -6,
        "m" => -3,
        "k" => 3,
        "M" => 6,
        "G" => 9,
        "T" => 12,
        "P" => 15,
        "E" => 18,
        _ => {
            let exponent = suffix
                .strip_prefix('e')
                .or_else(|| suffix.strip_prefix('E'))
                .ok_or_else(bad)?;
            let digits = exponent
                .strip_prefix('-')
                .or_else(|| exponent.strip_prefix('+'))
                .unwrap_or(exponent);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let value: i32 = exponent.parse().map_err(|_| QuantityError::OutOfRange)?;
            if value.abs() > MAX_EXPONENT {
                return Err(QuantityError::OutOfRange);
            }
            value
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Per-field parsing into Twister2 units
// ---------------------------------------------------------------------------------------------

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

fn value_error(field: &str, value: &str, reason: impl Into<String>) -> ResourceError {
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

fn parse_count(field: &str, text: &str) -> Result<u32, ResourceError> {
    let trimmed = text.trim();
    if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(value_error(field, text, "is not a whole number"));
    }
    let n: u64 = trimmed
        .parse()
        .map_err(|_| value_error(field, text, "is too large"))?;
    if n == 0 {
        return Err(value_error(field, text, "must be at least 1"));
    }
    if n > i32::MAX as u64 {
        return Err(value_error(field, text, "is too large"));
    }
    Ok(n as u32)
}

/// Per-worker values used when a `--compute-resource` leaves a field out (from `--cpu`,
/// `--memory` and the plugin's defaults).
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceDefaults {
    /// Cores per worker.
    pub cpu: f64,
    /// MiB per worker.
    pub ram_mb: u32,
    /// Volatile disk GiB per worker.
    pub disk_gb: f64,
}

impl Default for ResourceDefaults {
    /// One core, 1024 MiB and no volatile disk per worker.
    fn default() -> Self {
        ResourceDefaults {
            cpu: 1.0,
            ram_mb: 1024,
            disk_gb: 0.0,
        }
    }
}

/// Parses one `--compute-resource` value:
/// `cpu=1,memory=2Gi,disk=1Gi,instances=4,workers-per-pod=2[,scalable]`.
///
/// `instances` is required; `cpu`, `memory` and `disk` default to `defaults`; `workers-per-pod`
/// defaults to 1; `scalable` may be written bare or as `scalable=true|false`. Unknown and repeated
/// fields are errors. `index` is the resource's position in the job.
pub fn parse_compute_resource(
    spec: &str,
    index: u32,
    defaults: &ResourceDefaults,
) -> Result<ComputeResource, ResourceError> {
    let mut resource = ComputeResource {
        index,
        cpu: defaults.cpu,
        ram_mb: defaults.ram_mb,
        disk_gb: defaults.disk_gb,
        instances: 0,
        workers_per_pod: 1,
        scalable: false,
    };
    let mut seen: Vec<&str> = Vec::new();
    for item in spec.split(',') {
        let item = item.trim();
        if item.is_empty() {
            return Err(ResourceError::Syntax {
                spec: spec.to_string(),
                reason: "empty field (two commas in a row, or a trailing comma)".to_string(),
            });
        }
        let (field, value) = match item.split_once('=') {
            Some((f, v)) => (f.trim(), Some(v.trim())),
            None => (item, None),
        };
        if seen.contains(&field) {
            return Err(ResourceError::DuplicateField {
                field: field.to_string(),
                spec: spec.to_string(),
            });
        }
        let needs_value = || {
            value.ok_or_else(|| ResourceError::Syntax {
                spec: spec.to_string(),
                reason: format!("field '{field}' needs a value ({field}=…)"),
            })
        };
        match field {
            "cpu" => resource.cpu = parse_cpu(needs_value()?)?,
            "memory" => resource.ram_mb = parse_memory_mib(needs_value()?)?,
            "disk" => resource.disk_gb = parse_disk_gib(needs_value()?)?,
            "instances" => resource.instances = parse_count("instances", needs_value()?)?,
            "workers-per-pod" => {
                resource.workers_per_pod = parse_count("workers-per-pod", needs_value()?)?
            }
            "scalable" => {
                resource.scalable = match value.map(str::to_ascii_lowercase).as_deref() {
                    None | Some("true") => true,
                    Some("false") => false,
                    Some(_) => {
                        return Err(value_error(
                            "scalable",
                            value.unwrap_or_default(),
                            "must be true or false (or just 'scalable')",
                        ));
                    }
                }
            }
            _ => {
                return Err(ResourceError::UnknownField {
                    field: field.to_string(),
                    spec: spec.to_string(),
                });
            }
        }
        seen.push(field);
    }
    if !seen.contains(&"instances") {
        return Err(ResourceError::MissingField {
            field: "instances".to_string(),
            spec: spec.to_string(),
        });
    }
    Ok(resource)
}

// ---------------------------------------------------------------------------------------------
// Formatting exactly as the Java client
// ---------------------------------------------------------------------------------------------

/// Shortest round-trip decimal digits of a finite, non-negative `v` and the position of the
/// decimal point relative to the first digit (`12.25` → ("1225", 2); `0.005` → ("5", -2)).
fn shortest_digits(v: f64) -> (String, i32) {
    let sci = format!("{:e}", v.abs());
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i32 = exponent.parse().unwrap_or(0);
    (digits, exponent + 1)
}

/// Java's `String.format("%.Nf", v)` with a dot separator: Java rounds HALF_UP on the shortest
/// decimal representation of the double, so `0.125` → `0.13` and `1.005` → `1.01` (Rust's own
/// `{:.2}` would give `0.12`/`1.00`, so it cannot be used).
pub fn java_format_fixed(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let (digits, point) = shortest_digits(v);
    // All digits of the value as an integer scaled by 10^decimals, plus the first dropped digit.
    let mut kept: Vec<u8> = Vec::new();
    let integer_len = point.max(0) as usize;
    let total = integer_len + decimals;
    let digit_at = |i: i64| -> u8 {
        // i is the position relative to the first significant digit
        if i < 0 || i as usize >= digits.len() {
            0
        } else {
            digits.as_bytes()[i as usize] - b'0'
        }
    };
    let first_pos = i64::from(point) - integer_len as i64; // position of the first kept digit
    for k in 0..total {
        kept.push(digit_at(first_pos + k as i64));
    }
    let round_up = digit_at(first_pos + total as i64) >= 5;
    if round_up {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, 1);
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    let split = kept.len() - decimals;
    let mut int_digits: String = kept[..split].iter().map(|d| char::from(b'0' + d)).collect();
    if int_digits.is_empty() {
        int_digits.push('0');
    }
    let frac_digits: String = kept[split..].iter().map(|d| char::from(b'0' + d)).collect();
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{int_digits}")
    } else {
        format!("{sign}{int_digits}.{frac_digits}")
    }
}

/// Java's `Double.toString(v)`: plain decimal with at least one fractional digit for
/// 10⁻³ ≤ |v| < 10⁷ (`4.0`, `0.5`, `12.25`), otherwise computerized scientific notation
/// (`1.0E7`, `1.5E-4`).
pub fn java_double_to_string(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v == 0.0 {
        return format!("{sign}0.0");
    }
    let (digits, point) = shortest_digits(v);
    let magnitude = v.abs();
    if (1e-3..1e7).contains(&magnitude) {
        let (int_part, frac_part) = if point <= 0 {
            (
                "0".to_string(),
                format!("{}{}", "0".repeat(point.unsigned_abs() as usize), digits),
            )
        } else if point as usize >= digits.len() {
            (
                format!("{digits}{}", "0".repeat(point as usize - digits.len())),
                String::new(),
            )
        } else {
            let (i, f) = digits.split_at(point as usize);
            (i.to_string(), f.to_string())
        };
        let frac_part = if frac_part.is_empty() {
            "0".to_string()
        } else {
            frac_part
        };
        format!("{sign}{int_part}.{frac_part}")
    } else {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        format!("{sign}{first}.{rest}E{}", point - 1)
    }
}

/// CPU request of a worker container: `%.2f` (`0.50`, `2.00`).
pub fn format_cpu(cpu: f64) -> String {
    java_format_fixed(cpu, 2)
}

/// A memory request in MiB: `<n>Mi`.
pub fn format_memory_mib(mib: u64) -> String {
    format!("{mib}Mi")
}

/// An emptyDir `sizeLimit` in GiB: `%.2fGi` (`2.00Gi`).
pub fn format_gib_fixed(gib: f64) -> String {
    format!("{}Gi", java_format_fixed(gib, 2))
}

/// `sizeLimit` of a worker pod's volatile emptyDir: disk × workers per pod as `%.2fGi`, with the
/// multiplication done in double precision like the Java client.
pub fn format_volatile_size_limit(disk_gb: f64, workers_per_pod: u32) -> String {
    format_gib_fixed(disk_gb * f64::from(workers_per_pod))
}

/// A PVC storage request: Java's `Double.toString` + `Gi` (`4.0Gi`, `0.5Gi`, `12.25Gi`).
pub fn format_pvc_size(gib: f64) -> String {
    format!("{}Gi", java_double_to_string(gib))
}

/// The job's PVC storage request as the Java client computes it: per-worker size × number of
/// workers, plus the job master's size unless the job master runs in the client (`None`).
pub fn pvc_request(
    per_worker_gb: f64,
    number_of_workers: u32,
    job_master_gb: Option<f64>,
) -> String {
    let mut size = per_worker_gb * f64::from(number_of_workers);
    if let Some(jm) = job_master_gb {
        size += jm;
    }
    format_pvc_size(size)
}

/// The job master's CPU request: a plain decimal like Java's `Double.toString` (`0.2`, `1.0`).
pub fn format_job_master_cpu(cpu: f64) -> String {
    java_double_to_string(cpu)
}

// ---------------------------------------------------------------------------------------------
// Checks across a job's resources
// ---------------------------------------------------------------------------------------------

/// Job-wide settings that constrain the compute resources.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobResourceRules {
    /// The job uses OpenMPI (the MPI channel class).
    pub openmpi: bool,
    /// `kubernetes.bind.worker.to.cpu: true`.
    pub bind_worker_to_cpu: bool,
    /// A NodePort service is requested for the workers.
    pub node_port: bool,
}

/// One thing wrong with a job's compute resources.
#[derive(Debug, Clone, PartialEq)]
pub enum ResourceProblem {
    /// The job has no compute resource.
    NoResources,
    /// A resource's `index` is not its position.
    IndexMismatch {
        /// Position in the list.
        position: usize,
        /// The index it carries.
        index: u32,
    },
    /// A resource other than the last is scalable.
    ScalableNotLast {
        /// Index of the offending resource.
        index: u32,
    },
    /// `instances` is zero.
    ZeroInstances {
        /// Index of the offending resource.
        index: u32,
    },
    /// `workers-per-pod` is zero.
    ZeroWorkersPerPod {
        /// Index of the offending resource.
        index: u32,
    },
    /// CPU is zero, negative or not a number.
    BadCpu {
        /// Index of the offending resource.
        index: u32,
        /// The value.
        cpu: f64,
    },
    /// Memory is zero or beyond Twister2's 32-bit field.
    BadMemory {
        /// Index of the offending resource.
        index: u32,
        /// The value, MiB.
        ram_mb: u32,
    },
    /// Disk is negative or not a number.
    BadDisk {
        /// Index of the offending resource.
        index: u32,
        /// The value, GiB.
        disk_gb: f64,
    },
    /// OpenMPI jobs need the same workers per pod everywhere.
    OpenMpiWorkersPerPodDiffer {
        /// Index of the offending resource.
        index: u32,
        /// Its workers per pod.
        workers_per_pod: u32,
        /// Workers per pod of resource 0.
        first: u32,
    },
    /// OpenMPI jobs cannot be scaled.
    OpenMpiScalable {
        /// Index of the offending resource.
        index: u32,
    },
    /// `kubernetes.bind.worker.to.cpu` needs whole cores.
    FractionalCpuWithBinding {
        /// Index of the offending resource.
        index: u32,
        /// The value.
        cpu: f64,
    },
    /// A NodePort service needs one worker per pod.
    NodePortWorkersPerPod {
        /// Index of the offending resource.
        index: u32,
        /// Its workers per pod.
        workers_per_pod: u32,
    },
    /// instances × workers per pod summed over the job exceeds Twister2's 32-bit worker count.
    TooManyWorkers,
}

impl fmt::Display for ResourceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResourceProblem::NoResources => write!(f, "the job has no compute resource"),
            ResourceProblem::IndexMismatch { position, index } => write!(
                f,
                "compute resource at position {position} has index {index}; indexes must be 0, 1, 2, … in order"
            ),
            ResourceProblem::ScalableNotLast { index } => write!(
                f,
                "compute resource {index} is scalable, but only the last compute resource may be"
            ),
            ResourceProblem::ZeroInstances { index } => {
                write!(f, "compute resource {index}: instances must be at least 1")
            }
            ResourceProblem::ZeroWorkersPerPod { index } => {
                write!(
                    f,
                    "compute resource {index}: workers-per-pod must be at least 1"
                )
            }
            ResourceProblem::BadCpu { index, cpu } => {
                write!(
                    f,
                    "compute resource {index}: cpu {cpu} must be more than zero"
                )
            }
            ResourceProblem::BadMemory { index, ram_mb } => write!(
                f,
                "compute resource {index}: memory {ram_mb}Mi must be between 1Mi and {}Mi",
                i32::MAX
            ),
            ResourceProblem::BadDisk { index, disk_gb } => write!(
                f,
                "compute resource {index}: disk {disk_gb} must be zero or more"
            ),
            ResourceProblem::OpenMpiWorkersPerPodDiffer {
                index,
                workers_per_pod,
                first,
            } => write!(
                f,
                "compute resource {index} has workers-per-pod {workers_per_pod}, but OpenMPI jobs need the same workers-per-pod in every compute resource (resource 0 has {first})"
            ),
            ResourceProblem::OpenMpiScalable { index } => write!(
                f,
                "compute resource {index} is scalable, but OpenMPI jobs cannot be scaled"
            ),
            ResourceProblem::FractionalCpuWithBinding { index, cpu } => write!(
                f,
                "compute resource {index} has cpu {cpu}, but kubernetes.bind.worker.to.cpu needs whole cores"
            ),
            ResourceProblem::NodePortWorkersPerPod {
                index,
                workers_per_pod,
            } => write!(
                f,
                "compute resource {index} has workers-per-pod {workers_per_pod}, but a NodePort service needs workers-per-pod 1 in every compute resource"
            ),
            ResourceProblem::TooManyWorkers => write!(
                f,
                "the job has more than {} workers in total, more than Twister2 can count",
                i32::MAX
            ),
        }
    }
}

/// Every problem found in a job's compute resources.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ResourceProblems(pub Vec<ResourceProblem>);

/// Checks a job's compute resources together, returning every problem at once: indexes in
/// order, only the last may be scalable, positive instances/cpu/memory, workers-per-pod ≥ 1,
/// OpenMPI ⇒ same workers-per-pod everywhere and not scalable, bind-to-cpu ⇒ whole cores,
/// NodePort ⇒ workers-per-pod 1, and a total worker count that fits Twister2's `int32`.
pub fn validate_job_resources(
    resources: &[ComputeResource],
    rules: &JobResourceRules,
) -> Result<(), ResourceProblems> {
    let mut problems = Vec::new();
    if resources.is_empty() {
        problems.push(ResourceProblem::NoResources);
    }
    let last = resources.len().saturating_sub(1);
    let mut total: u64 = 0;
    for (position, r) in resources.iter().enumerate() {
        let index = r.index;
        if index as usize != position {
            problems.push(ResourceProblem::IndexMismatch { position, index });
        }
        if r.scalable && position != last {
            problems.push(ResourceProblem::ScalableNotLast { index });
        }
        if r.instances == 0 {
            problems.push(ResourceProblem::ZeroInstances { index });
        }
        if r.workers_per_pod == 0 {
            problems.push(ResourceProblem::ZeroWorkersPerPod { index });
        }
        if r.cpu.is_nan() || r.cpu <= 0.0 || r.cpu.is_infinite() {
            problems.push(ResourceProblem::BadCpu { index, cpu: r.cpu });
        }
        if r.ram_mb == 0 || r.ram_mb > i32::MAX as u32 {
            problems.push(ResourceProblem::BadMemory {
                index,
                ram_mb: r.ram_mb,
            });
        }
        if r.disk_gb.is_nan() || r.disk_gb < 0.0 || r.disk_gb.is_infinite() {
            problems.push(ResourceProblem::BadDisk {
                index,
                disk_gb: r.disk_gb,
            });
        }
        if rules.openmpi {
            let first = resources[0].workers_per_pod;
            if r.workers_per_pod != first {
                problems.push(ResourceProblem::OpenMpiWorkersPerPodDiffer {
                    index,
                    workers_per_pod: r.workers_per_pod,
                    first,
                });
            }
            if r.scalable {
                problems.push(ResourceProblem::OpenMpiScalable { index });
            }
        }
        if rules.bind_worker_to_cpu && r.cpu.is_finite() && !r.has_integer_cpu() {
            problems.push(ResourceProblem::FractionalCpuWithBinding { index, cpu: r.cpu });
        }
        if rules.node_port && r.workers_per_pod != 1 {
            problems.push(ResourceProblem::NodePortWorkersPerPod {
                index,
                workers_per_pod: r.workers_per_pod,
            });
        }
        total += u64::from(r.instances) * u64::from(r.workers_per_pod);
    }
    if total > i32::MAX as u64 {
        problems.push(ResourceProblem::TooManyWorkers);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ResourceProblems(problems))
    }
}

/// Total number of workers of a job (Σ instances × workers per pod), as Twister2's `int32`, or
/// `None` if it does not fit.
pub fn number_of_workers(resources: &[ComputeResource]) -> Option<i32> {
    let total: u64 = resources
        .iter()
        .map(|r| u64::from(r.instances) * u64::from(r.workers_per_pod))
        .sum();
    i32::try_from(total).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cr(index: u32, cpu: f64, wpp: u32, instances: u32, scalable: bool) -> ComputeResource {
        ComputeResource {
            index,
            cpu,
            ram_mb: 1024,
            disk_gb: 1.0,
            instances,
            workers_per_pod: wpp,
            scalable,
        }
    }

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

    #[test]
    fn compute_resource_spec() {
        let d = ResourceDefaults::default();
        let r = parse_compute_resource(
            "cpu=1,memory=2Gi,disk=1Gi,instances=4,workers-per-pod=2,scalable",
            3,
            &d,
        )
        .unwrap();
        assert_eq!(
            r,
            ComputeResource {
                index: 3,
                cpu: 1.0,
                ram_mb: 2048,
                disk_gb: 1.0,
                instances: 4,
                workers_per_pod: 2,
                scalable: true
            }
        );
        assert_eq!(r.workers(), 8);
        let d = ResourceDefaults {
            cpu: 0.5,
            ram_mb: 512,
            disk_gb: 0.0,
        };
        let r = parse_compute_resource(" instances = 2 , scalable=false ", 0, &d).unwrap();
        assert_eq!((r.cpu, r.ram_mb, r.disk_gb), (0.5, 512, 0.0));
        assert_eq!((r.instances, r.workers_per_pod, r.scalable), (2, 1, false));
    }

    #[test]
    fn compute_resource_spec_errors() {
        let d = ResourceDefaults::default();
        let err = |s: &str| parse_compute_resource(s, 0, &d).unwrap_err();
        assert!(matches!(err("instances=0"), ResourceError::Value { .. }));
        assert!(err("instances=0").to_string().contains("instances '0'"));
        assert!(matches!(
            err("instances=2,gpu=1"),
            ResourceError::UnknownField { .. }
        ));
        assert!(err("instances=2,gpu=1").to_string().contains("'gpu'"));
        assert!(matches!(
            err("instances=2,cpu=1,cpu=2"),
            ResourceError::DuplicateField { .. }
        ));
        assert!(matches!(err("cpu=1"), ResourceError::MissingField { .. }));
        assert!(matches!(err("instances=2,"), ResourceError::Syntax { .. }));
        assert!(matches!(
            err("instances=2,cpu"),
            ResourceError::Syntax { .. }
        ));
        assert!(err("instances=-1").to_string().contains("'-1'"));
        assert!(err("instances=1.5").to_string().contains("whole number"));
        assert!(
            err("instances=3000000000")
                .to_string()
                .contains("too large")
        );
        assert!(err("instances=2,cpu=1.5.3").to_string().contains("'1.5.3'"));
        assert!(
            err("instances=2,memory=10Xi")
                .to_string()
                .contains("'10Xi'")
        );
        assert!(
            err("instances=2,workers-per-pod=0")
                .to_string()
                .contains("at least 1")
        );
        assert!(
            err("instances=2,scalable=maybe")
                .to_string()
                .contains("true or false")
        );
    }

    #[test]
    fn java_fixed_formatting() {
        assert_eq!(format_cpu(0.5), "0.50");
        assert_eq!(format_cpu(2.0), "2.00");
        assert_eq!(format_cpu(0.125), "0.13");
        assert_eq!(format_cpu(1.005), "1.01");
        assert_eq!(format_cpu(0.994), "0.99");
        assert_eq!(format_cpu(9.999), "10.00");
        assert_eq!(format_cpu(0.001), "0.00");
        assert_eq!(format_cpu(1234.5678), "1234.57");
        assert_eq!(format_cpu(1e21), "1000000000000000000000.00");
        assert_eq!(java_format_fixed(0.0, 2), "0.00");
        assert_eq!(java_format_fixed(-0.5, 2), "-0.50");
        assert_eq!(java_format_fixed(2.5, 0), "3");
        assert_eq!(java_format_fixed(f64::NAN, 2), "NaN");
    }

    #[test]
    fn java_double_to_string_matches_java() {
        assert_eq!(java_double_to_string(4.0), "4.0");
        assert_eq!(java_double_to_string(0.5), "0.5");
        assert_eq!(java_double_to_string(12.25), "12.25");
        assert_eq!(java_double_to_string(0.2), "0.2");
        assert_eq!(java_double_to_string(100.0), "100.0");
        assert_eq!(java_double_to_string(0.001), "0.001");
        assert_eq!(java_double_to_string(0.0001), "1.0E-4");
        assert_eq!(java_double_to_string(1.5e-4), "1.5E-4");
        assert_eq!(java_double_to_string(1e7), "1.0E7");
        assert_eq!(java_double_to_string(12345678.0), "1.2345678E7");
        assert_eq!(java_double_to_string(9999999.0), "9999999.0");
        assert_eq!(java_double_to_string(0.0), "0.0");
        assert_eq!(java_double_to_string(-2.5), "-2.5");
        assert_eq!(java_double_to_string(0.1 + 0.2), "0.30000000000000004");
    }

    #[test]
    fn quantity_strings() {
        let r = cr(0, 0.5, 2, 1, false);
        assert_eq!(r.cpu_quantity(), "0.50");
        assert_eq!(r.memory_quantity(), "1024Mi");
        assert_eq!(r.volatile_size_limit().as_deref(), Some("2.00Gi"));
        let r = ComputeResource { disk_gb: 0.0, ..r };
        assert_eq!(r.volatile_size_limit(), None);
        assert_eq!(format_volatile_size_limit(1.125, 1), "1.13Gi");
        assert_eq!(format_pvc_size(4.0), "4.0Gi");
        assert_eq!(format_pvc_size(0.5), "0.5Gi");
        assert_eq!(format_pvc_size(12.25), "12.25Gi");
        assert_eq!(pvc_request(1.0, 4, None), "4.0Gi");
        assert_eq!(pvc_request(0.5, 3, Some(0.25)), "1.75Gi");
        assert_eq!(format_job_master_cpu(0.2), "0.2");
        assert_eq!(format_job_master_cpu(1.0), "1.0");
        assert_eq!(format_memory_mib(1024 + 128), "1152Mi");
    }

    #[test]
    fn valid_job_passes() {
        let resources = vec![cr(0, 1.0, 1, 2, false), cr(1, 2.0, 1, 3, true)];
        let rules = JobResourceRules {
            openmpi: false,
            bind_worker_to_cpu: true,
            node_port: true,
        };
        assert_eq!(validate_job_resources(&resources, &rules), Ok(()));
        assert_eq!(number_of_workers(&resources), Some(5));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let resources = vec![
            cr(0, 0.5, 2, 0, true),
            cr(1, 1.0, 0, 1, false),
            cr(5, 1.0, 3, 1, true),
        ];
        let rules = JobResourceRules {
            openmpi: true,
            bind_worker_to_cpu: true,
            node_port: true,
        };
        let problems = validate_job_resources(&resources, &rules).unwrap_err().0;
        let expect = [
            ResourceProblem::ScalableNotLast { index: 0 },
            ResourceProblem::ZeroInstances { index: 0 },
            ResourceProblem::OpenMpiScalable { index: 0 },
            ResourceProblem::FractionalCpuWithBinding { index: 0, cpu: 0.5 },
            ResourceProblem::NodePortWorkersPerPod {
                index: 0,
                workers_per_pod: 2,
            },
            ResourceProblem::ZeroWorkersPerPod { index: 1 },
            ResourceProblem::OpenMpiWorkersPerPodDiffer {
                index: 1,
                workers_per_pod: 0,
                first: 2,
            },
            ResourceProblem::IndexMismatch {
                position: 2,
                index: 5,
            },
            ResourceProblem::OpenMpiWorkersPerPodDiffer {
                index: 5,
                workers_per_pod: 3,
                first: 2,
            },
        ];
        for e in &expect {
            assert!(problems.contains(e), "missing {e:?} in {problems:?}");
        }
        let text = ResourceProblems(problems).to_string();
        assert!(text.contains("only the last compute resource may be"));
        assert!(text.lines().count() >= expect.len());
    }

    #[test]
    fn empty_and_oversized_jobs() {
        let problems = validate_job_resources(&[], &JobResourceRules::default())
            .unwrap_err()
            .0;
        assert_eq!(problems, vec![ResourceProblem::NoResources]);
        let huge = vec![cr(0, 1.0, 2, i32::MAX as u32, false)];
        let problems = validate_job_resources(&huge, &JobResourceRules::default())
            .unwrap_err()
            .0;
        assert!(problems.contains(&ResourceProblem::TooManyWorkers));
        assert_eq!(number_of_workers(&huge), None);
        let bad = vec![ComputeResource {
            cpu: f64::NAN,
            ram_mb: 0,
            disk_gb: -1.0,
            ..cr(0, 1.0, 1, 1, false)
        }];
        let problems = validate_job_resources(&bad, &JobResourceRules::default())
            .unwrap_err()
            .0;
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
