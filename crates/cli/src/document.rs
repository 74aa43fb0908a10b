//! The application's documents (the review, the decision) on the terminal: in colour, tables
//! aligned, the review's hours as bars. Markdown is the documents' own; JSON is the model as it
//! is; HTML is the web crate's page of the same document.

use milemarker_app::present::{
    Block, Chart, Document, Item, Output, Part, Span, Tone, cells_drawn, hours_bars,
    review_document,
};
use milemarker_core::review::Review;

pub use milemarker_web::review::render as html;

use crate::ui::{BAD, DIM, GOOD, HEADING, WARN, paint, table};

fn style(tone: Tone) -> anstyle::Style {
    match tone {
        Tone::Bad => BAD,
        Tone::Warn => WARN,
        Tone::Good => GOOD,
        Tone::Faint => DIM,
        Tone::Plain => anstyle::Style::new(),
    }
}

/// A marker's state in a few characters, coloured and in capitals when it fired.
pub fn state(item: &Item) -> String {
    let words = item.state.as_deref().unwrap_or_default();
    paint(style(item.tone), &words.replacen("fired", "FIRED", 1))
}

pub fn item(out: &mut String, lead: &str, item: &Item) {
    let state = match &item.state {
        Some(_) => format!("{} ", state(item)),
        None => String::new(),
    };
    let label = item
        .label
        .as_ref()
        .map_or(String::new(), |l| format!("{l}: "));
    out.push_str(&format!("  {lead}{state}{label}{}\n", item.text));
    for d in &item.details {
        out.push_str(&format!("      {}\n", paint(DIM, d)));
    }
}

pub fn text(r: &Review) -> String {
    terminal(&review_document(r), Some(r))
}

pub fn markdown(r: &Review) -> String {
    milemarker_app::present::markdown(&review_document(r), r)
}

/// `doc` on the terminal; `review` draws the review's hours chart.
pub fn terminal(doc: &Document, review: Option<&Review>) -> String {
    let mut out = format!("{}\n  {}\n", paint(HEADING, &doc.title), doc.lead);
    for section in &doc.sections {
        out.push_str(&format!("\n{}\n", paint(HEADING, &section.heading)));
        for block in &section.blocks {
            match block {
                Block::Line(line) => out.push_str(&format!("  {line}\n")),
                Block::Alert(line) => out.push_str(&format!("  {}\n", paint(BAD.bold(), line))),
                Block::Table { header, rows } => {
                    let header = header.iter().map(|h| paint(DIM, h)).collect();
                    out.push_str(&table(&[vec![header], rows.clone()].concat()));
                }
                Block::Items(items) => items.iter().for_each(|i| item(&mut out, "- ", i)),
                Block::Numbered(items) => items
                    .iter()
                    .for_each(|(n, i)| item(&mut out, &format!("{n}. "), i)),
                Block::Chart(Chart::Hours) => {
                    for (week, bar, over) in review.map(hours_bars).unwrap_or_default() {
                        let over = if over { " over" } else { "" };
                        let bar = if bar.is_empty() {
                            String::new()
                        } else {
                            format!("  {bar}")
                        };
                        out.push_str(&format!("  - {week}{bar}{over}\n"));
                    }
                }
                // Their facts are the lines above; a terminal draws no lines.
                Block::Chart(Chart::Energy | Chart::Acceptability) => {}
            }
        }
    }
    out
}

fn span(s: &Span) -> String {
    match (s.tone, s.strong) {
        // Unpainted, so a table trims an empty last cell.
        _ if s.text.is_empty() => String::new(),
        (Tone::Plain, false) => s.text.clone(),
        (tone, true) => paint(style(tone).bold(), &s.text),
        (tone, false) => paint(style(tone), &s.text),
    }
}

/// The rows' cells painted, each glued span joined to the cell before it.
fn spans(rows: &[Vec<Span>]) -> Vec<Vec<String>> {
    rows.iter().map(|r| cells_drawn(r, span)).collect()
}

/// A command's answer on the terminal: headings bold (a blank line before all but the first
/// part), tables aligned, each span in its tone.
pub fn output(o: &Output) -> String {
    let mut out = String::new();
    for (at, part) in o.parts.iter().enumerate() {
        match part {
            Part::Heading(h) => {
                if at > 0 {
                    out.push('\n');
                }
                out.push_str(&format!("{}\n", paint(HEADING, h)));
            }
            Part::Line(spans) => {
                out.push_str(&spans.iter().map(span).collect::<String>());
                out.push('\n');
            }
            Part::Table(rows) => out.push_str(&table(&spans(rows))),
            Part::Items(items) => items.iter().for_each(|i| item(&mut out, "", i)),
            Part::Nested(rows) => {
                for line in table(&spans(rows)).lines() {
                    out.push_str(&format!("    {line}\n"));
                }
            }
        }
    }
    out
}

/// Prints a command's answer.
pub fn show(o: &Output) -> anyhow::Result<()> {
    crate::context::print(&output(o))
}

/// Prints `value` as JSON when `json`, else the `output` in words.
pub fn answer(
    json: bool,
    value: &impl serde::Serialize,
    output: impl FnOnce() -> Output,
) -> anyhow::Result<()> {
    match json {
        true => crate::context::print_json(value),
        false => show(&output()),
    }
}
