//! The review as a document.

use milemarker_core::decision::format_number;
use milemarker_core::markers::Marker;
use milemarker_core::network::overdue_words;
use milemarker_core::review::{EnergyPoint, Review};
use milemarker_core::text::{count, percent, word};

use super::{Block, Chart, Document, Item, Section, Tone, section};

/// Evidence rows shown under a fired marker; the rest are counted.
const EVIDENCE_SHOWN: usize = 8;

/// The review as a document.
pub fn review_document(r: &Review) -> Document {
    let fired: Vec<&Marker> = r.markers.iter().filter(|m| m.fired == Some(true)).collect();
    let lead = format!(
        "{} of {} mile markers fired{}.",
        fired.len(),
        r.markers.len(),
        if fired.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = fired.iter().map(|m| m.id.title().to_lowercase()).collect();
            format!(": {}", names.join(", "))
        }
    );
    Document {
        title: format!(
            "Review for {}, as of {}",
            r.name.as_deref().unwrap_or("you"),
            r.as_of
        ),
        lead,
        sections: vec![
            actions_section(r),
            markers_section(r),
            hours_section(r),
            energy_section(r),
            seasons_section(r),
            decision_section(r),
            network_section(r),
        ],
    }
}

fn actions_section(r: &Review) -> Section {
    let actions = r
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let item = Item {
                details: vec![a.why.clone()],
                ..Item::text(&a.action)
            };
            (i + 1, item)
        })
        .collect();
    section(
        "actions",
        "Next three actions",
        vec![Block::Numbered(actions)],
    )
}

fn markers_section(r: &Review) -> Section {
    let items = r.markers.iter().map(marker_item).collect();
    section("markers", "Mile markers", vec![Block::Items(items)])
}

/// Every mile marker as of `day`, fired or not.
pub fn markers(day: jiff::civil::Date, markers: &[Marker]) -> super::Output {
    super::Output::default()
        .with_heading(format!("Mile markers as of {day}"))
        .with_items(markers.iter().map(marker_item).collect())
}

/// A marker, its state and summary; a fired one with its evidence.
pub fn marker_item(m: &Marker) -> Item {
    let mut details = Vec::new();
    if m.fired == Some(true) {
        details.extend(m.evidence.iter().take(EVIDENCE_SHOWN).map(|e| e.describe()));
        if m.evidence.len() > EVIDENCE_SHOWN {
            details.push(format!(
                "and {} more rows (`milemarker markers --json`)",
                m.evidence.len() - EVIDENCE_SHOWN
            ));
        }
    }
    if let Some(missing) = &m.missing {
        details.push(format!("Needs {missing}"));
    }
    Item {
        state: Some(m.state_words().to_string()),
        tone: Tone::of(m.state()),
        label: Some(m.id.title().to_string()),
        text: m.summary.clone(),
        details,
    }
}

fn hours_section(r: &Review) -> Section {
    let h = &r.hours;
    let heading = format!(
        "Hours against your {} h boundary",
        format_number(h.boundary)
    );
    let Some(average) = h.average else {
        let line = "No weeks recorded yet: `milemarker checkin` or `milemarker hours import`.";
        return section("hours", heading, vec![Block::Line(line.into())]);
    };
    let summary = format!(
        "Last {} weeks: {} recorded, averaging {} h; {} over the boundary.",
        h.weeks.len(),
        h.weeks_recorded,
        format_number((average * 10.0).round() / 10.0),
        h.weeks_over
    );
    section(
        "hours",
        heading,
        vec![Block::Line(summary), Block::Chart(Chart::Hours)],
    )
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

fn energy_section(r: &Review) -> Section {
    let mut blocks = Vec::new();
    if r.energy.len() < 2 {
        blocks.push(Block::Line("Too few check-ins to show a trend.".into()));
    } else {
        blocks.push(Block::Line(energy_trend(&r.energy)));
        blocks.push(Block::Chart(Chart::Energy));
    }
    match &r.audit {
        None => blocks.push(Block::Line(
            "No audit yet: list your tasks with `milemarker task add`, then `milemarker audit`."
                .into(),
        )),
        Some(a) => {
            let trend: Vec<String> = a
                .trend
                .iter()
                .map(|(d, share)| format!("{d} {}", percent(*share)))
                .collect();
            blocks.push(Block::Line(format!(
                "{} of {} task hours drain you ({}) in the audit of {}. Across audits: {}.",
                format_number(a.latest.draining_hours),
                format_number(a.latest.total_hours),
                a.latest.drain_share.map_or("-".into(), percent),
                a.latest.date,
                trend.join(", ")
            )));
            let items = a
                .latest
                .suggestions
                .iter()
                .map(|s| Item::text(format!("{}: {}, {}", s.name, word(&s.action), s.reason)))
                .collect();
            blocks.push(Block::Items(items));
        }
    }
    section("energy", "Energy and satisfaction", blocks)
}

/// The first quarter of the check-ins against the last, on the 1-5 scales.
fn energy_trend(energy: &[EnergyPoint]) -> String {
    let quarter = (energy.len() / 4).max(1);
    let (first, last) = (&energy[..quarter], &energy[energy.len() - quarter..]);
    let show = |pick: fn(&EnergyPoint) -> u8| {
        let a = mean(first.iter().map(|p| f64::from(pick(p)))).unwrap_or(0.0);
        let b = mean(last.iter().map(|p| f64::from(pick(p)))).unwrap_or(0.0);
        format!("{a:.1} -> {b:.1}")
    };
    let compared = if quarter == 1 {
        "first week against the last".to_string()
    } else {
        format!("first {quarter} against last {quarter} weeks")
    };
    format!(
        "Over {} ({compared}, 1-5): energy {}, satisfaction {}.",
        count(energy.len() as f64, "check-in", "check-ins"),
        show(|p| p.energy),
        show(|p| p.satisfaction)
    )
}

fn seasons_section(r: &Review) -> Section {
    if r.seasons.is_empty() {
        let line = "No seasons yet: `milemarker season set career winter`.";
        return section("seasons", "Seasons", vec![Block::Line(line.into())]);
    }
    let items = r
        .seasons
        .iter()
        .map(|s| {
            Item::text(format!(
                "{} in {} {}: {}",
                word(&s.area),
                word(&s.season),
                s.lasted(r.as_of),
                s.meaning
            ))
        })
        .collect();
    section("seasons", "Seasons", vec![Block::Items(items)])
}

fn decision_section(r: &Review) -> Section {
    let heading = "Your decision";
    let Some(d) = &r.decision else {
        if r.decision_lacks.is_empty() {
            let line = "The decision cannot be made yet: `milemarker decide --check` says why.";
            return section("decision", heading, vec![Block::Line(line.into())]);
        }
        let lacks = r
            .decision_lacks
            .iter()
            .map(|lack| Item::text(format!("{}: `{}`", lack.what, lack.fill)))
            .collect();
        return section(
            "decision",
            heading,
            vec![
                Block::Line("The decision cannot be made yet. It lacks:".into()),
                Block::Items(lacks),
            ],
        );
    };
    let ranking = d
        .ranking
        .iter()
        .map(|o| {
            let score = format_number((o.score * 1000.0).round() / 1000.0);
            (o.rank, Item::text(format!("{}: score {score}", o.name)))
        })
        .collect();
    let mut blocks = vec![Block::Numbered(ranking)];
    let mut limits: Vec<Item> = d
        .excluded
        .iter()
        .map(|(option, rules)| {
            Item::text(format!(
                "{} is ruled out: it breaks {}",
                d.name_of(option),
                rules.join(", ")
            ))
        })
        .collect();
    limits.extend(d.at_the_line.iter().map(|(option, rules)| {
        Item::text(format!(
            "{} meets {} only at the line",
            d.name_of(option),
            rules.join(" and ")
        ))
    }));
    if !limits.is_empty() {
        blocks.push(Block::Items(limits));
    }
    if let (Some(share), Some(leader)) = (d.leader_acceptability, d.ranking.first()) {
        blocks.push(Block::Line(format!(
            "{} comes first in {} of the weightings that keep the order of your values.",
            leader.name,
            percent(share)
        )));
    }
    section("decision", heading, blocks)
}

fn network_section(r: &Review) -> Section {
    let n = &r.network;
    let mut blocks = Vec::new();
    if n.losing_touch.is_empty() {
        blocks.push(Block::Line(
            "Nobody is past their stay-in-touch cadence.".into(),
        ));
    }
    let mut items: Vec<Item> = n
        .losing_touch
        .iter()
        .map(|c| {
            Item::text(format!(
                "Losing touch with {}{}: {}",
                c.name,
                if c.mentor { " (mentor)" } else { "" },
                c.last_contact.map_or("never contacted".into(), |d| format!(
                    "last contact {d}, {}",
                    overdue_words(c.overdue_days)
                ))
            ))
        })
        .collect();
    items.extend(n.pipeline.iter().map(|o| {
        Item::text(format!(
            "#{} {} at {}: {} since {}{}",
            o.id,
            o.role,
            o.company,
            o.stage,
            o.since,
            o.decide_by
                .map_or(String::new(), |d| format!(", decide by {d}"))
        ))
    }));
    if !items.is_empty() {
        blocks.push(Block::Items(items));
    }
    blocks.push(Block::Line(r.visibility.sentence()));
    section("network", "Network and pipeline", blocks)
}

/// The last eight weeks as bars, for the faces that draw with characters: "2026-W43   61 h
/// ██████████████████████▒▒▒▒▒▒▒▒ over". Solid up to the boundary, shaded past it.
pub fn hours_bars(r: &Review) -> Vec<(String, String, bool)> {
    let h = &r.hours;
    h.weeks
        .iter()
        .rev()
        .take(8)
        .rev()
        .map(|w| {
            let Some(hours) = w.hours else {
                return (format!("{}  not recorded", w.week), String::new(), false);
            };
            let within = hours.min(h.boundary);
            let bar = format!(
                "{}{}",
                "█".repeat((within / 2.0).round() as usize),
                "▒".repeat(((hours - within) / 2.0).round() as usize)
            );
            (
                format!("{}  {:>3} h", w.week, format_number(hours)),
                bar,
                hours > h.boundary,
            )
        })
        .collect()
}
