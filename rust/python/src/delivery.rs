//! The outbox's delivery rules: retry or not, when, and finding a post after an unknown outcome.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use serde_json::Value;
use slack_connector_core::delivery;

use crate::convert::{from_py, to_py};
use crate::errors;

/// A stored body: the builder's `str`, or bytes of UTF-8 JSON.
fn body_text<'a>(body: &'a Bound<'_, PyAny>) -> PyResult<&'a str> {
    if let Ok(s) = body.cast::<PyString>() {
        return s.to_str();
    }
    if let Ok(b) = body.cast::<PyBytes>() {
        return std::str::from_utf8(b.as_bytes())
            .map_err(|e| PyTypeError::new_err(format!("body is not UTF-8: {e}")));
    }
    Err(PyTypeError::new_err("body must be str or bytes"))
}

/// The request body (bytes) of `body` with `fields` beside it, or `body` under the key `under`;
/// a field set to None is left out.
#[pyfunction]
#[pyo3(signature = (body, fields = None, *, under = None))]
fn request_body<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    fields: Option<&Bound<'py, PyDict>>,
    under: Option<&str>,
) -> PyResult<Bound<'py, PyBytes>> {
    let text = body_text(body)?;
    let mut owned: Vec<(String, Value)> = Vec::new();
    if let Some(fields) = fields {
        owned.reserve(fields.len());
        for (key, value) in fields.iter() {
            if value.is_none() {
                continue;
            }
            let key = key
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("field names must be str"))?
                .to_str()?
                .to_owned();
            owned.push((key, from_py(&value)?));
        }
    }
    let pairs: Vec<(&str, &Value)> = owned.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let out =
        delivery::request_body(text, &pairs, under).map_err(|e| errors::delivery_error(py, &e))?;
    Ok(PyBytes::new(py, out.as_bytes()))
}

#[pyfunction]
#[pyo3(signature = (method, error, *, http_status = None))]
fn classify_delivery_error(method: &str, error: &str, http_status: Option<u16>) -> &'static str {
    delivery::classify(method, error, http_status).as_str()
}

#[pyfunction]
#[pyo3(signature = (method, error, *, earlier_outcome_unknown, with_execution_token))]
fn delivery_done_before(
    method: &str,
    error: &str,
    earlier_outcome_unknown: bool,
    with_execution_token: bool,
) -> bool {
    delivery::done_by_earlier_attempt(method, error, earlier_outcome_unknown, with_execution_token)
}

#[pyfunction]
#[pyo3(signature = (attempts, *, retry_after = None, seed))]
fn next_retry_delay(attempts: u32, retry_after: Option<f64>, seed: u64) -> f64 {
    delivery::next_retry_delay(attempts, retry_after, seed)
}

#[pyfunction]
fn delivery_metadata<'py>(py: Python<'py>, delivery: &str) -> PyResult<Bound<'py, PyAny>> {
    let value = delivery::metadata(delivery).map_err(|e| errors::delivery_error(py, &e))?;
    to_py(py, &value)
}

#[pyfunction]
fn find_delivery_in_history(
    py: Python<'_>,
    history: &Bound<'_, PyAny>,
    delivery: &str,
) -> PyResult<Option<String>> {
    let value = from_py(history)?;
    delivery::find_in_history(&value, delivery).map_err(|e| errors::delivery_error(py, &e))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DELIVERY_EVENT_TYPE", delivery::EVENT_TYPE)?;
    m.add_function(wrap_pyfunction!(classify_delivery_error, m)?)?;
    m.add_function(wrap_pyfunction!(delivery_done_before, m)?)?;
    m.add_function(wrap_pyfunction!(next_retry_delay, m)?)?;
    m.add_function(wrap_pyfunction!(delivery_metadata, m)?)?;
    m.add_function(wrap_pyfunction!(find_delivery_in_history, m)?)?;
    m.add_function(wrap_pyfunction!(request_body, m)?)?;
    Ok(())
}
