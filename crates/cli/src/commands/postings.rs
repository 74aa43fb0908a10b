//! Importing job postings (DESIGN 4.9): read, find the skills in each text on every core, store
//! employer, title, date and skill ids in one transaction. A bad row refuses the whole file unless
//! `--skip-bad` says to import the rest.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use anyhow::{Context, Result, anyhow};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use milemarker_market::postings::{self, BadRow, Columns, Format, ReadError, Record};
use milemarker_market::skills::Matcher;
use milemarker_store::{ImportCounts, NewPosting};
use rayon::prelude::*;

use crate::cli::{PostingsCommand, PostingsFormatArg, PostingsImportArgs};
use crate::context::{Db, print, print_json, today};
use crate::ui::{DIM, paint};

/// Records read, matched and written together: big enough to keep both cores busy, small enough
/// that memory stays flat however long the file.
const BATCH: usize = 4096;
/// Bad rows kept for the report: `--json` lists them all up to this many (`bad_listed` of
/// `bad_count`); past it they are only counted.
const SHOWN: usize = 1_000;
/// Bad rows named on the terminal; the rest are counted.
const ON_SCREEN: usize = 20;

pub fn run(db: &mut Db, command: PostingsCommand) -> Result<()> {
    match command {
        PostingsCommand::Import(args) => {
            let (json, file) = (args.json.json, args.file.clone());
            // With --json a failure is JSON too; standard error still says it in words.
            import(db, args).inspect_err(|err| {
                if json {
                    let _ = print_json(&failure(&file, err));
                }
            })
        }
    }
}

/// A file refused for its bad rows: nothing was imported.
#[derive(Debug)]
struct Refused {
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

/// A failed import as JSON: the error, the file and, where known, the line and the field.
fn failure(file: &Path, err: &anyhow::Error) -> serde_json::Value {
    let mut out = serde_json::json!({
        "error": format!("{err:#}"),
        "file": file.display().to_string(),
        "line": null,
        "field": null,
    });
    if let Some(read) = err.downcast_ref::<ReadError>() {
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

type Matched = (Record, Vec<u32>, u64);

/// What an import did.
pub struct Outcome {
    pub read: u64,
    pub counts: ImportCounts,
    /// The first bad rows, and how many there were.
    pub bad: Vec<BadRow>,
    pub bad_count: u64,
}

fn import(db: &mut Db, args: PostingsImportArgs) -> Result<()> {
    let format = match args.format {
        Some(PostingsFormatArg::Csv) => Format::Csv,
        Some(PostingsFormatArg::Jsonl) => Format::Jsonl,
        Some(PostingsFormatArg::Parquet) => Format::Parquet,
        None => Format::of(&args.file).ok_or_else(|| {
            anyhow!(
                "{}: cannot tell the format from the name; pass --format csv, jsonl or parquet",
                args.file.display()
            )
        })?,
    };
    let columns = Columns {
        employer: args.employer_column,
        title: args.title_column,
        date: args.date_column,
        text: args.text_column,
    };
    let outcome = load(db, &args.file, format, &columns, args.skip_bad, true)?;
    let name = args.file.display().to_string();
    let shown: Vec<String> = outcome
        .bad
        .iter()
        .take(ON_SCREEN)
        .map(|b| format!("  {b}"))
        .collect();
    let more = match outcome.bad_count.saturating_sub(shown.len() as u64) {
        0 => String::new(),
        n => format!("\n  ... and {n} more"),
    };
    if outcome.bad_count > 0 && !args.skip_bad {
        return Err(Refused {
            message: format!(
                "{name}: {} of {} rows cannot be used; nothing was imported. Fix them, or pass \
                 --skip-bad to import the rest:\n{}{more}",
                outcome.bad_count,
                outcome.read,
                shown.join("\n")
            ),
            read: outcome.read,
            bad: outcome.bad,
            bad_count: outcome.bad_count,
        }
        .into());
    }
    let counts = outcome.counts;
    if args.json.json {
        return print_json(&serde_json::json!({
            "file": name,
            "rows": outcome.read,
            "added": counts.added,
            "duplicates": counts.duplicates,
            "skipped": outcome.bad_count,
            "bad_count": outcome.bad_count,
            "bad_listed": outcome.bad.len(),
            "bad": outcome.bad,
        }));
    }
    let mut out = format!(
        "Imported {} {} from {name}",
        milemarker_core::markers::grouped(counts.added as f64),
        milemarker_core::text::noun(counts.added as f64, "posting", "postings")
    );
    if counts.duplicates > 0 {
        out.push_str(&format!(
            " ({} already imported, skipped)",
            counts.duplicates
        ));
    }
    out.push_str(".\n");
    if outcome.bad_count > 0 {
        out.push_str(&format!(
            "Skipped {} bad rows:\n{}{more}\n",
            outcome.bad_count,
            paint(DIM, &shown.join("\n"))
        ));
    }
    print(&out)
}

/// Reads `file`, finds the skills in every posting on every core, and stores them in one
/// transaction. With bad rows and no `skip_bad`, nothing is stored (the outcome says why).
pub fn load(
    db: &mut Db,
    file: &Path,
    format: Format,
    columns: &Columns,
    skip_bad: bool,
    show_progress: bool,
) -> Result<Outcome> {
    let reader = postings::open(file, format, columns, today()?)?;
    let progress = if show_progress {
        progress_bar(reader.total, reader.unit)
    } else {
        ProgressBar::hidden()
    };
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
    let mut writer = runtime.block_on(store.begin_postings(&name, today()?))?;
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
        progress.set_position(done.load(Ordering::Relaxed));
    }
    producer
        .join()
        .map_err(|_| anyhow!("the reader of {} stopped", file.display()))?;
    progress.finish_and_clear();
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

fn progress_bar(total: u64, unit: &str) -> ProgressBar {
    let template = if unit == "bytes" {
        "{spinner} {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)"
    } else {
        "{spinner} {wide_bar} {pos}/{len} rows ({per_sec}, {eta} left)"
    };
    // Drawn on standard error, and only when that is a terminal.
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(ProgressStyle::with_template(template).expect("the template is valid"));
    bar
}
