//! The outbox's delivery rules: retry or not, when, and finding a post after an unknown outcome.

use pyo3::prelude::*;
use slack_connector_core::delivery;

use crate::convert::{from_py, to_py};
use crate::errors;

#[pyfunction]
#[pyo3(signature = (method, error, *, http_status = None))]
fn classify_delivery_error(method: &str, error: &str, http_status: Option<u16>) -> &'static str {
    delivery::classify(method, error, http_status).as_str()
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
    m.add_function(wrap_pyfunction!(next_retry_delay, m)?)?;
    m.add_function(wrap_pyfunction!(delivery_metadata, m)?)?;
    m.add_function(wrap_pyfunction!(find_delivery_in_history, m)?)?;
    Ok(())
}
