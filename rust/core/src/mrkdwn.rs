//! Making user-provided text safe for Slack mrkdwn and fitting it into Slack's limits.
//!
//! Slack treats `<…>` as control sequences (`<!channel>`, `<@U123>`, `<url|label>`) and `&` as the
//! start of an entity, so user text is escaped as `&amp;`, `&lt;`, `&gt;` (Slack's documented
//! escaping). Limits count characters, so truncation works on `char` boundaries.

use std::borrow::Cow;

const ELLIPSIS: char = '…';

fn escaped(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    }
}

/// Escapes `&`, `<` and `>` so the text renders literally and pings no one.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match escaped(c) {
            Some(entity) => out.push_str(entity),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Shortens `text` to at most `max_chars` characters, ending with `…` when something was cut.
pub fn truncate(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        None => Cow::Borrowed(text),
        Some(_) if max_chars == 0 => Cow::Borrowed(""),
        Some(_) => {
            let keep = text
                .char_indices()
                .nth(max_chars - 1)
                .map_or(text.len(), |(i, _)| i);
            let mut out = String::with_capacity(keep + ELLIPSIS.len_utf8());
            out.push_str(&text[..keep]);
            out.push(ELLIPSIS);
            Cow::Owned(out)
        }
    }
}

/// Escapes, then fits into `max_chars` without ever cutting an entity such as `&amp;` in half.
pub fn escape_truncate(text: &str, max_chars: usize) -> String {
    let full = escape(text);
    if full.chars().count() <= max_chars {
        return full.into_owned();
    }
    let budget = max_chars.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let piece_len = escaped(c).map_or(1, str::len);
        if used + piece_len > budget {
            break;
        }
        match escaped(c) {
            Some(entity) => out.push_str(entity),
            None => out.push(c),
        }
        used += piece_len;
    }
    if max_chars > 0 {
        out.push(ELLIPSIS);
    }
    out
}

/// Longest excerpt of an input value that an error message quotes.
pub const ERROR_EXCERPT_CHARS: usize = 80;

/// `text` cut to `max_chars` for an error message or a log line, where an attacker-sized value
/// must not arrive whole. The one truncation helper for errors (see also [`quoted_excerpt`]).
pub fn excerpt(text: &str, max_chars: usize) -> String {
    truncate(text, max_chars).into_owned()
}

/// [`excerpt`], quoted and escaped the way `{:?}` quotes a string.
pub fn quoted_excerpt(text: &str, max_chars: usize) -> String {
    format!("{:?}", truncate(text, max_chars))
}

/// Plain text (not mrkdwn) fields only need length limits: Slack shows them verbatim.
pub fn plain(text: &str, max_chars: usize) -> String {
    truncate(text, max_chars).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_sequences() {
        assert_eq!(
            escape("<!channel> & <@U1|x>"),
            "&lt;!channel&gt; &amp; &lt;@U1|x&gt;"
        );
        assert!(matches!(escape("plain text"), Cow::Borrowed(_)));
    }

    #[test]
    fn truncates_on_char_boundaries() {
        assert_eq!(truncate("héllo wörld", 5), "héll…");
        assert_eq!(truncate("héllo", 5), "héllo");
        assert_eq!(truncate("🎉🎉🎉", 2), "🎉…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("", 3), "");
    }

    #[test]
    fn escape_truncate_never_splits_an_entity() {
        let s = escape_truncate("ab&&&&", 5);
        assert_eq!(s, "ab…");
        assert!(s.chars().count() <= 5);
        let s = escape_truncate("a&b", 10);
        assert_eq!(s, "a&amp;b");
        let long = "<".repeat(5000);
        let s = escape_truncate(&long, 3000);
        assert!(s.chars().count() <= 3000);
        assert!(s.ends_with("&lt;…"));
        assert!(!s.contains('<'));
    }
}
