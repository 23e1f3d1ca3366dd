//! The template filler: [`Template<N>`] with Frappe's positional placeholders `{0}` … `{N-1}`, and
//! the placeholder parser it shares with the date pattern.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::Deserialize;

use super::TemplateError;
use crate::mrkdwn;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part<A> {
    Text(String),
    Arg(A),
}

pub(super) fn parts_need_escaping<A>(parts: &[Part<A>]) -> bool {
    parts
        .iter()
        .any(|p| matches!(p, Part::Text(t) if t.contains(['&', '<', '>'])))
}

pub(super) fn escape_parts<A: Copy>(parts: &[Part<A>]) -> Vec<Part<A>> {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => Part::Text(mrkdwn::escape(t).into_owned()),
            Part::Arg(a) => Part::Arg(*a),
        })
        .collect()
}

/// Splits `s` at `{name}` placeholders, each resolved by `arg` (`None`: unknown placeholder).
/// Braces are ASCII, so the text between them is copied as whole slices (the words are parsed on
/// every builder call).
pub(super) fn parse_parts<A>(
    s: &str,
    mut arg: impl FnMut(&str) -> Option<A>,
) -> Result<Vec<Part<A>>, TemplateError> {
    // Position (1-based, in characters) of byte offset `at`, for the error message only.
    let position = |at: usize| s.get(..at).map_or(0, |head| head.chars().count()) + 1;
    if !s.contains(['{', '}']) {
        return Ok(vec![Part::Text(s.to_owned())]);
    }
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    let mut offset = 0;
    while let Some(i) = rest.find(['{', '}']) {
        let (head, tail) = rest.split_at(i);
        text.push_str(head);
        let brace_at = offset + i;
        let doubled = |c: &str| tail.get(1..2) == Some(c);
        let consumed = if tail.starts_with('{') && doubled("{") {
            text.push('{');
            2
        } else if tail.starts_with('}') && doubled("}") {
            text.push('}');
            2
        } else if tail.starts_with('}') {
            return Err(TemplateError::UnmatchedBrace(position(brace_at)));
        } else {
            let inner = tail.get(1..).unwrap_or_default();
            let close = inner
                .find(['{', '}'])
                .filter(|&j| inner.get(j..j + 1) == Some("}"))
                .ok_or_else(|| TemplateError::UnmatchedBrace(position(brace_at)))?;
            let name = inner.get(..close).unwrap_or_default();
            let resolved =
                arg(name).ok_or_else(|| TemplateError::UnknownPlaceholder(name.to_owned()))?;
            if !text.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut text)));
            }
            parts.push(Part::Arg(resolved));
            close + 2
        };
        rest = tail.get(consumed..).unwrap_or_default();
        offset = brace_at + consumed;
    }
    text.push_str(rest);
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    Ok(parts)
}

/// A word with `N` positional placeholders `{0}` … `{N-1}`, each used at least once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template<const N: usize> {
    parts: Vec<Part<usize>>,
}

/// A word without placeholders.
pub type Text = Template<0>;

impl<const N: usize> Template<N> {
    pub fn parse(s: &str) -> Result<Self, TemplateError> {
        let mut used = [false; N];
        let parts = parse_parts(s, |name| {
            // Exactly Python's `str.format` spelling: decimal digits, no sign or padding.
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let i: usize = name.parse().ok()?;
            let slot = used.get_mut(i)?;
            *slot = true;
            Some(i)
        })?;
        if let Some(missing) = used.iter().position(|u| !u) {
            return Err(TemplateError::MissingPlaceholder(missing.to_string()));
        }
        Ok(Self { parts })
    }

    /// The text parts as written, each placeholder by `arg(index, out)`: for values that are
    /// cheaper to write in place than to format first (a date in a summary line).
    pub fn write(&self, out: &mut String, mut arg: impl FnMut(usize, &mut String)) {
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Arg(i) => arg(*i, out),
            }
        }
    }

    /// The same template with its text escaped for mrkdwn once, so that [`Self::write`] /
    /// [`Self::push_plain`] on it write what [`Self::push_md`] writes (for a word used many
    /// times in one message). Borrowed when there is nothing to escape (the usual case).
    pub fn escaped_md(&self) -> Cow<'_, Self> {
        if !parts_need_escaping(&self.parts) {
            return Cow::Borrowed(self);
        }
        Cow::Owned(Self {
            parts: escape_parts(&self.parts),
        })
    }

    fn push_with(&self, out: &mut String, args: [&str; N], escape: bool) {
        for part in &self.parts {
            match part {
                Part::Text(t) if escape => out.push_str(&mrkdwn::escape(t)),
                Part::Text(t) => out.push_str(t),
                Part::Arg(i) => out.push_str(args.get(*i).copied().unwrap_or_default()),
            }
        }
    }

    /// For mrkdwn: the word's own text escaped (`&`, `<`, `>`), the values inserted as given —
    /// they are mrkdwn already (escaped user text, mentions, bold).
    pub fn push_md(&self, out: &mut String, args: [&str; N]) {
        self.push_with(out, args, true);
    }

    /// [`Self::push_md`] into a new string.
    pub fn md(&self, args: [&str; N]) -> String {
        let mut out = String::new();
        self.push_md(&mut out, args);
        out
    }

    /// For plain_text (shown verbatim): nothing escaped.
    pub fn push_plain(&self, out: &mut String, args: [&str; N]) {
        self.push_with(out, args, false);
    }

    /// [`Self::push_plain`] into a new string.
    pub fn plain(&self, args: [&str; N]) -> String {
        let mut out = String::new();
        self.push_plain(&mut out, args);
        out
    }
}

impl Text {
    /// The word as plain text.
    pub fn as_plain(&self) -> String {
        self.plain([])
    }

    /// The word escaped for mrkdwn.
    pub fn as_md(&self) -> String {
        self.md([])
    }
}

impl<'de, const N: usize> Deserialize<'de> for Template<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<const N: usize>;
        impl<const N: usize> de::Visitor<'_> for Visitor<N> {
            type Value = Template<N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match N {
                    0 => f.write_str("a word without placeholders"),
                    1 => f.write_str("a template with the placeholder {0}"),
                    n => write!(f, "a template with the placeholders {{0}} to {{{}}}", n - 1),
                }
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Template::parse(s).map_err(|e| E::custom(format!("{e} in {s:?}")))
            }
        }
        deserializer.deserialize_str(Visitor::<N>)
    }
}
