use anyhow::Result;
use milemarker_app::risks;
use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::{RiskKind, RiskSpec};
use milemarker_core::decision::format_number;

use crate::cli::{RiskArgs, RiskCommand};
use crate::context::{Db, print, print_json, updated};
use crate::ui::{DIM, HEADING, paint, table};

pub fn run(db: &mut Db, args: RiskArgs) -> Result<()> {
    match args.command.unwrap_or(RiskCommand::List(args.list)) {
        RiskCommand::List(flag) => {
            let s = db.load()?;
            if flag.json {
                let by_option: indexmap::IndexMap<&str, &Vec<RiskSpec>> = s
                    .options
                    .iter()
                    .map(|o| (o.id.as_str(), &o.risks))
                    .collect();
                print_json(&by_option)
            } else {
                print(&render(&s))
            }
        }
        RiskCommand::Add {
            option,
            name,
            probability,
            seriousness,
            fact,
        } => {
            let risk = RiskSpec {
                name,
                probability,
                seriousness,
                kind: if fact { RiskKind::Fact } else { RiskKind::Fear },
            };
            print(&render(&updated(db, |s| risks::add(s, &option, risk))?))
        }
        RiskCommand::Remove { option, name } => {
            print(&render(&updated(db, |s| risks::remove(s, &option, &name))?))
        }
    }
}

fn render(s: &Snapshot) -> String {
    let mut rows = vec![
        ["option", "risk", "kind", "probability x seriousness"]
            .map(|h| paint(DIM, h))
            .to_vec(),
    ];
    for o in &s.options {
        if o.risks.is_empty() {
            rows.push(vec![
                o.id.clone(),
                paint(DIM, "risks not recorded"),
                String::new(),
                String::new(),
            ]);
        }
        for r in &o.risks {
            rows.push(vec![
                o.id.clone(),
                r.name.clone(),
                r.kind.as_str().into(),
                format!(
                    "{} x {} = {}",
                    format_number(r.probability),
                    format_number(r.seriousness),
                    format_number(r.probability * r.seriousness)
                ),
            ]);
        }
    }
    if s.options.iter().all(|o| o.risks.is_empty()) {
        return "No risks yet. Name what you fear: `milemarker risk add part-time \"others will judge me\" -p 6 -s 5`.\n".into();
    }
    format!(
        "{}\n{}",
        paint(HEADING, "Risks (a fear is to test; a fact is to plan for)"),
        table(&rows)
    )
}
