//! The pipeline (004): leads from recruiters, referrals, postings and the network, through their
//! stages; an offer becomes an option to decide on.

use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::opportunities::{self, NewLead, OfferTerms};
use milemarker_app::present::network as present;
use milemarker_core::network::{Source, Stage};

use crate::choice::choice;
use crate::cli::{JsonFlag, LeadId, When};
use crate::context::{Db, happened_on, today};
use crate::document::{answer, show};

/// `ignored_after`: days a recruiter lead may wait unanswered (the ignored-opportunity marker).
pub fn run(db: &mut Db, command: OpportunityCommand, ignored_after: u32) -> Result<()> {
    match command {
        OpportunityCommand::Add(args) => add(db, args),
        OpportunityCommand::Move {
            lead: LeadId { id },
            stage,
            when,
        } => {
            let date = happened_on(when.date)?;
            db.update(|s| opportunities::move_to(s, id, stage, date))?;
            show(&present::moved(id, stage, date))
        }
        OpportunityCommand::List { all, json } => {
            let s = db.load()?;
            let shown = opportunities::listed(&s, all);
            let today = today()?;
            answer(json.json, &shown, || {
                present::opportunities(&shown, today, ignored_after)
            })
        }
        OpportunityCommand::Offer(args) => offer(db, args),
        OpportunityCommand::Promote {
            lead: LeadId { id },
            option_id,
        } => {
            let done = db.update(|s| opportunities::promote(s, id, option_id))?;
            show(&present::promoted(id, &done))
        }
    }
}

fn add(db: &mut Db, args: OpportunityAddArgs) -> Result<()> {
    let lead = NewLead {
        company: args.company,
        role: args.role,
        source: args.source,
        contact: args.contact,
        date: happened_on(args.date)?,
        note: args.note,
        link: args.link,
    };
    let id = db.update(|s| opportunities::add(s, lead))?;
    show(&present::added(format!("opportunity #{id}")))
}

fn offer(db: &mut Db, args: OfferArgs) -> Result<()> {
    let id = args.lead.id;
    let terms = OfferTerms {
        base: args.base,
        bonus: args.bonus,
        equity: args.equity,
        deadline: args.deadline,
    };
    let offer = db.update(|s| opportunities::offer(s, id, terms))?;
    show(&present::offer_recorded(id, &offer))
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum OpportunityCommand {
    /// Add a lead
    Add(OpportunityAddArgs),
    /// Move a lead to a stage (replied, applied, interviewing, offer, accepted, declined, closed);
    /// accepted, declined and closed end it
    Move {
        #[command(flatten)]
        lead: LeadId,
        /// The stage it has reached
        #[arg(value_parser = choice::<Stage>())]
        stage: Stage,
        #[command(flatten)]
        when: When,
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
        #[command(flatten)]
        lead: LeadId,
        /// An existing option to link, or the new option's id [default: from company and role]
        #[arg(long = "as", value_name = "OPTION-ID")]
        option_id: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct OfferArgs {
    #[command(flatten)]
    pub lead: LeadId,
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
    #[arg(long, value_parser = choice::<Source>())]
    pub source: Source,
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
