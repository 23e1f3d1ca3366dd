//! The public holidays a digest announces: from the scope's Holiday List (Frappe's `Holiday`
//! rows: date, description, weekly_off), weekly offs never.
//!
//! - `today` / `tomorrow` rules announce the day before: the holidays of the calendar days after
//!   today up to the next working day (on a Friday before a bank-holiday Monday: Monday's).
//! - `this_week` / `next_week` rules announce the holidays of their week (today to Sunday, or
//!   next Monday to Sunday).
//!
//! A Holiday's description is a Text Editor field in ERPNext (HTML): its tags are dropped, the
//! common entities read, white space collapsed, and it is cut to [`DESCRIPTION_CHARS`].

use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::Horizon;
use crate::absence::rows::{FieldRef, RowFieldError, RowSource};
use crate::dates::parse_iso_date;
use crate::mrkdwn;

/// Longest description announced (characters); Holiday List descriptions are a few words.
pub const DESCRIPTION_CHARS: usize = 200;
/// How many days after today `today` / `tomorrow` look through for the next working day.
const LOOK_DAYS: u64 = 31;

/// One row of a Holiday List.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct Holiday {
    pub date: NaiveDate,
    /// Plain text (tags dropped); may be empty.
    pub description: String,
    pub weekly_off: bool,
}

impl TryFrom<Map<String, Value>> for Holiday {
    type Error = RowFieldError;

    fn try_from(map: Map<String, Value>) -> Result<Self, RowFieldError> {
        Self::from_source(&map)
    }
}

fn field_error(field: &'static str, problem: impl Into<String>) -> RowFieldError {
    RowFieldError {
        field,
        problem: problem.into(),
    }
}

impl Holiday {
    /// One Holiday List row from a dict: `date` (`YYYY-MM-DD`), `description` (HTML, str or
    /// None; read as plain text), `weekly_off` (bool or 0/1, missing = false).
    pub fn from_source<S: RowSource>(src: &S) -> Result<Self, S::Error> {
        Self::read(src, plain_description)
    }

    /// A holiday as [`holidays_to_announce`] gave it (Python: its dicts): the description is
    /// plain text already (read as HTML again, "a &lt; b" would lose its "<"), only cut to length.
    pub fn announced_from_source<S: RowSource>(src: &S) -> Result<Self, S::Error> {
        Self::read(src, |s| mrkdwn::truncate(s, DESCRIPTION_CHARS).into_owned())
    }

    fn read<S: RowSource>(src: &S, description: fn(&str) -> String) -> Result<Self, S::Error> {
        let date = src.with_field("date", |v| match v {
            FieldRef::Str(s) => parse_iso_date(s).ok_or_else(|| {
                field_error(
                    "date",
                    format!(
                        "expected YYYY-MM-DD, got {}",
                        mrkdwn::quoted_excerpt(s, mrkdwn::ERROR_EXCERPT_CHARS)
                    ),
                )
            }),
            _ => Err(field_error("date", "expected a date as YYYY-MM-DD")),
        })?;
        let description = src.with_field("description", |v| match v {
            FieldRef::Missing | FieldRef::Null => Ok(String::new()),
            FieldRef::Str(s) => Ok(description(s)),
            _ => Err(field_error("description", "expected a string or null")),
        })?;
        let weekly_off = src.with_field("weekly_off", |v| match v {
            FieldRef::Missing | FieldRef::Null | FieldRef::Int(0) => Ok(false),
            FieldRef::Bool(b) => Ok(b),
            FieldRef::Int(1) => Ok(true),
            _ => Err(field_error("weekly_off", "expected a bool or 0/1")),
        })?;
        Ok(Self {
            date,
            description,
            weekly_off,
        })
    }
}

/// A Text Editor value as plain text: tags dropped (a block tag or `<br>` is a space), the
/// entities Frappe's editor writes read back, white space collapsed, cut to length.
pub fn plain_description(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ => text.push(c),
        }
    }
    let text = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    mrkdwn::truncate(&collapsed, DESCRIPTION_CHARS).into_owned()
}

/// The holidays (never weekly offs) a `horizon` rule announces on `today`, by date (the rules
/// in the module docs); one per date and description.
pub fn holidays_to_announce(
    horizon: Horizon,
    today: NaiveDate,
    holidays: &[Holiday],
) -> Vec<Holiday> {
    let (from, to) = match horizon.week(today) {
        Some(week) => week,
        None => {
            let off: HashSet<NaiveDate> = holidays.iter().map(|h| h.date).collect();
            let Some(first) = today.checked_add_days(Days::new(1)) else {
                return Vec::new();
            };
            // The last day off before the next working day (or the first day, if it works).
            let last = (1..=LOOK_DAYS)
                .filter_map(|n| today.checked_add_days(Days::new(n)))
                .take_while(|d| off.contains(d))
                .last()
                .unwrap_or(first);
            (first, last)
        }
    };
    let mut out: Vec<Holiday> = holidays
        .iter()
        .filter(|h| !h.weekly_off && from <= h.date && h.date <= to)
        .cloned()
        .collect();
    out.sort_by(|a, b| (a.date, &a.description).cmp(&(b.date, &b.description)));
    out.dedup_by(|a, b| a.date == b.date && a.description == b.description);
    out
}
