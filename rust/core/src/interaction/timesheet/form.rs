//! The Log Time modal's rules: hours as hundredths, the values as left and as validated, the
//! inline errors, and the day `/timesheet` was given.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::dates::parse_iso_date;
use crate::interaction::ids;

/// Fewest hours one time log may have, in hundredths (a quarter of an hour).
pub const MIN_CENTIHOURS: u32 = 25;
/// Most hours one time log may have, in hundredths (a day).
pub const MAX_CENTIHOURS: u32 = 2400;
/// Longest description we accept; the modal's input enforces the same `max_length`.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

/// Hours as hundredths (`1.5` h = 150), so that routes stay `Eq` and no float is parsed twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CentiHours(pub u32);

impl CentiHours {
    /// The hours as a number (`1.5`).
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// `8`, `1.5`, `0.25`: no trailing zeros, `separator` between the whole and the fraction.
    pub fn display(self, separator: &str) -> String {
        let whole = self.0 / 100;
        let frac = self.0 % 100;
        match frac {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole}{separator}{}", f / 10),
            f => format!("{whole}{separator}{f:02}"),
        }
    }

    /// From a number of hours given by the ERP (a Float): rounded to hundredths, never negative.
    pub fn from_hours(hours: f64) -> Option<Self> {
        if !hours.is_finite() || !(0.0..=1.0e7).contains(&hours) {
            return None;
        }
        // In range of u32 by the check above.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some(Self((hours * 100.0).round() as u32))
    }
}

/// The modal's values as the user left them; anything may be missing. Kept when the modal is
/// rebuilt after a project change, and the input of [`validate_timesheet_form`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimesheetState {
    pub date: Option<NaiveDate>,
    pub project: Option<String>,
    pub task: Option<String>,
    pub activity_type: Option<String>,
    /// As typed (Slack's number input sends a string).
    pub hours: Option<String>,
    pub description: Option<String>,
}

impl TimesheetState {
    pub fn to_value(&self) -> Value {
        json!({
            "date": self.date.map(|d| d.to_string()),
            "project": self.project,
            "task": self.task,
            "activity_type": self.activity_type,
            "hours": self.hours,
            "description": self.description,
        })
    }
}

/// A validated time log, ready for the ERP adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimesheetForm {
    pub date: NaiveDate,
    pub project: String,
    pub task: Option<String>,
    pub activity_type: String,
    pub hours: CentiHours,
    /// Control characters other than tab and newline removed, trimmed, 1 to
    /// [`MAX_DESCRIPTION_CHARS`] characters.
    pub description: String,
}

impl TimesheetForm {
    pub fn to_value(&self) -> Value {
        json!({
            "date": self.date.to_string(),
            "project": self.project,
            "task": self.task,
            "activity_type": self.activity_type,
            "hours": self.hours.as_f64(),
            "description": self.description,
        })
    }
}

/// Why a field of the submitted Log Time modal is not acceptable (a stable code; its words are
/// chosen when the answer is built, in the reader's language). As JSON: `{"code": …, …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", deny_unknown_fields)]
pub enum TimesheetError {
    DateMissing,
    /// The date is after the day the modal was opened.
    DateInFuture {
        today: NaiveDate,
    },
    ProjectMissing,
    ActivityTypeMissing,
    HoursMissing,
    /// Not a number with at most two decimals.
    HoursNotANumber,
    /// Outside `min..=max` hours (as numbers, e.g. 0.25 and 24).
    HoursOutOfRange {
        min: CentiHours,
        max: CentiHours,
    },
    DescriptionMissing,
    DescriptionTooLong {
        max: usize,
        length: usize,
    },
}

impl TimesheetError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::DateMissing => "date_missing",
            Self::DateInFuture { .. } => "date_in_future",
            Self::ProjectMissing => "project_missing",
            Self::ActivityTypeMissing => "activity_type_missing",
            Self::HoursMissing => "hours_missing",
            Self::HoursNotANumber => "hours_not_a_number",
            Self::HoursOutOfRange { .. } => "hours_out_of_range",
            Self::DescriptionMissing => "description_missing",
            Self::DescriptionTooLong { .. } => "description_too_long",
        }
    }

    pub fn to_value(&self) -> Value {
        match self {
            Self::DateInFuture { today } => {
                json!({"code": self.code(), "today": today.to_string()})
            }
            Self::HoursOutOfRange { min, max } => {
                json!({"code": self.code(), "min": min.0, "max": max.0})
            }
            Self::DescriptionTooLong { max, length } => {
                json!({"code": self.code(), "max": max, "length": length})
            }
            _ => json!({"code": self.code()}),
        }
    }
}

/// One inline error: the input block it belongs to and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimesheetInlineError {
    pub block_id: &'static str,
    pub error: TimesheetError,
}

/// `{block_id: {"code": …}}`; the first error per block wins (Slack shows one per block).
pub fn timesheet_errors_to_value(errors: &[TimesheetInlineError]) -> Value {
    let mut map = Map::new();
    for e in errors {
        map.entry(e.block_id).or_insert_with(|| e.error.to_value());
    }
    Value::Object(map)
}

/// Hours as typed: digits, optionally `.` or `,` and one or two decimals. Anything else
/// (signs, exponents, `inf`, three decimals) is not a number of hours.
pub fn parse_hours(raw: &str) -> Option<CentiHours> {
    let s = raw.trim();
    let (whole, frac) = match s.find(['.', ',']) {
        Some(i) => (s.get(..i)?, s.get(i + 1..)?),
        None => (s, ""),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (s.len() > whole.len() && (!digits(frac) || frac.len() > 2)) {
        return None;
    }
    // Longer than a few digits is out of range anyway; keep the arithmetic small.
    let whole: u32 = if whole.len() > 6 {
        1_000_000
    } else {
        whole.parse().ok()?
    };
    let frac: u32 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u32>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    Some(CentiHours(whole * 100 + frac))
}

/// A chosen name, trimmed; blank is none.
fn named(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The description as stored: control characters other than tab and newline removed, trimmed.
fn clean_text(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Checks a submitted Log Time modal; errors name the input block they belong to.
///
/// Rules: date, project, activity type, hours and description are required; the date is not
/// after `today` (the day the modal was opened); hours are a number with at most two decimals
/// from 0.25 to 24; the description is at most [`MAX_DESCRIPTION_CHARS`] after trimming. The
/// task is optional.
pub fn validate_timesheet_form(
    state: &TimesheetState,
    today: NaiveDate,
) -> Result<TimesheetForm, Vec<TimesheetInlineError>> {
    let mut errors = Vec::new();
    let mut fail = |block_id: &'static str, error: TimesheetError| {
        errors.push(TimesheetInlineError { block_id, error });
    };
    match state.date {
        None => fail(ids::TS_DATE_BLOCK, TimesheetError::DateMissing),
        Some(d) if d > today => fail(ids::TS_DATE_BLOCK, TimesheetError::DateInFuture { today }),
        Some(_) => {}
    }
    let project = named(&state.project);
    if project.is_none() {
        fail(ids::TS_PROJECT_BLOCK, TimesheetError::ProjectMissing);
    }
    let activity_type = named(&state.activity_type);
    if activity_type.is_none() {
        fail(ids::TS_ACTIVITY_BLOCK, TimesheetError::ActivityTypeMissing);
    }
    let hours = match named(&state.hours) {
        None => {
            fail(ids::TS_HOURS_BLOCK, TimesheetError::HoursMissing);
            None
        }
        Some(raw) => match parse_hours(raw) {
            None => {
                fail(ids::TS_HOURS_BLOCK, TimesheetError::HoursNotANumber);
                None
            }
            Some(h) if !(MIN_CENTIHOURS..=MAX_CENTIHOURS).contains(&h.0) => {
                fail(
                    ids::TS_HOURS_BLOCK,
                    TimesheetError::HoursOutOfRange {
                        min: CentiHours(MIN_CENTIHOURS),
                        max: CentiHours(MAX_CENTIHOURS),
                    },
                );
                None
            }
            Some(h) => Some(h),
        },
    };
    let description = clean_text(state.description.as_deref().unwrap_or(""));
    let length = description.chars().count();
    if description.is_empty() {
        fail(
            ids::TS_DESCRIPTION_BLOCK,
            TimesheetError::DescriptionMissing,
        );
    } else if length > MAX_DESCRIPTION_CHARS {
        fail(
            ids::TS_DESCRIPTION_BLOCK,
            TimesheetError::DescriptionTooLong {
                max: MAX_DESCRIPTION_CHARS,
                length,
            },
        );
    }
    match (state.date, project, activity_type, hours) {
        (Some(date), Some(project), Some(activity_type), Some(hours)) if errors.is_empty() => {
            Ok(TimesheetForm {
                date,
                project: project.to_owned(),
                task: named(&state.task).map(str::to_owned),
                activity_type: activity_type.to_owned(),
                hours,
                description,
            })
        }
        _ => Err(errors),
    }
}

/// The day `/timesheet` was given: blank is today, `YYYY-MM-DD` up to today is that day;
/// anything else (another spelling, a later day) is `None`, which the handler answers with a
/// notice instead of guessing.
pub fn command_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return Some(today);
    }
    parse_iso_date(text).filter(|d| *d <= today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap_or_default()
    }

    fn valid() -> TimesheetState {
        TimesheetState {
            date: Some(day("2026-12-02")),
            project: Some("PROJ-0001".into()),
            task: None,
            activity_type: Some("Development".into()),
            hours: Some("1.5".into()),
            description: Some("  Reviewed the API  ".into()),
        }
    }

    #[test]
    fn hours_are_decimals_with_at_most_two_places() {
        for (raw, want) in [
            ("1.5", Some(150)),
            ("1,5", Some(150)),
            ("0.25", Some(25)),
            ("8", Some(800)),
            (" 24 ", Some(2400)),
            ("24.00", Some(2400)),
            ("1.", None),
            (".5", None),
            ("1.234", None),
            ("-1", None),
            ("1e2", None),
            ("inf", None),
            ("NaN", None),
            ("", None),
            ("1.5.2", None),
            ("99999999999999999999", Some(100_000_000)),
        ] {
            assert_eq!(parse_hours(raw).map(|h| h.0), want, "{raw:?}");
        }
    }

    #[test]
    fn hours_display_without_trailing_zeros() {
        assert_eq!(CentiHours(800).display("."), "8");
        assert_eq!(CentiHours(150).display(","), "1,5");
        assert_eq!(CentiHours(25).display("."), "0.25");
        assert_eq!(CentiHours(705).display("."), "7.05");
        assert_eq!(CentiHours::from_hours(7.499_999), Some(CentiHours(750)));
        assert_eq!(CentiHours::from_hours(-1.0), None);
        assert_eq!(CentiHours::from_hours(f64::NAN), None);
    }

    #[test]
    fn the_command_takes_today_or_an_iso_day_up_to_today() {
        let today = day("2026-12-03");
        assert_eq!(command_date("  ", today), Some(today));
        assert_eq!(command_date("2026-12-01", today), Some(day("2026-12-01")));
        assert_eq!(command_date(" 2026-12-03 ", today), Some(today));
        assert_eq!(command_date("2026-12-04", today), None);
        assert_eq!(command_date("yesterday", today), None);
        assert_eq!(command_date("03.12.2026", today), None);
    }

    #[test]
    fn a_valid_form_is_cleaned() {
        let form = validate_timesheet_form(&valid(), day("2026-12-03")).expect("valid");
        assert_eq!(form.description, "Reviewed the API");
        assert_eq!(form.hours, CentiHours(150));
        assert_eq!(form.task, None);
        assert_eq!(form.to_value()["hours"], json!(1.5));
    }

    #[test]
    fn every_rule_names_its_block() {
        let today = day("2026-12-03");
        let codes = |s: &TimesheetState| -> Vec<(&str, &str)> {
            validate_timesheet_form(s, today)
                .err()
                .unwrap_or_default()
                .iter()
                .map(|e| (e.block_id, e.error.code()))
                .collect()
        };
        assert_eq!(
            codes(&TimesheetState::default()),
            vec![
                (ids::TS_DATE_BLOCK, "date_missing"),
                (ids::TS_PROJECT_BLOCK, "project_missing"),
                (ids::TS_ACTIVITY_BLOCK, "activity_type_missing"),
                (ids::TS_HOURS_BLOCK, "hours_missing"),
                (ids::TS_DESCRIPTION_BLOCK, "description_missing"),
            ]
        );
        let mut s = valid();
        s.date = Some(day("2026-12-04"));
        s.hours = Some("0.2".into());
        s.description = Some("x".repeat(1001));
        assert_eq!(
            codes(&s),
            vec![
                (ids::TS_DATE_BLOCK, "date_in_future"),
                (ids::TS_HOURS_BLOCK, "hours_out_of_range"),
                (ids::TS_DESCRIPTION_BLOCK, "description_too_long"),
            ]
        );
        s = valid();
        s.hours = Some("24.25".into());
        assert_eq!(codes(&s), vec![(ids::TS_HOURS_BLOCK, "hours_out_of_range")]);
        s.hours = Some("abc".into());
        assert_eq!(codes(&s), vec![(ids::TS_HOURS_BLOCK, "hours_not_a_number")]);
        s = valid();
        s.description = Some("\u{1b}\u{0}  ".into());
        assert_eq!(
            codes(&s),
            vec![(ids::TS_DESCRIPTION_BLOCK, "description_missing")]
        );
        s = valid();
        s.description = Some("é".repeat(1000));
        assert!(validate_timesheet_form(&s, today).is_ok());
        s.date = Some(today);
        assert!(validate_timesheet_form(&s, today).is_ok());
    }

    #[test]
    fn errors_serialise_with_their_values() {
        let errors = vec![
            TimesheetInlineError {
                block_id: ids::TS_HOURS_BLOCK,
                error: TimesheetError::HoursOutOfRange {
                    min: CentiHours(25),
                    max: CentiHours(2400),
                },
            },
            TimesheetInlineError {
                block_id: ids::TS_HOURS_BLOCK,
                error: TimesheetError::HoursMissing,
            },
        ];
        assert_eq!(
            timesheet_errors_to_value(&errors),
            json!({"ts_hours": {"code": "hours_out_of_range", "min": 25, "max": 2400}})
        );
        let back: TimesheetError =
            serde_json::from_value(json!({"code": "date_in_future", "today": "2026-12-03"}))
                .expect("parses");
        assert_eq!(
            back,
            TimesheetError::DateInFuture {
                today: day("2026-12-03")
            }
        );
    }
}
