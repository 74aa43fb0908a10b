//! Numbers and small words every report shares, whatever it is rendered as: counts, money,
//! shares, ordinals, plurals. Every face formats them here, so they read the same everywhere.

/// An enum's serde name, e.g. `LifeArea::Career` -> "career": the word the user typed.
pub fn word<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// A share of 1 as a whole percentage: 0.274 -> "27%".
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The noun for a count: `noun(1, "employer", "employers")` -> "employer".
pub fn noun<'a>(n: impl Into<f64>, one: &'a str, many: &'a str) -> &'a str {
    if n.into() == 1.0 { one } else { many }
}

/// A whole number as an ordinal: 1st 2nd 3rd 4th 11th 12th 13th 21st 41st 102nd.
pub fn ordinal(n: f64) -> String {
    let n = n.round() as i64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// How long ago, in days, as a person says it: "today", "yesterday", "12 days ago".
pub fn days_ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    }
}

/// A count with its noun: `count(1, "lead", "leads")` -> "1 lead".
pub fn count(n: impl Into<f64> + Copy, one: &str, many: &str) -> String {
    let value: f64 = n.into();
    format!(
        "{} {}",
        crate::decision::format_number(value),
        noun(value, one, many)
    )
}

/// Prints a number without a trailing ".0" and with at most four decimals.
pub fn format_number(value: f64) -> String {
    if value.is_infinite() {
        return if value > 0.0 {
            "unlimited".into()
        } else {
            "-unlimited".into()
        };
    }
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// A whole amount with thousands separators: 149282.4 -> "149,282".
pub fn grouped(amount: f64) -> String {
    let digits = format!("{:.0}", amount.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if amount < -0.5 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ordinals_days_and_counts() {
        let ordinals: Vec<String> = [
            1.0, 2.0, 3.0, 4.0, 11.0, 12.0, 13.0, 21.0, 22.0, 41.0, 111.0, 102.0,
        ]
        .into_iter()
        .map(super::ordinal)
        .collect();
        assert_eq!(
            ordinals,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "41st",
                "111th", "102nd"
            ]
        );
        assert_eq!(super::ordinal(26.6), "27th");
        assert_eq!(super::days_ago(0), "today");
        assert_eq!(super::days_ago(1), "yesterday");
        assert_eq!(super::days_ago(9), "9 days ago");
        assert_eq!(super::count(1u32, "lead", "leads"), "1 lead");
        assert_eq!(super::count(3u32, "lead", "leads"), "3 leads");
    }

    #[test]
    fn words_and_percentages() {
        assert_eq!(super::word(&crate::life::LifeArea::Career), "career");
        assert_eq!(super::percent(0.274), "27%");
        assert_eq!(super::percent(1.0), "100%");
        assert_eq!(super::noun(1u32, "employer", "employers"), "employer");
        assert_eq!(super::noun(0u32, "employer", "employers"), "employers");
        assert_eq!(super::noun(2.5, "hour", "hours"), "hours");
    }
}
