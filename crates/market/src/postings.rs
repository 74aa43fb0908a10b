//! Reading job postings from CSV, JSON Lines and Parquet files, one record at a time, with the
//! columns employer, title, date and text (their names mappable). A row that cannot be used is a
//! [`BadRow`] naming its line (or, in Parquet, its row) and field; the caller decides whether that
//! stops the import.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::civil::Date;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, reader::RowIter};
use parquet::schema::types::Type;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
    Parquet,
}

impl Format {
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

#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize)]
#[error("{unit} {line}: {field}{message}")]
pub struct BadRow {
    pub unit: &'static str,
    pub line: u64,
    /// "employer: " and the like, or empty when the row as a whole is broken.
    pub field: String,
    pub message: String,
}

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
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
    let check = Check { latest };
    let missing = |column: &str, flag, found: Vec<String>| ReadError::MissingColumn {
        path: path.to_path_buf(),
        column: column.to_string(),
        flag,
        found: found.join(", "),
    };
    match format {
        Format::Csv => {
            let mut csv = csv::ReaderBuilder::new().from_reader(Counted::new(file, done.clone()));
            let headers: Vec<String> = csv
                .headers()
                .map_err(|e| ReadError::Unreadable {
                    path: path.to_path_buf(),
                    format: "CSV",
                    message: e.to_string(),
                })?
                .iter()
                .map(|h| h.trim().to_string())
                .collect();
            let mut at = [0usize; 4];
            for (slot, (name, flag)) in at.iter_mut().zip(columns.named()) {
                *slot = headers
                    .iter()
                    .position(|h| h == name)
                    .ok_or_else(|| missing(name, flag, headers.clone()))?;
            }
            let records = csv.into_records().map(move |row| {
                let row = row.map_err(|e| {
                    let line = e.position().map_or(0, |p| p.line());
                    check.broken("line", line, csv_problem(&e))
                })?;
                let line = row.position().map_or(0, |p| p.line());
                let get = |i: usize| row.get(at[i]).map(str::to_string);
                check.record("line", line, get(0), get(1), get(2).map(When::Text), get(3))
            });
            Ok(Reader {
                records: Box::new(records),
                total: size,
                done,
                unit: "bytes",
            })
        }
        Format::Jsonl => {
            let mut lines = BufReader::new(Counted::new(file, done.clone()));
            let mut line = 0u64;
            let columns = columns.clone();
            let records = std::iter::from_fn(move || {
                let mut buf = Vec::new();
                loop {
                    buf.clear();
                    line += 1;
                    match lines.read_until(b'\n', &mut buf) {
                        Ok(0) => return None,
                        Ok(_) if buf.iter().all(u8::is_ascii_whitespace) => continue,
                        Ok(_) => return Some(json_record(&check, &columns, line, &buf)),
                        Err(e) => return Some(Err(check.broken("line", line, e.to_string()))),
                    }
                }
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

fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".into(),
        _ => e.to_string(),
    }
}

fn json_record(check: &Check, columns: &Columns, line: u64, buf: &[u8]) -> Result<Record, BadRow> {
    let value: serde_json::Value = serde_json::from_slice(buf)
        .map_err(|e| check.broken("line", line, format!("not JSON: {e}")))?;
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

/// The checks every format shares.
#[derive(Clone, Copy)]
struct Check {
    latest: Date,
}

impl Check {
    fn broken(&self, unit: &'static str, line: u64, message: String) -> BadRow {
        BadRow {
            unit,
            line,
            field: String::new(),
            message,
        }
    }

    fn field(&self, unit: &'static str, line: u64, field: &str, message: String) -> BadRow {
        BadRow {
            unit,
            line,
            field: format!("{field}: "),
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
        let employer = required("employer", employer)?;
        let title = required("title", title)?;
        let text = text
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| self.field(unit, line, "text", "empty".into()))?;
        let posted = match date {
            None => return Err(self.field(unit, line, "date", "empty".into())),
            Some(When::Days(days)) => jiff::civil::date(1970, 1, 1)
                .checked_add(jiff::Span::new().days(days))
                .map_err(|e| self.field(unit, line, "date", e.to_string()))?,
            Some(When::Text(t)) => parse_day(&t).ok_or_else(|| {
                self.field(
                    unit,
                    line,
                    "date",
                    format!("\"{t}\" is not a date like 2026-03-01"),
                )
            })?,
        };
        if posted > self.latest {
            return Err(self.field(
                unit,
                line,
                "date",
                format!("{posted} is after today ({})", self.latest),
            ));
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
