//! The approval engine's payloads read into their routes: a document's Approve / Reject button
//! and its reason modal submitted (the rows of [`APPROVABLES`](super::approvals::APPROVABLES)
//! routed by the engine).

use serde::Deserialize;

use super::approvals::{Approvable, ApprovalAction};
use super::form::validate_reject_reason;
use super::payload::{
    private_metadata, required_view, state_values, text_value, user_id, Action, Envelope,
};
use super::routed::Route;
use super::{ids, PayloadError};

/// An engine button: the document (the value), who clicked, and where.
pub(super) fn route_action(
    document: &'static Approvable,
    action_kind: ApprovalAction,
    env: &Envelope,
    action: Option<&Action>,
) -> Result<Route, PayloadError> {
    let value = action
        .and_then(|a| a.value.as_deref())
        .ok_or(PayloadError::MissingField("actions[0].value"))?;
    let name = value.trim();
    if name.is_empty() {
        return Err(PayloadError::invalid(
            "actions[0].value",
            "the document name is blank",
        ));
    }
    let container = env.container.as_ref();
    Ok(Route::Approval {
        action: action_kind,
        document,
        name: name.to_owned(),
        user_id: user_id(env)?,
        channel_id: env
            .channel
            .as_ref()
            .and_then(|c| c.id.clone())
            .or_else(|| container.and_then(|c| c.channel_id.clone())),
        message_ts: container
            .and_then(|c| c.message_ts.clone())
            .or_else(|| env.message.as_ref().and_then(|m| m.ts.clone())),
        trigger_id: env.trigger_id.clone(),
    })
}

/// The reason modal's private_metadata (written by `blocks::approval::reject_modal`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonMetadata {
    name: String,
    #[serde(default)]
    channel_id: Option<String>,
    #[serde(default)]
    message_ts: Option<String>,
}

/// The reason modal submitted: the document and the message it came from, and the reason or why
/// it cannot be taken.
pub(super) fn route_rejection(
    document: &'static Approvable,
    env: &Envelope,
) -> Result<Route, PayloadError> {
    let view = required_view(env)?;
    let metadata: ReasonMetadata = private_metadata(view.private_metadata.as_deref())?;
    let name = metadata.name.trim();
    if name.is_empty() {
        return Err(PayloadError::invalid(
            "view.private_metadata",
            "the document name is blank",
        ));
    }
    let values = state_values(view)?;
    Ok(Route::ApprovalRejection {
        document,
        name: name.to_owned(),
        user_id: user_id(env)?,
        channel_id: metadata.channel_id,
        message_ts: metadata.message_ts,
        reason: validate_reject_reason(text_value(
            values,
            ids::REJECT_REASON_BLOCK,
            ids::REJECT_REASON_ACTION,
        )),
    })
}
