//! Escaping: everything a page shows from the person's records passes through here or through
//! askama's own escaping.

/// Escapes text for HTML and shows `backticked` commands as code.
pub fn with_code(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    // An even count of parts means the last backtick has no partner: print it as it was.
    let unpaired = parts.len().is_multiple_of(2);
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        let escaped = part
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        if i % 2 == 0 {
            out.push_str(&escaped);
        } else if unpaired && i == parts.len() - 1 {
            out.push('`');
            out.push_str(&escaped);
        } else {
            out.push_str(&format!("<code>{escaped}</code>"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn code_spans_and_escaping() {
        assert_eq!(
            super::with_code("run `a <b>` now"),
            "run <code>a &lt;b&gt;</code> now"
        );
        assert_eq!(super::with_code("a ` lone"), "a ` lone");
        assert_eq!(
            super::with_code("\"x\" & 'y'"),
            "&quot;x&quot; &amp; &#39;y&#39;"
        );
    }
}
