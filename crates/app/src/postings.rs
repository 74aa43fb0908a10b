//! Importing job postings: read on one thread, matched on every core, stored in one
//! transaction that does not hold the person's records' write lock.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use anyhow::{Context, Result, anyhow};
use jiff::civil::Date;
use milemarker_market::postings::{self, BadRow, Columns, Format, Record};
use milemarker_market::skills::Matcher;
use milemarker_store::{ImportCounts, NewPosting, PostingNames};
use rayon::prelude::*;

use crate::records::Db;

/// Records read, matched and written together: big enough to keep both cores busy, small enough
/// that memory stays flat however long the file.
const BATCH: usize = 4096;
/// Bad rows kept for the report: a JSON report lists them all up to this many (`bad_listed` of
/// `bad_count`); past it they are only counted.
pub const SHOWN: usize = 1_000;

/// How far an import has come, for a face to show: `start` once with the total (in `unit`s:
/// "bytes" or "rows"), `at` as it goes, `finish` at the end.
pub trait Progress {
    fn start(&mut self, total: u64, unit: &str);
    fn at(&mut self, done: u64);
    fn finish(&mut self);
    /// The rows read so far, after each batch (for a face that counts them besides `at`).
    fn rows(&mut self, _read: u64) {}
}

/// Shows nothing.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&mut self, _: u64, _: &str) {}
    fn at(&mut self, _: u64) {}
    fn finish(&mut self) {}
}

type Matched = (Record, Vec<u32>, u64);

/// What an import did.
pub struct Outcome {
    pub read: u64,
    pub counts: ImportCounts,
    /// The first bad rows, and how many there were.
    pub bad: Vec<BadRow>,
    pub bad_count: u64,
}

/// The format `given`, else the one `file`'s name says; refused when it says none.
pub fn format_of(file: &Path, given: Option<Format>) -> Result<Format> {
    given.or_else(|| Format::of(file)).ok_or_else(|| {
        anyhow!(
            "{}: cannot tell the format from the name; pass --format csv, jsonl or parquet",
            file.display()
        )
    })
}

/// What the store holds of postings now: how many, from how many employers, over which dates.
pub fn held(db: &mut Db) -> Result<PostingNames> {
    let (runtime, store) = db.parts();
    Ok(runtime.block_on(store.posting_names())?)
}

/// Reads `file`, finds the skills in every posting on every core, and stores them in one
/// transaction. With bad rows and no `skip_bad`, nothing is stored (the outcome says why).
pub fn load(
    db: &mut Db,
    file: &Path,
    format: Format,
    columns: &Columns,
    skip_bad: bool,
    today: Date,
    progress: &mut dyn Progress,
) -> Result<Outcome> {
    let name = file.display().to_string();
    load_as(db, file, &name, format, columns, skip_bad, today, progress)
}

/// Imports postings a person uploaded as `name` (its extension says the format: .csv, .jsonl or
/// .parquet), kept meanwhile at `file`, through a connection of its own to the database at
/// `db_path`, so the session that serves pages stays free. A file with bad rows is refused
/// whole unless `skip_bad`, as `postings import` refuses it; every message names the upload,
/// never where it was kept.
pub fn import_upload(
    db_path: &Path,
    file: &Path,
    name: &str,
    skip_bad: bool,
    today: Date,
    progress: &mut dyn Progress,
) -> Result<Outcome> {
    let format = Format::of(Path::new(name)).ok_or_else(|| {
        anyhow!(
            "{name}: cannot tell the format from the name; name the file .csv, .jsonl or .parquet"
        )
    })?;
    let kept = file.display().to_string();
    let named = |err: anyhow::Error| anyhow!("{}", format!("{err:#}").replace(&kept, name));
    let mut db = Db::open(db_path)?;
    let outcome = load_as(
        &mut db,
        file,
        name,
        format,
        &Columns::default(),
        skip_bad,
        today,
        progress,
    )
    .map_err(named)?;
    outcome.refuse(name, skip_bad, "tick \"Skip the bad rows\"")
}

/// [`load`], the import named `name` in its messages and its record.
#[allow(clippy::too_many_arguments)]
fn load_as(
    db: &mut Db,
    file: &Path,
    name: &str,
    format: Format,
    columns: &Columns,
    skip_bad: bool,
    today: Date,
    progress: &mut dyn Progress,
) -> Result<Outcome> {
    let reader = postings::open(file, format, columns, today)?;
    progress.start(reader.total, reader.unit);
    let done = reader.done.clone();
    let (send, batches) = mpsc::sync_channel::<Vec<Result<Record, BadRow>>>(2);
    let mut records = reader.records;
    // Reading (and for CSV, parsing) runs beside the matching.
    let producer = std::thread::spawn(move || {
        loop {
            let batch: Vec<_> = records.by_ref().take(BATCH).collect();
            if batch.is_empty() || send.send(batch).is_err() {
                return;
            }
        }
    });
    let matcher = Matcher::global();
    let mut ids: HashMap<u32, (String, &'static str)> = HashMap::new();
    let (runtime, store) = db.parts();
    let mut writer = runtime.block_on(store.begin_postings(name, today))?;
    let (mut bad, mut bad_count, mut read) = (Vec::new(), 0u64, 0u64);
    for batch in batches {
        read += batch.len() as u64;
        // Once a bad row refuses the file, the rest is only checked, not matched.
        let refusing = bad_count > 0 && !skip_bad;
        let matched: Vec<Result<Matched, BadRow>> = batch
            .into_par_iter()
            .map(|r| {
                r.map(|rec| {
                    let skills = if refusing {
                        Vec::new()
                    } else {
                        matcher.skills_rolled_up(&rec.text)
                    };
                    let digest = postings::digest(&rec);
                    (rec, skills, digest)
                })
            })
            .collect();
        let mut good = Vec::with_capacity(matched.len());
        for m in matched {
            match m {
                Ok(m) => good.push(m),
                Err(row) => {
                    bad_count += 1;
                    if bad.len() < SHOWN {
                        bad.push(row);
                    }
                }
            }
        }
        if bad_count == 0 || skip_bad {
            for (_, skills, _) in &good {
                for &s in skills {
                    ids.entry(s).or_insert_with(|| {
                        let (id, label) = matcher.skill(s);
                        (id.to_string(), label)
                    });
                }
            }
            let new: Vec<NewPosting> = good
                .iter()
                .map(|(r, skills, digest)| NewPosting {
                    employer: &r.employer,
                    title: &r.title,
                    posted: r.posted,
                    digest: *digest,
                    skills: skills
                        .iter()
                        .map(|s| (ids[s].0.as_str(), ids[s].1))
                        .collect(),
                })
                .collect();
            runtime.block_on(writer.add(&new))?;
        }
        progress.at(done.load(Ordering::Relaxed));
        progress.rows(read);
    }
    producer
        .join()
        .map_err(|_| anyhow!("the reader of {name} stopped"))?;
    progress.finish();
    let counts = if bad_count > 0 && !skip_bad {
        runtime.block_on(writer.abandon())?;
        ImportCounts::default()
    } else {
        runtime
            .block_on(writer.commit(bad_count))
            .with_context(|| format!("cannot import {name}"))?
    };
    Ok(Outcome {
        read,
        counts,
        bad,
        bad_count,
    })
}

/// Bad rows named in words; the rest are counted (the JSON lists up to [`SHOWN`]).
const ON_SCREEN: usize = 20;

/// A file refused for its bad rows: nothing was imported. The message lists the first of them.
#[derive(Debug)]
pub struct Refused {
    message: String,
    read: u64,
    bad: Vec<BadRow>,
    bad_count: u64,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refused {}

impl Outcome {
    /// The first bad rows as lines, and "... and N more" when there were more.
    pub fn bad_lines(&self) -> (Vec<String>, String) {
        let shown: Vec<String> = self
            .bad
            .iter()
            .take(ON_SCREEN)
            .map(|b| format!("  {b}"))
            .collect();
        let more = match self.bad_count.saturating_sub(shown.len() as u64) {
            0 => String::new(),
            n => format!("\n  ... and {n} more"),
        };
        (shown, more)
    }

    /// The outcome of importing `name`, refused when it had bad rows and `skip_bad` was not
    /// given (nothing was stored then).
    pub fn refuse_bad(self, name: &str, skip_bad: bool) -> Result<Outcome> {
        self.refuse(name, skip_bad, "pass --skip-bad")
    }

    /// [`Outcome::refuse_bad`], saying how this face skips the bad rows (`skip`).
    fn refuse(self, name: &str, skip_bad: bool, skip: &str) -> Result<Outcome> {
        if self.bad_count == 0 || skip_bad {
            return Ok(self);
        }
        let (shown, more) = self.bad_lines();
        Err(Refused {
            message: format!(
                "{name}: {} of {} rows cannot be used; nothing was imported. Fix them, or {skip} \
                 to import the rest:\n{}{more}",
                self.bad_count,
                self.read,
                shown.join("\n")
            ),
            read: self.read,
            bad: self.bad,
            bad_count: self.bad_count,
        }
        .into())
    }

    /// `postings import --json`: what was read, added and skipped, with the bad rows.
    pub fn json(&self, name: &str) -> serde_json::Value {
        serde_json::json!({
            "file": name,
            "rows": self.read,
            "added": self.counts.added,
            "duplicates": self.counts.duplicates,
            "skipped": self.bad_count,
            "bad_count": self.bad_count,
            "bad_listed": self.bad.len(),
            "bad": self.bad,
        })
    }
}

/// A failed import of `file` as JSON: the error, and the line and field it names, with the bad
/// rows when they refused it.
pub fn failure_json(file: &Path, err: &anyhow::Error) -> serde_json::Value {
    let mut out = serde_json::json!({
        "error": format!("{err:#}"),
        "file": file.display().to_string(),
        "line": null,
        "field": null,
    });
    if let Some(read) = err.downcast_ref::<postings::ReadError>() {
        out["line"] = read.line().into();
        out["field"] = read.field().into();
    }
    if let Some(refused) = err.downcast_ref::<Refused>() {
        if let Some(first) = refused.bad.first() {
            out["line"] = first.line.into();
            out["field"] = first.field.clone().into();
        }
        out["rows"] = refused.read.into();
        out["bad_count"] = refused.bad_count.into();
        out["bad_listed"] = refused.bad.len().into();
        out["bad"] = serde_json::to_value(&refused.bad).unwrap_or_default();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postings_in(path: &Path) -> usize {
        let mut db = Db::open(path).unwrap();
        let (runtime, store) = db.parts();
        runtime.block_on(store.posting_names()).unwrap().postings
    }

    #[test]
    fn an_upload_is_named_as_sent_and_refused_whole_for_a_bad_row() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("records.db");
        Db::open(&db).unwrap();
        let kept = dir.path().join("upload-1.part");
        std::fs::write(
            &kept,
            "employer,title,date,text\nAcme,Analyst,2026-09-01,SQL and Python\n\
             Beta,Nurse,not a date,patient care\n",
        )
        .unwrap();
        let today = jiff::civil::date(2026, 10, 28);
        let err = import_upload(&db, &kept, "mine.csv", false, today, &mut Quiet)
            .err()
            .expect("refused");
        let said = format!("{err:#}");
        assert!(
            said.starts_with("mine.csv: 1 of 2 rows cannot be used"),
            "{said}"
        );
        assert!(said.contains("date"), "names the field: {said}");
        assert!(!said.contains("upload-1.part"), "{said}");
        assert!(
            said.contains("or tick \"Skip the bad rows\" to import"),
            "{said}"
        );
        assert_eq!(postings_in(&db), 0, "nothing was imported");
        let skipped = import_upload(&db, &kept, "mine.csv", true, today, &mut Quiet).unwrap();
        assert_eq!((skipped.counts.added, skipped.bad_count), (1, 1));

        std::fs::write(
            &kept,
            "employer,title,date,text\nAcme,Analyst,2026-09-01,SQL and Python\n",
        )
        .unwrap();
        let done = import_upload(&db, &kept, "mine.csv", false, today, &mut Quiet).unwrap();
        assert_eq!(
            (done.read, done.counts.added, done.counts.duplicates),
            (1, 0, 1)
        );
        assert_eq!(postings_in(&db), 1);
        let err = import_upload(&db, &kept, "mine.txt", false, today, &mut Quiet)
            .err()
            .expect("no format");
        assert!(err.to_string().contains("name the file .csv"), "{err}");
    }
}
