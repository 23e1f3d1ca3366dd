//! Row dicts read in place: each field the core reads is one dict lookup with its interned key
//! (hash cached, identity hit), made when the core asks for it — no JSON tree in between (that
//! conversion was half the time of a 10,000-row summary), no pass over the other keys.
//! `datetime.date` values read as their ISO text, since that is what `frappe.get_all` returns for
//! Date fields.

use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyString};
use serde_json::Value;
use slack_connector_core::absence::{self, FieldRef, RowFieldError, RowSource};

use crate::convert::from_py;
use crate::errors;

/// The fields of one kind of row the core reads, with their interned Python keys.
pub struct Fields<'py> {
    names: &'static [&'static str],
    keys: Vec<Bound<'py, PyString>>,
    date_type: Bound<'py, PyAny>,
}

impl<'py> Fields<'py> {
    pub fn new(py: Python<'py>, names: &'static [&'static str]) -> PyResult<Self> {
        Ok(Self {
            names,
            keys: names.iter().map(|f| PyString::intern(py, f)).collect(),
            date_type: py.import("datetime")?.getattr("date")?,
        })
    }

    fn key(&self, field: &str) -> Option<&Bound<'py, PyString>> {
        let i = self.names.iter().position(|n| *n == field)?;
        self.keys.get(i)
    }

    /// Every row of `rows` parsed by `parse` (a dict read in place) or, for an item that is not a
    /// dict, by `parse_value` on its JSON form (the core then names it a bad row); a bad row is
    /// an `InputError` with its index, a value that is not JSON-like a `TypeError`.
    pub fn parse_all<T>(
        &self,
        rows: &Bound<'py, PyAny>,
        parse: impl Fn(&DictRow<'_, 'py>) -> Result<T, RowError>,
        parse_value: impl Fn(&Value) -> Result<T, RowFieldError>,
    ) -> PyResult<Vec<T>> {
        let py = rows.py();
        let mut out = Vec::with_capacity(rows.len().unwrap_or(0));
        for (index, item) in rows.try_iter()?.enumerate() {
            let item = item?;
            let parsed = match item.cast::<PyDict>() {
                Ok(dict) => parse(&DictRow { dict, fields: self }),
                Err(_) => parse_value(&from_py(&item)?).map_err(RowError::Field),
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
}

/// A bad field, or a Python exception while reading one.
pub enum RowError {
    Field(RowFieldError),
    Py(PyErr),
}

impl From<RowFieldError> for RowError {
    fn from(e: RowFieldError) -> Self {
        Self::Field(e)
    }
}

/// One row dict, read field by field as the core asks.
pub struct DictRow<'a, 'py> {
    dict: &'a Bound<'py, PyDict>,
    fields: &'a Fields<'py>,
}

impl RowSource for DictRow<'_, '_> {
    type Error = RowError;

    fn with_field<R>(
        &self,
        field: &'static str,
        f: impl FnOnce(FieldRef<'_>) -> Result<R, RowFieldError>,
    ) -> Result<R, RowError> {
        let value = match self.fields.key(field) {
            // Plain dict storage (`PyDict_GetItem`).
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
        } else if value
            .is_instance(&self.fields.date_type)
            .map_err(RowError::Py)?
        {
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
