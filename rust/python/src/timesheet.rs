//! Timesheet builders: plain dicts in, the JSON text of each Slack body out.

use pyo3::prelude::*;
use slack_connector_core::blocks::leave::view_to_json;
use slack_connector_core::blocks::timesheet::{
    self, LoggedTime, ReminderRow, TimesheetModalInput, TimesheetNotice, TimesheetViewError,
};
use slack_connector_core::dates::parse_iso_date;
use slack_connector_core::interaction::ids;
use slack_connector_core::interaction::timesheet::command_date;
use slack_connector_core::words::TimesheetWords;

use crate::convert::{self, built, built_tree, message, typed};
use crate::errors;

/// The "Log Time" modal as a view dict for `views.open` / `views.update`.
#[pyfunction]
#[pyo3(signature = (input, *, words))]
fn build_timesheet_modal<'py>(
    py: Python<'py>,
    input: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let input: TimesheetModalInput = typed("timesheet modal input", input)?;
    let words = convert::words::<TimesheetWords>(words)?;
    let view =
        timesheet::timesheet_modal(&input, &words).map_err(|e| errors::build_error(py, &e))?;
    built(py, view_to_json(&view))
}

/// The errors answer of a Log Time submission: values are route error codes or messages.
#[pyfunction]
#[pyo3(signature = (errors, *, words))]
fn build_timesheet_view_errors<'py>(
    py: Python<'py>,
    errors: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let by_block: std::collections::BTreeMap<String, TimesheetViewError> =
        typed("timesheet view errors", errors)?;
    let words = convert::words::<TimesheetWords>(words)?;
    built_tree(py, timesheet::timesheet_view_errors(by_block, &words))
}

/// The confirmation DM after a time log was added: `{"text", "blocks"}`.
#[pyfunction]
#[pyo3(signature = (logged, *, words))]
fn build_timesheet_confirmation<'py>(
    py: Python<'py>,
    logged: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let logged: LoggedTime = typed("logged time", logged)?;
    let words = convert::words::<TimesheetWords>(words)?;
    let m = timesheet::timesheet_confirmation(&logged, &words)
        .map_err(|e| errors::build_error(py, &e))?;
    message(py, &m)
}

/// The missed-hours reminders, one `{"text", "blocks"}` per row, in the rows' order.
#[pyfunction]
#[pyo3(signature = (rows, *, words, mention=true))]
fn build_timesheet_reminders<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
    mention: bool,
) -> PyResult<Vec<String>> {
    let rows: Vec<ReminderRow> = typed("reminder rows", rows)?;
    let words = convert::words::<TimesheetWords>(words)?;
    rows.iter()
        .map(|row| {
            let m = timesheet::timesheet_reminder(row, &words, mention)
                .map_err(|e| errors::build_error(py, &e))?;
            message(py, &m)
        })
        .collect()
}

/// A short (ephemeral) notice about `/timesheet`: `{"kind": ...}` in, `{"text", "blocks"}` out.
#[pyfunction]
#[pyo3(signature = (notice, *, words))]
fn build_timesheet_notice<'py>(
    py: Python<'py>,
    notice: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let notice: TimesheetNotice = typed("timesheet notice", notice)?;
    let words = convert::words::<TimesheetWords>(words)?;
    message(py, &timesheet::timesheet_notice(&notice, &words))
}

/// The Log Time modal's input block for an error about Timesheet (Detail) field `field`;
/// anything the modal has no input for → the description block.
#[pyfunction]
fn block_for_timesheet_field(field: &str) -> &'static str {
    ids::block_for_timesheet_field(field)
}

/// The day `/timesheet` asks for: `text` blank → `today`, an ISO date up to `today` → that day
/// (ISO); anything else → None. `today` must be an ISO date (else `ValueError`).
#[pyfunction]
fn timesheet_command_date(text: &str, today: &str) -> PyResult<Option<String>> {
    let today = parse_iso_date(today).ok_or_else(|| {
        pyo3::exceptions::PyValueError::new_err(format!(
            "today is not a YYYY-MM-DD date: {today:?}"
        ))
    })?;
    Ok(command_date(text, today).map(|d| d.to_string()))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(build_timesheet_modal, m)?)?;
    m.add_function(wrap_pyfunction!(build_timesheet_view_errors, m)?)?;
    m.add_function(wrap_pyfunction!(build_timesheet_confirmation, m)?)?;
    m.add_function(wrap_pyfunction!(build_timesheet_reminders, m)?)?;
    m.add_function(wrap_pyfunction!(build_timesheet_notice, m)?)?;
    m.add_function(wrap_pyfunction!(block_for_timesheet_field, m)?)?;
    m.add_function(wrap_pyfunction!(timesheet_command_date, m)?)?;
    Ok(())
}
