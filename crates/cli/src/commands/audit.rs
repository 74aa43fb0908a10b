//! The energy audit (002): "do more that you enjoy, less that you dread".

use anyhow::Result;
use clap::Args;
use milemarker_app::tasks;
use milemarker_core::decision::format_number;
use milemarker_core::life::AuditReport;
use milemarker_core::text::count;

use crate::cli::JsonFlag;
use crate::context::{Db, print, print_json, today};
use crate::ui::{DIM, HEADING, paint, percent};

pub fn run(db: &mut Db, args: AuditArgs) -> Result<()> {
    let date = match args.date {
        Some(date) => date,
        None => today()?,
    };
    let reports = db.update(|s| tasks::record_audit(s, date))?;
    let today_report = reports
        .iter()
        .find(|r| r.date == date)
        .expect("just recorded");
    if args.json.json {
        let trend: Vec<serde_json::Value> = reports
            .iter()
            .map(|r| serde_json::json!({"date": r.date, "drain_share": r.drain_share, "draining_hours": r.draining_hours}))
            .collect();
        return print_json(&serde_json::json!({"audit": today_report, "trend": trend}));
    }
    print(&render(today_report, &reports))
}

fn render(report: &AuditReport, all: &[AuditReport]) -> String {
    let mut out = format!(
        "{}\n",
        paint(HEADING, &format!("Energy audit, {}", report.date))
    );
    let share = report.drain_share.map_or("-".into(), percent);
    out.push_str(&format!(
        "  {} of {} a week drain you ({share}).\n",
        format_number(report.draining_hours),
        count(report.total_hours, "hour", "hours")
    ));
    for s in &report.suggestions {
        let action = serde_json::to_value(s.action)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        out.push_str(&format!(
            // The same "action, reason" the review writes.
            "  {}: {}, {}\n",
            s.name,
            paint(HEADING, &action),
            s.reason
        ));
    }
    if all.len() > 1 {
        let points: Vec<String> = all
            .iter()
            .map(|r| format!("{} {}", r.date, r.drain_share.map_or("-".into(), percent)))
            .collect();
        let (first, last) = (all[0].drain_share, all[all.len() - 1].drain_share);
        let direction = match (first, last) {
            (Some(a), Some(b)) if b < a => {
                "less of your week drains you than at first: more that you enjoy, less that you dread."
            }
            (Some(a), Some(b)) if b > a => "more of your week drains you than at first.",
            _ => "about the same share drains you as at first.",
        };
        out.push_str(&format!(
            "\n{}\n  {}\n  {direction}\n",
            paint(HEADING, "Over time"),
            paint(DIM, &points.join(" -> "))
        ));
    }
    out
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The audit's date [default: today]; an audit on the same date is replaced
    #[arg(long, value_name = "DATE")]
    pub date: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub json: JsonFlag,
}
