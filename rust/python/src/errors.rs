//! The Python exceptions of the native module and the one place core errors map onto them.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use slack_connector_core::absence::AwayError;
use slack_connector_core::absence::InputError as CoreInputError;
use slack_connector_core::blocks::leave::BuildError;
use slack_connector_core::blocks::SerializeError;
use slack_connector_core::delivery::DeliveryError;
use slack_connector_core::interaction::PayloadError as CorePayloadError;
use slack_connector_core::manifest::ManifestError as CoreManifestError;
use slack_connector_core::render::BlocksError;
use slack_connector_core::signature::SignatureError as CoreSignatureError;
use slack_connector_core::socket_mode::{AckError, FrameError};
use slack_connector_core::words::WordsError;

create_exception!(
    _core,
    SignatureError,
    PyValueError,
    "A Slack request failed verification; `.reason` holds the stable reason code."
);

create_exception!(
    _core,
    PayloadError,
    PyValueError,
    "An interaction payload could not be routed; `.reason` holds the stable reason code \
     (malformed_json, too_large, unknown_type, unknown_action, unknown_callback, missing_field, \
     invalid_field)."
);

create_exception!(
    _core,
    InputError,
    PyValueError,
    "Bad input to a builder (a leave row, a date, a block list); `.reason` holds the stable reason \
code, `.field` the offending field and `.index` the row or block index (or None)."
);

create_exception!(
    _core,
    ManifestError,
    PyValueError,
    "A site URL or app name cannot go into a Slack app manifest; `.reason` holds the stable reason \
     code (empty_url, invalid_url, bad_scheme, no_host, has_credentials, has_query, has_fragment, \
     bad_app_name, serialize)."
);

create_exception!(
    _core,
    SocketFrameError,
    PyValueError,
    "A Socket Mode frame cannot be read (no envelope to acknowledge) or an answer cannot become an \
     ack; `.reason` holds the stable reason code (too_large, malformed_json, missing_field, \
     invalid_field, unknown_type; bad_envelope_id, bad_answer)."
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

pub fn payload_error(py: Python<'_>, e: &CorePayloadError) -> PyErr {
    with_reason::<PayloadError>(py, e.reason(), e.to_string())
}

pub fn socket_frame_error(py: Python<'_>, e: &FrameError) -> PyErr {
    with_reason::<SocketFrameError>(py, e.reason(), e.to_string())
}

pub fn socket_ack_error(py: Python<'_>, e: &AckError) -> PyErr {
    with_reason::<SocketFrameError>(py, e.reason(), e.to_string())
}

pub fn manifest_error(py: Python<'_>, e: &CoreManifestError) -> PyErr {
    with_reason::<ManifestError>(py, e.reason(), e.to_string())
}

/// A builder input that Slack would reject and that cannot be fixed by truncating (a caller bug),
/// an errors response that would close the modal, or output that would not serialise.
pub fn build_error(py: Python<'_>, e: &BuildError) -> PyErr {
    input_error(py, "unbuildable", None, None, e.to_string())
}

/// A builder input dict of the wrong shape (missing key, typo, bad date): a caller bug.
pub fn invalid_input(py: Python<'_>, what: &str, e: &serde_json::Error) -> PyErr {
    input_error(py, "bad_input", None, None, format!("invalid {what}: {e}"))
}

/// An `InputError` with `.reason`, `.field` and `.index` set.
fn input_error(
    py: Python<'_>,
    reason: &str,
    field: Option<&str>,
    index: Option<usize>,
    message: String,
) -> PyErr {
    let err = with_reason::<InputError>(py, reason, message);
    let value = err.value(py);
    if let Err(e) = value
        .setattr("field", field)
        .and_then(|()| value.setattr("index", index))
    {
        return e;
    }
    err
}

/// A builder's output that would not serialise (a dependency bug): raised, never sent as an
/// empty message. Same reason as the other "cannot build this" errors.
pub fn serialize_error(py: Python<'_>, e: &SerializeError) -> PyErr {
    input_error(py, "unbuildable", None, None, e.to_string())
}

/// A words dict that does not fit its surface (missing or unknown key, bad template): `field` is
/// `"words"`.
pub fn words_error(py: Python<'_>, e: &WordsError) -> PyErr {
    input_error(py, e.reason(), Some("words"), None, e.to_string())
}

pub fn absence_error(py: Python<'_>, e: &CoreInputError) -> PyErr {
    input_error(py, e.reason(), Some(e.field()), e.row(), e.to_string())
}

/// A delivery name or a history answer the outbox's rules cannot read: `field` says which.
pub fn delivery_error(py: Python<'_>, e: &DeliveryError) -> PyErr {
    let field = match e {
        DeliveryError::NoMessages => "history",
        DeliveryError::EmptyName | DeliveryError::NameTooLong => "delivery",
        DeliveryError::NotAnObject(_) | DeliveryError::DuplicateKey(_) => "body",
        DeliveryError::FieldCollision(_) | DeliveryError::BadField { .. } => "fields",
    };
    input_error(py, e.reason(), Some(field), None, e.to_string())
}

/// An unknown time zone or a leave that ends before it starts: `field` is `"tz"` or `"leaves"`.
pub fn away_error(py: Python<'_>, e: &AwayError) -> PyErr {
    let field = match e {
        AwayError::UnknownTimeZone(_) => "tz",
        AwayError::Backwards { .. } => "leaves",
    };
    input_error(py, e.reason(), Some(field), None, e.to_string())
}

pub fn blocks_error(py: Python<'_>, e: &BlocksError) -> PyErr {
    input_error(py, e.reason(), Some("blocks"), e.index(), e.to_string())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SignatureError", py.get_type::<SignatureError>())?;
    m.add("PayloadError", py.get_type::<PayloadError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("ManifestError", py.get_type::<ManifestError>())?;
    m.add("SocketFrameError", py.get_type::<SocketFrameError>())?;
    Ok(())
}
