//! Attendance channel exports (core `absence` + `blocks::channel`): the daily summary, its send
//! gate, the late-leave note and the channel test message. Conversion only; the rules live in the
//! core crate.

use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyString};
use serde_json::{Map, Value};
use slack_connector_core::absence::{self, AbsenceRow, FieldRef, GateSettings, RowFieldError};
use slack_connector_core::blocks::channel::{self as blocks, Naming};
use slack_connector_core::blocks::{Message, SerializeError};
use slack_connector_core::words::{LateLeaveWords, SummaryWords, TestMessageWords};

use crate::convert::{self, from_py};
use crate::errors;

/// Rows as JSON values (the late-leave note's single row). `datetime.date` values become
/// `YYYY-MM-DD` strings, since that is what `frappe.get_all` returns for Date fields (a
/// `datetime` gives a date-time string, which the core then rejects as not a date).
fn date_type(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("datetime")?.getattr("date")
}

fn row_to_value(item: &Bound<'_, PyAny>, date_type: &Bound<'_, PyAny>) -> PyResult<Value> {
    let Ok(dict) = item.cast::<PyDict>() else {
        // Not a dict: the core reports it as a bad row with its index.
        return from_py(item);
    };
    let mut map = Map::with_capacity(dict.len());
    for (k, v) in dict.iter() {
        let key = k.cast::<PyString>()?.to_str()?.to_owned();
        let value = if v.is_instance(date_type)? {
            Value::String(v.call_method0("isoformat")?.extract()?)
        } else {
            from_py(&v)?
        };
        map.insert(key, value);
    }
    Ok(Value::Object(map))
}

/// A bad field, or a Python exception while reading one.
enum RowError {
    Field(RowFieldError),
    Py(PyErr),
}

impl From<RowFieldError> for RowError {
    fn from(e: RowFieldError) -> Self {
        Self::Field(e)
    }
}

/// The fields the core reads, in slot order.
const FIELDS: [&str; 8] = [
    "employee",
    "employee_name",
    "slack_user_id",
    "from_date",
    "to_date",
    "half_day",
    "half_day_date",
    "half_period",
];

/// A row dict read in place, no JSON tree in between (that conversion was half the time of a
/// 10,000-row summary). Each field the core reads is one dict lookup with its interned key
/// (hash cached, identity hit), made when the core asks for it: no pass over the other keys,
/// no text comparison of keys.
struct DictRow<'a, 'py> {
    dict: &'a Bound<'py, PyDict>,
    keys: &'a [Bound<'py, PyString>; 8],
    date_type: &'a Bound<'py, PyAny>,
}

/// Position of `field` in [`FIELDS`].
fn slot(field: &str) -> Option<usize> {
    Some(match field {
        "employee" => 0,
        "employee_name" => 1,
        "slack_user_id" => 2,
        "from_date" => 3,
        "to_date" => 4,
        "half_day" => 5,
        "half_day_date" => 6,
        "half_period" => 7,
        _ => return None,
    })
}

/// The interned Python strings of [`FIELDS`], in the same order.
fn field_keys(py: Python<'_>) -> [Bound<'_, PyString>; 8] {
    FIELDS.map(|f| PyString::intern(py, f))
}

impl absence::RowSource for DictRow<'_, '_> {
    type Error = RowError;

    fn with_field<R>(
        &self,
        field: &'static str,
        f: impl FnOnce(FieldRef<'_>) -> Result<R, RowFieldError>,
    ) -> Result<R, RowError> {
        let value = match slot(field).and_then(|i| self.keys.get(i)) {
            // Plain dict storage (`PyDict_GetItem`), as the item pass before it read.
            Some(key) => self.dict.get_item(key).map_err(RowError::Py)?,
            None => None,
        };
        let Some(value) = value.as_ref() else {
            return Ok(f(FieldRef::Missing)?);
        };
        let result = if value.is_none() {
            f(FieldRef::Null)
        } else if let Ok(s) = value.cast::<PyString>() {
            f(FieldRef::Str(s.to_str().map_err(RowError::Py)?))
        } else if let Ok(b) = value.cast::<PyBool>() {
            f(FieldRef::Bool(b.is_true()))
        } else if value.is_instance_of::<PyInt>() {
            match value.extract::<i64>() {
                Ok(i) => f(FieldRef::Int(i)),
                Err(_) => return Err(RowError::Py(PyTypeError::new_err("integer out of range"))),
            }
        } else if value.is_instance(self.date_type).map_err(RowError::Py)? {
            let iso: String = value
                .call_method0(intern!(value.py(), "isoformat"))
                .and_then(|v| v.extract())
                .map_err(RowError::Py)?;
            f(FieldRef::Str(&iso))
        } else {
            let json = from_py(value).map_err(RowError::Py)?;
            f(FieldRef::Other(&json))
        };
        Ok(result?)
    }
}

/// Parses every row straight from the Python objects; a bad row is an `InputError` with its
/// index, a value that is not JSON-like (in a field the core reads) a `TypeError`.
fn parse_py_rows(py: Python<'_>, rows: &Bound<'_, PyAny>) -> PyResult<Vec<AbsenceRow>> {
    let date_type = date_type(py)?;
    let keys = field_keys(py);
    let mut out = Vec::with_capacity(rows.len().unwrap_or(0));
    for (index, item) in rows.try_iter()?.enumerate() {
        let item = item?;
        let parsed = match item.cast::<PyDict>() {
            Ok(dict) => AbsenceRow::from_source(&DictRow {
                dict,
                keys: &keys,
                date_type: &date_type,
            }),
            // Not a dict: the core reports it as a bad row with its index.
            Err(_) => AbsenceRow::from_value(&from_py(&item)?).map_err(RowError::Field),
        };
        match parsed {
            Ok(row) => out.push(row),
            Err(RowError::Field(e)) => {
                return Err(errors::absence_error(py, &absence::row_error(index, e)))
            }
            Err(RowError::Py(e)) => return Err(e),
        }
    }
    Ok(out)
}

#[pyfunction]
#[pyo3(signature = (rows, *, today, words, title = "", mention = true))]
fn build_attendance_summary<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    today: &str,
    words: &Bound<'py, PyAny>,
    title: &str,
    mention: bool,
) -> PyResult<Vec<String>> {
    let today =
        absence::parse_date_arg("today", today).map_err(|e| errors::absence_error(py, &e))?;
    let words = convert::words::<SummaryWords>(words)?;
    // Reading the dicts needs the GIL; grouping, packing and rendering run without it.
    let rows = parse_py_rows(py, rows)?;
    let title = title.to_owned();
    let result = py.detach(move || -> Result<Vec<String>, SerializeError> {
        let summary = absence::summarise_owned(rows, today);
        blocks::attendance_messages_with(&summary, &title, &words, Naming::from_mention(mention))
            .iter()
            .map(Message::to_json)
            .collect()
    });
    result.map_err(|e| errors::serialize_error(py, &e))
}

#[pyfunction]
#[pyo3(signature = (*, now, enabled, send_time, is_holiday, last_sent = None))]
fn should_send_attendance(
    py: Python<'_>,
    now: &str,
    enabled: bool,
    send_time: &str,
    is_holiday: bool,
    last_sent: Option<&str>,
) -> PyResult<(bool, &'static str)> {
    let decide = || -> Result<absence::SendVerdict, absence::InputError> {
        let now = absence::parse_datetime_arg("now", now)?;
        let send_time = absence::parse_time_arg("send_time", send_time)?;
        let last_sent = match last_sent.map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(absence::parse_date_arg("last_sent", s)?),
        };
        Ok(absence::should_send(
            now,
            GateSettings { enabled, send_time },
            is_holiday,
            last_sent,
        ))
    };
    let verdict = decide().map_err(|e| errors::absence_error(py, &e))?;
    Ok((verdict.is_send(), verdict.reason()))
}

#[pyfunction]
#[pyo3(signature = (row, *, today, words, mention = true))]
fn build_late_leave_note<'py>(
    py: Python<'py>,
    row: &Bound<'py, PyAny>,
    today: &str,
    words: &Bound<'py, PyAny>,
    mention: bool,
) -> PyResult<Option<String>> {
    let values = [row_to_value(row, &date_type(py)?)?];
    let today =
        absence::parse_date_arg("today", today).map_err(|e| errors::absence_error(py, &e))?;
    let words = convert::words::<LateLeaveWords>(words)?;
    let rows = absence::parse_rows(&values).map_err(|e| errors::absence_error(py, &e))?;
    let Some(note) = rows.first().and_then(|row| {
        blocks::late_leave_note_for_row_with(row, today, &words, Naming::from_mention(mention))
    }) else {
        return Ok(None);
    };
    convert::message(py, &note).map(Some)
}

#[pyfunction]
#[pyo3(signature = (site = "", *, words))]
fn build_test_message<'py>(
    py: Python<'py>,
    site: &str,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let words = convert::words::<TestMessageWords>(words)?;
    convert::message(py, &blocks::test_message(site, &words))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(build_attendance_summary, m)?)?;
    m.add_function(wrap_pyfunction!(should_send_attendance, m)?)?;
    m.add_function(wrap_pyfunction!(build_late_leave_note, m)?)?;
    m.add_function(wrap_pyfunction!(build_test_message, m)?)?;
    Ok(())
}
