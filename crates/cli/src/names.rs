//! What a person types for an occupation or an area, turned into the code stored (the search and
//! its words are the app's, `milemarker_app::lookup`): when several fit, a terminal offers them to
//! pick from; elsewhere the refusal lists them with their codes.

use std::io::IsTerminal;

use milemarker_app::lookup::{self, Lookup};
use milemarker_core::career::validate_soc;

/// An O*NET-SOC code from a code or a job title; several that fit are offered on a terminal.
pub fn occupation(text: &str) -> Result<String, String> {
    let text = text.trim();
    if validate_soc(text).is_ok() {
        return Ok(text.to_string());
    }
    let chosen = match lookup::occupation_of(text)
        .map_err(|e| format!("{e}, or `milemarker market occupations --search WORDS`"))?
    {
        Lookup::One(m) => m,
        Lookup::Several(list) => pick("occupation", text, &list, lookup::show_occupation)?,
    };
    eprintln!("occupation: {} ({})", chosen.title, chosen.code);
    Ok(chosen.code)
}

/// An OEWS area code from a code or a place; several that fit are offered on a terminal.
pub fn area(text: &str) -> Result<String, String> {
    let text = text.trim();
    let chosen = match lookup::area_of(text)? {
        Lookup::One(a) => a,
        Lookup::Several(list) => pick("area", text, &list, lookup::show_area)?,
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
    Err(lookup::several(what, text, &shown))
}
