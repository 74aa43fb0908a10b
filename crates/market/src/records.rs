//! Records from a byte stream, before their fields mean anything: CSV records with the line each
//! begins on, and lines with a cap. The CSV reader is RFC 4180 as the `csv` crate reads it (quotes
//! doubled inside quoted fields, a quote inside an unquoted field kept as is, records ended by
//! `\n`, `\r\n` or `\r`, blank lines skipped), plus what that crate does not do: it counts lines
//! right whatever the line ends, and a quoted field that never closes, or a record past the cap,
//! is a problem named by its line instead of a quiet end of file or an allocation without end.

use std::io::{self, BufRead};

/// UTF-8's byte order mark, which some programs (Excel, Notepad) write at the start of a file.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One CSV record: its fields, and the line it begins on (from 1).
#[derive(Debug, Default)]
pub(crate) struct CsvRecord {
    pub line: u64,
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl CsvRecord {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.bytes[start..end])
    }

    fn clear(&mut self) {
        self.line = 0;
        self.bytes.clear();
        self.ends.clear();
    }

    fn end_field(&mut self) {
        self.ends.push(self.bytes.len());
    }
}

#[derive(Debug)]
pub(crate) enum CsvProblem {
    /// A quoted field (the `field`th of the record beginning on `line`, its quote on
    /// `quote_line`) never closes: the input ends inside it (`at_end`), or it runs on past the
    /// most lines a field may span. Reading goes on from the line after the quote's.
    Unclosed {
        line: u64,
        quote_line: u64,
        field: usize,
        at_end: bool,
    },
    /// The record beginning on `line` is longer than the cap; reading stops.
    TooLong { line: u64 },
    /// The input failed on `line`; reading stops.
    Io { line: u64, error: io::Error },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between records: line ends here are blank lines.
    Between,
    /// At the start of a field.
    Field,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the end of the field, or the first of two.
    QuoteInQuoted,
}

pub(crate) struct CsvRecords<R> {
    input: R,
    /// Bytes to read before the input again: the rest of a record whose quote never closed.
    replay: Vec<u8>,
    replayed: usize,
    /// The line the next byte is on.
    line: u64,
    /// The last byte was a carriage return: a line feed right after it ends the same line.
    after_cr: bool,
    started: bool,
    finished: bool,
    max_record: usize,
    max_field_lines: u64,
    /// The current record as read, for reading again after an unclosed quote.
    raw: Vec<u8>,
}

impl<R: BufRead> CsvRecords<R> {
    /// Records of at most `max_record` bytes, with quoted fields over at most `max_field_lines`
    /// line breaks.
    pub fn new(input: R, max_record: usize, max_field_lines: u64) -> CsvRecords<R> {
        CsvRecords {
            input,
            replay: Vec::new(),
            replayed: 0,
            line: 1,
            after_cr: false,
            started: false,
            finished: false,
            max_record,
            max_field_lines,
            raw: Vec::new(),
        }
    }

    /// Reads the next record into `rec`; `None` at the end of the input.
    pub fn read(&mut self, rec: &mut CsvRecord) -> Option<Result<(), CsvProblem>> {
        if self.finished {
            return None;
        }
        if !self.started {
            self.started = true;
            match self.input.fill_buf() {
                Ok(buf) if buf.starts_with(BOM) => self.input.consume(BOM.len()),
                Ok(_) => {}
                Err(error) => return Some(Err(self.stop(error))),
            }
        }
        rec.clear();
        self.raw.clear();
        let mut state = State::Between;
        let (mut quote_line, mut quote_field, mut quote_at) = (0, 0, 0);
        loop {
            let from_replay = self.replayed < self.replay.len();
            let chunk = if from_replay {
                &self.replay[self.replayed..]
            } else {
                match self.input.fill_buf() {
                    Ok(chunk) => chunk,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(error) => return Some(Err(self.stop(error))),
                }
            };
            if chunk.is_empty() {
                return match state {
                    State::Between => {
                        self.finished = true;
                        None
                    }
                    State::Quoted => Some(Err(self.unclosed(
                        rec.line,
                        quote_line,
                        quote_field,
                        quote_at,
                        true,
                    ))),
                    _ => {
                        rec.end_field();
                        Some(Ok(()))
                    }
                };
            }
            let (mut used, mut ended) = (0, false);
            let mut problem = None;
            for &b in chunk {
                used += 1;
                let at = self.line;
                if b == b'\r' || (b == b'\n' && !self.after_cr) {
                    self.line += 1;
                }
                self.after_cr = b == b'\r';
                let line_end = b == b'\n' || b == b'\r';
                if state == State::Between {
                    if line_end {
                        continue;
                    }
                    rec.line = at;
                    state = State::Field;
                }
                self.raw.push(b);
                match state {
                    State::Between => unreachable!("a record has begun"),
                    State::Field | State::Unquoted if b == b',' => {
                        rec.end_field();
                        state = State::Field;
                    }
                    State::Field if b == b'"' => {
                        state = State::Quoted;
                        (quote_line, quote_field, quote_at) = (at, rec.len(), self.raw.len());
                    }
                    State::Field | State::Unquoted | State::QuoteInQuoted if line_end => {
                        rec.end_field();
                        ended = true;
                        break;
                    }
                    State::Field | State::Unquoted => {
                        rec.bytes.push(b);
                        state = State::Unquoted;
                    }
                    State::Quoted if b == b'"' => state = State::QuoteInQuoted,
                    State::Quoted => rec.bytes.push(b),
                    State::QuoteInQuoted => match b {
                        b'"' => {
                            rec.bytes.push(b);
                            state = State::Quoted;
                        }
                        b',' => {
                            rec.end_field();
                            state = State::Field;
                        }
                        _ => {
                            rec.bytes.push(b);
                            state = State::Unquoted;
                        }
                    },
                }
                if self.raw.len() > self.max_record {
                    problem = Some(false);
                    break;
                }
                if state == State::Quoted && self.line - quote_line > self.max_field_lines {
                    problem = Some(true);
                    break;
                }
            }
            if from_replay {
                self.replayed += used;
            } else {
                self.input.consume(used);
            }
            match problem {
                Some(false) => {
                    self.finished = true;
                    return Some(Err(CsvProblem::TooLong { line: rec.line }));
                }
                Some(true) => {
                    return Some(Err(self.unclosed(
                        rec.line,
                        quote_line,
                        quote_field,
                        quote_at,
                        false,
                    )));
                }
                None if ended => return Some(Ok(())),
                None => {}
            }
        }
    }

    fn stop(&mut self, error: io::Error) -> CsvProblem {
        self.finished = true;
        CsvProblem::Io {
            line: self.line,
            error,
        }
    }

    /// The quote opened at `quote_at` in the record read so far never closes: what follows the
    /// line it opened on is read again as records.
    fn unclosed(
        &mut self,
        line: u64,
        quote_line: u64,
        field: usize,
        quote_at: usize,
        at_end: bool,
    ) -> CsvProblem {
        if let Some(at) = self.raw[quote_at..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
        {
            let after = quote_at + at + 1;
            let mut replay = self.raw[after..].to_vec();
            replay.extend_from_slice(&self.replay[self.replayed..]);
            (self.replay, self.replayed) = (replay, 0);
            self.line = quote_line + 1;
            // A line feed right after the carriage return ends the same line.
            self.after_cr = self.raw[after - 1] == b'\r';
        }
        CsvProblem::Unclosed {
            line,
            quote_line,
            field,
            at_end,
        }
    }
}

/// How a capped line read ended.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line (with its `\n`, unless the input ended first) is in the buffer.
    Read,
    /// The input ended before another line.
    End,
    /// The line is longer than the cap: the buffer holds its first bytes, the rest is unread.
    TooLong,
}

/// Reads the next line into `buf` (cleared first), as `BufRead::read_until` does, but never more
/// than `max` bytes before its `\n`.
pub(crate) fn read_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Line> {
    buf.clear();
    loop {
        let chunk = match input.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(match buf.len() {
                0 => Line::End,
                n if n > max => Line::TooLong,
                _ => Line::Read,
            });
        }
        let (used, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (chunk.len(), false),
        };
        let room = (max + 1).saturating_sub(buf.len());
        if used > room {
            let kept = room.min(chunk.len());
            buf.extend_from_slice(&chunk[..kept]);
            input.consume(kept);
            return Ok(Line::TooLong);
        }
        buf.extend_from_slice(&chunk[..used]);
        input.consume(used);
        if done {
            return Ok(Line::Read);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &[u8], max: usize, lines: u64) -> Vec<Result<(u64, Vec<String>), String>> {
        // A tiny buffer, so records and line ends straddle reads.
        let input = io::BufReader::with_capacity(3, text);
        let mut csv = CsvRecords::new(input, max, lines);
        let mut rec = CsvRecord::default();
        let mut out = Vec::new();
        while let Some(got) = csv.read(&mut rec) {
            out.push(match got {
                Ok(()) => Ok((
                    rec.line,
                    (0..rec.len())
                        .map(|i| String::from_utf8_lossy(rec.get(i).unwrap()).into_owned())
                        .collect(),
                )),
                Err(problem) => Err(format!("{problem:?}")),
            });
        }
        out
    }

    fn ok(line: u64, fields: &[&str]) -> Result<(u64, Vec<String>), String> {
        Ok((line, fields.iter().map(|f| f.to_string()).collect()))
    }

    #[test]
    fn fields_as_the_csv_crate_reads_them() {
        let text = b"\xEF\xBB\xBFa,\"b,\"\"c\"\"\",5\" tall\n\n,\"x\"y,\r\n\"two\nlines\",z\rlast";
        assert_eq!(
            records(text, 100, 10),
            vec![
                ok(1, &["a", "b,\"c\"", "5\" tall"]),
                ok(3, &["", "xy", ""]),
                ok(4, &["two\nlines", "z"]),
                ok(6, &["last"]),
            ]
        );
    }

    #[test]
    fn crlf_lines_count_once() {
        let text = b"h1,h2\r\na,b\r\n\r\nc,\"d\r\ne\"\r\nf,g\r\n";
        let lines: Vec<u64> = records(text, 100, 10)
            .into_iter()
            .map(|r| r.unwrap().0)
            .collect();
        assert_eq!(lines, [1, 2, 4, 6]);
    }

    #[test]
    fn an_unclosed_quote_is_named_and_reading_goes_on_after_its_line() {
        let text = b"h,t\nAcme,\"python\nBeta,sql\nGamma,go\n";
        let got = records(text, 100, 10);
        assert_eq!(
            got[1],
            Err("Unclosed { line: 2, quote_line: 2, field: 1, at_end: true }".into())
        );
        assert_eq!(got[2..], [ok(3, &["Beta", "sql"]), ok(4, &["Gamma", "go"])]);
        // A file cut inside its last quoted field.
        let got = records(b"h,t\nAcme,\"text cut sh", 100, 10);
        assert_eq!(got.len(), 2);
        assert!(got[1].as_ref().unwrap_err().contains("quote_line: 2"));
    }

    #[test]
    fn a_quoted_field_over_too_many_lines_is_reported() {
        let text = b"h,t\nAcme,\"a\nb\nc\nd\nBeta,sql\n";
        let got = records(text, 100, 2);
        assert_eq!(
            got[1],
            Err("Unclosed { line: 2, quote_line: 2, field: 1, at_end: false }".into())
        );
        assert_eq!(got[2], ok(3, &["b"]));
        assert_eq!(got.last().unwrap(), &ok(6, &["Beta", "sql"]));
    }

    #[test]
    fn a_record_past_the_cap_stops_reading() {
        let mut text = b"h,t\nAcme,".to_vec();
        text.extend(vec![b'x'; 50]);
        text.extend(b"\nBeta,sql\n");
        let got = records(&text, 20, 10);
        assert_eq!(
            got,
            vec![ok(1, &["h", "t"]), Err("TooLong { line: 2 }".into())]
        );
    }

    #[test]
    fn lines_are_capped() {
        let mut input = io::BufReader::with_capacity(4, &b"ab\ncdefgh\nij"[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut input, &mut buf, 5).unwrap(), Line::Read);
        assert_eq!(buf, b"ab\n");
        assert_eq!(read_line(&mut input, &mut buf, 5).unwrap(), Line::TooLong);
        assert_eq!(buf.len(), 6);
        let mut input = io::BufReader::with_capacity(4, &b"ab\nij"[..]);
        read_line(&mut input, &mut buf, 5).unwrap();
        assert_eq!(read_line(&mut input, &mut buf, 5).unwrap(), Line::Read);
        assert_eq!(buf, b"ij");
        assert_eq!(read_line(&mut input, &mut buf, 5).unwrap(), Line::End);
    }
}
