//! Block Kit for the leave workflow: the request modal, the approver's message (open and decided),
//! the requester's DMs, short notices, and inline modal errors.
//!
//! Builder inputs derive `Deserialize` so the Python glue can hand over plain dicts; dates are
//! ISO `YYYY-MM-DD`. All user-provided text is escaped for mrkdwn (or only length-limited when it
//! lands in a plain_text field); headers carry static text only, because the fallback `text`
//! rendered from them is parsed as mrkdwn by Slack.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use slack_morphism::prelude::*;

use super::{Message, SerializeError};
use crate::dates::display_date;
use crate::half_period::HalfPeriod;
use crate::interaction::{ids, Decision, FormState, InlineError, MAX_REASON_CHARS};
use crate::slack_id::SlackUserId;
use crate::{limits, mrkdwn};

pub const MODAL_TITLE: &str = "Apply for Leave";
const MODAL_SUBMIT: &str = "Submit";
const MODAL_CLOSE: &str = "Cancel";
/// Person names and leave type names are short in Frappe (Data fields, 140 chars); this bounds
/// them after escaping so that every section stays far below its limit by construction.
const NAME_CHARS: usize = 200;
/// Longer form URLs are not linked (a link label is enough to find the document).
const MAX_URL_CHARS: usize = 1000;
const REASON_PREFIX: &str = "*Reason:*\n";

/// A builder input Slack would reject and that we cannot fix by truncating.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("private_metadata is {len} characters; Slack allows {limit}")]
    PrivateMetadataTooLong { len: usize, limit: usize },
    #[error("the Leave Application name is {len} characters; a button value allows {limit}")]
    ButtonValueTooLong { len: usize, limit: usize },
    #[error("there are no leave types to offer (a select needs at least one option)")]
    NoLeaveTypes,
    #[error(transparent)]
    Serialize(#[from] SerializeError),
    #[error(
        "no inline errors to show: an errors response without any closes nothing and shows nothing"
    )]
    NoViewErrors,
    #[error("an inline error names no block (the block id is blank)")]
    BlankBlockId,
}

// ---------------------------------------------------------------------------------------------
// Small typed helpers
// ---------------------------------------------------------------------------------------------

fn plain(text: &str, max: usize) -> SlackBlockPlainTextOnly {
    SlackBlockPlainTextOnly::from(mrkdwn::plain(text, max))
}

fn md_section(text: String) -> SlackBlock {
    SlackSectionBlock::new()
        .with_text(SlackBlockText::MarkDown(SlackBlockMarkDownText::new(
            mrkdwn::truncate(&text, limits::SECTION_TEXT).into_owned(),
        )))
        .into()
}

fn header(text: &str) -> SlackBlock {
    SlackHeaderBlock::new(plain(text, limits::HEADER_TEXT)).into()
}

fn input(
    block_id: &str,
    label: &str,
    element: impl Into<SlackInputBlockElement>,
) -> SlackInputBlock {
    SlackInputBlock::new(plain(label, limits::INPUT_LABEL), element.into())
        .with_block_id(SlackBlockId(block_id.to_owned()))
}

fn datepicker(action_id: &str, initial: NaiveDate) -> SlackBlockDatePickerElement {
    SlackBlockDatePickerElement::new()
        .with_action_id(SlackActionId(action_id.to_owned()))
        .with_initial_date(initial.to_string())
}

type PlainChoice = SlackBlockChoiceItem<SlackBlockPlainTextOnly>;

fn choice(label: &str, value: &str) -> PlainChoice {
    SlackBlockChoiceItem::new(
        plain(label, limits::OPTION_TEXT),
        mrkdwn::plain(value, limits::OPTION_VALUE),
    )
}

/// `<url|label>` when the URL is safe inside Slack's link syntax, else the bold label.
fn link(url: Option<&str>, label: &str) -> String {
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
fn person(slack_id: Option<&str>, name: &str) -> String {
    match slack_id.and_then(|id| SlackUserId::parse(id.trim()).ok()) {
        Some(id) => id.mention(),
        None => format!("*{}*", mrkdwn::escape_truncate(name, NAME_CHARS)),
    }
}

fn decided_line(decision: Decision, decided_by: &str) -> String {
    let by = mrkdwn::escape_truncate(decided_by, NAME_CHARS);
    match decision {
        Decision::Approve => format!("✅ Approved by *{by}*"),
        Decision::Reject => format!("❌ Rejected by *{by}*"),
    }
}

// ---------------------------------------------------------------------------------------------
// The leave request modal
// ---------------------------------------------------------------------------------------------

/// One leave type the requester may choose: `name` is the Leave Type document name (the value
/// submitted back), `label` what the user sees (defaults to the name).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaveTypeOption {
    pub name: String,
    #[serde(default)]
    pub label: Option<String>,
}

/// Everything the leave request modal shows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaveModalInput {
    /// In order of relevance; duplicates (same name) are dropped.
    pub leave_types: Vec<LeaveTypeOption>,
    /// Default start and end date.
    pub today: NaiveDate,
    /// Show the half-day inputs (the checkbox state; `current.half_day` is not consulted).
    #[serde(default)]
    pub half_day_checked: bool,
    /// Ask for the half-day date; by default asked when the range spans several days.
    #[serde(default)]
    pub show_half_day_date: Option<bool>,
    /// The site's Leave Application has `custom_first_halfsecond_half`: ask for the period too.
    #[serde(default)]
    pub has_half_period_field: bool,
    /// Values to keep when the modal is rebuilt (the `values` of a half_day_toggle route).
    #[serde(default)]
    pub current: FormState,
    /// Opaque to Slack, returned with every interaction; at most 3000 characters.
    #[serde(default)]
    pub private_metadata: String,
}

/// Leave type options: a flat list up to Slack's 100, else option groups of 100 (at most 100
/// groups). Returns the select and, when something had to be said about the list, a hint.
fn leave_type_select(
    types: &[LeaveTypeOption],
    current: Option<&str>,
) -> Result<(SlackBlockStaticSelectElement, Option<String>), BuildError> {
    let mut seen = HashSet::new();
    let unique: Vec<&LeaveTypeOption> = types
        .iter()
        .filter(|t| !t.name.trim().is_empty() && seen.insert(t.name.as_str()))
        .collect();
    if unique.is_empty() {
        return Err(BuildError::NoLeaveTypes);
    }
    let total = unique.len();
    let shown = total.min(limits::OPTION_GROUPS * limits::SELECT_OPTIONS);
    // Frappe names fit the 150-char option value; a longer one would be cut and then fail as an
    // unknown Leave Type on submit, which is reported inline.
    let items: Vec<PlainChoice> = unique
        .iter()
        .take(shown)
        .map(|t| choice(t.label.as_deref().unwrap_or(&t.name), &t.name))
        .collect();
    let initial = current.and_then(|name| {
        items
            .iter()
            .find(|c| c.value == mrkdwn::plain(name, limits::OPTION_VALUE))
            .cloned()
    });
    let select = SlackBlockStaticSelectElement::new()
        .with_action_id(SlackActionId(ids::LEAVE_TYPE_ACTION.to_owned()))
        .with_placeholder(plain("Select a leave type", limits::PLACEHOLDER))
        .opt_initial_option(initial);
    if total <= limits::SELECT_OPTIONS {
        return Ok((select.with_options(items), None));
    }
    let groups: Vec<SlackBlockOptionGroup<SlackBlockPlainTextOnly>> = items
        .chunks(limits::SELECT_OPTIONS)
        .enumerate()
        .map(|(i, chunk)| {
            let first = i * limits::SELECT_OPTIONS + 1;
            let last = first + chunk.len() - 1;
            SlackBlockOptionGroup::new(
                plain(
                    &format!("Leave types {first}–{last}"),
                    limits::OPTION_GROUP_LABEL,
                ),
                chunk.to_vec(),
            )
        })
        .collect();
    let hint = if shown < total {
        format!("Showing the first {shown} of {total} leave types. Ask HR if yours is missing.")
    } else {
        format!(
            "{total} leave types, listed in groups of {}.",
            limits::SELECT_OPTIONS
        )
    };
    Ok((select.with_option_groups(groups), Some(hint)))
}

fn half_day_checkbox(checked: bool) -> SlackInputBlock {
    let option: SlackBlockChoiceItem<SlackBlockText> = SlackBlockChoiceItem::new(
        SlackBlockText::Plain(SlackBlockPlainText::new(
            "One of these days is a half day".into(),
        )),
        "half_day".into(),
    );
    let element = SlackBlockCheckboxesElement::new(vec![option.clone()])
        .with_action_id(SlackActionId(ids::HALF_DAY_ACTION.to_owned()))
        .opt_initial_options(checked.then(|| vec![option]));
    // optional: an unchecked box must not be a "required field" error; dispatch_action: the toggle
    // must reach us so the modal can grow or shrink its half-day inputs.
    input(ids::HALF_DAY_BLOCK, "Half Day", element)
        .with_optional(true)
        .with_dispatch_action(true)
}

fn half_period_select(current: Option<HalfPeriod>) -> SlackInputBlock {
    let options: Vec<PlainChoice> = [HalfPeriod::FirstHalf, HalfPeriod::SecondHalf]
        .iter()
        .map(|p| choice(p.label(), p.code()))
        .collect();
    let initial = current.map(|p| choice(p.label(), p.code()));
    let element = SlackBlockStaticSelectElement::new()
        .with_action_id(SlackActionId(ids::HALF_PERIOD_ACTION.to_owned()))
        .with_placeholder(plain("First or second half", limits::PLACEHOLDER))
        .with_options(options)
        .opt_initial_option(initial);
    input(ids::HALF_PERIOD_BLOCK, "Which Half", element)
}

/// The "Apply for Leave" modal (also its half-day variant, for `views.update`).
pub fn leave_request_modal(input_: &LeaveModalInput) -> Result<SlackView, BuildError> {
    let metadata_len = input_.private_metadata.chars().count();
    if metadata_len > limits::PRIVATE_METADATA {
        // Cutting it would corrupt whatever the handler encoded in it.
        return Err(BuildError::PrivateMetadataTooLong {
            len: metadata_len,
            limit: limits::PRIVATE_METADATA,
        });
    }
    let cur = &input_.current;
    let start = cur.start_date.unwrap_or(input_.today);
    let end = cur.end_date.unwrap_or(input_.today);
    let (select, hint) = leave_type_select(&input_.leave_types, cur.leave_type.as_deref())?;
    let mut leave_type = input(ids::LEAVE_TYPE_BLOCK, "Leave Type", select);
    if let Some(h) = hint {
        leave_type = leave_type.with_hint(plain(&h, limits::INPUT_HINT));
    }

    let mut blocks: Vec<SlackBlock> = vec![
        input(
            ids::START_DATE_BLOCK,
            "Start Date",
            datepicker(ids::START_DATE_ACTION, start),
        )
        .into(),
        input(
            ids::END_DATE_BLOCK,
            "End Date",
            datepicker(ids::END_DATE_ACTION, end),
        )
        .into(),
        leave_type.into(),
        half_day_checkbox(input_.half_day_checked).into(),
    ];
    if input_.half_day_checked {
        if input_.show_half_day_date.unwrap_or(start != end) {
            let initial = cur.half_day_date.unwrap_or(start);
            blocks.push(
                input(
                    ids::HALF_DAY_DATE_BLOCK,
                    "Half Day Date",
                    datepicker(ids::HALF_DAY_DATE_ACTION, initial),
                )
                .into(),
            );
        }
        if input_.has_half_period_field {
            blocks.push(half_period_select(cur.half_period).into());
        }
    }
    let reason = SlackBlockPlainTextInputElement::new()
        .with_action_id(SlackActionId(ids::REASON_ACTION.to_owned()))
        .with_multiline(true)
        .with_max_length(MAX_REASON_CHARS.min(limits::PLAIN_TEXT_INPUT) as u64)
        .with_placeholder(plain("Why are you taking leave?", limits::PLACEHOLDER))
        .opt_initial_value(
            cur.reason
                .as_deref()
                .map(|r| mrkdwn::plain(r, MAX_REASON_CHARS)),
        );
    blocks.push(input(ids::REASON_BLOCK, "Reason", reason).into());

    let view = SlackModalView::new(plain(MODAL_TITLE, limits::MODAL_TITLE), blocks)
        .with_callback_id(SlackCallbackId(ids::APPLY_LEAVE_CALLBACK.to_owned()))
        .with_submit(plain(MODAL_SUBMIT, limits::MODAL_BUTTON_TEXT))
        .with_close(plain(MODAL_CLOSE, limits::MODAL_BUTTON_TEXT))
        .opt_private_metadata(Some(input_.private_metadata.clone()).filter(|m| !m.is_empty()));
    Ok(SlackView::Modal(view))
}

/// A view as the JSON `views.open` / `views.update` take.
pub fn view_to_value(view: &SlackView) -> Result<Value, BuildError> {
    Ok(super::to_json("the view", view)?)
}

// ---------------------------------------------------------------------------------------------
// Messages about one Leave Application
// ---------------------------------------------------------------------------------------------

/// One Leave Application as the messages show it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaveDetails {
    /// Document name, e.g. `HR-LAP-2026-00042`; the approval buttons' value.
    pub leave_application: String,
    /// `get_url_to_form(...)`; the Leave ID links to it.
    #[serde(default)]
    pub form_url: Option<String>,
    pub requester_name: String,
    #[serde(default)]
    pub requester_slack_id: Option<String>,
    pub leave_type: String,
    #[serde(default)]
    pub posting_date: Option<NaiveDate>,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    #[serde(default)]
    pub total_days: Option<f64>,
    #[serde(default)]
    pub half_day: bool,
    #[serde(default)]
    pub half_day_date: Option<NaiveDate>,
    #[serde(default)]
    pub half_period: Option<HalfPeriod>,
    #[serde(default)]
    pub reason: Option<String>,
}

fn days_text(days: f64) -> String {
    if days.fract() == 0.0 && days.abs() < 1e9 {
        format!("{days:.0}")
    } else {
        format!("{days}")
    }
}

/// The facts block: one mrkdwn line per fact, so the fallback text reads like the message.
fn details_section(d: &LeaveDetails) -> SlackBlock {
    let mut lines = vec![
        format!(
            "*Leave ID:* {}",
            link(d.form_url.as_deref(), &d.leave_application)
        ),
        format!(
            "*Leave Type:* {}",
            mrkdwn::escape_truncate(&d.leave_type, NAME_CHARS)
        ),
        format!("*From:* {}", display_date(d.from_date)),
        format!("*To:* {}", display_date(d.to_date)),
    ];
    if let Some(days) = d.total_days.filter(|x| x.is_finite()) {
        lines.push(format!("*Total Days:* {}", days_text(days)));
    }
    if d.half_day {
        let date = d.half_day_date.unwrap_or(d.from_date);
        let mut line = format!("*Half Day:* {}", display_date(date));
        if let Some(p) = d.half_period {
            line.push_str(", ");
            line.push_str(p.label());
        }
        lines.push(line);
    }
    if let Some(posted) = d.posting_date {
        lines.push(format!("*Submitted On:* {}", display_date(posted)));
    }
    md_section(lines.join("\n"))
}

fn reason_section(d: &LeaveDetails) -> Option<SlackBlock> {
    let reason = d
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())?;
    let budget = limits::SECTION_TEXT - REASON_PREFIX.chars().count();
    Some(md_section(format!(
        "{REASON_PREFIX}{}",
        mrkdwn::escape_truncate(reason, budget)
    )))
}

fn check_button_value(name: &str) -> Result<(), BuildError> {
    let len = name.chars().count();
    if len > limits::BUTTON_VALUE {
        // A cut value would approve a different (or no) document.
        return Err(BuildError::ButtonValueTooLong {
            len,
            limit: limits::BUTTON_VALUE,
        });
    }
    Ok(())
}

fn approval_actions(name: &str) -> SlackBlock {
    let approve = SlackBlockButtonElement::new(plain("Approve", limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(ids::LEAVE_APPROVE.to_owned()))
        .with_value(name.to_owned())
        .with_style(SlackBlockButtonStyle::Primary);
    let reject = SlackBlockButtonElement::new(plain("Reject", limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(ids::LEAVE_REJECT.to_owned()))
        .with_value(name.to_owned())
        .with_style(SlackBlockButtonStyle::Danger);
    SlackActionsBlock::new(vec![approve.into(), reject.into()])
        .with_block_id(SlackBlockId(ids::LEAVE_ACTIONS_BLOCK.to_owned()))
        .into()
}

/// The header, who asked, the facts and the reason: shared by the open and the decided message.
fn request_blocks(d: &LeaveDetails) -> Vec<SlackBlock> {
    let mut blocks = vec![
        header("Leave Request"),
        md_section(format!(
            "{} has requested leave.",
            person(d.requester_slack_id.as_deref(), &d.requester_name)
        )),
        details_section(d),
    ];
    blocks.extend(reason_section(d));
    blocks
}

/// The approver's DM: the request and Approve / Reject buttons carrying the document name.
pub fn approver_message(d: &LeaveDetails) -> Result<Message, BuildError> {
    check_button_value(&d.leave_application)?;
    let mut blocks = request_blocks(d);
    blocks.push(approval_actions(&d.leave_application));
    Ok(Message::from_blocks(blocks))
}

/// The approver's message after a decision: the buttons replaced by who decided what.
pub fn decided_message(d: &LeaveDetails, decision: Decision, decided_by: &str) -> Message {
    let mut blocks = request_blocks(d);
    blocks.push(md_section(decided_line(decision, decided_by)));
    Message::from_blocks(blocks)
}

/// DM to the requester once the application exists.
pub fn requester_confirmation(d: &LeaveDetails, approver_name: Option<&str>) -> Message {
    let sent_to = approver_name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            format!(
                " and sent to *{}* for approval",
                mrkdwn::escape_truncate(n, NAME_CHARS)
            )
        })
        .unwrap_or_default();
    let mut blocks = vec![
        header("Leave Request Submitted"),
        md_section(format!("Your leave request was submitted{sent_to}.")),
        details_section(d),
    ];
    blocks.extend(reason_section(d));
    Message::from_blocks(blocks)
}

/// DM to the requester once an approver decided.
pub fn requester_decision(d: &LeaveDetails, decision: Decision, decided_by: &str) -> Message {
    let by = mrkdwn::escape_truncate(decided_by, NAME_CHARS);
    let (title, sentence) = match decision {
        Decision::Approve => (
            "Leave Approved",
            format!("✅ Your leave request was *approved* by *{by}*."),
        ),
        Decision::Reject => (
            "Leave Rejected",
            format!("❌ Your leave request was *rejected* by *{by}*."),
        ),
    };
    Message::from_blocks(vec![
        header(title),
        md_section(sentence),
        details_section(d),
    ])
}

// ---------------------------------------------------------------------------------------------
// Notices (ephemeral messages) and inline modal errors
// ---------------------------------------------------------------------------------------------

/// Short messages for one user, usually ephemeral: what went wrong and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Notice {
    /// The clicking user is neither the leave approver nor an HR Manager.
    NotAllowed { leave_application: String },
    /// The application is no longer Open (decided from desk, or a double click).
    AlreadyDecided {
        leave_application: String,
        status: String,
        #[serde(default)]
        decided_by: Option<String>,
    },
    /// No Frappe user is linked to the Slack user.
    SlackNotLinked,
    /// The Frappe user has no active Employee.
    NoEmployee,
    /// Nothing to apply for today.
    NoLeaveTypes,
    /// Frappe refused the approval/rejection (e.g. insufficient balance); nothing changed.
    ActionFailed {
        leave_application: String,
        message: String,
    },
    /// Anything else worth telling the user.
    Error { message: String },
}

const NOTICE_MESSAGE_CHARS: usize = 2000;

fn notice_text(n: &Notice) -> String {
    let id = |s: &str| mrkdwn::escape_truncate(s, NAME_CHARS);
    match n {
        Notice::NotAllowed { leave_application } => format!(
            "⛔ You are not allowed to approve or reject *{}*. Only its leave approver or an HR \
             Manager can.",
            id(leave_application)
        ),
        Notice::AlreadyDecided {
            leave_application,
            status,
            decided_by,
        } => {
            let by = decided_by
                .as_deref()
                .map(str::trim)
                .filter(|b| !b.is_empty())
                .map(|b| format!(" by *{}*", id(b)))
                .unwrap_or_default();
            format!(
                "ℹ️ *{}* is already *{}*{by}. Nothing was changed.",
                id(leave_application),
                id(status)
            )
        }
        Notice::SlackNotLinked => "🔗 Your Slack account is not linked to a user in the HR \
                                   system. Ask HR to connect your Slack account, then try again."
            .into(),
        Notice::NoEmployee => "🔗 Your user has no active Employee record. Ask HR to link your \
                               user to your Employee record, then try again."
            .into(),
        Notice::NoLeaveTypes => "📭 You have no leave type to apply for today. Ask HR to \
                                 allocate leave to you."
            .into(),
        Notice::ActionFailed {
            leave_application,
            message,
        } => format!(
            "⚠️ Could not update *{}*: {}\nThe leave application was not changed.",
            id(leave_application),
            mrkdwn::escape_truncate(message, NOTICE_MESSAGE_CHARS)
        ),
        Notice::Error { message } => {
            format!(
                "⚠️ {}",
                mrkdwn::escape_truncate(message, NOTICE_MESSAGE_CHARS)
            )
        }
    }
}

/// A one-section message for a [`Notice`].
pub fn notice_message(n: &Notice) -> Message {
    Message::from_blocks(vec![md_section(notice_text(n))])
}

/// `{"response_action": "errors", "errors": {block_id: message}}` for a view_submission answer.
/// Messages are plain text (Slack shows them verbatim under the input); the first one per block
/// wins.
///
/// Refuses what would not keep the modal open with the errors shown: no errors at all, or a
/// block id that is blank once cut to Slack's length (it names no input).
pub fn view_errors<I, K, V>(errors: I) -> Result<Value, BuildError>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut map = HashMap::new();
    for (block_id, message) in errors {
        let block_id = mrkdwn::plain(block_id.as_ref(), limits::BLOCK_ID);
        if block_id.trim().is_empty() {
            return Err(BuildError::BlankBlockId);
        }
        map.entry(block_id)
            .or_insert_with(|| mrkdwn::plain(message.as_ref(), limits::VIEW_ERROR_TEXT));
    }
    if map.is_empty() {
        return Err(BuildError::NoViewErrors);
    }
    let response = SlackViewSubmissionResponse::Errors(SlackViewSubmissionErrorsResponse::new(map));
    Ok(super::to_json(
        "the view_submission errors response",
        &response,
    )?)
}

/// [`view_errors`] for the validation errors of a routed submission.
pub fn field_errors_view(errors: &[InlineError]) -> Result<Value, BuildError> {
    view_errors(errors.iter().map(|e| (e.block_id, e.message.as_str())))
}
