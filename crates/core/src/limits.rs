//! How long the person's words may be, and which links are kept: one limit per field, shared by
//! every writer (the CLI's commands, the web's forms and their `maxlength`, an import), checked by
//! the records' own `validate`.

use crate::invalid::InvalidField;

/// A win's title: a line, not an essay.
pub const WIN_TITLE: usize = 300;
/// What changed because of a win.
pub const WIN_IMPACT: usize = 1000;
/// One skill a win shows.
pub const WIN_SKILL: usize = 100;
/// How many skills one win lists.
pub const WIN_SKILLS: usize = 30;
/// An evidence link.
pub const LINK: usize = 2000;
/// A check-in's note.
pub const CHECKIN_NOTE: usize = 1000;
/// Any other text a form takes (a name, a role, a note): the web refuses longer, whatever the
/// form's `maxlength` said.
pub const TEXT: usize = 2000;

/// The schemes a link may have, as the error names them.
pub const LINK_SCHEMES: &str = "http://, https:// or mailto:";

/// Refuses `text` longer than `max` characters, naming `field`.
pub fn check_length(field: &str, text: &str, max: usize) -> Result<(), InvalidField> {
    let chars = text.chars().count();
    if chars > max {
        return Err(InvalidField::new(
            field,
            format!("{chars} characters is too long; keep it to {max}"),
        ));
    }
    Ok(())
}

/// A link the brag document and the pages can show as a link: http(s) or mailto only (a
/// `javascript:` or `data:` link would run or smuggle content where it is clicked).
pub fn check_link(field: &str, link: &str) -> Result<(), InvalidField> {
    check_length(field, link, LINK)?;
    let lower = link.to_ascii_lowercase();
    let rest = ["http://", "https://", "mailto:"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme));
    match rest {
        Some(rest) if !rest.is_empty() && !link.chars().any(char::is_control) => Ok(()),
        _ => Err(InvalidField::new(
            field,
            format!(
                "\"{}\" is not a link milemarker keeps; give one starting {LINK_SCHEMES}",
                link.chars().take(80).collect::<String>()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(check_length("title", &"é".repeat(300), 300).is_ok());
        let err = check_length("title", &"é".repeat(301), 300).unwrap_err();
        assert_eq!(err.field, "title");
        assert_eq!(
            err.to_string(),
            "title: 301 characters is too long; keep it to 300"
        );
    }

    #[test]
    fn only_web_and_mail_links_are_kept() {
        for ok in [
            "https://example.org/a",
            "HTTP://example.org",
            "mailto:me@example.org",
        ] {
            assert_eq!(check_link("link", ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "file:///etc/passwd",
            "example.org",
            "https://",
            "https://example.org/\nx",
        ] {
            let err = check_link("link", bad).unwrap_err();
            assert_eq!(err.field, "link");
            assert!(
                err.message.contains("http://, https:// or mailto:"),
                "{bad}: {err}"
            );
        }
        assert!(check_link("link", &format!("https://{}", "a".repeat(LINK))).is_err());
    }
}
