//! Kubernetes quantity syntax (`500m`, `0.5`, `2Gi`, `1e3`), parsed and held exactly.

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
    pub(super) fn ceil_div_pow2(&self, shift: u32) -> Option<u128> {
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
