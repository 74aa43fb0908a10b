//! The pipeline (004): leads from recruiters, referrals, postings and the network, through their
//! stages; an offer becomes an option to decide on.

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use milemarker_app::opportunities::{self, Listed, NewLead, OfferTerms, Promoted};
use milemarker_core::markers::grouped;
use milemarker_core::network::{
    Offer, Source, Stage, days_between, source_word, stage_word, waited_words,
};

use crate::cli::JsonFlag;
use crate::context::{Db, happened_on, print, print_json, today};
use crate::ui::{DIM, GOOD, HEADING, WARN, paint, table};

/// `ignored_after`: days a recruiter lead may wait unanswered (the ignored-opportunity marker).
pub fn run(db: &mut Db, command: OpportunityCommand, ignored_after: u32) -> Result<()> {
    match command {
        OpportunityCommand::Add(args) => add(db, args),
        OpportunityCommand::Move { id, stage, date } => {
            let date = happened_on(date)?;
            let stage: Stage = stage.into();
            db.update(|s| opportunities::move_to(s, id, stage, date))?;
            print(&format!(
                "Opportunity #{id} moved to the {} stage on {date}.\n",
                stage_word(stage)
            ))
        }
        OpportunityCommand::List { all, json } => {
            let s = db.load()?;
            let shown = opportunities::listed(&s, all);
            if json.json {
                return print_json(&shown);
            }
            print(&render(&shown, today()?, ignored_after))
        }
        OpportunityCommand::Offer(args) => offer(db, args),
        OpportunityCommand::Promote { id, option_id } => {
            let done = db.update(|s| opportunities::promote(s, id, option_id))?;
            print(&promoted_text(id, &done))
        }
    }
}

fn add(db: &mut Db, args: OpportunityAddArgs) -> Result<()> {
    let lead = NewLead {
        company: args.company,
        role: args.role,
        source: args.source.into(),
        contact: args.contact,
        date: happened_on(args.date)?,
        note: args.note,
        link: args.link,
    };
    let id = db.update(|s| opportunities::add(s, lead))?;
    print(&format!("{} opportunity #{id}\n", paint(GOOD, "Added")))
}

fn offer(db: &mut Db, args: OfferArgs) -> Result<()> {
    let id = args.id;
    let terms = OfferTerms {
        base: args.base,
        bonus: args.bonus,
        equity: args.equity,
        deadline: args.deadline,
    };
    let offer = db.update(|s| opportunities::offer(s, id, terms))?;
    print(&format!(
        "{} the offer of opportunity #{id}: {}\n",
        paint(GOOD, "Recorded"),
        terms_text(&offer, true)
    ))
}

fn promoted_text(id: u32, done: &Promoted) -> String {
    let how = if done.linked {
        "is now linked to the option"
    } else {
        "is now the option"
    };
    let filled = if done.filled.is_empty() {
        String::new()
    } else {
        format!(" (from the offer: {})", done.filled.join(", "))
    };
    format!(
        "Opportunity #{id} {how} \"{}\"{filled}. Score it against your values:\n  milemarker \
         option edit {} --score VALUE=N --attr KEY=VALUE\n",
        done.name, done.option
    )
}

/// "98,000 base + 9,500 bonus a year, decide by 2026-11-06" (the deadline while `open`).
fn terms_text(offer: &Offer, open: bool) -> String {
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
                    let text = terms_text(offer, open);
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

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum OpportunityCommand {
    /// Add a lead
    Add(OpportunityAddArgs),
    /// Move a lead to a stage (replied, applied, interviewing, offer, accepted, declined, closed);
    /// accepted, declined and closed end it
    Move {
        /// The lead (its number, from `milemarker opportunity list`)
        id: u32,
        /// The stage it has reached
        #[arg(value_enum)]
        stage: StageArg,
        /// When [default: today]
        #[arg(long, value_name = "DATE")]
        date: Option<jiff::civil::Date>,
    },
    /// List leads with their stage and how long they have waited
    List {
        /// Closed and declined ones too
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Record what an offer carries: pay per year and the date to decide by. Again to change it:
    /// only the amounts given change
    Offer(OfferArgs),
    /// Make an offer an option to decide on: link it to the option --as names, filling what that
    /// option lacks from the offer, or create the option from the offer
    Promote {
        /// The lead (its number, from `milemarker opportunity list`)
        id: u32,
        /// An existing option to link, or the new option's id [default: from company and role]
        #[arg(long = "as", value_name = "OPTION-ID")]
        option_id: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct OfferArgs {
    /// The lead (its number, from `milemarker opportunity list`)
    pub id: u32,
    /// Base pay per year (needed the first time)
    #[arg(long, value_name = "N")]
    pub base: Option<f64>,
    /// Bonus per year, at target
    #[arg(long, value_name = "N")]
    pub bonus: Option<f64>,
    /// Equity per year, at the offer's valuation
    #[arg(long, value_name = "N")]
    pub equity: Option<f64>,
    /// Decide by this date
    #[arg(long, value_name = "DATE")]
    pub deadline: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct OpportunityAddArgs {
    /// The employer
    #[arg(long)]
    pub company: String,
    /// The role offered or discussed
    #[arg(long)]
    pub role: String,
    /// How it came: recruiter, referral, posting or network
    #[arg(long, value_enum)]
    pub source: SourceArg,
    /// The contact who brought it (a contact id)
    #[arg(long, value_name = "CONTACT-ID")]
    pub contact: Option<String>,
    /// When it arrived [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<jiff::civil::Date>,
    /// Anything to remember about it
    #[arg(long)]
    pub note: Option<String>,
    /// A link to the posting or the conversation
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SourceArg {
    Recruiter,
    Referral,
    Posting,
    Network,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StageArg {
    New,
    Replied,
    Applied,
    Interviewing,
    Offer,
    Accepted,
    Declined,
    Closed,
}
