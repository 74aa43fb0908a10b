//! The records of a working life: who the person is (the profile), their money (finances) and
//! the week's tasks.

use std::collections::HashMap;

use anyhow::bail;
use jiff::civil::Date;
use milemarker_app::profile::ProfileFields;
use milemarker_app::tasks::{NewTask, TaskChange};
use milemarker_app::{finances, profile, tasks};
use milemarker_core::career::{Finances, Snapshot, slug};
use milemarker_core::text::format_number;

use super::{Field, Kind, Row, count};
use crate::forms::Fields;
use crate::pages::start::{profile_values, read_profile};

/// The profile and the finances are one record each: their id in the forms.
const ONLY: &str = "yours";

pub struct ProfileKind;

/// An optional date: empty is none.
fn date(fields: &mut Fields, name: &str) -> Option<Date> {
    fields.optional(name, "a date like 2024-03-01")
}

fn money(fields: &mut Fields, name: &str) -> Option<f64> {
    fields.optional_number(name, 0.0, 100_000_000.0)
}

impl Kind for ProfileKind {
    const SLUG: &'static str = "profile";
    const ONE: &'static str = "your profile";
    const MANY: &'static str = "Who you are";
    const ABOUT: &'static str = "your role, occupation and area (for the wages you are compared with), pay, dates, and the weekly hours you will not work past.";
    const REMOVABLE: bool = false;
    type Input = ProfileFields;

    fn rows(s: &Snapshot) -> Vec<Row> {
        let p = &s.profile;
        let name = p.name.as_deref().unwrap_or("(no name)");
        let level = p.level.as_deref().unwrap_or("no role given");
        vec![Row {
            id: ONLY.into(),
            said: format!("{name}, {level}"),
        }]
    }

    fn fields(_: &Snapshot) -> Vec<Field> {
        let money = "min=\"0\" step=\"any\" inputmode=\"decimal\"";
        vec![
            Field::new("name", milemarker_app::init::NAME, "text")
                .attrs("maxlength=\"200\" autocomplete=\"name\""),
            Field::new("level", "Your role, as you would say it", "text")
                .attrs("maxlength=\"200\""),
            Field::new("occupation", "Your occupation", "text")
                .hint("(a job title or an O*NET-SOC code)"),
            Field::new("area", "Where you work", "text").hint("(a city, a state or national)"),
            Field::new("role_start", "In this role since", "date"),
            Field::new("last_promotion", "Last promoted", "date"),
            Field::new(
                "promotion_promised",
                "A promotion you were told to expect, by",
                "date",
            ),
            Field::new("pay", "Yearly base pay", "number").attrs(money),
            Field::new("bonus", "Yearly bonus", "number").attrs(money),
            Field::new("equity", "Yearly equity", "number").attrs(money),
            Field::new("currency", "Currency", "text")
                .hint("(ISO code, e.g. USD)")
                .attrs("maxlength=\"3\""),
            Field::new("boundary", milemarker_app::init::BOUNDARY, "number")
                .attrs("min=\"1\" max=\"100\" step=\"0.5\""),
            Field::new("work_days", "Working days a week", "number").attrs("min=\"1\" max=\"7\""),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        if id != ONLY {
            return None;
        }
        let p = &s.profile;
        let mut shown = profile_values(s);
        let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let amount = |n: Option<f64>| n.map(format_number).unwrap_or_default();
        shown.extend([
            ("role_start".to_string(), day(p.role_start)),
            ("last_promotion".to_string(), day(p.last_promotion)),
            ("promotion_promised".to_string(), day(p.promotion_promised)),
            ("bonus".to_string(), amount(p.bonus)),
            ("equity".to_string(), amount(p.equity)),
            ("currency".to_string(), p.currency.clone()),
        ]);
        Some(shown)
    }

    fn read(fields: &mut Fields, today: Date) -> Option<ProfileFields> {
        let base = read_profile(fields, today)?;
        let currency = fields.text("currency").to_string();
        let code = currency.len() == 3 && currency.chars().all(|c| c.is_ascii_alphabetic());
        if !currency.is_empty() && !code {
            fields.fail(
                "currency",
                "give a three-letter currency code, like USD or EUR",
            );
        }
        Some(ProfileFields {
            role_start: date(fields, "role_start"),
            last_promotion: date(fields, "last_promotion"),
            promotion_promised: date(fields, "promotion_promised"),
            bonus: money(fields, "bonus"),
            equity: money(fields, "equity"),
            currency: Some(currency).filter(|c| !c.is_empty()),
            ..base
        })
    }

    fn can_add(_: &Snapshot) -> bool {
        false
    }

    fn add(_: &mut Snapshot, _: ProfileFields, _: Date) -> anyhow::Result<()> {
        bail!("there is one profile; change it")
    }

    fn edit(s: &mut Snapshot, _: &str, input: ProfileFields, _: Date) -> anyhow::Result<()> {
        profile::restate(&mut s.profile, input);
        Ok(())
    }

    fn remove(_: &mut Snapshot, _: &str) -> anyhow::Result<()> {
        bail!("the profile cannot be removed; clear its fields instead")
    }
}

pub struct FinancesKind;

impl Kind for FinancesKind {
    const SLUG: &'static str = "finances";
    const ONE: &'static str = "your finances";
    const MANY: &'static str = "Finances";
    const ABOUT: &'static str = "what a month costs, what you have saved and other household income: with each path's net income, how long the money lasts.";
    type Input = Finances;

    fn rows(s: &Snapshot) -> Vec<Row> {
        s.finances
            .iter()
            .map(|f| Row {
                id: ONLY.into(),
                said: format!(
                    "{} a month, {} saved, {} other income a month",
                    format_number(f.monthly_expenses),
                    format_number(f.savings),
                    format_number(f.other_income)
                ),
            })
            .collect()
    }

    fn fields(_: &Snapshot) -> Vec<Field> {
        let money = "min=\"0\" step=\"any\" inputmode=\"decimal\"";
        vec![
            Field::new("monthly_expenses", "What a month costs", "number").attrs(money),
            Field::new("savings", "Savings", "number").attrs(money),
            Field::new("other_income", "Other household income a month", "number")
                .hint("(0 if none)")
                .attrs(money),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let f = s.finances.as_ref().filter(|_| id == ONLY)?;
        Some(HashMap::from([
            (
                "monthly_expenses".to_string(),
                format_number(f.monthly_expenses),
            ),
            ("savings".to_string(), format_number(f.savings)),
            ("other_income".to_string(), format_number(f.other_income)),
        ]))
    }

    fn blank(_: &Snapshot, _: Date) -> HashMap<String, String> {
        HashMap::from([("other_income".to_string(), "0".to_string())])
    }

    fn read(fields: &mut Fields, _: Date) -> Option<Finances> {
        let high = 1_000_000_000.0;
        let monthly_expenses = fields.number("monthly_expenses", None, 0.0, high);
        let savings = fields.number("savings", None, 0.0, high);
        let other_income = fields.number("other_income", Some(0.0), 0.0, high);
        Some(Finances {
            monthly_expenses: monthly_expenses?,
            savings: savings?,
            other_income: other_income?,
        })
    }

    fn can_add(s: &Snapshot) -> bool {
        s.finances.is_none()
    }

    fn add(s: &mut Snapshot, input: Finances, _: Date) -> anyhow::Result<()> {
        if s.finances.is_some() {
            bail!("your finances are recorded already; change them");
        }
        finances::set(s, input);
        Ok(())
    }

    fn edit(s: &mut Snapshot, _: &str, input: Finances, _: Date) -> anyhow::Result<()> {
        finances::set(s, input);
        Ok(())
    }

    fn remove(s: &mut Snapshot, _: &str) -> anyhow::Result<()> {
        finances::clear(s)
    }

    fn goes_with(s: &Snapshot, _: &str) -> Vec<String> {
        let paid = s.options.iter().filter(|o| o.net_income.is_some()).count();
        vec![format!(
            "the runway of {} with a net income (their incomes stay)",
            count(paid, "path", "paths")
        )]
    }
}

pub struct Tasks;

impl Kind for Tasks {
    const SLUG: &'static str = "tasks";
    const ONE: &'static str = "a task";
    const MANY: &'static str = "Tasks";
    const ABOUT: &'static str = "what your week is made of, for the energy audit: hours, whether it drains or energises you, how well it fits your skills.";
    type Input = NewTask;

    fn rows(s: &Snapshot) -> Vec<Row> {
        s.tasks
            .iter()
            .map(|t| Row {
                id: t.id.clone(),
                said: format!(
                    "{} ({} h a week, energy {:+})",
                    t.name,
                    format_number(t.hours_per_week),
                    t.energy
                ),
            })
            .collect()
    }

    fn fields(_: &Snapshot) -> Vec<Field> {
        let energy = [
            ("-2", "drains me a lot (−2)"),
            ("-1", "drains me (−1)"),
            ("0", "neither (0)"),
            ("1", "energises me (+1)"),
            ("2", "energises me a lot (+2)"),
        ];
        let fit = (1..=5).map(|n| (n.to_string(), n.to_string())).collect();
        vec![
            Field::new("name", "The task", "text")
                .hint("(e.g. status meetings)")
                .attrs("maxlength=\"200\""),
            Field::new("hours", "Hours a week", "number")
                .attrs("min=\"0\" max=\"168\" step=\"any\""),
            Field::new("energy", "How it leaves you", "select").choices(
                energy
                    .iter()
                    .map(|(v, s)| (v.to_string(), s.to_string()))
                    .collect(),
            ),
            Field::new("fit", "How well it uses your skills", "select")
                .hint("(1 poorly to 5 your strengths)")
                .choices(fit),
            Field::new("delegable", "Someone else could do it", "checkbox"),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let t = s.tasks.iter().find(|t| t.id == id)?;
        Some(HashMap::from([
            ("name".to_string(), t.name.clone()),
            ("hours".to_string(), format_number(t.hours_per_week)),
            ("energy".to_string(), t.energy.to_string()),
            ("fit".to_string(), t.skill_fit.to_string()),
            (
                "delegable".to_string(),
                if t.delegable { "yes" } else { "" }.to_string(),
            ),
        ]))
    }

    fn blank(_: &Snapshot, _: Date) -> HashMap<String, String> {
        HashMap::from([
            ("energy".to_string(), "0".to_string()),
            ("fit".to_string(), "3".to_string()),
        ])
    }

    fn read(fields: &mut Fields, _: Date) -> Option<NewTask> {
        let name = fields.text("name").to_string();
        if name.is_empty() {
            fields.fail("name", "name the task, e.g. status meetings");
        }
        let hours = fields.number("hours", None, 0.0, 168.0);
        let energy = fields.number("energy", None, -2, 2);
        let fit = fields.number("fit", None, 1, 5);
        Some(NewTask {
            id: slug(&name),
            name: Some(name),
            hours: hours?,
            energy: energy?,
            fit: fit?,
            delegable: fields.text("delegable") == "yes",
        })
    }

    fn add(s: &mut Snapshot, input: NewTask, _: Date) -> anyhow::Result<()> {
        if s.tasks.iter().any(|t| t.id == input.id) {
            bail!(
                "a task \"{}\" exists already; change it in the list",
                input.id
            );
        }
        tasks::add(s, input)
    }

    fn edit(s: &mut Snapshot, id: &str, input: NewTask, _: Date) -> anyhow::Result<()> {
        let change = TaskChange {
            name: input.name,
            hours: Some(input.hours),
            energy: Some(input.energy),
            fit: Some(input.fit),
            delegable: Some(input.delegable),
        };
        tasks::edit(s, id, change)
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        tasks::remove(s, id)
    }

    fn goes_with(s: &Snapshot, _: &str) -> Vec<String> {
        if s.audits.is_empty() {
            Vec::new()
        } else {
            vec!["nothing of the past audits: they keep the task as it was".into()]
        }
    }
}
