//! The brag document: a period's wins under Julia Evans' sections, and how far up they were seen.

use anyhow::{Result, bail};
use jiff::Span;
use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::evidence::{BragDocument, brag};
use milemarker_core::text::{count, percent};

use crate::markdown::{markdown_text, markdown_url};

/// The brag document from `from` (default: a year before `to`) to `to` (default: `today`).
pub fn document(
    s: &Snapshot,
    from: Option<Date>,
    to: Option<Date>,
    today: Date,
) -> Result<BragDocument<'_>> {
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| {
        to.saturating_sub(Span::new().years(1))
            .saturating_add(Span::new().days(1))
    });
    if from > to {
        bail!("--from {from} is after --to {to}");
    }
    Ok(brag(&s.achievements, from, to))
}

/// The brag document as Markdown, the person's words printed as written.
pub fn markdown(s: &Snapshot, doc: &BragDocument) -> String {
    // Without a name the heading is the document's own ("Brag document: My" read as a typo).
    let heading = s.profile.name.as_deref().map_or_else(
        || "Brag document".to_string(),
        |name| format!("Brag document: {}", markdown_text(name)),
    );
    let mut out = format!(
        "# {heading}\n\n{} to {} · {}\n",
        doc.from,
        doc.to,
        count(doc.total as f64, "win", "wins")
    );
    for section in &doc.sections {
        out.push_str(&format!("\n## {}\n\n", section.title));
        if section.wins.is_empty() {
            out.push_str("_Nothing logged here yet._\n");
        }
        for w in &section.wins {
            out.push_str(&format!("- **{}** ({})", markdown_text(&w.title), w.date));
            if let Some(impact) = &w.impact {
                out.push_str(&format!(": {}", markdown_text(impact)));
            }
            out.push_str(&format!(". Seen by {}.", w.visibility.label()));
            if !w.skills.is_empty() {
                out.push_str(&format!(
                    " Skills: {}.",
                    markdown_text(&w.skills.join(", "))
                ));
            }
            if let Some(link) = &w.link {
                out.push_str(&format!(" [Evidence]({})", markdown_url(link)));
            }
            out.push('\n');
        }
    }
    out.push_str("\n## Who saw it\n\n| reached | wins |\n| --- | ---: |\n");
    for v in &doc.visibility {
        out.push_str(&format!("| {} | {} |\n", v.visibility.label(), v.wins));
    }
    match doc.leadership_share() {
        Some(share) => out.push_str(&format!(
            "\n{} of {} ({}) reached your manager's manager or beyond.\n",
            doc.reached_leadership,
            count(doc.total as f64, "win", "wins"),
            percent(share)
        )),
        None => out.push_str("\nNo wins in this period.\n"),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use milemarker_core::evidence::{Achievement, BragSection, Visibility};

    #[test]
    fn user_text_prints_as_written_in_markdown() {
        let mut s = Snapshot::default();
        s.profile.name = Some("_Sam_ Lee".into());
        s.achievements.push(Achievement {
            id: 1,
            date: jiff::civil::date(2026, 10, 1),
            title: "Cut *costs* [draft]\n# not a heading".into(),
            impact: Some("saved <b>20%</b>".into()),
            visibility: Visibility::Team,
            section: BragSection::Projects,
            skills: vec![],
            link: Some("https://example.org/a report (v2)".into()),
        });
        let doc = brag(
            &s.achievements,
            jiff::civil::date(2026, 1, 1),
            jiff::civil::date(2026, 10, 28),
        );
        let md = markdown(&s, &doc);
        assert!(md.starts_with("# Brag document: \\_Sam\\_ Lee\n"), "{md}");
        assert!(
            md.contains("- **Cut \\*costs\\* \\[draft\\] # not a heading** (2026-10-01): saved \\<b>20%\\</b>."),
            "{md}"
        );
        assert!(
            md.contains("[Evidence](https://example.org/a%20report%20%28v2%29)"),
            "{md}"
        );
    }
}
