//! The command line, defined once: help, completions and the man page are generated from it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use crate::commands::audit::AuditArgs;
pub use crate::commands::brag::BragArgs;
pub use crate::commands::calendar::CalendarArgs;
pub use crate::commands::checkin::CheckinArgs;
pub use crate::commands::completions::CompletionsArgs;
pub use crate::commands::config::ConfigArgs;
pub use crate::commands::contact::ContactCommand;
pub use crate::commands::dealbreakers::{DealbreakersArgs, DealbreakersCommand};
pub use crate::commands::decide::{DecideArgs, MethodArg};
pub use crate::commands::demo::DemoArgs;
pub use crate::commands::export::ExportArgs;
pub use crate::commands::finances::{FinancesArgs, FinancesCommand};
pub use crate::commands::hours::{HoursArgs, TrackerArg};
pub use crate::commands::import::ImportArgs;
pub use crate::commands::init::InitArgs;
pub use crate::commands::man::{ManArgs, NoDatabase};
pub use crate::commands::markers::MarkersArgs;
pub use crate::commands::market::MarketCommand;
pub use crate::commands::opportunity::{OpportunityCommand, SourceArg, StageArg};
pub use crate::commands::option::{KindArg, OptionCommand};
pub use crate::commands::postings::{PostingsCommand, PostingsFormatArg};
pub use crate::commands::profile::{ProfileArgs, ProfileCommand};
pub use crate::commands::review::{ReviewArgs, ReviewFormat};
pub use crate::commands::risk::{RiskArgs, RiskCommand};
pub use crate::commands::season::{AreaArg, SeasonArg, SeasonArgs, SeasonCommand};
pub use crate::commands::serve::ServeArgs;
pub use crate::commands::skills::{LevelArg, SkillsCommand};
pub use crate::commands::task::TaskCommand;
pub use crate::commands::values::{ValuesArgs, ValuesCommand, WeightingArg};
pub use crate::commands::win::{SectionArg, VisibilityArg, WinArgs, WinCommand};

#[derive(Debug, Parser)]
#[command(
    name = "milemarker",
    version,
    about = "Decide your next career step from your values, not your fears.",
    long_about = "milemarker keeps your values, deal-breakers and the career paths you are weighing \
                  in a private SQLite file on this machine, and decides between them with methods \
                  that show their working. Nothing leaves your machine.",
    after_help = "Start with `milemarker demo` to see a full review of an example person."
)]
pub struct Cli {
    /// The database file [default: milemarker.db in your data directory]
    #[arg(
        long,
        global = true,
        env = "MILEMARKER_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,

    /// The settings file [default: config.toml in your config directory]
    #[arg(
        long,
        global = true,
        env = "MILEMARKER_CONFIG",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up your profile, values and deal-breakers (asks on a terminal; flags for scripts)
    Init(InitArgs),
    /// Show or change your profile: role, pay, area, weekly hours boundary
    Profile(ProfileArgs),
    /// List or change what matters to you, and how it is weighted
    Values(ValuesArgs),
    /// List or change your deal-breakers: the lines you will not cross
    Dealbreakers(DealbreakersArgs),
    /// The career paths you are weighing: stay, step back, move sideways, move up
    #[command(subcommand)]
    Option(OptionCommand),
    /// What could go wrong with a path, and whether it is a fear or a fact
    Risk(RiskArgs),
    /// Monthly expenses, savings and other income, for each path's runway
    Finances(FinancesArgs),
    /// Record a week: hours, weekend days, evenings, energy, satisfaction (asks on a terminal)
    Checkin(CheckinArgs),
    /// Your weeks against your hours boundary, and overwork creep
    Hours(HoursArgs),
    /// The energy audit's tasks: what you do each week and what it does to you
    #[command(subcommand)]
    Task(TaskCommand),
    /// The energy audit: how much of your week drains you, and what to do about each drain
    Audit(AuditArgs),
    /// Seasons of career and life: show them, or set one
    Season(SeasonArgs),
    /// Log an achievement in seconds, or list them (`win list`)
    Win(WinArgs),
    /// Write a brag document for a period, grouped by Julia Evans' sections
    Brag(BragArgs),
    /// Your network: people to stay in touch with, and vCard import and export
    #[command(subcommand)]
    Contact(ContactCommand),
    /// Leads and offers: the opportunities pipeline
    #[command(subcommand)]
    Opportunity(OpportunityCommand),
    /// Skills in the ESCO and O*NET taxonomies: find them in a posting, a CV or any text
    #[command(subcommand)]
    Skills(SkillsCommand),
    /// Job postings: import them to count which skills employers ask for
    #[command(subcommand)]
    Postings(PostingsCommand),
    /// The labour market: pay against BLS OEWS wages, demand for skills, occupations that fit
    #[command(subcommand)]
    Market(MarketCommand),
    /// The mile markers: warning signs that a career is drifting, with their evidence
    Markers(MarkersArgs),
    /// The one page to read every week: markers, hours, energy, seasons, decision, next actions
    Review(ReviewArgs),
    /// Show the settings in effect (marker thresholds) and where they come from
    Config(ConfigArgs),
    /// Decide between your options, or over a decision document (JSON or TOML)
    Decide(DecideArgs),
    /// Write everything as one JSON document (- for standard output)
    Export(ExportArgs),
    /// Reminders for your calendar: the weekly check-in, the review, contacts due, offer deadlines
    Calendar(CalendarArgs),
    /// Replace everything with a JSON document written by `export` (- for standard input)
    Import(ImportArgs),
    /// The full review of a bundled example person, on a temporary database
    Demo(DemoArgs),
    /// Serve the whole tool as pages in your browser, on this machine only by default
    Serve(ServeArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print a man page (roff), or write every page into a folder with --dir
    Man(ManArgs),
}

// A clap choice converts to the domain value it names (clap stays out of core) by an exhaustive
// `From` below: a choice added on either side without the other does not compile.

/// `From<$arg> for $domain`, variant by variant of the same name.
macro_rules! domain {
    ($($arg:ident => $domain:path { $($variant:ident),+ $(,)? })+) => {$(
        impl From<$arg> for $domain {
            fn from(arg: $arg) -> $domain {
                use $domain as Domain;
                match arg {
                    $($arg::$variant => Domain::$variant,)+
                }
            }
        }
    )+};
}

domain! {
    WeightingArg => milemarker_core::career::Weighting { Direct, Rank, Ahp, Unsure }
    KindArg => milemarker_core::career::OptionKind {
        Stay, StepBack, Lateral, Promotion, Leave, CareerBreak, PartTime, Offer,
    }
    MethodArg => milemarker_core::decision::document::Method { Kt, Wsm, Topsis, Ahp, Smaa }
    TrackerArg => milemarker_core::tracker::Tracker { Timewarrior, Toggl, Watson, Activitywatch }
    AreaArg => milemarker_core::life::LifeArea { Career, Family, Health, Personal }
    SeasonArg => milemarker_core::life::SeasonKind { Spring, Summer, Fall, Winter }
    VisibilityArg => milemarker_core::evidence::Visibility {
        Myself, Team, Manager, Skip, Company, Public,
    }
    SectionArg => milemarker_core::evidence::BragSection {
        Projects, DesignDocs, Collaboration, NotMyJob,
    }
    SourceArg => milemarker_core::network::Source { Recruiter, Referral, Posting, Network }
    StageArg => milemarker_core::network::Stage {
        New, Replied, Applied, Interviewing, Offer, Accepted, Declined, Closed,
    }
    LevelArg => milemarker_core::skills::Level { Novice, Beginner, Competent, Proficient, Expert }
    PostingsFormatArg => milemarker_market::postings::Format { Csv, Jsonl, Parquet }
}

#[derive(Debug, Clone, Copy, Args)]
pub struct JsonFlag {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

// Argument groups more than one command takes, each field and its help written once.

/// `--no-input`, for the commands that ask on a terminal.
#[derive(Debug, Clone, Copy, Args)]
pub struct NoInput {
    /// Never ask; use only the flags
    #[arg(long)]
    pub no_input: bool,
}

/// Who the person is: set up by `init`, changed by `profile set`.
#[derive(Debug, Args)]
pub struct Person {
    /// Your name, for the review and the brag document
    #[arg(long)]
    pub name: Option<String>,
    /// Your occupation: a job title ("marketing manager") or an O*NET-SOC code (11-2021.00)
    #[arg(long, value_name = "TITLE|SOC", value_parser = crate::names::occupation)]
    pub occupation: Option<String>,
}

/// A contact, as the person names it.
#[derive(Debug, Args)]
pub struct ContactId {
    /// The contact: its id, its name (any case), or the start of either, e.g. "Marcus O'Neil"
    pub id: String,
}

/// A task, as the person names it.
#[derive(Debug, Args)]
pub struct TaskId {
    /// The task: its id, its name (any case), or the start of either
    pub id: String,
}

/// A lead of the pipeline, by its number.
#[derive(Debug, Clone, Copy, Args)]
pub struct LeadId {
    /// The lead (its number, from `milemarker opportunity list`)
    pub id: u32,
}

/// The day something happened, today unless given.
#[derive(Debug, Clone, Copy, Args)]
pub struct When {
    /// When [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<jiff::civil::Date>,
}

#[cfg(test)]
mod help_tests {
    use clap::CommandFactory;

    /// Every flag and argument a person can type says what it is for.
    #[test]
    fn every_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if arg.is_hide_set() || id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::Cli::command(), "milemarker", &mut missing);
        assert!(
            missing.is_empty(),
            "{} without help:\n{}",
            missing.len(),
            missing.join("\n")
        );
    }

    /// The words a help text lists as choices ("career, family, health or personal") from the
    /// text after its last colon, when that is nothing but such a list.
    fn listed_choices(help: &str) -> Vec<String> {
        let list = help.split(" [").next().unwrap_or(help);
        let list = list.rsplit(": ").next().unwrap_or(list);
        let words: Vec<String> = list
            .replace(['(', ')'], "")
            .replace(" or ", ", ")
            .split(", ")
            .map(str::to_string)
            .collect();
        let is_word =
            |w: &String| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if words.len() >= 2 && words.iter().all(is_word) {
            words
        } else {
            Vec::new()
        }
    }

    /// A help text that lists the choices lists only choices the flag takes (it said "markdown or
    /// text" for markdown and json, and "career or life" for four areas).
    #[test]
    fn listed_choices_are_accepted() {
        fn walk(cmd: &clap::Command, path: &str, wrong: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let values = arg.get_possible_values();
                let accepted: Vec<&str> = values
                    .iter()
                    .flat_map(|v| v.get_name_and_aliases())
                    .collect();
                let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                if accepted.is_empty() {
                    continue;
                }
                for word in listed_choices(&help) {
                    if !accepted.contains(&word.as_str()) {
                        wrong.push(format!("{path} {}: {word}", arg.get_id()));
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), wrong);
            }
        }
        assert_eq!(
            listed_choices("spring, summer, fall (or autumn) or winter"),
            ["spring", "summer", "fall", "autumn", "winter"]
        );
        let mut wrong = Vec::new();
        walk(&super::Cli::command(), "milemarker", &mut wrong);
        assert!(
            wrong.is_empty(),
            "help lists what the flag refuses:\n{}",
            wrong.join("\n")
        );
    }
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::*;
    use milemarker_core::career::{OptionKind, Weighting};
    use milemarker_core::decision::document::Method;

    #[test]
    fn every_choice_is_the_word_the_domain_stores() {
        /// The word typed on the command line is the word stored, printed and read back.
        fn same_words<A: ValueEnum + Copy + Into<T>, T: serde::Serialize>() {
            for arg in A::value_variants() {
                let typed = arg.to_possible_value().expect("no hidden choices");
                let domain: T = (*arg).into();
                assert_eq!(typed.get_name(), milemarker_core::text::word(&domain));
            }
        }
        same_words::<KindArg, OptionKind>();
        same_words::<WeightingArg, Weighting>();
        same_words::<MethodArg, Method>();
        same_words::<AreaArg, milemarker_core::life::LifeArea>();
        same_words::<TrackerArg, milemarker_core::tracker::Tracker>();
        same_words::<SeasonArg, milemarker_core::life::SeasonKind>();
        same_words::<VisibilityArg, milemarker_core::evidence::Visibility>();
        same_words::<SectionArg, milemarker_core::evidence::BragSection>();
        same_words::<SourceArg, milemarker_core::network::Source>();
        same_words::<StageArg, milemarker_core::network::Stage>();
        same_words::<LevelArg, milemarker_core::skills::Level>();
    }

    #[test]
    fn the_cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
