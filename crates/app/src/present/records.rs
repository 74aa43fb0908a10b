//! What the commands that list the person's records answer after each change: the options,
//! the week's tasks, the wins.

use milemarker_core::career::{CareerOption, Snapshot};
use milemarker_core::decision::format_number;
use milemarker_core::evidence::Achievement;
use milemarker_core::life::Task;
use milemarker_core::markers::grouped;

use super::{Output, Span};

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

/// "Logged win #3 on 2026-11-02: Shipped the thing (seen by the team)".
pub fn logged(win: &Achievement) -> Output {
    Output::default().with_line(vec![
        Span::new(super::Tone::Good, "Logged"),
        format!(" win #{} on {}: {} ", win.id, win.date, win.title).into(),
        Span::faint(format!("(seen by {})", win.visibility.label())),
    ])
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
