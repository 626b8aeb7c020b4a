//! DER decoding for private keys: the element tags they use and a cursor reading them.

const TAG_INTEGER: u8 = 0x02;
pub(super) const TAG_OCTET_STRING: u8 = 0x04;
pub(super) const TAG_OID: u8 = 0x06;
pub(super) const TAG_SEQUENCE: u8 = 0x30;

/// A cursor over DER bytes that reads the few element kinds private keys use.
pub(super) struct Der<'a>(pub(super) &'a [u8]);

impl<'a> Der<'a> {
    /// Reads one element with tag `tag` and returns its contents.
    pub(super) fn element(&mut self, tag: u8, what: &str) -> Result<&'a [u8], String> {
        let (&found, rest) = self
            .0
            .split_first()
            .ok_or_else(|| format!("{what} is missing"))?;
        if found != tag {
            return Err(format!(
                "{what}: expected DER tag 0x{tag:02x}, found 0x{found:02x}"
            ));
        }
        let (&first, mut rest) = rest
            .split_first()
            .ok_or_else(|| format!("{what} has no length"))?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 || rest.len() < count {
                return Err(format!("{what} has a bad length"));
            }
            let (len_bytes, after) = rest.split_at(count);
            rest = after;
            len_bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
        };
        if rest.len() < len {
            return Err(format!("{what} is truncated"));
        }
        let (contents, after) = rest.split_at(len);
        self.0 = after;
        Ok(contents)
    }

    /// Reads a non-negative INTEGER and returns its big-endian bytes.
    pub(super) fn unsigned(&mut self, what: &str) -> Result<&'a [u8], String> {
        let bytes = self.element(TAG_INTEGER, what)?;
        match bytes.first() {
            None => Err(format!("{what} is empty")),
            Some(b) if b & 0x80 != 0 => Err(format!("{what} is negative")),
            Some(_) => Ok(bytes),
        }
    }
}
