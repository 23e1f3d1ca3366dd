//! Absence rows: one Leave Application as the ERP adapter hands it over, read field by field
//! from a JSON object or (in the Python glue) straight from a dict.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::kind::AbsenceKind;
use super::InputError;
use crate::dates::parse_iso_date;
use crate::half_period::HalfPeriod;
use crate::mrkdwn::{quoted_excerpt, ERROR_EXCERPT_CHARS};
use crate::slack_id::SlackUserId;

/// A problem with one field of one row (not an inline modal error, which is
/// `interaction::InlineError`); [`parse_rows`] adds the row index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field `{field}`: {problem}")]
pub struct RowFieldError {
    pub field: &'static str,
    pub problem: String,
}

impl RowFieldError {
    fn new(field: &'static str, problem: impl Into<String>) -> Self {
        Self {
            field,
            problem: problem.into(),
        }
    }
}

/// One Leave Application as the ERP adapter hands it over.
///
/// Deserialises from the Python dict of issue 4 (extra keys ignored): dates as `YYYY-MM-DD`
/// strings; `half_day` as a bool or Frappe's 0/1 (missing/null = false); `half_day_date`,
/// `slack_user_id` and `half_period` may be null or `""`; a missing/empty `employee_name` falls
/// back to the employee id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct AbsenceRow {
    pub employee: String,
    pub employee_name: String,
    pub slack_user_id: Option<SlackUserId>,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    pub half_day: bool,
    pub half_day_date: Option<NaiveDate>,
    pub half_period: Option<HalfPeriod>,
}

impl TryFrom<Map<String, Value>> for AbsenceRow {
    type Error = RowFieldError;

    fn try_from(map: Map<String, Value>) -> Result<Self, RowFieldError> {
        Self::from_map(&map)
    }
}

impl AbsenceRow {
    /// Parses one row, naming the first bad field.
    pub fn from_value(value: &Value) -> Result<Self, RowFieldError> {
        match value {
            Value::Object(map) => Self::from_map(map),
            other => Err(RowFieldError::new(
                "<row>",
                format!("expected an object, got {}", type_name(other)),
            )),
        }
    }

    fn from_map(map: &Map<String, Value>) -> Result<Self, RowFieldError> {
        Self::from_source(map)
    }

    /// Parses one row from any [`RowSource`] (a JSON object here, a Python dict in the glue),
    /// naming the first bad field. Fields are read in a fixed order, so the error is the same
    /// whatever the source.
    pub fn from_source<S: RowSource>(src: &S) -> Result<Self, S::Error> {
        let employee = required_str(src, "employee")?;
        let employee_name = optional_str(src, "employee_name")?.unwrap_or_else(|| employee.clone());
        let slack_user_id =
            src.with_field("slack_user_id", |v| match non_blank(v, "slack_user_id")? {
                None => Ok(None),
                Some(id) => SlackUserId::parse(id).map(Some).map_err(|_| {
                    RowFieldError::new(
                        "slack_user_id",
                        format!("not a Slack user id: {}", excerpt(id)),
                    )
                }),
            })?;
        let from_date = required_date(src, "from_date")?;
        let to_date = required_date(src, "to_date")?;
        if to_date < from_date {
            return Err(RowFieldError::new(
                "to_date",
                format!("{to_date} is before from_date {from_date}"),
            )
            .into());
        }
        let half_day = src.with_field("half_day", |v| match v {
            FieldRef::Missing | FieldRef::Null => Ok(false),
            FieldRef::Bool(b) => Ok(b),
            // Frappe Check fields come back from the database as 0/1.
            FieldRef::Int(0) => Ok(false),
            FieldRef::Int(1) => Ok(true),
            other => Err(RowFieldError::new(
                "half_day",
                format!("expected a bool or 0/1, got {}", other.short()),
            )),
        })?;
        let half_day_date =
            src.with_field("half_day_date", |v| match non_blank(v, "half_day_date")? {
                None => Ok(None),
                Some(s) => parse_iso_date(s).map(Some).ok_or_else(|| {
                    RowFieldError::new(
                        "half_day_date",
                        format!("expected YYYY-MM-DD, got {}", excerpt(s)),
                    )
                }),
            })?;
        let half_period =
            src.with_field("half_period", |v| match non_blank(v, "half_period")? {
                None => Ok(None),
                Some(label) => HalfPeriod::from_label(label).map(Some).ok_or_else(|| {
                    RowFieldError::new(
                        "half_period",
                        format!(
                            "expected \"First Half\", \"Second Half\" or null, got {}",
                            excerpt(label)
                        ),
                    )
                }),
            })?;
        Ok(Self {
            employee,
            employee_name,
            slack_user_id,
            from_date,
            to_date,
            half_day,
            half_day_date,
            half_period,
        })
    }

    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from_date <= day && day <= self.to_date
    }

    /// How this row has the person out on `day`, or `None` when it does not cover `day`.
    pub fn kind_on(&self, day: NaiveDate) -> Option<AbsenceKind> {
        if !self.covers(day) {
            return None;
        }
        let half_today = self.half_day
            && match self.half_day_date {
                Some(date) => date == day,
                None => self.from_date == self.to_date,
            };
        Some(if half_today {
            AbsenceKind::from_half(self.half_period)
        } else {
            AbsenceKind::FullDay
        })
    }
}

/// Parses every row, failing on the first bad one with its index and field.
pub fn parse_rows(values: &[Value]) -> Result<Vec<AbsenceRow>, InputError> {
    values
        .iter()
        .enumerate()
        .map(|(index, v)| {
            AbsenceRow::from_value(v).map_err(|e| InputError::Row {
                index,
                field: e.field,
                problem: e.problem,
            })
        })
        .collect()
}

/// One field of a row as a [`RowSource`] sees it, borrowed from the source.
#[derive(Debug, Clone, Copy)]
pub enum FieldRef<'a> {
    Missing,
    Null,
    Bool(bool),
    Int(i64),
    Str(&'a str),
    /// Any other JSON value (floats, big integers, lists, objects).
    Other(&'a Value),
}

impl FieldRef<'_> {
    fn type_name(self) -> &'static str {
        match self {
            Self::Missing | Self::Null => "null",
            Self::Bool(_) => "a bool",
            Self::Int(_) => "a number",
            Self::Str(_) => "a string",
            Self::Other(v) => type_name(v),
        }
    }

    /// A value for an error message, kept short whatever the input.
    fn short(self) -> String {
        match self {
            Self::Str(s) => excerpt(s),
            Self::Other(Value::String(s)) => excerpt(s),
            Self::Int(i) => i.to_string(),
            Self::Other(Value::Number(n)) => n.to_string(),
            other => other.type_name().to_owned(),
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a bool",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// An input value quoted in an error message, cut to a bounded length.
fn excerpt(s: &str) -> String {
    quoted_excerpt(s, ERROR_EXCERPT_CHARS)
}

/// Where [`AbsenceRow::from_source`] reads a row's fields from: a JSON object, or (in the Python
/// glue) a dict read in place, so no intermediate JSON tree is built for 10,000 rows.
pub trait RowSource {
    /// [`RowFieldError`] for a bad field, or the source's own failure (e.g. a Python exception).
    type Error: From<RowFieldError>;

    /// Calls `f` with the field's value.
    fn with_field<R>(
        &self,
        field: &'static str,
        f: impl FnOnce(FieldRef<'_>) -> Result<R, RowFieldError>,
    ) -> Result<R, Self::Error>;
}

impl RowSource for Map<String, Value> {
    type Error = RowFieldError;

    fn with_field<R>(
        &self,
        field: &'static str,
        f: impl FnOnce(FieldRef<'_>) -> Result<R, RowFieldError>,
    ) -> Result<R, RowFieldError> {
        f(match self.get(field) {
            None => FieldRef::Missing,
            Some(Value::Null) => FieldRef::Null,
            Some(Value::Bool(b)) => FieldRef::Bool(*b),
            Some(Value::String(s)) => FieldRef::Str(s),
            Some(v @ Value::Number(n)) => n.as_i64().map_or(FieldRef::Other(v), FieldRef::Int),
            Some(v) => FieldRef::Other(v),
        })
    }
}

/// The row error for row `index` (what [`parse_rows`] reports).
pub fn row_error(index: usize, e: RowFieldError) -> InputError {
    InputError::Row {
        index,
        field: e.field,
        problem: e.problem,
    }
}

fn required_str<S: RowSource>(src: &S, field: &'static str) -> Result<String, S::Error> {
    src.with_field(field, |v| match v {
        FieldRef::Str(s) if !is_blank(s) => Ok(s.to_owned()),
        FieldRef::Str(_) => Err(RowFieldError::new(field, "must not be empty")),
        FieldRef::Missing => Err(RowFieldError::new(field, "missing")),
        other => Err(RowFieldError::new(
            field,
            format!("expected a string, got {}", other.type_name()),
        )),
    })
}

/// `s.trim().is_empty()`, without scanning the string when its first byte settles it (every
/// string of every row goes through here).
fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_alphanumeric() => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// Missing, null and `""` all mean "not set".
fn non_blank<'a>(v: FieldRef<'a>, field: &'static str) -> Result<Option<&'a str>, RowFieldError> {
    match v {
        FieldRef::Missing | FieldRef::Null => Ok(None),
        FieldRef::Str(s) if is_blank(s) => Ok(None),
        FieldRef::Str(s) => Ok(Some(s)),
        other => Err(RowFieldError::new(
            field,
            format!("expected a string or null, got {}", other.type_name()),
        )),
    }
}

fn optional_str<S: RowSource>(src: &S, field: &'static str) -> Result<Option<String>, S::Error> {
    src.with_field(field, |v| Ok(non_blank(v, field)?.map(str::to_owned)))
}

fn required_date<S: RowSource>(src: &S, field: &'static str) -> Result<NaiveDate, S::Error> {
    src.with_field(field, |v| {
        let s = match v {
            FieldRef::Str(s) if !is_blank(s) => s,
            FieldRef::Str(_) => return Err(RowFieldError::new(field, "must not be empty")),
            FieldRef::Missing => return Err(RowFieldError::new(field, "missing")),
            other => {
                return Err(RowFieldError::new(
                    field,
                    format!("expected a string, got {}", other.type_name()),
                ))
            }
        };
        parse_iso_date(s).ok_or_else(|| {
            RowFieldError::new(field, format!("expected YYYY-MM-DD, got {}", excerpt(s)))
        })
    })
}
