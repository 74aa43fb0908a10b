//! Deciding over a person's records, and what the decision still lacks.

use anyhow::{Result, anyhow, bail};
use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::Method;
use milemarker_core::decision::gaps::{Gap, describe};
use milemarker_core::decision::result::DecisionResult;
use milemarker_core::decision::{DecisionDocument, decide};

use crate::records::invalid;

/// The person's decision and, unless it is SMAA already, its robustness run.
pub type Decision = (DecisionResult, Option<DecisionResult>);

/// A decision document from a file named `name` ("-" for standard input).
pub fn parse_document(name: &str, text: &str) -> Result<DecisionDocument> {
    // Standard input has no extension: JSON starts with '{', anything else is read as TOML.
    let result = if name == "-" && !text.trim_start().starts_with('{') {
        DecisionDocument::from_toml_str(text)
    } else {
        DecisionDocument::from_str_named(name, text)
    };
    result.map_err(|err| anyhow!("{name}: {err}"))
}

/// The decision a document file (- for standard input) holds.
pub fn decide_file(path: &std::path::Path) -> Result<DecisionResult> {
    use crate::input::{DECISION_LIMIT, read_input, refuse_empty};
    let text = read_input(path, DECISION_LIMIT)?;
    refuse_empty(
        path,
        &text,
        "nothing to decide: a decision document lists the options and what they are judged on",
    )?;
    let name = path.display().to_string();
    let doc = parse_document(&name, &text)?;
    anyhow::Context::with_context(decide(&doc), || format!("{name} cannot be decided"))
}

/// The person's decision and, unless it is SMAA already, how it holds up when only the order of
/// their values is trusted (SMAA-2 over weights that respect that order).
pub fn decide_person(person: &Snapshot, method: Option<Method>) -> Result<Decision> {
    let gaps = person.decision_gaps(method);
    if !gaps.is_empty() {
        bail!("{}", lacks_message(&gaps));
    }
    let run = |method: Option<Method>| -> Result<DecisionResult> {
        let doc = person.decision_document(method).map_err(invalid)?;
        decide(&doc).map_err(|err| anyhow!("cannot decide over your options: {err}"))
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
