//! Charts as inline SVG, drawn on the server: no scripts, styled by the page's CSS so they follow
//! the light or dark scheme.

use std::fmt::Write;

use milemarker_core::decision::format_number;
use milemarker_core::review::Review;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 36.0;
const BOTTOM: f64 = 24.0;

/// Bars of weekly hours with the boundary as a dashed line; weeks over it in the warning colour,
/// weeks not recorded as a thin grey tick.
pub fn hours_chart(review: &Review) -> String {
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
pub fn energy_chart(review: &Review) -> String {
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

/// SMAA-2 rank acceptability: one stacked bar per option, the share of weightings that put it
/// first, second, third and lower, left to right.
pub fn acceptability_chart(rows: &[(String, Vec<f64>)]) -> String {
    let row_h = 34.0;
    let label_w = 230.0;
    let height = row_h * rows.len() as f64 + 28.0;
    let mut svg = format!(
        r#"<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-label="Rank acceptability" preserveAspectRatio="xMidYMid meet"><title>Rank acceptability</title><desc>For each option, the share of weightings that rank it first, second, third or lower.</desc>"#
    );
    let plot_w = WIDTH - label_w - 8.0;
    for (i, (name, shares)) in rows.iter().enumerate() {
        let y = 8.0 + i as f64 * row_h;
        // Long names are cut to fit; the bar's tooltip has the whole name.
        let short: String = if name.chars().count() > 30 {
            name.chars().take(29).chain(['…']).collect()
        } else {
            name.clone()
        };
        let _ = write!(
            svg,
            r#"<text class="label" x="0" y="{:.1}" textLength="{:.0}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
            y + 17.0,
            (short.chars().count() as f64 * 7.0).min(label_w - 8.0),
            crate::html::with_code(&short)
        );
        let mut x = label_w;
        for (rank, share) in shares.iter().enumerate().filter(|(_, s)| **s > 0.0) {
            let class = match rank {
                0 => "rank1",
                1 => "rank2",
                2 => "rank3",
                _ => "rankn",
            };
            let w = share * plot_w;
            let shown = milemarker_core::text::percent(*share);
            let _ = write!(
                svg,
                r#"<rect class="{class}" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{:.1}"><title>{name}: rank {} in {shown}</title></rect>"#,
                row_h - 10.0,
                rank + 1,
                name = crate::html::with_code(name)
            );
            // Each bar says which rank and its share ("2nd in 100%"), so no bar reads as the
            // scale's 100%; a narrow one keeps the share alone.
            let said = if w >= 110.0 {
                format!(
                    "{} in {shown}",
                    milemarker_core::text::ordinal((rank + 1) as f64)
                )
            } else {
                shown.clone()
            };
            if w >= 36.0 {
                let _ = write!(
                    svg,
                    r#"<text class="share" x="{:.1}" y="{:.1}" text-anchor="middle">{said}</text>"#,
                    x + w / 2.0,
                    y + 17.0
                );
            }
            x += w;
        }
    }
    let _ = write!(
        svg,
        r#"<text class="tick" x="{label_w}" y="{:.1}">0%</text><text class="tick" x="{:.1}" y="{:.1}">100%</text>"#,
        height - 4.0,
        WIDTH - 36.0,
        height - 4.0
    );
    svg.push_str("</svg>");
    svg
}
