//! Short messages for one user (usually ephemeral) and the inline errors of a submitted modal.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;
use slack_morphism::prelude::*;

use super::{md_section, BuildError, NAME_CHARS};
use crate::blocks::Message;
use crate::interaction::{FormError, InlineError};
use crate::words::{NoticeWords, ViewErrorWords};
use crate::{limits, mrkdwn};

/// Short messages for one user, usually ephemeral: what went wrong and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Notice {
    /// The clicking user is neither the leave approver nor an HR Manager.
    NotAllowed { leave_application: String },
    /// Someone else than the requester clicked the requester's own button.
    NotYours { leave_application: String },
    /// The application is no longer Open (decided from desk, or a double click).
    AlreadyDecided {
        leave_application: String,
        status: String,
        #[serde(default)]
        decided_by: Option<String>,
    },
    /// No Frappe user is linked to the Slack user.
    SlackNotLinked,
    /// The Frappe user has no active Employee.
    NoEmployee,
    /// Nothing to apply for today.
    NoLeaveTypes,
    /// Frappe refused the approval/rejection (e.g. insufficient balance); nothing changed.
    ActionFailed {
        leave_application: String,
        message: String,
    },
    /// Ask to cancel on a leave that is not (or no longer) approved and in the future.
    NotCancellable { leave_application: String },
    /// The requester's cancellation request reached the approver.
    CancellationSent {
        leave_application: String,
        approver: String,
    },
    /// The requester asked already; the approver has not answered yet.
    CancellationPending {
        leave_application: String,
        approver: String,
    },
    /// Anything else worth telling the user.
    Error { message: String },
}

const NOTICE_MESSAGE_CHARS: usize = 2000;

fn notice_text(n: &Notice, w: &NoticeWords) -> String {
    let bold = |s: &str| format!("*{}*", mrkdwn::escape_truncate(s, NAME_CHARS));
    match n {
        Notice::NotAllowed { leave_application } => {
            format!("⛔ {}", w.not_allowed.md([&bold(leave_application)]))
        }
        Notice::NotYours { leave_application } => {
            format!("⛔ {}", w.not_yours.md([&bold(leave_application)]))
        }
        Notice::AlreadyDecided {
            leave_application,
            status,
            decided_by,
        } => {
            // The status is data; the reader sees its words (or the stored value, if unknown).
            let status = match w.statuses.of(status) {
                Some(word) => format!("*{}*", word.as_md()),
                None => bold(status),
            };
            let id = bold(leave_application);
            let text = match decided_by
                .as_deref()
                .map(str::trim)
                .filter(|b| !b.is_empty())
            {
                Some(by) => w.already_decided_by.md([&id, &status, &bold(by)]),
                None => w.already_decided.md([&id, &status]),
            };
            format!("ℹ️ {text}")
        }
        Notice::SlackNotLinked => format!("🔗 {}", w.slack_not_linked.as_md()),
        Notice::NoEmployee => format!("🔗 {}", w.no_employee.as_md()),
        Notice::NoLeaveTypes => format!("📭 {}", w.no_leave_types.as_md()),
        Notice::ActionFailed {
            leave_application,
            message,
        } => format!(
            "⚠️ {}\n{}",
            w.action_failed.md([
                &bold(leave_application),
                &mrkdwn::escape_truncate(message, NOTICE_MESSAGE_CHARS)
            ]),
            w.not_changed.as_md()
        ),
        Notice::NotCancellable { leave_application } => {
            format!("ℹ️ {}", w.not_cancellable.md([&bold(leave_application)]))
        }
        Notice::CancellationSent {
            leave_application,
            approver,
        } => format!(
            "📨 {}",
            w.cancellation_sent
                .md([&bold(leave_application), &bold(approver)])
        ),
        Notice::CancellationPending {
            leave_application,
            approver,
        } => format!(
            "⏳ {}",
            w.cancellation_pending
                .md([&bold(leave_application), &bold(approver)])
        ),
        Notice::Error { message } => {
            format!(
                "⚠️ {}",
                mrkdwn::escape_truncate(message, NOTICE_MESSAGE_CHARS)
            )
        }
    }
}

/// A one-section message for a [`Notice`], in `words`.
pub fn notice_message(n: &Notice, words: &NoticeWords) -> Message {
    Message::from_blocks(vec![md_section(notice_text(n, words))])
}

/// One inline error: a validation error of the routed submission (a [`FormError`] code, put
/// into words here), or a message already in the reader's words (a Frappe refusal, a handler's
/// own error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewError {
    Text(String),
    Form(FormError),
}

impl ViewError {
    /// A string is a message; an object a `{"code": …}` form error with exactly its fields.
    pub fn from_value(value: Value) -> Result<Self, serde_json::Error> {
        match value {
            Value::String(s) => Ok(Self::Text(s)),
            other => {
                let error: FormError = serde_json::from_value(other.clone())?;
                // serde's internally tagged enums ignore unknown fields of unit variants.
                if error.to_value() != other {
                    return Err(serde::de::Error::custom(format!(
                        "unexpected fields for the form error `{}`",
                        error.code()
                    )));
                }
                Ok(Self::Form(error))
            }
        }
    }

    fn message(&self, words: &ViewErrorWords) -> String {
        match self {
            Self::Text(s) => s.clone(),
            Self::Form(e) => e.message(words),
        }
    }
}

impl<'de> Deserialize<'de> for ViewError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::from_value(Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// `{"response_action": "errors", "errors": {block_id: message}}` for a view_submission answer,
/// form errors put into `words`. Messages are plain text (Slack shows them verbatim under the
/// input); the first one per block wins.
///
/// Refuses what would not keep the modal open with the errors shown: no errors at all, or a
/// block id that is blank once cut to Slack's length (it names no input).
pub fn view_errors<I, K>(errors: I, words: &ViewErrorWords) -> Result<Value, BuildError>
where
    I: IntoIterator<Item = (K, ViewError)>,
    K: AsRef<str>,
{
    let mut map = HashMap::new();
    for (block_id, error) in errors {
        let block_id = mrkdwn::plain(block_id.as_ref(), limits::BLOCK_ID);
        if block_id.trim().is_empty() {
            return Err(BuildError::BlankBlockId);
        }
        map.entry(block_id)
            .or_insert_with(|| mrkdwn::plain(&error.message(words), limits::VIEW_ERROR_TEXT));
    }
    if map.is_empty() {
        return Err(BuildError::NoViewErrors);
    }
    let response = SlackViewSubmissionResponse::Errors(SlackViewSubmissionErrorsResponse::new(map));
    Ok(crate::blocks::to_json(
        "the view_submission errors response",
        &response,
    )?)
}

/// [`view_errors`] for the validation errors of a routed submission.
pub fn field_errors_view(
    errors: &[InlineError],
    words: &ViewErrorWords,
) -> Result<Value, BuildError> {
    view_errors(
        errors
            .iter()
            .map(|e| (e.block_id, ViewError::Form(e.error.clone()))),
        words,
    )
}
