//! One presentation model for the review: sections of lines and items, each sentence written
//! here once. The terminal, Markdown, the HTML file and the web dashboard render this document;
//! they may differ in layout (colour, charts, what is folded away), never in words or facts.
//! What the other commands answer (lists, lookups, summaries) is an [`Output`], built per noun in
//! `records`, `network`, `life`, `values`, `skills` and `market`; it reads as a [`Document`] too.
//!
//! Text is prose with commands in backticks (`milemarker checkin`): each face shows the
//! backticked parts as code and the rest as literal text, the person's words included.

use milemarker_core::markers::MarkerState;
use milemarker_core::review::Review;

mod decision;
pub mod life;
pub mod market;
pub mod network;
mod output;
pub mod records;
mod review;
pub mod skills;
pub mod values;

pub use decision::{decision_document, ready_to_decide};
pub use output::{Output, Part, Span, cells, cells_drawn, counted};
pub use review::{hours_bars, marker_item, markers, review_document};

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub lead: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// A stable name for anchors and styles: "actions", "markers", "hours"...
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Line(String),
    /// A line that says something is wrong: faces set it apart.
    Alert(String),
    /// Rows under a header; every cell is text.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Items(Vec<Item>),
    /// A list in order, each with its number (a rank may repeat).
    Numbered(Vec<(usize, Item)>),
    /// A chart of facts the lines around it already state: faces draw it as they can.
    Chart(Chart),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// The last weeks' hours against the boundary.
    Hours,
    /// Energy and satisfaction by week.
    Energy,
    /// How often each option takes each rank (SMAA-2 rank acceptability).
    Acceptability,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    /// A marker's state, shown before the label ("fired", "ok").
    pub state: Option<String>,
    pub tone: Tone,
    /// A name set apart from the text (a marker's title).
    pub label: Option<String>,
    pub text: String,
    /// Lines under the item: evidence, the reason for an action.
    pub details: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    Good,
    Warn,
    Bad,
    Faint,
}

impl Tone {
    /// A marker's tone by its state: fired high is bad, fired is a warning.
    pub fn of(state: MarkerState) -> Tone {
        match state {
            MarkerState::FiredHigh => Tone::Bad,
            MarkerState::Fired | MarkerState::FiredLow => Tone::Warn,
            MarkerState::Ok => Tone::Good,
            MarkerState::CantTell => Tone::Faint,
        }
    }
}

impl Item {
    pub(crate) fn text(text: impl Into<String>) -> Item {
        Item {
            text: text.into(),
            ..Item::default()
        }
    }
}

impl Document {
    /// Every sentence of the document in order, as plain words: what each face must show.
    pub fn sentences(&self) -> Vec<String> {
        let mut out = vec![self.title.clone(), self.lead.clone()];
        for section in &self.sections {
            out.push(section.heading.clone());
            for block in &section.blocks {
                let items: Vec<&Item> = match block {
                    Block::Line(line) | Block::Alert(line) => {
                        out.push(line.clone());
                        continue;
                    }
                    Block::Table { header, rows } => {
                        out.extend(header.iter().cloned());
                        out.extend(rows.iter().flatten().cloned());
                        continue;
                    }
                    Block::Items(items) => items.iter().collect(),
                    Block::Numbered(items) => items.iter().map(|(_, item)| item).collect(),
                    Block::Chart(_) => continue,
                };
                for item in items {
                    out.extend(item.state.clone());
                    out.extend(item.label.clone());
                    out.push(item.text.clone());
                    out.extend(item.details.iter().cloned());
                }
            }
        }
        out
    }
}

pub(crate) fn section(id: &'static str, heading: impl Into<String>, blocks: Vec<Block>) -> Section {
    Section {
        id,
        heading: heading.into(),
        blocks,
    }
}

/// The document as Markdown: the person's words literal, the commands as code.
pub fn markdown(doc: &Document, r: &Review) -> String {
    use crate::markdown::markdown_prose as md;
    let mut out = format!("# {}\n\n{}\n\n", md(&doc.title), md(&doc.lead));
    let item = |out: &mut String, bullet: &str, item: &Item| {
        let state = item
            .state
            .as_ref()
            .map_or(String::new(), |s| match item.tone {
                Tone::Bad | Tone::Warn => format!("**{s}** "),
                _ => format!("{s} "),
            });
        let label = item
            .label
            .as_ref()
            .map_or(String::new(), |l| format!("{}: ", md(l)));
        out.push_str(&format!("{bullet} {state}{label}{}\n", md(&item.text)));
        for d in &item.details {
            out.push_str(&format!("  - _{}_\n", md(d)));
        }
    };
    for section in &doc.sections {
        out.push_str(&format!("\n## {}\n\n", section.heading));
        for block in &section.blocks {
            match block {
                Block::Line(line) => out.push_str(&format!("{}\n\n", md(line))),
                Block::Alert(line) => out.push_str(&format!("**{}**\n\n", md(line))),
                Block::Table { header, rows } => {
                    let cells = |row: &[String]| {
                        let cells: Vec<String> = row.iter().map(|c| md(c)).collect();
                        format!("| {} |\n", cells.join(" | "))
                    };
                    out.push_str(&cells(header));
                    out.push_str(&format!("|{}\n", " --- |".repeat(header.len())));
                    rows.iter().for_each(|row| out.push_str(&cells(row)));
                    out.push('\n');
                }
                Block::Items(items) => {
                    items.iter().for_each(|i| item(&mut out, "-", i));
                    out.push('\n');
                }
                Block::Numbered(items) => {
                    items
                        .iter()
                        .for_each(|(n, i)| item(&mut out, &format!("{n}."), i));
                    out.push('\n');
                }
                Block::Chart(Chart::Hours) => {
                    for (week, bar, over) in hours_bars(r) {
                        let bar = if bar.is_empty() {
                            String::new()
                        } else {
                            format!("  `{bar}`")
                        };
                        let over = if over { " over" } else { "" };
                        out.push_str(&format!("- {week}{bar}{over}\n"));
                    }
                    out.push('\n');
                }
                Block::Chart(Chart::Energy | Chart::Acceptability) => {}
            }
        }
    }
    let mut out = out.trim_end().to_string();
    out.push('\n');
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}
