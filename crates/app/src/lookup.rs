//! What a person types for an occupation or an area, as the code stored: a code as is, else a
//! search by job title or place name. When several fit about as well, the refusal lists them
//! with their codes, so the person can give the one they mean (a terminal offers a pick instead).

use milemarker_core::career::validate_soc;
use milemarker_market::names::{self, Found};

/// An O*NET-SOC code from a code or a job title.
pub fn occupation(text: &str) -> Result<String, String> {
    let text = text.trim();
    if validate_soc(text).is_ok() {
        return Ok(text.to_string());
    }
    match names::occupation(text) {
        Found::One(m) => Ok(m.code),
        Found::Several(list) => {
            let listed: Vec<String> = list
                .iter()
                .take(6)
                .map(|m| format!("{} ({})", m.title, m.code))
                .collect();
            Err(format!(
                "several occupations fit \"{text}\": {}; give the code of yours",
                listed.join(", ")
            ))
        }
        Found::None => Err(format!(
            "no O*NET occupation is called anything like \"{text}\"; try other words for it"
        )),
    }
}

/// An OEWS area code from a code or a place: `national`, a state (`WA`, `Washington`) or a metro
/// area by a word of its name (`Seattle`).
pub fn area(text: &str) -> Result<String, String> {
    let text = text.trim();
    match names::area(text) {
        Found::One(a) => Ok(a.code),
        Found::Several(list) => {
            let listed: Vec<String> = list
                .iter()
                .take(6)
                .map(|a| format!("{} ({})", a.name, a.code))
                .collect();
            Err(format!(
                "several areas are called \"{text}\": {}; give the code of yours",
                listed.join(", ")
            ))
        }
        Found::None => Err(format!(
            "no OEWS area is called \"{text}\"; give a metro area (Seattle), a state (WA or \
             Washington) or `national`"
        )),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_and_places_become_codes() {
        assert_eq!(
            super::occupation("registered nurse").as_deref(),
            Ok("29-1141.00")
        );
        assert_eq!(super::occupation("11-2021.00").as_deref(), Ok("11-2021.00"));
        assert!(super::occupation("zzzz qqqq").is_err());
        assert!(super::area("Ohio").is_ok());
        assert!(super::area("Nowhere At All").is_err());
    }
}
