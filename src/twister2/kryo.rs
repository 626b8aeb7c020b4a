//! Kryo bytes of `config_byte_map` values, the Java objects Twister2's pods read: encode, decode.

use std::fmt;

/// A Java value as Kryo carries it in `config_byte_map`.
#[derive(Debug, Clone, PartialEq)]
pub enum JavaValue {
    /// Java `null`.
    Null,
    /// `java.lang.String`.
    String(String),
    /// `java.lang.Integer`.
    Integer(i32),
    /// `java.lang.Long`.
    Long(i64),
    /// `java.lang.Double`.
    Double(f64),
    /// `java.lang.Boolean`.
    Boolean(bool),
    /// `String[]` (without null elements).
    StringArray(Vec<String>),
    /// `java.util.ArrayList`.
    ArrayList(Vec<JavaValue>),
    /// `java.util.HashMap`, entries in the order they are written (Java's iteration order).
    HashMap(Vec<(JavaValue, JavaValue)>),
}

const STRING_ARRAY_CLASS: &str = "[Ljava.lang.String;";
const ARRAY_LIST_CLASS: &str = "java.util.ArrayList";
const HASH_MAP_CLASS: &str = "java.util.HashMap";

/// Class tags: Kryo's default registration id + 2.
const TAG_NULL: u32 = 0;
const TAG_NAME: u32 = 1;
const TAG_INTEGER: u32 = 2;
const TAG_STRING: u32 = 3;
const TAG_BOOLEAN: u32 = 5;
const TAG_LONG: u32 = 9;
const TAG_DOUBLE: u32 = 10;

/// Classes Kryo registers by default that this module does not decode, by tag.
const UNSUPPORTED_REGISTERED: [(u32, &str); 5] = [
    (4, "java.lang.Float"),
    (6, "java.lang.Byte"),
    (7, "java.lang.Character"),
    (8, "java.lang.Short"),
    (11, "void"),
];

/// Values nested deeper than this are refused by [`decode`] (instead of exhausting the stack).
pub const MAX_DEPTH: usize = 256;

impl JavaValue {
    /// The Java class name (`Class.getName()`), e.g. `java.lang.Integer`,
    /// `[Ljava.lang.String;`, `java.util.ArrayList`; `null` for [`JavaValue::Null`].
    pub fn java_class(&self) -> &'static str {
        match self {
            JavaValue::Null => "null",
            JavaValue::String(_) => "java.lang.String",
            JavaValue::Integer(_) => "java.lang.Integer",
            JavaValue::Long(_) => "java.lang.Long",
            JavaValue::Double(_) => "java.lang.Double",
            JavaValue::Boolean(_) => "java.lang.Boolean",
            JavaValue::StringArray(_) => STRING_ARRAY_CLASS,
            JavaValue::ArrayList(_) => ARRAY_LIST_CLASS,
            JavaValue::HashMap(_) => HASH_MAP_CLASS,
        }
    }
}

/// For people: strings quoted, `5` Integer, `5L` Long, `0.5` Double (always with a `.` or an
/// exponent), `[a, b]` for String[] and ArrayList, `{k: v}` for HashMap.
impl fmt::Display for JavaValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JavaValue::Null => f.write_str("null"),
            JavaValue::String(s) => write!(f, "{s:?}"),
            JavaValue::Integer(i) => write!(f, "{i}"),
            JavaValue::Long(l) => write!(f, "{l}L"),
            JavaValue::Double(d) => write!(f, "{d:?}"),
            JavaValue::Boolean(b) => write!(f, "{b}"),
            JavaValue::StringArray(items) => {
                f.write_str("[")?;
                for (i, s) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{s:?}")?;
                }
                f.write_str("]")
            }
            JavaValue::ArrayList(items) => {
                f.write_str("[")?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            JavaValue::HashMap(entries) => {
                f.write_str("{")?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Encoding

/// The bytes of Kryo 4.0.2's `writeClassAndObject(output, value)` as a top-level call with
/// references off and registration not required (Twister2's `KryoSerializer`; its pods read each
/// `config.config_byte_map` entry back with `readClassAndObject`).
///
/// A class tag (varint of registration id + 2: `00` null, `02` Integer, `03` String, `05`
/// Boolean, `09` Long, `0a` Double; `01` = class by name, then a varint name id and, at the
/// class's first use within this value, its name as a Kryo string), then the value.
pub fn encode(value: &JavaValue) -> Vec<u8> {
    let mut writer = Writer::default();
    writer.class_and_object(value);
    writer.out
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    /// Class names written so far in this top-level value; the position is the name id.
    names: Vec<&'static str>,
}

impl Writer {
    fn class_and_object(&mut self, value: &JavaValue) {
        match value {
            JavaValue::Null => self.varint(TAG_NULL),
            JavaValue::String(s) => {
                self.varint(TAG_STRING);
                self.string(s);
            }
            JavaValue::Integer(i) => {
                self.varint(TAG_INTEGER);
                self.varint(zigzag32(*i));
            }
            JavaValue::Long(l) => {
                self.varint(TAG_LONG);
                self.varlong(zigzag64(*l));
            }
            JavaValue::Double(d) => {
                self.varint(TAG_DOUBLE);
                self.out.extend_from_slice(&d.to_bits().to_be_bytes());
            }
            JavaValue::Boolean(b) => {
                self.varint(TAG_BOOLEAN);
                self.out.push(u8::from(*b));
            }
            JavaValue::StringArray(items) => {
                self.class_name(STRING_ARRAY_CLASS);
                self.varint(len_u32(items.len()).saturating_add(1));
                for s in items {
                    self.string(s);
                }
            }
            JavaValue::ArrayList(items) => {
                self.class_name(ARRAY_LIST_CLASS);
                self.varint(len_u32(items.len()));
                for item in items {
                    self.class_and_object(item);
                }
            }
            JavaValue::HashMap(entries) => {
                self.class_name(HASH_MAP_CLASS);
                self.varint(len_u32(entries.len()));
                for (k, v) in entries {
                    self.class_and_object(k);
                    self.class_and_object(v);
                }
            }
        }
    }

    /// `DefaultClassResolver.writeName`: tag `01`, the name id, and the name at first use.
    fn class_name(&mut self, name: &'static str) {
        self.varint(TAG_NAME);
        match self.names.iter().position(|n| *n == name) {
            Some(id) => self.varint(len_u32(id)),
            None => {
                self.varint(len_u32(self.names.len()));
                self.names.push(name);
                self.string(name);
            }
        }
    }

    /// `Output.writeVarInt(value, true)`: 7 bits per byte, low group first.
    fn varint(&mut self, mut value: u32) {
        while value >= 0x80 {
            self.out.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.out.push(value as u8);
    }

    /// `Output.writeVarLong(value, true)`: like a varint, but the 9th byte carries 8 bits.
    fn varlong(&mut self, mut value: u64) {
        for _ in 0..8 {
            if value < 0x80 {
                self.out.push(value as u8);
                return;
            }
            self.out.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.out.push(value as u8);
    }

    /// `Output.writeString`.
    fn string(&mut self, s: &str) {
        let units: Vec<u16> = s.encode_utf16().collect();
        let count = units.len();
        if count == 0 {
            self.out.push(0x81);
            return;
        }
        if (2..64).contains(&count) && units.iter().all(|&u| u <= 0x7f) {
            self.out.extend(units.iter().map(|&u| u as u8));
            if let Some(last) = self.out.last_mut() {
                *last |= 0x80;
            }
            return;
        }
        self.utf8_length(len_u32(count).saturating_add(1));
        for u in units {
            match u {
                0..=0x7f => self.out.push(u as u8),
                0x80..=0x7ff => {
                    self.out.push(0xc0 | (u >> 6) as u8);
                    self.out.push(0x80 | (u & 0x3f) as u8);
                }
                _ => {
                    self.out.push(0xe0 | (u >> 12) as u8);
                    self.out.push(0x80 | ((u >> 6) & 0x3f) as u8);
                    self.out.push(0x80 | (u & 0x3f) as u8);
                }
            }
        }
    }

    /// `Output.writeUtf8Length`: first byte `0x80 | low 6 bits` (`0x40` when more follow), then
    /// 7-bit groups.
    fn utf8_length(&mut self, value: u32) {
        let more = value >> 6 != 0;
        self.out
            .push(0x80 | (value & 0x3f) as u8 | if more { 0x40 } else { 0 });
        if more {
            self.varint(value >> 6);
        }
    }
}

fn len_u32(len: usize) -> u32 {
    // Java collections and strings hold at most i32::MAX elements.
    u32::try_from(len).unwrap_or(u32::MAX)
}

fn zigzag32(v: i32) -> u32 {
    ((v << 1) ^ (v >> 31)) as u32
}

fn zigzag64(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// Why bytes are not a value [`decode`] understands. Offsets count from the first byte.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KryoError {
    /// The bytes end in the middle of a value.
    #[error("Kryo bytes end at offset {offset} in the middle of {what}")]
    UnexpectedEnd {
        /// What was being read.
        what: &'static str,
        /// The length of the input.
        offset: usize,
    },
    /// A class by name this decoder does not know (the pod may or may not).
    #[error(
        "Kryo value at offset {offset} is of class {class}, which is not decoded here (only \
         String, Integer, Long, Double, Boolean, String[], java.util.ArrayList, java.util.HashMap)"
    )]
    UnsupportedClass {
        /// The Java class name.
        class: String,
        /// Where its class tag starts.
        offset: usize,
    },
    /// A class tag that Kryo's default registrations do not have.
    #[error("Kryo class tag {tag} at offset {offset} is not a default registration (unregistered class id {id})", id = i64::from(*.tag) - 2)]
    UnregisteredClassId {
        /// The tag (registration id + 2).
        tag: u32,
        /// Where the tag starts.
        offset: usize,
    },
    /// Bytes that are not a valid encoding of what was being read.
    #[error("invalid {what} at offset {offset}: {reason}")]
    Invalid {
        /// What was being read.
        what: &'static str,
        /// Where it starts.
        offset: usize,
        /// What is wrong.
        reason: String,
    },
    /// Values nested deeper than [`MAX_DEPTH`].
    #[error("Kryo value nested deeper than {MAX_DEPTH} levels at offset {offset}")]
    TooDeep {
        /// Where the level that is too deep starts.
        offset: usize,
    },
    /// Bytes left after one complete value.
    #[error("{count} trailing bytes after the Kryo value, from offset {offset}")]
    TrailingBytes {
        /// Where the first extra byte is.
        offset: usize,
        /// How many bytes are left.
        count: usize,
    },
}

impl KryoError {
    /// The byte offset the error refers to.
    pub fn offset(&self) -> usize {
        match self {
            KryoError::UnexpectedEnd { offset, .. }
            | KryoError::UnsupportedClass { offset, .. }
            | KryoError::UnregisteredClassId { offset, .. }
            | KryoError::Invalid { offset, .. }
            | KryoError::TooDeep { offset }
            | KryoError::TrailingBytes { offset, .. } => *offset,
        }
    }
}

/// Reads one value as Kryo's `readClassAndObject` would (references off, registration not
/// required) and requires that it uses every byte. Lenient where Kryo is (a Boolean byte other
/// than 1 is `false`; continuation bits of varints and UTF-8 trail bytes are not checked);
/// strict where the value could not be represented (unpaired surrogates, null `String[]`
/// elements, a null class name).
pub fn decode(bytes: &[u8]) -> Result<JavaValue, KryoError> {
    let mut reader = Reader {
        bytes,
        pos: 0,
        names: Vec::new(),
    };
    let value = reader.class_and_object(0)?;
    if reader.pos < bytes.len() {
        return Err(KryoError::TrailingBytes {
            offset: reader.pos,
            count: bytes.len() - reader.pos,
        });
    }
    Ok(value)
}

/// A class known by name.
#[derive(Clone, Copy)]
enum Named {
    StringArray,
    ArrayList,
    HashMap,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Name id → class, as read in this value.
    names: Vec<(u32, Named)>,
}

impl Reader<'_> {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    fn byte(&mut self, what: &'static str) -> Result<u8, KryoError> {
        let b = *self.bytes.get(self.pos).ok_or(KryoError::UnexpectedEnd {
            what,
            offset: self.bytes.len(),
        })?;
        self.pos += 1;
        Ok(b)
    }

    /// `Input.readVarInt(true)`: at most 5 bytes; bits beyond 32 are dropped, as Kryo does.
    fn varint(&mut self, what: &'static str) -> Result<u32, KryoError> {
        let mut result: u32 = 0;
        for i in 0..5 {
            let b = self.byte(what)?;
            result |= u32::from(b & 0x7f).wrapping_shl(7 * i);
            if b & 0x80 == 0 {
                break;
            }
        }
        Ok(result)
    }

    /// `Input.readVarLong(true)`: at most 9 bytes, the 9th with 8 bits.
    fn varlong(&mut self, what: &'static str) -> Result<u64, KryoError> {
        let mut result: u64 = 0;
        for i in 0..8 {
            let b = self.byte(what)?;
            result |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(result);
            }
        }
        let b = self.byte(what)?;
        Ok(result | (u64::from(b) << 56))
    }

    /// A count of items that each take at least `min_bytes`; refuses counts the input cannot
    /// hold, so a bad length never allocates.
    fn count(
        &mut self,
        what: &'static str,
        value: u32,
        min_bytes: usize,
    ) -> Result<usize, KryoError> {
        let count = usize::try_from(value).unwrap_or(usize::MAX);
        if count.saturating_mul(min_bytes) > self.remaining() {
            return Err(KryoError::UnexpectedEnd {
                what,
                offset: self.bytes.len(),
            });
        }
        Ok(count)
    }

    fn class_and_object(&mut self, depth: usize) -> Result<JavaValue, KryoError> {
        let start = self.pos;
        if depth > MAX_DEPTH {
            return Err(KryoError::TooDeep { offset: start });
        }
        let tag = self.varint("a class tag")?;
        match tag {
            TAG_NULL => Ok(JavaValue::Null),
            TAG_INTEGER => Ok(JavaValue::Integer(unzigzag32(self.varint("an Integer")?))),
            TAG_STRING => match self.string("a String")? {
                Some(s) => Ok(JavaValue::String(s)),
                None => Ok(JavaValue::Null),
            },
            TAG_BOOLEAN => Ok(JavaValue::Boolean(self.byte("a Boolean")? == 1)),
            TAG_LONG => Ok(JavaValue::Long(unzigzag64(self.varlong("a Long")?))),
            TAG_DOUBLE => {
                let mut bits = [0u8; 8];
                for b in &mut bits {
                    *b = self.byte("a Double")?;
                }
                Ok(JavaValue::Double(f64::from_bits(u64::from_be_bytes(bits))))
            }
            TAG_NAME => {
                let class = self.class_name(start)?;
                self.named_object(class, depth)
            }
            _ => match UNSUPPORTED_REGISTERED.iter().find(|(t, _)| *t == tag) {
                Some((_, class)) => Err(KryoError::UnsupportedClass {
                    class: (*class).to_string(),
                    offset: start,
                }),
                None => Err(KryoError::UnregisteredClassId { tag, offset: start }),
            },
        }
    }

    /// `DefaultClassResolver.readName`: a name id, and the name when the id is new.
    fn class_name(&mut self, start: usize) -> Result<Named, KryoError> {
        let id = self.varint("a class name id")?;
        if let Some((_, class)) = self.names.iter().find(|(i, _)| *i == id) {
            return Ok(*class);
        }
        let name_at = self.pos;
        let name = self
            .string("a class name")?
            .ok_or_else(|| KryoError::Invalid {
                what: "class name",
                offset: name_at,
                reason: "the name is null".to_string(),
            })?;
        let class = match name.as_str() {
            STRING_ARRAY_CLASS => Named::StringArray,
            ARRAY_LIST_CLASS => Named::ArrayList,
            HASH_MAP_CLASS => Named::HashMap,
            _ => {
                return Err(KryoError::UnsupportedClass {
                    class: name,
                    offset: start,
                });
            }
        };
        self.names.push((id, class));
        Ok(class)
    }

    fn named_object(&mut self, class: Named, depth: usize) -> Result<JavaValue, KryoError> {
        match class {
            Named::StringArray => {
                let at = self.pos;
                let length = self.varint("a String[] length")?;
                if length == 0 {
                    return Ok(JavaValue::Null);
                }
                let count = self.count("a String[]", length - 1, 1)?;
                let mut items = Vec::with_capacity(count);
                for _ in 0..count {
                    let item_at = self.pos;
                    match self.string("a String[] element")? {
                        Some(s) => items.push(s),
                        None => {
                            return Err(KryoError::Invalid {
                                what: "String[] element",
                                offset: item_at,
                                reason: format!(
                                    "a null element (in the String[] at offset {at}) is not supported"
                                ),
                            });
                        }
                    }
                }
                Ok(JavaValue::StringArray(items))
            }
            Named::ArrayList => {
                let size = self.varint("an ArrayList size")?;
                let count = self.count("an ArrayList", size, 1)?;
                let mut items = Vec::with_capacity(count);
                for _ in 0..count {
                    items.push(self.class_and_object(depth + 1)?);
                }
                Ok(JavaValue::ArrayList(items))
            }
            Named::HashMap => {
                let size = self.varint("a HashMap size")?;
                let count = self.count("a HashMap", size, 2)?;
                let mut entries = Vec::with_capacity(count);
                for _ in 0..count {
                    let k = self.class_and_object(depth + 1)?;
                    let v = self.class_and_object(depth + 1)?;
                    entries.push((k, v));
                }
                Ok(JavaValue::HashMap(entries))
            }
        }
    }

    /// `Input.readString`: `None` for a null string.
    fn string(&mut self, what: &'static str) -> Result<Option<String>, KryoError> {
        let start = self.pos;
        let first = self.byte(what)?;
        if first & 0x80 == 0 {
            // ASCII: up to and including the byte with the high bit set.
            let mut s = String::new();
            s.push(char::from(first));
            loop {
                let b = self.byte(what)?;
                s.push(char::from(b & 0x7f));
                if b & 0x80 != 0 {
                    return Ok(Some(s));
                }
            }
        }
        let char_count = self.utf8_length(first, what)?;
        match char_count {
            0 => return Ok(None),
            1 => return Ok(Some(String::new())),
            _ => {}
        }
        let count = self.count(what, char_count - 1, 1)?;
        let mut units = Vec::with_capacity(count);
        for _ in 0..count {
            let at = self.pos;
            let b = self.byte(what)?;
            let unit = match b >> 4 {
                0..=7 => u16::from(b),
                12 | 13 => {
                    let b2 = self.byte(what)?;
                    (u16::from(b & 0x1f) << 6) | u16::from(b2 & 0x3f)
                }
                14 => {
                    let b2 = self.byte(what)?;
                    let b3 = self.byte(what)?;
                    (u16::from(b & 0x0f) << 12) | (u16::from(b2 & 0x3f) << 6) | u16::from(b3 & 0x3f)
                }
                _ => {
                    return Err(KryoError::Invalid {
                        what: "string character",
                        offset: at,
                        reason: format!("byte {b:#04x} does not start a character"),
                    });
                }
            };
            units.push(unit);
        }
        String::from_utf16(&units)
            .map(Some)
            .map_err(|_| KryoError::Invalid {
                what: "string",
                offset: start,
                reason: "it holds an unpaired UTF-16 surrogate".to_string(),
            })
    }

    /// `Input.readUtf8Length`, after its first byte.
    fn utf8_length(&mut self, first: u8, what: &'static str) -> Result<u32, KryoError> {
        let mut result = u32::from(first & 0x3f);
        if first & 0x40 != 0 {
            for shift in [6u32, 13, 20, 27] {
                let b = self.byte(what)?;
                result |= u32::from(b & 0x7f).wrapping_shl(shift);
                if b & 0x80 == 0 {
                    break;
                }
            }
        }
        Ok(result)
    }
}

fn unzigzag32(v: u32) -> i32 {
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

fn unzigzag64(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        text.split_whitespace()
            .map(|b| u8::from_str_radix(b, 16).unwrap())
            .collect()
    }

    fn s(text: &str) -> JavaValue {
        JavaValue::String(text.to_string())
    }

    /// `[Ljava.lang.String;` as a Kryo string (ASCII, last byte's high bit set).
    fn name_bytes(name: &str) -> Vec<u8> {
        let mut b = name.as_bytes().to_vec();
        *b.last_mut().unwrap() |= 0x80;
        b
    }

    fn named(name: &str, rest: &str) -> Vec<u8> {
        let mut b = vec![0x01, 0x00];
        b.extend(name_bytes(name));
        b.extend(hex(rest));
        b
    }

    /// Every row of the verified examples (reference §3.3), plus the second-use case and a
    /// HashMap with two String keys.
    fn examples() -> Vec<(JavaValue, Vec<u8>)> {
        let mut x64 = hex("03 c1 01");
        x64.extend([0x78; 64]);
        vec![
            (s("abc"), hex("03 61 62 e3")),
            (s("a"), hex("03 82 61")),
            (s(""), hex("03 81")),
            (JavaValue::Null, hex("00")),
            (s("hé"), hex("03 83 68 c3 a9")),
            (s(&"x".repeat(64)), x64),
            (JavaValue::Integer(5), hex("02 0a")),
            (JavaValue::Integer(-1), hex("02 01")),
            (JavaValue::Integer(11011), hex("02 86 ac 01")),
            (JavaValue::Long(5), hex("09 0a")),
            (
                JavaValue::Long(1_601_667_129_000),
                hex("09 d0 fa e6 ac 9d 5d"),
            ),
            (JavaValue::Double(0.5), hex("0a 3f e0 00 00 00 00 00 00")),
            (JavaValue::Double(1.0), hex("0a 3f f0 00 00 00 00 00 00")),
            (JavaValue::Boolean(true), hex("05 01")),
            (JavaValue::Boolean(false), hex("05 00")),
            (
                JavaValue::StringArray(vec!["a".into(), "b".into()]),
                hex(
                    "01 00 5b 4c 6a 61 76 61 2e 6c 61 6e 67 2e 53 74 72 69 6e 67 bb 03 82 61 82 62",
                ),
            ),
            (
                JavaValue::StringArray(vec![]),
                named("[Ljava.lang.String;", "01"),
            ),
            (
                JavaValue::ArrayList(vec![s("a"), s("b")]),
                hex(
                    "01 00 6a 61 76 61 2e 75 74 69 6c 2e 41 72 72 61 79 4c 69 73 f4 02 03 82 61 03 82 62",
                ),
            ),
            (
                JavaValue::HashMap(vec![(s("k"), s("v"))]),
                hex(
                    "01 00 6a 61 76 61 2e 75 74 69 6c 2e 48 61 73 68 4d 61 f0 01 03 82 6b 03 82 76",
                ),
            ),
            (
                JavaValue::ArrayList(vec![
                    JavaValue::ArrayList(vec![]),
                    JavaValue::ArrayList(vec![]),
                ]),
                named("java.util.ArrayList", "02 01 00 00 01 00 00"),
            ),
            (
                JavaValue::HashMap(vec![
                    (s("one"), JavaValue::Integer(1)),
                    (s("two"), JavaValue::Integer(2)),
                ]),
                named(
                    "java.util.HashMap",
                    "02 03 6f 6e e5 02 02 03 74 77 ef 02 04",
                ),
            ),
        ]
    }

    #[test]
    fn reference_examples_byte_for_byte() {
        for (value, bytes) in examples() {
            assert_eq!(encode(&value), bytes, "encoding {value}");
            assert_eq!(decode(&bytes), Ok(value.clone()), "decoding {value}");
        }
    }

    #[test]
    fn class_name_ids_count_per_top_level_value() {
        // A list holding a String[] and a map: ids 0, 1, 2 in first-use order, names once each.
        let value = JavaValue::ArrayList(vec![
            JavaValue::StringArray(vec!["a".into()]),
            JavaValue::HashMap(vec![(s("k"), JavaValue::ArrayList(vec![]))]),
            JavaValue::StringArray(vec![]),
        ]);
        let mut expected = named("java.util.ArrayList", "03");
        expected.extend(hex("01 01"));
        expected.extend(name_bytes("[Ljava.lang.String;"));
        expected.extend(hex("02 82 61"));
        expected.extend(hex("01 02"));
        expected.extend(name_bytes("java.util.HashMap"));
        expected.extend(hex("01 03 82 6b 01 00 00"));
        expected.extend(hex("01 01 01"));
        assert_eq!(encode(&value), expected);
        assert_eq!(decode(&expected), Ok(value.clone()));
        // A second top-level call starts again at id 0 and writes the name again.
        assert_eq!(encode(&value), encode(&value));
    }

    #[test]
    fn strings_beyond_the_ascii_fast_path() {
        // One char > 0x7f, a surrogate pair (two 3-byte sequences), NUL as one byte.
        assert_eq!(encode(&s("é")), hex("03 82 c3 a9"));
        assert_eq!(
            encode(&s("𝄞")),
            hex("03 83 ed a0 b4 ed b4 9e"),
            "U+1D11E is the surrogates D834 DD1E"
        );
        assert_eq!(encode(&s("\0")), hex("03 82 00"));
        assert_eq!(encode(&s("a\0")), hex("03 61 80"));
        // A char count + 1 of 8192 needs a three-byte length.
        let long = "y".repeat(8191);
        let bytes = encode(&s(&long));
        assert_eq!(bytes[..4], hex("03 c0 80 01"));
        assert_eq!(bytes.len(), 4 + 8191);
        assert_eq!(decode(&bytes), Ok(s(&long)));
        // Java's null String decodes as null.
        assert_eq!(decode(&hex("03 80")), Ok(JavaValue::Null));
    }

    #[test]
    fn numbers_at_their_limits() {
        assert_eq!(
            encode(&JavaValue::Integer(i32::MAX)),
            hex("02 fe ff ff ff 0f")
        );
        assert_eq!(
            encode(&JavaValue::Integer(i32::MIN)),
            hex("02 ff ff ff ff 0f")
        );
        assert_eq!(
            encode(&JavaValue::Long(i64::MIN)),
            hex("09 ff ff ff ff ff ff ff ff ff")
        );
        assert_eq!(
            encode(&JavaValue::Long(i64::MAX)),
            hex("09 fe ff ff ff ff ff ff ff ff")
        );
        assert_eq!(encode(&JavaValue::Long(-1)), hex("09 01"));
        assert_eq!(
            encode(&JavaValue::Double(-0.0)),
            hex("0a 80 00 00 00 00 00 00 00")
        );
        match decode(&hex("0a 80 00 00 00 00 00 00 00")) {
            Ok(JavaValue::Double(d)) => assert!(d == 0.0 && d.is_sign_negative()),
            other => panic!("{other:?}"),
        }
        // As the real Kryo (2.20, run): bits of a 5th varint byte beyond 32 are dropped, and any
        // Boolean byte other than 1 is false.
        assert_eq!(
            decode(&hex("02 ff ff ff ff 7f")),
            Ok(JavaValue::Integer(i32::MIN))
        );
        assert_eq!(decode(&hex("05 02")), Ok(JavaValue::Boolean(false)));
    }

    #[test]
    fn round_trips() {
        let values = vec![
            s("héllo ☃ 𝄞"),
            s(&"x".repeat(63)),
            s(&"x".repeat(64)),
            s(&"é".repeat(64)),
            s("tab\tnew\nline"),
            JavaValue::Integer(0),
            JavaValue::Integer(i32::MIN),
            JavaValue::Integer(i32::MAX),
            JavaValue::Long(0),
            JavaValue::Long(i64::MIN),
            JavaValue::Long(i64::MAX),
            JavaValue::Double(-0.0),
            JavaValue::Double(f64::MAX),
            JavaValue::Double(f64::MIN_POSITIVE),
            JavaValue::Double(f64::INFINITY),
            JavaValue::Double(-1.5e-300),
            JavaValue::Boolean(true),
            JavaValue::StringArray(vec!["".into(), "☃".into(), "x".repeat(70)]),
            JavaValue::ArrayList(vec![
                JavaValue::Null,
                JavaValue::Integer(1),
                JavaValue::Long(2),
                s("three"),
                JavaValue::ArrayList(vec![JavaValue::ArrayList(vec![s("deep")])]),
                JavaValue::HashMap(vec![(s("k"), JavaValue::StringArray(vec!["v".into()]))]),
            ]),
            JavaValue::HashMap(vec![
                (s("a"), JavaValue::Integer(1)),
                (JavaValue::Null, JavaValue::Null),
                (
                    JavaValue::Integer(7),
                    JavaValue::HashMap(vec![(s("in"), JavaValue::ArrayList(vec![]))]),
                ),
            ]),
        ];
        for value in values {
            let bytes = encode(&value);
            assert_eq!(decode(&bytes), Ok(value.clone()), "{value}");
        }
    }

    #[test]
    fn every_prefix_is_an_error_not_a_panic() {
        let mut all: Vec<Vec<u8>> = examples().into_iter().map(|(_, b)| b).collect();
        all.push(encode(&s("héllo ☃ 𝄞")));
        all.push(encode(&JavaValue::Long(i64::MIN)));
        for bytes in all {
            for end in 0..bytes.len() {
                let err =
                    decode(&bytes[..end]).expect_err(&format!("prefix {end} of {bytes:02x?}"));
                assert!(err.offset() <= end, "{err}");
            }
            // And a byte more is trailing.
            let mut longer = bytes.clone();
            longer.push(0);
            assert_eq!(
                decode(&longer),
                Err(KryoError::TrailingBytes {
                    offset: bytes.len(),
                    count: 1
                })
            );
        }
    }

    #[test]
    fn arbitrary_short_inputs_never_panic() {
        // Every 1- and 2-byte input, and 3-byte inputs behind each interesting first byte.
        for a in 0..=255u8 {
            let _ = decode(&[a]);
            for b in 0..=255u8 {
                let _ = decode(&[a, b]);
            }
        }
        for a in [0x01u8, 0x03, 0x09, 0x0a] {
            for b in 0..=255u8 {
                for c in 0..=255u8 {
                    let _ = decode(&[a, b, c]);
                }
            }
        }
    }

    #[test]
    fn errors_name_what_failed() {
        // java.util.Arrays$ArrayList (what Arrays.asList gives) is not decoded; the pod fails too.
        let arrays = named("java.util.Arrays$ArrayList", "02 03 82 61 03 82 62");
        let err = decode(&arrays).unwrap_err();
        assert_eq!(
            err,
            KryoError::UnsupportedClass {
                class: "java.util.Arrays$ArrayList".into(),
                offset: 0
            }
        );
        assert!(
            err.to_string().contains("java.util.Arrays$ArrayList"),
            "{err}"
        );
        let err = decode(&hex("04 3f 00 00 00")).unwrap_err();
        assert!(err.to_string().contains("java.lang.Float"), "{err}");
        let err = decode(&hex("0c")).unwrap_err();
        assert_eq!(err, KryoError::UnregisteredClassId { tag: 12, offset: 0 });
        assert!(err.to_string().contains("class id 10"), "{err}");
        let err = decode(&hex("02")).unwrap_err();
        assert!(err.to_string().contains("an Integer"), "{err}");
        // A huge declared size is refused before allocating.
        let err = decode(&named("java.util.ArrayList", "ff ff ff ff 0f")).unwrap_err();
        assert!(matches!(err, KryoError::UnexpectedEnd { .. }), "{err}");
        let err = decode(&hex("03 ff ff ff ff 0f")).unwrap_err();
        assert!(matches!(err, KryoError::UnexpectedEnd { .. }), "{err}");
        // A lone surrogate, a bad lead byte, a null String[] element, a null class name.
        assert!(matches!(
            decode(&hex("03 82 ed a0 b4")),
            Err(KryoError::Invalid { what: "string", .. })
        ));
        assert!(matches!(
            decode(&hex("03 82 80")),
            Err(KryoError::Invalid { offset: 2, .. })
        ));
        let err = decode(&named("[Ljava.lang.String;", "02 80")).unwrap_err();
        assert!(err.to_string().contains("null element"), "{err}");
        let err = decode(&hex("01 00 80")).unwrap_err();
        assert!(err.to_string().contains("null"), "{err}");
        // A null String[] is null.
        assert_eq!(
            decode(&named("[Ljava.lang.String;", "00")),
            Ok(JavaValue::Null)
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut bytes = named("java.util.ArrayList", "01");
        for _ in 0..10_000 {
            bytes.extend(hex("01 00 01"));
        }
        bytes.extend(hex("01 00 00"));
        assert!(matches!(decode(&bytes), Err(KryoError::TooDeep { .. })));
        let mut ok = named("java.util.ArrayList", "01");
        for _ in 0..MAX_DEPTH - 1 {
            ok.extend(hex("01 00 01"));
        }
        ok.extend(hex("01 00 00"));
        assert!(decode(&ok).is_ok());
    }

    #[test]
    fn classes_and_display() {
        let value = JavaValue::HashMap(vec![(
            s("k"),
            JavaValue::ArrayList(vec![
                JavaValue::Integer(1),
                JavaValue::Long(123),
                JavaValue::Double(1.0),
                JavaValue::Boolean(false),
                JavaValue::Null,
                JavaValue::StringArray(vec!["a".into(), "b\"c".into()]),
            ]),
        )]);
        assert_eq!(
            value.to_string(),
            r#"{"k": [1, 123L, 1.0, false, null, ["a", "b\"c"]]}"#
        );
        assert_eq!(s("héllo ☃").to_string(), "\"héllo ☃\"");
        assert_eq!(value.java_class(), "java.util.HashMap");
        assert_eq!(
            JavaValue::StringArray(vec![]).java_class(),
            "[Ljava.lang.String;"
        );
        assert_eq!(
            JavaValue::ArrayList(vec![]).java_class(),
            "java.util.ArrayList"
        );
        assert_eq!(JavaValue::Integer(0).java_class(), "java.lang.Integer");
        assert_eq!(JavaValue::Long(0).java_class(), "java.lang.Long");
        assert_eq!(JavaValue::Double(0.0).java_class(), "java.lang.Double");
        assert_eq!(JavaValue::Boolean(true).java_class(), "java.lang.Boolean");
        assert_eq!(s("").java_class(), "java.lang.String");
        assert_eq!(JavaValue::Null.java_class(), "null");
    }
}
