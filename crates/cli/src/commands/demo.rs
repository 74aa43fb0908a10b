use std::path::Path;

use anyhow::{Result, bail};
use clap::Args;
use milemarker_app::decide::{decide_person, with_robustness};
use milemarker_app::demo::seed;
use milemarker_core::career::{OptionKind, Snapshot};
use milemarker_core::decision::format_number;

use crate::cli::JsonFlag;
use crate::cli::ReviewFormat;
use crate::commands::review;
use crate::context::{Db, Settings, print, print_json, today};
use crate::ui::{DIM, HEADING, paint};

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
    let mut db = Db::open(&path)?;
    let existing = db.load()?;
    if !existing.values.is_empty() || !existing.options.is_empty() {
        bail!(
            "{} already holds someone's data; the demo writes an example person, so give it an empty \
             --db (or none, for a temporary one)",
            path.display()
        );
    }
    let day = today()?;
    seed(&mut db, day)?;
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
    let mut out = introduction(&person);
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

fn introduction(person: &Snapshot) -> String {
    let p = &person.profile;
    let name = p.name.as_deref().unwrap_or("The example person");
    let mut out = format!("{}\n", paint(HEADING, &format!("Meet {name}")));
    let role = p.level.as_deref().unwrap_or("in a role");
    let since = p
        .role_start
        .map(|d| format!(", in the role since {d}"))
        .unwrap_or_default();
    let hours = person
        .options
        .iter()
        .find(|o| o.kind == OptionKind::Stay)
        .and_then(|o| o.attributes.get("hours_per_week"))
        .map(|h| {
            format!(
                " Works {h} hours a week against a boundary of {}.",
                format_number(p.boundary_hours)
            )
        })
        .unwrap_or_default();
    // The occupation by its title, as the review says it ("Marketing Managers"), not its code.
    let occupation = p.occupation.as_deref().map_or_else(
        || "no O*NET occupation".to_string(),
        |code| {
            milemarker_market::wages::soc(code)
                .ok()
                .and_then(|soc| milemarker_market::wages::occupation_title(&soc))
                .map_or_else(
                    || format!("O*NET {code}"),
                    |title| format!("{title} in O*NET"),
                )
        },
    );
    out.push_str(&format!("  {role} ({occupation}){since}.{hours}\n"));
    let values: Vec<String> = person
        .values_by_importance()
        .iter()
        .map(|v| format!("{} {}", v.id, v.weight.map_or(String::new(), format_number)))
        .collect();
    out.push_str(&format!(
        "  Values (importance 1-10): {}.\n",
        values.join(", ")
    ));
    let rules: Vec<String> = person.dealbreakers.iter().map(|d| d.rule()).collect();
    out.push_str(&format!("  Deal-breakers: {}.\n", rules.join("; ")));
    let skills: Vec<&str> = person.skills.iter().map(|k| k.label.as_str()).collect();
    out.push_str(&format!(
        "  Skills: {}; demand for them is counted in 2,400 synthetic job postings.\n",
        skills.join(", ")
    ));
    out.push_str("  Weighing:\n");
    for o in &person.options {
        // The name first, the id to type after it, as the review ranks them.
        out.push_str(&format!(
            "    {} {}\n",
            paint(HEADING, &o.name),
            paint(DIM, &format!("({})", o.id))
        ));
    }
    out
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub json: JsonFlag,
}
