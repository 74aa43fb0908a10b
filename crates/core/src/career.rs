//! The person at a crossroads: profile, values, deal-breakers, options with their risks, and
//! finances; and how they become a decision document.

use indexmap::IndexMap;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::decision::ahp::PairwiseMatrix;
use crate::decision::document::{
    AttrValue, CriterionSpec, DecisionDocument, FinancesSpec, HorizonSpec, Judgement, Kind, Method,
    MustSpec, Op, OptionSpec, RiskSpec, SmaaSpec,
};
use crate::decision::weights::{kt_want_weights, rank_order_centroid};
use crate::evidence::Achievement;
use crate::life::{Audit, CheckIn, Season, Task};
use crate::network::{Contact, Offer, Opportunity};
use crate::skills::Skill;
use crate::tracker::TrackedInterval;

/// The version of the export document and of the database schema it mirrors.
pub const SCHEMA_VERSION: u32 = 8;

// Kept here too: callers named it from this module before it had its own.
pub use crate::invalid::InvalidField;

fn invalid(field: impl Into<String>, message: impl Into<String>) -> InvalidField {
    InvalidField::new(field, message)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: Option<String>,
    /// O*NET-SOC code, e.g. "11-2021.00" (Marketing Managers).
    pub occupation: Option<String>,
    /// OEWS area code; none means national.
    pub area: Option<String>,
    pub role_start: Option<Date>,
    pub last_promotion: Option<Date>,
    /// When you were told to expect a promotion (004's loyalty trap); schema 3.
    #[serde(default)]
    pub promotion_promised: Option<Date>,
    pub level: Option<String>,
    pub pay: Option<f64>,
    pub bonus: Option<f64>,
    pub equity: Option<f64>,
    pub currency: String,
    /// The weekly hours the person will not work past (000: "more than 40 hours").
    pub boundary_hours: f64,
    pub work_days: u8,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: None,
            occupation: None,
            area: None,
            role_start: None,
            last_promotion: None,
            promotion_promised: None,
            level: None,
            pay: None,
            bonus: None,
            equity: None,
            currency: "USD".into(),
            boundary_hours: 40.0,
            work_days: 5,
        }
    }
}

impl Profile {
    pub fn total_pay(&self) -> Option<f64> {
        self.pay
            .map(|base| base + self.bonus.unwrap_or(0.0) + self.equity.unwrap_or(0.0))
    }

    pub fn validate(&self) -> Result<(), InvalidField> {
        if let Some(code) = &self.occupation {
            validate_soc(code)?;
        }
        if let Some(area) = &self.area
            && (area.is_empty() || area.len() > 7 || !area.chars().all(|c| c.is_ascii_digit()))
        {
            return Err(invalid(
                "area",
                format!(
                    "\"{area}\" is not an OEWS area code (1 to 7 digits, e.g. 41860 for San Francisco)"
                ),
            ));
        }
        for (field, value) in [
            ("pay", self.pay),
            ("bonus", self.bonus),
            ("equity", self.equity),
        ] {
            if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
                return Err(invalid(field, "must be a yearly amount of 0 or more"));
            }
        }
        if !(1.0..=168.0).contains(&self.boundary_hours) {
            return Err(invalid(
                "boundary",
                format!(
                    "{} hours a week is not a boundary; give 1 to 168",
                    self.boundary_hours
                ),
            ));
        }
        if !(1..=7).contains(&self.work_days) {
            return Err(invalid(
                "work_days",
                format!("{} is not 1 to 7 days", self.work_days),
            ));
        }
        if self.currency.len() != 3 || !self.currency.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(invalid(
                "currency",
                format!(
                    "\"{}\" is not an ISO 4217 code like USD or EUR",
                    self.currency
                ),
            ));
        }
        // A promotion may come after the role started (a promotion in place); the overstaying
        // marker counts from the later of the two.
        Ok(())
    }
}

/// Checks an O*NET-SOC code: "NN-NNNN" or "NN-NNNN.NN".
pub fn validate_soc(code: &str) -> Result<(), InvalidField> {
    let bytes = code.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let ok = match bytes.len() {
        7 => digits(0..2) && bytes[2] == b'-' && digits(3..7),
        10 => digits(0..2) && bytes[2] == b'-' && digits(3..7) && bytes[7] == b'.' && digits(8..10),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "occupation",
            format!("\"{code}\" is not an O*NET-SOC code like 11-2021.00 (Marketing Managers)"),
        ))
    }
}

/// The six O*NET work values (Work Importance Profiler), to which a personal value may map.
pub const ONET_WORK_VALUES: [&str; 6] = [
    "Achievement",
    "Working Conditions",
    "Recognition",
    "Relationships",
    "Support",
    "Independence",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub id: String,
    /// Importance from 1 to 10, when stated directly.
    pub weight: Option<f64>,
    /// Position in a forced ranking, 1 = most important.
    pub rank: Option<u32>,
    pub onet_work_value: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weighting {
    /// Weights 1-10 as stated; decided by Kepner-Tregoe.
    #[default]
    Direct,
    /// Rank-order centroid weights from the ranking; decided by weighted sum.
    Rank,
    /// No weights: SMAA-2 explores them all (constrained by the ranking if there is one).
    Unsure,
    /// Weights from pairwise comparisons of the values (AHP's principal eigenvector).
    Ahp,
}

impl Weighting {
    /// Every choice, in the order a list of them shows.
    pub const ALL: [Weighting; 4] = [
        Weighting::Direct,
        Weighting::Rank,
        Weighting::Ahp,
        Weighting::Unsure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Weighting::Direct => "direct",
            Weighting::Rank => "rank",
            Weighting::Unsure => "unsure",
            Weighting::Ahp => "ahp",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealBreaker {
    pub id: String,
    pub attribute: String,
    pub op: Op,
    pub value: AttrValue,
    pub note: Option<String>,
}

impl DealBreaker {
    /// Reads "flexibility >= 3", "remote == true", "title != manager".
    pub fn parse_rule(rule: &str) -> Result<(String, Op, AttrValue), InvalidField> {
        const OPS: [&str; 7] = [">=", "<=", "!=", "==", ">", "<", "="];
        let found = OPS.iter().find_map(|op| rule.find(op).map(|at| (at, *op)));
        let Some((at, op_text)) = found else {
            return Err(invalid(
                "rule",
                format!(
                    "\"{rule}\" has no comparison; write it like \"hours <= 45\" (>=, <=, >, <, ==, !=)"
                ),
            ));
        };
        let attribute = rule[..at].trim();
        let value = rule[at + op_text.len()..].trim();
        if attribute.is_empty() || value.is_empty() {
            return Err(invalid(
                "rule",
                format!("\"{rule}\" needs an attribute and a value, like \"pay >= 60000\""),
            ));
        }
        let op = Op::parse(op_text).expect("listed operators parse");
        Ok((attribute.to_string(), op, parse_attr_value(value)))
    }

    pub fn rule(&self) -> String {
        format!("{} {} {}", self.attribute, self.op.as_str(), self.value)
    }
}

/// A number if it reads as one, yes/no for true/false, else text.
pub fn parse_attr_value(text: &str) -> AttrValue {
    let text = text.trim();
    match text {
        "true" | "yes" => AttrValue::Bool(true),
        "false" | "no" => AttrValue::Bool(false),
        _ => match text.replace('_', "").parse::<f64>() {
            Ok(n) if n.is_finite() => AttrValue::Number(n),
            _ => AttrValue::Text(text.trim_matches('"').to_string()),
        },
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OptionKind {
    #[default]
    Stay,
    StepBack,
    Lateral,
    Promotion,
    Leave,
    CareerBreak,
    PartTime,
    Offer,
}

impl OptionKind {
    /// Every choice, in the order a list of them shows.
    pub const ALL: [OptionKind; 8] = [
        OptionKind::Stay,
        OptionKind::StepBack,
        OptionKind::Lateral,
        OptionKind::Promotion,
        OptionKind::Leave,
        OptionKind::CareerBreak,
        OptionKind::PartTime,
        OptionKind::Offer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OptionKind::Stay => "stay",
            OptionKind::StepBack => "step-back",
            OptionKind::Lateral => "lateral",
            OptionKind::Promotion => "promotion",
            OptionKind::Leave => "leave",
            OptionKind::CareerBreak => "career-break",
            OptionKind::PartTime => "part-time",
            OptionKind::Offer => "offer",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareerOption {
    pub id: String,
    pub name: String,
    pub kind: OptionKind,
    #[serde(default)]
    pub attributes: IndexMap<String, AttrValue>,
    /// How well this path serves each value today, 1-10.
    #[serde(default)]
    pub scores: IndexMap<String, f64>,
    /// How well it would serve each value at the horizon, 1-10.
    #[serde(default)]
    pub scores_horizon: IndexMap<String, f64>,
    /// Net income per month on this path.
    pub net_income: Option<f64>,
    #[serde(default)]
    pub risks: Vec<RiskSpec>,
    pub note: Option<String>,
}

impl CareerOption {
    /// What a deal-breaker naming `name` tests on this option: its attribute of that name, else,
    /// when `name` is one of the person's values, its score (today's, 1-10) for that value. An
    /// attribute wins over a value of the same name: it is the more specific fact.
    pub fn dealbreaker_fact(&self, name: &str, values: &[Value]) -> Option<AttrValue> {
        if let Some(attribute) = self.attributes.get(name) {
            return Some(attribute.clone());
        }
        values
            .iter()
            .any(|v| v.id == name)
            .then(|| self.scores.get(name).map(|s| AttrValue::Number(*s)))
            .flatten()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finances {
    pub monthly_expenses: f64,
    pub savings: f64,
    pub other_income: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionSettings {
    pub weighting: Weighting,
    pub horizon_years: f64,
    /// 0: only today counts.
    pub horizon_weight: f64,
}

impl Default for DecisionSettings {
    fn default() -> Self {
        DecisionSettings {
            weighting: Weighting::Direct,
            horizon_years: 2.0,
            horizon_weight: 0.0,
        }
    }
}

/// "`a` matters `value` times as much as `b`", on Saaty's scale 1/9..9.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueJudgement {
    pub a: String,
    pub b: String,
    pub value: f64,
}

/// Everything milemarker knows about one person: the export document and the unit of import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub schema_version: u32,
    pub profile: Profile,
    pub values: Vec<Value>,
    pub dealbreakers: Vec<DealBreaker>,
    pub options: Vec<CareerOption>,
    pub finances: Option<Finances>,
    pub settings: DecisionSettings,
    /// Pairwise comparisons of the values, for AHP weighting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value_judgements: Vec<ValueJudgement>,
    /// Weekly check-ins, by ISO week (schema 2).
    #[serde(default)]
    pub checkins: Vec<CheckIn>,
    /// The energy audit's tasks as they stand now.
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// Audits as they were taken, oldest first.
    #[serde(default)]
    pub audits: Vec<Audit>,
    /// Season history per life area.
    #[serde(default)]
    pub seasons: Vec<Season>,
    /// Time-tracker intervals as imported.
    #[serde(default)]
    pub tracked: Vec<TrackedInterval>,
    /// Achievements, as logged (schema 3).
    #[serde(default)]
    pub achievements: Vec<Achievement>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    /// What the offers carry: pay and the date to decide by, one per opportunity (schema 7).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<Offer>,
    /// The person's own skills, as taxonomy ids (schema 4).
    #[serde(default)]
    pub skills: Vec<Skill>,
}

impl Default for Snapshot {
    fn default() -> Self {
        Snapshot {
            schema_version: SCHEMA_VERSION,
            profile: Profile::default(),
            values: Vec::new(),
            dealbreakers: Vec::new(),
            options: Vec::new(),
            finances: None,
            settings: DecisionSettings::default(),
            value_judgements: Vec::new(),
            checkins: Vec::new(),
            tasks: Vec::new(),
            audits: Vec::new(),
            seasons: Vec::new(),
            tracked: Vec::new(),
            achievements: Vec::new(),
            contacts: Vec::new(),
            opportunities: Vec::new(),
            offers: Vec::new(),
            skills: Vec::new(),
        }
    }
}

/// Ids are short names people type: letters, digits, '-' and '_'.
pub fn validate_id(field: &str, id: &str) -> Result<(), InvalidField> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(invalid(
            field,
            format!(
                "\"{id}\" is not a usable id; use letters, digits, '-' or '_' (like family-time)"
            ),
        ))
    }
}

/// The next number for records numbered from 1 and never reused (wins, opportunities).
pub fn next_number(taken: impl Iterator<Item = u32>) -> u32 {
    taken.max().unwrap_or(0) + 1
}

/// Turns a name into an id: "Family time" -> "family-time".
/// Which of `items` (id, name) a person means by `given`: the id itself; else, case-blind, the
/// name, or the id `given` would make (`"Marcus O'Neil"` finds `marcus-o-neil`); else the one id
/// or name that `given` begins. `what` names the kind in the refusal ("contact"), which lists the
/// candidates when `given` is ambiguous.
pub fn find_named<'a>(
    what: &str,
    given: &str,
    items: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> Result<usize, String> {
    let folded = given.trim().to_lowercase();
    let wanted = slug(given);
    let exact = |(id, name): (&str, &str)| {
        id == given || name.to_lowercase() == folded || (!wanted.is_empty() && id == wanted)
    };
    if let Some(i) = items.clone().position(|(id, _)| id == given) {
        return Ok(i);
    }
    if let Some(i) = items.clone().position(exact) {
        return Ok(i);
    }
    let begun: Vec<(usize, &str)> = items
        .clone()
        .enumerate()
        .filter(|(_, (id, name))| {
            !folded.is_empty()
                && (id.starts_with(&folded) || name.to_lowercase().starts_with(&folded))
        })
        .map(|(i, (id, _))| (i, id))
        .collect();
    match begun.as_slice() {
        [(i, _)] => Ok(*i),
        [] => Err(format!("no {what} \"{}\"", given.trim())),
        many => Err(format!(
            "\"{}\" could be the {what} {}; give more of it",
            given.trim(),
            many.iter()
                .map(|(_, id)| *id)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn check_range(
    field: String,
    value: f64,
    low: f64,
    high: f64,
    what: &str,
) -> Result<(), InvalidField> {
    if value.is_finite() && (low..=high).contains(&value) {
        Ok(())
    } else {
        Err(invalid(
            field,
            format!("{value} is outside {low}..{high} ({what})"),
        ))
    }
}

impl Snapshot {
    /// Checks the whole record, so that nothing invalid is ever stored.
    pub fn validate(&self) -> Result<(), InvalidField> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(invalid(
                "schema_version",
                format!(
                    "this milemarker reads schema version {SCHEMA_VERSION}, not {}",
                    self.schema_version
                ),
            ));
        }
        self.profile
            .validate()
            .map_err(|e| invalid(format!("profile.{}", e.field), e.message))?;
        self.validate_values()?;
        for (i, d) in self.dealbreakers.iter().enumerate() {
            validate_id(&format!("dealbreakers[{i}].id"), &d.id)?;
            if self.dealbreakers[..i].iter().any(|o| o.id == d.id) {
                return Err(invalid(
                    format!("dealbreakers[{i}].id"),
                    format!("\"{}\" is used twice", d.id),
                ));
            }
        }
        for (i, option) in self.options.iter().enumerate() {
            self.validate_option(i, option)?;
        }
        if let Some(f) = &self.finances {
            for (name, v) in [
                ("monthly_expenses", f.monthly_expenses),
                ("savings", f.savings),
                ("other_income", f.other_income),
            ] {
                check_range(
                    format!("finances.{name}"),
                    v,
                    0.0,
                    f64::MAX,
                    "an amount of 0 or more",
                )?;
            }
        }
        self.validate_judgements()?;
        self.validate_week()?;
        self.validate_evidence()?;
        let s = &self.settings;
        check_range(
            "settings.horizon_weight".into(),
            s.horizon_weight,
            0.0,
            1.0,
            "0 = today only",
        )?;
        check_range(
            "settings.horizon_years".into(),
            s.horizon_years,
            0.1,
            50.0,
            "years ahead",
        )?;
        Ok(())
    }

    fn validate_week(&self) -> Result<(), InvalidField> {
        for (i, c) in self.checkins.iter().enumerate() {
            let path = format!("checkins[{i}]");
            c.validate().map_err(|e| e.within(&path))?;
            if self.checkins[..i].iter().any(|o| o.week == c.week) {
                return Err(invalid(
                    path,
                    format!("week {} is checked in twice", c.week),
                ));
            }
        }
        for (i, t) in self.tasks.iter().enumerate() {
            let path = format!("tasks[{i}]");
            validate_id(&format!("{path}.id"), &t.id)?;
            t.validate().map_err(|e| e.within(&path))?;
            if self.tasks[..i].iter().any(|o| o.id == t.id) {
                return Err(invalid(path, format!("task \"{}\" is listed twice", t.id)));
            }
        }
        for (i, a) in self.audits.iter().enumerate() {
            for (k, t) in a.tasks.iter().enumerate() {
                t.validate()
                    .map_err(|e| e.within(format!("audits[{i}].tasks[{k}]")))?;
            }
            if self.audits[..i].iter().any(|o| o.date == a.date) {
                return Err(invalid(
                    format!("audits[{i}]"),
                    format!("two audits on {}", a.date),
                ));
            }
        }
        for (i, t) in self.tracked.iter().enumerate() {
            if t.end < t.start || t.tz.is_empty() {
                return Err(invalid(
                    format!("tracked[{i}]"),
                    "an interval ends before it starts or has no time zone",
                ));
            }
        }
        for (i, s) in self.seasons.iter().enumerate() {
            if self.seasons[..i]
                .iter()
                .any(|o| o.area == s.area && o.since == s.since)
            {
                return Err(invalid(
                    format!("seasons[{i}]"),
                    "two seasons start the same day in one area",
                ));
            }
        }
        Ok(())
    }

    fn validate_evidence(&self) -> Result<(), InvalidField> {
        for (i, k) in self.skills.iter().enumerate() {
            let path = format!("skills[{i}]");
            // The entry is the skill; its id or label is in the message already.
            k.validate().map_err(|e| invalid(&path, e.message))?;
            if self.skills[..i].iter().any(|o| o.id == k.id) {
                return Err(invalid(path, format!("skill {} is listed twice", k.label)));
            }
        }
        for (i, w) in self.achievements.iter().enumerate() {
            let path = format!("achievements[{i}]");
            w.validate(None).map_err(|e| e.within(&path))?;
            if self.achievements[..i].iter().any(|o| o.id == w.id) {
                return Err(invalid(path, format!("win #{} is listed twice", w.id)));
            }
        }
        for (i, c) in self.contacts.iter().enumerate() {
            let path = format!("contacts[{i}]");
            validate_id(&format!("{path}.id"), &c.id)?;
            c.validate().map_err(|e| e.within(&path))?;
            if self.contacts[..i].iter().any(|o| o.id == c.id) {
                return Err(invalid(
                    path,
                    format!("contact \"{}\" is listed twice", c.id),
                ));
            }
        }
        for (i, o) in self.opportunities.iter().enumerate() {
            let path = format!("opportunities[{i}]");
            o.validate().map_err(|e| e.within(&path))?;
            if self.opportunities[..i].iter().any(|k| k.id == o.id) {
                return Err(invalid(
                    path,
                    format!("opportunity #{} is listed twice", o.id),
                ));
            }
            if let Some(contact) = &o.contact
                && !self.contacts.iter().any(|c| &c.id == contact)
            {
                return Err(invalid(
                    format!("{path}.contact"),
                    format!("\"{contact}\" is not one of your contacts"),
                ));
            }
        }
        for (i, f) in self.offers.iter().enumerate() {
            let path = format!("offers[{i}]");
            f.validate().map_err(|e| e.within(&path))?;
            if !self.opportunities.iter().any(|o| o.id == f.opportunity) {
                return Err(invalid(
                    format!("{path}.opportunity"),
                    format!("#{} is not one of your opportunities", f.opportunity),
                ));
            }
            if self.offers[..i]
                .iter()
                .any(|k| k.opportunity == f.opportunity)
            {
                return Err(invalid(
                    path,
                    format!("opportunity #{} has two offers", f.opportunity),
                ));
            }
        }
        Ok(())
    }

    fn validate_judgements(&self) -> Result<(), InvalidField> {
        for (i, j) in self.value_judgements.iter().enumerate() {
            let path = format!("value_judgements[{i}]");
            for id in [&j.a, &j.b] {
                if !self.values.iter().any(|v| &v.id == id) {
                    return Err(invalid(path, format!("\"{id}\" is not one of your values")));
                }
            }
            if j.a == j.b {
                return Err(invalid(path, "a value compared with itself is always 1"));
            }
            if !crate::decision::ahp::on_saaty_scale(j.value) {
                return Err(invalid(
                    format!("{path}.value"),
                    format!("judgement {} is outside Saaty's scale 1/9..9", j.value),
                ));
            }
            let same_pair =
                |o: &ValueJudgement| (o.a == j.a && o.b == j.b) || (o.a == j.b && o.b == j.a);
            if self.value_judgements[..i].iter().any(same_pair) {
                return Err(invalid(
                    path,
                    format!("{} and {} are compared twice", j.a, j.b),
                ));
            }
        }
        Ok(())
    }

    /// The values' pairwise matrix, in the order of `values`; says which pairs are missing.
    pub fn values_pairwise(&self) -> Result<Vec<Vec<Judgement>>, InvalidField> {
        let n = self.values.len();
        let mut rows = vec![vec![Judgement::Number(1.0); n]; n];
        let mut missing = Vec::new();
        for (i, a) in self.values.iter().enumerate() {
            for (k, b) in self.values.iter().enumerate().skip(i + 1) {
                let found = self.value_judgements.iter().find_map(|j| {
                    if j.a == a.id && j.b == b.id {
                        Some(j.value)
                    } else if j.a == b.id && j.b == a.id {
                        Some(1.0 / j.value)
                    } else {
                        None
                    }
                });
                match found {
                    Some(v) => {
                        rows[i][k] = Judgement::Number(v);
                        rows[k][i] = Judgement::Number(1.0 / v);
                    }
                    None => {
                        missing.push(format!("`milemarker values compare {} {} N`", a.id, b.id))
                    }
                }
            }
        }
        if missing.is_empty() {
            Ok(rows)
        } else {
            Err(invalid(
                "values",
                format!(
                    "pairwise weighting needs every pair compared; still missing: {}",
                    missing.join(", ")
                ),
            ))
        }
    }

    fn validate_values(&self) -> Result<(), InvalidField> {
        for (i, value) in self.values.iter().enumerate() {
            let path = format!("values[{i}]");
            validate_id(&format!("{path}.id"), &value.id)?;
            if self.values[..i].iter().any(|v| v.id == value.id) {
                return Err(invalid(
                    format!("{path}.id"),
                    format!("\"{}\" is listed twice", value.id),
                ));
            }
            if let Some(w) = value.weight {
                check_range(format!("{path}.weight"), w, 1.0, 10.0, "10 = matters most")?;
            }
            if let Some(rank) = value.rank
                && (rank == 0 || self.values[..i].iter().any(|v| v.rank == Some(rank)))
            {
                return Err(invalid(
                    format!("{path}.rank"),
                    format!("rank {rank} is 0 or given twice; ranks run 1, 2, 3 without repeats"),
                ));
            }
            if let Some(onet) = &value.onet_work_value
                && !ONET_WORK_VALUES.contains(&onet.as_str())
            {
                return Err(invalid(
                    format!("{path}.onet_work_value"),
                    format!("\"{onet}\" is not one of {}", ONET_WORK_VALUES.join(", ")),
                ));
            }
        }
        Ok(())
    }

    fn validate_option(&self, i: usize, option: &CareerOption) -> Result<(), InvalidField> {
        let path = format!("options[{i}]");
        validate_id(&format!("{path}.id"), &option.id)?;
        if self.options[..i].iter().any(|o| o.id == option.id) {
            return Err(invalid(
                format!("{path}.id"),
                format!("\"{}\" is used twice", option.id),
            ));
        }
        for (field, scores) in [
            ("scores", &option.scores),
            ("scores_horizon", &option.scores_horizon),
        ] {
            for (value, &score) in scores {
                if !self.values.iter().any(|v| &v.id == value) {
                    return Err(invalid(
                        format!("{path}.{field}.{value}"),
                        format!(
                            "\"{value}\" is not one of your values; add it with `milemarker values set {value}`"
                        ),
                    ));
                }
                check_range(
                    format!("{path}.{field}.{value}"),
                    score,
                    1.0,
                    10.0,
                    "10 = serves it fully",
                )?;
            }
        }
        for (r, risk) in option.risks.iter().enumerate() {
            for (name, v) in [
                ("probability", risk.probability),
                ("seriousness", risk.seriousness),
            ] {
                check_range(
                    format!("{path}.risks[{r}].{name}"),
                    v,
                    1.0,
                    10.0,
                    "1 = hardly, 10 = certainly",
                )?;
            }
        }
        if option.net_income.is_some_and(|v| !v.is_finite()) {
            return Err(invalid(format!("{path}.net_income"), "not a finite amount"));
        }
        Ok(())
    }

    /// The method the weighting implies: direct weights -> Kepner-Tregoe, a ranking -> weighted
    /// sum of rank-order centroid weights, unsure -> SMAA-2.
    pub fn default_method(&self) -> Method {
        match self.settings.weighting {
            Weighting::Direct => Method::Kt,
            Weighting::Rank => Method::Wsm,
            Weighting::Unsure => Method::Smaa,
            Weighting::Ahp => Method::Ahp,
        }
    }

    /// Values from most to least important, in the order of the weights in force: by AHP
    /// priority under pairwise weighting (once every pair is compared), by weight under direct
    /// weighting, else by rank where ranked and then by weight.
    pub fn values_by_importance(&self) -> Vec<&Value> {
        let mut values: Vec<&Value> = self.values.iter().collect();
        let by_weight = |a: &&Value, b: &&Value| {
            let (x, y) = (a.weight.unwrap_or(0.0), b.weight.unwrap_or(0.0));
            y.total_cmp(&x)
        };
        let priorities = match self.settings.weighting {
            Weighting::Ahp => self.pairwise_weights().ok(),
            _ => None,
        };
        if let Some(priorities) = priorities {
            let mut order: Vec<usize> = (0..values.len()).collect();
            order.sort_by(|&a, &b| priorities[b].total_cmp(&priorities[a]));
            return order.into_iter().map(|i| &self.values[i]).collect();
        }
        match self.settings.weighting {
            Weighting::Direct if self.values.iter().all(|v| v.weight.is_some()) => {
                values.sort_by(by_weight);
            }
            _ => values.sort_by(|a, b| match (a.rank, b.rank) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => by_weight(a, b),
            }),
        }
        values
    }

    /// Whether the values have an order of importance at all (a rank, a weight or complete
    /// pairwise comparisons).
    fn has_order(&self) -> bool {
        self.values
            .iter()
            .any(|v| v.rank.is_some() || v.weight.is_some())
            || (self.settings.weighting == Weighting::Ahp && self.pairwise_weights().is_ok())
    }

    /// The values' priorities from the pairwise comparisons (principal eigenvector), in the
    /// order of `values`.
    fn pairwise_weights(&self) -> Result<Vec<f64>, InvalidField> {
        let rows = self.values_pairwise()?;
        let labels: Vec<&str> = self.values.iter().map(|v| v.id.as_str()).collect();
        let matrix = PairwiseMatrix::from_judgements("values", &rows, &labels)
            .map_err(|e| invalid("values", e.to_string()))?;
        Ok(matrix.principal_eigen().0)
    }

    /// The decision document for the stored options: the person's values are the criteria,
    /// their deal-breakers the musts.
    pub fn decision_document(
        &self,
        method: Option<Method>,
    ) -> Result<DecisionDocument, InvalidField> {
        let method = method.unwrap_or_else(|| self.default_method());
        if self.values.is_empty() {
            return Err(invalid(
                "values",
                "no values yet; add some with `milemarker values set NAME --weight N`",
            ));
        }
        let weights = self.criterion_weights(method)?;
        let criteria = self
            .values
            .iter()
            .zip(weights)
            .map(|(v, weight)| CriterionSpec {
                id: v.id.clone(),
                kind: Kind::Benefit,
                weight,
            })
            .collect();
        let to_scale = |s: f64| {
            if method == Method::Smaa {
                (s - 1.0) / 9.0
            } else {
                s
            }
        };
        let options = self
            .options
            .iter()
            .map(|o| OptionSpec {
                id: o.id.clone(),
                attributes: self.dealbreaker_attributes(o),
                scores: o
                    .scores
                    .iter()
                    .map(|(k, s)| (k.clone(), to_scale(*s)))
                    .collect(),
                scores_horizon: o
                    .scores_horizon
                    .iter()
                    .map(|(k, s)| (k.clone(), to_scale(*s)))
                    .collect(),
                net_income: o.net_income,
                risks: o.risks.clone(),
            })
            .collect();
        let ranking: Vec<String> = match method {
            Method::Smaa => self
                .values_by_importance()
                .iter()
                .map(|v| v.id.clone())
                .collect(),
            _ => Vec::new(),
        };
        let has_order = self.has_order();
        Ok(DecisionDocument {
            method,
            normalization: None,
            criteria,
            criteria_pairwise: match (method, self.settings.weighting) {
                (Method::Ahp, Weighting::Ahp) => Some(self.values_pairwise()?),
                _ => None,
            },
            musts: self
                .dealbreakers
                .iter()
                .map(|d| MustSpec {
                    id: d.id.clone(),
                    attribute: d.attribute.clone(),
                    op: d.op,
                    value: d.value.clone(),
                })
                .collect(),
            options,
            options_pairwise: IndexMap::new(),
            smaa: (method == Method::Smaa).then(|| SmaaSpec {
                criteria_ranking: if has_order { ranking } else { Vec::new() },
                ..SmaaSpec::default()
            }),
            sensitivity: method != Method::Smaa,
            horizon: (self.settings.horizon_weight > 0.0).then_some(HorizonSpec {
                years: self.settings.horizon_years,
                weight: self.settings.horizon_weight,
            }),
            finances: self.finances.as_ref().map(|f| FinancesSpec {
                monthly_expenses: f.monthly_expenses,
                savings: f.savings,
                other_income: f.other_income,
            }),
        })
    }

    /// The option's attributes, with its score for each value a deal-breaker names where no
    /// attribute of that name exists (see [`CareerOption::dealbreaker_fact`]).
    fn dealbreaker_attributes(&self, option: &CareerOption) -> IndexMap<String, AttrValue> {
        let mut attributes = option.attributes.clone();
        for d in &self.dealbreakers {
            if !attributes.contains_key(&d.attribute)
                && let Some(fact) = option.dealbreaker_fact(&d.attribute, &self.values)
            {
                attributes.insert(d.attribute.clone(), fact);
            }
        }
        attributes
    }

    fn criterion_weights(&self, method: Method) -> Result<Vec<Option<f64>>, InvalidField> {
        let weights = match (method, self.settings.weighting) {
            (Method::Smaa, _) | (Method::Ahp, Weighting::Ahp) => {
                return Ok(vec![None; self.values.len()]);
            }
            // Direct weights are WANT weights already (1-10).
            (Method::Kt, Weighting::Direct) => self.weights_in_force()?,
            // Any other weighting is scaled to WANT weights: the largest becomes 10.
            (Method::Kt, _) => kt_want_weights(&self.weights_in_force()?),
            _ => self.weights_in_force()?,
        };
        Ok(weights.into_iter().map(Some).collect())
    }

    /// The weights the weighting mode sets, one per value in the order of `values`:
    /// direct -> as stated; rank -> rank-order centroid weights (x 10); ahp -> the comparisons'
    /// priorities; unsure -> the centre of the weights SMAA explores, the rank-order centroid of
    /// the values' order (equal weights when they have no order).
    pub fn weights_in_force(&self) -> Result<Vec<f64>, InvalidField> {
        match self.settings.weighting {
            Weighting::Direct => self
                .values
                .iter()
                .map(|v| {
                    v.weight.ok_or_else(|| {
                        invalid(
                            format!("values.{}", v.id),
                            format!(
                                "has no weight; give one with `milemarker values set {} --weight N`, \
                                 or rank your values, or say you are unsure (`values weighting unsure`)",
                                v.id
                            ),
                        )
                    })
                })
                .collect(),
            Weighting::Rank => {
                let ranked = self.values_by_importance();
                if let Some(v) = ranked.iter().find(|v| v.rank.is_none()) {
                    return Err(invalid(
                        format!("values.{}", v.id),
                        "has no rank; rank every value with `milemarker values rank A B C ...`",
                    ));
                }
                Ok(self.centroid_of(&ranked))
            }
            Weighting::Ahp => self.pairwise_weights(),
            Weighting::Unsure if self.has_order() => Ok(self.centroid_of(&self.values_by_importance())),
            Weighting::Unsure => Ok(vec![10.0 / self.values.len() as f64; self.values.len()]),
        }
    }

    /// Rank-order centroid weights (x 10) for `ordered`, most important first, in the order of
    /// `values`.
    fn centroid_of(&self, ordered: &[&Value]) -> Vec<f64> {
        let roc = rank_order_centroid(ordered.len());
        self.values
            .iter()
            .map(|v| {
                let position = ordered.iter().position(|r| r.id == v.id).expect("ordered");
                roc[position] * 10.0
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse() {
        let (a, op, v) = DealBreaker::parse_rule("flexibility >= 3").unwrap();
        assert_eq!(
            (a.as_str(), op, v),
            ("flexibility", Op::Ge, AttrValue::Number(3.0))
        );
        let (_, op, v) = DealBreaker::parse_rule("remote == yes").unwrap();
        assert_eq!((op, v), (Op::Eq, AttrValue::Bool(true)));
        let (_, _, v) = DealBreaker::parse_rule("pay>=60_000").unwrap();
        assert_eq!(v, AttrValue::Number(60000.0));
        assert!(DealBreaker::parse_rule("flexible").is_err());
        assert!(DealBreaker::parse_rule(">= 3").is_err());
    }

    #[test]
    fn records_found_by_id_name_or_the_start_of_either() {
        let people = [
            ("marcus-o-neil", "Marcus O'Neil"),
            ("dana-whitfield", "Dana Whitfield"),
            ("dan", "Dan Ruiz"),
        ];
        let find = |given| find_named("contact", given, people.iter().map(|(i, n)| (*i, *n)));
        assert_eq!(find("marcus-o-neil"), Ok(0));
        assert_eq!(find("Marcus O'Neil"), Ok(0));
        assert_eq!(find("marcus o'neil"), Ok(0));
        assert_eq!(find("marc"), Ok(0));
        assert_eq!(find("Dana"), Ok(1));
        // An id given whole beats a longer one it begins.
        assert_eq!(find("dan"), Ok(2));
        assert_eq!(
            find("da"),
            Err("\"da\" could be the contact dana-whitfield, dan; give more of it".into())
        );
        assert_eq!(find("zoe"), Err("no contact \"zoe\"".into()));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Family time"), "family-time");
        assert_eq!(slug("  Work/Life  balance! "), "work-life-balance");
    }

    #[test]
    fn soc_codes() {
        assert!(validate_soc("11-2021.00").is_ok());
        assert!(validate_soc("11-2021").is_ok());
        assert!(validate_soc("112021").is_err());
    }

    #[test]
    fn ranked_values_become_roc_weights() {
        let mut snap = Snapshot::default();
        for (id, rank) in [("trust", 2), ("autonomy", 1), ("pay", 3)] {
            snap.values.push(Value {
                id: id.into(),
                weight: None,
                rank: Some(rank),
                onet_work_value: None,
                note: None,
            });
        }
        snap.settings.weighting = Weighting::Rank;
        let doc = snap.decision_document(None).unwrap();
        assert_eq!(doc.method, Method::Wsm);
        let w: Vec<f64> = doc.criteria.iter().map(|c| c.weight.unwrap()).collect();
        assert!((w[1] - 10.0 * 11.0 / 18.0).abs() < 1e-12, "{w:?}");
        assert!((w[0] - 10.0 * 5.0 / 18.0).abs() < 1e-12);
    }

    #[test]
    fn unsure_maps_scores_to_zero_one_and_ranks_by_weight() {
        let mut snap = Snapshot::default();
        snap.values.push(Value {
            id: "pay".into(),
            weight: Some(3.0),
            rank: None,
            onet_work_value: None,
            note: None,
        });
        snap.values.push(Value {
            id: "trust".into(),
            weight: Some(9.0),
            rank: None,
            onet_work_value: None,
            note: None,
        });
        snap.options.push(CareerOption {
            id: "stay".into(),
            scores: [("pay".to_string(), 10.0), ("trust".to_string(), 1.0)]
                .into_iter()
                .collect(),
            ..CareerOption::default()
        });
        snap.settings.weighting = Weighting::Unsure;
        let doc = snap.decision_document(None).unwrap();
        assert_eq!(doc.options[0].scores["pay"], 1.0);
        assert_eq!(doc.options[0].scores["trust"], 0.0);
        assert_eq!(doc.smaa.unwrap().criteria_ranking, vec!["trust", "pay"]);
    }

    #[test]
    fn pairwise_values_weight_by_eigenvector_and_name_missing_pairs() {
        let mut snap = Snapshot::default();
        for id in ["autonomy", "pay", "trust"] {
            snap.values.push(Value {
                id: id.into(),
                weight: None,
                rank: None,
                onet_work_value: None,
                note: None,
            });
        }
        snap.settings.weighting = Weighting::Ahp;
        let judge = |a: &str, b: &str, value| ValueJudgement {
            a: a.into(),
            b: b.into(),
            value,
        };
        snap.value_judgements = vec![judge("autonomy", "pay", 4.0), judge("trust", "pay", 2.0)];
        let err = snap.decision_document(None).unwrap_err();
        assert!(
            err.message.contains("values compare autonomy trust"),
            "{err}"
        );
        snap.value_judgements.push(judge("autonomy", "trust", 2.0));
        snap.validate().unwrap();
        let doc = snap.decision_document(None).unwrap();
        assert_eq!(doc.method, Method::Ahp);
        assert!(doc.criteria_pairwise.is_some());
        // Consistent judgements: w = (4, 1, 2) / 7.
        let wsm = snap.decision_document(Some(Method::Wsm)).unwrap();
        assert!((wsm.criteria[0].weight.unwrap() - 4.0 / 7.0).abs() < 1e-9);
        // Kepner-Tregoe takes the priorities as WANT weights, the largest as 10.
        let kt = snap.decision_document(Some(Method::Kt)).unwrap();
        let want: Vec<f64> = kt.criteria.iter().map(|c| c.weight.unwrap()).collect();
        assert_eq!(want, vec![10.0, 2.5, 5.0]);
        // The order of importance is the comparisons' order, not the order of entry.
        let order: Vec<&str> = snap
            .values_by_importance()
            .iter()
            .map(|v| v.id.as_str())
            .collect();
        assert_eq!(order, vec!["autonomy", "trust", "pay"]);
        let smaa = snap.decision_document(Some(Method::Smaa)).unwrap();
        assert_eq!(
            smaa.smaa.unwrap().criteria_ranking,
            vec!["autonomy", "trust", "pay"]
        );
    }

    fn values(ids: &[&str]) -> Vec<Value> {
        ids.iter()
            .map(|id| Value {
                id: id.to_string(),
                weight: None,
                rank: None,
                onet_work_value: None,
                note: None,
            })
            .collect()
    }

    #[test]
    fn kepner_tregoe_takes_every_weighting_as_want_weights() {
        let mut snap = Snapshot {
            values: values(&["pay", "autonomy", "craft"]),
            ..Snapshot::default()
        };
        for (v, rank) in snap.values.iter_mut().zip([2, 1, 3]) {
            v.rank = Some(rank);
        }
        snap.settings.weighting = Weighting::Rank;
        let want = |snap: &Snapshot| -> Vec<f64> {
            let doc = snap.decision_document(Some(Method::Kt)).unwrap();
            doc.criteria.iter().map(|c| c.weight.unwrap()).collect()
        };
        // ROC of three ranks: 11/18, 5/18, 2/18 -> 10, 4.5, 1.8.
        assert_eq!(want(&snap), vec![4.5, 10.0, 1.8]);
        // Unsure: the centre of the weights SMAA explores, the same centroid of the ranking.
        snap.settings.weighting = Weighting::Unsure;
        assert_eq!(want(&snap), vec![4.5, 10.0, 1.8]);
        let wsm = snap.decision_document(Some(Method::Wsm)).unwrap();
        assert!((wsm.criteria[1].weight.unwrap() - 10.0 * 11.0 / 18.0).abs() < 1e-12);
        // Unsure without any order: equal weights.
        snap.values = values(&["pay", "autonomy", "craft"]);
        assert_eq!(want(&snap), vec![10.0, 10.0, 10.0]);
        // Direct weights are WANT weights as they stand.
        snap.settings.weighting = Weighting::Direct;
        for (v, w) in snap.values.iter_mut().zip([3.0, 9.0, 6.5]) {
            v.weight = Some(w);
        }
        assert_eq!(want(&snap), vec![3.0, 9.0, 6.5]);
    }

    #[test]
    fn a_ninth_to_six_decimals_is_a_judgement_on_saatys_scale() {
        let mut snap = Snapshot::default();
        for id in ["autonomy", "pay"] {
            snap.values.push(Value {
                id: id.into(),
                weight: None,
                rank: None,
                onet_work_value: None,
                note: None,
            });
        }
        snap.value_judgements = vec![ValueJudgement {
            a: "pay".into(),
            b: "autonomy".into(),
            value: 0.111111,
        }];
        snap.validate().unwrap();
        snap.value_judgements[0].value = 0.1;
        assert!(snap.validate().is_err());
    }

    #[test]
    fn a_dealbreaker_on_a_value_tests_the_score_and_an_attribute_wins() {
        let mut snap = Snapshot {
            values: values(&["autonomy", "pay"]),
            ..Snapshot::default()
        };
        for v in &mut snap.values {
            v.weight = Some(5.0);
        }
        let (attribute, op, value) = DealBreaker::parse_rule("autonomy >= 6").unwrap();
        snap.dealbreakers.push(DealBreaker {
            id: "autonomy".into(),
            attribute,
            op,
            value,
            note: None,
        });
        let option = |id: &str, autonomy: f64| CareerOption {
            id: id.into(),
            scores: [("autonomy".to_string(), autonomy), ("pay".to_string(), 5.0)]
                .into_iter()
                .collect(),
            ..CareerOption::default()
        };
        snap.options = vec![option("stay", 5.0), option("staff", 7.0), option("pm", 3.0)];
        // An attribute of the same name is the more specific fact.
        snap.options[2]
            .attributes
            .insert("autonomy".into(), AttrValue::Number(8.0));
        snap.validate().unwrap();
        let result = crate::decision::decide(&snap.decision_document(None).unwrap()).unwrap();
        let excluded: Vec<&str> = result.excluded.iter().map(|e| e.option.as_str()).collect();
        assert_eq!(excluded, vec!["stay"]);
        assert_eq!(result.excluded[0].reasons[0].actual, AttrValue::Number(5.0));
        assert_eq!(
            snap.options[0].dealbreaker_fact("pay", &snap.values),
            Some(AttrValue::Number(5.0))
        );
        assert_eq!(
            snap.options[0].dealbreaker_fact("hours", &snap.values),
            None
        );
        // The stored option keeps its attributes as entered.
        assert!(snap.options[0].attributes.is_empty());
    }

    #[test]
    fn a_dealbreaker_met_exactly_is_flagged_at_the_line_for_attributes_and_scores() {
        let mut snap = Snapshot {
            values: values(&["autonomy", "pay"]),
            ..Snapshot::default()
        };
        for v in &mut snap.values {
            v.weight = Some(5.0);
        }
        for (id, rule) in [
            ("autonomy", "autonomy >= 6"),
            ("hours", "hours <= 45"),
            ("remote", "remote == yes"),
        ] {
            let (attribute, op, value) = DealBreaker::parse_rule(rule).unwrap();
            snap.dealbreakers.push(DealBreaker {
                id: id.into(),
                attribute,
                op,
                value,
                note: None,
            });
        }
        let option = |id: &str, autonomy: f64, hours: f64| CareerOption {
            id: id.into(),
            scores: [("autonomy".to_string(), autonomy), ("pay".to_string(), 5.0)]
                .into_iter()
                .collect(),
            attributes: [
                ("hours".to_string(), AttrValue::Number(hours)),
                ("remote".to_string(), AttrValue::Bool(true)),
            ]
            .into_iter()
            .collect(),
            ..CareerOption::default()
        };
        snap.options = vec![
            // The autonomy score (a value) and the hours (an attribute) exactly at the line.
            option("narrow", 6.0, 45.0),
            // Just inside both.
            option("roomy", 6.5, 44.0),
            // Below the line: ruled out, not flagged.
            option("stay", 5.0, 45.0),
        ];
        snap.validate().unwrap();
        let result = crate::decision::decide(&snap.decision_document(None).unwrap()).unwrap();
        let flagged: Vec<(&str, &str, String)> = result
            .at_the_line
            .iter()
            .map(|a| (a.option.as_str(), a.must.as_str(), a.actual.to_string()))
            .collect();
        assert_eq!(
            flagged,
            vec![
                ("narrow", "autonomy", "6".into()),
                ("narrow", "hours", "45".into())
            ]
        );
        assert_eq!(
            result.at_the_line[0].phrase(),
            "meets autonomy >= 6 only at the line"
        );
        assert_eq!(result.excluded[0].option, "stay");
        // The remote rule (yes/no) is met by every option and never at the line.
        assert!(result.at_the_line.iter().all(|a| a.must != "remote"));
    }

    #[test]
    fn a_score_for_an_unknown_value_is_refused() {
        let mut snap = Snapshot::default();
        snap.options.push(CareerOption {
            id: "stay".into(),
            scores: [("fame".to_string(), 5.0)].into_iter().collect(),
            ..CareerOption::default()
        });
        let err = snap.validate().unwrap_err();
        assert_eq!(err.field, "options[0].scores.fame");
    }
}
