//! The review as one self-contained HTML page (`milemarker review --format html`): inline CSS and SVG, no scripts, no fonts or images
//! to fetch; readable on a phone, printable.

use askama::Template;
use milemarker_app::present::{Block, Chart, Document, Item, Output, Tone, review_document};
use milemarker_core::review::Review;

use crate::charts::{energy_chart, hours_chart};
use crate::html::with_code;

/// An item as HTML: its text and details escaped, with `commands` as code.
pub(crate) struct ItemView {
    pub state: Option<String>,
    /// The style of its state: "fired high", "fired", "ok", "unknown".
    pub class: &'static str,
    pub label: Option<String>,
    pub text: String,
    pub details: Vec<String>,
}

pub(crate) enum BlockView {
    Line(String),
    /// A line that says something is wrong.
    Alert(String),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Items(Vec<ItemView>),
    Numbered(Vec<(usize, ItemView)>),
    /// Items of one line each, their details a click away (the markers, on the dashboard).
    Disclosures(Vec<ItemView>),
    /// An inline SVG chart.
    Chart(String),
}

pub(crate) struct SectionView {
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<BlockView>,
}

/// The application's review document, ready for a template: the standalone page and the
/// dashboard both show it, in the same words as the terminal and Markdown.
pub(crate) struct DocView {
    pub title: String,
    pub lead: String,
    pub sections: Vec<SectionView>,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    d: DocView,
}

/// The review as one self-contained page.
pub fn render(review: &Review) -> anyhow::Result<String> {
    Ok(ReviewPage {
        d: review_view(review, false),
    }
    .render()?)
}

fn class(tone: Tone) -> &'static str {
    match tone {
        Tone::Bad => "fired high",
        Tone::Warn => "fired",
        Tone::Good => "ok",
        Tone::Faint => "unknown",
        Tone::Plain => "",
    }
}

fn item_view(item: &Item) -> ItemView {
    ItemView {
        state: item.state.clone(),
        class: class(item.tone),
        label: item.label.clone(),
        text: with_code(&item.text),
        details: item.details.iter().map(|d| with_code(d)).collect(),
    }
}

/// The review's document as views; `fold_quiet` lays it out as the dashboard does: the actions,
/// the charts, then each marker on one line with its evidence a click away.
pub(crate) fn review_view(review: &Review, fold_quiet: bool) -> DocView {
    let chart = |chart: Chart| match chart {
        Chart::Hours => hours_chart(review),
        Chart::Energy => format!(
            "{}<p class=\"legend\"><span>solid: energy</span><span>dashed: satisfaction</span></p>",
            energy_chart(review)
        ),
        Chart::Acceptability => String::new(),
    };
    let mut doc = review_document(review);
    if fold_quiet {
        // The dashboard starts with what to do, then the charts, then the evidence.
        let at = |id: &str| doc.sections.iter().position(|s| s.id == id);
        if let (Some(markers), Some(energy)) = (at("markers"), at("energy")) {
            let section = doc.sections.remove(markers);
            doc.sections.insert(energy, section);
        }
    }
    doc_view(&doc, &chart, fold_quiet)
}

/// A command's answer (`Output`) as views, in the command's words, its sections carrying the
/// page's `ids` in order so each id on the page is its own. The answers the pages show start
/// each table with its header row: it becomes the table's header.
pub(crate) fn output_view(out: &Output, ids: &[&'static str]) -> DocView {
    let mut view = doc_view(&out.document(""), &|_| String::new(), false);
    for (section, id) in view.sections.iter_mut().zip(ids) {
        section.id = id;
    }
    for block in view.sections.iter_mut().flat_map(|s| &mut s.blocks) {
        if let BlockView::Table { header, rows } = block
            && header.is_empty()
            && !rows.is_empty()
        {
            *header = rows.remove(0);
        }
    }
    view
}

/// A document as views, its charts drawn by `chart`.
pub(crate) fn doc_view(
    doc: &Document,
    chart: &dyn Fn(Chart) -> String,
    fold_quiet: bool,
) -> DocView {
    let block = |block: &Block, id: &str| -> Vec<BlockView> {
        match block {
            Block::Line(line) => vec![BlockView::Line(with_code(line))],
            Block::Alert(line) => vec![BlockView::Alert(with_code(line))],
            Block::Table { header, rows } => vec![BlockView::Table {
                header: header.iter().map(|h| with_code(h)).collect(),
                rows: rows
                    .iter()
                    .map(|row| row.iter().map(|c| with_code(c)).collect())
                    .collect(),
            }],
            // One line a marker, the fired first, each with its evidence a click away.
            Block::Items(items) if fold_quiet && id == "markers" => {
                let (fired, quiet): (Vec<&Item>, Vec<&Item>) = items
                    .iter()
                    .partition(|i| matches!(i.tone, Tone::Bad | Tone::Warn));
                let lines = fired.into_iter().chain(quiet).map(item_view).collect();
                vec![BlockView::Disclosures(lines)]
            }
            Block::Items(items) => vec![BlockView::Items(items.iter().map(item_view).collect())],
            Block::Numbered(items) => vec![BlockView::Numbered(
                items.iter().map(|(n, i)| (*n, item_view(i))).collect(),
            )],
            Block::Chart(kind) => vec![BlockView::Chart(chart(*kind))],
        }
    };
    DocView {
        title: with_code(&doc.title),
        lead: with_code(&doc.lead),
        sections: doc
            .sections
            .iter()
            .map(|s| SectionView {
                id: s.id,
                heading: with_code(&s.heading),
                blocks: s.blocks.iter().flat_map(|b| block(b, s.id)).collect(),
            })
            .collect(),
    }
}
