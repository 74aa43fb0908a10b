//! `market pay`: where the person's pay sits among the published wages.

use anyhow::{Result, bail};
use indexmap::IndexMap;
use milemarker_core::career::Profile;
use milemarker_core::markers::{PayPlace, grouped};
use milemarker_core::text::ordinal;
use milemarker_market::wages::{self, AreaLevel, Cell, DATASET, PERCENTILES};
use serde::Serialize;

/// Pay against the market, as `market pay --json` gives it.
#[derive(Debug, Clone, Serialize)]
pub struct PayAnswer {
    pub occupation: String,
    pub title: String,
    pub area: String,
    pub area_name: String,
    pub area_level: AreaLevel,
    pub fallback: Option<String>,
    /// By percentile ("10" to "90").
    pub percentiles: IndexMap<String, Cell>,
    pub pay: Option<f64>,
    pub percentile: Option<f64>,
    pub position: Option<String>,
    pub currency: &'static str,
    pub source: &'static str,
    /// Where the pay sits, typed: the sentences are made from it, never from `position`.
    #[serde(skip)]
    pub place: Option<PayPlace>,
    /// The area as a place: "the United States", "Ohio".
    #[serde(skip)]
    pub place_name: String,
    /// The profile's currency, when the pay placed is the profile's and not in US dollars.
    #[serde(skip)]
    pub other_currency: Option<String>,
}

/// Pay for `profile`'s occupation and area, or those given instead; `pay` overrides the
/// profile's.
pub fn pay(
    profile: &Profile,
    occupation: Option<String>,
    area: Option<String>,
    pay: Option<f64>,
) -> Result<PayAnswer> {
    let Some(occupation) = occupation.or(profile.occupation.clone()) else {
        bail!(
            "no occupation: pass --occupation 11-2021.00 or set it with `milemarker profile set --occupation`"
        );
    };
    // An area given on the command line replaces the profile's; none at all means national.
    let area = area.or(profile.area.clone());
    let found = wages::lookup(&occupation, area.as_deref())?;
    let given = pay.is_some();
    let pay = pay.or_else(|| profile.total_pay());
    if pay.is_some_and(|p| !p.is_finite() || p < 0.0) {
        bail!("--pay: give a yearly amount of 0 or more");
    }
    let wages = found.for_markers();
    // Outside the published points there is no number to give, only the side.
    let place = pay
        .filter(|_| wages.percentiles.len() >= 2)
        .map(|p| PayPlace::of(&wages, p));
    let position = place.map(|place| match place {
        PayPlace::Within(_) => "within the published percentiles".to_string(),
        outside => outside.describe(),
    });
    Ok(PayAnswer {
        percentiles: PERCENTILES
            .iter()
            .zip(&found.percentiles)
            .map(|(p, c)| (p.to_string(), *c))
            .collect(),
        pay,
        percentile: place
            .and_then(PayPlace::percentile)
            .map(|p| (p * 10.0).round() / 10.0),
        position,
        currency: "USD",
        source: DATASET,
        place,
        place_name: found.area.place(),
        other_currency: (profile.currency != "USD" && !given && pay.is_some())
            .then(|| profile.currency.clone()),
        occupation: found.occupation,
        title: found.title,
        area: found.area.code,
        area_name: found.area.name,
        area_level: found.area.level,
        fallback: found.fallback,
    })
}

impl PayAnswer {
    /// "Marketing Managers (11-2021) in Ohio".
    pub fn heading(&self) -> String {
        format!(
            "{} ({}) in {}",
            self.title, self.occupation, self.place_name
        )
    }

    /// Each published percentile and its wage: ("10th", "98,350").
    pub fn cells(&self) -> Vec<(String, String)> {
        self.percentiles
            .iter()
            .map(|(p, c)| {
                let value = match c {
                    Cell::Wage(w) => grouped(*w),
                    Cell::Suppressed => "not published".into(),
                    Cell::TopCoded => "top-coded".into(),
                };
                let p = p.parse().map_or_else(|_| p.clone(), ordinal);
                (p, value)
            })
            .collect()
    }

    /// Where the pay sits, in a sentence; none without a pay to place (each face says how to
    /// give one in its own terms: a flag, a form).
    pub fn position_sentence(&self) -> Option<String> {
        match (self.pay, self.place, &self.position) {
            (Some(p), Some(PayPlace::Within(percentile)), _) => Some(format!(
                "Your pay, {}, sits near the {} percentile.",
                grouped(p),
                ordinal(percentile)
            )),
            (Some(p), _, Some(position)) => {
                Some(format!("Your pay, {}, is {position}.", grouped(p)))
            }
            _ => None,
        }
    }
}
