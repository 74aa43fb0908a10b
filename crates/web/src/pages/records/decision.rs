//! The records a decision weighs: the paths (their facts, scores now and later, net income), the
//! risks on them, the values they serve and the deal-breakers they must pass.

use std::collections::HashMap;

use anyhow::bail;
use jiff::civil::Date;
use milemarker_app::options::OptionFields;
use milemarker_app::values::ValueFields;
use milemarker_app::{dealbreakers, options, risks, values};
use milemarker_core::career::{DealBreaker, OptionKind, Snapshot, slug};
use milemarker_core::decision::document::{RiskKind, RiskSpec};
use milemarker_core::text::format_number;

use super::{Field, Kind, Row, count};
use crate::forms::Fields;
use crate::pages::start::KINDS;

/// A value as people say it: "family-time" is "family time".
fn said(id: &str) -> String {
    id.replace('-', " ")
}

fn number(n: Option<f64>) -> String {
    n.map(format_number).unwrap_or_default()
}

/// A required name: the field's text, or a problem beside it.
fn required(fields: &mut Fields, name: &str, why: &str) -> String {
    let text = fields.text(name).to_string();
    if text.is_empty() {
        fields.fail(name, why);
    }
    text
}

pub struct Options;

/// The path's form as typed: its name and the app's fields.
pub struct PathInput {
    name: String,
    fields: OptionFields,
}

/// The score fields a form sent with `prefix` ("score-pay"), as the app takes them ("pay=7").
fn read_scores(fields: &mut Fields, prefix: &str) -> Vec<String> {
    let mut named: Vec<String> = fields
        .form()
        .keys()
        .filter(|k| k.starts_with(prefix) && !fields.text(k).is_empty())
        .cloned()
        .collect();
    named.sort();
    named
        .into_iter()
        .filter_map(|name| {
            let score = fields.number::<f64>(&name, None, 1.0, 10.0)?;
            Some(format!("{}={score}", &name[prefix.len()..]))
        })
        .collect()
}

impl Kind for Options {
    const SLUG: &'static str = "options";
    const ONE: &'static str = "a path";
    const MANY: &'static str = "Paths";
    const ABOUT: &'static str = "the paths you weigh: their facts, how well each serves your values now and later, their income and risks.";
    type Input = PathInput;

    fn rows(s: &Snapshot) -> Vec<Row> {
        s.options
            .iter()
            .map(|o| Row {
                id: o.id.clone(),
                said: format!("{} ({}, {})", o.name, kind_said(o.kind), {
                    count(o.scores.len(), "score", "scores")
                }),
            })
            .collect()
    }

    fn fields(s: &Snapshot) -> Vec<Field> {
        let mut fields = vec![
            Field::new("name", "The path", "text")
                .hint("(e.g. stay as team lead)")
                .attrs("maxlength=\"200\""),
            Field::new("kind", "What kind of path", "select").choices(
                KINDS
                    .iter()
                    .map(|(k, said)| (k.as_str().to_string(), said.to_string()))
                    .collect(),
            ),
            Field::new("net_income", "Net income a month on this path", "number")
                .hint("(optional: for the runway)")
                .attrs("min=\"0\" step=\"any\" inputmode=\"decimal\""),
            Field::new("attributes", "Facts, one a line", "textarea")
                .hint("(e.g. hours_per_week=42, remote_days=2: what deal-breakers test)"),
        ];
        let years = format_number(s.settings.horizon_years);
        for v in &s.values {
            let (id, name) = (&v.id, said(&v.id));
            fields.push(
                Field::new(
                    &format!("score-{id}"),
                    &format!("How well it serves {name} now"),
                    "number",
                )
                .hint("(1 to 10)")
                .attrs("min=\"1\" max=\"10\" step=\"any\""),
            );
            fields.push(
                Field::new(
                    &format!("later-{id}"),
                    &format!("… and in {years} years"),
                    "number",
                )
                .hint("(optional, 1 to 10)")
                .attrs("min=\"1\" max=\"10\" step=\"any\""),
            );
        }
        fields.push(Field::new("note", "Note", "textarea").attrs("maxlength=\"1000\""));
        fields
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let o = s.options.iter().find(|o| o.id == id)?;
        let mut shown = HashMap::from([
            ("name".to_string(), o.name.clone()),
            ("kind".to_string(), o.kind.as_str().to_string()),
            ("net_income".to_string(), number(o.net_income)),
            (
                "attributes".to_string(),
                o.attributes
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ("note".to_string(), o.note.clone().unwrap_or_default()),
        ]);
        for (prefix, scores) in [("score", &o.scores), ("later", &o.scores_horizon)] {
            for (value, score) in scores {
                shown.insert(format!("{prefix}-{value}"), format_number(*score));
            }
        }
        Some(shown)
    }

    fn blank(_: &Snapshot, _: Date) -> HashMap<String, String> {
        HashMap::from([("kind".to_string(), OptionKind::Stay.as_str().to_string())])
    }

    fn read(fields: &mut Fields, _: Date) -> Option<PathInput> {
        let name = required(fields, "name", "name the path, e.g. \"stay as team lead\"");
        let kinds: Vec<(String, OptionKind)> = KINDS
            .iter()
            .map(|(k, _)| (k.as_str().to_string(), *k))
            .collect();
        let kind = fields.choice("kind", &kinds);
        let net_income = fields.optional_number("net_income", 0.0, 100_000_000.0);
        let attributes: Vec<String> = fields
            .text("attributes")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        if let Some(bad) = attributes.iter().find(|a| !a.contains('=')) {
            fields.fail(
                "attributes",
                format!("\"{bad}\" is not NAME=VALUE, like hours_per_week=42"),
            );
        }
        let note = fields.optional_text("note");
        Some(PathInput {
            fields: OptionFields {
                name: Some(name.clone()),
                kind,
                attributes,
                scores: read_scores(fields, "score-"),
                later: read_scores(fields, "later-"),
                net_income,
                note,
            },
            name,
        })
    }

    fn add(s: &mut Snapshot, input: PathInput, _: Date) -> anyhow::Result<()> {
        let id = slug(&input.name);
        if s.options.iter().any(|o| o.id == id) {
            bail!("a path \"{id}\" exists already; change it in the list, or name this one apart");
        }
        options::add(s, &id, input.fields)
    }

    fn edit(s: &mut Snapshot, id: &str, input: PathInput, _: Date) -> anyhow::Result<()> {
        options::restate(s, id, input.fields)
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        options::remove(s, id)
    }

    fn related(s: &Snapshot, id: &str) -> Vec<(&'static str, String, String)> {
        let risks = s
            .options
            .iter()
            .filter(|o| o.id == id)
            .flat_map(|o| &o.risks);
        risks
            .map(|r| {
                let said = format!("risk: {} (a {})", r.name, r.kind.as_str());
                (Risks::SLUG, risk_id(id, &r.name), said)
            })
            .collect()
    }

    fn goes_with(s: &Snapshot, id: &str) -> Vec<String> {
        let Some(o) = s.options.iter().find(|o| o.id == id) else {
            return Vec::new();
        };
        let scores = o.scores.len() + o.scores_horizon.len();
        let parts = [
            (o.risks.len(), "risk", "risks"),
            (scores, "score", "scores"),
            (o.attributes.len(), "fact", "facts"),
        ];
        let mut goes: Vec<String> = parts
            .iter()
            .filter(|(n, ..)| *n > 0)
            .map(|(n, one, many)| format!("its {}", count(*n, one, many)))
            .collect();
        let leads = s
            .opportunities
            .iter()
            .filter(|l| l.option.as_deref() == Some(id));
        for lead in leads {
            goes.push(format!(
                "the link from the opportunity at {} (the lead stays, and can be promoted again)",
                lead.company
            ));
        }
        goes
    }
}

fn kind_said(kind: OptionKind) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(kind.as_str(), |k| k.1)
}

pub struct Risks;

/// A risk's id in the forms: its path's id (which has no colon), a colon, its name.
fn risk_id(option: &str, name: &str) -> String {
    format!("{option}:{name}")
}

impl Kind for Risks {
    const SLUG: &'static str = "risks";
    const ONE: &'static str = "a risk";
    const MANY: &'static str = "Risks";
    const ABOUT: &'static str =
        "what could go wrong on each path: a fear to test, or a fact to plan for.";
    type Input = (String, RiskSpec);

    fn rows(s: &Snapshot) -> Vec<Row> {
        s.options
            .iter()
            .flat_map(|o| {
                o.risks.iter().map(|r| Row {
                    id: risk_id(&o.id, &r.name),
                    said: format!(
                        "{}: {} (a {}; likely {}, serious {})",
                        o.name,
                        r.name,
                        r.kind.as_str(),
                        format_number(r.probability),
                        format_number(r.seriousness)
                    ),
                })
            })
            .collect()
    }

    fn fields(s: &Snapshot) -> Vec<Field> {
        let paths = s
            .options
            .iter()
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect();
        let scale = "min=\"1\" max=\"10\" step=\"any\"";
        vec![
            Field::new("option", "On the path", "select").choices(paths),
            Field::new("name", "What could go wrong", "text")
                .hint("(e.g. a gap on my resume)")
                .attrs("maxlength=\"200\""),
            Field::new("kind", "Is it", "select").choices(vec![
                ("fear".into(), "a fear: test it".into()),
                ("fact".into(), "a fact: plan for it".into()),
            ]),
            Field::new("probability", "How likely", "number")
                .hint("(1 hardly to 10 certainly)")
                .attrs(scale),
            Field::new("seriousness", "How serious", "number")
                .hint("(1 to 10)")
                .attrs(scale),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let (option, name) = id.split_once(':')?;
        let o = s.options.iter().find(|o| o.id == option)?;
        let r = o.risks.iter().find(|r| r.name == name)?;
        Some(HashMap::from([
            ("option".to_string(), o.id.clone()),
            ("name".to_string(), r.name.clone()),
            ("kind".to_string(), r.kind.as_str().to_string()),
            ("probability".to_string(), format_number(r.probability)),
            ("seriousness".to_string(), format_number(r.seriousness)),
        ]))
    }

    fn read(fields: &mut Fields, _: Date) -> Option<(String, RiskSpec)> {
        let option = required(fields, "option", "choose the path it is a risk of");
        let name = required(fields, "name", "say what could go wrong");
        let kinds = [
            ("fear".to_string(), RiskKind::Fear),
            ("fact".to_string(), RiskKind::Fact),
        ];
        let kind = fields.choice("kind", &kinds);
        let probability = fields.number("probability", None, 1.0, 10.0);
        let seriousness = fields.number("seriousness", None, 1.0, 10.0);
        Some((
            option,
            RiskSpec {
                name,
                probability: probability?,
                seriousness: seriousness?,
                kind: kind?,
            },
        ))
    }

    fn can_add(s: &Snapshot) -> bool {
        !s.options.is_empty()
    }

    fn add(s: &mut Snapshot, (option, risk): (String, RiskSpec), _: Date) -> anyhow::Result<()> {
        risks::add(s, &option, risk)
    }

    fn edit(
        s: &mut Snapshot,
        id: &str,
        (to, risk): (String, RiskSpec),
        _: Date,
    ) -> anyhow::Result<()> {
        let Some((option, name)) = id.split_once(':') else {
            bail!("no risk \"{id}\"");
        };
        if to == option {
            risks::edit(s, option, name, risk)
        } else {
            // Moved to another path: taken from the one, added to the other, in one write.
            risks::remove(s, option, name)?;
            risks::add(s, &to, risk)
        }
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        match id.split_once(':') {
            Some((option, name)) => risks::remove(s, option, name),
            None => bail!("no risk \"{id}\""),
        }
    }
}

pub struct Values;

/// A value's form as typed.
pub struct ValueInput {
    fields: ValueFields,
    place: Option<usize>,
}

impl Kind for Values {
    const SLUG: &'static str = "values";
    const ONE: &'static str = "a value";
    const MANY: &'static str = "What matters to you";
    const ABOUT: &'static str =
        "your values, most important first, with a weight from 1 to 10 where you give one.";
    type Input = ValueInput;

    fn rows(s: &Snapshot) -> Vec<Row> {
        let mut values: Vec<_> = s.values.iter().collect();
        values.sort_by_key(|v| v.rank.unwrap_or(u32::MAX));
        values
            .iter()
            .map(|v| {
                let rank = v.rank.map(|r| format!("{r}. ")).unwrap_or_default();
                let weight = v
                    .weight
                    .map(|w| format!(" (weight {})", format_number(w)))
                    .unwrap_or_default();
                Row {
                    id: v.id.clone(),
                    said: format!("{rank}{}{weight}", said(&v.id)),
                }
            })
            .collect()
    }

    fn fields(_: &Snapshot) -> Vec<Field> {
        vec![
            Field::new("name", "What matters", "text")
                .hint("(e.g. autonomy, family time, pay)")
                .attrs("maxlength=\"100\""),
            Field::new("rank", "Its place, 1 = most important", "number")
                .hint("(optional: left empty, a new value goes last)")
                .attrs("min=\"1\" max=\"100\""),
            Field::new("weight", "How much it matters", "number")
                .hint("(optional, 1 to 10: for direct weighting)")
                .attrs("min=\"1\" max=\"10\" step=\"any\""),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let v = s.values.iter().find(|v| v.id == id)?;
        Some(HashMap::from([
            ("name".to_string(), said(&v.id)),
            (
                "rank".to_string(),
                v.rank.map(|r| r.to_string()).unwrap_or_default(),
            ),
            ("weight".to_string(), number(v.weight)),
        ]))
    }

    fn read(fields: &mut Fields, _: Date) -> Option<ValueInput> {
        let name = required(fields, "name", "name what matters, e.g. autonomy");
        if let Err(err) = values::value_id(&name) {
            fields.fail("name", format!("{err:#}"));
        }
        let place = fields
            .optional_number("rank", 1.0, 100.0)
            .map(|p| p as usize);
        let weight = fields.optional_number("weight", 1.0, 10.0);
        Some(ValueInput {
            fields: ValueFields {
                name,
                weight,
                ..ValueFields::default()
            },
            place,
        })
    }

    fn add(s: &mut Snapshot, input: ValueInput, _: Date) -> anyhow::Result<()> {
        let id = values::value_id(&input.fields.name)?;
        if s.values.iter().any(|v| v.id == id) {
            bail!(
                "\"{}\" is one of your values already; change it in the list",
                said(&id)
            );
        }
        place(s, input, values::set)
    }

    fn edit(s: &mut Snapshot, id: &str, input: ValueInput, _: Date) -> anyhow::Result<()> {
        // A new name takes the value's scores, comparisons and deal-breakers with it.
        values::rename(s, id, &input.fields.name)?;
        place(s, input, values::restate)
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        values::remove(s, id)
    }

    fn goes_with(s: &Snapshot, id: &str) -> Vec<String> {
        let scored = s
            .options
            .iter()
            .filter(|o| o.scores.contains_key(id) || o.scores_horizon.contains_key(id))
            .count();
        let judged = s
            .value_judgements
            .iter()
            .filter(|j| j.a == id || j.b == id)
            .count();
        let mut goes = vec![format!("its scores on {}", count(scored, "path", "paths"))];
        if judged > 0 {
            goes.push(format!(
                "{} with other values",
                count(judged, "comparison", "comparisons")
            ));
        }
        for d in s.dealbreakers.iter().filter(|d| d.attribute == id) {
            goes.push(format!(
                "nothing of the deal-breaker \"{}\": it stays, and no longer finds a score to test",
                d.rule()
            ));
        }
        goes
    }
}

/// Sets the value with `set` (the app's `set` to add, its `restate` to change, so a weight emptied
/// is none), then puts it in its place when one is given, the values are ranked, or it has no
/// weight (a value needs one or the other to count in the decision).
fn place(
    s: &mut Snapshot,
    input: ValueInput,
    set: fn(&mut Snapshot, ValueFields) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let name = input.fields.name.clone();
    let unweighted = input.fields.weight.is_none();
    set(s, input.fields)?;
    let ranked = s.values.iter().any(|v| v.rank.is_some());
    if input.place.is_some() || ranked || unweighted {
        values::move_to(s, &name, input.place.unwrap_or(usize::MAX))?;
    }
    Ok(())
}

pub struct DealBreakers;

/// A deal-breaker's form as typed: its rule, its id when given, its note.
pub struct RuleInput {
    rule: String,
    id: Option<String>,
    note: Option<String>,
}

impl Kind for DealBreakers {
    const SLUG: &'static str = "dealbreakers";
    const ONE: &'static str = "a deal-breaker";
    const MANY: &'static str = "Deal-breakers";
    const ABOUT: &'static str = "the lines you will not cross: a path that breaks one is ruled out, however well it scores.";
    type Input = RuleInput;

    fn rows(s: &Snapshot) -> Vec<Row> {
        s.dealbreakers
            .iter()
            .map(|d| Row {
                id: d.id.clone(),
                said: d.rule(),
            })
            .collect()
    }

    fn fields(_: &Snapshot) -> Vec<Field> {
        vec![
            Field::new("rule", "The rule", "text")
                .hint("(a value or a fact and a threshold: family time >= 5, hours_per_week <= 45)")
                .attrs("maxlength=\"200\""),
            Field::new("id", "A short name", "text")
                .hint("(optional; needed when two rules test the same thing)")
                .attrs("maxlength=\"64\""),
            Field::new("note", "Why", "text")
                .hint("(optional)")
                .attrs("maxlength=\"500\""),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let d = s.dealbreakers.iter().find(|d| d.id == id)?;
        Some(HashMap::from([
            ("rule".to_string(), d.rule()),
            ("id".to_string(), d.id.clone()),
            ("note".to_string(), d.note.clone().unwrap_or_default()),
        ]))
    }

    fn read(fields: &mut Fields, _: Date) -> Option<RuleInput> {
        let rule = required(fields, "rule", "write the rule, like hours_per_week <= 45");
        if let Err(message) = dealbreakers::check_rule(&rule) {
            fields.fail("rule", message);
        }
        Some(RuleInput {
            rule,
            id: fields.optional_text("id").map(|id| slug(&id)),
            note: fields.optional_text("note"),
        })
    }

    fn add(s: &mut Snapshot, input: RuleInput, _: Date) -> anyhow::Result<()> {
        // Named as the app would name it, to refuse a second rule on the same thing in this
        // form's words (a short name) rather than the command line's.
        let named = DealBreaker::parse_rule(&input.rule).map(|(attribute, ..)| slug(&attribute));
        if let Some(id) = input.id.clone().or(named.ok())
            && s.dealbreakers.iter().any(|d| d.id == id)
        {
            bail!(
                "a deal-breaker \"{id}\" exists already; give this one a short name of its own, or change that one"
            );
        }
        dealbreakers::add(s, &input.rule, input.id, input.note)
    }

    fn edit(s: &mut Snapshot, id: &str, input: RuleInput, _: Date) -> anyhow::Result<()> {
        match input.id.filter(|new| new != id) {
            // A new name: the rule under the old one goes, in the same write.
            Some(new) => {
                dealbreakers::remove(s, id)?;
                dealbreakers::add(s, &input.rule, Some(new), input.note)
            }
            None => dealbreakers::edit(s, id, &input.rule, input.note),
        }
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        dealbreakers::remove(s, id)
    }
}
