//! What the commands that list the person's records answer after each change: the options,
//! the week's tasks, the wins.

use jiff::civil::Date;
use milemarker_core::career::{CareerOption, OptionKind, Profile, Snapshot};
use milemarker_core::decision::format_number;
use milemarker_core::evidence::Achievement;
use milemarker_core::life::Task;
use milemarker_core::markers::grouped;

use milemarker_market::wages;

use super::{Output, Span};
use crate::lookup::occupation_title;

/// The options, each under its name with its facts, scores, income and risks.
pub fn options(s: &Snapshot) -> Output {
    if s.options.is_empty() {
        return Output::line(
            "No options yet. Add the paths you are weighing: `milemarker option add stay --kind \
             stay --score autonomy=4`.",
        );
    }
    let mut out = Output::default().with_heading("Options");
    for o in &s.options {
        // The name first, then the id to type and the kind: "stay stay Stay on ..." ran the three
        // together.
        let (title, id) = if o.name.is_empty() || o.name == o.id {
            (o.id.as_str(), String::new())
        } else {
            (o.name.as_str(), format!("id {}, ", o.id))
        };
        out = out.with_line(vec![
            "  ".into(),
            Span::strong(title),
            "  ".into(),
            Span::faint(format!("({id}kind {})", o.kind.as_str())),
        ]);
        let rows = option_facts(o);
        if !rows.is_empty() {
            out.parts.push(super::Part::Nested(rows));
        }
    }
    out
}

fn option_facts(o: &CareerOption) -> Vec<Vec<Span>> {
    let mut rows: Vec<Vec<Span>> = Vec::new();
    let mut row = |name: &str, text: String| rows.push(vec![name.into(), text.into()]);
    if !o.attributes.is_empty() {
        let facts: Vec<String> = o
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        row("facts", facts.join(", "));
    }
    if !o.scores.is_empty() {
        let scores: Vec<String> = o
            .scores
            .iter()
            .map(|(k, v)| match o.scores_horizon.get(k) {
                Some(later) => format!("{k} {}->{}", format_number(*v), format_number(*later)),
                None => format!("{k} {}", format_number(*v)),
            })
            .collect();
        row("scores", scores.join(", "));
    }
    if let Some(income) = o.net_income {
        row("net income", format!("{} a month", grouped(income)));
    }
    if !o.risks.is_empty() {
        let risks: Vec<&str> = o.risks.iter().map(|r| r.name.as_str()).collect();
        row("risks", risks.join("; "));
    }
    rows
}

/// The profile, each field named, the occupation and area by their names.
pub fn profile(p: &Profile) -> Output {
    let unset = || Span::faint("not set");
    let text = |v: &Option<String>| v.clone().map_or_else(unset, Span::from);
    let money =
        |v: Option<f64>| v.map_or_else(unset, |v| format!("{} {}", grouped(v), p.currency).into());
    let date = |v: Option<Date>| v.map_or_else(unset, |d| d.to_string().into());
    let occupation = p.occupation.as_deref().map_or_else(unset, |code| {
        occupation_title(code)
            .map_or_else(|| code.to_string(), |title| format!("{title} ({code})"))
            .into()
    });
    let code = p.area.as_deref();
    let area = code
        .map_or_else(|| wages::area("0000000"), wages::area)
        .map_or_else(|| code.unwrap_or("national").to_string(), |a| a.place());
    let boundary = format!("{} hours a week", format_number(p.boundary_hours));
    let rows = [
        ("name", text(&p.name)),
        ("occupation", occupation),
        ("area", area.into()),
        ("level", text(&p.level)),
        ("role start", date(p.role_start)),
        ("last promotion", date(p.last_promotion)),
        ("promotion promised", date(p.promotion_promised)),
        ("pay", money(p.pay)),
        ("bonus", money(p.bonus)),
        ("equity", money(p.equity)),
        ("total pay", money(p.total_pay())),
        ("boundary", boundary.into()),
        ("work days", p.work_days.to_string().into()),
    ];
    let rows = rows
        .into_iter()
        .map(|(name, v)| vec![name.into(), v])
        .collect();
    Output::table("Profile", rows)
}

/// The week's tasks, under their column names.
pub fn tasks(tasks: &[Task]) -> Output {
    if tasks.is_empty() {
        return Output::line(
            "No tasks yet: `milemarker task add status-meetings --hours 6 --energy -1 --fit 2`.",
        );
    }
    let header = [
        "task",
        "hours",
        "energy",
        "fit",
        "someone else could",
        "name",
    ];
    let mut rows = vec![header.map(Span::faint).to_vec()];
    rows.extend(tasks.iter().map(|t| {
        vec![
            t.id.clone().into(),
            format_number(t.hours_per_week).into(),
            format!("{:+}", t.energy).into(),
            format!("{}/5", t.skill_fit).into(),
            if t.delegable { "yes" } else { "no" }.into(),
            t.name.clone().into(),
        ]
    }));
    Output::table("Tasks", rows)
}

/// The wins, with who saw each and its impact.
pub fn wins(wins: &[&Achievement]) -> Output {
    if wins.is_empty() {
        return Output::line("No wins logged yet. `milemarker win \"...\"` takes seconds.");
    }
    let rows = wins
        .iter()
        .map(|w| {
            vec![
                format!("#{}", w.id).into(),
                w.date.to_string().into(),
                w.title.clone().into(),
                Span::faint(w.visibility.label()),
                Span::faint(w.impact.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    Output::table("Wins", rows)
}

/// Win `id` removed.
pub fn win_removed(id: u32) -> Output {
    Output::line(format!("Removed win #{id}."))
}

/// "Logged win #3 on 2026-11-02: Shipped the thing (seen by the team)".
pub fn logged(win: &Achievement) -> Output {
    Output::default().with_line(vec![
        Span::new(super::Tone::Good, "Logged"),
        format!(" win #{} on {}: {} ", win.id, win.date, win.title).into(),
        Span::faint(format!("(seen by {})", win.visibility.label())),
    ])
}

/// The example person of `demo`, met before their review: who they are, what they value, the
/// lines they will not cross, their skills and the paths they weigh.
pub fn introduction(person: &Snapshot) -> Output {
    let p = &person.profile;
    let name = p.name.as_deref().unwrap_or("The example person");
    let role = p.level.as_deref().unwrap_or("in a role");
    let since = p
        .role_start
        .map(|d| format!(", in the role since {d}"))
        .unwrap_or_default();
    let hours = person
        .options
        .iter()
        .find(|o| o.kind == OptionKind::Stay)
        .and_then(|o| o.attributes.get("hours_per_week"))
        .map(|h| {
            format!(
                " Works {h} hours a week against a boundary of {}.",
                format_number(p.boundary_hours)
            )
        })
        .unwrap_or_default();
    // The occupation by its title, as the review says it ("Marketing Managers"), not its code.
    let occupation = p.occupation.as_deref().map_or_else(
        || "no O*NET occupation".to_string(),
        |code| {
            occupation_title(code)
                .map_or_else(|| format!("O*NET {code}"), |t| format!("{t} in O*NET"))
        },
    );
    let values: Vec<String> = person
        .values_by_importance()
        .iter()
        .map(|v| format!("{} {}", v.id, v.weight.map_or(String::new(), format_number)))
        .collect();
    let rules: Vec<String> = person.dealbreakers.iter().map(|d| d.rule()).collect();
    let skills: Vec<&str> = person.skills.iter().map(|k| k.label.as_str()).collect();
    let mut out = Output::default()
        .with_heading(format!("Meet {name}"))
        .with_text(format!("  {role} ({occupation}){since}.{hours}"))
        .with_text(format!(
            "  Values (importance 1-10): {}.",
            values.join(", ")
        ))
        .with_text(format!("  Deal-breakers: {}.", rules.join("; ")))
        .with_text(format!(
            "  Skills: {}; demand for them is counted in 2,400 synthetic job postings.",
            skills.join(", ")
        ))
        .with_text("  Weighing:");
    for o in &person.options {
        // The name first, the id to type after it, as the review ranks them.
        out = out.with_line(vec![
            "    ".into(),
            Span::strong(&o.name),
            " ".into(),
            Span::faint(format!("({})", o.id)),
        ]);
    }
    out
}

/// What the demo ends with: where the example person went (`saved` in the database given), and
/// what to try next.
pub fn demo_end(saved: bool) -> Output {
    Output::default().with_line(vec![Span::faint(if saved {
        "The example person is saved in that database. Try `milemarker review --format html \
         --out review.html --db ...`, or `milemarker decide --db ...` for the decision in full."
    } else {
        "This ran on a temporary database and nothing was kept. Start your own with `milemarker \
         init`."
    })])
}

/// The deal-breakers, each with its id and note.
pub fn dealbreakers(s: &Snapshot) -> Output {
    if s.dealbreakers.is_empty() {
        return Output::line(
            "No deal-breakers yet. Add the lines you will not cross: `milemarker dealbreakers add \
             \"hours_per_week <= 45\"`.",
        );
    }
    let mut rows = vec![["id", "rule", "note"].map(Span::faint).to_vec()];
    rows.extend(s.dealbreakers.iter().map(|d| {
        let cells = [d.id.clone(), d.rule(), d.note.clone().unwrap_or_default()];
        cells.map(Span::from).to_vec()
    }));
    Output::table("Deal-breakers", rows)
}

/// What restoring the export document `name` brought back.
pub fn restored(s: &Snapshot, name: &str) -> Output {
    use milemarker_core::text::count;
    Output::line(format!(
        "imported {}, {} and {} from {name}",
        count(s.values.len() as f64, "value", "values"),
        count(s.dealbreakers.len() as f64, "deal-breaker", "deal-breakers"),
        count(s.options.len() as f64, "option", "options"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_option_without_a_name_of_its_own_is_named_once() {
        let mut s = Snapshot::default();
        s.options.push(CareerOption {
            id: "stay".into(),
            name: "stay".into(),
            net_income: Some(4200.0),
            ..CareerOption::default()
        });
        let said = options(&s).sentences();
        assert_eq!(said[1], "  stay  (kind stay)");
        assert_eq!(said[2], "net income  4,200 a month");
    }
}
