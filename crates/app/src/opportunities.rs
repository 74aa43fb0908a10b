//! The pipeline's edits (004): leads added and moved through their stages, what an offer
//! carries, and an offer made an option to decide on.

use anyhow::{Result, bail};
use jiff::civil::Date;
use milemarker_core::career::{CareerOption, OptionKind, Snapshot, next_number, slug, validate_id};
use milemarker_core::decision::document::AttrValue;
use milemarker_core::network::{
    Offer, Opportunity, Source, Stage, StageChange, check_order, stage_word,
};
use serde::Serialize;

use crate::records::invalid;

/// A new lead, as it arrived on `date`.
#[derive(Debug, Clone)]
pub struct NewLead {
    pub company: String,
    pub role: String,
    pub source: Source,
    /// The id of the contact who brought it.
    pub contact: Option<String>,
    pub date: Date,
    pub note: Option<String>,
    pub link: Option<String>,
}

/// Adds a lead at the new stage; returns its number.
pub fn add(s: &mut Snapshot, lead: NewLead) -> Result<u32> {
    if let Some(contact) = &lead.contact
        && !s.contacts.iter().any(|c| &c.id == contact)
    {
        bail!(
            "--contact {contact}: not one of your contacts; add them with `milemarker contact add`"
        );
    }
    let id = next_number(s.opportunities.iter().map(|o| o.id));
    s.opportunities.push(Opportunity {
        id,
        company: lead.company.trim().to_string(),
        role: lead.role.trim().to_string(),
        source: lead.source,
        contact: lead.contact,
        history: vec![StageChange {
            stage: Stage::New,
            date: lead.date,
        }],
        note: lead.note,
        link: lead.link,
        option: None,
    });
    Ok(id)
}

/// Moves lead `id` to `stage` on `date`, as far as the stages allow.
pub fn move_to(s: &mut Snapshot, id: u32, stage: Stage, date: Date) -> Result<()> {
    find(s, id)?
        .advance(stage, date)
        .map_err(|m| anyhow::anyhow!("opportunity #{id}: {m}; nothing changed"))
}

/// A change to a lead: what is `None` stays; an empty note or link clears it, and a contact of
/// `Some(None)` says nobody brought it.
#[derive(Debug, Clone, Default)]
pub struct LeadChange {
    pub company: Option<String>,
    pub role: Option<String>,
    pub source: Option<Source>,
    pub contact: Option<Option<String>>,
    pub note: Option<String>,
    pub link: Option<String>,
}

/// Changes what lead `id` says about itself; its stages move with [`move_to`].
pub fn edit(s: &mut Snapshot, id: u32, change: LeadChange) -> Result<()> {
    if let Some(Some(contact)) = &change.contact
        && !s.contacts.iter().any(|c| &c.id == contact)
    {
        bail!("{contact}: not one of your contacts");
    }
    let o = find(s, id)?;
    let text = |given: Option<String>, slot: &mut String| {
        if let Some(t) = given {
            *slot = t.trim().to_string();
        }
    };
    text(change.company, &mut o.company);
    text(change.role, &mut o.role);
    o.source = change.source.unwrap_or(o.source);
    if let Some(contact) = change.contact {
        o.contact = contact;
    }
    for (given, slot) in [(change.note, &mut o.note), (change.link, &mut o.link)] {
        if let Some(t) = given {
            *slot = Some(t.trim().to_string()).filter(|t| !t.is_empty());
        }
    }
    Ok(())
}

/// Removes lead `id` with its stages and its offer; the path it became, if any, stays.
pub fn remove(s: &mut Snapshot, id: u32) -> Result<()> {
    find(s, id)?;
    s.opportunities.retain(|o| o.id != id);
    s.offers.retain(|f| f.opportunity != id);
    Ok(())
}

/// Changes stage `at` (0 = when it arrived) of lead `id` to `stage` on `date`; refused when the
/// dates would fall out of order.
pub fn restage(s: &mut Snapshot, id: u32, at: usize, stage: Stage, date: Date) -> Result<()> {
    let o = find(s, id)?;
    let mut history = o.history.clone();
    let Some(change) = history.get_mut(at) else {
        bail!("opportunity #{id} has no stage {}", at + 1);
    };
    *change = StageChange { stage, date };
    check_order(&history).map_err(|e| anyhow::anyhow!("opportunity #{id}: {}", e.message))?;
    o.history = history;
    Ok(())
}

/// Removes stage `at` of lead `id` (a move made by mistake); the day it arrived stays.
pub fn unstage(s: &mut Snapshot, id: u32, at: usize) -> Result<()> {
    let o = find(s, id)?;
    if at == 0 {
        bail!("opportunity #{id} keeps the day it arrived; remove the opportunity instead");
    }
    if at >= o.history.len() {
        bail!("opportunity #{id} has no stage {}", at + 1);
    }
    o.history.remove(at);
    Ok(())
}

/// Removes the offer recorded for lead `id`; the lead stays at its stage.
pub fn remove_offer(s: &mut Snapshot, id: u32) -> Result<()> {
    let before = s.offers.len();
    s.offers.retain(|f| f.opportunity != id);
    if s.offers.len() == before {
        bail!("opportunity #{id} has no offer recorded");
    }
    Ok(())
}

/// The lead numbered `id`.
pub fn find(s: &mut Snapshot, id: u32) -> Result<&mut Opportunity> {
    match s.opportunities.iter_mut().find(|o| o.id == id) {
        Some(o) => Ok(o),
        None => bail!("no opportunity #{id}; `milemarker opportunity list --all` shows them"),
    }
}

/// A listed lead with what its offer carries (`offer` in JSON, only when recorded).
#[derive(Debug, Serialize)]
pub struct Listed<'a> {
    #[serde(flatten)]
    pub opportunity: &'a Opportunity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer: Option<&'a Offer>,
}

/// The open leads, or `all` of them, each with its offer.
pub fn listed(s: &Snapshot, all: bool) -> Vec<Listed<'_>> {
    s.opportunities
        .iter()
        .filter(|o| all || o.stage().is_open())
        .map(|o| Listed {
            opportunity: o,
            offer: s.offers.iter().find(|f| f.opportunity == o.id),
        })
        .collect()
}

/// What an offer carries, per year; `None` keeps what is recorded.
#[derive(Debug, Clone, Default)]
pub struct OfferTerms {
    /// Needed the first time.
    pub base: Option<f64>,
    pub bonus: Option<f64>,
    pub equity: Option<f64>,
    pub deadline: Option<Date>,
}

/// Records or changes the offer of lead `id`, which must have reached the offer stage; returns
/// the offer as it now stands.
pub fn offer(s: &mut Snapshot, id: u32, terms: OfferTerms) -> Result<Offer> {
    made_an_offer(find(s, id)?)?;
    let at = s.offers.iter().position(|f| f.opportunity == id);
    let offer = match at {
        Some(i) => &mut s.offers[i],
        None => {
            let Some(base) = terms.base else {
                bail!(
                    "--base: opportunity #{id} has no offer recorded yet; give the base pay per \
                     year"
                );
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
    if let Some(base) = terms.base {
        offer.base = base;
    }
    offer.bonus = terms.bonus.or(offer.bonus);
    offer.equity = terms.equity.or(offer.equity);
    offer.deadline = terms.deadline.or(offer.deadline);
    Ok(offer.clone())
}

/// Records or changes the offer of lead `id` as a form states it whole: a bonus, an equity or a
/// deadline left out is none, where [`offer`] would keep it.
pub fn restate_offer(s: &mut Snapshot, id: u32, terms: OfferTerms) -> Result<Offer> {
    let (bonus, equity, deadline) = (terms.bonus, terms.equity, terms.deadline);
    offer(s, id, terms)?;
    let offer = s
        .offers
        .iter_mut()
        .find(|f| f.opportunity == id)
        .expect("just recorded");
    (offer.bonus, offer.equity, offer.deadline) = (bonus, equity, deadline);
    Ok(offer.clone())
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

/// What promoting an offer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promoted {
    /// The option's id, and its name (the id when it has none).
    pub option: String,
    pub name: String,
    /// Linked to an option that existed, rather than a new one.
    pub linked: bool,
    /// The attributes filled from the offer: "salary", "bonus", "equity".
    pub filled: Vec<&'static str>,
}

/// Makes the offer of lead `id` an option: links it to the option `option_id` names, filling
/// what that option lacks from the offer, or creates the option (its id from company and role
/// when not named).
pub fn promote(s: &mut Snapshot, id: u32, option_id: Option<String>) -> Result<Promoted> {
    let o = find(s, id)?;
    made_an_offer(o)?;
    if let Some(existing) = &o.option {
        bail!("opportunity #{id} is already the option \"{existing}\"; nothing changed");
    }
    let named = option_id.is_some();
    let option_id = option_id.unwrap_or_else(|| slug(&format!("{} {}", o.company, o.role)));
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
    let (linked, filled) = link_option(s, id, &option_id, named)?;
    find(s, id)?.option = Some(option_id.clone());
    let name = s
        .options
        .iter()
        .find(|o| o.id == option_id && !o.name.is_empty())
        .map_or_else(|| option_id.clone(), |o| o.name.clone());
    Ok(Promoted {
        option: option_id,
        name,
        linked,
        filled,
    })
}

/// Fills the option `option_id` from the offer of lead `id`, creating it when there is none;
/// returns whether it existed, and the attributes filled. An option that exists is only linked
/// when `named`: a made-up id must not land on another option by chance.
fn link_option(
    s: &mut Snapshot,
    id: u32,
    option_id: &str,
    named: bool,
) -> Result<(bool, Vec<&'static str>)> {
    let offer = s.offers.iter().find(|f| f.opportunity == id).cloned();
    match s.options.iter_mut().find(|k| k.id == option_id) {
        Some(_) if !named => bail!(
            "an option \"{option_id}\" exists already: `--as {option_id}` links the offer to it, \
             another id creates a new one"
        ),
        Some(option) => Ok((true, fill_from(option, offer.as_ref()))),
        None => {
            validate_id("--as", option_id).map_err(invalid)?;
            let o = find(s, id)?;
            let mut option = CareerOption {
                id: option_id.to_string(),
                name: format!("{} at {}", o.role, o.company),
                kind: OptionKind::Offer,
                note: o.note.clone(),
                ..CareerOption::default()
            };
            let filled = fill_from(&mut option, offer.as_ref());
            s.options.push(option);
            Ok((false, filled))
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: i8) -> Date {
        Date::constant(2026, 10, d)
    }

    /// A recruiter's lead that reached an offer of 98,000.
    fn offered() -> Snapshot {
        let mut s = Snapshot::default();
        let lead = NewLead {
            company: "Acme".into(),
            role: "Staff Engineer".into(),
            source: Source::Recruiter,
            contact: None,
            date: day(1),
            note: None,
            link: None,
        };
        let id = add(&mut s, lead).unwrap();
        move_to(&mut s, id, Stage::Offer, day(10)).unwrap();
        let terms = OfferTerms {
            base: Some(98_000.0),
            ..OfferTerms::default()
        };
        offer(&mut s, id, terms).unwrap();
        s
    }

    #[test]
    fn a_stage_is_redated_in_order_or_removed_but_not_the_first() {
        let mut s = offered();
        restage(&mut s, 1, 1, Stage::Offer, day(12)).unwrap();
        assert_eq!(s.opportunities[0].history[1].date, day(12));
        let before = s.clone();
        let err = restage(&mut s, 1, 1, Stage::Offer, Date::constant(2026, 9, 1)).unwrap_err();
        assert!(err.to_string().contains("before it was new"), "{err}");
        assert!(unstage(&mut s, 1, 0).is_err() && unstage(&mut s, 1, 5).is_err());
        assert_eq!(s, before);
        unstage(&mut s, 1, 1).unwrap();
        assert_eq!(s.opportunities[0].stage(), Stage::New);
    }

    #[test]
    fn a_lead_is_changed_and_removed_with_its_offer() {
        let mut s = offered();
        let change = LeadChange {
            role: Some("Principal Engineer".into()),
            note: Some("  ".into()),
            link: Some("https://example.org/job".into()),
            contact: Some(Some("nobody".into())),
            ..LeadChange::default()
        };
        assert!(
            edit(&mut s, 1, change.clone()).is_err(),
            "an unknown contact"
        );
        edit(
            &mut s,
            1,
            LeadChange {
                contact: None,
                ..change
            },
        )
        .unwrap();
        let o = &s.opportunities[0];
        assert_eq!(
            (o.role.as_str(), o.company.as_str()),
            ("Principal Engineer", "Acme")
        );
        assert_eq!((o.note.as_deref(), o.link.is_some()), (None, true));
        remove_offer(&mut s, 1).unwrap();
        assert!(remove_offer(&mut s, 1).is_err());
        offer(
            &mut s,
            1,
            OfferTerms {
                base: Some(1.0),
                ..OfferTerms::default()
            },
        )
        .unwrap();
        remove(&mut s, 1).unwrap();
        assert!(s.opportunities.is_empty() && s.offers.is_empty());
        assert!(remove(&mut s, 1).is_err());
    }

    #[test]
    fn an_offer_needs_the_offer_stage_and_a_base_the_first_time() {
        let mut s = offered();
        let lead = lead_of(&s);
        let id = add(&mut s, lead).unwrap();
        let err = offer(&mut s, id, OfferTerms::default()).unwrap_err();
        assert!(err.to_string().contains("not an offer"), "{err}");
        move_to(&mut s, id, Stage::Offer, day(11)).unwrap();
        let err = offer(&mut s, id, OfferTerms::default()).unwrap_err();
        assert!(err.to_string().starts_with("--base:"), "{err}");
    }

    #[test]
    fn a_restated_offer_has_none_where_nothing_is_given() {
        let mut s = offered();
        let full = OfferTerms {
            base: Some(100.0),
            bonus: Some(10.0),
            equity: Some(5.0),
            deadline: Some(day(20)),
        };
        offer(&mut s, 1, full).unwrap();
        let kept = offer(&mut s, 1, OfferTerms::default()).unwrap();
        assert_eq!((kept.bonus, kept.deadline), (Some(10.0), Some(day(20))));
        let base = OfferTerms {
            base: Some(120.0),
            ..OfferTerms::default()
        };
        let now = restate_offer(&mut s, 1, base).unwrap();
        assert_eq!((now.base, now.bonus, now.equity), (120.0, None, None));
        assert_eq!(now.deadline, None);
        assert_eq!(s.offers[0], now);
    }

    fn lead_of(s: &Snapshot) -> NewLead {
        let o = &s.opportunities[0];
        NewLead {
            company: o.company.clone(),
            role: "Principal".into(),
            source: o.source,
            contact: None,
            date: day(2),
            note: None,
            link: None,
        }
    }

    #[test]
    fn promoting_creates_the_option_from_the_offer_once() {
        let mut s = offered();
        let done = promote(&mut s, 1, None).unwrap();
        assert_eq!(done.option, "acme-staff-engineer");
        assert_eq!(done.name, "Staff Engineer at Acme");
        assert!(!done.linked);
        assert_eq!(done.filled, ["salary"]);
        assert_eq!(
            s.opportunities[0].option.as_deref(),
            Some("acme-staff-engineer")
        );
        let again = promote(&mut s, 1, None).unwrap_err().to_string();
        assert!(again.contains("is already the option"), "{again}");
    }

    #[test]
    fn an_existing_option_is_linked_only_when_named() {
        let mut s = offered();
        s.options.push(CareerOption {
            id: "acme-staff-engineer".into(),
            name: "Acme".into(),
            ..CareerOption::default()
        });
        let err = promote(&mut s, 1, None).unwrap_err().to_string();
        assert!(err.contains("exists already"), "{err}");
        let done = promote(&mut s, 1, Some("acme-staff-engineer".into())).unwrap();
        assert!(done.linked);
        assert_eq!(done.name, "Acme");
    }
}
