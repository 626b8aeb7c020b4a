//! Numbers as the Java client writes them (`%.2f`, `Double.toString`, `<n>Mi`, `<x>Gi`).

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
