//! `route_interaction`: bytes/str in, the route as a plain dict out.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use slack_connector_core::interaction;

use crate::{convert, errors};

fn bytes_of<'a>(payload: &'a Bound<'_, PyAny>) -> PyResult<&'a [u8]> {
    if let Ok(b) = payload.cast::<PyBytes>() {
        Ok(b.as_bytes())
    } else if let Ok(s) = payload.cast::<PyString>() {
        Ok(s.to_str()?.as_bytes())
    } else {
        Err(PyTypeError::new_err("payload must be str or bytes"))
    }
}

/// Parses and routes an Events API body (`url_verification`, `event_callback`).
#[pyfunction]
fn route_event<'py>(py: Python<'py>, body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let bytes = bytes_of(body)?;
    let route =
        interaction::event::route_event(bytes).map_err(|e| errors::payload_error(py, &e))?;
    convert::to_py(py, &route.to_value())
}

/// The links among `urls` (a `link_shared` route's) that open a Leave Application form on the
/// site at `site_url`: `[{"url", "name"}]`, each URL once.
#[pyfunction]
fn leave_links<'py>(
    py: Python<'py>,
    urls: Vec<String>,
    site_url: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let links = interaction::links::leave_links(&urls, site_url);
    convert::to_py(py, &serde_json::json!(links))
}

/// Payloads above this size are parsed with the GIL released.
const DETACH_THRESHOLD: usize = 64 * 1024;

/// Parses and routes a Slack interaction payload (the JSON of the `payload` form field).
///
/// Returns `{"handler": "leave_decision" | "half_day_toggle" | "leave_submission" | "ack", ...}`;
/// raises `PayloadError` (with `.reason`) for anything that cannot be routed.
#[pyfunction]
fn route_interaction<'py>(
    py: Python<'py>,
    payload: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = bytes_of(payload)?;
    let result = if bytes.len() > DETACH_THRESHOLD {
        py.detach(|| interaction::route(bytes))
    } else {
        interaction::route(bytes)
    };
    let route = result.map_err(|e| errors::payload_error(py, &e))?;
    convert::to_py(py, &route.to_value())
}

/// The leave modal's input block for an error about Leave Application field `field`
/// (`from_date` → `start_date`, …); anything the modal has no input for → `reason`.
#[pyfunction]
fn block_for_leave_field(field: &str) -> &'static str {
    interaction::ids::block_for_leave_field(field)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(route_interaction, m)?)?;
    m.add_function(wrap_pyfunction!(route_event, m)?)?;
    m.add_function(wrap_pyfunction!(leave_links, m)?)?;
    m.add_function(wrap_pyfunction!(block_for_leave_field, m)?)?;
    Ok(())
}
