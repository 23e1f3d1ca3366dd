//! block_id / action_id / callback_id values. Sites have messages and modals in flight with these,
//! so they must never change.

pub const LEAVE_ACTIONS_BLOCK: &str = "leave_actions_block";
pub const LEAVE_APPROVE: &str = "leave_approve";
pub const LEAVE_REJECT: &str = "leave_reject";
pub const APPLY_LEAVE_CALLBACK: &str = "apply_leave_application";
/// The global shortcut "Apply for leave" (⚡ menu, search).
pub const SHORTCUT_APPLY_LEAVE: &str = "apply_leave";
/// The message shortcut "Request leave from this message".
pub const SHORTCUT_LEAVE_FROM_MESSAGE: &str = "request_leave_from_message";
pub const START_DATE_BLOCK: &str = "start_date";
pub const START_DATE_ACTION: &str = "start_date_picker";
pub const END_DATE_BLOCK: &str = "end_date";
pub const END_DATE_ACTION: &str = "end_date_picker";
pub const LEAVE_TYPE_BLOCK: &str = "leave_type";
pub const LEAVE_TYPE_ACTION: &str = "leave_type_select";
pub const REASON_BLOCK: &str = "reason";
pub const REASON_ACTION: &str = "reason_input";
pub const HALF_DAY_BLOCK: &str = "half_day_checkbox";
pub const HALF_DAY_ACTION: &str = "half_day_checkbox";
pub const HALF_DAY_DATE_BLOCK: &str = "half_day_date";
pub const HALF_DAY_DATE_ACTION: &str = "half_day_date_picker";
pub const HALF_PERIOD_BLOCK: &str = "half_day_period";
pub const HALF_PERIOD_ACTION: &str = "half_day_period_select";
/// action_ids starting with this are acknowledged and otherwise ignored (links, info buttons).
pub const IGNORE_PREFIX: &str = "ignore";

/// Leave Application fieldname → the modal input block that shows an error about it. A
/// refusal about no input in particular (or a field the modal has no input for) is shown on
/// the reason block, the one input every leave modal has.
pub const LEAVE_FIELD_BLOCKS: &[(&str, &str)] = &[
    ("from_date", START_DATE_BLOCK),
    ("to_date", END_DATE_BLOCK),
    ("leave_type", LEAVE_TYPE_BLOCK),
    ("half_day_date", HALF_DAY_DATE_BLOCK),
    ("description", REASON_BLOCK),
];

/// The modal block for an error about Leave Application field `field` (see
/// [`LEAVE_FIELD_BLOCKS`]).
pub fn block_for_leave_field(field: &str) -> &'static str {
    LEAVE_FIELD_BLOCKS
        .iter()
        .find(|(name, _)| *name == field)
        .map_or(REASON_BLOCK, |(_, block)| block)
}

/// Reject asks for an optional reason first: the modal's callback, its input block and action.
pub const LEAVE_REJECT_REASON_CALLBACK: &str = "leave_reject_reason";
pub const REJECT_REASON_BLOCK: &str = "reject_reason";
pub const REJECT_REASON_ACTION: &str = "reject_reason_input";
/// The requester's own buttons on their confirmation (value = the Leave Application name).
pub const REQUESTER_ACTIONS_BLOCK: &str = "requester_actions_block";
pub const LEAVE_WITHDRAW: &str = "leave_withdraw";

/// The "Log Time" modal (`/timesheet`, the reminder's button) and its inputs.
pub const TIMESHEET_CALLBACK: &str = "log_timesheet";
pub const TS_DATE_BLOCK: &str = "ts_date";
pub const TS_DATE_ACTION: &str = "ts_date_picker";
pub const TS_PROJECT_BLOCK: &str = "ts_project";
pub const TS_PROJECT_ACTION: &str = "ts_project_select";
pub const TS_TASK_BLOCK: &str = "ts_task";
pub const TS_TASK_ACTION: &str = "ts_task_select";
pub const TS_ACTIVITY_BLOCK: &str = "ts_activity_type";
pub const TS_ACTIVITY_ACTION: &str = "ts_activity_type_select";
pub const TS_HOURS_BLOCK: &str = "ts_hours";
pub const TS_HOURS_ACTION: &str = "ts_hours_input";
pub const TS_DESCRIPTION_BLOCK: &str = "ts_description";
pub const TS_DESCRIPTION_ACTION: &str = "ts_description_input";
/// The reminder's "Log time" button (value = the ISO date to log for).
pub const TS_REMINDER_ACTIONS_BLOCK: &str = "ts_reminder_actions";
pub const TS_LOG_TIME: &str = "ts_log_time";

/// Timesheet / Timesheet Detail fieldname → the modal input block that shows an error about it;
/// anything else (a refusal about the time log as a whole) is shown on the description, the one
/// free-text input every Log Time modal has.
pub const TIMESHEET_FIELD_BLOCKS: &[(&str, &str)] = &[
    ("date", TS_DATE_BLOCK),
    ("from_time", TS_HOURS_BLOCK),
    ("to_time", TS_HOURS_BLOCK),
    ("hours", TS_HOURS_BLOCK),
    ("project", TS_PROJECT_BLOCK),
    ("task", TS_TASK_BLOCK),
    ("activity_type", TS_ACTIVITY_BLOCK),
    ("description", TS_DESCRIPTION_BLOCK),
];

/// The Log Time modal block for an error about field `field` (see [`TIMESHEET_FIELD_BLOCKS`]).
pub fn block_for_timesheet_field(field: &str) -> &'static str {
    TIMESHEET_FIELD_BLOCKS
        .iter()
        .find(|(name, _)| *name == field)
        .map_or(TS_DESCRIPTION_BLOCK, |(_, block)| block)
}
/// An approved leave that has not started: the requester asks the approver to cancel it.
pub const LEAVE_ASK_CANCEL: &str = "leave_ask_cancel";
/// The approver's answer to a cancellation request (value = the Leave Application name).
pub const CANCELLATION_ACTIONS_BLOCK: &str = "cancellation_actions_block";
pub const LEAVE_CANCEL: &str = "leave_cancel";
pub const LEAVE_KEEP: &str = "leave_keep";
/// The Home tab: its Apply for leave button and the blocks of what waits for an approver (the
/// buttons there reuse the DMs' action ids).
pub const HOME_ACTIONS_BLOCK: &str = "home_actions_block";
pub const HOME_APPLY_LEAVE: &str = "home_apply_leave";
pub const HOME_WAITING_BLOCK_PREFIX: &str = "home_waiting_";
/// The daily reminder's Approve / Reject rows (they reuse `leave_approve` / `leave_reject`, value
/// = the Leave Application name): block `leave_reminder_actions_<n>`, n = the row's position.
pub const REMINDER_ACTIONS_BLOCK_PREFIX: &str = "leave_reminder_actions_";
/// "While you are away" on the Home tab: show my leave in Slack (opens the consent modal), stop
/// showing it, and the Do Not Disturb choice (value `on` / `off`: what the click chooses).
pub const AWAY_ACTIONS_BLOCK: &str = "away_actions_block";
pub const AWAY_SHOW: &str = "away_show";
pub const AWAY_STOP: &str = "away_stop";
pub const AWAY_DND: &str = "away_dnd";
/// The consent modal's link to Slack's authorize page (a URL button: Slack still sends the click,
/// which is only acknowledged).
pub const AWAY_AUTHORIZE: &str = "ignore_away_authorize";
pub const AWAY_CONSENT_CALLBACK: &str = "away_consent";

/// The approval engine's documents besides leave (rows of
/// [`APPROVABLES`](super::approvals::APPROVABLES)): each its own Approve / Reject buttons (value =
/// the document name), reason modal, actions block and reminder / Home block prefixes.
pub const EXPENSE_CLAIM_APPROVE: &str = "expense_claim_approve";
pub const EXPENSE_CLAIM_REJECT: &str = "expense_claim_reject";
pub const EXPENSE_CLAIM_REJECT_REASON_CALLBACK: &str = "expense_claim_reject_reason";
pub const EXPENSE_CLAIM_ACTIONS_BLOCK: &str = "expense_claim_actions_block";
pub const EXPENSE_CLAIM_REMINDER_BLOCK_PREFIX: &str = "expense_claim_reminder_actions_";
pub const EXPENSE_CLAIM_HOME_BLOCK_PREFIX: &str = "home_waiting_expense_claim_";
pub const EMPLOYEE_ADVANCE_APPROVE: &str = "employee_advance_approve";
pub const EMPLOYEE_ADVANCE_REJECT: &str = "employee_advance_reject";
pub const EMPLOYEE_ADVANCE_REJECT_REASON_CALLBACK: &str = "employee_advance_reject_reason";
pub const EMPLOYEE_ADVANCE_ACTIONS_BLOCK: &str = "employee_advance_actions_block";
pub const EMPLOYEE_ADVANCE_REMINDER_BLOCK_PREFIX: &str = "employee_advance_reminder_actions_";
pub const EMPLOYEE_ADVANCE_HOME_BLOCK_PREFIX: &str = "home_waiting_employee_advance_";
pub const SHIFT_REQUEST_APPROVE: &str = "shift_request_approve";
pub const SHIFT_REQUEST_REJECT: &str = "shift_request_reject";
pub const SHIFT_REQUEST_REJECT_REASON_CALLBACK: &str = "shift_request_reject_reason";
pub const SHIFT_REQUEST_ACTIONS_BLOCK: &str = "shift_request_actions_block";
pub const SHIFT_REQUEST_REMINDER_BLOCK_PREFIX: &str = "shift_request_reminder_actions_";
pub const SHIFT_REQUEST_HOME_BLOCK_PREFIX: &str = "home_waiting_shift_request_";
pub const ATTENDANCE_REQUEST_APPROVE: &str = "attendance_request_approve";
pub const ATTENDANCE_REQUEST_REJECT: &str = "attendance_request_reject";
pub const ATTENDANCE_REQUEST_REJECT_REASON_CALLBACK: &str = "attendance_request_reject_reason";
pub const ATTENDANCE_REQUEST_ACTIONS_BLOCK: &str = "attendance_request_actions_block";
pub const ATTENDANCE_REQUEST_REMINDER_BLOCK_PREFIX: &str = "attendance_request_reminder_actions_";
pub const ATTENDANCE_REQUEST_HOME_BLOCK_PREFIX: &str = "home_waiting_attendance_request_";
pub const COMP_LEAVE_APPROVE: &str = "comp_leave_request_approve";
pub const COMP_LEAVE_REJECT: &str = "comp_leave_request_reject";
pub const COMP_LEAVE_REJECT_REASON_CALLBACK: &str = "comp_leave_request_reject_reason";
pub const COMP_LEAVE_ACTIONS_BLOCK: &str = "comp_leave_request_actions_block";
pub const COMP_LEAVE_REMINDER_BLOCK_PREFIX: &str = "comp_leave_request_reminder_actions_";
pub const COMP_LEAVE_HOME_BLOCK_PREFIX: &str = "home_waiting_comp_leave_request_";
/// The Home tab's birthdays and work anniversaries choice (value `out`: keep mine out of the
/// digests; `in`: announce them again).
pub const CELEBRATIONS_ACTIONS_BLOCK: &str = "celebrations_actions_block";
pub const CELEBRATIONS_CHOICE: &str = "celebrations_choice";
