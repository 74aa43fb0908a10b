//! What a person types for an occupation or an area, as the code stored: a code as is, else a
//! search by job title or place name. When several fit about as well, a face offers them to pick
//! from (a terminal) or lists them in the refusal (a page, a script), in the words below.

use milemarker_core::career::validate_soc;
// The words of a listing and a refusal are the market's, so the Python package says them alike.
use milemarker_market::names::{self, Found, TitleMatch};
pub use milemarker_market::names::{several, show_occupation};
use milemarker_market::wages::Area;

/// What a search found: one, or several about as good, best first.
pub enum Lookup<T> {
    One(T),
    Several(Vec<T>),
}

/// The occupation a code or a job title names; the refusal when none does.
pub fn occupation_of(text: &str) -> Result<Lookup<TitleMatch>, String> {
    match names::occupation(text.trim()) {
        Found::One(m) => Ok(Lookup::One(m)),
        Found::Several(list) => Ok(Lookup::Several(list)),
        Found::None => Err(format!(
            "no O*NET occupation is called anything like \"{}\"; try other words for it",
            text.trim()
        )),
    }
}

/// The area a code or a place names; the refusal when none does.
pub fn area_of(text: &str) -> Result<Lookup<Area>, String> {
    match names::area(text.trim()) {
        Found::One(a) => Ok(Lookup::One(a)),
        Found::Several(list) => Ok(Lookup::Several(list)),
        Found::None => Err(format!(
            "no OEWS area is called \"{}\"; give a metro area (Seattle), a state (WA or \
             Washington), `national`, or an OEWS code (41860)",
            text.trim()
        )),
    }
}

/// An area as a list of choices shows it: "42660 Seattle-Tacoma-Bellevue, WA".
pub fn show_area(a: &Area) -> String {
    format!("{} {}", a.code, a.name)
}

/// An O*NET-SOC code from a code or a job title, or why not.
pub fn occupation(text: &str) -> Result<String, String> {
    if validate_soc(text.trim()).is_ok() {
        return Ok(text.trim().to_string());
    }
    match occupation_of(text)? {
        Lookup::One(m) => Ok(m.code),
        Lookup::Several(list) => {
            let shown: Vec<String> = list.iter().take(10).map(show_occupation).collect();
            Err(several("occupation", text, &shown))
        }
    }
}

/// An OEWS area code from a code or a place: `national`, a state (`WA`, `Washington`) or a metro
/// area by a word of its name (`Seattle`), or why not.
pub fn area(text: &str) -> Result<String, String> {
    match area_of(text)? {
        Lookup::One(a) => Ok(a.code),
        Lookup::Several(list) => {
            let shown: Vec<String> = list.iter().take(10).map(show_area).collect();
            Err(several("area", text, &shown))
        }
    }
}

/// The title of the occupation an SOC code names ("Marketing Managers"), if the wages know it.
pub fn occupation_title(code: &str) -> Option<String> {
    milemarker_market::wages::occupation_title(&milemarker_market::wages::soc(code).ok()?)
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
