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
//! stays by hand, and attendance rows are read in place (`rows::DictRow`), for these reasons,
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

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

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
/// Read with `depythonize` straight into the typed words, no JSON tree. The depth bound of
/// [`from_py`] is not needed here: every field has a fixed type, so serde reads nothing nested
/// it did not ask for (a dict where a word belongs is refused at once).
///
/// Converted once per surface and content, then shared: the words are passed on every builder
/// call and converting them (templates parsed, strings copied, then dropped) was 36-42% of the
/// leave request's and the requester outcome's instructions (callgrind). The key is the dict's
/// exact content (every key and string, in order), so a changed catalogue converts anew.
pub fn words<T>(obj: &Bound<'_, PyAny>) -> PyResult<Arc<T>>
where
    T: slack_connector_core::words::Surface + Send + Sync + 'static,
{
    let Some(key) = words_key(obj)? else {
        return convert_words::<T>(obj).map(Arc::new);
    };
    let key = (T::NAME, key);
    if let Some(hit) = cached_words(&key) {
        if let Ok(words) = hit.downcast::<T>() {
            return Ok(words);
        }
    }
    let words = Arc::new(convert_words::<T>(obj)?);
    if let Ok(mut cache) = WORDS.lock() {
        if cache.len() >= MAX_CACHED_WORDS {
            cache.clear(); // far more catalogues than languages × surfaces: start over
        }
        cache.insert(key, words.clone());
    }
    Ok(words)
}

type WordsKey = (&'static str, Vec<u8>);
type CachedWords = Arc<dyn Any + Send + Sync>;

static WORDS: LazyLock<Mutex<HashMap<WordsKey, CachedWords>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));
const MAX_CACHED_WORDS: usize = 256;

fn cached_words(key: &WordsKey) -> Option<CachedWords> {
    WORDS.lock().ok()?.get(key).cloned()
}

fn convert_words<T: slack_connector_core::words::Surface>(obj: &Bound<'_, PyAny>) -> PyResult<T> {
    use slack_connector_core::words::WordsError;
    pythonize::depythonize::<T>(obj).map_err(|e| {
        let e = WordsError {
            surface: T::NAME,
            detail: e.to_string(),
        };
        errors::words_error(obj.py(), &e)
    })
}

/// The exact content of a words dict as bytes (each str length-prefixed, each dict and list its
/// size), or None when it holds anything but str keys and str / dict / list / None values (then
/// it is converted each time, and any error raised as before).
fn words_key(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<u8>>> {
    fn push(obj: &Bound<'_, PyAny>, out: &mut Vec<u8>, depth: usize) -> PyResult<bool> {
        if obj.is_none() {
            out.push(b'n');
        } else if let Ok(s) = obj.cast::<PyString>() {
            let Ok(text) = s.to_str() else {
                return Ok(false);
            };
            out.push(b's');
            out.extend_from_slice(&text.len().to_le_bytes());
            out.extend_from_slice(text.as_bytes());
        } else if let Ok(d) = obj.cast::<PyDict>() {
            if depth >= 4 {
                return Ok(false);
            }
            out.push(b'd');
            out.extend_from_slice(&d.len().to_le_bytes());
            for (k, v) in d.iter() {
                if !k.is_instance_of::<PyString>() || !push(&k, out, depth + 1)? {
                    return Ok(false);
                }
                if !push(&v, out, depth + 1)? {
                    return Ok(false);
                }
            }
        } else if let Ok(l) = obj.cast::<PyList>() {
            if depth >= 4 {
                return Ok(false);
            }
            out.push(b'l');
            out.extend_from_slice(&l.len().to_le_bytes());
            for v in l.iter() {
                if !push(&v, out, depth + 1)? {
                    return Ok(false);
                }
            }
        } else {
            return Ok(false);
        }
        Ok(true)
    }
    if !obj.is_instance_of::<PyDict>() {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(4096);
    Ok(push(obj, &mut out, 0)?.then_some(out))
}
