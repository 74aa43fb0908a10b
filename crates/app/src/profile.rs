//! The person's profile: who they are at work, what they are paid, where their week ends.

use jiff::civil::Date;
use milemarker_core::career::Profile;

/// Fields of the profile to change; what is `None` stays as it is. Text given blank clears
/// its field.
#[derive(Debug, Clone, Default)]
pub struct ProfileFields {
    pub name: Option<String>,
    /// A job title or an O*NET-SOC code.
    pub occupation: Option<String>,
    /// An OEWS area code.
    pub area: Option<String>,
    pub role_start: Option<Date>,
    pub last_promotion: Option<Date>,
    pub promotion_promised: Option<Date>,
    pub level: Option<String>,
    pub pay: Option<f64>,
    pub bonus: Option<f64>,
    pub equity: Option<f64>,
    /// ISO 4217, any case.
    pub currency: Option<String>,
    /// Weekly hours not to work past.
    pub boundary: Option<f64>,
    pub work_days: Option<u8>,
}

pub fn apply(p: &mut Profile, fields: ProfileFields) {
    let ProfileFields {
        name,
        occupation,
        area,
        role_start,
        last_promotion,
        promotion_promised,
        level,
        pay,
        bonus,
        equity,
        currency,
        boundary,
        work_days,
    } = fields;
    let text = |value: Option<String>, slot: &mut Option<String>| {
        if let Some(v) = value {
            *slot = (!v.trim().is_empty()).then(|| v.trim().to_string());
        }
    };
    text(name, &mut p.name);
    text(occupation, &mut p.occupation);
    text(area, &mut p.area);
    text(level, &mut p.level);
    p.role_start = role_start.or(p.role_start);
    p.last_promotion = last_promotion.or(p.last_promotion);
    p.promotion_promised = promotion_promised.or(p.promotion_promised);
    p.pay = pay.or(p.pay);
    p.bonus = bonus.or(p.bonus);
    p.equity = equity.or(p.equity);
    if let Some(c) = currency {
        p.currency = c.to_ascii_uppercase();
    }
    p.boundary_hours = boundary.unwrap_or(p.boundary_hours);
    p.work_days = work_days.unwrap_or(p.work_days);
}

/// Changes the profile to what a form states whole: an optional field left out (a date, a pay, a
/// name) is none, where [`apply`] would keep it. The currency, the boundary and the working days,
/// which always have a value, stay when left out.
pub fn restate(p: &mut Profile, fields: ProfileFields) {
    *p = Profile {
        currency: std::mem::take(&mut p.currency),
        boundary_hours: p.boundary_hours,
        work_days: p.work_days,
        ..Profile::default()
    };
    apply(p, fields);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_clears_and_absent_fields_stay() {
        let mut p = Profile {
            name: Some("Ada".into()),
            pay: Some(90000.0),
            ..Profile::default()
        };
        apply(
            &mut p,
            ProfileFields {
                name: Some("  ".into()),
                level: Some(" Senior ".into()),
                currency: Some("eur".into()),
                ..ProfileFields::default()
            },
        );
        assert_eq!(p.name, None);
        assert_eq!(p.level.as_deref(), Some("Senior"));
        assert_eq!(p.pay, Some(90000.0));
        assert_eq!(p.currency, "EUR");
    }

    #[test]
    fn a_restated_profile_has_none_where_nothing_is_given() {
        let mut p = Profile {
            name: Some("Ada".into()),
            pay: Some(90000.0),
            bonus: Some(5000.0),
            role_start: Some(jiff::civil::date(2024, 3, 1)),
            boundary_hours: 40.0,
            ..Profile::default()
        };
        restate(
            &mut p,
            ProfileFields {
                name: Some("Ada".into()),
                pay: Some(95000.0),
                ..ProfileFields::default()
            },
        );
        assert_eq!(p.name.as_deref(), Some("Ada"));
        assert_eq!((p.pay, p.bonus, p.role_start), (Some(95000.0), None, None));
        assert_eq!(p.boundary_hours, 40.0);
    }
}
