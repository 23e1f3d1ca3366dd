//! The typed [`Route`] each handler receives: what the routing table ([`RULES`](super::RULES))
//! turned a payload into, and the dict Python gets from it.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::approvals::{Approvable, ApprovalAction};
use super::form::{errors_to_value, FormState, InlineErrors, LeaveForm};
use super::shortcuts::ShortcutSpec;
use super::timesheet::TimesheetRoute;
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
    /// A shortcut of the registry ([`super::shortcuts::SHORTCUTS`]): open the leave modal with its
    /// trigger_id; a message shortcut brings the message's text as the reason.
    Shortcut {
        shortcut: &'static ShortcutSpec,
        user_id: SlackUserId,
        trigger_id: String,
        channel_id: Option<String>,
        reason: Option<String>,
    },
    Ack {
        reason: AckReason,
    },
    /// The Log Time modal and the timesheet reminder (`interaction::timesheet`).
    Timesheet(TimesheetRoute),
    /// A "While you are away" button of the Home tab; `dnd`: the choice the Dnd button makes.
    Away {
        button: AwayButton,
        user_id: SlackUserId,
        trigger_id: Option<String>,
        dnd: Option<bool>,
    },
    /// An engine document's Approve (decide) or Reject (ask the reason first), value = its name.
    Approval {
        action: ApprovalAction,
        document: &'static Approvable,
        name: String,
        user_id: SlackUserId,
        channel_id: Option<String>,
        message_ts: Option<String>,
        trigger_id: Option<String>,
    },
    /// An engine document's reason modal submitted: the document and the message it came from,
    /// and the reason or why it cannot be taken.
    ApprovalRejection {
        document: &'static Approvable,
        name: String,
        user_id: SlackUserId,
        channel_id: Option<String>,
        message_ts: Option<String>,
        reason: Result<Option<String>, InlineErrors>,
    },
    /// The Home tab's birthdays and work anniversaries choice; `opt_out`: what the click chooses.
    Celebrations {
        user_id: SlackUserId,
        opt_out: bool,
    },
}

/// The "While you are away" buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwayButton {
    Show,
    Stop,
    Dnd,
}

impl AwayButton {
    pub fn handler(self) -> &'static str {
        match self {
            Self::Show => "away_show",
            Self::Stop => "away_stop",
            Self::Dnd => "away_dnd",
        }
    }
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
            Self::Shortcut { shortcut, .. } => shortcut.handler,
            Self::Ack { .. } => "ack",
            Self::Timesheet(route) => route.handler(),
            Self::Away { button, .. } => button.handler(),
            Self::Approval { action, .. } => action.handler(),
            Self::ApprovalRejection { .. } => "approval_rejection",
            Self::Celebrations { .. } => "celebrations_choice",
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
            Self::Shortcut {
                shortcut,
                user_id,
                trigger_id,
                channel_id,
                reason,
            } => json!({
                "handler": handler,
                "callback_id": shortcut.callback_id,
                "user_id": user_id.as_str(),
                "trigger_id": trigger_id,
                "channel_id": channel_id,
                "reason": reason,
            }),
            Self::Ack { reason } => json!({"handler": handler, "reason": reason.as_str()}),
            Self::Timesheet(route) => route.to_value(),
            Self::Away {
                user_id,
                trigger_id,
                dnd,
                ..
            } => json!({
                "handler": handler,
                "user_id": user_id.as_str(),
                "trigger_id": trigger_id,
                "dnd": dnd,
            }),
            Self::Approval {
                action,
                document,
                name,
                user_id,
                channel_id,
                message_ts,
                trigger_id,
            } => {
                let decision = match action {
                    ApprovalAction::Approve => Decision::Approve,
                    ApprovalAction::RejectPrompt => Decision::Reject,
                };
                json!({
                    "handler": handler,
                    "document": document.key,
                    "doctype": document.doctype,
                    "name": name,
                    "decision": decision.as_str(),
                    "user_id": user_id.as_str(),
                    "channel_id": channel_id,
                    "message_ts": message_ts,
                    "trigger_id": trigger_id,
                })
            }
            Self::ApprovalRejection {
                document,
                name,
                user_id,
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
                    "document": document.key,
                    "doctype": document.doctype,
                    "name": name,
                    "decision": Decision::Reject.as_str(),
                    "user_id": user_id.as_str(),
                    "channel_id": channel_id,
                    "message_ts": message_ts,
                    "reason": reason,
                    "errors": errors,
                })
            }
            Self::Celebrations { user_id, opt_out } => json!({
                "handler": handler,
                "user_id": user_id.as_str(),
                "opt_out": opt_out,
            }),
        }
    }
}
