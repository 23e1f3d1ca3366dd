//! Who is out today: absence rows in ([`rows`]), grouped summary out ([`summary`]) by how each
//! person is out ([`kind`]); and the "send today's summary now?" gate ([`gate`]). The Block Kit
//! for it is `blocks::channel`. Who is out leave by leave, for `/whoisout` (the days it asks
//! about: [`span`]) and the approver's card, is [`who`] (its Block Kit: `blocks::who`).
//!
//! Rules (issue 4), made precise:
//! - A row counts when `from_date <= today <= to_date`.
//! - A half-day row is a half day **only** on its `half_day_date`, or on a one-day leave without a
//!   `half_day_date`; on every other day of its range the person is out the full day.
//! - Several rows of one employee covering today merge into one line (the longest absence wins):
//!   the line's end date is the **latest** `to_date`; the kind is Full Day when any row is a full
//!   day today, or when both a First Half and a Second Half row exist; otherwise the known half
//!   period if all known periods agree (a period-less half day adds nothing), else Half Day.
//!   Name and Slack id come from the first row of that employee that has them (input order).
//! - Groups in the order Full Day, Half Day (period unknown), First Half, Second Half; empty
//!   groups are left out; within a group by end date, then name (case-insensitive, then exact),
//!   then employee id, so the order never depends on the input order.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::{dates, mrkdwn};

pub mod away;
pub mod digest;
pub mod gate;
pub mod kind;
pub mod rows;
pub mod span;
pub mod summary;
#[cfg(test)]
mod tests;
pub mod who;

pub use away::{away_now, Away, AwayError, AwayInput, AwayLeave, Guard, Status};
pub use gate::{should_send, GateSettings, SendVerdict, SkipReason};
pub use kind::AbsenceKind;
pub use rows::{parse_rows, row_error, AbsenceRow, FieldRef, RowFieldError, RowSource};
pub use span::{parse_span, DaySpan};
pub use summary::{summarise, summarise_owned, Entry, Group, Summary};
pub use who::{days_out, others_out, DayEntry, DayOut, LeaveState, OtherOut, OutRow, SharedLeave};

/// Bad input, with the stable `reason` code Python sees and enough context to find the culprit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("row {index}: field `{field}`: {problem}")]
    Row {
        index: usize,
        field: &'static str,
        problem: String,
    },
    #[error("`{field}`: expected a date as YYYY-MM-DD, got {value:?}")]
    Date { field: &'static str, value: String },
    #[error("`{field}`: expected an ISO date-time (YYYY-MM-DD[T ]HH:MM[:SS[.f]]), got {value:?}")]
    DateTime { field: &'static str, value: String },
    #[error("`{field}`: expected a time as HH:MM[:SS[.f]], got {value:?}")]
    Time { field: &'static str, value: String },
    #[error("`horizon`: expected today, tomorrow, this_week or next_week, got {value:?}")]
    Horizon { value: String },
    #[error("`{field}`: expected an http(s) URL without spaces, `|`, `<` or `>`, got {value:?}")]
    Url { field: &'static str, value: String },
}

impl InputError {
    /// Stable reason code (Python: `InputError.reason`).
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Row { .. } => "bad_row",
            Self::Date { .. } => "bad_date",
            Self::DateTime { .. } => "bad_datetime",
            Self::Time { .. } => "bad_time",
            Self::Horizon { .. } => "bad_horizon",
            Self::Url { .. } => "bad_url",
        }
    }

    /// The offending field's name.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Row { field, .. }
            | Self::Date { field, .. }
            | Self::DateTime { field, .. }
            | Self::Time { field, .. }
            | Self::Url { field, .. } => field,
            Self::Horizon { .. } => "horizon",
        }
    }

    /// Index of the offending row, for row errors.
    pub fn row(&self) -> Option<usize> {
        match self {
            Self::Row { index, .. } => Some(*index),
            _ => None,
        }
    }
}

fn arg_excerpt(s: &str) -> String {
    mrkdwn::excerpt(s, mrkdwn::ERROR_EXCERPT_CHARS)
}

/// A date argument (`today`, `last_sent`), as a typed error naming it.
pub fn parse_date_arg(field: &'static str, s: &str) -> Result<NaiveDate, InputError> {
    dates::parse_iso_date(s).ok_or_else(|| InputError::Date {
        field,
        value: arg_excerpt(s),
    })
}

/// A site-local date-time argument ([`dates::parse_local_datetime`]), as a typed error naming it.
pub fn parse_datetime_arg(field: &'static str, s: &str) -> Result<NaiveDateTime, InputError> {
    dates::parse_local_datetime(s).ok_or_else(|| InputError::DateTime {
        field,
        value: arg_excerpt(s),
    })
}

/// A time-of-day argument ([`dates::parse_time_of_day`]), as a typed error naming it.
pub fn parse_time_arg(field: &'static str, s: &str) -> Result<NaiveTime, InputError> {
    dates::parse_time_of_day(s).ok_or_else(|| InputError::Time {
        field,
        value: arg_excerpt(s),
    })
}
