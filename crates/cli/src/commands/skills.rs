//! Skills (DESIGN 4.9): the person's own (their rules are `milemarker_app::skills`), and the ESCO
//! and O*NET labels a posting or a CV names.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Subcommand;
use milemarker_app::present::skills as present;
use milemarker_app::skills::{self, Concept, Proposal};
use milemarker_core::skills::Level;
use milemarker_market::skills::Matcher;

use crate::choice::choice;
use crate::cli::JsonFlag;
use crate::context::{Db, TEXT_LIMIT, if_any, print_json, read_input, today};
use crate::document::{answer, output, show};

pub fn run(open: impl FnOnce() -> Result<Db>, command: SkillsCommand) -> Result<()> {
    match command {
        SkillsCommand::Extract { file, lines, json } if lines => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            present::write_extracted_lines(&file, json.json, &mut out)
        }
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

fn extract(text: &str, json: bool) -> Result<()> {
    let hits = Matcher::global().extract(text);
    answer(json, &hits, || present::extracted(&hits))
}

fn add(db: &mut Db, text: &str, level: Option<Level>) -> Result<()> {
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
            output(&present::candidates(&list))
        ),
    };
    let day = today()?;
    let claimed = db.update(|s| Ok(skills::add(s, &found, text, level, day)))?;
    show(&present::added(&claimed, &found, level))
}

fn list(db: &mut Db, json: bool) -> Result<()> {
    let s = db.load()?;
    answer(json, &s.skills, || present::listed(&s))
}

fn remove(db: &mut Db, text: &str) -> Result<()> {
    let label = db.update(|s| skills::remove(s, text))?;
    show(&present::removed(&label))
}

fn from_text(
    open: impl FnOnce() -> Result<Db>,
    file: &std::path::Path,
    add: bool,
    level: Option<Level>,
    json: bool,
) -> Result<()> {
    let text = read_input(file, TEXT_LIMIT)?;
    let hits = skills::proposals(&text);
    // Proposing needs no records: a newcomer reads their CV before `init`; claiming does.
    let mut db = if add { Some(open()?) } else { if_any(open)? };
    let new = skills::new_proposals(&hits, db.as_mut())?;
    let chosen: Vec<&Proposal> = if add { choose(&new, json)? } else { Vec::new() };
    if let (false, Some(db)) = (chosen.is_empty(), &mut db) {
        skills::claim_from(db, &chosen, level, today()?, file)?;
    }
    if json {
        return print_json(&present::proposed_json(hits.len(), &new, &chosen));
    }
    let file = file.display().to_string();
    show(&present::proposed(
        &file,
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

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum SkillsCommand {
    /// Claim a skill: free text is matched to ESCO or O*NET, with candidates when it is ambiguous
    Add {
        /// What you would call it ("sql", "write press releases"), or a taxonomy id
        #[arg(required = true, num_args = 1.., value_name = "SKILL")]
        skill: Vec<String>,
        /// How well you hold it
        #[arg(long, value_parser = choice::<Level>())]
        level: Option<Level>,
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
        #[arg(long, value_parser = choice::<Level>(), requires = "add")]
        level: Option<Level>,
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
