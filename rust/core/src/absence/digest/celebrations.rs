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

fn employee_id<'a>(v: FieldRef<'a>) -> Result<&'a str, RowFieldError> {
    match v {
        FieldRef::Str(s) if !s.trim().is_empty() => Ok(s),
        _ => Err(field_error("employee", "expected an employee id")),
    }
}

fn employee_name<'a>(v: FieldRef<'a>) -> Result<Option<&'a str>, RowFieldError> {
    match v {
        FieldRef::Str(s) if !s.trim().is_empty() => Ok(Some(s)),
        FieldRef::Str(_) | FieldRef::Missing | FieldRef::Null => Ok(None),
        _ => Err(field_error("employee_name", "expected a string or null")),
    }
}

fn slack_user_id(v: FieldRef<'_>) -> Result<Option<SlackUserId>, RowFieldError> {
    match v {
        FieldRef::Missing | FieldRef::Null => Ok(None),
        FieldRef::Str(s) if s.trim().is_empty() => Ok(None),
        FieldRef::Str(s) => SlackUserId::parse(s)
            .map(Some)
            .map_err(|_| field_error("slack_user_id", "not a Slack user id")),
        _ => Err(field_error("slack_user_id", "expected a string or null")),
    }
}

impl Person {
    /// One person from a dict: `employee` (required), `employee_name` (blank → the id),
    /// `slack_user_id` (None, "" or a Slack user id), `date_of_birth`, `date_of_joining`
    /// (`YYYY-MM-DD`, None or "").
    pub fn from_source<S: RowSource>(src: &S) -> Result<Self, S::Error> {
        let employee = src.with_field("employee", |v| employee_id(v).map(str::to_owned))?;
        let name = src.with_field("employee_name", |v| {
            employee_name(v).map(|n| n.map(str::to_owned))
        })?;
        Ok(Self {
            employee_name: name.unwrap_or_else(|| employee.clone()),
            employee,
            slack_user_id: src.with_field("slack_user_id", slack_user_id)?,
            date_of_birth: optional_date(src, "date_of_birth")?,
            date_of_joining: optional_date(src, "date_of_joining")?,
        })
    }

    /// [`Self::from_source`] for a person with something to celebrate in `range` only: every
    /// field is checked (the same errors, in the same order), but the name and ids are copied
    /// only for them — of 10,000 people a day, a few dozen.
    pub fn from_source_due<S: RowSource>(src: &S, range: Range) -> Result<Option<Self>, S::Error> {
        src.with_field("employee", |v| employee_id(v).map(drop))?;
        src.with_field("employee_name", |v| employee_name(v).map(drop))?;
        src.with_field("slack_user_id", |v| match v {
            FieldRef::Str(s) if !s.trim().is_empty() => SlackUserId::check(s)
                .map_err(|_| field_error("slack_user_id", "not a Slack user id")),
            other => slack_user_id(other).map(drop),
        })?;
        let born = optional_date(src, "date_of_birth")?;
        let joined = optional_date(src, "date_of_joining")?;
        if ![born, joined]
            .into_iter()
            .flatten()
            .any(|d| range.celebrates(d))
        {
            return Ok(None);
        }
        Self::from_source(src).map(Some)
    }
}

/// The days celebrations are looked for on: `from..=to`, at most its last [`MAX_RANGE_DAYS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Range {
    /// `None` when `from` is after `to` (nothing to look for).
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Self> {
        if from > to {
            return None;
        }
        let earliest = to
            .checked_sub_days(Days::new(MAX_RANGE_DAYS - 1))
            .unwrap_or(from);
        Some(Self {
            from: from.max(earliest),
            to,
        })
    }

    /// The days in the range a date of `original` is celebrated on, with the year of each.
    fn days_of(self, original: NaiveDate) -> impl Iterator<Item = (NaiveDate, i32)> {
        (self.from.year()..=self.to.year()).filter_map(move |year| {
            let date = celebrated_on(original, year)?;
            (self.from <= date && date <= self.to && date > original).then_some((date, year))
        })
    }

    /// Is a date of `original` (a birthday, a joining day) celebrated in the range?
    pub fn celebrates(self, original: NaiveDate) -> bool {
        self.days_of(original).next().is_some()
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
    let Some(range) = Range::new(from, to) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for person in people {
        let mut due = |original: Option<NaiveDate>, kind: CelebrationKind| {
            for (date, year) in original.into_iter().flat_map(|o| range.days_of(o)) {
                let years = match kind {
                    CelebrationKind::Birthday => None,
                    CelebrationKind::Anniversary => {
                        original.and_then(|o| u32::try_from(year - o.year()).ok())
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
        due(person.date_of_birth, CelebrationKind::Birthday);
        due(person.date_of_joining, CelebrationKind::Anniversary);
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
