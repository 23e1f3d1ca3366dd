//! The approval engine: its table (`APPROVABLES`) and its cards' builders: plain dicts in, the
//! JSON text of each Slack body out.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use slack_connector_core::blocks::approval::{
    self, ApprovalCard, ApprovalOutcome, RejectInput, ReminderRow,
};
use slack_connector_core::blocks::leave::{self, ApprovalChoices};
use slack_connector_core::interaction::approvals::APPROVABLES;
use slack_connector_core::words::ApprovalWords;

use crate::convert::{self, built, message, typed};
use crate::errors;

/// The approver's DM with the buttons of the decisions they may take now.
#[pyfunction]
#[pyo3(signature = (card, *, words, choices=None))]
fn build_approval_request<'py>(
    py: Python<'py>,
    card: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
    choices: Option<&Bound<'py, PyAny>>,
) -> PyResult<String> {
    let card: ApprovalCard = typed("approval card", card)?;
    let words = convert::words::<ApprovalWords>(words)?;
    let choices: ApprovalChoices = match choices {
        Some(c) => typed("approval choices", c)?,
        None => ApprovalChoices::default(),
    };
    let m = approval::approval_request(&card, &choices, &words)
        .map_err(|e| errors::build_error(py, &e))?;
    message(py, &m)
}

/// The approver's DM in its final state, for `chat.update`.
#[pyfunction]
#[pyo3(signature = (card, outcome, *, words))]
fn build_approval_outcome<'py>(
    py: Python<'py>,
    card: &Bound<'py, PyAny>,
    outcome: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let card: ApprovalCard = typed("approval card", card)?;
    let outcome: ApprovalOutcome = typed("approval outcome", outcome)?;
    let words = convert::words::<ApprovalWords>(words)?;
    let m = approval::approval_outcome(&card, &outcome, &words)
        .map_err(|e| errors::build_error(py, &e))?;
    message(py, &m)
}

/// The requester's notice of what became of their document.
#[pyfunction]
#[pyo3(signature = (card, outcome, *, words))]
fn build_approval_notice<'py>(
    py: Python<'py>,
    card: &Bound<'py, PyAny>,
    outcome: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let card: ApprovalCard = typed("approval card", card)?;
    let outcome: ApprovalOutcome = typed("approval outcome", outcome)?;
    let words = convert::words::<ApprovalWords>(words)?;
    let m = approval::requester_notice(&card, &outcome, &words)
        .map_err(|e| errors::build_error(py, &e))?;
    message(py, &m)
}

/// The reject-with-reason modal for `views.open`.
#[pyfunction]
#[pyo3(signature = (input, *, words))]
fn build_approval_reject_modal<'py>(
    py: Python<'py>,
    input: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let input: RejectInput = typed("approval reject input", input)?;
    let words = convert::words::<ApprovalWords>(words)?;
    let view = approval::reject_modal(&input, &words).map_err(|e| errors::build_error(py, &e))?;
    built(py, leave::view_to_json(&view))
}

/// The approver's daily reminder of the engine's documents.
#[pyfunction]
#[pyo3(signature = (rows, *, words))]
fn build_approval_reminder<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let rows: Vec<ReminderRow> = typed("approval reminder rows", rows)?;
    let words = convert::words::<ApprovalWords>(words)?;
    let m = approval::approval_reminder(&rows, &words).map_err(|e| errors::build_error(py, &e))?;
    message(py, &m)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let rows = APPROVABLES
        .iter()
        .map(|a| {
            let row = PyDict::new(py);
            row.set_item("key", a.key)?;
            row.set_item("doctype", a.doctype)?;
            row.set_item("approve", a.approve)?;
            row.set_item("reject", a.reject)?;
            row.set_item("reject_reason", a.reject_reason)?;
            row.set_item("actions_block", a.actions_block)?;
            row.set_item("reminder_block_prefix", a.reminder_block_prefix)?;
            row.set_item("home_block_prefix", a.home_block_prefix)?;
            Ok(row)
        })
        .collect::<PyResult<Vec<_>>>()?;
    m.add("APPROVABLES", PyTuple::new(py, rows)?)?;
    m.add_function(wrap_pyfunction!(build_approval_request, m)?)?;
    m.add_function(wrap_pyfunction!(build_approval_outcome, m)?)?;
    m.add_function(wrap_pyfunction!(build_approval_notice, m)?)?;
    m.add_function(wrap_pyfunction!(build_approval_reject_modal, m)?)?;
    m.add_function(wrap_pyfunction!(build_approval_reminder, m)?)?;
    Ok(())
}
