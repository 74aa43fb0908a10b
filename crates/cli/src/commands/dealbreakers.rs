use anyhow::Result;
use milemarker_app::dealbreakers::{add, remove};
use milemarker_core::career::Snapshot;

use crate::cli::{DealbreakersArgs, DealbreakersCommand};
use crate::context::{Db, print, print_json, updated};
use crate::ui::{DIM, HEADING, paint, table};

pub fn run(db: &mut Db, args: DealbreakersArgs) -> Result<()> {
    match args.command.unwrap_or(DealbreakersCommand::List(args.list)) {
        DealbreakersCommand::List(flag) => {
            let snapshot = db.load()?;
            if flag.json {
                print_json(&snapshot.dealbreakers)
            } else {
                print(&render(&snapshot))
            }
        }
        DealbreakersCommand::Add { rule, id, note } => changed(db, |s| add(s, &rule, id, note)),
        DealbreakersCommand::Remove { id } => changed(db, |s| remove(s, &id)),
    }
}

fn changed(db: &mut Db, change: impl FnOnce(&mut Snapshot) -> Result<()>) -> Result<()> {
    print(&render(&updated(db, change)?))
}

fn render(s: &Snapshot) -> String {
    if s.dealbreakers.is_empty() {
        return "No deal-breakers yet. Add the lines you will not cross: `milemarker dealbreakers add \"hours_per_week <= 45\"`.\n".into();
    }
    let mut rows = vec![["id", "rule", "note"].map(|h| paint(DIM, h)).to_vec()];
    for d in &s.dealbreakers {
        rows.push(vec![
            d.id.clone(),
            d.rule(),
            d.note.clone().unwrap_or_default(),
        ]);
    }
    format!("{}\n{}", paint(HEADING, "Deal-breakers"), table(&rows))
}
