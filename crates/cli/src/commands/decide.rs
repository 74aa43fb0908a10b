use anyhow::{Context, Result};
use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::Method;
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
    if person.options.is_empty() {
        anyhow::bail!(
            "no options to decide between yet; add some with `milemarker option add ID --score VALUE=N`"
        );
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
