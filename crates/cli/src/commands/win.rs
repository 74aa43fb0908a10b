//! Achievements, logged in seconds (003: "document your achievements and contributions").

use anyhow::Result;
use milemarker_app::wins::{self, NewWin};

use crate::cli::{WinAddArgs, WinArgs, WinCommand, WinListArgs, to_domain};
use crate::context::{Db, print, print_json, today};
use crate::ui::{DIM, GOOD, HEADING, paint, table};

pub fn run(db: &mut Db, args: WinArgs) -> Result<()> {
    match args.command {
        Some(WinCommand::List(list)) => list_wins(db, list),
        Some(WinCommand::Remove { id }) => {
            db.update(|s| wins::remove(s, id))?;
            print(&format!("Removed win #{id}.\n"))
        }
        None => add(db, args.add),
    }
}

fn add(db: &mut Db, args: WinAddArgs) -> Result<()> {
    let title = wins::title(args.title)?;
    let today = today()?;
    let new = NewWin {
        title,
        impact: args.impact,
        visibility: args.visibility.map(to_domain),
        section: args.section.map(to_domain),
        skills: args.skills,
        date: args.date,
        link: args.link,
    };
    let win = db.update(|s| wins::add(s, new, today))?;
    print(&format!(
        "{} win #{} on {}: {} {}\n",
        paint(GOOD, "Logged"),
        win.id,
        win.date,
        win.title,
        paint(DIM, &format!("(seen by {})", win.visibility.label()))
    ))
}

fn list_wins(db: &mut Db, args: WinListArgs) -> Result<()> {
    let s = db.load()?;
    let wins = wins::listed(&s, args.from, args.to);
    if args.json.json {
        return print_json(&wins);
    }
    if wins.is_empty() {
        return print("No wins logged yet. `milemarker win \"...\"` takes seconds.\n");
    }
    let rows: Vec<Vec<String>> = wins
        .iter()
        .map(|w| {
            vec![
                format!("#{}", w.id),
                w.date.to_string(),
                w.title.clone(),
                paint(DIM, w.visibility.label()),
                paint(DIM, w.impact.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    print(&format!("{}\n{}", paint(HEADING, "Wins"), table(&rows)))
}
