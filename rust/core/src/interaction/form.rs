//! The leave modal's values, their validation, and their Python-facing shape.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{ids, MAX_REASON_CHARS};
use crate::dates::display_date;
use crate::half_period::HalfPeriod;

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

/// One inline error for the modal (shown under an input, `response_action: errors`): the input
/// block it belongs to and a plain-text message. Not a bad row field, which is
/// `absence::RowInlineError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineError {
    pub block_id: &'static str,
    pub message: String,
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
    let mut fail = |block_id: &'static str, message: String| {
        errors.push(InlineError { block_id, message });
    };

    if state.start_date.is_none() {
        fail(
            ids::START_DATE_BLOCK,
            "Pick the first day of your leave.".into(),
        );
    }
    if state.end_date.is_none() {
        fail(
            ids::END_DATE_BLOCK,
            "Pick the last day of your leave.".into(),
        );
    }
    let leave_type = state.leave_type.as_deref().filter(|t| !t.trim().is_empty());
    if leave_type.is_none() {
        fail(ids::LEAVE_TYPE_BLOCK, "Choose a leave type.".into());
    }
    let reason = clean_reason(state.reason.as_deref().unwrap_or(""));
    let reason_len = reason.chars().count();
    if reason.is_empty() {
        fail(
            ids::REASON_BLOCK,
            "Tell your approver the reason for your leave.".into(),
        );
    } else if reason_len > MAX_REASON_CHARS {
        fail(
            ids::REASON_BLOCK,
            format!("Keep the reason within {MAX_REASON_CHARS} characters (it has {reason_len})."),
        );
    }

    let mut half_day_date = None;
    let mut half_period = None;
    if let (Some(start), Some(end)) = (state.start_date, state.end_date) {
        if end < start {
            fail(
                ids::END_DATE_BLOCK,
                "The end date cannot be before the start date.".into(),
            );
        } else if state.half_day {
            let in_range = |d: NaiveDate| start <= d && d <= end;
            let outside = || {
                format!(
                    "Pick a day between {} and {}.",
                    display_date(start),
                    display_date(end)
                )
            };
            match (state.half_day_date, layout.has_half_day_date) {
                (Some(d), _) if in_range(d) => half_day_date = Some(d),
                // A stale picker value outside a one-day range is shown to the user: say so.
                (Some(_), true) => fail(ids::HALF_DAY_DATE_BLOCK, outside()),
                _ if start == end => half_day_date = Some(start),
                (None, true) => fail(ids::HALF_DAY_DATE_BLOCK, "Pick the half day.".into()),
                // The dates were widened after the modal was built, so it has no date picker to
                // attach the error to; the checkbox block does exist.
                (_, false) => fail(
                    ids::HALF_DAY_BLOCK,
                    "Your leave now spans several days: uncheck and check Half Day again to \
                     choose which day is the half day."
                        .into(),
                ),
            }
            if layout.has_half_period {
                half_period = state.half_period;
                if half_period.is_none() {
                    fail(
                        ids::HALF_PERIOD_BLOCK,
                        "Choose the first or the second half.".into(),
                    );
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

/// `{block_id: message}`; a later error for the same block is dropped (Slack shows one per block).
pub fn errors_to_value(errors: &[InlineError]) -> Value {
    let mut map = Map::new();
    for e in errors {
        map.entry(e.block_id)
            .or_insert_with(|| Value::String(e.message.clone()));
    }
    Value::Object(map)
}
