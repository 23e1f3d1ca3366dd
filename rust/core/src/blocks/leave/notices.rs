//! Short messages for one user (usually ephemeral) and the inline errors of a submitted modal.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;
use slack_morphism::prelude::*;

use super::{md_section, BuildError, NAME_CHARS};
use crate::blocks::Message;
use crate::interaction::InlineError;
use crate::{limits, mrkdwn};

/// Short messages for one user, usually ephemeral: what went wrong and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Notice {
    /// The clicking user is neither the leave approver nor an HR Manager.
    NotAllowed { leave_application: String },
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
    /// Anything else worth telling the user.
    Error { message: String },
}

const NOTICE_MESSAGE_CHARS: usize = 2000;

fn notice_text(n: &Notice) -> String {
    let id = |s: &str| mrkdwn::escape_truncate(s, NAME_CHARS);
    match n {
        Notice::NotAllowed { leave_application } => format!(
            "⛔ You are not allowed to approve or reject *{}*. Only its leave approver or an HR \
             Manager can.",
            id(leave_application)
        ),
        Notice::AlreadyDecided {
            leave_application,
            status,
            decided_by,
        } => {
            let by = decided_by
                .as_deref()
                .map(str::trim)
                .filter(|b| !b.is_empty())
                .map(|b| format!(" by *{}*", id(b)))
                .unwrap_or_default();
            format!(
                "ℹ️ *{}* is already *{}*{by}. Nothing was changed.",
                id(leave_application),
                id(status)
            )
        }
        Notice::SlackNotLinked => "🔗 Your Slack account is not linked to a user in the HR \
                                   system. Ask HR to connect your Slack account, then try again."
            .into(),
        Notice::NoEmployee => "🔗 Your user has no active Employee record. Ask HR to link your \
                               user to your Employee record, then try again."
            .into(),
        Notice::NoLeaveTypes => "📭 You have no leave type to apply for today. Ask HR to \
                                 allocate leave to you."
            .into(),
        Notice::ActionFailed {
            leave_application,
            message,
        } => format!(
            "⚠️ Could not update *{}*: {}\nThe leave application was not changed.",
            id(leave_application),
            mrkdwn::escape_truncate(message, NOTICE_MESSAGE_CHARS)
        ),
        Notice::Error { message } => {
            format!(
                "⚠️ {}",
                mrkdwn::escape_truncate(message, NOTICE_MESSAGE_CHARS)
            )
        }
    }
}

/// A one-section message for a [`Notice`].
pub fn notice_message(n: &Notice) -> Message {
    Message::from_blocks(vec![md_section(notice_text(n))])
}

/// `{"response_action": "errors", "errors": {block_id: message}}` for a view_submission answer.
/// Messages are plain text (Slack shows them verbatim under the input); the first one per block
/// wins.
///
/// Refuses what would not keep the modal open with the errors shown: no errors at all, or a
/// block id that is blank once cut to Slack's length (it names no input).
pub fn view_errors<I, K, V>(errors: I) -> Result<Value, BuildError>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut map = HashMap::new();
    for (block_id, message) in errors {
        let block_id = mrkdwn::plain(block_id.as_ref(), limits::BLOCK_ID);
        if block_id.trim().is_empty() {
            return Err(BuildError::BlankBlockId);
        }
        map.entry(block_id)
            .or_insert_with(|| mrkdwn::plain(message.as_ref(), limits::VIEW_ERROR_TEXT));
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
pub fn field_errors_view(errors: &[InlineError]) -> Result<Value, BuildError> {
    view_errors(errors.iter().map(|e| (e.block_id, e.message.as_str())))
}
