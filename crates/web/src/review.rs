//! The review as one self-contained HTML page (`milemarker review --format html`): inline CSS and SVG, no scripts, no fonts or images
//! to fetch; readable on a phone, printable.

use askama::Template;
use milemarker_core::decision::format_number;
use milemarker_core::markers::{Evidence, MarkerState};
use milemarker_core::network::overdue_words;
use milemarker_core::review::Review;

use milemarker_core::text::{percent, word};

use crate::charts::{energy_chart, hours_chart};
use crate::html::with_code;

pub(crate) struct MarkerView {
    pub title: String,
    pub state: &'static str,
    pub class: &'static str,
    /// HTML: escaped, with `commands` as code.
    pub summary: String,
    pub evidence: Vec<String>,
    pub missing: Option<String>,
}

pub(crate) struct ActionView {
    pub action: String,
    pub why: String,
}

/// The review in displayable pieces: the standalone page and the dashboard both show them.
pub(crate) struct Views {
    pub actions: Vec<ActionView>,
    pub who: String,
    pub fired: usize,
    pub markers: Vec<MarkerView>,
    pub hours_summary: String,
    pub hours_chart: String,
    pub energy_chart: String,
    pub audit_line: Option<String>,
    pub audit_items: Vec<String>,
    pub seasons: Vec<String>,
    pub ranking: Vec<String>,
    pub excluded: Vec<String>,
    pub robustness: Option<String>,
    /// When the decision cannot be made: what it lacks, HTML with the commands as code.
    pub lacks: Vec<String>,
    /// The decision cannot be made, and nothing is missing: something else stands in its way.
    pub undecidable: bool,
    pub network: Vec<String>,
    pub visibility: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage<'a> {
    review: &'a Review,
    v: Views,
}

/// The review as one self-contained page.
pub fn render(review: &Review) -> anyhow::Result<String> {
    Ok(ReviewPage {
        review,
        v: views(review),
    }
    .render()?)
}

pub(crate) fn views(review: &Review) -> Views {
    let markers: Vec<MarkerView> = review.markers.iter().map(marker_view).collect();
    let h = &review.hours;
    let hours_summary = match h.average {
        Some(avg) => format!(
            "Last {} weeks: {} recorded, averaging {} h; {} over your {} h boundary.",
            h.weeks.len(),
            h.weeks_recorded,
            format_number((avg * 10.0).round() / 10.0),
            h.weeks_over,
            format_number(h.boundary)
        ),
        None => "No weeks recorded yet.".into(),
    };
    let audit_line = review.audit.as_ref().map(|a| {
        format!(
            "{} of {} task hours drain you ({}) in the audit of {}.",
            format_number(a.latest.draining_hours),
            format_number(a.latest.total_hours),
            a.latest.drain_share.map_or("-".into(), percent),
            a.latest.date
        )
    });
    let audit_items = review
        .audit
        .iter()
        .flat_map(|a| &a.latest.suggestions)
        .map(|s| format!("{}: {}, {}", s.name, word(&s.action), s.reason))
        .collect();
    let decision = review.decision.as_ref();
    Views {
        actions: review
            .actions
            .iter()
            .map(|a| ActionView {
                action: with_code(&a.action),
                why: with_code(&a.why),
            })
            .collect(),
        who: review.name.clone().unwrap_or_else(|| "you".into()),
        fired: review
            .markers
            .iter()
            .filter(|m| m.fired == Some(true))
            .count(),
        markers,
        hours_summary,
        hours_chart: hours_chart(review),
        energy_chart: energy_chart(review),
        audit_line,
        audit_items,
        seasons: review
            .seasons
            .iter()
            .map(|s| {
                format!(
                    "{} in {} {}: {}",
                    word(&s.area),
                    word(&s.season),
                    s.lasted(review.as_of),
                    s.meaning
                )
            })
            .collect(),
        ranking: decision
            .iter()
            .flat_map(|d| &d.ranking)
            .map(|o| {
                format!(
                    "{}. {} (score {})",
                    o.rank,
                    o.name,
                    format_number((o.score * 1000.0).round() / 1000.0)
                )
            })
            .collect(),
        excluded: decision
            .iter()
            .flat_map(|d| {
                d.excluded
                    .iter()
                    .map(move |(o, rules)| (d.name_of(o), rules))
            })
            .map(|(o, rules)| format!("{o} is ruled out: it breaks {}", rules.join(", ")))
            .chain(
                decision
                    .iter()
                    .flat_map(|d| {
                        d.at_the_line
                            .iter()
                            .map(move |(o, rules)| (d.name_of(o), rules))
                    })
                    .map(|(o, rules)| {
                        format!("{o} meets {} only at the line", rules.join(" and "))
                    }),
            )
            .collect(),
        robustness: decision.and_then(|d| {
            let leader = d.ranking.first()?;
            let share = d.leader_acceptability?;
            Some(format!(
                "{} comes first in {} of the weightings that keep the order of your values.",
                leader.name,
                percent(share)
            ))
        }),
        lacks: review
            .decision_lacks
            .iter()
            .map(|l| with_code(&format!("{}: `{}`", l.what, l.fill)))
            .collect(),
        undecidable: review.decision.is_none() && review.decision_lacks.is_empty(),
        network: network_lines(review),
        visibility: review.visibility.sentence(),
    }
}

pub(crate) fn marker_view(m: &milemarker_core::markers::Marker) -> MarkerView {
    let class = match m.state() {
        MarkerState::FiredHigh => "fired high",
        MarkerState::Fired | MarkerState::FiredLow => "fired",
        MarkerState::Ok => "ok",
        MarkerState::CantTell => "unknown",
    };
    let state = m.state_words();
    MarkerView {
        title: m.id.title().into(),
        state,
        class,
        summary: with_code(&m.summary),
        evidence: if m.fired == Some(true) {
            m.evidence.iter().map(Evidence::describe).collect()
        } else {
            Vec::new()
        },
        missing: m.missing.as_deref().map(with_code),
    }
}

fn network_lines(review: &Review) -> Vec<String> {
    let n = &review.network;
    let mut lines: Vec<String> = n
        .losing_touch
        .iter()
        .map(|c| {
            format!(
                "Losing touch with {}{}: {}",
                c.name,
                if c.mentor { " (mentor)" } else { "" },
                c.last_contact.map_or("never contacted".into(), |d| format!(
                    "last contact {d}, {}",
                    overdue_words(c.overdue_days)
                ))
            )
        })
        .collect();
    lines.extend(n.pipeline.iter().map(|o| {
        format!(
            "#{} {} at {}: {} since {}{}",
            o.id,
            o.role,
            o.company,
            o.stage,
            o.since,
            o.decide_by
                .map_or(String::new(), |d| format!(", decide by {d}"))
        )
    }));
    lines
}
