//! The mile markers (004): every detector, fired or not, with the rows behind it.

use anyhow::Result;
use milemarker_core::career::Snapshot;
use milemarker_core::markers::{Marker, Records, Wages, detect_all};
use milemarker_market::wages;

use crate::cli::MarkersArgs;
use crate::context::{Db, Settings, as_of, counted_weeks, print, print_json};
use crate::review::{evidence_line, marker_state};
use crate::ui::{DIM, HEADING, paint};

pub fn run(db: &mut Db, args: MarkersArgs, settings: &Settings) -> Result<()> {
    let day = as_of(args.as_of)?;
    let s = db.load()?;
    let markers = judge(&s, settings, day);
    if args.json.json {
        return print_json(&serde_json::json!({ "as_of": day, "markers": markers }));
    }
    let mut out = format!("{}\n", paint(HEADING, &format!("Mile markers as of {day}")));
    for m in &markers {
        out.push_str(&format!(
            "  {} {}: {}\n",
            marker_state(m),
            m.id.title(),
            m.summary
        ));
        if m.fired == Some(true) {
            for e in &m.evidence {
                out.push_str(&format!("      {}\n", paint(DIM, &evidence_line(e))));
            }
        }
        if let Some(missing) = &m.missing {
            out.push_str(&format!(
                "      {}\n",
                paint(DIM, &format!("needs {missing}"))
            ));
        }
    }
    print(&out)
}

/// What the detectors read besides the snapshot, worked out once: the counted weeks, the skills
/// (from the wins' skill tags until the labour-market work brings a skills list of its own), and
/// the OEWS wages for the person's occupation and area.
pub struct Derived {
    weeks: Vec<milemarker_core::life::WeekHours>,
    skills: Vec<String>,
    wages: Result<Wages, String>,
}

impl Derived {
    pub fn of(s: &Snapshot) -> Derived {
        let wages = match &s.profile.occupation {
            Some(occupation) => wages::lookup(occupation, s.profile.area.as_deref())
                .map(|found| found.for_markers())
                .map_err(|err| err.to_string()),
            None => Err("no occupation code in your profile".into()),
        };
        Derived {
            weeks: counted_weeks(s),
            skills: skills_of(s),
            wages,
        }
    }

    pub fn records<'a>(&'a self, s: &'a Snapshot) -> Records<'a> {
        Records {
            snapshot: s,
            weeks: &self.weeks,
            wages: self.wages.as_ref().map_err(String::as_str),
            demand: None,
            skills: &self.skills,
        }
    }
}

pub fn judge(s: &Snapshot, settings: &Settings, day: jiff::civil::Date) -> Vec<Marker> {
    let derived = Derived::of(s);
    detect_all(&derived.records(s), &settings.thresholds, day)
}

pub fn skills_of(s: &Snapshot) -> Vec<String> {
    let mut skills: Vec<String> = Vec::new();
    for skill in s.achievements.iter().flat_map(|w| &w.skills) {
        if !skills.iter().any(|k| k.eq_ignore_ascii_case(skill)) {
            skills.push(skill.clone());
        }
    }
    skills
}
