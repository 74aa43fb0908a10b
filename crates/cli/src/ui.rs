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

#[cfg(test)]
mod tests {
    use super::*;

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
}
