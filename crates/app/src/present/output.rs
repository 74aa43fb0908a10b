//! What a command answers (a list, a lookup, a summary) as one value every face renders: headed
//! tables and lines whose parts carry a tone. The words are written here once; a face only lays
//! them out (the terminal in colour, aligned; a page as a table).

use super::{Block, Document, Item, Tone, section};

/// A command's answer, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Output {
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A heading over what follows it.
    Heading(String),
    /// A line of prose, in spans of their own tone.
    Line(Vec<Span>),
    /// Rows of cells, aligned by column.
    Table(Vec<Vec<Span>>),
    /// Rows about the line above, set in under it.
    Nested(Vec<Vec<Span>>),
    /// Items with a state, a label and details (the mile markers), as a document lists them.
    Items(Vec<Item>),
}

/// Words with a tone: an id is faint, a warning warns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    pub text: String,
    pub tone: Tone,
    /// A name set apart (an option's title among its facts).
    pub strong: bool,
    /// In a table, the rest of the cell before (a bar's blocks past the boundary), not a cell.
    pub glued: bool,
}

impl Span {
    pub fn new(tone: Tone, text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            tone,
            strong: false,
            glued: false,
        }
    }

    /// This span as the rest of the cell before it.
    pub fn glued(self) -> Span {
        Span {
            glued: true,
            ..self
        }
    }

    pub fn strong(text: impl Into<String>) -> Span {
        Span {
            strong: true,
            ..Span::from(text.into())
        }
    }

    pub fn faint(text: impl Into<String>) -> Span {
        Span::new(Tone::Faint, text)
    }

    /// `text` as a warning when `warn`, plain otherwise.
    pub fn warn_if(warn: bool, text: impl Into<String>) -> Span {
        Span::new(if warn { Tone::Warn } else { Tone::Plain }, text)
    }
}

impl From<String> for Span {
    fn from(text: String) -> Span {
        Span::new(Tone::Plain, text)
    }
}

impl From<&str> for Span {
    fn from(text: &str) -> Span {
        Span::new(Tone::Plain, text)
    }
}

impl Output {
    /// One plain line.
    pub fn line(text: impl Into<String>) -> Output {
        Output::default().with_line(vec![Span::from(text.into())])
    }

    /// A line that starts with a word in `tone` ("Added" in green), the rest plain.
    pub fn said(tone: Tone, word: &str, rest: impl Into<String>) -> Output {
        Output::default().with_line(vec![Span::new(tone, word), Span::from(rest.into())])
    }

    /// A heading over a table: the shape of most lists.
    pub fn table(heading: impl Into<String>, rows: Vec<Vec<Span>>) -> Output {
        Output::default().with_heading(heading).with_table(rows)
    }

    pub fn with_heading(mut self, heading: impl Into<String>) -> Output {
        self.parts.push(Part::Heading(heading.into()));
        self
    }

    pub fn with_line(mut self, spans: Vec<Span>) -> Output {
        self.parts.push(Part::Line(spans));
        self
    }

    pub fn with_text(self, text: impl Into<String>) -> Output {
        self.with_line(vec![Span::from(text.into())])
    }

    pub fn with_table(mut self, rows: Vec<Vec<Span>>) -> Output {
        self.parts.push(Part::Table(rows));
        self
    }

    pub fn with_items(mut self, items: Vec<Item>) -> Output {
        self.parts.push(Part::Items(items));
        self
    }

    /// Both outputs, one after the other.
    pub fn then(mut self, other: Output) -> Output {
        self.parts.extend(other.parts);
        self
    }

    /// Every line as plain words, a table's cells two spaces apart: what each face must show.
    pub fn sentences(&self) -> Vec<String> {
        let mut out = Vec::new();
        for part in &self.parts {
            match part {
                Part::Heading(h) => out.push(h.clone()),
                Part::Line(spans) => out.push(words(spans)),
                Part::Table(rows) | Part::Nested(rows) => {
                    out.extend(rows.iter().map(|row| cells(row).join("  ")))
                }
                Part::Items(items) => out.extend(items.iter().map(|i| i.text.clone())),
            }
        }
        out
    }

    /// The answer as a document titled `title`, for a face that draws documents (a page): each
    /// heading opens a section, tones fall away.
    pub fn document(&self, title: impl Into<String>) -> Document {
        let mut doc = Document {
            title: title.into(),
            lead: String::new(),
            sections: Vec::new(),
        };
        for part in &self.parts {
            let block = match part {
                Part::Heading(h) => {
                    doc.sections.push(section("output", h.clone(), Vec::new()));
                    continue;
                }
                Part::Line(spans) => Block::Line(words(spans)),
                Part::Table(rows) | Part::Nested(rows) => Block::Table {
                    header: Vec::new(),
                    rows: rows.iter().map(|r| cells(r)).collect(),
                },
                Part::Items(items) => Block::Items(items.clone()),
            };
            if doc.sections.is_empty() {
                doc.sections.push(section("output", "", Vec::new()));
            }
            doc.sections
                .last_mut()
                .expect("a section")
                .blocks
                .push(block);
        }
        doc
    }
}

/// A line's spans as its words.
fn words(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// A row's cells as words, each glued span joined to the cell before it.
pub fn cells(row: &[Span]) -> Vec<String> {
    cells_drawn(row, |s| s.text.clone())
}

/// A row's cells, each span drawn by `draw` (in colour, say) and each glued one joined to the
/// cell before it.
pub fn cells_drawn(row: &[Span], draw: impl Fn(&Span) -> String) -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    for span in row {
        match cells.last_mut() {
            Some(cell) if span.glued => cell.push_str(&draw(span)),
            _ => cells.push(draw(span)),
        }
    }
    cells
}

/// `n` with its noun ("1 skill", "3 skills"), for counts in headings.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    milemarker_core::text::count(n as f64, one, many)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_reads_as_lines_and_as_a_document() {
        let out = Output::table("Contacts", vec![vec!["dana".into(), Span::faint("never")]])
            .with_text("Two more.");
        assert_eq!(out.sentences(), ["Contacts", "dana  never", "Two more."]);
        let doc = out.document("Your network");
        assert_eq!(doc.sections.len(), 1);
        assert_eq!(doc.sections[0].heading, "Contacts");
        assert_eq!(doc.sections[0].blocks.len(), 2);
        assert!(doc.sentences().contains(&"never".to_string()));
    }

    #[test]
    fn a_glued_span_is_part_of_the_cell_before() {
        let row = vec![
            "W40".into(),
            "###".into(),
            Span::new(Tone::Bad, "##").glued(),
            "x".into(),
        ];
        assert_eq!(cells(&row), ["W40", "#####", "x"]);
    }

    #[test]
    fn lines_before_any_heading_get_a_section_without_one() {
        let doc = Output::said(Tone::Good, "Added", " dana").document("Added");
        assert_eq!(doc.sections[0].heading, "");
        assert_eq!(doc.sections[0].blocks, [Block::Line("Added dana".into())]);
    }
}
