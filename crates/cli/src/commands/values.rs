use std::io::IsTerminal;

use anyhow::{Result, bail};
use milemarker_core::career::{Snapshot, Value, ValueJudgement, Weighting, slug, validate_id};
use milemarker_core::decision::ahp::PairwiseMatrix;
use milemarker_core::decision::document::Judgement;
use milemarker_core::decision::format_number;

use crate::cli::{ValueSetArgs, ValuesArgs, ValuesCommand, to_domain};
use crate::context::{Db, invalid, print, print_json};
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
        ValuesCommand::Set(args) => changed(db, |s| set(s, args)),
        ValuesCommand::Rank { values } => changed(db, |s| rank(s, &values)),
        ValuesCommand::Weighting { mode } => changed(db, |s| set_weighting(s, to_domain(mode))),
        ValuesCommand::Horizon { weight, years } => changed(db, |s| {
            s.settings.horizon_weight = weight;
            s.settings.horizon_years = years;
            Ok(())
        }),
        ValuesCommand::Compare {
            a: Some(a),
            b: Some(b),
            judgement: Some(judgement),
        } => changed(db, |s| compare(s, &a, &b, &judgement)),
        ValuesCommand::Compare { .. } => guided_comparisons(db),
        ValuesCommand::Remove { value } => changed(db, |s| remove(s, &value)),
    }
}

fn changed(db: &mut Db, change: impl FnOnce(&mut Snapshot) -> Result<()>) -> Result<()> {
    db.update(change)?;
    print(&render(&db.load()?))
}

/// "Family time" and "family-time" name the same value.
pub fn value_id(name: &str) -> Result<String> {
    let id = slug(name);
    validate_id("value", &id).map_err(invalid)?;
    Ok(id)
}

fn set(s: &mut Snapshot, args: ValueSetArgs) -> Result<()> {
    let id = value_id(&args.name)?;
    let value = match s.values.iter_mut().find(|v| v.id == id) {
        Some(v) => v,
        None => {
            s.values.push(Value {
                id,
                weight: None,
                rank: None,
                onet_work_value: None,
                note: None,
            });
            s.values.last_mut().expect("just pushed")
        }
    };
    value.weight = args.weight.or(value.weight);
    if let Some(onet) = args.onet {
        value.onet_work_value = Some(onet);
    }
    if let Some(note) = args.note {
        value.note = Some(note);
    }
    Ok(())
}

/// Switches the weighting only when the values carry what it weighs by, naming what is missing
/// and the commands that give it.
fn set_weighting(s: &mut Snapshot, mode: Weighting) -> Result<()> {
    let lacking = |lacks: fn(&Value) -> bool| -> Vec<&str> {
        s.values
            .iter()
            .filter(|v| lacks(v))
            .map(|v| v.id.as_str())
            .collect()
    };
    let has = |n: usize| if n == 1 { "has" } else { "have" };
    match mode {
        Weighting::Direct => {
            let missing = lacking(|v| v.weight.is_none());
            if let Some(first) = missing.first() {
                bail!(
                    "direct weighting needs a weight (1-10) for every value, and {} {} none; give \
                     {} with `milemarker values set {first} --weight N`, then run this again",
                    missing.join(", "),
                    has(missing.len()),
                    if missing.len() == 1 {
                        "it one"
                    } else {
                        "each one"
                    },
                );
            }
        }
        Weighting::Rank => {
            let missing = lacking(|v| v.rank.is_none());
            if !missing.is_empty() {
                let all: Vec<&str> = s.values.iter().map(|v| v.id.as_str()).collect();
                bail!(
                    "rank weighting needs every value ranked, and {} {} no rank; rank them all, \
                     most important first, with `milemarker values rank {}` (in your order)",
                    missing.join(", "),
                    has(missing.len()),
                    all.join(" ")
                );
            }
        }
        Weighting::Ahp if s.values.len() > 1 => {
            s.values_pairwise()
                .map_err(|err| anyhow::anyhow!("{}", err.message))?;
        }
        Weighting::Ahp | Weighting::Unsure => {}
    }
    s.settings.weighting = mode;
    Ok(())
}

/// A forced ranking (as the O*NET Work Importance Profiler asks): every value once, in order.
fn rank(s: &mut Snapshot, names: &[String]) -> Result<()> {
    let ids = names
        .iter()
        .map(|n| value_id(n))
        .collect::<Result<Vec<_>>>()?;
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            bail!("\"{id}\" is ranked twice; name each value once, most important first");
        }
        if !s.values.iter().any(|v| &v.id == id) {
            s.values.push(Value {
                id: id.clone(),
                weight: None,
                rank: None,
                onet_work_value: None,
                note: None,
            });
        }
    }
    if let Some(missing) = s.values.iter().find(|v| !ids.contains(&v.id)) {
        bail!(
            "\"{}\" is one of your values but is not in the ranking; rank all of them ({}), or remove it first",
            missing.id,
            s.values
                .iter()
                .map(|v| v.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for value in &mut s.values {
        value.rank = Some(ids.iter().position(|id| *id == value.id).expect("checked") as u32 + 1);
    }
    s.settings.weighting = Weighting::Rank;
    Ok(())
}

/// Records (or replaces) one pairwise judgement between two of the person's values.
fn compare(s: &mut Snapshot, a: &str, b: &str, judgement: &str) -> Result<()> {
    let (a, b) = (value_id(a)?, value_id(b)?);
    let value = Judgement::Text(judgement.to_string())
        .value()
        .map_err(|why| anyhow::anyhow!("judgement: {why}"))?;
    for id in [&a, &b] {
        if !s.values.iter().any(|v| &v.id == id) {
            bail!("\"{id}\" is not one of your values; add it with `milemarker values set {id}`");
        }
    }
    s.value_judgements
        .retain(|j| !((j.a == a && j.b == b) || (j.a == b && j.b == a)));
    s.value_judgements.push(ValueJudgement { a, b, value });
    s.settings.weighting = Weighting::Ahp;
    Ok(())
}

/// Saaty's scale as a person answers it, strongest for the first value down to strongest for the
/// second: (answer, judgement).
const SAATY: [(&str, &str); 9] = [
    ("{a} matters extremely more (9)", "9"),
    ("{a} matters very strongly more (7)", "7"),
    ("{a} matters strongly more (5)", "5"),
    ("{a} matters moderately more (3)", "3"),
    ("they matter equally (1)", "1"),
    ("{b} matters moderately more (1/3)", "1/3"),
    ("{b} matters strongly more (1/5)", "1/5"),
    ("{b} matters very strongly more (1/7)", "1/7"),
    ("{b} matters extremely more (1/9)", "1/9"),
];

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
    let s = db.load()?;
    let ids: Vec<String> = s.values.iter().map(|v| v.id.clone()).collect();
    if ids.len() < 2 {
        bail!("comparing needs two values or more; add them with `milemarker values set NAME`");
    }
    let pairs: Vec<(&String, &String)> = ids
        .iter()
        .enumerate()
        .flat_map(|(i, a)| ids[i + 1..].iter().map(move |b| (a, b)))
        .collect();
    let mut answers = Vec::with_capacity(pairs.len());
    for (n, (a, b)) in pairs.iter().enumerate() {
        let before = s
            .value_judgements
            .iter()
            .find_map(|j| match (&j.a, &j.b) {
                (x, y) if x == *a && y == *b => Some(j.value),
                (x, y) if x == *b && y == *a => Some(1.0 / j.value),
                _ => None,
            })
            .unwrap_or(1.0);
        let items: Vec<String> = SAATY
            .iter()
            .map(|(words, _)| words.replace("{a}", a).replace("{b}", b))
            .collect();
        let closest = SAATY
            .iter()
            .enumerate()
            .min_by(|(_, x), (_, y)| {
                let value = |j: &str| Judgement::Text(j.into()).value().unwrap_or(1.0);
                let off = |j: &str| (value(j).ln() - before.ln()).abs();
                off(x.1).total_cmp(&off(y.1))
            })
            .map_or(4, |(i, _)| i);
        let chosen = dialoguer::Select::new()
            .with_prompt(format!("{}/{}: {a} or {b}?", n + 1, pairs.len()))
            .items(&items)
            .default(closest)
            .interact()?;
        answers.push((a.to_string(), b.to_string(), SAATY[chosen].1));
    }
    changed(db, |s| {
        for (a, b, judgement) in &answers {
            compare(s, a, b, judgement)?;
        }
        Ok(())
    })
}

fn remove(s: &mut Snapshot, name: &str) -> Result<()> {
    let id = value_id(name)?;
    let before = s.values.len();
    s.values.retain(|v| v.id != id);
    if s.values.len() == before {
        bail!("no value \"{id}\"; `milemarker values` lists them");
    }
    s.value_judgements.retain(|j| j.a != id && j.b != id);
    for option in &mut s.options {
        option.scores.shift_remove(&id);
        option.scores_horizon.shift_remove(&id);
    }
    // Ranks must stay 1..n without gaps.
    let mut ranked: Vec<&mut Value> = s.values.iter_mut().filter(|v| v.rank.is_some()).collect();
    ranked.sort_by_key(|v| v.rank);
    for (i, v) in ranked.into_iter().enumerate() {
        v.rank = Some(i as u32 + 1);
    }
    Ok(())
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
