//! The bundled example person, modelled on seed 000 ("Three things I learned from taking a
//! backwards step in my career"): a marketing and communications lead at a 300-person company,
//! working 50-60 hour weeks, for whom a lack of autonomy, trust and flexibility are deal-breakers,
//! weighing a narrower product-marketing role, a part-time role, and staying.

use indexmap::IndexMap;
use jiff::Span;
use jiff::civil::{Date, date};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};

use crate::career::{
    CareerOption, DealBreaker, DecisionSettings, Finances, OptionKind, Profile, SCHEMA_VERSION,
    Snapshot, Value, Weighting,
};
use crate::decision::document::{AttrValue, Op, RiskKind, RiskSpec};
use crate::evidence::{Achievement, BragSection, Visibility};
use crate::life::{Audit, CheckIn, LifeArea, Season, SeasonKind, Task};
use crate::network::{Contact, Interaction, Labeled, Opportunity, Source, Stage, StageChange};
use crate::skills::{ESCO_SKILL_URI, Level, Skill};
use crate::week::IsoWeek;

fn value(id: &str, weight: f64, onet: Option<&str>, note: &str) -> Value {
    Value {
        id: id.into(),
        weight: Some(weight),
        rank: None,
        onet_work_value: onet.map(Into::into),
        note: Some(note.into()),
    }
}

fn must(id: &str, attribute: &str, op: Op, value: f64, note: &str) -> DealBreaker {
    DealBreaker {
        id: id.into(),
        attribute: attribute.into(),
        op,
        value: AttrValue::Number(value),
        note: Some(note.into()),
    }
}

fn numbers(pairs: &[(&str, f64)]) -> IndexMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn attributes(pairs: &[(&str, f64)]) -> IndexMap<String, AttrValue> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), AttrValue::Number(*v)))
        .collect()
}

fn risk(name: &str, probability: f64, seriousness: f64, kind: RiskKind) -> RiskSpec {
    RiskSpec {
        name: name.into(),
        probability,
        seriousness,
        kind,
    }
}

pub fn person() -> Snapshot {
    Snapshot {
        schema_version: SCHEMA_VERSION,
        profile: Profile {
            name: Some("Alex Morgan".into()),
            occupation: Some("11-2021.00".into()),
            area: None,
            role_start: Some(date(2021, 3, 1)),
            last_promotion: Some(date(2021, 3, 1)),
            promotion_promised: None,
            level: Some("Head of Marketing & Communications".into()),
            pay: Some(118_000.0),
            bonus: Some(8_000.0),
            equity: None,
            currency: "USD".into(),
            boundary_hours: 40.0,
            work_days: 5,
        },
        values: vec![
            value(
                "autonomy",
                10.0,
                Some("Independence"),
                "Run my own work without being second-guessed",
            ),
            value(
                "trust",
                9.0,
                Some("Support"),
                "A manager who trusts my judgement",
            ),
            value(
                "flexibility",
                9.0,
                Some("Working Conditions"),
                "Choose when and where I work",
            ),
            value(
                "family-time",
                8.0,
                None,
                "Evenings and weekends that are mine",
            ),
            value(
                "growth",
                6.0,
                Some("Achievement"),
                "Keep learning; don't get pigeon-holed",
            ),
            value(
                "pay",
                5.0,
                Some("Working Conditions"),
                "Enough to keep the household steady",
            ),
        ],
        dealbreakers: vec![
            must(
                "autonomy",
                "autonomy",
                Op::Ge,
                6.0,
                "Lack of autonomy is a total deal-breaker",
            ),
            must(
                "trust",
                "trust",
                Op::Ge,
                6.0,
                "Lack of trust is a total deal-breaker",
            ),
            must(
                "flexibility",
                "flexibility",
                Op::Ge,
                6.0,
                "Lack of flexibility is a total deal-breaker",
            ),
            must(
                "hours",
                "hours_per_week",
                Op::Le,
                45.0,
                "Never again 50-60 hour weeks",
            ),
            must(
                "runway",
                "runway_months",
                Op::Ge,
                6.0,
                "Six months of savings at the least",
            ),
        ],
        options: vec![
            CareerOption {
                id: "stay".into(),
                name: "Stay as head of marketing & communications".into(),
                kind: OptionKind::Stay,
                attributes: attributes(&[
                    ("hours_per_week", 55.0),
                    ("salary", 126_000.0),
                    ("remote_days", 1.0),
                ]),
                scores: numbers(&[
                    ("autonomy", 7.0),
                    ("trust", 7.0),
                    ("flexibility", 3.0),
                    ("family-time", 2.0),
                    ("growth", 4.0),
                    ("pay", 9.0),
                ]),
                scores_horizon: numbers(&[("growth", 3.0)]),
                net_income: Some(7_600.0),
                risks: vec![
                    risk("burnout", 7.0, 8.0, RiskKind::Fact),
                    risk(
                        "peaked: the ceiling is right here",
                        6.0,
                        5.0,
                        RiskKind::Fact,
                    ),
                ],
                note: Some(
                    "Climbed as high as I can without banging my head on the ceiling".into(),
                ),
            },
            CareerOption {
                id: "product-marketing".into(),
                name: "Product marketing manager (narrower role)".into(),
                kind: OptionKind::StepBack,
                attributes: attributes(&[
                    ("hours_per_week", 42.0),
                    ("salary", 122_000.0),
                    ("remote_days", 3.0),
                ]),
                scores: numbers(&[
                    ("autonomy", 6.0),
                    ("trust", 6.0),
                    ("flexibility", 7.0),
                    ("family-time", 7.0),
                    ("growth", 5.0),
                    ("pay", 8.0),
                ]),
                scores_horizon: numbers(&[("growth", 6.0)]),
                net_income: Some(7_400.0),
                risks: vec![
                    risk("pigeon-holed in a narrow role", 5.0, 6.0, RiskKind::Fear),
                    risk("people see it as a demotion", 6.0, 4.0, RiskKind::Fear),
                ],
                note: Some(
                    "A linear move salary-wise, a demotion for all intents and purposes".into(),
                ),
            },
            CareerOption {
                id: "part-time".into(),
                name: "Part-time communications lead, three days a week".into(),
                kind: OptionKind::PartTime,
                attributes: attributes(&[
                    ("hours_per_week", 24.0),
                    ("salary", 72_000.0),
                    ("remote_days", 3.0),
                ]),
                scores: numbers(&[
                    ("autonomy", 8.0),
                    ("trust", 8.0),
                    ("flexibility", 9.0),
                    ("family-time", 10.0),
                    ("growth", 5.0),
                    ("pay", 4.0),
                ]),
                scores_horizon: numbers(&[("growth", 7.0)]),
                net_income: Some(4_600.0),
                risks: vec![
                    risk(
                        "others will judge me for leaning out",
                        6.0,
                        5.0,
                        RiskKind::Fear,
                    ),
                    risk(
                        "a gap on my resume stalls my career",
                        5.0,
                        6.0,
                        RiskKind::Fear,
                    ),
                    risk(
                        "household income drops by a third",
                        10.0,
                        4.0,
                        RiskKind::Fact,
                    ),
                ],
                note: None,
            },
        ],
        finances: Some(Finances {
            monthly_expenses: 9_500.0,
            savings: 48_000.0,
            other_income: 3_800.0,
        }),
        settings: DecisionSettings {
            weighting: Weighting::Direct,
            horizon_years: 2.0,
            horizon_weight: 0.3,
        },
        ..Snapshot::default()
    }
}

/// The example person with a year of records ending the week before `as_of`: check-ins, wins,
/// contacts, opportunities, energy audits and seasons. Dates are relative to `as_of` so the demo
/// always reads as "now"; the story is the same on any date.
pub fn person_with_history(as_of: Date) -> Snapshot {
    let mut s = person();
    let ago = |days: i64| as_of.saturating_sub(Span::new().days(days));
    let months_ago = |months: i64| as_of.saturating_sub(Span::new().months(months));
    s.profile.role_start = Some(months_ago(56));
    s.profile.last_promotion = Some(months_ago(56));
    // No promotion was ever promised: seed 000's author had climbed "as high as I could without
    // banging my head on the ceiling", so the loyalty trap has nothing to go on.
    s.checkins = checkins(as_of);
    s.achievements = wins(&ago);
    s.contacts = contacts(&ago);
    s.opportunities = opportunities(&ago);
    s.skills = skills(ago(400));
    s.tasks = tasks();
    s.audits = [(100, 0.0), (58, 1.0), (9, 2.0)]
        .iter()
        .map(|&(days, extra)| {
            let mut tasks = tasks();
            // The status deck grew as the exec team asked for more.
            tasks[0].hours_per_week += extra;
            Audit {
                date: ago(days),
                tasks,
            }
        })
        .collect();
    s.seasons = vec![
        season(LifeArea::Family, SeasonKind::Summer, months_ago(30)),
        season(LifeArea::Personal, SeasonKind::Spring, months_ago(8)),
        season(LifeArea::Career, SeasonKind::Fall, months_ago(5)),
        season(LifeArea::Health, SeasonKind::Winter, months_ago(3)),
    ];
    s
}

/// Alex's skills: a marketer's ESCO and O*NET technology skills, and O*NET skills and knowledge. (The ids are checked against the
/// taxonomy by the market crate's tests.)
fn skills(added: Date) -> Vec<Skill> {
    let esco = |uuid: &str| format!("{ESCO_SKILL_URI}{uuid}");
    [
        (
            esco("9c6e951f-aa88-4890-983d-e7a6ee49f5bb"),
            "plan marketing campaign",
            Level::Expert,
        ),
        (
            esco("eda4d727-4374-49af-ace4-118c7c906835"),
            "search engine optimisation",
            Level::Proficient,
        ),
        (
            esco("1605025e-a179-421f-8f35-5b07d182a6b2"),
            "web analytics",
            Level::Proficient,
        ),
        (
            esco("7800332c-a8eb-4792-8d72-50d509616154"),
            "draft press releases",
            Level::Expert,
        ),
        (
            esco("21c5790c-0930-4d74-b3b0-84caf5af12ea"),
            "manage budgets",
            Level::Competent,
        ),
        (
            esco("598de5b0-5b58-4ea7-8058-a4bc4d18c742"),
            "SQL",
            Level::Beginner,
        ),
        (
            "onet:43232110".to_string(),
            "Spreadsheet software",
            Level::Proficient,
        ),
        (
            "onet:2.C.1.d".to_string(),
            "Sales and Marketing",
            Level::Expert,
        ),
        (
            "onet:2.C.9.b".to_string(),
            "Communications and Media",
            Level::Expert,
        ),
        ("onet:2.B.1.c".to_string(), "Persuasion", Level::Proficient),
        ("onet:2.A.1.c".to_string(), "Writing", Level::Expert),
        ("onet:2.A.1.d".to_string(), "Speaking", Level::Proficient),
        (
            "onet:2.A.2.a".to_string(),
            "Critical Thinking",
            Level::Proficient,
        ),
        (
            "onet:2.C.1.a".to_string(),
            "Administration and Management",
            Level::Competent,
        ),
    ]
    .into_iter()
    .map(|(id, label, level)| Skill {
        id,
        label: label.into(),
        level: Some(level),
        added,
        source: None,
    })
    .collect()
}

fn season(area: LifeArea, season: SeasonKind, since: Date) -> Season {
    Season {
        area,
        season,
        since,
    }
}

/// 52 weeks: hours creep from the mid-40s to the mid-50s while energy and satisfaction sink.
fn checkins(as_of: Date) -> Vec<CheckIn> {
    let weeks = IsoWeek::of(as_of).previous().window(52);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(2026);
    weeks
        .iter()
        .enumerate()
        .filter(|(i, _)| !matches!(i, 17 | 33)) // two weeks of holiday, unrecorded
        .map(|(i, &week)| {
            let trend = i as f64 / 51.0;
            let noise = (rng.next_u64() % 7) as f64 - 3.0;
            let hours = (44.0 + 10.0 * trend + noise).round();
            let tired = i as u64 * 3 / 52;
            CheckIn {
                week,
                hours,
                weekend_days: u8::from(hours >= 50.0) + u8::from(hours >= 55.0),
                evenings: ((hours - 40.0) / 3.0).clamp(0.0, 5.0) as u8,
                energy: (4 - tired as u8).max(2) - u8::from(noise > 2.0),
                satisfaction: (4 - tired as u8).max(2),
                note: match i {
                    40 => {
                        Some("Exec team asked for a weekly deck on top of the monthly one".into())
                    }
                    47 => Some("Missed the school play for a launch review".into()),
                    _ => None,
                },
            }
        })
        .collect()
}

/// (days ago, title, impact, visibility, section, skills)
type Win = (
    i64,
    &'static str,
    Option<&'static str>,
    Visibility,
    BragSection,
    &'static [&'static str],
);

fn wins(ago: &dyn Fn(i64) -> Date) -> Vec<Achievement> {
    use BragSection::*;
    use Visibility::*;
    let list: [Win; 12] = [
        (
            350,
            "Relaunched the company website",
            Some("demo requests up 38% in a quarter"),
            Company,
            Projects,
            &["web", "brand strategy"],
        ),
        (
            320,
            "Wrote the brand voice guide",
            Some("adopted by sales and support"),
            Team,
            DesignDocs,
            &["copywriting"],
        ),
        (
            290,
            "Keynote at the regional marketing summit",
            Some("120 attendees, 14 qualified leads"),
            Public,
            Projects,
            &["public speaking"],
        ),
        (
            262,
            "Mentored two junior marketers through their first campaigns",
            None,
            Team,
            Collaboration,
            &["mentoring"],
        ),
        (
            230,
            "Negotiated the agency contract down",
            Some("saved $64,000 a year"),
            Manager,
            NotMyJob,
            &["negotiation"],
        ),
        (
            201,
            "Crisis comms plan for the data incident",
            Some("no customer churn attributed"),
            Skip,
            Projects,
            &["crisis communications"],
        ),
        (
            170,
            "Launched the customer podcast",
            Some("9 episodes, 2,300 listens"),
            Team,
            Projects,
            &["content strategy"],
        ),
        (
            140,
            "Rebuilt the campaign reporting dashboard",
            Some("reporting from 2 days to 2 hours a month"),
            Manager,
            NotMyJob,
            &["analytics"],
        ),
        (
            121,
            "Hiring plan and interview loop for the content lead",
            None,
            Manager,
            Collaboration,
            &["hiring"],
        ),
        (
            96,
            "Q3 launch campaign",
            Some("pipeline up 21% on Q2"),
            Manager,
            Projects,
            &["campaign management"],
        ),
        (
            66,
            "Onboarding guide for new marketers",
            None,
            Team,
            DesignDocs,
            &["documentation"],
        ),
        (
            41,
            "Covered the events budget reforecast for finance",
            Some("closed a $40,000 gap"),
            Manager,
            NotMyJob,
            &["budgeting"],
        ),
    ];
    list.iter()
        .enumerate()
        .map(
            |(i, &(days, title, impact, visibility, section, skills))| Achievement {
                id: i as u32 + 1,
                date: ago(days),
                title: title.into(),
                impact: impact.map(Into::into),
                visibility,
                section,
                skills: skills.iter().map(|s| s.to_string()).collect(),
                link: None,
            },
        )
        .collect()
}

fn contacts(ago: &dyn Fn(i64) -> Date) -> Vec<Contact> {
    let person = |id: &str,
                  name: &str,
                  company: &str,
                  title: &str,
                  how: &str,
                  mentor: bool,
                  cadence: u32,
                  last: i64| Contact {
        id: id.into(),
        name: name.into(),
        company: Some(company.into()),
        title: Some(title.into()),
        how_known: Some(how.into()),
        mentor,
        cadence_days: Some(cadence),
        log: vec![Interaction {
            date: ago(last),
            note: None,
        }],
        emails: vec![Labeled {
            value: format!("{id}@example.com"),
            types: vec!["INTERNET".into()],
            label: None,
        }],
        ..Contact::default()
    };
    vec![
        person(
            "dana-whitfield",
            "Dana Whitfield",
            "Blue Harbor Health",
            "Director of Communications",
            "former manager; wrote my reference",
            true,
            60,
            104,
        ),
        person(
            "priya-raman",
            "Priya Raman",
            "Northwind Traders",
            "VP Marketing",
            "met at LeadDev",
            true,
            90,
            35,
        ),
        person(
            "luis-ortega",
            "Luis Ortega",
            "TalentBridge Recruiting",
            "Senior Recruiter",
            "reached out on LinkedIn",
            false,
            30,
            23,
        ),
        person(
            "sam-okafor",
            "Sam Okafor",
            "Fabrikam",
            "Product Marketing Lead",
            "ran the product launch together",
            false,
            45,
            20,
        ),
        person(
            "mei-chen",
            "Mei Chen",
            "Contoso Labs",
            "Head of Content",
            "former colleague",
            false,
            60,
            140,
        ),
        person(
            "jonas-weber",
            "Jonas Weber",
            "Fabrikam",
            "CMO",
            "customer advisory board",
            false,
            120,
            70,
        ),
    ]
}

fn opportunities(ago: &dyn Fn(i64) -> Date) -> Vec<Opportunity> {
    let change = |stage: Stage, days: i64| StageChange {
        stage,
        date: ago(days),
    };
    vec![
        Opportunity {
            id: 1,
            company: "Contoso Labs".into(),
            role: "Content Director".into(),
            source: Source::Referral,
            contact: Some("mei-chen".into()),
            history: vec![
                change(Stage::New, 150),
                change(Stage::Applied, 146),
                change(Stage::Interviewing, 130),
                change(Stage::Closed, 112),
            ],
            note: Some("Went with an internal candidate".into()),
            link: None,
            option: None,
        },
        Opportunity {
            id: 2,
            company: "Fabrikam".into(),
            role: "Product Marketing Manager".into(),
            source: Source::Network,
            contact: Some("sam-okafor".into()),
            history: vec![
                change(Stage::New, 60),
                change(Stage::Replied, 58),
                change(Stage::Interviewing, 40),
                change(Stage::Offer, 12),
            ],
            note: Some("The narrower role: 42 hours, three days remote".into()),
            link: None,
            option: Some("product-marketing".into()),
        },
        Opportunity {
            id: 3,
            company: "Blue Harbor Health".into(),
            role: "Director of Brand".into(),
            source: Source::Recruiter,
            contact: Some("luis-ortega".into()),
            history: vec![change(Stage::New, 23)],
            note: Some("Luis wrote twice; not answered yet".into()),
            link: None,
            option: None,
        },
        Opportunity {
            id: 4,
            company: "Northwind Traders".into(),
            role: "Senior Brand Manager".into(),
            source: Source::Posting,
            contact: None,
            history: vec![change(Stage::New, 9), change(Stage::Applied, 6)],
            note: None,
            link: Some("https://northwind.example/careers/brand".into()),
            option: None,
        },
    ]
}

fn tasks() -> Vec<Task> {
    let task =
        |id: &str, name: &str, hours: f64, energy: i8, skill_fit: u8, delegable: bool| Task {
            id: id.into(),
            name: name.into(),
            hours_per_week: hours,
            energy,
            skill_fit,
            delegable,
        };
    vec![
        task("exec-deck", "Weekly exec status deck", 6.0, -2, 2, false),
        task(
            "invoices",
            "Agency invoices and PO chasing",
            4.0,
            -1,
            1,
            true,
        ),
        task("strategy", "Campaign strategy", 10.0, 2, 5, false),
        task("press", "Press and analyst relations", 6.0, 1, 4, false),
        task(
            "social-approvals",
            "Approving every social post",
            8.0,
            -2,
            2,
            true,
        ),
        task("one-on-ones", "Team 1:1s", 5.0, 1, 4, false),
        task("reforecasts", "Budget reforecasts", 6.0, -1, 3, false),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::decide;

    #[test]
    fn the_example_is_valid_and_decides_as_the_seed_suggests() {
        let person = person();
        person.validate().unwrap();
        let result = decide(&person.decision_document(None).unwrap()).unwrap();
        // Staying breaks the flexibility and hours deal-breakers.
        assert_eq!(result.excluded.len(), 1);
        assert_eq!(result.excluded[0].option, "stay");
        assert_eq!(result.excluded[0].failed, vec!["flexibility", "hours"]);
        assert_eq!(result.leader().unwrap().option, "part-time");
        // The narrower role she took passes autonomy and trust only at the line (her scores for
        // those values, 6 against >= 6): "I compromised on some of my uncompromisables".
        let at_the_line: Vec<(&str, &str)> = result
            .at_the_line
            .iter()
            .map(|a| (a.option.as_str(), a.must.as_str()))
            .collect();
        assert_eq!(
            at_the_line,
            vec![
                ("product-marketing", "autonomy"),
                ("product-marketing", "trust")
            ]
        );
        // The value deal-breakers test the scores: no attribute repeats them.
        assert!(
            person
                .options
                .iter()
                .all(|o| !o.attributes.contains_key("autonomy"))
        );
        // Part-time looks riskier than product marketing only because of fears.
        let fear = result.fear_check.unwrap();
        assert_eq!(fear.least_risky.as_deref(), Some("product-marketing"));
        assert!(fear.held_back_by_fears);
    }
}
