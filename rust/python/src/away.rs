//! "While you are away": when a person is away, the status and snooze that shows it, the guard
//! before a status write, and the consent modal.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use slack_connector_core::absence::away::{self, guard_clear, guard_set, status_of, AwayInput};
use slack_connector_core::blocks::leave::{self as leave_blocks, away_consent_modal};
use slack_connector_core::words::{AwayStatusWords, AwayWords};

use crate::convert::{self, built, from_py, typed};
use crate::errors;

/// The status a person on leave shows now, or None: `{"body"` (the users.profile.set JSON
/// text), `"text"`, `"emoji"`, `"expiration"` (Unix seconds), `"snooze_minutes"`, `"last_day"`
/// (ISO)`}`.
#[pyfunction]
#[pyo3(signature = (input, *, words))]
fn away_status_now<'py>(
    py: Python<'py>,
    input: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyDict>>> {
    let input: AwayInput = typed("away input", input)?;
    let words = convert::words::<AwayStatusWords>(words)?;
    let found = away::away_now(&input).map_err(|e| errors::away_error(py, &e))?;
    let Some(found) = found else {
        return Ok(None);
    };
    let status = leave_blocks::away_status(&found, &words);
    let out = PyDict::new(py);
    out.set_item("body", leave_blocks::status_body(&status))?;
    out.set_item("text", &status.0)?;
    out.set_item("emoji", &status.1)?;
    out.set_item("expiration", status.2)?;
    out.set_item("snooze_minutes", found.snooze_minutes(input.now))?;
    out.set_item("last_day", found.last_day.to_string())?;
    Ok(Some(out))
}

/// The users.profile.set JSON text that clears the status.
#[pyfunction]
fn away_clear_body() -> String {
    leave_blocks::clear_body()
}

/// May the owed users.profile.set `body` go out, Slack showing `current` (users.profile.get's
/// answer) and the app having set `ours` last (`{"status_text", "status_emoji"}` or None)?
/// `"send"`, `"already_done"` (a clear with nothing shown) or `"persons_own"`.
#[pyfunction]
#[pyo3(signature = (body, current, ours = None))]
fn guard_away_status(
    body: &str,
    current: &Bound<'_, PyAny>,
    ours: Option<&Bound<'_, PyAny>>,
) -> PyResult<&'static str> {
    let wanted = serde_json::from_str(body)
        .map(|v| status_of(&v))
        .map_err(|e| errors::invalid_input(current.py(), "status body", &e))?;
    let current = status_of(&from_py(current)?);
    let ours = ours
        .map(|o| from_py(o).map(|v| status_of(&v)))
        .transpose()?;
    let guard = if wanted.is_empty() {
        guard_clear(&current, ours.as_ref())
    } else {
        guard_set(&current, ours.as_ref(), &wanted)
    };
    Ok(guard.as_str())
}

/// The status a users.profile.set `body` shows (`{"status_text", "status_emoji"}`), None for the
/// body that clears it.
#[pyfunction]
fn away_status_of<'py>(py: Python<'py>, body: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
    let status = serde_json::from_str(body)
        .map(|v| status_of(&v))
        .map_err(|e| errors::invalid_input(py, "status body", &e))?;
    if status.is_empty() {
        return Ok(None);
    }
    let out = PyDict::new(py);
    out.set_item("status_text", status.status_text)?;
    out.set_item("status_emoji", status.status_emoji)?;
    Ok(Some(out))
}

/// The consent modal for `views.open`: what the person allows and the link to Slack's authorize
/// page.
#[pyfunction]
#[pyo3(signature = (authorize_url, *, words))]
fn build_away_consent_modal(
    py: Python<'_>,
    authorize_url: &str,
    words: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let words = convert::words::<AwayWords>(words)?;
    let view =
        away_consent_modal(authorize_url, &words).map_err(|e| errors::build_error(py, &e))?;
    built(py, leave_blocks::view_to_json(&view))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(away_status_now, m)?)?;
    m.add_function(wrap_pyfunction!(away_clear_body, m)?)?;
    m.add_function(wrap_pyfunction!(guard_away_status, m)?)?;
    m.add_function(wrap_pyfunction!(away_status_of, m)?)?;
    m.add_function(wrap_pyfunction!(build_away_consent_modal, m)?)?;
    Ok(())
}
