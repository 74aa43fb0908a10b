use std::io::IsTerminal;

use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use milemarker_app::values::{self, ValueFields};
use milemarker_core::career::{Snapshot, Weighting};
use milemarker_core::decision::ahp::PairwiseMatrix;
use milemarker_core::decision::format_number;

use crate::cli::JsonFlag;
use crate::context::{Db, print, print_json, updated};
use crate::ui::{DIM, HEADING, paint, table};

pub fn run(db: &mut Db, args: ValuesArgs) -> Result<()> {
    let command = args.command.unwrap_or(ValuesCommand::List(args.list));
    match command {
        ValuesCommand::List(flag) => {
            let snapshot = db.load()?;
            if flag.json {
                print_json(&snapshot.values)
            } else {
                print(&render(&snapshot))
            }
        }
        ValuesCommand::Set(args) => {
            let fields = ValueFields {
                name: args.name,
                weight: args.weight,
                onet: args.onet,
                note: args.note,
            };
            changed(db, |s| values::set(s, fields))
        }
        ValuesCommand::Rank { values } => changed(db, |s| values::rank(s, &values)),
        ValuesCommand::Weighting { mode } => changed(db, |s| values::set_weighting(s, mode.into())),
        ValuesCommand::Horizon { weight, years } => changed(db, |s| {
            values::set_horizon(s, weight, years);
            Ok(())
        }),
        ValuesCommand::Compare {
            a: Some(a),
            b: Some(b),
            judgement: Some(judgement),
        } => changed(db, |s| values::compare(s, &a, &b, &judgement)),
        ValuesCommand::Compare { .. } => guided_comparisons(db),
        ValuesCommand::Remove { value } => changed(db, |s| values::remove(s, &value)),
    }
}

fn changed(db: &mut Db, change: impl FnOnce(&mut Snapshot) -> Result<()>) -> Result<()> {
    print(&render(&updated(db, change)?))
}

/// Every pair of values in turn, on Saaty's scale, each answer starting from the judgement already
/// given (or "equally"); saved together, then the values list shows the consistency ratio and,
/// past 0.10, the judgement to revisit.
fn guided_comparisons(db: &mut Db) -> Result<()> {
    if !std::io::stdin().is_terminal() {
        bail!(
            "give two values and a judgement (`milemarker values compare autonomy pay 3`), or run \
             `milemarker values compare` on a terminal to be asked every pair"
        );
    }
    let questions = values::questions(&db.load()?)?;
    let mut answers = Vec::with_capacity(questions.len());
    for (n, q) in questions.iter().enumerate() {
        let chosen = dialoguer::Select::new()
            .with_prompt(format!(
                "{}/{}: {} or {}?",
                n + 1,
                questions.len(),
                q.a,
                q.b
            ))
            .items(&q.answers)
            .default(q.default)
            .interact()?;
        answers.push((q, q.judgement(chosen)));
    }
    changed(db, |s| {
        for (q, judgement) in &answers {
            values::compare(s, &q.a, &q.b, judgement)?;
        }
        Ok(())
    })
}

pub fn render(s: &Snapshot) -> String {
    if s.values.is_empty() {
        return "No values yet. Add what matters to you: `milemarker values set autonomy --weight 9`.\n".into();
    }
    let mut rows = vec![
        ["value", "weight", "rank", "O*NET work value", "note"]
            .map(|h| paint(DIM, h))
            .to_vec(),
    ];
    for v in s.values_by_importance() {
        rows.push(vec![
            v.id.clone(),
            v.weight.map_or("-".into(), format_number),
            v.rank.map_or("-".into(), |r| r.to_string()),
            v.onet_work_value.clone().unwrap_or_else(|| "-".into()),
            v.note.clone().unwrap_or_default(),
        ]);
    }
    let horizon = if s.settings.horizon_weight > 0.0 {
        format!(
            "; the view {} ahead counts {}",
            milemarker_core::text::count(s.settings.horizon_years, "year", "years"),
            crate::ui::percent(s.settings.horizon_weight)
        )
    } else {
        String::new()
    };
    let consistency = match s.settings.weighting {
        Weighting::Ahp => pairwise_summary(s),
        _ => String::new(),
    };
    format!(
        "{} {}\n{}{consistency}",
        paint(HEADING, "Values"),
        paint(
            DIM,
            &format!("(weighting: {}{horizon})", s.settings.weighting.as_str())
        ),
        table(&rows)
    )
}

/// The weights the comparisons imply and whether they hang together (CR <= 0.10).
fn pairwise_summary(s: &Snapshot) -> String {
    let rows = match s.values_pairwise() {
        Ok(rows) => rows,
        Err(err) => return format!("  {}\n", paint(crate::ui::WARN, &err.message)),
    };
    let labels: Vec<&str> = s.values.iter().map(|v| v.id.as_str()).collect();
    let Ok(matrix) = PairwiseMatrix::from_judgements("values", &rows, &labels) else {
        return String::new();
    };
    let (weights, consistency) = matrix.analyse();
    // Most important first, the order the decision keeps.
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
    let shares: Vec<String> = order
        .iter()
        .map(|&i| format!("{} {}", labels[i], crate::ui::percent(weights[i])))
        .collect();
    let mut out = format!("  weights from your comparisons: {}\n", shares.join(", "));
    if let Some(cr) = consistency.cr {
        out.push_str(&format!("  consistency ratio {cr:.3}"));
        match &consistency.most_inconsistent {
            Some(worst) => out.push_str(&format!(
                ": above 0.10, so revisit {} against {} (you said {}; the rest implies about {})\n",
                worst.row, worst.column, worst.given, worst.suggested
            )),
            None => out.push_str(" (consistent)\n"),
        }
    }
    out
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ValuesArgs {
    #[command(subcommand)]
    pub command: Option<ValuesCommand>,
    #[command(flatten)]
    pub list: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum ValuesCommand {
    /// List your values
    List(JsonFlag),
    /// Add a value or change it
    Set(ValueSetArgs),
    /// Rank your values, most important first (forced ranking; sets weighting to rank)
    Rank {
        /// Your values, most important first
        #[arg(required = true, value_name = "VALUE")]
        values: Vec<String>,
    },
    /// Compare two values: A matters JUDGEMENT times as much as B (1/9..9, e.g. 3 or 1/3); with
    /// nothing given, on a terminal, asks every pair in turn. Sets weighting to ahp
    Compare {
        /// The first value
        #[arg(requires = "b")]
        a: Option<String>,
        /// The second value
        #[arg(requires = "judgement")]
        b: Option<String>,
        /// 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more; 1/3 etc. for less
        judgement: Option<String>,
    },
    /// How your values are weighted: direct (1-10), rank, ahp (pairwise), or unsure (explore all);
    /// refused until every value has the weight, rank or comparisons the mode needs
    Weighting {
        /// direct, rank, ahp or unsure
        #[arg(value_enum)]
        mode: WeightingArg,
    },
    /// How much the long term counts against today: what a path gives in a few years, beside what
    /// it gives now
    Horizon {
        /// 0 = only today counts, 1 = only the horizon
        #[arg(long)]
        weight: f64,
        /// Years ahead
        #[arg(long, default_value_t = 2.0)]
        years: f64,
    },
    /// Remove a value (and the options' scores for it)
    Remove {
        /// The value to remove (its name or id)
        value: String,
    },
}

#[derive(Debug, Args)]
pub struct ValueSetArgs {
    /// The value, e.g. autonomy or "family time"
    pub name: String,
    /// How much it matters, 1-10
    #[arg(long, value_name = "1-10")]
    pub weight: Option<f64>,
    /// The O*NET work value it maps to, e.g. Independence
    #[arg(long, value_name = "WORK-VALUE")]
    pub onet: Option<String>,
    /// Why it matters to you, in your words
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum WeightingArg {
    Direct,
    Rank,
    Ahp,
    Unsure,
}
