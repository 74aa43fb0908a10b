//! milemarker's skill matcher for Python (issue 22): the same `Matcher` the CLI runs, built into
//! an abi3 extension module with PyO3 and maturin (`crates/py/README.md`).
//!
//! Offsets are in characters of the Python string, not the bytes the CLI's JSON gives, so that
//! `text[hit["start"]:hit["end"]] == hit["matched"]` holds for any text.

use milemarker_market::names::{self, TitleMatch};
use milemarker_market::skills::{Hit, Matcher};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;

/// The taxonomies the matcher embeds, as its README and `milemarker --version` name them.
const TAXONOMY: &str =
    "ESCO v1.2.0 (with v1.1.1's retired labels) and O*NET 29.3 technology skills";

const CREDITS: &str = "\
ESCO classification, European Commission, CC BY 4.0 (https://esco.ec.europa.eu); \
O*NET 29.3 Database, U.S. Department of Labor, Employment and Training Administration, \
CC BY 4.0 (https://www.onetcenter.org); curated surface forms and the context model by \
milemarker (MIT OR Apache-2.0), the context model trained on SkillSpan (Zhang et al., \
NAACL 2022, MIT).";

/// A hit as the CLI's `skills extract --json` writes it, with character offsets.
struct Found {
    id: Option<String>,
    label: Option<&'static str>,
    start: usize,
    end: usize,
    matched: String,
    class: Option<(String, &'static str)>,
}

impl Found {
    fn of(text: &str, hit: &Hit) -> Found {
        let chars = |byte: usize| text[..byte].chars().count();
        Found {
            id: hit.id.map(|id| id.to_string()),
            label: hit.label,
            start: chars(hit.start),
            end: chars(hit.end),
            matched: hit.matched.to_string(),
            class: hit.class.map(|c| (c.id.to_string(), c.label)),
        }
    }

    fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let dict = PyDict::new(py);
        let kind = if self.id.is_some() {
            "concept"
        } else {
            "phrase"
        };
        dict.set_item("id", self.id)?;
        dict.set_item("label", self.label)?;
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("matched", self.matched)?;
        dict.set_item("kind", kind)?;
        if let Some((id, label)) = self.class {
            let class = PyDict::new(py);
            class.set_item("id", id)?;
            class.set_item("label", label)?;
            dict.set_item("class", class)?;
        }
        Ok(dict)
    }
}

fn extract_one(text: &str) -> Vec<Found> {
    Matcher::global()
        .extract(text)
        .iter()
        .map(|hit| Found::of(text, hit))
        .collect()
}

fn hits_list<'py>(py: Python<'py>, found: Vec<Found>) -> PyResult<Bound<'py, PyList>> {
    let dicts = found
        .into_iter()
        .map(|f| f.into_dict(py))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, dicts)
}

/// The skills in `text`: a list of dicts with `id` (an ESCO URI or `onet:` code; None for a
/// phrase the span tagger found that no taxonomy skill names), `label`, `start` and `end`
/// (character offsets), `matched` (the text as written), `kind` ("concept" or "phrase") and, for
/// an O*NET product, `class` (`id`, `label`: the commodity class it rolls up to).
#[pyfunction]
fn extract<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
    let found = py.detach(|| extract_one(text));
    hits_list(py, found)
}

/// `extract` over many texts at once, in parallel on all cores, without holding the GIL.
#[pyfunction]
fn extract_batch<'py>(py: Python<'py>, texts: Vec<String>) -> PyResult<Bound<'py, PyList>> {
    let found: Vec<Vec<Found>> = py.detach(|| texts.par_iter().map(|t| extract_one(t)).collect());
    let lists = found
        .into_iter()
        .map(|f| hits_list(py, f))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, lists)
}

/// Per text, the skill ids `milemarker postings import` stores for it: each skill found once,
/// boilerplate and doubtful hits left out, and each O*NET product's class beside it.
#[pyfunction]
fn skill_ids(py: Python<'_>, texts: Vec<String>) -> Vec<Vec<String>> {
    py.detach(|| {
        rolled_up(&texts)
            .into_iter()
            .map(|skills| skills.into_iter().map(|(id, _)| id).collect())
            .collect()
    })
}

/// `skill_ids` with each skill's preferred label: per text, (id, label) pairs.
#[pyfunction]
fn skills(py: Python<'_>, texts: Vec<String>) -> Vec<Vec<(String, &'static str)>> {
    py.detach(|| rolled_up(&texts))
}

fn rolled_up(texts: &[String]) -> Vec<Vec<(String, &'static str)>> {
    let matcher = Matcher::global();
    texts
        .par_iter()
        .map(|t| {
            let found = matcher.skills_rolled_up(t);
            found
                .into_iter()
                .map(|s| {
                    let (id, label) = matcher.skill(s);
                    (id.to_string(), label)
                })
                .collect()
        })
        .collect()
}

/// Whether `phrase`'s words appear, in order and adjacent, among `text`'s, as `market demand
/// --title` picks the postings of a title: case, punctuation and spacing aside.
#[pyfunction]
fn contains_words(text: &str, phrase: &str) -> bool {
    milemarker_market::taxonomy::contains_words(text, phrase)
}

/// Per posting title, the O*NET occupation whose titles fit it best, as (O*NET-SOC code, O*NET
/// title), by the title words `market occupations --search` weighs; None when no word of the
/// title is in any O*NET title. In parallel, without holding the GIL.
#[pyfunction]
fn occupation_of(py: Python<'_>, titles: Vec<String>) -> Vec<Option<(String, String)>> {
    py.detach(|| {
        titles
            .par_iter()
            .map(|t| names::find_occupations(t, 1).pop().map(code_and_title))
            .collect()
    })
}

fn code_and_title(m: TitleMatch) -> (String, String) {
    (m.code, m.title)
}

/// The one occupation a person means by `text`, as `--occupation` resolves it: an O*NET-SOC code
/// (15-1252.00) or job-title words ("software developer"). None when no O*NET occupation has
/// that code or is called anything like it; ValueError, listing the candidates with their codes,
/// when several fit about as well.
#[pyfunction]
fn occupation(text: &str) -> PyResult<Option<(String, String)>> {
    let text = text.trim();
    if milemarker_core::career::validate_soc(text).is_ok() {
        return Ok(names::onet_title(text).map(|title| (text.to_string(), title.to_string())));
    }
    match names::occupation(text) {
        names::Found::One(m) => Ok(Some(code_and_title(m))),
        names::Found::None => Ok(None),
        names::Found::Several(list) => {
            let shown: Vec<String> = list.iter().map(names::show_occupation).collect();
            Err(PyValueError::new_err(names::several(
                "occupation",
                text,
                &shown,
            )))
        }
    }
}

#[pymodule]
fn _matcher(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_batch, m)?)?;
    m.add_function(wrap_pyfunction!(skill_ids, m)?)?;
    m.add_function(wrap_pyfunction!(skills, m)?)?;
    m.add_function(wrap_pyfunction!(contains_words, m)?)?;
    m.add_function(wrap_pyfunction!(occupation_of, m)?)?;
    m.add_function(wrap_pyfunction!(occupation, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("TAXONOMY", TAXONOMY)?;
    m.add("CREDITS", CREDITS)?;
    Ok(())
}
