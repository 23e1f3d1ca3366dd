//! The routing table and the typed [`Route`] each handler receives.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::form::{
    errors_to_value, validate_leave_form, validate_reject_reason, FormState, InlineErrors,
    LeaveForm,
};
use super::payload::{
    form_layout, form_state, parse_envelope, required_view, state_values, text_value, Action,
    Envelope,
};
use super::timesheet::{self, TimesheetHandler, TimesheetRoute};
use super::{id_excerpt, ids, PayloadError, MAX_ERROR_DETAIL_CHARS};
use crate::mrkdwn;
use crate::slack_id::SlackUserId;

/// What an approver clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    #[serde(alias = "Approved", alias = "approved")]
    Approve,
    #[serde(alias = "Rejected", alias = "rejected")]
    Reject,
}

impl Decision {
    /// Code used in the Python dicts.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
        }
    }

    /// The Leave Application `status` this decision sets.
    pub fn status(self) -> &'static str {
        match self {
            Self::Approve => "Approved",
            Self::Reject => "Rejected",
        }
    }
}

/// Why a payload is acknowledged without further work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckReason {
    IgnoredAction,
    ViewClosed,
}

impl AckReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IgnoredAction => "ignored_action",
            Self::ViewClosed => "view_closed",
        }
    }
}

/// A routed interaction: which handler runs and the typed fields it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    LeaveDecision {
        decision: Decision,
        /// Leave Application name (the button's value).
        leave_application: String,
        user_id: SlackUserId,
        user_name: Option<String>,
        channel_id: Option<String>,
        message_ts: Option<String>,
        response_url: Option<String>,
        trigger_id: Option<String>,
    },
    HalfDayToggle {
        user_id: SlackUserId,
        view_id: String,
        view_hash: String,
        checked: bool,
        values: FormState,
        private_metadata: String,
    },
    LeaveSubmission {
        user_id: SlackUserId,
        view_id: String,
        private_metadata: String,
        form: Result<LeaveForm, InlineErrors>,
    },
    /// A leave button that is not an immediate decision: it opens a modal or acts for the
    /// requester. The same fields as a decision.
    LeaveButton {
        button: LeaveButton,
        leave_application: String,
        user_id: SlackUserId,
        channel_id: Option<String>,
        message_ts: Option<String>,
        trigger_id: Option<String>,
    },
    /// The reject-with-reason modal submitted: the application and the message it came from
    /// (from the modal's private_metadata), and the reason or why it cannot be taken.
    LeaveRejection {
        user_id: SlackUserId,
        leave_application: String,
        channel_id: Option<String>,
        message_ts: Option<String>,
        reason: Result<Option<String>, InlineErrors>,
    },
    /// Apply for leave on the Home tab: open the leave modal with the click's trigger_id.
    HomeApplyLeave {
        user_id: SlackUserId,
        trigger_id: String,
    },
    Ack {
        reason: AckReason,
    },
    /// The Log Time modal and the timesheet reminder (`interaction::timesheet`).
    Timesheet(TimesheetRoute),
}

/// Leave buttons that lead somewhere else than a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveButton {
    /// Reject: first ask the approver why (a modal), then decide.
    RejectPrompt,
    /// The requester withdraws their Open application.
    Withdraw,
    /// The requester asks the approver to cancel their approved leave.
    AskToCancel,
    /// The approver cancels the approved leave they were asked to cancel.
    CancelLeave,
    /// The approver keeps it (declines the cancellation request).
    KeepLeave,
}

impl LeaveButton {
    /// Handler name as seen by Python.
    pub fn handler(self) -> &'static str {
        match self {
            Self::RejectPrompt => "reject_prompt",
            Self::Withdraw => "leave_withdraw",
            Self::AskToCancel => "leave_ask_cancel",
            Self::CancelLeave => "leave_cancel",
            Self::KeepLeave => "leave_keep",
        }
    }
}

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

// ---------------------------------------------------------------------------------------------
// The routing table
// ---------------------------------------------------------------------------------------------

/// Interaction payload types we route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    BlockActions,
    ViewSubmission,
    ViewClosed,
}

impl Kind {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "block_actions" => Some(Self::BlockActions),
            "view_submission" => Some(Self::ViewSubmission),
            "view_closed" => Some(Self::ViewClosed),
            _ => None,
        }
    }
}

/// How a rule matches an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    Exact(&'static str),
    Prefix(&'static str),
    Any,
}

impl Pattern {
    fn matches(self, value: &str) -> bool {
        match self {
            Self::Exact(s) => value == s,
            Self::Prefix(p) => value.starts_with(p),
            Self::Any => true,
        }
    }
}

/// What a matched rule hands the payload to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    LeaveDecision(Decision),
    LeaveButton(LeaveButton),
    LeaveRejection,
    HomeApplyLeave,
    HalfDayToggle,
    LeaveSubmission,
    Ack(AckReason),
    Timesheet(TimesheetHandler),
}

/// One row of the routing table. `id` matches the action_id for block_actions and the view's
/// callback_id for view payloads; `block_id` matches the action's block (`Any` for views).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub kind: Kind,
    pub id: Pattern,
    pub block_id: Pattern,
    pub handler: Handler,
}

/// The routing table; the first matching row wins.
///
/// Approval buttons match on action_id alone: the value carries the document, and the block_id is
/// not needed to tell them apart.
pub static RULES: &[Rule] = &[
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::LEAVE_APPROVE),
        block_id: Pattern::Any,
        handler: Handler::LeaveDecision(Decision::Approve),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::LEAVE_REJECT),
        block_id: Pattern::Any,
        handler: Handler::LeaveButton(LeaveButton::RejectPrompt),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::LEAVE_WITHDRAW),
        block_id: Pattern::Any,
        handler: Handler::LeaveButton(LeaveButton::Withdraw),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::LEAVE_ASK_CANCEL),
        block_id: Pattern::Any,
        handler: Handler::LeaveButton(LeaveButton::AskToCancel),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::LEAVE_CANCEL),
        block_id: Pattern::Any,
        handler: Handler::LeaveButton(LeaveButton::CancelLeave),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::LEAVE_KEEP),
        block_id: Pattern::Any,
        handler: Handler::LeaveButton(LeaveButton::KeepLeave),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::HOME_APPLY_LEAVE),
        block_id: Pattern::Any,
        handler: Handler::HomeApplyLeave,
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::HALF_DAY_ACTION),
        block_id: Pattern::Exact(ids::HALF_DAY_BLOCK),
        handler: Handler::HalfDayToggle,
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Prefix(ids::IGNORE_PREFIX),
        block_id: Pattern::Any,
        handler: Handler::Ack(AckReason::IgnoredAction),
    },
    Rule {
        kind: Kind::ViewSubmission,
        id: Pattern::Exact(ids::APPLY_LEAVE_CALLBACK),
        block_id: Pattern::Any,
        handler: Handler::LeaveSubmission,
    },
    Rule {
        kind: Kind::ViewSubmission,
        id: Pattern::Exact(ids::LEAVE_REJECT_REASON_CALLBACK),
        block_id: Pattern::Any,
        handler: Handler::LeaveRejection,
    },
    Rule {
        kind: Kind::ViewClosed,
        id: Pattern::Any,
        block_id: Pattern::Any,
        handler: Handler::Ack(AckReason::ViewClosed),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::TS_PROJECT_ACTION),
        block_id: Pattern::Exact(ids::TS_PROJECT_BLOCK),
        handler: Handler::Timesheet(TimesheetHandler::ProjectChange),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::TS_LOG_TIME),
        block_id: Pattern::Any,
        handler: Handler::Timesheet(TimesheetHandler::Open),
    },
    Rule {
        kind: Kind::ViewSubmission,
        id: Pattern::Exact(ids::TIMESHEET_CALLBACK),
        block_id: Pattern::Any,
        handler: Handler::Timesheet(TimesheetHandler::Submission),
    },
];

/// Looks `(kind, id, block_id)` up in [`RULES`].
pub fn lookup(kind: Kind, id: &str, block_id: &str) -> Option<Handler> {
    RULES
        .iter()
        .find(|r| r.kind == kind && r.id.matches(id) && r.block_id.matches(block_id))
        .map(|r| r.handler)
}

/// Parses an interaction payload (the JSON in the `payload` form field) and routes it.
pub fn route(payload: &[u8]) -> Result<Route, PayloadError> {
    let env = parse_envelope(payload)?;
    let kind_str = env
        .kind
        .as_deref()
        .ok_or(PayloadError::MissingField("type"))?;
    let kind =
        Kind::parse(kind_str).ok_or_else(|| PayloadError::UnknownType(id_excerpt(kind_str)))?;
    match kind {
        Kind::BlockActions => {
            let action = env
                .actions
                .as_deref()
                .and_then(<[Action]>::first)
                .ok_or(PayloadError::MissingField("actions"))?;
            let action_id = action
                .action_id
                .as_deref()
                .ok_or(PayloadError::MissingField("actions[0].action_id"))?;
            let block_id = action.block_id.as_deref().unwrap_or("");
            let handler =
                lookup(kind, action_id, block_id).ok_or_else(|| PayloadError::UnknownAction {
                    action_id: id_excerpt(action_id),
                    block_id: id_excerpt(block_id),
                })?;
            dispatch(handler, &env, Some(action))
        }
        Kind::ViewSubmission | Kind::ViewClosed => {
            let view = required_view(&env)?;
            let callback_id = view.callback_id.as_deref().unwrap_or("");
            let handler = lookup(kind, callback_id, "")
                .ok_or_else(|| PayloadError::UnknownCallback(id_excerpt(callback_id)))?;
            dispatch(handler, &env, None)
        }
    }
}

fn dispatch(
    handler: Handler,
    env: &Envelope,
    action: Option<&Action>,
) -> Result<Route, PayloadError> {
    match handler {
        Handler::Ack(reason) => Ok(Route::Ack { reason }),
        Handler::LeaveDecision(decision) => leave_decision(decision, env, action),
        Handler::LeaveButton(button) => leave_button(button, env, action),
        Handler::LeaveRejection => leave_rejection(env),
        Handler::HomeApplyLeave => Ok(Route::HomeApplyLeave {
            user_id: user_id(env)?,
            trigger_id: env
                .trigger_id
                .clone()
                .filter(|t| !t.is_empty())
                .ok_or(PayloadError::MissingField("trigger_id"))?,
        }),
        Handler::HalfDayToggle => half_day_toggle(env, action),
        Handler::LeaveSubmission => leave_submission(env),
        Handler::Timesheet(h) => timesheet::dispatch(h, env, action),
    }
}

/// The acting user; it goes into mentions and lookups, so it must be a real Slack id.
pub(super) fn user_id(env: &Envelope) -> Result<SlackUserId, PayloadError> {
    let id = env
        .user
        .as_ref()
        .and_then(|u| u.id.as_deref())
        .filter(|id| !id.is_empty())
        .ok_or(PayloadError::MissingField("user.id"))?;
    SlackUserId::parse(id)
        .map_err(|e| PayloadError::invalid("user.id", format!("{:?}: {e}", id_excerpt(id))))
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
        message_ts: container
            .and_then(|c| c.message_ts.clone())
            .or_else(|| env.message.as_ref().and_then(|m| m.ts.clone())),
        response_url: env.response_url.clone(),
        trigger_id: env.trigger_id.clone(),
    })
}

fn leave_decision(
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

fn leave_button(
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

fn leave_rejection(env: &Envelope) -> Result<Route, PayloadError> {
    let view = required_view(env)?;
    let metadata: RejectMetadata = serde_json::from_str(
        view.private_metadata
            .as_deref()
            .ok_or(PayloadError::MissingField("view.private_metadata"))?,
    )
    .map_err(|e| {
        PayloadError::invalid(
            "view.private_metadata",
            mrkdwn::excerpt(&e.to_string(), MAX_ERROR_DETAIL_CHARS),
        )
    })?;
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

fn half_day_toggle(env: &Envelope, action: Option<&Action>) -> Result<Route, PayloadError> {
    let view = required_view(env)?;
    let view_id = view
        .id
        .clone()
        .or_else(|| env.container.as_ref().and_then(|c| c.view_id.clone()))
        .ok_or(PayloadError::MissingField("view.id"))?;
    let view_hash = view
        .hash
        .clone()
        .ok_or(PayloadError::MissingField("view.hash"))?;
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

fn leave_submission(env: &Envelope) -> Result<Route, PayloadError> {
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

impl Route {
    /// Handler name as seen by Python.
    pub fn handler(&self) -> &'static str {
        match self {
            Self::LeaveDecision { .. } => "leave_decision",
            Self::HalfDayToggle { .. } => "half_day_toggle",
            Self::LeaveSubmission { .. } => "leave_submission",
            Self::LeaveButton { button, .. } => button.handler(),
            Self::LeaveRejection { .. } => "leave_rejection",
            Self::HomeApplyLeave { .. } => "home_apply_leave",
            Self::Ack { .. } => "ack",
            Self::Timesheet(route) => route.handler(),
        }
    }

    /// The dict `route_interaction` returns: `{"handler": …, …typed fields}`, dates as ISO strings.
    pub fn to_value(&self) -> Value {
        let handler = self.handler();
        match self {
            Self::LeaveDecision {
                decision,
                leave_application,
                user_id,
                user_name,
                channel_id,
                message_ts,
                response_url,
                trigger_id,
            } => json!({
                "handler": handler,
                "decision": decision.as_str(),
                "status": decision.status(),
                "leave_application": leave_application,
                "user_id": user_id.as_str(),
                "user_name": user_name,
                "channel_id": channel_id,
                "message_ts": message_ts,
                "response_url": response_url,
                "trigger_id": trigger_id,
            }),
            Self::HalfDayToggle {
                user_id,
                view_id,
                view_hash,
                checked,
                values,
                private_metadata,
            } => json!({
                "handler": handler,
                "user_id": user_id.as_str(),
                "view_id": view_id,
                "view_hash": view_hash,
                "checked": checked,
                "values": values.to_value(),
                "private_metadata": private_metadata,
            }),
            Self::LeaveSubmission {
                user_id,
                view_id,
                private_metadata,
                form,
            } => {
                let (form, errors) = match form {
                    Ok(f) => (f.to_value(), Value::Null),
                    Err(e) => (Value::Null, errors_to_value(e)),
                };
                json!({
                    "handler": handler,
                    "user_id": user_id.as_str(),
                    "view_id": view_id,
                    "private_metadata": private_metadata,
                    "form": form,
                    "errors": errors,
                })
            }
            Self::LeaveButton {
                leave_application,
                user_id,
                channel_id,
                message_ts,
                trigger_id,
                ..
            } => json!({
                "handler": handler,
                "leave_application": leave_application,
                "user_id": user_id.as_str(),
                "channel_id": channel_id,
                "message_ts": message_ts,
                "trigger_id": trigger_id,
            }),
            Self::LeaveRejection {
                user_id,
                leave_application,
                channel_id,
                message_ts,
                reason,
            } => {
                let (reason, errors) = match reason {
                    Ok(r) => (json!(r), Value::Null),
                    Err(e) => (Value::Null, errors_to_value(e)),
                };
                json!({
                    "handler": handler,
                    "decision": Decision::Reject.as_str(),
                    "status": Decision::Reject.status(),
                    "user_id": user_id.as_str(),
                    "leave_application": leave_application,
                    "channel_id": channel_id,
                    "message_ts": message_ts,
                    "reason": reason,
                    "errors": errors,
                })
            }
            Self::HomeApplyLeave {
                user_id,
                trigger_id,
            } => json!({"handler": handler, "user_id": user_id.as_str(), "trigger_id": trigger_id}),
            Self::Ack { reason } => json!({"handler": handler, "reason": reason.as_str()}),
            Self::Timesheet(route) => route.to_value(),
        }
    }
}
