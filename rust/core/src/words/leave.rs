//! The words of the leave workflow: the request and reject modals, their inline errors, the
//! messages about one Leave Application, the notices and the approvers' daily reminder.

use serde::Deserialize;

use super::dates::DateWords;
use super::template::{Template, Text};
use super::Surface;

/// The two halves of a half day, as the modal's options and the leave messages name them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodWords {
    pub first_half: Text,
    pub second_half: Text,
}

/// Leave Application statuses as a reader sees them; the stored value is data, these are its
/// words. A status without words here is shown as stored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusWords {
    pub open: Text,
    pub approved: Text,
    pub rejected: Text,
    pub cancelled: Text,
}

impl StatusWords {
    /// The words of a stored status (`Open`, `Approved`, `Rejected`, `Cancelled`), if known.
    pub fn of(&self, status: &str) -> Option<&Text> {
        match status {
            "Open" => Some(&self.open),
            "Approved" => Some(&self.approved),
            "Rejected" => Some(&self.rejected),
            "Cancelled" => Some(&self.cancelled),
            _ => None,
        }
    }
}

/// A Leave Application's link preview (`chat.unfurl`); its facts are in [`LeaveWords`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnfurlWords {
    /// The label of the application's state.
    pub status: Text,
    pub statuses: StatusWords,
}

impl Surface for UnfurlWords {
    const NAME: &'static str = "unfurl";
}

/// The "Apply for Leave" modal (all plain_text).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalWords {
    /// At most 24 characters (Slack's modal title limit; longer is cut).
    pub title: Text,
    pub submit: Text,
    pub close: Text,
    pub start_date: Text,
    pub end_date: Text,
    pub leave_type: Text,
    pub leave_type_placeholder: Text,
    pub half_day: Text,
    pub half_day_option: Text,
    pub half_day_date: Text,
    pub half_period: Text,
    pub half_period_placeholder: Text,
    pub reason: Text,
    pub reason_placeholder: Text,
    pub periods: PeriodWords,
    /// An option group of leave types: `{0}` first and `{1}` last number in the group.
    pub leave_type_group: Template<2>,
    /// Hint when the list was cut: `{0}` shown of `{1}` leave types.
    pub leave_types_cut: Template<2>,
    /// Hint when the list is grouped: `{0}` leave types in groups of `{1}`.
    pub leave_types_grouped: Template<2>,
    /// What `/apply-leave <text>` did not understand.
    pub line: LineWords,
}

/// The note above a modal opened from `/apply-leave <text>`: what was not understood
/// ([`crate::interaction::one_line::Unclear`]); `{0}` is always the words as typed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineWords {
    /// Before the list (in bold).
    pub intro: Text,
    pub not_a_date: Template<1>,
    pub past: Template<1>,
    pub end_before_start: Template<1>,
    pub two_dates: Template<1>,
    /// `{1}` the leave types the words may mean.
    pub leave_types: Template<2>,
    pub half_day_range: Template<1>,
    pub two_halves: Template<1>,
}

impl Surface for ModalWords {
    const NAME: &'static str = "modal";
}

/// The inline errors of a submitted modal (plain text): one word per
/// [`crate::interaction::FormError`] code, and the dates they quote.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewErrorWords {
    pub start_date_missing: Text,
    pub end_date_missing: Text,
    pub leave_type_missing: Text,
    pub reason_missing: Text,
    /// `{0}` the limit, `{1}` the reason's length.
    pub reason_too_long: Template<2>,
    pub end_before_start: Text,
    /// `{0}` first and `{1}` last day of the leave.
    pub half_day_outside: Template<2>,
    pub half_day_date_missing: Text,
    pub half_day_needs_date: Text,
    pub half_period_missing: Text,
    pub dates: DateWords,
}

impl Surface for ViewErrorWords {
    const NAME: &'static str = "view errors";
}

/// The messages about one Leave Application: the approver's (open and decided) and the
/// requester's confirmation and decision (mrkdwn; headers and buttons plain_text).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaveWords {
    /// Header of the approver's message.
    pub request_header: Text,
    /// `{0}` the requester (mention or bold name).
    pub requested: Template<1>,
    pub leave_id: Text,
    pub leave_type: Text,
    pub from_date: Text,
    pub to_date: Text,
    pub total_days: Text,
    pub half_day: Text,
    pub submitted_on: Text,
    pub reason: Text,
    /// The requester's balance of the leave type (label).
    pub balance: Text,
    /// `{0}` the balance before this request, `{1}` after it (numbers of days).
    pub balance_change: Template<2>,
    pub periods: PeriodWords,
    pub approve: Text,
    pub reject: Text,
    /// `{0}` who decided (bold).
    pub approved_by: Template<1>,
    pub rejected_by: Template<1>,
    /// `{0}` who cancelled the approved leave (bold).
    pub cancelled_by: Template<1>,
    /// `{0}` who deleted the request (bold).
    pub deleted_by: Template<1>,
    /// `{0}` the requester who withdrew it (bold).
    pub withdrawn_by: Template<1>,
    /// `{0}` the new leave approver, `{1}` who changed it (both bold).
    pub reassigned_to_by: Template<2>,
    /// `{0}` the workflow state (bold): an Open request on a site with a workflow.
    pub workflow_state: Template<1>,
    /// `{0}` the new workflow state, `{1}` who moved it there (both bold).
    pub moved_to_by: Template<2>,
    /// The label of the decider's reason, under the outcome.
    pub outcome_reason: Text,
    pub submitted_header: Text,
    pub submitted: Text,
    /// `{0}` the approver (bold).
    pub submitted_to: Template<1>,
    pub approved_header: Text,
    pub rejected_header: Text,
    pub cancelled_header: Text,
    pub deleted_header: Text,
    pub withdrawn_header: Text,
    pub reassigned_header: Text,
    /// `{0}` the outcome word ([`Self::approved`], [`Self::rejected`], [`Self::cancelled`],
    /// [`Self::deleted`], bold), `{1}` who did it (bold).
    pub request_decided: Template<2>,
    pub approved: Text,
    pub rejected: Text,
    pub cancelled: Text,
    pub deleted: Text,
    /// The requester's own withdrawal (no "by": they did it).
    pub request_withdrawn: Text,
    /// The requester's button on their confirmation while the application is Open.
    pub withdraw: Text,
    /// `{0}` the new leave approver, `{1}` who changed it (both bold).
    pub request_reassigned: Template<2>,
    /// The requester's button on their confirmation once approved, until the leave starts.
    pub ask_to_cancel: Text,
    /// Header of the approver's DM when the requester asks to cancel an approved leave.
    pub cancellation_header: Text,
    /// `{0}` the requester (mention or bold name).
    pub cancellation_requested: Template<1>,
    pub cancel_leave: Text,
    pub keep_leave: Text,
    /// `{0}` the approver who kept the leave (bold).
    pub kept_by: Template<1>,
    pub kept_header: Text,
    /// `{0}` the approver who kept the leave (bold).
    pub request_kept: Template<1>,
    pub dates: DateWords,
}

impl Surface for LeaveWords {
    const NAME: &'static str = "leave messages";
}

/// The reject-with-reason modal (plain text, but the intro: mrkdwn).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectWords {
    /// At most 24 characters (Slack's modal title limit).
    pub title: Text,
    pub submit: Text,
    pub close: Text,
    /// `{0}` the Leave Application, `{1}` the requester (both bold).
    pub intro: Template<2>,
    pub reason: Text,
    pub reason_placeholder: Text,
    pub reason_hint: Text,
}

impl Surface for RejectWords {
    const NAME: &'static str = "reject modal";
}

/// Short notices for one user (mrkdwn).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeWords {
    /// `{0}` the Leave Application (bold).
    pub not_allowed: Template<1>,
    /// `{0}` the Leave Application (bold).
    pub not_yours: Template<1>,
    /// `{0}` the Leave Application, `{1}` its status (both bold).
    pub already_decided: Template<2>,
    /// … `{2}` who decided (bold).
    pub already_decided_by: Template<3>,
    pub slack_not_linked: Text,
    pub no_employee: Text,
    pub no_leave_types: Text,
    /// `{0}` the Leave Application (bold), `{1}` Frappe's message.
    pub action_failed: Template<2>,
    /// The line after [`Self::action_failed`].
    pub not_changed: Text,
    /// `{0}` the Leave Application (bold).
    pub not_cancellable: Template<1>,
    /// `{0}` the Leave Application, `{1}` the approver (both bold).
    pub cancellation_sent: Template<2>,
    /// `{0}` the Leave Application, `{1}` the approver (both bold).
    pub cancellation_pending: Template<2>,
    pub statuses: StatusWords,
}

impl Surface for NoticeWords {
    const NAME: &'static str = "notices";
}

/// The daily reminder to a leave approver: their Open requests, oldest first (mrkdwn; the header
/// and buttons plain_text). The facts and outcomes use the [`LeaveWords`] of the same language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderWords {
    pub header: Text,
    /// `{0}` how many are still open.
    pub intro: Template<1>,
    /// Once every listed request is decided.
    pub none_left: Text,
    /// `{0}` the Leave Application (a link), `{1}` the requester (mention or bold name).
    pub item: Template<2>,
    /// `{0}` how many more are not listed (over the message's cap).
    pub more: Template<1>,
    /// The label of the link to the desk's list of the approver's Open requests.
    pub open_in_desk: Text,
}

impl Surface for ReminderWords {
    const NAME: &'static str = "approver reminder";
}
