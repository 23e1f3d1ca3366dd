//! Attendance exports: the daily summary, its send gate, the late-leave note, the channel test
//! message and Markdown rendering for dry runs. Conversion only; the rules live in the core crate.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use serde_json::{Map, Value};
use slack_connector_core::attendance::{self, GateSettings};
use slack_connector_core::blocks::attendance as blocks;
use slack_connector_core::{blocks::Message, render};

use crate::convert::{from_py, to_py};
use crate::errors;

/// Rows as JSON values. `datetime.date` values become `YYYY-MM-DD` strings, since that is what
/// `frappe.get_all` returns for Date fields (a `datetime` gives a date-time string, which the core
/// then rejects as not a date).
fn rows_to_values(rows: &Bound<'_, PyAny>) -> PyResult<Vec<Value>> {
    let date_type = date_type(rows.py())?;
    rows.try_iter()?
        .map(|item| row_to_value(&item?, &date_type))
        .collect()
}

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

fn messages_to_py<'py>(py: Python<'py>, messages: &[Value]) -> PyResult<Vec<Bound<'py, PyAny>>> {
    messages.iter().map(|m| to_py(py, m)).collect()
}

#[pyfunction]
#[pyo3(signature = (rows, *, today, title = blocks::DEFAULT_TITLE))]
fn build_attendance_summary<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    today: &str,
    title: &str,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let values = rows_to_values(rows)?;
    let today_str = today.to_owned();
    let title = title.to_owned();
    // Parsing, grouping, packing and fallback rendering run without the GIL.
    let result = py.detach(move || -> Result<Vec<Value>, attendance::InputError> {
        let today = attendance::parse_date_arg("today", &today_str)?;
        let rows = attendance::parse_rows(&values)?;
        let summary = attendance::summarise(&rows, today);
        Ok(blocks::attendance_messages(&summary, &title)
            .iter()
            .map(Message::to_value)
            .collect())
    });
    let messages = result.map_err(|e| errors::attendance_error(py, &e))?;
    messages_to_py(py, &messages)
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
    let decide = || -> Result<attendance::Decision, attendance::InputError> {
        let now = attendance::parse_datetime_arg("now", now)?;
        let send_time = attendance::parse_time_arg("send_time", send_time)?;
        let last_sent = match last_sent.map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(attendance::parse_date_arg("last_sent", s)?),
        };
        Ok(attendance::should_send(
            now,
            GateSettings { enabled, send_time },
            is_holiday,
            last_sent,
        ))
    };
    let decision = decide().map_err(|e| errors::attendance_error(py, &e))?;
    Ok((decision.is_send(), decision.reason()))
}

#[pyfunction]
fn render_markdown(py: Python<'_>, blocks: &Bound<'_, PyAny>) -> PyResult<String> {
    let value = from_py(blocks)?;
    py.detach(move || render::markdown_of(value))
        .map_err(|e| errors::blocks_error(py, &e))
}

#[pyfunction]
#[pyo3(signature = (row, *, today))]
fn build_late_leave_note<'py>(
    py: Python<'py>,
    row: &Bound<'py, PyAny>,
    today: &str,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let values = [row_to_value(row, &date_type(py)?)?];
    let note = (|| -> Result<Option<Value>, attendance::InputError> {
        let today = attendance::parse_date_arg("today", today)?;
        let rows = attendance::parse_rows(&values)?;
        Ok(rows
            .first()
            .and_then(|row| blocks::late_leave_note_for_row(row, today))
            .map(|m| m.to_value()))
    })()
    .map_err(|e| errors::attendance_error(py, &e))?;
    note.map(|v| to_py(py, &v)).transpose()
}

#[pyfunction]
#[pyo3(signature = (site = ""))]
fn build_test_message<'py>(py: Python<'py>, site: &str) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &blocks::test_message(site).to_value())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(build_attendance_summary, m)?)?;
    m.add_function(wrap_pyfunction!(should_send_attendance, m)?)?;
    m.add_function(wrap_pyfunction!(render_markdown, m)?)?;
    m.add_function(wrap_pyfunction!(build_late_leave_note, m)?)?;
    m.add_function(wrap_pyfunction!(build_test_message, m)?)?;
    Ok(())
}
