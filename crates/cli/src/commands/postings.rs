//! Importing job postings (DESIGN 4.9): read, find the skills in each text on every core, store
//! employer, title, date and skill ids in one transaction. A bad row refuses the whole file unless
//! `--skip-bad` says to import the rest.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use milemarker_app::postings::{Progress, load};
use milemarker_market::postings::{BadRow, Columns, Format, ReadError};

use crate::cli::JsonFlag;
use crate::context::{Db, print, print_json, today};
use crate::ui::{DIM, paint};

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
    let outcome = load(
        db,
        &args.file,
        format,
        &columns,
        args.skip_bad,
        today()?,
        &mut Bar(None),
    )?;
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

/// A progress bar on standard error, drawn only when that is a terminal.
struct Bar(Option<ProgressBar>);

impl Progress for Bar {
    fn start(&mut self, total: u64, unit: &str) {
        self.0 = Some(progress_bar(total, unit));
    }
    fn at(&mut self, done: u64) {
        if let Some(bar) = &self.0 {
            bar.set_position(done);
        }
    }
    fn finish(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
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

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum PostingsCommand {
    /// Import job postings (CSV, JSON Lines or Parquet): employer, title, date and the skills in the text
    Import(PostingsImportArgs),
}

#[derive(Debug, Args)]
pub struct PostingsImportArgs {
    /// The file; its format comes from the extension (.csv, .jsonl, .parquet) unless --format says
    pub file: PathBuf,
    /// csv, jsonl or parquet [default: from the file name]
    #[arg(long, value_enum)]
    pub format: Option<PostingsFormatArg>,
    /// The column that names the employer
    #[arg(long, value_name = "NAME", default_value = "employer")]
    pub employer_column: String,
    /// The column that holds the job title
    #[arg(long, value_name = "NAME", default_value = "title")]
    pub title_column: String,
    /// The column that holds the date posted
    #[arg(long, value_name = "NAME", default_value = "date")]
    pub date_column: String,
    /// The column that holds the posting's text
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_column: String,
    /// Import the good rows and report the bad ones (default: refuse the file, write nothing)
    #[arg(long)]
    pub skip_bad: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PostingsFormatArg {
    Csv,
    Jsonl,
    Parquet,
}
