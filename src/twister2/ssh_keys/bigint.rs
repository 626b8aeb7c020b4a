//! Big-endian unsigned integers: significant bits, leading zeros, and the product of two.

/// Number of significant bits of a big-endian unsigned integer.
pub(super) fn bit_length(be: &[u8]) -> usize {
    let digits = match be.iter().position(|&b| b != 0) {
        Some(first) => &be[first..],
        None => return 0,
    };
    digits.len() * 8 - digits[0].leading_zeros() as usize
}

pub(super) fn strip_zeros(be: &[u8]) -> &[u8] {
    let first = be.iter().position(|&b| b != 0).unwrap_or(be.len());
    &be[first..]
}

/// Product of two big-endian unsigned integers (schoolbook; used once per import).
pub(super) fn multiply(a: &[u8], b: &[u8]) -> Vec<u8> {
    // Little-endian base-256 digits, with room for carries in u32.
    let mut digits = vec![0u32; a.len() + b.len() + 1];
    for (i, &x) in a.iter().rev().enumerate() {
        let mut carry = 0u32;
        for (j, &y) in b.iter().rev().enumerate() {
            let t = digits[i + j] + u32::from(x) * u32::from(y) + carry;
            digits[i + j] = t & 0xff;
            carry = t >> 8;
        }
        let mut k = i + b.len();
        while carry > 0 {
            let t = digits[k] + carry;
            digits[k] = t & 0xff;
            carry = t >> 8;
            k += 1;
        }
    }
    digits.iter().rev().map(|&d| d as u8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiply_matches_known_products() {
        assert_eq!(multiply(&[0xff], &[0xff]), vec![0x00, 0xfe, 0x01]);
        assert_eq!(
            // 0x0100 × 0x010001 = 0x01000100
            multiply(&[0x01, 0x00], &[0x01, 0x00, 0x01]),
            vec![0x00, 0x00, 0x01, 0x00, 0x01, 0x00]
        );
        assert_eq!(
            multiply(&[0xff, 0xff, 0xff, 0xff], &[0xff, 0xff, 0xff, 0xff]),
            vec![0x00, 0xff, 0xff, 0xff, 0xfe, 0x00, 0x00, 0x00, 0x01]
        );
    }
}
