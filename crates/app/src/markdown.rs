//! The person's words inside Markdown: printed as written, never read as syntax.

/// `text` as literal Markdown text, so a win titled "Cut *costs* [draft]" prints as written and
/// cannot start a heading, a quote or a list. Line breaks become spaces. A character is
/// backslash-escaped (CommonMark allows it before any ASCII punctuation) only where Markdown could
/// read it as syntax, so "hours_per_week", "R&D" and "Done!" stay as they are:
/// - always: `\` `` ` `` `*` `[` `]` `|` `~`;
/// - `<` before a letter, `/`, `!` or `?` (HTML, autolinks), so "<= 45" stays;
/// - `_` unless between letters or digits (no emphasis opens inside a word);
/// - `&` when it would start an entity (`&amp;`, `&#35;`);
/// - at the start of the text, where a block may begin: `#`, `>`, `-`, `+`, `=`, and the `.` or
///   `)` after leading digits.
pub fn markdown_text(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let digits = chars[lead..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let mut out = String::with_capacity(text.len() + 8);
    for (at, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '|' | '~' => true,
            // Raw HTML and autolinks open with a letter, `/`, `!` or `?` after the `<`.
            '<' => chars
                .get(at + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')),
            '_' => {
                let word = |at: Option<usize>| {
                    at.and_then(|at| chars.get(at))
                        .is_some_and(|c| c.is_alphanumeric())
                };
                !(word(at.checked_sub(1)) && word(Some(at + 1)))
            }
            '&' => starts_entity(&chars[at + 1..]),
            '#' | '>' | '-' | '+' | '=' => at == lead,
            '.' | ')' => digits > 0 && at == lead + digits,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the characters after an `&` make it an entity reference: a name or number and `;`.
fn starts_entity(after: &[char]) -> bool {
    let body = after
        .iter()
        .enumerate()
        .take_while(|&(at, c)| c.is_ascii_alphanumeric() || (at == 0 && *c == '#'))
        .count();
    body > 0 && after.get(body) == Some(&';')
}

/// Sentences milemarker writes around the person's words (a marker's summary, an action, a contact's
/// name) as Markdown: `code spans` (the commands it suggests) stay code, the rest is escaped as
/// [`markdown_text`] escapes it. With an odd number of backticks, or an empty span, nothing is
/// taken for code, so the person's own backticks cannot open a span that swallows the line.
pub fn markdown_prose(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let spans_pair_up = parts.len() % 2 == 1;
    if !spans_pair_up || parts.iter().skip(1).step_by(2).any(|code| code.is_empty()) {
        return markdown_text(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (at, part) in parts.iter().enumerate() {
        if at % 2 == 1 {
            out.push('`');
            out.push_str(&part.replace(['\n', '\r'], " "));
            out.push('`');
        } else {
            out.push_str(&markdown_text(part));
        }
    }
    out
}

/// `url` as a Markdown link destination: the characters that would end or break it are
/// percent-encoded.
pub fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '\n' | '\r' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_escapes_only_what_markdown_would_read() {
        assert_eq!(
            markdown_text("Cut *costs* [draft] <b> a|b ~~x~~ `x` \\"),
            "Cut \\*costs\\* \\[draft\\] \\<b> a\\|b \\~\\~x\\~\\~ \\`x\\` \\\\"
        );
        assert_eq!(
            markdown_text("hours_per_week <= 45 R&D Done! 5 > 4 #3 <!-- </b>"),
            "hours_per_week <= 45 R&D Done! 5 > 4 #3 \\<!-- \\</b>"
        );
        assert_eq!(
            markdown_text("_lead_ and trail_"),
            "\\_lead\\_ and trail\\_"
        );
        assert_eq!(markdown_text("&amp; &#35; &x"), "\\&amp; \\&#35; &x");
        for (block, escaped) in [
            ("# heading", "\\# heading"),
            (" > quote", " \\> quote"),
            ("- item", "\\- item"),
            ("+ item", "\\+ item"),
            ("===", "\\==="),
            ("12. item", "12\\. item"),
            ("3) item", "3\\) item"),
            ("line\n# two", "line # two"),
        ] {
            assert_eq!(markdown_text(block), escaped, "{block:?}");
        }
    }

    #[test]
    fn markdown_prose_keeps_the_commands_as_code() {
        assert_eq!(
            markdown_prose("run `milemarker values set a_b*` for *x*"),
            "run `milemarker values set a_b*` for \\*x\\*"
        );
        // A stray backtick of the person's own opens nothing.
        assert_eq!(markdown_prose("it`s *done*"), "it\\`s \\*done\\*");
        assert_eq!(markdown_prose("a `` b"), "a \\`\\` b");
    }
}
