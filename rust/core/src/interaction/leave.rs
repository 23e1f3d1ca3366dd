//! The leave payloads read into their [`Route`]s: the approver's and requester's buttons, the
//! reject-with-reason modal, the half-day toggle and the leave modal's submission.

use serde::Deserialize;

use super::form::{validate_leave_form, validate_reject_reason, FormState};
use super::payload::{
    form_layout, form_state, modal_in_place, private_metadata, required_view, state_values,
    text_value, trigger_id, user_id, Action, Envelope,
};
use super::routed::{Decision, LeaveButton, Route};
use super::shortcuts::{ShortcutKind, ShortcutSpec};
use super::{ids, PayloadError, MAX_REASON_CHARS};
use crate::mrkdwn;
use crate::slack_id::SlackUserId;

/// What the reject modal carries in its private_metadata (built by
/// `blocks::leave::reject_reason_modal`; echoed by Slack, so read strictly).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RejectMetadata {
    leave_application: String,
    #[serde(default)]
    channel_id: Option<String>,
    #[serde(default)]
    message_ts: Option<String>,
}

/// What every leave button carries: the document (the button's value) and who clicked where.
struct Clicked {
    leave_application: String,
    user_id: SlackUserId,
    user_name: Option<String>,
    channel_id: Option<String>,
    message_ts: Option<String>,
    response_url: Option<String>,
    trigger_id: Option<String>,
}

fn clicked(env: &Envelope, action: Option<&Action>) -> Result<Clicked, PayloadError> {
    let value = action
        .and_then(|a| a.value.as_deref())
        .ok_or(PayloadError::MissingField("actions[0].value"))?;
    let leave_application = value.trim();
    if leave_application.is_empty() {
        return Err(PayloadError::invalid(
            "actions[0].value",
            "the Leave Application name is blank",
        ));
    }
    let container = env.container.as_ref();
    Ok(Clicked {
        leave_application: leave_application.to_owned(),
        user_id: user_id(env)?,
        user_name: env
            .user
            .as_ref()
            .and_then(|u| u.name.clone().or_else(|| u.username.clone())),
        channel_id: env
            .channel
            .as_ref()
            .and_then(|c| c.id.clone())
            .or_else(|| container.and_then(|c| c.channel_id.clone())),
        // An unfurl's message is the poster's: no message of ours to record or rewrite.
        message_ts: if container.and_then(|c| c.is_app_unfurl) == Some(true) {
            None
        } else {
            container
                .and_then(|c| c.message_ts.clone())
                .or_else(|| env.message.as_ref().and_then(|m| m.ts.clone()))
        },
        response_url: env.response_url.clone(),
        trigger_id: env.trigger_id.clone(),
    })
}

pub(super) fn decision(
    decision: Decision,
    env: &Envelope,
    action: Option<&Action>,
) -> Result<Route, PayloadError> {
    let c = clicked(env, action)?;
    Ok(Route::LeaveDecision {
        decision,
        leave_application: c.leave_application,
        user_id: c.user_id,
        user_name: c.user_name,
        channel_id: c.channel_id,
        message_ts: c.message_ts,
        response_url: c.response_url,
        trigger_id: c.trigger_id,
    })
}

pub(super) fn button(
    button: LeaveButton,
    env: &Envelope,
    action: Option<&Action>,
) -> Result<Route, PayloadError> {
    let c = clicked(env, action)?;
    Ok(Route::LeaveButton {
        button,
        leave_application: c.leave_application,
        user_id: c.user_id,
        channel_id: c.channel_id,
        message_ts: c.message_ts,
        trigger_id: c.trigger_id,
    })
}

pub(super) fn rejection(env: &Envelope) -> Result<Route, PayloadError> {
    let view = required_view(env)?;
    let metadata: RejectMetadata = private_metadata(view.private_metadata.as_deref())?;
    let leave_application = metadata.leave_application.trim();
    if leave_application.is_empty() {
        return Err(PayloadError::invalid(
            "view.private_metadata",
            "the Leave Application name is blank",
        ));
    }
    let values = state_values(view)?;
    Ok(Route::LeaveRejection {
        user_id: user_id(env)?,
        leave_application: leave_application.to_owned(),
        channel_id: metadata.channel_id,
        message_ts: metadata.message_ts,
        reason: validate_reject_reason(text_value(
            values,
            ids::REJECT_REASON_BLOCK,
            ids::REJECT_REASON_ACTION,
        )),
    })
}

pub(super) fn half_day_toggle(
    env: &Envelope,
    action: Option<&Action>,
) -> Result<Route, PayloadError> {
    let (view, view_id, view_hash) = modal_in_place(env)?;
    // The action carries the new state of the checkbox; view.state may lag behind it.
    let checked = action
        .and_then(|a| a.selected_options.as_ref())
        .is_some_and(|opts| !opts.is_empty());
    let mut values = match view.state.as_ref().and_then(|s| s.values.as_ref()) {
        Some(v) => form_state(v)?,
        None => FormState::default(),
    };
    values.half_day = checked;
    Ok(Route::HalfDayToggle {
        user_id: user_id(env)?,
        view_id,
        view_hash,
        checked,
        values,
        private_metadata: view.private_metadata.clone().unwrap_or_default(),
    })
}

pub(super) fn submission(env: &Envelope) -> Result<Route, PayloadError> {
    let view = required_view(env)?;
    let view_id = view
        .id
        .clone()
        .ok_or(PayloadError::MissingField("view.id"))?;
    let values = state_values(view)?;
    let state = form_state(values)?;
    let layout = form_layout(view, values);
    Ok(Route::LeaveSubmission {
        user_id: user_id(env)?,
        view_id,
        private_metadata: view.private_metadata.clone().unwrap_or_default(),
        form: validate_leave_form(&state, layout),
    })
}

/// Apply for leave on the Home tab: the leave modal opens with the click's trigger_id.
pub(super) fn home_apply_leave(env: &Envelope) -> Result<Route, PayloadError> {
    Ok(Route::HomeApplyLeave {
        user_id: user_id(env)?,
        trigger_id: trigger_id(env)?,
    })
}

/// A leave shortcut: open the leave modal with its trigger_id; a message shortcut's message text
/// becomes the reason (cut to the reason field's limit, its mrkdwn left as the text it is).
pub(super) fn shortcut(spec: &'static ShortcutSpec, env: &Envelope) -> Result<Route, PayloadError> {
    let reason = match spec.kind {
        ShortcutKind::Global => None,
        ShortcutKind::Message => env
            .message
            .as_ref()
            .and_then(|m| m.text.as_deref())
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| mrkdwn::plain(t, MAX_REASON_CHARS)),
    };
    Ok(Route::Shortcut {
        shortcut: spec,
        user_id: user_id(env)?,
        trigger_id: trigger_id(env)?,
        channel_id: env.channel.as_ref().and_then(|c| c.id.clone()),
        reason,
    })
}
