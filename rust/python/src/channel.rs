//! Attendance channel exports (core `absence` + `blocks::channel`): the daily summary, its send
//! gate, the late-leave note and the channel test message. Conversion only; the rules live in the
//! core crate.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use serde_json::{Map, Value};
use slack_connector_core::absence::{self, AbsenceRow, GateSettings};
use slack_connector_core::blocks::channel::{self as blocks, Naming};
use slack_connector_core::blocks::{Message, SerializeError};
use slack_connector_core::words::{LateLeaveWords, SummaryWords, TestMessageWords};

use crate::convert::{self, from_py};
use crate::{errors, rows};

/// Rows as JSON values (the late-leave note's single row). `datetime.date` values become
/// `YYYY-MM-DD` strings, since that is what `frappe.get_all` returns for Date fields (a
/// `datetime` gives a date-time string, which the core then rejects as not a date).
fn date_type(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("datetime")?.getattr("date")
}

fn row_to_value(item: &Bound<'_, PyAny>, date_type: &Bound<'_, PyAny>) -> PyResult<Value> {
    let Ok(dict) = item.cast::<PyDict>() else {
        // Not a dict: the core reports it as a bad row with its index.
        return from_py(item);
    };
    let mut map = Map::with_capacity(dict.len());
    for (k, v) in dict.iter() {
        let key = k.cast::<PyString>()?.to_str()?.to_owned();
        let value = if v.is_instance(date_type)? {
            Value::String(v.call_method0("isoformat")?.extract()?)
        } else {
            from_py(&v)?
        };
        map.insert(key, value);
    }
    Ok(Value::Object(map))
}

/// The fields of an absence row the core reads.
pub const FIELDS: &[&str] = &[
    "employee",
    "employee_name",
    "slack_user_id",
    "from_date",
    "to_date",
    "half_day",
    "half_day_date",
    "half_period",
];

/// Parses every row straight from the Python objects ([`rows::Fields::parse_all`]).
fn parse_py_rows<'py>(py: Python<'py>, rows: &Bound<'py, PyAny>) -> PyResult<Vec<AbsenceRow>> {
    rows::Fields::new(py, FIELDS)?.parse_all(
        rows,
        |row| AbsenceRow::from_source(row),
        AbsenceRow::from_value,
    )
}

#[pyfunction]
#[pyo3(signature = (rows, *, today, words, title = "", mention = true))]
fn build_attendance_summary<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    today: &str,
    words: &Bound<'py, PyAny>,
    title: &str,
    mention: bool,
) -> PyResult<Vec<String>> {
    let today =
        absence::parse_date_arg("today", today).map_err(|e| errors::absence_error(py, &e))?;
    let words = convert::words::<SummaryWords>(words)?;
    // Reading the dicts needs the GIL; grouping, packing and rendering run without it.
    let rows = parse_py_rows(py, rows)?;
    let title = title.to_owned();
    let result = py.detach(move || -> Result<Vec<String>, SerializeError> {
        let summary = absence::summarise_owned(rows, today);
        blocks::attendance_messages_with(&summary, &title, &words, Naming::from_mention(mention))
            .iter()
            .map(Message::to_json)
            .collect()
    });
    result.map_err(|e| errors::serialize_error(py, &e))
}

#[pyfunction]
#[pyo3(signature = (*, now, enabled, send_time, is_holiday, last_sent = None))]
fn should_send_attendance(
    py: Python<'_>,
    now: &str,
    enabled: bool,
    send_time: &str,
    is_holiday: bool,
    last_sent: Option<&str>,
) -> PyResult<(bool, &'static str)> {
    let decide = || -> Result<absence::SendVerdict, absence::InputError> {
        let now = absence::parse_datetime_arg("now", now)?;
        let send_time = absence::parse_time_arg("send_time", send_time)?;
        let last_sent = match last_sent.map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(absence::parse_date_arg("last_sent", s)?),
        };
        Ok(absence::should_send(
            now,
            GateSettings { enabled, send_time },
            is_holiday,
            last_sent,
        ))
    };
    let verdict = decide().map_err(|e| errors::absence_error(py, &e))?;
    Ok((verdict.is_send(), verdict.reason()))
}

#[pyfunction]
#[pyo3(signature = (row, *, today, words, mention = true))]
fn build_late_leave_note<'py>(
    py: Python<'py>,
    row: &Bound<'py, PyAny>,
    today: &str,
    words: &Bound<'py, PyAny>,
    mention: bool,
) -> PyResult<Option<String>> {
    let values = [row_to_value(row, &date_type(py)?)?];
    let today =
        absence::parse_date_arg("today", today).map_err(|e| errors::absence_error(py, &e))?;
    let words = convert::words::<LateLeaveWords>(words)?;
    let rows = absence::parse_rows(&values).map_err(|e| errors::absence_error(py, &e))?;
    let Some(note) = rows.first().and_then(|row| {
        blocks::late_leave_note_for_row_with(row, today, &words, Naming::from_mention(mention))
    }) else {
        return Ok(None);
    };
    convert::message(py, &note).map(Some)
}

#[pyfunction]
#[pyo3(signature = (site = "", *, words))]
fn build_test_message<'py>(
    py: Python<'py>,
    site: &str,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let words = convert::words::<TestMessageWords>(words)?;
    convert::message(py, &blocks::test_message(site, &words))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(build_attendance_summary, m)?)?;
    m.add_function(wrap_pyfunction!(should_send_attendance, m)?)?;
    m.add_function(wrap_pyfunction!(build_late_leave_note, m)?)?;
    m.add_function(wrap_pyfunction!(build_test_message, m)?)?;
    Ok(())
}
