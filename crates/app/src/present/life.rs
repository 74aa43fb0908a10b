//! What the life commands answer: seasons, hours against the boundary, the week's check-in,
//! the energy audit, finances and the risks of each path.

use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::decision::format_number;
use milemarker_core::life::{AuditReport, CheckIn, Creep, Season, season_meaning};
use milemarker_core::markers::grouped;
use milemarker_core::review::lasted;
use milemarker_core::text::{count, percent, word};

use super::{Output, Span, Tone};
use crate::finances::runways;
use crate::hours::Weeks;

/// The seasons in force on `as_of`, with how long each has lasted and what it means.
pub fn seasons(current: &[&Season], as_of: Date) -> Output {
    if current.is_empty() {
        return Output::line("No seasons yet: `milemarker season set career winter`.");
    }
    let rows = current
        .iter()
        .map(|c| {
            vec![
                word(&c.area).into(),
                word(&c.season).into(),
                lasted(c.since, as_of).into(),
                Span::faint(season_meaning(c.area, c.season)),
            ]
        })
        .collect();
    Output::table("Seasons", rows)
}

/// `season --json`: each season in force with the days it has lasted.
pub fn seasons_json(current: &[&Season], as_of: Date) -> Vec<serde_json::Value> {
    current
        .iter()
        .map(|c| {
            serde_json::json!({
                "area": c.area,
                "season": c.season,
                "since": c.since,
                "days": (as_of - c.since).get_days(),
            })
        })
        .collect()
}

/// Every season set, oldest first.
pub fn season_history(s: &Snapshot) -> Output {
    let rows = s
        .seasons
        .iter()
        .map(|e| {
            let cells = [e.since.to_string(), word(&e.area), word(&e.season)];
            cells.map(Span::from).to_vec()
        })
        .collect();
    Output::table("Season history", rows)
}

/// The weeks' hours as bars of two hours a block (the blocks past the boundary set apart and
/// red), then whether overwork creeps.
pub fn hours(view: &Weeks) -> Output {
    let (weeks, boundary) = (&view.weeks, view.boundary);
    if weeks.is_empty() {
        return Output::line(
            "No hours yet: `milemarker checkin --hours 45 --energy 3 --satisfaction 3`, or \
             `milemarker hours import`.",
        );
    }
    let scale = 2.0; // hours per block
    let rows = weeks
        .iter()
        .map(|w| {
            let blocks = (w.hours / scale).round() as usize;
            let inside = blocks.min((boundary / scale).round() as usize);
            let extra = match (w.weekend_days, w.evenings) {
                (0, 0) => String::new(),
                (d, e) => format!(
                    "{}, {}",
                    count(d, "weekend day", "weekend days"),
                    count(e, "evening", "evenings")
                ),
            };
            let hours = format_number((w.hours * 10.0).round() / 10.0);
            vec![
                w.week.to_string().into(),
                format!("{hours:>5}").into(),
                "#".repeat(inside).into(),
                Span::new(Tone::Bad, "#".repeat(blocks - inside)).glued(),
                Span::faint(extra),
                Span::faint(w.sources.join("+")),
            ]
        })
        .collect();
    let title = format!(
        "Hours against your {}-hour boundary",
        format_number(boundary)
    );
    Output::table(title, rows)
        .with_text("")
        .then(creep(&view.overwork_creep))
}

fn creep(creep: &Creep) -> Output {
    let span = format!(
        "{} to {}",
        creep.window[0],
        creep.window[creep.window.len() - 1]
    );
    let weeks = creep.window.len();
    // "all of the last 4", not "4 of the last 4"; "none of", not "0 of".
    let how_many = match creep.over.len() {
        0 => "none".to_string(),
        n if n == weeks => "all".to_string(),
        n => n.to_string(),
    };
    let went = format!(" {how_many} of the last {weeks} complete weeks ({span}) went over");
    match creep.fired {
        Some(true) => {
            let over: Vec<String> = creep
                .over
                .iter()
                .map(|(w, h)| format!("{w} ({} h)", format_number(*h)))
                .collect();
            let alert = Span {
                strong: true,
                ..Span::new(Tone::Bad, "Overwork creep:")
            };
            Output::default()
                .with_line(vec![alert, format!("{went}: {}.", over.join(", ")).into()])
                .with_text(
                    "  If you need the words: \"I can't. I'm overextended. What would you like \
                     me to de-prioritize?\"",
                )
        }
        Some(false) => Output::said(Tone::Good, "No overwork creep:", format!("{went}.")),
        None => Output::line(format!(
            "Overwork creep: not enough weeks recorded to tell ({} of the {weeks} weeks {span}).",
            creep.weeks_with_data
        )),
    }
}

/// What importing a time tracker's intervals from `name` did; days split at midnight in `tz`.
pub fn intervals_imported(added: &crate::hours::Added, name: &str, tz: &str) -> Output {
    let crate::hours::Added { added, known } = added;
    Output::line(format!(
        "Imported {added} interval{} from {name} ({known} already known); days split at \
         midnight in {tz}.",
        if *added == 1 { "" } else { "s" },
    ))
}

/// What a check-in recorded, against the boundary.
pub fn checked_in(c: &CheckIn, boundary: f64, replaced: bool) -> Output {
    let verb = if replaced { "Updated" } else { "Recorded" };
    let against = if c.hours > boundary {
        format!(
            "{} over your {}-hour boundary",
            count(c.hours - boundary, "hour", "hours"),
            format_number(boundary)
        )
    } else {
        format!("within your {}-hour boundary", format_number(boundary))
    };
    Output::line(format!(
        "{verb} {}: {}, {against}; {}, {}; energy {}/5, satisfaction {}/5.",
        c.week,
        count(c.hours, "hour", "hours"),
        count(c.weekend_days, "weekend day", "weekend days"),
        count(c.evenings, "evening", "evenings"),
        c.energy,
        c.satisfaction
    ))
}

/// The energy audit of `report`'s day, and how the share that drains has moved over `all`.
pub fn audit(report: &AuditReport, all: &[AuditReport]) -> Output {
    let share = report.drain_share.map_or("-".into(), percent);
    let mut out = Output::default()
        .with_heading(format!("Energy audit, {}", report.date))
        .with_text(format!(
            "  {} of {} a week drain you ({share}).",
            format_number(report.draining_hours),
            count(report.total_hours, "hour", "hours")
        ));
    for s in &report.suggestions {
        let action = serde_json::to_value(s.action)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        // The same "action, reason" the review writes.
        out = out.with_line(vec![
            format!("  {}: ", s.name).into(),
            Span::strong(action),
            format!(", {}", s.reason).into(),
        ]);
    }
    if all.len() < 2 {
        return out;
    }
    let points: Vec<String> = all
        .iter()
        .map(|r| format!("{} {}", r.date, r.drain_share.map_or("-".into(), percent)))
        .collect();
    let (first, last) = (all[0].drain_share, all[all.len() - 1].drain_share);
    let direction = match (first, last) {
        (Some(a), Some(b)) if b < a => {
            "less of your week drains you than at first: more that you enjoy, less that you dread."
        }
        (Some(a), Some(b)) if b > a => "more of your week drains you than at first.",
        _ => "about the same share drains you as at first.",
    };
    out.with_heading("Over time")
        .with_line(vec!["  ".into(), Span::faint(points.join(" -> "))])
        .with_text(format!("  {direction}"))
}

/// `audit --json`: the day's audit and the trend of every audit.
pub fn audit_json(report: &AuditReport, all: &[AuditReport]) -> serde_json::Value {
    let trend: Vec<serde_json::Value> = all
        .iter()
        .map(|r| {
            serde_json::json!({
                "date": r.date,
                "drain_share": r.drain_share,
                "draining_hours": r.draining_hours,
            })
        })
        .collect();
    serde_json::json!({"audit": report, "trend": trend})
}

/// The finances and each path's runway, the path by the name the person gave it.
pub fn finances(s: &Snapshot) -> Output {
    let Some(f) = &s.finances else {
        return Output::line(
            "No finances yet: `milemarker finances set --expenses 4000 --savings 24000 \
             --other-income 1000`.",
        );
    };
    let row = |name: &str, text: String| vec![Span::from(name), Span::from(text)];
    let mut rows = vec![
        row("monthly expenses", grouped(f.monthly_expenses)),
        row("savings", grouped(f.savings)),
        row(
            "other income",
            format!("{} a month", grouped(f.other_income)),
        ),
    ];
    for (id, months) in runways(s) {
        let text = months.map_or("income covers expenses".into(), |m| {
            format!("{} months", format_number((m * 10.0).round() / 10.0))
        });
        // The path by the name the person gave it, as `decide` says it.
        let name = s
            .options
            .iter()
            .find(|o| o.id == id && !o.name.is_empty())
            .map_or(id.as_str(), |o| o.name.as_str());
        rows.push(row(&format!("runway: {name}"), text));
    }
    Output::table("Finances", rows)
}

/// `finances --json`: the finances and each path's runway in months.
pub fn finances_json(s: &Snapshot) -> serde_json::Value {
    let runway: serde_json::Map<String, serde_json::Value> = runways(s)
        .into_iter()
        .map(|(id, m)| (id, serde_json::json!(m)))
        .collect();
    serde_json::json!({"finances": s.finances, "runway_months": runway})
}

/// Each path's risks, fears and facts, with probability times seriousness.
pub fn risks(s: &Snapshot) -> Output {
    if s.options.iter().all(|o| o.risks.is_empty()) {
        return Output::line(
            "No risks yet. Name what you fear: `milemarker risk add part-time \"others will judge \
             me\" -p 6 -s 5`.",
        );
    }
    let header = ["option", "risk", "kind", "probability x seriousness"];
    let mut rows = vec![header.map(Span::faint).to_vec()];
    for o in &s.options {
        if o.risks.is_empty() {
            rows.push(vec![o.id.clone().into(), Span::faint("risks not recorded")]);
        }
        for r in &o.risks {
            let product = format!(
                "{} x {} = {}",
                format_number(r.probability),
                format_number(r.seriousness),
                format_number(r.probability * r.seriousness)
            );
            let cells = [
                o.id.clone(),
                r.name.clone(),
                r.kind.as_str().into(),
                product,
            ];
            rows.push(cells.map(Span::from).to_vec());
        }
    }
    Output::table("Risks (a fear is to test; a fact is to plan for)", rows)
}

/// `risk --json`: each option's risks by its id.
pub fn risks_json(
    s: &Snapshot,
) -> indexmap::IndexMap<&str, &Vec<milemarker_core::decision::document::RiskSpec>> {
    s.options
        .iter()
        .map(|o| (o.id.as_str(), &o.risks))
        .collect()
}

/// The settings in effect as the TOML a settings file holds, under where they come from.
pub fn settings(settings: &crate::settings::Settings) -> anyhow::Result<Output> {
    let path = settings.path.display();
    let source = if settings.file_exists {
        format!("# Settings from {path}; keys not in the file are defaults.")
    } else {
        format!(
            "# No settings file at {path}: these are the defaults.\n# Copy this into that file \
             and change what you need."
        )
    };
    let body = toml::to_string(&serde_json::json!({ "markers": settings.thresholds }))?;
    let body = body.strip_suffix('\n').unwrap_or(&body).to_string();
    Ok(Output::default()
        .with_heading("Settings")
        .with_line(vec![Span::faint(source)])
        .with_text(body))
}

/// `config --json`: where the settings come from and the marker thresholds in effect.
pub fn settings_json(settings: &crate::settings::Settings) -> serde_json::Value {
    serde_json::json!({
        "path": settings.path,
        "file_exists": settings.file_exists,
        "markers": settings.thresholds,
    })
}

#[cfg(test)]
mod tests {
    use milemarker_core::week::IsoWeek;

    use super::*;

    fn creep_of(fired: Option<bool>, over: usize) -> Creep {
        let window: Vec<IsoWeek> = (40..44).map(|w| IsoWeek::new(2026, w).unwrap()).collect();
        Creep {
            fired,
            boundary: 40.0,
            over: window.iter().take(over).map(|w| (*w, 50.0)).collect(),
            window,
            weeks_with_data: 4,
            threshold: 3,
        }
    }

    #[test]
    fn creep_says_all_and_none_rather_than_counting_to_the_window() {
        let said = |fired, over| creep(&creep_of(fired, over)).sentences()[0].clone();
        assert!(said(Some(true), 4).starts_with("Overwork creep: all of the last 4"));
        assert!(said(Some(false), 0).starts_with("No overwork creep: none of the last 4"));
        assert!(said(Some(true), 3).contains(" 3 of the last 4 complete weeks"));
        assert!(said(None, 0).contains("not enough weeks recorded to tell (4 of the 4 weeks"));
    }

    #[test]
    fn a_check_in_is_said_against_the_boundary() {
        let c = CheckIn {
            week: IsoWeek::new(2026, 44).unwrap(),
            hours: 45.0,
            weekend_days: 1,
            evenings: 2,
            energy: 3,
            satisfaction: 4,
            note: None,
        };
        let said = checked_in(&c, 40.0, false).sentences()[0].clone();
        assert_eq!(
            said,
            "Recorded 2026-W44: 45 hours, 5 hours over your 40-hour boundary; 1 weekend day, 2 \
             evenings; energy 3/5, satisfaction 4/5."
        );
    }
}
