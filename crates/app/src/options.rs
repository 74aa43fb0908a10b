//! The paths a person weighs: their facts, how well each serves every value, and their income.

use anyhow::{Context, Result, bail};
use indexmap::IndexMap;
use milemarker_core::career::{
    CareerOption, OptionKind, Snapshot, find_named, parse_attr_value, slug, validate_id,
};

use crate::records::invalid;
use crate::values::value_id;

/// What to set on a path; what is `None` or empty stays as it is. Facts and scores come as the
/// person typed them, "KEY=VALUE", and refusals name them by the CLI flag that gives them.
#[derive(Debug, Clone, Default)]
pub struct OptionFields {
    pub name: Option<String>,
    pub kind: Option<OptionKind>,
    /// Facts, "hours_per_week=42" (`--attr`).
    pub attributes: Vec<String>,
    /// How well it serves a value today, "autonomy=7" (`--score`).
    pub scores: Vec<String>,
    /// How well it would serve a value at the horizon (`--later`).
    pub later: Vec<String>,
    /// Net income per month.
    pub net_income: Option<f64>,
    pub note: Option<String>,
}

/// Adds a path named by its id.
pub fn add(s: &mut Snapshot, id: &str, fields: OptionFields) -> Result<()> {
    validate_id("id", id).map_err(invalid)?;
    if s.options.iter().any(|o| o.id == id) {
        bail!("an option \"{id}\" exists already; change it with `milemarker option edit {id}`");
    }
    let mut option = CareerOption {
        id: id.to_string(),
        name: id.to_string(),
        ..CareerOption::default()
    };
    apply(&mut option, fields)?;
    s.options.push(option);
    Ok(())
}

/// Changes the path `given` names, first removing the attributes in `unset`.
pub fn edit(s: &mut Snapshot, given: &str, unset: &[String], fields: OptionFields) -> Result<()> {
    let option = find(s, given)?;
    for key in unset {
        if option.attributes.shift_remove(key).is_none() {
            bail!("option \"{given}\" has no attribute \"{key}\"");
        }
    }
    apply(option, fields)
}

/// Changes the path `given` names to what a form states whole: its facts, scores and later scores
/// replace the stored ones, so one left out is gone, and an income or note left out is none. Its
/// risks stay. Refused, nothing changed, when any of it does not read.
pub fn restate(s: &mut Snapshot, given: &str, fields: OptionFields) -> Result<()> {
    let option = find(s, given)?;
    let mut next = CareerOption {
        id: option.id.clone(),
        name: option.name.clone(),
        kind: option.kind,
        risks: option.risks.clone(),
        ..CareerOption::default()
    };
    let (income, note) = (fields.net_income, fields.note.clone());
    apply(&mut next, fields)?;
    next.net_income = income;
    next.note = note.filter(|n| !n.trim().is_empty());
    *option = next;
    Ok(())
}

/// Removes the path `given` names.
pub fn remove(s: &mut Snapshot, given: &str) -> Result<()> {
    let id = find(s, given)?.id.clone();
    s.options.retain(|o| o.id != id);
    // The offer it was stays a lead, no longer linked: it can be promoted again.
    for o in &mut s.opportunities {
        if o.option.as_deref() == Some(id.as_str()) {
            o.option = None;
        }
    }
    Ok(())
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
        option.kind = kind;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(scores: &[&str]) -> OptionFields {
        OptionFields {
            scores: scores.iter().map(|s| s.to_string()).collect(),
            ..OptionFields::default()
        }
    }

    #[test]
    fn scores_are_kept_by_value_id() {
        let mut s = Snapshot::default();
        add(&mut s, "stay", fields(&["Family time = 4"])).unwrap();
        assert_eq!(s.options[0].scores.get("family-time"), Some(&4.0));
        assert_eq!(s.options[0].name, "stay");
    }

    #[test]
    fn a_score_that_is_not_a_number_is_refused_by_its_flag() {
        let mut s = Snapshot::default();
        let err = add(&mut s, "stay", fields(&["pay=high"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--score pay=high: \"high\" is not a number from 1 to 10"
        );
        assert!(s.options.is_empty());
    }

    #[test]
    fn restating_a_path_replaces_its_facts_and_scores_but_keeps_its_risks() {
        let mut s = Snapshot::default();
        let first = OptionFields {
            attributes: vec!["hours_per_week=50".into(), "remote_days=2".into()],
            net_income: Some(4000.0),
            ..fields(&["pay=6", "autonomy=3"])
        };
        add(&mut s, "stay", first).unwrap();
        s.options[0]
            .risks
            .push(milemarker_core::decision::document::RiskSpec {
                name: "no raise".into(),
                probability: 5.0,
                seriousness: 5.0,
                kind: Default::default(),
            });
        let whole = OptionFields {
            attributes: vec!["hours_per_week=40".into()],
            ..fields(&["pay=7"])
        };
        restate(&mut s, "stay", whole).unwrap();
        let o = &s.options[0];
        assert_eq!(o.attributes.keys().collect::<Vec<_>>(), ["hours_per_week"]);
        assert_eq!(o.scores.get("pay"), Some(&7.0));
        assert_eq!((o.scores.len(), o.net_income, o.risks.len()), (1, None, 1));
        let before = s.clone();
        assert!(restate(&mut s, "stay", fields(&["pay=lots"])).is_err());
        assert_eq!(s, before, "a refusal changes nothing");
    }

    #[test]
    fn an_unknown_path_names_the_known_ones() {
        let mut s = Snapshot::default();
        add(&mut s, "stay", OptionFields::default()).unwrap();
        let err = remove(&mut s, "leave").unwrap_err().to_string();
        assert!(err.ends_with("; the options are: stay"), "{err}");
    }
}
