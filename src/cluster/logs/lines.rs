//! Cutting a log stream into whole lines and remembering where a source stands, so that a
//! stream resumed from its last line's timestamp prints every line exactly once: lines older
//! than that timestamp are skipped, and at that timestamp the lines already printed (same
//! timestamp, same text, counted) are skipped. Pure.

use jiff::Timestamp;
use jiff::fmt::temporal::DateTimeParser;

static TIMESTAMPS: DateTimeParser = DateTimeParser::new();

/// Splits a byte stream into lines; a line cut by the end of a chunk is kept until its end
/// arrives.
#[derive(Debug, Default)]
pub struct LineSplitter {
    partial: Vec<u8>,
}

impl LineSplitter {
    /// Feed a chunk; `each` gets every line it completes (without the `\n`).
    pub fn feed(&mut self, chunk: &[u8], mut each: impl FnMut(&[u8])) {
        let mut rest = chunk;
        if !self.partial.is_empty() {
            match rest.iter().position(|b| *b == b'\n') {
                Some(end) => {
                    self.partial.extend_from_slice(&rest[..end]);
                    each(&self.partial);
                    self.partial.clear();
                    rest = &rest[end + 1..];
                }
                None => {
                    self.partial.extend_from_slice(rest);
                    return;
                }
            }
        }
        while let Some(end) = rest.iter().position(|b| *b == b'\n') {
            each(&rest[..end]);
            rest = &rest[end + 1..];
        }
        self.partial.extend_from_slice(rest);
    }

    /// The unfinished line, if any (for a stream that ended cleanly: its last line had no `\n`).
    pub fn take_rest(&mut self) -> Option<Vec<u8>> {
        (!self.partial.is_empty()).then(|| std::mem::take(&mut self.partial))
    }

    /// Forget the unfinished line (the stream broke; the line comes again when resumed).
    pub fn discard(&mut self) {
        self.partial.clear();
    }
}

/// A line as the API server sends it with `timestamps=true`: `<RFC 3339> <text>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StampedLine<'a> {
    /// The timestamp, if the line had a readable one.
    pub time: Option<Timestamp>,
    /// The timestamp as sent (empty when there was none).
    pub stamp: &'a [u8],
    /// The text after the timestamp (the whole line when there was none).
    pub text: &'a [u8],
}

/// Split a line into its timestamp and text.
pub fn split_stamp(line: &[u8]) -> StampedLine<'_> {
    if let Some(space) = line.iter().position(|b| *b == b' ')
        && let Ok(time) = TIMESTAMPS.parse_timestamp(&line[..space])
    {
        return StampedLine {
            time: Some(time),
            stamp: &line[..space],
            text: &line[space + 1..],
        };
    }
    StampedLine {
        time: None,
        stamp: &[],
        text: line,
    }
}

/// A multiset of texts, stored in one buffer.
#[derive(Debug, Clone, Default)]
struct Texts {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    taken: Vec<bool>,
}

impl Texts {
    fn push(&mut self, text: &[u8]) {
        self.bytes.extend_from_slice(text);
        self.ends.push(self.bytes.len());
        self.taken.push(false);
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
        self.taken.clear();
    }

    /// Remove one occurrence of `text`; whether there was one.
    fn take(&mut self, text: &[u8]) -> bool {
        let mut start = 0;
        for (i, end) in self.ends.iter().enumerate() {
            if !self.taken[i] && &self.bytes[start..*end] == text {
                self.taken[i] = true;
                return true;
            }
            start = *end;
        }
        false
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// Where one source stands: the timestamp of the last line printed and the texts printed at
/// exactly that timestamp.
#[derive(Debug, Clone, Default)]
pub struct Cursor {
    last: Option<Timestamp>,
    at_last: Texts,
    /// While resuming: the lines at `last` that were printed already and must not come twice.
    resuming: Option<Texts>,
    printed: u64,
}

impl Cursor {
    /// A cursor that has printed nothing.
    pub fn new() -> Self {
        Cursor::default()
    }

    /// `sinceTime` for resuming: the last printed line's timestamp, rounded down to the second
    /// (the API takes whole seconds; rounding up could lose lines).
    pub fn since_time(&self) -> Option<Timestamp> {
        let last = self.last?;
        Some(Timestamp::from_second(last.as_second()).unwrap_or(last))
    }

    /// Whether any line with a timestamp was printed.
    pub fn has_position(&self) -> bool {
        self.last.is_some()
    }

    /// Lines printed so far.
    pub fn printed(&self) -> u64 {
        self.printed
    }

    /// A stream from [`Cursor::since_time`] starts: skip what was printed already.
    pub fn begin_resume(&mut self) {
        if self.last.is_some() {
            self.resuming = Some(self.at_last.clone());
        }
    }

    /// Whether to print a line with this timestamp and text (and remember it if so).
    pub fn admit(&mut self, time: Option<Timestamp>, text: &[u8]) -> bool {
        let Some(time) = time else {
            self.printed += 1;
            return true;
        };
        if let (Some(last), Some(skip)) = (self.last, self.resuming.as_mut()) {
            match time.cmp(&last) {
                std::cmp::Ordering::Less => return false,
                std::cmp::Ordering::Equal => {
                    if skip.take(text) {
                        return false;
                    }
                }
                std::cmp::Ordering::Greater => self.resuming = None,
            }
        }
        match self.last {
            Some(last) if time == last => self.at_last.push(text),
            Some(last) if time < last => {}
            _ => {
                self.last = Some(time);
                self.at_last.clear();
                self.at_last.push(text);
            }
        }
        self.printed += 1;
        true
    }

    /// How many lines share the last timestamp (for tests and diagnostics).
    pub fn lines_at_last(&self) -> usize {
        self.at_last.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(splitter: &mut LineSplitter, chunk: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        splitter.feed(chunk, |l| out.push(String::from_utf8_lossy(l).into_owned()));
        out
    }

    #[test]
    fn splitter_keeps_cut_lines_until_complete() {
        let mut s = LineSplitter::default();
        assert_eq!(lines(&mut s, b"a\nbb"), ["a"]);
        assert_eq!(lines(&mut s, b"b"), Vec::<String>::new());
        assert_eq!(lines(&mut s, b"b\nc\n\nd"), ["bbbb", "c", ""]);
        assert_eq!(s.take_rest(), Some(b"d".to_vec()));
        assert_eq!(s.take_rest(), None);
        assert_eq!(lines(&mut s, b"half"), Vec::<String>::new());
        s.discard();
        assert_eq!(lines(&mut s, b"whole\n"), ["whole"]);
    }

    #[test]
    fn stamps_are_split_and_parsed() {
        let l = split_stamp(b"2025-01-02T03:04:05.123456789Z hello world");
        assert_eq!(l.text, b"hello world");
        assert_eq!(l.stamp, b"2025-01-02T03:04:05.123456789Z");
        assert_eq!(
            l.time,
            Some("2025-01-02T03:04:05.123456789Z".parse().unwrap())
        );
        let plain = split_stamp(b"no stamp here");
        assert_eq!(plain.time, None);
        assert_eq!(plain.text, b"no stamp here");
        let empty_text = split_stamp(b"2025-01-02T03:04:05Z ");
        assert_eq!(empty_text.text, b"");
        assert!(empty_text.time.is_some());
    }

    fn ts(s: &str) -> Option<Timestamp> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn resume_skips_what_was_printed_and_nothing_else() {
        let mut c = Cursor::new();
        assert!(c.admit(ts("2025-01-01T00:00:01.5Z"), b"a"));
        assert!(c.admit(ts("2025-01-01T00:00:02.25Z"), b"b"));
        assert!(c.admit(ts("2025-01-01T00:00:02.25Z"), b"c"));
        assert!(c.admit(ts("2025-01-01T00:00:02.25Z"), b"b"));
        assert_eq!(c.lines_at_last(), 3);
        // the stream broke after these; resume from the second
        assert_eq!(c.since_time(), ts("2025-01-01T00:00:02Z"));
        c.begin_resume();
        // the server sends the whole second again
        assert!(!c.admit(ts("2025-01-01T00:00:02.1Z"), b"older"));
        assert!(!c.admit(ts("2025-01-01T00:00:02.25Z"), b"b"));
        assert!(!c.admit(ts("2025-01-01T00:00:02.25Z"), b"c"));
        assert!(!c.admit(ts("2025-01-01T00:00:02.25Z"), b"b"));
        // a third "b" at the same time was not printed before: it is new
        assert!(c.admit(ts("2025-01-01T00:00:02.25Z"), b"b"));
        assert!(c.admit(ts("2025-01-01T00:00:02.25Z"), b"d"));
        assert!(c.admit(ts("2025-01-01T00:00:03Z"), b"e"));
        // past the resume point, equal texts at a new time are new lines
        assert!(c.admit(ts("2025-01-01T00:00:03Z"), b"e"));
        assert_eq!(c.printed(), 8);
    }

    #[test]
    fn resume_twice_in_a_row_keeps_counting() {
        let mut c = Cursor::new();
        assert!(c.admit(ts("2025-01-01T00:00:01Z"), b"x"));
        c.begin_resume();
        assert!(!c.admit(ts("2025-01-01T00:00:01Z"), b"x"));
        assert!(c.admit(ts("2025-01-01T00:00:01Z"), b"y"));
        c.begin_resume();
        assert!(!c.admit(ts("2025-01-01T00:00:01Z"), b"x"));
        assert!(!c.admit(ts("2025-01-01T00:00:01Z"), b"y"));
        assert!(c.admit(ts("2025-01-01T00:00:01Z"), b"z"));
    }

    #[test]
    fn fresh_cursor_prints_everything() {
        let mut c = Cursor::new();
        assert_eq!(c.since_time(), None);
        c.begin_resume();
        assert!(c.admit(ts("2025-01-01T00:00:01Z"), b"x"));
        assert!(c.admit(None, b"unstamped"));
        assert!(c.admit(ts("2025-01-01T00:00:00Z"), b"out of order"));
        assert!(c.has_position());
    }
}
