//! The leave modal's values, their validation, and their Python-facing shape.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{ids, MAX_REASON_CHARS, MAX_REJECT_REASON_CHARS};
use crate::dates::display_date;
use crate::half_period::HalfPeriod;
use crate::words::ViewErrorWords;

/// The leave modal's current values, as the user left them; anything may be missing. Used to
/// rebuild the modal on the half-day toggle and as the input of [`validate_leave_form`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormState {
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub leave_type: Option<String>,
    pub reason: Option<String>,
    pub half_day: bool,
    pub half_day_date: Option<NaiveDate>,
    pub half_period: Option<HalfPeriod>,
}

/// Which optional inputs the submitted modal actually showed; errors may only name blocks that
/// exist in the view, or Slack rejects the whole response.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormLayout {
    pub has_half_day_date: bool,
    pub has_half_period: bool,
}

/// A validated leave request, ready for the ERP adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveForm {
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub leave_type: String,
    /// Control characters other than tab and newline removed, trimmed, non-empty, at most
    /// [`MAX_REASON_CHARS`] characters.
    pub reason: String,
    pub half_day: bool,
    /// Set exactly when `half_day` is; inside `start_date..=end_date`.
    pub half_day_date: Option<NaiveDate>,
    /// Set when `half_day` and the modal asked for the period.
    pub half_period: Option<HalfPeriod>,
}

/// Why a field of the submitted modal is not acceptable: a stable code (and its values), turned
/// into words in the reader's language only when the answer is built ([`FormError::message`],
/// `blocks::leave::view_errors`) — routing happens before anyone knows the reader's language.
/// As JSON: `{"code": "reason_too_long", "max": 1000, "length": 1234}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", deny_unknown_fields)]
pub enum FormError {
    StartDateMissing,
    EndDateMissing,
    LeaveTypeMissing,
    ReasonMissing,
    ReasonTooLong {
        max: usize,
        length: usize,
    },
    EndBeforeStart,
    /// The half-day date is outside `start..=end`.
    HalfDayOutside {
        start: NaiveDate,
        end: NaiveDate,
    },
    HalfDayDateMissing,
    /// The dates were widened after the modal was built, so it has no half-day date picker.
    HalfDayNeedsDate,
    HalfPeriodMissing,
}

impl FormError {
    /// The stable code (`"reason_missing"` …).
    pub fn code(&self) -> &'static str {
        match self {
            Self::StartDateMissing => "start_date_missing",
            Self::EndDateMissing => "end_date_missing",
            Self::LeaveTypeMissing => "leave_type_missing",
            Self::ReasonMissing => "reason_missing",
            Self::ReasonTooLong { .. } => "reason_too_long",
            Self::EndBeforeStart => "end_before_start",
            Self::HalfDayOutside { .. } => "half_day_outside",
            Self::HalfDayDateMissing => "half_day_date_missing",
            Self::HalfDayNeedsDate => "half_day_needs_date",
            Self::HalfPeriodMissing => "half_period_missing",
        }
    }

    /// The error in the reader's words (plain text: Slack shows it verbatim under the input).
    pub fn message(&self, words: &ViewErrorWords) -> String {
        match self {
            Self::StartDateMissing => words.start_date_missing.as_plain(),
            Self::EndDateMissing => words.end_date_missing.as_plain(),
            Self::LeaveTypeMissing => words.leave_type_missing.as_plain(),
            Self::ReasonMissing => words.reason_missing.as_plain(),
            Self::ReasonTooLong { max, length } => words
                .reason_too_long
                .plain([&max.to_string(), &length.to_string()]),
            Self::EndBeforeStart => words.end_before_start.as_plain(),
            Self::HalfDayOutside { start, end } => words.half_day_outside.plain([
                &display_date(*start, &words.dates),
                &display_date(*end, &words.dates),
            ]),
            Self::HalfDayDateMissing => words.half_day_date_missing.as_plain(),
            Self::HalfDayNeedsDate => words.half_day_needs_date.as_plain(),
            Self::HalfPeriodMissing => words.half_period_missing.as_plain(),
        }
    }

    /// `{"code": …, …}`, the shape of a submission route's `errors` values.
    pub fn to_value(&self) -> Value {
        match self {
            Self::ReasonTooLong { max, length } => {
                json!({"code": self.code(), "max": max, "length": length})
            }
            Self::HalfDayOutside { start, end } => {
                json!({"code": self.code(), "start": start.to_string(), "end": end.to_string()})
            }
            _ => json!({"code": self.code()}),
        }
    }
}

/// One inline error for the modal (shown under an input, `response_action: errors`): the input
/// block it belongs to and what is wrong. Not a bad row field, which is
/// `absence::RowInlineError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineError {
    pub block_id: &'static str,
    pub error: FormError,
}

pub type InlineErrors = Vec<InlineError>;

/// The reason as stored: control characters (NUL, escape sequences, DEL, C1) removed except tab
/// and newline — they carry no meaning, NUL cannot be stored by PostgreSQL, and a reason of only
/// control characters must count as blank — then trimmed.
fn clean_reason(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The approver's optional rejection reason: cleaned like a leave reason; blank is no reason;
/// longer than [`MAX_REJECT_REASON_CHARS`] is an inline error on the reason block.
pub fn validate_reject_reason(raw: Option<&str>) -> Result<Option<String>, InlineErrors> {
    let reason = clean_reason(raw.unwrap_or(""));
    let length = reason.chars().count();
    if length > MAX_REJECT_REASON_CHARS {
        return Err(vec![InlineError {
            block_id: ids::REJECT_REASON_BLOCK,
            error: FormError::ReasonTooLong {
                max: MAX_REJECT_REASON_CHARS,
                length,
            },
        }]);
    }
    Ok((!reason.is_empty()).then_some(reason))
}

/// Checks a submitted leave form; errors name the input block they belong to.
///
/// Rules: start, end, leave type and reason are required; end ≥ start; the reason is at most
/// [`MAX_REASON_CHARS`] after trimming. With half day checked: a one-day leave takes its only day
/// as the half day; a longer one needs a half-day date inside the range; the period is required
/// when the modal asked for it.
pub fn validate_leave_form(
    state: &FormState,
    layout: FormLayout,
) -> Result<LeaveForm, InlineErrors> {
    let mut errors = InlineErrors::new();
    let mut fail = |block_id: &'static str, error: FormError| {
        errors.push(InlineError { block_id, error });
    };

    if state.start_date.is_none() {
        fail(ids::START_DATE_BLOCK, FormError::StartDateMissing);
    }
    if state.end_date.is_none() {
        fail(ids::END_DATE_BLOCK, FormError::EndDateMissing);
    }
    let leave_type = state.leave_type.as_deref().filter(|t| !t.trim().is_empty());
    if leave_type.is_none() {
        fail(ids::LEAVE_TYPE_BLOCK, FormError::LeaveTypeMissing);
    }
    let reason = clean_reason(state.reason.as_deref().unwrap_or(""));
    let reason_len = reason.chars().count();
    if reason.is_empty() {
        fail(ids::REASON_BLOCK, FormError::ReasonMissing);
    } else if reason_len > MAX_REASON_CHARS {
        fail(
            ids::REASON_BLOCK,
            FormError::ReasonTooLong {
                max: MAX_REASON_CHARS,
                length: reason_len,
            },
        );
    }

    let mut half_day_date = None;
    let mut half_period = None;
    if let (Some(start), Some(end)) = (state.start_date, state.end_date) {
        if end < start {
            fail(ids::END_DATE_BLOCK, FormError::EndBeforeStart);
        } else if state.half_day {
            let in_range = |d: NaiveDate| start <= d && d <= end;
            match (state.half_day_date, layout.has_half_day_date) {
                (Some(d), _) if in_range(d) => half_day_date = Some(d),
                // A stale picker value outside a one-day range is shown to the user: say so.
                (Some(_), true) => fail(
                    ids::HALF_DAY_DATE_BLOCK,
                    FormError::HalfDayOutside { start, end },
                ),
                _ if start == end => half_day_date = Some(start),
                (None, true) => fail(ids::HALF_DAY_DATE_BLOCK, FormError::HalfDayDateMissing),
                // The dates were widened after the modal was built, so it has no date picker to
                // attach the error to; the checkbox block does exist.
                (_, false) => fail(ids::HALF_DAY_BLOCK, FormError::HalfDayNeedsDate),
            }
            if layout.has_half_period {
                half_period = state.half_period;
                if half_period.is_none() {
                    fail(ids::HALF_PERIOD_BLOCK, FormError::HalfPeriodMissing);
                }
            }
        }
    }

    match (state.start_date, state.end_date, leave_type) {
        (Some(start_date), Some(end_date), Some(leave_type)) if errors.is_empty() => {
            Ok(LeaveForm {
                start_date,
                end_date,
                leave_type: leave_type.to_owned(),
                reason,
                half_day: state.half_day,
                half_day_date,
                half_period,
            })
        }
        _ => Err(errors),
    }
}

// ---------------------------------------------------------------------------------------------
// The Python-facing shape of a route (plain JSON; the glue converts it to dicts)
// ---------------------------------------------------------------------------------------------

fn date_value(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn period_values(p: Option<HalfPeriod>) -> (Value, Value) {
    match p {
        Some(p) => (json!(p.code()), json!(p.label())),
        None => (Value::Null, Value::Null),
    }
}

impl FormState {
    pub fn to_value(&self) -> Value {
        let (code, label) = period_values(self.half_period);
        json!({
            "start_date": date_value(self.start_date),
            "end_date": date_value(self.end_date),
            "leave_type": self.leave_type,
            "reason": self.reason,
            "half_day": self.half_day,
            "half_day_date": date_value(self.half_day_date),
            "half_period": code,
            "half_period_label": label,
        })
    }
}

impl LeaveForm {
    pub fn to_value(&self) -> Value {
        let (code, label) = period_values(self.half_period);
        json!({
            "start_date": self.start_date.to_string(),
            "end_date": self.end_date.to_string(),
            "leave_type": self.leave_type,
            "reason": self.reason,
            "half_day": self.half_day,
            "half_day_date": date_value(self.half_day_date),
            "half_period": code,
            "half_period_label": label,
        })
    }
}

/// `{block_id: {"code": …, …}}`; a later error for the same block is dropped (Slack shows one
/// per block).
pub fn errors_to_value(errors: &[InlineError]) -> Value {
    let mut map = Map::new();
    for e in errors {
        map.entry(e.block_id).or_insert_with(|| e.error.to_value());
    }
    Value::Object(map)
}
