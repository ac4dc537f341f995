//! CSV records from bytes that come in pieces split anywhere — inside a quoted field, between the `\r` and
//! `\n` of a line end, inside a multi-byte character — each with the line it starts on. csv_core reads the
//! quoting (RFC 4180, CRLF, LF or CR line ends, blank lines skipped); this adds what a reader of the whole
//! text would get: the separator chosen from the first line, a leading BOM dropped, and bytes that are not
//! UTF-8 repaired as `Response.text()` repairs them (U+FFFD).

/// A CSV file's records, read as its bytes are pushed in.
pub struct Records {
    /// `input[at..checked]`: valid UTF-8 not read yet; `input[checked..]`: the start of a character whose end
    /// has not come.
    input: Vec<u8>,
    at: usize,
    checked: usize,
    ended: bool,
    /// Made once the first line is in (its separator is chosen from it).
    core: Option<csv_core::Reader>,
    /// The record being read: its fields' bytes, one after the other, and where each field ends.
    bytes: Vec<u8>,
    ends: Vec<usize>,
    nbytes: usize,
    nends: usize,
    /// The sizes of the last record read, in `bytes` and `ends`.
    last: (usize, usize),
    /// The line of the next byte to read, counting `\n`, `\r\n` and a lone `\r` (which ends a record too) as
    /// one line break each; whether the last byte read was `\r`.
    line: u64,
    after_cr: bool,
    /// The line the record being read starts on, and whether the line breaks before it are still being read.
    record_line: u64,
    before_record: bool,
    /// Bytes read so far, as pushed.
    consumed: u64,
}

/// What a `read` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Read {
    /// A record, starting on this line (1-based): its fields are in `record()`.
    Record(usize),
    /// More bytes are needed (`push`, or `end` if there are none).
    More,
    /// No records left.
    End,
}

/// The fields of the last record read.
#[derive(Default)]
pub struct Fields<'r> {
    text: &'r str,
    ends: &'r [usize],
}

impl<'r> Fields<'r> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, n: usize) -> Option<&'r str> {
        let end = *self.ends.get(n)?;
        let start = if n == 0 { 0 } else { *self.ends.get(n - 1)? };
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'r str> + '_ {
        (0..self.len()).map(|n| self.get(n).unwrap_or_default())
    }
}

const BOM: &[u8] = b"\xef\xbb\xbf";

impl Default for Records {
    fn default() -> Records {
        Records {
            input: Vec::new(),
            at: 0,
            checked: 0,
            ended: false,
            core: None,
            bytes: vec![0; 1024],
            ends: vec![0; 64],
            nbytes: 0,
            nends: 0,
            last: (0, 0),
            line: 1,
            after_cr: false,
            record_line: 1,
            before_record: true,
            consumed: 0,
        }
    }
}

impl Records {
    /// Adds the next bytes of the file.
    pub fn push(&mut self, bytes: &[u8]) {
        self.input.drain(..self.at);
        self.checked -= self.at;
        self.at = 0;
        self.input.extend_from_slice(bytes);
        self.consumed += bytes.len() as u64;
        self.repair_utf8();
    }

    /// Says that the file has no more bytes.
    pub fn end(&mut self) {
        self.ended = true;
        self.repair_utf8();
    }

    /// Bytes pushed and read (not waiting in the buffer).
    pub fn read_bytes(&self) -> u64 {
        self.consumed - (self.input.len() - self.at) as u64
    }

    /// Replaces what is not UTF-8 in `input[checked..]` by U+FFFD, as `String::from_utf8_lossy` would in the
    /// whole text; a character cut at the end waits for its next bytes (until the end).
    fn repair_utf8(&mut self) {
        let rest = &self.input[self.checked..];
        let first = match std::str::from_utf8(rest) {
            Ok(_) => {
                self.checked = self.input.len();
                return;
            }
            Err(e) if e.error_len().is_none() && !self.ended => {
                self.checked += e.valid_up_to();
                return;
            }
            Err(e) => e,
        };
        let mut fixed = Vec::with_capacity(rest.len() + 3);
        let mut tail = 0;
        let mut from = 0;
        let mut e = first;
        loop {
            let good = from + e.valid_up_to();
            fixed.extend_from_slice(&rest[from..good]);
            match e.error_len() {
                None if !self.ended => {
                    tail = rest.len() - good;
                    fixed.extend_from_slice(&rest[good..]);
                    break;
                }
                None => {
                    fixed.extend_from_slice("\u{fffd}".as_bytes());
                    break;
                }
                Some(n) => {
                    fixed.extend_from_slice("\u{fffd}".as_bytes());
                    from = good + n;
                }
            }
            match std::str::from_utf8(&rest[from..]) {
                Ok(_) => {
                    fixed.extend_from_slice(&rest[from..]);
                    break;
                }
                Err(next) => e = next,
            }
        }
        self.input.truncate(self.checked);
        self.input.extend_from_slice(&fixed);
        self.checked = self.input.len() - tail;
    }

    /// Makes the CSV reader once the first line is in: its separator is the one of `,` `;` and tab that the
    /// first line has most of. False while the first line is not complete.
    fn start(&mut self) -> bool {
        let mut text = &self.input[self.at..self.checked];
        let line_end = text.iter().position(|&b| b == b'\n');
        if line_end.is_none() && !self.ended {
            return false;
        }
        while let Some(rest) = text.strip_prefix(BOM) {
            text = rest;
            self.at += BOM.len();
        }
        let first_line = &text[..text.iter().position(|&b| b == b'\n').unwrap_or(text.len())];
        let delimiter = [b',', b';', b'\t']
            .into_iter()
            .max_by_key(|d| first_line.iter().filter(|b| *b == d).count())
            .unwrap_or(b',');
        self.core = Some(csv_core::ReaderBuilder::new().delimiter(delimiter).build());
        true
    }

    /// Reads the next record.
    pub fn read(&mut self) -> Read {
        if self.core.is_none() && !self.start() {
            return Read::More;
        }
        let Some(core) = &mut self.core else { return Read::More };
        loop {
            let input = &self.input[self.at..self.checked];
            if self.before_record {
                // A record's line is the one of its first byte: after the line breaks that end the last one.
                let n = input.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
                if n > 0 {
                    // Given to the reader apart, which skips them, to be counted.
                    let (_, nin, _, _) = core.read_record(&input[..n], &mut self.bytes[self.nbytes..], &mut self.ends[self.nends..]);
                    count_lines(&input[..nin], &mut self.line, &mut self.after_cr);
                    self.at += nin;
                    if nin > 0 {
                        continue;
                    }
                }
                if !input.is_empty() {
                    self.before_record = false;
                    self.record_line = self.line;
                }
            }
            if input.is_empty() && !self.ended {
                return Read::More;
            }
            let (result, nin, nout, nend) = core.read_record(input, &mut self.bytes[self.nbytes..], &mut self.ends[self.nends..]);
            count_lines(&input[..nin], &mut self.line, &mut self.after_cr);
            self.at += nin;
            self.nbytes += nout;
            self.nends += nend;
            match result {
                csv_core::ReadRecordResult::InputEmpty if !self.ended => return Read::More,
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => self.bytes.resize(self.bytes.len() * 2, 0),
                csv_core::ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                csv_core::ReadRecordResult::Record => {
                    self.last = (std::mem::take(&mut self.nbytes), std::mem::take(&mut self.nends));
                    self.before_record = true;
                    return Read::Record(self.record_line as usize);
                }
                csv_core::ReadRecordResult::End => return Read::End,
            }
        }
    }

    /// The fields of the record `read` last returned.
    pub fn record(&self) -> Fields<'_> {
        let (nbytes, nends) = self.last;
        // Valid: the input is, and the reader only drops ASCII bytes (quotes, separators, line ends).
        let text = std::str::from_utf8(&self.bytes[..nbytes]).unwrap_or_default();
        Fields { text, ends: &self.ends[..nends] }
    }
}

/// Adds the line breaks in `bytes` to `line`: `\n`, `\r\n` and a lone `\r` (csv_core's own count, of `\n`
/// only, would give every record of a file with `\r` line ends the same line). `after_cr` carries whether the
/// last byte was `\r` from one call to the next, since a `\r\n` may be split between them.
fn count_lines(bytes: &[u8], line: &mut u64, after_cr: &mut bool) {
    for &b in bytes {
        if b == b'\r' || (b == b'\n' && !*after_cr) {
            *line += 1;
        }
        *after_cr = b == b'\r';
    }
}
