//! Who is out, leave by leave: `/whoisout`'s days and answer (the approver's card's list goes in
//! through `build_approver_message`).

use pyo3::prelude::*;
use slack_connector_core::absence::{self, DayOut, DaySpan, OutRow};
use slack_connector_core::blocks::who;
use slack_connector_core::words::WhoIsOutWords;

use crate::convert::{self, message, typed};
use crate::errors;

/// The first and last day `/whoisout <text>` asks about on `today` (ISO dates), or None when
/// `text` is not understood. `today` must be an ISO date (else `InputError`).
#[pyfunction]
fn who_is_out_span(py: Python<'_>, text: &str, today: &str) -> PyResult<Option<(String, String)>> {
    let today =
        absence::parse_date_arg("today", today).map_err(|e| errors::absence_error(py, &e))?;
    Ok(absence::parse_span(text, today).map(|s| (s.from.to_string(), s.to.to_string())))
}

/// The arguments of the `/whoisout` answer read: who is out on each day, the span, the words.
fn who_is_out_days<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    from_date: &str,
    to_date: &str,
    days: &[String],
    words: &Bound<'py, PyAny>,
) -> PyResult<(Vec<DayOut>, DaySpan, std::sync::Arc<WhoIsOutWords>)> {
    let iso_arg =
        |field, s| absence::parse_date_arg(field, s).map_err(|e| errors::absence_error(py, &e));
    let rows: Vec<OutRow> = typed("who is out rows", rows)?;
    let span = DaySpan {
        from: iso_arg("from_date", from_date)?,
        to: iso_arg("to_date", to_date)?,
    };
    let days = days
        .iter()
        .map(|d| iso_arg("days", d))
        .collect::<PyResult<Vec<_>>>()?;
    let words = convert::words::<WhoIsOutWords>(words)?;
    Ok((absence::days_out(&rows, &days), span, words))
}

/// The `/whoisout` answer: `rows` (absence rows with `leave_type` and `status`) on each of
/// `days` (ISO dates, the working days of `from_date..to_date`).
#[pyfunction]
#[pyo3(signature = (rows, *, from_date, to_date, days, words, hide_types = false))]
fn build_who_is_out<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    from_date: &str,
    to_date: &str,
    days: Vec<String>,
    words: &Bound<'py, PyAny>,
    hide_types: bool,
) -> PyResult<String> {
    let (by_day, span, words) = who_is_out_days(py, rows, from_date, to_date, &days, words)?;
    message(
        py,
        &who::who_is_out_message(&by_day, span, hide_types, &words),
    )
}

/// The `/whoisout` answer as plain text (its fallback text: the same days, names and leave
/// types), for a Workflow Builder step's output. The same arguments as `build_who_is_out`.
#[pyfunction]
#[pyo3(signature = (rows, *, from_date, to_date, days, words, hide_types = false))]
fn who_is_out_text<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    from_date: &str,
    to_date: &str,
    days: Vec<String>,
    words: &Bound<'py, PyAny>,
    hide_types: bool,
) -> PyResult<String> {
    let (by_day, span, words) = who_is_out_days(py, rows, from_date, to_date, &days, words)?;
    Ok(who::who_is_out_message(&by_day, span, hide_types, &words).text)
}

/// What `/whoisout` understands, for an argument it does not (`text`, quoted back).
#[pyfunction]
#[pyo3(signature = (text, *, words))]
fn build_who_is_out_usage<'py>(
    py: Python<'py>,
    text: &str,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let words = convert::words::<WhoIsOutWords>(words)?;
    message(py, &who::who_is_out_usage(text, &words))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(who_is_out_span, m)?)?;
    m.add_function(wrap_pyfunction!(build_who_is_out, m)?)?;
    m.add_function(wrap_pyfunction!(build_who_is_out_usage, m)?)?;
    m.add_function(wrap_pyfunction!(who_is_out_text, m)?)?;
    Ok(())
}
