//! Skills (DESIGN 4.9): the person's own (their rules are `milemarker_app::skills`), and the ESCO
//! and O*NET labels a posting or a CV names.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Subcommand, ValueEnum};
use milemarker_app::skills::{self, Concept, Proposal, WinTag, win_tags};
use milemarker_core::career::Snapshot;
use milemarker_core::skills::Level;
use milemarker_core::text::count;
use milemarker_market::lookup::{Candidate, Taxonomy};
use milemarker_market::skills::Matcher;

use crate::cli::JsonFlag;
use crate::context::{
    Db, LINE_LIMIT, NoRecords, TEXT_LIMIT, input_name, open_input, print, print_json, read_input,
    size, today, utf8_text,
};
use crate::ui::{DIM, HEADING, paint, table, word};

pub fn run(open: impl FnOnce() -> Result<Db>, command: SkillsCommand) -> Result<()> {
    match command {
        SkillsCommand::Extract { file, lines, json } if lines => extract_lines(&file, json.json),
        SkillsCommand::Extract { file, json, .. } => {
            extract(&read_input(&file, TEXT_LIMIT)?, json.json)
        }
        SkillsCommand::Add { skill, level } => add(&mut open()?, &skill.join(" "), level),
        SkillsCommand::List { json } => list(&mut open()?, json.json),
        SkillsCommand::Remove { skill } => remove(&mut open()?, &skill.join(" ")),
        SkillsCommand::FromText {
            file,
            add,
            level,
            json,
        } => from_text(open, &file, add, level, json.json),
    }
}

/// What the text output says of a phrase the span tagger found and no taxonomy skill names.
const UNLINKED: &str = "(no taxonomy skill)";

fn extract(text: &str, json: bool) -> Result<()> {
    let hits = Matcher::global().extract(text);
    if json {
        return print_json(&hits);
    }
    if hits.is_empty() {
        return print("No skills from ESCO or O*NET found in this text.\n");
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            vec![
                h.label.unwrap_or(UNLINKED).to_string(),
                format!("\"{}\"", h.matched),
                paint(DIM, &format!("{}..{}", h.start, h.end)),
                paint(DIM, &h.id.map(|id| id.to_string()).unwrap_or_default()),
            ]
        })
        .collect();
    print(&format!(
        "{}\n{}",
        paint(HEADING, &count(hits.len() as f64, "skill", "skills")),
        table(&rows)
    ))
}

/// One text per line, matched on every core; offsets are into the line. Lines are read in
/// batches, each matched and written out before the next is read, so memory stays flat however
/// long the input. A line that cannot be read (not UTF-8, over [`LINE_LIMIT`]) stops it there,
/// named; the lines before it are written.
fn extract_lines(file: &std::path::Path, json: bool) -> Result<()> {
    use rayon::prelude::*;
    use std::io::{BufRead, Read, Write};
    const BATCH: usize = 4096;
    let name = input_name(file);
    let max = LINE_LIMIT.bytes()?;
    let mut input = open_input(file)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut number = 0u64;
    loop {
        let first = number + 1;
        let mut lines = Vec::with_capacity(BATCH);
        let mut stopped = None;
        while lines.len() < BATCH {
            let mut buf = Vec::new();
            let read = (&mut input).take(max + 2).read_until(b'\n', &mut buf);
            match read.with_context(|| format!("cannot read {name}")) {
                Ok(0) => break,
                Ok(_) => number += 1,
                Err(err) => {
                    stopped = Some(err);
                    break;
                }
            }
            if buf.ends_with(b"\n") {
                buf.pop();
                if buf.ends_with(b"\r") {
                    buf.pop();
                }
            }
            if buf.len() as u64 > max {
                stopped = Some(anyhow::anyhow!(
                    "{name}: line {number} is over {}, the most {} may be; nothing was read \
                     past it (one text a line, as --lines reads it?)",
                    size(max),
                    LINE_LIMIT.what
                ));
                break;
            }
            match utf8_text(&name, number, buf) {
                Ok(line) => lines.push(line),
                Err(err) => {
                    stopped = Some(err);
                    break;
                }
            }
        }
        let written: Vec<String> = lines
            .par_iter()
            .enumerate()
            .map(|(at, line)| extracted_line(first as usize + at, line, json))
            .collect::<Result<_>>()?;
        for line in written {
            out.write_all(line.as_bytes())?;
        }
        if let Some(err) = stopped {
            out.flush()?;
            return Err(err);
        }
        if lines.len() < BATCH {
            break;
        }
    }
    out.flush()?;
    Ok(())
}

/// Line `number`'s skills as one output line: a JSON list of hits, or the labels after the number.
fn extracted_line(number: usize, line: &str, json: bool) -> Result<String> {
    let hits = Matcher::global().extract(line);
    let mut written = if json {
        serde_json::to_string(&hits)?
    } else {
        let labels: Vec<String> = hits
            .iter()
            .map(|h| match h.label {
                Some(label) => label.to_string(),
                None => format!("\"{}\" {UNLINKED}", h.matched),
            })
            .collect();
        format!("{number}: {}", labels.join("; "))
    };
    written.push('\n');
    Ok(written)
}

fn candidates(list: &[Candidate]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            let via = if c.matched.eq_ignore_ascii_case(&c.label) {
                String::new()
            } else {
                format!("(as \"{}\")", c.matched)
            };
            vec![
                c.label.clone(),
                via,
                c.source.describe().to_string(),
                paint(DIM, &c.id),
            ]
        })
        .collect();
    table(&rows)
}

fn add(db: &mut Db, text: &str, level: Option<LevelArg>) -> Result<()> {
    let found = match skills::concept(text)? {
        Concept::One(c) => c,
        // A person at a terminal picks; a script is told the ids.
        Concept::Several(list) if crate::names::on_terminal() => {
            crate::names::pick("skill", text, &list, |c| {
                format!("{} ({}, {})", c.label, c.source.describe(), c.id)
            })
            .map_err(anyhow::Error::msg)?
        }
        Concept::Several(list) => bail!(
            "\"{text}\" could be any of these; run again with the id of the one you mean:\n{}",
            candidates(&list)
        ),
    };
    let level: Option<Level> = level.map(Into::into);
    let day = today()?;
    let claimed = db.update(|s| Ok(skills::add(s, &found, text, level, day)))?;
    let at = level
        .map(|l| format!(" at {}", word(&l)))
        .unwrap_or_default();
    let verb = if claimed.updated { "Updated" } else { "Added" };
    print(&format!(
        "{verb} {}{at} ({}, {}).\n",
        claimed.label,
        found.source.describe(),
        paint(DIM, &found.id)
    ))
}

fn list(db: &mut Db, json: bool) -> Result<()> {
    let s = db.load()?;
    if json {
        return print_json(&s.skills);
    }
    let tagged = win_tags(&s);
    if s.skills.is_empty() && tagged.is_empty() {
        return print(
            "No skills yet: `milemarker skills add sql --level competent`, or propose them from \
             your CV with `milemarker skills from-text cv.txt`.\n",
        );
    }
    let taxonomy = Taxonomy::global();
    let on_wins = |id: &str| {
        let wins: usize = tagged
            .iter()
            .filter(|t| t.skill.as_ref().is_some_and(|c| c.id == id))
            .map(|t| t.wins)
            .sum();
        (wins > 0).then(|| format!("on {}", count(wins as f64, "win", "wins")))
    };
    let rows: Vec<Vec<String>> = s
        .skills
        .iter()
        .map(|k| {
            vec![
                k.label.clone(),
                k.level.map(|l| word(&l)).unwrap_or_else(|| "-".into()),
                taxonomy
                    .source(&k.id)
                    .map_or("not in this taxonomy", |s| s.describe())
                    .to_string(),
                on_wins(&k.id).unwrap_or_default(),
                paint(DIM, &k.id),
            ]
        })
        .collect();
    let mut out = String::new();
    if !rows.is_empty() {
        out += &format!(
            "{}\n{}",
            paint(HEADING, &count(s.skills.len() as f64, "skill", "skills")),
            table(&rows)
        );
    }
    out += &unclaimed_tags(&s, &tagged);
    print(&out)
}

/// The tags on wins that no claimed skill stands for, with the command that claims each.
fn unclaimed_tags(s: &Snapshot, tagged: &[WinTag]) -> String {
    let rows: Vec<Vec<String>> = tagged
        .iter()
        .filter(|t| !t.claimed(s))
        .map(|t| {
            vec![
                t.tag.clone(),
                format!("on {}", count(t.wins as f64, "win", "wins")),
                t.reads_as.clone(),
                if t.found {
                    paint(
                        DIM,
                        &format!("milemarker skills add {}", shell_word(&t.tag)),
                    )
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    format!(
        "{}{}\n{}",
        if s.skills.is_empty() { "" } else { "\n" },
        paint(
            HEADING,
            &format!(
                "Tagged on your wins, not claimed yet ({})",
                count(rows.len() as f64, "skill", "skills")
            )
        ),
        table(&rows)
    )
}

/// A tag as one shell word: quoted when it holds anything but letters, digits and `-`.
fn shell_word(tag: &str) -> String {
    if tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        tag.to_string()
    } else {
        format!("\"{}\"", tag.replace('"', "\\\""))
    }
}

fn remove(db: &mut Db, text: &str) -> Result<()> {
    let label = db.update(|s| skills::remove(s, text))?;
    print(&format!("Removed {label}.\n"))
}

fn from_text(
    open: impl FnOnce() -> Result<Db>,
    file: &std::path::Path,
    add: bool,
    level: Option<LevelArg>,
    json: bool,
) -> Result<()> {
    let text = read_input(file, TEXT_LIMIT)?;
    let hits = skills::proposals(&text);
    let mut db = match open() {
        Ok(db) => Some(db),
        // Proposing needs no records: a newcomer reads their CV before `init`.
        Err(e) if !add && e.downcast_ref::<NoRecords>().is_some() => None,
        Err(e) => return Err(e),
    };
    let held = match &mut db {
        Some(db) => db.load()?.skills,
        None => Vec::new(),
    };
    let new: Vec<&Proposal> = hits
        .iter()
        .filter(|p| !held.iter().any(|k| p.id == k.id))
        .collect();
    let chosen: Vec<&Proposal> = if add { choose(&new, json)? } else { Vec::new() };
    if let (false, Some(db)) = (chosen.is_empty(), &mut db) {
        let day = today()?;
        let level: Option<Level> = level.map(Into::into);
        let source = file.display().to_string();
        db.update(|s| {
            skills::claim(s, &chosen, level, day, &source);
            Ok(())
        })?;
    }
    if json {
        let proposed: Vec<serde_json::Value> = new
            .iter()
            .map(|p| {
                let mut hit = serde_json::to_value(&p.hit).expect("a hit serialises");
                hit["confident"] = p.sure.into();
                hit
            })
            .collect();
        let added: Vec<&str> = chosen.iter().map(|p| p.id.as_str()).collect();
        return print_json(&serde_json::json!({
            "proposed": proposed,
            "already_yours": hits.len() - new.len(),
            "added": added,
        }));
    }
    print(&from_text_report(
        file,
        hits.len(),
        &new,
        add.then_some(chosen.len()),
    ))
}

/// Which of the proposed skills to claim: on a terminal the person ticks them (the confident
/// ones ticked already); elsewhere only the confident ones, and the rest are listed to add by
/// hand.
fn choose<'a, 't>(new: &[&'a Proposal<'t>], json: bool) -> Result<Vec<&'a Proposal<'t>>> {
    if json || !crate::names::on_terminal() || new.is_empty() {
        return Ok(new.iter().copied().filter(|p| p.sure).collect());
    }
    let items: Vec<String> = new
        .iter()
        .map(|p| format!("{} (\"{}\")", p.label, p.hit.matched))
        .collect();
    let ticked: Vec<bool> = new.iter().map(|p| p.sure).collect();
    let picked = dialoguer::MultiSelect::new()
        .with_prompt("Which of these are yours? (space ticks, enter claims)")
        .items(&items)
        .defaults(&ticked)
        .interact()?;
    Ok(picked.into_iter().map(|i| new[i]).collect())
}

fn from_text_report(
    file: &std::path::Path,
    found: usize,
    new: &[&Proposal],
    added: Option<usize>,
) -> String {
    if new.is_empty() {
        // "1 found, all already yours" read as two counts; one is "the one found".
        return match found {
            0 => "No skills found in the text.\n".to_string(),
            1 => "No new skills: the one found is yours already.\n".to_string(),
            n => format!("No new skills: the {n} found are all yours already.\n"),
        };
    }
    let rows: Vec<Vec<String>> = new
        .iter()
        .map(|p| {
            vec![
                p.label.to_string(),
                format!("\"{}\"", p.hit.matched),
                if p.sure { "" } else { "unsure" }.to_string(),
                paint(DIM, &p.id),
            ]
        })
        .collect();
    let unsure = new.iter().filter(|p| !p.sure).count();
    let tail = match added {
        Some(added) if added == new.len() => format!("Added all {}.\n", new.len()),
        Some(added) => format!(
            "Added {}; not the other {}: claim one with `milemarker skills add LABEL`.\n",
            count(added as f64, "skill", "skills"),
            new.len() - added
        ),
        None if unsure == 0 => "Claim them all with --add, or one by one with \
             `milemarker skills add LABEL --level ...`.\n"
            .into(),
        None => format!(
            "--add claims the {} not marked unsure (on a terminal it asks); claim others one by \
             one with `milemarker skills add LABEL --level ...`.\n",
            new.len() - unsure
        ),
    };
    format!(
        "{}\n{}{tail}",
        paint(
            HEADING,
            &format!(
                "{} proposed from {}",
                count(new.len() as f64, "skill", "skills"),
                file.display()
            )
        ),
        table(&rows)
    )
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum SkillsCommand {
    /// Claim a skill: free text is matched to ESCO or O*NET, with candidates when it is ambiguous
    Add {
        /// What you would call it ("sql", "write press releases"), or a taxonomy id
        #[arg(required = true, num_args = 1.., value_name = "SKILL")]
        skill: Vec<String>,
        /// How well you hold it
        #[arg(long, value_enum)]
        level: Option<LevelArg>,
    },
    /// Your skills, with their taxonomy ids
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Drop a skill, by label or id
    Remove {
        /// The skill: its ESCO URI or O*NET id, or its label
        #[arg(required = true, num_args = 1.., value_name = "SKILL")]
        skill: Vec<String>,
    },
    /// Propose skills from a CV or a list of achievements; --add claims them
    FromText {
        /// The text to read (- for standard input)
        file: PathBuf,
        /// Claim every proposed skill
        #[arg(long)]
        add: bool,
        /// The level to claim them at (with --add)
        #[arg(long, value_enum, requires = "add")]
        level: Option<LevelArg>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// The skills named in a text (a job posting, a CV), each once, with where it was found
    Extract {
        /// The text to read (- or nothing for standard input)
        #[arg(default_value = "-")]
        file: PathBuf,
        /// Each line is a text of its own (one posting per line); with --json, one JSON array per line
        #[arg(long)]
        lines: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LevelArg {
    Novice,
    Beginner,
    Competent,
    Proficient,
    Expert,
}
