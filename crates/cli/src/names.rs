//! What a person types for an occupation or an area, turned into the code stored: a code as is,
//! otherwise a search by title or place name (`milemarker_market::names`). When several fit, a
//! terminal offers them to pick from; elsewhere the refusal lists them with their codes.

use std::io::IsTerminal;

use milemarker_core::career::validate_soc;
use milemarker_market::names::{self, Found, TitleMatch};
use milemarker_market::wages::Area;

/// An O*NET-SOC code from a code or a job title.
pub fn occupation(text: &str) -> Result<String, String> {
    let text = text.trim();
    if validate_soc(text).is_ok() {
        return Ok(text.to_string());
    }
    let show = |m: &TitleMatch| {
        if m.matched == m.title {
            format!("{} {}", m.code, m.title)
        } else {
            format!("{} {} (as \"{}\")", m.code, m.title, m.matched)
        }
    };
    let chosen = match names::occupation(text) {
        Found::One(m) => m,
        Found::Several(list) => pick("occupation", text, &list, show)?,
        Found::None => {
            return Err(format!(
                "no O*NET occupation is called anything like \"{text}\"; try other words for it, \
                 or `milemarker market occupations --search WORDS`"
            ));
        }
    };
    eprintln!("occupation: {} ({})", chosen.title, chosen.code);
    Ok(chosen.code)
}

/// An OEWS area code from a code or a place: `national`, a state (`WA`, `Washington`) or a metro
/// area by a word of its name (`Seattle`).
pub fn area(text: &str) -> Result<String, String> {
    let text = text.trim();
    let show = |a: &Area| format!("{} {}", a.code, a.name);
    let chosen = match names::area(text) {
        Found::One(a) => a,
        Found::Several(list) => pick("area", text, &list, show)?,
        Found::None => {
            return Err(format!(
                "no OEWS area is called \"{text}\"; give a metro area (Seattle), a state (WA or \
                 Washington), `national`, or an OEWS code (41860)"
            ));
        }
    };
    if chosen.code.trim_start_matches('0') != text.trim_start_matches('0') {
        eprintln!("area: {}", chosen.place());
    }
    Ok(chosen.code)
}

/// Whether a person is there to answer a question: standard input and error are a terminal.
pub fn on_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// One of several that fit: asked on a terminal, listed in the refusal elsewhere.
pub fn pick<T: Clone>(
    what: &str,
    text: &str,
    list: &[T],
    show: impl Fn(&T) -> String,
) -> Result<T, String> {
    let shown: Vec<String> = list.iter().take(10).map(&show).collect();
    if on_terminal() {
        let chosen = dialoguer::Select::new()
            .with_prompt(format!("Which {what} do you mean by \"{text}\"?"))
            .items(&shown)
            .default(0)
            .interact()
            .map_err(|e| format!("no {what} chosen: {e}"))?;
        return Ok(list[chosen].clone());
    }
    Err(format!(
        "\"{text}\" could be more than one {what}; give its code or more words:\n  {}",
        shown.join("\n  ")
    ))
}
