//! The pipeline (004): leads from recruiters, referrals, postings and the network, through their
//! stages; an offer becomes an option to decide on.

use anyhow::{Result, bail};
use milemarker_core::career::{CareerOption, OptionKind, Snapshot, next_number, slug};
use milemarker_core::network::{
    Opportunity, Source, Stage, StageChange, days_between, source_word, stage_word,
};

use crate::cli::{OpportunityAddArgs, OpportunityCommand, to_domain};
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
                "Opportunity #{id} is now {} (since {date}).\n",
                stage_word(stage)
            ))
        }
        OpportunityCommand::List { all, json } => {
            let s = db.load()?;
            let shown: Vec<&Opportunity> = s
                .opportunities
                .iter()
                .filter(|o| all || o.stage().is_open())
                .collect();
            if json.json {
                return print_json(&shown);
            }
            print(&render(&shown, today()?, ignored_after))
        }
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

fn promote(db: &mut Db, id: u32, option_id: Option<String>) -> Result<()> {
    let option = db.update(|s| {
        let o = find(s, id)?;
        if o.stage() != Stage::Offer {
            bail!(
                "opportunity #{id} is {}, not an offer; `milemarker opportunity move {id} offer` first",
                stage_word(o.stage())
            );
        }
        if let Some(existing) = &o.option {
            bail!("opportunity #{id} is already the option \"{existing}\"");
        }
        let option_id = option_id.unwrap_or_else(|| slug(&format!("{} {}", o.company, o.role)));
        let option = CareerOption {
            id: option_id.clone(),
            name: format!("{} at {}", o.role, o.company),
            kind: OptionKind::Offer,
            note: o.note.clone(),
            ..CareerOption::default()
        };
        o.option = Some(option_id.clone());
        if s.options.iter().any(|k| k.id == option_id) {
            bail!("an option \"{option_id}\" exists already; choose another id with --as");
        }
        s.options.push(option);
        Ok(option_id)
    })?;
    print(&format!(
        "Opportunity #{id} is now the option \"{option}\". Score it against your values:\n  milemarker option edit {option} --score VALUE=N --attr KEY=VALUE\n"
    ))
}

fn render(items: &[&Opportunity], today: jiff::civil::Date, ignored_after: u32) -> String {
    if items.is_empty() {
        return "No open opportunities. `milemarker opportunity add --company ... --role ... --source recruiter`\n".into();
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|o| {
            let waited = days_between(o.since(), today);
            let stage = format!("{} {waited} days", stage_word(o.stage()));
            vec![
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
                paint(DIM, o.option.as_deref().map_or("", |_| "an option")),
            ]
        })
        .collect();
    format!("{}\n{}", paint(HEADING, "Opportunities"), table(&rows))
}
