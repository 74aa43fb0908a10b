//! The market page's content, from the application's typed answers (the very values `market
//! pay`, `market demand --occupation` and `market occupations` print), so both show the same
//! figures in the same words.

use milemarker_app::market::PayAnswer;
use milemarker_app::present::market as present;
use milemarker_app::session::MarketAnswers;

use crate::review::{DocView, output_view};

pub struct PayView {
    pub heading: String,
    pub fallback: Option<String>,
    pub percentiles: Vec<(String, String)>,
    pub position: String,
    pub source: String,
}

pub struct MarketView {
    pub pay: Result<PayView, String>,
    /// Demand, coverage and gap, and the occupations that fit: the documents of `market demand`
    /// and `market occupations`.
    pub demand: Result<DocView, String>,
    pub occupations: Result<DocView, String>,
}

fn pay_view(a: &PayAnswer) -> PayView {
    PayView {
        heading: a.heading(),
        fallback: a.fallback.clone(),
        percentiles: a.cells(),
        position: a.position_sentence().unwrap_or_else(|| {
            "Set your pay (`milemarker profile set --pay N`) to place it.".into()
        }),
        source: a.source.to_string(),
    }
}

pub fn market_view(m: &MarketAnswers) -> MarketView {
    MarketView {
        pay: m.pay.as_ref().map(pay_view).map_err(Clone::clone),
        demand: m
            .demand
            .as_ref()
            .map(|a| output_view(&present::demand(a), &["demand", "coverage", "gap"]))
            .map_err(Clone::clone),
        occupations: m
            .occupations
            .as_ref()
            .map(|a| output_view(&present::occupations(a), &["occupations"]))
            .map_err(Clone::clone),
    }
}
