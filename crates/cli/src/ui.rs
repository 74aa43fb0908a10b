//! Terminal output: styles that respect NO_COLOR and pipes (anstream strips them), tables,
//! and error messages.

use anstyle::{AnsiColor, Style};

pub const HEADING: Style = Style::new().bold();
pub const GOOD: Style = AnsiColor::Green.on_default();
pub const BAD: Style = AnsiColor::Red.on_default();
pub const WARN: Style = AnsiColor::Yellow.on_default();
pub const DIM: Style = Style::new().dimmed();

pub fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// Left-aligned columns, two spaces apart; cells may hold ANSI styles.
pub fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| visible_width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from("  ");
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - visible_width(cell) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn visible_width(text: &str) -> usize {
    let mut width = 0;
    let mut in_escape = false;
    for c in text.chars() {
        match (in_escape, c) {
            (false, '\u{1b}') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, _) => width += 1,
        }
    }
    width
}

pub fn print_error(err: &anyhow::Error) {
    let mut message = format!("{} {err}", paint(BAD.bold(), "error:"));
    for cause in err.chain().skip(1) {
        message.push_str(&format!("\n  {} {cause}", paint(DIM, "caused by:")));
    }
    anstream::eprintln!("{}", terminal_safe(&message));
}

/// `text` made safe to show on a terminal: the person's words may hold control characters (a
/// name from an imported vCard, say) that would move the cursor, clear the screen or, through
/// OSC 52, write to the clipboard. Colour sequences (`ESC [ … m`, what [`paint`] writes) stay;
/// any other escape loses its ESC and shows as text, and other control characters but newline,
/// tab and the CR of a CRLF (a vCard's line ends) become U+FFFD.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b'
            && let Some(colour) = colour_sequence(rest)
        {
            out.push_str(colour);
            rest = &rest[colour.len()..];
            continue;
        }
        match c {
            '\x1b' => {}
            '\r' if rest[1..].starts_with('\n') => out.push(c),
            c if unsafe_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// The SGR sequence (`ESC [` digits and semicolons `m`) that `text` starts with, if any.
fn colour_sequence(text: &str) -> Option<&str> {
    let params = text.strip_prefix("\x1b[")?;
    let length = params
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (params.as_bytes().get(length) == Some(&b'm')).then(|| &text[..length + 3])
}

pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub use milemarker_core::text::{percent, word};

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
    fn the_terminal_gets_colours_but_no_other_controls() {
        let red = paint(BAD, "red");
        assert_eq!(terminal_safe(&red), red, "our own styles stay");
        assert!(matches!(
            terminal_safe("plain\ttext\n"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            terminal_safe("a\x1b]52;c;aGk=\x07b\x1b[2Jc\rd\u{9b}e"),
            "a]52;c;aGk=\u{FFFD}b[2Jc\u{FFFD}d\u{FFFD}e"
        );
        assert_eq!(
            terminal_safe("\x1b[1;31m!\x1b[0m\x1b"),
            "\x1b[1;31m!\x1b[0m"
        );
        assert_eq!(
            terminal_safe("END:VCARD\r\nx\ry\r"),
            "END:VCARD\r\nx\u{FFFD}y\u{FFFD}"
        );
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
