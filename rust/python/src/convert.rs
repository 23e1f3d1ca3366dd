//! serde_json ↔ Python conversion, and the one form of every Slack body a builder returns.
//!
//! A builder's body (a message, a view, a view_submission answer) crosses as the JSON text sent
//! to Slack (`str`), built once in Rust from the typed value: the outbox stores it as it is and
//! the relay sends it with the caller's fields set beside it (`delivery::request_body`), so no
//! Python object of its blocks is ever made. Before, each body went typed value → JSON tree →
//! Python dicts (`pythonize`) → `json.dumps` in slack_sdk; the timesheet reminder measured that
//! round trip at 0.44× a plain-Python builder.
//!
//! Out (JSON → Python) goes through `pythonize` (0.30, built on pyo3 0.30). In (Python → JSON)
//! stays by hand, and attendance rows are read in place (`channel::DictRow`), for these reasons,
//! measured in one interleaved run of benchmarks/attendance.py's rows (100 / 1,000 / 10,000, ms):
//!
//! - output: hand-written 0.047 / 0.372 / 4.36, `pythonize` of the same JSON 0.046 / 0.369 /
//!   4.27: no cost, so the library does it. (Pythonizing the typed blocks directly, skipping the
//!   JSON tree, measured 0.043 / 0.352 / 4.10 — within noise of that, and it would change the
//!   key order of every dict Slack receives, so the JSON tree stays the single output shape.)
//! - rows: `depythonize` into JSON and then the row parser took 0.157 / 1.475 / 16.1 — 3.7×
//!   the in-place reader — and it refuses `datetime.date`, which `frappe.get_all` returns.
//! - builder inputs: `depythonize` has no nesting bound and names no Python type in its errors;
//!   [`from_py`] caps depth at 64 and raises a `TypeError` naming the type.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};
use slack_connector_core::blocks::leave::BuildError;
use slack_connector_core::blocks::{to_json_text, Message};

use crate::errors;

/// JSON value → the equivalent Python object (dict, list, str, int, float, bool, None).
pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// A built message → its `{"text", "blocks"}` JSON text.
pub fn message(py: Python<'_>, m: &Message) -> PyResult<String> {
    m.to_json().map_err(|e| errors::serialize_error(py, &e))
}

/// A builder's JSON text (a view); its error becomes an `InputError`.
pub fn built(py: Python<'_>, built: Result<String, BuildError>) -> PyResult<String> {
    built.map_err(|e| errors::build_error(py, &e))
}

/// A builder's small JSON tree (a view_submission answer, whose `errors` map has no order of its
/// own: the tree sorts it) → its JSON text; its error becomes an `InputError`.
pub fn built_tree(py: Python<'_>, built: Result<Value, BuildError>) -> PyResult<String> {
    let value = built.map_err(|e| errors::build_error(py, &e))?;
    to_json_text("the view_submission answer", &value).map_err(|e| errors::serialize_error(py, &e))
}

/// A dict (via JSON) into a typed builder input; shape errors become `ValueError`.
pub fn typed<T: DeserializeOwned>(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<T> {
    let value = from_py(obj)?;
    serde_json::from_value(value).map_err(|e| errors::invalid_input(obj.py(), what, &e))
}

/// Python object made of dicts/lists/tuples/str/int/float/bool/None → JSON value.
/// Anything else (dates, Decimals, objects) is a `TypeError` naming the type, so callers convert
/// explicitly instead of getting a silent `str()`.
pub fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    from_py_depth(obj, 0)
}

const MAX_DEPTH: usize = 64;

fn from_py_depth(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyTypeError::new_err("value is nested too deeply"));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // bool before int: Python's bool is a subclass of int.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        return Err(PyTypeError::new_err("integer out of range"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("dict keys must be str"))?
                .to_str()?
                .to_owned();
            map.insert(key, from_py_depth(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l
            .iter()
            .map(|v| from_py_depth(&v, depth + 1))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .map(|v| from_py_depth(&v, depth + 1))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    let type_name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    Err(PyTypeError::new_err(format!(
        "cannot convert a {type_name} to JSON"
    )))
}

/// A words dict (the Python catalogue's, for one surface) into its typed words; a missing or
/// unknown key, a value of the wrong type or a bad template is an `InputError` (`bad_words`).
///
/// Read with `depythonize` straight into the typed words, no JSON tree: the words are converted
/// on every builder call, and the tree was most of it (summary of 100 rows, measured: the words
/// through `from_py` + serde cost 3.2 µs of a 5.5 µs call with no rows). The depth bound of
/// [`from_py`] is not needed here: every field has a fixed type, so serde reads nothing nested
/// it did not ask for (a dict where a word belongs is refused at once).
pub fn words<T: slack_connector_core::words::Surface>(obj: &Bound<'_, PyAny>) -> PyResult<T> {
    use slack_connector_core::words::WordsError;
    pythonize::depythonize::<T>(obj).map_err(|e| {
        let e = WordsError {
            surface: T::NAME,
            detail: e.to_string(),
        };
        errors::words_error(obj.py(), &e)
    })
}
