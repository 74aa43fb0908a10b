use anyhow::{Result, bail};
use milemarker_core::career::{DealBreaker, Snapshot, slug, validate_id};

use crate::cli::{DealbreakersArgs, DealbreakersCommand};
use crate::context::{Db, invalid, print, print_json};
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
        DealbreakersCommand::Add { rule, id, note } => {
            db.update(|s| add(s, &rule, id, note))?;
            print(&render(&db.load()?))
        }
        DealbreakersCommand::Remove { id } => {
            db.update(|s| {
                let before = s.dealbreakers.len();
                s.dealbreakers.retain(|d| d.id != id);
                if s.dealbreakers.len() == before {
                    bail!("no deal-breaker \"{id}\"; `milemarker dealbreakers` lists them");
                }
                Ok(())
            })?;
            print(&render(&db.load()?))
        }
    }
}

pub fn add(s: &mut Snapshot, rule: &str, id: Option<String>, note: Option<String>) -> Result<()> {
    let (attribute, op, value) = DealBreaker::parse_rule(rule).map_err(invalid)?;
    validate_id("attribute", &attribute).map_err(invalid)?;
    let id = id.unwrap_or_else(|| slug(&attribute));
    validate_id("id", &id).map_err(invalid)?;
    if s.dealbreakers.iter().any(|d| d.id == id) {
        bail!(
            "a deal-breaker \"{id}\" exists already; give this one --id NAME, or remove the old one"
        );
    }
    s.dealbreakers.push(DealBreaker {
        id,
        attribute,
        op,
        value,
        note,
    });
    Ok(())
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
