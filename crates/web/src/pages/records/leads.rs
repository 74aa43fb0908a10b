//! The opportunities pipeline: leads with their stage history and notes, the offers they bring
//! (pay and deadline), and an offer made a path to weigh.

use std::collections::HashMap;

use anyhow::{Context, bail};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use jiff::civil::Date;
use milemarker_app::opportunities::{self, LeadChange, NewLead, OfferTerms};
use milemarker_core::career::Snapshot;
use milemarker_core::network::{Opportunity, Source, Stage, stage_word};
use milemarker_core::text::{format_number, word};

use super::{Field, Kind, Row, count};
use crate::forms::Fields;
use crate::pages::act;
use crate::state::{PageError, Shared};

const SOURCES: [Source; 4] = Source::ALL;

fn number(id: &str) -> anyhow::Result<u32> {
    id.parse()
        .with_context(|| format!("\"{id}\" is not an opportunity's number"))
}

fn lead<'a>(s: &'a Snapshot, id: &str) -> Option<&'a Opportunity> {
    let id: u32 = id.parse().ok()?;
    s.opportunities.iter().find(|o| o.id == id)
}

/// "#3 Staff engineer at Acme".
fn named(o: &Opportunity) -> String {
    format!("#{} {} at {}", o.id, o.role, o.company)
}

pub struct Opportunities;

impl Kind for Opportunities {
    const SLUG: &'static str = "opportunities";
    const ONE: &'static str = "an opportunity";
    const MANY: &'static str = "Opportunities";
    const ABOUT: &'static str = "leads, where they came from, their stages so far and your notes; they move along on the board.";
    type Input = NewLead;

    fn rows(s: &Snapshot) -> Vec<Row> {
        s.opportunities
            .iter()
            .map(|o| {
                let stages: Vec<String> = o
                    .history
                    .iter()
                    .map(|c| format!("{} {}", stage_word(c.stage), c.date))
                    .collect();
                Row {
                    id: o.id.to_string(),
                    said: format!("{}: {}", named(o), stages.join(" → ")),
                }
            })
            .collect()
    }

    fn fields(s: &Snapshot) -> Vec<Field> {
        let mut people = vec![(String::new(), "nobody".to_string())];
        people.extend(s.contacts.iter().map(|c| (c.id.clone(), c.name.clone())));
        vec![
            Field::new("company", "Company", "text").attrs("maxlength=\"200\""),
            Field::new("role", "Role", "text").attrs("maxlength=\"200\""),
            Field::new("source", "It came from", "select")
                .choices(SOURCES.iter().map(|v| (word(v), word(v))).collect()),
            Field::new("contact", "Brought by", "select").choices(people),
            Field::new("date", "Arrived on", "date").hint("(a new lead's first stage)"),
            Field::new("link", "Link", "text")
                .hint("(optional: the posting)")
                .attrs("maxlength=\"2000\" inputmode=\"url\""),
            Field::new("note", "Notes", "textarea")
                .hint("(optional)")
                .attrs("maxlength=\"2000\""),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let o = lead(s, id)?;
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        Some(HashMap::from([
            ("company".to_string(), o.company.clone()),
            ("role".to_string(), o.role.clone()),
            ("source".to_string(), word(&o.source)),
            ("contact".to_string(), text(&o.contact)),
            ("date".to_string(), o.arrived().to_string()),
            ("link".to_string(), text(&o.link)),
            ("note".to_string(), text(&o.note)),
        ]))
    }

    fn blank(_: &Snapshot, today: Date) -> HashMap<String, String> {
        HashMap::from([
            ("date".to_string(), today.to_string()),
            ("source".to_string(), "recruiter".to_string()),
        ])
    }

    fn read(fields: &mut Fields, today: Date) -> Option<NewLead> {
        for (name, why) in [("company", "name the company"), ("role", "name the role")] {
            if fields.text(name).is_empty() {
                fields.fail(name, why);
            }
        }
        let sources: Vec<(String, Source)> = SOURCES.iter().map(|v| (word(v), *v)).collect();
        let source = fields.choice("source", &sources);
        let date = fields.parse("date", Some(today), "a date like 2026-11-20");
        let link = fields.optional_text("link");
        if let Some(Err(e)) = link
            .as_deref()
            .map(|l| milemarker_core::limits::check_link("link", l))
        {
            fields.domain(&e, &["link"]);
        }
        Some(NewLead {
            company: fields.text("company").to_string(),
            role: fields.text("role").to_string(),
            source: source?,
            contact: fields.optional_text("contact"),
            date: date?,
            note: fields.optional_text("note"),
            link,
        })
    }

    fn add(s: &mut Snapshot, input: NewLead, _: Date) -> anyhow::Result<()> {
        opportunities::add(s, input).map(drop)
    }

    fn edit(s: &mut Snapshot, id: &str, input: NewLead, _: Date) -> anyhow::Result<()> {
        let n = number(id)?;
        // The day it arrived is its first stage's.
        if let Some(first) = lead(s, id).map(|o| o.history[0].clone())
            && first.date != input.date
        {
            opportunities::restage(s, n, 0, first.stage, input.date)?;
        }
        let change = LeadChange {
            company: Some(input.company),
            role: Some(input.role),
            source: Some(input.source),
            contact: Some(input.contact),
            note: Some(input.note.unwrap_or_default()),
            link: Some(input.link.unwrap_or_default()),
        };
        opportunities::edit(s, n, change)
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        opportunities::remove(s, number(id)?)
    }

    fn related(s: &Snapshot, id: &str) -> Vec<(&'static str, String, String)> {
        let Some(o) = lead(s, id) else {
            return Vec::new();
        };
        let mut related: Vec<_> = (o.history.iter().enumerate())
            .map(|(at, c)| {
                let said = format!("stage: {} on {}", stage_word(c.stage), c.date);
                (Stages::SLUG, format!("{id}/{at}"), said)
            })
            .collect();
        if let Some(f) = s.offers.iter().find(|f| f.opportunity == o.id) {
            let said = format!("offer: {} a year", format_number(f.yearly_total()));
            related.push((Offers::SLUG, id.to_string(), said));
        }
        related
    }

    fn goes_with(s: &Snapshot, id: &str) -> Vec<String> {
        let Some(o) = lead(s, id) else {
            return Vec::new();
        };
        let mut goes = vec![format!(
            "its history of {}",
            count(o.history.len(), "stage", "stages")
        )];
        if s.offers.iter().any(|f| f.opportunity == o.id) {
            goes.push("the offer it brought".into());
        }
        if let Some(path) = &o.option {
            goes.push(format!(
                "nothing of the path \"{path}\" it became: that stays"
            ));
        }
        goes
    }
}

pub struct Stages;

/// A stage's id in the forms: the lead's number and the stage's place in its history, "2/1".
fn stage_at(id: &str) -> Option<(u32, usize)> {
    let (lead, at) = id.split_once('/')?;
    Some((lead.parse().ok()?, at.parse().ok()?))
}

fn stages() -> Vec<(String, Stage)> {
    crate::lists::STAGES
        .iter()
        .map(|&st| (stage_word(st).to_string(), st))
        .collect()
}

impl Kind for Stages {
    const SLUG: &'static str = "stages";
    const ONE: &'static str = "a stage";
    const MANY: &'static str = "Stage history";
    const ABOUT: &'static str = "each opportunity's stages with their dates: put right a date, or take back a move made by mistake.";
    type Input = (u32, Stage, Date);

    fn rows(s: &Snapshot) -> Vec<Row> {
        s.opportunities
            .iter()
            .flat_map(|o| {
                o.history.iter().enumerate().map(move |(at, c)| Row {
                    id: format!("{}/{at}", o.id),
                    said: format!("{}: {} on {}", named(o), stage_word(c.stage), c.date),
                })
            })
            .collect()
    }

    fn fields(s: &Snapshot) -> Vec<Field> {
        let leads = s
            .opportunities
            .iter()
            .map(|o| (o.id.to_string(), named(o)))
            .collect();
        let choices = stages().into_iter().map(|(w, _)| (w.clone(), w)).collect();
        vec![
            Field::new("opportunity", "The opportunity", "select").choices(leads),
            Field::new("stage", "Stage", "select").choices(choices),
            Field::new("date", "On", "date"),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let (lead, at) = stage_at(id)?;
        let o = s.opportunities.iter().find(|o| o.id == lead)?;
        let c = o.history.get(at)?;
        Some(HashMap::from([
            ("opportunity".to_string(), lead.to_string()),
            ("stage".to_string(), stage_word(c.stage).to_string()),
            ("date".to_string(), c.date.to_string()),
        ]))
    }

    fn blank(s: &Snapshot, today: Date) -> HashMap<String, String> {
        let first = s.opportunities.first().map(|o| o.id.to_string());
        HashMap::from([
            ("date".to_string(), today.to_string()),
            ("opportunity".to_string(), first.unwrap_or_default()),
        ])
    }

    fn read(fields: &mut Fields, today: Date) -> Option<(u32, Stage, Date)> {
        let lead = fields.parse("opportunity", None, "one of your opportunities");
        let stage = fields.choice("stage", &stages());
        let date = fields.parse("date", Some(today), "a date like 2026-11-20");
        Some((lead?, stage?, date?))
    }

    fn can_add(s: &Snapshot) -> bool {
        !s.opportunities.is_empty()
    }

    fn add(
        s: &mut Snapshot,
        (lead, stage, date): (u32, Stage, Date),
        _: Date,
    ) -> anyhow::Result<()> {
        opportunities::move_to(s, lead, stage, date)
    }

    fn edit(
        s: &mut Snapshot,
        id: &str,
        (lead, stage, date): (u32, Stage, Date),
        _: Date,
    ) -> anyhow::Result<()> {
        match stage_at(id) {
            Some((was, at)) if was == lead => opportunities::restage(s, lead, at, stage, date),
            Some(_) => bail!("a stage stays with its opportunity; add it to the other one"),
            None => bail!("no stage \"{id}\""),
        }
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        match stage_at(id) {
            Some((lead, at)) => opportunities::unstage(s, lead, at),
            None => bail!("no stage \"{id}\""),
        }
    }

    fn blocked(_: &Snapshot, id: &str) -> Option<String> {
        (stage_at(id)?.1 == 0).then(|| {
            "an opportunity keeps the day it arrived; remove the opportunity instead".to_string()
        })
    }
}

pub struct Offers;

impl Kind for Offers {
    const SLUG: &'static str = "offers";
    const ONE: &'static str = "an offer";
    const MANY: &'static str = "Offers";
    const ABOUT: &'static str = "what an opportunity at the offer stage pays a year, and when you must answer; an offer can become a path to weigh.";
    type Input = (u32, OfferTerms);

    fn rows(s: &Snapshot) -> Vec<Row> {
        s.offers
            .iter()
            .filter_map(|f| {
                let o = s.opportunities.iter().find(|o| o.id == f.opportunity)?;
                let by = f
                    .deadline
                    .map(|d| format!(", answer by {d}"))
                    .unwrap_or_default();
                Some(Row {
                    id: o.id.to_string(),
                    said: format!(
                        "{}: {} a year{by}",
                        named(o),
                        format_number(f.yearly_total())
                    ),
                })
            })
            .collect()
    }

    fn fields(s: &Snapshot) -> Vec<Field> {
        let offered = s
            .opportunities
            .iter()
            .filter(|o| o.history.iter().any(|c| c.stage == Stage::Offer))
            .map(|o| (o.id.to_string(), named(o)))
            .collect();
        let money = "min=\"0\" step=\"any\" inputmode=\"decimal\"";
        vec![
            Field::new("opportunity", "The opportunity", "select").choices(offered),
            Field::new("base", "Base pay a year", "number").attrs(money),
            Field::new("bonus", "Bonus a year", "number")
                .hint("(optional)")
                .attrs(money),
            Field::new("equity", "Equity a year", "number")
                .hint("(optional)")
                .attrs(money),
            Field::new("deadline", "Answer by", "date").hint("(optional)"),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let id: u32 = id.parse().ok()?;
        let f = s.offers.iter().find(|f| f.opportunity == id)?;
        let amount = |n: Option<f64>| n.map(format_number).unwrap_or_default();
        Some(HashMap::from([
            ("opportunity".to_string(), id.to_string()),
            ("base".to_string(), format_number(f.base)),
            ("bonus".to_string(), amount(f.bonus)),
            ("equity".to_string(), amount(f.equity)),
            (
                "deadline".to_string(),
                f.deadline.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ]))
    }

    fn read(fields: &mut Fields, _: Date) -> Option<(u32, OfferTerms)> {
        let opportunity = fields.parse("opportunity", None, "an opportunity at the offer stage");
        let high = 100_000_000.0;
        let base = fields.number("base", None, 0.0, high);
        let bonus = fields.optional_number("bonus", 0.0, high);
        let equity = fields.optional_number("equity", 0.0, high);
        let deadline = fields.optional("deadline", "a date like 2026-12-01");
        let terms = OfferTerms {
            base,
            bonus,
            equity,
            deadline,
        };
        Some((opportunity?, terms))
    }

    fn can_add(s: &Snapshot) -> bool {
        s.opportunities
            .iter()
            .any(|o| o.history.iter().any(|c| c.stage == Stage::Offer))
    }

    fn add(s: &mut Snapshot, (id, terms): (u32, OfferTerms), _: Date) -> anyhow::Result<()> {
        if s.offers.iter().any(|f| f.opportunity == id) {
            bail!("opportunity #{id} has an offer recorded already; change it in the list");
        }
        opportunities::offer(s, id, terms).map(drop)
    }

    fn edit(
        s: &mut Snapshot,
        id: &str,
        (to, terms): (u32, OfferTerms),
        _: Date,
    ) -> anyhow::Result<()> {
        if to != number(id)? {
            bail!("an offer stays with its opportunity; remove it and add it to the other");
        }
        opportunities::restate_offer(s, to, terms).map(drop)
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        opportunities::remove_offer(s, number(id)?)
    }

    fn goes_with(s: &Snapshot, id: &str) -> Vec<String> {
        match lead(s, id).and_then(|o| o.option.clone()) {
            Some(path) => vec![format!(
                "nothing of the path \"{path}\" it became: that stays"
            )],
            None => Vec::new(),
        }
    }

    fn actions(s: &Snapshot, id: &str) -> Vec<(&'static str, &'static str)> {
        match lead(s, id) {
            Some(o) if o.option.is_none() => vec![(PROMOTE, "Make it a path to weigh")],
            _ => Vec::new(),
        }
    }

    fn more_routes(router: Router<Shared>) -> Router<Shared> {
        router.route(PROMOTE, post(promote))
    }
}

const PROMOTE: &str = "/records/offers/promote";

/// Makes an offer a path (an option), its pay filled in, to be scored against the values.
pub async fn promote(
    State(app): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let id = form.get("id").cloned().unwrap_or_default();
    act(&app, &form, move |s, _| {
        opportunities::promote(s, number(&id)?, None).map(drop)
    })
    .await?;
    Ok(Redirect::to("/records/options?saved=promoted").into_response())
}
