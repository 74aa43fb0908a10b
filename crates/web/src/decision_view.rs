//! The decision page's content: the application's decision document, the very words `milemarker
//! decide` prints, with how often each option takes each rank (SMAA-2) drawn as a chart.

use milemarker_app::decide::Decision;
use milemarker_app::present::{Chart, decision_document};
use milemarker_core::career::Snapshot;

use crate::charts::acceptability_chart;
use crate::review::{DocView, doc_view};

pub fn decision_view(s: &Snapshot, (result, robustness): &Decision) -> DocView {
    let name = |id: &str| {
        s.options
            .iter()
            .find(|o| o.id == id && !o.name.is_empty())
            .map_or(id.to_string(), |o| o.name.clone())
    };
    let smaa = robustness
        .as_ref()
        .and_then(|r| r.smaa.as_ref())
        .or(result.smaa.as_ref());
    let chart = |chart: Chart| {
        let (Chart::Acceptability, Some(smaa)) = (chart, smaa) else {
            return String::new();
        };
        let mut rows: Vec<(String, Vec<f64>)> = smaa
            .rank_acceptability
            .iter()
            .map(|(id, shares)| (name(id), shares.clone()))
            .collect();
        // Most often first at the top.
        rows.sort_by(|a, b| {
            let first = |v: &[f64]| v.first().copied().unwrap_or(0.0);
            first(&b.1).total_cmp(&first(&a.1))
        });
        format!(
            "{}<p class=\"legend\"><span>green: first</span><span>grey: second</span>\
             <span>light: third</span><span>faint: lower</span></p>",
            acceptability_chart(&rows)
        )
    };
    doc_view(
        &decision_document(result, robustness.as_ref(), Some(s)),
        &chart,
        false,
    )
}
