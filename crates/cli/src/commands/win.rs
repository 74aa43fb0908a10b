//! Achievements, logged in seconds (003: "document your achievements and contributions").

use anyhow::{Result, bail};
use milemarker_core::career::next_number;
use milemarker_core::evidence::{Achievement, BragSection, Visibility};

use crate::cli::{WinAddArgs, WinArgs, WinCommand, WinListArgs, to_domain};
use crate::context::{Db, print, print_json, today};
use crate::ui::{DIM, GOOD, HEADING, paint, table};

pub fn run(db: &mut Db, args: WinArgs) -> Result<()> {
    match args.command {
        Some(WinCommand::List(list)) => list_wins(db, list),
        Some(WinCommand::Remove { id }) => {
            db.update(|s| {
                let before = s.achievements.len();
                s.achievements.retain(|w| w.id != id);
                if s.achievements.len() == before {
                    bail!("no win #{id}; `milemarker win list` shows their numbers");
                }
                Ok(())
            })?;
            print(&format!("Removed win #{id}.\n"))
        }
        None => add(db, args.add),
    }
}

fn add(db: &mut Db, args: WinAddArgs) -> Result<()> {
    let Some(title) = args.title.map(|t| t.trim().to_string()) else {
        bail!(
            "say what you did: `milemarker win \"Shipped the billing migration\" --impact \"...\"`"
        );
    };
    let today = today()?;
    let win = db.update(|s| {
        let win = Achievement {
            id: next_number(s.achievements.iter().map(|w| w.id)),
            date: args.date.unwrap_or(today),
            title,
            impact: args.impact.filter(|i| !i.trim().is_empty()),
            visibility: args.visibility.map_or(Visibility::Team, to_domain),
            section: args.section.map_or(BragSection::Projects, to_domain),
            skills: args.skills.iter().map(|k| k.trim().to_string()).collect(),
            link: args.link,
        };
        win.validate(Some(today))
            .map_err(|m| anyhow::anyhow!("{m}; nothing was logged"))?;
        s.achievements.push(win.clone());
        Ok(win)
    })?;
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
    let mut wins: Vec<&Achievement> = s
        .achievements
        .iter()
        .filter(|w| args.from.is_none_or(|d| w.date >= d) && args.to.is_none_or(|d| w.date <= d))
        .collect();
    wins.sort_by_key(|w| std::cmp::Reverse((w.date, w.id)));
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
