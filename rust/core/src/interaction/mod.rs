//! Routing of Slack interaction payloads (the `payload=` JSON of block_actions, view_submission,
//! view_closed and the shortcuts) to the handler that deals with them.
//!
//! One declarative table ([`RULES`], in [`route`](mod@route)) decides which handler gets a
//! payload and [`routed`] is the typed [`Route`] it gets; `payload` reads Slack's JSON, `leave`
//! and [`timesheet`] read their payloads into routes, [`form`] checks the leave modal and [`ids`]
//! names every block and action; [`shortcuts`] is the shortcut registry and [`one_line`] reads
//! `/apply-leave <text>`.
//! The boundary between errors is deliberate:
//!
//! - a payload Slack would never send (not JSON, too deep, no `view`, wrong JSON types, a date that
//!   is not `YYYY-MM-DD`, a user id that is not a Slack id) is a [`PayloadError`] → HTTP 400 +
//!   Error Log;
//! - a form the user can fix (end before start, blank reason, …) is a list of [`InlineError`]s
//!   that travels inside [`Route::LeaveSubmission`] and is shown inline in the modal.

mod approval_payload;
pub mod approvals;
mod away;
mod celebrations;
pub mod event;
pub mod form;
pub mod ids;
mod leave;
pub mod links;
pub mod one_line;
mod payload;
pub(crate) use payload::check_nesting;
pub mod route;
pub mod routed;
pub mod shortcuts;
pub mod steps;
pub mod timesheet;

use crate::{limits, mrkdwn};
pub use form::{
    errors_to_value, validate_leave_form, validate_reject_reason, FormError, FormLayout, FormState,
    InlineError, InlineErrors, LeaveForm,
};

pub use route::{lookup, route, Handler, Kind, Pattern, Rule, RULES};
pub use routed::{AckReason, AwayButton, Decision, LeaveButton, Route};

/// Slack's views are ≤ 250 kB; a payload carries the view plus its state, so 2 MiB is far above
/// anything legitimate while keeping a hostile body cheap to refuse.
pub const MAX_PAYLOAD_BYTES: usize = 2 * 1024 * 1024;
/// Real payloads nest about 10 levels; refusing deeper ones before serde runs keeps recursion
/// (and work) bounded whatever the input.
pub const MAX_NESTING: usize = 64;
/// Longest serde message kept in a [`PayloadError`] (it may quote attacker-sized values).
pub const MAX_ERROR_DETAIL_CHARS: usize = 300;
/// Longest leave reason we accept; the modal's input enforces the same `max_length`.
pub const MAX_REASON_CHARS: usize = 1000;
/// Longest reason an approver may give for a rejection; the modal's input enforces it too.
pub const MAX_REJECT_REASON_CHARS: usize = 500;

/// Why a payload cannot be routed. `reason()` is a stable code for logs and the Python API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    #[error("payload is {size} bytes; the limit is {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("payload is not a JSON object: {0}")]
    MalformedJson(String),
    #[error("payload nests deeper than {0} levels")]
    TooDeep(usize),
    #[error("unknown interaction type {0:?}")]
    UnknownType(String),
    #[error("no handler for action_id {action_id:?} in block {block_id:?}")]
    UnknownAction { action_id: String, block_id: String },
    #[error("no handler for callback_id {0:?}")]
    UnknownCallback(String),
    #[error("payload lacks the field {0}")]
    MissingField(&'static str),
    #[error("payload field {field} is invalid: {detail}")]
    InvalidField { field: String, detail: String },
    #[error("no handler for event type {0:?}")]
    UnknownEvent(String),
}

impl PayloadError {
    /// Stable machine-readable reason code.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "too_large",
            // Too deep is "not JSON we will read"; callers need no separate branch for it.
            Self::MalformedJson(_) | Self::TooDeep(_) => "malformed_json",
            Self::UnknownType(_) => "unknown_type",
            Self::UnknownAction { .. } => "unknown_action",
            Self::UnknownCallback(_) => "unknown_callback",
            Self::MissingField(_) => "missing_field",
            Self::InvalidField { .. } => "invalid_field",
            Self::UnknownEvent(_) => "unknown_event",
        }
    }

    pub(crate) fn invalid(field: &str, detail: impl Into<String>) -> Self {
        Self::InvalidField {
            field: field.to_owned(),
            detail: detail.into(),
        }
    }
}

/// Ids echoed into error messages are attacker-controlled; keep log lines bounded.
fn id_excerpt(s: &str) -> String {
    mrkdwn::excerpt(s, limits::ACTION_ID)
}
