//! Birthdays and work anniversaries due in a range of days (issue 27).
//!
//! - A birthday falls on the day and month of `date_of_birth` each year; a work anniversary on
//!   those of `date_of_joining`, `years` after it (the joining day itself, 0 years, is not one).
//! - 29 February falls on 28 February in a year that is not a leap year.
//! - The range is inclusive; the caller passes `from` = the day after the last one announced, so
//!   days missed (site down, holidays) are caught up once. At most the last 366 days of a range
//!   are read: a gap longer than a year is not a catch-up.
//! - The year of birth goes nowhere: a birthday carries no age.
//! - Ordered by date, birthdays before anniversaries, then by name, then employee id.

use chrono::{Datelike, Days, NaiveDate};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::absence::rows::{FieldRef, RowFieldError, RowSource};
use crate::dates::parse_iso_date;
use crate::mrkdwn;
use crate::slack_id::SlackUserId;

/// The longest range read (days); see the module docs.
pub const MAX_RANGE_DAYS: u64 = 366;

/// An Employee as far as celebrations go.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct Person {
    pub employee: String,
    pub employee_name: String,
    pub slack_user_id: Option<SlackUserId>,
    pub date_of_birth: Option<NaiveDate>,
    pub date_of_joining: Option<NaiveDate>,
}

impl TryFrom<Map<String, Value>> for Person {
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

fn optional_date<S: RowSource>(
    src: &S,
    field: &'static str,
) -> Result<Option<NaiveDate>, S::Error> {
    src.with_field(field, |v| match v {
        FieldRef::Missing | FieldRef::Null => Ok(None),
        FieldRef::Str(s) if s.trim().is_empty() => Ok(None),
        FieldRef::Str(s) => parse_iso_date(s).map(Some).ok_or_else(|| {
            field_error(
                field,
                format!(
                    "expected YYYY-MM-DD, got {}",
                    mrkdwn::quoted_excerpt(s, mrkdwn::ERROR_EXCERPT_CHARS)
                ),
            )
        }),
        _ => Err(field_error(field, "expected a date as YYYY-MM-DD or null")),
    })
}

impl Person {
    /// One person from a dict: `employee` (required), `employee_name` (blank → the id),
    /// `slack_user_id` (None, "" or a Slack user id), `date_of_birth`, `date_of_joining`
    /// (`YYYY-MM-DD`, None or "").
    pub fn from_source<S: RowSource>(src: &S) -> Result<Self, S::Error> {
        let employee = src.with_field("employee", |v| match v {
            FieldRef::Str(s) if !s.trim().is_empty() => Ok(s.to_owned()),
            _ => Err(field_error("employee", "expected an employee id")),
        })?;
        let employee_name = src.with_field("employee_name", |v| match v {
            FieldRef::Str(s) if !s.trim().is_empty() => Ok(Some(s.to_owned())),
            FieldRef::Str(_) | FieldRef::Missing | FieldRef::Null => Ok(None),
            _ => Err(field_error("employee_name", "expected a string or null")),
        })?;
        let slack_user_id = src.with_field("slack_user_id", |v| match v {
            FieldRef::Missing | FieldRef::Null => Ok(None),
            FieldRef::Str(s) if s.trim().is_empty() => Ok(None),
            FieldRef::Str(s) => SlackUserId::parse(s)
                .map(Some)
                .map_err(|_| field_error("slack_user_id", "not a Slack user id")),
            _ => Err(field_error("slack_user_id", "expected a string or null")),
        })?;
        Ok(Self {
            employee_name: employee_name.unwrap_or_else(|| employee.clone()),
            employee,
            slack_user_id,
            date_of_birth: optional_date(src, "date_of_birth")?,
            date_of_joining: optional_date(src, "date_of_joining")?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CelebrationKind {
    Birthday,
    Anniversary,
}

impl CelebrationKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Birthday => "birthday",
            Self::Anniversary => "anniversary",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::Birthday, Self::Anniversary]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// A birthday or work anniversary on `date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Celebration {
    pub employee: String,
    pub employee_name: String,
    pub slack_user_id: Option<SlackUserId>,
    pub kind: CelebrationKind,
    pub date: NaiveDate,
    /// Years since joining (anniversaries only, ≥ 1).
    pub years: Option<u32>,
}

impl Celebration {
    /// One celebration from a dict as [`celebrations_due`] gives it (Python: its dicts):
    /// `employee`, `employee_name`, `slack_user_id` as a [`Person`]'s, `kind` (`birthday` /
    /// `anniversary`), `date` (`YYYY-MM-DD`), `years` (an anniversary's, ≥ 1; ignored for a
    /// birthday).
    pub fn from_source<S: RowSource>(src: &S) -> Result<Self, S::Error> {
        let person = Person::from_source(src)?;
        let kind = src.with_field("kind", |v| match v {
            FieldRef::Str(s) => CelebrationKind::parse(s)
                .ok_or_else(|| field_error("kind", "expected \"birthday\" or \"anniversary\"")),
            _ => Err(field_error(
                "kind",
                "expected \"birthday\" or \"anniversary\"",
            )),
        })?;
        let date = optional_date(src, "date")?;
        let Some(date) = date else {
            return Err(field_error("date", "missing").into());
        };
        let years = match kind {
            CelebrationKind::Birthday => None,
            CelebrationKind::Anniversary => Some(src.with_field("years", |v| match v {
                FieldRef::Int(n) if n >= 1 => {
                    u32::try_from(n).map_err(|_| field_error("years", "too many years"))
                }
                _ => Err(field_error(
                    "years",
                    "expected a whole number of years, at least 1",
                )),
            })?),
        };
        Ok(Self {
            employee: person.employee,
            employee_name: person.employee_name,
            slack_user_id: person.slack_user_id,
            kind,
            date,
            years,
        })
    }
}

/// The day of `year` on which a date of `original` is celebrated: the same day and month, or
/// 28 February for 29 February in a year that is not a leap year.
pub fn celebrated_on(original: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, original.month(), original.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28).filter(|_| original.month() == 2))
}

/// Every birthday and work anniversary of `people` falling on a day of `from..=to` (the rules in
/// the module docs).
pub fn celebrations_due(people: &[Person], from: NaiveDate, to: NaiveDate) -> Vec<Celebration> {
    if from > to {
        return Vec::new();
    }
    let earliest = to
        .checked_sub_days(Days::new(MAX_RANGE_DAYS - 1))
        .unwrap_or(from);
    let from = from.max(earliest);
    let mut out = Vec::new();
    for person in people {
        let mut due = |original: NaiveDate, kind: CelebrationKind| {
            for year in from.year()..=to.year() {
                let Some(date) = celebrated_on(original, year) else {
                    continue;
                };
                if date < from || date > to || date <= original {
                    continue;
                }
                let years = match kind {
                    CelebrationKind::Birthday => None,
                    CelebrationKind::Anniversary => {
                        Some(u32::try_from(year - original.year()).unwrap_or(0))
                    }
                };
                out.push(Celebration {
                    employee: person.employee.clone(),
                    employee_name: person.employee_name.clone(),
                    slack_user_id: person.slack_user_id.clone(),
                    kind,
                    date,
                    years,
                });
            }
        };
        if let Some(born) = person.date_of_birth {
            due(born, CelebrationKind::Birthday);
        }
        if let Some(joined) = person.date_of_joining {
            due(joined, CelebrationKind::Anniversary);
        }
    }
    out.sort_by_cached_key(|c| {
        (
            c.date,
            c.kind,
            c.employee_name.to_lowercase(),
            c.employee_name.clone(),
            c.employee.clone(),
        )
    });
    out
}
