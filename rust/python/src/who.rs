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
    let by_day: Vec<DayOut> = absence::days_out(&rows, &days);
    message(
        py,
        &who::who_is_out_message(&by_day, span, hide_types, &words),
    )
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
    Ok(())
}
