//! The approval engine's one table ([`APPROVABLES`]): per approvable Frappe HR document its key,
//! DocType and the ids of everything Slack sends back about it (Approve, Reject, the reason
//! modal's callback) and of the blocks that carry its buttons (the approver's DM, the daily
//! reminder's rows, the Home tab's "waiting for you" rows).
//!
//! Leave Application is the first row and keeps the ids it always had (messages in flight keep
//! working); its clicks stay routed by its own rows of [`RULES`](super::RULES) into the leave
//! routes, which carry leave's extras. Every other row is routed here, into the engine's routes
//! ([`Route::Approval`](super::Route::Approval), [`Route::ApprovalRejection`](super::Route::ApprovalRejection)). A new document: a row here (its ids in
//! `ids`), its entry in the Python registry (`erp/approvals.py`).

use super::ids;

/// Who routes a row's clicks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routing {
    /// Leave's own rows of the routing table, into the leave routes (unchanged ids and routes).
    Leave,
    /// The engine: read by `approval_payload` into [`Route::Approval`] /
    /// [`Route::ApprovalRejection`].
    Engine,
}

/// One approvable document.
#[derive(Debug, PartialEq, Eq)]
pub struct Approvable {
    /// The key both sides name the document by (`leave_application`, `expense_claim`, …).
    pub key: &'static str,
    pub doctype: &'static str,
    /// Approve's action_id (value = the document name): decides at once.
    pub approve: &'static str,
    /// Reject's action_id (value = the document name): opens the reason modal first.
    pub reject: &'static str,
    /// The reason modal's callback_id.
    pub reject_reason: &'static str,
    /// The block of the approver's DM that holds the buttons.
    pub actions_block: &'static str,
    /// The daily reminder's rows: block `<prefix><n>`.
    pub reminder_block_prefix: &'static str,
    /// The Home tab's "waiting for you" rows: block `<prefix><n>`.
    pub home_block_prefix: &'static str,
    pub routing: Routing,
}

/// Every document the app brings to its approver in Slack, leave first.
pub static APPROVABLES: &[Approvable] = &[
    Approvable {
        key: "leave_application",
        doctype: "Leave Application",
        approve: ids::LEAVE_APPROVE,
        reject: ids::LEAVE_REJECT,
        reject_reason: ids::LEAVE_REJECT_REASON_CALLBACK,
        actions_block: ids::LEAVE_ACTIONS_BLOCK,
        reminder_block_prefix: ids::REMINDER_ACTIONS_BLOCK_PREFIX,
        home_block_prefix: ids::HOME_WAITING_BLOCK_PREFIX,
        routing: Routing::Leave,
    },
    Approvable {
        key: "expense_claim",
        doctype: "Expense Claim",
        approve: ids::EXPENSE_CLAIM_APPROVE,
        reject: ids::EXPENSE_CLAIM_REJECT,
        reject_reason: ids::EXPENSE_CLAIM_REJECT_REASON_CALLBACK,
        actions_block: ids::EXPENSE_CLAIM_ACTIONS_BLOCK,
        reminder_block_prefix: ids::EXPENSE_CLAIM_REMINDER_BLOCK_PREFIX,
        home_block_prefix: ids::EXPENSE_CLAIM_HOME_BLOCK_PREFIX,
        routing: Routing::Engine,
    },
    Approvable {
        key: "employee_advance",
        doctype: "Employee Advance",
        approve: ids::EMPLOYEE_ADVANCE_APPROVE,
        reject: ids::EMPLOYEE_ADVANCE_REJECT,
        reject_reason: ids::EMPLOYEE_ADVANCE_REJECT_REASON_CALLBACK,
        actions_block: ids::EMPLOYEE_ADVANCE_ACTIONS_BLOCK,
        reminder_block_prefix: ids::EMPLOYEE_ADVANCE_REMINDER_BLOCK_PREFIX,
        home_block_prefix: ids::EMPLOYEE_ADVANCE_HOME_BLOCK_PREFIX,
        routing: Routing::Engine,
    },
    Approvable {
        key: "shift_request",
        doctype: "Shift Request",
        approve: ids::SHIFT_REQUEST_APPROVE,
        reject: ids::SHIFT_REQUEST_REJECT,
        reject_reason: ids::SHIFT_REQUEST_REJECT_REASON_CALLBACK,
        actions_block: ids::SHIFT_REQUEST_ACTIONS_BLOCK,
        reminder_block_prefix: ids::SHIFT_REQUEST_REMINDER_BLOCK_PREFIX,
        home_block_prefix: ids::SHIFT_REQUEST_HOME_BLOCK_PREFIX,
        routing: Routing::Engine,
    },
    Approvable {
        key: "attendance_request",
        doctype: "Attendance Request",
        approve: ids::ATTENDANCE_REQUEST_APPROVE,
        reject: ids::ATTENDANCE_REQUEST_REJECT,
        reject_reason: ids::ATTENDANCE_REQUEST_REJECT_REASON_CALLBACK,
        actions_block: ids::ATTENDANCE_REQUEST_ACTIONS_BLOCK,
        reminder_block_prefix: ids::ATTENDANCE_REQUEST_REMINDER_BLOCK_PREFIX,
        home_block_prefix: ids::ATTENDANCE_REQUEST_HOME_BLOCK_PREFIX,
        routing: Routing::Engine,
    },
    Approvable {
        key: "compensatory_leave_request",
        doctype: "Compensatory Leave Request",
        approve: ids::COMP_LEAVE_APPROVE,
        reject: ids::COMP_LEAVE_REJECT,
        reject_reason: ids::COMP_LEAVE_REJECT_REASON_CALLBACK,
        actions_block: ids::COMP_LEAVE_ACTIONS_BLOCK,
        reminder_block_prefix: ids::COMP_LEAVE_REMINDER_BLOCK_PREFIX,
        home_block_prefix: ids::COMP_LEAVE_HOME_BLOCK_PREFIX,
        routing: Routing::Engine,
    },
];

/// The row of `key`.
pub fn by_key(key: &str) -> Option<&'static Approvable> {
    APPROVABLES.iter().find(|a| a.key == key)
}

/// What an approver's button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalAction {
    /// Decide at once.
    Approve,
    /// Ask for the reason first (a modal), then reject.
    RejectPrompt,
}

impl ApprovalAction {
    /// Handler name as seen by Python.
    pub fn handler(self) -> &'static str {
        match self {
            Self::Approve => "approval_decision",
            Self::RejectPrompt => "approval_reject_prompt",
        }
    }
}

/// The engine row and action of a button's action_id (leave's rows are routed by `RULES`).
pub fn action(action_id: &str) -> Option<(&'static Approvable, ApprovalAction)> {
    APPROVABLES
        .iter()
        .filter(|a| a.routing == Routing::Engine)
        .find_map(|a| {
            if action_id == a.approve {
                Some((a, ApprovalAction::Approve))
            } else if action_id == a.reject {
                Some((a, ApprovalAction::RejectPrompt))
            } else {
                None
            }
        })
}

/// The engine row whose reason modal has `callback_id`.
pub fn reason_callback(callback_id: &str) -> Option<&'static Approvable> {
    APPROVABLES
        .iter()
        .filter(|a| a.routing == Routing::Engine)
        .find(|a| a.reject_reason == callback_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_ids_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in APPROVABLES {
            for id in [
                a.key,
                a.approve,
                a.reject,
                a.reject_reason,
                a.actions_block,
                a.reminder_block_prefix,
                a.home_block_prefix,
            ] {
                assert!(seen.insert(id), "{id} is used twice");
            }
        }
    }

    #[test]
    fn leave_keeps_its_ids_and_its_own_routes() {
        let leave = by_key("leave_application").expect("leave is a row");
        assert_eq!(leave.approve, "leave_approve");
        assert_eq!(leave.reject, "leave_reject");
        assert_eq!(leave.reject_reason, "leave_reject_reason");
        assert_eq!(leave.routing, Routing::Leave);
        assert!(action("leave_approve").is_none());
        assert!(reason_callback("leave_reject_reason").is_none());
    }
}
