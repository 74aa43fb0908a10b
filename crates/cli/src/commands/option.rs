use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use milemarker_app::options;
use milemarker_core::career::Snapshot;
use milemarker_core::decision::format_number;
use milemarker_core::markers::grouped;

use crate::cli::JsonFlag;
use crate::context::{Db, print, print_json, updated};
use crate::ui::{DIM, HEADING, paint, table};

pub fn run(db: &mut Db, command: OptionCommand) -> Result<()> {
    let s = match command {
        OptionCommand::List(flag) => {
            let snapshot = db.load()?;
            if flag.json {
                return print_json(&snapshot.options);
            }
            snapshot
        }
        OptionCommand::Add(args) => {
            let fields = fields(args.fields);
            updated(db, |s| options::add(s, &args.id, fields))?
        }
        OptionCommand::Edit(args) => {
            let fields = fields(args.fields);
            updated(db, |s| {
                options::edit(s, &args.id, &args.unset_attributes, fields)
            })?
        }
        OptionCommand::Remove { id } => updated(db, |s| options::remove(s, &id))?,
    };
    print(&render(&s))
}

fn fields(args: OptionFields) -> options::OptionFields {
    options::OptionFields {
        name: args.name,
        kind: args.kind.map(Into::into),
        attributes: args.attributes,
        scores: args.scores,
        later: args.later,
        net_income: args.net_income,
        note: args.note,
    }
}

fn render(s: &Snapshot) -> String {
    if s.options.is_empty() {
        return "No options yet. Add the paths you are weighing: `milemarker option add stay --kind stay --score autonomy=4`.\n".into();
    }
    let mut out = paint(HEADING, "Options");
    out.push('\n');
    for o in &s.options {
        // The name first, then the id to type and the kind: "stay stay Stay on ..." ran the three
        // together.
        let (title, id) = if o.name.is_empty() || o.name == o.id {
            (o.id.as_str(), String::new())
        } else {
            (o.name.as_str(), format!("id {}, ", o.id))
        };
        out.push_str(&format!(
            "  {}  {}\n",
            paint(HEADING, title),
            paint(DIM, &format!("({id}kind {})", o.kind.as_str()))
        ));
        let mut rows = Vec::new();
        if !o.attributes.is_empty() {
            let facts: Vec<String> = o
                .attributes
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            rows.push(vec!["    facts".into(), facts.join(", ")]);
        }
        if !o.scores.is_empty() {
            let scores: Vec<String> = o
                .scores
                .iter()
                .map(|(k, v)| match o.scores_horizon.get(k) {
                    Some(later) => format!("{k} {}->{}", format_number(*v), format_number(*later)),
                    None => format!("{k} {}", format_number(*v)),
                })
                .collect();
            rows.push(vec!["    scores".into(), scores.join(", ")]);
        }
        if let Some(income) = o.net_income {
            rows.push(vec![
                "    net income".into(),
                format!("{} a month", grouped(income)),
            ]);
        }
        if !o.risks.is_empty() {
            rows.push(vec![
                "    risks".into(),
                o.risks
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ]);
        }
        out.push_str(&table(&rows));
    }
    out
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum OptionCommand {
    /// Add a path you are weighing
    Add(OptionAddArgs),
    /// Change a path; what is not given stays
    Edit(OptionEditArgs),
    /// List your paths
    List(JsonFlag),
    /// Remove a path
    Remove {
        /// The path to remove: its id, its name, or the start of either
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct OptionFields {
    /// A name to show for the path, e.g. "Staff engineer at Acme" [default: the id]
    #[arg(long)]
    pub name: Option<String>,
    /// What kind of move it is: stay, step-back, lateral (or sideways), promotion, leave, career-break, part-time, offer
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// A fact about the path, KEY=VALUE (hours_per_week=42, remote=yes); repeatable
    #[arg(long = "attr", value_name = "KEY=VALUE")]
    pub attributes: Vec<String>,
    /// How well it serves a value today, VALUE=1-10; repeatable
    #[arg(long = "score", value_name = "VALUE=N")]
    pub scores: Vec<String>,
    /// How well it would serve a value at the horizon, VALUE=1-10; repeatable
    #[arg(long = "later", value_name = "VALUE=N")]
    pub later: Vec<String>,
    /// Net income per month on this path
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub net_income: Option<f64>,
    /// Anything to remember about this path
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct OptionAddArgs {
    /// A short id, e.g. part-time
    pub id: String,
    #[command(flatten)]
    pub fields: OptionFields,
}

#[derive(Debug, Args)]
pub struct OptionEditArgs {
    /// The path to change: its id, its name, or the start of either
    pub id: String,
    #[command(flatten)]
    pub fields: OptionFields,
    /// Remove an attribute; repeatable
    #[arg(long = "unset-attr", value_name = "KEY")]
    pub unset_attributes: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Stay,
    StepBack,
    /// A move sideways: another role at about the same level
    #[value(alias = "sideways")]
    Lateral,
    Promotion,
    Leave,
    CareerBreak,
    PartTime,
    Offer,
}
