//! The words of the approval engine's cards (every approvable document but leave, whose cards
//! keep their own words): the approver's DM, its final state, the requester's notice, the reason
//! modal and the daily reminder. The document's kind ("Expense Claim") and the facts' labels come
//! with the card, already in the reader's words.

use serde::Deserialize;

use super::template::{Template, Text};
use super::Surface;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalWords {
    /// `{0}` the document's kind (a header: words only).
    pub request_header: Template<1>,
    /// `{0}` the requester (mention or bold name), `{1}` the kind, `{2}` the document (a link).
    pub requested: Template<3>,
    pub approve: Text,
    pub reject: Text,
    /// `{0}` who decided (bold).
    pub approved_by: Template<1>,
    pub rejected_by: Template<1>,
    pub cancelled_by: Template<1>,
    pub deleted_by: Template<1>,
    /// `{0}` the new approver, `{1}` who changed it.
    pub reassigned_to_by: Template<2>,
    /// `{0}` the workflow state.
    pub workflow_state: Template<1>,
    /// `{0}` the new workflow state, `{1}` who moved it there.
    pub moved_to_by: Template<2>,
    pub outcome_reason: Text,
    /// The requester's notice: `{0}` the kind (a header: words only).
    pub approved_header: Template<1>,
    pub rejected_header: Template<1>,
    pub cancelled_header: Template<1>,
    pub deleted_header: Template<1>,
    pub reassigned_header: Template<1>,
    /// `{0}` the kind, `{1}` the document (a link), `{2}` one of the four words below (bold),
    /// `{3}` who did it.
    pub request_decided: Template<4>,
    pub approved: Text,
    pub rejected: Text,
    pub cancelled: Text,
    pub deleted: Text,
    /// `{0}` the kind, `{1}` the document (a link), `{2}` the new approver, `{3}` who changed it.
    pub request_reassigned: Template<4>,
    /// The reason modal (plain text; the title at most 24 characters).
    pub modal_title: Text,
    /// `{0}` the document, `{1}` the requester (both bold).
    pub modal_intro: Template<2>,
    pub reason: Text,
    pub reason_hint: Text,
    pub reason_placeholder: Text,
    pub submit: Text,
    pub close: Text,
    /// The daily reminder.
    pub reminder_header: Text,
    /// `{0}` how many are still open.
    pub reminder_intro: Template<1>,
    pub reminder_none_left: Text,
    /// `{0}` the kind, `{1}` the document (a link), `{2}` the requester.
    pub reminder_item: Template<3>,
    /// `{0}` how many more are not listed.
    pub reminder_more: Template<1>,
}

impl Surface for ApprovalWords {
    const NAME: &'static str = "approvals";
}
