//! Small words every report shares, whatever it is rendered as.

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

#[cfg(test)]
mod tests {
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
