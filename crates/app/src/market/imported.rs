//! Demand counted elsewhere (issue 22): the Spark job's `demand.json` (jobs/spark/demand.py),
//! read and checked whole before anything uses it, for `market demand --from` and for
//! `postings import-demand`, which keeps it in the store for every view that reads demand.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;
use milemarker_market::demand::{Month, MonthCount};
use milemarker_market::lookup::Taxonomy;
use milemarker_market::taxonomy::canonical;
use milemarker_store::ImportedDemand;
use serde::{Deserialize, Serialize};

use crate::input::{DEMAND_LIMIT, read_input};
use crate::records::Db;

/// The file the Spark job writes into its output folder.
pub const DEMAND_FILE: &str = "demand.json";

/// How to make a file this reads: every message that refuses one ends with it.
const REMAKE: &str = "write it with the Spark job: python jobs/spark/demand.py --postings FILES \
                      --out DIR (see jobs/spark/README.md)";

/// `demand.json` as the Spark job writes it: the market part of `market demand --json`, with
/// the days of the first and last posting, and the gap to a title when it ran with `--title`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemandFile {
    /// Who counted: "milemarker Spark job".
    pub computed_by: String,
    /// "1,200 job postings from 300 employers, 2025-01-03 to 2026-10-30".
    pub dataset: String,
    pub first: Date,
    pub last: Date,
    pub through: Month,
    pub months: Vec<Month>,
    pub postings: u32,
    pub employers: u32,
    /// Every skill asked for in the window or the year before, unless the job ran with `--limit`.
    pub skills: Vec<FileSkill>,
    /// Whether `skills` holds every skill (the job ran without `--limit`).
    pub complete: bool,
    #[serde(default)]
    pub gap: Option<FileGap>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileSkill {
    pub id: String,
    pub label: String,
    pub postings: u32,
    pub employers: u32,
    pub year_before: u32,
    pub trend: Option<f64>,
    pub by_month: Vec<MonthCount>,
}

/// The postings whose title has `title`'s words in the window, and per skill how many ask for it
/// (every skill asked for by at least a tenth of them; the person's own are taken out on reading).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileGap {
    pub title: String,
    pub postings: u32,
    pub skills: Vec<FileGapSkill>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileGapSkill {
    pub id: String,
    pub label: String,
    pub postings: u32,
}

/// A demand file read and checked, and where it came from.
#[derive(Debug, Clone)]
pub struct Counted {
    /// The file as given ("out/demand.json").
    pub source: String,
    pub file: DemandFile,
}

impl Counted {
    /// "demand from out/demand.json, postings 2024-09 to 2026-09, computed by the Spark job:
    /// 1,200 job postings from 300 employers, ...": what every view reading it says first.
    pub fn describe(&self) -> String {
        let f = &self.file;
        let who = if f.computed_by.starts_with("milemarker Spark job") {
            "the Spark job".to_string()
        } else {
            f.computed_by.clone()
        };
        let cut = if f.complete {
            ""
        } else {
            " (only its top skills: the job ran with --limit)"
        };
        format!(
            "demand from {}, postings {} to {}, computed by {who}{cut}: {}",
            self.source,
            Month::of(f.first),
            Month::of(f.last),
            f.dataset
        )
    }
}

/// `path`, a file or the job's output folder (then its `demand.json`).
pub fn demand_file_in(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join(DEMAND_FILE)
    } else {
        path.to_path_buf()
    }
}

/// Reads and checks the demand file at `path` (or in the folder `path`).
pub fn read(path: &Path) -> Result<Counted> {
    let file = demand_file_in(path);
    let source = file.display().to_string();
    if !file.exists() {
        bail!(
            "{source}: no such file; give the Spark job's output folder or its {DEMAND_FILE} \
             ({REMAKE})"
        );
    }
    let text = read_input(&file, DEMAND_LIMIT)?;
    parse(&source, &text)
}

/// Parses and checks a demand file's text; errors name `source`, the field and the fix.
pub fn parse(source: &str, text: &str) -> Result<Counted> {
    let mut de = serde_json::Deserializer::from_str(text);
    let file: DemandFile = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let field = err.path().to_string();
        let inner = err.into_inner();
        // serde_json's message ends with the line and column.
        if field == "." {
            anyhow!("{source}: {inner}; is it the Spark job's {DEMAND_FILE}? {REMAKE}")
        } else {
            anyhow!("{source}: field {field}: {inner}; {REMAKE}")
        }
    })?;
    check(&file).map_err(|(field, message)| {
        anyhow!("{source}: field {field}: {message}; it is not as the job writes it: {REMAKE}")
    })?;
    Ok(Counted {
        source: source.to_string(),
        file,
    })
}

/// What is wrong with a file that parsed: the field and why.
fn check(f: &DemandFile) -> std::result::Result<(), (String, String)> {
    let bad = |field: &str, message: String| Err((field.to_string(), message));
    if f.first > f.last {
        return bad("first", format!("{} is after last ({})", f.first, f.last));
    }
    if f.through > Month::of(f.last) {
        return bad(
            "through",
            format!("{} is after the last posting ({})", f.through, f.last),
        );
    }
    if f.months.is_empty() || f.months.len() > 60 {
        return bad(
            "months",
            format!("{} months; 1 to 60 are counted", f.months.len()),
        );
    }
    let expected: Vec<Month> = (0..f.months.len() as i32)
        .rev()
        .map(|back| f.through.minus(back))
        .collect();
    if f.months != expected {
        return bad(
            "months",
            format!(
                "not the {} months in a row ending with through ({})",
                f.months.len(),
                f.through
            ),
        );
    }
    if f.employers > f.postings {
        return bad(
            "employers",
            format!("{} employers for {} postings", f.employers, f.postings),
        );
    }
    let known = |id: &str| Taxonomy::global().label(id).is_some();
    let mut seen = HashSet::new();
    for (i, s) in f.skills.iter().enumerate() {
        let at = |field: &str| format!("skills[{i}].{field}");
        if !known(&s.id) {
            return bad(
                &at("id"),
                format!(
                    "{:?} is not a skill this milemarker knows (the job's milemarker_matcher \
                     and this milemarker must be the same version)",
                    s.id
                ),
            );
        }
        if !seen.insert(s.id.as_str()) {
            return bad(&at("id"), format!("{:?} is listed twice", s.id));
        }
        if s.postings > f.postings {
            return bad(
                &at("postings"),
                format!("{} of only {} postings", s.postings, f.postings),
            );
        }
        if s.employers > s.postings {
            return bad(
                &at("employers"),
                format!("{} employers for {} postings", s.employers, s.postings),
            );
        }
        let months: Vec<Month> = s.by_month.iter().map(|m| m.month).collect();
        if months != f.months {
            return bad(
                &at("by_month"),
                "its months are not the file's months".into(),
            );
        }
        let sum: u32 = s.by_month.iter().map(|m| m.postings).sum();
        if sum != s.postings {
            return bad(
                &at("postings"),
                format!("{} but its months add up to {sum}", s.postings),
            );
        }
        let trend =
            (s.year_before > 0).then(|| f64::from(s.postings) / f64::from(s.year_before) - 1.0);
        let same = match (s.trend, trend) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-6,
            (a, b) => a.is_none() && b.is_none(),
        };
        if !same {
            return bad(
                &at("trend"),
                format!(
                    "{:?} does not follow from postings {} and year_before {}",
                    s.trend, s.postings, s.year_before
                ),
            );
        }
    }
    if let Some(gap) = &f.gap {
        if canonical(&gap.title).is_empty() {
            return bad("gap.title", "no words".into());
        }
        if gap.postings > f.postings {
            return bad(
                "gap.postings",
                format!("{} of only {} postings", gap.postings, f.postings),
            );
        }
        for (i, s) in gap.skills.iter().enumerate() {
            if !known(&s.id) {
                return bad(
                    &format!("gap.skills[{i}].id"),
                    format!("{:?} is not a skill this milemarker knows", s.id),
                );
            }
            if s.postings > gap.postings {
                return bad(
                    &format!("gap.skills[{i}].postings"),
                    format!("{} of only {} postings", s.postings, gap.postings),
                );
            }
        }
    }
    Ok(())
}

/// What `postings import-demand` answers.
#[derive(Debug, Clone, Serialize)]
pub struct DemandImported {
    pub source: String,
    /// What the views now say their demand is.
    pub dataset: String,
    pub skills: usize,
    pub through: Month,
}

/// Checks the demand file at `path` and keeps it in the store, in place of any imported before:
/// the views read it instead of counting the postings stored here. A file refused changes nothing.
pub fn import(db: &mut Db, path: &Path, today: Date) -> Result<DemandImported> {
    let counted = read(path)?;
    let body = serde_json::to_string(&counted.file)?;
    let (runtime, store) = db.parts();
    runtime.block_on(store.set_imported_demand(Some(&ImportedDemand {
        source: counted.source.clone(),
        imported: today,
        body,
    })))?;
    Ok(DemandImported {
        dataset: counted.describe(),
        source: counted.source,
        skills: counted.file.skills.len(),
        through: counted.file.through,
    })
}

/// Removes the imported demand: the views count the postings stored here again. Whether there
/// was one.
pub fn forget(db: &mut Db) -> Result<bool> {
    let (runtime, store) = db.parts();
    Ok(runtime.block_on(store.set_imported_demand(None))?)
}

/// The demand imported into the store, if any.
pub fn stored(db: &mut Db) -> Result<Option<Counted>> {
    let (runtime, store) = db.parts();
    let Some(found) = runtime.block_on(store.imported_demand())? else {
        return Ok(None);
    };
    // Checked on import, and again here: a milemarker updated since may know other skills.
    parse(&found.source, &found.body).map(Some).map_err(|err| {
        anyhow!(
            "{err:#}\n(the demand imported on {} no longer reads: import it again, or \
                 `milemarker postings forget-demand`)",
            found.imported
        )
    })
}

/// Skill numbers for a file's ids, as the counter's [`Demand`] holds them, and their names.
///
/// [`Demand`]: milemarker_market::demand::Demand
#[derive(Default)]
pub(super) struct Numbers {
    pub by_id: HashMap<String, u32>,
    pub taxa: HashMap<u32, (String, String)>,
}

impl Numbers {
    pub fn of(&mut self, id: &str, label: &str) -> u32 {
        if let Some(&n) = self.by_id.get(id) {
            return n;
        }
        let n = self.taxa.len() as u32;
        self.by_id.insert(id.to_string(), n);
        self.taxa.insert(n, (id.to_string(), label.to_string()));
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> serde_json::Value {
        serde_json::json!({
            "computed_by": "milemarker Spark job (jobs/spark/demand.py)",
            "dataset": "3 job postings from 2 employers, 2025-10-02 to 2026-10-20",
            "first": "2025-10-02",
            "last": "2026-10-20",
            "through": "2026-10",
            "months": ["2026-09", "2026-10"],
            "postings": 2,
            "employers": 2,
            "complete": true,
            "skills": [{
                "id": "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d",
                "label": "Python (computer programming)",
                "postings": 2, "employers": 2, "year_before": 1, "trend": 1.0,
                "by_month": [
                    {"month": "2026-09", "postings": 1, "employers": 1},
                    {"month": "2026-10", "postings": 1, "employers": 1}
                ]
            }],
            "bad_rows": 0
        })
    }

    fn parsed(v: &serde_json::Value) -> Result<Counted> {
        parse("out/demand.json", &v.to_string())
    }

    #[test]
    fn a_file_as_the_job_writes_it_reads_and_says_where_it_came_from() {
        let counted = parsed(&file()).unwrap();
        assert_eq!(counted.file.skills.len(), 1);
        assert_eq!(
            counted.describe(),
            "demand from out/demand.json, postings 2025-10 to 2026-10, computed by the Spark \
             job: 3 job postings from 2 employers, 2025-10-02 to 2026-10-20"
        );
    }

    #[test]
    fn errors_name_the_file_the_field_and_the_fix() {
        let cases: Vec<(&str, serde_json::Value, &str)> = vec![
            ("/through", serde_json::json!("2026-13"), "field through"),
            ("/postings", serde_json::json!(-1), "field postings"),
            (
                "/months",
                serde_json::json!(["2026-08", "2026-10"]),
                "field months",
            ),
            (
                "/skills/0/postings",
                serde_json::json!(3),
                "field skills[0].postings",
            ),
            (
                "/skills/0/id",
                serde_json::json!("esco:nothing"),
                "field skills[0].id",
            ),
            (
                "/skills/0/trend",
                serde_json::json!(0.5),
                "field skills[0].trend",
            ),
            (
                "/skills/0/by_month/1/month",
                serde_json::json!("2026-11"),
                "field skills[0].by_month",
            ),
            ("/first", serde_json::json!("2027-01-01"), "field first"),
        ];
        for (pointer, value, field) in cases {
            let mut v = file();
            *v.pointer_mut(pointer).unwrap() = value;
            let err = format!("{:#}", parsed(&v).unwrap_err());
            assert!(err.starts_with("out/demand.json: "), "{err}");
            assert!(err.contains(field), "{pointer}: {err}");
            assert!(err.contains("jobs/spark/demand.py"), "{err}");
        }
        let mut v = file();
        v.as_object_mut().unwrap().remove("last");
        let err = format!("{:#}", parsed(&v).unwrap_err());
        assert!(err.contains("missing field `last`"), "{err}");
        let err = format!("{:#}", parse("x.json", "[1, 2").unwrap_err());
        assert!(err.starts_with("x.json: "), "{err}");
    }
}
