use std::path::Path;

use anyhow::Result;
use clap::Args;
use milemarker_app::decide::{decide_person, with_robustness};
use milemarker_app::demo::seed_at;
use milemarker_app::present::records as present;

use crate::cli::JsonFlag;
use crate::cli::ReviewFormat;
use crate::commands::review;
use crate::context::{Settings, print, print_json, today};
use crate::document::output;
use crate::ui::{DIM, paint};

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
        let (result, robustness) = &decision;
        return print_json(&serde_json::json!({
            "person": person,
            "decision": with_robustness(result, robustness.as_ref())?,
            "review": review,
        }));
    }
    let mut out = output(&present::introduction(&person));
    out.push('\n');
    out.push_str(&review::render(&review, ReviewFormat::Text)?);
    out.push_str(&format!(
        "\n{}\n",
        paint(
            DIM,
            if db_flag.is_some() {
                "The example person is saved in that database. Try `milemarker review --format html --out review.html --db ...`, or `milemarker decide --db ...` for the decision in full."
            } else {
                "This ran on a temporary database and nothing was kept. Start your own with `milemarker init`."
            }
        )
    ));
    print(&out)
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub json: JsonFlag,
}
