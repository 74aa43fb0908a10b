//! The review rendered: the terminal and Markdown share one layout through `Page`; JSON is the
//! review model as it is; HTML is one self-contained page with inline SVG charts.

use milemarker_core::decision::format_number;
use milemarker_core::markers::{Marker, MarkerState};
use milemarker_core::network::overdue_words;
use milemarker_core::review::Review;

pub use milemarker_web::review::render as html;

use std::borrow::Cow;

use crate::ui::{BAD, DIM, GOOD, HEADING, WARN, markdown_prose, paint, percent, word};

/// A marker's state in a few characters, coloured and in capitals when it fired.
pub fn marker_state(m: &Marker) -> String {
    let colour = match m.state() {
        MarkerState::FiredHigh => BAD,
        MarkerState::Fired | MarkerState::FiredLow => WARN,
        MarkerState::Ok => GOOD,
        MarkerState::CantTell => DIM,
    };
    paint(colour, &m.state_words().replacen("fired", "FIRED", 1))
}

/// The two flavours of the same page. The layout's own words and markup go in as they are;
/// every sentence that carries the person's words goes through [`Page::escape`] first.
pub trait Page {
    /// `text`, which may hold the person's words, as this page prints it literally.
    fn escape<'a>(&self, text: &'a str) -> Cow<'a, str>;
    fn title(&mut self, text: &str);
    fn heading(&mut self, text: &str);
    fn line(&mut self, text: &str);
    fn item(&mut self, text: &str);
    fn numbered(&mut self, n: usize, text: &str);
    fn detail(&mut self, text: &str);
    fn finish(self) -> String;
}

pub struct Terminal(String);

impl Page for Terminal {
    fn escape<'a>(&self, text: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(text)
    }
    fn title(&mut self, text: &str) {
        self.0.push_str(&format!("{}\n", paint(HEADING, text)));
    }
    fn heading(&mut self, text: &str) {
        self.0.push_str(&format!("\n{}\n", paint(HEADING, text)));
    }
    fn line(&mut self, text: &str) {
        self.0.push_str(&format!("  {text}\n"));
    }
    fn item(&mut self, text: &str) {
        self.0.push_str(&format!("  - {text}\n"));
    }
    fn numbered(&mut self, n: usize, text: &str) {
        self.0.push_str(&format!("  {n}. {text}\n"));
    }
    fn detail(&mut self, text: &str) {
        self.0.push_str(&format!("      {}\n", paint(DIM, text)));
    }
    fn finish(self) -> String {
        self.0
    }
}

pub struct Markdown(String);

impl Page for Markdown {
    fn escape<'a>(&self, text: &'a str) -> Cow<'a, str> {
        Cow::Owned(markdown_prose(text))
    }
    fn title(&mut self, text: &str) {
        self.0.push_str(&format!("# {text}\n\n"));
    }
    fn heading(&mut self, text: &str) {
        self.0.push_str(&format!("\n## {text}\n\n"));
    }
    fn line(&mut self, text: &str) {
        self.0.push_str(&format!("{text}\n\n"));
    }
    fn item(&mut self, text: &str) {
        self.0.push_str(&format!("- {text}\n"));
    }
    fn numbered(&mut self, n: usize, text: &str) {
        self.0.push_str(&format!("{n}. {text}\n"));
    }
    fn detail(&mut self, text: &str) {
        self.0.push_str(&format!("  - _{text}_\n"));
    }
    fn finish(self) -> String {
        self.0.replace("\n\n\n", "\n\n")
    }
}

pub fn text(review: &Review) -> String {
    layout(Terminal(String::new()), review, true)
}

pub fn markdown(review: &Review) -> String {
    layout(Markdown(String::new()), review, false)
}

fn layout<P: Page>(mut page: P, r: &Review, terminal: bool) -> String {
    let who = page.escape(r.name.as_deref().unwrap_or("you")).into_owned();
    page.title(&format!("Review for {who}, as of {}", r.as_of));
    let fired: Vec<&Marker> = r.markers.iter().filter(|m| m.fired == Some(true)).collect();
    page.line(&format!(
        "{} of {} mile markers fired{}.",
        fired.len(),
        r.markers.len(),
        if fired.is_empty() {
            String::new()
        } else {
            format!(
                ": {}",
                fired
                    .iter()
                    .map(|m| m.id.title().to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    ));
    page.heading("Next three actions");
    for (i, a) in r.actions.iter().enumerate() {
        page.numbered(i + 1, &page.escape(&a.action));
        page.detail(&page.escape(&a.why));
    }
    markers_section(&mut page, r, terminal);
    hours_section(&mut page, r, terminal);
    energy_section(&mut page, r);
    audit_section(&mut page, r);
    seasons_section(&mut page, r);
    decision_section(&mut page, r);
    network_section(&mut page, r);
    page.finish()
}

fn markers_section<P: Page>(page: &mut P, r: &Review, terminal: bool) {
    page.heading("Mile markers");
    for m in &r.markers {
        let state = if terminal {
            marker_state(m)
        } else if m.state().fired() {
            format!("**{}**", m.state_words())
        } else {
            m.state_words().into()
        };
        page.item(&format!(
            "{state} {}: {}",
            m.id.title(),
            page.escape(&m.summary)
        ));
        if m.fired == Some(true) {
            for e in m.evidence.iter().take(8) {
                page.detail(&page.escape(&e.describe()));
            }
            if m.evidence.len() > 8 {
                page.detail(&format!(
                    "and {} more rows (`milemarker markers --json`)",
                    m.evidence.len() - 8
                ));
            }
        }
        if let Some(missing) = &m.missing {
            page.detail(&format!("needs {}", page.escape(missing)));
        }
    }
}

fn hours_section<P: Page>(page: &mut P, r: &Review, terminal: bool) {
    let h = &r.hours;
    page.heading(&format!(
        "Hours against your {} h boundary",
        format_number(h.boundary)
    ));
    let Some(average) = h.average else {
        page.line("No weeks recorded yet: `milemarker checkin` or `milemarker hours import`.");
        return;
    };
    page.line(&format!(
        "Last {} weeks: {} recorded, averaging {} h; {} over the boundary.",
        h.weeks.len(),
        h.weeks_recorded,
        format_number((average * 10.0).round() / 10.0),
        h.weeks_over
    ));
    for w in h.weeks.iter().rev().take(8).rev() {
        let Some(hours) = w.hours else {
            page.item(&format!("{}  not recorded", w.week));
            continue;
        };
        let within = hours.min(h.boundary);
        let bar = format!(
            "{}{}",
            "█".repeat((within / 2.0).round() as usize),
            "▒".repeat(((hours - within) / 2.0).round() as usize)
        );
        let over = if hours > h.boundary { " over" } else { "" };
        let bar = if terminal {
            format!("{bar}{over}")
        } else {
            format!("`{bar}`{over}")
        };
        page.item(&format!("{}  {:>3} h  {bar}", w.week, format_number(hours)));
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

fn energy_section<P: Page>(page: &mut P, r: &Review) {
    page.heading("Energy and satisfaction");
    if r.energy.len() < 2 {
        page.line("Too few check-ins to show a trend.");
        return;
    }
    let quarter = (r.energy.len() / 4).max(1);
    let (first, last) = (&r.energy[..quarter], &r.energy[r.energy.len() - quarter..]);
    let show = |pick: fn(&milemarker_core::review::EnergyPoint) -> u8| {
        let a = mean(first.iter().map(|p| f64::from(pick(p)))).unwrap_or(0.0);
        let b = mean(last.iter().map(|p| f64::from(pick(p)))).unwrap_or(0.0);
        format!("{:.1} -> {:.1}", a, b)
    };
    let compared = if quarter == 1 {
        "first week against the last".to_string()
    } else {
        format!("first {quarter} against last {quarter} weeks")
    };
    page.line(&format!(
        "Over {} ({compared}, 1-5): energy {}, satisfaction {}.",
        milemarker_core::text::count(r.energy.len() as f64, "check-in", "check-ins"),
        show(|p| p.energy),
        show(|p| p.satisfaction)
    ));
}

fn audit_section<P: Page>(page: &mut P, r: &Review) {
    page.heading("Energy audit");
    let Some(a) = &r.audit else {
        page.line(
            "No audit yet: list your tasks with `milemarker task add`, then `milemarker audit`.",
        );
        return;
    };
    let trend: Vec<String> = a
        .trend
        .iter()
        .map(|(d, share)| format!("{d} {}", percent(*share)))
        .collect();
    page.line(&format!(
        "{} of {} task hours drain you ({}). Across audits: {}.",
        format_number(a.latest.draining_hours),
        format_number(a.latest.total_hours),
        a.latest.drain_share.map_or("-".into(), percent),
        trend.join(", ")
    ));
    for s in &a.latest.suggestions {
        page.item(&format!(
            "{}: {}, {}",
            page.escape(&s.name),
            word(&s.action),
            page.escape(&s.reason)
        ));
    }
}

fn seasons_section<P: Page>(page: &mut P, r: &Review) {
    page.heading("Seasons");
    if r.seasons.is_empty() {
        page.line("No seasons yet: `milemarker season set career winter`.");
    }
    for s in &r.seasons {
        page.item(&format!(
            "{} in {} {}: {}",
            word(&s.area),
            word(&s.season),
            s.lasted(r.as_of),
            page.escape(s.meaning)
        ));
    }
}

fn decision_section<P: Page>(page: &mut P, r: &Review) {
    page.heading("Your decision");
    let Some(d) = &r.decision else {
        if r.decision_lacks.is_empty() {
            page.line("The decision cannot be made yet: `milemarker decide --check` says why.");
            return;
        }
        page.line("The decision cannot be made yet. It lacks:");
        for lack in &r.decision_lacks {
            // The command stays code: the page escapes the prose around it only.
            page.item(&page.escape(&format!("{}: `{}`", lack.what, lack.fill)));
        }
        return;
    };
    for o in &d.ranking {
        page.item(&format!(
            "{}. {} ({}): score {}",
            o.rank,
            page.escape(&o.name),
            page.escape(&o.option),
            format_number((o.score * 1000.0).round() / 1000.0)
        ));
    }
    for (option, rules) in &d.excluded {
        page.item(&format!(
            "ruled out: {} breaks {}",
            page.escape(d.name_of(option)),
            page.escape(&rules.join(", "))
        ));
    }
    for (option, rules) in &d.at_the_line {
        page.item(&format!(
            "{} meets {} only at the line",
            page.escape(d.name_of(option)),
            page.escape(&rules.join(" and "))
        ));
    }
    if let (Some(share), Some(leader)) = (d.leader_acceptability, d.ranking.first()) {
        page.line(&format!(
            "{} comes first in {} of the weightings that keep the order of your values.",
            page.escape(&leader.name),
            percent(share)
        ));
    }
}

fn network_section<P: Page>(page: &mut P, r: &Review) {
    page.heading("Network and pipeline");
    let n = &r.network;
    if n.losing_touch.is_empty() {
        page.line("Nobody is past their stay-in-touch cadence.");
    }
    for c in &n.losing_touch {
        page.item(&format!(
            "losing touch: {}{}, {}",
            page.escape(&c.name),
            if c.mentor { " (mentor)" } else { "" },
            c.last_contact.map_or("never contacted".into(), |d| format!(
                "last contact {d}, {}",
                overdue_words(c.overdue_days)
            ))
        ));
    }
    for o in &n.pipeline {
        page.item(&format!(
            "#{} {} at {}: {} since {}{}",
            o.id,
            page.escape(&o.role),
            page.escape(&o.company),
            page.escape(&o.stage),
            o.since,
            o.decide_by
                .map_or(String::new(), |d| format!(", decide by {d}"))
        ));
    }
    page.line(&r.visibility.sentence());
}
