//! Block Kit for the leave workflow: the request modal, the approver's message (open and decided),
//! the requester's DMs, short notices, and inline modal errors: [`modal`], [`messages`] and
//! [`notices`]; the small typed helpers they share are here.
//!
//! Builder inputs derive `Deserialize` so the Python glue can hand over plain dicts; dates are
//! ISO `YYYY-MM-DD`. All user-provided text is escaped for mrkdwn (or only length-limited when it
//! lands in a plain_text field), and so are the words (`crate::words`), which every builder takes
//! in the reader's language. Headers carry words only (the catalogue's, never user text),
//! because the fallback `text` rendered from them is parsed as mrkdwn by Slack.

use chrono::NaiveDate;
use slack_morphism::prelude::*;

use super::SerializeError;
use crate::slack_id::SlackUserId;
use crate::{limits, mrkdwn};

pub mod away;
pub mod home;
pub mod messages;
pub mod modal;
pub mod notices;
pub mod reject;
pub mod reminder;
pub mod unfurl;

pub use away::{away_blocks, away_consent_modal, away_status, clear_body, status_body, AwayChoice};
pub use home::{home_view, HomeInput};
pub use messages::{
    approver_message, approver_message_with, approver_outcome_message, approver_request,
    cancellation_outcome_message, cancellation_request_message, requester_confirmation,
    requester_outcome_message, ApprovalChoices, BalanceChange, LeaveDetails, Offer, Outcome,
};
pub use modal::{
    leave_request_modal, view_to_json, view_to_value, LeaveModalInput, LeaveTypeOption,
};
pub use notices::{field_errors_view, notice_message, view_errors, Notice, ViewError};
pub use reject::{reject_reason_modal, RejectModalInput};
pub use reminder::{approver_reminder, ReminderInput, ReminderItem, MAX_REMINDER_ITEMS};
pub use unfurl::{leave_unfurl_card, leave_unfurls, UnfurlCard};

/// Person names and leave type names are short in Frappe (Data fields, 140 chars); this bounds
/// them after escaping so that every section stays far below its limit by construction.
pub(crate) const NAME_CHARS: usize = 200;
/// Longer form URLs are not linked (a link label is enough to find the document).
const MAX_URL_CHARS: usize = 1000;

/// A builder input Slack would reject and that we cannot fix by truncating.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("private_metadata is {len} characters; Slack allows {limit}")]
    PrivateMetadataTooLong { len: usize, limit: usize },
    #[error("the Leave Application name is {len} characters; a button value allows {limit}")]
    ButtonValueTooLong { len: usize, limit: usize },
    #[error("there are no leave types to offer (a select needs at least one option)")]
    NoLeaveTypes,
    #[error("there are no {0} to offer (a select needs at least one option)")]
    NoOptions(&'static str),
    #[error("{0} is not a number of hours (finite, not negative)")]
    BadNumber(&'static str),
    #[error(transparent)]
    Serialize(#[from] SerializeError),
    #[error(
        "no inline errors to show: an errors response without any closes nothing and shows nothing"
    )]
    NoViewErrors,
    #[error("an inline error names no block (the block id is blank)")]
    BlankBlockId,
    #[error("a reminder lists no leave request")]
    NoReminderItems,
    #[error("no approvable document {0:?} (interaction::approvals::APPROVABLES)")]
    UnknownDocument(String),
    #[error("the link is not an http(s) URL Slack can open from a button")]
    BadUrl,
}

// ---------------------------------------------------------------------------------------------
// Small typed helpers
// ---------------------------------------------------------------------------------------------

pub(super) fn plain(text: &str, max: usize) -> SlackBlockPlainTextOnly {
    SlackBlockPlainTextOnly::from(mrkdwn::plain(text, max))
}

pub(crate) fn md_section(text: String) -> SlackBlock {
    SlackSectionBlock::new()
        .with_text(SlackBlockText::MarkDown(SlackBlockMarkDownText::new(
            mrkdwn::truncate(&text, limits::SECTION_TEXT).into_owned(),
        )))
        .into()
}

pub(crate) fn header(text: &str) -> SlackBlock {
    SlackHeaderBlock::new(plain(text, limits::HEADER_TEXT)).into()
}

pub(super) fn input(
    block_id: &str,
    label: &str,
    element: impl Into<SlackInputBlockElement>,
) -> SlackInputBlock {
    SlackInputBlock::new(plain(label, limits::INPUT_LABEL), element.into())
        .with_block_id(SlackBlockId(block_id.to_owned()))
}

pub(super) fn datepicker(action_id: &str, initial: NaiveDate) -> SlackBlockDatePickerElement {
    SlackBlockDatePickerElement::new()
        .with_action_id(SlackActionId(action_id.to_owned()))
        .with_initial_date(initial.to_string())
}

pub(super) type PlainChoice = SlackBlockChoiceItem<SlackBlockPlainTextOnly>;

pub(super) fn choice(label: &str, value: &str) -> PlainChoice {
    SlackBlockChoiceItem::new(
        plain(label, limits::OPTION_TEXT),
        mrkdwn::plain(value, limits::OPTION_VALUE),
    )
}

/// `<url|label>` when the URL is safe inside Slack's link syntax, else the bold label.
pub(super) fn link(url: Option<&str>, label: &str) -> String {
    let label = mrkdwn::escape_truncate(label, NAME_CHARS);
    match url.map(str::trim) {
        Some(u)
            if (u.starts_with("https://") || u.starts_with("http://"))
                && u.chars().count() <= MAX_URL_CHARS
                && !u.contains(|c: char| c == '|' || c == '<' || c == '>' || c.is_whitespace()) =>
        {
            // `&` in a URL is written `&amp;` in mrkdwn, like everywhere else.
            format!("<{}|{label}>", mrkdwn::escape(u))
        }
        _ => format!("*{label}*"),
    }
}

/// `<@U…>` for a well-formed Slack user id ([`SlackUserId`], so Slack renders the live name),
/// else the escaped name in bold.
pub(crate) fn person(slack_id: Option<&str>, name: &str) -> String {
    match slack_id.and_then(|id| SlackUserId::parse(id.trim()).ok()) {
        Some(id) => id.mention(),
        None => format!("*{}*", mrkdwn::escape_truncate(name, NAME_CHARS)),
    }
}
