use anyhow::{Context, Result};
use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::Method;
use milemarker_core::decision::gaps::{Gap, describe};
use milemarker_core::decision::result::DecisionResult;
use milemarker_core::decision::{DecisionDocument, decide};

use crate::cli::{DecideArgs, to_domain};
use crate::context::{DECISION_LIMIT, Db, invalid, print, print_json, read_input, refuse_empty};
use crate::report;

pub fn run(open: impl FnOnce() -> Result<Db>, args: DecideArgs) -> Result<()> {
    match &args.file {
        Some(path) => {
            let text = read_input(path, DECISION_LIMIT)?;
            refuse_empty(
                path,
                &text,
                "nothing to decide: a decision document lists the options and what they are judged on",
            )?;
            let name = path.display().to_string();
            let doc = parse_document(&name, &text)?;
            let result = decide(&doc).with_context(|| format!("{name} cannot be decided"))?;
            if args.json.json {
                print_json(&result)
            } else {
                print(&report::render(&result, None, None))
            }
        }
        None => {
            let person = open()?.load()?;
            let method = args.method.map(to_domain);
            if args.check {
                // Ready means `decide` works: no gaps, and nothing else refuses it either.
                decide_person(&person, method)?;
                return print("Nothing is missing: ready to decide (`milemarker decide`).\n");
            }
            let (result, robustness) = decide_person(&person, method)?;
            if args.json.json {
                print_json(&with_robustness(&result, robustness.as_ref())?)
            } else {
                print(&report::render(&result, robustness.as_ref(), Some(&person)))
            }
        }
    }
}

fn parse_document(name: &str, text: &str) -> Result<DecisionDocument> {
    // Standard input has no extension: JSON starts with '{', anything else is read as TOML.
    let result = if name == "-" && !text.trim_start().starts_with('{') {
        DecisionDocument::from_toml_str(text)
    } else {
        DecisionDocument::from_str_named(name, text)
    };
    result.map_err(|err| anyhow::anyhow!("{name}: {err}"))
}

/// The person's decision and, unless it is SMAA already, how it holds up when only the order of
/// their values is trusted (SMAA-2 over weights that respect that order).
pub fn decide_person(
    person: &Snapshot,
    method: Option<Method>,
) -> Result<(DecisionResult, Option<DecisionResult>)> {
    let gaps = person.decision_gaps(method);
    if !gaps.is_empty() {
        anyhow::bail!("{}", lacks_message(&gaps));
    }
    let run = |method: Option<Method>| -> Result<DecisionResult> {
        let doc = person.decision_document(method).map_err(invalid)?;
        decide(&doc).map_err(|err| anyhow::anyhow!("cannot decide over your options: {err}"))
    };
    let result = run(method)?;
    let robustness = match result.method {
        Method::Smaa => None,
        _ if result.ranking.len() < 2 => None,
        _ => Some(run(Some(Method::Smaa))?),
    };
    Ok((result, robustness))
}

/// "The decision lacks ..." with every gap and its command, for errors and after writes.
pub fn lacks_message(gaps: &[Gap]) -> String {
    let count = match gaps.len() {
        1 => "one thing".to_string(),
        n => format!("{n} things"),
    };
    format!(
        "the decision lacks {count}; fill {} in and decide again:\n{}",
        if gaps.len() == 1 { "it" } else { "them" },
        describe(gaps).trim_end()
    )
}

/// What the decision still lacks, as a short block to end a writing command's output; nothing
/// when nothing lacks.
pub fn lacks_block(person: &Snapshot) -> String {
    let gaps = person.decision_gaps(None);
    if gaps.is_empty() {
        return String::new();
    }
    format!(
        "\nYour decision still lacks {}:\n{}",
        milemarker_core::text::count(gaps.len() as f64, "thing", "things"),
        describe(&gaps)
    )
}

pub fn with_robustness(
    result: &DecisionResult,
    robustness: Option<&DecisionResult>,
) -> Result<serde_json::Value> {
    let mut value = serde_json::to_value(result)?;
    if let (Some(object), Some(robustness)) = (value.as_object_mut(), robustness) {
        object.insert("robustness".into(), serde_json::to_value(robustness)?);
    }
    Ok(value)
}
