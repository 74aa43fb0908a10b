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
use milemarker_store::{ImportCounts, NewPosting};
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
    let name = file.display().to_string();
    let mut writer = runtime.block_on(store.begin_postings(&name, today))?;
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
    }
    producer
        .join()
        .map_err(|_| anyhow!("the reader of {} stopped", file.display()))?;
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
