use std::path::Path;

use anyhow::Result;
use clap::Args;
use milemarker_app::decide::decide_person;
use milemarker_app::demo::{json, seed_at};
use milemarker_app::present::records as present;

use crate::cli::JsonFlag;
use crate::cli::ReviewFormat;
use crate::commands::review;
use crate::context::{Settings, print, print_json, today};
use crate::document::output;

pub fn run(db_flag: Option<&Path>, args: DemoArgs, settings: &Settings) -> Result<()> {
    // A temporary database unless --db is given; it is removed when `_dir` drops.
    let _dir;
    let path = match db_flag {
        Some(path) => path.to_path_buf(),
        None => {
            _dir = tempfile::tempdir()?;
            _dir.path().join("demo.db")
        }
    };
    let day = today()?;
    let mut db = seed_at(&path, day)?;
    let person = db.load()?;
    let decision = decide_person(&person, None)?;
    let review = milemarker_app::review::build(&mut db, &person, settings, day, Some(&decision))?;
    if args.json.json {
        return print_json(&json(&person, &decision, &review)?);
    }
    let mut out = output(&present::introduction(&person));
    out.push('\n');
    out.push_str(&review::render(&review, ReviewFormat::Text)?);
    out.push('\n');
    out.push_str(&output(&present::demo_end(db_flag.is_some())));
    print(&out)
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub json: JsonFlag,
}
