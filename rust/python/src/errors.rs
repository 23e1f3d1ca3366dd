//! The Python exceptions of the native module and the one place core errors map onto them.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use slack_connector_core::signature::SignatureError as CoreSignatureError;

create_exception!(
    _core,
    SignatureError,
    PyValueError,
    "A Slack request failed verification; `.reason` holds the stable reason code."
);

/// Builds a Python exception of class `E` carrying a `.reason` attribute.
fn with_reason<E: pyo3::PyTypeInfo>(py: Python<'_>, reason: &str, message: String) -> PyErr {
    let err = PyErr::from_type(E::type_object(py), message);
    if let Err(e) = err.value(py).setattr("reason", reason) {
        return e;
    }
    err
}

pub fn signature_error(py: Python<'_>, e: &CoreSignatureError) -> PyErr {
    with_reason::<SignatureError>(py, e.reason(), e.to_string())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SignatureError", py.get_type::<SignatureError>())?;
    Ok(())
}
