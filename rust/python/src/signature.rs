//! `verify_request`. Signing is deliberately not exported: the tests sign with Python's `hmac`,
//! an independent oracle for this verifier.

use std::time::{SystemTime, UNIX_EPOCH};

use pyo3::prelude::*;
use slack_connector_core::signature;

use crate::errors;

/// Bodies above this size are hashed with the GIL released.
const DETACH_THRESHOLD: usize = 64 * 1024;

#[pyfunction]
#[pyo3(signature = (signing_secret, timestamp, signature, body, *, now=None, tolerance=signature::DEFAULT_TOLERANCE_SECS))]
fn verify_request(
    py: Python<'_>,
    signing_secret: &str,
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: Option<i64>,
    tolerance: u64,
) -> PyResult<()> {
    let now = now.unwrap_or_else(unix_now);
    let check =
        || signature::verify_request(signing_secret, timestamp, signature, body, now, tolerance);
    let result = if body.len() > DETACH_THRESHOLD {
        py.detach(check)
    } else {
        check()
    };
    result.map_err(|e| errors::signature_error(py, &e))
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(verify_request, m)?)?;
    Ok(())
}
