//! The words of a displayed date: month and weekday names and the pattern they are put in.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::Deserialize;

use super::template::{escape_parts, parse_parts, parts_need_escaping, Part};
use super::{Surface, TemplateError};
use crate::mrkdwn;

/// A field of [`DatePattern`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    /// The month abbreviation of [`DateWords::months`].
    Month,
    /// Day of the month, two digits (`04`).
    Day,
    /// The year, four digits (`2026`).
    Year,
    /// The weekday abbreviation of [`DateWords::weekdays`].
    Weekday,
}

/// How a date reads: `{month}`, `{day}`, `{year}` (all required) and `{weekday}` (optional) in
/// any order, e.g. `{month} {day}, {year} ({weekday})` → `Dec 04, 2026 (Fri)`, or
/// `{weekday}, {day}. {month} {year}` → `Fr., 04. Dez. 2026`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePattern {
    parts: Vec<Part<DateField>>,
}

impl DatePattern {
    pub fn parse(s: &str) -> Result<Self, TemplateError> {
        let (mut month, mut day, mut year) = (false, false, false);
        let parts = parse_parts(s, |name| {
            Some(match name {
                "month" => {
                    month = true;
                    DateField::Month
                }
                "day" => {
                    day = true;
                    DateField::Day
                }
                "year" => {
                    year = true;
                    DateField::Year
                }
                "weekday" => DateField::Weekday,
                _ => return None,
            })
        })?;
        for (present, name) in [(month, "month"), (day, "day"), (year, "year")] {
            if !present {
                return Err(TemplateError::MissingPlaceholder(name.into()));
            }
        }
        Ok(Self { parts })
    }

    /// The pattern's pieces: literal text (as written) or a field.
    pub fn pieces(&self) -> impl Iterator<Item = Result<&str, DateField>> {
        self.parts.iter().map(|p| match p {
            Part::Text(t) => Ok(t.as_str()),
            Part::Arg(f) => Err(*f),
        })
    }

    fn needs_escaping(&self) -> bool {
        parts_need_escaping(&self.parts)
    }
}

impl<'de> Deserialize<'de> for DatePattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = DatePattern;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date pattern with {month}, {day} and {year}")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                DatePattern::parse(s).map_err(|e| E::custom(format!("{e} in {s:?}")))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// The words of a displayed date: 12 month and 7 weekday abbreviations (Monday first) and the
/// [`DatePattern`]. Used by [`crate::dates::push_display_date`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWords {
    pub months: [String; 12],
    pub weekdays: [String; 7],
    pub pattern: DatePattern,
}

impl Surface for DateWords {
    const NAME: &'static str = "dates";
}

impl DateWords {
    /// The same words escaped for mrkdwn once: a date displayed with them is mrkdwn-safe (for
    /// the summary, which writes thousands). Borrowed when there is nothing to escape.
    pub fn escaped_md(&self) -> Cow<'_, Self> {
        let special = |w: &String| w.contains(['&', '<', '>']);
        if !self.pattern.needs_escaping()
            && !self.months.iter().any(special)
            && !self.weekdays.iter().any(special)
        {
            return Cow::Borrowed(self);
        }
        Cow::Owned(Self {
            months: self.months.clone().map(|m| mrkdwn::escape(&m).into_owned()),
            weekdays: self
                .weekdays
                .clone()
                .map(|d| mrkdwn::escape(&d).into_owned()),
            pattern: DatePattern {
                parts: escape_parts(&self.pattern.parts),
            },
        })
    }
}
