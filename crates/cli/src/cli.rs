//! The command line, defined once: help, completions and the man page are generated from it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

/// A clap choice as the domain value it names: the CLI keeps its own enums (clap stays out of
/// core), and each converts by an exhaustive `From` below, so a choice added on either side
/// without the other does not compile.
pub fn to_domain<A: Into<T>, T>(arg: A) -> T {
    arg.into()
}

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
}

#[derive(Debug, Clone, Copy, Args)]
pub struct JsonFlag {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name, for the review and the brag document
    #[arg(long)]
    pub name: Option<String>,
    /// Your occupation: a job title ("marketing manager") or an O*NET-SOC code (11-2021.00)
    #[arg(long, value_name = "TITLE|SOC", value_parser = crate::names::occupation)]
    pub occupation: Option<String>,
    /// Weekly hours you will not work past
    #[arg(long, value_name = "HOURS")]
    pub boundary: Option<f64>,
    /// A value, most important first; repeat in order (a forced ranking)
    #[arg(long = "value", value_name = "NAME")]
    pub values: Vec<String>,
    /// A deal-breaker rule such as "flexibility >= 6"; repeatable
    #[arg(long = "dealbreaker", value_name = "RULE")]
    pub dealbreakers: Vec<String>,
    /// Never ask; use only the flags
    #[arg(long)]
    pub no_input: bool,
    /// Replace values and deal-breakers that are already set
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ProfileArgs {
    #[command(subcommand)]
    pub command: Option<ProfileCommand>,
    /// `milemarker profile` alone shows it
    #[command(flatten)]
    pub show: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Show your profile
    Show(JsonFlag),
    /// Change fields of your profile; fields not given stay as they are
    Set(Box<ProfileSetArgs>),
}

#[derive(Debug, Args)]
pub struct ProfileSetArgs {
    /// Your name, for the review and the brag document
    #[arg(long)]
    pub name: Option<String>,
    /// Your occupation: a job title ("marketing manager") or an O*NET-SOC code (11-2021.00)
    #[arg(long, value_name = "TITLE|SOC", value_parser = crate::names::occupation)]
    pub occupation: Option<String>,
    /// Where you work: a metro area (Seattle), a state (WA, Washington), national, or an OEWS code
    #[arg(long, value_name = "PLACE", value_parser = crate::names::area)]
    pub area: Option<String>,
    /// When you started your current role (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub role_start: Option<jiff::civil::Date>,
    /// When you were last promoted (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub last_promotion: Option<jiff::civil::Date>,
    /// When you were told to expect a promotion (YYYY-MM-DD), for the loyalty-trap marker
    #[arg(long, value_name = "DATE")]
    pub promotion_promised: Option<jiff::civil::Date>,
    /// Your level or grade, as your employer names it (e.g. "Senior", "L6")
    #[arg(long)]
    pub level: Option<String>,
    /// Base pay per year
    #[arg(long, value_name = "N")]
    pub pay: Option<f64>,
    /// Bonus per year
    #[arg(long, value_name = "N")]
    pub bonus: Option<f64>,
    /// Equity per year
    #[arg(long, value_name = "N")]
    pub equity: Option<f64>,
    /// ISO 4217 currency code, e.g. USD
    #[arg(long)]
    pub currency: Option<String>,
    /// Weekly hours you will not work past (default 40)
    #[arg(long, value_name = "HOURS")]
    pub boundary: Option<f64>,
    /// Working days a week
    #[arg(long, value_name = "N")]
    pub work_days: Option<u8>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ValuesArgs {
    #[command(subcommand)]
    pub command: Option<ValuesCommand>,
    #[command(flatten)]
    pub list: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum ValuesCommand {
    /// List your values
    List(JsonFlag),
    /// Add a value or change it
    Set(ValueSetArgs),
    /// Rank your values, most important first (forced ranking; sets weighting to rank)
    Rank {
        /// Your values, most important first
        #[arg(required = true, value_name = "VALUE")]
        values: Vec<String>,
    },
    /// Compare two values: A matters JUDGEMENT times as much as B (1/9..9, e.g. 3 or 1/3); with
    /// nothing given, on a terminal, asks every pair in turn. Sets weighting to ahp
    Compare {
        /// The first value
        #[arg(requires = "b")]
        a: Option<String>,
        /// The second value
        #[arg(requires = "judgement")]
        b: Option<String>,
        /// 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more; 1/3 etc. for less
        judgement: Option<String>,
    },
    /// How your values are weighted: direct (1-10), rank, ahp (pairwise), or unsure (explore all);
    /// refused until every value has the weight, rank or comparisons the mode needs
    Weighting {
        /// direct, rank, ahp or unsure
        #[arg(value_enum)]
        mode: WeightingArg,
    },
    /// How much the long term counts against today: what a path gives in a few years, beside what
    /// it gives now
    Horizon {
        /// 0 = only today counts, 1 = only the horizon
        #[arg(long)]
        weight: f64,
        /// Years ahead
        #[arg(long, default_value_t = 2.0)]
        years: f64,
    },
    /// Remove a value (and the options' scores for it)
    Remove {
        /// The value to remove (its name or id)
        value: String,
    },
}

#[derive(Debug, Args)]
pub struct ValueSetArgs {
    /// The value, e.g. autonomy or "family time"
    pub name: String,
    /// How much it matters, 1-10
    #[arg(long, value_name = "1-10")]
    pub weight: Option<f64>,
    /// The O*NET work value it maps to, e.g. Independence
    #[arg(long, value_name = "WORK-VALUE")]
    pub onet: Option<String>,
    /// Why it matters to you, in your words
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum WeightingArg {
    Direct,
    Rank,
    Ahp,
    Unsure,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DealbreakersArgs {
    #[command(subcommand)]
    pub command: Option<DealbreakersCommand>,
    #[command(flatten)]
    pub list: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum DealbreakersCommand {
    /// List your deal-breakers
    List(JsonFlag),
    /// Add a deal-breaker such as "hours_per_week <= 45" or "remote_days >= 2"
    ///
    /// The rule names an option attribute (`option add --attr NAME=V`) or one of your values, and
    /// then tests the option's score for it ("autonomy >= 6" with `--score autonomy=5` rules the
    /// option out). Where an option has an attribute of the same name as a value, the attribute
    /// wins: it is the more specific fact.
    Add {
        /// "ATTRIBUTE OP VALUE" or "VALUE OP SCORE"; OP is >=, <=, >, <, == or !=
        rule: String,
        /// A short id [default: the attribute]
        #[arg(long)]
        id: Option<String>,
        /// Why this line is yours, in your words
        #[arg(long)]
        note: Option<String>,
    },
    /// Remove a deal-breaker by id
    Remove {
        /// The deal-breaker's id, from `milemarker dealbreakers`
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum OptionCommand {
    /// Add a path you are weighing
    Add(OptionAddArgs),
    /// Change a path; what is not given stays
    Edit(OptionEditArgs),
    /// List your paths
    List(JsonFlag),
    /// Remove a path
    Remove {
        /// The path to remove: its id, its name, or the start of either
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct OptionFields {
    /// A name to show for the path, e.g. "Staff engineer at Acme" [default: the id]
    #[arg(long)]
    pub name: Option<String>,
    /// What kind of move it is: stay, step-back, lateral (or sideways), promotion, leave, career-break, part-time, offer
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// A fact about the path, KEY=VALUE (hours_per_week=42, remote=yes); repeatable
    #[arg(long = "attr", value_name = "KEY=VALUE")]
    pub attributes: Vec<String>,
    /// How well it serves a value today, VALUE=1-10; repeatable
    #[arg(long = "score", value_name = "VALUE=N")]
    pub scores: Vec<String>,
    /// How well it would serve a value at the horizon, VALUE=1-10; repeatable
    #[arg(long = "later", value_name = "VALUE=N")]
    pub later: Vec<String>,
    /// Net income per month on this path
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub net_income: Option<f64>,
    /// Anything to remember about this path
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct OptionAddArgs {
    /// A short id, e.g. part-time
    pub id: String,
    #[command(flatten)]
    pub fields: OptionFields,
}

#[derive(Debug, Args)]
pub struct OptionEditArgs {
    /// The path to change: its id, its name, or the start of either
    pub id: String,
    #[command(flatten)]
    pub fields: OptionFields,
    /// Remove an attribute; repeatable
    #[arg(long = "unset-attr", value_name = "KEY")]
    pub unset_attributes: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Stay,
    StepBack,
    /// A move sideways: another role at about the same level
    #[value(alias = "sideways")]
    Lateral,
    Promotion,
    Leave,
    CareerBreak,
    PartTime,
    Offer,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RiskArgs {
    #[command(subcommand)]
    pub command: Option<RiskCommand>,
    #[command(flatten)]
    pub list: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// List the risks of every path
    List(JsonFlag),
    /// Add a risk to a path
    Add {
        /// The path's id
        option: String,
        /// What could go wrong, e.g. "gap on my resume"
        name: String,
        /// How likely, 1-10
        #[arg(long, short)]
        probability: f64,
        /// How bad if it happens, 1-10
        #[arg(long, short)]
        seriousness: f64,
        /// It will happen (plan for it), rather than a fear (test it)
        #[arg(long)]
        fact: bool,
    },
    /// Remove a risk from a path by its name
    Remove {
        /// The path the risk belongs to: its id, its name, or the start of either
        option: String,
        /// The risk, as it was named
        name: String,
    },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FinancesArgs {
    #[command(subcommand)]
    pub command: Option<FinancesCommand>,
    #[command(flatten)]
    pub show: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum FinancesCommand {
    /// Show your finances and each path's runway
    Show(JsonFlag),
    /// Set your finances
    Set {
        /// Household expenses per month
        #[arg(long, value_name = "N")]
        expenses: f64,
        /// Savings you could live on
        #[arg(long, value_name = "N")]
        savings: f64,
        /// Other household income per month (a partner's, rent)
        #[arg(long, value_name = "N", default_value_t = 0.0)]
        other_income: f64,
    },
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// A decision document (JSON, or TOML by extension; - for standard input); without it,
    /// decides over the options in your database
    pub file: Option<PathBuf>,
    /// Method for your stored options [default: from your weighting]
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Only list what the decision still lacks, with the commands that fill it; exits 1 while
    /// anything does, 0 ("ready to decide") once nothing does
    #[arg(long, conflicts_with_all = ["file", "json"])]
    pub check: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MethodArg {
    Kt,
    Wsm,
    Topsis,
    Ahp,
    Smaa,
}

/// A week as people name it (see `IsoWeek::named`), seen from today.
fn named_week(text: &str) -> Result<milemarker_core::week::IsoWeek, String> {
    let today = crate::context::today().map_err(|e| e.to_string())?;
    milemarker_core::week::IsoWeek::named(text, today)
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// The week: an ISO week (2026-W47), any date in it (2026-11-20), `this` or `last` [default:
    /// this week]
    #[arg(long, value_name = "WEEK", value_parser = named_week)]
    pub week: Option<milemarker_core::week::IsoWeek>,
    /// Hours worked that week
    #[arg(long)]
    pub hours: Option<f64>,
    /// Weekend days worked (0-2)
    #[arg(long, value_name = "N")]
    pub weekend_days: Option<u8>,
    /// Evenings worked
    #[arg(long, value_name = "N")]
    pub evenings: Option<u8>,
    /// Energy, 1 (drained) to 5 (energised)
    #[arg(long, value_name = "1-5")]
    pub energy: Option<u8>,
    /// Satisfaction, 1 to 5
    #[arg(long, value_name = "1-5")]
    pub satisfaction: Option<u8>,
    /// Anything about the week worth remembering
    #[arg(long)]
    pub note: Option<String>,
    /// Never ask; use only the flags
    #[arg(long)]
    pub no_input: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HoursArgs {
    #[command(subcommand)]
    pub command: Option<HoursCommand>,
    /// The day to look back from [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
    /// How many weeks to show
    #[arg(long, default_value_t = 12)]
    pub weeks: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// Import hours from a time tracker's export (re-importing adds nothing twice)
    Import(HoursImportArgs),
}

#[derive(Debug, Args)]
pub struct HoursImportArgs {
    /// The tracker that wrote the file
    #[arg(long, value_enum)]
    pub format: TrackerArg,
    /// The export (- for standard input)
    pub file: PathBuf,
    /// IANA time zone whose midnights split the hours into days [default: the system's]
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TrackerArg {
    /// `timew export` JSON
    Timewarrior,
    /// Toggl Track's detailed report CSV (Clockify's detailed CSV too)
    Toggl,
    /// Watson's frames file (~/.config/watson/frames)
    Watson,
    /// An ActivityWatch export (not-afk time)
    Activitywatch,
}

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Add a task: something you do every week
    Add(TaskAddArgs),
    /// Change a task; what is not given stays
    Edit(TaskEditArgs),
    /// List your tasks
    List(JsonFlag),
    /// Remove a task
    Remove {
        /// The task: its id, its name (any case), or the start of either
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct TaskAddArgs {
    /// A short id, e.g. status-meetings
    pub id: String,
    /// A name to show [default: the id]
    #[arg(long)]
    pub name: Option<String>,
    /// Hours a week it takes
    #[arg(long)]
    pub hours: f64,
    /// -2 drains you .. +2 energises you
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i8).range(-2..=2))]
    pub energy: i8,
    /// How well it uses your skills, 1-5
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub fit: u8,
    /// Someone else could do it
    #[arg(long)]
    pub delegable: bool,
}

#[derive(Debug, Args)]
pub struct TaskEditArgs {
    /// The task: its id, its name (any case), or the start of either
    pub id: String,
    /// A new name to show
    #[arg(long)]
    pub name: Option<String>,
    /// Hours a week it takes
    #[arg(long)]
    pub hours: Option<f64>,
    /// What it does to your energy, -2 (drains) to +2 (gives)
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i8).range(-2..=2))]
    pub energy: Option<i8>,
    /// How well it uses your skills, 1 to 5
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub fit: Option<u8>,
    /// Someone else could do it (true or false)
    #[arg(long)]
    pub delegable: Option<bool>,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The audit's date [default: today]; an audit on the same date is replaced
    #[arg(long, value_name = "DATE")]
    pub date: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SeasonArgs {
    #[command(subcommand)]
    pub command: Option<SeasonCommand>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum SeasonCommand {
    /// The season of each area now, and how long it has lasted
    Show {
        /// The day to show the seasons on [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<jiff::civil::Date>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Start a season in one area of life
    Set {
        /// The area of life: career, family, health or personal
        #[arg(value_enum)]
        area: AreaArg,
        /// spring, summer, fall (or autumn) or winter
        #[arg(value_enum)]
        season: SeasonArg,
        /// When it began [default: today]
        #[arg(long, value_name = "DATE")]
        since: Option<jiff::civil::Date>,
    },
    /// Every season recorded, oldest first
    History(JsonFlag),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AreaArg {
    Career,
    Family,
    Health,
    Personal,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SeasonArg {
    Spring,
    Summer,
    // The help says "autumn" too: it is the word outside North America.
    #[value(alias = "autumn")]
    Fall,
    Winter,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct WinArgs {
    #[command(subcommand)]
    pub command: Option<WinCommand>,
    #[command(flatten)]
    pub add: WinAddArgs,
}

#[derive(Debug, Args)]
pub struct WinAddArgs {
    /// What you did, e.g. "Shipped the billing migration"
    pub title: Option<String>,
    /// What changed because of it, with a number where you can
    #[arg(long)]
    pub impact: Option<String>,
    /// Who saw it [default: team]; skip = your manager's manager
    #[arg(long, value_enum)]
    pub visibility: Option<VisibilityArg>,
    /// A skill it used; repeatable
    #[arg(long = "skill", value_name = "SKILL")]
    pub skills: Vec<String>,
    /// The brag-document section [default: projects]
    #[arg(long, value_enum)]
    pub section: Option<SectionArg>,
    /// When it happened [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<jiff::civil::Date>,
    /// A link to the evidence (http, https or mailto): a doc, a dashboard, a thank-you
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum WinCommand {
    /// List achievements, newest first
    List(WinListArgs),
    /// Remove an achievement by its number
    Remove {
        /// The win's number, from `milemarker win list`
        id: u32,
    },
}

#[derive(Debug, Args)]
pub struct WinListArgs {
    /// The first day to list [default: the first win]
    #[arg(long, value_name = "DATE")]
    pub from: Option<jiff::civil::Date>,
    /// The last day to list [default: today]
    #[arg(long, value_name = "DATE")]
    pub to: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum VisibilityArg {
    #[value(name = "self")]
    Myself,
    Team,
    Manager,
    Skip,
    Company,
    Public,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SectionArg {
    Projects,
    DesignDocs,
    Collaboration,
    NotMyJob,
}

#[derive(Debug, Args)]
pub struct BragArgs {
    /// First day [default: a year before --to]
    #[arg(long, value_name = "DATE")]
    pub from: Option<jiff::civil::Date>,
    /// Last day [default: today]
    #[arg(long, value_name = "DATE")]
    pub to: Option<jiff::civil::Date>,
    /// markdown or json
    #[arg(long, value_enum, default_value_t = BragFormat::Markdown)]
    pub format: BragFormat,
    /// Write to a file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BragFormat {
    Markdown,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Add someone to your network
    Add(ContactAddArgs),
    /// Change a contact; what is not given stays
    Edit(ContactEditArgs),
    /// List your contacts
    List(JsonFlag),
    /// Log that you were in touch (restarts the stay-in-touch timer)
    Log {
        /// The contact: its id, its name (any case), or the start of either, e.g. "Marcus O'Neil"
        id: String,
        /// When [default: today]
        #[arg(long, value_name = "DATE")]
        date: Option<jiff::civil::Date>,
        /// What you talked about
        #[arg(long)]
        note: Option<String>,
    },
    /// Who you are losing touch with: past their cadence, mentors first
    Due {
        /// The day to judge by [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<jiff::civil::Date>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Remove a contact
    Remove {
        /// The contact: its id, its name (any case), or the start of either, e.g. "Marcus O'Neil"
        id: String,
    },
    /// Import contacts from a vCard 3.0 file (- for standard input); known names are updated
    Import {
        /// The vCard file (- for standard input)
        file: PathBuf,
    },
    /// Write your contacts as vCard 3.0 (- for standard output)
    Export {
        /// Where to write it (- for standard output)
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ContactAddArgs {
    /// Their name, e.g. "Dana Whitfield"
    pub name: String,
    /// A short id [default: from the name, e.g. dana-whitfield]
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: ContactFields,
}

#[derive(Debug, Args)]
pub struct ContactEditArgs {
    /// The contact: its id, its name (any case), or the start of either, e.g. "Marcus O'Neil"
    pub id: String,
    /// Their name, as it should read
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: ContactFields,
}

#[derive(Debug, Args)]
pub struct ContactFields {
    /// Where they work
    #[arg(long)]
    pub company: Option<String>,
    /// Their job title
    #[arg(long)]
    pub title: Option<String>,
    /// An email address; repeatable (replaces the list when editing)
    #[arg(long = "email", value_name = "ADDRESS")]
    pub emails: Vec<String>,
    /// A phone number; repeatable (replaces the list when editing)
    #[arg(long = "phone", value_name = "NUMBER")]
    pub phones: Vec<String>,
    /// How you know them, e.g. "former manager"
    #[arg(long, value_name = "TEXT")]
    pub how: Option<String>,
    /// A mentor (true or false)
    #[arg(long, num_args = 0..=1, default_missing_value = "true")]
    pub mentor: Option<bool>,
    /// Stay in touch at least every N days (0 to stop reminders)
    #[arg(long, value_name = "DAYS")]
    pub cadence: Option<u32>,
    /// Anything to remember about them
    #[arg(long)]
    pub note: Option<String>,
}

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

#[derive(Debug, Subcommand)]
pub enum SkillsCommand {
    /// Claim a skill: free text is matched to ESCO or O*NET, with candidates when it is ambiguous
    Add {
        /// What you would call it ("sql", "write press releases"), or a taxonomy id
        #[arg(required = true, num_args = 1.., value_name = "SKILL")]
        skill: Vec<String>,
        /// How well you hold it
        #[arg(long, value_enum)]
        level: Option<LevelArg>,
    },
    /// Your skills, with their taxonomy ids
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Drop a skill, by label or id
    Remove {
        /// The skill: its ESCO URI or O*NET id, or its label
        #[arg(required = true, num_args = 1.., value_name = "SKILL")]
        skill: Vec<String>,
    },
    /// Propose skills from a CV or a list of achievements; --add claims them
    FromText {
        /// The text to read (- for standard input)
        file: PathBuf,
        /// Claim every proposed skill
        #[arg(long)]
        add: bool,
        /// The level to claim them at (with --add)
        #[arg(long, value_enum, requires = "add")]
        level: Option<LevelArg>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// The skills named in a text (a job posting, a CV), each once, with where it was found
    Extract {
        /// The text to read (- or nothing for standard input)
        #[arg(default_value = "-")]
        file: PathBuf,
        /// Each line is a text of its own (one posting per line); with --json, one JSON array per line
        #[arg(long)]
        lines: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LevelArg {
    Novice,
    Beginner,
    Competent,
    Proficient,
    Expert,
}

#[derive(Debug, Subcommand)]
pub enum PostingsCommand {
    /// Import job postings (CSV, JSON Lines or Parquet): employer, title, date and the skills in the text
    Import(PostingsImportArgs),
}

#[derive(Debug, Args)]
pub struct PostingsImportArgs {
    /// The file; its format comes from the extension (.csv, .jsonl, .parquet) unless --format says
    pub file: PathBuf,
    /// csv, jsonl or parquet [default: from the file name]
    #[arg(long, value_enum)]
    pub format: Option<PostingsFormatArg>,
    /// The column that names the employer
    #[arg(long, value_name = "NAME", default_value = "employer")]
    pub employer_column: String,
    /// The column that holds the job title
    #[arg(long, value_name = "NAME", default_value = "title")]
    pub title_column: String,
    /// The column that holds the date posted
    #[arg(long, value_name = "NAME", default_value = "date")]
    pub date_column: String,
    /// The column that holds the posting's text
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_column: String,
    /// Import the good rows and report the bad ones (default: refuse the file, write nothing)
    #[arg(long)]
    pub skip_bad: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PostingsFormatArg {
    Csv,
    Jsonl,
    Parquet,
}

#[derive(Debug, Subcommand)]
pub enum MarketCommand {
    /// OEWS wage percentiles for an occupation and area, and where your pay falls among them
    Pay(MarketPayArgs),
    /// Demand for skills in the imported postings: per month, by distinct employers, year on year
    Demand(MarketDemandArgs),
    /// O*NET occupations ranked by fit to your skills, with Job Zone, related occupations and pay
    Occupations(MarketOccupationsArgs),
}

#[derive(Debug, Args)]
pub struct MarketDemandArgs {
    /// Months to count, ending with the month of the latest posting (or of --as-of)
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub months: u32,
    /// Your gap to a job title: the skills its postings ask for that you do not claim
    #[arg(long, value_name = "TITLE", conflicts_with = "occupation")]
    pub title: Option<String>,
    /// Your gap to an O*NET occupation, by job title or code: what it rates important that you lack
    #[arg(long, value_name = "TITLE|SOC", value_parser = crate::names::occupation)]
    pub occupation: Option<String>,
    /// Skills to show
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Count postings up to this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct MarketOccupationsArgs {
    /// Occupations to show
    #[arg(long, default_value_t = 15)]
    pub limit: usize,
    /// Find occupations by job title instead ("software engineering manager"): O*NET titles,
    /// titles workers reported and alternate titles, best first, with their codes
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct MarketPayArgs {
    /// A job title or an O*NET-SOC or SOC code [default: your profile's]
    #[arg(long, value_name = "TITLE|SOC", value_parser = crate::names::occupation)]
    pub occupation: Option<String>,
    /// A metro area (Seattle), a state (WA, Washington), national, or an OEWS code (41860, 06)
    /// [default: your profile's, else national]
    #[arg(long, value_name = "PLACE", value_parser = crate::names::area)]
    pub area: Option<String>,
    /// Yearly pay to place [default: your profile's base + bonus + equity]
    #[arg(long, value_name = "N")]
    pub pay: Option<f64>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct MarkersArgs {
    /// Judge the records as they stood on this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// text, markdown, html or json
    #[arg(long, value_enum, default_value_t = ReviewFormat::Text)]
    pub format: ReviewFormat,
    /// Write to a file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Review the records as they stood on this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Text,
    Markdown,
    Json,
    /// One self-contained page with charts
    Html,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where to write (- for standard output)
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The document to read (- for standard input)
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on, with a port or without (127.0.0.1:9000, [::1]:9000); anything but a
    /// loopback address lets other machines read your records
    #[arg(long, value_name = "ADDR[:PORT]", default_value = "127.0.0.1", value_parser = parse_bind)]
    pub bind: Bind,
    /// Port to listen on (0 picks a free one) [default: 7878]
    #[arg(long)]
    pub port: Option<u16>,
    /// Also answer requests for this host name (a name this machine has in your network, or a
    /// proxy's); repeatable. Requests naming any other host are refused (421) on every address
    /// listened on, so a web page cannot reach your records by pointing its own name here (DNS
    /// rebinding). This machine's own names and addresses are always answered
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Serve the example person from a temporary database instead of yours
    #[arg(long)]
    pub demo: bool,
}

/// `serve --bind`: an address, and a port when one was given with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bind {
    pub ip: std::net::IpAddr,
    pub port: Option<u16>,
}

fn parse_bind(text: &str) -> Result<Bind, String> {
    use std::net::{IpAddr, Ipv4Addr, SocketAddr};
    let text = text.trim();
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(Bind {
            ip: addr.ip(),
            port: Some(addr.port()),
        });
    }
    let bare = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(Bind { ip, port: None });
    }
    let (name, port) = match text.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (text, None),
    };
    let port = match port.map(str::parse::<u16>) {
        Some(Ok(p)) => Some(p),
        Some(Err(_)) => return Err(format!("\"{text}\" has no port 0-65535 after its colon")),
        None => None,
    };
    if name.eq_ignore_ascii_case("localhost") {
        return Ok(Bind {
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port,
        });
    }
    Err(format!(
        "\"{text}\" is not an address: give one like 127.0.0.1, 127.0.0.1:9000, ::1 or [::1]:9000"
    ))
}

#[derive(Debug, Args)]
pub struct ManArgs {
    #[command(flatten)]
    pub unused: NoDatabase,
    /// The command whose page to print, e.g. `init` or `contact add` [default: milemarker's own]
    pub command: Vec<String>,
    /// Write every page (milemarker.1, milemarker-init.1, ...) into this folder instead
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

/// `man` and `completions` read no database and no settings: their own hidden `--db` and
/// `--config` stand where the global ones would be copied in (clap copies a global argument only
/// into commands without one of the same name), so their help does not offer them.
#[derive(Debug, Args)]
pub struct NoDatabase {
    #[arg(long, hide = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[arg(long, hide = true, value_name = "PATH")]
    config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[command(flatten)]
    pub unused: NoDatabase,
    /// The shell: bash, zsh, fish, elvish or powershell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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
    use super::*;
    use milemarker_core::career::{OptionKind, Weighting};
    use milemarker_core::decision::document::Method;

    #[test]
    fn bind_takes_an_address_with_a_port_or_without() {
        let bind = |ip: &str, port| Bind {
            ip: ip.parse().unwrap(),
            port,
        };
        assert_eq!(parse_bind("127.0.0.2"), Ok(bind("127.0.0.2", None)));
        assert_eq!(
            parse_bind("127.0.0.1:9000"),
            Ok(bind("127.0.0.1", Some(9000)))
        );
        assert_eq!(parse_bind("::1"), Ok(bind("::1", None)));
        assert_eq!(parse_bind("[::1]"), Ok(bind("::1", None)));
        assert_eq!(parse_bind("[::1]:9000"), Ok(bind("::1", Some(9000))));
        assert_eq!(parse_bind("localhost:0"), Ok(bind("127.0.0.1", Some(0))));
        assert!(parse_bind("127.0.0.1:99999").is_err());
        assert!(parse_bind("example.org").is_err());
        assert!(parse_bind("").is_err());
    }

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
