//! Money: what a month costs, what is saved, and how long each path's income lasts with it.

use milemarker_core::career::{Finances, Snapshot};
use milemarker_core::decision::document::FinancesSpec;
use milemarker_core::decision::problem::runway_months;

pub fn set(s: &mut Snapshot, finances: Finances) {
    s.finances = Some(finances);
}

/// Forgets the finances: the runway is no longer known.
pub fn clear(s: &mut Snapshot) -> anyhow::Result<()> {
    if s.finances.take().is_none() {
        anyhow::bail!("no finances are recorded");
    }
    Ok(())
}

/// Each option's runway in months, for the options with a net income; `None` when income covers
/// expenses. Nothing without finances.
pub fn runways(s: &Snapshot) -> Vec<(String, Option<f64>)> {
    let Some(f) = &s.finances else {
        return Vec::new();
    };
    let spec = FinancesSpec {
        monthly_expenses: f.monthly_expenses,
        savings: f.savings,
        other_income: f.other_income,
    };
    s.options
        .iter()
        .filter_map(|o| {
            o.net_income
                .map(|income| (o.id.clone(), runway_months(&spec, income)))
        })
        .map(|(id, m)| (id, m.is_finite().then_some(m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{self, OptionFields};

    #[test]
    fn a_runway_ends_only_where_income_falls_short() {
        let mut s = Snapshot::default();
        assert!(runways(&s).is_empty());
        for (id, income) in [("break", 0.0), ("stay", 5000.0)] {
            let fields = OptionFields {
                net_income: Some(income),
                ..OptionFields::default()
            };
            options::add(&mut s, id, fields).unwrap();
        }
        set(
            &mut s,
            Finances {
                monthly_expenses: 4000.0,
                savings: 24000.0,
                other_income: 1000.0,
            },
        );
        assert!(clear(&mut s.clone()).is_ok());
        assert!(clear(&mut Snapshot::default()).is_err());
        let found = runways(&s);
        assert_eq!(found[0], ("break".to_string(), Some(8.0)));
        assert_eq!(found[1], ("stay".to_string(), None));
    }
}
