//! Leave workflow builders: plain dicts in, the JSON text of each Slack body out.

use pyo3::prelude::*;
use slack_connector_core::absence::{self, OutRow};
use slack_connector_core::blocks::leave::{
    self, ApprovalChoices, HomeInput, LeaveDetails, LeaveModalInput, Notice, Offer, Outcome,
    RejectModalInput, ReminderInput, UnfurlCard, ViewError,
};
use slack_connector_core::words::{
    HomeWords, LeaveWords, ModalWords, NoticeWords, RejectWords, ReminderWords, UnfurlWords,
    ViewErrorWords, WhoIsOutWords,
};

use crate::convert::{self, built, built_tree, message, typed};
use crate::errors;

/// The "Apply for Leave" modal as a view dict for `views.open` / `views.update`.
#[pyfunction]
#[pyo3(signature = (input, *, words))]
fn build_leave_modal<'py>(
    py: Python<'py>,
    input: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let input: LeaveModalInput = typed("leave modal input", input)?;
    let words = convert::words::<ModalWords>(words)?;
    let view =
        leave::leave_request_modal(&input, &words).map_err(|e| errors::build_error(py, &e))?;
    built(py, leave::view_to_json(&view))
}

/// Who else is out during a request, as the ERP adapter hands it over.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct OthersOutInput {
    /// The applicant's Employee (never listed).
    applicant: String,
    rows: Vec<OutRow>,
}

/// The approver's DM with the buttons of the decisions they may take: `{"text", "blocks"}`;
/// with `others_out` (and `who_words`), who else is out during the request.
#[pyfunction]
#[pyo3(signature = (details, *, words, choices=None, others_out=None, who_words=None))]
fn build_approver_message<'py>(
    py: Python<'py>,
    details: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
    choices: Option<&Bound<'py, PyAny>>,
    others_out: Option<&Bound<'py, PyAny>>,
    who_words: Option<&Bound<'py, PyAny>>,
) -> PyResult<String> {
    let details: LeaveDetails = typed("leave details", details)?;
    let words = convert::words::<LeaveWords>(words)?;
    let choices: ApprovalChoices = match choices {
        Some(c) => typed("approval choices", c)?,
        None => ApprovalChoices::default(),
    };
    let others = match (others_out, who_words) {
        (Some(o), Some(w)) => {
            let input: OthersOutInput = typed("others out", o)?;
            let people = absence::others_out(
                &input.rows,
                &input.applicant,
                details.from_date,
                details.to_date,
            );
            Some((people, convert::words::<WhoIsOutWords>(w)?))
        }
        (None, None) => None,
        _ => {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "others_out and who_words go together",
            ))
        }
    };
    let m = leave::approver_request(
        &details,
        &choices,
        others.as_ref().map(|(p, w)| (p.as_slice(), &**w)),
        &words,
    )
    .map_err(|e| errors::build_error(py, &e))?;
    message(py, &m)
}

/// The approver's message in its final state (buttons replaced by the outcome), for `chat.update`.
#[pyfunction]
#[pyo3(signature = (details, outcome, *, words))]
fn build_approver_outcome<'py>(
    py: Python<'py>,
    details: &Bound<'py, PyAny>,
    outcome: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let details: LeaveDetails = typed("leave details", details)?;
    let outcome: Outcome = typed("outcome", outcome)?;
    let words = convert::words::<LeaveWords>(words)?;
    message(
        py,
        &leave::approver_outcome_message(&details, &outcome, &words),
    )
}

/// DM to the requester after the Leave Application was created, with what they may still do.
#[pyfunction]
#[pyo3(signature = (details, approver_name=None, *, words, offer=None))]
fn build_requester_confirmation<'py>(
    py: Python<'py>,
    details: &Bound<'py, PyAny>,
    approver_name: Option<&str>,
    words: &Bound<'py, PyAny>,
    offer: Option<&Bound<'py, PyAny>>,
) -> PyResult<String> {
    let details: LeaveDetails = typed("leave details", details)?;
    let words = convert::words::<LeaveWords>(words)?;
    let offer: Option<Offer> = offer.map(|o| typed("offer", o)).transpose()?;
    let m = leave::requester_confirmation(&details, approver_name, offer, &words)
        .map_err(|e| errors::build_error(py, &e))?;
    message(py, &m)
}

/// The reject-with-reason modal as a view dict for `views.open`.
#[pyfunction]
#[pyo3(signature = (input, *, words))]
fn build_reject_modal<'py>(
    py: Python<'py>,
    input: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let input: RejectModalInput = typed("reject modal input", input)?;
    let words = convert::words::<RejectWords>(words)?;
    let view =
        leave::reject_reason_modal(&input, &words).map_err(|e| errors::build_error(py, &e))?;
    built(py, leave::view_to_json(&view))
}

/// DM to the requester: what became of their leave and who did it, with what they may still do.
#[pyfunction]
#[pyo3(signature = (details, outcome, *, words, offer=None))]
fn build_requester_outcome<'py>(
    py: Python<'py>,
    details: &Bound<'py, PyAny>,
    outcome: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
    offer: Option<&Bound<'py, PyAny>>,
) -> PyResult<String> {
    let details: LeaveDetails = typed("leave details", details)?;
    let outcome: Outcome = typed("outcome", outcome)?;
    let words = convert::words::<LeaveWords>(words)?;
    let offer: Option<Offer> = offer.map(|o| typed("offer", o)).transpose()?;
    let m = leave::requester_outcome_message(&details, &outcome, offer, &words)
        .map_err(|e| errors::build_error(py, &e))?;
    message(py, &m)
}

/// The approver's DM when the requester asks to cancel an approved leave (Cancel leave / Keep).
#[pyfunction]
#[pyo3(signature = (details, *, words))]
fn build_cancellation_request<'py>(
    py: Python<'py>,
    details: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let details: LeaveDetails = typed("leave details", details)?;
    let words = convert::words::<LeaveWords>(words)?;
    let m = leave::cancellation_request_message(&details, &words)
        .map_err(|e| errors::build_error(py, &e))?;
    message(py, &m)
}

/// The cancellation request answered (buttons replaced by the outcome), for `chat.update`.
#[pyfunction]
#[pyo3(signature = (details, outcome, *, words))]
fn build_cancellation_outcome<'py>(
    py: Python<'py>,
    details: &Bound<'py, PyAny>,
    outcome: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let details: LeaveDetails = typed("leave details", details)?;
    let outcome: Outcome = typed("outcome", outcome)?;
    let words = convert::words::<LeaveWords>(words)?;
    message(
        py,
        &leave::cancellation_outcome_message(&details, &outcome, &words),
    )
}

/// The Home tab as a view dict for `views.publish`.
#[pyfunction]
#[pyo3(signature = (input, *, words))]
fn build_home_view<'py>(
    py: Python<'py>,
    input: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let input: HomeInput = typed("home input", input)?;
    let words = convert::words::<HomeWords>(words)?;
    let view = leave::home_view(&input, &words).map_err(|e| errors::build_error(py, &e))?;
    built(py, leave::view_to_json(&view))
}

/// A short (usually ephemeral) notice: `{"kind": ..., ...}` in, `{"text", "blocks"}` out.
#[pyfunction]
#[pyo3(signature = (notice, *, words))]
fn build_leave_notice<'py>(
    py: Python<'py>,
    notice: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let notice: Notice = typed("notice", notice)?;
    let words = convert::words::<NoticeWords>(words)?;
    message(py, &leave::notice_message(&notice, &words))
}

/// `{"response_action": "errors", "errors": {block_id: message}}` for a view_submission answer;
/// values are messages (str) or a route's form error codes, put into `words`. An empty dict or a
/// blank block id is an `InputError` (that answer would close the modal).
#[pyfunction]
#[pyo3(signature = (errors, *, words))]
fn build_view_errors<'py>(
    py: Python<'py>,
    errors: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let by_block: std::collections::BTreeMap<String, ViewError> = typed("view errors", errors)?;
    let words = convert::words::<ViewErrorWords>(words)?;
    built_tree(py, leave::view_errors(by_block, &words))
}

/// The daily reminder to a leave approver (or its rebuilt form for `chat.update`).
#[pyfunction]
#[pyo3(signature = (reminder, *, words, leave_words))]
fn build_approver_reminder<'py>(
    py: Python<'py>,
    reminder: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
    leave_words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let reminder: ReminderInput = typed("reminder", reminder)?;
    let words = convert::words::<ReminderWords>(words)?;
    let leave_words = convert::words::<LeaveWords>(leave_words)?;
    let m = leave::approver_reminder(&reminder, &words, &leave_words)
        .map_err(|e| errors::build_error(py, &e))?;
    message(py, &m)
}

/// The body of a `chat.unfurl` (`{"unfurls": {url: {"blocks"}}}`, JSON text): one card per
/// `{"url", "details", "status", "choices"?}` (choices only for whoever may decide it now).
#[pyfunction]
#[pyo3(signature = (cards, *, words, unfurl_words))]
fn build_leave_unfurls<'py>(
    py: Python<'py>,
    cards: &Bound<'py, PyAny>,
    words: &Bound<'py, PyAny>,
    unfurl_words: &Bound<'py, PyAny>,
) -> PyResult<String> {
    let cards: Vec<UnfurlCard> = typed("unfurl cards", cards)?;
    let words = convert::words::<LeaveWords>(words)?;
    let unfurl_words = convert::words::<UnfurlWords>(unfurl_words)?;
    built(py, leave::leave_unfurls(&cards, &words, &unfurl_words))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(build_leave_unfurls, m)?)?;
    m.add_function(wrap_pyfunction!(build_leave_modal, m)?)?;
    m.add_function(wrap_pyfunction!(build_approver_message, m)?)?;
    m.add_function(wrap_pyfunction!(build_approver_outcome, m)?)?;
    m.add_function(wrap_pyfunction!(build_requester_confirmation, m)?)?;
    m.add_function(wrap_pyfunction!(build_requester_outcome, m)?)?;
    m.add_function(wrap_pyfunction!(build_cancellation_request, m)?)?;
    m.add_function(wrap_pyfunction!(build_home_view, m)?)?;
    m.add_function(wrap_pyfunction!(build_cancellation_outcome, m)?)?;
    m.add_function(wrap_pyfunction!(build_reject_modal, m)?)?;
    m.add_function(wrap_pyfunction!(build_leave_notice, m)?)?;
    m.add_function(wrap_pyfunction!(build_view_errors, m)?)?;
    m.add_function(wrap_pyfunction!(build_approver_reminder, m)?)?;
    Ok(())
}
