//! The review as one self-contained HTML page: inline CSS and SVG, no scripts, no fonts or images
//! to fetch; readable on a phone, printable.

use std::fmt::Write;

use askama::Template;
use milemarker_core::decision::format_number;
use milemarker_core::markers::Severity;
use milemarker_core::review::Review;

use super::evidence_line;
use crate::ui::{percent, word};

struct MarkerView {
    title: String,
    state: &'static str,
    class: &'static str,
    /// HTML: escaped, with `commands` as code.
    summary: String,
    evidence: Vec<String>,
    missing: Option<String>,
}

struct ActionView {
    action: String,
    why: String,
}

/// Escapes text for HTML and shows `backticked` commands as code.
fn with_code(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    // An even count of parts means the last backtick has no partner: print it as it was.
    let unpaired = parts.len() % 2 == 0;
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        let escaped = part
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        if i % 2 == 0 {
            out.push_str(&escaped);
        } else if unpaired && i == parts.len() - 1 {
            out.push('`');
            out.push_str(&escaped);
        } else {
            out.push_str(&format!("<code>{escaped}</code>"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn code_spans_and_escaping() {
        assert_eq!(
            super::with_code("run `a <b>` now"),
            "run <code>a &lt;b&gt;</code> now"
        );
        assert_eq!(super::with_code("a ` lone"), "a ` lone");
        assert_eq!(
            super::with_code("\"x\" & 'y'"),
            "&quot;x&quot; &amp; &#39;y&#39;"
        );
    }
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage<'a> {
    review: &'a Review,
    actions: Vec<ActionView>,
    who: String,
    fired: usize,
    markers: Vec<MarkerView>,
    hours_summary: String,
    hours_chart: String,
    energy_chart: String,
    audit_line: Option<String>,
    audit_items: Vec<String>,
    seasons: Vec<String>,
    ranking: Vec<String>,
    excluded: Vec<String>,
    robustness: Option<String>,
    network: Vec<String>,
    visibility: String,
}

pub fn render(review: &Review) -> anyhow::Result<String> {
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
        .map(|s| format!("{}: {}, {}", s.task, word(&s.action), s.reason))
        .collect();
    let decision = review.decision.as_ref();
    let page = ReviewPage {
        review,
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
                    "{} in {} for {} weeks: {}",
                    word(&s.area),
                    word(&s.season),
                    s.weeks,
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
            .flat_map(|d| &d.excluded)
            .map(|(o, rules)| format!("{o} is ruled out: it breaks {}", rules.join(", ")))
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
        network: network_lines(review),
        visibility: format!(
            "{} wins in the last {} months; {} reached your manager's manager or beyond.",
            review.visibility.wins, review.visibility.months, review.visibility.reached_leadership
        ),
    };
    Ok(page.render()?)
}

fn marker_view(m: &milemarker_core::markers::Marker) -> MarkerView {
    let (state, class) = match (m.fired, m.severity) {
        (Some(true), Some(Severity::High)) => ("fired, high", "fired high"),
        (Some(true), _) => ("fired", "fired"),
        (Some(false), _) => ("ok", "ok"),
        (None, _) => ("can't tell", "unknown"),
    };
    MarkerView {
        title: m.id.title().into(),
        state,
        class,
        summary: m.summary.clone(),
        evidence: if m.fired == Some(true) {
            m.evidence.iter().map(evidence_line).collect()
        } else {
            Vec::new()
        },
        missing: m.missing.clone(),
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
                c.last_contact
                    .map_or("never contacted".into(), |d| format!("last contact {d}"))
            )
        })
        .collect();
    lines.extend(n.pipeline.iter().map(|o| {
        format!(
            "#{} {} at {}: {} since {}",
            o.id, o.role, o.company, o.stage, o.since
        )
    }));
    lines
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 36.0;
const BOTTOM: f64 = 24.0;

/// Bars of weekly hours with the boundary as a dashed line; weeks over it in the warning colour,
/// weeks not recorded as a thin grey tick.
fn hours_chart(review: &Review) -> String {
    let h = &review.hours;
    let top = h
        .weeks
        .iter()
        .filter_map(|w| w.hours)
        .fold(h.boundary, f64::max)
        .max(1.0)
        * 1.1;
    let plot_h = HEIGHT - BOTTOM - 8.0;
    let y = |v: f64| HEIGHT - BOTTOM - v / top * plot_h;
    let step = (WIDTH - LEFT) / h.weeks.len().max(1) as f64;
    let mut svg = svg_open(
        "Weekly hours against the boundary",
        &format!(
            "Hours worked in each of the last {} weeks; the dashed line is the {} hour boundary.",
            h.weeks.len(),
            format_number(h.boundary)
        ),
    );
    axis(&mut svg, &[0.0, h.boundary, (top / 1.1).round()], y);
    for (i, w) in h.weeks.iter().enumerate() {
        let x = LEFT + i as f64 * step + step * 0.15;
        let width = step * 0.7;
        match w.hours {
            Some(hours) => {
                let class = if hours > h.boundary {
                    "bar over"
                } else {
                    "bar"
                };
                let _ = write!(
                    svg,
                    r#"<rect class="{class}" x="{x:.1}" y="{:.1}" width="{width:.1}" height="{:.1}"><title>{}: {} h</title></rect>"#,
                    y(hours),
                    y(0.0) - y(hours),
                    w.week,
                    format_number(hours)
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r#"<rect class="gap" x="{x:.1}" y="{:.1}" width="{width:.1}" height="2"><title>{}: not recorded</title></rect>"#,
                    y(0.0) - 2.0,
                    w.week
                );
            }
        }
        if i % 4 == 0 {
            let _ = write!(
                svg,
                r#"<text class="tick" x="{x:.1}" y="{:.1}">{}</text>"#,
                HEIGHT - 6.0,
                w.week.to_string().split_once('-').map_or("", |(_, wk)| wk)
            );
        }
    }
    let _ = write!(
        svg,
        r#"<line class="boundary" x1="{LEFT}" x2="{WIDTH}" y1="{b:.1}" y2="{b:.1}"/>"#,
        b = y(h.boundary)
    );
    svg.push_str("</svg>");
    svg
}

/// Energy and satisfaction (1-5) from the check-ins, as two lines.
fn energy_chart(review: &Review) -> String {
    let points = &review.energy;
    let mut svg = svg_open(
        "Energy and satisfaction over time",
        &format!(
            "Energy and satisfaction from {} weekly check-ins, on a scale of 1 to 5.",
            points.len()
        ),
    );
    let plot_h = HEIGHT - BOTTOM - 8.0;
    let y = |v: f64| HEIGHT - BOTTOM - (v - 1.0) / 4.0 * plot_h;
    axis(&mut svg, &[1.0, 3.0, 5.0], y);
    let step = (WIDTH - LEFT - 8.0) / (points.len().max(2) - 1) as f64;
    let x = |i: usize| LEFT + 4.0 + i as f64 * step;
    for (class, pick) in [
        (
            "energy",
            (|p: &milemarker_core::review::EnergyPoint| p.energy) as fn(&_) -> u8,
        ),
        ("satisfaction", |p| p.satisfaction),
    ] {
        let path: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(f64::from(pick(p)))))
            .collect();
        let _ = write!(
            svg,
            r#"<polyline class="{class}" points="{}"/>"#,
            path.join(" ")
        );
    }
    for (i, p) in points.iter().enumerate().step_by(13) {
        let _ = write!(
            svg,
            r#"<text class="tick" x="{:.1}" y="{:.1}">{}</text>"#,
            x(i),
            HEIGHT - 6.0,
            p.week
        );
    }
    svg.push_str("</svg>");
    svg
}

fn svg_open(title: &str, desc: &str) -> String {
    format!(
        r#"<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{title}" preserveAspectRatio="xMidYMid meet"><title>{title}</title><desc>{desc}</desc>"#
    )
}

fn axis(svg: &mut String, ticks: &[f64], y: impl Fn(f64) -> f64) {
    for &t in ticks {
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{LEFT}" x2="{WIDTH}" y1="{v:.1}" y2="{v:.1}"/><text class="tick" x="2" y="{:.1}">{}</text>"#,
            y(t) + 4.0,
            format_number(t),
            v = y(t)
        );
    }
}
