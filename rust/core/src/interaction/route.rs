//! The routing table ([`RULES`]) and the one entry point, [`route`]: which handler gets a payload.
//! The payloads are read into their typed [`Route`] by the `leave` and `timesheet` modules.

use super::approval_payload;
use super::approvals::{self, Approvable, ApprovalAction};
use super::payload::{parse_envelope, required_view, Action, Envelope};
use super::routed::{AckReason, AwayButton, Decision, LeaveButton, Route};
use super::shortcuts::{self, ShortcutKind};
use super::timesheet::{self, TimesheetHandler};
use super::{away, celebrations, id_excerpt, ids, leave, PayloadError};

/// Interaction payload types we route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    BlockActions,
    ViewSubmission,
    ViewClosed,
    /// A global shortcut, routed by callback_id through [`shortcuts::SHORTCUTS`].
    Shortcut,
    /// A message shortcut, routed by callback_id through [`shortcuts::SHORTCUTS`].
    MessageAction,
}

impl Kind {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "block_actions" => Some(Self::BlockActions),
            "view_submission" => Some(Self::ViewSubmission),
            "view_closed" => Some(Self::ViewClosed),
            "shortcut" => Some(Self::Shortcut),
            "message_action" => Some(Self::MessageAction),
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
    Away(AwayButton),
    /// An engine document's Approve / Reject ([`approvals::APPROVABLES`]).
    Approval(&'static Approvable, ApprovalAction),
    /// An engine document's reason modal submitted.
    ApprovalRejection(&'static Approvable),
    Celebrations,
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
        id: Pattern::Exact(ids::AWAY_SHOW),
        block_id: Pattern::Exact(ids::AWAY_ACTIONS_BLOCK),
        handler: Handler::Away(AwayButton::Show),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::AWAY_STOP),
        block_id: Pattern::Exact(ids::AWAY_ACTIONS_BLOCK),
        handler: Handler::Away(AwayButton::Stop),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::AWAY_DND),
        block_id: Pattern::Exact(ids::AWAY_ACTIONS_BLOCK),
        handler: Handler::Away(AwayButton::Dnd),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::CELEBRATIONS_CHOICE),
        block_id: Pattern::Exact(ids::CELEBRATIONS_ACTIONS_BLOCK),
        handler: Handler::Celebrations,
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

/// Looks `(kind, id, block_id)` up in [`RULES`], then in the approval engine's table
/// ([`approvals::APPROVABLES`]: its documents' buttons by action_id, their reason modals by
/// callback_id).
pub fn lookup(kind: Kind, id: &str, block_id: &str) -> Option<Handler> {
    RULES
        .iter()
        .find(|r| r.kind == kind && r.id.matches(id) && r.block_id.matches(block_id))
        .map(|r| r.handler)
        .or_else(|| match kind {
            Kind::BlockActions => {
                approvals::action(id).map(|(doc, action)| Handler::Approval(doc, action))
            }
            Kind::ViewSubmission => approvals::reason_callback(id).map(Handler::ApprovalRejection),
            _ => None,
        })
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
        Kind::Shortcut | Kind::MessageAction => {
            let shortcut_kind = if kind == Kind::Shortcut {
                ShortcutKind::Global
            } else {
                ShortcutKind::Message
            };
            let callback_id = env.callback_id.as_deref().unwrap_or("");
            let spec = shortcuts::lookup(shortcut_kind, callback_id)
                .ok_or_else(|| PayloadError::UnknownCallback(id_excerpt(callback_id)))?;
            leave::shortcut(spec, &env)
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
        Handler::LeaveDecision(decision) => leave::decision(decision, env, action),
        Handler::LeaveButton(button) => leave::button(button, env, action),
        Handler::LeaveRejection => leave::rejection(env),
        Handler::HomeApplyLeave => leave::home_apply_leave(env),
        Handler::HalfDayToggle => leave::half_day_toggle(env, action),
        Handler::LeaveSubmission => leave::submission(env),
        Handler::Timesheet(h) => timesheet::dispatch(h, env, action).map(Route::Timesheet),
        Handler::Away(button) => away::button(button, env, action),
        Handler::Approval(document, kind) => {
            approval_payload::route_action(document, kind, env, action)
        }
        Handler::ApprovalRejection(document) => approval_payload::route_rejection(document, env),
        Handler::Celebrations => celebrations::choice(env, action),
    }
}
