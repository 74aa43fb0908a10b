//! What the skills commands answer: the skills a text names, the person's own with the tags on
//! their wins, and the skills proposed from a CV.

use milemarker_core::career::Snapshot;
use milemarker_core::skills::{Level, Skill};
use milemarker_core::text::word;
use milemarker_market::lookup::{Candidate, Taxonomy};
use milemarker_market::skills::{Hit, Matcher};

use super::{Output, Span, counted};
use crate::input::{Batch, LineBatches};
use crate::skills::{Claimed, Proposal, WinTag, win_tags};

/// What a list says of a phrase the span tagger found and no taxonomy skill names.
const UNLINKED: &str = "(no taxonomy skill)";

/// The skills a text names, each with what matched and where.
pub fn extracted(hits: &[Hit]) -> Output {
    if hits.is_empty() {
        return Output::line("No skills from ESCO or O*NET found in this text.");
    }
    let rows = hits
        .iter()
        .map(|h| {
            vec![
                h.label.unwrap_or(UNLINKED).into(),
                format!("\"{}\"", h.matched).into(),
                Span::faint(format!("{}..{}", h.start, h.end)),
                Span::faint(h.id.map(|id| id.to_string()).unwrap_or_default()),
            ]
        })
        .collect();
    Output::table(counted(hits.len(), "skill", "skills"), rows)
}

/// What `extract --lines` writes for a batch of texts, one line each, matched on every core:
/// a JSON list of hits (`json`), or the labels after the line's number.
pub fn extracted_lines(batch: &Batch, json: bool) -> serde_json::Result<Vec<String>> {
    use rayon::prelude::*;
    batch
        .lines
        .par_iter()
        .enumerate()
        .map(|(at, line)| {
            let hits = Matcher::global().extract(line);
            let number = batch.first as usize + at;
            Ok(match json {
                true => serde_json::to_string(&hits)?,
                false => extracted_line(number, &hits),
            } + "\n")
        })
        .collect()
}

/// `extract --lines`: one text per line of `file`, each batch written to `out` before the next is
/// read; offsets are into the line. What stops the reading is the error, after the lines before it.
pub fn write_extracted_lines(
    file: &std::path::Path,
    json: bool,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    let mut lines = LineBatches::open(file)?;
    while let Some(batch) = lines.next_batch(4096) {
        for line in extracted_lines(&batch, json)? {
            out.write_all(line.as_bytes())?;
        }
        if let Some(err) = batch.stopped {
            out.flush()?;
            return Err(err);
        }
    }
    out.flush()?;
    Ok(())
}

/// Line `number`'s skills as one line of `extract --lines`: the labels after the number.
fn extracted_line(number: usize, hits: &[Hit]) -> String {
    let labels: Vec<String> = hits
        .iter()
        .map(|h| match h.label {
            Some(label) => label.to_string(),
            None => format!("\"{}\" {UNLINKED}", h.matched),
        })
        .collect();
    format!("{number}: {}", labels.join("; "))
}

/// The skills a typed name could be, to choose from by id.
pub fn candidates(list: &[Candidate]) -> Output {
    let rows = list
        .iter()
        .map(|c| {
            let via = if c.matched.eq_ignore_ascii_case(&c.label) {
                String::new()
            } else {
                format!("(as \"{}\")", c.matched)
            };
            vec![
                c.label.clone().into(),
                via.into(),
                c.source.describe().into(),
                Span::faint(&c.id),
            ]
        })
        .collect();
    Output::default().with_table(rows)
}

/// "Added SQL at competent (ESCO, id)."
pub fn added(claimed: &Claimed, found: &Candidate, level: Option<Level>) -> Output {
    let at = level
        .map(|l| format!(" at {}", word(&l)))
        .unwrap_or_default();
    let verb = if claimed.updated { "Updated" } else { "Added" };
    Output::default().with_line(vec![
        format!(
            "{verb} {}{at} ({}, ",
            claimed.label,
            found.source.describe()
        )
        .into(),
        Span::faint(&found.id),
        ").".into(),
    ])
}

/// The skill `label` dropped.
pub fn removed(label: &str) -> Output {
    Output::line(format!("Removed {label}."))
}

/// The person's skills, then the tags on their wins that no claimed skill stands for.
pub fn listed(s: &Snapshot) -> Output {
    let tagged = win_tags(s);
    if s.skills.is_empty() && tagged.is_empty() {
        return Output::line(
            "No skills yet: `milemarker skills add sql --level competent`, or propose them from \
             your CV with `milemarker skills from-text cv.txt`.",
        );
    }
    let mut out = Output::default();
    if !s.skills.is_empty() {
        let rows = s.skills.iter().map(|k| skill_row(k, &tagged)).collect();
        out = Output::table(counted(s.skills.len(), "skill", "skills"), rows);
    }
    out.then(unclaimed_tags(s, &tagged))
}

fn skill_row(k: &Skill, tagged: &[WinTag]) -> Vec<Span> {
    let wins: usize = tagged
        .iter()
        .filter(|t| t.skill.as_ref().is_some_and(|c| c.id == k.id))
        .map(|t| t.wins)
        .sum();
    let on_wins = if wins > 0 {
        format!("on {}", counted(wins, "win", "wins"))
    } else {
        String::new()
    };
    vec![
        k.label.clone().into(),
        k.level
            .map(|l| word(&l))
            .unwrap_or_else(|| "-".into())
            .into(),
        Taxonomy::global()
            .source(&k.id)
            .map_or("not in this taxonomy", |s| s.describe())
            .into(),
        on_wins.into(),
        Span::faint(&k.id),
    ]
}

/// The tags on wins that no claimed skill stands for, with the command that claims each.
fn unclaimed_tags(s: &Snapshot, tagged: &[WinTag]) -> Output {
    let rows: Vec<Vec<Span>> = tagged
        .iter()
        .filter(|t| !t.claimed(s))
        .map(|t| {
            let claim = if t.found {
                format!("milemarker skills add {}", shell_word(&t.tag))
            } else {
                String::new()
            };
            vec![
                t.tag.clone().into(),
                format!("on {}", counted(t.wins, "win", "wins")).into(),
                t.reads_as.clone().into(),
                Span::faint(claim),
            ]
        })
        .collect();
    if rows.is_empty() {
        return Output::default();
    }
    let heading = format!(
        "Tagged on your wins, not claimed yet ({})",
        counted(rows.len(), "skill", "skills")
    );
    Output::table(heading, rows)
}

/// A tag as one shell word: quoted when it holds anything but letters, digits and `-`.
fn shell_word(tag: &str) -> String {
    if tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        tag.to_string()
    } else {
        format!("\"{}\"", tag.replace('"', "\\\""))
    }
}

/// The skills proposed from the text `file` names (`found` in all, `new` not held yet), and
/// how many were claimed when `--add` was given.
pub fn proposed(file: &str, found: usize, new: &[&Proposal], added: Option<usize>) -> Output {
    if new.is_empty() {
        // "1 found, all already yours" read as two counts; one is "the one found".
        return Output::line(match found {
            0 => "No skills found in the text.".to_string(),
            1 => "No new skills: the one found is yours already.".to_string(),
            n => format!("No new skills: the {n} found are all yours already."),
        });
    }
    let rows = new
        .iter()
        .map(|p| {
            vec![
                p.label.into(),
                format!("\"{}\"", p.hit.matched).into(),
                if p.sure { "" } else { "unsure" }.into(),
                Span::faint(&p.id),
            ]
        })
        .collect();
    let unsure = new.iter().filter(|p| !p.sure).count();
    let tail = match added {
        Some(added) if added == new.len() => format!("Added all {}.", new.len()),
        Some(added) => format!(
            "Added {}; not the other {}: claim one with `milemarker skills add LABEL`.",
            counted(added, "skill", "skills"),
            new.len() - added
        ),
        None if unsure == 0 => "Claim them all with --add, or one by one with \
             `milemarker skills add LABEL --level ...`."
            .into(),
        None => format!(
            "--add claims the {} not marked unsure (on a terminal it asks); claim others one by \
             one with `milemarker skills add LABEL --level ...`.",
            new.len() - unsure
        ),
    };
    let heading = format!(
        "{} proposed from {file}",
        counted(new.len(), "skill", "skills")
    );
    Output::table(heading, rows).with_text(tail)
}

/// `from-text --json`: the new proposals (each hit with whether it is sure), how many found
/// were held already, and the ids claimed.
pub fn proposed_json(found: usize, new: &[&Proposal], chosen: &[&Proposal]) -> serde_json::Value {
    let proposed: Vec<serde_json::Value> = new
        .iter()
        .map(|p| {
            let mut hit = serde_json::to_value(&p.hit).expect("a hit serialises");
            hit["confident"] = p.sure.into();
            hit
        })
        .collect();
    let added: Vec<&str> = chosen.iter().map(|p| p.id.as_str()).collect();
    serde_json::json!({
        "proposed": proposed,
        "already_yours": found - new.len(),
        "added": added,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_is_quoted_only_when_the_shell_would_split_it() {
        assert_eq!(shell_word("sql"), "sql");
        assert_eq!(shell_word("data-analysis"), "data-analysis");
        assert_eq!(shell_word("say \"hi\""), "\"say \\\"hi\\\"\"");
    }

    #[test]
    fn each_line_is_numbered_from_the_batch_start() {
        let batch = Batch {
            first: 7,
            lines: vec!["SQL and Python".into(), "nothing here".into()],
            stopped: None,
        };
        let lines = extracted_lines(&batch, false).unwrap();
        assert!(lines[0].starts_with("7: "), "{lines:?}");
        assert_eq!(lines[1], "8: \n");
        assert_eq!(extracted_lines(&batch, true).unwrap()[1], "[]\n");
    }

    #[test]
    fn nothing_new_is_said_as_one_count() {
        let said = |found| proposed("cv.txt", found, &[], None).sentences();
        assert_eq!(said(0), ["No skills found in the text."]);
        assert_eq!(said(1), ["No new skills: the one found is yours already."]);
        assert_eq!(
            said(3),
            ["No new skills: the 3 found are all yours already."]
        );
    }
}
