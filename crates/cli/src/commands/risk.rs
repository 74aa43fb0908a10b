use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::risks;
use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::{RiskKind, RiskSpec};
use milemarker_core::decision::format_number;

use crate::cli::JsonFlag;
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

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RiskArgs {
    #[command(subcommand)]
    pub command: Option<RiskCommand>,
    #[command(flatten)]
    pub list: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// List the risks of every path
    List(JsonFlag),
    /// Add a risk to a path
    Add {
        /// The path's id
        option: String,
        /// What could go wrong, e.g. "gap on my resume"
        name: String,
        /// How likely, 1-10
        #[arg(long, short)]
        probability: f64,
        /// How bad if it happens, 1-10
        #[arg(long, short)]
        seriousness: f64,
        /// It will happen (plan for it), rather than a fear (test it)
        #[arg(long)]
        fact: bool,
    },
    /// Remove a risk from a path by its name
    Remove {
        /// The path the risk belongs to: its id, its name, or the start of either
        option: String,
        /// The risk, as it was named
        name: String,
    },
}
