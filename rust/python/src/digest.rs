//! Digests (issue 27): the working days of a horizon, a rule's post, the birthdays and work
//! anniversaries due, the holidays to announce (core `absence::digest` + `blocks::digest`).
//! Conversion only; the rules live in the core crate.
//!
//! A tick builds every rule's post from the same leave rows: [`DigestRows`] reads them once
//! (10,000 dicts are most of a rule's cost), and each `build_digest` call reads its own scope,
//! options and words only.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use slack_connector_core::absence::digest::{
    self, Celebration, Holiday, Horizon, Person, Range, RowIndex, Selection,
};
use slack_connector_core::absence::{self, InputError, OutRow};
use slack_connector_core::blocks::channel::Naming;
use slack_connector_core::blocks::digest::{self as blocks, Layout};
use slack_connector_core::blocks::{Message, SerializeError};
use slack_connector_core::words::DigestWords;

use crate::rows::Fields;
use crate::{convert, errors};

/// The fields of a digest row: an absence row's (`channel::FIELDS`), its leave type and status (and `readable`,
/// which the approver's card reads and a digest ignores).
const ROW_FIELDS: &[&str] = &[
    "employee",
    "employee_name",
    "slack_user_id",
    "from_date",
    "to_date",
    "half_day",
    "half_day_date",
    "half_period",
    "leave_type",
    "status",
    "readable",
];

const PERSON_FIELDS: &[&str] = &[
    "employee",
    "employee_name",
    "slack_user_id",
    "date_of_birth",
    "date_of_joining",
];

const CELEBRATION_FIELDS: &[&str] = &[
    "employee",
    "employee_name",
    "slack_user_id",
    "date_of_birth",
    "date_of_joining",
    "kind",
    "date",
    "years",
];

const HOLIDAY_FIELDS: &[&str] = &["date", "description", "weekly_off"];

fn input_error(py: Python<'_>) -> impl Fn(InputError) -> PyErr + '_ {
    move |e| errors::absence_error(py, &e)
}

/// A tick's rows and their index by employee.
struct Rows {
    rows: Vec<OutRow>,
    index: RowIndex,
}

impl Rows {
    fn read<'py>(py: Python<'py>, rows: &Bound<'py, PyAny>) -> PyResult<Self> {
        let rows = parse_rows(py, rows)?;
        let index = RowIndex::new(&rows);
        Ok(Self { rows, index })
    }
}

/// The leave rows of one tick, read once and shared by every rule's `build_digest`.
#[pyclass(frozen, module = "frappe_slack_connector._core")]
pub struct DigestRows {
    rows: Arc<Rows>,
}

#[pymethods]
impl DigestRows {
    #[new]
    fn new(py: Python<'_>, rows: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self {
            rows: Arc::new(Rows::read(py, rows)?),
        })
    }

    fn __len__(&self) -> usize {
        self.rows.rows.len()
    }
}

/// The mask of the rows of `employees` (any iterable of str), each id read in place.
fn scope_mask(index: &RowIndex, employees: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    let mut mask = index.empty_mask();
    for item in employees.try_iter()? {
        let item = item?;
        let id = item
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err("`employees` must hold employee ids (str)"))?;
        index.mark(&mut mask, id.to_str()?);
    }
    Ok(mask)
}

fn parse_rows<'py>(py: Python<'py>, rows: &Bound<'py, PyAny>) -> PyResult<Vec<OutRow>> {
    Fields::new(py, ROW_FIELDS)?.parse_all(rows, |row| OutRow::from_source(row), not_an_object)
}

/// The working days (ISO) `horizon` covers on `today`; `days_off` every day off known from today
/// to today + 21.
#[pyfunction]
fn digest_days(
    py: Python<'_>,
    horizon: &str,
    today: &str,
    days_off: Vec<String>,
) -> PyResult<Vec<String>> {
    let err = input_error(py);
    let horizon = Horizon::parse(horizon).map_err(&err)?;
    let today = absence::parse_date_arg("today", today).map_err(&err)?;
    let days_off = days_off
        .iter()
        .map(|d| absence::parse_date_arg("days_off", d))
        .collect::<Result<Vec<_>, _>>()
        .map_err(&err)?;
    Ok(digest::digest_days(horizon, today, &days_off)
        .iter()
        .map(ToString::to_string)
        .collect())
}

/// One rule's post: the JSON text of each message (the first the post, the rest its replies).
#[pyfunction]
#[pyo3(signature = (
    rows, *, horizon, today, days, words, employees = None, include_open = true, mention = true,
    hide_types = false, holidays = None, celebrations = None, title = "", report_url = None
))]
#[allow(clippy::too_many_arguments)]
fn build_digest<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    horizon: &str,
    today: &str,
    days: Vec<String>,
    words: &Bound<'py, PyAny>,
    employees: Option<&Bound<'py, PyAny>>,
    include_open: bool,
    mention: bool,
    hide_types: bool,
    holidays: Option<&Bound<'py, PyAny>>,
    celebrations: Option<&Bound<'py, PyAny>>,
    title: &str,
    report_url: Option<&str>,
) -> PyResult<Vec<String>> {
    let err = input_error(py);
    let horizon = Horizon::parse(horizon).map_err(&err)?;
    let today = absence::parse_date_arg("today", today).map_err(&err)?;
    let days = days
        .iter()
        .map(|d| absence::parse_date_arg("days", d))
        .collect::<Result<Vec<_>, _>>()
        .map_err(&err)?;
    let report_url = report_url
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| blocks::report_url(u).map(str::to_owned))
        .transpose()
        .map_err(&err)?;
    let words = convert::words::<DigestWords>(words)?;
    let rows = match rows.cast::<DigestRows>() {
        Ok(shared) => shared.get().rows.clone(),
        Err(_) => Arc::new(Rows::read(py, rows)?),
    };
    let in_scope = employees
        .filter(|e| !e.is_none())
        .map(|e| scope_mask(&rows.index, e))
        .transpose()?;
    let holidays: Vec<Holiday> = match holidays {
        Some(list) => Fields::new(py, HOLIDAY_FIELDS)?.parse_all(
            list,
            |row| Holiday::announced_from_source(row),
            not_an_object,
        )?,
        None => Vec::new(),
    };
    let celebrations: Vec<Celebration> = match celebrations {
        Some(list) => Fields::new(py, CELEBRATION_FIELDS)?.parse_all(
            list,
            |row| Celebration::from_source(row),
            not_an_object,
        )?,
        None => Vec::new(),
    };
    let title = title.to_owned();
    let result = py.detach(move || -> Result<Vec<String>, SerializeError> {
        let layout = Layout {
            horizon,
            today,
            days: &days,
            naming: Naming::from_mention(mention),
            hide_types,
            title: &title,
            report_url: report_url.as_deref(),
        };
        let selection = Selection {
            in_scope: in_scope.as_deref(),
            include_open,
        };
        blocks::digest_messages(
            &rows.rows,
            selection,
            &layout,
            &holidays,
            &celebrations,
            &words,
        )
        .iter()
        .map(Message::to_json)
        .collect()
    });
    result.map_err(|e| errors::serialize_error(py, &e))
}

/// An item that is not a dict (a dict is read in place): a bad row, with its type named.
fn not_an_object<T>(value: &serde_json::Value) -> Result<T, absence::RowFieldError> {
    let got = match value {
        serde_json::Value::Null => "None",
        serde_json::Value::Bool(_) => "a bool",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a str",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    };
    Err(absence::RowFieldError {
        field: "<row>",
        problem: format!("expected a dict, got {got}"),
    })
}

/// Every birthday and work anniversary of `people` from `from_day` to `to_day` (inclusive).
#[pyfunction]
#[pyo3(signature = (people, *, from_day, to_day))]
fn celebrations_due<'py>(
    py: Python<'py>,
    people: &Bound<'py, PyAny>,
    from_day: &str,
    to_day: &str,
) -> PyResult<Bound<'py, PyList>> {
    let err = input_error(py);
    let from = absence::parse_date_arg("from_day", from_day).map_err(&err)?;
    let to = absence::parse_date_arg("to_day", to_day).map_err(&err)?;
    let Some(range) = Range::new(from, to) else {
        return Ok(PyList::empty(py));
    };
    // Every person checked; only those with something to celebrate copied.
    let people: Vec<Person> = Fields::new(py, PERSON_FIELDS)?
        .parse_all(
            people,
            |row| Person::from_source_due(row, range),
            not_an_object,
        )?
        .into_iter()
        .flatten()
        .collect();
    let due = digest::celebrations_due(&people, range.from, range.to);
    let out = PyList::empty(py);
    for c in &due {
        let item = PyDict::new(py);
        item.set_item("employee", &c.employee)?;
        item.set_item("employee_name", &c.employee_name)?;
        item.set_item(
            "slack_user_id",
            c.slack_user_id.as_ref().map(|id| id.as_str()),
        )?;
        item.set_item("kind", c.kind.code())?;
        item.set_item("date", c.date.to_string())?;
        if let Some(years) = c.years {
            item.set_item("years", years)?;
        }
        out.append(item)?;
    }
    Ok(out)
}

/// The holidays (never weekly offs) a `horizon` rule announces on `today`.
#[pyfunction]
fn holidays_to_announce<'py>(
    py: Python<'py>,
    horizon: &str,
    today: &str,
    holidays: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let err = input_error(py);
    let horizon = Horizon::parse(horizon).map_err(&err)?;
    let today = absence::parse_date_arg("today", today).map_err(&err)?;
    let holidays: Vec<Holiday> = Fields::new(py, HOLIDAY_FIELDS)?.parse_all(
        holidays,
        |row| Holiday::from_source(row),
        not_an_object,
    )?;
    let out = PyList::empty(py);
    for h in digest::holidays_to_announce(horizon, today, &holidays) {
        let item = PyDict::new(py);
        item.set_item("date", h.date.to_string())?;
        item.set_item("description", h.description)?;
        out.append(item)?;
    }
    Ok(out)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<DigestRows>()?;
    m.add_function(wrap_pyfunction!(digest_days, m)?)?;
    m.add_function(wrap_pyfunction!(build_digest, m)?)?;
    m.add_function(wrap_pyfunction!(celebrations_due, m)?)?;
    m.add_function(wrap_pyfunction!(holidays_to_announce, m)?)?;
    Ok(())
}
