use anyhow::{Context, Result, bail};
use indexmap::IndexMap;
use milemarker_core::career::{
    CareerOption, Snapshot, find_named, parse_attr_value, slug, validate_id,
};
use milemarker_core::decision::format_number;
use milemarker_core::markers::grouped;

use crate::cli::{OptionCommand, OptionFields, to_domain};
use crate::commands::values::value_id;
use crate::context::{Db, invalid, print, print_json};
use crate::ui::{DIM, HEADING, paint, table};

pub fn run(db: &mut Db, command: OptionCommand) -> Result<()> {
    match command {
        OptionCommand::List(flag) => {
            let snapshot = db.load()?;
            if flag.json {
                print_json(&snapshot.options)
            } else {
                print(&render(&snapshot))
            }
        }
        OptionCommand::Add(args) => {
            db.update(|s| {
                validate_id("id", &args.id).map_err(invalid)?;
                if s.options.iter().any(|o| o.id == args.id) {
                    bail!("an option \"{}\" exists already; change it with `milemarker option edit {}`", args.id, args.id);
                }
                let mut option = CareerOption { id: args.id.clone(), name: args.id.clone(), ..CareerOption::default() };
                apply(&mut option, args.fields)?;
                s.options.push(option);
                Ok(())
            })?;
            print(&render(&db.load()?))
        }
        OptionCommand::Edit(args) => {
            db.update(|s| {
                let option = find(s, &args.id)?;
                for key in &args.unset_attributes {
                    if option.attributes.shift_remove(key).is_none() {
                        bail!("option \"{}\" has no attribute \"{key}\"", args.id);
                    }
                }
                apply(option, args.fields)
            })?;
            print(&render(&db.load()?))
        }
        OptionCommand::Remove { id } => {
            db.update(|s| {
                let id = find(s, &id)?.id.clone();
                s.options.retain(|o| o.id != id);
                // The offer it was stays a lead, no longer linked: it can be promoted again.
                for o in &mut s.opportunities {
                    if o.option.as_deref() == Some(id.as_str()) {
                        o.option = None;
                    }
                }
                Ok(())
            })?;
            print(&render(&db.load()?))
        }
    }
}

/// The path a person means: by id, by name (any case), or by the start of either.
pub fn find<'a>(s: &'a mut Snapshot, given: &str) -> Result<&'a mut CareerOption> {
    let paths = s.options.iter().map(|o| (o.id.as_str(), o.name.as_str()));
    match find_named("option", given, paths) {
        Ok(i) => Ok(&mut s.options[i]),
        Err(message) => {
            let known: Vec<&str> = s.options.iter().map(|o| o.id.as_str()).collect();
            let known = if known.is_empty() {
                "none yet".to_string()
            } else {
                known.join(", ")
            };
            bail!("{message}; the options are: {known}")
        }
    }
}

fn key_value<'a>(flag: &str, text: &'a str) -> Result<(&'a str, &'a str)> {
    text.split_once('=')
        .map(|(k, v)| (k.trim(), v.trim()))
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        .with_context(|| {
            format!("{flag} \"{text}\" is not KEY=VALUE (like {flag} hours_per_week=42)")
        })
}

fn scores(flag: &str, items: &[String], into: &mut IndexMap<String, f64>) -> Result<()> {
    for item in items {
        let (value, score) = key_value(flag, item)?;
        let score: f64 = score
            .parse()
            .with_context(|| format!("{flag} {item}: \"{score}\" is not a number from 1 to 10"))?;
        into.insert(value_id(value)?, score);
    }
    Ok(())
}

fn apply(option: &mut CareerOption, fields: OptionFields) -> Result<()> {
    if let Some(name) = fields.name {
        option.name = name;
    }
    if let Some(kind) = fields.kind {
        option.kind = to_domain(kind);
    }
    for item in &fields.attributes {
        let (key, value) = key_value("--attr", item)?;
        let key = slug(key).replace('-', "_");
        validate_id("--attr", &key).map_err(invalid)?;
        option.attributes.insert(key, parse_attr_value(value));
    }
    scores("--score", &fields.scores, &mut option.scores)?;
    scores("--later", &fields.later, &mut option.scores_horizon)?;
    option.net_income = fields.net_income.or(option.net_income);
    if let Some(note) = fields.note {
        option.note = Some(note);
    }
    Ok(())
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
