//! The mile markers (004): every detector, fired or not, with the rows behind it.

use anyhow::Result;
use milemarker_core::career::Snapshot;
use milemarker_core::markers::{Marker, Records, detect_all};

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

/// The records the detectors read, as stored; skills come from the wins' skill tags until the
/// labour-market data brings a skills list of its own.
pub fn judge(s: &Snapshot, settings: &Settings, day: jiff::civil::Date) -> Vec<Marker> {
    let weeks = counted_weeks(s);
    let skills = skills_of(s);
    let records = Records {
        snapshot: s,
        weeks: &weeks,
        wages: None,
        demand: None,
        skills: &skills,
    };
    detect_all(&records, &settings.thresholds, day)
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
