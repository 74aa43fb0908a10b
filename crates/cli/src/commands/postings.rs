//! Importing job postings (DESIGN 4.9): read, find the skills in each text on every core, store
//! employer, title, date and skill ids in one transaction. A bad row refuses the whole file unless
//! `--skip-bad` says to import the rest.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use milemarker_app::market;
use milemarker_app::postings::{Progress, failure_json, format_of, load};
use milemarker_app::present::market as present;
use milemarker_market::postings::{Columns, Format};

use crate::choice::choice;
use crate::cli::JsonFlag;
use crate::context::{Db, print_json, today};
use crate::document::answer;

pub fn run(db: &mut Db, command: PostingsCommand) -> Result<()> {
    match command {
        PostingsCommand::Import(args) => {
            let (json, file) = (args.json.json, args.file.clone());
            // With --json a failure is JSON too; standard error still says it in words.
            import(db, args).inspect_err(|err| {
                if json {
                    let _ = print_json(&failure_json(&file, err));
                }
            })
        }
        PostingsCommand::ImportDemand(args) => {
            let imported = market::import_demand(db, &args.path, today()?)?;
            answer(args.json.json, &imported, || {
                present::demand_imported(&imported)
            })
        }
        PostingsCommand::ForgetDemand(args) => {
            let had = market::forget_demand(db)?;
            answer(
                args.json.json,
                &serde_json::json!({ "forgot": had }),
                || present::demand_forgotten(had),
            )
        }
    }
}

fn import(db: &mut Db, args: PostingsImportArgs) -> Result<()> {
    let format = format_of(&args.file, args.format)?;
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
    let outcome = outcome.refuse_bad(&name, args.skip_bad)?;
    answer(args.json.json, &outcome.json(&name), || {
        present::imported(&name, &outcome)
    })
}

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
    /// Import demand counted elsewhere (the Spark job's output folder or its demand.json): market
    /// demand, the skills gap and the fading skills marker read it instead of counting here
    ImportDemand(PostingsImportDemandArgs),
    /// Forget the imported demand: count the postings imported here again
    ForgetDemand(PostingsForgetDemandArgs),
}

#[derive(Debug, Args)]
pub struct PostingsImportDemandArgs {
    /// The Spark job's --out folder, or the demand.json in it
    #[arg(value_name = "DIR|FILE")]
    pub path: PathBuf,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct PostingsForgetDemandArgs {
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct PostingsImportArgs {
    /// The file; its format comes from the extension (.csv, .jsonl, .parquet) unless --format says
    pub file: PathBuf,
    /// csv, jsonl or parquet [default: from the file name]
    #[arg(long, value_parser = choice::<Format>())]
    pub format: Option<Format>,
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
