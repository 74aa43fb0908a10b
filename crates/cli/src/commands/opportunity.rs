//! The pipeline (004): leads from recruiters, referrals, postings and the network, through their
//! stages; an offer becomes an option to decide on.

use anyhow::{Result, bail};
use milemarker_core::career::{CareerOption, OptionKind, Snapshot, next_number, slug, validate_id};
use milemarker_core::decision::document::AttrValue;
use milemarker_core::markers::grouped;
use milemarker_core::network::{
    Offer, Opportunity, Source, Stage, StageChange, days_between, source_word, stage_word,
    waited_words,
};
use serde::Serialize;

use crate::cli::{OfferArgs, OpportunityAddArgs, OpportunityCommand, to_domain};
use crate::context::{Db, happened_on, print, print_json, today};
use crate::ui::{DIM, GOOD, HEADING, WARN, paint, table};

/// `ignored_after`: days a recruiter lead may wait unanswered (the ignored-opportunity marker).
pub fn run(db: &mut Db, command: OpportunityCommand, ignored_after: u32) -> Result<()> {
    match command {
        OpportunityCommand::Add(args) => add(db, args),
        OpportunityCommand::Move { id, stage, date } => {
            let date = happened_on(date)?;
            let stage: Stage = to_domain(stage);
            db.update(|s| {
                find(s, id)?
                    .advance(stage, date)
                    .map_err(|m| anyhow::anyhow!("opportunity #{id}: {m}; nothing changed"))
            })?;
            print(&format!(
                "Opportunity #{id} moved to the {} stage on {date}.\n",
                stage_word(stage)
            ))
        }
        OpportunityCommand::List { all, json } => {
            let s = db.load()?;
            let shown: Vec<Listed> = s
                .opportunities
                .iter()
                .filter(|o| all || o.stage().is_open())
                .map(|o| Listed {
                    opportunity: o,
                    offer: s.offers.iter().find(|f| f.opportunity == o.id),
                })
                .collect();
            if json.json {
                return print_json(&shown);
            }
            print(&render(&shown, today()?, ignored_after))
        }
        OpportunityCommand::Offer(args) => offer(db, args),
        OpportunityCommand::Promote { id, option_id } => promote(db, id, option_id),
    }
}

fn find(s: &mut Snapshot, id: u32) -> Result<&mut Opportunity> {
    match s.opportunities.iter_mut().find(|o| o.id == id) {
        Some(o) => Ok(o),
        None => bail!("no opportunity #{id}; `milemarker opportunity list --all` shows them"),
    }
}

fn add(db: &mut Db, args: OpportunityAddArgs) -> Result<()> {
    let date = happened_on(args.date)?;
    let id = db.update(|s| {
        if let Some(contact) = &args.contact
            && !s.contacts.iter().any(|c| &c.id == contact)
        {
            bail!("--contact {contact}: not one of your contacts; add them with `milemarker contact add`");
        }
        let id = next_number(s.opportunities.iter().map(|o| o.id));
        s.opportunities.push(Opportunity {
            id,
            company: args.company.trim().to_string(),
            role: args.role.trim().to_string(),
            source: to_domain(args.source),
            contact: args.contact,
            history: vec![StageChange { stage: Stage::New, date }],
            note: args.note,
            link: args.link,
            option: None,
        });
        Ok(id)
    })?;
    print(&format!("{} opportunity #{id}\n", paint(GOOD, "Added")))
}

/// A listed lead with what its offer carries (`offer` in JSON, only when recorded).
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    opportunity: &'a Opportunity,
    #[serde(skip_serializing_if = "Option::is_none")]
    offer: Option<&'a Offer>,
}

/// Refuses a lead that never reached the offer stage.
fn made_an_offer(o: &Opportunity) -> Result<()> {
    if !o.history.iter().any(|c| c.stage == Stage::Offer) {
        bail!(
            "opportunity #{} is {}, not an offer; `milemarker opportunity move {} offer` first",
            o.id,
            stage_word(o.stage()),
            o.id
        );
    }
    Ok(())
}

fn offer(db: &mut Db, args: OfferArgs) -> Result<()> {
    let id = args.id;
    let offer = db.update(|s| {
        made_an_offer(find(s, id)?)?;
        let at = s.offers.iter().position(|f| f.opportunity == id);
        let offer = match at {
            Some(i) => &mut s.offers[i],
            None => {
                let Some(base) = args.base else {
                    bail!("--base: opportunity #{id} has no offer recorded yet; give the base pay per year");
                };
                s.offers.push(Offer {
                    opportunity: id,
                    base,
                    bonus: None,
                    equity: None,
                    deadline: None,
                });
                s.offers.last_mut().expect("just pushed")
            }
        };
        if let Some(base) = args.base {
            offer.base = base;
        }
        offer.bonus = args.bonus.or(offer.bonus);
        offer.equity = args.equity.or(offer.equity);
        offer.deadline = args.deadline.or(offer.deadline);
        Ok(offer.clone())
    })?;
    print(&format!(
        "{} the offer of opportunity #{id}: {}\n",
        paint(GOOD, "Recorded"),
        terms(&offer, true)
    ))
}

/// "98,000 base + 9,500 bonus a year, decide by 2026-11-06" (the deadline while `open`).
fn terms(offer: &Offer, open: bool) -> String {
    let mut parts = vec![format!("{} base", grouped(offer.base))];
    if let Some(bonus) = offer.bonus {
        parts.push(format!("{} bonus", grouped(bonus)));
    }
    if let Some(equity) = offer.equity {
        parts.push(format!("{} equity", grouped(equity)));
    }
    let mut text = format!("{} a year", parts.join(" + "));
    if let Some(deadline) = offer.deadline.filter(|_| open) {
        text.push_str(&format!(", decide by {deadline}"));
    }
    text
}

/// Fills the attributes an option lacks from the offer (`salary` is the base, as the decision's
/// attributes name yearly pay); returns the names filled.
fn fill_from(option: &mut CareerOption, offer: Option<&Offer>) -> Vec<&'static str> {
    let Some(offer) = offer else {
        return Vec::new();
    };
    let mut filled = Vec::new();
    for (name, amount) in [
        ("salary", Some(offer.base)),
        ("bonus", offer.bonus),
        ("equity", offer.equity),
    ] {
        if let Some(amount) = amount
            && !option.attributes.contains_key(name)
        {
            option
                .attributes
                .insert(name.into(), AttrValue::Number(amount));
            filled.push(name);
        }
    }
    filled
}

fn promote(db: &mut Db, id: u32, option_id: Option<String>) -> Result<()> {
    let (option, name, linked, filled) = db.update(|s| {
        let o = find(s, id)?;
        made_an_offer(o)?;
        if let Some(existing) = &o.option {
            bail!("opportunity #{id} is already the option \"{existing}\"; nothing changed");
        }
        let named = option_id.clone();
        let option_id = named
            .clone()
            .unwrap_or_else(|| slug(&format!("{} {}", o.company, o.role)));
        let (company, role, note) = (o.company.clone(), o.role.clone(), o.note.clone());
        if let Some(other) = s
            .opportunities
            .iter()
            .find(|k| k.option.as_deref() == Some(option_id.as_str()))
        {
            bail!(
                "the option \"{option_id}\" is already the offer of opportunity #{} ({} at {}); \
                 nothing changed",
                other.id,
                other.role,
                other.company
            );
        }
        let offer = s.offers.iter().find(|f| f.opportunity == id).cloned();
        let existing = s.options.iter_mut().find(|k| k.id == option_id);
        let (linked, filled) = match existing {
            Some(_) if named.is_none() => bail!(
                "an option \"{option_id}\" exists already: `--as {option_id}` links the offer to it, \
                 another id creates a new one"
            ),
            Some(option) => (true, fill_from(option, offer.as_ref())),
            None => {
                validate_id("--as", &option_id).map_err(crate::context::invalid)?;
                let mut option = CareerOption {
                    id: option_id.clone(),
                    name: format!("{role} at {company}"),
                    kind: OptionKind::Offer,
                    note,
                    ..CareerOption::default()
                };
                let filled = fill_from(&mut option, offer.as_ref());
                s.options.push(option);
                (false, filled)
            }
        };
        find(s, id)?.option = Some(option_id.clone());
        let name = s
            .options
            .iter()
            .find(|o| o.id == option_id && !o.name.is_empty())
            .map_or_else(|| option_id.clone(), |o| o.name.clone());
        Ok((option_id, name, linked, filled))
    })?;
    let how = if linked {
        "is now linked to the option"
    } else {
        "is now the option"
    };
    let filled = if filled.is_empty() {
        String::new()
    } else {
        format!(" (from the offer: {})", filled.join(", "))
    };
    print(&format!(
        "Opportunity #{id} {how} \"{name}\"{filled}. Score it against your values:\n  milemarker option edit {option} --score VALUE=N --attr KEY=VALUE\n"
    ))
}

fn render(items: &[Listed], today: jiff::civil::Date, ignored_after: u32) -> String {
    if items.is_empty() {
        return "No open opportunities. `milemarker opportunity add --company ... --role ... --source recruiter`\n".into();
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(
            |&Listed {
                 opportunity: o,
                 offer,
             }| {
                let waited = days_between(o.since(), today);
                let stage = format!("{} {}", stage_word(o.stage()), waited_words(waited));
                let option = match (&o.option, o.stage()) {
                    (Some(_), Stage::Accepted) => "the path taken",
                    (Some(_), _) => "an option",
                    (None, _) => "",
                };
                let mut row = vec![
                    format!("#{}", o.id),
                    format!("{} at {}", o.role, o.company),
                    paint(DIM, source_word(o.source)),
                    if o.stage() == Stage::New
                        && o.source == Source::Recruiter
                        && waited >= i64::from(ignored_after)
                    {
                        paint(WARN, &stage)
                    } else {
                        stage
                    },
                    paint(DIM, option),
                ];
                if let Some(offer) = offer {
                    let open = o.stage().is_open();
                    let text = terms(offer, open);
                    let due = offer.deadline.filter(|d| open && *d <= today);
                    row.push(if due.is_some() {
                        paint(WARN, &text)
                    } else {
                        text
                    });
                }
                row
            },
        )
        .collect();
    format!("{}\n{}", paint(HEADING, "Opportunities"), table(&rows))
}
