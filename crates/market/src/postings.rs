//! Reading job postings from CSV, JSON Lines and Parquet files, one record at a time, with the
//! columns employer, title, date and text (their names mappable). A row that cannot be used is a
//! [`BadRow`] naming its line (or, in Parquet, its row) and field; the caller decides whether that
//! stops the import. A file with no postings at all, or whose first record is past
//! [`MAX_RECORD`], is refused when opened.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::civil::Date;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, reader::RowIter};
use parquet::schema::types::Type;
use thiserror::Error;

use crate::records::{self, CsvProblem, CsvRecord, CsvRecords, Line};

/// The most one posting (a CSV record, a JSON line) may take: 1 MiB, many times the longest job
/// ad. It bounds what is held at once, so a file that is not what it claims (or `/dev/zero`)
/// stops at its first MiB instead of filling memory. A record past it ends the reading.
pub const MAX_RECORD: usize = 1 << 20;
/// The most lines a quoted CSV field may span. A posting's text runs to a few dozen lines; a
/// field that runs on for a thousand has almost surely lost its closing quote and swallowed the
/// rows after it. It is reported, and reading goes on from the line after its opening quote.
pub const MAX_FIELD_LINES: u64 = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Jsonl,
    Parquet,
}

impl Format {
    /// Every choice, in the order a list of them shows.
    pub const ALL: [Format; 3] = [Format::Csv, Format::Jsonl, Format::Parquet];

    /// From the file's extension: .csv, .jsonl/.ndjson/.json, .parquet/.pq.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "parquet" | "pq" => Some(Format::Parquet),
            _ => None,
        }
    }
}

/// The names of the four columns in the file, with the flag that renames each.
#[derive(Debug, Clone)]
pub struct Columns {
    pub employer: String,
    pub title: String,
    pub date: String,
    pub text: String,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            employer: "employer".into(),
            title: "title".into(),
            date: "date".into(),
            text: "text".into(),
        }
    }
}

impl Columns {
    fn named(&self) -> [(&str, &'static str); 4] {
        [
            (&self.employer, "--employer-column"),
            (&self.title, "--title-column"),
            (&self.date, "--date-column"),
            (&self.text, "--text-column"),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Line of the file (CSV, JSON Lines) or row number (Parquet), from 1.
    pub line: u64,
    pub employer: String,
    pub title: String,
    pub posted: Date,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BadRow {
    pub unit: &'static str,
    pub line: u64,
    /// The column as the file names it, or `None` when the row as a whole is broken.
    pub field: Option<String>,
    pub message: String,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: ", self.unit, self.line)?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for BadRow {}

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot read {path}")]
    Open {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: no column \"{column}\" (columns: {found}); name the column with {flag} NAME")]
    MissingColumn {
        path: PathBuf,
        column: String,
        flag: &'static str,
        found: String,
    },
    #[error("{path}: not a readable {format} file: {message}")]
    Unreadable {
        path: PathBuf,
        format: &'static str,
        message: String,
    },
    /// The file's first record (the header, in CSV) cannot be read: nothing was.
    #[error("{path}: line {line}: {message}")]
    Broken {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("{path}: {what}; nothing to import")]
    Empty { path: PathBuf, what: &'static str },
}

impl ReadError {
    /// The line (CSV, JSON Lines) the error is about, when it is about one.
    pub fn line(&self) -> Option<u64> {
        match self {
            ReadError::Broken { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The column the error is about, when it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            ReadError::MissingColumn { column, .. } => Some(column),
            _ => None,
        }
    }
}

/// Records as read, and how far through the file the reader is.
pub struct Reader {
    pub records: Box<dyn Iterator<Item = Result<Record, BadRow>> + Send>,
    /// Bytes (CSV, JSON Lines) or rows (Parquet) in the whole file.
    pub total: u64,
    /// Bytes or rows read so far.
    pub done: Arc<AtomicU64>,
    pub unit: &'static str,
}

/// Opens `path` for reading postings dated no later than `latest`.
pub fn open(
    path: &Path,
    format: Format,
    columns: &Columns,
    latest: Date,
) -> Result<Reader, ReadError> {
    let file = File::open(path).map_err(|source| ReadError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let done = Arc::new(AtomicU64::new(0));
    let check = Check {
        latest,
        columns: columns.clone(),
    };
    let missing = |column: &str, flag, found: Vec<String>| ReadError::MissingColumn {
        path: path.to_path_buf(),
        column: column.to_string(),
        flag,
        found: found.join(", "),
    };
    let counted = |file| BufReader::with_capacity(64 << 10, Counted::new(file, done.clone()));
    let broken = |line, message| ReadError::Broken {
        path: path.to_path_buf(),
        line,
        message,
    };
    let empty = |what| ReadError::Empty {
        path: path.to_path_buf(),
        what,
    };
    match format {
        Format::Csv => {
            let mut csv = CsvRecords::new(counted(file), MAX_RECORD, MAX_FIELD_LINES);
            let mut header = CsvRecord::default();
            match csv.read(&mut header) {
                None => return Err(empty("empty, not even a header line")),
                Some(Err(problem)) => {
                    let bad = csv_bad(&check, problem, &[]);
                    return Err(broken(bad.line, format!("the header: {}", bad.message)));
                }
                Some(Ok(())) => {}
            }
            let headers: Vec<String> = (0..header.len())
                .map(|i| {
                    let name = header.get(i).expect("within the record");
                    String::from_utf8_lossy(name).trim().to_string()
                })
                .collect();
            let mut at = [0usize; 4];
            for (slot, (name, flag)) in at.iter_mut().zip(columns.named()) {
                *slot = headers
                    .iter()
                    .position(|h| h == name)
                    .ok_or_else(|| missing(name, flag, headers.clone()))?;
            }
            // The first record is read now, so a file without postings is refused before the
            // caller starts an import.
            let mut rec = CsvRecord::default();
            let mut first = match csv.read(&mut rec) {
                None => return Err(empty("only a header, no postings")),
                Some(Err(problem @ (CsvProblem::TooLong { .. } | CsvProblem::Io { .. }))) => {
                    let bad = csv_bad(&check, problem, &headers);
                    return Err(broken(bad.line, bad.message));
                }
                Some(first) => Some(first),
            };
            let records = std::iter::from_fn(move || {
                let read = match first.take() {
                    Some(read) => read,
                    None => csv.read(&mut rec)?,
                };
                Some(match read {
                    Ok(()) => csv_record(&check, &rec, &headers, at),
                    Err(problem) => Err(csv_bad(&check, problem, &headers)),
                })
            });
            Ok(Reader {
                records: Box::new(records),
                total: size,
                done,
                unit: "bytes",
            })
        }
        Format::Jsonl => {
            let mut lines = JsonLines {
                input: counted(file),
                line: 0,
                finished: false,
            };
            let mut buf = Vec::new();
            let mut first = match lines.next(&mut buf) {
                None => return Err(empty("no postings, not one line of JSON")),
                Some(Err(bad)) => return Err(broken(bad.line, bad.message)),
                Some(Ok(line)) => Some(line),
            };
            let columns = columns.clone();
            let records = std::iter::from_fn(move || {
                let line = match first.take() {
                    Some(line) => line,
                    None => match lines.next(&mut buf)? {
                        Ok(line) => line,
                        Err(bad) => return Some(Err(bad)),
                    },
                };
                Some(json_record(&check, &columns, line, &buf))
            });
            Ok(Reader {
                records: Box::new(records),
                total: size,
                done,
                unit: "bytes",
            })
        }
        Format::Parquet => parquet_reader(path, file, columns, check, done),
    }
}

/// How to fix text that is not UTF-8, said wherever it is found.
pub const NOT_UTF8_FIX: &str =
    "save the file as UTF-8 (e.g. `iconv -f windows-1252 -t utf-8 FILE > FILE.utf8`)";

/// Where in `bytes` UTF-8 breaks, as "column C (byte 0xNN)", or `None` when it is all UTF-8.
fn utf8_break(bytes: &[u8]) -> Option<String> {
    let err = std::str::from_utf8(bytes).err()?;
    let good = &bytes[..err.valid_up_to()];
    let line_start = good
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
    let byte = bytes[err.valid_up_to()];
    Some(format!("column {column} (byte 0x{byte:02X})"))
}

fn csv_record(
    check: &Check,
    rec: &CsvRecord,
    headers: &[String],
    at: [usize; 4],
) -> Result<Record, BadRow> {
    let line = rec.line;
    if rec.len() != headers.len() {
        return Err(check.broken(
            "line",
            line,
            format!(
                "{} fields where the header has {}",
                rec.len(),
                headers.len()
            ),
        ));
    }
    let get = |i: usize| -> Result<Option<String>, BadRow> {
        let bytes = rec.get(at[i]).expect("as many fields as the header");
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Some(text.to_string())),
            Err(_) => {
                let place = utf8_break(bytes).unwrap_or_default();
                Err(check.field(
                    "line",
                    line,
                    &headers[at[i]],
                    format!("not valid UTF-8 at {place} of the field; {NOT_UTF8_FIX}"),
                ))
            }
        }
    };
    let (employer, title, date, text) = (get(0)?, get(1)?, get(2)?, get(3)?);
    check.record("line", line, employer, title, date.map(When::Text), text)
}

fn csv_bad(check: &Check, problem: CsvProblem, headers: &[String]) -> BadRow {
    match problem {
        CsvProblem::Unclosed {
            line,
            quote_line,
            field,
            at_end,
        } => {
            let (unit, line) = ("line", quote_line.max(line));
            let message = if at_end {
                "a quoted field begins here and never ends: the file ends inside it (a closing \" \
                 is missing, or the file was cut short)"
                    .to_string()
            } else {
                format!(
                    "a quoted field begins here and runs on for over {MAX_FIELD_LINES} lines \
                     without its closing \"; one is probably missing (the lines after it were \
                     read as rows again)"
                )
            };
            match headers.get(field) {
                Some(name) => check.field(unit, line, name, message),
                None => check.broken(unit, line, message),
            }
        }
        CsvProblem::TooLong { line } => check.broken(
            "line",
            line,
            format!(
                "a record over {} MiB, the most one posting may be; reading stopped here, the \
                 rest of the file was not read (is it CSV?)",
                MAX_RECORD >> 20
            ),
        ),
        CsvProblem::Io { line, error } => check.broken(
            "line",
            line,
            format!("cannot read on: {error}; reading stopped here"),
        ),
    }
}

/// JSON Lines: one record a line, blank lines skipped, each line at most [`MAX_RECORD`].
struct JsonLines<R> {
    input: R,
    /// The line last read.
    line: u64,
    finished: bool,
}

impl<R: std::io::BufRead> JsonLines<R> {
    /// Reads the next line that is not blank into `buf`, and says which line it is.
    fn next(&mut self, buf: &mut Vec<u8>) -> Option<Result<u64, BadRow>> {
        let stop = |line, message: String| BadRow {
            unit: "line",
            line,
            field: None,
            message: format!("{message}; reading stopped here, the rest of the file was not read"),
        };
        while !self.finished {
            self.line += 1;
            let read = records::read_line(&mut self.input, buf, MAX_RECORD);
            if self.line == 1 && buf.starts_with(records::BOM) {
                buf.drain(..records::BOM.len());
            }
            match read {
                Ok(Line::End) => self.finished = true,
                Ok(Line::Read) if buf.iter().all(u8::is_ascii_whitespace) => {}
                Ok(Line::Read) => return Some(Ok(self.line)),
                Ok(Line::TooLong) => {
                    self.finished = true;
                    let limit = MAX_RECORD >> 20;
                    let message = format!(
                        "a line over {limit} MiB, the most one posting may be (is it JSON Lines?)"
                    );
                    return Some(Err(stop(self.line, message)));
                }
                Err(e) => {
                    self.finished = true;
                    return Some(Err(stop(self.line, format!("cannot read on: {e}"))));
                }
            }
        }
        None
    }
}

fn json_record(check: &Check, columns: &Columns, line: u64, buf: &[u8]) -> Result<Record, BadRow> {
    if let Some(place) = utf8_break(buf) {
        let message = format!("not valid UTF-8 at {place}; {NOT_UTF8_FIX}");
        return Err(check.broken("line", line, message));
    }
    let value: serde_json::Value = serde_json::from_slice(buf).map_err(|e| {
        let message = format!("not JSON: {e}");
        let message = message.replace(" at line 1 column", " at column");
        check.broken("line", line, message)
    })?;
    let serde_json::Value::Object(object) = value else {
        return Err(check.broken("line", line, "not a JSON object".into()));
    };
    let mut fields = [None, None, None, None];
    for (slot, (name, _)) in fields.iter_mut().zip(columns.named()) {
        *slot = match object.get(name) {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(other) => {
                return Err(check.field("line", line, name, format!("{other} is not text")));
            }
        };
    }
    let [employer, title, date, text] = fields;
    check.record("line", line, employer, title, date.map(When::Text), text)
}

fn parquet_reader(
    path: &Path,
    file: File,
    columns: &Columns,
    check: Check,
    done: Arc<AtomicU64>,
) -> Result<Reader, ReadError> {
    let unreadable = |e: parquet::errors::ParquetError| ReadError::Unreadable {
        path: path.to_path_buf(),
        format: "Parquet",
        message: e.to_string(),
    };
    let reader = SerializedFileReader::new(file).map_err(unreadable)?;
    let schema = reader.metadata().file_metadata().schema();
    let fields = schema.get_fields();
    let names: Vec<String> = fields.iter().map(|f| f.name().to_string()).collect();
    let mut wanted = Vec::new();
    for (name, flag) in columns.named() {
        let field =
            fields
                .iter()
                .find(|f| f.name() == name)
                .ok_or_else(|| ReadError::MissingColumn {
                    path: path.to_path_buf(),
                    column: name.to_string(),
                    flag,
                    found: names.join(", "),
                })?;
        wanted.push(field.clone());
    }
    let total = reader.metadata().file_metadata().num_rows().max(0) as u64;
    if total == 0 {
        return Err(ReadError::Empty {
            path: path.to_path_buf(),
            what: "no rows",
        });
    }
    let projection = Type::group_type_builder(schema.name())
        .with_fields(wanted)
        .build()
        .map_err(unreadable)?;
    let rows = RowIter::from_file_into(Box::new(reader))
        .project(Some(projection))
        .map_err(unreadable)?;
    let columns = columns.clone();
    let counter = done.clone();
    let records = rows.enumerate().map(move |(i, row)| {
        let line = i as u64 + 1;
        counter.store(line, Ordering::Relaxed);
        let row = row.map_err(|e| check.broken("row", line, e.to_string()))?;
        let (mut employer, mut title, mut date, mut text) = (None, None, None, None);
        for (name, field) in row.get_column_iter() {
            let as_text = |f: &Field| match f {
                Field::Str(s) => Ok(Some(s.clone())),
                Field::Null => Ok(None),
                other => Err(check.field("row", line, name, format!("{other} is not text"))),
            };
            if name == &columns.date {
                date = match field {
                    Field::Date(days) => Some(When::Days(i64::from(*days))),
                    Field::TimestampMillis(ms) => Some(When::Days(ms.div_euclid(86_400_000))),
                    Field::TimestampMicros(us) => Some(When::Days(us.div_euclid(86_400_000_000))),
                    other => as_text(other)?.map(When::Text),
                };
            } else if name == &columns.employer {
                employer = as_text(field)?;
            } else if name == &columns.title {
                title = as_text(field)?;
            } else if name == &columns.text {
                text = as_text(field)?;
            }
        }
        check.record("row", line, employer, title, date, text)
    });
    Ok(Reader {
        records: Box::new(records),
        total,
        done,
        unit: "rows",
    })
}

/// A date as a file gives it: text, or days since 1970-01-01 (Parquet DATE, timestamps).
enum When {
    Text(String),
    Days(i64),
}

/// The checks every format shares; a bad field is named as the file names its column.
struct Check {
    latest: Date,
    columns: Columns,
}

impl Check {
    fn broken(&self, unit: &'static str, line: u64, message: String) -> BadRow {
        BadRow {
            unit,
            line,
            field: None,
            message,
        }
    }

    fn field(&self, unit: &'static str, line: u64, field: &str, message: String) -> BadRow {
        BadRow {
            unit,
            line,
            field: Some(field.to_string()),
            message,
        }
    }

    fn record(
        &self,
        unit: &'static str,
        line: u64,
        employer: Option<String>,
        title: Option<String>,
        date: Option<When>,
        text: Option<String>,
    ) -> Result<Record, BadRow> {
        let required = |name: &str, value: Option<String>| {
            value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| self.field(unit, line, name, "empty".into()))
        };
        let names = &self.columns;
        let employer = required(&names.employer, employer)?;
        let title = required(&names.title, title)?;
        let text = text
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| self.field(unit, line, &names.text, "empty".into()))?;
        let date_field = |message| self.field(unit, line, &names.date, message);
        let posted = match date {
            None => return Err(date_field("empty".into())),
            Some(When::Days(days)) => jiff::civil::date(1970, 1, 1)
                .checked_add(jiff::Span::new().days(days))
                .map_err(|e| date_field(e.to_string()))?,
            Some(When::Text(t)) => parse_day(&t)
                .ok_or_else(|| date_field(format!("\"{t}\" is not a date like 2026-03-01")))?,
        };
        if posted > self.latest {
            return Err(date_field(format!(
                "{posted} is after today ({})",
                self.latest
            )));
        }
        Ok(Record {
            line,
            employer,
            title,
            posted,
            text,
        })
    }
}

/// `2026-03-01`, or a date and time starting so (`2026-03-01T09:30:00Z`, `2026-03-01 09:30`).
fn parse_day(text: &str) -> Option<Date> {
    let t = text.trim();
    let (day, rest) = (t.get(..10)?, &t[10..]);
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    day.parse().ok()
}

/// A reader that counts the bytes through it, for the progress bar.
struct Counted<R> {
    inner: R,
    done: Arc<AtomicU64>,
}

impl<R> Counted<R> {
    fn new(inner: R, done: Arc<AtomicU64>) -> Counted<R> {
        Counted { inner, done }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The digest that tells a posting imported twice: employer, title, date and text.
pub fn digest(r: &Record) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [
        r.employer.as_bytes(),
        r.title.as_bytes(),
        r.posted.to_string().as_bytes(),
        r.text.as_bytes(),
    ] {
        h.update(part);
        h.update(&[0]);
    }
    h.digest()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 22);

    fn read(
        name: &str,
        text: &str,
        columns: &Columns,
    ) -> Result<Vec<Result<Record, BadRow>>, ReadError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let format = Format::of(&path).unwrap();
        Ok(open(&path, format, columns, TODAY)?.records.collect())
    }

    #[test]
    fn csv_rows_with_a_broken_one_named_by_line() {
        let text = "employer,title,date,text\n\
                    Acme,Data Analyst,2026-03-01,\"SQL and Python,\nacross two lines\"\n\
                    Acme,Data Analyst,2026-03-02\n\
                    Zoë GmbH,Entwickler,2026-03-03T09:00:00Z,Kenntnisse in C++\n\
                    Beta,,2026-03-04,text\n\
                    Beta,Analyst,03/05/2026,text\n\
                    Beta,Analyst,2027-01-01,text\n";
        let rows = read("p.csv", text, &Columns::default()).unwrap();
        assert_eq!(rows.len(), 6);
        let first = rows[0].as_ref().unwrap();
        assert_eq!(
            (first.line, first.text.as_str()),
            (2, "SQL and Python,\nacross two lines")
        );
        assert_eq!(
            rows[1].as_ref().unwrap_err().to_string(),
            "line 4: 3 fields where the header has 4"
        );
        let zoe = rows[2].as_ref().unwrap();
        assert_eq!(
            (zoe.employer.as_str(), zoe.posted),
            ("Zoë GmbH", date(2026, 3, 3))
        );
        assert_eq!(
            rows[3].as_ref().unwrap_err().to_string(),
            "line 6: title: empty"
        );
        assert!(
            rows[4]
                .as_ref()
                .unwrap_err()
                .to_string()
                .starts_with("line 7: date: \"03/05/2026\"")
        );
        assert!(
            rows[5]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("after today")
        );
    }

    #[test]
    fn columns_are_mappable_and_a_missing_one_says_which_flag() {
        let text = "company,job,posted,description\nAcme,Analyst,2026-01-05,SQL\n";
        let err = read("p.csv", text, &Columns::default()).unwrap_err();
        assert_eq!(
            err.to_string().split(": ").nth(1).unwrap(),
            "no column \"employer\" (columns"
        );
        assert!(err.to_string().contains("--employer-column NAME"));
        let columns = Columns {
            employer: "company".into(),
            title: "job".into(),
            date: "posted".into(),
            text: "description".into(),
        };
        let rows = read("p.csv", text, &columns).unwrap();
        assert_eq!(rows[0].as_ref().unwrap().employer, "Acme");
    }

    #[test]
    fn json_lines_skip_blank_lines_and_name_bad_ones() {
        let text = "{\"employer\":\"Acme\",\"title\":\"Analyst\",\"date\":\"2026-01-05\",\"text\":\"SQL\"}\n\
                    \n\
                    {\"employer\":\"Acme\",\"title\":\"Analyst\",\"date\":20260105,\"text\":\"SQL\"}\n\
                    not json\n\
                    {\"employer\":\"Acme\",\"title\":\"Analyst\",\"date\":\"2026-01-06\",\"text\":\"Ünïcödé\"}";
        let rows = read("p.jsonl", text, &Columns::default()).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].as_ref().unwrap().line, 1);
        assert_eq!(
            rows[1].as_ref().unwrap_err().to_string(),
            "line 3: date: 20260105 is not text"
        );
        assert!(
            rows[2]
                .as_ref()
                .unwrap_err()
                .to_string()
                .starts_with("line 4: not JSON")
        );
        assert_eq!(rows[3].as_ref().unwrap().text, "Ünïcödé");
    }

    #[test]
    fn crlf_files_name_the_right_line() {
        let text =
            "employer,title,date,text\r\nAcme,Dev,2020-01-01,python\r\nAcme,Dev,7/30/2020,sql\r\n";
        let rows = read("p.csv", text, &Columns::default()).unwrap();
        assert_eq!(rows[0].as_ref().unwrap().line, 2);
        let bad = rows[1].as_ref().unwrap_err();
        assert_eq!((bad.line, bad.field.as_deref()), (3, Some("date")));
        assert_eq!(
            serde_json::to_value(bad).unwrap()["field"],
            "date",
            "the bare column name"
        );
    }

    #[test]
    fn an_unterminated_quote_names_the_line_its_field_began_on() {
        // A file cut inside its last quoted field.
        let text = "employer,title,date,text\n\
                    Acme,Dev,2020-01-01,\"python\"\n\
                    Beta,Dev,2020-01-02,\"sql and the rest cut sh";
        let rows = read("p.csv", text, &Columns::default()).unwrap();
        assert_eq!(rows.len(), 2);
        let bad = rows[1].as_ref().unwrap_err();
        assert_eq!((bad.line, bad.field.as_deref()), (3, Some("text")));
        assert!(bad.message.contains("never ends"), "{bad}");
        // A quote left open swallows no rows: they are read after its line.
        let text = "employer,title,date,text\n\
                    Acme,Dev,2020-01-01,\"python\n\
                    Acme,Dev,2020-01-02,sql\n\
                    Acme,Dev,2020-01-03,sql\n";
        let rows = read("p.csv", text, &Columns::default()).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].as_ref().unwrap_err().line, 2);
        assert_eq!(rows[2].as_ref().unwrap().line, 4);
    }

    #[test]
    fn a_quoted_field_over_a_thousand_lines_is_reported() {
        let mut text = String::from("employer,title,date,text\nAcme,Dev,2020-01-01,\"python\n");
        for _ in 0..MAX_FIELD_LINES + 5 {
            text.push_str("Acme,Dev,2020-01-02,sql\n");
        }
        let rows = read("p.csv", &text, &Columns::default()).unwrap();
        let bad = rows[0].as_ref().unwrap_err();
        assert_eq!(bad.line, 2);
        assert!(bad.message.contains("over 1000 lines"), "{bad}");
        assert!(rows[1..].iter().all(Result::is_ok));
        assert_eq!(rows.len() as u64, 1 + MAX_FIELD_LINES + 5);
    }

    #[test]
    fn a_record_past_the_cap_is_refused_without_reading_on() {
        let huge = "x".repeat(MAX_RECORD + 10);
        // As the first record (the header, or a file that is not CSV at all): nothing is read.
        let err = read("p.csv", &huge, &Columns::default()).unwrap_err();
        assert!(matches!(err, ReadError::Broken { line: 1, .. }), "{err}");
        assert!(err.to_string().contains("over 1 MiB"), "{err}");
        let err = read("p.jsonl", &huge, &Columns::default()).unwrap_err();
        assert!(
            err.to_string().contains("line 1: a line over 1 MiB"),
            "{err}"
        );
        // Further on: that row is bad and reading stops there.
        let text = format!(
            "employer,title,date,text\nAcme,Dev,2020-01-01,sql\nAcme,Dev,2020-01-02,{huge}\nAcme,Dev,2020-01-03,sql\n"
        );
        let rows = read("p.csv", &text, &Columns::default()).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(
            rows[1]
                .as_ref()
                .unwrap_err()
                .to_string()
                .starts_with("line 3: a record over 1 MiB")
        );
    }

    #[test]
    fn files_without_postings_are_refused() {
        for (name, text, what) in [
            ("p.csv", "", "empty, not even a header line"),
            ("p.csv", "\n\n", "empty, not even a header line"),
            (
                "p.csv",
                "employer,title,date,text\n",
                "only a header, no postings",
            ),
            ("p.jsonl", "", "no postings, not one line of JSON"),
            ("p.jsonl", "\n  \n", "no postings, not one line of JSON"),
        ] {
            let err = read(name, text, &Columns::default()).unwrap_err();
            assert!(
                err.to_string()
                    .ends_with(&format!("{what}; nothing to import")),
                "{name} {text:?}: {err}"
            );
        }
    }

    #[test]
    fn byte_order_marks_are_skipped_and_bad_utf8_is_placed() {
        let jsonl = "\u{feff}{\"employer\":\"Acme\",\"title\":\"Dev\",\"date\":\"2020-01-01\",\"text\":\"SQL\"}\n";
        let rows = read("p.jsonl", jsonl, &Columns::default()).unwrap();
        assert_eq!(rows[0].as_ref().unwrap().employer, "Acme");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jsonl");
        std::fs::write(
            &path,
            b"{\"employer\":\"Acme\"}\n{\"employer\":\"Caf\xe9\"}\n",
        )
        .unwrap();
        let rows: Vec<_> = open(&path, Format::Jsonl, &Columns::default(), TODAY)
            .unwrap()
            .records
            .collect();
        let bad = rows[1].as_ref().unwrap_err().to_string();
        assert!(
            bad.starts_with(
                "line 2: not valid UTF-8 at column 17 (byte 0xE9); save the file as UTF-8"
            ),
            "{bad}"
        );
        let path = dir.path().join("p.csv");
        std::fs::write(
            &path,
            b"\xef\xbb\xbfemployer,title,date,text\nCaf\xe9,Dev,2020-01-01,sql\n",
        )
        .unwrap();
        let rows: Vec<_> = open(&path, Format::Csv, &Columns::default(), TODAY)
            .unwrap()
            .records
            .collect();
        let bad = rows[0].as_ref().unwrap_err().to_string();
        assert!(
            bad.starts_with("line 2: employer: not valid UTF-8 at column 4 (byte 0xE9)"),
            "{bad}"
        );
    }

    #[test]
    fn digests_tell_postings_apart() {
        let r = Record {
            line: 1,
            employer: "Acme".into(),
            title: "Analyst".into(),
            posted: date(2026, 1, 5),
            text: "SQL".into(),
        };
        let mut other = r.clone();
        other.line = 9;
        assert_eq!(digest(&r), digest(&other), "the line does not count");
        other.text = "SQL ".into();
        assert_ne!(digest(&r), digest(&other));
    }
}
