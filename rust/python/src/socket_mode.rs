//! Socket Mode: one frame in as str/bytes, the frame as a plain dict out; the ack as JSON text.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use slack_connector_core::socket_mode;

use crate::{convert, errors};

fn as_bytes<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a [u8]> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        Ok(b.as_bytes())
    } else if let Ok(s) = obj.cast::<PyString>() {
        Ok(s.to_str()?.as_bytes())
    } else {
        Err(PyTypeError::new_err(format!("{what} must be str or bytes")))
    }
}

/// Reads one Socket Mode frame; interactive payloads are routed by the interaction table.
#[pyfunction]
fn parse_socket_frame<'py>(
    py: Python<'py>,
    frame: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = as_bytes(frame, "frame")?;
    let parsed = socket_mode::parse_frame(bytes).map_err(|e| errors::socket_frame_error(py, &e))?;
    convert::to_py(py, &socket_mode::frame_to_value(&parsed))
}

/// The ack frame (JSON text) for an envelope, carrying the HTTP answer's body when it may.
#[pyfunction]
fn build_socket_ack(
    py: Python<'_>,
    envelope_id: &str,
    accepts_response_payload: bool,
    status: u16,
    body: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let bytes = as_bytes(body, "body")?;
    socket_mode::ack(envelope_id, accepts_response_payload, status, bytes)
        .map_err(|e| errors::socket_ack_error(py, &e))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse_socket_frame, m)?)?;
    m.add_function(wrap_pyfunction!(build_socket_ack, m)?)?;
    Ok(())
}
